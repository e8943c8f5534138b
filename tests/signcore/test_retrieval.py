import numpy as np
import pytest

from signcore import retrieval
from signcore.retrieval import (
    DEFAULT_ENCODER_WEIGHT,
    ENCODER_WEIGHT_GRID,
    HYBRID_SHORTLIST,
    Fusion,
    GlossGallery,
    choose_encoder_weight,
    clip_gallery_fusion,
    clip_gallery_spreads,
    clip_to_gloss_distances,
    encoder_weights_without_each,
    fuse_gloss_distances,
    gallery_fusion,
    hybrid_gloss_distances,
    hybrid_top1,
    log_spreads,
    pairwise_distances,
    rank_glosses,
    rank_labels,
    silhouette_from_distances,
    top_k_accuracy,
    true_gloss_ranks,
)

# One-dimensional embeddings make every distance easy to check by hand.
GALLERY = np.array([[0.0], [0.5], [0.6], [3.0], [10.0]])
GALLERY_GLOSSES = ["near", "near", "near", "middle", "far"]


def test_glosses_are_distinct_and_ranked_by_their_nearest_clip():
    # "near" has three clips closest to the query, but may take only one of the top places.
    result = GlossGallery(GALLERY, GALLERY_GLOSSES).nearest(np.array([1.0]), k=2)
    assert [gloss for gloss, _ in result] == ["near", "middle"]
    assert result[0][1] == pytest.approx(0.4)
    assert result[1][1] == pytest.approx(2.0)


def test_k_larger_than_the_number_of_glosses_returns_every_gloss_once():
    result = GlossGallery(GALLERY, GALLERY_GLOSSES).nearest(np.array([1.0]), k=10)
    assert [gloss for gloss, _ in result] == ["near", "middle", "far"]


def test_ties_are_broken_by_gloss_name():
    gallery = np.array([[1.0], [-1.0]])
    result = GlossGallery(gallery, ["zebra", "apple"]).nearest(np.array([0.0]), k=2)
    assert [g for g, _ in result] == ["apple", "zebra"]


def test_batch_gloss_distances_match_a_brute_force_minimum():
    rng = np.random.default_rng(1)
    gallery = rng.normal(size=(200, 8))
    glosses = [f"g{i % 17}" for i in range(200)]
    queries = rng.normal(size=(30, 8))
    prepared = GlossGallery(gallery, glosses)
    brute = pairwise_distances(queries, gallery)
    for column, gloss in enumerate(prepared.glosses):
        members = [i for i, g in enumerate(glosses) if g == gloss]
        np.testing.assert_allclose(prepared.gloss_distances(queries)[:, column], brute[:, members].min(1))
    names, from_matrix = clip_to_gloss_distances(brute, glosses)
    assert list(names) == list(prepared.glosses)
    np.testing.assert_allclose(from_matrix, prepared.gloss_distances(queries))


def test_excluded_clips_do_not_count_and_top_k_uses_distinct_glosses():
    # Leave-one-out of clip 0 ("near"): its own distance is inf, the other "near" clips still count.
    distances = pairwise_distances(GALLERY, GALLERY)
    np.fill_diagonal(distances, np.inf)
    glosses, gloss_distances = clip_to_gloss_distances(distances, GALLERY_GLOSSES)
    ranks = true_gloss_ranks(gloss_distances, glosses, GALLERY_GLOSSES)
    # near clips find another near clip first; "middle" and "far" are alone, so their gloss stands at inf.
    assert list(ranks) == [0, 0, 0, 2, 2]
    assert top_k_accuracy(gloss_distances, glosses, GALLERY_GLOSSES, k=1) == pytest.approx(3 / 5)
    assert top_k_accuracy(gloss_distances, glosses, GALLERY_GLOSSES, k=3) == 1.0


def test_a_query_gloss_missing_from_the_gallery_is_a_miss_at_every_k():
    glosses, gloss_distances = clip_to_gloss_distances(np.array([[1.0, 2.0]]), ["a", "b"])
    assert top_k_accuracy(gloss_distances, glosses, ["unknown"], k=5) == 0.0


def silhouette_of(points: np.ndarray, labels: list[str]) -> float:
    return silhouette_from_distances(pairwise_distances(points, points), labels)


