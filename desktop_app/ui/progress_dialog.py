"""A job the learner watches in a progress dialog with Cancel, and the ones still running, which closing the
window asks about first (MainWindow.closeEvent)."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop_app.core.shared.jobs import Job
from desktop_app.ui.workers import Worker

# The jobs the learner started and watches with a progress dialog (run_with_progress, the embedding's), until
# they end: closing the window stops them, so it asks first (MainWindow.closeEvent).
_watched: dict[Worker, WatchedJob] = {}


class WatchedJob(NamedTuple):
    """A job the learner watches, as the close question names it: its progress dialog's title, and what
    stopping it leaves, in words that follow "it stops and" ("no file is written")."""

    title: str
    stopped: str


def run_with_progress(parent: QWidget | None, title: str, job: Job, stopped: str) -> Worker:
    """Start ``job`` with a progress dialog whose Cancel button stops it. Connect to the returned
    worker's ``finished_with`` / ``failed`` / ``cancelled`` signals to react to the outcome. ``stopped``: what
    stopping it leaves (:class:`WatchedJob`), as closing the window asks: each job's own words (a stopped
    export of the learner's data leaves no file)."""
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
