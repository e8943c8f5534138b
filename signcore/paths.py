"""Where the shipped files are and where the learner's data goes.

Shipped files (models, assets) are found relative to the code, so the project works from a checkout, an
editable install and a PyInstaller bundle moved anywhere. The learner's data (database, settings) always lives
in the user's data folder, never beside the code.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from signcore.errors import InputError, os_problem

APP_NAME = "SignPractice"


def install_root() -> Path:
    """The folder that holds ``models/`` and ``assets/``."""
    if getattr(sys, "frozen", False):  # PyInstaller: data files sit beside the unpacked modules
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    return Path(__file__).resolve().parent.parent


def models_dir() -> Path:
    return install_root() / "models"


def assets_dir() -> Path:
    return install_root() / "assets"


def shared_dir() -> Path:
    """The developers' read-only data and models folder, ``../shared`` beside the checkout (training data,
    evaluation sets; never on a learner's machine); ``SIGNPRACTICE_SHARED`` overrides it."""
    override = os.environ.get("SIGNPRACTICE_SHARED")
    return Path(override) if override else install_root().parent / "shared"


def user_data_dir() -> Path:
    """The learner's data folder; ``SIGNPRACTICE_DATA_DIR`` overrides it (tests, portable installs).
    :class:`NoDataFolderError` when it cannot be made (a read-only home, a file in its place)."""
    override = os.environ.get("SIGNPRACTICE_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = "a file stands where it should be" if path.is_file() else os_problem(error)
        raise NoDataFolderError(path, reason) from error
    return path


class NoDataFolderError(InputError):
    """The learner's data folder cannot be made; ``reason`` says why in a few words ("no permission")."""

    def __init__(self, folder: Path, reason: str):
        super().__init__(
            folder,
            f"cannot make the folder for your data here ({reason}); "
            "set SIGNPRACTICE_DATA_DIR to a folder you can write to",
        )
        self.reason = reason
