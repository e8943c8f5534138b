"""The camera dialog's choice without a window: a camera found, or a video file played as the camera."""

import shutil

import cv2
import numpy as np
import pytest

from desktop_app.core.shared.jobs import JobCancelled, JobControl, run_job
from desktop_app.core.signing.capture import (
    CHECK_THE_VIDEO_FILE,
    CHECKING_THE_VIDEO,
    CHOOSE_ANOTHER_VIDEO,
    NO_VIDEO_FILE_THERE,
    PLUG_IN_A_CAMERA,
    VIDEO_CAN_BE_USED,
    CameraChoice,
    CameraLost,
    VideoFileSource,
    cameras_found,
    check_video_as_camera,
    missing_video_note,
    video_problem,
    when_it_cannot_start,
)
from signcore.errors import InputError
from tests.support import BAD_INPUTS, SIGNING_VIDEO, cut_short_copy

TRUNCATED_VIDEO = BAD_INPUTS / "videos" / "truncated.mp4"  # 17 of its 58 frames decode
CUT_SHORT = "this video is damaged or cut short: only the first 0.6 s of its 1.9 s can be read"


def test_a_camera_chosen_stays_when_found_else_the_first_found_is_taken():
    choice = CameraChoice.of(2, video_is_selfie=False)
    assert not choice.use_video and not choice.complete  # not looked for yet
    assert choice.found([0, 2]) == "2 cameras found."
    assert choice.complete and choice.camera == 2
    other = CameraChoice.of(5, video_is_selfie=False)
    assert other.found([1]) == "1 camera found." and other.camera == 1


def test_with_no_camera_the_video_file_is_the_only_choice():
    choice = CameraChoice.of(0, video_is_selfie=True)
    assert choice.found([]) == cameras_found([]) and "No camera found" in cameras_found([])
    assert choice.use_video and not choice.complete  # no file named yet
    choice.video_path = "  /videos/hallo.mp4 "
    assert choice.complete and choice.camera == "/videos/hallo.mp4" and choice.video_is_selfie


def test_a_video_file_stays_chosen_when_cameras_are_found():
    choice = CameraChoice.of("/videos/hallo.mp4", video_is_selfie=True)
    assert choice.use_video and choice.complete
    choice.found([0])
    assert choice.camera == "/videos/hallo.mp4"
    choice.use_video = False
    assert choice.camera == 0 and choice.complete
    choice.video_path = ""
    choice.use_video = True
    assert not choice.complete


def problem_once_read(choice: CameraChoice) -> str | None:
    """The choice's problem once the video chosen was read, as the dialog has it read on a worker thread."""
    path = choice.look_at_video()
    if path is not None:
        choice.checked(run_job(lambda control: check_video_as_camera(path, control)))
    return choice.problem()


def test_a_video_file_that_is_not_there_is_refused_in_plain_words(tmp_path):
    video = tmp_path / "hallo.mp4"
    missing = tmp_path / "missing.mp4"
    choice = CameraChoice.of(str(missing), video_is_selfie=True)
    assert choice.complete  # named: OK can be pressed, and says why it cannot be used
    assert choice.problem() == NO_VIDEO_FILE_THERE  # known without reading anything
    assert NO_VIDEO_FILE_THERE == (
        "There is no video file there. Check its name and folder, or find it with Browse…"
    )
    choice.video_path = str(tmp_path)  # a folder is no video either
    assert choice.problem() == NO_VIDEO_FILE_THERE
    video.write_bytes(b"a text file named .mp4")  # was saved as the camera of every later start
    choice.video_path = str(video)
    assert choice.problem() is None  # not read yet
    assert problem_once_read(choice) == (  # said beside the path: not named again
        "Not a video that can be read (unknown format, or the file is damaged). Choose another video file."
    )
    choice.video_path = str(SIGNING_VIDEO)
    assert problem_once_read(choice) == ""
    choice.video_path = str(missing)
    choice.use_video = False  # a camera is chosen: the video field does not matter
    assert choice.problem() == ""


def test_a_camera_that_cannot_start_is_plugged_in_and_a_video_file_checked(tmp_path):
    """A mistyped --camera file name was told "Plug in a camera and press Try again"."""
    assert when_it_cannot_start(0) == PLUG_IN_A_CAMERA
    assert when_it_cannot_start(str(tmp_path / "nope.mp4")) == CHECK_THE_VIDEO_FILE


