"""Smoke test of the BUILT app (dist/SignPractice), headless, as a learner's machine would run it.

    python3 tools/smoke_test_bundle.py [--bundle dist/SignPractice] [--video VIDEO]

Standard library only, so it needs no virtual environment. It

0. checks the bundle holds no training-side package (torch, trainer, ...) and no unused Qt module, and is
   no larger than MAX_BUNDLE_MIB;
1. moves the bundle folder to a temporary place whose path has a space in it (the app must not depend on where
   it was built) and moves it back afterwards;
2. runs ``SignPractice --camera VIDEO --selftest`` there in a clean environment (only PATH, HOME, the data
   folder override and the offscreen Qt platform), from a neutral working folder;
3. checks the JSON report: frames processed, a body found, signs ranked;
4. checks the learner's database went to SIGNPRACTICE_DATA_DIR and nothing at all was written into the bundle;
5. measures start-up to the first processed frame: a self-test of a ONE-frame clip, launch to exit
   (an upper bound: it also includes ranking that frame against the database and shutting down);
6. starts the app itself (offscreen, the video as its camera) and checks it is still running, with no
   traceback, 20 s later.

Prints a JSON summary; exit status 0 = all checks passed, 1 = a check failed, 2 = bad arguments.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXECUTABLE_NAME = "SignPractice"
RUN_TIMEOUT_SECONDS = 300
GUI_WATCH_SECONDS = 20  # the window must still be up, with no traceback, this long after launch
# Parts that must not be in the bundle: the training side, and Qt modules the app does not use.
UNWANTED_FOLDERS = {
    "torch",
    "jax",
    "jaxlib",
    "tensorflow",
    "scipy",
    "sympy",
    "trainer",
    "tests",
    "PyQt5",
    "PyQt6",
}
# The target (issue 14); 394 MiB with requirements/lock.txt (docs/INSTALLER.md, "Size"). Above it, something
# unneeded came back in (a full-size ICU data library is 26 MiB more, QtOpenGL 9, the GTK theme's libraries 9
# to 19) or a dependency grew (onnxruntime 1.32 instead of the lock's 1.20.1: 18).
MAX_BUNDLE_MIB = 400
UNWANTED_QT_LIBRARY = re.compile(r"libQt6(WebEngine|Quick|Qml|3D|Multimedia|Pdf|Designer)")


class SmokeTestFailed(Exception):
    """A check of the built bundle failed; the message says which and why."""


def bundle_snapshot(bundle: Path) -> dict[str, tuple[int, int]]:
    """Every file and folder in the bundle with its size and modification time, to spot any write."""
    snapshot = {}
    for folder, dirnames, filenames in os.walk(bundle):
        for name in dirnames + filenames:
            path = Path(folder, name)
            info = path.lstat()
            snapshot[str(path.relative_to(bundle))] = (info.st_size, info.st_mtime_ns)
    return snapshot


def changes_between(before: dict, after: dict) -> list[str]:
    added = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    modified = sorted(name for name in set(before) & set(after) if before[name] != after[name])
    return (
        [f"added {n}" for n in added] + [f"removed {n}" for n in removed] + [f"changed {n}" for n in modified]
    )


def unwanted_parts(bundle: Path) -> list[str]:
    contents = bundle / "_internal"
    folders = [f"_internal/{path.name}" for path in contents.iterdir() if path.name in UNWANTED_FOLDERS]
    libraries = [
        str(path.relative_to(bundle)) for path in contents.rglob("*") if UNWANTED_QT_LIBRARY.match(path.name)
    ]
    return sorted(folders + libraries)


def clean_environment(home: Path, data_dir: Path) -> dict[str, str]:
    """What a learner's session provides, and nothing from the build machine's virtual environment."""
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "SIGNPRACTICE_DATA_DIR": str(data_dir),
        "QT_QPA_PLATFORM": "offscreen",  # no display on a build machine
    }


def run_selftest(executable: Path, video: Path, env: dict[str, str], cwd: Path) -> tuple[dict, float]:
    """Run the self-test on ``video``; return its JSON report and the wall time from launch to exit."""
    started = time.perf_counter()
    try:
        result = subprocess.run(
            [str(executable), "--camera", str(video), "--selftest"],
            env=env,
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT_SECONDS,
        )
    except subprocess.TimeoutExpired as error:
        raise SmokeTestFailed(f"{executable}: no answer within {RUN_TIMEOUT_SECONDS} s") from error
    wall = time.perf_counter() - started
    report = parse_report(result.stdout)
    if result.returncode != 0 or report is None:
        raise SmokeTestFailed(
            f"{executable} --selftest on {video.name} exited with status {result.returncode}\n"
            f"--- stdout ---\n{result.stdout[-3000:]}\n--- stderr ---\n{result.stderr[-3000:]}"
        )
    return report, wall


def parse_report(stdout: str) -> dict | None:
    """The self-test's JSON object (it is the whole of stdout), or None when there is none."""
    start = stdout.find("{")
    if start < 0:
        return None
    try:
        report = json.loads(stdout[start:])
    except json.JSONDecodeError:
        return None
    return report if isinstance(report, dict) else None


def check_report(report: dict, video: Path) -> None:
    frames = report.get("frames", 0)
    if frames < 1:
        raise SmokeTestFailed(f"{video.name}: the self-test processed no frame: {report}")
    if report.get("frames_with_body", 0) < 1:
        raise SmokeTestFailed(f"{video.name}: no body found in {frames} frames: {report}")
    if not report.get("top5"):
        raise SmokeTestFailed(f"{video.name}: the self-test ranked no sign: {report}")


