"""What to do today, and the session that walks the learner through it.

:class:`LearningPath` is the learning path's state for the app (napari-style: plain Python with events).

* **Due**: every card due by the end of the learner's day (FSRS decides when), whose exercise can be done now
  (``can_do``: recognition needs another sign of the same language to confuse it with, production a sign
  model with the sign's reference clips).
* **New signs**: the next signs never met, lessons first in their order, then signs in no lesson; at most
  ``new_per_day`` minus the signs already met today.
* **A review session** mixes the two: due exercises soonest-due first (a sign's recognition before its
  production) alternating with the new signs' steps, first every new sign's introduction (its name and
  reference), then their recognition, then their production exercises, so each comes back a few steps later.
* **Never back to back**: every step shows its sign's name (a recognition's answer too), so a step of the
  sign just asked waits for another sign's, in every session and also when a step comes back, a sign is
  skipped or a lesson's steps are left out; when only that sign is left, its recognition is put off to the
  learner's next day: "Which sign is this?" on please straight after "Sign it from memory: please" was
  answered for free, and rated Good into FSRS. Left out only once a step of its sign was asked, never when
  a session is planned: a lesson's plan that left out the recognition of its one new sign no longer held
  it, and today's review asked it before the lesson had introduced the sign (its answer could not be saved).
  The step that takes it out of the session also moves its card's due time to the next day (FSRS's state
  otherwise as it was): left due, Home said "1 sign due" right after the session was done, and the next
  review asked it a minute later. Only a recognition its session no longer plans is put off: every one a
  session stopped still plans with other signs stays due (a first try put off each recognition of a sign
  shown today, and Home then gave the signs of a review stopped half-way to another session). The same
  step takes it out of every other session left unfinished (:func:`.store._take_out_of_the_others`): a
  review stopped before the sign was met, continued, asked it seconds after a lesson had shown its name.
* **A lesson session**: the lesson's due exercises and its new signs, at most as many as are left of today's
  (Home offered "6 new signs" beside "5 a day", then said "more than your 5 a day"); once the day's are used
  up, all of them (Home offers the lesson "anyway": the learner goes on, told so). They count towards
  today's new signs. A lesson with nothing due and nothing new is practised again in full.
* **One session asks a step**: a lesson asks all of that, whatever other sessions are left unfinished;
  while its own is, on the day it was last worked on, today's review and the other lessons (but one worked
  on today and started after it) leave out what it still asks (its due exercises, its new signs), whichever
  was started first: Home offered today's review beside "Continue lesson" over the same signs, two sessions
  asking for one thing (and a sign may be in two lessons). They keep those steps in their records and ask
  them once the lesson no longer does (it skipped the sign: else no session asked it today). From the next
  day the lesson holds nothing: today's review asks all that is due and the day's new signs (a lesson
  stopped one day kept its signs out of every review after), and the lesson keeps only the rest of what it
  had still to do (:meth:`LearningPath.unfinished`): both listed those steps until one of them answered
  them, and Home counted them under both. Continued, the lesson asks that rest; once it has saved an answer
  (or a skip) it is worked on today again, and holds what it asks. Opened and left without one, it is not:
  it wrote nothing. The schedule is the same: those exercises stay due until one asks them
  (:meth:`.LearningStore.saved_sessions`).

A card the learner gets wrong, and a new card answered well but not yet learnt, is due again within minutes
(FSRS's learning steps); when that falls within ``LEARN_AHEAD`` it comes back at the end of the same session.
So the steps still to go (:func:`steps_to_go`) count each exercise as often as it will be asked when every
answer is good (a new sign's exercise twice), not once. A right answer rated Hard (slow, or a low score) is
not asked again in the same session, although FSRS repeats its learning step within minutes: it is put off to
the learner's next day instead, as every step a session does not ask again is (due later today, it was the
next review's, offered on Home right after the session: a lesson of one sign ended on "Hard: you'll be asked
to sign it again in your next review", and "today's review" asked that step at once). Asked again now, it
left the steps to go where they were after a right answer (three slow right answers in a row: "15 to go"
three times), and learners expect a right answer to shorten the session. So every right answer brings the
steps to go down; a wrong one keeps them. Nor is a right answer asked again straight after itself, when
only its sign is left: a lesson of one sign said "Good: you'll be asked to sign it again in a few minutes"
and asked it at once, a repeat that tests no memory; it is put off to the learner's next day, as a
recognition of the one sign left is (never back to back, above). A wrong one is, to be tried again, and the
words say "right away". But a step missed a second time in the session is put off to the learner's next day
(said so): with a camera scoring low, a "sign it" step came back "right away" without end. Its sign shown on
asking ("Show me the sign") is no such miss: the learner is to sign it after watching (.scheduling).

After every step the session's remaining steps are saved in the same transaction as the answer
(:mod:`.store`), so closing the app loses nothing: :meth:`LearningPath.resume` carries on where the learner
stopped. Today's review and each lesson keep their own session left unfinished: starting one carries on
where it stopped, and starting another never throws one away (the learner stopped a lesson, did part of the
review, went back to the lesson: it started afresh, the review was gone without a word).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import cached_property
from itertools import zip_longest
from typing import Any
from weakref import WeakKeyDictionary

from fsrs import Card, Rating, Scheduler, State

from desktop_app.core.learning.clock import Clock, day_of, end_of_day, start_of_day
from desktop_app.core.learning.lessons import STARTER_LESSONS_FLAG, Lesson, assign_starter_lessons, lessons_of
from desktop_app.core.learning.scheduling import (
    LEARN_AHEAD,
    MET_TODAY_WORDS,
    WATCHED_WORDS,
    after_watching,
    beyond_the_clip,
    comes_back,
    on_the_day_met,
    production_rating,
    recognition_rating,
)
from desktop_app.core.learning.store import (
    CARD_KINDS,
    Cards,
    ExerciseKind,
    LearningStore,
    SavedSession,
    Sitting,
    Step,
    StepKind,
    in_asking_order,
    with_signs_to_meet,
)
from desktop_app.core.shared.events import EventEmitter
from signcore.database import SignDatabase

DEFAULT_NEW_PER_DAY = 5
REVIEW_TITLE = "Today's review"
MISSED_TWICE = "missed twice in this session: it waits for another day"
NEW_SIGNS_TITLE = "Today's new signs"  # nothing due: the home screen's button says "Meet today's new signs"

CanDo = Callable[[int, ExerciseKind], bool]


@dataclass(frozen=True)
class Today:
    """The day's work, as the home screen shows it."""

    due: tuple[Step, ...]  # exercises due by the end of today that can be done now, soonest first
    new_signs: tuple[int, ...]  # the next new signs within today's allowance
    met_today: int  # signs met for the first time today
    new_per_day: int
    # The lessons worked on today left unfinished: today's review leaves their steps to them (module doc)
    lessons_holding: tuple[SavedSession, ...]

    @property
    def due_signs(self) -> int:
        return len({step.sign_id for step in self.due})

    @cached_property  # asked of every step
    def held(self) -> frozenset[Step]:
        """The steps the lessons worked on today ask, which today's review leaves to them."""
        return frozenset().union(*(lesson.kept_from_others for lesson in self.lessons_holding))

    @property
    def review_due(self) -> tuple[Step, ...]:
        """The due exercises today's review asks now: those no lesson worked on today asks."""
        return tuple(step for step in self.due if step not in self.held)

    @property
    def review_new_signs(self) -> tuple[int, ...]:
        """The new signs today's review introduces now: those no lesson worked on today introduces."""
        return tuple(sign for sign in self.new_signs if Step(sign, StepKind.INTRODUCE) not in self.held)

    def review_record(self, can_do: CanDo) -> list[Step]:
        """All today's review will ask: due exercises mixed with the new signs' steps; while the lessons
        worked on today ask some, it leaves those out (:meth:`.SavedSession.leaving_out`)."""
        return mix(self.due, self.new_signs, can_do)

    def review_steps(self, can_do: CanDo) -> tuple[Step, ...]:
        """What today's review asks now (:meth:`review_record`), in the order asked."""
        return in_asking_order(step for step in self.review_record(can_do) if step not in self.held)

    def held_by(self, signs: set[int]) -> list[str]:
        """The names of the lessons worked on today that ask any step of ``signs``."""
        return [
            lesson.key for lesson in self.lessons_holding if signs & {step.sign_id for step in lesson.record}
        ]

    @property
    def due_in_lessons(self) -> set[int]:
        """The signs due that only the lessons worked on today ask (today's review asks the others)."""
        return {step.sign_id for step in self.due} - {step.sign_id for step in self.review_due}

    @property
    def new_in_lessons(self) -> set[int]:
        """Today's new signs that the lessons worked on today introduce."""
        return set(self.new_signs) - set(self.review_new_signs)


