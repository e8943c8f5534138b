"""Starting the window: on a damaged database, the learner's answer to the one question is final; on data
another copy of the app has open, the second copy says so and ends."""

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.__main__ import main
from desktop_app.core.app.context import Launch
from desktop_app.core.shared.settings import SETTINGS_FILE_NAME, Settings
from desktop_app.ui import app
from desktop_app.ui.one_copy import IN_USE, LOCK_FILE_NAME
from signcore.database import DATABASE_NAME
from signcore.errors import InputError
from signcore.paths import NoDataFolderError, user_data_dir


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


def test_the_app_shows_the_keyboard_on_every_control_from_its_start(qtbot, monkeypatch, qapp):
    """Its buttons, check boxes and combo boxes kept the style's faint mark of the keyboard (or none before a
    key was pressed): the app's style frames it, from the first window (here the one that says the database
    cannot be opened)."""
    from desktop_app.ui.panes import FocusFramed

    monkeypatch.setattr(app.QMessageBox, "critical", lambda *args: None)

    def unreadable(*_args):
        raise InputError("signs.db", "unreadable")

    monkeypatch.setattr(app.AppContext, "open", unreadable)
    qapp.setStyle("Fusion")  # as the application was made
    try:
        app.run_app(
            Settings(), Launch(camera=0, video_is_selfie=False, database_path=None, model_path=None), []
        )
        assert isinstance(qapp.style(), FocusFramed)
    finally:
        app.shows_the_keyboard_everywhere()  # for the tests after it, as the tests' application has it


def test_a_database_that_cannot_be_opened_says_what_to_do_and_that_the_app_closes(qtbot, monkeypatch):
    """Its one button was OK, which quit."""
    shown = []
    monkeypatch.setattr(app.QMessageBox, "critical", lambda *args: shown.append(args))
    problem = "its folder cannot be written to (a read-only drive, or no permission); nothing was changed"
    assert app.show_cannot_open(InputError("/home/x/signs.db", problem)) == 2
    [(_parent, _title, text, buttons)] = shown
    assert text == (
        "The sign database cannot be opened, so SignPractice cannot start.\n\n"
        f"/home/x/signs.db: {problem}\n\n"
        "Put that right (or ask whoever looks after this computer to), then start SignPractice again."
    )
    assert buttons == app.QMessageBox.StandardButton.Close


# Another copy of the app, as far as the lock goes: it takes the data folder's lock, says so, and holds it
# until its input closes (or it is killed).
OTHER_COPY = """
import sys
from pathlib import Path
from desktop_app.ui.one_copy import lock_data_folder
lock = lock_data_folder(Path(sys.argv[1]))
print("held" if lock is not None else "refused", flush=True)
sys.stdin.read()
"""


