"""The words a live view says on its camera picture, or in its place, as painted in a small window."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from desktop_app.core.app.context import AppContext
from desktop_app.core.shared.settings import Settings
from signcore.database import SignDatabase
from signcore.encoder import Encoder
from tests.support import LOADED_MACHINE_MS

LONG_VIDEO_NAME = "hand_estimation__7bd6dd48722def3cf84258b96371cb1e_takes.mp4"


@pytest.fixture
def context(tmp_path):
    context = AppContext(
        Settings(), SignDatabase(tmp_path / "signs.db"), Encoder(), tmp_path / "settings.json"
    )
    yield context
    context.close()


def words_across(label) -> tuple[int, int]:
    """The first column painted with words in ``label`` and the column after the last (not its background)."""
    image = label.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
    rgb = pixels[:, : image.width(), 2::-1].astype(int)  # B, G, R, A in memory
    painted = np.flatnonzero((np.abs(rgb - rgb[0, 0]).sum(axis=-1) > 60).any(axis=0))
    assert len(painted), f"no words painted for {label.text()!r}"
    return int(painted[0]), int(painted[-1]) + 1


def assert_the_words_keep_a_margin(label) -> None:
    left, right = words_across(label)
    least = 8  # px: the words clearly inside the box
    assert left >= least and right <= label.width() - least, (
        f"{label.text()!r} painted from {left} to {right} px in a label {label.width()} px wide"
    )


def test_a_live_views_words_wrap_inside_a_margin_of_the_picture(qtbot, context, tmp_path):
    """Search at a 1024 x 600 screen: "Press “Sign to search”, then sign in front of the camera" was 332 px
    long in a camera pane 333 px wide, so it was not wrapped and ran from edge to edge of the dark box, cut at
    both ends to the eye; a video's long file name in "Starting …" and in the camera's problem was cut at
    both ends for real (a label wraps at spaces only)."""
    from desktop_app.ui.search_page import SearchPage

    page = SearchPage(context)
    qtbot.addWidget(page)
    page.resize(1024, 520)
    page.show()
    qtbot.waitExposed(page)
    label = page.live.video_label
    line = label.fontMetrics().horizontalAdvance("Press “Sign to search”, then sign in front of the camera")
    room = sum(page.panes.sizes())
    page.panes.setSizes([line + 1, room - line - 1])  # the camera pane just wider than the line
    qtbot.waitUntil(lambda: label.width() == line + 1)
    assert_the_words_keep_a_margin(label)

    video = tmp_path / LONG_VIDEO_NAME
    video.write_text("not a video")
    context.use_camera(str(video), True)
    page.sign_button.click()
    assert "Starting" in label.text()
    assert_the_words_keep_a_margin(label)
    qtbot.waitUntil(lambda: "could not be started" in label.text(), timeout=30_000)
    assert_the_words_keep_a_margin(label)
    page.live.camera_off_words = f"The camera {LONG_VIDEO_NAME} is off"
    page.live.start_camera()
    page.live.stop_camera()
    assert "is off" in label.text()
    assert_the_words_keep_a_margin(label)


def test_raised_hands_start_no_attempt_while_a_modal_dialog_covers_the_view(qtbot, context, monkeypatch):
    """On Practice, "Start when my hands come up" ticked, an attempt started recording behind the modal
    Settings dialog. With each picture the view tells its camera whether a modal dialog other than its own
    window covers it (any: Settings, Camera…, a file picker, a question); the record window's own view is
    not covered by the record window."""
    from PySide6.QtWidgets import QDialog, QVBoxLayout

    from desktop_app.core.signing.session import Phase
    from desktop_app.ui.live_camera import LiveCameraView
    from desktop_app.ui.pipeline import FrameReport
    from tests.desktop_app.ui.stand_in_pipeline import stand_in_pipelines

    nobody = np.zeros((48, 64, 3), np.uint8)
    picture = FrameReport(
        nobody, False, True, None, np.zeros((75, 3)), np.zeros(75, bool), 30.0, [], Phase.WAITING, 0
    )

    pipelines = stand_in_pipelines(monkeypatch)
    view = LiveCameraView(context)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.worker is not None, timeout=5000)
    assert pipelines == [view.worker] and not view.worker.covered
    settings = QDialog(view)
    settings.setModal(True)
    settings.show()
    view.worker.frame_ready.emit(picture)
    assert view.worker.covered
    settings.close()
    view.worker.frame_ready.emit(picture)
    assert not view.worker.covered

    record_window = QDialog()
    qtbot.addWidget(record_window)
    own = LiveCameraView(context)
    QVBoxLayout(record_window).addWidget(own)
    record_window.setModal(True)
    record_window.show()
    qtbot.waitUntil(lambda: own.worker is not None, timeout=5000)
    own.worker.frame_ready.emit(picture)
    view.worker.frame_ready.emit(picture)
    assert not own.worker.covered and view.worker.covered
    record_window.close()


def test_the_notes_over_the_picture_stay_one_under_the_other_when_the_picture_narrows(qtbot):
    """Each note placed itself on the picture's Resize, the lower one first (Qt asks the filter installed
    last first), under the upper note's height at the old width: narrowed, the turned-camera note grew and
    covered the slow-tracking note under it."""
    from PySide6.QtWidgets import QLabel

    from desktop_app.ui.live_camera import NoteOverPicture, TurnedCameraNote

    picture = QLabel()
    qtbot.addWidget(picture)
    picture.resize(900, 500)
    turned, slow = TurnedCameraNote(picture), NoteOverPicture(picture)
    picture.show()
    turned.say("The camera's picture looks turned on its side: turn it upright, or leave it as it is.")
    slow.say("Tracking is slow on this computer, so an attempt may miss some of your movement.")
    wide_height = turned.height()
    picture.resize(300, 500)
    qtbot.waitUntil(lambda: turned.height() > wide_height)
    assert turned.geometry().top() == 0 and slow.geometry().top() == turned.geometry().bottom() + 1
    assert slow.width() == turned.width() == 300


@pytest.mark.parametrize("window", ["search", "the record window"])
def test_an_attempt_recording_as_a_dialog_opens_over_it_stops_and_says_why(
    qtbot, context, monkeypatch, window
):
    """An attempt under way as a modal dialog opened went on under it, unseen, and was then taken (on
    Search, searched with; in the record window, offered to keep). The camera stops it, and the line under
    the picture says why; nothing is captured. Search's camera view and the record window's are one kind of
    view (LiveAttemptView); the record window is itself modal, and a question over it covers it too. A real
    camera pipeline, its frames numbered and tracked by a stand-in."""
    import time

    from PySide6.QtWidgets import QDialog, QMessageBox, QVBoxLayout, QWidget

    from desktop_app.core.judging.live_attempts import ATTEMPT_STOPPED_BY_A_WINDOW
    from desktop_app.ui.live_attempt_view import LiveAttemptView
    from tests.desktop_app.ui.test_pipeline_threads import NumberedVideo, StandInExtractor

    class Camera(NumberedVideo):
        is_live = True

        def read(self):
            time.sleep(1 / 30)  # paced as a camera is
            return super().read()

    monkeypatch.setattr("signcore.extract.LandmarkExtractor", StandInExtractor)
    monkeypatch.setattr("desktop_app.ui.live_camera.make_source", lambda *args: Camera(count=100_000))
    holder = QDialog() if window == "the record window" else QWidget()
    qtbot.addWidget(holder)
    view = LiveAttemptView(context)
    QVBoxLayout(holder).addWidget(view)
    captured: list = []
    view.attempt_captured.connect(captured.append)
    if isinstance(holder, QDialog):
        holder.setModal(True)
    holder.show()
    try:
        qtbot.waitUntil(lambda: view.worker is not None, timeout=5000)
        view.start_or_stop_attempt()  # Space
        qtbot.waitUntil(lambda: view.attempts.under_way, timeout=LOADED_MACHINE_MS)
        question = QMessageBox(
            QMessageBox.Icon.Question, "A question", "Opened over the attempt", parent=holder
        )
        question.setWindowModality(Qt.WindowModality.ApplicationModal)
        question.show()
        qtbot.waitUntil(lambda: view.status.text() == ATTEMPT_STOPPED_BY_A_WINDOW, timeout=LOADED_MACHINE_MS)
        assert not view.attempts.under_way
        question.close()
        qtbot.wait(300)  # frames go on: nothing was captured
        assert captured == []
    finally:
        view.stop_camera()
