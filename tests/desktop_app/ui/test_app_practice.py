"""The practice app end to end (real widgets offscreen, real MediaPipe, real ONNX encoder, real SQLite):
the signing video used as the camera gives a scored attempt; no camera shows the message and the file option;
a camera lost mid-session is reported and re-opened."""

import dataclasses
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QKeySequence
from PySide6.QtWidgets import QApplication, QPushButton

from desktop_app.core.app.context import AppContext
from desktop_app.core.app.models_switch import embed_missing
from desktop_app.core.collection.library import Recording
from desktop_app.core.shared.jobs import run_job
from desktop_app.core.shared.settings import Settings
from desktop_app.core.signing.capture import CameraLost, VideoFileSource
from desktop_app.ui.pipeline import PipelineWorker
from signcore.database import ClipOrigin, SignDatabase
from signcore.encoder import Encoder
from signcore.formats import load_dgs, load_traduttore
from signcore.layout import PoseSequence
from signcore.paths import models_dir
from signcore.words import breakable
from tests.support import LOADED_MACHINE_MS, SIGNING_VIDEO, TEST_DATA

VIDEO_SIGN = "VIDEO-SIGN"
ATTEMPT_TIMEOUT_MS = 120_000  # generous: MediaPipe shares 2 cores with the rest of the suite


def shipped_encoder() -> Encoder:
    path = models_dir() / "encoder.onnx"
    if not path.exists():
        pytest.skip(f"needs the shipped encoder {path}")
    return Encoder(path)


def build_practice_database(path: Path, encoder: Encoder, signing: PoseSequence) -> SignDatabase:
    """A small real database: DGS and ASL samples from tests/data, and one sign whose reference clip is the
    signing video itself (``signing``, its extraction: so an attempt made from that video must come out close
    to it), all embedded."""
    database = SignDatabase(path)
    clips = load_dgs(TEST_DATA / "dgs" / "3D_full") + load_traduttore(
        TEST_DATA / "traduttore" / "traduttore_sample.npz"
    )
    sign_ids: dict[tuple[str, str], int] = {}
    for clip in clips:
        key = (clip.gloss, clip.language or "")
        if key not in sign_ids:
            sign_ids[key] = database.add_sign(*key)
        database.add_clip(sign_ids[key], clip.pose, ClipOrigin(source=clip.source))
    video_sign = database.add_sign(VIDEO_SIGN, "test")  # alone in its language: ranked among every sign
    database.add_clip(
        video_sign, signing.frames(slice(10, 46)), ClipOrigin(SIGNING_VIDEO.name, licence="MIT")
    )
    embed_missing(database, encoder)
    return database


@pytest.fixture(scope="module")
def practice_db_path(tmp_path_factory, signing_video_pose):
    encoder = shipped_encoder()
    path = tmp_path_factory.mktemp("practice") / "signs.db"
    build_practice_database(path, encoder, signing_video_pose).close()
    return path


@pytest.fixture
def context(practice_db_path, tmp_path):
    database_copy = tmp_path / "signs.db"
    database_copy.write_bytes(practice_db_path.read_bytes())
    context = AppContext(  # attempts start as the video's hands come up
        Settings(auto_start=True), SignDatabase(database_copy), shipped_encoder(), tmp_path / "settings.json"
    )
    yield context
    context.database.close()


def open_window(qtbot, context, camera):
    from desktop_app.ui.main_window import MainWindow

    context.use_camera(camera, True)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.tabs.setCurrentWidget(window.practice_page)  # the window opens on the home screen
    window.show()
    qtbot.waitExposed(window)
    # started once the event loop runs; a camera that is not there may have failed (worker gone) by the check
    page = window.practice_page
    qtbot.waitUntil(lambda: page.worker is not None or bool(page.camera_problem), timeout=LOADED_MACHINE_MS)
    return window


def select_sign(page, gloss: str) -> int:
    for row in range(page.sign_list.count()):
        if page.sign_list.item(row).text().startswith(gloss):
            page.sign_list.setCurrentRow(row)
            return int(page.sign_list.item(row).data(256))  # Qt.UserRole
    raise AssertionError(f"{gloss} is not in the sign list")


@pytest.mark.slow
def test_full_practice_attempt_from_the_signing_video(qtbot, context):
    window = open_window(qtbot, context, str(SIGNING_VIDEO))
    page = window.practice_page
    sign_id = select_sign(page, VIDEO_SIGN)
    assert page.target is not None and page.target.gloss == VIDEO_SIGN
    assert page.player._tracks, "the reference clip plays"

    # Hands come up in the video, sign, and go down: the attempt is found, scored and shown by itself.
    with qtbot.waitSignal(page.attempt_shown, timeout=ATTEMPT_TIMEOUT_MS) as blocker:
        pass
    outcome = blocker.args[0]
    assert outcome.score is not None, outcome.message
    assert 0.0 <= outcome.score.score <= 100.0
    assert outcome.score.sign_id == sign_id
    # the attempt IS the reference's video; alone in its language, no other sign is named
    assert [n.gloss for n in outcome.score.nearest] == [VIDEO_SIGN]
    assert outcome.score.score > 50
    assert outcome.feedback is not None and outcome.feedback.message
    assert page.score_label.text() == f"{outcome.score.score:.0f}"
    # As the lists name it, kept whole on a line (breakable: "VIDEO-" ended a line, "SIGN" began the next)
    assert f"1.\u00a0{breakable(VIDEO_SIGN)}\u00a0(test)" in page.nearest_label.text()
    assert page.tracking_status.speed_note.toolTip().endswith("frames tracked a second")
    assert page.last_latency_ms is not None

    # The attempt is saved (by the worker thread) with its landmarks and details.
    qtbot.waitUntil(lambda: len(context.database.attempts(sign_id)) == 1, timeout=10_000)
    saved = context.database.attempts(sign_id)[0]
    assert saved.score == pytest.approx(outcome.score.score)
    assert saved.details["nearest"][0]["gloss"] == VIDEO_SIGN
    assert "feedback" in saved.details

    # Replay: the attempt and the reference overlaid, in step along the alignment.
    page.replay_button.click()
    assert [track.label for track in page.player._tracks] == ["Reference", "You"]

    window.close()
    assert page.worker is None  # the pipeline thread was stopped and joined


def read_until_cancelled(control) -> None:
    """A prefetch of a large database: it reads on until asked to stop (20 s at most)."""
    deadline = time.monotonic() + 20
    while not control.cancel_requested and time.monotonic() < deadline:
        time.sleep(0.01)


def test_closing_the_window_stops_the_reading_of_reference_motion(qtbot, context, monkeypatch):
    from desktop_app.core.judging.practice import ScoringTarget

    monkeypatch.setattr(ScoringTarget, "prefetch", lambda self, control: read_until_cancelled(control))
    window = open_window(qtbot, context, str(SIGNING_VIDEO))
    page = window.practice_page
    select_sign(page, VIDEO_SIGN)
    job = page._prefetch_job
    assert job is not None and job.isRunning()
    window.close()
    assert job.isFinished()  # cancelled and joined, not left running past the window


def test_switching_databases_stops_the_reading_of_reference_motion_first(
    qtbot, context, monkeypatch, tmp_path
):
    """The prefetch read its database's clips on while another database was switched to, and met it
    closed; it stops first, as the other jobs using the database do."""
    from desktop_app.core.judging.practice import ScoringTarget
    from signcore.database import SignDatabase

    old, stopped_with_it_open = context.database, []

    def slow_prefetch(self, control):
        read_until_cancelled(control)
        stopped_with_it_open.append(old.schema_version() > 0)  # raises DatabaseError once closed

    monkeypatch.setattr(ScoringTarget, "prefetch", slow_prefetch)
    window = open_window(qtbot, context, str(SIGNING_VIDEO))
    page = window.practice_page
    select_sign(page, VIDEO_SIGN)
    job = page._prefetch_job
    assert job is not None and job.isRunning()
    context.set_database(SignDatabase(tmp_path / "other.db"))
    assert job.wait(1000) and stopped_with_it_open == [True]
    window.close()


@pytest.mark.slow
def test_left_handed_mode_shows_the_reference_with_the_left_hand_never_the_learner_mirrored(qtbot, context):
    window = open_window(qtbot, context, str(SIGNING_VIDEO))
    page = window.practice_page
    select_sign(page, VIDEO_SIGN)
    original = page.practising.reference
    # The video's signer signs with her left hand: mirrored to the right hand for a right-handed learner.
    assert "with its hands swapped, so that you sign it with your right hand" in page.reference_note.text()
    context.update_settings(left_handed=True)
    # The sign is loaded again at once, ready to score with the one gallery: nothing to prepare.
    assert page.target is not None and page.target.gallery is context.gallery()
    assert page.practising.reference.equals(original.mirrored())  # as she signed it
    assert "mirrored" not in page.reference_note.text()
    # An unrelated settings change keeps the camera given on the command line.
    assert context.camera.source == str(SIGNING_VIDEO) and page.worker is not None

    # A left-hander's attempt (the mirror image) scores like the same attempt signed right-handed. (Not the
    # sample "-", whose hands are never seen: with no leading hand the encoder keeps either side as it is.)
    database = context.database
    attempt = database.clip_pose(
        database.clips(next(s.id for s in database.signs() if s.gloss == "hello"))[0].id
    )
    fusion_job = context.fusion_job()  # chosen now, not by the window's job between the two attempts
    if fusion_job is not None:
        context.use_fusion(run_job(fusion_job))
    as_left = page.worker.score(attempt.mirrored(), time.perf_counter(), page.target).score
    context.update_settings(left_handed=False)
    assert page.practising.reference.equals(original)
    as_right = page.worker.score(attempt, time.perf_counter(), page.target).score
    assert as_left is not None and as_right is not None
    assert as_left.score == pytest.approx(as_right.score, abs=1e-3)
    assert [n.sign_id for n in as_left.nearest] == [n.sign_id for n in as_right.nearest]
    window.close()


@pytest.mark.slow
def test_switching_the_model_never_compares_one_models_attempt_with_anothers_references(
    qtbot, context, tmp_path, monkeypatch
):
    from tests.desktop_app.ui.test_model_switch import retagged_copy_of_shipped_model

    window = open_window(qtbot, context, str(SIGNING_VIDEO))
    page = window.practice_page
    select_sign(page, VIDEO_SIGN)
    old_worker = page.worker
    other = Encoder(retagged_copy_of_shipped_model(tmp_path / "other.onnx"))
    embed_missing(context.database, other)  # so that the sign can be scored with the other model at once

    seen = []  # (encoder, scoring target's model) of every live worker at the moment the page reloads
    read_gallery = context.gallery

    def gallery_while_switching(*args, **kwargs):
        # The page is rebuilding its target: an attempt ending now, on a worker thread, is scored with
        # that worker's encoder against that worker's target.
        for worker in (old_worker, page.worker):
            if worker is not None and worker.isRunning():
                target = worker._target
                seen.append((worker.encoder.model_hash, target and target.gallery.model_hash))
        return read_gallery(*args, **kwargs)

    monkeypatch.setattr(context, "gallery", gallery_while_switching)
    context.set_encoder(other)
    assert all(target_model in (None, encoder_model) for encoder_model, target_model in seen), seen
    assert page.worker is not None and page.worker.encoder is other
    assert page.worker._target is page.target and page.target.gallery.model_hash == other.model_hash
    window.close()


@pytest.mark.slow
def test_no_camera_shows_the_message_and_the_video_file_option(qtbot, context, monkeypatch):
    window = open_window(qtbot, context, 9)  # no camera 9 here (nor on most machines)
    page = window.practice_page
    qtbot.waitUntil(lambda: page.camera_stack.currentIndex() == 1, timeout=20_000)
    assert "No camera" in page.no_camera.message.text()
    assert page.no_camera.use_video_button.isVisible()
    assert page.worker is None  # nothing keeps retrying in a loop of error boxes

    monkeypatch.setattr("desktop_app.ui.camera_status.choose_video_file", lambda *args: str(SIGNING_VIDEO))
    monkeypatch.setattr("desktop_app.ui.camera_dialog.ask_if_selfie", lambda *args, **kwargs: True)
    page.no_camera.use_video_button.click()
    qtbot.waitUntil(lambda: page.camera_stack.currentIndex() == 0, timeout=20_000)  # once the video was read
    qtbot.waitUntil(lambda: page.tracking_status.speed_note.toolTip() != "", timeout=60_000)
    assert context.settings.video_path == str(SIGNING_VIDEO)  # remembered for the next start
    window.close()


class UnpluggedOnce(VideoFileSource):
    """The signing video as a camera that is unplugged after a few frames and comes back 2 re-opens later."""

    def __init__(self):
        super().__init__(SIGNING_VIDEO, selfie=True, realtime=False)
        self.reads = 0
        self.failed_opens = 0
        self.unplugged = False

    def open(self):
        if self.unplugged and self.failed_opens < 2:
            self.failed_opens += 1
            raise CameraLost(self.description, "no camera found")
        super().open()

    def read(self):
        self.reads += 1
        if self.reads == 5:
            self.unplugged = True
            raise CameraLost(self.description, "the camera stopped sending pictures (unplugged?)")
        return super().read()


@pytest.mark.slow
def test_unplugged_camera_is_reported_and_reopened(qtbot, monkeypatch):
    monkeypatch.setattr("desktop_app.ui.pipeline.REOPEN_INTERVAL_S", 0.05)
    source = UnpluggedOnce()
    worker = PipelineWorker(source)
    states, frames = [], []
    worker.camera_state.connect(states.append)
    worker.landmarks_ready.connect(lambda landmarks, width, height: frames.append(landmarks))
    worker.frame_ready.connect(lambda _report: worker.frame_shown())
    worker.start()
    try:
        qtbot.waitUntil(lambda: len(states) >= 2 and len(frames) >= 8, timeout=60_000)
    finally:
        worker.stop()
    # Why, not the waiting: that is said over its last picture (said in the heading too, twice)
    assert "unplugged" in states[0] and "Waiting" not in states[0]
    assert states[1] == ""  # back
    assert source.failed_opens == 2
    timestamps = np.array([f.timestamp_s for f in frames])
    assert np.all(np.diff(timestamps) > 0)  # time goes on across the re-open


