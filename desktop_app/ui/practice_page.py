"""The practice page: choose a sign, watch its reference, sign it in front of the camera, see how it went.

A thin view: the camera, MediaPipe, segmentation, embedding and scoring run in
:class:`~desktop_app.ui.pipeline.PipelineWorker` (its own thread); this widget shows what the worker reports
and forwards the learner's commands (Space, countdown). The camera runs while the page is visible and is
released when it is hidden, so other pages (search by signing, recording) can open it.
"""

from __future__ import annotations

import html
import logging
import time

from PySide6.QtCore import QEvent, QModelIndex, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QFrame,
    QGraphicsOpacityEffect,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.app.context import AppContext
from desktop_app.core.collection.library import ALL_LANGUAGES  # the same filter entry as the Library's
from desktop_app.core.judging.attempts import AttemptOutcome
from desktop_app.core.judging.live_attempts import (
    CANCEL_COUNTDOWN,
    START_ATTEMPT,
    STOP_ATTEMPT,
    WAITING_FOR_THE_CAMERA,
)
from desktop_app.core.judging.practice import (
    BETWEEN_NEAREST,
    NEAREST_SIGNS,
    PlayedReference,
    PracticeSign,
    ScoringTarget,
    initial_sign_id,
    list_filter_showing,
    practice_sign,
    result_words,
    score_colour,
    signed_last,
)
from desktop_app.core.shared.palette import PROBLEM_COLOUR
from desktop_app.core.signing.session import Phase, SegmentEvent
from desktop_app.core.signing.view import ViewConvention
from desktop_app.ui.camera_dialog import choose_camera
from desktop_app.ui.camera_status import SigningView
from desktop_app.ui.live_camera import keyboard_not_left_to_qt, pressable_or_greyed
from desktop_app.ui.panes import (
    NAME_ROLE,
    SHORT_PAGE_HEIGHT,
    ElidedLabel,
    KeepsItsLines,
    ScrollsWhenShort,
    WrapsOrShortens,
    in_tab_order,
    never_widens,
    on_events,
    rows_end_in_ellipsis,
    show_choices,
    unbroken_paths,
    wide_enough_for,
)
from desktop_app.ui.pipeline import FrameReport, PipelineWorker
from desktop_app.ui.reference_played import (
    SHOW_REFERENCE,
    CompareButton,
    PlayedNote,
    play_reference,
    replay_the_attempt,
)
from desktop_app.ui.shortcuts import (
    CANCEL_ATTEMPT,
    COMPARE_WITH_LOOK_ALIKE,
    COUNT_DOWN,
    REPLAY_ATTEMPT,
    SHOW_THE_REFERENCE,
    START_OR_STOP,
    STEP_IN_THE_SIGNS_FOUND,
    bind_the_sign_search,
    with_its_key,
)
from desktop_app.ui.skeleton.colours import legend_html
from desktop_app.ui.skeleton.feedback_picture import FeedbackPicture
from desktop_app.ui.skeleton.player import SkeletonPlayer
from desktop_app.ui.subscriptions import connect_while_alive
from signcore.words import sign_names

SIGN_LIST_WIDTH = 170
SIGN_LIST_MOST_WIDTH = 280  # the names' column widens to show the longest name whole, up to this
REFERENCE_LEAST_HEIGHT = 80  # the reference figure's, so that a result fits under it in a 520-px window
# A short page (panes.SHORT_PAGE_HEIGHT) gives the result box one height from the start, for the score and
# the correction's words: the reference above it keeps one size as scores come (it shrank from 235 to 155 px
# at the first score in a 1000 x 520 window). The correction's picture takes the reference's place instead
# (under the words, it was below the box's fold) until the learner asks for the reference again. A taller
# page holds the box at a whole score's height, the picture in it.
# A short page's result box holds the score beside a verdict of this many lines (the longest, "Recognised
# as ... It looks closer to ... than to ...", in a 1000 x 520 window), and the longest correction under them
# (the hand left out of a two-handed sign, a sign made with the other hand): at a fixed 140 px, sized for a
# three-line correction, the last line of "Both hands: ..." was cut
RESULT_VERDICT_LINES = RESULT_CORRECTION_LINES = 4
SHOW_PICTURE = "Show picture"  # the correction's, in a short page where the reference took its place back
# Of a short page: an even shorter one keeps the reference first. A third cut the longest correction's last
# line in the window a 1000 x 520 screen opens (its page 413 px high); at 0.36 the nearest signs' line under
# a three-line correction there was 2 px short (a scroll bar for it), and a 1000 x 520 window's page (473 px)
# had no room for the button under a correction naming another sign (_share_the_column)
RESULT_MOST_SHARE = 0.38
# A short page's room around it, between the reference column's parts and around the result's words: with the
# usual 6, 6 and 11 px, in that window the reference's canvas was 118 px high, its figure 60-80 px
SHORT_PAGE_MARGIN = SHORT_PAGE_SPACING = 2
SHORT_PAGE_RESULT_MARGIN = 4
PAGE_MARGIN = 6
VERDICT_POINT_SIZE = 11  # the correction under it has the page's font
# The score's size. In a short page a smaller one leaves the verdict beside it more width: at 34 pt in a
# 1000 x 520 window the verdict took four or five lines of the box, and the correction under it needed a
# scroll.
SCORE_POINT_SIZE, SHORT_PAGE_SCORE_POINT_SIZE = 34, 24
PROMPT_SMALLEST_POINT_SIZE = 9  # a long heading above the camera kept to its two lines, no smaller
EARLIER_RESULT_OPACITY = 0.4  # the last result while the next attempt is under way: still read, plainly past
EARLIER_RESULT_BELOW = "The result below is your attempt before it."  # under why an attempt was not scored
# Events after which the same text takes another width: a font chosen, or a screen of another resolution
NEW_TEXT_SIZE = (QEvent.Type.FontChange, QEvent.Type.ScreenChangeInternal)
NO_MOST_HEIGHT = 16777215  # Qt's QWIDGETSIZE_MAX, which PySide6 does not export
# How the learner puts the focus in the search box (to type a search); any other way, it goes to the list
LEARNERS_OWN_FOCUS = (
    Qt.FocusReason.MouseFocusReason,
    Qt.FocusReason.TabFocusReason,
    Qt.FocusReason.BacktabFocusReason,
    Qt.FocusReason.ShortcutFocusReason,
)
NO_SIGNS_PROMPT = "No signs to practise yet: import or record some in the Library"
CHOOSE_A_SIGN_PROMPT = "Choose a sign to practise in the list"
CANNOT_SCORE_PROMPT = "This sign cannot be scored yet: see the note beside its name"

log = logging.getLogger(__name__)


def _faded_while_earlier(widget: QWidget) -> QGraphicsOpacityEffect:
    """The fade of ``widget``, a part of the result shown, for while that result is an earlier attempt's
    (LiveAttempts.result_is_earlier); off until then."""
    fade = QGraphicsOpacityEffect(widget)
    fade.setOpacity(EARLIER_RESULT_OPACITY)
    fade.setEnabled(False)
    widget.setGraphicsEffect(fade)
    return fade


def no_match_words(search: str, language: str) -> str:
    """What the sign list says when no sign matches ``search`` in the chosen language."""
    if language == ALL_LANGUAGES:
        return f"No sign matches “{search}”."
    return f"No sign in {language} matches “{search}”: try {ALL_LANGUAGES}."


