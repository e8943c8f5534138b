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

from desktop_app.core.capture import make_source, parse_camera_argument
from desktop_app.core.settings import Settings
from signcore.errors import InputError, ModelError

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


def load_settings() -> tuple[Settings, str | None]:
    """The saved settings, or defaults and the reason when the file is unreadable."""
    try:
        return Settings.load(), None
    except InputError as error:
        return Settings(), f"Your settings could not be read, so the defaults are used. {error}"


def open_database(path: Path | str | None):
    from signcore.database import SignDatabase

    return SignDatabase(path) if path else SignDatabase.open_default()


def open_encoder(path: Path | str | None):
    from desktop_app.core.models_switch import load_encoder

    return load_encoder(path)


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    settings, settings_problem = load_settings()
    camera = args.camera if args.camera is not None else settings.camera_source()
    video_is_selfie = settings.video_is_selfie if args.video_is_selfie is None else args.video_is_selfie
    if settings_problem:
        log.warning(settings_problem)

    if args.score is not None:
        from desktop_app.core import file_scoring

        database, model = args.db or settings.database_path, args.model or settings.model_path
        return file_scoring.main(
            args.score, args.sign, args.json, database, model, video_is_selfie, settings.left_handed
        )
    if args.selftest:
        from desktop_app import selftest

        try:
            database = open_database(args.db or settings.database_path)
            encoder = open_encoder(args.model or settings.model_path)
        except InputError as error:
            print(f"self-test failed: {error}", file=sys.stderr)
            return 2
        with database:
            return selftest.main(make_source(camera, video_is_selfie, realtime=False), database, encoder)
    return run_app(args, settings, settings_problem, camera, video_is_selfie)


def run_app(args, settings: Settings, settings_problem: str | None, camera, video_is_selfie: bool) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop_app.core.context import AppContext
    from desktop_app.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Sign Practice")
    problems = [settings_problem] if settings_problem else []
    try:
        database = open_database(args.db or settings.database_path)
    except InputError as error:
        QMessageBox.critical(None, "Sign Practice", f"The sign database cannot be opened.\n\n{error}")
        return 2
    encoder = None
    try:
        encoder = open_encoder(args.model or settings.model_path)
    except ModelError as error:
        problems.append(f"The sign model cannot be used, so attempts will not be scored.\n{error}")
    context = AppContext(settings, database, encoder)
    window = MainWindow(context, camera=camera, video_is_selfie=video_is_selfie)
    window.show()
    for problem in problems:
        window.show_problem(problem)
    if args.quit_when_shown:
        from PySide6.QtCore import QTimer

        def report_shown() -> None:
            from desktop_app.benchmark import peak_memory_mb

            print(f"window shown; peak RSS {peak_memory_mb():.0f} MB", flush=True)
            window.close()

        QTimer.singleShot(0, report_shown)  # runs once the event loop has painted the window
    code = app.exec()
    context.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
