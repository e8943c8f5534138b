"""One moment of skeletons painted under the view convention: figure, close-up, legend (SkeletonCanvas)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from desktop_app.core.signing import view
from desktop_app.core.signing.view import ViewConvention
from desktop_app.ui.skeleton.captions import long_words_shortened, wrapped_to_width
from desktop_app.ui.skeleton.closeup import (
    CLOSEUP_PEN,
    closeup_box,
    closeup_caption_area,
    closeup_hand_area,
    closeup_label,
    closeup_note,
    closeup_note_room,
    hands_in_box,
    paint_hand_bones,
)
from desktop_app.ui.skeleton.colours import (
    BACKGROUND,
    BODY_COLOUR,
    BONES_BY_GROUP,
    GROUP_COLOURS,
    GUIDE_COLOUR,
    LEFT_COLOUR,
    RIGHT_COLOUR,
)
from signcore import normalize
from signcore.layout import NOSE, PoseSequence

# The correction's close-ups: shares of a canvas's short and long sides (at half the long side the smallest
# window's figure was too narrow for its caption "Reference").
CLOSEUP_NEARLY_AS_LARGE_AS_THE_FIGURE = (1.0, 0.45)
# In a narrower correction picture (each figure ~160 px wide in a 1000-px window) that close-up was ~70 px,
# too small to read a handshape: there it takes a share of the width (closeup_share_when_narrow), between the
# captions, which then span the whole width (wrapped beside it, "Reference at 1.2 s" took two lines).
NARROW_FIGURE_WIDTH = 200
FADED_ALPHA = 110  # a reference under the learner's replay: drawn, and named, faint
# In the players the head is an outline: of the face only the mouth is drawn (eye and ear lines clutter).
_PLAYER_BODY_BONES = np.array(
    [bone for bone in BONES_BY_GROUP["body"] if not set(bone) & set(view.FACE_POINTS) - {NOSE}]
)


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
        self.tracks: list[Track] = []
        self._convention = ViewConvention()
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

    @property
    def convention(self) -> ViewConvention:
        return self._convention

    @convention.setter
    def convention(self, convention: ViewConvention) -> None:
        """Draw under ``convention``: the tracks' space is framed as it lies on screen under it (framed as
        mirrored, a figure shown unmirrored after Mirror view off stood off-centre, cut off by its area)."""
        self._convention = convention
        if self.tracks:
            self._space = self._screen_space(self.tracks)
        self.update()

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
        lone glitch frame is drawn as its nearest frame
        (:func:`desktop_app.core.signing.view.drawn_frames`)."""
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
                bones, colour = BONES_BY_GROUP[hand], GROUP_COLOURS[hand]
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
