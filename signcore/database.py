"""The learner's sign database (the store): signs, their reference clips, cached embeddings, attempts.

One SQLite file (default ``user_data_dir()/signs.db``), opened by :class:`SignDatabase`:

* WAL journal, ``synchronous=FULL`` and one transaction per change, so a crash or a killed process never
  loses a committed change nor leaves a half-written one; foreign keys are enforced and cascade. FULL, not
  NORMAL: with NORMAL a killed process loses nothing either, but a power cut or a system crash may take back
  the last commits (an attempt just shown as saved); FULL's fsync per commit costs 6-8 ms an attempt (2 ms
  with NORMAL; measured on the development VM's disk), once per attempt of several seconds.
* ``PRAGMA user_version`` is the schema version; :data:`MIGRATIONS` are applied in order on open, all in one
  transaction (a learner's older file, or the copy of the older shipped starter database, is brought up to
  date in place, or left as it was). A file written by a newer version of the app is refused rather than
  altered.
* Deleting a sign or a clip is a soft delete (``deleted_at``), so it can be undone with
  :meth:`SignDatabase.restore_sign` / :meth:`SignDatabase.restore_clip`; soft-deleted rows are invisible to
  every query but :meth:`SignDatabase.deletions` until :meth:`SignDatabase.purge_deleted` removes them for
  good (with their videos, embeddings and, for a sign, its attempts) and :meth:`SignDatabase.compact` gives
  the space back to the disk.
* Landmarks are stored as compact blobs (:mod:`signcore.posecodec`), so :meth:`SignDatabase.clip_pose` gives
  back exactly the :class:`~signcore.layout.PoseSequence` that went in.
* Embeddings are cached per encoder (keyed by the model file's sha256); they go when their clip is purged or
  its landmarks change.

Filling it from files (sign folders, videos, .pose files, CSVs) and exporting it is :mod:`signcore.ingest`;
this module reads no file format.

Every failure of the database file (not a database, corrupt, read-only location, disk full, locked) becomes
a :class:`DatabaseError` naming the file, and the data already in it is left as it was; other files that
cannot be read or written raise :class:`~signcore.errors.InputError` naming them.

One ``SignDatabase`` may be shared by the GUI thread and a worker thread: calls are serialised by a lock and
every write is one short transaction, so a long import never blocks the GUI for more than one clip
(:meth:`SignDatabase.compact` is the exception: it rewrites the whole file, so call it off the GUI thread).
"""

from __future__ import annotations

import contextlib
import errno
import functools
import json
import logging
import math
import os
import shutil
import sqlite3
import tempfile
import threading
import time
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from signcore.errors import InputError, os_problem
from signcore.files import NOT_A_REGULAR_FILE, require_file, write_atomically
from signcore.layout import VIDEO_DIGEST, PoseSequence
from signcore.paths import assets_dir, user_data_dir
from signcore.posecodec import decode_meta, decode_pose, encode_pose, pose_digest
from signcore.words import NO_LANGUAGE, name_order, search_rank, sign_name, sign_names

log = logging.getLogger(__name__)

DATABASE_NAME = "signs.db"
DEFAULT_DATABASE_NAME = "default_signs.db"  # shipped in assets/, built by ``python -m trainer build-db``


def shipped_database_path() -> Path:
    """The starter database shipped with the app: copied, never opened for writing."""
    return assets_dir() / DEFAULT_DATABASE_NAME


def is_shipped_database(path: str | Path) -> bool:
    """Does ``path`` name the shipped starter database (by any relative path or link)?"""
    return Path(path).resolve() == shipped_database_path().resolve()


def set_aside(path: str | Path) -> Path:
    """Rename a damaged database (with SQLite's journal files beside it) to a name of its own in the same
    folder, so that a new database can start in its place and nothing is deleted; the new name."""
    path = Path(path)
    stamp = time.strftime("%Y-%m-%d-%H%M%S")
    for number in range(1, 1000):
        kept = path.with_name(
            f"{path.stem}.damaged-{stamp}{'' if number == 1 else f'-{number}'}{path.suffix}"
        )
        if not any(Path(f"{kept}{end}").exists() for end in ("", "-wal", "-shm")):
            break
    else:
        raise DatabaseError(path, "cannot find a free name to keep it under; move it away yourself")
    try:
        for end in ("-wal", "-shm", ""):  # the main file last: it is what marks the database as there
            if Path(f"{path}{end}").exists():
                os.replace(f"{path}{end}", f"{kept}{end}")
    except OSError as error:
        raise DatabaseError(path, f"cannot rename it ({os_problem(error)}); move it away yourself") from error
    return kept


@contextlib.contextmanager
def opened_copy(path: str | Path) -> Iterator[SignDatabase]:
    """The database at ``path`` copied into a temporary folder and opened there, for tools that read a
    database (the shipped one included) without ever opening the file itself; the folder is the copy's own
    (a tool may write beside it) and goes, with the copy, when the block ends. :class:`InputError` when
    ``path`` is no file (a --db that does not exist)."""
    require_file(Path(path))
    with tempfile.TemporaryDirectory(prefix="signpractice-copy-") as folder:
        copy = Path(folder) / Path(path).name
        shutil.copyfile(path, copy)
        try:
            opened = SignDatabase(copy)
        except InputError as error:  # said of the file given, not of its copy, gone with its folder
            raise InputError(path, error.problem) from error
        with opened as database:
            yield database


BUSY_TIMEOUT_SECONDS = 5.0
WAL_SIZE_LIMIT_BYTES = 16 * 1024 * 1024  # the journal file left on disk is truncated to this
DISK_FULL_BYTES = 2**20  # less free space than this, and a failed write is put down to a full disk
HANDS = ("right", "left")
RECENT_ATTEMPTS = 5  # practice_summary's recent mean is over this many attempts
SQLITE_HEADER = b"SQLite format 3\x00"
NOT_A_DATABASE_MESSAGE = (
    "this file is not a sign database; it was left as is"  # "SQLite" was a developer word
)
CORRUPT_MESSAGE = "the database file is damaged; restore a backup or move it away to start afresh"
FOREIGN_DATABASE_MESSAGE = (
    "this is another program's database (its tables are not SignPractice's); it was left as is"
)


# Ids often come out of numpy arrays (embeddings_for): let SQLite take numpy integers as plain ints.
def _plain_int(value: np.integer[Any]) -> int:
    return int(value)


sqlite3.register_adapter(np.int64, _plain_int)
sqlite3.register_adapter(np.int32, _plain_int)

