"""Recording a reference clip from the camera: sign, look at the skeleton replay, keep it or try again.

Its camera is a :class:`~desktop_app.ui.live_attempt_view.LiveAttemptView`, as Search's.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
)

from desktop_app.core.app.context import AppContext
from desktop_app.core.collection.library import Recording
from desktop_app.core.judging.clip_check import ClipCheck, UnlikeClip, other_hand_words
from desktop_app.core.judging.live_attempts import START_RECORDING, STOP_RECORDING
from desktop_app.core.signing.session import TOO_SHORT
from desktop_app.core.signing.view import ViewConvention
from desktop_app.ui.background_jobs import FUSION_NICENESS, start_embedding_missing
from desktop_app.ui.closest_clip import ClosestClipPlayer, say_unlike, verdict_label
from desktop_app.ui.live_attempt_view import LiveAttemptView
from desktop_app.ui.panes import in_a_column, never_widens, within_the_screen
from desktop_app.ui.skeleton.player import SkeletonPlayer
from desktop_app.ui.workers import Worker
from signcore.errors import InputError
from signcore.layout import PoseSequence
from signcore.words import counted

KEEP, DISCARD = "Keep this clip", "Discard and try again"
# A recording that looks unlike the sign's other clips (core.judging.clip_check): kept only when the learner
# means it
KEEP_ANYWAY, RECORD_AGAIN = "Keep it anyway", "Record again"
# Kept, and the camera again for the next: a teacher recording several reference clips opened the window
# again for each. Said as what Keep says, each of the two ways.
AND_RECORD_ANOTHER = " and record another"
INTRO = "Sign “{name}” in front of the camera. You will see the recording before it is kept."
YOUR_CLIP = "Your clip"  # named beside the closest reference clip
DISCARD_AND_CLOSE = "Discard"  # a recorded clip not kept, as the window closes


class RecordDialog(QDialog):
    """Record a new reference clip of one sign: live view → replay → Keep (stored) or Discard (try again).

    Before it can be kept, the recording is compared with the sign's clips of other signers in the
    background (:mod:`desktop_app.core.judging.clip_check`): one that looks unlike them is said so, with the
    judge's one correction and the clip it came nearest to beside it, and kept only as "Keep it anyway". What
    that takes before the recording is known (the sign's clips prepared, what it tolerates) is done while the
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
