"""Review: what is due today, the daily cap of new signs, a session that mixes recognition and production,
and a session closed halfway that carries on where it stopped."""

import json
import random
from dataclasses import replace
from datetime import timedelta

import pytest
from fsrs import Rating

from desktop_app.core.learning.overview import home_overview
from desktop_app.core.learning.review import LEARN_AHEAD, MISSED_TWICE, REVIEW_TITLE, LearningPath, Rated, mix
from desktop_app.core.learning.scheduling import MET_TODAY_WORDS, WATCHED_WORDS
from desktop_app.core.learning.store import ExerciseKind, SavedSession, Step, StepKind
from signcore.database import SignDatabase
from signcore.lessons import lesson_tag
from tests.desktop_app.core.learning.helpers import (
    START,
    add_signs,
    answer,
    every_exercise,
    learn,
    open_path,
    take_steps,
)
from tests.support import kill_writer_mid_stream

KILL_ROUNDS = 8
KILL_TEST_SIGNS = 2000  # a session of 6,000+ steps: longer than the 8 rounds together even on a quiet machine
GLOSSES = ["hallo", "ich", "du", "Tag", "heute", "morgen", "essen"]


def run_session(session, right: bool = True) -> None:
    """Answer every step: recognitions at once, productions with a good score (or all wrong)."""
    while session.current is not None:
        step = session.current
        if step.kind is StepKind.INTRODUCE:
            session.introduced()
        elif step.kind is StepKind.RECOGNITION:
            session.answer_recognition(step.sign_id if right else -1, seconds=2.0, clip_seconds=2.0)
        else:
            session.answer_production(80.0 if right else 10.0)


def test_new_signs_are_capped_per_day_and_the_cap_resets_the_next_day(database, clock):
    add_signs(database, "DGS", GLOSSES)
    path = open_path(database, clock)
    today = path.today(new_per_day=3, can_do=every_exercise)
    assert len(today.new_signs) == 3 and today.due == ()
    first = path.start_review(3, every_exercise)
    assert first.saved.title == "Today's new signs"  # as the home screen's button says: nothing to review
    run_session(first)
    clock.advance(hours=2)
    later = path.today(new_per_day=3, can_do=every_exercise)
    assert later.met_today == 3 and later.new_signs == ()  # the day's three are used up
    assert later.due == ()  # and what was learnt is not due again today
    clock.advance(days=1)
    tomorrow = path.today(new_per_day=3, can_do=every_exercise)
    assert len(tomorrow.new_signs) == 3 and tomorrow.met_today == 0
    clock.advance(days=30)
    assert path.today(new_per_day=3, can_do=every_exercise).due_signs == 3  # FSRS brings them back
    assert path.start_review(3, every_exercise).saved.title == "Today's review"


def test_whats_coming_up_is_fsrs_due_dates_by_day(database, clock):
    add_signs(database, "DGS", GLOSSES)
    path = open_path(database, clock)
    run_session(path.start_review(3, every_exercise))
    coming = path.coming_up(10, every_exercise)
    assert [day for day, _count in coming] == [(START + timedelta(days=n)).date() for n in range(1, 11)]
    # A sign counts on each day one of its exercises falls due: the day its rating said it comes back.
    due_days = {(sign_id, record.card.due.date()) for (sign_id, _kind), record in path.store.cards().items()}
    assert dict(coming) == {day: sum(due == day for _sign, due in due_days) for day, _count in coming}
    assert len({sign for sign, _due in due_days}) == 3  # every sign learnt today comes back within 10 days
    assert sum(count for _day, count in coming) == len(due_days)
    clock.advance(days=1)
    assert path.coming_up(10, every_exercise)[0][0] == (START + timedelta(days=2)).date()


def test_a_review_mixes_recognition_and_production_and_introduces_before_asking(database, clock):
    add_signs(database, "DGS", GLOSSES)
    path = open_path(database, clock)
    run_session(path.start_review(3, every_exercise))
    clock.advance(days=1)
    steps = list(path.start_review(2, every_exercise).saved.steps)
    kinds = {step.kind for step in steps}
    assert kinds == {StepKind.INTRODUCE, StepKind.RECOGNITION, StepKind.PRODUCTION}
    for index, step in enumerate(steps):
        if step.kind is not StepKind.INTRODUCE and step.sign_id in {s.sign_id for s in steps[index:]}:
            introductions = [i for i, s in enumerate(steps) if s == Step(step.sign_id, StepKind.INTRODUCE)]
            assert all(i < index for i in introductions)
    neighbours = list(zip(steps, steps[1:], strict=False))
    assert all(a.sign_id != b.sign_id for a, b in neighbours)  # enough signs to keep a sign's steps apart


def test_mix_keeps_two_exercises_of_one_sign_apart():
    due = [Step(1, StepKind.RECOGNITION), Step(1, StepKind.PRODUCTION), Step(2, StepKind.RECOGNITION)]
    assert [step.sign_id for step in mix(due, [], every_exercise)] == [1, 2, 1]


def test_only_exercises_that_can_be_done_are_planned(database, clock):
    add_signs(database, "DGS", GLOSSES[:2])
    path = open_path(database, clock)
    no_camera_model = lambda _sign_id, kind: kind is ExerciseKind.RECOGNITION  # noqa: E731
    steps = path.start_review(5, no_camera_model).saved.steps
    assert {step.kind for step in steps} == {StepKind.INTRODUCE, StepKind.RECOGNITION}


