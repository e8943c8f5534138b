"""The learner's data, portable: "Export my data" into one zip archive, "Import my data" from one. Qt-free.

An archive holds three files:

* ``signs.db``: a consistent snapshot of the learner's sign database (:meth:`SignDatabase.write_snapshot`),
  so everything in it travels: signs, reference clips, the videos of their own recordings, practice attempts
  with their landmarks, and the learning path's cards and review history;
* ``manifest.json``: what it is (``format``, ``app``), the database's schema version and that of the
  learning records, when it was made, what it holds (counts) and the snapshot's sha256;
* ``settings.json``: the learner's own settings (:data:`~desktop_app.core.shared.settings.PORTABLE_SETTINGS`:
  the hand they sign with, mirror view, starting when the hands come up, the reference's speed, new signs a
  day). The others stay behind: they name this computer's cameras (and their turns), files and folders.
  Archives made before it was carried have none, and import as before.

Importing MERGES the archive into the open database; running it twice adds nothing the second time:

* a sign is the same sign when its gloss (ignoring case) and language match; missing ones are created;
* a clip is already there when its sign has a clip with the same landmarks (content hash); its video comes
  with it;
* an attempt is already there when its sign has one with the same time and score;
* a learning review is already there when its sign has one of the same kind at the same time; a sign's card
  is taken from the archive only where this database has none for it, or the archive's was reviewed later;
* the archive's settings replace this computer's (:attr:`DataImportReport.settings_changed`, applied by the
  window and named in the summary): a learner moving to another computer expects their hand and mirror
  choice to come along, and the summary says which changed, to be changed back in Settings if unwanted.

Archives are untrusted input. Only the names above are ever read, the database into a file name chosen here,
the manifest and settings into memory (each at most a set size), so no entry can write outside the temporary
folder; the settings are checked as a settings file is, and only the portable ones are taken; an entry whose
name is absolute or climbs out (``..``) makes the archive refused as a whole, and so does a name held twice
(which of the two is "the" database would depend on the tool that reads it). Sizes are checked before anything
is unpacked: the database's size as the archive announces it (reading never gives more) must be at most
:data:`MAX_DATABASE_BYTES`, at most :data:`MAX_PACKING_RATIO` times what it is packed into (a "zip bomb" of a
few megabytes unpacks to gigabytes; a real export packs 2-10 times) and fit in the temporary folder's free
space. The database is checked (its sha256 against the manifest, SQLite's integrity check) and opened as a
copy, so migrations bring an older one up to date; one from a NEWER version of the app is refused with the
reason, as is a damaged one (also when the damage shows only while merging: landmarks that do not decode).
Every refusal is an :class:`~signcore.errors.InputError` naming the archive.

Both ways copy a database into the temporary folder first. When that folder cannot take the copy (most often
its disk is full), the message names the temporary folder and what to do, not the learner's database or the
archive, both of which are as they were.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import importlib.metadata
import json
import shutil
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from desktop_app.core.learning.store import REVIEW_COLUMNS, LearningStore
from desktop_app.core.learning.store import SCHEMA_VERSION as LEARNING_SCHEMA_VERSION
from desktop_app.core.shared.jobs import Job, JobControl, ProgressCallback
from desktop_app.core.shared.settings import SETTING_WORDS, Settings
from signcore.database import MIGRATIONS, DatabaseError, SignDatabase
from signcore.errors import InputError, os_problem, readable
from signcore.files import require_file, write_atomically
from signcore.words import counted, joined_with_and

# The layout of the archive itself (these files, this manifest); settings.json, added later, is optional and
# an older app never reads it, so the format stayed 1
ARCHIVE_FORMAT = 1
APP_NAME = "SignPractice"
MANIFEST_NAME = "manifest.json"
DATABASE_NAME = "signs.db"
SETTINGS_NAME = "settings.json"
ARCHIVE_SUFFIX = ".zip"
MAX_DATABASE_BYTES = 8 * 2**30  # unpacked; a learner's database is megabytes, a "zip bomb" is not
MAX_PACKING_RATIO = 100  # unpacked / packed size of the database; checked above RATIO_CHECKED_FROM_BYTES
RATIO_CHECKED_FROM_BYTES = 64 * 2**20  # a small, nearly empty database may pack tighter, harmlessly
MAX_MANIFEST_BYTES = 2**20
MAX_SETTINGS_BYTES = 2**16  # a few settings: a handful of lines
COPY_CHUNK_BYTES = 2**20
YOUR_DATABASE = "your database"
ARCHIVE_DATABASE = "the archive's database"
DISK_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}  # no EDQUOT on Windows
NEWER_VERSION_ADVICE = "update SignPractice on this computer, then import it again"


@dataclass(frozen=True)
class Contents:
    """What an archive holds (counted in its database)."""

    signs: int = 0
    clips: int = 0
    recordings: int = 0  # clips with their video (the learner's own recordings)
    attempts: int = 0
    learning_reviews: int = 0


@dataclass
class DataImportReport:
    """What "Import my data" brought in and found already here (a file import's is signcore.ingest's
    ImportReport)."""

    signs_added: int = 0
    signs_renamed: int = 0
    clips_added: int = 0
    clips_already_there: int = 0
    recordings_added: int = 0
    attempts_added: int = 0
    attempts_already_there: int = 0
    reviews_added: int = 0
    reviews_already_there: int = 0
    cards_taken: int = 0
    settings_changed: dict[str, Any] = field(default_factory=dict)  # the archive's, where they differ here

    def _with_video(self) -> str:
        """Which clips added came with their video, in words ("(0 with video)" was said unexplained); ""
        for none."""
        recordings = self.recordings_added
        if not recordings:
            return ""
        if recordings == self.clips_added:
            return " (with its video recording)" if recordings == 1 else " (each with its video recording)"
        return f" ({recordings} of them with {'its' if recordings == 1 else 'their'} video recording)"

    def summary(self) -> str:
        """One or two sentences for the learner."""
        added = (
            f"Added {counted(self.signs_added, 'sign')}, {counted(self.clips_added, 'clip')}"
            f"{self._with_video()}, {counted(self.attempts_added, 'practice attempt')} and "
            f"{counted(self.reviews_added, 'review')}."
        )
        # each by what it is, as the added ones: "497 items were already here" said not which
        there = [
            counted(count, noun)
            for count, noun in (
                (self.clips_already_there, "clip"),
                (self.attempts_already_there, "practice attempt"),
                (self.reviews_already_there, "review"),
            )
            if count
        ]
        renamed = (
            f" {counted(self.signs_renamed, 'sign')} here took the name you gave it there."
            if self.signs_renamed
            else ""
        )
        changed = [
            SETTING_WORDS[name](value)
            for name, value in self.settings_changed.items()
            if name in SETTING_WORDS
        ]
        return (
            added
            + renamed
            + (f" Already here, not added again: {joined_with_and(there)}." if there else "")
            + (
                f" Your settings came with it: {joined_with_and(changed)} (Settings changes them)."
                if changed
                else ""
            )
        )


def app_version() -> str:
    try:
        return importlib.metadata.version("signpractice")
    except importlib.metadata.PackageNotFoundError:  # the installed app (a bundle) carries no metadata
        return "unknown"


def default_archive_name(now: float | None = None) -> str:
    return time.strftime(f"{APP_NAME}-data-%Y-%m-%d{ARCHIVE_SUFFIX}", time.localtime(now))


# -- export ---------------------------------------------------------------------------------------------


def export_job(database: SignDatabase, target: str | Path, settings: Settings) -> Job:
    return lambda control: export_data(database, target, control, settings)


def export_data(
    database: SignDatabase,
    target: str | Path,
    control: JobControl | None = None,
    settings: Settings | None = None,
) -> Contents:
    """Write the archive to ``target`` (atomically: a cancelled or failed export leaves no partial file),
    with the learner's portable ``settings`` (None: the defaults')."""
    portable_settings = (settings or Settings()).portable()
    control = control or JobControl()
    target = Path(target)
    with _temporary_folder("export", YOUR_DATABASE) as temp:
        snapshot = temp / DATABASE_NAME
        control.progress(0, 3, "Copying your database…")
        try:
            database.write_snapshot(snapshot, without_deleted=True)  # deleted: not handed on
        except InputError as error:
            if error.source != readable(str(snapshot)):
                raise  # the learner's database itself (locked, damaged): the message names it
            raise _temporary_folder_failed(temp.parent, "export", YOUR_DATABASE, error) from error
        contents = count_contents(snapshot)
        manifest = {
            "format": ARCHIVE_FORMAT,
            "app": APP_NAME,
            "app_version": app_version(),
            "schema_version": database.schema_version(),
            "learning_schema_version": learning_schema_version(snapshot),
            "created_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "contents": asdict(contents),
            "database_sha256": file_sha256(snapshot),
        }
        control.progress(1, 3, "Packing the archive…")

        def write_zip(temporary: Path) -> None:
            with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                archive.writestr(MANIFEST_NAME, json.dumps(manifest, indent=2))
                archive.writestr(SETTINGS_NAME, json.dumps(portable_settings, indent=2, sort_keys=True))
                archive.write(snapshot, DATABASE_NAME)

        write_atomically(target, write_zip)
    control.report(3, 3, "Done")
    return contents


def count_contents(database_file: Path) -> Contents:
    counts = {
        "signs": "SELECT COUNT(*) FROM signs WHERE deleted_at IS NULL",
        "clips": "SELECT COUNT(*) FROM clips c JOIN signs s ON s.id = c.sign_id "
        "WHERE c.deleted_at IS NULL AND s.deleted_at IS NULL",
        "recordings": "SELECT COUNT(*) FROM clip_videos v JOIN clips c ON c.id = v.clip_id "
        "JOIN signs s ON s.id = c.sign_id WHERE c.deleted_at IS NULL AND s.deleted_at IS NULL",
        "attempts": "SELECT COUNT(*) FROM attempts a JOIN signs s ON s.id = a.sign_id "
        "WHERE s.deleted_at IS NULL",
    }
    with _read_only(database_file) as conn:
        values = {name: conn.execute(sql).fetchone()[0] for name, sql in counts.items()}
        if _has_table(conn, "learning_reviews"):
            values["learning_reviews"] = conn.execute(
                "SELECT COUNT(*) FROM learning_reviews r JOIN signs s ON s.id = r.sign_id "
                "WHERE s.deleted_at IS NULL"
            ).fetchone()[0]
    return Contents(**values)


def learning_schema_version(database_file: Path) -> int | None:
    with _read_only(database_file) as conn:
        if not _has_table(conn, "learning_meta"):
            return None
        row = conn.execute("SELECT value FROM learning_meta WHERE key = 'schema'").fetchone()
        return int(row[0]) if row else None


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(COPY_CHUNK_BYTES), b""):
            digest.update(chunk)
    return digest.hexdigest()


class _read_only:  # noqa: N801 (used like a function: ``with _read_only(path) as conn``)
    """A read-only SQLite connection to ``path``, closed on leaving the block."""

    def __init__(self, path: Path):
        self._conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)

    def __enter__(self) -> sqlite3.Connection:
        return self._conn

    def __exit__(self, *exc_info: object) -> None:
        self._conn.close()


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return (
        conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone()
        is not None
    )


@contextlib.contextmanager
def _temporary_folder(verb: str, copy_of: str) -> Iterator[Path]:
    """A folder of its own in the temporary folder, for the copy of a database that an export or an import
    (``verb``) makes there first; removed with what it holds on leaving the block."""
    try:
        folder = tempfile.TemporaryDirectory(prefix=f"signpractice-{verb}-")
    except OSError as error:
        raise _temporary_folder_failed(Path(tempfile.gettempdir()), verb, copy_of, error) from error
    with folder as name:
        yield Path(name)


def _temporary_folder_failed(folder: Path, verb: str, copy_of: str, error: Exception) -> InputError:
    """The temporary folder ``folder`` could not take the copy of a database an export or an import
    (``verb``) makes there first: said as that folder's problem, not as the learner's database's or the
    archive's, both of which are as they were, with what the learner can do."""
    cause = error if isinstance(error, OSError) else error.__cause__
    problem = os_problem(cause) if isinstance(cause, OSError) else str(error)
    if isinstance(cause, OSError) and cause.errno in DISK_FULL_ERRNOS:
        trouble, advice = "has no room for", f"make room on that disk and {verb} again"
    else:
        trouble, advice = "cannot take", "check that it can be written to and try again"
    return InputError(
        folder,
        f"cannot {verb} your data: the temporary folder {trouble} a copy of {copy_of} ({problem}); your data "
        f"is as it was: {advice}",
    )


