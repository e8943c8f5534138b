import json
import shutil
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest

from signcore.encoder import default_model_path
from signcore.errors import InputError
from signcore.layout import LEFT_HAND, LEFT_SHOULDER, RIGHT_HAND, RIGHT_SHOULDER, PoseSequence
from tests.support import REPO, SIGNING_VIDEO, TEST_DATA, shared_path
from trainer import evaluate
from trainer.__main__ import main

SHOULDERS = [LEFT_SHOULDER, RIGHT_SHOULDER]
DGS_SAMPLES = TEST_DATA / "dgs" / "3D_full"  # Apache-2.0 (DGS data set), committed by the datasets module


@pytest.fixture
def mixed_sign_folder(tmp_path):
    """hallo: 2 DGS clips; Bier, du: 1 each; video: a real video and a broken one; plus stray files."""
    root = tmp_path / "signs"
    for gloss_folder in DGS_SAMPLES.iterdir():
        shutil.copytree(gloss_folder, root / gloss_folder.name)
    (root / "video").mkdir()
    shutil.copy(SIGNING_VIDEO, root / "video" / "signing.mp4")
    (root / "video" / "broken.mp4").write_bytes(b"this is not a video")
    (root / "hallo" / "notes.txt").write_text("not a clip")
    (root / "du" / "truncated.csv").write_text("face_x;face_y;landmark_x_1\n0.5;0.5;oops\n")
    return root


