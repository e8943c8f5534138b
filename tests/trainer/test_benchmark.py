"""Smoke tests of the benchmark's parts (the real run trains a model for minutes: not part of the suite)."""

import json
from dataclasses import replace

import numpy as np
import pytest

from signcore.encoder import Encoder, default_model_path
from signcore.formats import LabeledClip
from signcore.layout import N_POINTS, PoseSequence
from tests.support import shared_path
from trainer import benchmark
from trainer.__main__ import main
from trainer.config import TRAIN_CONFIGS
from trainer.model import ModelConfig, PoseEncoder

TINY = ModelConfig(d_model=16, n_heads=2, encoder_layers=1, ff_size=32, embedding_size=8)


def random_clip(frames, seed):
    rng = np.random.default_rng(seed)
    return PoseSequence(
        rng.random((frames, N_POINTS, 3)) * 400, np.ones((frames, N_POINTS), bool), np.arange(frames) / 30
    )


@pytest.fixture
def shipped_onnx():
    """The shipped encoder stands in for both models (exporting a fresh one takes a minute of CPU)."""
    if not default_model_path().is_file():
        pytest.skip("models/encoder.onnx has not been exported yet")
    return default_model_path()


def test_latency_is_measured_for_every_model_and_tabulated(shipped_onnx):
    clip = benchmark.clip_of_length(random_clip(7, 0), 100)
    assert len(clip) == 100
    speeds = benchmark.latency({"a": shipped_onnx, "b": shipped_onnx}, clip, rounds=5)
    assert set(speeds) == {"a", "b"}
    shipped = Encoder(shipped_onnx)
    architecture = PoseEncoder(ModelConfig.from_dict(shipped.config["model"]))
    assert benchmark.parameter_count(shipped) == sum(p.numel() for p in architecture.parameters())
    for timing in speeds.values():
        assert 0 < timing["median_ms"] <= timing["p90_ms"]
        timing["parameters"] = benchmark.parameter_count(shipped)
    table = benchmark.speed_table(speeds, 100)
    assert "| a |" in table and "1.00x" in table


def test_compare_times_encoder_files_side_by_side_and_writes_every_run(shipped_onnx, tmp_path):
    """``benchmark --compare``: the shipped encoder beside other files, on clips with and without a body
    and with a free hand held still, each the median of its runs, written as JSON."""
    clips = benchmark.timing_clips(shared_path("data"), 20)
    assert list(clips)[0] == "DGS (no body)" and list(clips)[-1] == "the same, a free hand held still"
    assert len(clips) == 3 and all(len(clip) == 20 for clip in clips.values())
    copy = tmp_path / "encoder.onnx"
    copy.write_bytes(shipped_onnx.read_bytes())
    out = tmp_path / "speed.json"
    args = ["--compare", str(copy), "--rounds", "2", "--runs", "2", "--frames", "20", "--json", str(out)]
    assert main(["benchmark", "--data", str(shared_path("data")), *args]) == 0
    written = json.loads(out.read_text(encoding="utf-8"))
    assert list(written["files"]) == ["shipped", str(copy)]  # the same file name: told apart by its path
    for by_model in written["speed"].values():
        for timing in by_model.values():
            assert len(timing["runs_ms"]) == 2 and timing["median_ms"] == pytest.approx(
                np.median(timing["runs_ms"])
            )
    table = benchmark.comparison_table(written["speed"], 20)
    assert "| DGS (no body) | shipped |" in table and "1.00x" in table


@pytest.mark.slow
def test_step_time_probe_runs_a_real_training_step():
    recipe = replace(TRAIN_CONFIGS["default"], model=TINY, classes_per_batch=2, clips_per_class=2)
    seconds = benchmark.seconds_per_step(recipe, [random_clip(12, i) for i in range(3)], repeats=1)
    assert 0 < seconds < 30


def test_a_cached_upstream_run_is_reused_without_training(shipped_onnx, tmp_path):
    recipe = benchmark.upstream_recipe({}, TINY)
    assert recipe.model == TINY and recipe.steps == TRAIN_CONFIGS["default"].steps
    run_dir = benchmark.upstream_run_dir(recipe, 3, tmp_path)
    run_dir.mkdir()
    (run_dir / "upstream.onnx").write_bytes(shipped_onnx.read_bytes())
    (run_dir / "benchmark.json").write_text(json.dumps({"steps": 7, "minutes": 2.5, "seconds_per_step": 1.0}))
    path, info = benchmark.trained_upstream(recipe, 3, tmp_path, tmp_path, probe_clips=[])
    assert path == run_dir / "upstream.onnx" and info["reused"] and info["steps"] == 7
    Encoder(path)  # a valid encoder


def test_unseen_traduttore_classes_follow_the_models_training_sources():
    glosses = [f"class{i:02d}" for i in range(12)]
    assert benchmark.unseen_traduttore_classes(glosses, {"sources": ["dgs"]}) == set(glosses)
    held_out = benchmark.unseen_traduttore_classes(glosses, {"sources": ["dgs", "traduttore"]})
    assert held_out == {"class00", "class04", "class08"}


def test_accuracy_table_puts_methods_side_by_side():
    from trainer.evaluate import RetrievalResult

    results = {
        "set": {
            "shipped": RetrievalResult("set", "embedding", 0.5, 0.9, 0.1, 10, 3),
            "DTW": RetrievalResult("set", "dtw", 0.25, 0.75, None, 10, 3),
        }
    }
    table = benchmark.accuracy_table(results)
    assert "| set | 10 | 3 | 0.500 | 0.900 | 0.250 | 0.750 |" in table
    assert "| set | 10 | 3 | 0.100 | n/a |" in benchmark.accuracy_table(results, show="silhouette")


def test_clips_asked_at_another_tempo_are_mirrored_as_their_gallery_clips_are():
    clips = [LabeledClip(str(i), random_clip(10, i), f"clip{i}") for i in range(8)]
    slower = benchmark.at_tempo(clips, 2.0)
    assert all(
        np.array_equal(s.pose.timestamps, 2 * c.pose.timestamps)
        and np.array_equal(s.pose.points, c.pose.points)
        for s, c in zip(slower, clips, strict=True)
    )
    halved = benchmark.half_mirrored({"row": {"clips": clips, "asking": slower, "references": 1}})
    mirrored = halved["row, half mirrored"]
    flipped = [m is not c for m, c in zip(mirrored["clips"], clips, strict=True)]
    assert sum(flipped) == 4
    for ask, slow, clip, flip in zip(mirrored["asking"], slower, mirrored["clips"], flipped, strict=True):
        assert (ask is not slow) == flip and np.array_equal(ask.pose.points, clip.pose.points)
