"""``python -m desktop_app.soak``: which database a soak session practises on (a run takes minutes)."""

from pathlib import Path

import pytest

from desktop_app.soak import session_database
from signcore.database import DATABASE_NAME, DEFAULT_DATABASE_NAME, SignDatabase
from signcore.errors import InputError
from signcore.paths import assets_dir

SHIPPED = assets_dir() / DEFAULT_DATABASE_NAME


def test_without_a_database_of_your_own_the_soak_scores_against_a_copy_of_the_shipped_one(
    tmp_path, monkeypatch
):
    if not SHIPPED.is_file():
        pytest.skip(f"needs the shipped database {SHIPPED}")
    monkeypatch.setenv("SIGNPRACTICE_DATA_DIR", str(tmp_path / "userdata"))
    shipped_before = (SHIPPED.read_bytes(), SHIPPED.stat().st_mtime_ns)
    copy, source = session_database(None, tmp_path)
    assert source == SHIPPED and copy == tmp_path / DATABASE_NAME
    with SignDatabase(copy) as database:
        assert len(database.signs()) > 0
    assert (SHIPPED.read_bytes(), SHIPPED.stat().st_mtime_ns) == shipped_before


def test_the_shipped_database_named_by_a_relative_path_is_still_only_copied(tmp_path, monkeypatch):
    if not SHIPPED.is_file():
        pytest.skip(f"needs the shipped database {SHIPPED}")
    monkeypatch.chdir(SHIPPED.parent.parent)
    shipped_before = (SHIPPED.read_bytes(), SHIPPED.stat().st_mtime_ns)
    copy, _ = session_database(Path(SHIPPED.parent.name) / SHIPPED.name, tmp_path)
    assert copy.read_bytes() == shipped_before[0]
    assert (SHIPPED.read_bytes(), SHIPPED.stat().st_mtime_ns) == shipped_before


def test_the_learners_own_database_comes_first_and_a_missing_db_is_named(tmp_path, monkeypatch):
    user_data = tmp_path / "userdata"
    monkeypatch.setenv("SIGNPRACTICE_DATA_DIR", str(user_data))
    user_data.mkdir()
    with SignDatabase(user_data / DATABASE_NAME) as own:
        own.add_sign("MINE", "DGS")
    session = tmp_path / "session"
    session.mkdir()
    copy, source = session_database(None, session)
    assert source == user_data / DATABASE_NAME
    with SignDatabase(copy) as database:
        assert [sign.gloss for sign in database.signs()] == ["MINE"]

    with pytest.raises(InputError, match="missing.db: no such database file"):
        session_database(tmp_path / "missing.db", session)


def test_page_switch_verdict_compares_memory_after_the_last_round_trips_with_the_first_and_a_cap():
    from desktop_app.soak import switch_verdict

    ok, lines = switch_verdict({10: 480.0, 20: 490.0, 100: 500.0})
    assert ok and "480 MB after 10 round trips, 500 MB after 100 (+4.2%" in lines[0]
    ok, lines = switch_verdict({10: 495.0, 100: 952.0})
    assert not ok and "FAIL" in lines[0]
    ok, lines = switch_verdict({10: 500.0, 100: 509.0})  # flat, but above the 500 MB target
    assert not ok and "+1.8%; limits 5% and 500 MB) FAIL" in lines[0]
    ok, lines = switch_verdict({10: 495.0})
    assert not ok and "too short" in lines[0]


def test_page_switches_must_be_a_positive_count(capsys):
    from desktop_app.soak import main

    with pytest.raises(SystemExit) as exit_info:
        main(["--camera", "video.mp4", "--page-switches", "0"])
    assert exit_info.value.code == 2 and "--page-switches must be at least 1" in capsys.readouterr().err
    assert main(["--camera", "missing.mp4", "--page-switches", "3"]) == 2  # named, no traceback
    assert "missing.mp4: no such file" in capsys.readouterr().err


def test_a_tiny_page_switch_soak_writes_the_memory_after_each_round_trip(qtbot, tmp_path, monkeypatch):
    import json

    from desktop_app import soak
    from tests.support import SIGNING_VIDEO

    if not SHIPPED.is_file():
        pytest.skip(f"needs the shipped database {SHIPPED}")
    monkeypatch.setattr(soak, "SWITCH_SAMPLE_EVERY", 1)
    out = tmp_path / "soak.json"
    soak.main(
        ["--camera", str(SIGNING_VIDEO), "--video-mirrored", "--page-switches", "2", "--json", str(out)]
    )
    report = json.loads(out.read_text())
    assert report["page_switches"] == 2 and report["slow_visits"] == 0
    assert 100 < report["rss_mb_after_1"] < 5000 and 100 < report["rss_mb_after_2"] < 5000
    after_1, after_2 = report["rss_mb_after_1"], report["rss_mb_after_2"]
    assert report["passed"] == (
        after_2 / after_1 - 1 < soak.MEMORY_GROWTH_LIMIT and after_2 <= soak.SWITCH_MEMORY_LIMIT_MB
    )


def test_a_video_that_cannot_be_used_ends_with_one_line_and_code_2(tmp_path, capsys):
    """The soak ends as every command-line entry point does (signcore.errors.ends_plainly), not with
    "soak: "."""
    from desktop_app.soak import main

    missing = tmp_path / "signing.mp4"
    assert main(["--camera", str(missing), "--minutes", "0.1"]) == 2
    said = capsys.readouterr().err
    assert said.startswith(f"error: {missing}: ") and said.count("\n") == 1
