"""At what frame rate were the untimed data sets recorded? A table (and JSON) from clips with known timing.

    PYTHONPATH=. python tools/measure_capture_rate.py [--data ../shared/data] [--timed DIR ...] [--json FILE]

The traduttore arrays and the DGS CSVs record no time; their readers place the frames at an assumed rate
(``signcore.formats``). A sign moves about as fast whoever makes it, so two measures of the leading hand's
wrist over the sign (:func:`signcore.normalize.signing_span`; the wrist that travels further), in seconds
on the timed clips (every .pose file and video under ``--timed``, each recording once) and in frames on an
untimed set, give that set's frames per second:

* duration: the time the wrist's path takes from 10% to 90% of its length (the movement), the untimed set's
  median in frames over the timed clips' median in seconds; only timed clips of one sign (``ONE_SIGN_S``);
* speed: the wrist's steps in body sizes (shoulder widths; hand sizes, the unit DGS has) per second against
  per frame, at the 50th, 75th, 90th and 95th percentile of all steps pooled; their geometric mean.

A clip counts when its leading wrist is seen in most of its sign's frames (``LEADING_WRIST_SEEN``). The
timed clips are lexical signs, so traduttore is also measured on its word signs alone: its fingerspelled
letters are held still, and their wrist "path" is the tracker's jitter spread over the whole window.

The interval is a bootstrap over clips (timed and untimed alike, seeded). The method check asks each timed
clip, at its own rate and at a half and a third of it (every 2nd / 3rd frame) and as if it had no timing,
for its rate from the other timed clips: the error one clip of another sign makes. It says which estimator
to trust: duration is off by under 2x for 80% of those asks, speed by up to 5x (the sign's content decides
a speed far more than the frame rate). Duration leans low where the timed clips' signs include the hand
rising into place and dropping (dictionary videos), which a traduttore window (the hands already up) lacks.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from signcore import normalize
from signcore.files import sha256_of_file
from signcore.formats import TRADUTTORE_IDLE, load_dgs, load_traduttore
from signcore.layout import LEFT_SHOULDER, RIGHT_SHOULDER, WRIST, PoseSequence
from signcore.paths import install_root, shared_dir
from signcore.signfolder import VIDEO_SUFFIXES, cache_sign_folder_videos, load_sign_folder

PERCENTILES = (50, 75, 90, 95)
MOVEMENT = (0.1, 0.9)  # of the wrist's path: the movement's start and end
MIN_SIGN_FRAMES = 10  # fewer frames of a sign say nothing about its speed or length
SHOULDERS_SEEN = 0.5  # of the sign's frames: a timed clip must show the signer's shoulders
# Of the sign's frames: a leading wrist seen less has no path to measure. Chosen on the method check (clips
# of known rate): the duration estimate's typical error fell from 1.9x to 1.4x (mean |log| 0.62 -> 0.36).
LEADING_WRIST_SEEN = 0.8
ONE_SIGN_S = 3.0  # a timed clip's sign longer than this holds several signs: its speed counts, its length not
SUBSAMPLED = (1, 2, 3)  # the method check: every frame, every 2nd, every 3rd
PRIMARY = "traduttore, word signs"  # the letters' wrists are held still (module docstring)
SEED = 0


@dataclass
class Motion:
    """The leading wrist over one clip's sign: its steps (in shoulder widths and in hand sizes), each step's
    seconds (None: untimed, the unit is a frame), the sign's and the movement's length (seconds or
    frames), and the clip's frame rate when known."""

    name: str
    steps_sw: np.ndarray
    steps_hs: np.ndarray
    step_s: np.ndarray | None
    sign: float
    movement: float
    fps: float | None = None

    def speeds(self, unit: str) -> np.ndarray:
        steps = self.steps_sw if unit == "sw" else self.steps_hs
        return steps if self.step_s is None else steps / self.step_s


