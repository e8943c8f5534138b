import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from desktop_app.ui.workers import Worker, run_with_progress
from signcore.errors import InputError


def test_worker_reports_progress_and_result(qtbot):
    def job(control):
        for i in range(3):
            control.progress(i + 1, 3, f"item {i}")
        return "done"

    worker = Worker(job)
    seen = []
    worker.progress.connect(lambda done, total, message: seen.append((done, total, message)))
    with qtbot.waitSignal(worker.finished_with, timeout=5000) as result:
        worker.start()
    assert result.args == ["done"]
    qtbot.waitUntil(lambda: len(seen) == 3)
    assert seen[-1] == (3, 3, "item 2")
    worker.wait()


def test_cancel_stops_the_job_at_its_next_report(qtbot):
    started, release = threading.Event(), threading.Event()
    finished_items = []

    def job(control):
        for i in range(100):
            finished_items.append(i)
            started.set()
            release.wait(5)
            control.progress(i + 1, 100)
        return "not cancelled"

    worker = Worker(job)
    with qtbot.waitSignal(worker.cancelled, timeout=5000):
        worker.start()
        started.wait(5)
        worker.cancel()
        release.set()
    worker.wait()
    assert finished_items == [0]


def test_input_errors_become_messages_and_bugs_one_line(qtbot):
    def bad_file(control):
        raise InputError("clip.pose", "not a pose file")

    worker = Worker(bad_file)
    with qtbot.waitSignal(worker.failed, timeout=5000) as failure:
        worker.start()
    assert failure.args == ["clip.pose: not a pose file"]
    worker.wait()

    worker = Worker(lambda control: 1 / 0)
    with qtbot.waitSignal(worker.failed, timeout=5000) as failure:
        worker.start()
    assert failure.args[0].startswith("Something went wrong: ZeroDivisionError")
    assert "Traceback" not in failure.args[0]
    worker.wait()


def test_progress_dialog_cancel_button_cancels(qtbot):
    started, release = threading.Event(), threading.Event()

    def job(control):
        started.set()
        release.wait(5)
        control.progress(1, 2)
        return "finished"

    worker = run_with_progress(None, "Working", job)
    started.wait(5)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog))
    with qtbot.waitSignal(worker.cancelled, timeout=5000):
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
        release.set()
    worker.wait()
