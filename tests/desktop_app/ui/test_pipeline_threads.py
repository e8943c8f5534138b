"""The live pipeline's threads (no MediaPipe: a stand-in extractor numbers the frames): the frame handover
from the reading thread, every frame of a video tracked in order by two graphs taking turns, a camera's stale
frame replaced, the picture drawn by the view, and attempts scored on a thread that keeps the normal CPU
priority."""

from __future__ import annotations

import collections
import dataclasses
import os
import sys
import threading
import time
from types import SimpleNamespace

import numpy as np
import pytest
from PySide6.QtGui import QColor

from desktop_app.core.signing.capture import CameraLost, CapturedFrame, FrameSource
from desktop_app.core.signing.handover import CameraProblem, FrameSlot
from desktop_app.core.signing.session import Phase
from desktop_app.ui import pipeline
from desktop_app.ui.pipeline import FrameReport, PipelineWorker
from signcore.extract import FrameLandmarks
from signcore.layout import LEFT_HAND, N_POINTS, POSE, RIGHT_HAND

TIMEOUT_MS = 30_000


def numbered_frame(number: int) -> CapturedFrame:
    image = np.zeros((48, 64, 3), np.uint8)
    image[0, 0, 0] = number % 256
    return CapturedFrame(image, number / 30)


class NumberedVideo(FrameSource):
    """``count`` frames, then the end (a video file that does not loop)."""

    is_live = False
    description = "numbered frames"

    def __init__(self, count: int, lost_at: int | None = None):
        self.count, self.lost_at, self.read_count, self.opens = count, lost_at, 0, 0

    def open(self) -> None:
        self.opens += 1

    def read(self) -> CapturedFrame:
        self.read_count += 1
        if self.read_count == self.lost_at:
            raise CameraLost(self.description, "unplugged")
        if self.read_count > self.count:
            time.sleep(0.01)
            raise CameraLost(self.description, "no more frames")
        return numbered_frame(self.read_count)

    def close(self) -> None:
        pass


class StandInExtractor:
    """Records which frames it was given; every frame has a body and both hands."""

    def __init__(self, mirrored: bool = False):
        self.seen: list[int] = []

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        pass

    def process(self, frame_bgr, timestamp_s, source_size=None) -> FrameLandmarks:
        self.seen.append(int(frame_bgr[0, 0, 0]))
        points = np.full((N_POINTS, 3), 10.0, np.float32)
        return FrameLandmarks(points, np.ones(N_POINTS, bool), timestamp_s)


@pytest.fixture
def stand_in_extractor(monkeypatch):
    monkeypatch.setattr("signcore.extract.LandmarkExtractor", StandInExtractor)


def test_the_slot_hands_a_camera_the_newest_frame_and_a_video_every_frame():
    stop = threading.Event()
    camera = FrameSlot(latest_wins=True)
    camera.put((numbered_frame(1), 0.0), stop)
    camera.put((numbered_frame(2), 0.0), stop)  # the tracker was busy: frame 1 is stale now
    frame, _ = camera.take(timeout=0.1)
    assert frame.image[0, 0, 0] == 2 and camera.replaced == 1
    assert camera.take(timeout=0.01) is None

    camera.put(CameraProblem("lost"), stop)  # a camera problem is never overwritten by a frame
    handed = threading.Thread(target=camera.put, args=((numbered_frame(3), 0.0), stop))
    handed.start()
    assert camera.take(timeout=1.0) == CameraProblem("lost")
    handed.join(timeout=5)
    assert camera.take(timeout=1.0)[0].image[0, 0, 0] == 3

    video = FrameSlot(latest_wins=False)
    taken = []
    reader = threading.Thread(
        target=lambda: [video.put((numbered_frame(n), 0.0), stop) for n in range(1, 21)]
    )
    reader.start()
    while len(taken) < 20:
        item = video.take(timeout=5.0)
        assert item is not None
        taken.append(int(item[0].image[0, 0, 0]))
    reader.join(timeout=5)
    assert taken == list(range(1, 21)) and video.replaced == 0

    video.put((numbered_frame(1), 0.0), stop)
    stop.set()
    video.put((numbered_frame(2), 0.0), stop)  # full and stopping: returns instead of waiting for ever
    assert video.take(timeout=0.1)[0].image[0, 0, 0] == 1