def test_notices_clear_when_they_no_longer_apply(qtbot, context, monkeypatch):
    from desktop_app.core.signing.session import SegmentEvent
    from desktop_app.ui import live_camera
    from desktop_app.ui.practice_page import PracticePage

    monkeypatch.setattr(live_camera, "NOTICE_MS", 20)
    context.use_camera(str(SIGNING_VIDEO), True)
    page = PracticePage(context)  # never shown: no camera
    qtbot.addWidget(page)
    select_sign(page, VIDEO_SIGN)  # a sign to practise: the heading says how to sign it
    page._on_segment_event(SegmentEvent("discarded", message="Too short: sign for a little longer."))
    assert page.prompt_label.text() == "Too short: sign for a little longer."
    qtbot.waitUntil(lambda: page.prompt_label.text().startswith("Raise your hands"), timeout=2000)

    page._on_segment_event(SegmentEvent("countdown", seconds_left=3))  # the next attempt: no notice left
    assert page.prompt_label.text() == "Get ready… 3"


def test_the_heading_follows_start_when_my_hands_come_up_at_once(qtbot, context):
    """Unticked, the heading still said "Raise your hands to start signing, or press Space" till an attempt"""
    from desktop_app.ui.practice_page import PracticePage

    context.use_camera(str(SIGNING_VIDEO), True)
    page = PracticePage(context)  # never shown: no camera
    qtbot.addWidget(page)
    select_sign(page, VIDEO_SIGN)  # a sign to practise: the heading says how to sign it
    page.auto_box.setChecked(True)
    assert page.prompt_label.text().startswith("Raise your hands")
    page.auto_box.setChecked(False)
    assert page.prompt_label.text() == "Press Space to start"
    page.auto_box.setChecked(True)
    assert page.prompt_label.text().startswith("Raise your hands")
    context.apply_settings(auto_start=False)  # unticked in the Settings dialog
    assert page.prompt_label.text() == "Press Space to start" and not page.auto_box.isChecked()


def test_a_camera_problem_is_said_in_the_apps_problem_colour(qtbot, context):
    """Above the camera it took the colour of an attempt recording; the review page, the camera dialog and
    search say a problem in one colour (PROBLEM_COLOUR), and so does the practice page."""
    from desktop_app.core.shared.palette import PROBLEM_COLOUR
    from desktop_app.ui.practice_page import PracticePage

    context.use_camera(str(SIGNING_VIDEO), True)
    page = PracticePage(context)  # never shown: no camera
    qtbot.addWidget(page)
    select_sign(page, VIDEO_SIGN)  # a sign to practise: the heading says how to sign it
    page._on_camera_state("camera 0: the camera stopped sending pictures.")
    assert page.prompt_label.text() == "camera 0: the camera stopped sending pictures."
    assert page.prompt_label.styleSheet() == f"color: {PROBLEM_COLOUR};"
    page._on_camera_state("")  # back
    assert (
        page.prompt_label.text().startswith("Raise your hands")
        and PROBLEM_COLOUR not in page.prompt_label.styleSheet()
    )


def test_a_camera_that_cannot_start_takes_the_tracking_of_the_last_ones_pictures_with_it(
    qtbot, context, monkeypatch
):
    """h28d, seen in a real window: the camera chosen could not start, and "Try again" (or another camera)
    brought back "Starting cam.mp4…" over the last camera's "Tracking: body · no hand seen" and "Tracking is
    slow on this computer…", said of no picture until the new camera's first. The lesson's "sign it" step
    forgot them there; the practice page forgot them only when a camera was lost."""
    from desktop_app.core.signing.session import tracking_speed_note
    from desktop_app.ui.practice_page import PracticePage
    from tests.desktop_app.ui.stand_in_pipeline import stand_in_pipelines

    workers = stand_in_pipelines(monkeypatch)
    context.use_camera(str(SIGNING_VIDEO), True)
    page = PracticePage(context)  # never shown: its camera started by hand, a stand-in
    qtbot.addWidget(page)
    page.start_camera()
    page.tracking_status.label.setText("Tracking: body · no hand seen")
    page.tracking_status.speed_note.say(tracking_speed_note(5.0))
    workers[0].failed.emit("camera 9: no camera found (plugged in? not in use by another app?)")
    assert page.camera_stack.currentIndex() == 1  # the no-camera panel
    page.no_camera.retry_button.click()
    assert len(workers) == 2 and page.camera_stack.currentIndex() == 0  # "Starting cam.mp4…"
    assert page.tracking_status.label.text() == ""
    assert page.tracking_status.speed_note.isHidden()
    page.worker = None


def test_the_keyboard_on_start_as_the_camera_is_lost_or_cannot_start_goes_to_the_sign_list(
    qtbot, context, monkeypatch
):
    """As on Search: Start had the keyboard (tabbed to) as the camera could not start, and the
    no-camera panel took its place: Qt gave the keyboard to the panel's "Use a video file…", and Space, which
    the heading hidden with Start had said starts an attempt, opened its picker. Start greyed under the
    keyboard as the camera was lost likewise passed it on, 3-2-1 greyed too, to "Start when my hands come
    up", which Space ticked. The keyboard goes to the sign list, where Space does nothing without a camera;
    a way on tabbed to, Space presses."""
    from desktop_app.ui.practice_page import PracticePage
    from tests.desktop_app.ui.stand_in_pipeline import stand_in_pipelines
    from tests.support import answering_file_pickers, shown_in_front

    workers = stand_in_pipelines(monkeypatch)
    opened_at = answering_file_pickers(monkeypatch, "")  # cancelled
    context.use_camera(str(SIGNING_VIDEO), True)
    page = PracticePage(context)
    shown_in_front(qtbot, page)
    select_sign(page, VIDEO_SIGN)
    qtbot.waitUntil(lambda: bool(workers) and page.record_button.isEnabled(), timeout=LOADED_MACHINE_MS)
    auto_start = page.auto_box.isChecked()
    page.record_button.setFocus(Qt.FocusReason.TabFocusReason)  # tabbed to
    workers[-1].camera_state.emit("cam.mp4: the video cannot be read again from the start.")
    assert not page.record_button.isEnabled() and not page.countdown_button.isEnabled()
    assert QApplication.focusWidget() is page.sign_list
    qtbot.keyClick(page.sign_list, Qt.Key.Key_Space)
    assert page.auto_box.isChecked() == auto_start and not page.attempts.under_way
    workers[-1].camera_state.emit("")  # back
    assert page.record_button.isEnabled()
    page.record_button.setFocus(Qt.FocusReason.TabFocusReason)
    workers[-1].failed.emit("camera 9: no camera found (plugged in? not in use by another app?)")
    assert page.no_camera.isVisible()
    assert QApplication.focusWidget() is page.sign_list  # was "Use a video file…"
    qtbot.keyClick(page.sign_list, Qt.Key.Key_Space)
    assert opened_at == [] and not page.attempts.under_way
    page.no_camera.use_video_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert len(opened_at) == 1  # its picker


def test_a_camera_lost_during_an_attempt_says_the_attempt_was_lost_and_starts_nothing_until_back(
    qtbot, context, monkeypatch
):
    """The video used as the camera went away during an attempt. The heading said only the camera's
    problem, the attempt went without a word, and "Start attempt (Space)" stayed enabled while nothing
    could record (Space did nothing to be seen); greyed, it still said "(Space)". The picture and the
    tracking line looked live."""
    from desktop_app.core.judging.live_attempts import (
        ATTEMPT_LOST_WITH_THE_CAMERA,
        CANCEL_COUNTDOWN,
        START_ATTEMPT,
        STOP_ATTEMPT,
        WAITING_FOR_THE_CAMERA,
    )
    from desktop_app.core.signing.session import SegmentEvent, tracking_speed_note
    from desktop_app.ui.panes import wide_enough_for
    from desktop_app.ui.practice_page import PracticePage
    from tests.desktop_app.ui.stand_in_pipeline import stand_in_pipelines

    workers = stand_in_pipelines(monkeypatch)
    context.use_camera(str(SIGNING_VIDEO), True)
    page = PracticePage(context)  # never shown: its camera started by hand, a stand-in
    qtbot.addWidget(page)
    select_sign(page, VIDEO_SIGN)
    page.start_camera()
    worker = workers[0]
    picture = QImage(64, 48, QImage.Format.Format_RGB32)
    picture.fill(QColor("white"))
    page.show_picture(picture)
    assert page.video_label.pixmap().toImage().pixelColor(1, 1) == QColor("white")
    page.tracking_status.label.setText("✓ Tracking: body, left hand")
    page.tracking_status.speed_note.say(tracking_speed_note(5.0))
    worker.segment_event.emit(SegmentEvent("started", message="Recording: press Space again to stop."))
    lost = "cam.mp4: the video cannot be read again from the start."
    worker.segment_event.emit(SegmentEvent("discarded", message=ATTEMPT_LOST_WITH_THE_CAMERA))
    worker.camera_state.emit(f"{ATTEMPT_LOST_WITH_THE_CAMERA} {lost}")
    assert page.prompt_label.text().startswith(ATTEMPT_LOST_WITH_THE_CAMERA)
    assert page.record_button.text() == WAITING_FOR_THE_CAMERA and not page.record_button.isEnabled()
    assert page.record_button.minimumWidth() >= page.record_button.sizeHint().width()  # its words whole
    # and no wider than for Start: the row under the camera sets the page's least width (a 1000 px window)
    as_for_start = wide_enough_for(QPushButton(), STOP_ATTEMPT, CANCEL_COUNTDOWN, START_ATTEMPT)
    assert page.record_button.minimumWidth() == as_for_start.minimumWidth()
    assert not page.countdown_button.isEnabled()
    assert page.tracking_status.label.text() == ""  # not the tracking of a picture no longer live
    assert page.tracking_status.speed_note.isHidden()
    assert page.video_label.pixmap().toImage().pixelColor(1, 1).lightness() < 128  # white, greyed and dimmed
    told = list(worker.told)
    page.start_or_stop_attempt()  # Space (the page shown)
    page.start_countdown()  # 3-2-1
    assert worker.told == told  # nothing started, to begin when the camera is back
    worker.camera_state.emit("")  # back
    assert page.record_button.isEnabled() and page.countdown_button.isEnabled()
    assert page.record_button.text() == START_ATTEMPT
    page.start_or_stop_attempt()
    page.start_countdown()
    assert worker.told[-2:] == ["start", "countdown"]
    page.worker = None


def page_with_a_stand_in_camera(qtbot, tmp_path):
    """A practice page on the DGS samples embedded by the shipped encoder, never shown: a
    CameraWorkerStandIn is its camera worker. Returns the page, its context, the encoder and the worker."""
    from desktop_app.ui.practice_page import PracticePage
    from tests.support import CameraWorkerStandIn, embedded_dgs_samples

    encoder = shipped_encoder()
    settings = Settings(auto_start=True)  # the headings of attempts started by raised hands
    context = AppContext(settings, embedded_dgs_samples(tmp_path / "signs.db", encoder), encoder)
    context.settings_path = tmp_path / "settings.json"
    page = PracticePage(context)
    qtbot.addWidget(page)
    page.worker = CameraWorkerStandIn()
    return page, context, encoder, page.worker


def test_a_dropped_attempt_with_no_result_before_it_says_why_in_the_result_box(qtbot, context, monkeypatch):
    """The reason replaced the prompt above the camera for 3 s only, and the result box kept 'Your score
    appears here after each attempt.': easy to miss. (A result on screen stays instead:
    test_the_last_result_stays_until_a_new_one_replaces_it.)"""
    from desktop_app.core.signing.session import SegmentEvent
    from desktop_app.ui import live_camera
    from desktop_app.ui.practice_page import PracticePage

    monkeypatch.setattr(live_camera, "NOTICE_MS", 20)
    context.use_camera(str(SIGNING_VIDEO), True)
    page = PracticePage(context)  # never shown: no camera
    qtbot.addWidget(page)
    select_sign(page, VIDEO_SIGN)  # a sign to practise: the heading says how to sign it
    reason = "Your hands were hardly seen: keep them in the picture."
    page._on_segment_event(SegmentEvent("started", message="Recording: lower your hands to finish."))
    page._on_segment_event(SegmentEvent("discarded", message=reason))
    assert not page.replay_button.isEnabled()
    qtbot.waitUntil(lambda: page.prompt_label.text().startswith("Raise your hands"), timeout=2000)
    assert page.verdict_label.text() == f"<b>Not scored.</b> {reason}" and page.score_label.text() == "–"