@dataclass(frozen=True)
class LessonState:
    lesson: Lesson
    met: int  # signs of the lesson met so far
    due: int  # signs of the lesson with an exercise due today

    @property
    def size(self) -> int:
        return len(self.lesson.sign_ids)


def _exercise_step(sign_id: int, kind: ExerciseKind) -> Step:
    return Step(sign_id, StepKind(kind.value))


def _recognition_first(steps: list[Step]) -> list[Step]:
    """``steps`` in their order, but each sign's recognition asked before its production (where the
    production came first, they swap places): "Sign it from memory: please" shows the name, and a "Which sign
    is this?" on please after it was answered for free (rated Good into FSRS)."""
    slots: dict[int, list[int]] = {}
    for index, step in enumerate(steps):
        slots.setdefault(step.sign_id, []).append(index)
    ordered = list(steps)
    for indices in slots.values():
        kinds = sorted((steps[index] for index in indices), key=lambda step: step.kind is StepKind.PRODUCTION)
        for index, step in zip(indices, kinds, strict=True):
            ordered[index] = step
    return ordered


def to_ask_after(asked: Step | None, steps: Sequence[Step]) -> tuple[tuple[Step, ...], tuple[Step, ...]]:
    """The ``steps`` left once ``asked`` was asked (None: none yet), in the order asked
    (:func:`.in_asking_order`), and the recognitions put off to a later day: those of the one sign left
    after a step of its own (choosing the name just shown is no test; :attr:`.SavedSession.put_off`). Only
    ever after a step of that sign, so its cards exist (module docstring)."""
    ordered = in_asking_order(steps, after=asked)
    before = (asked, *ordered)
    together = len(ordered)  # where the last steps begin that each follow a step of their own sign
    while together and (step := before[together - 1]) and step.sign_id == ordered[together - 1].sign_id:
        together -= 1
    alone = ordered[together:]
    put_off = tuple(step for step in alone if step.kind is StepKind.RECOGNITION)
    return (*ordered[:together], *(step for step in alone if step not in put_off)), put_off


