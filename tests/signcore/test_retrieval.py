import time

import numpy as np
import pytest

from signcore.retrieval import (
    HYBRID_SHORTLIST,
    GlossGallery,
    clip_to_gloss_distances,
    fuse_gloss_distances,
    hybrid_gloss_distances,
    nearest_glosses,
    pairwise_distances,
    rank_glosses,
    silhouette_from_distances,
    silhouette_score,
    top_k_accuracy,
    true_gloss_ranks,
)

# One-dimensional embeddings make every distance easy to check by hand.
GALLERY = np.array([[0.0], [0.5], [0.6], [3.0], [10.0]])
GALLERY_GLOSSES = ["near", "near", "near", "middle", "far"]


def test_glosses_are_distinct_and_ranked_by_their_nearest_clip():
    # "near" has three clips closest to the query, but may take only one of the top places.
    result = nearest_glosses(np.array([1.0]), GALLERY, GALLERY_GLOSSES, k=2)
    assert [gloss for gloss, _ in result] == ["near", "middle"]
    assert result[0][1] == pytest.approx(0.4)
    assert result[1][1] == pytest.approx(2.0)


def test_k_larger_than_the_number_of_glosses_returns_every_gloss_once():
    result = nearest_glosses(np.array([1.0]), GALLERY, GALLERY_GLOSSES, k=10)
    assert [gloss for gloss, _ in result] == ["near", "middle", "far"]


def test_ties_are_broken_by_gloss_name():
    gallery = np.array([[1.0], [-1.0]])
    assert [g for g, _ in nearest_glosses(np.array([0.0]), gallery, ["zebra", "apple"], k=2)] == [
        "apple",
        "zebra",
    ]


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


def test_silhouette_matches_hand_computed_values():
    points = np.array([[0.0], [1.0], [4.0], [6.0]])
    # s = (b - a) / max(a, b): 0 -> (5-1)/5, 1 -> (4-1)/4, 4 -> (3.5-2)/3.5, 6 -> (5.5-2)/5.5
    expected = np.mean([4 / 5, 3 / 4, 1.5 / 3.5, 3.5 / 5.5])
    labels = ["a", "a", "b", "b"]
    assert silhouette_score(points, labels) == pytest.approx(expected)
    assert silhouette_from_distances(pairwise_distances(points, points), labels) == pytest.approx(expected)


def test_silhouette_of_a_singleton_label_counts_as_zero():
    points = np.array([[0.0], [1.0], [4.0]])
    assert silhouette_score(points, ["a", "a", "b"]) == pytest.approx((3 / 4 + 2 / 3 + 0) / 3)


def test_silhouette_needs_two_labels():
    with pytest.raises(ValueError, match="two labels"):
        silhouette_score(np.zeros((3, 2)), ["a", "a", "a"])


def test_silhouette_is_computed_in_row_blocks_without_changing_the_result(monkeypatch):
    rng = np.random.default_rng(2)
    points = rng.normal(size=(50, 4))
    labels = [f"g{i % 5}" for i in range(50)]
    whole = silhouette_score(points, labels)
    monkeypatch.setattr("signcore.retrieval.ROW_CHUNK", 7)
    assert silhouette_score(points, labels) == pytest.approx(whole)


def test_a_query_against_10000_clips_answers_well_within_50_ms():
    rng = np.random.default_rng(3)
    gallery = GlossGallery(rng.normal(size=(10_000, 64)), [f"sign{i % 1500}" for i in range(10_000)])
    query = rng.normal(size=64)
    gallery.nearest(query, 5)  # warm-up
    started = time.perf_counter()
    for _ in range(10):
        result = gallery.nearest(query, 5)
    assert (time.perf_counter() - started) / 10 < 0.05
    assert len({gloss for gloss, _ in result}) == 5


def test_fusion_z_scores_each_method_per_query_so_scales_do_not_matter():
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
