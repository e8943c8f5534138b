"""A process that adds clips to a sign database forever, for the kill test in test_database_durability.py.

``python -m tests.db_writer_process DB FIRST_SEED`` adds clip after clip (the landmarks of clip k come from
seed FIRST_SEED + k, see :func:`seeded_pose`) and prints ``<clip id> <seed>`` only once the clip's
transaction has committed, so every printed line is a promise the database must keep after a SIGKILL.
"""

from __future__ import annotations

import sys

import numpy as np

from signcore.layout import N_DIMS, N_POINTS, PoseSequence


def seeded_pose(seed: int, max_frames: int = 60) -> PoseSequence:
    """A random but reproducible clip: pixel coordinates, some points missing, uneven frame times."""
    rng = np.random.default_rng(seed)
    frames = int(rng.integers(1, max_frames + 1))
    points = rng.uniform(0, 720, (frames, N_POINTS, N_DIMS)).astype(np.float32)
    mask = rng.random((frames, N_POINTS)) > 0.3
    timestamps = np.cumsum(rng.uniform(0.02, 0.05, frames)) - 0.02
    return PoseSequence(points, mask, timestamps, width=540, height=720, meta={"seed": seed})


def main(database_path: str, first_seed: int) -> None:
    from signcore.database import SignDatabase

    database = SignDatabase(database_path)
    sign_id = next((s.id for s in database.signs() if s.gloss == "KILLTEST"), None)
    if sign_id is None:
        sign_id = database.add_sign("KILLTEST", "DGS")
    print("ready", flush=True)
    seed = first_seed
    while True:
        clip_id = database.add_clip(sign_id, seeded_pose(seed), source=f"seed-{seed}")
        print(clip_id, seed, flush=True)
        seed += 1


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