def _new_sign_steps(sign_ids: Sequence[int], can_do: CanDo) -> list[Step]:
    steps = [Step(sign_id, StepKind.INTRODUCE) for sign_id in sign_ids]
    for kind in CARD_KINDS:
        steps += [_exercise_step(sign_id, kind) for sign_id in sign_ids if can_do(sign_id, kind)]
    return steps


def mix(due: Sequence[Step], new_sign_ids: Sequence[int], can_do: CanDo) -> list[Step]:
    """A session's steps: due exercises alternating with the new signs' steps (module docstring), in the
    order they are asked (:func:`.in_asking_order`), all of them: the plan is the session's record."""
    pairs = zip_longest(_recognition_first(list(due)), _new_sign_steps(new_sign_ids, can_do))
    return list(in_asking_order(step for pair in pairs for step in pair if step is not None))


def _good_answers_to_pass(card: Card, scheduler: Scheduler, now: datetime) -> int:
    """How many times ``card``'s exercise is asked in a session from ``now`` when every answer is good: once,
    plus once for each of FSRS's learning steps that brings it back within ``LEARN_AHEAD``."""
    asked, at = 0, now
    while True:
        asked += 1
        card, _log = scheduler.review_card(card, Rating.Good, at)
        if card.due > at + LEARN_AHEAD:
            return asked
        at = card.due


def steps_to_go(store: LearningStore, steps: Sequence[Step], cards: Cards | None = None) -> int:
    """How many steps ``steps`` take when every answer is good: an introduction once, an exercise as often as
    FSRS brings it back within the session (a sign not met yet as a new card). ``cards``: the store's, when
    the caller has read them already."""
    cards = store.cards() if cards is None else cards
    now = store.now()
    # a right answer is not asked again straight after itself (module docstring): so never in a session of
    # one sign
    alone = len({step.sign_id for step in steps}) == 1
    asked: dict[tuple[State, int | None], int] = {}  # by learning step: sessions have many cards alike
    total = 0
    for step in to_ask_after(None, steps)[0]:  # but the recognitions put off to a later day
        if step.kind is StepKind.INTRODUCE:
            total += 1
            continue
        record = cards.get((step.sign_id, ExerciseKind(step.kind.value)))
        card = Card(card_id=0, due=now) if record is None else record.card
        key = (card.state, card.step)
        if key not in asked:
            asked[key] = _good_answers_to_pass(card, store.scheduler, now)
        total += 1 if alone else asked[key]
    return total


# What each exercise asks, in the words of when it comes back (:func:`.scheduling.comes_back`)
ASKED = {ExerciseKind.RECOGNITION: "recognise it", ExerciseKind.PRODUCTION: "sign it"}


