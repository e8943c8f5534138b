"""Frames tracked on several threads come back in the order they were taken
(core.signing.handover.TrackingOrder)."""

from __future__ import annotations

import threading

import numpy as np

from desktop_app.core.signing.capture import CapturedFrame
from desktop_app.core.signing.handover import CameraProblem, FrameSlot, TrackingOrder


def frame(number: int) -> tuple[CapturedFrame, float]:
    return CapturedFrame(np.full((2, 2, 3), number, np.uint8), number / 30), 0.0


def test_results_put_back_out_of_order_are_handed_on_in_the_order_their_frames_were_taken():
    stop = threading.Event()
    slot = FrameSlot(latest_wins=False)
    order: TrackingOrder[str] = TrackingOrder()
    numbers = []
    for n in range(3):
        slot.put(frame(n), stop)
        taken = order.take(slot, timeout=1.0)
        assert taken is not None
        numbers.append(taken[0])
    assert numbers == [0, 1, 2]
    order.put(2, "third")
    order.put(1, "second")
    assert order.next(timeout=0.01) is None  # the first frame's result is not back yet: the others wait
    order.put(0, "first")
    assert [order.next(timeout=1.0) for _ in range(3)] == ["first", "second", "third"]
    assert order.next(timeout=0.01) is None
    assert order.take(slot, timeout=0.01) is None  # nothing in the slot: nothing numbered


def test_two_trackers_taking_turns_lose_repeat_and_reorder_nothing():
    """An even frame is held until the frame after it is put back (by the other tracker: this one waits),
    so half the results really come back out of order; the camera problem in the stream keeps its place."""
    stop = threading.Event()
    slot = FrameSlot(latest_wins=False)
    order: TrackingOrder[int | CameraProblem] = TrackingOrder()
    count = 41
    put_back = [threading.Event() for _ in range(count + 1)]
    held_until_later_done = []

    def reader() -> None:
        for n in range(count):
            slot.put(CameraProblem("lost") if n == 20 else frame(n), stop)

    def tracker() -> None:
        while not stop.is_set():
            taken = order.take(slot, timeout=0.05)
            if taken is None:
                continue
            number, item = taken
            if isinstance(item, CameraProblem):
                order.put(number, item)
                put_back[number].set()
                continue
            if number % 2 == 0 and number + 1 < count:
                held_until_later_done.append(put_back[number + 1].wait(5.0))
            order.put(number, int(item[0].image[0, 0, 0]))
            put_back[number].set()

    threads = [threading.Thread(target=reader)] + [threading.Thread(target=tracker) for _ in range(2)]
    for thread in threads:
        thread.start()
    results = []
    try:
        while len(results) < count:
            result = order.next(timeout=10.0)
            assert result is not None, f"result {len(results)} never came"
            results.append(result)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=10)
    assert results == [CameraProblem("lost") if n == 20 else n for n in range(count)]
    assert held_until_later_done and all(held_until_later_done)
    assert order.next(timeout=0.01) is None  # nothing repeated
