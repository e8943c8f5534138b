"""Importing signs into the database: a sign folder, .pose files, videos or a SPOTER CSV. Qt-free.

:func:`import_job` is the job the import dialog runs in the background. Every clip is committed on its own as
it is imported, so a cancel stops at the next clip (or inside a video's landmark extraction) and everything
imported before it stays. Files that cannot be used are listed by name with the reason when the import ends;
the others are imported anyway. Clips that were imported but may be incomplete (a truncated video) are
listed with their warning (:func:`summarise`).

A .pose file or video given no sign's name is a clip of the sign its own name names, or, in a sign's folder as
an export lays it out (``<sign>/clip_<n>.pose``, ``sign.json`` beside it), of the sign its folder names
(:func:`sign_name_of_file`); the dialog shows each file's before the import (:class:`SignNames`). A .pose
file whose signer lies on their side, chosen or in the sign folder chosen, is found when chosen
(:class:`CheckedFiles`) and turned upright if the learner says so (:mod:`desktop_app.core.signing.upright`).

A video longer than one sign is cut at the pauses between signs (:mod:`desktop_app.core.signing.video_clips`);
the pieces are handed back for the learner's review (``review``) before any is stored. One that cannot be cut
is refused with the reason. Whatever the path, a clip that would join a sign with clips of other signers and
looks unlike them (:mod:`desktop_app.core.judging.clip_check`) waits for that review too.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple

from desktop_app.core.judging.clip_check import ClipCheck, UnlikeClip
from desktop_app.core.shared.jobs import CallbackControl, Job, JobCancelled, JobControl
from desktop_app.core.signing.capture import video_problem
from desktop_app.core.signing.session import SegmenterConfig, too_short_to_keep
from desktop_app.core.signing.upright import quarter_turns_to_upright, turned
from desktop_app.core.signing.video_clips import VideoClip, needs_splitting, split_at_pauses
from signcore.database import ClipInfo, DatabaseError, SharedNameError, Sign, SignDatabase
from signcore.errors import InputError, readable
from signcore.files import FileAsItIs, file_as_it_is, sha256_of_file_as_it_is
from signcore.formats import LabeledClip
from signcore.formats.clip import SignDetails
from signcore.formats.dgs import read_dgs_csv
from signcore.formats.posefile import read_pose
from signcore.formats.spoter import read_spoter_csv
from signcore.ingest import (
    Hold,
    ImportReport,
    Tagged,
    VideoThere,
    import_clips,
    import_each,
    import_sign_folder,
    joined_language,
    progress_share,
    read_video,
    shared_licence,
    sign_joined,
)
from signcore.layout import VIDEO_MIRRORED, PoseSequence
from signcore.posecodec import pose_digest
from signcore.signfolder import (
    SIGN_DETAILS_FILE,
    SPOTER_TABLE,
    VIDEO_SUFFIXES,
    NotedSignDetails,
    SignFolderContents,
    pose_file_clip,
    sign_folder_contents,
    table_kind,
)
from signcore.words import NO_LANGUAGE, counted, joined_with_and, sign_name

ProgressCallback = Callable[[int, int, str], None]
# An import's share of its progress bar for checking the files chosen (seen unchanged mostly, only those
# changed since are read again); reading and storing them take the rest (signcore.ingest.progress_share)
CHECK_SHARE = 0.1
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
# The kind of file a name's ending says (a file chosen as another kind is said to be this one), and what each
# kind's file is called and its choice under "Import" (KINDS), in short
_KIND_OF_SUFFIX = {".pose": POSE_FILES, ".csv": SPOTER_CSV, **dict.fromkeys(VIDEO_SUFFIXES, VIDEOS)}
_KIND_CALLED = {
    POSE_FILES: ("a .pose file", ".pose files"),
    VIDEOS: ("a video", "Videos"),
    SPOTER_CSV: ("a table of clips", "A table of clips"),
}
NOTHING_CHOSEN = "Nothing chosen yet"
# Left empty, the language is not known: each clip joins the sign of its name (signcore.ingest.import_clips).
# Said so before files are chosen; once they are, where their language will come from (language_placeholder).
LANGUAGE_PLACEHOLDER = "empty: the language of the sign of that name"
# The files chosen whose signs' empty language comes from different places
EACH_SIGNS_LANGUAGE = "empty: each sign's own, as its folder notes, else that of the sign of its name"
# A sign folder exported by the app notes its sign's language (sign.json): that comes first. The words for
# any folder said "the sign of that name" where none was, the language taken from the folder.
FOLDER_LANGUAGE_PLACEHOLDER = "empty: the one each sign's folder notes, else that of the sign of its name"
LANGUAGE_TIP = (
    "Left empty, the clips join the sign of their name, whatever its language, and a sign new to the"
    " library has none. When signs of several languages share a name, choose the language (“no language”"
    " for the sign without one)."
)
NAMES_SHOWN = 3  # chosen files, or the signs an import went to, named; more are counted
MAX_FAILURES_SHOWN = 12


# The kinds whose clips may all be given one sign's name; left empty, each file's own (sign_name_of_file).
UNNAMED_SIGN = {
    POSE_FILES: "empty: each file's name names its sign (or its folder's, see below)",
    VIDEOS: "empty: each video's name names its sign (or its folder's, see below)",
}
# Folder names that say what the files are or where they were put, not which sign they show: left empty,
# a .pose file in a folder "pose" became a sign "pose". A file type's name is one too (CLIP_TYPES).
NOT_SIGN_NAMES = {
    "clip", "clips", "data", "dataset", "datasets", "desktop", "documents", "download", "downloads",
    "export", "exports", "file", "files", "import", "imports", "movies", "new folder", "output", "pose",
    "poses", "recording", "recordings", "sign", "signs", "take", "takes", "temp", "tmp", "untitled folder",
    "video", "videos",
}  # fmt: skip
CLIP_TYPES = {suffix.lstrip(".") for suffix in (".pose", *VIDEO_SUFFIXES)}
# A take's number after the sign's name in a file's name: "hallo_2", "hallo-02", "hallo (3)", "hallo 2"
TAKE_NUMBER = re.compile(r"(?:[ _-]+\d+|\s*\(\d+\))+$")


# Why an imported clip too short to be a sign is not imported (in the list of those that could not be)
TOO_SHORT_CLIP = (
    f"its signing lasts under {SegmenterConfig.min_duration_s:g} s, too short to be a sign (a recording that "
    "short is refused too)"
)


def too_short_clip(pose: PoseSequence) -> str:
    """Why a clip is refused as too short (:func:`.session.too_short_to_keep`), "" when it is not:
    :data:`signcore.ingest.Refuse` for every path of an import."""
    return TOO_SHORT_CLIP if too_short_to_keep(pose) else ""


def names_one_sign(kind: str) -> bool:
    """Whether an import of ``kind`` may name the sign of all its clips (else each clip's folder does)."""
    return kind in UNNAMED_SIGN


def _names_a_sign(name: str) -> bool:
    """Whether a folder's or file's name may be a sign's: one with a letter, not a word for files or where
    they are put (NOT_SIGN_NAMES, a number after it too: "clip12"), a file type's name (CLIP_TYPES) or a
    temporary folder's ("tmpk2j3h4")."""
    folded = name.strip().casefold()
    has_a_letter = re.search(r"[^\W\d_]", folded) is not None
    generic = folded.rstrip("0123456789 _-") in NOT_SIGN_NAMES | CLIP_TYPES
    return has_a_letter and not generic and not folded.startswith("tmp")


def sign_name_of_file(path: str) -> str:
    """The sign a chosen .pose file or video is a clip of when no name is typed: the file's own name
    (:func:`name_in_file_name`), as a video's or a loose file's ("~/signs/hello.pose"; its folder's made
    it a sign "signs"), but its folder's where it lies as an export lays out a sign's clips: a name that
    names no sign in its folder (``<sign>/clip_<n>.pose``, ``<sign>/3.mp4``) or ``sign.json`` beside it;
    "" when neither names one (the learner must type one)."""
    own, folder = name_in_file_name(path), Path(path).parent.name
    in_a_sign_folder = (Path(path).parent / SIGN_DETAILS_FILE).is_file()
    names = (folder, own) if in_a_sign_folder else (own, folder)
    return next((name.strip() for name in names if _names_a_sign(name)), "")


def name_in_file_name(path: str) -> str:
    """The sign's name a file's own name gives: without the number of a take after it (TAKE_NUMBER), which
    made "hallo_2.pose" a sign "hallo_2" beside "hallo"."""
    stem = Path(path).stem.strip()
    return TAKE_NUMBER.sub("", stem) or stem


@dataclass(frozen=True)
class SignNames:
    """Which sign each chosen file becomes a clip of, as the sign's name field says: the name typed
    (``given``) for every file, or, left empty, each file's own (:func:`sign_name_of_file`, ``names``).
    Worked out once for the files and the name typed, then said (:meth:`preview`) and checked
    (:meth:`unnamed`)."""

    kind: str
    paths: list[str]
    given: str  # the name typed, trimmed; "" when none is, or the kind names no sign (a sign folder's do)
    names: list[str]  # left empty: each file's own sign's name ("": none); else []
    came_from: str = ""  # where the name given comes from, in words (name_came_from); "": typed

    @classmethod
    def of(cls, kind: str, paths: list[str], gloss: str, into: Sign | None = None) -> SignNames:
        """``into``: the sign the import was started from (see :func:`suggested_sign`)."""
        if not names_one_sign(kind):
            return cls(kind, list(paths), "", [])
        given = gloss.strip()
        if not given:
            return cls(kind, list(paths), "", [sign_name_of_file(path) for path in paths])
        return cls(kind, list(paths), given, [], name_came_from(kind, paths, given, into))

    def unnamed(self) -> list[str]:
        """The files chosen whose sign has no name: none when the name typed names them all."""
        return [
            path for path, name in zip(self.paths, self.names, strict=False) if not name
        ]  # names: [] or all

    def preview(self) -> str:
        """What the sign's name field will do, said before the import: which sign each file becomes a clip
        of (the first NAMES_SHOWN files; more are counted), and which files have no name for their sign."""
        if not names_one_sign(self.kind) or not self.paths:
            return ""
        if self.given:
            where = f" ({self.came_from})" if self.came_from else ""
            return f"{'Each' if len(self.paths) > 1 else 'The'} file becomes a clip of “{self.given}”{where}."
        each = [
            f"{Path(path).name} → {f'“{name}”' if name else 'no name'}"
            for path, name in zip(self.paths, self.names, strict=True)
        ]
        signs = counted(len({name for name in self.names if name}), "sign")
        in_all = f" ({signs} in all)" if len(each) > NAMES_SHOWN else ""
        words = f"Left empty: {first_names(each, 'file')}{in_all}."
        nameless = self.names.count("")
        if nameless:
            neither = "neither the file's name nor its folder's names a sign: type the sign's name above."
            words += " " + (
                neither.capitalize()
                if len(self.paths) == 1
                else f"For {counted(nameless, 'file')}, {neither}"
            )
        return words


def suggested_name(kind: str, paths: list[str]) -> str:
    """The sign's name the dialog fills in for the learner to check, for one .pose file or video chosen:
    the one it is a clip of left empty (:func:`sign_name_of_file`: its own name, its folder's in an export's
    layout, ``Bier/clip_497.pose``); "" for several files (each names its own sign) or a name that names no
    sign (the learner types one)."""
    return sign_name_of_file(paths[0]) if len(paths) == 1 and names_one_sign(kind) else ""


# Where the name in the sign's name field comes from, said after it (name_came_from)
FROM_THE_SIGN = "the sign you are adding clips to"
FROM_ITS_FOLDER = "its folder's name"
FROM_ITS_FILE_NAME = "the file's name"


def name_came_from(kind: str, paths: list[str], name: str, into: Sign | None = None) -> str:
    """Where the sign's ``name`` given for the files ``paths`` comes from, in words: the sign ``into`` the
    import was started from, the one file's folder or its own name; "" for a name typed."""
    folded = name.strip().casefold()
    if into is not None and folded == into.gloss.casefold():
        return FROM_THE_SIGN
    if len(paths) != 1 or not folded or not names_one_sign(kind):
        return ""
    if folded == name_in_file_name(paths[0]).casefold():
        return FROM_ITS_FILE_NAME
    return FROM_ITS_FOLDER if folded == Path(paths[0]).parent.name.strip().casefold() else ""


class SuggestedSign(NamedTuple):
    name: str
    language: str
    licence: str


def language_placeholder(
    names: SignNames, database: SignDatabase, noted: NotedSignDetails | None = None
) -> str:
    """What the import's empty language box says it means for the files chosen and their signs' names
    (``names``): where their language will really come from, as the import takes it (the language their
    folder notes, ``noted``, where .pose files are imported; else that of the sign of that name; else none,
    a new sign). It said "the language of the sign of that name" where no sign of that name was, the
    language then taken from the folder's notes. A sign folder's signs, or a table's, are not known yet."""
    if names.kind == FOLDER:
        return FOLDER_LANGUAGE_PLACEHOLDER
    named = [
        (Path(path), name)
        for path, name in zip(names.paths, names.names or [names.given] * len(names.paths), strict=True)
        if name
    ]
    if names.kind not in UNNAMED_SIGN or not named:
        return LANGUAGE_PLACEHOLDER
    notes = noted if names.kind == POSE_FILES else None  # a video's folder's are not read
    comes_from = {
        _empty_language_of(name, notes.of(path.parent) if notes is not None else SignDetails(), database)
        for path, name in named
    }
    if len(comes_from) > 1:
        return EACH_SIGNS_LANGUAGE
    ((where, language),) = comes_from
    glosses = list(dict.fromkeys(name for _path, name in named))
    one = f"“{glosses[0]}”" if len(glosses) == 1 else ""
    if where == NOTED:
        return f"empty: {language}, as the sign's folder notes"
    if where == NEW:
        return f"empty: {NO_LANGUAGE}, as {f'{one} is a new sign' if one else 'the signs are new'}"
    if where == SHARED:
        return f"empty: signs in several languages are named {one or 'so'}: choose one"
    signs = one or "the signs of those names"
    if not language:
        return f"empty: {NO_LANGUAGE}, as {signs} {'has' if one else 'have'} none"
    return f"empty: {language}, the language of {signs}"


NOTED, SIGN, NEW, SHARED = "noted", "sign", "new", "shared"  # where an empty language comes from


def _empty_language_of(gloss: str, noted: SignDetails, database: SignDatabase) -> tuple[str, str]:
    """Where the language of a clip of ``gloss`` with its folder's ``noted`` details comes from, imported with
    the language left empty (:func:`signcore.ingest.import_each`), and that language: its folder's notes,
    else the one sign of that name, else none (a new sign); SHARED where several signs have that name."""
    if noted.language:
        return NOTED, noted.language
    try:
        sign_id = database.sign_for_clip(gloss, None)
    except SharedNameError:
        return SHARED, ""
    except ValueError:  # no name: the dialog says so beside the names
        return NEW, ""
    return (NEW, "") if sign_id is None else (SIGN, database.sign(sign_id).language)


def suggested_sign(
    kind: str, paths: list[str], selected: Sign | None, database: SignDatabase, typed_name: str = ""
) -> SuggestedSign:
    """The sign's name, language and licence the dialog fills in: those of the sign ``selected``, the one the
    learner started the import from (the Library's "Import clips…" beside its clips; the Library's Import…
    gives none: with "Winken" selected, a Bier clip went into Winken unnoticed), where the import names one
    sign (a teacher adding clips to the sign they work on retyped its name every time; the language too, or
    a name several languages share is refused; the licence its clips share), its language "no language" for
    one without; else :func:`suggested_name`, the rest left empty.
    ``typed_name``: a name the learner typed; another sign's takes nothing of the selected sign's (a video
    of one's own, named anew with a DGS sign selected, was imported as DGS under the DGS data's licence)."""
    if selected is not None and names_one_sign(kind):
        if typed_name.strip() and typed_name.strip().casefold() != selected.gloss.casefold():
            return SuggestedSign(selected.gloss, "", "")
        licence = shared_licence(database.clips(selected.id))
        return SuggestedSign(selected.gloss, selected.language or NO_LANGUAGE, licence)
    return SuggestedSign(suggested_name(kind, paths), "", "")


# The kinds whose files are checked when chosen: which files
CHECKED_FILES = {
    VIDEOS: "the videos chosen",
    POSE_FILES: "the .pose files chosen",
    FOLDER: "the files in the folder chosen",
    SPOTER_CSV: "the tables chosen",
}


def checks_files(kind: str, paths: list[str]) -> bool:
    """Whether choosing ``paths`` for an import of ``kind`` has files to check
    (:func:`without_unreadable_files`)."""
    return kind in CHECKED_FILES and bool(paths)


def checking_words(kind: str, done: int, total: int | None) -> str:
    """What the import dialog says while the files chosen are checked (``total`` None: not counted yet)."""
    counted_so_far = "" if total is None else f": {done} of {total}"
    return f"Checking {CHECKED_FILES[kind]}{counted_so_far}…"


def words_as_checking_starts(kind: str, paths: list[str]) -> str:
    """What the import dialog says as the check of ``paths`` starts: the files chosen are counted, a sign
    folder's .pose files not yet (the check finds them)."""
    return checking_words(kind, 0, None if kind == FOLDER else len(paths))


# What the check of a chosen file read of it: a .pose file's clip, a table's clips, nothing of a video
ReadOfAFile = PoseSequence | list[LabeledClip] | None


@dataclass
class CheckedFiles:
    """The files chosen that can be imported (``paths``), why each of the others cannot (``problems``, each
    naming its file; a sign folder's: why each of its files cannot, said when it is chosen), the
    .pose files among them that hold a signer on their side or upside down, with the clockwise quarter turns
    that bring the head up (``sideways``, :func:`desktop_app.core.signing.upright.quarter_turns_to_upright`),
    and what was read of the .pose files and a sign folder's one-clip tables (``poses``, by path) and of the
    tables of clips (``table_clips``, by path): kept for the import, which read each file again (a clip of
    100 frames holds 0.1 MB of points: a few hundred, some tens of MB); and the sign's details the folders
    of the .pose files chosen note (``noted``), for the import and the empty language's words.
    A sign folder chosen: its files and signs' details (``folder``), the digest of the landmarks of each of
    its .pose files and one-clip tables (``digests``, :func:`signcore.posecodec.pose_digest`), of each of its
    .pose files on their side as turned upright (``upright_digests``), and its tables of clips (``tables``),
    for what the import will do (:mod:`desktop_app.core.importing.folder_preview`: worked out at each letter
    typed, so nothing there reads or hashes a file); its files and details for the import itself. ``stamps``:
    each file's size and time modified as the check found it, before reading it: what was read of a file
    unchanged since holds (the import, the folder's check again at Import), one changed is read again.
    ``unreadable_videos``: a sign folder's videos that cannot be read, with why (opened as a chosen video
    is: a text file named .mp4 was counted as a clip and refused only after the import); ``video_digests``:
    the digest of each of the others' bytes, by path, by which the preview finds one already another sign's
    clip (the import skipped it, said only after)."""

    paths: list[str]
    problems: list[str] = field(default_factory=list)
    sideways: dict[str, int] = field(default_factory=dict)
    poses: dict[str, PoseSequence] = field(default_factory=dict)
    table_clips: dict[str, list[LabeledClip]] = field(default_factory=dict)
    noted: NotedSignDetails = field(default_factory=NotedSignDetails)
    folder: SignFolderContents | None = None
    digests: dict[str, str] = field(default_factory=dict)
    upright_digests: dict[str, str] = field(default_factory=dict)
    tables: set[str] = field(default_factory=set)
    stamps: dict[str, FileAsItIs] = field(default_factory=dict)
    unreadable_videos: dict[str, str] = field(default_factory=dict)
    video_digests: dict[str, str] = field(default_factory=dict)

    def read_unchanged(self, path: str) -> PoseSequence | None:
        """The clip of the .pose file or one-clip table ``path`` as the check read it, while the file is
        unchanged since."""
        pose = self.poses.get(path)
        return pose if pose is not None and file_as_it_is(path) == self.stamps.get(path) else None

    def table_unchanged(self, path: str) -> list[LabeledClip] | None:
        """The clips of the table ``path`` as the check read them, while the file is unchanged since."""
        clips = self.table_clips.get(path)
        return clips if clips is not None and file_as_it_is(path) == self.stamps.get(path) else None

    def read_of(self, path: str) -> ReadOfAFile:
        """What the check read of the file ``path``: its clip, or a table's clips (None: nothing kept)."""
        return self.poses[path] if path in self.poses else self.table_clips.get(path)

    def found_alike(self, path: str, stamp: FileAsItIs | None) -> bool:
        """Whether the check found the file ``path`` as ``stamp`` says it is now: what it read of it holds."""
        return stamp is not None and self.stamps.get(path) == stamp


def _check_chosen_file(kind: str, path: str) -> tuple[str, ReadOfAFile]:
    """Why a chosen video, .pose file or table of clips cannot be imported ("" when it can), as far as
    opening it tells; and what was read of it: a .pose file's clip, a table's clips (None for a video). Each
    is read whole once, as its import reads it: reading it says every problem its header or body has
    (:func:`read_pose`; a text file named .csv was taken, and refused only after Import), and the import
    takes what was read (a table read again at Import was read twice). One whose name says it is of another
    kind is said so, and what to choose to import it (videos chosen as .pose files were "not a valid .pose
    file"), rather than taken as that kind: the kind chosen decides what the dialog asks of the files
    (whether the videos are selfies, the sign they are named for) and a choice may mix kinds."""
    other_kind = _KIND_OF_SUFFIX.get(Path(path).suffix.lower(), kind)
    if other_kind != kind:
        its, this_kind = _KIND_CALLED[other_kind], _KIND_CALLED[kind]
        return str(
            InputError(path, f"{its[0]}, not {this_kind[0]}: choose “{its[1]}” above to import it")
        ), None
    if kind == VIDEOS:
        return video_problem(path), None
    try:
        return "", read_spoter_csv(path) if kind == SPOTER_CSV else read_pose(path)
    except InputError as error:
        return str(error), None


def without_unreadable_files(
    kind: str, paths: list[str], control: JobControl | None = None, before: CheckedFiles | None = None
) -> CheckedFiles:
    """``paths`` without the chosen video or .pose files that cannot be read, and why each of those cannot:
    checked when they are chosen, before the selfie question is asked about them and the import reports
    them (an empty .pose file was refused only after Import, a video at once); and the .pose files whose
    signer lies on their side, chosen or in the sign folder chosen, asked about then. A background job with
    ``control`` (each file is opened: a folder of hundreds takes seconds). ``before``: the check of the same
    sign folder or files earlier, whose reads of the files unchanged since hold (not read again: the import
    checks them again, as they are then, :func:`as_the_folder_is_now`, :func:`as_the_files_are_now`)."""
    if not checks_files(kind, paths):
        return CheckedFiles(paths)
    if kind == FOLDER:
        # Its .pose files are read as chosen ones are; one that cannot be, the import names among the
        # folder's other files that cannot be used
        folder = sign_folder_contents(paths[0])
        pose_files = [str(path) for _sign, path in folder.files if path.suffix.lower() == ".pose"]
        csv_files = [str(path) for _sign, path in folder.files if path.suffix.lower() == ".csv"]
        videos = [str(path) for _sign, path in folder.files if path.suffix.lower() in VIDEO_SUFFIXES]
        of = len(pose_files) + len(csv_files) + len(videos)
        found = _checked_files(POSE_FILES, pose_files, control, checking=FOLDER, of=of, before=before)
        earlier = before or CheckedFiles([])  # no check before: every file read now
        tables = _tables_read(csv_files, control, len(pose_files), of, found, earlier)
        unreadable, video_digests = _videos_opened(videos, control, of - len(videos), of, found, earlier)
        # hashed here, not on the GUI thread: the preview counts the clips the library has already
        digests = _hashed(found.poses, lambda path: found.poses[path], found, earlier.digests, earlier)
        upright = _hashed(  # as the learner may ask: each preview looks it up
            found.sideways,
            lambda path: turned(found.poses[path], found.sideways[path]),
            found,
            earlier.upright_digests,
            earlier,
        )
        return replace(
            found,
            paths=list(paths),
            # said as the folder is chosen, each file with why (once only by the summary after the import), by
            # its place in the folder: the folder's own place, said before each, took a line of its own
            problems=[
                problem.removeprefix(f"{readable(str(folder.root))}{os.sep}")
                for problem in (
                    *(f"{path}: {why}" for path, why in folder.failures),
                    *found.problems,
                    *unreadable.values(),
                )
            ],
            folder=folder,
            digests=digests,
            upright_digests=upright,
            tables=tables,
            unreadable_videos=unreadable,
            video_digests=video_digests,
        )
    found = _checked_files(kind, paths, control, checking=kind, before=before)
    if kind == POSE_FILES:  # read here, in the background, once a folder
        for path in found.paths:
            found.noted.of(Path(path).parent)
    return found


def _hashed(
    paths: Iterable[str],
    pose_of: Callable[[str], PoseSequence],
    found: CheckedFiles,
    hashed_before: dict[str, str],
    before: CheckedFiles,
) -> dict[str, str]:
    """The digest of the clip ``pose_of`` each of ``paths``, by path: as hashed before (``hashed_before``)
    for a file the check ``before`` found as it is now (``found``), else hashed now."""
    return {
        path: hashed_before[path]
        if path in hashed_before and before.found_alike(path, found.stamps.get(path))
        else pose_digest(pose_of(path))
        for path in paths
    }


def _in_turn(
    paths: list[str],
    control: JobControl | None,
    done: int,
    of: int,
    found: CheckedFiles,
    before: CheckedFiles,
) -> Iterator[tuple[str, bool]]:
    """Each of a sign folder's files ``paths`` as its check comes to it, the check's progress going on from
    ``done`` of ``of``, its size and time modified noted in ``found`` before it is read; with whether the
    check ``before`` found it alike (what that read of it holds)."""
    for number, path in enumerate(paths, start=done):
        if control is not None:
            control.progress(number, of, checking_words(FOLDER, number, of))
        stamp = file_as_it_is(path)
        if stamp is not None:
            found.stamps[path] = stamp
        yield path, before.found_alike(path, stamp)


def _tables_read(
    csv_files: list[str],
    control: JobControl | None,
    done: int,
    of: int,
    found: CheckedFiles,
    before: CheckedFiles,
) -> set[str]:
    """A sign folder's CSV files read as its import reads them: each one-clip table's clip kept in
    ``found.poses`` (hashed with the .pose files', taken by the import), the tables of one clip a row
    returned (their clips are counted as they are imported). One that cannot be read is neither, and why
    goes to ``found.problems``. The check's progress goes on from ``done`` of ``of``. Each one's size and
    time modified go to ``found`` too; one the check ``before`` found alike is taken as it found it."""
    tables = set()
    for path, alike in _in_turn(csv_files, control, done, of, found, before):
        if alike:
            if path in before.tables:
                tables.add(path)
            elif path in before.poses:
                found.poses[path] = before.poses[path]
            continue
        try:
            if table_kind(Path(path)) == SPOTER_TABLE:
                tables.add(path)
            else:
                found.poses[path] = read_dgs_csv(path)
        except InputError as error:
            found.problems.append(str(error))
    return tables


def _videos_opened(
    videos: list[str],
    control: JobControl | None,
    done: int,
    of: int,
    found: CheckedFiles,
    before: CheckedFiles,
) -> tuple[dict[str, str], dict[str, str]]:
    """Why each of a sign folder's ``videos`` that cannot be read cannot, by path, as a chosen video is
    opened (its header and first frame: its landmarks are tracked as it is imported); and the digest of each
    of the others (hashed here, in the background, and remembered: the import looks it up again). The check's
    progress goes on from ``done`` of ``of``; each one's size and time modified go to ``found`` (the import
    says which changed since); one the check ``before`` found alike is taken as it found it."""
    unreadable, digests = {}, {}
    for path, alike in _in_turn(videos, control, done, of, found, before):
        if alike:
            problem = before.unreadable_videos.get(path, "")
            digest = before.video_digests.get(path, "")
        else:  # what is no file, the import names
            problem = _check_chosen_file(VIDEOS, path)[0] if Path(path).is_file() else ""
            digest = "" if problem or not Path(path).is_file() else _video_digest(Path(path))
        if problem:
            unreadable[path] = problem
        elif digest:
            digests[path] = digest
    return unreadable, digests


def _checked_files(
    kind: str,
    paths: list[str],
    control: JobControl | None,
    checking: str,
    of: int | None = None,
    before: CheckedFiles | None = None,
) -> CheckedFiles:
    """:func:`without_unreadable_files` for the video or .pose files ``paths`` (``kind``), the check said to
    be of ``checking``'s files, ``of`` of them in all (else ``paths``); ``before``: the check of the
    same files earlier, as found then."""
    checked = CheckedFiles([])
    total = len(paths) if of is None else of
    for done, path in enumerate(paths):
        if control is not None:
            control.progress(done, total, checking_words(checking, done, total))
        stamp = file_as_it_is(path)  # before it is read: one written meanwhile is read again by the import
        if stamp is not None:
            checked.stamps[path] = stamp
        read: ReadOfAFile
        if before is not None and before.found_alike(path, stamp):
            # as read then; one that could not be read is not now either: the import names it
            problem, read = "", before.read_of(path)
        else:  # what is no file, the import names
            problem, read = _check_chosen_file(kind, path) if Path(path).is_file() else ("", None)
        if problem:
            checked.problems.append(problem)
            continue
        checked.paths.append(path)
        if isinstance(read, list):
            checked.table_clips[path] = read
        if not isinstance(read, PoseSequence):
            continue
        pose = checked.poses[path] = read
        turns = quarter_turns_to_upright(pose)
        if turns:
            checked.sideways[path] = turns
    return checked


def sideways_question(sideways: dict[str, int]) -> str:
    """What the import dialog asks about the .pose files ``sideways`` (:class:`CheckedFiles`); its answers
    are TURN_UPRIGHT and AS_THEY_ARE."""
    names = [Path(path).name for path in sideways]
    if len(names) == 1:
        which, lies = f"“{names[0]}” looks", "its side"
    else:
        which, lies = f"{first_names(names)} look", "their side"
    return (
        f"{which} filmed on {lies} or upside down: in most frames the head is beside or below the shoulders."
        " Turn the points so that the head is up?"
    )


TURN_UPRIGHT, AS_THEY_ARE = "Turn upright", "Import as filmed"


def videos_to_import(kind: str, checked: CheckedFiles, skipped: frozenset[Path] = frozenset()) -> list[Path]:
    """The videos an import of ``kind`` of the files ``checked`` holds, as far as the learner must say
    whether they are selfie recordings: the video files chosen, or the first video file of the sign folder
    chosen, as its check listed it (asked at each letter typed: the folder was walked again each time), of
    those its import tracks (not ``skipped``: the preview's
    :attr:`~desktop_app.core.importing.folder_preview.FolderPreview.skipped_videos`, which follow the form;
    asked about one of those, Import waited for the answer about a video it would not add).
    Files only: the dialog reads the first frame, and a pipe named like a video waits for a writer for ever
    (the import itself refuses it by name)."""
    if kind == VIDEOS:
        return [Path(path) for path in checked.paths if Path(path).is_file()]
    if kind == FOLDER and checked.folder is not None:
        files = (path for _sign, path in checked.folder.files)
        readable = (
            path for path in files if str(path) not in checked.unreadable_videos and path not in skipped
        )
        first = next(
            (path for path in readable if path.suffix.lower() in VIDEO_SUFFIXES and path.is_file()), None
        )
        return [first] if first is not None else []
    return []


def file_filter(kind: str) -> str:
    """The file chooser's filter for the files of ``kind`` (not for a sign folder)."""
    return FILE_FILTERS[kind] + ";;All files (*)"


def describe_paths(paths: list[str], refused: int = 0) -> str:
    """What was chosen, by the names the learner picked (where they are is :func:`paths_in_full`);
    ``refused``: how many files chosen cannot be imported (said why below): "Nothing chosen yet" above
    them said the learner's choice was lost."""
    if not paths and refused:
        return (
            f"{counted(refused, 'file')} chosen: "
            + ("it cannot" if refused == 1 else "none can")
            + " be imported"
        )
    if not paths:
        return NOTHING_CHOSEN
    return first_names([Path(path).name or path for path in paths])  # a drive or "/" has no name


def first_names(names: list[str], noun: str = "") -> str:
    """ "a, b and c"; beyond NAMES_SHOWN, the first ones and how many more: "a, b, c and 2 more" (and with
    ``noun`` "sign": "… and 2 more signs")."""
    if len(names) <= NAMES_SHOWN:
        return joined_with_and(names)
    rest = len(names) - NAMES_SHOWN
    return joined_with_and([*names[:NAMES_SHOWN], counted(rest, f"more {noun}") if noun else f"{rest} more"])


def cannot_be_imported(problems: list[str]) -> str:
    """What the import dialog says, as the files are chosen, of those that cannot be imported: each with why
    (``problems``, :attr:`CheckedFiles.problems`), the first MAX_FAILURES_SHOWN, and how many more; "" for
    none."""
    if not problems:
        return ""
    more = len(problems) - MAX_FAILURES_SHOWN
    return "\n".join(
        ["Cannot be imported:", *problems[:MAX_FAILURES_SHOWN], *([f"and {more} more."] if more > 0 else [])]
    )


def paths_in_full(paths: list[str]) -> str:
    """Where the chosen files are, one a line (the chosen names' tooltip)."""
    return "\n".join(paths[:MAX_FAILURES_SHOWN]) + ("\n…" if len(paths) > MAX_FAILURES_SHOWN else "")


@dataclass
class ImportRequest:
    """What the learner asked to import. ``gloss`` (pose files and videos): None = each file's own
    (:func:`sign_name_of_file`). ``turns``: .pose files to turn upright, by their clockwise quarter turns.
    ``checked``: the files chosen as their check found them (:class:`CheckedFiles`): the .pose files' clips
    as read then (a file not among them, or changed since, is read when imported), the sign's details their
    folders note (each folder's read once), a sign folder's files and details."""

    kind: str
    paths: list[str]
    language: str = ""
    licence: str = ""
    gloss: str | None = None
    selfie_videos: bool = False
    turns: dict[str, int] = field(default_factory=dict)
    checked: CheckedFiles = field(default_factory=lambda: CheckedFiles([]), compare=False)  # what was read

    def sign_name(self, path: str | Path) -> str:
        """The sign the file ``path`` is imported as a clip of: the name typed, else the one its exported
        folder notes ("hallo (ASL)" beside "hallo (DGS)" is "hallo"), else its folder's or its own."""
        noted = self.checked.noted.of(Path(path).parent).gloss if self.kind == POSE_FILES else ""
        return self.gloss or noted or sign_name_of_file(str(path))

    def pose_file_clip(self, path: str) -> LabeledClip:
        """The clip the .pose file ``path`` is imported as: named, and read by :meth:`pose_file`."""
        return pose_file_clip(self.sign_name(path), Path(path), self.checked.noted, self.pose_file)

    def table_clips(self, path: str) -> list[LabeledClip]:
        """The clips the table of clips ``path`` is imported as: as the check of the files chosen read them
        (else, or changed since, read now)."""
        clips = self.checked.table_unchanged(path)
        return read_spoter_csv(path) if clips is None else clips

    def pose_file(self, path: str | Path) -> PoseSequence:
        """What every .pose file is imported as, chosen or in a sign folder: as the check of the files chosen
        read it (else, or changed since, read now), turned upright when asked."""
        path = str(path)
        pose = self.checked.read_unchanged(path)
        return turned(read_pose(path) if pose is None else pose, self.turns.get(path, 0))

    def table_read_before(self, path: Path) -> PoseSequence | None:
        """The clip of a sign folder's one-clip table as the check of the folder read it, while the file is
        unchanged since (:data:`signcore.signfolder.TableReadBefore`): else the import reads it."""
        return self.checked.read_unchanged(str(path))

    @classmethod
    def from_form(
        cls,
        kind: str,
        paths: list[str],
        language: str,
        licence: str,
        gloss: str,
        selfie_videos: bool,
        turns: dict[str, int] | None = None,
        checked: CheckedFiles | None = None,
    ) -> ImportRequest:
        """The request as the dialog's fields give it: text trimmed, the gloss kept only where the kind
        names one sign and it is not blank; ``turns``: the files the learner chose to turn upright;
        ``checked``: the files chosen, as their check found them."""
        named = gloss.strip() if names_one_sign(kind) else ""
        fields = (language.strip(), licence.strip(), named or None, selfie_videos, dict(turns or {}))
        return cls(kind, list(paths), *fields, checked or CheckedFiles(list(paths)))


@dataclass(frozen=True)
class PendingClip:
    """A clip waiting for the learner's review before it is imported: a piece of a long video, or a whole
    file (``whole``) held back as it looks unlike the other clips of the sign it joins (``unlike``, which a
    piece may look too: :mod:`desktop_app.core.judging.clip_check`). One that looks unlike is imported only
    when the learner ticks it."""

    gloss: str
    clip: VideoClip
    source: str
    unlike: UnlikeClip | None = None
    whole: bool = False
    # A whole clip's own, as it was read: imported after the review as it would have been (a DGS folder's
    # CSV names its language: without it the clip joined the sign of its name in any language)
    signer: str | None = None
    language: str | None = None
    noted: SignDetails = SignDetails()
    # What the summary says once it is imported: the video's clip of the other selfie answer is still there
    # (other_answer_kept). Said only of a clip the learner keeps: one left unticked is beside nothing.
    note: str = ""

    @classmethod
    def held_back(cls, clip: LabeledClip, unlike: UnlikeClip) -> PendingClip:
        """The whole of ``clip``, held back as it looks ``unlike`` its sign's other clips."""
        pose = clip.pose
        span = VideoClip(pose, float(pose.timestamps[0]), float(pose.timestamps[-1]))
        return cls(clip.gloss, span, str(clip.source), unlike, True, clip.signer, clip.language, clip.noted)

    @property
    def where(self) -> str:
        return f"{self.clip.start_s:.1f}-{self.clip.end_s:.1f} s"

    @staticmethod
    def is_piece_of(source: str, video: Path) -> bool:
        """Whether a clip's ``source`` says it is a piece cut from ``video`` (:meth:`labelled`)."""
        where = source.removeprefix(f"{video} ")
        return where != source and PIECE_WHERE.fullmatch(where) is not None

    def describe(self) -> str:
        """The clip for the review list: its sign, which file (and where in it a piece was), and whether it
        looks unlike its sign's other clips."""
        described = f"{self.gloss} · {Path(self.source).name}" + ("" if self.whole else f" at {self.where}")
        # Marked first too: a narrow list cuts the end of its rows
        return described if self.unlike is None else f"⚠ {described} · {LOOKS_UNLIKE}"

    def labelled(self) -> LabeledClip:
        """The clip as it is imported once ticked: one that looks unlike keeps why (the library says it)."""
        return LabeledClip(
            self.gloss,
            self.clip.pose,
            self.source if self.whole else f"{self.source} {self.where}",
            self.signer,
            self.language,
            None if self.unlike is None else self.unlike.why,
            self.noted,
        )


LOOKS_UNLIKE = "looks unlike its sign's other clips"  # a clip's mark in the review list
PIECE_WHERE = re.compile(r"\d+\.\d-\d+\.\d s")  # where in its video a piece was (PendingClip.where)


def all_cut(pending: list[PendingClip]) -> bool:
    """Every clip held back is a piece cut from a long video: none is a whole file held back as it looks
    unlike its sign (the review's title and a cancelled review's words say so)."""
    return not any(piece.whole for piece in pending)


def review_intro(pending: list[PendingClip]) -> str:
    """What the review of the clips held back asks of the learner: to untick the pieces cut from long
    videos that are not a whole sign, and to tick those that look unlike their sign's other clips only if
    they mean them."""
    cut = sum(not piece.whole for piece in pending)
    unlike = sum(piece.unlike is not None for piece in pending)
    words = []
    if cut:
        words.append(
            f"{counted(cut, 'clip was', 'clips were')} cut where the hands went down."
            " Untick the ones that are not a whole sign."
        )
    if unlike:
        its, it_is = ("its", "it is") if unlike == 1 else ("their", "they are")
        words.append(
            f"{counted(unlike, 'clip looks', 'clips look')} unlike the other clips of {its} sign, so {it_is}"
            " not ticked: tick one only if the sign is made that way on purpose."
        )
    return " ".join([*words, "Then import the ticked clips."])


def import_job(
    database: SignDatabase,
    request: ImportRequest,
    review: list[PendingClip] | None = None,
    check: ClipCheck | None = None,
) -> Job:
    """The job importing ``request`` into ``database``; returns the :class:`ImportReport`. Pieces of long
    videos, and with ``check`` clips that look unlike their sign's other clips, go to ``review`` (see
    :func:`run_import`)."""

    def job(control: JobControl) -> ImportReport:
        return run_import(database, request, control.report, lambda: control.cancel_requested, review, check)

    return job


def run_import(
    database: SignDatabase,
    request: ImportRequest,
    progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
    review: list[PendingClip] | None = None,
    check: ClipCheck | None = None,
) -> ImportReport:
    """Import ``request`` into ``database`` (Qt-free: runs in a worker thread); one report for all paths.

    Long videos are cut into clips that are appended to ``review`` rather than imported (imported at once
    without ``review``). With ``check``, any clip (a .pose file, a video, a sign folder's or a CSV's clip)
    that would join a sign with clips of other signers and looks unlike them
    (:mod:`desktop_app.core.judging.clip_check`) is appended to ``review`` too, and a piece of a long video
    that looks unlike them is marked so."""
    hold = None if check is None or review is None else _held_for_review(check, review)
    changed = ""
    if request.kind in (POSE_FILES, VIDEOS, SPOTER_CSV):
        try:  # the files changed since Choose… are read again, as a sign folder's are (shown, cancellable)
            checking = progress_share(progress, 0, CHECK_SHARE)
            request, changed = as_the_files_are_now(request, CallbackControl(checking, cancel))
        except JobCancelled:
            return ImportReport(cancelled=True)
        progress = progress_share(progress, CHECK_SHARE, 1)
    if request.kind == POSE_FILES:  # one pass: one progress bar over all the files (it went 0-1 for each)
        imported = import_each(
            database,
            request.paths,
            request.pose_file_clip,
            request.language,
            request.licence,
            progress,
            cancel,
            hold,
            too_short_clip,
        )
        # A folder's details that cannot be used are said once, first, as a sign folder's import says them
        imported.failures[:0] = [f"{path}: {why}" for path, why in request.checked.noted.failures]
    else:
        imported = _import_each_path(database, request, progress, cancel, review, check, hold)
    imported.notes[:0] = [changed] if changed else []
    return imported


def _import_each_path(
    database: SignDatabase,
    request: ImportRequest,
    progress: ProgressCallback | None,
    cancel: CancelCallback | None,
    review: list[PendingClip] | None,
    check: ClipCheck | None,
    hold: Hold | None,
) -> ImportReport:
    """:func:`run_import` of the paths of ``request`` (videos, sign folders, tables of clips) one by one."""
    total = ImportReport()
    for number, path in enumerate(request.paths, start=1):
        if cancel is not None and cancel():
            total.cancelled = True
            break
        # The file's name before what is done with it: one video alone said only "finding the signer in
        # frame 16 of 58", not in which file.
        of_several = f" ({number} of {len(request.paths)})" if len(request.paths) > 1 else ""
        prefix = f"{Path(path).name}{of_several}: "

        # Each path its share of the bar: each counts from 0 again
        path_share = progress_share(progress, (number - 1) / len(request.paths), number / len(request.paths))

        def report(
            done: int,
            count: int,
            message: str,
            prefix: str = prefix,
            share: ProgressCallback | None = path_share,
        ) -> None:
            if share is not None:
                share(done, count, prefix + message if message else message)

        try:
            part = _import_one_path(database, request, path, report, cancel, review, check, hold)
        except DatabaseError:  # the database itself failed (disk full, ...): stop; what is in stays
            raise
        except InputError as error:  # this path is unusable: say so and go on with the others
            total.failures.append(str(error))
            continue
        total.include(part)
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
    check: ClipCheck | None,
    hold: Hold | None,
) -> ImportReport:
    language, licence = request.language, request.licence
    if request.kind == FOLDER:
        try:  # the files changed since Choose… are read again: seconds for many, so shown and cancellable
            checking = progress_share(report, 0, CHECK_SHARE)
            now, changed = as_the_folder_is_now(request, path, CallbackControl(checking, cancel))
        except JobCancelled:
            return ImportReport(cancelled=True)
        imported = import_sign_folder(
            database,
            path,
            language=language,
            licence=licence,
            progress=progress_share(report, CHECK_SHARE, 1),
            cancel=cancel,
            mirrored_videos=request.selfie_videos,
            read_pose_file=now.pose_file,
            hold=hold,
            refuse=too_short_clip,
            contents=now.checked.folder,
            video_there=_videos_there_of_folder(database, now),
            table_read_before=now.table_read_before,
        )
        imported.notes[:0] = [changed] if changed else []
        return imported
    if request.kind == SPOTER_CSV:
        clips = request.table_clips(path)
        return import_clips(database, clips, language, licence, report, cancel, hold, too_short_clip)
    if request.kind == VIDEOS:
        return _import_video(database, request, Path(path), report, cancel, review, check, hold)
    raise ValueError(f"unknown import kind {request.kind!r}")


