"""Every file picker opens at the learner's home, then where they last picked something; never in the
program's working folder (for an installed app, its installation)."""

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from desktop_app.core.portable import default_archive_name
from desktop_app.core.settings import Settings
from desktop_app.ui.import_dialog import ImportDialog
from desktop_app.ui.learning_progress import LearningProgressPanel
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.search_page import SearchPage


def test_the_import_and_search_pickers_open_at_home_then_at_the_last_folder(
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
    qtbot.waitUntil(lambda: dialog.paths != [])  # the folder's .pose files are checked in the background
    assert opened_at == [str(Path.home())] and dialog.paths == [str(signs)]
    search = SearchPage(context)
    qtbot.addWidget(search)
    search.choose_file()
    assert opened_at[-1] == str(signs)  # was: the working folder
    context.save_settings()
    assert Settings.load(context.settings_path).last_folder == str(signs)  # the next start opens there too


def test_exports_open_at_home_then_at_the_last_export_folder_not_where_signing_was_read(
    qtbot, context, tmp_path, monkeypatch
):
    """Export my data opened in the folder of the .pose files last searched with."""
    signs, backups = tmp_path / "pose files", tmp_path / "backups"
    signs.mkdir()
    backups.mkdir()
    context.remember(last_folder=str(signs))  # a search or an import picked a file there
    opened_at = []
    answers = iter([("", ""), (str(backups / "history.csv"), ""), ("", "")])  # cancel, export, cancel
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args: opened_at.append(args[2]) or next(answers)
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: opened_at.append(args[2]) or ("", ""))
    window = MainWindow(context)
    qtbot.addWidget(window)
    archive = default_archive_name()
    window.export_data()
    assert opened_at == [str(Path.home() / archive)], "opened among the .pose files searched with"
    panel = LearningProgressPanel(context)
    qtbot.addWidget(panel)
    panel.choose_export_file()  # the history exported into backups
    assert opened_at[-1] == str(Path.home() / f"signpractice-history-{date.today().isoformat()}.csv")
    window.export_data()
    assert opened_at[-1] == str(backups / archive)
    window.import_data()  # an archive is looked for where archives were written
    assert opened_at[-1] == str(backups)
    search = SearchPage(context)
    qtbot.addWidget(search)
    search.choose_file()
    assert opened_at[-1] == str(signs)  # the signing read in keeps its own folder
    context.save_settings()
    saved = Settings.load(context.settings_path)
    assert (saved.last_folder, saved.last_export_folder) == (str(signs), str(backups))
    window.close()
