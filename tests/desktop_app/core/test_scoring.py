"""Per-sign score calibration, nearest signs, and speed with 10,000 reference clips."""

import threading
import time

import numpy as np
import pytest

from desktop_app.core.app.models_switch import load_encoder
from desktop_app.core.judging import scoring
from desktop_app.core.judging.scoring import (
    CONFUSABLE_SCORE,
    GOOD_SCORE,
    NEAREST_COUNT,
    RECOGNISED_SCORE,
    TYPICAL_SCORE,
    AttemptScore,
    Calibration,
    Gallery,
    Neighbour,
    score_attempt,
)
from desktop_app.core.signing.view import sign_only
from signcore import dtw, retrieval
from signcore.database import ClipOrigin, SignDatabase
from signcore.errors import InputError
from signcore.formats import load_dgs
from signcore.layout import PoseSequence
from signcore.paths import assets_dir
from signcore.retrieval import HYBRID_SHORTLIST
from tests.support import TEST_DATA, ClaimsSayingWhenFound


def clustered_gallery(n_signs=20, clips_per_sign=6, dim=32, spread=0.3, seed=0, single_clip_signs=0):
    """Signs as clusters: clip = sign centre + noise. The last ``single_clip_signs`` signs have one clip."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(n_signs, dim))
    sign_ids, vectors = [], []
    for sign in range(n_signs):
        count = 1 if sign >= n_signs - single_clip_signs else clips_per_sign
        for _ in range(count):
            sign_ids.append(sign)
            vectors.append(centres[sign] + rng.normal(scale=spread, size=dim))
    sign_ids = np.array(sign_ids)
    gallery = Gallery(
        np.arange(len(sign_ids)) + 100,
        sign_ids,
        [f"sign{s}" for s in sign_ids],
        np.array(vectors, np.float32),
    )
    return gallery, centres, rng


def test_calibration_curve_passes_through_its_anchors():
    calibration = Calibration(typical=2.0, confusable=5.0)
    assert calibration.score(2.0) == pytest.approx(TYPICAL_SCORE)
    assert calibration.score(5.0) == pytest.approx(CONFUSABLE_SCORE)
    distances = np.linspace(0, 50, 200)
    scores = [calibration.score(d) for d in distances]
    assert all(0 <= s <= 100 for s in scores)
    assert all(a >= b for a, b in zip(scores, scores[1:], strict=False))
    assert scores[0] > 85 and scores[-1] < 1


def test_overlapping_sign_still_gets_a_monotone_curve():
    calibration = Calibration(typical=3.0, confusable=2.0)  # a neighbour closer than its own clips
    assert calibration.score(3.0) == pytest.approx(TYPICAL_SCORE)
    assert calibration.score(1.0) > calibration.score(3.0) > calibration.score(4.0) > calibration.score(8.0)


def test_calibration_comes_from_the_signs_own_clips():
    gallery, centres, _ = clustered_gallery()
    calibration = gallery.calibration(3)
    rows = gallery.sign_rows(3)
    own = gallery.embeddings[rows]
    within = np.linalg.norm(own[:, None] - own[None], axis=-1)
    np.fill_diagonal(within, np.inf)
    assert calibration.typical == pytest.approx(np.median(within.min(1)), rel=1e-5)
    others = gallery.embeddings[gallery.sign_ids != 3]
    to_others = np.linalg.norm(own[:, None] - others[None], axis=-1).min(1)
    assert calibration.confusable == pytest.approx(np.median(to_others), rel=1e-5)
    assert calibration.typical < calibration.confusable
    assert not calibration.from_single_clip


def test_single_clip_sign_borrows_the_models_typical_ratio():
    gallery, _, _ = clustered_gallery(single_clip_signs=3)
    single = gallery.calibration(19)
    assert single.from_single_clip
    assert single.typical == pytest.approx(single.confusable * gallery.typical_ratio())
    assert 0 < gallery.typical_ratio() < 1


def test_good_attempt_scores_high_and_wrong_sign_is_named():
    gallery, centres, rng = clustered_gallery()
    good = centres[5] + rng.normal(scale=0.3, size=centres.shape[1])
    result = score_attempt(gallery, 5, good)
    assert result.score > 60
    assert result.nearest[0].sign_id == 5 and result.closer_signs == []
    assert len(result.nearest) == NEAREST_COUNT
    assert [n.distance for n in result.nearest] == sorted(n.distance for n in result.nearest)
    assert gallery.sign_ids[gallery.clip_ids == result.best_clip_id][0] == 5

    wrong = centres[8] + rng.normal(scale=0.3, size=centres.shape[1])
    result = score_attempt(gallery, 5, wrong)
    assert result.score < CONFUSABLE_SCORE
    assert result.closer_signs[0].sign_id == 8
    assert result.nearest[0].sign_id == 8 and result.distance > result.nearest[0].distance


def test_same_gloss_in_two_languages_are_different_signs():
    vectors = np.array([[0, 0], [0.1, 0], [5, 5], [5.1, 5], [9, 0]], np.float32)
    gallery = Gallery(
        np.arange(5), np.array([1, 1, 2, 2, 3]), ["hallo", "hallo", "hallo", "hallo", "x"], vectors
    )
    result = score_attempt(gallery, 2, np.array([0.05, 0.0]))
    assert [n.sign_id for n in result.nearest[:2]] == [1, 2]
    assert result.closer_signs[0].sign_id == 1


def test_an_attempt_is_ranked_among_the_signs_of_its_language():
    # Signs 1 and 2 are DGS, 3 and 5 ASL, 4 and 6 have no language. An attempt at the ASL sign 3 that lies
    # nearest the DGS "hallo", then the language-less sign 4, is told of ASL signs only: never of a DGS sign
    # the learner does not know (was: "It looks closer to du than to a"), nor of an imported sign without a
    # language (was: "looked more like testpose" in an ASL lesson).
    vectors = np.array(
        [[0, 0], [0.1, 0], [3, 3], [3.1, 3], [9, 0], [9.1, 0], [6, 0], [12, 0], [12.1, 0], [20, 0]],
        np.float32,
    )
    gallery = Gallery(
        np.arange(10),
        np.array([1, 1, 2, 2, 3, 3, 4, 5, 5, 6]),
        ["hallo", "hallo", "du", "du", "a", "a", "mine", "b", "b", "testpose"],
        vectors,
        languages={1: "DGS", 2: "DGS", 3: "ASL", 4: "", 5: "ASL", 6: ""},
    )
    attempt = np.array([0.2, 0.0])
    result = score_attempt(gallery, 3, attempt)
    assert [n.sign_id for n in result.nearest] == [3, 5] and result.closer_signs == []
    searched = gallery.encoder_ranking(attempt)  # a search: every language
    assert [n.sign_id for n in searched.signs] == [1, 2, 4, 3, 5, 6]
    # A sign without a language among those without one
    assert [n.sign_id for n in score_attempt(gallery, 4, attempt).nearest] == [4, 6]
    gallery.languages.update({3: "LSF", 6: "DGS"})  # alone in its language: ranked among every sign (or
    # never recognised: a ranking of one sign has no lead), but none of them named (was: DGS "hallo")
    alone = score_attempt(gallery, 3, attempt)
    assert [n.sign_id for n in alone.nearest] == [3] and alone.closer_signs == []
    assert alone.looked_like is None and not alone.recognised
    alone_far = score_attempt(gallery, 4, attempt)
    assert [n.sign_id for n in alone_far.nearest] == [4] and alone_far.looked_like is None


def test_gallery_from_a_real_database(tmp_path):
    with SignDatabase(tmp_path / "signs.db") as database:
        pose = PoseSequence.empty(5)
        ids = []
        for gloss in ("eins", "zwei"):
            sign = database.add_sign(gloss, "DGS")
            ids += [database.add_clip(sign, pose, ClipOrigin(source=f"{gloss}{k}")) for k in range(2)]
        database.store_embeddings("model-a", ids, np.array([[0, 0], [0, 1], [4, 0], [4, 1]], np.float32))
        gallery = Gallery.from_database(database, "model-a")
        assert len(gallery) == 4 and gallery.glosses == ["eins", "eins", "zwei", "zwei"]
        assert set(gallery.languages.values()) == {"DGS"}
        result = score_attempt(gallery, int(gallery.sign_ids[0]), np.array([0.0, 0.4]))
        assert result.gloss == "eins" and result.nearest[0].gloss == "eins"
        assert result.calibration.typical == pytest.approx(1.0)
        assert result.calibration.confusable == pytest.approx(4.0)


def test_scoring_10000_clips_is_well_within_a_blink():
    """The end-of-attempt path (nearest signs + calibrated score) on 10,000 clips, 64-D, ~1,000 signs."""
    gallery, centres, rng = clustered_gallery(n_signs=1000, clips_per_sign=10, dim=64)
    assert len(gallery) == 10_000
    gallery.calibration(7)  # done when the sign is chosen, not when the attempt ends
    attempt = centres[7] + rng.normal(scale=0.3, size=64)
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        result = score_attempt(gallery, 7, attempt)
        timings.append(time.perf_counter() - started)
    assert result.nearest[0].sign_id == 7
    assert min(timings) < 0.05


# -- the hybrid ranking of nearest signs (encoder shortlist re-ranked with DTW) -----------------------------


@pytest.fixture
def dgs_clips():
    """Real DGS clips: two of "hallo", one of "Bier", one of "du"; DTW puts the two hallo clips nearest."""
    clips = load_dgs(TEST_DATA / "dgs" / "3D_full")
    hallo = [c.pose for c in clips if c.gloss == "hallo"]
    return {"hallo": hallo[0], "query": hallo[1], **{c.gloss: c.pose for c in clips if c.gloss != "hallo"}}


def gallery_reading(poses, embeddings):
    """A gallery of one clip per sign (ids 1, 2, ...) that reads its clips' poses through a counter."""
    reads = []

    def read_pose(clip_id):
        reads.append(clip_id)
        return poses[clip_id - 100]

    n = len(poses)
    gallery = Gallery(
        np.arange(n) + 100,
        np.arange(n) + 1,
        [f"sign{i + 1}" for i in range(n)],
        np.asarray(embeddings, np.float32),
        read_pose=read_pose,
    )
    return gallery, reads