def as_the_files_are_now(
    request: ImportRequest, control: JobControl | None = None
) -> tuple[ImportRequest, str]:
    """The import of the .pose files, videos or tables of clips chosen as ``request`` asks it, for the
    files as they are as the import starts, and which changed since they were chosen, in words ("" when none
    did), as :func:`as_the_folder_is_now` does for a sign folder: a .pose file written again between
    Choose… and Import was turned as the learner chose for the file before (one now upright was turned onto
    its side, one now on its side came in as filmed, unsaid), with its folder's details as they were read
    then. Only the files changed since are read again
    (reported to and stopped by ``control``); those of them on their side are turned upright as the learner
    chose for the others. The paths chosen stay: one that cannot be read now, the import names."""
    before = request.checked
    if not before.stamps:  # not checked when chosen: the import reads each file itself
        return request, ""
    now = without_unreadable_files(request.kind, request.paths, control, before=before)
    turns = dict(now.sideways) if request.turns else {}
    return replace(request, turns=turns, checked=now), _files_changed_since(before, now, request)


def _files_changed_since(before: CheckedFiles, now: CheckedFiles, request: ImportRequest) -> str:
    """What changed among the files ``request`` chose between their check ``before`` and their check
    ``now``, in words for the import's summary ("" when nothing did): the files written again (the same
    clip written again is not), the sign's details their folders note, and a file written again on its side
    where the learner was not asked about files on their side."""
    changed = [
        path
        for path in request.paths
        if path in now.stamps
        and before.stamps.get(path) != now.stamps[path]
        and not _same_read(before.read_of(path), now.read_of(path))
    ]
    folders = dict.fromkeys(Path(path).parent for path in request.paths) if request.kind == POSE_FILES else {}
    details = [
        (Path(folder.name) / SIGN_DETAILS_FILE).as_posix()
        for folder in folders
        if before.noted.of(folder) != now.noted.of(folder)
    ]
    said = []
    if changed:
        names = first_names([Path(path).name for path in changed])
        if len(changed) == 1:
            said.append(f"{names} changed after you chose it, so it was imported as it is now.")
        else:
            said.append(f"{names} changed after you chose them, so they were imported as they are now.")
        on_its_side = [] if before.sideways else [path for path in changed if path in now.sideways]
        if on_its_side:
            said.append(_came_in_as_filmed([Path(path).name for path in on_its_side]))
    if details:
        said.append(
            f"The sign's details in {first_names(details)} changed after you chose the files: the clips"
            " came in with them as they are now."
        )
    return " ".join(said)


