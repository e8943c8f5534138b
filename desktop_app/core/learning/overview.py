"""The learning path in words and numbers, as the home screen and the progress page show it. Qt-free.

:func:`home_overview` is the home screen: what is due today, the new signs, a session to continue, the
lessons and the week ahead. :func:`progress_overview` is the progress page's panel: signs known over time,
the days practised and the lessons. The pages lay these out; every text and number is made here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from desktop_app.core.learning.clock import day_of, start_of_day
from desktop_app.core.learning.history import (
    Learnt,
    days_in_a_row,
    known_then_missed,
    learnt,
    practice_days,
    signs_known_over_time,
)
from desktop_app.core.learning.lessons import Lesson
from desktop_app.core.learning.quiz import ExerciseAbility
from desktop_app.core.learning.review import (
    CanDo,
    LearningPath,
    LessonState,
    Today,
    lesson_to_continue,
    steps_to_go,
    todays_review,
)
from desktop_app.core.learning.scheduling import rating_rules
from desktop_app.core.learning.store import Cards, ReviewRecord, SavedSession
from signcore.words import counted, joined_with_and, weekday

if TYPE_CHECKING:
    from desktop_app.core.app.context import AppContext

COMING_UP_DAYS = 7
PRACTICE_LEVELS = (5, 20)  # exercises a day from which a day counts as "some" and "a lot" of practice
# The progress panel before any answer: where to start that is open now ("Start a review" beside
# Home's greyed review button, over a database without signs)
NO_HISTORY = (
    "Nothing learnt yet: start a lesson or today's review on the home screen, and what you learn shows here."
)
NO_SIGNS_TO_LEARN = (
    "No signs to learn yet: import or record some in the Library, then start on the home screen."
)
# Beside the greyed history export (short: the panel's summary shares its row), and its tooltip
NOTHING_TO_EXPORT = "Nothing to export yet"
NOTHING_TO_EXPORT_WHY = "Your answers and practice attempts can be exported once you have some."
SIGNS_MET_NEXT = "answer their exercises (Home) and what you know shows here."
# Under the "signs known" chart: a sign known is one the learner would most likely still recall (history.py),
# so the curve dips on a day when many signs fall due, which looks like forgetting without a word.
KNOWN_CURVE_NOTE = "Signs due for review may be fading, so the known line dips until you review them."
# The chart's two lines, in its key: "known" needs the sign signed from memory (.history), which a learner
# who recognises every sign but signs poorly (or has a poor camera) never reached: a flat line at 0. Not
# "(signed from memory)" alone: the line above it counts those apart ("3 signed from memory" over a known
# line at 0)
KNOWN_LINE = "signs known (signed from memory, well learnt)"
RECOGNISED_LINE = "signs you recognise (Which sign is this?)"
NO_MODEL_NOTE = "No sign model is loaded: only recognition can be asked."
NO_SIGNS_NOTE = "This sign database has no signs yet: import or record some in the Library."
# One session asks a step (.review's module docstring), in the learner's words: Help and Home say it
LESSONS_KEEP_THEIR_SIGNS = (
    "A lesson asks all of its signs on the day you work on it: while you leave it unfinished that day, "
    "today's review leaves them out, and so does a lesson you started before it (for a sign in both). "
    "Continue the lesson for them; from the next day, today's review asks them again."
)
OF_THE_OTHER_SIGNS = " of the other signs"  # today's review, while a lesson has some of today's signs
# A lesson's signs due today, in its row on Home and its column on Progress: "due" beside a lesson's signs
# just met read as a debt
TO_REVIEW = "to review"
MISSED_NAMED = 3  # signs a missed recall took out of the signs known, named on Home ("and 2 more" beyond)


def exercise_ability(context: AppContext) -> ExerciseAbility:
    """Which exercises the database and the current model allow now."""
    gallery = context.gallery()
    return ExerciseAbility(context.database.signs(), gallery)


def rules_text() -> str:
    """How answers are rated, for the home screen (rich text)."""
    rules = rating_rules()
    return (
        "<b>How your answers are rated</b> (this decides when each exercise comes back)<br>"
        f"Sign it from memory: {rules['production']}<br>Which sign is this: {rules['recognition']}<br>"
        f"{rules['day_met']}<br>{rules['shown']}"
    )


def _your_lessons(names: Sequence[str]) -> str:
    """ "your lesson Greetings", "your lessons Greetings and Time": lessons worked on today, by name."""
    return f"your lesson{'s' if len(names) > 1 else ''} {joined_with_and(names)}"


def _due_in_lessons(today: Today) -> str:
    """Under the signs due: how many of them only the lessons worked on today ask, and which lessons (those
    that ask none of them are not named); "" when today's review asks every sign due. "Still to come": a
    sign the lesson asked already and that is due again is today's review's, though in the lesson too ("3 of
    them are in your lesson ASL 1", all 5 being ASL 1 signs, read as a miscount)."""
    signs = today.due_in_lessons
    if not signs:
        return ""
    names = today.held_by(signs)
    lessons, continue_them = _your_lessons(names), "continue them" if len(names) > 1 else "continue it"
    one = len(signs) == 1
    if len(signs) < today.due_signs:
        are = "is" if one else "are"
        return f"{len(signs)} of them {are} still to come in {lessons} ({continue_them} for those)"
    # All of them (the due line names the lessons): what to do, and when they come to a review. "They are
    # all still to come in your lesson…" under "5 signs due today" beside a greyed review button, on a first
    # day, did not say what to do about signs "due"
    the_lessons, them = "the lessons" if len(names) > 1 else "the lesson", "it" if one else "them"
    later = "it comes back for review when due" if one else "they come back for review when due"
    return f"Continue {the_lessons} for {them}. After today, {later}."


def _missed_today(path: LearningPath, known: set[int], today: date, reviews: Sequence[ReviewRecord]) -> str:
    """Under the signs known, when a sign known before was missed today, which took the count down, and is
    not known again yet: why (the count fell 3 -> 2 -> 1 through a session and looked like a lost score); ""
    when none is. A sign missed that was not known yet took nothing from the count: the words say "you knew",
    so that it is not read as every sign missed today (a walk-through looked for a missing one)."""
    missed = known_then_missed(path.store, start_of_day(today, path.clock), reviews) - known
    if not missed:
        return ""
    every_name = path.database.sign_names()
    names = [name for sign_id, name in every_name.items() if sign_id in missed]  # in the lists' order
    one = len(names) == 1
    if len(names) > MISSED_NAMED:
        names[MISSED_NAMED:] = [f"{len(names) - MISSED_NAMED} more"]
    it = "it" if one else "them"
    return (
        f"You knew {joined_with_and(names)}, but missed {it} today: "
        f"{'it counts' if one else 'they count'} as known again once you get {it} right."
    )


# What each word of learnt_words means (.history's module docstring), for a tooltip where they are shown
LEARNT_MEANING = (
    "Recognised: your last “Which sign is this?” answer for it was right.\n"
    "Signed from memory: your last “Sign it from memory” attempt at it was rated hard or better.\n"
    "Known: signed from memory, and every exercise of it answered right often enough to stay with you "
    "for days; it may fade until you review it."
)


def learnt_words(learnt: Learnt) -> str:
    """THE words of what the learner has learnt (.history's module docstring), Home's line and the start of
    Progress's alike: "2 signs known · 5 of 6 recognised · 4 signed from memory"; the signs known left out
    while there are none (after a first lesson, whose signs were all recognised, Home said "0 signs known"
    and Progress "0 of 5 recognised")."""
    if not learnt.met:
        return "No signs learnt yet"
    recognised, signed, met = len(learnt.recognised), len(learnt.signed), len(learnt.met)
    if not recognised and not signed:
        return f"{counted(met, 'sign')} met · none recognised or signed from memory yet"
    known = f"{counted(len(learnt.known), 'sign')} known · " if learnt.known else ""
    of_met = str(met) if known else counted(met, "sign")  # "2 signs known · 5 of 6 recognised"
    recognised_words = f"{recognised} of {of_met} recognised"
    signed_words = f"{signed} signed from memory" if signed else "none signed from memory yet"
    return f"{known}{recognised_words} · {signed_words}"


def _streak(practised: Iterable[date], today: date) -> str:
    """ " · 4 days in a row" when the learner practised on more than one day up to today, else ""."""
    streak = days_in_a_row(practised, today)
    return f" · {streak} days in a row" if streak > 1 else ""


@dataclass(frozen=True)
class LessonRow:
    """One lesson's progress: signs met, known and due."""

    name: str
    met: int
    size: int
    known: int
    due: int
    steps_left: int = 0  # of its session left unfinished, which starting the lesson carries on
    beyond_the_days_new_signs: bool = False  # started now, it brings new signs beyond the day's limit

    @property
    def done(self) -> bool:
        return self.met == self.size and self.known == self.size

    def list_text(self) -> str:
        """Two lines for the home screen's lesson list, ticked when every sign is met and known: a lesson
        none of whose signs was met is its new signs ("0 known · 5 due" read as signs learnt and owed); a
        lesson begun, its signs known, to review today and not met yet ("2 of 6 known · 3 to review · 1
        new")."""
        if self.met == 0:
            parts = [counted(self.size, "new sign")]
        else:
            parts = [f"{self.known} of {self.size} known"]
            if self.due:
                parts.append(f"{self.due} {TO_REVIEW}")
            if self.met < self.size:
                parts.append(f"{self.size - self.met} new")
        if self.steps_left:
            parts.append(f"stopped with {counted(self.steps_left, 'step')} left")
        return f"{'✓ ' if self.done else ''}{self.name}\n    {' · '.join(parts)}"

    @property
    def start_words(self) -> str:
        """The list's button for this lesson, in the words of Home's lesson button (:func:`_lesson_offer`):
        its session left unfinished is continued (the button said "Start this lesson" under "stopped with 14
        steps left"), a lesson begun is continued ("Start this lesson" under "Continue lesson anyway"), a
        lesson all known with nothing due is practised again in full (:meth:`.LearningPath.lesson_plan`)."""
        if self.steps_left:
            return "Continue this lesson"
        if self.met == self.size and not self.due:
            return "Practise this lesson again"
        return f"{_starts_or_continues(self.met)} this lesson{_anyway(self.beyond_the_days_new_signs)}"

    def shares(self) -> tuple[float, float, float]:
        """The lesson's signs as shares of it, for a bar: known, met but not known yet, not met yet."""
        known, size = min(self.known, self.met), max(self.size, 1)
        return known / size, (self.met - known) / size, (self.size - self.met) / size

    def progress_words(self) -> str:
        """The bar in words (its tooltip)."""
        return f"{self.known} of {self.size} signs known · {self.met} met"

    def cells(self) -> tuple[str, str]:
        """The progress page's table row beside the bar: lesson, signs due (blank when none is)."""
        return self.name, str(self.due) if self.due else ""


def _starts_or_continues(met: int) -> str:
    """A lesson's offer, on Home's button and the list's alike: "Start" a lesson none of whose signs were met,
    else "Continue"."""
    return "Start" if met == 0 else "Continue"


def _anyway(beyond_the_days_new_signs: bool) -> str:
    return " anyway" if beyond_the_days_new_signs else ""


def _brings_beyond_the_limit(state: LessonState, limit_reached: bool) -> bool:
    """Whether starting the lesson now brings new signs beyond the day's limit (said "anyway")."""
    return limit_reached and state.met < state.size


def lesson_rows(
    states: Sequence[LessonState],
    known: set[int],
    steps_left: dict[str, int] | None = None,
    limit_reached: bool = False,
) -> list[LessonRow]:
    """The lessons' rows; ``steps_left``: of the lessons' sessions left unfinished, by lesson name;
    ``limit_reached``: today's new signs are all met."""
    left = steps_left or {}
    return [
        LessonRow(
            state.lesson.name,
            state.met,
            state.size,
            len(known & set(state.lesson.sign_ids)),
            state.due,
            left.get(state.lesson.name, 0),
            _brings_beyond_the_limit(state, limit_reached),
        )
        for state in states
    ]


@dataclass(frozen=True)
class HomeOverview:
    due: str
    due_in_lessons: str  # of the signs due, those only a lesson worked on today asks ("": none)
    new: str
    # what the learner has learnt (learnt_words); on a second line, when a sign missed today took the signs
    # known down, why
    known: str
    continue_text: str | None  # None: no session left unfinished
    continue_key: str | None  # the session continue_text names (:attr:`.SavedSession.key`)
    continue_first: bool  # the session left unfinished is what to do first (marked ▶), not today's review
    # None: the session left unfinished is today's review, or the lesson's button would start the same steps
    # (one button for each thing to do)
    review_text: str | None
    review_enabled: bool
    lesson_text: str | None  # the next lesson to continue; None when every lesson is met
    lessons: tuple[LessonState, ...]
    lesson_rows: tuple[LessonRow, ...]
    next_lesson_row: int  # the row to select first
    coming_up: str
    note: str
    # No sign met yet: a learner new to this database. Home asks which hand they sign with only then, not a
    # learner whose settings file was missing or set aside as unusable (36 signs known, asked it again).
    new_learner: bool = False


def _lesson_offer(
    state: LessonState, limit_reached: bool, steps_left: int, new: int, instead_of_the_review: int = 0
) -> str:
    """The next lesson's button: "Start" a lesson never begun, with the ``new`` signs its session brings
    (within the day's limit); "anyway" when it brings new signs beyond the day's limit (the learner may go
    on, told so; the review is offered first); its steps left when its session was left unfinished (the
    button carries it on). ``instead_of_the_review``: the steps of today's review, when it would ask just
    what the lesson asks and this button stands for both."""
    if steps_left:
        return f"Continue lesson: {state.lesson.name} ({counted(steps_left, 'step')} left)"
    if state.met == 0:
        size = counted(new, "new sign") if new == state.size else f"{new} of its {state.size} new signs today"
    else:
        size = f"{state.met} of {state.size} signs met"
    anyway = _anyway(_brings_beyond_the_limit(state, limit_reached))
    steps = f", about {counted(instead_of_the_review, 'step')}" if instead_of_the_review else ""
    return f"{_starts_or_continues(state.met)} lesson{anyway}: {state.lesson.name} ({size}{steps})"


def _the_review_is_the_lesson(
    path: LearningPath,
    today: Today,
    lesson: Lesson,
    new_per_day: int,
    can_do: CanDo,
    cards: Cards,
    sessions: Sequence[SavedSession],
) -> bool:
    """Whether starting today's review and starting ``lesson`` afresh would ask the same steps: on a first
    run, "Meet today's new signs (about 25 steps)" and "Start lesson: ASL 1 · Coffee shop: asking (5 of its 6
    new signs today)" were two buttons for the same five signs, read as two different things. Never while
    today's review or the lesson is left unfinished (each button then carries its own on)."""
    if any(session.lesson in (None, lesson.name) for session in sessions):
        return False
    review = set(today.review_steps(can_do))
    return bool(review) and review == set(path.lesson_plan(lesson, can_do, new_per_day, cards))


START_ANYWAY, NOT_NOW = "Start anyway", "Not now"


def beyond_the_days_new_signs(path: LearningPath, lesson: Lesson, new_per_day: int, can_do: CanDo) -> str:
    """What is asked before ``lesson`` is started from the list when its new session brings new signs beyond
    the day's limit (Home's offer says "anyway" then; started from the list, it went ahead unsaid); its
    answers are START_ANYWAY and NOT_NOW. "" when nothing is to be asked: its session left unfinished is
    carried on, or it brings no new sign, or only those the day still allows."""
    cards = path.store.cards()
    met_today = path.met_today(cards)
    if met_today < new_per_day or path.saved_session(lesson.name, new_per_day, can_do, cards) is not None:
        return ""
    new = len(path.lesson_new_signs(lesson, can_do, new_per_day, cards))
    if not new:
        return ""
    return (
        f"“{lesson.name}” brings {counted(new, 'new sign')}, beyond your {new_per_day} new signs a day"
        f" ({met_today} met today). Start it anyway?"
    )


def home_overview(path: LearningPath, new_per_day: int, can_do: CanDo, model_loaded: bool) -> HomeOverview:
    """The home screen now (reads the learning records: raises InputError when they cannot be read)."""
    cards = path.store.cards()  # read once: everything below is worked out from them
    saved_sessions = path.store.saved_sessions(cards)  # the same
    today = path.today(new_per_day, can_do, cards, saved_sessions)
    sessions = path.unfinished(new_per_day, can_do, cards, saved_sessions, today)
    all_in_lessons = bool(today.due_in_lessons) and len(today.due_in_lessons) >= today.due_signs
    due = (
        f"<b>{counted(today.due_signs, 'sign')}</b> to practise today in"
        f" {_your_lessons(today.held_by(today.due_in_lessons))}"  # not "due": no review can start for them
        if all_in_lessons
        else f"<b>{counted(today.due_signs, 'sign')}</b> due today"  # the session's steps are on its button
        if today.due_signs
        else "No signs due for review today"
    )
    allowance = (
        f"{today.met_today} of your {today.new_per_day} new signs a day met today"
        if today.met_today <= today.new_per_day
        else f"{counted(today.met_today, 'new sign')} met today, more than your {today.new_per_day} a day"
    )  # lessons may meet more than the day's new signs: not "11 of your 5"
    limit_reached = today.met_today >= today.new_per_day
    if limit_reached:
        allowance += ": enough new signs for today"
    new_in_lessons = today.new_in_lessons
    in_lessons = (
        f" ({len(new_in_lessons)} in {_your_lessons(today.held_by(new_in_lessons))})"
        if new_in_lessons
        else ""
    )  # today's review meets the others: the counts add up with what each session asks
    new = (
        f"{counted(len(today.new_signs), 'new sign')} to meet{in_lessons} · {allowance}"
        if today.new_signs
        else allowance
    )
    today_date = day_of(path.store.now(), path.clock)
    # Today's review and each lesson keep their session left unfinished: the one stopped last is "where you
    # stopped", the others are carried on by their own buttons (which say so).
    saved = sessions[0] if sessions else None
    left = {session.key: steps_to_go(path.store, session.steps, cards) for session in sessions}
    continue_first = saved is not None
    continue_text = (
        None
        if saved is None
        else f"▶  Continue where you stopped: {saved.title} ({counted(left[saved.key], 'step')} left)"
    )
    review_left = todays_review(sessions, today_date, path.clock)  # today's, left unfinished
    review_size = steps_to_go(path.store, today.review_steps(can_do), cards)  # as the session counts them
    has_signs = bool(path.database.signs())
    # With nothing due, today's session only introduces new signs: say so, not "review" beside "none due".
    new_only = today.review_new_signs and not today.review_due
    session = "Meet today's new signs" if new_only else "Start today's review"
    lessons_today = today.held_by(today.due_in_lessons | new_in_lessons)
    if review_size:
        size = f" (about {counted(review_size, 'step')})"
        if lessons_today and not new_only:  # the due line says which lesson has the others
            session += OF_THE_OTHER_SIGNS
    elif lessons_today:
        session, they = (
            ("Start today's review", "its signs") if today.due else ("Meet today's new signs", "they")
        )
        size = f": {they} are all in {_your_lessons(lessons_today)}"
    else:
        size = ": all done for today" if has_signs else ""
    review_text: str | None = f"{'' if continue_first else '▶  '}{session}{size}"
    if review_left is saved and saved is not None:
        review_text = None  # starting today's review again would only repeat "Continue where you stopped"
    elif not review_size and review_left is None and continue_first and saved and saved.key in lessons_today:
        # Nothing to review now: the lesson carried on above holds it all (the due line says so); a greyed
        # "Start today's review" beside "5 signs due today" read as something the learner should but cannot do
        review_text = None
    elif review_left is not None:  # the button carries it on (without what the lessons took: the due line)
        others = OF_THE_OTHER_SIGNS if review_left.left_out else ""
        review_text = f"Continue today's review{others} ({counted(left[review_left.key], 'step')} left)"
    reviews = path.store.reviews()  # read once, as the cards: the signs learnt, the missed, the streak
    what_is_learnt = learnt(path.store, path.met_signs(cards), reviews)
    known = set(what_is_learnt.known)
    states = path.lesson_states(can_do, cards)
    following = lesson_to_continue(states)
    lesson_text = None
    if following is not None and (saved is None or saved.key != following.lesson.name):  # not offered twice
        new_in_lesson = len(path.lesson_new_signs(following.lesson, can_do, new_per_day, cards))
        one_button = review_text is not None and _the_review_is_the_lesson(
            path, today, following.lesson, new_per_day, can_do, cards, sessions
        )
        lesson_text = _lesson_offer(
            following,
            limit_reached,
            left.get(following.lesson.name, 0),
            new_in_lesson,
            instead_of_the_review=review_size if one_button else 0,
        )
        if one_button:  # what to do first, in the review's place
            review_text, lesson_text = None, f"{'' if continue_first else '▶  '}{lesson_text}"
    coming = path.coming_up(COMING_UP_DAYS, can_do, cards)
    days = [
        f"{'tomorrow' if n == 0 else weekday(day, short=True)} {count}"
        for n, (day, count) in enumerate(coming)
    ]
    coming_up = (
        "<b>Coming up</b> (signs newly due each day): " + " · ".join(days)
        if any(count for _, count in coming)
        else f"<b>Coming up</b>: nothing newly due in the next {len(coming)} days yet"
    )
    if today.due_signs:  # "tomorrow 0" read as a free day while signs due today would carry over
        coming_up += (
            f"<br>Plus any of today's {counted(today.due_signs, 'due sign')} you don't practise today."
        )
    return HomeOverview(
        due=due,
        due_in_lessons=_due_in_lessons(today),
        new=new,
        known="\n".join(
            words
            for words in (
                learnt_words(what_is_learnt) + _streak(practice_days(path.store, reviews), today_date),
                _missed_today(path, known, today_date, reviews),
            )
            if words
        ),
        continue_text=continue_text,
        continue_key=None if saved is None else saved.key,
        continue_first=continue_first,
        review_text=review_text,
        review_enabled=review_size > 0 or review_left is not None,
        lesson_text=lesson_text,
        lessons=tuple(states),
        lesson_rows=tuple(lesson_rows(states, known, left, limit_reached)),
        next_lesson_row=states.index(following) if following is not None else 0,
        coming_up=coming_up,
        note=NO_SIGNS_NOTE if not has_signs else "" if model_loaded else NO_MODEL_NOTE,
        new_learner=not cards,
    )


@dataclass(frozen=True)
class PracticeDay:
    day: date
    level: int  # 0, 1, 2: a little, some, a lot of practice
    tooltip: str


@dataclass(frozen=True)
class ProgressOverview:
    summary: str
    # The start of each day since the first review, as POSIX seconds: where a date axis puts the day's tick
    # (at noon, each dot sat half-way between two days' ticks)
    known_times: tuple[float, ...]
    known: tuple[int, ...]  # signs known at the end of each of those days
    recognised: tuple[int, ...]  # signs recognised at the end of each of those days
    practice_days: tuple[PracticeDay, ...]
    today: date
    lesson_rows: tuple[LessonRow, ...]


def practice_level(count: int) -> int:
    """0, 1 or 2: how much practice ``count`` exercises and attempts in a day are."""
    return sum(count >= level for level in PRACTICE_LEVELS)


def progress_overview(path: LearningPath, can_do: CanDo) -> ProgressOverview:
    """The progress page's learning panel now (raises InputError when the records cannot be read)."""
    store = path.store
    cards = store.cards()
    reviews = store.reviews()  # read once: the curve, the days practised, the signs known
    history = signs_known_over_time(store, reviews)
    practised = practice_days(store, reviews)
    today = day_of(store.now(), store.clock)
    what_is_learnt = learnt(store, path.met_signs(cards), reviews)
    known = set(what_is_learnt.known)
    if practised:
        # What a learner looks for first, in the page's first line: what they learnt, as Home says it (a
        # learner who recognises every sign but cannot sign them well yet saw only "0 signs known"), signs
        # due, days practised
        due = len({step.sign_id for step in path.due(can_do, cards=cards)})
        summary = learnt_words(what_is_learnt)
        summary += f" · {due} due today" if due else ""
        summary += f" · practised on {counted(len(practised), 'day')}" + _streak(practised, today)
    elif met := path.met_signs(cards):  # met in a lesson, none asked yet (it said "Start a review")
        summary = f"{counted(len(met), 'sign')} met: {SIGNS_MET_NEXT}"
    else:
        summary = NO_HISTORY if path.database.signs() else NO_SIGNS_TO_LEARN
    return ProgressOverview(
        summary=summary,
        known_times=tuple(datetime.combine(day, time()).timestamp() for day in history.days),
        known=history.known,
        recognised=history.recognised,
        practice_days=tuple(
            PracticeDay(day, practice_level(count), f"{counted(count, 'exercise')} and practice attempts")
            for day, count in practised.items()
        ),
        today=today,
        lesson_rows=tuple(lesson_rows(path.lesson_states(can_do, cards), known)),
    )
