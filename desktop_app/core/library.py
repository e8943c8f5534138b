"""The library's use cases: add, rename, retag and delete signs and clips, with undo; record a clip; export;
and purging what was deleted for good. Qt-free.

Deleting is soft (the database keeps the rows, hidden) so that Undo can bring them back. The undo history
lives as long as the app runs: at the next start nothing deleted earlier can be undone any more, so
:meth:`Library.purge_job` removes it for good and gives the space back to the disk, in the background.

Every edit raises :class:`signcore.errors.InputError` (or ValueError for a bad name) with a message for the
learner and changes nothing when it fails; a successful edit announces ``database_changed`` through the
context, and a change of the undo history ``undo_changed`` here.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from desktop_app.core.events import EventGroup
from desktop_app.core.jobs import Job, JobControl
from desktop_app.core.settings import Settings
from signcore.database import ClipInfo, Sign, SignDatabase
from signcore.ingest import export_sign_folder
from signcore.layout import PoseSequence

RECORDED_SOURCE = "recorded in the app"


class LibraryOwner(Protocol):
    """What the library needs of the app's context (:class:`~desktop_app.core.context.AppContext`)."""

    database: SignDatabase
    settings: Settings
    selected_sign_id: int | None

    def select_sign(self, sign_id: int | None) -> None: ...

    def notify_database_changed(self) -> None: ...


@dataclass(frozen=True)
class Deletion:
    """Something deleted that Undo can bring back."""

    kind: str  # "sign" or "clip"
    row_id: int
    label: str  # how the learner knows it, e.g. 'sign “HELLO”'


@dataclass(frozen=True)
class PurgeResult:
    removed: int  # signs and clips removed for good (their videos, embeddings and attempts with them)
    bytes_freed: int  # by compacting the database file


class Library:
    """The library's edits (one instance per app, ``context.library``); the database is the truth."""

    def __init__(self, context: LibraryOwner):
        self.context = context
        self.undo_stack: list[Deletion] = []
        self.events = EventGroup("undo_changed")
        # Anything deleted before this moment can no longer be undone (its undo history ended with the run
        # that deleted it), so it may be purged.
        self.started_at = time.time()

    # -- reading ----------------------------------------------------------------------------------------

    def sign(self, sign_id: int) -> Sign:
        return self.context.database.sign(sign_id)

    def signs(self, search: str = "", language: str | None = None) -> list[Sign]:
        return self.context.database.signs(search=search, language=language)

    def languages(self) -> list[str]:
        return self.context.database.languages()

    def clips(self, sign_id: int) -> list[ClipInfo]:
        return self.context.database.clips(sign_id)

    def clip_pose(self, clip_id: int) -> PoseSequence:
        return self.context.database.clip_pose(clip_id)

    # -- editing ----------------------------------------------------------------------------------------

    def add_sign(self, gloss: str, language: str = "") -> int:
        sign_id = self.context.database.add_sign(gloss, language=language)
        self.context.notify_database_changed()
        return sign_id

    def rename(self, sign_id: int, gloss: str) -> None:
        self.context.database.update_sign(sign_id, gloss=gloss)
        self.context.notify_database_changed()

    def retag(self, sign_id: int, tags: list[str]) -> None:
        self.context.database.update_sign(sign_id, tags=tags)
        self.context.notify_database_changed()

    def add_recorded_clip(self, sign_id: int, pose: PoseSequence) -> int:
        """Store a clip the learner recorded of ``sign_id``; its handedness is the learner's own hand."""
        clip_id = self.context.database.add_clip(
            sign_id,
            pose,
            source=RECORDED_SOURCE,
            licence="own recording",
            handedness="left" if self.context.settings.left_handed else "right",
        )
        self.context.notify_database_changed()
        return clip_id

    def delete_sign(self, sign: Sign) -> None:
        """Delete at once, no confirmation needed: :meth:`undo` brings it back."""
        self.context.database.delete_sign(sign.id)
        self._deleted(Deletion("sign", sign.id, f"sign “{sign.gloss}”"))
        if self.context.selected_sign_id == sign.id:
            self.context.select_sign(None)
        self.context.notify_database_changed()

    def delete_clip(self, clip: ClipInfo, gloss: str) -> None:
        self.context.database.delete_clip(clip.id)
        self._deleted(Deletion("clip", clip.id, f"a clip of “{gloss}”"))
        self.context.notify_database_changed()

    def _deleted(self, deletion: Deletion) -> None:
        self.undo_stack.append(deletion)
        self.events.undo_changed.emit()

    def undo(self) -> Deletion | None:
        """Bring back the last deleted sign or clip (None: nothing to undo). If the database refuses, the
        InputError is raised and the deletion is forgotten (it cannot be undone)."""
        if not self.undo_stack:
            return None
        deletion = self.undo_stack.pop()
        database = self.context.database
        try:
            restore = database.restore_sign if deletion.kind == "sign" else database.restore_clip
            restore(deletion.row_id)
        finally:
            self.events.undo_changed.emit()
        self.context.notify_database_changed()
        return deletion

    @property
    def undo_text(self) -> str:
        """What Undo would bring back, in words ("" when nothing)."""
        return f"Deleted {self.undo_stack[-1].label}." if self.undo_stack else ""

    def forget_undo_history(self) -> None:
        """The database was switched: its deletions cannot be undone from here any more."""
        if self.undo_stack:
            self.undo_stack.clear()
            self.events.undo_changed.emit()

    # -- background jobs --------------------------------------------------------------------------------

    def export_job(self, folder: str | Path, sign_ids: list[int] | None) -> Job:
        """A job writing ``folder/<gloss>/clip_<id>.pose`` for ``sign_ids`` (None: every sign); returns how
        many files it wrote."""
        database = self.context.database

        def job(control: JobControl) -> int:
            return export_sign_folder(
                database, folder, sign_ids, progress=control.report, cancel=lambda: control.cancel_requested
            )

        return job

    def purge_job(self) -> Job:
        """A job removing for good what was deleted before this run began (it can no longer be undone), and
        compacting the database file when it has free space; returns a :class:`PurgeResult`.

        Run it in the background at a quiet moment (the main window does, shortly after start-up): the
        compaction holds the database for as long as rewriting the file takes."""
        database, deleted_before = self.context.database, self.started_at

        def job(control: JobControl) -> PurgeResult:
            control.progress(0, 2, "Tidying up the sign database…")
            removed = database.purge_deleted(older_than=max(time.time() - deleted_before, 0.0))
            control.progress(1, 2, "Tidying up the sign database…")
            return PurgeResult(removed, database.compact())

        return job
