"""The model's own background jobs, one at a time each: embedding the clips the current model lacks
(start_embedding_missing), choosing the gallery's fusion (start_choosing_fusion)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from desktop_app.core.app.context import AppContext
from desktop_app.ui.progress_dialog import show_progress_dialog
from desktop_app.ui.workers import Worker

log = logging.getLogger(__name__)

# The nice level of the job choosing the gallery's fusion (and of the record window's clip check): below the
# camera pipeline's (desktop_app.ui.pipeline.PIPELINE_NICENESS), which is below the window's.
FUSION_NICENESS = 10
# The gallery whose fusion is being chosen, and the worker choosing it (one at a time).
_choosing: tuple[object, Worker] | None = None

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
