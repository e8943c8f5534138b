"""The library's use cases: add, rename, retag and delete signs and clips, and clear a clip's warning, with
undo; record a clip; export; and purging what was deleted for good. Qt-free.

Deleting is soft (the database keeps the rows, hidden) so that Undo can bring them back, also after the app
was closed (or killed): the undo history of deletions is read back from the database at start-up, for
:data:`KEEP_DELETED_DAYS` days. What was deleted longer ago :meth:`Library.purge_job` removes for good (in the
background, shortly after start-up), and :meth:`Library.compact` gives the space back to the disk when the
window has closed, where rewriting the file keeps nobody waiting.

Undo takes the deletions back the last first; "Recently deleted" (:meth:`Library.recently_deleted`) lists
them all and brings back any one (:meth:`Library.restore`), leaving the others.

Every edit raises :class:`signcore.errors.InputError` (or ValueError for a bad name) with a message for the
learner and changes nothing when it fails; a successful edit announces ``database_changed`` through the
context, and a change of the undo history ``undo_changed`` here.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Protocol

import numpy as np

from desktop_app.core.shared.events import EventEmitter, EventGroup
from desktop_app.core.shared.jobs import Job, JobControl
from desktop_app.core.shared.settings import Settings
from desktop_app.core.signing.session import (
    longest_signing,
    signed_seconds,
    signing_frames,
    too_short_to_keep,
)
from desktop_app.core.signing.upright import stood_upright
from desktop_app.core.signing.view import ClipHands, ViewConvention
from signcore import normalize
from signcore.database import ClipInfo, ClipOrigin, Deletion, NameTakenError, Sign, SignDatabase
from signcore.errors import InputError
from signcore.ingest import SignFolderExport, export_sign_folder
from signcore.layout import PoseSequence
from signcore.lessons import STARTER_SIGN_TAG, shown_tags
from signcore.signfolder import NOTED_DETAILS
from signcore.words import (
    NO_LANGUAGE,
    counted,
    day_and_month,
    joined_with_and,
    language_name,
    language_named,
    letter_name,
    when_in_words,
)

ALL_LANGUAGES = "All languages"
# How long a deleted sign or clip can still be brought back with Undo, across restarts: a starter sign deleted
# by mistake was gone for good once the app was closed, and a learner may notice only at the next lesson that
# uses it, days later. A month of deletions costs little room: their clips' landmarks.
KEEP_DELETED_DAYS = 30
SECONDS_A_DAY = 24 * 60 * 60
# Undo's refusal after "“hello (ASL)” ": a sign of that name was made since the deletion
CANNOT_BE_BROUGHT_BACK = "cannot be brought back: the library has a sign of that name now."
RECENTLY_DELETED = "Recently deleted"  # the Library's window of deletions, and its button ("…")
RECENTLY_DELETED_INTRO = (
    f"The signs and clips you deleted in the last {KEEP_DELETED_DAYS} days, the last first. Restore brings"
    " back the one selected and leaves the others here."
)
# True also once everything deleted was restored ("Nothing was deleted…" was not)
NOTHING_DELETED = (
    f"Nothing here to bring back. A sign or clip you delete waits here for {KEEP_DELETED_DAYS} days, in case"
    " you want it back."
)
NO_SIGN_TITLE = "No sign selected"
RECORDED_SOURCE = "recorded in the app"  # the source of every clip the learner records in the app
EMPTY_LIBRARY_HINT = "Import signs or record your own to fill the library."
CHOOSE_A_SIGN_HINT = "Choose a sign in the list."
NONE_MATCHING_HINT = "No sign matches the search and language chosen: change them to see the others."
TAGS_PROMPT = "One tag a line. A tag “lesson: Name” puts the sign in the lesson Name."
NO_CLIPS = "This sign has no clips yet: record one with “Record a clip…” below, or import some"
LANGUAGE_HINT = (
    "The sign language it is a sign of, e.g. DGS or ASL: your signing is compared with the signs of its"
    " language. Leave it empty if it has none."
)
NO_LANGUAGE_PLACEHOLDER = NO_LANGUAGE  # the language box left empty
# A clip kept although the app warned that it looked unlike its sign's other clips (record window, import)
KEPT_DESPITE_MARK = "⚠"
KEPT_DESPITE = "Kept although it looked unlike this sign's other clips."
CLEAR_WARNING = "This clip is fine: clear the warning"  # the library's button under such a clip's note
KEPT_DESPITE_ADVICE = (
    "If this sign judges your signing oddly, this clip may be why: delete it. If it is fine, clear its"
    " warning."
)


@dataclass(frozen=True)
class Recording:
    """A recording of the learner as the record dialog shows it and the library keeps it: its signing only,
    cut once, when the attempt ends, to its longest stretch between pauses (:func:`.session.longest_signing`,
    within the frames every clip is played: :func:`desktop_app.core.signing.view.sign_only`), the signing its
    preview counts (:meth:`describe`). Kept whole, a clip said to hold "1.3 s of signing" was
    stored and played as 3.6 s, two of them without a hand. Stood upright as an imported clip is: one
    recorded before the live view said its picture looks turned (it needs a few seconds to tell) was stored
    on its side."""

    pose: PoseSequence

    @classmethod
    def of(cls, captured: PoseSequence) -> Recording:
        upright = stood_upright(captured)[0]
        return cls(upright.frames(longest_signing(upright)))

    @cached_property
    def signing(self) -> np.ndarray:
        """(T,) its frames of signing (:func:`.session.signing_frames`): found once, for :attr:`too_short`
        and :meth:`describe`."""
        return signing_frames(self.pose)

    @property
    def too_short(self) -> bool:
        """Whether its signing (as :meth:`describe` counts it) is too short to keep
        (:func:`.session.too_short_to_keep`): cut to its longest stretch, a 3.5 s recording held "0.2 s of
        signing" and was offered to keep, where a 0.4 s attempt was "very short"."""
        return too_short_to_keep(self.pose, self.signing)

    def describe(self) -> str:
        """The recording in one line, before the learner keeps it: how long the learner signed in it (and
        the clip, when it holds a pause), and whether the body and each hand were seen in most of those
        frames (:attr:`signing`, as the recording was judged: a recording started and stopped by button also
        holds seconds with the hands lowered)."""
        pose = self.pose
        counts = pose.frames(self.signing).detection_counts()
        parts = (("your body", "body"), ("your left hand", "left_hand"), ("your right hand", "right_hand"))
        seen = [name for name, key in parts if counts[key] >= counts["frames"] / 2]
        if not seen:
            tracked = "neither your body nor your hands were"
        else:
            tracked = joined_with_and(seen) + (" were" if len(seen) > 1 else " was")
        signed, length = f"{signed_seconds(pose, self.signing):.1f}", f"{pose.duration:.1f}"
        kept = "" if signed == length else f" in a {length} s clip"  # it holds a pause: the clip is longer
        return f"{signed} s of signing{kept}: {tracked} seen most of the time."


