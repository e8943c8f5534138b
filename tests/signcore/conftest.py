import pytest

from signcore.database import SignDatabase


@pytest.fixture
def db(tmp_path):
    with SignDatabase(tmp_path / "signs.db") as database:
        yield database
