"""Which MediaPipe set-up the live pipeline runs: speed, hands found and jitter, side by side on each video.

    nice python tools/measure_live_tracking.py [VIDEO ...]

Per video (default: the shared videos), frames shrunk to at most 640 px (the camera's size), a clip shorter
than 150 frames played forwards and back until it has 150, one table row per set-up, all measured in the
same run one after the other:

* ``holistic + face``: signcore.extract.LandmarkExtractor's holistic graph with its face models running
  (the app before the face was switched off);
* ``holistic``: LandmarkExtractor with the face models skipped (the app before two graphs);
* ``2 holistic, alternate frames``: two of those graphs taking turns on two threads, as they come;
* ``2 holistic, bodies joined``: the same with the seam between the graphs mended by
  :class:`signcore.extract.BodyAcrossGraphs` (the app's live pipeline);
* ``pose + hand tasks, parallel``: PoseLandmarker (full) and HandLandmarker (2 hands) on the same frame on
  two threads at once, hands placed on the signer's sides by :func:`signcore.extract.assign_hands`.

Columns: frames/s (wall clock), CPU ms per frame (all threads; steadier than frames/s on a shared machine),
the share of frames with a body / left hand / right hand (physical sides), and the jitter: the median
frame-to-frame acceleration |p[t+1] - 2 p[t] + p[t-1]| of the body points and of the hand points, in pixels.
"""

from __future__ import annotations

import os
import sys
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

import cv2
import numpy as np

from signcore.extract import (
    BodyAcrossGraphs,
    DetectedHand,
    FrameLandmarks,
    LandmarkExtractor,
    VideoFrame,
    assign_hands,
    iter_video_frames,
    track_in_turns,
)
from signcore.layout import LEFT_HAND, N_DIMS, N_POINTS, POSE, POSE_VISIBILITY_THRESHOLD, RIGHT_HAND
from signcore.mediapipe_import import BaseOptions, vision
from signcore.mediapipe_import import mediapipe as mp
from signcore.paths import models_dir

# ../shared beside the checkout, or wherever SIGNPRACTICE_SHARED says (as for the tests)
SHARED = Path(os.environ.get("SIGNPRACTICE_SHARED", Path(__file__).resolve().parent.parent.parent / "shared"))
SHARED_VIDEOS = SHARED / "data" / "videos"
SELFIE_VIDEOS = {"pose_format_test_video.mp4"}
MAX_SIDE = 640
MIN_FRAMES = 150


class HolisticWithFace(LandmarkExtractor):
    """The extractor with the holistic graph's face models left on (as the app ran before)."""

    def _create_graph(self) -> vision.HolisticLandmarker:
        options = vision.HolisticLandmarkerOptions(
            BaseOptions(str(self._bundle)), running_mode=vision.RunningMode.VIDEO
        )
        return vision.HolisticLandmarker.create_from_options(options)


class PoseAndHandTasks:
    """PoseLandmarker and HandLandmarker on the same frame at once, one thread each."""

    def __init__(self, mirrored: bool):
        self.mirrored = mirrored
        video = vision.RunningMode.VIDEO
        folder = models_dir()
        self.pose = vision.PoseLandmarker.create_from_options(
            vision.PoseLandmarkerOptions(
                BaseOptions(str(folder / "pose_landmarker_full.task")), running_mode=video
            )
        )
        self.hands = vision.HandLandmarker.create_from_options(
            vision.HandLandmarkerOptions(
                BaseOptions(str(folder / "hand_landmarker.task")), running_mode=video, num_hands=2
            )
        )
        self.pool = ThreadPoolExecutor(2)

    def process(self, frame_bgr: np.ndarray, timestamp_s: float) -> FrameLandmarks:
        rgb = cv2.cvtColor(frame_bgr, cv2.COLOR_BGR2RGB)
        if self.mirrored:
            rgb = cv2.flip(rgb, 1)
        image = mp.Image(image_format=mp.ImageFormat.SRGB, data=np.ascontiguousarray(rgb))
        timestamp_ms = round(timestamp_s * 1000)
        body_job = self.pool.submit(self.pose.detect_for_video, image, timestamp_ms)
        hands_job = self.pool.submit(self.hands.detect_for_video, image, timestamp_ms)
        body_result, hands_result = body_job.result(), hands_job.result()
        height, width = frame_bgr.shape[:2]
        scale = np.array([width, height, width], np.float32)
        points, mask = np.zeros((N_POINTS, N_DIMS), np.float32), np.zeros(N_POINTS, bool)
        body = None
        if body_result.pose_landmarks:
            landmarks = body_result.pose_landmarks[0]
            body = np.array([(p.x, p.y, p.z) for p in landmarks], np.float32) * scale
            points[POSE] = body
            mask[POSE] = [(p.visibility or 0.0) >= POSE_VISIBILITY_THRESHOLD for p in landmarks]
        hands = [
            DetectedHand(
                handedness[0].category_name,
                np.array([(p.x, p.y, p.z) for p in landmarks], np.float32) * scale,
            )
            for handedness, landmarks in zip(
                hands_result.handedness, hands_result.hand_landmarks, strict=True
            )
        ]
        for component, hand in zip(
            (LEFT_HAND, RIGHT_HAND), assign_hands(hands, body, mask[POSE]), strict=True
        ):
            if hand is not None:
                points[component], mask[component] = hand.points, True
        return FrameLandmarks(points, mask, timestamp_s)

    def close(self) -> None:
        self.pool.shutdown()
        self.pose.close()
        self.hands.close()


