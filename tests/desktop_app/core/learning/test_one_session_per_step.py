"""Today's review and the lessons never ask the same step at once, in whatever order the learner starts,
leaves, skips in and finishes them: a lesson asks all of its signs due or new; while it is unfinished on the
day it was worked on, today's review and a lesson started before it leave those out, and ask them once it
no longer does (it skipped the sign, or the day is over)."""

import shutil

import pytest

from desktop_app.core.learning.clock import ManualClock, day_of
from desktop_app.core.learning.overview import home_overview
from desktop_app.core.learning.store import Step, StepKind
from signcore.database import SignDatabase
from signcore.lessons import lesson_tag
from tests.desktop_app.core.learning import helpers
from tests.desktop_app.core.learning.helpers import add_signs, every_exercise, learn, open_path, take_steps

PEOPLE, TIME = "DGS 1 · People", "DGS 2 · Time"
REVIEW = "review"


@pytest.fixture(scope="module")
def learnt_a_month_ago(tmp_path_factory):
    """The database of ``path`` below, made once for the module's tests (each then works on its copy): its
    file, and the time its clock was left at."""
    file = tmp_path_factory.mktemp("learnt") / "signs.db"
    clock = ManualClock(helpers.START)
    with SignDatabase(file) as database:
        ich, _du = add_signs(database, "DGS", ["ich", "du"], tags=[lesson_tag(PEOPLE)])
        (hallo,) = add_signs(database, "DGS", ["hallo"], tags=[lesson_tag(PEOPLE), lesson_tag(TIME)])
        (tag,) = add_signs(database, "DGS", ["Tag"], tags=[lesson_tag(TIME)])
        heute, _essen = add_signs(database, "DGS", ["heute", "essen"])
        learning_path = open_path(database, clock)
        for sign_id in (ich, hallo, tag, heute):
            learn(learning_path, sign_id)
    clock.advance(days=30)
    assert [entry.name for entry in file.parent.iterdir()] == [file.name]  # closed whole: no journal left
    return file, clock.now()


@pytest.fixture
def path(learnt_a_month_ago, tmp_path, clock):
    """People: ich, du and hallo; Time: Tag and hallo (a sign in both lessons); heute and essen in none.
    ich, hallo, Tag and heute were learnt a month ago (due today); du and essen are today's new signs."""
    file, now = learnt_a_month_ago
    shutil.copyfile(file, tmp_path / "signs.db")
    clock.advance(seconds=(now - clock.now()).total_seconds())
    with SignDatabase(tmp_path / "signs.db") as database:
        yield open_path(database, clock)


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
    """Of today's sessions: today's review and the lessons worked on today (a lesson stopped on an earlier
    day holds nothing: today's review asks its signs too, and the lesson, continued, what is still to do)."""
    today = day_of(path.store.now(), path.clock)
    left = [
        (session.lesson or REVIEW, set(session.steps))
        for session in path.store.saved_sessions()
        if session.lesson is None or day_of(session.saved_at, path.clock) == today
    ]
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


def still_to_do(path) -> set[Step]:
    """The exercises due now and the introductions of today's new signs."""
    new = path.today(5, every_exercise).new_signs
    return set(path.due(every_exercise)) | {Step(sign_id, StepKind.INTRODUCE) for sign_id in new}


def test_a_lesson_stopped_on_an_earlier_day_leaves_its_signs_to_the_next_days_review(path, clock):
    """A lesson stopped one day kept its signs out of every review after: Home said "5 new signs to meet"
    and "Meet today's new signs" met one, the lesson's due signs were never reviewed (nor its new signs'
    places given to others). It holds them on the day it was worked on only; continued later, it asks what
    is still to do of them."""
    people = start(path, PEOPLE)
    take_steps(people, 1)  # then the learner stops, until the next day
    clock.advance(days=1)
    home = home_overview(path, 5, every_exercise, model_loaded=True)
    assert home.due_in_lessons == "" and "in your lesson" not in home.new
    review = start(path, REVIEW)
    assert still_to_do(path) <= set(review.saved.steps)  # all of today's, the lesson's signs' too
    while review.current is not None:
        take_steps(review, 1)
    people = start(path, PEOPLE)
    assert people is None or not set(people.saved.steps) & set(review.saved.steps)


