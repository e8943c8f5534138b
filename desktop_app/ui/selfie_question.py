"""THE question whether a video is a selfie recording, asked the same way wherever a learner's video is read
for its signing: the import dialog and search with a file. Asked, never assumed: a wrong answer swaps the
signer's hands. The first frame is shown as recorded, not flipped, for the learner to judge by."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

MIRROR_HINT = (
    "A phone's front camera or a webcam app shows the signer as in a mirror (writing in the picture reads"
    " backwards)."
)


class SelfieQuestion(QWidget):
    """The question, its two answers (neither chosen at first), the first frame of the video asked about, and
    what waits for the answer (``waiting_words``, shown by :meth:`wait_for_answer`). ``several``: asked of
    every video of an import at once (a sign folder's are shown by its first)."""

    answer_changed = Signal()

    def __init__(self, several: bool, waiting_words: str, parent=None):
        super().__init__(parent)
        recordings = "Are these selfie recordings" if several else "Is this video a selfie recording"
        self.question = QLabel(f"{recordings}? {MIRROR_HINT}")
        self.question.setWordWrap(True)
        self.selfie = QRadioButton(
            "Yes, selfie recordings (mirrored)" if several else "Yes, a selfie recording (mirrored)"
        )
        self.not_selfie = QRadioButton("No, filmed by a camera facing the signer")
        self.answers = QButtonGroup(self)
        for button in (self.selfie, self.not_selfie):
            self.answers.addButton(button)
            button.toggled.connect(self.answer_changed)
        self.answer_first = QLabel(waiting_words)
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

    def ask_about(self, video: Path | None) -> None:
        """Ask about ``video``, beside its first frame; with none, the question is there but greyed."""
        self.setEnabled(video is not None)
        self._show_first_frame(video)

    def _show_first_frame(self, video: Path | None) -> None:
        from signcore.extract import iter_video_frames

        frame = next(iter_video_frames(video, max_side=200), None) if video is not None else None
        if frame is None:
            self.first_frame.clear()
            return
        rgb = frame.image[:, :, ::-1].copy()
        height, width = rgb.shape[:2]
        image = QImage(rgb.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()
        self.first_frame.setPixmap(QPixmap.fromImage(image))  # as recorded, not flipped: the learner judges

    @property
    def answered(self) -> bool:
        return self.answers.checkedButton() is not None

    @property
    def is_selfie(self) -> bool:
        return self.selfie.isChecked()

    def wait_for_answer(self, waiting: bool, button: QAbstractButton) -> None:
        """Say, where the learner looks and on the ``button`` that waits, that what they asked for waits for
        the answer (or no longer)."""
        self.question.setStyleSheet("font-weight: bold" if waiting else "")
        self.answer_first.setVisible(waiting)
        button.setToolTip(self.answer_first.text() if waiting else "")
