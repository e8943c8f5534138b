"""Is each traduttore sequence's first frame of another moment than the rest? A table (and JSON).

    PYTHONPATH=. python tools/measure_traduttore_first_frame.py [--data ../shared/data] [--json FILE]

traduttore's recording script (traduttore/traduttore-model, DataCollection.py) takes a sequence's first frame,
shows it with "STARTING COLLECTION" for 2 s (cv2.waitKey(2000)), then takes the other 19 back to back; the
file records no time. The reader (:func:`signcore.formats.load_traduttore`) leaves that frame out; this
reads the sequences with it and measures, in shoulder widths (:func:`signcore.normalize.body_xy`), each
step from frame k to k + 1:

* the wrist: the larger step of the two hand blocks' wrists, each where detected in both frames;
* the upper body: the mean step of the body's first 23 points (head, shoulders, arms), seen in both frames;

the first step against the later ones (pooled; and per clip, over the clip's median later step; how often
it is the clip's largest, 1 in 19 if nothing set the first frame apart), and the first frame against the
last frame of the sequence before it in the file (the same class, the next ``seq``), which the script took
just before it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from signcore import normalize
from signcore.files import write_text_atomically
from signcore.formats import TRADUTTORE_IDLE, LabeledClip, load_traduttore
from signcore.layout import POSE, WRIST
from signcore.paths import shared_dir

PERCENTILES = (10, 25, 50, 75, 90)
UPPER_BODY = np.arange(POSE.start, POSE.start + 23)  # MediaPipe pose 0-22: head, shoulders, arms, hands


def clip_steps(clip: LabeledClip) -> dict[str, np.ndarray]:
    """(frames - 1,) steps in shoulder widths per measure; nan where not measured."""
    pose = clip.pose
    xy = normalize.body_xy(pose, slice(0, len(pose)))
    both = pose.mask[1:] & pose.mask[:-1]
    moved = np.linalg.norm(np.diff(xy, axis=0), axis=-1)
    wrists = [start + WRIST for start in normalize.HAND_STARTS]
    wrist = np.where(both[:, wrists], moved[:, wrists], -np.inf).max(axis=1)
    seen = both[:, UPPER_BODY]
    upper = (moved[:, UPPER_BODY] * seen).sum(axis=1) / np.maximum(seen.sum(axis=1), 1)
    return {
        "wrist": np.where(np.isinf(wrist), np.nan, wrist),
        "upper body": np.where(seen.any(1), upper, np.nan),
    }


def apart_from(pose_a, frame_a: int, pose_b, frame_b: int) -> float:
    """The upper body's mean distance between two frames (of two clips of one recording session), in the
    second clip's shoulder widths; nan where no point is seen in both."""
    seen = pose_a.mask[frame_a, UPPER_BODY] & pose_b.mask[frame_b, UPPER_BODY]
    if not seen.any():
        return float("nan")
    _, scale = normalize.body_frame(pose_b.points, pose_b.mask)
    a, b = pose_a.points[frame_a, UPPER_BODY, :2], pose_b.points[frame_b, UPPER_BODY, :2]
    return float(np.linalg.norm(a - b, axis=1)[seen].mean() / scale)


def percentiles(values: np.ndarray, at: tuple[int, ...] = PERCENTILES) -> list[float]:
    values = values[~np.isnan(values)]
    return np.percentile(values, at).round(4).tolist() if len(values) else [float("nan")] * len(at)


