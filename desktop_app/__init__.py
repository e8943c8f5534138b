"""The desktop practice app (PySide6). Never imports torch: the encoder runs with onnxruntime."""

import os

# One thread for numpy's OpenBLAS, set before numpy loads (cv2 loads it). The app's matrix products are
# small, the second core belongs to MediaPipe, and OpenBLAS's helper threads spin on a core after each
# product: on a busy two-core machine that made scoring an attempt take two to three times longer.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import cv2  # noqa: E402, F401  (imported first on purpose, see below)


def _forget_opencv_qt_plugins() -> None:
    """opencv-python sets QT_QPA_PLATFORM_PLUGIN_PATH (and a font folder) to its OWN bundled Qt when it is
    imported. PySide6 would then load platform plugins built for another Qt and fail (or crash). The app
    uses PySide6's own plugins, so these variables are removed whenever they point inside the cv2 package."""
    cv2_folder = os.path.dirname(cv2.__file__)
    for name in ("QT_QPA_PLATFORM_PLUGIN_PATH", "QT_QPA_FONTDIR", "QT_PLUGIN_PATH"):
        if os.environ.get(name, "").startswith(cv2_folder):
            del os.environ[name]


_forget_opencv_qt_plugins()
