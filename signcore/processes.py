"""Whole jobs (one video each, say) in worker processes, surviving a worker that dies.

MediaPipe keeps about one core busy per video, so on a multi-core machine videos are extracted a few at a
time in separate processes. Processes are started with "spawn" on every platform: the same behaviour as on
Windows and macOS, and no fork of a process that holds native MediaPipe/OpenCV threads.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

Job = TypeVar("Job")
Result = TypeVar("Result")


def run_in_processes(
    function: Callable[[Job], Result], jobs: Sequence[Job], workers: int
) -> Iterator[tuple[Job, Result | None, bool]]:
    """``(job, function(job), False)`` as jobs finish; ``(job, None, True)`` for each job a dying worker
    took down with it (killed for memory, or a crash in native code). One worker, or one job: in this
    process. ``function`` must be picklable (a module-level function or a ``functools.partial`` of one)."""
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield job, function(job), False
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context) as pool:
        futures = {}
        try:
            for job in jobs:
                futures[pool.submit(function, job)] = job
        except BrokenProcessPool:  # a worker died while the jobs were still being handed out
            _stop_remaining_workers()
            for job in jobs[len(futures) :]:
                yield job, None, True
        try:
            for future in as_completed(futures):
                try:
                    yield futures[future], future.result(), False
                except BrokenProcessPool:
                    _stop_remaining_workers()
                    yield futures[future], None, True
        finally:
            for future in futures:
                future.cancel()


def _stop_remaining_workers() -> None:
    """Terminate this process's pool workers once the pool is broken.

    CPython 3.11's pool terminates only the workers it knew of when one died: a worker that was still being
    started at that moment is never stopped, and the pool then waits for it forever on shutdown.
    """
    for child in multiprocessing.active_children():
        child.terminate()
