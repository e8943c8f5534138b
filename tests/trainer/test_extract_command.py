"""``python -m trainer extract``: a sign folder or one video to .pose files, resumable, failures named."""

import subprocess
import sys
from itertools import islice

import cv2
import pytest

from signcore.extract import Decoded, iter_video_frames, probe_video, truncation_warning
from signcore.formats.posefile import read_pose
from tests.support import BAD_INPUTS, SIGNING_VIDEO
from trainer.__main__ import main as trainer_main
from trainer.extract import WORKER_DIED, WRITTEN_BUT_REPORT_LOST

TRUNCATED_VIDEO = BAD_INPUTS / "videos" / "truncated.mp4"


def _write_clip(path, n_frames: int, fourcc: str) -> None:
    """The first ``n_frames`` frames of the signing video, re-encoded."""
    frames = [frame.image for frame in islice(iter_video_frames(SIGNING_VIDEO), n_frames)]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*fourcc), 29.92, (540, 720))
    for image in frames:
        writer.write(image)
    writer.release()


@pytest.mark.slow
def test_extract_command_on_a_sign_folder(tmp_path, capsys):
    source, out = tmp_path / "signs", tmp_path / "poses"
    (source / "hello").mkdir(parents=True)
    (source / "wave").mkdir()
    _write_clip(source / "hello" / "clip1.mp4", 20, "mp4v")  # the hand is up from frame 17
    _write_clip(source / "wave" / "clip2.AVI", 8, "MJPG")
    (source / "wave" / "broken.mp4").write_text("not a video")
    (source / "wave" / "notes.txt").write_text("ignored: not a video extension")

    assert trainer_main(["extract", str(source), "--out", str(out), "--mirrored", "--workers", "2"]) == 0
    printed = capsys.readouterr()
    assert "hello/clip1.mp4: 20 frames, body 20, left hand " in printed.out
    assert "wave/clip2.AVI: 8 frames, body 8, left hand 0, right hand 0" in printed.out
    assert "skipped wave/broken.mp4: not a video" in printed.err
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pose")) == [
        "hello/clip1.pose",
        "wave/clip2.pose",
    ]
    pose = read_pose(out / "hello" / "clip1.pose")
    assert (len(pose), pose.width, pose.height) == (20, 540, 720)
    assert pose.present("LEFT_HAND_LANDMARKS")[18:].all() and not pose.present("RIGHT_HAND_LANDMARKS").any()
    assert not list(out.rglob("*.part"))  # no temporary file of an atomic write left behind

    # A second run resumes: nothing is extracted again.
    written = (out / "hello" / "clip1.pose").stat().st_mtime_ns
    assert trainer_main(["extract", str(source), "--out", str(out), "--workers", "1"]) == 0
    assert "2 of 3 videos already have a .pose file" in capsys.readouterr().out
    assert (out / "hello" / "clip1.pose").stat().st_mtime_ns == written


@pytest.mark.slow
def test_extract_command_reports_a_truncated_video_with_its_warning(tmp_path, capsys):
    out = tmp_path / "poses"
    assert trainer_main(["extract", str(TRUNCATED_VIDEO), "--out", str(out), "--mirrored"]) == 0
    printed = capsys.readouterr()
    line, warning = printed.out.splitlines()[:2]
    assert line.startswith("truncated.mp4: 17 frames, body ")
    assert (
        warning
        == f"  warning: {truncation_warning(TRUNCATED_VIDEO, probe_video(TRUNCATED_VIDEO), Decoded(17, 0.6))}"
    )
    assert "done: 1 extracted (1 with warnings), 0 already there, 0 failed" in printed.out
    assert "with warnings (see above): truncated.mp4" in printed.err
    assert len(read_pose(out / "truncated.pose")) == 17


def test_extract_command_fails_only_when_nothing_was_extracted(tmp_path, capsys):
    (tmp_path / "bad.mp4").write_bytes(b"")
    assert trainer_main(["extract", str(tmp_path / "bad.mp4"), "--out", str(tmp_path / "out")]) == 1
    assert "skipped bad.mp4: the file is empty" in capsys.readouterr().err
    assert trainer_main(["extract", str(tmp_path / "missing"), "--out", str(tmp_path / "out")]) == 2
    assert "no such video or folder" in capsys.readouterr().err


def test_extract_command_counts_a_video_whose_pose_was_written_before_its_worker_died(
    tmp_path, capsys, monkeypatch
):
    """A dying worker loses the reports not sent yet, possibly of a video whose .pose is already in place
    (written atomically, so whole): that video is done, not 'skipped', and the exit code says so."""
    source, out = tmp_path / "signs", tmp_path / "poses"
    (source / "hallo").mkdir(parents=True)
    for name in ("written.mp4", "lost.mp4"):
        (source / "hallo" / name).write_bytes(b"never decoded: the pool below is a stand-in")

    def pool_broken_after_one_write(function, jobs, workers):
        written = next(job for job in jobs if job.name == "hallo/written.mp4")
        written.output.parent.mkdir(parents=True)
        written.output.write_bytes(b"a whole .pose")
        for job in jobs:
            yield job, None, True

    monkeypatch.setattr("trainer.extract.run_in_processes", pool_broken_after_one_write)
    assert trainer_main(["extract", str(source), "--out", str(out), "--workers", "2"]) == 0
    printed = capsys.readouterr()
    assert f"hallo/written.mp4: {WRITTEN_BUT_REPORT_LOST}" in printed.out
    assert "done: 1 extracted, 0 already there, 1 failed" in printed.out
    assert printed.err.splitlines()[0] == f"skipped hallo/lost.mp4: {WORKER_DIED}"


@pytest.mark.slow
def test_extract_command_does_not_import_torch():
    code = "import sys, trainer.extract; sys.exit('torch' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
