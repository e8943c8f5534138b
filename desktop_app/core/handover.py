"""The handover of frames from the capture worker's reading thread to its tracking thread. Qt-free.

The reading thread puts each frame (or a :class:`CameraProblem`) into the :class:`FrameSlot`; the tracking
thread takes it from there (see :class:`~desktop_app.ui.pipeline.PipelineWorker`).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from desktop_app.core.capture import CapturedFrame


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
