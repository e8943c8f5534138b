"""Export a training checkpoint to the encoder ONNX contract (:mod:`signcore.contract`).

``python -m trainer export --checkpoint runs/NAME/best.pt --out models/encoder.onnx``

The file is written atomically.
"""

from __future__ import annotations

import argparse
import pickle
from pathlib import Path

import onnx
import torch

from signcore import contract
from signcore.errors import InputError
from signcore.files import write_atomically
from signcore.layout import N_DIMS, N_POINTS
from trainer.model import ModelConfig, PoseEncoder

OPSET = 18


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
            opset_version=OPSET,
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
    write_atomically(path, lambda temporary: onnx.save_model(proto, temporary))
    return path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--checkpoint", required=True, help="a .pt file written by `python -m trainer train`")
    parser.add_argument("--out", default="models/encoder.onnx", help="ONNX file to write")


def run(args: argparse.Namespace) -> int:
    path = export_onnx(args.checkpoint, args.out)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0
