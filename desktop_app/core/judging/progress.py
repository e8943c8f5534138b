"""A learner's signing progress: a sign's scores over time, and which signs to sign next, weakest first.

Qt-free. It works on the database's practice records (:class:`signcore.database.PracticeSummary` and
:class:`signcore.database.PracticeAttempt`, scores 0..100), so it is tested without a display.

The signing list's rule
-----------------------
This list ranks signing scores only (Practice's attempts and a lesson's "sign it" steps), apart from Home's
review, which asks what spaced repetition says is due. It holds the signs signed, in decreasing priority,
then the signs met in a lesson and not signed yet, by name; a sign neither signed nor met is not on it::

    priority = (1 - recent mean score / 100)                   how weak the sign is
             + NOVELTY_WEIGHT / (1 + number of attempts)       how little it has been practised
             + STALENESS_WEIGHT * (1 - 0.5 ** (days since last practice / STALENESS_HALF_LIFE_DAYS))

* The recent mean is over the last few attempts (the database's ``RECENT_ATTEMPTS``), so old failures stop
  counting once the learner has improved.
* The attempt term fades quickly (0.15 after one attempt, 0.03 after nine).
* The time term grows from 0 right after practice to half its weight after a week, so well-known signs
  come back now and then instead of never.
* A sign never practised has no score to be weak by: it comes after every sign practised, in a group of its
  own (:attr:`SigningItem.practised`). Ranked as a half-learnt sign among them, the list titled "weakest
  first" put a sign of mean 45 below 58 signs never practised and one of mean 40 above them.
"""

from __future__ import annotations

import math
import time
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from signcore.database import RECENT_ATTEMPTS, PracticeAttempt, PracticeSummary
from signcore.words import counted, name_order

SCORE_MAX = 100.0
NOVELTY_WEIGHT = 0.3
STALENESS_WEIGHT = 0.3
STALENESS_HALF_LIFE_DAYS = 7.0
SECONDS_PER_DAY = 86_400.0
# Attempts averaged by the history plot's trend line: as many as the list's recent average is over
TREND_WINDOW = RECENT_ATTEMPTS
# The one name of a sign's recent mean, in the signing list, its rule and the chart's key alike, and what it
# is, in the key ("mean of the last 5" was the statistician's words, not a learner's)
RECENT_AVERAGE = "recent average"
RECENT_AVERAGE_EXPLAINED = f"{RECENT_AVERAGE} (of your last {TREND_WINDOW} attempts)"
# A sign with no scored attempt, in the list and its group's heading: signed, it has one. "Never practised"
# was untrue of a sign met and answered in a lesson's "Which sign is this?" (a walk-through), and a sign is
# known only once signed from memory (.learning.history), as Home and Progress count it.
NOT_SIGNED_YET = "not signed yet"


@dataclass(frozen=True)
class SigningItem:
    """One sign's place in the signing list: its practice record, its priority and the reason in words."""

    summary: PracticeSummary
    priority: float
    days_since_practice: float | None

    @property
    def sign_id(self) -> int:
        return self.summary.sign_id

    @property
    def practised(self) -> bool:
        """Whether the sign was practised: the list's first group, weakest first (a sign never practised is in
        the second)."""
        return self.summary.attempts > 0

    @property
    def reason(self) -> str:
        summary = self.summary
        if not self.practised:
            return NOT_SIGNED_YET
        days = self.days_since_practice
        if days is None:  # attempts, but none with a time (cannot happen for saved attempts)
            return f"{RECENT_AVERAGE} {summary.recent_mean:.0f}, {counted(summary.attempts, 'attempt')}"
        when = "practised today" if days < 1 else f"last practised {counted(round(days), 'day')} ago"
        return f"{RECENT_AVERAGE} {summary.recent_mean:.0f}, {counted(summary.attempts, 'attempt')}, {when}"


@dataclass(frozen=True)
class ScoreHistory:
    """A sign's scores in time order, with a moving mean over the last ``TREND_WINDOW`` attempts."""

    times: np.ndarray  # epoch seconds
    scores: np.ndarray
    trend: np.ndarray


def score_history(attempts: Sequence[PracticeAttempt]) -> ScoreHistory:
    """The history of the given attempts (usually ``database.attempts(sign_id)``), oldest first."""
    ordered = sorted(attempts, key=lambda a: (a.practised_at, a.id))
    scores = np.array([a.score for a in ordered], dtype=np.float64)
    cumulative = np.concatenate([[0.0], np.cumsum(scores)])
    ends = np.arange(1, len(scores) + 1)
    starts = np.maximum(ends - TREND_WINDOW, 0)
    trend = (cumulative[ends] - cumulative[starts]) / (ends - starts) if len(scores) else scores
    return ScoreHistory(np.array([a.practised_at for a in ordered], dtype=np.float64), scores, trend)


def _days_between(earlier: float, later: float) -> float:
    return max(0.0, later - earlier) / SECONDS_PER_DAY


def signing_priority(summary: PracticeSummary, now: float) -> float:
    """The module docstring's rule for one sign practised (one never practised has no score: 0)."""
    if summary.recent_mean is None:
        return 0.0
    weakness = 1.0 - summary.recent_mean / SCORE_MAX
    novelty = NOVELTY_WEIGHT / (1 + summary.attempts)
    staleness = 0.0
    if summary.last_practised is not None:
        days = _days_between(summary.last_practised, now)
        staleness = STALENESS_WEIGHT * (1.0 - math.pow(0.5, days / STALENESS_HALF_LIFE_DAYS))
    return weakness + novelty + staleness


def practice_count_words(items: Sequence[SigningItem]) -> str:
    """Beside the signing list's heading: the attempts on how many of its signs; plain words for none
    ("0 attempts on 0 of 0 signs" over an empty database)."""
    if not items:
        return "no signs signed or met yet"
    practised = [item for item in items if item.practised]
    if not practised:
        return f"{counted(len(items), 'sign')}, none signed yet"
    attempts = sum(item.summary.attempts for item in practised)
    return f"{counted(attempts, 'attempt')} on {len(practised)} of {counted(len(items), 'sign')}"


def weakest_signing_first(
    summaries: Iterable[PracticeSummary], met: Collection[int], now: float | None = None
) -> list[SigningItem]:
    """The signs signed, highest signing priority first, then those of ``met`` (the signs met in lessons)
    not signed yet (see the module docstring); ties in the order of the names shown
    (:func:`signcore.words.name_order`, as every list of signs), so the list is stable. It listed every sign
    of the database, the signs of a language never started too, as "not signed yet"."""
    now = time.time() if now is None else now
    items = [
        SigningItem(
            summary,
            signing_priority(summary, now),
            None if summary.last_practised is None else _days_between(summary.last_practised, now),
        )
        for summary in summaries
        if summary.attempts > 0 or summary.sign_id in met
    ]
    items.sort(
        key=lambda item: (
            not item.practised,
            -item.priority,
            name_order(item.summary.gloss, item.summary.language),
        )
    )
    return items