def test_the_last_result_stays_until_a_new_one_replaces_it(qtbot, tmp_path, monkeypatch):
    """The walk-through, attempts starting by themselves: the score and correction were cleared when the
    next attempt started, about 3 s later with the looping video, and an attempt thrown out at once left
    the result box empty with "Replay my attempt" still on. Now the result, its correction and its replay
    stay through the next attempt and one thrown out (said above the camera for a moment); Stop, shown
    while an attempt is under way, stops it; the next result replaces the last."""
    from desktop_app.core.judging.attempts import score_pose
    from desktop_app.core.signing.session import Phase, SegmentEvent
    from desktop_app.ui import live_camera
    from desktop_app.ui.practice_page import EARLIER_RESULT_BELOW as EARLIER

    monkeypatch.setattr(live_camera, "NOTICE_MS", 20)
    page, context, encoder, worker = page_with_a_stand_in_camera(qtbot, tmp_path)
    monkeypatch.setattr(page, "isVisible", lambda: True)  # Space and the button act on a page shown
    select_sign(page, context.database.signs()[0].gloss)
    attempt = page.practising.reference
    first = score_pose(encoder, page.target, attempt, ended_at=time.perf_counter())
    page._show_outcome(first)
    result = (page.score_label.text(), page.verdict_label.text(), page.feedback_label.text())
    assert result[0] != "–" and page.replay_button.isEnabled()

    page._on_segment_event(SegmentEvent("started", message="Recording: lower your hands to finish."))
    assert page.prompt_label.text() == "● Recording: lower your hands to finish."
    assert page.record_button.text() == "Stop attempt (Space)"
    assert (page.score_label.text(), page.verdict_label.text(), page.feedback_label.text()) == result
    page.record_button.click()  # Stop: stops, however the attempt started
    assert worker.told[-1] == "stop"
    page._on_segment_event(SegmentEvent("discarded", message="Too short: sign for a little longer."))
    assert page.prompt_label.text() == "Too short: sign for a little longer."
    assert (page.score_label.text(), page.verdict_label.text(), page.feedback_label.text()) == result
    assert page.replay_button.isEnabled() and page.attempts.result is first  # the replay is of this result
    # said in the result's box too, above the result, which is said to be the attempt before
    assert page.not_scored_label.isVisibleTo(page) and all(
        fade.isEnabled() for fade in page.earlier_result_fades
    )
    assert page.not_scored_label.graphicsEffect() is None  # at full strength, above the earlier result
    assert (
        page.not_scored_label.text() == f"<b>Not scored.</b> Too short: sign for a little longer. {EARLIER}"
    )
    assert page.record_button.text() == "Start attempt (Space)"
    qtbot.waitUntil(lambda: page.prompt_label.text().startswith("Raise your hands"), timeout=2000)
    page.toggle_attempt()  # Space, nothing under way: starts
    assert worker.told[-1] == "start"

    later = score_pose(encoder, page.target, attempt.frames(slice(2, len(attempt) - 2)), time.perf_counter())
    page._on_segment_event(SegmentEvent("started", message="Recording: press Space again to stop."))
    page.attempts.frame_phase(Phase.WAITING)  # the attempt ended (its frame shown), its result comes
    page._show_outcome(later)
    assert page.attempts.result is later and page.replay_button.isEnabled()
    assert not page.not_scored_label.isVisibleTo(page) and not page.earlier_result_fades[0].isEnabled()
    qtbot.wait(50)  # saved before the database closes
    page.worker = None
    page.shutdown()
    context.close()


def test_the_keyboard_stays_in_the_search_box_when_the_window_comes_back_from_minimised(qtbot, tmp_path):
    """Review r30 #7: the keyboard went to the sign list at every show of the page, also the one Qt sends
    as the window is restored from minimised: a learner typing in the sign search came back to the list.
    Only the page's arrival moves it."""
    page, context, _encoder, _worker = page_with_a_stand_in_camera(qtbot, tmp_path)
    window = page.window()
    window.show()
    qtbot.waitUntil(page.sign_list.hasFocus)  # arrived: on the list
    page.search_box.setFocus(Qt.FocusReason.MouseFocusReason)  # the learner clicks into the search
    qtbot.waitUntil(page.search_box.hasFocus)
    window.setWindowState(Qt.WindowState.WindowMinimized)
    window.setWindowState(Qt.WindowState.WindowNoState)
    QApplication.processEvents()  # the focus on arrival waits for the events already posted
    assert page.search_box.hasFocus()
    page.worker = None
    page.shutdown()
    context.close()


def test_a_click_on_the_players_bar_leaves_the_keyboard_on_the_sign_list(qtbot, tmp_path):
    """As a click on the page's buttons does (keep_focus_on_click): a click on the reference player's position
    bar took the keyboard off the sign list, and Space still started an attempt only by luck."""
    page, context, _encoder, _worker = page_with_a_stand_in_camera(qtbot, tmp_path)
    select_sign(page, context.database.signs()[0].gloss)
    page.window().show()
    page.sign_list.setFocus()
    qtbot.waitUntil(page.sign_list.hasFocus)
    bar = page.player.position
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.rect().center())
    assert page.sign_list.hasFocus()
    page.worker = None
    page.shutdown()
    context.close()


def test_the_last_result_is_faded_while_the_next_attempt_is_under_way(qtbot, tmp_path):
    """Attempts starting as the hands came up, the last attempt's score stood beside
    "● Recording: lower your hands to finish." as if it were the new attempt's. It stays there to be read
    (its correction is what to try), faded from the countdown or the start until the attempt is over."""
    from desktop_app.core.judging.attempts import score_pose
    from desktop_app.core.signing.session import Phase, SegmentEvent

    page, context, encoder, _worker = page_with_a_stand_in_camera(qtbot, tmp_path)
    select_sign(page, context.database.signs()[0].gloss)

    def faded() -> bool:
        return all(fade.isEnabled() for fade in page.earlier_result_fades)

    recording = SegmentEvent("started", message="Recording: lower your hands to finish.")
    page._on_segment_event(recording)
    assert not faded()  # no result yet: nothing to fade
    page._on_segment_event(SegmentEvent("discarded", message="Too short: sign for a little longer."))
    first = score_pose(encoder, page.target, page.practising.reference, ended_at=time.perf_counter())
    page._show_outcome(first)
    assert not faded()
    page._on_segment_event(SegmentEvent("countdown", seconds_left=3))
    assert faded() and page.score_label.text() == f"{first.score.score:.0f}"  # the last one's, faded
    assert page.earlier_compare_fade.isEnabled()  # its "Compare with …" too, out of its box over the player
    page._on_segment_event(recording)
    assert faded()

    # A short page's correction picture, in the reference's place out of the result's box, fades too
    def picture_faded() -> bool:
        return all(fade.isEnabled() for fade in page.earlier_picture_fades)

    assert picture_faded()  # in the box
    page._place_the_picture(True)
    assert picture_faded()
    page._place_the_picture(False)
    page._on_segment_event(SegmentEvent("discarded", message="Too short: sign for a little longer."))
    # none came instead: still the earlier attempt's, below why this one was not scored
    assert faded() and page.attempts.result is first and page.not_scored_label.isVisibleTo(page)
    page._on_segment_event(recording)
    page._on_segment_event(SegmentEvent("finished"))  # ended by itself: its result on its way
    page.attempts.frame_phase(Phase.WAITING)
    page._show_heading()
    assert faded()  # while it is scored (at full strength then, read as the new attempt's)
    second = score_pose(encoder, page.target, page.practising.reference, time.perf_counter())
    page._show_outcome(second)
    assert not faded()
    page._on_segment_event(recording)
    page._on_segment_event(SegmentEvent("finished"))
    page._show_outcome(score_pose(encoder, None, page.practising.reference, time.perf_counter()))
    # signed for a sign left: not shown, the one shown is the last again
    assert page.attempts.result is second and not faded()
    page._on_segment_event(recording)
    lost = "camera 0: the camera stopped sending pictures."
    page._camera_lost_or_back(lost)  # as the worker's signal reaches the page: nothing under way any more
    page._on_camera_state(lost)
    assert page.attempts.camera_lost and not faded()
    qtbot.wait(50)  # saved before the database closes
    page.worker = None
    page.shutdown()
    context.close()


def test_the_picture_is_made_for_the_size_its_label_has_now(qtbot, tmp_path, monkeypatch):
    # The page's layout may narrow the picture's label without the page changing size (a search's results
    # took width from it): the picture, still made for the old width, was cut at both sides.
    from desktop_app.ui.practice_page import PracticePage
    from tests.support import CameraWorkerStandIn

    context = AppContext(Settings(), SignDatabase(tmp_path / "signs.db"), None, tmp_path / "settings.json")
    page = PracticePage(context)
    qtbot.addWidget(page)
    monkeypatch.setattr(page, "wants_camera", lambda: False)  # shown, with the stand-in as its camera
    page.worker = worker = CameraWorkerStandIn()
    page.show()
    page.video_label.resize(412, 300)
    assert worker.display_sizes[-1] == (412, 300)
    # The camera stopped (a search stops it after one sign): its last picture is fitted by the view itself.
    page.show_picture(QImage(400, 300, QImage.Format.Format_RGB888))
    page.worker = None
    page.video_label.resize(360, 600)
    assert page.video_label.pixmap().size().toTuple() == (360, 270)
    page.show_picture(
        QImage(480, 640, QImage.Format.Format_RGB888)
    )  # made for a wider label, still on its way
    assert page.video_label.pixmap().size().toTuple() == (360, 480)
    context.close()


def test_an_attempt_under_way_is_dropped_when_another_sign_is_chosen(qtbot, tmp_path):
    """Choosing another sign while signing the last one: that attempt is cancelled before the new sign's
    target reaches the camera worker (kept, it ended later and was scored against the new sign), and its
    cancellation leaves the new sign's prompt on screen. The same sign loaded again keeps it."""
    from desktop_app.core.signing.session import SegmentEvent

    page, context, encoder, worker = page_with_a_stand_in_camera(qtbot, tmp_path)
    first, second = (sign.gloss for sign in context.database.signs()[:2])
    select_sign(page, first)
    page._on_segment_event(SegmentEvent("started", message="Recording: lower your hands to finish."))
    worker.told.clear()
    page.load_sign(context.selected_sign_id)  # e.g. the database changed: the same sign, the attempt goes on
    assert "cancel" not in worker.told
    select_sign(page, second)
    told = [
        said for said in worker.told if not said.startswith("auto")
    ]  # raised hands: said with the buttons
    assert told[-2:] == ["cancel", "target"], "the attempt at the sign left went on, to be scored"
    page._on_segment_event(SegmentEvent("discarded", message="Attempt cancelled."))
    assert page.prompt_label.text().startswith("Raise your hands")  # what to do now, not what was dropped
    assert page.target is not None and page.target.gloss == second
    page.worker = None
    context.close()


def test_an_attempt_whose_hand_was_not_seen_shows_no_score_and_is_not_saved(qtbot, tmp_path):
    """The feedback "your right hand was not seen, so it cannot be judged" came with a number beside it, and
    the number went into the progress chart: now the page says "Not scored" and why, and saves nothing."""
    from desktop_app.core.judging.attempts import score_pose
    from desktop_app.ui.practice_page import PracticePage
    from signcore.layout import LEFT_HAND, RIGHT_HAND, PoseSequence
    from tests.support import embedded_dgs_samples

    encoder = shipped_encoder()
    context = AppContext(Settings(), embedded_dgs_samples(tmp_path / "signs.db", encoder), encoder)
    context.settings_path = tmp_path / "settings.json"
    page = PracticePage(context)  # never shown: no camera, the attempt is scored here as the worker would
    qtbot.addWidget(page)
    sign_id = select_sign(page, "hallo")
    pose = page.practising.reference
    mask = pose.mask.copy()
    mask[:, RIGHT_HAND] = mask[:, LEFT_HAND] = False  # both hands out of the picture
    unseen = PoseSequence(pose.points, mask, pose.timestamps, pose.width, pose.height)
    with qtbot.waitSignal(page.attempt_shown):
        page._show_outcome(score_pose(encoder, page.target, unseen, ended_at=time.perf_counter()))
    assert page.score_label.text() == "–"
    assert page.verdict_label.text().startswith("Not scored. Your right hand was not seen")
    assert page.nearest_label.text() == "" and page.feedback_label.text() == ""
    assert page.replay_button.isEnabled()  # the replay shows what the camera missed
    qtbot.wait(50)  # the page saves an attempt once its result is painted
    assert context.database.attempts(sign_id) == []
    page.shutdown()
    context.close()


def test_a_result_for_the_sign_left_is_neither_shown_nor_saved(qtbot, tmp_path):
    """Another sign chosen while the last one's attempt was being scored: its result ("closer to water (ASL)
    than to a (ASL)") stood under the new sign's name. The new sign's own results are shown."""
    from desktop_app.core.judging.attempts import score_pose

    page, context, encoder, _ = page_with_a_stand_in_camera(qtbot, tmp_path)
    first, second = (sign.gloss for sign in context.database.signs()[:2])
    first_id = select_sign(page, first)
    attempt = page.practising.reference
    late = score_pose(encoder, page.target, attempt, ended_at=time.perf_counter())  # on the scoring thread
    second_id = select_sign(page, second)
    shown = []
    page.attempt_shown.connect(shown.append)
    page._show_outcome(late)  # arrives now
    qtbot.wait(50)  # the page saves an attempt once its result is painted
    assert shown == [] and page.score_label.text() == "–" and page.attempts.result is None
    assert context.database.attempts(first_id) == [] and context.database.attempts(second_id) == []
    page._show_outcome(score_pose(encoder, page.target, attempt, ended_at=time.perf_counter()))
    assert shown and page.score_label.text() != "–"
    qtbot.wait(50)  # saved before the database closes
    page.worker = None
    page.shutdown()
    context.close()


def practising_hallo_shown(qtbot, tmp_path, monkeypatch, size: tuple[int, int]):
    """A page practising hallo shown at ``size``, and an attempt that gets a correction (another sign's
    clip): the page, its context, the encoder and the attempt."""
    page, context, encoder, _ = page_with_a_stand_in_camera(qtbot, tmp_path)
    monkeypatch.setattr(page, "wants_camera", lambda: False)  # shown, with the stand-in as its camera
    page.resize(*size)
    page.show()
    qtbot.waitExposed(page)
    database = context.database
    other = next(sign for sign in database.signs() if sign.gloss != "hallo")
    attempt = database.clip_pose(database.clips(other.id)[0].id)
    select_sign(page, "hallo")
    return page, context, encoder, attempt


def test_a_long_sign_name_over_the_reference_is_shortened_and_keeps_its_language(
    qtbot, tmp_path, monkeypatch
):
    """At 1000 x 520, beside "Compare with …", the title read "thank-you (…": the language, which tells two
    signs of one name apart, was cut. The name is shortened, as the Library's and a lesson's titles are."""
    from desktop_app.core.judging.attempts import score_pose

    page, context, encoder, attempt = practising_hallo_shown(qtbot, tmp_path, monkeypatch, SMALL_PAGE)
    hallo = next(sign for sign in context.database.signs() if sign.gloss == "hallo")
    context.database.update_sign(hallo.id, gloss="hallo-und-herzlich-willkommen-zuhause")
    context.notify_database_changed()
    page._show_outcome(score_pose(encoder, page.target, attempt, ended_at=time.perf_counter()))
    qtbot.wait(50)  # the layout settles, "Compare with" beside the title
    title = page.reference_title
    assert (
        page.compare_button.isVisible() and title.toolTip() == "hallo-und-herzlich-willkommen-zuhause (DGS)"
    )
    shown = title.shown_text()
    assert (
        shown.endswith("… (DGS)")
        and title.fontMetrics().horizontalAdvance(shown) <= title.contentsRect().width()
    )
    page.worker = None
    page.shutdown()
    context.close()


