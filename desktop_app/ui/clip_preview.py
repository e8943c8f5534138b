"""A clip's skeleton, animated in a loop: the library's preview and the recording dialog's replay."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QElapsedTimer, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from signcore.layout import BONES, LEFT_HAND, LOWER_BODY, RIGHT_HAND, PoseSequence


class ClipPreview(QWidget):
    """A clip's skeleton, animated in a loop at its real timing (scaled by ``speed``)."""

    BODY_COLOUR, LEFT_COLOUR, RIGHT_COLOUR = QColor("#8a94a6"), QColor("#e0803a"), QColor("#3a8ee0")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMinimumSize(220, 260)
        self.clip: PoseSequence | None = None
        self.frame = 0
        self.speed = 1.0
        self.message = "Select a clip to preview it"
        self._box = QRectF()
        self._clock = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setInterval(33)
        self._timer.timeout.connect(self._advance)

    def set_clip(self, clip: PoseSequence | None, message: str = "Select a clip to preview it") -> None:
        """Show ``clip`` looping from its first frame (None: show ``message`` instead)."""
        self.clip, self.frame, self.message = clip, 0, message
        self._box = _bounding_box(clip) if clip is not None else QRectF()
        if clip is not None and len(clip) > 1:
            self._clock.start()
            self._timer.start()
        else:
            self._timer.stop()
        self.update()

    def _advance(self) -> None:
        if self.clip is None:  # a tick already queued when the clip was taken away
            return
        elapsed = (self._clock.elapsed() / 1000.0 * self.speed) % max(self.clip.duration, 1e-3)
        self.frame = int(np.searchsorted(self.clip.timestamps, elapsed, side="right")) - 1
        self.update()

    def hideEvent(self, event) -> None:  # no animation work for a page nobody sees
        self._timer.stop()
        super().hideEvent(event)

    def showEvent(self, event) -> None:
        if self.clip is not None and len(self.clip) > 1:
            self._timer.start()
        super().showEvent(event)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        if self.clip is None or self._box.isEmpty():
            painter.setPen(self.palette().placeholderText().color())
            text = self.message if self.clip is None else "Nothing was detected in this clip"
            painter.drawText(
                self.rect().adjusted(8, 8, -8, -8),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                text,
            )
            return
        # Fit the whole clip's extent, not one frame's, so the skeleton does not jump around.
        margin = 14
        scale = min(
            (self.width() - 2 * margin) / self._box.width(), (self.height() - 2 * margin) / self._box.height()
        )
        offset = np.array(
            [
                (self.width() - scale * self._box.width()) / 2 - scale * self._box.left(),
                (self.height() - scale * self._box.height()) / 2 - scale * self._box.top(),
            ]
        )
        points = self.clip.points[self.frame, :, :2] * scale + offset
        present = _upper_body(self.clip.mask[self.frame])
        for a, b in BONES:
            if present[a] and present[b]:
                painter.setPen(QPen(self._colour(a), 2.0 if a >= LEFT_HAND.start else 3.0))
                painter.drawLine(QPointF(*points[a]), QPointF(*points[b]))
        painter.setPen(Qt.PenStyle.NoPen)
        for index in np.flatnonzero(present):
            painter.setBrush(self._colour(int(index)))
            painter.drawEllipse(QPointF(*points[index]), 2.5, 2.5)

    def _colour(self, index: int) -> QColor:
        if LEFT_HAND.start <= index < LEFT_HAND.stop:
            return self.LEFT_COLOUR
        if RIGHT_HAND.start <= index < RIGHT_HAND.stop:
            return self.RIGHT_COLOUR
        return self.BODY_COLOUR


def _upper_body(mask: np.ndarray) -> np.ndarray:
    """The mask without the points below the waist (no sign information, usually out of frame anyway)."""
    mask = mask.copy()
    mask[..., list(LOWER_BODY)] = False
    return mask


def _bounding_box(clip: PoseSequence) -> QRectF:
    """The extent of every detected upper-body and hand point over the whole clip (empty if none)."""
    xy = clip.points[..., :2][_upper_body(clip.mask)]
    if len(xy) == 0:
        return QRectF()
    left, top = xy.min(axis=0)
    right, bottom = xy.max(axis=0)
    return QRectF(float(left), float(top), max(float(right - left), 1e-3), max(float(bottom - top), 1e-3))
