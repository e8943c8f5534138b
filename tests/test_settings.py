"""The learner's settings file: a bad one is moved aside, never overwritten, and reported once."""

import shutil
from pathlib import Path

import pytest

from desktop_app.core.context import AppContext, load_settings
from desktop_app.core.settings import Settings

BAD_SETTINGS = Path(__file__).resolve().parent / "bad_inputs" / "settings"


@pytest.mark.parametrize("name", ["not_json.json", "not_an_object.json", "wrong_types.json"])
def test_a_bad_settings_file_is_moved_aside_and_outlives_saving_the_defaults(name, tmp_path, monkeypatch):
    monkeypatch.setenv("SIGNPRACTICE_DATA_DIR", str(tmp_path))
    path = tmp_path / "settings.json"
    shutil.copyfile(BAD_SETTINGS / name, path)
    original = path.read_bytes()

    settings, problem = load_settings()
    assert settings == Settings()
    (kept,) = tmp_path.glob("settings.json.corrupt-*")
    assert kept.read_bytes() == original
    assert str(path) in problem and str(kept) in problem

    AppContext(settings, None, None).close()  # quitting the app saves the settings in use
    assert kept.read_bytes() == original
    assert Settings.load(path) == Settings()

    assert load_settings() == (Settings(), None)  # told once: the next start has nothing to complain about


def test_a_good_settings_file_is_left_where_it_is(tmp_path):
    path = tmp_path / "settings.json"
    Settings(camera_index=2, left_handed=True).save(path)
    assert Settings.load(path) == Settings(camera_index=2, left_handed=True)
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]