def motion(pose: PoseSequence, name: str, timed: bool) -> Motion | str:
    """The leading wrist's motion over the sign in ``pose``, or why it cannot be measured."""
    span, kept = normalize.signing_part(pose.points, pose.mask, still_hand_out=False)
    frames = np.arange(span.start, span.stop)
    if len(frames) < MIN_SIGN_FRAMES:
        return f"a sign of {len(frames)} frames"
    points, mask = np.asarray(pose.points[frames], np.float64), kept[frames]
    shoulders = mask[:, LEFT_SHOULDER] & mask[:, RIGHT_SHOULDER]
    if timed and shoulders.mean() < SHOULDERS_SEEN:
        return "no shoulders in view"
    side = int(np.argmax(normalize.hand_activity(points, mask)))
    wrist = normalize.HAND_STARTS[side] + WRIST
    sizes, known = normalize.hand_sizes(points, mask, dims=2)
    if mask[:, wrist].mean() < LEADING_WRIST_SEEN or not known[:, side].any():
        return f"the leading wrist seen in {mask[:, wrist].mean():.0%} of the sign's frames"
    _, shoulder_width = normalize.body_frame(points, mask)
    seen = mask[1:, wrist] & mask[:-1, wrist]
    steps = np.where(seen, np.linalg.norm(np.diff(points[:, wrist, :2], axis=0), axis=1), 0.0)
    times = pose.timestamps[frames] if timed else frames.astype(float)
    path = np.concatenate([[0.0], np.cumsum(steps)])
    if path[-1] <= 0:
        return "the leading wrist never moves"
    start, end = np.interp(np.array(MOVEMENT) * path[-1], path, times)
    return Motion(
        name,
        steps[seen] / shoulder_width,
        steps[seen] / float(sizes[known[:, side], side].mean()),
        np.diff(times)[seen] if timed else None,
        float(times[-1] - times[0]),
        float(end - start),
        float(1 / np.median(np.diff(pose.timestamps))) if timed else None,
    )


def every_nth(pose: PoseSequence, n: int) -> PoseSequence:
    return PoseSequence(pose.points[::n], pose.mask[::n], pose.timestamps[::n], pose.width, pose.height)


# ---------------------------------------------------------------------------------------------------------
# The estimates


def speed_ratios(timed: list[Motion], untimed: list[Motion], unit: str) -> np.ndarray:
    """Per percentile: the timed clips' speed per second over the untimed set's per frame."""
    per_second = np.percentile(np.concatenate([m.speeds(unit) for m in timed]), PERCENTILES)
    per_frame = np.percentile(np.concatenate([m.speeds(unit) for m in untimed]), PERCENTILES)
    return np.asarray(per_second / per_frame)


def one_sign(timed: list[Motion]) -> list[Motion]:
    return [m for m in timed if m.sign <= ONE_SIGN_S]


def estimate(timed: list[Motion], untimed: list[Motion], estimator: str) -> float:
    """Frames a second of the untimed set: by speed (in shoulder widths or hand sizes) or by duration."""
    if estimator == "duration":
        singles = one_sign(timed)
        if not singles:
            return float("nan")
        return float(np.median([m.movement for m in untimed]) / np.median([m.movement for m in singles]))
    unit = "sw" if estimator == "speed, shoulder widths" else "hs"
    return float(np.exp(np.log(speed_ratios(timed, untimed, unit)).mean()))


ESTIMATORS = ("duration", "speed, shoulder widths", "speed, hand sizes")


def interval(
    timed: list[Motion], untimed: list[Motion], estimator: str, draws: int, rng: np.random.Generator
) -> tuple[float, float]:
    """The 5th and 95th percentile of the estimate over clips drawn again with replacement."""
    values = []
    for _ in range(draws):
        drawn_timed = [timed[i] for i in rng.integers(len(timed), size=len(timed))]
        drawn_untimed = [untimed[i] for i in rng.integers(len(untimed), size=len(untimed))]
        values.append(estimate(drawn_timed, drawn_untimed, estimator))
    low, high = np.percentile(values, [5, 95])
    return float(low), float(high)


def method_check(timed_poses: dict[str, PoseSequence], timed: list[Motion]) -> dict[str, list[dict]]:
    """Per estimator: each timed clip, at 1/n of its rate and as if untimed, estimated from the others."""
    rows: dict[str, list[dict]] = {name: [] for name in ESTIMATORS}
    for held_out in timed if len(timed) > 1 else []:
        others = [m for m in timed if m is not held_out]
        for n in SUBSAMPLED:
            untimed = motion(every_nth(timed_poses[held_out.name], n), held_out.name, timed=False)
            if isinstance(untimed, str) or held_out.fps is None:
                continue
            for name in ESTIMATORS:
                if name == "duration" and held_out.sign > ONE_SIGN_S:
                    continue
                found = estimate(others, [untimed], name)
                if np.isfinite(found):  # (no other clip of one sign for a duration)
                    rows[name].append({"clip": held_out.name, "every": n, "ratio": found / held_out.fps * n})
    return rows


