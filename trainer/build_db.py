"""Build the default sign database shipped in ``assets/default_signs.db``.

    python -m trainer build-db --out assets/default_signs.db [--clips-per-sign 8] [--encoder FILE.onnx]

Signs, from licensed data only (see NOTICE.md), each with a handful of reference clips and their provenance:

* the 30 words of DGS ``3D_full`` (language "DGS", Apache-2.0). Reference clips are taken from the clips
  ``split.json`` puts in galleries ("train", "zs_gallery"), never from its query clips, so evaluations on the
  split stay clean even if someone uses this database.
* the traduttore classes (language "ASL", MIT), without "-" (idle footage, not a sign).

Each sign is tagged with its language, ``STARTER_SIGN_TAG`` ("default") and its lesson
(:data:`signcore.lessons.STARTER_LESSONS`).

Embeddings of every clip by the given encoder (default: the shipped one) are cached in the database, so the
app recognises signs on first start without embedding anything. The file is written atomically.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from signcore.database import ClipOrigin, SignDatabase
from signcore.encoder import Encoder
from signcore.formats import TRADUTTORE_IDLE, LabeledClip, load_traduttore
from signcore.lessons import STARTER_SIGN_TAG, starter_lesson_tag
from trainer.data import DEFAULT_SHARED_DATA, DataRoots, dgs_clips_in, read_dgs_split

DGS_LICENCE = "Apache-2.0, DGS sign data set by Tachionstrahl (licenses/dgs-Tachionstrahl-Apache-2.0.txt)"
TRADUTTORE_LICENCE = "MIT, traduttore project (licenses/traduttore-MIT.txt)"


def first_per_gloss(clips: list[LabeledClip], count: int) -> dict[str, list[LabeledClip]]:
    """Up to ``count`` clips per gloss, in the order given."""
    chosen: dict[str, list[LabeledClip]] = {}
    for clip in clips:
        taken = chosen.setdefault(clip.gloss, [])
        if len(taken) < count:
            taken.append(clip)
    return chosen


def reference_clips(roots: DataRoots, per_sign: int) -> list[tuple[str, str, list[LabeledClip], str]]:
    """(gloss, language, clips, licence) per sign."""
    split = read_dgs_split(roots.dgs)
    gallery = sorted(split["train"] + split["zs_gallery"])
    dgs = first_per_gloss(dgs_clips_in(roots.dgs, gallery), per_sign)
    traduttore = first_per_gloss(
        [c for c in load_traduttore(roots.traduttore) if c.gloss != TRADUTTORE_IDLE], per_sign
    )
    return [(gloss, "DGS", clips, DGS_LICENCE) for gloss, clips in sorted(dgs.items())] + [
        (gloss, "ASL", clips, TRADUTTORE_LICENCE) for gloss, clips in sorted(traduttore.items())
    ]


def build(out: Path, roots: DataRoots, encoder: Encoder, per_sign: int) -> dict[str, int]:
    """Write the database to ``out``; returns counts of signs, clips and embeddings."""
    signs = reference_clips(roots, per_sign)
    data_root = Path(os.path.commonpath([roots.dgs, roots.traduttore]))  # provenance is relative to it
    with (
        tempfile.TemporaryDirectory(dir=out.parent) as folder,
        SignDatabase(Path(folder) / "new.db") as database,
    ):
        clip_ids, poses = [], []
        for gloss, language, clips, licence in signs:
            lesson = starter_lesson_tag(language, gloss)
            tags = [language, STARTER_SIGN_TAG, *([lesson] if lesson else [])]
            # No notes: they are the learner's; the data's credit is each clip's licence and Help → About.
            sign_id = database.add_sign(gloss, language, tags=tags)
            for clip in clips:
                source = Path(clip.source).relative_to(data_root).as_posix()
                clip_ids.append(
                    database.add_clip(sign_id, clip.pose, ClipOrigin(source, clip.signer, licence))
                )
                poses.append(clip.pose)
        database.store_embeddings(encoder.model_hash, clip_ids, encoder.embed_many(poses))
        database.write_snapshot(out)
    return {"signs": len(signs), "clips": len(clip_ids), "embeddings": len(clip_ids)}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=Path("assets/default_signs.db"))
    parser.add_argument("--data", type=Path, default=DEFAULT_SHARED_DATA, help="the shared data folder")
    parser.add_argument("--clips-per-sign", type=int, default=8)
    parser.add_argument(
        "--encoder", type=Path, help="ONNX encoder whose embeddings to cache (default: shipped)"
    )


def run(args: argparse.Namespace) -> int:
    args.out.parent.mkdir(parents=True, exist_ok=True)
    counts = build(args.out, DataRoots.under(args.data), Encoder(args.encoder), args.clips_per_sign)
    size = args.out.stat().st_size / 1e6
    print(f"wrote {args.out} ({size:.1f} MB): " + ", ".join(f"{n} {what}" for what, n in counts.items()))
    return 0
