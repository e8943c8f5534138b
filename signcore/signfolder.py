"""Sign folders: ``DIR/<gloss>/<clip>.<ext>`` of .pose files, CSVs and videos (also deeper in ``<gloss>``).

Videos have their landmarks extracted with MediaPipe (loaded only when a folder really has videos) and cached
by content, so reading a folder again is instant; see :func:`load_sign_folder`.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import functools
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeGuard

from signcore import layout
from signcore.database import MAX_KEPT_DESPITE_CHARS, kept_despite_words
from signcore.errors import InputError, os_problem, read_problem, readable
from signcore.files import (
    require_file,
    sha256_of_file_as_it_is,
    write_bytes_atomically,
    write_text_atomically,
)
from signcore.formats.clip import LabeledClip, SignDetails
from signcore.formats.dgs import read_dgs_csv
from signcore.formats.posefile import read_pose, write_pose
from signcore.formats.spoter import is_spoter_header, read_spoter_csv
from signcore.layout import PoseSequence
from signcore.lessons import shown_tags
from signcore.paths import user_data_dir
from signcore.processes import run_in_processes

Cancel = Callable[[], bool]
# Asked of a sign folder's video before it is tracked (load_sign_folder): (the name of the sign its clip is
# of, the details its folder notes, the video) -> is its clip already there (left out, not tracked)?
KnownVideo = Callable[[str, SignDetails, Path], bool]
# The clip of a sign folder's one-clip (DGS) table as the caller read it already, None where it did not (or
# the file changed since): read by load_sign_folder then. The app's check of the folder reads every table
# (to say which clips the library has); the import read each again, as long as the check took.
TableReadBefore = Callable[[Path], "PoseSequence | None"]

# What OpenCV's FFmpeg reads; besides the usual, what sign dictionaries and older phones publish: animated
# GIFs (with their frame times), Flash and Windows Media video, 3GP (checked: written and read back with cv2).
VIDEO_SUFFIXES = (
    ".mp4", ".mov", ".avi", ".webm", ".mkv", ".m4v", ".mpg", ".mpeg", ".gif", ".flv", ".wmv", ".3gp"
)  # fmt: skip
CLIP_SUFFIXES = (".pose", ".csv", *VIDEO_SUFFIXES)
# Beside an exported clip_<n>.pose kept despite the app's warning: why, in the words the learner was warned
# with (ClipOrigin.kept_despite), so that the sign exported and imported again still says it. A .pose file
# holds landmarks only; a note of its own is read by any text editor, and by no other tool by mistake.
KEPT_DESPITE_SUFFIX = ".kept-despite.txt"


def kept_despite_file(pose_file: Path) -> Path:
    """Where the note of why the clip ``pose_file`` was kept despite a warning is written and read."""
    return pose_file.with_name(pose_file.stem + KEPT_DESPITE_SUFFIX)


def note_kept_despite(pose_file: Path, why: str | None) -> None:
    """Note beside the exported clip ``pose_file`` why it was kept despite a warning (atomically); ``why``
    None or "": no note, and none left there by an earlier export. A folder exported into again (another
    database's clip of that id, ids coming back after a purge) kept the note beside a clip not kept
    despite anything, and importing it marked that clip."""
    note = kept_despite_file(pose_file)
    if not why:
        try:
            note.unlink(missing_ok=True)
        except OSError as error:
            raise InputError(note, f"cannot remove it ({os_problem(error)})") from error
        return
    write_text_atomically(note, why)


def kept_despite_beside(pose_file: Path) -> str | None:
    """Why the clip ``pose_file`` was kept despite a warning, as noted beside it, on one line; None: no note
    (or one that cannot be read: the clip itself is still imported, as one without a note is). A
    device or pipe of that name is never read (require_file), and a long note only as far as a note goes:
    the file may come from anyone."""
    note = kept_despite_file(pose_file)
    if note.is_symlink():  # never written by an export: a shared folder's link could name a private file
        return None
    with contextlib.suppress(InputError, OSError, UnicodeDecodeError):
        require_file(note)
        with open(note, encoding="utf-8-sig") as file:  # as a text editor may save it, with a BOM
            return kept_despite_words(file.read(4 * MAX_KEPT_DESPITE_CHARS))
    return None


# In an exported sign's folder: the sign's details a .pose file cannot hold (SignDetails), so that the sign
# imported elsewhere is in its language again (it came in as "wave · no language"), with its tags. Plain JSON
# a text editor shows; it may come from anyone, so it is read only as far as such a file goes, and checked.
SIGN_DETAILS_FILE = "sign.json"
NOTED_DETAILS = ("language", "licence", "tags")  # what sign.json may note of a sign, as said
# What the file holds: 1 its language and licence (written without a version), 2 its tags too. A reader
# reads every version up to its own; a newer one's details are refused, said so, its clips still imported.
SIGN_DETAILS_VERSION = 2
MAX_SIGN_DETAILS_BYTES = 65536  # the most tags, each of the most characters, all of 4 UTF-8 bytes
MAX_SIGN_DETAIL_CHARS = 200  # a language's name, a licence's, a tag's
MAX_SIGN_TAGS = 50


def note_sign_details(sign_folder: Path, details: SignDetails) -> frozenset[str]:
    """Write ``details`` into the exported sign's folder ``sign_folder`` (atomically); its tags without the
    starter signs' mark (:func:`signcore.lessons.shown_tags`). Only what :func:`sign_details_in` reads back:
    a tag too long, or one past MAX_SIGN_TAGS, made the import refuse the whole file, the language too.
    Returns which of NOTED_DETAILS it noted (the export says those: "with the sign's language, licence and
    tags" was said of a sign with none)."""
    language, licence = (text if _is_line(text) else "" for text in (details.language, details.licence))
    tags = [tag for tag in shown_tags(details.tags) if _is_line(tag)][:MAX_SIGN_TAGS]
    noted: dict[str, object] = {"version": SIGN_DETAILS_VERSION, "language": language}
    # No licence is left out, not written "": an empty one read as if it were the clips' licence
    if licence:
        noted["licence"] = licence
    noted["tags"] = tags
    # Only where the folder is not named as the sign: a learner renaming an exported folder renames its sign
    if details.gloss and _is_line(details.gloss) and details.gloss != sign_folder.name:
        noted["gloss"] = details.gloss
    clip_licences = {name: text for name, text in details.clip_licences if _is_line(name) and _is_line(text)}
    if clip_licences:  # an older reader does not know the key and reads the rest as before
        noted[CLIP_LICENCES] = clip_licences
    write_text_atomically(
        sign_folder / SIGN_DETAILS_FILE, json.dumps(noted, ensure_ascii=False, indent=1) + "\n"
    )
    written = {"language": language, "licence": licence or clip_licences, "tags": tags}
    return frozenset(detail for detail in NOTED_DETAILS if written[detail])


def sign_details_in(sign_folder: Path) -> SignDetails:
    """The sign's details noted in ``sign_folder`` by an export; none noted (no file, or a link, which an
    export never writes): SignDetails(). One that cannot be used raises InputError naming it, saying why."""
    path = sign_folder / SIGN_DETAILS_FILE
    if path.is_symlink() or not path.exists():
        return SignDetails()
    require_file(path)
    try:
        with open(path, "rb") as file:
            data = file.read(MAX_SIGN_DETAILS_BYTES + 1)
    except OSError as error:
        raise InputError(path, f"cannot read the sign's details: {read_problem(error)}") from error
    if len(data) > MAX_SIGN_DETAILS_BYTES:
        raise InputError(path, "too large for a sign's details (Export sign writes a few lines)")
    try:
        noted = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):  # JSONDecodeError is a ValueError
        noted = None
    if not isinstance(noted, dict):
        raise InputError(path, "not a sign's details as Export sign writes them (damaged, or another file)")
    version = noted.get("version", 1)  # an export before tags wrote none
    if type(version) is not int or version < 1:
        raise InputError(path, "its version is not a number Export sign writes (damaged, or another file)")
    if version > SIGN_DETAILS_VERSION:
        raise InputError(path, "written by a newer version of the app: update it to read the sign's details")
    language, licence = (_line_of_text(path, noted.get(name, ""), f"the sign's {name}") for name in TEXTS)
    tags = noted.get("tags", [])  # version 1 noted none
    if not isinstance(tags, list) or len(tags) > MAX_SIGN_TAGS:
        raise InputError(path, f"the sign's tags in it are not a list of at most {MAX_SIGN_TAGS} tags")
    lines = (_line_of_text(path, tag, f"the sign's tag {number}") for number, tag in enumerate(tags, 1))
    clip_licences = noted.get(CLIP_LICENCES, {})  # an export before them noted none
    if not isinstance(clip_licences, dict):
        raise InputError(path, "the licences of its clips in it are not noted by file name")
    each = tuple(
        (_line_of_text(path, name, "a clip's file name"), _line_of_text(path, text, f"the licence of {name}"))
        for name, text in clip_licences.items()
    )
    tags_read = shown_tags(list(dict.fromkeys(tag for tag in lines if tag)))
    gloss = _line_of_text(path, noted.get("gloss", ""), "the sign's name")  # noted since two signs' clash
    return SignDetails(language, licence, tags_read, each, gloss)


TEXTS = ("language", "licence")  # the details that are one line of text each, in SignDetails' order
CLIP_LICENCES = "clip_licences"  # each clip's licence by its file name, where the sign's clips differ


def _is_line(value: object) -> TypeGuard[str]:
    """Is ``value`` one line of text of at most MAX_SIGN_DETAIL_CHARS characters (a sign's detail)?"""
    return isinstance(value, str) and len(value) <= MAX_SIGN_DETAIL_CHARS and value.isprintable()


def _line_of_text(path: Path, value: object, what: str) -> str:
    """``value`` of a sign's details file ``path``, trimmed, when it is one line of text (:func:`_is_line`);
    InputError saying ``what`` is not, else."""
    if not _is_line(value):
        raise InputError(path, f"{what} in it is not a short line of text")
    return value.strip()


# The licence texts the clips' licences name ("MIT, traduttore project (licenses/traduttore-MIT.txt)"),
# exported into this folder of the sign's folder, so that what sign.json names is there, as in the app's
# own folder: the export named a file it did not write
LICENCE_TEXTS = "licenses"
NAMED_LICENCE_TEXT = re.compile(rf"\b{LICENCE_TEXTS}/([\w.-]+\.txt)\b")


def note_licence_texts(sign_folder: Path, licences: Iterable[str], shipped: Path) -> None:
    """Copy into ``sign_folder``'s :data:`LICENCE_TEXTS` each licence text of ``shipped`` (the app's own
    ``licenses/``) that one of ``licences`` names, atomically; a name the app has no text of is left as the
    learner typed it."""
    for name in sorted({name for licence in licences for name in NAMED_LICENCE_TEXT.findall(licence)}):
        text = shipped / name
        if text.is_file():
            try:
                data = text.read_bytes()
            except OSError as error:
                raise InputError(text, f"cannot read it ({read_problem(error)})") from error
            write_bytes_atomically(sign_folder / LICENCE_TEXTS / name, data)


def _is_licence_text(path: Path, sign_folder: Path) -> bool:
    """Whether ``path`` is a licence text an export wrote beside the sign's clips
    (:func:`note_licence_texts`)."""
    return path.parent == sign_folder / LICENCE_TEXTS and path.suffix.lower() == ".txt"


def signs_noted_in(folder: Path) -> dict[tuple[str, str], str]:
    """The signs an earlier export into ``folder`` wrote a folder for, as their sign.json names them (the
    gloss, or the folder's name, and the language, case ignored): the name of each one's folder. A folder
    without one, or with one that cannot be read, is no export's."""
    noted: dict[tuple[str, str], str] = {}
    with contextlib.suppress(InputError):
        for entry in _visible_entries(folder):
            if entry.is_dir() and (entry / SIGN_DETAILS_FILE).is_file():
                with contextlib.suppress(InputError):
                    details = sign_details_in(entry)
                    key = ((details.gloss or entry.name).casefold(), details.language.casefold())
                    noted.setdefault(key, entry.name)
    return noted


# Said after why a sign's details cannot be used, once its clips were imported (NotedSignDetails.failures)
IMPORTED_WITHOUT_DETAILS = "its clips were imported without them"


class NotedSignDetails:
    """The sign's details noted in each sign's folder (:func:`sign_details_in`), read once a folder however
    many of its clips come in. Details that cannot be used are named once in ``failures`` (path, why:
    ``problems`` without the words IMPORTED_WITHOUT_DETAILS, for what is said before the import) and the
    folder's clips come in without them: one rule for a sign folder imported and for its .pose files chosen
    one by one (each of which was refused, the folder read again for every one)."""

    def __init__(self) -> None:
        self._read: dict[Path, SignDetails] = {}
        self.problems: list[tuple[str, str]] = []

    @property
    def failures(self) -> list[tuple[str, str]]:
        return [(path, f"{why}; {IMPORTED_WITHOUT_DETAILS}") for path, why in self.problems]

    def of(self, sign_folder: Path) -> SignDetails:
        """The details noted in ``sign_folder``; SignDetails() where none can be used."""
        if sign_folder not in self._read:
            self._read[sign_folder] = _sign_details_or_problem(sign_folder, self.problems)
        return self._read[sign_folder]


def pose_file_clip(
    gloss: str,
    path: Path,
    noted: NotedSignDetails,
    read_pose_file: Callable[[Path], PoseSequence] = read_pose,
) -> LabeledClip:
    """The .pose file ``path`` chosen by itself as a clip of ``gloss`` (read by ``read_pose_file``): with the
    note of why it was kept despite a warning when one is beside it, and its sign's details when its folder
    notes them (read by ``noted``, once a folder)."""
    return dataclasses.replace(_pose_clip(gloss, path, read_pose_file), noted=noted.of(path.parent))


def named_as_noted(clip: LabeledClip, details: SignDetails) -> LabeledClip:
    """``clip`` of a sign folder with its sign's ``details`` noted in its folder, named as they name the sign
    (else as its folder is)."""
    return dataclasses.replace(clip, gloss=noted_name(clip.gloss, details), noted=details)


def noted_name(gloss: str, details: SignDetails) -> str:
    """The name of the sign of the sign folder's folder ``gloss`` whose details are ``details``."""
    return details.gloss or gloss


def _pose_clip(gloss: str, path: Path, read_pose_file: Callable[[Path], PoseSequence]) -> LabeledClip:
    return LabeledClip(gloss, read_pose_file(path), str(path), kept_despite=kept_despite_beside(path))


@dataclass
class SignFolderContents:
    """What a sign folder holds, before any clip in it is read: its clip files as (gloss, path), the sign's
    details each sign's folder notes (``noted``, read once a folder), and (path, why) for each entry that is
    not a clip file (``failures``). Read once for what the import says it will do and for the import itself
    (:func:`load_sign_folder`)."""

    root: Path
    files: list[tuple[str, Path]]
    failures: list[tuple[str, str]]
    noted: NotedSignDetails

    def details(self, gloss: str) -> SignDetails:
        """The details the folder of the sign ``gloss`` notes."""
        return self.noted.of(self.root / gloss)


def sign_folder_contents(root: str | Path) -> SignFolderContents:
    """The clip files of the sign folder ``root`` (:func:`sign_folder_files`) and its signs' details;
    :class:`~signcore.errors.InputError` for a folder that cannot be listed."""
    files, failures = sign_folder_files(root)
    contents = SignFolderContents(Path(root), files, failures, NotedSignDetails())
    for gloss in dict(files):
        contents.details(gloss)
    return contents


@dataclass
class SignFolder:
    """What :func:`load_sign_folder` found: the clips it read, and (path, message) for each it could not."""

    clips: list[LabeledClip]
    failures: list[tuple[str, str]]
    cancelled: bool = False  # True when cancel() stopped the loading: ``clips`` then holds only part


class _LoadingCancelled(Exception):
    """cancel() returned True in the middle of a video."""


def _video_digest(path: Path) -> str:
    """sha256 of the video file's bytes, remembered until it changes: evaluating a folder looks each video up
    twice (to extract the uncached ones in parallel, then to load them)."""
    try:
        return sha256_of_file_as_it_is(path)
    except OSError as error:
        raise InputError(path, f"cannot read the video: {read_problem(error)}") from error


def _video_cache_path(path: Path, cache_dir: Path, mirrored: bool) -> Path:
    """Where the landmarks of this exact video file are cached."""
    from signcore import extract  # MediaPipe and OpenCV load only when a folder really has videos

    key = _video_digest(path)
    # The key also names what changes the landmarks of the same bytes: the layout, the extractor's version
    # and MediaPipe bundle, and the mirroring.
    mirroring = "-mirrored" if mirrored else ""
    return cache_dir / f"{key}-layout{layout.LAYOUT_VERSION}-{extract.extractor_identity()}{mirroring}.pose"


def _video_pose(path: Path, cache_dir: Path, mirrored: bool, cancel: Cancel | None) -> PoseSequence:
    """Landmarks of a video, from the cache when this exact file was extracted before."""
    return _cached_video_pose(path, _video_cache_path(path, cache_dir, mirrored), mirrored, cancel)


def _cached_video_pose(path: Path, cached: Path, mirrored: bool, cancel: Cancel | None) -> PoseSequence:
    """Landmarks of a video: from its cache file ``cached`` if usable, else extracted and cached there."""
    from signcore import extract

    if cached.exists():
        try:
            return read_pose(cached)
        except InputError:
            pass  # a damaged cache entry is simply extracted again
    try:
        pose = extract.extract_video(path, mirrored=mirrored, cancel=cancel)
    except extract.ExtractionCancelled:
        raise _LoadingCancelled from None
    if pose.meta.get("warnings"):
        return pose  # not cached: a .pose keeps no warnings, and this one must come back on every load
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        write_pose(pose, cached)
    except (OSError, InputError):
        pass  # an unwritable cache only costs time on the next run
    return pose


def _clips_of_file(
    gloss: str,
    path: Path,
    cache_dir: Path,
    mirrored: bool,
    cancel: Cancel | None,
    read_pose_file: Callable[[Path], PoseSequence],
    table_read_before: TableReadBefore | None,
) -> list[LabeledClip]:
    suffix = path.suffix.lower()
    if suffix == ".pose":
        return [_pose_clip(gloss, path, read_pose_file)]
    if suffix == ".csv":
        read_before = None if table_read_before is None else table_read_before(path)
        if read_before is not None:
            return [LabeledClip(gloss, read_before, str(path))]
        if table_kind(path) == DGS_TABLE:
            return [LabeledClip(gloss, read_dgs_csv(path), str(path))]
        # Every row is a clip of this folder's sign, whatever its label_name says.
        return [LabeledClip(gloss, clip.pose, clip.source) for clip in read_spoter_csv(path)]
    try:
        pose = _video_pose(path, cache_dir, mirrored, cancel)
    except (RuntimeError, ValueError, OSError) as error:  # what OpenCV / MediaPipe raise on a bad video
        raise InputError(path, f"landmark extraction failed: {error}") from error
    # As tracking notes them, from the cache too (a .pose file keeps no meta): the same video imported again,
    # from here or elsewhere, is known before it is tracked
    noted = {layout.VIDEO_MIRRORED: mirrored, layout.VIDEO_DIGEST: _video_digest(path)}
    return [LabeledClip(gloss, dataclasses.replace(pose, meta={**pose.meta, **noted}), str(path))]


DGS_TABLE, SPOTER_TABLE = "dgs", "spoter"  # the tables of landmarks a sign folder's CSV file may be


def table_kind(path: Path) -> str:
    """Which table of landmarks the CSV file ``path`` of a sign folder is, told by its header: one clip's
    (DGS_TABLE) or one clip a row (SPOTER_TABLE); InputError saying why for anything else."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as file:
            first_line = file.readline()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(path, f"cannot read the CSV file: {read_problem(error)}") from None
    if not first_line:  # said so, not that it is neither kind of table
        raise InputError(
            path, "the file is empty (a table of a clip's points holds a header row, then its rows)"
        )
    if first_line.startswith("face_x;face_y"):
        return DGS_TABLE
    if is_spoter_header(next(csv.reader([first_line]), [])):
        return SPOTER_TABLE
    raise InputError(
        path,
        "this table is not one of a clip's body and hand points: it is neither a DGS landmark table"
        " (columns face_x;face_y;…) nor a table of clips in the SPOTER format",
    )


def _visible_entries(folder: Path) -> list[Path]:
    try:
        return sorted(entry for entry in folder.iterdir() if not entry.name.startswith("."))
    except OSError as error:
        raise InputError(folder, f"cannot list the folder: {error}") from error


def sign_folder_files(root: str | Path) -> tuple[list[tuple[str, Path]], list[tuple[str, str]]]:
    """The clip files of a sign folder as (gloss, path), and (path, message) for each entry that is not.

    A sign's clips may also sit in subfolders of its folder (``root/<gloss>/<signer>/<clip>``, as some
    datasets keep them): the gloss is always the name of the folder directly under ``root``. A folder reached
    again through a link (a link to a parent, or to itself) is read once, so its clips are not counted twice
    and a link loop does not multiply them."""
    root = Path(root)
    if not root.is_dir():
        what = "not a folder" if root.exists() else "no such folder"
        raise InputError(root, f"{what}; expected a sign folder with one subfolder per sign")
    files, failures = [], []
    for entry in _visible_entries(root):
        if entry.is_file():
            failures.append(
                (
                    readable(str(entry)),
                    "not inside a sign's folder (a sign folder holds one folder per sign, named as the sign)",
                )
            )
            continue
        clips, problems = _clip_files_of_one_sign(entry, root)
        files += [(entry.name, path) for path in clips]
        failures += problems
    return files, failures


def _clip_files_of_one_sign(sign_folder: Path, root: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """The clip files in ``sign_folder`` and its subfolders, and (path, message) for each entry that is not
    one. A folder reached again through a link (``root`` or one already read) is read once."""
    files, failures = [], []
    folders, seen = [sign_folder], {root.resolve()}
    while folders:
        folder = folders.pop(0)
        if folder.resolve() in seen:
            continue
        seen.add(folder.resolve())
        try:
            contents = _visible_entries(folder)
        except InputError as error:
            failures.append((error.source or readable(str(folder)), error.problem))
            continue
        for path in contents:
            if path.is_dir():
                folders.append(path)
                continue
            try:
                require_file(path)  # a broken link, /dev/zero or a pipe is never read
            except InputError as error:
                failures.append((error.source or readable(str(path)), error.problem))
                continue
            if path.suffix.lower() in CLIP_SUFFIXES:
                files.append(path)
            elif path.name.endswith(KEPT_DESPITE_SUFFIX) or path == sign_folder / SIGN_DETAILS_FILE:
                continue  # a clip's note, read with its clip; the sign's details, read with its clips
            elif _is_licence_text(path, sign_folder):
                continue  # what the details' licence names
            else:
                failures.append(
                    (readable(str(path)), f"not a clip file (expected {', '.join(CLIP_SUFFIXES)})")
                )
    return files, failures


def _cache_video(video_and_cache_file: tuple[Path, Path], mirrored: bool) -> None:
    """Extract one video into its cache file (in a worker process). Problems are left to
    load_sign_folder, which meets the same video again and reports them."""
    path, cached = video_and_cache_file
    with contextlib.suppress(InputError, RuntimeError, ValueError, OSError):
        _cached_video_pose(path, cached, mirrored, None)


def cache_sign_folder_videos(
    root: str | Path,
    cache_dir: str | Path | None = None,
    mirrored_videos: bool = False,
    workers: int = 2,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Extract the not-yet-cached videos of a sign folder into the landmark cache, ``workers`` processes at
    a time (MediaPipe keeps about one core busy per video), so that :func:`load_sign_folder` then reads them
    from the cache. Only an accelerator: a video that fails here, or a pool that breaks, costs nothing but
    time, because :func:`load_sign_folder` extracts and reports whatever is still missing."""
    if workers < 2:
        return  # load_sign_folder extracts them one by one anyway
    cache_dir = Path(cache_dir) if cache_dir is not None else user_data_dir() / ".pose_cache"
    videos = []  # (video, its cache file) for those not cached yet
    for _, path in sign_folder_files(root)[0]:
        if path.suffix.lower() in VIDEO_SUFFIXES:
            try:
                cached = _video_cache_path(path, cache_dir, mirrored_videos)
            except InputError:
                continue  # unreadable: load_sign_folder reports it
            if not cached.exists():
                videos.append((path, cached))
    if len(videos) < 2:
        return
    extract_one = functools.partial(_cache_video, mirrored=mirrored_videos)
    for done, _ in enumerate(run_in_processes(extract_one, videos, workers), start=1):
        if progress is not None:
            progress(done, len(videos))