@dataclass(frozen=True)
class Rated:
    """An answer's rating, and when its exercise comes back in words (:func:`.scheduling.comes_back`)."""

    rating: Rating
    comes_back: str
    # why the rating or its coming back is not what the rules alone say ("" when they say it all): rated
    # Good, though quick enough for Easy, on the day the sign was met (:func:`.scheduling.on_the_day_met`);
    # missed a second time in the session, put off to the next day (:data:`MISSED_TWICE`)
    note: str = ""


class ReviewSession:
    """A session in progress: its steps, and the learner's answers turned into FSRS reviews.

    ``step_changed`` (no arguments) fires after each step; :attr:`current` is then the next step, or
    None when the session is over (its record is then gone from the database)."""

    def __init__(self, store: LearningStore, saved: SavedSession):
        self.store = store
        self.saved = saved
        self.step_changed = EventEmitter("step_changed")
        self.asked_last: Step | None = None  # in this run of it (skipped steps are not asked)

    @property
    def sitting(self) -> Sitting:
        """What the learner did in this session, all of it, carried on or not (saved with it)."""
        return self.saved.sitting

    @property
    def current(self) -> Step | None:
        return self.saved.steps[0] if self.saved.steps else None

    @property
    def title(self) -> str:
        return self.saved.title

    @property
    def done(self) -> int:
        return self.saved.done

    @property
    def to_go(self) -> int:
        """The steps left when every answer is good, counting those that come back (:func:`steps_to_go`)."""
        return steps_to_go(self.store, self.saved.steps)

    @property
    def again(self) -> int:
        """How many of the steps left come back because the learner got them wrong in this session."""
        last = self.store.last_ratings_since(self.saved.started_at)
        return sum(
            last.get((step.sign_id, ExerciseKind(step.kind.value))) == Rating.Again
            for step in self.saved.steps
            if step.kind is not StepKind.INTRODUCE
        )

    def _after_current(self, sitting: Sitting, requeue: Step | None = None) -> SavedSession:
        """The session once the current step is done, the learner's ``sitting`` with it."""
        rest = self.saved.steps[1:]
        if requeue is not None and requeue not in rest:
            rest = (*rest, requeue)
        # saved in the order asked, so that a session carried on asks them as this one would have
        steps, put_off = to_ask_after(self.current, rest)
        return replace(self.saved, steps=steps, done=self.saved.done + 1, put_off=put_off, sitting=sitting)

    def _advance(self, saved: SavedSession, asked: Step | None = None) -> None:
        """Go on to ``saved``'s steps, after ``asked`` (None: the current step was skipped)."""
        self.saved = saved
        self.asked_last = asked or self.asked_last
        self.step_changed.emit()

    def _require(self, kind: StepKind) -> Step:
        step = self.current
        if step is None or step.kind is not kind:
            raise ValueError(f"the current step is {step}, not a {kind} step")
        return step

    def introduced(self) -> Step:
        """The learner has met the current step's new sign: its cards start. Returns that step."""
        step = self._require(StepKind.INTRODUCE)
        after = self._after_current(replace(self.sitting, met=(*self.sitting.met, step.sign_id)))
        self.store.introduce(step.sign_id, CARD_KINDS, session=after)
        self._advance(after, asked=step)
        return step

    def answer_recognition(self, chosen_sign_id: int, seconds: float, clip_seconds: float) -> Rated:
        """The learner chose ``chosen_sign_id`` after ``seconds``, watching a clip that plays for
        ``clip_seconds`` at the speed shown."""
        step = self._require(StepKind.RECOGNITION)
        correct = chosen_sign_id == step.sign_id
        rating = recognition_rating(correct, beyond_the_clip(seconds, clip_seconds))
        return self._review(step, rating, duration_ms=round(1000 * seconds), correct=correct)

    def answer_production(self, score: float) -> Rated:
        """The current production step's attempt scored ``score`` (0-100, calibrated)."""
        step = self._require(StepKind.PRODUCTION)
        return self._review(step, production_rating(score), score=score)

    def forgot_production(self) -> Rated | str:
        """The learner asked to see the current production step's sign instead of signing it (the rule:
        .scheduling's module docstring). Not recalled: rated Again (it comes back soon, as a failed
        attempt's does), without a score. Already rated Again in this session (shown before, or a failed
        attempt since), it is not rated again: it comes back as it would have, and the words say when
        (a str, where a rating returns :class:`Rated`). Either way its attempts in this session are rated
        at most Good (:func:`.scheduling.after_watching`)."""
        step = self._require(StepKind.PRODUCTION)
        last = self.store.last_ratings_since(self.saved.started_at).get(
            (step.sign_id, ExerciseKind.PRODUCTION)
        )
        if last is not Rating.Again:
            return self._review(step, Rating.Again, shown=True)
        saved = self._after_current(self._shown(step), requeue=step)
        self.store.save_session(saved)
        self._advance(saved, asked=step)
        now = self.store.now()
        straight_away = saved.steps[:1] == (step,)  # only its own sign left
        return comes_back(
            ASKED[ExerciseKind.PRODUCTION], now, now, self.store.clock, True, straight_away=straight_away
        )

    def _shown(self, step: Step) -> Sitting:
        """The learner's sitting once ``step``'s sign was shown on asking."""
        shown = self.sitting.shown
        return replace(self.sitting, shown=shown if step.sign_id in shown else (*shown, step.sign_id))

    def _held_to(self, step: Step, earned: Rating) -> tuple[Rating, str]:
        """``earned`` as FSRS is given it, and why when that is less (:attr:`Rated.note`): at most Good on
        the day the sign was met, and for a "sign it" step signed after watching its sign in this session
        (:mod:`.scheduling`)."""
        kind = ExerciseKind(step.kind.value)
        introduced_at = self.store.introduced_at(step.sign_id, kind)
        held = []
        if introduced_at is not None:
            met = on_the_day_met(earned, introduced_at, self.store.now(), self.store.clock)
            held.append((met, MET_TODAY_WORDS))
        if kind is ExerciseKind.PRODUCTION and step.sign_id in self.sitting.shown:
            held.append((after_watching(earned), WATCHED_WORDS))
        rating, note = earned, ""
        for lower, why in held:
            if lower < rating:
                rating, note = lower, why
        return rating, note

    def _review(self, step: Step, earned: Rating, shown: bool = False, **result: Any) -> Rated:
        """``step`` answered, ``earned`` the rating its answer earned by the rules (:mod:`.scheduling`);
        ``shown``: its sign shown on asking instead (:meth:`forgot_production`), never "missed twice": the
        learner is to sign it after watching."""
        after: list[tuple[SavedSession, str]] = []  # the steps left, and when this one comes back
        kind = ExerciseKind(step.kind.value)
        rating, note = self._held_to(step, earned)
        # missed again: a third try straight on rarely goes better ("right away", without end)
        missed_before = self.store.missed_since(step.sign_id, kind, self.saved.started_at)
        missed_twice = rating is Rating.Again and missed_before > 0 and not shown
        sitting = self._shown(step) if shown else self.sitting
        sitting = replace(sitting, ratings=(*sitting.ratings, (step.sign_id, rating)))

        def session_after(card: Card) -> SavedSession:
            now = self.store.now()
            # module docstring
            soon = rating is not Rating.Hard and not missed_twice and card.due <= now + LEARN_AHEAD
            saved = self._after_current(sitting, requeue=step if soon else None)
            straight_away = saved.steps[:1] == (step,)  # only its own sign left (module docstring)
            if straight_away and rating is not Rating.Again:
                saved, straight_away = self._after_current(sitting), False
            later_day = self.store.put_off_until(card.due)
            if step not in saved.steps and later_day > card.due:
                saved = replace(saved, put_off=(*saved.put_off, step))  # not asked again today (docstring)
            put_off = step in saved.put_off  # to a later day
            due = later_day if put_off else card.due
            in_this_session = step in saved.steps
            words = comes_back(
                ASKED[kind], due, now, self.store.clock, in_this_session, put_off, straight_away=straight_away
            )
            after.append((saved, words))
            return saved

        self.store.review(step.sign_id, kind, rating, session_after=session_after, **result)
        saved, back = after[0]
        self._advance(saved, asked=step)
        return Rated(rating, back, note or (MISSED_TWICE if missed_twice else ""))

    def skip(self) -> Step | None:
        """Leave the current exercise out of the rest of this session (it stays due; e.g. no camera for
        production), or, on a new sign's introduction, each of the sign's steps (its exercises need it met).
        Returns the step skipped. Only the exercise: skipping a "sign it" step took the sign's recognition
        too, a retry just promised "in a few minutes". The rest follows the step asked before it:
        skipping between two steps of another sign brought those together."""
        step = self.current
        if step is not None:
            sitting = replace(self.sitting, skipped=(*self.sitting.skipped, step.sign_id))
            whole_sign = step.kind is StepKind.INTRODUCE
            after = self._saved_without(
                lambda later: later.sign_id == step.sign_id if whole_sign else later == step, sitting
            )
            self._advance(after)
        return step

    def skip_signing(self) -> int:
        """Leave every "sign it" step out of the rest of this session, the one asked now included (no
        camera: each was skipped by hand, one after another). They stay due, as a skipped sign's steps do; the
        other exercises are asked as before. Returns how many steps were left out."""
        signing = [step for step in self.saved.record if step.kind is StepKind.PRODUCTION]
        if signing:
            after = self._saved_without(
                lambda step: step.kind is StepKind.PRODUCTION, replace(self.sitting, signing_skipped=True)
            )
            self._advance(after)
        return len(signing)

    def _saved_without(self, left: Callable[[Step], bool], sitting: Sitting) -> SavedSession:
        """The session without the steps ``left`` (those to ask and those left out), with the learner's
        ``sitting``, saved: THE rule of a skip, the rest following the step asked before (:meth:`skip`)."""
        rest, put_off = to_ask_after(self.asked_last, [step for step in self.saved.steps if not left(step)])
        left_out = tuple(step for step in self.saved.left_out if not left(step))
        after = replace(self.saved, steps=rest, left_out=left_out, put_off=put_off, sitting=sitting)
        self.store.save_session(after)
        return after


