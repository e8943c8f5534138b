"""The training losses: triplet losses over a P x K batch, and DTW rank distillation (:mod:`trainer.distill`).

* ``batch_hard``: per anchor, the farthest positive and the nearest negative (mining inside the batch);
* ``batch_all``: every valid triplet that violates the margin, averaged over those that do;
* rank distillation: per anchor, KL(teacher || student) of the softmax over its distances to the other clips,
  the teacher being DTW, the student the embedding.
"""

from __future__ import annotations

import math

import torch
from torch.nn import functional as F


def embedding_distances(embeddings: torch.Tensor) -> torch.Tensor:
    """(N, N) Euclidean distances with a gradient that stays finite at 0 (a clip and itself)."""
    squared = embeddings.pow(2).sum(1)
    squared = (squared[:, None] + squared[None, :] - 2 * embeddings @ embeddings.T).clamp_min(0)
    return (squared + 1e-12).sqrt()


def triplet_loss(embeddings: torch.Tensor, labels: torch.Tensor, margin: float, kind: str) -> torch.Tensor:
    distances = embedding_distances(embeddings)
    same = labels[:, None] == labels[None, :]
    positive = same & ~torch.eye(len(labels), dtype=torch.bool, device=labels.device)
    negative = ~same
    if kind == "batch_hard":
        hardest_positive = (distances * positive).max(1).values
        hardest_negative = distances.masked_fill(~negative, math.inf).min(1).values
        anchors = positive.any(1) & negative.any(1)
        return F.relu(hardest_positive - hardest_negative + margin)[anchors].mean()
    if kind == "batch_all":
        violation = distances[:, :, None] - distances[:, None, :] + margin  # (anchor, positive, negative)
        valid = positive[:, :, None] & negative[:, None, :]
        losses = F.relu(violation) * valid
        return losses.sum() / (losses > 1e-9).sum().clamp_min(1)
    raise ValueError(f"unknown triplet loss {kind!r}")


def rank_distillation_loss(
    embedding_distances: torch.Tensor,
    teacher_distances: torch.Tensor,
    student_temperature: float,
    teacher_temperature: float,
) -> torch.Tensor:
    """KL(teacher || student) of each anchor's softmax over its distances to the other clips, averaged.

    ``teacher_distances`` are divided by their median off the diagonal first, so ``teacher_temperature`` is
    in units of a typical DTW distance whatever the features' scale. A clip is never its own neighbour.
    """
    n = len(embedding_distances)
    itself = torch.eye(n, dtype=torch.bool, device=embedding_distances.device)
    teacher = teacher_distances / teacher_distances[~itself].median().clamp_min(1e-9)
    teacher_logits = (-teacher / teacher_temperature).masked_fill(itself, -torch.inf)
    student_logits = (-embedding_distances / student_temperature).masked_fill(itself, -torch.inf)
    teacher_probabilities = F.softmax(teacher_logits, dim=1)
    log_student = F.log_softmax(student_logits, dim=1)
    log_teacher = F.log_softmax(teacher_logits, dim=1)
    # masked entries have probability 0 on both sides; zero them explicitly (0 * -inf would be nan)
    terms = (teacher_probabilities * (log_teacher - log_student)).masked_fill(itself, 0.0)
    return terms.sum(1).mean()