def _track(frames: list[VideoFrame], make, graphs: int) -> tuple[float, float, np.ndarray, np.ndarray]:
    """(frames/s, CPU ms per frame, points (T, 75, 3), mask (T, 75)) with ``graphs`` extractors made by
    ``make()`` taking turns, one per thread (:func:`signcore.extract.track_in_turns`)."""
    extractors = [make() for _ in range(graphs)]
    try:
        run = track_in_turns(extractors, [(frame.image, frame.timestamp_s) for frame in frames])
    finally:
        for extractor in extractors:
            extractor.close()
    points = np.stack([landmarks.points for landmarks in run.landmarks])
    mask = np.stack([landmarks.mask for landmarks in run.landmarks])
    return run.frames_per_s, run.cpu_ms_per_frame, points, mask


def _joined(points: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The frames' bodies joined in time order as the live pipeline joins them."""
    body = BodyAcrossGraphs()
    return np.stack([body.join(FrameLandmarks(p, m, 0.0)).points for p, m in zip(points, mask, strict=True)])


def _jitter(points: np.ndarray, mask: np.ndarray, part: slice | list[slice]) -> float:
    """Median |p[t+1] - 2 p[t] + p[t-1]| (px) over the part's points seen in three frames in a row."""
    parts = part if isinstance(part, list) else [part]
    values = []
    for component in parts:
        xy, seen = points[:, component, :2], mask[:, component]
        steady = seen[2:] & seen[1:-1] & seen[:-2]
        values.append(np.linalg.norm(xy[2:] - 2 * xy[1:-1] + xy[:-2], axis=-1)[steady])
    values = np.concatenate(values)
    return float(np.median(values)) if values.size else float("nan")


def _ping_pong(frames: list[VideoFrame], count: int) -> list[VideoFrame]:
    """``count`` frames going forwards and backwards through ``frames``, with timestamps going on."""
    order = list(range(len(frames))) + list(range(len(frames) - 2, 0, -1))
    interval = (frames[-1].timestamp_s - frames[0].timestamp_s) / max(len(frames) - 1, 1) or 1 / 30
    return [
        VideoFrame(frames[order[i % len(order)]].image, frames[0].timestamp_s + i * interval)
        for i in range(count)
    ]


def main(videos: list[Path]) -> None:
    print(
        "| video | set-up | frames/s | CPU ms/frame | body / left / right | body jitter px | hand jitter px |"
    )
    print("|---|---|---:|---:|---|---:|---:|")
    for path in videos:
        selfie = path.name in SELFIE_VIDEOS
        frames = list(iter_video_frames(path, max_side=MAX_SIDE))
        if len(frames) < MIN_FRAMES:  # short clips are played forwards and back again, as a longer take
            frames = _ping_pong(frames, MIN_FRAMES)
        setups = (
            ("holistic + face", partial(HolisticWithFace, mirrored=selfie), 1, False),
            ("holistic", partial(LandmarkExtractor, mirrored=selfie), 1, False),
            ("2 holistic, alternate frames", partial(LandmarkExtractor, mirrored=selfie), 2, False),
            ("2 holistic, bodies joined", partial(LandmarkExtractor, mirrored=selfie), 2, True),
            ("pose + hand tasks, parallel", partial(PoseAndHandTasks, mirrored=selfie), 1, False),
        )
        for name, make, graphs, joined in setups:
            rate, cpu_ms, points, mask = _track(frames, make, graphs)
            if joined:
                points = _joined(points, mask)
            found = " / ".join(f"{mask[:, part].any(1).mean():.0%}" for part in (POSE, LEFT_HAND, RIGHT_HAND))
            body, hands = _jitter(points, mask, POSE), _jitter(points, mask, [LEFT_HAND, RIGHT_HAND])
            print(
                f"| {path.name} ({len(frames)}) | {name} | {rate:.1f} | {cpu_ms:.0f} | {found} | "
                f"{body:.2f} | {hands:.2f} |",
                flush=True,
            )


if __name__ == "__main__":
    chosen = [Path(a) for a in sys.argv[1:]] or sorted(SHARED_VIDEOS.rglob("*.mp4"))
    if not chosen:
        sys.exit(
            f"no videos given and none in {SHARED_VIDEOS} (set SIGNPRACTICE_SHARED to the shared folder)"
        )
    main(chosen)
