"""Switching the encoder model (and the database) while the app runs. Qt-free.

A model file is only accepted after :class:`signcore.encoder.Encoder` has loaded it and checked its inputs,
output and metadata; anything wrong raises :class:`signcore.errors.ModelError` and the current model stays.
A new model's embeddings are not in the database yet: :func:`missing_embeddings_job` is the one job that
computes them (the app runs it in the background, see :meth:`desktop_app.core.context.AppContext.
missing_embeddings_job`). Embeddings of other models stay cached, so switching back is instant.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from pathlib import Path

from desktop_app.core.jobs import Job, JobControl
from desktop_app.core.learning.store import check_learning_records
from signcore.database import DamagedLandmarksError, DatabaseError, SignDatabase, is_shipped_database
from signcore.encoder import Encoder
from signcore.errors import ModelError

log = logging.getLogger(__name__)

EMBED_BATCH = 64  # clips embedded and stored per transaction: a cancel loses at most one batch


def load_encoder(path: str | Path | None) -> Encoder:
    """The validated encoder at ``path`` (None: the shipped model); raises ModelError if it is unusable."""
    if path is not None and Path(path).is_dir():
        raise ModelError(path, "this is a folder; choose an .onnx model file")
    return Encoder(path)


def open_database(path: str | Path | None, learning: bool = True) -> SignDatabase:
    """The database at ``path`` (created if new; None: the learner's default); DatabaseError if unusable,
    its learning records too unless ``learning`` is False (for what never reads them, such as scoring a
    file). The shipped starter database is never written (it belongs to the installation, and practising would
    change it): named, it opens the learner's default database, which starts as a copy of it."""
    if path and is_shipped_database(path):
        log.info("%s is the starter database, which is never changed: opening your own copy of it", path)
        path = None
    database = SignDatabase(path) if path else SignDatabase.open_default()
    try:  # now, not when a page first shows the learning path (which took the window down)
        if learning:
            check_learning_records(database)
    except DatabaseError:
        database.close()
        raise
    return database


# What the trainer's source names in a model's ``training_data`` mean, for the learner.
SOURCE_NAMES = {
    "dgs": "German Sign Language (DGS)",
    "dgs_unknown": "further DGS",
    "traduttore": "American Sign Language (ASL)",
}


NO_MODEL = "No usable model is loaded: practice scores and search are off until you choose one."


def current_model(encoder: Encoder | None) -> str:
    """The settings' words about the model in use (or its absence)."""
    return NO_MODEL if encoder is None else f"Current: {describe(encoder)}"


def describe(encoder: Encoder) -> str:
    """A few sentences about a model for the learner: its file and date, what it was trained on, and how
    often it recognised signs it had never seen (no metric names)."""
    modified = time.strftime("%d %B %Y", time.localtime(encoder.path.stat().st_mtime))
    date = encoder.metadata.get("exported_at") or modified
    text = f"{encoder.path.name}, a sign model dated {date}."
    training = str(encoder.metadata.get("training_data", ""))
    trained_on = [
        f"{int(classes):,} {SOURCE_NAMES.get(source, source)} signs"
        + (" (one clip each)" if classes == clips else f" ({int(clips):,} clips)")
        for source, classes, clips in re.findall(r"(\w+): (\d+) classes, (\d+) clips", training.split(".")[0])
    ]
    if trained_on:
        text += " Trained on " + ", ".join(trained_on) + "."
    elif training:
        text += f" Trained on: {training}."
    metrics = encoder.metrics if isinstance(encoder.metrics, dict) else {}
    held_out = [
        f"{value:.0%} of {SOURCE_NAMES.get(name.removeprefix('val_top1_'), name)} clips"
        for name, value in metrics.items()
        if name.startswith("val_top1_") and isinstance(value, float)
    ]
    if held_out:
        text += (
            " On signs kept out of its training it named the right sign first for "
            + " and ".join(held_out)
            + "."
        )
    return text


def embed_missing(
    database: SignDatabase,
    encoder: Encoder,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> int:
    """Embed every clip that has no embedding for ``encoder`` yet; returns how many were embedded.

    Batches are stored as they are done, so a cancel (checked between batches) keeps the work so far. A clip
    whose landmarks do not decode is left without one (and so out of the gallery), with a warning in the log:
    one damaged clip must not keep every other sign from being practised.
    """
    missing = database.clips_missing_embedding(encoder.model_hash)
    done = 0
    for start in range(0, len(missing), EMBED_BATCH):
        if cancel is not None and cancel():
            break
        if progress is not None:
            progress(start, len(missing), "Preparing reference clips for the sign model…")
        batch, poses = [], []
        for clip_id in missing[start : start + EMBED_BATCH]:
            try:
                poses.append(database.clip_pose(clip_id))
                batch.append(clip_id)
            except DamagedLandmarksError as error:
                log.warning("left out of practice and search: %s", error)
        if batch:
            database.store_embeddings(encoder.model_hash, batch, encoder.embed_many(poses))
        done += len(batch)
    if progress is not None:
        progress(done, len(missing), "")
    return done


def missing_embeddings_job(database: SignDatabase, encoder: Encoder) -> Job | None:
    """A job that embeds the clips with no embedding for ``encoder`` yet and returns how many it embedded;
    None when every clip already has one. Cancelling keeps the batches stored so far."""
    if not database.clips_missing_embedding(encoder.model_hash):
        return None

    def job(control: JobControl) -> int:
        return embed_missing(
            database, encoder, progress=control.report, cancel=lambda: control.cancel_requested
        )

    return job