def other_copy_holding_the_lock() -> subprocess.Popen:
    other = subprocess.Popen(
        [sys.executable, "-c", OTHER_COPY, str(user_data_dir())],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert other.stdout is not None and other.stdout.readline().strip() == "held"
    return other


def app_started(monkeypatch) -> list[str]:
    """What ``python -m desktop_app`` got to: the message it gave instead, or "opened" (the context opens,
    here refused)."""
    reached: list[str] = []
    monkeypatch.setattr(app.QMessageBox, "exec", lambda box: reached.append(box.text()) or 0)
    monkeypatch.setattr(app.QMessageBox, "critical", lambda *args: None)
    monkeypatch.setattr(gc, "freeze", lambda: None)  # what the app does as it ends, not for a test process

    def open_context(*args):
        reached.append("opened")
        raise InputError("signs.db", "not opened in this test")

    monkeypatch.setattr(app.AppContext, "open", open_context)
    return reached


def test_a_second_copy_on_the_same_data_says_the_app_is_already_open_and_ends(qtbot, monkeypatch):
    """A second copy opened the same profile and wrote the same database and settings as the first."""
    reached = app_started(monkeypatch)
    other = other_copy_holding_the_lock()
    try:
        assert main([]) == 1
    finally:
        other.communicate("")  # its input closes: it ends, and its lock goes with it
    assert len(reached) == 1 and reached[0].startswith("SignPractice is already open with your data")
    assert main([]) == 2  # that copy closed: this one starts
    assert reached[1:] == ["opened"]


def test_a_second_copy_stops_before_it_touches_the_data_folder(qtbot, monkeypatch):
    """It read settings.json before it found the lock, and moved a file it could not read aside: from under
    the copy that had it open."""
    reached = app_started(monkeypatch)
    settings = user_data_dir() / SETTINGS_FILE_NAME
    settings.write_text("{not json", encoding="utf-8")
    other = other_copy_holding_the_lock()
    try:
        assert main([]) == 1
        assert len(reached) == 1  # the message, and nothing else
        assert settings.read_text(encoding="utf-8") == "{not json"
        assert sorted(path.name for path in user_data_dir().iterdir()) == [LOCK_FILE_NAME, SETTINGS_FILE_NAME]
    finally:
        other.communicate("")


@pytest.mark.parametrize(
    "mode", [["--score", "attempt.pose", "--sign", "hallo"], ["--selftest", "--camera", "signing.mp4"]]
)
def test_the_command_line_modes_wait_for_the_app_to_close(mode, capsys):
    """--score opened the learner's database while the app had it open (and the log, the settings)."""
    other = other_copy_holding_the_lock()
    try:
        assert main(mode) == 1
        assert [path.name for path in user_data_dir().iterdir()] == [LOCK_FILE_NAME]  # not even the log
    finally:
        other.communicate("")
    said = capsys.readouterr().err
    assert said == IN_USE.format(folder=user_data_dir()) + "\n"
    assert said.endswith("close it, then run this again. Both at once would write to the same files.\n")


def test_the_file_to_delete_is_only_in_the_details(qtbot, monkeypatch):
    """The message ended with a paragraph naming the lock file to delete; that is for whoever cannot get to
    the other computer, under "Show Details...", not the learner's main text."""
    from desktop_app.ui.one_copy import say_already_open

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(app.QMessageBox, "exec", lambda box: shown.append((box.text(), box.detailedText())))
    say_already_open(user_data_dir())
    [(text, details)] = shown
    assert "another computer" in text and LOCK_FILE_NAME not in text
    assert str(user_data_dir() / LOCK_FILE_NAME) in details


def test_the_lock_of_a_copy_that_was_killed_does_not_keep_the_app_from_starting(qtbot, monkeypatch):
    reached = app_started(monkeypatch)
    other = other_copy_holding_the_lock()
    other.kill()  # no chance to release its lock
    other.wait()
    assert (user_data_dir() / LOCK_FILE_NAME).exists()
    assert main([]) == 2
    assert reached == ["opened"]


def test_a_data_folder_that_cannot_be_made_is_said_in_a_window(qtbot, monkeypatch, capsys):
    """Said on the terminal only: the app started from a launcher (the installer's has no console) showed
    nothing at all."""
    import desktop_app.__main__ as entry

    folder = Path("/home/learner/.local/share/SignPractice")
    no_folder = NoDataFolderError(folder, "no permission")

    def refused():
        raise no_folder

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(entry, "user_data_dir", refused)
    monkeypatch.setattr(entry, "drawn_nowhere", lambda: False)  # as on a learner's screen
    monkeypatch.setattr(app.QMessageBox, "exec", lambda box: shown.append((box.text(), box.detailedText())))
    assert main([]) == 2
    [(text, details)] = shown
    assert text.startswith("SignPractice cannot start") and str(folder) in text and "no permission." in text
    assert "SIGNPRACTICE_DATA_DIR" not in text and details == str(no_folder)  # the developers' way: details
    assert str(no_folder) in capsys.readouterr().err  # and the terminal's line as before
    assert main(["--selftest"]) == 2 and len(shown) == 1  # a command-line mode: the terminal only