class LibraryEvents(EventGroup):
    undo_changed: EventEmitter  # no arguments: read Library.undo_stack / undo_text


class LibraryOwner(Protocol):
    """What the library needs of the app's context (:class:`~desktop_app.core.app.context.AppContext`)."""

    database: SignDatabase
    settings: Settings
    selected_sign_id: int | None

    @property
    def clip_hands(self) -> ClipHands: ...

    def select_sign(self, sign_id: int | None) -> None: ...

    def notify_database_changed(self) -> None: ...


@dataclass(frozen=True)
class SignListing:
    """The signs listed for a search and a language filter."""

    signs: tuple[Sign, ...]
    selected_row: int | None  # the sign to select: the one kept when it is listed, else the first
    status: str  # "3 signs", or why the signs cannot be read

    def cells(self) -> list[tuple[str, str, str, str]]:
        """Each sign's row: name, language, clip count, tags."""
        return [
            (
                letter_name(s.gloss),
                language_name(s.language),
                str(s.clip_count),
                ", ".join(shown_tags(s.tags)),
            )
            for s in self.signs
        ]


@dataclass(frozen=True)
class SignPanel:
    """What the library shows of the sign selected (``sign`` None: none is)."""

    title: str
    details: str
    clips: tuple[ClipInfo, ...] = ()
    clip_names: tuple[str, ...] = ()
    clip_sources: tuple[str, ...] = ()  # where each clip came from (a file, or recorded in the app)
    clip_notes: tuple[str, ...] = ()  # each clip's kept_despite_note ("": none)
    problem: str = ""  # why the clips cannot be listed


