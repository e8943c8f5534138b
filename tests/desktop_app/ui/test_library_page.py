import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton, QWidget

from desktop_app.core.app.context import AppContext
from desktop_app.core.collection.library import (
    CHOOSE_A_SIGN_HINT,
    EMPTY_LIBRARY_HINT,
    NO_SIGN_TITLE,
    NONE_MATCHING_HINT,
)
from desktop_app.core.judging.live_attempts import START_RECORDING, STOP_RECORDING
from desktop_app.core.shared.settings import Settings
from desktop_app.ui.library_page import PREVIEW_LEAST_HEIGHT, LibraryPage
from signcore.database import ClipOrigin, SignDatabase
from signcore.layout import POSE
from tests.desktop_app.ui.stand_in_pipeline import stand_in_pipelines
from tests.support import (
    LOADED_MACHINE_MS,
    SIGNING_VIDEO,
    TEST_DATA,
    answering_file_pickers,
    answering_message_boxes,
    frame_report,
    moving_clip,
    shown_in_front,
    shown_on_a_small_screen,
    wait_for_outcome,
)


@pytest.fixture
def context(tmp_path):
    database = SignDatabase(tmp_path / "signs.db")
    hello = database.add_sign("hello", language="ASL", tags=["greeting"])
    database.add_clip(hello, moving_clip(seed=1), ClipOrigin(source="hello_1.pose"))
    database.add_clip(hello, moving_clip(seed=2), ClipOrigin(source="hello_2.pose"))
    thanks = database.add_sign("thanks", language="ASL")
    database.add_clip(thanks, moving_clip(seed=3))
    database.add_sign("Haus", language="DGS")
    settings = Settings(auto_start=True)  # a clip recorded as the hands come up (off by default)
    context = AppContext(settings, database, encoder=None, settings_path=tmp_path / "settings.json")
    yield context
    context.close()


@pytest.fixture
def camera_workers(monkeypatch):
    """The stand-in workers the live views start, in order."""
    return stand_in_pipelines(monkeypatch)


@pytest.fixture
def warnings(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append((title, text)))
    return shown


def glosses(page):
    return [page.sign_table.item(row, 0).text() for row in range(page.sign_table.rowCount())]


def select(page, gloss):
    page.sign_table.selectRow(glosses(page).index(gloss))


def test_lists_signs_with_search_and_language_filter(qtbot, context):
    page = LibraryPage(context)
    qtbot.addWidget(page)
    assert glosses(page) == ["Haus", "hello", "thanks"]
    page.search.setText("HA")
    assert glosses(page) == ["Haus"]  # two letters find a name's start, not the "ha" inside "thanks"
    page.search.setText("han")
    assert glosses(page) == ["thanks"]
    page.search.clear()
    page.language.setCurrentIndex(page.language.findData("DGS"))
    assert glosses(page) == ["Haus"]
    assert context.settings.language == "DGS"  # remembered for the next start


def test_a_search_keeps_the_sign_selected_while_it_is_listed(qtbot, context):
    """A walk-through: with "hello" selected, typing "h" selected "Haus", the first row, and the
    page showed that sign instead."""
    page = LibraryPage(context)
    qtbot.addWidget(page)
    select(page, "hello")
    qtbot.keyClicks(page.search, "h")
    assert glosses(page) == ["Haus", "hello"]
    assert page.selected_sign.gloss == "hello" and page.sign_title.text() == "hello (ASL)"
    page.search.setText("tha")  # no longer listed: the first listed is shown
    assert page.selected_sign.gloss == "thanks"


@pytest.mark.slow
def test_selecting_a_sign_lists_its_clips_and_previews_them_animated(qtbot, context):
    page = LibraryPage(context)
    qtbot.addWidget(page)
    page.show()
    select(page, "hello")
    assert page.clip_list.count() == 2
    assert page.preview.clip is not None and len(page.preview.clip) == 20
    qtbot.waitUntil(lambda: page.preview.frame > 0, timeout=3000)
    page.clip_list.setCurrentRow(1)
    assert page.preview.clip.equals(context.database.clip_pose(page.selected_clip.id))
    select(page, "Haus")
    assert page.clip_list.count() == 0 and page.preview.clip is None
    assert "Record a clip" in page.preview.canvas.message, "no word on where a sign's first clip comes from"
    assert page.record_button.isEnabled() and not page.practise_button.isEnabled()  # nothing to practise


def test_delete_sign_then_undo(qtbot, context, monkeypatch):
    asked = answering_message_boxes(monkeypatch, "Delete sign")
    page = LibraryPage(context)
    qtbot.addWidget(page)
    select(page, "hello")
    page.delete_selected_sign()
    assert asked == ["Delete “hello (ASL)” and its 2 clips?"]
    assert glosses(page) == ["Haus", "thanks"]
    assert [s.gloss for s in context.database.signs()] == ["Haus", "thanks"]
    assert "hello" in page.undo_label.text() and page.undo_button.isEnabled()
    page.undo_button.click()
    assert glosses(page) == ["Haus", "hello", "thanks"]
    assert context.database.signs(search="hello")[0].clip_count == 2
    assert not page.undo_button.isEnabled()


@pytest.mark.parametrize("deleted", ["sign", "clip"])
def test_what_was_deleted_is_said_by_name_beside_undo(qtbot, context, deleted, monkeypatch):
    """The walk-through: "Delete sign" took the sign away and only turned "Undo" on: the words naming what
    was deleted had no width beside the sign count, on screen at any window size."""
    answering_message_boxes(monkeypatch, "Delete sign")
    page = shown_on_a_small_screen(qtbot, LibraryPage(context))
    select(page, "hello")
    (page.delete_sign_button if deleted == "sign" else page.delete_clip_button).click()
    qtbot.wait(20)  # laid out again
    said = (
        "Deleted sign “hello (ASL)”."
        if deleted == "sign"
        else "Deleted clip 1 of “hello (ASL)” (from hello_1.pose)."
    )
    assert page.undo_label.text() == said and reads_whole(page.undo_label)
    assert page.undo_label.isVisible() and page.undo_button.isEnabled()


def reads_whole(label) -> bool:
    """Whether ``label``'s text, wrapped at its width, fits in it: no line cut at its edge, none below it."""
    room = label.contentsRect()
    flags = int(Qt.TextFlag.TextWordWrap)
    needed = label.fontMetrics().boundingRect(QRect(0, 0, room.width(), 10_000), flags, label.text())
    return needed.width() <= room.width() and needed.height() <= room.height()


@pytest.mark.parametrize("deleted", ["sign", "clip"])
def test_what_undo_takes_back_is_read_whole_in_the_small_screens_window(qtbot, context, deleted, monkeypatch):
    """A walk-through at 1000 x 520: "Deleted sign “heute (DGS)” earlier tod…" beside Undo, cut mid-word on
    its one line. It wraps on two."""
    from desktop_app.ui.main_window import MainWindow

    answering_message_boxes(monkeypatch, "Delete sign")
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(1000, 520)
    window.show()
    qtbot.waitExposed(window)
    page = window.pages["Library"]
    window.tabs.setCurrentWidget(page)
    select(page, "hello")
    (page.delete_sign_button if deleted == "sign" else page.delete_clip_button).click()
    page.library.read_undo_history()  # as after a restart: when it was deleted, too
    qtbot.wait(20)  # laid out again
    label = page.undo_label
    assert label.text().endswith(" just now.") and label.toolTip() == label.text()
    assert reads_whole(label), f"{label.text()!r} cut at {label.contentsRect()}"
    assert label.isVisible() and page.undo_button.isVisible() and page.count_label.isVisible()
    window.close()


