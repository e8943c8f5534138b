"""Atomic file writes, and content digests of files.

A file the learner relies on is either the old one or the complete new one.

Every writer in the project goes through :func:`write_atomically`: it writes a temporary file in the target's
folder (same file system, so the final move is atomic), flushes it to disk, then moves it into place (and, on
POSIX, flushes the folder, so that the move survives a power cut). A full disk or a failed writer leaves the
previous file untouched and no half-written file behind. A killed process leaves the previous file untouched
too, but cannot remove its temporary file: the next write of the same file removes those that were not
written to for :data:`STALE_PART_SECONDS`.
"""

from __future__ import annotations

import contextlib
import functools
import glob
import hashlib
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from signcore.errors import InputError, os_problem

STALE_PART_SECONDS = 3600  # no writer leaves its temporary file untouched this long: its process is gone


def write_atomically(
    target: str | Path,
    write: Callable[[Path], None],
    publish: Callable[[str, Path], None] = os.replace,
) -> None:
    """Call ``write(temporary_path)``, then ``publish(temporary_path, target)`` (by default a rename).

    The writer gets a path rather than an open file because some writers (SQLite, torch) open it themselves.
    A failure to write (no space, no permission, the folder is a file) is an :class:`InputError` naming
    ``target``.
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_temporaries(target)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        os.close(handle)
    except (FileExistsError, NotADirectoryError) as error:
        raise InputError(target, "cannot write here: a file stands where its folder should be") from error
    except OSError as error:
        raise InputError(target, f"cannot write here ({os_problem(error)})") from error
    try:
        write(Path(temporary))
        os.chmod(temporary, 0o644)  # mkstemp makes the file private; ours are ordinary documents and models
        with open(temporary, "rb+") as written:
            os.fsync(written.fileno())
        publish(temporary, target)
        _flush_folder(target.parent)
    except OSError as error:
        raise InputError(target, f"cannot write it ({os_problem(error)})") from error
    finally:
        Path(temporary).unlink(missing_ok=True)


def _remove_stale_temporaries(target: Path) -> None:
    """Remove the temporary files of ``target`` that killed writers left (see the module docstring)."""
    cutoff = time.time() - STALE_PART_SECONDS
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.*.part"):
        with contextlib.suppress(OSError):  # gone meanwhile, or not ours to remove: harmless
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()


def _flush_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows cannot open a folder, and NTFS journals it)."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):  # some file systems refuse it; the file is in place all the same
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


NOT_A_REGULAR_FILE = "not a file but a device, a pipe or a socket"


def require_file(path: Path) -> None:
    """:class:`InputError` unless ``path`` is a regular file (or a link to one): reading a device such as
    /dev/zero never ends, and a pipe waits for a writer that may never come, so neither is ever opened."""
    if path.is_file():
        return
    if path.is_dir():
        raise InputError(path, "this is a folder; choose a file")
    if path.exists():
        raise InputError(path, NOT_A_REGULAR_FILE)
    if path.is_symlink():  # the link is there, what it leads to is not (or the OS gave up on a loop)
        raise InputError(path, "a link that leads to no file (broken, or a loop)")
    raise InputError(path, "no such file")


def write_bytes_atomically(target: str | Path, data: bytes) -> None:
    def write(temporary: Path) -> None:
        temporary.write_bytes(data)

    write_atomically(target, write)


def write_text_atomically(target: str | Path, text: str) -> None:
    """Write ``text`` as UTF-8. A lone surrogate (the byte of a file name that is not UTF-8) is written as
    its escape, ``\\udcff``: still valid UTF-8, and in a JSON string the very same character again."""

    def write(temporary: Path) -> None:
        temporary.write_text(text, encoding="utf-8", errors="backslashreplace", newline="")

    write_atomically(target, write)


def sha256_of_file(path: str | Path) -> str:
    """Hex sha256 of a file's bytes (read in blocks: videos and model bundles can be large); OSError as is."""
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


class FileAsItIs(NamedTuple):
    """Which file this is, as it is now: what is learnt of a file (its digest, whether it can be read, the
    learner's answers about it) holds until it changes; a file written again has another size or time."""

    path: str  # in full, links followed: a file named two ways is one
    size: int
    modified_ns: int


def file_as_it_is(path: str | Path) -> FileAsItIs | None:
    """The file at ``path`` as it is now; None when there is none (or it cannot be looked at)."""
    try:
        status = Path(path).stat()
        return FileAsItIs(str(Path(path).resolve()), status.st_size, status.st_mtime_ns)
    except OSError:
        return None


def sha256_of_file_as_it_is(path: str | Path) -> str:
    """:func:`sha256_of_file`, remembered per file as it is (:func:`file_as_it_is`: a rewritten file misses):
    a video is looked up more than once (an import's check for a copy, then the digest its tracked
    landmarks keep; a sign folder's cache, then its load). OSError as is."""
    stamp = file_as_it_is(path)
    # none there: reading it raises the OSError that says why
    return sha256_of_file(path) if stamp is None else _sha256_remembered(stamp)


@functools.lru_cache(maxsize=4096)
def _sha256_remembered(stamp: FileAsItIs) -> str:
    return sha256_of_file(stamp.path)