@dataclass(frozen=True)
class UndoableEdit:
    """An edit Undo can take back: a sign or a clip deleted, or a clip's warning cleared."""

    kind: str  # "sign", "clip" (deleted) or "warning" (cleared)
    row_id: int
    done: str  # what was done, as the learner knows it, e.g. 'Deleted sign “HELLO”.'
    kept_despite: str | None = None  # a warning cleared: its words, put back by Undo
    sign_name: str = ""  # a sign deleted: its name, as the lists named it
    # A deletion read back from the database: when it was made (seconds since the epoch), told in words
    # each time Undo's label is read (:meth:`said_at`); words made once said "just now" hours later
    deleted_at: float | None = None

    @classmethod
    def of_deletion(
        cls, kind: str, row_id: int, name: str, clip_number: int = 0, clip_origin: str = ""
    ) -> UndoableEdit:
        """A sign (``kind`` "sign") or a clip ("clip", the sign's ``clip_number``, as the Library numbered
        it, and "Recently deleted" names it, with where it came from, ``clip_origin``: :func:`clip_made`) of
        the sign ``name`` deleted. The number alone named a clip still listed: the list renumbers."""
        if kind == "sign":
            return cls(kind, row_id, f"Deleted sign “{name}”.", sign_name=name)
        return cls(kind, row_id, f"Deleted clip {clip_number} of “{name}” ({clip_origin}).", sign_name=name)

    @classmethod
    def undoing(cls, deletion: Deletion) -> UndoableEdit:
        """A deletion read back from the database (an earlier run's, too), and when it was made: after a
        restart, "Deleted sign “heute (DGS)”." did not say whether it was a minute or a month ago."""
        origin = clip_made(deletion.clip_source, deletion.clip_created_at)
        edit = cls.of_deletion(
            deletion.kind, deletion.row_id, deletion.sign_name, deletion.clip_number, origin
        )
        return replace(edit, deleted_at=deletion.deleted_at)

    def said_at(self, now: datetime) -> str:
        """What was done, in words, as read at ``now``: 'Deleted sign “hello (ASL)” 5 minutes ago.'."""
        if self.deleted_at is None:
            return self.done
        return f"{self.done[:-1]} {when_in_words(datetime.fromtimestamp(self.deleted_at), now)}."


def deleted_when(deletion: Deletion, now: datetime) -> str:
    """When ``deletion`` was made, in words (:func:`when_in_words`): "just now", "yesterday"."""
    return when_in_words(datetime.fromtimestamp(deletion.deleted_at), now)


@dataclass(frozen=True)
class DeletedListing:
    """What "Recently deleted" lists (:meth:`Library.recently_deleted`): the signs and clips deleted in the
    last :data:`KEEP_DELETED_DAYS` days and not brought back, the last deleted first."""

    deletions: tuple[Deletion, ...]
    now: datetime  # when they were read: their "when" is told from it
    problem: str = ""  # why they cannot be read

    def cells(self) -> list[tuple[str, str]]:
        """Each deletion's row: what was deleted, by name (:func:`deleted_thing`), and when ("yesterday")."""
        return [(deleted_thing(deletion), deleted_when(deletion, self.now)) for deletion in self.deletions]

    @property
    def empty_text(self) -> str:
        """What is said instead of the rows ("" while there are some)."""
        return "" if self.deletions else self.problem or NOTHING_DELETED


def deleted_thing(deletion: Deletion) -> str:
    """A deleted sign or clip by name: 'Sign “hallo (DGS)”', 'Clip 2 of “hallo (DGS)”' (numbered as the
    library numbered it when it was deleted: "Clip of" did not say which), and a clip whose sign is deleted
    too says so (:meth:`Library.restore` brings the sign back with it)."""
    name = deletion.sign_name
    if deletion.kind == "sign":
        if deletion.name_taken:
            return f"Sign “{name}”: the library has a new sign of that name; Restore adds its clips to it"
        return f"Sign “{name}”"
    made = clip_made(deletion.clip_source, deletion.clip_created_at)
    clip = f"Clip {deletion.clip_number} of “{name}”, {made}"
    if deletion.name_taken:
        return f"{clip}: the library has a new sign of that name; Restore adds the clip to it"
    return f"{clip} (its sign is deleted too)" if deletion.sign_deleted else clip


def clip_made(source: str, created_at: float) -> str:
    """Where a deleted clip came from (its ``source`` and ``created_at``), to tell it from another deleted
    as the same number ("Clip 1" twice), or listed as that number now: its file ("from take.mp4", a piece
    "from long.mp4 1.0-3.0 s"), or when it was recorded."""
    if (source or RECORDED_SOURCE) != RECORDED_SOURCE:
        return f"from {Path(source).name}"
    made = datetime.fromtimestamp(created_at)
    return f"recorded {day_and_month(made.date())} at {made:%H:%M}"


def brought_back(deletion: Deletion) -> str:
    """What :meth:`Library.restore` did with ``deletion``, in words."""
    name = deletion.sign_name
    if deletion.name_taken:
        what = "its clips" if deletion.kind == "sign" else "the clip"
        return f"Added {what} of the deleted “{name}” to the sign of that name in the library."
    if deletion.kind == "sign":
        return f"Brought back sign “{name}”."
    clip = f"clip {deletion.clip_number} of “{name}”"
    if deletion.sign_deleted:
        return f"Brought back {clip} with its sign: a clip is seen only in its sign."
    return f"Brought back {clip}."


