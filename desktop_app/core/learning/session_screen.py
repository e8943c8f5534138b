"""What the session page shows and does, Qt-free: the step on screen, the question asked, the answer rated.

:class:`SessionScreen` walks a :class:`~desktop_app.core.learning.review.ReviewSession` for the page: it
prepares each step (the sign, its reference clip, the four names of a recognition question, the scoring
target of a production step), hands the learner's answers to the session and words how they went. A step
that writes to the database and fails (disk full, file locked...) is said through ``events.problem`` and
stays where it was, so the learner may try again or stop for now. A step whose sign or clips went
meanwhile (deleted, damaged) is skipped with a word why.

A "sign it" step's scoring target follows what it is built from while the step awaits its attempt: the
learner's hand switched in Settings (its references are shown, and compared with, signed with that hand),
another model, the sign's clips changed or embedded (``events.target_changed``). Built once when the step
was shown, attempts signed after left-handed mode was turned on were still told it was off.

The page draws what it is given and tells the screen what the learner did; the camera and the players
stay in the page.
"""

from __future__ import annotations

import html
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TypeVar

from fsrs import Rating

from desktop_app.core.judging.practice import PlayedClips, ScoringTarget, scoring_target
from desktop_app.core.learning.overview import exercise_ability
from desktop_app.core.learning.quiz import RecognitionQuestion, clips_of_the_sitting, recognition_question
from desktop_app.core.learning.review import MISSED_TWICE, Rated, ReviewSession
from desktop_app.core.learning.scheduling import (
    RATING_NAMES,
    answer_time_words,
    beyond_the_clip,
)
from desktop_app.core.learning.store import Step, StepKind
from desktop_app.core.learning.summary import SessionSummary, session_summary
from desktop_app.core.shared.events import EventEmitter, EventGroup
from desktop_app.core.shared.palette import DARK_GREEN, GREEN, ORANGE, RED
from signcore.errors import InputError
from signcore.layout import PoseSequence
from signcore.words import counted

if TYPE_CHECKING:
    from desktop_app.core.app.context import AppContext
    from desktop_app.core.judging.attempts import AttemptOutcome
    from desktop_app.core.shared.settings import Settings
    from signcore.database import Sign

T = TypeVar("T")
Answer = TypeVar("Answer", Rated, Rated | str)  # an answer rated, or (Rated | str) perhaps not (show_me)
RATING_COLOURS = {Rating.Again: RED, Rating.Hard: ORANGE, Rating.Good: GREEN, Rating.Easy: DARK_GREEN}
SIGN_IT_PROMPT = "Raise your hands and sign it, or press Space"
SIGN_IT_BY_KEY_PROMPT = "Press Space, sign it, then press Space again"  # "Start when my hands come up" off
UNSCORED_PROMPT = "That attempt could not be scored: try again."
LOOKED_LIKE_WORDS = (
    "Your sign looked more like <b>{name}</b>."  # before a rating (rich text; the name escaped)
)
# A "sign it" step's sign shown again, not rated (ReviewSession.forgot_production), before when it comes back
WATCHED_AGAIN_WORDS = "Watching it again does not count against you"
CANNOT_SCORE_PROMPT = (
    "This sign cannot be scored now (no sign model, or its clips are still being prepared): skip it."
)


def rating_words(rated: Rated) -> str:
    """The rating in words, coloured (rich text), and when the exercise comes back: "Good: <when_back>.";
    its note in brackets (:attr:`.Rated.note`: a rating held to Good on the day the sign was met, which the
    rules shown promised Easy)."""
    name = RATING_NAMES[rated.rating].capitalize()
    why = f" ({rated.note})" if rated.note else ""
    return (
        f"<span style='color:{RATING_COLOURS[rated.rating]}'><b>{name}</b></span>{why}: {rated.comes_back}."
    )


def sign_it_prompt(auto_start: bool) -> str:
    """What a "sign it" step asks, by the learner's setting whether raised hands start an attempt."""
    return SIGN_IT_PROMPT if auto_start else SIGN_IT_BY_KEY_PROMPT


