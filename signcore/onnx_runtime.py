"""ONNX Runtime as the app and the trainer import it (``from signcore.onnx_runtime import ort``): with its
telemetry off and its own warnings unsaid.

From version 1.29, onnxruntime on Linux and macOS keeps a device id and an event store under the home folder
(``~/.cache/Microsoft/DeveloperTools/.onnxruntime``) and sends usage events to Microsoft, unless
``ORT_DISABLE_TELEMETRY`` is set when it is imported. Where the home folder cannot be written, it printed
"Failed to persist telemetry device ID; using an in-memory identifier" to the learner's terminal, before the
app's own "cannot start" sentence. A learner's practice is not Microsoft's to count: the variable is
set here, unless whoever runs it set it already ("0" turns it back on). The environment's warnings (a
session's are set per session) are for developers; its errors stay, and the encoder says them in plain
words (:class:`signcore.errors.ModelError`).
"""

from __future__ import annotations

import os

os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")  # read once, as onnxruntime is imported below

import onnxruntime as ort  # noqa: E402 (after the variable it reads)

ERRORS_ONLY = 3  # onnxruntime's severities: 0 verbose, 1 info, 2 warning, 3 error, 4 fatal
ort.set_default_logger_severity(ERRORS_ONLY)

__all__ = ["ort"]
