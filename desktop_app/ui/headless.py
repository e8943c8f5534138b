"""The capture pipeline without a window: the self-test watches a camera or video file with it."""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication

from desktop_app.core.signing.capture import FrameSource
from desktop_app.ui.garbage import garbage_collected_on_this_thread
from desktop_app.ui.pipeline import PipelineWorker
from signcore.extract import FrameLandmarks


@dataclass
class Watched:
    """What the pipeline saw of a source."""

    frames: list[FrameLandmarks] = field(default_factory=list)
    arrivals: list[float] = field(default_factory=list)  # time.perf_counter() of each frame's landmarks
    size: tuple[int, int] = (1, 1)  # the frames' width and height
    error: str = ""  # why the source failed, for the learner ("" = it did not)
    ms_per_frame: dict[str, float] = field(default_factory=dict)  # per pipeline stage


def watch_source(source: FrameSource, frames_wanted: int, timeout_s: float) -> Watched:
    """Run the app's pipeline thread on ``source`` until ``frames_wanted`` frames had their landmarks found,
    the source ended or failed, or ``timeout_s`` passed. Needs no display (Qt's offscreen platform)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    watched = Watched()
    worker = PipelineWorker(source, encoder=None)

    def on_landmarks(landmarks: FrameLandmarks, width: int, height: int) -> None:
        watched.frames.append(landmarks)
        watched.arrivals.append(time.perf_counter())
        watched.size = (width, height)
        if len(watched.frames) >= frames_wanted:
            worker.request_stop()

    def on_failed(message: str) -> None:
        watched.error = message

    worker.landmarks_ready.connect(on_landmarks)
    worker.frame_ready.connect(lambda _report: worker.frame_shown())
    worker.failed.connect(on_failed)
    worker.finished.connect(app.quit)
    QTimer.singleShot(int(timeout_s * 1000), worker.request_stop)
    worker.start()
    with garbage_collected_on_this_thread():
        app.exec()
    worker.wait()
    watched.ms_per_frame = worker.stage_times.per_frame_ms()
    return watched