def test_a_rating_says_when_its_exercise_comes_back_not_the_sign_whose_other_exercise_is_due(database, clock):
    """ "Which sign is this?" answered Easy said "it comes back in 8 days" while Home still counted the sign
    due today: its sign-it-from-memory exercise was. The words speak of the exercise answered."""
    sign_id, _other = add_signs(database, "DGS", ["hallo", "ich"])
    path = open_path(database, clock)
    session = path.start_review(2, every_exercise)
    take_steps(session, 2)  # both met
    assert session.current == Step(sign_id, StepKind.RECOGNITION)
    clock.advance(days=1)  # an answer on the day the sign was met is at most Good
    rated = session.answer_recognition(sign_id, seconds=1.0, clip_seconds=2.0)
    assert (rated.rating, rated.comes_back) == (
        Rating.Easy,
        "you'll be asked to recognise it again in 8 days",
    )
    due = path.today(2, every_exercise).due
    assert Step(sign_id, StepKind.PRODUCTION) in due and Step(sign_id, StepKind.RECOGNITION) not in due
    while session.current != Step(sign_id, StepKind.PRODUCTION):
        take_steps(session, 1)
    rated = session.answer_production(90.0)
    assert rated.comes_back.startswith("you'll be asked to sign it again in ")


def test_an_answer_on_the_day_its_sign_was_met_is_at_most_good(database, clock):
    """A quick right answer seconds after a sign's introduction was Easy, "in 9 days": short-term
    memory taken for recall. That day it is Good (FSRS's learning steps: minutes, then days); a day on,
    Easy again."""
    sign_id, _other = add_signs(database, "DGS", ["hallo", "ich"])
    path = open_path(database, clock)
    session = path.start_review(2, every_exercise)
    take_steps(session, 2)  # both met
    rated = session.answer_recognition(sign_id, seconds=1.0, clip_seconds=2.0)  # quick enough for Easy
    assert rated == Rated(
        Rating.Good, "you'll be asked to recognise it again in a few minutes", note=MET_TODAY_WORDS
    )
    clock.advance(minutes=10)
    card, _log = path.store.scheduler.review_card(
        path.store.cards()[(sign_id, ExerciseKind.RECOGNITION)].card, Rating.Good, clock.now()
    )
    assert (card.due - clock.now()).days == 2  # a second Good that day: a first review two days on
    clock.advance(days=1)
    again = path.start_review(2, every_exercise)
    while again.current != Step(sign_id, StepKind.RECOGNITION):
        take_steps(again, 1)
    assert again.answer_recognition(sign_id, seconds=1.0, clip_seconds=2.0).rating == Rating.Easy


def test_an_exercise_missed_twice_in_a_session_waits_for_the_next_day(database, clock):
    """A "sign it" step the learner kept failing came back "right away" without end. Missed a
    second time in a session, an exercise is put off to the learner's next day, and the words say why."""
    add_signs(database, "DGS", GLOSSES[:3])
    path = open_path(database, clock)
    session = path.start_review(3, every_exercise)
    while session.current.kind is StepKind.INTRODUCE:
        session.introduced()
    missed = session.current
    assert answer(session, Rating.Again).endswith(" again in a few minutes")
    while session.current != missed:
        take_steps(session, 1)
    rated = session.answer_recognition(-1, seconds=1.0, clip_seconds=0.0)  # wrong again
    assert rated == Rated(Rating.Again, "you'll be asked to recognise it again tomorrow", MISSED_TWICE)
    assert missed not in session.saved.steps
    card = path.store.cards()[(missed.sign_id, ExerciseKind.RECOGNITION)].card
    assert card.due == START.replace(hour=0) + timedelta(days=1)  # the learner's next day


def test_a_sign_shown_on_asking_is_forgotten_once_and_then_signed_at_most_good(database, clock):
    """ "Show me the sign" pressed again when the "sign it" step came back rated it Again a second time:
    "missed twice", the step waited a day and was never signed after watching. The rule (.scheduling):
    shown, it is rated Again once; shown again while its last rating in the session is Again, it is not
    rated and comes back; a failed attempt after watching is its first miss, not its second; a fine
    attempt after watching is rated at most Good (copied seconds after the clip, not recalled)."""
    hallo, ich = add_signs(database, "DGS", ["hallo", "ich"])
    path = open_path(database, clock)
    for sign_id in (hallo, ich):
        learn(path, sign_id)
    clock.advance(days=5)  # both due, met on an earlier day: no rating held to Good for that
    session = path.start_review(2, every_exercise)
    while session.current.kind is not StepKind.PRODUCTION:
        take_steps(session, 1)
    shown = session.current
    forgot = session.forgot_production()
    assert forgot == Rated(Rating.Again, "you'll be asked to sign it again in a few minutes")
    while session.current != shown:
        take_steps(session, 1)  # the other sign's
    reviews = len(path.store.reviews())
    assert session.forgot_production() == "you'll be asked to sign it again right away"  # watched again
    assert len(path.store.reviews()) == reviews and session.current == shown  # not rated, asked again
    assert path.resume(2, every_exercise).sitting.shown == (shown.sign_id,)  # kept with the session
    failed = session.answer_production(10.0)  # after watching: the first failed attempt, not the second
    assert failed == Rated(Rating.Again, "you'll be asked to sign it again right away")
    assert session.answer_production(90.0) == Rated(
        Rating.Good, "you'll be asked to sign it again tomorrow", WATCHED_WORDS
    )  # not Easy
    assert session.current is None


def test_a_sign_shown_after_two_failed_attempts_still_waits_for_another_day(database, clock):
    """Watching is no failed try, but two failed attempts are "missed twice", watched between or not."""
    hallo, ich = add_signs(database, "DGS", ["hallo", "ich"])
    path = open_path(database, clock)
    for sign_id in (hallo, ich):
        learn(path, sign_id)
    clock.advance(days=5)
    session = path.start_review(2, every_exercise)
    while session.current.kind is not StepKind.PRODUCTION:
        take_steps(session, 1)
    shown = session.current
    assert answer(session, Rating.Again) == "you'll be asked to sign it again in a few minutes"
    take_steps(session, 1)  # the other sign's
    assert session.forgot_production() == "you'll be asked to sign it again right away"  # missed already
    assert session.answer_production(10.0) == Rated(
        Rating.Again, "you'll be asked to sign it again tomorrow", MISSED_TWICE
    )
    assert shown not in session.saved.steps


