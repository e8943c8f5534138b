"""The handover of frames from the capture worker's reading thread to its tracking threads, and of their
results back into the frames' order. Qt-free.

The reading thread puts each frame (or a :class:`CameraProblem`) into the :class:`FrameSlot`; the tracking
threads take frames from there in turn, numbered by a :class:`TrackingOrder`, which hands their results on
in the order the frames were taken (see :class:`~desktop_app.ui.pipeline.PipelineWorker`).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from typing import Generic, TypeVar

from desktop_app.core.signing.capture import CapturedFrame

Result = TypeVar("Result")
# MediaPipe graphs tracking alternate frames on threads of their own: one graph keeps about 1.4 cores busy,
# so a second one pays only where cores are left for the window itself. On two cores it does not: MediaPipe
# alone does 38 frames/s with two graphs against 27.5 with one, but the window, whose drawing and scoring need
# the same cores, paints 27.0 frames/s against 24.0 (neither reaches a 30 fps camera), with frame-to-screen
# p95 96 ms against 56 (the target is 100) and peak memory 589 MB against 432 (each graph holds ~150 MB of
# model interpreters; the target is 500) (`python -m desktop_app.benchmark --compare-graphs --rounds 3`, in
# turns, load ~2). So two graphs from four cores up, one below.
TRACKING_GRAPHS = 2 if (os.cpu_count() or 1) >= 4 else 1


@dataclass
class CameraProblem:
    """Said by the reading thread instead of a frame."""

    message: str  # "" = the camera is back


class FrameSlot:
    """The one frame handed from the reading thread to the tracking thread.

    ``latest_wins``: a frame not taken yet is replaced by a newer one (a live camera, read all the time:
    the tracker always gets the newest picture); otherwise the reader waits until it is taken (a video
    file: every frame is tracked). A camera problem is never replaced.
    """

    def __init__(self, latest_wins: bool):
        self.latest_wins = latest_wins
        self.replaced = 0  # frames dropped because a newer one came first
        self._item: tuple[CapturedFrame, float] | CameraProblem | None = None
        self._wanted = False  # the tracker is waiting for a frame
        self._changed = threading.Condition()

    def wait_until_wanted(self, stop: threading.Event) -> None:
        """Return once the tracker waits for a frame and none is there for it (or ``stop`` is set): a video
        file's next frame is read then, so that it never waits for the tracker (its frame-to-screen time
        would grow by a whole tracking time)."""
        with self._changed:
            while not (self._wanted and self._item is None) and not stop.is_set():
                self._changed.wait(0.05)

    def put(self, item: tuple[CapturedFrame, float] | CameraProblem, stop: threading.Event) -> None:
        """Hand over ``item``; returns without it once ``stop`` is set."""
        with self._changed:
            while self._item is not None and not (
                self.latest_wins and not isinstance(self._item, CameraProblem)
            ):
                if stop.is_set():
                    return
                self._changed.wait(0.05)
            if self._item is not None:
                self.replaced += 1
            self._item = item
            self._changed.notify_all()

    def take(self, timeout: float) -> tuple[CapturedFrame, float] | CameraProblem | None:
        """The waiting item, or None after ``timeout`` seconds without one."""
        with self._changed:
            if self._item is None:
                self._wanted = True
                self._changed.notify_all()
                self._changed.wait(timeout)
                self._wanted = False
            item, self._item = self._item, None
            self._changed.notify_all()
            return item


class TrackingOrder(Generic[Result]):
    """Frames tracked on several threads at once, their results handed on in the order the frames were taken.

    A tracking thread takes its next frame with :meth:`take`, which numbers it, and gives back what came of
    it (landmarks, a camera problem passed on, the error that stopped it) with :meth:`put`; :meth:`next`
    gives the results in their frames' order, so a frame tracked faster than the one before it waits for
    it. Every number taken must be put back (never as None): the results after a missing one would wait
    for ever.
    """

    def __init__(self) -> None:
        self._taking = threading.Lock()  # one taker at a time: numbers follow the order frames leave the slot
        self._taken = 0
        self._next = 0  # the number of the result :meth:`next` gives next
        self._done: dict[int, Result] = {}
        self._changed = threading.Condition()

    def take(
        self, slot: FrameSlot, timeout: float
    ) -> tuple[int, tuple[CapturedFrame, float] | CameraProblem] | None:
        """The slot's next item and its number, or None after ``timeout`` seconds without one."""
        with self._taking:
            item = slot.take(timeout)
            if item is None:
                return None
            number, self._taken = self._taken, self._taken + 1
            return number, item

    def put(self, number: int, result: Result) -> None:
        with self._changed:
            self._done[number] = result
            self._changed.notify_all()

    def next(self, timeout: float) -> Result | None:
        """The next result in order, or None when it is not there within ``timeout`` seconds."""
        with self._changed:
            if not self._changed.wait_for(lambda: self._next in self._done, timeout):
                return None
            self._next += 1
            return self._done.pop(self._next - 1)
