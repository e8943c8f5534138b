"""The home screen: what is due, today's review, the lessons, a session left half-way offered again."""

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel

from desktop_app.core.app.context import AppContext
from desktop_app.core.learning.clock import ManualClock, SystemClock
from desktop_app.core.learning.review import shared_learning_path
from desktop_app.core.learning.store import StepKind
from desktop_app.core.shared.settings import Settings
from desktop_app.core.signing.view import ViewConvention
from desktop_app.ui.home_page import HAND_PICTURE_SIDE, NO_LESSONS, HomePage
from desktop_app.ui.panes import ElidedButton, FocusFramed
from desktop_app.ui.skeleton.hand_picture import hand_picture
from signcore.database import SignDatabase
from signcore.lessons import lesson_tag
from tests.desktop_app.core.learning.helpers import add_signs
from tests.support import answering_message_boxes, shown_in_front

GREETINGS = ["hallo", "ich", "du", "unser"]
TIME = ["Tag", "heute", "morgen"]


@pytest.fixture(autouse=True)
def midday(monkeypatch):
    """Home counts by the learner's days: run minutes before midnight, a sign put off to the next day was due
    "in your next review" and a review's signs fell into the next day. Every test runs as at noon of the
    learner's day, the clock still moving."""
    local_now = datetime.now().astimezone()
    shift = local_now.replace(hour=12, minute=0, second=0, microsecond=0) - local_now
    monkeypatch.setattr(SystemClock, "now", lambda _self: datetime.now(UTC) + shift)


def make_context(path, new_signs_per_day: int = 3) -> AppContext:
    database = SignDatabase(path)
    if not database.signs():
        add_signs(database, "DGS", GREETINGS, tags=[lesson_tag("DGS 1 · Greetings")])
        add_signs(database, "DGS", TIME, tags=[lesson_tag("DGS 2 · Time")])
    settings = Settings(new_signs_per_day=new_signs_per_day)
    return AppContext(settings, database, None, path.parent / "settings.json")  # no model: recognition only


def open_home(qtbot, context) -> HomePage:
    page = HomePage(context)
    shown_in_front(qtbot, page)
    return page


def test_home_shows_today_and_the_lessons(qtbot, tmp_path):
    context = make_context(tmp_path / "signs.db")
    page = open_home(qtbot, context)
    assert page.due_label.text() == "No signs due for review today"
    assert page.new_label.text().startswith("3 new signs to meet")
    assert not page.continue_button.isVisible()
    # Three new signs a day: the lesson's session brings three of its four, as its offer says. Today's
    # review would meet the same three: one button for them ("Meet today's new signs (about 9 steps)"
    # beside it read as another thing to do), marked as what to do first, with the keyboard on it.
    assert page.review_button.isHidden()
    assert page.lesson_button.text() == (
        "▶  Start lesson: DGS 1 · Greetings (3 of its 4 new signs today, about 9 steps)"
    )
    qtbot.waitUntil(page.right_hand_button.hasFocus, timeout=2000)  # a first run: the question on top first
    assert [page.lesson_list.item(row).text().split("\n")[0] for row in range(page.lesson_list.count())] == [
        "DGS 1 · Greetings",
        "DGS 2 · Time",
    ]
    assert "only recognition can be asked" in page.note_label.text()
    assert "nothing newly due in the next 7 days" in page.coming_label.text()  # nothing learnt yet
    assert "Score 85+ easy" in page.rules_label.text() and "within 8 s: good" in page.rules_label.text()
    page.lesson_button.click()
    steps = page.review_page.session.saved.steps
    assert len([step for step in steps if step.kind is StepKind.INTRODUCE]) == 3
    context.close()


