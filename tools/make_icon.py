"""Draw the app icon, assets/icon.png (512 px): an open hand on a rounded square. Needs PySide6 only.

    QT_QPA_PLATFORM=offscreen python tools/make_icon.py

PyInstaller turns it into the Windows .ico and the macOS .icns when it builds there (installer.spec).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath

SIZE = 512
BACKGROUND = QColor("#1f7a8c")
HAND = QColor("#ffffff")
TARGET = Path(__file__).resolve().parent.parent / "assets" / "icon.png"

# fingers as (centre x, top y, width, length), left to right in a 512 px square; the thumb is drawn apart
FINGERS = ((176, 118, 52, 190), (236, 84, 54, 220), (298, 96, 54, 210), (356, 140, 50, 170))


def draw() -> QImage:
    image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(BACKGROUND)
    painter.drawRoundedRect(QRectF(16, 16, SIZE - 32, SIZE - 32), 96, 96)
    hand = QPainterPath()
    hand.setFillRule(Qt.FillRule.WindingFill)  # overlapping parts add up instead of cancelling out
    for centre, top, width, length in FINGERS:
        hand.addRoundedRect(QRectF(centre - width / 2, top, width, length), width / 2, width / 2)
    hand.addRoundedRect(QRectF(146, 250, 240, 170), 70, 70)  # the palm
    painter.setBrush(HAND)
    painter.drawPath(hand.simplified())
    painter.translate(QPointF(150, 330))
    painter.rotate(-40)
    painter.drawRoundedRect(QRectF(-26, -150, 52, 160), 26, 26)  # the thumb, leaning out
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (QImage needs it)
    if not draw().save(str(TARGET)):
        print(f"error: cannot write {TARGET}", file=sys.stderr)
        return 1
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
