"""The desktop practice app (PySide6). Never imports torch: the encoder runs with onnxruntime."""

import ctypes
import os
import sys

import cv2  # noqa: F401  (imported first on purpose, see below)


def _forget_opencv_qt_plugins() -> None:
    """opencv-python sets QT_QPA_PLATFORM_PLUGIN_PATH (and a font folder) to its OWN bundled Qt when it is
    imported. PySide6 would then load platform plugins built for another Qt and fail (or crash). The app
    uses PySide6's own plugins, so these variables are removed whenever they point inside the cv2 package."""
    cv2_folder = os.path.dirname(cv2.__file__)
    for name in ("QT_QPA_PLATFORM_PLUGIN_PATH", "QT_QPA_FONTDIR", "QT_PLUGIN_PATH"):
        if os.environ.get(name, "").startswith(cv2_folder):
            del os.environ[name]


_forget_opencv_qt_plugins()


def _protect_singletons_from_pyside_refcount_bug() -> None:
    """PySide6 6.12.0 returns None from every void method (setText, drawLine, setX ...) and True from
    ``Signal.emit`` without taking a reference for it, so each call takes one of that object's references
    away. Before Python 3.12 these singletons are not immortal: after some tens of thousands of calls (about
    a minute of live camera view) a count reaches zero and CPython aborts ("Fatal Python error:
    none_dealloc" / "bool_dealloc"). PySide6 6.11 does not do this. Where the leak shows, None, True and
    False are given 2**48 extra references each: at a million calls a second, nine years."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    from PySide6.QtCore import QPointF

    point, before = QPointF(), sys.getrefcount(None)
    for _ in range(100):
        point.setX(1.0)
    if sys.getrefcount(None) < before - 50:
        for singleton in (None, True, False):
            ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 48  # ob_refcnt: PyObject's 1st field


_protect_singletons_from_pyside_refcount_bug()
