"""The camera dialog over its CameraChoice: cameras listed when found, a video file otherwise."""

from desktop_app.ui import camera_dialog
from desktop_app.ui.camera_dialog import CameraDialog


def open_dialog(qtbot, monkeypatch, cameras, camera, selfie=False) -> CameraDialog:
    monkeypatch.setattr(camera_dialog, "list_cameras", lambda: list(cameras))
    dialog = CameraDialog(camera, selfie)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.camera_status.text() != "Looking for cameras…", timeout=5000)
    return dialog


def ok_enabled(dialog) -> bool:
    return dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()


def test_the_cameras_found_are_offered_and_the_one_in_use_is_kept(qtbot, monkeypatch):
    dialog = open_dialog(qtbot, monkeypatch, [0, 2], camera=2)
    assert dialog.camera_status.text() == "2 cameras found."
    assert dialog.camera_box.count() == 2 and dialog.camera_box.currentData() == 2
    assert ok_enabled(dialog) and dialog.camera == 2 and not dialog.selfie_box.isEnabled()
    dialog.camera_box.setCurrentIndex(0)
    assert dialog.camera == 0


def test_without_a_camera_a_video_file_must_be_named(qtbot, monkeypatch):
    dialog = open_dialog(qtbot, monkeypatch, [], camera=0)
    assert "No camera found" in dialog.camera_status.text()
    assert dialog.video_button.isChecked() and not ok_enabled(dialog)
    dialog.video_path.setText("/videos/hallo.mp4")
    dialog.selfie_box.setChecked(True)
    assert ok_enabled(dialog) and dialog.camera == "/videos/hallo.mp4" and dialog.video_is_selfie
