"""One copy of the app at a time on a data folder: a second copy started on the same data would write the same
database and settings file as the first, each undoing what the other saved. ``--score`` and ``--selftest``
write there too (the database, the log), so they wait their turn the same way, said on the terminal."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLockFile
from PySide6.QtWidgets import QMessageBox

from signcore.paths import APP_NAME

LOCK_FILE_NAME = "SignPractice.lock"
# Only another computer's copy can leave this message behind it: a lock left by a copy that ended unexpectedly
# on this computer is taken over (lock_data_folder). Starting and closing the app there removes its lock.
ALREADY_OPEN = (
    "SignPractice is already open with your data: use that window (it may be behind other windows or "
    "minimised).\n\nThis second copy closes now: two copies at once would each save your practice and "
    "settings over the other's.\n\nNot open on this computer? It may be open on another computer that uses "
    "the same data folder (a shared or synced folder): close it there. If it ended unexpectedly there, start "
    "it there once and close it."
)
# The file, for whoever cannot get to that computer: shown only under "Show Details..."
LOCK_DETAILS = (
    "Your data folder: {folder}\n\nSignPractice marks it as in use with the file {lock}. A mark left by a "
    "copy that ended unexpectedly on this computer is found and passed over; one left by another computer "
    "cannot be checked from here. If SignPractice is open on no computer, deleting this file lets it start."
)


# For --score and --selftest, on the terminal: they end as a second window does, having touched nothing.
IN_USE = (
    "SignPractice is open with your data ({folder}): close it, then run this again. Both at once would "
    "write to the same files."
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


def say_already_open(folder: Path) -> None:
    """Tell the learner that another copy holds the lock of the data folder ``folder``, and wait for OK."""
    box = QMessageBox(QMessageBox.Icon.Information, APP_NAME, ALREADY_OPEN)
    box.setDetailedText(LOCK_DETAILS.format(folder=folder, lock=folder / LOCK_FILE_NAME))
    box.exec()


def say_in_use(folder: Path) -> None:
    """Tell the user of a command-line mode that another copy holds the lock of the data folder ``folder``."""
    print(IN_USE.format(folder=folder), file=sys.stderr)
