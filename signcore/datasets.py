"""Readers for the sign-language landmark data sets, all mapped onto the canonical layout.

Every reader returns :class:`LabeledClip` objects holding a :class:`signcore.layout.PoseSequence`, and raises
:class:`signcore.errors.InputError` naming the file (and row/column where it helps) for what it cannot use.

* DGS CSVs (German Sign Language, ``3D_full/<Word>/<uuid>.csv`` and ``2D_unknown/unknown/<n>.csv``)
* the traduttore MediaPipe Holistic arrays (ASL, ``traduttore_MP_Data.npz``)
* SPOTER CSVs (the dataset format of spoter-embeddings), read and written
* sign folders (``DIR/<gloss>/<clip>.<ext>`` of .pose files, CSVs and videos, also deeper in ``<gloss>``)
"""

from __future__ import annotations

import contextlib
import csv
import functools
import hashlib
import io
import math
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from signcore import layout
from signcore.errors import InputError
from signcore.files import sha256_of_file, write_text_atomically
from signcore.layout import PoseSequence
from signcore.paths import user_data_dir
from signcore.posefile import read_pose, write_pose
from signcore.processes import run_in_processes

# Neither the DGS CSVs nor the traduttore arrays record time; both come from ordinary webcams.
ASSUMED_FPS = 30.0


@dataclass
class LabeledClip:
    """One recorded sign: its gloss (class label), its landmarks and where it came from."""

    gloss: str
    pose: PoseSequence
    source: str
    signer: str | None = None
    language: str | None = None  # "DGS", "ASL", ...


# Normalised image coordinates lie near [0, 1]; values far outside come from a broken file (and would
# overflow float32 once scaled to pixels).
_MAX_NORMALISED = 1000.0


def _first_unusable(values: np.ndarray) -> int | None:
    """Index of the first value that is NaN, infinite or far outside normalised image coordinates."""
    bad = np.flatnonzero(~(np.abs(values) <= _MAX_NORMALISED))
    return int(bad[0]) if bad.size else None


def _regular_timestamps(n_frames: int) -> np.ndarray:
    return np.arange(n_frames) / ASSUMED_FPS


# ----------------------------------------------------------------------------------------------------
# DGS CSVs
# ----------------------------------------------------------------------------------------------------

_HAND_SIZE = len(layout.HAND_POINTS)
_LEFT, _RIGHT = "left", "right"
_HAND_SLICES = {_LEFT: layout.LEFT_HAND, _RIGHT: layout.RIGHT_HAND}

# Hand-to-side assignment (see _assign_hands). Distances are in the CSVs' normalised image units, where a
# hand moves about 0.01-0.03 per frame at 30 fps and two hands are usually 0.1-0.4 apart.
# Cost of a side appearing (a hand that was not seen in the previous frame): a block that moved less than
# this from the previous frame's hand is taken to be that same hand.
_APPEAR_COST = 0.2
# Weight of the image-position cue (a hand on the wrong side of the face) against continuity: small, so a
# hand that crosses the face line keeps its identity, but enough to decide over a whole clip.
_SIDE_WEIGHT = 0.2


