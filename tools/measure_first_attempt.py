"""How long the first attempt at a sign takes to score on the pages that score attempts, and what it repeats.

    python tools/measure_first_attempt.py [--rounds 5] [--compare-with OLD] [--only TEXT] [--json OUT]

Each scenario runs in a fresh process on a copy of the shipped starter database (its gallery's reference
motion not read yet, as before the fusion job has read it or in a database too large for it to): the real
practice page (the sign chosen) or the real session page (on a "sign it" step of the same sign, with no
camera), then the attempt (a clip of another sign, cut to its sign as a live attempt is) scored against
the page's target as the camera's scoring thread scores it, ``delay`` seconds after the sign was chosen or
the step shown, while the page's background work (if any) runs on. Reported per scenario: the first
attempt's milliseconds and the next one's, how many reference clips were read from the database more than
once and how often the sign's references were prepared for feedback (by the first attempt and the page's
background work together), and the attempt's result (score, nearest signs, correction): the same for every
checkout compared.

``--compare-with`` runs every scenario on another checkout of the app, OLD, too (``git worktree add /tmp/old
COMMIT``), in turns with this one, so both meet the machine's load alike; the table gives both medians side
by side.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCENARIOS = {  # name -> (page, seconds from the sign chosen or the step shown to the attempt's end)
    "practice, signed at once": ("practice", 0.0),
    "practice, signed after 0.5 s": ("practice", 0.5),
    "practice, signed after 2 s": ("practice", 2.0),
    "review, signed after 0.5 s": ("review", 0.5),
    "review, signed after 2 s": ("review", 2.0),
}
PRACTISED_SIGN = ("hallo", "DGS")
SIGNED_INSTEAD = ("Bier", "DGS")  # the attempt: a clip of another sign, so that there is something to correct
BACKGROUND_WAIT_S = 60.0


def run_scenario(page_name: str, delay_s: float) -> dict:
    """One scenario in this process (the checkout whose packages it imports): the numbers as a dict."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from signcore.database import opened_copy
    from signcore.paths import assets_dir

    application = QApplication.instance() or QApplication([])
    # the copy, and the settings written beside it, go when the scenario ends, also when it fails
    with opened_copy(assets_dir() / "default_signs.db") as database:
        return measure_scenario(application, database, page_name, delay_s)


def measure_scenario(application, database, page_name: str, delay_s: float) -> dict:
    """:func:`run_scenario` on ``database``, a copy of the starter database."""
    from desktop_app.core.app.context import AppContext
    from desktop_app.core.judging import attempts, practice
    from desktop_app.core.shared.settings import Settings
    from desktop_app.core.signing.view import sign_only
    from signcore.encoder import Encoder

    preparations: list[str] = []
    prepare = practice.prepare_references

    def counted_prepare(*args):
        preparations.append(threading.current_thread().name)
        return prepare(*args)

    practice.prepare_references = counted_prepare
    context = AppContext(Settings(), database, Encoder(), database.path.parent / "settings.json")
    gallery = context.gallery()
    reads: Counter[int] = Counter()  # the reference motion the gallery reads, by clip
    read_motion = gallery.read_pose

    def counted_read(clip_id: int):
        reads[clip_id] += 1
        return read_motion(clip_id)

    gallery.read_pose = counted_read

    def wait(seconds: float, until=lambda: False) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not until():
            application.processEvents()
            time.sleep(0.005)

    signs = {(sign.gloss, sign.language): sign for sign in database.signs()}
    sign = signs[PRACTISED_SIGN]
    if page_name == "practice":
        from desktop_app.ui.practice_page import PracticePage

        page = PracticePage(context)
        context.select_sign(sign.id)
        target = page.target
    else:
        from desktop_app.core.learning.review import ReviewSession, shared_learning_path
        from desktop_app.core.learning.store import SavedSession, Step, StepKind
        from desktop_app.ui.review_page import ReviewPage

        page = ReviewPage(context)
        page.start_camera = lambda: None  # no camera: the attempt is handed to the scoring by hand
        now = datetime.now(UTC)
        sign_it = SavedSession("Review", None, (Step(sign.id, StepKind.PRODUCTION),), 0, now, now)
        page.start(ReviewSession(shared_learning_path(database).store, sign_it))
        target = page.model.target
    shown_at = time.perf_counter()
    attempt = sign_only(database.clip_pose(database.clips(signs[SIGNED_INSTEAD].id)[0].id))
    wait(shown_at + delay_s - time.perf_counter())
    first = attempts.score_pose(context.encoder, target, attempt, time.perf_counter())
    background = getattr(page, "_prefetch_job", None)
    wait(BACKGROUND_WAIT_S, lambda: background is None or background.isFinished())
    second = attempts.score_pose(context.encoder, target, attempt, time.perf_counter())
    score, feedback = first.score, first.feedback
    result = {
        "sign": target.gloss,
        "score": None if score is None else score.score,
        "nearest": None if score is None else [neighbour.sign_id for neighbour in score.nearest],
        "correction": None if feedback is None else feedback.message,
        "message": first.message,
    }
    context.close()
    return {
        "first_ms": 1000 * (first.scored_at - first.ended_at),
        "first_stages_ms": first.stages_ms,
        "second_ms": 1000 * (second.scored_at - second.ended_at),
        "clips_read_again": sum(count - 1 for count in reads.values()),
        "preparations": len(preparations),
        "result": result,
    }


