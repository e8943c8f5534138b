"""Background jobs as plain callables, with progress and cancel. Qt-free.

A job is a function ``job(control: JobControl) -> result``. It reports with ``control.progress(done, total,
message)``, which also raises :class:`JobCancelled` once someone asked it to stop, so a job stops at its next
progress report and whatever it finished before stays done (a database import commits clip by clip). Jobs
must not touch widgets or the :class:`~desktop_app.core.context.AppContext`'s state: whoever runs the job
hands its result to the context on the GUI thread.

The app runs jobs on a thread with :class:`desktop_app.ui.workers.Worker` (the one Qt adapter); the
self-test and the tests run them here and now with :func:`run_job`::

    count = run_job(context.missing_embeddings_job())
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable
from typing import Any, TypeVar

Result = TypeVar("Result")
ProgressCallback = Callable[[int, int, str], None]


class JobCancelled(Exception):
    """Raised inside a job by :meth:`JobControl.progress` after a cancel was asked for."""


class JobControl:
    """What a job sees of whoever runs it: a way to report progress and to learn that it should stop."""

    def __init__(self, report: ProgressCallback | None = None):
        self._report = report
        self._cancel_requested = threading.Event()

    def cancel(self) -> None:
        """Ask the job to stop at its next progress report (thread-safe, returns at once)."""
        self._cancel_requested.set()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel_requested.is_set()

    def check_cancelled(self) -> None:
        if self.cancel_requested:
            raise JobCancelled

    def report(self, done: int, total: int, message: str = "") -> None:
        """Report ``done`` of ``total`` steps (``total`` 0 = unknown). Fits signcore's ``progress`` callbacks,
        which come with their own ``cancel`` callback: pass ``lambda: control.cancel_requested``."""
        if self._report is not None:
            self._report(done, total, message)

    def progress(self, done: int, total: int, message: str = "") -> None:
        """:meth:`report`, then raise JobCancelled if a cancel was asked for."""
        self.report(done, total, message)
        self.check_cancelled()


class CallbackControl(JobControl):
    """A :class:`JobControl` over signcore's ``progress`` and ``cancel`` callbacks, for a step that takes a
    control inside code handed those (an import's re-check of its folder): it reports and stops with them."""

    def __init__(self, report: ProgressCallback | None, cancel: Callable[[], bool] | None):
        super().__init__(report)
        self._cancel = cancel

    @property
    def cancel_requested(self) -> bool:
        return super().cancel_requested or (self._cancel is not None and self._cancel())


Job = Callable[[JobControl], Any]


def run_job(job: Callable[[JobControl], Result], report: ProgressCallback | None = None) -> Result:
    """Run ``job`` on this thread (a script, the self-test, a test) and return its result."""
    return job(JobControl(report))


def lower_this_threads_priority(by: int) -> None:
    """Make the calling thread (and the threads it starts later, which inherit it) ``by`` nice levels kinder
    to the others, so that on a busy machine it gives way. Linux keeps a nice value per thread (Qt's thread
    priorities do nothing there); elsewhere this does nothing."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError):
            thread = threading.get_native_id()
            os.setpriority(os.PRIO_PROCESS, thread, os.getpriority(os.PRIO_PROCESS, thread) + by)
