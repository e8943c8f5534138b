from desktop_app.core.app.about import about_text
from signcore.database import SignDatabase
from signcore.paths import assets_dir


def test_about_credits_every_data_set_and_model_shipped_with_its_licence():
    text = about_text()
    assert text.startswith("SignPractice")
    for credited in ("Tachionstrahl", "traduttore", "MediaPipe", "Apache License 2.0", "MIT License"):
        assert credited in text
    assert "stays on this computer" in text and "NOTICE.md" in text


def test_the_starter_signs_leave_their_notes_to_the_learner(tmp_path):
    """Their notes said "Reference clips from the ASL data (MIT)." on the practice page: a credit, now in
    Help → About, while the notes are the learner's to write."""
    copy = tmp_path / "signs.db"
    copy.write_bytes((assets_dir() / "default_signs.db").read_bytes())
    with SignDatabase(copy) as database:
        signs = database.signs()
        assert signs and [sign.notes for sign in signs] == [""] * len(signs)