def test_the_hybrid_ranking_lets_dtw_overrule_a_close_call_of_the_encoder(dgs_clips):
    # The encoder puts the query (a hallo clip) a little nearer to Bier (sign 2) than to hallo (sign 1);
    # DTW sees the hallo movement clearly, and the fused ranking follows it.
    poses = [dgs_clips["hallo"], dgs_clips["Bier"], dgs_clips["du"]]
    gallery, reads = gallery_reading(poses, [[1.0, 0.0], [0.9, 0.0], [3.0, 0.0]])
    query = np.zeros(2)
    assert gallery.encoder_ranking(query).signs[0].sign_id == 2
    ranking = gallery.hybrid_ranking(query, dgs_clips["query"])
    assert [n.sign_id for n in ranking.signs] == [1, 2, 3]
    assert ranking.signs[0].distance == pytest.approx(1.0)  # each sign keeps its encoder distance

    scored = score_attempt(gallery, 2, query, dgs_clips["query"])
    assert [n.sign_id for n in scored.closer_signs] == [1] and scored.nearest[0].sign_id == 1
    assert score_attempt(gallery, 2, query).closer_signs == []  # without the pose: the encoder alone

    gallery.hybrid_ranking(query, dgs_clips["query"])
    assert sorted(reads) == [100, 101, 102]  # every clip read from the database once, then kept


