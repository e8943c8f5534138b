"""Keeping the memory of native libraries (MediaPipe's graphs) from piling up in glibc's heaps (Linux).

Every MediaPipe graph allocates its models' buffers on threads it starts. glibc gives each such thread a
heap ("arena") of its own, up to 8 per core, and keeps what is freed there for reuse instead of returning
it, so graphs opened and closed one after the other (each page switch starts the camera afresh) left their
memory behind: 238 MB at start, 952 MB after 10 Practice <-> Search round trips. Two arenas and a trim
after each closed graph keep it flat (~500 MB). glibc also raises its threshold for serving a large block
from its own memory map (returned to the system on free) each time such a block is freed, so that later
large buffers land in the heaps; a fixed threshold keeps them out: ~20 MB less with a camera running.
Elsewhere (macOS, Windows, musl) both functions do nothing.
"""

from __future__ import annotations

import ctypes
import sys

M_MMAP_THRESHOLD = -3  # mallopt parameters (glibc malloc.h)
M_ARENA_MAX = -8
HEAP_ARENAS = 2
OWN_MAP_FROM_BYTES = 256 * 1024  # blocks this large or larger get their own memory map


def _glibc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None)
    except OSError:
        return None
    return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None  # glibc only


def limit_heap_arenas(count: int = HEAP_ARENAS) -> None:
    """At most ``count`` heaps for all threads, large blocks in maps of their own; call before the threads
    that allocate start."""
    libc = _glibc()
    if libc is not None:
        libc.mallopt(M_ARENA_MAX, count)
        libc.mallopt(M_MMAP_THRESHOLD, OWN_MAP_FROM_BYTES)


def release_freed_memory() -> None:
    """Give memory that has been freed back to the system (e.g. after a graph is closed)."""
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)