@pytest.mark.parametrize("first", [REVIEW, PEOPLE])
def test_a_sign_a_lesson_skips_is_asked_by_todays_review(path, clock, first):
    """Today's review rewrote its record without the steps the lesson held; the lesson then skipped a sign:
    no session asked it today. The review keeps them in its record and asks them once the lesson does not."""
    take_steps(start(path, first), 1)  # then the learner stops
    clock.advance(minutes=1)
    take_steps(start(path, PEOPLE if first == REVIEW else REVIEW), 1)
    clock.advance(minutes=1)
    take_steps(start(path, REVIEW), 1)  # the review saved again while the lesson holds its signs
    clock.advance(minutes=1)
    lesson = start(path, PEOPLE)
    while lesson.current.kind is StepKind.INTRODUCE:
        take_steps(lesson, 1)
    skipped = lesson.skip()  # an exercise due (the lesson asks the sign's other one)
    review = start(path, REVIEW)
    assert skipped in still_to_do(path) and skipped in review.saved.steps


Event = tuple[str, str]  # a session's name, and what the learner does with it
START, CONTINUE, SKIP, FINISH = "start", "continue", "skip", "finish"
MIDNIGHT = ("", "midnight")  # the learner's day ends
RECOGNITION = StepKind.RECOGNITION


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
    return " ".join(f"{name.split()[-1]}.{event}" if name else event for name, event in order)


def finish(session) -> None:
    while session.current is not None:
        take_steps(session, 1)


def play(path, clock, order) -> None:
    """Play ``order``: a session's "start" and "continue" take two of its steps (a new session, or carried on
    where it stopped) and leave it, "skip" skips its current sign and leaves it, "finish" carries it on to its
    end; "midnight" starts the next day. After each, no step is asked by two of today's sessions, and while
    today's review is unfinished, every exercise due is asked by a session, but for the signs it skipped; at
    the end, each exercise due was asked by one of them, or is by the next reviews (skipped, due since
    midnight, or a recognition a session left for a later one: only its sign was left, its name just shown,
    review.in_asking_order)."""
    skipped_in_review: set[Step] = set()
    left_for_later: set[Step] = set()  # the recognitions the sessions took out of their steps
    for name, event in order:
        clock.advance(minutes=1)
        if (name, event) == MIDNIGHT:
            clock.advance(days=1)
            skipped_in_review.clear()
            continue
        fresh = name != REVIEW and name not in steps_left(path)
        session = start(path, name)
        if session is None:  # nothing left to do
            continue
        before = set(session.saved.steps)
        if fresh:  # a lesson started asks all of its signs due, whichever sessions held them
            assert due_of(path, name) <= steps_left(path)[name]
        if event == FINISH:
            finish(session)
        elif event == SKIP:
            skipped = session.skip()
            if name == REVIEW:
                skipped_in_review.add(skipped)
        else:
            take_steps(session, min(2, len(session.saved.steps)))
        left_for_later |= {step for step in before - set(session.saved.steps) if step.kind is RECOGNITION}
        assert_no_step_asked_twice(path)
        sessions = path.store.saved_sessions()
        if any(session.lesson is None for session in sessions):  # a sign due is asked by a session today
            asked = {step for session in sessions for step in session.steps}
            due = {step for step in path.due(every_exercise) if step not in skipped_in_review}
            assert due - left_for_later <= asked
    # What a lesson skipped after today's review was done: that review asks it again
    for name in steps_left(path):
        finish(start(path, name))
    assert path.store.saved_sessions() == []
    for _review in range(
        3
    ):  # what was skipped, due after midnight or left for later: the next reviews ask it
        if path.due(every_exercise):
            finish(start(path, REVIEW))
    assert path.store.saved_sessions() == []
    assert path.due(every_exercise) == []


