"""The pose encoder: normalisation (numpy reference == torch twin), invariances, padding, frame order."""

import functools
import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import onnxruntime as ort
import pytest
import torch

from signcore import dtw, normalize
from signcore.encoder import Encoder, default_model_path, pad_batch
from signcore.formats import load_traduttore, read_dgs_csv
from signcore.layout import (
    LEFT_HAND,
    LEFT_SHOULDER,
    N_POINTS,
    NOSE,
    RIGHT_ELBOW,
    RIGHT_HAND,
    RIGHT_SHOULDER,
    PoseSequence,
)
from tests.support import hand_points, random_clip, shared_path
from trainer.augment import (
    with_free_hand_held_still,
    with_hanging_hand,
    with_idle_frames,
    with_resting_hands,
)
from trainer.model import (
    CONFIGS,
    PoseEncoder,
    count_parameters,
    features_as_recorded,
    frame_features,
    left_leads,
    mirrored_feature_order,
    signing_part,
)

DGS_CLIP = "data/dgs/3D_full/Haus"
TRADUTTORE = "data/traduttore/traduttore_MP_Data.npz"


@functools.cache
def real_clips() -> tuple[PoseSequence, ...]:
    dgs = read_dgs_csv(sorted(shared_path(DGS_CLIP).glob("*.csv"))[0])
    traduttore = load_traduttore(shared_path(TRADUTTORE))[1234].pose
    return dgs, traduttore


def filmed_down_to_the_hips(webcam_clip: PoseSequence) -> PoseSequence:
    """A traduttore webcam clip (shoulders in view, the picture cut at the chest) as if the camera saw
    down to the hips: a taller picture, the same pixels, so resting hands can be in view."""
    return replace(webcam_clip, height=3 * webcam_clip.height)


def embed(model: PoseEncoder, clips: list[PoseSequence]) -> np.ndarray:
    inputs = pad_batch(clips)
    with torch.no_grad():
        tensors = (torch.from_numpy(inputs[k]) for k in ("points", "mask", "timestamps", "valid"))
        return model(*tensors).numpy()


def torch_features(clip: PoseSequence, use_depth: bool = True) -> np.ndarray:
    inputs = {k: torch.from_numpy(v) for k, v in pad_batch([clip]).items()}
    return frame_features(inputs["points"], inputs["mask"], use_depth)[0].numpy()


@pytest.mark.parametrize("use_depth", [True, False])
def test_torch_normalisation_equals_numpy_reference_on_random_clips(use_depth):
    rng = np.random.default_rng(1)
    for body in (True, False):
        clip = random_clip(rng, body=body)
        expected = normalize.frame_features(clip.points, clip.mask, use_depth)
        assert expected.shape == (len(clip), normalize.feature_size(use_depth))
        np.testing.assert_allclose(torch_features(clip, use_depth), expected, atol=1e-4)


@pytest.mark.slow
def test_torch_normalisation_equals_numpy_reference_on_real_clips():
    for clip in real_clips():
        np.testing.assert_allclose(
            torch_features(clip), normalize.frame_features(clip.points, clip.mask), atol=1e-4
        )


def test_normalisation_ignores_where_the_signer_stands_and_how_far_away():
    for clip in [random_clip(np.random.default_rng(2), body=b) for b in (True, False)] + list(real_clips()):
        moved = clip.points * 2.5 + np.array([130.0, -40.0, 0.0], np.float32)
        moved[..., 2] = clip.points[..., 2] * 2.5
        features = normalize.frame_features(clip.points, clip.mask)
        np.testing.assert_allclose(normalize.frame_features(moved, clip.mask), features, atol=1e-4)


def test_body_frame_uses_the_shoulders_and_falls_back_to_nose_and_hand_size():
    rng = np.random.default_rng(3)
    clip = random_clip(rng)
    clip.mask[:, [LEFT_SHOULDER, RIGHT_SHOULDER]] = True
    clip.points[:, LEFT_SHOULDER, :2], clip.points[:, RIGHT_SHOULDER, :2] = (300, 200), (100, 200)
    centre, scale = normalize.body_frame(clip.points, clip.mask)
    np.testing.assert_allclose(centre, (200, 200))
    assert scale == pytest.approx(200)

    no_body = random_clip(rng, body=False)
    centre, scale = normalize.body_frame(no_body.points, no_body.mask)
    sizes, known = normalize.hand_sizes(no_body.points, no_body.mask, 2)
    assert scale == pytest.approx(normalize.HAND_SIZE_TO_SHOULDER_WIDTH * sizes[known].mean())
    nose = no_body.points[:, NOSE, :2].mean(0)
    np.testing.assert_allclose(centre, nose + (0, normalize.NOSE_TO_SHOULDER_CENTRE * scale), rtol=1e-6)


