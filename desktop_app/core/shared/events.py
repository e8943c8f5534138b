"""Qt-free events: the app's state objects announce changes through these, widgets subscribe.

In the spirit of napari's event model: state lives in plain Python objects (testable without a display),
and anything that needs to react -- a widget, a worker, a test -- connects a callback::

    context.events.sign_selected.connect(self._show_sign)
    ...
    context.events.sign_selected.disconnect(self._show_sign)   # e.g. when the widget is destroyed

Callbacks run synchronously on the thread that emits. The state objects are only changed from the GUI
thread; workers report to the GUI by Qt signals, never by emitting these directly.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import Any

log = logging.getLogger(__name__)


class EventEmitter:
    """A list of callbacks called in connection order with the arguments given to :meth:`emit`."""

    def __init__(self, name: str):
        self.name = name
        self._callbacks: list[Callable[..., Any]] = []

    def connect(self, callback: Callable[..., Any]) -> Callable[..., Any]:
        """Subscribe ``callback`` (connecting the same callback twice calls it once). Returns it, so this
        also works as a decorator."""
        if callback not in self._callbacks:
            self._callbacks.append(callback)
        return callback

    def disconnect(self, callback: Callable[..., Any]) -> None:
        """Unsubscribe ``callback``; unknown callbacks are ignored (widgets may disconnect twice on close)."""
        if callback in self._callbacks:
            self._callbacks.remove(callback)

    def emit(self, *args: Any) -> None:
        # Iterate over a copy: a callback may disconnect itself (or others) while being called.
        for callback in list(self._callbacks):
            callback(*args)

    def __len__(self) -> int:
        return len(self._callbacks)

    def __repr__(self) -> str:
        return f"<EventEmitter {self.name!r} with {len(self)} callbacks>"


class EventGroup:
    """A named set of emitters. Declare them as annotations of a subclass, so that readers and the type
    checker know what there is and what each one carries::

        class LibraryEvents(EventGroup):
            undo_changed: EventEmitter  # no arguments

    (``EventGroup("model_changed", "sign_selected")`` also works, untyped.)
    """

    def __init__(self, *names: str):
        declared = [
            name
            for klass in reversed(type(self).__mro__)
            for name in vars(klass).get("__annotations__", {})
            if not name.startswith("_")
        ]
        self._names = (*declared, *names)
        for name in self._names:
            setattr(self, name, EventEmitter(name))

    def __iter__(self) -> Iterator[EventEmitter]:
        return (getattr(self, name) for name in self._names)