def reference_place(page) -> QRect:
    """Where the reference is shown: the player, or in a short page the correction's picture in its place."""
    return (page.player if page.player.isVisible() else page.feedback_picture).geometry()


@pytest.mark.parametrize("size", [(1300, 800), (1000, 520)])
def test_the_reference_player_keeps_its_size_as_corrections_come_and_go(qtbot, tmp_path, monkeypatch, size):
    """The reference player gave its height up to the correction's picture when a result came with one, and
    took it back when the next had none: the reference jumped in size under the learner's eyes. (Before
    the first score the result is a line of words: the reference has its room until then.)"""
    from desktop_app.core.judging.attempts import score_pose

    page, context, encoder, attempt = practising_hallo_shown(qtbot, tmp_path, monkeypatch, size)
    with_correction = score_pose(encoder, page.target, attempt, ended_at=time.perf_counter())
    assert with_correction.feedback is not None and with_correction.feedback.moment() is not None
    without = score_pose(encoder, page.target, page.practising.reference, ended_at=time.perf_counter())
    page._show_outcome(without)
    qtbot.wait(50)  # the layout settles
    player = page.player.geometry()
    page._show_outcome(with_correction)
    qtbot.wait(50)
    assert page.feedback_picture.isVisible() and reference_place(page) == player
    page._show_outcome(without)
    qtbot.wait(50)
    assert page.player.isVisible() and page.player.geometry() == player
    page.worker = None
    page.shutdown()
    context.close()


def test_the_practice_page_says_one_status_at_a_time_and_its_tracking_line_holds_steady(qtbot, tmp_path):
    """The walk-through: "● Recording: lower your hands to finish." above the camera and "⚠ Hands not in
    view: keep them inside the picture." under it, at once; during the 3-2-1 the button already said "Stop
    attempt"; and the tracking line flipped between "body" and "body, left hand" twice a second."""
    from desktop_app.core.judging.live_attempts import CANCEL_COUNTDOWN, HANDS_OUT_OF_VIEW
    from desktop_app.core.signing.session import BODY_WITHOUT_HANDS, Phase, SegmentEvent
    from tests.desktop_app.core.test_session import FPS
    from tests.support import tracked_frame

    page, context, _, worker = page_with_a_stand_in_camera(qtbot, tmp_path)
    select_sign(page, "hallo")
    page._on_segment_event(SegmentEvent("countdown", seconds_left=3))
    assert page.record_button.text() == CANCEL_COUNTDOWN  # what Space and the button do now
    # cancelled; an attempt that starts by itself says when the hands leave the picture (a countdown's
    # "Go!" says to bring them up)
    page._on_segment_event(SegmentEvent("discarded", message="Attempt cancelled."))
    page._on_segment_event(SegmentEvent("started", message="Recording: lower your hands to finish."))

    def show(index: int, hand_seen: bool) -> None:
        page._show_frame(tracked_frame(index, hand_seen, Phase.RECORDING))

    lines = set()
    for index in range(45):  # the tracker loses the hand in one frame of three
        show(index, bool(index % 3))
        if index / FPS > 0.5:
            lines.add(page.tracking_status.label.text())
    assert lines == {"✓ Tracking: body, right hand"}
    assert "#2e9d4f" in page.tracking_status.label.styleSheet()  # green: all is well
    assert page.prompt_label.text() == "● Recording: lower your hands to finish."
    for index in range(45, 75):  # the hands leave the picture
        show(index, False)
    assert page.prompt_label.text() == HANDS_OUT_OF_VIEW
    # said once, above the picture; the body alone is neither ticked nor green (it read as all well)
    assert page.tracking_status.label.text() == BODY_WITHOUT_HANDS
    assert "#2e9d4f" not in page.tracking_status.label.styleSheet()
    for index in range(75, 100):
        show(index, True)
    assert page.prompt_label.text() == "● Recording: lower your hands to finish."
    page.worker = None
    page.shutdown()
    context.close()


def test_the_sign_list_shows_its_names_whole_where_the_window_has_room(qtbot, tmp_path, monkeypatch):
    """In a 1000 x 520 window the list had a sideways scroll bar and "deutschland (DGS) · 8 clip" cut off; a
    longer name is no rarer (German compounds). Then held as wide as its longest name, in a 1000-px window
    the list ran out of its pane, its scroll bar and the names' ends cut off. The names are whole in a window
    with the room, the camera picture giving way; in a 1000-px one the list keeps within its pane, a long
    name ending in "…" (its tooltip says it whole)."""
    page, context, _, _ = page_with_a_stand_in_camera(qtbot, tmp_path)
    monkeypatch.setattr(page, "wants_camera", lambda: False)  # shown, with the stand-in as its camera
    hallo = next(sign for sign in context.database.signs() if sign.gloss == "hallo")
    context.library.rename(hallo.id, "Weltmeisterschaft", "DGS")
    names = page.sign_list

    def widest() -> int:
        return max(
            names.fontMetrics().horizontalAdvance(names.item(row).text()) for row in range(names.count())
        )

    page.resize(1000, 520)
    page.show()
    qtbot.waitExposed(page)
    qtbot.wait(50)  # the layout settles
    assert not names.horizontalScrollBar().isVisible()
    assert page.sign_panel.rect().contains(names.geometry()), "the list runs out of its pane"
    long_row = next(row for row in range(names.count()) if names.item(row).text().startswith("Welt"))
    assert names.item(long_row).toolTip().startswith("Weltmeisterschaft (DGS)")
    page.resize(1320, 520)
    qtbot.wait(50)
    assert widest() < names.viewport().width() - 4, "a name cut off"
    assert page.sign_panel.rect().contains(names.geometry())
    page.worker = None
    page.shutdown()
    context.close()


def test_the_reference_keeps_its_size_in_a_small_window_and_the_result_is_read_under_it_without_scrolling(
    qtbot, tmp_path, monkeypatch
):
    """At 1000 x 520 the reference figure was 55 px tall under an empty score box of 230 px; then, given most
    of the page until a score came, it shrank from 235 to 155 px at the first score, and the correction's
    picture was 110 px high, its figures a sketch. The reference has the larger share from the start and
    keeps it; the correction's picture takes its place, as large. The nearest signs' second line was a
    scroll away under the correction: they take one line, as many as fit ("…" for the rest, all of them in
    its tooltip); only under a correction of four lines are they a scroll away."""
    from dataclasses import replace

    from desktop_app.core.judging.attempts import score_pose
    from desktop_app.ui.skeleton.closeup import closeup_label

    readable = 140  # px: each figure of the picture about as tall as it is wide

    page, context, encoder, attempt = practising_hallo_shown(qtbot, tmp_path, monkeypatch, (1000, 520))
    qtbot.wait(50)  # the layout settles
    canvas, box, picture = page.player.canvas, page.result_box, page.feedback_picture
    assert canvas.height() > box.height()
    _figure, closeup = canvas._areas()
    caption_width = closeup.adjusted(6, 6, -6, -6).adjusted(6, 4, -6, -4).width()
    assert closeup_label("right", canvas.fontMetrics(), caption_width) in ("right hand", "right")
    player = page.player.geometry()
    page._show_outcome(score_pose(encoder, page.target, attempt, ended_at=time.perf_counter()))
    qtbot.wait(50)
    nearest = page.nearest_label
    assert picture.isVisible() and nearest.text()
    assert reference_place(page) == player, "the first score took height from the reference"
    assert picture.height() >= readable and picture.reference.height() >= readable
    assert not box.verticalScrollBar().isVisible() and whole_in_sight(nearest)
    assert nearest.height() < 2 * nearest.fontMetrics().lineSpacing()
    assert nearest.text().endswith("…") and nearest.text()[:-1] in nearest.toolTip()
    assert nearest.toolTip().count("&nbsp; ") == len(page.attempts.result.score.nearest) - 1  # all of them
    # A correction of four lines: the nearest signs a scroll away
    outcome = score_pose(encoder, page.target, attempt, ended_at=time.perf_counter())
    longest = replace(outcome.feedback.main, message=LONG_CORRECTIONS[1])
    page._show_outcome(replace(outcome, feedback=replace(outcome.feedback, main=longest)))
    # The layout settles: the four lines' height takes a few passes, more than 50 ms gave under load
    qtbot.waitUntil(lambda: box.verticalScrollBar().maximum() > 0, timeout=2_000)
    box.verticalScrollBar().setValue(box.verticalScrollBar().maximum())  # the learner scrolls to the end
    assert box.verticalScrollBar().value() > 0 and whole_in_sight(nearest)
    # The next attempt's result opens at its score: it kept the scroll, the score and correction out of view
    page._show_outcome(score_pose(encoder, page.target, attempt, ended_at=time.perf_counter()))
    qtbot.wait(50)
    assert box.verticalScrollBar().value() == 0
    page.worker = None
    page.shutdown()
    context.close()


# The practice page in a 1000 x 520 window (under the menu bar and the tabs), a page of that size, and the
# page in a 1400 x 900 window
PAGE_IN_A_SMALL_WINDOW, SMALL_PAGE, PAGE_IN_A_LARGE_WINDOW = (996, 473), (1000, 520), (1396, 853)
# The longest corrections the feedback words, each in its longest form: a movement (three lines in a small
# window's result box), the hand left out of a two-handed sign and a one-handed sign made with the other hand
# (four lines: at a result box sized for three, the last was cut); and a movement of a sign made with the left
# hand, left-handed mode off, followed by the words that it was compared mirrored (Feedback.mirrored_note)
LONG_CORRECTIONS = (
    "Movement: in the middle of the sign, your right hand moved down and to your right, where the reference's"
    " moves up and to your left.",
    "Both hands: this sign uses both hands, and you signed with your right hand only. Bring your left hand"
    " up too: all through the sign, hold it at shoulder height, close to your right hand, as in the"
    " reference.",
    "You signed with your right hand; the reference is shown signed with the left hand, as left-handed mode"
    " is on. Sign with your left hand, or turn left-handed mode off in Settings.",
    "Movement: in the middle of the sign, your left hand moved down and to your left, where the reference's"
    " moves up and to your right.",
)
MIRRORED_NOTE = "Compared with the reference mirrored, as you signed with your left hand."


@pytest.mark.parametrize(
    "correction", LONG_CORRECTIONS, ids=["movement", "both hands", "other hand", "compared mirrored"]
)
@pytest.mark.parametrize("size", [PAGE_IN_A_SMALL_WINDOW, SMALL_PAGE, PAGE_IN_A_LARGE_WINDOW])
def test_the_verdict_and_the_correction_are_read_without_scrolling(
    qtbot, tmp_path, monkeypatch, size, correction
):
    """In a 1000 x 520 window the result box was 140 px high and the verdict beside its large score took four
    or five lines of it: the correction under them needed a scroll. The score, the verdict and the whole
    correction are in sight in the box, and the box in the page, at every size."""
    from dataclasses import replace

    from PySide6.QtCore import QCoreApplication, QEvent

    from desktop_app.core.judging.attempts import score_pose
    from desktop_app.core.judging.feedback import SAME_PART

    page, context, encoder, attempt = practising_hallo_shown(qtbot, tmp_path, monkeypatch, size)
    outcome = score_pose(encoder, page.target, attempt, ended_at=time.perf_counter())
    assert outcome.score is not None and outcome.score.closer_signs, "a verdict of four lines or so"
    assert outcome.feedback is not None and outcome.feedback.main is not None
    long = replace(outcome.feedback.main, message=correction)
    # a part's correction may be followed by what tells the sign from the one it looked more like
    also = SAME_PART.format(other="Bier (DGS)") if correction == LONG_CORRECTIONS[0] else None
    mirrored_note = MIRRORED_NOTE if correction == LONG_CORRECTIONS[3] else None
    feedback = replace(outcome.feedback, main=long, also=also, mirrored_note=mirrored_note)
    page._show_outcome(replace(outcome, feedback=feedback))
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # laid out now, as shown in a moment
    box = page.result_box
    assert page.rect().contains(box.geometry()), "the box lies partly outside the page"
    in_sight = box.viewport().rect()
    for shown in (page.score_label, page.verdict_label, page.feedback_label):
        where = shown.geometry().translated(box.widget().pos())  # in the viewport, as scrolled
        assert in_sight.contains(where), f"{shown.text()[:30]!r} at {where} is not in sight in {in_sight}"
    assert box.verticalScrollBar().value() == 0
    page.worker = None
    page.shutdown()
    context.close()


def wrapped_whole(label) -> bool:
    """Whether ``label`` is as tall as its wrapped text needs at its width: a label squeezed shorter lies
    inside its box and still has its last lines cut."""
    return label.height() >= label.heightForWidth(label.width())


# The practice page in the window a 1000 x 520 screen opens (its frame and a panel counted: 1000 x 460)
PAGE_IN_THE_SMALL_SCREENS_WINDOW = (996, 413)
REFERENCE_READABLE_HEIGHT = 140  # px of the reference's canvas: its figure was about 60-80 px tall in 118