# -- import ---------------------------------------------------------------------------------------------


def import_job(database: SignDatabase, archive: str | Path, settings: Settings) -> Job:
    return lambda control: import_data(database, archive, control, settings)


def import_data(
    database: SignDatabase,
    archive: str | Path,
    control: JobControl | None = None,
    settings: Settings | None = None,
) -> DataImportReport:
    """Merge the archive into ``database`` (see the module docstring). A cancel keeps what was merged so far;
    importing the same archive again completes it without doubling anything. The archive's settings are
    checked before anything is merged; what they change in this computer's ``settings`` is in the report
    (``settings_changed``; None: checked only), for the caller to apply."""
    control = control or JobControl()
    archive = Path(archive)
    with _temporary_folder("import", ARCHIVE_DATABASE) as temp:
        copy = temp / DATABASE_NAME
        manifest, theirs = unpack(archive, copy)
        changes = {} if theirs is None else _settings_changes(archive, theirs, settings or Settings())
        control.progress(0, 0, "Checking the archive…")
        with open_checked_copy(archive, copy, manifest) as source:
            try:
                report = merge(source, database, control)
                report.settings_changed = changes if settings is not None else {}
                return report
            except DatabaseError as error:
                if error.source != readable(str(source.path)):
                    raise  # this computer's database (e.g. a full disk): the message names it
                raise refuse(archive, f"its database is damaged ({error.problem})") from error


