"""The learning path's tables, in the sign database file: FSRS cards, the review log, the sessions left
unfinished (today's review and each lesson its own).

One card per sign and exercise kind (recognition, production), created when the sign is introduced. Each
answer is ONE transaction of the database (:meth:`signcore.database.SignDatabase.transaction`: WAL,
``synchronous=FULL``): the card's new state, the review's row and the session's remaining steps are written
together, so a crash or a killed app leaves either the answer with everything it changed, or nothing.

The tables are created on first use and versioned in ``learning_meta`` (key ``schema``), apart from the
database's own schema version, so the sign database's migrations and these never have to agree on numbers.
A file whose learning tables are newer than this app knows is refused, like the database itself does.
Rows follow their sign: purging a sign removes its cards and reviews (foreign keys), and soft-deleted signs
are left out of every query here.
"""

from __future__ import annotations

import enum
import json
import logging
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from fsrs import Card, Rating, Scheduler, State

from desktop_app.core.learning.clock import Clock, SystemClock, day_of, end_of_day, from_epoch
from desktop_app.core.learning.scheduling import make_scheduler
from signcore.database import DatabaseError, SignDatabase

log = logging.getLogger(__name__)
# What fsrs and json raise on a stored card or session that is damaged (bit rot, another tool's writes)
DAMAGED_JSON = (ValueError, KeyError, TypeError, RecursionError)

