"""The one camera chooser over its CameraChoice: cameras listed when found, a video file otherwise; a video
that is not there refused; the Settings showing and changing the same camera."""

import shutil
import threading

import pytest

from desktop_app.core.app.context import CameraInUse
from desktop_app.core.shared.settings import Settings
from desktop_app.core.signing.capture import (
    CHECKING_THE_VIDEO,
    NO_VIDEO_FILE_THERE,
    VIDEO_CAN_BE_USED,
    VideoVerdict,
)
from desktop_app.ui import camera_dialog, settings_dialog
from desktop_app.ui.camera_dialog import CameraDialog
from desktop_app.ui.settings_dialog import SettingsDialog
from signcore.words import breakable
from tests.desktop_app.ui.stand_in_pipeline import stand_in_pipelines
from tests.support import (
    LOADED_MACHINE_MS,
    SIGNING_VIDEO,
    TEST_DATA,
    HeldReading,
    answering_the_selfie_question,
    cut_short_copy,
    frames_read_on_the_gui_thread,
)


@pytest.fixture(autouse=True)
def preview_without_a_camera(monkeypatch):
    """The chooser's preview runs the camera in use when no live view does: a stand-in here."""
    stand_in_pipelines(monkeypatch)


def open_dialog(qtbot, monkeypatch, context, cameras, camera, selfie=False) -> CameraDialog:
    monkeypatch.setattr(camera_dialog, "list_cameras", lambda showing=None: list(cameras))
    context.use_camera(camera, selfie)
    dialog = CameraDialog(context)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.camera_status.text() != "Looking for cameras…", timeout=5000)
    return dialog


def ok_enabled(dialog) -> bool:
    return dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()


def test_the_cameras_found_are_offered_and_the_one_in_use_is_kept(qtbot, monkeypatch, context):
    dialog = open_dialog(qtbot, monkeypatch, context, [0, 2], camera=2)
    assert dialog.camera_status.text() == "2 cameras found."
    assert dialog.camera_box.count() == 2 and dialog.camera_box.currentData() == 2
    assert ok_enabled(dialog) and dialog.chosen == CameraInUse(2, False) and not dialog.selfie_box.isEnabled()
    dialog.camera_box.setCurrentIndex(0)
    assert dialog.chosen == CameraInUse(0, False)


def test_without_a_camera_a_video_file_must_be_named(qtbot, monkeypatch, context):
    dialog = open_dialog(qtbot, monkeypatch, context, [], camera=0)
    assert "No camera found" in dialog.camera_status.text()
    assert dialog.video_button.isChecked() and not ok_enabled(dialog)
    dialog.video_path.setText("/videos/hallo.mp4")
    dialog.selfie_box.setChecked(True)
    assert ok_enabled(dialog) and dialog.chosen == CameraInUse("/videos/hallo.mp4", True)


def test_a_video_that_is_not_there_is_refused_with_a_plain_message(qtbot, monkeypatch, context, tmp_path):
    """It was accepted and saved, and every start then failed on it."""
    dialog = open_dialog(qtbot, monkeypatch, context, [0], camera=0)
    dialog.show()
    missing = tmp_path / "missing.mp4"
    dialog.video_path.setText(str(missing))
    dialog.video_button.setChecked(True)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.isVisible()
    assert dialog.verdict.text() == breakable(NO_VIDEO_FILE_THERE)
    assert dialog.height() >= dialog.layout().totalHeightForWidth(dialog.width()), "its lines were cut"
    dialog.camera_button.setChecked(True)  # another choice: the message was about the one before
    assert dialog.verdict.text() == ""
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert not dialog.isVisible() and dialog.chosen == CameraInUse(0, False)
    assert context.settings.video_path is None  # the dialog only answers: nothing was saved by it


def test_the_command_lines_camera_is_shown_with_the_saved_video_offered_and_explained(
    qtbot, monkeypatch, context
):
    context.use_camera("/videos/wave_hello.mp4", True, remember=True)  # saved in an earlier run
    context.use_camera(7, False)  # this run: --camera 7, which is not there
    dialog = open_dialog(qtbot, monkeypatch, context, [], camera=7)
    assert dialog.note.text() == context.camera_note() and "camera 7" in dialog.note.text()
    assert not dialog.note.isHidden()
    # no camera 7 (nor any): back to the saved video is one OK away
    assert dialog.video_button.isChecked() and dialog.video_path.text() == "/videos/wave_hello.mp4"


