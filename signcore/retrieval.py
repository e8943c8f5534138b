"""Nearest distinct glosses: the one ranking rule shared by evaluation and the app's scoring.

A gallery is a set of clips, each with an embedding and a gloss. A query is ranked against the gallery's
DISTINCT glosses, each gloss standing at the distance of its nearest clip (Euclidean). "Top-k" means the
true gloss is among the first k glosses of that ranking, so a gloss with many clips cannot fill the top-k by
itself. Ties are broken by gloss name, so rankings are deterministic.

Everything here also works from a precomputed clip distance matrix (DTW, or a leave-one-out matrix with the
query's own clip set to ``inf``), so every method is scored by exactly the same code, and rankings of several
methods can be fused at the level of glosses (:func:`fuse_gloss_distances`), calibrated on the reference
gallery (:class:`Fusion`, :func:`gallery_fusion`).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

# Rows of a distance matrix the silhouette sums at once: bounds its temporaries at ~ROW_CHUNK x labels.
ROW_CHUNK = 512


def pairwise_distances(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Euclidean distances between the rows of ``a`` (n, d) and ``b`` (m, d), as an (n, m) float64 array."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    squared = (a * a).sum(1)[:, None] + (b * b).sum(1)[None, :] - 2.0 * (a @ b.T)
    distances: np.ndarray = np.sqrt(np.maximum(squared, 0.0))  # rounding can make ~0 slightly negative
    return distances


class GlossGallery:
    """A gallery prepared once for many queries: clips grouped by gloss so per-gloss minima are one reduce."""

    def __init__(self, embeddings: np.ndarray, glosses: Sequence[str]):
        embeddings = np.asarray(embeddings, dtype=np.float64)
        if embeddings.ndim != 2 or len(embeddings) != len(glosses):
            raise ValueError(f"need (n, d) embeddings and n glosses, got {embeddings.shape}, {len(glosses)}")
        if len(glosses) == 0:
            raise ValueError("the gallery is empty")
        self.glosses, gloss_ids = np.unique(np.asarray(glosses, dtype=str), return_inverse=True)
        self._order = np.argsort(gloss_ids, kind="stable")
        self._starts = np.searchsorted(gloss_ids[self._order], np.arange(len(self.glosses)))
        self._embeddings = embeddings[self._order]
        self._squared_norms = (self._embeddings**2).sum(1)

    def __len__(self) -> int:
        return len(self._embeddings)

    def gloss_distances(self, queries: np.ndarray) -> np.ndarray:
        """(n_queries, n_glosses): the distance from each query to the nearest clip of each gloss."""
        queries = np.atleast_2d(np.asarray(queries, dtype=np.float64))
        squared = (
            (queries**2).sum(1)[:, None] + self._squared_norms[None, :] - 2.0 * (queries @ self._embeddings.T)
        )
        nearest_squared = np.minimum.reduceat(squared, self._starts, axis=1)
        return np.sqrt(np.maximum(nearest_squared, 0.0))

    def nearest(self, query: np.ndarray, k: int) -> list[tuple[str, float]]:
        """The ``k`` nearest distinct glosses to one query embedding, nearest first, with their distances."""
        distances = self.gloss_distances(np.asarray(query)[None, :])
        order = rank_glosses(distances, k)[0]
        return [(str(self.glosses[g]), float(distances[0, g])) for g in order]


def rank_glosses(gloss_distances: np.ndarray, k: int | None = None) -> np.ndarray:
    """Per row, the indices of the ``k`` nearest glosses (all when ``k`` is None), nearest first.

    Gloss indices refer to the sorted gloss names, so a stable sort breaks ties by name.
    """
    order = np.argsort(gloss_distances, axis=1, kind="stable")
    return order if k is None else order[:, :k]


def clip_to_gloss_distances(
    clip_distances: np.ndarray, gallery_glosses: Sequence[str]
) -> tuple[np.ndarray, np.ndarray]:
    """From an (n_queries, n_clips) distance matrix: the sorted gloss names and each gloss's nearest distance.

    Entries set to ``inf`` (e.g. a query's own clip in leave-one-out) are excluded; a gloss whose every clip
    is excluded stands at ``inf`` and ranks last.
    """
    clip_distances = np.asarray(clip_distances, dtype=np.float64)
    glosses, gloss_ids = np.unique(np.asarray(gallery_glosses, dtype=str), return_inverse=True)
    order = np.argsort(gloss_ids, kind="stable")
    starts = np.searchsorted(gloss_ids[order], np.arange(len(glosses)))
    return glosses, np.minimum.reduceat(clip_distances[:, order], starts, axis=1)


# THE ranking: the app's nearest signs (practice) and search results, and ``trainer evaluate``'s default,
# all through :func:`rank_labels`: the encoder's HYBRID_SHORTLIST nearest labels re-ranked by the encoder's
# and DTW's calibrated log distances, weighted w and 1 - w (how w and the calibration are chosen:
# models/MODEL_CARD.md, "Fusion").
DEFAULT_ENCODER_WEIGHT = 0.5
HYBRID_SHORTLIST = 10


@dataclass(frozen=True)
class Fusion:
    """How :func:`rank_labels` fuses the encoder's and DTW's distances, as chosen on a reference gallery
    (:func:`gallery_fusion`): the encoder's share (DTW's: 1 - it), and each method's (encoder, DTW) typical
    spread of log distances over a query's candidates on that gallery (:func:`log_spreads`). Without spreads
    each query's own spread is used, which gives a method that cannot tell the candidates apart as much say
    as one that can."""

    encoder_weight: float = DEFAULT_ENCODER_WEIGHT
    spreads: tuple[float, float] | None = None


def rank_labels(
    encoder_distances: np.ndarray,
    dtw_distances: Callable[[np.ndarray], np.ndarray] | None = None,
    include: int | None = None,
    fusion: Fusion = Fusion(),
) -> tuple[np.ndarray, np.ndarray]:
    """One query's ranking: the candidate labels (indices into ``encoder_distances``, nearest first) and
    their ranking values (lower = nearer; no unit).

    ``encoder_distances`` (n_labels,): the encoder's distance to each label's nearest clip. The candidates
    are its HYBRID_SHORTLIST nearest labels, plus ``include`` wherever it stands (the sign being
    practised). ``dtw_distances(candidates)`` gives DTW's distances to those labels only, so DTW never runs
    on the rest; without it the encoder alone ranks."""
    encoder_distances = np.asarray(encoder_distances, np.float64)
    candidates = _shortlists(encoder_distances[None])[0]
    if include is not None and include not in candidates:
        candidates = np.append(candidates, include)
    parts: list[np.ndarray] = [encoder_distances[candidates]]
    weights: tuple[float, ...] = (1.0,)
    spreads = None
    if dtw_distances is not None:
        parts = [*parts, np.asarray(dtw_distances(candidates), np.float64)]
        weights = (fusion.encoder_weight, 1.0 - fusion.encoder_weight)
        spreads = fusion.spreads
    values = fuse_gloss_distances([part[None] for part in parts], weights, spreads)[0]
    order = np.argsort(values, kind="stable")
    return candidates[order], values[order]


def _shortlists(encoder_distances: np.ndarray) -> np.ndarray:
    """Per row of (n_queries, n_labels) encoder distances: the HYBRID_SHORTLIST nearest labels, nearest
    first."""
    return rank_glosses(encoder_distances, HYBRID_SHORTLIST)


def hybrid_gloss_distances(
    embedding: np.ndarray, dtw: np.ndarray, fusions: Fusion | Sequence[Fusion] = Fusion()
) -> np.ndarray:
    """:func:`rank_labels` for many queries at once, from the encoder's and DTW's (n_queries, n_glosses)
    gloss distances and each query's fusion (or one for all): per row, each candidate's place in
    :func:`rank_labels`' order (0 first; so an exact tie goes where it does there, to the encoder's nearer),
    ``inf`` outside its candidates (they rank last)."""
    embedding, dtw = np.asarray(embedding, np.float64), np.asarray(dtw, np.float64)
    per_row = [fusions] * len(embedding) if isinstance(fusions, Fusion) else list(fusions)
    fused = np.full(embedding.shape, np.inf)
    for row in range(len(embedding)):

        def dtw_of_row(candidates: np.ndarray, row: int = row) -> np.ndarray:
            return np.asarray(dtw[row, candidates])

        labels, _ = rank_labels(embedding[row], dtw_of_row, fusion=per_row[row])
        fused[row, labels] = np.arange(len(labels))
    return fused


# The encoder weight chosen on the reference gallery itself: the weights tried, and how many of the gallery's
# leave-one-out queries (a share, at least one) count as a near-tie, broken toward DEFAULT_ENCODER_WEIGHT
# (the rule and its validation: models/MODEL_CARD.md, "Fusion").
ENCODER_WEIGHT_GRID = tuple(round(0.1 * step, 1) for step in range(11))
NEAR_TIE_SHARE = 0.01
# A gallery with one clip per sign cannot choose (no leave-one-out): the weight chosen for it by a rule fixed
# beforehand on the two one-clip validation rows (within 1 point of the better part on both, then the most
# correct), re-applied when DTW's hand shape changed: 0.9 with the old DTW, 0.5 with FEATURES_VERSION 4
# (models/MODEL_CARD.md, "Few reference clips per sign", "One clip per sign").
ONE_CLIP_ENCODER_WEIGHT = 0.5


def hybrid_top1(
    encoder: np.ndarray,
    dtw: np.ndarray,
    spreads: tuple[float, float] | None = None,
    encoder_weights: Sequence[float] = ENCODER_WEIGHT_GRID,
) -> np.ndarray:
    """(n_queries, n_weights): the label :func:`rank_labels` puts first for each query (rows of the
    encoder's and DTW's (n_queries, n_labels) gloss distances) at each encoder weight, with these spreads
    (:class:`Fusion`). DTW is read at the shortlisted labels only (elsewhere it may be anything, e.g.
    ``nan`` where it was never computed)."""
    encoder, dtw = np.asarray(encoder, np.float64), np.asarray(dtw, np.float64)
    candidates = _shortlists(encoder)
    parts = _calibrated([np.take_along_axis(part, candidates, 1) for part in (encoder, dtw)], spreads)
    firsts = [
        np.take_along_axis(candidates, _weighted(parts, (w, 1.0 - w)).argmin(1)[:, None], 1)[:, 0]
        for w in encoder_weights
    ]
    return np.stack(firsts, 1) if firsts else np.zeros((len(encoder), 0), int)


def choose_encoder_weight(correct: Sequence[int], n_queries: int) -> float:
    """The weight of ENCODER_WEIGHT_GRID to rank with, from how many of ``n_queries`` gallery leave-one-out
    queries each weight got right: among the weights within a near-tie of the best count, the nearest
    DEFAULT_ENCODER_WEIGHT; equally near, the one with more right, then the smaller (toward DTW, which
    learned nothing and so cannot have learned the wrong thing). No query (one clip per sign):
    ONE_CLIP_ENCODER_WEIGHT."""
    if n_queries == 0:
        return ONE_CLIP_ENCODER_WEIGHT
    counts = np.asarray(correct)
    if len(counts) != len(ENCODER_WEIGHT_GRID):
        raise ValueError(f"{len(counts)} counts for {len(ENCODER_WEIGHT_GRID)} weights")
    margin = max(1, math.ceil(round(NEAR_TIE_SHARE * n_queries, 9)))  # rounded: 0.01 x 300 is not 3.0
    near_best = [i for i, count in enumerate(counts) if count >= counts.max() - margin]
    grid = ENCODER_WEIGHT_GRID

    def preference(i: int) -> tuple[float, int, float]:
        return round(abs(grid[i] - DEFAULT_ENCODER_WEIGHT), 9), -counts[i], grid[i]

    return grid[min(near_best, key=preference)]


def log_spreads(encoder: np.ndarray, dtw: np.ndarray, labels: np.ndarray) -> tuple[float, float] | None:
    """Each method's (encoder, DTW) typical spread of log distances over the OTHER signs a query is
    compared with on a gallery: from the (n_rows, n_labels) gloss distances of gallery clips against the
    other gallery clips (DTW needed at each row's shortlist only) and each row's own label, the median over
    the rows with two or more finite candidates of the standard deviation of their shortlisted candidates'
    log distances, the row's own label left out (its other clips were recorded with it, which a learner's
    attempt never is). None when no row has two candidates or a spread is 0 (then each query uses its
    own)."""
    encoder, dtw = np.asarray(encoder, np.float64), np.asarray(dtw, np.float64)
    if encoder.size == 0:
        return None
    candidates = _shortlists(encoder)  # as the row is ranked: DTW is known there only
    others = candidates != np.asarray(labels)[:, None]
    spreads = []
    for part in (encoder, dtw):
        logs = np.where(others, _log_distances(np.take_along_axis(part, candidates, 1)), np.nan)
        countable = np.isfinite(logs).sum(1) >= 2
        if not countable.any():
            return None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            spreads.append(float(np.median(np.nanstd(logs[countable], 1))))
    if not all(np.isfinite(spread) and spread > 0 for spread in spreads):
        return None
    return spreads[0], spreads[1]


def gallery_fusion(encoder: np.ndarray, dtw: np.ndarray, labels: np.ndarray) -> Fusion:
    """The fusion chosen on a gallery: ``encoder`` and ``dtw`` are the (n_rows, n_labels) gloss distances
    of gallery clips (all, or a sample), each against the OTHER gallery clips (DTW needed at each row's
    shortlist only); ``labels`` their own labels. The spreads come from every row (:func:`log_spreads`),
    the encoder weight from the rows whose label has another clip, as leave-one-out queries
    (:func:`choose_encoder_weight`; none: ONE_CLIP_ENCODER_WEIGHT)."""
    encoder, labels = np.asarray(encoder, np.float64), np.asarray(labels)
    spreads = log_spreads(encoder, dtw, labels)
    queries = np.isfinite(encoder[np.arange(len(encoder)), labels]) if len(encoder) else np.zeros(0, bool)
    if not queries.any():
        return Fusion(ONE_CLIP_ENCODER_WEIGHT, spreads)
    hits = hybrid_top1(encoder[queries], np.asarray(dtw)[queries], spreads) == labels[queries, None]
    return Fusion(choose_encoder_weight(hits.sum(0), int(queries.sum())), spreads)


def clip_gallery_fusion(encoder_clips: np.ndarray, dtw_clips: np.ndarray, glosses: Sequence[str]) -> Fusion:
    """:func:`gallery_fusion` of a gallery given as both methods' full (n, n) clip distance matrices among
    its clips (each clip's distance to itself is ignored)."""
    parts, labels = _rows_against_the_others(encoder_clips, dtw_clips, glosses)
    return gallery_fusion(parts[0], parts[1], labels)


def clip_gallery_spreads(
    encoder_clips: np.ndarray, dtw_clips: np.ndarray, glosses: Sequence[str]
) -> tuple[float, float] | None:
    """:func:`log_spreads` of a gallery given as both methods' full (n, n) clip distance matrices."""
    parts, labels = _rows_against_the_others(encoder_clips, dtw_clips, glosses)
    return log_spreads(parts[0], parts[1], labels)


def _rows_against_the_others(
    encoder_clips: np.ndarray, dtw_clips: np.ndarray, glosses: Sequence[str]
) -> tuple[list[np.ndarray], np.ndarray]:
    """Each clip's gloss distances to the other clips, for both methods, and its label."""
    _, label = np.unique(np.asarray(glosses, dtype=str), return_inverse=True)
    parts = []
    for matrix in (encoder_clips, dtw_clips):
        others = np.array(matrix, np.float64)
        np.fill_diagonal(others, np.inf)
        parts.append(clip_to_gloss_distances(others, glosses)[1])
    return parts, label


def encoder_weights_without_each(
    encoder_clips: np.ndarray,
    dtw_clips: np.ndarray,
    glosses: Sequence[str],
    spreads: tuple[float, float] | None,
) -> np.ndarray:
    """Per clip of a gallery, the weight :func:`gallery_fusion` chooses on the gallery WITHOUT that clip
    (its row and column removed), at the given ``spreads`` (those of the whole gallery, the clip's own row
    one of the median's, its own sign left out): a leave-one-out query's weight, never chosen with the
    query's own ranking. From the full (n, n) clip distance matrices of both methods; exact, and cheap:
    removing clip q changes another clip's ranking only where q was its nearest clip of q's gloss for either
    method, and then the second-nearest takes its place."""
    names, label = np.unique(np.asarray(glosses, dtype=str), return_inverse=True)
    n_labels = len(names)
    by_method = [_two_nearest_of_each_gloss(matrix, label, n_labels) for matrix in (encoder_clips, dtw_clips)]
    nearest, second, nearest_clip = (np.stack(found) for found in zip(*by_method, strict=True))
    hits = hybrid_top1(nearest[0], nearest[1], spreads) == label[:, None]
    # Every (row, removed clip) pair where the removal moves a distance: the removed clip was the nearest.
    rows, removed = [], []
    for m in range(2):
        found_row, found_label = np.nonzero(np.isfinite(nearest[m]))
        rows.append(found_row)
        removed.append(nearest_clip[m, found_row, found_label].astype(int))
    pairs = np.unique(np.stack([np.concatenate(rows), np.concatenate(removed)], 1), axis=0)
    row, gone = pairs[:, 0], pairs[:, 1]
    changed = [nearest[m, row].copy() for m in range(2)]
    for m in range(2):
        moved = nearest_clip[m, row, label[gone]] == gone
        changed[m][moved, label[gone][moved]] = second[m, row[moved], label[gone][moved]]
    hits_after = hybrid_top1(changed[0], changed[1], spreads) == label[row][:, None]
    correct = hits.sum(0)[None, :] - hits.astype(int)  # each query's own ranking never counts
    np.add.at(correct, gone, hits_after.astype(int) - hits[row])
    # Leave-one-out queries once the clip is gone: clips whose label keeps another clip besides them.
    sizes = np.bincount(label, minlength=n_labels)
    queries_of_label = np.where(sizes >= 2, sizes, 0)
    n_queries = queries_of_label.sum() - (sizes[label] >= 2) - np.where(sizes[label] == 2, 1, 0)
    return np.array([choose_encoder_weight(c, q) for c, q in zip(correct, n_queries, strict=True)])


def _two_nearest_of_each_gloss(
    clip_distances: np.ndarray, label: np.ndarray, n_labels: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each clip and each gloss (``label``: each clip's, 0 to ``n_labels`` - 1), from the (n, n) clip
    distances, each clip's own left out: the distance to the gloss's nearest clip, to its second-nearest
    (inf where the gloss has no second) and which clip the nearest is; three (n, n_labels) arrays."""
    matrix = np.array(clip_distances, np.float64)
    np.fill_diagonal(matrix, np.inf)
    nearest, second, nearest_clip = (np.full((len(label), n_labels), np.inf) for _ in range(3))
    for g in range(n_labels):
        members = np.flatnonzero(label == g)
        order = np.argsort(matrix[:, members], axis=1, kind="stable")[:, :2]
        nearest[:, g] = np.take_along_axis(matrix[:, members], order[:, :1], 1)[:, 0]
        nearest_clip[:, g] = members[order[:, 0]]
        if len(members) > 1:
            second[:, g] = np.take_along_axis(matrix[:, members], order[:, 1:2], 1)[:, 0]
    return nearest, second, nearest_clip


def fuse_gloss_distances(
    gloss_distances: Sequence[np.ndarray], weights: Sequence[float], spreads: Sequence[float] | None = None
) -> np.ndarray:
    """One ranking from several methods' (n_queries, n_glosses) gloss distances.

    Methods measure distance on unrelated scales, so per query each method's log distances are centred over
    the glosses (how many times closer than usual a gloss is, for that method and that query) and divided
    by that method's typical spread (``spreads``, one per method: :func:`log_spreads`; None: the query's
    own, i.e. z-scores) before the weighted sum. With a typical spread, a method that sees every candidate
    at about the same distance has little say in that query. Excluded glosses (``inf`` in any method) stay
    at ``inf``; the centring uses the finite ones only.
    """
    if len(gloss_distances) != len(weights) or not gloss_distances:
        raise ValueError(f"{len(gloss_distances)} distance matrices but {len(weights)} weights")
    return _weighted(_calibrated(gloss_distances, spreads), weights)


def _calibrated(gloss_distances: Sequence[np.ndarray], spreads: Sequence[float] | None) -> list[np.ndarray]:
    """Each method's log distances centred per row over its finite entries and divided by the method's
    spread (None: the row's own), ``nan`` where excluded (:func:`fuse_gloss_distances`)."""
    if spreads is not None and len(spreads) != len(gloss_distances):
        raise ValueError(f"{len(spreads)} spreads for {len(gloss_distances)} methods")
    parts = []
    for method, distances in enumerate(gloss_distances):
        logs = _log_distances(distances)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # a row with no finite entry: all nan
            centred = logs - np.nanmean(logs, 1, keepdims=True)
            if spreads is None:  # one candidate, or all at one distance: no preference
                own_spread = np.nanstd(logs, 1, keepdims=True)
                parts.append(centred / np.where(own_spread > 0, own_spread, 1.0))
            else:
                parts.append(centred / spreads[method])
    return parts


def _weighted(parts: Sequence[np.ndarray], weights: Sequence[float]) -> np.ndarray:
    """The weighted sum of calibrated parts, ``inf`` wherever a part is excluded (``nan``; from the part,
    not its product: a weight of 0 times it would be a ``nan``, which argmin puts first)."""
    fused = np.zeros(np.shape(parts[0]))
    for part, weight in zip(parts, weights, strict=True):
        fused += np.where(np.isnan(part), np.inf, weight * part)
    return fused


# A candidate counts at least this share of its row's median distance away: an exact copy (distance 0)
# would otherwise win by an unbounded margin in log terms, and a fixed floor would depend on the unit.
SMALLEST_RELATIVE_DISTANCE = 0.01


def _log_distances(distances: np.ndarray) -> np.ndarray:
    """Per row, log distances (at least SMALLEST_RELATIVE_DISTANCE of the row's median), ``nan`` where
    excluded (``inf``) or never computed (``nan``)."""
    distances = np.asarray(distances, dtype=np.float64)
    finite = np.isfinite(distances)
    known = np.where(finite, np.maximum(distances, 0.0), np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a row with nothing known: all nan below
        median = np.nanmedian(known, axis=-1, keepdims=True)
    floor = np.where(median > 0, SMALLEST_RELATIVE_DISTANCE * median, 1.0)  # all at 0: no preference
    return np.where(finite, np.log(np.maximum(np.where(finite, known, 1.0), floor)), np.nan)


def true_gloss_ranks(
    gloss_distances: np.ndarray, glosses: np.ndarray, query_glosses: Sequence[str]
) -> np.ndarray:
    """0-based rank of each query's true gloss in its ranking (float; ``inf`` if the gallery lacks it)."""
    ranking = rank_glosses(gloss_distances)
    truth = np.asarray(query_glosses, dtype=str)
    hits = glosses[ranking] == truth[:, None]
    return np.where(hits.any(1), hits.argmax(1), np.inf)


def top_k_accuracy(
    gloss_distances: np.ndarray, glosses: np.ndarray, query_glosses: Sequence[str], k: int
) -> float:
    """Fraction of queries whose true gloss is among their ``k`` nearest distinct glosses."""
    if len(query_glosses) == 0:
        raise ValueError("no queries")
    return float(np.mean(true_gloss_ranks(gloss_distances, glosses, query_glosses) < k))


def silhouette_from_distances(distances: np.ndarray, labels: Sequence[str]) -> float:
    """Mean silhouette coefficient of a labelled set, from its full (n, n) distance matrix.

    For clip i with a = mean distance to the other clips of its label and b = the smallest mean distance to
    the clips of another label, s(i) = (b - a) / max(a, b); s(i) = 0 for a clip alone in its label (the
    usual convention). Needs at least two labels.
    """
    distances = np.asarray(distances, dtype=np.float64)
    n = len(labels)
    if distances.shape != (n, n):
        raise ValueError(f"need a ({n}, {n}) distance matrix, got {distances.shape}")
    names, label_ids = np.unique(np.asarray(labels, dtype=str), return_inverse=True)
    if len(names) < 2:
        raise ValueError("the silhouette needs at least two labels")
    one_hot = np.zeros((n, len(names)))
    one_hot[np.arange(n), label_ids] = 1.0
    sizes = one_hot.sum(0)
    scores = np.zeros(n)
    for start in range(0, n, ROW_CHUNK):
        rows = slice(start, min(start + ROW_CHUNK, n))
        sums = distances[rows] @ one_hot  # (rows, n_labels): total distance to each label's clips
        own = label_ids[rows]
        within = np.arange(len(own))
        own_size = sizes[own]
        a = sums[within, own] / np.maximum(own_size - 1, 1)  # the clip's distance to itself adds 0
        means = sums / sizes
        means[within, own] = np.inf
        b = means.min(1)
        larger = np.maximum(a, b)
        s = np.divide(b - a, larger, out=np.zeros_like(larger), where=larger > 0)
        scores[rows] = np.where(own_size > 1, s, 0.0)
    return float(scores.mean())
