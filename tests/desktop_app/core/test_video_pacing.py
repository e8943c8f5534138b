"""A video file played as a camera, paced at its frame rate on a clock the test moves: frames read late
catch up as a camera's would, up to one frame interval."""

import pytest

from desktop_app.core.signing import capture
from desktop_app.core.signing.capture import VideoFileSource
from tests.support import SIGNING_VIDEO


class Clock:
    """time.monotonic and time.sleep as the test says: sleeping moves the clock, and nothing waits."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept = 0.0

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept += seconds
        self.now += seconds


@pytest.fixture
def paced(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(capture.time, "monotonic", clock.monotonic)
    monkeypatch.setattr(capture.time, "sleep", clock.sleep)
    source = VideoFileSource(SIGNING_VIDEO, selfie=True)
    source.open()
    yield source, clock
    source.close()


def test_a_frame_tracked_slower_than_the_video_is_caught_up_by_the_next(paced):
    source, clock = paced
    first = source.read()
    second = source.read()  # read at once: it slept until it was due
    interval = second.timestamp_s - first.timestamp_s
    assert clock.slept == pytest.approx(interval) and second.late_s == 0.0
    clock.slept = 0.0
    clock.now += 1.5 * interval  # the tracker took one and a half frames' time over the second frame
    late = source.read()
    assert late.late_s == pytest.approx(0.5 * interval)  # it waited half a frame, as a camera's would
    clock.now += 0.4 * interval  # and less than a frame over this one
    on_time = source.read()
    # Back on the video's pace: the fourth frame is due a frame after the third's due time, not after its
    # reading (paced from the late frame on, it slept 0.6 of a frame, and the video fell behind for good)
    assert clock.slept == pytest.approx(0.1 * interval)
    assert on_time.late_s == 0.0


def test_frames_further_behind_than_a_frame_are_paced_from_one_frame_late(paced):
    source, clock = paced
    first = source.read()
    interval = source.read().timestamp_s - first.timestamp_s
    clock.slept = 0.0
    clock.now += 4 * interval  # a stall of four frames: a camera would have dropped the frames in between
    assert source.read().late_s == pytest.approx(interval)  # one frame behind, no further
    assert source.read().late_s == pytest.approx(0.0, abs=1e-9)  # read at once, it is on time again
    clock.now += 2 * interval
    assert source.read().late_s == pytest.approx(interval)
    assert clock.slept == pytest.approx(0.0, abs=1e-9)
    assert source.read().late_s == pytest.approx(0.0, abs=1e-9)
