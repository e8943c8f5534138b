"""Landmark extraction with the real MediaPipe models on a real signing video.

What the test video shows (checked by eye on every frame, skeletons drawn): a woman filmed as a selfie
(mirrored) raises her LEFT hand in front of her chest from about frame 13 to 46 and waves it; the hand is
sharp in frames 17-23, 25-26, 28-33 and 35-41 and a motion blur in the others. Her right hand stays out
of the picture. The body is in view throughout.
"""

import hashlib
import logging
import shutil
from dataclasses import replace
from fractions import Fraction
from itertools import islice

import cv2
import numpy as np
import pytest

from signcore.database import opened_copy
from signcore.errors import InputError
from signcore.extract import (
    BodyAcrossGraphs,
    Decoded,
    DetectedHand,
    ExtractionCancelled,
    FrameLandmarks,
    Framing,
    LandmarkExtractor,
    VideoInfo,
    assign_hands,
    extract_video,
    find_framing,
    iter_video_frames,
    probe_video,
    require_whole_video,
    to_sequence,
    track_in_turns,
    truncation_warning,
    upright_turn,
)
from signcore.extract import _framed_picture as framed_picture
from signcore.extract import _turned_box as turned_box
from signcore.layout import (
    LEFT_HAND,
    LEFT_SHOULDER,
    LEFT_WRIST_BODY,
    N_POINTS,
    NOSE,
    POSE,
    RIGHT_HAND,
    RIGHT_SHOULDER,
    RIGHT_WRIST_BODY,
    WRIST,
)
from signcore.paths import assets_dir, models_dir
from tests.support import BAD_INPUTS, SIGNING_VIDEO, shared_path
from tests.test_platform_support import load_tool

SHARP_LEFT_HAND_FRAMES = [*range(17, 24), 25, 26, *range(28, 34), *range(35, 42)]
NO_HAND_FRAMES = [*range(0, 11), *range(49, 58)]
LEFT_HAND_WRIST = LEFT_HAND.start + WRIST


@pytest.fixture
def selfie(signing_video_pose):
    """The signing video extracted as a selfie (the session's, tests/conftest.py)."""
    return signing_video_pose


def write_flipped_copy(source, path):
    """``source`` flipped left-right with cv2 into ``path`` (mp4v): the same signer as a left-hander, or a
    selfie as a normal camera sees it."""
    capture = cv2.VideoCapture(str(source))
    fps = capture.get(cv2.CAP_PROP_FPS)
    writer = None
    while True:
        ok, frame = capture.read()
        if not ok:
            break
        if writer is None:
            size = (frame.shape[1], frame.shape[0])
            writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), fps, size)
        writer.write(cv2.flip(frame, 1))
    capture.release()
    writer.release()
    return path


@pytest.fixture(scope="module")
def flipped_copy_extraction(tmp_path_factory):
    """The same recording flipped back to a normal camera view with cv2, extracted as non-mirrored."""
    path = write_flipped_copy(SIGNING_VIDEO, tmp_path_factory.mktemp("video") / "flipped.mp4")
    return extract_video(path, mirrored=False)


@pytest.mark.slow
def test_selfie_video_finds_body_and_the_signing_hand(selfie):
    assert (selfie.width, selfie.height) == (540, 720)
    # the video's digest: an import knows the same video elsewhere before tracking it again
    digest = hashlib.sha256(SIGNING_VIDEO.read_bytes()).hexdigest()
    assert selfie.meta == {"source": str(SIGNING_VIDEO), "mirrored": True, "video_sha256": digest}
    assert len(selfie) == 58 and np.all(np.diff(selfie.timestamps) > 0) and selfie.timestamps[0] == 0
    assert selfie.duration == pytest.approx(57 / 29.92, abs=0.01)
    assert selfie.timestamps[1] == pytest.approx(0.033426184, abs=1e-8)  # the file's own, not rounded to ms
    body = selfie.present("POSE_LANDMARKS")
    left = selfie.present("LEFT_HAND_LANDMARKS")
    right = selfie.present("RIGHT_HAND_LANDMARKS")
    assert body.mean() >= 0.95
    assert left[SHARP_LEFT_HAND_FRAMES].all()
    assert not left[NO_HAND_FRAMES].any()
    assert right.sum() <= 1  # never in view
    # Pixels of the 540x720 original: the hand lies inside the image; MediaPipe may place a visible elbow
    # or wrist somewhat beyond the border.
    hand = selfie.points[left][:, LEFT_HAND, :2].reshape(-1, 2)
    assert hand.min() > 0 and hand[:, 0].max() < 540 and hand[:, 1].max() < 720
    body = selfie.points[selfie.mask[:, POSE].any(axis=1)][:, POSE, :2][selfie.mask[body][:, POSE]]
    assert body.min() > -100 and body[:, 0].max() < 540 + 100 and body[:, 1].max() < 720 + 200


