"""What a live view where the learner signs (Practice, a lesson's "sign it" step) says about its camera: the
tracking line under the picture and the slow-tracking note over it (:class:`TrackingStatus`), and, when the
camera cannot start, the ways to a picture (:class:`NoCameraPanel`). One of each for both pages, so that a
learner on a slow computer, or without a camera, is never left to guess. Both pages are a
:class:`SigningView`, which says these the same way on both by construction: one rule of when the tracking
line goes (also when a camera cannot start)."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.app.context import AppContext
from desktop_app.core.shared.palette import GREEN, ORANGE
from desktop_app.core.signing.capture import (
    CHECKING_THE_VIDEO,
    VideoVerdict,
    check_video_as_camera,
    when_it_cannot_start,
)
from desktop_app.core.signing.session import TrackingLine, hands_low, tracking_speed_note
from desktop_app.ui.camera_dialog import ask_if_selfie_for_camera, choose_camera, choose_video_file
from desktop_app.ui.live_camera import LiveCameraView, NoteOverPicture
from desktop_app.ui.panes import ElidedLabel, wide_enough_for
from desktop_app.ui.pipeline import FrameReport
from desktop_app.ui.subscriptions import connect_while_alive
from desktop_app.ui.workers import Worker

ANSWER_FIRST = "Answer this question to practise with the video."
USE_A_VIDEO_FILE = "Use a video file…"
PROBLEM_TRACKING_COLOUR = ORANGE
HANDS_SEEN_COLOUR = GREEN


class VideoQuestionWords(NamedTuple):
    """How "Use a video file…" asks whether the video is a selfie recording, by what it is for: the dialog's
    title (``{name}``: the file's), its button, and what waits for the answer."""

    title: str
    accept: str
    waiting: str


PRACTISE_WITH_A_VIDEO = VideoQuestionWords("Practise with {name}", "Practise", ANSWER_FIRST)


class TrackingStatus:
    """The tracking line (:attr:`label`, for under the picture) and the note over the picture when tracking is
    too slow (:attr:`speed_note`, the frame rate its tooltip), fed every frame shown (:meth:`show`)."""

    def __init__(self, picture: QLabel):
        # One line, cut short in a narrow panel: wrapped to two, it took its height from the picture
        self.label = ElidedLabel()
        self.line = TrackingLine()
        # Over the picture's top (NoteOverPicture): under it, coming and going, it made the picture jump
        self.speed_note = NoteOverPicture(picture)

    @property
    def hands_seen(self) -> bool:
        return self.line.hands_seen

    @property
    def hands_lowered(self) -> bool:
        return self.line.hands_lowered

    def show(self, report: FrameReport, turned: int | None) -> None:
        """After the frame ``report`` shown (``turned``: the live view's UprightWatch.suggestion)."""
        frame_rate = f"{report.fps:.0f} frames tracked a second"
        if self.speed_note.toolTip() != frame_rate:
            self.speed_note.say(tracking_speed_note(report.fps))
            self.speed_note.setToolTip(frame_rate)
        low = hands_low(report.points, report.mask, report.frame_bgr.shape[0])
        tracking, problem = self.line.frame(report.mask, report.problems, report.captured_at, turned, low)
        if self.label.text() != tracking:  # restyling every frame would cost the GUI thread
            self.label.setText(tracking)
            # Green for a hand seen only: the body alone in green read as all well, the hands missing
            colour = PROBLEM_TRACKING_COLOUR if problem else HANDS_SEEN_COLOUR if self.hands_seen else ""
            self.label.setStyleSheet(f"color: {colour};" if colour else "")

    def forget(self) -> None:
        """The camera is lost: not the tracking of its last picture, greyed now, nor its speed (said again by
        the first frame back)."""
        self.line = TrackingLine()
        self.label.setText("")
        self.speed_note.say("")
        self.speed_note.setToolTip("")


class NoCameraPanel(QWidget):
    """In place of the live picture when the camera cannot start: why, what to check, and the ways to a
    picture as buttons (a video file, the camera again, another camera). ``retry``: the view starts its
    camera again. A view may add its own way on (:meth:`add_button`). ``video_question``: how a video file
    chosen is asked about, by what it is for (practice's words unless said)."""

    retry = Signal()

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        video_question: VideoQuestionWords = PRACTISE_WITH_A_VIDEO,
    ):
        super().__init__(parent)
        self.context = context
        self.video_question = video_question
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # As wide while the video is read: the buttons beside it stay where they are
        self.use_video_button = wide_enough_for(QPushButton(), CHECKING_THE_VIDEO, USE_A_VIDEO_FILE)
        self.reading: Worker | None = None  # the video chosen, read before it is asked about
        self.use_video_button.clicked.connect(self.use_video_file)
        self.retry_button = QPushButton("Try again")
        self.retry_button.clicked.connect(self._give_up_the_video)
        self.retry_button.clicked.connect(self.retry)
        self.choose_camera_button = QPushButton("Choose camera…")
        self.choose_camera_button.clicked.connect(lambda: choose_camera(self.context, self))
        # The ways to a picture, in the order they are shown (a view's own one last): the order Tab goes
        self.ways_on = [self.use_video_button, self.retry_button, self.choose_camera_button]
        self._buttons = QHBoxLayout()
        self._buttons.addStretch(1)
        for button in self.ways_on:
            self._buttons.addWidget(button)
        self._buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addLayout(self._buttons)
        layout.addStretch(2)
        # A camera chosen meanwhile (Choose camera…, File → Camera…) is the learner's answer: the video's
        # question, coming later, replaced it with the video
        connect_while_alive(self, context.events.camera_changed, lambda _camera: self._give_up_the_video())

    def buttons_in_a_column(self) -> None:
        """The buttons one under another: a narrow pane (search's camera, a third of the page) could not hold
        them side by side."""
        self._buttons.setDirection(QBoxLayout.Direction.TopToBottom)

    def add_button(self, button: QPushButton) -> None:
        """One more way on, after the camera's."""
        self._buttons.insertWidget(self._buttons.count() - 1, button)
        self.ways_on.append(button)

    def say(self, message: str) -> None:
        """Why the camera could not start (``message``), and what the learner can check."""
        what_to_do = when_it_cannot_start(self.context.camera.source)
        self.message.setText(f"<h3>No camera picture</h3><p>{message}</p><p>{what_to_do}</p>")

    def use_video_file(self) -> None:
        """Sign to a video file instead of the camera, once it was read as the camera reads it (on a worker
        thread: a damaged one is decoded whole, and the window froze meanwhile) and the learner said whether
        it is a selfie recording, as import and search ask (the camera's setting is no answer: the file is
        not the camera). Its button says it is read meanwhile; a camera chosen meanwhile, or the panel
        hidden, gives it up."""
        path = choose_video_file(self, self.context)
        if not path:
            return
        self.use_video_button.setEnabled(False)
        self.use_video_button.setText(CHECKING_THE_VIDEO)
        self.reading = Worker(lambda control: check_video_as_camera(path, control))
        self.reading.finished_with.connect(self._video_read)
        self.reading.failed.connect(self._video_not_read)
        self.reading.start()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        if not event.spontaneous():  # a camera started in its place, or another page; not a minimised window
            self._give_up_the_video()

    def _give_up_the_video(self) -> None:
        """The video being read is not wanted now: its reading stops, and what it finds is not asked about."""
        if self.reading is not None:
            self.reading.cancel()
            self.reading = None
            self._ready_for_a_video()

    def _ready_for_a_video(self) -> None:
        self.use_video_button.setText(USE_A_VIDEO_FILE)
        self.use_video_button.setEnabled(True)

    def _video_not_read(self, message: str) -> None:
        self._video_read(VideoVerdict("", message))

    def _video_read(self, verdict: VideoVerdict) -> None:
        if self.sender() is not self.reading:  # given up since: its verdict, queued, came too late
            return
        self.reading = None
        self._ready_for_a_video()
        if verdict.problem:  # not saved as the camera of every later start; said of the file named above it
            QMessageBox.warning(self, "Cannot use this video", f"{verdict.path}\n\n{verdict.problem}".strip())
            return
        is_selfie = ask_if_selfie_for_camera(self, self.context.selfie_answers, verdict, *self.video_question)
        if is_selfie is not None:
            self.context.use_camera(verdict.path, is_selfie, remember=True)


