"""The camera in use: one choice in the context that every live view opens."""

from __future__ import annotations

from desktop_app.core.context import AppContext, CameraInUse
from desktop_app.core.settings import Settings
from signcore.database import SignDatabase


def make_context(tmp_path, **settings) -> AppContext:
    database = SignDatabase(tmp_path / "signs.db")
    return AppContext(Settings(**settings), database, None, tmp_path / "settings.json")


def test_a_camera_chosen_by_the_learner_is_announced_and_saved(tmp_path):
    context = make_context(tmp_path)
    announced = []
    context.events.camera_changed.connect(announced.append)
    context.use_camera("/videos/me.mp4", False, remember=True)
    assert announced == [CameraInUse("/videos/me.mp4", False)]  # once, although the settings changed too
    assert Settings.load(tmp_path / "settings.json").camera_source() == "/videos/me.mp4"
    context.use_camera(2, True, remember=True)
    assert announced[-1] == CameraInUse(2, False)  # a camera is never taken as a mirrored video
    assert Settings.load(tmp_path / "settings.json").camera_source() == 2


def test_the_command_lines_camera_survives_unrelated_settings_but_not_a_new_camera_choice(tmp_path):
    context = make_context(tmp_path, camera_index=0)
    context.use_camera("/videos/given.mp4", True)  # as --camera does: not saved
    announced = []
    context.events.camera_changed.connect(announced.append)
    context.update_settings(mirror_display=False)
    assert context.camera == CameraInUse("/videos/given.mp4", True) and announced == []
    assert Settings.load(tmp_path / "settings.json").camera_source() == 0
    context.update_settings(camera_index=1)  # e.g. in the Settings dialog
    assert context.camera == CameraInUse(1, False) and announced == [CameraInUse(1, False)]
