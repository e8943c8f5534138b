"""tools/simulate_learner.py (the past days take_screenshots gives Home and Progress) runs on today's app: it
had stopped on a field the learning store no longer has, and nothing ran it."""

import sqlite3

from signcore.database import DEFAULT_DATABASE_NAME
from signcore.paths import assets_dir
from tests.test_platform_support import load_tool


def test_a_learners_past_days_are_written_into_a_copy_of_the_starter_database(tmp_path, capsys):
    simulate_learner = load_tool("simulate_learner")
    source, out = assets_dir() / DEFAULT_DATABASE_NAME, tmp_path / "learner.db"
    assert simulate_learner.main([str(source), str(out), "--days", "2"]) == 0
    assert "steps answered over 2 days" in capsys.readouterr().out
    with sqlite3.connect(out) as copy:
        answered = copy.execute("SELECT COUNT(*) FROM learning_reviews").fetchone()[0]
    assert answered > 0
