"""How often does a new reference clip look unlike its sign's other clips? A table (and JSON) per language.

    python tools/measure_clip_check.py [--db DATABASE] [--json clip_check.json] [--limit N]

Every clip of the database with an embedding (the shipped starter database unless --db, read from a copy;
--limit: its first N clips of each language), left out of the gallery, is checked as a new clip would be
(desktop_app.core.judging.clip_check, a right-handed learner's recording): as a clip of (a) its own sign, (b)
another sign of its language (seeded), and (c) its own sign with both hands lowered by half and by one
shoulder width (clips with shoulders). A fair check: few clips of (a) look unlike, most of (b) and of (c) at
one shoulder width do.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run from anywhere: this checkout's packages, not an installed copy's

from desktop_app.core.app.context import AppContext  # noqa: E402
from desktop_app.core.app.models_switch import load_encoder  # noqa: E402
from desktop_app.core.judging.clip_check import ClipCheck  # noqa: E402
from desktop_app.core.shared.settings import Settings  # noqa: E402
from signcore.database import opened_copy  # noqa: E402
from signcore.errors import ends_plainly  # noqa: E402
from signcore.files import write_text_atomically  # noqa: E402
from signcore.layout import LEFT_HAND, LEFT_SHOULDER, RIGHT_HAND, RIGHT_SHOULDER, PoseSequence  # noqa: E402
from signcore.paths import assets_dir  # noqa: E402

LOWERED = {"half a shoulder width": 0.5, "a shoulder width": 1.0}
SEED = 7


def lowered(pose: PoseSequence, shoulder_widths: float) -> PoseSequence | None:
    """``pose`` with both hands lower by ``shoulder_widths`` (None: no shoulders seen to measure by)."""
    seen = pose.mask[:, LEFT_SHOULDER] & pose.mask[:, RIGHT_SHOULDER]
    if not seen.any():
        return None
    widths = np.linalg.norm(
        pose.points[seen, LEFT_SHOULDER, :2] - pose.points[seen, RIGHT_SHOULDER, :2], axis=1
    )
    points = pose.points.copy()
    for hand in (LEFT_HAND, RIGHT_HAND):
        points[:, hand, 1] += shoulder_widths * float(np.median(widths))
    return replace(pose, points=points)


def measure(context: AppContext, limit: int | None) -> list[dict]:
    database, gallery = context.database, context.gallery()
    if gallery is None:
        raise SystemExit("no model loaded: nothing to compare with")
    languages = {sign.id: sign.language for sign in database.signs()}
    signs_of: dict[str, list[int]] = defaultdict(list)
    for sign_id in dict.fromkeys(gallery.sign_ids.tolist()):
        signs_of[languages[sign_id]].append(sign_id)
    chooser = random.Random(SEED)
    taken: dict[str, int] = defaultdict(int)
    # Each clip's score judged against the rest (what a sign tolerates: ClipCheck._tolerated), judged once, by
    # the first check that needs it (its own clip left out too): per check, it took ~10 times as long
    clip_scores: dict[int, float | None] = {}
    rows = []
    for clip_id, sign_id in zip(gallery.clip_ids.tolist(), gallery.sign_ids.tolist(), strict=True):
        language = languages[sign_id]
        if limit is not None and taken[language] >= limit:
            continue
        taken[language] += 1
        # the clip is new: not compared with itself
        check = ClipCheck(context, gallery.without_clips([clip_id]), clip_scores)
        pose = database.clip_pose(clip_id)
        others = [other for other in signs_of[language] if other != sign_id]
        attempts = [("own sign", sign_id, pose)]
        if others:
            attempts.append(("another sign", chooser.choice(others), pose))
        for words, widths in LOWERED.items():
            moved = lowered(pose, widths)
            if moved is not None:
                attempts.append((f"own sign, {words} lower", sign_id, moved))
        for kind, checked_as, attempt in attempts:
            if check.compares(checked_as):
                unlike = check.unlike(checked_as, attempt)
                rows.append(
                    {
                        "kind": kind,
                        "language": language,
                        "clip": clip_id,
                        "checked_as": gallery.name(checked_as),
                        "unlike": None if unlike is None else unlike.words,
                    }
                )
    return rows


def table(rows: list[dict]) -> str:
    lines = ["| new clip | language | clips | look unlike |", "|---|---|---:|---:|"]
    for kind in dict.fromkeys(row["kind"] for row in rows):
        for language in sorted({row["language"] for row in rows if row["kind"] == kind}):
            chosen = [row for row in rows if (row["kind"], row["language"]) == (kind, language)]
            unlike = sum(row["unlike"] is not None for row in chosen)
            lines.append(
                f"| {kind} | {language} | {len(chosen)} | {unlike} ({100 * unlike / len(chosen):.0f}%) |"
            )
    return "\n".join(lines)


@ends_plainly  # a --db that does not exist: said on one line, exit code 2
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=assets_dir() / "default_signs.db")
    parser.add_argument("--json", type=Path, help="also write every check's row here")
    parser.add_argument("--limit", type=int, help="check only the first N clips of each language")
    args = parser.parse_args(argv)
    with opened_copy(args.db) as database:  # never opened in place: the shipped file is only copied
        context = AppContext(Settings(), database, load_encoder(None), database.path.parent / "settings.json")
        try:
            rows = measure(context, args.limit)
        finally:
            context.close()
    print(table(rows))
    if args.json is not None:
        write_text_atomically(args.json, json.dumps(rows, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