@pytest.mark.parametrize("order", orders((START, CONTINUE, FINISH), REVIEW, PEOPLE), ids=order_id)
def test_todays_review_and_a_lesson_in_every_order(path, clock, order):
    play(path, clock, order)


@pytest.mark.parametrize("order", orders((START, FINISH), REVIEW, PEOPLE, TIME), ids=order_id)
def test_todays_review_and_two_lessons_over_one_sign_in_every_order(path, clock, order):
    play(path, clock, order)


@pytest.mark.parametrize("order", orders((START, SKIP, FINISH), REVIEW, PEOPLE), ids=order_id)
def test_todays_review_and_a_lesson_skipping_a_sign_in_every_order(path, clock, order):
    play(path, clock, order)


@pytest.mark.parametrize(
    "order",
    interleavings(*(((name, START), (name, FINISH)) for name in (REVIEW, PEOPLE)), (MIDNIGHT,)),
    ids=order_id,
)
def test_todays_review_and_a_lesson_across_midnight_in_every_order(path, clock, order):
    play(path, clock, order)


FOOD = "DGS 3 · Food"


def test_a_lesson_stopped_on_an_earlier_day_keeps_only_what_todays_review_does_not_ask(database, clock):
    """Both listed the lesson's steps until one of them answered them: Home said "Continue where you
    stopped: Food (12 steps left)" beside today's review over the same signs, counting them under both.
    From the next day today's review asks all that is due and the day's new signs; the lesson keeps the rest
    (here its sign beyond the day's new signs). Opened and left without an answer, it is not worked on today;
    once it is, it keeps those steps only, and the review still asks the others."""
    signs = add_signs(database, "DGS", ["Brot", "essen", "trinken"], tags=[lesson_tag(FOOD)])
    path = open_path(database, clock)
    lesson = start(path, FOOD)
    (met,) = take_steps(lesson, 1)  # a sign met, then the learner stops until the next day
    clock.advance(days=1)
    review_asks = set(path.today(1, every_exercise).review_steps(every_exercise))  # one new sign a day
    new = next(sign_id for sign_id in path.new_signs(every_exercise))
    assert {step.sign_id for step in review_asks} == {met.sign_id, new}  # the one met is due
    (stopped,) = path.unfinished(1, every_exercise)
    (rest,) = set(signs) - {met.sign_id, new}
    assert set(stopped.steps) == {Step(rest, kind) for kind in StepKind}
    (record,) = path.store.saved_sessions()  # the lesson's as stored: what it had still to do
    assert set(record.steps) == review_asks | set(stopped.steps)  # each asked by one
    home = home_overview(path, 1, every_exercise, model_loaded=True)
    # the last sign met, then signed: its recognition right after its name, and the signing's repeat right
    # after itself, wait for another day
    assert home.continue_text == "▶  Continue where you stopped: DGS 3 · Food (2 steps left)"
    assert "stopped with 2 steps left" in home.lesson_rows[0].list_text()
    assert home.review_text == "Start today's review (about 9 steps)"  # 4 of the one met, 5 of the new

    opened = path.start_lesson(path.lessons()[0], every_exercise, new_per_day=1)
    assert opened.saved.steps == stopped.steps  # what Home said it has left
    # The learner looks and stops without an answer: not worked on today, Home as it was
    assert path.today(1, every_exercise).lessons_holding == ()
    assert home_overview(path, 1, every_exercise, model_loaded=True) == home
    take_steps(opened, 1)  # its last sign met (the day's one new sign): worked on today, it keeps its steps
    assert path.saved_session(FOOD, 1, every_exercise).record == set(opened.saved.steps)
    asks_now = set(path.today(1, every_exercise).review_steps(every_exercise))
    assert {step for step in review_asks if step.sign_id == met.sign_id} == asks_now  # the review's as before
    review = start(path, REVIEW)
    finish(review)
    assert set(path.saved_session(FOOD, 1, every_exercise).steps) == set(opened.saved.steps)
