"""A camera mounted on its side: its picture turned where it is captured (points and pictures alike), the turn
named as the learner sees it on screen, the mirror convention kept, and the live watch that says the picture
looks turned."""

import numpy as np
import pytest

from desktop_app.core.app.context import CameraInUse
from desktop_app.core.signing.capture import turned_picture
from desktop_app.core.signing.upright import (
    LOOK_EVERY_FRAMES,
    TURN_IT,
    WATCH_FRAMES,
    UprightWatch,
    quarter_turns_to_upright,
    turned,
    turned_attempt_words,
    turned_camera_words,
)
from signcore.formats.posefile import read_pose
from signcore.layout import LEFT_SHOULDER, NOSE, RIGHT_SHOULDER, PoseSequence
from tests.support import TEST_DATA

TURNS = [0, 1, 2, 3]


def upright_signer() -> PoseSequence:
    return read_pose(TEST_DATA / "pose" / "openpose.pose")


def a_picture(width=8, height=5) -> np.ndarray:
    """A BGR picture whose every pixel differs from every other."""
    return np.arange(height * width * 3, dtype=np.uint8).reshape(height, width, 3)


def flipped_points(pose: PoseSequence) -> PoseSequence:
    """``pose`` as its picture flipped left to right shows it (the hands keep their names)."""
    points = pose.points.copy()
    points[..., 0] = np.float32(pose.width) - points[..., 0]
    return PoseSequence(points, pose.mask, pose.timestamps, pose.width, pose.height)


@pytest.mark.parametrize("turns", TURNS)
def test_a_picture_is_turned_as_its_points_are(turns):
    """The frame the camera thread turns and the points :func:`turned` turns agree: a pixel marked in the
    picture is where a point at that pixel goes."""
    width, height, x, y = 8, 5, 6, 1
    picture = np.zeros((height, width, 3), np.uint8)
    picture[y, x] = 255
    pose = PoseSequence.empty(1, width=width, height=height)
    pose.points[0, NOSE, :2] = (x + 0.5, y + 0.5)  # the pixel's centre
    pose.mask[0, NOSE] = True
    turned_frame = turned_picture(picture, turns)
    turned_pose = turned(pose, turns)
    assert turned_frame.shape[:2] == (turned_pose.height, turned_pose.width)
    assert turned_frame.shape[:2] == ((width, height) if turns % 2 else (height, width))
    column, row = np.floor(turned_pose.points[0, NOSE, :2]).astype(int)
    assert turned_frame[row, column].tolist() == [255, 255, 255]
    assert turned_frame.sum() == 3 * 255
    assert turned_frame.flags.c_contiguous  # as OpenCV and MediaPipe want it


def test_a_picture_not_turned_is_the_frame_itself():
    picture = a_picture()
    assert turned_picture(picture, 0) is picture and turned_picture(picture, 4) is picture


@pytest.mark.parametrize("turns", TURNS)
def test_four_turns_either_way_bring_a_picture_back(turns):
    picture = a_picture()
    assert np.array_equal(turned_picture(turned_picture(picture, turns), 4 - turns), picture)


@pytest.mark.parametrize("mirror_display", [True, False])
@pytest.mark.parametrize("selfie_video", [False, True])
@pytest.mark.parametrize("turns_seen", TURNS)
def test_a_turn_chosen_is_the_turn_the_learner_sees_on_screen(turns_seen, selfie_video, mirror_display):
    """The camera chooser names a turn as it is seen: the camera's own picture is turned the other way where
    the view flips it (a camera in the mirror view; a selfie recording without it)."""
    camera = CameraInUse("/videos/me.mp4" if selfie_video else 0, selfie_video)
    turned_camera = camera.turned_as_seen(turns_seen, mirror_display)
    own_picture = a_picture()

    def seen(picture):  # as the live view shows a frame (FrameReport.picture)
        return picture[:, ::-1] if camera.shown_flipped(mirror_display) else picture

    seen_before = seen(own_picture)
    seen_after = seen(turned_picture(own_picture, turned_camera.turns))
    assert np.array_equal(seen_after, turned_picture(seen_before, turns_seen))
    assert turned_camera.turns_seen(mirror_display) == turns_seen