def test_a_left_handers_mirror_image_is_ranked_like_the_query_by_the_one_gallery(dgs_clips):
    poses = [dgs_clips["hallo"], dgs_clips["Bier"], dgs_clips["du"]]
    gallery, _ = gallery_reading(poses, [[1.0, 0.0], [0.9, 0.0], [3.0, 0.0]])
    as_is = gallery.hybrid_ranking(np.zeros(2), dgs_clips["query"])
    mirrored = gallery.hybrid_ranking(np.zeros(2), dgs_clips["query"].mirrored())
    assert [n.sign_id for n in mirrored.signs] == [n.sign_id for n in as_is.signs] == [1, 2, 3]
    np.testing.assert_allclose(mirrored.values, as_is.values, atol=1e-6)  # DTW keeps the nearer side


def test_the_chosen_sign_is_ranked_even_outside_the_encoders_shortlist(dgs_clips):
    poses = [dgs_clips[name] for name in ("hallo", "Bier", "du")] * 4
    distances = np.arange(1, len(poses) + 1, dtype=float)
    gallery, reads = gallery_reading(poses, np.stack([distances, np.zeros_like(distances)], 1))
    farthest = len(poses)
    assert farthest > HYBRID_SHORTLIST
    ranking = gallery.hybrid_ranking(np.zeros(2), dgs_clips["query"], include=farthest)
    assert len(ranking.signs) == HYBRID_SHORTLIST + 1 and farthest in {n.sign_id for n in ranking.signs}
    assert len(set(reads)) == HYBRID_SHORTLIST + 1  # DTW ran on the candidates' clips only
    result = score_attempt(gallery, farthest, np.zeros(2), dgs_clips["query"])
    assert result.sign_id == farthest and len(result.nearest) == NEAREST_COUNT


def test_a_gallery_without_poses_cannot_rank_with_dtw():
    gallery, _, _ = clustered_gallery(n_signs=3)
    with pytest.raises(ValueError, match="poses"):
        gallery.hybrid_ranking(np.zeros(32), PoseSequence.empty(3))


def test_choosing_a_sign_prefetches_the_motion_its_attempts_are_ranked_with(dgs_clips):
    poses = [dgs_clips[name] for name in ("hallo", "Bier", "du")] * 5
    distances = np.arange(1, len(poses) + 1, dtype=float)
    gallery, reads = gallery_reading(poses, np.stack([distances, np.zeros_like(distances)], 1))
    gallery.prefetch_motion(
        4, clips=HYBRID_SHORTLIST + 1
    )  # the nearest signs around sign 4's clip, nearest first
    assert reads == [103, 102, 104, 101, 105, 100, 106, 107, 108, 109, 110]  # ties: the lower sign first
    gallery.hybrid_ranking(gallery.embeddings[3] + 0.01, dgs_clips["query"])  # an attempt near sign 4
    assert len(reads) == HYBRID_SHORTLIST + 1  # nothing left to read when the attempt ends

    other, reads = gallery_reading(poses, np.stack([distances, np.zeros_like(distances)], 1))
    other.prefetch_motion(1, cancelled=lambda: len(reads) >= 3)  # another sign chosen meanwhile
    assert len(reads) == 3


