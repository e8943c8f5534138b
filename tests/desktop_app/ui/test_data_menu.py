"""File > Export my data / Import my data run the portable jobs in the background and report back."""

from __future__ import annotations

import zipfile

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from desktop_app.core.app.context import AppContext
from desktop_app.core.shared.settings import Settings
from desktop_app.ui import main_window
from desktop_app.ui.progress_dialog import unfinished_watched_jobs
from desktop_app.ui.shortcuts import PAGE_SHORTCUTS, WIDGET_KEYS
from signcore.database import SignDatabase
from tests.desktop_app.core.test_portable import everything, fill
from tests.support import SIGNING_VIDEO, answering_file_pickers, shown_in_front


def test_export_then_import_from_the_menu(qtbot, tmp_path, monkeypatch):
    messages = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: messages.append(text))
    monkeypatch.setattr(
        QMessageBox, "warning", lambda parent, title, text: messages.append(f"WARNING {text}")
    )
    archive = tmp_path / "backup"  # the suffix is added
    answering_file_pickers(monkeypatch, str(archive), f"{archive}.zip")  # where it is saved, then opened
    with SignDatabase(tmp_path / "signs.db") as database:
        fill(database, seed=3)
        before = everything(database)
        context = AppContext(Settings(), database, None, tmp_path / "settings.json")
        context.use_camera(str(SIGNING_VIDEO), True)
        window = main_window.MainWindow(context)
        qtbot.addWidget(window)
        titles = [action.text() for action in window.menuBar().actions()[0].menu().actions()]
        assert "&Export my data…" in titles and "&Import my data…" in titles

        window.show()
        window.export_data()
        qtbot.waitUntil(lambda: bool(messages), timeout=30_000)
        # the path whole, in a box of its own (beside the tabs it was cut in its middle), and no warning
        assert messages == [f"Your data was saved in {archive}.zip"]
        names = ["manifest.json", "settings.json", "signs.db"]
        assert sorted(zipfile.ZipFile(f"{archive}.zip").namelist()) == names

        changed = []
        context.events.database_changed.connect(lambda: changed.append(True))
        context.update_settings(mirror_display=False)  # changed since the export: the archive's comes back
        window.import_data()
        qtbot.waitUntil(lambda: len(messages) == 2, timeout=30_000)
        assert "Already here, not added again: " in messages[1] and "Added 0 signs" in messages[1]
        assert "Your settings came with it: mirror view on" in messages[1]
        assert context.settings.mirror_display and Settings.load(tmp_path / "settings.json").mirror_display
        assert changed and everything(database) == before  # nothing doubled
        # its end is said before its thread ends: closing in between asked whether to stop it
        qtbot.waitUntil(lambda: not unfinished_watched_jobs(), timeout=10_000)
        window.close()


def test_help_about_names_the_app_and_its_credits(qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append((title, text)))
    with SignDatabase(tmp_path / "signs.db") as database:
        window = main_window.MainWindow(AppContext(Settings(), database, None, tmp_path / "settings.json"))
        qtbot.addWidget(window)
        help_menu = window.menuBar().actions()[-1]
        assert help_menu.text() == "&Help"
        help_menu.menu().actions()[-1].trigger()
        assert shown and shown[0][0] == "About SignPractice" and "traduttore" in shown[0][1]
        assert window.windowTitle() == "SignPractice", "as the About box names it, not 'Sign Practice'"
        window.close()


def _help_page(qtbot, window, item: str) -> main_window.HelpPage:
    """The page Help → ``item`` opens (beside the window)."""
    help_menu = window.menuBar().actions()[-1].menu()
    next(action for action in help_menu.actions() if action.text() == item).trigger()
    pages = [page for page in window.findChildren(main_window.HelpPage) if page.isVisible()]
    assert len(pages) == 1 and not pages[0].isModal()
    return pages[0]


def test_how_to_practise_scrolls_on_a_short_screen(qtbot, tmp_path):
    """The walk-through, on a 1000x520 screen: How to practise was taller than the screen, with no scroll bar,
    and its Close button off it. Its text scrolls inside a page no taller than the screen's room."""
    with SignDatabase(tmp_path / "signs.db") as database:
        window = main_window.MainWindow(AppContext(Settings(), database, None, tmp_path / "settings.json"))
        qtbot.addWidget(window)
        window.show()
        room = window.screen().availableGeometry().height()
        guide = _help_page(qtbot, window, "&How to practise")
        qtbot.waitExposed(guide)
        assert guide.height() <= room - 60
        close = guide.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
        assert close.isVisible() and close.mapTo(guide, close.rect().bottomLeft()).y() < guide.height()
        close.click()
        assert not guide.isVisible()
        window.close()