def test_a_camera_chosen_from_the_file_menu_is_used_at_once_and_saved(qtbot, context, monkeypatch):
    monkeypatch.setattr(
        camera_dialog, "ask_for_camera", lambda context, parent: CameraInUse("/v/me.mp4", True)
    )
    camera_dialog.choose_camera(context, None)
    assert context.camera == CameraInUse("/v/me.mp4", True)
    assert Settings.load(context.settings_path).camera_source() == "/v/me.mp4"
    assert Settings.load(context.settings_path).video_is_selfie


def test_settings_show_the_camera_in_use_and_change_it_on_ok_only(qtbot, context, monkeypatch):
    """Settings showed the saved camera ('camera 0, none: use the camera' while a video given on the command
    line was in use), and OK did not change the camera the app used."""
    context.use_camera("/videos/given.mp4", True)  # --camera given.mp4
    dialog = SettingsDialog(context)
    qtbot.addWidget(dialog)
    assert dialog.camera_label.text() == "The video given.mp4"
    assert dialog.camera_note.text() == context.camera_note() != ""
    asked_from = []
    monkeypatch.setattr(
        settings_dialog,
        "ask_for_camera",
        lambda context, parent, start, answers: asked_from.append(start) or CameraInUse(2, False),
    )
    dialog._choose_camera()
    assert asked_from == [None]  # the chooser starts from the camera in use
    assert dialog.camera_label.text() == "Camera 2"
    assert dialog.camera_note.text() == "Used and saved when you press OK."
    assert context.camera == CameraInUse("/videos/given.mp4", True)  # nothing changes before OK
    dialog._choose_camera()
    assert asked_from[-1] == CameraInUse(2, False)  # again: from the camera chosen here
    dialog.accept()
    assert context.camera == CameraInUse(2, False)
    assert Settings.load(context.settings_path).camera_source() == 2


def test_settings_ok_without_a_camera_chosen_keeps_the_camera_and_the_saved_choice(qtbot, context):
    context.use_camera(7, False)  # --camera 7 over the saved camera 0
    dialog = SettingsDialog(context)
    qtbot.addWidget(dialog)
    assert dialog.camera_label.text() == "Camera 7"
    dialog.accept()
    assert context.camera == CameraInUse(7, False) and context.settings.camera_source() == 0


def test_with_no_camera_found_the_note_does_not_promise_the_saved_camera_for_next_time(
    qtbot, monkeypatch, context
):
    """Started with a video over the saved camera 0, with no camera attached, the dialog said "Next time it
    starts with camera 0" right above "No camera found"."""
    dialog = open_dialog(qtbot, monkeypatch, context, [], camera="/videos/given.mp4")
    assert dialog.camera_status.text().startswith("No camera found.")
    assert dialog.note.text() == (
        "This time SignPractice was started with the video given.mp4. Next time it would start with camera "
        "0, but that camera is not attached. Choose the camera you want here: it is used now and saved for "
        "next time."
    )
    assert dialog.video_button.isChecked() and dialog.chosen == CameraInUse("/videos/given.mp4", False)
    settings = SettingsDialog(context)  # File → Camera… said "No camera found", Settings "Next time camera 0"
    qtbot.addWidget(settings)
    assert settings.camera_note.text() == dialog.note.text()
    found = open_dialog(qtbot, monkeypatch, context, [0], camera="/videos/given.mp4")
    assert "Next time it starts with camera 0" in found.note.text()  # it is there
    settings = SettingsDialog(context)
    qtbot.addWidget(settings)
    assert settings.camera_note.text() == found.note.text()


