"""Distil DTW's notion of similarity into the encoder, from thousands of distinct signs.

The triplet loss only sees a few dozen labelled signs, so the encoder learns what separates THOSE signs and
memorises them. The non-learned DTW baseline (:mod:`signcore.dtw`) has no such bias: it compares where the
hands are and what shape they make, aligned in time, for any pair of signs. DGS ``2D_unknown`` holds 3,012
one-clip words: too few clips per word for a triplet, but every pair of them carries a DTW distance.

So a fixed set of training clips (``2D_unknown`` words plus clips of the trained DGS words, never a
validation, zero-shot or test clip: they come from the training set only) gets its DTW distance matrix
computed once and cached. Each training step draws a batch of those clips (augmented like any other) and
asks, per anchor clip, that the encoder RANK the others like DTW does: a softmax over the negated distances
to every other clip in the batch, once from DTW (teacher) and once from the embeddings (student), and the
loss is the KL divergence teacher -> student (:func:`trainer.losses.rank_distillation_loss`). Only the
ordering and the relative gaps matter, not DTW's units, so the embedding keeps its own scale (unit vectors,
distances in [0, 2]). This module chooses the target clips and computes (and caches) their DTW matrix.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import numpy as np
import torch
from tqdm import tqdm

from signcore import dtw
from signcore.errors import InputError
from signcore.files import write_bytes_atomically
from signcore.layout import PoseSequence
from trainer.augment import AugmentConfig, augment
from trainer.data import Dataset

_FIXED_CHOICE_SEED = 0


def choose_distill_clips(
    data: Dataset, n_unknown: int, per_word: int, rng: np.random.Generator
) -> np.ndarray:
    """Indices into the TRAINING set ``data``: ``n_unknown`` one-clip ``2D_unknown`` words and up to
    ``per_word`` clips of every trained DGS word (so the targets also know how much one sign varies)."""
    labels = np.asarray(data.labels)
    source_of_clip = np.asarray(data.class_source)[labels]
    chosen = []
    unknown = np.flatnonzero(source_of_clip == "dgs_unknown")
    if len(unknown):
        chosen.append(rng.choice(unknown, size=min(n_unknown, len(unknown)), replace=False))
    for label in np.unique(labels[source_of_clip == "dgs"]):
        members = np.flatnonzero(labels == label)
        chosen.append(rng.choice(members, size=min(per_word, len(members)), replace=False))
    return np.sort(np.concatenate(chosen)) if chosen else np.zeros(0, int)


def dtw_matrix_cached(clips: list[PoseSequence], cache_dir: Path) -> np.ndarray:
    """The symmetric DTW distance matrix of ``clips``, read from ``cache_dir`` when these exact clips (and
    DTW settings) were computed before; computing takes ~20 s for 1,000 clips, minutes for 3,000."""
    key = hashlib.sha256(dtw.settings_fingerprint().encode())
    for clip in clips:
        key.update(np.ascontiguousarray(clip.points, np.float32).tobytes())
        key.update(np.ascontiguousarray(clip.mask).tobytes())
    path = Path(cache_dir) / f"dtw_{len(clips)}_{key.hexdigest()[:16]}.npy"
    if path.is_file():
        return np.load(path)
    with tqdm(total=len(clips), desc="DTW distillation targets", unit="clip") as bar:

        def progress(done: int, total: int) -> None:
            bar.update(done - bar.n)

        matrix = dtw.dtw_distance_matrix(clips, progress=progress).astype(np.float32)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    np.save(buffer, matrix)
    write_bytes_atomically(path, buffer.getvalue())
    return matrix


class DistillSet:
    """The target clips with their DTW matrix; draws augmented batches with the matching block of it."""

    def __init__(self, data: Dataset, n_unknown: int, per_word: int, cache_dir: Path):
        # A fixed choice (its own seed), so every run and replica shares one cached matrix.
        chosen = choose_distill_clips(data, n_unknown, per_word, np.random.default_rng(_FIXED_CHOICE_SEED))
        if len(chosen) < 2:
            raise InputError(
                None, "DTW distillation needs the dgs or dgs_unknown source (or distill weight 0)"
            )
        self.clips = [data.clips[i] for i in chosen]
        self.distances = torch.from_numpy(dtw_matrix_cached(self.clips, cache_dir))

    def batch(
        self, size: int, augment_config: AugmentConfig, rng: np.random.Generator
    ) -> tuple[list[PoseSequence], torch.Tensor]:
        """``size`` distinct clips, freshly augmented, and their (size, size) DTW distances (of the clips as
        recorded: augmentations are what the encoder should ignore)."""
        picked = rng.choice(len(self.clips), size=min(size, len(self.clips)), replace=False)
        poses = [augment(self.clips[i], augment_config, rng) for i in picked]
        chosen = torch.from_numpy(picked)
        return poses, self.distances[chosen][:, chosen]
