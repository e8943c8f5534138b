"""The training loop: the pose encoder trained with triplet losses (and DTW rank distillation).

    python -m trainer train --config default --out runs/NAME [--resume] [--steps N] [--mining grouped]
    torchrun --nproc_per_node 2 -m trainer train ...      # DistributedDataParallel (gloo on CPU, nccl on GPU)

From Python: ``train(TRAIN_CONFIGS["default"], "runs/NAME") -> path of the best checkpoint``.

The pieces, one file each: the recipe (:mod:`trainer.config`), the data and its held-out classes
(:mod:`trainer.data`), the batches and how they are made hard (:mod:`trainer.mining`), the losses
(:mod:`trainer.losses`, distillation targets in :mod:`trainer.distill`) and checkpoint selection
(:mod:`trainer.validation`). The best checkpoint is ``best.pt``, the latest ``last.pt``; ``metrics.jsonl``
logs every evaluation, ``curves.png`` plots them. Runs are seeded and resumable (``--resume``, with more
``--steps`` if wanted; "grouped" mining starts a fresh pre-batch on resuming, so only "pk" runs resume bit
for bit). ``--init CHECKPOINT`` starts a new run from another run's weights (a fine-tune, e.g. ``--config
free_hand``).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import math
import os
import time
import traceback
from collections.abc import Iterator, Mapping
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import torch
import torch.distributed as dist
from tqdm import tqdm

from signcore.errors import InputError
from signcore.files import write_atomically
from trainer.config import TRAIN_CONFIGS, TrainConfig
from trainer.data import DEFAULT_SHARED_DATA, DataRoots, Dataset, load_training_data, to_tensors
from trainer.distill import DistillSet
from trainer.losses import embedding_distances, rank_distillation_loss, triplet_loss
from trainer.mining import BatchStream
from trainer.model import PoseEncoder, count_parameters
from trainer.validation import validate


@contextlib.contextmanager
def _replica_group() -> Iterator[tuple[int, int]]:
    """(rank, world size). Started by torchrun, the block runs in the process group, and leaves it however the
    block ends.

    The group must be freed, and its worker threads joined, before the interpreter shuts down and with the GIL
    released: a worker may still hold its last collective's tensors, and freeing them takes the GIL. At
    shutdown that ended the worker mid-C++ and aborted the replica ("terminate called without an active
    exception"); freed by DistributedDataParallel's reducer, which keeps the GIL, it deadlocked. So the last
    reference to the group is this function's own: its Python object frees the group with the GIL released.
    A block that raises is no exception: its frames' variables are let go of before the group is."""
    world = int(os.environ.get("WORLD_SIZE", "1"))
    if world == 1:
        yield 0, 1
        return
    # torch.distributed.nn binds the default group into its functions' default arguments when imported, and
    # DistributedDataParallel imports it (through torch._dynamo): imported after the group was made, it kept
    # the group alive until interpreter shutdown. Imported first, it binds None.
    import torch.distributed.nn  # noqa: F401

    if not dist.is_initialized():
        dist.init_process_group("nccl" if torch.cuda.is_available() else "gloo")
    group = dist.group.WORLD
    try:
        yield dist.get_rank(), world
    except BaseException as error:
        # Its traceback holds the training's frames, and they its DistributedDataParallel, which holds the
        # group: let go of them, so that the group is torn down below, not with the traceback (at shutdown)
        traceback.clear_frames(error.__traceback__)
        raise
    finally:
        dist.destroy_process_group()
        gc.collect()  # a DistributedDataParallel left in a reference cycle lets go of the group first
        del group


def _without_steps(config: dict) -> dict:
    """A resumed run may be given more steps; everything else must match."""
    return {key: value for key, value in config.items() if key != "steps"}


def _gather_sampler_states(rng: np.random.Generator, world: int) -> list[Mapping[str, Any]]:
    """Every replica's sampler state, so that a resumed run continues each replica's stream of batches."""
    if world == 1:
        return [rng.bit_generator.state]
    states: list[Any] = [None] * world
    dist.all_gather_object(states, rng.bit_generator.state)
    return states


def plot_curves(records: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    steps = [r["step"] for r in records]
    figure, (loss_axis, top1_axis) = plt.subplots(1, 2, figsize=(10, 4))
    loss_axis.plot(steps, [r["loss"] for r in records])
    loss_axis.set(xlabel="step", ylabel="training loss (mean since last eval)")
    for key in sorted(k for k in records[-1] if k.startswith("val_top1")):
        top1_axis.plot(steps, [r[key] for r in records], label=key)
    top1_axis.set(xlabel="step", ylabel="top-1, held-out classes", ylim=(0, 1.02))
    top1_axis.legend()
    figure.tight_layout()
    write_atomically(path, lambda temporary: figure.savefig(temporary, dpi=80, format="png"))
    plt.close(figure)


def replica_max_difference(model: torch.nn.Module, world: int) -> float:
    """Largest difference between this replica's weights and any other's (0 when they agree)."""
    flat = torch.cat([p.detach().flatten() for p in model.parameters()])
    gathered = [torch.empty_like(flat) for _ in range(world)]
    dist.all_gather(gathered, flat)
    return max(float((g - flat).abs().max()) for g in gathered)


def learning_rate_at(step: int, config: TrainConfig) -> float:
    """Linear warm-up, then cosine decay to 5% of the peak."""
    if step < config.warmup_steps:
        return config.learning_rate * (step + 1) / config.warmup_steps
    progress = (step - config.warmup_steps) / max(1, config.steps - config.warmup_steps)
    return config.learning_rate * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * min(1.0, progress))))


