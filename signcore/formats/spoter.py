"""SPOTER CSVs (the dataset format of xmartlabs/spoter-embeddings), read and written."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np

from signcore import layout
from signcore.errors import InputError, read_problem
from signcore.files import require_file, write_text_atomically
from signcore.formats.clip import ASSUMED_FPS, LabeledClip, first_unusable, regular_timestamps
from signcore.layout import PoseSequence
from signcore.words import counted

# One row per clip; a column per point and axis (``leftShoulder_X``, ``indexTip_left_Y`` ...) whose cell is
# the stringified per-frame list of MediaPipe-normalised coordinates, 0 where not detected; plus ``labels``
# (class number), ``label_name``, ``video_id``, ``split`` and, when the videos were known, ``video_width``,
# ``video_height`` and ``fps``. ``neck`` (the shoulders' midpoint) is derived, not a layout point.
_SPOTER_BODY = (
    "nose", "leftEye", "rightEye", "leftEar", "rightEar", "leftShoulder", "rightShoulder",
    "leftElbow", "rightElbow", "leftWrist", "rightWrist",
)  # fmt: skip
_SPOTER_THUMB = {
    "thumbCMC": "THUMB_CMC",
    "thumbMP": "THUMB_MCP",
    "thumbIP": "THUMB_IP",
    "thumbTip": "THUMB_TIP",
}
_SPOTER_FINGERS = {
    "index": "INDEX_FINGER",
    "middle": "MIDDLE_FINGER",
    "ring": "RING_FINGER",
    "little": "PINKY",
}
_SPOTER_META = ("labels", "label_name", "video_id", "split", "video_width", "video_height", "fps")


def _camel_to_layout(name: str) -> str:
    return "".join("_" + c if c.isupper() else c.upper() for c in name)  # leftShoulder -> LEFT_SHOULDER


def _spoter_points() -> dict[str, int]:
    """SPOTER point name (without axis) -> canonical point index."""
    points = {name: layout.point_index("POSE_LANDMARKS", _camel_to_layout(name)) for name in _SPOTER_BODY}
    hand_names = {"wrist": "WRIST", **_SPOTER_THUMB}
    for finger, mediapipe_finger in _SPOTER_FINGERS.items():
        for joint in ("MCP", "PIP", "DIP", "Tip"):
            hand_names[finger + joint] = f"{mediapipe_finger}_{joint.upper()}"
    for side, component in (("left", "LEFT_HAND_LANDMARKS"), ("right", "RIGHT_HAND_LANDMARKS")):
        for name, mediapipe_name in hand_names.items():
            points[f"{name}_{side}"] = layout.point_index(component, mediapipe_name)
    return points


SPOTER_POINTS: dict[str, int] = _spoter_points()


def _parse_frame_list(path: Path, row: int, column: str, cell: str | None) -> np.ndarray:
    text = (cell or "").strip()  # None: the row is shorter than the header
    if not (text.startswith("[") and text.endswith("]")):
        raise InputError(
            path, f"row {row}, column {column}: expected a list like [0.5,0.51], got {text[:40]!r}"
        )
    items = [item for item in text[1:-1].split(",") if item.strip()]
    try:
        values = np.array(items, dtype=np.float64)
    except ValueError:
        raise InputError(path, f"row {row}, column {column}: the list holds something not a number") from None
    if first_unusable(values) is not None:
        raise InputError(path, f"row {row}, column {column}: NaN, infinite or out-of-range coordinate")
    return values


CsvRecord = dict[str, str | None]  # a row by column name; None where the row is shorter than the header
_MAX_SIZE = 100_000  # bigger video sizes or frame rates are not real


def _spoter_size(path: Path, row: int, record: CsvRecord, column: str) -> float | None:
    """An optional positive number column (video size, fps); None when absent or empty."""
    text = (record.get(column) or "").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise InputError(path, f"row {row}, column {column}: {text!r} is not a number") from None
    if not 0 < value <= _MAX_SIZE:
        raise InputError(
            path, f"row {row}, column {column}: {text!r} must be a positive number up to {_MAX_SIZE}"
        )
    return value


def _spoter_clip(path: Path, row: int, record: CsvRecord) -> LabeledClip:
    coordinates = {}
    for name in SPOTER_POINTS:
        for axis in "XY":
            column = f"{name}_{axis}"
            coordinates[column] = _parse_frame_list(path, row, column, record[column])
    lengths = [len(values) for values in coordinates.values()]
    n_frames = max(set(lengths), key=lengths.count)  # the length most columns agree on
    odd = next((column for column, values in coordinates.items() if len(values) != n_frames), None)
    if odd is not None:
        problem = f"{len(coordinates[odd])} frames where the other columns have {n_frames}"
        raise InputError(path, f"row {row}, column {odd}: {problem}")
    width = _spoter_size(path, row, record, "video_width")
    height = _spoter_size(path, row, record, "video_height")
    if (width is None) != (height is None):
        raise InputError(path, f"row {row}: video_width and video_height must be given together")
    frame_width, frame_height = (1, 1) if width is None or height is None else (round(width), round(height))
    fps = _spoter_size(path, row, record, "fps") or ASSUMED_FPS

    points = np.zeros((n_frames, layout.N_POINTS, layout.N_DIMS), np.float32)
    for name, index in SPOTER_POINTS.items():
        points[:, index, 0] = coordinates[f"{name}_X"] * frame_width
        points[:, index, 1] = coordinates[f"{name}_Y"] * frame_height
    mask = np.zeros((n_frames, layout.N_POINTS), bool)
    indices = list(SPOTER_POINTS.values())
    mask[:, indices] = points[:, indices, :2].any(axis=2)  # (0, 0) = not detected
    label_name = (record.get("label_name") or "").strip()
    gloss = label_name or (record.get("labels") or "").strip()
    if not gloss:
        raise InputError(path, f"row {row}: neither label_name nor labels is set")
    video_id = (record.get("video_id") or "").strip()
    meta: dict[str, object] = {
        "source_format": "spoter-csv",
        "video_id": video_id,
        "split": (record.get("split") or "").strip(),
    }
    try:
        timestamps = regular_timestamps(n_frames, fps)
    except ValueError as error:
        raise InputError(path, f"row {row}, column fps: {error}") from None
    pose = PoseSequence(points, mask, timestamps, frame_width, frame_height, meta)
    return LabeledClip(gloss, pose, f"{path}#{video_id or f'row{row}'}")


def _read_csv_records(path: Path) -> tuple[list[str], list[CsvRecord]]:
    require_file(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as file:
            reader = csv.DictReader(file)
            records = list(reader)
            header = list(reader.fieldnames or [])
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise InputError(path, f"cannot read the CSV file: {read_problem(error)}") from None
    return header, records


EMPTY_TABLE = "the file is empty (a table of clips holds a header row, then one clip a row)"


def is_spoter_header(header: list[str]) -> bool:
    return "leftEar_X" in header or "wrist_left_X" in header


def read_spoter_csv(path: str | Path) -> list[LabeledClip]:
    """Clips from a SPOTER (spoter-embeddings) dataset CSV; gloss = ``label_name`` (else ``labels``).

    Coordinates are MediaPipe-normalised; with ``video_width``/``video_height`` columns they become pixels,
    otherwise the clip has ``width = height = 1``. The format is 2-D (z = 0) and has no per-frame timing:
    frames are spaced by the ``fps`` column, or 30 fps without one. Left/right hands are taken as named
    (MediaPipe Holistic's, i.e. physical for non-mirrored video). Body points SPOTER does not have are masked.
    """
    path = Path(path)
    header, records = _read_csv_records(path)
    if not header:  # said so: "it has no columns of body and hand points" read as if it were another table
        raise InputError(path, EMPTY_TABLE)
    if not is_spoter_header(header):
        raise InputError(
            path, "not a table of clips in the SPOTER format: it has no columns of body and hand points"
        )
    missing = [f"{name}_{axis}" for name in SPOTER_POINTS for axis in "XY" if f"{name}_{axis}" not in header]
    if missing:
        shown = ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
        raise InputError(path, f"{counted(len(missing), 'column is', 'columns are')} missing: {shown}")
    if not records:
        raise InputError(path, "no clips: the file has only a header row")
    return [_spoter_clip(path, row, record) for row, record in enumerate(records, start=1)]


def _frame_list(values: np.ndarray) -> str:
    return "[" + ",".join("0" if value == 0 else f"{value:.8g}" for value in values) + "]"


def write_spoter_csv(clips: list[LabeledClip], path: str | Path) -> None:
    """Write clips as a SPOTER dataset CSV (atomically), so they can be used with spoter-embeddings.

    What the format cannot hold is lost: depth (z), the body points SPOTER does not name, and irregular
    frame times (the ``fps`` column is the clip's average). ``labels`` numbers the glosses alphabetically;
    ``video_id`` and ``split`` come from ``pose.meta`` when the clip has them. A detected point exactly at
    (0, 0) would read back as missing: that is the format's convention.
    """
    path = Path(path)
    glosses = sorted({clip.gloss for clip in clips})
    columns = [f"{name}_{axis}" for name in (*SPOTER_POINTS, "neck") for axis in "XY"] + list(_SPOTER_META)
    rows = []
    for number, clip in enumerate(clips):
        pose = clip.pose
        scale = np.array([pose.width, pose.height], np.float64)
        normalised = np.where(pose.mask[..., None], pose.points[..., :2] / scale, 0.0)
        row: dict[str, object] = {}
        for name, index in SPOTER_POINTS.items():
            row[f"{name}_X"] = _frame_list(normalised[:, index, 0])
            row[f"{name}_Y"] = _frame_list(normalised[:, index, 1])
        shoulders = normalised[:, [layout.LEFT_SHOULDER, layout.RIGHT_SHOULDER]]
        both = np.asarray(pose.mask[:, [layout.LEFT_SHOULDER, layout.RIGHT_SHOULDER]].all(axis=1))
        neck = np.where(both[:, None], shoulders.mean(axis=1), 0.0)
        row["neck_X"], row["neck_Y"] = _frame_list(neck[:, 0]), _frame_list(neck[:, 1])
        fps = pose.fps if len(pose) > 1 else ASSUMED_FPS
        row.update(
            labels=glosses.index(clip.gloss), label_name=clip.gloss,
            video_id=pose.meta.get("video_id") or f"clip{number}", split=pose.meta.get("split", ""),
            video_width=pose.width, video_height=pose.height, fps=f"{fps:.8g}",
        )  # fmt: skip
        rows.append(row)

    text = io.StringIO(newline="")
    writer = csv.DictWriter(text, fieldnames=columns)
    writer.writeheader()
    writer.writerows(rows)
    write_text_atomically(path, text.getvalue())
