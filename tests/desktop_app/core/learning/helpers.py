"""Helpers of the learning path's tests: signs with clips, a learning path with exact FSRS dates."""

from datetime import UTC, datetime

import numpy as np
from fsrs import Rating

from desktop_app.core.learning.review import LearningPath
from desktop_app.core.learning.scheduling import make_scheduler
from desktop_app.core.learning.store import CARD_KINDS, Step, StepKind
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


def learn(path, sign_id: int, rating: Rating = Rating.Good) -> None:
    """Meet the sign and review both kinds twice, ten minutes apart (graduating them with Good)."""
    path.store.introduce(sign_id, CARD_KINDS)
    for _ in range(2):
        for kind in CARD_KINDS:
            path.store.review(sign_id, kind, rating)
        path.clock.advance(minutes=10)


def answer(session, rating: Rating) -> str:
    """Answer the current exercise so that it is rated ``rating`` (recognition by time, production by its
    score); when it comes back, in words."""
    step = session.current
    if step.kind is StepKind.RECOGNITION:
        chosen = -1 if rating is Rating.Again else step.sign_id
        seconds = {Rating.Again: 1.0, Rating.Hard: 20.0, Rating.Good: 6.0, Rating.Easy: 1.0}[rating]
        rated = session.answer_recognition(chosen, seconds=seconds, clip_seconds=0.0)
    else:
        score = {Rating.Again: 10.0, Rating.Hard: 50.0, Rating.Good: 75.0, Rating.Easy: 90.0}[rating]
        rated = session.answer_production(score)
    assert rated.rating == rating
    return rated.comes_back


def take_steps(session, count: int) -> list[Step]:
    """Do ``count`` steps: meet the new signs, answer the questions well. Returns the steps done."""
    done = []
    for _ in range(count):
        done.append(session.current)
        if session.current.kind is StepKind.INTRODUCE:
            session.introduced()
        else:
            answer(session, Rating.Good)
    return done
