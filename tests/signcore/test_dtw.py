import numpy as np
import pytest

from signcore import dtw
from signcore.layout import (
    LEFT_HAND,
    LEFT_SHOULDER,
    N_POINTS,
    NOSE,
    RIGHT_HAND,
    RIGHT_SHOULDER,
    PoseSequence,
)
from tests.support import with_idle_frames

SHAPES = np.random.default_rng(7).normal(scale=20.0, size=(2, 21, 3))  # two hand shapes, pixels
SHAPES[:, 0] = 0.0  # point 0 is the wrist


def synthetic_sign(path, n_frames=40, shape=0, hands=("right",), warp=1.0, left_shape=None):
    """A signer at a fixed place whose hands follow ``path(s)`` for s in [0, 1] (warped as s ** warp)."""
    progress = np.linspace(0.0, 1.0, n_frames) ** warp
    points = np.zeros((n_frames, N_POINTS, 3), np.float32)
    mask = np.zeros((n_frames, N_POINTS), bool)
    for index, place in ((NOSE, (320, 100)), (LEFT_SHOULDER, (380, 200)), (RIGHT_SHOULDER, (260, 200))):
        points[:, index, :2] = place
        mask[:, index] = True
    for side, hand in (("left", LEFT_HAND), ("right", RIGHT_HAND)):
        if side not in hands:
            continue
        wrists = np.array([path(s) for s in progress])  # (T, 2)
        if side == "left":
            wrists[:, 0] = 640 - wrists[:, 0]
        hand_shape = SHAPES[left_shape if side == "left" and left_shape is not None else shape]
        points[:, hand, :2] = wrists[:, None, :] + hand_shape[None, :, :2]
        points[:, hand, 2] = hand_shape[None, :, 2]
        mask[:, hand] = True
    return PoseSequence(points, mask, np.arange(n_frames) / 30.0, 640, 480)


def circle(s):
    return 300 + 60 * np.cos(2 * np.pi * s), 250 + 60 * np.sin(2 * np.pi * s)


def up_down(s):
    return 250, 350 - 200 * s


def test_identical_clips_are_at_distance_zero():
    sign = synthetic_sign(circle)
    assert dtw.dtw_distance(sign, sign) == pytest.approx(0.0, abs=1e-6)


def test_idle_frames_around_the_sign_are_left_out_but_frames_still_count_from_the_clip_start():
    sign = synthetic_sign(circle)
    recorded = with_idle_frames(sign, 30, 20)
    assert dtw.dtw_distance(recorded, sign) == pytest.approx(0.0, abs=1e-6)
    features = dtw.dtw_features(recorded)
    assert features.frames[0] == 30 and features.frames[-1] == 30 + len(sign) - 1
    assert features.times[0] == pytest.approx(1.0)


def test_a_time_warped_copy_is_closer_than_a_different_sign():
    sign = synthetic_sign(circle)
    slower_start = synthetic_sign(circle, n_frames=55, warp=1.8)
    other = synthetic_sign(up_down, shape=1)
    assert dtw.dtw_distance(sign, slower_start) < 0.3 * dtw.dtw_distance(sign, other)
    # DTW absorbs the warp better than frame-by-frame comparison does
    direct = dtw._frame_costs(dtw.dtw_features(sign), dtw.dtw_features(slower_start)).sum(0)
    assert dtw.dtw_distance(sign, slower_start) < np.trace(direct) / dtw.DTW_FRAMES


def test_path_is_monotone_from_start_to_end_and_inside_the_band():
    alignment = dtw.dtw_path(synthetic_sign(circle), synthetic_sign(circle, n_frames=70, warp=2.0))
    steps = alignment.steps
    assert tuple(steps[0]) == (0, 0) and tuple(steps[-1]) == (dtw.DTW_FRAMES - 1, dtw.DTW_FRAMES - 1)
    moves = {tuple(move) for move in np.diff(steps, axis=0)}
    assert moves <= {(1, 0), (0, 1), (1, 1)}
    assert np.abs(steps[:, 0] - steps[:, 1]).max() <= dtw.band_radius(dtw.DTW_FRAMES)
    assert np.all(np.diff(alignment.frames_b) >= 0) and alignment.frames_b[-1] == 69
    assert alignment.times_a[-1] == pytest.approx(39 / 30)


def test_a_hand_missing_throughout_costs_the_missing_hand_cost_per_frame():
    one_hand = synthetic_sign(circle, hands=("right",))
    two_hands = synthetic_sign(circle, hands=("left", "right"))
    assert dtw.dtw_distance(one_hand, two_hands) == pytest.approx(dtw.MISSING_HAND_COST)
    no_hands = synthetic_sign(circle, hands=())
    assert dtw.dtw_distance(no_hands, no_hands) == 0.0