def _settings_changes(archive: Path, theirs: object, settings: Settings) -> dict[str, Any]:
    try:
        return settings.portable_changes(theirs, archive)
    except InputError as error:
        raise refuse(archive, f"its settings cannot be used ({error.problem})") from error


def refuse(archive: Path, problem: str) -> InputError:
    return InputError(archive, f"cannot import this archive: {problem}")


def unpack(archive: Path, database_copy: Path) -> tuple[dict[str, Any], object | None]:
    """Check the archive's entries and manifest, copy its database to ``database_copy``; the manifest, and
    the archive's settings as read (not yet checked; None in an archive made before they were carried)."""
    require_file(archive)
    try:
        with zipfile.ZipFile(archive) as bundle:
            entries = _checked_entries(archive, bundle)
            for name in (MANIFEST_NAME, DATABASE_NAME, SETTINGS_NAME):
                if name in entries:
                    _check_unpackable(archive, entries[name])
            manifest = read_manifest(
                archive, _read_capped(bundle, entries[MANIFEST_NAME], MAX_MANIFEST_BYTES)
            )
            settings = (
                _read_json(
                    archive,
                    _read_capped(bundle, entries[SETTINGS_NAME], MAX_SETTINGS_BYTES),
                    "its settings are",
                )
                if SETTINGS_NAME in entries
                else None
            )
            _check_unpacked_size(archive, entries[DATABASE_NAME], database_copy.parent)
            # zipfile never reads more than the size checked above, whatever the packed bytes hold
            with bundle.open(entries[DATABASE_NAME]) as packed, open(database_copy, "wb") as unpacked:
                shutil.copyfileobj(packed, unpacked, COPY_CHUNK_BYTES)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as error:
        problem = "it is not a readable zip archive (damaged, or not saved by Export my data)"
        raise refuse(archive, problem) from error  # zipfile's words stay in the cause
    except OSError as error:
        if error.errno in DISK_FULL_ERRNOS:  # never a read's: the copy's, in the temporary folder
            raise _temporary_folder_failed(
                database_copy.parent.parent, "import", ARCHIVE_DATABASE, error
            ) from error
        raise InputError(archive, f"cannot read it ({os_problem(error)})") from error
    if file_sha256(database_copy) != manifest["database_sha256"]:
        raise refuse(archive, "its database does not match its manifest (damaged or altered)")
    return manifest, settings


