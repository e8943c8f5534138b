"""Every file picker opens at the learner's home, then where they last picked something; never in the
program's working folder (for an installed app, its installation). None reads a file to show it."""

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QFileInfo
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop_app.core.app.portable import default_archive_name
from desktop_app.core.shared.settings import Settings
from desktop_app.ui.file_pickers import choose_folder, open_file, open_files, save_file
from desktop_app.ui.import_dialog import ImportDialog
from desktop_app.ui.learning_progress import LearningProgressPanel
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.search_page import SearchPage
from tests.support import answering_file_pickers


def test_the_import_and_search_pickers_open_at_home_then_at_the_last_folder(
    qtbot, context, tmp_path, monkeypatch
):
    install = tmp_path / "install"
    install.mkdir()
    monkeypatch.chdir(install)
    signs = tmp_path / "my signs"
    signs.mkdir()
    opened_at = answering_file_pickers(monkeypatch, str(signs), "")  # the folder, then cancelled

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
    opened_at = answering_file_pickers(
        monkeypatch, "", str(backups / "history.csv"), ""
    )  # cancel, export, cancel
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


@pytest.mark.parametrize(
    "pick",
    [
        lambda parent, context: open_file(parent, context, "Open", "Videos (*.mp4)"),
        lambda parent, context: open_file(
            parent, context, "Open or start", "Databases (*.db)", may_create=True
        ),
        lambda parent, context: open_files(parent, context, "Choose files", "All files (*)"),
        lambda parent, context: save_file(parent, context, "Export", "CSV (*.csv)", name="history.csv"),
        lambda parent, context: choose_folder(parent, context, "Choose a folder"),
    ],
    ids=["open", "open or start", "open several", "save", "folder"],
)
def test_every_picker_tells_a_files_type_by_its_name_without_reading_it(
    qtbot, context, tmp_path, monkeypatch, pick
):
    """A picker's name field completing into /proc froze the whole app for good: Qt's own icon provider reads
    a file to guess its type, and /proc/kmsg never answers a read. A file whose contents say PNG while its
    name says nothing shows that nothing is read."""
    looks_like_png = tmp_path / "notes"
    looks_like_png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    shown = []
    monkeypatch.setattr(QFileDialog, "exec", lambda picker: shown.append(picker.iconProvider()) or 0)
    parent = QWidget()
    qtbot.addWidget(parent)
    assert pick(parent, context) in (None, [])  # cancelled
    [icons] = shown  # was: Qt's static pickers, its own provider in each
    assert icons.type(QFileInfo(str(looks_like_png))) != "PNG image"  # what reading its first bytes says
    assert icons.type(QFileInfo(str(tmp_path / "wave.mp4"))) == "MPEG-4 video"
    assert icons.type(QFileInfo(str(tmp_path))) == "Folder"
    assert not icons.icon(QFileInfo(str(looks_like_png))).isNull()
