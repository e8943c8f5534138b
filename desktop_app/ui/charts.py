"""THE way a page makes a chart: a pyqtgraph plot on the page's own background, without pyqtgraph's "A"
(auto-range) button and right-click menu ("View All", "Mouse Mode", "Export..."): they speak a plotting
tool's language, not the learner's."""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg


def chart(**plot_options: Any) -> pg.PlotWidget:
    """A plot for a page (``plot_options``: pyqtgraph's, e.g. ``axisItems``)."""
    plot = pg.PlotWidget(**plot_options)
    plot.setBackground(None)
    plot.hideButtons()
    plot.setMenuEnabled(False)
    return plot
