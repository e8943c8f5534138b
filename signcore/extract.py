"""MediaPipe Tasks landmark extraction from live camera frames and video files into the canonical layout.

Which MediaPipe set-up, and why: **HolisticLandmarker** (one graph: body, both hands, face), rather than
PoseLandmarker + HandLandmarker(num_hands=2). Measured with ``tools/measure_extraction.py`` (VIDEO mode, the
videos' own timestamps, all options on each frame in turn, 2 cores shared with other jobs, so absolute
speeds vary 2-3x between runs; fraction of frames with body / left hand / right hand):

======================  =================================  =================================
video (frames)          (a) pose full + hands              (b) holistic
======================  =================================  =================================
selfie 540x720 (58)     10.4 fps  100% / 36% / 5%          6.7 fps  100% / 38% / 0%
LSA64 1920x1080 (88)     8.8 fps  100% /  1% / 42%         6.3 fps  100% /  0% / 100%
WLASL 00335 (58)        15.4 fps  100% /  0% / 41%         9.3 fps  100% /  0% / 45%
WLASL 00336 (65)         9.4 fps   98% /  0% / 83%         6.1 fps   98% /  0% / 83%
WLASL 00338, 00339       7.4, 6.7  100% / 0% / 100%        5.5, 5.3  100% / 0% / 100%
======================  =================================  =================================

Checked frame by frame: in the LSA64 clip the signing hand is in view throughout, yet the stand-alone hand
tracker loses it for good when it changes shape at the face (frame 38): its palm detector sees the whole
frame shrunk to 192 px and never finds the small hand again. The holistic graph crops each hand around the
body's wrist and keeps it. In WLASL 00335 holistic finds the hand in exactly the 26 frames it is in view.
On the selfie video both find the one sharp hand, but the hand model alone called it "Right" in 3 of 24
frames. Holistic takes ~1.3-1.6x the time (it also runs the face mesh, which we drop); in a quieter run it
managed 15-27 frames/s, enough for live practice. A hand missed while plainly in view makes a sign
unrecognisable, so recall wins. The lite pose model is ~25% faster than the
full one in option (a) and finds the same, but does not fix the lost hands.

Its cost is the graph's models, not the picture (24-28 frames/s for frames of 640, 480, 320 and 288 px
alike at load ~1), and it limits the app's frame rate. The live set-ups, side by side with
``tools/measure_live_tracking.py`` on the six shared videos (640 px, 150 frames each, one run, a machine
at load ~12, so CPU ms per frame is the steady figure):

* the face models, which the app never uses, are skipped: 47-65 CPU ms a frame against 60-75 with them,
  body and hands bit-identical;
* two graphs taking alternate frames on two threads: each smooths its own half of the stream, and the
  body's frame-to-frame jitter grows 5-18x (1.15 -> 5.27 px on the selfie video, 0.05 -> 0.63 on LSA64);
* PoseLandmarker and HandLandmarker as two tasks in parallel (about 17 + 10 ms a frame at load ~1): the
  least CPU (43-49 ms), but the stand-alone hand tracker loses the LSA64 signing hand again (right hand
  found in 31% of the frames against 99%; described above).

One graph keeps only about 1.4 of two cores busy (its models run one after the other, each on one thread:
MediaPipe gives XNNPACK one thread on desktops, and the Tasks API's BaseOptions has no thread setting, only
the delegate), so it tops out at 27-29 frames/s on this machine idle, under a 30 fps camera; two graphs
taking alternate frames reach 42 (same run, 640x480). Each graph's own frames are as steady as one graph's
at that rate: the jitter above is only the seam between the two, which :class:`BodyAcrossGraphs` mends.
With it (``2 holistic, bodies joined`` in the tool) body jitter is close to one graph's on all six videos
(LSA64, WLASL 00335, 00336, 00338, 00339, selfie: 0.06 / 0.10 / 0.36 / 0.04 / 0.02 / 1.18 px against
0.05 / 0.09 / 0.21 / 0.04 / 0.02 / 1.15), hands are found in the same frames (the selfie video's left hand
in 41% against 40%), and hand jitter is the same except on the selfie video's fast, blurred wave (30.9 px
against 24.8: each graph crops the hand where it was two frames ago). The price is memory: a graph holds
~150 MB resident (its models' interpreters and buffers, whatever the frame size), and in the window, on two
cores, the second graph takes the cores the drawing and scoring need (measured: the comment of
desktop_app.core.signing.handover.TRACKING_GRAPHS). So the live pipeline (desktop_app.ui.pipeline) runs two
graphs on alternate frames from four cores up and one on two; video files, which need no speed, one graph.
Preparing a frame for MediaPipe (colour, mirror) costs 0.2 ms of the ~36: a smaller input saves nothing.

Tried for one graph on two cores and not taken (same tool's measures, each set-up in turn, twice, on the
six videos, a shared machine): ~70% of the graph's CPU is the models' own arithmetic (``perf``), so only a
lighter model saves much.

* The lite body model inside the holistic bundle: 49 CPU ms a frame against 55, hands found the same on
  LSA64, but body jitter grows (selfie 1.15 -> 1.87 px, WLASL 00336 0.21 -> 0.35), the selfie's hand
  jitter too (24.8 -> 29.1), and WLASL 00335's hand is found in 45% of frames against 48%.
* The lite hand model (from the ``mediapipe`` 0.10.21 wheel) inside the bundle: 44 CPU ms, but LSA64's
  signing hand is found in 39% of frames against 99%.
* The graph in LIVE_STREAM mode: its flow limiter keeps one frame in flight, so frames are dropped rather
  than overlapped (88-93 of 150 frames at 20 fps).
* PoseLandmarker, then HandLandmarker on a square crop around each body wrist: 30-63 CPU ms, but LSA64's
  signing hand is found in 11-21% of frames and a hand is seen where there is none.

One :class:`LandmarkExtractor` serves both the app's camera stream and video files. It runs MediaPipe in
VIDEO mode, which tracks the body and hands from frame to frame (faster and steadier than detecting afresh)
and needs strictly increasing integer-millisecond timestamps. Video files (:func:`extract_video`) are read
upright as their rotation metadata says or, lacking it, as the signer's head says (:func:`upright_turn`),
and black bars and frozen frames at their ends are left out (:func:`find_framing`): what other cameras and
dictionary sites do to a video, measured with
``tools/measure_video_robustness.py`` (its docstring lists the variants and what is still weak).

Conventions of the output (see :mod:`signcore.layout`): pixels of the original image, z scaled by the width,
hands labelled by the signer's PHYSICAL side, coordinates of the NON-mirrored view. A selfie (mirrored) frame
is flipped back before detection, so the models always see the scene as the camera saw it; MediaPipe's
handedness then names the physical hand directly (it names the wrong one on a mirrored image).
"""

