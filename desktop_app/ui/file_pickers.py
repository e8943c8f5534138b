"""THE file pickers of the app: each opens where :func:`desktop_app.core.file_places.picker_start` says (the
folder the learner last picked something in for the same ``place``, else their home folder) and remembers the
folder picked for that place (:data:`~desktop_app.core.file_places.SIGNING_FILES` unless said)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from desktop_app.core.context import AppContext
from desktop_app.core.file_places import SIGNING_FILES, picker_start


def open_file(
    parent: QWidget | None,
    context: AppContext,
    caption: str,
    file_filter: str,
    current: str | None = None,
    place: str = SIGNING_FILES,
    may_create: bool = False,
) -> str | None:
    """An existing file (None: cancelled); ``current``: the file a field names already (opens beside it).
    ``may_create``: or the name of a new one to create (:func:`_opened_or_named`)."""
    start = _start(context, place, current)
    if may_create:
        path = _opened_or_named(parent, caption, start, file_filter)
    else:
        path, _ = QFileDialog.getOpenFileName(parent, caption, start, file_filter)
    return _remembered(context, place, path, Path(path).parent)


def _opened_or_named(parent: QWidget | None, caption: str, start: str, file_filter: str) -> str:
    """A file to open, or the name of a new one ("": cancelled): a save dialog, where a new name can be
    typed, that neither asks whether to replace a file that exists (it is opened, not replaced: "garbage.db
    already exists. Do you want to replace it?" scared a learner off opening a backup) nor says Save."""
    dialog = QFileDialog(parent, caption, start, file_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setOption(QFileDialog.Option.DontConfirmOverwrite)
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, "Open")
    return dialog.selectedFiles()[0] if dialog.exec() and dialog.selectedFiles() else ""


def open_files(parent: QWidget | None, context: AppContext, caption: str, file_filter: str) -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(parent, caption, _start(context, SIGNING_FILES), file_filter)
    if paths:
        _remembered(context, SIGNING_FILES, paths[0], Path(paths[0]).parent)
    return paths


def save_file(
    parent: QWidget | None,
    context: AppContext,
    caption: str,
    file_filter: str,
    name: str = "",
    current: str | None = None,
    place: str = SIGNING_FILES,
) -> str | None:
    """Where to write a file (``name``: the suggested file name), or None if cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, caption, _start(context, place, current, name), file_filter)
    return _remembered(context, place, path, Path(path).parent)


def choose_folder(
    parent: QWidget | None,
    context: AppContext,
    caption: str,
    place: str = SIGNING_FILES,
    otherwise: str | None = None,
) -> str | None:
    """A folder (None: cancelled), the picker opening at ``place``'s last folder, else ``otherwise``'s."""
    folder = QFileDialog.getExistingDirectory(parent, caption, _start(context, place, otherwise=otherwise))
    return _remembered(context, place, folder, Path(folder))


def _start(
    context: AppContext, place: str, current: str | None = None, name: str = "", otherwise: str | None = None
) -> str:
    settings = context.settings
    return picker_start(getattr(settings, place), current, name, otherwise and getattr(settings, otherwise))


def _remembered(context: AppContext, place: str, picked: str, folder: Path) -> str | None:
    """``picked`` (None when the picker was cancelled), its ``folder`` remembered for the next picker of the
    same ``place``."""
    if not picked:
        return None
    context.remember(**{place: str(folder)})
    return picked
