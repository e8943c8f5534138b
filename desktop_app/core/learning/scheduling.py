"""From an exercise's result to an FSRS rating, and the FSRS scheduler that turns ratings into due dates.

The rules, shown to the learner as they are (:func:`rating_rules`):

* Production (sign it from memory): the calibrated 0-100 score of the attempt (the practice page's score).
  ``PRODUCTION_THRESHOLDS``: 85 or more is Easy, 65 or more Good (a typical correct performance scores 75),
  40 or more Hard (recognised, but far from the references), below 40 Again.
* Recognition (choose the name): a wrong choice is Again. A right one is rated by how long the learner took
  beyond one play of the clip (they may answer while it plays): within ``RECOGNITION_EASY_S`` Easy, within
  ``RECOGNITION_GOOD_S`` Good, slower Hard.
* On the day a sign is met, no answer of it is rated above Good (:func:`on_the_day_met`): right after its
  introduction an answer shows short-term memory, not recall, and FSRS's first Easy (8 days' stability)
  assumes a real recall (a sign met seconds before was sent 9-11 days away). Good keeps it in FSRS's
  learning steps: again in minutes, then a first review a few days on.
* "Show me the sign" on a "sign it" step (the learner cannot recall it): it is forgotten, Again, once. Shown
  again while its last rating in the session is Again already (watched before, or a failed attempt since),
  it is not rated: watching again is no new failure (it was one, and the step then waited a day as "missed
  twice"). Signed after watching, in the same session, an attempt is rated as its score says but at most
  Good (:func:`after_watching`): seconds after the sign was played, a fine attempt shows it copied, not
  recalled, and Easy would send it days away. Not Hard at most: Again has told FSRS it was forgotten, and a
  right attempt then is the learning step FSRS expects (it brings it back in days, not weeks).

The scheduler is ``fsrs.Scheduler`` with its published default parameters and 90% desired retention.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from fsrs import Rating, Scheduler

from desktop_app.core.learning.clock import Clock, day_of

PRODUCTION_THRESHOLDS: tuple[tuple[float, Rating], ...] = (
    (85.0, Rating.Easy),
    (65.0, Rating.Good),
    (40.0, Rating.Hard),
)
RECOGNITION_EASY_S = 3.0
RECOGNITION_GOOD_S = 8.0
DESIRED_RETENTION = 0.9
LEARN_AHEAD = timedelta(minutes=20)  # an exercise due this soon is due by the end of the session

IN_THE_NEXT_REVIEW = "in your next review"
# Why a quick right answer on a sign met today says "Good", not "Easy" (:func:`on_the_day_met`)
MET_TODAY_RULE = (
    "On the day you meet a sign, good is the best rating: it needs a later day to show you recall it"
)
MET_TODAY_WORDS = "the best on the day you meet a sign"
# Why a sign asked to see is rated as it is (:func:`after_watching`, the module docstring)
SHOWN_RULE = (
    "“Show me the sign” counts as forgotten (rated “again”) the first time only; signing it after watching "
    "is good at best"
)
WATCHED_WORDS = "the best after watching it"

RATING_NAMES = {Rating.Again: "again", Rating.Hard: "hard", Rating.Good: "good", Rating.Easy: "easy"}


def comes_back(
    exercise: str,
    due: datetime,
    now: datetime,
    clock: Clock,
    in_this_session: bool,
    put_off: bool = False,
    straight_away: bool = False,
) -> str:
    """When an exercise just rated, due at ``due`` (FSRS's schedule), comes back, in the learner's words:
    "you'll be asked to recognise it again in 8 days" (``exercise``: what it asks, "recognise it"). Of the
    exercise, not the sign: "it comes back in 8 days" was untrue when the sign's other exercise was due
    today (Home counted the sign due). The days are the learner's, as the session's summary counts them
    (:func:`comes_back_words`): at 20:00, one due in 16 hours is "tomorrow", not "later today".
    ``put_off``: to the learner's next day (``due``: then), "tomorrow", even minutes before midnight.
    ``straight_away``: asked again as the session's next step (no other sign left), "right away"."""
    if in_this_session:
        when = "right away" if straight_away else "in a few minutes"
    elif put_off:
        when = days_ahead_words(_days_until(due, now, clock))
    else:
        when = comes_back_words(due, now, clock)
    return f"you'll be asked to {exercise} again {when}"


def comes_back_words(due: datetime, now: datetime, clock: Clock) -> str:
    """When an exercise due at ``due`` comes back, by the learner's calendar days: "in your next review" (due
    now or within the session's reach: "later today" sounded hours away; an exercise just answered is put
    off to the next day instead, .review's module docstring), "later today", "tomorrow" (even an hour after
    midnight), "in 3 days". One due minutes after midnight is "tomorrow", as Home counts it, not "in your next
    review" (a sign met at 23:50 and put off to the next day was said to come back in the next review)."""
    days = _days_until(due, now, clock)
    if days <= 0 and due <= now + LEARN_AHEAD:
        return IN_THE_NEXT_REVIEW
    return "later today" if days == 0 else days_ahead_words(days)


def _days_until(due: datetime, now: datetime, clock: Clock) -> int:
    return (day_of(due, clock) - day_of(now, clock)).days


def days_ahead_words(days: float) -> str:
    """``days`` ahead (about one or more) in the learner's words: "tomorrow", "in 3 days", "in 2 weeks"."""
    if days < 1.5:
        return "tomorrow"
    if days < 13.5:
        return f"in {round(days)} days"
    if days < 60:
        return f"in {round(days / 7)} weeks"
    return f"in {round(days / 30)} months"


def make_scheduler(fuzz: bool = True) -> Scheduler:
    """The FSRS scheduler. ``fuzz``: spread review dates by a few percent (FSRS's default), so signs
    learnt together do not stay due together; tests turn it off for exact dates."""
    return Scheduler(desired_retention=DESIRED_RETENTION, enable_fuzzing=fuzz)


def on_the_day_met(rating: Rating, introduced_at: datetime, now: datetime, clock: Clock) -> Rating:
    """``rating`` as FSRS is given it: at most Good on the learner's day the sign was introduced (module
    docstring)."""
    met_today = day_of(introduced_at, clock) == day_of(now, clock)
    return min(rating, Rating.Good) if met_today else rating


def after_watching(rating: Rating) -> Rating:
    """A "sign it" attempt's ``rating`` as FSRS is given it when the learner watched the sign in the same
    session: at most Good (module docstring)."""
    return min(rating, Rating.Good)


def production_rating(score: float) -> Rating:
    for threshold, rating in PRODUCTION_THRESHOLDS:
        if score >= threshold:
            return rating
    return Rating.Again


def beyond_the_clip(seconds: float, clip_seconds: float) -> float:
    """The time a recognition answer is rated by: ``seconds`` to answer beyond one play of the clip
    (``clip_seconds`` at the speed shown), 0 when answered while it played."""
    return max(seconds - clip_seconds, 0.0)


def answer_time_words(seconds_after_clip: float) -> str:
    """The answer's time as the rules shown count it (:func:`rating_rules`: "within 8 s after the clip"),
    not since the question came: "Answered in 14.5 s · Good" read wrong beside "within 8 s: good"."""
    if seconds_after_clip <= 0.0:
        return "Answered while the clip played"
    return f"Answered {seconds_after_clip:.1f} s after the clip"


def recognition_rating(correct: bool, seconds_after_clip: float) -> Rating:
    """``seconds_after_clip``: :func:`beyond_the_clip`."""
    if not correct:
        return Rating.Again
    if seconds_after_clip <= RECOGNITION_EASY_S:
        return Rating.Easy
    return Rating.Good if seconds_after_clip <= RECOGNITION_GOOD_S else Rating.Hard


def rating_rules() -> dict[str, str]:
    """The rules in the learner's words, per exercise kind."""
    easy, good, hard = (round(threshold) for threshold, _ in PRODUCTION_THRESHOLDS)
    return {
        "production": f"Score {easy}+ easy · {good}–{easy - 1} good · {hard}–{good - 1} hard · "
        f"under {hard} again",
        "recognition": f"Right within {RECOGNITION_EASY_S:.0f} s after the clip: easy · within "
        f"{RECOGNITION_GOOD_S:.0f} s: good · slower: hard · wrong: again",
        "day_met": MET_TODAY_RULE,
        "shown": SHOWN_RULE,
    }
