"""What importing a sign folder will do, said once it is chosen and before the import. Qt-free.

A teacher's folder showed only its name ("exp2") after Choose…: the learner imported blind. The check of the
folder chosen (:func:`desktop_app.core.importing.imports.without_unreadable_files`, in the background: a
folder may hold hundreds of files) lists it as the import will
(:func:`signcore.signfolder.sign_folder_contents`), reads its .pose files and its signs' details (sign.json),
opens its videos; from that and the form's language and licence, :func:`folder_preview` works out which sign
each of its signs' clips join, as the import does (:func:`signcore.ingest.joined_language`,
:meth:`SignDatabase.sign_for_clip`), and how many of them that sign already has (the import skips those).
Videos are only opened: their landmarks are tracked when they are imported. The files that cannot be imported
are not said here: the dialog says each with why, as it says those of the files chosen
(:attr:`CheckedFiles.problems`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.importing.imports import (
    NAMES_SHOWN,
    CheckedFiles,
    ImportRequest,
    already_a_clip_of,
    first_names,
    same_video_as,
    sign_holding_video,
)
from signcore.database import SharedNameError, SignDatabase
from signcore.formats.clip import SignDetails
from signcore.ingest import joined_language
from signcore.signfolder import SIGN_DETAILS_FILE, VIDEO_SUFFIXES
from signcore.words import counted, sign_name

NO_SIGNS = (
    "No clips found: a sign folder holds one folder per sign, named as the sign, with the sign's clips"
    " (.pose, CSV or video files) in it."
)


NO_LICENCE = "No licence noted: type one above if you know it."

NOTHING_NEW = "Nothing new to import: the library has every clip of this folder already."
NOTHING_USABLE = "Nothing to import: none of this folder's files can be imported."


@dataclass(frozen=True)
class FoundSign:
    """One sign's folder in the folder chosen, as its import will go."""

    name: str  # the sign its clips join, as lists name it (with the language it has or will have)
    new: bool  # the import makes the sign
    shared: bool  # several signs have its name and no language says which: the import refuses its clips
    clips: int  # its .pose files that can be read, and its videos
    already: int  # of its .pose files, those whose clip the sign already has (skipped)
    videos: int
    tables: int  # its tables of clips, one a row (counted as they are imported)
    details: SignDetails  # as its folder notes them (sign.json)
    tags: tuple[str, ...] = ()  # of the tags noted, those the sign has not: it is given them
    # Its videos already another sign's clips, or the same video as one earlier in the folder that another
    # sign gets, each said as the import would say it after (it skips them):
    # said only after the import, the learner could no longer choose which sign should have the video
    elsewhere: tuple[str, ...] = ()
    # Its videos the import does not track: those already another sign's clips, or all where its name is
    # shared (the selfie question is not asked about them)
    skipped_videos: frozenset[Path] = frozenset()
    copies: int = 0  # of ``elsewhere``, the copies of a video earlier in the folder

    @property
    def adds(self) -> bool:
        """Whether its import adds clips (a clip already there takes no licence)."""
        return self.clips > self.already + len(self.elsewhere) or self.tables > 0


