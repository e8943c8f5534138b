"""``python -m desktop_app``: the practice app (or, with ``--selftest``, the pipeline check without a window).

    python -m desktop_app                              # the shipped model and the default database
    python -m desktop_app --camera 1                   # another camera
    python -m desktop_app --camera signing.mp4         # a video file as the camera (looped)
    python -m desktop_app --selftest --camera clip.mp4 # headless: JSON report, exit status 0 = all fine
    python -m desktop_app --score attempt.mp4 --sign hello [--json out.json]   # score a recorded attempt
    python -m desktop_app --score selfie.mp4 --video-mirrored --sign hello     # ... filmed as a selfie
    python -m desktop_app --verbose                    # also MediaPipe's, TFLite's and Qt's own log lines

Options given here apply to this run only; the Settings dialog changes the saved defaults. The camera in use
(``--camera``'s, else the saved one) is what File → Camera… and Settings show; a camera chosen there replaces
it and is saved. A video is read as the learner says it was filmed: ``--video-mirrored`` for a selfie
recording, ``--video-not-mirrored`` for one filmed by a camera facing the signer; with neither, ``--camera``'s
video is read as the saved camera setting says, and ``--score``'s as not mirrored (the output says so).
Without a display the app says so in one sentence and exits with status 2 (Qt itself would
abort). One copy at a time uses the data folder: while the app is open, a second window, ``--score`` and
``--selftest`` say so and exit with status 1, having touched nothing there.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import os
import re
import socket
import sys
from pathlib import Path

from desktop_app.core.app.context import Launch, load_settings
from desktop_app.core.signing.capture import missing_video_note, parse_camera_argument
from signcore.native_logs import native_logs_quieted
from signcore.paths import NoDataFolderError, user_data_dir

log = logging.getLogger("desktop_app")
NATIVE_LOG_NAME = "native.log"  # in the data folder: the native libraries' messages of the last run
# Qt platforms that draw without a display server (tests, the smoke test, a VNC session of Qt's own)
PLATFORMS_WITHOUT_DISPLAY = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb", "vkkhrdisplay")
NO_DISPLAY_MESSAGE = (
    "SignPractice needs a desktop to show its window and found none (neither DISPLAY nor WAYLAND_DISPLAY "
    "is set): start it from your desktop session, or check the camera without a window with --selftest."
)

UNREACHABLE_DISPLAY_MESSAGE = (
    "SignPractice cannot reach the desktop it was told to use (DISPLAY={display}): nothing answers there, "
    "e.g. after a remote session closed. Start it from your desktop session, or check the camera without a "
    "window with --selftest."
)
DISPLAY_PROBE_TIMEOUT_S = 2.0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m desktop_app", description="Practise signs in front of a webcam."
    )
    parser.add_argument(
        "--camera",
        metavar="INDEX|VIDEO_FILE",
        type=parse_camera_argument,
        help="the camera to use, by its number (0 is the first), or a video file to use in its place (played"
        " over and over)",
    )
    mirrored = parser.add_mutually_exclusive_group()
    mirrored.add_argument(
        "--video-mirrored",
        dest="video_is_selfie",
        action="store_true",
        default=None,
        help="the video file of --camera or --score is a selfie: a mirror image, as a phone's front camera"
        " records",
    )
    mirrored.add_argument(
        "--video-not-mirrored",
        dest="video_is_selfie",
        action="store_false",
        help="the video file of --camera or --score is not a mirror image: it shows the signer as another"
        " person facing them sees them. If neither option is given, --camera's video is taken as your camera"
        " settings say, and --score's as not mirrored",
    )
    parser.add_argument(
        "--db", type=Path, metavar="PATH", help="the sign database file to open (default: your own)"
    )
    parser.add_argument(
        "--model",
        type=Path,
        metavar="PATH",
        help="the sign model file (.onnx) to compare signing with (default: the one that comes with the app)",
    )
    parser.add_argument(
        "--selftest",
        action="store_true",
        help="check the camera, the tracking, the sign model and the database without a window, and print"
        " what was found as JSON",
    )
    parser.add_argument(
        "--score",
        type=Path,
        metavar="FILE",
        help="score a recorded attempt (a video or .pose file) as the sign named by --sign, without a window,"
        " and print the result as JSON; a video counts as not mirrored unless --video-mirrored is given",
    )
    parser.add_argument(
        "--sign",
        metavar="NAME",
        help='the sign the --score attempt was meant to be: its name as the app shows it ("letter Z") or as'
        ' it is stored ("z"); NAME@LANGUAGE ("hello@ASL") where signs of several languages have that name',
    )
    parser.add_argument(
        "--json", type=Path, metavar="OUT", help="also write the JSON result of --score to this file"
    )
    parser.add_argument(
        "--verbose",
        action="store_true",
        help=f"show the tracking and window libraries' own messages here (without it, they go to"
        f" {NATIVE_LOG_NAME} in your data folder)",
    )
    # For the benchmark (cold start): once the window is shown, say so (and the peak memory), quit.
    parser.add_argument("--quit-when-shown", action="store_true", help=argparse.SUPPRESS)
    return parser


def missing_display(environ=os.environ, platform: str = sys.platform) -> bool:
    """True where Qt would abort for want of a display: on Linux, with neither an X11 nor a Wayland display
    and no display-free Qt platform asked for (``QT_QPA_PLATFORM`` may list several, ``;``-separated)."""
    if not platform.startswith("linux"):
        return False
    requested = [name.split(":")[0] for name in environ.get("QT_QPA_PLATFORM", "").split(";") if name]
    if requested and all(name in PLATFORMS_WITHOUT_DISPLAY for name in requested):
        return False
    return not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))


def unreachable_display(environ=os.environ, platform: str = sys.platform) -> str | None:
    """The X display Qt would draw on (DISPLAY, with no Wayland display and no other Qt platform asked for)
    when nothing answers there, e.g. one left over from a closed remote session: Qt would abort (SIGABRT),
    advising to reinstall. None when there is no such display, it answers, or its form is unknown."""
    requested = [name.split(":")[0] for name in environ.get("QT_QPA_PLATFORM", "").split(";") if name]
    if not platform.startswith("linux") or environ.get("WAYLAND_DISPLAY") or requested not in ([], ["xcb"]):
        return None
    display = environ.get("DISPLAY", "")
    form = re.fullmatch(r"(?P<host>[^:/]*):(?P<number>\d+)(\.\d+)?", display)
    if form is None:
        return None
    number = int(form["number"])
    addresses: list[tuple[socket.AddressFamily, str | tuple[str, int]]]
    if form["host"] in ("", "unix"):  # a local server's socket: Linux's abstract one, or the file
        addresses = [
            (socket.AF_UNIX, f"\0/tmp/.X11-unix/X{number}"),
            (socket.AF_UNIX, f"/tmp/.X11-unix/X{number}"),
        ]
    else:  # a server over TCP, e.g. SSH's X forwarding at localhost:10
        addresses = [(socket.AF_INET, (form["host"], 6000 + number))]
    for family, address in addresses:
        with contextlib.suppress(OSError), socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.settimeout(DISPLAY_PROBE_TIMEOUT_S)
            probe.connect(address)
            return None
    return display


def drawn_nowhere(environ=os.environ) -> bool:
    """True when Qt is asked to draw only where nobody sees it (``QT_QPA_PLATFORM`` offscreen or minimal)."""
    requested = [name.split(":")[0] for name in environ.get("QT_QPA_PLATFORM", "").split(";") if name]
    return bool(requested) and all(name in ("offscreen", "minimal") for name in requested)


def no_display_problem() -> str | None:
    """Why no window can be shown here (no display, or one nothing answers at), or None."""
    if missing_display():
        return NO_DISPLAY_MESSAGE
    gone = unreachable_display()
    return None if gone is None else UNREACHABLE_DISPLAY_MESSAGE.format(display=gone)


class LogLinesLostToAFullDisk(logging.StreamHandler):
    """The app's log lines, on stderr (the data folder's log while the native logs are quieted): a line the
    disk cannot take (full) is lost, where logging printed a traceback to the terminal for each."""

    def handleError(self, record: logging.LogRecord) -> None:
        if not isinstance(sys.exc_info()[1], OSError):
            super().handleError(record)


def quiet_native_logs(args: argparse.Namespace):
    """The native libraries' log lines go to the data folder's log file, unless ``--verbose``."""
    return native_logs_quieted(args.verbose, user_data_dir() / NATIVE_LOG_NAME)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO,
        format="%(levelname)s %(name)s: %(message)s",
        handlers=[LogLinesLostToAFullDisk()],
    )
    windowed = args.score is None and not args.selftest
    display_problem = no_display_problem() if windowed else None
    try:
        data_folder = user_data_dir()  # made first: the lock, settings, database and log live there
    except NoDataFolderError as error:
        print(f"SignPractice cannot start: {error}", file=sys.stderr)
        # Started from a launcher, the terminal is nowhere to be seen (a box drawn nowhere would wait forever)
        if windowed and display_problem is None and not drawn_nowhere():
            from desktop_app.ui.app import say_no_data_folder

            say_no_data_folder(error)
        return 2
    if display_problem is not None:
        print(display_problem, file=sys.stderr)
        return 2
    if windowed:
        from PySide6.QtWidgets import QApplication

        # made here, before the logs are quieted, so that Qt's own start-up problems stay on the terminal (the
        # name keeps it alive; run_app and the "already open" message use this instance)
        _application = QApplication.instance() or QApplication(sys.argv[:1])
    from desktop_app.ui.one_copy import lock_data_folder, say_already_open, say_in_use

    # Every mode writes the data folder (the log, the database; a settings file that cannot be read is moved
    # aside), so the lock comes before all of it: a second copy stops having touched nothing there.
    lock = lock_data_folder(data_folder)
    if lock is None:
        if windowed:
            say_already_open(data_folder)
        else:
            say_in_use(data_folder)
        return 1
    try:
        code = run_holding_the_lock(args, windowed)
    finally:
        lock.unlock()
    end_at_once_if_a_camera_thread_is_stuck(code)
    return code


def end_at_once_if_a_camera_thread_is_stuck(code: int) -> None:
    """Everything is written and closed and the lock released; a camera thread still stuck in a driver's
    read would be destroyed running by Python's teardown, which aborts the process (a crash report, status
    134). Then the process ends here, at once, its logs flushed, with exit status ``code``."""
    pipeline = sys.modules.get("desktop_app.ui.pipeline")  # not imported: no camera thread ever ran
    if pipeline is not None and pipeline.camera_thread_still_stopping():
        log.warning("the camera thread has not stopped; the app ends without waiting for it")
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def run_holding_the_lock(args: argparse.Namespace, windowed: bool) -> int:
    """The app, --score or --selftest, as ``args`` say, once this copy holds the data folder's lock."""
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
        from desktop_app.core.app import file_scoring

        with quiet_native_logs(args):
            return file_scoring.main(
                args.score, args.sign, args.json, launch, settings.left_handed, args.video_is_selfie
            )
    if not windowed:
        from desktop_app.selftest import run_from_command_line

        with quiet_native_logs(args):
            return run_from_command_line(launch)
    given_as = "--camera" if args.camera is not None else "The camera saved in Settings,"
    missing_video = missing_video_note(launch.camera, given_as)
    if missing_video:
        print(f"note: {missing_video}", file=sys.stderr)
    from desktop_app.ui.app import run_app

    with quiet_native_logs(args):
        code = run_app(settings, launch, [settings_problem] if settings_problem else [], args.quit_when_shown)
    # The window is gone and everything is written and closed: Python's teardown need not search the app's
    # hundred thousand objects for reference cycles, again and again, to free memory the process gives back
    # whole as it ends (0.6-0.8 s of the 1.2-1.4 s it took to end, on a busy 2-core machine). Exit handlers,
    # Qt's and the logs', still run.
    gc.freeze()
    return code


if __name__ == "__main__":
    sys.exit(main())