# ---------------------------------------------------------------------------------------------------------
# The clips


def timed_files(folders: list[Path]) -> list[Path]:
    """Every .pose file and video under ``folders``, each content once."""
    seen, files = set(), []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix.lower() in (".pose", *VIDEO_SUFFIXES):
                digest = sha256_of_file(path)
                if digest not in seen:
                    seen.add(digest)
                    files.append(path)
    return files


def read_timed(files: list[Path], cache_dir: Path) -> tuple[dict[str, PoseSequence], list[str]]:
    """name -> landmarks of each file (videos through MediaPipe, cached), one recording once: a file whose
    first frames equal another's longer one is a part of it. Also what could not be read, and why."""
    with tempfile.TemporaryDirectory() as root:
        folder = Path(root) / "timed"
        folder.mkdir()
        names = {}
        for number, path in enumerate(files):
            link = folder / f"{number}{path.suffix}"
            link.symlink_to(path.resolve())
            names[str(link)] = f"{path.parent.name}/{path.name}"
        cache_sign_folder_videos(root, cache_dir)
        loaded = load_sign_folder(root, cache_dir=cache_dir)
    poses = sorted(((names[c.source], c.pose) for c in loaded.clips), key=lambda item: -len(item[1]))
    kept: dict[str, PoseSequence] = {}
    for name, pose in poses:
        opening = min(len(pose), MIN_SIGN_FRAMES)
        if not any(
            len(other) >= opening and np.array_equal(other.points[:opening], pose.points[:opening])
            for other in kept.values()
        ):
            kept[name] = pose
    failures = [f"{names.get(path, path)}: {problem}" for path, problem in loaded.failures]
    return kept, failures


# ---------------------------------------------------------------------------------------------------------
# Command line


def measure(data: Path, timed_folders: list[Path], cache_dir: Path, draws: int) -> dict:
    timed_poses, unreadable = read_timed(timed_files(timed_folders), cache_dir)
    timed, left_out = [], list(unreadable)
    for name, pose in timed_poses.items():
        measured = motion(pose, name, timed=True)
        if isinstance(measured, str):
            left_out.append(f"{name}: {measured}")
        else:
            timed.append(measured)
    if not timed:
        raise SystemExit("no timed clip can be measured: " + "; ".join(left_out))
    read = load_traduttore(data / "traduttore" / "traduttore_MP_Data.npz")
    signed = [c for c in read if c.gloss != TRADUTTORE_IDLE]
    traduttore = {}
    for clip in signed:
        measured = motion(clip.pose, clip.source, timed=False)
        if isinstance(measured, Motion):
            traduttore[clip.source] = measured
    dgs = [motion(clip.pose, clip.source, timed=False) for clip in load_dgs(data / "dgs" / "3D_full")]
    untimed = {
        PRIMARY: [traduttore[c.source] for c in signed if c.source in traduttore and len(c.gloss) > 1],
        "traduttore, all classes": list(traduttore.values()),
        "DGS 3D_full": [m for m in dgs if isinstance(m, Motion)],
    }
    rng = np.random.default_rng(SEED)
    estimates = []
    for set_name, clips in untimed.items():
        for estimator in ESTIMATORS:
            usable = one_sign(timed) if estimator == "duration" else timed
            # (DGS has no shoulders: its "shoulder widths" would be hand sizes times a constant)
            if not usable or (set_name.startswith("DGS") and estimator == "speed, shoulder widths"):
                continue
            per_clip = [estimate([m], clips, estimator) for m in usable]
            estimates.append(
                {
                    "set": set_name,
                    "estimator": estimator,
                    "fps": estimate(usable, clips, estimator),
                    "interval_90": interval(usable, clips, estimator, draws, rng),
                    "one_clip_range": (min(per_clip), max(per_clip)),
                    "by_percentile": None
                    if estimator == "duration"
                    else speed_ratios(usable, clips, "sw" if "shoulder" in estimator else "hs").tolist(),
                }
            )
    return {
        "timed_clips": [
            {
                "clip": m.name,
                "fps": m.fps,
                "sign_s": m.sign,
                "movement_s": m.movement,
                "speed_sw_per_s": np.percentile(m.speeds("sw"), PERCENTILES).tolist(),
                "traduttore_fps": {
                    e: estimate([m], untimed[PRIMARY], e) if e != "duration" or one_sign([m]) else None
                    for e in ESTIMATORS
                },
            }
            for m in timed
        ],
        "left_out": left_out,
        "untimed_sets": {
            name: {
                "clips": len(clips),
                "sign_frames_median": float(np.median([m.sign + 1 for m in clips])),
                "movement_frames_median": float(np.median([m.movement for m in clips])),
                "speed_sw_per_frame": np.percentile(
                    np.concatenate([m.speeds("sw") for m in clips]), PERCENTILES
                ).tolist(),
            }
            for name, clips in untimed.items()
        },
        "estimates": estimates,
        "method_check": method_check(timed_poses, timed),
    }


