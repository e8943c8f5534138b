"""ONNX export: the contract's inputs, outputs and metadata, and torch == onnxruntime."""

import json

import numpy as np
import onnx
import onnxruntime as ort
import pytest
import torch

from signcore import contract
from signcore.errors import InputError
from signcore.layout import LAYOUT_VERSION
from trainer.export import check_trial_run, example_inputs, export_onnx, require_runtime_support
from trainer.model import CONFIGS, PoseEncoder


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """A freshly initialised default model, its checkpoint and its ONNX export (exporting takes ~10 s)."""
    folder = tmp_path_factory.mktemp("export")
    torch.manual_seed(0)
    model = PoseEncoder(CONFIGS["default"]).eval()
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