@pytest.mark.parametrize("answer", ["not a selfie", "a selfie", "cancelled"])
def test_a_video_chosen_with_browse_is_asked_about_as_use_a_video_file_asks(
    qtbot, monkeypatch, context, tmp_path, answer
):
    """Browse… kept the tick of the video saved before for the one chosen: a video filmed by a camera facing
    the signer, after a selfie one, was tracked with the signer's hands swapped. "Use a video file…" asks
    (test_practice_settings), and so does Browse…; cancelled, the video before stays with its answer. The
    question shows the first frame the video's check read off the GUI thread (it read it again on the GUI
    thread: a big video froze the window)."""
    from desktop_app.ui.selfie_question import SelfieDialog

    read_on_the_gui_thread = frames_read_on_the_gui_thread(monkeypatch)
    before_is_selfie = answer != "a selfie"  # the saved video's answer says the opposite
    dialog = open_dialog(qtbot, monkeypatch, context, [0], "/videos/before.mp4", selfie=before_is_selfie)
    assert dialog.selfie_box.isChecked() == before_is_selfie
    chosen = str(shutil.copy(SIGNING_VIDEO, tmp_path / "signing.mp4"))
    monkeypatch.setattr(camera_dialog, "choose_video_file", lambda *args: chosen)
    asked: list[str] = []
    learner_answers = answering_the_selfie_question(answer, camera_dialog.ANSWER_FIRST, "Use it", asked)
    monkeypatch.setattr(SelfieDialog, "exec", learner_answers)
    dialog.browse_button.click()
    qtbot.waitUntil(
        lambda: asked == ["Use signing.mp4 as the camera"], timeout=LOADED_MACHINE_MS
    )  # once read
    if answer == "cancelled":
        assert dialog.chosen == CameraInUse("/videos/before.mp4", before_is_selfie)
    else:
        assert dialog.chosen == CameraInUse(chosen, answer == "a selfie")
        assert dialog.selfie_box.isChecked() == (answer == "a selfie")
    assert read_on_the_gui_thread == []


def test_a_video_chosen_with_browse_that_cannot_be_read_is_said_so_not_asked_about(
    qtbot, monkeypatch, context, tmp_path
):
    not_a_video = tmp_path / "notes.mp4"
    not_a_video.write_text("not a video")
    dialog = open_dialog(qtbot, monkeypatch, context, [0], camera=0)
    monkeypatch.setattr(camera_dialog, "choose_video_file", lambda *args: str(not_a_video))
    monkeypatch.setattr(camera_dialog, "ask_if_selfie", lambda *args: pytest.fail("asked about no video"))
    dialog.show()
    dialog.browse_button.click()
    assert dialog.video_button.isChecked() and dialog.video_path.text() == str(not_a_video)
    qtbot.waitUntil(
        lambda: "Not a video that can be read" in dialog.verdict.text(), timeout=LOADED_MACHINE_MS
    )


def counting_probes(monkeypatch) -> list[str]:
    """The videos probe_video opens from now on, in order."""
    import signcore.extract

    probed: list[str] = []
    probe = signcore.extract.probe_video
    monkeypatch.setattr(signcore.extract, "probe_video", lambda path: probed.append(str(path)) or probe(path))
    return probed


@pytest.mark.parametrize("answer", ["not a selfie", "a selfie", "cancelled"])
def test_a_video_path_typed_by_hand_is_asked_about_on_ok_and_probed_once(
    qtbot, monkeypatch, context, tmp_path, answer
):
    """A path typed by hand kept the tick of the video before (no answer for this file: a video filmed by a
    camera facing the signer after a selfie one had its hands swapped). Typed, the tick is reset and OK asks
    as Browse… does; cancelled, the dialog stays open. The video was probed on every OK. Its first frame, for
    the question, is the one its check read off the GUI thread."""
    from desktop_app.ui.selfie_question import SelfieDialog

    probed = counting_probes(monkeypatch)
    read_on_the_gui_thread = frames_read_on_the_gui_thread(monkeypatch)
    dialog = open_dialog(qtbot, monkeypatch, context, [0], "/videos/before.mp4", selfie=True)
    dialog.show()
    typed = str(shutil.copy(SIGNING_VIDEO, tmp_path / "typed.mp4"))
    dialog.video_path.selectAll()
    qtbot.keyClicks(dialog.video_path, typed)
    assert not dialog.selfie_box.isChecked(), "the tick of before.mp4 was kept for typed.mp4"
    asked: list[str] = []
    learner_answers = answering_the_selfie_question(answer, camera_dialog.ANSWER_FIRST, "Use it", asked)
    monkeypatch.setattr(SelfieDialog, "exec", learner_answers)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    ok.click()  # waits for the video to be read, then asks
    qtbot.waitUntil(lambda: asked == ["Use typed.mp4 as the camera"], timeout=LOADED_MACHINE_MS)
    if answer == "cancelled":
        assert dialog.isVisible()
        ok.click()  # asked again: still no answer for this file
        assert asked == ["Use typed.mp4 as the camera"] * 2
    else:
        assert not dialog.isVisible() and dialog.chosen == CameraInUse(typed, answer == "a selfie")
    assert probed == [typed], "the same video was probed again"
    assert read_on_the_gui_thread == []


