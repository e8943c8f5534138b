"""tools/measure_open_set.py (are true attempts praised and other signs not?) runs on today's app and tables
every set it can build from the data it is given."""

import json

from desktop_app.core.app.models_switch import load_encoder
from tests.support import TEST_DATA, embedded_dgs_samples
from tests.test_platform_support import load_tool


def test_true_and_wrong_attempts_are_tabled_and_written(tmp_path, capsys):
    embedded_dgs_samples(tmp_path / "samples.db", load_encoder(None)).close()
    out = tmp_path / "open_set.json"
    code = load_tool("measure_open_set").main(
        ["--db", str(tmp_path / "samples.db"), "--data", str(TEST_DATA), "--unknown", "2", "--json", str(out)]
    )
    assert code == 0
    table, rows = capsys.readouterr().out, json.loads(out.read_text())
    # The samples: hallo (2 clips), Bier and du (1 each), all DGS; the test data's DGS words, no video
    held_out = [row for row in rows if row["set"] == "true, held out"]
    assert {row["sign"] for row in held_out} == {"hallo"} and len(held_out) == 2
    left_out = [row for row in rows if row["set"] == "wrong, sign left out"]
    assert len(left_out) == 4 and all(row["scored_as"] != row["sign"] for row in left_out)
    unknown = [row for row in rows if row["set"] == "wrong, DGS unknown words"]
    assert len(unknown) == 2 and all(row["sign"] == "" for row in unknown)
    assert all(0.0 <= row["score"] <= 100.0 and 0.0 <= row["curve"] <= 100.0 for row in rows)
    assert "| tune | true, held out | 2 |" in table and "| test | wrong, DGS unknown words | 2 |" in table
    assert "WLASL" not in table  # no such videos in the data given: no row
