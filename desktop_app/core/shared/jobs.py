"""Background jobs as plain callables, with progress and cancel. Qt-free.

A job is a function ``job(control: JobControl) -> result``. It reports with ``control.progress(done, total,
message)``, which also raises :class:`JobCancelled` once someone asked it to stop, so a job stops at its next
progress report and whatever it finished before stays done (a database import commits clip by clip). Jobs
must not touch widgets or the :class:`~desktop_app.core.app.context.AppContext`'s state: whoever runs the job
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
import time
from collections.abc import Callable
from typing import Any, TypeVar

Result = TypeVar("Result")
ProgressCallback = Callable[[int, int, str], None]

# How long, at most, switching databases waits (on the GUI thread) for the jobs using the old one to stop. A
# job stops at its next progress report (an embedding batch, a fusion step: well under a second); one that
# takes longer meets its database closed and ends as cancelled (:func:`stop_jobs_using`).
JOB_STOP_WAIT_S = 2.0


class JobCancelled(Exception):
    """Raised inside a job by :meth:`JobControl.progress` after a cancel was asked for."""


class JobControl:
    """What a job sees of whoever runs it: a way to report progress and to learn that it should stop."""

    def __init__(self, report: ProgressCallback | None = None):
        self._report = report
        self._cancel_requested = threading.Event()
        self._ended = threading.Event()  # set by whoever runs it on a thread (:func:`job_ended`)

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

# The jobs started on a thread with the database they read or write, until each ends. Whoever runs them
# (desktop_app.ui.workers.Worker) says so; the context stops them before it closes that database.
_jobs_using: dict[JobControl, object] = {}
_jobs_lock = threading.Lock()


def job_started_using(control: JobControl, database: object) -> None:
    """The job of ``control`` is starting on a thread and uses ``database`` (said before the thread starts,
    so that a switch of databases meanwhile stops it too)."""
    with _jobs_lock:
        _jobs_using[control] = database


def job_ended(control: JobControl) -> None:
    """The job of ``control``, run on a thread, has ended (by any way)."""
    with _jobs_lock:
        _jobs_using.pop(control, None)
    control._ended.set()


def stop_jobs_using(database: object, wait_s: float = JOB_STOP_WAIT_S) -> int:
    """Cancel the jobs using ``database`` and wait until they end, ``wait_s`` at most in all, before it is
    closed for another (:meth:`AppContext.set_database`, whoever switches): what they finished is kept, the
    rest done when it is opened again. Returns how many were still running: they meet their database
    closed, and a job asked to stop that fails ends as cancelled, unsaid (Worker)."""
    with _jobs_lock:
        using = [control for control, used in _jobs_using.items() if used is database]
    for control in using:
        control.cancel()
    deadline = time.monotonic() + wait_s
    return sum(not control._ended.wait(max(0.0, deadline - time.monotonic())) for control in using)


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
