"""Export a training checkpoint to the encoder ONNX contract (see ARCHITECTURE.md).

``python -m trainer export --checkpoint runs/NAME/best.pt --out models/encoder.onnx``

Inputs ``points`` (B, T, 75, 3), ``mask`` (B, T, 75), ``timestamps`` (B, T), ``valid`` (B, T), all float32
with dynamic B and T; output ``embedding`` (B, D); metadata ``layout_version``, ``embedding_size``,
``distance``, ``config``, ``training_data``, ``metrics``. The file is written atomically.
"""

from __future__ import annotations

import argparse
import json
import pickle
from pathlib import Path

import onnx
import torch

from signcore.errors import InputError
from signcore.files import write_atomically
from signcore.layout import LAYOUT_VERSION, N_DIMS, N_POINTS
from trainer.model import ModelConfig, PoseEncoder

INPUT_NAMES = ("points", "mask", "timestamps", "valid")
OUTPUT_NAME = "embedding"
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
    batch, frames = torch.export.Dim("batch"), torch.export.Dim("frames")
    dynamic_shapes = {
        "points": {0: batch, 1: frames},
        "mask": {0: batch, 1: frames},
        "timestamps": {0: batch, 1: frames},
        "valid": {0: batch, 1: frames},
    }
    with torch.no_grad():
        program = torch.onnx.export(
            model,
            example_inputs(),
            dynamo=True,
            dynamic_shapes=dynamic_shapes,
            input_names=list(INPUT_NAMES),
            output_names=[OUTPUT_NAME],
            opset_version=OPSET,
            external_data=False,
            verbose=False,
        )
    proto = program.model_proto
    metadata = {
        "layout_version": str(LAYOUT_VERSION),
        "embedding_size": str(model.config.embedding_size),
        "distance": "euclidean",
        "config": json.dumps({"model": model.config.to_dict(), "training": saved.get("train_config", {})}),
        "training_data": saved.get("training_data", ""),
        "metrics": json.dumps(saved.get("metrics", {})),
    }
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
