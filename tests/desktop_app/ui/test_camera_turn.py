"""A camera mounted on its side, in the window: the turn chosen in the camera chooser reaching the running
camera at once (its preview shows it) and saved on OK only; a live view saying once that its picture looks
turned, and turning it upright with one button."""

import threading

import numpy as np
import pytest
from PySide6.QtGui import QImage

from desktop_app.core.app.context import CameraInUse
from desktop_app.core.shared.settings import Settings
from desktop_app.core.signing.session import Phase
from desktop_app.core.signing.upright import TURN_CHOICES, WATCH_FRAMES, turned
from desktop_app.ui import camera_dialog
from desktop_app.ui.camera_dialog import CameraDialog
from desktop_app.ui.live_camera import LiveCameraView
from desktop_app.ui.pipeline import FrameReport
from signcore.formats.posefile import read_pose
from tests.desktop_app.ui.stand_in_pipeline import stand_in_pipelines
from tests.support import TEST_DATA

CLOCKWISE = TURN_CHOICES.index("A quarter turn clockwise")


@pytest.fixture
def pipelines(monkeypatch):
    monkeypatch.setattr(camera_dialog, "list_cameras", lambda showing=None: [0])
    return stand_in_pipelines(monkeypatch)


def a_picture() -> QImage:
    picture = QImage(64, 48, QImage.Format.Format_RGB32)
    picture.fill(0)
    return picture


def a_view_with_the_camera(qtbot, context, pipelines) -> LiveCameraView:
    """A live view shown, its camera running (a stand-in worker) and its first picture shown."""
    view = LiveCameraView(context)
    qtbot.addWidget(view)
    view.resize(640, 480)
    view.show()
    qtbot.waitUntil(lambda: view.worker is not None, timeout=5000)
    view.show_picture(a_picture())
    return view


def open_chooser(qtbot, context, start=None) -> CameraDialog:
    dialog = CameraDialog(context, start)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.camera_status.text() != "Looking for cameras…", timeout=5000)
    return dialog


def test_a_turn_chosen_reaches_the_running_camera_at_once_and_is_saved_on_ok(qtbot, context, pipelines):
    view = a_view_with_the_camera(qtbot, context, pipelines)
    worker = view.worker
    dialog = open_chooser(qtbot, context)
    assert len(pipelines) == 1, "the preview shows the view's pictures: the camera is not opened twice"
    assert dialog.turn_box.currentText() == "Not turned"
    dialog.turn_box.setCurrentIndex(CLOCKWISE)
    # seen clockwise in the mirror view: the camera's own picture turns anticlockwise
    assert view.worker is worker and worker.turns == 3  # the same camera, turned: no restart
    assert Settings.load(context.settings_path).camera_turn(0) == 0  # tried, not saved
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.chosen == CameraInUse(0, False, turns=3)
    context.use_chosen_camera(dialog.chosen)  # what File → Camera… does with it
    assert worker.turns == 3 and view.worker is worker
    assert Settings.load(context.settings_path).camera_turn(0) == 3


def test_a_turn_tried_and_cancelled_is_turned_back(qtbot, context, pipelines):
    view = a_view_with_the_camera(qtbot, context, pipelines)
    dialog = open_chooser(qtbot, context)
    dialog.turn_box.setCurrentIndex(TURN_CHOICES.index("A half turn"))
    assert view.worker.turns == 2
    dialog.reject()
    assert view.worker.turns == 0 and context.camera.turns == 0
    assert not context.settings_path.exists() or Settings.load(context.settings_path).camera_turn(0) == 0


def test_the_chooser_shows_the_turn_in_use_as_it_is_seen(qtbot, context, pipelines):
    context.update_settings(mirror_display=False)
    context.turn_camera(1, remember=True)
    dialog = open_chooser(qtbot, context)
    assert dialog.turn_box.currentIndex() == CLOCKWISE  # no mirror: seen as the camera's own picture turns


def test_with_no_live_view_the_preview_runs_the_camera_itself_turned(qtbot, context, pipelines):
    context.turn_camera(2, remember=True)
    open_chooser(qtbot, context)
    qtbot.waitUntil(lambda: len(pipelines) == 1, timeout=5000)
    assert pipelines[0].turns == 2


def test_a_turn_tried_never_starts_a_camera_that_had_failed(qtbot, context, pipelines):
    """The practice page stops a camera that failed and says so until "Try again": trying a turn in the
    chooser started it again behind the dialog."""
    view = a_view_with_the_camera(qtbot, context, pipelines)
    view.stop_camera()  # what a page does with a camera that failed
    context.turn_camera(1)
    assert view.worker is None and len(pipelines) == 1
    view.start_camera()  # "Try again"
    assert pipelines[-1].turns == 1


