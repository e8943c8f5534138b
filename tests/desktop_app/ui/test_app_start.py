"""Starting the window on a damaged database: the learner's answer to the one question is final."""

from desktop_app.core.context import Launch
from desktop_app.core.settings import Settings
from desktop_app.ui import app
from signcore.database import DATABASE_NAME
from signcore.paths import user_data_dir


def test_quit_on_the_damaged_database_question_quits_without_a_second_box(qtbot, monkeypatch):
    """Quit showed "The sign database cannot be opened…" after the question had said just that."""
    (user_data_dir() / DATABASE_NAME).write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    asked, boxes = [], []
    monkeypatch.setattr(app, "start_again_agreed", lambda error: asked.append(error) or False)
    monkeypatch.setattr(app.QMessageBox, "critical", lambda *args: boxes.append(args))
    launch = Launch(camera=0, video_is_selfie=False, database_path=None, model_path=None)
    assert app.run_app(Settings(), launch, []) == 2
    assert len(asked) == 1 and boxes == []
    assert (user_data_dir() / DATABASE_NAME).exists()  # nothing set aside
