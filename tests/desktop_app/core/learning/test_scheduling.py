"""Scheduling: exercise results become FSRS ratings by the rules shown to the learner, and the due dates are
FSRS's own, kept in the database across a restart."""

from datetime import timedelta

import pytest
from fsrs import Card, Rating

from desktop_app.core.app.models_switch import open_database
from desktop_app.core.learning.clock import ManualClock
from desktop_app.core.learning.scheduling import (
    comes_back,
    comes_back_words,
    make_scheduler,
    production_rating,
    rating_rules,
    recognition_rating,
)
from desktop_app.core.learning.store import ExerciseKind, LearningStore
from signcore.database import DatabaseError, SignDatabase
from tests.desktop_app.core.learning.helpers import START, add_signs


@pytest.mark.parametrize(
    ("score", "rating"),
    [(0, Rating.Again), (39.9, Rating.Again), (40, Rating.Hard), (64.9, Rating.Hard), (65, Rating.Good),
     (75, Rating.Good), (84.9, Rating.Good), (85, Rating.Easy), (100, Rating.Easy)],
)  # fmt: skip
def test_production_rating_follows_the_score_thresholds(score, rating):
    assert production_rating(score) == rating


@pytest.mark.parametrize(
    ("correct", "seconds", "rating"),
    [(False, 0.5, Rating.Again), (False, 30, Rating.Again), (True, 0, Rating.Easy), (True, 3, Rating.Easy),
     (True, 3.1, Rating.Good), (True, 8, Rating.Good), (True, 8.1, Rating.Hard)],
)  # fmt: skip
def test_recognition_rating_is_right_or_wrong_and_how_fast(correct, seconds, rating):
    assert recognition_rating(correct, seconds) == rating


def test_the_rules_shown_name_the_thresholds_in_use():
    rules = rating_rules()
    assert "85+ easy" in rules["production"] and "65–84 good" in rules["production"]
    assert "40–64 hard" in rules["production"] and "under 40 again" in rules["production"]
    assert "3 s" in rules["recognition"] and "8 s" in rules["recognition"]


def test_due_dates_are_fsrs_own_and_survive_a_restart(tmp_path, clock):
    path = tmp_path / "signs.db"
    fsrs = make_scheduler(fuzz=False)
    expected = {}
    with SignDatabase(path) as database:
        hallo, ich = add_signs(database, "DGS", ["hallo", "ich"])
        store = LearningStore(database, clock, make_scheduler(fuzz=False))
        for sign_id, rating in ((hallo, Rating.Good), (ich, Rating.Again)):
            store.introduce(sign_id, (ExerciseKind.PRODUCTION,))
            card = Card(card_id=0, due=clock.now())
            for _ in range(2):  # two reviews ten minutes apart, as in a session
                store.review(sign_id, ExerciseKind.PRODUCTION, rating)
                card, _log = fsrs.review_card(card, rating, clock.now())
                clock.advance(minutes=10)
            expected[sign_id] = card.due
    with SignDatabase(path) as reopened:  # the app was closed and started again
        cards = LearningStore(reopened, clock, make_scheduler(fuzz=False)).cards()
    due = {sign_id: cards[(sign_id, ExerciseKind.PRODUCTION)].card.due for sign_id in (hallo, ich)}
    assert due == expected
    assert due[hallo] - START >= timedelta(days=1)  # learnt: back in days
    assert due[ich] - START < timedelta(hours=1)  # forgotten: back within the learning steps


def test_reviewing_a_sign_never_introduced_is_refused_in_the_learners_words(database, clock):
    """Said on the review page ("This could not be saved…"): it said "sign 1 has no recognition card:
    introduce it first"."""
    (sign_id,) = add_signs(database, "DGS", ["hallo"])
    store = LearningStore(database, clock)
    with pytest.raises(
        DatabaseError, match="this sign has not been shown to you as a new sign yet"
    ) as refused:
        store.review(sign_id, ExerciseKind.RECOGNITION, Rating.Good)
    assert "card" not in refused.value.problem and str(sign_id) not in refused.value.problem
    assert store.reviews() == []


def test_learning_records_of_a_newer_app_are_refused(database, clock):
    LearningStore(database, clock)
    with database.transaction() as conn:
        conn.execute("UPDATE learning_meta SET value = '99' WHERE key = 'schema'")
    with pytest.raises(DatabaseError, match="newer version"):
        LearningStore(database, clock)
    # Opening the database says so, before a page that shows the learning path is made (which took the
    # window down at start-up), and lets the file go.
    database.close()
    with pytest.raises(DatabaseError, match="its learning records were written by a newer version"):
        open_database(database.path)
    with SignDatabase(database.path) as reopened, reopened.transaction() as conn:
        conn.execute("UPDATE learning_meta SET value = 'x' WHERE key = 'schema'")
    with pytest.raises(DatabaseError, match="its learning records are damaged"):
        open_database(database.path)


@pytest.mark.parametrize(
    ("hour", "interval", "words"),
    [
        (20, timedelta(hours=16), "tomorrow"),  # noon tomorrow
        (20, timedelta(hours=30), "in 2 days"),  # 02:00 the day after tomorrow
        (9, timedelta(hours=30), "tomorrow"),  # 15:00 tomorrow
        (9, timedelta(hours=10), "later today"),  # 19:00 today
    ],
)
def test_the_words_after_an_answer_and_the_summary_count_the_learners_days_alike(hour, interval, words):
    """At 20:00 an exercise due in 16 hours was "again later today" after the answer, and "Coming back
    tomorrow" on the session's summary a moment later: the answer counted 24-hour stretches."""
    clock = ManualClock(START.replace(hour=hour))
    now = clock.now()
    after_the_answer = comes_back("sign it", now + interval, now, clock, in_this_session=False)
    assert after_the_answer == f"you'll be asked to sign it again {words}"
    assert comes_back_words(now + interval, now, clock) == words