# Migration n (1-based) takes the schema from user_version n-1 to n. Append new ones; never edit old ones.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE signs (
            id INTEGER PRIMARY KEY,
            gloss TEXT NOT NULL CHECK (gloss <> ''),
            gloss_key TEXT NOT NULL,  -- casefolded gloss: a gloss is unique per language, ignoring case
            language TEXT NOT NULL DEFAULT '',  -- '' = not specified
            notes TEXT NOT NULL DEFAULT '',
            tags TEXT NOT NULL DEFAULT '[]',  -- JSON list of strings
            dominant_hand TEXT NOT NULL DEFAULT 'right' CHECK (dominant_hand IN ('right', 'left')),
            created_at REAL NOT NULL,
            deleted_at REAL
        )""",
        "CREATE UNIQUE INDEX signs_unique_gloss ON signs (gloss_key, language) WHERE deleted_at IS NULL",
        """CREATE TABLE clips (
            id INTEGER PRIMARY KEY,
            sign_id INTEGER NOT NULL REFERENCES signs (id) ON DELETE CASCADE,
            landmarks BLOB NOT NULL,
            content_hash TEXT NOT NULL,  -- sha256 of the landmarks: re-importing the same clip is skipped
            frame_count INTEGER NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            signer TEXT,
            licence TEXT NOT NULL DEFAULT '',
            handedness TEXT CHECK (handedness IN ('right', 'left')),  -- the hand that leads; NULL = unknown
            created_at REAL NOT NULL,
            deleted_at REAL
        )""",
        "CREATE INDEX clips_by_sign ON clips (sign_id)",
        "CREATE INDEX clips_by_content ON clips (content_hash)",
        """CREATE TABLE clip_videos (  -- apart from clips, so listing clips never reads video bytes
            clip_id INTEGER PRIMARY KEY REFERENCES clips (id) ON DELETE CASCADE,
            suffix TEXT NOT NULL,
            video BLOB NOT NULL
        )""",
        """CREATE TABLE embeddings (
            model_hash TEXT NOT NULL,
            clip_id INTEGER NOT NULL REFERENCES clips (id) ON DELETE CASCADE,
            vector BLOB NOT NULL,  -- float32
            PRIMARY KEY (model_hash, clip_id)
        ) WITHOUT ROWID""",
        "CREATE INDEX embeddings_by_clip ON embeddings (clip_id)",
        """CREATE TRIGGER clip_landmarks_changed AFTER UPDATE OF landmarks ON clips
           BEGIN DELETE FROM embeddings WHERE clip_id = NEW.id; END""",
        """CREATE TABLE attempts (
            id INTEGER PRIMARY KEY,
            sign_id INTEGER NOT NULL REFERENCES signs (id) ON DELETE CASCADE,
            score REAL NOT NULL CHECK (score BETWEEN 0 AND 100),
            practised_at REAL NOT NULL,
            landmarks BLOB,
            details TEXT NOT NULL DEFAULT '{}'  -- JSON: nearest signs, feedback
        )""",
        "CREATE INDEX attempts_by_sign ON attempts (sign_id, practised_at)",
    ),
    (
        # Why the learner was warned against a clip they kept all the same (ClipOrigin.kept_despite)
        "ALTER TABLE clips ADD COLUMN kept_despite TEXT",
    ),
    (
        # The digest of the video a clip (or a piece of it) was tracked from, as its landmarks keep it
        # (layout.VIDEO_DIGEST): "is this video a clip already?" is one look-up, not a decode of every clip
        "ALTER TABLE clips ADD COLUMN video_sha256 TEXT",
        "UPDATE clips SET video_sha256 = video_digest_kept_in(landmarks)",
        "CREATE INDEX clips_by_video ON clips (video_sha256) WHERE video_sha256 IS NOT NULL",
    ),
    (
        # The clips whose video's digest is not known (tracked before it was kept, or from no video file):
        # an import looks among their sources for its video's, to learn their digests, reading only this
        # (clips_of_unknown_video): the clips' rows, each past its landmarks, took 30-60 ms for 496 clips,
        # this 0.3 ms. video_sha256 (NULL in it) is in it so that the index alone answers ("covering")
        "CREATE INDEX clips_of_unknown_video ON clips (source, created_at, video_sha256) "
        "WHERE video_sha256 IS NULL",
    ),
)


def _video_digest_kept_in(landmarks: bytes) -> str | None:
    """The digest of the video the landmarks were tracked from (:data:`VIDEO_DIGEST` of their meta); None
    when they do not say (recorded, from a .pose file, tracked before it was kept, or damaged)."""
    try:
        digest = decode_meta(landmarks).get(VIDEO_DIGEST)
    except (TypeError, ValueError):  # not a blob, or a damaged one: the clip says so where it is read
        return None
    return digest if isinstance(digest, str) else None


def _with_functions(conn: sqlite3.Connection) -> sqlite3.Connection:
    """``conn`` with the SQL functions the migrations use."""
    conn.create_function("video_digest_kept_in", 1, _video_digest_kept_in, deterministic=True)
    return conn


@functools.cache
def _columns_at(version: int) -> dict[str, frozenset[str]]:
    """Table -> column names of every table the migrations up to ``version`` make."""
    with contextlib.closing(_with_functions(sqlite3.connect(":memory:"))) as conn:
        for statements in MIGRATIONS[:version]:
            for statement in statements:
                conn.execute(statement)
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {
            table: frozenset(row[1] for row in conn.execute("SELECT * FROM pragma_table_info(?)", (table,)))
            for table in tables
        }


def _damaged_vectors(blobs: Sequence[object]) -> set[int]:
    """The indices of the blobs that are not float32 vectors of the most common length, all finite."""
    vectors = [
        np.frombuffer(blob, np.float32) if isinstance(blob, bytes) and len(blob) % 4 == 0 else None
        for blob in blobs
    ]
    sizes = [len(vector) for vector in vectors if vector is not None and len(vector)]
    usual = max(set(sizes), key=sizes.count, default=-1)
    return {
        index
        for index, vector in enumerate(vectors)
        if vector is None or len(vector) != usual or not np.isfinite(vector).all()
    }


def _remove_deleted(conn: sqlite3.Connection, deleted_before: float) -> int:
    """Delete the signs and clips deleted before ``deleted_before`` (the foreign keys on: with what hangs on
    them); returns how many went."""
    signs = conn.execute("DELETE FROM signs WHERE deleted_at <= ?", (deleted_before,)).rowcount
    clips = conn.execute("DELETE FROM clips WHERE deleted_at <= ?", (deleted_before,)).rowcount
    return signs + clips


# Where every clip query starts: soft-deleted clips and the clips of deleted signs are invisible.
VISIBLE_CLIPS = "clips c JOIN signs s ON s.id = c.sign_id WHERE c.deleted_at IS NULL AND s.deleted_at IS NULL"


class DatabaseError(InputError):
    """The sign database cannot be opened or changed; the message names the file and says why."""


class PassingDatabaseError(DatabaseError):
    """A write the database could not take now but may take later, unchanged: the disk is full, a disk read
    or write failed, or another program holds the database. ``cause`` says which (DISK_FULL, DISK_FAILED,
    LOCKED), for callers that keep the change and say so in their own words (the app's unsaved attempts)."""

    def __init__(self, source: str | Path | None, problem: str, cause: str):
        super().__init__(source, problem)
        self.cause = cause


DISK_FULL, DISK_FAILED, LOCKED = "disk full", "disk failed", "locked"  # PassingDatabaseError.cause
_READ_ONLY = "read-only"  # a folder that cannot be written to: no passing cause
# What stops writes in the database's folder (SignDatabase._disk_problem), in the learner's words
_DISK_PROBLEMS = {
    DISK_FULL: "the disk is full",
    _READ_ONLY: "its folder cannot be written to (a read-only drive, or no permission)",
}
# SQLite's errors of a file it could not open, write or make: what the disk may be to blame for
_FILE_ERRORS = ("SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_READONLY")


class NameTakenError(DatabaseError):
    """A sign of that name (ignoring case) in that language is in the library already."""


class NoSuchSignError(DatabaseError):
    """The sign asked for is not in the database (deleted since)."""


class DamagedDatabaseError(DatabaseError):
    """The file's content cannot be used as a sign database at all: damaged, or not a database. Unlike a
    full disk or a lock, waiting does not help; :func:`set_aside` keeps it and makes room for a new one."""


class DamagedLandmarksError(DatabaseError):
    """One clip's or attempt's stored landmarks do not decode (bit rot, or a database written elsewhere);
    the rest of the database is fine."""


class SharedNameError(ValueError):
    """A clip whose language is not known has a name several signs share: which one it is of is not known."""

    def __init__(self, gloss: str, languages: Sequence[str]):
        self.gloss, self.languages = gloss, tuple(languages)
        where = " and ".join(f"in {language}" if language else "without a language" for language in languages)
        choice = f" (“{NO_LANGUAGE}” for the one without)" if "" in languages else ""
        super().__init__(f"there are signs “{gloss}” {where}: choose its language when you import it{choice}")


@dataclass(frozen=True)
class Sign:
    id: int
    gloss: str
    language: str
    notes: str
    tags: tuple[str, ...]
    dominant_hand: str
    created_at: float
    clip_count: int


# A warning is a sentence or two (under 200 characters); the library shows the words whole under the clip
MAX_KEPT_DESPITE_CHARS = 500


def kept_despite_words(text: str | None) -> str | None:
    """Why a clip was kept despite a warning as the library says it: one line, at most a warning's length;
    None for nothing to say."""
    if text is None:
        return None
    return " ".join(text.split())[:MAX_KEPT_DESPITE_CHARS] or None


@dataclass(frozen=True)
class ClipOrigin:
    """Where a clip came from, stored beside its landmarks (shown in the library, kept by exports)."""

    source: str = ""
    signer: str | None = None
    licence: str = ""
    handedness: str | None = None  # "left" / "right": the hand that signs, when known
    # Why the clip looked wrong when the learner kept it all the same, in the words they were warned with
    # (the record window's "Keep anyway", a clip ticked in the import's review); None: kept unwarned. Said
    # in the library, so that a sign that judges oddly shows the clip that may be why.
    kept_despite: str | None = None

    def __post_init__(self) -> None:
        # One line of at most a warning's length whichever way it came (a sign folder's note, a backup's
        # row): both may come from anyone, and a note of many lines stretched the library page past the screen
        object.__setattr__(self, "kept_despite", kept_despite_words(self.kept_despite))


@dataclass(frozen=True)
class ClipInfo:
    """A clip without its landmarks (cheap to list)."""

    id: int
    sign_id: int
    frame_count: int
    source: str
    signer: str | None
    licence: str
    handedness: str | None
    has_video: bool
    created_at: float
    kept_despite: str | None = None  # ClipOrigin.kept_despite

    @property
    def origin(self) -> ClipOrigin:
        return ClipOrigin(self.source, self.signer, self.licence, self.handedness, self.kept_despite)


def _new_to_its_namesake(clip: str) -> str:
    """SQL: the visible sign of the name of the sign ``s`` has no visible clip of the landmarks of ``clip``
    (a clip of ``s``)."""
    return f"""NOT EXISTS (SELECT 1 FROM clips t JOIN signs v ON v.id = t.sign_id
        WHERE v.gloss_key = s.gloss_key AND v.language = s.language AND v.deleted_at IS NULL
        AND t.deleted_at IS NULL AND t.content_hash = {clip}.content_hash)"""


@dataclass(frozen=True)
class Deletion:
    """A sign or a clip deleted and not purged yet (:meth:`SignDatabase.deletions`), named by its sign."""

    kind: str  # "sign" or "clip"
    row_id: int
    gloss: str  # of the sign, or of the clip's sign
    language: str
    deleted_at: float  # seconds since the epoch
    name_shared: bool  # a sign without a language beside a visible sign of its name (SignDatabase.sign_name)
    sign_id: int  # the sign's, or the clip's sign's
    sign_deleted: bool  # a clip: its sign is deleted too (restore_clip with_its_sign); a sign: True
    # Its sign is deleted and a visible sign has its name now: it cannot come back beside it, its clips can
    # come into that sign (SignDatabase.bring_into_the_sign_of_its_name)
    name_taken: bool = False
    # A clip: its number among its sign's clips (from 1) as the library numbered it when it was deleted
    clip_number: int = 0
    # A clip: where it came from and when it was stored (two clips deleted as "clip 1" in turn told apart)
    clip_source: str = ""
    clip_created_at: float = 0.0

    @property
    def sign_name(self) -> str:
        """Its sign's name as :meth:`SignDatabase.sign_name` gives it beside the signs visible when read (a
        sign without a language is "hallo (no language)" while a visible sign is called so too)."""
        return sign_name(self.gloss, self.language, self.name_shared)


@dataclass(frozen=True)
class PracticeAttempt:
    id: int
    sign_id: int
    score: float  # 0..100
    practised_at: float  # epoch seconds
    details: dict[str, Any]


@dataclass(frozen=True)
class PracticeSummary:
    """One sign's practice record, what the signing list's order needs (a sign never signed: attempts=0)."""

    sign_id: int
    gloss: str
    language: str
    attempts: int
    last_score: float | None
    best_score: float | None
    recent_mean: float | None  # mean of the last RECENT_ATTEMPTS scores
    last_practised: float | None


def _stored_json(text: str, what: str) -> Any:
    """The JSON value of a stored column, or None (with a warning in the log) when it is damaged: a bad
    byte in one sign's tags must not keep the learner from every sign."""
    try:
        return json.loads(text)
    except (TypeError, ValueError, RecursionError) as error:  # JSONDecodeError is a ValueError
        log.warning("%s are damaged and were left out: %s", what, error)
        return None


def _casefold(text: str | None) -> str | None:
    return None if text is None else text.casefold()


def _tags_json(tags: Iterable[str]) -> str:
    """Tags as stored: a JSON list, stripped, without empties or repeats."""
    return json.dumps(list(dict.fromkeys(tag.strip() for tag in tags if tag.strip())))


def _clean_gloss(gloss: str) -> str:
    """A gloss as stored: stripped, and composed (NFC), so that "café" from a folder named on a Mac
    (decomposed: "e" + combining accent) and "café" typed elsewhere are one sign."""
    if not gloss.strip():
        raise ValueError("a sign needs a name")
    return unicodedata.normalize("NFC", gloss.strip())


def _check_hand(hand: str | None, allow_none: bool = False) -> None:
    if not (hand in HANDS or (allow_none and hand is None)):
        raise ValueError(f"a hand must be 'right' or 'left', got {hand!r}")


class SignDatabase:
    """The sign database in one SQLite file (see the module docstring); a context manager."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path is not None else user_data_dir() / DATABASE_NAME
        self._lock = threading.RLock()
        self._refuse_non_sqlite_file()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:  # a file in the folder's place is "File exists" in the system's words
            problem = "a file stands where it should be" if self.path.parent.is_file() else os_problem(error)
            raise DatabaseError(self.path, f"cannot create its folder ({problem})") from error
        self._conn: sqlite3.Connection | None = None
        with self._translated_errors():
            # isolation_level=None: we issue BEGIN/COMMIT ourselves. check_same_thread=False: see the lock.
            self._conn = _with_functions(
                sqlite3.connect(
                    self.path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False
                )
            )
            try:
                self._prepare()
            except BaseException:
                self._conn.close()
                self._conn = None
                raise
        self._conn.create_function("casefold", 1, _casefold, deterministic=True)

    @classmethod
    def open_default(cls, shipped: Path | None = None) -> SignDatabase:
        """The learner's database; on first run it starts as a copy of the shipped default database.

        The shipped file (``assets/default_signs.db`` unless ``shipped`` is given) is never opened for
        writing. The copy is made beside the target and moved into place, so a half-copied file never exists.
        """
        target = user_data_dir() / DATABASE_NAME
        shipped = shipped_database_path() if shipped is None else shipped
        if not target.exists() and shipped.exists():

            def copy_shipped(temp: Path) -> None:
                shutil.copyfile(shipped, temp)

            write_atomically(target, copy_shipped, publish=_link_unless_present)
        return cls(target)

    # -- opening, transactions and errors -------------------------------------------------------------

    def _refuse_non_sqlite_file(self) -> None:
        """Refuse to let SQLite near a file that is not a database (it would turn it into one)."""
        if self.path.exists() and not (self.path.is_file() or self.path.is_dir()):  # a pipe would block
            raise DatabaseError(self.path, NOT_A_REGULAR_FILE)
        try:
            with open(self.path, "rb") as file:
                header = file.read(len(SQLITE_HEADER))
        except (FileNotFoundError, NotADirectoryError):
            return
        except OSError as error:
            if self.path.is_dir():  # IsADirectoryError, or PermissionError on Windows
                raise DatabaseError(self.path, "this is a folder; choose the database file in it") from error
            raise DatabaseError(self.path, f"cannot read it ({os_problem(error)})") from error
        if header and header != SQLITE_HEADER:
            raise DamagedDatabaseError(self.path, NOT_A_DATABASE_MESSAGE)

    def _prepare(self) -> None:
        """Check the file before anything may write to it, then set the connection up and migrate."""
        conn = self._connection()
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise DamagedDatabaseError(self.path, CORRUPT_MESSAGE)
        conn.execute("BEGIN")  # one snapshot for both: another process may be creating the tables now
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {
                row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite%'")
            }
        finally:
            conn.execute("COMMIT")
        if version > len(MIGRATIONS):
            raise DatabaseError(
                self.path,
                f"it was written by a newer version of the app (schema {version}, this one knows "
                f"{len(MIGRATIONS)}); it was left as is",
            )
        # Another program's SQLite file (chosen by mistake) must not get our tables and journal mode added:
        # ours starts empty at version 0 and from version 1 on has every table, with its columns, that the
        # migrations up to its version made.
        if version < 0 or (version == 0 and tables) or (version > 0 and not self._has_own_tables(version)):
            raise DatabaseError(self.path, FOREIGN_DATABASE_MESSAGE)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA journal_size_limit = {WAL_SIZE_LIMIT_BYTES}")  # after a big import
        with self._write() as conn:
            # Read again inside the transaction: another process may have migrated meanwhile.
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            for number, statements in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in statements:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number}")

    def _has_own_tables(self, version: int) -> bool:
        """Has the file every table the migrations up to ``version`` made, with at least their columns?"""
        conn = self._connection()
        for table, columns in _columns_at(version).items():
            found = {row[1] for row in conn.execute("SELECT * FROM pragma_table_info(?)", (table,))}
            if not columns <= found:  # a missing table has no columns
                return False
        return True

    @contextlib.contextmanager
    def _translated_errors(self) -> Iterator[None]:
        try:
            yield
        except (sqlite3.ProgrammingError, sqlite3.InterfaceError):
            raise  # misuse of the API (a bug), not a problem with the learner's file
        except sqlite3.Error as error:
            name = getattr(error, "sqlite_errorname", "") or ""
            # SQLite says "disk I/O error" or "unable to open database file" when it cannot make its journal
            # files beside the database: often a full disk or a read-only drive, which the learner can fix.
            disk = self._disk_problem() if name.startswith(_FILE_ERRORS) else None
            problem = self._explain(error, name, disk)
            if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
                raise DamagedDatabaseError(self.path, problem) from error
            cause = self._passing_cause(name, disk)
            if cause:
                raise PassingDatabaseError(self.path, problem, cause) from error
            raise DatabaseError(self.path, problem) from error

    @staticmethod
    def _passing_cause(name: str, disk: str | None) -> str:
        """Which problem that may clear, by itself or by the learner's hand, stopped a write, if one did:
        SQLite's full disk and lock, a failed disk write (full when the disk is: ``disk``)."""
        if name.startswith("SQLITE_FULL") or disk == DISK_FULL:
            return DISK_FULL
        if name.startswith("SQLITE_BUSY"):
            return LOCKED
        return DISK_FAILED if name.startswith("SQLITE_IOERR") else ""

    @staticmethod
    def _explain(error: sqlite3.Error, name: str, disk: str | None) -> str:
        """SQLite's error ``name`` in the learner's words, or what stops writes on the disk (``disk``).
        SQLite's own words go to the log only: "(attempt to write a readonly database)" ended the learner's
        message."""
        log.info("SQLite said: %s (%s)", error, name)
        if disk is not None:
            return f"{_DISK_PROBLEMS[disk]}; nothing was changed"
        for prefix, problem in (
            (
                "SQLITE_FULL",
                "the disk is full (or the database hit its size limit); the change was not saved",
            ),
            ("SQLITE_NOTADB", NOT_A_DATABASE_MESSAGE),
            ("SQLITE_CORRUPT", CORRUPT_MESSAGE),
            ("SQLITE_READONLY", "the database is in a read-only location; the change was not saved"),
            ("SQLITE_CANTOPEN", "cannot open or create the database here (missing folder or no permission)"),
            ("SQLITE_BUSY", "the database is locked by another program; close it and try again"),
            ("SQLITE_IOERR", "a disk read or write failed; the change was not saved"),
            ("SQLITE_CONSTRAINT", "the change would break the database's rules"),
        ):
            if name.startswith(prefix):
                return problem
        return f"database error: {error}"  # none of the above: SQLite's words are all there is

    def _disk_problem(self) -> str | None:
        """What stops writes in the database's folder, when it is the disk: DISK_FULL, or _READ_ONLY."""
        folder = self.path.parent
        try:
            usage = shutil.disk_usage(folder)
            if usage.total and usage.free < DISK_FULL_BYTES:  # total 0: no disk (/proc, /sys)
                return DISK_FULL
        except OSError:
            return None
        return None if os.access(folder, os.W_OK) else _READ_ONLY

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One atomic, durable write transaction (everything or nothing)."""
        with self._lock, self._translated_errors():
            conn = self._connection()
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    def _read(self, sql: str, parameters: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        with self._lock, self._translated_errors():
            return self._connection().execute(sql, parameters).fetchall()

    # -- for app modules that keep their own tables in this file (desktop_app.core.learning) ------------

    def transaction(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """One atomic, durable write transaction on this database's connection, errors translated."""
        return self._write()

    def query(self, sql: str, parameters: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """The rows of one read statement, errors translated."""
        return self._read(sql, parameters)

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise DatabaseError(self.path, "the database is closed")
        return self._conn

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                with contextlib.suppress(sqlite3.Error):  # closing must work even on a full disk
                    self._conn.execute("PRAGMA optimize")  # SQLite's advice: refresh statistics on close
                self._conn.close()
                self._conn = None

    def __enter__(self) -> SignDatabase:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def schema_version(self) -> int:
        return int(self._read("PRAGMA user_version")[0][0])

    def integrity_check(self) -> str:
        """SQLite's full integrity check: "ok" or the problems found."""
        return "\n".join(row[0] for row in self._read("PRAGMA integrity_check"))

    def write_snapshot(self, target: str | Path, without_deleted: bool = False) -> None:
        """Write a compact, self-contained copy of the database to ``target`` (e.g. the shipped default).

        The copy is consistent even while others write, and uses a plain rollback journal, so it is one
        file that can be shipped, copied and opened from a read-only folder. A full disk where the copy goes
        is an InputError naming ``target`` (this database is only read). ``without_deleted``: the signs and
        clips deleted (kept for Undo) are left out, with all that hangs on them, their bytes too (a copy
        the learner hands on must not carry the recording they deleted).
        """

        def vacuum_into(temp: Path) -> None:
            with self._lock, self._translated_errors():
                try:
                    self._connection().execute("VACUUM INTO ?", (str(temp),))
                except sqlite3.OperationalError as error:
                    if getattr(error, "sqlite_errorname", "") == "SQLITE_FULL":  # the copy's disk: this
                        raise OSError(errno.ENOSPC, str(error)) from error  # database is only read
                    raise
                snapshot = sqlite3.connect(temp)
                try:
                    snapshot.execute("PRAGMA journal_mode = DELETE")
                    if without_deleted:
                        snapshot.execute("PRAGMA foreign_keys = ON")  # the cascade takes what hangs on them
                        with snapshot:
                            _remove_deleted(snapshot, deleted_before=math.inf)
                        snapshot.execute("VACUUM")  # freed pages still held the removed rows' bytes
                finally:
                    snapshot.close()

        write_atomically(Path(target), vacuum_into)

    # -- signs ----------------------------------------------------------------------------------------

    def add_sign(
        self,
        gloss: str,
        language: str = "",
        notes: str = "",
        tags: Iterable[str] = (),
        dominant_hand: str = "right",
    ) -> int:
        """Create a sign; a sign with the same gloss (ignoring case) in the same language is refused."""
        gloss = _clean_gloss(gloss)
        _check_hand(dominant_hand)
        with self._write() as conn:
            self._refuse_duplicate_gloss(conn, gloss, language)
            return _new_row_id(
                conn.execute(
                    "INSERT INTO signs (gloss, gloss_key, language, notes, tags, dominant_hand, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (gloss, gloss.casefold(), language, notes, _tags_json(tags), dominant_hand, time.time()),
                )
            )

    @staticmethod
    def _sign_with_gloss(
        conn: sqlite3.Connection, gloss: str, language: str, except_id: int | None = None
    ) -> int | None:
        """The visible sign of that gloss (ignoring case) and language, other than ``except_id``."""
        row = conn.execute(
            "SELECT id FROM signs WHERE gloss_key = ? AND language = ? AND deleted_at IS NULL "
            "AND id IS NOT ?",
            (gloss.casefold(), language, except_id),
        ).fetchone()
        return row[0] if row else None

    def _refuse_duplicate_gloss(
        self, conn: sqlite3.Connection, gloss: str, language: str, except_id: int | None = None
    ) -> None:
        if self._sign_with_gloss(conn, gloss, language, except_id) is not None:
            where = f"in {language}" if language else "without a language"
            raise NameTakenError(self.path, f"there is already a sign “{gloss}” {where}: choose another name")

    def _find_or_add_sign(self, conn: sqlite3.Connection, gloss: str, language: str) -> int:
        """The sign's id, created if there is none."""
        sign_id = self._sign_with_gloss(conn, gloss, language)
        if sign_id is not None:
            return sign_id
        return _new_row_id(
            conn.execute(
                "INSERT INTO signs (gloss, gloss_key, language, created_at) VALUES (?, ?, ?, ?)",
                (gloss, gloss.casefold(), language, time.time()),
            )
        )

    def clip_digests(self) -> dict[int, frozenset[str]]:
        """Sign id -> the digests of its visible clips' landmarks (:func:`pose_digest`): which clips two
        databases share, whatever their signs are called."""
        digests: dict[int, set[str]] = {}
        for sign_id, digest in self._read(f"SELECT c.sign_id, c.content_hash FROM {VISIBLE_CLIPS}"):
            digests.setdefault(sign_id, set()).add(digest)
        return {sign_id: frozenset(found) for sign_id, found in digests.items()}

    def update_sign(
        self,
        sign_id: int,
        *,
        gloss: str | None = None,
        language: str | None = None,
        notes: str | None = None,
        tags: Iterable[str] | None = None,
        dominant_hand: str | None = None,
    ) -> None:
        """Rename, move to another language, re-note, retag or change the dominant hand of a sign (only the
        fields given change); a name the new language already has (ignoring case) is refused."""
        with self._write() as conn:
            sign = self._sign(conn, sign_id)
            gloss = sign.gloss if gloss is None else _clean_gloss(gloss)
            language = sign.language if language is None else language.strip()
            self._refuse_duplicate_gloss(conn, gloss, language, except_id=sign_id)
            if dominant_hand is not None:
                _check_hand(dominant_hand)
            conn.execute(
                "UPDATE signs SET gloss = ?, gloss_key = ?, language = ?, notes = ?, tags = ?, "
                "dominant_hand = ? WHERE id = ?",
                (
                    gloss,
                    gloss.casefold(),
                    language,
                    sign.notes if notes is None else notes,
                    _tags_json(sign.tags if tags is None else tags),
                    dominant_hand or sign.dominant_hand,
                    sign_id,
                ),
            )

    _SIGN_COLUMNS = (
        "s.id, s.gloss, s.language, s.notes, s.tags, s.dominant_hand, s.created_at, "
        "(SELECT COUNT(*) FROM clips c WHERE c.sign_id = s.id AND c.deleted_at IS NULL)"
    )

    @staticmethod
    def _sign_from_row(row: tuple[Any, ...]) -> Sign:
        sign_id, gloss, language, notes, tags, dominant_hand, created_at, clip_count = row
        listed = _stored_json(tags, f"the tags of sign {sign_id}")
        tags = tuple(str(tag) for tag in listed) if isinstance(listed, list) else ()
        return Sign(sign_id, gloss, language, notes, tags, dominant_hand, created_at, clip_count)

    def _sign(self, conn: sqlite3.Connection, sign_id: int) -> Sign:
        row = conn.execute(
            f"SELECT {self._SIGN_COLUMNS} FROM signs s WHERE s.id = ? AND s.deleted_at IS NULL", (sign_id,)
        ).fetchone()
        if row is None:
            raise NoSuchSignError(self.path, f"there is no sign {sign_id} (was it deleted?)")
        return self._sign_from_row(row)

    def sign(self, sign_id: int) -> Sign:
        with self._lock, self._translated_errors():
            return self._sign(self._connection(), sign_id)

    def signs(self, search: str = "", language: str | None = None) -> list[Sign]:
        """Signs that ``search`` finds (:func:`signcore.words.search_rank`: "t" finds "letter T", "Tag",
        "thank-you"), optionally of one language; the best found first, and those found alike in the order
        of the names the learner is shown (:func:`signcore.words.name_order`), as every list shows them."""
        rows = self._read(
            f"SELECT {self._SIGN_COLUMNS} FROM signs s WHERE s.deleted_at IS NULL "
            "AND (? IS NULL OR s.language = ?)",
            (language, language),
        )
        found = []
        for sign in map(self._sign_from_row, rows):
            rank = search_rank(search, sign.gloss, sign.language)
            if rank is not None:
                found.append((rank, name_order(sign.gloss, sign.language), sign))
        return [sign for *_order, sign in sorted(found, key=lambda item: item[:2])]

    def sign_names(self, signs: Sequence[Sign] | None = None) -> dict[int, str]:
        """Each sign's name as the learner is shown it, by id (:func:`signcore.words.sign_names`:
        "hallo (DGS)", and "(no language)" beside a sign of that name). ``signs``: every sign, as
        :meth:`signs` lists them, from a caller that read them already (read here when None)."""
        signs = self.signs() if signs is None else signs
        names = sign_names([(sign.gloss, sign.language) for sign in signs])
        return dict(zip((sign.id for sign in signs), names, strict=True))

    def sign_name(self, sign: Sign) -> str:
        """One sign's name as the learner is shown it (:meth:`sign_names`), from the sign held: only one
        without a language is looked up, for whether another sign has its name (ignoring case)."""
        if sign.language:
            return sign_name(sign.gloss, sign.language)
        shared = self._read(
            "SELECT 1 FROM signs WHERE gloss_key = ? AND id <> ? AND deleted_at IS NULL LIMIT 1",
            (sign.gloss.casefold(), sign.id),
        )
        return sign_name(sign.gloss, sign.language, name_shared=bool(shared))

    def languages(self) -> list[str]:
        """The sign languages present (signs without a language are not counted)."""
        rows = self._read(
            "SELECT DISTINCT language FROM signs WHERE deleted_at IS NULL AND language <> '' ORDER BY 1"
        )
        return [row[0] for row in rows]

    def delete_sign(self, sign_id: int) -> None:
        """Hide a sign with its clips and attempts; undo with :meth:`restore_sign`."""
        self._set_deleted("signs", sign_id, time.time())

    def restore_sign(self, sign_id: int) -> None:
        """Undo :meth:`delete_sign` (refused if a sign with the same gloss was created meanwhile)."""
        with self._write() as conn:
            self._restore_sign(conn, sign_id)

    def _restore_sign(self, conn: sqlite3.Connection, sign_id: int) -> None:
        row = conn.execute("SELECT gloss, language FROM signs WHERE id = ?", (sign_id,)).fetchone()
        if row is None:
            raise DatabaseError(self.path, f"there is no sign {sign_id} to restore (purged?)")
        self._refuse_duplicate_gloss(conn, row[0], row[1], except_id=sign_id)
        conn.execute("UPDATE signs SET deleted_at = NULL WHERE id = ?", (sign_id,))

    def _set_deleted(self, table: str, row_id: int, deleted_at: float | None) -> None:
        with self._write() as conn:
            changed = conn.execute(f"UPDATE {table} SET deleted_at = ? WHERE id = ?", (deleted_at, row_id))
            if changed.rowcount == 0:
                raise DatabaseError(self.path, f"there is no {table[:-1]} {row_id}")

    def deletions(self, deleted_after: float) -> list[Deletion]:
        """The signs and clips deleted after ``deleted_after`` (seconds since the epoch) and not purged,
        the last deleted last: what can still be brought back, in the order to take the deletions back. A
        deleted sign whose name a visible sign has now cannot be restored (:meth:`restore_sign`): it and its
        clips are listed ``name_taken`` while they hold a clip that sign has not (they were left out, and a
        learner's recordings were purged unseen after 30 days), for
        :meth:`bring_into_the_sign_of_its_name`."""
        # s: the deleted sign, or the deleted clip's sign
        name_taken = """(s.deleted_at IS NOT NULL AND EXISTS (SELECT 1 FROM signs v WHERE
            v.gloss_key = s.gloss_key AND v.language = s.language AND v.deleted_at IS NULL))"""
        name_shared = """s.language = '' AND EXISTS (SELECT 1 FROM signs o WHERE o.gloss_key = s.gloss_key
            AND o.id <> s.id AND o.deleted_at IS NULL)"""
        holds_one = f"""EXISTS (SELECT 1 FROM clips k WHERE k.sign_id = s.id AND k.deleted_at IS NULL
            AND {_new_to_its_namesake("k")})"""
        rows = self._read(
            f"""SELECT 'sign', s.id, s.gloss, s.language, s.deleted_at, {name_shared}, s.id, 1, {name_taken},
                0, '', 0 FROM signs s WHERE s.deleted_at > ? AND (NOT {name_taken} OR {holds_one})
                UNION ALL
                SELECT 'clip', c.id, s.gloss, s.language, c.deleted_at, {name_shared}, s.id,
                s.deleted_at IS NOT NULL, {name_taken}, 1 + (SELECT COUNT(*) FROM clips k
                    WHERE k.sign_id = c.sign_id AND k.id < c.id
                    AND (k.deleted_at IS NULL OR k.deleted_at > c.deleted_at)), c.source, c.created_at
                FROM clips c JOIN signs s ON s.id = c.sign_id
                WHERE c.deleted_at > ? AND (NOT {name_taken} OR {_new_to_its_namesake("c")})
                ORDER BY 5, 2""",
            (deleted_after, deleted_after),
        )
        return [
            Deletion(kind, row_id, gloss, language, at, bool(shared), sign_id, bool(gone), bool(taken), *clip)
            for kind, row_id, gloss, language, at, shared, sign_id, gone, taken, *clip in rows
        ]

    def bring_into_the_sign_of_its_name(self, deletion: Deletion) -> int:
        """Move the clips of a ``name_taken`` deletion (a deleted sign's clips, or one clip of it deleted on
        its own) into the visible sign of its name, shown again, in one transaction; returns that sign's id.
        A clip whose landmarks that sign has already stays where it was."""
        with self._write() as conn:
            found = conn.execute(
                """SELECT v.id FROM signs s JOIN signs v ON v.gloss_key = s.gloss_key
                   AND v.language = s.language AND v.deleted_at IS NULL WHERE s.id = ?""",
                (deletion.sign_id,),
            ).fetchone()
            if found is None:
                raise DatabaseError(self.path, f"no visible sign has the name of sign {deletion.sign_id}")
            which = "k.id = ?" if deletion.kind == "clip" else "k.sign_id = ? AND k.deleted_at IS NULL"
            conn.execute(
                f"""UPDATE clips SET sign_id = ?, deleted_at = NULL WHERE id IN (SELECT k.id FROM clips k
                    JOIN signs s ON s.id = k.sign_id WHERE {which} AND {_new_to_its_namesake("k")})""",
                (found[0], deletion.row_id),
            )
            return int(found[0])

    def purge_deleted(self, deleted_before: float | None = None) -> int:
        """Remove for good signs and clips deleted before ``deleted_before`` (seconds since the epoch; now
        when None), with everything that hangs on them (a clip's video and embeddings, a sign's clips and
        attempts); returns how many signs and clips went. The file keeps its size until :meth:`compact`. A
        moment, not an age: an age turned back into a moment by a later clock reading moved the cut later,
        past signs deleted just after it, which could then no longer be undone."""
        cutoff = time.time() if deleted_before is None else deleted_before
        with self._write() as conn:
            return _remove_deleted(conn, cutoff)

    def compact(self) -> int:
        """Give the space of removed rows back to the disk (``VACUUM``); returns by how many bytes it shrank.

        Does nothing when no page is free. Otherwise it rewrites the whole file (roughly a second per 100 MB)
        while holding the lock, so other calls wait: run it off the GUI thread at a quiet moment.
        """
        with self._lock, self._translated_errors():
            conn = self._connection()
            if conn.execute("PRAGMA freelist_count").fetchone()[0] == 0:
                return 0
            # In WAL mode recent changes (and then the rewritten file) sit in the journal: a checkpoint
            # before and after moves them into the file, so its size is what it holds.
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            before = self._file_size()
            conn.execute("VACUUM")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return before - self._file_size()

    def _file_size(self) -> int:
        try:
            return self.path.stat().st_size
        except OSError as error:
            raise DatabaseError(self.path, f"cannot read it ({error.strerror or error})") from error

    # -- clips ----------------------------------------------------------------------------------------

    def add_clip(self, sign_id: int, pose: PoseSequence, origin: ClipOrigin = ClipOrigin()) -> int:
        """Store a reference clip of a sign (committed when this returns); returns its id. A sign's first
        clip of known handedness gives the sign its dominant hand."""
        _check_hand(origin.handedness, allow_none=True)
        with self._write() as conn:
            self._sign(conn, sign_id)
            return self._insert_clip(conn, sign_id, pose, origin)

    def add_clip_by_gloss(
        self, gloss: str, pose: PoseSequence, language: str | None = "", origin: ClipOrigin = ClipOrigin()
    ) -> int | None:
        """Store a clip of the sign ``gloss`` in ``language`` (the sign is created if there is none), in one
        transaction; returns the clip's id, or None when that sign already has a clip with these landmarks.

        ``language`` None: not known. The clip joins the one sign of that name, whatever its language (a
        folder "hallo/" imported with no language said made a second "hallo" beside the starter DGS one); a
        new sign has no language. :class:`SharedNameError` when several signs have that name."""
        gloss = _clean_gloss(gloss)
        _check_hand(origin.handedness, allow_none=True)
        with self._write() as conn:
            if language is None:
                language = self._language_of_the_sign_named(conn, gloss)
            sign_id = self._find_or_add_sign(conn, gloss, language)
            return self._insert_new_clip(conn, sign_id, pose, origin)

    def sign_for_clip(self, gloss: str, language: str | None = "") -> int | None:
        """The sign :meth:`add_clip_by_gloss` would add a clip of ``gloss`` in ``language`` to, when it exists
        (None: it would make a new one). :class:`SharedNameError` as that does."""
        gloss = _clean_gloss(gloss)
        with self._lock, self._translated_errors():
            conn = self._connection()
            if language is None:
                language = self._language_of_the_sign_named(conn, gloss)
            return self._sign_with_gloss(conn, gloss, language)

    @staticmethod
    def _language_of_the_sign_named(conn: sqlite3.Connection, gloss: str) -> str:
        """The language of the one visible sign named ``gloss`` (ignoring case); "" when there is none."""
        languages = [
            row[0]
            for row in conn.execute(
                "SELECT language FROM signs WHERE gloss_key = ? AND deleted_at IS NULL ORDER BY language",
                (gloss.casefold(),),
            )
        ]
        if len(languages) > 1:
            raise SharedNameError(gloss, languages)
        return languages[0] if languages else ""

    def add_clip_if_new(
        self, sign_id: int, pose: PoseSequence, origin: ClipOrigin = ClipOrigin()
    ) -> int | None:
        """:meth:`add_clip`, unless the sign already has a clip with these landmarks: then None."""
        _check_hand(origin.handedness, allow_none=True)
        with self._write() as conn:
            self._sign(conn, sign_id)
            return self._insert_new_clip(conn, sign_id, pose, origin)

    def has_clip(self, sign_id: int, pose: PoseSequence) -> bool:
        """Whether the sign already has a clip with these landmarks (:meth:`add_clip_if_new` skips it)."""
        with self._lock, self._translated_errors():
            return self._has_clip(self._connection(), sign_id, pose)

    @staticmethod
    def _has_clip(conn: sqlite3.Connection, sign_id: int, pose: PoseSequence) -> bool:
        return (
            conn.execute(
                "SELECT 1 FROM clips WHERE sign_id = ? AND content_hash = ? AND deleted_at IS NULL",
                (sign_id, pose_digest(pose)),
            ).fetchone()
            is not None
        )

    def _insert_new_clip(
        self, conn: sqlite3.Connection, sign_id: int, pose: PoseSequence, origin: ClipOrigin
    ) -> int | None:
        if self._has_clip(conn, sign_id, pose):
            return None
        return self._insert_clip(conn, sign_id, pose, origin)

    def _insert_clip(
        self, conn: sqlite3.Connection, sign_id: int, pose: PoseSequence, origin: ClipOrigin
    ) -> int:
        """Insert the clip; a sign without clips takes the hand its first clip is signed with, when known: a
        sign the learner made and recorded with the left hand read "dominant hand: right" beside its clip
        labelled "left-handed". Signs that have clips (the starter signs) keep their hand."""
        if (
            origin.handedness is not None
            and not conn.execute(
                "SELECT 1 FROM clips WHERE sign_id = ? AND deleted_at IS NULL", (sign_id,)
            ).fetchone()
        ):
            conn.execute("UPDATE signs SET dominant_hand = ? WHERE id = ?", (origin.handedness, sign_id))
        return _new_row_id(
            conn.execute(
                "INSERT INTO clips (sign_id, landmarks, content_hash, frame_count, source, signer, licence, "
                "handedness, kept_despite, created_at, video_sha256) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    sign_id,
                    encode_pose(pose),
                    pose_digest(pose),
                    len(pose),
                    origin.source,
                    origin.signer,
                    origin.licence,
                    origin.handedness,
                    origin.kept_despite,
                    time.time(),
                    video_digest if isinstance(video_digest := pose.meta.get(VIDEO_DIGEST), str) else None,
                ),
            )
        )

    def _require_clip(self, conn: sqlite3.Connection, clip_id: int) -> None:
        if conn.execute(f"SELECT 1 FROM {VISIBLE_CLIPS} AND c.id = ?", (clip_id,)).fetchone() is None:
            raise DatabaseError(self.path, f"there is no clip {clip_id} (was it deleted?)")

    def clips(self, sign_id: int | None = None) -> list[ClipInfo]:
        """The clips of one sign (or of all signs), oldest first, without their landmarks."""
        return self._clip_infos("(? IS NULL OR c.sign_id = ?)", (sign_id, sign_id))

    def clip(self, clip_id: int) -> ClipInfo:
        """One clip, without its landmarks; DatabaseError when it is not there (deleted meanwhile)."""
        found = self._clip_infos("c.id = ?", (clip_id,))
        if not found:
            raise DatabaseError(self.path, f"there is no clip {clip_id} (was it deleted?)")
        return found[0]

    def _clip_infos(self, condition: str, parameters: tuple[Any, ...]) -> list[ClipInfo]:
        rows = self._read(
            "SELECT c.id, c.sign_id, c.frame_count, c.source, c.signer, c.licence, c.handedness, "
            "EXISTS (SELECT 1 FROM clip_videos v WHERE v.clip_id = c.id), c.created_at, c.kept_despite "
            f"FROM {VISIBLE_CLIPS} AND {condition} ORDER BY c.id",
            parameters,
        )
        return [
            ClipInfo(
                clip_id, sign_id, frames, source, signer, licence, hand, bool(video), created, kept_despite
            )
            for clip_id, sign_id, frames, source, signer, licence, hand, video, created, kept_despite in rows
        ]

    def clips_of_video(self, video_sha256: str) -> list[ClipInfo]:
        """The clips (whole or pieces, of every sign) tracked from a video of these bytes (its
        :func:`~signcore.files.sha256_of_file_as_it_is`), oldest first."""
        return self._clip_infos("c.video_sha256 = ?", (video_sha256,))

    def clips_of_unknown_video(self) -> list[tuple[int, str, float]]:
        """``(clip id, source, created_at)`` of each clip, deleted ones too, whose video's digest is not known
        (:meth:`clips_of_video` cannot find it): tracked from a video before the digest was kept, or from no
        video file (recorded, from a .pose file). Read from an index of their own, not from the clips."""
        return [
            (clip_id, source, created_at)
            for clip_id, source, created_at in self._read(
                "SELECT id, source, created_at FROM clips INDEXED BY clips_of_unknown_video "
                "WHERE video_sha256 IS NULL"
            )
        ]

    def set_video_digest(self, clip_id: int, video_sha256: str) -> None:
        """Say which video the clip was tracked from (its :func:`~signcore.files.sha256_of_file_as_it_is`),
        learnt where its landmarks do not say (:meth:`clips_of_unknown_video`): :meth:`clips_of_video` finds
        it from now on. A clip whose digest is known keeps it."""
        with self._write() as conn:
            conn.execute(
                "UPDATE clips SET video_sha256 = ? WHERE id = ? AND video_sha256 IS NULL",
                (video_sha256, clip_id),
            )

    def learn_video_digest_by_landmarks(self, pose: PoseSequence) -> bool:
        """Give the clips, deleted ones too, whose landmarks are ``pose``'s and whose video's digest is not
        known the digest ``pose`` keeps (:data:`VIDEO_DIGEST`, as a video tracked now keeps it): tracked
        before digests were kept, from a video since moved or written again (its digest cannot be learnt from
        the file their source names), they are its clips all the same, the same landmarks. Whether any
        learnt it: :meth:`clips_of_video` finds them from now on."""
        digest = pose.meta.get(VIDEO_DIGEST)
        if not isinstance(digest, str):
            return False
        with self._write() as conn:
            learnt = conn.execute(
                "UPDATE clips SET video_sha256 = ? WHERE content_hash = ? AND video_sha256 IS NULL",
                (digest, pose_digest(pose)),
            )
            return learnt.rowcount > 0

    def clip_pose(self, clip_id: int) -> PoseSequence:
        """The clip's landmarks, exactly as stored."""
        rows = self._read(f"SELECT c.landmarks FROM {VISIBLE_CLIPS} AND c.id = ?", (clip_id,))
        if not rows:
            raise DatabaseError(self.path, f"there is no clip {clip_id} (was it deleted?)")
        return self._decode(rows[0][0], f"clip {clip_id}")

    def _decode(self, blob: bytes, what: str) -> PoseSequence:
        try:
            return decode_pose(blob)
        except ValueError as error:
            raise DamagedLandmarksError(self.path, f"{what}: {error}") from error

    def set_clip_video(self, clip_id: int, video: bytes, suffix: str = ".mp4") -> None:
        """Keep the clip's source video (e.g. a recording made in the app) in the database."""
        with self._write() as conn:
            self._require_clip(conn, clip_id)
            conn.execute("INSERT OR REPLACE INTO clip_videos VALUES (?, ?, ?)", (clip_id, suffix, video))

    def clip_video(self, clip_id: int) -> tuple[bytes, str] | None:
        """``(video bytes, suffix)`` or None when no video is stored."""
        rows = self._read(
            f"SELECT v.video, v.suffix FROM clip_videos v "
            f"WHERE v.clip_id = ? AND v.clip_id IN (SELECT c.id FROM {VISIBLE_CLIPS})",
            (clip_id,),
        )
        return (bytes(rows[0][0]), rows[0][1]) if rows else None

    def clips_kept_despite(self) -> frozenset[int]:
        """The ids of the clips, of every sign, kept despite a warning (:attr:`ClipOrigin.kept_despite`)."""
        rows = self._read(f"SELECT c.id FROM {VISIBLE_CLIPS} AND c.kept_despite IS NOT NULL")
        return frozenset(clip_id for (clip_id,) in rows)

    def set_kept_despite(self, clip_id: int, why: str | None) -> None:
        """Say why the clip was kept despite a warning (:attr:`ClipOrigin.kept_despite`, in its words), or
        with None that it is fine after all: the mark goes from the library, Practice, exports and backups.
        DatabaseError when the clip is not there (deleted meanwhile)."""
        with self._write() as conn:
            self._require_clip(conn, clip_id)
            conn.execute("UPDATE clips SET kept_despite = ? WHERE id = ?", (kept_despite_words(why), clip_id))

    def delete_clip(self, clip_id: int) -> None:
        """Hide a clip; undo with :meth:`restore_clip`."""
        self._set_deleted("clips", clip_id, time.time())

    def restore_clip(self, clip_id: int, with_its_sign: bool = False) -> None:
        """Undo :meth:`delete_clip`: the clip shows again once its sign is not deleted either; with
        ``with_its_sign`` a deleted sign is restored with it, in one step (refused as :meth:`restore_sign`
        is, and then neither comes back)."""
        with self._write() as conn:
            sign = conn.execute("SELECT sign_id FROM clips WHERE id = ?", (clip_id,)).fetchone()
            if sign is None:
                raise DatabaseError(self.path, f"there is no clip {clip_id}")
            if (
                with_its_sign
                and conn.execute(
                    "SELECT 1 FROM signs WHERE id = ? AND deleted_at IS NOT NULL", sign
                ).fetchone()
            ):
                self._restore_sign(conn, sign[0])
            conn.execute("UPDATE clips SET deleted_at = NULL WHERE id = ?", (clip_id,))

    # -- embeddings -----------------------------------------------------------------------------------

    def store_embeddings(self, model_hash: str, clip_ids: Sequence[int], vectors: np.ndarray) -> None:
        """Cache one embedding per clip for ``model_hash``, all in one transaction.

        Clips purged meanwhile (e.g. while a worker was embedding) are skipped silently.
        """
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.ndim != 2 or len(vectors) != len(clip_ids):
            raise ValueError(f"need one vector per clip: {len(clip_ids)} clips, vectors {vectors.shape}")
        # A vector with a NaN or an infinity is not kept: read, it would be forgotten again (embeddings_for).
        rows = [
            (model_hash, int(i), v.tobytes(), int(i))
            for i, v in zip(clip_ids, vectors, strict=True)
            if np.isfinite(v).all()
        ]
        with self._write() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO embeddings (model_hash, clip_id, vector) "
                "SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM clips WHERE id = ?)",
                rows,
            )

    def embeddings_for(self, model_hash: str) -> tuple[np.ndarray, np.ndarray, list[str], np.ndarray]:
        """``(clip_ids, sign_ids, glosses, matrix)`` of every visible clip embedded with ``model_hash``.

        A cached vector that is not as long as the others or holds a NaN or an infinity (a database damaged,
        or written elsewhere) would make every distance NaN: it is forgotten, so that the clip counts as
        not embedded yet (:meth:`clips_missing_embedding`) and is embedded again."""
        rows = self._read(
            "SELECT c.id, c.sign_id, s.gloss, e.vector FROM embeddings e JOIN clips c ON c.id = e.clip_id "
            "JOIN signs s ON s.id = c.sign_id "
            "WHERE e.model_hash = ? AND c.deleted_at IS NULL AND s.deleted_at IS NULL ORDER BY c.id",
            (model_hash,),
        )
        damaged = _damaged_vectors([row[3] for row in rows])
        if damaged:
            log.warning("%s: %d cached embeddings were damaged and are made again", self.path, len(damaged))
            # Only the damaged vector itself: another thread may have stored a good one meanwhile.
            forget = [(model_hash, rows[index][0], rows[index][3]) for index in damaged]
            try:
                with self._write() as conn:
                    conn.executemany(
                        "DELETE FROM embeddings WHERE model_hash = ? AND clip_id = ? AND vector IS ?", forget
                    )
            except DatabaseError as error:  # a read-only or full disk: they are left out all the same
                log.warning("could not forget them: %s", error)
            rows = [row for index, row in enumerate(rows) if index not in damaged]
        clip_ids = np.array([row[0] for row in rows], np.int64)
        sign_ids = np.array([row[1] for row in rows], np.int64)
        if not rows:
            return clip_ids, sign_ids, [], np.zeros((0, 0), np.float32)
        matrix = np.stack([np.frombuffer(row[3], np.float32) for row in rows])
        return clip_ids, sign_ids, [row[2] for row in rows], matrix

    def clips_missing_embedding(self, model_hash: str) -> list[int]:
        """Visible clips that have no cached embedding for ``model_hash`` yet."""
        rows = self._read(
            f"SELECT c.id FROM {VISIBLE_CLIPS} AND NOT EXISTS "
            "(SELECT 1 FROM embeddings e WHERE e.clip_id = c.id AND e.model_hash = ?) ORDER BY c.id",
            (model_hash,),
        )
        return [row[0] for row in rows]

    # -- practice -------------------------------------------------------------------------------------

    def add_attempt(
        self,
        sign_id: int,
        score: float,
        pose: PoseSequence | None = None,
        details: dict[str, Any] | None = None,
        practised_at: float | None = None,
    ) -> int:
        """Record a practice attempt (score 0..100, the attempt's landmarks, details such as feedback)."""
        if not 0.0 <= score <= 100.0:
            raise ValueError(f"a score is between 0 and 100, got {score}")
        with self._write() as conn:
            self._sign(conn, sign_id)
            return _new_row_id(
                conn.execute(
                    "INSERT INTO attempts (sign_id, score, practised_at, landmarks, details) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (
                        sign_id,
                        float(score),
                        time.time() if practised_at is None else practised_at,
                        None if pose is None else encode_pose(pose),
                        json.dumps(details or {}, default=str),
                    ),
                )
            )

    def attempts(self, sign_id: int | None = None) -> list[PracticeAttempt]:
        """Attempts of one sign (or of every sign) in time order, without their landmarks."""
        rows = self._read(
            "SELECT a.id, a.sign_id, a.score, a.practised_at, a.details FROM attempts a "
            "JOIN signs s ON s.id = a.sign_id WHERE s.deleted_at IS NULL AND (? IS NULL OR a.sign_id = ?) "
            "ORDER BY a.practised_at, a.id",
            (sign_id, sign_id),
        )
        attempts = []
        for attempt_id, sign_id, score, practised_at, details in rows:
            stored = _stored_json(details, f"the details of attempt {attempt_id}")
            attempts.append(
                PracticeAttempt(
                    attempt_id, sign_id, score, practised_at, stored if isinstance(stored, dict) else {}
                )
            )
        return attempts

    def attempt_pose(self, attempt_id: int) -> PoseSequence | None:
        """The landmarks recorded with an attempt (None if none were kept)."""
        rows = self._read(
            "SELECT a.landmarks FROM attempts a JOIN signs s ON s.id = a.sign_id "
            "WHERE a.id = ? AND s.deleted_at IS NULL",
            (attempt_id,),
        )
        if not rows:
            raise DatabaseError(self.path, f"there is no attempt {attempt_id}")
        return None if rows[0][0] is None else self._decode(rows[0][0], f"attempt {attempt_id}")

    def practice_summary(self) -> list[PracticeSummary]:
        """Every visible sign's practice record, including never-practised signs, ordered by gloss."""
        rows = self._read(
            """WITH ranked AS (
                   SELECT sign_id, score, practised_at,
                          ROW_NUMBER() OVER (PARTITION BY sign_id ORDER BY practised_at DESC, id DESC)
                              AS recency
                   FROM attempts)
               SELECT s.id, s.gloss, s.language, COUNT(r.score),
                      MAX(CASE WHEN r.recency = 1 THEN r.score END), MAX(r.score),
                      AVG(CASE WHEN r.recency <= ? THEN r.score END), MAX(r.practised_at)
               FROM signs s LEFT JOIN ranked r ON r.sign_id = s.id
               WHERE s.deleted_at IS NULL GROUP BY s.id ORDER BY s.gloss_key, s.language""",
            (RECENT_ATTEMPTS,),
        )
        return [PracticeSummary(*row) for row in rows]


def _new_row_id(cursor: sqlite3.Cursor) -> int:
    """The id of the row that an INSERT just added."""
    if cursor.lastrowid is None:
        raise sqlite3.InterfaceError("the statement added no row")
    return cursor.lastrowid


def _link_unless_present(temp: str, target: Path) -> None:
    """Move ``temp`` to ``target`` unless another process (a second app instance) made ``target`` first."""
    try:
        os.link(temp, target)  # unlike os.replace, never replaces a copy that may already be in use
    except FileExistsError:
        pass
    except OSError:  # a file system without hard links (FAT): the ordinary move
        os.replace(temp, target)
