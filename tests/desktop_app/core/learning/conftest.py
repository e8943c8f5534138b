"""A sign database and a manual clock for the learning path's tests."""

import pytest

from desktop_app.core.learning.clock import ManualClock
from signcore.database import SignDatabase
from tests.desktop_app.core.learning.helpers import START


@pytest.fixture
def clock():
    return ManualClock(START)


@pytest.fixture
def database(tmp_path):
    with SignDatabase(tmp_path / "signs.db") as db:
        yield db
