"""The one Qt adapter for background jobs: a :mod:`desktop_app.core.jobs` job on its own thread, reporting
back by Qt signals (progress, and exactly one of finished / failed / cancelled).

::

    worker = Worker(context.library.export_job(folder, None))
    worker.progress.connect(bar.update)              # (done, total, message)
    worker.finished_with.connect(show_summary)       # (result)
    worker.failed.connect(show_error)                # (message for the learner)
    worker.cancelled.connect(say_cancelled)
    worker.start()

or, with a progress dialog that has a Cancel button, :func:`run_with_progress`. Embedding what the
model is missing always goes through :func:`start_embedding_missing`, choosing the gallery's fusion
through :func:`start_choosing_fusion`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, NamedTuple

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop_app.core.context import AppContext
from desktop_app.core.events import EventEmitter
from desktop_app.core.jobs import (
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
# The jobs the learner started and watches with a progress dialog (run_with_progress, the embedding's), until
# they end: closing the window stops them, so it asks first (MainWindow.closeEvent).
_watched: dict[Worker, WatchedJob] = {}
# Nice levels of the job choosing the gallery's fusion: below the camera pipeline's
# (desktop_app.ui.pipeline.PIPELINE_NICENESS), which is below the window's.
FUSION_NICENESS = 10
# The gallery whose fusion is being chosen, and the worker choosing it (one at a time).
_choosing: tuple[object, Worker] | None = None


class WatchedJob(NamedTuple):
    """A job the learner watches, as the close question names it: its progress dialog's title, and what
    stopping it leaves, in words that follow "it stops and" ("no file is written")."""

    title: str
    stopped: str


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
        # The database it reads or writes: switching from it stops the job first (core.jobs.stop_jobs_using)
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


def run_with_progress(parent: QWidget | None, title: str, job: Job, stopped: str) -> Worker:
    """Start ``job`` with a progress dialog whose Cancel button stops it. Connect to the returned
    worker's ``finished_with`` / ``failed`` / ``cancelled`` signals to react to the outcome. ``stopped``: what
    stopping it leaves (:class:`WatchedJob`), as closing the window asks: "what it has finished is kept"
    was said of every job, and a stopped export of the learner's data leaves no file."""
    worker = Worker(job)
    show_progress_dialog(parent, title, worker, stopped)
    worker.start()
    return worker


def unfinished_watched_jobs() -> list[WatchedJob]:
    """The jobs shown with a progress dialog that are running: one whose end was not handed to the GUI
    thread yet (its ``finished`` is queued) is over all the same, and closing must not ask about it."""
    return [job for worker, job in _watched.items() if worker.isRunning()]


def show_progress_dialog(parent: QWidget | None, title: str, worker: Worker, stopped: str) -> None:
    """A progress dialog, with Cancel, for ``worker`` (not started yet); it closes when the job ends. Not
    modal: the window stays usable behind it (closing it asks first, saying what stopping leaves:
    ``stopped``, MainWindow.closeEvent)."""
    _watched[worker] = WatchedJob(title, stopped)
    worker.finished.connect(lambda: _watched.pop(worker, None))
    dialog = QProgressDialog(title, "Cancel", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setMinimumDuration(300)  # quick jobs finish without a dialog flashing up
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(420)

    def show_progress(done: int, total: int, message: str) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total > 0 else 0)
        if message:
            dialog.setLabelText(message)

    def on_cancel() -> None:
        dialog.setLabelText("Stopping after the current item…")
        worker.cancel()

    def close_dialog() -> None:
        dialog.canceled.disconnect(on_cancel)  # closing a QProgressDialog emits canceled
        dialog.close()
        dialog.deleteLater()

    worker.progress.connect(show_progress)
    dialog.canceled.connect(on_cancel)
    worker.finished.connect(close_dialog)


def connect_while_alive(widget: QObject, emitter: EventEmitter, callback: Callable[..., Any]) -> None:
    """Subscribe ``callback`` to a Qt-free event for as long as ``widget`` exists.

    The context outlives its pages and dialogs, so a widget must unsubscribe when it is destroyed.
    """
    emitter.connect(callback)
    close_with(widget, lambda: emitter.disconnect(callback))


def close_with(widget: QObject, close: Callable[[], object]) -> None:
    """Call ``close`` once ``widget`` is destroyed (e.g. a Qt-free model of the widget unsubscribing from
    the context's events). ``close`` must not be a method of the widget itself: PySide no longer calls a
    dying object's own slots from its ``destroyed`` signal."""
    widget.destroyed.connect(lambda *_args: close())


PREPARING_THE_MODEL = "Preparing the sign model"  # the embedding's progress dialog
# What stopping it leaves (the app prepares what is missing as it opens: MainWindow.embed_missing_clips)
PREPARED_ARE_KEPT = "the clips prepared so far are kept; the rest are prepared the next time you open the app"


def start_embedding_missing(
    context: AppContext,
    dialog_parent: QWidget | None = None,
    on_progress: Callable[[int, int, str], object] | None = None,
    on_failed: Callable[[str], object] | None = None,
    on_finished: Callable[[int], object] | None = None,
) -> Worker | None:
    """Embed, in the background, the reference clips the current model has no embedding for; the context
    knows they are being prepared while it runs (:attr:`AppContext.preparing`) and re-reads its gallery when
    the job ends, also after a cancel (what was embedded stays). With ``dialog_parent``, a progress dialog
    with Cancel shows it. The callbacks are connected before a new job starts, so none can be missed, or to
    the job already running (``on_finished`` gets how many clips were embedded). Returns the worker, the one
    already running (asking again while one runs is a no-op), or None when there is nothing to embed."""
    running = context.preparing_run_by()
    assert running is None or isinstance(running, Worker)  # the context holds only the workers started here
    worker = running
    if worker is None:
        job = context.missing_embeddings_job()
        if job is None:
            return None
        worker = Worker(job, database=context.database)
        if dialog_parent is not None:
            show_progress_dialog(dialog_parent, PREPARING_THE_MODEL, worker, PREPARED_ARE_KEPT)
    if on_progress is not None:
        worker.progress.connect(on_progress)
    if on_failed is not None:
        worker.failed.connect(on_failed)
    if on_finished is not None:
        worker.finished_with.connect(on_finished)
    if running is None:
        started = worker
        ended = context.preparing_started(started)
        worker.finished.connect(lambda: ended(started.outcome is not None and started.outcome[0] != "failed"))
        worker.start()
    return worker


def start_choosing_fusion(context: AppContext) -> Worker | None:
    """Choose the current gallery's fusion in the background, kinder than the camera pipeline so that
    tracking and scoring keep their cores (:meth:`AppContext.fusion_job`). Returns the worker
    (the one already running for this gallery; one still running for a replaced gallery is cancelled), or
    None when there is nothing to choose. A failure only leaves the default fusion: it is logged, the
    learner is not bothered."""
    global _choosing
    job = context.fusion_job()
    if job is None:
        return None
    if _choosing is not None and _choosing[1].isRunning():
        if _choosing[0] is context.gallery():
            return _choosing[1]  # asked again for the same gallery: one job
        _choosing[1].cancel()  # its gallery was replaced, so its choice would be dropped anyway
    worker = Worker(job, niceness=FUSION_NICENESS, database=context.database)
    worker.finished_with.connect(context.use_fusion)
    worker.failed.connect(lambda message: log.warning("the fusion was not chosen: %s", message))
    _choosing = (context.gallery(), worker)
    worker.start()
    return worker