@pytest.mark.slow
def test_a_session_stopped_half_way_is_offered_again_after_a_restart(qtbot, tmp_path):
    context = make_context(tmp_path / "signs.db", new_signs_per_day=5)  # a review beside the first lesson
    page = open_home(qtbot, context)
    with qtbot.waitSignal(page.session_started):
        qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)
    review = page.review_page
    assert page.stack.currentWidget() is review
    first = review.session.current
    assert first.kind is StepKind.INTRODUCE and review.intro_gloss.text() == "hallo (DGS)"
    qtbot.keyClick(review, Qt.Key.Key_Return)  # "Got it"
    assert review.session.done == 1
    qtbot.mouseClick(review.stop_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentIndex() == 0
    assert page.continue_button.isVisible() and "steps left" in page.continue_button.text()
    assert not page.review_button.isVisible()  # today's review is the one to continue: one button for it
    left = (
        review.session is None
        and shared_learning_path(context.database).saved_session(None, 5, page.ability()).steps
    )
    context.close()

    context = make_context(tmp_path / "signs.db", new_signs_per_day=5)  # the app is started again
    page = open_home(qtbot, context)
    assert page.continue_button.isVisible()
    page.continue_session()
    assert page.review_page.session.saved.steps == left and page.review_page.session.done == 1
    assert page.review_page.intro_gloss.text() == "ich (DGS)"  # where it stopped
    context.close()


def test_a_lesson_starts_from_the_list(qtbot, tmp_path):
    context = make_context(tmp_path / "signs.db")
    page = open_home(qtbot, context)
    page.lesson_list.setCurrentRow(1)
    page.start_lesson(page.lesson_list.currentRow())
    session = page.review_page.session
    assert session.title == "DGS 2 · Time"
    introduced = [step.sign_id for step in session.saved.steps if step.kind is StepKind.INTRODUCE]
    assert [context.database.sign(sign_id).gloss for sign_id in introduced] == TIME
    context.close()


@pytest.mark.parametrize("answer", ["Start anyway", "Not now"])
def test_a_lesson_from_the_list_beyond_the_days_new_signs_is_asked_about_first(
    qtbot, tmp_path, monkeypatch, answer
):
    """With the day's new signs met, ASL 2 started from the list went ahead unsaid (35 steps), and Home then
    said "6 new signs met today, more than your 5 a day"."""

    asked = answering_message_boxes(monkeypatch, answer)
    context = make_context(tmp_path / "signs.db", new_signs_per_day=4)
    page = open_home(qtbot, context)
    page.start_lesson(0)  # its four new signs: the day's four, within the limit
    assert asked == []
    session = page.review_page.session
    while session.current is not None and session.current.kind is StepKind.INTRODUCE:
        session.introduced()
    page.review_page.stop()
    assert "enough new signs for today" in page.new_label.text()
    page.start_lesson(1)
    assert asked == [
        "“DGS 2 · Time” brings 3 new signs, beyond your 4 new signs a day (4 met today). Start it anyway?"
    ]
    saved = shared_learning_path(context.database).saved_session("DGS 2 · Time", 4, page.ability())
    if answer == "Start anyway":
        assert page.review_page.session.title == "DGS 2 · Time" and saved is not None
    else:
        assert saved is None and page.stack.currentIndex() == 0
    context.close()


def test_after_finishing_todays_new_sign_nothing_is_due_and_its_recognition_comes_tomorrow(qtbot, tmp_path):
    """One new sign with no sign model: met, then its recognition was put off (its name just shown), and
    Home said "1 sign due" right after the session; the next review asked it at once."""
    context = make_context(tmp_path / "signs.db", new_signs_per_day=1)
    page = open_home(qtbot, context)
    page.start_review()
    page.review_page.intro_button.click()  # "Got it": nothing else to ask today
    review = page.review_page
    # The session is over: it ends on its summary (it went straight home, with no ending), then home
    assert page.stack.currentWidget() is review and review.summary_heading.isVisible()
    assert (
        review.summary_text.text() == "You met 1 new sign: hallo (DGS).\n\nComing back tomorrow: hallo (DGS)."
    )
    assert review.stop_button.isHidden()  # nothing to stop for now
    qtbot.keyClick(review, Qt.Key.Key_Return)  # "Back to Home (Enter)"
    assert page.stack.currentIndex() == 0
    assert page.due_label.text() == "No signs due for review today"
    assert page.review_button.text() == "▶  Start today's review: all done for today"
    assert not page.review_button.isEnabled() and not page.continue_button.isVisible()
    assert page.coming_label.text().startswith("<b>Coming up</b> (signs newly due each day): tomorrow 1 · ")
    context.close()


@pytest.mark.slow
def test_the_window_opens_on_home_and_closing_mid_session_keeps_it(qtbot, tmp_path):
    from desktop_app.ui.main_window import MainWindow

    context = make_context(tmp_path / "signs.db")
    context.use_camera(9, False)
    window = MainWindow(context)  # the camera is never opened here
    qtbot.addWidget(window)
    window.show()
    assert window.tabs.tabText(0) == "Home" and window.tabs.currentWidget() is window.home_page
    window.home_page.start_review()
    window.home_page.review_page.intro_button.click()
    window.close()  # quit in the middle of the session
    context.close()

    context = make_context(tmp_path / "signs.db")
    context.use_camera(9, False)
    window = MainWindow(context)
    qtbot.addWidget(window)
    # Two signs to meet and three recognitions, each asked twice when answered well (it comes back)
    assert window.home_page.continue_button.text().endswith("(8 steps left)")
    # The keyboard on "Continue where you stopped" as the restarted window opens: Enter carries on
    shown_in_front(qtbot, window)
    qtbot.waitUntil(window.home_page.continue_button.hasFocus, timeout=2000)
    window.close()
    context.close()


def test_the_keyboard_starts_on_what_to_do_first_and_enter_presses_it(qtbot, tmp_path):
    """At start the keyboard was nowhere to be seen: on the button marked ▶, with a frame, and Enter starts
    it; the lesson list shows its focus too. Back from a session, "Continue where you stopped" has it.
    On a first run the hand question comes first: a learner's first Tab went to the lessons, counting
    the stops they answered the wrong hand."""
    context = make_context(tmp_path / "signs.db", new_signs_per_day=5)  # more than the first lesson has
    page = open_home(qtbot, context)
    qtbot.waitUntil(page.right_hand_button.hasFocus, timeout=2000)
    qtbot.keyClick(page.right_hand_button, Qt.Key.Key_Tab)
    assert page.left_hand_button.hasFocus()
    qtbot.keyClick(page.left_hand_button, Qt.Key.Key_Return)  # as Space does (only Space did)
    assert context.settings.left_handed and "left hand" in page.hand_answer.text()
    qtbot.waitUntil(page.review_button.hasFocus, timeout=2000)  # "▶  Meet today's new signs"
    assert isinstance(page.review_button.style(), FocusFramed) and isinstance(
        page.lesson_list.style(), FocusFramed
    )
    with qtbot.waitSignal(page.session_started, timeout=2000):
        qtbot.keyClick(page.review_button, Qt.Key.Key_Return)
    page.review_page.stop()  # "Stop for now"
    assert page.continue_button.text().startswith("▶") and page.continue_button.hasFocus()
    context.close()


def test_one_refresh_reads_the_learning_cards_once(qtbot, tmp_path, monkeypatch):
    """Home read every learning card some nine times a refresh (today's work, the lessons, the next lesson,
    its new signs, the days coming up, the signs met today each read them): a learner with thousands of
    cards waited on each."""
    context = make_context(tmp_path / "signs.db")
    path = shared_learning_path(context.database)
    lesson = path.start_lesson(path.lessons()[0], lambda _sign, _kind: True)
    lesson.introduced()  # a session left unfinished, a sign met today and a lesson begun
    page = open_home(qtbot, context)
    database, reads = context.database, []
    real_query = database.query

    def spying_query(sql, parameters=()):
        reads.append(sql)
        return real_query(sql, parameters)

    monkeypatch.setattr(database, "query", spying_query)
    page.refresh()
    assert page.continue_button.isVisible() and "3 new" in page.lesson_list.item(0).text()
    assert len([sql for sql in reads if "FROM learning_cards" in sql]) == 1
    context.close()


def test_the_list_button_continues_a_lesson_stopped_half_way(qtbot, tmp_path):
    """The list said "stopped with 14 steps left" above a button reading "Start this lesson"."""
    context = make_context(tmp_path / "signs.db")
    page = open_home(qtbot, context)
    assert page.start_lesson_button.text() == "Start this lesson"
    page.lesson_list.setCurrentRow(1)
    page.start_lesson(1)
    page.review_page.intro_button.click()  # one sign met, then stopped
    page.review_page.stop()
    assert "stopped with" in page.lesson_list.item(1).text()
    page.lesson_list.setCurrentRow(1)
    assert page.start_lesson_button.text() == "Continue this lesson"
    page.lesson_list.setCurrentRow(0)  # not started
    assert page.start_lesson_button.text() == "Start this lesson"
    context.close()


def test_a_lesson_left_unfinished_keeps_its_signs_out_of_todays_review(qtbot, tmp_path):
    """Home showed "Continue where you stopped: DGS 1 · Greetings" above "Start today's review", both over
    the same signs. Under the signs due it says how many the lesson holds, and the review is of the others."""
    from tests.desktop_app.core.learning.helpers import take_steps

    context = make_context(tmp_path / "signs.db")
    path = shared_learning_path(context.database)
    take_steps(path.start_review(3, lambda *_args: True), 5)  # three signs met, two answered: all due
    lesson = path.start_lesson(path.lessons()[0], lambda *_args: True, new_per_day=3)
    take_steps(lesson, 1)  # then the learner stops
    page = open_home(qtbot, context)
    assert page.continue_button.text().startswith("▶  Continue where you stopped: DGS 1 · Greetings (")
    # the review started first and left unfinished held those signs too: now the lesson's alone, and no
    # greyed review button says so beside the lesson's: the lines above say what to do
    assert page.review_button.isHidden()
    assert page.due_label.text().endswith("to practise today in your lesson DGS 1 · Greetings")
    assert page.due_in_lessons_label.isVisible()
    assert (
        page.due_in_lessons_label.text()
        == "Continue the lesson for them. After today, they come back for review when due."
    )
    context.close()


def test_the_signs_due_line_naming_a_long_lesson_wraps_rather_than_widening_home(qtbot, tmp_path):
    """The signs due only in a lesson left unfinished are said with the lesson's name, a name the
    learner may have typed at any length: the line wraps in its pane, as the line under it does."""
    from tests.desktop_app.core.learning.helpers import take_steps

    long_name = "DGS 7 · " + " ".join(["Greetings at the bakery and at the railway station"] * 3)
    context = make_context(tmp_path / "signs.db")
    add_signs(context.database, "DGS", ["Brot", "Zug"], tags=[lesson_tag(long_name)])
    path = shared_learning_path(context.database)
    lesson = next(lesson for lesson in path.lessons() if lesson.name == long_name)
    take_steps(path.start_lesson(lesson, lambda *_args: True, new_per_day=3), 3)  # both met, then a stop
    page = open_home(qtbot, context)
    assert long_name in page.due_label.text() and page.review_button.isHidden()
    assert page.due_label.minimumSizeHint().width() < 600  # was the whole line's, 2100 px
    context.close()


def test_a_lesson_started_while_todays_review_is_unfinished_takes_its_signs_from_it(qtbot, tmp_path):
    """The lesson asks all of its signs, so today's review left unfinished leaves them out: its button is
    of the other signs (it said "Continue today's review" as if it still held them), and the line under the
    signs due says how many the lesson has."""
    from tests.desktop_app.core.learning.helpers import take_steps

    context = make_context(tmp_path / "signs.db", new_signs_per_day=5)
    page = open_home(qtbot, context)
    page.start_review()
    for _ in range(5):  # Greetings' four signs met and Tag, then the learner stops
        page.review_page.intro_button.click()
    page.review_page.stop()
    assert page.review_button.isHidden() and "Today's new signs" in page.continue_button.text()
    page.start_lesson(0)
    assert page.review_page.session.title == "DGS 1 · Greetings"
    take_steps(page.review_page.session, 1)
    page.review_page.stop()
    assert page.continue_button.text().startswith("▶  Continue where you stopped: DGS 1 · Greetings (")
    assert page.review_button.text().startswith("Continue today's review of the other signs (")
    assert (
        page.due_in_lessons_label.text()
        == "4 of them are still to come in your lesson DGS 1 · Greetings (continue it for those)"
    )
    assert "today's review leaves them out" in page.due_in_lessons_label.toolTip()
    context.close()


def test_a_lesson_stopped_yesterday_and_todays_review_count_each_step_once(qtbot, tmp_path, monkeypatch):
    """Home said "Continue where you stopped: DGS 1 · Greetings (11 steps left)" beside "Start today's review
    (about 3 steps)" the next day, over the same steps (Brot due and the day's new sign in both). The lesson
    keeps what the review does not ask; opened and stopped without an answer, Home says the same."""
    clock = ManualClock(datetime.now(UTC))
    monkeypatch.setattr(SystemClock, "now", lambda _self: clock.now())
    context = make_context(tmp_path / "signs.db", new_signs_per_day=4)
    page = open_home(qtbot, context)
    page.start_lesson(0)
    page.review_page.intro_button.click()  # one sign met, then the learner stops until the next day
    page.review_page.stop()
    clock.advance(days=1)
    context.settings.new_signs_per_day = 1
    page.refresh()
    shown = (page.continue_button.text(), page.review_button.text(), page.lesson_list.item(0).text())
    # Two signs left to the lesson: each met, then recognised twice; the review: the sign met yesterday,
    # recognised twice, and today's new sign met (its recognition right after its name waits a day)
    assert shown[:2] == (
        "▶  Continue where you stopped: DGS 1 · Greetings (6 steps left)",
        "Start today's review (about 3 steps)",
    )
    assert shown[2].endswith("stopped with 6 steps left")
    # Each shortened with "…" in a narrow window, whole in its tooltip: the review's disabled words were cut
    # mid-word ("… its signs are all in your lesson ASL 1 · Coffee shop: as")
    for button in (page.continue_button, page.review_button):
        assert isinstance(button, ElidedButton) and button.toolTip() in button.text()
    page.continue_session()
    assert page.review_page.session.title == "DGS 1 · Greetings"
    page.review_page.stop()  # without an answer
    assert (page.continue_button.text(), page.review_button.text(), page.lesson_list.item(0).text()) == shown
    context.close()


@pytest.mark.parametrize(
    ("button", "left_handed"), [("left_hand_button", True), ("right_hand_button", False)]
)
def test_home_asks_once_on_the_first_run_which_hand_the_learner_signs_with(
    qtbot, tmp_path, button, left_handed
):
    """A left-handed beginner's first sign-it steps were rated Again before they learnt of left-handed mode.
    The answer is left-handed mode, saved; asked no more, here or after a restart."""
    context = make_context(tmp_path / "signs.db")
    context.settings.left_handed = not left_handed
    page = open_home(qtbot, context)
    assert page.hand_question.isVisible()
    height, start_at = page.hand_question.height(), page.start_lesson_button.mapTo(page, QPoint()).y()
    qtbot.mouseClick(getattr(page, button), Qt.MouseButton.LeftButton)
    saved = Settings.load(context.settings_path)
    assert (saved.left_handed, saved.signing_hand_asked) == (left_handed, True)
    # The answer is said where the question was, as tall: the box gone, Start lesson jumped up under the
    # pointer and nothing said the answer was taken
    hand = "left" if left_handed else "right"
    assert page.hand_answer.isVisible() and f"{hand} hand" in page.hand_answer.text()
    qtbot.waitUntil(lambda: page.hand_question.height() == height)
    assert page.start_lesson_button.mapTo(page, QPoint()).y() == start_at
    page.refresh()
    assert page.hand_answer.isVisible()  # said till the learner has met a sign
    context.update_settings(left_handed=not left_handed)  # changed in Settings, as it suggests
    other = "right" if left_handed else "left"
    assert f"{other} hand" in page.hand_answer.text()
    assert not open_home(qtbot, context).hand_question.isVisible()  # asked no more after a restart
    context.close()


def test_each_answer_shows_its_hand_as_the_learner_sees_their_own(qtbot, tmp_path):
    """The answers were words only: each shows its hand held up, drawn as the live picture shows the learner,
    as in a mirror in mirror view (the setting, changed: drawn again)."""
    context = make_context(tmp_path / "signs.db")
    page = open_home(qtbot, context)
    answers = {"right": page.right_hand_button, "left": page.left_hand_button}

    def shown(hand):
        button = answers[hand]
        assert button.iconSize() == QSize(HAND_PICTURE_SIDE, HAND_PICTURE_SIDE)
        return button.icon().pixmap(button.iconSize()).toImage()

    def drawn(hand, mirror):
        return hand_picture(hand, ViewConvention(mirror=mirror), HAND_PICTURE_SIDE).toImage()

    assert context.settings.mirror_display
    assert shown("right") == drawn("right", mirror=True) and shown("left") == drawn("left", mirror=True)
    assert drawn("right", mirror=True) != drawn("right", mirror=False)
    context.update_settings(mirror_display=False)
    assert page.hand_question.isVisible()
    assert shown("right") == drawn("right", mirror=False) and shown("left") == drawn("left", mirror=False)
    context.close()


def test_home_does_not_ask_a_learner_who_answered_or_chose_in_settings(qtbot, tmp_path):
    context = make_context(tmp_path / "signs.db")
    context.settings.signing_hand_asked = True
    assert not open_home(qtbot, context).hand_question.isVisible()
    context.close()


def test_home_does_not_ask_a_learner_who_has_met_signs_without_a_settings_file(qtbot, tmp_path):
    """A settings file missing or set aside as unusable is no first run when the learner has met signs
    (the screenshots' learner with 36 signs known was asked which hand they sign with)."""
    context = make_context(tmp_path / "signs.db")
    assert not context.settings.signing_hand_asked  # as Settings.load gives without a file
    path = shared_learning_path(context.database)
    path.start_lesson(path.lessons()[0], lambda _sign, _kind: True).introduced()
    assert not open_home(qtbot, context).hand_question.isVisible()
    context.close()


def test_home_shows_its_top_again_after_a_session_in_a_short_window(qtbot, tmp_path):
    """In a short window the learner scrolled Home down to a lesson's button; back from the session, Home
    kept that place, "Today" cut off at the top (walk-through at 1000x440, the window 395 high)."""
    context = make_context(tmp_path / "signs.db")
    page = open_home(qtbot, context)
    page.resize(1000, 340)
    assert page.hand_question.isVisible()  # a first run: Home is taller than the window
    scrolled = page.stack.widget(0).verticalScrollBar()
    qtbot.waitUntil(lambda: scrolled.maximum() > 0)
    scrolled.setValue(scrolled.maximum())
    with qtbot.waitSignal(page.session_started, timeout=2000):  # the mouse leaves the keyboard on it
        qtbot.mouseClick(page.start_lesson_button, Qt.MouseButton.LeftButton)
    page.review_page.stop()  # "Stop for now"
    assert page.stack.currentIndex() == 0 and scrolled.maximum() > 0
    assert scrolled.value() == 0
    context.close()


def test_every_stop_of_the_tab_key_on_home_is_one_that_shows_it(qtbot, tmp_path):
    """One stop showed nothing: the box that scrolls Home in a short window took the keyboard."""
    context = make_context(tmp_path / "signs.db")
    page = open_home(qtbot, context)
    qtbot.waitUntil(page.right_hand_button.hasFocus, timeout=2000)
    stops = []
    for _ in range(6):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        stops.append(QApplication.focusWidget())
    assert page.dashboard_box not in stops
    assert stops[:2] == [page.left_hand_button, page.lesson_button] and page.right_hand_button in stops
    context.close()


def test_without_lessons_home_says_what_to_do_instead_of_an_empty_list_and_a_greyed_button(qtbot, tmp_path):
    """Switched to a new, empty database, Home showed an empty lesson list above a greyed "Continue this
    lesson", named after a lesson of the database it came from."""
    context = make_context(tmp_path / "signs.db")
    page = open_home(qtbot, context)
    assert page.lesson_list.isVisible() and page.start_lesson_button.isVisible()
    assert not page.no_lessons_label.isVisible()
    context.set_database(SignDatabase(tmp_path / "empty.db"))
    assert not page.lesson_list.isVisible() and not page.start_lesson_button.isVisible()
    assert page.no_lessons_label.isVisible() and page.no_lessons_label.text() == NO_LESSONS
    assert "import signs" in NO_LESSONS and "record your own" in NO_LESSONS
    context.set_database(SignDatabase(tmp_path / "signs.db"))
    assert (
        page.lesson_list.isVisible()
        and page.lesson_list.count() == 2
        and page.start_lesson_button.isEnabled()
    )
    assert not page.no_lessons_label.isVisible()


def test_a_lesson_row_too_long_for_the_list_wraps_rather_than_ending_in_an_ellipsis(qtbot, tmp_path):
    """At 1000x520 a lesson's row ended "… stopped with 18 ste…": it wraps onto another line."""
    long_name = "DGS 7 · Greetings at the bakery and at the railway station"
    context = make_context(tmp_path / "signs.db")
    add_signs(context.database, "DGS", ["Brot", "Zug"], tags=[lesson_tag(long_name)])
    page = open_home(qtbot, context)
    lessons = page.lesson_list
    lessons.setFixedWidth(260)
    qtbot.wait(20)  # laid out again at that width
    names = [lessons.item(row).text().split("\n")[0] for row in range(lessons.count())]
    heights = [lessons.visualItemRect(lessons.item(row)).height() for row in range(lessons.count())]
    long_row = names.index(long_name)
    assert lessons.fontMetrics().horizontalAdvance(long_name) > lessons.viewport().width()
    assert heights[long_row] > max(height for row, height in enumerate(heights) if row != long_row)
    assert lessons.item(long_row).toolTip() == lessons.item(long_row).text()
    context.close()


def test_a_wrapped_lesson_row_goes_on_under_its_first_lines_text(qtbot, tmp_path):
    """A wrapped row's end ("with 24 steps left") went on at the list's left edge, where the lessons'
    names are, and read as another row: every line of a row after its first is under its indented text."""
    context = make_context(tmp_path / "signs.db")
    path = shared_learning_path(context.database)
    path.start_lesson(path.lessons()[0], lambda _sign, _kind: True).introduced()  # stopped, steps left
    page = open_home(qtbot, context)
    lessons = page.lesson_list
    lessons.setFixedWidth(260)
    qtbot.wait(20)  # laid out again at that width
    begun = lessons.item(0)
    assert "steps left" in begun.text()
    row, line = lessons.visualItemRect(begun), lessons.fontMetrics().lineSpacing()
    assert row.height() >= 3 * line  # its second line wrapped
    picture = lessons.viewport().grab().toImage()
    indent = lessons.fontMetrics().horizontalAdvance("    ")  # the second line's leading spaces
    for y in range(row.top() + line + 1, row.bottom()):  # under the name, at the left: nothing written
        background = picture.pixel(row.left() + 2, y)
        assert all(picture.pixel(x, y) == background for x in range(row.left() + 2, row.left() + indent)), y
    context.close()


def test_todays_buttons_follow_the_page_font_and_frame_the_keyboard_as_lists_do(qtbot, tmp_path):
    """Home's buttons had a style sheet for their focus frame and their 14 px words, which stayed as
    they were when the page's font grew. Their words now follow the page's font (a little larger), the
    buttons are as tall as two of its lines, and the keyboard on them, the hand question's too, is framed
    as on the app's lists, with no style sheet."""
    from PySide6.QtGui import QFontInfo

    from desktop_app.ui.home_page import TODAY_BUTTONS_FONT_SCALE

    context = make_context(tmp_path / "signs.db")
    page = open_home(qtbot, context)
    today = (page.continue_button, page.review_button, page.lesson_button)
    larger = QFont(page.font())
    larger.setPointSizeF(1.5 * QFontInfo(page.font()).pointSizeF())
    page.setFont(larger)
    expected = larger.pointSizeF() * TODAY_BUTTONS_FONT_SCALE
    assert all(abs(button.font().pointSizeF() - expected) < 0.01 for button in today)
    lesson = page.lesson_button
    qtbot.waitUntil(lambda: lesson.height() >= 2 * lesson.fontMetrics().lineSpacing() + 8)
    for button in (lesson, page.right_hand_button, page.left_hand_button):
        assert button.isVisible() and not button.styleSheet()
        assert not framed_in_the_highlight(button)
        button.setFocus()
        qtbot.waitUntil(button.hasFocus)
        assert framed_in_the_highlight(button), button.text()  # the frame, with no key pressed yet
    context.close()


def framed_in_the_highlight(button) -> bool:
    """Whether ``button``'s left edge is drawn in the highlight colour, 2 px wide, halfway down."""
    from PySide6.QtGui import QPalette

    picture = button.grab().toImage()
    highlight = button.palette().color(QPalette.ColorRole.Highlight).rgb()
    return [picture.pixel(x, picture.height() // 2) for x in range(2)] == [highlight] * 2


def test_home_left_open_across_midnight_shows_the_new_day(qtbot, tmp_path, monkeypatch):
    """Home left open across midnight kept yesterday's figures, switching tabs too. At the learner's
    midnight it shows the next day's; shown again on another day, too (time injected: the timer's firing)."""
    evening = datetime.now().astimezone().replace(hour=23, minute=50, second=0, microsecond=0)
    clock = ManualClock(evening)
    monkeypatch.setattr(SystemClock, "now", lambda _self: clock.now())
    context = make_context(tmp_path / "signs.db")
    page = open_home(qtbot, context)
    page.start_lesson(0)
    page.review_page.intro_button.click()  # a sign met at 23:50
    page.review_page.stop()
    assert page.new_label.text().endswith("1 of your 3 new signs a day met today")
    qtbot.waitUntil(page.continue_button.hasFocus, timeout=2000)
    assert abs(page._next_day.remainingTime() - 601_000) < 5000  # at midnight, and a second
    clock.advance(minutes=11)
    page._next_day.timeout.emit()  # midnight passed
    assert page.new_label.text().endswith("0 of your 3 new signs a day met today")
    # the lesson met yesterday gives its signs to today's review: the button it had (the keyboard on it) went
    assert page.continue_button.isHidden() and page.first_choice.hasFocus()
    assert abs(page._next_day.remainingTime() - 24 * 3600 * 1000) < 11 * 60 * 1000  # the next midnight
    page.hide()
    clock.advance(days=1)
    page.show()  # hidden (another tab) over midnight, its timer not fired yet: shown, it is the day's
    assert page._shown_day == clock.now().astimezone().date()
    context.close()


def test_continue_where_you_stopped_starts_the_session_it_names(qtbot, tmp_path, monkeypatch):
    """The button re-picked "the session stopped last" at the click, and opened another one than it
    named (Home's words were older than the click)."""
    context = make_context(tmp_path / "signs.db", new_signs_per_day=5)
    page = open_home(qtbot, context)
    path = shared_learning_path(context.database)
    review = path.start_review(5, page.ability())
    review.introduced()  # a review left unfinished
    lesson = path.start_lesson(path.lessons()[1], page.ability())
    lesson.introduced()  # then a lesson, stopped last
    page.refresh()
    assert page.continue_button.text().startswith("▶  Continue where you stopped: DGS 2 · Time")
    path.start_review(5, page.ability()).introduced()  # the review worked on since (Home not refreshed)
    page.continue_button.click()
    assert page.review_page.session.title == "DGS 2 · Time"
    context.close()


def test_the_hand_question_follows_the_page_font_with_no_style_sheet(qtbot, tmp_path):
    """The hand question's box kept a style sheet (its border) and its question and answer their 15 px:
    its words stayed as they were when the page's font grew. They follow it now, the question and the
    answer a little larger, as today's buttons are."""
    from PySide6.QtGui import QFontInfo

    from desktop_app.ui.home_page import TODAY_BUTTONS_FONT_SCALE

    context = make_context(tmp_path / "signs.db")
    page = open_home(qtbot, context)
    assert page.hand_question.isVisible()
    labels = page.hand_question.findChildren(QLabel)
    assert len(labels) == 3 and all(not part.styleSheet() for part in (page.hand_question, *labels))
    larger = QFont(page.font())
    larger.setPointSizeF(1.5 * QFontInfo(page.font()).pointSizeF())
    page.setFont(larger)
    for label, scale in (
        (page.which_hand_label, TODAY_BUTTONS_FONT_SCALE),
        (page.which_hand_why, 1),
        (page.hand_answer, TODAY_BUTTONS_FONT_SCALE),
    ):
        assert abs(QFontInfo(label.font()).pointSizeF() - scale * larger.pointSizeF()) < 0.5, label.text()
    context.close()
