"""Today's review and the lessons never ask the same step at once, in whatever order the learner starts,
leaves and finishes them: a lesson asks all of its signs due or new; while it is unfinished, today's review
and a lesson started before it leave those out."""

import pytest

from signcore.lessons import lesson_tag
from tests.desktop_app.core.learning.helpers import add_signs, every_exercise, learn, open_path, take_steps

PEOPLE, TIME = "DGS 1 · People", "DGS 2 · Time"
REVIEW = "review"


@pytest.fixture
def path(database, clock):
    """People: ich, du and hallo; Time: Tag and hallo (a sign in both lessons); heute and essen in none.
    ich, hallo, Tag and heute were learnt a month ago (due today); du and essen are today's new signs."""
    ich, _du = add_signs(database, "DGS", ["ich", "du"], tags=[lesson_tag(PEOPLE)])
    (hallo,) = add_signs(database, "DGS", ["hallo"], tags=[lesson_tag(PEOPLE), lesson_tag(TIME)])
    (tag,) = add_signs(database, "DGS", ["Tag"], tags=[lesson_tag(TIME)])
    heute, _essen = add_signs(database, "DGS", ["heute", "essen"])
    learning_path = open_path(database, clock)
    for sign_id in (ich, hallo, tag, heute):
        learn(learning_path, sign_id)
    clock.advance(days=30)
    return learning_path


def start(path, name: str):
    """Today's review, or the lesson ``name``: where it stopped, else a new session."""
    if name == REVIEW:
        return path.start_review(5, every_exercise)
    lesson = next(lesson for lesson in path.lessons() if lesson.name == name)
    return path.start_lesson(lesson, every_exercise, new_per_day=5)


def due_of(path, name: str) -> set:
    """The exercises due today of the lesson ``name``'s signs."""
    lesson = next(lesson for lesson in path.lessons() if lesson.name == name)
    return set(path.due(every_exercise, set(lesson.sign_ids)))


def steps_left(path) -> dict:
    """Each session left unfinished, by name: the steps it still asks."""
    return {session.lesson or REVIEW: set(session.steps) for session in path.store.saved_sessions()}


def assert_no_step_asked_twice(path) -> None:
    left = list(steps_left(path).items())
    for index, (name, steps) in enumerate(left):
        for other, other_steps in left[index + 1 :]:
            assert not steps & other_steps, f"{name} and {other} both ask {steps & other_steps}"


def test_a_lesson_started_while_todays_review_is_unfinished_asks_its_signs_and_the_review_leaves_them_out(
    path, clock
):
    review = start(path, REVIEW)
    take_steps(review, 2)  # then the learner stops
    held = set(review.saved.steps) & due_of(path, PEOPLE)
    assert held  # the review held some of the lesson's due exercises
    clock.advance(minutes=1)
    lesson = start(path, PEOPLE)
    assert held <= set(lesson.saved.steps)  # the lesson asks all of its signs due
    assert not held & steps_left(path)[REVIEW]  # and the review leaves them out while it is unfinished
    assert_no_step_asked_twice(path)


def test_a_sign_in_two_lessons_is_asked_by_the_lesson_started_last(path, clock):
    people = start(path, PEOPLE)
    take_steps(people, 1)  # then the learner stops
    clock.advance(minutes=1)
    time_lesson = start(path, TIME)
    hallo_due = due_of(path, PEOPLE) & due_of(path, TIME)
    assert hallo_due and hallo_due <= set(time_lesson.saved.steps)  # the lesson asks all of its signs
    left = steps_left(path)
    assert not hallo_due & left[PEOPLE]  # People, started before, leaves hallo out while Time is unfinished
    assert_no_step_asked_twice(path)
    while time_lesson.current is not None:  # Time done, hallo asked there
        take_steps(time_lesson, 1)
    clock.advance(minutes=1)
    # People carries on where it stopped, without what Time asked of hallo
    assert start(path, PEOPLE).saved.steps == tuple(
        step for step in people.saved.steps if step not in hallo_due
    )


Event = tuple[str, str]  # a session's name, and what the learner does with it
START, CONTINUE, FINISH = "start", "continue", "finish"


def interleavings(*sessions: tuple[Event, ...]) -> list[tuple[Event, ...]]:
    """Every order of the sessions' events in which each session's own keep their order."""
    if not any(sessions):
        return [()]
    return [
        (events[0], *order)
        for index, events in enumerate(sessions)
        if events
        for order in interleavings(*sessions[:index], events[1:], *sessions[index + 1 :])
    ]


def orders(events: tuple[str, ...], *names: str) -> list[tuple[Event, ...]]:
    """Every order in which the sessions ``names`` go through ``events`` each."""
    return interleavings(*(tuple((name, event) for event in events) for name in names))


def order_id(order) -> str:
    return " ".join(f"{name.split()[-1]}.{event}" for name, event in order)


def play(path, clock, order) -> None:
    """Play ``order``: a session's "start" and "continue" take two of its steps (a new session, or carried on
    where it stopped) and leave it, "finish" carries it on to its end. After each, no step is asked by two
    sessions; at the end, each exercise due was asked by one of them."""
    for name, event in order:
        clock.advance(minutes=1)
        fresh = name != REVIEW and name not in steps_left(path)
        session = start(path, name)
        if session is None:  # nothing left to do
            continue
        if fresh:  # a lesson started asks all of its signs due, whichever sessions held them
            assert due_of(path, name) <= steps_left(path)[name]
        if event == FINISH:
            while session.current is not None:
                take_steps(session, 1)
        else:
            take_steps(session, min(2, len(session.saved.steps)))
        assert_no_step_asked_twice(path)
    assert path.store.saved_sessions() == []
    assert path.due(every_exercise) == []


@pytest.mark.parametrize("order", orders((START, CONTINUE, FINISH), REVIEW, PEOPLE), ids=order_id)
def test_todays_review_and_a_lesson_in_every_order(path, clock, order):
    play(path, clock, order)


@pytest.mark.parametrize("order", orders((START, FINISH), REVIEW, PEOPLE, TIME), ids=order_id)
def test_todays_review_and_two_lessons_over_one_sign_in_every_order(path, clock, order):
    play(path, clock, order)
