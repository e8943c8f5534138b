"""Errors that reach the learner as a message, not a traceback.

Everything that reads a file the learner chose raises :class:`InputError` (or a subclass) with a message
that names the file and says what is wrong with it. Entry points (the CLI, the app) catch ``InputError``
and show its text; anything else is a bug.
"""

from __future__ import annotations

import errno
import functools
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec

_P = ParamSpec("_P")

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPED_BYTES = range(0xDC80, 0xDD00)  # how Python keeps the bytes of a name that is not UTF-8


def readable(text: str) -> str:
    """``text`` (e.g. a file name) as text that can be printed, shown and stored as UTF-8.

    Python gives the bytes of a file name that is not UTF-8 as lone surrogates ("surrogateescape"), which
    printing, UTF-8 files and SQLite refuse. Each becomes the Latin-1 letter of its byte (``caf\\udce9`` ->
    ``café``, the usual case: a folder named on an older system), any other lone surrogate U+FFFD.
    """
    return _LONE_SURROGATE.sub(
        lambda match: chr(ord(match[0]) - 0xDC00) if ord(match[0]) in _ESCAPED_BYTES else "\ufffd", text
    )


# What a failed read or write of the learner's files most often means, in their words (by errno name: not
# every system has every one).
_OS_PROBLEMS = {
    getattr(errno, name): words
    for name, words in (
        ("ENOSPC", "the disk is full"),
        ("EDQUOT", "the disk is full (your share of it is used up)"),
        ("EACCES", "no permission"),
        ("EPERM", "no permission"),
        ("EROFS", "the drive is read-only"),
        ("ENOTDIR", "a file stands where a folder should be"),
        ("EISDIR", "a folder stands where the file should be"),
        ("ELOOP", "a link leads round in a loop"),
    )
    if hasattr(errno, name)
}


def os_problem(error: OSError) -> str:
    """The reason of a failed file operation in plain words (the system's own words otherwise)."""
    return _OS_PROBLEMS.get(error.errno or 0) or error.strerror or str(error)


def read_problem(error: Exception) -> str:
    """Why a file could not be read, in plain words: a system error (:func:`os_problem`), text that is not
    UTF-8, or the reader's own words."""
    if isinstance(error, OSError):
        return os_problem(error)
    if isinstance(error, UnicodeDecodeError):
        return f"it is not UTF-8 text (byte {error.start + 1} is not UTF-8); save it as UTF-8 and try again"
    return str(error)


class InputError(Exception):
    """A file or device the user gave us cannot be used; the message says which and why."""

    def __init__(self, source: str | Path | None, problem: str):
        self.source = readable(str(source)) if source is not None else None
        self.problem = readable(problem)
        super().__init__(f"{self.source}: {self.problem}" if self.source else self.problem)


def ends_plainly(main: Callable[_P, int]) -> Callable[_P, int]:
    """A command-line entry point (the trainer's commands, the measuring tools) that ends as its user can
    read it, never with a traceback: bad input (:class:`InputError`: a --db that does not exist) with its
    message on one line of stderr and exit code 2, argparse's for a bad argument; Ctrl+C with "interrupted"
    and 130, the shell's."""

    @functools.wraps(main)
    def ending_plainly(*args: _P.args, **kwargs: _P.kwargs) -> int:
        try:
            return main(*args, **kwargs)
        except InputError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        except KeyboardInterrupt:
            print("interrupted", file=sys.stderr)
            return 130

    return ending_plainly


class UnsupportedLayoutError(InputError):
    """A pose file from an estimator whose points do not map onto the canonical layout."""


class ModelError(InputError):
    """An encoder model that is missing, corrupt, or does not have the expected inputs and metadata."""
