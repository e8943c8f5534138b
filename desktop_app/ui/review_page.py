"""The session page of the learning path: meet new signs, recognise signs, sign them from memory.

A thin view over :class:`~desktop_app.core.learning.session_screen.SessionScreen`, which prepares each step of
the :class:`~desktop_app.core.learning.review.ReviewSession` and hands the learner's answer to it; the session
rates it, schedules it with FSRS and saves it before the page shows how it went. "Next" then shows the
session's next step; "Stop for now" leaves the session saved.

* Meet a new sign: its name and its reference, looping.
* Recognition: a reference clip of the sign plays without its name; four names to choose from (keys 1-4).
  Both play as every reference does: the sign only, signed with the learner's hand, following the settings.
* The end: a session run out of steps ends on its summary (what was met, how it went, when the signs come
  back: :mod:`~desktop_app.core.learning.summary`), then Home; one stopped for now goes straight home.
* Production: the name only; the learner signs it to the camera (the practice page's pipeline: MediaPipe,
  the encoder, the calibrated score, the feedback). Then the attempt drawn over the reference, faint, in
  step along the alignment, as the practice page replays it, with the score, its rating and the main
  correction, pictured as on the practice page (each figure with its own close-up at the correction's
  moment). Both follow the settings while they are on screen (mirror view, left-handed references).

The camera starts with the first production step and runs until the session stops or the page is hidden,
so the other pages can have it otherwise.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.app.context import AppContext
from desktop_app.core.judging.attempts import AttemptOutcome
from desktop_app.core.judging.practice import (
    REFERENCE_CAPTION,
    PlayedClips,
    PlayedReference,
    ScoringTarget,
    reference_as_shown,
)
from desktop_app.core.learning.quiz import RecognitionQuestion
from desktop_app.core.learning.review import ReviewSession
from desktop_app.core.learning.scheduling import rating_rules
from desktop_app.core.learning.session_screen import (
    CANNOT_SCORE_PROMPT,
    UNSCORED_PROMPT,
    SessionScreen,
    ShownStep,
    camera_problem_prompt,
    sign_it_prompt,
)
from desktop_app.core.learning.store import StepKind
from desktop_app.core.learning.summary import SessionSummary
from desktop_app.core.shared.palette import PROBLEM_COLOUR
from desktop_app.core.signing.session import Phase
from desktop_app.core.signing.view import ViewConvention
from desktop_app.ui.camera_status import SigningView
from desktop_app.ui.panes import (
    AboveOrBeside,
    ElidedButton,
    ElidedLabel,
    ScrollsWhenShort,
    in_a_column,
    in_a_steady_box,
    keeps_room_when_hidden,
    never_widens,
    unbroken_paths,
)
from desktop_app.ui.pipeline import FrameReport, PipelineWorker
from desktop_app.ui.reference_played import CompareButton, PlayedNote, play_reference, replay_the_attempt
from desktop_app.ui.shortcuts import (
    ANSWER,
    COMPARE_IN_A_LESSON,
    NEXT_STEP,
    SHOW_ME_THE_SIGN,
    SIGN_IN_LESSON,
    SKIP_THIS_ONE,
    STOP_FOR_NOW,
    with_its_key,
)
from desktop_app.ui.skeleton.feedback_picture import FeedbackPicture
from desktop_app.ui.skeleton.player import SkeletonPlayer
from desktop_app.ui.subscriptions import close_with, connect_while_alive
from signcore.errors import InputError

# "Next" waits this long after a result replaces the camera: it appears where "Skip this one" was, and a
# click on Skip as the attempt ended went on to the next step instead (the attempt rated, no skip)
NEXT_CLICK_GUARD_MS = 700
STEP_LEAST_HEIGHT = 200  # a step's box in the smallest window; the step scrolls in it when it needs more
# The camera picture's least height on a "sign it" step: in a 1000x520 window, at the live views' usual least
# size, the step scrolled and the sign's name or Start and Skip were out of view. The picture gives way.
CAMERA_LEAST_HEIGHT = 120
# The "sign it" prompt's least width beside the sign's name: "Press Space, sign it, then press Space again" on
# two lines at most, a longer name ending in "…" first
PROMPT_LEAST_WIDTH = 300
# The least height of a new sign's and a question's figure: at a player's usual 180 px, in a window 440 px
# high (a small laptop's room under its title bar) the step scrolled, "Got it" and the answers out of view.
FIGURE_LEAST_HEIGHT = 110
SCORE_SCALE = "out of 100"  # under an attempt's score
VERDICT_LINES = 2  # an answer's verdict: "Not quite: this is … · Again: you'll be asked to recognise it …"
SUMMARY_STEP = 3  # the stack's page of the end of a session
# A result's replay is above its correction's pictures while each of their figures can be this high (a
# player's usual least height); a shorter step has them side by side, the replay's figure as wide as each
# picture's: one above the other in a 1000x520 window, the pictures the correction is about were below the
# fold, and the learner scrolled to see them.
FIGURE_ABOVE_FIGURE_LEAST_HEIGHT = 180
# The least width of the replay's position bar: beside the pictures in a 1000x520 window it was squeezed to
# ~25 px between its step buttons, too short to drag to a moment; the pictures give up that width
RESULT_BAR_LEAST_WIDTH = 100


def _font(points: int, bold: bool = True) -> QFont:
    font = QFont()
    font.setPointSize(points)
    font.setBold(bold)
    return font


def _caption(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


ATTEMPTS_RATING_RULES = "How attempts are rated: " + rating_rules()["production"]
NEW_SIGN_HEADING = "<b>A new sign</b> · watch it a few times, copy it with your hands"
INTRODUCED_NEXT = "Got it: next (Enter)"
# A "sign it" step's sign shown on asking (SessionScreen.show_me): watched now, signed when it comes back
REMINDER_HEADING = "<b>Watch it</b> · then sign it when it comes back"
SHOWN_NEXT = "Next (Enter)"
SHOW_ME_TIP = (
    "Watch the sign, then sign it when it comes back soon. The first time it counts as forgotten "
    "(Again); watching it again does not."
)


def _whole_where_the_line_has_room(name: ElidedLabel) -> None:
    """A sign's name on a line with words after it: as wide as it needs while the line has the room, the
    words taking the rest; shorter, it ends in "…" (as short as "…" alone), never widening the window."""
    name.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    name.setMinimumWidth(1)


def _tall_steps_layout(page: QWidget) -> QVBoxLayout:
    """The layout of a step whose picture needs the height: narrow margins above and below."""
    layout = QVBoxLayout(page)
    margin = layout.contentsMargins().left()
    layout.setContentsMargins(margin, margin // 3, margin, margin // 3)
    return layout


class OnePageAtATime(QWidget):
    """Pages of which one is shown, laid out as that page alone. A QStackedWidget is as tall as its tallest
    page needs at its width: the "sign it" step's camera was held as tall as the result below it, so the step
    scrolled in a small window and its name or its buttons were out of view."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._pages: list[QWidget] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def addWidget(self, page: QWidget) -> None:
        self._layout.addWidget(page)  # first: shown before it has a parent, a page is a window of its own
        page.setHidden(bool(self._pages))  # the first page is shown
        self._pages.append(page)

    def currentIndex(self) -> int:
        return next(index for index, page in enumerate(self._pages) if not page.isHidden())

    def setCurrentIndex(self, index: int) -> None:
        for number, page in enumerate(self._pages):
            page.setVisible(number == index)


