"""The session page's model without Qt: steps prepared, answers rated and worded, failures said."""

import random
from datetime import timedelta

import pytest
from fsrs import Rating

from desktop_app.core.app.context import AppContext
from desktop_app.core.judging.attempts import AttemptOutcome
from desktop_app.core.judging.practice import ScoringTarget
from desktop_app.core.learning import session_screen
from desktop_app.core.learning.clock import ManualClock
from desktop_app.core.learning.review import Rated
from desktop_app.core.learning.scheduling import comes_back, production_rating
from desktop_app.core.learning.session_screen import RATING_COLOURS, SessionScreen, rating_words
from desktop_app.core.learning.store import StepKind
from desktop_app.core.shared.settings import Settings
from signcore.database import DatabaseError
from tests.desktop_app.core.learning.helpers import START, add_signs, every_exercise, open_path
from tests.support import moving_clip

GLOSSES = ["hallo", "ich", "du", "unser", "Tag"]


class Stopwatch:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def context(database, tmp_path):
    add_signs(database, "DGS", GLOSSES)
    context = AppContext(Settings(), database, None, tmp_path / "settings.json")
    yield context
    context.close()


@pytest.fixture
def screen(context):
    return SessionScreen(context, random.Random(3), Stopwatch())


def start(screen, clock, new_signs=2, can_do=every_exercise):
    session = open_path(screen.context.database, clock).start_review(new_signs, can_do)
    return screen.start(session)


def recognition_only(_sign_id, kind) -> bool:
    return kind.value == "recognition"


def test_a_step_missed_twice_says_why_the_steps_fell(screen, clock):
    """Missed a second time, an exercise waits for another day; the steps to go fell by its repeat,
    said "1 step fewer in this session" without why."""
    shown = start(screen, clock, new_signs=3, can_do=recognition_only)
    while shown.step.kind is StepKind.INTRODUCE:
        assert screen.introduced()
        shown = screen.show_current()
    missed = shown.step
    for _ in range(20):
        right = [sign.id for sign in screen.question.options].index(shown.step.sign_id)
        screen.asked(clip_seconds=2.0)  # answered at once
        answer = screen.choose((right + 1) % 4 if shown.step == missed else right)
        if shown.step == missed and "missed twice" in answer.verdict:
            break
        shown = screen.show_current()
    assert "(missed twice in this session: it waits for another day): " in answer.verdict
    assert screen.total_change_words() == "1 step fewer: missed twice, asked on another day."


def test_a_new_sign_is_shown_with_its_language_and_a_clip_then_met(screen, clock):
    shown = start(screen, clock)
    assert shown.step.kind is StepKind.INTRODUCE and shown.sign.gloss in GLOSSES
    # named as the lists name it (was the name alone, the language in the note below it)
    assert shown.name == f"{shown.sign.gloss} (DGS)" and shown.note == ""
    assert shown.reference is not None and len(shown.reference) == 4
    # Each new sign: met, then each exercise twice when answered well (it comes back within the session)
    assert (shown.progress, shown.done, shown.total) == ("0 done · 10 to go", 0, 10)
    assert screen.choose(0) is None and screen.attempt_scored(shown.sign.id, 90.0) is None  # not asked
    assert screen.introduced()
    assert screen.session.done == 1 and screen.show_current().progress == "1 done · 9 to go"


