"""``python -m desktop_app.soak --camera VIDEO --minutes 30``: a long practice session, measured.

The whole app runs (main window offscreen, the real pipeline thread, MediaPipe, the encoder, SQLite) with a
real signing video as the camera, looping, for N minutes. The video's hands come up and go down on every
loop, so attempts are found, scored and saved again and again, as in a long session. Every ``--interval``
seconds it prints the process's resident memory (RSS), the frame rate over that interval and the attempts
so far; at the end a verdict: memory growth after the warm-up under 5 % and no decay of the frame rate.
On a shared machine the frame rate mostly measures the other programs, so decay is judged by what the app
controls: the CPU time this process spends per frame (all its threads) must not grow by more than 25 %;
the frame rate is reported beside it. The database is a temporary COPY of ``--db`` (else of your own
database, else of the shipped default one, so that attempts are scored), so no attempt made here lands in
the learner's history; the output says which database was copied. Not part of the test suite: it takes as
long as you ask.

``--page-switches N`` measures what page switches keep alive instead: N round trips Practice → Search by
signing → Practice, each page staying until its camera pipeline has tracked a few frames, with the resident
memory after every 10 round trips; the verdict asks that memory after N stays within 5 % of after 10 and
at most 500 MB.
``--json OUT`` writes the numbers (``rss_mb_after_10``, ``rss_mb_after_20``, …) for scripts.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from signcore.errors import InputError, ends_plainly

if TYPE_CHECKING:
    from desktop_app.core.app.context import AppContext
    from desktop_app.ui.measure import Page, SoakWindow

MEMORY_GROWTH_LIMIT = 0.05  # after the warm-up
SWITCH_MEMORY_LIMIT_MB = 500.0  # after the last page switches (issue 14's target)
CPU_GROWTH_LIMIT = 0.25  # CPU time per frame, late against early
WARMUP_FRACTION = 0.2  # of the run, at most WARMUP_MAX_S: model loading, caches, the first attempts
WARMUP_MAX_S = 120.0
SWITCH_SAMPLE_EVERY = 10  # round trips between memory samples
FRAMES_PER_VISIT = 5  # frames a page's pipeline tracks before the soak moves on
VISIT_TIMEOUT_S = 60.0  # a page whose camera shows nothing in this time is left anyway (and reported)
POLL_MS = 50


@dataclass
class Sample:
    elapsed_s: float
    rss_mb: float | None
    fps: float
    cpu_ms_per_frame: float  # this process's CPU time over the interval, per frame processed
    frames: int  # frames processed so far
    attempts: int  # attempts saved so far


def resident_memory_mb() -> float | None:
    """This process's resident memory now (Linux /proc; None where that is not available)."""
    try:
        with open("/proc/self/statm") as statm:
            resident_pages = int(statm.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return resident_pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def verdict(samples: list[Sample], warmup_s: float) -> tuple[bool, list[str]]:
    """Pass/fail and the reasons, from the samples taken after ``warmup_s``."""
    settled = [sample for sample in samples if sample.elapsed_s > warmup_s]
    if len(settled) < 3:
        return False, [f"too short: {len(settled)} samples after the {warmup_s:.0f} s warm-up (need 3)"]
    lines, ok = [], True
    baseline, last = settled[0].rss_mb, settled[-1].rss_mb
    if baseline is None or last is None:
        lines.append("memory: not measurable on this platform")
    else:
        growth = (last - baseline) / baseline
        passed = growth < MEMORY_GROWTH_LIMIT
        ok &= passed
        lines.append(
            f"memory: {baseline:.0f} -> {last:.0f} MB after warm-up ({growth:+.1%}; limit "
            f"{MEMORY_GROWTH_LIMIT:.0%}) {'PASS' if passed else 'FAIL'}"
        )
    third = max(len(settled) // 3, 1)

    def mean(values: list[float]) -> float:
        return sum(values) / len(values)

    early_cost, late_cost = (
        mean([s.cpu_ms_per_frame for s in part]) for part in (settled[:third], settled[-third:])
    )
    early_fps, late_fps = (mean([s.fps for s in part]) for part in (settled[:third], settled[-third:]))
    growth = late_cost / early_cost - 1 if early_cost > 0 else float("inf")
    passed = late_fps > 0 and growth < CPU_GROWTH_LIMIT
    ok &= passed
    lines.append(
        f"frame cost: {early_cost:.0f} -> {late_cost:.0f} CPU ms per frame, first to last third "
        f"({growth:+.1%}; limit {CPU_GROWTH_LIMIT:.0%}); frame rate {early_fps:.1f} -> {late_fps:.1f} fps "
        f"{'PASS' if passed else 'FAIL'}"
    )
    return ok, lines


def switch_verdict(rss_by_switches: dict[int, float | None]) -> tuple[bool, list[str]]:
    """Pass/fail of a page-switch soak: memory after the last round trips within MEMORY_GROWTH_LIMIT of
    after the first SWITCH_SAMPLE_EVERY, and at most SWITCH_MEMORY_LIMIT_MB."""
    measured = {count: rss for count, rss in rss_by_switches.items() if rss is not None}
    if len(measured) < 2:
        return False, ["too short: memory needs samples after at least two sets of round trips"]
    first, last = min(measured), max(measured)
    growth = (measured[last] - measured[first]) / measured[first]
    passed = growth < MEMORY_GROWTH_LIMIT and measured[last] <= SWITCH_MEMORY_LIMIT_MB
    return passed, [
        f"memory: {measured[first]:.0f} MB after {first} round trips, {measured[last]:.0f} MB after {last} "
        f"({growth:+.1%}; limits {MEMORY_GROWTH_LIMIT:.0%} and {SWITCH_MEMORY_LIMIT_MB:.0f} MB) "
        f"{'PASS' if passed else 'FAIL'}"
    ]


def write_json(path: Path, report: dict) -> None:
    from signcore.files import write_text_atomically

    write_text_atomically(path, json.dumps(report, indent=2) + "\n")


def format_table(samples: list[Sample]) -> str:
    lines = [
        "| minute | RSS MB | fps | CPU ms/frame | frames | attempts |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for s in samples:
        rss = "n/a" if s.rss_mb is None else f"{s.rss_mb:.0f}"
        lines.append(
            f"| {s.elapsed_s / 60:.1f} | {rss} | {s.fps:.1f} | {s.cpu_ms_per_frame:.0f} | {s.frames} | "
            f"{s.attempts} |"
        )
    return "\n".join(lines)


def session_database(chosen: Path | None, folder: Path) -> tuple[Path, Path]:
    """(a copy to practise on in ``folder``, the database it copies): ``chosen``, else the learner's own,
    else the shipped default database, as the app itself starts on a first run. Call it before
    SIGNPRACTICE_DATA_DIR points at the session's folder, or "the learner's own" is looked for there."""
    from signcore.database import DATABASE_NAME, SignDatabase, is_shipped_database, shipped_database_path
    from signcore.paths import user_data_dir

    learners_own, shipped = user_data_dir() / DATABASE_NAME, shipped_database_path()
    source = chosen or (learners_own if learners_own.is_file() else shipped)
    if not source.is_file():
        raise InputError(source, "no such database file")
    target = folder / DATABASE_NAME
    if is_shipped_database(source):  # also when named by a relative path (--db assets/...)
        shutil.copyfile(shipped, target)  # the shipped file is never opened for writing (as in the app)
    else:
        with SignDatabase(source) as database:
            database.write_snapshot(target)  # consistent even while the app has it open
    return target, source


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop_app.core.app.context import AppContext
    from desktop_app.core.app.models_switch import load_encoder
    from desktop_app.core.shared.settings import Settings
    from desktop_app.ui.measure import SoakWindow
    from signcore.database import SignDatabase
    from signcore.extract import probe_video

    probe_video(args.camera)  # an unusable video fails now, not after N minutes of an empty camera view
    folder = Path(tempfile.mkdtemp(prefix="signpractice-soak-"))
    database_path, copied_from = session_database(args.db, folder)
    os.environ["SIGNPRACTICE_DATA_DIR"] = str(folder)  # settings written by the window stay here too
    context = AppContext(Settings(), SignDatabase(database_path), load_encoder(args.model), folder / "s.json")
    window = SoakWindow(context, args.camera, video_is_selfie=args.video_mirrored)
    print(f"database: a temporary copy of {copied_from} ({len(context.database.signs())} signs)", flush=True)
    try:
        if args.page_switches:
            ok, report = switch_pages(window, args.page_switches)
        else:
            ok, report = long_session(window, context, args)
    finally:
        context.close()
        shutil.rmtree(folder, ignore_errors=True)
    print(f"verdict: {'PASS' if ok else 'FAIL'}")
    if args.json:
        write_json(args.json, {**report, "camera": str(args.camera), "passed": ok})
    return 0 if ok else 1


def long_session(window: SoakWindow, context: AppContext, args: argparse.Namespace) -> tuple[bool, dict]:
    """The practice page for ``args.minutes``, sampled every ``args.interval`` seconds."""
    attempts = [0]
    context.events.attempt_added.connect(lambda *_: attempts.__setitem__(0, attempts[0] + 1))

    duration_s = args.minutes * 60
    warmup_s = min(WARMUP_FRACTION * duration_s, WARMUP_MAX_S)
    samples: list[Sample] = []
    started = time.monotonic()
    last = [started, 0, time.process_time()]

    def sample() -> bool:
        now, frames, cpu = time.monotonic(), window.practice_frames_so_far(), time.process_time()
        new_frames = frames - last[1]
        fps = new_frames / max(now - last[0], 1e-9)
        cost = 1000 * (cpu - last[2]) / max(new_frames, 1)
        last[:] = [now, frames, cpu]
        samples.append(Sample(now - started, resident_memory_mb(), fps, cost, frames, attempts[0]))
        s = samples[-1]
        rss = "n/a" if s.rss_mb is None else f"{s.rss_mb:.0f} MB"
        print(
            f"{s.elapsed_s / 60:5.1f} min  RSS {rss}  {fps:5.1f} fps  {cost:4.0f} CPU ms/frame  "
            f"attempts {s.attempts}",
            flush=True,
        )
        if problem := window.camera_problem("practice"):
            print(f"          camera: {problem}", flush=True)
        return now - started < duration_s

    window.show("practice")  # the window may open on another page (e.g. Home)
    print(f"soak: {args.camera} for {args.minutes:g} min, sample every {args.interval:g} s", flush=True)
    window.run(args.interval, sample)

    print()
    print(format_table(samples))
    ok, reasons = verdict(samples, warmup_s)
    print(f"\nwarm-up: first {warmup_s:.0f} s ignored")
    for line in reasons:
        print(line)
    return ok, {"samples": [vars(sample) for sample in samples], "warmup_s": warmup_s}


def switch_pages(window: SoakWindow, round_trips: int) -> tuple[bool, dict]:
    """``round_trips`` times Practice → Search by signing → Practice; memory after every
    SWITCH_SAMPLE_EVERY round trips, taken on the practice page once its camera runs again."""
    page: Page = "practice"
    done, since, slow_visits = 0, time.monotonic(), 0
    rss_by_switches: dict[int, float | None] = {}

    def step() -> bool:
        nonlocal page, done, since, slow_visits
        tracked = window.frames_on(page) >= FRAMES_PER_VISIT
        waited = time.monotonic() - since
        if not tracked and waited < VISIT_TIMEOUT_S:
            return True
        if not tracked:
            slow_visits += 1
            problem = window.camera_problem(page)
            print(f"the {page} page showed fewer than {FRAMES_PER_VISIT} frames in {waited:.0f} s: {problem}")
        if page == "practice":
            if done and done % SWITCH_SAMPLE_EVERY == 0 and done not in rss_by_switches:
                rss_by_switches[done] = rss = resident_memory_mb()
                print(f"{done:4d} round trips  RSS {'n/a' if rss is None else f'{rss:.0f} MB'}", flush=True)
            if done == round_trips:
                return False
            page = "search"
        else:
            done += 1
            page = "practice"
        window.show(page)
        since = time.monotonic()
        return True

    window.show("practice")  # the window may open on another page (e.g. Home)
    print(f"soak: {round_trips} round trips Practice → Search by signing → Practice", flush=True)
    print(f"{0:4d} round trips  RSS {resident_memory_mb() or 0:.0f} MB (start)", flush=True)
    window.run(POLL_MS / 1000, step)

    ok, reasons = switch_verdict(rss_by_switches)
    if slow_visits:
        reasons.append(f"{slow_visits} page visits left before the camera showed {FRAMES_PER_VISIT} frames")
    for line in reasons:
        print(line)
    report: dict = {"page_switches": round_trips, "slow_visits": slow_visits}
    report.update({f"rss_mb_after_{count}": rss for count, rss in sorted(rss_by_switches.items())})
    return ok, report


@ends_plainly  # a --db or --camera that cannot be used: said on one line, exit code 2
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop_app.soak", description=__doc__.splitlines()[0])
    parser.add_argument("--camera", type=Path, required=True, help="a signing video, used as the camera")
    parser.add_argument("--minutes", type=float, default=30.0, help="how long to run (default 30)")
    parser.add_argument("--interval", type=float, default=60.0, help="seconds between samples (default 60)")
    parser.add_argument("--video-mirrored", action="store_true", help="the video is a selfie recording")
    parser.add_argument(
        "--db", type=Path, help="database to copy for the session (default: your own, else the shipped one)"
    )
    parser.add_argument("--model", type=Path, help="encoder model (default: the shipped one)")
    parser.add_argument(
        "--page-switches",
        type=int,
        metavar="N",
        help="instead of a long session: N round trips Practice → Search by signing → Practice, memory after "
        "every 10",
    )
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the numbers to this JSON file")
    args = parser.parse_args(argv)
    if args.page_switches is not None and args.page_switches < 1:
        parser.error("--page-switches must be at least 1")
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
