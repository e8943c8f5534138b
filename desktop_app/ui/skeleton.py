"""Skeletons: drawn over camera frames (QPainter, safe on a worker thread), and animated in a pyqtgraph view.

Colours are the same everywhere: the signer's left hand orange, right hand blue, the body light grey, so a
learner can tell the hands apart in the live view, the reference and the replay.

The animated views show poses normalised to the signer's body (centre between the shoulders, one unit =
one shoulder width, signcore.normalize.body_frame), so the learner's replay and the reference overlay at the
same size and place whatever the camera distance.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from signcore import normalize
from signcore.layout import BONES, LEFT_HAND, POSE, RIGHT_HAND, PoseSequence

LEFT_COLOUR = QColor(255, 150, 40)
RIGHT_COLOUR = QColor(60, 150, 255)
BODY_COLOUR = QColor(225, 225, 225)
PLAYBACK_TICK_MS = 33


def _component_colour(index: int) -> QColor:
    if LEFT_HAND.start <= index < LEFT_HAND.stop:
        return LEFT_COLOUR
    if RIGHT_HAND.start <= index < RIGHT_HAND.stop:
        return RIGHT_COLOUR
    return BODY_COLOUR


# Bones grouped by colour once, so drawing is three batched calls.
_BONES_BY_COLOUR: dict[str, np.ndarray] = {
    "left": np.array([bone for bone in BONES if LEFT_HAND.start <= bone[0] < LEFT_HAND.stop]),
    "right": np.array([bone for bone in BONES if RIGHT_HAND.start <= bone[0] < RIGHT_HAND.stop]),
    "body": np.array([bone for bone in BONES if POSE.start <= bone[0] < POSE.stop]),
}
_COLOURS = {"left": LEFT_COLOUR, "right": RIGHT_COLOUR, "body": BODY_COLOUR}


def bgr_to_qimage(image_bgr: np.ndarray, flip: bool, fit: tuple[int, int] | None = None) -> QImage:
    """A QImage that owns its pixels (safe to hand to another thread), optionally mirrored left-right and
    shrunk to fit inside ``fit`` (width, height) keeping its aspect ratio."""
    if fit is not None:
        scale = min(fit[0] / image_bgr.shape[1], fit[1] / image_bgr.shape[0])
        if 0 < scale < 1:
            image_bgr = cv2.resize(image_bgr, (0, 0), fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    rgb = cv2.cvtColor(cv2.flip(image_bgr, 1) if flip else image_bgr, cv2.COLOR_BGR2RGB)
    height, width = rgb.shape[:2]
    return QImage(rgb.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()


def draw_skeleton(image: QImage, points: np.ndarray, mask: np.ndarray, mirror: bool) -> None:
    """Draw the detected bones and joints onto ``image``; ``points`` are non-mirrored pixels of the frame,
    ``mirror`` says the image shows the mirror view (x is flipped to match)."""
    xy = points[:, :2].astype(np.float64)
    if mirror:
        xy[:, 0] = image.width() - xy[:, 0]
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    line_width = max(2.0, image.width() / 240)
    for group, bones in _BONES_BY_COLOUR.items():
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


def normalised_xy(pose: PoseSequence) -> np.ndarray:
    """(T, 75, 2) coordinates in shoulder widths from the shoulders' centre (y down), for display."""
    centre, scale = normalize.body_frame(pose.points, pose.mask)
    return (pose.points[..., :2] - centre) / scale


@dataclass
class Track:
    """One skeleton in a :class:`SkeletonView`: a pose and how to draw it."""

    pose: PoseSequence
    label: str
    faded: bool = False  # the reference under the learner's replay is drawn lighter

    def __post_init__(self) -> None:
        self.xy = normalised_xy(self.pose)


class SkeletonView(pg.PlotWidget):
    """Draws one frame of one or more tracks as bones (pyqtgraph, y pointing down like the image).

    One light curve item per colour and track, drawn as independent segments: this runs on the GUI thread
    many times a second, so it avoids per-point styling."""

    def __init__(self, parent=None):
        super().__init__(parent, background=(30, 30, 34))
        self.setAspectLocked(True)
        self.invertY(True)
        self.hideAxis("left")
        self.hideAxis("bottom")
        self.setMouseEnabled(False, False)
        self.setMenuEnabled(False)
        self.hideButtons()
        self.setXRange(-1.6, 1.6, padding=0)
        self.setYRange(-1.4, 2.0, padding=0)
        self._curves: list[dict[str, pg.PlotCurveItem]] = []
        self._legend = pg.TextItem(anchor=(0, 0), color=(200, 200, 200))
        self.addItem(self._legend)
        self._legend.setPos(-1.55, -1.35)

    def set_track_count(self, count: int, faded: list[bool]) -> None:
        for curves in self._curves:
            for curve in curves.values():
                self.removeItem(curve)
        self._curves = []
        for index in range(count):
            curves = {}
            for group in ("body", "left", "right"):
                colour = QColor(_COLOURS[group])
                colour.setAlpha(110 if faded[index] else 255)
                curves[group] = pg.PlotCurveItem(
                    pen=pg.mkPen(colour, width=2 if faded[index] else 3), connect="pairs"
                )
                self.addItem(curves[group])
            self._curves.append(curves)

    def show_frames(self, frames: list[tuple[np.ndarray, np.ndarray]], legend: str = "") -> None:
        """``frames``: per track, (xy (75, 2), mask (75,)) of the frame to show."""
        for curves, (xy, mask) in zip(self._curves, frames, strict=True):
            for group, curve in curves.items():
                bones = _BONES_BY_COLOUR[group]
                segments = xy[bones[mask[bones[:, 0]] & mask[bones[:, 1]]].reshape(-1)]
                curve.setData(segments[:, 0], segments[:, 1])
        if self._legend.toPlainText() != legend:
            self._legend.setText(legend)