from __future__ import annotations

import functools
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from signcore.errors import InputError
from signcore.files import require_file, sha256_of_file, sha256_of_file_as_it_is
from signcore.layout import (
    LEFT_HAND,
    LEFT_SHOULDER,
    LEFT_WRIST_BODY,
    MIDDLE_FINGER_MCP,
    N_DIMS,
    N_POINTS,
    NOSE,
    POSE,
    POSE_VISIBILITY_THRESHOLD,
    RIGHT_HAND,
    RIGHT_SHOULDER,
    RIGHT_WRIST_BODY,
    VIDEO_DIGEST,
    VIDEO_MIRRORED,
    WRIST,
    PoseSequence,
    timestamps_problem,
)
from signcore.mediapipe_import import BaseOptions, vision
from signcore.mediapipe_import import mediapipe as mp
from signcore.native_memory import release_freed_memory
from signcore.paths import models_dir

# FFmpeg prints its own complaints about damaged videos ("moov atom not found", "Invalid NAL unit size")
# straight to stderr; the learner gets ours, naming the file. AV_LOG_QUIET, read when OpenCV first opens
# a video with FFmpeg; set the variable yourself to see FFmpeg's messages again.
os.environ.setdefault("OPENCV_FFMPEG_LOGLEVEL", "-8")

log = logging.getLogger(__name__)

HOLISTIC_BUNDLE = "holistic_landmarker.task"
DEFAULT_MAX_SIDE = 1280
NEVER = 1.0  # a confidence threshold no detection reaches
# Bump when a change here alters the landmarks extract_video gives for the same file (set-up, frame size,
# timestamps, hand assignment): caches keyed by extractor_identity() then stop serving the old ones.
# 2: frames turned upright as the video's rotation metadata says; 3: uniform borders and frozen ends left out;
# 4: a video whose signer lies sideways or upside down (no rotation metadata) turned upright; 5: one hand
# found twice kept once (assign_hands).
EXTRACTOR_VERSION = 5
# A video that decodes to fewer frames than this share of what its container reports (and more than one
# frame short: counts of some formats are off by one) is reported as truncated or damaged.
COMPLETE_FRACTION = 0.9
# Two detected hands whose 21 points lie (median) within this share of a palm length of each other are one
# hand found twice, unless the body sees both wrists (assign_hands). Measured: the copies in WLASL 00335
# mirrored 0.14-0.63 (the highest a blurred hand leaving the picture; the video flipped in a file or in
# memory). The two hands of the ASL starter clips (MediaPipe Holistic's) lie under 0.75 palm in 3 frames of
# 1,165: one with both wrists seen, kept; the first two of a "medium" clip (0.38, 0.73; the body sees at most
# one wrist) become one hand, which they may well be: the "right" one has a left hand's shape there.
SAME_HAND_FRACTION = 0.75


class ExtractionCancelled(Exception):
    """Raised by :func:`extract_video` and :func:`require_whole_video` when their ``cancel`` callback asks
    them to stop."""


@dataclass
class FrameLandmarks:
    """The landmarks of one frame: ``points`` (75, 3) float32, ``mask`` (75,) bool, and the timestamp (s)
    actually used, which is strictly later than the previous frame's."""

    points: np.ndarray
    mask: np.ndarray
    timestamp_s: float


@dataclass(frozen=True)
class VideoInfo:
    """``frames`` is the container's frame count (an estimate: some formats are off by one)."""

    frames: int
    fps: float
    width: int
    height: int

    @property
    def frame_interval(self) -> float:
        """Seconds a frame lasts at its rate (30 a second where the container gives none)."""
        return 1.0 / self.fps if self.fps > 0 else 1.0 / 30

    @property
    def duration(self) -> float:
        """Seconds its frame count lasts at that rate."""
        return self.frames * self.frame_interval


@dataclass
class VideoFrame:
    image: np.ndarray  # BGR, possibly downscaled
    timestamp_s: float  # the frame's own presentation time in the file


@dataclass
class DetectedHand:
    label: str  # MediaPipe's handedness, "Left" or "Right" (physical hand of a non-mirrored image)
    points: np.ndarray  # (21, 3) in output pixels


