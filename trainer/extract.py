"""``python -m trainer extract INPUT --out DIR [--mirrored] [--workers 2]``: videos to ``.pose`` files.

INPUT is one video or a sign folder (``<gloss>/<clip>.<ext>``, any depth); every video gets a ``.pose`` at the
same relative place under DIR. Outputs that already exist are skipped, so an interrupted run resumes where it
stopped, and each file is written atomically, so a killed run leaves no half-written file. A video that
cannot be read is reported by name and skipped; the command fails only if nothing could be extracted. A
video that decodes clearly short of its frame count (truncated, damaged) is extracted as far as it goes,
with a warning in its report line and in the closing summary (the .pose file keeps no warning, so a
resumed run skips it silently).

Each worker process extracts whole videos. A video gets its own MediaPipe graph: the graph tracks landmarks
from frame to frame and cannot change frame size, so sharing one across clips would carry one clip's
tracking into the next (creating it costs ~0.4 s). No torch here.
"""

from __future__ import annotations

import argparse
import functools
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from signcore.errors import InputError
from signcore.extract import extract_video
from signcore.formats.posefile import write_pose
from signcore.processes import run_in_processes
from signcore.signfolder import VIDEO_SUFFIXES

WORKER_DIED = "a worker process died before finishing it (out of memory?); run the command again to resume"
WRITTEN_BUT_REPORT_LOST = "written (its worker process died before reporting the numbers)"


@dataclass
class Job:
    video: Path
    output: Path
    name: str  # the video's path relative to INPUT, for messages


@dataclass
class Outcome:
    job: Job
    counts: dict[str, int] | None = None  # frames, body, left_hand, right_hand; None if lost with a worker
    seconds: float = 0.0
    error: str | None = None
    warnings: list[str] = field(default_factory=list)  # the extraction's, e.g. a truncated video


def find_jobs(source: Path, out_dir: Path) -> list[Job]:
    """One job per video under ``source`` (or ``source`` itself), output paths mirroring the input layout."""
    if source.is_file():
        return [Job(source, out_dir / f"{source.stem}.pose", source.name)]
    if not source.is_dir():
        raise InputError(source, "no such video or folder")
    videos = sorted(
        path
        for path in source.rglob("*")
        if path.is_file() and path.suffix.lower() in VIDEO_SUFFIXES and not path.name.startswith(".")
    )
    if not videos:
        extensions = ", ".join(VIDEO_SUFFIXES)
        raise InputError(source, f"no videos found (expected <gloss>/<clip> files ending in {extensions})")
    return [
        Job(video, (out_dir / video.relative_to(source)).with_suffix(".pose"), str(video.relative_to(source)))
        for video in videos
    ]


def extract_one(job: Job, mirrored: bool) -> Outcome:
    """Extract one video and write its ``.pose``; a file that cannot be used becomes an error, not a crash."""
    start = time.perf_counter()
    try:
        pose = extract_video(job.video, mirrored=mirrored)
        job.output.parent.mkdir(parents=True, exist_ok=True)
        write_pose(pose, job.output)
    except InputError as error:
        return Outcome(job, error=error.problem)
    except OSError as error:  # the output's subfolder cannot be made (a file in the way, no permission)
        return Outcome(job, error=f"cannot write {job.output} ({error.strerror or error})")
    except RuntimeError as error:  # MediaPipe's graph failing on a frame it cannot process
        return Outcome(job, error=f"landmark extraction failed: {error}")
    warnings = pose.meta.get("warnings", [])  # see signcore.extract: a list of messages
    return Outcome(
        job,
        pose.detection_counts(),
        time.perf_counter() - start,
        warnings=[str(warning) for warning in warnings] if isinstance(warnings, list) else [],
    )


def describe(outcome: Outcome) -> str:
    counts = outcome.counts
    if outcome.error is not None:
        return f"skipped {outcome.job.name}: {outcome.error}"
    if counts is None:
        return f"{outcome.job.name}: {WRITTEN_BUT_REPORT_LOST}"
    speed = counts["frames"] / outcome.seconds
    line = (
        f"{outcome.job.name}: {counts['frames']} frames, body {counts['body']}, "
        f"left hand {counts['left_hand']}, right hand {counts['right_hand']} ({speed:.1f} frames/s)"
    )
    return "\n".join([line] + [f"  warning: {warning}" for warning in outcome.warnings])


def _run_all(jobs: list[Job], mirrored: bool, workers: int):
    """Outcomes as they finish: in this process for one worker, else in a pool of worker processes.

    A worker that dies breaks the pool: the reports not received by then are lost, possibly that of a video
    whose .pose a worker had just put in place. Such a video is done (the file is written atomically, so it is
    whole, and a rerun skips it as already there), so it is counted as extracted, not reported as skipped.
    """
    extract = functools.partial(extract_one, mirrored=mirrored)
    for job, outcome, died in run_in_processes(extract, jobs, workers):
        if not died:
            yield outcome
        elif job.output.exists():
            yield Outcome(job)
        else:
            yield Outcome(job, error=WORKER_DIED)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", type=Path, help="a video, or a folder laid out as <gloss>/<clip>.<ext>")
    parser.add_argument("--out", type=Path, required=True, help="folder for the .pose files")
    parser.add_argument(
        "--mirrored", action="store_true", help="the videos are selfie (mirror-image) recordings"
    )
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default: 2)")
    parser.add_argument(
        "--verbose", action="store_true", help="also show MediaPipe's and TensorFlow Lite's own log lines"
    )


def run(args: argparse.Namespace) -> int:
    if args.workers < 1:
        print("error: --workers must be at least 1", file=sys.stderr)
        return 2
    jobs = find_jobs(args.input, args.out)
    try:
        args.out.mkdir(parents=True, exist_ok=True)
    except OSError as error:  # e.g. --out names a file, or a read-only place
        raise InputError(args.out, f"cannot make the output folder ({error.strerror or error})") from error
    todo = [job for job in jobs if not job.output.exists()]
    already_there = len(jobs) - len(todo)
    if already_there:
        print(f"{already_there} of {len(jobs)} videos already have a .pose file: skipped")
    extracted, failed, warned = 0, [], []
    with tqdm(total=len(todo), desc="extracting", unit="video", disable=None) as bar:
        for outcome in _run_all(todo, args.mirrored, min(args.workers, max(len(todo), 1))):
            bar.write(describe(outcome), file=sys.stdout if outcome.error is None else sys.stderr)
            if outcome.error is None:
                extracted += 1
                if outcome.warnings:
                    warned.append(outcome.job.name)
            else:
                failed.append(outcome.job.name)
            bar.update()
    with_warnings = f" ({len(warned)} with warnings)" if warned else ""
    print(
        f"done: {extracted} extracted{with_warnings}, {already_there} already there, {len(failed)} failed "
        f"-> {args.out}"
    )
    if warned:
        print("with warnings (see above): " + ", ".join(warned), file=sys.stderr)
    if failed:
        print("failed: " + ", ".join(failed), file=sys.stderr)
    return 0 if extracted + already_there > 0 else 1