class Library:
    """The library's edits (one instance per app, ``context.library``); the database is the truth."""

    def __init__(self, context: LibraryOwner):
        self.context = context
        self.events = LibraryEvents()
        self.started_at = time.time()
        self.undo_stack: list[UndoableEdit] = self._deletions_kept()

    @property
    def kept_since(self) -> float:
        """The moment (seconds since the epoch) after which a deletion can still be undone; what was deleted
        before it is purged. One moment for the run, so that Undo never offers what the purge removed."""
        return self.started_at - KEEP_DELETED_DAYS * SECONDS_A_DAY

    def _deletions_kept(self) -> list[UndoableEdit]:
        """The undo history the database holds: its signs and clips deleted since :attr:`kept_since`."""
        if self.context.database is None:  # a context of the settings alone (as AppContext.close allows)
            return []
        # A database that cannot be read says so wherever it is used: nothing to undo
        listing = self.recently_deleted()
        # One whose name a sign has now cannot be undone: Recently deleted brings its clips into that sign
        undoable = [deletion for deletion in reversed(listing.deletions) if not deletion.name_taken]
        return [UndoableEdit.undoing(deletion) for deletion in undoable]

    def recently_deleted(self, now: datetime | None = None) -> DeletedListing:
        """The signs and clips deleted since :attr:`kept_since` that can be brought back (whose name a sign
        has now: into that sign, :meth:`restore`), the last first
        (``now``: the moment their "when" is told from, this one by default)."""
        now = now or datetime.now()
        try:
            deletions = self.context.database.deletions(deleted_after=self.kept_since)
        except InputError as error:
            return DeletedListing((), now, str(error))
        return DeletedListing(tuple(reversed(deletions)), now)

    # -- reading ----------------------------------------------------------------------------------------

    def sign(self, sign_id: int) -> Sign:
        return self.context.database.sign(sign_id)

    def signs(self, search: str = "", language: str | None = None) -> list[Sign]:
        return self.context.database.signs(search=search, language=language)

    def languages(self) -> list[str]:
        return self.context.database.languages()

    def clips(self, sign_id: int) -> list[ClipInfo]:
        return self.context.database.clips(sign_id)

    def listing(
        self,
        search: str = "",
        language: str | None = None,
        keep: int | None = None,
        listed_before: Sequence[int] = (),
    ) -> SignListing:
        """The signs matching ``search`` in ``language`` (None: all), selecting sign ``keep`` if listed;
        when it alone went from the signs ``listed_before`` (deleted), the one that took its place
        (:func:`kept_in_place`); else the first."""
        try:
            signs = tuple(self.signs(search=search, language=language))
        except InputError as error:
            return SignListing((), None, str(error))
        ids = [sign.id for sign in signs]
        kept = kept_in_place(ids, listed_before, keep)
        selected = ids.index(kept) if kept is not None else 0 if ids else None
        return SignListing(signs, selected, counted(len(signs), "sign"))

    def language_options(self, shown: str | None) -> tuple[list[tuple[str, str | None]], int]:
        """THE language filter (the Library's, Practice's): its (text, language) options and the one to
        show: ``shown`` (None: the language remembered in the settings) if the database has it, else all
        languages."""
        try:
            languages = self.languages()
        except InputError:
            languages = []
        options: list[tuple[str, str | None]] = [(ALL_LANGUAGES, None), *((lang, lang) for lang in languages)]
        wanted = shown if shown is not None else self.context.settings.language
        return options, languages.index(wanted) + 1 if wanted in languages else 0

    def sign_panel(self, sign: Sign | None, listed: int = 0) -> SignPanel:
        """The selected sign's name (as the lists name it: "hallo (DGS)"), details and clips; with none
        selected, how to get one (``listed``: the signs the list shows). An empty library is told to fill
        itself only when it is empty, not when a search hides its signs."""
        if sign is None:
            return SignPanel(NO_SIGN_TITLE, self._no_sign_hint(listed))
        try:
            title = self.context.database.sign_name(sign)
            clips = tuple(self.clips(sign.id))
            hands = self.context.clip_hands  # each clip labelled with the hand every view shows it with
            names = tuple(
                describe_clip(number, hands.of(clip, clips), clip)
                for number, clip in enumerate(clips, start=1)
            )
        except InputError as error:
            return SignPanel(sign.gloss, self.sign_details(sign), problem=str(error))
        sources = tuple(RECORDED_SOURCE if recorded_in_the_app(clip) else clip.source for clip in clips)
        notes = tuple(kept_despite_note(clip) for clip in clips)
        return SignPanel(title, self.sign_details(sign), clips, names, sources, notes)

    def sign_details(self, sign: Sign) -> str:
        """The sign's details as the settings now say (:func:`describe_sign`; again when left-handed mode
        changes)."""
        learners_hand = ViewConvention.from_settings(self.context.settings).learners_hand
        return describe_sign(sign, learners_hand, self.hand_its_clips_show(sign))

    def hand_its_clips_show(self, sign: Sign) -> str:
        """The hand most of ``sign``'s clips are labelled and shown signed with (:class:`ClipHands`); its
        stored hand on a tie or when its clips cannot be read. A starter sign's stored hand is the
        database's default, "right": two-handed DGS signs ("Foto", "Haus") read "dominant hand: right"
        above eight clips labelled "left-handed"."""
        try:
            clips = self.clips(sign.id)
            hands = [self.context.clip_hands.of(clip, clips) for clip in clips]
        except InputError:  # the panel says the clips cannot be read
            return sign.dominant_hand
        left, right = hands.count("left"), hands.count("right")
        return sign.dominant_hand if left == right else "left" if left > right else "right"

    def mirrored_note(self, clip: ClipInfo) -> str:
        """Whether ``clip`` is shown mirrored, as the settings now say, in Practice's words
        (:meth:`ViewConvention.mirrored_note`; "": shown as it is)."""
        try:
            hand = self.context.clip_hands.of(clip)
        except InputError:  # the clips cannot be read: the preview says so
            return ""
        return ViewConvention.from_settings(self.context.settings).mirrored_note(hand)

    def _no_sign_hint(self, listed: int) -> str:
        if listed:
            return CHOOSE_A_SIGN_HINT
        try:
            hidden = bool(self.signs())
        except InputError:
            hidden = False  # the listing says what went wrong
        return NONE_MATCHING_HINT if hidden else EMPTY_LIBRARY_HINT

    # -- editing ----------------------------------------------------------------------------------------

    def add_sign(self, gloss: str, language: str = "") -> int:
        sign_id = self.context.database.add_sign(gloss, language=self.spelled_as_known(language))
        self.context.notify_database_changed()
        return sign_id

    def rename(self, sign_id: int, gloss: str, language: str) -> None:
        """Give a sign a new name, a new language, or both (a name its language has already is refused)."""
        language = self.spelled_as_known(language)
        self.context.database.update_sign(sign_id, gloss=gloss, language=language)
        self.context.notify_database_changed()

    def spelled_as_known(self, language: str) -> str:
        """A language as the learner typed it, spelled as the library already spells it ("dgs" is its DGS),
        so that one language is never listed and filtered as two; "no language", as the lists write it, is
        none."""
        language = language_named(language)
        try:
            known = self.languages()
        except InputError:  # the edit itself then says what is wrong with the database
            known = []
        return next((name for name in known if name.casefold() == language.casefold()), language)

    def retag(self, sign_id: int, tags: list[str]) -> None:
        """Give the sign these tags (the ones it was shown with, edited), keeping those not shown."""
        kept = [tag for tag in self.context.database.sign(sign_id).tags if tag == STARTER_SIGN_TAG]
        self.context.database.update_sign(sign_id, tags=[*tags, *kept])
        self.context.notify_database_changed()

    def add_recorded_clip(self, sign_id: int, recording: Recording, kept_despite: str | None = None) -> int:
        """Store a clip the learner recorded of ``sign_id``, as it was reviewed (cut to its sign); its
        handedness is the hand it is clearly signed with, as its close-up shows (a learner may sign with
        the left hand without left-handed mode on), and where it is not clear (two hands raised alike) the
        learner's own: a guess flips between recordings of one two-handed sign, which then showed it with
        either hand. A sign's first clip gives the sign its dominant hand (:meth:`SignDatabase.add_clip`).
        ``kept_despite``: why the learner was warned against it (the record window's "Keep it anyway")."""
        pose = recording.pose
        handedness = recorded_hand(pose, ViewConvention.from_settings(self.context.settings))
        origin = ClipOrigin(
            RECORDED_SOURCE, licence="own recording", handedness=handedness, kept_despite=kept_despite
        )
        clip_id = self.context.database.add_clip(sign_id, pose, origin)
        self.context.notify_database_changed()
        return clip_id

    def delete_sign(self, sign: Sign) -> None:
        """Delete it (with its clips and attempts); :meth:`undo` brings it back, for
        :data:`KEEP_DELETED_DAYS` days. The library asks first when it has clips
        (:func:`delete_sign_question`)."""
        name = self.context.database.sign_name(sign)
        self.context.database.delete_sign(sign.id)
        self._done(UndoableEdit.of_deletion("sign", sign.id, name))
        if self.context.selected_sign_id == sign.id:
            self.context.select_sign(None)
        self.context.notify_database_changed()

    def delete_clip(self, clip: ClipInfo) -> None:
        """Delete it; :meth:`undo` brings it back. Raises InputError when it is gone already (chosen in a
        list not yet reloaded): that was a traceback."""
        database = self.context.database
        name = database.sign_name(database.sign(clip.sign_id))
        listed = [each.id for each in database.clips(clip.sign_id)]
        if clip.id not in listed:
            raise InputError(
                None, f"That clip of “{name}” is no longer in the library: it was deleted already."
            )
        number = listed.index(clip.id) + 1
        database.delete_clip(clip.id)
        self._done(
            UndoableEdit.of_deletion("clip", clip.id, name, number, clip_made(clip.source, clip.created_at))
        )
        self.context.notify_database_changed()

    def clear_warning(self, clip: ClipInfo) -> None:
        """The learner looked at a clip kept despite the clip check's warning and finds it fine: it is no
        longer marked (library, Practice, exports and backups), as one kept unwarned; :meth:`undo` marks it
        again. The only way out of the mark was deleting a clip the learner meant to keep."""
        if not clip.kept_despite:
            return
        name = self.context.database.sign_name(self.context.database.sign(clip.sign_id))
        self.context.database.set_kept_despite(clip.id, None)
        # Short: beside the count and Undo it was cut to "Cleared the warning on a clip of “letter…"
        self._done(UndoableEdit("warning", clip.id, f"Cleared a warning on “{name}”.", clip.kept_despite))
        self.context.notify_database_changed()

    def _done(self, edit: UndoableEdit) -> None:
        self.undo_stack.append(edit)
        self.events.undo_changed.emit()

    def undo(self) -> UndoableEdit | None:
        """Take back the last edit: bring back the last deleted sign or clip, or a warning cleared (None:
        nothing to undo). If the database refuses, the InputError is raised and the edit is forgotten (it
        cannot be undone): a sign whose name a sign made since has is not offered again, after a restart
        either (:meth:`SignDatabase.deletions`)."""
        if not self.undo_stack:
            return None
        edit = self.undo_stack.pop()
        self._bringing_back(edit.sign_name, lambda: self._take_back(edit))
        self.context.notify_database_changed()
        return edit

    def _take_back(self, edit: UndoableEdit) -> None:
        database = self.context.database
        if edit.kind == "warning":
            database.set_kept_despite(edit.row_id, edit.kept_despite)
        elif edit.kind == "sign":
            database.restore_sign(edit.row_id)
        else:
            database.restore_clip(edit.row_id)

    def restore(self, deletion: Deletion) -> int:
        """Bring back one sign or clip of :meth:`recently_deleted`, leaving the others, which Undo still takes
        back the last first: with Undo alone, a learner who deleted sign A then sign B could not get A back
        without B. A clip whose sign is deleted too comes back with its sign: alone it stayed out of sight,
        in a deleted sign. One whose name a sign has now (``name_taken``) brings its clips into that sign.
        Returns the id of the sign it is in now; raises InputError as :meth:`undo` does."""
        database = self.context.database
        shown_in = deletion.sign_id

        def restore() -> None:
            nonlocal shown_in
            if deletion.name_taken:
                shown_in = database.bring_into_the_sign_of_its_name(deletion)
            elif deletion.kind == "sign":
                database.restore_sign(deletion.row_id)
            else:
                database.restore_clip(deletion.row_id, with_its_sign=True)
            back = {(deletion.kind, deletion.row_id), ("sign", deletion.sign_id)}
            self.undo_stack = [edit for edit in self.undo_stack if (edit.kind, edit.row_id) not in back]

        self._bringing_back(deletion.sign_name, restore)
        self.context.notify_database_changed()
        return shown_in

    def _bringing_back(self, sign_name: str, restore: Callable[[], None]) -> None:
        """Do ``restore`` and announce the change of the undo history. A sign whose name a sign made since
        has is refused in words of its own (the database's "choose another name" asks what neither Undo nor
        Restore can do), and every deletion that can no longer be brought back is forgotten: the clips
        deleted before it would go into a sign still deleted."""
        try:
            restore()
        except NameTakenError as error:
            self._forget_what_cannot_be_restored()
            raise InputError(None, f"“{sign_name}” {CANNOT_BE_BROUGHT_BACK}") from error
        finally:
            self.events.undo_changed.emit()

    def _forget_what_cannot_be_restored(self) -> None:
        """Keep of the deletions to undo only those the database still holds as restorable."""
        restorable = {
            (deletion.kind, deletion.row_id)
            for deletion in self.context.database.deletions(self.kept_since)
            if not deletion.name_taken
        }
        self.undo_stack = [
            edit
            for edit in self.undo_stack
            if edit.kind == "warning" or (edit.kind, edit.row_id) in restorable
        ]

    @property
    def undo_text(self) -> str:
        """What Undo would take back, in words, as read now ("" when nothing)."""
        return self.undo_text_at(datetime.now())

    def undo_text_at(self, now: datetime) -> str:
        """What Undo would take back, in words, as read at ``now`` ("" when nothing)."""
        return self.undo_stack[-1].said_at(now) if self.undo_stack else ""

    def read_undo_history(self) -> None:
        """The database was switched: Undo takes back its deletions (the other's stay in the other, to be
        undone when it is opened again); a cleared warning of the other cannot be put back from here."""
        self.undo_stack = self._deletions_kept()
        self.events.undo_changed.emit()

    # -- background jobs --------------------------------------------------------------------------------

    def export_job(self, folder: str | Path, sign_ids: list[int] | None) -> Job:
        """A job writing ``folder/<gloss>/clip_<n>.pose`` for ``sign_ids`` (None: every sign); returns what
        it wrote (:class:`SignFolderExport`, for :func:`export_done`)."""
        database = self.context.database

        def job(control: JobControl) -> SignFolderExport:
            return export_sign_folder(
                database, folder, sign_ids, progress=control.report, cancel=lambda: control.cancel_requested
            )

        return job

    def purge_job(self) -> Job:
        """A job removing for good what was deleted before :attr:`kept_since` (it can no longer be undone),
        with everything that hangs on it (a clip's video and embeddings, a sign's clips and attempts);
        returns how many signs and clips went."""
        database, deleted_before = self.context.database, self.kept_since

        def job(control: JobControl) -> int:
            control.progress(0, 1, "Removing deleted signs and clips for good…")
            return database.purge_deleted(deleted_before=deleted_before)

        return job

    def compact(self) -> int:
        """Give the space of what was removed for good back to the disk; returns the bytes freed (0, and
        quick, when there is nothing to give back). The database waits while its file is rewritten (about a
        second per 100 MB), so the app calls this once its window has closed."""
        return self.context.database.compact()


