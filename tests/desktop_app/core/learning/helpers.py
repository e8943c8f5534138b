"""Helpers of the learning path's tests: signs with clips, a learning path with exact FSRS dates."""

from datetime import UTC, datetime

import numpy as np

from desktop_app.core.learning.review import LearningPath
from desktop_app.core.learning.scheduling import make_scheduler
from signcore.layout import N_POINTS, PoseSequence

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday morning


def clip(seed: int = 0) -> PoseSequence:
    points = np.random.default_rng(seed).normal(size=(4, N_POINTS, 3))
    return PoseSequence(points, np.ones((4, N_POINTS), bool), np.arange(4) / 30)


def add_signs(database, language: str, glosses, tags=()) -> list[int]:
    """Signs with one clip each; returns their ids in the order given."""
    ids = []
    for gloss in glosses:
        sign_id = database.add_sign(gloss, language, tags=tags)
        database.add_clip(sign_id, clip(sign_id))
        ids.append(sign_id)
    return ids


def every_exercise(_sign_id, _kind) -> bool:
    return True


def open_path(database, clock) -> LearningPath:
    """The learning path with exact FSRS dates (no fuzz)."""
    return LearningPath(database, clock, make_scheduler(fuzz=False))
