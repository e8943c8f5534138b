"""Export a training checkpoint to the encoder ONNX contract (:mod:`signcore.contract`).

``python -m trainer export --checkpoint runs/NAME/best.pt --out models/encoder.onnx``
``python -m trainer export --weights-of models/encoder.onnx --out new.onnx``: this version's graph around an
exported file's weights (:func:`weights_from_onnx`), when its checkpoint is gone.

The file is written atomically, and only if the app's pinned onnxruntime can run it: ONNX IR version and
opset within :mod:`signcore.contract`'s, and the same embeddings as torch on a one-frame and a longer clip
run by the installed onnxruntime (the lock's version).
"""

from __future__ import annotations

import argparse
import itertools
import json
import pickle
from pathlib import Path

import numpy as np
import onnx
import torch
from google.protobuf.message import DecodeError
from onnx import numpy_helper

from signcore import contract
from signcore.errors import InputError
from signcore.files import write_atomically
from signcore.layout import N_DIMS, N_POINTS
from signcore.onnx_runtime import ort
from trainer.model import ModelConfig, PoseEncoder

# Largest difference from torch accepted in the trial run (float32 rounding is ~1e-7).
TRIAL_TOLERANCE = 1e-4


def load_checkpoint(path: str | Path) -> tuple[PoseEncoder, dict]:
    """The model (in eval mode) and the checkpoint dict; InputError for a missing or foreign file."""
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "checkpoint not found")
    try:
        checkpoint = torch.load(path, map_location="cpu", weights_only=True)
        model = PoseEncoder(ModelConfig.from_dict(checkpoint["model_config"]))
        model.load_state_dict(checkpoint["model"])
    except (KeyError, TypeError, RuntimeError, EOFError, ValueError, pickle.UnpicklingError) as error:
        raise InputError(path, f"not a checkpoint written by `python -m trainer train` ({error})") from error
    return model.eval(), checkpoint


def example_inputs(batch: int = 2, frames: int = 17) -> tuple[torch.Tensor, ...]:
    generator = torch.Generator().manual_seed(0)
    points = torch.rand(batch, frames, N_POINTS, N_DIMS, generator=generator) * 500
    mask = (torch.rand(batch, frames, N_POINTS, generator=generator) > 0.2).float()
    timestamps = torch.arange(frames, dtype=torch.float32).expand(batch, frames) / 30
    return points, mask, timestamps, torch.ones(batch, frames)


def weights_from_onnx(path: str | Path) -> tuple[PoseEncoder, dict]:
    """The model (in eval mode) whose weights an exported encoder carries, and a checkpoint dict of its
    metadata: the file's initializers keep the parameters' names, but for the matrices the exporter
    transposed and the first layer's bias it doubled (:meth:`PoseEncoder.project_frames`); those are matched
    by shape, and where two fit, by trying: the choice whose embeddings equal the file's own (onnxruntime).
    Parameters of equal values (untrained layer norms) share one initializer, which is not told apart.
    InputError for a file that is not an encoder or whose weights cannot be matched."""
    path = Path(path)
    try:
        proto = onnx.load(str(path))
        metadata = {entry.key: entry.value for entry in proto.metadata_props}
        config = json.loads(metadata["config"])
        model = PoseEncoder(ModelConfig.from_dict(config["model"])).eval()
    except (OSError, KeyError, ValueError, DecodeError) as error:
        raise InputError(path, f"not an encoder written by `python -m trainer export` ({error})") from error
    stored = {i.name: torch.from_numpy(numpy_helper.to_array(i).copy()) for i in proto.graph.initializer}
    wanted = model.state_dict()
    found = {
        name: stored[name] for name in wanted if name in stored and stored[name].shape == wanted[name].shape
    }
    others = [tensor for name, tensor in stored.items() if name not in wanted]
    if "project.bias" not in found:
        bias = wanted["project.bias"]
        doubled = [
            t for t in others if t.shape == (2 * len(bias),) and torch.equal(t[: len(bias)], t[len(bias) :])
        ]
        if doubled:
            found["project.bias"] = doubled[0][: len(bias)]
    missing = [name for name in wanted if name not in found]
    candidates = [
        [t.T for t in others if t.dim() == 2 and t.T.shape == wanted[name].shape] for name in missing
    ]
    inputs = example_inputs()
    expected = embedded_by(runtime_session(proto), inputs)
    for choice in itertools.product(*candidates):
        if len({id(t) for t in choice}) < len(choice):
            continue  # one initializer for two parameters
        model.load_state_dict(found | {name: t.contiguous() for name, t in zip(missing, choice, strict=True)})
        with torch.no_grad():
            if np.abs(model(*inputs).numpy() - expected).max() <= TRIAL_TOLERANCE:
                saved = {
                    "train_config": config.get("training", {}),
                    "training_data": metadata.get("training_data", ""),
                    "metrics": json.loads(metadata.get("metrics", "{}")),
                }
                return model, saved
    raise InputError(path, "its weights do not fit this version's encoder (another architecture?)")


