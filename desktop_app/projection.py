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

    Works for any N >= 1: with fewer than three distinct points the missing axes are zero (all points on a
    line or a single point), rather than an error, because a database may hold only one or two clips.
    """
    data = np.asarray(embeddings, dtype=np.float64)
    if data.ndim != 2 or data.shape[0] == 0:
        raise ValueError(f"expected a non-empty (N, D) array of embeddings, got shape {data.shape}")
    if not np.isfinite(data).all():
        raise ValueError("embeddings contain NaN or infinite values")
    mean = data.mean(axis=0)
    centred = data - mean
    # SVD of the centred data: rows of vt are the principal axes, ordered by singular value.
    _, singular, vt = np.linalg.svd(centred, full_matrices=False)
    axes = np.zeros((2, data.shape[1]))
    n_axes = min(2, vt.shape[0])
    axes[:n_axes] = vt[:n_axes]
    variance = np.zeros(2)
    variance[:n_axes] = singular[:n_axes] ** 2
    for i in range(n_axes):
        # Sign convention: the largest-magnitude component of each axis is positive.
        if axes[i, np.argmax(np.abs(axes[i]))] < 0:
            axes[i] = -axes[i]
    total = float((singular**2).sum())
    explained = variance / total if total > 0 else np.zeros(2)
    return Projection(coords=centred @ axes.T, mean=mean, axes=axes, explained=explained)
