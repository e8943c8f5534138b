"""ONNX export: the contract's inputs, outputs and metadata, and torch == onnxruntime."""

import json

import numpy as np
import onnx
import onnxruntime as ort
import pytest
import torch

from signcore import contract
from signcore.encoder import pad_batch
from signcore.errors import InputError
from signcore.layout import LAYOUT_VERSION, PoseSequence
from tests.trainer.test_model import standing_signer, with_left_hand_still
from trainer.__main__ import main
from trainer.export import (
    check_trial_run,
    example_inputs,
    export_onnx,
    require_runtime_support,
    weights_from_onnx,
)
from trainer.model import CONFIGS, PoseEncoder


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """A freshly initialised default model, its checkpoint and its ONNX export (exporting takes ~10 s)."""
    folder = tmp_path_factory.mktemp("export")
    torch.manual_seed(0)
    model = PoseEncoder(CONFIGS["default"]).eval()
    with torch.no_grad():  # as after training, no two parameters equal (the exporter would keep one)
        for parameter in model.parameters():
            parameter.add_(torch.randn_like(parameter) * 0.01)
    checkpoint = folder / "model.pt"
    torch.save(
        {
            "model": model.state_dict(),
            "model_config": model.config.to_dict(),
            "train_config": {"steps": 0},
            "training_data": "none (untrained, for the test)",
            "metrics": {"val_top1": 0.5},
        },
        checkpoint,
    )
    return model, export_onnx(checkpoint, folder / "encoder.onnx")


@pytest.mark.slow
@pytest.mark.parametrize("frames", [1, 17, 100, 300])
def test_onnx_matches_torch(exported, frames):
    model, path = exported
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    inputs = [tensor.numpy() for tensor in example_inputs(batch=3, frames=frames)]
    inputs[3][1, (frames + 1) // 2 :] = 0  # the second clip is shorter: padding
    expected = model(*(torch.from_numpy(x) for x in inputs)).detach().numpy()
    (actual,) = session.run([contract.OUTPUT_NAME], dict(zip(contract.INPUT_NAMES, inputs, strict=True)))
    assert actual.shape == (3, CONFIGS["default"].embedding_size)
    assert np.abs(actual - expected).max() < 1e-4


@pytest.mark.slow
def test_onnx_matches_torch_whether_or_not_a_free_hand_is_found_still(exported):
    """The graph runs the still hand's near test only when a hand is found still (torch.cond, an ONNX If):
    torch's embeddings both ways, alone and in one batch (the trial run's random clips take one way)."""
    model, path = exported
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    points, mask = standing_signer(7, [1.8, 1.8, 0.4, 0.2, 0.6, 1.8, 1.8])
    still = PoseSequence(*with_left_hand_still(points, mask), np.arange(7.0))
    touched = PoseSequence(
        *with_left_hand_still(*standing_signer(5, [0.4, 0.8, 1.0, 0.7, 0.5]), x=0.0), np.arange(5.0)
    )
    moving = PoseSequence(points, mask, np.arange(7.0))
    for clips in ([still], [touched], [moving], [moving, still, touched]):
        inputs = pad_batch(clips)
        with torch.no_grad():
            expected = model(*(torch.from_numpy(inputs[name]) for name in contract.INPUT_NAMES)).numpy()
        (actual,) = session.run([contract.OUTPUT_NAME], inputs)
        assert np.abs(actual - expected).max() < 1e-5


@pytest.mark.slow
def test_an_exported_files_weights_are_read_back_exactly_and_exported_again(exported, tmp_path):
    """``export --weights-of FILE``: the weights of an exported file (its checkpoint gone) around this
    version's graph; every parameter read back exactly, the metadata kept."""
    model, path = exported
    read, saved = weights_from_onnx(path)
    for name, tensor in model.state_dict().items():
        assert torch.equal(read.state_dict()[name], tensor), name
    assert saved == {
        "train_config": {"steps": 0},
        "training_data": "none (untrained, for the test)",
        "metrics": {"val_top1": 0.5},
    }
    again = tmp_path / "again.onnx"
    assert main(["export", "--weights-of", str(path), "--out", str(again)]) == 0
    metadata = {entry.key: entry.value for entry in onnx.load(str(again)).metadata_props}
    assert metadata == {entry.key: entry.value for entry in onnx.load(str(path)).metadata_props}
    not_onnx = tmp_path / "notes.onnx"
    not_onnx.write_text("not a model", encoding="utf-8")
    with pytest.raises(InputError, match="notes.onnx"):
        weights_from_onnx(not_onnx)


def test_contract_and_metadata(exported):
    _, path = exported
    proto = onnx.load(str(path))
    inputs = {i.name: i for i in proto.graph.input}
    assert list(inputs) == list(contract.INPUT_NAMES)
    for name, tensor in inputs.items():
        assert tensor.type.tensor_type.elem_type == onnx.TensorProto.FLOAT
        batch, frames, *tail = tensor.type.tensor_type.shape.dim
        assert batch.dim_param and frames.dim_param  # dynamic, not fixed sizes
        assert tuple(dim.dim_value for dim in tail) == contract.INPUTS[name]
    assert [o.name for o in proto.graph.output] == [contract.OUTPUT_NAME]
    metadata = {p.key: p.value for p in proto.metadata_props}
    assert sorted(metadata) == sorted(contract.METADATA_KEYS)
    assert metadata["layout_version"] == str(LAYOUT_VERSION)
    assert metadata["embedding_size"] == str(CONFIGS["default"].embedding_size)
    assert metadata["distance"] == contract.DISTANCE
    assert json.loads(metadata["config"])["model"] == CONFIGS["default"].to_dict()
    assert json.loads(metadata["metrics"]) == {"val_top1": 0.5}
    assert metadata["training_data"].startswith("none")
    assert proto.ir_version <= contract.IR_VERSION
    assert [(entry.domain, entry.version) for entry in proto.opset_import] == [("", contract.OPSET)]


def test_a_graph_the_apps_onnxruntime_cannot_run_is_not_written(exported):
    model, path = exported
    proto = onnx.load(str(path))
    require_runtime_support(proto)
    check_trial_run(model, proto)
    newer_ir, newer_opset = onnx.load(str(path)), onnx.load(str(path))
    newer_ir.ir_version = contract.IR_VERSION + 1
    newer_opset.opset_import[0].version = 22  # onnxruntime 1.20 reads up to 21
    for newer, problem in ((newer_ir, f"IR version {contract.IR_VERSION + 1}"), (newer_opset, "opset 22")):
        with pytest.raises(RuntimeError, match=problem):
            require_runtime_support(newer)
    other = PoseEncoder(CONFIGS["default"]).eval()  # other weights: other embeddings than the graph's
    with pytest.raises(RuntimeError, match="differs from torch"):
        check_trial_run(other, proto)


def test_a_bad_checkpoint_is_reported_by_name(tmp_path):
    with pytest.raises(InputError, match="not found"):
        export_onnx(tmp_path / "missing.pt", tmp_path / "out.onnx")
    bogus = tmp_path / "bogus.pt"
    torch.save({"weights": 1}, bogus)
    with pytest.raises(InputError, match="bogus.pt: not a checkpoint"):
        export_onnx(bogus, tmp_path / "out.onnx")
    garbage = tmp_path / "garbage.pt"
    garbage.write_bytes(b"not a checkpoint at all")
    with pytest.raises(InputError, match="garbage.pt: not a checkpoint"):
        export_onnx(garbage, tmp_path / "out.onnx")
    assert not (tmp_path / "out.onnx").exists()
