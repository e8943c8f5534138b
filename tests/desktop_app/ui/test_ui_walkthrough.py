"""What a learner walking through the window found broken: the reference of another sign shown for a sign
without clips, a window that cannot be made small, Space that pressed no button."""

import os
import signal

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QLabel, QMenuBar, QWidget

from desktop_app.core.app.context import AppContext
from desktop_app.core.shared.settings import Settings
from desktop_app.ui.practice_page import CANNOT_SCORE_PROMPT, NO_SIGNS_PROMPT, PracticePage
from signcore.database import SignDatabase
from signcore.lessons import lesson_tag
from tests.desktop_app.core.learning.helpers import add_signs
from tests.desktop_app.ui.tab_order import columns_of, tab_stops, top_down
from tests.support import LOADED_MACHINE_MS, frame_report, shown_in_front

LONG_GLOSS = "Gebärdensprachdolmetscherausbildungsprüfungsordnung"  # one word: nowhere to wrap it
SMALL_SCREEN_WIDTH = 1024  # a small laptop: the whole window must fit in it
SMALL_LAPTOP_ROOM = QRect(0, 0, 1000, 460)  # a real 1000 x 520 laptop screen less its panel
SMALL_LAPTOP_WINDOW = QSize(1000, 440)  # the inside of a window there, less its title bar
LONG_LESSON = f"DGS 7 · {LONG_GLOSS}en und ihre Geschichten"


def make_context(tmp_path) -> AppContext:
    database = SignDatabase(tmp_path / "signs.db")
    add_signs(database, "DGS", ["hallo", "du"], tags=[lesson_tag("DGS 1 · People and greetings")])
    context = AppContext(Settings(), database, None, tmp_path / "settings.json")  # no model, no camera
    context.use_camera(9, False)
    return context


def choose(page: PracticePage, gloss: str) -> None:
    row = next(r for r in range(page.sign_list.count()) if page.sign_list.item(r).text().startswith(gloss))
    page.sign_list.setCurrentRow(row)


def test_a_sign_without_clips_shows_no_other_signs_reference(qtbot, tmp_path):
    context = make_context(tmp_path)
    context.database.add_sign("empty", "DGS")
    page = PracticePage(context)
    qtbot.addWidget(page)
    choose(page, "hallo")
    assert page.player.canvas.tracks and page.show_reference_button.isEnabled()
    assert page.player.play_button.isEnabled()

    choose(page, "empty")
    assert not page.player.canvas.tracks, "hallo's reference still plays under the title 'empty'"
    assert "no reference clip yet" in page.player.canvas.message
    assert not page.show_reference_button.isEnabled()
    assert not page.player.play_button.isEnabled(), "Pause, with nothing playing"
    assert page.prompt_label.text() == CANNOT_SCORE_PROMPT  # not an invitation to sign
    page.shutdown()
    context.close()


def test_a_sign_of_no_language_is_listed_without_a_question_mark_and_told_apart_from_its_namesake(
    qtbot, tmp_path
):
    """Lists named a sign in three ways ('hallo (2)' beside 'hallo · DGS (8)' here, 'Bier' beside 'Bier (DGS)'
    in the review list): one rule now, signcore.words.sign_names."""
    context = make_context(tmp_path)
    context.database.add_sign("winken", "")  # imported without a language
    context.database.add_sign("Hallo", "")
    page = PracticePage(context)
    qtbot.addWidget(page)
    rows = [page.sign_list.item(row).text() for row in range(page.sign_list.count())]
    assert rows == [  # in the order of the names shown
        "du (DGS)",
        "hallo (DGS)",
        "Hallo (no language)",
        "winken",
    ]
    page.sign_list.setCurrentRow(2)
    assert page.reference_title.text() == "Hallo (no language)"
    page.shutdown()
    context.close()


def test_practice_opens_on_no_sign_it_was_not_asked_for_and_waits_for_space(qtbot, tmp_path):
    """On a first run practice opened on the first sign listed, one the learner had never met, with "Start
    when my hands come up" on: an attempt was scored and saved moments after the tab opened. It opens on no
    sign, asking for one, with attempts started by Space; on the sign signed last (in a lesson) once there
    is one."""
    from desktop_app.ui.practice_page import CHOOSE_A_SIGN_PROMPT

    context = make_context(tmp_path)
    page = PracticePage(context)
    qtbot.addWidget(page)
    assert context.selected_sign_id is None and page.sign_list.currentRow() == -1
    assert page.prompt_label.text() == CHOOSE_A_SIGN_PROMPT and not page.auto_box.isChecked()
    du = context.database.signs(search="du")[0].id
    context.database.add_attempt(du, 60.0)  # a lesson's "sign it" step
    page.show()
    assert context.selected_sign_id == du and page.practising.title.startswith("du")
    again = PracticePage(context)
    qtbot.addWidget(again)
    assert again.sign_list.currentItem().text().startswith("du")
    page.shutdown()
    again.shutdown()
    context.close()


def test_the_focus_handed_to_the_sign_list_chooses_no_sign(qtbot, tmp_path):
    """The real window on a first run: the tab gave the search box the focus, the page handed it to the sign
    list, and Qt made the list's first sign (Bier) current, so practice opened on it after all."""
    from PySide6.QtCore import Qt

    from desktop_app.ui.practice_page import CHOOSE_A_SIGN_PROMPT

    context = make_context(tmp_path)
    page = PracticePage(context)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    page.search_box.setFocus(Qt.FocusReason.TabFocusReason)  # not the learner's own: Qt's first control
    page.search_box.clearFocus()
    page.search_box.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
    qtbot.wait(20)
    assert page.sign_list.currentRow() == -1 and context.selected_sign_id is None
    assert page.prompt_label.text() == CHOOSE_A_SIGN_PROMPT
    asked = []  # what the camera thread was asked to do

    class CameraThread:
        def start_attempt(self):
            asked.append("start")

        def start_countdown(self):
            asked.append("countdown")

    camera, page.worker = page.worker, CameraThread()
    page.toggle_attempt()  # Space with no sign chosen: nothing to score it against, so no recording
    page.start_countdown()
    page.worker = camera
    assert asked == [] and not page.attempts.under_way
    assert page.prompt_label.text() == CHOOSE_A_SIGN_PROMPT
    page.shutdown()
    context.close()