def test_a_clip_the_prefetch_is_reading_is_not_read_again_by_an_attempts_ranking(dgs_clips):
    """An attempt ending while the prefetch read the nearest signs' clips read two dozen of them a second
    time, beside it: the ranking waits for a clip being read instead, and ranks as it did."""
    poses = [dgs_clips["hallo"], dgs_clips["Bier"], dgs_clips["du"]]
    embeddings = [[1.0, 0.0], [0.9, 0.0], [3.0, 0.0]]
    expected = gallery_reading(poses, embeddings)[0].hybrid_ranking(np.zeros(2), dgs_clips["query"])
    gallery, reads = gallery_reading(poses, embeddings)
    read_pose = gallery.read_pose
    prefetch_reading, second_asks = threading.Event(), threading.Event()
    gallery._reading = ClaimsSayingWhenFound(second_asks)

    def read_slowly(clip_id):  # the prefetch's read holds on until the ranking asks for that clip too
        if threading.current_thread() is prefetch:
            prefetch_reading.set()
            assert second_asks.wait(timeout=60)
        else:
            second_asks.set()  # the ranking reads: no need to hold the prefetch any longer
        return read_pose(clip_id)

    gallery.read_pose = read_slowly
    prefetch = threading.Thread(target=gallery.prefetch_motion, args=(2,), kwargs={"clips": 1})
    prefetch.start()
    assert prefetch_reading.wait(timeout=60)  # sign 2's clip, 101
    ranking = gallery.hybrid_ranking(np.zeros(2), dgs_clips["query"])
    prefetch.join(timeout=60)
    assert sorted(reads) == [100, 101, 102]  # each clip once
    assert [n.sign_id for n in ranking.signs] == [n.sign_id for n in expected.signs]
    np.testing.assert_array_equal(ranking.values, expected.values)


def test_an_attempts_ranking_never_waits_for_a_clip_the_fusion_job_is_reading(dgs_clips):
    """The job choosing the gallery's fusion runs at a lower priority than the scoring thread: an attempt's
    ranking that waited for a clip the job was reading waited at the job's pace. It reads that clip itself,
    and both rank and choose as each does alone."""
    poses = [dgs_clips["hallo"], dgs_clips["Bier"], dgs_clips["du"]]
    embeddings = [[1.0, 0.0], [0.9, 0.0], [3.0, 0.0]]
    expected_ranking = gallery_reading(poses, embeddings)[0].hybrid_ranking(np.zeros(2), dgs_clips["query"])
    expected_fusion = gallery_reading(poses, embeddings)[0].choose_fusion()
    gallery, reads = gallery_reading(poses, embeddings)
    read_pose = gallery.read_pose
    job_reading, ranked = threading.Event(), threading.Event()
    held_until_ranked, chosen = [], []

    def read_slowly(clip_id):  # the job's first read holds on until the attempt is ranked
        if threading.current_thread() is job and not job_reading.is_set():
            job_reading.set()
            held_until_ranked.append(ranked.wait(timeout=10))
        return read_pose(clip_id)

    gallery.read_pose = read_slowly
    job = threading.Thread(target=lambda: chosen.append(gallery.choose_fusion()))
    job.start()
    assert job_reading.wait(timeout=60)  # clip 100, the job's first query
    ranking = gallery.hybrid_ranking(np.zeros(2), dgs_clips["query"])
    ranked.set()
    job.join(timeout=60)
    assert held_until_ranked == [True]  # the ranking did not wait for the job's read of clip 100
    assert reads.count(100) == 2 and sorted(set(reads)) == [100, 101, 102]
    assert [n.sign_id for n in ranking.signs] == [n.sign_id for n in expected_ranking.signs]
    np.testing.assert_array_equal(ranking.values, expected_ranking.values)
    assert chosen == [expected_fusion]


def test_an_unreadable_reference_clip_is_left_out_of_the_ranking_not_fatal(dgs_clips, caplog):
    poses = [dgs_clips["hallo"], dgs_clips["Bier"], dgs_clips["du"]]
    gallery, _ = gallery_reading(poses, [[1.0, 0.0], [0.9, 0.0], [3.0, 0.0]])
    readable = gallery.read_pose

    def read_pose(clip_id):
        if clip_id == 100:  # hallo's only clip: damaged in the database
            raise InputError("signs.db", "clip 100: damaged landmark data")
        return readable(clip_id)

    gallery.read_pose = read_pose
    ranking = gallery.hybrid_ranking(np.zeros(2), dgs_clips["query"])
    assert [n.sign_id for n in ranking.signs][-1] == 1  # no readable clip: ranked last
    assert "clip 100" in caplog.text
    assert score_attempt(gallery, 1, np.zeros(2), dgs_clips["query"]).sign_id == 1  # still scored


