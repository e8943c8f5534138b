"""The real main window driven for measurement: the Qt side of the benchmark and the soak.

:mod:`desktop_app.benchmark` and :mod:`desktop_app.soak` decide what to measure and judge the numbers; the
window, its pages, its camera pipelines and the event loop are driven from here. Nothing here is timed
against a target or printed.
"""

from __future__ import annotations

import functools
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Literal, cast

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop_app.core.app.context import AppContext
from desktop_app.core.judging.practice import ScoringTarget
from desktop_app.core.signing import handover
from desktop_app.ui.garbage import garbage_collected_on_this_thread
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.search_page import SearchPage

Page = Literal["practice", "search"]


@functools.cache
def application() -> QApplication:
    """The process's QApplication, made on first use and kept alive for the process."""
    app = QApplication.instance()
    return app if isinstance(app, QApplication) else QApplication(sys.argv[:1])


def heartbeat_lateness(
    seconds: float, interval_ms: int, start_after_s: float = 0.0, stop: Callable[[], object] | None = None
) -> float:
    """Run the event loop for ``seconds``: the longest lateness (ms) of an ``interval_ms`` timer on it."""
    app = application()
    lateness, last_beat = [], [time.perf_counter()]

    def beat() -> None:
        now = time.perf_counter()
        lateness.append(1000 * (now - last_beat[0]) - interval_ms)
        last_beat[0] = now

    heartbeat = QTimer()
    heartbeat.setInterval(interval_ms)
    heartbeat.timeout.connect(beat)
    QTimer.singleShot(int(start_after_s * 1000), heartbeat.start)
    QTimer.singleShot(int(seconds * 1000), stop or app.quit)
    with garbage_collected_on_this_thread():
        app.exec()
    heartbeat.stop()
    return max(lateness[1:], default=float("nan"))


def practise_in_window(
    context: AppContext,
    video: Path,
    sign_id: int,
    make_target: Callable[[], ScoringTarget],
    seconds: float,
    heartbeat_ms: int,
    graphs: int | None = None,
) -> dict:
    """The real window with ``video`` as its camera, practising ``sign_id`` against ``make_target()`` (made
    once the sign is chosen) for ``seconds``: the longest lateness (ms) of a ``heartbeat_ms`` timer on the
    GUI thread, the window's own end-of-attempt latencies (ms) with each attempt's steps (ms, see
    :class:`~desktop_app.core.judging.attempts.AttemptOutcome`), the times frames were tracked and shown, and
    each shown frame's frame-to-screen time (s). ``graphs``: the MediaPipe graphs its pipelines run (default:
    the app's own choice, :data:`desktop_app.core.signing.handover.TRACKING_GRAPHS`)."""
    if graphs is not None:
        handover.TRACKING_GRAPHS = graphs
    context.use_camera(str(video), True)
    window = MainWindow(context)
    window.show()
    page = window.practice_page
    context.select_sign(sign_id)
    QApplication.processEvents()  # the page starts its camera once the event loop runs
    worker = page.worker
    if worker is None:
        raise RuntimeError(f"the practice page did not start its camera: {page.camera_problem}")
    # Through the page, so raised hands start attempts: set on the worker alone, the target left them off
    # (the page had found no target for the sign in the benchmark's database), and no attempt was measured
    page.practise_against(make_target())

    latencies, stages, tracked = [], [], []

    def shown(outcome) -> None:
        latencies.append(page.last_latency_ms)
        # "show": from the scoring thread's result to the result on screen (the signal and the GUI's work)
        scoring_ms = 1000 * (outcome.scored_at - outcome.ended_at)
        shown_ms = page.last_latency_ms - scoring_ms
        stages.append({**outcome.stages_ms, "show": shown_ms, "cpu": outcome.scoring_cpu_ms})

    page.attempt_shown.connect(shown)
    worker.landmarks_ready.connect(lambda *_: tracked.append(time.perf_counter()))
    stall = heartbeat_lateness(
        seconds, heartbeat_ms, start_after_s=2.0, stop=window.close
    )  # after MediaPipe's start-up
    return {
        "stall_ms": stall,
        "latencies_ms": latencies,
        "score_stages_ms": stages,
        "tracked": tracked,
        "display_latencies": list(worker.display_latencies),
        "shown": list(worker.display_times),
    }


class SoakWindow:
    """The main window of a soak: which page shows, how many frames its camera pipelines tracked, and the
    event loop with a periodic callback."""

    def __init__(self, context: AppContext, camera: Path, video_is_selfie: bool):
        self.app = application()
        context.use_camera(str(camera), video_is_selfie)
        self.window = MainWindow(context)
        self.practice = self.window.practice_page
        self.search = cast(SearchPage, self.window.pages["Search by signing"])
        # frames of the practice page's pipelines replaced by a camera restart, and the current one's
        self._counted: tuple[object, int, int] = (None, 0, 0)  # (worker, its frames, earlier workers' frames)

    def show(self, page: Page) -> None:
        self.window.tabs.setCurrentWidget(self.practice if page == "practice" else self.search)
        self.window.show()

    def frames_on(self, page: Page) -> int:
        """Frames the page's current camera pipeline tracked (0 when none runs); the search page's camera is
        started if the page does not start it by itself."""
        if page == "practice":
            worker = self.practice.worker
        else:
            live = self.search.live
            if live.worker is None and live.isVisible():
                live.start_camera()
            worker = live.worker
        return 0 if worker is None else worker.stage_times.frames

    def camera_problem(self, page: Page) -> str:
        return self.practice.camera_problem if page == "practice" else self.search.live.status.text()

    def practice_frames_so_far(self) -> int:
        """Frames the practice page tracked since the start, over all its pipelines (a camera restart
        replaces the pipeline)."""
        counted_worker, frames, earlier = self._counted
        worker = self.practice.worker
        if worker is not counted_worker:
            counted_worker, frames, earlier = worker, 0, earlier + frames
        if worker is not None:
            frames = worker.stage_times.frames
        self._counted = (counted_worker, frames, earlier)
        return earlier + frames

    def run(self, every_s: float, tick: Callable[[], bool]) -> None:
        """Run the event loop, calling ``tick`` every ``every_s`` seconds until it returns False; the window
        closes then."""
        timer = QTimer()

        def on_timeout() -> None:
            if not tick():
                timer.stop()
                self.window.close()

        timer.timeout.connect(on_timeout)
        timer.start(int(every_s * 1000))
        with garbage_collected_on_this_thread():
            self.app.exec()
        timer.stop()
