"""Cyclic garbage is collected on the GUI thread only, however much a worker thread allocates."""

import gc
import threading

from desktop_app.ui.garbage import garbage_collected_on_this_thread


class Cycle:
    def __init__(self):
        self.me = self


def test_a_worker_thread_never_collects_and_the_gui_thread_catches_up(qtbot):
    collected_on: list[int] = []

    def note(phase, info):
        if phase == "start":
            collected_on.append(threading.get_ident())

    def allocate():
        for _ in range(20 * gc.get_threshold()[0]):
            Cycle()

    enabled_before = gc.isenabled()  # (the Qt tests' own fixture already collects on this thread)
    gc.callbacks.append(note)
    try:
        with garbage_collected_on_this_thread(every_ms=50):
            assert not gc.isenabled()
            worker = threading.Thread(target=allocate)
            worker.start()
            worker.join()
            assert collected_on == []  # the worker crossed the threshold many times, and did not collect
            qtbot.waitUntil(lambda: bool(collected_on), timeout=2000)
        assert gc.isenabled() == enabled_before
    finally:
        gc.callbacks.remove(note)
    assert set(collected_on) == {threading.get_ident()}


def test_nested_use_leaves_collection_off_until_the_outer_one_ends(qtbot):
    enabled_before = gc.isenabled()
    with garbage_collected_on_this_thread():
        with garbage_collected_on_this_thread():
            pass
        assert not gc.isenabled()
    assert gc.isenabled() == enabled_before