def test_practice_opens_on_the_sign_signed_in_a_lesson_since_unless_one_was_picked(qtbot, tmp_path):
    """The walk-through: Practice opened on the sign signed last only at start-up; after signing in a lesson,
    it showed the old sign. Shown again, it opens on the lesson's sign, unless the learner picked one."""
    context = make_context(tmp_path)
    hallo, du = (context.database.signs(search=gloss)[0].id for gloss in ("hallo", "du"))
    context.database.add_attempt(hallo, 60.0, practised_at=1000.0)
    page = PracticePage(context)
    qtbot.addWidget(page)
    page.show()
    assert context.selected_sign_id == hallo
    page.hide()
    context.database.add_attempt(du, 70.0, practised_at=2000.0)  # a lesson's "sign it" step
    page.show()
    assert context.selected_sign_id == du and page.sign_list.currentItem().text().startswith("du")
    page.hide()
    choose(page, "hallo")  # the learner's pick stays
    context.database.add_attempt(du, 70.0, practised_at=3000.0)
    page.show()
    assert context.selected_sign_id == hallo and page.practising.title.startswith("hallo")
    page.shutdown()
    context.close()


def test_the_verdict_beside_the_score_is_larger_than_the_correction_under_it(qtbot, tmp_path):
    """ "Not quite yet. Watch the reference slowly…" beside the score was in small letters, the correction
    under it in larger ones: the learner read the secondary message first."""
    context = make_context(tmp_path)
    page = PracticePage(context)
    qtbot.addWidget(page)
    verdict, correction = page.verdict_label.fontMetrics(), page.feedback_label.fontMetrics()
    assert verdict.height() > correction.height()
    assert verdict.height() <= page.score_label.fontMetrics().height()  # the score stays the largest
    page.shutdown()
    context.close()


def test_practice_over_an_empty_database_says_where_signs_come_from(qtbot, tmp_path):
    context = AppContext(Settings(), SignDatabase(tmp_path / "signs.db"), None, tmp_path / "settings.json")
    context.use_camera(9, False)
    page = PracticePage(context)
    qtbot.addWidget(page)
    assert page.prompt_label.text() == NO_SIGNS_PROMPT
    page.shutdown()
    context.close()


def test_the_window_fits_a_small_screen_even_with_a_long_sign_name(qtbot, tmp_path):
    from desktop_app.ui.main_window import MainWindow

    context = make_context(tmp_path)
    long_id = context.database.add_sign(f"{LONG_GLOSS} mit einem langen Namen", "DGS")
    context.database.add_sign("lang", "DGS", tags=[lesson_tag(f"DGS 2 · {LONG_GLOSS}")])
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(SMALL_SCREEN_WIDTH, 640)
    window.show()
    context.select_sign(long_id)  # the practice page and the library both show its name as a title
    window.pages["Library"].reload(select=long_id)
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        page = window.tabs.widget(index)
        assert page.minimumSizeHint().width() <= SMALL_SCREEN_WIDTH - 20, window.tabs.tabText(index)
    assert window.minimumSizeHint().width() <= SMALL_SCREEN_WIDTH
    window.tabs.setCurrentWidget(window.practice_page)
    qtbot.wait(50)  # the layout settles
    assert window.width() <= SMALL_SCREEN_WIDTH
    prompt = window.practice_page.prompt_label  # the instruction, in large bold letters above the camera
    prompt.setText("Raise your hands to start signing, or press Space")
    qtbot.wait(50)
    needed = prompt.fontMetrics().boundingRect(
        QRect(0, 0, prompt.width(), 10_000), Qt.TextFlag.TextWordWrap, prompt.text()
    )
    assert needed.height() <= prompt.height(), "the prompt is cut at both ends"
    window.close()
    context.close()


def test_the_window_opens_within_the_screen(qtbot, tmp_path):
    from desktop_app.ui.main_window import MainWindow

    context = make_context(tmp_path)
    window = MainWindow(context)
    qtbot.addWidget(window)
    screen = window.screen().availableGeometry()
    assert screen.width() < 1320, "the test screen is too large to tell"
    assert window.width() <= screen.width() and window.height() <= screen.height(), "opens cut off"
    window.close()
    context.close()


def test_space_presses_the_control_tabbed_to_and_otherwise_starts_the_attempt(qtbot, tmp_path, monkeypatch):
    attempts = []
    monkeypatch.setattr(PracticePage, "toggle_attempt", lambda _page: attempts.append("start or stop"))
    context = make_context(tmp_path)
    page = PracticePage(context)
    shown_in_front(qtbot, page)
    choose(page, "hallo")

    pause = page.player.play_button
    pause.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(pause, Qt.Key.Key_Space)
    assert pause.text() == "Play", "Space on the focused Pause button did nothing"
    assert attempts == []

    page.sign_list.setFocus()
    qtbot.keyClick(page.sign_list, Qt.Key.Key_Space)
    assert attempts == ["start or stop"]
    qtbot.mouseClick(page.show_reference_button, Qt.MouseButton.LeftButton)  # a click keeps the focus
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert attempts == ["start or stop"] * 2
    page.shutdown()
    context.close()


def test_space_cancels_a_countdown_or_stops_an_attempt_whatever_control_has_the_focus(qtbot, tmp_path):
    """A control tabbed to earlier (3-2-1) kept the focus, its frame gone after a click (which leaves the
    focus where it is); Space then pressed 3-2-1 again while the button read "Cancel (Space)", and the
    countdown went on. While an attempt is under way, Space does what the attempt's button says."""
    from desktop_app.core.signing.session import SegmentEvent
    from tests.support import CameraWorkerStandIn

    context = make_context(tmp_path)
    page = PracticePage(context)
    page.worker = worker = CameraWorkerStandIn()  # its camera, started by the page shown
    shown_in_front(qtbot, page)
    choose(page, "hallo")
    for control in (page.countdown_button, page.player.play_button, page.auto_box, page.player.speed_box):
        page._on_segment_event(SegmentEvent("countdown", seconds_left=3))
        assert page.record_button.text() == "Cancel (Space)"
        control.setFocus(Qt.FocusReason.TabFocusReason)
        told = len(worker.told)
        qtbot.keyClick(control, Qt.Key.Key_Space)
        assert worker.told[told:] == ["stop"], control  # the segmenter's stop cancels a countdown
        page._on_segment_event(SegmentEvent("discarded", message="Attempt cancelled."))
    page._on_segment_event(SegmentEvent("started", message="Recording: press Space again to stop."))
    qtbot.keyClick(page.countdown_button, Qt.Key.Key_Space)
    assert worker.told[-1] == "stop" and not page.auto_box.isChecked()
    page.worker = None
    page.shutdown()
    context.close()


