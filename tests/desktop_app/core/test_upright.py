"""Clips filmed on their side, on real clips turned: told by where the head is, and turned back upright."""

import numpy as np
import pytest

from desktop_app.core.signing.upright import quarter_turns_to_upright, stood_upright, turned
from signcore.formats.posefile import read_pose
from signcore.layout import LEFT_SHOULDER, NOSE, RIGHT_SHOULDER, PoseSequence
from tests.support import TEST_DATA

# Real clips: an OpenPose one (1000x1000) and a MediaPipe Holistic one of a wide picture (640x360)
REAL_CLIPS = ["openpose.pose", "hand_estimation__6fb01565da31c5500d1ef2cd2906b06b.pose"]


@pytest.mark.parametrize("name", REAL_CLIPS)
def test_an_upright_clip_is_left_as_it_is(name):
    assert quarter_turns_to_upright(read_pose(TEST_DATA / "pose" / name)) == 0


@pytest.mark.parametrize("name", REAL_CLIPS)
@pytest.mark.parametrize("quarter_turns", [1, 2, 3])
def test_a_clip_on_its_side_or_upside_down_is_turned_back_upright(name, quarter_turns):
    upright = read_pose(TEST_DATA / "pose" / name)
    sideways = turned(upright, quarter_turns)
    assert (sideways.width, sideways.height) == (
        (upright.height, upright.width) if quarter_turns % 2 else (upright.width, upright.height)
    )
    back = quarter_turns_to_upright(sideways)
    assert back == 4 - quarter_turns
    again = turned(sideways, back)
    assert again.equals(upright) and (again.width, again.height) == (upright.width, upright.height)
    # the head above the shoulders again, in the picture (y down), and the hands still the signer's own
    shoulders_y = again.points[:, [LEFT_SHOULDER, RIGHT_SHOULDER], 1].mean(axis=1)
    assert (again.points[:, NOSE, 1] < shoulders_y).all()
    assert np.array_equal(again.mask, upright.mask)


def test_a_few_frames_with_the_head_aside_do_not_turn_a_clip():
    upright = read_pose(TEST_DATA / "pose" / "openpose.pose")
    points = upright.points.copy()
    leaning = turned(upright.frames(slice(0, 30)), 1).points  # a third of the frames as if on its side
    points[:30] = leaning
    mixed = PoseSequence(points, upright.mask, upright.timestamps, upright.width, upright.height)
    assert quarter_turns_to_upright(mixed) == 0


def test_a_clip_without_a_body_cannot_be_told_and_is_left_as_it_is():
    hands_only = read_pose(TEST_DATA / "pose" / "openpose.pose")
    hands_only.mask[:, : RIGHT_SHOULDER + 1] = False
    assert quarter_turns_to_upright(hands_only) == 0


def test_a_body_seen_in_a_few_frames_only_cannot_be_told_and_is_left_as_it_is():
    """Two frames of a body on its side, the rest of the clip hands only: too little to turn a clip by."""
    sideways = turned(read_pose(TEST_DATA / "pose" / "openpose.pose"), 1)
    assert quarter_turns_to_upright(sideways) == 3
    sideways.mask[2:, : RIGHT_SHOULDER + 1] = False
    assert quarter_turns_to_upright(sideways) == 0


@pytest.mark.parametrize("quarter_turns", [0, 1, 2, 3])
def test_a_clip_is_stood_upright_with_the_turns_it_took(quarter_turns):
    """THE standing upright of recordings, the learner's signing searched with and a file scored."""
    upright = read_pose(TEST_DATA / "pose" / "openpose.pose")
    stood, turns = stood_upright(turned(upright, quarter_turns))
    assert turns == -quarter_turns % 4 and stood.equals(upright)
    assert (stood.width, stood.height) == (upright.width, upright.height)
