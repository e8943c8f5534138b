import pytest

from desktop_app.practice.progress import (
    RECENT_ATTEMPTS,
    SECONDS_PER_DAY,
    Attempt,
    review_order,
    review_priority,
    score_history,
)

NOW = 1_800_000_000.0
DAY = SECONDS_PER_DAY


def attempts_of(sign_id, scores, days_ago):
    """Attempts of one sign, one a minute apart, ending ``days_ago`` days before NOW."""
    end = NOW - days_ago * DAY
    return [Attempt(sign_id, end - 60 * (len(scores) - 1 - i), s) for i, s in enumerate(scores)]


def test_history_is_in_time_order_and_only_of_that_sign():
    attempts = [Attempt(1, 30.0, 0.9), Attempt(2, 5.0, 0.1), Attempt(1, 10.0, 0.3), Attempt(1, 20.0, 0.6)]
    assert score_history(attempts, 1) == ([10.0, 20.0, 30.0], [0.3, 0.6, 0.9])
    assert score_history(attempts, 3) == ([], [])


def test_weak_sign_before_new_before_half_known_before_well_known():
    names = {1: "well known", 2: "half known", 3: "new", 4: "weak"}
    attempts = (
        attempts_of(1, [0.9] * 10, days_ago=0)
        + attempts_of(2, [0.6] * 3, days_ago=0)
        + attempts_of(4, [0.15] * 6, days_ago=0)
    )
    order = [p.name for p in review_order(names, attempts, now=NOW)]
    assert order == ["weak", "new", "half known", "well known"]


def test_a_sign_not_practised_for_weeks_comes_back():
    names = {1: "fresh", 2: "forgotten"}
    attempts = attempts_of(1, [0.7] * 4, days_ago=0) + attempts_of(2, [0.7] * 4, days_ago=30)
    assert [p.name for p in review_order(names, attempts, now=NOW)] == ["forgotten", "fresh"]


def test_fewer_attempts_rank_higher_at_equal_scores():
    names = {1: "often", 2: "once"}
    attempts = attempts_of(1, [0.7] * 8, days_ago=1) + attempts_of(2, [0.7], days_ago=1)
    assert [p.name for p in review_order(names, attempts, now=NOW)] == ["once", "often"]


def test_only_recent_attempts_count_so_improvement_lowers_priority():
    improved = [0.0] * 10 + [0.9] * RECENT_ATTEMPTS
    still_weak = [0.9] * 10 + [0.0] * RECENT_ATTEMPTS
    last = NOW
    assert review_priority(improved, last, NOW) < review_priority(still_weak, last, NOW)
    assert review_priority(improved, last, NOW) == pytest.approx(0.1 + 0.3 / 16)


def test_summary_and_reason():
    names = {7: "hello", 8: "thanks"}
    attempts = attempts_of(7, [0.2, 0.4, 0.9], days_ago=3)
    by_name = {p.name: p for p in review_order(names, attempts, now=NOW)}
    hello = by_name["hello"]
    assert (hello.attempts, hello.best) == (3, 0.9)
    assert hello.recent_mean == pytest.approx(0.5)
    assert hello.days_since_practice == pytest.approx(3.0)
    assert hello.reason == "recent score 50%, 3 attempts, last practised 3 days ago"
    assert by_name["thanks"].reason == "never practised"
    assert by_name["thanks"].recent_mean is None


def test_attempts_of_deleted_signs_are_ignored_and_ties_break_by_name():
    names = {1: "b", 2: "a"}
    order = review_order(names, attempts_of(99, [0.1], days_ago=0), now=NOW)
    assert [p.name for p in order] == ["a", "b"]
