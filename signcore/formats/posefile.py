"""``.pose`` files (pose-format) read into, and written from, the canonical layout.

Reading maps a file's components and points BY NAME onto :mod:`signcore.layout`: MediaPipe Holistic files
(``POSE_LANDMARKS``, ``LEFT_HAND_LANDMARKS``, ``RIGHT_HAND_LANDMARKS``) map, including files with only some of
those components or only some of their points; ``FACE_LANDMARKS`` and ``POSE_WORLD_LANDMARKS`` are ignored
(not part of the layout). OpenPose files (pose-format's ``pose_keypoints_2d``, ``hand_left_keypoints_2d``,
``hand_right_keypoints_2d``) map too: body points by their OpenPose names (``OPENPOSE_BODY``), hand points by
position (OpenPose's 21-point hand is MediaPipe's hand model, point for point, under other names), 2-D only.
Files with none of these components raise :class:`UnsupportedLayoutError`.

Conventions, shared with pose-format's MediaPipe Holistic writer:

* x and y are pixels of the header's ``width`` x ``height``.
* z is MediaPipe's normalised depth as stored by pose-format; the layout wants it scaled by the width, so it
  is multiplied by ``width`` on reading and divided on writing. Some old (v0.1) files store z with an
  unknown offset (values in the hundreds, not the +-1 of MediaPipe depth): their z is dropped (set to 0)
  and ``meta["depth_dropped"]`` is True.
* Confidence 0 means "not detected". Body points count as detected when their confidence (MediaPipe's
  visibility) reaches ``layout.POSE_VISIBILITY_THRESHOLD``; OpenPose points when their confidence reaches
  ``OPENPOSE_MIN_CONFIDENCE`` (OpenPose reports low-confidence guesses rather than nothing). Only the first
  person of each frame is read.

Timing: pose-format stores only an fps (as float32), while webcam clips have irregular frame times. So
:func:`write_pose` appends the exact timestamps after the pose-format body, as a trailer: float64 seconds per
frame, the frame count (uint32) and the 8 bytes ``SPTIMES1``. pose-format (and other readers) stop at the end
of the body and never see it; the trailer travels with the file through copies and renames, unlike a sidecar.
:func:`read_pose` uses it when present and consistent, and the fps otherwise.
"""

from __future__ import annotations

import math
import struct
from pathlib import Path

import numpy as np
from pose_format import Pose
from pose_format.numpy import NumPyPoseBody
from pose_format.pose_header import PoseHeader, PoseHeaderComponent, PoseHeaderDimensions
from pose_format.utils.reader import BufferReader, ConstStructs

from signcore import layout
from signcore.errors import InputError, UnsupportedLayoutError, read_problem
from signcore.files import require_file, write_atomically
from signcore.formats.clip import regular_timestamps
from signcore.layout import PoseSequence

TIMESTAMPS_MAGIC = b"SPTIMES1"
_TRAILER_END = struct.Struct("<I8s")  # frame count, magic
POSE_FORMAT_VERSION = 0.2  # pose_format.pose_header.VERSION, the version its writer stamps on every file

# MediaPipe's normalised depth is within a few units; bigger values are some other encoding.
_PLAUSIBLE_DEPTH = 10.0
# x and y farther than this many frame sizes outside the picture are no detection but a damaged file's
# numbers: 1e30 is finite, but the encoder's normalisation squares it to inf, and one such reference clip
# made every score NaN.
_PLAUSIBLE_EXTENT = 100
# What pose-format raises on truncated or malformed bytes (it does no validation of its own).
_MALFORMED = (
    struct.error,
    ValueError,
    IndexError,
    KeyError,
    TypeError,
    ZeroDivisionError,
    NotImplementedError,
    UnicodeDecodeError,
    OverflowError,
    MemoryError,
    EOFError,
)
_LIMB_COLOR = (0, 255, 0)

# OpenPose components (pose-format's names) and the layout component each maps onto.
OPENPOSE_COMPONENTS = {
    "pose_keypoints_2d": "POSE_LANDMARKS",
    "hand_left_keypoints_2d": "LEFT_HAND_LANDMARKS",
    "hand_right_keypoints_2d": "RIGHT_HAND_LANDMARKS",
}
# OpenPose body points (BODY_25 and COCO) with a MediaPipe twin; the rest (Neck, MidHip, toes) have none.
OPENPOSE_BODY = {
    "Nose": "NOSE",
    "LEye": "LEFT_EYE",
    "REye": "RIGHT_EYE",
    "LEar": "LEFT_EAR",
    "REar": "RIGHT_EAR",
    "LShoulder": "LEFT_SHOULDER",
    "RShoulder": "RIGHT_SHOULDER",
    "LElbow": "LEFT_ELBOW",
    "RElbow": "RIGHT_ELBOW",
    "LWrist": "LEFT_WRIST",
    "RWrist": "RIGHT_WRIST",
    "LHip": "LEFT_HIP",
    "RHip": "RIGHT_HIP",
    "LKnee": "LEFT_KNEE",
    "RKnee": "RIGHT_KNEE",
    "LAnkle": "LEFT_ANKLE",
    "RAnkle": "RIGHT_ANKLE",
    "LHeel": "LEFT_HEEL",
    "RHeel": "RIGHT_HEEL",
}
# OpenPose hand keypoints under 0.2 are mostly guesses on a hand out of view (on pose-format's OpenPose
# samples, half of all hand points score under 0.13).
OPENPOSE_MIN_CONFIDENCE = 0.2
_ANY_CONFIDENCE = float(np.finfo(np.float32).tiny)  # MediaPipe hands: detected = any confidence above 0


