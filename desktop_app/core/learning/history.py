"""Progress worth looking at: signs known over time, the days the learner practised, the CSV history.

A sign counts as **known** at a moment when the learner has signed it from memory (its production card: a
scored attempt, so the Progress page lists it as practised) and, for every exercise kind the learner has
done with it, its card has left FSRS's learning steps (state Review) and its retrievability (the predicted
chance of recalling it, ``Scheduler.get_card_retrievability``) is at least ``KNOWN_RETRIEVABILITY``, each
card taken as its last review before that moment left it. Telling it apart from others ("Which sign is
this?") alone does not make it known: one quick right answer did, and Home counted 3 signs known that
Progress listed as never practised. So the curve rises as signs are learnt and sags where reviews were
skipped and FSRS expects them to be forgotten.

A sign counts as **recognised** when the learner's latest "Which sign is this?" answer for it, in a lesson
or a review, was right, however it is signed: a learner who tells signs apart but cannot sign them well yet
(or has a poor camera) sees that progress too, apart from the signs known. It is what a learner means by the
word, not FSRS's test of the signs known: by that test, a lesson's signs, every one recognised in it, were
"0 of 5 recognised" (their cards still in FSRS's learning steps). Likewise a sign counts as **signed from
memory** when the latest "Sign it from memory" answer for it was right (rated above Again: an attempt
scored at least Hard's threshold; a sign shown on asking was not signed). :func:`learnt` is all of it, as
Home and Progress say it.

A **practice day** is a day (the learner's calendar) with at least one review or practice-page attempt.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from fsrs import Rating, State

from desktop_app.core.learning.clock import day_of, end_of_day, from_epoch
from desktop_app.core.learning.scheduling import RATING_NAMES
from desktop_app.core.learning.store import ExerciseKind, LearningStore, ReviewRecord
from signcore.files import write_text_atomically

KNOWN_RETRIEVABILITY = 0.8
CSV_COLUMNS = ("time", "sign", "language", "exercise", "rating", "correct", "score", "seconds", "next due")


@dataclass(frozen=True)
class KnownOverTime:
    days: tuple[date, ...]  # every day from the first review to today
    known: tuple[int, ...]  # signs known at the end of each day
    recognised: tuple[int, ...]  # signs recognised at the end of each day


def _probably_recalled(review: ReviewRecord, at: datetime, store: LearningStore) -> bool:
    """Whether the card as ``review`` left it has left the learning steps and is likely recalled at ``at``."""
    return (
        review.state == State.Review
        and store.scheduler.get_card_retrievability(review.card(), at) >= KNOWN_RETRIEVABILITY
    )


def _known(latest: Iterable[ReviewRecord], at: datetime, store: LearningStore) -> set[int]:
    """THE rule of the module docstring, from each sign's latest review of each kind before ``at``."""
    recalled: dict[int, bool] = {}
    signed: set[int] = set()
    for review in latest:
        probable = _probably_recalled(review, at, store)
        recalled[review.sign_id] = recalled.get(review.sign_id, True) and probable
        if review.kind == ExerciseKind.PRODUCTION:
            signed.add(review.sign_id)
    return {sign_id for sign_id, known in recalled.items() if known and sign_id in signed}


def _answered_right(latest: Iterable[ReviewRecord], kind: ExerciseKind) -> set[int]:
    """The signs whose latest answer of ``kind`` (of each sign's ``latest`` reviews) was right: the
    module docstring's recognised signs, and those signed from memory."""
    return {review.sign_id for review in latest if review.kind == kind and review.rating > Rating.Again}


def _latest_reviews(reviews: Iterable[ReviewRecord], at: datetime) -> list[ReviewRecord]:
    """Each sign's latest review of each kind up to ``at``."""
    latest: dict[tuple[int, ExerciseKind], ReviewRecord] = {}
    for review in reviews:
        if review.reviewed_at <= at:
            latest[(review.sign_id, review.kind)] = review
    return list(latest.values())


def signs_known(
    store: LearningStore, at: datetime | None = None, reviews: Sequence[ReviewRecord] | None = None
) -> set[int]:
    """The signs known at ``at`` (default now). ``reviews``: the store's, when the caller has read them."""
    at = store.now() if at is None else at
    return _known(_latest_reviews(store.reviews() if reviews is None else reviews, at), at, store)


@dataclass(frozen=True)
class Learnt:
    """What the learner has learnt (the module docstring), as Home and Progress say it: the signs met,
    recognised, signed from memory, known."""

    met: frozenset[int]
    recognised: frozenset[int]
    signed: frozenset[int]
    known: frozenset[int]