def export_done(exported: SignFolderExport, sign_name: str | None) -> str:
    """What "Export sign…" (``sign_name``) or "Export all…" (None) wrote: the clips, and the signs' folders
    they are in by name, each with what it notes of its sign's language, licence and tags (sign.json), which
    an import of the folder reads back (all three were said of a sign with none); a folder an earlier
    export made for its sign, written into again, said so, and that export's clip files this one did not
    write over. Said as clips, the library's word: "8 .pose files" was the file format's; it
    named the folder chosen, not the ones written in it."""
    if not exported.folders:
        return (
            f"“{sign_name}” has no clips yet: nothing was written." if sign_name else "Nothing was written."
        )
    if sign_name is not None:
        [folder] = exported.folders
        clips = "the clip" if exported.clips == 1 else f"the {exported.clips} clips"
        again = ", the folder an earlier export made for it," if exported.earlier else ""
        noted = _with_noted(exported, "the sign's")
        said = f"Wrote {clips} of “{sign_name}” into {folder}{again}{noted}."
    else:
        names = _first_of([folder.name for folder in exported.folders])
        said = (
            f"Wrote {counted(exported.clips, 'clip')} into {exported.folders[0].parent}, a folder for each"
            f" sign{_with_noted(exported, 'its')}: {names}."
        )
        if exported.earlier:
            made = "it" if len(exported.earlier) == 1 else "them"
            earlier = _first_of(sorted(folder.name for folder in exported.earlier))
            said += f" An earlier export made {earlier}: written into {made} again."
    if exported.left_over:
        them = "it" if len(exported.left_over) == 1 else "them"
        left = _first_of([f"{path.parent.name}/{path.name}" for path in exported.left_over])
        said += (
            f" Left as an earlier export wrote {them}, of clips not exported now: {left}. Delete {them}, or"
            f" importing the folder brings {them} back."
        )
    return said


