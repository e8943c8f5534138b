"""Every file picker opens at the learner's home, then where they last picked something; never in the
program's working folder (for an installed app, its installation)."""

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from desktop_app.core.context import AppContext
from desktop_app.core.settings import Settings
from desktop_app.ui.import_dialog import ImportDialog
from desktop_app.ui.learning_progress import LearningProgressPanel
from desktop_app.ui.search_page import SearchPage
from signcore.database import SignDatabase


@pytest.fixture
def context(tmp_path):
    context = AppContext(Settings(), SignDatabase(tmp_path / "signs.db"), None, tmp_path / "settings.json")
    yield context
    context.close()


def test_the_import_search_and_history_pickers_open_at_home_then_at_the_last_folder(
    qtbot, context, tmp_path, monkeypatch
):
    install = tmp_path / "install"
    install.mkdir()
    monkeypatch.chdir(install)
    signs = tmp_path / "my signs"
    signs.mkdir()
    opened_at = []  # where each picker opened (its third argument; none: the working folder)

    def picker(answer):
        return lambda *args: opened_at.append(args[2] if len(args) > 2 else "") or answer

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", picker(str(signs)))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", picker(("", "")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", picker(("", "")))

    dialog = ImportDialog(context)  # a sign folder, the first kind
    qtbot.addWidget(dialog)
    dialog.choose_paths()
    assert opened_at == [str(Path.home())] and dialog.paths == [str(signs)]
    search = SearchPage(context)
    qtbot.addWidget(search)
    search.choose_file()
    assert opened_at[-1] == str(signs)  # was: the working folder
    panel = LearningProgressPanel(context)
    qtbot.addWidget(panel)
    panel.choose_export_file()
    assert opened_at[-1] == str(signs / f"signpractice-history-{date.today().isoformat()}.csv")
    context.save_settings()
    assert Settings.load(context.settings_path).last_folder == str(signs)  # the next start opens there too
