"""Training configurations: the recipe of a run (model, data, batches, losses, schedule, augmentation).

``TRAIN_CONFIGS`` names the recipes ``python -m trainer train --config NAME`` knows; a run stores its
config in every checkpoint, and ``--resume`` refuses a different one.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from trainer.augment import AugmentConfig
from trainer.model import CONFIGS, ModelConfig


@dataclass(frozen=True)
class TrainConfig:
    model: ModelConfig = CONFIGS["default"]
    sources: tuple[str, ...] = ("dgs", "dgs_unknown", "traduttore")
    source_weights: dict[str, float] = field(
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

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> TrainConfig:
        values = dict(values)
        values["model"] = ModelConfig.from_dict(values["model"])
        values["augment"] = AugmentConfig(**values["augment"])
        values["sources"] = tuple(values["sources"])
        return cls(**values)


# Why each recipe is what it is: models/MODEL_CARD.md, "Experiment history".
TRAIN_CONFIGS: dict[str, TrainConfig] = {
    # DTW rank distillation beside the triplet loss, 1,200 steps.
    "default": TrainConfig(distill_weight=1.0, steps=1200),
    # The default recipe with more DGS words in the batches (models/MODEL_CARD.md: every retrain at today's
    # code lifted the one-clip traduttore row and cost the DGS rows).
    "dgs_heavy": TrainConfig(
        distill_weight=1.0,
        steps=1200,
        source_weights={"dgs": 0.7, "dgs_unknown": 0.15, "traduttore": 0.15},
    ),
    # The same with every 2D_unknown word as a distillation target.
    "distill_all_unknown": TrainConfig(distill_weight=1.0, steps=1200, distill_unknown_words=3012),
    # Upstream spoter-embeddings' size and recipe, our data.
    "upstream": TrainConfig(model=CONFIGS["upstream"], mining="grouped", learning_rate=3e-4, margin=1.0),
    # The default recipe continued from trained weights (--init) with a quarter of its learning rate, a
    # free hand held still in view added to a third of the one-handed clips (models/MODEL_CARD.md).
    "free_hand": TrainConfig(
        distill_weight=1.0,
        steps=400,
        learning_rate=2.5e-4,
        warmup_steps=40,
        augment=AugmentConfig(free_hand=0.3),
    ),
}
