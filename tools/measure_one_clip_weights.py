"""The one-clip encoder weight by its rule: the two one-clip validation rows at each candidate weight.

    PYTHONPATH=. python tools/measure_one_clip_weights.py [--data ../shared/data] [--model FILE]
        [--draws 20] [--cache-dir DIR] [--json FILE]

A gallery with one clip per sign cannot choose its own encoder weight (no leave-one-out is possible), so
the app ranks it with ``signcore.retrieval.ONE_CLIP_ENCODER_WEIGHT``, chosen beforehand on validation data
only (models/MODEL_CARD.md, "Few reference clips per sign"). This measures the two rows it is chosen on,
through ``trainer.evaluate.few_references`` (1 clip per sign, every gallery from ONE group, ``--draws``
seeded galleries per group):

* DGS validation words (``trainer.data.DGS_VALIDATION_WORDS``): their clips of split.json's "train" list,
  in three seeded random thirds as the groups (DGS does not name its signers);
* traduttore validation classes (``trainer.data.traduttore_split``) across their recording setups
  (``trainer.benchmark.recording_setups``);

encoder alone, DTW alone and the hybrid at each of CANDIDATE_WEIGHTS, and applies the rule
(:func:`chosen_weight`). Never a test word or class. DTW runs once per row (cached in ``--cache-dir``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from signcore.encoder import Encoder
from signcore.files import write_text_atomically
from signcore.formats import TRADUTTORE_IDLE, LabeledClip, load_traduttore
from trainer import evaluate
from trainer.benchmark import recording_setups
from trainer.data import (
    DEFAULT_SHARED_DATA,
    DGS_VALIDATION_WORDS,
    DataRoots,
    dgs_clips_in,
    read_dgs_split,
    traduttore_split,
)

CANDIDATE_WEIGHTS = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
WITHIN = 1.0  # points below the row's better part that a weight may stay
NEAR_TIE_PER_DRAW = 0.5  # asks right per draw under which two weights count as equal
PREFERRED_WEIGHT = 0.5  # a near-tie goes to the weight nearer this: the encoder and DTW alike
DGS_THIRDS = 3


def validation_rows(data: Path) -> dict[str, tuple[list[LabeledClip], list[int]]]:
    """Row name -> (clips, group per clip)."""
    roots = DataRoots.under(data)
    train = read_dgs_split(roots.dgs)["train"]
    dgs = [clip for clip in dgs_clips_in(roots.dgs, train) if clip.gloss in DGS_VALIDATION_WORDS]
    order = np.random.default_rng(0).permutation(len(dgs))
    thirds = np.empty(len(dgs), int)
    thirds[order] = np.arange(len(dgs)) * DGS_THIRDS // len(dgs)
    traduttore = [clip for clip in load_traduttore(roots.traduttore) if clip.gloss != TRADUTTORE_IDLE]
    _, validation_classes = traduttore_split([clip.gloss for clip in traduttore])
    chosen = [clip for clip in traduttore if clip.gloss in validation_classes]
    return {
        "DGS validation words": (dgs, thirds.tolist()),
        "traduttore validation classes": (chosen, recording_setups(chosen)),
    }


def measure_row(
    clips: list[LabeledClip], groups: list[int], encoder: Encoder, cache_dir: Path | None, draws: int
) -> dict:
    """Top-1 and asks right of the encoder, DTW and the hybrid at each candidate weight on one row."""
    embedding, dtw_method = evaluate.EmbeddingMethod(encoder), evaluate.DtwMethod(cache_dir)
    hybrid = evaluate.HybridMethod(embedding, dtw_method)
    groups_count = len(set(groups))
    results: dict = {"clips": len(clips), "groups": groups_count, "draws": draws * groups_count}
    columns: list[tuple[str, evaluate.DistanceMethod, float | None]] = [
        ("encoder", embedding, None),
        ("DTW", dtw_method, None),
        *((f"{weight:g}", hybrid, weight) for weight in CANDIDATE_WEIGHTS),
    ]
    found = {
        column: evaluate.few_references(column, clips, groups, 1, method, draws=draws, encoder_weight=weight)
        for column, method, weight in columns
    }
    # every column asks the same draws (one seed); the hybrid's weights count them
    asks = sum((found[f"{CANDIDATE_WEIGHTS[0]:g}"].encoder_weights or {}).values())
    for column, result in found.items():
        results[column] = {"top1": 100 * result.top1, "right": round(result.top1 * asks), "asks": asks}
    return results


def chosen_weight(rows: dict[str, dict]) -> tuple[float, str]:
    """The rule, fixed beforehand: the candidate weights whose hybrid is within WITHIN points of the row's
    better part (encoder or DTW) on every row; of those the most asks right over all rows, a near-tie
    (under NEAR_TIE_PER_DRAW asks per draw behind the best) going to the weight nearer PREFERRED_WEIGHT.
    None within: the smallest largest shortfall, a tie nearer PREFERRED_WEIGHT. Returns it and why."""
    names = [f"{weight:g}" for weight in CANDIDATE_WEIGHTS]
    shortfall = {
        name: max(
            max(row["encoder"]["top1"], row["DTW"]["top1"]) - row[name]["top1"] for row in rows.values()
        )
        for name in names
    }
    qualified = [name for name in names if shortfall[name] <= WITHIN]
    nearness = {name: abs(float(name) - PREFERRED_WEIGHT) for name in names}
    shortfalls = "largest shortfall " + ", ".join(f"{n} {shortfall[n]:.2f}" for n in names)
    if not qualified:
        least = min(shortfall.values())
        name = min((n for n in names if shortfall[n] == least), key=nearness.__getitem__)
        return float(name), f"{shortfalls}; none within {WITHIN:g} point: the smallest largest shortfall"
    right = {name: sum(row[name]["right"] for row in rows.values()) for name in qualified}
    margin = NEAR_TIE_PER_DRAW * sum(row["draws"] for row in rows.values())
    best = max(right.values())
    near_best = [name for name in qualified if best - right[name] < margin]
    name = min(near_best, key=nearness.__getitem__)
    return float(name), (
        f"{shortfalls}; within {WITHIN:g} point on every row: {', '.join(qualified)}; asks right "
        + ", ".join(f"{n} {right[n]}" for n in qualified)
        + f"; near-tie margin {margin:g}: {', '.join(near_best)}, the nearest {PREFERRED_WEIGHT:g}"
    )


def report(rows: dict[str, dict], weight: float, why: str) -> str:
    columns = ["encoder", "DTW", *(f"{w:g}" for w in CANDIDATE_WEIGHTS)]
    lines = [
        "| one-clip validation row (asks, draws) | " + " | ".join(columns) + " |",
        "|---|" + "---:|" * len(columns),
    ]
    for name, row in rows.items():
        asks = row["encoder"]["asks"]
        cells = [f"{row[column]['top1']:.2f}" for column in columns]
        lines.append(f"| {name} ({asks:,}, {row['draws']}) | " + " | ".join(cells) + " |")
    lines += [
        "",
        "asks right: "
        + "; ".join(
            f"{name}: " + " / ".join(str(row[column]["right"]) for column in columns)
            for name, row in rows.items()
        ),
        "",
        f"chosen: {weight:g} ({why})",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_SHARED_DATA, help="the shared data folder")
    parser.add_argument("--model", type=Path, help="encoder ONNX file (default: the shipped one)")
    parser.add_argument("--draws", type=int, default=20, help="seeded galleries per group (default: 20)")
    parser.add_argument("--cache-dir", type=Path, help="where DTW matrices are kept between runs")
    parser.add_argument("--json", type=Path, help="also write every number here")
    args = parser.parse_args(argv)
    encoder = Encoder(args.model)
    rows = {
        name: measure_row(clips, groups, encoder, args.cache_dir, args.draws)
        for name, (clips, groups) in validation_rows(args.data).items()
    }
    weight, why = chosen_weight(rows)
    if args.json is not None:
        payload = {"rows": rows, "chosen_weight": weight, "why": why}
        write_text_atomically(args.json, json.dumps(payload, indent=1))
    print(report(rows, weight, why))
    return 0


if __name__ == "__main__":
    sys.exit(main())
