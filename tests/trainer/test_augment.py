"""Augmentations: seeded, they never invent detections, and each transform does what it says."""

from dataclasses import replace

import numpy as np
import pytest

from signcore.formats import load_traduttore
from signcore.layout import LEFT_HAND, LEFT_SHOULDER, RIGHT_HAND, RIGHT_SHOULDER, WRIST
from tests.support import TEST_DATA, random_clip
from trainer.augment import (
    AugmentConfig,
    augment,
    camera,
    joints,
    lose_hand,
    retime,
    with_free_hand_held_still,
)

NOTHING = AugmentConfig(
    rotation_degrees=0, shear=0, perspective=0, squeeze=0, arm_degrees=0, wrist_degrees=0, noise=0, speed=0,
    crop=0, frame_drop=0, hand_loss=0, mirror=0,
)  # fmt: skip


def test_same_seed_same_result_and_nothing_is_invented():
    clip = random_clip(np.random.default_rng(0), 30)
    first = augment(clip, AugmentConfig(), np.random.default_rng(7))
    again = augment(clip, AugmentConfig(), np.random.default_rng(7))
    assert first.equals(again, atol=0)
    spatial = augment(
        clip, replace(AugmentConfig(), crop=0, frame_drop=0, mirror=0), np.random.default_rng(1)
    )
    assert len(spatial) == len(clip)
    assert not (spatial.mask & ~clip.mask).any()
    assert np.isfinite(spatial.points).all()


def test_no_augmentation_is_the_identity_and_mirroring_is_posesequence_mirrored():
    clip = random_clip(np.random.default_rng(1))
    assert augment(clip, NOTHING, np.random.default_rng(0)).equals(clip)
    assert augment(clip, replace(NOTHING, mirror=1.0), np.random.default_rng(0)).equals(clip.mirrored())


def test_rotation_keeps_distances_and_squeeze_changes_them():
    clip = random_clip(np.random.default_rng(2))
    centre, rng = np.array([300.0, 300.0]), np.random.default_rng(3)
    rotated = camera(clip.points, centre, 100.0, replace(NOTHING, rotation_degrees=30), rng)
    distance = lambda p: np.linalg.norm(p[:, 0, :2] - p[:, 40, :2], axis=-1)
    np.testing.assert_allclose(distance(rotated), distance(clip.points), rtol=1e-5)
    assert not np.allclose(rotated, clip.points)
    squeezed = camera(clip.points, centre, 100.0, replace(NOTHING, squeeze=0.3), rng)
    assert not np.allclose(distance(squeezed), distance(clip.points))


def test_wrist_rotation_keeps_the_hand_shape_and_moves_the_fingers():
    clip = random_clip(np.random.default_rng(4))
    turned = joints(clip.points, clip.mask, replace(NOTHING, wrist_degrees=40), np.random.default_rng(5))
    for hand in (LEFT_HAND, RIGHT_HAND):
        before = np.linalg.norm(clip.points[:, hand, None, :2] - clip.points[:, None, hand, :2], axis=-1)
        after = np.linalg.norm(turned[:, hand, None, :2] - turned[:, None, hand, :2], axis=-1)
        np.testing.assert_allclose(after, before, rtol=1e-4, atol=1e-3)
        np.testing.assert_allclose(turned[:, hand.start], clip.points[:, hand.start], atol=1e-3)  # the wrist
    assert not np.allclose(turned, clip.points)


def test_retime_keeps_a_valid_clip_and_changes_its_timing():
    clip = random_clip(np.random.default_rng(6), 40)
    config = replace(NOTHING, speed=0.5, crop=0.2, frame_drop=0.3)
    for seed in range(20):
        out = retime(clip, config, np.random.default_rng(seed))
        assert 2 <= len(out) <= len(clip)
        assert out.timestamps[0] == 0 and np.all(np.diff(out.timestamps) > 0)
    assert len(retime(clip.frames(slice(0, 2)), config, np.random.default_rng(0))) == 2


@pytest.mark.parametrize("seed", range(5))
def test_losing_a_hand_only_removes_detections(seed):
    clip = random_clip(np.random.default_rng(seed))
    lost = lose_hand(clip.mask, np.random.default_rng(seed))
    assert not (lost & ~clip.mask).any()
    assert (lost[:, LEFT_HAND.start :] != clip.mask[:, LEFT_HAND.start :]).any() or not clip.mask[
        :, 33:
    ].any()


def test_a_one_handed_clip_gets_its_free_hand_held_still_in_view():
    """The free hand appears where it was missing, still relative to the shoulders, beside or in front of
    the body above the rest line; a clip using both hands is left as it is."""
    clips = load_traduttore(TEST_DATA / "traduttore" / "traduttore_sample.npz")
    sign = next(c.pose for c in clips if c.gloss == "thank-you")
    assert not sign.mask[:, LEFT_HAND].any()
    held = with_free_hand_held_still(sign, np.random.default_rng(0))
    shoulders = sign.mask[:, LEFT_SHOULDER] & sign.mask[:, RIGHT_SHOULDER]
    assert (held.mask[:, LEFT_HAND].all(axis=1) == shoulders).all()
    np.testing.assert_array_equal(held.points[:, RIGHT_HAND], sign.points[:, RIGHT_HAND])
    left, right = sign.points[shoulders, LEFT_SHOULDER, :2], sign.points[shoulders, RIGHT_SHOULDER, :2]
    width = np.linalg.norm(left - right, axis=1)
    wrist = held.points[shoulders, LEFT_HAND.start + WRIST, :2]
    below = (wrist[:, 1] - (left[:, 1] + right[:, 1]) / 2) / width
    assert np.ptp(below) < 1e-3 and 0.6 <= below[0] <= 1.4
    both = held  # now the clip uses both hands
    assert with_free_hand_held_still(both, np.random.default_rng(1)) is both