def test_every_video_frame_is_tracked_in_order_and_shown_frames_report_their_latency(
    qtbot, stand_in_extractor
):
    source = NumberedVideo(count=40)
    worker = PipelineWorker(source, mirror_display=True)
    tracked, reports = [], []
    worker.landmarks_ready.connect(lambda landmarks, width, height: tracked.append(landmarks.timestamp_s))

    def show(report: FrameReport) -> None:
        reports.append(report)
        worker.frame_shown(report)

    worker.frame_ready.connect(show)
    worker.start()
    try:
        qtbot.waitUntil(lambda: len(tracked) >= 40, timeout=TIMEOUT_MS)
    finally:
        worker.stop()
    assert np.allclose(tracked[:40], np.arange(1, 41) / 30)  # no frame lost or reordered
    assert reports and len(worker.display_latencies) == len(reports)
    assert all(0 <= latency < 10 for latency in worker.display_latencies)
    report = reports[0]
    assert all(report.mask[part].any() for part in (POSE, LEFT_HAND, RIGHT_HAND))  # its own landmarks
    assert report.phase is Phase.WAITING
    assert worker.stage_times.frames >= 40 and set(worker.stage_times.per_frame_ms()) == {
        "read",
        "landmarks",
        "handover",
    }


class LateVideo(NumberedVideo):
    """Every frame read five seconds after it was due (a paced video file behind a slow tracker)."""

    def read(self) -> CapturedFrame:
        return dataclasses.replace(super().read(), late_s=5.0)


def test_a_late_frames_time_to_the_screen_counts_from_when_it_was_due(qtbot, stand_in_extractor):
    worker = PipelineWorker(LateVideo(count=40), mirror_display=True)
    worker.frame_ready.connect(worker.frame_shown)
    worker.start()
    try:
        qtbot.waitUntil(lambda: len(worker.display_latencies) >= 3, timeout=TIMEOUT_MS)
    finally:
        worker.stop()
    # as a camera's frame, which would have waited that long for the tracker
    assert all(5.0 <= latency < 15 for latency in worker.display_latencies)


def test_a_lost_camera_is_reported_by_the_reading_thread_and_reopened(qtbot, monkeypatch, stand_in_extractor):
    monkeypatch.setattr("desktop_app.ui.pipeline.REOPEN_INTERVAL_S", 0.02)
    source = NumberedVideo(count=1000, lost_at=5)
    worker = PipelineWorker(source)
    states, tracked = [], []
    worker.camera_state.connect(states.append)
    worker.landmarks_ready.connect(lambda landmarks, width, height: tracked.append(landmarks))
    worker.frame_ready.connect(worker.frame_shown)
    worker.start()
    try:
        qtbot.waitUntil(lambda: len(states) >= 2 and len(tracked) >= 10, timeout=TIMEOUT_MS)
    finally:
        worker.stop()
    assert states[0] == "numbered frames: unplugged." and states[1] == ""  # the waiting: over the picture
    assert source.opens == 2


def started_attempt_worker() -> tuple[PipelineWorker, list, list]:
    """A running pipeline on a long numbered video whose attempts start and end by hand: the worker, the
    outcomes it scored and one entry per tracked frame."""
    worker = PipelineWorker(NumberedVideo(count=10_000))
    worker.set_auto_segmentation(False)
    outcomes: list = []
    tracked: list = []
    worker.attempt_scored.connect(outcomes.append)
    worker.landmarks_ready.connect(lambda *_: tracked.append(1))
    worker.frame_ready.connect(worker.frame_shown)
    worker.start()
    return worker, outcomes, tracked


def sign_one_attempt(qtbot, worker: PipelineWorker, outcomes: list, tracked: list) -> None:
    """Start an attempt, let 15 frames be tracked, end it and wait until it is scored."""
    scored = len(outcomes)
    worker.start_attempt()
    seen = len(tracked)
    qtbot.waitUntil(lambda: len(tracked) >= seen + 15, timeout=TIMEOUT_MS)
    worker.stop_attempt()
    qtbot.waitUntil(lambda: len(outcomes) == scored + 1, timeout=TIMEOUT_MS)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread priorities are Linux's")
