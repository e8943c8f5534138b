import time

import pytest

from desktop_app.core.progress import (
    SECONDS_PER_DAY,
    TREND_WINDOW,
    review_order,
    review_priority,
    score_history,
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


def order(database):
    return [item.summary.gloss for item in review_order(database.practice_summary(), now=NOW)]


def test_weak_sign_before_new_before_half_known_before_well_known(database):
    practise(database, "well known", [90] * 10, days_ago=0)
    practise(database, "half known", [60] * 3, days_ago=0)
    practise(database, "new", [], days_ago=0)
    practise(database, "weak", [15] * 6, days_ago=0)
    assert order(database) == ["weak", "new", "half known", "well known"]


def test_many_new_signs_do_not_bury_a_weak_one(database):
    for number in range(30):
        practise(database, f"new {number:02d}", [], days_ago=0)
    practise(database, "struggling", [40, 35, 42], days_ago=0)
    practise(database, "fine", [70, 75], days_ago=0)
    ordered = order(database)
    assert ordered[0] == "struggling" and ordered[-1] == "fine"


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
    assert review_priority(improved, NOW) == pytest.approx(0.1 + 0.3 / 16)


def test_deleted_signs_leave_the_review_and_ties_break_by_gloss(database):
    gone = practise(database, "gone", [5], days_ago=0)
    practise(database, "b", [], days_ago=0)
    practise(database, "a", [], days_ago=0)
    database.delete_sign(gone)
    assert order(database) == ["a", "b"]


def test_reason_in_words():
    def summary(attempts, mean, last):
        return PracticeSummary(1, "hello", "", attempts, mean, mean, mean, last)

    items = review_order([summary(3, 50.0, NOW - 3 * DAY)], now=NOW)
    assert items[0].reason == "recent score 50, 3 attempts, last practised 3 days ago"
    assert review_order([summary(1, 80.0, NOW - 60)], now=NOW)[0].reason == (
        "recent score 80, 1 attempt, practised today"
    )
    assert review_order([summary(0, None, None)], now=NOW)[0].reason == "never practised"


def test_history_is_in_time_order_with_a_moving_mean(database):
    sign_id = practise(database, "hello", [10, 20, 30, 40, 50, 60, 70], days_ago=1)
    practise(database, "other", [99], days_ago=0)
    history = score_history(database.attempts(sign_id))
    assert history.scores.tolist() == [10, 20, 30, 40, 50, 60, 70]
    assert (history.times[1:] > history.times[:-1]).all()
    assert TREND_WINDOW == 5
    assert history.trend.tolist() == [10, 15, 20, 25, 30, 40, 50]
    assert len(score_history([]).scores) == 0


def test_progress_page_lists_the_review_and_plots_the_history(qtbot, database, tmp_path):
    from desktop_app.core.context import AppContext
    from desktop_app.core.settings import Settings
    from desktop_app.ui.progress_page import ProgressPage

    now_days_ago = (NOW - time.time()) / DAY  # attempts that end now
    practise(database, "good", [90, 95], days_ago=now_days_ago)
    weak = practise(database, "weak", [20, 10, 30], days_ago=now_days_ago)
    context = AppContext(Settings(), database, None, tmp_path / "settings.json")
    page = ProgressPage(context)
    qtbot.addWidget(page)
    assert page.review_list.item(0).text().startswith("weak (DGS)\n    recent score 20, 3 attempts")
    assert [item.summary.gloss for item in page.items] == ["weak", "good"]
    assert page.plot_title.text() == "weak"
    assert page.scores.getData()[0].tolist() == [1, 2, 3]  # attempt numbers
    assert page.scores.getData()[1].tolist() == [20, 10, 30]
    assert page.trend.getData()[1].tolist() == [20, 15, 20]
    assert page.plot_note.text().startswith("Since ") and "3 attempts" in page.plot_note.text()

    chosen = []
    context.events.sign_selected.connect(chosen.append)
    page.review_list.itemActivated.emit(page.review_list.item(0))
    assert chosen == [weak]

    page.review_list.setCurrentRow(1)
    assert page.scores.getData()[1].tolist() == [90, 95]
    good = page.current_item.sign_id
    for _ in range(5):  # five failures make "good" the weaker sign; the page follows the new attempts
        context.notify_attempt_added(good, database.add_attempt(good, 0))
    assert [item.summary.gloss for item in page.items] == ["good", "weak"]
    assert page.plot_title.text() == "good" and len(page.scores.getData()[1]) == 7

    # An attempt at another sign (on the practice page) brings that sign's history up.
    context.notify_attempt_added(weak, database.add_attempt(weak, 50))
    assert page.plot_title.text() == "weak" and page.scores.getData()[1].tolist() == [20, 10, 30, 50]
