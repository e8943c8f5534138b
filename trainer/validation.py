"""Checkpoint selection: how well the held-out classes (never trained on) are told apart.

Every ``eval_every`` steps the model embeds the validation set and scores top-1 over distinct classes of the
held-out classes against themselves plus the seen classes (:class:`trainer.data.Dataset`'s ``is_query``).
"""

from __future__ import annotations

import numpy as np
import torch

from signcore.layout import PoseSequence
from signcore.retrieval import clip_to_gloss_distances, pairwise_distances, top_k_accuracy
from trainer.data import Dataset, to_tensors
from trainer.model import PoseEncoder


@torch.no_grad()
def embed_clips(model: PoseEncoder, clips: list[PoseSequence], batch_size: int = 64) -> np.ndarray:
    model.eval()
    order = sorted(range(len(clips)), key=lambda i: len(clips[i]))
    out = np.zeros((len(clips), model.config.embedding_size), np.float32)
    for start in range(0, len(order), batch_size):
        chosen = order[start : start + batch_size]
        out[chosen] = model(*to_tensors([clips[i] for i in chosen])).numpy()
    return out


def held_out_top1(embeddings: np.ndarray, glosses: np.ndarray, is_query: np.ndarray) -> float:
    """Each query clip against every other clip (queries and distractors): is its nearest distinct gloss
    its own?"""
    distances = pairwise_distances(embeddings[is_query], embeddings)
    distances[np.arange(is_query.sum()), np.flatnonzero(is_query)] = np.inf  # not itself
    names, gloss_distances = clip_to_gloss_distances(distances, list(glosses))
    return top_k_accuracy(gloss_distances, names, list(glosses[is_query]), 1)


def validate(model: PoseEncoder, validation: Dataset) -> dict[str, float]:
    """Per source, top-1 of the held-out classes among all classes (``val_top1_SOURCE``), and the mean."""
    embeddings = embed_clips(model, validation.clips)
    names = np.array(validation.class_names)[validation.labels]
    sources = np.array(validation.class_source)[validation.labels]
    is_query = np.array(validation.is_query)
    scores = {}
    for source in sorted(set(sources)):
        chosen = sources == source
        scores[f"val_top1_{source}"] = held_out_top1(embeddings[chosen], names[chosen], is_query[chosen])
    scores["val_top1"] = float(np.mean(list(scores.values())))
    return scores
