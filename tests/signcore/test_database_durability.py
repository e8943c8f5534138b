"""A process SIGKILLed at random moments while adding clips never loses a committed clip nor integrity."""

import random

import numpy as np
import pytest

from signcore.database import SignDatabase
from tests.db_writer_process import gloss_for, seeded_pose
from tests.support import kill_writer_mid_stream

ROUNDS = 15


def run_writer_until_killed(database_path, first_seed: int, rng: random.Random) -> list[int]:
    """Run the writer for a random moment, SIGKILL it; returns the seeds of the clips it said it committed."""
    return kill_writer_mid_stream(
        "tests.db_writer_process", [str(database_path), str(first_seed)], (0.0, 0.2), rng
    )


@pytest.mark.slow
def test_killed_writer_never_loses_committed_clips(tmp_path):
    rng = random.Random(1234)
    database_path = tmp_path / "signs.db"
    promised: list[int] = []
    for round_number in range(ROUNDS):
        new = run_writer_until_killed(database_path, first_seed=round_number * 100_000, rng=rng)
        promised += new
        with SignDatabase(database_path) as database:
            assert database.integrity_check() == "ok", f"round {round_number}"
            stored = {clip.source: clip for clip in database.clips()}
            missing = [seed for seed in promised if f"seed-{seed}" not in stored]
            assert not missing, f"round {round_number}: committed clips lost after the kill: seeds {missing}"
            for seed in new:  # earlier rounds' clips were compared when they were new
                clip = stored[f"seed-{seed}"]
                assert database.sign(clip.sign_id).gloss == gloss_for(seed)
                expected, actual = seeded_pose(seed), database.clip_pose(clip.id)
                np.testing.assert_array_equal(actual.points, expected.points)
                np.testing.assert_array_equal(actual.mask, expected.mask)
                np.testing.assert_array_equal(actual.timestamps, expected.timestamps)
            assert len({s.gloss.casefold() for s in database.signs()}) == len(database.signs())
    print(f"{len(promised)} committed clips checked after {ROUNDS} kills")
    assert len(promised) > ROUNDS  # the kills really landed while clips were being written