def _with_noted(exported: SignFolderExport, whose: str) -> str:
    """ " with the sign's language and tags": what the export noted of its signs; "" when nothing."""
    noted = [detail for detail in NOTED_DETAILS if detail in exported.noted]
    return f" with {whose} {joined_with_and(noted)}" if noted else ""


def _first_of(names: list[str], shown: int = 3) -> str:
    """ "a, b and c", "a, b, c and 2 more": a few of ``names`` in a sentence."""
    more = len(names) - shown
    return joined_with_and(names if more <= 1 else [*names[:shown], f"{more} more"])


def neighbour_after_deletion(ids: Sequence[int], deleted: int) -> int | None:
    """The id to select once ``deleted`` goes from the list ``ids``: the next one, else the one before, where
    the learner was working (the list jumped to its first row); None when nothing else is listed."""
    if deleted not in ids:
        return None
    row = list(ids).index(deleted)
    if row + 1 < len(ids):
        return ids[row + 1]
    return ids[row - 1] if row > 0 else None


def kept_in_place(listed: Sequence[int], listed_before: Sequence[int], kept: int | None) -> int | None:
    """The id to select in a list ``listed`` again after a change: ``kept`` while it is listed; when it alone
    went from the list (``listed_before``: deleted), the one that took its place
    (:func:`neighbour_after_deletion`); else None. One reload selects it: a reload that selected the first
    row, followed by one selecting the neighbour, flashed the top of the list and did the work twice."""
    if kept is None or kept in listed:
        return kept
    if list(listed) == [row_id for row_id in listed_before if row_id != kept]:
        return neighbour_after_deletion(listed_before, kept)
    return None


