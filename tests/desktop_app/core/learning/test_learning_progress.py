"""Progress: signs known over time by FSRS retrievability, the days practised, the history as CSV."""

import csv
import io
from datetime import timedelta

from fsrs import Rating

from desktop_app.core.learning.history import (
    CSV_COLUMNS,
    days_in_a_row,
    export_history,
    history_csv,
    learnt,
    practice_days,
    signs_known,
    signs_known_over_time,
)
from desktop_app.core.learning.store import CARD_KINDS, ExerciseKind
from tests.desktop_app.core.learning.helpers import START, add_signs, learn, open_path


def test_signs_known_rise_when_learnt_and_fall_when_left(database, clock):
    hallo, ich = add_signs(database, "DGS", ["hallo", "ich"])
    path = open_path(database, clock)
    learn(path, hallo)
    clock.advance(days=1)
    learn(path, ich, Rating.Again)  # not learnt: not known
    assert signs_known(path.store) == {hallo}
    clock.advance(days=60)  # far beyond what two reviews hold: FSRS expects it forgotten
    history = signs_known_over_time(path.store)
    assert history.days[0] == START.date() and history.days[-1] == clock.now().date()
    assert len(history.days) == 62
    assert history.known[:2] == (1, 1) and history.known[-1] == 0
    assert list(history.known) == sorted(history.known, reverse=True)  # no reviews since: it only fades


def test_a_sign_is_known_only_if_known_in_every_kind_practised(database, clock):
    (hallo,) = add_signs(database, "DGS", ["hallo"])
    path = open_path(database, clock)
    path.store.introduce(hallo, CARD_KINDS)
    path.store.review(hallo, ExerciseKind.RECOGNITION, Rating.Easy)
    path.store.review(hallo, ExerciseKind.PRODUCTION, Rating.Again)
    clock.advance(days=2)
    assert signs_known(path.store) == set()


def test_a_sign_only_told_apart_from_others_is_not_known_yet(database, clock):
    """A walk-through: one quick "Which sign is this?" answer each made Home count 3 signs known that the
    Progress page listed as never practised. Known needs the sign signed from memory."""
    hallo, ich = add_signs(database, "DGS", ["hallo", "ich"])
    path = open_path(database, clock)
    for sign in (hallo, ich):
        path.store.introduce(sign, CARD_KINDS)
        path.store.review(sign, ExerciseKind.RECOGNITION, Rating.Easy)
    path.store.review(ich, ExerciseKind.PRODUCTION, Rating.Easy)
    assert signs_known(path.store) == {ich}
    assert signs_known_over_time(path.store).known[-1] == 1


def test_recognised_and_signed_from_memory_follow_the_latest_answer_not_fsrs_forecast(database, clock):
    """A sign counts as recognised, or signed from memory, while its latest answer of that kind is right:
    at once (its card still in FSRS's learning steps: "0 of 2 recognised" after a lesson), days later
    however faded, and not after a wrong answer until a right one. A sign shown on asking was not
    signed."""
    hallo, ich = add_signs(database, "DGS", ["hallo", "ich"])
    path = open_path(database, clock)
    for sign in (hallo, ich):
        path.store.introduce(sign, CARD_KINDS)
        path.store.review(sign, ExerciseKind.RECOGNITION, Rating.Hard, correct=True)
    path.store.review(hallo, ExerciseKind.PRODUCTION, Rating.Hard, score=50.0)
    path.store.review(ich, ExerciseKind.PRODUCTION, Rating.Again)  # shown on asking: no score
    now = learnt(path.store, {hallo, ich})
    assert (now.recognised, now.signed, now.known) == ({hallo, ich}, {hallo}, set())
    clock.advance(days=1)
    path.store.review(hallo, ExerciseKind.RECOGNITION, Rating.Again, correct=False)
    assert learnt(path.store, {hallo, ich}).recognised == {ich}
    clock.advance(days=60)  # long faded: still recognised, as last answered
    path.store.review(hallo, ExerciseKind.RECOGNITION, Rating.Good, correct=True)
    assert learnt(path.store, {hallo, ich}).recognised == {hallo, ich}
    recognised = signs_known_over_time(path.store).recognised
    assert recognised[:2] == (2, 1) and recognised[-2:] == (1, 2)


def test_practice_days_count_reviews_and_practice_attempts(database, clock):
    (hallo,) = add_signs(database, "DGS", ["hallo"])
    path = open_path(database, clock)
    learn(path, hallo)
    database.add_attempt(hallo, 70.0, practised_at=(START + timedelta(days=3)).timestamp())
    days = practice_days(path.store)
    assert days == {START.date(): 4, (START + timedelta(days=3)).date(): 1}


def test_the_history_exports_as_csv(database, clock, tmp_path):
    (hallo,) = add_signs(database, "DGS", ["hallo"])
    path = open_path(database, clock)
    path.store.introduce(hallo, CARD_KINDS)
    path.store.review(hallo, ExerciseKind.RECOGNITION, Rating.Again, duration_ms=4200, correct=False)
    clock.advance(minutes=1)
    path.store.review(hallo, ExerciseKind.PRODUCTION, Rating.Good, score=71.6)
    database.add_attempt(hallo, 55.0, practised_at=(START + timedelta(hours=1)).timestamp())
    target = tmp_path / "out" / "history.csv"
    export_history(path.store, target)
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[0] == list(CSV_COLUMNS)
    assert [row[:8] for row in rows[1:]] == [
        ["2026-03-02 09:00:00", "hallo", "DGS", "recognition", "again", "no", "", "4.2"],
        ["2026-03-02 09:01:00", "hallo", "DGS", "production", "good", "", "72", ""],
        ["2026-03-02 10:00:00", "hallo", "DGS", "practice", "", "", "55", ""],
    ]
    assert target.read_text(encoding="utf-8") == history_csv(path.store)


def test_days_in_a_row_count_back_from_today_or_yesterday():
    today = START.date()
    day = timedelta(days=1)
    assert days_in_a_row([], today) == 0
    assert days_in_a_row([today, today - day, today - 3 * day], today) == 2
    assert days_in_a_row([today - day, today - 2 * day], today) == 2  # not yet practised today
    assert days_in_a_row([today - 2 * day], today) == 0