def test_the_preview_opens_the_camera_only_once_the_look_for_cameras_is_over(qtbot, context, monkeypatch):
    """The look for cameras opens every camera not shown, the camera in use too: the preview opened it at
    the same time, and a driver with one reader refused one of them."""
    pipelines = stand_in_pipelines(monkeypatch)
    looking, may_end = threading.Event(), threading.Event()

    def list_cameras(showing=None):
        looking.set()
        may_end.wait(10)
        return [0]

    monkeypatch.setattr(camera_dialog, "list_cameras", list_cameras)
    dialog = CameraDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(looking.is_set, timeout=5000)
    qtbot.waitUntil(lambda: dialog.preview.isVisible())
    assert pipelines == []
    may_end.set()
    qtbot.waitUntil(lambda: len(pipelines) == 1, timeout=5000)


def test_the_preview_shows_the_pictures_of_the_view_that_shows_the_camera(qtbot, context, pipelines):
    view = a_view_with_the_camera(qtbot, context, pipelines)
    dialog = open_chooser(qtbot, context)
    assert dialog.preview.worker is None and len(pipelines) == 1
    picture = a_picture()
    picture.fill(0xFF3366)
    view.show_picture(picture)
    shown = dialog.preview.video_label.pixmap().toImage()
    assert (
        not shown.isNull() and shown.pixelColor(shown.width() // 2, shown.height() // 2).name() == "#ff3366"
    )


def test_a_chooser_closed_is_gone_with_its_preview(qtbot, context, pipelines, monkeypatch):
    """Each chooser was kept by the window it was opened over, its preview subscribed to the camera's
    changes and to the live pictures: opened again and again, they piled up."""
    from PySide6.QtCore import SIGNAL, QCoreApplication, QEvent
    from PySide6.QtWidgets import QWidget

    from desktop_app.ui.live_camera import live_pictures

    window = QWidget()
    qtbot.addWidget(window)

    def closed(dialog):
        qtbot.waitUntil(lambda: dialog.camera_status.text() != "Looking for cameras…", timeout=5000)
        return 0

    monkeypatch.setattr(CameraDialog, "exec", closed)

    def subscribed() -> tuple[int, int]:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        return len(context.events.camera_changed), live_pictures().receivers(SIGNAL("shown(QPixmap)"))

    camera_dialog.ask_for_camera(context, window)
    before = subscribed()
    for _ in range(3):
        assert camera_dialog.ask_for_camera(context, window) is None
    assert subscribed() == before
    assert window.findChildren(CameraDialog) == []


def sideways_reports(mounted: int) -> list[FrameReport]:
    """What the camera thread reports of a learner whose camera lies ``mounted`` quarter turns off."""
    pose = turned(read_pose(TEST_DATA / "pose" / "openpose.pose"), mounted)
    frame = np.zeros((pose.height, pose.width, 3), np.uint8)
    return [
        FrameReport(frame, False, True, None, pose.points[n], pose.mask[n], 30.0, [], Phase.WAITING, 0.0)
        for n in range(len(pose))
    ]


def test_a_view_says_once_that_its_picture_looks_turned_and_turns_it_upright(qtbot, context, pipelines):
    view = a_view_with_the_camera(qtbot, context, pipelines)
    reports = sideways_reports(1)
    for report in reports[: WATCH_FRAMES - 1]:
        view.worker.frame_ready.emit(report)
    assert view.turned_note.isHidden()  # too few frames to tell
    for report in reports[WATCH_FRAMES - 1 :]:
        view.worker.frame_ready.emit(report)
    note = view.turned_note
    assert not note.isHidden() and "turned on its side" in note.words.text()
    assert note.geometry().top() == 0 and note.width() == view.video_label.width()
    note.turn_button.click()
    assert context.camera.turns == 3 and view.worker.turns == 3  # the head was to the right: anticlockwise
    assert Settings.load(context.settings_path).camera_turn(0) == 3
    assert note.isHidden()


def test_a_camera_given_for_this_run_is_turned_without_being_saved_as_the_camera(qtbot, context, pipelines):
    """Its turn is its own: the saved webcam, upright, is not turned by it on the next run."""
    context.use_camera("/videos/sideways.mp4", False)  # --camera sideways.mp4
    view = a_view_with_the_camera(qtbot, context, pipelines)
    for report in sideways_reports(3):
        view.worker.frame_ready.emit(report)
    view.turned_note.turn_button.click()
    assert context.camera == CameraInUse("/videos/sideways.mp4", False, turns=1)
    saved = Settings.load(context.settings_path)
    assert saved.video_path is None and saved.camera_turns == {"/videos/sideways.mp4": 1}
    assert CameraInUse.saved(saved) == CameraInUse(0, False, turns=0)


def test_another_camera_chosen_shows_its_own_turn_and_the_preview_its_own(qtbot, context, pipelines):
    """The turn box kept the webcam's turn for a video chosen instead, and the preview of the webcam was
    turned as the video was to be."""
    context.turn_camera(2, remember=True)
    view = a_view_with_the_camera(qtbot, context, pipelines)
    dialog = open_chooser(qtbot, context)
    assert dialog.turn_box.currentText() == "A half turn"
    dialog.video_path.setText("/videos/upright.mp4")
    dialog.video_button.setChecked(True)
    dialog.selfie_box.setChecked(False)
    assert dialog.turn_box.currentText() == "Not turned" and dialog.chosen.turns == 0
    dialog.turn_box.setCurrentIndex(CLOCKWISE)
    assert view.worker.turns == 2, "the preview shows the camera in use, not the video: not turned so"
    assert dialog.chosen == CameraInUse("/videos/upright.mp4", False, turns=3)
    dialog.camera_button.setChecked(True)
    assert dialog.turn_box.currentText() == "A half turn" and view.worker.turns == 2


def test_an_upright_learner_is_not_told_and_not_now_keeps_it_quiet(qtbot, context, pipelines):
    view = a_view_with_the_camera(qtbot, context, pipelines)
    for report in sideways_reports(0):
        view.worker.frame_ready.emit(report)
    assert view.turned_note.isHidden()
    for report in sideways_reports(2):
        view.worker.frame_ready.emit(report)
    assert not view.turned_note.isHidden() and "upside down" in view.turned_note.words.text()
    view.turned_note.not_now_button.click()
    for report in sideways_reports(2):
        view.worker.frame_ready.emit(report)
    assert view.turned_note.isHidden() and context.camera.turns == 0


def test_not_now_lasts_the_run_for_that_camera(qtbot, context, pipelines):
    """It lasted until the camera started again: every page switch said it again."""
    view = a_view_with_the_camera(qtbot, context, pipelines)
    for report in sideways_reports(1):
        view.worker.frame_ready.emit(report)
    view.turned_note.not_now_button.click()
    view.hide()  # another page
    view.show()
    qtbot.waitUntil(lambda: view.worker is not None, timeout=5000)
    for report in sideways_reports(1):
        view.worker.frame_ready.emit(report)
    assert view.turned_note.isHidden()
    context.use_camera(1, False)  # another camera: its own picture, said of it
    for report in sideways_reports(1):
        view.worker.frame_ready.emit(report)
    assert not view.turned_note.isHidden()


@pytest.mark.parametrize("view_class", ["PracticePage", "LiveAttemptView"])
def test_the_tracking_line_says_the_picture_looks_turned_while_the_note_does(qtbot, context, view_class):
    """The walk-through: under the note, "✓ Tracking: body, left hand" in green claimed all was well. On
    practice and in the record window (their tracking line, one TrackingStatus), it is a problem while the
    note says the picture looks turned; once put off, the line is as before."""
    from desktop_app.ui.live_attempt_view import LiveAttemptView
    from desktop_app.ui.practice_page import PracticePage

    view = {"PracticePage": PracticePage, "LiveAttemptView": LiveAttemptView}[view_class](context)
    qtbot.addWidget(view)  # never shown: the frames are handed to it as its camera's worker hands them
    line = view.tracking_status.label
    for report in sideways_reports(1):
        view._watch_upright(report)
        view._show_frame(report)
    assert not view.turned_note.isHidden()
    assert line.text() == "⚠ Your picture looks turned on its side: turn it upright."
    view.turned_note.not_now_button.click()
    for report in sideways_reports(1)[:5]:
        view._show_frame(report)
    assert not line.text().startswith("⚠ Your picture")


@pytest.mark.parametrize("put_off", [False, True])
def test_the_chooser_suggests_the_turn_the_live_view_tells_and_shows_it_chosen(
    qtbot, context, pipelines, put_off
):
    """File → Camera… said nothing of the picture looking turned, and the learner guessed the direction
    ("clockwise" made them upside down). It says the turn that stands them upright, as they see it, marks
    it and shows it chosen on the camera at once; also after "Not now". Not for another camera."""
    view = a_view_with_the_camera(qtbot, context, pipelines)
    for report in sideways_reports(1):  # the head on the right of the picture, seen on the left (mirror)
        view.worker.frame_ready.emit(report)
    if put_off:
        view.turned_note.not_now_button.click()
    dialog = open_chooser(qtbot, context)
    assert dialog.turn_box.currentText() == "A quarter turn clockwise (suggested)"
    assert [dialog.turn_box.itemText(i) for i in range(4)].count("A quarter turn clockwise (suggested)") == 1
    assert not dialog.suggestion.isHidden()
    assert dialog.suggestion.text().startswith(
        "Your picture looks turned on its side: “A quarter turn clockwise” stands you upright."
    )
    assert view.worker.turns == 3, "shown at once, as the note's button turns it"
    dialog.video_path.setText("/videos/other.mp4")
    dialog.video_button.setChecked(True)
    assert dialog.suggestion.isHidden() and "(suggested)" not in dialog.turn_box.currentText()
    dialog.camera_button.setChecked(True)
    assert dialog.turn_box.currentText() == "Not turned"  # the camera in use as it was: not suggested again
    dialog.turn_box.setCurrentIndex(CLOCKWISE)
    dialog.accept()
    assert dialog.chosen.turns == 3


def test_the_chooser_suggests_nothing_for_an_upright_picture(qtbot, context, pipelines):
    view = a_view_with_the_camera(qtbot, context, pipelines)
    for report in sideways_reports(0):
        view.worker.frame_ready.emit(report)
    dialog = open_chooser(qtbot, context)
    assert dialog.turn_box.currentText() == "Not turned" and dialog.suggestion.isHidden()
