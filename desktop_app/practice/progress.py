"""A learner's progress: each sign's scores over time, and which signs to review next.

Qt-free. It works on plain attempt records (sign, time, score), so it can be fed from the database's
practice history and tested without one.

The review rule
---------------
Every sign gets a priority; the review list is the signs in decreasing priority::

    priority = (1 - recent mean score)                        how weak the sign is
             + NOVELTY_WEIGHT / (1 + number of attempts)       how little it has been practised
             + STALENESS_WEIGHT * (1 - 0.5 ** (days since last practice / STALENESS_HALF_LIFE_DAYS))

* The recent mean is over the last ``RECENT_ATTEMPTS`` attempts, so old failures stop counting once the
  learner has improved. A sign never practised has no mean; it counts as ``UNKNOWN_SCORE`` (a coin toss).
* The attempt term fades quickly (0.30 never practised, 0.15 after one attempt, 0.03 after nine).
* The time term grows from 0 right after practice to half its weight after a week, so well-known signs
  come back now and then instead of never. A sign never practised has nothing to forget: 0.

With these weights a clearly weak sign (recent mean below ~25 %) comes before a new one, a new one before
a half-known sign practised recently, and a well-known sign rises again after a few weeks.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

RECENT_ATTEMPTS = 5
UNKNOWN_SCORE = 0.5
NOVELTY_WEIGHT = 0.3
STALENESS_WEIGHT = 0.3
STALENESS_HALF_LIFE_DAYS = 7.0
SECONDS_PER_DAY = 86_400.0


@dataclass(frozen=True)
class Attempt:
    """One practice attempt: ``score`` in [0, 1], ``when`` in seconds since the epoch."""

    sign_id: int
    when: float
    score: float


@dataclass(frozen=True)
class SignProgress:
    """What the learner has done with one sign, and its place in the review."""

    sign_id: int
    name: str
    attempts: int
    recent_mean: float | None  # over the last RECENT_ATTEMPTS attempts; None if never practised
    best: float | None
    last_practised: float | None  # epoch seconds
    days_since_practice: float | None
    priority: float

    @property
    def reason(self) -> str:
        """Why the sign is where it is in the review, in words for the learner."""
        if self.attempts == 0:
            return "never practised"
        days = self.days_since_practice
        when = "practised today" if days < 1 else f"last practised {_count(round(days), 'day')} ago"
        return f"recent score {self.recent_mean:.0%}, {_count(self.attempts, 'attempt')}, {when}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def score_history(attempts: Iterable[Attempt], sign_id: int) -> tuple[list[float], list[float]]:
    """The scores of one sign in time order: ``(times, scores)``."""
    own = sorted((a for a in attempts if a.sign_id == sign_id), key=lambda a: a.when)
    return [a.when for a in own], [a.score for a in own]


def review_priority(scores_in_time_order: list[float], last_practised: float | None, now: float) -> float:
    """The module docstring's rule for one sign."""
    recent = scores_in_time_order[-RECENT_ATTEMPTS:]
    weakness = 1.0 - (sum(recent) / len(recent) if recent else UNKNOWN_SCORE)
    novelty = NOVELTY_WEIGHT / (1 + len(scores_in_time_order))
    staleness = 0.0
    if last_practised is not None:
        days = _days_between(last_practised, now)
        staleness = STALENESS_WEIGHT * (1.0 - math.pow(0.5, days / STALENESS_HALF_LIFE_DAYS))
    return weakness + novelty + staleness


def _days_between(earlier: float, later: float) -> float:
    return max(0.0, later - earlier) / SECONDS_PER_DAY


def review_order(
    sign_names: Mapping[int, str], attempts: Iterable[Attempt], now: float | None = None
) -> list[SignProgress]:
    """Every sign in ``sign_names`` (id -> name), highest review priority first.

    Attempts of signs not in ``sign_names`` (e.g. deleted ones) are ignored. Ties are broken by name so the
    list is stable.
    """
    now = time.time() if now is None else now
    by_sign: dict[int, list[Attempt]] = {sign_id: [] for sign_id in sign_names}
    for attempt in attempts:
        if attempt.sign_id in by_sign:
            by_sign[attempt.sign_id].append(attempt)
    progress = []
    for sign_id, own in by_sign.items():
        own.sort(key=lambda a: a.when)
        scores = [a.score for a in own]
        last = own[-1].when if own else None
        recent = scores[-RECENT_ATTEMPTS:]
        progress.append(
            SignProgress(
                sign_id=sign_id,
                name=sign_names[sign_id],
                attempts=len(own),
                recent_mean=sum(recent) / len(recent) if recent else None,
                best=max(scores) if scores else None,
                last_practised=last,
                days_since_practice=None if last is None else _days_between(last, now),
                priority=review_priority(scores, last, now),
            )
        )
    progress.sort(key=lambda p: (-p.priority, p.name.casefold()))
    return progress