def nearest_on_one_line(nearest: str, font: QFont, width: int) -> str:
    """The nearest signs (rich text, as :func:`result_words` gives them) as far as they fit one line ``width``
    px wide in ``font``, the first at least, and "…" for the rest."""
    rows = nearest.removeprefix(NEAREST_SIGNS).split(BETWEEN_NEAREST)
    document = QTextDocument()
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    for shown in range(len(rows), 1, -1):
        line = (
            NEAREST_SIGNS + BETWEEN_NEAREST.join(rows[:shown]) + (BETWEEN_NEAREST + "…") * (shown < len(rows))
        )
        document.setHtml(line)
        if document.idealWidth() <= width:
            return line
    return NEAREST_SIGNS + rows[0] + (BETWEEN_NEAREST + "…") * (len(rows) > 1)


class PracticePage(SigningView):
    attempt_shown = Signal(object)  # AttemptOutcome, after its result is on screen (tests, benchmark)

    def __init__(self, context: AppContext, parent=None):
        super().__init__(context, parent)
        self.target: ScoringTarget | None = None
        self.practising = PracticeSign("Choose a sign", "")  # the sign loaded, as shown
        self._reference_played: PlayedReference | None = None  # by show_reference, last
        self.last_latency_ms: float | None = None
        self.camera_problem = ""
        self._unsaved_said = ""  # the words above the camera that attempts could not be saved
        self._reference_left_handed = False  # the left-handed setting the reference was loaded for
        self._loaded_sign_id: int | None = None  # the sign the target and the reference on screen are of
        self._database_shown = context.database  # the sign database the list and the result are of
        self._short = False  # the page's height is short (_share_the_column)

        self._build_sign_panel()
        self._build_camera_panel()
        self._build_reference_panel()
        splitter = self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for panel, stretch in ((self.sign_panel, 0), (self.camera_panel, 3), (self.reference_panel, 2)):
            splitter.addWidget(panel)
            splitter.setStretchFactor(splitter.count() - 1, stretch)
        splitter.setSizes([230, 640, 430])
        layout = self._page_layout = QVBoxLayout(self)
        layout.setContentsMargins(PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN)
        layout.addWidget(splitter)
        # As the page reads, column by column (Tab went from the list to the reference on the right,
        # then back to Start attempt in the middle): the sign; the attempt (or the ways to a picture shown
        # in its place when there is no camera), Camera… after it, as what is done less; then the reference
        # column top to bottom.
        in_tab_order(
            self.search_box,
            self.language_box,
            self.sign_list,
            *self.no_camera.ways_on,
            self.record_button,
            self.countdown_button,
            self.auto_box,
            self.camera_button,
            self.compare_button,
            *self.player.controls,
            self.show_reference_button,
            self.replay_button,
        )

        self.keep_focus_on_click()
        START_OR_STOP.bind(self, self.toggle_attempt)
        CANCEL_ATTEMPT.bind(self, self._escape)
        COMPARE_WITH_LOOK_ALIKE.bind(self, self._compare_or_back)
        COUNT_DOWN.bind(self, self.start_countdown)
        REPLAY_ATTEMPT.bind(self, self.replay_attempt)
        SHOW_THE_REFERENCE.bind(self, self._show_reference_by_key)
        bind_the_sign_search(self, self.search_box)
        self.search_box.installEventFilter(self)  # Space starts an attempt there too, unless in a search
        self.sign_list.installEventFilter(self)  # its focus chooses no sign by itself
        # The list's font or screen changed: its rows measured again, once the new font has reached the whole
        # page too (the camera's controls, whose least width leaves the list its room)
        on_events(self.sign_list, NEW_TEXT_SIZE, lambda: QTimer.singleShot(0, self, self._measure_the_names))
        # The nearest signs fitted to the width they have now
        on_events(self.nearest_label, (QEvent.Type.Resize,), lambda: self._show_nearest(self._nearest))
        self.search_box.returnPressed.connect(self._pick_the_sign_found)
        events = context.events
        events.sign_selected.connect(self._on_sign_selected)
        events.database_changed.connect(self._on_database_changed)
        events.model_changed.connect(self._on_model_changed)
        events.settings_changed.connect(self._on_settings_changed)
        connect_while_alive(self, context.attempts_to_save.events.unsaved, self._say_unsaved)
        # The page chooses its sign by itself (the one practised last) until the learner chooses one, here or
        # elsewhere; till then, shown after a sign was signed elsewhere (a lesson), it opens on that one.
        self._choosing_by_itself = False
        self._learner_chose = False
        self._signed_last_when_chosen: int | None = None  # signed_last when the page chose its sign
        self.refresh_signs()
        if not self._select_initial_sign():
            self.load_sign(None)

    # -- layout
    def _build_sign_panel(self) -> None:
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText("Search signs…")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textChanged.connect(self.refresh_signs)
        self.language_box = QComboBox()
        self.language_box.currentIndexChanged.connect(self.refresh_signs)
        self.sign_list = QListWidget()
        self._widest_name = 0  # px: the longest row of the list, in its font (_measure_the_names)
        # No sideways scrolling: the list is as wide as its longest name (refresh_signs), and a longer one
        # ends in "…" (its tooltip says it whole)
        rows_end_in_ellipsis(self.sign_list)
        self.sign_list.currentItemChanged.connect(self._on_sign_clicked)
        self.sign_list.itemClicked.connect(self._on_item_clicked)
        self.no_match_label = never_widens(QLabel())  # an empty list would say nothing at all
        self.no_match_label.setTextFormat(Qt.TextFormat.PlainText)  # the search as typed
        self.no_match_label.hide()
        self.sign_panel = QWidget()
        self.sign_panel.setMinimumWidth(SIGN_LIST_WIDTH)  # a small window narrows the camera, not the names
        layout = QVBoxLayout(self.sign_panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Signs</b>"))
        layout.addWidget(self.search_box)
        layout.addWidget(self.language_box)
        layout.addWidget(self.no_match_label)
        layout.addWidget(self.sign_list, 1)

    def _build_camera_panel(self) -> None:
        # Two lines high, a one-line heading too: the waiting prompt wrapped in a small window and the
        # one-line "● Recording…" after it moved the camera picture up and down every few seconds. A longer
        # one (a camera lost, its video's path) in smaller letters: on a third line it pushed the picture
        # down; a problem too long for them still has the lines it needs.
        prompt_font = QFont()
        prompt_font.setPointSize(14)
        prompt_font.setBold(True)
        self.prompt_label = KeepsItsLines(2, prompt_font, PROMPT_SMALLEST_POINT_SIZE)
        self.prompt_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Prompts change length all the time: they must not widen the panels around them, and wrap rather
        # than lose both ends in a small window.
        self.prompt_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.record_button = QPushButton()
        # As wide for Start as for Stop: in a small window the camera panel is as narrow as this row, and the
        # shorter "Stop" narrowed it, moving the picture sideways as each attempt started and ended.
        wide_enough_for(
            self.record_button, WAITING_FOR_THE_CAMERA, STOP_ATTEMPT, CANCEL_COUNTDOWN, START_ATTEMPT
        )
        self.record_button.clicked.connect(self.toggle_attempt)
        self.countdown_button = QPushButton("3-2-1")
        self.countdown_button.setToolTip(with_its_key("Count down, then record", COUNT_DOWN))
        self.countdown_button.clicked.connect(self.start_countdown)
        self.auto_box = QCheckBox("Start when my hands come up")
        self.auto_box.setChecked(self.context.settings.auto_start)
        self.auto_box.toggled.connect(self._on_auto_toggled)
        self.camera_button = QPushButton("Camera…")
        self.camera_button.clicked.connect(self.choose_camera)

        status_row = QHBoxLayout()
        status_row.addWidget(self.tracking_status.label, 1)
        status_row.addWidget(self.camera_button)  # not beside the attempt's controls: a small window has room
        controls = QHBoxLayout()
        controls.addWidget(self.record_button)
        controls.addWidget(self.countdown_button)
        controls.addWidget(self.auto_box)
        controls.addStretch(1)
        self.live_part = live = QWidget()  # the heading, the picture and the attempt's controls
        live_layout = QVBoxLayout(live)
        live_layout.setContentsMargins(0, 0, 0, 0)
        live_layout.addWidget(self.prompt_label)
        live_layout.addWidget(self.video_label, 1)
        self.live_legend = QLabel(legend_html(ViewConvention.from_settings(self.context.settings)))
        self.live_legend.setTextFormat(Qt.TextFormat.RichText)
        live_layout.addWidget(self.live_legend)
        live_layout.addLayout(status_row)
        live_layout.addLayout(controls)

        self.camera_panel = self.picture_or_no_camera(live)
        self.camera_stack.currentChanged.connect(self._fold_the_secondary_words)  # the camera's legend

    def _build_reference_panel(self) -> None:
        # A long name ends in "…" (it was cut mid-word), whole in its tooltip; its language stays
        self.reference_title = ElidedLabel()
        self.reference_title.setText("Choose a sign")
        title_font = QFont()
        title_font.setPointSize(15)
        title_font.setBold(True)
        self.reference_title.setFont(title_font)
        self.reference_title.setTextFormat(Qt.TextFormat.PlainText)  # a sign's name, whatever it holds
        # Two lines in the window's least size: the note of a mirrored reference wraps to two, and the
        # player below it overlapped its own buttons when the least size had room for one. In a short page
        # those two only, the rest in its tooltip (_fold_the_secondary_words).
        self.reference_note = never_widens(WrapsOrShortens(2))  # plain text: the sign's notes, as typed
        # Its bar in the controls' row: a row more took 20 px of the reference figure in a small window
        self.player = SkeletonPlayer(one_row=True)
        # Shorter than a player's usual least height in a small window (1000 x 520): the result under it
        # needed scrolling to show its correction's picture and the nearest signs.
        self.player.canvas.setMinimumHeight(REFERENCE_LEAST_HEIGHT)
        # The practice references are already signed with the learner's hand (reference_as_shown).
        self.player.follow_settings(self.context, references=False)
        self.player.set_message("Choose a sign to see its reference")
        # Growing with the window as the correction's picture does (FeedbackPicture): the two share the height
        # while a result's picture is shown, and the player has it all the rest of the time. Its least height
        # is its picture's, legend's and controls': a fixed one was less with a larger font, and Pause and
        # Speed were cut by the row below in the smallest window.
        self.player.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        # Under the clip played, when it was kept despite the clip check's warning; whole in a short page too
        # (one line ending in "…" there, what to do about it was in its tooltip): a rare note the figure
        # gives its lines to
        self.played_note = PlayedNote()
        # As wide for either words: the button beside it stays put as they change
        self.show_reference_button = wide_enough_for(QPushButton(), SHOW_PICTURE, SHOW_REFERENCE)
        self.show_reference_button.clicked.connect(self._show_reference_or_picture_asked)
        self.show_reference_button.setToolTip(with_its_key("The reference again", SHOW_THE_REFERENCE))
        self.replay_button = QPushButton("Replay my attempt with the reference")
        self.replay_button.setToolTip(with_its_key("Your attempt over the reference, slowed", REPLAY_ATTEMPT))
        self.replay_button.clicked.connect(self.replay_attempt)
        self.replay_button.setEnabled(False)
        player_buttons = QHBoxLayout()
        player_buttons.addWidget(self.show_reference_button)
        player_buttons.addWidget(self.replay_button)

        self.score_label = QLabel("–")
        self.score_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._size_the_score(SCORE_POINT_SIZE)
        self.score_label.hide()  # until a score comes (_show_result)
        # The verdict and the nearest signs name signs, any learner's: a long one widened the window
        self.verdict_label = never_widens(QLabel("Your score appears here after each attempt."))
        self.verdict_label.setTextFormat(Qt.TextFormat.RichText)
        # The verdict beside the score is what the learner reads first, larger than the correction under it
        # (it was the smaller of the two)
        verdict_font = QFont()
        verdict_font.setPointSize(VERDICT_POINT_SIZE)
        self.verdict_label.setFont(verdict_font)
        self.nearest_label = never_widens(QLabel())
        self.nearest_label.setTextFormat(Qt.TextFormat.RichText)
        self._nearest = ""  # all the nearest signs of the result shown (_show_nearest)
        self.feedback_label = never_widens(QLabel())
        self.feedback_label.setTextFormat(Qt.TextFormat.PlainText)  # may name another sign, as typed
        # For a result that looked more like another sign: plays that sign's clip in the reference player, in
        # one click (PlayedClips.look_alike). On the row of the sign's name, over the player it plays in, as
        # a lesson's result has it: under the correction it was a scroll away in a short page's result box
        self.compare_button = CompareButton()
        self.compare_button.clicked.connect(self._compare_or_back)  # its label says which
        title_row = QHBoxLayout()
        title_row.addWidget(self.reference_title, 1)
        title_row.addWidget(self.compare_button)
        # as tall with the button as without: the reference under it stays put as it comes and goes
        hints = (self.reference_title.sizeHint(), self.compare_button.sizeHint())
        self.reference_title.setFixedHeight(max(hint.height() for hint in hints))
        self.feedback_picture = FeedbackPicture()
        self.feedback_picture.hide()
        self._correction_pictured = False  # the result shown has a picture of its correction
        self._picture_in_reference_place = False  # a short page's (_place_the_picture)
        self._reference_asked = False  # since the result: the reference in its place, not the picture
        self._comparing = False  # the player plays the clip of the sign the result looked like
        score_row = QHBoxLayout()
        score_row.addWidget(self.score_label)
        score_row.addWidget(self.verdict_label, 1)
        result = QWidget()
        # The last result stays while the next attempt is under way, to be read (its correction is what to
        # try), faded part by part: beside "● Recording" it read as the new attempt's
        # (_mark_an_earlier_result). Above it in its box, at full strength, why the attempt after it was not
        # scored (_say_not_scored).
        self.not_scored_label = never_widens(QLabel())
        self.not_scored_label.setTextFormat(Qt.TextFormat.RichText)
        self.not_scored_label.hide()
        result_parts = (self.score_label, self.verdict_label, self.feedback_label, self.nearest_label)
        self.earlier_result_fades = [_faded_while_earlier(part) for part in result_parts]
        # and its picture, in the box or where a short page puts it, in the reference's place: figure by
        # figure, as each paints its whole canvas itself (WA_OpaquePaintEvent), which a fade of the picture
        # round them left at full strength
        picture = self.feedback_picture
        self.earlier_picture_fades = [
            _faded_while_earlier(part) for part in (picture.reference, picture.attempt, picture.unseen)
        ]
        self.earlier_compare_fade = _faded_while_earlier(
            self.compare_button
        )  # and its button over the player
        result_layout = self._result_layout = QVBoxLayout(result)
        result_layout.addWidget(self.not_scored_label)
        result_layout.addLayout(score_row)
        result_layout.addWidget(self.feedback_label)
        result_layout.addWidget(self.feedback_picture, 1)
        result_layout.addWidget(self.nearest_label)
        # The room a box held still has beyond its lines: the picture's when it is shown, else blank below
        # the nearest signs (kept for a hidden picture, it parted the correction from them by 110 px)
        result_layout.addStretch(0)

        # In a short window the result scrolls (laid out whole, the correction's wrapped lines were drawn over
        # its picture and cut): at its least height, the score and the first two lines of most corrections
        # are in sight, the rest, the picture and the nearest signs below them.
        # Measured in the fonts the page has now (a larger font chosen later was cut)
        def height(spacings: int, correction_lines: int, page_lines: int, picture: int = 0) -> int:
            margins = result_layout.contentsMargins()
            lines = correction_lines * self.feedback_label.fontMetrics().lineSpacing()
            lines += page_lines * self.fontMetrics().lineSpacing()
            around = spacings * result_layout.spacing() + margins.top() + margins.bottom()
            return score_row.sizeHint().height() + around + lines + picture

        # With room, as tall as a score, a four-line correction, its picture and two lines of nearest signs
        # from the start: the player and its controls above stay put from score to score (they jumped as
        # each came); a short page caps it (_share_the_column)
        self.result_box = ScrollsWhenShort(
            result,
            lambda: height(1, 2, 0),
            steady_height=lambda: height(3, 4, 2, self.feedback_picture.minimumHeight()),
        )
        self.result_box.setFrameShape(QFrame.Shape.StyledPanel)

        self.reference_panel = QWidget()
        layout = self._reference_column = QVBoxLayout(self.reference_panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(title_row)
        layout.addWidget(self.reference_note)
        layout.addWidget(self.player)
        layout.addWidget(self.played_note)
        layout.addLayout(player_buttons)
        layout.addWidget(self.result_box)
        # The style's room between the column's parts and around the result's words, for a tall page
        self._usual_room = (layout.spacing(), result_layout.contentsMargins().top())
        player_layout = self.player.layout()
        assert player_layout is not None  # the player's canvas, legend and controls
        self._player_layout = player_layout
        # The rows of buttons keep it in a short page too (they took the column's, Pause touching "Speed")
        for row in (player_buttons, score_row, *player_layout.findChildren(QHBoxLayout)):
            row.setSpacing(row.spacing())

    # -- signs
    def refresh_signs(self) -> None:
        """Fill the list from the database, keeping the current language filter and selection."""
        database = self.context.database
        # The language shown kept (its text: "All languages" stays so), the remembered one at first
        show_choices(
            self.language_box, *self.context.library.language_options(self.language_box.currentText() or None)
        )
        chosen_language = self.language_box.currentData()
        self.context.remember(language=chosen_language)
        signs = database.signs(self.search_box.text(), chosen_language)
        self.sign_list.blockSignals(True)
        self.sign_list.clear()
        names = sign_names([(sign.gloss, sign.language) for sign in signs])
        for sign, name in zip(signs, names, strict=True):  # in the order of the names shown
            # The name alone: "· 8 clips" on every row told the learner nothing, and a narrow list cut it
            # off without a "…" (the clips are counted where they are managed, in the Library)
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, sign.id)
            item.setData(NAME_ROLE, name)  # shortened in the middle when too long: its language stays
            item.setToolTip(name)
            self.sign_list.addItem(item)
            if sign.id == self.context.selected_sign_id:
                self.sign_list.setCurrentItem(item)
        self.sign_list.blockSignals(False)
        self._measure_the_names()
        search = self.search_box.text().strip()
        # An empty database says so (the heading, the reference's pane), not that the search left in the box
        # matched nothing: 'No sign matches "plea"' over "No signs yet"
        no_match = search and not signs and bool(database.signs())
        self.no_match_label.setText(
            no_match_words(search, self.language_box.currentText()) if no_match else ""
        )
        self.no_match_label.setVisible(bool(self.no_match_label.text()))
        if self.target is None and not self.attempts.under_way and not self.camera_problem:
            self._show_heading()  # what the list shows now

    def _measure_the_names(self) -> None:
        """Measure the list's longest row in the list's font now, and fit the list to it: as it is filled,
        and again when its font or screen changes (measured in the font it was filled in, a larger font
        chosen later cut names the list had the room to show whole)."""
        texts = [self.sign_list.item(row).text() for row in range(self.sign_list.count())]
        self._widest_name = max(map(self.sign_list.fontMetrics().horizontalAdvance, texts), default=0)
        self._fit_the_longest_name()

    def _fit_the_longest_name(self) -> None:
        """The list's pane as wide as its longest name (up to SIGN_LIST_MOST_WIDTH), the camera picture giving
        way as far as the camera's controls leave it room: in a small window the list had the least width of
        its pane, a sideways scroll bar and "deutschland (DGS)" cut off. Never wider than its pane:
        held wider, in a 1000-px window it ran out of the pane, its scroll bar and the names' ends cut off;
        there a longer name ends in "…" (its tooltip says it whole). Its rows measured as it was filled or its
        font changed (_measure_the_names), not again at each resize."""
        list_ = self.sign_list
        # the item's margins, the frame, and the room of the vertical scroll bar
        chrome = (
            2 * list_.frameWidth() + list_.verticalScrollBar().sizeHint().width() + 4 * list_.spacing() + 12
        )
        wanted = min(max(self._widest_name + chrome, SIGN_LIST_WIDTH), SIGN_LIST_MOST_WIDTH)
        names, camera, reference = self.splitter.sizes()
        spare = camera - self.camera_panel.minimumSizeHint().width()
        widened = min(wanted - names, spare)
        if widened > 0:
            self.splitter.setSizes([names + widened, camera - widened, reference])

    def _select_initial_sign(self) -> bool:
        """Choose the sign practised last (initial_sign_id): whether it is listed. None is chosen otherwise
        (the heading asks the learner to choose one)."""
        return self._select_by_itself(initial_sign_id(self.context), signed_last(self.context))

    def _select_by_itself(self, sign_id: int | None, signed_last_now: int | None) -> bool:
        """Choose ``sign_id``, not as the learner's choice, ``signed_last_now`` being the sign signed last:
        whether it is listed."""
        self._signed_last_when_chosen = signed_last_now
        for row in range(self.sign_list.count()):
            if self.sign_list.item(row).data(Qt.ItemDataRole.UserRole) == sign_id:
                self._choosing_by_itself = True
                try:
                    self.sign_list.setCurrentRow(row)
                finally:
                    self._choosing_by_itself = False
                return True
        return False

    def _on_sign_clicked(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is not None:
            self.context.select_sign(int(item.data(Qt.ItemDataRole.UserRole)))

    def _on_item_clicked(self, item: QListWidgetItem) -> None:
        # A click on the item already highlighted changes no current item: it must still open its sign.
        if item.data(Qt.ItemDataRole.UserRole) != self._loaded_sign_id:
            self._on_sign_clicked(item)

    def _on_sign_selected(self, sign_id: int | None) -> None:
        self._learner_chose |= not self._choosing_by_itself
        self._show_in_list(sign_id)
        self.load_sign(sign_id)

    def _show_in_list(self, sign_id: int | None) -> None:
        """Highlight the sign chosen, also from elsewhere (the library, a lesson, the map): the list's filter
        is cleared when it hides it, else the sign left stayed highlighted beside another one practised."""
        filtered = (self.search_box.text(), self.language_box.currentData())
        search, chosen = list_filter_showing(self.context.database, sign_id, *filtered)
        if (search, chosen) != filtered:
            for box in (self.search_box, self.language_box):
                box.blockSignals(True)
            self.search_box.setText(search)
            self.language_box.setCurrentText(chosen or ALL_LANGUAGES)
            for box in (self.search_box, self.language_box):
                box.blockSignals(False)
            self.refresh_signs()
        self.sign_list.blockSignals(True)
        self.sign_list.setCurrentRow(-1)  # none, unless the sign is listed
        for row in range(self.sign_list.count()):
            if self.sign_list.item(row).data(Qt.ItemDataRole.UserRole) == sign_id:
                self.sign_list.setCurrentRow(row)
        self.sign_list.blockSignals(False)

    def load_sign(self, sign_id: int | None, keep_result: bool = False) -> None:
        """Prepare scoring for the sign and play its reference (signed with the learner's hand).
        ``keep_result``: the result shown stays if it still holds (a Library edit that left the sign and
        its clips as they were); else it goes, and it is said why when that is not plain."""
        left_handed = self.context.settings.left_handed
        if sign_id != self._loaded_sign_id or left_handed != self._reference_left_handed:
            # signed for the sign left, or for the other hand: it must not be scored against this target
            self.drop_attempt()
        self._loaded_sign_id, self._reference_left_handed = sign_id, left_handed
        before, shown = self.practising, practice_sign(self.context, sign_id)
        self.practising = shown
        # Without a result, why the last one went is still said after a Library edit, not once another sign
        # is chosen
        why = before.result_after(shown) if self.attempts.result is not None else None
        if why is not None or not keep_result:
            self.attempts.forget(why or "")
        self.target = shown.target
        self.reference_title.setText(shown.title, shortened=shown.gloss)
        self.reference_note.setText(shown.note)
        self._show_result()  # of this sign's target and note: a result kept says them
        if shown.reference is not None:
            self.show_reference()
        else:  # never leave the last sign's reference playing under this sign's name
            self.player.set_message(shown.note or shown.title)
            self.played_note.say(None)
        self.show_reference_button.setEnabled(shown.reference is not None)
        if shown.target is not None:
            self.prefetch(shown.target)
        self._push_target()
        if not self.attempts.under_way and not self.camera_problem:
            self._show_heading()  # the prompt says whether this sign can be practised
        else:
            self._show_buttons()  # whether they can start an attempt for this sign

    def practise_against(self, target: ScoringTarget) -> None:
        """Score attempts against ``target`` (the app benchmark's own gallery of 10,000 clips), Start and
        raised hands following it as they follow a chosen sign's target."""
        self.target = target
        self._push_target()
        self._show_buttons()

    def _push_target(self) -> None:
        if self.worker is not None:
            self.worker.set_target(self.target)

    # -- context events
    def _on_database_changed(self) -> None:
        # Another database opened: why the last result was cleared is of a sign in the other one
        switched, self._database_shown = (
            self._database_shown is not self.context.database,
            self.context.database,
        )
        self.refresh_signs()
        self.load_sign(self.context.selected_sign_id, keep_result=not switched)

    def _on_model_changed(self, _encoder) -> None:
        # A pipeline worker keeps the model it started with: swapping its encoder while it may be scoring
        # could embed an attempt with the new model and compare it with the old model's references. The
        # camera restarts instead, with the new model and a target built for it.
        camera_was_running = self.worker is not None
        self.stop_camera()
        self.load_sign(self.context.selected_sign_id)
        if camera_was_running:
            self.start_camera()

    def _on_settings_changed(self, settings) -> None:
        self._follow_auto_start(settings.auto_start)  # ticked here or in the Settings dialog
        self.live_legend.setText(legend_html(ViewConvention.from_settings(settings)))
        if self._reference_left_handed != settings.left_handed:
            self.load_sign(self.context.selected_sign_id)  # the result, for the other hand, goes with it
        elif self.attempts.result is not None and self.attempts.result.score is not None:
            # The correction's picture in the view now chosen, as the camera and the reference turn: it kept
            # the last view until the next attempt, two conventions on screen at once
            self._show_feedback(self.attempts.result)

    # -- camera
    def connect_worker(self, worker: PipelineWorker) -> None:
        worker.frame_ready.connect(self._show_frame)
        worker.segment_event.connect(self._on_segment_event)
        worker.attempt_scored.connect(self._show_outcome)
        worker.camera_state.connect(self._on_camera_state)
        worker.failed.connect(self._on_camera_failed)
        worker.set_target(self.target)
        worker.set_auto_segmentation(
            self._hands_up_may_start()
        )  # not yet self.worker: _show_buttons skips it
        self.attempts.frame_phase(Phase.WAITING)  # a new camera thread: no attempt under way
        # nor the last camera's problem (only attempts not saved are still said): kept after a camera that
        # failed to start was replaced, it held the heading, "Press Space to start" over a new empty database
        self._on_camera_state(self._unsaved_said)

    def choose_camera(self) -> None:
        choose_camera(self.context, self)

    def _camera_failed_to_start(self, message: str) -> None:
        # The keyboard on a control under the picture (Start, tabbed to) as the no-camera panel takes their
        # place goes to the sign list: Qt gave it to the panel's "Use a video file…", and Space opened its
        # picker, the heading hidden with Start having said Space starts an attempt (as on Search)
        with keyboard_not_left_to_qt(self.live_part, self.sign_list):
            super()._camera_failed_to_start(message)

    def _on_camera_failed(self, message: str) -> None:
        self.camera_problem = message  # the no-camera panel says it (SigningView)

    def _on_camera_state(self, message: str) -> None:
        self.camera_problem = message
        if message:
            self.prompt_label.setText(unbroken_paths(message))
            self.prompt_label.setStyleSheet(f"color: {PROBLEM_COLOUR};")
            self._show_buttons()
        else:
            self._show_heading()

    # -- live view and attempts
    def toggle_attempt(self) -> None:
        """Space or the attempt button: what the button says (LiveAttempts)."""
        if self.isVisible() and self._may_start():
            self.start_or_stop_attempt()

    def start_countdown(self) -> None:
        if self.worker is not None and self._may_start() and self.attempts.can_press:
            self.worker.start_countdown()

    def space_is_promised(self) -> bool:
        """The heading says "Press Space to start" (or "…, or press Space") while a sign can be scored and the
        camera has no problem to say instead: a player button tabbed to took Space under it."""
        return self.target is not None and not self.camera_problem

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter presses the button the keyboard is on, Space being the attempt's (space_is_promised): a
        button outside a dialog leaves Enter to its page."""
        focused = QApplication.focusWidget()
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if (
            enter
            and isinstance(focused, QAbstractButton)
            and self.isAncestorOf(focused)
            and focused.isEnabled()
        ):
            focused.animateClick()
            return
        super().keyPressEvent(event)

    def _may_start(self) -> bool:
        """Whether an attempt may start or stop now: not with no sign to score it against (the heading says
        why: "Choose a sign to practise in the list"; Space recorded an attempt nothing would score)."""
        return self.target is not None or self.attempts.under_way

    def cancel_attempt(self) -> None:
        if self.worker is not None:
            self.worker.cancel_attempt()

    def _escape(self) -> None:
        """Esc: cancel the attempt under way, and leave the search box for the sign list, where Space starts
        an attempt."""
        self.cancel_attempt()
        if self.search_box.hasFocus():
            self._focus_the_sign_list()

    def _pick_the_sign_found(self) -> None:
        """Enter in the search box: practise the sign found (the first listed, unless the one chosen is
        listed), and leave the box for the list, where Space starts an attempt."""
        if self.sign_list.count():
            if self.sign_list.currentRow() < 0:
                self.sign_list.setCurrentRow(0)
            self._focus_the_sign_list()

    @staticmethod
    def _arrow_step(event: QEvent) -> int:
        """1 for the next sign found (Down pressed), -1 for the one before (Up), else 0."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return 0
        down, up = STEP_IN_THE_SIGNS_FOUND.keys
        return 1 if event.key() == down else -1 if event.key() == up else 0

    def _step_in_the_signs_found(self, step: int) -> None:
        """Down or Up in the search box: the next sign listed (the first, when the sign chosen is not listed)
        or the one before is chosen, and the keyboard goes on in the list, where Space starts an attempt: in
        the box, Down did nothing and Space typed a space under "Press Space to start"."""
        count = self.sign_list.count()
        if not count:
            return
        row = self.sign_list.currentRow()
        self.sign_list.setCurrentRow(0 if row < 0 else min(max(row + step, 0), count - 1))
        self._focus_the_sign_list()

    def _focus_the_sign_list(self) -> None:
        """The focus on the sign list, where Space starts an attempt and the arrows pick a sign."""
        self.sign_list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _choose_no_first_sign(self) -> None:
        """Before the sign list takes the focus with no sign chosen: Qt makes a list's first row current as
        it first gets the focus (since it was filled) for any reason but the mouse, which chose a sign the
        learner never asked for (Bier, on a first run; also as the window came back to the front). A current
        row set to none, even none, keeps Qt from it."""
        with QSignalBlocker(self.sign_list):
            self.sign_list.setCurrentIndex(QModelIndex())

    def _space_starts_from_the_search_box(self, event: QEvent) -> bool:
        """Whether ``event``, sent to the search box, is a Space that starts or stops an attempt rather than
        typing: one in an empty box (the heading says "Press Space to start": a Space typed there did
        nothing a learner could see), or one while an attempt is under way. A Space typed after a word
        searches for "thank you"."""
        return (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Space
            and (not self.search_box.text() or self.attempts.under_way)
        )

    def eventFilter(self, watched, event) -> bool:
        if (
            watched is self.sign_list
            and event.type() == QEvent.Type.FocusIn
            and self.sign_list.currentRow() < 0
        ):
            self._choose_no_first_sign()
        if watched is self.search_box:
            if self._space_starts_from_the_search_box(event):
                return True  # not taken by the box as text: the page's Space shortcut has it
            step = self._arrow_step(event)
            if step:
                self._step_in_the_signs_found(step)
                return True
            if event.type() == QEvent.Type.FocusIn and event.reason() not in LEARNERS_OWN_FOCUS:
                # The tab opened or the window came to the front, and Qt gave the page's first control the
                # focus: in the sign list instead, Space starts the attempt the heading asks for.
                self._focus_the_sign_list()
        return super().eventFilter(watched, event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        # Once Qt has placed the focus (after the page is shown): it gave it back to the control last focused
        # (3-2-1, a scroll bar), often without a visible frame, where typed letters went nowhere and Space
        # pressed that control. Only as the page arrives: the window restored from minimised shows it
        # again (a spontaneous show), where the learner's focus, in the search box say, stays.
        if not event.spontaneous():
            QTimer.singleShot(0, self, self._focus_on_arrival)
        self._fit_the_longest_name()  # the window may have been resized while another tab was shown
        if self.context.selected_sign_id is None:  # none chosen yet: a lesson's sign, signed since the start
            self._select_initial_sign()
        elif not self._learner_chose:
            last = signed_last(self.context)  # read once each time the tab is shown
            if last != self._signed_last_when_chosen:  # signed in a lesson since: it opened on the old one
                self._select_by_itself(last, last)

    def _focus_on_arrival(self) -> None:
        """The keyboard on the sign list as the page opens, where typed letters choose a sign and Space starts
        an attempt."""
        if self.isVisible():
            self._focus_the_sign_list()

    def _on_auto_toggled(self, enabled: bool) -> None:
        self.context.update_settings(auto_start=enabled)  # followed in _on_settings_changed, as from Settings

    def _follow_auto_start(self, enabled: bool) -> None:
        with QSignalBlocker(self.auto_box):  # already the setting: not saved again
            self.auto_box.setChecked(enabled)
        if not self.camera_problem:
            self._show_heading()  # it says how an attempt starts
        else:
            self._show_buttons()  # and whether raised hands start one

    def _show_frame(self, report: FrameReport) -> None:
        self.show_frame_picture(report)
        changed = self.show_tracking(report)
        changed |= self.attempts.frame_phase(report.phase)
        if changed and not self.camera_problem:
            self._show_heading()
        if self.worker is not None:
            self.worker.frame_shown(report)

    def _show_heading(self) -> None:
        """The heading above the camera and the attempt button, as the attempts are shown (LiveAttempts)."""
        if self.target is None:  # an attempt would not be scored: say why instead of inviting one
            waiting = self._why_nothing_is_scored()
        elif self.auto_box.isChecked():
            waiting = "Raise your hands to start signing, or press Space"
        else:
            waiting = "Press Space to start"
        self.show_heading(self.prompt_label, waiting)
        self._show_buttons()

    def _show_buttons(self) -> None:
        """The attempt's buttons as the attempts are shown: what Space does now, greyed while they can do
        nothing: the camera lost (Start stayed enabled, and a Space did nothing to be seen), or no sign to
        score an attempt against (_may_start: they looked enabled over an empty database); the last
        result faded while the next attempt is under way. Raised hands start one by the same rule as Start
        (with no sign chosen they recorded attempt after attempt, each "Choose a sign to practise first.",
        while Start was greyed)."""
        self.record_button.setText(self.attempts.button_text)
        can_press = self.attempts.can_press and self._may_start()
        # Greyed with the keyboard on it (the camera lost), it goes to the sign list: Qt passed it on to the
        # next control that takes it, "Start when my hands come up", which Space then ticked
        for button in (self.record_button, self.countdown_button):
            pressable_or_greyed(button, can_press, self.sign_list)
        if self.worker is not None:
            self.worker.set_auto_segmentation(self._hands_up_may_start())
        self._mark_an_earlier_result()

    def _hands_up_may_start(self) -> bool:
        return self.auto_box.isChecked() and self._may_start()

    def _mark_an_earlier_result(self) -> None:
        earlier = self.attempts.result_is_earlier
        for fade in (*self.earlier_result_fades, *self.earlier_picture_fades, self.earlier_compare_fade):
            fade.setEnabled(earlier)

    def _why_nothing_is_scored(self) -> str:
        """The prompt with no sign to score: the sign chosen cannot be scored, or none is chosen and the list
        says why (a search that matches none said "No signs to practise yet")."""
        if self._loaded_sign_id is not None:
            return CANNOT_SCORE_PROMPT
        if self.no_match_label.text():
            return self.no_match_label.text()
        return CHOOSE_A_SIGN_PROMPT if self.sign_list.count() else NO_SIGNS_PROMPT

    def _on_segment_event(self, event: SegmentEvent) -> None:
        if self.attempt_was_dropped(event):
            self.attempts.frame_phase(Phase.WAITING)  # the new sign's prompt, not "Attempt cancelled."
        else:
            self.attempts.event(event)
        self._show_heading()
        # An attempt thrown out is said in the result's box too, where the learner looks for what became of
        # it, until the next starts
        self._say_not_scored()
        if self.attempts.notice:
            self.notice_for_a_moment(self._notice_over)  # then the usual prompt again

    def _notice_over(self) -> None:
        if not self.camera_problem:
            self._show_heading()

    def _show_outcome(self, outcome: AttemptOutcome) -> None:
        if not outcome.is_for(self.target):
            # Signed for a sign the learner has left, or for the other hand (its scoring was under way when
            # another was chosen): neither shown under this sign's name nor saved, as an attempt dropped
            # unfinished is not.
            self.attempts.not_shown()
            self._mark_an_earlier_result()
            return
        self.attempts.scored(outcome)
        self._reference_asked = False  # a new result: its picture, if any, where the learner looks
        if not self.camera_problem:
            self._show_heading()  # no longer the notice of an attempt thrown out before this one
        self._show_result()
        # Each result opens at its score, wherever the last was read
        self.result_box.verticalScrollBar().setValue(0)
        if self.practising.reference_played(outcome) != self._reference_played:
            self.show_reference()  # the clip its correction names, or the sign's again
        # From the frame that ended the attempt to its result being on screen (painted on the next pass of
        # the event loop, a fraction of a millisecond later).
        self.last_latency_ms = 1000 * (time.perf_counter() - outcome.ended_at)
        log.debug(
            "attempt %.1f s, %d frames; result in %.0f ms (embedding, scoring and feedback %.0f ms)",
            outcome.pose.duration,
            len(outcome.pose),
            self.last_latency_ms,
            1000 * (outcome.scored_at - outcome.ended_at),
        )
        self.attempt_shown.emit(outcome)
        self.context.attempts_to_save.keep(outcome)
        QTimer.singleShot(0, self, self._save_attempts)  # once the score is painted

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._share_the_column()
        self._fit_the_longest_name()  # a wider window has room for the names

    def _share_the_column(self) -> None:
        """Share the reference column's height between the reference and the result box, as the page's
        height asks (SHORT_PAGE_HEIGHT): one share, whatever the result shown."""
        short = self.height() < SHORT_PAGE_HEIGHT
        self._size_the_score(SHORT_PAGE_SCORE_POINT_SIZE if short else SCORE_POINT_SIZE)
        self._close_up_the_column(short)
        if short:  # measured beside the score in its size
            most = int(RESULT_MOST_SHARE * self.height())
            box = min(self._words_height() + 2 * self.result_box.frameWidth(), most)
        else:
            box = NO_MOST_HEIGHT
        self._place_the_picture(short)
        self.result_box.setMaximumHeight(box)
        self.result_box.updateGeometry()

    def _close_up_the_column(self, short: bool) -> None:
        """A short page's reference column with little room above and below it, between its parts and
        around the result's words (SHORT_PAGE_SPACING): the reference has it. A tall one has the usual
        room, as the page is made. Only as the page turns short or tall: set again on every resize, the
        spacing laid the column out again each time, for nothing."""
        if short == self._short:
            return
        self._short = short
        self._fold_the_secondary_words()
        edge = SHORT_PAGE_MARGIN if short else PAGE_MARGIN
        self._page_layout.setContentsMargins(PAGE_MARGIN, edge, PAGE_MARGIN, edge)
        spacing = SHORT_PAGE_SPACING if short else self._usual_room[0]
        margin = SHORT_PAGE_RESULT_MARGIN if short else self._usual_room[1]
        for layout in (self._reference_column, self._player_layout):
            layout.setSpacing(spacing)
        self._result_layout.setContentsMargins(margin, margin, margin, margin)

    def _fold_the_secondary_words(self) -> None:
        """In a short page the reference figure takes the height of the words around it that matter less:
        the note under the sign's name on its two lines (whole in its tooltip), and the player's colour
        legend, while the camera's beside it says the same (one view convention on every view). At 1000 x 520
        the figure was 100-110 px tall, the hands hard to make out. The nearest signs take one line there too
        (_show_nearest). The rare note under a clip kept despite a warning stays whole: what to do about it
        was in a tooltip."""
        self.reference_note.shorten(self._short)
        self._show_nearest(self._nearest)
        camera_legend_shown = self.camera_stack.currentIndex() == 0
        self.player.legend.setVisible(not (self._short and camera_legend_shown))

    def _show_nearest(self, nearest: str) -> None:
        """The nearest signs under the correction; in a short page on one line, as many as fit (all of them in
        its tooltip): at 1000 x 520 their second line was a scroll away."""
        self._nearest = nearest
        label = self.nearest_label
        shortened = self._short and bool(nearest)
        if shortened:
            nearest = nearest_on_one_line(nearest, label.font(), label.contentsRect().width())
        if label.text() != nearest:  # set again on each resize
            label.setText(nearest)
        label.setToolTip(f"<qt>{self._nearest}</qt>" if shortened else "")  # rich text, as the label's

    def _words_height(self) -> int:
        """A short page's result box: the score beside a verdict of ``RESULT_VERDICT_LINES``, and a
        correction of ``RESULT_CORRECTION_LINES`` under them, in the fonts the page has now. The nearest
        signs' line has the room of a correction's last line: most take three."""
        layout = self._result_layout
        margins = layout.contentsMargins()
        verdict = RESULT_VERDICT_LINES * self.verdict_label.fontMetrics().lineSpacing()
        correction = RESULT_CORRECTION_LINES * self.feedback_label.fontMetrics().lineSpacing()
        score_row = max(verdict, self.score_label.sizeHint().height())
        return margins.top() + score_row + 2 * layout.spacing() + correction + margins.bottom()

    def _size_the_score(self, point_size: int) -> None:
        """The score in ``point_size`` bold, as wide as "100" in it, whatever score it shows: the verdict
        beside it does not move from score to score."""
        font = self.score_label.font()
        if font.pointSize() == point_size and font.bold():
            return  # a resize at the same size: the layout is left as it is
        font.setPointSize(point_size)
        font.setBold(True)
        self.score_label.setFont(font)
        width = self.score_label.fontMetrics().horizontalAdvance("100")
        self.score_label.setMinimumWidth(width + point_size // 2)  # and a little room on either side

    def _show_result(self) -> None:
        """The last result (LiveAttempts.result), or the place where the next one will appear."""
        outcome = self.attempts.result
        score = outcome.score if outcome is not None else None
        self.score_label.setText("–" if score is None else f"{score.score:.0f}")
        self.score_label.setHidden(score is None)
        self.score_label.setStyleSheet("" if score is None else f"color: {score_colour(score.score)};")
        if outcome is not None and score is None:  # its message says why (a correction that could not judge)
            chosen_but_not_scorable = self.target is None and self.context.selected_sign_id is not None
            self.verdict_label.setText(
                html.escape(
                    "This sign cannot be scored yet: " + self.reference_note.text()
                    if chosen_but_not_scorable and self.context.encoder is not None
                    else outcome.message
                )
            )
        if outcome is None or score is None:
            self.feedback_label.clear()
            self.compare_button.hide()
            self._show_picture(False)
            self._show_nearest("")
        else:
            verdict, nearest = result_words(score, self.context.database.sign_names())
            self.verdict_label.setText(verdict)
            self._show_feedback(outcome)
            self._show_nearest(nearest)
        # an attempt not judged replays too: it shows what the camera missed
        self.replay_button.setEnabled(self.attempts.replayable)
        self._say_not_scored()
        self._mark_an_earlier_result()

    def _say_not_scored(self) -> None:
        """Why the last attempt was thrown out (LiveAttempts.not_scored), in the result's box where the
        learner looks for its score: above the earlier result, said to be the earlier one's, or in its place.
        With the earlier score left alone in the box it read as the new attempt's."""
        why = self.attempts.not_scored
        said = f"<b>Not scored.</b> {html.escape(why)}" if why else ""
        earlier = self.attempts.result is not None
        self.not_scored_label.setText(f"{said} {EARLIER_RESULT_BELOW}" if said and earlier else "")
        self.not_scored_label.setVisible(bool(said) and earlier)
        if not earlier:
            cleared = html.escape(self.attempts.cleared_because)
            self.verdict_label.setText(said or cleared or "Your score appears here after each attempt.")

    def _save_attempts(self) -> None:
        self.context.attempts_to_save.save(self.context)

    def _say_unsaved(self, problem: str) -> None:
        """Attempts not saved (by this page or another), said until they are (unless a camera's problem took
        its place)."""
        still_said = bool(self._unsaved_said) and self.camera_problem == self._unsaved_said
        self._unsaved_said = problem
        if problem or still_said:
            self._on_camera_state(problem)

    def _show_feedback(self, outcome: AttemptOutcome) -> None:
        """The one main correction in words and, for a sign parameter, the picture of that moment."""
        feedback = outcome.feedback
        self.feedback_label.setText(feedback.message if feedback else "")
        self.compare_button.offer(outcome, self.practising.clips_played)
        self.feedback_picture.show_correction(outcome, ViewConvention.from_settings(self.context.settings))
        self._show_picture(not self.feedback_picture.isHidden())  # hidden: nothing to picture

    def _show_picture(self, pictured: bool) -> None:
        """Whether the result shown has a picture of its correction, shown where the page's height puts it."""
        self._correction_pictured = pictured
        self._show_reference_or_picture()

    def _place_the_picture(self, in_reference_place: bool) -> None:
        """The correction's picture in the reference's place (a short page: under the score and the
        correction, it was below the result box's fold), else under the correction (it grows with the
        room)."""
        if in_reference_place == self._picture_in_reference_place:
            return
        self._picture_in_reference_place = in_reference_place
        picture = self.feedback_picture
        column = self._reference_column
        (self._result_layout if in_reference_place else column).removeWidget(picture)
        if in_reference_place:
            column.insertWidget(column.indexOf(self.player) + 1, picture, 1)
        else:
            self._result_layout.insertWidget(self._result_layout.indexOf(self.feedback_label) + 1, picture, 1)
        self._show_reference_or_picture()

    def _show_reference_or_picture(self) -> None:
        """The correction's picture when there is one; in a short page, in the reference's place unless the
        learner asked for the reference since the result came, its button then offering the picture back."""
        in_place, pictured = self._picture_in_reference_place, self._correction_pictured
        picture_shown = pictured and not (in_place and self._reference_asked)
        self.feedback_picture.setVisible(picture_shown)
        self.player.setVisible(not (in_place and picture_shown))
        # While the other sign's clip plays, the way back is to the sign's own reference, in one click
        offers_picture = in_place and pictured and self._reference_asked and not self._comparing
        self.show_reference_button.setText(SHOW_PICTURE if offers_picture else SHOW_REFERENCE)

    def _show_reference_by_key(self) -> None:
        """The button's key, as the button (nothing while it is off: no reference to show)."""
        if self.show_reference_button.isEnabled():
            self._show_reference_or_picture_asked()

    def _show_reference_or_picture_asked(self) -> None:
        """The button under the reference: the reference again, or (a short page) the correction's picture
        back in its place."""
        if self.show_reference_button.text() == SHOW_PICTURE:
            self._reference_asked = False
        else:
            # Put in the picture's place only: a tall page shows both, and shrunk after this its picture
            # stayed away though the learner never chose so
            self._reference_asked = self._picture_in_reference_place
            self.show_reference()
        self._show_reference_or_picture()

    def show_reference(self) -> None:
        """Play the sign's reference, or the clip the result shown compares the attempt with
        (PracticeSign.reference_played)."""
        self._play_reference(self.practising.reference_played(self.attempts.result))

    def _compare_or_back(self) -> None:
        """Alt+C: the other sign's clip, or, while it plays, the sign's own reference again (as the lesson's
        button and key do; it played the other sign's clip again)."""
        if self._comparing:
            self._show_reference_or_picture_asked()  # as "Show reference" under the player, its label too
        else:
            self.compare_with_look_alike()

    def compare_with_look_alike(self) -> None:
        """Play the clip of the sign the result shown looked more like (PlayedClips.look_alike) in
        the reference player, where a short page's correction picture had its place; "Show reference"
        plays the sign's own again."""
        played = self.practising.clips_played.look_alike(self.attempts.result)
        if played is None:
            return
        self._play_reference(played)
        self._show_comparing(True)
        self._reference_asked = self._picture_in_reference_place
        self._show_reference_or_picture()

    def _play_reference(self, played: PlayedReference | None) -> None:
        """Loop ``played`` in the reference player (None: nothing to play)."""
        self._reference_played = played
        self._show_comparing(False)
        if played is not None:
            play_reference(self.player, played, self.context.settings)
        self.played_note.say(played)

    def replay_attempt(self) -> None:
        """The attempt of the result shown and its nearest reference overlaid, in step along the DTW
        alignment, slowed down."""
        outcome = self.attempts.result
        played = self.practising.reference_played(outcome)
        if outcome is None or outcome.feedback is None or outcome.reference is None or played is None:
            return
        replay_the_attempt(self.player, outcome, played.caption)
        self._reference_asked = self._picture_in_reference_place  # played in its place (a short page)
        self._show_comparing(False)
        self._show_reference_or_picture()

    def _show_comparing(self, comparing: bool) -> None:
        """Whether the player plays the clip of the sign the result looked like, its button then the way
        back (as a lesson's)."""
        self._comparing = comparing
        self.compare_button.show_comparing(comparing)

    def shutdown(self) -> None:
        """Stop the camera thread, its last attempt's result delivered (the main window calls this when
        closing, saves the attempts, then stops the background jobs, e.g. the reading of reference motion),
        then the player: that result may have started it again."""
        self.stop_camera_for_good()
        self.player.stop()
