"""The learner's machine misbehaving: no folder for their data, a full disk, a read-only drive.

The full and read-only disks are real (a 2 MB tmpfs, mounted when the tests run as root on Linux, skipped
otherwise); the one check every machine runs simulates the full disk inside the atomic-write helper.
"""

from __future__ import annotations

import errno
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import pytest

from desktop_app.core.app import portable
from desktop_app.core.shared.settings import Settings
from signcore.database import DatabaseError, SignDatabase
from signcore.errors import InputError
from signcore.files import STALE_PART_SECONDS, write_atomically, write_text_atomically
from tests.db_writer_process import seeded_pose
from tests.support import REPO, TEST_DATA

NO_DATA_FOLDER = "cannot make the folder for your data here (a file stands where it should be)"


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=REPO, capture_output=True, text=True, timeout=240, env=env
    )


@pytest.mark.parametrize(
    "args",
    [
        ["-m", "desktop_app", "--selftest"],
        ["-m", "desktop_app"],  # the window
        ["-m", "desktop_app", "--score", str(TEST_DATA / "pose" / "mediapipe.pose"), "--sign", "hallo"],
        ["-m", "trainer", "evaluate", str(TEST_DATA / "dgs" / "3D_full"), "--method", "dtw"],
    ],
    ids=["selftest", "window", "score", "evaluate"],
)
def test_a_data_folder_that_cannot_be_made_is_one_sentence_not_a_traceback(tmp_path, args):
    in_the_way = tmp_path / "SignPractice"
    in_the_way.write_text("a file where the data folder should be")
    env = {**os.environ, "SIGNPRACTICE_DATA_DIR": str(in_the_way), "QT_QPA_PLATFORM": "offscreen"}
    result = run(args, env)
    assert result.returncode == 2, result.stderr[-3000:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]  # was FileExistsError's
    assert f"{in_the_way}: {NO_DATA_FOLDER}" in result.stderr


def test_a_full_disk_while_writing_a_file_says_so_and_keeps_the_old_file(tmp_path):
    target = tmp_path / "settings.json"
    target.write_text("the learner's settings")

    def fill_the_disk(temporary):
        temporary.write_text("half of it")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with pytest.raises(InputError) as caught:
        write_atomically(target, fill_the_disk)
    assert (
        str(caught.value) == f"{target}: cannot write it (the disk is full)"
    )  # was "No space left on device"
    assert target.read_text() == "the learner's settings" and os.listdir(tmp_path) == ["settings.json"]


def test_a_folder_where_the_file_should_be_written_says_so(tmp_path):
    export = tmp_path / "report.json"
    export.mkdir()
    with pytest.raises(InputError) as caught:  # e.g. --json OUT naming a folder
        write_text_atomically(export, "{}")
    assert str(caught.value) == f"{export}: cannot write it (a folder stands where the file should be)"
    assert export.is_dir() and os.listdir(tmp_path) == ["report.json"]  # was "(Is a directory)"


# -- a real full disk and a real read-only drive -------------------------------------------------------------


