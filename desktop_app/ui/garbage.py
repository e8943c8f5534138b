"""Python's cyclic garbage collected on the GUI thread only.

Python runs its cycle collector in whichever thread happens to allocate when a threshold is crossed. When
that is a worker thread and the garbage holds Qt objects (widgets of a page the window let go of), their C++
destructors run on that thread: PySide waits there for the GIL while holding Qt's object lock, and the GUI
thread, holding the GIL, waits for that lock. The window freezes for good (seen in the page-switch soak: a
prefetch thread's collection against the GUI thread deleting a menu). So while the event loop runs,
automatic collection is off and the GUI thread collects, generation by generation at Python's own
thresholds, from a timer.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

from PySide6.QtCore import QTimer

COLLECT_EVERY_MS = 250


def collect_due_generations() -> None:
    """The collection Python itself would have made by now: the oldest generation whose threshold is
    crossed, with the younger ones."""
    young, middle, old = gc.get_count()
    young_limit, middle_limit, old_limit = gc.get_threshold()
    if young <= young_limit:
        return
    if middle > middle_limit:
        gc.collect(2 if old > old_limit else 1)
    else:
        gc.collect(0)


@contextlib.contextmanager
def garbage_collected_on_this_thread(every_ms: int = COLLECT_EVERY_MS) -> Iterator[None]:
    """Inside: no automatic collection anywhere; this thread's event loop collects instead. Nests."""
    was_enabled = gc.isenabled()
    gc.disable()
    timer = QTimer()
    timer.setInterval(every_ms)
    timer.timeout.connect(collect_due_generations)
    timer.start()
    try:
        yield
    finally:
        timer.stop()
        gc.collect()  # what is left goes here, not on whichever thread allocates next
        if was_enabled:
            gc.enable()