def test_a_wrong_answer_comes_back_in_the_same_session(database, clock):
    sign_id, other = add_signs(database, "DGS", ["hallo", "ich"])
    path = open_path(database, clock)
    session = path.start_review(2, every_exercise)
    take_steps(session, 2)  # both met
    assert session.current == Step(sign_id, StepKind.RECOGNITION)
    clock.advance(days=1)  # an answer on the day the sign was met is at most Good
    rated = session.answer_recognition(-1, seconds=4.0, clip_seconds=2.0)
    assert (rated.rating, rated.comes_back) == (
        Rating.Again,
        "you'll be asked to recognise it again in a few minutes",
    )
    assert list(session.saved.steps) == [
        Step(other, StepKind.RECOGNITION),
        Step(sign_id, StepKind.PRODUCTION),
        Step(other, StepKind.PRODUCTION),
        Step(sign_id, StepKind.RECOGNITION),
    ]
    assert session.done == 3 and session.again == 1
    assert session.to_go == 8  # new cards: each asked twice more when answered well
    due = path.store.cards()[(sign_id, ExerciseKind.RECOGNITION)].card.due
    assert due <= clock.now() + LEARN_AHEAD


def learnt(database, clock, glosses) -> tuple[LearningPath, list[int]]:
    """A learning path whose signs ``glosses`` were learnt a month ago: both their exercises due today."""
    sign_ids = add_signs(database, "DGS", glosses)
    path = open_path(database, clock)
    for sign_id in sign_ids:
        learn(path, sign_id)
    clock.advance(days=30)
    return path, sign_ids


def test_a_review_of_one_sign_asks_which_sign_first_and_never_right_after_its_name_was_shown(database, clock):
    """A review of please asked "Sign it from memory: please", then "Which sign is this?" on please (the name
    had just been on screen: rated Good for free), then "Sign it from memory: please" again. Its recognition
    comes first; one that would come right after a step of its sign is left to a later session."""
    path, (sign_id,) = learnt(database, clock, ["hallo"])
    session = path.start_review(5, every_exercise)
    recognition, production = Step(sign_id, StepKind.RECOGNITION), Step(sign_id, StepKind.PRODUCTION)
    assert session.saved.steps == (recognition, production)
    answer(session, Rating.Again)  # wrong: FSRS has it due in minutes, but only its sign is left
    assert session.saved.steps == (production,)
    # a production comes back right after itself to be tried again (there is no other sign), said so
    assert answer(session, Rating.Again) == "you'll be asked to sign it again right away"
    assert session.saved.steps == (production,)
    answer(session, Rating.Good)
    assert session.current is None
    # Left to a later day: the next review today asked it a minute later, its name just shown
    assert path.due(every_exercise) == [] and path.start_review(5, every_exercise) is None
    clock.advance(days=1)
    assert path.start_review(5, every_exercise).saved.steps[0] == recognition


def test_a_sign_met_alone_is_asked_to_sign_it_and_recognised_in_a_later_session(database, clock):
    """Just met, its name and clip on screen: choosing its name among four was no test. Planned all the
    same (the plan is what the session holds), and left out once the sign was met."""
    (sign_id,) = add_signs(database, "DGS", ["hallo"])
    path = open_path(database, clock)
    session = path.start_review(5, every_exercise)
    introduce, recognition, production = (Step(sign_id, kind) for kind in StepKind)
    assert session.saved.steps == (introduce, recognition, production)
    assert session.to_go == 2  # met, and signed once: a right answer's repeat would follow itself
    session.introduced()
    assert session.saved.steps == (production,) and session.to_go == 1
    run_session(session)
    assert path.due(every_exercise) == []  # Home said "1 sign due" right after the session
    clock.advance(days=1)
    assert Step(sign_id, StepKind.RECOGNITION) in path.due(every_exercise)


def test_a_right_answer_is_not_asked_again_straight_after_itself(database, clock):
    """A walk-through: a lesson of one sign said "Good: you'll be asked to sign it again in a few minutes"
    and asked "Sign it from memory" on it at once. A repeat of what was just signed tests no memory: it is
    put off to the next day, as a recognition of the one sign left is, and the words say so."""
    (sign_id,) = add_signs(database, "DGS", ["hallo"])
    path = open_path(database, clock)
    session = path.start_review(5, every_exercise)
    session.introduced()
    assert session.current == Step(sign_id, StepKind.PRODUCTION)
    assert answer(session, Rating.Good) == "you'll be asked to sign it again tomorrow"
    assert session.current is None and path.due(every_exercise) == []
    clock.advance(days=1)
    assert Step(sign_id, StepKind.PRODUCTION) in path.due(every_exercise)


def test_a_hard_answer_at_the_end_of_a_lesson_is_not_todays_review_right_after(database, clock):
    """A walk-through: the lesson "Solo" (one sign) ended on "Hard: you'll be asked to sign it again in your
    next review", and Home at once offered "today's review of the other signs (about 1 steps)", which asked
    the very step just answered (FSRS has a Hard learning step due in minutes). What a session does not ask
    again is due from the learner's next day, and the words say when."""
    (sign_id,) = add_signs(database, "ASL", ["my wave"], tags=[lesson_tag("Solo")])
    path = open_path(database, clock)
    lesson = path.start_lesson(path.lessons()[0], every_exercise)
    lesson.introduced()
    assert answer(lesson, Rating.Again) == "you'll be asked to sign it again right away"
    assert answer(lesson, Rating.Hard) == "you'll be asked to sign it again tomorrow"
    assert lesson.current is None
    clock.advance(minutes=10)  # well past FSRS's minutes
    assert path.due(every_exercise) == []
    home = home_overview(path, 5, every_exercise, model_loaded=True)
    assert home.due == "No signs due for review today"
    assert home.review_text == "▶  Start today's review: all done for today"
    clock.advance(days=1)
    assert Step(sign_id, StepKind.PRODUCTION) in path.due(every_exercise)