class SigningView(LiveCameraView):
    """A live view where the learner signs to be scored (Practice, a lesson's "sign it" step). Its tracking
    line and slow-tracking note (:attr:`tracking_status`, fed by the view every frame shown) speak of the
    live picture only: they go once it is not live (the camera lost, or one that could not start), and the
    first frame back says them again. While no camera starts, :attr:`no_camera` takes the place of the
    view's live part in :attr:`camera_stack` (:meth:`picture_or_no_camera`), its "Try again" restarting
    the camera."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.no_camera = NoCameraPanel(context)
        self.no_camera.retry.connect(self.restart_camera)
        self.camera_stack = QStackedWidget()

    def make_notes_over_the_picture(self) -> None:
        self.tracking_status = TrackingStatus(self.video_label)  # its slow-tracking note is one

    def show_tracking(self, report: FrameReport) -> bool:
        """The tracking of the frame ``report`` shown: under the picture (the tracking line; over it, the
        slow-tracking note) and, while an attempt is recorded, in the heading when the learner's hands are
        not in view (:data:`~desktop_app.core.judging.live_attempts.HANDS_OUT_OF_VIEW`: the segmenter's "lower
        your hands to finish", beside the tracking line's warning, read as the opposite of what to do).
        Whether the heading changed."""
        self.tracking_status.show(report, self.upright.suggestion)
        return self.attempts.hands_in_view(
            self.tracking_status.hands_seen, self.tracking_status.hands_lowered
        )

    def picture_or_no_camera(self, live: QWidget) -> QStackedWidget:
        """:attr:`camera_stack`: ``live`` (the picture, with what the view shows around it) while a camera
        starts, else the no-camera panel, for the view's layout."""
        self.camera_stack.addWidget(live)
        self.camera_stack.addWidget(self.no_camera)
        return self.camera_stack

    def start_camera(self) -> None:
        super().start_camera()
        if self.worker is not None:
            self.camera_stack.setCurrentIndex(0)  # "Starting the camera…" in the picture's place

    def _camera_lost_or_back(self, problem: str) -> None:
        super()._camera_lost_or_back(problem)
        if problem:
            self.tracking_status.forget()

    def _camera_failed_to_start(self, message: str) -> None:
        """Before the view's own slot (which says what its own controls do now): the camera stopped, the
        tracking of the last camera's pictures forgotten, nothing to start, and the panel in their place."""
        super()._camera_failed_to_start(message)
        self.stop_camera()
        self.tracking_status.forget()
        self.attempts.camera_state(message)  # nothing to start until a camera starts
        self.no_camera.say(message)
        self.camera_stack.setCurrentIndex(1)