@pytest.mark.parametrize(
    "correction", LONG_CORRECTIONS, ids=["movement", "both hands", "other hand", "compared mirrored"]
)
def test_in_the_small_screens_window_the_correction_is_whole_under_a_reference_one_can_read(
    qtbot, tmp_path, monkeypatch, correction
):
    """The walk-through, at 1000 x 520: the result box showed the score and half the correction ("…than in
    the", cut mid-line; the rest a scroll away), and the reference figure above it was about 60 px tall in a
    canvas of 118. The page there is 413 px high (the window leaves the screen's height to its frame and a
    panel), not the 473 the tests above take. The score, the verdict and the whole correction are in sight,
    each wrapped whole, under a reference canvas of a readable height, which keeps its size as results
    come."""
    from dataclasses import replace

    from desktop_app.core.judging.attempts import score_pose
    from desktop_app.core.judging.feedback import SAME_PART

    page, context, encoder, attempt = practising_hallo_shown(
        qtbot, tmp_path, monkeypatch, PAGE_IN_THE_SMALL_SCREENS_WINDOW
    )
    qtbot.wait(50)  # the layout settles
    before = page.player.canvas.height()
    outcome = score_pose(encoder, page.target, attempt, ended_at=time.perf_counter())
    assert outcome.feedback is not None and outcome.feedback.main is not None
    long = replace(outcome.feedback.main, message=correction)
    # a part's correction may be followed by what tells the sign from the one it looked more like
    also = SAME_PART.format(other="Bier (DGS)") if correction == LONG_CORRECTIONS[0] else None
    page._show_outcome(replace(outcome, feedback=replace(outcome.feedback, main=long, also=also)))
    page.show_reference_button.click()  # the reference, not the correction's picture, in its place
    qtbot.wait(50)
    for shown in (page.score_label, page.verdict_label, page.feedback_label):
        assert whole_in_sight(shown) and wrapped_whole(shown), f"{shown.text()[:30]!r} is cut"
    assert page.player.canvas.height() == before >= REFERENCE_READABLE_HEIGHT
    page.worker = None
    page.shutdown()
    context.close()


# px of the reference's canvas in that window: it was 143, its figure 100-110; 165 until the note of a
# reference shown mirrored took its second line, read whole rather than cut mid-word
REFERENCE_FIGURE_HEIGHT = 150


def test_in_the_small_screens_window_the_reference_has_the_room_of_the_words_that_matter_less(
    qtbot, tmp_path, monkeypatch
):
    """The walk-through, at 1000 x 520: the reference figure the learner copies was 100-110 px tall (its
    canvas 143), under two lines of note and over a colour legend that the camera's, beside it, repeats. In a
    short page the reference's legend gives way to the camera's, and the note keeps to two lines (whole in
    its tooltip): on one, the note of a reference shown mirrored was cut mid-word ("so that y…"), so it has
    two, whole, what follows it given up first; a tall page keeps both as they were."""
    from desktop_app.core.signing.view import ViewConvention

    page, context, _, _ = practising_hallo_shown(
        qtbot, tmp_path, monkeypatch, PAGE_IN_THE_SMALL_SCREENS_WINDOW
    )
    context.update_settings(left_handed=True)  # the note of a reference shown mirrored: two lines
    qtbot.wait(50)  # the layout settles
    note = page.reference_note
    mirrored = ViewConvention.from_settings(context.settings).mirrored_note("right")
    assert note.text().startswith(mirrored) and note.text() != mirrored  # and the clips counted after it
    assert note.shown_text().startswith(mirrored), f"cut: {note.shown_text()!r}"
    assert page.player.canvas.height() >= REFERENCE_FIGURE_HEIGHT
    assert note.height() < 3 * note.fontMetrics().lineSpacing() and note.toolTip() == note.text()
    camera = page.camera_stack.currentWidget()
    assert page.rect().contains(QRect(camera.mapTo(page, QPoint(0, 0)), camera.size())), "the camera pushed"
    assert page.live_legend.isVisible() and not page.player.legend.isVisible()
    assert not page.result_box.verticalScrollBar().isVisible()
    page.camera_stack.setCurrentIndex(1)  # no camera: its legend is not shown, the reference's is
    assert page.player.legend.isVisible()
    page.camera_stack.setCurrentIndex(0)
    page.resize(*PAGE_IN_A_LARGE_WINDOW)
    qtbot.wait(50)
    assert page.player.legend.isVisible() and note.toolTip() == ""
    assert note.height() >= note.heightForWidth(note.width()) > note.fontMetrics().lineSpacing()
    page.worker = None
    page.shutdown()
    context.close()


@pytest.mark.parametrize("size", [PAGE_IN_THE_SMALL_SCREENS_WINDOW, PAGE_IN_A_LARGE_WINDOW])
def test_the_other_signs_clip_kept_despite_the_warning_is_said_under_the_player_and_leaves_it_its_room(
    qtbot, tmp_path, monkeypatch, size
):
    """ "Compare with “X”" played X's clip kept despite the clip check's warning under "Yours looked like: X",
    with no ⚠ and no note (only a clip of the sign practised had them). Marked and said now, its words
    whole: in the small screen's window it was one line ending in "…" (the rest in its tooltip, which a
    learner does not find). Gone with the sign's own reference again, and once the Library clears the
    warning."""
    from desktop_app.core.judging.attempts import score_pose
    from desktop_app.core.judging.practice import LOOK_ALIKE_CAPTION, PLAYED_KEPT_DESPITE

    page, context, encoder, attempt = practising_hallo_shown(qtbot, tmp_path, monkeypatch, size)
    look_alike = score_pose(encoder, page.target, attempt, ended_at=time.perf_counter()).feedback.look_alike
    assert look_alike is not None and look_alike.clip_id is not None
    context.database.set_kept_despite(look_alike.clip_id, "Your right hand was lower than in the reference.")
    context.notify_database_changed()
    page._show_outcome(score_pose(encoder, page.target, attempt, ended_at=time.perf_counter()))
    assert not page.played_note.isVisibleTo(page)  # hallo's own reference, kept unwarned
    qtbot.mouseClick(page.compare_button, Qt.MouseButton.LeftButton)
    qtbot.wait(50)  # the layout settles
    note = page.played_note
    assert page.player._tracks[0].label == f"⚠ {LOOK_ALIKE_CAPTION.format(name=look_alike.name)}"
    assert note.isVisible() and note.text() == PLAYED_KEPT_DESPITE
    # Whole, wrapped on its lines, in the small screen's window too, where it was one line ending in "…"
    assert note.toolTip() == "" and note.height() >= note.heightForWidth(note.width())
    assert note.shown_text() == PLAYED_KEPT_DESPITE
    # its lines taken from the figure, which keeps the rest of its room
    assert page.player.canvas.height() >= REFERENCE_FIGURE_HEIGHT - note.height()
    page.show_reference_button.click()
    assert not note.isVisibleTo(page) and not page.player._tracks[0].label.startswith("⚠")
    context.library.clear_warning(context.database.clip(look_alike.clip_id))  # "This clip is fine"
    page.compare_button.click()
    assert page.player._tracks[0].label == LOOK_ALIKE_CAPTION.format(name=look_alike.name)
    assert not note.isVisibleTo(page)
    page.worker = None
    page.shutdown()
    context.close()


def whole_in_sight(widget) -> bool:
    """Whether all of ``widget`` is on screen: shown, and neither scrolled out of its box nor cut by the
    page's edge (inside each widget it is in: its visible region leaves out its opaque children, the
    correction picture's skeleton canvases)."""
    ancestors = []
    parent = widget.parentWidget()
    while parent is not None:
        ancestors.append(parent)
        parent = parent.parentWidget()
    return widget.isVisible() and all(
        ancestor.rect().contains(QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size()))
        for ancestor in ancestors
    )


@pytest.mark.parametrize("size", [PAGE_IN_A_SMALL_WINDOW, SMALL_PAGE, PAGE_IN_A_LARGE_WINDOW])
def test_the_score_the_correction_and_its_picture_are_seen_without_scrolling(
    qtbot, tmp_path, monkeypatch, size
):
    """At 1000 x 520 the correction's picture was below the result box's fold, a scroll away under the score
    and the correction. In a short page it takes the reference's place (of the same size) until the learner
    asks for the reference again, and back; the nearest signs are a scroll of the result box away."""
    from desktop_app.core.judging.attempts import score_pose
    from desktop_app.ui.practice_page import SHOW_PICTURE, SHOW_REFERENCE

    page, context, encoder, attempt = practising_hallo_shown(qtbot, tmp_path, monkeypatch, size)
    qtbot.wait(50)  # the layout settles
    reference_place = page.player.geometry()
    outcome = score_pose(encoder, page.target, attempt, ended_at=time.perf_counter())
    assert outcome.feedback is not None and outcome.feedback.moment() is not None, "a pictured correction"
    page._show_outcome(outcome)
    qtbot.wait(50)
    picture = page.feedback_picture
    for shown in (page.score_label, page.verdict_label, page.feedback_label, picture):
        assert whole_in_sight(shown), f"{type(shown).__name__} {getattr(shown, 'text', str)()[:30]!r}"
    box = page.result_box
    box.ensureWidgetVisible(page.nearest_label, 0, 0)  # the learner scrolls to the nearest signs
    assert whole_in_sight(page.nearest_label)
    box.verticalScrollBar().setValue(0)
    if size != PAGE_IN_A_LARGE_WINDOW:
        assert not page.player.isVisible() and picture.geometry() == reference_place
        page.show_reference_button.click()
        qtbot.wait(50)
        assert page.player.isVisible() and page.player.geometry() == reference_place
        assert not picture.isVisible() and page.show_reference_button.text() == SHOW_PICTURE
        page.show_reference_button.click()  # back to the picture
        assert whole_in_sight(picture) and not page.player.isVisible()
        page.replay_button.click()  # the replay plays in the reference's place
        assert page.player.isVisible() and not picture.isVisible()
        assert page.show_reference_button.text() == SHOW_PICTURE
    else:  # the picture under the correction, the reference always there
        assert page.player.isVisible() and page.show_reference_button.text() == SHOW_REFERENCE
    page.worker = None
    page.shutdown()
    context.close()


@pytest.mark.parametrize("asks", ["show reference", "replay"])
def test_the_reference_asked_for_in_a_tall_page_leaves_the_picture_in_its_place_once_short(
    qtbot, tmp_path, monkeypatch, asks
):
    """In a tall page "Show reference" and the replay play in the reference's own place, the correction's
    picture staying under the correction: nothing is put away. Shrunk after that, the page showed the
    player in the picture's place and offered "Show picture", though the learner never chose the reference
    over it."""
    from desktop_app.core.judging.attempts import score_pose
    from desktop_app.ui.practice_page import SHOW_REFERENCE

    page, context, encoder, attempt = practising_hallo_shown(
        qtbot, tmp_path, monkeypatch, PAGE_IN_A_LARGE_WINDOW
    )
    page._show_outcome(score_pose(encoder, page.target, attempt, ended_at=time.perf_counter()))
    qtbot.wait(50)
    (page.show_reference_button if asks == "show reference" else page.replay_button).click()
    assert page.feedback_picture.isVisible() and page.player.isVisible()
    page.resize(*SMALL_PAGE)
    qtbot.waitUntil(lambda: not page.player.isVisible())
    assert whole_in_sight(page.feedback_picture) and page.show_reference_button.text() == SHOW_REFERENCE
    page.worker = None
    page.shutdown()
    context.close()


def test_a_sign_of_two_hands_signed_with_one_is_not_said_to_be_recognised(qtbot, context, monkeypatch):
    """coffee (ASL) signed with the right hand only, however close the encoder finds it: the verdict said
    "Recognised as coffee (ASL). Close." beside a correction saying half the sign was missing. It is given
    half, said as any such score, its correction the hand left out, whole in sight in a 1000 x 520 window."""
    from dataclasses import replace

    from desktop_app.core.judging import attempts
    from desktop_app.ui.practice_page import PracticePage
    from tests.support import CameraWorkerStandIn

    page = PracticePage(context)
    qtbot.addWidget(page)
    page.worker = CameraWorkerStandIn()
    monkeypatch.setattr(page, "wants_camera", lambda: False)  # shown, with the stand-in as its camera
    page.resize(*SMALL_PAGE)
    page.show()
    qtbot.waitExposed(page)
    select_sign(page, "coffee")
    scored = attempts.score_attempt
    monkeypatch.setattr(
        attempts, "score_attempt", lambda *args: replace(scored(*args), score=90.0, recognised=True)
    )
    clips = load_traduttore(TEST_DATA / "traduttore" / "traduttore_sample.npz")
    one_handed = next(clip.pose for clip in clips if clip.gloss == "no")
    page._show_outcome(attempts.score_pose(context.encoder, page.target, one_handed, time.perf_counter()))
    qtbot.wait(50)
    assert page.score_label.text() == "50"
    assert "Recognised" not in page.verdict_label.text()
    assert page.verdict_label.text().startswith("Close.")
    assert page.feedback_label.text().startswith("Both hands: ") and whole_in_sight(page.feedback_label)
    page.worker = None
    page.shutdown()


@pytest.mark.parametrize("size", [(1300, 800), (1000, 520)])
def test_a_correction_without_a_picture_keeps_no_room_for_one(qtbot, tmp_path, monkeypatch, size):
    """A correction with no picture (one about the tracking) left the hidden picture's 110 px between its
    words and "Nearest signs"; the reference above still keeps its size."""
    from dataclasses import replace

    from desktop_app.core.judging.attempts import score_pose

    page, context, encoder, attempt = practising_hallo_shown(qtbot, tmp_path, monkeypatch, size)
    pictured = score_pose(encoder, page.target, attempt, ended_at=time.perf_counter())
    assert pictured.feedback is not None and pictured.feedback.main is not None
    tracking = replace(
        pictured.feedback.main, parameter="tracking", message="Your left hand was hard to see."
    )
    # and nothing below its words: no sign it looked more like to say or offer
    unlike_another = replace(pictured.feedback, main=tracking, also=None, look_alike=None, contrast=None)
    unpictured = replace(pictured, feedback=unlike_another)
    page._show_outcome(pictured)
    qtbot.wait(50)  # the layout settles
    player = reference_place(page)
    page._show_outcome(unpictured)
    qtbot.wait(50)
    words, nearest = page.feedback_label, page.nearest_label
    assert words.text() == tracking.message and not page.feedback_picture.isVisible()
    assert nearest.y() - words.geometry().bottom() <= 2 * page._result_layout.spacing()
    assert page.player.geometry() == player
    page.worker = None
    page.shutdown()
    context.close()


