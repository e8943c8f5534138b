"""The embedding map: every reference clip as a point, placed by a 2-D PCA of its embedding and coloured by
sign. Clips of one sign that the model keeps together form a tight cloud; signs whose clouds overlap are the
ones it confuses. Clicking a point previews that clip and names its sign.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.core.context import AppContext
from desktop_app.core.projection import Projection, embedding_map
from desktop_app.ui.clip_preview import ClipPreview
from desktop_app.ui.panes import fill_with_panes
from desktop_app.ui.workers import connect_while_alive
from signcore.errors import InputError


class EmbeddingMapPage(QWidget):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.clip_ids = np.zeros(0, np.int64)
        self.sign_ids = np.zeros(0, np.int64)
        self.glosses: list[str] = []
        self.projection: Projection | None = None
        self.chosen_row: int | None = None

        self.plot = pg.PlotWidget()
        self.plot.setBackground(None)
        self.plot.setAspectLocked(True)
        self.plot.hideAxis("left")
        self.plot.hideAxis("bottom")
        self.scatter = pg.ScatterPlotItem(size=9, pen=pg.mkPen(None), hoverable=True, tip=self._tooltip)
        self.scatter.sigClicked.connect(self._points_clicked)
        self.plot.addItem(self.scatter)
        self.highlight = pg.ScatterPlotItem(size=16, pen=pg.mkPen("k", width=2), brush=pg.mkBrush(None))
        self.plot.addItem(self.highlight)
        self.labels: list[pg.TextItem] = []
        self.status = QLabel()
        self.status.setWordWrap(True)

        self.preview = ClipPreview()
        self.preview.message = "Click a point to preview its clip"
        self.preview.speed = context.settings.playback_speed
        self.clip_title = QLabel("Click a point to preview its clip")
        self.clip_title.setStyleSheet("font-size: 16px; font-weight: 600;")
        self.clip_title.setWordWrap(True)
        self.practise_button = QPushButton("Practise this sign")
        self.practise_button.setEnabled(False)
        self.practise_button.clicked.connect(self.practise_chosen)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.clip_title)
        side_layout.addWidget(self.preview, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.practise_button)
        side_layout.addLayout(buttons)
        map_side = QWidget()
        map_layout = QVBoxLayout(map_side)
        map_layout.setContentsMargins(0, 0, 0, 0)
        map_layout.addWidget(self.status)
        map_layout.addWidget(self.plot, 1)
        fill_with_panes(self, map_side, side, stretch=(3, 1))

        self._stale = True  # drawn when first shown, and redrawn on show after changes made elsewhere
        connect_while_alive(self, context.events.database_changed, self._data_changed)
        connect_while_alive(self, context.events.model_changed, self._data_changed)
        connect_while_alive(self, context.events.settings_changed, self._settings_changed)

    def _data_changed(self, *_args) -> None:
        """Redraw now if the map is on screen; otherwise when it is next shown (reading every embedding and
        projecting them is wasted work while the learner edits the library on another page)."""
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _settings_changed(self, settings) -> None:
        self.preview.speed = settings.playback_speed

    def reload(self) -> None:
        """Re-read the cached embeddings of the current model and redraw the map."""
        self._stale = False
        self.scatter.clear()
        self.highlight.clear()
        for label in self.labels:
            self.plot.removeItem(label)
        self.labels = []
        self.projection = None
        self.choose_row(None)
        try:
            content = embedding_map(self.context.database, self.context.encoder)
        except InputError as error:
            self.status.setText(str(error))
            return
        self.status.setText(content.status)
        if content.projection is None:
            return
        self.clip_ids, self.sign_ids, self.glosses = content.clip_ids, content.sign_ids, content.glosses
        self.projection = content.projection
        # Hues spread over the signs (neighbouring signs get far-apart colours); one brush per sign, shared by
        # its points, so that pyqtgraph renders each colour's symbol once and not once per point.
        hues = content.sign_count * 7 + 1
        sign_brushes = [
            pg.mkBrush(pg.intColor(i * 7, hues=hues, alpha=210)) for i in range(content.sign_count)
        ]
        brushes = [sign_brushes[i] for i in content.sign_index]
        self.scatter.setData(
            pos=self.projection.coords, data=np.arange(len(self.clip_ids)), brush=brushes, symbol="o", size=9
        )
        for gloss, x, y in content.labels:
            label = pg.TextItem(gloss, anchor=(0.5, 1.2), color=(60, 60, 60))
            label.setPos(x, y)
            self.plot.addItem(label)
            self.labels.append(label)
        self.plot.autoRange()

    def _tooltip(self, x, y, data) -> str:
        return f"{self.glosses[int(data)]} (clip {self.clip_ids[int(data)]})"

    def _points_clicked(self, _item, points, _event=None) -> None:
        if len(points):
            self.choose_row(int(points[0].data()))

    def choose_row(self, row: int | None) -> None:
        """Preview the clip drawn as point ``row`` and name its sign (None: nothing chosen)."""
        self.chosen_row = row
        self.practise_button.setEnabled(row is not None)
        if row is None:
            self.highlight.clear()
            self.clip_title.setText("Click a point to preview its clip")
            self.preview.set_clip(None, "Click a point to preview its clip")
            return
        if self.projection is not None:
            self.highlight.setData(pos=self.projection.coords[row : row + 1])
        self.clip_title.setText(f"“{self.glosses[row]}” — clip {self.clip_ids[row]}")
        try:
            self.preview.set_clip(self.context.database.clip_pose(int(self.clip_ids[row])))
        except InputError as error:
            self.preview.set_clip(None, str(error))

    def practise_chosen(self) -> None:
        if self.chosen_row is not None:
            self.context.select_sign(int(self.sign_ids[self.chosen_row]))