def test_silhouette_matches_hand_computed_values():
    points = np.array([[0.0], [1.0], [4.0], [6.0]])
    # s = (b - a) / max(a, b): 0 -> (5-1)/5, 1 -> (4-1)/4, 4 -> (3.5-2)/3.5, 6 -> (5.5-2)/5.5
    expected = np.mean([4 / 5, 3 / 4, 1.5 / 3.5, 3.5 / 5.5])
    labels = ["a", "a", "b", "b"]
    assert silhouette_of(points, labels) == pytest.approx(expected)


def test_silhouette_of_a_singleton_label_counts_as_zero():
    points = np.array([[0.0], [1.0], [4.0]])
    assert silhouette_of(points, ["a", "a", "b"]) == pytest.approx((3 / 4 + 2 / 3 + 0) / 3)


def test_silhouette_needs_two_labels():
    with pytest.raises(ValueError, match="two labels"):
        silhouette_of(np.zeros((3, 2)), ["a", "a", "a"])


def test_silhouette_is_computed_in_row_blocks_without_changing_the_result(monkeypatch):
    rng = np.random.default_rng(2)
    points = rng.normal(size=(50, 4))
    labels = [f"g{i % 5}" for i in range(50)]
    whole = silhouette_of(points, labels)
    monkeypatch.setattr("signcore.retrieval.ROW_CHUNK", 7)
    assert silhouette_of(points, labels) == pytest.approx(whole)


def test_a_query_against_10000_clips_finds_the_nearest_distinct_glosses():
    """The grouped reduction equals brute force at the size the speed target is about (its speed: the
    benchmark commands, ``python -m desktop_app.benchmark``, not a timed test)."""
    rng = np.random.default_rng(3)
    embeddings, glosses = rng.normal(size=(10_000, 64)), [f"sign{i % 1500}" for i in range(10_000)]
    query = rng.normal(size=64)
    result = GlossGallery(embeddings, glosses).nearest(query, 5)
    distances = np.linalg.norm(embeddings - query, axis=1)
    nearest: dict[str, float] = {}
    for gloss, distance in zip(glosses, distances, strict=True):
        nearest[gloss] = min(distance, nearest.get(gloss, np.inf))
    expected = sorted(nearest.items(), key=lambda item: (item[1], item[0]))[:5]
    assert [gloss for gloss, _ in result] == [gloss for gloss, _ in expected]
    np.testing.assert_allclose([d for _, d in result], [d for _, d in expected], rtol=1e-9)


def test_fusion_compares_log_distances_so_units_do_not_matter():
    # Method a (small scale) prefers gloss 0 a little; method b (large scale) prefers gloss 2 a little, and
    # both put gloss 1 close: the fusion finds the gloss that both rank high, whatever each one's units.
    a = np.array([[0.10, 0.11, 0.30]])
    b = np.array([[900.0, 120.0, 100.0]])
    fused = fuse_gloss_distances([a, b], [0.5, 0.5])
    assert rank_glosses(fused)[0].tolist()[0] == 1
    assert (
        rank_glosses(fused)[0].tolist()
        == rank_glosses(fuse_gloss_distances([a * 1000, b / 7], [0.5, 0.5]))[0].tolist()
    )
    # one method at full weight ranks like that method alone
    assert rank_glosses(fuse_gloss_distances([a, b], [1.0, 0.0]))[0].tolist() == [0, 1, 2]
    spreads = (0.2, 0.5)
    assert (
        rank_glosses(fuse_gloss_distances([a, b], [0.5, 0.5], spreads))[0].tolist()
        == rank_glosses(fuse_gloss_distances([a * 1000, b / 7], [0.5, 0.5], spreads))[0].tolist()
    )


def test_with_typical_spreads_a_method_that_cannot_tell_the_candidates_apart_has_little_say():
    lost = np.array([[1.00, 1.02, 1.04]])  # every candidate at about the same distance; gloss 0 a hair nearer
    sure = np.array([[1.2, 1.0, 1.5]])  # gloss 1 clearly nearest
    # z-scores per query blow the lost method's hair up to a full standard deviation: it outvotes
    assert rank_glosses(fuse_gloss_distances([lost, sure], [0.5, 0.5]))[0, 0] == 0
    # measured in the spreads each method usually has, its hair stays a hair
    assert rank_glosses(fuse_gloss_distances([lost, sure], [0.5, 0.5], (0.2, 0.2)))[0, 0] == 1
    with pytest.raises(ValueError):
        fuse_gloss_distances([lost, sure], [0.5, 0.5], (0.2,))


