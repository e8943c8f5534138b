"""Train the pose encoder with triplet losses.

    python -m trainer train --config default --out runs/NAME [--resume] [--steps N] [--mining grouped]
    torchrun --nproc_per_node 2 -m trainer train ...      # DistributedDataParallel (gloo on CPU, nccl on GPU)

From Python: ``train(TRAIN_CONFIGS["default"], "runs/NAME") -> path of the best checkpoint``.

Batches are P classes x K clips, each freshly augmented (``trainer.augment``). Two ways to make them hard:

* ``mining="pk"``: the loss itself mines inside each class-balanced batch (``batch_hard``: per anchor the
  farthest positive and nearest negative; ``batch_all``: every valid triplet that violates the margin).
* ``mining="grouped"``: upstream spoter-embeddings' idea. Draw M batches at once (a pre-batch), embed them,
  regroup their classes into M new batches of classes that lie close together (with all of each class's
  clips, the far ones too), and train on those batches ``group_repeats`` times.

Every ``eval_every`` steps the model embeds the validation set and scores top-1 over distinct classes of
the held-out classes (never trained on) against themselves plus the seen classes. The best checkpoint is
``best.pt``, the latest ``last.pt``; ``metrics.jsonl`` logs every evaluation, ``curves.png`` plots them.
Runs are seeded and resumable (``--resume``, with more ``--steps`` if wanted; "grouped" mining starts a fresh
pre-batch on resuming, so only "pk" runs resume bit for bit).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import time
from dataclasses import asdict, dataclass, field, replace
from functools import partial
from pathlib import Path

import numpy as np
import torch
import torch.distributed as dist
from torch.nn import functional as F
from tqdm import tqdm

from signcore.errors import InputError
from signcore.files import write_atomically
from signcore.retrieval import clip_to_gloss_distances, pairwise_distances, top_k_accuracy
from trainer.augment import AugmentConfig, augment
from trainer.data import (
    DEFAULT_SHARED_DATA,
    ClassBalancedSampler,
    DataRoots,
    Dataset,
    load_training_data,
    to_tensors,
)
from trainer.distill import DistillSet, rank_distillation_loss
from trainer.model import CONFIGS, ModelConfig, PoseEncoder, count_parameters


@dataclass(frozen=True)
class TrainConfig:
    model: ModelConfig = CONFIGS["default"]
    sources: tuple[str, ...] = ("dgs", "dgs_unknown", "traduttore")
    source_weights: dict = field(
        default_factory=lambda: {"dgs": 0.5, "dgs_unknown": 0.25, "traduttore": 0.25}
    )
    steps: int = 600
    classes_per_batch: int = 16  # P
    clips_per_class: int = 4  # K
    loss: str = "batch_hard"  # or "batch_all"
    mining: str = "pk"  # or "grouped"
    group_prebatches: int = 4  # M batches regrouped at once ("grouped" mining)
    group_repeats: int = 2  # passes over each regrouped pre-batch
    margin: float = 0.2
    learning_rate: float = 1e-3
    weight_decay: float = 0.01
    warmup_steps: int = 100
    eval_every: int = 100
    seed: int = 0
    augment: AugmentConfig = AugmentConfig()
    # DTW rank distillation (trainer.distill) beside the triplet loss; weight 0 turns it off. Each step adds
    # distill_batch clips drawn from distill_unknown_words 2D_unknown words + distill_clips_per_word clips of
    # every trained DGS word.
    distill_weight: float = 0.0
    distill_batch: int = 48
    distill_unknown_words: int = 700
    distill_clips_per_word: int = 20
    distill_student_temperature: float = 0.1
    distill_teacher_temperature: float = 0.1

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict) -> TrainConfig:
        values = dict(values)
        values["model"] = ModelConfig.from_dict(values["model"])
        values["augment"] = AugmentConfig(**values["augment"])
        values["sources"] = tuple(values["sources"])
        return cls(**values)


TRAIN_CONFIGS: dict[str, TrainConfig] = {
    # DTW rank distillation, which also keeps validation from falling with longer training: chosen on the
    # validation words over weight 0.3 / 600 steps and the triplet-only recipe, and re-checked with the
    # one-block mean-pooled encoder: 96.5% (two seeds) vs 96.0% triplet-only (four); see models/MODEL_CARD.md.
    "default": TrainConfig(distill_weight=1.0, steps=1200),
    # The same with every 2D_unknown word as a distillation target (3,332 clips, ~4 min of DTW once).
    "distill_all_unknown": TrainConfig(distill_weight=1.0, steps=1200, distill_unknown_words=3012),
    # Upstream's size and recipe (hard-triplet batch grouping, no embedding normalisation), our data.
    "upstream": TrainConfig(model=CONFIGS["upstream"], mining="grouped", learning_rate=3e-4, margin=1.0),
}


# ---------------------------------------------------------------------------------------------------------
# Losses and mining.


def embedding_distances(embeddings: torch.Tensor) -> torch.Tensor:
    """(N, N) Euclidean distances with a gradient that stays finite at 0 (a clip and itself)."""
    squared = embeddings.pow(2).sum(1)
    squared = (squared[:, None] + squared[None, :] - 2 * embeddings @ embeddings.T).clamp_min(0)
    return (squared + 1e-12).sqrt()


def triplet_loss(embeddings: torch.Tensor, labels: torch.Tensor, margin: float, kind: str) -> torch.Tensor:
    distances = embedding_distances(embeddings)
    same = labels[:, None] == labels[None, :]
    positive = same & ~torch.eye(len(labels), dtype=torch.bool, device=labels.device)
    negative = ~same
    if kind == "batch_hard":
        hardest_positive = (distances * positive).max(1).values
        hardest_negative = distances.masked_fill(~negative, math.inf).min(1).values
        anchors = positive.any(1) & negative.any(1)
        return F.relu(hardest_positive - hardest_negative + margin)[anchors].mean()
    if kind == "batch_all":
        violation = distances[:, :, None] - distances[:, None, :] + margin  # (anchor, positive, negative)
        valid = positive[:, :, None] & negative[:, None, :]
        losses = F.relu(violation) * valid
        return losses.sum() / (losses > 1e-9).sum().clamp_min(1)
    raise ValueError(f"unknown triplet loss {kind!r}")


def group_hard_batches(
    embeddings: np.ndarray, labels: np.ndarray, n_batches: int, rng: np.random.Generator
) -> list[np.ndarray]:
    """Regroup a pre-batch into ``n_batches`` batches of whole classes that lie close together.

    A batch starts from a random class and grows by the class whose nearest clip is nearest to the batch's
    clips (hard negatives), always taking all of a class's clips (so its far-apart positives come along)."""
    distances = pairwise_distances(embeddings, embeddings)
    classes = list(np.unique(labels))
    members = {c: np.flatnonzero(labels == c) for c in classes}
    class_distance = np.array(
        [[distances[np.ix_(members[a], members[b])].min() for b in classes] for a in classes]
    )
    target = math.ceil(len(labels) / n_batches)
    remaining = set(range(len(classes)))
    batches = []
    while remaining:
        batch = [int(rng.choice(sorted(remaining)))]
        remaining.discard(batch[0])
        size = len(members[classes[batch[0]]])
        while remaining and size < target:
            candidates = sorted(remaining)
            nearest = candidates[int(class_distance[np.ix_(batch, candidates)].min(0).argmin())]
            batch.append(nearest)
            remaining.discard(nearest)
            size += len(members[classes[nearest]])
        batches.append(np.concatenate([members[classes[c]] for c in batch]))
    return batches


