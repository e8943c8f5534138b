"""Export a training checkpoint to the encoder ONNX contract (:mod:`signcore.contract`).

``python -m trainer export --checkpoint runs/NAME/best.pt --out models/encoder.onnx``

The file is written atomically, and only if the app's pinned onnxruntime can run it: ONNX IR version and
opset within :mod:`signcore.contract`'s, and the same embeddings as torch on a one-frame and a longer clip
run by the installed onnxruntime (the lock's version).
"""

from __future__ import annotations

import argparse
import pickle
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import torch

from signcore import contract
from signcore.errors import InputError
from signcore.files import write_atomically
from signcore.layout import N_DIMS, N_POINTS
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


def export_onnx(checkpoint: str | Path, path: str | Path) -> Path:
    """Write the checkpoint's model as an ONNX encoder at ``path`` (atomically); returns the path."""
    model, saved = load_checkpoint(checkpoint)
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
    session = ort.InferenceSession(proto.SerializeToString(), providers=["CPUExecutionProvider"])
    for frames in (1, 17):
        inputs, clip = example_inputs(frames=frames), f"a {frames}-frame clip"
        with torch.no_grad():
            expected = model(*inputs).numpy()
        feed = {name: x.numpy() for name, x in zip(contract.INPUT_NAMES, inputs, strict=True)}
        try:
            (actual,) = session.run([contract.OUTPUT_NAME], feed)
        except Exception as error:  # onnxruntime raises its own exception types
            reason = str(error).splitlines()[0]
            raise RuntimeError(f"onnxruntime {ort.__version__} fails on {clip}: {reason}") from error
        difference = float(np.abs(actual - expected).max())
        if difference > TRIAL_TOLERANCE:
            raise RuntimeError(
                f"onnxruntime {ort.__version__} differs from torch by {difference:.1e} on {clip}"
            )


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--checkpoint", required=True, help="a .pt file written by `python -m trainer train`")
    parser.add_argument("--out", default="models/encoder.onnx", help="ONNX file to write")


def run(args: argparse.Namespace) -> int:
    path = export_onnx(args.checkpoint, args.out)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0
