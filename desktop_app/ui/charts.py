"""THE way a page makes a chart: a pyqtgraph plot on the page's own background, without pyqtgraph's "A"
(auto-range) button and right-click menu ("View All", "Mouse Mode", "Export..."): they speak a plotting
tool's language, not the learner's."""

from __future__ import annotations

import math
from typing import Any

import pyqtgraph as pg


class Chart(pg.PlotWidget):
    """A page's plot; its y axis spans what :meth:`show_y_span` asks, with room at each end in pixels, not a
    share of its height."""

    def __init__(self, **plot_options: Any):
        super().__init__(**plot_options)
        self._y_span: tuple[float, float, int] | None = None
        self.getViewBox().sigResized.connect(self._fit_y_span)

    def show_y_span(self, low: float, high: float, room_above: int = 0) -> None:
        """The y axis from ``low`` to ``high`` whatever the chart's height, with ``room_above`` pixels
        more above ``high`` (for a key drawn in the chart), and at each end half a tick label's: pyqtgraph
        leaves out an end's label that would reach past a gridded axis, and a share of the height (2 %) was
        2 px in a short chart, so at 1000x520 the score chart lost its 0 and 100 and its dots at 100 were cut
        in half."""
        self._y_span = (low, high, room_above)
        self._fit_y_span()

    def _fit_y_span(self) -> None:
        if self._y_span is None:
            return
        low, high, room_above = self._y_span
        end_room = math.ceil(self.fontMetrics().height() / 2) + 1  # a tick label's half, and a dot's
        height = self.getViewBox().height()
        spare = height - 2 * end_room - room_above
        if spare <= 0:  # not laid out yet
            return
        per_pixel = (high - low) / spare
        self.setYRange(low - end_room * per_pixel, high + (end_room + room_above) * per_pixel, padding=0)


def chart(**plot_options: Any) -> Chart:
    """A plot for a page (``plot_options``: pyqtgraph's, e.g. ``axisItems``)."""
    plot = Chart(**plot_options)
    plot.setBackground(None)
    plot.hideButtons()
    plot.setMenuEnabled(False)
    return plot