# ---------------------------------------------------------------------------------------------------------
# Evaluation used for checkpoint selection.


@torch.no_grad()
def embed_clips(model: PoseEncoder, clips: list, batch_size: int = 64) -> np.ndarray:
    model.eval()
    order = sorted(range(len(clips)), key=lambda i: len(clips[i]))
    out = np.zeros((len(clips), model.config.embedding_size), np.float32)
    for start in range(0, len(order), batch_size):
        chosen = order[start : start + batch_size]
        out[chosen] = model(*to_tensors([clips[i] for i in chosen])).numpy()
    return out


def held_out_top1(embeddings: np.ndarray, glosses: np.ndarray, is_query: np.ndarray) -> float:
    """Each query clip against every other clip (queries and distractors): is its nearest distinct gloss
    its own?"""
    distances = pairwise_distances(embeddings[is_query], embeddings)
    distances[np.arange(is_query.sum()), np.flatnonzero(is_query)] = np.inf  # not itself
    names, gloss_distances = clip_to_gloss_distances(distances, list(glosses))
    return top_k_accuracy(gloss_distances, names, list(glosses[is_query]), 1)


def validate(model: PoseEncoder, validation: Dataset) -> dict[str, float]:
    """Per source, top-1 of the held-out classes among all classes (``val_top1_SOURCE``), and the mean."""
    embeddings = embed_clips(model, validation.clips)
    names = np.array(validation.class_names)[validation.labels]
    sources = np.array(validation.class_source)[validation.labels]
    is_query = np.array(validation.is_query)
    scores = {}
    for source in sorted(set(sources)):
        chosen = sources == source
        scores[f"val_top1_{source}"] = held_out_top1(embeddings[chosen], names[chosen], is_query[chosen])
    scores["val_top1"] = float(np.mean(list(scores.values())))
    return scores