def test_recognition_offers_four_numbered_names_and_rates_the_answer_by_its_time(screen, clock):
    shown = start(screen, clock, new_signs=3, can_do=recognition_only)  # a third to ask between
    while shown.step.kind is StepKind.INTRODUCE:
        assert screen.introduced()
        shown = screen.show_current()
    question = screen.question
    assert len(shown.choices) == 4 and shown.reference is not None
    assert shown.choices == tuple(f"{n}.  {sign.gloss} (DGS)" for n, sign in enumerate(question.options, 1))
    right = [sign.id for sign in question.options].index(shown.step.sign_id)
    screen.asked(clip_seconds=2.0)
    screen.clock.now += 4.5
    answer = screen.choose(right)
    assert (answer.rating, answer.correct, answer.right) == (Rating.Good, True, right)
    # Quick enough for Easy, but the sign was met a minute ago: Good, and said why ("Easy: … in 9
    # days" for a sign just met). The time is the one the rule rates, after the clip, as the rules below say
    # it ("Answered in 4.5 s" read as not easy)
    assert answer.verdict == (
        "Right! Answered 2.5 s after the clip · <span style='color:#2e9d4f'><b>Good</b></span> (the best on "
        "the day you meet a sign): you'll be asked to recognise it again in a few minutes."
    )
    assert answer.choice_colour(right) == RATING_COLOURS[Rating.Good]
    assert {answer.choice_colour(n) for n in range(4) if n != right} == {None}
    assert screen.choose(right) is None  # answered once

    second = screen.show_current()
    options = screen.question.options
    wrong = next(n for n, sign in enumerate(options) if sign.id != second.step.sign_id)
    screen.asked(clip_seconds=2.0)
    answer = screen.choose(wrong)
    assert answer.rating is Rating.Again and not answer.correct
    assert answer.verdict.startswith(
        f"Not quite: this is <b>{second.sign.gloss} (DGS)</b>. Answered while the clip played"
    )
    assert answer.choice_colour(wrong) == RATING_COLOURS[Rating.Again]
    assert screen.session.saved.steps[-1] == second.step  # wrong: it comes back in this session


def test_a_step_that_cannot_be_saved_is_said_and_stays(screen, clock, monkeypatch):
    shown = start(screen, clock)
    problems = []
    screen.events.problem.connect(problems.append)

    def disk_full(*_args, **_kwargs):
        raise DatabaseError(screen.context.database.path, "the disk is full; the change was not saved")

    monkeypatch.setattr(screen.session.store, "introduce", disk_full)
    assert not screen.introduced()
    assert screen.session.current == shown.step and screen.session.done == 0
    assert "could not be saved, so it stays here (try again, or skip it)" in problems[-1]
    assert "disk is full" in problems[-1]
    monkeypatch.undo()
    assert screen.introduced() and problems[-1] == ""  # it went through: the problem is gone


def test_a_sign_deleted_meanwhile_is_skipped_with_a_word_and_the_session_ends_when_empty(screen, clock):
    shown = start(screen, clock, new_signs=1)
    problems = []
    screen.events.problem.connect(problems.append)
    screen.context.database.delete_sign(shown.sign.id)
    assert screen.show_current() is None  # its every step went: the session is over
    assert problems and all(problem.startswith("A step was skipped") for problem in problems)
    assert screen.session is None and screen.question is None and not screen.awaiting_attempt
    assert screen.summary is None  # nothing done to sum up: straight home


def test_production_awaits_the_attempt_at_its_sign_and_rates_its_score(screen, clock, monkeypatch):
    def target(_context, sign_id, gloss):
        return ScoringTarget(sign_id, gloss, gallery=None, references={})

    monkeypatch.setattr(session_screen, "scoring_target", target)
    shown = start(screen, clock, new_signs=2)  # with one, a right answer's repeat would follow itself
    while shown.step.kind is not StepKind.PRODUCTION:  # a skip would take the sign's production too
        assert screen.introduced() if shown.step.kind is StepKind.INTRODUCE else screen.choose(0)
        shown = screen.show_current()
    assert shown.target.sign_id == shown.sign.id and screen.awaiting_attempt
    assert screen.attempt_scored(shown.sign.id + 1, 90.0) is None  # an attempt at another sign
    answer = screen.attempt_scored(shown.sign.id, 84.6)
    assert answer.rating == production_rating(84.6) and answer.score_text == "85"
    assert answer.colour == RATING_COLOURS[answer.rating]
    # Good on a new sign: FSRS asks again within minutes (it said "it comes back later")
    assert answer.verdict == rating_words(
        Rated(Rating.Good, "you'll be asked to sign it again in a few minutes")
    )
    assert not screen.awaiting_attempt and screen.attempt_scored(shown.sign.id, 90.0) is None


