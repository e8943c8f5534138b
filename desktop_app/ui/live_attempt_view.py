"""The camera of the record window and of "search by signing": a live view that cuts attempts without
scoring them.

:class:`LiveAttemptView` runs the app's capture pipeline (:class:`desktop_app.ui.pipeline.PipelineWorker`,
with nothing to score against) and announces each attempt the segmenter cuts out, automatically (hands up …
hands down) or with Space or the Start/Stop button, which say and do what they do on the practice page
(:class:`desktop_app.core.judging.live_attempts.LiveAttempts`). The camera runs only while the view is
visible, so it never competes with the practice page for the device.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractButton, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from desktop_app.core.app.context import AppContext
from desktop_app.core.judging.attempts import AttemptOutcome
from desktop_app.core.signing.capture import when_it_cannot_start
from desktop_app.core.signing.session import Phase
from desktop_app.core.signing.view import ViewConvention
from desktop_app.ui.camera_dialog import choose_camera
from desktop_app.ui.camera_status import TrackingStatus
from desktop_app.ui.live_camera import LiveCameraView
from desktop_app.ui.pipeline import FrameReport, PipelineWorker
from desktop_app.ui.shortcuts import SIGN_TO_THE_CAMERA
from desktop_app.ui.skeleton.colours import legend_html
from desktop_app.ui.subscriptions import connect_while_alive

SIGNING_HINT = "Raise your hands to start signing; lower them to finish. Or press Space."
SIGNING_BY_BUTTON_HINT = "Press Space, sign, then press Space again."  # "Start when my hands come up" is off


class LiveAttemptView(LiveCameraView):
    """The live camera picture with the skeleton, and a Start/Stop button (Space too, while it is shown);
    emits each attempt's landmarks. A window holding one lets Space press its other controls the learner
    tabbed to, but for the Stop while recording (:meth:`space_presses_a_control`)."""

    attempt_captured = Signal(object)  # PoseSequence
    camera_failed = Signal(str)  # why the camera could not be started (the view says it too)
    under_way_shown = Signal(bool)  # whether an attempt is shown under way, each time the heading is shown
    thrown_out = Signal(str)  # an attempt ended without a sign taken, and why (said under the picture)

    def __init__(self, context: AppContext, parent=None):
        super().__init__(context, parent)
        self.video_label.setText("The camera starts when this is shown")
        # False: the camera shows (the learner checks their framing) but takes no attempt, by itself or by
        # Space, and says ``words_until_taken`` under it (search, until the learner asks to sign): with raised
        # hands starting an attempt, and with Space starting it
        self.takes_attempts = True
        self.words_until_taken = ("", "")
        self.resting = False  # the camera kept off a while (search reading a file): being shown starts none
        self.status = QLabel(self.signing_hint())  # the heading: how to sign, or what became of the attempt
        self.status.setWordWrap(True)
        self._said = ""  # said in the status instead of how to sign, while no attempt is under way
        self.toggle_button = QPushButton(self.attempts.button_text)
        self.toggle_button.clicked.connect(self.toggle_attempt)
        # A button of the page holding the view that stands for its Start/Stop (search's), its own hidden:
        # Space presses it
        self.space_presses: QAbstractButton | None = None
        SIGN_TO_THE_CAMERA.bind(self, self._space)
        # Offered when the camera fails: the record window is modal, so File → Camera… cannot be reached.
        self.choose_camera_button = QPushButton("Choose camera…")
        self.choose_camera_button.clicked.connect(lambda: choose_camera(self.context, self))
        self.choose_camera_button.hide()
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.choose_camera_button)
        row.addWidget(self.toggle_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.video_label, 1)
        # The tracking line as practice shows it ("✓ Tracking: body, left hand"), before and while recording:
        # the record window said nothing of the tracking until the hands went out of view while recording
        layout.addWidget(self.tracking_status.label)
        self.legend = QLabel(legend_html(ViewConvention.from_settings(context.settings)))  # as on every view
        layout.addWidget(self.legend)
        connect_while_alive(
            self,
            context.events.settings_changed,
            lambda settings: self.legend.setText(legend_html(ViewConvention.from_settings(settings))),
        )
        layout.addLayout(row)

    def make_notes_over_the_picture(self) -> None:
        self.tracking_status = TrackingStatus(self.video_label)  # its slow-tracking note is one

    def signing_hint(self) -> str:
        """How an attempt starts and ends, by the learner's setting whether raised hands start one (while
        attempts are not taken, :attr:`words_until_taken`)."""
        by_hands = self.context.settings.auto_start
        if not self.takes_attempts:
            return self.words_until_taken[0 if by_hands else 1]
        return SIGNING_HINT if by_hands else SIGNING_BY_BUTTON_HINT

    def say_until_taken(self, words: tuple[str, str]) -> None:
        """Say ``words`` under the camera while attempts are not taken (:attr:`words_until_taken`), now."""
        self.words_until_taken = words
        self._show_heading()

    def take_attempts(self, taken: bool) -> None:
        """Take attempts (as the learner set them to start: raised hands, or Space), or no longer: one under
        way is dropped."""
        self.takes_attempts = taken
        if self.worker is not None:  # without a camera there is nothing to say of signing to it
            if not taken and self.attempts.under_way:
                self.drop_attempt()
            self.worker.set_auto_segmentation(taken and self.context.settings.auto_start)
            self._show_heading()

    def scores_attempts(self) -> bool:
        return False  # the landmarks are what is kept: the caller embeds them if it needs to

    def connect_worker(self, worker: PipelineWorker) -> None:
        worker.frame_ready.connect(self._show_frame)
        worker.segment_event.connect(self._segment_event)
        worker.attempt_scored.connect(self._attempt_finished)
        worker.camera_state.connect(self._camera_state)
        worker.failed.connect(self._failed)
        # As the learner set it for practice, while attempts are taken
        worker.set_auto_segmentation(self.takes_attempts and self.context.settings.auto_start)
        self._said = ""  # each start is a new try: not the last attempt's "Got it."
        self.tracking_status.forget()  # a new camera thread: its first frame says it
        self.attempts.frame_phase(Phase.WAITING)  # a new camera thread: no attempt under way
        self._show_heading()
        self.choose_camera_button.hide()

    def toggle_attempt(self) -> None:
        """Space or the button: Stop while an attempt is shown under way, however it started, else Start
        (LiveAttempts, as on the practice page); with no camera, try it again."""
        if self.worker is None:  # the camera failed to start: try again
            self.start_camera()
        else:
            self.start_or_stop_attempt()

    def wants_camera(self) -> bool:
        return not self.resting

    def _space(self) -> None:
        """Space does what the button says, while it is shown; where another button stands for it
        (:attr:`space_presses`), it presses that one (search's "Sign to search": Space started nothing until
        it was clicked, then only opened the camera)."""
        if self.space_presses is not None:
            self.space_presses.click()  # nothing while it is greyed
        elif self.toggle_button.isVisible():
            self.toggle_attempt()

    def _show_heading(self) -> None:
        """The status as the attempts are shown (:meth:`show_heading`, as practice and review say them):
        while none is under way, a tracking problem while it lasts, else what the view said last (the camera
        lost or back, "Got it.") or how to sign; and the button, as practice's says what Space does."""
        self.show_heading(self.status, self._said or self.signing_hint())
        self.toggle_button.setText(self.attempts.button_text)
        self.toggle_button.setEnabled(self.attempts.can_press)  # not while the camera is lost
        self.under_way_shown.emit(self.attempts.under_way)

    def say(self, words: str) -> None:
        """Say ``words`` instead of how to sign (the tracking line under the picture says the tracking)."""
        self._said = words
        self._show_heading()

    def forget_said(self) -> None:
        """Say no more what was said under the picture, only how to sign: a search by other means is not the
        last attempt's ("Got it." stayed under the camera through a later file search)."""
        self._said = ""
        self._show_heading()

    def _show_frame(self, report: FrameReport) -> None:
        """The picture, the tracking line under it (as practice's), and the status when what it says changed:
        the attempt's phase, whether the hands are in view while recording."""
        self.show_frame_picture(report)  # greyed without its skeleton once lost
        self.tracking_status.show(report, self.upright.suggestion)
        changed = self.attempts.frame_phase(report.phase)
        changed |= self.attempts.hands_in_view(
            self.tracking_status.hands_seen, self.tracking_status.hands_lowered
        )
        if changed:
            self._show_heading()
        if self.worker is not None:
            self.worker.frame_shown(report)

    def _segment_event(self, event) -> None:
        self.attempts.event(event)
        # One thrown out is said until the next attempt, as review says it: said for a moment, "That was
        # very short" was gone before a learner looking at their hands could read it
        if event.kind == "discarded":
            self._said = event.message
        elif event.kind in ("started", "countdown"):
            self._said = ""
        self._show_heading()
        self.notice_for_a_moment(self._show_heading)  # how an attempt ended, said for a moment
        if event.kind == "discarded":
            self.thrown_out.emit(event.message)

    def _camera_state(self, problem: str) -> None:
        """The camera was lost (``problem`` says so) or is back (""), which is said too: the loss stayed on
        screen while the learner could record again."""
        if problem:  # not the tracking of its last picture, greyed now
            self.tracking_status.forget()
        self.say(problem or f"The camera is back. {self.signing_hint()}")

    def _attempt_finished(self, outcome: AttemptOutcome) -> None:
        self.say("Got it.")
        self.attempt_captured.emit(outcome.pose)

    def _failed(self, message: str) -> None:
        """Say why. With its own buttons (the record window), say how to go on instead of the signing hint,
        which cannot work without a camera: try again, or choose another camera, which starts at once. A page
        whose button stands for the view's (search's) offers its own ways on (the camera_failed signal)."""
        self.stop_camera()
        self.tracking_status.forget()
        self.video_label.setText(f"The camera could not be started.\n{message}")
        if self.space_presses is None:
            self.say(when_it_cannot_start(self.context.camera.source))
            self.toggle_button.setText("Try again")
            self.choose_camera_button.show()
        else:  # no framing to check, nor a sign to take, without a camera: said again once it starts
            self.status.clear()
        self.camera_failed.emit(message)
