"""THE file pickers of the app: each opens where :func:`desktop_app.core.shared.file_places.picker_start` says
(the folder the learner last picked something in for the same ``place``, else their home folder) and remembers
the folder picked for that place (:data:`~desktop_app.core.shared.file_places.SIGNING_FILES` unless said).
Each lists files with :class:`IconsByName`, so that no file's contents are read to show it."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QFileInfo, QMimeDatabase, QMimeType
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QWidget

from desktop_app.core.app.context import AppContext
from desktop_app.core.shared.file_places import SIGNING_FILES, picker_start


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
        path = _picked_one(_picker(parent, caption, start, file_filter, QFileDialog.FileMode.ExistingFile))
    return _remembered(context, place, path, Path(path).parent)


def _opened_or_named(parent: QWidget | None, caption: str, start: str, file_filter: str) -> str:
    """A file to open, or the name of a new one ("": cancelled): a save dialog, where a new name can be
    typed, that neither asks whether to replace a file that exists (it is opened, not replaced: "garbage.db
    already exists. Do you want to replace it?" scared a learner off opening a backup) nor says Save."""
    dialog = _picker(parent, caption, start, file_filter, QFileDialog.FileMode.AnyFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setOption(QFileDialog.Option.DontConfirmOverwrite)
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, "Open")
    return _picked_one(dialog)


def open_files(parent: QWidget | None, context: AppContext, caption: str, file_filter: str) -> list[str]:
    start = _start(context, SIGNING_FILES)
    dialog = _picker(parent, caption, start, file_filter, QFileDialog.FileMode.ExistingFiles)
    paths = _picked(dialog)
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
    dialog = _picker(
        parent, caption, _start(context, place, current, name), file_filter, QFileDialog.FileMode.AnyFile
    )
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    path = _picked_one(dialog)
    return _remembered(context, place, path, Path(path).parent)


def choose_folder(
    parent: QWidget | None,
    context: AppContext,
    caption: str,
    place: str = SIGNING_FILES,
    otherwise: str | None = None,
) -> str | None:
    """A folder (None: cancelled), the picker opening at ``place``'s last folder, else ``otherwise``'s."""
    dialog = _picker(
        parent, caption, _start(context, place, otherwise=otherwise), "", QFileDialog.FileMode.Directory
    )
    dialog.setOption(QFileDialog.Option.ShowDirsOnly)
    folder = _picked_one(dialog)
    return _remembered(context, place, folder, Path(folder))


class IconsByName(QFileIconProvider):
    """A file's icon and type told from its name alone. Qt's own provider reads a file to guess its type,
    and a file such as /proc/kmsg never answers a read: a picker's name field completing into /proc froze
    the whole app (every picker's list and completer ask their provider). Folders and drives keep the
    style's icons."""

    def icon(self, about: QFileInfo | QFileIconProvider.IconType) -> QIcon:
        if not isinstance(about, QFileInfo):  # one of the style's icons (Folder, Drive...)
            return super().icon(about)
        if about.isRoot():
            return super().icon(QFileIconProvider.IconType.Drive)
        if about.isDir():
            return super().icon(QFileIconProvider.IconType.Folder)
        return QIcon.fromTheme(_type_by_name(about).iconName(), super().icon(QFileIconProvider.IconType.File))

    def type(self, info: QFileInfo) -> str:
        if info.isRoot():
            return "Drive"
        if info.isDir():
            return "Folder"
        return _type_by_name(info).comment()


def _type_by_name(info: QFileInfo) -> QMimeType:
    return QMimeDatabase().mimeTypeForFile(info.fileName(), QMimeDatabase.MatchMode.MatchExtension)


@cache
def _icons_by_name() -> IconsByName:
    """THE icon provider of every picker (a dialog does not own its provider: this one lives on)."""
    return IconsByName()


def _picker(
    parent: QWidget | None, caption: str, start: str, file_filter: str, mode: QFileDialog.FileMode
) -> QFileDialog:
    dialog = QFileDialog(parent, caption, start, file_filter)
    dialog.setFileMode(mode)
    dialog.setIconProvider(_icons_by_name())
    return dialog


def _picked(dialog: QFileDialog) -> list[str]:
    """The files or the folder picked in ``dialog`` (none: cancelled); the dialog let go of once answered."""
    picked = dialog.selectedFiles() if dialog.exec() else []
    dialog.deleteLater()
    return picked


def _picked_one(dialog: QFileDialog) -> str:
    return next(iter(_picked(dialog)), "")


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
