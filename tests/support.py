"""Paths and helpers shared by the tests."""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from desktop_app.core.signing.session import Phase
from signcore.errors import InputError
from signcore.layout import LEFT_HAND, N_POINTS, NOSE, RIGHT_HAND, PoseSequence
from signcore.paths import shared_dir

REPO = Path(__file__).resolve().parent.parent
TEST_DATA = Path(__file__).resolve().parent / "data"
BAD_INPUTS = Path(__file__).resolve().parent / "bad_inputs"  # the corpus of broken files (make_corpus.py)
SHARED = shared_dir()
WRITER_STARTUP_TIMEOUT_S = 30.0
# How long a Qt test waits for the window to react: a loaded CI machine can take seconds, a free one
# milliseconds (waitUntil returns as soon as the condition holds).
LOADED_MACHINE_MS = 30_000
SIGNING_VIDEO = (
    TEST_DATA / "pose_format_test_video.mp4"
)  # MIT, pose-format; a real person signing, selfie view


def kill_writer_mid_stream(module: str, args: list[str], pause_s: tuple[float, float], rng) -> list[int]:
    """Run ``python -m module *args`` (a writer that prints "ready", then one id per COMMITTED write), SIGKILL
    it a random moment after it is ready, and return the ids it had promised."""
    writer = subprocess.Popen(
        [sys.executable, "-m", module, *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        # Wait until it is writing (Python start-up varies a lot on a busy machine), then kill it mid-stream.
        deadline = time.monotonic() + WRITER_STARTUP_TIMEOUT_S
        while writer.stdout.readline().strip() != "ready":
            assert writer.poll() is None and time.monotonic() < deadline, "the writer did not start"
        time.sleep(rng.uniform(*pause_s))
    finally:
        writer.send_signal(signal.SIGKILL)
        remaining = writer.communicate()[0]
    assert writer.returncode == -signal.SIGKILL
    # A line cut short by the kill has no newline: it was never a complete promise.
    return [int(line) for line in remaining.splitlines(keepends=True) if line.endswith("\n")]


def shown_in_front(qtbot, widget) -> None:
    """Show ``widget`` as the active window: key presses (the keyboard shortcuts) go to it."""
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)


def read_or_named_error(read, path: Path):
    """What ``read`` makes of the file at ``path``, or None where it refuses it: then with an
    :class:`InputError` whose message names the file."""
    try:
        return read(path)
    except InputError as error:
        assert str(path) in str(error)
        return None


def shown_on_a_small_screen(qtbot, page):
    """``page`` shown at the size of a window on a 1024-pixel-wide screen, its layout settled."""
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    qtbot.waitExposed(page)
    qtbot.wait(50)  # the layout settles
    return page


def wait_for_outcome(qtbot, worker, timeout: int) -> tuple:
    """How a background Worker that is ALREADY running ended, once its queued signals have been delivered.

    Waiting for its signal instead would race: a quick job can finish before the test connects to it.
    """
    from PySide6.QtWidgets import QApplication

    qtbot.waitUntil(worker.isFinished, timeout=timeout)
    QApplication.processEvents()
    return worker.outcome


def answering_message_boxes(monkeypatch, answer: str) -> list[str]:
    """Every QMessageBox asked from now on answered by the learner pressing its button ``answer``; the
    questions asked are returned, in a list that fills as they are asked."""
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []

    def learner_answers(box) -> None:
        asked.append(box.text())
        next(button for button in box.buttons() if button.text() == answer).click()

    monkeypatch.setattr(QMessageBox, "exec", learner_answers)
    return asked


def answering_file_pickers(monkeypatch, *answers: str) -> list[str]:
    """Every file picker opened from now on answered, without showing, by the next of ``answers`` (a path;
    "": cancelled), the last again once they run out; where each opened is returned (the file a save picker
    suggests, else its folder), in a list that fills as they open."""
    from PySide6.QtWidgets import QFileDialog

    opened_at: list[str] = []
    left = list(answers)
    suggested = QFileDialog.selectedFiles
    answer = [""]

    def learner_answers(picker) -> int:
        saving = picker.acceptMode() == QFileDialog.AcceptMode.AcceptSave and suggested(picker)
        opened_at.append(suggested(picker)[0] if saving else picker.directory().absolutePath())
        answer[0] = left.pop(0) if len(left) > 1 else left[0]
        return int(bool(answer[0]))

    monkeypatch.setattr(QFileDialog, "exec", learner_answers)
    monkeypatch.setattr(QFileDialog, "selectedFiles", lambda picker: [answer[0]] if answer[0] else [])
    return opened_at


def opened_files(monkeypatch) -> list[str]:
    """Every file opened from now on through ``Path.open`` (reading a .pose file is), by its path, in a list
    that fills as they are opened."""
    opened: list[str] = []
    real_open = Path.open

    def counting_open(self, *args, **kwargs):
        opened.append(str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", counting_open)
    return opened


def cut_short_copy(folder: Path) -> str:
    """A copy of :data:`SIGNING_VIDEO` cut to its first third in ``folder``, as a download that stopped
    leaves it: damaged or cut short, refused as the camera."""
    damaged = folder / "damaged.mp4"
    damaged.write_bytes(SIGNING_VIDEO.read_bytes()[: SIGNING_VIDEO.stat().st_size // 3])
    return str(damaged)


class HeldReading:
    """The check of the whole of the videos at ``held`` paths held until :attr:`release` is set (up to
    ``HELD_S``): a long damaged video being decoded. Says on which thread it ran, and whether it was told
    to stop; ``stops_when_cancelled=False``: it ends as if it had finished just before it was told."""

    HELD_S = 10

    def __init__(self, monkeypatch, *held: str, stops_when_cancelled: bool = True):
        import signcore.extract

        self.release, self.started, self.stopped = threading.Event(), threading.Event(), threading.Event()
        self.threads: list[threading.Thread] = []
        whole_video = signcore.extract.require_whole_video

        def holding(path, info, cancel=None):
            if str(path) not in held:
                return whole_video(path, info, cancel)
            self.threads.append(threading.current_thread())
            self.started.set()
            until = time.monotonic() + self.HELD_S  # bounded: run on the GUI thread it froze the test
            while not self.release.wait(0.01) and time.monotonic() < until:
                if stops_when_cancelled and cancel is not None and cancel():
                    self.stopped.set()
                    raise signcore.extract.ExtractionCancelled
            return whole_video(path, info, cancel if stops_when_cancelled else None)

        monkeypatch.setattr(signcore.extract, "require_whole_video", holding)


def answering_the_selfie_question(answer: str, waiting_words: str, accept_words: str, asked: list[str]):
    """A stand-in for ``SelfieDialog.exec``: the learner answers ``answer`` ("a selfie", "not a selfie" or
    "cancelled"), once the dialog was seen to ask as an import asks (the same question, neither answer chosen,
    the first frame shown, the button waiting and saying why). Each dialog's title is added to ``asked``."""
    from PySide6.QtWidgets import QDialog

    from desktop_app.ui.selfie_question import SelfieQuestion

    def learner_answers(dialog) -> QDialog.DialogCode:
        question, button = dialog.selfie_question, dialog.accept_button
        asked.append(dialog.windowTitle())
        assert type(question) is SelfieQuestion and button.text() == accept_words
        assert not button.isEnabled() and button.toolTip() == waiting_words
        assert not question.answer_first.isHidden() and not question.first_frame.pixmap().isNull()
        assert not question.selfie.isChecked() and not question.not_selfie.isChecked()  # asked, not assumed
        if answer == "cancelled":
            return QDialog.DialogCode.Rejected
        (question.selfie if answer == "a selfie" else question.not_selfie).setChecked(True)
        assert button.isEnabled() and question.answer_first.isHidden() and button.toolTip() == ""
        return QDialog.DialogCode.Accepted

    return learner_answers


def frames_read_on_the_gui_thread(monkeypatch) -> list[str]:
    """The videos whose frames are read on the GUI thread from now on (signcore.extract.iter_video_frames,
    which every reading of a video's frames goes through): a big video on a slow disk froze the window."""
    import signcore.extract

    read_here: list[str] = []
    iterate = signcore.extract.iter_video_frames

    def reading(video, *args, **kwargs):
        if threading.current_thread() is threading.main_thread():
            read_here.append(Path(video).name)
        return iterate(video, *args, **kwargs)

    monkeypatch.setattr(signcore.extract, "iter_video_frames", reading)
    return read_here


def shared_path(relative: str) -> Path:
    """A file from ../shared; the test is skipped with a clear reason where that folder is absent."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"needs {path} (the read-only ../shared data folder beside the checkout)")
    return path


def embedded_dgs_samples(path: Path, encoder):
    """An open SignDatabase at ``path`` with the committed DGS sample clips, embedded by ``encoder``."""
    from desktop_app.core.app.models_switch import embed_missing
    from signcore.database import SignDatabase
    from signcore.formats import load_dgs
    from signcore.ingest import import_clips

    database = SignDatabase(path)
    import_clips(database, load_dgs(TEST_DATA / "dgs" / "3D_full"), language="DGS")
    embed_missing(database, encoder)
    return database


def scoring_target(database, encoder, gloss: str):
    """The pipeline's ScoringTarget for the sign ``gloss``: the gallery of ``encoder``'s embeddings, and the
    sign's reference clips."""
    from desktop_app.core.judging.practice import ScoringTarget
    from desktop_app.core.judging.scoring import Gallery

    sign = next(sign for sign in database.signs() if sign.gloss == gloss)
    gallery = Gallery.from_database(database, encoder.model_hash)
    references = {
        int(gallery.clip_ids[row]): database.clip_pose(int(gallery.clip_ids[row]))
        for row in gallery.sign_rows(sign.id)
    }
    return ScoringTarget(sign.id, sign.gloss, gallery, references)


def starter_app(folder: Path, settings=None):
    """An app context over a copy of the starter database in ``folder`` (the original is never opened), with
    the shipped model (the test is skipped without it), its settings ``settings`` (default: a new learner's)
    saved in ``folder``."""
    from desktop_app.core.app.context import AppContext
    from desktop_app.core.shared.settings import Settings
    from signcore.database import SignDatabase
    from signcore.encoder import Encoder
    from signcore.paths import assets_dir, models_dir

    if not (models_dir() / "encoder.onnx").exists():
        pytest.skip("needs the shipped encoder")
    copy = folder / "starter_signs.db"
    copy.write_bytes((assets_dir() / "default_signs.db").read_bytes())
    return AppContext(settings or Settings(), SignDatabase(copy), Encoder(), folder / "settings.json")


def hand_points() -> np.ndarray:
    """(N_POINTS,) bool: the points of both hands."""
    points = np.zeros(N_POINTS, bool)
    points[LEFT_HAND] = points[RIGHT_HAND] = True
    return points


def with_idle_frames(pose: PoseSequence, before: int, after: int) -> PoseSequence:
    """The clip as an untrimmed recording would hold it: ``before`` and ``after`` frames of the signer
    standing still with no hand in view (its first or last frame without the hands) around it, at its own
    frame interval. The tests' own, so the signcore tests need no trainer (``trainer evaluate --idle-frames``
    has its copy in trainer.augment)."""
    index = np.r_[np.zeros(before, int), np.arange(len(pose)), np.full(after, len(pose) - 1)]
    mask = pose.mask[index]
    mask[:before] &= ~hand_points()
    mask[len(index) - after :] &= ~hand_points()
    step = float(np.median(np.diff(pose.timestamps))) if len(pose) > 1 else 1 / 30
    sign_times = before * step + pose.timestamps
    times = np.r_[np.arange(before) * step, sign_times, sign_times[-1] + (1 + np.arange(after)) * step]
    return PoseSequence(pose.points[index], mask, times, pose.width, pose.height, dict(pose.meta))


def moving_clip(n_frames=20, seed=0):
    """A clip whose points drift frame by frame, everything detected, 640x480."""
    rng = np.random.default_rng(seed)
    base = rng.uniform(100, 400, size=(N_POINTS, 3))
    points = base[None] + np.arange(n_frames)[:, None, None] * 2.0
    return PoseSequence(points, np.ones((n_frames, N_POINTS), bool), np.arange(n_frames) / 30.0, 640, 480)


def assert_same_pose(actual: PoseSequence, expected: PoseSequence) -> None:
    """Equal to the last bit: points, mask, timestamps, frame size and meta."""
    np.testing.assert_array_equal(actual.points, expected.points)
    np.testing.assert_array_equal(actual.mask, expected.mask)
    np.testing.assert_array_equal(actual.timestamps, expected.timestamps)
    assert (actual.width, actual.height, actual.meta) == (expected.width, expected.height, expected.meta)


def random_clip(rng: np.random.Generator, frames: int = 23, body: bool = True) -> PoseSequence:
    """A clip of random points (hands found whole or not at all); ``body=False``: only the hands and nose."""
    points = rng.uniform(0, 600, (frames, N_POINTS, 3)).astype(np.float32)
    mask = rng.random((frames, N_POINTS)) > 0.3
    mask[:, LEFT_HAND] = rng.random((frames, 1)) > 0.4  # hands are found whole or not at all
    mask[:, RIGHT_HAND] = rng.random((frames, 1)) > 0.2
    if not body:
        mask[:, : LEFT_HAND.start] = False
        mask[:, NOSE] = True
    return PoseSequence(points, mask, np.cumsum(np.r_[0.0, rng.uniform(0.02, 0.05, frames - 1)]))


def frame_report(phase: Phase = Phase.WAITING, fps: float = 30.0):
    """A frame as the camera worker reports it to a live view, nobody in it: in the segmenter's ``phase``,
    tracked at ``fps`` frames a second."""
    from desktop_app.ui.pipeline import FrameReport

    return FrameReport(
        frame_bgr=np.zeros((480, 640, 3), np.uint8),
        frame_is_mirrored=False,
        mirror=True,
        display_size=None,
        points=np.zeros((N_POINTS, 3), np.float32),
        mask=np.zeros(N_POINTS, bool),
        fps=fps,
        problems=[],
        phase=phase,
        captured_at=0.0,
    )


def tracked_frame(index: int, hand_seen: bool = True, phase: Phase = Phase.WAITING, fps: float = 30.0):
    """Frame ``index`` of the synthetic signer (tests.desktop_app.core.test_session), the hand up or out of
    the picture, tracked and checked as the camera worker reports it to a live view (see frame_report)."""
    from dataclasses import replace

    from desktop_app.core.signing.session import check_tracking
    from tests.desktop_app.core.test_session import FPS, UP_Y, WIDTH, synthetic_frame

    frame = synthetic_frame(index / FPS, UP_Y if hand_seen else None)
    problems = check_tracking(frame.points, frame.mask, WIDTH, brightness=120)
    return replace(
        frame_report(phase, fps),
        points=frame.points,
        mask=frame.mask,
        problems=problems,
        captured_at=frame.timestamp_s,
    )


class CameraWorkerStandIn:
    """What a live camera view tells its camera worker (desktop_app.ui.pipeline.PipelineWorker), without a
    camera."""

    def __init__(self, turns=0):
        self.told: list[str] = []
        self.display_sizes: list[tuple[int, int]] = []
        self.turns = turns  # how the camera's picture is turned
        self.covered = False  # by a modal dialog

    def cancel_attempt(self):
        self.told.append("cancel")

    def start_attempt(self):
        self.told.append("start")

    def stop_attempt(self):
        self.told.append("stop")

    def start_countdown(self):
        self.told.append("countdown")

    def frame_shown(self, report):
        pass

    def set_target(self, target):
        self.told.append("target" if target is not None else "no target")
        self.target = target

    def set_auto_segmentation(self, enabled):
        self.told.append("auto on" if enabled else "auto off")

    def set_covered(self, covered):
        self.covered = covered

    def set_display_size(self, width, height):
        self.display_sizes.append((width, height))

    def set_mirror_display(self, mirror):
        self.told.append("mirror" if mirror else "no mirror")

    def set_turn(self, turns):
        self.turns = turns

    def stop(self):
        pass


CAMERA_LOST = "camera 0: the camera stopped sending pictures."


def camera_state_reaches(view, own_slot, problem: str) -> None:
    """The camera worker's ``camera_state`` as it reaches a live view: the slot every live view connects first
    (LiveCameraView's), then the view's ``own_slot``."""
    view._camera_lost_or_back(problem)
    own_slot(problem)


def camera_failure_reaches(view, own_slot, message: str) -> None:
    """The camera worker's ``failed`` as it reaches a live view: the slot every live view connects first
    (LiveCameraView's, a SigningView's there), then the view's ``own_slot``."""
    view._camera_failed_to_start(message)
    own_slot(message)


def looping_camera(frames: int):
    """The first ``frames`` frames of the signing video played as the camera, in a loop (about 60 frames a
    loop: the hand is up for about a third of each), read and tracked by the app's own capture path, as
    ``--camera tests/data/pose_format_test_video.mp4 --video-mirrored`` does: a list of FrameLandmarks, and
    the frame's (width, height)."""
    from desktop_app.core.signing.capture import VideoFileSource
    from signcore.extract import LandmarkExtractor

    source = VideoFileSource(SIGNING_VIDEO, selfie=True, realtime=False)
    source.open()
    tracked = []
    try:
        with LandmarkExtractor(mirrored=source.frames_are_mirrored) as extractor:
            for _ in range(frames):
                frame = source.read()
                tracked.append(extractor.process(frame.image, frame.timestamp_s))
    finally:
        source.close()
    height, width = frame.image.shape[:2]
    return tracked, (width, height)


class ClaimsSayingWhenFound(dict):
    """The gallery's clips being read (``Gallery._reading``), setting ``found`` when a thread finds a clip it
    asks for claimed by another: how a test sees that thread wait instead of reading it too."""

    def __init__(self, found: threading.Event):
        super().__init__()
        self._found = found

    def get(self, key, default=None):
        claimed = super().get(key, default)
        if claimed is not None:
            self._found.set()
        return claimed


def paints_every_pixel(widget) -> bool:
    """Whether ``widget``'s own painting (no background of its own or its parents') covers all of it: what a
    widget told it is opaque (WA_OpaquePaintEvent, so that Qt paints nothing under it) must do."""
    from PySide6.QtGui import QColor, QImage
    from PySide6.QtWidgets import QWidget

    picture = QImage(widget.size(), QImage.Format.Format_RGB32)
    marker = QColor(255, 0, 255)
    picture.fill(marker)
    widget.render(picture, renderFlags=QWidget.RenderFlag(0))
    pixels = np.frombuffer(picture.constBits(), np.uint32).reshape(picture.height(), -1)[:, : picture.width()]
    return not (pixels == marker.rgb()).any()


def wrapped_lines(text: str, font, width: int) -> list[str]:
    """``text`` as a word-wrapped label in ``font`` wraps it at ``width`` px, line by line."""
    from PySide6.QtGui import QTextLayout

    layout = QTextLayout(text, font)
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        lines.append(text[line.textStart() : line.textStart() + line.textLength()])
    layout.endLayout()
    return lines
