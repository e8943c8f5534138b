"""Quiet by default, and a plain sentence without a display, checked on real processes.

MediaPipe and TensorFlow Lite log from C++ straight to file descriptor 2, so only a separate process shows
what a learner's terminal really gets: its stderr is counted line by line.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from desktop_app.__main__ import NATIVE_LOG_NAME, NO_DISPLAY_MESSAGE, missing_display
from desktop_app.core.app.file_scoring import unsaid_video_note
from desktop_app.core.signing.capture import missing_video_note
from tests.support import REPO

ONE_FRAME_VIDEO = REPO / "tests" / "data" / "signing_one_frame.mp4"
# absl ("W0000 00:00:17… 123 file.cc:45] …") and TensorFlow Lite ("INFO: Created TensorFlow Lite …")
NATIVE_LINE = re.compile(r"^([IWEF]\d{4} \d\d:\d\d:\d\d\.\d+ +\d+ \S+:\d+\]|INFO: |WARNING: )")


def run(args: list[str], env: dict[str, str] | None = None, timeout: float = 240):
    return subprocess.run(
        [sys.executable, *args], cwd=REPO, capture_output=True, text=True, timeout=timeout, env=env
    )


def native_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if NATIVE_LINE.match(line)]


@pytest.mark.slow
def test_trainer_extract_prints_no_native_log_lines_unless_verbose(tmp_path):
    command = ["-m", "trainer", "extract", str(ONE_FRAME_VIDEO), "--workers", "1", "--out"]
    quiet = run([*command, str(tmp_path / "quiet")])
    verbose = run([*command, str(tmp_path / "verbose"), "--verbose"])
    assert quiet.returncode == 0 and verbose.returncode == 0, quiet.stderr + verbose.stderr
    assert len(native_lines(verbose.stderr)) >= 3, verbose.stderr  # the lines we are hiding do exist
    assert quiet.stderr.splitlines() == []
    assert "1 frames, body 1" in quiet.stdout and "done: 1 extracted" in quiet.stdout
    assert (tmp_path / "quiet" / f"{ONE_FRAME_VIDEO.stem}.pose").is_file()


@pytest.mark.slow
def test_the_app_keeps_native_log_lines_in_its_data_folder(tmp_path):
    env = {**os.environ, "SIGNPRACTICE_DATA_DIR": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    result = run(["-m", "desktop_app", "--camera", str(ONE_FRAME_VIDEO), "--selftest"], env=env)
    assert result.returncode == 0, result.stderr
    assert native_lines(result.stderr) == [], result.stderr
    assert json.loads(result.stdout[result.stdout.index("{") :])["frames"] >= 1
    assert len(native_lines((tmp_path / NATIVE_LOG_NAME).read_text())) >= 3


@pytest.mark.slow
def test_scoring_a_video_prints_only_the_json(tmp_path):
    env = {**os.environ, "SIGNPRACTICE_DATA_DIR": str(tmp_path)}
    result = run(["-m", "desktop_app", "--score", str(ONE_FRAME_VIDEO), "--sign", "hallo"], env=env)
    assert result.returncode == 0, result.stderr
    # was a dozen MediaPipe and TensorFlow Lite lines; what stays is how the video was read (unsaid)
    assert result.stderr.splitlines() == [f"note: {unsaid_video_note(ONE_FRAME_VIDEO)}"]
    assert json.loads(result.stdout)["sign"] == "hallo"
    assert len(native_lines((tmp_path / NATIVE_LOG_NAME).read_text())) >= 3


def test_python_messages_stay_on_stderr_while_native_writes_are_moved(tmp_path):
    script = (
        "import os, sys\n"
        "from signcore.native_logs import native_logs_quieted\n"
        f"with native_logs_quieted(log_path={str(tmp_path / 'native.log')!r}):\n"
        "    os.write(2, b'from C++\\n')\n"
        "    print('from Python', file=sys.stderr)\n"
        "os.write(2, b'after the block\\n')\n"
    )
    result = run(["-c", script])
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == ["from Python", "after the block"]
    assert (tmp_path / "native.log").read_text() == "from C++\n"


@pytest.mark.parametrize(("asked", "telemetry"), [(None, "1"), ("0", "0")], ids=["unset", "set by the user"])
def test_onnxruntime_is_imported_with_its_telemetry_off_and_says_nothing_on_the_terminal(
    tmp_path, asked, telemetry
):
    """w29, a read-only home: onnxruntime (1.29 on) printed "Failed to persist telemetry device ID" to the
    terminal, its telemetry failing to keep a device id there; with a home it can write, it keeps one and an
    event store in ~/.cache and sends events. Its variable turns that off before it is imported, unless set
    already; a model it cannot read is still said in plain words."""
    home = tmp_path / "home"
    home.mkdir()
    env = {name: value for name, value in os.environ.items() if name not in ("ORT_DISABLE_TELEMETRY", "CI")}
    env["HOME"] = str(home)
    if asked is not None:
        env["ORT_DISABLE_TELEMETRY"] = asked
    damaged = tmp_path / "damaged.onnx"
    damaged.write_bytes(b"not a model")
    script = (
        "import os\n"
        "from signcore.encoder import Encoder\n"
        "from signcore.errors import ModelError\n"
        "Encoder()\n"
        "print(os.environ['ORT_DISABLE_TELEMETRY'])\n"
        "try:\n"
        f"    Encoder({str(damaged)!r})\n"
        "except ModelError as error:\n"
        "    print(error)\n"
    )
    result = run(["-c", script], env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == telemetry
    assert "not a usable ONNX model" in result.stdout.splitlines()[1]
    if asked is None:
        assert result.stderr == "" and list(home.iterdir()) == [], (
            "onnxruntime wrote to the home or the terminal"
        )


@pytest.mark.slow
def test_without_a_display_one_sentence_and_exit_status_2(tmp_path):
    env = {name: value for name, value in os.environ.items() if name not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(QT_QPA_PLATFORM="xcb", SIGNPRACTICE_DATA_DIR=str(tmp_path))
    result = run(["-m", "desktop_app"], env=env, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip() == NO_DISPLAY_MESSAGE
    assert "Traceback" not in result.stderr and "qt.qpa" not in result.stderr


@pytest.mark.slow
def test_a_camera_video_file_that_is_not_there_is_said_on_the_terminal_and_the_window_opens(tmp_path):
    """A mistyped --camera file name printed nothing and opened the window as if all were well."""
    env = {**os.environ, "SIGNPRACTICE_DATA_DIR": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    missing = tmp_path / "nope.mp4"
    result = run(["-m", "desktop_app", "--camera", str(missing), "--quit-when-shown"], env=env)
    assert result.returncode == 0, result.stderr
    assert f"note: {missing_video_note(str(missing), '--camera')}" in result.stderr.splitlines()
    assert "window shown" in result.stdout  # the learner can still browse


@pytest.mark.parametrize(
    ("environ", "missing"),
    [
        ({}, True),
        ({"QT_QPA_PLATFORM": "xcb"}, True),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, True),
        ({"DISPLAY": ":0"}, False),
        ({"WAYLAND_DISPLAY": "wayland-0", "QT_QPA_PLATFORM": "wayland"}, False),
        ({"QT_QPA_PLATFORM": "offscreen"}, False),
        ({"QT_QPA_PLATFORM": "vnc:size=800x600"}, False),
        ({"QT_QPA_PLATFORM": "offscreen;xcb"}, True),  # xcb may be tried, and would abort
    ],
)
def test_which_environments_lack_a_display_on_linux(environ, missing):
    assert missing_display(environ, "linux") is missing


def test_windows_and_macos_always_have_a_display():
    assert missing_display({}, "win32") is False
    assert missing_display({}, "darwin") is False


def test_the_command_lines_help_is_in_plain_words():
    """ "--video-not-mirrored … (unsaid: --camera's video as the saved camera setting says, --score's
    video this way)" read as a typo; "encoder", "pipeline" and "native libraries" are developers' words."""
    from desktop_app.__main__ import build_parser

    help_text = " ".join(build_parser().format_help().split())
    for word in ("unsaid", "encoder", "pipeline", "native lib", "gloss"):
        assert word not in help_text
    assert "If neither option is given, --camera's video is taken as your camera settings say" in help_text
    assert "NAME@LANGUAGE" in help_text  # as --sign takes a name several languages have