def check_window_keeps_running(
    executable: Path, video: Path, env: dict[str, str], cwd: Path, seconds: float
) -> None:
    """Start the app itself (offscreen) with the video as its camera: it must neither exit nor raise."""
    with tempfile.TemporaryFile("w+") as log:  # a file, not a pipe: a full pipe would stall the app
        process = subprocess.Popen(
            [str(executable), "--camera", str(video)], env=env, cwd=cwd, stdout=log, stderr=log
        )
        try:
            process.wait(timeout=seconds)
            ended_by_itself = True
        except subprocess.TimeoutExpired:
            ended_by_itself = False
            process.terminate()
            process.wait(timeout=RUN_TIMEOUT_SECONDS)
        log.seek(0)
        output = log.read()
    if ended_by_itself:
        raise SmokeTestFailed(
            f"{executable} exited with status {process.returncode} within {seconds} s:\n{output[-3000:]}"
        )
    if "Traceback (most recent call last)" in output:
        raise SmokeTestFailed(f"{executable} raised while running:\n{output[-3000:]}")


def check_user_data(data_dir: Path, report: dict) -> list[str]:
    """The learner's files exist in the data folder and the report's database is one of them."""
    written = sorted(str(path.relative_to(data_dir)) for path in data_dir.rglob("*") if path.is_file())
    if not written:
        raise SmokeTestFailed(f"{data_dir}: the app wrote nothing to SIGNPRACTICE_DATA_DIR")
    database = Path(report.get("database", ""))
    if data_dir.resolve() not in database.resolve().parents:
        raise SmokeTestFailed(f"the database in use, {database}, is not in the user data folder {data_dir}")
    return written


def folder_mebibytes(folder: Path) -> float:
    """Size in MiB, the unit ``du -sh`` prints."""
    total = sum(
        path.lstat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink()
    )
    return round(total / 2**20, 1)


def smoke_test(
    bundle: Path, video: Path, one_frame_video: Path, window_seconds: float = GUI_WATCH_SECONDS
) -> dict:
    unwanted = unwanted_parts(bundle)
    if unwanted:
        raise SmokeTestFailed(f"{bundle} holds parts the app does not use: {', '.join(unwanted)}")
    size_mib = folder_mebibytes(bundle)
    if size_mib > MAX_BUNDLE_MIB:
        raise SmokeTestFailed(
            f"{bundle} is {size_mib} MiB, more than {MAX_BUNDLE_MIB}: see the largest parts with "
            f"du -sm {bundle}/_internal/* | sort -rn | head"
        )
    before = bundle_snapshot(bundle)
    # Beside the bundle, so the move is a rename on the same disk and not a copy of 500 MB.
    with tempfile.TemporaryDirectory(prefix="smoke-test-", dir=bundle.parent) as temp:
        temp = Path(temp)
        moved = temp / "moved here" / bundle.name
        moved.parent.mkdir()
        home, data_dir, work = temp / "home", temp / "user data", temp / "work"
        for folder in (home, data_dir, work):
            folder.mkdir()
        env = clean_environment(home, data_dir)
        shutil.move(str(bundle), str(moved))
        try:
            executable = moved / EXECUTABLE_NAME
            report, wall = run_selftest(executable, video, env, work)
            check_report(report, video)
            written = check_user_data(data_dir, report)
            first_frame_report, first_frame_wall = run_selftest(executable, one_frame_video, env, work)
            check_report(first_frame_report, one_frame_video)
            check_window_keeps_running(executable, video, env, work, window_seconds)
        finally:
            shutil.move(str(moved), str(bundle))
    changes = changes_between(before, bundle_snapshot(bundle))
    if changes:
        raise SmokeTestFailed(f"{bundle}: the app wrote into its own folder: {', '.join(changes[:10])}")
    return {
        "bundle": str(bundle),
        "bundle_mib": size_mib,
        "video": video.name,
        "frames": report["frames"],
        "frames_with_body": report["frames_with_body"],
        "frames_with_left_hand": report.get("frames_with_left_hand"),
        "frames_with_right_hand": report.get("frames_with_right_hand"),
        "pipeline_fps": report.get("fps"),
        "selftest_wall_s": round(wall, 2),
        "startup_to_first_frame_s": round(first_frame_wall, 2),
        "top5": [sign.get("gloss") for sign in report["top5"]],
        "user_data_files": written,
        "window_ran_s": window_seconds,
        "bundle_unchanged": True,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=REPO / "dist" / "SignPractice")
    parser.add_argument("--video", type=Path, default=REPO / "tests" / "data" / "pose_format_test_video.mp4")
    parser.add_argument(
        "--one-frame-video",
        type=Path,
        default=REPO / "tests" / "data" / "signing_one_frame.mp4",
        help="a one-frame clip with a person in it, for the start-up time",
    )
    args = parser.parse_args(argv)
    bundle = args.bundle.resolve()
    if not (bundle / EXECUTABLE_NAME).is_file():
        print(
            f"error: {bundle / EXECUTABLE_NAME}: not found; build it with tools/build_installer.sh",
            file=sys.stderr,
        )
        return 2
    for video in (args.video, args.one_frame_video):
        if not video.is_file():
            print(f"error: {video}: video file not found", file=sys.stderr)
            return 2
    try:
        summary = smoke_test(bundle, args.video.resolve(), args.one_frame_video.resolve())
    except SmokeTestFailed as error:
        print(f"smoke test FAILED: {error}", file=sys.stderr)
        return 1
    print(json.dumps(summary, indent=2))
    print("smoke test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