def test_a_hard_answer_in_an_unfinished_lesson_is_not_asked_by_todays_review(database, clock):
    """While a lesson goes on, today's review leaves it the steps it still asks; a step it answered Hard (not
    asked again in it) was left to no one: the review asked it minutes later."""
    first, _second = add_signs(database, "DGS", GLOSSES[:2], tags=[lesson_tag("DGS 1 · People")])
    path = open_path(database, clock)
    lesson = path.start_lesson(path.lessons()[0], every_exercise)
    while lesson.current.kind is StepKind.INTRODUCE:
        lesson.introduced()
    hard = lesson.current
    assert answer(lesson, Rating.Hard).endswith(" again tomorrow")
    assert hard not in lesson.saved.steps
    clock.advance(minutes=10)
    assert hard not in path.due(every_exercise)
    review = path.start_review(5, every_exercise)
    assert review is None or hard not in review.saved.steps


def test_a_recognition_put_off_waits_for_tomorrow_once_the_session_has_taken_it_out(database, clock):
    """Home said "1 sign due" right after a session whose last sign's recognition was put off (its name was
    just shown), and the next review asked it a minute later. Put off to the learner's next day by the step
    that takes it out of the session; every recognition a session stopped still plans stays due."""
    signs = add_signs(database, "DGS", ["hallo", "ich", "du"])
    path = open_path(database, clock)
    review = path.start_review(1, every_exercise)  # one new sign: met, then asked to sign it only
    alone = review.introduced().sign_id
    others = set(signs) - {alone}
    recognition = Step(alone, StepKind.RECOGNITION)
    assert review.saved.steps == (Step(alone, StepKind.PRODUCTION),)  # then the learner stops
    assert path.due(every_exercise) == [Step(alone, StepKind.PRODUCTION)]  # and the review resumes so
    home = home_overview(path, 1, every_exercise, model_loaded=True)
    assert home.due == "<b>1 sign</b> due today" and home.continue_text.endswith("(1 step left)")
    run_session(path.resume(5, every_exercise))
    home = home_overview(path, 1, every_exercise, model_loaded=True)
    assert home.due == "No signs due for review today"
    assert home.coming_up.startswith("<b>Coming up</b> (signs newly due each day): tomorrow 1 ")
    assert home.review_text == "▶  Start today's review: all done for today"
    review = path.start_review(5, every_exercise)  # today's other new signs: each recognition planned
    planned = {Step(sign_id, StepKind.RECOGNITION) for sign_id in others}
    assert planned <= set(review.saved.steps) and recognition not in review.saved.steps
    take_steps(review, 2)  # both met, then the learner stops: their recognitions stay due and planned
    assert planned <= set(path.due(every_exercise)) and planned <= set(
        path.resume(5, every_exercise).saved.steps
    )
    clock.advance(days=1)
    assert recognition in path.due(every_exercise)


def recognition_only(_sign_id, kind) -> bool:
    """What can be asked with no sign model loaded."""
    return kind is ExerciseKind.RECOGNITION


def test_a_recognition_put_off_leaves_every_other_session_left_unfinished(database, clock):
    """Today's new signs, stopped at hallo's introduction; the lesson with hallo met it ("Got it"), put off
    its recognition (only it was left) and ended. Home then offered "Continue where you stopped: Today's new
    signs (2 steps left)", which asked "Which sign is this?" on hallo seconds after its name was shown."""
    (hallo,) = add_signs(database, "DGS", ["hallo"], tags=[lesson_tag("DGS 1 · Greetings")])
    path = open_path(database, clock)
    review = path.start_review(1, recognition_only)
    assert review.current == Step(hallo, StepKind.INTRODUCE)  # the learner stops here
    lesson = path.start_lesson(path.lessons()[0], recognition_only, 1)
    take_steps(lesson, 1)
    assert lesson.current is None and lesson.saved.put_off == (Step(hallo, StepKind.RECOGNITION),)
    home = home_overview(path, 1, recognition_only, model_loaded=False)
    assert (home.due, home.continue_text) == ("No signs due for review today", None)
    assert path.resume(1, recognition_only) is None and path.store.saved_sessions() == []
    clock.advance(days=1)
    assert path.start_review(1, recognition_only).current == Step(hallo, StepKind.RECOGNITION)


def test_a_review_continued_after_a_lesson_put_off_a_recognition_asks_the_rest_as_home_counts_it(
    database, clock
):
    """Today's review planned three new signs; a lesson with one of them, started and finished, put off its
    recognition, and the review, continued, still asked it: Home counted it in the review's steps left."""
    (hallo,) = add_signs(database, "DGS", ["hallo"], tags=[lesson_tag("DGS 1 · Greetings")])
    others = add_signs(database, "DGS", ["ich", "du"])
    path = open_path(database, clock)
    review = path.start_review(5, every_exercise)  # then the learner stops at once
    assert Step(hallo, StepKind.RECOGNITION) in review.saved.steps
    clock.advance(minutes=1)
    lesson = path.start_lesson(path.lessons()[0], every_exercise, 5)
    run_session(lesson)
    assert lesson.saved.done == 2  # met and signed, its recognition and the signing's repeat put off
    home = home_overview(path, 5, every_exercise, model_loaded=True)
    continued = path.resume(5, every_exercise)
    assert {step.sign_id for step in continued.saved.steps} == set(others)
    assert (
        home.continue_text
        == f"▶  Continue where you stopped: Today's new signs ({continued.to_go} steps left)"
    )
    assert home.due == "No signs due for review today"


def test_a_lesson_of_one_new_sign_left_unfinished_keeps_all_its_steps_from_todays_review(database, clock):
    """A lesson's plan of one new sign left out its recognition, so the lesson no longer held it: today's
    review asked "Which sign is this?" on a sign not met yet, and its answer could not be saved ("sign 1 has
    no recognition card: introduce it first"; only Skip got out). Every step of the review can be answered."""
    (in_lesson,) = add_signs(database, "DGS", ["ich"], tags=[lesson_tag("DGS 1 · People")])
    (other,) = add_signs(database, "DGS", ["hallo"])
    path = open_path(database, clock)
    lesson = path.start_lesson(path.lessons()[0], every_exercise, new_per_day=5)
    assert set(lesson.saved.steps) == {Step(in_lesson, kind) for kind in StepKind}  # all of it, held
    review = path.start_review(5, every_exercise)
    assert {step.sign_id for step in review.saved.steps} == {other}
    run_session(review)
    assert path.saved_session(None, 5, every_exercise) is None and in_lesson not in path.met_signs()


