"""THE encoder ONNX contract: what ``trainer/export.py`` writes and :class:`signcore.encoder.Encoder` accepts.

It is the only thing that must match between the trainer and the app, so both import it from here:

* inputs, all float32 with a dynamic batch (B) and frame (T) axis first: ``points`` (B, T, 75, 3) raw
  canonical landmarks in pixels, ``mask`` (B, T, 75) 1 = point detected, ``timestamps`` (B, T) seconds from
  the clip's first frame, ``valid`` (B, T) 1 = real frame, 0 = batch padding;
* output ``embedding`` (B, D) float32; distances between embeddings are Euclidean;
* ONNX metadata (``metadata_props``) :data:`METADATA_KEYS`, all strings; ``layout_version`` must equal
  :data:`signcore.layout.LAYOUT_VERSION`;
* at most ONNX IR version :data:`IR_VERSION` and opset :data:`OPSET`, which the app's pinned onnxruntime
  (requirements/lock.txt) reads.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from signcore.layout import LAYOUT_VERSION, N_DIMS, N_POINTS

DTYPE = np.float32  # of every input and of the output
ONNX_TYPE = "tensor(float)"  # DTYPE as onnxruntime names it
DYNAMIC_AXES = ("batch", "frames")  # the first two axes of every input, any size
# Input name -> its shape after the dynamic axes, in the order the model takes them.
INPUTS: dict[str, tuple[int, ...]] = {
    "points": (N_POINTS, N_DIMS),
    "mask": (N_POINTS,),
    "timestamps": (),
    "valid": (),
}
INPUT_NAMES: tuple[str, ...] = tuple(INPUTS)
OUTPUT_NAME = "embedding"  # (batch, embedding size)
DISTANCE = "euclidean"
# onnxruntime 1.20 (pinned for the installer's size) reads up to IR version 10 and opset 21.
IR_VERSION = 10
OPSET = 18
METADATA_KEYS = ("layout_version", "embedding_size", "distance", "config", "training_data", "metrics")


def metadata(
    embedding_size: int, config: dict[str, Any], training_data: str, metrics: dict[str, Any]
) -> dict[str, str]:
    """The metadata an exported encoder carries (every one of :data:`METADATA_KEYS`, as strings)."""
    return {
        "layout_version": str(LAYOUT_VERSION),
        "embedding_size": str(embedding_size),
        "distance": DISTANCE,
        "config": json.dumps(config),
        "training_data": training_data,
        "metrics": json.dumps(metrics),
    }
