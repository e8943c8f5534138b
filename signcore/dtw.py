"""Dynamic time warping over hand features: the non-learned baseline and the app's time-aligned feedback.

Each clip becomes, per frame and per hand, one feature vector from :mod:`signcore.normalize`: where the
wrist is in the clip's body frame and the hand's shape relative to its wrist, so where the signer stands,
the camera distance and the image size drop out. Clips are resampled to ``DTW_FRAMES`` frames (nearest
frame by time, so detections stay exact): signs differ in speed by signer, DTW absorbs what remains, and a
fixed length lets many pairs run as one vectorised numpy computation.

**Either hand may lead.** A left-handed signer makes the mirror image of the right-handed sign, so the
distance between two clips is that of the better of two comparisons: the first clip as it is, and its mirror
image (left and right hands swapped, x negated), each against the second clip. No decision which hand leads
is needed, and the distance is exactly the same when either clip is mirrored. (Bringing every clip to a
canonical side first, as the encoder does, cost DTW 2-3 points on the DGS data, whose hand sides are only
guessed: models/MODEL_CARD.md.) The mirrored comparison costs a second dynamic programme per pair.

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
FEATURES_VERSION = 3  # 2: clips brought to their canonical side; 3: the nearer of a clip and its mirror image
BAND_FRACTION = 0.25
HANDS = ("left", "right")  # in the order of normalize.HAND_STARTS
# Hand shapes in 2-D, so 2-D-only sources compare like 3-D ones. Depth helped on 320 clips of the DGS training
# split (leave-one-out top-1 0.872 vs 0.838) but not on the protocol (seen 0.930 vs 0.907, zero-shot 0.910
# vs 0.938): no clear gain, so the simpler, source-independent choice.
USE_DEPTH = False
# Weights of a hand's place (shoulder widths) and shape (hand sizes, root mean square over its points).
POSITION_WEIGHT = 1.0
SHAPE_WEIGHT = 1.0
# Cost of one hand being visible in one clip and not in the other, in the same units as a feature distance.
MISSING_HAND_COST = 1.5
# Pairs whose cost matrices are built at once in dtw_distance_matrix (bounds memory to ~100 MB).
PAIR_CHUNK = 8192


def settings_fingerprint() -> str:
    """Every setting that changes a DTW distance, as text: part of the name of any cached DTW result."""
    settings = (FEATURES_VERSION, DTW_FRAMES, BAND_FRACTION, USE_DEPTH, MISSING_HAND_COST, POSITION_WEIGHT)
    return repr((*settings, SHAPE_WEIGHT))


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


@dataclass
class HandAlignmentCost:
    """Per hand, how much the attempt differed from the reference along the aligned path, over time."""

    attempt_times: np.ndarray  # float (K,): seconds into the attempt at each step of the path
    reference_times: np.ndarray  # float (K,): the matched moment of the reference
    cost: dict[str, np.ndarray]  # "left"/"right" -> float (K,): that hand's cost at each step
    distance: float  # the DTW distance of the whole pair

    def mean_cost(self) -> dict[str, float]:
        """Each hand's average cost along the path: the larger one is the hand that differed most."""
        return {hand: float(values.mean()) for hand, values in self.cost.items()}

    def worst_moment(self, hand: str) -> float:
        """Seconds into the attempt where ``hand`` differed most from the reference."""
        return float(self.attempt_times[int(np.argmax(self.cost[hand]))])


def dtw_features(pose: PoseSequence, n_frames: int = DTW_FRAMES) -> DtwFeatures:
    """Hand position and shape features of the sign in ``pose`` (its frames within
    :func:`signcore.normalize.signing_span`), resampled to ``n_frames`` frames by time; ``frames`` and
    ``times`` still count from the start of the clip.

    Both come from :mod:`signcore.normalize` (the same normalisation the encoder uses): the wrist's place in
    the clip's body frame (shoulder widths from the shoulders' midpoint) and the hand's shape relative to its
    wrist in units of its own size.
    """
    if len(pose) == 0:  # nothing recorded: every hand counts as not detected
        dims = 2 + (normalize.HAND_SIZE - 1) * (3 if USE_DEPTH else 2)
        nothing = np.zeros(n_frames, int)
        return DtwFeatures(
            np.zeros((n_frames, 2, dims)), np.zeros((n_frames, 2), bool), nothing, nothing * 0.0
        )
    # As the encoder does: the sign without the idle frames around it, its body frame over all its frames.
    span = normalize.signing_span(pose.mask)
    sign_points, sign_mask = np.asarray(pose.points[span], np.float64), pose.mask[span]
    chosen = _resample_indices(pose.timestamps[span], n_frames)
    frames = span.start + chosen
    points, mask = sign_points[chosen], sign_mask[chosen]
    centre, scale = normalize.body_frame(sign_points, sign_mask)
    shapes, shape_mask = normalize.hand_view(points, mask, use_depth=USE_DEPTH)
    features, present = [], []
    for side, start in enumerate(normalize.HAND_STARTS):
        hand = slice(side * normalize.HAND_SIZE, (side + 1) * normalize.HAND_SIZE)
        detected = shape_mask[:, hand.start + WRIST]
        position = (points[:, start + WRIST, :2] - centre) / scale * POSITION_WEIGHT
        shape = np.delete(shapes[:, hand], WRIST, axis=1)
        shape = shape.reshape(len(frames), -1) * (SHAPE_WEIGHT / np.sqrt(shape.shape[1]))
        vector = np.concatenate([position, shape], axis=1)
        features.append(np.where(detected[:, None], vector, 0.0))
        present.append(detected)
    return DtwFeatures(np.stack(features, 1), np.stack(present, 1), frames, pose.timestamps[frames])


