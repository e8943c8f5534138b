"""Where every file picker opens: the folder the learner last picked something in, else their home folder.

Never the program's working folder, which Qt takes for an empty start: for an installed app that is its
installation folder. The last folder is a setting (``Settings.last_folder``): the next start opens there too.
"""

from __future__ import annotations

from pathlib import Path


def picker_start(last_folder: str | None, current: str | None = None, name: str = "") -> str:
    """The place a picker opens at: the folder of ``current`` (the file a field names already), else
    ``last_folder``, else the home folder, whichever is first there; a save dialog's suggested ``name`` in it.
    A relative ``current`` says nothing about a folder (it is the working folder's)."""
    candidates = [Path(current).parent] if current and Path(current).is_absolute() else []
    candidates += [Path(last_folder)] if last_folder else []
    folder = next((candidate for candidate in candidates if candidate.is_dir()), Path.home())
    return str(folder / name) if name else str(folder)