def _same_read(before: ReadOfAFile, now: ReadOfAFile) -> bool:
    """Whether two reads of a file (:data:`ReadOfAFile`) hold the same clip, or the same clips by name."""
    if isinstance(before, PoseSequence) and isinstance(now, PoseSequence):
        return before.equals(now)
    if isinstance(before, list) and isinstance(now, list):
        return len(before) == len(now) and all(
            (one.gloss, one.source) == (other.gloss, other.source) and one.pose.equals(other.pose)
            for one, other in zip(before, now, strict=True)
        )
    return False


def _came_in_as_filmed(names: list[str]) -> str:
    """What the summary says of the files ``names`` found on their side as the import started, where the
    learner was not asked about files on their side: they came in as filmed."""
    looks = "looks filmed on its side" if len(names) == 1 else "look filmed on their side"
    return f"{first_names(names)} {looks}, and came in as filmed: you were not asked about it."


def as_the_folder_is_now(
    request: ImportRequest, folder: str, control: JobControl | None = None
) -> tuple[ImportRequest, str]:
    """The import of the sign folder ``folder`` as ``request`` asks it, for the folder as it is as the import
    starts, and what changed in it since its check said what the import would do
    (:mod:`desktop_app.core.importing.folder_preview`), in words ("" when nothing did): a file added, removed
    or edited, or a sign's details edited, between Choose… and Import went unseen (a file removed failed
    late). Only the files changed since are read again (reported to and stopped by ``control``); those of
    them on their side are turned upright as the learner chose for the folder's others."""
    before = request.checked
    if before.folder is None:  # not checked when chosen: the import lists and reads it itself
        return request, ""
    now = without_unreadable_files(FOLDER, [folder], control, before=before)
    turns = dict(now.sideways) if request.turns else {}
    return replace(request, turns=turns, checked=now), _folder_changed_since(before, now)