@pytest.mark.parametrize("mounted", [1, 2, 3])
def test_a_camera_on_its_side_turned_as_told_shows_the_learners_right_hand_where_every_view_does(mounted):
    """The camera's picture holds the learner lying (mounted ``mounted`` quarter turns off); told from its
    tracked frames and turned, the learner is upright with their right hand on the right of the mirror view,
    as in every other view: a turn is no mirror (a transpose "turns" a picture and swaps the hands)."""
    upright = upright_signer()
    camera_picture = turned(upright, mounted)
    # lying, the learner's right shoulder is still on the same side of the nose-to-left-shoulder line
    assert np.array_equal(sides(camera_picture), sides(upright))
    camera = CameraInUse(0, False).turned_upright(quarter_turns_to_upright(camera_picture))
    assert camera.turns == (4 - mounted) % 4
    assert turned(camera_picture, camera.turns).equals(upright)


def sides(pose: PoseSequence) -> np.ndarray:
    """Of each frame with the nose and both shoulders: on which side of the line from the nose to the left
    shoulder the right shoulder lies (the sign of their cross product). A turn keeps it, a mirror flips it."""
    seen = pose.mask[:, [NOSE, RIGHT_SHOULDER, LEFT_SHOULDER]].all(axis=1)
    nose, right, left = (
        pose.points[seen][:, point, :2].astype(np.float64) for point in (NOSE, RIGHT_SHOULDER, LEFT_SHOULDER)
    )
    to_left, to_right = left - nose, right - nose
    return np.sign(to_left[:, 0] * to_right[:, 1] - to_left[:, 1] * to_right[:, 0])


@pytest.mark.parametrize("mounted", [1, 2, 3])
def test_a_selfie_recording_on_its_side_is_turned_the_other_way_and_comes_out_upright(mounted):
    """A selfie recording's own picture is a mirror image: the tracker un-mirrors it (after the turn), so the
    turn told from the tracked frames is the other way round in the recording's own picture."""
    upright = upright_signer()
    recorded = flipped_points(turned(upright, mounted))  # the recording's own picture: sideways, mirrored
    camera = CameraInUse("/videos/selfie.mp4", True)
    tracked = flipped_points(recorded)  # as the tracker un-mirrors it, not turned yet
    camera = camera.turned_upright(quarter_turns_to_upright(tracked))
    tracked_after_the_turn = flipped_points(turned(recorded, camera.turns))
    assert tracked_after_the_turn.equals(upright)


def test_a_camera_already_turned_is_turned_further():
    camera = CameraInUse(1, False, turns=1)
    assert camera.turned_upright(1).turns == 2 and camera.turned_upright(3).turns == 0
    assert CameraInUse(1, False, turns=7).turns == 3


# -- the live watch -------------------------------------------------------------------------------------


class Watched:
    def __init__(self):
        self.watch = UprightWatch()
        self.said: list[int | None] = []
        self.watch.events.suggestion_changed.connect(self.said.append)

    def frames(self, pose: PoseSequence, count: int) -> None:
        for index in range(count):
            frame = index % len(pose)
            self.watch.frame(pose.points[frame], pose.mask[frame], pose.width, pose.height)


@pytest.mark.parametrize("mounted", [1, 2, 3])
def test_a_picture_turned_for_a_while_is_said_once_with_the_turn_that_brings_it_upright(mounted):
    watched = Watched()
    watched.frames(turned(upright_signer(), mounted), WATCH_FRAMES * 4)
    assert watched.said == [4 - mounted] and watched.watch.suggestion == 4 - mounted  # once, not per frame


def test_an_upright_picture_is_not_said_to_be_turned():
    watched = Watched()
    watched.frames(upright_signer(), WATCH_FRAMES * 4)
    assert watched.said == [] and watched.watch.suggestion is None