def train(
    config: TrainConfig,
    out_dir: str | Path,
    *,
    resume: bool = False,
    init: Path | None = None,
    roots: DataRoots | None = None,
    progress: bool = True,
) -> Path:
    """Train ``config`` into ``out_dir`` (checkpoints, metrics.jsonl, curves.png); returns best.pt's path.
    ``init``: a checkpoint whose model weights to start from (same model config; the optimizer and the
    schedule start afresh)."""
    with _replica_group() as (rank, world):
        # a call of its own: its model, optimizer and DDP wrapper are let go of before the group is left
        return _train_replica(
            config, Path(out_dir), rank, world, resume=resume, init=init, roots=roots, progress=progress
        )


def _train_replica(
    config: TrainConfig,
    out_dir: Path,
    rank: int,
    world: int,
    *,
    resume: bool,
    init: Path | None,
    roots: DataRoots | None,
    progress: bool,
) -> Path:
    """This replica's part of :func:`train` (all of it when not distributed)."""
    if rank == 0:
        out_dir.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(config.seed)  # same initial weights on every replica
    rng = np.random.default_rng([config.seed, rank])  # different batches on every replica
    train_data, validation, description = load_training_data(
        roots or DataRoots.under(DEFAULT_SHARED_DATA), config.sources
    )
    distill = _distillation(config, train_data, out_dir)
    model = PoseEncoder(config.model)
    if init is not None and not resume:
        _start_from_weights(model, init, config)
    optimizer = torch.optim.AdamW(
        model.parameters(), lr=config.learning_rate, weight_decay=config.weight_decay
    )
    last_path, best_path, metrics_path = out_dir / "last.pt", out_dir / "best.pt", out_dir / "metrics.jsonl"
    if resume:
        step, best, history = _resume_from(last_path, config, model, optimizer, rng, rank)
    else:
        step, best, history = 0, -1.0, []
        if rank == 0 and metrics_path.exists():
            metrics_path.unlink()
    network = torch.nn.parallel.DistributedDataParallel(model) if world > 1 else model
    stream = BatchStream(train_data, config, rng)

    if rank == 0:
        print(f"{count_parameters(model):,} parameters; {description}", flush=True)
    bar = tqdm(total=config.steps, initial=step, disable=not progress or rank != 0, desc="training")
    losses, started = [], time.monotonic()
    while step < config.steps:
        losses.append(_training_step(model, network, optimizer, stream, distill, config, step, rng))
        step += 1
        bar.update(1)
        if step % config.eval_every == 0 or step == config.steps:
            scores = validate(model, validation)  # every replica: same weights, same answer, no broadcast
            record = {"step": step, "loss": float(np.mean(losses)), "seconds": time.monotonic() - started}
            record |= scores
            losses = []
            history.append(record)
            bar.set_postfix(loss=f"{record['loss']:.3f}", val_top1=f"{scores['val_top1']:.3f}")
            improved = scores["val_top1"] > best
            best = max(best, scores["val_top1"])
            checkpoint = {
                "model": model.state_dict(),
                "model_config": config.model.to_dict(),
                "train_config": config.to_dict(),
                "optimizer": optimizer.state_dict(),
                "step": step,
                "best": best,
                "history": history,
                "rng": _gather_sampler_states(rng, world),  # a collective: every replica takes part
                "torch_rng": torch.get_rng_state(),
                "training_data": description,
                "metrics": record,
            }
            if rank == 0:
                write_atomically(last_path, partial(torch.save, checkpoint))
                if improved:
                    write_atomically(best_path, partial(torch.save, checkpoint))
                _log_metrics(metrics_path, record)
                plot_curves(history, out_dir / "curves.png")
    bar.close()
    if world > 1:
        _check_replicas_agree(model, world, rank, step, metrics_path)
    return best_path


def _distillation(config: TrainConfig, train_data: Dataset, out_dir: Path) -> DistillSet | None:
    """The DTW rank distillation's clips and targets; None when its weight is 0 (it is off)."""
    if config.distill_weight > 0:  # the DTW matrix is cached beside the run folder, shared by runs
        return DistillSet(
            train_data,
            config.distill_unknown_words,
            config.distill_clips_per_word,
            out_dir.parent / "dtw_cache",
        )
    return None


