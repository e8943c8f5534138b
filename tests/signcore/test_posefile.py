""".pose reading (by component and point name) and writing (atomic, exact timestamps)."""

import numpy as np
import pytest
from pose_format import Pose

from signcore import layout
from signcore.errors import InputError, UnsupportedLayoutError
from signcore.formats.posefile import (
    OPENPOSE_COMPONENTS,
    OPENPOSE_MIN_CONFIDENCE,
    read_pose,
    write_pose,
)
from signcore.layout import PoseSequence
from tests.support import SHARED, TEST_DATA, shared_path

POSE_DATA = TEST_DATA / "pose"
HOLISTIC = POSE_DATA / "hand_estimation__6fb01565da31c5500d1ef2cd2906b06b.pose"  # v0.2, 33 body points


def random_clip(n_frames: int, timestamps=None, seed: int = 0) -> PoseSequence:
    rng = np.random.default_rng(seed)
    points = rng.uniform(0, 600, (n_frames, layout.N_POINTS, layout.N_DIMS)).astype(np.float32)
    points[..., 2] = rng.uniform(-0.3, 0.3, (n_frames, layout.N_POINTS)) * 640
    mask = rng.random((n_frames, layout.N_POINTS)) > 0.3
    if timestamps is None:
        timestamps = np.arange(n_frames) / 30.0
    return PoseSequence(points, mask, timestamps, 640, 480)


def test_holistic_file_maps_by_name_with_visibility_threshold():
    pose = read_pose(HOLISTIC)
    raw = Pose.read(HOLISTIC.read_bytes())
    assert (len(pose), pose.width, pose.height) == (5, 640, 360)
    assert pose.fps == pytest.approx(25.0)
    body_conf = raw.body.confidence[:, 0, :33]
    assert np.array_equal(pose.mask[:, layout.POSE], body_conf >= layout.POSE_VISIBILITY_THRESHOLD)
    names = [c.name for c in raw.header.components]
    hand_start = sum(len(c.points) for c in raw.header.components[: names.index("LEFT_HAND_LANDMARKS")])
    raw_hand = np.asarray(raw.body.data.data)[:, 0, hand_start : hand_start + 21]
    assert pose.mask[:, layout.LEFT_HAND].all()
    assert np.allclose(pose.points[:, layout.LEFT_HAND, :2], raw_hand[..., :2])
    assert np.allclose(pose.points[:, layout.LEFT_HAND, 2], raw_hand[..., 2] * 640)  # z scaled by width
    assert not pose.meta["depth_dropped"]


def test_partial_component_maps_only_its_points():
    pose = read_pose(POSE_DATA / "mediapipe.pose")  # v0.1; its body has 8 of the 33 points
    assert (len(pose), pose.width, pose.height) == (170, 1250, 1250)
    counts = pose.detection_counts()
    assert counts["left_hand"] == 0 and counts["right_hand"] == 145
    body_found = pose.mask[:, layout.POSE].any(axis=0)
    assert not body_found[layout.NOSE] and body_found[layout.LEFT_SHOULDER]
    assert pose.meta["depth_dropped"] and not pose.points[..., 2].any()


def test_openpose_maps_body_points_by_name_and_hand_points_by_position():
    path = POSE_DATA / "openpose.pose"
    raw = Pose.read(path.read_bytes())
    pose = read_pose(path)
    assert (len(pose), pose.width, pose.height) == (93, 1000, 1000) and not pose.points[..., 2].any()
    offsets = {}
    for component in raw.header.components:
        offsets[component.name] = sum(len(c.points) for c in raw.header.components[: len(offsets)])
    values, confidence = np.asarray(raw.body.data.data)[:, 0], np.asarray(raw.body.confidence)[:, 0]
    body = offsets["pose_keypoints_2d"]
    shoulder = body + raw.header.components[0].points.index("LShoulder")
    assert np.allclose(pose.points[:, layout.LEFT_SHOULDER, :2], values[:, shoulder])
    index_tip = offsets["hand_right_keypoints_2d"] + layout.HAND_POINTS.index("INDEX_FINGER_TIP")
    seen = confidence[:, index_tip] >= OPENPOSE_MIN_CONFIDENCE
    target = layout.RIGHT_HAND.start + layout.HAND_POINTS.index("INDEX_FINGER_TIP")
    assert 0 < seen.sum() < len(pose) and np.array_equal(pose.mask[:, target], seen)
    assert np.allclose(pose.points[seen, target, :2], values[seen, index_tip])
    assert not pose.mask[:, layout.point_index("POSE_LANDMARKS", "MOUTH_LEFT")].any()  # no OpenPose twin


