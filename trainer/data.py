"""Training data: which clips train, which select checkpoints, and how batches are drawn.

Sources (read with ``signcore.formats``; all licensed for this use, see models/MODEL_CARD.md):

* ``dgs``: DGS ``3D_full``, only clips listed in ``split.json`` "train", never its ten ``zero_shot_words`` and
  never a "test" clip. ``DGS_VALIDATION_WORDS`` of its 20 words are held out of training entirely: they select
  checkpoints (zero-shot generalisation is the goal, so validation is on unseen WORDS, not unseen clips).
* ``dgs_unknown``: DGS ``2D_unknown``, 3,012 words with one clip each: every clip is its own class, and its
  positives are augmented views of itself (self-supervised). 2-D only (z = 0).
* ``traduttore``: ASL, body + hands. The idle class "-" is dropped. ``traduttore_split`` holds out 8 classes
  as a test set (never trained, never used for selection) and 4 more for validation.

Validation scores the held-out classes' clips against a gallery of themselves AND the seen classes' clips:
a new sign must not only differ from the other new signs but also from every sign the model already knows.

Classes are namespaced by source (``dgs/Haus``, ``traduttore/coffee``) so equal glosses in two languages stay
different signs.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch

from signcore import contract
from signcore.encoder import pad_batch
from signcore.errors import InputError
from signcore.formats import TRADUTTORE_IDLE, LabeledClip, load_dgs, load_dgs_unknown, load_traduttore
from signcore.layout import PoseSequence
from signcore.paths import shared_dir

# Where the data sets are read from (``../shared/data`` beside the checkout).
DEFAULT_SHARED_DATA = shared_dir() / "data"
# Four of the 20 trainable DGS words, chosen by hand before any training to span one- and two-handed signs;
# they are never trained on and select checkpoints.
DGS_VALIDATION_WORDS = ("Haus", "lernen", "morgen", "Universität")
# Seen-class clips that stand in the traduttore validation gallery (DGS uses all of its ~800).
TRADUTTORE_DISTRACTORS_PER_CLASS = 30


def traduttore_split(glosses: list[str]) -> tuple[list[str], list[str]]:
    """(test classes, validation classes) of traduttore, by a fixed rule on the sorted class names: every
    4th class from the first is test (8 of 32), every 8th from the third is validation (4)."""
    classes = sorted(set(glosses) - {TRADUTTORE_IDLE})
    return classes[0::4], classes[2::8]


@dataclass(frozen=True)
class DataRoots:
    dgs: Path  # the 3D_full folder; split.json is read from its parent
    dgs_unknown: Path
    traduttore: Path

    @classmethod
    def under(cls, shared: str | Path) -> DataRoots:
        """The layout of the project's shared data folder (``../shared/data``)."""
        shared = Path(shared)
        return cls(
            shared / "dgs" / "3D_full",
            shared / "dgs" / "2D_unknown",
            shared / "traduttore" / "traduttore_MP_Data.npz",
        )


@dataclass
class Dataset:
    """Clips, their integer classes and the class names. In a validation set, ``is_query`` marks the
    held-out clips that are scored; the others (seen classes) only stand in the gallery as distractors."""

    clips: list[PoseSequence] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    is_query: list[bool] = field(default_factory=list)
    class_names: list[str] = field(default_factory=list)
    class_source: list[str] = field(default_factory=list)  # per class: which source it came from

    def add(self, source: str, clips: list[LabeledClip], query: bool = True) -> None:
        index = {name: i for i, name in enumerate(self.class_names)}
        for clip in clips:
            name = f"{source}/{clip.gloss}"
            if name not in index:
                index[name] = len(self.class_names)
                self.class_names.append(name)
                self.class_source.append(source)
            self.clips.append(clip.pose)
            self.labels.append(index[name])
            self.is_query.append(query)

    def __len__(self) -> int:
        return len(self.clips)

    def summary(self) -> str:
        """Per source: how many classes and clips are scored (in a training set: all of them)."""
        parts = []
        for source in sorted(set(self.class_source)):
            scored = [
                label
                for label, query in zip(self.labels, self.is_query, strict=True)
                if query and self.class_source[label] == source
            ]
            parts.append(f"{source}: {len(set(scored))} classes, {len(scored)} clips")
        return "; ".join(parts)