def _layout_targets(component: PoseHeaderComponent) -> tuple[list[tuple[int, int]], float] | None:
    """Where a file component's points go, as [(point in the component, layout index)], and the confidence a
    point needs to count as detected; None for a component the layout does not use."""
    if component.name in layout.COMPONENT_SLICES:
        name, names = component.name, layout.COMPONENTS_BY_NAME[component.name]
        pairs = [(i, layout.point_index(name, p)) for i, p in enumerate(component.points) if p in names]
        threshold = layout.POSE_VISIBILITY_THRESHOLD if name == "POSE_LANDMARKS" else _ANY_CONFIDENCE
        return pairs, threshold
    name = OPENPOSE_COMPONENTS.get(component.name)
    if name == "POSE_LANDMARKS":
        pairs = [
            (i, layout.point_index(name, OPENPOSE_BODY[point]))
            for i, point in enumerate(component.points)
            if point in OPENPOSE_BODY
        ]
        return pairs, OPENPOSE_MIN_CONFIDENCE
    if name is not None and len(component.points) == len(layout.HAND_POINTS):
        start = layout.COMPONENT_SLICES[name].start
        return [(i, start + i) for i in range(len(component.points))], OPENPOSE_MIN_CONFIDENCE
    return None


_EMPTY = "the file is empty (a .pose file holds the body and hand points of a clip)"
_CORRUPT = "not a valid .pose file (truncated or corrupt)"


def _cannot_read(path: Path, error: OSError) -> InputError:
    return InputError(path, f"cannot read the pose file: {read_problem(error)}")


