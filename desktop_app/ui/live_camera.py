"""The base of every view with a live camera picture (practice, review sessions, recording, search).

The camera runs only while such a view is shown and wants it, so two views never compete for the device,
and it always opens the context's camera in use (:attr:`AppContext.camera`), restarting when that changes;
its pictures follow the mirror setting as it changes.
A view subclasses :class:`LiveCameraView`, puts :attr:`video_label` in its layout and connects the worker's
signals in :meth:`connect_worker`. When what an attempt is for changes (another sign, the next step of a
session), the view drops the attempt under way (:meth:`drop_attempt`), else it was scored against the new one.
Each view's attempts, as the learner sees them, are its :attr:`~LiveCameraView.attempts`; the heading above
its picture says them through :meth:`~LiveCameraView.show_heading` (practice and a lesson's "sign it" step
alike).

Every view watches whether its camera's picture looks turned on its side (:class:`UprightWatch`) and says
so once over the top of its picture (:class:`TurnedCameraNote`), with a button that turns it upright. A
camera in use turned (that button, the camera chooser trying a turn) turns the running camera's next
pictures without a restart; its pictures go to the camera chooser's preview too (:func:`live_pictures`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollBar,
    QSizePolicy,
    QWidget,
)

from desktop_app.core.app.context import AppContext, CameraInUse
from desktop_app.core.judging.live_attempts import (
    ATTEMPT_LEFT_WITH_THE_PAGE,
    ATTEMPT_STOPPED_MINIMISED,
    LiveAttempts,
)
from desktop_app.core.shared.palette import BLUE, RED
from desktop_app.core.shared.settings import Settings
from desktop_app.core.signing.capture import make_source
from desktop_app.core.signing.session import Phase, SegmentEvent
from desktop_app.core.signing.upright import NOT_NOW, TURN_IT, UprightWatch, turned_camera_words
from desktop_app.ui.pipeline import FrameReport, PipelineWorker
from desktop_app.ui.subscriptions import connect_while_alive
from desktop_app.ui.workers import Worker
from signcore.words import breakable

if TYPE_CHECKING:
    from desktop_app.core.judging.practice import ScoringTarget

HEADING_COLOURS = {"recording": RED, "countdown": BLUE}  # by Heading.kind; others plain
WORDS_MARGIN = 12  # px between the words said on the live picture, or in its place, and its edges
NOTICE_MS = 3000  # how long a passing notice ("Too short") stays before the view's own heading returns
# A live picture's least size. 240 px high (the record window's 300), the practice and search pages needed a
# window 429 and 471 px high: more than a small laptop leaves one under its title bar and panel (~440). The
# picture keeps its shape, smaller; a window with the room gives it more.
PICTURE_LEAST_SIZE = (320, 200)
CAMERA_AWAITED = "Waiting for the camera to come back…"  # over its last picture, greyed, while it is lost


def space_presses_the_focused_control(event: QEvent) -> bool:
    """Let Space on a button or list box the learner has tabbed to press it, as everywhere else, instead of
    a live view's Space shortcut (without it, Space does nothing on any button of the view): True when
    ``event`` was that Space, now accepted. For the ``event()`` of a widget holding a live view's controls."""
    if (
        event.type() == QEvent.Type.ShortcutOverride
        and isinstance(event, QKeyEvent)
        and event.key() == Qt.Key.Key_Space
        and isinstance(QApplication.focusWidget(), (QAbstractButton, QComboBox))
    ):
        event.accept()
        return True
    return False


@contextmanager
def keyboard_not_left_to_qt(part: QWidget, keyboard_to: QWidget) -> Iterator[None]:
    """The keyboard on ``part`` (or a control in it) as the body greys or hides it goes to ``keyboard_to``,
    where Space is the page's: left to Qt, it went to the next button, a no-camera panel's "Use a video
    file…", and Space opened a file picker while the page said Space did something else."""
    focused = QApplication.focusWidget()
    held = focused is not None and (focused is part or part.isAncestorOf(focused))
    yield
    if held and QApplication.focusWidget() is not focused:  # Qt moved it on
        keyboard_to.setFocus(Qt.FocusReason.OtherFocusReason)


def pressable_or_greyed(control: QWidget, pressable: bool, keyboard_to: QWidget) -> None:
    """``control`` pressable or greyed, the keyboard on it greyed going to ``keyboard_to``
    (:func:`keyboard_not_left_to_qt`)."""
    with keyboard_not_left_to_qt(control, keyboard_to):
        control.setEnabled(pressable)


