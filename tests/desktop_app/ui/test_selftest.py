"""``python -m desktop_app --selftest``: JSON report from the real pipeline, clear failures, and no torch."""

import json
import os
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest

from tests.desktop_app.ui.test_app_practice import VIDEO_SIGN, build_practice_database, shipped_encoder
from tests.support import REPO, SIGNING_VIDEO


def run_app(*args: str, timeout: float = 240) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO,
        env=dict(os.environ),  # keeps the test's isolated SIGNPRACTICE_DATA_DIR
    )


@pytest.fixture(scope="module")
def database_path(tmp_path_factory, signing_video_pose):
    path = tmp_path_factory.mktemp("selftest") / "signs.db"
    build_practice_database(path, shipped_encoder(), signing_video_pose).close()
    return path


@pytest.mark.slow
def test_selftest_on_the_signing_video_prints_json_with_body_found(database_path):
    result = run_app(
        "--selftest", "--camera", str(SIGNING_VIDEO), "--video-mirrored", "--db", str(database_path)
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout)
    assert report["ok"] is True
    assert report["frames"] >= 50  # one pass of the 58-frame video
    assert report["frames_with_body"] >= 0.95 * report["frames"]
    assert report["frames_with_left_hand"] + report["frames_with_right_hand"] > 0
    assert report["fps"] > 0
    assert len(report["top5"]) == 5
    assert report["top5"][0]["gloss"] == VIDEO_SIGN
    assert len({entry["sign_id"] for entry in report["top5"]}) == 5  # distinct signs
    attempt = report["attempt"]  # what --score prints, for the best-matching sign
    assert attempt["sign"] == VIDEO_SIGN
    assert attempt["main"] is None or attempt["main"] in attempt["feedback"]
    assert 0 <= attempt["score"] <= 100  # the sign cut out of the video, as the practice page cuts it


@pytest.mark.slow
def test_selftest_without_a_camera_fails_with_a_clear_message(database_path):
    result = run_app("--selftest", "--camera", "9", "--db", str(database_path), timeout=120)
    assert result.returncode == 1
    assert json.loads(result.stdout)["ok"] is False
    assert "camera 9" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow
def test_selftest_with_a_broken_model_names_the_file(tmp_path, database_path):
    broken = tmp_path / "broken.onnx"
    broken.write_text("not a model")
    result = run_app(
        "--selftest", "--camera", str(SIGNING_VIDEO), "--db", str(database_path), "--model", str(broken)
    )
    assert result.returncode == 2
    assert str(broken) in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow
def test_the_app_never_imports_torch():
    code = (
        "import sys; import desktop_app.__main__, desktop_app.ui.main_window, desktop_app.selftest, "
        "desktop_app.benchmark; sys.exit('torch' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert result.returncode == 0, "torch was imported by the app" + result.stderr[-1000:]


@pytest.mark.slow
def test_selftest_names_the_video_in_which_no_body_was_found(database_path, capsys, qapp):
    from desktop_app.core.signing.capture import VideoFileSource
    from desktop_app.selftest import main
    from signcore.database import SignDatabase

    video = REPO / "tests" / "bad_inputs" / "videos" / "no_person.mp4"
    with SignDatabase(database_path) as database:
        code = main(VideoFileSource(video, selfie=False, realtime=False), database, shipped_encoder())
    assert code == 1
    failure = [line for line in capsys.readouterr().err.splitlines() if "self-test failed" in line]
    assert failure == [f"self-test failed: {video}: no body was found in any frame"]


def test_the_benchmarks_padded_gallery_is_scored_like_the_real_one():
    # The scorer refuses embeddings of another model, so the padded gallery must keep the real one's identity.
    from desktop_app.benchmark import padded_gallery
    from desktop_app.core.judging.scoring import Gallery

    real = Gallery(np.arange(3), np.array([1, 1, 2]), ["a", "a", "b"], np.eye(3, 4, dtype=np.float32), "hash")
    padded = padded_gallery(real, 50)
    assert len(padded) == 50 and padded.model_hash == "hash"
    assert padded.read_pose is None  # nothing to borrow poses from
    real.read_pose = lambda clip_id: f"pose of clip {clip_id}"
    padded = padded_gallery(real, 50)  # synthetic clips borrow the real clips' poses, for DTW
    assert [padded.read_pose(int(c)) for c in padded.clip_ids[:5]] == [
        f"pose of clip {c}" for c in (0, 1, 2, 0, 1)
    ]


def test_a_database_or_model_that_cannot_be_used_ends_with_one_line_and_code_2(tmp_path, capsys):
    """--selftest ends as every command-line entry point does (signcore.errors.ends_plainly); it said
    "self-test failed: " for a file it could not even start with, as for a test that ran and failed."""
    from desktop_app.core.app.context import Launch
    from desktop_app.selftest import run_from_command_line

    in_the_way = tmp_path / "a file"
    in_the_way.write_text("not a folder")
    broken_model = tmp_path / "broken.onnx"
    broken_model.write_text("not a model")
    usable = Launch(camera=0, video_is_selfie=False, database_path=tmp_path / "signs.db", model_path=None)
    for launch, named in [
        (replace(usable, database_path=in_the_way / "signs.db"), in_the_way),
        (replace(usable, model_path=broken_model), broken_model),
    ]:
        assert run_from_command_line(launch) == 2
        said = capsys.readouterr().err
        assert said.startswith(f"error: {named}") and said.count("\n") == 1
