"""tools/measure_capture_rate.py (the frame rate of the untimed data sets, from clips with known timing) gives
a timed clip's own rate back when asked about the clip itself without its timing, and runs on the samples."""

import json

import pytest

from signcore.formats import read_pose, write_pose
from tests.support import TEST_DATA as DATA
from tests.test_platform_support import load_tool


@pytest.fixture(scope="module")
def tool():
    return load_tool("measure_capture_rate")


def test_a_clip_without_its_timing_is_told_its_own_frame_rate(tool):
    pose = read_pose(DATA / "pose" / "mediapipe.pose")  # 24 fps
    sign = tool.every_nth(pose, 1)
    sign.points, sign.mask, sign.timestamps = pose.points[:60], pose.mask[:60], pose.timestamps[:60]
    timed = tool.motion(sign, "timed", timed=True)
    itself = tool.motion(sign, "untimed", timed=False)
    assert itself.step_s is None
    for estimator in tool.ESTIMATORS:
        assert tool.estimate([timed], [itself], estimator) == pytest.approx(24.0), estimator
    # At half the rate the movement takes half the frames; a step is not quite twice as long, as the
    # tracker's jitter does not grow with it: speed leans towards the timed clips' rate
    half = tool.motion(tool.every_nth(sign, 2), "untimed", timed=False)
    assert tool.estimate([timed], [half], "duration") == pytest.approx(12.0, rel=0.1)
    for estimator in ("speed, shoulder widths", "speed, hand sizes"):
        assert 12.0 < tool.estimate([timed], [half], estimator) < 24.0


def test_the_samples_are_tabled_and_written(tool, tmp_path, capsys):
    data = tmp_path / "data"
    (data / "traduttore").mkdir(parents=True)
    (data / "traduttore" / "traduttore_MP_Data.npz").symlink_to(DATA / "traduttore" / "traduttore_sample.npz")
    (data / "dgs").mkdir()
    (data / "dgs" / "3D_full").symlink_to(DATA / "dgs" / "3D_full", target_is_directory=True)
    timed = tmp_path / "timed"
    timed.mkdir()
    pose = read_pose(DATA / "pose" / "mediapipe.pose")
    pose.points, pose.mask, pose.timestamps = pose.points[60:120], pose.mask[60:120], pose.timestamps[60:120]
    write_pose(pose, timed / "later_part.pose")  # another recording (its first frames are not the file's)
    (timed / "copy.pose").write_bytes((DATA / "pose" / "mediapipe.pose").read_bytes())
    out = tmp_path / "rate.json"
    arguments = ["--data", str(data), "--timed", str(DATA / "pose"), "--timed", str(timed)]
    assert tool.main([*arguments, "--draws", "20", "--json", str(out)]) == 0
    table = capsys.readouterr().out
    assert "| traduttore, word signs | duration |" in table
    assert "openpose.pose: the leading wrist seen in" in table
    results = json.loads(out.read_text())
    assert sorted(row["clip"] for row in results["timed_clips"]) == [
        "pose/mediapipe.pose",
        "timed/later_part.pose",
    ]