def _folder_changed_since(before: CheckedFiles, now: CheckedFiles) -> str:
    """What changed in a sign folder between its check ``before`` and its check ``now``, in words for the
    import's summary ("" when nothing did): its files added, edited (the same clip written again is not) or
    removed, its signs' details edited, and a file added or edited on its side, which came in as filmed
    where the learner was not asked about files on their side (else as they answered for the others), and
    likewise a video, which came in as not a selfie recording where the learner was not asked about videos."""
    if before.folder is None or now.folder is None:
        return ""
    root = now.folder.root
    was = dict.fromkeys(str(path) for _sign, path in before.folder.files)  # in order, looked up at once
    found = dict.fromkeys(str(path) for _sign, path in now.folder.files)
    added = [path for path in found if path not in was]
    edited = [
        path
        for path in found
        if path in was
        and before.stamps.get(path) != now.stamps.get(path)
        and (path not in now.digests or before.digests.get(path) != now.digests[path])
    ]
    removed = [path for path in was if path not in found]
    signs_before = dict(before.folder.files)
    details = [
        f"{sign}/{SIGN_DETAILS_FILE}"
        for sign in dict(now.folder.files)
        if sign in signs_before and before.folder.details(sign) != now.folder.details(sign)
    ]

    def named(paths: list[str]) -> str:
        return first_names([Path(path).relative_to(root).as_posix() for path in paths])

    said = [
        f"{counted(len(paths), 'file')} {what} ({named(paths)})"
        for paths, what in ((added, "added"), (edited, "changed"), (removed, "removed"))
        if paths
    ]
    if details:
        said.append(f"the sign's details in {first_names(details)} changed")
    if not said:
        return ""
    words = f"The folder changed after you chose it, so it was imported as it is now: {'; '.join(said)}."
    on_its_side = [] if before.sideways else [path for path in [*added, *edited] if path in now.sideways]
    if on_its_side:
        words += " " + _came_in_as_filmed([Path(path).relative_to(root).as_posix() for path in on_its_side])

    # The selfie question is asked only when the check found a video that can be read (the dialog asks
    # about the first); else those added since came in as not selfie recordings, unasked
    def readable_videos(checked: CheckedFiles, paths: list[str]) -> list[str]:
        videos = (path for path in paths if Path(path).suffix.lower() in VIDEO_SUFFIXES)
        return [path for path in videos if path not in checked.unreadable_videos]

    asked = readable_videos(before, [str(path) for _sign, path in before.folder.files])
    videos_unasked = [] if asked else readable_videos(now, [*added, *edited])
    if videos_unasked:
        words += (
            f" {named(videos_unasked)} came in as filmed by a camera facing the signer"
            " (not a selfie recording): you were not asked about it."
        )
    return words