def test_a_lesson_saved_without_its_new_signs_recognition_still_keeps_it_from_todays_review(database, clock):
    """As the previous version saved a lesson of one new sign: its introduction and production only."""
    (in_lesson,) = add_signs(database, "DGS", ["ich"], tags=[lesson_tag("DGS 1 · People")])
    add_signs(database, "DGS", ["hallo"])
    path = open_path(database, clock)
    lesson = path.start_lesson(path.lessons()[0], every_exercise, new_per_day=5)
    path.store.save_session(
        replace(
            lesson.saved, steps=(Step(in_lesson, StepKind.INTRODUCE), Step(in_lesson, StepKind.PRODUCTION))
        )
    )
    review = path.start_review(5, every_exercise)
    assert in_lesson not in {step.sign_id for step in review.saved.steps}
    run_session(review)
    assert path.saved_session(None, 5, every_exercise) is None


def test_a_signs_steps_are_never_back_to_back_while_others_can_go_between_and_resume_so(tmp_path, clock):
    """Also when steps come back (answered wrong, or new): after another sign's, and a session carried on
    after the app was closed asks them in the order saved."""
    file = tmp_path / "signs.db"
    with SignDatabase(file) as database:
        path, _learnt = learnt(database, clock, ["hallo", "ich"])
        add_signs(database, "DGS", ["du"])  # and one new sign
        session = path.start_review(1, every_exercise)
        asked = take_steps(session, 2)
        asked.append(session.current)
        answer(session, Rating.Again)
        planned = session.saved.steps
        assert asked[-1] in planned and planned[0].sign_id != asked[-1].sign_id
    with SignDatabase(file) as database:  # the app is started again
        resumed = open_path(database, clock).resume(5, every_exercise)
        assert resumed.saved.steps == planned
        ratings = iter(
            [Rating.Again, Rating.Good, Rating.Hard, Rating.Again, Rating.Easy] + [Rating.Good] * 40
        )
        while resumed.current is not None:
            step = resumed.current
            if step.sign_id == asked[-1].sign_id:  # only when no other sign is left to go between
                assert step.kind is StepKind.PRODUCTION
                assert {later.sign_id for later in resumed.saved.steps} == {step.sign_id}
            asked.append(step)
            if step.kind is StepKind.INTRODUCE:
                resumed.introduced()
            else:
                answer(resumed, next(ratings))
        assert len(asked) > 8  # steps came back


def assert_apart(asked: list[tuple[Step, set[int]]]) -> None:
    """No two steps asked one after the other are of one sign, but when only that sign was left (``asked``:
    each step with the signs of the steps left when it was asked, itself included)."""
    for (before, _left), (step, left) in zip(asked, asked[1:], strict=False):
        assert step.sign_id != before.sign_id or left == {step.sign_id}, (before, step, left)


def test_a_signs_steps_are_never_back_to_back_with_a_lessons_steps_left_out_and_signs_skipped(
    database, clock
):
    """Steps were ordered, then a lesson's steps taken out of today's review, or a skipped sign's out of the
    session: the review asked [meet hallo, which sign is hallo, sign hallo] beside a lesson of ich and du, and
    meeting a, skipping b asked a's recognition right after a's name."""
    in_lesson = add_signs(database, "DGS", ["ich", "du"], tags=[lesson_tag("DGS 1 · People")])
    path = open_path(database, clock)
    for sign_id in add_signs(database, "DGS", ["Tag", "heute"]):
        learn(path, sign_id)
    clock.advance(days=30)
    add_signs(database, "DGS", ["hallo", "essen", "morgen"])  # new, in no lesson
    lesson = path.start_lesson(path.lessons()[0], every_exercise, new_per_day=5)
    take_steps(lesson, 1)  # left unfinished today: the review leaves its steps to it
    today = path.today(8, every_exercise)
    planned = today.review_steps(every_exercise)
    assert all(a.sign_id != b.sign_id for a, b in zip(planned, planned[1:], strict=False))
    review = path.start_review(8, every_exercise)
    assert review.saved.steps == planned
    assert not {step.sign_id for step in review.saved.steps} & set(in_lesson)
    ratings = iter([Rating.Again, Rating.Good, Rating.Again, Rating.Hard] + [Rating.Good] * 100)
    asked: list[tuple[Step, set[int]]] = []
    skips = 0
    while review.current is not None:
        step, left = review.current, {later.sign_id for later in review.saved.steps}
        if step.kind is StepKind.INTRODUCE:
            review.introduced()
        elif skips < 2 and len(asked) in (3, 6):  # one after a new sign was met, one after a wrong answer
            review.skip()
            skips += 1
            continue
        else:
            answer(review, next(ratings))
        asked.append((step, left))
    assert skips == 2 and len(asked) > 10
    assert_apart(asked)


def test_skipping_a_sign_between_two_steps_of_another_keeps_them_apart(database, clock):
    """Met du, skipped the step after it: du's recognition came next, right after its name was shown."""
    path, _learnt = learnt(database, clock, ["hallo", "Tag"])
    (new,) = add_signs(database, "DGS", ["du"])
    review = path.start_review(1, every_exercise)
    assert take_steps(review, 2)[-1] == Step(new, StepKind.INTRODUCE)
    skipped = review.skip()
    assert skipped.sign_id != new and review.current.sign_id not in {new, skipped.sign_id}
    assert Step(new, StepKind.RECOGNITION) in review.saved.steps  # still asked, after another sign's


