"""Speed and detection rates of the MediaPipe Tasks set-ups on the shared videos, as a Markdown table.

    nice python tools/measure_extraction.py [VIDEO ...]

Option (a): PoseLandmarker (full or lite) + HandLandmarker(num_hands=2), one after the other on each frame.
Option (b): HolisticLandmarker (pose + face + both hands from one graph).
Product: signcore.extract.LandmarkExtractor (option b plus the body check of the hand labels).
All run in VIDEO mode on the video's own frame timestamps, frames downscaled like the product does (longest
side <= 1280). Selfie videos (pose_format_test_video) are un-mirrored first, so "left"/"right" are the
signer's physical hands as the runtime labels them. frames/s counts colour conversion and inference
(not decoding); every option processes each frame in turn, so a busy machine slows them alike.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np

from signcore.extract import LandmarkExtractor, VideoFrame, iter_video_frames
from signcore.layout import LEFT_HAND, POSE, RIGHT_HAND
from signcore.mediapipe_import import BaseOptions, vision
from signcore.mediapipe_import import mediapipe as mp
from signcore.paths import models_dir

SHARED_VIDEOS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "videos"
SELFIE_VIDEOS = {"pose_format_test_video.mp4"}

# detect(frame) -> (body found, left hand found, right hand found); close()
Detector = tuple[Callable[[VideoFrame], tuple[bool, bool, bool]], Callable[[], None]]


def _mediapipe_image(frame: VideoFrame, selfie: bool) -> mp.Image:
    rgb = cv2.cvtColor(frame.image, cv2.COLOR_BGR2RGB)
    if selfie:
        rgb = cv2.flip(rgb, 1)
    return mp.Image(image_format=mp.ImageFormat.SRGB, data=np.ascontiguousarray(rgb))


def _pose_and_hands(pose_bundle: str, selfie: bool) -> Detector:
    video = vision.RunningMode.VIDEO
    pose = vision.PoseLandmarker.create_from_options(
        vision.PoseLandmarkerOptions(BaseOptions(str(models_dir() / pose_bundle)), running_mode=video)
    )
    hands = vision.HandLandmarker.create_from_options(
        vision.HandLandmarkerOptions(
            BaseOptions(str(models_dir() / "hand_landmarker.task")), running_mode=video, num_hands=2
        )
    )

    def detect(frame: VideoFrame) -> tuple[bool, bool, bool]:
        image, timestamp_ms = _mediapipe_image(frame, selfie), round(frame.timestamp_s * 1000)
        body = pose.detect_for_video(image, timestamp_ms).pose_landmarks
        found = hands.detect_for_video(image, timestamp_ms)
        labels = [categories[0].category_name for categories in found.handedness]
        return bool(body), "Left" in labels, "Right" in labels

    def close() -> None:
        pose.close()
        hands.close()

    return detect, close


def _holistic(selfie: bool) -> Detector:
    holistic = vision.HolisticLandmarker.create_from_options(
        vision.HolisticLandmarkerOptions(
            BaseOptions(str(models_dir() / "holistic_landmarker.task")), running_mode=vision.RunningMode.VIDEO
        )
    )

    def detect(frame: VideoFrame) -> tuple[bool, bool, bool]:
        result = holistic.detect_for_video(_mediapipe_image(frame, selfie), round(frame.timestamp_s * 1000))
        return (
            bool(result.pose_landmarks),
            bool(result.left_hand_landmarks),
            bool(result.right_hand_landmarks),
        )

    return detect, holistic.close


def _product(selfie: bool) -> Detector:
    extractor = LandmarkExtractor(mirrored=selfie)

    def detect(frame: VideoFrame) -> tuple[bool, bool, bool]:
        found = extractor.process(frame.image, frame.timestamp_s)
        body, left, right = (bool(found.mask[part].any()) for part in (POSE, LEFT_HAND, RIGHT_HAND))
        return body, left, right

    return detect, extractor.close


OPTIONS: dict[str, Callable[[bool], Detector]] = {
    "a: pose full + hands": lambda selfie: _pose_and_hands("pose_landmarker_full.task", selfie),
    "a: pose lite + hands": lambda selfie: _pose_and_hands("pose_landmarker_lite.task", selfie),
    "b: holistic": _holistic,
    "product: LandmarkExtractor": _product,
}


def measure(video: Path) -> dict[str, tuple[float, int, list[int]]]:
    """Per option: (frames/s, frames, [frames with body, left hand, right hand])."""
    selfie = video.name in SELFIE_VIDEOS
    detectors = {name: make(selfie) for name, make in OPTIONS.items()}
    counts = {name: [0, 0, 0] for name in detectors}
    busy = dict.fromkeys(detectors, 0.0)
    frames = 0
    try:
        for frame in iter_video_frames(video):
            for name, (detect, _) in detectors.items():
                start = time.perf_counter()
                found = detect(frame)
                busy[name] += time.perf_counter() - start
                counts[name] = [total + bool(f) for total, f in zip(counts[name], found, strict=True)]
            frames += 1
    finally:
        for _, close in detectors.values():
            close()
    return {name: (frames / busy[name], frames, counts[name]) for name in detectors}


def main(argv: list[str]) -> int:
    videos = [Path(p) for p in argv] or [
        SHARED_VIDEOS / "pose_format_test_video.mp4",
        SHARED_VIDEOS / "001_001_001.mp4",
        *sorted((SHARED_VIDEOS / "wlasl-abdomen").glob("*.mp4")),
    ]
    print("| video | option | frames | frames/s | body | left hand | right hand |")
    print("|---|---|---|---|---|---|---|")
    for video in videos:
        for option, (fps, frames, (body, left, right)) in measure(video).items():
            print(
                f"| {video.name} | {option} | {frames} | {fps:.1f} | {body / frames:.0%} "
                f"| {left / frames:.0%} | {right / frames:.0%} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
