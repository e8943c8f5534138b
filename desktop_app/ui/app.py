"""The windowed app: the Qt application, the context and the main window (``python -m desktop_app``)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from desktop_app.core.context import AppContext, Launch
from desktop_app.core.settings import Settings
from desktop_app.ui.main_window import MainWindow
from signcore.errors import InputError

log = logging.getLogger(__name__)


def run_app(
    settings: Settings,
    launch: Launch,
    problems: list[str],
    when_shown: Callable[[QMainWindow], None] | None = None,
) -> int:
    """Show the main window until it is closed; returns the exit status. ``problems``: warnings to show
    once the window is up (the app stays usable behind them); ``when_shown`` is called with the window once
    it is on screen."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Sign Practice")
    try:
        context, model_problem = AppContext.open(settings, launch)
    except InputError as error:
        QMessageBox.critical(None, "Sign Practice", f"The sign database cannot be opened.\n\n{error}")
        return 2
    window = MainWindow(context, camera=launch.camera, video_is_selfie=launch.video_is_selfie)
    window.show()
    for problem in [*problems, model_problem] if model_problem else problems:
        window.show_problem(problem)
    if when_shown is not None:
        QTimer.singleShot(0, lambda: when_shown(window))  # runs once the event loop has painted the window
    code = app.exec()
    try:  # the window is gone: rewriting the database file now keeps nobody waiting
        context.library.compact()
    except InputError as error:  # e.g. a full disk: the space comes back another time
        log.warning("could not compact the database: %s", error)
    context.close()
    return code