SCHEMA_VERSION = 1
SCHEMA = (
    """CREATE TABLE IF NOT EXISTS learning_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID""",
    """CREATE TABLE IF NOT EXISTS learning_cards (
        sign_id INTEGER NOT NULL REFERENCES signs (id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('recognition', 'production')),
        card TEXT NOT NULL,  -- fsrs Card as JSON
        due REAL NOT NULL,  -- the card's due time, epoch seconds (for queries)
        introduced_at REAL NOT NULL,  -- when the sign was first shown to the learner
        PRIMARY KEY (sign_id, kind)
    ) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS learning_cards_by_due ON learning_cards (due)",
    """CREATE TABLE IF NOT EXISTS learning_reviews (
        id INTEGER PRIMARY KEY,
        sign_id INTEGER NOT NULL REFERENCES signs (id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('recognition', 'production')),
        rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
        reviewed_at REAL NOT NULL,
        duration_ms INTEGER,  -- recognition: time to answer
        correct INTEGER,  -- recognition: 1 right, 0 wrong
        score REAL,  -- production: the calibrated score 0-100
        state INTEGER NOT NULL,  -- the card after the review (fsrs State, stability, difficulty, due):
        stability REAL,  -- what the progress page needs to know how well the sign was known on any day
        difficulty REAL,
        due REAL NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS learning_reviews_by_time ON learning_reviews (reviewed_at)",
    # Versions before several sessions could be left unfinished kept one, here; opening moves it on into
    # learning_sessions (an older app finds this table as it expects, and no session in it). Opening empties
    # it, so a session found here was saved by an older app since: newer than the one under its key. It has
    # no time it was saved: that is its last step, the last answer or sign met since it started (saved with
    # it); taken as its start, a session stopped in between was offered first as "where you stopped".
    """CREATE TABLE IF NOT EXISTS learning_session (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        title TEXT NOT NULL,
        lesson TEXT,
        steps TEXT NOT NULL,  -- JSON [[sign_id, step kind], ...]: what is left, in order
        total INTEGER NOT NULL,  -- done + left (older versions of the app read it for their bar)
        done INTEGER NOT NULL,
        started_at REAL NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS learning_sessions (  -- sessions left unfinished: the review, each lesson
        lesson TEXT PRIMARY KEY,  -- the lesson's name; '' for today's review
        title TEXT NOT NULL,
        steps TEXT NOT NULL,  -- JSON [[sign_id, step kind], ...]: what is left, in order
        done INTEGER NOT NULL,
        started_at REAL NOT NULL,
        saved_at REAL NOT NULL  -- its last step: the session stopped last is offered first
    ) WITHOUT ROWID""",
    """INSERT OR REPLACE INTO learning_sessions
        SELECT COALESCE(lesson, ''), title, steps, done, old.started_at, MAX(
            old.started_at,
            COALESCE((SELECT MAX(reviewed_at) FROM learning_reviews WHERE reviewed_at >= old.started_at), 0),
            COALESCE((SELECT MAX(introduced_at) FROM learning_cards WHERE introduced_at >= old.started_at), 0)
        ) FROM learning_session AS old""",
    "DELETE FROM learning_session",
    # What the learner did in each session left unfinished (Sitting), for its summary when it ends: a table
    # of its own, so an older app reads and writes learning_sessions as it did; a row whose started_at is
    # not its session's (that app ended the session and began another) is no one's, and one whose done is
    # not its session's (that app carried the session on) says too little.
    """CREATE TABLE IF NOT EXISTS learning_session_sittings (
        lesson TEXT PRIMARY KEY,  -- its session's key in learning_sessions
        started_at REAL NOT NULL,  -- its session's
        done INTEGER NOT NULL,  -- its session's steps done when it was saved
        sitting TEXT NOT NULL  -- JSON (Sitting.to_json)
    ) WITHOUT ROWID""",
)
REVIEW_KEY = ""  # today's review's key in learning_sessions (a lesson's is its name, never empty)
REVIEW_COLUMNS = (
    "sign_id, kind, rating, reviewed_at, duration_ms, correct, score, state, stability, difficulty, due"
)
VISIBLE_SIGN = "EXISTS (SELECT 1 FROM signs s WHERE s.id = {table}.sign_id AND s.deleted_at IS NULL)"


class ExerciseKind(enum.StrEnum):
    RECOGNITION = "recognition"  # the reference plays without its name: choose the name
    PRODUCTION = "production"  # the name is shown: sign it from memory


class StepKind(enum.StrEnum):
    """What a session asks of the learner: meet a new sign, or one of the exercises."""

    INTRODUCE = "introduce"
    RECOGNITION = "recognition"
    PRODUCTION = "production"


CARD_KINDS = (ExerciseKind.RECOGNITION, ExerciseKind.PRODUCTION)


@dataclass(frozen=True)
class Step:
    sign_id: int
    kind: StepKind


def in_asking_order(steps: Iterable[Step], after: Step | None = None) -> tuple[Step, ...]:
    """The steps in their order, but a step of the same sign as the one before (``after``: the step asked
    last) waits for the next step of another sign, when there is one: every step shows its sign's name (a
    recognition's answer too). Ordered once the steps a session leaves out are gone, never before: taking
    steps out brought two of one sign together again."""
    waiting, ordered = list(steps), list[Step]()
    last = None if after is None else after.sign_id
    while waiting:
        index = next((i for i, step in enumerate(waiting) if step.sign_id != last), 0)
        ordered.append(waiting.pop(index))
        last = ordered[-1].sign_id
    return tuple(ordered)


@dataclass(frozen=True)
class CardRecord:
    sign_id: int
    kind: ExerciseKind
    card: Card
    introduced_at: datetime


Cards = dict[tuple[int, ExerciseKind], CardRecord]  # every card of a visible sign (LearningStore.cards)


@dataclass(frozen=True)
class ReviewRecord:
    id: int
    sign_id: int
    kind: ExerciseKind
    rating: Rating
    reviewed_at: datetime
    duration_ms: int | None
    correct: bool | None
    score: float | None
    state: State
    stability: float | None
    difficulty: float | None
    due: datetime

    def card(self) -> Card:
        """The card as this review left it."""
        return Card(
            card_id=0,
            state=self.state,
            step=None if self.state == State.Review else 0,
            stability=self.stability,
            difficulty=self.difficulty,
            due=self.due,
            last_review=self.reviewed_at,
        )


@dataclass(frozen=True)
class Sitting:
    """What the learner did in a session, for its summary at the end (:mod:`.summary`): the signs met, each
    answer's sign and rating, the signs skipped, every "sign it" step left for later (no camera); and the
    signs whose "sign it" step the learner asked to see (``shown``: their attempts rated at most Good in it,
    .scheduling.after_watching). Saved
    with the session, so a session carried on (after "Stop for now", or in a later run of the app, also one
    killed) sums up all of it; ``done_before``: the steps done before what it holds (a session saved by a
    version that kept no sitting)."""

    done_before: int = 0
    met: tuple[int, ...] = ()
    ratings: tuple[tuple[int, Rating], ...] = ()
    skipped: tuple[int, ...] = ()
    signing_skipped: bool = False
    shown: tuple[int, ...] = ()

    def to_json(self) -> str:
        return json.dumps(
            {
                "done_before": self.done_before,
                "met": list(self.met),
                "ratings": [[sign_id, int(rating)] for sign_id, rating in self.ratings],
                "skipped": list(self.skipped),
                "signing_skipped": self.signing_skipped,
                "shown": list(self.shown),
            }
        )

    @classmethod
    def from_json(cls, text: str) -> Sitting:
        """As saved (:data:`DAMAGED_JSON` when it is damaged)."""
        values = json.loads(text)
        return cls(
            int(values["done_before"]),
            tuple(int(sign_id) for sign_id in values["met"]),
            tuple((int(sign_id), Rating(int(rating))) for sign_id, rating in values["ratings"]),
            tuple(int(sign_id) for sign_id in values["skipped"]),
            bool(values["signing_skipped"]),
            tuple(int(sign_id) for sign_id in values.get("shown", ())),  # none saved before it was kept
        )


@dataclass(frozen=True)
class SavedSession:
    """A session's state as stored: its title, its lesson (None: a review), the steps it asks now, the steps
    done, when it was started and last saved (as read). ``left_out``: the steps of its record that a lesson
    worked on today asks instead (:meth:`LearningStore.saved_sessions`): kept in the record and asked after
    its other steps once that lesson no longer asks them (it skipped the sign, or the day is over).
    ``put_off``: the recognitions the step just done took out of its steps (.review.to_ask_after), and that
    step itself when the session does not ask it again (.review's module docstring), which saving it puts
    off to the next day (:meth:`LearningStore.put_off_until`) and takes out of the other
    sessions left unfinished; not part of its record."""

    title: str
    lesson: str | None
    steps: tuple[Step, ...]
    done: int
    started_at: datetime
    saved_at: datetime
    left_out: tuple[Step, ...] = ()
    put_off: tuple[Step, ...] = ()
    sitting: Sitting = Sitting()

    @property
    def key(self) -> str:
        """Which session it is: a lesson's (its name) or today's review; each is kept until it is done."""
        return REVIEW_KEY if self.lesson is None else self.lesson

    @property
    def record(self) -> frozenset[Step]:
        """Every step its record still has: those it asks now and those it leaves out."""
        return frozenset((*self.steps, *self.left_out))

    @property
    def kept_from_others(self) -> frozenset[Step]:
        """The steps a lesson worked on today keeps from the other sessions (:meth:`taken_by`): its record,
        and every exercise of a sign it has still to introduce: answered before its sign was met, an exercise
        has no card to be saved to (a lesson saved by an earlier version left a sign's recognition out)."""
        return with_signs_to_meet(self.record)

    def review_of_an_earlier_day(self, today: date, clock: Clock) -> date | None:
        """The day this review was started, when that was before ``today``; None for today's review and a
        lesson's session (what a review of an earlier day still had to ask is due today: today's asks it)."""
        started = day_of(self.started_at, clock)
        return started if self.lesson is None and started != today else None

    def holds_its_steps(self, today: date, clock: Clock) -> bool:
        """Whether it is a lesson worked on ``today``: only then do the other sessions leave its steps to it
        (a lesson stopped on an earlier day held its signs out of every review after)."""
        return self.lesson is not None and day_of(self.saved_at, clock) == today

    def taken_by(self, holding: Sequence[SavedSession]) -> frozenset[Step]:
        """The steps of the lessons ``holding`` theirs (:meth:`LearningStore.lessons_holding_steps`) this
        session leaves to them: all of them, or, itself one of those lessons, those of the ones started
        after it (a sign in two lessons is asked by the one started last)."""
        holds = any(lesson.key == self.key for lesson in holding)
        after = (self.started_at, self.key)
        return frozenset(
            step
            for lesson in holding
            if lesson.key != self.key and (not holds or (lesson.started_at, lesson.key) > after)
            for step in lesson.kept_from_others
        )

    def leaving_out(self, taken: frozenset[Step]) -> SavedSession:
        """This session asking none of ``taken`` now, the rest in the order asked (:func:`in_asking_order`:
        also a session saved by an earlier version, which ordered before taking steps out), its record
        unchanged."""
        steps = (*self.steps, *self.left_out)
        return replace(
            self,
            steps=in_asking_order(step for step in steps if step not in taken),
            left_out=tuple(step for step in steps if step in taken),
        )

    def without(self, steps: frozenset[Step]) -> SavedSession:
        """This session no longer asking ``steps`` at all (nor keeping them in its record once saved), the
        rest in the order asked (:func:`in_asking_order`)."""
        return replace(self, steps=in_asking_order(step for step in self.steps if step not in steps))


def with_signs_to_meet(steps: Iterable[Step]) -> frozenset[Step]:
    """``steps``, and every step of each sign they introduce: the session that meets a sign asks all of its
    steps (answered before its sign was met, an exercise has no card to be saved to)."""
    steps = frozenset(steps)
    to_meet = {step.sign_id for step in steps if step.kind is StepKind.INTRODUCE}
    return steps | {Step(sign_id, kind) for sign_id in to_meet for kind in StepKind}


def check_learning_records(database: SignDatabase) -> None:
    """:class:`DatabaseError` when the database's learning records cannot be used by this version of the
    app: written by a newer one, or their version is not a number. Only reads: opening a database checks
    this before any page shows its learning path."""
    if not database.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'learning_meta'"):
        return  # none yet
    rows = database.query("SELECT value FROM learning_meta WHERE key = 'schema'")
    if not rows:
        return
    try:
        version = int(str(rows[0][0]))
    except ValueError:
        raise DatabaseError(
            database.path, f"its learning records are damaged (their version is {rows[0][0]!r})"
        ) from None
    if version > SCHEMA_VERSION:
        raise DatabaseError(
            database.path,
            f"its learning records were written by a newer version of the app (version {version}, this "
            f"one knows {SCHEMA_VERSION}); they were left as they are",
        )


class LearningStore:
    """The learning tables of one :class:`~signcore.database.SignDatabase` (see the module docstring)."""

    def __init__(
        self, database: SignDatabase, clock: Clock | None = None, scheduler: Scheduler | None = None
    ):
        self.database = database
        self.clock = clock or SystemClock()
        self.scheduler = scheduler or make_scheduler()
        check_learning_records(database)
        with database.transaction() as conn:
            for statement in SCHEMA:
                conn.execute(statement)
            conn.execute("INSERT OR IGNORE INTO learning_meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))

    def now(self) -> datetime:
        return self.clock.now()

    def put_off_until(self, due: datetime) -> datetime:
        """When a card due at ``due`` is due once put off to a later day: the start of the learner's next
        day, or its own later time."""
        return max(due, end_of_day(day_of(self.now(), self.clock), self.clock))

    # -- a flag per database (e.g. a one-time assignment done) -----------------------------------------

    def flag(self, key: str) -> bool:
        return bool(self.database.query("SELECT 1 FROM learning_meta WHERE key = ?", (key,)))

    def set_flag(self, key: str) -> None:
        with self.database.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO learning_meta VALUES (?, '1')", (key,))

    # -- cards ------------------------------------------------------------------------------------------

    def cards(self) -> Cards:
        """Every card of a visible sign, keyed by (sign id, kind)."""
        rows = self.database.query(
            "SELECT sign_id, kind, card, introduced_at FROM learning_cards "
            f"WHERE {VISIBLE_SIGN.format(table='learning_cards')}"
        )
        now = self.now()
        records = (
            CardRecord(
                sign_id, ExerciseKind(kind), _stored_card(card, sign_id, kind, now), from_epoch(introduced)
            )
            for sign_id, kind, card, introduced in rows
        )
        return {(record.sign_id, record.kind): record for record in records}

    def introduced_at(self, sign_id: int, kind: ExerciseKind) -> datetime | None:
        """When the sign's card of ``kind`` started (the sign was introduced); None: never."""
        rows = self.database.query(
            "SELECT introduced_at FROM learning_cards WHERE sign_id = ? AND kind = ?", (sign_id, kind.value)
        )
        return from_epoch(rows[0][0]) if rows else None

    def introduce(
        self, sign_id: int, kinds: tuple[ExerciseKind, ...], session: SavedSession | None = None
    ) -> None:
        """The learner has met the sign: its cards of ``kinds`` start, due now (existing cards are kept)."""
        now = self.now()
        with self.database.transaction() as conn:
            for kind in kinds:
                card = Card(card_id=_card_id(sign_id, kind), due=now)
                conn.execute(
                    "INSERT OR IGNORE INTO learning_cards VALUES (?, ?, ?, ?, ?)",
                    (sign_id, kind.value, card.to_json(), now.timestamp(), now.timestamp()),
                )
            self._write_session(conn, session, now)

    def review(
        self,
        sign_id: int,
        kind: ExerciseKind,
        rating: Rating,
        *,
        duration_ms: int | None = None,
        correct: bool | None = None,
        score: float | None = None,
        session_after: Callable[[Card], SavedSession] | None = None,
    ) -> Card:
        """Rate the sign's card of ``kind`` now (FSRS computes its next due time), log the review and save
        the session ``session_after(new card)`` (the steps left after this one), all in one transaction;
        returns the new card."""
        now = self.now()
        with self.database.transaction() as conn:
            stored = _read_card(conn, sign_id, kind, now)
            if stored is None:
                # said on screen when an answer is not saved: no "card" or sign number for the learner
                raise DatabaseError(
                    self.database.path, "this sign has not been shown to you as a new sign yet"
                )
            card, _log = self.scheduler.review_card(stored, rating, now, duration_ms)
            _write_card(conn, sign_id, kind, card)
            conn.execute(
                f"INSERT INTO learning_reviews ({REVIEW_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    sign_id,
                    kind.value,
                    int(rating),
                    now.timestamp(),
                    duration_ms,
                    None if correct is None else int(correct),
                    score,
                    int(card.state),
                    card.stability,
                    card.difficulty,
                    card.due.timestamp(),
                ),
            )
            self._write_session(conn, None if session_after is None else session_after(card), now)
        return card

    def reviews(self) -> list[ReviewRecord]:
        """Every review of a visible sign, oldest first."""
        rows = self.database.query(
            f"SELECT id, {REVIEW_COLUMNS} FROM learning_reviews "
            f"WHERE {VISIBLE_SIGN.format(table='learning_reviews')} "
            "ORDER BY reviewed_at, id"
        )
        return [_review_from_row(row) for row in rows]

    def missed_since(self, sign_id: int, kind: ExerciseKind, since: datetime) -> int:
        """How many answers to the sign's exercise of ``kind`` were rated Again at or after ``since``: a
        wrong choice or a failed attempt, not a "sign it" step's sign shown on asking (logged without a
        score, .review.ReviewSession.forgot_production): watching is no failed try."""
        rows = self.database.query(
            "SELECT COUNT(*) FROM learning_reviews WHERE sign_id = ? AND kind = ? AND rating = ? "
            "AND reviewed_at >= ? AND NOT (kind = ? AND score IS NULL)",
            (sign_id, kind.value, int(Rating.Again), since.timestamp(), ExerciseKind.PRODUCTION.value),
        )
        return int(rows[0][0])

    def last_ratings_since(self, since: datetime) -> dict[tuple[int, ExerciseKind], Rating]:
        """Each card's last rating at or after ``since`` (e.g. in the session started then)."""
        rows = self.database.query(
            "SELECT sign_id, kind, rating FROM learning_reviews WHERE reviewed_at >= ? "
            "ORDER BY reviewed_at, id",
            (since.timestamp(),),
        )
        return {(sign_id, ExerciseKind(kind)): Rating(rating) for sign_id, kind, rating in rows}

    # -- the sessions left unfinished ------------------------------------------------------------------

    def _write_session(self, conn: sqlite3.Connection, session: SavedSession | None, now: datetime) -> None:
        """Store ``session`` in the transaction of ``conn`` (one with no record left ends it), and put off
        the recognitions it took out of its steps (:attr:`SavedSession.put_off`)."""
        if session is None:
            return
        for step in session.put_off:
            kind = ExerciseKind(step.kind.value)
            card = _read_card(conn, step.sign_id, kind, now)
            if card is not None:
                card.due = self.put_off_until(card.due)
                _write_card(conn, step.sign_id, kind, card)
        if session.put_off:
            _take_out_of_the_others(conn, session.key, frozenset(session.put_off))
        record = (*session.steps, *session.left_out)  # what it leaves out to a lesson is asked after the rest
        if not record:
            _end_session(conn, session.key)
            return
        conn.execute(
            "INSERT OR REPLACE INTO learning_sessions VALUES (?, ?, ?, ?, ?, ?)",
            (
                session.key,
                session.title,
                _steps_to_json(record),
                session.done,
                session.started_at.timestamp(),
                now.timestamp(),
            ),
        )
        conn.execute(
            "INSERT OR REPLACE INTO learning_session_sittings VALUES (?, ?, ?, ?)",
            (session.key, session.started_at.timestamp(), session.done, session.sitting.to_json()),
        )

    def save_session(self, session: SavedSession) -> None:
        """Store ``session`` as its lesson's, or as today's review (one with no steps left ends it); the
        other sessions left unfinished stay as they are."""
        with self.database.transaction() as conn:
            self._write_session(conn, session, self.now())

    def saved_sessions(self, cards: Cards | None = None) -> list[SavedSession]:
        """The sessions left unfinished that ask something now, the one stopped last first, each without the
        steps that went since it stopped: those of signs deleted, the introductions of signs met in another
        session, the exercises answered in another session (a sign in a lesson and in the review was asked
        twice). Besides, a lesson worked on today asks all of its signs: today's review and the other
        lessons leave them out (``left_out``) while it is unfinished, but for a lesson worked on today too
        and started after it (.review's module docstring: one session asks a step). ``cards``:
        :meth:`cards`, when the caller has read them already."""
        sessions = self._saved_sessions(cards)
        holding = self.lessons_holding_steps(sessions)
        asking = (session.leaving_out(session.taken_by(holding)) for session in sessions)
        return [session for session in asking if session.steps]

    def lessons_holding_steps(self, sessions: Sequence[SavedSession]) -> tuple[SavedSession, ...]:
        """Of ``sessions`` (:meth:`saved_sessions`), the lessons worked on today, whose steps the other
        sessions leave to them."""
        today = day_of(self.now(), self.clock)
        return tuple(session for session in sessions if session.holds_its_steps(today, self.clock))

    def _saved_sessions(self, cards: Cards | None) -> list[SavedSession]:
        rows = self.database.query(
            "SELECT title, session.lesson, steps, session.done, session.started_at, saved_at, sitting "
            "FROM learning_sessions AS session LEFT JOIN learning_session_sittings AS sitting "
            "ON sitting.lesson = session.lesson AND sitting.started_at = session.started_at "
            "AND sitting.done = session.done "
            "ORDER BY saved_at DESC, session.lesson"
        )
        if not rows:
            return []
        visible = {row[0] for row in self.database.query("SELECT id FROM signs WHERE deleted_at IS NULL")}
        cards = self.cards() if cards is None else cards
        sessions = []
        for title, key, steps_json, done, started_at, saved_at, sitting_json in rows:
            try:
                steps = _steps_from_json(steps_json)
            except DAMAGED_JSON as error:  # the session starts afresh rather than never again
                log.warning("the saved review session is damaged and was dropped: %s", error)
                continue
            steps = tuple(
                step for step in steps if step.sign_id in visible and _still_to_do(step, cards, saved_at)
            )
            if steps:
                lesson = None if key == REVIEW_KEY else key
                started, saved = from_epoch(started_at), from_epoch(saved_at)
                sitting = _sitting_from_json(sitting_json, done)
                sessions.append(SavedSession(title, lesson, steps, done, started, saved, sitting=sitting))
        return sessions


def _sitting_from_json(text: str | None, done: int) -> Sitting:
    """A session's sitting as saved; without one (saved by an older version) or damaged, its ``done``
    steps as done before (the summary then says "Since you carried on")."""
    if text is not None:
        try:
            return Sitting.from_json(text)
        except DAMAGED_JSON as error:
            log.warning("what was done in a saved session is damaged; its summary counts from now: %s", error)
    return Sitting(done_before=done)


def _end_session(conn: sqlite3.Connection, key: str) -> None:
    """The session of ``key`` left unfinished is no more (done, or nothing of it left to ask)."""
    conn.execute("DELETE FROM learning_sessions WHERE lesson = ?", (key,))
    conn.execute("DELETE FROM learning_session_sittings WHERE lesson = ?", (key,))


def _steps_to_json(steps: Iterable[Step]) -> str:
    return json.dumps([[step.sign_id, step.kind.value] for step in steps])


def _steps_from_json(text: str) -> tuple[Step, ...]:
    """A session's steps as stored (:data:`DAMAGED_JSON` when they are damaged)."""
    return tuple(Step(int(sign_id), StepKind(kind)) for sign_id, kind in json.loads(text))


def _take_out_of_the_others(conn: sqlite3.Connection, key: str, put_off: frozenset[Step]) -> None:
    """Take the steps ``put_off`` to the next day out of every session left unfinished but the one
    of ``key`` (one with nothing left ends), each as it was saved otherwise. Still in another's record, one
    was asked today all the same: continued, today's review began with "Which sign is this?" on the sign a
    lesson had just shown. Taken out of the records rather than left out when read (an exercise due after
    today and not answered since): a lesson practised again in full plans exercises that are not due."""
    rows = conn.execute("SELECT lesson, steps FROM learning_sessions WHERE lesson != ?", (key,)).fetchall()
    for other, steps_json in rows:
        try:
            record = _steps_from_json(steps_json)
        except DAMAGED_JSON:
            continue  # dropped with a warning once read (LearningStore._saved_sessions)
        kept = tuple(step for step in record if step not in put_off)
        if len(kept) == len(record):
            continue
        if kept:
            conn.execute(
                "UPDATE learning_sessions SET steps = ? WHERE lesson = ?", (_steps_to_json(kept), other)
            )
        else:
            _end_session(conn, other)


def _still_to_do(step: Step, cards: Cards, saved_at: float) -> bool:
    """Whether a step of a session saved at ``saved_at`` (epoch seconds) was not done in another session
    since: a sign met there has cards, an exercise answered there a later review. The session's own last
    answer was saved at the very moment of its review (one transaction): not later."""
    if step.kind is StepKind.INTRODUCE:
        return not any((step.sign_id, kind) in cards for kind in CARD_KINDS)
    record = cards.get((step.sign_id, ExerciseKind(step.kind.value)))
    answered = None if record is None else record.card.last_review
    return answered is None or answered.timestamp() <= saved_at


def _review_from_row(row: tuple[Any, ...]) -> ReviewRecord:
    review_id, sign_id, kind, rating, reviewed_at, duration_ms, correct, score, state = row[:9]
    stability, difficulty, due = row[9:]
    return ReviewRecord(
        review_id,
        sign_id,
        ExerciseKind(kind),
        Rating(rating),
        from_epoch(reviewed_at),
        duration_ms,
        None if correct is None else bool(correct),
        score,
        State(state),
        stability,
        difficulty,
        from_epoch(due),
    )


def _stored_card(text: str, sign_id: int, kind: str, now: datetime) -> Card:
    """A stored card, or, when it is damaged, a new card due ``now`` (the learner's other cards and the
    review log stay; the next review writes a sound card back)."""
    try:
        return Card.from_json(text)
    except DAMAGED_JSON as error:
        log.warning("the %s card of sign %s is damaged and starts again: %s", kind, sign_id, error)
        return Card(card_id=_card_id(sign_id, ExerciseKind(kind)), due=now)


def _read_card(conn: sqlite3.Connection, sign_id: int, kind: ExerciseKind, now: datetime) -> Card | None:
    """The sign's card of ``kind`` as stored (:func:`_stored_card`), None when the sign was never met."""
    row = conn.execute(
        "SELECT card FROM learning_cards WHERE sign_id = ? AND kind = ?", (sign_id, kind.value)
    ).fetchone()
    return None if row is None else _stored_card(row[0], sign_id, kind.value, now)


def _write_card(conn: sqlite3.Connection, sign_id: int, kind: ExerciseKind, card: Card) -> None:
    conn.execute(
        "UPDATE learning_cards SET card = ?, due = ? WHERE sign_id = ? AND kind = ?",
        (card.to_json(), card.due.timestamp(), sign_id, kind.value),
    )


def _card_id(sign_id: int, kind: ExerciseKind) -> int:
    return 2 * sign_id + CARD_KINDS.index(kind)
