"""The canonical landmark layout: the one definition of a pose that every part of the project shares.

A clip is a :class:`PoseSequence` (in the spirit of pose-format: arrays plus a header naming the points,
and a mask for what is missing):

* ``points``     float32 ``(T, N_POINTS, 3)``: x, y, z per point. x and y are in PIXELS of the source image
  (``width`` x ``height``), so distances are isotropic whatever the aspect ratio; z is MediaPipe's relative
  depth scaled by the image width (MediaPipe gives z "on roughly the same scale as x").
  Data whose pixel size is unknown (e.g. the DGS CSVs, normalised to [0, 1]) uses width = height = 1.
* ``mask``       bool ``(T, N_POINTS)``: True where the point was detected. Coordinates under False are
  meaningless (kept at 0) and must never be fed to anything as if they were real.
* ``timestamps`` float64 ``(T,)``: seconds since the first frame. Webcams have variable frame rates, so
  nothing may assume a constant fps; ``fps`` is only a summary.

Points, in this order (``N_POINTS`` = 75):

=========  =======  ====================================================================
component  points   names
=========  =======  ====================================================================
POSE        0..32   MediaPipe Pose's 33 body landmarks (NOSE ... RIGHT_FOOT_INDEX)
LEFT_HAND  33..53   MediaPipe Hand's 21 landmarks of the signer's PHYSICAL left hand
RIGHT_HAND 54..74   the same for the signer's physical right hand
=========  =======  ====================================================================

"Left" and "right" are always the signer's own (anatomical) sides, never the side of the image they appear
on, for mirrored (selfie) and non-mirrored input alike. Coordinates are always those of the NON-mirrored
view: a selfie recording is un-mirrored at extraction time.

The face is represented by the pose's face points (nose, eyes, ears, mouth corners); finer face meshes
are not part of the layout (the encoder does not use them, and they would triple the size of every clip).

Bump ``LAYOUT_VERSION`` whenever the points or their meaning change: exported encoders record the version
they were trained on, and the app refuses a model whose version differs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

LAYOUT_VERSION = 1

# A body point counts as detected when MediaPipe's visibility score reaches this (every source uses it:
# live extraction, .pose files with confidences, the traduttore arrays).
POSE_VISIBILITY_THRESHOLD = 0.5

POSE_POINTS: tuple[str, ...] = (
    "NOSE",
    "LEFT_EYE_INNER",
    "LEFT_EYE",
    "LEFT_EYE_OUTER",
    "RIGHT_EYE_INNER",
    "RIGHT_EYE",
    "RIGHT_EYE_OUTER",
    "LEFT_EAR",
    "RIGHT_EAR",
    "MOUTH_LEFT",
    "MOUTH_RIGHT",
    "LEFT_SHOULDER",
    "RIGHT_SHOULDER",
    "LEFT_ELBOW",
    "RIGHT_ELBOW",
    "LEFT_WRIST",
    "RIGHT_WRIST",
    "LEFT_PINKY",
    "RIGHT_PINKY",
    "LEFT_INDEX",
    "RIGHT_INDEX",
    "LEFT_THUMB",
    "RIGHT_THUMB",
    "LEFT_HIP",
    "RIGHT_HIP",
    "LEFT_KNEE",
    "RIGHT_KNEE",
    "LEFT_ANKLE",
    "RIGHT_ANKLE",
    "LEFT_HEEL",
    "RIGHT_HEEL",
    "LEFT_FOOT_INDEX",
    "RIGHT_FOOT_INDEX",
)
HAND_POINTS: tuple[str, ...] = (
    "WRIST",
    "THUMB_CMC",
    "THUMB_MCP",
    "THUMB_IP",
    "THUMB_TIP",
    "INDEX_FINGER_MCP",
    "INDEX_FINGER_PIP",
    "INDEX_FINGER_DIP",
    "INDEX_FINGER_TIP",
    "MIDDLE_FINGER_MCP",
    "MIDDLE_FINGER_PIP",
    "MIDDLE_FINGER_DIP",
    "MIDDLE_FINGER_TIP",
    "RING_FINGER_MCP",
    "RING_FINGER_PIP",
    "RING_FINGER_DIP",
    "RING_FINGER_TIP",
    "PINKY_MCP",
    "PINKY_PIP",
    "PINKY_DIP",
    "PINKY_TIP",
)

# Component names follow MediaPipe Holistic's names in pose-format headers, so .pose files map by name.
COMPONENTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("POSE_LANDMARKS", POSE_POINTS),
    ("LEFT_HAND_LANDMARKS", HAND_POINTS),
    ("RIGHT_HAND_LANDMARKS", HAND_POINTS),
)


def _component_slices() -> dict[str, slice]:
    slices, start = {}, 0
    for name, points in COMPONENTS:
        slices[name] = slice(start, start + len(points))
        start += len(points)
    return slices


COMPONENT_SLICES: dict[str, slice] = _component_slices()
POSE = COMPONENT_SLICES["POSE_LANDMARKS"]
LEFT_HAND = COMPONENT_SLICES["LEFT_HAND_LANDMARKS"]
RIGHT_HAND = COMPONENT_SLICES["RIGHT_HAND_LANDMARKS"]
N_POINTS: int = sum(len(points) for _, points in COMPONENTS)
N_DIMS = 3
# The longest clip any file may hold (2.4 hours at 30 fps, ~240 MB of landmarks): files announcing more are
# refused before anything is allocated for their frames, as damaged or not a recording of signs.
MAX_CLIP_FRAMES = 2**18
# The times a recording can have: its frames at least a microsecond apart, at most a day from first to last.
# Other timestamps are damaged (or hostile): the encoder reads them as float32 seconds, where they would
# become infinite and every distance NaN.
MIN_FRAME_STEP_S = 1e-6
MAX_CLIP_SECONDS = 86_400.0


def point_index(component: str, point: str) -> int:
    """Index of ``point`` of ``component`` in the canonical layout."""
    start: int = COMPONENT_SLICES[component].start
    return start + COMPONENTS_BY_NAME[component].index(point)


COMPONENTS_BY_NAME: dict[str, tuple[str, ...]] = dict(COMPONENTS)

NOSE = point_index("POSE_LANDMARKS", "NOSE")
LEFT_SHOULDER = point_index("POSE_LANDMARKS", "LEFT_SHOULDER")
RIGHT_SHOULDER = point_index("POSE_LANDMARKS", "RIGHT_SHOULDER")
LEFT_WRIST_BODY = point_index("POSE_LANDMARKS", "LEFT_WRIST")
RIGHT_WRIST_BODY = point_index("POSE_LANDMARKS", "RIGHT_WRIST")
LEFT_ELBOW = point_index("POSE_LANDMARKS", "LEFT_ELBOW")
RIGHT_ELBOW = point_index("POSE_LANDMARKS", "RIGHT_ELBOW")
WRIST, MIDDLE_FINGER_MCP = HAND_POINTS.index("WRIST"), HAND_POINTS.index("MIDDLE_FINGER_MCP")

# Body points below the waist carry no sign information and are usually out of frame.
LOWER_BODY = tuple(point_index("POSE_LANDMARKS", p) for p in POSE_POINTS[POSE_POINTS.index("LEFT_HIP") :])


def _mirror_permutation() -> np.ndarray:
    """Index map that swaps every left point with its right twin (hands and body)."""
    perm = np.arange(N_POINTS)
    for i, name in enumerate(POSE_POINTS):
        if name.startswith("LEFT_"):
            j = POSE_POINTS.index("RIGHT_" + name[len("LEFT_") :])
            perm[POSE.start + i], perm[POSE.start + j] = POSE.start + j, POSE.start + i
        elif name == "MOUTH_LEFT":
            j = POSE_POINTS.index("MOUTH_RIGHT")
            perm[POSE.start + i], perm[POSE.start + j] = POSE.start + j, POSE.start + i
    perm[LEFT_HAND] = np.arange(RIGHT_HAND.start, RIGHT_HAND.stop)
    perm[RIGHT_HAND] = np.arange(LEFT_HAND.start, LEFT_HAND.stop)
    return perm


MIRROR_PERMUTATION: np.ndarray = _mirror_permutation()

# Pairs of point indices joined by a bone: the skeletons drawn, and the limbs of a written .pose file.
HAND_BONES: tuple[tuple[int, int], ...] = (
    (0, 1),
    (1, 2),
    (2, 3),
    (3, 4),
    (0, 5),
    (5, 6),
    (6, 7),
    (7, 8),
    (5, 9),
    (9, 10),
    (10, 11),
    (11, 12),
    (9, 13),
    (13, 14),
    (14, 15),
    (15, 16),
    (13, 17),
    (0, 17),
    (17, 18),
    (18, 19),
    (19, 20),
)
_BODY_BONES = (
    ("LEFT_SHOULDER", "RIGHT_SHOULDER"),
    ("LEFT_SHOULDER", "LEFT_ELBOW"),
    ("LEFT_ELBOW", "LEFT_WRIST"),
    ("RIGHT_SHOULDER", "RIGHT_ELBOW"),
    ("RIGHT_ELBOW", "RIGHT_WRIST"),
    ("LEFT_SHOULDER", "LEFT_HIP"),
    ("RIGHT_SHOULDER", "RIGHT_HIP"),
    ("LEFT_HIP", "RIGHT_HIP"),
    ("LEFT_EYE", "NOSE"),
    ("RIGHT_EYE", "NOSE"),
    ("LEFT_EYE", "LEFT_EAR"),
    ("RIGHT_EYE", "RIGHT_EAR"),
    ("MOUTH_LEFT", "MOUTH_RIGHT"),
)
BONES: tuple[tuple[int, int], ...] = (
    tuple((point_index("POSE_LANDMARKS", a), point_index("POSE_LANDMARKS", b)) for a, b in _BODY_BONES)
    + tuple((LEFT_HAND.start + a, LEFT_HAND.start + b) for a, b in HAND_BONES)
    + tuple((RIGHT_HAND.start + a, RIGHT_HAND.start + b) for a, b in HAND_BONES)
)


def timestamps_problem(timestamps: np.ndarray) -> str | None:
    """Why ``timestamps`` (seconds, one per frame) cannot be a recording's, or None when they can: finite,
    each at least ``MIN_FRAME_STEP_S`` after the one before, at most ``MAX_CLIP_SECONDS`` in all."""
    timestamps = np.asarray(timestamps, np.float64)
    if not np.isfinite(timestamps).all():
        return "timestamps must be finite"
    if len(timestamps) > 1 and np.diff(timestamps).min() < MIN_FRAME_STEP_S:
        return f"timestamps must increase by at least {MIN_FRAME_STEP_S} s a frame"
    if len(timestamps) and timestamps[-1] - timestamps[0] > MAX_CLIP_SECONDS:
        return f"the frames span {timestamps[-1] - timestamps[0]:.3g} s: no recording of signs lasts a day"
    return None


# What the landmarks tracked from a video keep of it (``PoseSequence.meta``): whether it was read as a selfie
# recording, and the sha256 of its bytes, by which an import knows the same video wherever it lies before
# tracking it again (desktop_app.core.importing.imports)
VIDEO_MIRRORED, VIDEO_DIGEST = "mirrored", "video_sha256"


@dataclass
class PoseSequence:
    """One clip in the canonical layout (see the module docstring for units and conventions)."""

    points: np.ndarray
    mask: np.ndarray
    timestamps: np.ndarray
    width: int = 1
    height: int = 1
    meta: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.points = np.asarray(self.points, dtype=np.float32)
        self.mask = np.asarray(self.mask, dtype=bool)
        self.timestamps = np.asarray(self.timestamps, dtype=np.float64)
        t = self.points.shape[0]
        if self.points.shape != (t, N_POINTS, N_DIMS):
            raise ValueError(f"points must have shape (T, {N_POINTS}, {N_DIMS}), got {self.points.shape}")
        if self.mask.shape != (t, N_POINTS):
            raise ValueError(f"mask must have shape ({t}, {N_POINTS}), got {self.mask.shape}")
        if self.timestamps.shape != (t,):
            raise ValueError(f"timestamps must have shape ({t},), got {self.timestamps.shape}")
        if not np.isfinite(self.points[self.mask]).all():
            raise ValueError("points marked present must be finite")
        problem = timestamps_problem(self.timestamps)
        if problem is not None:
            raise ValueError(problem)
        self.points = np.where(self.mask[..., None], self.points, 0.0).astype(np.float32)

    @classmethod
    def empty(cls, n_frames: int = 0, fps: float = 30.0, width: int = 1, height: int = 1) -> PoseSequence:
        """A clip of ``n_frames`` frames with nothing detected, at a regular ``fps``."""
        return cls(
            np.zeros((n_frames, N_POINTS, N_DIMS), np.float32),
            np.zeros((n_frames, N_POINTS), bool),
            np.arange(n_frames) / fps,
            width,
            height,
        )

    def __len__(self) -> int:
        return int(self.points.shape[0])

    @property
    def fps(self) -> float:
        """Average frame rate (a summary only: frames need not be evenly spaced)."""
        if len(self) < 2:
            return 0.0
        return (len(self) - 1) / float(self.timestamps[-1] - self.timestamps[0])

    @property
    def duration(self) -> float:
        return float(self.timestamps[-1] - self.timestamps[0]) if len(self) else 0.0

    def present(self, component: str) -> np.ndarray:
        """Per frame: was any point of ``component`` detected?"""
        return np.asarray(self.mask[:, COMPONENT_SLICES[component]].any(axis=1))

    def detection_counts(self) -> dict[str, int]:
        """Frames in which the body and each hand were found."""
        return {
            "frames": len(self),
            "body": int(self.present("POSE_LANDMARKS").sum()),
            "left_hand": int(self.present("LEFT_HAND_LANDMARKS").sum()),
            "right_hand": int(self.present("RIGHT_HAND_LANDMARKS").sum()),
        }

    def frames(self, index: slice | np.ndarray | list[int]) -> PoseSequence:
        """A new clip made of the selected frames (a slice, a boolean mask or indices)."""
        ts = self.timestamps[index]
        return PoseSequence(
            self.points[index],
            self.mask[index],
            ts - (ts[0] if len(ts) else 0.0),
            self.width,
            self.height,
            dict(self.meta),
        )

    def mirrored(self) -> PoseSequence:
        """The clip as its mirror image: x flipped in the image and left/right points swapped.

        Mirroring a signer turns a right-handed sign into its left-handed form (used for left-handed
        references and for augmentation), and mirroring twice gives back the original.
        """
        points = self.points[:, MIRROR_PERMUTATION].copy()
        points[..., 0] = np.float32(self.width) - points[..., 0]
        mask = self.mask[:, MIRROR_PERMUTATION]
        return PoseSequence(points, mask, self.timestamps, self.width, self.height, dict(self.meta))

    def hands_swapped(self) -> PoseSequence:
        """The clip with its two hands on each other's side, each where it is (not mirrored): a clip whose
        reader took each hand for the other, put right."""
        points, mask = self.points.copy(), self.mask.copy()
        points[:, LEFT_HAND], points[:, RIGHT_HAND] = self.points[:, RIGHT_HAND], self.points[:, LEFT_HAND]
        mask[:, LEFT_HAND], mask[:, RIGHT_HAND] = self.mask[:, RIGHT_HAND], self.mask[:, LEFT_HAND]
        return PoseSequence(points, mask, self.timestamps, self.width, self.height, dict(self.meta))

    def equals(self, other: PoseSequence, atol: float = 1e-4) -> bool:
        """Same frames, same detections and the same coordinates (within ``atol``) where detected."""
        return (
            self.points.shape == other.points.shape
            and np.array_equal(self.mask, other.mask)
            and np.allclose(self.points[self.mask], other.points[other.mask], atol=atol)
            and np.allclose(self.timestamps, other.timestamps, atol=1e-6)
        )
