"""Is each stored hand on the side its own shape says? A table per language and side.

    python tools/measure_hand_sides.py [--db DATABASE]

A left hand is a right hand's mirror image. Seen in 3-D (x, y and the tracker's depth), the turn from the
index to the little finger knuckle about the wrist, taken against the side the fingers curl to (the
fingertips' mean from the palm's centre), turns one way for a right hand and the other for a left, however
the hand faces or points. Every frame of every clip of the database (the shipped starter database unless
--db, read from a copy) where a hand is seen, that side against the side the clip stores the hand on: the
ASL starter clips (MediaPipe Holistic tells its hands apart) show how often the shape alone is right; the
DGS clips' sides are set by their reader (:func:`signcore.formats.dgs._assign_hands`: continuity and the
hand's side of the face; a hand signing at the body's middle is on neither).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run from anywhere: this checkout's packages, not an installed copy's

from signcore.database import SignDatabase, opened_copy  # noqa: E402
from signcore.errors import ends_plainly  # noqa: E402
from signcore.layout import LEFT_HAND, RIGHT_HAND, PoseSequence  # noqa: E402
from signcore.normalize import right_shaped  # noqa: E402
from signcore.paths import assets_dir  # noqa: E402

SIDES = {"left": LEFT_HAND, "right": RIGHT_HAND}


def shape_agrees(pose: PoseSequence) -> dict[str, np.ndarray]:
    """Per side, for each frame where the clip stores a hand there (seen whole), whether its shape is of
    that side."""
    agrees = {}
    for side, points in SIDES.items():
        seen = pose.mask[:, points].all(axis=1)
        agrees[side] = right_shaped(pose.points[seen, points]) == (side == "right")
    return agrees


def measure(database: SignDatabase) -> list[dict]:
    """One row per language and side: frames, and of them those whose hand's shape is of that side; clips
    with that hand seen, and of them those where it is in fewer than half its frames."""
    languages = {sign.id: sign.language for sign in database.signs()}
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for clip in database.clips():
        for side, agrees in shape_agrees(database.clip_pose(clip.id)).items():
            if len(agrees):
                row = counts[languages[clip.sign_id], side]
                row[0] += len(agrees)
                row[1] += int(agrees.sum())
                row[2] += 1
                row[3] += int(agrees.mean() < 0.5)
    return [
        {
            "language": language,
            "side": side,
            "frames": frames,
            "agree": agree,
            "clips": clips,
            "against": against,
        }
        for (language, side), (frames, agree, clips, against) in sorted(counts.items())
    ]


def table(rows: list[dict]) -> str:
    def percent(part: int, whole: int) -> str:
        return f"{part} ({100 * part / whole:.0f}%)"

    header = [
        "| language | hand stored as | frames | shaped as that hand | clips | mostly shaped as the other |",
        "|---|---|---:|---:|---:|---:|",
    ]
    return "\n".join(
        header
        + [
            f"| {row['language']} | {row['side']} | {row['frames']} | {percent(row['agree'], row['frames'])} "
            f"| {row['clips']} | {percent(row['against'], row['clips'])} |"
            for row in rows
        ]
    )


@ends_plainly  # a --db that does not exist: said on one line, exit code 2
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=assets_dir() / "default_signs.db")
    with opened_copy(parser.parse_args(argv).db) as database:  # the shipped file is only ever copied
        print(table(measure(database)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