def _read_dgs_rows(path: Path) -> tuple[np.ndarray, list[list[np.ndarray]], int]:
    """The face point per frame, the hand blocks per frame (each ``(21, 3)``) and the number of dimensions."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()  # -sig: tolerate a spreadsheet's BOM
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(path, f"cannot read the DGS CSV: {error}") from error
    lines = [line for line in lines if line.strip()]
    if not lines:
        raise InputError(path, "empty file; expected a DGS landmark CSV with a header row")
    header = lines[0].strip().split(";")
    if header[:3] != ["face_x", "face_y", "landmark_x_1"]:
        raise InputError(
            path, "not a DGS landmark CSV: the header must start with face_x;face_y;landmark_x_1"
        )
    dims = 3 if "landmark_z_1" in header else 2
    one_hand, two_hands = 2 + _HAND_SIZE * dims, 2 + 2 * _HAND_SIZE * dims
    if len(header) != two_hands:
        raise InputError(path, f"the header has {len(header)} columns; a {dims}-D DGS CSV has {two_hands}")
    if len(lines) < 2:
        raise InputError(path, "no frames: the file has only a header row")

    rows = [line.strip().split(";") for line in lines[1:]]
    for row_number, cells in enumerate(rows, start=2):
        if len(cells) not in (one_hand, two_hands):
            raise InputError(
                path,
                f"row {row_number} has {len(cells)} values; expected {one_hand} (one hand) or {two_hands}",
            )
    # One conversion for the whole file is several times faster than one per row.
    try:
        values = np.array([cell for cells in rows for cell in cells], dtype=np.float64)
    except ValueError:
        row_number, column, cell = next(
            (row, column, cell)
            for row, cells in enumerate(rows, start=2)
            for column, cell in enumerate(cells, start=1)
            if not _is_number(cell)
        )
        raise InputError(path, f"row {row_number}, column {column}: {cell!r} is not a number") from None
    ends = np.cumsum([len(cells) for cells in rows])
    bad = _first_unusable(values)
    if bad is not None:
        row = int(np.searchsorted(ends, bad, side="right"))
        column = bad - (ends[row - 1] if row else 0)
        raise InputError(
            path, f"row {row + 2}, column {column + 1}: {rows[row][column]!r} is not a usable coordinate"
        )

    faces, blocks = [], []
    for row_values in np.split(values, ends[:-1]):
        faces.append(row_values[:2])
        hands = row_values[2:].reshape(-1, _HAND_SIZE, dims)
        if dims == 2:  # 2-D files carry no depth
            hands = np.concatenate([hands, np.zeros((*hands.shape[:2], 1))], axis=2)
        blocks.append(list(hands))
    return np.array(faces), blocks, dims


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _side_cost(side: str, centroid: tuple[float, float], face: np.ndarray) -> float:
    """How far a hand is on the wrong side of the face for ``side`` (0 on the expected side).

    Non-mirrored camera: the signer's right hand appears on the image's left (x below the face's).
    """
    beyond = centroid[0] - float(face[0])
    return max(0.0, beyond) if side == _RIGHT else max(0.0, -beyond)


def _assign_hands(faces: np.ndarray, blocks: list[list[np.ndarray]]) -> list[dict[str, np.ndarray]]:
    """Give each detected hand block the signer's side it belongs to, over the whole clip at once.

    The CSVs' blocks follow the detector, not the signer. Each frame has two candidate assignments of its
    blocks to sides; the chosen sequence minimises (Viterbi) the sum of

    * continuity: how far each side's hand moved since the previous frame, or ``_APPEAR_COST`` for a side
      that was not seen there (so a tracked hand keeps its identity when the other drops out, when the
      detector swaps its blocks, or when it reports one hand twice), and
    * image position: ``_SIDE_WEIGHT`` times how far a hand lies on the wrong side of the face.
    """
    options_by_count = {1: [(_RIGHT,), (_LEFT,)], 2: [(_RIGHT, _LEFT), (_LEFT, _RIGHT)]}
    frames = []  # per frame: for each option, {side: centroid}
    for hands in blocks:
        centroids = [tuple(hand[:, :2].mean(axis=0).tolist()) for hand in hands]  # floats: fast in the loop
        frames.append([dict(zip(sides, centroids, strict=True)) for sides in options_by_count[len(hands)]])

    def position_cost(frame: int, option: dict) -> float:
        return _SIDE_WEIGHT * sum(_side_cost(side, c, faces[frame]) for side, c in option.items())

    def transition_cost(before: dict, after: dict) -> float:
        return sum(
            math.dist(c, before[side]) if side in before else _APPEAR_COST for side, c in after.items()
        )

    totals = [position_cost(0, option) for option in frames[0]]
    back_pointers = []
    for frame in range(1, len(frames)):
        step_totals, step_pointers = [], []
        for option in frames[frame]:
            paths = [
                totals[i] + transition_cost(before, option) for i, before in enumerate(frames[frame - 1])
            ]
            best = paths.index(min(paths))
            step_totals.append(paths[best] + position_cost(frame, option))
            step_pointers.append(best)
        totals = step_totals
        back_pointers.append(step_pointers)

    choice = totals.index(min(totals))
    chosen = [choice]
    for pointers in reversed(back_pointers):
        choice = pointers[choice]
        chosen.append(choice)
    chosen.reverse()
    return [
        dict(zip(options_by_count[len(hands)][option], hands, strict=True))
        for hands, option in zip(blocks, chosen, strict=True)
    ]


def read_dgs_csv(path: str | Path) -> PoseSequence:
    """One clip of the DGS data set (``3D_full/<Word>/<uuid>.csv`` or ``2D_unknown/unknown/<n>.csv``).

    The files hold a face point and one or two MediaPipe hands per frame, in image coordinates normalised
    to [0, 1], so the clip has ``width = height = 1``. Approximations made here, on purpose:

    * The single face point becomes the body's NOSE; every other body point is masked (not recorded).
    * The hand blocks are in detector order, not the signer's; :func:`_assign_hands` puts each on the
      signer's physical side by continuity and image position, ASSUMING A NON-MIRRORED CAMERA (the signer's
      right hand on the image's left).
    * 2-D files (``2D_unknown``) carry no depth: their z is 0. In 3-D files z is MediaPipe's hand depth.
    * The files have no timing: frames are placed at a regular 30 fps.
    """
    path = Path(path)
    faces, blocks, _ = _read_dgs_rows(path)
    n_frames = len(faces)
    points = np.zeros((n_frames, layout.N_POINTS, layout.N_DIMS), np.float32)
    mask = np.zeros((n_frames, layout.N_POINTS), bool)
    points[:, layout.NOSE, :2] = faces
    mask[:, layout.NOSE] = True
    for frame, hands in enumerate(_assign_hands(faces, blocks)):
        for side, hand in hands.items():
            points[frame, _HAND_SLICES[side]] = hand
            mask[frame, _HAND_SLICES[side]] = True
    return PoseSequence(points, mask, _regular_timestamps(n_frames), 1, 1, {"source_format": "dgs-csv"})


def _word_folders(root: Path) -> list[Path]:
    if not root.is_dir():
        raise InputError(root, "not a folder; expected the DGS data set folder with one subfolder per word")
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))


def load_dgs(root: str | Path, words: list[str] | None = None) -> list[LabeledClip]:
    """The DGS ``3D_full`` layout: ``root/<Word>/<uuid>.csv``, gloss = folder name, language "DGS".

    ``words`` restricts loading to those folders (a name that is not there is an error).
    """
    root = Path(root)
    folders = _word_folders(root)
    if words is not None:
        available = {folder.name for folder in folders}
        missing = sorted(set(words) - available)
        if missing:
            raise InputError(root, f"no word folder for {', '.join(missing)}")
        folders = [folder for folder in folders if folder.name in set(words)]
    clips = [
        LabeledClip(folder.name, read_dgs_csv(file), str(file), language="DGS")
        for folder in folders
        for file in sorted(folder.glob("*.csv"))
    ]
    if not clips:
        raise InputError(root, "no DGS CSV files found (expected root/<Word>/<clip>.csv)")
    return clips


def load_dgs_unknown(root: str | Path) -> list[LabeledClip]:
    """The DGS ``2D_unknown`` layout: ``root/unknown/<n>.csv`` (or the CSVs directly in ``root``).

    One clip per word; the gloss is the file stem (the words are not named). 2-D: no depth (z = 0).
    """
    root = Path(root)
    if not root.is_dir():
        raise InputError(root, "not a folder; expected the DGS 2D_unknown folder")
    files = sorted(root.glob("*.csv")) or sorted(root.glob("*/*.csv"))
    if not files:
        raise InputError(root, "no DGS CSV files found")
    return [LabeledClip(file.stem, read_dgs_csv(file), str(file), language="DGS") for file in files]


# ----------------------------------------------------------------------------------------------------
# traduttore (MediaPipe Holistic arrays, ASL)
# ----------------------------------------------------------------------------------------------------

# The traduttore recordings came from a webcam; MediaPipe's normalised coordinates are turned into pixels of
# this assumed frame size (the usual default webcam mode).
TRADUTTORE_FRAME_SIZE = (640, 480)
_TRADUTTORE_POSE_VALUES = len(layout.POSE_POINTS) * 4
_TRADUTTORE_HAND_VALUES = _HAND_SIZE * 3
_TRADUTTORE_FRAME_VALUES = _TRADUTTORE_POSE_VALUES + 2 * _TRADUTTORE_HAND_VALUES


# What numpy raises for a file that is not an npz, is truncated or holds pickled objects.
_ARCHIVE_ERRORS = (OSError, ValueError, EOFError, zipfile.BadZipFile, zlib.error)


def _traduttore_sequence(values: np.ndarray) -> PoseSequence:
    """One ``(frames, 258)`` traduttore sequence as a clip in pixels of a 640 x 480 frame."""
    width, height = TRADUTTORE_FRAME_SIZE
    n_frames = len(values)
    scale = np.array([width, height, width], np.float32)  # z is on the scale of x (MediaPipe)
    body = values[:, :_TRADUTTORE_POSE_VALUES].reshape(n_frames, len(layout.POSE_POINTS), 4)
    left = values[:, _TRADUTTORE_POSE_VALUES : _TRADUTTORE_POSE_VALUES + _TRADUTTORE_HAND_VALUES]
    right = values[:, _TRADUTTORE_POSE_VALUES + _TRADUTTORE_HAND_VALUES :]

    points = np.zeros((n_frames, layout.N_POINTS, layout.N_DIMS), np.float32)
    mask = np.zeros((n_frames, layout.N_POINTS), bool)
    body_found = body.any(axis=(1, 2))
    points[:, layout.POSE] = body[..., :3] * scale
    mask[:, layout.POSE] = body_found[:, None] & (body[..., 3] >= layout.POSE_VISIBILITY_THRESHOLD)
    # Holistic's left/right hands are the physical ones here (checked in load_traduttore's docstring).
    for hand_slice, hand in ((layout.LEFT_HAND, left), (layout.RIGHT_HAND, right)):
        hand = hand.reshape(n_frames, _HAND_SIZE, 3)
        points[:, hand_slice] = hand * scale
        mask[:, hand_slice] = hand.any(axis=(1, 2))[:, None]
    return PoseSequence(
        points, mask, _regular_timestamps(n_frames), width, height, {"source_format": "traduttore"}
    )


def load_traduttore(npz_path: str | Path) -> list[LabeledClip]:
    """The traduttore ASL data: MediaPipe Holistic landmarks of webcam recordings, 20 frames per sequence.

    Arrays: ``X`` (N, 20, 258) = body 33 x (x, y, z, visibility), left hand 21 x 3, right hand 21 x 3, with
    all-zero meaning "not detected"; ``labels`` (N,) glosses; ``seq`` (N,) the sequence's number within its
    gloss (0, 1, 2, ... per label: it does not identify signers, so ``signer`` is None; it is kept in
    ``pose.meta["seq"]``).

    * Coordinates are MediaPipe-normalised; they are converted to pixels of an assumed 640 x 480 webcam frame.
    * Body points with visibility below ``layout.POSE_VISIBILITY_THRESHOLD`` are masked.
    * Holistic's "left hand" is the signer's physical left here, so the hands are taken as they are. Its
      wrist lies at the body's LEFT_WRIST in 99% of the frames where it is found (Holistic crops hands
      around the body's wrists), and the "right" hand is the dominant one: it does the one-handed
      fingerspelled letters (present in 99.4% of their frames, the left in 0.4%). A mirrored (selfie)
      capture would have made all of the (at least three) signers left-handed.
    * 59 sequences duplicate another one exactly (they are 60 all-zero "-" sequences); only the first of each
      set of identical sequences is kept (4,634 of 4,693 clips).
    * The "-" class is "no sign" (idle) footage, kept with gloss "-"; trainers may want to drop it.
    * Frames are placed at 30 fps (the file has no timing).
    """
    npz_path = Path(npz_path)
    try:
        with np.load(npz_path, allow_pickle=False) as archive:
            missing = {"X", "labels"} - set(archive.files)
            if missing:
                raise InputError(npz_path, f"not a traduttore archive: no array {', '.join(sorted(missing))}")
            values = archive["X"]
            labels = archive["labels"]
            seq = archive["seq"] if "seq" in archive.files else np.arange(len(labels))
    except InputError:
        raise
    except _ARCHIVE_ERRORS as error:
        raise InputError(npz_path, f"cannot read the traduttore archive: {error}") from error
    if values.ndim != 3 or values.shape[2] != _TRADUTTORE_FRAME_VALUES:
        raise InputError(
            npz_path, f"X has shape {values.shape}; expected (N, frames, {_TRADUTTORE_FRAME_VALUES})"
        )
    if not (len(labels) == len(seq) == len(values)):
        counts = f"{len(values)}, {len(labels)}, {len(seq)}"
        raise InputError(npz_path, f"X, labels and seq disagree on the number of sequences: {counts}")
    if not np.issubdtype(values.dtype, np.floating) or not np.abs(values).max(initial=0) <= _MAX_NORMALISED:
        raise InputError(npz_path, "X must hold finite floating-point numbers (normalised coordinates)")

    clips, seen = [], set()
    for index, (sequence, label, number) in enumerate(zip(values, labels, seq, strict=True)):
        digest = hashlib.sha1(np.ascontiguousarray(sequence, dtype=np.float32).tobytes()).digest()
        if digest in seen:
            continue
        seen.add(digest)
        pose = _traduttore_sequence(sequence.astype(np.float32))
        pose.meta["seq"] = int(number)
        clips.append(LabeledClip(str(label), pose, f"{npz_path}#{index}", language="ASL"))
    return clips


# ----------------------------------------------------------------------------------------------------
# SPOTER CSV (the dataset format of xmartlabs/spoter-embeddings)
# ----------------------------------------------------------------------------------------------------

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
    if _first_unusable(values) is not None:
        raise InputError(path, f"row {row}, column {column}: NaN, infinite or out-of-range coordinate")
    return values


_MAX_SIZE = 100_000  # bigger video sizes or frame rates are not real


def _spoter_size(path: Path, row: int, record: dict, column: str) -> float | None:
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


def _spoter_clip(path: Path, row: int, record: dict) -> LabeledClip:
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
    width, height = (round(width), round(height)) if width else (1, 1)
    fps = _spoter_size(path, row, record, "fps") or ASSUMED_FPS

    points = np.zeros((n_frames, layout.N_POINTS, layout.N_DIMS), np.float32)
    for name, index in SPOTER_POINTS.items():
        points[:, index, 0] = coordinates[f"{name}_X"] * width
        points[:, index, 1] = coordinates[f"{name}_Y"] * height
    mask = np.zeros((n_frames, layout.N_POINTS), bool)
    indices = list(SPOTER_POINTS.values())
    mask[:, indices] = points[:, indices, :2].any(axis=2)  # (0, 0) = not detected
    label_name = (record.get("label_name") or "").strip()
    gloss = label_name or (record.get("labels") or "").strip()
    if not gloss:
        raise InputError(path, f"row {row}: neither label_name nor labels is set")
    video_id = (record.get("video_id") or "").strip()
    meta = {"source_format": "spoter-csv", "video_id": video_id, "split": (record.get("split") or "").strip()}
    pose = PoseSequence(points, mask, np.arange(n_frames) / fps, width, height, meta)
    return LabeledClip(gloss, pose, f"{path}#{video_id or f'row{row}'}")


def _read_csv_records(path: Path) -> tuple[list[str], list[dict]]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as file:
            reader = csv.DictReader(file)
            records = list(reader)
            header = list(reader.fieldnames or [])
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise InputError(path, f"cannot read the CSV file: {error}") from None
    return header, records


def _is_spoter_header(header: list[str]) -> bool:
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
    if not _is_spoter_header(header):
        raise InputError(path, "not a SPOTER dataset CSV: no leftEar_X / wrist_left_X columns")
    missing = [f"{name}_{axis}" for name in SPOTER_POINTS for axis in "XY" if f"{name}_{axis}" not in header]
    if missing:
        shown = ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
        raise InputError(path, f"missing column(s) {shown}")
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
        row = {}
        for name, index in SPOTER_POINTS.items():
            row[f"{name}_X"] = _frame_list(normalised[:, index, 0])
            row[f"{name}_Y"] = _frame_list(normalised[:, index, 1])
        shoulders = normalised[:, [layout.LEFT_SHOULDER, layout.RIGHT_SHOULDER]]
        both = pose.mask[:, [layout.LEFT_SHOULDER, layout.RIGHT_SHOULDER]].all(axis=1)
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


# ----------------------------------------------------------------------------------------------------
# Sign folders: root/<gloss>/<clip>.<ext>
# ----------------------------------------------------------------------------------------------------

VIDEO_SUFFIXES = (".mp4", ".mov", ".avi", ".webm", ".mkv", ".m4v", ".mpg", ".mpeg")
CLIP_SUFFIXES = (".pose", ".csv", *VIDEO_SUFFIXES)


@dataclass
class SignFolder:
    """What :func:`load_sign_folder` found: the clips it read, and (path, message) for each it could not."""

    clips: list[LabeledClip]
    failures: list[tuple[str, str]]
    cancelled: bool = False  # True when cancel() stopped the loading: ``clips`` then holds only part


class _LoadingCancelled(Exception):
    """cancel() returned True in the middle of a video."""


@functools.lru_cache(maxsize=4096)
def _content_hash(path: Path, size: int, mtime_ns: int) -> str:
    """sha256 of a file, remembered per (path, size, modification time): evaluating a folder looks each video
    up twice (to extract the uncached ones in parallel, then to load them), and a rewritten file misses."""
    return sha256_of_file(path)


def _video_cache_path(path: Path, cache_dir: Path, mirrored: bool) -> Path:
    """Where the landmarks of this exact video file are cached."""
    from signcore import extract  # MediaPipe and OpenCV load only when a folder really has videos

    try:
        stat = path.stat()
        key = _content_hash(path.resolve(), stat.st_size, stat.st_mtime_ns)
    except OSError as error:
        raise InputError(path, f"cannot read the video: {error}") from error
    # The key also names what changes the landmarks of the same bytes: the layout, the extractor's version
    # and MediaPipe bundle, and the mirroring.
    mirroring = "-mirrored" if mirrored else ""
    return cache_dir / f"{key}-layout{layout.LAYOUT_VERSION}-{extract.extractor_identity()}{mirroring}.pose"


def _video_pose(path: Path, cache_dir: Path, mirrored: bool, cancel) -> PoseSequence:
    """Landmarks of a video, from the cache when this exact file was extracted before."""
    return _cached_video_pose(path, _video_cache_path(path, cache_dir, mirrored), mirrored, cancel)


def _cached_video_pose(path: Path, cached: Path, mirrored: bool, cancel) -> PoseSequence:
    """Landmarks of a video: from its cache file ``cached`` if usable, else extracted and cached there."""
    from signcore import extract

    if cached.exists():
        try:
            return read_pose(cached)
        except InputError:
            pass  # a damaged cache entry is simply extracted again
    try:
        pose = extract.extract_video(path, mirrored=mirrored, cancel=cancel)
    except extract.ExtractionCancelled:
        raise _LoadingCancelled from None
    if pose.meta.get("warnings"):
        return pose  # not cached: a .pose keeps no warnings, and this one must come back on every load
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        write_pose(pose, cached)
    except (OSError, InputError):
        pass  # an unwritable cache only costs time on the next run
    return pose


def _clips_of_file(gloss: str, path: Path, cache_dir: Path, mirrored: bool, cancel) -> list[LabeledClip]:
    suffix = path.suffix.lower()
    if suffix == ".pose":
        return [LabeledClip(gloss, read_pose(path), str(path))]
    if suffix == ".csv":
        try:
            with open(path, encoding="utf-8-sig", newline="") as file:
                first_line = file.readline()
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(path, f"cannot read the CSV file: {error}") from None
        if first_line.startswith("face_x;face_y"):
            return [LabeledClip(gloss, read_dgs_csv(path), str(path))]
        if _is_spoter_header(next(csv.reader([first_line]), [])):
            # Every row is a clip of this folder's sign, whatever its label_name says.
            return [LabeledClip(gloss, clip.pose, clip.source) for clip in read_spoter_csv(path)]
        raise InputError(path, "unknown CSV: neither a DGS landmark CSV (face_x;face_y;...) nor a SPOTER CSV")
    try:
        pose = _video_pose(path, cache_dir, mirrored, cancel)
    except (RuntimeError, ValueError, OSError) as error:  # what OpenCV / MediaPipe raise on a bad video
        raise InputError(path, f"landmark extraction failed: {error}") from error
    return [LabeledClip(gloss, pose, str(path))]


def _visible_entries(folder: Path) -> list[Path]:
    try:
        return sorted(entry for entry in folder.iterdir() if not entry.name.startswith("."))
    except OSError as error:
        raise InputError(folder, f"cannot list the folder: {error}") from error


def _sign_folder_files(root: str | Path) -> tuple[list[tuple[str, Path]], list[tuple[str, str]]]:
    """The clip files of a sign folder as (gloss, path), and (path, message) for each entry that is not.

    A sign's clips may also sit in subfolders of its folder (``root/<gloss>/<signer>/<clip>``, as some
    datasets keep them): the gloss is always the name of the folder directly under ``root``. A folder reached
    again through a link (a link to a parent, or to itself) is read once, so its clips are not counted twice
    and a link loop does not multiply them."""
    root = Path(root)
    if not root.is_dir():
        raise InputError(root, "not a folder; expected a sign folder with one subfolder per sign")
    files, failures = [], []
    for entry in _visible_entries(root):
        if entry.is_file():
            failures.append((str(entry), "not inside a sign's subfolder (root/<gloss>/<clip>)"))
            continue
        folders, seen = [entry], {root.resolve()}
        while folders:
            folder = folders.pop(0)
            if folder.resolve() in seen:
                continue
            seen.add(folder.resolve())
            try:
                contents = _visible_entries(folder)
            except InputError as error:
                failures.append((str(folder), error.problem))
                continue
            for path in contents:
                if path.is_dir():
                    folders.append(path)
                elif path.suffix.lower() in CLIP_SUFFIXES:
                    files.append((entry.name, path))
                else:
                    failures.append((str(path), f"not a clip file (expected {', '.join(CLIP_SUFFIXES)})"))
    return files, failures


def _cache_video(video_and_cache_file: tuple[Path, Path], mirrored: bool) -> None:
    """Extract one video into its cache file (in a worker process). Problems are left to
    load_sign_folder, which meets the same video again and reports them."""
    path, cached = video_and_cache_file
    with contextlib.suppress(InputError, RuntimeError, ValueError, OSError):
        _cached_video_pose(path, cached, mirrored, None)


def cache_sign_folder_videos(
    root: str | Path,
    cache_dir: str | Path | None = None,
    mirrored_videos: bool = False,
    workers: int = 2,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Extract the not-yet-cached videos of a sign folder into the landmark cache, ``workers`` processes at
    a time (MediaPipe keeps about one core busy per video), so that :func:`load_sign_folder` then reads them
    from the cache. Only an accelerator: a video that fails here, or a pool that breaks, costs nothing but
    time, because :func:`load_sign_folder` extracts and reports whatever is still missing."""
    if workers < 2:
        return  # load_sign_folder extracts them one by one anyway
    cache_dir = Path(cache_dir) if cache_dir is not None else user_data_dir() / ".pose_cache"
    videos = []  # (video, its cache file) for those not cached yet
    for _, path in _sign_folder_files(root)[0]:
        if path.suffix.lower() in VIDEO_SUFFIXES:
            try:
                cached = _video_cache_path(path, cache_dir, mirrored_videos)
            except InputError:
                continue  # unreadable: load_sign_folder reports it
            if not cached.exists():
                videos.append((path, cached))
    if len(videos) < 2:
        return
    extract_one = functools.partial(_cache_video, mirrored=mirrored_videos)
    for done, _ in enumerate(run_in_processes(extract_one, videos, workers), start=1):
        if progress is not None:
            progress(done, len(videos))


