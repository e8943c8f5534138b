"""What the window's tests share."""

import pytest

from desktop_app.core.context import AppContext
from desktop_app.core.settings import Settings
from signcore.database import SignDatabase


@pytest.fixture
def context(tmp_path):
    """An app context over an empty database, its settings saved in ``tmp_path``."""
    context = AppContext(Settings(), SignDatabase(tmp_path / "signs.db"), None, tmp_path / "settings.json")
    yield context
    context.close()