def test_undos_when_is_told_again_while_the_page_is_seen_and_when_it_is_shown(qtbot, context, monkeypatch):
    """Undo's label said "… just now." for the whole session, hours after the deletion."""
    from datetime import datetime, timedelta

    import desktop_app.core.collection.library as library_module

    page = LibraryPage(context)
    qtbot.addWidget(page)
    page.show()
    context.database.delete_sign(page.library.signs()[0].id)
    page.library.read_undo_history()  # as after a restart: when it was deleted, too
    assert page.undo_label.toolTip().endswith(" just now.")

    class Later(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime.fromtimestamp(time.time()) + later

    monkeypatch.setattr(library_module, "datetime", Later)
    later = timedelta(minutes=5)
    page._undo_words_timer.timeout.emit()  # a minute's tick while the page is seen
    assert page.undo_label.toolTip().endswith(" 5 minutes ago.")
    page.hide()
    later = timedelta(minutes=7)
    page.show()
    assert page.undo_label.toolTip().endswith(" 7 minutes ago.")


def test_with_no_sign_selected_the_panel_says_how_to_get_one_not_to_fill_a_full_library(
    qtbot, context, monkeypatch
):
    """Deleting the only sign a search showed said "Import signs or record your own to fill the library."
    over a library of 63 signs."""
    answering_message_boxes(monkeypatch, "Delete sign")
    page = LibraryPage(context)
    qtbot.addWidget(page)
    page.search.setText("hello")
    select(page, "hello")
    page.delete_selected_sign()
    assert glosses(page) == []
    assert (page.sign_title.text(), page.sign_details.text()) == (NO_SIGN_TITLE, NONE_MATCHING_HINT)
    page.search.clear()
    page.sign_table.clearSelection()
    assert page.sign_details.text() == CHOOSE_A_SIGN_HINT
    for sign in context.database.signs():
        context.library.delete_sign(sign)
    assert page.sign_details.text() == EMPTY_LIBRARY_HINT


def test_delete_clip_then_undo_selects_the_clip_brought_back(qtbot, context):
    """Undo brought the clip back silently with the sign's first clip selected, not the restored one; and
    with another sign selected meanwhile, out of sight."""
    page = LibraryPage(context)
    qtbot.addWidget(page)
    select(page, "hello")
    page.clip_list.setCurrentRow(1)
    deleted = page.selected_clip.id
    page.delete_selected_clip()
    assert [c.id for c in page._clips] == [c.id for c in context.database.clips(page.selected_sign.id)]
    assert page.clip_list.count() == 1 and deleted not in [c.id for c in page._clips]
    page.search.setText("thanks")
    select(page, "thanks")
    page.undo()
    assert page.selected_sign.gloss == "hello" and page.clip_list.count() == 2
    assert page.selected_clip.id == deleted and page.clip_list.currentRow() == 1


def test_after_a_deletion_the_neighbour_is_selected_where_the_learner_was_working(
    qtbot, context, monkeypatch
):
    """Deleting a sign (or a clip) selected the first row and scrolled the list to the top. Then it
    reloaded the list twice: the first reload selected the top sign and scrolled to it, the second the
    neighbour, the scroll put back: a flash, and the work done twice; a clip showed the first clip first."""
    from PySide6.QtTest import QSignalSpy

    for number in range(30):
        context.database.add_sign(f"word{number:02}", language="ASL")
    reloads = []
    reload = LibraryPage.reload

    def counted_reload(page, *args, **kwargs):
        reloads.append(1)
        reload(page, *args, **kwargs)

    monkeypatch.setattr(LibraryPage, "reload", counted_reload)
    page = LibraryPage(context)
    qtbot.addWidget(page)
    page.resize(900, 500)
    page.show()
    select(page, "word20")
    scrolled = page.sign_table.verticalScrollBar().value()
    assert scrolled > 0
    reloads.clear()
    chosen = QSignalSpy(page.sign_table.itemSelectionChanged)
    scrolls = QSignalSpy(page.sign_table.verticalScrollBar().valueChanged)
    page.delete_selected_sign()
    assert page.selected_sign.gloss == "word21"
    assert (len(reloads), chosen.count(), scrolls.count()) == (1, 1, 0)  # once, and the list never moved
    assert page.sign_table.verticalScrollBar().value() == scrolled  # still in the same place
    select(page, "word29")  # the last sign: the one before it
    page.delete_selected_sign()
    assert page.selected_sign.gloss == "word28"
    hello = next(sign for sign in context.database.signs() if sign.gloss == "hello")
    context.database.add_clip(hello.id, moving_clip(seed=4))  # reloads the page
    select(page, "hello")
    page.clip_list.setCurrentRow(1)
    following = page._clips[2].id
    clips_shown = QSignalSpy(page.clip_list.currentRowChanged)
    page.delete_selected_clip()
    assert page.selected_clip.id == following and page.clip_list.currentRow() == 1
    assert clips_shown.count() == 1  # the first clip was shown before it


@pytest.mark.parametrize("answer", ["Delete sign", "Cancel"])
def test_deleting_a_sign_with_clips_says_what_goes_and_how_it_comes_back(qtbot, context, monkeypatch, answer):
    """One click took a starter sign and its 8 clips away without a word. A sign without clips goes
    at once: nothing of it is lost that its name does not say."""
    asked = answering_message_boxes(monkeypatch, answer)
    page = LibraryPage(context)
    qtbot.addWidget(page)
    select(page, "thanks")
    page.delete_selected_sign()
    assert asked == ["Delete “thanks (ASL)” and its clip?"]
    assert ("thanks" in glosses(page)) == (answer == "Cancel")
    select(page, "Haus")
    page.delete_selected_sign()
    assert len(asked) == 1 and "Haus" not in glosses(page)


def test_holding_delete_or_undo_down_does_it_once(qtbot, context):
    """Held down, Delete repeated ~30 times a second and emptied a sign's clips without a question, and Ctrl+Z
    took back weeks of deletions: their shortcuts do not repeat."""
    from PySide6.QtGui import QKeySequence, QShortcut

    page = LibraryPage(context)
    qtbot.addWidget(page)
    deleting = QKeySequence(QKeySequence.StandardKey.Delete)
    undoing = QKeySequence(QKeySequence.StandardKey.Undo)
    shortcuts = {
        (shortcut.parent(), shortcut.key().toString()): shortcut.autoRepeat()
        for shortcut in page.findChildren(QShortcut)
        if shortcut.key() in (deleting, undoing)
    }
    assert shortcuts == {
        (page.sign_table, deleting.toString()): False,
        (page.clip_list, deleting.toString()): False,
        (page, undoing.toString()): False,
    }


def test_on_a_mac_its_delete_key_deletes_too():
    """A Mac's ⌫ key is Backspace to Qt, and Qt's standard Delete there is the forward delete (fn+⌫)."""
    from PySide6.QtGui import QKeySequence

    from desktop_app.ui.shortcuts import delete_keys

    assert delete_keys("darwin") == (QKeySequence.StandardKey.Delete, Qt.Key.Key_Backspace)
    assert delete_keys("linux") == delete_keys("win32") == (QKeySequence.StandardKey.Delete,)


def test_the_delete_key_deletes_the_sign_or_clip_of_the_list_with_the_keyboard_and_undo_selects_it(
    qtbot, context, monkeypatch
):
    """Pressing Delete on a selected clip had no effect; the buttons worked."""
    asked = answering_message_boxes(monkeypatch, "Delete sign")
    page = shown_on_a_small_screen(qtbot, LibraryPage(context))
    page.activateWindow()
    select(page, "hello")
    page.clip_list.setCurrentRow(1)
    deleted_clip = page.selected_clip.id
    page.clip_list.setFocus()
    qtbot.keyClick(page.clip_list, Qt.Key.Key_Delete)
    assert deleted_clip not in [clip.id for clip in context.database.clips()] and asked == []
    # which, as the list named it, and where it came from: the list renumbers
    assert page.undo_label.text() == "Deleted clip 2 of “hello (ASL)” (from hello_2.pose)."
    page.sign_table.setFocus()
    qtbot.keyClick(page.sign_table, Qt.Key.Key_Delete)
    assert asked == ["Delete “hello (ASL)” and its clip?"] and "hello" not in glosses(page)
    page.search.setFocus()
    page.search.setText("thanks")
    qtbot.keyClick(page.search, Qt.Key.Key_Home)
    qtbot.keyClick(page.search, Qt.Key.Key_Delete)  # deletes a letter, not the sign listed
    assert page.search.text() == "hanks" and len(context.database.signs()) == 2
    page.undo()
    assert page.selected_sign.gloss == "hello" and page.search.text() == ""
    page.undo()
    assert page.selected_clip.id == deleted_clip


def test_a_clip_kept_despite_the_warning_is_marked_says_why_under_it_and_can_be_deleted(qtbot, context):
    """A clip kept with "Keep it anyway" (or ticked in the import's review although it looked unlike the
    sign's other clips) looked like any other in the library: nothing said which clip a sign that judged
    oddly had been given against the app's advice."""
    why = "Location: in the middle of the sign, your right hand was lower than in the reference."
    hello = next(sign.id for sign in context.database.signs() if sign.gloss == "hello")
    context.database.add_clip(hello, moving_clip(seed=4), ClipOrigin("take.pose", kept_despite=why))
    page = shown_on_a_small_screen(qtbot, LibraryPage(context))
    select(page, "hello")
    rows = [page.clip_list.item(row) for row in range(page.clip_list.count())]
    assert [item.text()[:2] for item in rows] == [
        "Cl",
        "Cl",
        "⚠ ",
    ]  # marked first: a narrow list cuts the end
    assert (
        rows[2].toolTip().startswith("take.pose\n⚠ Kept although it looked unlike this sign's other clips.")
    )
    assert why in rows[2].toolTip() and rows[0].toolTip() == "hello_1.pose"
    assert not page.kept_note.isVisible()  # the first clip, kept without a warning
    page.clip_list.setCurrentRow(2)
    assert page.kept_note.isVisible() and page.kept_note.text() == rows[2].toolTip().split("\n")[1]
    assert page.kept_note.text().endswith(
        "this clip may be why: delete it. If it is fine, clear its warning."
    )
    note = page.kept_note  # said whole on a small screen: wrapped, and as tall as its wrapped lines
    assert note.wordWrap() and note.height() >= note.heightForWidth(note.width())
    assert note.mapTo(page, note.rect().bottomRight()).y() <= page.height()
    page.delete_clip_button.click()  # the library's own Delete clip
    assert page.clip_list.count() == 2 and not page.kept_note.isVisible()
    page.undo()
    page.clip_list.setCurrentRow(2)
    assert page.kept_note.isVisible()  # back with its mark


@pytest.mark.parametrize("page_height", [473, 400])
def test_in_a_short_window_why_a_clip_was_kept_is_said_whole_and_the_legend_stays_under_the_figure(
    qtbot, context, page_height
):
    """In a small window the note under a clip kept despite the warning wrapped on five lines: the preview
    was squeezed and, in a 1000 x 460 one (a 413 px page; 400 px in the tests' smaller font), its legend
    drawn over the figure's bottom edge. Then it took one line, "⚠ Kept although it looked unlike this
    sign's other clips. …", the why and the advice lost. Across the width of the clip list and
    the preview, it is said whole, wrapped, as in a 1000 x 520 window (a 473 px page), the figure as tall
    as its least height at least."""
    why = (
        "Location: in the middle of the sign, your left hand was further to your right than in the reference."
    )
    hello = next(sign.id for sign in context.database.signs() if sign.gloss == "hello")
    context.database.add_clip(hello, moving_clip(seed=4), ClipOrigin("take.pose", kept_despite=why))
    window = QWidget()  # the page given the window's room, as the tabs give it, however little
    qtbot.addWidget(window)
    page = LibraryPage(context, window)
    window.resize(1000, page_height)
    page.setGeometry(0, 0, 1000, page_height)
    window.show()
    qtbot.waitExposed(window)
    assert page.height() == page_height
    select(page, "hello")
    page.clip_list.setCurrentRow(2)
    QApplication.processEvents()  # the layout is redone on the events its change posted
    note, player = page.kept_note, page.preview
    assert note.isVisible() and why in note.text() and note.text().endswith("clear its warning.")
    assert note.height() >= QLabel.heightForWidth(note, note.width())  # every wrapped line of it, drawn

    def in_page(widget):
        return widget.geometry().translated(widget.parentWidget().mapTo(page, QPoint(0, 0)))

    figure, legend = in_page(player.canvas), in_page(player.legend)
    assert figure.height() >= PREVIEW_LEAST_HEIGHT
    assert legend.top() > figure.bottom() and legend.height() >= player.legend.heightForWidth(legend.width())
    assert (
        in_page(player.play_button).top() > legend.bottom() and in_page(note).top() > in_page(player).bottom()
    )
    assert in_page(note).left() <= in_page(page.clip_list).left()  # under the clip list too
    assert (
        in_page(note).bottom() <= page.height()
        and in_page(page.clear_warning_button).bottom() <= page.height()
    )


def test_a_clip_found_fine_has_its_warning_cleared_at_once_and_undo_marks_it_again(qtbot, context):
    """Only deleting a clip kept despite the warning took its mark away, though the learner meant to keep
    it."""
    why = "Location: in the middle of the sign, your right hand was lower than in the reference."
    hello = next(sign.id for sign in context.database.signs() if sign.gloss == "hello")
    kept = context.database.add_clip(hello, moving_clip(seed=4), ClipOrigin("take.pose", kept_despite=why))
    page = shown_on_a_small_screen(qtbot, LibraryPage(context))
    select(page, "hello")
    assert not page.clear_warning_button.isVisible()  # the first clip: no warning to clear
    page.clip_list.setCurrentRow(2)
    button = page.clear_warning_button
    assert button.isVisible() and button.text() == "This clip is fine: clear the warning"
    assert button.mapTo(page, button.rect().bottomRight()).y() <= page.height()  # in sight on a small screen
    button.click()
    assert context.database.clip(kept).kept_despite is None
    assert page.selected_clip.id == kept and not page.clip_list.item(2).text().startswith("⚠")  # at once
    assert not page.kept_note.isVisible() and not button.isVisible()
    assert page.clip_list.item(2).toolTip() == "take.pose"
    # Whole on a small screen: it was cut to "Cleared the warning on a clip of “letter…"
    assert page.undo_label.text() == "Cleared a warning on “hello (ASL)”." and reads_whole(page.undo_label)
    page.undo_button.click()
    assert context.database.clip(kept).kept_despite == why
    assert page.selected_clip.id == kept and page.clip_list.item(2).text().startswith("⚠ Clip 3")
    assert page.kept_note.isVisible() and why in page.kept_note.text() and button.isVisible()
    assert not page.undo_button.isEnabled()


def test_rename_and_retag_and_refuse_duplicates(qtbot, context):
    page = LibraryPage(context)
    qtbot.addWidget(page)
    select(page, "hello")
    sign_id = page.selected_sign.id
    assert page.rename(sign_id, "Hello there", "ASL") == ""
    assert page.selected_sign.gloss == "Hello there"  # still selected after the reload
    assert page.retag(sign_id, [" greeting", "", "week 1 "])
    assert context.database.sign(sign_id).tags == ("greeting", "week 1")
    assert "already a sign “THANKS”" in page.rename(sign_id, "THANKS", "ASL")
    assert context.database.sign(sign_id).gloss == "Hello there"


def test_a_name_already_taken_is_said_in_the_dialog_which_stays_open_with_the_name_typed(
    qtbot, context, monkeypatch
):
    """The walk-through: renaming "my wave" to "hello" showed a warning, after which the rename dialog had
    closed and the name typed was lost, though the warning said to choose another. The dialog says it and
    stays open with the name; another name then saves and closes it."""
    from desktop_app.ui.library_page import SignDialog

    page = LibraryPage(context)
    qtbot.addWidget(page)
    select(page, "thanks")
    thanks = page.selected_sign
    seen = []

    def learner(dialog):
        dialog.name.setText("hello")
        ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
        ok.click()
        stayed_open = dialog.result() != SignDialog.DialogCode.Accepted
        seen.append((stayed_open, dialog.name.text(), dialog.problem.text()))
        assert not dialog.problem.isHidden()
        dialog.name.setText("thank you")  # corrected
        assert dialog.problem.isHidden()
        ok.click()
        return dialog.result()

    monkeypatch.setattr(SignDialog, "exec", learner)
    page.rename_button.click()
    assert seen == [(True, "hello", "There is already a sign “hello” in ASL: choose another name")]
    assert context.database.sign(thanks.id).gloss == "thank you" and page.selected_sign.id == thanks.id


def test_tags_are_edited_in_a_box_that_shows_several_one_a_line(qtbot, context, monkeypatch):
    from desktop_app.ui.library_page import TAGS_LINES_SHOWN, TagsDialog

    page = LibraryPage(context)
    qtbot.addWidget(page)
    select(page, "hello")
    page.retag(page.selected_sign.id, ["greeting", "lesson: Food, drink", "week 1", "polite", "ASL"])
    shown = []

    def edit(dialog):
        shown.append((dialog.editor.toPlainText(), dialog.editor.minimumHeight()))
        assert dialog.windowTitle() == "Tags of “hello (ASL)”"  # the sign as the lists name it
        dialog.editor.setPlainText(dialog.editor.toPlainText() + "\nevening")
        return TagsDialog.DialogCode.Accepted

    monkeypatch.setattr(TagsDialog, "exec", edit)
    page.tags_button.click()
    text, height = shown[0]
    assert text == "greeting\nlesson: Food, drink\nweek 1\npolite\nASL"  # was one line, "…, …, …"
    line = page.fontMetrics().lineSpacing()
    assert height >= TAGS_LINES_SHOWN * line > 5 * line  # every one of these seen at once
    assert page.selected_sign.tags == (
        "greeting",
        "lesson: Food, drink",
        "week 1",
        "polite",
        "ASL",
        "evening",
    )


def test_new_sign_is_added_in_the_shown_language_and_selected(qtbot, context):
    page = LibraryPage(context)
    qtbot.addWidget(page)
    page.language.setCurrentIndex(page.language.findData("DGS"))
    page.search.setText("zzz")
    assert page.add_sign("Katze", "DGS") == ""
    assert page.selected_sign.gloss == "Katze" and page.search.text() == ""
    assert glosses(page) == ["Haus", "Katze"] and page.record_button.isEnabled()
    assert page.clip_list.count() == 0
    # not the database file's path first, and a sentence of its own
    assert page.add_sign("katze", "DGS") == "There is already a sign “katze” in DGS: choose another name"


def test_a_sign_is_given_its_language_when_made_and_can_move_to_another(qtbot, context, monkeypatch):
    """'New sign…' asked only for a name and took the language from the filter, unsaid; nothing could change
    a sign's language afterwards."""
    from desktop_app.ui.library_page import SignDialog

    page = LibraryPage(context)
    qtbot.addWidget(page)
    page.language.setCurrentIndex(page.language.findData("DGS"))
    asked, answers = [], iter([("winken", "ASL"), ("winken", "DGS")])

    def answer(dialog):
        asked.append((dialog.windowTitle(), dialog.name.text(), dialog.language.currentText()))
        languages = [dialog.language.itemText(row) for row in range(dialog.language.count())]
        assert languages == ["", "ASL", "DGS"]  # the library's languages to choose from, or none
        name, language = next(answers)
        dialog.name.setText(name)
        dialog.language.setCurrentText(language)
        dialog.accept()  # OK
        return dialog.result()

    monkeypatch.setattr(SignDialog, "exec", answer)
    page.new_sign_button.click()
    winken = page.selected_sign
    assert (winken.gloss, winken.language) == ("winken", "ASL")  # in sight: the filter let go of DGS
    assert page.language.currentData() is None and "winken" in glosses(page)
    assert page.rename_button.text() == "Name and language…"
    page.rename_button.click()
    assert asked == [("New sign", "", "DGS"), ("Name and language of “winken (ASL)”", "winken", "ASL")]
    assert (page.selected_sign.id, page.selected_sign.language) == (winken.id, "DGS")
    assert page.sign_details.text() == "DGS"  # no clips: no hand yet


def test_practise_button_selects_the_sign_for_practice(qtbot, context):
    page = LibraryPage(context)
    qtbot.addWidget(page)
    chosen = []
    context.events.sign_selected.connect(chosen.append)
    select(page, "thanks")
    page.practise_button.click()
    assert chosen == [page.selected_sign.id] and context.selected_sign_id == chosen[0]


def test_export_writes_pose_files(qtbot, context, tmp_path, monkeypatch, warnings):
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: said.append(args[2]))
    asked_from = answering_file_pickers(monkeypatch, "")
    page = LibraryPage(context)
    qtbot.addWidget(page)
    page.export(selected_only=False)
    assert asked_from == [str(Path.home())]  # was: the working folder, e.g. the app's installation
    context.remember(last_folder=str(tmp_path))  # signing was read in there: exported signs start there
    page.export(selected_only=False)
    assert asked_from[-1] == str(tmp_path)
    worker = page.start_export(str(tmp_path / "out"), None)
    assert wait_for_outcome(qtbot, worker, 20000)[0] == "finished"
    assert sorted(p.parent.name for p in (tmp_path / "out").rglob("*.pose")) == ["hello", "hello", "thanks"]
    qtbot.waitUntil(lambda: bool(said))
    assert said == [  # the folders written named: the folder chosen was, as if the clips were in it
        f"Wrote 3 clips into {tmp_path / 'out'}, a folder for each sign with its language and tags:"
        " hello and thanks."  # no licence: none is known (all three were said)
    ]
    hello = next(sign for sign in context.database.signs() if sign.gloss == "hello")
    worker = page.start_export(str(tmp_path / "one"), [hello.id])
    assert wait_for_outcome(qtbot, worker, 20000)[0] == "finished"
    qtbot.waitUntil(lambda: len(said) == 2)
    assert said[1] == (
        f"Wrote the 2 clips of “hello (ASL)” into {tmp_path / 'one' / 'hello'} with the sign's language and"
        " tags."
    )
    worker = page.start_export(str(tmp_path / "one"), None)  # again, beside the earlier export
    assert wait_for_outcome(qtbot, worker, 20000)[0] == "finished"
    qtbot.waitUntil(lambda: len(said) == 3)
    assert said[2].endswith(": hello and thanks. An earlier export made hello: written into it again.")


