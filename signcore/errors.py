"""Errors that reach the learner as a message, not a traceback.

Everything that reads a file the learner chose raises :class:`InputError` (or a subclass) with a message
that names the file and says what is wrong with it. Entry points (the CLI, the app) catch ``InputError``
and show its text; anything else is a bug.
"""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """A file or device the user gave us cannot be used; the message says which and why."""

    def __init__(self, source: str | Path | None, problem: str):
        self.source = str(source) if source is not None else None
        self.problem = problem
        super().__init__(f"{self.source}: {problem}" if self.source else problem)


class UnsupportedLayoutError(InputError):
    """A pose file from an estimator whose points do not map onto the canonical layout."""


class ModelError(InputError):
    """An encoder model that is missing, corrupt, or does not have the expected inputs and metadata."""
