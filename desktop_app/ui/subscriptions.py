"""A widget's hold on the Qt-free model: its subscriptions to the context's events, and whatever else must end
when it is destroyed (the context outlives its pages and dialogs)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from desktop_app.core.shared.events import EventEmitter


def connect_while_alive(widget: QObject, emitter: EventEmitter, callback: Callable[..., Any]) -> None:
    """Subscribe ``callback`` to a Qt-free event for as long as ``widget`` exists.

    The context outlives its pages and dialogs, so a widget must unsubscribe when it is destroyed.
    """
    emitter.connect(callback)
    close_with(widget, lambda: emitter.disconnect(callback))


def close_with(widget: QObject, close: Callable[[], object]) -> None:
    """Call ``close`` once ``widget`` is destroyed (e.g. a Qt-free model of the widget unsubscribing from
    the context's events). ``close`` must not be a method of the widget itself: PySide does not call a
    dying object's own slots from its ``destroyed`` signal."""
    widget.destroyed.connect(lambda *_args: close())