@pytest.mark.slow
@pytest.mark.parametrize("extraction", ["selfie", "flipped_copy_extraction"])
def test_signing_hand_is_the_physical_left_one_by_body_and_by_image_side(extraction, request):
    pose = request.getfixturevalue(extraction)
    hand = pose.present("LEFT_HAND_LANDMARKS")
    # Her right arm is out of the picture, so only the body's left wrist is there to compare with.
    with_wrist = hand & pose.mask[:, LEFT_WRIST_BODY]
    assert with_wrist.sum() >= 15
    gap = np.linalg.norm(
        pose.points[with_wrist, LEFT_HAND_WRIST, :2] - pose.points[with_wrist, LEFT_WRIST_BODY, :2], axis=1
    )
    assert np.percentile(gap, 90) < 60  # within a palm length
    # In the non-mirrored view a person's left hand is on the right of the image, past her nose.
    assert (pose.points[hand, LEFT_HAND_WRIST, 0] > pose.points[hand, NOSE, 0]).all()


def test_selfie_and_flipped_copy_give_the_same_landmarks(selfie, flipped_copy_extraction):
    other = flipped_copy_extraction
    assert (other.width, other.height, len(other)) == (selfie.width, selfie.height, len(selfie))
    assert other.meta["mirrored"] is False
    left, other_left = selfie.present("LEFT_HAND_LANDMARKS"), other.present("LEFT_HAND_LANDMARKS")
    assert other_left[SHARP_LEFT_HAND_FRAMES].all()
    assert (left == other_left).mean() >= 0.9
    assert other.present("RIGHT_HAND_LANDMARKS").sum() <= 1
    # The copy is re-encoded (lossy), and MediaPipe's frame-to-frame tracking carries small pixel differences
    # forward, so points agree closely but not exactly: the body within a few pixels; the hand within a
    # few pixels in sharp frames, up to ~50 px (a palm) in motion-blurred or edge-on ones.
    shared = selfie.mask[:, POSE] & other.mask[:, POSE]
    body_gap = np.linalg.norm(selfie.points[:, POSE, :2][shared] - other.points[:, POSE, :2][shared], axis=1)
    assert shared.sum() > 500 and np.median(body_gap) < 3 and np.percentile(body_gap, 90) < 10
    both = left & other_left
    hand_gap = np.median(
        np.linalg.norm(selfie.points[both][:, LEFT_HAND, :2] - other.points[both][:, LEFT_HAND, :2], axis=2),
        axis=1,
    )
    assert (hand_gap < 10).mean() >= 0.6 and hand_gap.max() < 60


@pytest.mark.slow
def test_small_hand_in_a_1080p_video_is_kept_and_reported_in_original_pixels():
    """LSA64 clip (checked by eye): a man signs with his right hand (the image's left), in view throughout;
    his left hand rests out of sight. Frames are shrunk to 1280 px, coordinates stay 1920x1080."""
    path = shared_path("data/videos/001_001_001.mp4")
    found = []
    with LandmarkExtractor(mirrored=False) as extractor:
        for frame in islice(iter_video_frames(path), 45):  # the hand changes shape at the face from frame 38
            assert frame.image.shape[:2] == (720, 1280)
            found.append(extractor.process(frame.image, frame.timestamp_s, source_size=(1920, 1080)))
    pose = to_sequence(found, 1920, 1080)
    assert pose.present("RIGHT_HAND_LANDMARKS").all() and not pose.present("LEFT_HAND_LANDMARKS").any()
    hand = pose.points[:, RIGHT_HAND.start + WRIST, :2]
    assert (hand[:, 0] < pose.points[:, NOSE, 0]).all()  # his right hand is on the image's left
    assert hand.min() > 0 and hand[:, 0].max() < 1920 and hand[:, 1].max() < 1080
    assert pose.points[:, NOSE, 0].mean() == pytest.approx(870, abs=60)  # seen by eye at 45% of the width


