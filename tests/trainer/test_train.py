"""Training: the triplet losses, hard batch grouping, a short real run, resume, and DDP replicas agreeing."""

import json
import os
import socket
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import torch

from signcore.errors import InputError
from tests.support import REPO, shared_path
from trainer.config import TrainConfig
from trainer.data import DataRoots
from trainer.losses import triplet_loss
from trainer.mining import group_hard_batches
from trainer.model import ModelConfig, PoseEncoder
from trainer.train import _resume_from, train

TINY = TrainConfig(
    model=ModelConfig(d_model=16, n_heads=2, encoder_layers=1, ff_size=32, embedding_size=8),
    sources=("traduttore",),
    steps=4,
    classes_per_batch=4,
    clips_per_class=2,
    eval_every=2,
)


@pytest.mark.parametrize("kind", ["batch_hard", "batch_all"])
def test_triplet_losses(kind):
    labels = torch.tensor([0, 0, 1, 1])
    separated = torch.tensor([[0.0, 0.0], [0.0, 0.1], [5.0, 0.0], [5.0, 0.1]])
    assert triplet_loss(separated, labels, 0.2, kind) == 0
    mixed = separated[[0, 2, 1, 3]].clone().requires_grad_()
    loss = triplet_loss(mixed, labels, 0.2, kind)
    assert loss > 1
    loss.backward()
    assert torch.isfinite(mixed.grad).all() and mixed.grad.abs().sum() > 0


def test_group_hard_batches_keeps_classes_whole_and_puts_close_classes_together():
    rng = np.random.default_rng(0)
    # Classes 0 and 1 sit close together, 2 and 3 close together, far from the first pair.
    centres = {0: (0.0, 0.0), 1: (0.5, 0.0), 2: (10.0, 0.0), 3: (10.5, 0.0)}
    labels = np.repeat([0, 1, 2, 3], 4)
    embeddings = np.array([centres[c] for c in labels]) + rng.normal(0, 0.05, (16, 2))
    batches = group_hard_batches(embeddings, labels, 2, rng)
    assert sorted(np.concatenate(batches)) == list(range(16))
    assert sorted(sorted(set(labels[b])) for b in batches) == [[0, 1], [2, 3]]


@pytest.mark.slow
def test_a_short_run_writes_checkpoints_metrics_and_curves_and_resumes_exactly(tmp_path):
    roots = DataRoots.under(shared_path("data"))
    straight = train(TINY, tmp_path / "straight", roots=roots, progress=False)
    first_half = train(replace(TINY, steps=2), tmp_path / "resumed", roots=roots, progress=False)
    assert first_half.name == "best.pt"
    resumed = train(TINY, tmp_path / "resumed", resume=True, roots=roots, progress=False)

    records = [json.loads(line) for line in (tmp_path / "resumed" / "metrics.jsonl").read_text().splitlines()]
    assert [r["step"] for r in records] == [2, 4]
    assert 0 <= records[-1]["val_top1_traduttore"] <= 1
    assert (tmp_path / "straight" / "curves.png").stat().st_size > 1000
    weights = [torch.load(p.parent / "last.pt", weights_only=True)["model"] for p in (straight, resumed)]
    for name, value in weights[0].items():
        torch.testing.assert_close(weights[1][name], value, msg=f"{name} differs after resuming")

    with pytest.raises(InputError, match="different config"):
        train(replace(TINY, margin=0.5), tmp_path / "resumed", resume=True, roots=roots, progress=False)


def test_resuming_a_run_that_never_saved_says_so_and_changes_nothing(tmp_path):
    model = PoseEncoder(TINY.model)
    before = {name: value.clone() for name, value in model.state_dict().items()}
    optimizer = torch.optim.AdamW(model.parameters())
    with pytest.raises(InputError, match="nothing to resume: no last.pt"):
        _resume_from(tmp_path / "last.pt", TINY, model, optimizer, np.random.default_rng(0), rank=0)
    for name, value in model.state_dict().items():
        torch.testing.assert_close(value, before[name])