def test_which_sign_is_this_plays_another_clip_than_the_new_sign_showed_also_when_carried_on(
    screen, clock, monkeypatch
):
    """Please (ASL) looked the same as "A new sign" and in "Which sign is this?" a few steps later.
    Each sign of more than one clip is asked by another clip than the one it was shown by, also in the
    session carried on after "Stop for now" by another screen (another random generator); a sign of one
    clip by that clip. Never by a clip kept despite the clip check's warning, while there is another."""
    database = screen.context.database
    one_clip = {sign.id for sign in database.signs() if sign.gloss == "Tag"}
    kept_despite = set()
    for sign in database.signs():
        if sign.id not in one_clip:
            for more in range(1, 4):
                database.add_clip(sign.id, moving_clip(n_frames=4 + more, seed=sign.id * 10 + more))
            kept_despite.add(database.clips(sign.id)[-1].id)
            database.set_kept_despite(
                database.clips(sign.id)[-1].id, "It looks unlike the sign's other clips."
            )
    played = []  # (sign, clip) as each step plays it
    real = type(screen.context).reference_clip
    monkeypatch.setattr(
        type(screen.context),
        "reference_clip",
        lambda context, clip: played.append((clip.sign_id, clip.id)) or real(context, clip),
    )
    shown = start(screen, clock, new_signs=5, can_do=recognition_only)
    shown_new = {}
    while shown.step.kind is StepKind.INTRODUCE:
        shown_new[shown.sign.id] = played[-1][1]
        assert screen.introduced()
        shown = screen.show_current()
    assert len(shown_new) == 5 and one_clip <= shown_new.keys()
    screen.stop()  # "Stop for now"; carried on by another screen
    again = SessionScreen(screen.context, random.Random(11), Stopwatch())
    shown = again.start(open_path(database, clock).resume(5, recognition_only))
    asked = {}
    while shown is not None and shown.step.kind is StepKind.RECOGNITION and shown.sign.id not in asked:
        asked[shown.sign.id] = played[-1][1]
        assert again.choose(again.option_names.index(shown.name)) is not None
        shown = again.show_current()
    assert asked.keys() == shown_new.keys()
    for sign_id, clip_id in asked.items():
        assert (clip_id == shown_new[sign_id]) == (sign_id in one_clip), sign_id
    assert not kept_despite & set(asked.values())
    again.close()


def at_the_first_sign_it_step(screen, clock, monkeypatch):
    """The screen's session of one new sign, its targets stood in for, shown at its first "sign it" step."""
    monkeypatch.setattr(
        session_screen, "scoring_target", lambda _c, sign_id, gloss: ScoringTarget(sign_id, gloss, None, {})
    )
    shown = start(screen, clock, new_signs=1)
    while shown.step.kind is not StepKind.PRODUCTION:
        assert screen.introduced()
        shown = screen.show_current()
    return shown


def test_a_rating_names_the_sign_the_attempt_looked_more_like(screen, clock, monkeypatch):
    """A lesson's "sign it" step rated an attempt that looked more like another sign "Again" and no more:
    the learner was not told they had signed another sign. The verdict names it (escaped: a name as
    typed), before the rating."""
    shown = at_the_first_sign_it_step(screen, clock, monkeypatch)
    answer = screen.attempt_scored(shown.sign.id, 12.0, looked_like="<i>me</i> (ASL)")
    assert answer is not None and answer.rating is Rating.Again
    assert answer.verdict.startswith("Your sign looked more like <b>&lt;i&gt;me&lt;/i&gt; (ASL)</b>. ")
    assert "<b>Again</b>" in answer.verdict.split("</b>. ", 1)[1]  # the rating after it, as ever


def on_a_production_step(screen, clock, monkeypatch):
    """The screen on its first "sign it" step, its targets built as the settings say now (counted)."""
    built = []

    def target(context, sign_id, gloss):
        built.append(ScoringTarget(sign_id, gloss, None, {}, context.settings.left_handed))
        return built[-1]

    monkeypatch.setattr(session_screen, "scoring_target", target)
    shown = start(screen, clock, new_signs=1)
    while shown.step.kind is not StepKind.PRODUCTION:
        assert screen.introduced()
        shown = screen.show_current()
    return shown, built