class ReviewPage(SigningView):
    stopped = Signal()  # the session is over or the learner stopped: back to the home screen
    step_shown = Signal(object)  # the Step on screen (tests)
    answered = Signal(object)  # the Rating of the answer just shown (tests)

    def __init__(self, context: AppContext, parent=None):
        super().__init__(context, parent)
        self.model = SessionScreen(context)
        close_with(self, self.model.close)
        self._why_not_scored = ""  # the heading while waiting, when the step's last attempt was not scored
        self.model.events.problem.connect(self._say_problem)
        self.model.events.target_changed.connect(self._await_attempt)
        connect_while_alive(self, context.events.settings_changed, self._on_settings_changed)
        connect_while_alive(self, context.events.model_changed, self._on_model_changed)

        self.title = ElidedLabel()  # a lesson's name, whatever its length: a long one ends in "…"
        self.title.setFont(_font(15))
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # a lesson's name, whatever it holds
        self.progress_text = QLabel()
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setMaximumHeight(8)
        self.stop_button = QPushButton("Stop for now")
        self.stop_button.setToolTip(
            with_its_key("Your session is saved: continue it from the home screen.", STOP_FOR_NOW)
        )
        self.stop_button.clicked.connect(self.stop)
        # What a skip took out of the session, in the lesson's name's place until the steps to go change: on a
        # line of its own under the progress it pushed the next step (its sign's name, the camera) down
        self.notice = ElidedLabel()  # in the text's own colour: light grey, it was missed
        self.notice.setMinimumHeight(self.title.sizeHint().height())  # the row as tall as with the name
        self.notice.hide()
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.notice, 1)
        header.addWidget(self.progress_text)
        header.addWidget(self.stop_button)

        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {PROBLEM_COLOUR};")
        self.problem.hide()
        self.stack = QStackedWidget()
        # Each step scrolls when the window is too short for it (its players keep their least height): laid
        # out directly, a sign-it result needed a taller window than the home page, and squeezed below that,
        # the players' legend and Pause/Speed row were drawn over the replay.
        self._step_boxes = [
            ScrollsWhenShort(step, STEP_LEAST_HEIGHT)
            for step in (
                self._build_intro(),
                self._build_recognition(),
                self._build_production(),
                self._build_summary(),
            )
        ]
        for box in self._step_boxes:
            self.stack.addWidget(box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addLayout(header)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.problem)
        layout.addWidget(self.stack, 1)

        self.keep_focus_on_click()
        ANSWER.bind_each(
            self, [partial(self._choose_by_key, index) for index in range(len(self.choice_buttons))]
        )
        SIGN_IN_LESSON.bind(self, self._toggle_attempt)
        COMPARE_IN_A_LESSON.bind(self, self._compare_by_key)
        NEXT_STEP.bind(self, self._next_by_key)
        STOP_FOR_NOW.bind(self, self._escape)
        SHOW_ME_THE_SIGN.bind(self, lambda: self._press_if_shown(self.show_me_button))
        SKIP_THIS_ONE.bind(self, self._skip_by_key)

    # -- layout
    def _build_intro(self) -> QWidget:
        self.intro_gloss = ElidedLabel()  # a long name ends in "…" (it was cut mid-word), its language whole
        self.intro_gloss.setFont(_font(28))
        self.intro_gloss.setTextFormat(Qt.TextFormat.PlainText)  # a sign's name, whatever it holds
        self.intro_note = _caption()
        self.intro_player = SkeletonPlayer()
        self.intro_player.canvas.setMinimumHeight(FIGURE_LEAST_HEIGHT)
        self.intro_player.follow_settings(self.context, references=True)
        self.intro_button = QPushButton()
        self.intro_button.setDefault(True)
        self.intro_button.clicked.connect(self._introduced)
        self.intro_heading = QLabel()
        self._reminding = False  # the page shows a "sign it" step's sign the learner asked to see (show_me)
        # The sign's name, what to do with it and "Got it" on one line, over the figure: the words, the name
        # and the button each on a line of their own, with the page's wide margins, left the figure 169 px
        # of a 1000 x 460 window and its hand close-up 101 px. A long name ends in "…" first.
        _whole_where_the_line_has_room(self.intro_gloss)
        heading = QHBoxLayout()
        heading.addWidget(self.intro_gloss)
        heading.addSpacing(12)
        heading.addWidget(self.intro_heading, 1)
        heading.addWidget(self.intro_button)
        page = QWidget()
        layout = _tall_steps_layout(page)
        layout.addLayout(heading)
        layout.addWidget(self.intro_note)
        layout.addWidget(self.intro_player, 1)
        return page

    def _build_recognition(self) -> QWidget:
        self.recognition_prompt = QLabel("Which sign is this?")
        self.recognition_prompt.setFont(_font(18))
        self.recognition_player = SkeletonPlayer()
        self.recognition_player.canvas.setMinimumHeight(FIGURE_LEAST_HEIGHT)
        self.recognition_player.follow_settings(self.context, references=True)
        self.choice_buttons = []
        self.choices = QGridLayout()
        self._answer_columns = 2  # as placed: two rows of two, or one row (_place_answers)
        for index in range(4):
            # A long name ends in "…" (whole in the tooltip): it made the answer, and the window, wider
            button = never_widens(ElidedButton())
            button.setFont(_font(14, bold=False))
            button.setMinimumHeight(48)
            button.clicked.connect(lambda _checked=False, index=index: self._choose(index))
            self.choices.addWidget(button, index // 2, index % 2)
            self.choice_buttons.append(button)
        self.recognition_result = QLabel()  # names the signs, any learner's
        self.recognition_result.setFont(_font(13, bold=False))
        # Its own two lines, scrolled when it needs more: growing, it scrolled the step and the question's
        # heading out of view in a 1000 x 440 window
        answer_box = in_a_steady_box(self.recognition_result, VERDICT_LINES)
        self.recognition_next = QPushButton("Next (Enter)")
        self.recognition_next.clicked.connect(self.show_current)
        # Its room kept while hidden: the answer appearing took ~21 px from the picture at once
        keeps_room_when_hidden(self.recognition_next)
        # The rating hint beside the question: below the answers, it was cut off at the bottom of a small
        # window (and scrolled to, the question was)
        self.rating_hint = _caption("How answers are rated: " + rating_rules()["recognition"])
        # The answer in the hint's place, beside the question, and Next beside it: on a row of their own under
        # the answers, their room was kept blank while the question played, and the figure was 225 px high
        # in a 1000 x 520 window (165 in 1000 x 460) over ~55 px of nothing. The hint and the answer one over
        # the other, each keeping its room hidden: the figure stays put as one replaces the other.
        self.answer_box = answer_box
        hint_or_answer = QGridLayout()
        for words in (self.rating_hint, answer_box):
            hint_or_answer.addWidget(keeps_room_when_hidden(words), 0, 0)
        heading = QHBoxLayout()
        heading.addWidget(self.recognition_prompt)
        heading.addSpacing(12)
        heading.addLayout(hint_or_answer, 1)
        heading.addWidget(self.recognition_next)
        page = QWidget()
        layout = _tall_steps_layout(page)
        layout.addLayout(heading)
        layout.addWidget(self.recognition_player, 1)
        layout.addLayout(self.choices)
        self._recognition_margins = layout.contentsMargins()
        return page

    def _place_answers(self) -> None:
        """The answers in one row where each name fits a quarter of the row whole, else two rows of two: the
        second row's height went from the question's clip, 107 px high in a 1000 x 440 window."""
        buttons, spacing = self.choice_buttons, self.choices.horizontalSpacing()
        margins = self._recognition_margins  # the step's: the stack's width is every step's
        row = self.stack.width() - margins.left() - margins.right()
        quarter = (row - (len(buttons) - 1) * spacing) / len(buttons)
        columns = len(buttons) if all(button.sizeHint().width() <= quarter for button in buttons) else 2
        if columns == self._answer_columns:
            return  # placed so already
        self._answer_columns = columns
        for button in buttons:
            self.choices.removeWidget(button)
        for index, button in enumerate(buttons):
            self.choices.addWidget(button, index // columns, index % columns)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._place_answers()

    def _build_production(self) -> QWidget:
        self.production_gloss = ElidedLabel()  # as the new sign's name
        self.production_gloss.setFont(_font(26))
        self.production_gloss.setTextFormat(Qt.TextFormat.PlainText)
        self.camera_prompt = never_widens(QLabel())  # wraps a long message: why an attempt was not scored
        self.camera_prompt.setFont(_font(13))
        self.camera_prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.video_label.setMinimumHeight(CAMERA_LEAST_HEIGHT)
        self.attempt_button = QPushButton(self.attempts.button_text)
        self.attempt_button.clicked.connect(self._toggle_attempt)
        self.skip_button = QPushButton("Skip this one")
        self.skip_button.setToolTip(
            with_its_key("It stays due: it comes back in your next review.", SKIP_THIS_ONE)
        )
        self.skip_button.clicked.connect(self._skip)
        self.show_me_button = QPushButton("Show me the sign")
        self.show_me_button.setToolTip(with_its_key(SHOW_ME_TIP, SHOW_ME_THE_SIGN))
        self.show_me_button.clicked.connect(self._show_me)
        # How attempts are rated between Start and Skip: on a line of its own under them, it took the height
        # of the camera picture in a small window. The tracking line over it, in the buttons' row: on a line
        # of its own under the picture, it took ~25 px more of it (a 226 px high picture at 1000 x 460).
        rating_rules_words = _caption(ATTEMPTS_RATING_RULES)
        rating_rules_words.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.tracking_status.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        tracking_and_rules = QVBoxLayout()
        tracking_and_rules.setSpacing(0)
        tracking_and_rules.addWidget(self.tracking_status.label)
        tracking_and_rules.addWidget(rating_rules_words)
        controls = QHBoxLayout()
        controls.addWidget(self.attempt_button)
        controls.addLayout(tracking_and_rules, 1)
        controls.addWidget(self.show_me_button)
        controls.addWidget(self.skip_button)
        self.no_camera.retry_button.setDefault(True)  # looks like what Enter presses (_on_camera_failed)
        # No camera: the lesson goes on without its "sign it" steps, each was skipped by hand
        self.skip_signing_button = QPushButton("Skip the signing steps for now")
        self.skip_signing_button.setToolTip(
            with_its_key("They stay due: they come back in your next review.", SKIP_THIS_ONE)
        )
        self.skip_signing_button.clicked.connect(self._skip_signing)
        self.no_camera.add_button(self.skip_signing_button)
        # As on the practice page: what the camera sees of the learner under the picture (SigningView)
        camera = self.picture_or_no_camera(self.video_label)
        live = in_a_column((camera, 1), controls)
        self._result: AttemptOutcome | None = None  # the attempt the result shows
        self._problem_shown = False  # the prompt says a problem (the camera gone): a setting changed keeps it
        self._result_view: ViewConvention | None = None  # the settings' view convention it is shown with
        result = self._build_production_result()

        self.production_stack = OnePageAtATime()
        self.production_stack.addWidget(live)
        self.production_stack.addWidget(result)
        # The sign's name after the words asking for it, on their line, and the prompt beside it (what Space
        # does, how the attempt goes): each on a line of its own, they took the height of the camera picture
        # in a small window. The prompt wraps in its room, the name ends in "…" before the prompt is squeezed.
        self.camera_prompt.setMinimumWidth(PROMPT_LEAST_WIDTH)
        _whole_where_the_line_has_room(self.production_gloss)
        heading = QHBoxLayout()
        heading.addWidget(QLabel("<b>Sign it from memory:</b>"))
        heading.addWidget(self.production_gloss)
        # On the heading's free room, the prompt's while a result is shown, at its right: under the replay,
        # it cut the replay's foot in a 1000 x 440 window
        prompt_or_compare = QGridLayout()
        prompt_or_compare.addWidget(self.camera_prompt, 0, 0)
        prompt_or_compare.addWidget(self.compare_button, 0, 0, Qt.AlignmentFlag.AlignRight)
        heading.addLayout(prompt_or_compare, 1)
        page = QWidget()
        layout = _tall_steps_layout(page)
        layout.addLayout(heading)
        layout.addWidget(self.production_stack, 1)
        return page

    def _build_summary(self) -> QWidget:
        """The end of a session: how it went in words, and the way home."""
        self.summary_heading = never_widens(QLabel())  # a lesson's name, whatever it holds
        self.summary_heading.setFont(_font(20))
        self.summary_heading.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_text = QLabel()
        self.summary_text.setTextFormat(Qt.TextFormat.PlainText)  # names signs
        self.summary_text.setWordWrap(True)
        self.summary_text.setFont(_font(12, bold=False))
        self.home_button = QPushButton("Back to Home (Enter)")
        self.home_button.clicked.connect(self.stop)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary_heading)
        layout.addWidget(self.summary_text)
        layout.addStretch(1)
        layout.addWidget(self.home_button, 0, Qt.AlignmentFlag.AlignRight)
        return page

    def _build_production_result(self) -> QFrame:
        """An attempt's result: its score, rating, correction and Next above its replay and close-up."""
        # Its bar in the controls' row: a row more, a 1000 x 440 window's result had the replay's figure
        # below the fold
        self.result_player = SkeletonPlayer(one_row=True)
        self.result_player.position.setMinimumWidth(RESULT_BAR_LEAST_WIDTH)
        self.result_player.follow_settings(self.context, references=False)  # the result mirrors it
        self.correction_picture = FeedbackPicture()  # the practice page's: "compare the close-up"
        self.correction_picture.hide()
        self.score_label = QLabel()
        self.score_label.setFont(_font(34))
        self.score_label.setMinimumWidth(110)
        self.score_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.rating_label = QLabel()
        self.rating_label.setWordWrap(True)
        self.rating_label.setFont(_font(13, bold=False))
        self.correction_label = never_widens(QLabel())
        self.correction_label.setTextFormat(Qt.TextFormat.PlainText)  # may name another sign, as typed
        self.correction_label.setFont(_font(12, bold=False))
        self.production_next = QPushButton("Next (Enter)")
        self.production_next.clicked.connect(self.show_current)
        # A big "21" alone said nothing of how far from good it is: its scale under it, the rules that rate
        # it its tooltip (a line of them beside it took the correction's pictures below a small window's fold;
        # the rating beside the score says what this one is)
        self.score_scale = _caption(SCORE_SCALE)
        self.score_scale.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.score_scale.setToolTip(ATTEMPTS_RATING_RULES)
        score_column = QVBoxLayout()
        score_column.addWidget(self.score_label)
        score_column.addWidget(self.score_scale)
        score_row = QHBoxLayout()
        score_row.addLayout(score_column)
        texts = QVBoxLayout()
        texts.addWidget(self.rating_label)
        texts.addWidget(self.correction_label)
        score_row.addLayout(texts, 1)
        score_row.addWidget(self.production_next, 0, Qt.AlignmentFlag.AlignBottom)
        result = QFrame()
        result.setFrameShape(QFrame.Shape.StyledPanel)
        result_layout = QVBoxLayout(result)
        # The score, its rating, the correction and Next above the pictures: below them, in a 1000x520
        # window the step opened on the replay with all of those below the fold
        result_layout.addLayout(score_row)
        self.result_player.canvas.setMinimumHeight(FIGURE_LEAST_HEIGHT)  # beside the pictures, as short
        # As on the practice page: when the rating says the attempt looked more like another sign, that
        # sign's clip in the replay's place, and the way back to the sign's own reference, from a button
        # beside the sign's name above the rating (the rating named it, with no way to see it but leaving
        # the lesson)
        self.compare_button = CompareButton()
        self.compare_button.clicked.connect(self._compare_or_back)
        # Under the replay, what to know of a clip played kept despite the clip check's warning
        self.played_note = PlayedNote()
        self._clips_played = PlayedClips()  # of the result's sign, read as it is shown
        self._comparing = False  # the replay's player plays the clip of the sign the attempt looked like
        self._replay_column = in_a_column((self.result_player, 1), self.played_note)
        self.replay_and_picture = AboveOrBeside(
            self._replay_column, self.correction_picture, self._room_for_figure_above_figure, (1, 2)
        )
        result_layout.addWidget(self.replay_and_picture, 1)
        return result

    def _room_for_figure_above_figure(self) -> int:
        """The height the replay and the correction's pictures need one above the other, each figure
        FIGURE_ABOVE_FIGURE_LEAST_HEIGHT high, with the replay's legend and Pause/Speed row in the fonts the
        page has now."""
        column = self._replay_column  # the player, and the note under it when it has one
        under_the_figure = column.minimumSizeHint().height() - self.result_player.canvas.minimumHeight()
        return under_the_figure + 2 * FIGURE_ABOVE_FIGURE_LEAST_HEIGHT

    # -- the session
    @property
    def session(self) -> ReviewSession | None:
        return self.model.session

    @property
    def question(self) -> RecognitionQuestion | None:
        return self.model.question

    def start(self, session: ReviewSession) -> None:
        self.title.setText(session.title)
        self._show(self.model.start(session))

    def show_current(self) -> None:
        """Show the session's current step (or go back home when it is over)."""
        self._show(self.model.show_current())

    def _show(self, shown: ShownStep | None) -> None:
        if shown is None:
            if self.model.summary is None:
                self.stop()
            else:
                self._show_summary(self.model.summary)
            return
        self.stop_button.show()
        self._show_progress(shown.progress, shown.done, shown.total)
        if shown.step.kind is StepKind.INTRODUCE:
            self._show_intro(shown)
        elif shown.step.kind is StepKind.RECOGNITION:
            self._show_recognition(shown)
        else:
            self._show_production(shown)
        # Each step from its top: its name or question. Once shown: hiding the button the focus was on
        # ("Next") moved the focus on, and the box scrolled down to where it went.
        for box in self._step_boxes:
            box.verticalScrollBar().setValue(0)
        self.step_shown.emit(shown.step)

    def _show_progress(self, words: str, done: int, total: int) -> None:
        """Also right after an answer, beside its rating: an answer rated too low puts its step back. What a
        skip took off the steps to go is said until they change again (it stayed through later answers)."""
        self._say_in_the_names_place("")
        self.progress_text.setText(words)
        self.progress_text.setToolTip(self.model.progress_details())  # why, for who asks: not in the words
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(done)

    def _show_progress_answered(self) -> None:
        """The progress right after an answer, and in the lesson's name's place why the steps in all changed,
        when they did, until the next step (a lesson's total drifted, 25 -> 24 -> 27, unsaid)."""
        self._show_progress(*self.model.progress())
        self._say_in_the_names_place(self.model.total_change_words())

    def _say_problem(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.setVisible(bool(message))

    def shutdown(self) -> None:
        """The window closes: the session is left (see :meth:`stop`; the main window saves the attempts
        still waiting)."""
        self.stop()

    def stop(self) -> None:
        """Leave the session (it is saved after every step) and go back to the home screen ("Stop for now",
        the window closing). The attempt still being scored answers its step and is saved first: the learner
        signed it, and its result came afterwards through the event loop, answered no step and was
        dropped."""
        self.stop_camera_for_good()
        self._leave_the_steps()
        self.model.stop()
        self.stopped.emit()

    def _leave_the_steps(self) -> None:
        self.stop_camera()
        for player in (self.intro_player, self.recognition_player, self.result_player):
            player.stop()

    def _show_summary(self, summary: SessionSummary) -> None:
        """The session is over: how it went, until the learner goes home (it went straight home)."""
        self._leave_the_steps()
        self.stop_button.hide()  # nothing to stop; "Back to Home" is the way on
        # As the session ended: a last step skipped left "2 to go" above "Lesson done"
        self._show_progress(*self.model.progress_at_end)
        self.summary_heading.setText(summary.heading)
        self.summary_text.setText("\n\n".join(summary.lines))
        self.stack.setCurrentIndex(SUMMARY_STEP)
        self._step_boxes[SUMMARY_STEP].verticalScrollBar().setValue(0)
        self.home_button.setFocus()

    def _show_intro(self, shown: ShownStep) -> None:
        self._show_sign(NEW_SIGN_HEADING, shown.name, shown.sign.gloss, shown.note, reminding=False)
        self.intro_player.set_clip(shown.reference, signed_with=shown.signed_with)  # its name is above it

    def _show_sign(self, heading: str, name: str, gloss: str, note: str, reminding: bool) -> None:
        """The page that shows one sign to watch: a new sign met, its ``note`` as typed, or the sign of a
        "sign it" step the learner asked to see (``reminding``), its ``note`` the rating, coloured."""
        self._hold_camera()
        self._reminding = reminding
        self.stack.setCurrentIndex(0)
        self.intro_heading.setText(heading)
        self.intro_gloss.setText(name, shortened=gloss)
        self.intro_note.setTextFormat(Qt.TextFormat.RichText if reminding else Qt.TextFormat.PlainText)
        self.intro_note.setText(note)
        self.intro_note.setVisible(bool(note))  # none: its line's room is the figure's
        self.intro_button.setText(SHOWN_NEXT if reminding else INTRODUCED_NEXT)
        self.intro_button.setFocus()

    def _introduced(self) -> None:
        if self._reminding or self.model.introduced():
            self.show_current()

    def _show_me(self) -> None:
        """The "sign it" step's sign shown to watch, rated Again the first time (:meth:`SessionScreen.
        show_me`)."""
        reminder = self.model.show_me()
        if reminder is None:
            return
        self._show_progress_answered()
        self._show_sign(REMINDER_HEADING, reminder.name, reminder.gloss, reminder.verdict, reminding=True)
        self.intro_player.set_clip(reminder.reference, signed_with=reminder.signed_with)
        if reminder.rating is not None:
            self.answered.emit(reminder.rating)

    def _show_recognition(self, shown: ShownStep) -> None:
        self._hold_camera()
        self.stack.setCurrentIndex(1)
        # no name: the question
        self.recognition_player.set_clip(shown.reference, signed_with=shown.signed_with)
        for index, button in enumerate(self.choice_buttons):
            button.setVisible(index < len(shown.choices))
            button.setEnabled(True)
            button.setStyleSheet("")
            if index < len(shown.choices):
                button.setText(shown.choices[index])  # an ElidedButton: its tooltip the whole text
        self._place_answers()  # by these names
        self.recognition_result.clear()
        self._say_the_hint_or_answer(answered=False)
        self.recognition_next.setVisible(False)
        self.setFocus()  # on no choice: a stray Space must not answer (the keys 1-4 do)
        self.model.asked(self.recognition_player.seconds / self.recognition_player.speed)

    def _say_the_hint_or_answer(self, answered: bool) -> None:
        """Beside the question, how answers are rated until it is answered, then the answer."""
        self.rating_hint.setVisible(not answered)
        self.answer_box.setVisible(answered)

    def _choose_by_key(self, index: int) -> None:
        if self.stack.currentIndex() == 1 and self.choice_buttons[index].isVisible():
            self._choose(index)

    def _choose(self, index: int) -> None:
        answer = self.model.choose(index)
        if answer is None:
            return
        for number, button in enumerate(self.choice_buttons):
            button.setEnabled(False)
            colour = answer.choice_colour(number)
            if colour is not None:
                button.setStyleSheet(f"background: {colour}; color: white;")
        self.recognition_result.setText(answer.verdict)
        self._say_the_hint_or_answer(answered=True)
        self._show_progress_answered()
        self.recognition_next.setVisible(True)
        self.recognition_next.setFocus()
        # In a window too short for the step (it scrolls), the verdict and Next scrolled to once laid out
        QTimer.singleShot(0, self, self._scroll_to_the_answer)
        self.answered.emit(answer.rating)

    def _scroll_to_the_answer(self) -> None:
        if not self.recognition_next.isVisible():  # Next pressed already: the next question opens at its top
            return
        box = self._step_boxes[1]
        for answer in (self.recognition_result, self.recognition_next):
            box.ensureWidgetVisible(answer, 0, 0)

    def _show_production(self, shown: ShownStep) -> None:
        self.stack.setCurrentIndex(2)
        self.production_stack.setCurrentIndex(0)
        self.camera_prompt.show()
        self.result_player.stop()
        self.compare_button.hide()  # the last result's
        self.production_gloss.setText(shown.name, shortened=shown.sign.gloss)
        self.attempts.forget()  # nor is the notice of the last step's attempt about this one
        self._show_attempt(Phase.WAITING)  # the last step's attempt, if any, was dropped
        self._problem_shown = False  # said over the last step
        self._await_attempt(shown.target)

    def _await_attempt(self, target: ScoringTarget | None) -> None:
        """The "sign it" step on screen waits for an attempt scored against ``target`` (None: it cannot be
        scored now): from the step's start, and whenever its target is built anew (SessionScreen's
        ``target_changed``: the learner's hand switched in Settings, another model, its clips changed), when
        an attempt under way, signed for the target before, is dropped. A camera problem said stays."""
        if target is None:
            self._hold_camera()
            self.camera_prompt.setText(CANNOT_SCORE_PROMPT)
            self.skip_button.setFocus()
            return
        self.prefetch(target)
        if self.worker is not None:
            self.drop_attempt()
            self.worker.set_target(target)
            self._follow_auto_start(self.worker)
        if self.isVisible():  # else its camera starts when it is shown again
            self.start_camera()
        self.attempt_button.setFocus()  # not "Stop for now" or "Skip": Space is for the attempt here
        if not self._problem_shown:
            self._prompt_to_sign()

    def _prompt_to_sign(self, text: str = "") -> None:
        """Waiting for an attempt: ``text`` (why the last one was not scored) or how to start one, and the
        button says what Space does now."""
        self._why_not_scored, self._problem_shown = text, False
        self._show_attempt(Phase.WAITING)
        self._show_heading()

    def _show_heading(self) -> None:
        """The heading above the camera as the attempts are shown, as on the practice page
        (:meth:`show_heading`); while none is under way, why the last was not scored or how to start one."""
        waiting = self._why_not_scored or sign_it_prompt(self.context.settings.auto_start)
        self.show_heading(self.camera_prompt, waiting)

    def _notice_over(self) -> None:
        if not self._problem_shown:
            self._show_heading()

    def _show_attempt(self, phase: Phase, heading_changed: bool = False) -> None:
        """The attempt button, and the prompt, as an attempt is shown (``phase``: of the frame shown, or none
        under way; ``heading_changed``: what the heading says of it changed otherwise). An attempt no longer
        under way takes its "● Recording" with it: one that went with the camera (the page hidden) said so
        over "Start attempt" once the page was back, nothing recording."""
        if (self.attempts.frame_phase(phase) or heading_changed) and not self._problem_shown:
            self._show_heading()
        self.attempt_button.setText(self.attempts.button_text)
        # The window's focus, also while another app's window is active (the application's is then none)
        focus, can_press = self.window().focusWidget(), self.attempts.can_press
        if not can_press and focus is self.attempt_button:
            # Disabled with the focus, Qt gave it to the next button, and the Space the heading asks for
            # pressed "Show me the sign" (rated Again, untried) after the camera dropped
            self.setFocus()
        self.attempt_button.setEnabled(can_press)  # not while the camera is lost
        if can_press and self.window().focusWidget() is self and self.model.awaiting_attempt:
            self.attempt_button.setFocus()  # back with the camera

    def _toggle_attempt(self) -> None:
        """Space or the attempt button: what the button says (LiveAttempts, as on the practice page)."""
        if self.model.awaiting_attempt and self.isVisible():
            self.start_or_stop_attempt()

    def _escape(self) -> None:
        """Esc: cancel the attempt under way (as on the practice page); with none, "Stop for now"."""
        if self.attempts.under_way:
            if self.worker is not None:
                self.worker.cancel_attempt()
        else:
            self._press_if_shown(self.stop_button)

    def _skip_by_key(self) -> None:
        """The skip's key: "Skip this one", or with no camera "Skip the signing steps for now"."""
        self._press_if_shown(self.skip_button if self.skip_button.isVisible() else self.skip_signing_button)

    @staticmethod
    def _press_if_shown(button: QAbstractButton) -> None:
        """A button's key does what the button does where the learner can press it, and nothing elsewhere."""
        if button.isVisible() and button.isEnabled():
            button.click()

    def _skip(self) -> None:
        self._say_skipped(self.model.skip())

    def _skip_signing(self) -> None:
        self._say_skipped(self.model.skip_signing())

    def _say_skipped(self, skipped: str | None) -> None:
        """After a skip: the next step, under what the skip took off (``skipped``; None: nothing skipped)."""
        if skipped is not None:
            self.show_current()
            self._say_in_the_names_place(skipped if self.session is not None else "")  # not over the summary

    def _say_in_the_names_place(self, notice: str) -> None:
        """``notice`` in the lesson's name's place, on its line; "": the name again."""
        self.notice.setText(notice)
        self.notice.setVisible(bool(notice))
        self.title.setHidden(bool(notice))

    def _on_outcome(self, outcome: AttemptOutcome) -> None:
        """The step's answer, then the attempt saved. One the step does not await (signed for a step left, or
        for the other hand before the learner switched hands, its scoring under way meanwhile) is neither
        shown nor saved, as on the practice page: "left-handed mode is off" came after it was turned on."""
        if not self.model.awaits(outcome):
            return
        to_save = self.context.attempts_to_save
        self._answer(outcome)
        to_save.keep(outcome)
        self._on_camera_problem(to_save.save(self.context))

    def _answer(self, outcome: AttemptOutcome) -> None:
        """The awaited attempt rated and its result shown. One signed with the other hand than the reference
        as shown is rated by its score as Practice scores it (the score treats a sign and its mirror image
        alike), its explanation the result's correction: not rated and asked again, it read as another rule
        than Practice's, in three bold lines over the camera."""
        if outcome.score is None:  # the step waits for another attempt
            self._prompt_to_sign(outcome.message or UNSCORED_PROMPT)
            return
        answer = self.model.attempt_scored(outcome.sign_id, outcome.score.score, outcome.score.looked_like)
        if answer is None:
            return
        self._hold_camera()
        self.score_label.setText(answer.score_text)
        self.score_label.setStyleSheet(f"color: {answer.colour};")
        self.rating_label.setText(answer.verdict)
        self._show_progress_answered()
        self.correction_label.setText(outcome.feedback.message if outcome.feedback is not None else "")
        self._show_result_pictures(outcome)
        self.production_stack.setCurrentIndex(1)
        self.camera_prompt.hide()  # the prompt to sign: its room beside the name is the compare button's
        self.setFocus()  # not on a button of the result meanwhile: Enter would press it
        self.production_next.setEnabled(False)
        QTimer.singleShot(NEXT_CLICK_GUARD_MS, self, self._offer_next)
        self.answered.emit(answer.rating)

    def _offer_next(self) -> None:
        self.production_next.setEnabled(True)
        self.production_next.setFocus()

    def _show_result_pictures(self, outcome: AttemptOutcome) -> None:
        """The attempt over its reference, replayed in step, and the correction's moment pictured; the other
        sign it looked like offered to compare with."""
        self._result, self._result_view = outcome, ViewConvention.from_settings(self.context.settings)
        scored = outcome.score
        self._clips_played = PlayedClips() if scored is None else self.model.clips_played(scored.sign_id)
        self._replay_the_attempt()
        self.correction_picture.show_correction(outcome, self._result_view)

    def _replay_the_attempt(self) -> None:
        """The result's attempt over the sign's reference it was compared with, in step along the alignment,
        that reference named (and marked, kept despite a warning) as Practice names it."""
        outcome = self._result
        played = None if outcome is None else self._clips_played.compared_with(outcome, REFERENCE_CAPTION)
        if outcome is not None and outcome.feedback is not None and played is not None:
            replay_the_attempt(self.result_player, outcome, played.caption)
        self._played(played, comparing=False)

    def _compare_or_back(self) -> None:
        """The button above the result: the other sign's clip, or, while it plays, the sign's own again."""
        if self._comparing:
            self._replay_the_attempt()
        else:
            self._compare_with_look_alike()

    def _compare_by_key(self) -> None:
        """The button's key, as the button: there and back (it played the other sign's clip again)."""
        if self._showing_result() and self.compare_button.isVisible():
            self._compare_or_back()

    def _compare_with_look_alike(self) -> None:
        """Play the clip of the sign the result looked more like in the replay's place, as the practice page
        plays it (PlayedClips.look_alike)."""
        played = self._clips_played.look_alike(self._result)
        if played is None:
            return
        play_reference(self.result_player, played, self.context.settings)
        self._played(played, comparing=True)

    def _played(self, played: PlayedReference | None, comparing: bool) -> None:
        """Say under the replay's player what the learner should know of the clip it plays, and offer the
        other sign's clip, or the way back from it."""
        self._comparing = comparing
        self.played_note.say(played)
        self.compare_button.offer(self._result, self._clips_played)
        self.compare_button.show_comparing(comparing)

    def _showing_result(self) -> bool:
        return self.stack.currentIndex() == 2 and self.production_stack.currentIndex() == 1

    def _follow_settings_in_result(self) -> None:
        """The result on screen as the settings now say: another mirror view, or left-handed mode turned on
        or off (the reference mirrored, or not, as the next step will show it)."""
        outcome = self._result
        view = ViewConvention.from_settings(self.context.settings)
        if (
            outcome is None
            or outcome.score is None
            or not self._showing_result()
            or view == self._result_view
        ):
            return
        try:
            clip = self.context.database.clip(outcome.score.best_clip_id)
            reference = reference_as_shown(self.context, clip)
        except InputError:  # deleted in the Library meanwhile: the result stays as it was shown
            return
        self._show_result_pictures(replace(outcome, reference=reference))

    def _next_by_key(self) -> None:
        """Enter presses the button the learner tabbed to ("Stop for now", "Skip this one"...), as on every
        other page; with no button focused, it does the step's own next thing. Never the attempt button,
        which has the focus on every "sign it" step: Space starts an attempt, and an Enter after Next
        started one."""
        focused = QApplication.focusWidget()
        if (
            isinstance(focused, QAbstractButton)
            and focused is not self.attempt_button
            and self.isAncestorOf(focused)
            and focused.isEnabled()
        ):
            focused.click()
            return
        index = self.stack.currentIndex()
        if index == SUMMARY_STEP:
            self.stop()
            return
        answered = (
            self.recognition_next.isVisible() if index == 1 else self.production_stack.currentIndex() == 1
        )
        if index == 0:
            self._introduced()
        elif answered and (index != 2 or self.production_next.isEnabled()):
            self.show_current()

    # -- camera
    def wants_camera(self) -> bool:
        return self.session is not None and self.model.awaiting_attempt

    def connect_worker(self, worker: PipelineWorker) -> None:
        worker.frame_ready.connect(self._show_frame)
        worker.segment_event.connect(self._on_segment_event)
        worker.attempt_scored.connect(self._on_outcome)
        worker.camera_state.connect(self._on_camera_state)
        worker.failed.connect(self._on_camera_failed)
        worker.set_target(self.model.target)
        self._follow_auto_start(worker)
        self.skip_button.show()
        self._show_attempt(Phase.WAITING)  # a new camera thread: no attempt under way

    def _follow_auto_start(self, worker: PipelineWorker) -> None:
        """Attempts start by themselves only while one is awaited and the learner said so."""
        worker.set_auto_segmentation(self.model.awaiting_attempt and self.context.settings.auto_start)

    def _hold_camera(self) -> None:
        """Record and score nothing until the next production step. The camera keeps running in between
        (MediaPipe takes a second or two to start); it stops when the session does or the page is hidden."""
        if self.worker is not None:
            self.drop_attempt()
            self.worker.set_target(None)
            self.worker.set_auto_segmentation(False)

    def _on_model_changed(self, _encoder) -> None:
        """The camera's worker embeds attempts with the model it started with: restarted with the new one,
        as the references of every target from now on are the new model's."""
        if self.worker is not None:
            self.restart_camera()

    def _on_settings_changed(self, settings) -> None:
        self._follow_settings_in_result()
        if self.worker is not None and self.model.awaiting_attempt:
            self._follow_auto_start(self.worker)
            if not self.attempts.under_way and not self._problem_shown:  # nor over recording
                self._prompt_to_sign()

    def _show_frame(self, report: FrameReport) -> None:
        self.show_frame_picture(report)
        # An attempt that ended by itself shows no longer under way; one recorded, whether the hands are seen
        self._show_attempt(report.phase, heading_changed=self.show_tracking(report))
        if self.worker is not None:
            self.worker.frame_shown(report)

    def _on_segment_event(self, event) -> None:
        if self.attempt_was_dropped(event) or not self.model.awaiting_attempt:
            return  # the next step's own prompt stays, not "Attempt cancelled."
        self.attempts.event(event)
        self.attempt_button.setText(self.attempts.button_text)  # as on the practice page: what Space does now
        # One thrown out is said until the next attempt (no result box says it here); a new one starts afresh
        self._why_not_scored = event.message if event.kind == "discarded" else ""
        if event.kind in ("finished", "discarded"):
            self._problem_shown = False
        self._show_heading()  # "● Recording: …" in the segmenter's words, how this one ends; or how it ended
        self.notice_for_a_moment(self._notice_over)

    def _on_camera_state(self, problem: str) -> None:
        """The camera was lost (``problem`` says so) or is back (""): then the step's own prompt again, not
        the loss, which stayed on screen while the learner could sign."""
        self._show_attempt(Phase.WAITING)  # the button: nothing to start while the camera is lost
        if problem or not self.model.awaiting_attempt:
            self._on_camera_problem(problem)
            return
        self._prompt_to_sign()

    def _on_camera_failed(self, message: str) -> None:
        """The camera could not be started: in the picture's place, why, the ways to a picture (as on the
        practice page: SigningView), and the lesson's way on without one (it said 'Starting camera 9…' for
        good, then only "Choose another camera in File → Camera…"); the next "sign it" step, or another
        camera, tries again."""
        # The panel says why, and its "Skip the signing steps for now" is the way on: the prompt above it said
        # the problem again, and "Skip this one" beside it was a second skip for the one problem
        self._problem_shown = True
        self.camera_prompt.clear()
        self.skip_button.hide()
        self._show_attempt(Phase.WAITING)  # Start disabled: nothing to start until a camera starts
        # Start, disabled, passed its focus on to "Skip this one": an Enter to go on skipped the sign
        self.no_camera.retry_button.setFocus()

    def _on_camera_problem(self, message: str) -> None:
        if message:
            self._problem_shown = True
            self.camera_prompt.setText(unbroken_paths(camera_problem_prompt(message)))  # as on Practice
            self.camera_prompt.setStyleSheet(f"color: {PROBLEM_COLOUR};")
