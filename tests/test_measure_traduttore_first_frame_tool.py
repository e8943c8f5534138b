"""tools/measure_traduttore_first_frame.py (is a traduttore sequence's first frame of another moment?) tells a
first frame left over from the sequence before from one that belongs to its own sequence."""

import json

import numpy as np
import pytest

from tests.support import TEST_DATA
from tests.test_platform_support import load_tool


@pytest.fixture(scope="module")
def tool():
    return load_tool("measure_traduttore_first_frame")


def test_a_first_frame_left_over_from_the_sequence_before_is_told_apart(tool, tmp_path, capsys):
    with np.load(TEST_DATA / "traduttore" / "traduttore_sample.npz") as archive:
        earlier, later, own = archive["X"][6].copy(), archive["X"][5].copy(), archive["X"][19].copy()
    later[0] = earlier[-1]  # taken just after the sequence before it, then the 2 s pause
    own[0] = own[1]  # a first frame of its own sequence: no step at all
    (tmp_path / "traduttore").mkdir()
    np.savez(
        tmp_path / "traduttore" / "traduttore_MP_Data.npz",
        X=np.stack([earlier, later, own]),
        labels=np.array(["coffee", "coffee", "tea"]),
        seq=np.array([0, 1, 0]),
    )
    out = tmp_path / "first.json"
    assert tool.main(["--data", str(tmp_path), "--json", str(out)]) == 0
    assert "closer to the previous sequence's last frame: 100.0%" in capsys.readouterr().out
    results = json.loads(out.read_text())
    previous = results["previous_sequence"]
    assert previous["pairs"] == 1 and previous["first_to_previous_last"][2] == 0.0
    assert previous["first_to_own_second"][2] > 0.1  # shoulder widths
    upper = results["measures"]["upper body"]
    assert upper["clips"] == 3 and upper["share_first_largest"] == pytest.approx(2 / 3)
    assert upper["median_step_by_frame"][0] > 5 * upper["median_step_by_frame"][1]