def test_a_sign_it_step_follows_left_handed_mode_turned_on_while_it_awaits_its_attempt(
    screen, clock, monkeypatch
):
    """Turned on in Settings on the step, the next attempts were still told "left-handed mode is off": the
    step's target was built once, when the step was shown."""
    shown, built = on_a_production_step(screen, clock, monkeypatch)
    assert not shown.target.left_handed
    retargeted = []
    screen.events.target_changed.connect(retargeted.append)
    screen.context.update_settings(playback_speed=0.25)  # nothing the target depends on
    assert retargeted == [] and len(built) == 1
    screen.context.update_settings(left_handed=True)
    assert screen.target.left_handed and retargeted == [screen.target]
    assert screen.target.sign_id == shown.sign.id and screen.awaiting_attempt
    # The attempt awaited is one scored for the learner's hand now, not one scored before the switch
    before = AttemptOutcome(moving_clip(), shown.sign.id, left_handed=False)
    assert not screen.awaits(before)
    assert screen.awaits(AttemptOutcome(before.pose, shown.sign.id, left_handed=True))
    assert not screen.awaits(AttemptOutcome(before.pose, shown.sign.id + 1, left_handed=True))


def test_a_sign_it_step_is_scored_against_the_model_and_clips_as_they_are_now(screen, clock, monkeypatch):
    """Another model, or the sign's clips changed (edited, embedded at last), build the target anew while
    the step awaits its attempt; once it is answered, nothing is built for it."""
    shown, built = on_a_production_step(screen, clock, monkeypatch)
    retargeted = []
    screen.events.target_changed.connect(retargeted.append)
    screen.context.set_encoder(None)
    screen.context.notify_database_changed()
    assert retargeted == built[1:] and len(built) == 3
    assert screen.attempt_scored(shown.sign.id, 80.0) is not None
    screen.context.notify_database_changed()
    screen.context.update_settings(left_handed=True)
    assert len(built) == 3 and len(retargeted) == 2


def test_a_screen_closed_follows_the_apps_events_no_more(screen, clock, monkeypatch):
    """It stayed subscribed to the context, which outlives its page: a setting changed after the page had
    gone built a target and said so to the deleted page."""
    _shown, built = on_a_production_step(screen, clock, monkeypatch)
    events = screen.context.events
    following = (events.settings_changed, events.model_changed, events.database_changed)
    subscribed = [len(emitter) for emitter in following]
    screen.close()
    assert [len(emitter) for emitter in following] == [count - 1 for count in subscribed]
    screen.context.update_settings(left_handed=True)
    screen.context.set_encoder(None)
    screen.context.notify_database_changed()
    assert len(built) == 1


def test_production_without_a_model_cannot_be_scored_and_can_be_skipped(screen, clock):
    shown = start(screen, clock, new_signs=1)
    assert screen.introduced()
    shown = screen.show_current()
    while shown is not None and shown.step.kind is not StepKind.PRODUCTION:
        screen.choose(0)  # a skip would take the sign's production too
        shown = screen.show_current()
    assert shown is not None and shown.target is None and not screen.awaiting_attempt
    assert screen.skip()


def test_ratings_are_worded_in_their_colour_with_when_the_exercise_comes_back():
    words = rating_words(Rated(Rating.Hard, "you'll be asked to sign it again tomorrow"))
    assert RATING_COLOURS[Rating.Hard] in words and "<b>Hard</b>" in words
    assert words.endswith(": you'll be asked to sign it again tomorrow.")
    day = timedelta(days=1)
    clock = ManualClock(START)  # in the morning
    now = clock.now()

    def when(interval: timedelta, in_this_session: bool = False) -> str:
        return comes_back("recognise it", now + interval, now, clock, in_this_session).removeprefix(
            "you'll be asked to recognise it again "
        )

    assert when(timedelta(minutes=10), in_this_session=True) == "in a few minutes"
    assert when(timedelta(minutes=10)) == "in your next review"
    assert when(timedelta(hours=5)) == "later today"
    assert when(1.2 * day) == "tomorrow"
    assert when(3.4 * day) == "in 3 days"  # 18:36 on the third day from now
    assert when(20 * day) == "in 3 weeks"
    assert when(100 * day) == "in 3 months"