def _checked_entries(archive: Path, bundle: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """The archive's entries by name, the manifest and the database among them; refused when a name points
    outside the folder it is unpacked in or is held twice."""
    entries: dict[str, zipfile.ZipInfo] = {}
    for info in bundle.infolist():
        name = info.filename
        path = PurePosixPath(name.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts or (path.parts and ":" in path.parts[0]):
            raise refuse(archive, f"it holds an entry that points outside its folder ({name!r})")
        if name in entries:
            raise refuse(archive, f"it holds two entries named {name!r} (damaged or altered)")
        entries[name] = info
    missing = [name for name in (MANIFEST_NAME, DATABASE_NAME) if name not in entries]
    if missing:
        raise refuse(archive, f"it is not an export of SignPractice (no {' and no '.join(missing)})")
    return entries


# How zipfile can unpack an entry; Export my data uses the second.
UNPACKABLE_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA)
ENCRYPTED_FLAG = 0x1


def _check_unpackable(archive: Path, info: zipfile.ZipInfo) -> None:
    """Refuse an entry protected by a password or packed in a way zipfile cannot unpack (its own errors
    named neither the archive nor the reason in a learner's words)."""
    if info.flag_bits & ENCRYPTED_FLAG:
        raise refuse(archive, "it is protected by a password, which no export of SignPractice is")
    if info.compress_type not in UNPACKABLE_METHODS:
        raise refuse(
            archive,
            f"it was packed in a way this app cannot unpack (zip method {info.compress_type}); "
            "exports of SignPractice never are",
        )


def _check_unpacked_size(archive: Path, info: zipfile.ZipInfo, folder: Path) -> None:
    """Refuse a database that would unpack too large, suspiciously larger than it is packed, or larger than
    the space left in ``folder``, before a byte of it is written."""
    size, packed = info.file_size, max(info.compress_size, 1)
    if size > MAX_DATABASE_BYTES:
        raise refuse(archive, f"its database would unpack to more than {MAX_DATABASE_BYTES >> 30} GiB")
    if size > RATIO_CHECKED_FROM_BYTES and size > MAX_PACKING_RATIO * packed:
        raise refuse(
            archive,
            f"its database would unpack to {_megabytes(size)} from {_megabytes(packed)}, which no export of "
            "SignPractice does (damaged, or made to fill the disk)",
        )
    free = shutil.disk_usage(folder).free
    if size > free:
        raise InputError(
            archive,
            f"cannot import it: unpacking it needs {_megabytes(size)} in the temporary folder "
            f"{folder.parent}, where only {_megabytes(free)} are free; make room on that disk and import it "
            "again",
        )


def _megabytes(size: int) -> str:
    return f"{size / 2**20:,.1f} MB"


def _read_capped(bundle: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    with bundle.open(info) as entry:
        data = entry.read(limit + 1)
    if len(data) > limit:
        raise zipfile.BadZipFile(f"{info.filename} is larger than {limit} bytes")
    return data


def read_manifest(archive: Path, data: bytes) -> dict[str, Any]:
    """The manifest, checked: ours, a format and schema versions this app can read."""
    manifest = _read_json(archive, data, "its manifest is")
    if not isinstance(manifest, dict) or manifest.get("app") != APP_NAME:
        raise refuse(archive, "it is not an export of SignPractice")
    for key in ("format", "schema_version"):
        if not isinstance(manifest.get(key), int) or isinstance(manifest.get(key), bool):
            raise refuse(archive, f"its manifest has no valid {key!r}")
    if not isinstance(manifest.get("database_sha256"), str):
        raise refuse(archive, "its manifest has no checksum of the database")
    made_by = f"it was made by a newer version of SignPractice ({manifest.get('app_version', 'unknown')})"
    if manifest["format"] > ARCHIVE_FORMAT:
        raise refuse(archive, f"{made_by}, whose archives this version cannot read: {NEWER_VERSION_ADVICE}")
    if manifest["schema_version"] > len(MIGRATIONS):
        raise refuse(
            archive,
            f"{made_by}: its database is version {manifest['schema_version']}, this version knows up to "
            f"{len(MIGRATIONS)}; {NEWER_VERSION_ADVICE}",
        )
    learning = manifest.get("learning_schema_version")
    if isinstance(learning, int) and learning > LEARNING_SCHEMA_VERSION:
        raise refuse(
            archive,
            f"{made_by}: its learning records are version {learning}, this version knows up to "
            f"{LEARNING_SCHEMA_VERSION}; {NEWER_VERSION_ADVICE}",
        )
    return manifest


def _read_json(archive: Path, data: bytes, what_is: str) -> Any:
    """``data`` as JSON; refused as ``what_is`` ("its manifest is") not readable."""
    try:
        return json.loads(data.decode("utf-8"))
    # ValueError: also a number of more digits than Python turns into an int (sys.get_int_max_str_digits);
    # RecursionError: nested deep
    except (ValueError, RecursionError) as error:
        raise refuse(archive, f"{what_is} not readable ({error})") from error


class open_checked_copy:  # noqa: N801 (used like a function)
    """The archive's database (a copy in a temporary folder) opened as a SignDatabase, after SQLite's
    integrity check; opening applies the migrations an older export needs."""

    def __init__(self, archive: Path, copy: Path, manifest: dict[str, Any]):
        self.archive, self.copy, self.manifest = archive, copy, manifest
        self.database: SignDatabase | None = None

    def __enter__(self) -> SignDatabase:
        try:
            with _read_only(self.copy) as conn:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                check = conn.execute("PRAGMA integrity_check").fetchall()
        except sqlite3.DatabaseError as error:
            raise refuse(self.archive, f"its database is not a sign database ({error})") from error
        if [row[0] for row in check] != ["ok"]:
            raise refuse(self.archive, "its database is damaged (SQLite's integrity check failed)")
        if version != self.manifest["schema_version"]:
            raise refuse(self.archive, "its database's version does not match its manifest")
        try:
            self.database = SignDatabase(self.copy)
            LearningStore(self.database)  # refuses newer learning records; makes the tables where missing
        except DatabaseError as error:
            if self.database is not None:
                self.database.close()
            raise refuse(self.archive, error.problem) from error
        return self.database

    def __exit__(self, *exc_info: object) -> None:
        if self.database is not None:
            self.database.close()


def merge(source: SignDatabase, target: SignDatabase, control: JobControl) -> DataImportReport:
    report = DataImportReport()
    LearningStore(target)  # the learning tables exist in the target too
    sign_ids = _merge_signs(source, target, report)
    for step in (_merge_clips, _merge_attempts, _merge_learning):
        step(source, target, sign_ids, report, control.progress)  # each reports its own items
    return report


def _merge_signs(source: SignDatabase, target: SignDatabase, report: DataImportReport) -> dict[int, int]:
    """Archive sign id -> this database's sign id, creating the signs it lacks. A sign of the archive under
    a name not found here, all of whose clips one sign here of its language has, is that sign renamed (e.g.
    a starter sign the learner renamed, imported into a new profile, which has the starter signs again): it
    takes the archive's name, tags and notes instead of coming twice."""
    here = {sign.id: (sign.gloss.casefold(), sign.language) for sign in target.signs()}
    existing = {key: sign_id for sign_id, key in here.items()}
    holder = {digest: sign_id for sign_id, found in target.clip_digests().items() for digest in found}
    theirs = source.clip_digests()
    mapping: dict[int, int] = {}
    signs = source.signs()
    for sign in signs:  # all before any is added: the table's check lets a gloss of spaces through
        if not sign.gloss.strip():
            raise DatabaseError(source.path, f"a sign has no name ({sign.gloss!r})")
    for sign in signs:
        key = (sign.gloss.casefold(), sign.language)
        if key not in existing:
            holders = {holder.get(digest) for digest in theirs.get(sign.id, ())}
            renamed = holders.pop() if len(holders) == 1 else None
            if renamed is not None and here[renamed][1] == sign.language and renamed not in mapping.values():
                target.update_sign(
                    renamed,
                    gloss=sign.gloss,
                    notes=sign.notes,
                    tags=sign.tags,
                    dominant_hand=sign.dominant_hand,
                )
                del existing[here[renamed]]  # its old name is free: an archive sign so named is another
                existing[key] = renamed
                report.signs_renamed += 1
            else:
                existing[key] = target.add_sign(
                    sign.gloss, sign.language, sign.notes, sign.tags, sign.dominant_hand
                )
                report.signs_added += 1
        mapping[sign.id] = existing[key]
    return mapping


def _merge_clips(
    source: SignDatabase,
    target: SignDatabase,
    sign_ids: dict[int, int],
    report: DataImportReport,
    progress: ProgressCallback,
) -> None:
    clips = source.clips()
    for done, clip in enumerate(clips, start=1):
        new_id = target.add_clip_if_new(sign_ids[clip.sign_id], source.clip_pose(clip.id), clip.origin)
        if new_id is None:
            report.clips_already_there += 1
        else:
            report.clips_added += 1
            video = source.clip_video(clip.id)
            if video is not None:
                target.set_clip_video(new_id, *video)
                report.recordings_added += 1
        progress(done, len(clips), f"Adding clips and recordings: {done} of {len(clips)}")


def _merge_attempts(
    source: SignDatabase,
    target: SignDatabase,
    sign_ids: dict[int, int],
    report: DataImportReport,
    progress: ProgressCallback,
) -> None:
    present = {(attempt.sign_id, attempt.practised_at, attempt.score) for attempt in target.attempts()}
    attempts = source.attempts()
    for done, attempt in enumerate(attempts, start=1):
        key = (sign_ids[attempt.sign_id], attempt.practised_at, attempt.score)
        if key in present:
            report.attempts_already_there += 1
        else:
            target.add_attempt(
                key[0], attempt.score, source.attempt_pose(attempt.id), attempt.details, key[1]
            )
            present.add(key)
            report.attempts_added += 1
        progress(done, len(attempts), f"Adding practice attempts: {done} of {len(attempts)}")


def _merge_learning(
    source: SignDatabase,
    target: SignDatabase,
    sign_ids: dict[int, int],
    report: DataImportReport,
    progress: ProgressCallback,
) -> None:
    """Reviews by (sign, kind, time); a card where this database has none or the archive's is more recent."""
    last_review = "SELECT sign_id, kind, MAX(reviewed_at) FROM learning_reviews GROUP BY sign_id, kind"
    source_last = {(sign_ids.get(s), k): t for s, k, t in source.query(last_review)}
    target_last = {(s, k): t for s, k, t in target.query(last_review)}
    target_cards = {(s, k) for s, k in target.query("SELECT sign_id, kind FROM learning_cards")}
    cards = source.query("SELECT sign_id, kind, card, due, introduced_at FROM learning_cards")
    with target.transaction() as conn:
        for sign_id, kind, card, due, introduced_at in cards:
            key = (sign_ids.get(sign_id), kind)
            if key[0] is None:  # the card of a deleted sign
                continue
            newer = (source_last.get(key) or 0.0) > (target_last.get(key) or 0.0)
            if key not in target_cards or newer:
                conn.execute(
                    "INSERT OR REPLACE INTO learning_cards (sign_id, kind, card, due, introduced_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (key[0], kind, card, due, introduced_at),
                )
                report.cards_taken += 1
    present = {
        (s, k, t) for s, k, t in target.query("SELECT sign_id, kind, reviewed_at FROM learning_reviews")
    }
    reviews = source.query(f"SELECT {REVIEW_COLUMNS} FROM learning_reviews ORDER BY reviewed_at")
    placeholders = ", ".join("?" * len(REVIEW_COLUMNS.split(",")))
    with target.transaction() as conn:
        for row in reviews:
            sign_id = sign_ids.get(row[0])
            if sign_id is None:
                continue
            if (sign_id, row[1], row[3]) in present:
                report.reviews_already_there += 1
                continue
            conn.execute(
                f"INSERT INTO learning_reviews ({REVIEW_COLUMNS}) VALUES ({placeholders})",
                (sign_id, *row[1:]),
            )
            present.add((sign_id, row[1], row[3]))
            report.reviews_added += 1
    progress(1, 1, "Added the learning records")
