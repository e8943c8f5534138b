"""tools/measure_clip_check.py (how often a new clip looks unlike its sign's other clips, on a database's
clips) runs on today's app and tables each kind of new clip it checks."""

import json

from desktop_app.core.app.models_switch import embed_missing, load_encoder
from signcore.database import SignDatabase
from signcore.formats import TRADUTTORE_IDLE, load_traduttore
from signcore.ingest import import_clips
from tests.support import TEST_DATA
from tests.test_platform_support import load_tool


def test_the_clips_of_a_database_are_checked_as_new_clips_and_tabled(tmp_path, capsys):
    """The committed ASL samples (several clips of a few signs, the body in view)."""
    clips = load_traduttore(TEST_DATA / "traduttore" / "traduttore_sample.npz")
    with SignDatabase(tmp_path / "samples.db") as database:
        import_clips(database, [clip for clip in clips if clip.gloss != TRADUTTORE_IDLE], language="ASL")
        embed_missing(database, load_encoder(None))
    out = tmp_path / "rows.json"
    tool = load_tool("measure_clip_check")
    assert tool.main(["--db", str(tmp_path / "samples.db"), "--json", str(out), "--limit", "4"]) == 0
    rows = json.loads(out.read_text())
    assert {row["kind"] for row in rows} == {
        "own sign",
        "another sign",
        "own sign, half a shoulder width lower",
        "own sign, a shoulder width lower",
    }
    assert all(row["unlike"] is None or row["unlike"].startswith("This clip looks unlike") for row in rows)
    table = capsys.readouterr().out
    assert (
        table.startswith("| new clip | language | clips | look unlike |")
        and "| another sign | ASL |" in table
    )
