"""Run long, Qt-free jobs off the GUI thread, with progress and cancel, reporting back by Qt signals.

A job is a plain function ``job(control: JobControl) -> result``. It reports with ``control.progress(done,
total, message)``, which also raises :class:`JobCancelled` once the user has pressed Cancel, so a job stops at
its next progress report and whatever it finished before stays done (a database import commits clip by clip).
Jobs must not touch widgets or the :class:`~desktop_app.core.context.AppContext`: the GUI thread does that
when ``finished`` arrives.

::

    worker = Worker(import_files)                    # import_files(control) -> summary
    worker.progress.connect(bar.update)              # (done, total, message)
    worker.finished.connect(show_summary)            # (result)
    worker.failed.connect(show_error)                # (message for the learner)
    worker.cancelled.connect(say_cancelled)
    worker.start()

or, with a modal progress dialog that has a Cancel button, :func:`run_with_progress`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop_app.core.events import EventEmitter
from desktop_app.core.models_switch import embed_missing
from signcore.errors import InputError

log = logging.getLogger(__name__)


class JobCancelled(Exception):
    """Raised inside a job by :meth:`JobControl.progress` after the user asked to cancel."""


class JobControl:
    """What a job sees of its worker: a way to report progress and to learn that it should stop."""

    def __init__(self, report: Callable[[int, int, str], None] | None = None):
        self._report = report
        self._cancel_requested = threading.Event()

    def cancel(self) -> None:
        self._cancel_requested.set()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel_requested.is_set()

    def check_cancelled(self) -> None:
        if self._cancel_requested.is_set():
            raise JobCancelled

    def report(self, done: int, total: int, message: str = "") -> None:
        """Report ``done`` of ``total`` steps (``total`` 0 = unknown). Fits signcore's ``progress`` callbacks,
        which come with their own ``cancel`` callback: pass ``lambda: control.cancel_requested``."""
        if self._report is not None:
            self._report(done, total, message)

    def progress(self, done: int, total: int, message: str = "") -> None:
        """:meth:`report`, then raise JobCancelled if the user has cancelled."""
        self.report(done, total, message)
        self.check_cancelled()


# Running workers are kept here until they end, so that closing the widget that started one never destroys a
# QThread that is still running (which aborts the process).
_running: set[Worker] = set()


class Worker(QThread):
    """One job on its own thread. Exactly one of finished / failed / cancelled is emitted at the end."""

    progress = Signal(int, int, str)
    finished_with = Signal(object)  # the job's return value
    failed = Signal(str)  # a message for the learner (InputError text, or a short description of a bug)
    cancelled = Signal()

    def __init__(self, job: Callable[[JobControl], Any], parent=None):
        super().__init__(parent)
        self._job = job
        self.control = JobControl(self.progress.emit)
        # ("finished", result) / ("failed", message) / ("cancelled", None), set before the signal goes out,
        # so whoever started the job can also read how it ended after the fact.
        self.outcome: tuple[str, Any] | None = None
        self.finished.connect(self._forget)

    def start(self, *args) -> None:
        _running.add(self)
        super().start(*args)

    def cancel(self) -> None:
        """Ask the job to stop at its next progress report (returns at once)."""
        self.control.cancel()

    def run(self) -> None:
        try:
            result = self._job(self.control)
        except JobCancelled:
            self.outcome = ("cancelled", None)
            self.cancelled.emit()
        except InputError as error:
            self.outcome = ("failed", str(error))
            self.failed.emit(self.outcome[1])
        except Exception as error:  # a bug: log the traceback, show the learner one line
            log.exception("background job failed")
            self.outcome = ("failed", f"Something went wrong: {type(error).__name__}: {error}")
            self.failed.emit(self.outcome[1])
        else:  # also when Cancel came after the last progress report: the work is complete anyway
            self.outcome = ("finished", result)
            self.finished_with.emit(result)

    def _forget(self) -> None:
        _running.discard(self)


def embedding_job(database, model) -> Callable[[JobControl], int] | None:
    """A job that embeds the clips with no embedding for ``model`` yet (an encoder, or anything with its
    ``path``, ``model_hash`` and ``embed_many``) and returns how many it embedded; None when every clip
    already has one. Cancelling keeps the batches stored so far."""
    if not database.clips_missing_embedding(model.model_hash):
        return None
    return lambda control: embed_missing(
        database, model, progress=control.report, cancel=lambda: control.cancel_requested
    )


def run_with_progress(parent: QWidget | None, title: str, job: Callable[[JobControl], Any]) -> Worker:
    """Start ``job`` with a modal progress dialog whose Cancel button stops it. Connect to the returned
    worker's ``finished_with`` / ``failed`` / ``cancelled`` signals to react to the outcome."""
    dialog = QProgressDialog(title, "Cancel", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setMinimumDuration(300)  # quick jobs finish without a dialog flashing up
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(420)
    worker = Worker(job)

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
    worker.start()
    return worker


def connect_while_alive(widget: QObject, emitter: EventEmitter, callback: Callable[..., Any]) -> None:
    """Subscribe ``callback`` to a Qt-free event for as long as ``widget`` exists.

    The context outlives its pages and dialogs, so a widget must unsubscribe when it is destroyed. This
    cannot be a method of the widget itself: PySide no longer calls a dying object's own slots from its
    ``destroyed`` signal, so the unsubscribing function must not belong to it.
    """
    emitter.connect(callback)
    widget.destroyed.connect(lambda *_args: emitter.disconnect(callback))