class LandmarkExtractor:
    """Body (33 points) and both hands (21 points each) per frame, in the canonical layout.

    ``mirrored``: True when the frames are a selfie view (flipped left-right, as most camera previews
    show them). Feed it one stream, from one thread, in time order. Use it as a context manager or call
    :meth:`close`, so the native MediaPipe graph is freed at a known time, not by the garbage collector.
    """

    def __init__(self, mirrored: bool = False, model_dir: str | Path | None = None):
        self.mirrored = mirrored
        folder = Path(model_dir) if model_dir is not None else models_dir()
        self._bundle = folder / HOLISTIC_BUNDLE
        if not self._bundle.is_file():
            raise InputError(self._bundle, "the MediaPipe model bundle is missing (reinstall the app)")
        self._holistic = self._create_graph()
        self._frame_size: tuple[int, int] | None = None
        self._last_ms: int | None = None
        self._last_s = 0.0

    def _create_graph(self) -> vision.HolisticLandmarker:
        options = vision.HolisticLandmarkerOptions(
            BaseOptions(str(self._bundle)),
            running_mode=vision.RunningMode.VIDEO,
            # The face is never used: a face detection threshold no detection reaches skips the face mesh,
            # ~13% of the graph's CPU time (64 -> 56 CPU ms a frame on the selfie video, three runs each,
            # alternating, on a busy machine). Body and hands come out bit-identical on all shared videos.
            min_face_detection_confidence=NEVER,
        )
        try:
            return vision.HolisticLandmarker.create_from_options(options)
        # What MediaPipe raises for a damaged or wrong bundle: its status codes become RuntimeError,
        # ValueError, FileNotFoundError (a model missing from the bundle), IndexError, NotImplementedError...
        except (RuntimeError, ValueError, OSError, IndexError, NotImplementedError) as error:
            raise InputError(
                self._bundle,
                f"the MediaPipe model bundle is damaged or not the right one; reinstall the app ({error})",
            ) from error

    def __enter__(self) -> LandmarkExtractor:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._holistic.close()
        release_freed_memory()  # else what the graph's threads freed stays resident (see native_memory)

    def _next_timestamp(self, timestamp_s: float) -> tuple[float, int]:
        """The frame's timestamp made strictly later than the previous one: (seconds, MediaPipe's ms)."""
        # VIDEO mode rejects a timestamp that is not strictly later than the last one. Webcam clocks jitter,
        # repeat and occasionally step back, and two frames may round to the same millisecond: such a frame
        # is placed 1 ms after its predecessor instead of being dropped. Good timestamps pass unrounded.
        ms = round(timestamp_s * 1000)
        if self._last_ms is not None and (ms <= self._last_ms or timestamp_s <= self._last_s):
            ms = self._last_ms + 1
            timestamp_s = ms / 1000.0
        self._last_s, self._last_ms = timestamp_s, ms
        return timestamp_s, ms

    def process(
        self,
        frame_bgr: np.ndarray,
        timestamp_s: float,
        source_size: tuple[float, float] | None = None,
        source_offset: tuple[float, float] = (0.0, 0.0),
    ) -> FrameLandmarks:
        """Landmarks of one BGR frame taken at ``timestamp_s`` seconds.

        ``source_size`` (width, height): report pixels of that size instead of the frame's own, for a frame
        that was downscaled from a larger original; ``source_offset`` (x, y): where the frame's top left
        corner is in that original, for a frame cut out of it.
        """
        height, width = frame_bgr.shape[:2]
        out_width, out_height = source_size or (width, height)
        rgb = cv2.cvtColor(frame_bgr, cv2.COLOR_BGR2RGB)
        if self.mirrored:
            rgb = cv2.flip(rgb, 1)
        if self._frame_size not in (None, (width, height)):
            # The holistic graph smooths its segmentation over time and fails outright ("RET_CHECK failure
            # current_mat->rows == previous_mat->rows") when the frame size changes, in VIDEO mode too
            # (a camera switched to another resolution): start a new graph for the new size.
            self._holistic.close()
            self._holistic = self._create_graph()
        self._frame_size = (width, height)
        image = mp.Image(image_format=mp.ImageFormat.SRGB, data=np.ascontiguousarray(rgb))
        timestamp_s, timestamp_ms = self._next_timestamp(timestamp_s)
        result = self._holistic.detect_for_video(image, timestamp_ms)

        # MediaPipe gives x, y in [0, 1] of the image and z "on roughly the same scale as x".
        scale = np.array([out_width, out_height, out_width], np.float32)
        offset = np.array([*source_offset, 0.0], np.float32)
        points = np.zeros((N_POINTS, N_DIMS), np.float32)
        mask = np.zeros(N_POINTS, bool)
        body = None
        if result.pose_landmarks:
            body = _to_pixels(result.pose_landmarks, scale, offset)
            points[POSE] = body
            mask[POSE] = [
                (point.visibility or 0.0) >= POSE_VISIBILITY_THRESHOLD for point in result.pose_landmarks
            ]
        hands = [
            DetectedHand(label, _to_pixels(landmarks, scale, offset))
            for label, landmarks in (
                ("Left", result.left_hand_landmarks),
                ("Right", result.right_hand_landmarks),
            )
            if landmarks
        ]
        left, right = assign_hands(hands, body, mask[POSE])
        for component, hand in ((LEFT_HAND, left), (RIGHT_HAND, right)):
            if hand is not None:
                points[component] = hand.points
                mask[component] = True
        return FrameLandmarks(points, mask, timestamp_s)


