"""``python -m desktop_app.soak``: which database a soak session practises on (a run takes minutes)."""

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
