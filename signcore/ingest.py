"""Filling the sign database from files, and writing it back out as files.

    report = import_sign_folder(database, "signs/", language="DGS", progress=..., cancel=...)
    print(report.summary())   # "Added 12 clips; 3 were already there; 1 file could not be used."

Imports (labelled clips, files each read by a loader (:func:`import_each`), sign folders of .pose/CSV/video
files, SPOTER CSVs) store clip by clip, each in its own transaction (:meth:`SignDatabase.add_clip_by_gloss`),
so a cancel or a crash keeps every clip added before it. They report progress as ``progress(done, total,
message)``, stop when ``cancel()`` returns True, and return an :class:`ImportReport`: a file that cannot be
used is named in its failures and the import goes on; a failure of the database itself (disk full, ...)
raises :class:`~signcore.database.DatabaseError` and stops it. Videos have their landmarks extracted by
MediaPipe (see :func:`signcore.signfolder.load_sign_folder`), which loads only when a folder really holds
videos.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import NamedTuple, TypeVar

from signcore import normalize
from signcore.database import ClipInfo, ClipOrigin, DatabaseError, SharedNameError, Sign, SignDatabase
from signcore.errors import InputError, readable
from signcore.files import require_file
from signcore.formats import LabeledClip, read_spoter_csv
from signcore.formats.clip import SignDetails
from signcore.formats.posefile import read_pose, write_pose
from signcore.layout import LEFT_HAND, PoseSequence
from signcore.lessons import shown_tags
from signcore.paths import install_root
from signcore.signfolder import (
    LICENCE_TEXTS,
    VIDEO_SUFFIXES,
    SignFolderContents,
    TableReadBefore,
    load_sign_folder,
    note_kept_despite,
    note_licence_texts,
    note_sign_details,
    signs_noted_in,
)
from signcore.words import counted, language_named, letter_name

Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]
PROGRESS_STEPS = 1000  # a step's share of the bar counts in this many steps (progress_share)
Hold = Callable[[int, LabeledClip], bool]  # (the existing sign a clip joins, the clip): keep it out?
# Why the caller refuses a clip's landmarks as a reference, beyond this module's own reasons ("": it does not)
Refuse = Callable[[PoseSequence], str]
Item = TypeVar("Item")


def progress_share(progress: Progress | None, start: float, end: float) -> Progress | None:
    """``progress`` of a part of a job, which fills the share of its bar from ``start`` to ``end`` (0 to 1)
    as the part counts from 0 to its own total: parts done one after another each counted from 0 again, and
    the bar they shared went back (a folder's files checked, "2 of 3", 66 %, then read, "1 of 3", 33 %).
    The part's words are passed on as they are."""
    if progress is None:
        return None

    def report(done: int, total: int, message: str) -> None:
        part_done = min(max(done / total, 0.0), 1.0) if total > 0 else 0.0
        progress(round((start + (end - start) * part_done) * PROGRESS_STEPS), PROGRESS_STEPS, message)

    return report


class Tagged(NamedTuple):
    """A sign an import gave the tags its clips came with (:func:`give_tags`)."""

    gloss: str
    language: str
    tags: tuple[str, ...]  # those it was given: none it had already
    kept_its_own: bool  # it had tags of its own, which it keeps


@dataclass
class ImportReport:
    added: int = 0
    skipped: int = 0  # already in the database (same landmarks for the same sign)
    # The name of the sign that has each clip skipped, where known: "1 already in the database" left the
    # learner looking for it
    already_in: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # one message per file or clip not imported
    cancelled: bool = False
    # What may be wrong with clips that were imported (e.g. a truncated video, see signcore.extract), each
    # naming its file: the clip is usable, but the learner should know.
    warnings: list[str] = field(default_factory=list)
    # (name, language) of each sign that clips were added to, once each: where a clip given no language went
    signs: list[tuple[str, str]] = field(default_factory=list)
    # Each sign given tags its clips came with (SignDetails.tags): its name, language, the tags it was given
    # and whether it kept tags of its own besides
    tagged: list[Tagged] = field(default_factory=list)
    # What else the learner should know of what was imported, in plain words (the caller's)
    notes: list[str] = field(default_factory=list)

    def note_signs(self, signs: list[tuple[str, str]]) -> None:
        """Add ``signs`` to those clips were added to, each once."""
        self.signs += [sign for sign in dict.fromkeys(signs) if sign not in self.signs]

    def include(self, part: ImportReport) -> None:
        """Count ``part`` (another path's import, the review's) in this one; whether it was cancelled is the
        caller's to say."""
        self.added += part.added
        self.skipped += part.skipped
        self.already_in += part.already_in
        self.failures += part.failures
        self.warnings += part.warnings
        self.note_signs(part.signs)
        self.tagged += part.tagged
        self.notes += part.notes

    def summary(self) -> str:
        """One sentence for the learner: "Added 12 clips; 3 were already there; 1 file could not be used."."""
        parts = [f"{'Cancelled after adding' if self.cancelled else 'Added'} {counted(self.added, 'clip')}"]
        if self.skipped:
            parts.append(f"{counted(self.skipped, 'was', 'were')} already there")
        if self.warnings:
            parts.append(f"{counted(len(self.warnings), 'warning')}")
        if self.failures:
            parts.append(f"{counted(len(self.failures), 'file')} could not be used")
        return "; ".join(parts) + "."


# (the name of the sign a video's clip joins, its language as joined_language gives it, the video) -> the
# video's clip found already there, read as the import reads it, in any sign: the import of it skipped, said
# as the caller says it (the sign it is in, and why it was not added); None: not there, so it is tracked
VideoThere = Callable[[str, "str | None", Path], "ImportReport | None"]


def import_clips(
    database: SignDatabase,
    clips: Sequence[LabeledClip],
    language: str = "",
    licence: str = "",
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    hold: Hold | None = None,
    refuse: Refuse | None = None,
) -> ImportReport:
    """Add labelled clips, creating signs by gloss as needed.

    Each clip is committed on its own, so a cancel (``cancel()`` returning True, checked before each clip)
    or a crash keeps every clip added before it. A clip whose landmarks are already stored for the same
    sign is skipped. ``language`` applies to clips that do not name theirs; with none ("") the language an
    export noted of the clip's sign (``clip.noted``, as ``licence`` its licence), else a clip joins the
    one sign of its name, whatever that sign's language (:meth:`SignDatabase.add_clip_by_gloss`), and is
    not imported when several signs have its name; "no language" (:data:`signcore.words.NO_LANGUAGE`, as
    the learner chooses it) is the sign of that name without a language. ``hold`` and ``refuse``: see
    :func:`import_each`. The tags an export noted of a clip's sign (``clip.noted.tags``) are added to the sign
    it joins (:func:`give_tags`).
    """
    return import_each(database, clips, lambda clip: clip, language, licence, progress, cancel, hold, refuse)


def read_video(
    path: str | Path,
    mirrored: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> PoseSequence | None:
    """The landmarks of a video, found by MediaPipe (``mirrored``: a selfie video, un-mirrored first);
    None when ``cancel()`` stopped the extraction. A video that cannot be read raises
    :class:`~signcore.errors.InputError`."""
    from signcore.extract import ExtractionCancelled, extract_video  # MediaPipe loads only when needed

    def extracting(done: int, frames: int) -> None:
        if progress is not None:
            progress(done, frames, f"finding the signer in frame {done} of {frames}")

    try:
        return extract_video(Path(path), mirrored=mirrored, progress=extracting, cancel=cancel)
    except ExtractionCancelled:
        return None
    except (RuntimeError, ValueError, OSError) as error:  # what OpenCV / MediaPipe raise on a bad video
        raise InputError(path, f"landmark extraction failed: {error}") from error


# A file in which no one was found: nothing in it to import, score or search with.
NOBODY_FOUND = "nobody was found in any frame (no body, no hands)"


def read_signing(path: str | Path, video_is_selfie: bool, progress: Progress | None = None) -> PoseSequence:
    """The landmarks of one file of signing, an attempt to score or a sign to search with: a .pose file as
    it is, a video through MediaPipe (``video_is_selfie``: a selfie recording, un-mirrored first).
    :class:`~signcore.errors.InputError` naming the file for anything else, and for a file nobody is in."""
    path = Path(path)
    require_file(path)  # a pipe chosen by mistake would wait for a writer for ever
    suffix = path.suffix.lower()
    if suffix == ".pose":
        pose: PoseSequence | None = read_pose(path)
    elif suffix in VIDEO_SUFFIXES:
        pose = read_video(path, video_is_selfie, progress)
    else:
        raise InputError(path, f"this is neither a video ({', '.join(VIDEO_SUFFIXES)}) nor a .pose file")
    assert pose is not None  # None only when a cancel was asked for, and there is no cancel here
    if not pose.mask.any():
        raise InputError(path, NOBODY_FOUND)
    return pose


def import_sign_folder(
    database: SignDatabase,
    folder: str | Path,
    language: str = "",
    licence: str = "",
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    mirrored_videos: bool = False,
    read_pose_file: Callable[[Path], PoseSequence] = read_pose,
    hold: Hold | None = None,
    refuse: Refuse | None = None,
    contents: SignFolderContents | None = None,
    video_there: VideoThere | None = None,
    table_read_before: TableReadBefore | None = None,
) -> ImportReport:
    """Add every clip of a sign folder (``folder/<gloss>/<clip>``: .pose, CSV or video files).

    First the files are read (videos have their landmarks extracted, .pose files by ``read_pose_file``, see
    :func:`signcore.signfolder.load_sign_folder`; ``contents``: the folder's files as listed before, else
    listed now), then the clips are stored one transaction each. A video whose clip is there already, in the
    sign it joins or in another (``video_there``), is skipped as that says before it is tracked. A one-clip
    table read already (``table_read_before``) is not read again.
    Files that cannot be used are listed in the report's failures. Cancelling while the files are
    read stores nothing.
    """
    found_there = ImportReport()
    # Reading the files (tracking videos) takes most of the time; storing their clips the rest
    read_share, store_share = progress_share(progress, 0, 0.8), progress_share(progress, 0.8, 1)

    def reading(done: int, total: int) -> None:
        if read_share is not None:
            read_share(done, total, f"reading file {done} of {total}")

    def known_video(gloss: str, details: SignDetails, video: Path) -> bool:
        # named as _import_one names the sign its clip joins
        joins = readable(gloss.strip()), joined_language(None, language or details.language)
        there = None if video_there is None else video_there(*joins, video)
        if there is not None:
            found_there.include(there)
        return there is not None

    loaded = load_sign_folder(
        folder,
        progress=reading,
        cancel=cancel,
        mirrored_videos=mirrored_videos,
        read_pose_file=read_pose_file,
        contents=contents,
        known_video=known_video,
        table_read_before=table_read_before,
    )
    failures = [f"{path}: {problem}" for path, problem in loaded.failures]
    if loaded.cancelled:
        return ImportReport(failures=failures, cancelled=True)
    # A video whose clip was tracked before digests were kept, the video moved or written again since, is
    # known only once tracked, by its landmarks: that clip learns the digest, and the video is asked again
    clips = [
        clip
        for clip in loaded.clips
        if not (
            database.learn_video_digest_by_landmarks(clip.pose)
            and known_video(clip.gloss, clip.noted, Path(clip.source))
        )
    ]
    report = import_clips(database, clips, language, licence, store_share, cancel, hold, refuse)
    report.failures[:0] = failures
    report.include(found_there)
    return report


def import_spoter_csv(
    database: SignDatabase,
    path: str | Path,
    language: str = "",
    licence: str = "",
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    hold: Hold | None = None,
    refuse: Refuse | None = None,
) -> ImportReport:
    """Add every clip (row) of a SPOTER dataset CSV, each under its ``label_name`` gloss (``hold`` and
    ``refuse``: see :func:`import_each`)."""
    return import_clips(database, read_spoter_csv(path), language, licence, progress, cancel, hold, refuse)


def import_each(
    database: SignDatabase,
    items: Sequence[Item],
    load: Callable[[Item], LabeledClip],
    language: str,
    licence: str,
    progress: Progress | None,
    cancel: Cancel | None,
    hold: Hold | None = None,
    refuse: Refuse | None = None,
) -> ImportReport:
    """Add what ``load`` makes of each item (a file, say) as a clip, one transaction per clip, as
    :func:`import_clips` does; an item ``load`` refuses (:class:`~signcore.errors.InputError`) is named in
    the failures and the import goes on. ``hold(sign_id, clip)``, asked of each clip that would join a sign
    the database has (``sign_id``): True keeps it out of the import (the caller holds it for the learner to
    decide, and reports it). ``refuse(pose)``, asked of each clip first, says why the caller will not have
    it as a reference: such a clip is named in the failures with that reason, as one nobody is seen in is."""
    report = ImportReport()
    read_back = _ReadBack()
    for done, item in enumerate(items, start=1):
        if cancel is not None and cancel():
            report.cancelled = True
            break
        try:
            clip = load(item)
            _import_one(
                database,
                clip,
                joined_language(clip.language, language or clip.noted.language),
                licence or clip.noted.licence_of(Path(clip.source).name),
                report,
                read_back,
                hold,
                refuse,
            )
        except DatabaseError:  # the database itself failed (disk full, ...): stop, keep what is in
            raise
        except InputError as error:  # one unusable file: say which and go on with the others
            report.failures.append(str(error))
        if progress is not None:
            progress(done, len(items), readable(Path(str(getattr(item, "source", item))).name))
    return report


def joined_language(own: str | None, language: str) -> str | None:
    """The language of the sign a clip of language ``own`` joins when imported with ``language`` (see
    :func:`import_clips`): None, not known (the one sign of its name, whatever its language)."""
    given = own or language  # "": not known, the sign of its name; "no language": none
    return language_named(given) if given else None


def sign_joined(database: SignDatabase, gloss: str, language: str | None) -> int | None:
    """The sign a clip named ``gloss`` joins when imported into the sign of that name in ``language`` (as
    :func:`joined_language` gives it), when there is one: None where the import makes a new sign, or refuses
    the clip and says why (no name, a name that several signs share)."""
    try:
        return database.sign_for_clip(gloss, language)
    except (SharedNameError, ValueError):
        return None


def _not_a_reference(pose: PoseSequence) -> str:
    """Why a clip is no use to practise against, in the learner's words ("" when it is)."""
    hands = pose.mask[:, LEFT_HAND.start :]
    if not pose.mask.any():  # e.g. a video of an empty room
        return NOBODY_FOUND
    if not hands.any():  # a signer filmed with the hands out of the picture: the sign is not in it
        return "no hands were found in any frame: the sign must be made with the hands in view"
    if len(pose) < 2:  # a photo, or a video of one frame: a sign is a movement
        return "one frame only: a sign needs the whole movement, so import a video of all of it"
    return ""


@dataclass
class _ReadBack:
    """What one import read back of the signs its clips joined, so as to read it once: an import's clips of
    one name all join one sign (hundreds of clips read it back as often)."""

    # the names and languages whose sign was named in the report
    names: set[tuple[str, str | None]] = field(default_factory=set)
    # the names, languages and tags noted whose sign was given those tags
    tagged: set[tuple[str, str | None, tuple[str, ...]]] = field(default_factory=set)


def _import_one(
    database: SignDatabase,
    clip: LabeledClip,
    language: str | None,
    licence: str,
    report: ImportReport,
    read_back: _ReadBack,
    hold: Hold | None = None,
    refuse: Refuse | None = None,
) -> None:
    # Glosses and sources often come from file and folder names, which need not be UTF-8.
    gloss, source = readable(clip.gloss.strip()), readable(str(clip.source))
    if not gloss or len(clip.pose) == 0:
        report.failures.append(f"{source}: {'no sign name' if not gloss else 'no frames'}")
        return
    problem = _not_a_reference(clip.pose) or (refuse(clip.pose) if refuse is not None else "")
    if problem:
        report.failures.append(f"{source}: {problem}")
        return
    if hold is not None:
        joins = sign_joined(database, gloss, language)
        # A clip already there is skipped below: not judged (a second or more in the app) to no end
        if joins is not None and not database.has_clip(joins, clip.pose) and hold(joins, clip):
            return
    warnings = clip.pose.meta.get("warnings", [])  # see signcore.extract: a list of messages
    report.warnings += [readable(str(warning)) for warning in warnings] if isinstance(warnings, list) else []
    # Named by the hand it is clearly signed with, as its close-up shows it; a new sign takes its first clip's
    # hand (a left-handed signer's imported sign read "dominant hand: right"). Not named where that is a guess
    # (two hands raised alike), which flips between clips of one sign: such a clip shows its sign's hand.
    handedness = normalize.clear_signing_hand(clip.pose)
    origin = ClipOrigin(source, clip.signer, licence, handedness, kept_despite=clip.kept_despite)
    try:
        added = database.add_clip_by_gloss(gloss, clip.pose, language, origin)
    except SharedNameError as error:  # which of those signs it is of is the learner's to say
        report.failures.append(f"{source}: {error}")
        return
    if added is None:
        report.skipped += 1
        if (holder := sign_joined(database, gloss, language)) is not None:
            report.already_in.append(database.sign_name(database.sign(holder)))
    else:
        report.added += 1
        if (gloss, language) not in read_back.names:
            read_back.names.add((gloss, language))
            sign = database.sign(database.clip(added).sign_id)
            report.note_signs([(sign.gloss, sign.language)])
    # Given where the clip joins its sign, new or already there: an import cut short before is put right
    if clip.noted.tags and (gloss, language, clip.noted.tags) not in read_back.tagged:
        read_back.tagged.add((gloss, language, clip.noted.tags))
        sign_id = sign_joined(database, gloss, language)
        given = None if sign_id is None else give_tags(database, sign_id, clip.noted.tags)
        if given is not None:
            report.tagged.append(given)


def give_tags(database: SignDatabase, sign_id: int, tags: Iterable[str]) -> Tagged | None:
    """Add to the sign ``sign_id`` those of ``tags`` (an export's, of the clips it imports) that it has not
    (case ignored); None where it has them all. Its own tags stay: a teacher's clips bring their lesson and
    tags to a learner's sign of that name, and take none of the learner's away."""
    sign = database.sign(sign_id)
    has = {tag.casefold() for tag in sign.tags}
    given = []
    for tag in tags:
        if tag.casefold() not in has:
            has.add(tag.casefold())
            given.append(tag)
    if not given:
        return None
    database.update_sign(sign_id, tags=[*sign.tags, *given])
    return Tagged(sign.gloss, sign.language, tuple(given), bool(shown_tags(sign.tags)))


@dataclass(frozen=True)
class SignFolderExport:
    """What :func:`export_sign_folder` wrote: how many clips, into which signs' folders (in the order
    written), and which of those an earlier export had written (its sign.json named the sign)."""

    clips: int = 0
    folders: tuple[Path, ...] = ()
    earlier: frozenset[Path] = frozenset()
    # The clip files of those folders an earlier export wrote and this one did not write over (their sign has
    # fewer clips now): left as they are, which an import of the folder brings back (:func:`earlier_clips`)
    left_over: tuple[Path, ...] = ()
    # Which of signfolder.NOTED_DETAILS the signs' folders note (any of them)
    noted: frozenset[str] = frozenset()


def export_sign_folder(
    database: SignDatabase,
    folder: str | Path,
    sign_ids: Iterable[int] | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> SignFolderExport:
    """Write clips as a sign folder, ``folder/<gloss>/clip_<n>.pose``, ``n`` the clip's number in its sign
    as the Library lists it (Clip 9 is ``clip_9.pose``: the database's ids, ``clip_497.pose`` beside
    ``clip_1`` … ``clip_8``, named no clip the learner sees); says what it wrote. A clip kept
    despite the app's warning has why noted beside it (:func:`signcore.signfolder.kept_despite_file`), and
    each sign's folder notes its language, its clips' licences and its tags
    (:func:`signcore.signfolder.note_sign_details`), with the licence texts those name
    (:func:`signcore.signfolder.note_licence_texts`): importing the folder reads them back. A sign an
    earlier export into ``folder`` wrote a folder for is written into it again (:func:`export_folder_names`).
    Progress names the sign and the clip as the Library does, not the file written.

    ``sign_ids`` None exports every sign, into :func:`every_sign_folder`. Each file is written atomically (by
    :func:`write_pose`).
    """
    folder = Path(folder) if sign_ids is not None else every_sign_folder(Path(folder), date.today())
    wanted = None if sign_ids is None else set(sign_ids)
    signs = {
        sign.id: sign for sign in database.signs()
    }  # in the order of their names, as the Library lists them
    clips_by_sign: dict[int, list[ClipInfo]] = {}
    for clip in database.clips():  # oldest first, as the Library numbers them
        if wanted is None or clip.sign_id in wanted:
            clips_by_sign.setdefault(clip.sign_id, []).append(clip)
    # The signs written (and summed up: "Bier, Foto, Fußball and 59 more" was the clips' order) in
    # the Library's order
    clips_of = {sign_id: clips_by_sign[sign_id] for sign_id in signs if sign_id in clips_by_sign}
    total = sum(len(clips) for clips in clips_of.values())
    written = 0
    folders: list[Path] = []  # the signs' folders, as each is started
    left_over: list[Path] = []
    noted: set[str] = set()
    folder_names, earlier = export_folder_names(folder, [signs[sign_id] for sign_id in clips_of])

    def exported() -> SignFolderExport:
        return SignFolderExport(
            written, tuple(folders), frozenset(folders) & earlier, tuple(left_over), frozenset(noted)
        )

    for sign_id, clips in clips_of.items():
        sign = signs[sign_id]
        sign_folder = folder / folder_names[sign_id]
        name = database.sign_name(sign)
        files = {clip.id: f"clip_{number}.pose" for number, clip in enumerate(clips, start=1)}
        for number, clip in enumerate(clips, start=1):
            if cancel is not None and cancel():
                return exported()
            if clip is clips[0]:  # the sign's folder, with what it notes of the sign, as its first clip comes
                noted |= _start_sign_folder(sign_folder, sign, clips, files)
                folders.append(sign_folder)
                left_over += earlier_clips(sign_folder, set(files.values()))
            target = sign_folder / files[clip.id]
            write_pose(database.clip_pose(clip.id), target)
            note_kept_despite(target, clip.kept_despite)
            written += 1
            if progress is not None:
                progress(written, total, f"{name}: clip {number} of {len(clips)}")
    return exported()


EVERY_SIGN_FOLDER = "SignPractice signs {day}"  # Export all's own folder in the one chosen


def every_sign_folder(chosen: Path, today: date) -> Path:
    """Where Export all writes, in the folder the learner ``chosen``: that folder itself while it is empty
    (or not there yet) or holds an earlier export (whose sign folders are written into again), else a new
    folder in it, "SignPractice signs 2026-12-06" (numbered when that is taken): every sign's folder written
    straight in among what was there could no longer be told apart from it."""
    try:
        empty = not any(not entry.name.startswith(".") for entry in chosen.iterdir())
    except OSError:  # not there yet (made by the export), or not a folder: the export says why
        return chosen
    if empty or signs_noted_in(chosen):
        return chosen
    name = EVERY_SIGN_FOLDER.format(day=today.isoformat())
    unique, number = chosen / name, 2
    while unique.exists():
        unique, number = chosen / f"{name} {number}", number + 1
    return unique


EXPORTED_CLIP = re.compile(r"clip_\d+\.pose")  # an export's name of a sign's clip


def earlier_clips(sign_folder: Path, written: set[str]) -> list[Path]:
    """The clip files in ``sign_folder`` named as an export names them and not among those ``written`` now,
    by number: an earlier export's, of clips the sign no longer has. They are the learner's files: left, and
    said (an import of the folder would bring those clips back)."""
    try:
        found = [path for path in sign_folder.iterdir() if EXPORTED_CLIP.fullmatch(path.name)]
    except OSError:  # the export itself says why
        return []
    return sorted(
        (path for path in found if path.name not in written),
        key=lambda path: int(path.stem.removeprefix("clip_")),
    )


def _start_sign_folder(
    sign_folder: Path, sign: Sign, clips: list[ClipInfo], files: dict[int, str]
) -> frozenset[str]:
    """Make the exported ``sign``'s folder and note in it the sign's details: the licence its ``clips`` share,
    else each clip's by its file name (``files``: by clip id), as far as known, and the texts they name;
    returns which details it noted (:func:`signcore.signfolder.note_sign_details`)."""
    try:
        sign_folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        problem = f"cannot create the folder ({error.strerror or error})"
        raise InputError(sign_folder, problem) from error
    licence = shared_licence(clips)
    each = () if licence else tuple((files[clip.id], clip.licence) for clip in clips if clip.licence)
    noted = note_sign_details(sign_folder, SignDetails(sign.language, licence, sign.tags, each, sign.gloss))
    note_licence_texts(sign_folder, {clip.licence for clip in clips}, install_root() / LICENCE_TEXTS)
    return noted


def shared_licence(clips: list[ClipInfo]) -> str:
    """The licence every one of ``clips`` has: a sign's licence. None ("") where they differ, or there are no
    clips: one licence given would be claimed for every clip."""
    licences = {clip.licence for clip in clips}
    return licences.pop() if len(licences) == 1 else ""


def export_folder_names(folder: Path, signs: list[Sign]) -> tuple[dict[int, str], frozenset[Path]]:
    """The folder in ``folder`` each of ``signs`` is exported into (by id), and those of them an earlier
    export wrote: a sign's own again, as its sign.json names it (:func:`signcore.signfolder.signs_noted_in`),
    else a name of :func:`own_folder_names` that no earlier export's folder has. Named anew, "hallo" exported
    again once a "hallo" of another language came was written into "hallo (DGS)" beside the "hallo" of the
    first export, two folders of one sign; and a new sign went into a folder of another's clips."""
    noted = signs_noted_in(folder)
    again = {
        sign.id: noted[key]
        for sign in signs
        if (key := (sign.gloss.casefold(), sign.language.casefold())) in noted
    }
    names = own_folder_names(signs, again, taken=noted.values())
    return names, frozenset(folder / name for name in again.values())


def own_folder_names(
    signs: list[Sign], kept: dict[int, str] | None = None, taken: Iterable[str] = ()
) -> dict[int, str]:
    """A folder name for each of ``signs`` (by id), no two alike, case ignored (as Windows and macOS compare
    them): one sign's clip_1.pose overwrote another's. The gloss (:func:`safe_folder_name`) where no other
    sign's is alike (or ``taken``: names no other sign's folder may have); else with the language, "hallo
    (DGS)", and a number where that is alike too. A fingerspelled letter by the name the learner sees it by,
    "letter A" (the folder "a" named none). ``kept``: the signs whose folder is named already."""
    plain = {sign.id: safe_folder_name(letter_name(sign.gloss)) for sign in signs}
    counts = Counter(name.casefold() for name in plain.values())
    names: dict[int, str] = dict(kept or {})
    taken = {name.casefold() for name in (*taken, *names.values())}
    for sign in signs:
        if sign.id in names:
            continue
        name = plain[sign.id]
        if (counts[name.casefold()] > 1 or name.casefold() in taken) and sign.language:
            name = safe_folder_name(f"{name} ({sign.language})")
        unique, number = name, 2
        while unique.casefold() in taken or (unique != plain[sign.id] and unique.casefold() in counts):
            unique, number = f"{name} {number}", number + 1
        taken.add(unique.casefold())
        names[sign.id] = unique
    return names


def safe_folder_name(gloss: str) -> str:
    """A gloss usable as a folder name on every OS (path separators and reserved characters replaced)."""
    name = re.sub(r'[<>:"/\\|?*\x00-\x1f]', "_", gloss).strip(" .")
    return name or "_"