class BodyAcrossGraphs:
    """Joins the bodies of one stream's frames tracked by several graphs taking turns (the live pipeline).

    Each holistic graph smooths the body over the frames it saw; two graphs taking alternate frames each
    smooth their own half, and the two halves differ by a pixel or so, so the merged body zigzags from frame
    to frame (jitter 5-18x a single graph's; see the module docstring). Each graph's own frames are as steady
    as a single graph's, so the zigzag is only the seam: a body point seen in this frame and the one before
    is placed halfway between the two, which cancels the difference between the graphs (half a frame of
    lag, on the body only). Hands are left as found: no graph smooths them, so taking turns does not make
    them jitter. Feed it the frames in time order; :meth:`reset` after a gap in the stream.
    """

    def __init__(self) -> None:
        self._previous: FrameLandmarks | None = None

    def reset(self) -> None:
        self._previous = None

    def join(self, landmarks: FrameLandmarks) -> FrameLandmarks:
        previous, self._previous = self._previous, landmarks
        if previous is None:
            return landmarks
        both = previous.mask[POSE] & landmarks.mask[POSE]
        if not both.any():
            return landmarks
        points = landmarks.points.copy()
        body = points[POSE]
        body[both] = (body[both] + previous.points[POSE][both]) / 2
        return FrameLandmarks(points, landmarks.mask, landmarks.timestamp_s)


@dataclass
class TurnsRun:
    """What :func:`track_in_turns` measured: every frame's landmarks in order, and the speed."""

    landmarks: list[FrameLandmarks]
    frames_per_s: float  # wall clock
    cpu_ms_per_frame: float  # the whole process's CPU time: steadier than frames/s on a shared machine


def track_in_turns(extractors: Sequence[Any], frames: Sequence[tuple[np.ndarray, float]]) -> TurnsRun:
    """Landmarks of ``frames`` (BGR image, timestamp in seconds) with the ``extractors`` (anything with
    :meth:`LandmarkExtractor.process`) taking alternate frames, each on a thread of its own, as the live
    pipeline runs its graphs. Each extractor's first frame (loading and preparing its models) is tracked
    before the clock starts, so the speed is the steady one."""
    graphs = len(extractors)
    if len(frames) <= graphs:
        raise ValueError(f"{len(frames)} frames cannot time {graphs} extractor(s) after their first frames")
    landmarks: list[Any] = [None] * len(frames)

    def track(turn: int, indexes: range) -> None:
        for index in indexes:
            image, timestamp_s = frames[index]
            landmarks[index] = extractors[turn].process(image, timestamp_s)

    for turn in range(graphs):
        track(turn, range(turn, turn + 1))
    threads = [
        threading.Thread(target=track, args=(turn, range(turn + graphs, len(frames), graphs)))
        for turn in range(graphs)
    ]
    started, cpu_started = time.perf_counter(), time.process_time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    timed = len(frames) - graphs
    return TurnsRun(landmarks, timed / elapsed, 1000 * cpu / timed)


def extractor_identity() -> str:
    """What decides a video's landmarks besides its bytes, for cache keys: EXTRACTOR_VERSION and the
    shipped MediaPipe bundle's content (:func:`extract_video` tracks with it), e.g. ``x1-3f9c2a1b0d4e``."""
    bundle = models_dir() / HOLISTIC_BUNDLE
    return f"x{EXTRACTOR_VERSION}-{_file_digest(bundle)[:12]}"


@functools.cache
def _file_digest(path: Path) -> str:
    """sha256 of a shipped file, read once per process (~50 ms for the 18 MB bundle)."""
    try:
        return sha256_of_file(path)
    except OSError as error:
        raise InputError(path, f"the MediaPipe model bundle cannot be read ({error})") from error


def _to_pixels(landmarks: Sequence[Any], scale: np.ndarray, offset: np.ndarray) -> np.ndarray:
    points = np.array([(point.x, point.y, point.z) for point in landmarks], np.float32)
    pixels: np.ndarray = points * scale + offset
    return pixels