@pytest.mark.slow
def test_downscaled_frames_report_original_pixels():
    frames = list(islice(iter_video_frames(SIGNING_VIDEO), 20))
    small = [cv2.resize(frame.image, (270, 360), interpolation=cv2.INTER_AREA) for frame in frames]
    with LandmarkExtractor(mirrored=True) as full_size, LandmarkExtractor(mirrored=True) as half_size:
        for frame, image in zip(frames, small, strict=True):
            expected = full_size.process(frame.image, frame.timestamp_s)
            got = half_size.process(image, frame.timestamp_s, source_size=(540, 720))
        # Compare the last frame (hand raised, body found in both).
        shared = expected.mask & got.mask
        assert shared[POSE].sum() > 10
        distance = np.linalg.norm(expected.points[shared, :2] - got.points[shared, :2], axis=1)
        assert np.median(distance) < 12.0  # a half-size image costs some precision, not the scale


@pytest.mark.slow
def test_irregular_timestamps_and_size_changes_are_accepted():
    frame = next(iter_video_frames(SIGNING_VIDEO)).image
    with LandmarkExtractor() as extractor:
        results = [
            extractor.process(frame, 0.0),
            extractor.process(frame, 0.0),  # repeated
            extractor.process(frame, 0.0004),  # rounds to the same millisecond
            extractor.process(frame, -1.0),  # clock stepped back
            extractor.process(cv2.resize(frame, (270, 360)), 0.1),  # the camera changed resolution
            extractor.process(frame, 0.2),
        ]
    times = [result.timestamp_s for result in results]
    assert all(later > earlier for earlier, later in zip(times, times[1:], strict=False))
    for result in results:
        assert result.points.shape == (N_POINTS, 3) and result.points.dtype == np.float32
        assert result.mask.shape == (N_POINTS,) and result.mask[POSE].any()
    sequence = to_sequence(results, 540, 720, {"source": "camera"})
    assert len(sequence) == 6 and sequence.timestamps[0] == 0.0 and sequence.meta == {"source": "camera"}
    assert len(to_sequence([], 640, 480)) == 0


@pytest.mark.slow
def test_progress_and_cancel():
    calls = []

    def progress(done, total):
        calls.append((done, total))

    with pytest.raises(ExtractionCancelled):
        extract_video(SIGNING_VIDEO, progress=progress, cancel=lambda: len(calls) >= 3)
    assert calls == [(1, 58), (2, 58), (3, 58)]


TRUNCATED_VIDEO = BAD_INPUTS / "videos" / "truncated.mp4"


@pytest.mark.slow
def test_a_truncated_video_gives_its_frames_with_a_warning_naming_it(selfie, caplog):
    with caplog.at_level(logging.WARNING, logger="signcore.extract"):
        pose = extract_video(TRUNCATED_VIDEO, mirrored=True)
    expected = truncation_warning(TRUNCATED_VIDEO, VideoInfo(58, 29.92, 540, 720), Decoded(17, 17 / 29.92))
    assert len(pose) == 17  # of the 58 frames its container reports
    assert pose.meta["warnings"] == [expected]
    assert (
        pose.meta["cut_short"]
        == "this video is damaged or cut short: only the first 0.6 s of its 1.9 s can be read"
    )
    assert str(TRUNCATED_VIDEO) in expected and "only 17 of the 58 frames" in expected
    assert [record.getMessage() for record in caplog.records] == [expected]
    assert "warnings" not in selfie.meta and "cut_short" not in selfie.meta  # the complete video: no warning


@pytest.mark.parametrize(
    "reported, decoded, warned",
    [(58, 58, False), (58, 57, False), (10, 8, True), (10, 9, False), (100, 90, False), (100, 89, True)],
)
def test_truncation_needs_more_than_one_frame_and_ten_percent_missing(reported, decoded, warned):
    info, read = VideoInfo(reported, 10.0, 64, 48), Decoded(decoded, decoded / 10.0)
    assert (truncation_warning("clip.mp4", info, read) is not None) == warned
    assert (
        truncation_warning("clip.mp4", replace(info, fps=0.0), read) is not None
    ) == warned  # rate unknown