def test_an_attempt_ranked_nearest_to_its_sign_is_recognised_however_far_from_the_references():
    # Tight references (one signer, one session) and a new signer's attempt far from all of them, but
    # nearest to the chosen sign: the curve alone would give almost nothing.
    gallery, centres, rng = clustered_gallery(spread=0.05)
    far_but_right = centres[5] + 2.0 * (centres[5] - centres.mean(0))  # away from every other sign
    result = score_attempt(gallery, 5, far_but_right)
    assert result.calibration.score(result.distance) < RECOGNISED_SCORE / 2 and result.nearest[0].sign_id == 5
    assert result.recognised and result.to_json()["recognised"]
    assert RECOGNISED_SCORE <= result.score <= TYPICAL_SCORE

    wrong = centres[8] + rng.normal(scale=0.05, size=centres.shape[1])
    result = score_attempt(gallery, 5, wrong)
    assert not result.recognised and result.score < CONFUSABLE_SCORE
    alone = Gallery(np.arange(2), np.array([1, 1]), ["a", "a"], np.eye(2, 3, dtype=np.float32))
    assert not score_attempt(alone, 1, np.array([9.0, 9.0, 9.0])).recognised  # nothing to tell it from


def test_a_library_of_one_clip_says_why_an_attempt_gets_no_score_in_the_learners_words():
    """Said after "This attempt could not be scored:" (attempts.score_pose): it named "the gallery", the
    code's word for the clips compared with."""
    single = Gallery(np.arange(1), np.array([1]), ["a"], np.eye(1, 3, dtype=np.float32))
    with pytest.raises(
        ValueError, match="^the library holds a single reference clip, and a score needs"
    ) as caught:
        score_attempt(single, 1, np.array([1.0, 0.0, 0.0]))
    assert "gallery" not in str(caught.value)


def test_the_score_has_no_step_where_the_ranking_changes():
    # Attempts far from every reference, sliding from beyond sign 5 to beyond sign 8: the chosen sign 5 loses
    # first place on the way, and the score falls with it smoothly (a floor for first place alone jumped
    # from under 10 to 50 here).
    gallery, centres, _ = clustered_gallery(spread=0.05)
    start, end = (centres[s] + 4.0 * (centres[s] - centres.mean(0)) for s in (5, 8))
    results = [score_attempt(gallery, 5, start + t * (end - start)) for t in np.linspace(0, 1, 400)]
    recognised = [r.recognised for r in results]
    assert recognised[0] and not recognised[-1]
    flip = recognised.index(False)
    assert max(r.calibration.score(r.distance) for r in results[flip - 1 : flip + 1]) < RECOGNISED_SCORE / 5
    scores = np.array([r.score for r in results])
    assert scores[0] > RECOGNISED_SCORE and scores[-1] < CONFUSABLE_SCORE / 2
    assert np.abs(np.diff(scores)).max() < 5.0


def test_recognition_score_is_a_smooth_function_of_the_lead():
    assert scoring.recognition_score(0.0) == pytest.approx(RECOGNISED_SCORE)
    assert scoring.recognition_score(-1.0) == pytest.approx(25.0)
    assert scoring.recognition_score(1.0) == pytest.approx(TYPICAL_SCORE)
    assert scoring.recognition_score(5.0) == TYPICAL_SCORE  # recognition alone: at most "typical"
    assert scoring.recognition_score(-1e6) == pytest.approx(0.0)


def test_nothing_is_recognised_when_no_reference_clip_can_be_compared(dgs_clips):
    gallery, _ = gallery_reading([dgs_clips["hallo"], dgs_clips["Bier"]], [[1.0, 0.0], [3.0, 0.0]])

    def damaged(clip_id):
        raise InputError("signs.db", f"clip {clip_id}: damaged landmark data")

    gallery.read_pose = damaged
    result = score_attempt(gallery, 1, np.zeros(2), dgs_clips["query"])
    assert not result.recognised and result.score == result.calibration.score(result.distance)


def test_the_motion_cache_is_bounded_and_the_ranking_unchanged_by_it(dgs_clips, monkeypatch):
    poses = [dgs_clips["hallo"], dgs_clips["Bier"], dgs_clips["du"]]
    embeddings = [[1.0, 0.0], [0.9, 0.0], [3.0, 0.0]]
    full, _ = gallery_reading(poses, embeddings)
    expected = [n.sign_id for n in full.hybrid_ranking(np.zeros(2), dgs_clips["query"]).signs]
    monkeypatch.setattr(scoring, "MOTION_CACHE_CLIPS", 2)
    bounded, reads = gallery_reading(poses, embeddings)
    for _ in range(2):
        assert [n.sign_id for n in bounded.hybrid_ranking(np.zeros(2), dgs_clips["query"]).signs] == expected
        assert len(bounded._motion) == 2
    assert len(reads) == 4  # the evicted clip is read again, the others come from the cache