def test_empty_and_single_frame_clips_are_compared_without_error():
    empty, sign = PoseSequence.empty(0), synthetic_sign(circle)
    assert dtw.dtw_distance(empty, sign) == pytest.approx(dtw.MISSING_HAND_COST)
    assert np.isfinite(dtw.dtw_distance(sign.frames(slice(0, 1)), sign))


def test_distance_matrix_matches_pairwise_distances():
    clips = [synthetic_sign(circle), synthetic_sign(up_down, shape=1), synthetic_sign(circle, warp=1.5)]
    progress = []
    matrix = dtw.dtw_distance_matrix(clips[:2], clips, progress=lambda done, total: progress.append(done))
    expected = [[dtw.dtw_distance(a, b) for b in clips] for a in clips[:2]]
    np.testing.assert_allclose(matrix, expected, atol=1e-6)
    assert progress[-1] == 2


def test_symmetric_matrix_computed_in_blocks_matches_the_full_one(monkeypatch):
    clips = [
        synthetic_sign(path, shape=i % 2, warp=1 + i / 4) for i, path in enumerate([circle, up_down] * 3)
    ]
    full = dtw.dtw_distance_matrix(clips, clips)
    monkeypatch.setattr(dtw, "PAIR_CHUNK", 5)  # blocks of one or two rows
    symmetric = dtw.dtw_distance_matrix(clips)
    np.testing.assert_allclose(symmetric, full, atol=1e-6)
    np.testing.assert_array_equal(symmetric, symmetric.T)


def test_a_left_handed_performance_matches_the_right_handed_sign():
    right_handed = synthetic_sign(circle, hands=("right",))
    other_sign = synthetic_sign(up_down, shape=1, hands=("right",))
    left_handed = right_handed.mirrored()
    assert dtw.dtw_distance(left_handed, right_handed) == pytest.approx(0.0, abs=1e-6)
    assert dtw.dtw_distance(left_handed, other_sign) > 0.1


def test_mirror_features_are_the_features_of_the_mirror_image():
    two_handed = synthetic_sign(circle, hands=("left", "right"), left_shape=1)
    two_handed.mask[5:9, LEFT_HAND] = False  # one hand lost for a while: presence must swap sides too
    mirrored = dtw.mirror_features(dtw.dtw_features(two_handed))
    direct = dtw.dtw_features(two_handed.mirrored())
    assert mirrored.mirrored and not direct.mirrored
    np.testing.assert_allclose(mirrored.features, direct.features, atol=1e-5)  # float32 pixels
    np.testing.assert_array_equal(mirrored.present, direct.present)


def other_hands(clip, rng, size=1.0):
    """The clip signed by hands of other proportions and ``size`` times as large: every finger bone stretched
    by its own random factor (its direction kept), all about the wrist."""
    points = clip.points.copy()
    for hand in (LEFT_HAND, RIGHT_HAND):
        original = clip.points[:, hand].astype(np.float64)
        rebuilt = original.copy()
        for first, last in dtw.FINGER_BONES:  # finger by finger from the wrist: each bone's start is rebuilt
            rebuilt[:, last] = rebuilt[:, first] + rng.uniform(0.6, 1.6) * (
                original[:, last] - original[:, first]
            )
        wrist = rebuilt[:, :1]
        points[:, hand] = wrist + size * (rebuilt - wrist)
    return PoseSequence(points, clip.mask.copy(), clip.timestamps, clip.width, clip.height)


def test_hands_of_other_proportions_and_size_make_the_same_sign_but_a_turned_hand_does_not():
    sign = synthetic_sign(circle, hands=("left", "right"), left_shape=1)
    rng = np.random.default_rng(3)
    for size in (0.5, 1.0, 2.5):
        assert dtw.dtw_distance(sign, other_hands(sign, rng, size)) == pytest.approx(0.0, abs=1e-4)
    # The hand turned in the image: its joint angles are the same, its bone directions (its orientation) not.
    turned = sign.points.copy()
    cos, sin = np.cos(0.6), np.sin(0.6)
    local = turned[:, RIGHT_HAND, :2] - turned[:, RIGHT_HAND, :2][:, :1]
    turned[:, RIGHT_HAND, :2] = turned[:, RIGHT_HAND, :2][:, :1] + local @ np.array([[cos, sin], [-sin, cos]])
    right = slice(RIGHT_HAND.start, RIGHT_HAND.stop)
    shape, turned_shape = (
        dtw.hand_shape(p[:, right].astype(np.float64), sign.mask[:, right]) for p in (sign.points, turned)
    )
    angles = slice(2 * len(dtw.FINGER_BONES), None)
    np.testing.assert_allclose(turned_shape[:, angles], shape[:, angles], atol=1e-5)
    assert np.abs(turned_shape[:, : angles.start] - shape[:, : angles.start]).max() > 0.05
    assert dtw.dtw_distance(sign, PoseSequence(turned, sign.mask, sign.timestamps, 640, 480)) > 0.1