def _read_bytes(path: Path) -> bytes:
    require_file(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise _cannot_read(path, error) from error
    if not data:
        raise InputError(path, _EMPTY)
    return data


def _usable_header(header: PoseHeader, path: Path) -> list[tuple[list[tuple[int, int]], float] | None]:
    """Where each of the header's components goes in the layout (:func:`_layout_targets`);
    :class:`InputError` when none of them does, or the image size is none."""
    targets = [_layout_targets(component) for component in header.components]
    if not any(targets):
        names = ", ".join(c.name for c in header.components) or "none"
        raise UnsupportedLayoutError(
            path,
            f"unsupported layout: components {names}; expected MediaPipe holistic names "
            f"({', '.join(layout.COMPONENT_SLICES)}) or OpenPose's ({', '.join(OPENPOSE_COMPONENTS)})",
        )
    width, height = header.dimensions.width, header.dimensions.height
    if width <= 0 or height <= 0:
        raise InputError(path, f"the header's image size {width} x {height} is not usable")
    return targets


def _parse(data: bytes, path: Path) -> Pose:
    try:
        pose = Pose.read(data)
        frames, people, points, dims = pose.body.data.shape
        confidence_shape = np.shape(pose.body.confidence)
    except _MALFORMED:  # the reader's own words (struct sizes, buffers) would mean nothing to a learner
        raise InputError(path, _CORRUPT) from None
    # A frame with no person, or a header with no points, takes no bytes in the body, but ~1 kB in the
    # layout's arrays: 10^9 announced frames would ask for 838 GiB.
    if frames > layout.MAX_CLIP_FRAMES:
        raise InputError(
            path,
            f"the file announces {frames} frames, more than a clip may have ({layout.MAX_CLIP_FRAMES}, "
            "2.4 hours at 30 frames a second): it is damaged or not a recording of signs",
        )
    expected_points = sum(len(component.points) for component in pose.header.components)
    if points != expected_points or confidence_shape != (frames, people, points):
        raise InputError(path, "not a valid .pose file: the body does not match the header's points")
    if round(pose.header.version, 3) == 0.1:
        # pose-format sizes a v0.1 body by the bytes left, so a cut file reads as a shorter clip (with later
        # coordinates taken for confidences). The frame count the file announces (a uint16) tells.
        reader = BufferReader(data)
        PoseHeader.read(reader)
        announced = reader.unpack(ConstStructs.double_ushort)[1]
        if frames % 65536 != announced:
            raise InputError(
                path, f"truncated .pose file: it announces {announced} frames but holds only {frames}"
            )
    return pose


def _trailer_timestamps(data: bytes, n_frames: int) -> np.ndarray | None:
    """The exact timestamps appended by :func:`write_pose`, or None when the file has none for this clip."""
    size = n_frames * 8 + _TRAILER_END.size
    if len(data) < size:
        return None
    count, magic = _TRAILER_END.unpack(data[-_TRAILER_END.size :])
    if magic != TIMESTAMPS_MAGIC or count != n_frames:
        return None
    timestamps = np.frombuffer(data[-size : -_TRAILER_END.size], dtype="<f8").astype(np.float64)
    if layout.timestamps_problem(timestamps) is not None:
        return None  # damaged trailer: fall back to the fps
    return timestamps


def read_pose(path: str | Path) -> PoseSequence:
    """A ``.pose`` file as a clip in the canonical layout (see the module docstring for the mapping)."""
    path = Path(path)
    data = _read_bytes(path)
    pose = _parse(data, path)
    header = pose.header
    targets = _usable_header(header, path)
    width, height = header.dimensions.width, header.dimensions.height

    n_frames = pose.body.data.shape[0]
    values = np.asarray(pose.body.data.data, dtype=np.float32)  # (frames, people, points, dims)
    confidence = np.asarray(pose.body.confidence, dtype=np.float32)
    points = np.zeros((n_frames, layout.N_POINTS, layout.N_DIMS), np.float32)
    mask = np.zeros((n_frames, layout.N_POINTS), bool)
    has_person = values.shape[1] > 0
    offset = 0
    for component, target in zip(header.components, targets, strict=True):
        start, offset = offset, offset + len(component.points)
        dims = min(len(component.format) - 1, values.shape[3], layout.N_DIMS)
        if target is None or not has_person or dims < 2:  # dims < 2: no x and y to place
            continue
        pairs, threshold = target
        for file_index, layout_index in ((start + i, j) for i, j in pairs):
            points[:, layout_index, :dims] = values[:, 0, file_index, :dims]
            mask[:, layout_index] = confidence[:, 0, file_index] >= threshold
    extent = _PLAUSIBLE_EXTENT * max(width, height)
    mask &= np.isfinite(points).all(axis=2) & (np.abs(points[..., :2]) <= extent).all(axis=2)

    meta = {"source_format": "pose", "depth_dropped": False}
    depth = points[..., 2][mask]
    if depth.size and np.abs(depth).max() > _PLAUSIBLE_DEPTH:
        points[..., 2] = 0.0
        meta["depth_dropped"] = True
    else:
        points[..., 2] *= width

    timestamps = _trailer_timestamps(data, n_frames)
    if timestamps is None:
        fps = float(pose.body.fps)
        if not (math.isfinite(fps) and fps > 0) and n_frames > 1:
            raise InputError(path, f"the file's frame rate {fps} is not usable")
        try:
            timestamps = regular_timestamps(n_frames, fps if fps > 0 else 1.0)
        except ValueError as error:
            raise InputError(path, f"the file's frame rate: {error}") from None
    return PoseSequence(points, mask, timestamps, int(width), int(height), meta)


def _header(width: int, height: int) -> PoseHeader:
    components = []
    for name, point_names in layout.COMPONENTS:
        part = layout.COMPONENT_SLICES[name]
        limbs = [(a - part.start, b - part.start) for a, b in layout.BONES if part.start <= a < part.stop]
        components.append(
            PoseHeaderComponent(name, list(point_names), limbs, [_LIMB_COLOR] * len(limbs), "XYZC")
        )
    return PoseHeader(POSE_FORMAT_VERSION, PoseHeaderDimensions(width, height, 0), components)


def write_pose(pose: PoseSequence, path: str | Path) -> None:
    """Write ``pose`` as a pose-format file (v0.2, MediaPipe Holistic component names), atomically.

    Body points are written with confidence 1 where detected and 0 elsewhere; the fps in the header is the
    clip's average, and the exact timestamps follow the body as a trailer (see the module docstring).
    """
    path = Path(path)
    if pose.width < 1 or pose.height < 1 or max(pose.width, pose.height) > 65535:
        raise InputError(path, f"cannot store an image size of {pose.width} x {pose.height} in a .pose file")
    fps = pose.fps if len(pose) > 1 else 30.0
    values = pose.points.copy()
    values[..., 2] /= pose.width
    confidence = pose.mask.astype(np.float32)
    document = Pose(
        _header(pose.width, pose.height), NumPyPoseBody(fps, values[:, None], confidence[:, None])
    )

    def write(temporary: Path) -> None:
        with open(temporary, "wb") as file:
            document.write(file)
            file.write(pose.timestamps.astype("<f8").tobytes())
            file.write(_TRAILER_END.pack(len(pose), TIMESTAMPS_MAGIC))

    write_atomically(path, write)
