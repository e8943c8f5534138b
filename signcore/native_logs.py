"""Keep the native libraries' log lines off the terminal, unless asked for (``--verbose``).

MediaPipe (absl logging), TensorFlow Lite, OpenCV/FFmpeg and Qt write their messages straight to file
descriptor 2 from C++, e.g. "Created TensorFlow Lite XNNPACK delegate for CPU" and one "Feedback manager
requires a model with a single signature inference" per graph: 11 such lines for one 2-second video, over a
thousand for a folder of videos. Neither GLOG_minloglevel nor TF_CPP_MIN_LOG_LEVEL changes that (measured: 12
lines on stderr with and without them; MediaPipe 1.x logs through absl, which reads no environment variable),
and libmediapipe's C API can only add a log sink, not remove the one that prints.

So :func:`native_logs_quieted` moves descriptor 2 itself: native code (and worker processes started meanwhile,
which inherit it) writes to a log file or to the null device, while Python's ``sys.stderr`` keeps the original
destination, so tracebacks, warnings, progress bars and the app's own messages still show.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

STDERR_FD = 2


def _writes_to_stderr_fd(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.fileno() == STDERR_FD
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):  # a capture buffer, a closed file
        return False


@contextlib.contextmanager
def native_logs_quieted(verbose: bool = False, log_path: str | Path | None = None) -> Iterator[Path | None]:
    """Within the block, what native code writes to stderr goes to ``log_path`` (rewritten each time; None:
    nowhere). Yields where it goes, or None when nothing was changed (``verbose``, or no stderr at all, as in
    a windowed app on Windows)."""
    if verbose:
        yield None
        return
    try:
        original = os.dup(STDERR_FD)
    except OSError:  # no descriptor 2 (a windowed app): nothing to keep quiet
        yield None
        return
    target = Path(log_path) if log_path is not None else Path(os.devnull)
    try:
        # O_APPEND: worker processes inherit the descriptor and each line lands whole after the others
        sink = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND, 0o644)
    except OSError:  # e.g. a read-only data folder: better noisy than failing
        os.close(original)
        yield None
        return
    python_stderr = sys.stderr
    if _writes_to_stderr_fd(python_stderr):
        python_stderr.flush()
        sys.stderr = open(  # noqa: SIM115 (closed below, after descriptor 2 is back)
            original,
            "w",
            buffering=1,
            encoding=python_stderr.encoding,
            errors="backslashreplace",
            closefd=False,
        )
    os.dup2(sink, STDERR_FD)
    os.close(sink)
    try:
        yield target
    finally:
        if sys.stderr is not python_stderr:
            sys.stderr.flush()
            sys.stderr.close()
            sys.stderr = python_stderr
        os.dup2(original, STDERR_FD)
        os.close(original)
