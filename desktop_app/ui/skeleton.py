"""Skeletons on screen: drawn over camera frames (QPainter, safe on a worker thread), and played as clips.

Every view follows the one convention of :mod:`desktop_app.core.view`: mirror view or camera view for all,
every reference signed with the learner's hand (mirrored when signed with the other), a signer's right hand
always blue and left hand always orange (with a legend). :class:`SkeletonPlayer` is THE player: the
practice page's reference and replay, the library's, the embedding map's, search's and the record dialog's
previews. It frames the signer from the head to the hands in every frame they sign in
(:func:`desktop_app.core.view.figure_space`) and draws a lone glitch frame as its neighbour
(:func:`desktop_app.core.view.drawn_frames`), always draws head and shoulders (a dashed guide for clips
without a body), shows a close-up of the dominant hand's shape beside the figure, counts time in seconds and
interpolates short clips so that they play smoothly at every speed. :class:`FeedbackPicture` shows the
reference and the learner side by side at the moment of the main correction. :func:`hand_picture` draws an
open hand held up as the close-ups draw a hand (Home's question which hand the learner signs with).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import cv2
import numpy as np
from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QPointF, QRectF, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QHelpEvent,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSlider,
    QSpacerItem,
    QStyle,
    QStyleOptionSlider,
    QTextEdit,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core import view
from desktop_app.core.attempts import AttemptOutcome
from desktop_app.core.feedback import Moment, unpictured
from desktop_app.core.settings import PLAYBACK_SPEEDS
from desktop_app.core.view import ViewConvention, sign_only
from desktop_app.ui.shortcuts import STEP_BACK, STEP_FORWARD, Shortcut
from desktop_app.ui.workers import connect_while_alive
from signcore import normalize
from signcore.layout import BONES, HAND_BONES, LEFT_HAND, NOSE, POSE, RIGHT_HAND, PoseSequence

LEFT_COLOUR = QColor(view.LEFT_HAND_COLOUR)
RIGHT_COLOUR = QColor(view.RIGHT_HAND_COLOUR)
BODY_COLOUR = QColor(view.BODY_COLOUR)
GUIDE_COLOUR = QColor(150, 156, 170)
BACKGROUND = QColor(30, 30, 34)
PLAYBACK_TICK_MS = 33  # ~30 repaints a second while a short clip is interpolated: as smooth as the camera
# picture beside it, at half the GUI thread's cost of 60 (the live picture's frame rate rose ~10% under load)
END_PAUSE_S = 0.4  # a short pause at the end of each loop, so the learner sees where the sign ends
PLAY_BUTTON_PADDING = 20  # px around "Pause" in its button at its narrowest (the style's margins and frame)
CONTROLS_SPACING = (
    4  # px between the controls: at the style's 6 a small window's search page was 16 px too wide
)
# Of a player's width, the least the position bar has in the controls' row; in a narrower player it has a row
# of its own, the player's whole width: beside the buttons, the speed and the clock, the search and sign map
# previews of a 1000 x 520 window had a 30-px bar, too short to find a moment on
BAR_LEAST_SHARE = 0.5
FEEDBACK_PICTURE_MIN_HEIGHT = 110  # low enough for a practice result and its picture to fit a 640-px window
# The correction's close-ups: shares of a canvas's short and long sides (at half the long side the smallest
# window's figure was too narrow for its caption "Reference").
CLOSEUP_NEARLY_AS_LARGE_AS_THE_FIGURE = (1.0, 0.45)
# In a narrower correction picture (each figure ~160 px wide in a 1000-px window) that close-up was ~70 px,
# too small to read a handshape: there it takes this share of the width, between the captions, which then
# span the whole width (wrapped beside it, "Reference at 1.2 s" took two lines).
NARROW_FIGURE_WIDTH = 200
NARROW_CLOSEUP_SHARE = 0.6
FADED_ALPHA = 110  # a reference under the learner's replay: drawn, and named, faint
FILLED_CLOSEUP_LEAST_SPAN = 1.0  # hand sizes: only a hand not seen whole (a point or two) is drawn small
CLOSEUP_PEN = 3.0  # the close-up hand's lines (a faded one's are thinner), their ends round
# The margin a close-up keeps around its hand, a share of its box's shorter side, at least a few pixels:
# scaled to reach the box's edges less a fixed 8 px, the fingertips touched the edge of a large box and the
# hand's top met the caption "left hand".
CLOSEUP_MARGIN_SHARE = 0.08
CLOSEUP_LEAST_MARGIN = 5.0


def _component_colour(index: int) -> QColor:
    if LEFT_HAND.start <= index < LEFT_HAND.stop:
        return LEFT_COLOUR
    if RIGHT_HAND.start <= index < RIGHT_HAND.stop:
        return RIGHT_COLOUR
    return BODY_COLOUR


# Bones grouped by colour once, so drawing is three batched passes.
_BONES_BY_GROUP: dict[str, np.ndarray] = {
    "left": np.array([bone for bone in BONES if LEFT_HAND.start <= bone[0] < LEFT_HAND.stop]),
    "right": np.array([bone for bone in BONES if RIGHT_HAND.start <= bone[0] < RIGHT_HAND.stop]),
    "body": np.array([bone for bone in BONES if POSE.start <= bone[0] < POSE.stop]),
}
# In the players the head is an outline: of the face only the mouth is drawn (eye and ear lines clutter).
_PLAYER_BODY_BONES = np.array(
    [bone for bone in _BONES_BY_GROUP["body"] if not set(bone) & set(view.FACE_POINTS) - {NOSE}]
)
_COLOURS = {"left": LEFT_COLOUR, "right": RIGHT_COLOUR, "body": BODY_COLOUR}


def legend_html(convention: ViewConvention | None = None) -> str:
    """The colour legend (and, given the convention, how the picture is oriented) as rich text."""
    text = view.colour_key(
        ((view.RIGHT_HAND_COLOUR, "●", "right hand"), (view.LEFT_HAND_COLOUR, "●", "left hand"))
    )
    return text + (f" &nbsp;·&nbsp; {convention.legend()}" if convention is not None else "")


def bgr_to_qimage(image_bgr: np.ndarray, flip: bool, fit: tuple[int, int] | None = None) -> QImage:
    """A QImage that owns its pixels (safe to hand to another thread), optionally mirrored left-right and
    scaled to fill ``fit`` (width, height) keeping its aspect ratio: shrunk for a small window, enlarged for
    a big screen (a 540 x 720 video stayed that size in the middle of a dark 1370 x 1240 pane).

    In Qt's 32-bit RGB format, the screen's own: QPainter draws on it and QPixmap takes it without a
    conversion (the 24-bit RGB picture this made before cost 10 ms a 640x480 frame on the GUI thread to draw
    on and show, this one 1.3). OpenCV writes the pixels straight into the image's memory."""
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
    as in the players (:func:`~desktop_app.core.view.arms_reaching_hands`): the body tracker's wrist often
    lags below the hand, and the arm ended far from the drawn hand. For the eye only, as there."""
    xy, mask = view.arms_reaching_hands(points[:, :2].astype(np.float64), mask)
    if mirror:
        xy[:, 0] = image.width() - xy[:, 0]
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    line_width = max(2.0, image.width() / 240)
    for group, bones in _BONES_BY_GROUP.items():
        visible = bones[mask[bones[:, 0]] & mask[bones[:, 1]]]
        painter.setPen(QPen(_COLOURS[group], line_width))
        for a, b in visible:
            painter.drawLine(QPointF(*xy[a]), QPointF(*xy[b]))
    painter.setPen(Qt.PenStyle.NoPen)
    radius = line_width * 1.2
    for index in np.flatnonzero(mask):
        painter.setBrush(_component_colour(int(index)))
        painter.drawEllipse(QPointF(*xy[index]), radius, radius)
    painter.end()


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
    """The first of ``notes`` (longest first: :func:`desktop_app.core.view.unseen_hand_notes`) whole on the
    lines it takes in ``room``; else the last on one, cut with an ellipsis (the close-up's tooltip says it
    whole): in a 50-px close-up "hand not seen" ran out of its box in three lines, "hand / not / seen", over
    the caption and under its bottom."""
    for note in notes:
        wrapped = wrapped_to_width(note, metrics, room.width())
        if (wrapped.count("\n") + 1) * metrics.lineSpacing() <= room.height() and "…" not in wrapped:
            return wrapped
    return metrics.elidedText(notes[-1], Qt.TextElideMode.ElideRight, int(room.width()))


def wrapped_to_width(text: str, metrics: QFontMetrics, width: float) -> str:
    """``text`` in lines of at most ``width`` pixels, broken at spaces (a no-break space keeps words together,
    e.g. "at 0.7 s"), a word wider than a line cut with an ellipsis: a caption in a skeleton's corner that a
    narrow window would otherwise cut off."""
    lines: list[str] = []
    for word in re.findall(r" *[^ ]+", text):  # each word with the spaces before it
        if lines and metrics.horizontalAdvance(lines[-1] + word) <= width:
            lines[-1] += word
        else:
            lines.append(word.lstrip(" "))
    return "\n".join(
        line
        if metrics.horizontalAdvance(line) <= width
        else metrics.elidedText(line, Qt.TextElideMode.ElideRight, int(width))
        for line in lines
    )


def long_words_shortened(text: str, metrics: QFontMetrics, width: int) -> str:
    """``text`` with each word wider than ``width`` pixels shortened in its middle ("hand_est…adc7.pose…"):
    wrapped and centred, a file's long name was cut at both ends, its first words and its end lost."""
    return re.sub(
        r"\S+", lambda word: metrics.elidedText(word.group(), Qt.TextElideMode.ElideMiddle, width), text
    )


