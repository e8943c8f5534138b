"""An open hand held up, drawn as the close-ups draw a hand (Home's "Which hand do you sign with?")."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPainterPathStroker, QPixmap, QPolygonF

from desktop_app.core.signing import view
from desktop_app.core.signing.view import ViewConvention
from desktop_app.ui.skeleton.closeup import FILLED_CLOSEUP_LEAST_SPAN, hands_in_box, paint_hand_bones
from desktop_app.ui.skeleton.colours import LEFT_COLOUR, RIGHT_COLOUR

# The hand question's pictures: the margin round the hand, a finger's width and a bone's line, shares of the
# picture's side; the silhouette's opacity under the bones
HAND_PICTURE_MARGIN = 0.08
FINGER_WIDTH = 0.11
BONE_WIDTH = 0.025  # as thick as a close-up's (3 px) in a picture of 120 px
SILHOUETTE_ALPHA = 90
# The palm's outline (the wrist, the thumb's base, the knuckles) and each finger from its base to its tip
PALM = (0, 1, 5, 9, 13, 17)
FINGERS = ((1, 2, 3, 4), (5, 6, 7, 8), (9, 10, 11, 12), (13, 14, 15, 16), (17, 18, 19, 20))


def raised_hand_on_screen(hand: str, convention: ViewConvention, box: QRectF) -> np.ndarray:
    """The 21 points of the open ``hand`` held up (:func:`desktop_app.core.signing.view.raised_hand`) filling
    ``box``, as the learner sees their own hand in the live picture (``convention``'s mirror view)."""
    points = view.raised_hand(hand)
    return hands_in_box([(points, np.ones(len(points), bool))], box, convention, FILLED_CLOSEUP_LEAST_SPAN)[0]


def hand_picture(hand: str, convention: ViewConvention, side: int, pixel_ratio: float = 1.0) -> QPixmap:
    """A picture of the open ``hand`` held up (``side`` pixels square, for a screen of ``pixel_ratio``), as
    the learner sees their own hand in the live picture (:func:`raised_hand_on_screen`): its silhouette in
    the hand's colour, its bones over it as a close-up draws them."""
    pixmap = QPixmap(round(side * pixel_ratio), round(side * pixel_ratio))
    pixmap.setDevicePixelRatio(pixel_ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    margin = HAND_PICTURE_MARGIN * side
    screen = raised_hand_on_screen(
        hand, convention, QRectF(0, 0, side, side).adjusted(margin, margin, -margin, -margin)
    )
    silhouette = QPainterPath()
    silhouette.addPolygon(QPolygonF([QPointF(*screen[i]) for i in PALM]))
    stroker = QPainterPathStroker()
    stroker.setWidth(FINGER_WIDTH * side)
    stroker.setCapStyle(Qt.PenCapStyle.RoundCap)
    stroker.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    for finger in FINGERS:
        line = QPainterPath(QPointF(*screen[finger[0]]))
        for point in finger[1:]:
            line.lineTo(QPointF(*screen[point]))
        silhouette = silhouette.united(stroker.createStroke(line))
    colour = RIGHT_COLOUR if hand == "right" else LEFT_COLOUR
    fill = QColor(colour)
    fill.setAlpha(SILHOUETTE_ALPHA)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillPath(silhouette, fill)
    paint_hand_bones(painter, screen, np.ones(len(screen), bool), colour, BONE_WIDTH * side)
    painter.end()
    return pixmap
