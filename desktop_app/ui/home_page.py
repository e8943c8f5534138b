"""The home screen: what is due today, today's review, the lessons; the review session runs here too.

A thin view over :class:`~desktop_app.core.learning.review.LearningPath` (shared with the progress page),
whose state :func:`~desktop_app.core.learning.overview.home_overview` puts in words.
A session left unfinished (the app was closed, or "Stop for now") is offered first, where it stopped; today's
review and each lesson keep their own, which their buttons carry on.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.app.context import AppContext
from desktop_app.core.learning.clock import day_of, until_the_next_day
from desktop_app.core.learning.lessons import Lesson
from desktop_app.core.learning.overview import (
    LEARNT_MEANING,
    LESSONS_KEEP_THEIR_SIGNS,
    NOT_NOW,
    START_ANYWAY,
    LessonRow,
    beyond_the_days_new_signs,
    exercise_ability,
    home_overview,
    rules_text,
)
from desktop_app.core.learning.quiz import ExerciseAbility
from desktop_app.core.learning.review import LearningPath, LessonState, ReviewSession, shared_learning_path
from desktop_app.core.shared.palette import ORANGE
from desktop_app.core.signing.view import ViewConvention
from desktop_app.ui.panes import (
    ElidedButton,
    ScrollsAsAWhole,
    larger_words,
    never_widens,
    rows_wrap_with_a_hanging_indent,
)
from desktop_app.ui.review_page import ReviewPage
from desktop_app.ui.skeleton.hand_picture import hand_picture
from desktop_app.ui.subscriptions import connect_while_alive
from signcore.errors import InputError
from signcore.words import breakable

# Today's buttons' words this much larger than the page's: what to do now (they were set at 14 px, over the
# page's 12, and stayed so when the page's font grew)
TODAY_BUTTONS_FONT_SCALE = 7 / 6
HAND_PICTURE_SIDE = 56  # the hand question's pictures, in pixels
NO_LESSONS = (
    "No lessons yet. In the Library, import signs (Import…) or record your own, and give them the tag "
    "lesson: Name."
)


class HomePage(QWidget):
    session_started = Signal(object)  # the ReviewSession now on screen (tests)

    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.path: LearningPath = shared_learning_path(context.database)
        self.lesson_states: list[LessonState] = []

        heading = QLabel("Today")
        heading_font = QFont()
        heading_font.setPointSize(22)
        heading_font.setBold(True)
        heading.setFont(heading_font)
        self.due_label = never_widens(QLabel())  # it may name a lesson: the learner's own name
        due_font = QFont()
        due_font.setPointSize(16)
        self.due_label.setFont(due_font)
        self.due_in_lessons_label = never_widens(QLabel())  # a lesson's name: the learner's own
        self.due_in_lessons_label.setToolTip(LESSONS_KEEP_THEIR_SIGNS)
        self.new_label = QLabel()
        self.known_label = QLabel()
        self.known_label.setTextFormat(Qt.TextFormat.PlainText)  # its second line names signs
        self.known_label.setWordWrap(True)  # why the count fell, when it did (overview._missed_today)
        self.known_label.setToolTip(LEARNT_MEANING)
        self.coming_label = QLabel()
        self.coming_label.setWordWrap(True)
        self.coming_label.setToolTip("Signs that become due each day, as FSRS has scheduled them")
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.note_label.setStyleSheet(f"color: {ORANGE};")
        # On two lines where one is too short, else shortened with "…", whole in their tooltips: the review's
        # disabled words naming a lesson were cut mid-word, and at 1000 px the lesson's name lost
        self.continue_button = ElidedButton(lines=2, left_aligned=True)
        self.continue_button.clicked.connect(self.continue_session)
        self._continue_key: str | None = None  # the session the continue button names
        self.review_button = ElidedButton("Start today's review", lines=2, left_aligned=True)
        self.review_button.clicked.connect(self.start_review)
        self.lesson_button = ElidedButton(lines=2, left_aligned=True)
        self.lesson_button.clicked.connect(self.continue_lesson)
        self.first_choice: QPushButton = self.review_button  # marked ▶: what to do first (see _refresh)
        self.today_buttons = (self.continue_button, self.review_button, self.lesson_button)
        for button in self.today_buttons:
            button.setAutoDefault(True)  # Enter presses the button the learner tabbed to, as Space does
            never_widens(button)  # the lesson's name is the learner's own (a tag): its tooltip says it whole

        self.lesson_list = QListWidget()
        self.lesson_list.setAlternatingRowColors(True)
        # A long row never scrolls sideways (it was cut mid-word there): it wraps onto another line, where
        # "… stopped with 18 ste…" ended in "…" in a 1000x520 window, under the indented text, as
        # one row (it went on at the left edge, where the names are); its tooltip says it whole
        rows_wrap_with_a_hanging_indent(self.lesson_list)
        self.lesson_list.itemActivated.connect(lambda item: self.start_lesson(self.lesson_list.row(item)))
        self.start_lesson_button = QPushButton("Start this lesson")
        self.start_lesson_button.clicked.connect(lambda: self.start_lesson(self.lesson_list.currentRow()))
        self._lesson_rows: list[LessonRow] = []
        self.lesson_list.currentRowChanged.connect(self._name_the_lesson_button)
        # In the list's place while there is no lesson: an empty list above a greyed "Continue this lesson",
        # named after a lesson of the database switched from, said nothing of what to do
        self.no_lessons_label = QLabel(NO_LESSONS)
        self.no_lessons_label.setWordWrap(True)
        self.no_lessons_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.rules_label = QLabel(rules_text())
        self.rules_label.setWordWrap(True)
        self.rules_label.setStyleSheet("color: palette(placeholder-text);")

        self._hand_answered_here = False  # the hand question answered on this page (its answer shown)
        self.hand_question = self._signing_hand_question()
        # Today's buttons' words, and the hand question's and its answer's, a little larger than the page's
        larger_words(
            self, TODAY_BUTTONS_FONT_SCALE, *self.today_buttons, self.which_hand_label, self.hand_answer
        )

        today = QVBoxLayout()
        today.addWidget(heading)
        today.addWidget(self.hand_question)
        today.addWidget(self.due_label)
        today.addWidget(self.due_in_lessons_label)
        today.addWidget(self.new_label)
        today.addWidget(self.known_label)
        today.addSpacing(12)
        today.addWidget(self.continue_button)
        today.addWidget(self.review_button)
        today.addWidget(self.lesson_button)
        today.addWidget(self.note_label)
        today.addSpacing(12)
        today.addWidget(self.coming_label)
        today.addStretch(1)
        today.addWidget(self.rules_label)
        lessons = QVBoxLayout()
        lessons.addWidget(
            never_widens(
                QLabel(
                    "<b>Lessons</b> · signs in small groups. In the Library, the tag <i>lesson: Name</i> "
                    "puts a sign in a lesson."
                )
            )
        )
        lessons.addWidget(self.lesson_list, 1)
        lessons.addWidget(self.no_lessons_label, 1)
        lessons.addWidget(self.start_lesson_button, 0, Qt.AlignmentFlag.AlignRight)
        dashboard = QWidget()
        columns = QHBoxLayout(dashboard)
        columns.setContentsMargins(18, 12, 18, 12)
        # Today's buttons take the wider share: in the smallest window, "Continue lesson: ASL 1 · Coffee shop:
        # asking (0 of 6 signs met)" was cut before its end, beside lesson rows half as long.
        columns.addLayout(today, 3)
        columns.addSpacing(24)
        columns.addLayout(lessons, 2)

        self._review_page: ReviewPage | None = None  # built when the first session starts (start-up time)
        self.stack = QStackedWidget()
        # Scrolled in a window too short for it (a first run's hand question, three buttons): laid out
        # whole, it made the window taller than a small laptop leaves one under its title bar and panel
        self.dashboard_box = ScrollsAsAWhole(dashboard)
        self.stack.addWidget(self.dashboard_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        # Today's figures are the learner's day's: at their midnight Home shows the next day's (left open
        # across it, it kept yesterday's, and its buttons named sessions of yesterday)
        self._shown_day: date | None = None
        self._next_day = QTimer(self)
        self._next_day.setSingleShot(True)
        self._next_day.timeout.connect(self._a_new_day)

        events = context.events
        for event in (events.database_changed, events.model_changed, events.settings_changed):
            connect_while_alive(self, event, self._refresh_unless_in_session)
        self.refresh()

    def _signing_hand_question(self) -> QWidget:
        """Asked once, on the first run (:attr:`.Settings.signing_hand_asked`) of a learner who has met no
        sign yet (:attr:`.HomeOverview.new_learner`): the answer is left-handed mode. Each answer shows its
        hand held up, as the learner will see their own in the live picture (:meth:`_draw_hands`)."""
        # Framed by the style, not a style sheet: under one, its words kept their size as the page's grew
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        self.which_hand_label = QLabel("<b>Which hand do you sign with?</b>")
        why = self.which_hand_why = QLabel(
            "Every sign is shown made with that hand. You can change it in Settings."
        )
        why.setWordWrap(True)
        self.right_hand_button = QPushButton("Right hand")
        self.left_hand_button = QPushButton("Left hand")
        words = QVBoxLayout()
        words.addWidget(self.which_hand_label)
        words.addWidget(why)
        words.addStretch(1)
        # The answers beside the words: under them, their pictures made Home the tallest page taller still
        asking = QWidget()
        layout = QHBoxLayout(asking)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(words, 1)
        for button, left_handed in ((self.right_hand_button, False), (self.left_hand_button, True)):
            button.setIconSize(QSize(HAND_PICTURE_SIDE, HAND_PICTURE_SIDE))
            button.setMinimumHeight(HAND_PICTURE_SIDE + 12)
            button.setAutoDefault(True)  # as Home's other buttons: Enter answers as Space does
            button.clicked.connect(lambda _checked=False, left=left_handed: self._signs_with(left))
            layout.addWidget(button)
        # The answer said in the question's place, as tall: the box gone, "Start lesson" jumped up under the
        # pointer, and nothing said the answer was taken
        self.hand_answer = QLabel()
        self.hand_answer.setWordWrap(True)
        self._hand_box = QStackedWidget()
        self._hand_box.addWidget(asking)
        self._hand_box.addWidget(self.hand_answer)
        QVBoxLayout(box).addWidget(self._hand_box)
        return box

    def _draw_hands(self) -> None:
        """Each answer's hand as the learner sees their own in the live picture: as in a mirror in mirror view
        (the setting), else as the camera sees it. At twice the pixels too, for a high-density screen."""
        convention = ViewConvention.from_settings(self.context.settings)
        for button, hand in ((self.right_hand_button, "right"), (self.left_hand_button, "left")):
            icon = QIcon()
            for pixel_ratio in (1.0, 2.0):
                icon.addPixmap(hand_picture(hand, convention, HAND_PICTURE_SIDE, pixel_ratio))
            button.setIcon(icon)

    def _signs_with(self, left_handed: bool) -> None:
        self._hand_box.setCurrentWidget(self.hand_answer)
        self._hand_answered_here = True
        self.context.update_settings(left_handed=left_handed, signing_hand_asked=True)  # Home refreshed
        self.focus_first_choice()  # the answered button is gone: Enter next starts what is marked ▶

    def _say_the_hand(self, left_handed: bool) -> None:
        """The hand question's answer, as the settings say it now: changed in Settings, as the sentence
        suggests, it went on naming the hand answered."""
        hand = "left" if left_handed else "right"
        self.hand_answer.setText(
            f"✓ Every sign is shown made with your <b>{hand} hand</b>. You can change it in Settings."
        )

    @property
    def review_page(self) -> ReviewPage:
        if self._review_page is None:
            self._review_page = ReviewPage(self.context, self)
            self._review_page.stopped.connect(self._session_over)
            self.stack.addWidget(self._review_page)
        return self._review_page

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.stack.currentIndex() == 0 and self._shown_day != self._today():
            self.refresh()  # the day changed while Home was hidden (the computer asleep at midnight)
        QTimer.singleShot(0, self, self.focus_first_choice)  # once the window has taken the focus

    def focus_first_choice(self) -> None:
        """The keyboard on the first answer of the hand question while it is asked (at the top, and answered
        before a lesson shows signs with that hand), else on the button marked ▶ (what to do first), else on
        the first one that can be pressed: Enter or Space then does it."""
        if self.stack.currentIndex() != 0:
            return
        if not self.hand_question.isHidden() and self._hand_box.currentWidget() is not self.hand_answer:
            self.right_hand_button.setFocus()  # a left-hander's Tab is one press away, as the order reads
            return
        buttons = [
            button
            for button in (self.first_choice, self.continue_button, self.review_button, self.lesson_button)
            if not button.isHidden() and button.isEnabled()
        ]
        if buttons:
            buttons[0].setFocus()

    def ability(self) -> ExerciseAbility:
        return exercise_ability(self.context)

    def _a_new_day(self) -> None:
        """The learner's midnight: the new day's figures, the keyboard on what to do first if it was on one of
        today's buttons (the one it was on may have gone: it fell on the lesson list)."""
        on_a_button = any(button.hasFocus() for button in self.today_buttons)
        self._refresh_unless_in_session()
        if on_a_button:
            self.focus_first_choice()

    def _refresh_unless_in_session(self, *_args) -> None:
        if self.path.database is not self.context.database:  # another database was opened
            if self._review_page is not None:
                self._review_page.stop()
            self.path = shared_learning_path(self.context.database)
        if self.stack.currentIndex() == 0:
            self.refresh()

    def _today(self) -> date:
        return day_of(self.path.clock.now(), self.path.clock)

    def refresh(self) -> None:
        """Today's numbers, the buttons and the lessons, from the database; again at the learner's
        midnight."""
        self._shown_day = self._today()
        # a second past midnight: by then the clock says the next day
        self._next_day.start(round(until_the_next_day(self.path.clock).total_seconds() * 1000) + 1000)
        try:
            self._refresh()
        except InputError as error:
            self.due_label.setText("Your learning records cannot be read.")
            self.note_label.setText(str(error))

    def _refresh(self) -> None:
        settings, model_loaded = self.context.settings, self.context.encoder is not None
        overview = home_overview(self.path, settings.new_signs_per_day, self.ability(), model_loaded)
        # answered here or in Settings, or as good as answered: the learner has met signs already
        # (its answer said till the learner meets a sign)
        asked = settings.signing_hand_asked
        self.hand_question.setVisible(overview.new_learner and (not asked or self._hand_answered_here))
        if not asked and not self.hand_question.isHidden():
            self._draw_hands()  # the mirror view may have been changed
        if self._hand_answered_here:
            self._say_the_hand(settings.left_handed)
        self.due_label.setText(overview.due)
        self.due_in_lessons_label.setText(breakable(overview.due_in_lessons))  # a long name wraps, not cut
        self.due_in_lessons_label.setVisible(bool(overview.due_in_lessons))
        self.new_label.setText(overview.new)
        self.known_label.setText(overview.known)
        # The button marked ▶; the lesson's when it stands for today's review too (no button of its own)
        self.first_choice = self.review_button if overview.review_text is not None else self.lesson_button
        if overview.continue_first:
            self.first_choice = self.continue_button
        self._continue_key = overview.continue_key
        self.continue_button.setVisible(overview.continue_text is not None)
        self.continue_button.setText(overview.continue_text or "")
        self.review_button.setVisible(overview.review_text is not None)
        self.review_button.setEnabled(overview.review_enabled)
        self.review_button.setText(overview.review_text or "")
        self.lesson_button.setVisible(overview.lesson_text is not None)
        self.lesson_button.setText(overview.lesson_text or "")
        self.lesson_states = list(overview.lessons)
        self._lesson_rows = list(overview.lesson_rows)
        self.lesson_list.clear()
        for row in overview.lesson_rows:
            item = QListWidgetItem(row.list_text())
            item.setToolTip(row.list_text())
            self.lesson_list.addItem(item)
        if self.lesson_states and self.lesson_list.currentRow() < 0:
            self.lesson_list.setCurrentRow(overview.next_lesson_row)
        self._name_the_lesson_button(self.lesson_list.currentRow())
        for shown_with_lessons in (self.lesson_list, self.start_lesson_button):
            shown_with_lessons.setVisible(bool(self.lesson_states))
        self.no_lessons_label.setVisible(not self.lesson_states)
        self.coming_label.setText(overview.coming_up)
        self.note_label.setText(overview.note)

    def _name_the_lesson_button(self, row: int) -> None:
        if 0 <= row < len(self._lesson_rows):
            self.start_lesson_button.setText(self._lesson_rows[row].start_words)

    # -- sessions
    def _run(self, session: ReviewSession | None) -> None:
        if session is None:
            self.refresh()
            return
        self.stack.setCurrentWidget(self.review_page)
        self.review_page.start(session)
        self.session_started.emit(session)

    def _start(self, start: Callable[[], ReviewSession | None]) -> None:
        try:
            session = start()
        except InputError as error:  # the session could not be saved (disk full, file locked...)
            self.note_label.setText(f"The session could not start: {error}")
            return
        self._run(session)

    def continue_session(self) -> None:
        new_per_day, key = self.context.settings.new_signs_per_day, self._continue_key
        # the session the button names, or none (Home then shows what there is now): never another one
        self._start(lambda: self.path.resume(new_per_day, self.ability(), key))

    def start_review(self) -> None:
        self._start(lambda: self.path.start_review(self.context.settings.new_signs_per_day, self.ability()))

    def continue_lesson(self) -> None:
        following = self.path.next_lesson(self.ability())
        if following is not None:
            self._start_lesson(following.lesson)

    def start_lesson(self, row: int) -> None:
        """The lesson of the list's ``row``; asked first when it brings new signs beyond the day's limit (the
        lesson button says so on its face: "Start lesson anyway")."""
        if not 0 <= row < len(self.lesson_states):
            return
        lesson = self.lesson_states[row].lesson
        question = beyond_the_days_new_signs(
            self.path, lesson, self.context.settings.new_signs_per_day, self.ability()
        )
        if question and not self._start_anyway(question):
            return
        self._start_lesson(lesson)

    def _start_anyway(self, question: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, "Enough new signs for today", question, parent=self)
        start = box.addButton(START_ANYWAY, QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(box.addButton(NOT_NOW, QMessageBox.ButtonRole.RejectRole))
        box.exec()
        return box.clickedButton() is start

    def _start_lesson(self, lesson: Lesson) -> None:
        new_per_day = self.context.settings.new_signs_per_day
        self._start(lambda: self.path.start_lesson(lesson, self.ability(), new_per_day))

    def _session_over(self) -> None:
        self.stack.setCurrentIndex(0)
        self.refresh()
        # From its top, as when the app opens: in a short window it kept the place scrolled down to for the
        # session's button, "Today" and what is due now cut off above
        self.dashboard_box.verticalScrollBar().setValue(0)
        self.focus_first_choice()

    def shutdown(self) -> None:
        """Stop the camera (the main window calls this when closing), the attempt it was scoring answered
        and kept to be saved; the session is saved after every step."""
        if self._review_page is not None:
            self._review_page.shutdown()