def test_the_spreads_need_dtw_at_each_rows_shortlist_only():
    # The app computes DTW for a gallery clip's shortlist only, its own sign among it: the spreads must come
    # out as from every DTW distance (its own sign is left out of the shortlist, not replaced by the 11th).
    rng = np.random.default_rng(4)
    glosses = [f"g{i // 3}" for i in range(45)]  # 15 signs of 3 clips, each clip nearest its own sign
    points = np.repeat(rng.normal(size=(15, 4)) * 3, 3, axis=0) + rng.normal(size=(45, 4)) * 0.3
    noisy = points + rng.normal(size=(45, 4))
    parts, labels = retrieval._rows_against_the_others(
        pairwise_distances(points, points), pairwise_distances(noisy, noisy), glosses
    )
    shortlists = rank_glosses(parts[0], HYBRID_SHORTLIST)
    assert (shortlists == labels[:, None]).any(1).all()
    dtw_at_shortlists = np.full(parts[1].shape, np.nan)
    np.put_along_axis(dtw_at_shortlists, shortlists, np.take_along_axis(parts[1], shortlists, 1), 1)
    assert log_spreads(parts[0], dtw_at_shortlists, labels) == log_spreads(parts[0], parts[1], labels)


def test_an_exact_copy_wins_by_a_bounded_margin():
    # a distance of 0 counts as 1% of the row's median: far ahead, but not infinitely
    copy, near = np.array([[0.0, 1.0, 1.2]]), np.array([[0.01 * 1.0, 1.0, 1.2]])
    other = np.array([[3.0, 2.0, 1.0]])
    for spreads in (None, (0.2, 0.2)):
        fused = fuse_gloss_distances([copy, other], [0.5, 0.5], spreads)
        assert np.isfinite(fused).all()
        np.testing.assert_allclose(fused, fuse_gloss_distances([near, other], [0.5, 0.5], spreads))
    zeros = fuse_gloss_distances([np.zeros((1, 3)), other], [0.5, 0.5])  # all at 0: no preference
    assert rank_glosses(zeros)[0, 0] == 2


def test_fusion_keeps_excluded_glosses_last_and_survives_degenerate_rows():
    a = np.array([[0.2, np.inf, 0.4], [np.inf, np.inf, np.inf], [0.5, 0.5, 0.5]])
    b = np.array([[1.0, 0.0, 2.0], [1.0, 2.0, 3.0], [3.0, 2.0, 1.0]])
    fused = fuse_gloss_distances([a, b], [0.5, 0.5])
    assert np.isinf(fused[0, 1]) and np.isfinite(fused[0, [0, 2]]).all()
    assert np.isinf(fused[1]).all()
    assert rank_glosses(fused)[2, 0] == 2  # a has no preference, so b decides
    with pytest.raises(ValueError):
        fuse_gloss_distances([a], [0.5, 0.5])


def test_the_hybrid_ranks_only_the_encoders_shortlist():
    n_glosses = HYBRID_SHORTLIST + 5
    embedding = np.arange(n_glosses, dtype=float)[None, :]  # gloss 0 nearest by the encoder ... gloss 14 last
    dtw = embedding[:, ::-1].copy()  # DTW the other way round: gloss 14 nearest
    dtw[0, 1] = -100.0  # and gloss 1 by far, which moves it first
    fused = hybrid_gloss_distances(embedding, dtw)
    assert np.isinf(fused[0, HYBRID_SHORTLIST:]).all()  # outside the shortlist: never ranked, DTW not needed
    assert rank_glosses(fused)[0, 0] == 1


def test_an_exact_tie_ranks_as_the_app_ranks_it():
    # two candidates, the methods disagree, each query's own spread: at 0.5 the fused values tie exactly,
    # and evaluate's ranking puts first what rank_labels puts first (the encoder's nearer), not a name
    encoder, dtw = np.array([[0.3, 0.2]]), np.array([[1.0, 2.0]])
    labels, values = rank_labels(encoder[0], lambda c: dtw[0, c])
    assert values[0] == values[1] and labels[0] == 1
    assert rank_glosses(hybrid_gloss_distances(encoder, dtw))[0, 0] == 1


def _random_gallery(rng, ties=False):
    """Clip distance matrices of two methods that see the same clusters with different noise."""
    n, n_glosses = int(rng.integers(8, 50)), int(rng.integers(2, 14))
    glosses = [f"g{g}" for g in rng.integers(0, n_glosses, n)]
    centres = rng.normal(size=(n_glosses, 3))
    ids = np.array([int(g[1:]) for g in glosses])
    a = centres[ids] + rng.normal(size=(n, 3)) * rng.uniform(0.2, 1.5)
    b = centres[ids] + rng.normal(size=(n, 3)) * rng.uniform(0.2, 1.5)
    encoder, dtw = pairwise_distances(a, a), pairwise_distances(b, b) ** 1.5
    return (np.round(encoder, 1) if ties else encoder), dtw, glosses


