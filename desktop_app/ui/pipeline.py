"""The live pipeline: camera → MediaPipe → attempt segmentation → embedding → score, on four or five threads.

:class:`PipelineWorker` is a QThread fed by a reading thread and one or two tracking threads
(:data:`~desktop_app.core.signing.handover.TRACKING_GRAPHS`: two from four cores up). The reading thread takes
the camera's frames as they come; each tracking thread runs its own MediaPipe graph and takes the newest frame
whenever it is free, so two graphs track alternate frames at once (one graph keeps about 1.4 cores busy and
reaches 27-28 frames/s on a two-core machine when idle; two reach 42 there: see
:class:`~signcore.extract.BodyAcrossGraphs` for what that costs and how the seam is mended). Their results
come back in the frames' order (:class:`~desktop_app.core.signing.handover.TrackingOrder`), and the worker
thread runs the tracking check and the :class:`~desktop_app.core.signing.session.AttemptSegmenter` on each,
and hands the frame and its own landmarks to the GUI (``frame_ready``), which draws them
(:meth:`FrameReport.picture`, the skeleton over the frame) while the graphs track the next ones. When an
attempt ends it is embedded, scored against the in-memory gallery and compared with the nearest reference
clip on a scoring thread that, unlike the tracking threads, keeps the normal CPU priority, so the score
comes at once even on a busy machine; the GUI shows it and saves the attempt
(:class:`~desktop_app.core.judging.attempts.AttemptsToSave`).

The GUI talks to the worker only through its thread-safe methods (``start_attempt``, ``stop_attempt``,
``start_countdown``, ``cancel_attempt``, ``set_target``, ``set_mirror_display``, ``set_turn``,
``set_display_size``, ``frame_shown``, ``stop``). Frames are dropped for display, never queued, when the
GUI is still busy with the previous one, and a camera's frame not yet taken by the tracker is replaced by a
newer one: the picture stays live rather than lagging. A video file used as the camera loses no frame (every
frame is tracked). The reading thread turns each frame as the camera's turn says (a camera mounted on its
side) before anything else sees it.

A camera that stops delivering frames is reported (``camera_state``) and re-opened every
``REOPEN_INTERVAL_S`` until it is back; an attempt in progress at that moment is dropped, and the report
says so.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import logging
import queue
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QThread, Signal
from PySide6.QtGui import QImage

from desktop_app.core.judging.attempts import AttemptOutcome, StageTimes, score_pose
from desktop_app.core.judging.live_attempts import ATTEMPT_LOST_WITH_THE_CAMERA, ATTEMPT_STOPPED_BY_A_WINDOW
from desktop_app.core.judging.practice import ScoringTarget
from desktop_app.core.shared.jobs import lower_this_threads_priority
from desktop_app.core.signing import handover
from desktop_app.core.signing.capture import CameraLost, CapturedFrame, FrameSource, turned_picture
from desktop_app.core.signing.handover import CameraProblem, FrameSlot, TrackingOrder
from desktop_app.core.signing.session import AttemptSegmenter, Phase, SegmentEvent, check_tracking
from desktop_app.ui.skeleton.camera_frame import bgr_to_qimage, draw_skeleton
from signcore.errors import InputError
from signcore.layout import PoseSequence
from signcore.native_memory import limit_heap_arenas

if TYPE_CHECKING:  # signcore.extract imports MediaPipe, which takes over a second: the thread imports it
    from signcore.extract import BodyAcrossGraphs, FrameLandmarks

log = logging.getLogger(__name__)

REOPEN_INTERVAL_S = 1.0
_stopping: set[PipelineWorker] = set()  # workers that outlived stop()'s wait, kept alive until they end
FPS_SMOOTHING = 0.1  # weight of the newest frame interval in the displayed frame rate
SWITCH_INTERVAL_S = 0.001
PIPELINE_NICENESS = 5
READER_JOIN_S = 5.0
BRIGHTNESS_STEP = 8  # every 8th pixel in each direction is enough to judge how dark the picture is
GREY_WEIGHTS = np.array([0.114, 0.587, 0.299], np.float32)  # B, G, R as in OpenCV's grey conversion
LATENCY_SAMPLES = 10_000  # frame-to-screen times kept (the benchmark reads them)
TAKE_TIMEOUT_S = 0.1  # how often a waiting thread looks whether the pipeline is stopping
PICTURE_TURNED = "The camera's picture was turned during the attempt: start it again."


@dataclass
class Tracked:
    """One frame as a tracking thread hands it on."""

    frame: CapturedFrame
    read_at: float  # time.perf_counter() when it was read from the camera (a late frame: when it was due)
    landmarks: FrameLandmarks
    tracking_s: float  # MediaPipe's time on it


@dataclass
class FrameReport:
    """One tracked frame and its landmarks, handed to the GUI, which draws it (:meth:`picture`)."""

    frame_bgr: np.ndarray  # as captured
    frame_is_mirrored: bool  # the frame itself is a mirror view (a selfie recording)
    mirror: bool  # show the mirror view
    display_size: tuple[int, int] | None  # (width, height) to fit the picture into
    points: np.ndarray  # (75, 3) pixels of the frame, non-mirrored view
    mask: np.ndarray  # (75,)
    fps: float
    problems: list[str]
    phase: Phase
    captured_at: float  # time.perf_counter() when the frame was read from the camera

    def picture(self, tracking: bool = True) -> QImage:
        """The frame as shown: fitted to the display size, mirrored if asked, the skeleton drawn
        (``tracking``; not on the last frame of a camera lost, greyed: it looked tracked live)."""
        # Landmarks are in the non-mirrored view; the frame is flipped when what it shows differs from what
        # the learner wants to see (a selfie recording is already a mirror view).
        image = bgr_to_qimage(
            self.frame_bgr, flip=self.mirror != self.frame_is_mirrored, fit=self.display_size
        )
        if tracking:
            scale = image.width() / self.frame_bgr.shape[1]
            draw_skeleton(image, self.points * scale, self.mask, self.mirror)
        return image


class PipelineWorker(QThread):
    frame_ready = Signal(object)  # FrameReport (dropped while the GUI is busy)
    # EVERY frame's landmarks, with the frame's width and height (for recording and the self-test).
    landmarks_ready = Signal(object, int, int)
    segment_event = Signal(object)  # SegmentEvent: started, finished (also scored), discarded, countdown
    attempt_scored = Signal(object)  # AttemptOutcome (the GUI saves it: core.judging.attempts.AttemptsToSave)
    camera_state = Signal(str)  # "" = running; otherwise what is wrong (lost, reconnecting...)
    failed = Signal(str)  # could not start at all: the message for the learner

    def __init__(
        self,
        source: FrameSource,
        encoder=None,
        mirror_display: bool = True,
        parent=None,
        graphs: int | None = None,
        turns: int = 0,
    ):
        super().__init__(parent)
        self.source = source
        self._turns = turns  # clockwise quarter turns of the source's own picture (a camera on its side)
        self.encoder = encoder
        self.graphs = handover.TRACKING_GRAPHS if graphs is None else max(graphs, 1)
        self.segmenter = AttemptSegmenter()
        self.stage_times = StageTimes()
        # Seconds from a frame's capture to its picture handed to the screen, for every frame shown.
        self.display_latencies: collections.deque[float] = collections.deque(maxlen=LATENCY_SAMPLES)
        self.display_times: collections.deque[float] = collections.deque(maxlen=LATENCY_SAMPLES)  # when shown
        self._mirror_display = mirror_display
        self._display_size: tuple[int, int] | None = None
        # Hand the GIL to the GUI thread more often than every 5 ms (Python's default): the pipeline runs
        # Python code between MediaPipe calls, and the GUI must never wait long for it (see the benchmark).
        sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL_S))
        limit_heap_arenas()  # before this pipeline's threads start (see signcore.native_memory)
        self._target: ScoringTarget | None = None
        self._attempt_target: ScoringTarget | None = None  # the target when the attempt under way started
        # The learner's commands, each one of the segmenter's own, run on the worker's thread: the segmenter
        # is that thread's alone
        self._commands: queue.SimpleQueue[Callable[[AttemptSegmenter], None]] = queue.SimpleQueue()
        self._hands_up_starts = True  # as the segmenter starts
        self._covered = False  # a dialog covers the view
        self._attempts: queue.SimpleQueue[tuple[PoseSequence, float, ScoringTarget | None] | None] = (
            queue.SimpleQueue()
        )
        self._stop = threading.Event()
        self._display_free = threading.Event()
        self._display_free.set()
        self._slot = FrameSlot(latest_wins=getattr(source, "is_live", True))
        self._order: TrackingOrder[Tracked | CameraProblem | Exception] = TrackingOrder()

    # -- called from the GUI thread ---------------------------------------------------------------------
    def start_attempt(self) -> None:
        self._commands.put(AttemptSegmenter.start_manual)

    def stop_attempt(self) -> None:
        self._commands.put(AttemptSegmenter.stop)

    def start_countdown(self) -> None:
        self._commands.put(AttemptSegmenter.start_countdown)

    def cancel_attempt(self) -> None:
        self._commands.put(AttemptSegmenter.cancel)

    def set_auto_segmentation(self, enabled: bool) -> None:
        """Whether raised hands start an attempt (the view's wish: :meth:`set_covered` may hold it back)."""
        self._hands_up_starts = enabled
        self._tell_hands_up()

    def set_covered(self, covered: bool) -> None:
        """Whether a dialog covers the view (:meth:`LiveCameraView.follow_dialogs`): meanwhile raised hands
        start no attempt, one the learner would not see (behind Settings), and one under way as it
        opened stops unscored, said so (:data:`ATTEMPT_STOPPED_BY_A_WINDOW`): it went on under the dialog,
        unseen, and was scored."""
        if covered != self._covered:
            self._covered = covered
            self._tell_hands_up()
            if covered:
                self._commands.put(self._stop_covered_attempt)

    def _stop_covered_attempt(self, _segmenter: AttemptSegmenter) -> None:
        """A command, run on the camera's thread: see set_covered."""
        self._drop_attempt(ATTEMPT_STOPPED_BY_A_WINDOW)

    def _tell_hands_up(self) -> None:
        enabled = self._hands_up_starts and not self._covered

        def turn(segmenter: AttemptSegmenter) -> None:
            segmenter.auto_enabled = enabled

        self._commands.put(turn)

    def set_target(self, target: ScoringTarget | None) -> None:
        self._target = target  # one reference assignment: atomic, read once per attempt by the worker

    def set_mirror_display(self, mirror: bool) -> None:
        self._mirror_display = mirror

    @property
    def turns(self) -> int:
        """The clockwise quarter turns the next frames are given."""
        return self._turns

    def set_turn(self, turns: int) -> None:
        """Turn the camera's picture ``turns`` clockwise quarter turns from its next frame on."""
        self._turns = turns  # one assignment: atomic, read once per frame by the reading thread

    def set_display_size(self, width: int, height: int) -> None:
        """The size the picture is shown at (passed on with each frame)."""
        self._display_size = (max(width, 1), max(height, 1))

    def frame_shown(self, report: FrameReport | None = None) -> None:
        """The GUI has put the last frame on screen: the next one may be sent. Given the report, its
        frame-to-screen time is recorded."""
        if report is not None:
            now = time.perf_counter()
            self.display_latencies.append(now - report.captured_at)
            self.display_times.append(now)
        self._display_free.set()

    def request_stop(self) -> None:
        self._stop.set()

    def stop(self, timeout_ms: int = 10_000) -> None:
        """Ask the loop to end and wait for it (MediaPipe and the camera are released on the thread).

        A thread still busy after ``timeout_ms`` (a camera driver stuck in a read) is kept referenced until it
        ends: destroying a running QThread would abort the whole app. If the app quits before it ends, the
        process ends without Python's teardown
        (:func:`desktop_app.__main__.end_at_once_if_a_camera_thread_is_stuck`)."""
        self._stop.set()
        if not self.wait(timeout_ms):
            log.warning("the camera thread is still stopping; it will end in the background")
            _stopping.add(self)
            self.finished.connect(lambda: _stopping.discard(self))

    # -- the worker thread ------------------------------------------------------------------------------
    def run(self) -> None:
        # Started before this thread lowers its priority, which threads started later from it inherit.
        scorer = threading.Thread(target=self._score_attempts, name="scoring", daemon=True)
        scorer.start()
        # The window stays responsive on a busy machine and the frame rate gives way instead.
        lower_this_threads_priority(PIPELINE_NICENESS)
        try:
            self._track()
        finally:
            self._attempts.put(None)
            scorer.join()

    def _track(self) -> None:
        # Imported on this thread, not at start-up: MediaPipe takes over a second to import.
        from signcore.extract import BodyAcrossGraphs, LandmarkExtractor

        try:
            self.source.open()
        except InputError as error:
            self.failed.emit(str(error))
            return
        reader = threading.Thread(target=self._read_frames, name="camera", daemon=True)
        try:
            with contextlib.ExitStack() as graphs:
                extractors = [
                    graphs.enter_context(LandmarkExtractor(mirrored=self.source.frames_are_mirrored))
                    for _ in range(self.graphs)
                ]
                reader.start()
                self._run_trackers(extractors, BodyAcrossGraphs())
        except InputError as error:
            self.failed.emit(str(error))
        except Exception:  # a bug: keep the app alive and say something useful
            log.exception("the camera pipeline stopped")
            self.failed.emit("The camera pipeline stopped unexpectedly (see the log for details).")
        finally:
            self._stop.set()
            if reader.is_alive():
                reader.join(READER_JOIN_S)
            if not reader.is_alive():  # else a driver stuck in a read still uses it
                self.source.close()

    def _read_frames(self) -> None:
        """The reading thread: frames into the slot (a camera's all the time, a video file's when the
        tracker is ready for the next); a lost camera re-opened."""
        while not self._stop.is_set():
            if not self._slot.latest_wins:
                self._slot.wait_until_wanted(self._stop)
                if self._stop.is_set():
                    return
            started = time.perf_counter()
            try:
                frame = self.source.read()
            except CameraLost as error:
                # Why only: the waiting is said over its last picture, greyed (live_camera.CAMERA_AWAITED);
                # said here too, it was said twice, in the heading and over the picture
                self._slot.put(CameraProblem(f"{error}."), self._stop)
                if self._reopen():
                    self._slot.put(CameraProblem(""), self._stop)
                continue
            # THE one place a frame is turned: everything after it (tracking, every live view, recordings)
            # sees the picture upright and agrees. Tagged with its turn: frames of the turn before are still
            # on their way when it changes, and the worker loop tells the change by them, in frame order.
            turns = self._turns
            frame = dataclasses.replace(frame, image=turned_picture(frame.image, turns), turns=turns)
            read_at = time.perf_counter()
            self.stage_times.read += read_at - started
            self._slot.put((frame, read_at - frame.late_s), self._stop)

    def _reopen(self) -> bool:
        """Close the source and re-open it every REOPEN_INTERVAL_S; False when stopped first."""
        self.source.close()
        while not self._stop.wait(REOPEN_INTERVAL_S):
            try:
                self.source.open()
            except InputError:
                continue
            return True
        return False

    def _run_trackers(self, extractors: list, body: BodyAcrossGraphs) -> None:
        """A tracking thread per graph while this thread hands their results on; all joined before the
        graphs are closed."""
        trackers = [
            threading.Thread(target=self._track_frames, args=(extractor,), name=f"tracking {n}", daemon=True)
            for n, extractor in enumerate(extractors)
        ]
        for tracker in trackers:
            tracker.start()
        try:
            self._loop(body)
        finally:
            self._stop.set()
            for tracker in trackers:
                tracker.join()

    def _track_frames(self, extractor) -> None:
        """A tracking thread: the slot's frames through its own graph, whenever it is free; the results
        (and camera problems) handed back in the frames' order."""
        while not self._stop.is_set():
            taken = self._order.take(self._slot, TAKE_TIMEOUT_S)
            if taken is None:
                continue
            number, item = taken
            if isinstance(item, CameraProblem):
                self._order.put(number, item)
                continue
            frame, read_at = item
            started = time.perf_counter()
            try:
                landmarks = extractor.process(frame.image, frame.timestamp_s)
            except Exception as error:  # handed on: the worker thread reports it and stops the pipeline
                self._order.put(number, error)
                return
            self._order.put(number, Tracked(frame, read_at, landmarks, time.perf_counter() - started))

    def _loop(self, body: BodyAcrossGraphs) -> None:
        fps, last_time = 0.0, None
        turns = self._turns  # of the frames handed on last
        while not self._stop.is_set():
            result = self._order.next(TAKE_TIMEOUT_S)
            if result is None:
                continue
            if isinstance(result, Exception):
                raise result
            if isinstance(result, CameraProblem):
                self._camera_problem(result.message)
                body.reset()
                last_time = None
                continue
            started = time.perf_counter()
            frame, read_at = result.frame, result.read_at
            if frame.turns != turns:
                turns = frame.turns
                self._picture_turned()
                body.reset()  # the body the graphs share was followed in the picture turned otherwise
            landmarks = body.join(result.landmarks) if self.graphs > 1 else result.landmarks
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
            self._send_frame(frame.image, landmarks.points, landmarks.mask, fps, read_at)
            self.stage_times.frames += 1
            self.stage_times.landmarks += result.tracking_s
            self.stage_times.handover += time.perf_counter() - started

    def _run_commands(self) -> None:
        while not self._commands.empty():
            self._commands.get()(self.segmenter)

    def _send_frame(
        self, image_bgr: np.ndarray, points: np.ndarray, mask: np.ndarray, fps: float, read_at: float
    ) -> None:
        if not self._display_free.is_set():
            return  # the GUI has not shown the previous frame yet: skip this one rather than queue it
        brightness = float((image_bgr[::BRIGHTNESS_STEP, ::BRIGHTNESS_STEP] @ GREY_WEIGHTS).mean())
        phase = self.segmenter.phase
        problems = check_tracking(points, mask, image_bgr.shape[1], brightness)
        self._display_free.clear()
        self.frame_ready.emit(
            FrameReport(
                image_bgr,
                self.source.frames_are_mirrored,
                self._mirror_display,
                self._display_size,
                points,
                mask,
                fps,
                problems,
                phase,
                read_at,
            )
        )

    def _handle_event(self, event: SegmentEvent) -> None:
        if event.kind == "started":
            # Scored against the sign it was started for: read later (when it ends, or when the scoring thread
            # gets to it), the target may already be the next sign's, chosen meanwhile.
            self._attempt_target = self._target
        if event.kind == "finished" and event.pose is not None:
            self._attempts.put((event.pose, time.perf_counter(), self._attempt_target))
        self.segment_event.emit(event)  # "finished" too: the view says why an attempt ended by itself

    def _score_attempts(self) -> None:
        """The scoring thread: each finished attempt scored and announced, until None arrives."""
        while (attempt := self._attempts.get()) is not None:
            try:
                outcome = self.score(*attempt)
            except Exception:  # a bug: the learner still hears of the attempt, and later ones are scored
                log.exception("scoring an attempt failed")
                pose, target = attempt[0], attempt[2]
                outcome = AttemptOutcome.against(pose, target, message="This attempt could not be scored.")
            self.attempt_scored.emit(outcome)

    def score(self, pose: PoseSequence, ended_at: float, target: ScoringTarget | None) -> AttemptOutcome:
        """An attempt scored against ``target``, the one of its start (see :func:`score_pose`)."""
        return score_pose(self.encoder, target, pose, ended_at)

    def _drop_attempt(self, why: str) -> bool:
        """Drop the attempt under way now, unscored, with a Start or Stop still waiting for a frame; one
        that was under way is said thrown out, ``why``. Whether one was."""
        under_way = self.segmenter.phase is not Phase.WAITING
        self.segmenter.drop()
        if under_way:
            self.segment_event.emit(SegmentEvent("discarded", message=why))
        return under_way

    def _picture_turned(self) -> None:
        """The first frame of another turn: an attempt under way, its frames turned the other way, is
        dropped (one attempt never holds pictures of two turns), and the frames kept for the next."""
        self._drop_attempt(PICTURE_TURNED)

    def _camera_problem(self, message: str) -> None:
        """Report a lost camera, or "" when it is back. An attempt in progress is dropped, with any Start or
        Stop pressed before the loss was shown (kept, a Start began an attempt when the camera came back),
        and the loss says it was lost: the camera's problem alone took the place of the attempt without a
        word of it."""
        if message:
            self._run_commands()  # into the segmenter, which drops those still waiting for a frame
            if self._drop_attempt(ATTEMPT_LOST_WITH_THE_CAMERA):
                message = f"{ATTEMPT_LOST_WITH_THE_CAMERA} {message}"
        self.camera_state.emit(message)


def camera_thread_still_stopping() -> bool:
    """Whether a camera thread outlived :meth:`PipelineWorker.stop`'s wait and still runs: Python's teardown
    would destroy it running, which aborts the process."""
    return any(worker.isRunning() for worker in _stopping)
