"""tools/measure_hand_sides.py (is each stored hand on the side its own shape says?) reads a hand's side
from its shape alone, and tables a database's clips by language and side."""

import numpy as np

from signcore.database import SignDatabase
from signcore.formats import TRADUTTORE_IDLE, load_traduttore
from signcore.ingest import import_clips
from tests.support import TEST_DATA
from tests.test_platform_support import load_tool

tool = load_tool("measure_hand_sides")


def sample_clips():
    clips = load_traduttore(TEST_DATA / "traduttore" / "traduttore_sample.npz")
    return [clip for clip in clips if clip.gloss != TRADUTTORE_IDLE]


def agreeing(poses) -> float:
    agrees = np.concatenate([np.concatenate(list(tool.shape_agrees(pose).values())) for pose in poses])
    return float(agrees.mean())


def test_a_hand_is_shaped_as_the_side_holistic_tracked_it_on_and_a_hand_put_on_the_other_side_is_not():
    """The committed ASL samples' hands (sided by MediaPipe Holistic) are mostly shaped as their side; the
    mirror image of a clip (each hand flipped and put on the other side) is too, as a left-handed signer is;
    a clip whose hands were only put on each other's side, unflipped, is mostly shaped as the other."""
    poses = [clip.pose for clip in sample_clips()]
    assert agreeing(poses) > 0.85
    assert abs(agreeing([pose.mirrored() for pose in poses]) - agreeing(poses)) < 0.01
    assert agreeing([pose.hands_swapped() for pose in poses]) < 0.15


def test_the_clips_of_a_database_are_tabled_by_language_and_side(tmp_path, capsys):
    with SignDatabase(tmp_path / "samples.db") as database:
        import_clips(database, sample_clips(), language="ASL")
        rows = tool.measure(database)
    right = next(row for row in rows if (row["language"], row["side"]) == ("ASL", "right"))
    assert right["frames"] > 0 and right["agree"] > 0.85 * right["frames"]
    assert tool.main(["--db", str(tmp_path / "samples.db")]) == 0
    table = capsys.readouterr().out
    assert (
        table.startswith("| language | hand stored as |") and f"| ASL | right | {right['frames']} |" in table
    )
