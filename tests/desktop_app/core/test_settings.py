"""The learner's settings file: a bad one is moved aside, never overwritten, and reported once."""

import dataclasses
import shutil

import pytest

from desktop_app.core.app.context import AppContext, load_settings
from desktop_app.core.shared.settings import Settings
from signcore.errors import InputError
from tests.support import REPO

BAD_SETTINGS = REPO / "tests" / "bad_inputs" / "settings"


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


# A value other than the default for every setting: a new setting without one here fails the tests below.
NON_DEFAULT_SETTINGS = {
    "camera_index": 3,
    "camera_turns": {"camera 3": 1, "/videos/sideways.mp4": 3},
    "video_path": "/videos/me signing.mp4",
    "video_is_selfie": False,
    "mirror_display": False,
    "left_handed": True,
    "signing_hand_asked": True,
    "auto_start": True,
    "playback_speed": 0.75,
    "model_path": "/models/my encoder.onnx",
    "database_path": "/data/another.db",
    "last_sign": "hello",
    "last_sign_id": 7,
    "last_sign_language": "ASL",
    "language": "DGS",
    "last_folder": "/videos",
    "last_export_folder": "/backups",
    "import_kind": "video",
    "new_signs_per_day": 2,
}


def test_every_setting_has_a_value_to_test_with():
    assert set(NON_DEFAULT_SETTINGS) == {field.name for field in dataclasses.fields(Settings)}
    defaults = dataclasses.asdict(Settings())
    assert [name for name, value in NON_DEFAULT_SETTINGS.items() if defaults[name] == value] == []


@pytest.mark.parametrize("name", sorted(NON_DEFAULT_SETTINGS))
def test_each_setting_is_kept_across_a_restart(name, tmp_path):
    path = tmp_path / "settings.json"
    AppContext(Settings(), None, None, settings_path=path).update_settings(
        **{name: NON_DEFAULT_SETTINGS[name]}
    )
    reloaded = Settings.load(path)
    assert getattr(reloaded, name) == NON_DEFAULT_SETTINGS[name]
    assert dataclasses.replace(reloaded, **{name: getattr(Settings(), name)}) == Settings()  # only that one


def test_all_settings_at_once_are_kept_across_a_restart(tmp_path):
    path = tmp_path / "settings.json"
    context = AppContext(Settings(), None, None, settings_path=path)
    context.update_settings(**NON_DEFAULT_SETTINGS)
    context.close()
    assert dataclasses.asdict(Settings.load(path)) == NON_DEFAULT_SETTINGS


@pytest.mark.parametrize(
    ("setting", "value", "problem"),
    [("last_sign_id", value, "'last_sign_id' must be a whole number") for value in ('"7"', "true", "7.5")]
    + [
        ("camera_turns", value, "'camera_turns' has the invalid value")
        for value in ('"left"', "[1]", '{"camera 0": "left"}', '{"camera 0": true}', '{"camera 0": 1.5}')
    ]
    # a number that is a bool: `true` passed the speed's (int, float) check, as 1.0
    + [
        (setting, "true", f"'{setting}' has the invalid value True")
        for setting in ("playback_speed", "camera_index", "new_signs_per_day")
    ],
)
def test_a_setting_that_must_be_a_number_refuses_anything_else(setting, value, problem, tmp_path):
    from signcore.errors import InputError

    path = tmp_path / "settings.json"
    path.write_text(f'{{"last_sign": "hallo", "{setting}": {value}}}')
    with pytest.raises(InputError, match=problem):
        Settings.load(path)


def test_a_settings_file_from_before_the_cameras_turn_reads_as_not_turned_and_saves_it(tmp_path):
    """An older version's file has no camera turns: its camera is not turned, and nothing else changes."""
    path = tmp_path / "settings.json"
    path.write_text('{"camera_index": 1, "mirror_display": false, "left_handed": true}')
    settings = Settings.load(path)
    # the learner has been using the app: not asked which hand they sign with
    assert settings == Settings(
        camera_index=1, mirror_display=False, left_handed=True, signing_hand_asked=True
    )
    assert settings.camera_turn(1) == 0
    settings.save(path)
    assert '"camera_turns": {}' in path.read_text()


@pytest.mark.parametrize(
    ("saved", "camera", "turns"),
    [
        ('"camera_index": 2', 2, {"camera 2": 3}),
        ('"video_path": "/videos/me.mp4"', "/videos/me.mp4", {"/videos/me.mp4": 3}),
    ],
)
def test_the_one_turn_of_the_version_before_is_the_saved_cameras_only(saved, camera, turns, tmp_path):
    """It turned every camera alike (a video file chosen once got the webcam's turn): kept for the camera it
    was chosen for, which the version before saved with it."""
    path = tmp_path / "settings.json"
    path.write_text(f'{{{saved}, "camera_turn": 3}}')
    settings = Settings.load(path)
    assert settings.camera_turns == turns
    assert settings.camera_turn(camera) == 3 and settings.camera_turn(5) == 0


@pytest.mark.parametrize(("saved", "turn"), [(3, 3), (4, 0), (5, 1), (-1, 3)])
def test_a_hand_edited_cameras_turn_is_the_same_turn_within_one_round(saved, turn, tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(f'{{"camera_turns": {{"camera 0": {saved}}}}}')
    assert Settings.load(path).camera_turn(0) == turn


def test_the_signing_hand_is_asked_on_a_first_run_only(tmp_path):
    """No settings file yet: Home asks which hand the learner signs with. A file saved before the question
    existed belongs to a learner already using the app (and Settings): not asked; one saved since keeps it."""
    path = tmp_path / "settings.json"
    assert not Settings.load(path).signing_hand_asked
    Settings().save(path)  # the first run closed without an answer: asked again
    assert not Settings.load(path).signing_hand_asked
    path.write_text('{"left_handed": false, "playback_speed": 0.5}', encoding="utf-8")
    assert Settings.load(path).signing_hand_asked
    path.write_text('{"signing_hand_asked": "yes"}', encoding="utf-8")
    with pytest.raises(InputError, match="signing_hand_asked"):
        Settings.load(path)


def test_a_number_too_long_for_python_is_a_settings_file_that_cannot_be_read(tmp_path):
    """json.loads raises a plain ValueError for an int of more than 4,300 digits: it went up as a
    traceback."""
    path = tmp_path / "settings.json"
    path.write_text('{"new_signs_per_day": ' + "9" * 5000 + "}", encoding="utf-8")
    with pytest.raises(InputError, match="cannot read the settings"):
        Settings.load(path)


@pytest.mark.parametrize(("saved", "speed"), [("1" + "0" * 400, 1.0), ("-1" + "0" * 400, 0.25), ("0.6", 0.5)])
def test_a_playback_speed_out_of_range_is_taken_to_the_nearest_speed(tmp_path, saved, speed):
    """A whole number too large for a float raised OverflowError taking it to the nearest speed."""
    path = tmp_path / "settings.json"
    path.write_text('{"playback_speed": ' + saved + "}", encoding="utf-8")
    assert Settings.load(path).playback_speed == speed
