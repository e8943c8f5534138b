"""Faults during a session: the camera going away mid-attempt or sending odd frames, the disk filling up,
the process (or an extraction worker) killed while it writes, the model file replaced under the running app,
and what only long sessions reach. Nothing may crash; nothing committed may be lost or half-written.

``python -m tests.test_faults DB FIRST_SEED`` is the writer that the kill test starts and SIGKILLs (see
:func:`write_attempts_forever`). The app's modules are imported inside the tests, so that writer starts fast.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import deque
from dataclasses import dataclass, field

import numpy as np
import pytest

from signcore.layout import LEFT_HAND
from tests.db_writer_process import seeded_pose
from tests.support import (
    REPO,
    SIGNING_VIDEO,
    TEST_DATA,
    embedded_dgs_samples,
    kill_writer_mid_stream,
    scoring_target,
)

KILL_ROUNDS = 6
EXTRACTION_TIMEOUT_S = 300.0  # six one-frame videos, two workers starting MediaPipe
PIPELINE_TIMEOUT_MS = 120_000  # MediaPipe shares 2 cores with the rest of the suite


# -- the camera disappearing in the middle of an attempt ---------------------------------------------------


def _video_camera_unplugged_at(read_number: int, failed_reopens: int):
    """The signing video as a camera that is unplugged at its ``read_number``-th frame and only comes back
    after ``failed_reopens`` attempts to open it again."""
    from desktop_app.core.signing.capture import CameraLost, VideoFileSource

    class UnpluggedCamera(VideoFileSource):
        def __init__(self):
            super().__init__(SIGNING_VIDEO, selfie=True, realtime=False)
            self.reads, self.refused_opens, self.unplugged = 0, 0, False

        def open(self):
            if self.unplugged and self.refused_opens < failed_reopens:
                self.refused_opens += 1
                raise CameraLost(self.description, "no camera found")
            super().open()

        def read(self):
            self.reads += 1
            if self.reads == read_number:
                self.unplugged = True
                raise CameraLost(self.description, "the camera stopped sending pictures (unplugged?)")
            return super().read()

    return UnpluggedCamera()


@pytest.fixture
def practice_database(tmp_path):
    """A real database with the DGS sample clips embedded by the shipped encoder: (database, encoder)."""
    from signcore.encoder import Encoder

    encoder = Encoder()
    with embedded_dgs_samples(tmp_path / "signs.db", encoder) as database:
        yield database, encoder


@dataclass
class SpacePresses:
    """When the test presses Space for one attempt: as the signer's hands come into view (a frame with a
    hand, three frames after one without), and again ``frames`` frames later."""

    frames: int
    hands_seen: deque = field(default_factory=lambda: deque(maxlen=4))  # of the last four frames
    recorded: int | None = None  # frames since the first press


class PracticeRun:
    """The app's pipeline thread practising the DGS sign "hallo" (two reference clips) from ``source``,
    attempts started and stopped by key only (the test decides when), every signal recorded, and each scored
    attempt saved on this (the GUI) thread as the practice page does."""

    def __init__(self, qtbot, source, database, encoder):
        from PySide6.QtCore import Qt

        from desktop_app.ui.pipeline import PipelineWorker

        self.qtbot, self.database = qtbot, database
        target = scoring_target(database, encoder, "hallo")
        self.sign_id = target.sign_id
        self.worker = worker = PipelineWorker(source, encoder)
        worker.set_target(target)
        worker.set_auto_segmentation(False)
        self.events, self.states, self.outcomes, self.saved, self.frames, self.failures = (
            [],
            [],
            [],
            [],
            [],
            [],
        )
        worker.segment_event.connect(self.events.append)
        worker.camera_state.connect(self.states.append)
        worker.attempt_scored.connect(self._scored)
        worker.landmarks_ready.connect(lambda landmarks, width, height: self.frames.append(landmarks))
        # Space is pressed on the worker's own thread, at the very frame chosen: a direct connection runs
        # before the worker reads its commands for that frame. Pressed on this thread, it would come as late
        # as this thread sees the frames, and on a busy machine the hands may be gone by then.
        self._presses: SpacePresses | None = None
        self._frames_tracked = 0  # counted on the worker's thread
        self._press_at_frame: int | None = None
        worker.landmarks_ready.connect(self._press_space_on_cue, Qt.ConnectionType.DirectConnection)
        worker.frame_ready.connect(lambda _report: worker.frame_shown())
        worker.failed.connect(self.failures.append)

    def _scored(self, outcome) -> None:
        from desktop_app.core.judging.attempts import save_attempt
        from signcore.errors import InputError

        self.outcomes.append(outcome)
        try:
            self.saved.append(save_attempt(self.database, outcome))
        except InputError as error:
            self.states.append(f"This attempt could not be saved: {error}")

    def wait_until(self, condition) -> None:
        self.qtbot.waitUntil(lambda: bool(condition()), timeout=PIPELINE_TIMEOUT_MS)

    def press_space_at_frame(self, frame: int) -> None:
        """Space when the pipeline has tracked ``frame`` frames (call before the worker starts)."""
        self._press_at_frame = frame

    def _press_space_on_cue(self, landmarks, _width: int, _height: int) -> None:
        self._frames_tracked += 1
        if self._press_at_frame is not None and self._frames_tracked >= self._press_at_frame:
            self.worker.start_attempt()
            self._press_at_frame = None
        presses = self._presses
        if presses is None:
            return
        if presses.recorded is None:
            presses.hands_seen.append(bool(landmarks.mask[LEFT_HAND.start :].any()))
            if len(presses.hands_seen) == 4 and presses.hands_seen[-1] and not presses.hands_seen[0]:
                self.worker.start_attempt()
                presses.recorded = 0
            return
        presses.recorded += 1
        if presses.recorded == presses.frames:
            self.worker.stop_attempt()
            self._presses = None

    def attempt(self, frames: int = 20):
        """Space, ``frames`` frames of signing, Space: the scored outcome."""
        scored, events = len(self.outcomes), len(self.events)
        # Space as the signer's hands come into view, as a learner would (an attempt with the hands seen in
        # under half its frames is discarded, not scored).
        self._presses = SpacePresses(frames)
        self.wait_until(lambda: self._presses is None)
        self.wait_until(
            lambda: len(self.outcomes) > scored or any(e.kind == "discarded" for e in self.events[events:])
        )
        assert len(self.outcomes) > scored, self.events[-1].message
        assert any(e.kind == "started" for e in self.events[events:])
        outcome = self.outcomes[-1]
        assert outcome.score is not None and 0 <= outcome.score.score <= 100, outcome.message
        return outcome


@pytest.mark.slow
def test_camera_lost_mid_attempt_discards_it_then_recovers_and_saves_the_next(
    qtbot, monkeypatch, practice_database
):
    from desktop_app.core.judging.live_attempts import ATTEMPT_LOST_WITH_THE_CAMERA

    monkeypatch.setattr("desktop_app.ui.pipeline.REOPEN_INTERVAL_S", 0.05)
    database, encoder = practice_database
    run = PracticeRun(qtbot, _video_camera_unplugged_at(12, failed_reopens=2), database, encoder)
    run.press_space_at_frame(3)  # recording starts; the camera goes at read 12, mid-attempt
    run.worker.start()
    try:
        run.wait_until(lambda: any(e.kind == "discarded" for e in run.events))
        run.wait_until(lambda: len(run.states) >= 2 and run.states[-1] == "")
        assert [e.kind for e in run.events] == ["started", "discarded"]
        assert run.events[-1].message == ATTEMPT_LOST_WITH_THE_CAMERA
        assert run.states[0].startswith(ATTEMPT_LOST_WITH_THE_CAMERA)  # said with why, not instead of it
        assert "unplugged" in run.states[0]
        assert run.outcomes == [] and run.saved == [] and database.attempts() == []  # nothing half-saved

        run.attempt()  # back: a whole attempt goes through scoring into the database
        run.wait_until(lambda: len(run.saved) == 1)
    finally:
        run.worker.stop()
    assert run.failures == [] and not run.worker.isRunning()
    (attempt,) = database.attempts()
    assert attempt.id == run.saved[0] and attempt.sign_id == run.sign_id
    assert len(database.attempt_pose(attempt.id)) >= 20
    assert database.integrity_check() == "ok"


@pytest.mark.slow
def test_disk_full_mid_session_reports_the_unsaved_attempt_and_practice_goes_on(qtbot, practice_database):
    from desktop_app.core.signing.capture import VideoFileSource

    database, encoder = practice_database
    run = PracticeRun(qtbot, VideoFileSource(SIGNING_VIDEO, selfie=True, realtime=False), database, encoder)
    run.worker.start()
    try:
        run.attempt()
        run.wait_until(lambda: len(run.saved) == 1)
        first = database.attempts()
        # The disk fills up: the database file may not grow by a single page (on its own connection).
        pages = database._read("PRAGMA page_count")[0][0]
        database._read(f"PRAGMA max_page_count = {pages}")
        run.attempt()
        run.wait_until(lambda: any("could not be saved" in state for state in run.states))
        assert database.attempts() == first and len(run.saved) == 1
        database._read("PRAGMA max_page_count = 1073741823")  # space again
        run.attempt()
        run.wait_until(lambda: len(run.saved) == 2)
    finally:
        run.worker.stop()
    message = next(state for state in run.states if "could not be saved" in state)
    assert str(database.path) in message and "disk is full" in message
    assert run.failures == [] and len(run.outcomes) == 3
    assert database.attempts()[0] == first[0] and len(database.attempts()) == 2
    assert database.integrity_check() == "ok"


class GlitchyCapture:
    """Wraps an OpenCV capture; some reads give what odd drivers and virtual cameras deliver."""

    GLITCHES = {
        4: lambda image: image[..., 0].copy(),  # grey
        6: lambda image: np.dstack([image, image[..., :1]]),  # BGRA
        8: lambda image: image[:0],  # empty
        10: lambda image: image[:2, :2].copy(),  # a few pixels
        12: lambda image: image.astype(np.uint16),  # another pixel type
    }

    def __init__(self, capture):
        self.capture, self.reads = capture, 0

    def read(self):
        ok, image = self.capture.read()
        self.reads += 1
        glitch = self.GLITCHES.get(self.reads)
        return ok, (glitch(image) if ok and glitch else image)

    def __getattr__(self, name):
        return getattr(self.capture, name)


@pytest.mark.slow
def test_odd_frames_from_the_camera_never_stop_the_pipeline(qtbot, monkeypatch):
    from desktop_app.core.signing.capture import VideoFileSource
    from desktop_app.ui.pipeline import PipelineWorker

    monkeypatch.setattr("desktop_app.ui.pipeline.REOPEN_INTERVAL_S", 0.05)

    class GlitchyCamera(VideoFileSource):
        def open(self):
            super().open()
            self._capture = GlitchyCapture(self._capture)

    worker = PipelineWorker(GlitchyCamera(SIGNING_VIDEO, selfie=True, realtime=False))
    frames, states, failures = [], [], []
    worker.landmarks_ready.connect(lambda landmarks, width, height: frames.append((width, height)))
    worker.frame_ready.connect(lambda _report: worker.frame_shown())
    worker.camera_state.connect(states.append)
    worker.failed.connect(failures.append)
    worker.start()
    try:
        qtbot.waitUntil(lambda: len(frames) >= 30 or bool(failures), timeout=PIPELINE_TIMEOUT_MS)
    finally:
        worker.stop()
    assert failures == []
    assert set(frames) == {(540, 720)}  # only whole pictures reached the tracker (grey and BGRA converted)
    assert any("stopped sending" in state or "decoded" in state for state in states)  # the glitch was said


@pytest.mark.slow
def test_a_long_session_of_qt_calls_does_not_exhaust_none_or_true():
    """PySide6 6.12.0 drops a reference to None on every void call and to True on every emit (harmless from
    Python 3.12, fatal before): an hour of live view is millions of calls. The app must survive them."""
    code = (
        "import desktop_app\n"
        "from PySide6.QtCore import QObject, QPointF, Signal\n"
        "class Source(QObject):\n"
        "    changed = Signal(float)\n"
        "point, source = QPointF(), Source()\n"
        "for _ in range(300_000):\n"
        "    point.setX(1.0)\n"
        "    source.changed.emit(1.0)\n"
        "print('survived')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert result.returncode == 0 and "survived" in result.stdout, result.stderr[-2000:]


def test_a_lesson_long_clip_is_embedded_at_a_bounded_cost():
    """A 100-second recording imported as one clip: attention grows with the square of the frames (3,000
    frames took 0.8 GB, 20,000 would take ~35 GB), so the encoder sees it thinned to MAX_FRAMES frames."""
    from signcore.encoder import MAX_FRAMES, Encoder
    from signcore.layout import PoseSequence

    rng = np.random.default_rng(5)
    frames = 3000
    lesson = PoseSequence(
        rng.uniform(0, 480, (frames, 75, 3)), rng.random((frames, 75)) > 0.2, np.arange(frames) / 30, 640, 480
    )
    evenly_spread = np.linspace(0, frames - 1, MAX_FRAMES).round().astype(int)
    encoder = Encoder()
    np.testing.assert_allclose(encoder.embed(lesson), encoder.embed(lesson.frames(evenly_spread)), atol=1e-6)


def test_soak_verdict_catches_growing_memory_and_rising_frame_cost():
    from desktop_app.soak import Sample, verdict

    def session(rss, cost):  # ten one-minute samples
        return [Sample(60.0 * m, rss(m), 10.0, cost(m), 600 * m, m) for m in range(1, 11)]

    assert verdict(session(lambda m: 500.0, lambda m: 80.0), warmup_s=120)[0]
    assert verdict(session(lambda m: 500.0 + m % 2, lambda m: 80.0 + m % 3), warmup_s=120)[0]  # noise
    leaking, reasons = verdict(session(lambda m: 500.0 + 10 * m, lambda m: 80.0), warmup_s=120)
    assert not leaking and "memory" in reasons[0] and "FAIL" in reasons[0]
    slowing, reasons = verdict(session(lambda m: 500.0, lambda m: 80.0 + 8 * m), warmup_s=120)
    assert not slowing and "frame cost" in reasons[1] and "FAIL" in reasons[1]
    assert not verdict(session(lambda m: 500.0, lambda m: 80.0)[:3], warmup_s=120)[0]  # too short to judge


# -- the process killed while it saves recordings, attempts and review schedules ----------------------------
# tests/signcore/test_database_durability.py kills a process importing clips. This kills one doing what the
# practice page, the record dialog and a review session do: saving attempts (landmarks + details), kept
# recordings, and a "sign it" answer's review with the card's next due time and the session after it.


def write_attempts_forever(database_path: str, first_seed: int) -> None:
    """Save attempt after attempt, a kept recording every third one and a review of every one; print each
    seed only after its writes returned (committed): every printed line is a promise the database must
    keep."""
    from fsrs import Rating

    from desktop_app.core.learning.store import ExerciseKind, LearningStore
    from signcore.database import ClipOrigin, SignDatabase

    database = SignDatabase(database_path)
    sign_id = next((sign.id for sign in database.signs()), None) or database.add_sign("hallo", "DGS")
    store = LearningStore(database)
    store.introduce(sign_id, (ExerciseKind.PRODUCTION,))  # its card: reviews rate it (kept if there)
    print("ready", flush=True)
    seed = first_seed
    while True:
        pose = seeded_pose(seed)
        database.add_attempt(sign_id, seed % 101, pose, {"seed": seed, "feedback": "x" * (seed % 500)})
        if seed % 3 == 0:
            database.add_clip(sign_id, pose, ClipOrigin(source=f"recording-{seed}", licence="own recording"))
        store.review(
            sign_id, ExerciseKind.PRODUCTION, Rating(seed % 4 + 1), duration_ms=seed, score=seed % 101
        )
        print(seed, flush=True)
        seed += 1


def _run_writer_until_killed(database_path, first_seed: int, rng: random.Random) -> list[int]:
    return kill_writer_mid_stream(
        "tests.test_faults", [str(database_path), str(first_seed)], (0.05, 0.3), rng
    )


@pytest.mark.slow
def test_killed_while_saving_attempts_recordings_and_reviews_keeps_every_committed_one(tmp_path):
    from desktop_app.core.learning.store import LearningStore
    from signcore.database import SignDatabase

    rng = random.Random(99)
    path = tmp_path / "signs.db"
    promised: list[int] = []
    for round_number in range(KILL_ROUNDS):
        promised += _run_writer_until_killed(path, round_number * 100_000, rng)
        with SignDatabase(path) as database:
            assert database.integrity_check() == "ok"
            attempts = {a.details["seed"]: a for a in database.attempts()}
            clips = {clip.source: clip for clip in database.clips()}
            for seed in promised:
                attempt = attempts[seed]  # a KeyError here is a committed attempt lost
                assert attempt.score == seed % 101 and attempt.details["feedback"] == "x" * (seed % 500)
                assert database.attempt_pose(attempt.id).equals(seeded_pose(seed))
                if seed % 3 == 0:
                    clip = clips[f"recording-{seed}"]
                    assert database.clip_pose(clip.id).equals(seeded_pose(seed))
            store = LearningStore(database)
            reviews = {review.duration_ms: review for review in store.reviews()}
            for seed in promised:
                review = reviews[seed]  # a KeyError here is a committed review lost
                assert review.score == seed % 101 and int(review.rating) == seed % 4 + 1
            # The card is as the last review left it: its schedule and its review log written together.
            (card,) = store.cards().values()
            last = store.reviews()[-1]
            assert last.duration_ms >= promised[-1] and card.card.due.timestamp() == last.due.timestamp()
            # Whatever was written after the last promise is whole too: every stored row decodes.
            for attempt in attempts.values():
                database.attempt_pose(attempt.id)
            for clip in clips.values():
                database.clip_pose(clip.id)
    assert len(promised) > KILL_ROUNDS  # the kills landed while the writer was busy


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_extraction_worker_killed_is_reported_and_a_rerun_resumes(tmp_path):
    from signcore.formats.posefile import read_pose

    videos, out, pid_file = tmp_path / "videos", tmp_path / "poses", tmp_path / "held_worker.pid"
    (videos / "hallo").mkdir(parents=True)
    names = [f"hallo/clip{n}.mp4" for n in range(6)]
    for name in names:
        shutil.copyfile(TEST_DATA / "signing_one_frame.mp4", videos / name)
    outputs = {name: (out / name).with_suffix(".pose") for name in names}
    held = names[-1]  # handed out last: the other worker extracts every other video while this one is held
    finished_first = [outputs[name] for name in names if name != held]
    arguments = [str(videos), "--out", str(out), "--workers", "2"]
    extract = subprocess.Popen(
        [sys.executable, "-m", "tests.extract_with_a_held_worker", held, str(pid_file), *arguments],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: if the test fails, the workers go with it
    )
    try:
        # Killed at a known point, however slowly this process gets to run: the other videos are done and
        # the held worker has written its whole .pose to a temporary file, but not yet put it in place.
        deadline = time.monotonic() + EXTRACTION_TIMEOUT_S
        while not (pid_file.exists() and all(path.exists() for path in finished_first)):
            assert extract.poll() is None, extract.communicate()[1][-3000:]
            assert time.monotonic() < deadline, "the workers did not reach the point of the kill"
            time.sleep(0.05)
        os.kill(int(pid_file.read_text()), signal.SIGKILL)  # the OOM killer's way
        stdout, stderr = extract.communicate(timeout=EXTRACTION_TIMEOUT_S)
    finally:
        if extract.poll() is None:  # the test failed before the kill, or the command hangs
            os.killpg(extract.pid, signal.SIGKILL)
            extract.communicate()
    assert "Traceback" not in stderr, stderr[-3000:]
    assert [line for line in stderr.splitlines() if line.startswith("skipped")] == [
        f"skipped {held}: a worker process died before finishing it (out of memory?); "
        "run the command again to resume"
    ]
    assert "done: 5 extracted, 0 already there, 1 failed" in stdout, stdout
    assert extract.returncode == 0
    # Nothing half-written is taken for done: the held video has no .pose, only the killed worker's temporary
    # file (hidden and no .pose, so sign-folder readers pass it by; signcore.files removes it once stale).
    assert not outputs[held].exists()
    assert len(list(out.glob(f"hallo/.{outputs[held].name}.*.part"))) == 1
    finished = {path: path.stat().st_mtime_ns for path in finished_first}

    rerun = subprocess.run(
        [sys.executable, "-m", "trainer", "extract", *arguments],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=EXTRACTION_TIMEOUT_S,
    )
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert "done: 1 extracted, 5 already there, 0 failed" in rerun.stdout, rerun.stdout
    assert {path: path.stat().st_mtime_ns for path in finished_first} == finished  # not done again
    assert len(read_pose(outputs[held])) == 1  # whole: the one frame and the timestamps trailer after it


# -- the model file replaced while the app runs -------------------------------------------------------------


def test_model_replaced_while_running(tmp_path, monkeypatch):
    import onnxruntime

    from desktop_app.core.app import models_switch
    from signcore.encoder import Encoder, default_model_path
    from signcore.errors import ModelError

    path = tmp_path / "encoder.onnx"
    shutil.copyfile(default_model_path(), path)
    original = path.read_bytes()
    encoder = Encoder(path)
    pose = seeded_pose(7)
    before = encoder.embed(pose)

    # A new export copied over it: the running encoder keeps its loaded model and its hash.
    replacement = (REPO / "tests" / "bad_inputs" / "onnx" / "wrong_layout.onnx").read_bytes()
    path.write_bytes(replacement)
    np.testing.assert_array_equal(encoder.embed(pose), before)
    assert encoder.model_hash == hashlib.sha256(original).hexdigest()

    # A copy still in progress (half written) is refused by name, and the current encoder goes on.
    path.write_bytes(original[: len(original) // 2])
    with pytest.raises(ModelError) as caught:
        models_switch.load_encoder(path)
    assert str(path) in str(caught.value) and "not a usable ONNX model" in str(caught.value)
    np.testing.assert_array_equal(encoder.embed(pose), before)

    # Replaced between loading and hashing: the hash is still that of the model actually loaded.
    path.write_bytes(original)
    session_class = onnxruntime.InferenceSession

    def load_then_replace(*args, **kwargs):
        session = session_class(*args, **kwargs)
        path.write_bytes(replacement)
        return session

    monkeypatch.setattr(onnxruntime, "InferenceSession", load_then_replace)
    reloaded = Encoder(path)
    assert reloaded.model_hash == hashlib.sha256(original).hexdigest()
    np.testing.assert_array_equal(reloaded.embed(pose), before)


if __name__ == "__main__":
    write_attempts_forever(sys.argv[1], int(sys.argv[2]))