LONG_UNBROKEN_NAME = "hand_estimation__0ff215ef4f1f111e217e2cefee0adc77_take_two_x"  # 60 characters


def test_a_long_unbroken_sign_name_in_the_result_does_not_widen_the_window(qtbot, tmp_path, monkeypatch):
    """At 1000 x 520 "It looks closer to hand_estimation__0ff215ef4f1f111e217e2cefee0adc77 than to hello
    (ASL)" raised the window's least width to 1158 px, and the window grew past the screen by itself."""
    from desktop_app.core.judging.attempts import score_pose

    page, context, encoder, attempt = practising_hallo_shown(qtbot, tmp_path, monkeypatch, (1000, 520))
    qtbot.wait(50)  # the layout settles
    least_width = page.minimumSizeHint().width()
    other = next(sign for sign in context.database.signs() if sign.gloss != "hallo")
    context.library.rename(other.id, LONG_UNBROKEN_NAME, other.language)
    assert len(LONG_UNBROKEN_NAME) == 60
    page._show_outcome(score_pose(encoder, page.target, attempt, ended_at=time.perf_counter()))
    qtbot.wait(50)
    assert LONG_UNBROKEN_NAME[:16] in page.verdict_label.text() + page.nearest_label.text()
    assert page.minimumSizeHint().width() <= least_width and page.width() == 1000
    page.worker = None
    page.shutdown()
    context.close()


def test_switching_hands_drops_the_attempt_and_the_result_for_the_other_hand(qtbot, tmp_path):
    """Left-handed mode switched on while an attempt was being scored: its result, scored against the
    right-handed references ("Not scored. Your right hand was not seen"), came in after the switch and
    stood under the sign now shown for the left hand. The attempt under way is dropped as well."""
    from desktop_app.core.judging.attempts import score_pose
    from desktop_app.core.signing.session import SegmentEvent

    page, context, encoder, worker = page_with_a_stand_in_camera(qtbot, tmp_path)
    sign_id = select_sign(page, "hallo")
    late = score_pose(encoder, page.target, page.practising.reference, ended_at=time.perf_counter())
    page._on_segment_event(SegmentEvent("started", message="Recording: lower your hands to finish."))
    worker.told.clear()
    context.update_settings(left_handed=True)
    assert "cancel" in worker.told, "the attempt for the right hand went on, to be scored"
    shown = []
    page.attempt_shown.connect(shown.append)
    page._show_outcome(late)  # scored for the right hand, arriving now
    qtbot.wait(50)  # the page saves an attempt once its result is painted
    assert shown == [] and page.attempts.result is None and page.score_label.text() == "–"
    assert page.verdict_label.text() == "Your score appears here after each attempt."
    assert context.database.attempts(sign_id) == []
    page._show_outcome(
        score_pose(encoder, page.target, page.practising.reference, ended_at=time.perf_counter())
    )
    assert shown and page.score_label.text() != "–"  # one for the left hand is shown
    qtbot.wait(50)  # saved before the database closes
    page.worker = None
    page.shutdown()
    context.close()


def test_switching_hands_says_why_the_result_shown_went(qtbot, tmp_path):
    """Left-handed mode ticked in Settings, the score shown vanished without a word ("Your score appears
    here after each attempt."). Scored against the reference for the other hand, it goes, and the result box
    says why, of the setting ("it was for signing with your right hand" stood under "You signed with your
    left hand"); switching back says it again, the other way."""
    from desktop_app.core.judging.attempts import score_pose
    from desktop_app.core.judging.practice import RESULT_FOR_THE_OTHER_HAND

    page, context, encoder, _worker = page_with_a_stand_in_camera(qtbot, tmp_path)
    select_sign(page, "hallo")
    page._show_outcome(
        score_pose(encoder, page.target, page.practising.reference, ended_at=time.perf_counter())
    )
    assert page.score_label.text() != "–"
    context.update_settings(left_handed=True)
    assert page.attempts.result is None and page.score_label.text() == "–"
    assert page.verdict_label.text() == (
        "Your last result was cleared: it was judged with left-handed mode off, and left-handed mode is now"
        " on. Sign it again for your score."
    )
    page._show_outcome(
        score_pose(encoder, page.target, page.practising.reference, ended_at=time.perf_counter())
    )
    context.update_settings(left_handed=False)
    assert page.verdict_label.text() == RESULT_FOR_THE_OTHER_HAND.format(before="on", now="off")
    qtbot.wait(50)  # saved before the database closes
    page.worker = None
    page.shutdown()
    context.close()


def test_turning_mirror_view_off_turns_the_correction_picture_at_once(qtbot, tmp_path):
    """The walk-through: "Mirror view" turned off, the camera and the reference turned to a camera's view,
    while the correction's picture of the last result stayed mirrored until the next attempt: two
    conventions on screen at once. It turns with them, its result kept."""
    from desktop_app.core.judging.attempts import score_pose

    page, context, encoder, _worker = page_with_a_stand_in_camera(qtbot, tmp_path)
    select_sign(page, "hallo")
    database = context.database
    other = next(sign for sign in database.signs() if sign.gloss != "hallo")
    attempt = database.clip_pose(database.clips(other.id)[0].id)
    outcome = score_pose(encoder, page.target, attempt, ended_at=time.perf_counter())
    page._show_outcome(outcome)
    picture = page.feedback_picture
    assert not picture.isHidden() and picture.reference.convention.mirror
    context.update_settings(mirror_display=False)
    assert page.attempts.result is outcome and not picture.isHidden()
    assert not picture.reference.convention.mirror and not picture.attempt.convention.mirror
    assert not page.player.canvas.convention.mirror  # as the reference beside it
    qtbot.wait(50)  # saved before the database closes
    page.worker = None
    page.shutdown()
    context.close()


def test_an_attempt_left_for_another_tab_is_said_not_scored_once_the_learner_is_back(
    qtbot, tmp_path, monkeypatch
):
    """The walk-through: another tab chosen while an attempt was being recorded, the camera stopped with the
    page and the attempt went without a word: back on Practice, "Press Space to start" as if nothing had
    been signed. It is said where the learner looks when back, above the camera for a moment (its moment
    starting then, not while away) and, with no result on screen, in the result box."""
    from desktop_app.core.judging.live_attempts import ATTEMPT_LEFT_WITH_THE_PAGE, START_ATTEMPT
    from desktop_app.core.signing.session import SegmentEvent
    from desktop_app.ui import live_camera

    monkeypatch.setattr(live_camera, "NOTICE_MS", 20)
    page, context, _encoder, _attempt = practising_hallo_shown(qtbot, tmp_path, monkeypatch, (1300, 800))
    waiting = page.prompt_label.text()
    page._on_segment_event(SegmentEvent("started", message="Recording: lower your hands to finish."))
    page.hide()  # another tab
    assert page.worker is None and not page.attempts.under_way
    qtbot.wait(60)  # longer than the notice's moment: the learner is away
    page.show()
    assert page.prompt_label.text() == ATTEMPT_LEFT_WITH_THE_PAGE
    assert page.verdict_label.text() == f"<b>Not scored.</b> {ATTEMPT_LEFT_WITH_THE_PAGE}"
    assert page.record_button.text() == START_ATTEMPT
    qtbot.waitUntil(lambda: page.prompt_label.text() == waiting, timeout=2000)
    page.shutdown()
    context.close()


def test_an_attempt_stopped_by_minimising_the_window_is_said_so_once_it_is_restored(
    qtbot, tmp_path, monkeypatch
):
    """Minimising hides the page too: the attempt it stopped was said as "...when you left this page",
    though the learner had not left it."""
    from desktop_app.core.judging.live_attempts import ATTEMPT_STOPPED_MINIMISED
    from desktop_app.core.signing.session import SegmentEvent

    page, context, _encoder, _attempt = practising_hallo_shown(qtbot, tmp_path, monkeypatch, (1300, 800))
    page._on_segment_event(SegmentEvent("started", message="Recording: lower your hands to finish."))
    page.setWindowState(Qt.WindowState.WindowMinimized)
    assert page.worker is None and not page.attempts.under_way
    page.setWindowState(Qt.WindowState.WindowNoState)
    assert page.prompt_label.text() == ATTEMPT_STOPPED_MINIMISED
    assert page.verdict_label.text() == f"<b>Not scored.</b> {ATTEMPT_STOPPED_MINIMISED}"
    page.shutdown()
    context.close()


def test_the_reference_player_plays_the_clip_the_correction_names(qtbot, tmp_path):
    """hello (ASL), after the learner kept a recorded clip of it: the player looped the sign's first clip
    (0.3 s) while the correction said "at 2.9-3.6 s", its picture "Reference at 3.2 s" and the replay ran
    3.6 s: all three were of the nearest clip. While such a result is shown the player plays that clip,
    captioned "Closest reference clip" (Show reference too); it follows when another result replaces it or
    another sign is chosen."""
    from desktop_app.core.judging.attempts import score_pose
    from desktop_app.core.signing.view import sign_only

    page, context, encoder, _ = page_with_a_stand_in_camera(qtbot, tmp_path)
    hallo = select_sign(page, "hallo")
    first, second = (clip.id for clip in context.database.clips(hallo))

    def playing(pose) -> list[str]:
        """The captions of the tracks played, once the first is ``pose`` as the player plays it."""
        assert page.player.canvas.tracks[0].pose.equals(sign_only(pose))
        return [track.label for track in page.player.canvas.tracks]

    own = page.practising.reference
    assert page.practising.clip_id == first and playing(own) == ["Reference"]
    other = page.target.references[second]
    outcome = score_pose(encoder, page.target, other.frames(slice(0, len(other) - 1)), time.perf_counter())
    assert outcome.reference_clip_id == second
    page._show_outcome(outcome)
    assert playing(other) == ["Closest reference clip"]
    assert page.player.canvas.tracks[0].signed_with == "right"  # as the sign's reference: one convention
    page.show_reference_button.click()
    assert playing(other) == ["Closest reference clip"]
    page.replay_attempt()
    assert [track.label for track in page.player.canvas.tracks] == ["Closest reference clip", "You"]

    near_the_first = score_pose(encoder, page.target, own.frames(slice(1, len(own) - 1)), time.perf_counter())
    assert near_the_first.reference_clip_id == first
    page._show_outcome(near_the_first)  # replaces the result: the sign's own reference again
    assert playing(own) == ["Reference"]

    page._show_outcome(outcome)
    select_sign(page, "du")  # another sign: its reference, the result gone
    assert playing(page.practising.reference) == ["Reference"]
    qtbot.wait(50)  # saved before the database closes
    page.worker = None
    page.shutdown()
    context.close()


def test_a_closest_clip_kept_despite_the_warning_is_said_under_the_player_until_it_is_cleared(
    qtbot, tmp_path
):
    """A clip kept despite the clip check's warning was marked in the Library only: a result compared with it
    in Practice ("Closest reference clip") gave the learner judged oddly no hint why. Said under the player,
    marked in its caption, and gone once the Library clears the warning (the result stays)."""
    from desktop_app.core.judging.attempts import score_pose
    from desktop_app.core.judging.practice import PLAYED_KEPT_DESPITE

    page, context, encoder, _ = page_with_a_stand_in_camera(qtbot, tmp_path)
    hallo = select_sign(page, "hallo")
    first, second = (clip.id for clip in context.database.clips(hallo))
    context.database.set_kept_despite(second, "Your right hand was lower than in the reference.")
    context.notify_database_changed()
    assert not page.played_note.isVisibleTo(page)  # the sign's reference, kept unwarned
    other = page.target.references[second]
    outcome = score_pose(encoder, page.target, other.frames(slice(0, len(other) - 1)), time.perf_counter())
    assert outcome.reference_clip_id == second
    page._show_outcome(outcome)
    assert [track.label for track in page.player.canvas.tracks] == ["⚠ Closest reference clip"]
    assert page.played_note.isVisibleTo(page) and page.played_note.text() == PLAYED_KEPT_DESPITE
    page.replay_attempt()
    assert [track.label for track in page.player.canvas.tracks] == ["⚠ Closest reference clip", "You"]
    assert page.played_note.isVisibleTo(page)

    context.library.clear_warning(context.database.clip(second))  # "This clip is fine" in the Library
    assert page.attempts.result is outcome and not page.played_note.isVisibleTo(page)
    assert [track.label for track in page.player.canvas.tracks] == ["Closest reference clip"]
    qtbot.wait(50)  # saved before the database closes
    page.worker = None
    page.shutdown()
    context.close()


def test_the_camera_picture_keeps_its_place_whatever_the_heading_says(qtbot, tmp_path, monkeypatch):
    """At 1000x520 the camera picture jumped every few seconds: "Raise your hands to start signing, or press
    Space" wrapped to two lines and pushed it ~23 px down, the one-line "● Recording…" moved it back (and
    "Stop attempt", narrower than "Start attempt", narrowed it by 2 px). The heading holds two lines whatever
    it says, a longer problem in smaller letters, and one too long for them still has the lines it needs."""
    from desktop_app.core.signing.session import (
        SIGN_CUT_AT_LIMIT,
        SIGN_CUT_AT_START,
        SIGN_CUT_AT_STOP,
        TOO_FEW_PICTURES,
        TOO_SHORT,
        SegmentEvent,
    )

    page, context, _, _ = page_with_a_stand_in_camera(qtbot, tmp_path)
    monkeypatch.setattr(page, "wants_camera", lambda: False)  # shown, with the stand-in as its camera
    select_sign(page, "hallo")
    page.resize(1000, 520)
    page.show()
    qtbot.waitExposed(page)
    qtbot.wait(50)  # the layout settles
    assert page.prompt_label.text() == "Raise your hands to start signing, or press Space"
    waiting = page.video_label.geometry()
    page._on_segment_event(SegmentEvent("started", message="Recording: lower your hands to finish."))
    qtbot.wait(50)
    assert page.prompt_label.text() == "● Recording: lower your hands to finish."
    assert page.video_label.geometry() == waiting
    cut_at_limit = SIGN_CUT_AT_LIMIT.format(seconds=8)
    for why in (TOO_SHORT, SIGN_CUT_AT_STOP, cut_at_limit, SIGN_CUT_AT_START, TOO_FEW_PICTURES):  # thrown out
        page._on_segment_event(SegmentEvent("discarded", message=why))
        qtbot.wait(50)
        assert page.prompt_label.text() == why and page.video_label.geometry() == waiting, why
    full = "the disk holding the database is full. "
    page._on_camera_state("This attempt could not be saved: " + full * 3)
    qtbot.wait(50)
    assert page.video_label.geometry() == waiting  # in smaller letters: on a third line it moved it
    page._on_camera_state("This attempt could not be saved: " + full * 12)  # too long for them
    qtbot.wait(50)
    label = page.prompt_label
    assert label.height() >= label.heightForWidth(label.width()) > waiting.top()
    page.worker = None
    page.shutdown()
    context.close()


