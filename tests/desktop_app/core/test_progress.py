import pytest

from desktop_app.core.judging.progress import (
    SECONDS_PER_DAY,
    TREND_WINDOW,
    practice_count_words,
    score_history,
    signing_priority,
    weakest_signing_first,
)
from signcore.database import RECENT_ATTEMPTS, PracticeSummary, SignDatabase

NOW = 1_800_000_000.0
DAY = SECONDS_PER_DAY


@pytest.fixture
def database(tmp_path):
    with SignDatabase(tmp_path / "signs.db") as db:
        yield db


def practise(database, gloss, scores, days_ago):
    """A sign with attempts one minute apart, the last ``days_ago`` days before NOW."""
    sign_id = database.add_sign(gloss, language="DGS")
    end = NOW - days_ago * DAY
    for i, score in enumerate(scores):
        database.add_attempt(sign_id, score, practised_at=end - 60 * (len(scores) - 1 - i))
    return sign_id


def all_met(summaries):
    """The signing list of ``summaries`` (a database's), every sign met in a lesson."""
    summaries = list(summaries)
    return weakest_signing_first(summaries, met={summary.sign_id for summary in summaries}, now=NOW)


def order(database):
    return [item.summary.gloss for item in all_met(database.practice_summary())]


def test_weakest_practised_first_then_the_signs_never_practised(database):
    practise(database, "well known", [90] * 10, days_ago=0)
    practise(database, "half known", [60] * 3, days_ago=0)
    practise(database, "new", [], days_ago=0)
    practise(database, "weak", [15] * 6, days_ago=0)
    assert order(database) == ["weak", "half known", "well known", "new"]


def test_new_signs_neither_bury_a_weak_one_nor_split_the_practised_ones(database):
    """The walk-through's list, "weakest first": "Bier" (mean 45, 31 attempts) at the very bottom, below 58
    signs never practised, and "thank-you" (mean 40) above them."""
    for number in range(30):
        practise(database, f"new {number:02d}", [], days_ago=0)
    practise(database, "Bier", [45] * 31, days_ago=0)
    practise(database, "thank-you", [40] * 5, days_ago=0)
    practise(database, "fine", [70, 75], days_ago=0)
    items = all_met(database.practice_summary())
    assert [item.summary.gloss for item in items[:3]] == ["thank-you", "Bier", "fine"]
    assert [item.practised for item in items] == [True] * 3 + [False] * 30


def test_a_sign_not_practised_for_weeks_comes_back(database):
    practise(database, "fresh", [70] * 4, days_ago=0)
    practise(database, "forgotten", [70] * 4, days_ago=30)
    assert order(database) == ["forgotten", "fresh"]


def test_fewer_attempts_rank_higher_at_equal_scores(database):
    practise(database, "often", [70] * 8, days_ago=1)
    practise(database, "once", [70], days_ago=1)
    assert order(database) == ["once", "often"]


def test_only_recent_attempts_count_so_improvement_lowers_priority(database):
    practise(database, "improved", [0] * 10 + [90] * RECENT_ATTEMPTS, days_ago=0)
    practise(database, "still weak", [90] * 10 + [0] * RECENT_ATTEMPTS, days_ago=0)
    assert order(database) == ["still weak", "improved"]
    improved = next(s for s in database.practice_summary() if s.gloss == "improved")
    assert signing_priority(improved, NOW) == pytest.approx(0.1 + 0.3 / 16)


def test_deleted_signs_leave_the_list_and_ties_break_by_gloss(database):
    gone = practise(database, "gone", [5], days_ago=0)
    practise(database, "b", [], days_ago=0)
    practise(database, "a", [], days_ago=0)
    database.delete_sign(gone)
    assert order(database) == ["a", "b"]


def test_reason_in_words():
    def summary(attempts, mean, last):
        return PracticeSummary(1, "hello", "", attempts, mean, mean, mean, last)

    items = all_met([summary(3, 50.0, NOW - 3 * DAY)])
    assert items[0].reason == "recent average 50, 3 attempts, last practised 3 days ago"
    assert all_met([summary(1, 80.0, NOW - 60)])[0].reason == (
        "recent average 80, 1 attempt, practised today"
    )
    # not "never practised": a sign answered in "Which sign is this?" was practised, not signed
    assert all_met([summary(0, None, None)])[0].reason == "not signed yet"


def test_history_is_in_time_order_with_a_moving_mean(database):
    sign_id = practise(database, "hello", [10, 20, 30, 40, 50, 60, 70], days_ago=1)
    practise(database, "other", [99], days_ago=0)
    history = score_history(database.attempts(sign_id))
    assert history.scores.tolist() == [10, 20, 30, 40, 50, 60, 70]
    assert (history.times[1:] > history.times[:-1]).all()
    assert TREND_WINDOW == 5
    assert history.trend.tolist() == [10, 15, 20, 25, 30, 40, 50]
    assert len(score_history([]).scores) == 0


def test_ties_are_in_the_order_of_the_names_shown(database):
    """Signs never practised tie: they follow the names the list shows ("letter V" among the "l"s), as
    every list of signs; they followed the stored names ("v" after "umbrella")."""
    for gloss in ("v", "umbrella", "lernen", "large"):
        practise(database, gloss, [], days_ago=0)
    assert order(database) == ["large", "lernen", "v", "umbrella"]


def test_the_count_beside_the_signing_list_has_plain_words_for_nothing_yet(database):
    """An empty database said "0 attempts on 0 of 0 signs"."""

    def words():
        return practice_count_words(all_met(database.practice_summary()))

    assert words() == "no signs signed or met yet"
    practise(database, "new", [], days_ago=0)
    practise(database, "other", [], days_ago=0)
    assert words() == "2 signs, none signed yet"
    practise(database, "weak", [15] * 3, days_ago=0)
    assert words() == "3 attempts on 1 of 3 signs"


def test_the_signing_list_holds_the_signs_signed_and_those_met_not_signed_yet(database):
    """ "Review next" listed the database's every sign as "not signed yet", signs of a language never
    started too (Bier, computer…). A sign signed on the practice page is listed, met or not."""
    practise(database, "Bier", [], days_ago=0)  # neither met nor signed
    met = practise(database, "hallo", [], days_ago=0)
    practise(database, "danke", [40], days_ago=1)  # signed on the practice page, never met in a lesson
    items = weakest_signing_first(database.practice_summary(), met={met}, now=NOW)
    assert [(item.summary.gloss, item.practised) for item in items] == [("danke", True), ("hallo", False)]
