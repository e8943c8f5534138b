"""The app model imports no Qt: it can be used and tested where PySide6 is not even installed."""

import pkgutil
import subprocess
import sys

import pytest

import desktop_app.core
from tests.support import REPO


@pytest.mark.slow
def test_no_module_of_the_app_model_imports_qt():
    modules = [
        info.name for info in pkgutil.walk_packages(desktop_app.core.__path__, prefix="desktop_app.core.")
    ]
    assert {
        "desktop_app.core.collection.library",
        "desktop_app.core.shared.jobs",
        "desktop_app.core.judging.practice",
    } <= set(modules)
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "qt = sorted(name for name in sys.modules if name.split('.')[0] == 'PySide6')\n"
        "sys.exit(f'Qt was imported: {qt}' if qt else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
