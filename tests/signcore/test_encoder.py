"""signcore.encoder: the shipped ONNX encoder, batching, and clear errors for unusable model files."""

import hashlib
import sys

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper

from signcore import contract
from signcore.encoder import MAX_FRAMES, Encoder, default_model_path
from signcore.errors import InputError, ModelError
from signcore.formats import read_dgs_csv
from signcore.layout import PoseSequence
from signcore.native_memory import release_freed_memory
from tests.support import random_clip, shared_path


@pytest.fixture(scope="module")
def encoder():
    return Encoder()


def test_shipped_model_loads_with_its_metadata(encoder):
    assert encoder.path == default_model_path()
    assert encoder.model_hash == hashlib.sha256(default_model_path().read_bytes()).hexdigest()
    assert encoder.metadata["distance"] == "euclidean"
    assert encoder.embedding_size == encoder.config["model"]["embedding_size"]
    assert "dgs" in encoder.metadata["training_data"]


def test_embed_many_equals_embedding_one_by_one(encoder):
    rng = np.random.default_rng(0)
    clips = [random_clip(rng, frames, body=frames % 2 == 0) for frames in (5, 40, 1, 23, 64)]
    batched = encoder.embed_many(clips, batch_size=3)
    assert batched.shape == (5, encoder.embedding_size) and batched.dtype == np.float32
    single = np.stack([encoder.embed(clip) for clip in clips])
    np.testing.assert_allclose(batched, single, atol=1e-5)
    assert np.isfinite(batched).all()


def test_the_same_sign_is_closer_than_a_different_sign(encoder):
    """A real DGS clip is nearer to another clip of its word than to clips of another word (on average)."""
    words = {
        word: sorted(shared_path(f"data/dgs/3D_full/{word}").glob("*.csv"))[:6] for word in ("Haus", "ich")
    }
    embeddings = {word: encoder.embed_many([read_dgs_csv(p) for p in paths]) for word, paths in words.items()}
    same = np.linalg.norm(embeddings["Haus"][:3, None] - embeddings["Haus"][None, 3:], axis=-1).mean()
    other = np.linalg.norm(embeddings["Haus"][:, None] - embeddings["ich"][None], axis=-1).mean()
    assert same < other


def test_an_empty_clip_is_refused_with_a_message(encoder):
    with pytest.raises(InputError, match="no frames"):
        encoder.embed(PoseSequence.empty(0))


def _save_with_metadata(tmp_path, **changes):
    proto = onnx.load(str(default_model_path()))
    metadata = {p.key: p.value for p in proto.metadata_props} | changes
    del proto.metadata_props[:]
    for key, value in metadata.items():
        if value is not None:
            proto.metadata_props.add(key=key, value=value)
    path = tmp_path / "changed.onnx"
    onnx.save(proto, str(path))
    return path


def test_unusable_model_files_raise_model_error_naming_the_file(tmp_path):
    with pytest.raises(ModelError, match="missing.onnx: encoder model not found"):
        Encoder(tmp_path / "missing.onnx")

    garbage = tmp_path / "garbage.onnx"
    garbage.write_bytes(b"this is not a model")
    with pytest.raises(ModelError, match="garbage.onnx: not a usable ONNX model") as caught:
        Encoder(garbage)
    assert "ONNXRuntimeError" not in str(caught.value)  # ONNX Runtime's own words mean nothing to a learner

    with pytest.raises(ModelError, match="landmark layout version 999"):
        Encoder(_save_with_metadata(tmp_path, layout_version="999"))
    with pytest.raises(ModelError, match="metadata embedding_size missing"):
        Encoder(_save_with_metadata(tmp_path, embedding_size=None))

    for axis, words in ((0, "takes exactly 1 clip;"), (1, "takes exactly 2 frames;")):
        proto = onnx.load(str(default_model_path()))
        proto.graph.input[0].type.tensor_type.shape.dim[axis].dim_value = axis + 1  # a fixed size
        fixed = tmp_path / "fixed.onnx"
        onnx.save(proto, str(fixed))
        with pytest.raises(ModelError, match=f"fixed.onnx: input 'points' {words}"):
            Encoder(fixed)

    other = tmp_path / "other.onnx"
    graph = helper.make_graph(
        [helper.make_node("Identity", ["image"], ["embedding"])],
        "not-an-encoder",
        [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["batch", 3])],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", 3])],
    )
    opset = [helper.make_opsetid("", contract.OPSET)]
    onnx.save(helper.make_model(graph, opset_imports=opset, ir_version=contract.IR_VERSION), str(other))
    with pytest.raises(ModelError, match="other.onnx: the model's inputs are \\['image'\\]"):
        Encoder(other)


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="resident memory read from Linux's /proc")
def test_a_batch_of_long_clips_does_not_keep_its_memory():
    def resident_mb() -> float:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * 4096 / 2**20

    fresh = Encoder()  # a session of its own: its memory arena starts empty
    rng = np.random.default_rng(0)
    before = resident_mb()
    fresh.embed_many([random_clip(rng, MAX_FRAMES) for _ in range(32)])
    release_freed_memory()
    assert resident_mb() - before < 200  # 380-600 MB while ONNX Runtime's arena kept it