def practised_with_a_result(qtbot, tmp_path):
    """A page practising hallo with a result on screen: the page, its context, and the result."""
    from desktop_app.core.judging.attempts import score_pose

    page, context, encoder, _ = page_with_a_stand_in_camera(qtbot, tmp_path)
    select_sign(page, "hallo")
    result = score_pose(encoder, page.target, page.practising.reference, ended_at=time.perf_counter())
    page._show_outcome(result)
    qtbot.wait(50)  # saved
    assert page.score_label.text() != "–"
    return page, context, result


def result_on_screen(page) -> tuple[str, str, str, str]:
    return (
        page.score_label.text(),
        page.verdict_label.text(),
        page.feedback_label.text(),
        page.nearest_label.text().replace("\u00a0", " "),  # each nearest sign on one line
    )


@pytest.mark.parametrize("edit", ["another renamed", "another tagged", "a clip kept of another", "renamed"])
def test_the_result_stays_through_library_edits_that_leave_the_sign_practised_as_is(qtbot, tmp_path, edit):
    """Renaming another sign, tagging one or keeping a clip of one cleared the score, the nearest signs and
    the correction of the sign practised, with no word why. A sign renamed is named as it is now: the
    nearest signs said its old name until the next attempt."""
    page, context, result = practised_with_a_result(qtbot, tmp_path)
    shown = result_on_screen(page)
    practised = context.selected_sign_id
    other = next(sign for sign in context.database.signs() if sign.id != practised)
    library = context.library
    names = context.database.sign_names()
    if edit == "another renamed":
        library.rename(other.id, other.gloss + " two", other.language)
    elif edit == "another tagged":
        library.retag(other.id, ["lesson: Greetings"])
    elif edit == "a clip kept of another":
        library.add_recorded_clip(other.id, Recording.of(page.practising.reference))
    else:
        library.rename(practised, "hallo two", "DGS")
    renamed = {"another renamed": other.id, "renamed": practised}.get(edit)
    if renamed is not None:
        before, after = names[renamed], context.database.sign_names()[renamed]
        assert before in shown[3]  # among the nearest signs
        shown = tuple(text.replace(before, after) for text in shown)
    assert page.attempts.result is result and page.replay_button.isEnabled()
    assert result_on_screen(page) == shown
    page.worker = None
    page.shutdown()
    context.close()


@pytest.mark.parametrize("edit", ["a clip deleted", "a clip kept", "the sign deleted"])
def test_the_result_goes_with_the_clips_of_the_sign_practised_and_says_why(qtbot, tmp_path, edit):
    from desktop_app.core.judging.practice import RESULT_OF_CHANGED_CLIPS, RESULT_OF_DELETED_SIGN

    page, context, _ = practised_with_a_result(qtbot, tmp_path)
    practised = context.selected_sign_id
    library = context.library
    if edit == "a clip deleted":
        library.delete_clip(context.database.clips(practised)[-1])
    elif edit == "a clip kept":
        library.add_recorded_clip(practised, Recording.of(page.practising.reference))
    else:
        library.delete_sign(context.database.sign(practised))
    assert page.attempts.result is None and page.score_label.text() == "–"
    assert not page.replay_button.isEnabled() and page.nearest_label.text() == ""
    deleted = RESULT_OF_DELETED_SIGN.format(name="hallo (DGS)")
    why = deleted if edit == "the sign deleted" else RESULT_OF_CHANGED_CLIPS
    assert page.verdict_label.text() == why
    select_sign(page, context.database.signs()[0].gloss)  # another sign: nothing to say about the last one
    assert page.verdict_label.text() == "Your score appears here after each attempt."
    page.worker = None
    page.shutdown()
    context.close()


def test_the_tracking_line_never_takes_height_from_the_picture(qtbot, tmp_path, monkeypatch):
    """In a narrow camera panel the tracking line wrapped to two lines as the hands came and went, and the
    picture above it jumped in size."""
    page, context, _, _ = page_with_a_stand_in_camera(qtbot, tmp_path)
    monkeypatch.setattr(page, "wants_camera", lambda: False)  # shown, with the stand-in as its camera
    page.resize(1000, 520)
    page.show()
    qtbot.waitExposed(page)
    page.tracking_status.label.setText("✓ Tracking: body")
    qtbot.wait(50)  # the layout settles
    picture = page.video_label.geometry()
    line = page.tracking_status.label.height()
    long_line = "⚠ " + "  ".join(["Your right hand is at the edge of the picture"] * 3)
    page.tracking_status.label.setText(long_line)
    qtbot.wait(50)
    assert page.video_label.geometry() == picture and page.tracking_status.label.height() == line
    assert page.tracking_status.label.toolTip() == long_line  # whole, where it is cut short
    page.worker = None
    page.shutdown()
    context.close()


def test_least_heights_follow_the_font_the_page_has_now(qtbot, tmp_path):
    """The two-line least heights of the heading and the reference's note, and the result box's heights,
    were set from the font at build time: a larger font chosen later cut their lines."""
    from PySide6.QtGui import QFont

    page, context, _, _ = page_with_a_stand_in_camera(qtbot, tmp_path)
    page.score_label.show()  # as with a score shown (before one, the box is as tall as its words)
    steady, line = page.result_box.steady_height(), page.fontMetrics().lineSpacing()
    larger = QFont(page.font())
    larger.setPointSizeF(page.font().pointSizeF() * 2)
    page.setFont(larger)
    for label in (page.reference_note, page.prompt_label):
        least = label.minimumHeight() or label.minimumSizeHint().height()
        assert least >= 2 * label.fontMetrics().lineSpacing(), label.text()
    # The result box, as tall as two lines of nearest signs in the page's font among the rest
    grown = 2 * (page.fontMetrics().lineSpacing() - line)
    assert page.result_box.steady_height() >= steady + grown > steady
    page.worker = None
    page.shutdown()
    context.close()


def test_an_attempt_made_before_the_sign_could_be_scored_goes_once_it_can(qtbot, tmp_path):
    """An attempt at a sign whose clips were still being prepared said "This sign cannot be scored yet: ...";
    once they were (the embedding job ends with notify_database_changed), it stayed, its words rebuilt from
    the note of before, beside a note saying nothing of it."""
    from desktop_app.core.judging.attempts import score_pose
    from desktop_app.core.judging.practice import RESULT_BEFORE_SCORING
    from tests.support import moving_clip

    page, context, encoder, _ = page_with_a_stand_in_camera(qtbot, tmp_path)
    database = context.database
    hallo = next(sign for sign in database.signs() if sign.gloss == "hallo")
    new_sign = database.add_sign("NEW", "DGS")
    for clip in database.clips(hallo.id):
        database.add_clip(new_sign, database.clip_pose(clip.id), ClipOrigin("copy.npz"))
    context.notify_database_changed()
    select_sign(page, "NEW")
    assert page.target is None
    page._show_outcome(score_pose(encoder, None, moving_clip(), ended_at=time.perf_counter()))
    assert page.verdict_label.text() == "This sign cannot be scored yet: " + page.reference_note.text()
    assert run_job(context.missing_embeddings_job())
    context.notify_database_changed()
    assert page.target is not None and page.attempts.result is None
    assert page.verdict_label.text() == RESULT_BEFORE_SCORING
    page.worker = None
    page.shutdown()
    context.close()


def test_an_attempt_a_full_disk_cannot_take_is_said_kept_and_saved_with_the_next(qtbot, tmp_path):
    """A full disk said "This attempt could not be saved" above the camera and the attempt was gone, while
    practice went on and room might come back a minute later. It is said kept, in plain words (not the
    database's path nor SQLite's "database or disk is full"), practice goes on, and it is saved with the
    next attempt once there is room: one made in a review too (review 25: each page kept its own, and
    "saved with your next attempt" was false after a review), the words above the camera then gone."""
    from desktop_app.core.judging.attempts import score_pose

    page, context, encoder, _ = page_with_a_stand_in_camera(qtbot, tmp_path)
    select_sign(page, context.database.signs()[0].gloss)
    database, attempt = context.database, page.practising.reference
    pages = database.query("PRAGMA page_count")[0][0]
    database.query(f"PRAGMA max_page_count = {pages}")  # the file may not grow by a page: the disk is full
    first = score_pose(encoder, page.target, attempt, ended_at=time.perf_counter())
    page._show_outcome(first)
    qtbot.waitUntil(lambda: "not saved yet" in page.prompt_label.text())
    assert page.prompt_label.text() == (
        "Your disk is full, so this attempt is not saved yet. Free some space: it will be saved with your"
        " next attempt or when you close the app."
    )
    assert database.attempts() == [] and page.verdict_label.text()  # the result is shown all the same

    database.query("PRAGMA max_page_count = 1073741823")  # room again
    in_a_review = score_pose(encoder, page.target, attempt.frames(slice(1, len(attempt) - 1)), 0.0)
    context.attempts_to_save.keep(in_a_review)  # as the review page does with its attempt
    context.attempts_to_save.save(context)
    assert [a.score for a in database.attempts()] == [first.score.score, in_a_review.score.score]
    assert "not saved" not in page.prompt_label.text()
    later = score_pose(encoder, page.target, attempt.frames(slice(2, len(attempt) - 2)), time.perf_counter())
    page._show_outcome(later)
    qtbot.waitUntil(lambda: len(database.attempts()) == 3)
    page.worker = None
    page.shutdown()
    context.close()


def test_the_words_on_the_sign_as_a_whole_show_the_other_signs_name_as_typed(qtbot, tmp_path, monkeypatch):
    """A low score with every part close names the sign it looked more like, a name the learner may have
    typed: read as rich text, a sign called "<i>me</i>" lost its tags and turned the rest italic."""
    from desktop_app.core.judging.attempts import score_pose
    from desktop_app.core.judging.feedback import LOOKED_MORE_LIKE

    page, context, encoder, attempt = practising_hallo_shown(qtbot, tmp_path, monkeypatch, (1300, 800))
    outcome = score_pose(encoder, page.target, attempt, ended_at=time.perf_counter())
    said = LOOKED_MORE_LIKE.format(sign="your sign", other="<i>me</i> (ASL)")
    whole = dataclasses.replace(outcome.feedback, main=None, note=None, overall=said)
    page._show_outcome(dataclasses.replace(outcome, feedback=whole))
    assert page.feedback_label.text() == said
    assert page.feedback_label.textFormat() is Qt.TextFormat.PlainText  # as typed, tags and all
    page.shutdown()
    context.close()


@pytest.mark.parametrize("size", [(1300, 800), (1000, 520), (1000, 400)])
def test_a_result_that_looked_like_another_sign_opens_that_sign_in_one_click(
    qtbot, tmp_path, monkeypatch, size
):
    """An attempt that looked more like another sign was told to "compare the two signs", with no way to
    open the other sign but leaving the page. A button beside the correction plays its clip nearest the
    attempt in the reference player (in a short page where the correction's picture had the reference's
    place), reached with Tab and with its own key (Space starts an attempt); "Show reference" plays the
    sign's own again, and a result that looked like no other sign offers nothing."""
    from desktop_app.core.judging.attempts import score_pose
    from desktop_app.core.judging.practice import LOOK_ALIKE_CAPTION
    from desktop_app.ui.practice_page import SHOW_REFERENCE
    from desktop_app.ui.reference_played import BACK_TO_THE_ATTEMPT
    from desktop_app.ui.shortcuts import COMPARE_WITH_LOOK_ALIKE

    page, context, encoder, attempt = practising_hallo_shown(qtbot, tmp_path, monkeypatch, size)
    outcome = score_pose(encoder, page.target, attempt, ended_at=time.perf_counter())
    look_alike = outcome.feedback.look_alike
    assert look_alike is not None and look_alike.reference is not None
    page._show_outcome(outcome)
    qtbot.wait(50)  # the layout settles
    button = page.compare_button
    assert button.isVisible() and look_alike.name in button.toolTip()
    # not a scroll away under the words, also in a 1000 x 520 window's page or a 1000 x 455 one's
    assert whole_in_sight(button)
    caption = LOOK_ALIKE_CAPTION.format(name=look_alike.name)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert page.player.isVisible() and page.player._tracks[0].label == caption
    assert page.show_reference_button.text() == SHOW_REFERENCE  # a short page too: not "Show picture"
    assert button.text() == BACK_TO_THE_ATTEMPT  # as a lesson's: it went on offering the clip playing
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # and it goes back
    assert page.player._tracks[0].label != caption and button.text().startswith("Compare with")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    page.show_reference_button.click()  # one click back to the sign's own, at every size
    assert page.player.isVisible() and page.player._tracks[0].label != caption
    # The first of the reference's column, Tab going on from the attempt's
    middle = page.camera_button if page.camera_button.isVisible() else page.no_camera.ways_on[-1]
    middle.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(middle, Qt.Key.Key_Tab)
    assert button.hasFocus()
    keys = QKeySequence(COMPARE_WITH_LOOK_ALIKE.keys[0])[0]
    page.show_reference_button.click()
    qtbot.keyClick(button, keys.key(), keys.keyboardModifiers())
    assert page.player._tracks[0].label == caption
    assert button.text() == BACK_TO_THE_ATTEMPT
    qtbot.keyClick(button, keys.key(), keys.keyboardModifiers())  # and back, as the lesson's
    assert page.player._tracks[0].label != caption and button.text().startswith("Compare with")
    plain = score_pose(encoder, page.target, page.practising.reference, ended_at=time.perf_counter())
    assert plain.feedback.look_alike is None
    page._show_outcome(plain)
    assert not button.isVisible() and page.player._tracks[0].label != caption
    page.worker = None
    page.shutdown()
    context.close()