def test_to_go_goes_down_with_each_right_answer_and_says_why_a_wrong_one_keeps_it(screen, clock):
    """The steps "to go" count those that come back: a right answer brings them down even when its question
    comes back (they stood still, as if the answer had not counted); a wrong one keeps them and says why."""
    shown = start(screen, clock, can_do=recognition_only)
    while shown.step.kind is StepKind.INTRODUCE:
        assert screen.introduced()
        shown = screen.show_current()
    words, done, total = screen.progress()
    assert (words, done, total) == (shown.progress, shown.done, shown.total) == ("2 done · 4 to go", 2, 6)
    screen.asked(clip_seconds=2.0)
    screen.clock.now += 6.0  # right, after a moment's thought: Good, and the question comes back
    right = [sign.id for sign in screen.question.options].index(shown.step.sign_id)
    assert screen.choose(right).rating is Rating.Good
    assert screen.progress() == ("3 done · 3 to go", 3, 6)  # was "3 done · 2 to go (1 to try again)"
    assert screen.total_change_words() == ""  # done and to go in all as they were: nothing to say
    second = screen.show_current()
    assert second.progress == "3 done · 3 to go"
    screen.asked(clip_seconds=2.0)
    wrong = next(n for n, sign in enumerate(screen.question.options) if sign.id != second.step.sign_id)
    assert screen.choose(wrong).rating is Rating.Again
    # The question comes back; why is a tooltip's, not in the words ("8 done · 17 to go (1 to try
    # again; 1 step fewer: not asked again today)" was hard to take in)
    assert screen.progress() == ("4 done · 3 to go", 4, 7)
    assert screen.progress_details() == "1 step to try again: answered wrong, asked again in this session."
    assert screen.total_change_words() == "1 step more: answered wrong, asked again in this session."
    assert screen.show_current().progress == "4 done · 3 to go"


def test_a_total_that_falls_after_a_wrong_answer_is_not_said_to_follow_a_right_one(
    screen, clock, monkeypatch
):
    """The reason beside a changed total was chosen by the way it moved, so a total that fell after a
    wrong answer (when one sign is left, each exercise counts once) said "answered right" under a red Again.
    The reason is the rating's; where the two disagree, the change is said without one."""
    shown = start(screen, clock, can_do=recognition_only)
    while shown.step.kind is StepKind.INTRODUCE:
        assert screen.introduced()
        shown = screen.show_current()
    session = screen.session
    answer = session.answer_recognition

    def wrong_and_one_sign_left(*args):
        rated = answer(*args)
        monkeypatch.setattr(type(session), "to_go", property(lambda _session: 1))  # 3 before: 2 fewer
        return rated

    monkeypatch.setattr(session, "answer_recognition", wrong_and_one_sign_left)
    screen.asked(clip_seconds=2.0)
    wrong = next(n for n, sign in enumerate(screen.question.options) if sign.id != shown.step.sign_id)
    assert screen.choose(wrong).rating is Rating.Again
    assert screen.total_change_words() == "2 steps fewer in this session."


