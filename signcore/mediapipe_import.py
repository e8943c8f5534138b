"""The one place MediaPipe is imported.

``import mediapipe`` imports its drawing helpers, and they import ``matplotlib.pyplot`` at module level
(they call it only in ``plot_landmarks``, which we never use). So MediaPipe is imported with a stand-in for
matplotlib in its place: importing works, and any use says plainly what is missing. The installed app leaves
matplotlib and Pillow out (16 MiB), and the stand-in stays. Where matplotlib is installed (run from source)
it is taken out again after MediaPipe's import, so that others (the trainer's plots) import the real one:
the app itself never loads it, ~55 MB of resident memory that the installed app does not have either.
"""

from __future__ import annotations

import contextlib
import importlib.util
import sys
import types
from collections.abc import Iterator


class _MissingMatplotlib(types.ModuleType):
    def __getattr__(self, name: str) -> object:
        if name.startswith("__"):
            raise AttributeError(name)
        raise ImportError(
            f"matplotlib.{name}: matplotlib is not installed or not loaded by this app; MediaPipe's plotting "
            "helpers need it"
        )


def _matplotlib_is_installed() -> bool:
    try:
        return importlib.util.find_spec("matplotlib") is not None
    except (ImportError, ValueError):  # refused by an import hook, or a broken entry in sys.modules
        return False


STAND_IN_NAMES = ("matplotlib", "matplotlib.pyplot")


@contextlib.contextmanager
def _stand_in_for_matplotlib() -> Iterator[None]:
    """The stand-in in place for the block (unless the real matplotlib is imported already); it stays where
    matplotlib is not installed."""
    if "matplotlib" in sys.modules:
        yield
        return
    installed = _matplotlib_is_installed()  # asked first: with the stand-in in place, find_spec fails
    package = _MissingMatplotlib("matplotlib")
    package.__path__ = []  # a package, so that `import matplotlib.pyplot` finds its submodule below
    pyplot = _MissingMatplotlib("matplotlib.pyplot")
    package.pyplot = pyplot  # type: ignore[attr-defined]
    sys.modules.update(zip(STAND_IN_NAMES, (package, pyplot), strict=True))
    try:
        yield
    finally:
        if installed:
            for name in STAND_IN_NAMES:
                del sys.modules[name]


with _stand_in_for_matplotlib():
    import mediapipe
    from mediapipe.tasks.python import BaseOptions, vision

__all__ = ["mediapipe", "BaseOptions", "vision"]