@dataclass(frozen=True)
class FolderPreview:
    """What importing a sign folder will do (:func:`folder_preview`), said by :meth:`words`."""

    signs: list[FoundSign]
    damaged: list[tuple[str, str]]  # (where, why) of each sign's details that cannot be used
    licence: str  # the one typed, which every clip takes

    @property
    def skipped_videos(self) -> frozenset[Path]:
        """The folder's videos its import does not track (:attr:`FoundSign.skipped_videos`)."""
        return frozenset().union(*(sign.skipped_videos for sign in self.signs))

    @property
    def worth_importing(self) -> bool:
        """Whether its import would do anything: add a clip or give a sign a tag. Else it only said "0 clips
        imported", or, its files unusable, why only then (the dialog says it at once)."""
        return any(sign.adds or sign.tags for sign in self.signs)

    def words(self) -> str:
        """The preview in plain words: the signs (the first NAMES_SHOWN; more are counted), their clips and
        how many the library has already, the language and licence their folders note, and details that
        cannot be used."""
        if not self.signs:
            return NO_SIGNS
        lines = []
        if len(self.signs) > 1:
            # The signs whose clips can be imported: "3 signs, 2 clips" counted a folder none of whose files
            # can be, and one whose name several signs share
            found = [s for s in self.signs if (s.clips or s.tables) and not s.shared]
            clips = sum(s.clips for s in found)
            already = sum(s.already + len(s.elsewhere) - s.copies for s in found)
            there = _skipped_words(already, sum(s.copies for s in found))
            lines.append(f"{counted(len(found), 'sign')}, {counted(clips, 'clip')}{there}:")
        lines += [_sign_words(sign) for sign in self.signs[:NAMES_SHOWN]]
        if len(self.signs) > NAMES_SHOWN:
            lines.append(f"and {counted(len(self.signs) - NAMES_SHOWN, 'more sign')}.")
        lines += self._elsewhere_words()
        lines += self._details_words()
        if not self.worth_importing:  # why Import is greyed
            lines.append(NOTHING_NEW if any(sign.clips for sign in self.signs) else NOTHING_USABLE)
        return "\n".join(lines)

    def _elsewhere_words(self) -> list[str]:
        """The videos already other signs' clips, each with what the import will do (the first
        NAMES_SHOWN; more are counted): of every sign, those of a sign beyond the first NAMES_SHOWN too."""
        said = [words for sign in self.signs if not sign.shared for words in sign.elsewhere]
        more = len(said) - NAMES_SHOWN
        counted_more = f"and {counted(more, 'more video')} already other signs' clips, not added again."
        return [*said[:NAMES_SHOWN], *([counted_more] if more > 0 else [])]

    def _details_words(self) -> list[str]:
        """The licence and tags the clips come with, and where from; each sign's details that cannot be
        used. The language is in each sign's name."""
        words = []
        adding = [sign for sign in self.signs if sign.adds]
        if adding and self.licence:
            words.append(f"Licence: “{self.licence}”, as typed above, for every clip.")
        elif adding:
            words.append(_licences_noted(adding, len(self.signs) == 1))
        tags = list(dict.fromkeys(tag for sign in self.signs for tag in sign.tags))
        if tags:
            words.append(f"Tags that come with the clips: {first_names([f'“{tag}”' for tag in tags])}.")
        for where, why in self.damaged:
            words.append(
                f"{where} cannot be used: {why}. Its sign's clips come in without the language, licence and"
                " tags it would give."
            )
        return words


def _skipped_words(already: int, copies: int) -> str:
    """ ", 1 of them already in your signs and 1 the same video as another here (skipped)": of a folder's
    clips, those ``already`` in the library and the ``copies`` of a video earlier in the folder."""
    if not (already or copies):
        return ""
    first, why = (already, "already in your signs") if already else (copies, "the same video as another here")
    also = f" and {copies} the same video as another here" if already and copies else ""
    return f", {first} of them {why}{also} (skipped)"


def _licences_noted(signs: list[FoundSign], only: bool) -> str:
    """The licence the folder of each of ``signs`` notes: "Licence: “CC BY 4.0” for winken (DGS); none noted
    for hallo." (``only``: the folder's one sign: "…, as its folder notes")."""
    by_licence: dict[str, list[str]] = {}
    for sign in signs:
        by_licence.setdefault(sign.details.licence, []).append(sign.name)
    if only:
        licence = signs[0].details.licence
        return f"Licence: “{licence}”, as its folder notes." if licence else NO_LICENCE
    if list(by_licence) == [""]:
        return NO_LICENCE
    said = [
        f"“{licence}” for {first_names(names, 'sign')}"
        if licence
        else f"none noted for {first_names(names, 'sign')}"
        for licence, names in by_licence.items()
    ]
    return f"Licence: {'; '.join(said)}."