def test_a_video_chosen_with_browse_is_probed_once(qtbot, monkeypatch, context, tmp_path):
    from desktop_app.ui.selfie_question import SelfieDialog

    probed = counting_probes(monkeypatch)
    dialog = open_dialog(qtbot, monkeypatch, context, [0], camera=0)
    dialog.show()
    chosen = str(shutil.copy(SIGNING_VIDEO, tmp_path / "signing.mp4"))
    monkeypatch.setattr(camera_dialog, "choose_video_file", lambda *args: chosen)
    learner_answers = answering_the_selfie_question("a selfie", camera_dialog.ANSWER_FIRST, "Use it", [])
    monkeypatch.setattr(SelfieDialog, "exec", learner_answers)
    dialog.browse_button.click()
    qtbot.waitUntil(lambda: dialog.selfie_box.isChecked(), timeout=LOADED_MACHINE_MS)  # read, asked, answered
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert not dialog.isVisible() and dialog.chosen == CameraInUse(chosen, True)  # not asked again on OK
    assert probed == [chosen]


def open_settings(qtbot, monkeypatch, context, cameras) -> SettingsDialog:
    """The Settings, opened with ``cameras`` attached, once they were looked for."""
    monkeypatch.setattr(camera_dialog, "list_cameras", lambda showing=None: list(cameras))
    dialog = SettingsDialog(context)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: context.cameras_found is not None, timeout=5000)
    qtbot.wait(10)  # the dialog's own slot, queued after the context's
    return dialog


def test_settings_look_for_cameras_themselves_before_promising_one_for_next_time(qtbot, monkeypatch, context):
    """Started with a video over the saved camera 0 and no camera attached, the Settings said "Next time it
    starts with camera 0" until File → Camera… had looked for cameras."""
    context.use_camera("/videos/given.mp4", True)
    settings = open_settings(qtbot, monkeypatch, context, [])
    assert "camera 0, but that camera is not attached" in settings.camera_note.text()
    assert "Next time it starts with camera 0" not in settings.camera_note.text()


@pytest.mark.parametrize(
    ("cameras", "words"), [([0], "Camera 0"), ([], "No camera found"), ([1], "Camera 0: not attached")]
)
def test_settings_say_whether_the_camera_in_use_is_there(qtbot, monkeypatch, context, cameras, words):
    settings = open_settings(qtbot, monkeypatch, context, cameras)
    assert settings.camera_label.text() == words


def test_the_camera_a_view_shows_is_not_opened_again_to_look_for_it(qtbot, monkeypatch, context):
    """While a live view shows camera 0's pictures, a second opening of it fails (the driver has one reader):
    it was not found, and the Settings said "No camera found" under its picture."""
    asked = []
    monkeypatch.setattr(camera_dialog, "list_cameras", lambda showing=None: asked.append(showing) or [0])
    context.camera_showing = True
    camera_dialog.look_for_cameras(context)
    qtbot.waitUntil(lambda: context.cameras_found is not None, timeout=5000)
    assert asked == [0]


def test_a_live_view_says_while_it_shows_the_cameras_pictures(qtbot, monkeypatch, context):
    """Only while its pictures come: a camera lost stayed "shown", so a look for cameras skipped it and
    listed it as found, and the Settings named a camera that was unplugged."""
    from PySide6.QtGui import QImage

    from desktop_app.ui.live_camera import LiveCameraView
    from tests.desktop_app.ui.stand_in_pipeline import stand_in_pipelines

    workers = stand_in_pipelines(monkeypatch)
    view = LiveCameraView(context)
    qtbot.addWidget(view)
    view.start_camera()
    assert not context.camera_showing  # started, no picture yet: it may not be there
    picture = QImage(64, 48, QImage.Format.Format_RGB32)
    picture.fill(0)
    view.show_picture(picture)
    assert context.camera_showing
    workers[0].camera_state.emit("camera 0: the camera stopped sending pictures.")
    assert not context.camera_showing
    asked: list[int | None] = []
    monkeypatch.setattr(camera_dialog, "list_cameras", lambda showing=None: asked.append(showing) or [])
    camera_dialog.look_for_cameras(context)
    qtbot.waitUntil(lambda: context.cameras_found is not None, timeout=5000)
    assert asked == [None] and context.camera_words() == "No camera found"
    workers[0].camera_state.emit("")  # back
    view.show_picture(picture)
    assert context.camera_showing
    view.stop_camera()
    assert not context.camera_showing


