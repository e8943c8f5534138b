"""signcore.mediapipe_import: MediaPipe imported without loading matplotlib, which stays importable."""

import subprocess
import sys

import pytest

from tests.support import REPO


@pytest.mark.slow
def test_mediapipe_is_imported_without_matplotlib_which_others_still_get():
    pytest.importorskip("matplotlib")  # installed: run from source with the development tools
    script = """
import sys
from signcore.mediapipe_import import vision
assert hasattr(vision, "HolisticLandmarker")
print("loaded with mediapipe:", "matplotlib" in sys.modules)
import matplotlib.pyplot
print("real one for others:", hasattr(matplotlib.pyplot, "figure"))
"""
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "loaded with mediapipe: False" in result.stdout
    assert "real one for others: True" in result.stdout