def test_slow_right_answers_shorten_the_session_and_a_skip_says_what_it_took(screen, clock):
    """Three right answers rated Hard left "15 to go" where it was (each came back at once), and Skip took
    two steps off without a word: a skipped new sign's exercise would have been asked twice."""
    shown = start(screen, clock, new_signs=2)
    while shown.step.kind is StepKind.INTRODUCE:
        assert screen.introduced()
        shown = screen.show_current()
    assert shown.step.kind is StepKind.RECOGNITION
    _words, before, _total = screen.progress()
    to_go = screen.session.to_go
    screen.asked(clip_seconds=2.0)
    screen.clock.now += 30.0  # right, but slowly: Hard
    right = [sign.id for sign in screen.question.options].index(shown.step.sign_id)
    answer = screen.choose(right)
    assert answer.rating is Rating.Hard
    assert screen.session.to_go < to_go, "a right answer left the steps to go where they were"
    assert "a few minutes" not in answer.verdict  # it is not asked again in this session
    assert shown.step not in screen.session.saved.steps
    # Its repeat went too: the steps in all fell, and the tooltip says why ("8 done · 17 to go" became "9
    # done · 15 to go" without a word); it stays said with the next step, until the next answer or skip
    words, done, total = screen.progress()
    assert (done, total) == (before + 1, _total - 1)
    assert words == f"{done} done · {total - done} to go"
    assert screen.progress_details() == screen.total_change_words()
    assert screen.total_change_words() == "1 step fewer: answered right, not asked again today."
    assert screen.show_current().progress == words
    assert screen.progress_details() == "1 step fewer: answered right, not asked again today."

    shown = screen.show_current()
    to_go = screen.session.to_go
    name = shown.name
    assert name.endswith(f"({shown.sign.language})")  # named as every list names it
    skipped = screen.skip()
    assert skipped == (
        f"Skipped this exercise of “{name}”: {to_go - screen.session.to_go} steps fewer to go. "
        "It stays due: it comes back in your next review."
    )
    # the exercise, asked twice when answered well (its sign's other exercise is still asked)
    assert to_go - screen.session.to_go == 2
    assert "fewer" not in screen.progress()[0]  # the skip's notice says what it took


def test_a_question_offers_the_signs_the_learner_has_met_before_others(screen, clock):
    """The wrong names came from signs never met ("letter W", "water"): answered by elimination."""
    add_signs(screen.context.database, "DGS", [f"Zeichen{n}" for n in range(12)])  # never met
    shown = start(screen, clock, new_signs=3, can_do=recognition_only)
    met = set()
    while shown.step.kind is StepKind.INTRODUCE:
        met.add(shown.step.sign_id)
        assert screen.introduced()
        shown = screen.show_current()
    assert len(met) == 3
    for _ in range(3):
        assert shown.step.kind is StepKind.RECOGNITION
        options = {sign.id for sign in screen.question.options}
        assert met <= options and len(options) == 4  # the three met, and one other to make four
        screen.asked(clip_seconds=2.0)
        screen.choose(0)
        shown = screen.show_current()


def test_a_session_run_out_of_steps_leaves_its_summary_and_one_stopped_none(screen, clock):
    start(screen, clock, new_signs=1, can_do=recognition_only)
    screen.stop()  # stopped for now: straight home
    assert screen.show_current() is None and screen.summary is None
    start(screen, clock, new_signs=1, can_do=recognition_only)
    assert screen.introduced()  # its recognition, right after its name, is put off: nothing left today
    assert screen.show_current() is None and screen.session is None
    assert screen.summary.heading == "Today's new signs: done"
    assert screen.summary.lines[0].startswith("You met 1 new sign: ")


def test_a_camera_problem_is_said_in_sentences_with_the_way_on():
    """A camera that could not be started said why without a full stop: "…/cam.mp4: the file is empty You
    can skip this one." """
    from desktop_app.core.learning.session_screen import camera_problem_prompt

    assert (
        camera_problem_prompt("cam.mp4: the file is empty")
        == "cam.mp4: the file is empty. You can skip this one."
    )
    waiting = "camera 0: the camera stopped sending pictures."
    assert camera_problem_prompt(waiting) == f"{waiting} You can skip this one."


def test_skipping_the_signing_says_what_it_took_off_and_that_it_stays_due(context):
    screen = SessionScreen(context)
    path = open_path(context.database, ManualClock(START))
    screen.start(path.start_review(3, every_exercise))
    before = screen.session.to_go
    words = screen.skip_signing()
    taken = before - screen.session.to_go
    assert taken > 0 and words == (
        f"Skipped the signing for now: {taken} steps fewer to go. "
        "It stays due: it comes back in your next review."
    )
    assert screen.skip_signing() is None  # nothing left to skip