def delete_sign_question(name: str, clip_count: int) -> str:
    """What the library asks before deleting the sign ``name`` with its clips: what goes, by name and count
    (one click took a starter sign and its 8 clips away without a word). :data:`DELETE_SIGN_COMFORT` follows
    it."""
    clips = "its clip" if clip_count == 1 else f"its {clip_count} clips"
    return f"Delete “{name}” and {clips}?"


# Says where, too: Undo takes back the last deletion first, "Recently deleted…" any one
DELETE_SIGN_COMFORT = (
    f"Undo or “{RECENTLY_DELETED}…” brings them back, also after the app was closed, for {KEEP_DELETED_DAYS}"
    " days."
)


def recorded_hand(pose: PoseSequence, convention: ViewConvention) -> str:
    """The hand a recording of the learner is stored with, and so shown signed with
    (:meth:`Library.add_recorded_clip`): the one it is clearly signed with, else the learner's."""
    return normalize.clear_signing_hand(pose) or convention.learners_hand


def recorded_in_the_app(clip: ClipInfo) -> bool:
    """Whether ``clip`` is the learner's own recording, as the Library lists it (a clip without a source is
    listed so too), not a clip of other signers."""
    return (clip.source or RECORDED_SOURCE) == RECORDED_SOURCE


def tags_as_text(tags: Sequence[str]) -> str:
    """A sign's tags as the tags box edits them: one a line, so that a tag may hold a comma (a lesson
    named "Food, drink") and several tags are seen at once."""
    return "\n".join(tags)


