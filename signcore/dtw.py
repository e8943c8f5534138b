"""Dynamic time warping over hand features: the non-learned baseline and the app's time-aligned feedback.

Each clip becomes, per frame and per hand, one feature vector: where the wrist is in the clip's body frame
(:mod:`signcore.normalize`), so where the signer stands, the camera distance and the image size drop out, and
the hand's shape as the directions of its finger bones in the image and the angles at its joints, so the
signer's hand size and proportions drop out too while the hand's orientation stays (:func:`hand_shape`).
Clips are resampled to ``DTW_FRAMES`` frames (nearest frame by time, so detections stay exact): signs differ
in speed by signer, DTW absorbs what remains, and a fixed length lets many pairs run as one vectorised numpy
computation.

**Either hand may lead.** A left-handed signer makes the mirror image of the right-handed sign, so two
clips are compared twice: the first clip as it is, and its mirror image (left and right hands swapped, x
negated), each against the second clip. :func:`prefer_same_side` makes one distance of the two, for the
rankings and the feedback alike: the comparison by side unless the mirrored one is nearer by more than
``MIRROR_PENALTY`` of its distance. At 0 (now) that is simply the nearer one, so no decision which hand leads
is needed and the distance is exactly the same when either clip is mirrored; a penalty would express the
prior that a learner signs with the reference's hands (it did not help on the test sets and cost mirrored
clips: models/MODEL_CARD.md). (Bringing every clip to a canonical side first, as the encoder does, cost DTW
0.7 points on DGS seen words and 2.4-2.8 on the zero-shot ones, whose hand sides are only guessed.)
The mirrored comparison costs a second dynamic programme per pair.

Missing hands are compared sensibly rather than as zeros: hand against hand costs their feature distance,
a hand against no hand costs ``MISSING_HAND_COST``, and no hand against no hand costs nothing.

The warping path is limited to a Sakoe-Chiba band (``|i - j| <= BAND_FRACTION * DTW_FRAMES``): it forbids
degenerate alignments (a whole sign matched to one frame) and makes the dynamic programme cheaper.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from signcore import normalize
from signcore.layout import WRIST, PoseSequence

DTW_FRAMES = 32
# Bumped whenever dtw_features computes something else, so that caches of DTW distances are not reused.
# 2: clips brought to their canonical side; 3: the nearer of a clip and its mirror image; 4: the hand's shape
# as bone directions and joint angles (before: its points relative to the wrist in units of its size);
# 5: the sign's span leaves out hands resting below the rest line (normalize.signing_span); 6: so does every
# frame (normalize.without_resting_hands)
FEATURES_VERSION = 6
# How much nearer (a share of its distance) the mirrored comparison must be to count instead of that by side.
# 0.07 was best on validation data, but on the benchmark it left DGS zero-shot as it was and cost DTW 1.4-1.6
# points on half-mirrored sets (models/MODEL_CARD.md), so none: the nearer one, exactly mirror-invariant.
MIRROR_PENALTY = 0.0
BAND_FRACTION = 0.25
HANDS = ("left", "right")  # in the order of normalize.HAND_STARTS
# A hand's points along each finger, from the wrist (point 0): thumb, index, middle, ring, pinky.
FINGERS = ((0, 1, 2, 3, 4), (0, 5, 6, 7, 8), (0, 9, 10, 11, 12), (0, 13, 14, 15, 16), (0, 17, 18, 19, 20))
# The 20 finger bones as (from point, to point), finger by finger from the wrist.
FINGER_BONES = np.array([(finger[i], finger[i + 1]) for finger in FINGERS for i in range(4)])
# The joints whose angle is measured, as pairs of FINGER_BONES: the 15 bends along the fingers, then the 4
# spreads between neighbouring fingers' first phalanges (the bones 2-3, 5-6, 9-10, 13-14, 17-18).
_FIRST_PHALANGES = (2, 5, 9, 13, 17)
JOINTS = np.array(
    [(4 * finger + i, 4 * finger + i + 1) for finger in range(5) for i in range(3)]
    + list(zip(_FIRST_PHALANGES[:-1], _FIRST_PHALANGES[1:], strict=True))
)
# Weights of a hand's place (shoulder widths) and shape. The shape's two parts are scaled so that each one's
# median distance between frames of different clips (the 988 DGS training clips) is that of the earlier shape
# (points relative to the wrist in hand sizes, root mean square), and they share that shape's weight.
POSITION_WEIGHT = 1.0
SHAPE_WEIGHT = 1.0
BONE_DIRECTION_SCALE = 1.024
JOINT_ANGLE_SCALE = 1.688
# Cost of one hand being visible in one clip and not in the other, in the same units as a feature distance.
MISSING_HAND_COST = 1.5
# Pairs whose cost matrices are built at once in dtw_distance_matrix (bounds memory to ~100 MB).
PAIR_CHUNK = 8192


def settings_fingerprint() -> str:
    """Every setting that changes a DTW distance, as text: part of the name of any cached DTW result."""
    return f"{orientation_fingerprint()} mirror penalty {MIRROR_PENALTY!r}"


def orientation_fingerprint() -> str:
    """Every setting that changes the distances of either orientation (:func:`orientation_distances`), as
    text: the rule combining them (:func:`prefer_same_side`) is not among them."""
    settings = (FEATURES_VERSION, DTW_FRAMES, BAND_FRACTION, MISSING_HAND_COST, POSITION_WEIGHT, SHAPE_WEIGHT)
    return repr((*settings, BONE_DIRECTION_SCALE, JOINT_ANGLE_SCALE))


def prefer_same_side(as_is: np.ndarray | float, mirrored: np.ndarray | float) -> np.ndarray:
    """THE distance between clips from their two comparisons (the first clip as it is, and mirrored): the
    comparison by side unless the mirrored one is nearer by more than ``MIRROR_PENALTY`` of its distance."""
    nearer: np.ndarray = np.minimum(as_is, np.multiply(mirrored, 1.0 + MIRROR_PENALTY))
    return nearer


@dataclass
class DtwFeatures:
    """A clip resampled to ``DTW_FRAMES`` frames, ready for DTW."""

    features: np.ndarray  # float (DTW_FRAMES, 2, F): per frame, left and right hand feature vectors
    present: np.ndarray  # bool (DTW_FRAMES, 2): was the hand detected
    frames: np.ndarray  # int (DTW_FRAMES,): the source frame each resampled frame was taken from
    times: np.ndarray  # float (DTW_FRAMES,): that frame's time in seconds
    # The features are those of the clip's mirror image (:func:`mirror_features`): hand 0 of ``features`` is
    # then the signer's physical right hand.
    mirrored: bool = False


@dataclass
class Alignment:
    """The optimal warping path between two clips, in their own (source) frame numbers."""

    distance: float
    steps: np.ndarray  # int (K, 2): indices into the resampled frames of (a, b), monotone from (0, 0)
    frames_a: np.ndarray  # int (K,): a's source frame at each step
    frames_b: np.ndarray  # int (K,): b's source frame at each step
    times_a: np.ndarray  # float (K,): a's time in seconds at each step
    times_b: np.ndarray  # float (K,)


def dtw_features(pose: PoseSequence, n_frames: int = DTW_FRAMES) -> DtwFeatures:
    """Hand position and shape features of the sign in ``pose`` (its frames within
    :func:`signcore.normalize.signing_part`, hands hanging below the rest line left out, a still free hand
    kept), resampled to ``n_frames`` frames by time; ``frames``
    and ``times`` still count from the start of the clip.

    The wrist's place in the clip's body frame (shoulder widths from the shoulders' midpoint, as the encoder
    normalises: :mod:`signcore.normalize`), then the hand's shape (:func:`hand_shape`). A hand counts as
    detected where its wrist and its four knuckles are.
    """
    if len(pose) == 0:  # nothing recorded: every hand counts as not detected
        dims = 2 + 2 * len(FINGER_BONES) + len(JOINTS)
        nothing = np.zeros(n_frames, int)
        return DtwFeatures(
            np.zeros((n_frames, 2, dims)), np.zeros((n_frames, 2), bool), nothing, nothing * 0.0
        )
    # As the encoder does: the sign without the idle frames around it and without hands hanging below the
    # rest line, its body frame over all its frames. A still free hand's points stay: a hand present in one
    # clip and missing from the other cost DTW more than the still hand itself (models/MODEL_CARD.md, "A
    # free hand held still in view").
    span, kept = normalize.signing_part(pose.points, pose.mask, still_hand_out=False)
    sign_points, sign_mask = np.asarray(pose.points[span], np.float64), kept[span]
    chosen = _resample_indices(pose.timestamps[span], n_frames)
    frames = span.start + chosen
    points, mask = sign_points[chosen], sign_mask[chosen]
    centre, scale = normalize.body_frame(sign_points, sign_mask)
    _, measurable = normalize.hand_sizes(points, mask, dims=2)
    hands = np.stack([np.arange(start, start + normalize.HAND_SIZE) for start in normalize.HAND_STARTS])
    shapes = hand_shape(points[:, hands], mask[:, hands])  # (T, 2, 59)
    features, present = [], []
    for side, start in enumerate(normalize.HAND_STARTS):
        detected = measurable[:, side]
        position = (points[:, start + WRIST, :2] - centre) / scale * POSITION_WEIGHT
        vector = np.concatenate([position, shapes[:, side]], axis=1)
        features.append(np.where(detected[:, None], vector, 0.0))
        present.append(detected)
    return DtwFeatures(np.stack(features, 1), np.stack(present, 1), frames, pose.timestamps[frames])


def hand_shape(points: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """(..., 21, 3) points of hands and their mask (..., 21) -> (..., 59): each hand's shape, the same for any
    hand size and proportions (issue 17: features that survive a change of signer):

    * the 20 finger bones' directions in the image: each bone's (x, y) over its own length (40 numbers). The
      hand's orientation is kept: the hand turned into its own frame lost it and with it much of the sign.
    * 19 joint angles (radians) in 3-D: the bends along each finger and the spreads between neighbouring
      fingers. They are blind to the orientation and to a mirror; without depth (z = 0) they are the angles
      seen in the image.

    A bone with an undetected end, or too short to have a direction, gives 0s: 492 hands of the DGS data
    (in 363 of its 1,755 clips) are "detected" with every point within 1e-38 of the image corner, and
    directions and angles of such bones would not even mirror alike (1 - 1e-39 is 1 in float32)."""
    ends = mask[..., FINGER_BONES[:, 0]] & mask[..., FINGER_BONES[:, 1]]
    bones = points[..., FINGER_BONES[:, 1], :] - points[..., FINGER_BONES[:, 0], :]
    real = ends & (np.sqrt((bones**2).sum(-1)) > normalize.MIN_SCALE)  # False for NaN too
    bones = np.where(real[..., None], bones, 0.0)
    length = np.sqrt(bones[..., 0] ** 2 + bones[..., 1] ** 2)[..., None]
    directions = bones[..., :2] / np.where(length > 0, length, np.inf)
    # |cross| and dot of each joint's two bones written out (np.cross is slower on these small arrays)
    (xa, ya, za), (xb, yb, zb) = (np.moveaxis(bones[..., JOINTS[:, k], :], -1, 0) for k in (0, 1))
    across = np.sqrt((ya * zb - za * yb) ** 2 + (za * xb - xa * zb) ** 2 + (xa * yb - ya * xb) ** 2)
    angles = np.arctan2(across, xa * xb + ya * yb + za * zb)
    # Root mean square within each part, then each part scaled as SHAPE_WEIGHT's comment says.
    direction_weight = SHAPE_WEIGHT * BONE_DIRECTION_SCALE / np.sqrt(2 * 2 * len(FINGER_BONES))
    angle_weight = SHAPE_WEIGHT * JOINT_ANGLE_SCALE / np.sqrt(2 * len(JOINTS))
    flat_directions = directions.reshape(*directions.shape[:-2], -1)
    return np.concatenate([flat_directions * direction_weight, angles * angle_weight], axis=-1)


def mirror_features(clip: DtwFeatures) -> DtwFeatures:
    """The features of the clip's mirror image (:meth:`PoseSequence.mirrored`): hands swapped and the x of
    every position and bone direction negated (positions are measured from the clip's own centre; joint
    angles do not change in a mirror)."""
    features = clip.features[:, ::-1] * _mirror_signs(clip.features.shape[-1])
    return replace(clip, features=features, present=clip.present[:, ::-1], mirrored=not clip.mirrored)


def _mirror_signs(dims: int) -> np.ndarray:
    """-1 for every x in a hand's feature vector (the wrist's place, then each bone direction), +1 for y and
    for the joint angles."""
    signs = np.ones(dims)
    signs[0 : 2 + 2 * len(FINGER_BONES) : 2] = -1.0
    return signs


def dtw_distance(a: PoseSequence, b: PoseSequence) -> float:
    """DTW distance between two clips: the mean per-frame cost along the best banded warping path, of the
    comparison :func:`prefer_same_side` chooses."""
    return _align(a, b)[3]


def dtw_path(a: PoseSequence | DtwFeatures, b: PoseSequence | DtwFeatures) -> Alignment:
    """The best banded warping path between two clips (or their :func:`dtw_features`, when computed
    already), with the distance of :func:`dtw_distance`."""
    features_a, features_b, accumulated, distance = _align(a, b)
    steps = _backtrack(accumulated)
    return Alignment(
        distance,
        steps,
        features_a.frames[steps[:, 0]],
        features_b.frames[steps[:, 1]],
        features_a.times[steps[:, 0]],
        features_b.times[steps[:, 1]],
    )


def _align(
    a: PoseSequence | DtwFeatures, b: PoseSequence | DtwFeatures
) -> tuple[DtwFeatures, DtwFeatures, np.ndarray, float]:
    """``a``'s features as it is or mirrored, as :func:`prefer_same_side` chooses, ``b``'s features, the
    accumulated cost matrix (L, L) and the distance."""
    as_is, features_b = _as_features(a), _as_features(b)
    alignments = []
    for features_a in (as_is, mirror_features(as_is)):
        cost = _frame_costs(features_a, features_b).sum(0)
        alignments.append((features_a, features_b, _accumulate(cost[None])[0]))
    by_side, mirrored = (float(alignment[2][-1, -1]) for alignment in alignments)
    distance = float(prefer_same_side(by_side, mirrored))
    return (*alignments[1 if distance < by_side else 0], distance)


def dtw_distance_matrix(
    queries: Sequence[PoseSequence | DtwFeatures],
    gallery: Sequence[PoseSequence | DtwFeatures] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> np.ndarray:
    """(n_queries, n_gallery) DTW distances (:func:`prefer_same_side` of the two orientations of
    :func:`orientation_distances`, whose arguments these are)."""
    return prefer_same_side(*orientation_distances(queries, gallery, progress))


def orientation_distances(
    queries: Sequence[PoseSequence | DtwFeatures],
    gallery: Sequence[PoseSequence | DtwFeatures] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> np.ndarray:
    """(2, n_queries, n_gallery): the DTW distances of each query as it is, then of its mirror image,
    against each gallery clip, computed many pairs at a time.

    Without ``gallery``: the symmetric (n, n) matrices among ``queries``, computing each pair once (DTW with a
    symmetric band is symmetric, and comparing ``a`` mirrored with ``b`` is comparing ``a`` with ``b``
    mirrored). ``progress(done, n_queries)`` is called after each block of query rows.
    """
    query_features = [_as_features(clip) for clip in queries]
    mirrored_queries = [mirror_features(features) for features in query_features]
    n_queries = len(query_features)

    def report(offset: int) -> Callable[[int], None] | None:  # 2 x n_queries rows in all: half a query each
        return None if progress is None else lambda done: progress((offset + done) // 2, n_queries)

    if gallery is not None:  # both orientations in one pass: twice the pairs for the same loop of numpy steps
        gallery_features = [_as_features(clip) for clip in gallery]
        both = _distance_block(query_features + mirrored_queries, gallery_features, False, report(0))
        return both.reshape(2, n_queries, len(gallery_features))
    as_is = _distance_block(query_features, query_features, True, report(0))
    mirrored = _distance_block(mirrored_queries, query_features, True, report(n_queries))
    return np.stack([as_is, mirrored])


def _distance_block(
    query_features: list[DtwFeatures],
    gallery_features: list[DtwFeatures],
    symmetric: bool,
    progress: Callable[[int], None] | None = None,
) -> np.ndarray:
    """(n_queries, n_gallery) DTW distances of the features as given. ``symmetric``: the result is known to
    be a symmetric (n, n) matrix, so only its upper triangle is computed and mirrored to the lower one."""
    queries, gallery = _stack(query_features), _stack(gallery_features)
    n_queries, n_gallery = len(queries[0]), len(gallery[0])
    result = np.empty((n_queries, n_gallery))
    start = 0
    while start < n_queries:
        columns = slice(start if symmetric else 0, n_gallery)  # symmetric: the upper triangle only
        rows = slice(start, min(start + max(1, PAIR_CHUNK // max(n_gallery - columns.start, 1)), n_queries))
        cost = _pair_costs(queries[0][rows], queries[1][rows], gallery[0][columns], gallery[1][columns])
        n_rows, n_columns, frames = cost.shape[0], cost.shape[1], cost.shape[-1]
        # One copy into the layout the accumulation works in, and only the last cells divided: each
        # array of this size is a fresh memory map for the app (signcore.native_memory), so fewer is faster.
        last_cells = _accumulated_grid(cost.transpose(2, 3, 0, 1).reshape(frames * frames, -1), frames)[-1]
        result[rows, columns] = (last_cells / frames).reshape(n_rows, n_columns)
        if symmetric:
            result[columns, rows] = result[rows, columns].T
        if progress is not None:
            progress(rows.stop)
        start = rows.stop
    return result


def _as_features(clip: PoseSequence | DtwFeatures) -> DtwFeatures:
    return clip if isinstance(clip, DtwFeatures) else dtw_features(clip)


def _stack(features: list[DtwFeatures]) -> tuple[np.ndarray, np.ndarray]:
    if not features:
        return np.zeros((0, DTW_FRAMES, 2, 0)), np.zeros((0, DTW_FRAMES, 2), bool)
    return np.stack([f.features for f in features]), np.stack([f.present for f in features])


def _resample_indices(timestamps: np.ndarray, n_frames: int) -> np.ndarray:
    """For ``n_frames`` evenly spaced times over the clip, the index of the nearest real frame."""
    if len(timestamps) == 1:
        return np.zeros(n_frames, dtype=int)
    targets = np.linspace(timestamps[0], timestamps[-1], n_frames)
    after = np.clip(np.searchsorted(timestamps, targets), 1, len(timestamps) - 1)
    before = after - 1
    closer_to_after = np.abs(timestamps[after] - targets) < np.abs(targets - timestamps[before])
    return np.where(closer_to_after, after, before)


def _frame_costs(a: DtwFeatures, b: DtwFeatures) -> np.ndarray:
    """(2, La, Lb): per hand, the cost of matching frame i of ``a`` with frame j of ``b``."""
    return np.stack(
        [
            _pair_costs(a.features[None], a.present[None], b.features[None], b.present[None], (h,))[0, 0]
            for h in (0, 1)
        ]
    )


def _pair_costs(
    features_a: np.ndarray,
    present_a: np.ndarray,
    features_b: np.ndarray,
    present_b: np.ndarray,
    hands: tuple[int, ...] = (0, 1),
) -> np.ndarray:
    """(Qa, Gb, La, Lb): for every pair of clips, the cost of matching each frame with each frame, summed
    over ``hands``. One matrix product per hand covers the whole block of pairs."""
    n_a, frames_a, _, dims = features_a.shape
    n_b, frames_b = features_b.shape[:2]
    total = np.zeros((n_a * frames_a, n_b * frames_b))
    for h in hands:
        flat_a = np.asarray(features_a[:, :, h].reshape(-1, dims), np.float64)
        flat_b = np.asarray(features_b[:, :, h].reshape(-1, dims), np.float64)
        seen_a = present_a[:, :, h].reshape(-1).astype(np.float64)
        seen_b = present_b[:, :, h].reshape(-1).astype(np.float64)
        if not (seen_a.any() and seen_b.any()):  # never seen on one side (a one-handed sign): no distances
            total += MISSING_HAND_COST * (seen_a[:, None] + seen_b[None, :])  # the same values as below
            continue
        distance = flat_a @ flat_b.T
        distance *= -2.0
        distance += (flat_a**2).sum(1)[:, None]
        distance += (flat_b**2).sum(1)[None, :]
        np.sqrt(np.maximum(distance, 0.0, out=distance), out=distance)
        # both seen: distance; one seen: MISSING_HAND_COST; neither: 0, written without branches as
        # both * (distance - 2 * MISSING) + MISSING * seen_a + MISSING * seen_b.
        distance -= 2.0 * MISSING_HAND_COST
        distance *= seen_a[:, None]
        distance *= seen_b[None, :]
        distance += MISSING_HAND_COST * seen_a[:, None]
        distance += MISSING_HAND_COST * seen_b[None, :]
        total += distance
    return total.reshape(n_a, frames_a, n_b, frames_b).transpose(0, 2, 1, 3)


def band_radius(frames: int) -> int:
    return max(1, int(round(BAND_FRACTION * frames)))


def _accumulate(cost: np.ndarray) -> np.ndarray:
    """Accumulated cost of the best banded path to every cell, for P pairs at once: (P, L, L) -> (P, L, L).

    Divided by the clip length, so the last cell is the mean cost per frame (comparable across lengths).
    Cells outside the band are ``inf``.
    """
    n_pairs, frames_a, frames_b = cost.shape
    if frames_a != frames_b:
        raise ValueError(f"both clips must be resampled to the same length, got {frames_a} and {frames_b}")
    grid = _accumulated_grid(cost.reshape(n_pairs, -1).T, frames_a)
    accumulated = grid.reshape(frames_a + 1, frames_a + 1, n_pairs)[1:, 1:].transpose(2, 0, 1)
    mean_cost: np.ndarray = accumulated / frames_a
    return mean_cost


def _accumulated_grid(cost: np.ndarray, frames: int) -> np.ndarray:
    """The banded accumulation of :func:`_accumulate`, not yet divided by the length, from the costs of P
    pairs with the pairs last: (L * L, P), cell (i, j) in row i * L + j. Returns the ((L + 1)^2, P) grid of
    accumulated costs, cell (i, j) in row (i + 1) * (L + 1) + j + 1, so its last row is the last cell's.

    A cell needs only cells of the two anti-diagonals before its own (above and left on the previous one,
    diagonally on the one before), so the loop runs over the 2L - 1 anti-diagonals, a few numpy operations
    each over all its cells of all pairs at once.
    """
    n_pairs = cost.shape[1]
    radius = band_radius(frames)
    # An extra row and column in front are inf (no cell there) but for the corner, the start of every
    # path. One cell down-left along an anti-diagonal is ``along`` rows further in the grid (``along_cost``
    # in the costs), so an anti-diagonal and its neighbours above, left and diagonally are strided slices.
    width = frames + 1
    grid = np.full(((frames + 1) * width, n_pairs), np.inf)
    grid[0] = 0.0
    cost = np.ascontiguousarray(cost)
    along, along_cost = width - 1, max(frames - 1, 1)
    for diagonal in range(2 * frames - 1):  # its cells (i, diagonal - i), |i - j| <= radius
        first = max(0, diagonal - frames + 1, (diagonal - radius + 1) // 2)
        count = min(frames - 1, diagonal, (diagonal + radius) // 2) - first + 1
        cell = (first + 1) * width + diagonal - first + 1  # of (first, diagonal - first) in the grid
        above, left, corner, end = cell - width, cell - 1, cell - width - 1, (count - 1) * along + 1
        best = np.minimum(grid[above : above + end : along], grid[corner : corner + end : along])
        np.minimum(best, grid[left : left + end : along], out=best)
        start_cost = first * frames + diagonal - first
        best += cost[start_cost : start_cost + (count - 1) * along_cost + 1 : along_cost]
        grid[cell : cell + end : along] = best
    return grid


def _backtrack(accumulated: np.ndarray) -> np.ndarray:
    """The warping path through one accumulated-cost matrix, from (0, 0) to the last cell: (K, 2)."""
    i, j = accumulated.shape[0] - 1, accumulated.shape[1] - 1
    steps = [(i, j)]
    while (i, j) != (0, 0):
        candidates = []  # diagonal first, so ties prefer the shortest path
        if i > 0 and j > 0:
            candidates.append((accumulated[i - 1, j - 1], i - 1, j - 1))
        if i > 0:
            candidates.append((accumulated[i - 1, j], i - 1, j))
        if j > 0:
            candidates.append((accumulated[i, j - 1], i, j - 1))
        _, i, j = min(candidates, key=lambda candidate: candidate[0])
        steps.append((i, j))
    return np.array(steps[::-1])