def camera_problem_prompt(message: str) -> str:
    """What the camera prompt says when the camera or the attempt's scoring had a problem. A camera that
    could not be started says why without a full stop, which ran into the next sentence: "…: the file is
    empty You can skip this one." """
    said = message if message.endswith((".", "…", "!", "?")) else f"{message}."
    return f"{said} You can skip this one."


@dataclass(frozen=True)
class ShownStep:
    """A step ready to show. ``reference`` is the clip to play as stored (a new sign's, or the recognition
    question's, shown without its name), ``signed_with`` its hand (:meth:`AppContext.clip_hand`): a player of
    references shows it signed with the learner's hand and plays its sign only, as every reference
    (:mod:`desktop_app.core.signing.view`); ``choices`` the recognition question's names, numbered; ``target``
    what a production attempt is scored against (None: it cannot be scored now, see
    :data:`CANNOT_SCORE_PROMPT`)."""

    step: Step
    sign: Sign
    name: str  # the sign as the lists name it: "hallo (DGS)"
    progress: str
    done: int
    total: int
    note: str = ""
    reference: PoseSequence | None = None
    signed_with: str | None = None
    choices: tuple[str, ...] = ()
    target: ScoringTarget | None = None


@dataclass(frozen=True)
class RecognitionAnswer:
    rating: Rating
    chosen: int  # the index of the name chosen
    right: int  # the index of the right name
    verdict: str  # "Right! 2.1 s · Easy: ..." (rich text)

    @property
    def correct(self) -> bool:
        return self.chosen == self.right

    def choice_colour(self, index: int) -> str | None:
        """The colour of the ``index``-th name now: the right one green, a wrong choice red."""
        if index == self.right:
            return RATING_COLOURS[Rating.Good]
        return RATING_COLOURS[Rating.Again] if index == self.chosen else None


@dataclass(frozen=True)
class Reminder:
    """A "sign it" step's sign shown on the learner's asking, instead of signed (:meth:`SessionScreen.
    show_me`): its reference clip as a player is given it and its hand (as :class:`ShownStep`'s), and the
    rating in words (rich text), or that watching again is not rated, and when it comes back."""

    name: str  # as the lists name it
    gloss: str  # the name alone, kept whole where the name is shortened
    reference: PoseSequence
    signed_with: str
    verdict: str
    rating: Rating | None = None  # None: watched again, not rated


@dataclass(frozen=True)
class ProductionAnswer:
    rating: Rating
    score: float
    score_text: str
    colour: str
    verdict: str  # the rating in words (rich text)


class SessionScreenEvents(EventGroup):
    problem: EventEmitter  # (message: str), "" once a step went through again
    # (target: ScoringTarget | None): the "sign it" step's target built anew (module docstring); None: it
    # cannot be scored now
    target_changed: EventEmitter


