"""The learning path's time, injectable: the app uses :class:`SystemClock`, tests a :class:`ManualClock`.

Times are timezone-aware UTC datetimes (what ``fsrs`` requires). "Today" is the learner's calendar day in the
clock's time zone (the machine's for the system clock), from midnight to midnight.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware, in UTC."""

    @property
    def zone(self) -> tzinfo:
        """The learner's time zone: where their days begin and end."""


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    @property
    def zone(self) -> tzinfo:
        return datetime.now().astimezone().tzinfo or UTC


class ManualClock:
    """A clock that stands still until moved (tests; building example histories)."""

    def __init__(self, start: datetime, zone: tzinfo = UTC):
        if start.tzinfo is None:
            raise ValueError("the start time must be timezone-aware")
        self._now = start.astimezone(UTC)
        self._zone = zone

    def now(self) -> datetime:
        return self._now

    @property
    def zone(self) -> tzinfo:
        return self._zone

    def advance(self, **delta: float) -> None:
        """Move on, e.g. ``advance(days=1)`` or ``advance(seconds=4)``."""
        self._now += timedelta(**delta)


def day_of(moment: datetime, clock: Clock) -> date:
    """The learner's calendar day of ``moment``."""
    return moment.astimezone(clock.zone).date()


def start_of_day(day: date, clock: Clock) -> datetime:
    """The first moment of the learner's ``day``, in UTC."""
    return datetime.combine(day, time(0), tzinfo=clock.zone).astimezone(UTC)


def end_of_day(day: date, clock: Clock) -> datetime:
    """The first moment of the day after ``day``, in UTC."""
    return start_of_day(day + timedelta(days=1), clock)


def until_the_next_day(clock: Clock) -> timedelta:
    """How long until the learner's next day begins (their midnight)."""
    now = clock.now()
    return end_of_day(day_of(now, clock), clock) - now


def from_epoch(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)