def test_a_lost_fingertip_gives_zeros_for_its_bone_and_the_hand_stays_detected():
    sign = synthetic_sign(circle)
    mask = sign.mask.copy()
    fingertip = RIGHT_HAND.start + 8
    mask[:, fingertip] = False  # the index fingertip lost
    features = dtw.dtw_features(PoseSequence(sign.points, mask, sign.timestamps, 640, 480))
    assert features.present[:, 1].all()
    tip_bone = int(np.flatnonzero(dtw.FINGER_BONES[:, 1] == 8)[0])
    assert (features.features[:, 1, 2 + 2 * tip_bone : 4 + 2 * tip_bone] == 0.0).all()


def test_a_hand_detected_at_one_point_mirrors_like_any_other():
    # Some DGS hands are "detected" with all points at about 1e-39: mirrored, their x all become the width.
    sign = synthetic_sign(circle, hands=("left", "right"), left_shape=1)
    points = sign.points.copy()
    points[:5, RIGHT_HAND] = np.float32(1e-39) * np.arange(1, 22, dtype=np.float32)[:, None]
    degenerate = PoseSequence(points, sign.mask, sign.timestamps, 640, 480)
    mirrored = dtw.mirror_features(dtw.dtw_features(degenerate))
    np.testing.assert_allclose(mirrored.features, dtw.dtw_features(degenerate.mirrored()).features, atol=1e-5)


def test_mirroring_a_clip_swaps_its_two_comparisons_and_mirroring_both_changes_nothing():
    # Both hands move about as much, so no rule could tell which one leads.
    clips = [
        synthetic_sign(circle, hands=("left", "right"), left_shape=1),
        synthetic_sign(up_down, hands=("left", "right"), shape=1, left_shape=0, warp=1.3),
        synthetic_sign(circle, hands=("right",), shape=1),
        synthetic_sign(up_down, hands=("left",)),
    ]
    flips = np.array([False, True, False, True])
    flipped = [clip.mirrored() if flip else clip for clip, flip in zip(clips, flips, strict=True)]
    as_is, mirrored = dtw.orientation_distances(clips)
    one_of_them = flips[:, None] != flips[None, :]
    expected = np.stack([np.where(one_of_them, mirrored, as_is), np.where(one_of_them, as_is, mirrored)])
    np.testing.assert_allclose(dtw.orientation_distances(flipped), expected, atol=1e-5)
    np.testing.assert_allclose(dtw.orientation_distances(flipped[:2], flipped), expected[:, :2], atol=1e-5)
    everything_mirrored = [clip.mirrored() for clip in clips]
    np.testing.assert_allclose(
        dtw.dtw_distance_matrix(everything_mirrored), dtw.dtw_distance_matrix(clips), atol=1e-5
    )
    assert dtw.dtw_distance(clips[0], clips[0].mirrored()) == pytest.approx(0.0, abs=1e-6)
    assert min(dtw.dtw_distance(clips[0], other) for other in flipped[1:]) > 0.1  # other signs stay apart


def test_the_comparison_by_side_wins_unless_the_mirrored_one_is_clearly_nearer(monkeypatch):
    monkeypatch.setattr(dtw, "MIRROR_PENALTY", 0.1)
    assert dtw.prefer_same_side(1.0, 0.95) == 1.0  # the mirror image a little nearer: by side
    assert dtw.prefer_same_side(1.0, 0.5) == pytest.approx(0.55)  # clearly nearer: mirrored, with the penalty
    np.testing.assert_allclose(dtw.prefer_same_side(np.array([1.0, 1.0]), np.array([0.95, 0.5])), [1.0, 0.55])
    # A left-handed attempt at a two-handed sign, its left hand a little off: its mirror image is clearly
    # nearer. Distance and path both follow the one rule as the penalty lets the mirror image count or not,
    # and the path is that of the comparison chosen.
    reference = synthetic_sign(circle, hands=("left", "right"), left_shape=1)
    attempt = synthetic_sign(circle, hands=("left", "right"), left_shape=1, warp=1.2).mirrored()
    as_is, mirrored = dtw.orientation_distances([attempt], [reference])[:, 0, 0]
    assert mirrored < 0.5 * as_is
    for penalty, chosen in ((0.5 * as_is / mirrored - 1.0, mirrored), (2.0 * as_is / mirrored, as_is)):
        monkeypatch.setattr(dtw, "MIRROR_PENALTY", penalty)
        expected = mirrored * (1.0 + penalty) if chosen == mirrored else as_is
        assert dtw.dtw_distance(attempt, reference) == pytest.approx(expected)
        assert dtw.dtw_distance_matrix([attempt], [reference])[0, 0] == pytest.approx(expected)
        assert dtw.dtw_path(attempt, reference).distance == pytest.approx(expected)
        features, _, accumulated, _ = dtw._align(attempt, reference)
        assert features.mirrored == (chosen == mirrored)
        assert accumulated[-1, -1] == pytest.approx(chosen)