@pytest.mark.parametrize("selfie", [True, False])
def test_a_path_typed_back_to_the_video_answered_for_keeps_its_answer(
    qtbot, monkeypatch, context, tmp_path, selfie
):
    """Typing unticked the selfie box, and typing the path back to the video it answered for left it
    unticked: OK took the selfie video as not a selfie without asking, then asked the question already
    answered again, nothing chosen (w30b N3: a hurried "No" swaps left and right). The answer comes back
    with the path, also written another way (the full path of a video given by a relative one)."""
    from PySide6.QtCore import Qt

    from desktop_app.ui.selfie_question import SelfieDialog

    monkeypatch.chdir(tmp_path)
    shutil.copy(SIGNING_VIDEO, tmp_path / "before.mp4")
    dialog = open_dialog(qtbot, monkeypatch, context, [0], "before.mp4", selfie=selfie)
    dialog.show()
    dialog.video_path.end(False)
    qtbot.keyClicks(dialog.video_path, "x")
    assert not dialog.selfie_box.isChecked()  # no answer for before.mp4x
    qtbot.keyClick(dialog.video_path, Qt.Key.Key_Backspace)
    assert dialog.video_path.text() == "before.mp4" and dialog.selfie_box.isChecked() == selfie
    full_path = str(tmp_path / "before.mp4")
    dialog.video_path.selectAll()
    qtbot.keyClicks(dialog.video_path, full_path)
    assert dialog.selfie_box.isChecked() == selfie
    asked: list[str] = []
    learner_answers = answering_the_selfie_question("a selfie", camera_dialog.ANSWER_FIRST, "Use it", asked)
    monkeypatch.setattr(SelfieDialog, "exec", learner_answers)
    qtbot.waitUntil(lambda: ok_enabled(dialog), timeout=LOADED_MACHINE_MS)  # greyed while the video is read
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()  # waits for the path typed to be read
    qtbot.waitUntil(lambda: asked or not dialog.isVisible(), timeout=LOADED_MACHINE_MS)
    assert asked == [], "asked again about the video answered for"
    assert dialog.chosen == CameraInUse(full_path, selfie)


def test_the_camera_chooser_opened_in_the_settings_joins_their_look(qtbot, monkeypatch, context):
    """Settings looked for cameras as they opened, and their "Change…" started a second look while the first
    was still opening every camera: two threads opened the same cameras at once (a driver with one reader
    refuses the second), and the look that ended last said which were found."""
    import threading

    release, looks = threading.Event(), []

    def list_cameras(showing=None):
        looks.append(showing)
        release.wait(5)
        return [0, 2]

    monkeypatch.setattr(camera_dialog, "list_cameras", list_cameras)
    settings = SettingsDialog(context)
    qtbot.addWidget(settings)
    chooser = CameraDialog(context, parent=settings)
    assert chooser.camera_status.text() == "Looking for cameras…"
    release.set()
    qtbot.waitUntil(lambda: chooser.camera_status.text() == "2 cameras found.", timeout=5000)
    assert looks == [None] and context.cameras_found == [0, 2]
    assert settings.camera_label.text() == "Camera 0"
    again = CameraDialog(context, parent=settings)  # the look has ended: a camera plugged in since is found
    qtbot.waitUntil(lambda: again.camera_status.text() == "2 cameras found.", timeout=5000)
    assert looks == [None, None]