def test_a_file_there_that_cannot_be_played_as_the_camera_is_told_to_choose_another_not_to_check_its_name(
    tmp_path,
):
    """A text file named .mp4, given as --camera or chosen in File → Camera…, was told "Check the video
    file's name and folder", under "not a video that can be read": its name and folder were right."""
    text = tmp_path / "notavideo.mp4"
    text.write_text("not a video")
    assert when_it_cannot_start(str(text)) == CHOOSE_ANOTHER_VIDEO
    assert "name" not in CHOOSE_ANOTHER_VIDEO
    assert when_it_cannot_start(str(TRUNCATED_VIDEO)) == CHOOSE_ANOTHER_VIDEO  # damaged, cut short


def test_a_video_file_given_as_the_camera_that_is_not_there_is_said_in_one_line_at_start_up(tmp_path):
    missing = tmp_path / "nope.mp4"
    note = missing_video_note(str(missing), "--camera")
    assert note == (
        f"--camera {missing}: no such file. SignPractice opens without a camera picture: check the file's"
        " name, or choose a video or a camera in File → Camera…"
    )
    assert "\n" not in note
    assert missing_video_note(str(tmp_path), "--camera").startswith(f"--camera {tmp_path}: this is a folder")
    assert missing_video_note(str(SIGNING_VIDEO), "--camera") == ""  # a video is read by the practice page
    assert missing_video_note(0, "--camera") == ""  # a camera: looked for where it is used


def test_a_video_cut_short_is_refused_as_the_camera_saying_how_much_can_be_read():
    """Played as the camera, its few readable frames looped silently, and the learner's attempts were
    "hardly seen"."""
    choice = CameraChoice.of(str(TRUNCATED_VIDEO), video_is_selfie=True)
    assert problem_once_read(choice) == f"T{CUT_SHORT[1:]}. Choose another video file."
    assert video_problem(TRUNCATED_VIDEO) == ""  # an import or a search keeps what can be read


def test_a_video_cut_short_given_as_the_camera_does_not_start_and_says_why():
    """--camera or a saved choice reach the player without the dialog."""
    source = VideoFileSource(TRUNCATED_VIDEO, selfie=True, realtime=False)
    with pytest.raises(InputError, match=CUT_SHORT):
        source.open()
    whole = VideoFileSource(SIGNING_VIDEO, selfie=True, realtime=False)
    whole.open()
    whole.close()


def test_a_video_cut_short_while_it_plays_as_the_camera_is_lost_saying_why(tmp_path):
    """Truncated while in use, it looped its first 0.2 s as if live and the learner's attempts were 'hardly
    seen': at the end of what can be read it is lost, saying why, until it is whole again."""
    video = tmp_path / "camera.mp4"
    shutil.copy(SIGNING_VIDEO, video)
    source = VideoFileSource(video, selfie=True, realtime=False)
    source.open()
    source.read()
    video.write_bytes(SIGNING_VIDEO.read_bytes()[:60000])  # as `truncate -s 60000` does
    with pytest.raises(CameraLost, match="damaged or cut short: only the first 0.2 s of its 1.9 s"):
        for _frame in range(3 * 58):  # the video's 58 frames, three times over: it looped for ever
            source.read()
    shutil.copy(SIGNING_VIDEO, video)  # whole again: it comes back
    source.open()
    source.read()
    source.close()


def test_a_whole_video_looping_as_the_camera_is_not_checked_again_at_each_pass(monkeypatch):
    """Checking the file at every loop would stall the picture a few frames every 2 s."""
    checks = []
    source = VideoFileSource(SIGNING_VIDEO, selfie=True, realtime=False)
    checking = source._whole_video_info
    monkeypatch.setattr(source, "_whole_video_info", lambda: checks.append(1) or checking())
    source.open()
    for _frame in range(3 * 58):
        source.read()
    source.close()
    assert checks == [1]  # on opening only


def test_a_video_damaged_within_is_not_looped_as_if_live(tmp_path):
    """Its frames after the damage cannot be read, but the quick check's seek lands past it: the first
    passes' short loop played as if live. Lost at the end of a short pass, and refused when opened
    again until the file changes."""
    video = tmp_path / "camera.mp4"
    writer = cv2.VideoWriter(str(video), cv2.VideoWriter_fourcc(*"mp4v"), 30, (160, 120))
    for frame in np.random.default_rng(0).integers(0, 255, (90, 120, 160, 3), dtype=np.uint8):
        writer.write(frame)  # 3 s
    writer.release()
    whole = video.read_bytes()
    damaged = bytearray(whole)
    start, end = int(0.3 * len(damaged)), int(0.4 * len(damaged))
    damaged[start:end] = bytes(end - start)
    video.write_bytes(bytes(damaged))
    source = VideoFileSource(video, selfie=True, realtime=False)
    source.open()  # the quick check sees the frame at 90% decode
    with pytest.raises(CameraLost, match="damaged or cut short: only the first 0.3 s of its 3.0 s"):
        for _frame in range(3 * 90):
            source.read()
    with pytest.raises(InputError, match="damaged or cut short: only the first 0.3 s of its 3.0 s"):
        source.open()
    video.write_bytes(whole)  # whole again
    source.open()
    source.read()
    source.close()