def test_a_session_saved_in_the_order_of_an_earlier_version_is_carried_on_apart(database, clock):
    """The previous version saved sessions ordered before a lesson's steps were taken out of them."""
    first, second = add_signs(database, "DGS", GLOSSES[:2])
    path = open_path(database, clock)
    steps = (
        Step(first, StepKind.INTRODUCE),
        Step(first, StepKind.RECOGNITION),
        Step(second, StepKind.INTRODUCE),
        Step(second, StepKind.RECOGNITION),
    )
    path.store.save_session(SavedSession(REVIEW_TITLE, None, steps, 0, START, START))
    assert path.resume(5, every_exercise).saved.steps == (steps[0], steps[2], steps[1], steps[3])


def test_closing_mid_session_loses_nothing(tmp_path, clock):
    file = tmp_path / "signs.db"
    with SignDatabase(file) as database:
        add_signs(database, "DGS", GLOSSES)
        session = open_path(database, clock).start_review(2, every_exercise)
        planned = list(session.saved.steps)
        for _ in range(3):  # the two introductions and one exercise
            step = session.current
            if step.kind is StepKind.INTRODUCE:
                session.introduced()
            else:
                session.answer_recognition(step.sign_id, seconds=20.0, clip_seconds=1.0)  # Hard: not again
    clock.advance(minutes=5)
    with SignDatabase(file) as database:  # the app is started again
        path = open_path(database, clock)
        resumed = path.resume(5, every_exercise)
        assert resumed is not None and resumed.done == 3
        assert list(resumed.saved.steps) == planned[3:]
        assert len(path.store.reviews()) == 1 and len(path.store.cards()) == 4
        run_session(resumed)
        assert path.resume(5, every_exercise) is None  # finished: nothing left to resume


def test_a_lesson_teaches_the_days_new_signs_then_the_rest_beyond_the_daily_cap(database, clock):
    lesson_ids = add_signs(database, "DGS", GLOSSES[:4], tags=[lesson_tag("DGS 1 · People")])
    add_signs(database, "DGS", GLOSSES[4:], tags=[lesson_tag("DGS 2 · Time")])
    path = open_path(database, clock)
    assert path.next_lesson(every_exercise).lesson.name == "DGS 1 · People"
    session = path.start_lesson(path.lessons()[0], every_exercise, new_per_day=3)
    introduced = [s.sign_id for s in session.saved.steps if s.kind is StepKind.INTRODUCE]
    assert introduced == lesson_ids[:3]  # the day's three
    run_session(session)
    session = path.start_lesson(path.lessons()[0], every_exercise, new_per_day=3)  # going on anyway
    assert [s.sign_id for s in session.saved.steps if s.kind is StepKind.INTRODUCE] == lesson_ids[3:]
    run_session(session)
    assert path.met_today() == 4
    assert path.today(new_per_day=3, can_do=every_exercise).new_signs == ()
    assert path.next_lesson(every_exercise).lesson.name == "DGS 2 · Time"
    (alone,) = lesson_ids[3:]  # met alone: its recognition is left to a later day
    assert path.due(every_exercise) == []
    clock.advance(days=1)
    assert Step(alone, StepKind.RECOGNITION) in path.due(every_exercise)
    for _session in range(2):  # twice, as FSRS's learning step asks, minutes apart
        run_session(path.start_lesson(path.lessons()[0], every_exercise))
        clock.advance(minutes=10)
    again = path.start_lesson(path.lessons()[0], every_exercise)  # nothing due: the whole lesson again
    assert {s.sign_id for s in again.saved.steps} == set(lesson_ids)
    assert StepKind.INTRODUCE not in {s.kind for s in again.saved.steps}


def test_a_lessons_steps_to_go_count_those_that_come_back(database, clock):
    """A lesson's "to go" is every step it takes when the answers are good, those that come back included
    (a new sign's exercise is asked again minutes later): it was the steps queued, each counted once, so it
    stood still through right answers whose step came back, and a wrong answer looked like a right one."""
    add_signs(database, "DGS", GLOSSES[:2], tags=[lesson_tag("DGS 1 · People")])
    path = open_path(database, clock)
    session = path.start_lesson(path.lessons()[0], every_exercise)
    planned = session.to_go
    assert planned == 2 * (1 + 2 + 2)  # each sign: met once, then each exercise twice (FSRS's learning steps)
    while session.current is not None:
        before = session.to_go
        if session.current.kind is StepKind.INTRODUCE:
            session.introduced()
        else:
            answer(session, Rating.Good)
        clock.advance(seconds=30)
        assert session.to_go == before - 1  # every good answer brings it down, also when its step comes back
    assert session.done == planned  # and the lesson took exactly as many steps as it said at its start


def test_a_wrong_answer_keeps_the_steps_to_go_and_a_right_one_brings_them_down(database, clock):
    add_signs(database, "DGS", GLOSSES[:2], tags=[lesson_tag("DGS 1 · People")])
    path = open_path(database, clock)
    session = path.start_lesson(path.lessons()[0], every_exercise)
    while session.current.kind is StepKind.INTRODUCE:
        session.introduced()
    assert (session.to_go, session.again) == (8, 0)
    answer(session, Rating.Again)
    assert (session.to_go, session.again) == (8, 1)  # done one, and it comes back: as much left as before
    answer(session, Rating.Good)
    assert (session.to_go, session.again) == (7, 1)  # right, and it comes back once (a learning step)
    answer(session, Rating.Good)
    assert (session.to_go, session.again) == (6, 1)
    comes_back = answer(session, Rating.Hard)
    assert (session.to_go, session.again) == (4, 1)  # right but slow: not asked again now
    # FSRS has it due in minutes, but not in this session: it said "it comes back later today", then "in your
    # next review", and Home offered that review right after the session
    assert comes_back.endswith(" again tomorrow")