def _start_from_weights(model: PoseEncoder, checkpoint: Path, config: TrainConfig) -> None:
    """--init: another run's model weights loaded into ``model`` (the optimizer and schedule start afresh)."""
    start = torch.load(checkpoint, map_location="cpu", weights_only=True)
    if start["model_config"] != config.model.to_dict():
        raise InputError(checkpoint, "holds weights of another model config than the one trained")
    model.load_state_dict(start["model"])


def _resume_from(
    last_path: Path,
    config: TrainConfig,
    model: PoseEncoder,
    optimizer: torch.optim.Optimizer,
    rng: np.random.Generator,
    rank: int,
) -> tuple[int, float, list[dict]]:
    """--resume: the model, optimizer and random states as ``last_path`` saved them; (step, best top-1,
    history) to go on from."""
    if not last_path.is_file():
        raise InputError(last_path, "nothing to resume: no last.pt in the output folder")
    saved = torch.load(last_path, map_location="cpu", weights_only=True)
    if _without_steps(saved["train_config"]) != _without_steps(config.to_dict()):
        raise InputError(last_path, "was trained with a different config; resume with the same options")
    model.load_state_dict(saved["model"])
    optimizer.load_state_dict(saved["optimizer"])
    rng.bit_generator.state = saved["rng"][rank]
    torch.set_rng_state(saved["torch_rng"])
    return saved["step"], saved["best"], saved["history"]


def _training_step(
    model: PoseEncoder,
    network: torch.nn.Module,
    optimizer: torch.optim.Optimizer,
    stream: BatchStream,
    distill: DistillSet | None,
    config: TrainConfig,
    step: int,
    rng: np.random.Generator,
) -> float:
    """One optimizer step on the next batch (and the distillation's clips); the step's loss. ``network``:
    ``model`` itself, or its DistributedDataParallel wrapper."""
    poses, labels = stream.next(model)
    network.train()
    for group in optimizer.param_groups:
        group["lr"] = learning_rate_at(step, config)
    distill_poses, teacher = (
        distill.batch(config.distill_batch, config.augment, rng) if distill else ([], None)
    )
    embeddings = network(*to_tensors(poses + distill_poses))  # one forward pass for both losses
    loss = triplet_loss(embeddings[: len(poses)], torch.from_numpy(labels), config.margin, config.loss)
    if teacher is not None:
        loss = loss + config.distill_weight * rank_distillation_loss(
            embedding_distances(embeddings[len(poses) :]),
            teacher,
            config.distill_student_temperature,
            config.distill_teacher_temperature,
        )
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimizer.step()
    return loss.item()


def _log_metrics(metrics_path: Path, record: dict) -> None:
    with metrics_path.open("a", encoding="utf-8") as log:
        log.write(json.dumps(record) + "\n")


def _check_replicas_agree(
    model: torch.nn.Module, world: int, rank: int, step: int, metrics_path: Path
) -> None:
    """After distributed training: every replica must hold the same weights (logged by replica 0)."""
    difference = replica_max_difference(model, world)
    if rank == 0:
        _log_metrics(metrics_path, {"step": step, "replica_max_difference": difference})
    if difference > 1e-6:
        raise RuntimeError(f"replicas disagree after training (max weight difference {difference})")
    dist.barrier()  # no replica leaves the group while another still needs it


# ---------------------------------------------------------------------------------------------------------
# Command line.


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", default="default", choices=sorted(TRAIN_CONFIGS))
    parser.add_argument("--out", required=True, help="run folder (checkpoints, metrics.jsonl, curves.png)")
    parser.add_argument("--resume", action="store_true", help="continue from OUT/last.pt")
    parser.add_argument("--init", type=Path, help="start from this checkpoint's model weights")
    parser.add_argument("--data", type=Path, default=DEFAULT_SHARED_DATA, help="the shared data folder")
    parser.add_argument("--steps", type=int, help="override the number of training steps")
    parser.add_argument("--mining", choices=("pk", "grouped"))
    parser.add_argument("--loss", choices=("batch_hard", "batch_all"))
    parser.add_argument("--sources", nargs="+", choices=("dgs", "dgs_unknown", "traduttore"))
    parser.add_argument("--seed", type=int)
    parser.add_argument("--distill-weight", type=float, help="weight of the DTW rank distillation (0: off)")
    parser.add_argument(
        "--threads", type=int, default=0, help="torch threads per process (0: cores / processes)"
    )


def run(args: argparse.Namespace) -> int:
    overrides = {
        key: getattr(args, key)
        for key in ("steps", "mining", "loss", "seed", "distill_weight")
        if getattr(args, key) is not None
    }
    if args.sources:
        overrides["sources"] = tuple(args.sources)
    config = replace(TRAIN_CONFIGS[args.config], **overrides)
    world = int(os.environ.get("WORLD_SIZE", "1"))
    torch.set_num_threads(args.threads or max(1, (os.cpu_count() or 1) // world))
    best = train(config, args.out, resume=args.resume, init=args.init, roots=DataRoots.under(args.data))
    if int(os.environ.get("RANK", "0")) == 0:
        print(f"best checkpoint: {best}")
    return 0