def test_show_me_rates_the_sign_it_step_again_and_gives_its_reference_to_watch(screen, clock, monkeypatch):
    """A review's "sign it from memory" had no way to see a forgotten sign but an attempt bound to fail
    (rated Again) or a skip (left out of the session). Asking to see it is that forgetting, said: rated
    Again without a score, the reference given, the step asked again soon in the session."""
    shown = at_the_first_sign_it_step(screen, clock, monkeypatch)
    store = screen.session.store
    reminder = screen.show_me()
    assert reminder is not None and reminder.name == shown.name
    assert reminder.reference is not None and len(reminder.reference) > 0
    assert reminder.verdict == rating_words(
        Rated(Rating.Again, "you'll be asked to sign it again right away")
    )
    last = store.reviews()[-1]
    assert (last.sign_id, last.kind.value, last.rating, last.score) == (
        shown.sign.id,
        "production",
        Rating.Again,
        None,
    )
    assert not screen.awaiting_attempt
    assert screen.show_me() is None and screen.attempt_scored(shown.sign.id, 90.0) is None  # answered
    assert screen.show_current().step == shown.step  # its sign only left: asked again, now to be signed


def test_show_me_again_is_not_rated_and_says_so(screen, clock, monkeypatch):
    """Pressed again when the step came back, "Show me the sign" rated it Again once more: "missed twice in
    this session: it waits for another day", a lesson's sign the learner only wanted to watch again. Now the
    second showing is not rated, and says so; the sign is then signed, and rated as its attempt says."""
    shown = at_the_first_sign_it_step(screen, clock, monkeypatch)
    assert screen.show_me().rating is Rating.Again
    # why the steps grew, beside the progress: "answered wrong" was said of a sign only asked to see
    assert screen.total_change_words() == "1 step more: shown the sign, asked again in this session."
    assert screen.show_current().step == shown.step
    reviews = len(screen.session.store.reviews())
    again = screen.show_me()
    assert again is not None and again.rating is None and again.reference is not None
    assert again.verdict == (
        "Watching it again does not count against you: you'll be asked to sign it again right away."
    )
    assert len(screen.session.store.reviews()) == reviews
    # Beside the progress, why the steps grew by one: it said only "1 step more in this session."
    assert screen.total_change_words() == "1 step more: watched again, asked again in this session."
    assert screen.show_current().step == shown.step
    answer = screen.attempt_scored(shown.sign.id, 75.0)
    assert answer is not None and answer.rating is Rating.Good and "missed twice" not in answer.verdict


def test_show_me_is_only_for_a_sign_it_step(screen, clock):
    shown = start(screen, clock)
    assert shown.step.kind is StepKind.INTRODUCE
    assert screen.show_me() is None and screen.session.done == 0


def test_a_results_player_says_of_the_signs_clips_what_practice_says_read_as_the_result_comes(
    screen, monkeypatch
):
    """A lesson's result plays the sign's clip it was compared with and, asked, the clip of the sign it looked
    more like, each marked as Practice marks it: the learner's own recordings and the clips of any sign kept
    despite the clip check's warning, read when the result is shown (a warning cleared since is not said);
    nothing said of them when the database cannot be read, the result shown all the same."""
    from desktop_app.core.collection.library import RECORDED_SOURCE
    from desktop_app.core.judging.practice import PlayedClips
    from signcore.database import ClipOrigin
    from tests.desktop_app.core.learning.helpers import clip

    database = screen.context.database
    hallo, du = (sign for sign in database.signs() if sign.gloss in ("hallo", "du"))
    own = database.add_clip(hallo.id, clip(hallo.id), ClipOrigin(RECORDED_SOURCE))
    others = database.add_clip(hallo.id, clip(hallo.id), ClipOrigin("DGS corpus", signer="signer 3"))
    kept = database.clips(du.id)[0].id
    database.set_kept_despite(kept, "Your right hand was lower than in the reference.")
    played = screen.clips_played(hallo.id)
    assert own in played.own and others not in played.own and played.kept_despite == {kept}
    database.set_kept_despite(kept, None)  # "This clip is fine" in the Library
    assert screen.clips_played(hallo.id).kept_despite == frozenset()

    def unreadable(*_args):
        raise DatabaseError(database.path, "the disk cannot be read")

    monkeypatch.setattr(database, "clips_kept_despite", unreadable)
    assert screen.clips_played(hallo.id) == PlayedClips()
