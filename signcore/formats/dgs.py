"""The DGS (German Sign Language) landmark CSVs: ``3D_full/<Word>/<uuid>.csv`` and
``2D_unknown/unknown/<n>.csv``, a face point and one or two MediaPipe hands per frame."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import numpy as np

from signcore import layout
from signcore.errors import InputError, read_problem
from signcore.files import require_file
from signcore.formats.clip import HAND_SIZE, LabeledClip, first_unusable, regular_timestamps
from signcore.layout import PoseSequence

_LEFT, _RIGHT = "left", "right"
_HAND_SLICES = {_LEFT: layout.LEFT_HAND, _RIGHT: layout.RIGHT_HAND}

# Hand-to-side assignment (see _assign_hands). Distances are in the CSVs' normalised image units, where a
# hand moves about 0.01-0.03 per frame at 30 fps and two hands are usually 0.1-0.4 apart.
# Cost of a side appearing (a hand that was not seen in the previous frame): a block that moved less than
# this from the previous frame's hand is taken to be that same hand.
_APPEAR_COST = 0.2
# A side appearing where the OTHER side's hand was a frame before, as that side vanishes, is that hand with
# its block relabelled by the detector (2.9% of the 3D_full clips had such a switch mid-sign): it costs this
# much on top, more than the image-position cue adds up to over a clip, so the hand keeps its side.
_RELABEL_COST = 2.0
_SAME_HAND_DISTANCE = 0.05
# Weight of the image-position cue (a hand on the wrong side of the face) against continuity: small, so a
# hand that crosses the face line keeps its identity, but enough to decide over a whole clip.
_SIDE_WEIGHT = 0.2
# A hand block whose 21 points all lie within this much of one another (image fractions; a hand spans about
# 0.05) is no hand: 492 of the 115,137 hands of 3D_full (in 363 of its 1,755 clips, often the first frame)
# are every coordinate about 1e-38, i.e. nothing recorded, which read as a hand at the image's corner.
COLLAPSED_HAND = 1e-6


def _read_dgs_rows(path: Path) -> tuple[np.ndarray, list[list[np.ndarray]]]:
    """The face point per frame and the hand blocks per frame (each ``(21, 3)``; z 0 in a 2-D file)."""
    require_file(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()  # -sig: tolerate a spreadsheet's BOM
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(path, f"cannot read the DGS CSV: {read_problem(error)}") from error
    lines = [line for line in lines if line.strip()]
    if not lines:
        raise InputError(path, "empty file; expected a DGS landmark CSV with a header row")
    header = lines[0].strip().split(";")
    if header[:3] != ["face_x", "face_y", "landmark_x_1"]:
        raise InputError(
            path, "not a DGS landmark CSV: the header must start with face_x;face_y;landmark_x_1"
        )
    dims = 3 if "landmark_z_1" in header else 2
    one_hand, two_hands = 2 + HAND_SIZE * dims, 2 + 2 * HAND_SIZE * dims
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
    bad = first_unusable(values)
    if bad is not None:
        row = int(np.searchsorted(ends, bad, side="right"))
        column = bad - (ends[row - 1] if row else 0)
        raise InputError(
            path, f"row {row + 2}, column {column + 1}: {rows[row][column]!r} is not a usable coordinate"
        )

    faces, blocks = [], []
    for row_values in np.split(values, ends[:-1]):
        faces.append(row_values[:2])
        hands = row_values[2:].reshape(-1, HAND_SIZE, dims)
        if dims == 2:  # 2-D files carry no depth
            hands = np.concatenate([hands, np.zeros((*hands.shape[:2], 1))], axis=2)
        blocks.append([hand for hand in hands if np.ptp(hand[:, :2], axis=0).max() > COLLAPSED_HAND])
    return np.array(faces), blocks


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


Option = dict[str, tuple[float, float]]  # side -> centroid of the hand block put there


def _centroid(hand: np.ndarray) -> tuple[float, float]:
    """Mean x, y of a hand block, as floats (fast in the assignment's loops)."""
    x, y = hand[:, :2].mean(axis=0)
    return float(x), float(y)


def _assign_hands(faces: np.ndarray, blocks: list[list[np.ndarray]]) -> list[dict[str, np.ndarray]]:
    """Give each detected hand block the signer's side it belongs to, over the whole clip at once.

    The CSVs' blocks follow the detector, not the signer. Each frame has two candidate assignments of its
    blocks to sides; the chosen sequence minimises (Viterbi) the sum of

    * continuity: how far each side's hand moved since the previous frame, or ``_APPEAR_COST`` for a side
      that was not seen there (so a tracked hand keeps its identity when the other drops out, when the
      detector swaps its blocks, or when it reports one hand twice), plus ``_RELABEL_COST`` for a side that
      appears where the other side's hand just was as that side vanishes (the same hand, relabelled), and
    * image position: ``_SIDE_WEIGHT`` times how far a hand lies on the wrong side of the face.
    """
    options_by_count: dict[int, list[tuple[str, ...]]] = {
        0: [()],  # a frame whose only hand block was empty (COLLAPSED_HAND)
        1: [(_RIGHT,), (_LEFT,)],
        2: [(_RIGHT, _LEFT), (_LEFT, _RIGHT)],
    }
    frames: list[list[Option]] = []  # per frame: for each option, {side: centroid}
    for hands in blocks:
        centroids = [_centroid(hand) for hand in hands]
        frames.append([dict(zip(sides, centroids, strict=True)) for sides in options_by_count[len(hands)]])

    def position_cost(frame: int, option: Option) -> float:
        return _SIDE_WEIGHT * sum(_side_cost(side, c, faces[frame]) for side, c in option.items())

    def transition_cost(before: Option, after: Option) -> float:
        cost = 0.0
        for side, c in after.items():
            if side in before:
                cost += math.dist(c, before[side])
                continue
            cost += _APPEAR_COST
            other = _RIGHT if side == _LEFT else _LEFT
            if other in before and other not in after and math.dist(c, before[other]) < _SAME_HAND_DISTANCE:
                cost += _RELABEL_COST
        return cost

    chosen = _cheapest_path(frames, position_cost, transition_cost)
    return [
        dict(zip(options_by_count[len(hands)][option], hands, strict=True))
        for hands, option in zip(blocks, chosen, strict=True)
    ]


def _cheapest_path(
    frames: list[list[Option]],
    cost_at: Callable[[int, Option], float],
    cost_between: Callable[[Option, Option], float],
) -> list[int]:
    """Viterbi: for each frame the index of the option chosen there, the choices together costing least:
    ``cost_at(frame, option)`` of every option chosen plus ``cost_between(before, after)`` of every two
    chosen in consecutive frames."""
    totals = [cost_at(0, option) for option in frames[0]]
    back_pointers = []
    for frame in range(1, len(frames)):
        step_totals, step_pointers = [], []
        for option in frames[frame]:
            paths = [totals[i] + cost_between(before, option) for i, before in enumerate(frames[frame - 1])]
            best = paths.index(min(paths))
            step_totals.append(paths[best] + cost_at(frame, option))
            step_pointers.append(best)
        totals = step_totals
        back_pointers.append(step_pointers)

    choice = totals.index(min(totals))
    chosen = [choice]
    for pointers in reversed(back_pointers):
        choice = pointers[choice]
        chosen.append(choice)
    chosen.reverse()
    return chosen


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
    faces, blocks = _read_dgs_rows(path)
    n_frames = len(faces)
    points = np.zeros((n_frames, layout.N_POINTS, layout.N_DIMS), np.float32)
    mask = np.zeros((n_frames, layout.N_POINTS), bool)
    points[:, layout.NOSE, :2] = faces
    mask[:, layout.NOSE] = True
    for frame, hands in enumerate(_assign_hands(faces, blocks)):
        for side, hand in hands.items():
            points[frame, _HAND_SLICES[side]] = hand
            mask[frame, _HAND_SLICES[side]] = True
    return PoseSequence(points, mask, regular_timestamps(n_frames), 1, 1, {"source_format": "dgs-csv"})


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
