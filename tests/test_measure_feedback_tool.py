"""tools/measure_feedback.py (how fair the one correction is, on a database's clips) runs on today's app and
says every kind of attempt it checks."""

import json

from desktop_app.core.models_switch import load_encoder
from tests.support import embedded_dgs_samples
from tests.test_platform_support import load_tool


def test_the_corrections_of_a_databases_clips_are_tabled_and_written(tmp_path, capsys):
    measure_feedback = load_tool("measure_feedback")
    embedded_dgs_samples(tmp_path / "samples.db", load_encoder(None)).close()
    out = tmp_path / "feedback.json"
    assert (
        measure_feedback.main(
            ["--db", str(tmp_path / "samples.db"), "--other-signs", "2", "--json", str(out)]
        )
        == 0
    )
    table = capsys.readouterr().out
    assert "| same sign, DGS |" in table and "| another sign, DGS |" in table
    assert "| reaches the start |" in table.splitlines()[0]
    rows = json.loads(out.read_text())
    assert {row["kind"] for row in rows} == {"same sign", "another sign"}
    assert all(
        row["aspect"] in {"none", "tracking", "handshape", "location", "movement", "orientation"}
        for row in rows
    )
    placed = [row for row in rows if "third" in row]
    assert placed and all(
        isinstance(row["reaches_the_start"], bool) and row["reaches_an_end"] >= row["reaches_the_start"]
        for row in placed
    )
