"""A camera frame as a picture on screen, the tracked skeleton drawn over it (safe on a worker thread)."""

from __future__ import annotations

import cv2
import numpy as np
from PySide6.QtCore import QLineF, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen

from desktop_app.core.signing import view
from desktop_app.ui.skeleton.colours import (
    BODY_COLOUR,
    BONES_BY_GROUP,
    GROUP_COLOURS,
    LEFT_COLOUR,
    RIGHT_COLOUR,
)
from signcore.layout import LEFT_HAND, POSE, RIGHT_HAND


def _component_colour(index: int) -> QColor:
    if LEFT_HAND.start <= index < LEFT_HAND.stop:
        return LEFT_COLOUR
    if RIGHT_HAND.start <= index < RIGHT_HAND.stop:
        return RIGHT_COLOUR
    return BODY_COLOUR


def bgr_to_qimage(image_bgr: np.ndarray, flip: bool, fit: tuple[int, int] | None = None) -> QImage:
    """A QImage that owns its pixels (safe to hand to another thread), optionally mirrored left-right and
    scaled to fill ``fit`` (width, height) keeping its aspect ratio: shrunk for a small window, enlarged for
    a big screen (a 540 x 720 video stayed that size in the middle of a dark 1370 x 1240 pane).

    In Qt's 32-bit RGB format, the screen's own: QPainter draws on it and QPixmap takes it without a
    conversion (a 24-bit RGB picture costs 10 ms a 640x480 frame on the GUI thread to draw on and show, this
    one 1.3). OpenCV writes the pixels straight into the image's memory."""
    if fit is not None:
        scale = min(fit[0] / image_bgr.shape[1], fit[1] / image_bgr.shape[0])
        if scale > 0 and scale != 1:
            # Bilinear down to half size looks the same and takes 0.5 ms against area averaging's 3-5 ms
            # (640x480 to 480x360); further down only area averaging keeps fine lines from flickering.
            method = cv2.INTER_LINEAR if scale >= 0.5 else cv2.INTER_AREA
            image_bgr = cv2.resize(image_bgr, (0, 0), fx=scale, fy=scale, interpolation=method)
    if flip:
        image_bgr = cv2.flip(image_bgr, 1)
    height, width = image_bgr.shape[:2]
    image = QImage(width, height, QImage.Format.Format_RGB32)
    # RGB32 is 0xffRRGGBB per pixel: B, G, R, 255 in memory on the little-endian machines the app runs on,
    # which is BGRA to OpenCV.
    pixels = np.frombuffer(image.bits(), np.uint8).reshape(height, image.bytesPerLine() // 4, 4)[:, :width]
    cv2.cvtColor(image_bgr, cv2.COLOR_BGR2BGRA, dst=pixels)
    return image


def draw_skeleton(image: QImage, points: np.ndarray, mask: np.ndarray, mirror: bool) -> None:
    """Draw the detected bones and joints onto ``image``; ``points`` are non-mirrored pixels of the frame,
    ``mirror`` says the image shows the mirror view (x is flipped to match). Each forearm reaches its hand
    as in the players (:func:`~desktop_app.core.signing.view.arms_reaching_hands`): the body tracker's wrist
    often lags below the hand, and the arm ended far from the drawn hand. For the eye only, as there."""
    xy, mask = view.arms_reaching_hands(points[:, :2].astype(np.float64), mask)
    if mirror:
        xy[:, 0] = image.width() - xy[:, 0]
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    line_width = max(2.0, image.width() / 240)
    # Each colour's lines in one call, and its joints under one brush: a call per line and a brush per joint
    # were ~80 calls into Qt a frame, on the GUI thread (the pixels are the same)
    for group, bones in BONES_BY_GROUP.items():
        visible = bones[mask[bones[:, 0]] & mask[bones[:, 1]]]
        painter.setPen(QPen(GROUP_COLOURS[group], line_width))
        painter.drawLines([QLineF(*ends) for ends in xy[visible].reshape(-1, 4).tolist()])
    painter.setPen(Qt.PenStyle.NoPen)
    radius = line_width * 1.2
    for component in (POSE, LEFT_HAND, RIGHT_HAND):  # in the order of their points, as drawn before
        painter.setBrush(_component_colour(component.start))
        for x, y in xy[component][mask[component]].tolist():
            painter.drawEllipse(QPointF(x, y), radius, radius)
    painter.end()