def _sign_words(sign: FoundSign) -> str:
    """ "hallo (DGS), new: 9 clips (2 of them videos, tracked as they are imported)"."""
    if sign.shared:
        return (
            f"{sign.name}: several signs have this name. Choose the language above: its clips are not"
            " imported without one."
        )
    tables = f"{counted(sign.tables, 'table')} of clips"
    if not sign.clips and not sign.tables:  # its files are named below ("Kaputt, new: 0 clips" read oddly)
        return f"{sign.name}: none of its files can be imported"
    if not sign.clips:
        return f"{sign.name}{', new' if sign.new else ''}: {tables}"
    if sign.elsewhere:
        return _sign_words_with_others(sign, tables)
    words = f"{sign.name}{', new' if sign.new else ''}: {counted(sign.clips, 'clip')}"
    if sign.already:
        words += ", all already there" if sign.already == sign.clips else f", {sign.already} already there"
    return words + _tracked_words(sign.videos, sign.clips) + (f" and {tables}" if sign.tables else "")


def _sign_words_with_others(sign: FoundSign, tables: str) -> str:
    """ "belly, new: 1 clip to import (a video, tracked as it is imported); 1 already another sign's (see
    below)": a sign some of whose videos are other signs' clips counts what it imports ("new: 2 clips, 1
    already another sign's" read as two new clips, and "new: 1 clip, all already another sign's" as one)."""
    elsewhere = len(sign.elsewhere)
    imported = sign.clips - sign.already - elsewhere
    what = [f"{counted(imported, 'clip')} to import{_tracked_words(sign.videos - elsewhere, imported)}"]
    what = (what if imported else []) + ([tables] if sign.tables else [])
    skipped = [f"{sign.already} already there"] if sign.already else []
    skipped.append(f"{elsewhere} already another sign's (see below)")  # said below, each
    new = ", new" if sign.new and what else ""
    return f"{sign.name}{new}: {' and '.join(what) or 'nothing to import'}; {', '.join(skipped)}"


def _tracked_words(tracked: int, clips: int) -> str:
    """ " (2 of them videos, tracked as imported)": of ``clips``, the ``tracked`` videos."""
    if tracked == clips == 1:
        return " (a video, tracked as it is imported)"
    if tracked:
        return f" ({tracked} of them {'video' if tracked == 1 else 'videos'}, tracked as imported)"
    return ""


def folder_preview(
    checked: CheckedFiles,
    request: ImportRequest,
    database: SignDatabase,
    library_digests: dict[int, frozenset[str]] | None = None,
) -> FolderPreview | None:
    """What importing the sign folder ``checked`` (as its check read it) as ``request`` asks (the form's
    language and licence; its .pose files read and turned as the import reads them) will do; None when no
    folder was read. ``library_digests``: the database's :meth:`~SignDatabase.clip_digests`, when the caller
    keeps them (the form asks at each letter typed: 10 ms a read for the starter library's 496 clips)."""
    folder = checked.folder
    if folder is None:
        return None
    digests = database.clip_digests() if library_digests is None else library_digests
    by_sign: dict[str, list[Path]] = {}
    for gloss, path in folder.files:
        by_sign.setdefault(gloss, []).append(path)
    first_copies: dict[str, tuple[Path, str]] = {}  # as the import keeps them (in the folder's order)
    signs = [
        _found_sign(
            folder.details(gloss).gloss or gloss,
            paths,
            folder.details(gloss),
            checked,
            request,
            database,
            digests,
            first_copies,
        )
        for gloss, paths in by_sign.items()
    ]
    damaged = [(_near_name(Path(where)), why) for where, why in folder.noted.problems]
    return FolderPreview(signs, damaged, request.licence)