def run_in_process(checkout: Path, scenario: str) -> dict:
    """``scenario`` in a fresh process importing ``checkout``'s packages."""
    page_name, delay_s = SCENARIOS[scenario]
    command = [sys.executable, __file__, "--checkout", str(checkout), "--child", page_name, str(delay_s)]
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    finished = subprocess.run(command, capture_output=True, text=True, cwd=checkout, env=environment)
    lines = [line for line in finished.stdout.splitlines() if line.startswith("{")]
    if finished.returncode != 0 or not lines:
        raise RuntimeError(f"{scenario} failed on {checkout}:\n{finished.stderr[-3000:]}")
    return json.loads(lines[-1])


def table(runs: dict[str, dict[str, list[dict]]], checkouts: dict[str, Path]) -> str:
    names = list(checkouts)
    rows = [["scenario", *(f"{what} ({name})" for what in ("first ms", "next ms") for name in names)]]
    rows[0] += [f"read again / prepared ({name})" for name in names] + ["same result"]
    for scenario, by_checkout in runs.items():
        row = [scenario]
        for key in ("first_ms", "second_ms"):
            row += [f"{statistics.median(run[key] for run in by_checkout[name]):.0f}" for name in names]
        for name in names:
            again = statistics.median(run["clips_read_again"] for run in by_checkout[name])
            prepared = statistics.median(run["preparations"] for run in by_checkout[name])
            row.append(f"{again:g} / {prepared:g}")
        results = {json.dumps(run["result"], sort_keys=True) for name in names for run in by_checkout[name]}
        row.append("yes" if len(results) == 1 else "NO")
        rows.append(row)
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = ("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in rows)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="runs of each scenario (medians)")
    parser.add_argument("--compare-with", type=Path, help="another checkout of the app, measured in turns")
    parser.add_argument("--json", type=Path, help="also write every run's numbers to this JSON file")
    parser.add_argument("--only", default="", help="only the scenarios whose name holds this text")
    parser.add_argument("--checkout", type=Path, default=REPO, help=argparse.SUPPRESS)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        sys.path.insert(0, str(args.checkout.resolve()))  # that checkout's packages, not an installed copy's
        print(json.dumps(run_scenario(args.child[0], float(args.child[1]))), flush=True)
        return 0
    checkouts = {"this": REPO}
    if args.compare_with is not None:
        checkouts = {"old": args.compare_with.resolve(), "new": REPO}
    scenarios = [scenario for scenario in SCENARIOS if args.only in scenario]
    if not scenarios:
        parser.error(f"no scenario's name holds {args.only!r}: {', '.join(SCENARIOS)}")
    runs: dict[str, dict[str, list[dict]]] = {
        scenario: {name: [] for name in checkouts} for scenario in scenarios
    }
    for round_number in range(args.rounds):
        for scenario in scenarios:
            for name, checkout in checkouts.items():
                print(f"round {round_number + 1}/{args.rounds}: {scenario} ({name})…", file=sys.stderr)
                runs[scenario][name].append(run_in_process(checkout, scenario))
    print(table(runs, checkouts))
    if args.json is not None:
        args.json.write_text(json.dumps(runs, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
