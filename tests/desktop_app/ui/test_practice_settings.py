"""Settings the practice page changes itself are saved at once (not only when the app closes cleanly)."""

import shutil

import pytest

from desktop_app.core.app.context import AppContext, CameraInUse
from desktop_app.core.shared.settings import Settings
from desktop_app.ui import camera_status
from desktop_app.ui.practice_page import PracticePage
from signcore.database import ClipOrigin, SignDatabase
from signcore.formats import load_traduttore
from tests.support import (
    LOADED_MACHINE_MS,
    SIGNING_VIDEO,
    TEST_DATA,
    answering_the_selfie_question,
    frames_read_on_the_gui_thread,
)


def practice_page(qtbot, settings: Settings, database: SignDatabase, path) -> PracticePage:
    """The practice page on ``database`` with ``settings`` saved at ``path``, the signing video its camera."""
    context = AppContext(settings, database, None, settings_path=path)
    context.use_camera(str(SIGNING_VIDEO), True)
    page = PracticePage(context)
    qtbot.addWidget(page)
    return page


def test_the_auto_start_box_is_remembered(qtbot, tmp_path):
    path = tmp_path / "settings.json"
    with SignDatabase(tmp_path / "signs.db") as database:
        page = practice_page(qtbot, Settings(), database, path)
        assert not page.auto_box.isChecked()  # off until the learner turns it on
        page.auto_box.setChecked(True)
        assert Settings.load(path).auto_start is True  # saved at once, not only on a clean exit

        restarted = practice_page(qtbot, Settings.load(path), database, path)
        assert restarted.auto_box.isChecked()
        page.shutdown()
        restarted.shutdown()


def test_start_when_my_hands_come_up_is_the_same_setting_in_the_settings_dialog(qtbot, tmp_path):
    """It was only a checkbox on the Practice page: a learner told it is "in Settings" did not find it. Ticked
    in either place, the other shows it, and it is saved."""
    from desktop_app.ui.settings_dialog import SettingsDialog

    path = tmp_path / "settings.json"
    with SignDatabase(tmp_path / "signs.db") as database:
        page = practice_page(qtbot, Settings(), database, path)
        dialog = SettingsDialog(page.context)
        qtbot.addWidget(dialog)
        assert not dialog.auto_start.isChecked()
        dialog.auto_start.setChecked(True)
        dialog.accept()
        assert page.auto_box.isChecked() and Settings.load(path).auto_start is True

        page.auto_box.setChecked(False)
        reopened = SettingsDialog(page.context)
        qtbot.addWidget(reopened)
        assert not reopened.auto_start.isChecked() and Settings.load(path).auto_start is False
        page.shutdown()


def test_a_file_that_is_no_video_is_not_saved_as_the_camera(qtbot, tmp_path, monkeypatch):
    """ "Use a video file…" saved a text file named .mp4 as the camera of every later start."""
    from PySide6.QtWidgets import QMessageBox

    not_a_video = tmp_path / "notes.mp4"
    not_a_video.write_text("not a video")
    warnings = []
    monkeypatch.setattr(camera_status, "choose_video_file", lambda *args: str(not_a_video))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    with SignDatabase(tmp_path / "signs.db") as database:
        page = practice_page(qtbot, Settings(), database, tmp_path / "settings.json")
        context = page.context
        page.no_camera.use_video_file()
        qtbot.waitUntil(lambda: warnings != [], timeout=LOADED_MACHINE_MS)  # once read
        assert warnings == [
            f"{not_a_video}\n\nNot a video that can be read (unknown format, or the file is damaged). Choose"
            " another video file."
        ]
        assert context.camera.source == str(SIGNING_VIDEO) and context.settings.video_path is None
        page.shutdown()