class LivePictures(QObject):
    """The pictures every live view shows of the camera, as they are shown: the camera chooser's preview
    shows them while a view behind it has the camera."""

    shown = Signal(QPixmap)


_live_pictures: LivePictures | None = None


def live_pictures() -> LivePictures:
    global _live_pictures
    if _live_pictures is None:
        _live_pictures = LivePictures()
    return _live_pictures


class LiveCameraView(QWidget):
    watches_upright = True  # says when the camera's picture looks turned on its side (the preview does not)

    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.worker: PipelineWorker | None = None
        self._camera_seen = context.camera  # the camera in use, as last announced: what a change changes
        self.attempts = LiveAttempts()  # as shown: what Space and the button do, what the heading says
        self.video_label = PictureOrWords("Starting the camera…")  # as large as the layout allows
        self._dropping_attempt = False  # the worker was told to drop its attempt: its "discarded" is ours
        # Made before the view filters the picture's events: a subclass's filter runs before its __init__ ends
        self.upright = UprightWatch()  # whether the camera's picture looks turned on its side
        self.turned_note = TurnedCameraNote(self.video_label)
        self.turned_note.turn_button.clicked.connect(self._turn_upright)
        self.turned_note.not_now_button.clicked.connect(self._not_now)
        self.upright.events.suggestion_changed.connect(self._say_turned)
        self.make_notes_over_the_picture()
        # The picture is made to fit the label: follow the label's own size, which the page's layout may
        # change without the view changing (the search results' column took width from it, and the picture,
        # still made for the old width, was cut at both sides).
        self.video_label.installEventFilter(self)
        self._picture: QPixmap | None = None  # the last camera picture shown, as the worker made it
        self._frame: FrameReport | None = None  # the frame it is of (None: a picture given as it is)
        self._untracked: QPixmap | None = None  # that frame without its skeleton, once asked for
        self.camera_off_words = "The camera is off"  # over the last picture, or instead of it, once stopped
        self._prefetch_job: Worker | None = None  # preparing what an attempt at the sign on screen needs
        # the learner left the view (another tab, the window minimised) while recording, not back yet
        self._left_recording = False
        self._covered = False  # a modal dialog covers the view (follow_dialogs)
        # notice_for_a_moment's, while the view is left or covered: its moment starts once it is seen
        self._notice_once_shown: Callable[[], None] | None = None
        connect_while_alive(self, context.events.camera_changed, self._on_camera_changed)
        connect_while_alive(self, context.events.settings_changed, self._follow_the_mirror_setting)

    # -- the keyboard: Space starts and stops an attempt (the views' shortcut), except on a control while
    # none is under way. During one, Space does what the attempt's button says, wherever the focus is: a
    # control tabbed to earlier kept it (its frame hidden since a click, which leaves the focus where it is),
    # and Space pressed "3-2-1" again, the countdown going on under "Cancel (Space)". So it does while
    # the heading says Space starts one (space_is_promised).
    def event(self, event: QEvent) -> bool:
        if self.space_presses_a_control(event):
            return True
        return super().event(event)

    def space_presses_a_control(self, event: QEvent) -> bool:
        """Whether ``event`` is a Space that presses the control the keyboard is on (then accepted): not while
        Space is the attempts' (one under way, or promised by the heading). Asked too by the window or page
        holding the view for a control of its own (the record window's Close, search's Cancel): there a
        Space meant to stop the recording pressed the button tabbed to instead."""
        space_is_the_attempts = self.attempts.under_way or self.space_is_promised()
        return not space_is_the_attempts and space_presses_the_focused_control(event)

    def space_is_promised(self) -> bool:
        """Whether the heading says Space starts an attempt now: then it does, wherever the focus is."""
        return False

    def keep_focus_on_click(self) -> None:
        """Clicking one of the view's controls leaves the keyboard focus where it was (the sign list, the
        session's main button), so Space still starts the attempt after "Show reference" was clicked; the
        controls are still reached with Tab. Called once the view's controls are built."""
        controls = (QAbstractButton, QComboBox, QAbstractSlider)  # a player's position bar too
        for control in (found for kind in controls for found in self.findChildren(kind)):
            # Not a list's or a box's scroll bar, which the style's own keep out of the Tab order: a Tab stop,
            # it held the keyboard with no frame shown, typed letters and Space going nowhere
            if not isinstance(control, QScrollBar):
                control.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def make_notes_over_the_picture(self) -> None:
        """Make the view's own notes over its picture (children of :attr:`video_label`), before the view
        filters the picture's events: each note made sends the picture a ChildAdded, through a subclass's
        filter, which ran before the subclass had made what it looks at."""

    # -- what a view decides
    def wants_camera(self) -> bool:
        """Whether showing the view starts the camera (e.g. not between a session's steps)."""
        return True

    def scores_attempts(self) -> bool:
        """Whether the worker embeds attempts (with the context's encoder) or only captures them."""
        return True

    def connect_worker(self, worker: PipelineWorker) -> None:
        """Connect the new worker's signals to the view, before it starts."""

    def prefetch(self, target: ScoringTarget) -> None:
        """Prepare what an attempt scored against ``target`` needs in the background, once its sign is on
        screen (:meth:`ScoringTarget.prefetch`), so that its first attempt is scored as fast as the next
        ones (a failure there only means the attempt computes it itself); one target's at a time."""
        if self._prefetch_job is not None:
            self._prefetch_job.cancel()
        self._prefetch_job = Worker(target.prefetch, database=self.context.database)
        self._prefetch_job.start()

    # -- the learner's own start and stop
    def start_or_stop_attempt(self) -> None:
        """Space or the attempt button: what the view's attempts, as shown, say it does now
        (:meth:`LiveAttempts.press`). Decided by what the learner sees, not by the camera thread's state a
        moment later: a Stop pressed as an attempt ended by itself started a new one there."""
        action = self.attempts.press()
        if self.worker is not None:
            if action == "stop":
                self.worker.stop_attempt()
            elif action == "start":
                self.worker.start_attempt()

    # -- the heading above the picture
    def show_heading(self, label: QLabel, waiting: str) -> None:
        """Say in ``label`` what the attempts show now (:meth:`LiveAttempts.heading`), in the colour of what
        it says; ``waiting``: the view's own words while no attempt is under way."""
        heading = self.attempts.heading(waiting)
        label.setText(heading.text)
        colour = HEADING_COLOURS.get(heading.kind)
        label.setStyleSheet(f"color: {colour};" if colour else "")

    def notice_for_a_moment(self, then: Callable[[], None]) -> None:
        """The attempts' notice (an attempt thrown out, one stopped at the limit) is said for NOTICE_MS; then,
        unless another was said since, ``then`` shows the view's own heading again. Said of an attempt left
        with the view (another tab chosen) or stopped by a dialog opened over it, its moment starts once the
        view is shown again, or the dialog gone: it was over before the learner came back."""
        if self._left_recording or self._covered:
            self._notice_once_shown = then
            return
        notice = self.attempts.notice

        def over() -> None:
            if self.attempts.notice_over(notice):
                then()

        if notice:
            QTimer.singleShot(NOTICE_MS, self, over)

    # -- an attempt that no longer applies
    def _on_segment_event(self, event: SegmentEvent) -> None:
        """A segment event of the worker's, or the view's own (:meth:`hideEvent`). The views that say how an
        attempt ended (practice, a lesson's step) say it; here, only none is under way any more (search
        goes back to its last results when left)."""
        self.attempts.frame_phase(Phase.WAITING)

    def drop_attempt(self) -> None:
        """Forget an attempt under way: it belongs to what the learner just left (a session's step skipped
        or answered, another sign chosen). Kept, it ended later and was scored against what came next."""
        if self.worker is not None:
            self.worker.cancel_attempt()
            self._dropping_attempt = True

    def attempt_was_dropped(self, event) -> bool:
        """Whether the worker's segment ``event`` is the end of the attempt :meth:`drop_attempt` dropped:
        the view then keeps its own prompt rather than "Attempt cancelled.". Ask it of every segment event."""
        dropped, self._dropping_attempt = self._dropping_attempt, False
        return dropped and event.kind == "discarded"

    # -- the camera's life
    def start_camera(self) -> None:
        if self.worker is not None:
            return
        camera = self.context.camera
        source = make_source(camera.source, camera.video_is_selfie)
        encoder = self.context.encoder if self.scores_attempts() else None
        # No Qt parent: the view must not take a still-running thread down with it (see PipelineWorker.stop).
        worker = PipelineWorker(
            source, encoder, mirror_display=self.context.settings.mirror_display, turns=camera.turns
        )
        worker.set_display_size(self.video_label.width(), self.video_label.height())
        worker.camera_state.connect(self._camera_lost_or_back)
        worker.failed.connect(self._camera_failed_to_start)  # before the view's own slots: known by then
        if self.watches_upright:
            worker.frame_ready.connect(self._watch_upright)
        worker.frame_ready.connect(self.follow_dialogs)
        self.upright.restart(dismissed=self.context.turned_note_put_off)
        self.attempts.new_camera()
        self.connect_worker(worker)
        self.worker = worker
        self.video_label.setText(f"Starting {source.description}…")
        worker.start()

    def stop_camera(self) -> None:
        worker, self.worker = self.worker, None
        self._covered = False  # followed with the camera's pictures: none come now
        if worker is not None:
            self.upright.restart()  # its message was about the pictures of the camera stopped
            worker.stop()
            self.context.camera_showing = False
            if self._shows_picture():
                self._show_last_picture()  # greyed: the camera is off
            else:
                self.video_label.setText(self.camera_off_words)

    def stop_camera_for_good(self) -> None:
        """Stop the camera as the window closes or a session is left, and take what it reported before its
        thread ended: an attempt it was still scoring. Its thread ends only once that is scored (a bounded
        wait, the window already hidden), but its result reaches the view through the event loop, which
        closing the window ends, and after a session has left its step: the attempt the learner had just
        finished was never saved."""
        self.stop_camera()
        QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)

    def _camera_lost_or_back(self, problem: str) -> None:
        """A camera lost is no longer shown: a look for cameras must open it to find out whether it is
        there (back, it is shown again with its first picture). Nothing can be recorded until it is back
        (:attr:`LiveAttempts.can_press`), and its last picture is greyed: it looked live, the skeleton drawn
        on it. Connected before the view's own slots, which then show the attempts as they are."""
        self.attempts.camera_state(problem)
        if problem:
            self.context.camera_showing = False
            if self._shows_picture():
                self._show_last_picture()

    def _camera_failed_to_start(self, message: str) -> None:
        """Noted on the context: the views that have not tried it yet say so before they do."""
        self.context.camera_failure = message

    def restart_camera(self) -> None:
        self.stop_camera()
        self.start_camera()

    def _on_camera_changed(self, camera: CameraInUse) -> None:
        before, self._camera_seen = self._camera_seen, camera
        if (camera.source, camera.video_is_selfie) == (before.source, before.video_is_selfie):
            # Only turned: never a camera started for it (one that failed stays stopped until "Try again");
            # a camera started later is turned so, from the context's camera in use
            if self.worker is not None:
                self._turn_picture(camera)
            return
        if self.worker is not None or (self.isVisible() and self.wants_camera()):
            self.restart_camera()  # also after a camera that failed: the new one is tried at once

    def _follow_the_mirror_setting(self, settings: Settings) -> None:
        """A running camera's next pictures shown as the mirror setting now says, on every live view: only
        Practice's followed it, and a lesson's "sign it" step (or search) showed the old view until its
        camera restarted, the reference and the result beside it already in the new one."""
        if self.worker is not None:
            self.worker.set_mirror_display(settings.mirror_display)

    def _turn_picture(self, camera: CameraInUse) -> None:
        """The same camera turned: its next pictures are, without the second or two a restart takes (the
        camera chooser shows a turn at once). An attempt under way, half turned, is dropped by the worker
        at its first frame turned anew (frames turned before are still on their way)."""
        assert self.worker is not None
        self.worker.set_turn(camera.turns)
        self.upright.restart(dismissed=self.context.turned_note_put_off)

    # -- a camera mounted on its side
    def follow_dialogs(self, _report: FrameReport | None = None) -> None:
        """Tell the camera, with each picture, whether a modal dialog covers the view (Settings, Camera…, a
        file picker, a question; not the view's own window, the record window): meanwhile raised hands start
        no attempt, and one under way as it opened stops unscored (:meth:`PipelineWorker.set_covered`). One
        started behind the Settings dialog, unseen, and its result was then thrown away. Asked of the
        application, not the window manager, which may give no window the focus."""
        if self.worker is None:
            return
        covering = QApplication.activeModalWidget()
        self._covered = covering is not None and covering is not self.window()
        self.worker.set_covered(self._covered)
        if not self._covered:
            self._say_notice_put_off()

    def _say_notice_put_off(self) -> None:
        """The notice put off while the view was left or covered (:meth:`notice_for_a_moment`), said now."""
        then, self._notice_once_shown = self._notice_once_shown, None
        if then is not None:
            self.notice_for_a_moment(then)

    def _watch_upright(self, report: FrameReport) -> None:
        height, width = report.frame_bgr.shape[:2]
        self.upright.frame(report.points, report.mask, width, height)

    def _say_turned(self, tracked_turns: int | None) -> None:
        self.turned_note.say(turned_camera_words(tracked_turns) if tracked_turns else "")
        self.context.looks_turned = tracked_turns  # the camera chooser suggests the turn

    def _not_now(self) -> None:
        told = self.upright.suggestion
        self.context.put_off_turned_note()
        self.upright.dismiss()
        self.context.looks_turned = told  # no longer said over the picture, still suggested in the chooser

    def _turn_upright(self) -> None:
        """The learner's "Turn it upright": the camera's turn the watch suggests, used and saved."""
        if self.upright.suggestion:
            turns = self.context.camera.turned_upright(self.upright.suggestion).turns
            self.context.turn_camera(turns, remember=True)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._left_recording = False
        if not self._covered:
            self._say_notice_put_off()
        # Started once the event loop is back: when the learner switches tabs, the view being left is
        # hidden (and releases the camera) only after this one is shown.
        QTimer.singleShot(0, self, self._start_if_shown)  # dropped if the view is deleted first

    def _start_if_shown(self) -> None:
        if self.isVisible() and self.wants_camera():
            self.start_camera()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self._left_recording = self.worker is not None and self.attempts.phase is Phase.RECORDING
        self.stop_camera()
        if self._left_recording:  # said as an attempt thrown out is, seen when the learner is back
            # Minimising hides the window's pages too (its state already minimised): no page was left
            why = ATTEMPT_STOPPED_MINIMISED if self.window().isMinimized() else ATTEMPT_LEFT_WITH_THE_PAGE
            self._on_segment_event(SegmentEvent("discarded", message=why))

    def show_frame_picture(self, report: FrameReport) -> None:
        """A camera frame's picture, its tracking drawn (:meth:`show_picture`); greyed once the camera is lost
        or off, without it: the skeleton on the last picture looked tracked live."""
        self.show_picture(report.picture(), report)

    def show_picture(self, picture: QImage, frame: FrameReport | None = None) -> None:
        """Show a camera picture. The worker makes it to fit the label, but for the size the label had when
        it was asked: one still on its way when the label changed size (a search's results narrow it as the
        camera stops) is fitted here, or the label would cut it at both sides. One still on its way when the
        camera stopped is shown as the camera's last picture, or not at all where the view says why."""
        if self.worker is None and not self._shows_picture():
            return
        if self.worker is not None and not self.context.camera_showing:
            self.context.camera_showing = True  # its first picture (also once back): it is there
            self.context.camera_failure = ""
        self._picture, self._frame, self._untracked = QPixmap.fromImage(picture), frame, None
        self._show_last_picture()
        if self.worker is not None:
            live_pictures().shown.emit(self._picture)

    def _shows_picture(self) -> bool:
        return self._picture is not None and not self.video_label.pixmap().isNull()

    def _show_last_picture(self) -> None:
        """The last picture, fitted to the label; greyed, dimmed and captioned once the camera is off: the
        picture a search's one sign left behind looked like the live camera. While the camera is on, one too
        small is left as it is (the next, made for the label's size, comes in a moment); once it is off none
        comes, and a picture made while the window was small stayed small as the window grew."""
        assert self._picture is not None
        live = self.worker is not None and not self.attempts.camera_lost
        picture = self._picture if live or self._frame is None else self._without_tracking(self._frame)
        fitted = picture.size().scaled(self.video_label.size(), Qt.AspectRatioMode.KeepAspectRatio)
        too_big = picture.width() > fitted.width()
        if picture.size() != fitted and (too_big or not live):
            picture = picture.scaled(fitted, mode=Qt.TransformationMode.SmoothTransformation)
        if live:
            self.video_label.setPixmap(picture)
        else:
            words = CAMERA_AWAITED if self.worker is not None else self.camera_off_words
            self.video_label.setPixmap(self._camera_off(picture, words))

    def _without_tracking(self, frame: FrameReport) -> QPixmap:
        """The last picture, of ``frame``, without the skeleton drawn on it."""
        if self._untracked is None:
            self._untracked = QPixmap.fromImage(frame.picture(tracking=False))
        return self._untracked

    def _camera_off(self, picture: QPixmap, words: str) -> QPixmap:
        image = picture.toImage().convertToFormat(QImage.Format.Format_Grayscale8)
        image = image.convertToFormat(QImage.Format.Format_RGB32)
        painter = QPainter(image)
        painter.fillRect(image.rect(), QColor(0, 0, 0, 150))
        font = painter.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        painter.setFont(font)
        painter.setPen(QColor(235, 235, 235))
        painter.drawText(
            QRectF(image.rect()).adjusted(WORDS_MARGIN, WORDS_MARGIN, -WORDS_MARGIN, -WORDS_MARGIN),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            words,
        )
        painter.end()
        return QPixmap.fromImage(image)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.video_label and event.type() == QEvent.Type.Resize:
            if self.worker is not None:
                self.worker.set_display_size(self.video_label.width(), self.video_label.height())
            if (self.worker is None or self.attempts.camera_lost) and self._shows_picture():
                self._show_last_picture()  # no picture comes (a search's one sign): it follows the label
        return super().eventFilter(watched, event)