_HAND_BONES = np.array(HAND_BONES)


def hands_in_box(
    hands: list[tuple[np.ndarray, np.ndarray]], box: QRectF, convention: ViewConvention, least_span: float
) -> list[np.ndarray]:
    """Hands' shapes (points and mask, from :func:`desktop_app.core.view.hand_closeup`) on screen in ``box``
    as ``convention`` shows them: at one scale and centre, so that their shapes compare, filling the box
    (showing at least ``least_span`` hand sizes each way)."""
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
    """The 21 points of the open ``hand`` held up (:func:`desktop_app.core.view.raised_hand`) filling
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


@dataclass
class Track:
    """One skeleton in a player: a pose and how to draw it."""

    pose: PoseSequence
    label: str
    faded: bool = False  # the reference under the learner's replay is drawn lighter
    # The hand it is shown signed with, if known (a reference's: the learner's, also in a two-handed sign
    # whose guess from the clip may be the other); None: the guess (normalize.signing_hand).
    signed_with: str | None = None
    # The learner's own signing (a replay's "You"): its close-up says "your left hand", not a bare "not seen"
    yours: bool = False
    xy: np.ndarray = field(init=False, repr=False)
    mask: np.ndarray = field(init=False, repr=False)  # the points drawn: the seen, and hanging arms held
    body: view.HeadAndShoulders = field(init=False, repr=False)
    drawn: np.ndarray = field(init=False, repr=False)  # the frame drawn for each: a lone glitch's neighbour
    space: view.Box = field(init=False, repr=False)  # framed, unmirrored
    dominant_hand: str = field(init=False)  # the close-up's hand unless the canvas names one

    def __post_init__(self) -> None:
        # Worked out once: a player repaints up to 30 times a second, beside the live camera picture.
        body_xy = normalize.body_xy(self.pose)
        self.body = view.head_and_shoulders(self.pose, body_xy)
        self.xy, self.mask = view.hanging_arms_held(self.pose, body_xy)
        extents = view.figure_extents(self.pose, body_xy, self.body)
        self.drawn, self.space = view.drawn_frames(extents), view.figure_space(extents)
        self.dominant_hand = self.signed_with or normalize.signing_hand(self.pose, self.xy)


class SkeletonCanvas(QWidget):
    """Paints one moment of one or more tracks (see the module docstring); no timing of its own."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMinimumSize(200, 180)
        # Every paint fills the whole canvas first: Qt need not paint what lies under it, which it did for
        # each of the ~30 repaints a second of a playing clip (the page, its tab widget, the labels beside)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.convention = ViewConvention()
        self.tracks: list[Track] = []
        self.message = ""
        self.closeup_hand: str | None = None  # None: the main track's dominant hand
        self.closeup_least_span = view.CLOSEUP_LEAST_SPAN  # hand sizes the close-up shows at least
        # The close-up square's side as shares of the canvas's short and long sides, when it is beside the
        # figure (on the right) and when it is above it (see _areas).
        self.closeup_wide, self.closeup_tall = (0.6, 0.36), (0.45, 0.3)
        self.closeup_share_when_narrow: float | None = None  # of the width, below NARROW_FIGURE_WIDTH
        self.highlight_hand: str | None = None  # drawn thicker (the hand a correction is about)
        # What it frames instead of its tracks' own space (view.Box, unmirrored), and the canvases whose
        # figures it is drawn at one scale with: the correction's two pictures (FeedbackPicture).
        self.framing: view.Box | None = None
        self.scale_partners: list[SkeletonCanvas] = []
        # The canvases shown beside it (the search's two previews, the correction's two figures): their
        # close-ups take one place (_areas). Each chose its own, and side by side one stood at the top right,
        # the other at the bottom right.
        self.closeup_partners: list[SkeletonCanvas] = []
        self._moment: list[tuple[np.ndarray, np.ndarray, int]] = []  # per track: xy, mask, nearest frame
        self._space = (-1.0, -1.3, 1.0, 0.5)  # left, top, right, bottom on screen, in shoulder widths

    def set_tracks(self, tracks: list[Track], message: str = "") -> None:
        self.tracks, self.message = tracks, message
        if tracks:
            self._space = self._screen_space(tracks)
        self._moment = []
        self.update()
        for partner in self.closeup_partners:  # where their close-ups go may change with these figures
            partner.update()

    def show_moment(self, frames: list[tuple[int, int]], fraction: float) -> None:
        """Each track between two of its frames (``fraction`` of the way), interpolated for short clips; a
        lone glitch frame is drawn as its nearest frame (:func:`desktop_app.core.view.drawn_frames`)."""
        self._moment = []
        for track, (first, second) in zip(self.tracks, frames, strict=True):
            pair = (int(track.drawn[first]), int(track.drawn[second]))
            xy, mask = view.arms_reaching_hands(
                *view.frame_at(track.pose, track.xy, track.mask, pair, fraction)
            )
            self._moment.append((xy, mask, pair[0] if fraction < 0.5 else pair[1]))
        self.update()

    @property
    def main_track(self) -> Track | None:
        """The track the close-up follows: the learner's over a faded reference, else the only one."""
        solid = [t for t in self.tracks if not t.faded]
        shown = solid or self.tracks
        return shown[-1] if shown else None

    # -- painting
    def message_room(self) -> QRectF:
        """Where the message is written when there is nothing to draw."""
        return QRectF(self.rect()).adjusted(8, 8, -8, -8)

    def shown_message(self) -> str:
        """The message as written: wrapped by the painter, a word too long for a line shortened first."""
        return long_words_shortened(self.message, self.fontMetrics(), int(self.message_room().width()))

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip:
            # The close-up's words whole: a small one's are shortened ("right", "not seen")
            words = self._closeup_words()
            if words and self._areas()[1].contains(QPointF(event.pos())):
                QToolTip.showText(event.globalPos(), words, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), BACKGROUND)
        if not self.tracks or not self._moment:
            painter.setPen(QColor(190, 190, 190))
            painter.drawText(
                self.message_room(),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.shown_message(),
            )
            return
        main_area, closeup_area = self._areas()  # once a repaint, as the captions
        legend, caption = self._legend_lines(main_area, closeup_area), self._guide_caption(main_area)
        figure_area = self.figure_area(main_area, legend, caption, closeup_area)
        scale = self.drawn_scale(self._to_screen(figure_area)[1])
        self._paint_full_view(painter, figure_area, scale)
        self._paint_closeup(painter, closeup_area)
        self._paint_legend(painter, main_area.adjusted(6, 4, -6, -4), legend)
        if caption:
            painter.setPen(GUIDE_COLOUR)
            painter.drawText(
                main_area.adjusted(6, 4, -6, -4),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                caption,
            )

    def figure_area(self, main_area: QRectF, legend: str, caption: str, closeup: QRectF) -> QRectF:
        """``main_area`` without the strips its captions (``legend``, the guide's ``caption``) are written in,
        above and below the figure: drawn over them, a hand hid "Reference at 0.6 s" and the guide's caption
        (the correction's picture); and without the close-up (``closeup``, :meth:`_areas`): beside it where it
        stands between them (narrow), below it where it stands above the figure."""
        between = self._between_captions(main_area, legend, caption)
        if not between.intersected(closeup).isEmpty():
            if self._narrow_share() is not None:
                between.setRight(closeup.left())
            else:
                between.setTop(closeup.bottom())
        return between

    def _between_captions(self, main_area: QRectF, legend: str, caption: str) -> QRectF:
        line = self.fontMetrics().lineSpacing()
        above = legend.count("\n") + 1 if legend else 0
        below = caption.count("\n") + 1 if caption else 0
        return main_area.adjusted(0, above and 4 + above * line, 0, -(below and 4 + below * line))

    def framed_area(self) -> QRectF:
        """Where its figures are framed, as painted: between the captions, off the close-up."""
        main_area, closeup = self._areas()
        legend = self._legend_lines(main_area, closeup)
        return self.figure_area(main_area, legend, self._guide_caption(main_area), closeup)

    def figure_scale(self) -> float:
        """Pixels per shoulder width its figures fit in at on their own."""
        return self._to_screen(self.framed_area())[1]

    def drawn_scale(self, own: float | None = None) -> float:
        """Pixels per shoulder width its figures are drawn at: the least of theirs and its partners' figures'
        (``own``: its figure_scale, when the caller has it)."""
        partners = [canvas.figure_scale() for canvas in self.scale_partners if canvas.tracks]
        return min([self.figure_scale() if own is None else own, *partners])

    def _legend_lines(self, main_area: QRectF, closeup: QRectF | None) -> str:
        """The legend wrapped to its room: beside a close-up above the figure (``closeup``, :meth:`_areas`;
        None in a narrow canvas while that is worked out: there it stands between the captions), the width
        left of it."""
        width = main_area.width() - 12
        if closeup is not None and self._narrow_share() is None and closeup.top() <= main_area.top():
            width -= closeup.width() if main_area.intersects(closeup) else 0
        return wrapped_to_width(self.legend(), self.fontMetrics(), width)

    def _guide_caption(self, main_area: QRectF) -> str:
        """What the dashed lines stand for (:func:`view.guide_caption`), whole in the width of the corner it
        is written in, wrapped where too wide (chosen by a fixed 300 px, it was cut in a narrow correction
        picture: "dashed: a gu"); the same words in every player, however narrow."""
        caption = view.guide_caption([track.body for track in self.tracks])
        return wrapped_to_width(caption, self.fontMetrics(), main_area.width() - 12)

    def legend(self) -> str:
        """The figures' names in the corner: one figure, or figures over each other (the faded one's name
        painted as faint as its figure: :meth:`_paint_legend`)."""
        return "   ".join(self._legend_entry(track) for track in self.tracks if track.label)

    @staticmethod
    def _legend_entry(track: Track) -> str:
        return f"●\u00a0{track.label}"

    def _paint_legend(self, painter: QPainter, area: QRectF, legend: str) -> None:
        """``legend`` (its lines as wrapped to fit) name by name, a faded figure's as faint as its figure is
        drawn: a dashed circle named the reference drawn in faint solid lines, where dashes mean a guide."""
        faint = {self._legend_entry(track) for track in self.tracks if track.faded}
        metrics = painter.fontMetrics()
        for row, line in enumerate(legend.split("\n") if legend else []):
            x, y = area.left(), area.top() + row * metrics.lineSpacing() + metrics.ascent()
            for word in re.findall(r" *[^ ]+", line):  # a name is one word: its spaces are no-break ones
                name = word.lstrip(" ")
                x += metrics.horizontalAdvance(word[: len(word) - len(name)])
                colour = QColor(205, 205, 205)
                colour.setAlpha(FADED_ALPHA if name in faint else 255)
                painter.setPen(colour)
                painter.drawText(QPointF(x, y), name)
                x += metrics.horizontalAdvance(name)

    def _narrow_share(self) -> float | None:
        """The close-up's share of the width in a figure too narrow for it beside or above, else None
        (:attr:`closeup_share_when_narrow`)."""
        return self.closeup_share_when_narrow if self.width() < NARROW_FIGURE_WIDTH else None

    def _areas(self) -> tuple[QRectF, QRectF]:
        """The full view, and the hand close-up's square at its top right: beside the figure (a column on the
        right) or above it (a row at the top, the legend left of the close-up), whichever leaves the figure
        larger. Always the top right, in every player alone or side by side: a lone player put it below a
        figure wide for its canvas, in the bottom corner away from a hanging arm, so it moved from clip to
        clip (the Library's Bier at the bottom right beside hello's at the top right; a record dialog's two
        at the bottom left). Above, not beside, a figure wide for its canvas: 138 of the 496 starter clips in
        the Library's player, 8% smaller forced beside (the widest 30%). Canvases side by side
        (:attr:`closeup_partners`) choose together, so their close-ups are one size too."""
        rect = QRectF(self.rect())
        narrow_share = self._narrow_share()
        if narrow_share is not None:
            # The captions across the whole width, the close-up on the right between them
            between = self._between_captions(rect, self._legend_lines(rect, None), self._guide_caption(rect))
            side = min(between.height(), rect.width() * narrow_share)
            return rect, QRectF(rect.right() - side, between.top(), side, side)
        beside, above = self._beside_and_above()
        together = [self, *(partner for partner in self.closeup_partners if partner.tracks)]
        if self._closeup_goes_beside(together):
            side = rect.width() - beside.width()
            return beside, QRectF(rect.right() - side, rect.top(), side, side)
        side = above.top() - rect.top()
        return rect, QRectF(rect.right() - side, rect.top(), side, side)

    def _beside_and_above(self) -> tuple[QRectF, QRectF]:
        """Where the figure is framed with the close-up beside it (at the right), and with it above."""
        rect = QRectF(self.rect())
        wide, tall = self._closeup_side_beside(rect), self._closeup_side(rect, beside=False)
        return rect.adjusted(0, 0, -wide, 0), rect.adjusted(0, tall, 0, 0)

    def _closeup_side_beside(self, rect: QRectF) -> float:
        """The close-up square's side beside the figure: its share of the canvas, and in a canvas wide and
        low, up to the side its caption "right hand" is written whole at, as far as the room beside the figure
        allows (at the scale the figure has anyway, the height its limit). At 1000 x 440 Practice's reference
        close-up was 50 px, its caption "right" and its hand 15 px high, beside 140 px of empty canvas."""
        side = self._closeup_side(rect, beside=True)
        readable = self.fontMetrics().horizontalAdvance("right hand") + 25  # its caption's and box's margins
        if side >= readable:
            return side
        left, _top, right, _bottom = self._space
        figure_width = self._to_screen(rect.adjusted(0, 0, -side, 0))[1] * (right - left)
        return max(side, min(readable, rect.height(), rect.width() - figure_width))

    @staticmethod
    def _closeup_goes_beside(canvases: list[SkeletonCanvas]) -> bool:
        """Whether the close-ups of ``canvases`` go beside their figures rather than above: the place that
        leaves the smallest of the figures the larger (each figure's scale, in each place)."""
        scales = [[canvas._to_screen(area)[1] for area in canvas._beside_and_above()] for canvas in canvases]
        return min(beside for beside, _above in scales) >= min(above for _beside, above in scales)

    def _closeup_side(self, rect: QRectF, beside: bool) -> float:
        """The close-up square's side: beside the figure (``beside``), or above it. Where a figure of its own
        or of a canvas beside it has no body (a DGS clip: hands and a face point), as large as the
        correction's: that figure is a guide, its hands drawn where they are below it (search's chosen
        "du" a 30-px hand in a 455 x 470 preview), and the close-up is where its handshape can be read."""
        short, long = sorted((rect.width(), rect.height()))
        shares = self.closeup_wide if beside else self.closeup_tall
        if any(canvas._figure_is_a_guide() for canvas in (self, *self.closeup_partners)):
            shares = np.maximum(shares, CLOSEUP_NEARLY_AS_LARGE_AS_THE_FIGURE)
        return float(min(short * shares[0], long * shares[1]))

    def _figure_is_a_guide(self) -> bool:
        """Whether the figure the close-up follows has no body of its own (drawn as a guide)."""
        main = self.main_track
        return main is not None and main.body.is_guide

    def _screen_space(self, tracks: list[Track]) -> view.Box:
        """The union of every track's framed figure (or the framing given), as it lies on screen
        (mirrored)."""
        boxes = []
        for track in tracks:
            left, top, right, bottom = self.framing or track.space
            if self.convention.mirror:
                left, right = -right, -left
            boxes.append((left, top, right, bottom))
        return view.enclosing(boxes)

    def _to_screen(self, area: QRectF, scale: float | None = None):
        """The transform of body-frame points to the screen framing the space in ``area``, and its scale: the
        one that fits, or ``scale`` where that is less (the figures of partners drawn at one scale)."""
        left, top, right, bottom = self._space
        fits = min(area.width() / (right - left), area.height() / (bottom - top))
        scale = fits if scale is None else min(scale, fits)
        offset_x = area.left() + (area.width() - scale * (right - left)) / 2 - scale * left
        offset_y = area.top() + (area.height() - scale * (bottom - top)) / 2 - scale * top

        def transform(xy: np.ndarray) -> np.ndarray:
            xy = np.asarray(xy, np.float64)
            screen_x = self.convention.screen_x(xy[..., 0])
            return np.stack([screen_x * scale + offset_x, xy[..., 1] * scale + offset_y], -1)

        return transform, scale

    def _paint_full_view(self, painter: QPainter, area: QRectF, scale: float) -> None:
        transform, scale = self._to_screen(area, scale)
        painter.save()
        painter.setClipRect(area)  # what is not framed (a hanging arm, a glitch) stays off the captions and
        # the close-up
        for track, (xy, mask, frame) in zip(self.tracks, self._moment, strict=True):
            alpha = FADED_ALPHA if track.faded else 255
            self._paint_head_and_shoulders(painter, track, frame, transform, scale, alpha)
            screen = transform(xy)
            shown = view.upper_body_mask(mask)
            if not track.body.is_guide:
                self._paint_bones(painter, screen, shown, _PLAYER_BODY_BONES, BODY_COLOUR, 2.5, alpha)
            for hand in ("left", "right"):
                width = 4.0 if hand == self.highlight_hand else 2.5
                bones, colour = _BONES_BY_GROUP[hand], _COLOURS[hand]
                self._paint_bones(painter, screen, shown, bones, colour, width, alpha)
        painter.restore()

    def _paint_head_and_shoulders(self, painter, track: Track, frame: int, transform, scale, alpha) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(self._outline_pen(track.body.is_guide or track.body.head_is_guide, alpha))
        head = track.body.head_centre[frame]
        if np.isfinite(head).all():
            centre = transform(head)
            painter.drawEllipse(
                QPointF(*centre), view.HEAD_SIZE[0] * scale / 2, view.HEAD_SIZE[1] * scale / 2
            )
        shoulders = track.body.shoulders[frame]
        painter.setPen(self._outline_pen(track.body.is_guide, alpha))
        if track.body.is_guide and np.isfinite(shoulders).all():
            left, right = transform(shoulders)
            painter.drawLine(QPointF(*left), QPointF(*right))
            for point in (left, right):  # the upper arms hanging down, to show the body's extent
                painter.drawLine(QPointF(*point), QPointF(point[0], point[1] + view.GUIDE_UPPER_ARM * scale))

    @staticmethod
    def _outline_pen(guide: bool, alpha: int) -> QPen:
        """The head's and the shoulders' line: dashed, in the guide's colour, where it is placed, not seen."""
        colour = QColor(GUIDE_COLOUR if guide else BODY_COLOUR)
        colour.setAlpha(alpha)
        pen = QPen(colour, 2.0)
        if guide:
            pen.setStyle(Qt.PenStyle.DashLine)
        return pen

    @staticmethod
    def _paint_bones(painter, screen, shown, bones, colour: QColor, width: float, alpha: int) -> None:
        visible = bones[shown[bones[:, 0]] & shown[bones[:, 1]]]
        colour = QColor(colour)
        colour.setAlpha(alpha)
        painter.setPen(QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        for a, b in visible:
            painter.drawLine(QPointF(*screen[a]), QPointF(*screen[b]))

    def _paint_closeup(self, painter: QPainter, area: QRectF) -> None:
        main = self.main_track
        if main is None or area.isEmpty():
            return
        hand = self.closeup_hand or main.dominant_hand
        inner = closeup_box(area)
        painter.setPen(QPen(QColor(70, 70, 78), 1.0))
        painter.setBrush(QColor(38, 38, 44))
        painter.drawRoundedRect(inner, 6, 6)
        colour = RIGHT_COLOUR if hand == "right" else LEFT_COLOUR
        painter.setPen(colour)
        label_area = closeup_caption_area(inner)
        painter.drawText(
            label_area,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            closeup_label(hand, painter.fontMetrics(), label_area.width()),
        )
        caption_bottom = label_area.top() + painter.fontMetrics().lineSpacing()
        drawn = self.closeup_on_screen(hand, closeup_hand_area(inner, caption_bottom))
        painter.save()
        painter.setClipRect(inner)
        for track, screen, seen in drawn:
            line = QColor(colour)
            line.setAlpha(FADED_ALPHA if track.faded else 255)
            paint_hand_bones(painter, screen, seen, line, CLOSEUP_PEN - 1.0 if track.faded else CLOSEUP_PEN)
        painter.restore()
        if not any(track is main for track, _screen, _seen in drawn):  # (tracks hold arrays: no ==)
            # Said, not an empty box: the learner's hand not tracked for most of a replay left it blank.
            # Over the reference's faint hand, on the box's colour: its lines crossed the words.
            room = closeup_note_room(inner, caption_bottom)
            note, centred = self.unseen_note(room), Qt.AlignmentFlag.AlignCenter
            painter.fillRect(painter.boundingRect(room, centred, note).adjusted(-2, 0, 2, 0), painter.brush())
            painter.drawText(room, centred, note)

    def unseen_note(self, room: QRectF) -> str:
        """What the close-up writes in ``room`` (closeup_note_room) at a moment its figure's hand is not
        seen: whose hand, where it is the learner's and that fits (:func:`view.unseen_hand_notes`)."""
        main = self.main_track
        if main is None:
            return ""
        notes = view.unseen_hand_notes(self.closeup_hand or main.dominant_hand, main.yours)
        return closeup_note(notes, self.fontMetrics(), room)

    def _closeup_words(self) -> str:
        """The close-up's words whole (its tooltip): whose hand, and whether it is seen now."""
        main = self.main_track
        if main is None or not self._moment:
            return ""
        hand = self.closeup_hand or main.dominant_hand
        xy, mask, _frame = next(
            moment for track, moment in zip(self.tracks, self._moment, strict=True) if track is main
        )
        return view.closeup_words(hand, bool(view.hand_closeup(xy, mask, hand)[1].any()), main.yours)

    def closeup_on_screen(self, hand: str, box: QRectF) -> list[tuple[Track, np.ndarray, np.ndarray]]:
        """The close-up's ``hand`` of each track it is seen in at the moment shown, drawn in ``box`` (the
        close-up's hand area under its caption, closeup_hand_area): its 21 points on screen and their mask.
        One scale and centre for all tracks, so their shapes compare; the hand fills the box (a hand seen
        edge-on measures small and its fingers long in hand sizes)."""
        if self.main_track is None or box.isEmpty() or not self._moment:
            return []
        shapes = [
            (track, *view.hand_closeup(xy, mask, hand))
            for track, (xy, mask, _f) in zip(self.tracks, self._moment, strict=True)
        ]
        shapes = [(track, points, seen) for track, points, seen in shapes if seen.any()]
        if not shapes:
            return []
        hands = [(points, seen) for _track, points, seen in shapes]
        screens = hands_in_box(hands, box, self.convention, self.closeup_least_span)
        return [(track, screen, seen) for (track, _p, seen), screen in zip(shapes, screens, strict=True)]


def side_by_side(*canvases: SkeletonCanvas) -> None:
    """``canvases`` are shown side by side: their close-ups take one place (SkeletonCanvas._areas)."""
    for canvas in canvases:
        canvas.closeup_partners = [other for other in canvases if other is not canvas]


class ScrubBar(QSlider):
    """The player's position along its timeline: a click on the groove goes to that moment (Qt's own slider
    moved a page toward it, and a learner clicking where the handshape changes landed elsewhere)."""

    def __init__(self, parent=None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setMinimumWidth(30)  # whatever a narrow player's row leaves it: the steps and keys do the rest

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            option = QStyleOptionSlider()
            self.initStyleOption(option)
            groove = self.style().subControlRect(
                QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderGroove, self
            )
            handle = self.style().subControlRect(
                QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle, self
            )
            if not handle.contains(event.position().toPoint()):
                span = groove.width() - handle.width()
                at = round(event.position().x() - groove.left() - handle.width() / 2)
                self.setValue(
                    QStyle.sliderValueFromPosition(self.minimum(), self.maximum(), at, max(span, 1))
                )
        super().mousePressEvent(event)  # then a drag from there moves it on


ARROW_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_Right)
MODIFIER_KEYS = (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta, Qt.Key.Key_AltGr)
TEXT_BOXES = (QLineEdit, QAbstractSpinBox, QTextEdit, QPlainTextEdit)  # where , . are typed


class KeysAfterAClick(QObject):
    """A player clicked (its figure, its position bar or a step button) steps on its keys (← → , .) until the
    learner does something else: another click, another key, the keyboard moved on. Without taking the
    keyboard: a live view's controls leave it where it was (Practice's sign list, a lesson's main button:
    keep_focus_on_click), so a click on ◀ ▶ gave the player no keys and a → after it moved something else,
    while a click on the figure took them off the sign list. Meanwhile a text box keeps its typing: , .
    are typed there, and any other key gives it its arrows back."""

    def __init__(self, player: SkeletonPlayer, *clicked: QWidget):
        super().__init__(player)
        self._player, self._clicked = player, clicked
        self.armed = False
        self._arming_click = -1  # the time of the click on the player that gave it its keys
        for part in clicked:
            part.installEventFilter(self)

    def arm(self) -> None:
        """The player was just clicked: its keys step it."""
        app = QApplication.instance()
        if not self.armed and isinstance(app, QApplication):
            app.installEventFilter(self)  # the keys wherever the keyboard is, and the next click anywhere
            app.focusChanged.connect(self._keyboard_moved)
            self.armed = True

    def disarm(self) -> None:
        app = QApplication.instance()
        if self.armed and isinstance(app, QApplication):
            app.removeEventFilter(self)
            app.focusChanged.disconnect(self._keyboard_moved)
            self.armed = False

    def _keyboard_moved(self, old: QWidget | None, new: QWidget | None) -> None:
        """The keys go with the keyboard moved on, not with the window made active or left (none has it
        then): the click on ◀ that made the window active gave its keys back to what had them."""
        if old is not None and new is not None:
            self.disarm()

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            # A click elsewhere takes the keys (it reaches its window first); the figure leaves its click to
            # its parents, the same press: not another click
            if watched in self._clicked:
                self.arm()
                self._arming_click = event.timestamp()
            elif event.timestamp() != self._arming_click:
                self.disarm()
        elif kind == QEvent.Type.KeyPress and self.armed and isinstance(event, QKeyEvent):
            steps = self._steps(event)
            if steps and self._player.isVisible():
                self._player.step(steps)
                return True
            if event.key() not in MODIFIER_KEYS:
                self.disarm()
        return False

    @staticmethod
    def _steps(event: QKeyEvent) -> int:
        """The steps a key pressed takes the player: -1, 1, or 0 (not its key, or typed in a text box)."""
        key, typing = event.key(), isinstance(QApplication.focusWidget(), TEXT_BOXES)
        if event.modifiers() not in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
            return 0
        for steps, shortcut in ((-1, STEP_BACK), (1, STEP_FORWARD)):
            if key in shortcut.keys and not (typing and key not in ARROW_KEYS):
                return steps
        return 0


def _step_button(arrow: Qt.ArrowType, name: str, shortcut: Shortcut) -> QToolButton:
    """A small arrow button that steps the player, named for screen readers, its keys in its tooltip."""
    button = QToolButton()
    button.setArrowType(arrow)
    button.setAccessibleName(name)
    button.setToolTip(f"{name} a moment and pause. Keys, once the player is clicked: {shortcut.key_names()}")
    return button


class SkeletonPlayer(QWidget):
    """Plays tracks in a loop at 0.25x-1x speed, time in seconds, with the colour legend; the learner
    pauses it, steps it a step of its timeline at a time (buttons; ← → or , . once the player has the
    keyboard) or drags its position, to stop on the moment a handshape changes.

    A timeline maps playback time to one frame per track: for a single clip, its own timestamps; for the
    replay, the DTW alignment path (attempt frame i shown with the reference frame it was matched to), so
    the two move in sync even where the learner was faster or slower than the reference, and its clock
    reads the reference's moment (:class:`desktop_app.core.feedback.Replay`).
    """

    def __init__(self, parent=None, one_row: bool = False):
        """``one_row``: the position bar stays in the controls' row however narrow the player, where the
        height is scarcer than the width (_place_the_bar)."""
        super().__init__(parent)
        self.one_row = one_row
        self.canvas = SkeletonCanvas(self)
        self.play_button = QPushButton("Pause")
        self.play_button.clicked.connect(self.toggle_playing)
        # The style's least button width (80 px) only where the row has the room: a small window's search
        # previews (322 px) hold the button, the steps, the position, the speed and the clock in one row
        words = max(self.play_button.fontMetrics().horizontalAdvance(text) for text in ("Pause", "Play"))
        self.play_button.setMinimumWidth(words + PLAY_BUTTON_PADDING)
        # To stop on the moment a handshape changes: a position to drag and single steps, in the controls'
        # row, or on a row of its own in a narrow player (_place_the_bar)
        self.back_button = _step_button(Qt.ArrowType.LeftArrow, "Step back", STEP_BACK)
        self.back_button.clicked.connect(lambda: self.step(-1))
        self.forward_button = _step_button(Qt.ArrowType.RightArrow, "Step forward", STEP_FORWARD)
        self.forward_button.clicked.connect(lambda: self.step(1))
        self.position = ScrubBar()
        self.position.setAccessibleName("Moment shown")
        self.position.setToolTip("Drag to a moment of the sign: it pauses there")
        self.position.valueChanged.connect(self._scrubbed)
        # A click on the figure, the bar or a step gives the player its keys, wherever the keyboard is
        self.keys_after_a_click = KeysAfterAClick(
            self, self.canvas, self.back_button, self.forward_button, self.position
        )
        STEP_BACK.bind(self, lambda: self.step(-1), Qt.ShortcutContext.WidgetWithChildrenShortcut)
        STEP_FORWARD.bind(self, lambda: self.step(1), Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.speed_box = QComboBox()
        for speed in PLAYBACK_SPEEDS:  # those the setting may hold: set_speed finds each
            self.speed_box.addItem(f"{speed:g}×", speed)
        self.speed_box.setToolTip("Playback speed")
        self.speed_box.setAccessibleName("Playback speed")
        self.time_label = QLabel()
        # As wide from the start as the clock of a clip under 10 s (every sign): appearing, it widened the
        # player and the pane it stands in (the sign map's legend wrapped and the map shrank as a point was
        # clicked).
        clock = self.time_label.fontMetrics().horizontalAdvance("0.00 s of 0.00 s")
        self.time_label.setMinimumWidth(clock)
        self.time_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.legend = QLabel(legend_html(self.canvas.convention))
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)  # two lines in a narrow player (search previews), never cut
        controls = QHBoxLayout()
        controls.setSpacing(CONTROLS_SPACING)
        controls.addWidget(self.play_button)
        controls.addWidget(self.back_button)
        controls.addWidget(self.position, 1)
        controls.addWidget(self.forward_button)
        controls.addWidget(self.speed_box)
        controls.addWidget(self.time_label)
        self._controls_row = controls
        self._bar_row = QHBoxLayout()  # the position alone, in a narrow player (_place_the_bar)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.legend)
        layout.addLayout(self._bar_row)
        layout.addLayout(controls)
        self._timer = QTimer(self)
        self._timer.setInterval(PLAYBACK_TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._elapsed = QElapsedTimer()
        self._tracks: list[Track] = []
        self._times = np.zeros(0)
        self._readings = np.zeros(0)  # what the clock reads at each step of the timeline
        self._frame_indices = np.zeros((0, 0), int)
        self._clock = 0.0
        self._shown: tuple[int, float] | None = None
        self._clip: PoseSequence | None = None
        self._signed_with: str | None = None  # the hand of the clip of the sign database shown
        # set_clip shows clips of the sign database, or of other signers (ViewConvention.reference): each
        # signed with the learner's hand; else the learner's own signing, as it is
        self.references = False
        self.message = "Select a clip to preview it"
        self.set_message(self.message)

    @property
    def controls(self) -> tuple[QWidget, ...]:
        """Its controls in the order Tab reaches them."""
        return self.play_button, self.back_button, self.position, self.forward_button, self.speed_box

    # -- settings
    @property
    def speed(self) -> float:
        return float(self.speed_box.currentData())

    @speed.setter
    def speed(self, speed: float) -> None:
        self.set_speed(speed)

    def set_speed(self, speed: float) -> None:
        index = self.speed_box.findData(speed)
        self.speed_box.setCurrentIndex(index if index >= 0 else self.speed_box.count() - 1)

    def set_convention(self, convention: ViewConvention) -> None:
        changed = convention.left_handed != self.canvas.convention.left_handed
        self.canvas.convention = convention
        self.legend.setText(legend_html(convention))
        if changed and self.references and self._clip is not None:
            self.set_clip(self._clip, self.message, self._signed_with)
        self.canvas.update()

    def follow_settings(self, context, references: bool) -> None:
        """Keep the view convention and speed of ``context``'s settings; ``references``: clips given to
        :meth:`set_clip` are clips of the sign database (shown signed with the learner's hand:
        :meth:`ViewConvention.reference`), not the learner's signing just captured. A speed the learner
        chooses on it is saved as the settings' speed, every player's: chosen on a lesson's step, the next
        step played at the saved speed again (only Practice saved it)."""
        self.references = references
        self.set_speed(context.settings.playback_speed)
        self.set_convention(ViewConvention.from_settings(context.settings))

        def apply(settings) -> None:
            self.set_speed(settings.playback_speed)
            self.set_convention(ViewConvention.from_settings(settings))

        def chosen(_index: int) -> None:  # activated: the learner's choice only, not set_speed's
            if self.speed != context.settings.playback_speed:
                context.update_settings(playback_speed=self.speed)

        connect_while_alive(self, context.events.settings_changed, apply)
        self.speed_box.activated.connect(chosen)

    # -- what to play
    @property
    def clip(self) -> PoseSequence | None:
        """The clip given to :meth:`set_clip` (as given)."""
        return self._clip

    @property
    def frame(self) -> int:
        """The frame of the first track on screen now."""
        return self._frame_indices[self._shown[0], 0] if self._shown is not None and self._tracks else 0

    @property
    def seconds(self) -> float:
        """How long what it plays lasts at normal speed (a reference: its sign only; 0: nothing)."""
        return float(self._times[-1]) if len(self._times) else 0.0

    def set_message(self, message: str) -> None:
        self.stop()
        self._times = np.zeros(0)
        self._enable_controls(False)  # nothing to play
        with QSignalBlocker(self.position):  # at the start: part-way along, it said a moment of nothing
            self.position.setRange(0, 0)
        self.canvas.set_tracks([], message)
        self.time_label.clear()

    def _enable_controls(self, enabled: bool) -> None:
        for control in (self.play_button, self.back_button, self.position, self.forward_button):
            control.setEnabled(enabled)

    def set_clip(
        self, clip: PoseSequence | None, message: str | None = None, signed_with: str | None = None
    ) -> None:
        """Loop ``clip``'s sign (:func:`sign_only`, as every clip is played) by its own timestamps (None: show
        ``message`` instead); ``signed_with``: the hand of a clip of the sign database (a clip as
        :meth:`AppContext.reference_clip` reads it, with its hand), None: of one not stored yet (being
        imported, a file searched with), the hand it is seen signing with."""
        self._clip, self._signed_with = clip, signed_with
        self.message = message if message is not None else self.message
        if clip is None:
            self.set_message(self.message)
        elif not clip.mask.any():
            self.set_message("Nothing was detected in this clip")
        elif self.references:
            convention = self.canvas.convention
            shown = convention.reference(clip, signed_with or normalize.signing_hand(clip))
            self.play_clip(sign_only(shown), "", convention.learners_hand)
        else:
            self.play_clip(sign_only(clip), "")

    def play_clip(self, pose: PoseSequence, label: str, signed_with: str | None = None) -> None:
        """Loop one clip by its own timestamps; ``signed_with``: the hand it is shown signed with, if known
        (:class:`Track`)."""
        frames = np.arange(len(pose))[:, None]
        self.play([Track(pose, label, signed_with=signed_with)], pose.timestamps, frames)

    def play(
        self,
        tracks: list[Track],
        times: np.ndarray,
        frame_indices: np.ndarray,
        clock: np.ndarray | None = None,
        closeup_hand: str | None = None,
    ) -> None:
        """Loop ``tracks``: at timeline time ``times[k]`` track j shows frame ``frame_indices[k, j]``, and the
        clock reads ``clock[k]`` (default: ``times[k]``), each counted from its first. ``closeup_hand``: the
        hand the close-up shows (None: the main track's signing hand), e.g. the one a correction names."""
        self.canvas.closeup_hand = closeup_hand
        self._tracks = tracks
        self._times = np.asarray(times, np.float64) - (times[0] if len(times) else 0.0)
        readings = self._times if clock is None else np.asarray(clock, np.float64)
        self._readings = readings - (readings[0] if len(readings) else 0.0)
        self._frame_indices = np.asarray(frame_indices, int)
        self.canvas.set_tracks(tracks)
        self._clock, self._shown = 0.0, None
        with QSignalBlocker(self.position):
            self.position.setRange(0, max(len(self._times) - 1, 0))
        self._show(0.0)
        self._enable_controls(len(self._times) > 1)  # one frame: nothing to pause or step through
        if len(self._times) > 1:
            self._elapsed.start()
            self._timer.start()
            self.play_button.setText("Pause")

    def stop(self) -> None:
        self._timer.stop()
        self._tracks = []

    def toggle_playing(self) -> None:
        if self._timer.isActive():
            self.pause()
        elif self._tracks:
            self._elapsed.start()
            self._timer.start()
            self.play_button.setText("Pause")

    def pause(self) -> None:
        self._timer.stop()
        self.play_button.setText("Play")

    @property
    def step_shown(self) -> int:
        """The step of the timeline on screen (the one it is in, while it plays between two)."""
        return self._shown[0] if self._shown is not None else 0

    def step(self, steps: int) -> None:
        """Pause and show the moment ``steps`` steps of the timeline on (back, when negative): one frame of a
        clip; of a replay, one step of its alignment, each track at its frame there."""
        if len(self._times) > 1 and self._tracks:
            self.show_step(min(max(self.step_shown + steps, 0), len(self._times) - 1))

    def show_step(self, step: int) -> None:
        """Pause on step ``step`` of the timeline, the clock reading its moment."""
        self.pause()
        self._clock = float(self._times[step])
        self._show(self._clock)

    def _scrubbed(self, step: int) -> None:
        """The position dragged (or moved by its keys) by the learner: the figure follows it, paused."""
        if self._tracks and step != self.step_shown:
            self.show_step(step)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_the_bar()

    def _place_the_bar(self) -> None:
        """The position bar in the controls' row while it has BAR_LEAST_SHARE of the player's width there,
        else on a row of its own above them, as wide as the player; only as the player crosses that width."""
        beside = (self.play_button, self.back_button, self.forward_button, self.speed_box, self.time_label)
        others = sum(max(w.sizeHint().width(), w.minimumWidth()) for w in beside)
        room = self.width() - others - len(beside) * CONTROLS_SPACING
        own_row = not self.one_row and room < BAR_LEAST_SHARE * self.width()
        if own_row == (self._bar_row.indexOf(self.position) >= 0):
            return
        row = self._controls_row
        if own_row:
            row.removeWidget(self.position)
            # Room as wide as the bar's least, after the steps: ◀ ▶ side by side (room between them read as a
            # layout fault), the speed and the clock at the row's end, and the player as wide as
            # before (narrower, the sign map's preview cut its title)
            least = self.position.minimumSizeHint().width()
            room_at = row.indexOf(self.forward_button) + 1
            row.insertSpacerItem(room_at, QSpacerItem(least, 0, QSizePolicy.Policy.MinimumExpanding))
            self._bar_row.addWidget(self.position)
        else:
            self._bar_row.removeWidget(self.position)
            row.takeAt(row.indexOf(self.forward_button) + 1)  # the room after the steps
            row.insertWidget(row.indexOf(self.back_button) + 1, self.position, 1)

    def hideEvent(self, event) -> None:  # no animation work for a view nobody sees
        self._timer.stop()
        super().hideEvent(event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._tracks and len(self._times) > 1 and self.play_button.text() == "Pause":
            self._elapsed.start()
            self._timer.start()

    def _tick(self) -> None:
        loop = self._times[-1] + END_PAUSE_S
        self._clock = (self._clock + self.speed * self._elapsed.restart() / 1000.0) % max(loop, 1e-3)
        self._show(self._clock)

    def _show(self, clock: float) -> None:
        if not self._tracks or not len(self._times):
            return
        last = len(self._times) - 1
        step = max(min(int(np.searchsorted(self._times, clock, side="right")) - 1, last), 0)
        following = min(step + 1, last)
        span = self._times[following] - self._times[step]
        fraction = float(np.clip((clock - self._times[step]) / span, 0.0, 1.0)) if span > 0 else 0.0
        if not any(t.pose.duration <= view.SHORT_CLIP_S for t in self._tracks):
            # Long clips are not interpolated: draw only on a change of frame. The nearer frame is the step
            # shown, so the bar and a step from it say the frame drawn (the next one drawn, the bar said the
            # one before, and the first step forward showed the same frame)
            if fraction >= 0.5:
                step, following = following, min(following + 1, last)
            fraction = 0.0
        if self._shown == (step, round(fraction, 2)):
            return
        self._shown = (step, round(fraction, 2))
        pairs = list(zip(self._frame_indices[step], self._frame_indices[following], strict=True))
        self.canvas.show_moment(pairs, fraction)
        readings = self._readings
        now = readings[step] + fraction * (readings[following] - readings[step])
        # To the hundredth: a step of one frame (a 30th of a second) left "0.5 s of 2.0 s" as it was
        self.time_label.setText(f"{now:.2f} s of {readings[-1]:.2f} s")
        with QSignalBlocker(self.position):  # following the playing, not moved by the learner
            self.position.setValue(step)


class FeedbackPicture(QWidget):
    """The reference and the learner side by side at one moment (the main correction's), each with a close-up
    of the hand the correction is about, nearly as large as the figure, the hand filling it. It grows with
    the room its page gives it (its expanding direction): at a fixed 110 px high, even on a 2560 px screen, a
    handshape could not be told."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.reference = SkeletonCanvas()
        self.attempt = SkeletonCanvas()
        # The figures no taller than the picture: when a small window squeezed it, they spilt over what lies
        # below (the nearest signs).
        self.setMinimumHeight(FEEDBACK_PICTURE_MIN_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        for canvas in (self.reference, self.attempt):
            canvas.setMinimumSize(150, FEEDBACK_PICTURE_MIN_HEIGHT)
            canvas.closeup_wide = canvas.closeup_tall = CLOSEUP_NEARLY_AS_LARGE_AS_THE_FIGURE
            canvas.closeup_share_when_narrow = NARROW_CLOSEUP_SHARE
            # Each hand fills its box: drawn at two hand sizes to the box, a reference hand shorter than that
            # (many a DGS hand) was 20-30 px high beside the learner's spread one filling its own.
            canvas.closeup_least_span = FILLED_CLOSEUP_LEAST_SPAN
        # One scale for both: a reference framed over its whole clip was a small figure beside a large "You"
        self.reference.scale_partners, self.attempt.scale_partners = [self.attempt], [self.reference]
        side_by_side(self.reference, self.attempt)
        # Said instead of the figures when the hand corrected is seen at no moment in both (unpictured)
        self.unseen = QLabel()
        self.unseen.setWordWrap(True)
        self.unseen.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.unseen.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.reference)
        layout.addWidget(self.attempt)
        layout.addWidget(self.unseen)

    def show_correction(self, outcome: AttemptOutcome, convention: ViewConvention) -> None:
        """The moment of ``outcome``'s main correction; hidden when there is none to picture (no correction,
        or one about the tracking, not the signing)."""
        feedback, hand = outcome.feedback, outcome.corrected_hand
        if feedback is None or feedback.main is None or hand is None or outcome.reference is None:
            self.hide()
            return
        moment = feedback.moment()
        if moment is None:
            self.unseen.setText(unpictured(feedback.main))
            self._show_figures(False)
        else:
            self.show_moment(outcome.reference, outcome.pose, moment, hand, convention)
        self.show()

    def _show_figures(self, shown: bool) -> None:
        """The two figures, or else the words why there are none."""
        self.reference.setVisible(shown)
        self.attempt.setVisible(shown)
        self.unseen.setVisible(not shown)

    def show_moment(
        self,
        reference: PoseSequence,
        attempt: PoseSequence,
        moment: Moment,
        hand: str,
        convention: ViewConvention,
    ) -> None:
        """Both figures at ``moment`` (e.g. ``Feedback.moment()``), captioned with their names and, when
        known, the moment as the replay's clock reads it: the replay plays beside these stills, and nothing
        said they were one moment of it (a learner took them for a replay that had stopped); "at 1.1 s" as
        its clock beside them reads "1.1 s of 1.2 s" ("… of the replay" took three lines of a narrow still).
        Not the attempt's own time: the correction says when in words, and no learner times their signing.
        Both whole, framed alike (the space around both figures at that moment) and drawn at one scale."""
        at = "" if moment.replay_s is None else f" at {moment.replay_s:.1f} s"
        shown = [
            (self.reference, Track(reference, "Reference" + at), moment.reference_frame),
            (self.attempt, Track(attempt, "You" + at, yours=True), moment.attempt_frame),
        ]
        framing = view.enclosing(
            view.moment_space(track.xy, track.mask, track.body, int(track.drawn[frame]))
            for _canvas, track, frame in shown
        )
        for canvas, track, frame in shown:
            canvas.convention = convention
            canvas.closeup_hand = canvas.highlight_hand = hand
            canvas.framing = framing
            canvas.set_tracks([track])
            canvas.show_moment([(frame, frame)], 0.0)
        self._show_figures(True)