def test_a_deleted_sign_leaves_the_session_and_the_due_list(database, clock):
    first, second = add_signs(database, "DGS", GLOSSES[:2])
    path = open_path(database, clock)
    path.start_review(2, every_exercise)
    database.delete_sign(first)
    assert {step.sign_id for step in path.resume(5, every_exercise).saved.steps} == {second}


@pytest.mark.slow
def test_a_killed_app_keeps_every_answer_it_committed_and_nothing_half_done(tmp_path):
    file = tmp_path / "signs.db"
    with SignDatabase(file) as database:
        add_signs(database, "DGS", [f"sign {i}" for i in range(KILL_TEST_SIGNS)])
    rng = random.Random(19)
    for round_number in range(KILL_ROUNDS):
        promised = kill_writer_mid_stream(
            "tests.desktop_app.core.learning.session_writer_process", [str(file)], (0.0, 0.3), rng
        )
        with SignDatabase(file) as database:
            assert database.integrity_check() == "ok"
            path = LearningPath(database)
            saved = path.saved_session(None, 5, every_exercise)
            assert saved is not None, f"round {round_number}: the session was lost"
            if promised:
                assert saved.done >= promised[-1], f"round {round_number}: committed answers lost"
            # Each step done is either a sign met (its two cards) or one review: never one without the other.
            met = len(path.store.cards()) // 2
            assert len(path.store.cards()) == 2 * met
            assert saved.done == met + len(path.store.reviews()), f"round {round_number}"
    assert saved.done > KILL_ROUNDS  # the rounds did answer (and were cut mid-session)


def test_a_skipped_exercise_is_not_asked_again_in_the_same_session_but_its_signs_other_is(database, clock):
    """ "Skip this one" on a "sign it" step left the whole sign out, its recognition too, a retry just
    promised "in a few minutes". Skip leaves the exercise out of the rest of the session (it stays due); its
    sign's other exercise is asked as before. Skipping a new sign's introduction leaves the sign out."""
    add_signs(database, "DGS", GLOSSES[:3])
    path = open_path(database, clock)
    session = path.start_review(3, every_exercise)
    skipped_sign = session.skip()
    assert skipped_sign.kind is StepKind.INTRODUCE
    assert skipped_sign.sign_id not in {step.sign_id for step in session.saved.steps}  # never met
    while session.current.kind is StepKind.INTRODUCE:
        session.introduced()
    while session.current.kind is not StepKind.PRODUCTION:
        answer(session, Rating.Again)  # wrong: each recognition comes back in this session
    skipped = session.skip()
    assert skipped not in session.saved.steps and skipped not in path.resume(5, every_exercise).saved.steps
    assert Step(skipped.sign_id, StepKind.RECOGNITION) in session.saved.steps  # the retry promised
    assert skipped in path.due(every_exercise)  # still due


def test_each_lesson_and_the_review_keep_their_session_left_unfinished(database, clock):
    """Stopped a lesson, started and stopped today's review, started the lesson again: the lesson began
    afresh and the half-done review was gone, without a word. Each is kept and carried on where it stopped;
    what one answered in the meantime is not asked again by the other."""
    lesson_ids = add_signs(database, "DGS", GLOSSES[:3], tags=[lesson_tag("DGS 1 · People")])
    add_signs(database, "DGS", GLOSSES[3:])
    path = open_path(database, clock)
    review = path.start_review(5, every_exercise)
    take_steps(review, 5)  # the five new signs met, the lesson's first; then the learner stops
    review_left = review.saved.steps
    clock.advance(minutes=1)
    lesson = path.start_lesson(path.lessons()[0], every_exercise)  # its signs' exercises, due now
    in_lesson = take_steps(lesson, 3)  # then the learner stops
    lesson_left = lesson.saved.steps
    assert (
        path.resume(5, every_exercise).saved.steps == lesson_left
    )  # "where you stopped": the lesson, stopped last
    # The review held the lesson's signs' exercises too: those the lesson asked are not asked again by it.
    asked = set(in_lesson)
    assert {step.sign_id for step in asked} <= set(lesson_ids) and asked & set(review_left)
    clock.advance(minutes=1)
    again = path.start_review(5, every_exercise)
    assert again.done == 5  # where it stopped, not afresh
    # nor what the lesson still asks: that is the lesson's while it is left unfinished (Home offered both)
    assert again.saved.steps == tuple(step for step in review_left if step not in asked | set(lesson_left))
    # and keeps them in its record, to ask once the lesson no longer does: exactly its own steps still to do
    assert again.saved.record == set(review_left) - asked
    still_there = path.saved_session("DGS 1 · People", 5, every_exercise)
    assert still_there.steps == lesson_left  # the lesson is still there
    assert {session.title for session in path.store.saved_sessions()} == {
        "DGS 1 · People",
        "Today's new signs",
    }
    lesson_again = path.start_lesson(path.lessons()[0], every_exercise)
    assert lesson_again.saved.steps == lesson_left  # and carries on where it stopped


def test_todays_review_leaves_out_what_a_lesson_left_unfinished_still_asks(database, clock):
    """Home offered today's review beside "Continue lesson" over the same signs: the review asked the
    lesson's due exercises and introduced its next new signs, which the lesson's own session still asked.
    While the lesson is unfinished they are its own; the schedule stays as it is (they are still due), and
    once the lesson is done the review asks what is due of them again."""
    lesson_ids = add_signs(database, "DGS", GLOSSES[:3], tags=[lesson_tag("DGS 1 · People")])
    others = add_signs(database, "DGS", GLOSSES[3:5])
    path = open_path(database, clock)
    lesson = path.start_lesson(path.lessons()[0], every_exercise, new_per_day=5)
    take_steps(lesson, 1)  # one sign met; two still to meet in the lesson, and the first's exercises
    lesson_steps = set(lesson.saved.steps)
    today = path.today(5, every_exercise)
    assert {step.sign_id for step in today.due} == {lesson_ids[0]}  # due, as FSRS has it
    assert today.new_signs[:2] == tuple(lesson_ids[1:]) and set(today.new_signs[2:]) == set(
        others
    )  # as before
    assert today.review_due == () and set(today.review_new_signs) == set(others)
    assert today.due_in_lessons | today.new_in_lessons == set(lesson_ids)
    assert today.held_by(set(lesson_ids)) == ["DGS 1 · People"]
    review = path.start_review(5, every_exercise)
    assert {step.sign_id for step in review.saved.steps} == set(others)
    assert not lesson_steps & set(review.saved.steps)
    review.skip()
    review.skip()  # the review done, the lesson not
    assert path.saved_session(None, 5, every_exercise) is None
    while lesson.current is not None:
        take_steps(lesson, 1)
    clock.advance(days=30)  # the lesson done: its signs are the review's again
    assert {step.sign_id for step in path.today(5, every_exercise).review_due} == set(lesson_ids)