def read(path: str):
    return run_job(lambda control: check_video_as_camera(path, control))


def test_the_video_chosen_is_said_once_settled_on_and_a_superseded_reading_is_not_said(tmp_path):
    """What the camera dialog says under the path: nothing while it is typed, that it is being read once the
    learner settled on it (their typing paused, Browse…, OK), then what the reading found. A reading of a
    path typed over comes too late to be said for the new one; it is kept for its own file."""
    damaged, whole = cut_short_copy(tmp_path), str(shutil.copy(SIGNING_VIDEO, tmp_path / "whole.mp4"))
    choice = CameraChoice.of("", video_is_selfie=False)
    choice.video_path = damaged  # being typed
    assert choice.line() == ("", False) and choice.problem() is None and not choice.waiting
    assert choice.look_at_video() == damaged
    assert choice.line() == (CHECKING_THE_VIDEO, False) and choice.waiting
    assert choice.look_at_video() is None  # being read already: not read twice
    choice.video_path = whole  # typed over while it is read
    assert choice.line() == ("", False) and not choice.waiting
    assert choice.look_at_video() == whole
    damaged_verdict, whole_verdict = read(damaged), read(whole)
    choice.checked(whole_verdict)
    assert choice.line() == (VIDEO_CAN_BE_USED, False) and choice.problem() == "" and not choice.waiting
    assert whole_verdict.first_picture is not None  # the preview's
    choice.checked(damaged_verdict)  # the superseded reading's answer, late
    assert choice.line() == (VIDEO_CAN_BE_USED, False) and choice.problem() == ""
    choice.video_path = damaged  # chosen again: known, not read again
    assert choice.look_at_video() is None and choice.checking is None
    words, is_problem = choice.line()
    assert is_problem and words == choice.problem() and "damaged or cut short" in words
    choice.use_video = False
    assert choice.line() == ("", False)


def test_a_reading_is_given_up_when_a_video_that_needs_none_is_chosen(tmp_path):
    """A long damaged video typed over by a path to no file: its reading is not wanted any more."""
    choice = CameraChoice.of(cut_short_copy(tmp_path), video_is_selfie=False)
    assert choice.look_at_video() is not None and choice.checking is not None
    choice.video_path = str(tmp_path / "missing.mp4")
    assert choice.look_at_video() is None and choice.checking is None
    assert choice.line() == (NO_VIDEO_FILE_THERE, True)


def test_a_video_changed_since_it_was_read_is_read_again(tmp_path):
    """A video still being copied was refused as cut short until the dialog was opened again."""
    video = cut_short_copy(tmp_path)
    choice = CameraChoice.of(video, video_is_selfie=False)
    assert "damaged or cut short" in (problem_once_read(choice) or "")
    shutil.copy(SIGNING_VIDEO, video)  # the copy finished
    assert choice.problem() is None
    assert problem_once_read(choice) == ""


def test_a_video_whose_copy_finished_while_it_was_read_is_read_again(tmp_path):
    """Review r30 #5: the verdict on a part copied was kept for the file as it was when the verdict arrived,
    the copy finished by then, so the whole file stayed refused as cut short until the dialog was reopened.
    It is kept for the file as it was when its reading began."""
    video = cut_short_copy(tmp_path)
    choice = CameraChoice.of(video, video_is_selfie=False)
    path = choice.look_at_video()
    assert path is not None
    read_while_copying = check_video_as_camera(path, JobControl())
    shutil.copy(SIGNING_VIDEO, video)  # the copy finished while the verdict was on its way
    choice.checked(read_while_copying)
    assert choice.verdict() is None  # not said of the whole file
    assert problem_once_read(choice) == ""


def test_reading_a_damaged_video_stops_when_cancelled(tmp_path):
    """A video that cannot seek is decoded to its end (seconds for a long one): a path typed over or the
    dialog closed stops it."""
    control = JobControl()
    control.cancel()
    with pytest.raises(JobCancelled):
        check_video_as_camera(str(TRUNCATED_VIDEO), control)
    assert check_video_as_camera(str(SIGNING_VIDEO), control).problem == ""  # found whole by its seek