def test_the_motion_cache_keeps_float32_and_ranks_as_float64_features_do(dgs_clips, monkeypatch):
    poses = [dgs_clips["hallo"], dgs_clips["Bier"], dgs_clips["du"]]
    embeddings = [[1.0, 0.0], [0.9, 0.0], [3.0, 0.0]]
    compact, _ = gallery_reading(poses, embeddings)
    ranking = compact.hybrid_ranking(np.zeros(2), dgs_clips["query"])
    assert {features.features.dtype for features in compact._motion.values()} == {np.dtype(np.float32)}
    exact = dtw.dtw_distance_matrix([dgs_clips["query"]], poses)[0]  # float64 features throughout
    assert compact._dtw_sign_distances(dgs_clips["query"], [1, 2, 3]) == pytest.approx(exact, rel=1e-6)
    monkeypatch.setattr(scoring, "MOTION_DTYPE", np.float64)
    full, _ = gallery_reading(poses, embeddings)
    expected = full.hybrid_ranking(np.zeros(2), dgs_clips["query"])
    assert [n.sign_id for n in ranking.signs] == [n.sign_id for n in expected.signs]
    assert ranking.values == pytest.approx(expected.values, rel=1e-6)


def _signs_told_apart_by_motion_only(dgs_clips):
    """Four signs (the four real clips), four reference clips each (the clip cut a little differently):
    DTW tells them apart, the embeddings are random."""
    poses, signs = [], []
    for sign, pose in enumerate(dgs_clips[name] for name in ("hallo", "query", "Bier", "du")):
        poses += [pose.frames(slice(k, len(pose) - 3 + k)) for k in range(4)]
        signs += [sign] * 4
    embeddings = np.random.default_rng(0).normal(size=(len(poses), 8))
    gallery = Gallery(
        np.arange(len(poses)) + 100,
        np.array(signs),
        [f"sign{s}" for s in signs],
        embeddings.astype(np.float32),
        read_pose=lambda clip_id: poses[clip_id - 100],
    )
    return gallery, poses, signs


def _as_evaluate_chooses(gallery, poses, signs):
    """The fusion ``trainer evaluate``'s rule chooses on the gallery's clips, from every pair's distances."""
    features = [dtw.dtw_features(pose) for pose in poses]
    every_pair = dtw.dtw_distance_matrix(features, features)
    embedded = np.asarray(gallery.embeddings, np.float64)
    encoder = np.linalg.norm(embedded[:, None] - embedded[None], axis=-1)
    return retrieval.clip_gallery_fusion(encoder, every_pair, [str(s) for s in signs])


def test_the_gallery_chooses_its_fusion_by_the_rule_evaluate_measures(dgs_clips):
    gallery, poses, signs = _signs_told_apart_by_motion_only(dgs_clips)
    expected = _as_evaluate_chooses(gallery, poses, signs)
    chosen = gallery.choose_fusion()
    assert chosen.encoder_weight == expected.encoder_weight
    assert chosen.spreads is not None and np.allclose(chosen.spreads, expected.spreads)
    progress = []
    gallery.choose_fusion(lambda done, total: progress.append((done, total)), queries=5)
    assert progress[-1] == (5, 5) and len(progress) == 5


def test_with_more_signs_than_a_shortlist_the_app_measures_the_spreads_evaluate_measures(dgs_clips):
    # 14 signs of 2 clips: a clip's shortlist of 10 holds its own sign, whose DTW the app computes; the
    # spreads leave it out there, not by taking an 11th sign whose DTW the app never computed.
    clips = [dgs_clips[name] for name in ("hallo", "query", "Bier", "du")]
    poses = [clip.frames(slice(k, len(clip) - 6 + k)) for clip in clips for k in range(7)]
    signs = np.arange(len(poses)) // 2
    embeddings = np.random.default_rng(1).normal(size=(len(poses), 8))
    gallery = Gallery(
        np.arange(len(poses)) + 100,
        signs,
        [f"sign{s}" for s in signs],
        embeddings.astype(np.float32),
        read_pose=lambda clip_id: poses[clip_id - 100],
    )
    expected = _as_evaluate_chooses(gallery, poses, signs)
    chosen = gallery.choose_fusion()
    assert len(set(signs)) > HYBRID_SHORTLIST + 1 and expected.spreads is not None
    assert chosen.encoder_weight == expected.encoder_weight
    assert chosen.spreads == pytest.approx(expected.spreads, rel=1e-5)


def test_the_weight_is_asked_of_the_signs_with_two_clips_only(dgs_clips):
    poses = [dgs_clips[name] for name in ("hallo", "hallo", "Bier", "du", "query")]
    gallery = Gallery(
        np.arange(5) + 100,
        np.array([1, 1, 2, 3, 4]),
        ["hallo", "hallo", "Bier", "du", "query"],
        np.random.default_rng(0).normal(size=(5, 8)).astype(np.float32),
        read_pose=lambda clip_id: poses[clip_id - 100],
    )
    progress = []
    gallery.choose_fusion(lambda done, total: progress.append((done, total)))
    assert progress[-1] == (2, 2)  # the two hallo clips, not the three signs nobody can leave out


def test_the_hybrid_ranking_weighs_the_encoder_as_the_gallery_chose(dgs_clips):
    gallery, _, _ = _signs_told_apart_by_motion_only(dgs_clips)
    attempt, embedding = dgs_clips["query"], gallery.embeddings[0]  # hallo's embedding, the query's motion
    gallery.chosen_fusion = retrieval.Fusion(0.8)  # the encoder weighs most: its sign first
    assert gallery.hybrid_ranking(embedding, attempt).signs[0].sign_id == 0
    gallery.chosen_fusion = retrieval.Fusion(0.0)  # DTW alone orders the shortlist
    assert gallery.hybrid_ranking(embedding, attempt).signs[0].sign_id == 1