@pytest.mark.slow
def test_leave_one_out_on_a_mixed_folder_lists_failures_and_writes_json(mixed_sign_folder, tmp_path, capsys):
    out = tmp_path / "report" / "dtw.json"
    arguments = ["evaluate", str(mixed_sign_folder), "--method", "dtw", "--json", str(out)]
    assert main([*arguments, "--cache-dir", str(tmp_path / "cache")]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert {"top1", "top5", "silhouette", "n_queries", "n_glosses", "failed"} <= set(report)
    # only "hallo" has two clips; every gloss (one-clip glosses too) is a candidate
    assert report["n_queries"] == 2 and report["n_glosses"] == 4
    assert report["silhouette"] is None  # the queries have a single gloss
    assert report["top1"] in (0.0, 0.5, 1.0) and report["top5"] == 1.0  # 4 glosses: always in the top 5
    failed = {entry["path"].split("/")[-1]: entry["error"] for entry in report["failed"]}
    assert set(failed) == {"broken.mp4", "notes.txt", "truncated.csv"}
    printed = capsys.readouterr().out
    assert "| top-1 |" in printed and "broken.mp4" in printed


def test_an_empty_folder_is_a_clear_error(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["evaluate", str(tmp_path / "empty"), "--method", "dtw"]) == 2
    assert "no usable clips" in capsys.readouterr().err


def test_a_folder_where_no_gloss_has_two_clips_says_so(tmp_path, capsys):
    for gloss in ("Bier", "du"):
        shutil.copytree(DGS_SAMPLES / gloss, tmp_path / "signs" / gloss)
    assert main(["evaluate", str(tmp_path / "signs"), "--method", "dtw"]) == 2
    assert "--gallery" in capsys.readouterr().err


def test_every_file_that_failed_is_named_also_when_nothing_is_left_to_evaluate(tmp_path, capsys):
    shutil.copytree(DGS_SAMPLES / "Bier", tmp_path / "signs" / "Bier")
    for number in range(12):  # more than a screenful used to be cut short
        (tmp_path / "signs" / "Bier" / f"broken{number}.csv").write_text("face_x;face_y\n0.5;oops\n")
    assert main(["evaluate", str(tmp_path / "signs"), "--method", "dtw"]) == 2
    error = capsys.readouterr().err
    assert "no gloss has two clips" in error and "12 files could not be used" in error
    assert all(f"broken{number}.csv" in error for number in range(12))


def test_mirror_half_mirrors_a_seeded_half_of_the_clips():
    clips, _ = evaluate.load_folder(DGS_SAMPLES)
    mirrored = evaluate.mirror_half(clips, np.random.default_rng(1))
    flipped = [not a.pose.equals(b.pose) for a, b in zip(clips, mirrored, strict=True)]
    assert sum(flipped) == len(clips) // 2
    again = evaluate.mirror_half(clips, np.random.default_rng(1))
    assert all(a.pose.equals(b.pose) for a, b in zip(mirrored, again, strict=True))


def test_gallery_mode_counts_a_gloss_missing_from_the_gallery_as_a_miss(tmp_path):
    shutil.copytree(DGS_SAMPLES / "hallo", tmp_path / "queries" / "hallo")
    shutil.copytree(DGS_SAMPLES / "Bier", tmp_path / "queries" / "Bier")
    for gloss in ("hallo", "du"):
        shutil.copytree(DGS_SAMPLES / gloss, tmp_path / "gallery" / gloss)
    queries, _ = evaluate.load_folder(tmp_path / "queries")
    gallery, _ = evaluate.load_folder(tmp_path / "gallery")
    result = evaluate.query_against_gallery("q vs g", queries, gallery, evaluate.DtwMethod())
    # the hallo queries find themselves in the gallery (distance 0); Bier is not there at all
    assert result.n_queries == 3 and result.n_glosses == 2
    assert result.top1 == pytest.approx(2 / 3) and result.top5 == pytest.approx(2 / 3)


@pytest.mark.slow
def test_dtw_leave_one_out_on_real_dgs_words_is_far_above_chance():
    root = shared_path("data/dgs/3D_full")
    clips = [clip for word in ("Bier", "hallo", "Haus", "essen") for clip in _first(root, word, 8)]
    result = evaluate.leave_one_out("dgs", clips, evaluate.DtwMethod())
    assert result.n_queries == 32 and result.n_glosses == 4
    assert result.top1 > 0.6  # chance is 0.25
    assert result.silhouette is not None and -1 <= result.silhouette <= 1


@pytest.mark.slow
def test_shipped_encoder_leave_one_out_runs_on_real_dgs_words():
    if not default_model_path().is_file():
        pytest.skip("models/encoder.onnx has not been exported yet")
    root = shared_path("data/dgs/3D_full")
    clips = [clip for word in ("Bier", "hallo", "Haus", "essen") for clip in _first(root, word, 8)]
    method = evaluate.make_method("embedding", None)
    result = evaluate.leave_one_out("dgs", clips, method)
    assert result.n_queries == 32 and result.top1 > 0.5  # chance is 0.25


class _FixedMethod:
    """A method with a given (clips x clips) distance matrix, or a stack of them (a hybrid)."""

    def __init__(self, name, distances):
        self.name, self._distances = name, distances

    def distances(self, queries, gallery=None):
        return self._distances.copy()


def test_a_hybrid_leave_one_out_excludes_each_query_from_every_method(tmp_path):
    clips, _ = evaluate.load_folder(DGS_SAMPLES)
    n = len(clips)
    rng = np.random.default_rng(0)
    points = rng.normal(size=(n, 3))
    single = np.linalg.norm(points[:, None] - points[None], axis=-1)  # 0 on the diagonal: its own clip
    alone = evaluate.leave_one_out("one", clips, _FixedMethod("one", single))
    # the same matrix twice, on different scales: fused per gloss, it must rank exactly as the method alone
    hybrid = evaluate.leave_one_out("two", clips, _FixedMethod("hybrid", np.stack([single, 40.0 * single])))
    assert (hybrid.top1, hybrid.top5, hybrid.n_queries) == (alone.top1, alone.top5, alone.n_queries)
    assert hybrid.top1 < 1.0  # no query found itself (random points: its own clip would always win)


def test_the_dtw_method_reuses_its_recent_matrices_for_the_same_clips(monkeypatch):
    clips, _ = evaluate.load_folder(DGS_SAMPLES)
    method = evaluate.DtwMethod()
    first = method.distances(clips[:2], clips)
    among = method.distances(clips[:2])
    first[0, 1] = -1.0  # callers may write into what they get (leave-one-out does)
    computed = []
    monkeypatch.setattr(evaluate.dtw, "orientation_distances", lambda *a, **k: computed.append(a))
    again = method.distances(clips[:2], clips)  # a table's hybrid after its DTW column: both rows reused
    assert again is not first and again[0, 1] >= 0.0
    assert np.array_equal(method.distances(clips[:2]), among) and computed == []


def test_the_dtw_cache_keeps_both_orientations_so_a_new_mirror_penalty_needs_no_new_dtw(
    tmp_path, monkeypatch
):
    clips, _ = evaluate.load_folder(DGS_SAMPLES)
    queries = evaluate.mirror_half(clips, np.random.default_rng(1))  # their mirror images count somewhere
    before = evaluate.DtwMethod(tmp_path).distances(queries, clips)
    np.testing.assert_allclose(
        before,
        evaluate.dtw.dtw_distance_matrix([q.pose for q in queries], [c.pose for c in clips]),
        atol=1e-6,
    )
    monkeypatch.setattr(evaluate.dtw, "MIRROR_PENALTY", 10.0)
    pairwise = np.array([[evaluate.dtw.dtw_distance(q.pose, c.pose) for c in clips] for q in queries])
    monkeypatch.setattr(evaluate.dtw, "orientation_distances", lambda *a, **k: pytest.fail("computed again"))
    after = evaluate.DtwMethod(tmp_path).distances(queries, clips)  # read from the cache
    np.testing.assert_allclose(after, pairwise, atol=1e-6)
    assert not np.allclose(after, before)


@pytest.mark.slow
@pytest.mark.parametrize("method", ["embedding", "dtw", "hybrid", "hybrid-fixed"])
def test_evaluate_runs_without_torch(mixed_sign_folder, method):
    if method != "dtw" and not default_model_path().is_file():
        pytest.skip("models/encoder.onnx has not been exported yet")
    shutil.rmtree(mixed_sign_folder / "video")  # no video extraction: keep the subprocess quick
    code = (
        "import sys; sys.modules['torch'] = None\n"  # any `import torch` now fails
        "from trainer.__main__ import main\n"
        f"sys.exit(main(['evaluate', {str(mixed_sign_folder)!r}, '--method', {method!r}]))\n"
    )
    finished = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert finished.returncode == 0, finished.stderr
    assert "| top-1 |" in finished.stdout


def _first(root, word, count):
    from signcore.formats import load_dgs

    return load_dgs(root, [word])[:count]


@pytest.fixture
def tiny_dgs_root(tmp_path):
    """A DGS folder laid out like the shared one (3D_full + split.json), from the committed samples."""
    root = tmp_path / "dgs"
    shutil.copytree(DGS_SAMPLES, root / "3D_full")
    hallo = sorted(p.name for p in (DGS_SAMPLES / "hallo").iterdir())
    split = {
        "zero_shot_words": ["Bier", "du"],
        "train": [f"hallo/{hallo[0]}"],
        "test": [f"hallo/{hallo[1]}"],
        "zs_gallery": [f"Bier/{next((DGS_SAMPLES / 'Bier').iterdir()).name}"],
        "zs_query": [f"du/{next((DGS_SAMPLES / 'du').iterdir()).name}"],
    }
    (root / "split.json").write_text(json.dumps(split), encoding="utf-8")
    return root


def test_dgs_protocol_prints_both_rows_and_writes_them_to_json(tiny_dgs_root, tmp_path, capsys):
    out = tmp_path / "protocol.json"
    arguments = ["evaluate", "--protocol", "dgs", "--dgs-root", str(tiny_dgs_root), "--method", "dtw"]
    assert main([*arguments, "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "| DGS seen | dtw | 1 | 1 |" in printed and "| DGS zero-shot | dtw | 1 | 1 |" in printed
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["DGS seen"]["top1"] == 1.0  # the only candidate is the right word
    assert report["DGS zero-shot"]["top1"] == 0.0  # the query's word is not in the gallery


def test_dgs_protocol_names_a_listed_clip_that_is_missing(tiny_dgs_root, capsys):
    split = json.loads((tiny_dgs_root / "split.json").read_text(encoding="utf-8"))
    split["train"].append("hallo/not-there.csv")
    (tiny_dgs_root / "split.json").write_text(json.dumps(split), encoding="utf-8")
    assert main(["evaluate", "--protocol", "dgs", "--dgs-root", str(tiny_dgs_root), "--method", "dtw"]) == 2
    assert "hallo/not-there.csv" in capsys.readouterr().err


@pytest.mark.slow
def test_videos_are_extracted_in_worker_processes_then_read_from_the_cache(tmp_path, monkeypatch):
    from signcore import extract, signfolder

    root = tmp_path / "signs"
    (root / "a").mkdir(parents=True)
    (root / "b").mkdir()
    shutil.copy(SIGNING_VIDEO, root / "a" / "long.mp4")
    shutil.copy(TEST_DATA / "signing_one_frame.mp4", root / "b" / "short.mp4")
    (root / "b" / "broken.mp4").write_bytes(b"this is not a video")
    cache = tmp_path / "cache"
    reported = []
    signfolder.cache_sign_folder_videos(root, cache, workers=2, progress=lambda *done: reported.append(done))
    assert reported[-1] == (3, 3)
    assert len(list(cache.glob("*.pose"))) == 2  # the broken video is not cached: loading reports it

    attempted = []

    def extraction_in_this_process(path, **_):
        attempted.append(path.name)
        raise RuntimeError("cannot decode")

    monkeypatch.setattr(extract, "extract_video", extraction_in_this_process)
    clips, failed = evaluate.load_folder(root, cache, workers=2)
    assert sorted(clip.gloss for clip in clips) == ["a", "b"]
    assert attempted == ["broken.mp4"] and [f["path"].split("/")[-1] for f in failed] == ["broken.mp4"]


def assert_both_methods_unchanged(capsys, folder, frames_added: str) -> None:
    """The encoder's and DTW's results on ``folder`` are the same with ``frames_added`` 30 around every clip:
    both cut a clip to the sign."""
    for method in ("embedding", "dtw"):
        arguments = ["evaluate", str(folder), "--method", method]
        assert main(arguments) == 0
        trimmed = capsys.readouterr().out
        assert main([*arguments, frames_added, "30"]) == 0
        assert capsys.readouterr().out == trimmed


def test_idle_frames_around_every_clip_leave_the_encoder_and_dtw_results_unchanged(mixed_sign_folder, capsys):
    """``--idle-frames``: each clip becomes an untrimmed recording of itself (up to 30 idle frames before and
    after); both methods cut clips to the sign, so every number stays as it was."""
    if not default_model_path().is_file():
        pytest.skip("models/encoder.onnx has not been exported yet")
    shutil.rmtree(mixed_sign_folder / "video")
    assert_both_methods_unchanged(capsys, mixed_sign_folder, "--idle-frames")


def test_hands_resting_in_view_around_every_clip_leave_the_encoder_and_dtw_results_unchanged(
    tmp_path, capsys
):
    """``--rest-frames``: each clip gets up to 30 frames before and after with the hands hanging at the sides,
    in view; both methods cut them off, so every number stays as it was. Webcam clips of traduttore (cut at
    the chest) as if filmed down to the hips: a taller picture, the same pixels."""
    from signcore.formats import load_traduttore
    from signcore.formats.posefile import write_pose
    from signcore.signfolder import load_sign_folder

    clips = load_traduttore(shared_path("data/traduttore/traduttore_MP_Data.npz"))
    for gloss in ("hello", "no", "thank-you"):
        shown = [
            c for c in clips if c.gloss == gloss and c.pose.mask[[0, -1]][:, SHOULDERS].all()
        ]  # to hang from
        for number, clip in enumerate(shown[:2]):
            write_pose(replace(clip.pose, height=3 * clip.pose.height), tmp_path / gloss / f"{number}.pose")
    written = load_sign_folder(tmp_path).clips
    resting = [evaluate.with_resting_hands(clip.pose, 5, 5) for clip in written]
    assert all(
        len(r) == len(c.pose) + 10 and r.mask[:5, LEFT_HAND].all()
        for r, c in zip(resting, written, strict=True)
    )
    assert_both_methods_unchanged(capsys, tmp_path, "--rest-frames")


def test_idle_frames_are_added_around_the_clip_without_hands():
    from trainer.augment import with_idle_frames

    clip = _first(DGS_SAMPLES, "hallo", 1)[0]
    longer = evaluate.add_frames_around([clip], 12, np.random.default_rng(0))[0]
    assert longer.gloss == clip.gloss and len(clip.pose) < len(longer.pose) <= len(clip.pose) + 24
    padded = with_idle_frames(clip.pose, 3, 2)
    hands = padded.mask[:, LEFT_HAND.start : RIGHT_HAND.stop].any(axis=1)
    assert not hands[:3].any() and not hands[-2:].any()
    assert np.array_equal(padded.points[3:-2], clip.pose.points)
    assert (np.diff(padded.timestamps) > 0).all()


def test_leave_one_group_out_never_lets_a_query_find_its_own_groups_clips():
    class FixedDistances:
        name = "fixed"

        def distances(self, queries, gallery=None):
            # clips 0 and 2 (other glosses, same signer) nearly alike: only the signer makes them close
            matrix = np.full((4, 4), 5.0)
            matrix[[0, 2], [2, 0]] = matrix[[1, 3], [3, 1]] = 1.0
            matrix[[0, 1], [1, 0]] = matrix[[2, 3], [3, 2]] = 2.0  # the same gloss by the other signer
            np.fill_diagonal(matrix, 0.0)
            return matrix

    clips = [evaluate.LabeledClip(g, PoseSequence.empty(2), f"clip{i}") for i, g in enumerate("aabb")]
    signers = [0, 1, 0, 1]
    assert evaluate.leave_one_out("all", clips, FixedDistances()).top1 == 0.0
    across = evaluate.leave_one_out("across signers", clips, FixedDistances(), signers)
    assert across.top1 == 1.0 and across.n_queries == 4
    only_a = evaluate.leave_one_out("a asks", clips, FixedDistances(), signers, query_glosses={"a"})
    assert only_a.n_queries == 2


def _three_setups():
    """Glosses a and b, one clip each in three recording setups; clips of one setup look alike (distance
    1), the same gloss from another setup is at 2, anything else at 5."""
    glosses, setups = np.array(list("ababab")), np.array([0, 0, 1, 1, 2, 2])
    same_setup, same_gloss = setups[:, None] == setups[None], glosses[:, None] == glosses[None]
    matrix = np.where(same_setup, 1.0, np.where(same_gloss, 2.0, 5.0))
    np.fill_diagonal(matrix, 0.0)
    clips = [evaluate.LabeledClip(g, PoseSequence.empty(2), f"clip{i}") for i, g in enumerate(glosses)]
    return clips, setups.tolist(), _FixedMethod("fixed", matrix)


def test_few_references_asks_only_against_another_setups_clips():
    clips, setups, method = _three_setups()
    result = evaluate.few_references("one each", clips, setups, 1, method)
    # a gallery from the query's own setup would hold the other gloss at distance 1 and get every ask wrong
    assert (result.top1, result.top5, result.n_queries) == (1.0, 1.0, 6)
    only_setup_2 = evaluate.few_references("from setup 2", clips, setups, 1, method, gallery_groups={2})
    assert only_setup_2.n_queries == 4  # the clips of setups 0 and 1
    with pytest.raises(InputError, match="no group has 2 clips"):
        evaluate.few_references("two each", clips, setups, 2, method)


def test_few_references_ranks_the_clips_as_they_ask_against_the_clips_as_they_are():
    glosses, setups = list("abab"), [0, 0, 1, 1]
    clips = [evaluate.LabeledClip(g, PoseSequence.empty(2), f"clip{i}") for i, g in enumerate(glosses)]
    asking = [evaluate.LabeledClip(g, PoseSequence.empty(2), f"asks{i}") for i, g in enumerate(glosses)]
    # as they are, each clip lies beside its gloss's clip from the other setup; as they ask, beside the other
    points = np.array([[0.0], [10.0], [1.0], [11.0], [9.0], [1.0], [10.0], [0.0]])
    method = _PointsMethod(clips + asking, points)
    assert evaluate.few_references("as they are", clips, setups, 1, method).top1 == 1.0
    assert evaluate.few_references("as they ask", clips, setups, 1, method, asking=asking).top1 == 0.0


def test_few_references_ranks_a_hybrid_with_a_weight_given_instead_of_its_gallerys_and_draws_as_asked():
    clips, good, noise = _clips_and_parts()
    groups = [i // 12 % 3 for i in range(len(clips))]  # each gloss in every group
    hybrid = evaluate.HybridMethod(good, noise)
    chosen = evaluate.few_references("chosen", clips, groups, 1, hybrid, draws=4)
    asks = sum(chosen.encoder_weights.values())
    assert chosen.encoder_weights == {f"{evaluate.retrieval.ONE_CLIP_ENCODER_WEIGHT:g}": asks}
    given = evaluate.few_references("given", clips, groups, 1, hybrid, draws=4, encoder_weight=1.0)
    assert given.encoder_weights == {"1": asks}
    # the encoder's say alone: its own ranking, where the noise at the one-clip weight costs a good deal
    assert given.top1 == evaluate.few_references("good", clips, groups, 1, good, draws=4).top1
    assert given.top1 > chosen.top1 + 0.1
    more = evaluate.few_references("more", clips, groups, 1, hybrid, draws=8)
    assert sum(more.encoder_weights.values()) == 2 * asks  # each group's clips ask once per draw


def test_a_drawn_gallery_has_the_asked_number_of_allowed_clips_of_each_gloss_that_has_enough():
    glosses = np.array(list("aaaabbbcc"))
    allowed = np.array([1, 1, 1, 0, 1, 1, 1, 1, 0], bool)
    for seed in range(5):
        gallery = evaluate._draw_gallery(np.random.default_rng(seed), glosses, allowed, 3)
        assert allowed[gallery].all() and len(set(gallery.tolist())) == len(gallery)
        assert sorted(glosses[gallery]) == list("aaabbb")  # c has one allowed clip: left out


class _PointsMethod:
    """Distances between clips = distances between one point per clip (looked up by the clip object)."""

    name = "points"

    def __init__(self, clips, points):
        self._row = {id(clip): i for i, clip in enumerate(clips)}
        self._points = points

    def distances(self, queries, gallery=None):
        a = self._points[[self._row[id(c)] for c in queries]]
        b = a if gallery is None else self._points[[self._row[id(c)] for c in gallery]]
        return np.linalg.norm(a[:, None] - b[None], axis=-1)


def _clips_and_parts(n=96, n_glosses=12):
    """Clips of 12 glosses, an encoder-like part that tells them apart and a DTW-like part that is noise."""
    rng = np.random.default_rng(0)
    ids = np.arange(n) % n_glosses
    clips = [evaluate.LabeledClip(f"g{g}", PoseSequence.empty(2), f"clip{i}") for i, g in enumerate(ids)]
    good = rng.normal(size=(n_glosses, 3))[ids] + rng.normal(size=(n, 3)) * 0.25
    return clips, _PointsMethod(clips, good), _PointsMethod(clips, rng.normal(size=(n, 3)))


def test_hybrid_fusions_are_chosen_on_each_querys_gallery_only():
    clips, good, noise = _clips_and_parts()
    tuned = evaluate.HybridMethod(good, noise)
    fixed = evaluate.HybridMethod(good, noise, fusion_from_gallery=False)
    assert (tuned.name, fixed.name) == ("hybrid", "hybrid-fixed")
    alone = evaluate.leave_one_out("good", clips, good)
    result = evaluate.leave_one_out("tuned", clips, tuned)
    glosses = [c.gloss for c in clips]
    spreads = evaluate.retrieval.clip_gallery_spreads(good.distances(clips), noise.distances(clips), glosses)
    expected = evaluate.retrieval.encoder_weights_without_each(
        good.distances(clips), noise.distances(clips), glosses, spreads
    )
    chosen, counts = np.unique(expected, return_counts=True)
    assert result.encoder_weights == {f"{w:g}": int(c) for w, c in zip(chosen, counts, strict=True)}
    assert min(expected) >= 0.8  # the noise part weighs little
    # about as good as the good part alone (within 3 of its 96 queries), far better than the fixed weight
    assert alone.top1 - 3 / 96 <= result.top1 > evaluate.leave_one_out("fixed", clips, fixed).top1 + 0.2
    assert evaluate.leave_one_out("fixed", clips, fixed).encoder_weights is None

    # a separate gallery: one weight, chosen on the gallery's clips alone (the queries may be anything)
    against = evaluate.query_against_gallery("split", clips[:24], clips[24:], tuned)
    weight = evaluate.retrieval.clip_gallery_fusion(
        good.distances(clips[24:]), noise.distances(clips[24:]), [c.gloss for c in clips[24:]]
    ).encoder_weight
    assert against.encoder_weights == {f"{weight:g}": 24}

    # leave-one-group-out: the weight of a group's queries comes from the other groups' clips
    groups = [i % 3 for i in range(len(clips))]
    fusions = tuned.leave_one_out_fusions(clips, groups)
    others = [i for i in range(len(clips)) if groups[i] != 0]
    assert fusions[0] == evaluate.retrieval.clip_gallery_fusion(
        good.distances(clips)[np.ix_(others, others)],
        noise.distances(clips)[np.ix_(others, others)],
        [clips[i].gloss for i in others],
    )