def test_attempts_are_scored_at_normal_priority_while_tracking_runs_below_it(
    qtbot, monkeypatch, stand_in_extractor
):
    priorities: dict[str, int] = {}

    def priority_here() -> int:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    original_process = StandInExtractor.process

    def process(self, *args, **kwargs):
        priorities["tracking"] = priority_here()
        return original_process(self, *args, **kwargs)

    def score(self, pose, ended_at, target):
        priorities["scoring"] = priority_here()
        return pipeline.AttemptOutcome(pose, None, ended_at=ended_at, scored_at=time.perf_counter())

    monkeypatch.setattr(StandInExtractor, "process", process)
    monkeypatch.setattr(PipelineWorker, "score", score)
    worker, outcomes, tracked = started_attempt_worker()
    try:
        qtbot.waitUntil(lambda: len(tracked) >= 3, timeout=TIMEOUT_MS)
        sign_one_attempt(qtbot, worker, outcomes, tracked)
    finally:
        worker.stop()
    assert len(outcomes[0].pose) >= 10
    assert priorities["tracking"] == min(priority_here() + pipeline.PIPELINE_NICENESS, 19)  # Linux caps at 19
    assert priorities["scoring"] == priority_here()


def test_the_view_draws_the_frame_mirrored_with_the_skeleton_on_the_matching_side():
    frame = np.zeros((100, 200, 3), np.uint8)
    points = np.zeros((N_POINTS, 3), np.float32)
    mask = np.zeros(N_POINTS, bool)
    points[LEFT_HAND.start] = (20, 50, 0)  # near the left edge of the camera's (non-mirrored) view
    mask[LEFT_HAND.start] = True
    common = dict(points=points, mask=mask, fps=30.0, problems=[], phase=Phase.WAITING, captured_at=0.0)
    shown = FrameReport(frame, False, True, (100, 100), **common).picture()
    assert (shown.width(), shown.height()) == (100, 50)  # fitted into the display size, aspect kept
    assert shown.pixelColor(90, 25) != QColor(0, 0, 0)  # mirrored: the joint is drawn near the right edge
    assert shown.pixelColor(10, 25) == QColor(0, 0, 0)
    plain = FrameReport(frame, False, False, None, **common).picture()
    assert plain.pixelColor(20, 50) != QColor(0, 0, 0) and plain.pixelColor(180, 50) == QColor(0, 0, 0)


def test_a_failure_while_scoring_is_reported_as_an_unscored_attempt_and_the_next_is_scored(
    qtbot, monkeypatch, stand_in_extractor
):
    calls = []

    def score(self, pose, ended_at, target):
        calls.append(len(pose))
        if len(calls) == 1:
            raise RuntimeError("a bug")
        return pipeline.AttemptOutcome(pose, 7, ended_at=ended_at)

    monkeypatch.setattr(PipelineWorker, "score", score)
    worker, outcomes, tracked = started_attempt_worker()
    try:
        sign_one_attempt(qtbot, worker, outcomes, tracked)
        sign_one_attempt(qtbot, worker, outcomes, tracked)
    finally:
        worker.stop()
    assert outcomes[0].score is None and "could not be scored" in outcomes[0].message
    assert outcomes[1].sign_id == 7 and len(calls) == 2


def test_an_attempt_is_scored_against_the_sign_it_was_started_for(qtbot, stand_in_extractor):
    """Another sign chosen while an attempt was recorded (or waited to be scored): the target was read when
    its scoring began, and the attempt came back as one at the new sign."""
    worker, outcomes, tracked = started_attempt_worker()
    try:
        worker.set_target(
            SimpleNamespace(sign_id=1, left_handed=False)
        )  # no model: scored as "not scored", for its sign
        worker.start_attempt()
        seen = len(tracked)
        qtbot.waitUntil(lambda: len(tracked) >= seen + 15, timeout=TIMEOUT_MS)
        worker.set_target(SimpleNamespace(sign_id=2, left_handed=False))
        worker.stop_attempt()
        qtbot.waitUntil(lambda: len(outcomes) == 1, timeout=TIMEOUT_MS)
    finally:
        worker.stop()
    assert outcomes[0].sign_id == 1


