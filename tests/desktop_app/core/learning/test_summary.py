"""The end of a session in words: the signs met, how the answers went, when the signs come back."""

from datetime import timedelta

from fsrs import Rating

from desktop_app.core.learning.clock import ManualClock
from desktop_app.core.learning.scheduling import comes_back_words
from desktop_app.core.learning.store import ExerciseKind, StepKind
from desktop_app.core.learning.summary import session_summary
from signcore.lessons import lesson_tag
from tests.desktop_app.core.learning.helpers import START, add_signs, answer, every_exercise, open_path


def answered_well_to_the_end(session, clock) -> None:
    """Meet the new signs and answer every exercise well, a minute apart, until the session is over."""
    while session.current is not None:
        if session.current.kind is StepKind.INTRODUCE:
            session.introduced()
        else:
            answer(session, Rating.Good)
        clock.advance(minutes=1)


def recognition_only(_sign_id, kind) -> bool:
    return kind is ExerciseKind.RECOGNITION


def test_a_lesson_ends_with_what_was_met_how_it_went_and_when_it_comes_back(database, clock):
    add_signs(database, "DGS", ["hallo", "ich", "du"], tags=[lesson_tag("Greetings")])
    path = open_path(database, clock)
    session = path.start_lesson(path.lessons()[0], every_exercise, new_per_day=3)
    missed, hard = database.signs(search="ich")[0].id, database.signs(search="du")[0].id
    missed_once = False
    while session.current is not None:
        step = session.current
        if step.kind is StepKind.INTRODUCE:
            session.introduced()
        elif step.sign_id == missed and not missed_once:
            missed_once = answer(session, Rating.Again) is not None
        else:
            answer(session, Rating.Hard if step.sign_id == hard else Rating.Good)
        clock.advance(minutes=1)
    summary = session_summary(session, every_exercise)
    assert summary.heading == "Lesson done: Greetings"
    answers = len(session.sitting.ratings)
    assert summary.lines[:5] == (
        "You met 3 new signs: hallo (DGS), ich (DGS) and du (DGS).",
        f"You answered {answers} exercises, {answers - 1} of them right.",
        "Went well: hallo (DGS).",
        "Right, but not easy yet: du (DGS).",
        "Took another try: ich (DGS).",
    )
    back = summary.lines[5:]  # by the day each sign's first exercise falls due, the soonest first
    assert back and all(line.startswith("Coming back ") for line in back)
    assert " ".join(back).count("(DGS)") == 3
    # rated hard, FSRS has it due within minutes, but not in this session: "in your next review" was
    # offered on Home right after the lesson
    assert back[0].startswith("Coming back tomorrow: ") and back[0].endswith("du (DGS).")


def test_a_review_with_a_skipped_sign_says_it_stays_due(database, clock):
    add_signs(database, "DGS", ["hallo", "ich", "du", "unser", "Tag"])
    path = open_path(database, clock)
    session = path.start_review(2, recognition_only)
    session.introduced()
    session.introduced()
    skipped = database.sign_name(database.sign(session.skip().sign_id))  # its recognition: it stays due
    assert session.current is None  # the other's recognition, right after its name, is put off
    summary = session_summary(session, recognition_only)
    assert summary.heading == "Today's new signs: done"
    first, second = (database.sign_name(database.sign(sign_id)) for sign_id in session.sitting.met)
    other = first if second == skipped else second
    assert summary.lines == (
        f"You met 2 new signs: {first} and {second}.",
        f"You skipped exercises of {skipped}: they stay due, and come back in your next review.",
        f"Coming back tomorrow: {other}.",
    )


def test_when_a_sign_comes_back_is_said_by_the_learners_days():
    clock = ManualClock(START.replace(hour=23))  # late in the evening
    now = clock.now()
    assert comes_back_words(now + timedelta(minutes=5), now, clock) == "in your next review"
    assert comes_back_words(now + timedelta(minutes=50), now, clock) == "later today"
    assert comes_back_words(now + timedelta(hours=2), now, clock) == "tomorrow"  # not "later today"
    assert comes_back_words(now + timedelta(days=3, hours=2), now, clock) == "in 4 days"
    assert comes_back_words(now + timedelta(days=30), now, clock) == "in 4 weeks"
    # Minutes before midnight, one due just after it (a sign met then, put off to the next day) comes back
    # tomorrow, as Home counts it; it was "in your next review"
    late = now + timedelta(minutes=50)
    assert comes_back_words(late + timedelta(minutes=15), late, clock) == "tomorrow"
    assert comes_back_words(late + timedelta(minutes=5), late, clock) == "in your next review"


