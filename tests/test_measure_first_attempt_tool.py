"""tools/measure_first_attempt.py (the first attempt's scoring time on the pages that score attempts) runs on
today's app, each scenario in a fresh process, and tables a checkout beside another."""

import json

from tests.support import REPO
from tests.test_platform_support import load_tool


def test_a_scenario_is_measured_on_two_checkouts_and_tabled_side_by_side(tmp_path, capsys):
    out = tmp_path / "runs.json"
    tool = load_tool("measure_first_attempt")
    scenario = "review, signed after 2 s"
    code = tool.main(["--rounds", "1", "--only", scenario, "--compare-with", str(REPO), "--json", str(out)])
    assert code == 0
    header, row = capsys.readouterr().out.splitlines()
    assert "first ms (old)" in header and "first ms (new)" in header and row.startswith(scenario)
    assert row.rstrip().endswith("yes")  # the same checkout twice: the same result
    runs = json.loads(out.read_text())[scenario]
    for run in runs["old"] + runs["new"]:
        assert run["first_ms"] > 0 and run["second_ms"] > 0
        assert run["clips_read_again"] == 0 and run["preparations"] == 1
        assert run["result"]["score"] is not None and run["result"]["correction"]


def test_a_scenario_leaves_no_copy_of_the_database_behind_even_when_it_fails(tmp_path, monkeypatch):
    """Each scenario's copy of the starter database stayed in the temporary folder when the scenario
    failed (here: the practised sign missing from the database)."""
    import tempfile

    import pytest

    from desktop_app.core.judging import practice

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(practice, "prepare_references", practice.prepare_references)  # the tool counts it
    tool = load_tool("measure_first_attempt")
    monkeypatch.setattr(tool, "PRACTISED_SIGN", ("no such sign", "DGS"))
    with pytest.raises(KeyError):
        tool.run_scenario("practice", 0.0)
    assert list(tmp_path.iterdir()) == []