class SessionScreen:
    """The session page's state: the session, the question on screen, whether an attempt is awaited."""

    def __init__(
        self,
        context: AppContext,
        rng: random.Random | None = None,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.context = context
        self.rng = rng or random.Random()
        self.clock = clock
        self.events = SessionScreenEvents()
        self.session: ReviewSession | None = None
        self.question: RecognitionQuestion | None = None
        self.option_names: tuple[str, ...] = ()  # the question's options as the lists name them
        self.target: ScoringTarget | None = None  # set while a production step awaits its attempt
        self.sign_on_screen: Sign | None = None  # the sign of the step shown last
        self.name_on_screen = ""  # and its name as shown
        self.summary: SessionSummary | None = None  # of the session last run out of steps, till the next
        self.progress_at_end = ("", 0, 1)  # and how far it came (:meth:`progress`), for above the summary
        # How the last answer changed the steps in all, done and to go, and whether it was rated Again
        # (:meth:`total_change_words`)
        self._total_change, self._answered_wrong = 0, False
        self._missed_twice = (
            False  # and whether it was put off to another day for that (:data:`MISSED_TWICE`)
        )
        self._watched = False  # or whether it was a sign shown on asking (show_me), rated or not
        self._asked_at = 0.0
        self._clip_seconds = 0.0
        # The sign of the production step on screen until it is answered, scorable now or not
        self._production_sign_id: int | None = None
        events = context.events
        self._following = (  # until close()
            (events.settings_changed, self._follow_settings),
            (events.model_changed, self._follow_model),
            (events.database_changed, self._retarget),
        )
        for emitter, callback in self._following:
            emitter.connect(callback)

    def close(self) -> None:
        """Stop following the app's events: the context outlives the page that shows this screen, and a
        setting changed after that page had gone called into it."""
        for emitter, callback in self._following:
            emitter.disconnect(callback)

    @property
    def awaiting_attempt(self) -> bool:
        return self.target is not None

    def start(self, session: ReviewSession) -> ShownStep | None:
        self.session, self.summary, self._total_change = session, None, 0
        return self.show_current()

    def stop(self) -> None:
        """Leave the session (it is saved after every step)."""
        self.session, self.question, self.target, self._production_sign_id = None, None, None, None

    def show_current(self) -> ShownStep | None:
        """The session's current step, prepared; None when the session is over (it has then stopped, and
        :attr:`summary` says how it went when it ran out of steps)."""
        while (session := self.session) is not None and (step := session.current) is not None:
            self.question, self.target, self._production_sign_id = None, None, None
            try:
                return self._prepare(session, step)
            except (InputError, ValueError) as error:  # the sign or its clips went meanwhile
                self.events.problem.emit(f"A step was skipped: {error}")
                if self._saved(session.skip, clear_problem=False) is None:
                    break
        if session is not None and session.current is None:
            self.summary, self.progress_at_end = self._summary(session), self.progress()
        self.stop()
        return None

    def _summary(self, session: ReviewSession) -> SessionSummary | None:
        """The summary of ``session``, just over; None when this run of it did nothing to tell (its steps went
        meanwhile: their signs deleted) or the records cannot be read (Home says so)."""
        try:
            summary = session_summary(session, exercise_ability(self.context))
        except InputError:
            return None
        return summary if summary.lines else None

    def _prepare(self, session: ReviewSession, step: Step) -> ShownStep:
        database = self.context.database
        sign = self.sign_on_screen = database.sign(step.sign_id)
        self.name_on_screen = database.sign_name(sign)
        shown = ShownStep(step, sign, self.name_on_screen, *self.progress())
        if step.kind is StepKind.INTRODUCE:  # the name says the language
            reference, signed_with = self._reference(sign.id, self._clips_of_the_sitting(session, sign)[0])
            return replace(shown, note=sign.notes, reference=reference, signed_with=signed_with)
        if step.kind is StepKind.RECOGNITION:
            gallery = self.context.gallery()
            clip_id = self._clips_of_the_sitting(session, sign, asked=True)[1]
            every_sign = database.signs()
            met = {sign_id for sign_id, _kind in session.store.cards()}
            self.question = recognition_question(sign, every_sign, clip_id, gallery, self.rng, met)
            names = database.sign_names(every_sign)
            self.option_names = tuple(names[option.id] for option in self.question.options)
            choices = tuple(f"{n}.  {name}" for n, name in enumerate(self.option_names, 1))
            reference, signed_with = self._reference(sign.id, clip_id)
            return replace(shown, choices=choices, reference=reference, signed_with=signed_with)
        self.target, self._production_sign_id = scoring_target(self.context, sign.id, sign.gloss), sign.id
        return replace(shown, target=self.target)

    def _clips_of_the_sitting(
        self, session: ReviewSession, sign: Sign, asked: bool = False
    ) -> tuple[int, int]:
        """The clip that shows ``sign`` as new in ``session``, and (``asked``: chosen by the model's gallery)
        the one its recognition plays (:func:`clips_of_the_sitting`): the session known by its key and when
        it was started."""
        clips = self.context.database.clips(sign.id)
        sitting = f"{session.saved.key} {session.saved.started_at.isoformat()} {sign.id}"
        kept_despite = {clip.id for clip in clips if clip.kept_despite}
        gallery = self.context.gallery() if asked else None
        return clips_of_the_sitting(sign, [clip.id for clip in clips], sitting, gallery, kept_despite)

    def _follow_settings(self, settings: Settings) -> None:
        """Of the settings, the target depends on the learner's hand only."""
        if self.target is not None and self.target.left_handed != settings.left_handed:
            self._retarget()

    def _follow_model(self, _encoder: object) -> None:
        self._retarget()

    def _retarget(self) -> None:
        """The production step on screen, while it awaits its attempt, given a target built anew
        (``events.target_changed``). Not the step of a session of another database: the page ends it."""
        session, sign_id = self.session, self._production_sign_id
        if session is None or sign_id is None or session.store.database is not self.context.database:
            return
        try:
            sign = self.context.database.sign(sign_id)
            self.target = scoring_target(self.context, sign.id, sign.gloss)
        except InputError:  # deleted or damaged meanwhile: the step is skipped with a word when next shown
            self.target = None
        self.events.target_changed.emit(self.target)

    def progress(self) -> tuple[str, int, int]:
        """How far the session is, in words ("3 done · 4 to go"), and the steps done and in all (for a bar).
        "To go" counts the steps that come back (:meth:`ReviewSession.to_go`): counting each step once, it
        stood still for several right answers in a row. Every right answer brings it down; a wrong answer
        keeps it where it was (its rating says it comes back). Why is :meth:`progress_details`, not in the
        words: "8 done · 17 to go (1 to try again; 1 step fewer: not asked again today)" was hard to read."""
        session = self.session
        if session is None:
            return "", 0, 1
        to_go = session.to_go
        return f"{session.done} done · {to_go} to go", session.done, max(session.done + to_go, 1)

    def progress_details(self) -> str:
        """Why the steps to go are what they are, for a tooltip on :meth:`progress`'s words; "" when there is
        nothing to say: the steps answered wrong that come back, and those a right answer took off."""
        session = self.session
        if session is None:
            return ""
        why = []
        if again := session.again:
            why.append(f"{counted(again, 'step')} to try again: answered wrong, asked again in this session.")
        if self._total_change < 0:  # a step more is the line above's
            why.append(self.total_change_words())
        return "\n".join(why)

    def total_change_words(self) -> str:
        """Why the last answer changed the steps in all (those done and to go together), to say beside the
        progress as it changes; "" when it did not. A right answer not asked again today takes its repeat
        off too; a wrong one comes back, and so does a sign watched again (not rated). Unsaid, a lesson's
        "0 done · 25 to go" became "6 done · 18 to go", then "11 done · 16 to go". The reason is the
        rating's: the total can also fall after a wrong answer (when one sign is left, each exercise counts
        once), said then without a reason, not "answered right" under a red Again."""
        change, wrong = self._total_change, self._answered_wrong
        if change < 0 and not wrong:
            return f"{counted(-change, 'step')} fewer: answered right, not asked again today."
        if change > 0 and self._watched:  # "answered wrong" was said of a sign the learner asked to see
            how = "shown the sign" if wrong else "watched again"
            return f"{counted(change, 'step')} more: {how}, asked again in this session."
        if change > 0 and wrong:
            return f"{counted(change, 'step')} more: answered wrong, asked again in this session."
        if change < 0 and self._missed_twice:  # it said "in this session", without why
            return f"{counted(-change, 'step')} fewer: missed twice, asked on another day."
        if change:
            return f"{counted(abs(change), 'step')} {'fewer' if change < 0 else 'more'} in this session."
        return ""

    def _answered(self, answer: Callable[[], Answer], watched: bool = False) -> Answer | None:
        """``answer`` given and saved (:meth:`_saved`), and how it changed the steps in all
        (:meth:`total_change_words`): a right answer not asked again today (rated Hard, or only its sign
        left) takes its own repeat off too, and "8 done · 17 to go" became "9 done · 15 to go" without a
        word. An answer not rated (a sign watched again: :meth:`show_me`) is no wrong one; ``watched``: the
        answer is the sign shown on asking."""
        session = self.session
        if session is None:
            return None
        total = session.done + session.to_go
        answered = self._saved(answer)
        if answered is not None:
            self._total_change = session.done + session.to_go - total
            rated = answered if isinstance(answered, Rated) else None
            self._answered_wrong = rated is not None and rated.rating is Rating.Again
            self._missed_twice = rated is not None and rated.note == MISSED_TWICE
            self._watched = watched
        return answered

    def _reference(self, sign_id: int, clip_id: int | None = None) -> tuple[PoseSequence, str]:
        """The clip ``clip_id`` (None: one of the sign's) as a player is given it, and its hand
        (:meth:`AppContext.reference_clip`)."""
        database = self.context.database
        clip = self.rng.choice(database.clips(sign_id)) if clip_id is None else database.clip(clip_id)
        return self.context.reference_clip(clip)

    def _saved(self, step_done: Callable[[], T], clear_problem: bool = True) -> T | None:
        """Do a step that writes to the database; a failure is said, not raised, and the step stays."""
        try:
            result = step_done()
        except InputError as error:
            self.events.problem.emit(
                f"This could not be saved, so it stays here (try again, or skip it): {error}"
            )
            return None
        if clear_problem:
            self.events.problem.emit("")
        return result

    def _current_is(self, kind: StepKind) -> ReviewSession | None:
        session = self.session
        if session is None or session.current is None or session.current.kind is not kind:
            return None
        return session

    def introduced(self) -> bool:
        """The learner has met the new sign on screen; True when that was saved (show the next step)."""
        session = self._current_is(StepKind.INTRODUCE)
        return session is not None and self._saved(session.introduced) is not None

    def skip(self) -> str | None:
        """Leave the step on screen for a later session. When that was saved (show the next step): what left
        the session, in words, since the steps to go fall by as many times as it would have been asked (a new
        sign's exercise twice); None when there was no step or it could not be saved."""
        session, sign = self.session, self.sign_on_screen
        if session is None or session.current is None or sign is None:
            return None
        before, self._total_change = session.to_go, 0
        skipped = self._saved(session.skip)
        if skipped is None:
            return None
        # the name as shown: the sign may have been deleted meanwhile
        what = (
            f"“{self.name_on_screen}”"
            if skipped.kind is StepKind.INTRODUCE
            else f"this exercise of “{self.name_on_screen}”"
        )
        return (
            f"Skipped {what}: {counted(before - session.to_go, 'step')} fewer to go. "
            "It stays due: it comes back in your next review."
        )

    def skip_signing(self) -> str | None:
        """Leave every "sign it" step of the session for later (no camera). When that was saved (show the next
        step): what left the session, in words; None when there was nothing to leave or it could not be
        saved."""
        session = self.session
        if session is None:
            return None
        before, self._total_change = session.to_go, 0
        if not self._saved(session.skip_signing):
            return None
        return (
            f"Skipped the signing for now: {counted(before - session.to_go, 'step')} fewer to go. "
            "It stays due: it comes back in your next review."
        )

    def asked(self, clip_seconds: float) -> None:
        """The recognition question is on screen, its clip playing for ``clip_seconds`` at the speed shown:
        the answer's time starts now."""
        self._asked_at, self._clip_seconds = self.clock(), clip_seconds

    def choose(self, index: int) -> RecognitionAnswer | None:
        """The learner chose the ``index``-th name; the rated answer, or None when there is no question on
        screen or the answer could not be saved."""
        question, session = self.question, self._current_is(StepKind.RECOGNITION)
        if question is None or session is None or not 0 <= index < len(question.options):
            return None
        chosen = question.options[index]
        seconds = self.clock() - self._asked_at
        rated = self._answered(lambda: session.answer_recognition(chosen.id, seconds, self._clip_seconds))
        if rated is None:
            return None
        self.question = None
        right = next(n for n, option in enumerate(question.options) if question.is_right(option.id))
        correct = question.is_right(chosen.id)
        verdict = (
            "Right!" if correct else f"Not quite: this is <b>{html.escape(self.option_names[right])}</b>."
        )
        timing = answer_time_words(beyond_the_clip(seconds, self._clip_seconds))
        words = f"{verdict} {timing} · {rating_words(rated)}"
        return RecognitionAnswer(rated.rating, index, right, words)

    def show_me(self) -> Reminder | None:
        """The learner cannot recall the "sign it" step's sign and asks to see it: the step is rated Again
        the first time (it comes back soon, to be signed after watching), not when watched again
        (:meth:`.ReviewSession.forgot_production`), and its reference is given to watch; None when no such
        step is on screen or it could not be saved. Without it, the only ways to the sign were an attempt
        bound to fail, or a skip that left it out of the session."""
        session, sign_id = self._current_is(StepKind.PRODUCTION), self._production_sign_id
        if session is None or sign_id is None:
            return None
        try:  # read first: a sign gone meanwhile is not rated
            reference, signed_with = self._reference(sign_id)
        except (InputError, ValueError) as error:
            self.events.problem.emit(f"This sign cannot be shown now: {error}")
            return None
        shown = self._answered(session.forgot_production, watched=True)
        if shown is None:
            return None
        self.target, self._production_sign_id = None, None
        sign, name = self.sign_on_screen, self.name_on_screen  # the step's, prepared
        gloss = sign.gloss if sign is not None else name
        if isinstance(shown, Rated):
            return Reminder(name, gloss, reference, signed_with, rating_words(shown), shown.rating)
        return Reminder(name, gloss, reference, signed_with, f"{WATCHED_AGAIN_WORDS}: {shown}.")

    def awaits(self, outcome: AttemptOutcome) -> bool:
        """Whether ``outcome`` is of the attempt the step on screen awaits: scored against its target as it
        is now (the same sign, for the same hand: :meth:`AttemptOutcome.is_for`), not one of a step left or
        one signed before the learner switched hands."""
        return self._awaiting(outcome.sign_id) is not None and outcome.is_for(self.target)

    def _awaiting(self, sign_id: int | None) -> ReviewSession | None:
        """The session, when an attempt at ``sign_id`` is the one its production step awaits (not one from
        before)."""
        session = self._current_is(StepKind.PRODUCTION)
        awaited = session is not None and self.target is not None and self.target.sign_id == sign_id
        return session if awaited else None

    def clips_played(self, sign_id: int) -> PlayedClips:
        """What a result's player says of the clips it plays (the learner's own recordings of ``sign_id``, the
        clips of any sign kept despite the clip check's warning), as Practice says it: read when the result
        is shown, so that a warning cleared in the Library since is not. Nothing said of them when the
        database cannot be read (the result is shown all the same)."""
        database = self.context.database
        try:
            return PlayedClips.read(database, database.clips(sign_id))
        except InputError:
            return PlayedClips()

    def attempt_scored(
        self, sign_id: int | None, score: float, looked_like: str | None = None
    ) -> ProductionAnswer | None:
        """An attempt at ``sign_id`` scored ``score``: the rated answer when it is the attempt awaited and it
        was saved, else None (an attempt from before, or a step that stays). ``looked_like``: the sign it
        looked more like (:attr:`.AttemptScore.looked_like`), named before the rating: "Again" alone did not
        say that the learner signed another sign."""
        session = self._awaiting(sign_id)
        if session is None:
            return None
        rated = self._answered(lambda: session.answer_production(score))
        if rated is None:
            return None
        self.target, self._production_sign_id = None, None
        words = rating_words(rated)
        if looked_like is not None:
            words = f"{LOOKED_LIKE_WORDS.format(name=html.escape(looked_like))} {words}"
        return ProductionAnswer(rated.rating, score, f"{score:.0f}", RATING_COLOURS[rated.rating], words)