@pytest.mark.parametrize("turn_suggested", [False, True])
def test_the_chooser_and_its_selfie_tick_are_whole_on_a_small_screen(
    qtbot, monkeypatch, context, turn_suggested
):
    """On a 1000 x 520 screen the selfie tick's words were cut beside the preview (the turn's label beside its
    choice widened the preview's column). The dialog fits the screen's room, the tick and OK inside it, with
    a turn suggested under the preview too."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QScreen

    from desktop_app.ui.panes import WINDOW_FRAME

    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 1000, 520))
    monkeypatch.setattr(camera_dialog, "list_cameras", lambda showing=None: [])
    context.use_camera(str(SIGNING_VIDEO), True)
    context.looks_turned = 1 if turn_suggested else None  # the live tracking's word, as it says it
    dialog = CameraDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.suggestion.isVisible() == turn_suggested
    assert dialog.width() <= 1000 and dialog.height() <= 520 - WINDOW_FRAME
    tick = dialog.selfie_box
    assert tick.isVisible() and tick.width() >= tick.sizeHint().width(), "its words cut"
    for shown in (tick, dialog.buttons.button(dialog.buttons.StandardButton.Ok)):
        assert dialog.rect().contains(shown.mapTo(dialog, shown.rect().bottomRight()))


def test_the_preview_follows_the_video_chosen_and_goes_back_to_the_camera_in_use(
    qtbot, monkeypatch, context, tmp_path
):
    """A path typed into the field (or browsed) left the preview on the old video, as if it were the one
    chosen: the video chosen shows its first frame once it was read, still (it plays once chosen); the camera
    in use, live."""
    dialog = open_dialog(qtbot, monkeypatch, context, [], str(SIGNING_VIDEO))
    dialog.show()
    preview = dialog.preview
    qtbot.waitUntil(lambda: preview.worker is not None, timeout=5000)  # the camera in use, live
    other = str(shutil.copy(TEST_DATA.parent / "bad_inputs" / "videos" / "no_person.mp4", tmp_path / "o.mp4"))
    dialog.video_path.selectAll()
    qtbot.keyClicks(dialog.video_path, other[:-3])  # on its way: no file yet
    assert preview.worker is None and preview.video_label.text() == "The video chosen is shown here."
    qtbot.keyClicks(dialog.video_path, "mp4")
    qtbot.waitUntil(lambda: not preview.video_label.pixmap().isNull(), timeout=LOADED_MACHINE_MS)
    shown = preview.video_label.pixmap()
    assert preview.worker is None and preview.video_label.text() == ""
    verdict = dialog.choice.verdict(other)
    assert verdict is not None and verdict.first_picture is not None
    height, width = verdict.first_picture.shape[:2]
    assert shown.width() / shown.height() == pytest.approx(width / height, abs=0.02)
    dialog.video_path.setText(str(SIGNING_VIDEO))  # back to the camera in use: live again
    qtbot.waitUntil(lambda: preview.worker is not None, timeout=5000)
    dialog.video_path.setText(other)
    dialog.camera_button.setChecked(True)  # no camera attached: none chosen, the camera in use shown
    qtbot.waitUntil(lambda: preview.worker is not None, timeout=5000)


def test_the_camera_dialogs_picture_says_why_a_camera_was_lost_and_that_it_is_awaited(qtbot, context):
    """The camera's message says why only (the live views say the waiting over their greyed picture, w29b
    c8); the dialog's words replace its picture, so they say both."""
    from desktop_app.ui.live_camera import CAMERA_AWAITED

    preview = camera_dialog.CameraPreview(context)
    qtbot.addWidget(preview)
    preview._camera_state("camera 0: the camera stopped sending pictures.")
    assert preview.video_label.text() == f"camera 0: the camera stopped sending pictures.\n{CAMERA_AWAITED}"


def type_path(qtbot, dialog: CameraDialog, path: str) -> None:
    dialog.video_path.selectAll()
    qtbot.keyClicks(dialog.video_path, path)


def typed_in_the_dialog(qtbot, monkeypatch, context, path: str) -> CameraDialog:
    """The camera dialog, shown, with "A video file" chosen and ``path`` typed (a camera in use)."""
    dialog = open_dialog(qtbot, monkeypatch, context, [0], camera=0)
    dialog.show()
    dialog.video_button.setChecked(True)
    type_path(qtbot, dialog, path)
    return dialog


def test_ok_with_a_damaged_video_waits_for_it_to_be_read_on_a_worker_thread(
    qtbot, monkeypatch, context, tmp_path
):
    """A damaged video typed was decoded whole on OK, on the GUI thread: a long one froze the window."""
    damaged = cut_short_copy(tmp_path)
    reading = HeldReading(monkeypatch, damaged)
    dialog = typed_in_the_dialog(qtbot, monkeypatch, context, damaged)
    assert dialog.verdict.text() == ""  # being typed: nothing said, nothing read
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    ok.click()  # before the typing paused: read now, and waited for
    assert dialog.isVisible() and dialog.verdict.text() == CHECKING_THE_VIDEO and not ok.isEnabled()
    qtbot.waitUntil(reading.started.is_set, timeout=LOADED_MACHINE_MS)  # the window's events go on meanwhile
    assert reading.threads[0] is not threading.main_thread()
    reading.release.set()
    qtbot.waitUntil(lambda: "damaged or cut short" in dialog.verdict.text(), timeout=LOADED_MACHINE_MS)
    assert dialog.isVisible() and ok.isEnabled() and dialog.result() == 0  # refused: it stays open


