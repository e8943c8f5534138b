"""The learner's settings, persisted as JSON in the user data folder.

Every field has a default that works on a fresh machine, so a missing file means "defaults". A file that
cannot be read raises :class:`signcore.errors.InputError` naming it; the app then starts with defaults and
says so. Such a file is first moved aside (``settings.json.corrupt-<date>-<time>``): saving the defaults on
exit must not overwrite what the learner had, and the next start finds no bad file to complain about again.
Unknown keys (from a newer version) are ignored and keys missing from an older file take defaults.
"""

from __future__ import annotations

import dataclasses
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from signcore.errors import InputError
from signcore.files import write_text_atomically
from signcore.paths import user_data_dir
from signcore.words import counted

SETTINGS_FILE_NAME = "settings.json"
PLAYBACK_SPEEDS = (0.25, 0.5, 0.75, 1.0)
MAX_NEW_SIGNS_PER_DAY = 50


# The settings that are the learner's own on any computer, which "Export my data" carries (core.app.portable);
# the others name this computer's cameras (and their turns), files and folders, or what was on screen last.
PORTABLE_SETTINGS = (
    "left_handed",
    "signing_hand_asked",
    "mirror_display",
    "auto_start",
    "playback_speed",
    "new_signs_per_day",
)
# How the learner is told of a portable setting taken from an archive (signing_hand_asked goes unsaid)
SETTING_WORDS: dict[str, Callable[[Any], str]] = {
    "left_handed": lambda left: "left-handed" if left else "right-handed",
    "mirror_display": lambda mirrored: f"mirror view {'on' if mirrored else 'off'}",
    "auto_start": lambda auto: f"starting when your hands come up {'on' if auto else 'off'}",
    "playback_speed": lambda speed: f"reference speed {speed:g}×",
    "new_signs_per_day": lambda count: f"{counted(count, 'new sign')} a day",
}


def default_settings_path() -> Path:
    return user_data_dir() / SETTINGS_FILE_NAME