class PictureOrWords(QLabel):
    """A live view's camera picture, filling the label to its edges, or words in its place (the camera
    starting, off, its problem), wrapped inside a margin: with none, a line that just fitted ran from edge to
    edge of the dark box and read as cut at both ends, and a word too long for a line (a video's file name in
    "Starting …") was cut at both ends, a label wrapping at spaces only."""

    def __init__(self, words: str):
        super().__init__()
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setMinimumSize(*PICTURE_LEAST_SIZE)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setStyleSheet("background: #1e1e22; color: #ddd;")
        self.setText(words)

    def setText(self, text: str) -> None:
        self.setMargin(WORDS_MARGIN)
        super().setText(breakable(text))

    def setPixmap(self, picture: QPixmap | QImage) -> None:
        self.setMargin(0)  # a margin would cut the picture, which is made to the label's size
        super().setPixmap(picture)


_notes_made = itertools.count()


class NoteOverPicture(QFrame):
    """A note over the top of a live picture (``picture``, the view's :attr:`~LiveCameraView.video_label`),
    across its width, under the picture's notes made before it that are shown, hidden while it has nothing
    to say; ``buttons`` beside its words. Laid out beside or under the picture, a note that comes and goes
    (tracking is slow) resized the picture each time; over its bottom, it covered the hands."""

    def __init__(self, picture: QLabel, buttons: tuple[QPushButton, ...] = ()):
        super().__init__(picture)
        self.covered = picture  # the live picture it is drawn over
        self.made = next(_notes_made)  # its place among the picture's notes
        self.setObjectName("noteOverPicture")
        self.setStyleSheet(
            "#noteOverPicture { background: rgba(30, 30, 34, 210); } QLabel { color: #f0f0f0; }"
        )
        self.words = QLabel()
        self.words.setWordWrap(True)
        self.words.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.words, 1)
        for button in buttons:
            layout.addWidget(button)
        self.hide()
        picture.installEventFilter(self)

    def text(self) -> str:
        return self.words.text()

    def say(self, text: str) -> None:
        self.words.setText(text)
        self.setVisible(bool(text))
        self._fit_every_note()  # the notes under this one move up or down
        self.raise_()

    def _fit_every_note(self) -> None:
        """Place the picture's notes top first, each under those above as they are at the picture's width."""
        for note in self._notes():
            note._fit()

    def _notes(self) -> list[NoteOverPicture]:
        """The picture's notes, top first: in the order made (raising one changes the order of children)."""
        notes = self.covered.findChildren(NoteOverPicture, options=Qt.FindChildOption.FindDirectChildrenOnly)
        return sorted(notes, key=lambda note: note.made)

    def _fit(self) -> None:
        picture = self.covered
        notes = self._notes()
        above = notes[: notes.index(self)] if self in notes else []
        top = sum(note.height() for note in above if not note.isHidden())
        self.setGeometry(0, top, picture.width(), self.heightForWidth(picture.width()))

    def eventFilter(self, watched, event) -> bool:
        # The top note alone refits them all, in order: each note refitting itself, Qt asked the note made
        # last first, which placed itself under the upper note's height at the old width
        if watched is self.covered and event.type() == QEvent.Type.Resize and self._notes()[0] is self:
            self._fit_every_note()
        return False


class TurnedCameraNote(NoteOverPicture):
    """Over the top of a live picture: the camera's picture looks turned on its side, with the buttons to
    turn it upright or leave it."""

    def __init__(self, picture: QLabel):
        self.turn_button = QPushButton(TURN_IT)
        self.not_now_button = QPushButton(NOT_NOW)
        super().__init__(picture, (self.turn_button, self.not_now_button))
