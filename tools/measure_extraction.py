"""Speed and detection rates of the two MediaPipe Tasks set-ups on the shared videos, as a table.

    nice python tools/measure_extraction.py [VIDEO ...]

Option (a): PoseLandmarker (full or lite) + HandLandmarker(num_hands=2), one after the other on each frame.
Option (b): HolisticLandmarker (pose + face + both hands from one graph).
Both run in VIDEO mode on the video's own frame timestamps, frames downscaled like the product does
(longest side <= 1280). Selfie videos (pose_format_test_video) are un-mirrored first, so "left"/"right"
are the signer's physical hands as the runtime labels them, before any correction by the body.
frames/s counts inference only (decoding excluded), measured on whatever this machine is doing.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import cv2
import mediapipe as mp
from mediapipe.tasks.python import BaseOptions, vision

from signcore.extract import iter_video_frames
from signcore.paths import models_dir

SHARED_VIDEOS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "videos"
SELFIE_VIDEOS = {"pose_format_test_video.mp4"}


def _pose_and_hands(pose_bundle: str):
    video = vision.RunningMode.VIDEO
    pose = vision.PoseLandmarker.create_from_options(
        vision.PoseLandmarkerOptions(BaseOptions(str(models_dir() / pose_bundle)), running_mode=video)
    )
    hands = vision.HandLandmarker.create_from_options(
        vision.HandLandmarkerOptions(
            BaseOptions(str(models_dir() / "hand_landmarker.task")), running_mode=video, num_hands=2
        )
    )

    def detect(image: mp.Image, timestamp_ms: int) -> tuple[bool, bool, bool]:
        body = pose.detect_for_video(image, timestamp_ms).pose_landmarks
        found = hands.detect_for_video(image, timestamp_ms)
        labels = [categories[0].category_name for categories in found.handedness]
        return bool(body), "Left" in labels, "Right" in labels

    def close() -> None:
        pose.close()
        hands.close()

    return detect, close


def _holistic():
    holistic = vision.HolisticLandmarker.create_from_options(
        vision.HolisticLandmarkerOptions(
            BaseOptions(str(models_dir() / "holistic_landmarker.task")), running_mode=vision.RunningMode.VIDEO
        )
    )

    def detect(image: mp.Image, timestamp_ms: int) -> tuple[bool, bool, bool]:
        result = holistic.detect_for_video(image, timestamp_ms)
        return (
            bool(result.pose_landmarks),
            bool(result.left_hand_landmarks),
            bool(result.right_hand_landmarks),
        )

    return detect, holistic.close


OPTIONS = {
    "a: pose full + hands": lambda: _pose_and_hands("pose_landmarker_full.task"),
    "a: pose lite + hands": lambda: _pose_and_hands("pose_landmarker_lite.task"),
    "b: holistic": _holistic,
}


def measure(video: Path, make_detector) -> tuple[float, int, list[int]]:
    """(inference frames/s, frames, [frames with body, left hand, right hand])."""
    detect, close = make_detector()
    counts, frames, busy = [0, 0, 0], 0, 0.0
    try:
        for frame in iter_video_frames(video):
            rgb = cv2.cvtColor(frame.image, cv2.COLOR_BGR2RGB)
            if video.name in SELFIE_VIDEOS:
                rgb = cv2.flip(rgb, 1)
            image = mp.Image(image_format=mp.ImageFormat.SRGB, data=rgb)
            start = time.perf_counter()
            found = detect(image, round(frame.timestamp_s * 1000))
            busy += time.perf_counter() - start
            counts = [c + f for c, f in zip(counts, found, strict=True)]
            frames += 1
    finally:
        close()
    return frames / busy, frames, counts


def main(argv: list[str]) -> int:
    videos = [Path(p) for p in argv] or [
        SHARED_VIDEOS / "pose_format_test_video.mp4",
        SHARED_VIDEOS / "001_001_001.mp4",
        *sorted((SHARED_VIDEOS / "wlasl-abdomen").glob("*.mp4")),
    ]
    print("| video | option | frames | frames/s | body | left hand | right hand |")
    print("|---|---|---|---|---|---|---|")
    for video in videos:
        for option, make_detector in OPTIONS.items():
            fps, frames, (body, left, right) = measure(video, make_detector)
            print(
                f"| {video.name} | {option} | {frames} | {fps:.1f} | {body / frames:.0%} "
                f"| {left / frames:.0%} | {right / frames:.0%} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