@pytest.mark.slow
def test_record_a_reference_clip_from_the_camera_then_keep_it(qtbot, context):
    """The real capture pipeline, with the committed signing video standing in for the webcam."""
    from desktop_app.core.collection.library import RECORDED_SOURCE
    from desktop_app.core.signing.session import Phase
    from desktop_app.ui.record_dialog import RecordDialog

    context.use_camera(str(SIGNING_VIDEO), True)
    sign_id = context.database.signs(search="Haus")[0].id
    dialog = RecordDialog(context, sign_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(
        lambda: (picture := dialog.live.video_label.pixmap()) is not None and not picture.isNull(),
        timeout=30000,
    )
    recorded_frames = []
    dialog.live.worker.frame_ready.connect(
        lambda report: recorded_frames.append(report) if report.phase is Phase.RECORDING else None
    )
    dialog.live.toggle_button.click()  # Start
    # Attempts under 0.4 s of VIDEO time are discarded, and on a busy machine video time runs far slower than
    # the wall clock (the file's frames are never dropped): wait for recorded frames, not for a fixed time,
    # and for frames with a hand, as 20 frames on the signer's hands coming up were "Stopped as your sign
    # began" under load.
    qtbot.waitUntil(
        lambda: (
            len(recorded_frames) >= 20
            and sum(bool(report.mask[POSE.stop :].any()) for report in recorded_frames) >= 20
        ),
        timeout=60000,
    )
    with qtbot.waitSignal(dialog.live.attempt_captured, timeout=15000):
        dialog.live.toggle_button.click()  # Stop
    assert dialog.stack.currentIndex() == 1 and dialog.live.worker is None  # replay shown, camera released
    recorded = dialog.recorded.pose
    assert len(recorded) >= 5 and recorded.detection_counts()["body"] > 0
    assert recorded.width == 540 and recorded.height == 720

    dialog.discard_button.click()  # back to the camera, nothing stored
    assert dialog.stack.currentIndex() == 0 and context.database.clips(sign_id) == []
    dialog.show_recording(recorded)
    dialog.keep_button.click()
    clips = context.database.clips(sign_id)  # the video's signer leads with her left hand
    assert len(clips) == 1 and (clips[0].source, clips[0].handedness) == (RECORDED_SOURCE, "left")
    assert context.database.clip_pose(clips[0].id).equals(recorded)
    assert dialog.live.worker is None


def test_pages_unsubscribe_from_the_context_when_destroyed(qtbot, context):
    import shiboken6

    from desktop_app.ui.embedding_map import EmbeddingMapPage
    from desktop_app.ui.progress_page import ProgressPage

    events = context.events
    before = {emitter.name: len(emitter) for emitter in events}
    for page_class in (LibraryPage, ProgressPage, EmbeddingMapPage):
        page = page_class(context)
        assert len(events.database_changed) > before["database_changed"]  # the page (and its panels) listen
        shiboken6.delete(page)
        assert {emitter.name: len(emitter) for emitter in events} == before
    context.notify_database_changed()  # no callback into a deleted page


def test_the_search_and_language_boxes_are_whole_on_a_small_screen(qtbot, context):
    page = shown_on_a_small_screen(qtbot, LibraryPage(context))
    placeholder = page.search.fontMetrics().horizontalAdvance(page.search.placeholderText())
    assert page.search.width() > placeholder, "the search box was squeezed to 'S…'"
    assert page.language.width() >= page.language.sizeHint().width(), "'All languages' was cut"
    sign_list = page.sign_table.parentWidget()
    assert sign_list.width() >= 0.35 * page.width(), "the list of signs without its Language column"


def test_the_record_dialog_says_when_the_camera_is_back(qtbot, context):
    from desktop_app.ui.live_attempt_view import SIGNING_HINT
    from desktop_app.ui.record_dialog import RecordDialog
    from tests.support import CAMERA_LOST, camera_state_reaches

    context.use_camera(9, False)
    dialog = RecordDialog(context, context.database.signs(search="Haus")[0].id)
    qtbot.addWidget(dialog)
    live = dialog.live
    camera_state_reaches(live, live._camera_state, CAMERA_LOST)
    assert live.status.text() == CAMERA_LOST
    assert not live.toggle_button.isEnabled(), "nothing can be recorded (Start stayed enabled)"
    camera_state_reaches(live, live._camera_state, "")  # back
    assert live.status.text() == f"The camera is back. {SIGNING_HINT}", "the loss stayed on screen"
    assert live.toggle_button.isEnabled()


def test_the_record_window_names_the_sign_as_the_lists_do(qtbot, context):
    """Its title said "Record “Haus”": a sign of that name in another language read the same."""
    from desktop_app.ui.record_dialog import RecordDialog

    context.use_camera(9, False)
    dialog = RecordDialog(context, context.database.signs(search="Haus")[0].id)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Record “Haus (DGS)”"


def test_discard_and_try_again_says_how_to_sign_again_not_got_it(qtbot, context, camera_workers):
    from desktop_app.core.judging.attempts import AttemptOutcome
    from desktop_app.ui.live_attempt_view import SIGNING_HINT
    from desktop_app.ui.record_dialog import RecordDialog

    context.use_camera(str(SIGNING_VIDEO), True)
    dialog = RecordDialog(context, context.database.signs(search="Haus")[0].id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: len(camera_workers) == 1)
    camera_workers[0].attempt_scored.emit(AttemptOutcome(moving_clip(), None))
    assert dialog.stack.currentIndex() == 1 and dialog.live.status.text() == "Got it."
    dialog.discard_button.click()
    qtbot.waitUntil(lambda: len(camera_workers) == 2)  # the camera again, for the next try
    assert dialog.live.status.text() == SIGNING_HINT, "'Got it.' stayed under the live camera"


def test_keep_and_record_another_keeps_the_window_open_and_counts_the_clips_kept(
    qtbot, context, camera_workers, monkeypatch
):
    """The window closed after each clip kept: a teacher recording several reference clips opened it again
    for each. The library shows the last one kept, however the window is closed."""
    from desktop_app.core.judging.attempts import AttemptOutcome
    from desktop_app.ui.live_attempt_view import SIGNING_HINT
    from desktop_app.ui.record_dialog import RecordDialog

    context.use_camera(str(SIGNING_VIDEO), True)
    page = LibraryPage(context)
    qtbot.addWidget(page)
    select(page, "Haus")
    sign_id = page.selected_sign.id
    seen = []

    def record_two(dialog):  # what the teacher does in the modal window
        dialog.show()
        for number in (1, 2):
            qtbot.waitUntil(lambda number=number: len(camera_workers) == number)
            camera_workers[-1].attempt_scored.emit(AttemptOutcome(moving_clip(seed=number), None))
            assert dialog.keep_another_button.text() == "Keep this clip and record another"
            dialog.keep_another_button.click()
            qtbot.waitUntil(lambda number=number: len(camera_workers) == number + 1)  # the camera again
            seen.append((dialog.stack.currentIndex(), dialog.title.text(), dialog.live.status.text()))
        dialog.reject()  # Close: nothing recorded is waiting
        return dialog.result()

    monkeypatch.setattr(RecordDialog, "exec", record_two)
    page.record_clip()
    assert seen == [
        (
            0,
            "Sign “Haus (DGS)” in front of the camera. You will see the recording before it is kept. "
            f"{count} kept so far.",
            SIGNING_HINT,
        )
        for count in ("1 clip", "2 clips")
    ]
    clips = context.database.clips(sign_id)
    assert len(clips) == 2 and page.selected_clip.id == clips[-1].id


def test_the_clip_just_kept_is_the_one_selected(qtbot, context, camera_workers, monkeypatch):
    """After "Keep this clip" the library showed Clip 1 selected, not the new clip."""
    from desktop_app.ui.record_dialog import RecordDialog

    def record_and_keep(dialog):  # what the learner does in the modal window
        dialog.show_recording(moving_clip(seed=9))
        dialog.keep_button.click()
        return dialog.result()

    monkeypatch.setattr(RecordDialog, "exec", record_and_keep)
    context.use_camera(str(SIGNING_VIDEO), True)
    page = LibraryPage(context)
    qtbot.addWidget(page)
    select(page, "hello")
    page.record_clip()
    clips = context.database.clips(page.selected_sign.id)
    assert page.clip_list.count() == len(clips) == 3
    assert page.selected_clip.id == clips[-1].id and page.clip_list.currentRow() == 2
    # The new clip's embedding, done in the background, announces the database changed: the page reloads and
    # kept it selected only until then (a walk-through saw Clip 1 again).
    context.notify_database_changed()
    assert page.selected_clip.id == clips[-1].id and page.clip_list.currentRow() == 2
    select(page, "Haus")  # another sign: its first clip
    assert page.clip_list.count() == len(context.database.clips(page.selected_sign.id))
    assert page.clip_list.currentRow() == (0 if page.clip_list.count() else -1)


@pytest.mark.parametrize("answer", ["Keep this clip", "Discard", "Cancel"])
def test_closing_the_record_window_asks_about_a_clip_recorded_and_not_kept(
    qtbot, context, camera_workers, monkeypatch, answer
):
    """Close threw away the clip just recorded and watched, without a word: it asks Keep, Discard or Cancel
    (back to the clip)."""
    from desktop_app.ui.record_dialog import RecordDialog

    asked = answering_message_boxes(monkeypatch, answer)
    sign_id = context.database.signs(search="Haus")[0].id
    dialog = RecordDialog(context, sign_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reject()  # nothing recorded yet: closed at once
    assert asked == [] and not dialog.isVisible()
    dialog.show()
    dialog.show_recording(moving_clip(seed=5))
    close = next(button for button in dialog.findChildren(QPushButton) if button.text() == "Close")
    close.click()
    assert asked == ["You have not kept the clip you just recorded."]
    assert dialog.isVisible() == (answer == "Cancel")
    assert len(context.database.clips(sign_id)) == (answer == "Keep this clip")
    assert (dialog.kept_clip_id is not None) == (answer == "Keep this clip")
    dialog.done(0)


def test_recording_a_clip_starts_by_hand_when_the_learner_said_so(qtbot, context, camera_workers):
    from desktop_app.ui.live_attempt_view import SIGNING_BY_BUTTON_HINT
    from desktop_app.ui.record_dialog import RecordDialog

    context.use_camera(str(SIGNING_VIDEO), True)
    context.update_settings(auto_start=False)  # "Start when my hands come up" off
    dialog = RecordDialog(context, context.database.signs(search="Haus")[0].id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: len(camera_workers) == 1)
    assert camera_workers[0].auto_segmentation is False, "raised hands recorded a clip unasked"
    assert dialog.live.status.text() == SIGNING_BY_BUTTON_HINT


def test_the_record_window_says_to_check_a_missing_video_files_name(qtbot, context, camera_workers, tmp_path):
    """A video file used as the camera that is not there: "Plug in a camera" was no help for a mistyped
    name."""
    from desktop_app.core.signing.capture import CHECK_THE_VIDEO_FILE
    from desktop_app.ui.record_dialog import RecordDialog

    context.use_camera(str(tmp_path / "nope.mp4"), False)
    dialog = RecordDialog(context, context.database.signs(search="Haus")[0].id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: len(camera_workers) == 1)
    camera_workers[0].failed.emit(f"{tmp_path / 'nope.mp4'}: no such file")
    assert dialog.live.status.text() == CHECK_THE_VIDEO_FILE
    assert dialog.live.choose_camera_button.isVisible()


def test_the_record_window_says_to_choose_another_video_for_a_file_that_is_not_one(
    qtbot, context, camera_workers, tmp_path
):
    """A text file named .mp4 as the camera was told to check its name and folder, which were right."""
    from desktop_app.core.signing.capture import CHOOSE_ANOTHER_VIDEO
    from desktop_app.ui.record_dialog import RecordDialog

    text = tmp_path / "notavideo.mp4"
    text.write_text("not a video")
    context.use_camera(str(text), False)
    dialog = RecordDialog(context, context.database.signs(search="Haus")[0].id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: len(camera_workers) == 1)
    camera_workers[0].failed.emit(
        f"{text}: not a video that can be read (unknown format, or the file is damaged)"
    )
    assert dialog.live.status.text() == CHOOSE_ANOTHER_VIDEO


def test_the_record_window_without_a_camera_offers_the_camera_chooser_and_no_signing_hint(
    qtbot, context, camera_workers, monkeypatch
):
    """It said 'Choose another one in File → Camera…', a menu the modal record window blocks, above 'Raise
    your hands to start signing… Or press Start.'"""
    from desktop_app.core.app.context import CameraInUse
    from desktop_app.core.signing.capture import PLUG_IN_A_CAMERA
    from desktop_app.ui import camera_dialog
    from desktop_app.ui.live_attempt_view import SIGNING_HINT
    from desktop_app.ui.record_dialog import RecordDialog

    context.use_camera(7, False)
    dialog = RecordDialog(context, context.database.signs(search="Haus")[0].id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: len(camera_workers) == 1)
    live = dialog.live
    assert not live.choose_camera_button.isVisible()  # while the camera works
    camera_workers[0].failed.emit("camera 7: no camera found (plugged in? not in use by another app?)")
    assert live.choose_camera_button.isVisible() and live.toggle_button.text() == "Try again"
    assert live.status.text() == PLUG_IN_A_CAMERA and "File → Camera" not in live.video_label.text()
    monkeypatch.setattr(
        camera_dialog, "ask_for_camera", lambda context, parent: CameraInUse(str(SIGNING_VIDEO), True)
    )
    live.choose_camera_button.click()  # the same chooser as File → Camera…: used and saved
    assert context.camera == CameraInUse(str(SIGNING_VIDEO), True)
    assert context.settings.video_path == str(SIGNING_VIDEO)
    assert len(camera_workers) == 2 and camera_workers[1].source.description == SIGNING_VIDEO.name  # at once
    assert not live.choose_camera_button.isVisible() and live.status.text() == SIGNING_HINT
    assert live.toggle_button.text() == START_RECORDING


def test_space_in_the_record_window_starts_and_stops_an_attempt_as_it_is_shown(
    qtbot, context, camera_workers
):
    """Start/Stop was decided by the button's own word, which only the frames set: with an attempt started
    by raised hands said ("Recording… lower your hands (or press Stop)") before its first frame came, Space
    on the button started another. Decided from the attempt as shown (LiveAttempts), as on the practice
    page: by its events and its frames. And as there, Space works wherever the focus is (it did only on the
    button, which said "Start" where practice's says "Start attempt (Space)"), but presses a control tabbed
    to."""
    from PySide6.QtCore import Qt

    from desktop_app.core.signing.session import Phase, SegmentEvent
    from desktop_app.ui.record_dialog import RecordDialog

    context.use_camera(str(SIGNING_VIDEO), True)
    dialog = RecordDialog(context, context.database.signs(search="Haus")[0].id)
    shown_in_front(qtbot, dialog)
    qtbot.waitUntil(lambda: len(camera_workers) == 1)
    live, worker = dialog.live, camera_workers[0]
    dialog.setFocus()  # on no control

    def space() -> str:
        qtbot.keyClick(dialog, Qt.Key.Key_Space)
        return worker.told[-1]

    assert live.toggle_button.text() == START_RECORDING and space() == "start"
    worker.segment_event.emit(SegmentEvent("started", message="Recording: press Space again to stop."))
    assert live.toggle_button.text() == STOP_RECORDING and space() == "stop"
    worker.frame_ready.emit(frame_report(Phase.WAITING))  # it ended
    worker.segment_event.emit(SegmentEvent("started", message="Recording: lower your hands to finish."))
    assert "Recording" in live.status.text() and live.toggle_button.text() == STOP_RECORDING
    assert space() == "stop", "the attempt said to be recording was not stopped: another was started"
    worker.frame_ready.emit(frame_report(Phase.RECORDING))
    worker.frame_ready.emit(frame_report(Phase.WAITING))  # it ended by itself: its result is on its way
    assert live.toggle_button.text() == START_RECORDING
    live.toggle_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(live.toggle_button, Qt.Key.Key_Space)
    assert worker.told[-1] == "start"
    told = len(worker.told)
    close = next(button for button in dialog.findChildren(QPushButton) if button.text() == "Close")
    close.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(close, Qt.Key.Key_Space)  # pressed, as everywhere: no attempt
    assert not dialog.isVisible() and len(worker.told) == told


def test_space_stops_the_recording_with_the_keyboard_on_close(qtbot, context, camera_workers):
    """Tab had moved the keyboard onto Close, and the Space meant to stop the recording pressed Close
    (the window went, the recording with it). While recording, Space stops it wherever the focus is."""
    from PySide6.QtCore import Qt

    from desktop_app.core.signing.session import SegmentEvent
    from desktop_app.ui.record_dialog import RecordDialog

    context.use_camera(str(SIGNING_VIDEO), True)
    dialog = RecordDialog(context, context.database.signs(search="Haus")[0].id)
    shown_in_front(qtbot, dialog)
    qtbot.waitUntil(lambda: len(camera_workers) == 1)
    worker = camera_workers[0]
    worker.segment_event.emit(SegmentEvent("started", message="Recording: lower your hands to finish."))
    close = next(button for button in dialog.findChildren(QPushButton) if button.text() == "Close")
    close.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(close, Qt.Key.Key_Space)
    assert dialog.isVisible() and worker.told[-1] == "stop", "Space pressed Close instead of stopping"


def test_the_record_windows_tracking_warning_goes_when_the_problem_does(qtbot, context, camera_workers):
    """ "⚠ Too dark…" stayed in the record window's status until something else was said, long after the
    light was on; practice's tracking line said it only while it lasted. It is said by the same line now, the
    status saying how to sign."""
    from dataclasses import replace

    from desktop_app.ui.live_attempt_view import SIGNING_HINT
    from desktop_app.ui.record_dialog import RecordDialog

    context.use_camera(str(SIGNING_VIDEO), True)
    dialog = RecordDialog(context, context.database.signs(search="Haus")[0].id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: len(camera_workers) == 1)
    live, worker = dialog.live, camera_workers[0]
    dark = "Too dark: turn on a light or face a window."
    for frame in range(10):
        worker.frame_ready.emit(replace(frame_report(), problems=[dark], captured_at=frame / 30))
    assert live.tracking_status.label.text() == f"⚠ {dark}" and live.status.text() == SIGNING_HINT
    for frame in range(10, 40):  # a second in the light: the problem steadily gone (half a second)
        worker.frame_ready.emit(replace(frame_report(), captured_at=frame / 30))
    assert not live.tracking_status.label.text().startswith("⚠") and live.status.text() == SIGNING_HINT


def test_the_search_page_keeps_its_own_ways_on_without_a_camera(qtbot, context, camera_workers):
    """Not the record window's "Try again" and "Choose camera…" beside the picture: Practice's no-camera
    panel in the camera's place, "Sign to search" greyed until a camera starts."""
    from desktop_app.ui.search_page import NO_CAMERA_WAYS_ON, SearchPage

    context.use_camera(7, False)
    page = SearchPage(context)
    qtbot.addWidget(page)
    page.show()
    page.start_signing()
    camera_workers[0].failed.emit("camera 7: no camera found (plugged in? not in use by another app?)")
    live = page.live
    assert page.status.text() == NO_CAMERA_WAYS_ON and page.no_camera.choose_camera_button.isVisible()
    assert not live.choose_camera_button.isVisible() and live.toggle_button.text() != "Try again"
    assert not live.toggle_button.isVisible() and page.sign_button.text() == "Sign to search"  # no Space
    assert live.status.text() == "", "'Check your framing' stood under a camera that could not start"
    assert not page.sign_button.isEnabled() and not page.signing


def test_the_buttons_stay_in_place_whatever_the_sign_selected_says(qtbot, context):
    """Selecting signs with short and long descriptions and names: the buttons under them jumped up and down
    with the lines the description wrapped to. A description longer than its box scrolls in it."""
    database = context.database
    notes = "Reference clips from a video of a signer who repeats the sign slowly, then at speed. " * 6
    database.add_sign("lang", language="DGS", notes=notes, tags=["lesson: DGS 2 · Time and weather", "long"])
    database.add_sign("Fußballweltmeisterschaftsendspiel am Sonntagabend in der Hauptstadt", language="DGS")
    page = shown_on_a_small_screen(qtbot, LibraryPage(context))
    buttons = (page.practise_button, page.delete_sign_button, page.record_button, page.delete_clip_button)
    places = {}
    for gloss in glosses(page):
        select(page, gloss)
        qtbot.wait(20)  # the layout settles
        tops = tuple(button.mapTo(page, button.rect().topLeft()).y() for button in buttons)
        places[gloss] = (*tops, page.clip_list.height(), page.preview.height())
    assert len(set(places.values())) == 1, places  # was: the first row 21 pixels lower under a long name
    select(page, "lang")
    qtbot.wait(20)
    assert page.sign_details.text().endswith(notes)  # all of it, in a box that scrolls
    assert page.sign_details.height() > page.sign_details_box.height()


def test_a_sign_with_many_tags_keeps_its_name_whole_in_the_list_and_a_long_name_the_columns(qtbot, context):
    tags = ["ASL", "default", "lesson: ASL 1 · Coffee shop: asking", "greeting", "polite", "evening", "pub"]
    context.library.retag(context.database.signs(search="hello")[0].id, tags)
    page = shown_on_a_small_screen(qtbot, LibraryPage(context))
    table = page.sign_table
    assert table.columnWidth(0) >= table.sizeHintForColumn(0), "the names were squeezed to '…' by the tags"
    row = glosses(page).index("hello")
    shown = ", ".join(tag for tag in tags if tag != "default")  # the starter signs' mark is not shown
    assert table.item(row, 3).toolTip() == table.item(row, 3).text() == shown  # whole, when cut
    page.add_sign("Fußballweltmeisterschaftsendspiel am Sonntagabend in der Hauptstadt Berlin", "DGS")
    qtbot.wait(20)
    assert table.horizontalHeader().length() <= table.viewport().width(), "the tags went out of sight"
    assert table.columnWidth(1) >= table.sizeHintForColumn(1) and table.columnWidth(3) > 100


def test_import_clips_opens_on_the_sign_selected(qtbot, context, monkeypatch):
    """A teacher adding clips to the sign they work on retyped its name for each video: its
    "Import clips…" names it (Import… names none)."""
    from desktop_app.ui.import_dialog import ImportDialog

    page = LibraryPage(context)
    qtbot.addWidget(page)
    select(page, "thanks")
    named = []
    monkeypatch.setattr(ImportDialog, "exec", lambda dialog: named.append(dialog.selected))
    page.import_clips_button.click()
    assert named == [page.selected_sign] and named[0].gloss == "thanks"


def test_the_sign_just_imported_is_selected_and_shown(qtbot, context, monkeypatch):
    """After "1 clip imported into posetest (DGS)" the sign shown before stayed selected, and a search could
    hide the new one."""
    from desktop_app.core.importing.imports import POSE_FILES
    from desktop_app.ui.import_dialog import ImportDialog

    page = LibraryPage(context)
    qtbot.addWidget(page)
    select(page, "hello")
    page.search.setText("hel")  # hides the sign about to be imported
    summaries = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: summaries.append(text))
    imports = []

    def learner_imports(dialog: ImportDialog) -> None:
        next(b for b in dialog.kind_buttons.buttons() if b.property("kind") == POSE_FILES).setChecked(True)
        dialog.set_paths([str(TEST_DATA / "pose" / "mediapipe.pose")])
        qtbot.waitUntil(lambda: dialog.checking is None and bool(dialog.paths), timeout=LOADED_MACHINE_MS)
        dialog.gloss.setText("posetest")
        dialog.language.setEditText("DGS")
        imports.append(dialog.start_import())

    monkeypatch.setattr(ImportDialog, "exec", learner_imports)
    page.open_import_dialog()
    assert wait_for_outcome(qtbot, imports[0], LOADED_MACHINE_MS)[0] == "finished"
    qtbot.waitUntil(lambda: bool(summaries), timeout=LOADED_MACHINE_MS)
    assert summaries == ["1 clip imported into posetest (DGS)."]
    assert page.selected_sign is not None and page.selected_sign.gloss == "posetest"
    assert page.search.text() == "" and page.clip_list.count() == 1


def test_the_clip_shown_mirrored_says_so_and_the_note_follows_left_handed_mode(qtbot, context):
    """Left-handed, the Library showed every clip with the left hand under "dominant hand: right", with no
    note like Practice's that it is shown mirrored."""
    from signcore.formats import load_dgs

    bier = next(clip.pose for clip in load_dgs(TEST_DATA / "dgs" / "3D_full") if clip.gloss == "Bier")
    sign = context.database.add_sign("Bier", language="DGS")
    context.database.add_clip(sign, bier, ClipOrigin(source="bier.pose"))  # a starter clip: no hand stored
    page = LibraryPage(context)
    qtbot.addWidget(page)
    select(page, "Bier")
    assert page.clip_list.item(0).text() == "Clip 1 · right-handed"
    assert page.mirrored_note.text() == ""
    assert page.sign_details.text() == "DGS · dominant hand: right"
    context.update_settings(left_handed=True)
    assert page.mirrored_note.text() == (
        "The reference is shown with its hands swapped, so that you sign it with your left hand."
    )
    # the header too, above the picture signed with the left hand (it still said "dominant hand: right")
    assert page.sign_details.text() == "DGS · dominant hand: right (shown as your left hand)"
    # Whole in a 1000-px window: it was cut to its first words in a one-line box scrolling it
    shown_on_a_small_screen(qtbot, page)
    note, box = page.mirrored_note, page.mirrored_note_box
    assert note.heightForWidth(box.viewport().width()) <= box.viewport().height()
    assert box.verticalScrollBar().maximum() == 0


def test_the_record_window_says_the_attempts_as_practice_and_review_do(
    qtbot, context, camera_workers, monkeypatch
):
    """It wrote its own words ("Get ready: 3", "Recording… lower your hands (or press Stop)…") where
    practice and review say the attempts through LiveAttempts.heading, and kept how an attempt ended on
    screen where they say it for a moment (an attempt thrown out is said until the next one, as review says
    it)."""
    from desktop_app.core.signing.session import SegmentEvent
    from desktop_app.ui import live_camera
    from desktop_app.ui.live_attempt_view import SIGNING_HINT
    from desktop_app.ui.record_dialog import RecordDialog

    monkeypatch.setattr(live_camera, "NOTICE_MS", 20)
    context.use_camera(str(SIGNING_VIDEO), True)
    dialog = RecordDialog(context, context.database.signs(search="Haus")[0].id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: len(camera_workers) == 1)
    status, worker = dialog.live.status, camera_workers[0]
    worker.segment_event.emit(SegmentEvent("countdown", seconds_left=3))
    assert status.text() == "Get ready… 3"
    assert status.styleSheet() == f"color: {live_camera.HEADING_COLOURS['countdown']};"
    worker.segment_event.emit(SegmentEvent("started", message="Recording: lower your hands to finish."))
    assert status.text() == "● Recording: lower your hands to finish."
    assert status.styleSheet() == f"color: {live_camera.HEADING_COLOURS['recording']};"
    assert dialog.live.toggle_button.text() == STOP_RECORDING
    worker.segment_event.emit(SegmentEvent("discarded", message="Too short: sign for longer."))
    assert status.text() == "Too short: sign for longer." and status.styleSheet() == ""
    assert dialog.live.toggle_button.text() == START_RECORDING
    # Said until the next attempt: said for a moment, a learner looking at their hands missed it
    qtbot.wait(3 * live_camera.NOTICE_MS)
    assert status.text() == "Too short: sign for longer."
    worker.segment_event.emit(SegmentEvent("started", message="Recording: lower your hands to finish."))
    worker.segment_event.emit(SegmentEvent("discarded", message=""))  # dropped: nothing to say of it
    assert status.text() == SIGNING_HINT


def test_the_sign_details_box_is_as_many_lines_high_in_the_font_it_has_now(qtbot, context):
    """Its height was fixed from the font at build time: a larger font chosen later cut its lines."""
    from PySide6.QtGui import QFont

    from desktop_app.ui.library_page import DETAILS_LINES_SHOWN

    page = LibraryPage(context)
    qtbot.addWidget(page)
    larger = QFont(page.font())
    larger.setPointSizeF(page.font().pointSizeF() * 2)
    page.setFont(larger)
    page.show()
    qtbot.waitExposed(page)
    qtbot.wait(20)  # the layout settles
    lines = DETAILS_LINES_SHOWN * page.sign_details.fontMetrics().lineSpacing()
    assert page.sign_details_box.height() >= lines


def test_the_record_window_says_a_tracking_problem_once_it_is_steady(qtbot, context):
    """Its warning came and went with every frame the tracker had a problem in; practice's line holds."""
    from dataclasses import replace

    from desktop_app.ui.live_attempt_view import SIGNING_HINT
    from desktop_app.ui.record_dialog import RecordDialog
    from tests.support import frame_report

    context.use_camera(9, False)
    dialog = RecordDialog(context, context.database.signs(search="Haus")[0].id)
    qtbot.addWidget(dialog)
    too_dark = "Too dark: turn on a light."

    def show(index: int, problem: bool) -> None:
        report = replace(frame_report(), problems=[too_dark] if problem else [], captured_at=index / 30)
        dialog.live._show_frame(report)

    line = dialog.live.tracking_status.label  # as practice's
    for index in range(45):  # a problem in one frame of three
        show(index, index % 3 == 1)
        assert not line.text().startswith("⚠") and dialog.live.status.text() == SIGNING_HINT
    for index in range(45, 75):  # in every frame
        show(index, True)
    assert line.text() == f"⚠ {too_dark}" and dialog.live.status.text() == SIGNING_HINT


def test_the_record_window_and_its_buttons_fit_a_small_screen(qtbot, context, camera_workers, monkeypatch):
    """On a 1000 x 520 screen the record window opened 620 px high: its Start button, the words saying how to
    sign and Close were below the screen's edge. It opens within the screen's room, its frame counted, its
    controls inside it."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QScreen

    from desktop_app.ui.panes import WINDOW_FRAME
    from desktop_app.ui.record_dialog import RecordDialog

    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 1000, 520))
    dialog = RecordDialog(context, context.database.signs(search="Haus")[0].id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.height() <= 520 - WINDOW_FRAME
    close = next(button for button in dialog.findChildren(QPushButton) if button.text() == "Close")
    for control in (dialog.live.toggle_button, dialog.live.status, close):
        bottom_right = control.mapTo(dialog, control.rect().bottomRight())
        assert control.isVisible() and dialog.rect().contains(bottom_right), control.text()


def test_the_sign_dialog_makes_room_for_why_a_name_was_refused(qtbot):
    """A walk-through: once the red "There is already a sign…" appeared, the dialog kept its height and the
    grey help text on the language above lost the top of its first line and the bottom of its last."""
    from PySide6.QtWidgets import QApplication, QLabel

    from desktop_app.core.collection.library import LANGUAGE_HINT
    from desktop_app.ui.library_page import SignDialog

    refused = "There is already a sign “hello” in ASL: choose another name"
    dialog = SignDialog(
        "Name and language", "hello", "ASL", ["ASL", "DGS"], save=lambda _name, _language: refused
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    (hint,) = (label for label in dialog.findChildren(QLabel) if label.text() == LANGUAGE_HINT)
    dialog.accept()
    QApplication.processEvents()  # the layout is redone on the events its change posted
    assert dialog.isVisible() and dialog.problem.isVisible()
    assert hint.height() >= hint.heightForWidth(hint.width())
    assert dialog.problem.height() >= dialog.problem.heightForWidth(dialog.problem.width())


def in_recently_deleted(qtbot, page, monkeypatch, learner) -> None:
    """Open "Recently deleted…" from the Library with the keyboard, ``learner(dialog)`` then doing there what
    the learner does (its window is modal)."""
    from desktop_app.ui.recently_deleted import RecentlyDeletedDialog

    def shown(dialog) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        learner(dialog)
        return 0

    monkeypatch.setattr(RecentlyDeletedDialog, "exec", shown)
    assert page.recently_deleted_button.focusPolicy() & Qt.FocusPolicy.TabFocus  # reached with Tab
    page.recently_deleted_button.setFocus()
    qtbot.keyClick(page.recently_deleted_button, Qt.Key.Key_Space)


def rows_of(dialog) -> list[tuple[str, str]]:
    table = dialog.table
    return [(table.item(row, 0).text(), table.item(row, 1).text()) for row in range(table.rowCount())]


def test_recently_deleted_brings_back_the_sign_chosen_leaving_the_others_and_selects_it(
    qtbot, context, monkeypatch
):
    """Undo takes back the last deletion first: a learner who deleted "hello" then "thanks" could not get
    "hello" back without "thanks"."""
    answering_message_boxes(monkeypatch, "Delete sign")
    page = shown_on_a_small_screen(qtbot, LibraryPage(context))
    for gloss in ("hello", "thanks"):
        select(page, gloss)
        page.delete_selected_sign()
    seen = []

    def learner(dialog) -> None:
        seen.append(rows_of(dialog))
        assert dialog.focusWidget() is dialog.table and dialog.restore_button.isDefault()
        qtbot.keyClick(dialog.table, Qt.Key.Key_Down)  # "hello", deleted first
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
        seen.append((rows_of(dialog), dialog.outcome.text(), page.selected_sign.gloss, glosses(page)))
        qtbot.keyClick(dialog.table, Qt.Key.Key_Escape)
        assert not dialog.isVisible()

    in_recently_deleted(qtbot, page, monkeypatch, learner)
    assert seen == [
        [("Sign “thanks (ASL)”", "just now"), ("Sign “hello (ASL)”", "just now")],
        (
            [("Sign “thanks (ASL)”", "just now")],
            "Brought back sign “hello (ASL)”.",
            "hello",  # selected, in sight
            ["Haus", "hello"],
        ),
    ]
    assert page.undo_label.text() == "Deleted sign “thanks (ASL)”."
    page.undo()  # Undo goes on with the others
    assert page.selected_sign.gloss == "thanks" and not page.undo_button.isEnabled()


def test_a_clip_brought_back_from_a_sign_deleted_too_comes_back_in_its_sign_selected(
    qtbot, context, monkeypatch
):
    answering_message_boxes(monkeypatch, "Delete sign")
    page = shown_on_a_small_screen(qtbot, LibraryPage(context))
    select(page, "hello")
    page.clip_list.setCurrentRow(1)
    clip = page.selected_clip.id
    page.delete_selected_clip()
    page.delete_selected_sign()
    said = []

    def learner(dialog) -> None:
        assert rows_of(dialog)[1] == (
            "Clip 2 of “hello (ASL)”, from hello_2.pose (its sign is deleted too)",
            "just now",
        )
        dialog.table.selectRow(1)
        dialog.restore_button.click()
        said.append(dialog.outcome.text())
        assert rows_of(dialog) == []
        assert dialog.empty.isVisible() and not dialog.restore_button.isEnabled()

    in_recently_deleted(qtbot, page, monkeypatch, learner)
    assert said == ["Brought back clip 2 of “hello (ASL)” with its sign: a clip is seen only in its sign."]
    assert page.selected_sign.gloss == "hello" and page.clip_list.count() == 2
    assert page.selected_clip.id == clip


def test_recently_deleted_says_in_plain_words_when_nothing_was_deleted_or_a_sign_cannot_come_back(
    qtbot, context, monkeypatch
):
    from desktop_app.core.collection.library import NOTHING_DELETED
    from desktop_app.core.shared.palette import PROBLEM_COLOUR

    answering_message_boxes(monkeypatch, "Delete sign")
    page = shown_on_a_small_screen(qtbot, LibraryPage(context))
    seen = []

    def learner(dialog) -> None:
        seen.append((dialog.empty.isVisible(), dialog.empty.text(), dialog.table.isVisible()))
        seen.append((dialog.intro.isVisible(), dialog.restore_button.isEnabled()))

    in_recently_deleted(qtbot, page, monkeypatch, learner)
    assert seen == [(True, NOTHING_DELETED, False), (False, False)]

    select(page, "thanks")
    clips = page.clip_list.count()
    page.delete_selected_sign()

    def refused(dialog) -> None:
        context.library.add_sign("Thanks", "ASL")  # as if imported meanwhile
        dialog.restore_button.click()
        seen.append((dialog.outcome.text(), PROBLEM_COLOUR in dialog.outcome.styleSheet(), rows_of(dialog)))
        dialog.restore_button.click()  # it was left out of the list, its clips purged unseen
        seen.append((dialog.outcome.text(), rows_of(dialog)))

    in_recently_deleted(qtbot, page, monkeypatch, refused)
    assert seen[-2:] == [
        (
            "“thanks (ASL)” cannot be brought back: the library has a sign of that name now.",
            True,
            [
                (
                    "Sign “thanks (ASL)”: the library has a new sign of that name;"
                    " Restore adds its clips to it",
                    "just now",
                )
            ],
        ),
        ("Added its clips of the deleted “thanks (ASL)” to the sign of that name in the library.", []),
    ]
    assert page.selected_sign.gloss == "Thanks" and page.clip_list.count() == clips


def test_import_names_no_sign_and_import_clips_names_the_sign_selected(qtbot, context, monkeypatch):
    """A walk-through: with a sign selected, Import… filled in its name for a single .pose file of
    another sign, whose clip then joined it unnoticed. Import clips…, beside the sign's clips, is the import
    into the sign selected."""
    from desktop_app.ui.import_dialog import ImportDialog

    opened = []
    monkeypatch.setattr(ImportDialog, "exec", lambda dialog: opened.append(dialog.selected) or 0)
    page = shown_on_a_small_screen(qtbot, LibraryPage(context))
    assert page.minimumSizeHint().width() <= 1000  # beside Record a clip…, it pushed the page past that
    select(page, "hello")
    page.import_button.click()
    page.import_clips_button.click()
    assert [sign and sign.gloss for sign in opened] == [None, "hello"]
    page.sign_table.clearSelection()
    assert not page.import_clips_button.isEnabled()


def counting_reloads(page, monkeypatch) -> list[str]:
    """The searches the page lists its signs for from now on: one a reload."""
    searched: list[str] = []
    listing = page.library.listing

    def counted(search="", *args, **kwargs):
        searched.append(search)
        return listing(search, *args, **kwargs)

    monkeypatch.setattr(page.library, "listing", counted)
    return searched


def test_undo_and_restore_reload_the_library_once_keeping_the_search_typed(qtbot, context, monkeypatch):
    """The walk-through: Undo and Restore reloaded the Library twice, and Restore emptied the search
    the learner had typed."""
    answering_message_boxes(monkeypatch, "Delete sign")
    page = shown_on_a_small_screen(qtbot, LibraryPage(context))
    page.search.setText("th")
    page.delete_selected_sign()  # "thanks"
    assert glosses(page) == []
    reloads = counting_reloads(page, monkeypatch)
    page.undo()
    assert reloads == ["th"] and glosses(page) == ["thanks"] and page.selected_sign.gloss == "thanks"
    page.delete_selected_sign()
    reloads.clear()

    def learner(dialog) -> None:
        dialog.restore_button.click()

    in_recently_deleted(qtbot, page, monkeypatch, learner)
    assert reloads == ["th"] and page.search.text() == "th" and page.selected_sign.gloss == "thanks"


def test_a_sign_brought_back_that_the_search_hides_is_shown_with_the_search_cleared_in_one_reload(
    qtbot, context, monkeypatch
):
    answering_message_boxes(monkeypatch, "Delete sign")
    page = shown_on_a_small_screen(qtbot, LibraryPage(context))
    select(page, "hello")
    page.delete_selected_sign()
    page.language.setCurrentIndex(page.language.findData("DGS"))
    page.search.setText("Ha")
    reloads = counting_reloads(page, monkeypatch)
    page.undo()
    assert reloads == [""] and page.selected_sign.gloss == "hello" and page.language.currentData() is None
    assert context.settings.language is None  # the filter shown is the one remembered