def _fps(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def report(results: dict) -> str:
    p = "/".join(str(q) for q in PERCENTILES)
    lines = [
        "## Timed clips (the leading wrist over the sign)",
        "",
        f"| clip | fps | sign s | movement s | speed p{p} (shoulder widths/s) "
        "| word-sign traduttore fps by duration | by speed (sw / hs) |",
        "|---|---:|---:|---:|---|---:|---:|",
    ]
    for row in results["timed_clips"]:
        by = row["traduttore_fps"]
        lines.append(
            f"| {row['clip']} | {row['fps']:.1f} | {row['sign_s']:.2f} | {row['movement_s']:.2f} "
            f"| {' / '.join(f'{v:.2f}' for v in row['speed_sw_per_s'])} | {_fps(by['duration'])} "
            f"| {_fps(by['speed, shoulder widths'])} / {_fps(by['speed, hand sizes'])} |"
        )
    lines += ["", "Left out: " + ("; ".join(results["left_out"]) or "none") + ".", ""]
    lines += [
        "## Untimed sets",
        "",
        f"| set | clips | sign frames (median) | movement frames (median) | speed p{p} (sw/frame) |",
        "|---|---:|---:|---:|---|",
    ]
    for name, row in results["untimed_sets"].items():
        speeds = " / ".join(f"{v:.3f}" for v in row["speed_sw_per_frame"])
        lines.append(
            f"| {name} | {row['clips']} | {row['sign_frames_median']:.0f} "
            f"| {row['movement_frames_median']:.1f} | {speeds} |"
        )
    lines += [
        "",
        "## Estimated frames a second (all timed clips; 90% interval: bootstrap over clips)",
        "",
        f"| set | estimator | fps | 90% interval | one timed clip at a time | by percentile p{p} |",
        "|---|---|---:|---|---|---|",
    ]
    for row in results["estimates"]:
        by = "-" if row["by_percentile"] is None else " / ".join(f"{v:.1f}" for v in row["by_percentile"])
        low, high = row["interval_90"]
        least, most = row["one_clip_range"]
        lines.append(
            f"| {row['set']} | {row['estimator']} | {row['fps']:.1f} | {low:.1f}-{high:.1f} "
            f"| {least:.1f}-{most:.1f} | {by} |"
        )
    lines += [
        "",
        "## Method check: each timed clip as if untimed (every frame, every 2nd, every 3rd), from the others",
        "",
        "| estimator | asks | estimate / true rate: median | 10th-90th percentile | worst |",
        "|---|---:|---:|---|---|",
    ]
    for name, rows in results["method_check"].items():
        ratios = np.array([row["ratio"] for row in rows])
        if not len(ratios):
            continue
        low, high = np.percentile(ratios, [10, 90])
        worst = ratios[np.argmax(np.abs(np.log(ratios)))]
        lines.append(
            f"| {name} | {len(ratios)} | {np.median(ratios):.2f} | {low:.2f}-{high:.2f} | {worst:.2f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=shared_dir() / "data", help="the shared data folder")
    parser.add_argument(
        "--timed",
        type=Path,
        action="append",
        help="a folder of timed clips (.pose, videos); default: DATA/pose, DATA/videos and tests/data",
    )
    parser.add_argument(
        "--cache-dir", type=Path, default=install_root() / "runs" / "landmarks", help="video landmark cache"
    )
    parser.add_argument("--draws", type=int, default=2000, help="bootstrap draws (default 2000)")
    parser.add_argument("--json", type=Path, help="also write every number here")
    args = parser.parse_args(argv)
    folders = args.timed or [args.data / "pose", args.data / "videos", install_root() / "tests" / "data"]
    results = measure(args.data, folders, args.cache_dir, args.draws)
    print(report(results))
    if args.json is not None:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
