"""Switching the encoder model (and the database) while the app runs. Qt-free.

A model file is only accepted after :class:`signcore.encoder.Encoder` has loaded it and checked its inputs,
output and metadata; anything wrong raises :class:`signcore.errors.ModelError` and the current model stays.
A new model's embeddings are not in the database yet: :func:`embed_missing` computes them (run it as a
background job, see :func:`desktop_app.ui.workers.Worker`). Embeddings of other models stay cached, so
switching back is instant.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from signcore.database import SignDatabase
from signcore.encoder import Encoder
from signcore.errors import ModelError

EMBED_BATCH = 64  # clips embedded and stored per transaction: a cancel loses at most one batch


def load_encoder(path: str | Path | None) -> Encoder:
    """The validated encoder at ``path`` (None: the shipped model); raises ModelError if it is unusable."""
    if path is not None and Path(path).is_dir():
        raise ModelError(path, "this is a folder; choose an .onnx model file")
    return Encoder(path)


def open_database(path: str | Path | None) -> SignDatabase:
    """The database at ``path`` (created if new; None: the learner's default); DatabaseError if unusable."""
    from desktop_app.__main__ import open_database as open_app_database  # the app's one rule for None

    return open_app_database(path)


def describe(encoder: Encoder) -> str:
    """One line about a model for the learner: file, embedding size and the accuracies recorded at export."""
    text = f"{encoder.path.name}, {encoder.embedding_size}-dimensional embeddings"
    metrics = encoder.metrics if isinstance(encoder.metrics, dict) else {}
    accuracies = [
        f"{name} {value:.0%}" for name, value in metrics.items() if "top" in name and isinstance(value, float)
    ]
    return text + (f"; validation {', '.join(accuracies)}" if accuracies else "")


def embed_missing(
    database: SignDatabase,
    encoder: Encoder,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> int:
    """Embed every clip that has no embedding for ``encoder`` yet; returns how many were embedded.

    Batches are stored as they are done, so a cancel (checked between batches) keeps the work so far.
    """
    missing = database.clips_missing_embedding(encoder.model_hash)
    done = 0
    for start in range(0, len(missing), EMBED_BATCH):
        if cancel is not None and cancel():
            break
        if progress is not None:
            progress(start, len(missing), f"Embedding reference clips for {encoder.path.name}…")
        batch = missing[start : start + EMBED_BATCH]
        vectors = encoder.embed_many([database.clip_pose(clip_id) for clip_id in batch])
        database.store_embeddings(encoder.model_hash, batch, vectors)
        done += len(batch)
    if progress is not None:
        progress(done, len(missing), "")
    return done
