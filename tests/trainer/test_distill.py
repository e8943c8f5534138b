"""DTW distillation: the rank-matching loss, which clips give targets, and the cached DTW matrix."""

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import torch

from signcore import dtw
from signcore.errors import InputError
from signcore.layout import N_POINTS, PoseSequence
from tests.support import shared_path
from trainer.config import TrainConfig
from trainer.data import DataRoots, Dataset
from trainer.distill import DistillSet, choose_distill_clips, dtw_matrix_cached
from trainer.losses import embedding_distances, rank_distillation_loss
from trainer.model import ModelConfig
from trainer.train import train


def test_the_loss_is_zero_when_the_embedding_ranks_like_dtw_and_large_when_it_ranks_the_other_way():
    teacher = torch.tensor(
        [[0.0, 1.0, 2.0, 4.0], [1.0, 0.0, 3.0, 2.0], [2.0, 3.0, 0.0, 1.0], [4.0, 2.0, 1.0, 0.0]]
    )
    median = teacher[~torch.eye(4, dtype=torch.bool)].median()
    student_temperature, teacher_temperature = 0.1, 0.2
    # the same softmax per anchor: embedding distance / t_s == (dtw / median) / t_t
    agreeing = teacher / median * (student_temperature / teacher_temperature)
    assert rank_distillation_loss(agreeing, teacher, student_temperature, teacher_temperature) < 1e-6
    # any constant scale of DTW's units changes nothing
    scaled = rank_distillation_loss(agreeing, teacher * 7.0, student_temperature, teacher_temperature)
    assert scaled < 1e-6

    reversed_order = (
        (5.0 - teacher).fill_diagonal_(0.0) / median * (student_temperature / teacher_temperature)
    )
    assert rank_distillation_loss(reversed_order, teacher, student_temperature, teacher_temperature) > 1.0


def test_the_gradient_is_finite_through_real_embedding_distances():
    embeddings = torch.randn(6, 8)
    embeddings = (embeddings / embeddings.norm(dim=1, keepdim=True)).requires_grad_()
    teacher = torch.rand(6, 6)
    teacher = (teacher + teacher.T).fill_diagonal_(0.0)
    loss = rank_distillation_loss(embedding_distances(embeddings), teacher, 0.1, 0.1)
    loss.backward()
    assert torch.isfinite(loss) and torch.isfinite(embeddings.grad).all() and embeddings.grad.abs().sum() > 0


def _clip(seed: int, frames: int = 12) -> PoseSequence:
    rng = np.random.default_rng(seed)
    points = rng.uniform(100, 500, (frames, N_POINTS, 3)).astype(np.float32)
    return PoseSequence(points, np.ones((frames, N_POINTS), bool), np.arange(frames) / 25.0)


def test_distill_clips_come_from_dgs_words_and_unknown_words_only():
    data = Dataset()
    data.class_names = ["dgs/a", "dgs/b", "dgs_unknown/1", "dgs_unknown/2", "dgs_unknown/3", "traduttore/x"]
    data.class_source = ["dgs", "dgs", "dgs_unknown", "dgs_unknown", "dgs_unknown", "traduttore"]
    data.labels = [0, 0, 0, 1, 1, 2, 3, 4, 5, 5]
    data.clips = [_clip(i) for i in range(len(data.labels))]
    data.is_query = [True] * len(data.labels)
    chosen = choose_distill_clips(data, n_unknown=2, per_word=2, rng=np.random.default_rng(0))
    labels = np.asarray(data.labels)[chosen]
    assert (labels != 5).all()  # no traduttore clip
    assert (labels == 0).sum() == 2 and (labels == 1).sum() == 2  # at most per_word of each DGS word
    assert np.isin(labels, [2, 3, 4]).sum() == 2  # n_unknown of the one-clip words


def test_the_dtw_matrix_is_real_dtw_and_is_read_back_from_the_cache(tmp_path):
    clips = [_clip(i) for i in range(4)]
    matrix = dtw_matrix_cached(clips, tmp_path)
    assert matrix[0, 1] == np.float32(dtw.dtw_distance(clips[0], clips[1]))
    cached = list(tmp_path.glob("dtw_4_*.npy"))
    assert len(cached) == 1
    np.testing.assert_array_equal(dtw_matrix_cached(clips, tmp_path), matrix)
    # other clips: another cache file, not the stale matrix
    other = dtw_matrix_cached([_clip(i + 10) for i in range(4)], tmp_path)
    assert len(list(tmp_path.glob("dtw_4_*.npy"))) == 2 and not np.array_equal(other, matrix)


def test_distillation_needs_dgs_clips():
    data = Dataset()
    data.class_names, data.class_source = ["traduttore/x"], ["traduttore"]
    data.labels, data.clips, data.is_query = [0, 0], [_clip(0), _clip(1)], [True, True]
    with pytest.raises(InputError, match="needs the dgs or dgs_unknown source"):
        DistillSet(data, n_unknown=10, per_word=2, cache_dir=Path("unused"))


@pytest.mark.slow
def test_a_short_run_with_distillation_caches_the_dtw_matrix_and_changes_the_weights(tmp_path):
    roots = DataRoots.under(shared_path("data"))
    config = TrainConfig(
        model=ModelConfig(d_model=16, n_heads=2, encoder_layers=1, ff_size=32, embedding_size=8),
        sources=("dgs",),  # the 3,012 2D_unknown files would triple the loading time
        steps=2,
        classes_per_batch=4,
        clips_per_class=2,
        eval_every=2,
        distill_weight=1.0,
        distill_batch=6,
        distill_unknown_words=10,
        distill_clips_per_word=1,
    )
    with_distill = train(config, tmp_path / "distill", roots=roots, progress=False)
    without = train(replace(config, distill_weight=0.0), tmp_path / "plain", roots=roots, progress=False)
    assert len(list((tmp_path / "dtw_cache").glob("dtw_16_*.npy"))) == 1  # 16 trained words x 1 clip
    weights = [torch.load(path, weights_only=True)["model"] for path in (with_distill, without)]
    assert any(not torch.equal(weights[0][name], weights[1][name]) for name in weights[0])