def test_a_videos_next_frame_is_read_only_when_the_tracker_is_ready_for_it():
    stop = threading.Event()
    video = FrameSlot(latest_wins=False)
    ready = threading.Event()
    reader = threading.Thread(target=lambda: (video.wait_until_wanted(stop), ready.set()))
    reader.start()
    assert not ready.wait(0.2)  # nobody is waiting for a frame yet: the video is not read ahead
    # The tracker waits, again and again as its loop does: now the frame is wanted. (One short wait let a
    # reader thread that a busy machine ran late find the want already gone.)
    deadline = time.monotonic() + 5.0
    while not ready.is_set():
        assert video.take(timeout=0.05) is None
        assert time.monotonic() < deadline, "the reader did not see that a frame was wanted"
    reader.join(timeout=5)
    video.put((numbered_frame(1), 0.0), stop)
    late = threading.Thread(target=video.wait_until_wanted, args=(stop,))
    late.start()
    stop.set()  # stopping ends the wait
    late.join(timeout=5)
    assert not late.is_alive()


class OutOfOrderExtractor(StandInExtractor):
    """Holds each even frame until the frame after it is tracked (by the other graph: this one waits), so
    half the results come back before the frame before them; or until the pipeline stops (``stopping``, the
    worker's own event: the last even frame has no frame after it)."""

    made: list[OutOfOrderExtractor] = []
    tracked: collections.defaultdict[int, threading.Event] = collections.defaultdict(threading.Event)
    held: list[bool] = []
    fail_at: int | None = None
    stopping = threading.Event()

    def __init__(self, mirrored: bool = False):
        super().__init__(mirrored)
        self.closed = False
        self.made.append(self)

    def __exit__(self, *exc_info):
        self.closed = True

    def process(self, frame_bgr, timestamp_s, source_size=None) -> FrameLandmarks:
        number = int(frame_bgr[0, 0, 0])
        if number == self.fail_at:
            self.tracked[number].set()  # done with, if not well
            raise RuntimeError("a bug in the graph")
        if number % 2 == 0:
            self.held.append(self._next_tracked(number))
        result = super().process(frame_bgr, timestamp_s, source_size)
        self.tracked[number].set()
        return result

    def _next_tracked(self, number: int) -> bool:
        """Whether the frame after ``number`` was tracked, before the pipeline stopped and within 5 s."""
        deadline = time.monotonic() + 5.0
        while not self.tracked[number + 1].wait(0.01):
            if self.stopping.is_set() or time.monotonic() > deadline:
                return False
        return True


@pytest.fixture
def out_of_order_extractor(monkeypatch):
    monkeypatch.setattr("signcore.extract.LandmarkExtractor", OutOfOrderExtractor)
    monkeypatch.setattr(OutOfOrderExtractor, "made", [])
    monkeypatch.setattr(OutOfOrderExtractor, "tracked", collections.defaultdict(threading.Event))
    monkeypatch.setattr(OutOfOrderExtractor, "held", [])
    monkeypatch.setattr(OutOfOrderExtractor, "stopping", threading.Event())
    return OutOfOrderExtractor


def tracking_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name.startswith("tracking")]


def test_two_graphs_track_alternate_frames_and_every_frame_comes_out_once_in_order(
    qtbot, out_of_order_extractor
):
    worker = PipelineWorker(NumberedVideo(count=30), graphs=2)
    out_of_order_extractor.stopping = worker._stop
    tracked = []
    worker.landmarks_ready.connect(lambda landmarks, width, height: tracked.append(landmarks.timestamp_s))
    worker.frame_ready.connect(worker.frame_shown)
    worker.start()
    try:
        qtbot.waitUntil(lambda: len(tracked) >= 29, timeout=TIMEOUT_MS)
    finally:
        worker.stop()
    assert np.allclose(tracked, np.arange(1, 30) / 30)  # frame 30 is held for a frame 31 that never comes
    first, second = out_of_order_extractor.made
    assert first.seen and second.seen and sorted(first.seen + second.seen) == list(range(1, 31))
    assert first.seen == sorted(first.seen) and second.seen == sorted(second.seen)  # each graph in time order
    assert out_of_order_extractor.held[:14] == [True] * 14  # frames 2, 4, ... 28 did come back late
    assert first.closed and second.closed and not tracking_threads()  # both joined, then closed


