"""Run an exported pose encoder (``models/encoder.onnx``) with ONNX Runtime: no torch needed.

    encoder = Encoder()                      # the shipped model; Encoder(path) for another one
    vector = encoder.embed(pose)             # (D,) float32
    matrix = encoder.embed_many(poses)       # (N, D), padded batches
    encoder.model_hash                       # sha256 of the file: keys cached embeddings

Distances between embeddings are Euclidean. The model normalises the landmarks itself, so poses go in raw.
Anything wrong with the file (missing, not ONNX, other inputs, other layout version) raises
:class:`signcore.errors.ModelError` naming the file and the problem.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from signcore import contract
from signcore.contract import OUTPUT_NAME
from signcore.errors import InputError, ModelError
from signcore.layout import LAYOUT_VERSION, PoseSequence
from signcore.onnx_runtime import ort
from signcore.paths import models_dir
from signcore.words import counted

DEFAULT_MODEL_NAME = "encoder.onnx"
# Longer clips are thinned to this many frames before embedding. Attention memory grows with the square of
# the frames (a 6,000-frame clip took 3 GB), and no sign is that long: the app cuts attempts at 8 s, training
# clips have at most ~100 frames. A whole lesson imported by mistake must not take the app down.
MAX_FRAMES = 512
# ONNX files are protocol buffers, which cannot be larger than 2 GiB: a bigger file (a video chosen by
# mistake) is refused before it is read into memory.
MAX_MODEL_BYTES = 2**31


def default_model_path() -> Path:
    return models_dir() / DEFAULT_MODEL_NAME


class Encoder:
    """An ONNX pose encoder, checked against the contract when it is loaded."""

    def __init__(self, path: str | Path | None = None, threads: int = 1):
        self.path = Path(path) if path is not None else default_model_path()
        if not self.path.is_file():
            raise ModelError(self.path, "encoder model not found")
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 4  # fatal only: ONNX Runtime's warnings and errors are not for learners
        try:
            if self.path.stat().st_size > MAX_MODEL_BYTES:
                raise ModelError(self.path, "not an encoder model: larger than any ONNX model can be")
            # One read: the session and the hash come from the same bytes even if the file is replaced
            # meanwhile (a new export copied over it), so cached embeddings never go to the wrong model.
            model = self.path.read_bytes()
        except OSError as error:
            raise ModelError(self.path, f"cannot read the model file ({error.strerror or error})") from error
        try:
            self._session = ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
        except Exception as error:  # onnxruntime raises its own exception types for unreadable models
            # ONNX Runtime's own words ("[ONNXRuntimeError] : 7 : INVALID_PROTOBUF…") stay in the cause.
            problem = "not a usable ONNX model (the file is damaged, or is not a model the trainer exported)"
            raise ModelError(self.path, problem) from error
        # ONNX Runtime keeps the memory a run needed for the next runs (its arena): fast for attempts, one
        # clip at a time, but after batches of long clips (embedding an imported lesson) it kept 460-600 MB
        # for the rest of the session. The last run of a call with several clips gives back what is unused
        # (~80 MB stay), at no cost in speed.
        self._release_arena = ort.RunOptions()
        self._release_arena.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")
        self._check_signature()
        self.metadata = dict(self._session.get_modelmeta().custom_metadata_map)
        self._check_metadata()
        self.embedding_size = int(self.metadata["embedding_size"])
        self.config = json.loads(self.metadata["config"])
        self.metrics = json.loads(self.metadata["metrics"])
        self.model_hash = hashlib.sha256(model).hexdigest()
        self._check_trial_run()

    def _check_signature(self) -> None:
        inputs = {arg.name: arg for arg in self._session.get_inputs()}
        if set(inputs) != set(contract.INPUTS):
            raise ModelError(
                self.path,
                f"the model's inputs are {sorted(inputs)}; an encoder takes {sorted(contract.INPUTS)}",
            )
        for name, tail in contract.INPUTS.items():
            shape, kind = inputs[name].shape, inputs[name].type
            if kind != contract.ONNX_TYPE or len(shape) != 2 + len(tail) or tuple(shape[2:]) != tail:
                raise ModelError(
                    self.path, f"input {name!r} is {kind} {shape}; expected float32 (batch, frames, {tail})"
                )
            # A fixed size (an int; a free one is a name or None) would pass the trial run and fail on the
            # first attempt or reference clip of another length.
            for axis, size in zip(("clip", "frame"), shape[:2], strict=True):
                if isinstance(size, int):
                    raise ModelError(
                        self.path,
                        f"input {name!r} takes exactly {counted(size, axis)}; an encoder takes any number",
                    )
        outputs = [arg.name for arg in self._session.get_outputs()]
        if outputs != [OUTPUT_NAME]:
            raise ModelError(
                self.path, f"the model's outputs are {outputs}; an encoder has only {OUTPUT_NAME!r}"
            )

    def _check_metadata(self) -> None:
        missing = [key for key in contract.METADATA_KEYS if key not in self.metadata]
        if missing:
            raise ModelError(
                self.path, f"not an exported pose encoder: metadata {', '.join(missing)} missing"
            )
        if self.metadata["layout_version"] != str(LAYOUT_VERSION):
            raise ModelError(
                self.path,
                f"made for landmark layout version {self.metadata['layout_version']}, but this app uses "
                f"version {LAYOUT_VERSION}; use an encoder exported for this version",
            )
        if self.metadata["distance"] != contract.DISTANCE:
            raise ModelError(self.path, f"unsupported embedding distance {self.metadata['distance']!r}")
        try:
            json.loads(self.metadata["config"]), json.loads(self.metadata["metrics"])
            int(self.metadata["embedding_size"])
        except (ValueError, RecursionError) as error:  # RecursionError: JSON nested thousands deep
            raise ModelError(self.path, f"corrupt metadata ({error})") from error

    def _check_trial_run(self) -> None:
        """Run the model once on a blank two-frame clip (~1 ms): a model that fails when run, or whose
        embeddings do not have the size its metadata promises, is refused now, not at every attempt."""
        try:
            output = self._session.run([OUTPUT_NAME], pad_batch([PoseSequence.empty(2)]))[0]
        except Exception as error:  # onnxruntime raises its own exception types
            raise ModelError(self.path, f"the model fails when run ({str(error).splitlines()[0]})") from error
        if output.shape != (1, self.embedding_size):
            raise ModelError(
                self.path,
                f"the model gives embeddings of shape {output.shape[1:]}, but its metadata says "
                f"{self.embedding_size} values",
            )
        if not np.isfinite(output).all():  # NaN distances would make every score NaN
            raise ModelError(self.path, "the model gives embeddings that are not numbers (NaN or infinite)")

    def embed(self, pose: PoseSequence) -> np.ndarray:
        """(D,) embedding of one clip."""
        vectors = self.embed_many([pose], batch_size=1)
        return vectors.reshape(-1)

    def embed_many(self, poses: Sequence[PoseSequence], batch_size: int = 32) -> np.ndarray:
        """(N, D) embeddings; clips of similar length are batched together to keep padding small."""
        embeddings = np.zeros((len(poses), self.embedding_size), np.float32)
        for index, pose in enumerate(poses):
            if len(pose) == 0:
                path = pose.meta.get("path")
                where = path if isinstance(path, str | Path) else None
                raise InputError(where, f"clip {index} has no frames: nothing to compare")
        poses = [thinned(pose) for pose in poses]
        order = sorted(range(len(poses)), key=lambda i: len(poses[i]))
        batches = [order[start : start + batch_size] for start in range(0, len(order), max(1, batch_size))]
        for number, chosen in enumerate(batches, 1):
            release = number == len(batches) and len(poses) > 1
            inputs = pad_batch([poses[i] for i in chosen])
            run_options = self._release_arena if release else None
            embeddings[chosen] = self._session.run([OUTPUT_NAME], inputs, run_options)[0]
        return embeddings


def thinned(pose: PoseSequence) -> PoseSequence:
    """``pose``, or for a clip longer than ``MAX_FRAMES`` frames, that many of its frames evenly spread
    over its duration (first and last kept; the model reads their timestamps)."""
    if len(pose) <= MAX_FRAMES:
        return pose
    return pose.frames(np.linspace(0, len(pose) - 1, MAX_FRAMES).round().astype(int))


def pad_batch(poses: Sequence[PoseSequence]) -> dict[str, np.ndarray]:
    """The encoder's inputs for a list of clips, padded to the longest (``valid`` marks real frames)."""
    frames = max(len(pose) for pose in poses)
    inputs = {
        name: np.zeros((len(poses), frames, *tail), contract.DTYPE) for name, tail in contract.INPUTS.items()
    }
    for row, pose in enumerate(poses):
        n = len(pose)
        inputs["points"][row, :n], inputs["mask"][row, :n] = pose.points, pose.mask
        inputs["timestamps"][row, :n] = pose.timestamps - (pose.timestamps[0] if n else 0.0)
        inputs["valid"][row, :n] = 1.0
    return inputs