def test_the_vectorised_first_label_is_rank_labels_first_at_every_weight():
    rng = np.random.default_rng(3)
    for trial in range(10):
        encoder, dtw, glosses = _random_gallery(rng, ties=trial % 2 == 0)
        np.fill_diagonal(encoder, np.inf)
        np.fill_diagonal(dtw, np.inf)
        _, encoder_glosses = clip_to_gloss_distances(encoder, glosses)
        _, dtw_glosses = clip_to_gloss_distances(dtw, glosses)
        spreads = None if trial % 3 == 0 else tuple(rng.uniform(0.1, 1.0, 2))
        first = hybrid_top1(encoder_glosses, dtw_glosses, spreads)
        for row in range(len(glosses)):
            for column, weight in enumerate(ENCODER_WEIGHT_GRID):
                labels, _ = rank_labels(
                    encoder_glosses[row], lambda c, d=dtw_glosses[row]: d[c], fusion=Fusion(weight, spreads)
                )
                assert labels[0] == first[row, column]


def test_a_weight_of_zero_ranks_by_dtw_even_with_excluded_labels():
    encoder = np.array([[0.1, 0.2, np.inf]])
    dtw = np.array([[5.0, 1.0, 0.0]])
    # the excluded label never first
    assert hybrid_top1(encoder, dtw, encoder_weights=[0.0, 1.0]).tolist() == [[1, 0]]


def test_the_weight_moves_from_the_default_only_for_more_than_a_near_tie():
    counts = np.full(len(ENCODER_WEIGHT_GRID), 90)
    assert choose_encoder_weight(counts, 100) == DEFAULT_ENCODER_WEIGHT
    counts[ENCODER_WEIGHT_GRID.index(0.8)] = 91  # one query better, margin 1 of 100 queries: a near-tie
    assert choose_encoder_weight(counts, 100) == DEFAULT_ENCODER_WEIGHT
    counts[ENCODER_WEIGHT_GRID.index(0.8)] = 92
    assert choose_encoder_weight(counts, 100) == 0.8
    counts[ENCODER_WEIGHT_GRID.index(0.7)] = 91  # within the margin of the best and nearer to the default
    assert choose_encoder_weight(counts, 100) == 0.7
    counts = np.full(len(ENCODER_WEIGHT_GRID), 50)
    counts[ENCODER_WEIGHT_GRID.index(0.3)] = counts[ENCODER_WEIGHT_GRID.index(0.7)] = 60
    assert choose_encoder_weight(counts, 100) == 0.3  # equally near and equally good: toward DTW
    counts[ENCODER_WEIGHT_GRID.index(0.5)] = 57
    assert choose_encoder_weight(counts, 300) == 0.5  # 3 of 300 queries is a near-tie
    assert choose_encoder_weight(counts, 100) == 0.3


def test_the_gallery_weight_follows_the_part_that_tells_its_signs_apart():
    rng = np.random.default_rng(0)
    glosses = [f"g{i % 12}" for i in range(120)]
    ids = np.arange(120) % 12
    clean = rng.normal(size=(12, 4))[ids] + rng.normal(size=(120, 4)) * 0.3
    noise = rng.normal(size=(120, 4))
    good, useless = pairwise_distances(clean, clean), pairwise_distances(noise, noise)
    assert clip_gallery_fusion(good, useless, glosses).encoder_weight >= 0.8
    assert clip_gallery_fusion(useless, good, glosses).encoder_weight <= 0.2
    assert clip_gallery_fusion(good, good, glosses).encoder_weight == DEFAULT_ENCODER_WEIGHT


def test_the_spreads_leave_out_each_rows_own_sign():
    # A gallery's clips of one sign were recorded together, so they sit far nearer each other than an
    # attempt ever sits to them: the spreads measure the distances to the OTHER signs only.
    rng = np.random.default_rng(2)
    encoder, dtw, glosses = _random_gallery(rng)
    spreads = clip_gallery_spreads(encoder, dtw, glosses)
    same = np.equal.outer(glosses, glosses)
    assert spreads is not None and all(s > 0 for s in spreads)
    nearer = clip_gallery_spreads(
        np.where(same, encoder / 100, encoder), np.where(same, dtw / 100, dtw), glosses
    )
    assert nearer == spreads
    farther = clip_gallery_spreads(encoder, np.where(same, dtw * 100, dtw), glosses)
    assert farther == spreads
    # a gallery of two clips has no two other signs to spread over: each query uses its own
    assert clip_gallery_spreads(encoder[:2, :2], dtw[:2, :2], ["a", "b"]) is None


