"""The one place MediaPipe is imported.

``import mediapipe`` imports its drawing helpers, and they import ``matplotlib.pyplot`` at module level
(they call it only in ``plot_landmarks``, which we never use). The installed app leaves matplotlib and
Pillow out (16 MiB), so where matplotlib is not installed a stand-in takes its place: importing works, and
any use says plainly what is missing.
"""

from __future__ import annotations

import importlib.util
import sys
import types


class _MissingMatplotlib(types.ModuleType):
    def __getattr__(self, name: str) -> object:
        if name.startswith("__"):
            raise AttributeError(name)
        raise ImportError(
            f"matplotlib.{name}: matplotlib is not installed; MediaPipe's plotting helpers need it"
        )


def _matplotlib_is_installed() -> bool:
    try:
        return importlib.util.find_spec("matplotlib") is not None
    except (ImportError, ValueError):  # refused by an import hook, or a broken entry in sys.modules
        return False


def _stand_in_for_matplotlib() -> None:
    if _matplotlib_is_installed():
        return
    package = _MissingMatplotlib("matplotlib")
    package.__path__ = []  # a package, so that `import matplotlib.pyplot` finds its submodule below
    pyplot = _MissingMatplotlib("matplotlib.pyplot")
    package.pyplot = pyplot  # type: ignore[attr-defined]
    sys.modules["matplotlib"] = package
    sys.modules["matplotlib.pyplot"] = pyplot


_stand_in_for_matplotlib()

import mediapipe  # noqa: E402
from mediapipe.tasks.python import BaseOptions, vision  # noqa: E402

__all__ = ["mediapipe", "BaseOptions", "vision"]