def test_a_gallery_with_one_clip_per_sign_takes_the_one_clip_weight_and_measures_its_spreads(dgs_clips):
    poses = [dgs_clips["hallo"], dgs_clips["Bier"], dgs_clips["du"]]
    gallery, reads = gallery_reading(poses, [[1.0, 0.0], [0.9, 0.0], [3.0, 0.0]])
    chosen = gallery.choose_fusion()
    assert chosen.encoder_weight == retrieval.ONE_CLIP_ENCODER_WEIGHT
    assert chosen.spreads is not None and sorted(set(reads)) == [100, 101, 102]


def test_choosing_the_weight_of_a_large_gallery_keeps_the_clips_prefetched_for_practice(
    dgs_clips, monkeypatch
):
    gallery, _, _ = _signs_told_apart_by_motion_only(dgs_clips)
    monkeypatch.setattr(scoring, "MOTION_CACHE_CLIPS", 4)  # the gallery's 16 clips do not fit
    gallery.prefetch_motion(0, clips=4)
    prefetched = dict(gallery._motion)
    chosen = gallery.choose_fusion()
    assert gallery._motion == prefetched  # the job read into its own cache
    monkeypatch.setattr(scoring, "MOTION_CACHE_CLIPS", 1000)
    assert gallery.choose_fusion() == chosen  # the same choice through the shared cache


def test_the_nearest_signs_are_named_as_lists_name_them_so_two_signs_of_one_name_are_told_apart():
    """The practice page's nearest signs said "1. hallo 2. hallo" for the DGS sign and a sign of that name
    without a language, where the lists and the title say "hallo (DGS)" and "hallo (no language)"."""
    vectors = np.array([[0.0, 0.0], [0.1, 0.0], [1.0, 0.0], [5.0, 0.0]], np.float32)
    languages = {1: "DGS", 2: "", 3: ""}
    gallery = Gallery(
        np.arange(4), np.array([1, 1, 2, 3]), ["hallo", "hallo", "Hallo", "du"], vectors, "m", None, languages
    )
    result = score_attempt(gallery, 2, np.array([0.0, 0.0], np.float32))
    assert [n.name for n in result.nearest] == ["Hallo (no language)", "du"]
    assert [n.gloss for n in result.nearest] == ["Hallo", "du"]  # what scripts' JSON keeps
    assert (result.name, result.gloss) == ("Hallo (no language)", "Hallo")
    assert [n.name for n in score_attempt(gallery, 1, np.array([0.0, 0.0], np.float32)).nearest] == [
        "hallo (DGS)"
    ]


@pytest.mark.parametrize("score", [GOOD_SCORE - 1.0, GOOD_SCORE, 95.0])
def test_a_praised_attempt_names_no_sign_it_looked_more_like(score):
    """ "Well done … It looks closer to letter W (ASL)" offered no Compare (a praised attempt is told
    nothing that contradicts it): the sign ranked before the one practised is named, in the verdict, a
    lesson's rating and Compare alike, only beside a score below GOOD_SCORE."""
    letter_w, please = Neighbour(2, "w", "letter W (ASL)", 0.1), Neighbour(1, "please", "please (ASL)", 0.2)
    attempt = AttemptScore(
        1,
        "please",
        "please (ASL)",
        score,
        0.2,
        [letter_w, please],
        [letter_w],
        Calibration(0.1, 0.3),
        7,
        looked_like_clip_id=9,
    )
    praised = score >= GOOD_SCORE
    assert attempt.looked_like_sign == (None if praised else letter_w)
    assert attempt.looked_like == (None if praised else "letter W (ASL)")


# -- a sign the database does not know (open set) ------------------------------------------------------------


@pytest.fixture(scope="module")
def starter_gallery(tmp_path_factory):
    """The starter database's gallery (real embeddings), its poses read from a copy, and the encoder."""
    copy = tmp_path_factory.mktemp("starter") / "signs.db"
    copy.write_bytes((assets_dir() / "default_signs.db").read_bytes())  # the original is never opened
    encoder = load_encoder(None)
    with SignDatabase(copy) as database:
        yield database, Gallery.from_database(database, encoder.model_hash), encoder


def _attempt_of_clip(database, encoder, clip_id):
    pose = sign_only(database.clip_pose(clip_id))
    return encoder.embed(pose), pose


def _sign_id(database, gloss, language):
    return next(sign.id for sign in database.signs() if (sign.gloss, sign.language) == (gloss, language))