def test_space_starts_the_attempt_from_the_search_box_unless_a_search_is_typed(qtbot, tmp_path, monkeypatch):
    """The page opened with the focus in "Search signs…": the heading said "Press Space to start" and each
    Space typed a space there, and after "Start attempt (Space)" was clicked, Space could not stop it. The
    page opens with the focus in the sign list; in the search box, Space starts (or stops) the attempt while
    the box is empty or an attempt is under way, and types once a search is typed ("thank you"); Esc and
    Enter leave the box for the list."""
    from desktop_app.core.signing.session import SegmentEvent

    attempts = []
    monkeypatch.setattr(PracticePage, "toggle_attempt", lambda _page: attempts.append("start or stop"))
    context = make_context(tmp_path)
    page = PracticePage(context)
    shown_in_front(qtbot, page)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.sign_list)  # not the search box

    qtbot.mouseClick(page.search_box, Qt.MouseButton.LeftButton)  # to type a search
    qtbot.keyClick(page.search_box, Qt.Key.Key_Space)
    assert attempts == ["start or stop"] and page.search_box.text() == ""
    qtbot.keyClicks(page.search_box, "ha")
    qtbot.keyClick(page.search_box, Qt.Key.Key_Space)
    assert attempts == ["start or stop"] and page.search_box.text() == "ha ", "a search with a space"
    page.attempts.event(SegmentEvent("started", message="Recording"))  # "Start attempt" clicked
    qtbot.keyClick(page.search_box, Qt.Key.Key_Space)
    assert attempts == ["start or stop"] * 2 and page.search_box.text() == "ha ", "Space did not stop it"

    qtbot.keyClick(page.search_box, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is page.sign_list
    page.search_box.setText("hal")
    page.search_box.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(page.search_box, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is page.sign_list and page.practising.title.startswith("hallo")
    page.shutdown()
    context.close()


def test_down_and_up_from_the_search_box_choose_a_sign_found_and_space_then_starts(
    qtbot, tmp_path, monkeypatch
):
    """After Ctrl+F and a name typed, Down did nothing and Space typed a space under "Press Space
    to start": only Enter reached the sign found, and no list of keys said so. Down and Up choose a sign
    found and leave the keyboard in the list, where Space starts the attempt."""
    from desktop_app.ui.shortcuts import (
        FIND_A_SIGN,
        PICK_THE_SIGN_FOUND,
        STEP_IN_THE_SIGNS_FOUND,
        shortcuts_html,
    )

    attempts = []
    monkeypatch.setattr(PracticePage, "toggle_attempt", lambda _page: attempts.append("start or stop"))
    context = make_context(tmp_path)
    add_signs(context.database, "DGS", ["hallo2", "haus"])
    page = PracticePage(context)
    shown_in_front(qtbot, page)
    choose(page, "du")
    page.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)  # Ctrl+F
    qtbot.keyClicks(page.search_box, "ha")
    found = [page.sign_list.item(row).text().split(" ")[0] for row in range(page.sign_list.count())]
    assert len(found) == 3 and "du" not in found
    qtbot.keyClick(page.search_box, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is page.sign_list and page.practising.gloss == found[0]
    qtbot.keyClick(page.sign_list, Qt.Key.Key_Space)
    assert attempts == ["start or stop"]
    page.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
    qtbot.keyClick(page.search_box, Qt.Key.Key_Down)
    assert page.practising.gloss == found[1]
    page.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
    qtbot.keyClick(page.search_box, Qt.Key.Key_Up)
    assert page.practising.gloss == found[0] and page.search_box.text() == "ha"
    listed = shortcuts_html(QMenuBar())  # Help → Keyboard shortcuts
    for shortcut in (FIND_A_SIGN, PICK_THE_SIGN_FOUND, STEP_IN_THE_SIGNS_FOUND):
        assert shortcut.does in listed
    page.shutdown()
    context.close()


def test_tab_follows_the_practice_page_as_it_reads(qtbot, tmp_path, monkeypatch):
    """Column by column: Tab went from the sign list to the reference player on the right, then
    back to Start attempt in the middle. Camera… after the attempt's controls (what is done less; it reached
    Camera… before Start attempt once)."""
    context = make_context(tmp_path)
    page = PracticePage(context)
    monkeypatch.setattr(page, "wants_camera", lambda: False)  # the live controls, not "no camera"
    shown_in_front(qtbot, page)
    choose(page, "hallo")
    page.replay_button.setEnabled(True)  # as after an attempt
    for button in (page.record_button, page.countdown_button):
        button.setEnabled(True)  # as for a sign that can be scored (no model here)
    player = page.player
    choose_a_sign = [page.search_box, page.language_box, page.sign_list]
    sign_it = [page.record_button, page.countdown_button, page.auto_box]
    watch = [*player.controls, page.show_reference_button, page.replay_button]
    stops = tab_stops(qtbot, page.search_box)
    assert stops == [*choose_a_sign, *sign_it, page.camera_button, *watch]
    panels = [page.sign_panel, page.camera_panel, page.reference_panel]
    assert columns_of(stops, panels) == sorted(columns_of(stops, panels))
    assert top_down(choose_a_sign, page) and top_down(sign_it, page) and top_down(watch, page)
    page.camera_stack.setCurrentIndex(1)  # no camera: the buttons that get a picture take their place
    no_camera = [
        page.no_camera.use_video_button,
        page.no_camera.retry_button,
        page.no_camera.choose_camera_button,
    ]
    assert tab_stops(qtbot, page.search_box) == [*choose_a_sign, *no_camera, *watch]
    page.shutdown()
    context.close()


def test_space_in_a_review_presses_the_step_button_never_a_choice(qtbot, tmp_path):
    from desktop_app.ui.home_page import HomePage

    context = make_context(tmp_path)
    home = HomePage(context)
    shown_in_front(qtbot, home)
    home.start_review()
    review = home.review_page
    while review.stack.currentIndex() == 0:  # meet each new sign: Space presses "Got it: next"
        done = review.session.done
        assert QApplication.focusWidget() is review.intro_button
        qtbot.keyClick(review.intro_button, Qt.Key.Key_Space)
        assert review.session.done == done + 1, "Space on the focused 'Got it' button did nothing"
    assert review.stack.currentIndex() == 1  # which sign is this?
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert not review.recognition_result.text(), "a stray Space answered the question"
    review.stop()
    context.close()


def test_tab_leaves_every_table(qtbot, tmp_path):
    from desktop_app.ui.main_window import MainWindow

    context = make_context(tmp_path)
    window = MainWindow(context)
    shown_in_front(qtbot, window)
    tables = {
        "Library": window.pages["Library"].sign_table,
        "Progress": window.pages["Progress"].learning_panel.lessons,
        "Search by signing": window.pages["Search by signing"].table,
    }
    for title, table in tables.items():
        window.tabs.setCurrentWidget(window.pages[title])
        table.setFocus()
        qtbot.keyClick(table, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is not table, f"Tab is caught in the table of {title}"
    window.close()
    context.close()


def test_ctrl_c_in_the_terminal_closes_the_window(qtbot, tmp_path):
    from desktop_app.ui.app import closed_by_interrupt
    from desktop_app.ui.main_window import MainWindow

    context = make_context(tmp_path)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    before = signal.getsignal(signal.SIGINT)
    with closed_by_interrupt(window):
        os.kill(os.getpid(), signal.SIGINT)
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=LOADED_MACHINE_MS)
    assert signal.getsignal(signal.SIGINT) is before  # pytest's own Ctrl+C handling is back
    context.close()


def test_a_result_with_its_picture_fits_a_small_window(qtbot, tmp_path):
    from desktop_app.ui.main_window import MainWindow

    context = make_context(tmp_path)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(SMALL_SCREEN_WIDTH, 640)
    window.tabs.setCurrentWidget(window.practice_page)
    window.show()
    page = window.practice_page
    # The camera this context names is not there: the page says so (and the reference's legend shows, the
    # camera's with it gone) before the result is laid out
    qtbot.waitUntil(lambda: page.camera_stack.currentIndex() == 1)
    page.verdict_label.setText("Not quite yet. Watch the reference slowly, then try again. Closer to a.")
    page.feedback_label.setText(
        "Location: in the middle of the sign, your left hand was lower than in the reference."
    )
    page.nearest_label.setText("Nearest signs: 1. a  2. du  3. Bier  4. heute  5. no")
    page._show_picture(True)  # as after a scored attempt
    qtbot.wait(100)
    assert window.height() <= 640, "the window grew taller than a small screen"
    picture_bottom = page.feedback_picture.mapTo(window, page.feedback_picture.rect().bottomLeft()).y()
    assert page.nearest_label.mapTo(window, page.nearest_label.rect().topLeft()).y() > picture_bottom
    page.show_reference_button.click()  # the reference back in the picture's place
    qtbot.wait(100)
    player = page.player  # squeezed below its own controls' height, they would be drawn over the skeleton
    assert player.height() >= player.minimumSizeHint().height()
    window.close()
    context.close()


def test_the_feedback_picture_and_its_captions_are_whole_in_the_smallest_window(qtbot, tmp_path, monkeypatch):
    """At the window's least size the close-up's caption "Reference at 0.8 s" was cut to "Reference at", and
    the picture, squeezed, was drawn over the nearest signs (its "dashed: a guide" under them)."""
    from desktop_app.core.judging.feedback import Moment
    from desktop_app.core.signing.view import ViewConvention
    from desktop_app.ui.skeleton.captions import wrapped_to_width

    clip, context, window = _practice_window_and_a_clip(qtbot, tmp_path, monkeypatch)
    window.show()
    page = window.practice_page
    page.reference_note.setText("2 reference clips.")  # as with a sign model (this context has none)
    page.verdict_label.setText("Recognised as hallo. Close. Watch the reference again and repeat.")
    page.feedback_label.setText(
        "Location: in the middle of the sign, your right hand was lower than in the reference."
    )
    page.nearest_label.setText("Nearest signs: 1. hallo  2. Bier  3. du")
    moment = Moment(10, 12)
    page.feedback_picture.show_moment(clip, clip, moment, "right", ViewConvention())
    page._show_picture(True)  # as after a scored attempt
    _at_the_least_size(qtbot, window)

    def top(widget) -> int:
        return _top_in(window, widget)

    def bottom(widget) -> int:
        return widget.mapTo(window, widget.rect().bottomLeft()).y()

    picture = page.feedback_picture  # in the reference's place, in a page this short
    for canvas in (picture.reference, picture.attempt):
        assert bottom(canvas) <= bottom(picture) < top(page.show_reference_button), "drawn over the buttons"
    reference = picture.reference
    legend_width = reference._areas()[0].width() - 12  # the strip its caption is drawn in
    metrics = reference.fontMetrics()
    lines = wrapped_to_width(reference.legend(), metrics, legend_width).split("\n")
    # Whole: in a picture this narrow, on one line across it (above its close-up)
    assert lines == ["●\u00a0Reference"]
    assert all(metrics.horizontalAdvance(line) <= legend_width for line in lines)
    window.close()
    context.close()


def _at_the_least_size(qtbot, window) -> None:
    qtbot.wait(50)
    window.resize(window.minimumSizeHint())
    qtbot.wait(100)  # the layout settles


def _top_in(window, widget) -> int:
    return widget.mapTo(window, widget.rect().topLeft()).y()


def _practice_window_and_a_clip(qtbot, tmp_path, monkeypatch):
    """(a real clip of "thank-you", the context, the main window on its practice page, no camera)."""
    from desktop_app.ui.main_window import MainWindow
    from signcore.formats import load_traduttore
    from tests.support import TEST_DATA

    clip = next(
        c.pose
        for c in load_traduttore(TEST_DATA / "traduttore" / "traduttore_sample.npz")
        if c.gloss == "thank-you"
    )
    monkeypatch.setattr(PracticePage, "wants_camera", lambda _page: False)
    context = make_context(tmp_path)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.tabs.setCurrentWidget(window.practice_page)
    return clip, context, window


@pytest.mark.parametrize("picture", [False, True])
def test_a_long_correction_is_whole_in_the_smallest_window(qtbot, tmp_path, monkeypatch, picture):
    """In the window's least size a three-line verdict and a four-line correction (the handedness one) were
    squeezed into the height the short texts need: their lines were cut and drawn over each other and over
    the player's controls. The result scrolls instead, each text at its full height."""
    from desktop_app.core.judging.feedback import Moment
    from desktop_app.core.signing.view import ViewConvention

    clip, context, window = _practice_window_and_a_clip(qtbot, tmp_path, monkeypatch)
    window.show()
    page = window.practice_page
    page.reference_note.setText(
        "The reference is shown with its hands swapped, so that you sign it with your right hand. 8 "
        "reference clips."
    )
    page.verdict_label.setText(
        "Not quite yet. Watch the reference slowly, then try again. It looks closer to <b>water (ASL)</b> "
        "than to a (ASL)."
    )
    page.feedback_label.setText(
        "You signed with your left hand; the reference is shown signed with the right hand, "
        "as left-handed mode is off. Sign with your right hand, or turn left-handed mode on in Settings."
    )
    page.nearest_label.setText("Nearest signs: 1. water (ASL) &nbsp; 2. x (ASL) &nbsp; 3. thank-you (ASL)")
    if picture:
        page.feedback_picture.show_moment(clip, clip, Moment(10, 12), "right", ViewConvention())
        page._show_picture(True)
    _at_the_least_size(qtbot, window)

    def top(widget) -> int:
        return _top_in(window, widget)

    def bottom(widget) -> int:
        return top(widget) + widget.height()

    texts = (page.verdict_label, page.feedback_label, page.nearest_label)
    for label in texts:
        assert label.height() >= label.heightForWidth(label.width()), f"cut: {label.text()[:30]}"
    shown = [page.feedback_label, page.nearest_label]
    for upper, lower in zip([page.verdict_label, *shown], shown, strict=False):
        assert bottom(upper) <= top(lower), "drawn over what follows it"
    above = page.feedback_picture if picture else page.player  # the picture in the reference's place
    assert above.isVisible() and above.height() >= above.minimumSizeHint().height()
    assert bottom(above) <= top(page.show_reference_button) < bottom(page.show_reference_button)
    assert bottom(page.show_reference_button) <= top(page.result_box), "the result over the player's buttons"
    assert bottom(page.result_box) <= bottom(page), "the result runs out of the window"
    scroll = page.result_box.verticalScrollBar()
    assert scroll.maximum() > 0  # the rest is a scroll away
    window.close()
    context.close()


def test_the_window_opens_no_taller_than_a_small_screen(qtbot, tmp_path, monkeypatch):
    """On a 1000 x 520 screen the window opened 563 px high, its bottom 43 px below the screen's edge (the
    practice page's Start button, the lesson list's Start this lesson): before the window was first shown, its
    least height was measured from the home page's layouts as they were before their words were set. On a
    real 1000 x 520 laptop, whose panel leaves a window 460 px, it was still 471 px high at least, and opened
    as high as that room with its title bar not counted. It opens within the room, its frame counted."""
    from PySide6.QtGui import QScreen

    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.panes import WINDOW_FRAME

    room = SMALL_LAPTOP_ROOM.height()
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: SMALL_LAPTOP_ROOM)
    context = make_context(tmp_path)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.home_page.hand_question.isVisible()  # the tallest home page: a learner's first run
    assert window.size().height() <= room - WINDOW_FRAME
    start_lesson = window.home_page.start_lesson_button
    window.home_page.stack.currentWidget().ensureWidgetVisible(start_lesson)  # Home scrolls when too short
    assert window.rect().contains(start_lesson.mapTo(window, start_lesson.rect().bottomRight()))
    window.close()
    context.close()


def _not_whole(window) -> list[str]:
    """What of ``window``, as laid out now, a learner cannot see whole: a widget reaching out of the one that
    holds it (the content of a scrolling box aside: it scrolls), or wrapped words given fewer lines than
    they need."""

    def named(widget) -> str:
        text = widget.text() if hasattr(widget, "text") and callable(widget.text) else ""
        return f"{type(widget).__name__} {text[:40]!r}"

    found = []
    for widget in window.findChildren(QWidget):
        if widget.isWindow() or not widget.isVisible():
            continue
        holder = widget.parentWidget()
        box = holder.parentWidget()
        scrolls = isinstance(box, QAbstractScrollArea) and holder is box.viewport()
        if not scrolls and not holder.rect().contains(widget.geometry()):
            found.append(
                f"{named(widget)} at {widget.geometry()} reaches out of {named(holder)} {holder.rect()}"
            )
        wraps = isinstance(widget, QLabel) and widget.wordWrap() and widget.text()
        if wraps and widget.height() < widget.heightForWidth(widget.width()):
            found.append(
                f"{named(widget)} cut: {widget.height()} px of {widget.heightForWidth(widget.width())}"
            )
    return found


@pytest.fixture(params=[9, 11], ids=["tests' font", "11-pt font"])
def desktop_font(request, qapp):
    """The tests' font, and an 11-pt one (a desktop's usual): the window was at least 495 px high with it."""
    usual = qapp.font()
    font = qapp.font()
    font.setPointSize(request.param)
    qapp.setFont(font)
    yield
    qapp.setFont(usual)


def test_every_page_is_whole_in_a_small_laptops_window(qtbot, tmp_path, desktop_font):
    """A real 1000 x 520 laptop leaves a window about 440 px inside its title bar and the panel: the window
    was at least 471 px high (the search page's camera picture, 400 x 300; the practice page's; the library's
    clip preview; Home with a first run's hand question) and its bottom, Start and Sign to search among it,
    was below the screen's edge. Every page, in its tallest state, is whole in that window: nothing reaches
    out of what holds it, no words are cut, what cannot fit scrolls (Home's dashboard, a review's step)."""
    from desktop_app.ui.main_window import MainWindow

    context = make_context(tmp_path)
    long_id = context.database.add_sign(LONG_GLOSS, "DGS", tags=[lesson_tag(LONG_LESSON)])
    context.database.add_clip(long_id, context.database.clip_pose(context.database.clips(1)[0].id))
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.home_page.hand_question.isVisible()  # the tallest home page: a learner's first run
    context.select_sign(long_id)  # the practice page, the library and the progress page show its name
    window.pages["Library"].reload(select=long_id)
    home = window.home_page

    def whole_in_a_small_window(what: str) -> None:
        least = window.minimumSizeHint()
        assert least.height() <= SMALL_LAPTOP_WINDOW.height(), what
        # (with a larger font the window is wider than 1000 px at least: its height is what is tested here)
        window.resize(max(least.width(), SMALL_LAPTOP_WINDOW.width()), SMALL_LAPTOP_WINDOW.height())
        qtbot.wait(50)  # the layout settles
        assert window.height() == SMALL_LAPTOP_WINDOW.height()
        # (the progress page scrolls; inside it, the words over its chart and its signing list wrap to more
        # lines than its panes' least height counts, and squeeze them: a matter of its own)
        assert what == "Progress" or _not_whole(window) == [], what

    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        whole_in_a_small_window(window.tabs.tabText(index))
    window.tabs.setCurrentWidget(home)
    home.start_lesson(
        next(row for row, state in enumerate(home.lesson_states) if state.lesson.name == LONG_LESSON)
    )
    whole_in_a_small_window("a new sign of a lesson")
    review = home.review_page
    step = review.stack.currentWidget()
    assert step.verticalScrollBar().maximum() == 0, "a new sign scrolls: Got it is below the fold"
    review.stop()
    window.close()
    context.close()


def test_long_lesson_and_sign_names_end_in_an_ellipsis_whole_in_their_tooltips(qtbot, tmp_path):
    """In a small window a long lesson name was cut, neither ended in "…" nor said whole in a tooltip: Home's
    lesson list scrolled sideways, the review's title and the new sign's name were cut mid-word, the library
    cut its sign's name at the pane's edge."""
    from desktop_app.ui.main_window import MainWindow

    context = make_context(tmp_path)
    long_id = context.database.add_sign(LONG_GLOSS, "DGS", tags=[lesson_tag(LONG_LESSON)])
    context.database.add_clip(long_id, context.database.clip_pose(context.database.clips(1)[0].id))
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(SMALL_LAPTOP_WINDOW)
    window.show()
    qtbot.waitExposed(window)
    home = window.home_page
    row = next(row for row, state in enumerate(home.lesson_states) if state.lesson.name == LONG_LESSON)
    lesson = home.lesson_list.item(row)
    assert LONG_LESSON in lesson.text() and lesson.toolTip() == lesson.text()
    assert not home.lesson_list.horizontalScrollBar().isVisible(), "scrolled sideways, cut mid-word"
    home.start_lesson(row)
    review = home.review_page
    qtbot.wait(50)  # the layout settles

    def ends_in_an_ellipsis(label, whole: str) -> str:
        shown = label.shown_text()
        assert label.toolTip() == whole and "…" in shown
        assert label.fontMetrics().horizontalAdvance(shown) <= label.contentsRect().width()
        return shown

    ends_in_an_ellipsis(review.title, LONG_LESSON)
    assert ends_in_an_ellipsis(review.intro_gloss, f"{LONG_GLOSS} (DGS)").endswith("… (DGS)")  # its language
    review.stop()
    library = window.pages["Library"]
    window.tabs.setCurrentWidget(library)
    library.reload(select=long_id)
    qtbot.wait(50)
    assert ends_in_an_ellipsis(library.sign_title, f"{LONG_GLOSS} (DGS)").endswith("… (DGS)")
    window.close()
    context.close()


def test_the_other_pages_are_whole_in_the_smallest_window(qtbot, tmp_path):
    """At the window's least size the progress page's scores chart was 40 px high (its labels "80 60 40 20"
    over each other) and the home page's lesson button ("Start lesson: … (6 new signs)") was cut before its
    end."""
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.progress_page import COMPACT_SCORE_CHART_MIN_HEIGHT

    context = make_context(tmp_path)
    context.database.add_sign("Fußball", "DGS", tags=[lesson_tag("DGS 5 · Doing things")])
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.resize(window.minimumSizeHint())
    qtbot.wait(100)  # the layout settles
    button = window.home_page.lesson_button
    assert button.isVisible() and button.text().startswith("▶  Start lesson: DGS 1 · People and greetings (")
    padding = 2 * 14  # its style sheet's
    assert button.fontMetrics().horizontalAdvance(button.text()) + padding <= button.width(), "cut"
    window.tabs.setCurrentWidget(window.pages["Progress"])
    qtbot.wait(100)
    # a page this short is compact: its chart a little lower than in a taller one, its labels apart still
    assert window.pages["Progress"].plot.height() >= COMPACT_SCORE_CHART_MIN_HEIGHT
    window.close()
    context.close()


def test_no_lesson_no_start_this_lesson_button(qtbot, tmp_path):
    from desktop_app.ui.home_page import HomePage

    database = SignDatabase(tmp_path / "signs.db")  # a new, empty database (Settings → Sign database)
    context = AppContext(Settings(), database, None, tmp_path / "settings.json")
    home = HomePage(context)
    qtbot.addWidget(home)
    assert home.lesson_list.count() == 0
    # 'Start this lesson' with no lesson did nothing: it gives way to the words on what to do
    assert home.start_lesson_button.isHidden() and not home.no_lessons_label.isHidden()
    assert "no signs yet" in home.note_label.text() and "Library" in home.note_label.text()
    add_signs(database, "DGS", ["hallo"], tags=[lesson_tag("DGS 1 · Greetings")])
    context.notify_database_changed()
    assert not home.start_lesson_button.isHidden() and home.start_lesson_button.isEnabled()
    assert home.no_lessons_label.isHidden() and "no signs yet" not in home.note_label.text()
    context.close()


def test_sign_names_are_shown_as_written_not_as_markup(qtbot, tmp_path):
    from PySide6.QtGui import QTextDocument

    from desktop_app.core.judging.practice import result_words
    from desktop_app.core.judging.scoring import AttemptScore, Calibration, Neighbour

    name, other = "I <3 you", "a<b>c"  # rich text would show "I " and "ac"
    score = AttemptScore(
        sign_id=1,
        gloss=name,
        name=name,
        score=30.0,
        distance=1.0,
        nearest=[Neighbour(2, other, other, 0.1), Neighbour(1, name, name, 0.2)],
        closer_signs=[Neighbour(2, other, other, 0.1)],
        calibration=Calibration(1.0, 2.0),
        best_clip_id=1,
    )
    shown = []
    for words in result_words(score, {}):
        document = QTextDocument()
        document.setHtml(words)
        shown.append(document.toPlainText())
    verdict, nearest = shown
    assert verdict.endswith(f"It looks closer to {other} than to {name}.")
    assert nearest.split() == f"Nearest signs: 1. {other} 2. {name}".split()
    # each nearest sign on one line: "4." was left at the end of a line, "heute (DGS)" began the next
    assert "2.\u00a0I\u00a0&lt;3\u00a0you" in result_words(score, {})[1]

    context = make_context(tmp_path)
    context.database.add_sign(name, "ASL")
    page = PracticePage(context)
    qtbot.addWidget(page)
    choose(page, name)
    assert page.reference_title.text() == f"{name} (ASL)"
    assert page.reference_title.textFormat() == Qt.TextFormat.PlainText
    page.shutdown()
    context.close()


@pytest.mark.parametrize(("size", "least_height"), [((1400, 860), 180), ((2560, 1400), 400)])
def test_the_correction_picture_grows_with_the_window(qtbot, tmp_path, monkeypatch, size, least_height):
    """110 px high in every window, even on a 2560 x 1440 screen: too small to compare a handshape. It shares
    the reference panel's height with the player."""
    from desktop_app.core.judging.feedback import Moment
    from desktop_app.core.signing.view import ViewConvention

    clip, context, window = _practice_window_and_a_clip(qtbot, tmp_path, monkeypatch)
    window.resize(*size)
    window.show()
    page = window.practice_page
    qtbot.wait(100)  # the layout settles (the result box's share follows the page's height)
    player_alone = page.player.height()
    page.feedback_label.setText("Handshape: on your right hand the shape of your fingers differed.")
    page.feedback_picture.show_moment(clip, clip, Moment(10, 12), "right", ViewConvention())
    page.feedback_picture.show()  # as after a scored attempt
    qtbot.wait(100)  # the layout settles
    assert page.feedback_picture.height() >= least_height
    assert page.player.height() >= page.player.minimumSizeHint().height()
    page.feedback_label.clear()  # the next attempt starts: the player has the height again
    page.feedback_picture.hide()
    qtbot.wait(100)
    assert page.player.height() == player_alone
    window.close()
    context.close()


def test_a_home_button_too_long_for_the_window_shortens_its_name_and_keeps_its_steps(qtbot, monkeypatch):
    """It read "Continue where you stopped: ASL 1 · Coffee shop: asking (14 st": cut mid-word; then
    "… Coffee shop: the order (34 steps…": the steps left, cut."""
    from desktop_app.ui import panes

    drawn = []
    monkeypatch.setattr(  # the words drawn on the button (its bevel drawn without them)
        panes.QStylePainter,
        "drawItemText",
        lambda _painter, *place_and_words: drawn.append(place_and_words[4]),
    )
    text = "Continue where you stopped: ASL 1 · Coffee shop: asking (14 steps to go)"
    button = panes.ElidedButton(text)
    qtbot.addWidget(button)
    button.resize(button.fontMetrics().horizontalAdvance(text) // 2, 40)
    button.grab()
    shown, count = drawn[-1].split("… ")
    assert count == "(14 steps to go)" and text.startswith(shown) and button.text() == text
    button.resize(button.fontMetrics().horizontalAdvance(text) // 5, 40)  # no room for the name and count
    button.grab()
    assert drawn[-1].endswith("…") and text.startswith(drawn[-1][:-1])
    button.resize(button.fontMetrics().horizontalAdvance(text) + 60, 40)
    button.grab()
    assert drawn[-1] == text


def test_a_home_button_too_long_for_one_line_says_it_on_two(qtbot):
    """At 1000 px: "Start lesson: ASL 1 · Coffe… (5 of its 6 new signs today, about 25 steps)" lost the
    lesson's name, and the greyed review button its lesson's."""
    from desktop_app.ui import panes

    lesson = "Start lesson: ASL 1 · Coffee shop: asking (5 of its 6 new signs today, about 25 steps)"
    review = "Start today's review: its signs are all in your lesson ASL 1 · Coffee shop: asking"
    for text, lines in (
        (
            lesson,
            ["Start lesson: ASL 1 · Coffee shop: asking", "(5 of its 6 new signs today, about 25 steps)"],
        ),
        (review, ["Start today's review:", "its signs are all in your lesson ASL 1 · Coffee shop: asking"]),
    ):
        button = panes.ElidedButton(text, lines=2)
        qtbot.addWidget(button)
        room = max(button.fontMetrics().horizontalAdvance(line) for line in lines) + 1  # as at 1000 px
        assert room < button.fontMetrics().horizontalAdvance(text)
        assert button.shown_text(room).split("\n") == lines and button.toolTip() == text
        assert panes.ElidedButton(text).shown_text(room).count("…") == 1  # one line: shortened, as before
        assert button.shown_text(room * 2) == text


def test_the_reference_player_stays_put_when_a_score_comes(qtbot, tmp_path, monkeypatch):
    """The result box grew from the empty box's height as each score came: the player shrank by 50 px and its
    speed and replay controls moved under the learner's pointer (the first walk-through of 2026-12-04)."""
    _clip, context, window = _practice_window_and_a_clip(qtbot, tmp_path, monkeypatch)
    window.resize(1400, 900)
    window.show()
    page = window.practice_page
    qtbot.wait(100)
    empty = page.player.height()
    page.score_label.setText("86")
    page.verdict_label.setText("Well done: that looks like the reference.")
    page.feedback_label.setText(
        "Note: you signed with your left hand; the reference is shown signed with the right hand, "
        "as left-handed mode is off. If you sign with your left hand, turn it on in Settings."
    )
    page.nearest_label.setText("Nearest signs: 1. hallo (DGS) &nbsp; 2. du (DGS) &nbsp; 3. letter A (ASL)")
    qtbot.wait(100)  # the layout settles
    assert page.player.height() == empty
    assert page.result_box.verticalScrollBar().maximum() == 0  # the whole result in sight
    window.close()
    context.close()


@pytest.fixture
def larger_font(qapp):
    """The system's font larger than the tests' (a learner's setting, another desktop's default)."""
    usual = qapp.font()
    larger = qapp.font()
    larger.setPointSize(13)
    qapp.setFont(larger)
    yield
    qapp.setFont(usual)


def test_the_reference_players_controls_are_whole_in_the_smallest_window_with_a_larger_font(
    qtbot, tmp_path, monkeypatch, larger_font
):
    """The Pause button and the Speed box were cut by the row below ("Show reference"): the player was held
    to a fixed least height, less than its picture, legend and controls need with a larger font."""
    _clip, context, window = _practice_window_and_a_clip(qtbot, tmp_path, monkeypatch)
    window.show()
    _at_the_least_size(qtbot, window)
    page = window.practice_page
    player = page.player

    def bottom(widget) -> int:
        return _top_in(window, widget) + widget.height()

    assert player.canvas.height() >= player.canvas.minimumHeight()
    # the legend, unless the camera's beside it says the same (a short page)
    above_the_controls = player.legend if player.legend.isVisible() else player.canvas
    if player.legend.isVisible():
        assert bottom(player.canvas) <= _top_in(window, player.legend), "the legend over the picture"
    for control in (player.play_button, player.speed_box):
        assert bottom(above_the_controls) <= _top_in(window, control)
        assert bottom(control) <= _top_in(window, page.show_reference_button), "cut by the row below"
    window.close()
    context.close()


def test_the_damaged_database_kept_is_said_whole_beside_the_tabs_at_1000_px(qtbot, tmp_path, monkeypatch):
    """A walk-through: "Your damaged sign database was kept as… started again with the starter
    signs." beside the tabs lost what was kept and where; its first line is short now, the rest in the box."""
    from PySide6.QtWidgets import QMessageBox

    from desktop_app.core.app.context import SET_ASIDE_DONE

    _clip, context, window = _practice_window_and_a_clip(qtbot, tmp_path, monkeypatch)
    monkeypatch.setattr(QMessageBox, "show", lambda box: None)
    window.resize(1000, 460)
    window.show()
    qtbot.waitExposed(window)
    message = SET_ASIDE_DONE.format(name="signs.damaged-2026-12-05-231802.db", folder="/home/me/.local/share")
    window.show_problem(message)
    qtbot.wait(50)
    said = window.passing_message
    assert said.message == message.splitlines()[0] == said.text(), "cut short"
    assert said.fontMetrics().horizontalAdvance(said.text()) <= said.contentsRect().width()
    window.close()
    context.close()


def test_a_passing_message_takes_no_height_and_goes(qtbot, tmp_path, monkeypatch):
    """After File → Export my data said "Your data was saved in …", an empty strip stayed at the bottom of
    every page, taking its height from a small window; shown, it pushed the page up. Said beside the tabs, a
    long message is cut to the room there, the tabs whole."""
    _clip, context, window = _practice_window_and_a_clip(qtbot, tmp_path, monkeypatch)
    window.show()
    _at_the_least_size(qtbot, window)
    least = window.minimumSizeHint().height()
    page_height = window.tabs.currentWidget().height()
    tabs_width = window.tabs.tabBar().width()
    message = "Your data was saved in /tmp/" + "a-long-folder-name/" * 10 + "backup.zip"
    window.passing_message.say(message, 200)
    qtbot.wait(50)
    assert window.passing_message.toolTip() == message and window.passing_message.text() != message
    assert window.tabs.currentWidget().height() == page_height and window.tabs.tabBar().width() == tabs_width
    qtbot.waitUntil(lambda: not window.passing_message.text(), timeout=LOADED_MACHINE_MS)
    assert window.minimumSizeHint().height() == least
    window.close()
    context.close()


def test_the_slow_tracking_note_does_not_resize_the_camera_picture_nor_cover_the_hands(
    qtbot, tmp_path, monkeypatch
):
    """ "Tracking is slow on this computer…" wrapped to three lines beside the tracking line: the camera
    picture shrank when it came and grew when it went. Then over the bottom of the picture it covered the
    hands at chest or waist height: it is over its top, under the note that the picture looks turned
    when both are said."""
    from desktop_app.core.signing.session import SLOW_TRACKING_FPS, tracking_speed_note

    _clip, context, window = _practice_window_and_a_clip(qtbot, tmp_path, monkeypatch)
    window.resize(SMALL_SCREEN_WIDTH, 640)
    window.show()
    qtbot.wait(50)  # the layout settles
    page = window.practice_page
    picture, note = page.video_label, page.tracking_status.speed_note
    size = picture.size()
    page._show_frame(frame_report(fps=SLOW_TRACKING_FPS - 5))
    qtbot.wait(50)
    assert note.isVisible() and note.text() == tracking_speed_note(SLOW_TRACKING_FPS - 5) != ""
    assert picture.size() == size, "the note resized the picture"
    assert picture.rect().contains(note.geometry()) and note.height() >= note.heightForWidth(note.width())
    assert note.geometry().top() == 0
    page.turned_note.say("The camera's picture looks turned on its side.")
    assert note.geometry().top() == page.turned_note.geometry().bottom() + 1 and picture.size() == size
    page.turned_note.say("")
    assert note.geometry().top() == 0
    page._show_frame(frame_report(fps=30.0))
    qtbot.wait(50)
    assert not note.isVisible() and picture.size() == size
    window.close()
    context.close()


def test_practice_says_at_once_that_a_new_empty_database_has_no_signs_after_a_camera_came_back(
    qtbot, tmp_path, monkeypatch
):
    """After a camera that failed to start was replaced (File → Camera… → a video), Settings → Sign
    database → a new, empty one left "Press Space to start" over the empty list: the page still held the
    failed camera's problem, and said nothing new while it did (until the tab was left and opened again)."""
    from tests.desktop_app.ui.stand_in_pipeline import stand_in_pipelines

    started = stand_in_pipelines(monkeypatch)
    context = make_context(tmp_path)
    page = PracticePage(context)
    shown_in_front(qtbot, page)
    qtbot.waitUntil(lambda: len(started) == 1)
    choose(page, "hallo")
    started[0].failed.emit("camera 9: no camera is attached there.")
    context.use_camera(str(tmp_path / "signing.mp4"), True)  # another camera, which starts
    qtbot.waitUntil(lambda: len(started) == 2 and page.worker is started[1])
    context.apply_settings(database_path=str(tmp_path / "empty.db"))
    assert page.sign_list.count() == 0 and page.prompt_label.text() == NO_SIGNS_PROMPT
    page.shutdown()
    context.close()


def test_an_empty_database_with_a_search_left_says_it_has_no_signs_and_greys_what_can_do_nothing(
    qtbot, tmp_path, monkeypatch
):
    """A new, empty database with "plea" left in the search box: the heading said 'No sign matches
    "plea"' beside "No signs yet", and "Start attempt (Space)" and "3-2-1" looked enabled and did nothing.
    The empty database's words win, and buttons that can start nothing are greyed."""
    from tests.desktop_app.ui.stand_in_pipeline import stand_in_pipelines

    started = stand_in_pipelines(monkeypatch)
    context = make_context(tmp_path)
    page = PracticePage(context)
    shown_in_front(qtbot, page)
    qtbot.waitUntil(lambda: len(started) == 1 and page.worker is started[0])
    page.search_box.setText("hal")
    assert page.sign_list.count() == 1
    context.apply_settings(database_path=str(tmp_path / "empty.db"))
    assert page.search_box.text() == "hal" and page.sign_list.count() == 0
    assert page.prompt_label.text() == NO_SIGNS_PROMPT and not page.no_match_label.isVisibleTo(page)
    assert not page.record_button.isEnabled() and not page.countdown_button.isEnabled()
    page.search_box.setText("x")  # a search matching nothing says so while the database has signs
    context.apply_settings(database_path=str(tmp_path / "signs.db"))
    assert (
        page.no_match_label.text() == "No sign matches “x”."
        and page.prompt_label.text() == page.no_match_label.text()
    )
    page.search_box.clear()
    choose(page, "hallo")  # no model here: it cannot be scored, nothing to start
    assert page.prompt_label.text() == CANNOT_SCORE_PROMPT and not page.record_button.isEnabled()
    page.shutdown()
    context.close()


def test_the_keyboard_lands_on_the_sign_list_and_ctrl_f_reaches_each_pages_sign_search(
    qtbot, tmp_path, monkeypatch
):
    """After Ctrl+Tab to Practice, typed letters went nowhere and no focus frame showed: Qt gave the
    keyboard back to the control last focused there (3-2-1, tabbed to; or a scroll bar, a Tab stop of its
    own). The page puts it on the sign list as it opens, scroll bars are no Tab stops, and Ctrl+F (the
    system's Find) reaches the sign search on every page that has one."""
    from PySide6.QtGui import QKeySequence

    from desktop_app.ui.main_window import MainWindow
    from tests.desktop_app.ui.stand_in_pipeline import stand_in_pipelines

    stand_in_pipelines(monkeypatch)
    context = make_context(tmp_path)
    window = MainWindow(context)
    shown_in_front(qtbot, window)
    page = window.practice_page
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.sign_list)
    page.countdown_button.setFocus(Qt.FocusReason.TabFocusReason)  # tabbed to, then another page and back
    control = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(page.countdown_button, Qt.Key.Key_Tab, control)
    assert window.tabs.currentWidget() is not page
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, control | Qt.KeyboardModifier.ShiftModifier)
    assert window.tabs.currentWidget() is page
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.sign_list)
    assert page.sign_list.verticalScrollBar().focusPolicy() == Qt.FocusPolicy.NoFocus
    assert page.result_box.verticalScrollBar().focusPolicy() == Qt.FocusPolicy.NoFocus

    find = QKeySequence(QKeySequence.StandardKey.Find)[0]
    boxes = {"Practice": page.search_box, "Library": window.pages["Library"].search}
    boxes["Sign map"] = window.pages["Sign map"].find_box
    for title, box in boxes.items():
        window.tabs.setCurrentWidget(window.pages[title])
        box.setText("ha")
        qtbot.keyClick(QApplication.focusWidget() or window, find.key(), find.keyboardModifiers())
        assert QApplication.focusWidget() is box and box.selectedText() == "ha", title
    window.tabs.setCurrentWidget(window.home_page)  # the camera's page left: its camera stops
    window.close()
    context.close()