def read_dgs_split(dgs_root: Path) -> dict:
    split_path = dgs_root.parent / "split.json"
    try:
        return json.loads(split_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InputError(split_path, f"cannot read the DGS evaluation split: {error}") from error


def dgs_clips_in(dgs_root: Path, relative_paths: list[str]) -> list[LabeledClip]:
    """The DGS clips whose path relative to ``dgs_root`` is listed (as in split.json)."""
    wanted = set(relative_paths)
    words = sorted({path.split("/")[0] for path in wanted})
    clips = [
        c for c in load_dgs(dgs_root, words) if Path(c.source).relative_to(dgs_root).as_posix() in wanted
    ]
    if len(clips) != len(wanted):
        raise InputError(dgs_root, f"split.json lists {len(wanted)} clips but {len(clips)} were found")
    return clips


def _first_per_class(clips: list[LabeledClip], count: int) -> list[LabeledClip]:
    taken: dict[str, int] = {}
    chosen = []
    for clip in clips:
        if taken.get(clip.gloss, 0) < count:
            taken[clip.gloss] = taken.get(clip.gloss, 0) + 1
            chosen.append(clip)
    return chosen


@functools.lru_cache(maxsize=2)
def load_training_data(roots: DataRoots, sources: tuple[str, ...]) -> tuple[Dataset, Dataset, str]:
    """(training set, validation set, a one-line description of the training data for the model card).

    Cached: several runs in one process (tests, benchmarks) read the files once. Callers must not modify
    the returned sets."""
    train, validation = Dataset(), Dataset()
    if "dgs" in sources:
        split = read_dgs_split(roots.dgs)
        clips = dgs_clips_in(roots.dgs, split["train"])
        words = {c.gloss for c in clips}
        if words & set(split["zero_shot_words"]) or not words.issuperset(DGS_VALIDATION_WORDS):
            raise InputError(
                roots.dgs, "split.json's train list must hold the validation words, no zero-shot one"
            )
        seen = [c for c in clips if c.gloss not in DGS_VALIDATION_WORDS]
        train.add("dgs", seen)
        validation.add("dgs", [c for c in clips if c.gloss in DGS_VALIDATION_WORDS])
        validation.add("dgs", seen, query=False)
    if "dgs_unknown" in sources:
        train.add("dgs_unknown", load_dgs_unknown(roots.dgs_unknown))
    if "traduttore" in sources:
        clips = [c for c in load_traduttore(roots.traduttore) if c.gloss != TRADUTTORE_IDLE]
        test_classes, validation_classes = traduttore_split([c.gloss for c in clips])
        seen = [c for c in clips if c.gloss not in test_classes + validation_classes]
        train.add("traduttore", seen)
        validation.add("traduttore", [c for c in clips if c.gloss in validation_classes])
        validation.add("traduttore", _first_per_class(seen, TRADUTTORE_DISTRACTORS_PER_CLASS), query=False)
    if not len(train) or not any(validation.is_query):
        raise InputError(None, f"sources {sources} give no training or no validation data")
    description = f"train: {train.summary()}. validation (held-out classes): {validation.summary()}"
    return train, validation, description


def to_tensors(poses: list[PoseSequence]) -> tuple[torch.Tensor, ...]:
    """The model's four inputs for a list of clips, padded (the same padding the app's encoder uses)."""
    batch = pad_batch(poses)
    return tuple(torch.from_numpy(batch[name]) for name in contract.INPUT_NAMES)


class ClassBalancedSampler:
    """P classes x K clips per batch (clips drawn with replacement when a class has fewer than K, so a
    one-clip class gives K augmented views of itself). ``source_weights`` sets each source's share of the P
    classes; sources are sampled within a batch, classes uniformly within a source."""

    def __init__(self, data: Dataset, classes_per_batch: int, clips_per_class: int, source_weights: dict):
        self.data = data
        self.p, self.k = classes_per_batch, clips_per_class
        labels = np.asarray(data.labels)
        self.members = [np.flatnonzero(labels == c) for c in range(len(data.class_names))]
        by_source: dict[str, list[int]] = {}
        for c, source in enumerate(data.class_source):
            by_source.setdefault(source, []).append(c)
        self.by_source = {s: np.array(c) for s, c in by_source.items() if source_weights.get(s, 0) > 0}
        total = sum(source_weights[s] for s in self.by_source)
        self.shares = {s: source_weights[s] / total for s in self.by_source}

    def classes(self, rng: np.random.Generator) -> np.ndarray:
        sources = list(self.by_source)
        counts = rng.multinomial(self.p, [self.shares[s] for s in sources])
        chosen = [
            rng.choice(self.by_source[s], size=min(n, len(self.by_source[s])), replace=False)
            for s, n in zip(sources, counts, strict=True)
        ]
        return np.concatenate(chosen)

    def batch(self, rng: np.random.Generator) -> np.ndarray:
        """Indices into the dataset, K per chosen class."""
        picks = []
        for c in self.classes(rng):
            members = self.members[c]
            picks.append(rng.choice(members, size=self.k, replace=len(members) < self.k))
        return np.concatenate(picks)
