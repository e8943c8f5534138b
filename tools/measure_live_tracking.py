"""Why the live pipeline runs ONE holistic graph, and why it cannot reach 30 frames/s on 2 cores.

    nice python tools/measure_live_tracking.py [VIDEO ...]

Per video (default: the shared videos), one table row per set-up of signcore.extract.LandmarkExtractor:

* one graph fed frames shrunk to at most 640, 480 or 320 px (longest side): does a smaller picture make
  MediaPipe cheaper?
* two graphs taking alternate frames on two threads (the only way to use both cores for tracking): frames/s,
  and the jitter it adds, as the median frame-to-frame acceleration of the body points and of the hand
  points in pixels of the 640 px frame (each graph smooths and tracks its own half of the stream).
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import numpy as np

from signcore.extract import LandmarkExtractor, VideoFrame, iter_video_frames
from signcore.layout import LEFT_HAND, N_DIMS, N_POINTS, POSE, RIGHT_HAND

SHARED_VIDEOS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "videos"
SELFIE_VIDEOS = {"pose_format_test_video.mp4"}
JITTER_SIDE = 640  # jitter is reported in pixels of a frame of this longest side, comparable across sizes


def _track(frames: list[VideoFrame], selfie: bool, graphs: int) -> tuple[float, np.ndarray, np.ndarray]:
    """(frames/s, points (T, 75, 3), mask (T, 75)) with ``graphs`` extractors taking turns, one per thread."""
    extractors = [LandmarkExtractor(mirrored=selfie) for _ in range(graphs)]
    points = np.zeros((len(frames), N_POINTS, N_DIMS), np.float32)
    mask = np.zeros((len(frames), N_POINTS), bool)

    def run(turn: int) -> None:
        for index in range(turn, len(frames), graphs):
            frame = frames[index]
            result = extractors[turn].process(frame.image, frame.timestamp_s)
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
        measured = set()  # (size, graphs): a video smaller than a size is measured once at its own size
        for side, graphs in ((640, 1), (480, 1), (320, 1), (640, 2)):
            frames = list(iter_video_frames(path, max_side=side))
            longest = max(frames[0].image.shape[:2])
            if (longest, graphs) in measured:
                continue
            measured.add((longest, graphs))
            rate, points, mask = _track(frames, selfie, graphs)
            points[..., :2] *= JITTER_SIDE / longest
            body, hands = _jitter(points, mask, POSE), _jitter(points, mask, [LEFT_HAND, RIGHT_HAND])
            setup = f"{graphs} graph{'s' if graphs > 1 else ''}, {longest} px"
            print(f"| {path.name} | {setup} | {rate:.1f} | {body:.2f} | {hands:.2f} |", flush=True)


if __name__ == "__main__":
    main([Path(a) for a in sys.argv[1:]] or sorted(SHARED_VIDEOS.rglob("*.mp4")))
