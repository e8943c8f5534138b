"""The camera in use: one choice in the context that every live view opens."""

from __future__ import annotations

import pytest

from desktop_app.core.app.context import (
    AppContext,
    CameraInUse,
    Launch,
    is_learners_own_database,
    set_aside_learners_database,
)
from desktop_app.core.shared.settings import Settings
from signcore.database import DATABASE_NAME, DamagedDatabaseError, SignDatabase
from signcore.paths import user_data_dir


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


def test_each_camera_keeps_its_own_turn(tmp_path):
    """One turn was saved for every camera: a video file chosen after the webcam on its side came up turned
    (and saved so), and a camera given for one run was turned as the webcam is."""
    context = make_context(tmp_path, camera_index=0)
    context.turn_camera(1, remember=True)  # the webcam on its side
    context.use_camera("/videos/upright.mp4", False, remember=True)  # "Use a video file…"
    assert context.camera == CameraInUse("/videos/upright.mp4", False, turns=0)
    assert Settings.load(tmp_path / "settings.json").camera_turns == {"camera 0": 1}
    context.use_camera(0, False, remember=True)  # back to the webcam: turned as it was
    assert context.camera == CameraInUse(0, False, turns=1)
    context.use_camera("/videos/sideways.mp4", False)  # --camera sideways.mp4, for this run
    context.turn_camera(3, remember=True)  # "Turn it upright"
    saved = Settings.load(tmp_path / "settings.json")
    assert saved.camera_source() == 0 and saved.camera_turn(0) == 1  # the webcam is still saved, upright
    assert saved.camera_turn("/videos/sideways.mp4") == 3  # and the video turned, when it is used again


def test_a_run_starts_with_its_cameras_own_turn(tmp_path):
    settings = Settings(camera_index=0, camera_turns={"camera 0": 1, "/videos/sideways.mp4": 2})
    cameras = []
    for camera in (0, "/videos/sideways.mp4", "/videos/upright.mp4", 4):
        launch = Launch(
            camera=camera, video_is_selfie=False, database_path=tmp_path / "signs.db", model_path=None
        )
        context, _ = AppContext.open(settings, launch)
        cameras.append(context.camera.turns)
        context.close()
    assert cameras == [1, 2, 0, 0]


def test_the_command_lines_camera_is_for_this_run_and_says_so_until_the_learner_chooses_one(tmp_path):
    """Started with ``--camera 7`` over a saved video: the choosers start from camera 7 and say that the next
    start opens the video (Settings showed the saved video, File → Camera camera 7, and OK in Settings kept
    camera 7 without a word); other settings keep camera 7; a camera the learner chooses is used and saved."""
    context = make_context(tmp_path, video_path="/videos/wave_hello.mp4", video_is_selfie=True)
    context.use_camera(7, False)  # as --camera does: not saved
    announced = []
    context.events.camera_changed.connect(announced.append)
    assert context.camera_note() == (
        "This time SignPractice was started with camera 7. Next time it starts with the video "
        "wave_hello.mp4, unless you choose another camera."
    )
    choice = context.camera_choice()
    assert (choice.use_video, choice.camera_index) == (False, 7)
    assert (choice.video_path, choice.video_is_selfie) == ("/videos/wave_hello.mp4", True)  # offered
    context.update_settings(mirror_display=False)
    assert context.camera == CameraInUse(7, False) and announced == []
    context.use_camera(0, False, remember=True)
    assert context.camera == CameraInUse(0, False) and announced == [CameraInUse(0, False)]
    assert Settings.load(tmp_path / "settings.json").camera_source() == 0 and context.camera_note() == ""


def test_a_video_given_on_the_command_line_is_offered_as_it_is_used(tmp_path):
    context = make_context(tmp_path, camera_index=0, video_is_selfie=False)
    context.use_camera("/videos/given.mp4", True)  # --camera given.mp4 --video-mirrored
    choice = context.camera_choice()
    assert (choice.use_video, choice.camera, choice.video_is_selfie) == (True, "/videos/given.mp4", True)
    assert "the video given.mp4" in context.camera_note() and "starts with camera 0" in context.camera_note()


def test_naming_the_shipped_database_opens_the_learners_copy_and_never_writes_the_shipped_file(
    tmp_path, monkeypatch
):
    from desktop_app.core.app.models_switch import open_database
    from signcore import database as database_module

    shipped = (
        tmp_path / "install" / "assets" / "default_signs.db"
    )  # a stand-in: a failure must not harm the real one
    with SignDatabase(tmp_path / "build.db") as source:
        source.add_sign("HELLO", "DGS")
        source.write_snapshot(shipped)
    before = shipped.read_bytes()
    monkeypatch.setattr(database_module, "shipped_database_path", lambda: shipped)
    monkeypatch.chdir(shipped.parent.parent)
    with open_database("assets/default_signs.db") as database:  # as `--db assets/default_signs.db` names it
        assert database.path == user_data_dir() / DATABASE_NAME
        assert [sign.gloss for sign in database.signs()] == ["HELLO"]
        database.add_sign("MINE", "DGS")
    assert shipped.read_bytes() == before  # not even switched to write-ahead logging


