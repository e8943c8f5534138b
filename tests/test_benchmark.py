"""Smoke tests of the benchmark with a tiny model (the real run takes minutes: not part of the suite)."""

import json
from dataclasses import replace

import numpy as np
import pytest
import torch

from signcore.encoder import Encoder
from signcore.layout import N_POINTS, PoseSequence
from trainer import benchmark
from trainer.model import ModelConfig, PoseEncoder
from trainer.train import TRAIN_CONFIGS

TINY = ModelConfig(d_model=16, n_heads=2, encoder_layers=1, ff_size=32, embedding_size=8)


def random_clip(frames, seed):
    rng = np.random.default_rng(seed)
    return PoseSequence(
        rng.random((frames, N_POINTS, 3)) * 400, np.ones((frames, N_POINTS), bool), np.arange(frames) / 30
    )


@pytest.fixture(scope="module")
def tiny_onnx(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tiny")
    torch.manual_seed(0)
    checkpoint = folder / "tiny.pt"
    torch.save(
        {"model": PoseEncoder(TINY).state_dict(), "model_config": TINY.to_dict(), "metrics": {}},
        checkpoint,
    )
    from trainer.export import export_onnx

    return export_onnx(checkpoint, folder / "tiny.onnx")


def test_latency_is_measured_for_every_model_and_tabulated(tiny_onnx):
    clip = benchmark.clip_of_length(random_clip(7, 0), 100)
    assert len(clip) == 100
    speeds = benchmark.latency({"a": tiny_onnx, "b": tiny_onnx}, clip, rounds=5)
    assert set(speeds) == {"a", "b"}
    for timing in speeds.values():
        assert 0 < timing["median_ms"] <= timing["p90_ms"]
        timing["parameters"] = benchmark.parameter_count(Encoder(tiny_onnx))
    assert timing["parameters"] == sum(p.numel() for p in PoseEncoder(TINY).parameters())
    table = benchmark.speed_table(speeds, 100)
    assert "| a |" in table and "1.00x" in table


def test_step_time_probe_runs_a_real_training_step():
    recipe = replace(TRAIN_CONFIGS["default"], model=TINY, classes_per_batch=2, clips_per_class=2)
    seconds = benchmark.seconds_per_step(recipe, [random_clip(12, i) for i in range(3)], repeats=1)
    assert 0 < seconds < 30


def test_a_cached_upstream_run_is_reused_without_training(tiny_onnx, tmp_path):
    recipe = benchmark.upstream_recipe({}, TINY)
    assert recipe.model == TINY and recipe.steps == TRAIN_CONFIGS["default"].steps
    run_dir = benchmark.upstream_run_dir(recipe, 3, tmp_path)
    run_dir.mkdir()
    (run_dir / "upstream.onnx").write_bytes(tiny_onnx.read_bytes())
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
