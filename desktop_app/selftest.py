"""``python -m desktop_app --selftest``: the real pipeline without a window, as a JSON report.

It runs the same :class:`~desktop_app.ui.pipeline.PipelineWorker` thread the app uses (camera or video file →
MediaPipe → landmarks, see :func:`desktop_app.ui.headless.watch_source`), then embeds what it saw and ranks
the database's signs against it through the app model the window uses (the
:class:`~desktop_app.core.app.context.AppContext`'s embedding job and gallery). A learner or a support person
can run it to see, in one command, whether the camera, tracking, the model and the database work. Exit status
0 = everything worked; otherwise the message says what did not.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

from desktop_app.core.app import models_switch
from desktop_app.core.app.context import AppContext, Launch
from desktop_app.core.shared.jobs import run_job
from desktop_app.core.shared.settings import Settings
from desktop_app.core.signing.capture import FrameSource, make_source
from signcore.database import SignDatabase
from signcore.encoder import Encoder
from signcore.errors import InputError, ends_plainly
from signcore.extract import probe_video, to_sequence

CAMERA_SECONDS = 3.0  # how long a live camera is watched
TIMEOUT_SECONDS = 60.0


class SelfTestFailed(Exception):
    """The self-test could not complete; the message is for the learner."""


def run_selftest(
    source: FrameSource, database: SignDatabase, encoder: Encoder, frames_wanted: int | None = None
) -> dict[str, Any]:
    """Run the pipeline on ``source`` and return the report (raises SelfTestFailed)."""
    from desktop_app.core.app.file_scoring import assess
    from desktop_app.ui.headless import watch_source

    started = time.perf_counter()
    wanted = _frames_for(source) if frames_wanted is None else frames_wanted
    collected = watch_source(source, wanted, TIMEOUT_SECONDS)
    elapsed = time.perf_counter() - started
    if collected.error:
        raise SelfTestFailed(collected.error)
    if not collected.frames:
        raise SelfTestFailed(f"{source.description}: no frame could be read")

    pose = to_sequence(collected.frames, *collected.size)
    counts = pose.detection_counts()
    report = {
        "source": source.description,
        "frames": counts["frames"],
        "seconds": round(elapsed, 2),  # including opening the source and starting MediaPipe
        "fps": round(steady_fps(collected.arrivals), 1),
        "pipeline_ms_per_frame": {k: round(v, 1) for k, v in collected.ms_per_frame.items()},
        "frames_with_body": counts["body"],
        "frames_with_left_hand": counts["left_hand"],
        "frames_with_right_hand": counts["right_hand"],
        "model": str(encoder.path),
        "model_hash": encoder.model_hash[:16],
        "database": str(database.path),
    }
    context = AppContext(Settings(), database, encoder)  # never saved: the self-test changes no setting
    job = context.missing_embeddings_job()  # e.g. a database built with another model, as the app would
    if job is not None:
        run_job(job)
    gallery = context.gallery()
    if gallery is None:  # cannot happen: the context has an encoder
        raise SelfTestFailed("no sign model is loaded")
    report["reference_clips"] = len(gallery)
    if not len(gallery):
        raise SelfTestFailed(f"{database.path}: the database has no reference clips to compare with")
    started = time.perf_counter()
    embedding = encoder.embed(pose)
    nearest = gallery.hybrid_ranking(embedding, pose).signs[:5]  # as the app ranks: encoder shortlist + DTW
    report["match_ms"] = round(1000 * (time.perf_counter() - started), 1)
    report["top5"] = [
        {"gloss": n.gloss, "sign_id": n.sign_id, "distance": round(n.distance, 4)} for n in nearest
    ]
    # What the practice page would show had the learner meant the best-matching sign (as --score prints).
    report["attempt"] = assess(database, encoder, pose, nearest[0].sign_id)
    if counts["body"] == 0:
        report["problem"] = f"{_source_name(source)}: no body was found in any frame"
    return report


def _source_name(source: FrameSource) -> str:
    """The video file's path, or the camera's description: what a "nothing found" message must name."""
    path = getattr(source, "path", None)
    return str(path) if path is not None else source.description


def steady_fps(arrivals: list[float], warm_up: int = 5) -> float:
    """Frames per second once running (the first frames pay for MediaPipe's start-up)."""
    steady = arrivals[warm_up:] if len(arrivals) > warm_up + 2 else arrivals
    return (len(steady) - 1) / (steady[-1] - steady[0]) if len(steady) > 1 and steady[-1] > steady[0] else 0.0


def _frames_for(source: FrameSource) -> int:
    """One pass of a video file; a few seconds of a camera."""
    path = getattr(source, "path", None)
    if path is not None:
        return max(probe_video(path).frames, 1)
    return int(CAMERA_SECONDS * 30)


def main(source: FrameSource, database: SignDatabase, encoder: Encoder) -> int:
    """Print the JSON report; exit status 0 only when frames were read and a body was found."""
    try:
        report = run_selftest(source, database, encoder)
    except (SelfTestFailed, InputError) as error:
        print(json.dumps({"ok": False, "error": str(error)}, indent=2))
        print(f"self-test failed: {error}", file=sys.stderr)
        return 1
    report["ok"] = "problem" not in report
    print(json.dumps(report, indent=2, ensure_ascii=False))
    if not report["ok"]:
        print(f"self-test failed: {report['problem']}", file=sys.stderr)
        return 1
    return 0


@ends_plainly  # a database or model that cannot be used: said on one line, exit code 2
def run_from_command_line(launch: Launch) -> int:
    """``--selftest``: open what this run would use, run, print (:func:`main`)."""
    with models_switch.open_database(launch.database_path) as database:
        encoder = models_switch.load_encoder(launch.model_path)
        return main(make_source(launch.camera, launch.video_is_selfie, realtime=False), database, encoder)
