"""DTW distillation: the rank-matching loss, which clips give targets, and the cached DTW matrix."""

import numpy as np
import torch

from signcore import dtw
from signcore.layout import N_POINTS, PoseSequence
from trainer.data import Dataset
from trainer.distill import choose_distill_clips, dtw_matrix_cached, rank_distillation_loss
from trainer.train import embedding_distances


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