@pytest.mark.slow
def test_a_run_can_start_from_trained_weights(tmp_path):
    """--init: the weights of another run, a fresh optimizer and schedule; another model config refused."""
    roots = DataRoots.under(shared_path("data"))
    trained = train(TINY, tmp_path / "trained", roots=roots, progress=False)
    unmoved = replace(TINY, steps=1, learning_rate=0.0)  # one step that changes no weight
    best = train(unmoved, tmp_path / "continued", init=trained, roots=roots, progress=False)
    last = best.parent / "last.pt"
    weights = [torch.load(path, weights_only=True)["model"] for path in (trained, last)]
    for name, value in weights[0].items():
        torch.testing.assert_close(weights[1][name], value, msg=f"{name} is not the trained weight")
    other = replace(TINY, model=replace(TINY.model, ff_size=2 * TINY.model.ff_size))
    with pytest.raises(InputError, match="another model config"):
        train(other, tmp_path / "other", init=trained, roots=roots, progress=False)


@pytest.mark.slow
def test_ddp_replicas_agree_and_leave_no_gloo_thread_behind(tmp_path):
    """The same command under torchrun: 2 gloo processes, different batches, identical weights after. And no
    gloo thread is left when the command returns: one still running at interpreter shutdown rarely aborted
    its replica there ("terminate called without an active exception"; see trainer.train._replica_group)."""
    if not Path("/proc/self/task").is_dir():
        pytest.skip("lists the process's threads from /proc (Linux)")
    data = shared_path("data")
    with socket.socket() as probe:  # a port free now: a fixed one may be held by another run on this machine
        probe.bind(("127.0.0.1", 0))
        port = str(probe.getsockname()[1])
    threads_file = tmp_path / "threads"
    command = [
        sys.executable, "-m", "torch.distributed.run", "--nproc_per_node", "2", "--master_port", port,
        "-m", "tests.threads_left_after_trainer", str(threads_file),
        "train", "--out", str(tmp_path / "ddp"), "--data", str(data),
        "--sources", "traduttore", "--distill-weight", "0", "--steps", "3", "--threads", "1",
    ]  # fmt: skip
    environment = os.environ | {"OMP_NUM_THREADS": "1"}
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300, env=environment)
    assert result.returncode == 0, result.stderr[-3000:]
    records = [json.loads(line) for line in (tmp_path / "ddp" / "metrics.jsonl").read_text().splitlines()]
    assert records[-1] == {"step": 3, "replica_max_difference": 0.0}
    assert (tmp_path / "ddp" / "best.pt").exists()
    for rank in (0, 1):
        threads = Path(f"{threads_file}.rank{rank}").read_text().split()
        assert threads and not [name for name in threads if "gloo" in name], f"rank {rank}: {threads}"


def test_a_replica_that_raises_tears_its_process_group_down_at_once(tmp_path):
    """Two gloo replicas, and the training of one raises: its process group is torn down as the exception
    leaves trainer.train._replica_group, no gloo thread left while it is handled. The traceback held the
    training's DistributedDataParallel, and with it the group, until the exception was let go of (under
    torchrun, at interpreter shutdown, where freeing it aborted the replica); the other replica waited in its
    collective until then."""
    if not Path("/proc/self/task").is_dir():
        pytest.skip("lists the process's threads from /proc (Linux)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = str(probe.getsockname()[1])
    threads_file = tmp_path / "threads"
    environment = os.environ | {"WORLD_SIZE": "2", "MASTER_ADDR": "127.0.0.1", "MASTER_PORT": port}
    replicas = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.replica_that_raises", str(threads_file)],
            cwd=REPO,
            env=environment | {"RANK": str(rank), "LOCAL_RANK": str(rank), "OMP_NUM_THREADS": "1"},
            stderr=subprocess.PIPE,
            text=True,
        )
        for rank in (0, 1)
    ]
    for rank, replica in enumerate(replicas):
        _, errors = replica.communicate(timeout=60)
        assert replica.returncode == 1, errors[
            -3000:
        ]  # each ended by the fault: replica 0 by its peer's leaving
        threads = Path(f"{threads_file}.rank{rank}").read_text().split()
        assert threads and not [name for name in threads if "gloo" in name], f"rank {rank}: {threads}"