def assign_hands(
    hands: Sequence[DetectedHand], body: np.ndarray | None, body_seen: np.ndarray | None = None
) -> tuple[DetectedHand | None, DetectedHand | None]:
    """(left, right): the detected hands placed on the signer's physical sides.

    Why check labels against the body: a stand-alone hand model judges handedness from one hand crop and
    flips (3 of 24 frames of the test video: a hand seen edge-on or blurred); the holistic graph looks for
    each hand around the body's wrist of its side, but tracks that crop from frame to frame, so when the
    hands cross or touch a crop could stay on the other hand. The body model sees the whole arm, so its
    LEFT_WRIST/RIGHT_WRIST tell best which arm a hand is on. When the body is found, each hand goes to the
    side whose body wrist its own wrist is nearer to, but only when that is clear by more than a palm length
    (the body's wrist can be that far off when the arm is occluded or the hands are close together);
    otherwise the given label stands. Two hands with the same label always go each to the side its wrist
    matches, so one hand never overwrites the other.

    The graph can also find one hand twice: signed with the left hand only, WLASL 00335 mirrored had a "right
    hand" in 5 of its 58 frames (flipped in a file; 1 flipped in memory), each a copy of the left (the 21
    points' median 0.14-0.63 palm lengths from the left hand's) while the body never saw its right wrist.
    Two hands whose points lie within ``SAME_HAND_FRACTION`` of a palm of each other are one hand unless the
    body sees both its wrists (``body_seen``: the body points it saw; None, all of them): hands pressed
    together show both arms. The one hand goes to the side of the body's wrist it is nearer to, as that
    side's detection.
    """
    hands = list(hands)[:2]
    if not hands:
        return None, None
    if body is not None:
        body_wrists = body[[LEFT_WRIST_BODY, RIGHT_WRIST_BODY], :2]

        def leftness(hand: DetectedHand) -> float:
            """How much nearer (pixels) the hand's wrist is to the body's left wrist than to its right."""
            distances = np.linalg.norm(body_wrists - hand.points[WRIST, :2], axis=1)
            return float(distances[1] - distances[0])

        if len(hands) == 2 and _one_hand_twice(*hands) and not _both_wrists_seen(body_seen):
            by_label = {hand.label: hand for hand in hands}
            if leftness(hands[0]) > 0:
                return by_label.get("Left", hands[0]), None
            return None, by_label.get("Right", hands[0])
        if len(hands) == 2:
            first, second = hands
            # Total wrist distance of "first left, second right" minus that of the swapped assignment.
            preference = leftness(first) - leftness(second)
            margin = (_palm_length(first) + _palm_length(second)) / 2
            if abs(preference) > margin or first.label == second.label:
                return (first, second) if preference >= 0 else (second, first)
        else:
            (hand,) = hands
            preference = leftness(hand)
            if abs(preference) > _palm_length(hand):
                return (hand, None) if preference > 0 else (None, hand)
    if len(hands) == 2 and hands[0].label == hands[1].label:
        # No body to ask: in a non-mirrored view the signer's right hand is the one further left in the image.
        right, left = sorted(hands, key=lambda hand: hand.points[WRIST, 0])
        return left, right
    by_label = {hand.label: hand for hand in hands}
    return by_label.get("Left"), by_label.get("Right")


def _palm_length(hand: DetectedHand) -> float:
    return float(np.linalg.norm(hand.points[MIDDLE_FINGER_MCP, :2] - hand.points[WRIST, :2]))


def _one_hand_twice(first: DetectedHand, second: DetectedHand) -> bool:
    """Whether two detections' points lie on top of each other (see :func:`assign_hands`)."""
    spread = float(np.median(np.linalg.norm(first.points[:, :2] - second.points[:, :2], axis=1)))
    return spread < SAME_HAND_FRACTION * (_palm_length(first) + _palm_length(second)) / 2


def _both_wrists_seen(body_seen: np.ndarray | None) -> bool:
    return body_seen is None or bool(body_seen[[LEFT_WRIST_BODY, RIGHT_WRIST_BODY]].all())


def to_sequence(
    frames: Sequence[FrameLandmarks], width: int, height: int, meta: dict[str, Any] | None = None
) -> PoseSequence:
    """A :class:`PoseSequence` of processed frames, timestamps counted from the first frame."""
    if not frames:
        sequence = PoseSequence.empty(0, width=width, height=height)
        sequence.meta = dict(meta or {})
        return sequence
    timestamps = np.array([frame.timestamp_s for frame in frames])
    return PoseSequence(
        np.stack([frame.points for frame in frames]),
        np.stack([frame.mask for frame in frames]),
        timestamps - timestamps[0],
        width,
        height,
        dict(meta or {}),
    )


def probe_video(path: str | Path) -> VideoInfo:
    """Frame count, frame rate and size of a video; :class:`InputError` if it cannot be decoded at all."""
    path = Path(path)
    require_file(path)
    if path.stat().st_size == 0:
        raise InputError(path, "the file is empty")
    capture = _open_video(path)
    try:
        if not capture.isOpened():
            raise InputError(path, "not a video that can be read (unknown format, or the file is damaged)")
        ok, frame = capture.read()
        if not ok or frame is None:
            raise InputError(path, "no frame could be decoded (the video is truncated or corrupt)")
        height, width = frame.shape[:2]
        return VideoInfo(
            frames=max(int(capture.get(cv2.CAP_PROP_FRAME_COUNT)), 1),
            fps=float(capture.get(cv2.CAP_PROP_FPS)),
            width=width,
            height=height,
        )
    finally:
        capture.release()


def _open_video(path: str | Path) -> cv2.VideoCapture:
    """A capture that turns the frames upright as the file's rotation metadata says.

    Phones store portrait video as landscape frames plus a rotation in the track header, and OpenCV 4.11
    ignores it unless asked: WLASL clips turned 90 degrees with the rotation in their header came out
    sideways, their embeddings 0.47-0.48 from the upright clips' (a plain re-encoding: 0.002-0.013; between
    two signers of the same sign: see tools/measure_video_robustness.py), and DTW ranked the right sign 5th
    or 6th instead of 1st."""
    capture = cv2.VideoCapture(str(path))
    capture.set(cv2.CAP_PROP_ORIENTATION_AUTO, 1)
    return capture