def test_cancel_closes_the_dialog_at_once_and_stops_the_reading(qtbot, monkeypatch, context, tmp_path):
    damaged = cut_short_copy(tmp_path)
    reading = HeldReading(monkeypatch, damaged)
    dialog = typed_in_the_dialog(qtbot, monkeypatch, context, damaged)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    qtbot.waitUntil(reading.started.is_set, timeout=LOADED_MACHINE_MS)
    dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()
    assert not dialog.isVisible() and dialog.result() == dialog.DialogCode.Rejected
    qtbot.waitUntil(reading.stopped.is_set, timeout=LOADED_MACHINE_MS)


def test_a_video_typed_is_read_once_the_typing_pauses_and_a_reading_typed_over_is_not_said(
    qtbot, monkeypatch, context, tmp_path
):
    """Its damage was said only on OK. Said as the learner types now, for the path in the field: the
    reading of a path typed over, ending late, says nothing of the new one (nor enables OK for it)."""
    damaged = cut_short_copy(tmp_path)
    whole = str(shutil.copy(SIGNING_VIDEO, tmp_path / "whole.mp4"))
    reading = HeldReading(monkeypatch, damaged, stops_when_cancelled=False)
    dialog = typed_in_the_dialog(qtbot, monkeypatch, context, damaged)
    qtbot.waitUntil(reading.started.is_set, timeout=LOADED_MACHINE_MS)  # the typing paused
    assert dialog.verdict.text() == CHECKING_THE_VIDEO
    type_path(qtbot, dialog, whole)
    qtbot.waitUntil(lambda: dialog.verdict.text() == VIDEO_CAN_BE_USED, timeout=LOADED_MACHINE_MS)
    reading.release.set()  # the damaged video's reading ends now, late
    qtbot.waitUntil(lambda: dialog.choice.verdict(damaged) is not None, timeout=LOADED_MACHINE_MS)
    assert dialog.verdict.text() == VIDEO_CAN_BE_USED and dialog.ok_button.isEnabled()
    type_path(qtbot, dialog, damaged)  # back: known, said once the typing pauses
    qtbot.waitUntil(lambda: "damaged or cut short" in dialog.verdict.text(), timeout=LOADED_MACHINE_MS)