# ---------------------------------------------------------------------------------------------------------
# The training loop.


def _distributed() -> tuple[int, int]:
    """(rank, world size); joins the process group when started by torchrun."""
    world = int(os.environ.get("WORLD_SIZE", "1"))
    if world > 1 and not dist.is_initialized():
        dist.init_process_group("nccl" if torch.cuda.is_available() else "gloo")
    return (dist.get_rank(), world) if world > 1 else (0, 1)


def _without_steps(config: dict) -> dict:
    """A resumed run may be given more steps; everything else must match."""
    return {key: value for key, value in config.items() if key != "steps"}


def _gather_sampler_states(rng: np.random.Generator, world: int) -> list[dict]:
    """Every replica's sampler state, so that a resumed run continues each replica's stream of batches."""
    if world == 1:
        return [rng.bit_generator.state]
    states = [None] * world
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


class BatchStream:
    """Endless training batches (clip poses + integer labels) by the configured mining."""

    def __init__(self, data: Dataset, config: TrainConfig, rng: np.random.Generator):
        self.data, self.config, self.rng = data, config, rng
        self.sampler = ClassBalancedSampler(
            data, config.classes_per_batch, config.clips_per_class, config.source_weights
        )
        self.queue: list[tuple[list, np.ndarray]] = []

    def _augmented(self, indices: np.ndarray) -> tuple[list, np.ndarray]:
        poses = [augment(self.data.clips[i], self.config.augment, self.rng) for i in indices]
        return poses, np.asarray(self.data.labels)[indices]

    def next(self, model: PoseEncoder) -> tuple[list, np.ndarray]:
        if self.config.mining == "pk":
            return self._augmented(self.sampler.batch(self.rng))
        if not self.queue:
            count = self.config.group_prebatches
            poses, labels = self._augmented(
                np.concatenate([self.sampler.batch(self.rng) for _ in range(count)])
            )
            embeddings = embed_clips(model, poses)
            model.train()
            groups = group_hard_batches(embeddings, labels, count, self.rng)
            batches = [([poses[i] for i in g], labels[g]) for g in groups]
            self.queue = [b for _ in range(self.config.group_repeats) for b in batches]
        return self.queue.pop(0)