def iter_video_frames(path: str | Path, max_side: int = DEFAULT_MAX_SIDE) -> Iterator[VideoFrame]:
    """The decodable frames of a video with their own timestamps, shrunk so the longest side <= ``max_side``.

    Decoding stops quietly at the first frame that cannot be read (the end, or where a file is truncated;
    :func:`extract_video` compares the count with the container's).
    """
    capture = _open_video(path)
    fps = capture.get(cv2.CAP_PROP_FPS)
    frame_interval = 1.0 / fps if fps > 0 else 1.0 / 30
    previous = None
    try:
        while True:
            ok, image = capture.read()
            if not ok or image is None:
                return
            # After read(), the position is the presentation time of the frame just decoded. A stream with
            # missing or repeated times gets the nominal frame interval instead.
            timestamp_s = capture.get(cv2.CAP_PROP_POS_MSEC) / 1000.0
            if previous is not None and timestamp_s <= previous:
                timestamp_s = previous + frame_interval
            previous = timestamp_s
            longest = max(image.shape[:2])
            if longest > max_side:
                factor = max_side / longest
                image = cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
            yield VideoFrame(image, timestamp_s)
    finally:
        capture.release()


@dataclass(frozen=True)
class Framing:
    """The part of a video :func:`extract_video` tracks: the picture inside uniform borders, ``box`` (x, y,
    width, height in the pixels of :func:`iter_video_frames`), and the frames ``first`` to ``last``
    (indices) between frozen stretches at the ends."""

    box: tuple[int, int, int, int]
    first: int
    last: int


# A row or column at the edge is part of a black bar when no pixel of it is brighter than this in any frame
# (bars decode to 0-16, their compression ringing a little more). Only dark ones: a white backdrop such as
# Signing Savvy's (WLASL 00338, 00339) is the picture itself, and cutting it off was not measured.
BAR_LEVEL = 40
# Where a bar is cut off, this share of the picture (at least 2 px) goes too: the lines next to a bar are a
# dark blend (resampling, JPEG ringing), and a dark strip at the edge brings the cut-off hand back (LSA64
# in 9:16: found in 58% of the frames cropped at the bar, 0% cropped 3 px further in).
BAR_EDGE = 0.01
# Consecutive frames where no pixel changes by more than this are the same picture held still: a still
# signer's camera noise or compression changes some pixels by more (measured on the shared videos).
FROZEN_LEVELS = 8
# A frozen end is at least this many unchanged frames in a row, at most ODD_FRAMES frames from the video's
# end: some encoders (OpenCV's MJPG writer) make the first 2-3 frames of a frozen start differ slightly.
FROZEN_FRAMES = 5
ODD_FRAMES = 3


def find_framing(path: str | Path) -> Framing:
    """Where the signer's picture is in a video, from one decoding pass.

    Dictionary sites and other cameras put the picture in black bars (letterbox, pillarbox) and hold a still
    frame before and after the sign. MediaPipe does not take bars for the picture's edge: in an LSA64 clip
    letterboxed into 9:16, the resting hand cut off at the picture's bottom edge, never reported in the
    original, was found in 22% of the frames and moved the embedding 0.12 from the original's (two signers
    of the same WLASL sign: 0.14 apart); a still second before and after moved it 0.09-0.19 on five videos,
    while DTW hardly moved (tools/measure_video_robustness.py). So rows and columns at the edges that stay
    black throughout are cut off, and of a frozen stretch at either end one frame is kept.
    """
    highest: np.ndarray | None = None  # per pixel, the brightest it was
    previous = np.zeros(0, np.uint8)
    unchanged: list[bool] = [False]  # per frame: the same picture as the frame before
    for index, frame in enumerate(iter_video_frames(path)):
        image = frame.image
        if highest is None or image.shape != highest.shape:
            highest = image.copy()  # a size change: only the last size counts
            if index > 0:
                unchanged.append(False)
        else:
            np.maximum(highest, image, out=highest)
            unchanged.append(bool(cv2.absdiff(image, previous).max() <= FROZEN_LEVELS))
        previous = image
    if highest is None:
        return Framing((0, 0, 0, 0), 0, -1)
    first, last = _between_frozen_ends(unchanged)
    bars: np.ndarray = highest <= BAR_LEVEL
    rows, columns = np.asarray(bars.all(axis=(1, 2))), np.asarray(bars.all(axis=(0, 2)))
    (top, bottom), (left, right) = _inner_span(rows), _inner_span(columns)
    return Framing((left, top, right - left, bottom - top), first, last)


def _between_frozen_ends(unchanged: list[bool]) -> tuple[int, int]:
    """(first, last) frame to keep: one frame of each frozen stretch at the ends; all of a still video."""
    runs: list[tuple[int, int]] = []  # (first, last) frame of each stretch of one picture held still
    for index, same in enumerate(unchanged):
        if same and runs and runs[-1][1] == index - 1:
            runs[-1] = (runs[-1][0], index)
        elif same:
            runs.append((index - 1, index))
    frozen = [(start, end) for start, end in runs if end - start >= FROZEN_FRAMES - 1]
    last_frame = len(unchanged) - 1
    first = frozen[0][1] if frozen and frozen[0][0] <= ODD_FRAMES else 0
    last = frozen[-1][0] if frozen and frozen[-1][1] >= last_frame - ODD_FRAMES else last_frame
    return (first, last) if first < last else (0, last_frame)


def _inner_span(bar: np.ndarray) -> tuple[int, int]:
    """[start, end) between the bar lines at both ends and their blended edges (everything when every line
    is dark)."""
    picture = np.flatnonzero(~bar)
    if len(picture) == 0:
        return 0, len(bar)
    start, end = int(picture[0]), int(picture[-1]) + 1
    edge = max(2, round(BAR_EDGE * (end - start)))
    return start + edge if start > 0 else start, end - edge if end < len(bar) else end