def test_a_graph_that_fails_stops_the_pipeline_with_a_message_and_both_trackers_end(
    qtbot, monkeypatch, out_of_order_extractor
):
    monkeypatch.setattr(OutOfOrderExtractor, "fail_at", 7)
    worker = PipelineWorker(NumberedVideo(count=1000), graphs=2)
    out_of_order_extractor.stopping = worker._stop
    failures, tracked = [], []
    worker.failed.connect(failures.append)
    worker.landmarks_ready.connect(lambda landmarks, width, height: tracked.append(landmarks.timestamp_s))
    worker.frame_ready.connect(worker.frame_shown)
    worker.start()
    try:
        qtbot.waitUntil(lambda: bool(failures), timeout=TIMEOUT_MS)
        assert worker.wait(TIMEOUT_MS)
    finally:
        worker.stop()
    assert "stopped unexpectedly" in failures[0]
    assert np.allclose(tracked, np.arange(1, 7) / 30)  # the frames before the failure, none after
    assert all(extractor.closed for extractor in out_of_order_extractor.made) and not tracking_threads()


def test_every_frame_is_turned_as_the_camera_is_before_it_is_tracked_and_shown(qtbot, monkeypatch):
    """A camera mounted on its side: the reading thread turns each frame, so the tracker, the landmarks'
    picture size (recordings) and the picture shown all have it upright; a turn chosen while the camera
    runs turns the next frames."""
    tracked_frames: list[np.ndarray] = []

    class TurnSpy(StandInExtractor):
        def process(self, frame_bgr, timestamp_s, source_size=None) -> FrameLandmarks:
            tracked_frames.append(frame_bgr.copy())
            return super().process(frame_bgr, timestamp_s, source_size)

    monkeypatch.setattr("signcore.extract.LandmarkExtractor", TurnSpy)
    worker = PipelineWorker(NumberedVideo(count=200), turns=1)
    sizes, shown = [], []
    worker.landmarks_ready.connect(lambda landmarks, width, height: sizes.append((width, height)))

    def show(report: FrameReport) -> None:
        shown.append(report.frame_bgr.shape[:2])
        worker.frame_shown(report)

    worker.frame_ready.connect(show)
    worker.start()
    try:
        qtbot.waitUntil(lambda: len(sizes) >= 5, timeout=TIMEOUT_MS)
        worker.set_turn(2)
        qtbot.waitUntil(lambda: sizes[-1] == (64, 48), timeout=TIMEOUT_MS)
    finally:
        worker.stop()
    assert worker.turns == 2
    assert sizes[:5] == [(48, 64)] * 5 and shown[0] == (64, 48)  # 64 x 48 frames stood on their side
    # the numbered pixel, top left in the camera's own picture: top right once turned clockwise, bottom
    # right once turned upside down
    first, last = tracked_frames[0], tracked_frames[-1]
    assert first.shape[:2] == (64, 48) and first[0, 47, 0] == 1
    assert last.shape[:2] == (48, 64) and last[47, 63, 0] == len(tracked_frames)


def test_an_attempt_under_way_when_the_picture_is_turned_is_dropped_at_its_first_frame_turned(
    qtbot, stand_in_extractor
):
    """Dropped from the window's side, frames of the turn before still on their way were kept: one attempt
    held pictures of two turns, measured by one picture size. The worker drops it in frame order."""
    worker, outcomes, tracked = started_attempt_worker()
    sizes: list[tuple[int, int]] = []
    events: list = []
    worker.landmarks_ready.connect(lambda landmarks, width, height: sizes.append((width, height)))
    worker.segment_event.connect(events.append)
    try:
        worker.start_attempt()
        qtbot.waitUntil(lambda: len(tracked) >= 10, timeout=TIMEOUT_MS)
        worker.set_turn(1)
        qtbot.waitUntil(lambda: any(event.kind == "discarded" for event in events), timeout=TIMEOUT_MS)
        assert sizes[-1] == (48, 64), "dropped at a frame turned anew, not before it"
        assert [event.kind for event in events] == ["started", "discarded"]
        assert events[-1].message == pipeline.PICTURE_TURNED
        worker.stop_attempt()  # too late: nothing to stop
        sign_one_attempt(qtbot, worker, outcomes, tracked)
    finally:
        worker.stop()
    assert len(outcomes) == 1
    pose = outcomes[0].pose
    assert (pose.width, pose.height) == (48, 64)