def test_a_video_at_an_uneven_rate_is_whole_by_its_time(tmp_path):
    """A WebM holds no frame count: OpenCV's is its duration times its rate. One recorded at an uneven rate
    (a browser's, a screen recorder's) held 200 frames of the 299 counted, every one readable, and was
    refused as the camera, "damaged or cut short: only the first 6.7 s of its 10.0 s"."""
    import av

    path = tmp_path / "uneven.webm"
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libvpx", rate=30)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        stream.time_base = Fraction(1, 1000)
        for index in range(60):  # a frame every 50 ms for 3 s, at a declared 30 a second
            frame = av.VideoFrame.from_ndarray(np.full((48, 64, 3), index * 4, np.uint8), format="rgb24")
            frame.pts, frame.time_base = 50 * index, Fraction(1, 1000)
            container.mux(stream.encode(frame))
        container.mux(stream.encode())
    info = probe_video(path)
    assert info.frames > 80  # counted from its duration at 30 a second
    require_whole_video(path, info)  # not refused
    truncated = tmp_path / "truncated.webm"
    truncated.write_bytes(path.read_bytes()[: path.stat().st_size // 3])
    with pytest.raises(InputError, match="damaged or cut short"):
        require_whole_video(truncated, probe_video(truncated))


def test_probe_video_reports_size_and_rate():
    info = probe_video(SIGNING_VIDEO)
    assert (info.frames, info.width, info.height) == (58, 540, 720)
    assert info.fps == pytest.approx(29.92, abs=0.01)


def test_a_phone_video_with_rotation_metadata_is_read_upright(tmp_path):
    """Phones keep portrait video as landscape frames and a rotation in the track header; OpenCV ignored it
    (the body then lies on its side: measured in tools/measure_video_robustness.py)."""
    robustness = load_tool("measure_video_robustness")
    upright = [frame.image for frame in islice(iter_video_frames(SIGNING_VIDEO), 5)]
    path = tmp_path / "phone.mp4"
    sideways = [cv2.rotate(image, cv2.ROTATE_90_CLOCKWISE) for image in upright]
    robustness.write_video(sideways, 30.0, path, "mp4v")
    robustness.set_rotation_metadata(path, 270)  # shown turned back, upright
    info = probe_video(path)
    assert (info.width, info.height) == (540, 720)
    frames = [frame.image for frame in iter_video_frames(path)]
    assert len(frames) == 5
    for got, expected in zip(frames, upright, strict=True):
        assert got.shape == expected.shape
        assert np.abs(got.astype(int) - expected).mean() < 8  # only the codec's loss


@pytest.fixture(scope="module")
def hand_rising(tmp_path_factory):
    """Frames 12 to 31 of the signing video (the hand rises), and their landmarks as a plain 10 fps video
    gives them: what the reframed copies of those frames below must give too. Read-only, as the tests share
    them."""
    robustness = load_tool("measure_video_robustness")
    frames = [frame.image for frame in islice(iter_video_frames(SIGNING_VIDEO), 12, 32)]
    for image in frames:
        image.flags.writeable = False
    plain = tmp_path_factory.mktemp("plain") / "plain.avi"
    robustness.write_video(frames, 10.0, plain)
    return frames, extract_video(plain, mirrored=True)


@pytest.mark.slow
def test_black_bars_and_frozen_ends_are_left_out(tmp_path, hand_rising):
    """A dictionary-style copy (letterboxed in black bars, held still a second before and after) gives the
    landmarks of the plain video, in its own pixels."""
    robustness = load_tool("measure_video_robustness")
    frames, expected = hand_rising
    boxed = tmp_path / "boxed.avi"
    still = robustness.VARIANTS["still 1 s around"](frames, 10.0)
    robustness.write_video(*robustness.VARIANTS["letterbox 9:16"](*still), boxed)
    assert probe_video(boxed).frames == 40
    # The picture is at y 120-840; 1% of it next to each bar goes too.
    assert find_framing(boxed) == Framing(box=(0, 127, 540, 706), first=10, last=29)

    got = extract_video(boxed, mirrored=True)
    assert (got.width, got.height) == (540, 960) and len(got) == len(expected) == 20
    np.testing.assert_allclose(got.timestamps, expected.timestamps, atol=1e-6)
    both = got.mask & expected.mask
    assert both.sum() >= 0.95 * max(got.mask.sum(), expected.mask.sum())
    shift = got.points[both, :2] - expected.points[both, :2] - (0, 120)
    assert np.median(np.linalg.norm(shift, axis=1)) < 3.0  # pixels of 540 x 720: the codec's noise


@pytest.mark.slow
def test_a_hand_cut_off_by_the_picture_edge_stays_unseen_when_the_video_is_letterboxed(tmp_path):
    """LSA64's resting left hand is cut off by the picture's bottom edge and never found in the original.
    Letterboxed into 9:16, MediaPipe found it beside the bar in 22% of the frames, and in 58% when the crop
    kept the dark blended line at the bar's edge."""
    robustness = load_tool("measure_video_robustness")
    boxed = tmp_path / "letterboxed.avi"
    frames, fps = robustness.read_frames(shared_path("data/videos/001_001_001.mp4"))
    robustness.write_video(*robustness.VARIANTS["letterbox 9:16"](frames, fps), boxed)
    pose = extract_video(boxed)
    assert pose.present("LEFT_HAND_LANDMARKS").mean() < 0.05
    assert pose.present("RIGHT_HAND_LANDMARKS").mean() > 0.95  # the signing hand


def _head_frame(head_direction: tuple[float, float], seen: bool = True) -> FrameLandmarks:
    """A frame whose nose is 40 px from the shoulders' midpoint (200, 300) in ``head_direction``."""
    points = np.zeros((N_POINTS, 3), np.float32)
    across = np.array([-head_direction[1], head_direction[0]])
    points[LEFT_SHOULDER, :2] = (200, 300) + 50 * across
    points[RIGHT_SHOULDER, :2] = (200, 300) - 50 * across
    points[NOSE, :2] = (200, 300) + 40 * np.asarray(head_direction)
    mask = np.zeros(N_POINTS, bool)
    mask[[NOSE, LEFT_SHOULDER, RIGHT_SHOULDER]] = seen
    return FrameLandmarks(points, mask, 0.0)


@pytest.mark.parametrize(
    ("head_direction", "turn", "mirrored_turn"),
    [
        ((0.0, -1.0), 0, 0),  # up (image y points down)
        ((0.3, -1.0), 0, 0),  # a tilted head is still upright
        ((1.0, 0.0), 270, 90),  # lying with the head to the right: turn back anticlockwise
        ((-1.0, 0.2), 90, 270),
        ((0.1, 1.0), 180, 180),
    ],
)
def test_the_turn_that_stands_a_signer_upright_comes_from_where_the_head_is(
    head_direction, turn, mirrored_turn
):
    frames = [_head_frame(head_direction) for _ in range(5)] + [_head_frame((0.0, -1.0), seen=False)]
    frames.append(_head_frame((0.0, -1.0)))  # one odd frame is outvoted
    assert upright_turn(frames) == turn
    assert upright_turn(frames, mirrored=True) == mirrored_turn
    assert upright_turn([_head_frame(head_direction, seen=False)]) == 0  # no head: left as it is


@pytest.mark.parametrize("turn", [90, 180, 270])
def test_a_box_turned_with_its_picture_covers_the_same_pixels(turn):
    picture = np.zeros((48, 64), np.uint8)
    box = (5, 7, 20, 30)
    picture[7:37, 5:25] = 1
    turned = cv2.rotate(
        picture, {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}[turn]
    )
    rows, columns = np.flatnonzero(turned.any(1)), np.flatnonzero(turned.any(0))
    expected = (columns[0], rows[0], columns[-1] + 1 - columns[0], rows[-1] + 1 - rows[0])
    assert turned_box(box, (64, 48), turn) == expected


@pytest.mark.parametrize("turn", [None, 0, 90, 180, 270])
def test_the_framed_picture_is_the_box_turned_and_placed_in_the_original_videos_pixels(turn):
    decoded = np.arange(48 * 64, dtype=np.uint16).reshape(48, 64)  # every pixel its own value
    box = (5, 7, 20, 30)
    picture, size, offset = framed_picture(decoded, box, 128, turn)  # decoded at half the original's width
    inside = decoded[7:37, 5:25]
    rotation = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
    np.testing.assert_array_equal(picture, cv2.rotate(inside, rotation[turn]) if turn else inside)
    x, y, width, height = turned_box(box, (64, 48), turn) if turn else box
    assert (size, offset) == ((2 * width, 2 * height), (2 * x, 2 * y))
    assert size == (2 * picture.shape[1], 2 * picture.shape[0])


@pytest.mark.slow
@pytest.mark.parametrize(("rotation", "turned"), [(cv2.ROTATE_90_CLOCKWISE, 270), (cv2.ROTATE_180, 180)])
def test_a_video_turned_without_rotation_metadata_is_tracked_upright(tmp_path, hand_rising, rotation, turned):
    """Phone footage lying on its side with no rotation in its header (a turned selfie, so the mirror is
    turned too) gives the landmarks of the upright video, in the upright picture's pixels."""
    robustness = load_tool("measure_video_robustness")
    frames, expected = hand_rising
    lying = tmp_path / "lying.avi"
    robustness.write_video([cv2.rotate(frame, rotation) for frame in frames], 10.0, lying)

    got = extract_video(lying, mirrored=True)
    assert expected.meta.get("turned_degrees") is None
    assert got.meta["turned_degrees"] == turned
    assert (got.width, got.height) == (540, 720) and len(got) == len(expected) == 20
    both = got.mask & expected.mask
    assert both.sum() >= 0.95 * max(got.mask.sum(), expected.mask.sum())
    assert got.mask[:, LEFT_HAND].any(1).sum() >= 0.9 * expected.mask[:, LEFT_HAND].any(1).sum()
    distance = np.linalg.norm(got.points[both, :2] - expected.points[both, :2], axis=1)
    # Pixels of 540 x 720: the codec's noise (it compressed the turned picture; 3.2 for 180 degrees). Left
    # lying, the same frames' points were hundreds of pixels away.
    assert np.median(distance) < 4.0


def test_the_shared_videos_are_tracked_whole():
    """No bars or frozen ends in the real videos: nothing of them is left out (WLASL 00338 and 00339 have a
    white backdrop that never changes at the sides; only black bars are cut)."""
    videos = [shared_path("data/videos/001_001_001.mp4")]
    videos += sorted(shared_path("data/videos/wlasl-abdomen").glob("*.mp4"))
    for video in videos:
        frames = list(iter_video_frames(video))
        height, width = frames[0].image.shape[:2]
        assert find_framing(video) == Framing((0, 0, width, height), 0, len(frames) - 1), video


@pytest.mark.parametrize(
    "content, problem",
    [
        (None, "no such file"),
        (b"", "empty"),
        (b"these are notes, not a video\n" * 20, "not a video"),
        (SIGNING_VIDEO.read_bytes()[:2000], "truncated or corrupt"),
    ],
    ids=["missing", "empty", "text", "truncated"],
)
def test_unusable_files_raise_input_error_naming_the_file(tmp_path, content, problem):
    path = tmp_path / "clip.mp4"
    if content is not None:
        path.write_bytes(content)
    for call in (probe_video, extract_video):
        with pytest.raises(InputError, match=problem) as error:
            call(path)
        assert str(path) in str(error.value)


def test_missing_or_damaged_model_bundle_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="holistic_landmarker.task: the MediaPipe model bundle is missing"):
        LandmarkExtractor(model_dir=tmp_path)
    damaged = "holistic_landmarker.task: the MediaPipe model bundle is damaged or not the right one"
    (tmp_path / "holistic_landmarker.task").write_bytes(b"not a model")
    with pytest.raises(InputError, match=damaged):
        LandmarkExtractor(model_dir=tmp_path)
    # Another MediaPipe bundle in its place: a zip without the holistic graph's models (was FileNotFoundError)
    shutil.copyfile(models_dir() / "hand_landmarker.task", tmp_path / "holistic_landmarker.task")
    with pytest.raises(InputError, match=damaged):
        LandmarkExtractor(model_dir=tmp_path)


def _hand(label: str, wrist_x: float, palm: float = 40.0) -> DetectedHand:
    points = np.zeros((21, 3), np.float32)
    points[:, 0] = wrist_x
    points[:, 1] = 300.0
    points[9, 1] = 300.0 - palm  # MIDDLE_FINGER_MCP above the wrist
    return DetectedHand(label, points)


def _body(left_wrist_x: float, right_wrist_x: float) -> np.ndarray:
    body = np.zeros((33, 3), np.float32)
    body[LEFT_WRIST_BODY] = (left_wrist_x, 300.0, 0.0)
    body[RIGHT_WRIST_BODY] = (right_wrist_x, 300.0, 0.0)
    return body


def test_assign_hands_corrects_a_label_the_body_contradicts():
    # Non-mirrored view: the signer's right wrist at x=100, left at x=400.
    hand = _hand("Right", 395)
    assert assign_hands([hand], _body(400, 100)) == (hand, None)


def test_assign_hands_keeps_the_hand_model_label_when_the_body_is_ambiguous():
    hand = _hand("Right", 250)  # between two wrists only 30 px apart: closer to neither by a palm
    assert assign_hands([hand], _body(265, 235)) == (None, hand)


def test_assign_hands_separates_two_hands_with_the_same_label_by_their_wrists():
    near_left, near_right = _hand("Left", 390), _hand("Left", 110)
    assert assign_hands([near_right, near_left], _body(400, 100)) == (near_left, near_right)
    # Even when the wrists barely differ, one hand never overwrites the other.
    first, second = _hand("Left", 251), _hand("Left", 249)
    left, right = assign_hands([first, second], _body(255, 245))
    assert {id(left), id(right)} == {id(first), id(second)}


@pytest.mark.slow
def test_a_left_hand_is_not_tracked_twice(tmp_path):
    """WLASL "abdomen" (00335) is signed with the right hand alone; flipped, with the left alone. The graph
    found the flipped video's left hand twice in 5 frames, the copy a "right hand" on top of it (walk-through
    w33): drawn, saved in clips, and told to "keep your right hand down"."""
    original = shared_path("data/videos/wlasl-abdomen/00335.mp4")
    flipped = extract_video(write_flipped_copy(original, tmp_path / "left-handed.mp4"))
    assert not flipped.present("RIGHT_HAND_LANDMARKS").any()
    assert flipped.present("LEFT_HAND_LANDMARKS").sum() == 25  # the original's right hand: 26
    # Flipped in memory instead (the selfie set-up), the same: once a copy in frame 40.
    assert not extract_video(original, mirrored=True).present("RIGHT_HAND_LANDMARKS").any()


def test_assign_hands_keeps_one_hand_found_twice_on_the_side_the_body_sees():
    body_seen = np.ones(33, bool)
    body_seen[RIGHT_WRIST_BODY] = False  # the right arm hangs out of the picture
    left, copy = _hand("Left", 390), _hand("Right", 394)
    assert assign_hands([left, copy], _body(400, 300), body_seen) == (left, None)
    # Both arms in view: two hands pressed together, each kept.
    assert assign_hands([left, copy], _body(400, 300), np.ones(33, bool)) == (left, copy)
    # Apart by a palm: two hands, whatever the body sees.
    left, right = _hand("Left", 390), _hand("Right", 340)
    assert assign_hands([left, right], _body(400, 300), body_seen) == (left, right)


def test_assign_hands_keeps_both_hands_of_the_starter_clips():
    """The two hands of every frame of the ASL starter clips (MediaPipe Holistic's, placed by this function
    when the clips were made) stay two, with the body as stored, but for the first two frames of a "medium"
    clip, where the "right" hand lies on the left one, shaped as a left hand, and the body sees at most one
    wrist."""
    merged = []
    with opened_copy(assets_dir() / "default_signs.db") as database:
        asl_signs = {sign.id: sign.gloss for sign in database.signs() if sign.language == "ASL"}
        pairs = 0
        for clip in database.clips():
            if clip.sign_id not in asl_signs:
                continue
            pose = database.clip_pose(clip.id)
            both = pose.mask[:, LEFT_HAND].all(1) & pose.mask[:, RIGHT_HAND].all(1)
            for frame in np.flatnonzero(both):
                points = pose.points[frame]
                left = DetectedHand("Left", points[LEFT_HAND])
                right = DetectedHand("Right", points[RIGHT_HAND])
                pairs += 1
                if None in assign_hands([left, right], points[POSE], pose.mask[frame, POSE]):
                    merged.append((asl_signs[clip.sign_id], int(frame)))
    assert pairs > 1000
    assert merged == [("medium", 2), ("medium", 3)]


def test_assign_hands_without_a_body_uses_labels_then_image_side():
    left, right = _hand("Left", 400), _hand("Right", 100)
    assert assign_hands([right, left], None) == (left, right)
    image_right, image_left = _hand("Right", 400), _hand("Right", 100)
    # The signer's right hand appears on the image's left in a non-mirrored view.
    assert assign_hands([image_right, image_left], None) == (image_right, image_left)
    assert assign_hands([], None) == (None, None)


def _body_jitter(points: np.ndarray, mask: np.ndarray) -> float:
    """Median |p[t+1] - 2 p[t] + p[t-1]| (px) of the body points seen in three frames in a row."""
    xy, seen = points[:, POSE, :2], mask[:, POSE]
    steady = seen[2:] & seen[1:-1] & seen[:-2]
    return float(np.median(np.linalg.norm(xy[2:] - 2 * xy[1:-1] + xy[:-2], axis=-1)[steady]))


def test_joining_the_bodies_of_graphs_taking_turns_cancels_their_difference_and_keeps_the_hands():
    body = BodyAcrossGraphs()
    frames = []
    for t in range(6):
        points = np.zeros((N_POINTS, 3), np.float32)
        points[POSE, 0] = 100 + 3 * t + (1.0 if t % 2 else 0.0)  # steady motion, the odd graph 1 px off
        points[LEFT_HAND, 0] = 50 + t
        mask = np.ones(N_POINTS, bool)
        mask[NOSE] = t != 3  # the nose not seen in frame 3: frames 3 and 4 keep their own nose
        frames.append(body.join(FrameLandmarks(points, mask, t / 30)))
    body_x = np.array([frame.points[POSE.start + 1, 0] for frame in frames])
    assert body_x[0] == 100 and np.allclose(np.diff(body_x[1:]), 3)  # no zigzag left, the motion kept
    assert [frame.points[NOSE, 0] for frame in frames][3:5] == [110, 112]
    assert [frame.points[LEFT_HAND.start, 0] for frame in frames] == [50 + t for t in range(6)]
    body.reset()  # a gap in the stream: the next frame stands alone
    alone = FrameLandmarks(frames[0].points.copy(), np.ones(N_POINTS, bool), 1.0)
    assert body.join(alone) is alone


@pytest.mark.slow
def test_two_graphs_taking_turns_track_as_steadily_as_one_once_their_bodies_are_joined(selfie):
    """The live pipeline's set-up (two graphs, alternate frames, bodies joined) against one graph on the
    signing video: bodies as steady, the signing hand found in as many frames."""
    frames = list(iter_video_frames(SIGNING_VIDEO))
    graphs = [LandmarkExtractor(mirrored=True), LandmarkExtractor(mirrored=True)]
    try:
        turns = [graphs[n % 2].process(frame.image, frame.timestamp_s) for n, frame in enumerate(frames)]
    finally:
        for graph in graphs:
            graph.close()
    body = BodyAcrossGraphs()
    joined = [body.join(landmarks) for landmarks in turns]
    single = _body_jitter(selfie.points, selfie.mask)

    def jitter(result: list) -> float:
        return _body_jitter(np.stack([f.points for f in result]), np.stack([f.mask for f in result]))

    assert jitter(turns) > 2 * single  # the seam between the graphs, which joining mends
    assert jitter(joined) <= 1.25 * single
    hand_frames = np.stack([f.mask[LEFT_HAND].any() for f in joined])
    assert abs(int(hand_frames.sum()) - int(selfie.mask[:, LEFT_HAND].any(1).sum())) <= 2
    assert hand_frames[SHARP_LEFT_HAND_FRAMES].all()


def test_extractors_taking_turns_get_alternate_frames_and_give_them_back_in_order():
    class Recorder:
        def __init__(self):
            self.seen = []

        def process(self, image, timestamp_s):
            self.seen.append(timestamp_s)
            return FrameLandmarks(image, np.ones(1, bool), timestamp_s)

    extractors = [Recorder(), Recorder()]
    frames = [(np.full(3, index, np.float32), index / 30) for index in range(7)]
    run = track_in_turns(extractors, frames)
    assert [landmarks.timestamp_s for landmarks in run.landmarks] == [t for _image, t in frames]
    assert [float(landmarks.points[0]) for landmarks in run.landmarks] == list(range(7))
    assert extractors[0].seen == [0 / 30, 2 / 30, 4 / 30, 6 / 30]
    assert extractors[1].seen == [1 / 30, 3 / 30, 5 / 30]
    assert run.frames_per_s > 0 and run.cpu_ms_per_frame >= 0
    with pytest.raises(ValueError):
        track_in_turns(extractors, frames[:2])


def test_a_whole_video_is_found_whole_without_decoding_all_of_it(monkeypatch, tmp_path):
    """Choosing a minute's video as the camera decoded every frame while the learner waited (1.5 s); the
    frame at the rule's threshold decoding is enough. A truncated one is still counted and refused."""
    import signcore.extract as extract

    grabs = []

    class Counted:
        def __init__(self, capture):
            self.capture = capture

        def grab(self):
            grabs.append(1)
            return self.capture.grab()

        def __getattr__(self, name):
            return getattr(self.capture, name)

    opened = extract._open_video
    monkeypatch.setattr(extract, "_open_video", lambda path: Counted(opened(path)))
    extract.require_whole_video(SIGNING_VIDEO, extract.probe_video(SIGNING_VIDEO))
    assert len(grabs) == 1
    truncated = tmp_path / "truncated.mp4"
    truncated.write_bytes(SIGNING_VIDEO.read_bytes()[:60000])
    with pytest.raises(InputError, match="damaged or cut short: only the first 0.2 s of its 1.9 s"):
        extract.require_whole_video(truncated, extract.probe_video(truncated))