class LearningPath:
    """The learning path of one sign database: lessons, today's work, sessions (see the module docstring).

    ``changed`` (no arguments) fires when a session starts or one of its steps is done."""

    def __init__(
        self, database: SignDatabase, clock: Clock | None = None, scheduler: Scheduler | None = None
    ):
        self.store = LearningStore(database, clock, scheduler)
        self.database = database
        if not self.store.flag(STARTER_LESSONS_FLAG):
            assign_starter_lessons(database)
            self.store.set_flag(STARTER_LESSONS_FLAG)
        self.changed = EventEmitter("changed")

    @property
    def clock(self) -> Clock:
        return self.store.clock

    def lessons(self) -> list[Lesson]:
        return lessons_of(self.database.signs())

    def _end_of_today(self) -> datetime:
        return end_of_day(day_of(self.store.now(), self.clock), self.clock)

    def _cards(self, cards: Cards | None) -> Cards:
        """``cards`` read already by the caller, else the store's. Each of the methods below takes the cards
        so that one look (the home screen's) reads them once: it read every card some nine times."""
        return self.store.cards() if cards is None else cards

    def due(self, can_do: CanDo, sign_ids: set[int] | None = None, cards: Cards | None = None) -> list[Step]:
        """Exercises due by the end of today that can be done now, soonest first (of ``sign_ids`` only)."""
        until = self._end_of_today()
        records = sorted(self._cards(cards).values(), key=lambda record: record.card.due)
        return [
            _exercise_step(record.sign_id, record.kind)
            for record in records
            if record.card.due < until
            and (sign_ids is None or record.sign_id in sign_ids)
            and can_do(record.sign_id, record.kind)
        ]

    def coming_up(self, days: int, can_do: CanDo, cards: Cards | None = None) -> list[tuple[date, int]]:
        """For each of the next ``days`` days: how many signs have an exercise falling due that day, as FSRS
        has scheduled them. By each exercise, not by the sign's first: a sign whose other exercise was due
        today left the list, right after its rating had said it would be asked again in 2 days."""
        today = day_of(self.store.now(), self.clock)
        due_days = {
            (sign_id, day_of(record.card.due, self.clock))
            for (sign_id, kind), record in self._cards(cards).items()
            if can_do(sign_id, kind)
        }
        counts = Counter(day for _sign_id, day in due_days if day > today)
        return [
            (today + timedelta(days=ahead), counts[today + timedelta(days=ahead)])
            for ahead in range(1, days + 1)
        ]

    def met_today(self, cards: Cards | None = None) -> int:
        """How many signs were met for the first time today (the daily cap of new signs)."""
        today = day_of(self.store.now(), self.clock)
        start, end = start_of_day(today, self.clock), end_of_day(today, self.clock)
        first_met: dict[int, datetime] = {}
        for record in self._cards(cards).values():
            first_met[record.sign_id] = min(
                first_met.get(record.sign_id, record.introduced_at), record.introduced_at
            )
        return sum(start <= first < end for first in first_met.values())

    def met_signs(self, cards: Cards | None = None) -> set[int]:
        """Every sign the learner has met (shown as a new sign, with its exercises since)."""
        return {sign_id for sign_id, _kind in self._cards(cards)}

    def new_signs(self, can_do: CanDo, cards: Cards | None = None) -> list[int]:
        """Every sign never met that has an exercise possible now, in learning order."""
        met = self.met_signs(cards)
        in_lessons = [sign_id for lesson in self.lessons() for sign_id in lesson.sign_ids]
        others = [sign.id for sign in self.database.signs()]
        ordered = dict.fromkeys(in_lessons + others)
        return [
            sign_id
            for sign_id in ordered
            if sign_id not in met and any(can_do(sign_id, kind) for kind in CARD_KINDS)
        ]

    def today(
        self,
        new_per_day: int,
        can_do: CanDo,
        cards: Cards | None = None,
        sessions: Sequence[SavedSession] | None = None,
    ) -> Today:
        """``sessions``: the store's saved sessions, when the caller has read them already."""
        cards = self._cards(cards)
        sessions = self.store.saved_sessions(cards) if sessions is None else sessions
        met_today = self.met_today(cards)
        allowance = max(new_per_day - met_today, 0)
        new = tuple(self.new_signs(can_do, cards)[:allowance])
        due = tuple(self.due(can_do, cards=cards))
        return Today(due, new, met_today, new_per_day, self.store.lessons_holding_steps(sessions))

    def unfinished(
        self,
        new_per_day: int,
        can_do: CanDo,
        cards: Cards | None = None,
        sessions: Sequence[SavedSession] | None = None,
        today: Today | None = None,
    ) -> tuple[SavedSession, ...]:
        """The sessions left unfinished that ask something now, the one stopped last first: a lesson stopped
        on an earlier day without what today's review asks (the one left unfinished today, else a new one;
        module docstring). Never a review left on an earlier day: all it still had to ask is due today, and
        today's review asks it (Home offered both, two buttons over the same steps, and starting today's
        deleted the other unsaid). ``cards``, ``sessions``, ``today``: the store's and :meth:`today`,
        when the caller has them already."""
        cards = self._cards(cards)
        sessions = self.store.saved_sessions(cards) if sessions is None else sessions
        today_date = day_of(self.store.now(), self.clock)
        sessions = [
            session for session in sessions if not session.review_of_an_earlier_day(today_date, self.clock)
        ]
        earlier = {
            session.key
            for session in sessions
            if session.lesson is not None and not session.holds_its_steps(today_date, self.clock)
        }
        if not earlier:  # what a new review would ask is worked out only when needed: thousands of signs
            return tuple(sessions)
        review = todays_review(sessions, today_date, self.clock)
        if review is not None:
            reviews = with_signs_to_meet(review.steps)
        else:
            today = self.today(new_per_day, can_do, cards, sessions) if today is None else today
            reviews = with_signs_to_meet(today.review_steps(can_do))
        asking = (session.without(reviews) if session.key in earlier else session for session in sessions)
        return tuple(session for session in asking if session.steps)

    def saved_session(
        self, lesson: str | None, new_per_day: int, can_do: CanDo, cards: Cards | None = None
    ) -> SavedSession | None:
        """The session of ``lesson`` (None: a review) left unfinished, as it asks now (:meth:`unfinished`)."""
        unfinished = self.unfinished(new_per_day, can_do, cards)
        return next((session for session in unfinished if session.lesson == lesson), None)

    def lesson_states(self, can_do: CanDo, cards: Cards | None = None) -> list[LessonState]:
        cards = self._cards(cards)
        met = self.met_signs(cards)
        due = {step.sign_id for step in self.due(can_do, cards=cards)}
        return [
            LessonState(lesson, len(met & set(lesson.sign_ids)), len(due & set(lesson.sign_ids)))
            for lesson in self.lessons()
        ]

    def next_lesson(self, can_do: CanDo) -> LessonState | None:
        """The lesson to go on with (:func:`lesson_to_continue`)."""
        return lesson_to_continue(self.lesson_states(can_do))

    def _start(
        self, title: str, lesson: str | None, steps: list[Step], taken: frozenset[Step] = frozenset()
    ) -> ReviewSession | None:
        """A new session of ``steps``, asking none of ``taken`` (:meth:`.SavedSession.leaving_out`) now;
        None when it asks nothing now (started again later, it asks all that is due then)."""
        now = self.store.now()
        saved = SavedSession(title, lesson, tuple(steps), 0, now, now).leaving_out(taken)
        if not saved.steps:
            return None
        self.store.save_session(saved)
        self.changed.emit()
        return self._session(saved)

    def _session(self, saved: SavedSession) -> ReviewSession:
        session = ReviewSession(self.store, saved)
        session.step_changed.connect(self.changed.emit)
        return session

    def start_review(self, new_per_day: int, can_do: CanDo) -> ReviewSession | None:
        """Today's review: the one left unfinished today, where it stopped, else a new one (replacing one
        left on an earlier day: what it still had to ask is due today, so today's asks it); None when there
        is nothing to do. The lessons' sessions left unfinished stay as they are, and what those worked on
        today still ask is left to them (:meth:`Today.review_steps`)."""
        cards = self.store.cards()
        sessions = self.store.saved_sessions(cards)
        saved = todays_review(sessions, day_of(self.store.now(), self.clock), self.clock)
        if saved is not None:
            return self._session(saved)
        today = self.today(new_per_day, can_do, cards, sessions)
        title = REVIEW_TITLE if today.review_due else NEW_SIGNS_TITLE
        return self._start(title, None, today.review_record(can_do), today.held)

    def lesson_new_signs(
        self, lesson: Lesson, can_do: CanDo, new_per_day: int, cards: Cards | None = None
    ) -> list[int]:
        """The new signs a new session of ``lesson`` brings (module docstring), in learning order."""
        cards = self._cards(cards)
        members = set(lesson.sign_ids)
        new = [sign_id for sign_id in self.new_signs(can_do, cards) if sign_id in members]
        allowance = max(new_per_day - self.met_today(cards), 0)
        return new[:allowance] if allowance else new

    def start_lesson(
        self, lesson: Lesson, can_do: CanDo, new_per_day: int = DEFAULT_NEW_PER_DAY
    ) -> ReviewSession | None:
        """The lesson's session: the one left unfinished, where it stopped, else a new one (module
        docstring). Today's review and the other lessons' sessions left unfinished stay as they are, leaving
        out what it asks while it is unfinished, today (module docstring: one session asks a step)."""
        cards = self.store.cards()
        saved = self.saved_session(lesson.name, new_per_day, can_do, cards)
        if saved is not None:
            return self._session(saved)
        return self._start(lesson.name, lesson.name, self.lesson_plan(lesson, can_do, new_per_day, cards))

    def lesson_plan(
        self, lesson: Lesson, can_do: CanDo, new_per_day: int, cards: Cards | None = None
    ) -> list[Step]:
        """The steps a new session of ``lesson`` asks (module docstring): its due exercises and its new
        signs; all of its signs met again when nothing of it is due or new."""
        cards = self._cards(cards)
        due = self.due(can_do, set(lesson.sign_ids), cards)
        new = self.lesson_new_signs(lesson, can_do, new_per_day, cards)
        if not due and not new:  # all learnt and nothing due: practise the whole lesson again
            met = self.met_signs(cards)
            due = [
                _exercise_step(sign_id, kind)
                for sign_id in lesson.sign_ids
                for kind in CARD_KINDS
                if sign_id in met and can_do(sign_id, kind)
            ]
        return mix(due, new, can_do)

    def resume(self, new_per_day: int, can_do: CanDo, key: str | None = None) -> ReviewSession | None:
        """The session stopped last of those left unfinished (:meth:`unfinished`), if any; ``key``: that
        session (:attr:`.SavedSession.key`) only, None when it asks nothing now. Home's button names a
        session: re-picked at the click, after midnight it opened another one."""
        unfinished = [
            session for session in self.unfinished(new_per_day, can_do) if key is None or session.key == key
        ]
        return self._session(unfinished[0]) if unfinished else None


def todays_review(sessions: Sequence[SavedSession], today: date, clock: Clock) -> SavedSession | None:
    """Of ``sessions``, today's review left unfinished (not one of an earlier day), if any."""
    return next(
        (
            session
            for session in sessions
            if session.lesson is None and session.review_of_an_earlier_day(today, clock) is None
        ),
        None,
    )


def lesson_to_continue(states: Sequence[LessonState]) -> LessonState | None:
    """Of the lessons' ``states``, the first lesson with signs never met, else the first with signs due, else
    None."""
    unmet = (state for state in states if state.met < state.size)
    return next(unmet, next((state for state in states if state.due), None))


_shared_paths: WeakKeyDictionary[SignDatabase, LearningPath] = WeakKeyDictionary()


def shared_learning_path(database: SignDatabase) -> LearningPath:
    """The learning path of an open database, one per database, shared by the pages that show it (so that
    one page's session announces itself to the others through ``changed``)."""
    if database not in _shared_paths:
        _shared_paths[database] = LearningPath(database)
    return _shared_paths[database]