@pytest.fixture
def tiny_disk(tmp_path):
    """A 2 MB file system of its own (tmpfs), mounted for the test."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        pytest.skip("mounting a file system needs root on Linux")
    disk = tmp_path / "disk"
    disk.mkdir()
    mount = ["mount", "-t", "tmpfs", "-o", "size=2M", "tmpfs", str(disk)]
    if subprocess.run(mount, capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (a container without the right)")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def fill(disk) -> None:
    """Write a file until the disk is full (whatever it still took stays)."""
    with open(disk / "filler", "wb", buffering=0) as filler:
        try:
            while True:
                filler.write(bytes(4096))
        except OSError as error:
            assert error.errno == errno.ENOSPC


def test_a_database_on_a_full_disk_is_refused_as_a_full_disk_and_kept_whole(tiny_disk):
    path = tiny_disk / "signs.db"
    with SignDatabase(path) as database:
        sign = database.add_sign("hallo", "DGS")
        database.add_attempt(sign, 61.0, seeded_pose(5))
    fill(tiny_disk)
    with pytest.raises(DatabaseError) as caught:  # SQLite cannot make its journal files
        SignDatabase(path)
    assert str(caught.value).startswith(f"{path}: the disk is full; nothing was changed")  # was: "a disk
    # read or write failed; the change was not saved" when opening, with nothing to change
    (tiny_disk / "filler").unlink()
    with SignDatabase(path) as database:
        assert [attempt.score for attempt in database.attempts()] == [61.0]
        assert database.integrity_check() == "ok"


def test_settings_and_an_export_to_a_full_disk_say_so_and_leave_no_partial_file(tiny_disk, tmp_path):
    settings = tiny_disk / "settings.json"
    Settings(camera_index=1).save(settings)
    with SignDatabase(tmp_path / "signs.db") as database:
        sign = database.add_sign("hallo", "DGS")
        for seed in range(40):  # ~2 MB of landmarks: more than the disk has left
            database.add_clip(sign, seeded_pose(seed, max_frames=200))
        fill(tiny_disk)
        with pytest.raises(InputError) as caught:
            portable.export_data(database, tiny_disk / "export.zip")
        assert str(caught.value) == f"{tiny_disk / 'export.zip'}: cannot write it (the disk is full)"
    with pytest.raises(InputError, match=r"settings.json: cannot write it \(the disk is full\)"):
        write_text_atomically(settings, "x" * 3 * 2**20)
    assert Settings.load(settings).camera_index == 1
    assert sorted(os.listdir(tiny_disk)) == ["filler", "settings.json"]


def test_log_lines_a_full_disk_cannot_take_are_lost_without_a_traceback(tiny_disk, tmp_path):
    """The app's log lines go to the data folder's log: on a full disk each was a "--- Logging error ---"
    traceback on the terminal (a cut-short video's warning while it was scored; "could not save the
    settings" in the window)."""
    from tests.support import BAD_INPUTS

    database = tmp_path / "signs.db"
    shutil.copy(REPO / "assets" / "default_signs.db", database)
    fill(tiny_disk)
    video = BAD_INPUTS / "videos" / "truncated.mp4"
    args = [
        "-m",
        "desktop_app",
        "--score",
        str(video),
        "--video-mirrored",
        "--sign",
        "hallo",
        "--db",
        str(database),
    ]
    result = run(args, {**os.environ, "SIGNPRACTICE_DATA_DIR": str(tiny_disk)})
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stderr == (
        "note: truncated.mp4: this video is damaged or cut short: only the first 0.6 s of its 1.9 s can be"
        " read; only that part was scored\n"
    )


def test_a_database_on_a_read_only_drive_says_so(tiny_disk):
    path = tiny_disk / "signs.db"
    with SignDatabase(path) as database:
        database.add_sign("hallo", "DGS")
    subprocess.run(["mount", "-o", "remount,ro", str(tiny_disk)], check=True)
    with pytest.raises(DatabaseError) as caught:
        SignDatabase(path)
    # was: "cannot open or create the database here (missing folder or no permission)"
    assert "its folder cannot be written to (a read-only drive, or no permission)" in str(caught.value)


# -- a database or model chosen in the settings that cannot be used any more ---------------------------------


def test_a_database_and_model_chosen_in_settings_that_are_unusable_give_way_for_this_run(
    tmp_path, monkeypatch
):
    from desktop_app.core.app.context import DATABASE_FALLBACK, MODEL_FALLBACK, AppContext, Launch

    monkeypatch.setenv("SIGNPRACTICE_DATA_DIR", str(tmp_path / "data"))
    database, model = tmp_path / "stick" / "signs.db", tmp_path / "stick" / "encoder.onnx"
    database.parent.mkdir()
    database.write_text("overwritten by another program")
    model.write_bytes(b"half a model")
    settings = Settings(database_path=str(database), model_path=str(model))
    from_settings = Launch(0, False, settings.database_path, settings.model_path)
    context, problem = AppContext.open(settings, from_settings)  # was: DatabaseError, the window never opened
    try:
        assert context.database.path == tmp_path / "data" / "signs.db" and context.encoder is not None
        assert problem is not None and problem.startswith(DATABASE_FALLBACK)
        assert f"{database}: this file is not a sign database" in problem
        assert f"{MODEL_FALLBACK}\n{model}: not a usable ONNX model" in problem
        assert (context.settings.database_path, context.settings.model_path) == (str(database), str(model))
    finally:
        context.database.close()

    gone = tmp_path / "usb" / "signs.db"  # the drive's folder is there, empty: it is not plugged in
    gone.parent.mkdir()
    settings = Settings(database_path=str(gone))
    context, problem = AppContext.open(settings, Launch(0, False, settings.database_path, None))
    context.database.close()
    assert context.database.path == tmp_path / "data" / "signs.db" and not gone.exists()  # was: made anew
    assert problem == f"{DATABASE_FALLBACK}\n{gone}: not found (was it on a drive that is not plugged in?)"

    for_this_run = Launch(0, False, database, None)  # --db: the learner asked for this one file
    with pytest.raises(DatabaseError, match="not a sign database"):
        AppContext.open(Settings(), for_this_run)


# -- a writer killed while it writes a file ------------------------------------------------------------------

KILLED_WRITER = """
import sys, time
from signcore.files import write_atomically

def write_slowly(temporary):
    temporary.write_text("half of the new settings")
    print("writing", flush=True)
    time.sleep(60)

write_atomically(sys.argv[1], write_slowly)
"""


def test_a_writer_killed_mid_file_leaves_the_old_file_and_its_leftover_goes_later(tmp_path):
    target = tmp_path / "settings.json"
    target.write_text("the learner's settings")
    writer = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(target)], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout.readline() == "writing\n"
    finally:
        writer.kill()
        writer.communicate()
    assert target.read_text() == "the learner's settings"
    (leftover,) = tmp_path.glob(".settings.json.*.part")  # a SIGKILL runs no clean-up

    an_hour_ago = time.time() - STALE_PART_SECONDS - 1
    os.utime(leftover, (an_hour_ago, an_hour_ago))
    in_progress = tmp_path / ".settings.json.another.part"  # another writer's, still being written
    in_progress.write_text("…")
    write_text_atomically(target, "the new settings")
    assert target.read_text() == "the new settings"
    assert sorted(tmp_path.iterdir()) == [in_progress, target]  # was: the leftover stayed for ever