def _import_video(
    database: SignDatabase,
    request: ImportRequest,
    path: Path,
    report: ProgressCallback,
    cancel: CancelCallback | None,
    review: list[PendingClip] | None,
    check: ClipCheck | None,
    hold: Hold | None,
) -> ImportReport:
    gloss, selfie = request.sign_name(path), request.selfie_videos
    language = joined_language(None, request.language)
    there = _already_there(database, gloss, language, path, selfie)  # said at once, not after tracking it
    if there is not None:
        return there
    # Looked up once: the video's clips already there, and its pieces compared with the sign's other clips
    sign_id = sign_joined(database, gloss, language)
    pose = read_video(path, mirrored=selfie, progress=report, cancel=cancel)
    if pose is None:
        return ImportReport(cancelled=True)
    # A clip of this video tracked before digests were kept, its video moved or written again since, is
    # known only now, by its landmarks: it learns the digest, and the video is looked up again
    if database.learn_video_digest_by_landmarks(pose):
        there = _already_there(database, gloss, language, path, selfie)
        if there is not None:
            return there
    cut = needs_splitting(pose)
    other_answer = (not selfie) in _answers_before(database, sign_id, path, pieces=True)
    sign = database.sign(sign_id) if other_answer and sign_id is not None else None
    note = "" if sign is None else other_answer_kept(path, (sign.gloss, sign.language), selfie, pieces=cut)
    held_before = len(review) if review is not None else 0
    if not cut:
        clip = LabeledClip(gloss, pose, str(path))
        imported = import_clips(
            database,
            [clip],
            language=request.language,
            licence=request.licence,
            hold=hold,
            refuse=too_short_clip,
        )
    else:
        pieces, too_short = _long_enough(
            [PendingClip(gloss, piece, str(path)) for piece in split_at_pauses(pose, str(path))]
        )
        if review is not None:
            review.extend(_marked_unlike(sign_id, pieces, check))
            imported = ImportReport(failures=too_short)
        else:
            imported = import_clips(
                database, [p.labelled() for p in pieces], language=request.language, licence=request.licence
            )
            imported.failures[:0] = too_short
    if note and imported.added:
        imported.notes.append(note)
    if note and review is not None:  # held back (pieces, or a clip unlike its sign's): said once kept
        review[held_before:] = [replace(held, note=note) for held in review[held_before:]]
    return imported