def extract_video(
    path: str | Path,
    mirrored: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> PoseSequence:
    """Landmarks of every frame of a video file, in the ORIGINAL video's pixels.

    ``mirrored``: the video is a selfie recording. ``progress(done, total)`` is called after each frame
    (``total`` is the container's estimate). ``cancel()`` returning True stops with
    :class:`ExtractionCancelled`.
    Huge frames are shrunk to ``DEFAULT_MAX_SIDE`` for speed: the models run on small inputs anyway (256 px).
    Uniform borders and frozen frames at the ends are left out (:func:`find_framing`); the landmarks stay in
    the whole video's pixels, and the times count from the first frame kept. A video whose signer lies
    sideways or upside down (turned without rotation metadata) is tracked again turned upright
    (:func:`upright_turn`; ``meta["turned_degrees"]``), its landmarks in the upright picture's pixels.

    A video that decodes clearly short of the frame count its container reports (a truncated download, a
    damaged file) still gives the frames that could be read, with a warning naming the file in
    ``meta["warnings"]`` (kept with the clip in the database) that is also logged, and in
    ``meta["cut_short"]`` how much of it could be read (:func:`cut_short_words`).
    """
    info = probe_video(path)
    framing = find_framing(path)
    track = functools.partial(_track_video, path, info, framing, mirrored, progress, cancel)
    frames, decoded, turn = track(None)
    if turn:
        frames, decoded, _ = track(turn)
    width, height = (info.height, info.width) if turn in (90, 270) else (info.width, info.height)
    meta: dict[str, Any] = {
        "source": str(path),
        VIDEO_MIRRORED: mirrored,
        VIDEO_DIGEST: sha256_of_file_as_it_is(path),
    }
    if turn:
        meta["turned_degrees"] = turn
    damaged = timestamps_problem(np.array([frame.timestamp_s for frame in frames]))
    if damaged is not None:
        raise InputError(path, f"the video's frame times are damaged: {damaged}")
    sequence = to_sequence(frames, width, height, meta)
    warning = truncation_warning(path, info, decoded)
    if warning is not None:
        sequence.meta["warnings"], sequence.meta["cut_short"] = [warning], cut_short_words(info, decoded)
        log.warning(warning)
    return sequence


# Frames with the nose and both shoulders found that decide whether a video stands upright: enough that one
# odd frame does not, few enough that a turned video's wasted pass is short.
UPRIGHT_FRAMES = 10
# Clockwise degrees -> the OpenCV rotation that turns a picture by that much.
ROTATIONS = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}


def upright_turn(frames: Sequence[FrameLandmarks], mirrored: bool = False) -> int:
    """Clockwise degrees (0, 90, 180 or 270) that turn the frames' pictures so the signer stands upright,
    from where the head is seen from the shoulders (nose minus the shoulders' midpoint) in ``frames``.

    Phones that write no rotation metadata leave portrait footage lying on its side. The body model finds a
    signer at any angle (shared videos turned 90 degrees either way or 180: the head's direction 83-97 or
    173-179 degrees from up in every frame, upright ones within 9), but the hands and the encoder are built
    for upright signers: turned WLASL clips' embeddings were 0.37-0.48 from the upright clips' and DTW
    ranked the right sign 5th-6th (tools/measure_video_robustness.py). ``mirrored``: the pictures are
    selfie views and the landmarks describe the scene as the camera saw it (:class:`LandmarkExtractor`), so
    left and right are the other way round between the two.
    """
    ups = []
    for frame in frames:
        if _head_and_shoulders(frame):
            up = (
                frame.points[NOSE, :2]
                - (frame.points[LEFT_SHOULDER, :2] + frame.points[RIGHT_SHOULDER, :2]) / 2
            )
            norm = float(np.linalg.norm(up))
            if norm > 0:
                ups.append(up / norm)
    if not ups:
        return 0
    x, y = np.mean(ups, axis=0)
    if mirrored:
        x = -x
    head_clockwise_from_up = float(np.degrees(np.arctan2(x, -y)))  # image y points down
    quarter_turns = round(head_clockwise_from_up / 90.0) % 4
    return (360 - 90 * quarter_turns) % 360


def _head_and_shoulders(frame: FrameLandmarks) -> bool:
    return bool(frame.mask[[NOSE, LEFT_SHOULDER, RIGHT_SHOULDER]].all())


def _turned_box(
    box: tuple[int, int, int, int], size: tuple[int, int], turn: int
) -> tuple[int, int, int, int]:
    """``box`` (x, y, width, height) of a picture of ``size`` (width, height), after turning the picture
    ``turn`` degrees clockwise."""
    x, y, width, height = box
    picture_width, picture_height = size
    if turn == 90:
        return picture_height - y - height, x, height, width
    if turn == 180:
        return picture_width - x - width, picture_height - y - height, width, height
    if turn == 270:
        return y, picture_width - x - width, height, width
    return box


def _framed_picture(
    image: np.ndarray, box: tuple[int, int, int, int], original_width: int, turn: int | None
) -> tuple[np.ndarray, tuple[float, float], tuple[float, float]]:
    """The part of a decoded frame ``image`` inside ``box``, turned ``turn`` degrees clockwise; with its size
    and its top left corner in the pixels of the original video, ``original_width`` wide (the frames are
    decoded downscaled), as :meth:`LandmarkExtractor.process` takes them."""
    frame_height, frame_width = image.shape[:2]
    factor = original_width / frame_width
    x, y, width, height = box
    picture = image[y : y + height, x : x + width]
    if turn:
        picture = cv2.rotate(picture, ROTATIONS[turn])
        x, y, width, height = _turned_box(box, (frame_width, frame_height), turn)
    return picture, (width * factor, height * factor), (x * factor, y * factor)