def test_the_reference_column_is_closed_up_as_the_page_turns_short_and_opened_as_it_turns_tall_only(
    qtbot, context, monkeypatch
):
    """The column's margins and spacing follow the page's height, short or tall; set again on every resize
    of the page (a window dragged wider), the spacing laid the column out again each time, for nothing."""
    from desktop_app.ui.panes import SHORT_PAGE_HEIGHT
    from desktop_app.ui.practice_page import (
        PAGE_MARGIN,
        SHORT_PAGE_MARGIN,
        SHORT_PAGE_SPACING,
        PracticePage,
    )
    from tests.desktop_app.ui.stand_in_pipeline import stand_in_pipelines

    stand_in_pipelines(monkeypatch)
    page = PracticePage(context)
    qtbot.addWidget(page)
    tall, short = SHORT_PAGE_HEIGHT + 50, SHORT_PAGE_HEIGHT - 100
    page.resize(1300, tall)
    page.show()
    qtbot.waitExposed(page)
    usual_spacing = page._reference_column.spacing()
    spacings: list[int] = []
    set_spacing = page._reference_column.setSpacing
    page._reference_column.setSpacing = lambda spacing: (spacings.append(spacing), set_spacing(spacing))
    for size in (
        (1350, tall),
        (1300, tall + 20),
        (1300, short),
        (1350, short),
        (1300, short - 10),
        (1300, tall),
    ):
        page.resize(*size)
        qtbot.waitUntil(lambda size=size: (page.width(), page.height()) == size)
        margins = page._page_layout.contentsMargins()
        edge = PAGE_MARGIN if size[1] >= SHORT_PAGE_HEIGHT else SHORT_PAGE_MARGIN
        assert (margins.top(), margins.bottom()) == (edge, edge)
    assert spacings == [SHORT_PAGE_SPACING, usual_spacing]  # once as it turned short, once tall again
    page.worker = None


def test_a_lost_cameras_message_keeps_the_picture_in_place_and_its_picture_shows_no_tracking(
    qtbot, tmp_path, monkeypatch
):
    """The greyed last picture of a lost camera kept its skeleton, as if it were still
    tracked, and the red message above it wrapped to a third line, pushing the picture down ~23 px."""
    from desktop_app.core.judging.live_attempts import ATTEMPT_LOST_WITH_THE_CAMERA
    from tests.support import tracked_frame

    page, context, _encoder, _attempt = practising_hallo_shown(qtbot, tmp_path, monkeypatch, (1000, 520))
    report = tracked_frame(0)
    page._show_frame(report)
    qtbot.wait(50)  # the layout settles
    picture_at = page.video_label.mapTo(page, QPoint(0, 0))
    path = "/home/learner/Videos/practice/short.mp4"
    lost = f"{ATTEMPT_LOST_WITH_THE_CAMERA} {path}: the video cannot be read again from the start. Waiting…"
    page._camera_lost_or_back(lost)  # as the worker's signal reaches the page
    page._on_camera_state(lost)
    qtbot.wait(50)
    assert page.video_label.mapTo(page, QPoint(0, 0)) == picture_at
    assert page.prompt_label.text().replace("\u2060", "") == lost  # every word of it
    # The frame is black: greyed, only the line of words across its middle is not (its skeleton was)
    shown = page.video_label.pixmap().toImage()
    corner, middle = shown.pixelColor(1, 1), shown.height() // 2
    rows = [y for y in range(shown.height()) if abs(y - middle) > 20]
    assert all(shown.pixelColor(x, y) == corner for y in rows for x in range(0, shown.width(), 2))
    page.worker = None
    page.shutdown()
    context.close()


def test_3_2_1_show_reference_and_replay_have_keys_said_in_their_tooltips_and_in_help(
    qtbot, tmp_path, monkeypatch
):
    """By keyboard alone "3-2-1", "Show reference" and "Replay my attempt" were reached only by Tab, and
    Help → Keyboard shortcuts named no key for them."""
    import html

    from PySide6.QtWidgets import QMenuBar

    from desktop_app.core.judging.attempts import score_pose
    from desktop_app.ui.shortcuts import COUNT_DOWN, REPLAY_ATTEMPT, SHOW_THE_REFERENCE, shortcuts_html

    page, context, encoder, attempt = practising_hallo_shown(qtbot, tmp_path, monkeypatch, (1300, 800))
    worker = page.worker
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)

    def press(shortcut) -> None:
        keys = QKeySequence(shortcut.keys[0])[0]
        qtbot.keyClick(page.sign_list, keys.key(), keys.keyboardModifiers())

    for shortcut, button in (
        (COUNT_DOWN, page.countdown_button),
        (SHOW_THE_REFERENCE, page.show_reference_button),
        (REPLAY_ATTEMPT, page.replay_button),
    ):
        assert f"({shortcut.key_names()})" in button.toolTip()
        listed = shortcuts_html(QMenuBar())
        assert html.escape(shortcut.key_names()) in listed and html.escape(shortcut.does) in listed
    press(COUNT_DOWN)
    assert worker.told[-1] == "countdown"
    page._show_outcome(score_pose(encoder, page.target, attempt, ended_at=time.perf_counter()))
    press(REPLAY_ATTEMPT)
    assert [track.label for track in page.player._tracks][-1] == "You"
    press(SHOW_THE_REFERENCE)
    assert [track.label for track in page.player._tracks][-1] != "You"
    page.worker = None
    page.shutdown()
    context.close()


def test_space_starts_the_attempt_the_heading_promises_wherever_the_focus_is(qtbot, tmp_path):
    """After Tab twice, Space pressed the reference player's step button (it paused and stepped
    the reference) under "Press Space to start", and no attempt started. While the heading says Space
    starts an attempt, it does, wherever the focus is; Enter presses the button the keyboard is on."""
    from PySide6.QtWidgets import QApplication

    page, context, _encoder, worker = page_with_a_stand_in_camera(qtbot, tmp_path)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.worker = worker  # the stand-in, not a camera started by the page shown
    select_sign(page, context.database.signs()[0].gloss)
    page._on_camera_state("")
    assert page.target is not None and "press Space" in page.prompt_label.text()
    step_back = page.player.back_button
    step_back.setFocus(Qt.FocusReason.TabFocusReason)
    assert QApplication.focusWidget() is step_back
    playing = page.player.play_button.text()
    told = len(worker.told)
    qtbot.keyClick(step_back, Qt.Key.Key_Space)
    assert worker.told[told:] == ["start"], "Space pressed the focused player button"
    assert page.player.play_button.text() == playing, "the reference was paused and stepped"
    qtbot.keyClick(step_back, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.player.play_button.text() != playing)  # pressed: paused to step
    assert worker.told[told:] == ["start"]
    page.worker = None
    page.shutdown()
    context.close()


def test_the_earlier_results_picture_is_faded_on_screen_with_its_words(qtbot, tmp_path):
    """An attempt cancelled faded the earlier result's words but not its picture ("Reference at
    0.6 s / You at 0.6 s" at full strength above the faded score): the fade was round the picture, and its
    figures paint their whole canvas themselves (WA_OpaquePaintEvent), which such a fade leaves out. What
    the screen shows of each figure changes as the result turns earlier."""
    from desktop_app.core.judging.attempts import score_pose
    from desktop_app.core.signing.session import SegmentEvent

    page, context, encoder, worker = page_with_a_stand_in_camera(qtbot, tmp_path)
    page.resize(1400, 900)
    page.show()
    qtbot.waitExposed(page)
    page.worker = worker  # the stand-in, not a camera started by the page shown
    select_sign(page, context.database.signs()[0].gloss)
    page._show_outcome(score_pose(encoder, page.target, page.practising.reference, time.perf_counter()))
    page._show_picture(True)  # as for a result with a correction's picture
    figures = (page.feedback_picture.reference, page.feedback_picture.attempt)

    def on_screen() -> list[int]:
        """The colour each figure's canvas shows at its corner, where it paints its background."""
        shown = page.screen().grabWindow(page.winId()).toImage()
        return [shown.pixel(figure.mapTo(page, QPoint(3, 3))) for figure in figures]

    qtbot.wait(100)  # painted
    before = on_screen()
    page._on_segment_event(SegmentEvent("countdown", seconds_left=3))
    page._on_segment_event(SegmentEvent("discarded", message="Attempt cancelled."))  # Space in the 3-2-1
    assert page.not_scored_label.isVisibleTo(page)  # the result below is the earlier one's
    qtbot.wait(100)
    for figure, shown_before, shown_after in zip(figures, before, on_screen(), strict=True):
        assert shown_after != shown_before, f"{figure} not faded on screen"
    qtbot.wait(50)  # saved before the database closes
    page.worker = None
    page.shutdown()
    context.close()


def hands_up_page_with_a_stand_in_camera(qtbot, context, monkeypatch):
    """A Practice page, "Start when my hands come up" ticked, its camera a stand-in worker started by hand
    (the page never shown), and that worker."""
    from desktop_app.ui.practice_page import PracticePage
    from tests.desktop_app.ui.stand_in_pipeline import stand_in_pipelines

    workers = stand_in_pipelines(monkeypatch)
    context.use_camera(str(SIGNING_VIDEO), True)
    context.update_settings(auto_start=True)
    page = PracticePage(context)
    qtbot.addWidget(page)
    page.start_camera()
    return page, workers[0]


def test_raised_hands_start_no_attempt_while_start_is_greyed(qtbot, context, monkeypatch, tmp_path):
    """With no sign chosen (a fresh start, or another database opened) and "Start when my hands come
    up" ticked, raised hands recorded attempt after attempt, each ending "Choose a sign to practise first.",
    while Start was greyed. And the other database's "Your last result was cleared: …" stayed after the
    switch, of a sign not in the list."""
    page, worker = hands_up_page_with_a_stand_in_camera(qtbot, context, monkeypatch)
    assert page.target is None and not page.record_button.isEnabled()
    assert not worker.auto_segmentation
    select_sign(page, VIDEO_SIGN)
    assert page.record_button.isEnabled() and worker.auto_segmentation
    page.auto_box.setChecked(False)
    assert not worker.auto_segmentation
    page.auto_box.setChecked(True)
    assert worker.auto_segmentation

    page.attempts.forget("Your last result was cleared: it was for signing with your left hand.")
    context.set_database(SignDatabase(tmp_path / "empty.db"))  # File → Settings: a new, empty database
    assert not page.record_button.isEnabled() and not worker.auto_segmentation
    assert page.attempts.cleared_because == ""
    page.worker = None


def test_a_target_given_to_the_page_lets_raised_hands_start_attempts(qtbot, context, monkeypatch):
    """The app benchmark practises against its own 10,000-clip gallery, given to the page: set on the
    camera's worker alone, raised hands stayed off (the page had no target of its own), and the benchmark's
    end-of-attempt row said "no attempt completed" run after run."""
    from desktop_app.core.judging.practice import practice_sign

    page, worker = hands_up_page_with_a_stand_in_camera(qtbot, context, monkeypatch)
    assert page.target is None and not worker.auto_segmentation
    sign_id = context.database.signs(VIDEO_SIGN)[0].id
    target = practice_sign(context, sign_id).target
    assert target is not None
    page.practise_against(target)
    assert worker.target is target and worker.auto_segmentation and page.record_button.isEnabled()
    page.worker = None


def test_an_attempt_stopped_by_a_dialog_opened_over_it_is_said_once_the_dialog_is_gone(
    qtbot, tmp_path, monkeypatch
):
    """An attempt recording as a modal dialog opened over Practice went on under it and was scored.
    The camera now stops it and says why (test_pipeline_threads); said for a moment above the camera while
    the dialog hid it, the words were gone before the learner could read them: their moment starts once the
    dialog is gone, and the result box says it until the next attempt."""
    from PySide6.QtWidgets import QMessageBox

    from desktop_app.core.judging.live_attempts import ATTEMPT_STOPPED_BY_A_WINDOW, START_ATTEMPT
    from desktop_app.core.signing.session import SegmentEvent
    from desktop_app.ui import live_camera

    monkeypatch.setattr(live_camera, "NOTICE_MS", 20)
    page, context, _encoder, _attempt = practising_hallo_shown(qtbot, tmp_path, monkeypatch, (1300, 800))
    waiting = page.prompt_label.text()
    page._on_segment_event(SegmentEvent("started", message="Recording: lower your hands to finish."))
    question = QMessageBox(QMessageBox.Icon.Question, "A question", "Opened over the attempt", parent=page)
    question.setWindowModality(Qt.WindowModality.ApplicationModal)
    question.show()
    page.follow_dialogs()  # as the camera's next picture comes
    assert page.worker.covered
    page._on_segment_event(
        SegmentEvent("discarded", message=ATTEMPT_STOPPED_BY_A_WINDOW)
    )  # as the camera says
    qtbot.wait(60)  # longer than the notice's moment: the dialog is still open
    question.close()
    page.follow_dialogs()
    assert not page.worker.covered
    assert page.prompt_label.text() == ATTEMPT_STOPPED_BY_A_WINDOW
    assert page.verdict_label.text() == f"<b>Not scored.</b> {ATTEMPT_STOPPED_BY_A_WINDOW}"
    assert page.record_button.text() == START_ATTEMPT
    qtbot.waitUntil(lambda: page.prompt_label.text() == waiting, timeout=2000)
    page.shutdown()
    context.close()