def test_a_sign_the_database_does_not_know_is_not_praised_as_the_known_sign_nearest_to_it(starter_gallery):
    # ASL "get" signed where the database has no "get": ranked nearest to "coffee", with a lead, it was
    # recognised and praised as coffee (75) although its motion is far from every coffee clip (as ASL
    # "abdomen" was praised as "please")
    database, gallery, encoder = starter_gallery
    get, coffee = _sign_id(database, "get", "ASL"), _sign_id(database, "coffee", "ASL")
    without_get = gallery.without_clips(gallery.clip_ids[gallery.sign_rows(get)].tolist())
    embedding, pose = _attempt_of_clip(database, encoder, 306)
    result = score_attempt(without_get, coffee, embedding, pose)
    assert result.nearest[0].sign_id == coffee and not result.closer_signs  # ranked first among known signs
    assert not result.recognised and result.score < GOOD_SCORE
    assert not without_get.moves_like(pose, coffee)
    assert result.score == pytest.approx(result.calibration.score(result.distance))  # the curve's alone


def test_a_new_attempt_far_from_tight_references_is_recognised_when_it_moves_like_them(starter_gallery):
    # A "Haus (DGS)" clip held out of its sign lies far from the other seven by the encoder (the curve gives
    # it under RECOGNISED_SCORE) but moves like them: still recognised, its lead raising the score
    database, gallery, encoder = starter_gallery
    haus = _sign_id(database, "Haus", "DGS")
    embedding, pose = _attempt_of_clip(database, encoder, 37)
    result = score_attempt(gallery.without_clips([37]), haus, embedding, pose)
    assert result.calibration.score(result.distance) < RECOGNISED_SCORE
    assert result.recognised and result.score >= RECOGNISED_SCORE
    assert gallery.without_clips([37]).moves_like(pose, haus)


def test_the_motion_check_takes_the_attempts_dtw_distance_from_its_ranking(starter_gallery, monkeypatch):
    # The ranking measures the attempt's DTW distance to the practised sign's clips: the motion check measured
    # it again, so every attempt at a sign of several clips paid for that DTW twice
    database, gallery, encoder = starter_gallery
    haus = _sign_id(database, "Haus", "DGS")
    embedding, pose = _attempt_of_clip(database, encoder, 37)
    held_out = gallery.without_clips([37])
    typical = held_out.motion_typical(haus)  # as the prefetch computes it when the sign is chosen
    measured = []
    distance_matrix = dtw.dtw_distance_matrix

    def counted(queries, references=None, progress=None):
        measured.append(len(references))
        return distance_matrix(queries, references, progress)

    monkeypatch.setattr(dtw, "dtw_distance_matrix", counted)
    result = score_attempt(held_out, haus, embedding, pose)
    assert len(measured) == 1  # the ranking's, the sign's clips among them
    assert result.recognised  # moves like Haus: judged by the distance the ranking measured
    ranking = held_out.hybrid_ranking(embedding, pose, include=haus)
    assert ranking.motion_distances[haus] <= scoring.MOTION_SPREADS * typical
    assert ranking.motion_distances[haus] == pytest.approx(held_out._dtw_sign_distances(pose, [haus])[0])


def test_a_signs_motion_typical_asked_while_the_prefetch_measures_it_is_measured_once(dgs_clips):
    """An attempt scored while the prefetch measured its sign's motion typical (signed as the sign was
    chosen) measured it again beside it: it waits for the prefetch's instead, and gets the same value."""
    poses = [dgs_clips["hallo"], dgs_clips["query"], dgs_clips["Bier"]]

    def two_clip_gallery():
        gallery = Gallery(
            np.arange(3) + 100, np.array([1, 1, 2]), ["a", "a", "b"], np.eye(3, dtype=np.float32)
        )
        gallery.read_pose = lambda clip_id: poses[clip_id - 100]
        return gallery

    expected = two_clip_gallery().motion_typical(1)
    gallery = two_clip_gallery()
    measured, prefetch_measuring, attempt_asks = [], threading.Event(), threading.Event()
    gallery._measuring = ClaimsSayingWhenFound(attempt_asks)
    measure = gallery._measure_motion_typical

    def measure_slowly(sign_id):  # the prefetch's measurement holds on until the attempt asks too
        measured.append(sign_id)
        prefetch_measuring.set()
        attempt_asks.wait(timeout=5)
        return measure(sign_id)

    gallery._measure_motion_typical = measure_slowly
    prefetch = threading.Thread(target=gallery.motion_typical, args=(1,))
    prefetch.start()
    assert prefetch_measuring.wait(timeout=60)
    typical = gallery.motion_typical(1)  # the attempt's scoring asks
    prefetch.join(timeout=60)
    assert measured == [1]
    assert expected is not None and typical == expected


def test_a_sign_without_two_readable_clips_has_no_motion_typical_and_keeps_recognition():
    gallery, centres, _ = clustered_gallery(single_clip_signs=1)
    assert gallery.motion_typical(int(gallery.sign_ids[0])) is None  # no poses to read
    poses = [PoseSequence.empty(3)] * 2
    one_clip = Gallery(np.arange(2), np.array([1, 2]), ["a", "b"], np.eye(2, 3, dtype=np.float32))
    one_clip.read_pose = lambda clip_id: poses[clip_id]
    assert one_clip.motion_typical(1) is None and one_clip.moves_like(poses[0], 1)