def _weight_at(encoder, dtw, glosses, spreads):
    """The brute-force gallery weight at given spreads: every clip with another clip of its gloss asks."""
    names, label = np.unique(glosses, return_inverse=True)
    parts = []
    for matrix in (encoder, dtw):
        others = matrix.copy()
        np.fill_diagonal(others, np.inf)
        parts.append(clip_to_gloss_distances(others, glosses)[1])
    asks = np.isfinite(parts[0][np.arange(len(label)), label])
    hits = hybrid_top1(parts[0][asks], parts[1][asks], spreads) == label[asks, None]
    return choose_encoder_weight(hits.sum(0), int(asks.sum()))


def test_each_leave_one_out_weight_is_chosen_without_its_clip_exactly():
    rng = np.random.default_rng(5)
    moved = False
    for trial in range(12):
        encoder, dtw, glosses = _random_gallery(rng, ties=trial % 3 == 0)
        spreads = clip_gallery_spreads(encoder, dtw, glosses)
        fast = encoder_weights_without_each(encoder, dtw, glosses, spreads)
        for clip in range(len(glosses)):
            keep = np.flatnonzero(np.arange(len(glosses)) != clip)
            kept = [glosses[i] for i in keep]
            alone = _weight_at(encoder[np.ix_(keep, keep)], dtw[np.ix_(keep, keep)], kept, spreads)
            assert fast[clip] == alone
        moved |= len(set(fast.tolist())) > 1  # some clip's own ranking would have changed the choice
    assert moved


def test_each_clips_two_nearest_of_each_gloss_leave_the_clip_itself_out():
    from signcore.retrieval import _two_nearest_of_each_gloss

    distances = np.abs(GALLERY - GALLERY.T)  # labels: far 0, middle 1, near 2
    label = np.unique(GALLERY_GLOSSES, return_inverse=True)[1]
    nearest, second, nearest_clip = _two_nearest_of_each_gloss(distances, label, 3)
    np.testing.assert_allclose(nearest[0], [10.0, 3.0, 0.5])  # clip 0 (at 0.0): not itself, at 0
    np.testing.assert_allclose(second[0], [np.inf, np.inf, 0.6])  # one clip of far and of middle
    np.testing.assert_array_equal(nearest_clip[0], [4, 3, 1])
    np.testing.assert_allclose(nearest[3], [7.0, np.inf, 2.4])  # middle's only clip: none of its own
    assert distances[0, 0] == 0.0  # the caller's matrix is left as it was


def test_the_gallery_fusion_of_gloss_rows_equals_that_of_the_clip_matrices():
    rng = np.random.default_rng(8)
    encoder, dtw, glosses = _random_gallery(rng)
    names = np.unique(glosses)
    parts = []
    for matrix in (encoder, dtw):
        others = matrix.copy()
        np.fill_diagonal(others, np.inf)
        parts.append(clip_to_gloss_distances(others, glosses)[1])
    labels = np.searchsorted(names, glosses)
    fusion = gallery_fusion(*parts, labels)
    assert fusion == clip_gallery_fusion(encoder, dtw, glosses)
    assert fusion.encoder_weight == _weight_at(encoder, dtw, glosses, fusion.spreads)


def test_a_gallery_with_one_clip_per_gloss_ranks_with_the_one_clip_weight(monkeypatch):
    # the shipped one-clip weight equals the default (0.5); a distinct one shows which rule ranked
    monkeypatch.setattr(retrieval, "ONE_CLIP_ENCODER_WEIGHT", 0.9)
    one_each = np.array([[0.0, 1.0, 2.0], [1.0, 0.0, 1.0], [2.0, 1.0, 0.0]])
    assert clip_gallery_fusion(one_each, one_each, ["a", "b", "c"]).encoder_weight == 0.9
    assert choose_encoder_weight([0] * len(ENCODER_WEIGHT_GRID), 0) == 0.9
    # one gloss with two clips is enough to choose by leave-one-out: then the near-tie goes to 0.5
    two_of_a = clip_gallery_fusion(one_each, one_each, ["a", "a", "c"]).encoder_weight
    assert two_of_a == DEFAULT_ENCODER_WEIGHT != 0.9
