"""Importing signs into the database: a sign folder, .pose files, videos or a SPOTER CSV. Qt-free.

:func:`import_job` is the job the import dialog runs in the background. Every clip is committed on its own as
it is imported, so a cancel stops at the next clip (or inside a video's landmark extraction) and everything
imported before it stays. Files that cannot be used are listed by name with the reason when the import ends;
the others are imported anyway. Clips that were imported but may be incomplete (a truncated video) are
listed with their warning (:func:`summarise`).

A video longer than one sign is cut at the pauses between signs (:mod:`desktop_app.core.video_clips`); the
pieces are handed back for the learner's review (``review``) before any is stored. One that cannot be cut is
refused with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from desktop_app.core.capture import video_problem
from desktop_app.core.jobs import Job, JobControl
from desktop_app.core.video_clips import VideoClip, needs_splitting, split_at_pauses
from signcore.database import DatabaseError, SignDatabase
from signcore.errors import InputError
from signcore.formats import LabeledClip
from signcore.formats.posefile import check_pose_header
from signcore.ingest import (
    ImportReport,
    import_clips,
    import_pose_files,
    import_sign_folder,
    import_spoter_csv,
    read_video,
)
from signcore.signfolder import VIDEO_SUFFIXES
from signcore.words import counted, joined_with_and, sign_name

ProgressCallback = Callable[[int, int, str], None]
CancelCallback = Callable[[], bool]

FOLDER, POSE_FILES, VIDEOS, SPOTER_CSV = "folder", "pose", "video", "spoter"
KINDS = (
    (FOLDER, "A sign folder: one subfolder per sign, holding .pose, CSV or video files"),
    (POSE_FILES, ".pose files: the body and hand points of clips, as “Export sign…” writes them"),
    (VIDEOS, "Videos (the signer's body and hands are tracked in each)"),
    (SPOTER_CSV, "A table of clips (.csv), one clip a row with its sign's name"),
)
FILE_FILTERS = {  # what the file chooser shows for each kind (a sign folder is chosen as a folder)
    POSE_FILES: "Pose files (*.pose)",
    VIDEOS: "Videos (" + " ".join(f"*{suffix}" for suffix in VIDEO_SUFFIXES) + ")",
    SPOTER_CSV: "Tables of clips in the SPOTER format: one clip a row (*.csv)",
}
NOTHING_CHOSEN = "Nothing chosen yet"
# Left empty, the language is not known: each clip joins the sign of its name (signcore.ingest.import_clips).
LANGUAGE_PLACEHOLDER = "empty: the language of the sign of that name"
LANGUAGE_TIP = (
    "Left empty, the clips join the sign of their name, whatever its language, and a sign new to the"
    " library has none. When signs of several languages share a name, choose the language (“no language”"
    " for the sign without one)."
)
NAMES_SHOWN = 3  # chosen files, or the signs an import went to, named; more are counted
MAX_FAILURES_SHOWN = 12


# The kinds whose clips may all be given one sign's name; left empty, each file's folder names its sign.
UNNAMED_SIGN = {
    POSE_FILES: "empty: the name of each file's folder",
    VIDEOS: "empty: the name of each video's folder",
}


def names_one_sign(kind: str) -> bool:
    """Whether an import of ``kind`` may name the sign of all its clips (else each clip's folder does)."""
    return kind in UNNAMED_SIGN


def suggested_name(kind: str, paths: list[str]) -> str:
    """The sign's name the dialog fills in for the learner to check: one video's file name (a video is
    usually saved under its sign's name; left empty, one from the Downloads folder became a sign
    "Downloads"); "" otherwise (each file's folder names its sign)."""
    return Path(paths[0]).stem if kind == VIDEOS and len(paths) == 1 else ""


CHECKED_FILES = {VIDEOS: "videos", POSE_FILES: ".pose files"}  # the kinds whose files are checked when chosen


def checks_files(kind: str, paths: list[str]) -> bool:
    """Whether choosing ``paths`` for an import of ``kind`` has files to check
    (:func:`without_unreadable_files`)."""
    return kind in CHECKED_FILES and bool(paths)


def checking_words(kind: str, done: int, total: int) -> str:
    """What the import dialog says while the files chosen are checked."""
    return f"Checking the {CHECKED_FILES[kind]} chosen: {done} of {total}…"


def _file_problem(kind: str, path: str) -> str:
    """Why a chosen file of ``kind`` cannot be imported, as far as opening it tells: a video that cannot be
    read, a .pose file whose header says it is unusable (:func:`check_pose_header`); "" when none."""
    if kind == VIDEOS:
        return video_problem(path)
    try:
        check_pose_header(path)
    except InputError as error:
        return str(error)
    return ""


def without_unreadable_files(
    kind: str, paths: list[str], control: JobControl | None = None
) -> tuple[list[str], list[str]]:
    """``paths`` without the chosen video or .pose files that cannot be read, and why each of those cannot:
    checked when they are chosen, before the selfie question is asked about them and the import reports
    them (an empty .pose file was refused only after Import, a video at once). A background job with
    ``control`` (each file is opened: a folder of hundreds takes seconds)."""
    if not checks_files(kind, paths):
        return paths, []
    kept, problems = [], []
    for done, path in enumerate(paths):
        if control is not None:
            control.progress(done, len(paths), checking_words(kind, done, len(paths)))
        # what is no file, the import names
        problem = _file_problem(kind, path) if Path(path).is_file() else ""
        if problem:
            problems.append(problem)
        else:
            kept.append(path)
    return kept, problems


def videos_to_import(kind: str, paths: list[str]) -> list[Path]:
    """The videos an import of ``kind`` from ``paths`` holds, as far as the learner must say whether they
    are selfie recordings: the video files chosen, or the first video file inside a sign folder. Files
    only: the dialog reads the first frame, and a pipe named like a video waits for a writer for ever
    (the import itself refuses it by name)."""
    if kind == VIDEOS:
        return [Path(path) for path in paths if Path(path).is_file()]
    if kind == FOLDER and paths:
        files = Path(paths[0]).rglob("*")
        first = next(
            (path for path in files if path.suffix.lower() in VIDEO_SUFFIXES and path.is_file()), None
        )
        return [first] if first is not None else []
    return []


def file_filter(kind: str) -> str:
    """The file chooser's filter for the files of ``kind`` (not for a sign folder)."""
    return FILE_FILTERS[kind] + ";;All files (*)"


def describe_paths(paths: list[str]) -> str:
    """What was chosen, by the names the learner picked (where they are is :func:`paths_in_full`)."""
    if not paths:
        return NOTHING_CHOSEN
    return _first_names([Path(path).name or path for path in paths])  # a drive or "/" has no name


def _first_names(names: list[str], noun: str = "") -> str:
    """ "a, b and c"; beyond NAMES_SHOWN, the first ones and how many more: "a, b, c and 2 more" (and with
    ``noun`` "sign": "… and 2 more signs")."""
    if len(names) <= NAMES_SHOWN:
        return joined_with_and(names)
    rest = len(names) - NAMES_SHOWN
    return joined_with_and([*names[:NAMES_SHOWN], counted(rest, f"more {noun}") if noun else f"{rest} more"])


def paths_in_full(paths: list[str]) -> str:
    """Where the chosen files are, one a line (the chosen names' tooltip)."""
    return "\n".join(paths[:MAX_FAILURES_SHOWN]) + ("\n…" if len(paths) > MAX_FAILURES_SHOWN else "")


@dataclass
class ImportRequest:
    """What the learner asked to import. ``gloss`` (pose files and videos): None = each file's folder name."""

    kind: str
    paths: list[str]
    language: str = ""
    licence: str = ""
    gloss: str | None = None
    selfie_videos: bool = False

    @classmethod
    def from_form(
        cls, kind: str, paths: list[str], language: str, licence: str, gloss: str, selfie_videos: bool
    ) -> ImportRequest:
        """The request as the dialog's fields give it: text trimmed, the gloss kept only where the kind
        names one sign and it is not blank."""
        named = gloss.strip() if names_one_sign(kind) else ""
        return cls(kind, list(paths), language.strip(), licence.strip(), named or None, selfie_videos)


@dataclass(frozen=True)
class PendingClip:
    """A piece of a long video, waiting for the learner's review before it is imported."""

    gloss: str
    clip: VideoClip
    source: str

    @property
    def where(self) -> str:
        return f"{self.clip.start_s:.1f}-{self.clip.end_s:.1f} s"

    def describe(self) -> str:
        """The piece for the review list: its sign, and where it was in which video."""
        return f"{self.gloss} · {Path(self.source).name} at {self.where}"

    def labelled(self) -> LabeledClip:
        return LabeledClip(self.gloss, self.clip.pose, f"{self.source} {self.where}")


def review_intro(pieces: int) -> str:
    """What the review of the pieces cut from long videos asks of the learner."""
    return (
        f"{counted(pieces, 'clip was', 'clips were')} cut where the hands went down."
        " Untick the ones that are not a whole sign, then import the rest."
    )


def import_job(
    database: SignDatabase, request: ImportRequest, review: list[PendingClip] | None = None
) -> Job:
    """The job importing ``request`` into ``database``; returns the :class:`ImportReport`. Pieces of long
    videos go to ``review`` (see :func:`run_import`)."""

    def job(control: JobControl) -> ImportReport:
        return run_import(database, request, control.report, lambda: control.cancel_requested, review)

    return job


def run_import(
    database: SignDatabase,
    request: ImportRequest,
    progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
    review: list[PendingClip] | None = None,
) -> ImportReport:
    """Import ``request`` into ``database`` (Qt-free: runs in a worker thread); one report for all paths.

    Long videos are cut into clips that are appended to ``review`` rather than imported (imported at once
    without ``review``)."""
    if request.kind == POSE_FILES:  # one pass: one progress bar over all the files (it went 0-1 for each)
        return import_pose_files(
            database,
            request.paths,
            gloss=request.gloss,
            language=request.language,
            licence=request.licence,
            progress=progress,
            cancel=cancel,
        )
    total = ImportReport()
    for number, path in enumerate(request.paths, start=1):
        if cancel is not None and cancel():
            total.cancelled = True
            break
        # The file's name before what is done with it: one video alone said only "finding the signer in
        # frame 16 of 58", not in which file.
        of_several = f" ({number} of {len(request.paths)})" if len(request.paths) > 1 else ""
        prefix = f"{Path(path).name}{of_several}: "

        def report(done: int, count: int, message: str, prefix: str = prefix) -> None:
            if progress is not None:
                progress(done, count, prefix + message if message else message)

        try:
            part = _import_one_path(database, request, path, report, cancel, review)
        except DatabaseError:  # the database itself failed (disk full, ...): stop; what is in stays
            raise
        except InputError as error:  # this path is unusable: say so and go on with the others
            total.failures.append(str(error))
            continue
        total.added += part.added
        total.skipped += part.skipped
        total.failures += part.failures
        total.warnings += part.warnings
        total.note_signs(part.signs)
        if part.cancelled:
            total.cancelled = True
            break
    return total


def _import_one_path(
    database: SignDatabase,
    request: ImportRequest,
    path: str,
    report: ProgressCallback,
    cancel: CancelCallback | None,
    review: list[PendingClip] | None,
) -> ImportReport:
    language, licence = request.language, request.licence
    if request.kind == FOLDER:
        return import_sign_folder(
            database,
            path,
            language=language,
            licence=licence,
            progress=report,
            cancel=cancel,
            mirrored_videos=request.selfie_videos,
        )
    if request.kind == SPOTER_CSV:
        return import_spoter_csv(
            database, path, language=language, licence=licence, progress=report, cancel=cancel
        )
    if request.kind == VIDEOS:
        return _import_video(database, request, Path(path), report, cancel, review)
    raise ValueError(f"unknown import kind {request.kind!r}")


def _import_video(
    database: SignDatabase,
    request: ImportRequest,
    path: Path,
    report: ProgressCallback,
    cancel: CancelCallback | None,
    review: list[PendingClip] | None,
) -> ImportReport:
    pose = read_video(path, mirrored=request.selfie_videos, progress=report, cancel=cancel)
    if pose is None:
        return ImportReport(cancelled=True)
    gloss = request.gloss or path.parent.name
    if not needs_splitting(pose):
        clip = LabeledClip(gloss, pose, str(path))
        return import_clips(database, [clip], language=request.language, licence=request.licence)
    pieces = [PendingClip(gloss, piece, str(path)) for piece in split_at_pauses(pose, str(path))]
    if review is not None:
        review.extend(pieces)
        return ImportReport()
    return import_clips(
        database, [p.labelled() for p in pieces], language=request.language, licence=request.licence
    )


def summarise(report: ImportReport) -> str:
    """The end of an import in words, with every unusable file named (up to a limit)."""
    lines = [
        ("Import cancelled. " if report.cancelled else "")
        + f"{counted(report.added, 'clip')} imported{_into(report.signs)}"
        + (f", {report.skipped} already in the database (skipped)" if report.skipped else "")
        + ("; everything imported before the cancel is kept." if report.cancelled else ".")
    ]
    if report.warnings:
        lines.append(f"\n{len(report.warnings)} imported with a warning:")
        lines += _listed(report.warnings)
    if report.failures:
        lines.append(f"\n{len(report.failures)} could not be imported:")
        lines += _listed(report.failures)
    return "\n".join(lines)


def with_review(found: ImportReport, reviewed: ImportReport | None, pieces: int) -> ImportReport:
    """One import of what the files gave (``found``) and what the learner's review of the ``pieces`` cut from
    long videos then imported (``reviewed``; None: the review was cancelled, so none was)."""
    if reviewed is None:
        cut = f"the {counted(pieces, 'clip')} cut from long videos"
        return replace(found, failures=[*found.failures, f"{cut}: the review was cancelled"])
    both = replace(
        found,
        added=found.added + reviewed.added,
        skipped=found.skipped + reviewed.skipped,
        warnings=found.warnings + reviewed.warnings,
        failures=found.failures + reviewed.failures,
        signs=list(found.signs),
    )
    both.note_signs(reviewed.signs)
    return both


def sign_to_show(database: SignDatabase, report: ImportReport) -> int | None:
    """The sign the library shows once an import ended: of the signs it added clips to, the first in the
    list's order, as SignDatabase.signs gives it (the sign shown before stayed after "2 clips imported");
    None when it added none."""
    if not report.signs:
        return None
    added = set(report.signs)
    return next((sign.id for sign in database.signs() if (sign.gloss, sign.language) in added), None)


def _into(signs: list[tuple[str, str]]) -> str:
    """ " into hallo (DGS) and du (DGS)": the signs the clips went to, named as lists name them (with the
    language left empty, a clip joins the sign of its name in whatever language it is)."""
    names = [sign_name(gloss, language) for gloss, language in signs]
    return f" into {_first_names(names, 'sign')}" if names else ""


def _listed(messages: list[str]) -> list[str]:
    """One bullet per message, up to MAX_FAILURES_SHOWN of them."""
    lines = [f"• {message}" for message in messages[:MAX_FAILURES_SHOWN]]
    if len(messages) > MAX_FAILURES_SHOWN:
        lines.append(f"… and {len(messages) - MAX_FAILURES_SHOWN} more.")
    return lines
