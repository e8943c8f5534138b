"""Why the live pipeline runs ONE holistic graph, and why it cannot reach 30 frames/s on 2 cores.

    nice python tools/measure_live_tracking.py [VIDEO ...]

Per video (default: the shared videos), one table row per set-up of signcore.extract.LandmarkExtractor:

* one graph fed 640, 480 or 320 px frames (longest side): does a smaller picture make MediaPipe cheaper?
* two graphs taking alternate frames on two threads (the only way to use both cores for tracking): frames/s,
  and the jitter it adds, as the median frame-to-frame acceleration of the body points and of the hand
  points in pixels of the 640 px frame (each graph smooths and tracks its own half of the stream).
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import cv2
import numpy as np

from signcore.extract import LandmarkExtractor
from signcore.layout import LEFT_HAND, POSE, RIGHT_HAND

SHARED_VIDEOS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "videos"
SELFIE_VIDEOS = {"pose_format_test_video.mp4"}
FRAME_INTERVAL_S = 1 / 30


def _frames(path: Path, longest_side: int) -> list[np.ndarray]:
    capture, frames = cv2.VideoCapture(str(path)), []
    while True:
        ok, image = capture.read()
        if not ok:
            break
        scale = longest_side / max(image.shape[:2])
        size = (round(image.shape[1] * scale), round(image.shape[0] * scale))
        frames.append(cv2.resize(image, size, interpolation=cv2.INTER_AREA))
    capture.release()
    return frames


def _track(frames: list[np.ndarray], selfie: bool, graphs: int) -> tuple[float, np.ndarray, np.ndarray]:
    """(frames/s, points (T, 75, 3), mask (T, 75)) with ``graphs`` extractors taking turns, one per thread."""
    extractors = [LandmarkExtractor(mirrored=selfie) for _ in range(graphs)]
    points = np.zeros((len(frames), 75, 3), np.float32)
    mask = np.zeros((len(frames), 75), bool)

    def run(turn: int) -> None:
        for index in range(turn, len(frames), graphs):
            result = extractors[turn].process(frames[index], index * FRAME_INTERVAL_S)
            points[index], mask[index] = result.points, result.mask

    threads = [threading.Thread(target=run, args=(turn,)) for turn in range(graphs)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    for extractor in extractors:
        extractor.close()
    return len(frames) / elapsed, points, mask


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


def main(videos: list[Path]) -> None:
    print("| video | set-up | frames/s | body jitter px | hand jitter px |")
    print("|---|---|---:|---:|---:|")
    for path in videos:
        selfie = path.name in SELFIE_VIDEOS
        for side, graphs in ((640, 1), (480, 1), (320, 1), (640, 2)):
            frames = _frames(path, side)
            rate, points, mask = _track(frames, selfie, graphs)
            points[..., :2] *= 640 / side  # jitter in pixels of the 640 px frame, comparable across sizes
            body, hands = _jitter(points, mask, POSE), _jitter(points, mask, [LEFT_HAND, RIGHT_HAND])
            setup = f"{graphs} graph{'s' if graphs > 1 else ''}, {side} px"
            print(f"| {path.name} | {setup} | {rate:.1f} | {body:.2f} | {hands:.2f} |", flush=True)


if __name__ == "__main__":
    main([Path(a) for a in sys.argv[1:]] or sorted(SHARED_VIDEOS.rglob("*.mp4")))