def export_onnx(checkpoint: str | Path, path: str | Path) -> Path:
    """Write the checkpoint's model as an ONNX encoder at ``path`` (atomically); returns the path."""
    return export_model(*load_checkpoint(checkpoint), path)


def export_model(model: PoseEncoder, saved: dict, path: str | Path) -> Path:
    """Write ``model`` (in eval mode) as an ONNX encoder at ``path`` (atomically), its metadata from the
    checkpoint dict ``saved``; returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    dynamic = dict(enumerate(torch.export.Dim(axis) for axis in contract.DYNAMIC_AXES))
    dynamic_shapes = dict.fromkeys(contract.INPUT_NAMES, dynamic)
    with torch.no_grad():
        program = torch.onnx.export(
            model,
            example_inputs(),
            dynamo=True,
            dynamic_shapes=dynamic_shapes,
            input_names=list(contract.INPUT_NAMES),
            output_names=[contract.OUTPUT_NAME],
            opset_version=contract.OPSET,
            external_data=False,
            verbose=False,
        )
    if program is None:  # only the legacy (non-dynamo) exporter returns nothing
        raise RuntimeError("torch.onnx.export returned no ONNX program")
    proto = program.model_proto
    metadata = contract.metadata(
        embedding_size=model.config.embedding_size,
        config={"model": model.config.to_dict(), "training": saved.get("train_config", {})},
        training_data=saved.get("training_data", ""),
        metrics=saved.get("metrics", {}),
    )
    del proto.metadata_props[:]
    for key, value in metadata.items():
        proto.metadata_props.add(key=key, value=value)
    onnx.checker.check_model(proto)
    require_runtime_support(proto)
    check_trial_run(model, proto)
    write_atomically(path, lambda temporary: onnx.save_model(proto, temporary))
    return path


def require_runtime_support(proto: onnx.ModelProto) -> None:
    """RuntimeError unless the app's onnxruntime can load ``proto``: a newer torch must not make the app
    need a newer, larger onnxruntime without anyone noticing."""
    own_functions = {function.domain for function in proto.functions}
    opsets = {entry.domain: entry.version for entry in proto.opset_import}
    foreign = sorted(domain for domain in opsets if domain not in ("", "ai.onnx", *own_functions))
    opset = max(opsets.get("", 0), opsets.get("ai.onnx", 0))
    if proto.ir_version > contract.IR_VERSION or opset > contract.OPSET or foreign:
        raise RuntimeError(
            f"the exported graph has ONNX IR version {proto.ir_version}, opset {opset}"
            + (f" and operators from {', '.join(foreign)}" if foreign else "")
            + f"; the app's onnxruntime reads IR version {contract.IR_VERSION}, opset {contract.OPSET} "
            "(signcore.contract): export with an exporter that writes those"
        )


def check_trial_run(model: PoseEncoder, proto: onnx.ModelProto) -> None:
    """RuntimeError unless the installed onnxruntime gives torch's embeddings on a one-frame clip and a
    longer one (older runtimes fail on shapes newer ones accept, e.g. empty tensors)."""
    session = runtime_session(proto)
    for frames in (1, 17):
        inputs, clip = example_inputs(frames=frames), f"a {frames}-frame clip"
        with torch.no_grad():
            expected = model(*inputs).numpy()
        try:
            actual = embedded_by(session, inputs)
        except Exception as error:  # onnxruntime raises its own exception types
            reason = str(error).splitlines()[0]
            raise RuntimeError(f"onnxruntime {ort.__version__} fails on {clip}: {reason}") from error
        difference = float(np.abs(actual - expected).max())
        if difference > TRIAL_TOLERANCE:
            raise RuntimeError(
                f"onnxruntime {ort.__version__} differs from torch by {difference:.1e} on {clip}"
            )


def runtime_session(proto: onnx.ModelProto) -> ort.InferenceSession:
    """``proto`` loaded by the installed onnxruntime, on the CPU as the app runs it."""
    return ort.InferenceSession(proto.SerializeToString(), providers=["CPUExecutionProvider"])


def embedded_by(session: ort.InferenceSession, inputs: tuple[torch.Tensor, ...]) -> np.ndarray:
    """The embeddings ``session`` gives for the encoder's ``inputs`` (:func:`example_inputs`)."""
    feed = {name: x.numpy() for name, x in zip(contract.INPUT_NAMES, inputs, strict=True)}
    (embeddings,) = session.run([contract.OUTPUT_NAME], feed)
    return np.asarray(embeddings)


def configure(parser: argparse.ArgumentParser) -> None:
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--checkpoint", help="a .pt file written by `python -m trainer train`")
    source.add_argument(
        "--weights-of",
        metavar="ONNX",
        help="an exported encoder whose weights to export again (no checkpoint)",
    )
    parser.add_argument("--out", default="models/encoder.onnx", help="ONNX file to write")


def run(args: argparse.Namespace) -> int:
    if args.checkpoint:
        path = export_onnx(args.checkpoint, args.out)
    else:
        path = export_model(*weights_from_onnx(args.weights_of), args.out)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0