def _long_enough(pieces: list[PendingClip]) -> tuple[list[PendingClip], list[str]]:
    """The pieces of a long video that are long enough to be a sign, and each other one named with why
    (:func:`too_short_clip`, the rule of every import): cut where the hands are up for 0.4 s, a piece can
    hold less signing than that rule's. One refused is not offered for the review either, as a whole file
    refused is not (``refuse`` is asked before ``hold``), so what the review imports has passed it."""
    kept, refused = [], []
    for piece in pieces:
        why = too_short_clip(piece.clip.pose)
        if why:
            refused.append(f"{piece.labelled().source}: {why}")
        else:
            kept.append(piece)
    return kept, refused


def _already_there(
    database: SignDatabase, gloss: str, language: str | None, path: Path, selfie: bool
) -> ImportReport | None:
    """The import of the video ``path`` as a clip of the sign ``gloss`` in ``language`` (as
    :func:`signcore.ingest.joined_language` gives it) read with the ``selfie`` answer, skipped where its
    clip is there already (None: it is not; it is tracked): in that sign (:func:`_answers_before`), or, of a
    video of these very bytes, in another sign, which the learner is told it was not added to
    (:func:`already_a_clip_of`). The rule of every video imported, one by one or in a sign folder (a sign
    folder's video already another sign's clip went in again, unsaid)."""
    sign_id = sign_joined(database, gloss, language)
    if sign_id is not None and selfie in _answers_before(database, sign_id, path):
        return ImportReport(skipped=1, already_in=[database.sign_name(database.sign(sign_id))])
    elsewhere, in_pieces = _sign_holding_this_video(database, sign_id, path)
    if not elsewhere:
        return None
    note = already_a_clip_of(path, elsewhere, _name_of_sign_joined(database, gloss, language), in_pieces)
    return ImportReport(skipped=1, already_in=[elsewhere], notes=[note])