def test_help_says_how_to_practise(qtbot, tmp_path):
    """Help had only About: nothing said how an attempt goes, where the left-handed setting is, or that a
    video file can stand in for the camera."""
    with SignDatabase(tmp_path / "signs.db") as database:
        window = main_window.MainWindow(AppContext(Settings(), database, None, tmp_path / "settings.json"))
        qtbot.addWidget(window)
        window.show()
        items = [action.text() for action in window.menuBar().actions()[-1].menu().actions()]
        assert items == ["&How to practise", "&Keyboard shortcuts", "", "&About SignPractice"]
        guide = _help_page(qtbot, window, "&How to practise")
        document = QTextDocument()
        document.setHtml(guide.browser.toHtml())
        text = document.toPlainText()
        for words in ("choose it in the list", "Space", "one correction", "Left-handed", "A video file"):
            assert words in text
        # as the replay is drawn (test_skeleton: the replay plays): over the faint reference, not beside it
        assert "your attempt drawn over the reference, shown faint" in text and "side by side" not in text
        # and every other page, by the name its tab has (it covered the Practice page only)
        tabs = [window.tabs.tabText(index) for index in range(window.tabs.count())]
        for page in ("Home", "Library", "Search by signing", "Sign map", "Progress"):
            assert page in tabs and any(line.startswith(page) for line in text.splitlines()), page
        for words in ("Stop for now", "Record a clip", "Import", "selfie recording", "Sign to search"):
            assert words in text
        # which session asks a sign when a lesson and today's review are both left unfinished
        assert "A lesson asks all of its signs on the day you work on it: while you leave it" in text
        guide.close()
        window.close()


def test_help_lists_the_keyboard_shortcuts_the_app_has(qtbot, tmp_path):
    """Each page's keys are declared once (desktop_app.ui.shortcuts): every key bound in the window is one
    of them, and Help → Keyboard shortcuts lists them all, with the menus' own."""
    with SignDatabase(tmp_path / "signs.db") as database:
        window = main_window.MainWindow(AppContext(Settings(), database, None, tmp_path / "settings.json"))
        qtbot.addWidget(window)
        window.show()
        assert window.home_page.review_page is not None  # a lesson's page, built when the first one starts
        bound = {shortcut.key().toString() for shortcut in window.findChildren(QShortcut)}
        declared = {QKeySequence(key).toString() for shortcut in PAGE_SHORTCUTS for key in shortcut.keys}
        assert bound == declared
        page = _help_page(qtbot, window, "&Keyboard shortcuts")
        document = QTextDocument()
        document.setHtml(page.browser.toHtml())
        text = document.toPlainText()
        for shortcut in (
            *PAGE_SHORTCUTS,
            *WIDGET_KEYS,
        ):  # a table: the keys and what they do in cells of one row
            assert shortcut.where in text and f"{shortcut.key_names()}  \n{shortcut.does}\n" in text
        assert "1, 2, 3 or 4" in text
        assert "Ctrl+Tab or Ctrl+Shift+Tab  \nthe next page, or the one before\n" in text  # the tabs' own
        qtbot.keyClick(window.tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
        assert window.tabs.currentIndex() == 1  # as listed
        menu_keys = [
            (action.shortcut().toString(QKeySequence.SequenceFormat.NativeText), action.text())
            for menu in window.menuBar().actions()
            for action in menu.menu().actions()
            if not action.shortcut().isEmpty()  # the Settings' and Quit's are the system's: none on some
        ]
        assert ("F1", "&How to practise") in menu_keys
        for keys, item in menu_keys:
            assert f"{keys}  \n" in text and item.replace("&", "") in text
        page.close()
        window.close()


def test_a_help_page_comes_in_front_with_the_keyboard_and_escape_closes_it(qtbot, tmp_path, monkeypatch):
    """The Keyboard shortcuts window did not close with Escape until clicked, while Ctrl+Tab changed
    pages behind it: the keyboard stayed with the main window (left to a window manager to move)."""
    shown_as_it_is = main_window.HelpPage.show

    def shown_keeping_the_focus_behind(page):  # as without a window manager: the keyboard stays behind
        shown_as_it_is(page)
        page.parent().activateWindow()

    monkeypatch.setattr(main_window.HelpPage, "show", shown_keeping_the_focus_behind)
    with SignDatabase(tmp_path / "signs.db") as database:
        window = main_window.MainWindow(AppContext(Settings(), database, None, tmp_path / "settings.json"))
        shown_in_front(qtbot, window)
        page = _help_page(qtbot, window, "&Keyboard shortcuts")
        qtbot.wait(100)  # the window system's activations come in
        assert page.isActiveWindow()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
        assert not page.isVisible() and window.tabs.currentIndex() == 0
        window.close()