class SkeletonPlayer(QWidget):
    """Plays tracks in a loop at 0.25x-1x speed.

    A timeline maps playback time to one frame per track: for a single reference clip, its own timestamps;
    for the replay, the DTW alignment path (attempt frame i shown with the reference frame it was matched
    to), so the two move in sync even where the learner was faster or slower than the reference.
    """

    position_changed = Signal(float)  # seconds into the timeline

    def __init__(self, parent=None, speeds: tuple[float, ...] = (0.25, 0.5, 0.75, 1.0)):
        super().__init__(parent)
        self.view = SkeletonView(self)
        self.play_button = QPushButton("Pause")
        self.play_button.clicked.connect(self.toggle_playing)
        self.speed_box = QComboBox()
        for speed in speeds:
            self.speed_box.addItem(f"{speed:g}×", speed)
        self.speed_box.setToolTip("Playback speed")
        self.time_label = QLabel()
        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addWidget(QLabel("Speed"))
        controls.addWidget(self.speed_box)
        controls.addStretch(1)
        controls.addWidget(self.time_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(controls)
        self._timer = QTimer(self)
        self._timer.setInterval(PLAYBACK_TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._tracks: list[Track] = []
        self._times = np.zeros(0)
        self._frame_indices = np.zeros((0, 0), int)
        self._clock = 0.0
        self._shown_step = -1
        self._legend = ""

    @property
    def speed(self) -> float:
        return float(self.speed_box.currentData())

    def set_speed(self, speed: float) -> None:
        index = self.speed_box.findData(speed)
        self.speed_box.setCurrentIndex(index if index >= 0 else self.speed_box.count() - 1)

    def play_clip(self, pose: PoseSequence, label: str) -> None:
        """Loop one clip by its own timestamps."""
        frames = np.arange(len(pose))[:, None]
        self.play([Track(pose, label)], pose.timestamps, frames)

    def play(self, tracks: list[Track], times: np.ndarray, frame_indices: np.ndarray) -> None:
        """Loop ``tracks``: at timeline time ``times[k]`` track j shows frame ``frame_indices[k, j]``."""
        self._tracks = tracks
        self._times = np.asarray(times, np.float64) - (times[0] if len(times) else 0.0)
        self._frame_indices = np.asarray(frame_indices, int)
        self._legend = "   ".join(f"{'◌' if t.faded else '●'} {t.label}" for t in tracks)
        self.view.set_track_count(len(tracks), [t.faded for t in tracks])
        self._clock = 0.0
        self._show(0)
        if len(self._times):
            self._timer.start()
            self.play_button.setText("Pause")

    def stop(self) -> None:
        self._timer.stop()
        self._tracks = []

    def toggle_playing(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.play_button.setText("Play")
        elif self._tracks:
            self._timer.start()
            self.play_button.setText("Pause")

    def _tick(self) -> None:
        # A short pause at the end of each loop, so the learner sees where the sign ends.
        duration = (self._times[-1] if len(self._times) else 0.0) + 0.4
        self._clock = (self._clock + self.speed * PLAYBACK_TICK_MS / 1000.0) % max(duration, 1e-3)
        step = max(
            min(int(np.searchsorted(self._times, self._clock, side="right")) - 1, len(self._times) - 1), 0
        )
        if step != self._shown_step:  # slowed down, most ticks show the same frame: draw only on a change
            self._show(step)

    def _show(self, step: int) -> None:
        if not self._tracks or not len(self._times):
            return
        self._shown_step = step
        frames = []
        for track, index in zip(self._tracks, self._frame_indices[step], strict=True):
            frames.append((track.xy[index], track.pose.mask[index]))
        self.view.show_frames(frames, self._legend)
        self.time_label.setText(f"{self._times[step]:.2f} s / {self._times[-1]:.2f} s")
        self.position_changed.emit(float(self._times[step]))