def tags_from_text(text: str) -> list[str]:
    """The tags typed in the tags box (:func:`tags_as_text`); the database drops blank lines, the spaces
    around a tag and a tag typed twice."""
    return text.splitlines()


def describe_sign(sign: Sign, learners_hand: str, dominant_hand: str | None = None) -> str:
    """A sign's details in one line for the learner: language, dominant hand, tags, notes. Its clips are
    shown signed with the learner's hand (``learners_hand``: :meth:`ViewConvention.mirrors`), so a sign of
    the other hand says how it is shown: a left-handed learner read "dominant hand: right" above a picture
    signed with the left hand. A sign without clips has no hand yet (its first clip gives it one): a new
    sign said "dominant hand: right", the database's default, to a left-handed learner. ``dominant_hand``:
    the one its clips show (:meth:`Library.hand_its_clips_show`), else the one stored with it."""
    details = [language_name(sign.language)]
    if sign.clip_count:
        dominant_hand = dominant_hand or sign.dominant_hand
        hand = f"dominant hand: {dominant_hand}"
        if dominant_hand != learners_hand:
            hand += f" (shown as your {learners_hand} hand)"
        details.append(hand)
    if shown_tags(sign.tags):
        details.append("tags: " + ", ".join(shown_tags(sign.tags)))
    if sign.notes:
        details.append(sign.notes)
    return " · ".join(details)


def describe_clip(number: int, hand: str, clip: ClipInfo) -> str:
    """How the clip list names clip ``number`` (counted from 1) of a sign: who signs it, with which hand
    (``hand``: the one every view takes it to be signed with, :meth:`ClipHands.of`, so a starter clip is
    labelled as a recorded one is; they were "Clip 1" beside "Clip 2 · left-handed"), and whether its video
    is kept. Every clip plays as a skeleton, so that is not said: 'skeleton only' on every row cut the names
    in a narrow list ('Clip 9 · right-handed · skeleton…'). One kept despite a warning is marked first, as
    the import's review marks it (a narrow list cuts the end of its rows): :func:`kept_despite_note` says
    why."""
    parts = [f"{KEPT_DESPITE_MARK} Clip {number}" if clip.kept_despite else f"Clip {number}"]
    if clip.signer:
        parts.append(f"by {clip.signer}")
    parts.append(f"{hand}-handed")
    if clip.has_video:
        parts.append("video")
    return " · ".join(parts)


def kept_despite_note(clip: ClipInfo) -> str:
    """Why ``clip`` was kept against the app's warning, in words, with what the learner may do about it; ""
    when it was not. Such a clip looked like any other in the library: a sign that then judged oddly (its
    attempts matched the one clip that looked wrong) gave no hint why."""
    if not clip.kept_despite:
        return ""
    return f"{KEPT_DESPITE_MARK} {KEPT_DESPITE} {clip.kept_despite} {KEPT_DESPITE_ADVICE}"
