"""The live pipeline, on its own thread: camera → MediaPipe → attempt segmentation → embedding → score.

:class:`PipelineWorker` is a QThread whose loop reads a frame, extracts landmarks, runs the tracking check
and the :class:`~desktop_app.core.session.AttemptSegmenter`, draws the skeleton on the frame, and reports
to the GUI by signals. When an attempt ends it is embedded once, scored against the in-memory gallery and
compared with the nearest reference clip, all on this thread, so the GUI only has to show the result; the
attempt is then saved to the database (still off the GUI thread: SQLite's durable commit waits for the disk).

The GUI talks to the worker only through its thread-safe methods (``toggle_attempt``, ``start_countdown``,
``cancel_attempt``, ``set_target``, ``set_mirror_display``, ``stop``). Frames are dropped for display, never
queued, when the GUI is still busy with the previous one: the picture stays live rather than lagging.

A camera that stops delivering frames is reported (``camera_state``) and re-opened every
``REOPEN_INTERVAL_S`` until it is back; an attempt in progress at that moment is dropped.
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import sys
import threading
import time
from dataclasses import dataclass

import cv2
import numpy as np
from PySide6.QtCore import QThread, Signal
from PySide6.QtGui import QImage

from desktop_app.core.capture import CameraLost, FrameSource
from desktop_app.core.feedback import Feedback, compare_with_reference
from desktop_app.core.practice import ScoringTarget
from desktop_app.core.scoring import AttemptScore, score_attempt
from desktop_app.core.session import AttemptSegmenter, Phase, SegmentEvent, check_tracking
from desktop_app.ui.skeleton import bgr_to_qimage, draw_skeleton
from signcore.errors import InputError
from signcore.layout import LEFT_HAND, POSE, RIGHT_HAND, PoseSequence

log = logging.getLogger(__name__)

REOPEN_INTERVAL_S = 1.0
_stopping: set[PipelineWorker] = set()  # workers that outlived stop()'s wait, kept alive until they end
FPS_SMOOTHING = 0.1  # weight of the newest frame interval in the displayed frame rate
SWITCH_INTERVAL_S = 0.001
PIPELINE_NICENESS = 5


@dataclass
class FrameReport:
    """One processed frame, ready to show."""

    image: QImage  # the frame as displayed (mirrored if asked), skeleton drawn
    fps: float
    problems: list[str]
    phase: Phase
    body: bool
    left_hand: bool
    right_hand: bool


@dataclass
class AttemptOutcome:
    pose: PoseSequence
    sign_id: int | None
    score: AttemptScore | None = None
    feedback: Feedback | None = None
    reference: PoseSequence | None = None
    message: str = ""  # why there is no score, when there is none
    ended_at: float = 0.0  # time.perf_counter() when the segmenter closed the attempt
    scored_at: float = 0.0  # time.perf_counter() when scoring and feedback were done


@dataclass
class StageTimes:
    """Seconds spent per stage (for the benchmark's "what limits the frame rate")."""

    frames: int = 0
    read: float = 0.0
    landmarks: float = 0.0
    display: float = 0.0

    def per_frame_ms(self) -> dict[str, float]:
        n = max(self.frames, 1)
        return {name: 1000 * getattr(self, name) / n for name in ("read", "landmarks", "display")}


class PipelineWorker(QThread):
    frame_ready = Signal(object)  # FrameReport (dropped while the GUI is busy)
    # EVERY frame's landmarks, with the frame's width and height (for recording and the self-test).
    landmarks_ready = Signal(object, int, int)
    segment_event = Signal(object)  # SegmentEvent other than "finished": started, discarded, countdown
    attempt_scored = Signal(object)  # AttemptOutcome
    attempt_saved = Signal(int, int)  # sign id, attempt id
    camera_state = Signal(str)  # "" = running; otherwise what is wrong (lost, reconnecting...)
    failed = Signal(str)  # could not start at all: the message for the learner

    def __init__(
        self, source: FrameSource, encoder=None, database=None, mirror_display: bool = True, parent=None
    ):
        super().__init__(parent)
        self.source = source
        self.encoder = encoder
        self.database = database  # attempts are saved when given
        self.segmenter = AttemptSegmenter()
        self.stage_times = StageTimes()
        self._mirror_display = mirror_display
        self._display_size: tuple[int, int] | None = None
        # Hand the GIL to the GUI thread more often than every 5 ms (Python's default): the pipeline runs
        # Python code between MediaPipe calls, and the GUI must never wait long for it (see the benchmark).
        sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL_S))
        self._target: ScoringTarget | None = None
        self._commands: queue.SimpleQueue[str] = queue.SimpleQueue()
        self._stop = threading.Event()
        self._display_free = threading.Event()
        self._display_free.set()

    # -- called from the GUI thread ---------------------------------------------------------------------
    def toggle_attempt(self) -> None:
        self._commands.put("toggle")

    def start_countdown(self) -> None:
        self._commands.put("countdown")

    def cancel_attempt(self) -> None:
        self._commands.put("cancel")

    def set_auto_segmentation(self, enabled: bool) -> None:
        self._commands.put("auto-on" if enabled else "auto-off")

    def set_target(self, target: ScoringTarget | None) -> None:
        self._target = target  # one reference assignment: atomic, read once per attempt by the worker

    def set_mirror_display(self, mirror: bool) -> None:
        self._mirror_display = mirror

    def set_display_size(self, width: int, height: int) -> None:
        """The size the picture is shown at (frames are shrunk to it on this thread)."""
        self._display_size = (max(width, 1), max(height, 1))

    def frame_shown(self) -> None:
        """The GUI has painted the last frame: the next one may be sent."""
        self._display_free.set()

    def request_stop(self) -> None:
        self._stop.set()

    def stop(self, timeout_ms: int = 10_000) -> None:
        """Ask the loop to end and wait for it (MediaPipe and the camera are released on the thread).

        A thread still busy after ``timeout_ms`` (a camera driver stuck in a read) is kept referenced until it
        ends: destroying a running QThread would abort the whole app."""
        self._stop.set()
        if not self.wait(timeout_ms):
            log.warning("the camera thread is still stopping; it will end in the background")
            _stopping.add(self)
            self.finished.connect(lambda: _stopping.discard(self))

    # -- the worker thread ------------------------------------------------------------------------------
    def run(self) -> None:
        _lower_this_threads_priority()
        # Imported on this thread, not at start-up: MediaPipe takes over a second to import.
        from signcore.extract import LandmarkExtractor

        try:
            self.source.open()
        except InputError as error:
            self.failed.emit(str(error))
            return
        try:
            with LandmarkExtractor(mirrored=self.source.frames_are_mirrored) as extractor:
                self._loop(extractor)
        except InputError as error:
            self.failed.emit(str(error))
        except Exception:  # a bug: keep the app alive and say something useful
            log.exception("the camera pipeline stopped")
            self.failed.emit("The camera pipeline stopped unexpectedly (see the log for details).")
        finally:
            self.source.close()

    def _loop(self, extractor) -> None:
        fps, last_time = 0.0, None
        while not self._stop.is_set():
            started = time.perf_counter()
            try:
                frame = self.source.read()
            except CameraLost as error:
                self._wait_for_camera(str(error))
                last_time = None
                continue
            read_done = time.perf_counter()
            landmarks = extractor.process(frame.image, frame.timestamp_s)
            landmarks_done = time.perf_counter()
            height, width = frame.image.shape[:2]
            self.landmarks_ready.emit(landmarks, width, height)
            self._run_commands()
            self.segmenter.width, self.segmenter.height = width, height
            event = self.segmenter.feed(landmarks)
            if event is not None:
                self._handle_event(event)
            if last_time is not None:
                interval = started - last_time
                fps = 1 / interval if fps == 0 else (1 - FPS_SMOOTHING) * fps + FPS_SMOOTHING / interval
            last_time = started
            self._send_frame(frame.image, landmarks.points, landmarks.mask, fps)
            self.stage_times.frames += 1
            self.stage_times.read += read_done - started
            self.stage_times.landmarks += landmarks_done - read_done
            self.stage_times.display += time.perf_counter() - landmarks_done

    def _run_commands(self) -> None:
        while not self._commands.empty():
            command = self._commands.get()
            if command == "toggle":
                self.segmenter.toggle_manual()
            elif command == "countdown":
                self.segmenter.start_countdown()
            elif command == "cancel":
                self.segmenter.cancel()
            else:
                self.segmenter.auto_enabled = command == "auto-on"

    def _send_frame(self, image_bgr: np.ndarray, points: np.ndarray, mask: np.ndarray, fps: float) -> None:
        if not self._display_free.is_set():
            return  # the GUI has not shown the previous frame yet: skip this one rather than queue it
        mirror = self._mirror_display
        # Landmarks are in the non-mirrored view; the image is flipped when what it shows differs from what
        # the learner wants to see (a selfie recording is already a mirror view).
        # Resized and drawn here, not on the GUI thread, which then only has to put the picture on screen.
        image = bgr_to_qimage(
            image_bgr, flip=mirror != self.source.frames_are_mirrored, fit=self._display_size
        )
        draw_skeleton(image, points * (image.width() / image_bgr.shape[1]), mask, mirror=mirror)
        small = cv2.resize(image_bgr, (0, 0), fx=0.125, fy=0.125, interpolation=cv2.INTER_AREA)
        brightness = float(cv2.cvtColor(small, cv2.COLOR_BGR2GRAY).mean())
        height, width = image_bgr.shape[:2]
        phase = self.segmenter.phase
        recording = phase is Phase.RECORDING
        problems = check_tracking(points, mask, width, height, brightness, expect_hands=recording)
        self._display_free.clear()
        self.frame_ready.emit(
            FrameReport(
                image,
                fps,
                problems,
                phase,
                bool(mask[POSE].any()),
                bool(mask[LEFT_HAND].any()),
                bool(mask[RIGHT_HAND].any()),
            )
        )

    def _handle_event(self, event: SegmentEvent) -> None:
        if event.kind != "finished":
            self.segment_event.emit(event)
            return
        outcome = self.score(event.pose, time.perf_counter())
        self.attempt_scored.emit(outcome)
        self._save(outcome)

    def score(self, pose: PoseSequence, ended_at: float) -> AttemptOutcome:
        """Embed the attempt once, score it and compare it with its nearest reference clip.

        Only an attempt embedded by the model that embedded the target's references is scored: distances
        between two models' embeddings mean nothing, so a mismatch gives a message instead of a score."""
        encoder, target = self.encoder, self._target  # each read once: the GUI thread may replace the target
        outcome = AttemptOutcome(pose, target.sign_id if target else None, ended_at=ended_at)
        if encoder is None:
            outcome.message = "No sign model is loaded, so attempts cannot be scored (see Settings → Model)."
        elif target is None:
            outcome.message = "Choose a sign to practise first."
        elif encoder.model_hash != target.gallery.model_hash:
            log.warning(
                "attempt not scored: embedded by model %s, references by model %s",
                encoder.model_hash[:16],
                target.gallery.model_hash[:16] or "(unknown)",
            )
            outcome.message = (
                f"This attempt was not scored: the references of {target.gloss!r} were prepared with another "
                f"sign model than the one in use ({encoder.path.name}). Choose the sign again."
            )
        else:
            try:
                embedding = encoder.embed(pose)
                outcome.score = score_attempt(target.gallery, target.sign_id, embedding, pose)
                outcome.reference = target.references[outcome.score.best_clip_id]
                outcome.feedback = compare_with_reference(pose, outcome.reference)
            except (InputError, ValueError, KeyError) as error:
                outcome.message = f"This attempt could not be scored: {error}"
        outcome.scored_at = time.perf_counter()
        return outcome

    def _save(self, outcome: AttemptOutcome) -> None:
        if self.database is None or outcome.score is None:
            return
        details = outcome.score.to_json()
        if outcome.feedback is not None:
            details["feedback"] = outcome.feedback.to_json()
        try:
            attempt_id = self.database.add_attempt(
                outcome.score.sign_id, min(max(outcome.score.score, 0.0), 100.0), outcome.pose, details
            )
        except InputError as error:
            self.camera_state.emit(f"This attempt could not be saved: {error}")
            return
        self.attempt_saved.emit(outcome.score.sign_id, attempt_id)

    def _wait_for_camera(self, problem: str) -> None:
        """Report the loss, drop any attempt in progress, and re-open the source until it works again."""
        if self.segmenter.phase is not Phase.WAITING:
            self.segmenter.drop()
            self.segment_event.emit(
                SegmentEvent("discarded", message="The camera was lost during the attempt.")
            )
        self.source.close()
        self.camera_state.emit(f"{problem}. Waiting for it to come back…")
        while not self._stop.wait(REOPEN_INTERVAL_S):
            try:
                self.source.open()
            except InputError:
                continue
            self.camera_state.emit("")
            return


def _lower_this_threads_priority() -> None:
    """Give the pipeline thread (and the threads MediaPipe starts from it, which inherit it) a lower CPU
    priority than the GUI thread, so that on a busy machine the window stays responsive and the frame rate
    gives way instead. Linux keeps a nice value per thread; elsewhere this does nothing."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError):
            thread = threading.get_native_id()
            os.setpriority(
                os.PRIO_PROCESS, thread, os.getpriority(os.PRIO_PROCESS, thread) + PIPELINE_NICENESS
            )
