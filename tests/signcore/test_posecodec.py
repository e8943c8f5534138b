"""The landmark codec of the sign database: every clip comes back exactly, damage is a ValueError."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from signcore.layout import PoseSequence
from signcore.posecodec import decode_pose, encode_pose
from tests.db_writer_process import seeded_pose
from tests.support import assert_same_pose


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_landmark_blob_round_trips_exactly(seed):
    pose = seeded_pose(seed)
    assert_same_pose(decode_pose(encode_pose(pose)), pose)
    assert len(encode_pose(pose)) < pose.points.nbytes  # compact: compressed, mask packed


@settings(max_examples=40, deadline=None)
@given(frames=st.integers(0, 40), seed=st.integers(0, 2**32 - 1), missing=st.floats(0.0, 1.0))
def test_any_clip_round_trips_exactly(frames, seed, missing):
    rng = np.random.default_rng(seed)
    points = rng.standard_normal((frames, 75, 3)).astype(np.float32) * 1000
    pose = PoseSequence(points, rng.random((frames, 75)) >= missing, np.cumsum(rng.uniform(1e-3, 1, frames)))
    assert_same_pose(decode_pose(encode_pose(pose)), pose)


def test_empty_clip_round_trips():
    pose = PoseSequence.empty(0)
    assert len(decode_pose(encode_pose(pose))) == 0


def test_damaged_blob_is_a_value_error():
    with pytest.raises(ValueError, match="damaged"):
        decode_pose(b"not a zip")
