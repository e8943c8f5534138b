"""Recording a reference clip from the camera: sign, look at the skeleton replay, keep it or try again.

:class:`LiveAttemptView` is the camera part, shared with "search by signing": it runs the app's capture
pipeline (:class:`desktop_app.ui.pipeline.PipelineWorker`, with nothing to score against) and announces each
attempt the segmenter cuts out, automatically (hands up … hands down) or with Space or the Start/Stop button,
which say and do what they do on the practice page (:class:`desktop_app.core.live_attempts.LiveAttempts`).
The camera runs only while the view is visible, so it never competes with the practice page for the device.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
)

from desktop_app.core.attempts import AttemptOutcome
from desktop_app.core.capture import when_it_cannot_start
from desktop_app.core.clip_check import ClipCheck, UnlikeClip, other_hand_words
from desktop_app.core.context import AppContext
from desktop_app.core.library import Recording
from desktop_app.core.live_attempts import START_RECORDING, STOP_RECORDING
from desktop_app.core.session import TOO_SHORT, Phase
from desktop_app.core.view import ViewConvention
from desktop_app.ui.camera_dialog import choose_camera
from desktop_app.ui.camera_status import TrackingStatus
from desktop_app.ui.closest_clip import ClosestClipPlayer, say_unlike, verdict_label
from desktop_app.ui.live_camera import LiveCameraView
from desktop_app.ui.panes import in_a_column, never_widens, within_the_screen
from desktop_app.ui.pipeline import FrameReport, PipelineWorker
from desktop_app.ui.shortcuts import SIGN_TO_THE_CAMERA
from desktop_app.ui.skeleton import SkeletonPlayer, legend_html
from desktop_app.ui.workers import FUSION_NICENESS, Worker, connect_while_alive, start_embedding_missing
from signcore.errors import InputError
from signcore.layout import PoseSequence
from signcore.words import counted

SIGNING_HINT = "Raise your hands to start signing; lower them to finish. Or press Space."
KEEP, DISCARD = "Keep this clip", "Discard and try again"
# A recording that looks unlike the sign's other clips (core.clip_check): kept only when the learner means it
KEEP_ANYWAY, RECORD_AGAIN = "Keep it anyway", "Record again"
# Kept, and the camera again for the next: a teacher recording several reference clips opened the window
# again for each. Said as what Keep says, each of the two ways.
AND_RECORD_ANOTHER = " and record another"
INTRO = "Sign “{name}” in front of the camera. You will see the recording before it is kept."
YOUR_CLIP = "Your clip"  # named beside the closest reference clip
SIGNING_BY_BUTTON_HINT = "Press Space, sign, then press Space again."  # "Start when my hands come up" is off
DISCARD_AND_CLOSE = "Discard"  # a recorded clip not kept, as the window closes


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
        changed |= self.attempts.hands_in_view(self.tracking_status.hands_seen)
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


class RecordDialog(QDialog):
    """Record a new reference clip of one sign: live view → replay → Keep (stored) or Discard (try again).

    Before it can be kept, the recording is compared with the sign's clips of other signers in the
    background (:mod:`desktop_app.core.clip_check`): one that looks unlike them is said so, with the judge's
    one correction and the clip it came nearest to beside it, and kept only as "Keep it anyway". What that
    takes before the recording is known (the sign's clips prepared, what it tolerates) is done while the
    learner records, so that Keep waits for the recording's own comparison only."""

    def __init__(self, context: AppContext, sign_id: int, parent=None):
        super().__init__(parent)
        self.context = context
        self.sign_id = sign_id
        self.recorded: Recording | None = None
        self.kept_clip_id: int | None = None  # the last clip kept
        self.kept_count = 0
        database = context.database
        # "hallo (DGS)", as the library lists it
        self.name = name = database.sign_name(database.sign(sign_id))
        self.setWindowTitle(f"Record “{name}”")
        self.resize(within_the_screen(self, QSize(760, 620)))
        self.check = ClipCheck(context)  # one for the window: the sign's clips are prepared once
        self.checking: Worker | None = None  # the comparison of the recording shown, while it runs
        self.compared = False  # the recording shown was compared: it looks like the others unless ``unlike``
        self.unlike: UnlikeClip | None = None
        # The sign's clips prepared for the comparison while the learner records, below the camera's priority
        self.preparing: Worker | None = None
        if self.check.compares(sign_id):
            check = self.check
            self.preparing = Worker(
                lambda control: check.prepare(sign_id, control.progress), niceness=FUSION_NICENESS
            )
            self.preparing.finished.connect(self._prepared)
            self.preparing.start()

        self.live = LiveAttemptView(context)
        self.live.attempts.start_words, self.live.attempts.stop_words = START_RECORDING, STOP_RECORDING
        self.live.toggle_button.setText(self.live.attempts.button_text)
        self.live.attempt_captured.connect(self.show_recording)
        self.preview = SkeletonPlayer()
        self.preview.follow_settings(context, references=False)  # the learner's own signing
        self.nearest = ClosestClipPlayer(context, beside=self.preview)
        self.summary = QLabel()
        self.verdict = verdict_label()  # how the recording compares with the sign's other clips
        self.keep_button = QPushButton(KEEP)
        self.keep_button.clicked.connect(self.keep)
        self.keep_another_button = QPushButton(KEEP + AND_RECORD_ANOTHER)
        self.keep_another_button.clicked.connect(self.keep_and_record_another)
        self.discard_button = QPushButton(DISCARD)
        self.discard_button.clicked.connect(self.discard)
        buttons = QHBoxLayout()
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        buttons.addWidget(self.keep_another_button)
        buttons.addWidget(self.keep_button)
        players = QHBoxLayout()
        players.addWidget(self.preview, 1)
        players.addWidget(self.nearest, 1)
        review = in_a_column((players, 1), self.summary, self.verdict, buttons)
        self._show_verdict()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.live)
        self.stack.addWidget(review)
        close_button = QPushButton("Close")
        close_button.clicked.connect(self.reject)
        self.title = title = QLabel(INTRO.format(name=name))
        title.setTextFormat(Qt.TextFormat.PlainText)  # a name is shown as written, never as markup
        never_widens(title)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.stack, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close_button)
        layout.addLayout(bottom)

    def show_recording(self, pose: PoseSequence) -> None:
        """Replay the attempt as it is kept, cut to its signing (the camera stops meanwhile), compare it with
        the sign's other clips in the background, and offer Keep / Discard."""
        recording = Recording.of(pose)
        if recording.too_short:  # refused as practice refuses one: kept, it would be a reference of a twitch
            self.live.say(TOO_SHORT)
            return
        self.recorded = recording
        others = len(self.context.database.clips(self.sign_id))
        convention = ViewConvention.from_settings(self.context.settings)
        other_hand = other_hand_words(recording.pose, convention, others)
        self.summary.setText("\n".join(filter(None, (recording.describe(), other_hand))))
        self.preview.set_clip(recording.pose)
        self.stack.setCurrentIndex(1)
        self.unlike, self.checking, self.compared = None, None, False
        if self.check.compares(self.sign_id):
            check, sign_id = self.check, self.sign_id
            worker = self.checking = Worker(lambda _control: check.unlike(sign_id, recording.pose))
            worker.finished_with.connect(self._checked)
            worker.failed.connect(self._check_failed)
            worker.start()
        self._show_verdict()

    def _prepared(self) -> None:
        self.preparing = None

    def _from_this_check(self) -> bool:
        """Whether the signal being handled comes from the comparison of the recording shown now."""
        return self.checking is not None and self.sender() is self.checking

    def _checked(self, unlike: UnlikeClip | None) -> None:
        if self._from_this_check():
            self.checking, self.unlike, self.compared = None, unlike, True
            self._show_verdict()

    def _check_failed(self, message: str) -> None:
        """Kept as any recording is: a comparison that failed has nothing to warn of."""
        if self._from_this_check():
            self.checking = None
            self._show_verdict(f"It could not be compared with the other clips of “{self.name}”: {message}")

    def _show_verdict(self, failed: str = "") -> None:
        """The words and buttons under the recording: while it is compared, Keep waits (a clip is not kept
        before the learner could be warned); one that looks unlike is said so in the warning's colour, the
        clip it came nearest to played beside it, and is kept only as "Keep it anyway", Record again the
        default."""
        unlike = self.unlike  # None while the comparison runs
        if self.checking is not None:
            words = f"Comparing it with the other clips of “{self.name}”…"
        elif self.compared:
            words = f"It looks like the other clips of “{self.name}”."
        else:
            words = failed  # nothing compared (a new sign, no model): nothing to say
        say_unlike(self.verdict, unlike, "Keep it only if you sign it this way on purpose", otherwise=words)
        self.nearest.show_for(unlike, YOUR_CLIP)
        self.keep_button.setText(KEEP_ANYWAY if unlike is not None else KEEP)
        self.keep_another_button.setText(self.keep_button.text() + AND_RECORD_ANOTHER)
        self.discard_button.setText(RECORD_AGAIN if unlike is not None else DISCARD)
        self.keep_button.setEnabled(self.checking is None)
        self.keep_another_button.setEnabled(self.checking is None)
        self.keep_button.setDefault(unlike is None)
        self.discard_button.setDefault(unlike is not None)

    def keep(self) -> None:
        """Keep the recording and close."""
        if self._kept():
            self.accept()

    def keep_and_record_another(self) -> None:
        """Keep the recording and go back to the camera for the next, the window saying how many were kept."""
        if self._kept():
            self.discard()
            kept = f"{counted(self.kept_count, 'clip')} kept so far."
            self.title.setText(f"{INTRO.format(name=self.name)} {kept}")  # above the camera, starting again

    def _kept(self) -> bool:
        """Store the recording shown; False when it is not (nothing recorded, the comparison not done yet:
        not before the learner could be warned, or the database refused it, which is said)."""
        if self.recorded is None or self.checking is not None:
            return False
        try:
            warned = None if self.unlike is None else self.unlike.why  # kept anyway: the library says so
            self.kept_clip_id = self.context.library.add_recorded_clip(self.sign_id, self.recorded, warned)
        except InputError as error:
            QMessageBox.warning(self, "The clip could not be saved", str(error))
            return False
        self.kept_count += 1
        start_embedding_missing(self.context, self.parentWidget())
        return True

    def reject(self) -> None:
        """Close (its button, Esc or the window's own): a clip recorded but not kept yet is asked about first,
        Keep, Discard or go back to it (it was thrown away without a word). Enter keeps it, unless it looks
        unlike the sign's other clips: then it discards it, the question saying why (Esc, Enter kept a clip
        the window had just warned about)."""
        if self.recorded is not None:
            question = "You have not kept the clip you just recorded."
            if self.unlike is not None:
                question += f" It looks unlike the other clips of “{self.name}”: keep it only if you mean it."
            box = QMessageBox(QMessageBox.Icon.Question, "Keep this clip?", question, parent=self)
            box.setTextFormat(Qt.TextFormat.PlainText)  # a name is shown as written, never as markup
            keep = box.addButton(self.keep_button.text(), QMessageBox.ButtonRole.AcceptRole)
            discard = box.addButton(DISCARD_AND_CLOSE, QMessageBox.ButtonRole.DestructiveRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.setDefaultButton(keep if self.unlike is None else discard)
            box.exec()
            if box.clickedButton() is keep:
                self.keep()  # closes the window once the clip is saved
                return
            if box.clickedButton() is not discard:
                return
        super().reject()

    def discard(self) -> None:
        # A comparison still running is not waited for
        self.recorded, self.unlike, self.checking, self.compared = None, None, None, False
        self.preview.set_clip(None)
        self._show_verdict()
        self.stack.setCurrentIndex(0)

    def event(self, event: QEvent) -> bool:
        # Close, tabbed to: Space presses it, not Start. (A key's event: none comes while __init__ builds the
        # window, before its live view is there.)
        if event.type() == QEvent.Type.ShortcutOverride and self.live.space_presses_a_control(event):
            return True
        return super().event(event)

    def done(self, result: int) -> None:
        self.live.stop_camera()  # the camera is released however the dialog ends
        if self.preparing is not None:  # nothing left to prepare for: it stops at its next clip
            self.preparing.cancel()
        super().done(result)