def test_a_session_saved_by_an_older_version_is_carried_on(tmp_path, clock):
    """Older versions kept the one session left unfinished in the table learning_session."""
    file = tmp_path / "signs.db"
    with SignDatabase(file) as database:
        first, second = add_signs(database, "DGS", GLOSSES[:2])
        open_path(database, clock)  # the learning tables
        with database.transaction() as conn:
            conn.execute("DROP TABLE learning_sessions")
            conn.execute(
                "INSERT INTO learning_session VALUES (1, 'Today''s review', NULL, ?, 2, 1, ?)",
                (f'[[{first}, "introduce"], [{second}, "introduce"]]', START.timestamp()),
            )
    with SignDatabase(file) as database:
        resumed = open_path(database, clock).resume(5, every_exercise)
        assert resumed.title == "Today's review" and resumed.done == 1
        assert resumed.saved.steps == (Step(first, StepKind.INTRODUCE), Step(second, StepKind.INTRODUCE))
        assert database.query("SELECT COUNT(*) FROM learning_session")[0][0] == 0  # moved, not copied


def test_a_session_an_older_version_saved_after_this_one_replaces_the_one_kept_here(tmp_path, clock):
    """Opening empties learning_session, so a session found there was saved by an older version since: it is
    the newer one, even when learning_sessions still holds a session under the same key."""
    file = tmp_path / "signs.db"
    with SignDatabase(file) as database:
        first, second = add_signs(database, "DGS", GLOSSES[:2])
        path = open_path(database, clock)
        take_steps(path.start_review(2, every_exercise), 1)  # this version's review, stopped after one step
        assert path.saved_session(None, 5, every_exercise) is not None
        with database.transaction() as conn:  # then an older version carries the review on and stops
            conn.execute(
                "INSERT INTO learning_session VALUES (1, 'Today''s review', NULL, ?, 3, 2, ?)",
                (f'[[{second}, "introduce"]]', START.timestamp()),
            )
    with SignDatabase(file) as database:
        resumed = open_path(database, clock).resume(5, every_exercise)
        assert resumed.done == 2
        assert resumed.saved.steps == (Step(second, StepKind.INTRODUCE),)


def test_a_session_an_older_version_saved_is_where_the_learner_stopped_when_it_stopped_last(tmp_path, clock):
    """An older version kept no time of saving, and the session it left was taken as saved when it started:
    a lesson stopped after that start, before the older version's last answer, was offered first as "where
    you stopped". It is saved when its last step was."""
    file = tmp_path / "signs.db"
    with SignDatabase(file) as database:
        # a lesson of one sign: the review's other signs are its own (a lesson's are the lesson's)
        add_signs(database, "DGS", GLOSSES[:1], tags=[lesson_tag("DGS 1 · People")])
        add_signs(database, "DGS", GLOSSES[1:])
        path = open_path(database, clock)
        review = path.start_review(3, every_exercise)  # by the older version
        take_steps(review, 1)
        clock.advance(minutes=1)
        take_steps(path.start_lesson(path.lessons()[0], every_exercise), 1)  # by this one, then stopped
        clock.advance(minutes=1)
        take_steps(path.start_review(3, every_exercise), 4)  # the older version goes on, and stops last
        left = path.saved_session(None, 5, every_exercise)
        with database.transaction() as conn:  # where the older version kept it
            conn.execute("DELETE FROM learning_sessions WHERE lesson = ''")
            conn.execute(
                "INSERT INTO learning_session VALUES (1, ?, NULL, ?, ?, ?, ?)",
                (
                    left.title,
                    json.dumps([[step.sign_id, step.kind.value] for step in left.steps]),
                    left.done + len(left.steps),
                    left.done,
                    START.timestamp(),
                ),
            )
    with SignDatabase(file) as database:
        resumed = open_path(database, clock).resume(5, every_exercise)
        assert resumed.title == left.title and resumed.saved.steps == left.steps
        (saved_at,) = database.query("SELECT saved_at FROM learning_sessions WHERE lesson = ''")[0]
        assert saved_at == (START + timedelta(minutes=2)).timestamp()


def test_the_signing_steps_are_left_for_later_at_once_and_stay_due(database, clock):
    """No camera: each "sign it" step of a lesson had to be skipped by hand, one after another. Skipping the
    signing leaves every one out of the rest of the session (as saved too), keeps the other exercises, and
    leaves them due."""
    add_signs(database, "DGS", GLOSSES[:3])
    path = open_path(database, clock)
    session = path.start_review(3, every_exercise)
    while session.current.kind is not StepKind.PRODUCTION:
        take_steps(session, 1)
    left = {step for step in session.saved.steps if step.kind is StepKind.PRODUCTION}
    others = [step for step in session.saved.steps if step.kind is not StepKind.PRODUCTION]
    assert session.skip_signing() == len(left) > 1
    assert [step for step in session.saved.steps if step.kind is StepKind.PRODUCTION] == []
    assert set(session.saved.steps) == set(others) and session.sitting.signing_skipped
    resumed = path.resume(5, every_exercise)
    assert resumed is None or StepKind.PRODUCTION not in {step.kind for step in resumed.saved.steps}
    assert set(path.due(every_exercise)) >= left  # still due
