"""The one Qt adapter for background jobs: a :mod:`desktop_app.core.shared.jobs` job on its own thread,
reporting back by Qt signals (progress, and exactly one of finished / failed / cancelled).

::

    worker = Worker(context.library.export_job(folder, None))
    worker.progress.connect(bar.update)              # (done, total, message)
    worker.finished_with.connect(show_summary)       # (result)
    worker.failed.connect(show_error)                # (message for the learner)
    worker.cancelled.connect(say_cancelled)
    worker.start()

or, with a progress dialog that has a Cancel button, :func:`desktop_app.ui.progress_dialog.run_with_progress`.
Embedding what the model is missing always goes through
:func:`desktop_app.ui.background_jobs.start_embedding_missing`, choosing the gallery's fusion through
:func:`desktop_app.ui.background_jobs.start_choosing_fusion`.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from desktop_app.core.shared.jobs import (
    Job,
    JobCancelled,
    JobControl,
    job_ended,
    job_started_using,
    lower_this_threads_priority,
)
from signcore.database import SignDatabase
from signcore.errors import InputError

log = logging.getLogger(__name__)


# Running workers are kept here until they end, so that closing the widget that started one never destroys a
# QThread that is still running (which aborts the process).
_running: set[Worker] = set()
JOB_END_WAIT_MS = 30_000  # how long a closing window waits for a cancelled job to end (stop_running_workers)


class Worker(QThread):
    """One job on its own thread. Exactly one of finished / failed / cancelled is emitted at the end."""

    progress = Signal(int, int, str)
    finished_with = Signal(object)  # the job's return value
    failed = Signal(str)  # a message for the learner (InputError text, or a short description of a bug)
    cancelled = Signal()

    def __init__(
        self, job: Job, parent: QObject | None = None, niceness: int = 0, database: SignDatabase | None = None
    ):
        super().__init__(parent)
        self._job = job
        # The database it reads or writes: switching from it stops the job first
        # (core.shared.jobs.stop_jobs_using)
        self.database = database
        self._niceness = niceness  # > 0: the job gives way to the camera and the window (Linux)
        self.control = JobControl(self.progress.emit)
        # ("finished", result) / ("failed", message) / ("cancelled", None), set before the signal goes out,
        # so whoever started the job can also read how it ended after the fact.
        self.outcome: tuple[str, Any] | None = None
        self.finished.connect(self._forget)

    def start(self, *args: Any) -> None:
        _running.add(self)
        if self.database is not None:
            job_started_using(self.control, self.database)
        super().start(*args)

    def cancel(self) -> None:
        """Ask the job to stop at its next progress report (returns at once)."""
        self.control.cancel()

    def run(self) -> None:
        if self._niceness:
            lower_this_threads_priority(self._niceness)
        try:
            result = self._job(self.control)
        except JobCancelled:
            self.outcome = ("cancelled", None)
            self.cancelled.emit()
        except InputError as error:
            if self.control.cancel_requested:  # e.g. its database closed once it was asked to stop: unsaid
                self.outcome = ("cancelled", None)
                self.cancelled.emit()
            else:
                self.outcome = ("failed", str(error))
                self.failed.emit(self.outcome[1])
        except Exception as error:  # a bug: log the traceback, show the learner one line
            log.exception("background job failed")
            self.outcome = ("failed", f"Something went wrong: {type(error).__name__}: {error}")
            self.failed.emit(self.outcome[1])
        else:  # also when Cancel came after the last progress report: the work is complete anyway
            self.outcome = ("finished", result)
            self.finished_with.emit(result)
        finally:
            job_ended(self.control)

    def _forget(self) -> None:
        self.wait()  # `finished` comes from the thread just before it ends: let it end before it can be freed
        _running.discard(self)


def stop_running_workers() -> None:
    """Cancel every job still running and wait until each has ended, up to ``JOB_END_WAIT_MS`` each (the
    main window calls this when closing): no job outlives the window or uses the database after it is
    closed, and no QThread is destroyed while it runs, which aborts the process. Not waited for, a job
    took its chance of both: the gallery's fusion job runs at FUSION_NICENESS, and on a busy machine it may
    take seconds to get to its next progress report, where it stops."""
    for worker in list(_running):
        worker.cancel()
    for worker in list(_running):
        # Bounded: a job with no cancel point (the camera dialog's probe, a camera driver stuck in a read)
        # would hold the closing window forever; after this long, ending with it running is the lesser harm
        if not worker.wait(JOB_END_WAIT_MS):
            log.warning(
                "a background job did not end within %d s of the window closing", JOB_END_WAIT_MS // 1000
            )