def textbook_accumulation(cost: np.ndarray) -> np.ndarray:
    """The banded DTW recurrence written cell by cell, the plain way: the reference for the vectorised one."""
    frames = len(cost)
    radius = dtw.band_radius(frames)
    accumulated = np.full((frames, frames), np.inf)
    for i in range(frames):
        for j in range(max(0, i - radius), min(frames, i + radius + 1)):
            above = accumulated[i - 1, j] if i else np.inf
            diagonal = accumulated[i - 1, j - 1] if i and j else np.inf
            left = accumulated[i, j - 1] if j else np.inf
            accumulated[i, j] = cost[i, j] + (0.0 if i == j == 0 else min(above, diagonal, left))
    return accumulated / frames


@pytest.fixture(scope="module")
def starter_clips(tmp_path_factory):
    """Real clips of the starter database: the first clip of every fifth sign (one and two hands)."""
    from signcore.database import SignDatabase
    from signcore.paths import assets_dir

    copy = tmp_path_factory.mktemp("starter") / "signs.db"
    copy.write_bytes((assets_dir() / "default_signs.db").read_bytes())
    with SignDatabase(copy) as database:
        return [database.clip_pose(database.clips(sign.id)[0].id) for sign in database.signs()[::5]]


@pytest.mark.parametrize("frames", [1, 2, 7, dtw.DTW_FRAMES])
def test_the_vectorised_accumulation_gives_exactly_the_textbook_recurrence_on_real_clips(
    starter_clips, frames
):
    features = [dtw.dtw_features(clip, frames) for clip in starter_clips]
    # two stacks, as the distance matrix has them (one array on both sides would let numpy multiply it
    # with its own transpose by another routine, which rounds differently)
    costs = dtw._pair_costs(*dtw._stack(features), *dtw._stack(features)).reshape(-1, frames, frames)
    accumulated = dtw._accumulate(costs)
    for pair, cost in enumerate(costs):
        np.testing.assert_array_equal(accumulated[pair], textbook_accumulation(cost))
    # the distance matrix takes the very same last cells (it accumulates in its own layout)
    block = dtw._distance_block(features, features, symmetric=False)
    np.testing.assert_array_equal(block, accumulated[:, -1, -1].reshape(len(features), len(features)))


def test_features_computed_once_and_passed_in_give_exactly_the_path_of_the_clips(starter_clips):
    for a, b in zip(starter_clips, starter_clips[1:], strict=False):
        from_features = dtw.dtw_path(dtw.dtw_features(a), dtw.dtw_features(b))
        from_clips = dtw.dtw_path(a, b)
        np.testing.assert_array_equal(from_features.steps, from_clips.steps)
        np.testing.assert_array_equal(from_features.times_b, from_clips.times_b)
        assert from_features.distance == from_clips.distance


def test_a_hand_never_seen_in_one_clip_costs_exactly_the_missing_hand_cost_where_the_other_shows_it(
    starter_clips,
):
    features = [dtw.dtw_features(clip) for clip in starter_clips]
    one_handed = [f for f in features if not f.present[:, 0].any()]
    assert one_handed and any(f.present[:, 0].any() for f in features)  # both kinds among the real clips
    for other in features:
        shown_by_other = dtw.MISSING_HAND_COST * other.present[:, 0]
        costs = dtw._frame_costs(one_handed[0], other)[0]
        np.testing.assert_array_equal(costs, np.broadcast_to(shown_by_other[None, :], costs.shape))
        costs = dtw._frame_costs(other, one_handed[0])[0]
        np.testing.assert_array_equal(costs, np.broadcast_to(shown_by_other[:, None], costs.shape))