def _found_sign(
    gloss: str,
    paths: list[Path],
    details: SignDetails,
    checked: CheckedFiles,
    request: ImportRequest,
    database: SignDatabase,
    digests: dict[int, frozenset[str]],
    first_copies: dict[str, tuple[Path, str]],
) -> FoundSign:
    """The sign ``gloss`` of the folder, with its clip files ``paths``, as its import will go;
    ``first_copies``: the videos of the signs before it, by digest, with the sign each joins (added to)."""
    language = joined_language(None, request.language or details.language)
    read = [path for path in paths if str(path) in checked.digests]  # its .pose files and one-clip tables
    # a video that cannot be read is named among the files that cannot be imported
    readable_videos = frozenset(
        path
        for path in paths
        if path.suffix.lower() in VIDEO_SUFFIXES and str(path) not in checked.unreadable_videos
    )
    videos = len(readable_videos)
    tables = sum(str(path) in checked.tables for path in paths)
    clips = len(read) + videos
    try:
        sign_id = database.sign_for_clip(gloss, language)
    except SharedNameError:
        return FoundSign(
            gloss, False, True, clips, 0, videos, tables, details, skipped_videos=readable_videos
        )
    except ValueError:  # no name: the import says so of each clip
        sign_id = None
    if sign_id is None:
        name = sign_name(gloss, language or "")
        elsewhere = _videos_elsewhere(paths, checked, database, None, name, first_copies)
        return FoundSign(
            name, True, False, clips, 0, videos, tables, details, details.tags, *_said_and_skipped(elsewhere)
        )
    sign = database.sign(sign_id)
    has = digests.get(sign_id, frozenset())
    already = sum(_digest(path, checked, request) in has for path in read)
    own = {tag.casefold() for tag in sign.tags}  # as the import gives them (signcore.ingest.give_tags)
    tags = tuple(tag for tag in details.tags if tag.casefold() not in own)
    name = sign_name(sign.gloss, sign.language)
    elsewhere = _videos_elsewhere(paths, checked, database, sign_id, name, first_copies)
    return FoundSign(
        name, False, False, clips, already, videos, tables, details, tags, *_said_and_skipped(elsewhere)
    )


def _videos_elsewhere(
    paths: list[Path],
    checked: CheckedFiles,
    database: SignDatabase,
    sign_id: int | None,
    wanted: str,
    first_copies: dict[str, tuple[Path, str]],
) -> tuple[dict[Path, str], int]:
    """Each of a sign's videos ``paths`` already a clip of a sign other than ``sign_id`` (None: a new sign),
    or the same video as one earlier in the folder that another sign gets (``first_copies``, to which the
    others are added), with what the import will say of it, the sign it joins named ``wanted``: it is not
    added (:func:`desktop_app.core.importing.imports.already_a_clip_of`,
    :func:`~desktop_app.core.importing.imports.same_video_as`); and how many are such copies. By the digest
    the check hashed each video's bytes to; one the database knows no digest of the clip of is found only by
    the import."""
    said, copies = {}, 0
    for path in paths:
        digest = checked.video_digests.get(str(path))
        if not digest:
            continue
        holder, pieces = sign_holding_video(database, sign_id, digest)
        if holder:
            said[path] = already_a_clip_of(path, holder, wanted, pieces, ahead=True)
            continue
        first, sign = first_copies.setdefault(digest, (path, wanted))
        if sign != wanted:
            said[path] = same_video_as(path, first, sign, wanted, ahead=True)
            copies += 1
    return said, copies


def _said_and_skipped(
    elsewhere: tuple[dict[Path, str], int],
) -> tuple[tuple[str, ...], frozenset[Path], int]:
    """:attr:`FoundSign.elsewhere`, :attr:`FoundSign.skipped_videos` and :attr:`FoundSign.copies` of a sign's
    videos ``elsewhere`` (with how many are copies)."""
    said, copies = elsewhere
    return tuple(said.values()), frozenset(said), copies


def _digest(path: Path, checked: CheckedFiles, request: ImportRequest) -> str:
    """The digest of the clip the .pose file ``path`` is imported as: as the check hashed it, turned upright
    where the learner asked (hashed by the check too: worked out at each letter typed, this hashed every
    such file again each time)."""
    hashed = checked.upright_digests if str(path) in request.turns else checked.digests
    return hashed[str(path)]


def _near_name(path: Path) -> str:
    """ "hallo/sign.json": a file by its name and its folder's."""
    return f"{path.parent.name}/{path.name}" if path.name == SIGN_DETAILS_FILE else path.name
