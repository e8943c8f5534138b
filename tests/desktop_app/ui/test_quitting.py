"""Quitting: the window goes at once, everything is still stopped, written and closed (an attempt still being
scored saved too; an import the learner watches asked about first), and the process then ends without
Python's slow search for reference cycles."""

import gc
import threading

import pytest

from desktop_app.core.app.context import AppContext
from desktop_app.core.shared.settings import Settings
from signcore.database import SignDatabase


def window_on_an_empty_database(qtbot, tmp_path):
    """The main window shown over an empty database, with no camera: its context and the window."""
    from desktop_app.ui.main_window import MainWindow

    context = AppContext(Settings(), SignDatabase(tmp_path / "signs.db"), None, tmp_path / "settings.json")
    context.use_camera(9, False)  # no such camera: nothing else starts
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return context, window


def test_quitting_takes_the_window_off_the_screen_before_stopping_the_camera_and_the_jobs(
    qtbot, tmp_path, monkeypatch
):
    """The window stayed on the screen after File → Quit while the camera's thread ended after the
    frame it was tracking and closed MediaPipe's graph, and while the background jobs reached their next
    cancel point; the settings are saved all the same."""
    from desktop_app.ui import main_window

    context, window = window_on_an_empty_database(qtbot, tmp_path)
    shown_while: list[tuple[str, bool]] = []
    monkeypatch.setattr(
        window.practice_page, "shutdown", lambda: shown_while.append(("camera stopped", window.isVisible()))
    )
    monkeypatch.setattr(
        main_window, "stop_running_workers", lambda: shown_while.append(("jobs stopped", window.isVisible()))
    )
    window.close()
    assert shown_while == [("camera stopped", False), ("jobs stopped", False)]
    assert (tmp_path / "settings.json").exists()
    context.close()


def test_the_app_ends_without_searching_its_objects_for_cycles_once_its_window_has_closed(monkeypatch):
    """Once the window was closed and the database closed, Python's teardown took 0.6-0.8 s more to search
    the app's hundred thousand objects for reference cycles, freeing memory the ended process gives back
    anyway. The search is left out, and only after everything is written and closed."""
    from desktop_app import __main__ as app_main
    from desktop_app.ui import app

    order: list[str] = []
    monkeypatch.setattr(app, "run_app", lambda *args: order.append("window closed, all written") or 0)
    monkeypatch.setattr(gc, "freeze", lambda: order.append("objects left out of the search"))
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert app_main.main(["--camera", "9"]) == 0
    assert order == ["window closed, all written", "objects left out of the search"]


@pytest.mark.parametrize("disk_full", [False, True])
def test_an_attempt_still_being_scored_as_the_window_closes_is_saved(qtbot, tmp_path, monkeypatch, disk_full):
    """The learner lowered their hands and closed the window while the attempt was scored. Closing waits for
    the camera's thread, which ends once the attempt is scored, but the result came to the practice page
    through the event loop, which quitting ends: the attempt they had just finished was never saved. On a
    full disk, closing says it could not be saved (one box for every page's attempts: the window is gone),
    rather than nothing, in plain words. The reference player that result plays stops too."""
    from PySide6.QtWidgets import QMessageBox

    from desktop_app.core.judging.attempts import score_pose
    from desktop_app.ui import main_window
    from signcore.encoder import Encoder
    from tests.desktop_app.ui.stand_in_pipeline import stand_in_pipelines
    from tests.support import SIGNING_VIDEO, embedded_dgs_samples

    workers = stand_in_pipelines(monkeypatch)
    encoder = Encoder()
    database = embedded_dgs_samples(tmp_path / "signs.db", encoder)
    context = AppContext(Settings(), database, encoder, tmp_path / "settings.json")
    context.use_camera(str(SIGNING_VIDEO), True)
    window = main_window.MainWindow(context)
    qtbot.addWidget(window)
    page = window.practice_page
    context.select_sign(next(sign.id for sign in database.signs() if sign.clip_count > 1))
    page.start_camera()
    (worker,) = workers
    # Nearest to another clip than the reference: its result plays that clip (PracticeSign.reference_played)
    other_clip = max(page.target.references)
    attempt = score_pose(encoder, page.target, page.target.references[other_clip], ended_at=0.0)
    assert attempt.score is not None and attempt.reference_clip_id == other_clip != page.practising.clip_id

    def scored_as_the_thread_ends():  # as PipelineWorker.stop: its scoring thread emits, then it ends
        scoring = threading.Thread(target=worker.attempt_scored.emit, args=(attempt,))
        scoring.start()
        scoring.join()

    worker.stop = scored_as_the_thread_ends
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    if disk_full:  # the database file may not grow by a single page
        database.query(f"PRAGMA max_page_count = {database.query('PRAGMA page_count')[0][0]}")
        in_a_review = score_pose(encoder, page.target, page.practising.reference.frames(slice(1, -1)), 0.0)
        context.attempts_to_save.keep(in_a_review)  # kept through the full disk, as the review page does
        assert context.attempts_to_save.save(context)
    window.close()
    saved = context.database.attempts()  # before the event loop runs again: it does not, once quitting
    if disk_full:  # one box, for the attempts of every page; not "kept": the app is closing
        assert saved == [] and said == ["Your disk is full: your last 2 attempts could not be saved."]
    else:
        assert [(a.sign_id, a.score) for a in saved] == [(page.target.sign_id, attempt.score.score)]
        assert said == []
    # Review 25: the player was stopped first, and the result delivered after it played that clip again
    assert not page.player._timer.isActive() and page.player._tracks == []
    context.close()


