"""``python -m desktop_app``: the practice app (or, with ``--selftest``, the pipeline check without a window).

    python -m desktop_app                              # the shipped model and the default database
    python -m desktop_app --camera 1                   # another camera
    python -m desktop_app --camera signing.mp4         # a video file as the camera (looped)
    python -m desktop_app --selftest --camera clip.mp4 # headless: JSON report, exit status 0 = all fine
    python -m desktop_app --score attempt.mp4 --sign hello [--json out.json]   # score a recorded attempt

Options given here apply to this run only; the Settings dialog changes the saved defaults.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from desktop_app.core.capture import parse_camera_argument
from desktop_app.core.context import Launch, load_settings

log = logging.getLogger("desktop_app")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m desktop_app", description="Practise signs in front of a webcam."
    )
    parser.add_argument(
        "--camera",
        metavar="INDEX|VIDEO_FILE",
        type=parse_camera_argument,
        help="camera number (0 = the first), or a video file to use as the camera (it loops)",
    )
    mirrored = parser.add_mutually_exclusive_group()
    mirrored.add_argument(
        "--video-mirrored",
        dest="video_is_selfie",
        action="store_true",
        default=None,
        help="the video file is a selfie (mirror-image) recording, e.g. from a phone's front camera",
    )
    mirrored.add_argument(
        "--video-not-mirrored",
        dest="video_is_selfie",
        action="store_false",
        help="the video file shows the signer as a camera facing them sees them",
    )
    parser.add_argument(
        "--db", type=Path, metavar="PATH", help="sign database file (default: your own database)"
    )
    parser.add_argument(
        "--model", type=Path, metavar="PATH", help="encoder model (.onnx; default: the shipped one)"
    )
    parser.add_argument(
        "--selftest", action="store_true", help="run the pipeline without a window, print JSON"
    )
    parser.add_argument(
        "--score",
        type=Path,
        metavar="FILE",
        help="score a recorded attempt (a video or .pose file) against --sign without a window, print JSON",
    )
    parser.add_argument("--sign", metavar="GLOSS", help="the sign the --score attempt was meant to be")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the --score JSON to this file")
    # For the benchmark (cold start): once the window is shown, say so (and the peak memory), quit.
    parser.add_argument("--quit-when-shown", action="store_true", help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    settings, settings_problem = load_settings()
    if settings_problem:
        log.warning(settings_problem)
    launch = Launch(
        camera=args.camera if args.camera is not None else settings.camera_source(),
        video_is_selfie=settings.video_is_selfie if args.video_is_selfie is None else args.video_is_selfie,
        database_path=args.db or settings.database_path,
        model_path=args.model or settings.model_path,
    )
    if args.score is not None:
        from desktop_app.core import file_scoring

        return file_scoring.main(args.score, args.sign, args.json, launch, settings.left_handed)
    if args.selftest:
        from desktop_app.selftest import run_from_command_line

        return run_from_command_line(launch)
    from desktop_app.ui.app import run_app

    return run_app(settings, launch, [settings_problem] if settings_problem else [], args.quit_when_shown)


if __name__ == "__main__":
    sys.exit(main())