def test_missing_points_are_masked_not_fed_as_coordinates():
    clip = random_clip(np.random.default_rng(4))
    features = normalize.frame_features(clip.points, clip.mask)
    n_global = len(normalize.GLOBAL_POINTS)
    # The global view is stored as an x plane then a y plane: back to (frames, points, 2).
    global_xy = features[:, : 2 * n_global].reshape(len(clip), 2, n_global).transpose(0, 2, 1)
    detected = features[:, -n_global:]
    np.testing.assert_array_equal(detected, clip.mask[:, normalize.GLOBAL_POINTS])
    assert not global_xy[~clip.mask[:, normalize.GLOBAL_POINTS]].any()
    # Whatever sits under a False mask does not change the embedding.
    model = PoseEncoder(CONFIGS["default"]).eval()
    garbage = clip.points.copy()
    garbage[~clip.mask] = 1e4
    inputs = pad_batch([clip])
    with torch.no_grad():
        clean = model(*(torch.from_numpy(inputs[k]) for k in ("points", "mask", "timestamps", "valid")))
        inputs["points"][0] = garbage
        dirty = model(*(torch.from_numpy(inputs[k]) for k in ("points", "mask", "timestamps", "valid")))
    torch.testing.assert_close(clean, dirty)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["default", "upstream"])
def test_padding_does_not_change_the_embedding_and_frame_order_does(name):
    torch.manual_seed(0)
    model = PoseEncoder(CONFIGS[name]).eval()
    rng = np.random.default_rng(5)
    clip, longer = random_clip(rng, 17), random_clip(rng, 40, body=False)

    alone = embed(model, [clip])[0]
    np.testing.assert_allclose(embed(model, [longer, clip])[1], alone, atol=1e-5)
    order = rng.permutation(len(clip))  # the same frames at the same times, in another order
    shuffled = PoseSequence(clip.points[order], clip.mask[order], clip.timestamps)
    assert np.abs(embed(model, [shuffled])[0] - alone).max() > 1e-3


def standing_signer(frames: int, wrist_below_shoulders: list[float | None]) -> tuple[np.ndarray, np.ndarray]:
    """Points and mask of a signer whose shoulders (100 px apart) are in view in every frame, with the right
    hand in view, its wrist this many shoulder widths below the shoulders per frame (None: out of view)."""
    points = np.zeros((frames, N_POINTS, 3), np.float32)
    mask = np.zeros((frames, N_POINTS), bool)
    points[:, LEFT_SHOULDER, :2], points[:, RIGHT_SHOULDER, :2] = (350, 200), (250, 200)
    mask[:, [LEFT_SHOULDER, RIGHT_SHOULDER, NOSE]] = True
    for frame, below in enumerate(wrist_below_shoulders):
        if below is not None:
            points[frame, RIGHT_HAND, 1] = 200 + 100 * below
            mask[frame, RIGHT_HAND] = True
    return points, mask


def test_signing_span_leaves_out_idle_frames_at_the_ends_only():
    points = np.zeros((9, N_POINTS, 3), np.float32)
    mask = np.zeros((9, N_POINTS), bool)
    mask[:, NOSE] = True
    mask[[2, 3, 6], LEFT_HAND.start] = True  # a gap inside the sign (frames 4-5) stays
    assert normalize.signing_span(points, mask) == slice(2, 7)
    mask[:, LEFT_HAND] = False  # no hand anywhere: nothing to tell the sign by
    assert normalize.signing_span(points, mask) == slice(0, 9)


