"""Search by signing: sign in front of the camera (or pick a video or .pose file) and see the database's
nearest signs.

The query is embedded once by the current encoder and compared with the in-memory gallery of every clip's
cached embedding (:meth:`desktop_app.core.app.context.AppContext.gallery`); the encoder's shortlist of signs
is then ranked by the encoder and DTW together
(:meth:`desktop_app.core.judging.scoring.Gallery.hybrid_ranking`, each sign at its nearest clip). A
left-handed query needs no setting: the encoder and DTW compare a clip and its mirror image alike. Shown, the
chosen sign is signed with the learner's hand, as every reference is, and so is a file's signer, whose figure
is titled with the file's name; the learner's own signing is shown as it is
(:mod:`desktop_app.core.signing.view`). A file of more than one sign is searched by its first sign, and the
results say so (:mod:`desktop_app.core.judging.search`). Whether a video is a selfie recording is asked before
it is read, as an import asks it (:mod:`desktop_app.ui.selfie_question`), unless the learner answered it for
that file before, anywhere (:class:`desktop_app.core.signing.capture.SelfieAnswers`); a file named like a
video that is none is refused before that, when it is chosen. A .pose file whose signer lies on their side is
asked about once read, as an import asks it (:mod:`desktop_app.ui.upright_question`), and searched with turned
upright if so. Either question waits while another page is shown (the file was being opened or read as the
learner went to another tab): asked over that page, it read as that page's, and a learner who chose the file
expects its search to go on once they are back, not to be dropped. Every file that cannot be read is said one
way: in red above the results, which it clears.

The camera shows while the page does, so the learner can check their framing first, but takes a sign only
once asked, by Space or "Sign to search": with signs started by key, that press starts the sign and the next
stops it and searches; with signs started by raised hands, lowering them searches. While no camera starts,
the no-camera panel Practice shows takes the camera's place, and "Sign to search" is greyed, naming no key (as
it is while there are no signs to search among).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop_app.core.app.context import AppContext
from desktop_app.core.judging.scoring import Neighbour
from desktop_app.core.judging.search import (
    DATABASE_SWITCHED,
    SEARCH_AS_FILMED,
    SIGNS_CHANGED,
    RankedOn,
    SearchQuery,
    asks_if_selfie,
    load_query,
    nothing_to_search_among,
    refused_file,
)
from desktop_app.core.shared.palette import PROBLEM_COLOUR
from desktop_app.core.signing.capture import SelfieAnswers
from desktop_app.ui.camera_dialog import ANSWER_FIRST as USE_IT_FIRST
from desktop_app.ui.camera_dialog import CAMERA_VIDEO_TITLE, USE_IT
from desktop_app.ui.camera_status import NoCameraPanel, VideoQuestionWords
from desktop_app.ui.file_pickers import open_file
from desktop_app.ui.live_attempt_view import LiveAttemptView
from desktop_app.ui.live_camera import pressable_or_greyed
from desktop_app.ui.panes import (
    ElidedLabel,
    fill_with_panes,
    in_a_column,
    never_widens,
    rows_to_choose_from,
)
from desktop_app.ui.selfie_question import ask_if_selfie, first_frame
from desktop_app.ui.shortcuts import CANCEL_SEARCH
from desktop_app.ui.skeleton.canvas import side_by_side
from desktop_app.ui.skeleton.player import SkeletonPlayer
from desktop_app.ui.subscriptions import connect_while_alive
from desktop_app.ui.upright_question import ask_to_turn_upright
from desktop_app.ui.workers import Worker
from signcore.errors import InputError
from signcore.layout import PoseSequence
from signcore.signfolder import VIDEO_SUFFIXES
from signcore.words import breakable

RESULT_COUNT = 10
QUERY_PROMPT = "Your signing appears here"
RESULT_PROMPT = "The chosen sign's reference appears here"
ANSWER_FIRST = "Answer this question to search with the video."
SIGN_TO_SEARCH = "Sign to search (Space)"
# Greyed while no sign can be taken (no camera, no signs to search among), it names no key: Space does nothing
# then, and "(Space)" on it would invite a key the page says will not sign
NO_SIGN_TO_SEARCH = SIGN_TO_SEARCH.removesuffix(" (Space)")
# Not how to sign: only the line under the camera says that, as Space does it, so that two lines never
# tell it two ways
HOW_TO_SEARCH = "The nearest signs appear here: sign as said under the camera, or search with a file."
# Under the camera until the learner asks to sign, by whether raised hands start an attempt: the camera is on
# before that, so the framing can be checked, and Space takes the presses said here
UNTIL_ASKED = (
    "Check your framing, then press Space and sign: lowering your hands searches.",
    "Check your framing, then press Space, sign, and press Space again to search.",
)
# Said where the last results were once they no longer fit (after left-handed mode was turned on and
# signs imported, "The 10 nearest of 62 signs" stayed, the chosen sign now drawn with the other hand), as
# Practice clears its result when the hand changes
RESULTS_CLEARED = (
    "The last results were cleared, as {why}: sign again as said under the camera, or search with a file."
)
HAND_CHANGED = "you turned left-handed mode {on_or_off}"
# Under the camera while there is nothing to search among (said above the results): no word of Space, which
# does nothing beside the greyed "Sign to search"
NOTHING_TO_SIGN_FOR = (
    "Your camera picture: signing can be searched once there are signs to search among.",
) * 2
SIGN_NOW = "Sign now, then press Space again to search."  # the first Space started the sign
# Beside the no-camera panel (its ways to a picture: a video file, the camera again, another camera)
NO_CAMERA_WAYS_ON = "There is no camera picture to sign to, but you can still search with a file."
# "Sign to search" while the camera is open for a sign: one button, as Space, starts the sign, then ends it
# and the sign is searched. Never "Cancel" in its place (a second click meant as "stop" would throw the sign
# away), nor a greyed "Stop and search" beside a second start button (with raised hands off, the big button
# would do nothing to be seen).
START_SIGNING = "Start signing (Space)"
STOP_AND_SEARCH = "Stop and search (Space)"
CANCEL_SIGNING = "Cancel"  # beside it while the camera is open for a sign: the way out (Esc too)
# The results and the two players beside them need the room (with 3/5 for the camera their controls were
# cut). The camera keeps its third while the learner signs: widened then, it squeezed the results.
RESULTS_PANES = (1, 2)
# A result's row: its name and this many px above and below it (at the style's 30 px a row, 4½ of the ten
# were in sight in a 1000 x 520 window)
ROW_PADDING = 3
# The results in two columns, the most alike first down the first: in one column of ten under a header, the
# table took 220 px of a 1000 x 520 window and the figures under it were 133 px high (110 at 1000 x 460)
RESULT_COLUMNS = 2
# The figures' least height: each with its legend and controls under it, and the ten results above them,
# in a 1000 x 520 window (at the players' own 180 px the table was squeezed to four rows)
FIGURE_LEAST_HEIGHT = 110
RESULTS_BEFORE_FIGURES = 10  # the table's stretch against the figures' 1
RESULT_INDEX = Qt.ItemDataRole.UserRole  # a cell's result: its place in the results


def _rows_for(results: int) -> int:
    """The table's rows for ``results`` results in RESULT_COLUMNS columns."""
    return -(-results // RESULT_COLUMNS)


RESULT_ROWS = _rows_for(RESULT_COUNT)


def _results_table() -> QTableWidget:
    """The results, one sign a cell, numbered and named with its language ("1  hallo (DGS)"), down the
    first column then the second: read only, chosen one at a time. The line above says what they are: no
    header."""
    table = rows_to_choose_from([""] * RESULT_COLUMNS)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    table.horizontalHeader().setVisible(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 2 * ROW_PADDING)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    # No taller than its rows: the rest of the height goes to the figures below (a big window gave the
    # table two thirds, mostly empty, and the figures were a strip).
    table.setMaximumHeight(RESULT_ROWS * table.verticalHeader().defaultSectionSize() + 2 * table.frameWidth())
    return table


def _result_cell(rank: int, neighbour: Neighbour) -> QTableWidgetItem:
    """The cell of the ``rank``-th result (from 0), its whole name its tooltip where the cell cuts it."""
    cell = QTableWidgetItem(f"{rank + 1}  {neighbour.name}")
    cell.setToolTip(neighbour.name)
    cell.setData(RESULT_INDEX, rank)
    return cell


class LookedAt(NamedTuple):
    """A file chosen to search with, as looked at before it is read (:func:`_looked_at`)."""

    problem: str  # why it cannot be searched with ("": it may be)
    video: bool  # a video: whether it is a selfie recording is asked
    first_frame: QImage | None  # its first frame, for the question (None: its answer is known already)


def _looked_at(path: str, answers: SelfieAnswers) -> LookedAt:
    """The file ``path`` looked at (a job for a worker thread: a video is opened): why it cannot be searched
    with, and a video's first frame when the learner is to be asked about it (not asked again of a video
    whose answer ``answers`` holds)."""
    problem = refused_file(path)
    video = not problem and asks_if_selfie(path)
    asked = video and answers.answer(path) is None
    return LookedAt(problem, video, first_frame(Path(path)) if asked else None)


class SearchPage(QWidget):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.results: list[Neighbour] = []
        self.searched: SearchQuery | None = None  # the search on screen
        self._ranked_on: RankedOn | None = None  # what its results were ranked on
        self._searched_in = context.database  # the sign database of the search on screen
        self._searched_left_handed = context.settings.left_handed  # the hand its chosen sign is drawn with
        # The search on screen when "Sign to search" was pressed: hidden while the learner signs (under
        # "Press Start, sign…" it read as this sign's), back on Cancel
        self._search_before_signing: tuple[SearchQuery | None, list[Neighbour]] = (None, [])
        self.file_worker: Worker | None = None
        self._away = False  # another page is shown (hidden, not by minimising the window)
        # A file's question (selfie, or turned upright), come while the learner was away: asked, by this
        # call, once the page is shown again
        self._question_put_off: Callable[[], None] | None = None
        self.signing = False  # the camera is open for one sign
        self._nothing_to_search = ""  # why a search could find no sign (nothing_to_search_among), else ""
        self._said = ("", False)  # the top line and whether it is a problem
        self._said_before_signing = self._said  # put back when the signing is cancelled

        # The camera shows while the page does, so the learner can check their framing first, but takes a
        # sign only once asked, one at a time: moving about in front of the page must not start searches.
        self.live = LiveAttemptView(context)
        self.live.attempt_captured.connect(self._searched_by_signing)
        # "Sign to search" is its Start/Stop while the camera is open for a sign: its own button is not shown
        self.live.attempts.start_words, self.live.attempts.stop_words = START_SIGNING, STOP_AND_SEARCH
        self.live.toggle_button.hide()
        self.live.camera_failed.connect(self._camera_failed)
        # In the camera's place while it cannot start, with the ways on Practice offers (red words alone would
        # leave "Sign to search" looking pressable); a video chosen there is the camera
        self.no_camera = NoCameraPanel(
            context, video_question=VideoQuestionWords(CAMERA_VIDEO_TITLE, USE_IT, USE_IT_FIRST)
        )
        self.no_camera.buttons_in_a_column()
        self.no_camera.retry.connect(self._show_camera)
        self.camera_stack = QStackedWidget()
        self.camera_stack.addWidget(self.live)
        self.camera_stack.addWidget(self.no_camera)
        self.sign_button = QPushButton(SIGN_TO_SEARCH)
        self.live.space_presses = self.sign_button
        self.sign_button.setDefault(True)
        self.sign_button.clicked.connect(self._sign_or_stop)
        self.live.under_way_shown.connect(self._show_sign_button)
        self.live.thrown_out.connect(self._sign_thrown_out)
        self.cancel_button = QPushButton(CANCEL_SIGNING)
        self.cancel_button.setToolTip("Stop waiting for a sign (Esc); the last results come back")
        self.cancel_button.clicked.connect(self.cancel_signing)
        CANCEL_SEARCH.bind(self, self.cancel_signing)
        self.file_button = QPushButton("Search with a video or .pose file…")
        self.file_button.clicked.connect(self.choose_file)
        self.status = never_widens(QLabel())  # names the file searched with
        self._say(HOW_TO_SEARCH)
        self.table = _results_table()
        self.table.itemActivated.connect(lambda _item: self.practise_selected())
        self.practise_button = QPushButton("Practise this sign")
        self.practise_button.clicked.connect(self.practise_selected)
        self.query_preview = SkeletonPlayer()
        self.query_preview.follow_settings(context, references=False)  # the learner's own signing, or a file
        self.query_preview.set_message(QUERY_PROMPT)
        self.query_title = ElidedLabel()  # a file's name ends in “…”, whole in its tooltip
        self.query_title.setTextFormat(Qt.TextFormat.PlainText)  # a file's name, as it is
        self.query_preview.canvas.setMinimumHeight(FIGURE_LEAST_HEIGHT)
        self.result_preview = SkeletonPlayer()  # the chosen result's reference, to compare with
        self.result_preview.follow_settings(context, references=True)
        self.result_preview.set_message(RESULT_PROMPT)
        self.result_preview.canvas.setMinimumHeight(FIGURE_LEAST_HEIGHT)
        side_by_side(self.query_preview.canvas, self.result_preview.canvas)  # one corner for both close-ups
        self.table.itemSelectionChanged.connect(self._preview_chosen)
        self._build_layout()
        self._show_search(None, QUERY_PROMPT)
        self._show_signing(False)
        self._follow_what_to_search_among()
        connect_while_alive(self, context.events.camera_changed, self._say_camera_known_to_fail)
        connect_while_alive(self, context.events.settings_changed, self._follow_the_hand)
        connect_while_alive(self, context.events.database_changed, self._follow_the_signs)
        connect_while_alive(self, context.events.preparing_changed, self._follow_what_to_search_among)

    def _build_layout(self) -> None:
        sign_buttons = QHBoxLayout()
        sign_buttons.addWidget(self.sign_button, 1)
        sign_buttons.addWidget(self.cancel_button)
        left = in_a_column((self.camera_stack, 1), sign_buttons, self.file_button)
        # "Practise this sign" beside the chosen sign's title: in a row of its own under the results, it took
        # the height of a result in a small window
        chosen_title = QHBoxLayout()
        chosen_title.addWidget(QLabel("The chosen sign:"), 1)
        chosen_title.addWidget(self.practise_button)
        previews = QGridLayout()  # the titles in one row: the figures under them side by side, level
        previews.addWidget(self.query_title, 0, 0)
        previews.addLayout(chosen_title, 0, 1)
        previews.addWidget(self.query_preview, 1, 0)
        previews.addWidget(self.result_preview, 1, 1)
        previews.setRowStretch(1, 1)
        for column in (0, 1):
            previews.setColumnStretch(column, 1)
        # The room beyond what each needs goes to the results first, up to their ten rows, then to the figures
        # (shared evenly, a small window's table had four rows and a half)
        right = in_a_column(self.status, (self.table, RESULTS_BEFORE_FIGURES), (previews, 1))
        self.panes = fill_with_panes(self, left, right, stretch=RESULTS_PANES)
        # Clicked, a button leaves the focus where it was (reached with Tab, Space presses it): else "Sign to
        # search", clicked, turns into "Cancel" with the focus on it, and the Space asked for cancels.
        for button in self.findChildren(QPushButton):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def _show_signing(self, signing: bool) -> None:
        """The camera takes a sign only while the learner signs to search; meanwhile "Sign to search" starts
        and ends the sign as Space does, and Cancel beside it is the way out."""
        self.signing = signing
        self.cancel_button.setVisible(signing)
        self._show_sign_button()
        self._show_file_button()
        self.live.take_attempts(signing)

    def _show_file_button(self) -> None:
        # greyed while signing: its answer would land under the live sign's figure
        self.file_button.setEnabled(not self.signing and not self._nothing_to_search)

    def _show_sign_button(self, _under_way: bool = False) -> None:
        """ "Sign to search", naming Space only while a sign can be taken; while the camera is open for a
        sign, what it and Space do now, as the live view's attempts say it ("Start signing (Space)", "Stop
        and search (Space)"), pressable unless the camera is lost."""
        attempts = self.live.attempts
        may_sign = self._camera_shown() and not self._nothing_to_search
        waiting = SIGN_TO_SEARCH if may_sign else NO_SIGN_TO_SEARCH
        self.sign_button.setText(attempts.button_text if self.signing else waiting)
        self._let_sign(may_sign and (not self.signing or attempts.can_press))

    def _one_search_at_a_time(self, searching: bool) -> None:
        """While a file is read, no other search can start: the later answer would replace the earlier
        one's, or show under the other's figure."""
        self._let_sign(not searching and self._camera_shown() and not self._nothing_to_search)
        self.file_button.setEnabled(not searching and not self._nothing_to_search)

    def start_signing(self) -> None:
        """Take one sign from the camera, started and ended as the learner set it: by raised hands, or by
        this press (Space, or the button) and the next; the last search's results and figures give way to
        it until it is cancelled."""
        self._said_before_signing = self._said
        self._search_before_signing = (self.searched, self.results)
        self._forget_results(QUERY_PROMPT)
        self.live.start_camera()  # on while the page is shown: again after it could not start
        self._show_signing(True)
        if self.context.settings.auto_start:
            self._say(self.live.signing_hint())  # the words under the camera: they follow the setting
        else:  # this press starts the sign, and the next searches
            self.live.start_or_stop_attempt()
            self._say(SIGN_NOW)

    def _sign_thrown_out(self, _why: str) -> None:
        """The sign under way ended unsearched (a window opened over it, too short): the line under the camera
        says why, and the top line how to sign the next (it still said "Sign now, then press Space again to
        search", though Space now started a sign)."""
        if self.signing:
            self._say(self.live.signing_hint())

    def _sign_or_stop(self) -> None:
        """Sign to search; while signing, start the sign or end it (it then comes in and is searched), as
        Space does."""
        if not self.signing:
            self.start_signing()
        else:
            self.live.start_or_stop_attempt()

    def cancel_signing(self) -> None:
        """Stop waiting for a sign (the button, Esc, another tab): the last search comes back as it was."""
        if self.signing:
            self.stop_signing()
            searched, self.results = self._search_before_signing
            self._show_search(searched, QUERY_PROMPT)
            self._say(*self._said_before_signing)

    def _camera_failed(self, message: str) -> None:
        """Back to where the learner can search with a file, the no-camera panel saying why and offering the
        ways to a picture; the results of a search stay, said as they were."""
        if self.signing or self._said == (HOW_TO_SEARCH, False):
            self._say(NO_CAMERA_WAYS_ON, True)
        self._show_signing(False)
        self._show_no_camera(message)

    def _camera_shown(self) -> bool:
        return self.camera_stack.currentWidget() is self.live

    def _show_camera(self) -> None:
        """The live view in the camera's place (shown, it starts the camera: "Try again", a camera chosen)."""
        self.camera_stack.setCurrentWidget(self.live)
        self._show_sign_button()

    def _show_no_camera(self, problem: str) -> None:
        self.no_camera.say(problem)
        self.camera_stack.setCurrentWidget(self.no_camera)
        self._show_sign_button()  # greyed: no sign can be taken

    def _say_camera_known_to_fail(self, *_camera) -> None:
        """Before "Sign to search" is pressed, a camera known not to start (another page's try, a video file
        that is not there, a camera not attached) is said as pressing it would say it, the no-camera panel in
        its place: the page invited the learner to sign, and said that only once pressed. Said no longer once
        another camera is chosen."""
        problem = "" if self.signing else self.context.known_camera_problem()
        if problem:
            self._show_no_camera(problem)
        elif not self._camera_shown():
            self._show_camera()
        if self.signing or self._said not in ((HOW_TO_SEARCH, False), (NO_CAMERA_WAYS_ON, True)):
            return  # what a search said stays
        if problem:
            self._say(NO_CAMERA_WAYS_ON, True)
        elif self._said == (NO_CAMERA_WAYS_ON, True):
            self._say(HOW_TO_SEARCH)  # the view starts the camera chosen

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._away = False
        focused = QApplication.focusWidget()
        if focused is None or not self.isAncestorOf(focused):  # coming from another page
            self._keyboard_on_the_results()
        self._say_camera_known_to_fail()
        if self._question_put_off is not None:  # once the page is on screen: the question is asked over it
            QTimer.singleShot(0, self, self._ask_put_off_question)

    def _ask_put_off_question(self) -> None:
        put_off, self._question_put_off = self._question_put_off, None
        if put_off is not None:
            put_off()

    def _searched_by_signing(self, pose: PoseSequence) -> None:
        if not self.signing:  # on its way from the camera as the learner cancelled
            return
        self.stop_signing()
        self.search(SearchQuery.signed(pose))

    def stop_signing(self) -> None:
        """No more signs taken; the camera stays on, for the next."""
        self._show_signing(False)

    def event(self, event: QEvent) -> bool:
        # Cancel, tabbed to: Space presses it, not Start. (A key's event: none comes while __init__ builds the
        # page, before its live view is there.)
        if event.type() == QEvent.Type.ShortcutOverride and self.live.space_presses_a_control(event):
            return True
        return super().event(event)

    def _let_sign(self, may: bool) -> None:
        """ "Sign to search" pressable or greyed; greyed with the keyboard on it, the keyboard goes to the
        results, not to the next button (Qt's choice)."""
        pressable_or_greyed(self.sign_button, may, self.table)

    def _keyboard_on_the_results(self) -> None:
        """The keyboard on the results, where Space is the page's ("Sign to search"): left to Qt, it went to
        the first button it found ("Use a video file…", "Search with a video or .pose file…"), and Space
        opened a file picker while the page said Space signs."""
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self._away = not event.spontaneous()  # another page shown; a minimised window is not left
        self.cancel_signing()  # the view stops the camera; the words about signing must go too

    def _follow_the_hand(self, settings) -> None:
        if settings.left_handed != self._searched_left_handed:
            self._searched_left_handed = settings.left_handed
            self._clear_results(HAND_CHANGED.format(on_or_off="on" if settings.left_handed else "off"))

    def _follow_the_signs(self) -> None:
        if self._searched_in is not self.context.database:
            why: str | None = DATABASE_SWITCHED
        elif self._ranked_on is None:
            why = SIGNS_CHANGED
        else:
            why = self._ranked_on.stale_in(self.context.gallery())
        self._searched_in = self.context.database
        if why is not None:
            self._clear_results(why)
        self._follow_what_to_search_among()

    def _follow_what_to_search_among(self) -> None:
        """Signing and a file are offered only while there are signs to search among, else why not is said:
        over an empty database a sign was taken, and then "No sign is prepared for this sign model yet: try
        again in a moment."."""
        said_before, self._nothing_to_search = (
            self._nothing_to_search,
            nothing_to_search_among(self.context),
        )
        self.live.say_until_taken(NOTHING_TO_SIGN_FOR if self._nothing_to_search else UNTIL_ASKED)
        if self._nothing_to_search:
            self.cancel_signing()
            self._forget_results(QUERY_PROMPT)
            self._say(self._nothing_to_search)
        elif said_before and self._said == (said_before, False):
            self._say(HOW_TO_SEARCH)  # the signs came
        self._show_sign_button()
        self._show_file_button()

    def _clear_results(self, why: str) -> None:
        """The last search's results and figures gone, and ``why`` said in their place: they no longer fit
        the signs or the hand. Also the search that Cancel would bring back; a sign or a file under way is
        searched afresh when it comes. Said again with the new ``why`` when the results were cleared before
        (after a switch to another database, the other's "as more clips are now ready…" stayed)."""
        self._search_before_signing = (None, [])
        if self.signing:
            self._said_before_signing = (HOW_TO_SEARCH, False)
        elif self.searched is not None or self._said[0].startswith(RESULTS_CLEARED.partition("{why}")[0]):
            self._forget_results(QUERY_PROMPT)
            self.live.forget_said()  # its "Got it." was the sign searched with
            self._say(RESULTS_CLEARED.format(why=why))

    def search(self, query: SearchQuery) -> list[Neighbour]:
        """Rank the database's signs by their distance to the query's signing and show them."""
        pose = query.pose
        self.results, self._ranked_on = [], None
        encoder, gallery = self.context.encoder, self.context.gallery()
        refused = query.refused()
        if refused:  # said instead of ten signs near nothing; its figure shows what was seen
            self._say(refused, True)
        elif encoder is None:
            self._say("No sign model is loaded, so there is nothing to search with (see Settings).", True)
        elif gallery is None or len(gallery) == 0:
            self._say(nothing_to_search_among(self.context), True)
        else:
            try:
                embedding = encoder.embed(pose)
            except InputError as error:
                self._say(str(error), True)
            else:
                self.results = gallery.hybrid_ranking(embedding, pose).signs[:RESULT_COUNT]
                self._ranked_on = RankedOn.of(gallery)
                self._say(query.heading(len(self.results), len(set(gallery.sign_ids.tolist()))))
        self._show_search(query, QUERY_PROMPT)
        return self.results

    def _say(self, text: str, problem: bool = False) -> None:
        self._said = (text, problem)
        self.status.setText(breakable(text))  # a file's long name wraps with the rest
        self.status.setStyleSheet(f"color: {PROBLEM_COLOUR};" if problem else "")

    @property
    def query(self) -> PoseSequence | None:
        """The signing searched with, on screen."""
        return self.searched.pose if self.searched is not None else None

    def _forget_results(self, query_message: str, signer: str = "You") -> None:
        """No results and no signing on screen (``query_message`` in its place, under ``signer``'s name): a
        new search's, or a failed one's, must not stand under the last search's (the file's error showed
        above the last results and the last "You:" figure)."""
        self.results = []
        self._show_search(None, query_message, signer)

    def _show_search(self, query: SearchQuery | None, message: str, signer: str = "You") -> None:
        """``query``'s signing beside :attr:`results` (None: ``message`` instead, under ``signer``'s name).
        Both figures start together and at the sign (the player plays a clip's sign only): the query's
        handless frames before it (the pre-roll) played first, and its figure stood still for that long
        beside the chosen sign's. A file's signer is shown signed with the learner's hand, as the chosen sign
        is (one rule for the chosen sign, whoever searched); the learner's own signing, as it is."""
        self.searched = query
        self.query_title.setText(f"{query.signer if query is not None else signer}:")
        self.query_preview.references = query is not None and bool(query.file_name)
        self.query_preview.set_clip(self.query, message)
        self._show_results()

    def _show_results(self) -> None:
        """The results listed, the first chosen and previewed: previewed here, as the first row often was
        chosen already (no change of selection), and the last search's reference stayed beside the new
        signing."""
        self.table.blockSignals(True)
        self.table.clearContents()
        rows = _rows_for(len(self.results))
        self.table.setRowCount(rows)
        for rank, neighbour in enumerate(self.results):
            self.table.setItem(rank % rows, rank // rows, _result_cell(rank, neighbour))
        if self.results:
            self.table.setCurrentCell(0, 0)
        self.table.blockSignals(False)
        self._preview_chosen()

    def chosen(self) -> Neighbour | None:
        """The result chosen in the table, if any."""
        cells = self.table.selectedItems()
        return self.results[cells[0].data(RESULT_INDEX)] if cells else None

    def _preview_chosen(self) -> None:
        chosen = self.chosen()
        # Not on the empty cell of an odd number of results, which can be selected too
        self.practise_button.setEnabled(chosen is not None)
        if chosen is None:
            self.result_preview.set_clip(None, RESULT_PROMPT)
            return
        try:
            database = self.context.database
            clips = database.clips(chosen.sign_id)
            if clips:
                pose, hand = self.context.reference_clip(clips[0])
                self.result_preview.set_clip(pose, signed_with=hand)
            else:
                self.result_preview.set_clip(None)
        except InputError as error:  # deleted or unreadable since the search
            self.result_preview.set_clip(None, str(error))

    def choose_file(self) -> Worker | None:
        """Pick a file and search with it; a video once the learner has said whether it is a selfie recording
        (the camera's setting is no answer: a file is not the camera). The file is first looked at on a
        worker thread (:func:`_looked_at`): opened on the GUI thread, a big video froze the window."""
        suffixes = " ".join(f"*{suffix}" for suffix in (".pose", *VIDEO_SUFFIXES))
        path = open_file(self, self.context, "Search with a file", f"Signing ({suffixes})")
        if not path:
            return None
        said = self._said  # said again if the selfie question is cancelled
        self._question_put_off = None  # another file chosen: the one before is not wanted
        opening = f"Opening {Path(path).name}…"
        self._say(opening)
        if self.searched is None:  # no signing on screen: a file that failed before said so under "Opening"
            self._forget_results(opening, Path(path).name)
        self._one_search_at_a_time(True)
        answers = self.context.selfie_answers  # not asked again of a video just imported
        worker = Worker(lambda _control: _looked_at(path, answers))
        worker.finished_with.connect(lambda looked: self._file_looked_at(path, looked, said))
        worker.failed.connect(self._file_not_looked_at)
        self.file_worker = worker
        worker.start()
        return worker

    def _file_looked_at(self, path: str, looked: LookedAt, said: tuple[str, bool]) -> None:
        """Refuse the file looked at, with why, or ask the selfie question of a video and search with it
        (cancelled: what was ``said`` before is said again). A question is put off while another page is
        shown, the page still "Opening" the file, and asked once it is shown again."""
        asks = looked.video and self.context.selfie_answers.answer(path) is None
        if asks and self._away:
            self._question_put_off = partial(self._file_looked_at, path, looked, said)
            return
        self._one_search_at_a_time(False)
        if (
            looked.problem
        ):  # said where and as a file that cannot be read is (it was a dialog for a video only)
            self._file_failed(looked.problem)
            return
        video_is_selfie: bool | None = False  # a .pose file: its landmarks are read as they are
        if looked.video:
            title = f"Search with {Path(path).name}"
            answers = self.context.selfie_answers
            video_is_selfie = ask_if_selfie(
                Path(path), title, "Search", ANSWER_FIRST, self, answers, looked.first_frame
            )
        if video_is_selfie is None:  # the question was cancelled: the page as it was, the file not opened
            self._say(*said)
            if self.searched is None:
                self._forget_results(QUERY_PROMPT)
        else:
            self.search_file(path, video_is_selfie)

    def _file_not_looked_at(self, message: str) -> None:
        self._one_search_at_a_time(False)
        self._file_failed(message)

    def search_file(self, path: str, video_is_selfie: bool) -> Worker:
        """Read (or extract) the file's landmarks in the background, then search with them
        (``video_is_selfie``: the learner's answer for a video)."""
        self._say(f"Reading {Path(path).name}…")
        self.live.forget_said()
        self._forget_results(f"Reading {Path(path).name}…", Path(path).name)
        self._one_search_at_a_time(True)
        # The file's tracking and the camera's would share the cores (two on a small laptop): the camera
        # rests while the file is read (not signing: the file button waits for the sign), another tab and
        # back too
        self.live.resting = True
        self.live.stop_camera()
        worker = Worker(lambda control: load_query(path, video_is_selfie, control))
        worker.progress.connect(lambda done, total, text: self.status.setText(text))
        worker.finished_with.connect(lambda query: self._file_read(path, query))
        worker.failed.connect(self._file_failed)
        worker.finished.connect(lambda: self._one_search_at_a_time(False))
        worker.finished.connect(self._camera_back_after_the_file)
        self.file_worker = worker
        worker.start()
        return worker

    def _camera_back_after_the_file(self) -> None:
        self.live.resting = False
        if self.isVisible() and self._camera_shown():  # else the no-camera panel's "Try again" starts it
            self.live.start_camera()

    def _file_read(self, path: str, query: SearchQuery) -> None:
        """Search with the file read, turned upright first if its signer lies on their side and the learner
        says so (searched as filmed, such a clip matched none of the upright signs). The question waits, as
        the selfie question does, while another page is shown, the page still "Reading" the file."""
        sideways = {path: query.turns_to_upright} if query.turns_to_upright else {}
        if sideways and self._away:
            self._question_put_off = partial(self._file_read, path, query)
            return
        if sideways and ask_to_turn_upright(self, sideways, SEARCH_AS_FILMED):
            query = query.turned_upright()
        self.search(query)

    def _file_failed(self, message: str) -> None:
        self._say(message, True)
        self._forget_results("Nothing to search with: the file could not be read (see above)")

    def practise_selected(self) -> None:
        chosen = self.chosen()
        if chosen is not None:
            self.context.select_sign(chosen.sign_id)
