"""THE file pickers of the app: each opens where :func:`desktop_app.core.file_places.picker_start` says (the
folder the learner last picked something in, else their home folder) and remembers the folder picked."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from desktop_app.core.context import AppContext
from desktop_app.core.file_places import picker_start


def open_file(
    parent: QWidget | None, context: AppContext, caption: str, file_filter: str, current: str | None = None
) -> str | None:
    """An existing file (None: cancelled); ``current``: the file a field names already (opens beside it)."""
    path, _ = QFileDialog.getOpenFileName(parent, caption, _start(context, current), file_filter)
    return _remembered(context, path, Path(path).parent)


def open_files(parent: QWidget | None, context: AppContext, caption: str, file_filter: str) -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(parent, caption, _start(context), file_filter)
    if paths:
        _remembered(context, paths[0], Path(paths[0]).parent)
    return paths


def save_file(
    parent: QWidget | None,
    context: AppContext,
    caption: str,
    file_filter: str,
    name: str = "",
    current: str | None = None,
) -> str | None:
    """Where to write a file (``name``: the suggested file name), or None if cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, caption, _start(context, current, name), file_filter)
    return _remembered(context, path, Path(path).parent)


def choose_folder(parent: QWidget | None, context: AppContext, caption: str) -> str | None:
    folder = QFileDialog.getExistingDirectory(parent, caption, _start(context))
    return _remembered(context, folder, Path(folder))


def _start(context: AppContext, current: str | None = None, name: str = "") -> str:
    return picker_start(context.settings.last_folder, current, name)


def _remembered(context: AppContext, picked: str, folder: Path) -> str | None:
    """``picked`` (None when the picker was cancelled), its ``folder`` remembered for the next picker."""
    if not picked:
        return None
    context.remember(last_folder=str(folder))
    return picked