def test_a_session_carried_on_sums_up_all_of_it(database, clock):
    """A lesson stopped half-way (or the app closed, or killed) and carried on: its summary counted only
    the answers since ("Since you carried on, you answered 1 exercise, 0 of them right" read as a failed
    lesson). What the learner did is saved with the session, in the same transaction as each step."""
    add_signs(database, "DGS", ["hallo", "ich", "du"], tags=[lesson_tag("Greetings")])
    path = open_path(database, clock)
    first_run = path.start_lesson(path.lessons()[0], every_exercise, new_per_day=3)
    first_run.introduced()
    first_run.skip()  # ich: left out of this lesson, said so at its end
    carried_on = open_path(database, clock).resume(3, every_exercise)  # as the next run of the app finds it
    assert carried_on is not None and carried_on.sitting == first_run.sitting
    answered_well_to_the_end(carried_on, clock)
    lines = session_summary(carried_on, every_exercise).lines
    assert lines[0] == "You met 2 new signs: hallo (DGS) and du (DGS)."
    assert lines[1].startswith("You answered ") and not any("Since" in line for line in lines)
    assert "You skipped exercises of ich (DGS): they stay due, and come back in your next review." in lines
    assert database.query("SELECT COUNT(*) FROM learning_session_sittings") == [(0,)]  # gone with its session


def test_a_session_saved_without_what_was_done_says_its_summary_counts_from_where_the_learner_came_back(
    database, clock
):
    """Saved by a version that kept no sitting (or the sitting damaged): "You answered 2 exercises" after a
    lesson of 8 read as the whole; its first sentence says it counts from where the learner came back."""
    add_signs(database, "DGS", ["hallo", "ich", "du"], tags=[lesson_tag("Greetings")])
    path = open_path(database, clock)
    path.start_lesson(path.lessons()[0], every_exercise, new_per_day=3).introduced()
    with database.transaction() as conn:
        conn.execute("UPDATE learning_session_sittings SET sitting = '{damaged'")
    carried_on = open_path(database, clock).resume(3, every_exercise)
    assert carried_on is not None
    answered_well_to_the_end(carried_on, clock)
    lines = session_summary(carried_on, every_exercise).lines
    # hallo was met before; said in the first sentence, not as a heading over every line (review 25)
    assert lines[0] == "Since you carried on, you met 2 new signs: ich (DGS) and du (DGS)."
    assert lines[1].startswith("You answered ") and not any("Since" in line for line in lines[1:])


def test_the_signing_left_for_later_is_said_to_stay_due(database, clock):
    add_signs(database, "DGS", ["hallo", "ich", "du"])
    path = open_path(database, clock)
    session = path.start_review(3, every_exercise)
    session.skip_signing()
    answered_well_to_the_end(session, clock)
    lines = session_summary(session, every_exercise).lines
    assert "You left the signing for later: it stays due, and comes back in your next review." in lines


def test_what_was_done_in_a_session_an_older_app_ended_is_no_new_sessions(database, clock):
    """An older app ends a session and starts another of the lesson without knowing sittings: the new one
    is not summed up with the answers of the one before."""
    add_signs(database, "DGS", ["hallo", "ich"], tags=[lesson_tag("Greetings")])
    path = open_path(database, clock)
    path.start_lesson(path.lessons()[0], every_exercise, new_per_day=2).introduced()
    with database.transaction() as conn:  # that app's new session of the lesson: its own table only
        conn.execute("UPDATE learning_sessions SET started_at = started_at + 300, done = 0")
    carried_on = open_path(database, clock).resume(2, every_exercise)
    assert carried_on is not None and carried_on.sitting.met == ()


def test_a_session_an_older_app_carried_on_counts_from_where_this_one_came_back(database, clock):
    """Its answers in that app are in no sitting: summed without them, the summary read as the whole."""
    add_signs(database, "DGS", ["hallo", "ich", "du"], tags=[lesson_tag("Greetings")])
    path = open_path(database, clock)
    path.start_lesson(path.lessons()[0], every_exercise, new_per_day=3).introduced()
    with database.transaction() as conn:  # that app met a sign: its own table only
        conn.execute("UPDATE learning_sessions SET done = done + 1")
    carried_on = open_path(database, clock).resume(3, every_exercise)
    assert carried_on is not None and carried_on.sitting.met == () and carried_on.sitting.done_before == 2
