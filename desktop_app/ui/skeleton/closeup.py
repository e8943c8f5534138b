"""The close-up of a hand: its box, caption and "not seen" note, and hands drawn filling it at one scale."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen

from desktop_app.core.signing import view
from desktop_app.core.signing.view import ViewConvention
from desktop_app.ui.skeleton.captions import wrapped_to_width
from signcore.layout import HAND_BONES

FILLED_CLOSEUP_LEAST_SPAN = 1.0  # hand sizes: only a hand not seen whole (a point or two) is drawn small
CLOSEUP_PEN = 3.0  # the close-up hand's lines (a faded one's are thinner), their ends round
# The margin a close-up keeps around its hand, a share of its box's shorter side, at least a few pixels:
# scaled to reach the box's edges less a fixed 8 px, the fingertips touched the edge of a large box and the
# hand's top met the caption "left hand".
CLOSEUP_MARGIN_SHARE = 0.08
CLOSEUP_LEAST_MARGIN = 5.0


def closeup_box(area: QRectF) -> QRectF:
    """The close-up's rounded box in its ``area`` (SkeletonCanvas._areas)."""
    return area.adjusted(6, 6, -6, -6)


def closeup_caption_area(inner: QRectF) -> QRectF:
    """Where the close-up's caption ("left hand", one line) is written in its rounded box ``inner``."""
    return inner.adjusted(6, 4, -6, -4)


def closeup_hand_area(inner: QRectF, caption_bottom: float) -> QRectF:
    """Where a close-up's hand is drawn in its rounded box ``inner``, under its caption (which ends at
    ``caption_bottom``): its points lie in it, and the round ends of its lines keep the margin all round."""
    margin = max(CLOSEUP_LEAST_MARGIN, CLOSEUP_MARGIN_SHARE * min(inner.width(), inner.height()))
    margin += CLOSEUP_PEN / 2
    top = caption_bottom + margin
    width = max(inner.width() - 2 * margin, 0.0)
    return QRectF(inner.left() + margin, top, width, max(inner.bottom() - margin - top, 0.0))


def closeup_label(hand: str, metrics: QFontMetrics, width: float) -> str:
    """The close-up's caption in ``width`` pixels: "left hand", in a narrow box "left" (its colour says the
    rest), and cut with an ellipsis only when even that does not fit."""
    for label in (f"{hand} hand", hand):
        if metrics.horizontalAdvance(label) <= width:
            return label
    return metrics.elidedText(hand, Qt.TextElideMode.ElideRight, int(width))


def closeup_note_room(inner: QRectF, caption_bottom: float) -> QRectF:
    """Where "not seen" is written in a close-up's rounded box ``inner``, under its caption."""
    top = caption_bottom + 2
    return QRectF(inner.left() + 6, top, max(inner.width() - 12, 0.0), max(inner.bottom() - 4 - top, 0.0))


def closeup_note(notes: Sequence[str], metrics: QFontMetrics, room: QRectF) -> str:
    """The first of ``notes`` (longest first: :func:`desktop_app.core.signing.view.unseen_hand_notes`) whole
    on the lines it takes in ``room``; else the last on one, cut with an ellipsis (the close-up's tooltip says
    it whole): in a 50-px close-up "hand not seen" ran out of its box in three lines, "hand / not / seen",
    over the caption and under its bottom."""
    for note in notes:
        wrapped = wrapped_to_width(note, metrics, room.width())
        if (wrapped.count("\n") + 1) * metrics.lineSpacing() <= room.height() and "…" not in wrapped:
            return wrapped
    return metrics.elidedText(notes[-1], Qt.TextElideMode.ElideRight, int(room.width()))


_HAND_BONES = np.array(HAND_BONES)


def hands_in_box(
    hands: list[tuple[np.ndarray, np.ndarray]], box: QRectF, convention: ViewConvention, least_span: float
) -> list[np.ndarray]:
    """Hands' shapes (points and mask, from :func:`desktop_app.core.signing.view.hand_closeup`) on screen in
    ``box`` as ``convention`` shows them: at one scale and centre, so that their shapes compare, filling the
    box (showing at least ``least_span`` hand sizes each way)."""
    centre, span = view.closeup_span(hands, least_span)
    unit = min(box.width() / span[0], box.height() / span[1])
    middle = np.array([box.center().x(), box.center().y()])
    return [
        np.stack([convention.screen_x(points[:, 0] - centre[0]), points[:, 1] - centre[1]], -1) * unit
        + middle
        for points, _seen in hands
    ]


def paint_hand_bones(
    painter: QPainter, screen: np.ndarray, seen: np.ndarray, colour: QColor, width: float
) -> None:
    """A hand's bones between its points seen (``screen``: its 21 points on screen), lines with round ends."""
    painter.setPen(QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    for a, b in _HAND_BONES[seen[_HAND_BONES[:, 0]] & seen[_HAND_BONES[:, 1]]]:
        painter.drawLine(QPointF(*screen[a]), QPointF(*screen[b]))
