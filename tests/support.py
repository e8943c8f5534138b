"""Paths and helpers shared by the tests."""

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TEST_DATA = Path(__file__).resolve().parent / "data"
SHARED = Path(os.environ.get("SIGNPRACTICE_SHARED", REPO.parent / "shared"))
SIGNING_VIDEO = (
    TEST_DATA / "pose_format_test_video.mp4"
)  # MIT, pose-format; a real person signing, selfie view


def wait_for_outcome(qtbot, worker, timeout: int) -> tuple:
    """How a background Worker that is ALREADY running ended, once its queued signals have been delivered.

    Waiting for its signal instead would race: a quick job can finish before the test connects to it.
    """
    from PySide6.QtWidgets import QApplication

    qtbot.waitUntil(worker.isFinished, timeout=timeout)
    QApplication.processEvents()
    return worker.outcome


def shared_path(relative: str) -> Path:
    """A file from ../shared; the test is skipped with a clear reason where that folder is absent."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"needs {path} (the read-only ../shared data folder beside the checkout)")
    return path