def load_sign_folder(
    root: str | Path,
    cache_dir: str | Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    mirrored_videos: bool = False,
    read_pose_file: Callable[[Path], PoseSequence] = read_pose,
    contents: SignFolderContents | None = None,
    known_video: KnownVideo | None = None,
    table_read_before: TableReadBefore | None = None,
) -> SignFolder:
    """Every clip of a sign folder: ``root/<gloss>/<clip>.<ext>``, gloss = the subfolder's name.

    Clips may be ``.pose`` files, DGS-style or SPOTER CSVs (told apart by their header; every row of a SPOTER
    CSV is a clip of the folder's gloss) and videos (``VIDEO_SUFFIXES``: .mp4, .mov, .gif ...), whose
    landmarks are extracted with MediaPipe and cached as ``.pose`` in ``cache_dir`` (default
    ``<user data>/.pose_cache``), keyed by the file's content, so loading the folder again is instant.
    ``mirrored_videos``: the videos are selfie recordings (un-mirrored at extraction). ``read_pose_file``:
    how a .pose file is read (the app's import: as its check of the folder read it, turned upright if asked).
    ``contents``: the folder's files and details as :func:`sign_folder_contents` read them (else read now).
    ``known_video``: asked of each video before it is tracked (:data:`KnownVideo`); one whose clip is already
    there is left out, untracked (tracking a copy of a video imported before took as long as the video, only
    to find its clip there): the caller says so. ``table_read_before``: the one-clip tables the caller read
    already (:data:`TableReadBefore`), not read again.

    A file that cannot be used goes to ``failures`` with the reason and loading goes on; hidden files are
    skipped. ``progress(done, total)`` is called after every file; ``cancel()`` returning True stops
    (``cancelled`` is then set and ``clips`` holds what was loaded until then).
    """
    if contents is None:
        contents = sign_folder_contents(root)
    files = contents.files
    result = SignFolder([], [*contents.failures, *contents.noted.failures])
    cache_dir = Path(cache_dir) if cache_dir is not None else user_data_dir() / ".pose_cache"
    details = {gloss: contents.details(gloss) for gloss in dict(files)}
    for done, (gloss, path) in enumerate(files, start=1):
        if cancel is not None and cancel():
            result.cancelled = True
            break
        try:
            is_video = path.suffix.lower() in VIDEO_SUFFIXES
            if not (
                is_video
                and known_video is not None
                and known_video(noted_name(gloss, details[gloss]), details[gloss], path)
            ):
                clips = _clips_of_file(
                    gloss, path, cache_dir, mirrored_videos, cancel, read_pose_file, table_read_before
                )
                result.clips += [named_as_noted(clip, details[gloss]) for clip in clips]
        except InputError as error:
            result.failures.append((readable(str(path)), error.problem))
        except _LoadingCancelled:
            result.cancelled = True
            break
        if progress is not None:
            progress(done, len(files))
    return result


def _sign_details_or_problem(sign_folder: Path, problems: list[tuple[str, str]]) -> SignDetails:
    """The details noted in ``sign_folder`` (:func:`sign_details_in`); details that cannot be used are added
    to ``problems`` with why, and the sign's clips come in without them."""
    try:
        return sign_details_in(sign_folder)
    except InputError as error:
        problems.append((error.source or readable(str(sign_folder)), error.problem))
        return SignDetails()