def load_sign_folder(
    root: str | Path,
    cache_dir: str | Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    mirrored_videos: bool = False,
) -> SignFolder:
    """Every clip of a sign folder: ``root/<gloss>/<clip>.<ext>``, gloss = the subfolder's name.

    Clips may be ``.pose`` files, DGS-style or SPOTER CSVs (told apart by their header; every row of a SPOTER
    CSV is a clip of the folder's gloss) and videos (``.mp4 .mov .avi .webm .mkv``), whose landmarks are
    extracted with MediaPipe and cached as ``.pose`` in ``cache_dir`` (default ``<user data>/.pose_cache``),
    keyed by the file's content, so loading the folder again is instant. ``mirrored_videos``: the videos are
    selfie recordings (un-mirrored at extraction).

    A file that cannot be used goes to ``failures`` with the reason and loading goes on; hidden files are
    skipped. ``progress(done, total)`` is called after every file; ``cancel()`` returning True stops
    (``cancelled`` is then set and ``clips`` holds what was loaded until then).
    """
    files, failures = _sign_folder_files(root)
    result = SignFolder([], failures)
    cache_dir = Path(cache_dir) if cache_dir is not None else user_data_dir() / ".pose_cache"
    for done, (gloss, path) in enumerate(files, start=1):
        if cancel is not None and cancel():
            result.cancelled = True
            break
        try:
            result.clips.extend(_clips_of_file(gloss, path, cache_dir, mirrored_videos, cancel))
        except InputError as error:
            result.failures.append((str(path), error.problem))
        except _LoadingCancelled:
            result.cancelled = True
            break
        if progress is not None:
            progress(done, len(files))
    return result
