"""Where every file picker opens: the folder the learner last picked something in for the same purpose, else
their home folder.

Never the program's working folder, which Qt takes for an empty start: for an installed app that is its
installation folder. Each purpose's last folder is a setting (its name below): the next start opens there too.
Exports keep their own: Export my data opened in the folder of the .pose files last searched with. Signs
exported from the Library are signing written out, though: until an export has a folder, their picker opens
where signing was last read in (the first Export all opened at home, far from the folder imported from).
"""

from __future__ import annotations

from pathlib import Path

# The purposes, by the setting that remembers each one's folder
SIGNING_FILES = "last_folder"  # files read in: signing to import or search with, the camera's video, a model
EXPORTS = "last_export_folder"  # the learner's data written out: their archive, history, .pose exports


def picker_start(
    last_folder: str | None, current: str | None = None, name: str = "", otherwise: str | None = None
) -> str:
    """The place a picker opens at: the folder of ``current`` (the file a field names already), else
    ``last_folder``, else ``otherwise`` (another purpose's last folder), else the home folder, whichever is
    first there; a save dialog's suggested ``name`` in it. A relative ``current`` says nothing about a folder
    (it is the working folder's)."""
    candidates = [Path(current).parent] if current and Path(current).is_absolute() else []
    candidates += [Path(folder) for folder in (last_folder, otherwise) if folder]
    folder = next((candidate for candidate in candidates if candidate.is_dir()), Path.home())
    return str(folder / name) if name else str(folder)