@pytest.mark.parametrize("video", ["damaged", "a long path that is not there"])
def test_what_is_said_of_the_video_moves_no_button(qtbot, monkeypatch, context, tmp_path, video):
    """The message came under the choices, and the dialog grew: OK and Cancel moved down under the pointer."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QLabel

    if video == "damaged":
        path, words = cut_short_copy(tmp_path), "damaged or cut short"
    else:
        path, words = (
            str(tmp_path / ("a_folder_with_a_very_long_name" * 6) / "signing.mp4"),
            "no video file there",
        )
    dialog = open_dialog(qtbot, monkeypatch, context, [0], camera=0)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.video_button.setChecked(True)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    shown = (ok, dialog.buttons.button(dialog.buttons.StandardButton.Cancel), dialog.selfie_box)

    def places():
        return dialog.size(), [(part.mapTo(dialog, QPoint(0, 0)), part.size()) for part in shown]

    def said() -> bool:
        return any(words in label.text() for label in dialog.findChildren(QLabel) if label.isVisible())

    before = places()
    type_path(qtbot, dialog, path)
    ok.click()
    qtbot.waitUntil(said, timeout=LOADED_MACHINE_MS)
    dialog.layout().activate()  # laid out again now, if anything was to move
    assert places() == before


def test_ok_waiting_for_a_video_is_given_up_when_a_camera_is_chosen(qtbot, monkeypatch, context, tmp_path):
    """OK waits for the video typed to be read: choosing the camera meanwhile is no OK for the camera."""
    damaged = cut_short_copy(tmp_path)
    reading = HeldReading(monkeypatch, damaged)
    dialog = typed_in_the_dialog(qtbot, monkeypatch, context, damaged)
    dialog.ok_button.click()
    qtbot.waitUntil(reading.started.is_set, timeout=LOADED_MACHINE_MS)
    dialog.camera_button.setChecked(True)
    assert dialog.isVisible() and dialog.ok_button.isEnabled()  # the camera can be taken, with OK
    reading.release.set()
    qtbot.waitUntil(lambda: dialog.choice.verdict(damaged) is not None, timeout=LOADED_MACHINE_MS)
    assert dialog.isVisible()
    dialog.video_button.setChecked(True)  # back: what the reading found is said, nothing more
    assert "damaged or cut short" in dialog.verdict.text() and dialog.isVisible()


def test_a_video_answered_for_anywhere_is_not_asked_about_again_after_a_restart(qtbot, monkeypatch, tmp_path):
    """A video imported as "not a selfie" was asked about again when searched with; and the camera
    chooser kept answers of its own. One store, kept beside the settings, answers every place that asks."""
    from desktop_app.core.app.context import AppContext
    from desktop_app.ui.camera_dialog import ask_if_selfie_for_camera
    from desktop_app.ui.selfie_question import SelfieDialog
    from signcore.database import SignDatabase

    video = shutil.copy(SIGNING_VIDEO, tmp_path / "abdomen.mp4")
    first_run = AppContext(Settings(), SignDatabase(tmp_path / "one.db"), None, tmp_path / "settings.json")
    first_run.selfie_answers.remember(video, False)  # as the import does once the learner answered
    first_run.close()
    next_run = AppContext(Settings(), SignDatabase(tmp_path / "two.db"), None, tmp_path / "settings.json")
    monkeypatch.setattr(SelfieDialog, "exec", lambda dialog: pytest.fail("asked again"))
    read = VideoVerdict(str(video), "")
    assert (
        ask_if_selfie_for_camera(None, next_run.selfie_answers, read, "Use {name}", "Use it", "Answer")
        is False
    )
    next_run.close()


@pytest.mark.parametrize("closed_with", ["Cancel", "OK"])
def test_selfie_answers_given_in_the_chooser_are_kept_on_ok_only(
    qtbot, monkeypatch, context, tmp_path, closed_with
):
    """The selfie tick changed for the video in use, and a video chosen with Browse… and answered
    for, stayed those files' answers everywhere (a search with the file, "Use a video file…", the next
    chooser, the next run) once the chooser was cancelled. Cancel leaves every answer as it was; OK keeps
    them."""
    from desktop_app.core.signing.capture import SelfieAnswers
    from desktop_app.ui.selfie_question import SelfieDialog

    in_use = str(shutil.copy(SIGNING_VIDEO, tmp_path / "in_use.mp4"))
    browsed = str(shutil.copy(SIGNING_VIDEO, tmp_path / "browsed.mp4"))
    context.selfie_answers.remember(in_use, False)
    dialog = open_dialog(qtbot, monkeypatch, context, [0], in_use, selfie=False)
    dialog.show()
    qtbot.waitUntil(lambda: ok_enabled(dialog), timeout=LOADED_MACHINE_MS)  # read
    dialog.selfie_box.click()  # "it is a selfie recording after all"
    assert dialog.selfie_box.isChecked()
    monkeypatch.setattr(camera_dialog, "choose_video_file", lambda *args: browsed)
    learner_answers = answering_the_selfie_question("a selfie", camera_dialog.ANSWER_FIRST, "Use it", [])
    monkeypatch.setattr(SelfieDialog, "exec", learner_answers)
    dialog.browse_button.click()
    qtbot.waitUntil(lambda: dialog.selfie_box.isChecked(), timeout=LOADED_MACHINE_MS)  # read, answered
    if closed_with == "OK":
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        assert dialog.chosen == CameraInUse(browsed, True)
    else:
        dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()
    assert not dialog.isVisible()
    written = SelfieAnswers(context.selfie_answers.kept_in)  # as the next run reads them
    for answers in (context.selfie_answers, written):
        if closed_with == "OK":
            assert (answers.answer(in_use), answers.answer(browsed)) == (True, True)
        else:
            assert (answers.answer(in_use), answers.answer(browsed)) == (False, None)


def test_selfie_answers_given_in_the_chooser_opened_from_the_settings_are_kept_on_their_ok_only(
    qtbot, monkeypatch, context, tmp_path
):
    """The Settings change nothing until OK: an answer given in the chooser opened from them, which was
    OK'd, is not kept when the Settings are cancelled, and is once they are OK'd."""
    video = str(shutil.copy(SIGNING_VIDEO, tmp_path / "video.mp4"))

    def chooser_answers(context, parent, start, answers):
        in_the_chooser = answers.draft()  # as CameraDialog answers
        in_the_chooser.remember(video, True)
        in_the_chooser.keep()  # its OK
        return CameraInUse(video, True)

    monkeypatch.setattr(settings_dialog, "ask_for_camera", chooser_answers)
    cancelled = open_settings(qtbot, monkeypatch, context, [0])
    cancelled._choose_camera()
    cancelled.reject()
    assert context.selfie_answers.answer(video) is None
    accepted = open_settings(qtbot, monkeypatch, context, [0])
    accepted._choose_camera()
    accepted.accept()
    assert context.selfie_answers.answer(video) is True and context.camera == CameraInUse(video, True)