def _videos_there_of_folder(database: SignDatabase, request: ImportRequest) -> VideoThere:
    """What a sign folder's import (``request``, as the folder is now) asks of each of its videos before it
    is tracked: its clip is there already (:func:`_already_there`), or a video of the same bytes earlier in
    the folder joins another sign: it is kept once, in that first sign, as a copy of another sign's clip in
    the library is (:func:`same_video_as`). One video copied into two signs' folders became a clip of both,
    unsaid: the two signs then had the same reference."""
    first_copies: dict[str, tuple[Path, str]] = {}  # by the digest of its bytes: the video, its sign

    def there(gloss: str, language: str | None, video: Path) -> ImportReport | None:
        found = _already_there(database, gloss, language, video, request.selfie_videos)
        if found is not None:
            return found
        digest = request.checked.video_digests.get(str(video)) or _video_digest(video)
        wanted = _name_of_sign_joined(database, gloss, language)
        first, sign = first_copies.setdefault(digest, (video, wanted)) if digest else (video, wanted)
        if sign == wanted:  # the first copy, or one in the same sign, which the import compares as before
            return None
        note = same_video_as(video, first, sign, wanted)
        return ImportReport(skipped=1, already_in=[sign], notes=[note])

    return there


def _name_of_sign_joined(database: SignDatabase, gloss: str, language: str | None) -> str:
    """The name, as lists say it, of the sign a clip named ``gloss`` in ``language`` joins (one it makes)."""
    sign_id = sign_joined(database, gloss, language)
    return sign_name(gloss, language or "") if sign_id is None else database.sign_name(database.sign(sign_id))


def _answers_before(
    database: SignDatabase, sign_id: int | None, path: Path, pieces: bool = False
) -> set[bool | None]:
    """The selfie answers the clips of this very video in the sign ``sign_id`` (the one the video's clip would
    join) were read with: the file unchanged since each was stored (each clip keeps the file it came from), or
    a clip tracked from a video of the same bytes wherever it lay (the database keeps the video's digest: its
    landmarks', :data:`signcore.layout.VIDEO_DIGEST`, or one learnt since; the same video in a sign folder
    imported before, or a copy, was tracked whole again). One read with the same answer is "already in the
    database", said at once: it was said only after the video's landmarks were tracked again, which takes
    about as long as the video. Only a clip of the whole file counts for that: a piece's source says where in
    the file it was (:meth:`PendingClip.labelled`), so a video of which the learner kept some pieces is cut
    again, each piece offered again. One changed since is tracked and its clips compared by their landmarks,
    as before. The other selfie answer makes another clip, the signer's hands swapped: a learner who answered
    wrong the first time imports it again to put that right, and was told it was already there
    (:func:`_selfie_answer`); the one of the first answer stays, and is said so (:func:`other_answer_kept`):
    with ``pieces``, the answers of the pieces cut from the video count too (a long video imported again with
    the other answer kept its first pieces unsaid)."""
    if sign_id is None:  # a new sign, or one the import refuses and says why, as before
        return set()
    return {answer for _, answer in _clips_of_this_video(database, database.clips(sign_id), path, pieces)}


def _clips_of_this_video(
    database: SignDatabase, clips: Iterable[ClipInfo], path: Path, pieces: bool = False
) -> Iterator[tuple[ClipInfo, bool | None]]:
    """Each of ``clips`` tracked from this very video (:func:`_answers_before`'s rule: the file unchanged
    since, or a whole clip of a video of the same bytes), with the selfie answer it was read with."""
    try:
        modified = path.stat().st_mtime
    except OSError:  # the import itself says why
        return
    of_these_bytes: set[int] | None = None
    for clip in clips:
        this_file = clip.source == str(path) or pieces and PendingClip.is_piece_of(clip.source, path)
        if this_file and clip.created_at > modified:
            yield clip, _selfie_answer(database, clip.id)
        elif Path(clip.source).suffix.lower() in VIDEO_SUFFIXES:  # a whole clip of another video file
            if of_these_bytes is None:  # hashed once, and only where a clip may be a copy
                digest = _video_digest(path)
                of_these_bytes = {each.id for each in database.clips_of_video(digest)} if digest else set()
            # By the digest the database keeps, learnt too where the clip's landmarks do not say it
            if clip.id in of_these_bytes:
                yield clip, _selfie_answer(database, clip.id)


def _sign_holding_this_video(database: SignDatabase, sign_id: int | None, path: Path) -> tuple[str, bool]:
    """The name of a sign other than ``sign_id`` that has a clip, or pieces, of a video of these very bytes
    (the digest its landmarks keep, looked up in one query: decoding every clip of the database took
    seconds a video), and whether they are pieces; ("", False) when none has. Imported under another
    sign's name, the same video went in again as a clip of that sign too, unsaid."""
    digest = _video_digest(path)
    if not digest:
        return "", False
    _learn_digests_of_videos_like(database, path)
    return sign_holding_video(database, sign_id, digest)


def sign_holding_video(database: SignDatabase, sign_id: int | None, digest: str) -> tuple[str, bool]:
    """The name of a sign other than ``sign_id`` with a clip, or pieces, of the video whose bytes' digest is
    ``digest`` (as the database knows it), and whether they are pieces; ("", False) when none has."""
    others = [clip for clip in database.clips_of_video(digest) if clip.sign_id != sign_id]
    if not others:
        return "", False
    pieces = Path(others[0].source).suffix.lower() not in VIDEO_SUFFIXES  # "<video> 1.0-3.0 s"
    return database.sign_name(database.sign(others[0].sign_id)), pieces


def _learn_digests_of_videos_like(database: SignDatabase, path: Path) -> None:
    """Give the clips tracked before their video's digest was kept (their landmarks do not say it, so
    :meth:`SignDatabase.clips_of_video` cannot find them) that digest, where it is known for sure: their
    source names a video file (whole, or the one a piece was cut from) that is still there, unchanged since
    the clip was stored (the rule of :func:`_clips_of_this_video`). Only the files of the same size as
    ``path`` are read: no other can hold its bytes, so the lookup of ``path`` after this is complete, and
    each file is read once (its digest is kept). Called on the import's worker thread, as a video is looked
    up: a folder of teachers' videos imported long ago and then again under other signs' names went in
    again, unsaid, as if new."""
    try:
        size = path.stat().st_size
    except OSError:  # the import says why
        return
    for clip_id, source, created_at in database.clips_of_unknown_video():
        video = _video_of_source(source)
        if video is None:
            continue
        try:
            status = video.stat()
        except OSError:  # gone, or out of reach now (a drive not plugged in): not known
            continue
        if (
            stat.S_ISREG(status.st_mode)  # a pipe named .mp4 would be read for ever
            and status.st_size == size
            and status.st_mtime < created_at
            and (digest := _video_digest(video))
        ):
            database.set_video_digest(clip_id, digest)