def test_a_file_without_body_or_hands_is_an_unsupported_layout(tmp_path):
    face_only = Pose.read((POSE_DATA / "openpose.pose").read_bytes()).get_components(["face_keypoints_2d"])
    with open(tmp_path / "face.pose", "wb") as file:
        face_only.write(file)
    with pytest.raises(UnsupportedLayoutError, match="face_keypoints_2d.*expected MediaPipe holistic names"):
        read_pose(tmp_path / "face.pose")


def test_round_trip_regular_timestamps(tmp_path):
    clip = random_clip(12)
    path = tmp_path / "clip.pose"
    write_pose(clip, path)
    assert read_pose(path).equals(clip)
    assert [p.name for p in tmp_path.iterdir()] == ["clip.pose"]  # no temporary files left behind


def _irregular_clip(n_frames: int = 15) -> PoseSequence:
    jittery = np.cumsum(np.random.default_rng(1).uniform(0.02, 0.05, n_frames))
    return random_clip(n_frames, jittery - jittery[0])


def test_irregular_timestamps_survive_exactly_and_through_a_rename(tmp_path):
    irregular = _irregular_clip()
    write_pose(irregular, tmp_path / "temp.pose")
    (tmp_path / "temp.pose").rename(tmp_path / "final.pose")
    back = read_pose(tmp_path / "final.pose")
    assert back.equals(irregular)
    assert np.array_equal(back.timestamps, irregular.timestamps)
    assert Pose.read((tmp_path / "final.pose").read_bytes()).body.fps == pytest.approx(
        irregular.fps, rel=1e-6
    )


def test_damaged_timestamp_trailer_falls_back_to_the_fps(tmp_path):
    path = tmp_path / "clip.pose"
    clip = _irregular_clip()
    write_pose(clip, path)
    data = bytearray(path.read_bytes())
    data[-20:-12] = np.float64(np.nan).tobytes()  # the last timestamp
    path.write_bytes(bytes(data))
    back = read_pose(path)
    assert np.allclose(back.timestamps, np.arange(len(clip)) / np.float32(clip.fps))


@pytest.mark.parametrize(
    "timestamps, problem",
    [
        ([0.0, np.inf, np.inf], "finite"),
        ([0.0, 0.1, 0.1], "increase by at least"),
        ([0.0, 1.0, 2e5], "no recording of signs lasts a day"),
    ],
)
def test_a_clip_has_the_times_of_a_recording(timestamps, problem):
    with pytest.raises(ValueError, match=problem):
        random_clip(3, np.array(timestamps))


def test_timestamps_no_recording_has_fall_back_to_the_fps_or_are_refused(tmp_path):
    # Finite and increasing, yet a frame each 1e300 s: read as float32 seconds by the encoder they became
    # infinite, and every score NaN.
    path = tmp_path / "clip.pose"
    clip = _irregular_clip()
    write_pose(clip, path)
    data = bytearray(path.read_bytes())
    trailer = slice(-12 - 8 * len(clip), -12)
    data[trailer] = (np.arange(len(clip)) * 1e300).astype("<f8").tobytes()
    path.write_bytes(bytes(data))
    assert np.allclose(read_pose(path).timestamps, np.arange(len(clip)) / np.float32(clip.fps))

    document = Pose.read(path.read_bytes())  # a plain pose-format file (no trailer) at 1e-40 frames a second
    document.body.fps = 1e-40
    with open(path, "wb") as handle:
        document.write(handle)
    with pytest.raises(
        InputError, match="frame rate: .* frames a second is not usable: .* no recording of signs lasts a day"
    ):
        read_pose(path)


