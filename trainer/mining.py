"""Training batches and how they are made hard.

* ``mining="pk"``: P classes x K clips (:class:`trainer.data.ClassBalancedSampler`), each freshly augmented;
  the loss itself mines inside the batch (:mod:`trainer.losses`).
* ``mining="grouped"``: upstream spoter-embeddings' idea. Draw M batches at once (a pre-batch), embed them,
  regroup their classes into M new batches of classes that lie close together (with all of each class's
  clips, the far ones too), and train on those batches ``group_repeats`` times.
"""

from __future__ import annotations

import math

import numpy as np

from signcore.layout import PoseSequence
from signcore.retrieval import pairwise_distances
from trainer.augment import augment
from trainer.config import TrainConfig
from trainer.data import ClassBalancedSampler, Dataset
from trainer.model import PoseEncoder
from trainer.validation import embed_clips

Batch = tuple[list[PoseSequence], np.ndarray]  # augmented clips and their integer labels


def group_hard_batches(
    embeddings: np.ndarray, labels: np.ndarray, n_batches: int, rng: np.random.Generator
) -> list[np.ndarray]:
    """Regroup a pre-batch into ``n_batches`` batches of whole classes that lie close together.

    A batch starts from a random class and grows by the class whose nearest clip is nearest to the batch's
    clips (hard negatives), always taking all of a class's clips (so its far-apart positives come along)."""
    distances = pairwise_distances(embeddings, embeddings)
    classes = list(np.unique(labels))
    members = {c: np.flatnonzero(labels == c) for c in classes}
    class_distance = np.array(
        [[distances[np.ix_(members[a], members[b])].min() for b in classes] for a in classes]
    )
    target = math.ceil(len(labels) / n_batches)
    remaining = set(range(len(classes)))
    batches = []
    while remaining:
        batch = [int(rng.choice(sorted(remaining)))]
        remaining.discard(batch[0])
        size = len(members[classes[batch[0]]])
        while remaining and size < target:
            candidates = sorted(remaining)
            nearest = candidates[int(class_distance[np.ix_(batch, candidates)].min(0).argmin())]
            batch.append(nearest)
            remaining.discard(nearest)
            size += len(members[classes[nearest]])
        batches.append(np.concatenate([members[classes[c]] for c in batch]))
    return batches


class BatchStream:
    """Endless training batches (clip poses + integer labels) by the configured mining."""

    def __init__(self, data: Dataset, config: TrainConfig, rng: np.random.Generator):
        self.data, self.config, self.rng = data, config, rng
        self.sampler = ClassBalancedSampler(
            data, config.classes_per_batch, config.clips_per_class, config.source_weights
        )
        self.queue: list[Batch] = []

    def _augmented(self, indices: np.ndarray) -> Batch:
        poses = [augment(self.data.clips[i], self.config.augment, self.rng) for i in indices]
        return poses, np.asarray(self.data.labels)[indices]

    def next(self, model: PoseEncoder) -> Batch:
        if self.config.mining == "pk":
            return self._augmented(self.sampler.batch(self.rng))
        if not self.queue:
            count = self.config.group_prebatches
            poses, labels = self._augmented(
                np.concatenate([self.sampler.batch(self.rng) for _ in range(count)])
            )
            embeddings = embed_clips(model, poses)
            model.train()
            groups = group_hard_batches(embeddings, labels, count, self.rng)
            batches = [([poses[i] for i in g], labels[g]) for g in groups]
            self.queue = [b for _ in range(self.config.group_repeats) for b in batches]
        return self.queue.pop(0)