def test_too_few_frames_say_nothing():
    watched = Watched()
    watched.frames(turned(upright_signer(), 1), WATCH_FRAMES - 1)
    assert watched.said == []


def test_the_picture_turned_upright_takes_the_message_back_but_nobody_in_the_picture_does_not():
    watched = Watched()
    sideways = turned(upright_signer(), 1)
    watched.frames(sideways, WATCH_FRAMES)
    assert watched.said == [3]
    nobody = PoseSequence.empty(1, width=sideways.width, height=sideways.height)
    watched.frames(nobody, WATCH_FRAMES * 2)  # the learner stepped away: it cannot tell, so it stays
    assert watched.said == [3]
    watched.frames(upright_signer(), WATCH_FRAMES + LOOK_EVERY_FRAMES)
    assert watched.said == [3, None]


def test_a_picture_of_another_size_starts_the_window_again():
    """Frames turned (W x H became H x W) are not looked at together with the frames before the turn."""
    watched = Watched()
    sideways = turned(upright_signer(), 1)
    watched.frames(sideways, WATCH_FRAMES - 1)
    watched.watch.frame(sideways.points[0], sideways.mask[0], 640, 480)  # another picture
    watched.frames(sideways, WATCH_FRAMES - 2)
    assert watched.said == []


def test_dismissed_it_says_nothing_more_until_the_camera_starts_again():
    watched = Watched()
    sideways = turned(upright_signer(), 1)
    watched.frames(sideways, WATCH_FRAMES)
    watched.watch.dismiss()
    watched.frames(sideways, WATCH_FRAMES * 2)
    assert watched.said == [3, None]
    watched.watch.restart()
    watched.frames(sideways, WATCH_FRAMES)
    assert watched.said == [3, None, 3]


def test_the_message_says_upside_down_or_on_its_side():
    assert "upside down" in turned_camera_words(2)
    assert "on its side" in turned_camera_words(1) and "on its side" in turned_camera_words(3)
    assert "Camera" in turned_camera_words(1)


def test_an_attempt_not_scored_as_turned_points_to_the_camera_settings_not_to_a_button_put_off():
    """After "Not now" the refusal still said to press "Turn it upright" (gone for the run)."""
    for turns in (1, 2, 3):
        assert TURN_IT not in turned_attempt_words(turns) and "File → Camera…" in turned_attempt_words(turns)


@pytest.mark.parametrize("mirror_display", [True, False])
@pytest.mark.parametrize("selfie_video", [False, True])
@pytest.mark.parametrize("mounted", [1, 2, 3])
def test_the_turn_suggested_in_the_chooser_stands_the_learner_upright(
    tmp_path, mounted, selfie_video, mirror_display
):
    """The camera chooser left the learner to guess ("clockwise" made them upside down): the turn it
    suggests, as the learner sees it, is the one that, chosen, brings the tracked learner's head up, whether
    the view is a mirror and the video a selfie recording or not; a camera changed forgets it."""
    from desktop_app.core.app.context import AppContext
    from desktop_app.core.shared.settings import Settings
    from signcore.database import SignDatabase

    with SignDatabase(tmp_path / "signs.db") as database:
        context = AppContext(Settings(mirror_display=mirror_display), database, None, tmp_path / "s.json")
        context.use_camera("/videos/me.mp4" if selfie_video else 0, selfie_video)
        assert context.suggested_turn_seen() is None
        tracked = turned(upright_signer(), mounted)  # as the tracker sees the camera's picture
        context.looks_turned = quarter_turns_to_upright(tracked)  # as the live view's watch tells it
        seen = context.suggested_turn_seen()
        assert seen is not None
        chosen = context.camera.turned_as_seen(seen, mirror_display)  # the chooser's choice taken
        # the camera's own picture turned so: the tracked picture (unmirrored) turns the other way for a
        # selfie recording
        assert quarter_turns_to_upright(turned(tracked, -chosen.turns if selfie_video else chosen.turns)) == 0
        context.turn_camera(chosen.turns)
        assert context.looks_turned is None and context.suggested_turn_seen() is None