@pytest.mark.parametrize("answer", ["not a selfie", "a selfie", "cancelled"])
def test_a_video_file_to_practise_with_is_asked_about_as_import_and_search_ask(
    qtbot, tmp_path, monkeypatch, answer
):
    """ "Use a video file…" took the camera's selfie setting for the video chosen: one filmed by a camera
    facing the signer was tracked with the signer's hands swapped. Import and search ask, and so does it,
    beside the first frame its check read off the GUI thread (the question read it again on the GUI
    thread: a big video froze the window)."""
    from desktop_app.ui.selfie_question import SelfieDialog

    read_on_the_gui_thread = frames_read_on_the_gui_thread(monkeypatch)
    chosen = str(shutil.copy(SIGNING_VIDEO, tmp_path / "signing.mp4"))
    monkeypatch.setattr(camera_status, "choose_video_file", lambda *args: chosen)
    asked: list[str] = []
    learner_answers = answering_the_selfie_question(answer, camera_status.ANSWER_FIRST, "Practise", asked)
    monkeypatch.setattr(SelfieDialog, "exec", learner_answers)
    with SignDatabase(tmp_path / "signs.db") as database:
        camera_says = answer != "a selfie"  # the camera's setting says the opposite
        settings = Settings(video_is_selfie=camera_says)
        page = practice_page(qtbot, settings, database, tmp_path / "settings.json")
        context = page.context
        context.use_camera(str(SIGNING_VIDEO), camera_says)
        page.no_camera.use_video_file()
        qtbot.waitUntil(
            lambda: asked == ["Practise with signing.mp4"], timeout=LOADED_MACHINE_MS
        )  # once read
        if answer == "cancelled":  # nothing changed, nothing saved
            assert context.camera == CameraInUse(str(SIGNING_VIDEO), camera_says)
            assert context.settings.video_path is None
        else:
            assert context.camera == CameraInUse(chosen, answer == "a selfie")
            saved = Settings.load(tmp_path / "settings.json")
            assert (saved.video_path, saved.video_is_selfie) == (chosen, answer == "a selfie")
        assert read_on_the_gui_thread == []
        page.shutdown()


def test_left_handed_mode_shows_a_two_handed_reference_closing_up_on_the_left_hand(qtbot, tmp_path):
    """coffee (ASL), two hands raised alike, is shown mirrored to a left-handed learner; its close-up showed
    the right hand (the clip's guess, mirrored or not), not the hand the learner copies."""
    clips = load_traduttore(TEST_DATA / "traduttore" / "traduttore_sample.npz")
    coffee = [clip for clip in clips if clip.gloss == "coffee"][1]  # its mirror image also guessed right
    with SignDatabase(tmp_path / "signs.db") as database:
        sign_id = database.add_sign("coffee", "ASL")
        database.add_clip(sign_id, coffee.pose, ClipOrigin("traduttore.npz"))
        page = practice_page(qtbot, Settings(left_handed=True), database, tmp_path / "settings.json")
        page.context.select_sign(sign_id)
        reference = page.practising.reference
        assert reference is not None and reference.equals(coffee.pose.mirrored())
        assert page.player.canvas.main_track.dominant_hand == "left"
        page.context.update_settings(left_handed=False)
        assert page.player.canvas.main_track.dominant_hand == "right"
        page.shutdown()