def test_written_file_is_a_plain_holistic_pose_file(tmp_path):
    path = tmp_path / "clip.pose"
    write_pose(random_clip(3), path)
    raw = Pose.read(path.read_bytes())
    assert [c.name for c in raw.header.components] == [name for name, _ in layout.COMPONENTS]
    assert all(c.format == "XYZC" for c in raw.header.components)
    assert list(raw.header.components[1].points) == list(layout.HAND_POINTS)
    assert len(raw.header.components[1].limbs) == len(layout.HAND_BONES)
    assert raw.body.fps == pytest.approx(30.0)


def test_round_trip_of_a_real_file(tmp_path):
    original = read_pose(HOLISTIC)
    write_pose(original, tmp_path / "copy.pose")
    assert read_pose(tmp_path / "copy.pose").equals(original)


def test_empty_and_single_frame_clips_round_trip(tmp_path):
    for n_frames in (0, 1):
        clip = PoseSequence.empty(n_frames, width=320, height=240)
        write_pose(clip, tmp_path / f"{n_frames}.pose")
        assert read_pose(tmp_path / f"{n_frames}.pose").equals(clip)


@pytest.mark.parametrize("keep", [0, 3, 40, 1000, -7])
def test_truncated_file_is_an_input_error(tmp_path, keep):
    data = HOLISTIC.read_bytes()
    path = tmp_path / "broken.pose"
    path.write_bytes(data[:keep])
    with pytest.raises(InputError, match="broken.pose"):
        read_pose(path)


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="nothing.pose"):
        read_pose(tmp_path / "nothing.pose")


def test_write_failure_keeps_the_previous_file(tmp_path, monkeypatch):
    path = tmp_path / "clip.pose"
    first = random_clip(4)
    write_pose(first, path)

    def fail(self, buffer):
        buffer.write(b"partial")
        raise OSError("disk full")

    monkeypatch.setattr(Pose, "write", fail)
    with pytest.raises(InputError, match="disk full"):
        write_pose(random_clip(6, seed=3), path)
    monkeypatch.undo()
    assert read_pose(path).equals(first)
    assert [p.name for p in tmp_path.iterdir()] == ["clip.pose"]


SHARED_POSE_FILES = sorted((SHARED / "data" / "pose").glob("*.pose"))


@pytest.mark.parametrize("name", [p.name for p in SHARED_POSE_FILES] or ["mediapipe.pose"])
def test_every_shared_pose_file_maps_or_is_unsupported(name):
    path = shared_path(f"data/pose/{name}")
    components = {c.name for c in Pose.read(path.read_bytes()).header.components}
    if components & (set(layout.COMPONENT_SLICES) | set(OPENPOSE_COMPONENTS)):
        pose = read_pose(path)
        assert len(pose) > 0 and pose.mask.any()
    else:
        with pytest.raises(UnsupportedLayoutError):
            read_pose(path)


BAD_POSE = TEST_DATA.parent / "bad_inputs" / "pose"


@pytest.mark.parametrize(
    "name", ["empty.pose", "garbage.pose", "face_only.pose", "zero_size.pose", "truncated.pose"]
)
def test_an_unusable_pose_file_is_refused_with_the_learners_reason(name):
    """The import dialog checks a chosen .pose file by reading it: what it says is InputError's words."""
    with pytest.raises(InputError) as refused:
        read_pose(BAD_POSE / name)
    assert str(refused.value).startswith(f"{BAD_POSE / name}: ")
