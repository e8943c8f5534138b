"""Switching the encoder model (and the database) while the app runs. Qt-free.

A model file is only accepted after :class:`signcore.encoder.Encoder` has loaded it and checked its inputs,
output and metadata; anything wrong raises :class:`signcore.errors.ModelError` and the current model stays.
A new model's embeddings are not in the database yet: :func:`missing_embeddings_job` is the one job that
computes them (the app runs it in the background, see :meth:`desktop_app.core.app.context.AppContext.
missing_embeddings_job`). Embeddings of other models stay cached, so switching back is instant.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path

from desktop_app.core.learning.store import check_learning_records
from desktop_app.core.shared.jobs import Job, JobControl
from signcore.database import DamagedLandmarksError, DatabaseError, SignDatabase, is_shipped_database
from signcore.encoder import Encoder, default_model_path
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


NEW_DATABASE_NOTE = (
    "No file has this name yet: OK starts a new, empty sign database there, without the starter signs."
)


def database_note(path: str | None) -> str:
    """What choosing the sign database at ``path`` (None: the learner's default) does, said before OK when it
    is not just opened: a name no file has yet starts a new, empty database, without the starter signs.
    Typed in Settings, one was made silently; only Home said so afterwards."""
    if not path or is_shipped_database(path) or Path(path).exists():
        return ""
    return NEW_DATABASE_NOTE


# The sign language of each of the trainer's sources in a model's ``training_data``, for the learner.
SOURCE_LANGUAGES = {
    "dgs": "German Sign Language (DGS)",
    "dgs_unknown": "German Sign Language (DGS)",
    "traduttore": "American Sign Language (ASL)",
}
# How much of the signs kept out of its training a model recognised, in words (at least this share: these
# words): the learner is told what to expect, not the measurement.
RECOGNISED_WORDS = ((0.95, "nearly all"), (0.75, "most"), (0.5, "more than half"), (0.0, "some"))


NO_MODEL = "No usable model is loaded: practice scores and search are off until you choose one."
SHIPPED_MODEL = "the sign model that comes with the app"  # not its file's name: the learner never chose it


def current_model(encoder: Encoder | None) -> str:
    """The settings' words about the model in use (or its absence)."""
    return NO_MODEL if encoder is None else f"In use: {describe(encoder)}"


def describe(encoder: Encoder) -> str:
    """A few sentences about a model for the learner: its file, the sign languages it learnt and how well it
    recognised signs it had not learnt, in words (no counts of signs and clips, no percentages: the settings
    said "3,012 further DGS signs (one clip each)… named the right sign first for 97%"). No date: a model
    holds none, and its file's was when it was copied (the shipped one's "dated" the day of installing)."""
    shipped = encoder.path.resolve() == default_model_path().resolve()
    text = f"{SHIPPED_MODEL}." if shipped else f"{encoder.path.name}, a sign model."
    training = str(encoder.metadata.get("training_data", ""))
    sources = re.findall(r"(\w+): \d+ classes", training.split(".")[0])
    languages = list(dict.fromkeys(SOURCE_LANGUAGES.get(source, source) for source in sources))
    if languages:
        text += f" It learnt from clips of {' and '.join(languages)}."
    metrics = encoder.metrics if isinstance(encoder.metrics, dict) else {}
    held_out = [
        value for name, value in metrics.items() if name.startswith("val_top1_") and isinstance(value, float)
    ]
    if held_out:
        words = next(words for share, words in RECOGNISED_WORDS if min(held_out) >= share)
        text += f" Tried on signs it had not learnt, it recognised {words} of them."
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