def test_signing_span_leaves_out_hands_resting_below_the_rest_line():
    """A recording that starts and ends with the hands hanging in view: only the sign counts, even where the
    sign dips low inside (1.8) and goes as low as the belly (1.2) at its ends."""
    rest = normalize.REST_BELOW_SHOULDERS
    assert 1.2 < rest < 1.7
    points, mask = standing_signer(9, [None, 1.8, 1.7, 1.2, 0.3, 1.8, 0.2, 1.2, 1.7])
    assert normalize.signing_span(points, mask) == slice(3, 8)
    points, mask = standing_signer(5, [1.8, 1.7, 1.9, None, 1.6])  # never above the line: all the hand frames
    assert normalize.signing_span(points, mask) == slice(0, 5)
    mask[:, RIGHT_SHOULDER] = False  # no body to measure against: every hand frame counts
    assert normalize.signing_span(points, mask) == slice(0, 5)


def with_left_hand_hanging(points: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The signer's left hand in view in every frame, hanging 1.7 shoulder widths below the shoulders."""
    points, mask = points.copy(), mask.copy()
    points[:, LEFT_HAND, :2] = (360, 200 + 170)
    mask[:, LEFT_HAND] = True
    return points, mask


def test_hands_hanging_below_the_rest_line_are_left_out_frame_by_frame():
    """Filmed down to the hips, a one-handed sign shows the other hand hanging throughout: it is left out in
    every frame, the signing hand only where it rests too (the span's ends); a clip that never raises a
    hand keeps them all."""
    points, mask = with_left_hand_hanging(*standing_signer(6, [1.8, 0.4, 0.2, 1.6, 0.5, 1.8]))
    kept = normalize.without_resting_hands(points, mask)
    assert not kept[:, LEFT_HAND].any()
    assert kept[:, RIGHT_HAND].any(axis=1).tolist() == [False, True, True, False, True, False]
    assert (kept[:, : LEFT_HAND.start] == mask[:, : LEFT_HAND.start]).all()  # the body as it was
    points, mask = with_left_hand_hanging(*standing_signer(3, [1.8, 1.6, 1.9]))  # nothing above the line
    np.testing.assert_array_equal(normalize.without_resting_hands(points, mask), mask)


def with_left_hand_still(
    points: np.ndarray, mask: np.ndarray, below: float = 1.1, x: float = 320.0
) -> tuple[np.ndarray, np.ndarray]:
    """The signer's left hand in view in every frame, held still ``below`` shoulder widths below the
    shoulders (above the rest line: a hand resting on the belly)."""
    points, mask = points.copy(), mask.copy()
    points[:, LEFT_HAND, :2] = (x, 200 + 100 * below)
    mask[:, LEFT_HAND] = True
    return points, mask


def test_a_free_hand_held_still_is_left_out_of_every_frame():
    """The free hand of a one-handed sign resting on the belly, in view throughout, is left out of the whole
    clip (its frames still count for the span, one span for every view); a still hand the signing hand
    comes close to (a base hand), or one that is the only hand, stays."""
    points, mask = with_left_hand_still(*standing_signer(7, [1.8, 1.8, 0.4, 0.2, 0.6, 1.8, 1.8]))
    span, kept = normalize.signing_part(points, mask)
    assert not kept[:, LEFT_HAND].any() and span == slice(0, 7)
    np.testing.assert_array_equal(kept[:, RIGHT_HAND], mask[:, RIGHT_HAND] & (points[:, RIGHT_HAND, 1] < 350))

    points[3, RIGHT_HAND, :2] = (330, 330)  # the signing hand touches the still one once: a base hand
    assert normalize.signing_part(points, mask)[1][:, LEFT_HAND].all()

    points, mask = with_left_hand_still(*standing_signer(4, [None] * 4))  # the still hand signs alone
    assert normalize.signing_part(points, mask)[1][:, LEFT_HAND].all()
    mask[:, RIGHT_SHOULDER] = False  # no body to measure against: never left out
    points, mask = with_left_hand_still(*standing_signer(5, [0.4, 0.2, 0.6, 0.3, 0.5]))
    mask[:, RIGHT_SHOULDER] = False
    assert normalize.signing_part(points, mask)[1][:, LEFT_HAND].all()


def test_two_hands_side_by_side_both_stay_however_little_one_moves():
    """A two-handed sign made with the hands side by side (can (ASL): both fists beat down together) is not a
    free hand resting: the hand that moves less stayed in view but was left out before "lower" was asked."""
    points, mask = standing_signer(8, [0.4, 0.5, 0.6, 0.5, 0.4, 0.5, 0.6, 0.5])
    points, mask = with_left_hand_still(points, mask, below=0.5, x=200.0)
    points[:, LEFT_HAND, 1] += np.array([0, 5, 10, 5, 0, 5, 10, 5])[:, None]  # it beats a little
    np.testing.assert_array_equal(normalize.signing_part(points, mask)[1], mask)


@pytest.mark.slow
@pytest.mark.parametrize("index", [1047, 3579])
def test_a_real_two_handed_sign_keeps_both_hands(index):
    """traduttore can and small (ASL) clips whose hand that moved less was left out by an earlier form of the
    rule (both starter signs)."""
    clip = load_traduttore(shared_path(TRADUTTORE))[index]
    assert (
        clip.gloss in ("can", "small")
        and clip.pose.mask[:, LEFT_HAND].any()
        and clip.pose.mask[:, RIGHT_HAND].any()
    )
    detected, raised = normalize.hands_at_rest_line(
        clip.pose.points, clip.pose.mask, normalize.REST_BELOW_SHOULDERS
    )
    assert not normalize.still_free_hands(clip.pose.points, clip.pose.mask, raised).any()


def test_a_low_base_hand_the_other_elbow_rests_on_stays():
    """tree (ASL): the right elbow rests on the left hand, held still and low; the right hand waves well
    above it, never near its points: the base hand was left out as a free one."""
    points, mask = with_left_hand_still(*standing_signer(6, [-0.3, -0.2, -0.3, -0.2, -0.3, -0.2]), 1.1, 200)
    points[:, RIGHT_ELBOW, :2], mask[:, RIGHT_ELBOW] = (205, 305), True  # on the base hand
    np.testing.assert_array_equal(normalize.signing_part(points, mask)[1], mask)
    mask[:, RIGHT_ELBOW] = False  # its elbow unseen: the base hand looks like a resting one
    assert not normalize.signing_part(points, mask)[1][:, LEFT_HAND].any()


def test_of_two_still_hands_only_the_clearly_lower_one_is_left_out():
    """A held handshape (the signing hand still too): the free hand is the one resting clearly lower; two
    still hands at one height (a two-handed held sign) both stay."""
    points, mask = with_left_hand_still(*standing_signer(5, [0.4] * 5), below=1.1)
    assert not normalize.signing_part(points, mask)[1][:, LEFT_HAND].any()
    points, mask = with_left_hand_still(*standing_signer(5, [0.4] * 5), below=0.5)
    np.testing.assert_array_equal(normalize.signing_part(points, mask)[1], mask)


def test_torch_signing_part_equals_the_numpy_span_and_hands_with_padding():
    rng = np.random.default_rng(3)
    clips = [random_clip(rng, n) for n in (5, 12, 30)]
    for clip in clips:
        clip.mask[: rng.integers(0, 4)] &= ~hand_points()
        clip.mask[len(clip) - rng.integers(0, 4) :] &= ~hand_points()
    clips.append(PoseSequence(clips[0].points, clips[0].mask & ~hand_points(), clips[0].timestamps))
    # hands resting below the line at both ends of a sign, and a clip whose hands never rise above it
    clips.append(
        PoseSequence(*standing_signer(9, [None, 1.8, 1.7, 1.2, 0.3, 1.8, 0.2, 1.2, 1.7]), np.arange(9.0))
    )
    clips.append(PoseSequence(*standing_signer(5, [1.8, 1.7, 1.9, None, 1.6]), np.arange(5.0)))
    hanging = with_left_hand_hanging(*standing_signer(7, [1.8, 0.4, 0.2, 1.6, 0.5, 1.8, None]))
    clips.append(PoseSequence(*hanging, np.arange(7.0)))
    points, mask = standing_signer(6, [1.8, 1.8, 0.5, 1.8, 1.8, 1.8])
    mask[[1, 4], RIGHT_HAND.start] = False  # a hand found without its wrist point: nothing to measure, raised
    clips.append(PoseSequence(points, mask, np.arange(6.0)))
    # a free hand held still (left out), one the signing hand touches (kept), a still hand below a still one
    still = with_left_hand_still(*standing_signer(7, [1.8, 1.8, 0.4, 0.2, 0.6, 1.8, 1.8]))
    clips.append(PoseSequence(*still, np.arange(7.0)))
    touched = with_left_hand_still(*standing_signer(5, [0.4, 0.8, 1.0, 0.7, 0.5]), x=0.0)
    clips.append(PoseSequence(*touched, np.arange(5.0)))
    clips.append(PoseSequence(*with_left_hand_still(*standing_signer(5, [0.4] * 5)), np.arange(5.0)))
    tree = with_left_hand_still(*standing_signer(4, [-0.3, -0.2, -0.3, -0.2]), 1.1, 200)
    tree[0][:, RIGHT_ELBOW, :2], tree[1][:, RIGHT_ELBOW] = (205, 305), True  # its elbow on the base hand
    clips.append(PoseSequence(*tree, np.arange(4.0)))
    inputs = pad_batch(clips)
    tensors = {k: torch.from_numpy(inputs[k]) for k in ("points", "mask", "valid")}
    frames, kept = (t.numpy() for t in signing_part(tensors["points"], tensors["mask"], tensors["valid"]))
    spans = []
    for row, clip in enumerate(clips):
        expected = np.zeros(inputs["valid"].shape[1])
        span = normalize.signing_span(clip.points, clip.mask)
        expected[span] = 1.0
        spans.append(span)
        np.testing.assert_array_equal(frames[row], expected)
        expected_mask = normalize.without_resting_hands(clip.points, clip.mask)
        np.testing.assert_array_equal(kept[row, : len(clip)], expected_mask)
    assert spans[-8] == slice(3, 8) and spans[-6] == slice(1, 5) and spans[-5] == slice(1, 5)
    assert kept[-6, :7, LEFT_HAND].sum() == 0 and inputs["mask"][-6, :7, LEFT_HAND].all()
    assert spans[-4] == slice(0, 7) and kept[-4, :7, LEFT_HAND].sum() == 0
    assert (
        kept[-3, :5, LEFT_HAND].all() and kept[-2, :5, LEFT_HAND].sum() == 0 and kept[-1, :4, LEFT_HAND].all()
    )


@pytest.mark.parametrize("name", ["default", "upstream"])
def test_idle_frames_around_the_sign_do_not_change_the_embedding(name):
    """A dictionary video's signer standing still before and after the sign, or an early recording start:
    the embedding is that of the sign alone."""
    torch.manual_seed(0)
    model = PoseEncoder(CONFIGS[name]).eval()
    rng = np.random.default_rng(8)
    clip = random_clip(rng, 20)
    clip.mask[[0, -1]] |= hand_points()  # the sign starts and ends with hands in view

    alone, padded, other = embed(model, [clip, with_idle_frames(clip, 25, 10), random_clip(rng, 20)])
    np.testing.assert_allclose(padded, alone, atol=1e-5)
    assert np.abs(other - alone).max() > 1e-3


def test_hands_resting_in_view_around_a_real_sign_do_not_change_the_embedding():
    """A dictionary video's signer standing with the hands hanging in view before and after the sign."""
    torch.manual_seed(0)
    model = PoseEncoder(CONFIGS["default"]).eval()
    sign = filmed_down_to_the_hips(real_clips()[1])
    resting = with_resting_hands(sign, 25, 10)
    assert len(resting) == len(sign) + 35 and resting.mask[:25, RIGHT_HAND].all()
    alone, recorded = embed(model, [sign, resting])
    np.testing.assert_allclose(recorded, alone, atol=1e-5)


def one_handed_sign() -> PoseSequence:
    """A traduttore clip of "a" (the right hand alone), as if filmed down to the hips."""
    clip = load_traduttore(shared_path(TRADUTTORE))[392]
    assert (
        clip.gloss == "a" and not clip.pose.mask[:, LEFT_HAND].any() and clip.pose.mask[:, RIGHT_HAND].all()
    )
    return filmed_down_to_the_hips(clip.pose)


def test_a_hand_hanging_in_view_during_a_real_one_handed_sign_does_not_change_the_embedding():
    torch.manual_seed(0)
    model = PoseEncoder(CONFIGS["default"]).eval()
    sign = one_handed_sign()
    hanging = with_hanging_hand(sign)
    assert hanging.mask[:, LEFT_HAND].all()
    alone, recorded = embed(model, [sign, hanging])
    np.testing.assert_allclose(recorded, alone, atol=1e-5)


def test_a_free_hand_held_still_during_a_real_one_handed_sign_does_not_change_the_embedding():
    torch.manual_seed(0)
    model = PoseEncoder(CONFIGS["default"]).eval()
    sign = one_handed_sign()
    held = with_free_hand_held_still(sign, np.random.default_rng(0))
    assert held.mask[:, LEFT_HAND].all()
    alone, recorded = embed(model, [sign, held])
    np.testing.assert_allclose(recorded, alone, atol=1e-5)


def led_by(rng: np.random.Generator, hand: slice) -> PoseSequence:
    """A random clip whose ``hand`` sweeps across the image while the other hand keeps still."""
    clip = random_clip(rng, 20)
    clip.mask[:, LEFT_HAND] = clip.mask[:, RIGHT_HAND] = True
    still = RIGHT_HAND if hand == LEFT_HAND else LEFT_HAND
    clip.points[:, still] = clip.points[0, still]
    clip.points[:, hand, 0] = clip.points[0, hand, 0] + np.linspace(0, 300, 20)[:, None]
    return clip


def test_the_clip_led_by_the_left_hand_is_mirrored_and_a_mirror_image_gets_the_same_features():
    rng = np.random.default_rng(11)
    left_led, right_led = led_by(rng, LEFT_HAND), led_by(rng, RIGHT_HAND)
    assert normalize.leads_with_left(left_led.points, left_led.mask)
    assert not normalize.leads_with_left(right_led.points, right_led.mask)
    assert normalize.canonical_side(left_led.points, left_led.mask)[2]
    assert not normalize.canonical_side(right_led.points, right_led.mask)[2]
    for clip in (left_led, right_led, random_clip(rng)):
        np.testing.assert_allclose(
            normalize.frame_features(clip.mirrored().points, clip.mirrored().mask),
            normalize.frame_features(clip.points, clip.mask),
            atol=1e-4,
        )


def test_torch_canonical_side_equals_numpy_and_the_embedding_ignores_the_mirror():
    torch.manual_seed(0)
    model = PoseEncoder(CONFIGS["default"]).eval()
    rng = np.random.default_rng(12)
    clips = [led_by(rng, LEFT_HAND), led_by(rng, RIGHT_HAND), random_clip(rng, 9, body=False)]
    for clip in clips:  # both decisions, in one batch with padding
        np.testing.assert_allclose(
            torch_features(clip), normalize.frame_features(clip.points, clip.mask), atol=1e-4
        )
    embedded = embed(model, clips + [clip.mirrored() for clip in clips])
    np.testing.assert_allclose(embedded[3:], embedded[:3], atol=1e-5)


def test_torch_leading_hand_equals_numpy_for_any_length_and_one_frame_keeps_its_side():
    """One frame has no movement, so no hand leads and the clip stays as recorded (the exported graph on one
    frame: tests/trainer/test_export.py)."""
    rng = np.random.default_rng(14)
    clips = [random_clip(rng, frames) for frames in (1, 2, 3)]
    clips += [led_by(rng, LEFT_HAND), led_by(rng, RIGHT_HAND)]
    inputs = {k: torch.from_numpy(v) for k, v in pad_batch(clips).items()}  # padded to 20 frames
    expected = [normalize.leads_with_left(clip.points, clip.mask) for clip in clips]
    assert left_leads(inputs["points"], inputs["mask"]).tolist() == expected
    assert expected[0] is False and expected[3:] == [True, False]
    for one_frame in (clips[0], clips[0].mirrored()):
        np.testing.assert_allclose(
            torch_features(one_frame), normalize.frame_features(one_frame.points, one_frame.mask), atol=1e-4
        )


@pytest.mark.parametrize("use_depth", [True, False])
def test_the_mirror_image_has_the_features_reordered_and_the_encoder_folds_that_into_its_weights(use_depth):
    rng = np.random.default_rng(13)
    order, signs = mirrored_feature_order(use_depth)
    clips = [led_by(rng, LEFT_HAND), led_by(rng, RIGHT_HAND), random_clip(rng, 9, body=False)]
    for clip in clips:
        as_recorded, mirrored = (
            features_as_recorded(*(torch.from_numpy(v) for v in (c["points"], c["mask"])), use_depth)
            for c in (pad_batch([clip]), pad_batch([clip.mirrored()]))
        )
        np.testing.assert_allclose(mirrored, as_recorded[..., order] * signs, atol=1e-4)
    torch.manual_seed(0)
    model = PoseEncoder(replace(CONFIGS["default"], use_depth=use_depth)).eval()
    inputs = {k: torch.from_numpy(v) for k, v in pad_batch(clips).items()}  # both sides, padding
    with torch.no_grad():
        folded = model.project_frames(inputs["points"], inputs["mask"])
        direct = model.project(frame_features(inputs["points"], inputs["mask"], use_depth))
    np.testing.assert_allclose(folded, direct, atol=1e-5)


def test_configs_sizes():
    assert count_parameters(PoseEncoder(CONFIGS["default"])) < 200_000
    assert count_parameters(PoseEncoder(CONFIGS["upstream"])) == pytest.approx(5.9e6, rel=0.03)


def pair_shapes_computed(encoder: Path, clip: PoseSequence, folder: Path) -> list[list[int]]:
    """The outputs of 22 x 22 pairs a frame (every point of one hand and its elbow against every point of
    the other) among the nodes onnxruntime ran to embed ``clip``, from its profile."""
    options = ort.SessionOptions()
    options.enable_profiling, options.profile_file_prefix = True, str(folder / "profile")
    session = ort.InferenceSession(str(encoder), options, providers=["CPUExecutionProvider"])
    session.run(None, pad_batch([clip]))
    events = json.loads(Path(session.end_profiling()).read_text(encoding="utf-8"))
    shapes = [
        next(iter(output.values()))
        for event in events
        if event.get("cat") == "Node"
        for output in event["args"].get("output_type_shape", [])
    ]
    return [shape for shape in shapes if shape[-2:] == [22, 22]]


def test_the_shipped_encoder_compares_the_two_hands_points_only_when_a_free_hand_is_found_still(tmp_path):
    """The near test of a free hand held still (22 x 22 pairs a frame, a fifth of the encoder's time) runs
    only when a hand is found still (an If in the graph); its answer changes nothing otherwise, so the
    embeddings are the same (the shipped file's, to the bit, on the starter database and the benchmark's
    clips: models/MODEL_CARD.md, "Speed")."""
    points, mask = standing_signer(7, [1.8, 1.8, 0.4, 0.2, 0.6, 1.8, 1.8])
    moving = PoseSequence(points, mask, np.arange(7.0))
    still = PoseSequence(*with_left_hand_still(points, mask), np.arange(7.0))
    assert not normalize.signing_part(still.points, still.mask)[1][:, LEFT_HAND].any()
    assert pair_shapes_computed(default_model_path(), still, tmp_path)
    assert not pair_shapes_computed(default_model_path(), moving, tmp_path)


def test_the_shipped_encoder_and_dtw_leave_hands_resting_in_view_out():
    """The exported graph (models/encoder.onnx as shipped, run by onnxruntime) carries the same span and
    the same hands left out (resting at the ends, hanging, a free hand held still), and so does DTW, but
    for the still hand, which it compares (signcore.dtw.dtw_features)."""
    encoder = Encoder(default_model_path())
    sign = one_handed_sign()
    held = with_free_hand_held_still(sign, np.random.default_rng(0))
    untrimmed = [with_resting_hands(sign, 15, 30), with_hanging_hand(sign), held]
    assert untrimmed[1].mask[:, LEFT_HAND].all() and untrimmed[2].mask[:, LEFT_HAND].all()
    alone, *recorded = encoder.embed_many([sign, *untrimmed])
    for embedding in recorded:
        np.testing.assert_allclose(embedding, alone, atol=1e-5)
    for clip in untrimmed[:2]:
        assert dtw.dtw_distance(clip, sign) == pytest.approx(0.0, abs=1e-6)  # two signers: ~0.7
    assert dtw.dtw_distance(held, sign) > 0.1
