"""A process importing clips into a sign database forever, for the kill test (test_database_durability.py).

``python -m tests.db_writer_process DB FIRST_SEED`` imports clip after clip (clip k has the landmarks of
:func:`seeded_pose` with seed FIRST_SEED + k, its source is ``seed-<seed>`` and its sign one of a few glosses,
created by the import when new) and prints the seed only once the import has returned, i.e. its transaction
has committed, so every printed line is a promise the database must keep after a SIGKILL.
"""

from __future__ import annotations

import sys

import numpy as np

from signcore.layout import N_DIMS, N_POINTS, PoseSequence


def seeded_pose(seed: int, max_frames: int = 60) -> PoseSequence:
    """A random but reproducible clip: pixel coordinates, some points missing, uneven frame times."""
    rng = np.random.default_rng(seed)
    frames = int(rng.integers(2, max_frames + 1))  # a one-frame clip is refused by the import
    points = rng.uniform(0, 720, (frames, N_POINTS, N_DIMS)).astype(np.float32)
    mask = rng.random((frames, N_POINTS)) > 0.3
    timestamps = np.cumsum(rng.uniform(0.02, 0.05, frames)) - 0.02
    return PoseSequence(points, mask, timestamps, width=540, height=720, meta={"seed": seed})


def gloss_for(seed: int) -> str:
    return f"SIGN{seed % 7}"


def main(database_path: str, first_seed: int) -> None:
    from signcore.database import SignDatabase
    from signcore.formats import LabeledClip
    from signcore.ingest import import_clips

    database = SignDatabase(database_path)
    print("ready", flush=True)
    seed = first_seed
    while True:
        clip = LabeledClip(gloss_for(seed), seeded_pose(seed), f"seed-{seed}", language="DGS")
        report = import_clips(database, [clip])
        assert report.added == 1, report
        print(seed, flush=True)
        seed += 1


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