def _track_video(
    path: str | Path,
    info: VideoInfo,
    framing: Framing,
    mirrored: bool,
    progress: Callable[[int, int], None] | None,
    cancel: Callable[[], bool] | None,
    turn: int | None,
) -> tuple[list[FrameLandmarks], Decoded, int]:
    """One pass of :func:`extract_video`: the landmarks of the framed frames turned ``turn`` degrees
    clockwise, how much of the video was decoded, and the turn. ``turn`` None: not turned, and the turn is
    decided on the first UPRIGHT_FRAMES frames with a head and shoulders (or all, if fewer); a video that
    needs one stops there."""
    frames: list[FrameLandmarks] = []
    decoded = heads = 0
    interval = info.frame_interval
    ends_s = 0.0  # where the last frame decoded ends
    undecided = turn is None
    with LandmarkExtractor(mirrored=mirrored) as extractor:
        for index, frame in enumerate(iter_video_frames(path)):
            if cancel is not None and cancel():
                raise ExtractionCancelled(str(path))
            decoded, ends_s = decoded + 1, frame.timestamp_s + interval
            if framing.first <= index <= framing.last:
                picture, size, offset = _framed_picture(frame.image, framing.box, info.width, turn)
                frames.append(extractor.process(picture, frame.timestamp_s, size, offset))
                heads += undecided and _head_and_shoulders(frames[-1])
                if undecided and heads >= UPRIGHT_FRAMES:
                    undecided, turn = False, upright_turn(frames, mirrored)
                    if turn:
                        return frames, Decoded(decoded, ends_s), turn
            if progress is not None:
                progress(decoded, info.frames)
    if undecided:
        turn = upright_turn(frames, mirrored)
    return frames, Decoded(decoded, ends_s), turn or 0


@dataclass(frozen=True)
class Decoded:
    """How much of a video decodes: its frames, and where the last of them ends (its own presentation time
    plus one frame interval, in seconds)."""

    frames: int
    seconds: float


def cut_short(info: VideoInfo, decoded: Decoded) -> bool:
    """THE rule of a damaged video (``info``: its :func:`probe_video`): one that decodes clearly short of
    what its container reports, by its frames (more than one short, and under :data:`COMPLETE_FRACTION` of
    the count) and by its time (under that share of the count's duration at its rate). By time too: a WebM
    or MKV file stores no frame count (OpenCV's is its duration times its rate), and one recorded at an
    uneven rate holds fewer frames than that, every one of them readable. An import keeps the frames that
    could be read, with a warning (:func:`truncation_warning`); the camera refuses it
    (:func:`require_whole_video`): looped as if live, 7 readable frames of 58 were a signer whose hands never
    came up, and the learner's attempts were blamed for it."""
    short = info.frames - decoded.frames > 1 and decoded.frames < COMPLETE_FRACTION * info.frames
    return short and (info.fps <= 0 or decoded.seconds < COMPLETE_FRACTION * info.frames / info.fps)


def truncation_warning(path: str | Path, info: VideoInfo, decoded: Decoded) -> str | None:
    """The warning for a video :func:`cut_short`, else None."""
    if not cut_short(info, decoded):
        return None
    return (
        f"{path}: only {decoded.frames} of the {info.frames} frames the video reports could be decoded "
        "(the file is probably truncated or damaged); the clip holds just those"
    )


def require_whole_video(path: str | Path, info: VideoInfo, cancel: Callable[[], bool] | None = None) -> None:
    """Raise :class:`InputError` for a video :func:`cut_short` (``info``: its :func:`probe_video`), in the
    learner's words: how much of it can be read. A video that decodes at the rule's share of its time is
    whole enough, found at once (decoding all of a minute's video took 1.5 s); else its frames are counted by
    decoding them all, as an import does, until ``cancel()`` returns True (:class:`ExtractionCancelled`: the
    camera chooser dropped the path for another)."""
    interval = info.frame_interval
    threshold_ms = 1000.0 * COMPLETE_FRACTION * info.duration
    capture = _open_video(path)
    try:
        # Where it landed counts: in a truncated file the seek fails quietly, and the frame after the last
        # one FFmpeg could find decodes instead (the 8th of 58)
        if (
            capture.set(cv2.CAP_PROP_POS_MSEC, threshold_ms)
            and capture.grab()
            and capture.get(cv2.CAP_PROP_POS_MSEC) >= threshold_ms - 1000.0 * interval
        ):
            return
        capture.release()
        capture = _open_video(path)  # some files cannot seek: from the start, counted
        frames, last_s = 0, -interval
        while capture.grab():  # decoded, not turned into pictures: only counted
            if cancel is not None and cancel():
                raise ExtractionCancelled
            frames, last_s = frames + 1, capture.get(cv2.CAP_PROP_POS_MSEC) / 1000.0
    finally:
        capture.release()
    decoded = Decoded(frames, last_s + interval)
    if cut_short(info, decoded):
        raise InputError(path, cut_short_words(info, decoded))


def cut_short_words(info: VideoInfo, decoded: Decoded) -> str:
    """How much of a video :func:`cut_short` can be read, in the learner's words (the camera, a search)."""
    return (
        f"this video is damaged or cut short: only the first {decoded.seconds:.1f} s of its "
        f"{info.duration:.1f} s can be read"
    )
