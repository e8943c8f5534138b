"""One copy of the app at a time on a data folder: a second copy started on the same data would write the same
database and settings file as the first, each undoing what the other saved."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile

LOCK_FILE_NAME = "SignPractice.lock"
ALREADY_OPEN = (
    "SignPractice is already open with your data: use that window (it may be behind other windows or "
    "minimised).\n\nThis second copy closes now: two copies at once would each save your practice and "
    "settings over the other's.\n\nIf SignPractice is not open anywhere (the folder {folder} is shared with "
    "another computer where it ended unexpectedly), delete the file {lock} and start it again."
)


def lock_data_folder(folder: Path) -> QLockFile | None:
    """The lock of the data folder ``folder``, held by this copy of the app until it ends (or the lock is
    released); None when another copy holds it. A lock left behind by a copy that was killed or crashed is
    taken over (Qt finds its process gone). A folder where no lock can be made (read-only) does not keep the
    app from starting: it could not save there anyway, and says so when it tries."""
    lock = QLockFile(str(folder / LOCK_FILE_NAME))
    lock.setStaleLockTime(0)  # never stale by its age: the copy holding it may run for days
    if lock.tryLock(0) or lock.error() != QLockFile.LockError.LockFailedError:
        return lock
    return None


def already_open_message(folder: Path) -> str:
    return ALREADY_OPEN.format(folder=folder, lock=folder / LOCK_FILE_NAME)