def train(
    config: TrainConfig,
    out_dir: str | Path,
    *,
    resume: bool = False,
    roots: DataRoots | None = None,
    progress: bool = True,
) -> Path:
    """Train ``config`` into ``out_dir`` (checkpoints, metrics.jsonl, curves.png); returns best.pt's path."""
    out_dir = Path(out_dir)
    rank, world = _distributed()
    if rank == 0:
        out_dir.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(config.seed)  # same initial weights on every replica
    rng = np.random.default_rng([config.seed, rank])  # different batches on every replica
    train_data, validation, description = load_training_data(
        roots or DataRoots.under(DEFAULT_SHARED_DATA), config.sources
    )
    distill = None
    if config.distill_weight > 0:  # the DTW matrix is cached beside the run folder, shared by runs
        distill = DistillSet(
            train_data,
            config.distill_unknown_words,
            config.distill_clips_per_word,
            out_dir.parent / "dtw_cache",
        )
    model = PoseEncoder(config.model)
    optimizer = torch.optim.AdamW(
        model.parameters(), lr=config.learning_rate, weight_decay=config.weight_decay
    )
    step, best, history = 0, -1.0, []
    last_path, best_path, metrics_path = out_dir / "last.pt", out_dir / "best.pt", out_dir / "metrics.jsonl"
    if resume:
        if not last_path.is_file():
            raise InputError(last_path, "nothing to resume: no last.pt in the output folder")
        saved = torch.load(last_path, map_location="cpu", weights_only=True)
        if _without_steps(saved["train_config"]) != _without_steps(config.to_dict()):
            raise InputError(last_path, "was trained with a different config; resume with the same options")
        model.load_state_dict(saved["model"])
        optimizer.load_state_dict(saved["optimizer"])
        step, best, history = saved["step"], saved["best"], saved["history"]
        rng.bit_generator.state = saved["rng"][rank]
        torch.set_rng_state(saved["torch_rng"])
    elif rank == 0 and metrics_path.exists():
        metrics_path.unlink()
    network = torch.nn.parallel.DistributedDataParallel(model) if world > 1 else model
    stream = BatchStream(train_data, config, rng)

    if rank == 0:
        print(f"{count_parameters(model):,} parameters; {description}", flush=True)
    bar = tqdm(total=config.steps, initial=step, disable=not progress or rank != 0, desc="training")
    losses, started = [], time.monotonic()
    while step < config.steps:
        poses, labels = stream.next(model)
        network.train()
        for group in optimizer.param_groups:
            group["lr"] = learning_rate_at(step, config)
        distill_poses, teacher = (
            distill.batch(config.distill_batch, config.augment, rng) if distill else ([], None)
        )
        embeddings = network(*to_tensors(poses + distill_poses))  # one forward pass for both losses
        loss = triplet_loss(embeddings[: len(poses)], torch.from_numpy(labels), config.margin, config.loss)
        if distill:
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
        losses.append(loss.item())
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
                with metrics_path.open("a", encoding="utf-8") as log:
                    log.write(json.dumps(record) + "\n")
                plot_curves(history, out_dir / "curves.png")
    bar.close()
    if world > 1:
        difference = replica_max_difference(model, world)
        if rank == 0:
            with metrics_path.open("a", encoding="utf-8") as log:
                log.write(json.dumps({"step": step, "replica_max_difference": difference}) + "\n")
        if difference > 1e-6:
            raise RuntimeError(f"replicas disagree after training (max weight difference {difference})")
        dist.barrier()
        dist.destroy_process_group()
    return best_path


# ---------------------------------------------------------------------------------------------------------
# Command line.


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", default="default", choices=sorted(TRAIN_CONFIGS))
    parser.add_argument("--out", required=True, help="run folder (checkpoints, metrics.jsonl, curves.png)")
    parser.add_argument("--resume", action="store_true", help="continue from OUT/last.pt")
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
    best = train(config, args.out, resume=args.resume, roots=DataRoots.under(args.data))
    if int(os.environ.get("RANK", "0")) == 0:
        print(f"best checkpoint: {best}")
    return 0
