"""signcore.native_memory: glibc's heaps limited and trimmed on Linux, nothing done elsewhere."""

import sys
import threading

import pytest

from signcore import native_memory


def resident_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096 / 2**20


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's heaps are Linux's")
def test_memory_freed_on_other_threads_is_given_back():
    native_memory.limit_heap_arenas()
    blocks: list[bytearray] = []

    def allocate_and_free() -> None:
        # many small blocks (below the own-map threshold) stay in the thread's heap after they are freed
        kept = [bytearray(4096) for _ in range(20_000)]
        blocks.append(bytearray(1))
        del kept

    before = resident_mb()
    threads = [threading.Thread(target=allocate_and_free) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    native_memory.release_freed_memory()
    assert resident_mb() - before < 40  # 4 x 80 MB were allocated and freed


def test_elsewhere_nothing_is_done(monkeypatch):
    monkeypatch.setattr(sys, "platform", "darwin")
    assert native_memory._glibc() is None
    native_memory.limit_heap_arenas()
    native_memory.release_freed_memory()