def _video_of_source(source: str) -> Path | None:
    """The video file a clip's ``source`` names: the whole video, or the one a piece was cut from
    (:meth:`PendingClip.labelled`); None for any other source (a recording, a .pose file, a file named
    relative to where its data set lay)."""
    piece = re.fullmatch(rf"(.+) {PIECE_WHERE.pattern}", source)
    video = Path(piece[1] if piece else source)
    return video if video.is_absolute() and video.suffix.lower() in VIDEO_SUFFIXES else None


def already_a_clip_of(video: Path, sign: str, wanted: str, pieces: bool = False, ahead: bool = False) -> str:
    """What an import of ``video`` as a clip of ``wanted`` says when the sign ``sign`` has a clip of it
    (``pieces``: clips cut from it); ``ahead``: said before the import (the preview of a sign folder), so
    that the learner can delete that clip first."""
    not_added = "it will not be added" if ahead else "it was not added"
    if pieces:
        return (
            f"Pieces of {video.name} are already clips of “{sign}”: {not_added} to"
            f" “{wanted}” too. To have it as “{wanted}” instead, delete those clips first."
        )
    return (
        f"{video.name} is already a clip of “{sign}”: {not_added} to “{wanted}” too."
        f" To have it as “{wanted}” instead, delete that clip first."
    )


def same_video_as(video: Path, first: Path, sign: str, wanted: str, ahead: bool = False) -> str:
    """What a sign folder's import says of its ``video`` as a clip of ``wanted`` when a video of the same
    bytes, ``first``, comes earlier in the folder as a clip of the sign ``sign``: it is kept once, there
    (``ahead``: said before the import, so that the learner can take ``first`` out of the folder first)."""
    near, first_near = (f"{path.parent.name}/{path.name}" for path in (video, first))
    if ahead:
        return (
            f"{near} is the same video as {first_near}, which goes to “{sign}”: it will not be added to"
            f" “{wanted}” too. To have it as “{wanted}” instead, take {first_near} out of the folder first."
        )
    return (
        f"{near} is the same video as {first_near}, imported into “{sign}”: it was not added to “{wanted}”"
        f" too. To have it as “{wanted}” instead, delete that clip, then import the video again as"
        f" “{wanted}”."
    )


def _video_digest(path: Path) -> str:
    """The digest of the video file's bytes, as its clip's landmarks keep it; "" when it cannot be read (the
    import says why)."""
    try:
        return sha256_of_file_as_it_is(path)
    except OSError:
        return ""


def other_answer_kept(video: Path, sign: tuple[str, str], selfie: bool, pieces: bool = False) -> str:
    """What an import of ``video`` into ``sign`` (name, language) read as a selfie recording or not
    (``selfie``) says of the clips of that video the sign already had, read with the other answer: they stay,
    and the learner is told how to remove the wrong ones (the summary said only "1 clip imported", and the
    sign then held both, the signer's hands swapped in one). ``pieces``: the video was cut into clips."""
    before = "as filmed by a camera facing the signer" if selfie else "as a selfie recording (mirrored)"
    if pieces:
        return (
            f"Clips of {video.name} were imported into {sign_name(*sign)} before, read {before}: they are"
            " still there, beside the new ones, which have the signer's hands the other way round and are the"
            " last of the sign's clips. Delete the ones that are wrong in the Library: choose each among the"
            " sign's clips, then Delete clip."
        )
    return (
        f"{video.name} was imported into {sign_name(*sign)} before, read {before}: that clip is still there,"
        " beside the new one, which has the signer's hands the other way round and is the last of the sign's"
        " clips. Delete the one that is wrong in the Library: choose it among the sign's clips, then Delete"
        " clip."
    )


def _selfie_answer(database: SignDatabase, clip_id: int) -> bool | None:
    """Whether the clip ``clip_id`` was tracked from its video as a selfie recording (un-mirrored), as its
    landmarks keep it (:func:`signcore.extract.extract_video`'s ``meta``); None: not said (not from a video,
    tracked before the answer was kept, or unreadable: the import then tracks the video and compares the
    landmarks)."""
    try:
        meta = database.clip_pose(clip_id).meta
    except InputError:
        return None
    answer = meta.get(VIDEO_MIRRORED)
    return answer if isinstance(answer, bool) else None


def _held_for_review(check: ClipCheck, review: list[PendingClip]) -> Hold:
    """What an import holds back for the learner's review (:data:`signcore.ingest.Hold`): a clip that looks
    unlike the other clips of the sign it joins, compared as the review shows it (as a reference)."""

    def hold(sign_id: int, clip: LabeledClip) -> bool:
        unlike = check.unlike(sign_id, clip.pose, reference=True)
        if unlike is not None:
            review.append(PendingClip.held_back(clip, unlike))
        return unlike is not None

    return hold


def _marked_unlike(
    sign_id: int | None, pieces: list[PendingClip], check: ClipCheck | None
) -> list[PendingClip]:
    """The pieces of a long video, each marked when it looks unlike the other clips of the sign it joins
    (``sign_id``; None: a new sign, which has none)."""
    if check is None or sign_id is None:
        return pieces
    return [replace(piece, unlike=check.unlike(sign_id, piece.clip.pose, reference=True)) for piece in pieces]


def _already_in(report: ImportReport) -> str:
    """Where the clips an import skipped already are: in which signs, where each one's is known."""
    if len(report.already_in) < report.skipped:
        return "already in your signs"
    return "already in " + first_names([f"“{name}”" for name in dict.fromkeys(report.already_in)], "sign")


def summarise(report: ImportReport) -> str:
    """The end of an import in words, with every unusable file named (up to a limit)."""
    lines = [
        ("Import cancelled. " if report.cancelled else "")
        + f"{counted(report.added, 'clip')} imported{_into(report.signs)}"
        + (f", {report.skipped} {_already_in(report)} (skipped)" if report.skipped else "")
        + ("; everything imported before the cancel is kept." if report.cancelled else ".")
    ]
    lines += [f"\n{note}" for note in report.notes]
    if report.tagged:
        lines.append("\n" + _tags_given(report.tagged))
    if report.warnings:
        lines.append(f"\n{len(report.warnings)} imported with a warning:")
        lines += _listed(report.warnings)
    if report.failures:
        lines.append(f"\n{len(report.failures)} could not be imported:")
        lines += _listed(report.failures)
    return "\n".join(lines)


def _tags_given(tagged: list[Tagged]) -> str:
    """The tags the clips came with, as the signs they joined were given them: "Tags that came with the
    clips: hallo (DGS) and du (DGS) now have “Week 3”; Tag (DGS) has “Week 3” besides its own." Signs
    given the same tags are said together."""
    by_tags: dict[tuple[tuple[str, ...], bool], list[str]] = {}
    for sign in tagged:
        by_tags.setdefault((sign.tags, sign.kept_its_own), []).append(sign_name(sign.gloss, sign.language))
    said = []
    for (tags, kept_its_own), names in by_tags.items():
        one = len(names) == 1
        has = ("now has" if one else "now have") + " " + joined_with_and([f"“{tag}”" for tag in tags])
        besides = f" besides {'its' if one else 'their'} own" if kept_its_own else ""
        said.append(f"{first_names(names, 'sign')} {has}{besides}")
    return f"Tags that came with the clips: {'; '.join(said)}."


def import_reviewed(
    database: SignDatabase, ticked: list[PendingClip], request: ImportRequest
) -> ImportReport:
    """Import the clips the learner ticked in the review of those held back (as ``request`` asked), each
    clip's note said once when a clip of it really went in (a clip already there, or refused, is beside
    nothing)."""
    report = ImportReport()
    for piece in ticked:  # one by one: which clip went in decides the notes
        part = import_clips(database, [piece.labelled()], language=request.language, licence=request.licence)
        if part.added and piece.note and piece.note not in report.notes:
            part.notes.append(piece.note)
        report.include(part)
    return report


def with_review(
    found: ImportReport, reviewed: ImportReport | None, pending: list[PendingClip]
) -> ImportReport:
    """One import of what the files gave (``found``) and what the learner's review of the clips held back
    (``pending``) then imported (``reviewed``; None: the review was cancelled, so none was)."""
    if reviewed is None:
        why = "cut from long videos" if all_cut(pending) else "held back for your review"
        held = f"the {counted(len(pending), 'clip')} {why}"
        return replace(found, failures=[*found.failures, f"{held}: the review was cancelled"])
    both = ImportReport(cancelled=found.cancelled)
    for part in (found, reviewed):
        both.include(part)
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
    return f" into {first_names(names, 'sign')}" if names else ""


def _listed(messages: list[str]) -> list[str]:
    """One bullet per message, up to MAX_FAILURES_SHOWN of them."""
    lines = [f"• {message}" for message in messages[:MAX_FAILURES_SHOWN]]
    if len(messages) > MAX_FAILURES_SHOWN:
        lines.append(f"… and {len(messages) - MAX_FAILURES_SHOWN} more.")
    return lines