def test_an_attempt_under_way_as_the_camera_is_lost_is_said_lost_and_a_start_pressed_then_starts_nothing(
    qtbot,
):
    """The video used as the camera went away 1.5 s into an attempt. The heading said only the camera's
    problem, and nothing that the attempt was lost; a Start pressed before the loss was shown waited for a
    frame, and began an attempt the moment the camera was back. (The worker's loop, run here a frame at a
    time on this thread.)"""
    from desktop_app.core.judging.live_attempts import ATTEMPT_LOST_WITH_THE_CAMERA

    worker = PipelineWorker(NumberedVideo(count=100))
    worker.set_auto_segmentation(False)
    events: list = []
    states: list[str] = []
    worker.segment_event.connect(events.append)
    worker.camera_state.connect(states.append)
    frames = iter(StandInExtractor().process(numbered_frame(n).image, n / 30) for n in range(1, 100))

    def next_frame() -> None:
        worker._run_commands()
        event = worker.segmenter.feed(next(frames))
        if event is not None:
            worker._handle_event(event)

    lost = "numbered frames: unplugged."
    worker.start_attempt()
    for _ in range(10):
        next_frame()
    worker._camera_problem(lost)
    assert [(event.kind, event.message) for event in events][-1] == (
        "discarded",
        ATTEMPT_LOST_WITH_THE_CAMERA,
    )
    assert states == [f"{ATTEMPT_LOST_WITH_THE_CAMERA} {lost}"]
    worker._camera_problem("")  # back
    worker.start_attempt()  # pressed as the camera was lost again, before the window knew
    worker._camera_problem(lost)
    assert states[-1] == lost  # no attempt under way: none lost
    worker._camera_problem("")
    for _ in range(10):
        next_frame()
    assert [event.kind for event in events] == ["started", "discarded"]
    assert worker.segmenter.phase is Phase.WAITING


def test_the_camera_holds_raised_hands_back_while_covered_and_keeps_the_views_wish():
    """A modal dialog covering the view (LiveCameraView.follow_dialogs) holds raised hands back; the view's
    own wish (set_auto_segmentation) comes back once it is gone, never overridden by it."""
    worker = PipelineWorker(NumberedVideo(count=10))
    segmenter = worker.segmenter

    def hands_up_starts() -> bool:
        worker._run_commands()  # as the camera's thread does before each frame
        return segmenter.auto_enabled

    worker.set_auto_segmentation(True)
    assert hands_up_starts()
    worker.set_covered(True)
    assert not hands_up_starts()
    worker.set_auto_segmentation(True)  # the view's wish, said again meanwhile (a lesson's next step)
    assert not hands_up_starts()
    worker.set_covered(False)
    assert hands_up_starts()
    worker.set_auto_segmentation(False)
    worker.set_covered(True)
    worker.set_covered(False)
    assert not hands_up_starts()


def test_an_attempt_under_way_as_a_dialog_covers_the_view_stops_unscored_and_says_why(
    qtbot, stand_in_extractor
):
    """Raised hands started no attempt behind a modal dialog, but one recording as it opened went on
    under it, unseen, and was scored. Covered, the camera drops it at once, and says why; covered with none
    under way, it says nothing; uncovered, the next attempt is scored as before."""
    from desktop_app.core.judging.live_attempts import ATTEMPT_STOPPED_BY_A_WINDOW

    worker, outcomes, tracked = started_attempt_worker()
    events: list = []
    worker.segment_event.connect(events.append)

    def frames_go_on(count: int = 15) -> None:
        seen = len(tracked)
        qtbot.waitUntil(lambda: len(tracked) >= seen + count, timeout=TIMEOUT_MS)

    try:
        worker.set_covered(True)  # nothing under way: nothing to say
        frames_go_on()
        worker.set_covered(False)
        worker.start_attempt()
        frames_go_on(10)
        worker.set_covered(True)
        qtbot.waitUntil(lambda: any(event.kind == "discarded" for event in events), timeout=TIMEOUT_MS)
        assert [(event.kind, event.message) for event in events][1:] == [
            ("discarded", ATTEMPT_STOPPED_BY_A_WINDOW)
        ]
        assert events[0].kind == "started"
        worker.stop_attempt()  # pressed once the dialog is gone: too late, nothing to stop
        frames_go_on()
        assert outcomes == [], "the attempt stopped by the dialog was scored"
        worker.set_covered(False)
        sign_one_attempt(qtbot, worker, outcomes, tracked)
    finally:
        worker.stop()
    assert len(outcomes) == 1 and [event.kind for event in events][-1] == "finished"