def test_settings_the_disk_cannot_take_are_said_on_screen_and_again_at_closing(qtbot, tmp_path, monkeypatch):
    """Settings changed while the disk was full: the Settings dialog closed as if they were saved, nothing
    said so, and closing with the disk still full lost them without a word."""
    import errno
    import os
    import tempfile

    from PySide6.QtWidgets import QMessageBox

    def no_room(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    context, window = window_on_an_empty_database(qtbot, tmp_path)
    monkeypatch.setattr(tempfile, "mkstemp", no_room)
    context.update_settings(auto_start=True)
    assert window.passing_message.message.startswith("Your settings are not saved yet: the disk is full.")
    (box,) = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
    assert "will be saved when you next change a setting or when you close the app" in box.text()
    box.close()

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    window.close()
    assert said == [
        "Your settings could not be saved: the disk is full. SignPractice will start with your earlier"
        " settings."
    ]
    context.close()


def test_closing_during_an_import_asks_first_and_keeps_the_clips_it_finished(qtbot, tmp_path, monkeypatch):
    """The import's progress window does not hold the main window, and closing the main window stopped the
    import without a word, part of the clips imported. Closing asks first: Cancel leaves it running; Close
    stops it, the clips imported so far kept whole, and nothing half-written."""
    from PySide6.QtWidgets import QMessageBox

    from desktop_app.ui.main_window import CLOSE_ANYWAY, KEEP_IT_RUNNING
    from desktop_app.ui.progress_dialog import run_with_progress
    from signcore.formats import LabeledClip
    from signcore.ingest import import_clips
    from tests.db_writer_process import seeded_pose

    context, window = window_on_an_empty_database(qtbot, tmp_path)
    two_read, closing = threading.Event(), threading.Event()

    class Clips:  # the files the import reads: the third is still being read when the window closes
        def __len__(self):
            return 100

        def __iter__(self):
            for seed in range(len(self)):
                if seed == 2:
                    two_read.set()
                    assert closing.wait(60)
                yield LabeledClip("hallo", seeded_pose(seed), f"seed-{seed}")

    def importing(control):
        return import_clips(
            context.database, Clips(), progress=control.report, cancel=lambda: control.cancel_requested
        )

    asked: list[tuple[str, set[str]]] = []

    def answer(box):
        asked.append((box.text(), {button.text() for button in box.buttons()}))
        if len(asked) == 2:
            closing.set()  # the import reads on, to stop at its next clip
        chosen = KEEP_IT_RUNNING if len(asked) == 1 else CLOSE_ANYWAY
        next(button for button in box.buttons() if button.text() == chosen).click()

    monkeypatch.setattr(QMessageBox, "exec", answer)
    worker = run_with_progress(
        window, "Importing signs", importing, stopped="the clips imported so far are kept"
    )
    assert two_read.wait(60)
    window.close()
    assert window.isVisible() and worker.isRunning()  # the learner lets it finish
    assert asked == [
        (
            "“Importing signs” has not finished. If you close now, it stops and the clips imported so far are"
            " kept.",
            {CLOSE_ANYWAY, KEEP_IT_RUNNING},  # not "Cancel": of the job, or of the closing?
        )
    ]
    window.close()
    assert not window.isVisible() and not worker.isRunning() and len(asked) == 2
    imported = [clip.source for clip in context.database.clips()]  # the one read as it closed: maybe
    assert imported == [f"seed-{seed}" for seed in range(len(imported))] and 2 <= len(imported) <= 3
    for seed, clip in enumerate(context.database.clips()):
        assert context.database.clip_pose(clip.id).equals(seeded_pose(seed))
    assert context.database.integrity_check() == "ok"
    context.close()


def test_closing_during_an_export_of_your_data_and_the_preparing_of_clips_says_what_each_leaves(
    qtbot, tmp_path, monkeypatch
):
    """Review 25: the close question said "what it has finished is kept" of every job, but a stopped export of
    the learner's data leaves no file (they might think they had a partial backup); and the preparing of
    clips for a new model, in a progress window too, was stopped without a word. Each job says what stopping
    it leaves."""
    from types import SimpleNamespace

    from PySide6.QtWidgets import QMessageBox

    from desktop_app.core.app import portable
    from desktop_app.ui.background_jobs import start_embedding_missing
    from desktop_app.ui.main_window import KEEP_THEM_RUNNING
    from desktop_app.ui.workers import stop_running_workers
    from tests.support import answering_file_pickers

    context, window = window_on_an_empty_database(qtbot, tmp_path)
    release = threading.Event()

    def waiting(control):  # a job still running until released (or cancelled)
        while not release.wait(0.01):
            control.report(0, 1, "")
        return 0

    monkeypatch.setattr(portable, "export_job", lambda database, path, settings: waiting)
    answering_file_pickers(monkeypatch, str(tmp_path / "backup"))
    window.export_data()
    models = SimpleNamespace(
        database=context.database,
        missing_embeddings_job=lambda: waiting,
        preparing_run_by=lambda: None,  # not being prepared yet
        preparing_started=lambda runner: lambda prepared: None,
    )
    start_embedding_missing(models, window)  # as the Settings do after another model is chosen
    asked: list[str] = []

    def answer(box):
        asked.append(box.text())
        next(button for button in box.buttons() if button.text() == KEEP_THEM_RUNNING).click()

    monkeypatch.setattr(QMessageBox, "exec", answer)
    # The export, kept running, ends by saying where the archive was saved once released below
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: None)
    window.close()
    assert window.isVisible() and asked == [
        "“Exporting your data” and “Preparing the sign model” have not finished. If you close now, they"
        " stop.\n\n“Exporting your data”: No file is written.\n“Preparing the sign model”: The clips"
        " prepared so far are kept; the rest are prepared the next time you open the app."
    ]
    release.set()
    stop_running_workers()
    context.close()


