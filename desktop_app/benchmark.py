"""``python -m desktop_app.benchmark [--json OUT]``: the app's speed and memory against its targets.

Measured in one run, on this machine:

1. MediaPipe alone: the landmark extractor on the benchmark video's frames, decoded beforehand, one after
   the other (one graph: the ceiling of the app before it ran two), and two extractors taking alternate
   frames on two threads as the live pipeline runs them (the ceiling now); measured in turns, 1 then 2
   graphs, ``--rounds`` times, medians.
2. Pipeline capacity: the pipeline (reading thread → MediaPipe → segmentation → handover to the GUI) on the
   same video used as the camera, unpaced, so the pipeline itself is the limit; the per-stage times say
   which stage limits it.
3. The real main window with the same video as its camera, paced at the video's 30 fps as a webcam delivers
   frames: the frame rate (frames painted per second, each with its own landmarks; median over one-second
   windows), the frame-to-screen time (from the frame read from the camera to its picture with the skeleton
   handed to the screen, median and 95th percentile), and the longest GUI-thread stall (how late a QTimer
   heartbeat fires). With ``--compare-graphs`` the window also runs with one graph (the app before), in
   turns with the app's own set-up, ``--rounds`` times each, in fresh processes.
4. End of attempt → score shown, with 10,000 reference clips: the window's own measurement (from the frame
   that ended the attempt to the result set on screen: embedding, scoring, DTW feedback and the signal to the
   GUI), over the attempts the looping video produces, with the time of each step (``SCORE_STAGES``). The
   gallery holds one real reference clip of the sign and 9,999 SYNTHETIC embeddings (Gaussian, matched to
   the real embeddings' mean and spread): what is measured is the cost of comparing with 10,000 clips,
   which does not depend on where they came from.
5. Cold start to window shown: ``python -m desktop_app`` in a fresh process, until the window is painted.
6. Peak resident memory of the window's process (window, MediaPipe, encoder, 10,000-clip gallery) and of the
   cold-started app.

``--json OUT`` writes the numbers: ``fps_median``, ``frame_to_screen_ms_median``, ``frame_to_screen_ms_p95``,
``score_ms_worst``, ``rss_mb_peak``, ``cold_start_s``, ``mediapipe_only_fps`` (one graph),
``mediapipe_two_graphs_fps``, ``pipeline_fps_unpaced``, ``score_stages_ms_median`` and
``score_stages_ms_worst`` (the steps of scoring), with ``--compare-graphs`` the other set-up's (two graphs
where the app runs one, one where it runs two) ``compared_graphs``, ``compared_fps_median``,
``compared_frame_to_screen_ms_p95`` and ``compared_rss_mb_peak``, and more.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np

from desktop_app.core.app.context import AppContext
from desktop_app.core.judging.practice import ScoringTarget
from desktop_app.core.shared.jobs import run_job
from desktop_app.core.shared.memory import peak_memory_mb
from desktop_app.core.shared.settings import Settings
from desktop_app.core.signing.capture import VideoFileSource
from desktop_app.core.signing.handover import TRACKING_GRAPHS
from desktop_app.selftest import steady_fps
from signcore.errors import InputError, ends_plainly
from signcore.paths import install_root, user_data_dir

BENCHMARK_SIZE = (640, 480)
GALLERY_SIZE = 10_000
OTHER_GRAPHS = 2 if TRACKING_GRAPHS == 1 else 1  # what --compare-graphs runs the window with, in turns
HEARTBEAT_MS = 10  # the GUI-thread timer whose lateness is the stall
BENCHMARK_SIGN = "benchmark-sign"
DEFAULT_VIDEO = install_root() / "tests" / "data" / "pose_format_test_video.mp4"
TARGETS = {
    "fps": 30.0,
    "frame_to_screen_ms": 100.0,
    "stall_ms": 50.0,
    "score_ms": 50.0,
    "start_s": 2.0,
    "rss_mb": 500.0,
}
FPS_WINDOW_S = 1.0
# The steps from an attempt's end to its score on screen: waiting for the scoring thread, embedding, ranking
# (encoder and DTW), feedback (DTW alignment and the correction), and the signal to the GUI that shows it.
# Reported with "cpu", the CPU time the scoring thread used for them (below their sum on a busy machine).
SCORE_STAGES = ("wait", "embed", "rank", "feedback", "show")


def make_640x480_video(source: Path, target: Path) -> Path:
    """The signing video letterboxed to 640×480 (the size the app asks of webcams), same frame rate."""
    capture = cv2.VideoCapture(str(source))
    fps = capture.get(cv2.CAP_PROP_FPS) or 30.0
    writer = cv2.VideoWriter(str(target), cv2.VideoWriter.fourcc(*"mp4v"), fps, BENCHMARK_SIZE)
    width, height = BENCHMARK_SIZE
    frames = 0
    while True:
        ok, frame = capture.read()
        if not ok:
            break
        frames += 1
        scale = min(width / frame.shape[1], height / frame.shape[0])
        resized = cv2.resize(frame, (round(frame.shape[1] * scale), round(frame.shape[0] * scale)))
        canvas = np.zeros((height, width, 3), np.uint8)
        top, left = (height - resized.shape[0]) // 2, (width - resized.shape[1]) // 2
        canvas[top : top + resized.shape[0], left : left + resized.shape[1]] = resized
        writer.write(canvas)
    capture.release()
    writer.release()
    if not frames:  # said of the video given, not of the empty copy the benchmark made of it
        raise InputError(source, "not a video that can be read (unknown format, or the file is damaged)")
    return target


def build_database(path: Path, video: Path, encoder):
    """One real sign (its reference = the video's signing) with its embedding."""
    from signcore.database import ClipOrigin, SignDatabase
    from signcore.extract import extract_video

    database = SignDatabase(path)
    sign_id = database.add_sign(BENCHMARK_SIGN, "test")
    clip = extract_video(video, mirrored=True)
    clip_id = database.add_clip(sign_id, clip.frames(slice(10, min(46, len(clip)))), ClipOrigin(video.name))
    database.store_embeddings(
        encoder.model_hash, [clip_id], encoder.embed_many([database.clip_pose(clip_id)])
    )
    return database


def padded_gallery(real, size: int, seed: int = 0):
    """``real`` plus synthetic clips (other signs) up to ``size`` clips in all; a synthetic clip's pose is
    one of the real clips', so the hybrid ranking runs DTW on real motion."""
    from desktop_app.core.judging.scoring import Gallery

    rng = np.random.default_rng(seed)
    extra = size - len(real)
    spread = max(float(real.embeddings.std()), 0.1)
    synthetic = rng.normal(real.embeddings.mean(0), spread, size=(extra, real.embeddings.shape[1]))
    synthetic_signs = -1 - np.arange(extra) // 10  # ten clips per synthetic sign, ids that never clash
    return Gallery(
        np.concatenate([real.clip_ids, -1 - np.arange(extra)]),
        np.concatenate([real.sign_ids, synthetic_signs]),
        real.glosses + [f"synthetic {-s}" for s in synthetic_signs],
        np.concatenate([real.embeddings, synthetic.astype(np.float32)]),
        model_hash=real.model_hash,
        read_pose=None
        if real.read_pose is None
        else lambda clip_id: real.read_pose(_real_clip(real, clip_id)),
    )


def _real_clip(real, clip_id: int) -> int:
    """The real clip whose pose a synthetic clip (negative id) of :func:`padded_gallery` borrows."""
    return clip_id if clip_id >= 0 else int(real.clip_ids[(-1 - clip_id) % len(real)])


def measure_mediapipe_only(video: Path, graphs: int = 1, max_frames: int = 200) -> float:
    """Frames per second of ``graphs`` landmark extractors alone, taking alternate frames on threads of their
    own as the live pipeline runs them, on the video's frames (decoded beforehand, looped forwards up to
    ``max_frames``), after each one's first frame (which loads the models)."""
    from signcore.extract import LandmarkExtractor, iter_video_frames, track_in_turns

    frames = list(iter_video_frames(video))
    if not frames:
        raise InputError(video, "no frame could be decoded")
    looped = [(frames[index % len(frames)].image, index / 30) for index in range(max_frames)]
    extractors = [LandmarkExtractor(mirrored=True) for _ in range(graphs)]
    try:
        return track_in_turns(extractors, looped).frames_per_s
    finally:
        for extractor in extractors:
            extractor.close()


def measure_mediapipe_in_turns(video: Path, rounds: int) -> dict[int, list[float]]:
    """Frames per second of one graph and of two, measured in turns ``rounds`` times (the machine's load
    changes alike for both)."""
    rates: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(rounds):
        for graphs in rates:
            rates[graphs].append(measure_mediapipe_only(video, graphs))
    return rates


def windowed_fps(arrivals: list[float], window_s: float = FPS_WINDOW_S) -> list[float]:
    """Frames per second in each whole ``window_s`` window from the first arrival on."""
    if len(arrivals) < 2:
        return []
    counts = np.bincount(((np.asarray(arrivals) - arrivals[0]) // window_s).astype(int))
    return [count / window_s for count in counts[:-1]]  # the last window is cut short by the end


def percentile(values: list[float], share: float) -> float:
    return float(np.percentile(values, share)) if values else float("nan")


def measure_pipeline(video: Path, seconds: float) -> dict:
    """Unpaced pipeline thread on the video: frames per second and milliseconds per stage."""
    from desktop_app.ui.headless import watch_source

    source = VideoFileSource(video, selfie=True, realtime=False)
    watched = watch_source(source, frames_wanted=sys.maxsize, timeout_s=seconds)  # the time ends the run
    return {
        "fps": steady_fps(watched.arrivals),
        "frames": len(watched.frames),
        "stages_ms": watched.ms_per_frame,
    }


def benchmark_target(context: AppContext, sign_id: int) -> ScoringTarget:
    """The benchmark sign's target with its gallery padded to GALLERY_SIZE clips, prepared as the practice
    page prepares a chosen sign's."""
    gallery = padded_gallery(context.gallery(), GALLERY_SIZE)
    gallery.calibration(sign_id)
    references = {clip.id: context.database.clip_pose(clip.id) for clip in context.database.clips(sign_id)}
    target = ScoringTarget(sign_id, BENCHMARK_SIGN, gallery, references)
    run_job(target.prefetch)
    return target


def measure_window(video: Path, database, encoder, seconds: float, graphs: int) -> dict:
    """The real window with the video as camera, its pipelines running ``graphs`` MediaPipe graphs: frames
    painted (each with its own landmarks) and tracked, GUI heartbeat lateness and end-of-attempt latencies.

    Run by :func:`measure_window_process` in a fresh process, so that its peak memory is the app's alone."""
    from desktop_app.ui.measure import practise_in_window

    # Attempts start as the looping video's hands come up (auto_start, off by default): without it the
    # end-of-attempt row is unmeasured ("no attempt completed")
    settings = Settings(auto_start=True)
    context = AppContext(settings, database, encoder, settings_path=user_data_dir() / "settings.json")
    sign_id = database.signs(BENCHMARK_SIGN)[0].id
    run = practise_in_window(
        context, video, sign_id, lambda: benchmark_target(context, sign_id), seconds, HEARTBEAT_MS, graphs
    )
    warm_up = 5  # the first frames pay for MediaPipe's start-up
    return {
        "stall_ms": run["stall_ms"],
        "latencies_ms": run["latencies_ms"],
        "score_stages_ms": run["score_stages_ms"],
        "fps_windows": windowed_fps(run["shown"][warm_up:]),
        "tracked_fps_windows": windowed_fps(run["tracked"][warm_up:]),
        "frame_to_screen_ms": [1000 * latency for latency in run["display_latencies"][warm_up:]],
    }


def pooled(runs: list[dict]) -> dict:
    """Window runs of one set-up taken together: all their samples, the worst stall, the highest peak."""
    lists = ("latencies_ms", "score_stages_ms", "fps_windows", "tracked_fps_windows", "frame_to_screen_ms")
    together: dict = {key: [value for run in runs for value in run[key]] for key in lists}
    for key in ("stall_ms", "idle_stall_ms", "peak_memory_mb"):
        values = [run[key] for run in runs if run[key] is not None]
        together[key] = max(values) if values else None
    return together


def measure_window_process(
    video: Path, database_path: Path, model: Path, seconds: float, graphs: int
) -> dict:
    command = [sys.executable, "-m", "desktop_app.benchmark", "--window-run", str(video), str(database_path)]
    command += ["--model", str(model), "--seconds", str(seconds), "--graphs", str(graphs)]
    result = subprocess.run(
        command, capture_output=True, text=True, cwd=install_root(), timeout=seconds + 120
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        raise RuntimeError(f"the window measurement failed:\n{result.stderr[-2000:]}")
    return json.loads(lines[-1])


def measure_windows_in_turns(
    video: Path, database_path: Path, model: Path, seconds: float, setups: tuple[int, ...], rounds: int
) -> dict[int, list[dict]]:
    """The window's runs with each number of graphs in ``setups``, in turns ``rounds`` times (the machine's
    load changes alike for all)."""
    windows: dict[int, list[dict]] = {graphs: [] for graphs in setups}
    for _ in range(rounds):
        for graphs in setups:
            print(f"measuring the window with {graphs} graph(s) for {seconds:.0f} s…", file=sys.stderr)
            windows[graphs].append(measure_window_process(video, database_path, model, seconds, graphs))
    return windows


def window_run(video: Path, database_path: Path, model: Path | None, seconds: float, graphs: int) -> int:
    """The child side of :func:`measure_window_process`: prints one JSON line."""
    from desktop_app.ui.measure import heartbeat_lateness
    from signcore.database import SignDatabase
    from signcore.encoder import Encoder

    # The machine's own scheduling noise, for comparison: the same heartbeat with nothing else to do.
    idle_stall = heartbeat_lateness(3.0, HEARTBEAT_MS)
    with SignDatabase(database_path) as database:
        report = measure_window(video, database, Encoder(model), seconds, graphs)
    report["idle_stall_ms"] = idle_stall
    report["peak_memory_mb"] = peak_memory_mb()
    print(json.dumps(report), flush=True)
    return 0


def measure_cold_start(video: Path, database_path: Path, model: Path, runs: int) -> tuple[list[float], float]:
    """Seconds from launch to the window painted, per run, and the app's peak memory then (MB)."""
    command = [sys.executable, "-m", "desktop_app", "--camera", str(video), "--db", str(database_path)]
    command += ["--model", str(model), "--quit-when-shown"]
    environment = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    times, peaks = [], []
    for _ in range(runs):
        started = time.perf_counter()
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            cwd=install_root(),
            env=environment,
        )
        for line in process.stdout or ():
            if line.startswith("window shown"):
                times.append(time.perf_counter() - started)
                peaks.append(float(line.split("peak RSS")[1].split()[0]))
                break
        process.wait(timeout=120)
    return times, max(peaks, default=float("nan"))


def _row(name: str, value: str, target: str, ok: bool | None, note: str) -> str:
    verdict = "–" if ok is None else ("yes" if ok else "NO")
    return f"| {name} | {value} | {target} | {verdict} | {note} |"


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m desktop_app.benchmark",
        description="The app's speed and memory against its targets, as a table.",
    )
    parser.add_argument("--video", type=Path, default=DEFAULT_VIDEO, help="a selfie signing video")
    parser.add_argument("--seconds", type=float, default=12.0, help="length of each live measurement")
    parser.add_argument("--starts", type=int, default=3, help="cold starts to time")
    parser.add_argument("--model", type=Path, help="encoder model (default: the shipped one)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the numbers to this JSON file")
    parser.add_argument(
        "--compare-graphs",
        action="store_true",
        help="also run the window with the other number of MediaPipe graphs (1 or 2), in turns",
    )
    parser.add_argument("--rounds", type=int, default=1, help="turns of each set-up to measure (medians)")
    parser.add_argument("--graphs", type=int, default=TRACKING_GRAPHS, help=argparse.SUPPRESS)
    parser.add_argument("--window-run", nargs=2, type=Path, metavar=("VIDEO", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.seconds <= 0 or args.starts < 0 or args.rounds < 1:
        parser.error("--seconds must be above 0, --starts at least 0 and --rounds at least 1")
    return args


@ends_plainly
def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.window_run:  # the child process: its parent has set SIGNPRACTICE_DATA_DIR to its own folder
        video, database_path = args.window_run
        return window_run(video, database_path, args.model, args.seconds, args.graphs)
    from signcore.encoder import Encoder

    with tempfile.TemporaryDirectory(prefix="signpractice-benchmark-") as folder:
        # Whatever the app writes (settings, logs) goes into this folder and goes with it, never into the
        # learner's own data folder.
        os.environ.setdefault("SIGNPRACTICE_DATA_DIR", str(Path(folder) / "data"))
        video = make_640x480_video(args.video, Path(folder) / "video_640x480.mp4")
        encoder = Encoder(args.model)
        database = build_database(Path(folder) / "signs.db", video, encoder)
        print("measuring MediaPipe alone, one graph and two…", file=sys.stderr)
        mediapipe = measure_mediapipe_in_turns(video, args.rounds)
        print(f"measuring the pipeline for {args.seconds:.0f} s…", file=sys.stderr)
        pipeline = measure_pipeline(video, args.seconds)
        database.close()
        setups = (TRACKING_GRAPHS, OTHER_GRAPHS) if args.compare_graphs else (TRACKING_GRAPHS,)
        windows = measure_windows_in_turns(
            video, Path(folder) / "signs.db", encoder.path, args.seconds, setups, args.rounds
        )
        print(f"timing {args.starts} cold starts…", file=sys.stderr)
        starts, started_app_mb = measure_cold_start(
            video, Path(folder) / "signs.db", encoder.path, args.starts
        )

    window = pooled(windows[TRACKING_GRAPHS])
    compared = pooled(windows[OTHER_GRAPHS]) if OTHER_GRAPHS in windows else None
    results = summarise(
        statistics.median(mediapipe[1]),
        pipeline,
        window,
        starts,
        started_app_mb,
        mediapipe_two_graphs_fps=statistics.median(mediapipe[2]),
        compared=compared,
    )
    print(
        f"\nSignPractice app benchmark ({os.cpu_count()} CPU cores; load average {os.getloadavg()[0]:.1f})\n"
    )
    print(format_table(results, pipeline, window, starts))
    if args.json:
        from signcore.files import write_text_atomically

        write_text_atomically(args.json, json.dumps(json_safe(results), indent=2) + "\n")
    return 0


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def summarise(
    mediapipe_fps: float,
    pipeline: dict,
    window: dict,
    starts: list[float],
    app_mb: float,
    mediapipe_two_graphs_fps: float = float("nan"),
    compared: dict | None = None,
) -> dict:
    """The numbers of one run, under the names ``--json`` writes; ``compared``: the window run with the
    other number of graphs (:data:`OTHER_GRAPHS`), when compared."""
    latencies, to_screen = window["latencies_ms"], window["frame_to_screen_ms"]
    other = {}
    if compared is not None:
        other = {
            "compared_graphs": OTHER_GRAPHS,
            "compared_fps_median": _median(compared["fps_windows"]),
            "compared_tracked_fps_median": _median(compared["tracked_fps_windows"]),
            "compared_frame_to_screen_ms_median": percentile(compared["frame_to_screen_ms"], 50),
            "compared_frame_to_screen_ms_p95": percentile(compared["frame_to_screen_ms"], 95),
            "compared_rss_mb_peak": compared["peak_memory_mb"] or float("nan"),
        }
    return {
        "fps_median": _median(window["fps_windows"]),
        "tracked_fps_median": _median(window.get("tracked_fps_windows", [])),
        "frame_to_screen_ms_median": percentile(to_screen, 50),
        "frame_to_screen_ms_p95": percentile(to_screen, 95),
        "score_ms_worst": max(latencies) if latencies else float("nan"),
        "score_ms_median": statistics.median(latencies) if latencies else float("nan"),
        "score_stages_ms_median": median_stages(window["score_stages_ms"]),
        "score_stages_ms_worst": worst_stages(latencies, window["score_stages_ms"]),
        "attempts_scored": len(latencies),
        "rss_mb_peak": float("nan") if window["peak_memory_mb"] is None else window["peak_memory_mb"],
        "rss_mb_cold_started_app": app_mb,
        "cold_start_s": statistics.median(starts) if starts else float("nan"),
        "mediapipe_only_fps": mediapipe_fps,
        "mediapipe_two_graphs_fps": mediapipe_two_graphs_fps,
        "tracking_graphs": TRACKING_GRAPHS,
        "pipeline_fps_unpaced": pipeline["fps"],
        "pipeline_stages_ms": pipeline["stages_ms"],
        "gui_stall_ms": window["stall_ms"],
        "idle_stall_ms": window["idle_stall_ms"],
        "load_average": os.getloadavg()[0],
        "cpu_cores": os.cpu_count(),
        **other,
    }


def median_stages(stages: list[dict[str, float]]) -> dict[str, float]:
    """Each step of scoring (:class:`~desktop_app.core.judging.attempts.AttemptOutcome`), median over the
    attempts."""
    names = [name for name in (*SCORE_STAGES, "cpu") if any(name in attempt for attempt in stages)]
    return {name: statistics.median(a[name] for a in stages if name in a) for name in names}


def worst_stages(latencies: list[float], stages: list[dict[str, float]]) -> dict[str, float]:
    """The steps of the attempt that took longest to show."""
    return {} if not latencies else stages[int(np.argmax(latencies))]


def _stages_text(stages: dict[str, float]) -> str:
    text = ", ".join(f"{name} {stages[name]:.1f}" for name in SCORE_STAGES if name in stages)
    return text + (f" (the scoring thread's CPU {stages['cpu']:.1f})" if "cpu" in stages else "")


def json_safe(results: dict) -> dict:
    """NaN (not measured, e.g. no attempt in the time given) as null: JSON has no NaN."""
    return {
        key: None if isinstance(value, float) and math.isnan(value) else value
        for key, value in results.items()
    }


def format_table(results: dict, pipeline: dict, window: dict, starts: list[float]) -> str:
    stages = pipeline["stages_ms"]
    slowest = max(stages, key=stages.get)
    latencies = window["latencies_ms"]
    ratio = results["fps_median"] / results["mediapipe_only_fps"] if results["mediapipe_only_fps"] else 0.0
    rows = [
        "| measure | value | target | met | note |",
        "|---|---|---|---|---|",
        _row(
            "live frame rate (window, 640×480 video as a 30 fps camera)",
            f"{results['fps_median']:.1f} fps (median)",
            f"≥ {TARGETS['fps']:.0f} fps",
            results["fps_median"] >= TARGETS["fps"],
            f"frames painted per second, each with its own landmarks ({results['tracked_fps_median']:.1f} "
            f"tracked); median of {len(window['fps_windows'])} one-second windows; {ratio:.2f}× MediaPipe "
            f"alone (one graph); {results['tracking_graphs']} graph(s)",
        ),
        _row(
            "MediaPipe alone, same frames",
            f"{results['mediapipe_only_fps']:.1f} fps one graph, "
            f"{results['mediapipe_two_graphs_fps']:.1f} fps two",
            "–",
            None,
            "the landmark extractor on decoded frames, one after the other (one graph: the ceiling before), "
            "and two taking alternate frames on two threads (the ceiling now); medians of runs in turns",
        ),
        _row(
            "pipeline capacity (same video, unpaced)",
            f"{pipeline['fps']:.1f} fps",
            "–",
            None,
            "per frame: "
            + ", ".join(f"{k} {v:.1f} ms" for k, v in stages.items())
            + f" (landmarks on each of {results['tracking_graphs']} graph(s) at once; read overlaps the"
            f" rest); limited by {slowest}",
        ),
        _row(
            "frame to screen (camera frame read → picture handed to the screen)",
            f"{results['frame_to_screen_ms_median']:.0f} ms median, "
            f"{results['frame_to_screen_ms_p95']:.0f} ms p95",
            f"p95 ≤ {TARGETS['frame_to_screen_ms']:.0f} ms",
            results["frame_to_screen_ms_p95"] <= TARGETS["frame_to_screen_ms"],
            f"{len(window['frame_to_screen_ms'])} frames shown",
        ),
        _row(
            "longest GUI-thread stall (heartbeat lateness)",
            f"{window['stall_ms']:.1f} ms",
            f"< {TARGETS['stall_ms']:.0f} ms",
            window["stall_ms"] < TARGETS["stall_ms"],
            f"{HEARTBEAT_MS} ms QTimer while the window runs the paced video; "
            f"{window['idle_stall_ms']:.0f} ms with an idle event loop (machine load)",
        ),
        _row(
            f"end of attempt → score shown, {GALLERY_SIZE:,} reference clips",
            f"{results['score_ms_worst']:.1f} ms (worst)",
            f"≤ {TARGETS['score_ms']:.0f} ms",
            results["score_ms_worst"] <= TARGETS["score_ms"] if latencies else None,
            f"{len(latencies)} attempts, median {results['score_ms_median']:.1f} ms; 9,999 synthetic clips; "
            f"ms per step, median: {_stages_text(results['score_stages_ms_median'])}; "
            f"slowest attempt: {_stages_text(results['score_stages_ms_worst'])}"
            if latencies
            else "no attempt completed in the time given",
        ),
        _row(
            "cold start to window shown",
            f"{results['cold_start_s']:.2f} s (median)",
            f"≤ {TARGETS['start_s']:.0f} s",
            results["cold_start_s"] <= TARGETS["start_s"],
            f"{len(starts)} runs: " + ", ".join(f"{s:.2f}" for s in starts),
        ),
        _row(
            "peak resident memory",
            f"{results['rss_mb_peak']:.0f} MB",
            f"≤ {TARGETS['rss_mb']:.0f} MB",
            results["rss_mb_peak"] <= TARGETS["rss_mb"],
            "the app practising (window, MediaPipe, encoder, 10k gallery); "
            f"{results['rss_mb_cold_started_app']:.0f} MB at start",
        ),
    ]
    if "compared_fps_median" in results:
        rows.insert(
            3,
            _row(
                f"the same window with {results['compared_graphs']} graph(s), in turns with the above",
                f"{results['compared_fps_median']:.1f} fps (median), "
                f"frame to screen {results['compared_frame_to_screen_ms_p95']:.0f} ms p95",
                "–",
                None,
                f"the app's set-up: {results['fps_median'] / results['compared_fps_median']:.2f}× its frame "
                f"rate; peak memory {results['rss_mb_peak']:.0f} MB against "
                f"{results['compared_rss_mb_peak']:.0f} MB",
            ),
        )
    return "\n".join(rows)


if __name__ == "__main__":
    sys.exit(main())