def first_against_later(steps: np.ndarray) -> dict:
    """``steps`` (clips, frames - 1): the first step against the later ones."""
    first, later = steps[:, 0], steps[:, 1:]
    measured = ~np.isnan(first) & (np.sum(~np.isnan(later), axis=1) >= later.shape[1] // 2)
    first, later = first[measured], later[measured]
    ratio = first / np.maximum(np.nanmedian(later, axis=1), 1e-9)
    largest = first > np.nanmax(np.where(np.isnan(later), -np.inf, later), axis=1)
    return {
        "clips": int(measured.sum()),
        "first_step": percentiles(first),
        "later_steps": percentiles(later.ravel()),
        "first_over_clip_median_later": percentiles(ratio),
        "share_first_largest": float(largest.mean()) if len(first) else float("nan"),
        "share_first_over_3x": float((ratio > 3).mean()) if len(first) else float("nan"),
        "median_step_by_frame": [percentiles(step, (50,))[0] for step in steps[measured].T],
    }


def group_of(gloss: str) -> str:
    return "idle (-)" if gloss == TRADUTTORE_IDLE else "letters" if len(gloss) == 1 else "word signs"


def measure(npz: Path) -> dict:
    clips = load_traduttore(npz, with_stale_first_frame=True)
    steps = [clip_steps(clip) for clip in clips]
    results: dict = {"clips": len(clips), "measures": {}, "groups": {}}
    for name in steps[0]:
        results["measures"][name] = first_against_later(np.stack([s[name] for s in steps]))
    groups = np.array([group_of(clip.gloss) for clip in clips])
    upper = np.stack([s["upper body"] for s in steps])
    for group in ("word signs", "letters", "idle (-)"):
        results["groups"][group] = first_against_later(upper[groups == group])
    # Sequence n's first frame against sequence n - 1's last (adjacent in the file, same class, next seq)
    by_row = {int(clip.source.rsplit("#", 1)[1]): clip for clip in clips}
    before, own_next = [], []
    for row, clip in by_row.items():
        earlier = by_row.get(row - 1)
        if earlier and earlier.gloss == clip.gloss and earlier.pose.meta["seq"] + 1 == clip.pose.meta["seq"]:
            before.append(apart_from(earlier.pose, -1, clip.pose, 0))
            own_next.append(apart_from(clip.pose, 1, clip.pose, 0))
    pairs = np.array([before, own_next]).reshape(2, -1)
    measured = ~np.isnan(pairs).any(axis=0)
    results["previous_sequence"] = {
        "pairs": int(measured.sum()),
        "first_to_previous_last": percentiles(pairs[0, measured]),
        "first_to_own_second": percentiles(pairs[1, measured]),
        "share_closer_to_previous": float((pairs[0, measured] < pairs[1, measured]).mean())
        if measured.any()
        else float("nan"),
    }
    return results


def report(results: dict) -> str:
    p = "/".join(f"p{q}" for q in PERCENTILES)
    lines = [
        f"traduttore, {results['clips']} clips read with their first frame; steps in shoulder widths",
        "",
        f"| measure | clips | step 0->1 {p} | steps k->k+1, k >= 1 {p} "
        f"| step 0->1 / clip's median later step {p} | 0->1 the clip's largest | over 3x |",
        "|---|---:|---|---|---|---:|---:|",
    ]
    rows = [(name, row) for name, row in results["measures"].items()]
    rows += [(f"upper body, {group}", row) for group, row in results["groups"].items()]
    for name, row in rows:
        lines.append(
            f"| {name} | {row['clips']} | {' / '.join(map(str, row['first_step']))} "
            f"| {' / '.join(map(str, row['later_steps']))} "
            f"| {' / '.join(f'{v:.1f}' for v in row['first_over_clip_median_later'])} "
            f"| {row['share_first_largest']:.1%} | {row['share_first_over_3x']:.1%} |"
        )
    lines += ["", "Median step by frame (0->1, 1->2, ...):"]
    for name, row in results["measures"].items():
        lines.append(f"  {name}: {' '.join(f'{v:.3f}' for v in row['median_step_by_frame'])}")
    previous = results["previous_sequence"]
    lines += [
        "",
        "Frame 0 against the sequence before it in the file (same class, next seq; "
        f"{previous['pairs']} pairs), upper body, {p}:",
        f"  to that sequence's last frame: {' / '.join(map(str, previous['first_to_previous_last']))}",
        f"  to its own frame 1:            {' / '.join(map(str, previous['first_to_own_second']))}",
        f"  closer to the previous sequence's last frame: {previous['share_closer_to_previous']:.1%}",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=shared_dir() / "data", help="the shared data folder")
    parser.add_argument("--json", type=Path, help="also write every number here")
    args = parser.parse_args(argv)
    results = measure(args.data / "traduttore" / "traduttore_MP_Data.npz")
    if args.json is not None:
        write_text_atomically(args.json, json.dumps(results, indent=1))
    print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