def test_closing_asks_only_about_watched_jobs_still_running(qtbot):
    """A job's progress window is watched from before it starts until its end reaches the GUI thread; one not
    running (not started, or over with its end still queued) is no job that closing would stop."""
    from desktop_app.ui.progress_dialog import WatchedJob, show_progress_dialog, unfinished_watched_jobs
    from desktop_app.ui.workers import Worker

    release = threading.Event()
    worker = Worker(lambda control: release.wait(60))
    show_progress_dialog(None, "Exporting your data", worker, stopped="no file is written")
    assert unfinished_watched_jobs() == []  # not started
    worker.start()
    assert unfinished_watched_jobs() == [WatchedJob("Exporting your data", "no file is written")]
    release.set()
    assert worker.wait(10_000)
    assert unfinished_watched_jobs() == []  # over, though its finished signal is not handed over yet
    qtbot.waitUntil(lambda: not worker.isRunning())


# The app, as far as quitting goes, with a camera thread stuck in a driver's read that outlives stop()'s wait
STUCK_CAMERA_APP = """
import sys
import threading
from desktop_app import __main__ as app_main
from desktop_app.ui import app, pipeline

class StuckInARead(pipeline.PipelineWorker):
    def run(self):
        threading.Event().wait()

def run_app(*args):
    worker = StuckInARead(source=None)
    worker.start()
    worker.stop(timeout_ms=100)
    print("window closed, all written", flush=True)
    return 0

app.run_app = run_app
sys.exit(app_main.main(["--camera", "9"]))
"""


def test_quitting_while_the_camera_thread_is_stuck_ends_the_app_without_a_crash(tmp_path):
    """A camera thread that did not stop within the 10 s quitting waits for it (under libfaketime; a
    camera driver stuck in a read) was destroyed running by Python's teardown: "QThread: Destroyed while
    thread is still running", the process aborted (status 134, a crash report). Everything is written by
    then: the process ends with the app's status, its lock released."""
    import os
    import subprocess
    import sys

    from desktop_app.ui.one_copy import lock_data_folder

    environment = {**os.environ, "SIGNPRACTICE_DATA_DIR": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    ended = subprocess.run(
        [sys.executable, "-c", STUCK_CAMERA_APP], env=environment, capture_output=True, text=True, timeout=120
    )
    assert ended.returncode == 0, ended.stderr
    assert ended.stdout == "window closed, all written\n"
    assert "Destroyed while thread" not in ended.stderr
    assert "the camera thread has not stopped" in ended.stderr
    assert lock_data_folder(tmp_path) is not None  # the lock went with the process