# -- a display that is set but gone --------------------------------------------------------------------------


def test_a_display_that_nothing_answers_is_one_sentence_not_a_qt_abort(tmp_path):
    from desktop_app.__main__ import UNREACHABLE_DISPLAY_MESSAGE, unreachable_display

    gone = ":197"  # no X server has this many displays here
    if not sys.platform.startswith("linux") or unreachable_display({"DISPLAY": gone}, "linux") != gone:
        pytest.skip("needs Linux and no X server at :197")
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env.update(DISPLAY=gone, SIGNPRACTICE_DATA_DIR=str(tmp_path))
    result = run(["-m", "desktop_app"], env)
    assert result.returncode == 2, result.stderr[-2000:]  # was 134: Qt's abort, advising to reinstall
    assert result.stderr.strip() == UNREACHABLE_DISPLAY_MESSAGE.format(display=gone)


def test_a_display_over_tcp_is_reachable_only_while_something_listens():
    from desktop_app.__main__ import unreachable_display

    for number in range(150, 200):  # a free port 6000 + number, as X servers use
        listener = socket.socket()
        try:
            listener.bind(("127.0.0.1", 6000 + number))
            break
        except OSError:
            listener.close()
    else:
        pytest.skip("no free port from 6150 to 6199")
    display = {"DISPLAY": f"127.0.0.1:{number}.0"}
    with listener:
        listener.listen()
        assert unreachable_display(display, "linux") is None
    assert unreachable_display(display, "linux") == f"127.0.0.1:{number}.0"
    assert unreachable_display({**display, "WAYLAND_DISPLAY": "wayland-0"}, "linux") is None  # Qt uses that
    assert unreachable_display({**display, "QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert unreachable_display(display, "darwin") is None


# -- a temporary folder that is full or cannot be written to ----------------------------------------------


def a_full_disk(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_an_export_whose_temporary_folder_is_full_names_that_folder_not_the_database(
    tiny_disk, tmp_path, monkeypatch
):
    """Export my data copies the database into the temporary folder first: when that folder's disk was full
    the message named the learner's database ("the change was not saved"), which was never written to."""
    with SignDatabase(tmp_path / "signs.db") as database:
        sign = database.add_sign("hallo", "DGS")
        for seed in range(40):  # ~2 MB of landmarks: more than the temporary folder has left
            database.add_clip(sign, seeded_pose(seed, max_frames=200))
        monkeypatch.setattr(tempfile, "tempdir", str(tiny_disk))
        fill(tiny_disk)
        with pytest.raises(InputError) as caught:
            portable.export_data(database, tmp_path / "export.zip")
        message = str(caught.value)
        assert message.startswith(f"{tiny_disk}: cannot export your data: the temporary folder has no room")
        assert (
            "(the disk is full); your data is as it was: make room on that disk and export again" in message
        )
        assert str(database.path) not in message and "not saved" not in message
        assert len(database.clips()) == 40 and database.integrity_check() == "ok"
    assert not (tmp_path / "export.zip").exists() and os.listdir(tiny_disk) == ["filler"]


def test_exports_and_imports_whose_temporary_folder_fails_name_it_and_keep_the_data(tmp_path, monkeypatch):
    """The same on every machine, the temporary folder's writes made to fail: its name and what to do, never
    the learner's database or the archive as the culprit."""
    with SignDatabase(tmp_path / "signs.db") as database:
        database.add_clip(database.add_sign("hallo", "DGS"), seeded_pose(1))
        portable.export_data(database, tmp_path / "old export.zip")
        old_export = (tmp_path / "old export.zip").read_bytes()
        monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temp"))
        (tmp_path / "temp").mkdir()

        with monkeypatch.context() as full:
            full.setattr(tempfile, "mkstemp", a_full_disk)  # the copy of the database cannot be written
            with pytest.raises(InputError) as caught:
                portable.export_data(database, tmp_path / "old export.zip")
        assert str(caught.value) == (
            f"{tmp_path / 'temp'}: cannot export your data: the temporary folder has no room for a copy of "
            "your database (the disk is full); your data is as it was: make room on that disk and export "
            "again"
        )
        assert (tmp_path / "old export.zip").read_bytes() == old_export  # the earlier export is kept whole

        with monkeypatch.context() as full:
            full.setattr(shutil, "copyfileobj", a_full_disk)  # the archive's database cannot be unpacked
            with pytest.raises(InputError) as caught:
                portable.import_data(database, tmp_path / "old export.zip")
        assert str(caught.value) == (  # was: "<the archive>: cannot read it (No space left on device)"
            f"{tmp_path / 'temp'}: cannot import your data: the temporary folder has no room for a copy of "
            "the archive's database (the disk is full); your data is as it was: make room on that disk and "
            "import again"
        )

        (tmp_path / "temp").rmdir()  # the temporary folder itself is gone
        for step, words in ((portable.export_data, "export"), (portable.import_data, "import")):
            with pytest.raises(InputError) as caught:
                step(database, tmp_path / "old export.zip")
            assert str(caught.value).startswith(
                f"{tmp_path / 'temp'}: cannot {words} your data: the temporary"
            )
        assert [sign.gloss for sign in database.signs()] == ["hallo"] and len(database.clips()) == 1
    assert sorted(os.listdir(tmp_path)) == ["old export.zip", "signs.db"]