@dataclass
class Settings:
    # Camera: a device index, or a video file used as the camera (looped) when video_path is set.
    camera_index: int = 0
    video_path: str | None = None
    # A video file recorded with a phone's front camera or a webcam app is usually mirrored ("selfie").
    video_is_selfie: bool = True
    # Clockwise quarter turns (1-3) of each turned camera's own picture, by camera_key: a camera mounted on
    # its side or upside down has every frame turned so before it is tracked or shown. Per camera: another
    # camera, or a video file, is not turned as the webcam on its side is (a camera not here: not turned).
    camera_turns: dict[str, int] = field(default_factory=dict)
    mirror_display: bool = True  # display only: scoring always sees the true, unmirrored landmarks
    left_handed: bool = False  # mirrors the REFERENCE, never the learner's input
    # Whether Home has asked which hand the learner signs with (left_handed): once, on the first run. A
    # left-handed beginner's first attempts were rated Again before they learnt of the setting. A settings
    # file from before the question counts as asked: that learner has been using the app (and Settings).
    signing_hand_asked: bool = False
    # An attempt starts when the hands come up (else: Space, the button or 3-2-1). Off until the learner
    # turns it on: on, practice scored (and saved) an attempt moments after it opened, before a sign was
    # chosen. A settings file saved with it on keeps it on.
    auto_start: bool = False
    playback_speed: float = 0.5  # reference playback, one of PLAYBACK_SPEEDS
    model_path: str | None = None  # None: the shipped models/encoder.onnx
    database_path: str | None = None  # None: the default database in the user data folder
    # The sign practised last: its id, and its name and language to check the id against (another database
    # has other signs under the same ids) and to find it again by, should it have been deleted and made anew.
    # Older versions kept only the name (last_sign_id and last_sign_language None).
    last_sign: str | None = None
    last_sign_id: int | None = None
    last_sign_language: str | None = None
    language: str | None = None  # language filter of the sign list; None = all
    # Where the file pickers open (core.shared.file_places), one folder per purpose; None = the home folder
    last_folder: str | None = None  # files read in: signing to import or search with, a video, a model
    last_export_folder: str | None = None  # the learner's data written out (and its archives read back)
    import_kind: str | None = None  # the Import dialog's kind imported last (imports.KINDS); None: the first
    new_signs_per_day: int = 5  # the learning path's daily cap of new signs in a review (0 = reviews only)

    @classmethod
    def load(cls, path: str | Path | None = None) -> Settings:
        """Settings from ``path`` (default: the user data folder); defaults if the file does not exist.

        A file that cannot be used is moved aside before :class:`InputError` is raised (see the module
        docstring); the message says where it went.
        """
        path = Path(path) if path is not None else default_settings_path()
        if not path.exists():
            return cls()
        try:
            return cls._read(path)
        except InputError as error:
            raise InputError(path, f"{error.problem}; {_move_aside(path)}") from error

    @classmethod
    def _read(cls, path: Path) -> Settings:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        # ValueError: also a number of more digits than Python turns into an int (sys.get_int_max_str_digits)
        except (OSError, ValueError, RecursionError) as error:
            raise InputError(path, f"cannot read the settings ({error})") from error
        if not isinstance(data, dict):
            raise InputError(path, "the settings file does not hold a JSON object")
        settings = cls()
        for setting in fields(cls):
            if setting.name in data:
                setattr(settings, setting.name, data[setting.name])
        if "signing_hand_asked" not in data:
            settings.signing_hand_asked = True  # saved before the question: not asked of a learner already
        if "camera_turns" not in data and "camera_turn" in data:
            # The version before turned every camera by one saved turn, chosen for the camera it saved
            settings.camera_turns = {camera_key(settings.camera_source()): data["camera_turn"]}
        settings._check(path)
        return settings

    def _check(self, path: Path) -> None:
        """Reject values of the wrong type, so a hand-edited file fails here and not deep inside the app."""
        expected: dict[str, type | tuple[type, ...]] = {
            "camera_index": int,
            "video_is_selfie": bool,
            "mirror_display": bool,
            "left_handed": bool,
            "signing_hand_asked": bool,
            "auto_start": bool,
            "playback_speed": (int, float),
            "new_signs_per_day": int,
        }
        for name, kind in expected.items():
            value = getattr(self, name)
            # a bool is an int to isinstance: `true` passed as a camera or a speed of 1.0
            if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
                raise InputError(path, f"setting {name!r} has the invalid value {value!r}")
        for name in (
            "video_path",
            "model_path",
            "database_path",
            "last_sign",
            "last_sign_language",
            "language",
            "last_folder",
            "last_export_folder",
            "import_kind",
        ):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                raise InputError(path, f"setting {name!r} must be text, not {value!r}")
        if self.last_sign_id is not None and (
            not isinstance(self.last_sign_id, int) or isinstance(self.last_sign_id, bool)
        ):
            raise InputError(
                path, f"setting 'last_sign_id' must be a whole number, not {self.last_sign_id!r}"
            )
        self._check_camera_turns(path)
        self.new_signs_per_day = min(max(self.new_signs_per_day, 0), MAX_NEW_SIGNS_PER_DAY)
        if self.playback_speed not in PLAYBACK_SPEEDS:
            # within the speeds first: a whole number too large for a float cannot be subtracted from one
            within = min(max(self.playback_speed, PLAYBACK_SPEEDS[0]), PLAYBACK_SPEEDS[-1])
            self.playback_speed = min(PLAYBACK_SPEEDS, key=lambda speed: abs(speed - within))

    def _check_camera_turns(self, path: Path) -> None:
        turns = self.camera_turns
        if not isinstance(turns, dict) or not all(
            isinstance(camera, str) and isinstance(turn, int) and not isinstance(turn, bool)
            for camera, turn in turns.items()
        ):
            raise InputError(path, f"setting 'camera_turns' has the invalid value {turns!r}")
        # a hand-edited -1 or 5 is the same turn as 3 or 1; a camera not turned is left out
        self.camera_turns = {camera: turn % 4 for camera, turn in turns.items() if turn % 4}

    def portable(self) -> dict[str, Any]:
        """The settings "Export my data" carries (:data:`PORTABLE_SETTINGS`)."""
        return {name: getattr(self, name) for name in PORTABLE_SETTINGS}

    def portable_changes(self, theirs: object, source: Path) -> dict[str, Any]:
        """What the portable settings ``theirs`` (untrusted: read from ``source``, an archive) change here,
        checked as a settings file is (:class:`InputError` naming ``source``); anything else in them is left
        out. Which hand the learner signs with, once asked, stays asked."""
        if not isinstance(theirs, dict):
            raise InputError(source, "its settings are not a JSON object")
        taken = dataclasses.replace(self)
        for name in PORTABLE_SETTINGS:
            if name in theirs:
                setattr(taken, name, theirs[name])
        taken._check(source)
        taken.signing_hand_asked = taken.signing_hand_asked or self.signing_hand_asked
        return {
            name: getattr(taken, name)
            for name in PORTABLE_SETTINGS
            if getattr(taken, name) != getattr(self, name)
        }

    def save(self, path: str | Path | None = None) -> None:
        """Write atomically: a crash mid-write never leaves a half-written settings file."""
        path = Path(path) if path is not None else default_settings_path()
        text = json.dumps(dataclasses.asdict(self), indent=2, sort_keys=True)
        write_text_atomically(path, text)

    def camera_source(self) -> int | str:
        """What to open: the video file if one is chosen, else the camera index."""
        return self.video_path if self.video_path else self.camera_index

    def camera_turn(self, source: int | str) -> int:
        """The clockwise quarter turns saved for the camera ``source`` (an index or a video file); 0: none."""
        return self.camera_turns.get(camera_key(source), 0)

    def with_camera_turn(self, source: int | str, turns: int) -> dict[str, int]:
        """:attr:`camera_turns` with the camera ``source`` turned ``turns`` (for ``update_settings``)."""
        others = {camera: turn for camera, turn in self.camera_turns.items() if camera != camera_key(source)}
        return others | ({camera_key(source): turns % 4} if turns % 4 else {})


def camera_key(source: int | str) -> str:
    """How :attr:`Settings.camera_turns` names a camera: "camera 0", or a video file's path."""
    return source if isinstance(source, str) else f"camera {source}"


def _move_aside(path: Path) -> str:
    """Rename an unusable settings file out of the way (one atomic rename); say where it went."""
    kept = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        os.replace(path, kept)
    except OSError as error:
        return f"it could not be moved aside ({error.strerror or error})"
    return f"the file was moved to {kept}"
