"""Keeping the memory of native libraries (MediaPipe's graphs) from piling up in glibc's heaps (Linux).

Every MediaPipe graph allocates its models' buffers on threads it starts. glibc gives each such thread a heap
("arena") of its own, up to 8 per core, and keeps what is freed there for reuse instead of returning it, so
graphs opened and closed one after the other (each page switch starts the camera afresh) left their memory
behind: 238 MB at start, 952 MB after 10 Practice <-> Search round trips. Two arenas and a trim after each
closed graph keep it flat: 431 MB after 10 round trips, 441 after 100 (`python -m desktop_app.soak --camera
tests/data/pose_format_test_video.mp4 --video-mirrored --page-switches 100`).
A MediaPipe graph holds ~200 MB of it while it runs. glibc also raises its threshold for serving a
large block from its own memory map (returned to the system on free) each time such a block is freed, so that
later large buffers land in the heaps; a fixed threshold keeps them out: ~20 MB less with a camera running. It
is 4 MB, not lower: each end of an attempt allocates and frees blocks of ~1.7 MB, and served from maps of
their own they fault their pages in afresh every time (with 256 kB the slowest end of attempt to score was 46
and 42 ms, with 4 MB 39 and 29, peak memory 458 against 460-463 MB: `python -m desktop_app.benchmark
--starts 0 --seconds 15`, the two in turns, twice; the page-switch soak ended at 505 MB with 256 kB and at 509
with 4 MB, one after the other).
Elsewhere (macOS, Windows, musl) both functions do nothing.
"""

from __future__ import annotations

import ctypes
import sys

M_MMAP_THRESHOLD = -3  # mallopt parameters (glibc malloc.h)
M_ARENA_MAX = -8
HEAP_ARENAS = 2
OWN_MAP_FROM_BYTES = 4 * 1024 * 1024  # blocks this large or larger get their own memory map


def _glibc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None)
    except OSError:
        return None
    return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None  # glibc only


def limit_heap_arenas() -> None:
    """At most ``HEAP_ARENAS`` heaps for all threads, large blocks in maps of their own; call before the
    threads that allocate start."""
    libc = _glibc()
    if libc is not None:
        libc.mallopt(M_ARENA_MAX, HEAP_ARENAS)
        libc.mallopt(M_MMAP_THRESHOLD, OWN_MAP_FROM_BYTES)


def release_freed_memory() -> None:
    """Give memory that has been freed back to the system (e.g. after a graph is closed)."""
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)