def test_the_learners_damaged_database_is_kept_aside_and_the_app_starts_again_with_the_starter_signs(
    tmp_path, monkeypatch
):
    from signcore import database as database_module

    shipped = tmp_path / "assets" / "default_signs.db"
    with SignDatabase(tmp_path / "build.db") as source:
        source.add_sign("HELLO", "DGS")
        source.write_snapshot(shipped)
    monkeypatch.setattr(database_module, "shipped_database_path", lambda: shipped)
    own = user_data_dir() / DATABASE_NAME
    damaged = b"SQLite format 3\x00" + b"\xff" * 4000
    own.write_bytes(damaged)
    launch = Launch(camera=0, video_is_selfie=False, database_path=None, model_path=None)
    with pytest.raises(DamagedDatabaseError) as error:
        AppContext.open(Settings(), launch)
    assert is_learners_own_database(error.value)

    message = set_aside_learners_database()
    context, _ = AppContext.open(Settings(), launch)
    assert [sign.gloss for sign in context.database.signs()] == ["HELLO"]
    context.close()
    (kept,) = own.parent.glob("signs.damaged-*.db")
    assert kept.read_bytes() == damaged and kept.name in message


def test_only_the_learners_own_database_is_offered_to_be_set_aside(tmp_path):
    chosen = tmp_path / "stick" / "signs.db"
    chosen.parent.mkdir()
    chosen.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    with pytest.raises(DamagedDatabaseError) as error:
        SignDatabase(chosen)
    assert not is_learners_own_database(error.value)  # a file the learner chose is theirs to deal with


def test_the_context_knows_while_the_missing_clips_are_being_prepared_and_says_when_that_changes(tmp_path):
    """Whether the clips are being prepared is the context's to know (a headless run or a core rule reads it
    there): set while a job runs for this database and model, announced as it starts and as it fails; one
    that finished or was stopped reads the gallery again (database_changed) instead."""
    from desktop_app.core.judging.search import CLIPS_BEING_PREPARED, CLIPS_NOT_READY, nothing_to_search_among
    from signcore.encoder import Encoder
    from tests.support import moving_clip

    database = SignDatabase(tmp_path / "signs.db")
    database.add_clip(database.add_sign("hello"), moving_clip(seed=1))
    context = AppContext(Settings(), database, Encoder(), tmp_path / "settings.json")
    said = []
    context.events.preparing_changed.connect(lambda: said.append("preparing"))
    context.events.database_changed.connect(lambda: said.append("database"))
    assert not context.preparing and context.preparing_run_by() is None
    assert nothing_to_search_among(context) == CLIPS_NOT_READY

    runner = object()
    ended = context.preparing_started(runner)
    assert context.preparing and context.preparing_run_by() is runner and said == ["preparing"]
    assert nothing_to_search_among(context) == CLIPS_BEING_PREPARED
    ended(False)  # failed
    assert not context.preparing and said == ["preparing", "preparing"]
    assert nothing_to_search_among(context) == CLIPS_NOT_READY

    context.preparing_started(runner)(True)  # finished, or stopped
    assert not context.preparing and said[-1] == "database"

    context.preparing_started(runner)
    context.set_encoder(None)  # another model's clips are not the ones being prepared
    assert not context.preparing
    context.close()


def test_settings_a_full_disk_cannot_take_are_said_once_kept_and_saved_with_the_next_change(
    tmp_path, monkeypatch
):
    """Settings changed while the disk was full: the dialog closed as if they were saved, and only a log said
    otherwise (attempts say so in red). They are said once to be unsaved, kept as set, and saved with the
    next change that the disk takes; the app's last try at closing says they are lost."""
    import errno
    import os
    import tempfile

    def no_room(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    context = make_context(tmp_path)
    context.save_settings()
    said = []
    context.events.settings_unsaved.connect(said.append)
    with monkeypatch.context() as full:
        full.setattr(tempfile, "mkstemp", no_room)
        context.update_settings(auto_start=True)
        context.update_settings(new_signs_per_day=6)
        assert context.save_settings(closing=True) == (
            "Your settings could not be saved: the disk is full. SignPractice will start with your earlier"
            " settings."
        )
    assert said == [  # once, not at each change
        "Your settings are not saved yet: the disk is full. They stay as you set them, and will be saved"
        " when you next change a setting or when you close the app."
    ]
    assert Settings.load(tmp_path / "settings.json") == Settings()
    assert context.settings.auto_start and context.settings.new_signs_per_day == 6

    context.update_settings(playback_speed=0.5)  # room was made
    saved = Settings.load(tmp_path / "settings.json")
    assert saved.auto_start and saved.new_signs_per_day == 6 and saved.playback_speed == 0.5
    with monkeypatch.context() as full:  # full again after they were saved: said again
        full.setattr(tempfile, "mkstemp", no_room)
        context.update_settings(auto_start=False)
    assert len(said) == 2
    context.database.close()