def mirror_features(clip: DtwFeatures) -> DtwFeatures:
    """The features of the clip's mirror image (:meth:`PoseSequence.mirrored`): hands swapped and every x
    negated (positions and shapes are measured from the clip's own centre and wrists, so nothing else
    changes)."""
    features = clip.features[:, ::-1] * _mirror_signs(clip.features.shape[-1])
    return replace(clip, features=features, present=clip.present[:, ::-1], mirrored=not clip.mirrored)


def _mirror_signs(dims: int) -> np.ndarray:
    """-1 for the x of every point in a hand's feature vector (the wrist's place, then its other points),
    +1 for y (and z)."""
    shape_dims = 3 if USE_DEPTH else 2
    signs = np.ones(dims)
    signs[0] = -1.0
    signs[2::shape_dims] = -1.0
    return signs


def dtw_distance(a: PoseSequence, b: PoseSequence) -> float:
    """DTW distance between two clips: the mean per-frame cost along the best banded warping path."""
    return float(_align(a, b)[3][-1, -1])


def dtw_path(a: PoseSequence, b: PoseSequence) -> Alignment:
    """The best banded warping path between two clips, with the distance of :func:`dtw_distance`."""
    features_a, features_b, _, accumulated = _align(a, b)
    steps = _backtrack(accumulated)
    return Alignment(
        float(accumulated[-1, -1]),
        steps,
        features_a.frames[steps[:, 0]],
        features_b.frames[steps[:, 1]],
        features_a.times[steps[:, 0]],
        features_b.times[steps[:, 1]],
    )


def per_hand_alignment_cost(attempt: PoseSequence, reference: PoseSequence) -> HandAlignmentCost:
    """Align ``attempt`` to ``reference`` and split the cost along the path by hand.

    The app uses it for time-aligned feedback: which hand differed most from the reference, and when.
    """
    features_attempt, features_reference, hand_costs, accumulated = _align(attempt, reference)
    steps = _backtrack(accumulated)
    # Named by the attempt's own hands: compared as its mirror image, its hand 0 is its physical right.
    sides = HANDS[::-1] if features_attempt.mirrored else HANDS
    return HandAlignmentCost(
        features_attempt.times[steps[:, 0]],
        features_reference.times[steps[:, 1]],
        {hand: hand_costs[h, steps[:, 0], steps[:, 1]] for h, hand in enumerate(sides)},
        float(accumulated[-1, -1]),
    )


def _align(
    a: PoseSequence | DtwFeatures, b: PoseSequence | DtwFeatures
) -> tuple[DtwFeatures, DtwFeatures, np.ndarray, np.ndarray]:
    """``a``'s features as it is or mirrored, whichever is nearer to ``b`` (as it is on a tie), ``b``'s
    features, the per-hand frame costs (2, L, L) and the accumulated cost matrix (L, L)."""
    as_is, features_b = _as_features(a), _as_features(b)
    alignments = []
    for features_a in (as_is, mirror_features(as_is)):
        hand_costs = _frame_costs(features_a, features_b)
        alignments.append((features_a, features_b, hand_costs, _accumulate(hand_costs.sum(0)[None])[0]))
    return min(alignments, key=lambda alignment: float(alignment[3][-1, -1]))  # min keeps the first on a tie


def dtw_distance_matrix(
    queries: Sequence[PoseSequence | DtwFeatures],
    gallery: Sequence[PoseSequence | DtwFeatures] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> np.ndarray:
    """(n_queries, n_gallery) DTW distances (each the nearer of a query as it is and mirrored), computed many
    pairs at a time.

    Without ``gallery``: the symmetric (n, n) matrix among ``queries``, computing each pair once (DTW with a
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
        as_is, mirrored = both[:n_queries], both[n_queries:]
    else:
        as_is = _distance_block(query_features, query_features, True, report(0))
        mirrored = _distance_block(mirrored_queries, query_features, True, report(n_queries))
    nearer: np.ndarray = np.minimum(as_is, mirrored)
    return nearer


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
        frames = cost.shape[-1]
        result[rows, columns] = _accumulate(cost.reshape(-1, frames, frames))[:, -1, -1].reshape(
            cost.shape[:2]
        )
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
    Cells outside the band are ``inf``. The loop runs over cells of one pair; every step handles all pairs.
    """
    n_pairs, frames_a, frames_b = cost.shape
    if frames_a != frames_b:
        raise ValueError(f"both clips must be resampled to the same length, got {frames_a} and {frames_b}")
    radius = band_radius(frames_a)
    accumulated = np.full(cost.shape, np.inf, np.float64)
    # The previous row, shifted by one: column 0 stands for the (always inf) cell left of j = 0.
    previous_row = np.full((n_pairs, frames_b + 1), np.inf)
    for i in range(frames_a):
        lo, hi = max(0, i - radius), min(frames_b, i + radius + 1)
        if i == 0:  # the path starts at (0, 0)
            from_previous = np.where(np.arange(lo, hi) == 0, 0.0, np.inf)[None].repeat(n_pairs, 0)
        else:  # coming from above (i-1, j) or diagonally (i-1, j-1): the whole row at once
            from_previous = np.minimum(previous_row[:, lo + 1 : hi + 1], previous_row[:, lo:hi])
        row = accumulated[:, i]
        left = np.full(n_pairs, np.inf)
        for j in range(lo, hi):  # coming from the left (i, j-1) is sequential along the row
            left = cost[:, i, j] + np.minimum(from_previous[:, j - lo], left)
            row[:, j] = left
        previous_row[:, 1:] = row
    mean_cost: np.ndarray = accumulated / frames_a
    return mean_cost


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
