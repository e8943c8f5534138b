"""File > Export my data / Import my data run the portable jobs in the background and report back."""

from __future__ import annotations

import zipfile

from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop_app.core.context import AppContext
from desktop_app.core.settings import Settings
from desktop_app.ui import main_window
from signcore.database import SignDatabase
from tests.desktop_app.core.test_portable import everything, fill
from tests.support import SIGNING_VIDEO


def test_export_then_import_from_the_menu(qtbot, tmp_path, monkeypatch):
    messages = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: messages.append(text))
    monkeypatch.setattr(
        QMessageBox, "warning", lambda parent, title, text: messages.append(f"WARNING {text}")
    )
    archive = tmp_path / "backup"  # the suffix is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(archive), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (f"{archive}.zip", ""))
    with SignDatabase(tmp_path / "signs.db") as database:
        fill(database, seed=3)
        before = everything(database)
        context = AppContext(Settings(), database, None, tmp_path / "settings.json")
        context.use_camera(str(SIGNING_VIDEO), True)
        window = main_window.MainWindow(context)
        qtbot.addWidget(window)
        titles = [action.text() for action in window.menuBar().actions()[0].menu().actions()]
        assert "&Export my data…" in titles and "&Import my data…" in titles

        window.export_data()
        qtbot.waitUntil(
            lambda: window.statusBar().currentMessage().startswith("Your data was saved"), timeout=30_000
        )
        assert not messages  # no warning
        assert sorted(zipfile.ZipFile(f"{archive}.zip").namelist()) == ["manifest.json", "signs.db"]

        changed = []
        context.events.database_changed.connect(lambda: changed.append(True))
        window.import_data()
        qtbot.waitUntil(lambda: bool(messages), timeout=30_000)
        assert "already here" in messages[0] and "Added 0 signs" in messages[0]
        assert changed and everything(database) == before  # nothing doubled
        window.close()


def test_help_about_names_the_app_and_its_credits(qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append((title, text)))
    with SignDatabase(tmp_path / "signs.db") as database:
        window = main_window.MainWindow(AppContext(Settings(), database, None, tmp_path / "settings.json"))
        qtbot.addWidget(window)
        help_menu = window.menuBar().actions()[-1]
        assert help_menu.text() == "&Help"
        help_menu.menu().actions()[0].trigger()
        assert shown and shown[0][0] == "About SignPractice" and "traduttore" in shown[0][1]
        assert window.windowTitle() == "SignPractice", "as the About box names it, not 'Sign Practice'"
        window.close()
