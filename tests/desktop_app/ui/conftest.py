"""What the window's tests share."""

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop_app.core.app.context import AppContext
from desktop_app.core.shared.settings import Settings
from signcore.database import SignDatabase


@pytest.fixture
def context(tmp_path):
    """An app context over an empty database, its settings saved in ``tmp_path``."""
    context = AppContext(Settings(), SignDatabase(tmp_path / "signs.db"), None, tmp_path / "settings.json")
    yield context
    context.close()


@pytest.fixture(autouse=True)
def _message_boxes_answered_by_the_test(monkeypatch):
    """A message box no test answers waits forever offscreen (nobody clicks), and hung whole suite runs: it
    fails the test instead. A test that expects one patches it itself."""

    def opened(text):
        raise AssertionError(f"a message box this test does not answer was opened: {text!r}")

    for static in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, static, lambda parent, title, text, *rest: opened(text))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: opened(box.text()))
