"""THE question whether a video is a selfie recording, asked the same way wherever a learner's video is read
for its signing: the import dialog, and (one video, in :class:`SelfieDialog`) search with a file and a video
file used as the camera (practice's "Use a video file…", the camera dialog's Browse…). Asked, never assumed: a
wrong answer swaps the signer's hands. The first frame is shown as recorded, not flipped, for the learner to
judge by: always read off the GUI thread, by the worker that looks at the video before it is asked about
(:func:`first_frame` for an import and search; a video used as the camera, by its check,
:func:`~desktop_app.core.signing.capture.check_video_as_camera`), and made the question's picture by
:func:`question_picture`. The question never reads the video itself: a big video on a slow disk froze the
window while its first frame was read."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.signing.capture import SelfieAnswers
from desktop_app.ui.panes import keeps_room_when_hidden
from desktop_app.ui.skeleton.camera_frame import bgr_to_qimage

MIRROR_HINT = (
    "A phone's front camera or a webcam app shows the signer as in a mirror (writing in the picture reads"
    " backwards)."
)
QUESTION_PICTURE_SIDE = 200  # px: the longest side of the first frame shown beside the question


class SelfieQuestion(QWidget):
    """The question, its two answers (neither chosen at first), the first frame of the video asked about, and
    what waits for the answer (``waiting_words``, shown by :meth:`wait_for_answer`)."""

    answer_changed = Signal()

    def __init__(self, waiting_words: str, parent=None):
        super().__init__(parent)
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.selfie = QRadioButton()
        self.not_selfie = QRadioButton("No, filmed by a camera facing the signer")
        self.answers = QButtonGroup(self)
        for button in (self.selfie, self.not_selfie):
            self.answers.addButton(button)
            button.toggled.connect(self.answer_changed)
        # Said in bold, not the question: the question bold then plain was rewrapped, and with this line gone
        # the button below moved under the pointer as the answer was given
        self.answer_first = keeps_room_when_hidden(QLabel(waiting_words))
        self.answer_first.setStyleSheet("font-weight: bold")
        self.answer_first.setVisible(False)
        self.first_frame = QLabel()
        self.first_frame.setAlignment(Qt.AlignmentFlag.AlignCenter)
        answers = QVBoxLayout()
        for widget in (self.question, self.selfie, self.not_selfie, self.answer_first):
            answers.addWidget(widget)
        answers.addStretch(1)  # the answers stay under the question beside a tall first frame
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(answers, 1)
        row.addWidget(self.first_frame)
        self.ask_about(None)

    def ask_about(self, video: Path | None, frame: QImage | None = None, several: bool = False) -> None:
        """Ask about ``video``, beside its first ``frame`` (:func:`first_frame`, read by the caller); with no
        video, the question is there but greyed. ``several``: asked of every video of an import at once,
        shown by the first (one video was asked "Are these selfie recordings?")."""
        self.setEnabled(video is not None)
        recordings = "Are these selfie recordings" if several else "Is this video a selfie recording"
        self.question.setText(f"{recordings}? {MIRROR_HINT}")
        self.selfie.setText(
            "Yes, selfie recordings (mirrored)" if several else "Yes, a selfie recording (mirrored)"
        )
        if frame is None:
            self.first_frame.clear()
        else:  # as recorded, not flipped: the learner judges
            self.first_frame.setPixmap(QPixmap.fromImage(frame))

    def give_answer(self, is_selfie: bool) -> None:
        """The answer the learner gave before for the video(s) asked about, chosen (they may change it)."""
        (self.selfie if is_selfie else self.not_selfie).setChecked(True)

    @property
    def answered(self) -> bool:
        return self.answers.checkedButton() is not None

    @property
    def is_selfie(self) -> bool:
        return self.selfie.isChecked()

    def wait_for_answer(self, waiting: bool, button: QAbstractButton) -> None:
        """Say, where the learner looks and on the ``button`` that waits, that what they asked for waits for
        the answer (or no longer)."""
        self.answer_first.setVisible(waiting)  # its room kept: what lies below does not move as it goes
        button.setToolTip(self.answer_first.text() if waiting else "")


def question_picture(frame_bgr: np.ndarray) -> QImage:
    """A video's first frame (BGR, read already) as the question shows it: as recorded, not flipped, at most
    :data:`QUESTION_PICTURE_SIDE` a side. No reading: quick on any thread (a QImage may be made on any)."""
    height, width = frame_bgr.shape[:2]
    scale = QUESTION_PICTURE_SIDE / max(height, width, 1)
    fit = (round(width * scale), round(height * scale)) if scale < 1 else None
    return bgr_to_qimage(frame_bgr, flip=False, fit=fit)


def first_frame(video: Path) -> QImage | None:
    """The first frame of ``video`` for the question (None when it has none that can be read). Reads the
    video: a job for the worker thread that looks at the video before it is asked about."""
    from signcore.extract import iter_video_frames

    frame = next(iter_video_frames(video, max_side=QUESTION_PICTURE_SIDE), None)
    return None if frame is None else question_picture(frame.image)


class SelfieDialog(QDialog):
    """Before one video is read for its signing: is it a selfie recording? Asked as an import asks it, and the
    button that reads the video (``accept_words``) waits for the answer (``waiting_words`` say so). ``frame``:
    the video's first frame, read already off the GUI thread (None: it has none, and none is shown)."""

    def __init__(
        self,
        video: Path,
        title: str,
        accept_words: str,
        waiting_words: str,
        parent=None,
        frame: QImage | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.selfie_question = SelfieQuestion(waiting_words)
        self.selfie_question.ask_about(video, frame)
        self.selfie_question.answer_changed.connect(self._follow_answer)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.accept_button = buttons.addButton(accept_words, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.selfie_question)
        layout.addWidget(buttons)
        self._follow_answer()

    def _follow_answer(self) -> None:
        unanswered = not self.selfie_question.answered
        self.accept_button.setEnabled(not unanswered)
        self.selfie_question.wait_for_answer(unanswered, self.accept_button)


def ask_if_selfie(
    video: Path,
    title: str,
    accept_words: str,
    waiting_words: str,
    parent=None,
    answers: SelfieAnswers | None = None,
    frame: QImage | None = None,
) -> bool | None:
    """Whether the learner says ``video`` is a selfie recording (:class:`SelfieDialog`, beside its first
    ``frame``, read by the caller off the GUI thread); None if they cancelled. ``answers``: those given
    already (the context's store), of which the video's is taken without asking again (and the new one
    kept)."""
    known = None if answers is None else answers.answer(video)
    if known is not None:
        return known
    dialog = SelfieDialog(video, title, accept_words, waiting_words, parent, frame)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    if answers is not None:
        answers.remember(video, dialog.selfie_question.is_selfie)
    return dialog.selfie_question.is_selfie