def test_the_settings_notes_are_read_whole_in_the_small_screens_window(qtbot, tmp_path, monkeypatch):
    """A walk-through at 1000 x 520: the dialog was as tall as its least size, which counts wrapped words at
    the width a label likes; the notes under the camera (a video this time, a camera next time) and the sign
    model showed three of their four or five lines, the first cut at its top. The dialog makes them room."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QScreen

    from desktop_app.ui.settings_dialog import SettingsDialog

    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 1000, 520))
    with SignDatabase(tmp_path / "signs.db") as database:
        page = practice_page(qtbot, Settings(), database, tmp_path / "settings.json")
        dialog = SettingsDialog(page.context)
        qtbot.addWidget(dialog)
        dialog.camera_note.setText("A note of four lines or so. " * 10)
        dialog.model_status.setText("What the sign model learnt from, and how well it recognises signs. " * 4)
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.wait(20)  # the layout settles
        for note in (dialog.camera_note, dialog.model_status):
            assert note.height() >= note.heightForWidth(note.width()), note.text()[:30]
        assert dialog.height() <= 520
        page.shutdown()


def test_a_video_file_to_practise_with_is_read_on_a_worker_thread(qtbot, tmp_path, monkeypatch):
    """A damaged video was decoded whole on the GUI thread before the question: a long one froze the window.
    Its button says it is read meanwhile, and is pressed once."""
    import threading

    from PySide6.QtWidgets import QMessageBox

    from desktop_app.core.signing.capture import CHECKING_THE_VIDEO
    from desktop_app.ui.camera_status import USE_A_VIDEO_FILE
    from tests.support import HeldReading, cut_short_copy

    damaged = cut_short_copy(tmp_path)
    reading = HeldReading(monkeypatch, damaged)
    warnings = []
    monkeypatch.setattr(camera_status, "choose_video_file", lambda *args: damaged)
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    with SignDatabase(tmp_path / "signs.db") as database:
        page = practice_page(qtbot, Settings(), database, tmp_path / "settings.json")
        button = page.no_camera.use_video_button
        width = button.width()
        page.no_camera.use_video_file()
        assert button.text() == CHECKING_THE_VIDEO and not button.isEnabled() and button.width() == width
        qtbot.waitUntil(reading.started.is_set, timeout=LOADED_MACHINE_MS)
        assert reading.threads[0] is not threading.main_thread()
        reading.release.set()
        qtbot.waitUntil(lambda: warnings != [], timeout=LOADED_MACHINE_MS)
        assert "This video is damaged or cut short" in warnings[0]
        assert button.text() == USE_A_VIDEO_FILE and button.isEnabled()
        assert page.context.settings.video_path is None
        page.shutdown()


@pytest.mark.parametrize("then", ["a camera chosen", "try again", "the panel hidden"])
def test_a_video_file_being_read_is_given_up_when_a_camera_is_chosen_meanwhile(
    qtbot, tmp_path, monkeypatch, then
):
    """Review r30 #10: while "Use a video file…" read the video, the learner chose a camera (Choose camera…,
    Try again) and the selfie question still came once the reading ended, its answer replacing the camera
    just chosen with the video. The reading is given up, and what it found comes to nothing."""
    from desktop_app.ui.camera_status import USE_A_VIDEO_FILE
    from desktop_app.ui.selfie_question import SelfieDialog
    from tests.support import HeldReading

    chosen = str(shutil.copy(SIGNING_VIDEO, tmp_path / "signing.mp4"))
    reading = HeldReading(monkeypatch, chosen, stops_when_cancelled=False)  # ends as if just finished
    monkeypatch.setattr(camera_status, "choose_video_file", lambda *args: chosen)
    asked: list[str] = []
    learner_answers = answering_the_selfie_question("a selfie", camera_status.ANSWER_FIRST, "Practise", asked)
    monkeypatch.setattr(SelfieDialog, "exec", learner_answers)
    with SignDatabase(tmp_path / "signs.db") as database:
        page = practice_page(qtbot, Settings(), database, tmp_path / "settings.json")
        panel = page.no_camera
        page.window().show()
        page.camera_stack.setCurrentWidget(panel)  # as when the camera could not start
        qtbot.waitUntil(panel.isVisible)
        panel.use_video_file()
        worker = panel.reading
        assert worker is not None
        qtbot.waitUntil(reading.started.is_set, timeout=LOADED_MACHINE_MS)
        if then == "a camera chosen":
            page.context.use_chosen_camera(CameraInUse(str(SIGNING_VIDEO), False))
        elif then == "try again":
            panel.retry_button.click()
        else:
            page.camera_stack.setCurrentIndex(0)
        assert worker.control.cancel_requested
        assert panel.use_video_button.text() == USE_A_VIDEO_FILE and panel.use_video_button.isEnabled()
        with qtbot.waitSignal(worker.finished, timeout=LOADED_MACHINE_MS):
            reading.release.set()  # its verdict comes all the same: too late to be asked about
        assert asked == [] and page.context.camera.source == str(SIGNING_VIDEO)
        page.shutdown()