def learnt(store: LearningStore, met: Iterable[int], reviews: Sequence[ReviewRecord] | None = None) -> Learnt:
    """What the learner has learnt now, of the signs ``met``; ``reviews`` as for :func:`signs_known`."""
    now = store.now()
    latest = _latest_reviews(store.reviews() if reviews is None else reviews, now)
    return Learnt(
        frozenset(met),
        frozenset(_answered_right(latest, ExerciseKind.RECOGNITION)),
        frozenset(_answered_right(latest, ExerciseKind.PRODUCTION)),
        frozenset(_known(latest, now, store)),
    )


def known_then_missed(
    store: LearningStore, since: datetime, reviews: Sequence[ReviewRecord] | None = None
) -> set[int]:
    """The signs known just before a review since ``since`` rated them Again: the miss took them out of the
    signs known (their card back in FSRS's relearning steps) until a right answer brings them back. Home
    says so: its count fell 3 -> 2 -> 1 through a session without a word why. ``reviews`` as for
    :func:`signs_known`."""
    latest: dict[int, dict[ExerciseKind, ReviewRecord]] = {}  # each sign's cards as last reviewed
    missed = set()
    for review in store.reviews() if reviews is None else reviews:
        before = latest.setdefault(review.sign_id, {})
        if (
            review.reviewed_at >= since
            and review.rating == Rating.Again
            and review.sign_id in _known(before.values(), review.reviewed_at, store)
        ):
            missed.add(review.sign_id)
        before[review.kind] = review
    return missed


def signs_known_over_time(
    store: LearningStore, reviews: Sequence[ReviewRecord] | None = None
) -> KnownOverTime:
    """Signs known and signs recognised at the end of every day since the first review (of today: now).
    ``reviews`` as for :func:`signs_known`."""
    reviews = store.reviews() if reviews is None else reviews
    if not reviews:
        return KnownOverTime((), (), ())
    clock = store.clock
    today = day_of(store.now(), clock)
    day = day_of(reviews[0].reviewed_at, clock)
    latest: dict[tuple[int, ExerciseKind], ReviewRecord] = {}
    days, known, recognised, position = [], [], [], 0
    while day <= today:
        moment = min(end_of_day(day, clock), store.now())
        while position < len(reviews) and reviews[position].reviewed_at <= moment:
            latest[(reviews[position].sign_id, reviews[position].kind)] = reviews[position]
            position += 1
        days.append(day)
        known.append(len(_known(latest.values(), moment, store)))
        recognised.append(len(_answered_right(latest.values(), ExerciseKind.RECOGNITION)))
        day += timedelta(days=1)
    return KnownOverTime(tuple(days), tuple(known), tuple(recognised))


def practice_days(store: LearningStore, reviews: Sequence[ReviewRecord] | None = None) -> Counter[date]:
    """Reviews and practice attempts per day. ``reviews`` as for :func:`signs_known`."""
    clock = store.clock
    days = Counter(
        day_of(review.reviewed_at, clock) for review in (store.reviews() if reviews is None else reviews)
    )
    days.update(day_of(from_epoch(attempt.practised_at), clock) for attempt in store.database.attempts())
    return days


def _local_time(moment: datetime, store: LearningStore) -> str:
    return moment.astimezone(store.clock.zone).strftime("%Y-%m-%d %H:%M:%S")


def history_csv(store: LearningStore) -> str:
    """Every review and practice attempt, oldest first, as CSV (times in the learner's time zone)."""
    signs = {sign.id: sign for sign in store.database.signs()}
    rows = []
    for review in store.reviews():
        sign = signs[review.sign_id]
        rows.append(
            (
                review.reviewed_at,
                sign.gloss,
                sign.language,
                review.kind.value,
                RATING_NAMES[review.rating],
                "" if review.correct is None else ("yes" if review.correct else "no"),
                "" if review.score is None else f"{review.score:.0f}",
                "" if review.duration_ms is None else f"{review.duration_ms / 1000:.1f}",
                _local_time(review.due, store),
            )
        )
    for attempt in store.database.attempts():
        sign = signs[attempt.sign_id]
        rows.append(
            (
                from_epoch(attempt.practised_at),
                sign.gloss,
                sign.language,
                "practice",
                "",
                "",
                f"{attempt.score:.0f}",
                "",
                "",
            )
        )
    rows.sort(key=lambda row: row[0])
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows((_local_time(row[0], store), *row[1:]) for row in rows)
    return text.getvalue()


def export_history(store: LearningStore, path: str | Path) -> None:
    """Write :func:`history_csv` to ``path`` atomically (an InputError names the file if that fails)."""
    write_text_atomically(path, history_csv(store))


def days_in_a_row(days: Iterable[date], today: date) -> int:
    """How many days in a row, up to today, had practice (a streak not yet extended today still counts)."""
    practised = set(days)
    day = today if today in practised else today - timedelta(days=1)
    count = 0
    while day in practised:
        count += 1
        day -= timedelta(days=1)
    return count
