"""The embedding map: every reference clip as a dot, placed so that clips the sign model finds alike are
close together (a 2-D PCA of the embeddings, :mod:`desktop_app.core.collection.projection`), coloured by sign
language with a legend. Clips of one sign that the model keeps together form a tight cloud; signs whose clouds
mix are ones it may confuse. The search box rings one sign's dots and previews its first clip; clicking a dot
previews that clip.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLabel, QLineEdit, QPushButton

from desktop_app.core.app.context import AppContext
from desktop_app.core.collection.projection import NOTHING_CHOSEN, EmbeddingMap, Projection, embedding_map
from desktop_app.ui.charts import chart
from desktop_app.ui.panes import ElidedLabel, RedrawnWhenShown, fill_with_panes, in_a_column, never_widens
from desktop_app.ui.shortcuts import bind_the_sign_search
from desktop_app.ui.skeleton.player import SkeletonPlayer
from desktop_app.ui.subscriptions import connect_while_alive
from signcore.errors import InputError

FOUND_COLOUR = "#e8590c"  # none of the languages' (projection.LANGUAGE_COLOURS), nor the chosen dot's black
LONGEST_LABEL = 160  # pixels: a longer sign name on the map ends in "…", so it neither hides its neighbours
ABOVE_ITS_DOT, BELOW_ITS_DOT = 1.2, -0.2  # a label's vertical anchor: a little gap between it and its dot


class EmbeddingMapPage(RedrawnWhenShown):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.clip_ids = np.zeros(0, np.int64)
        self.sign_ids = np.zeros(0, np.int64)
        self.glosses: list[str] = []
        self.projection: Projection | None = None
        self.content = EmbeddingMap("")
        self.chosen_row: int | None = None
        self.found_name = ""  # the name the sign found was found by ("" none)

        self.plot = chart()  # without pyqtgraph's "A" button: the map has its own to show all of it again
        self.plot.setAspectLocked(True)
        self.plot.hideAxis("left")
        self.plot.hideAxis("bottom")
        self.whole_map_button = QPushButton("Show the whole map")
        self.whole_map_button.clicked.connect(lambda: self.plot.autoRange())
        self.scatter = pg.ScatterPlotItem(size=9, pen=pg.mkPen(None), hoverable=True, tip=self._tooltip)
        self.scatter.sigClicked.connect(self._points_clicked)
        self.plot.addItem(self.scatter)
        self.highlight = pg.ScatterPlotItem(size=16, pen=pg.mkPen("k", width=2), brush=pg.mkBrush(None))
        self.plot.addItem(self.highlight)
        # The found sign's other clips: rung unlike the chosen one (alike, the old choice looked found too)
        self.found = pg.ScatterPlotItem(size=14, pen=pg.mkPen(FOUND_COLOUR, width=2), brush=pg.mkBrush(None))
        self.plot.addItem(self.found)
        for ring in (self.highlight, self.found):  # under their dots: over them, a ring took the click
            ring.setZValue(-1)
        self.legend = never_widens(QLabel())  # wraps beside the find box in a narrow window, not under it
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.find_box = QLineEdit()
        self.find_box.setPlaceholderText("Find a sign on the map…")
        self.find_box.setClearButtonEnabled(True)
        placeholder = self.find_box.fontMetrics().horizontalAdvance(self.find_box.placeholderText())
        self.find_box.setMinimumWidth(placeholder + 48)  # whole, with the clear button beside it
        # Found on Enter or a completion chosen, not while typing: "W" found the letter W's sign while the
        # completer offered water, welt and Wetter.
        self.find_box.textChanged.connect(self._typing)
        # The completer offers what the lists' search finds for the text typed, best first ("t": the letter
        # T, then Tag…), not Qt's names starting with it: its list is refilled on each edit, before it shows.
        self.completions = QStringListModel(self)
        completer = QCompleter(self.completions, self.find_box)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        # The one it marks as Enter's choice: the first holding the text as typed, so the first offered
        # (else none is marked, and Enter finds the first offered: find_typed_sign)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.activated.connect(self.find_sign)  # its str overload, the first
        self.find_box.setCompleter(completer)
        self.find_box.textEdited.connect(self._offer_names)
        self.find_box.returnPressed.connect(self.find_typed_sign)
        bind_the_sign_search(self, self.find_box)
        # Says so when no sign has the name entered. Its line is kept empty otherwise: appearing, it pushed
        # the map down under the learner's eyes.
        self.not_found = never_widens(QLabel())
        self.not_found.setTextFormat(Qt.TextFormat.PlainText)  # a name is shown as typed, never as markup
        self.not_found.setMinimumHeight(self.not_found.fontMetrics().lineSpacing())
        self.labels: list[SignLabel] = []
        self.status = never_widens(QLabel())  # may name a file searched with

        self.preview = SkeletonPlayer()
        self.preview.follow_settings(context, references=True)
        self.preview.set_message(NOTHING_CHOSEN)
        self.clip_title = ElidedLabel()  # a long sign name ends in "…", whole in its tooltip
        self.clip_title.setText(NOTHING_CHOSEN)
        self.clip_title.setStyleSheet("font-size: 16px; font-weight: 600;")
        self.clip_title.setTextFormat(Qt.TextFormat.PlainText)  # a sign's name, whatever it holds
        self.practise_button = QPushButton("Practise this sign")
        self.practise_button.setEnabled(False)
        self.practise_button.clicked.connect(self.practise_chosen)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.practise_button)
        side = in_a_column(self.clip_title, (self.preview, 1), buttons)
        top = QHBoxLayout()
        top.addWidget(self.legend, 1)
        top.addWidget(self.find_box)
        top.addWidget(self.whole_map_button)
        map_side = in_a_column(self.status, top, self.not_found, (self.plot, 1))
        fill_with_panes(self, map_side, side, stretch=(3, 1))

        connect_while_alive(self, context.events.database_changed, self.reload)
        connect_while_alive(self, context.events.model_changed, self.reload)
        connect_while_alive(self, context.events.preparing_changed, self.reload)

    def redraw(self) -> None:
        """Re-read the cached embeddings of the current model and redraw the map."""
        for points in (self.scatter, self.highlight, self.found):
            _clear(points)
        self.legend.clear()
        for label in self.labels:
            self.plot.removeItem(label)
        self.labels = []
        self.projection, self.content = None, EmbeddingMap("")
        self.choose_row(None)
        try:
            content = embedding_map(self.context.database, self.context.encoder, self.context.preparing)
        except InputError as error:
            self.status.setText(str(error))
            return
        self.status.setText(content.status)
        self.content = content
        if content.projection is None:
            return
        self.clip_ids, self.sign_ids, self.glosses = content.clip_ids, content.sign_ids, content.glosses
        self.projection = content.projection
        # One brush per language, shared by its points, so pyqtgraph renders each colour's symbol once.
        colours = content.language_colours()
        language_brushes = {language: pg.mkBrush(QColor(colour)) for language, colour in colours.items()}
        self.legend.setText(content.legend())
        self.scatter.setData(
            pos=self.projection.coords,
            data=np.arange(len(self.clip_ids)),
            brush=[language_brushes[language] for language in content.languages],
            symbol="o",
            size=9,
        )
        for name, x, y in content.labels:
            label = SignLabel(name, x, y)
            self.plot.addItem(label)
            self.labels.append(label)
        self.plot.autoRange()
        self.find_sign(self.found_name)

    def find_sign(self, text: str) -> None:
        """Ring the dots of the sign called ``text`` (any case) and choose its first clip, unless one of its
        clips is chosen already: the sign chosen before stayed ringed and in the preview beside the one
        found. None ringed when no sign has that name (Enter says so, :meth:`find_typed_sign`)."""
        rows = self.content.rows_named(text)
        self.found_name = text if rows else ""
        self.not_found.clear()
        if self.projection is None or not rows:
            _clear(self.found)
            return
        self.found.setData(pos=self.projection.coords[rows])
        if self.chosen_row not in rows:
            self.choose_row(rows[0])

    def find_typed_sign(self) -> None:
        """Enter: the sign named, else the first the completer offers, what the lists' search finds ("Wett"
        found "No sign called “Wett”" beside the one completion "Wetter (DGS)"), else say that none is called
        so."""
        text = self.find_box.text()
        if not text.strip() or self.content.rows_named(text):
            self.find_sign(text)
            return
        name = self.content.first_name_found(text)
        if name is None:
            self.find_sign("")  # none found: none ringed
            self.not_found.setText(f"No sign called “{text.strip()}” in the map.")
            return
        self.find_box.setText(name)  # the completer closed its list on Enter
        self.find_sign(name)

    def _offer_names(self, text: str) -> None:
        self.completions.setStringList(self.content.names_found(text))

    def _typing(self, text: str) -> None:
        """A name being typed finds nothing yet; "No sign called…" no longer says the text, and an emptied box
        rings no sign."""
        self.not_found.clear()
        if not text.strip():
            self.find_sign("")

    def _tooltip(self, x, y, data) -> str:
        return self.content.point_title(int(data))

    def _points_clicked(self, _item, points, _event=None) -> None:
        if len(points):
            self.choose_row(int(points[0].data()))

    def choose_row(self, row: int | None) -> None:
        """Preview the clip drawn as point ``row`` and name its sign (None: nothing chosen)."""
        self.chosen_row = row
        self.practise_button.setEnabled(row is not None)
        if row is None:
            _clear(self.highlight)
            self.clip_title.setText(NOTHING_CHOSEN)
            self.preview.set_clip(None, NOTHING_CHOSEN)
            return
        if self.projection is not None:
            self.highlight.setData(pos=self.projection.coords[row : row + 1])
        # The clip's number stays in view: only the sign's name is shortened
        self.clip_title.setText(self.content.point_title(row), shortened=self.content.names[row])
        try:  # InputError: a clip gone meanwhile
            pose, hand = self.context.reference_clip(self.context.database.clip(int(self.clip_ids[row])))
            self.preview.set_clip(pose, signed_with=hand)
        except InputError as error:
            self.preview.set_clip(None, str(error))

    def practise_chosen(self) -> None:
        if self.chosen_row is not None:
            self.context.select_sign(int(self.sign_ids[self.chosen_row]))


class SignLabel(pg.TextItem):
    """A sign's name at the centre of its clips' dots, kept inside the map: a long name ends in "…" (whole in
    its tooltip), and a label near an edge of the map moves aside, still at its dot, rather than run off it
    ("hand_estimation__0ff215ef4f1f111e217e2c…" was cut at the map's right edge)."""

    def __init__(self, name: str, x: float, y: float):
        super().__init__(anchor=(0.5, ABOVE_ITS_DOT), color=(60, 60, 60))
        metrics = QFontMetrics(self.textItem.font())
        self.setText(metrics.elidedText(name, Qt.TextElideMode.ElideRight, LONGEST_LABEL))
        self.setToolTip(name)
        self.setPos(x, y)

    def viewTransformChanged(self) -> None:
        """Placed again whenever the map is panned, zoomed or resized."""
        super().viewTransformChanged()
        view = self.getViewBox()
        if view is None:
            return
        map_area, dot, size = view.sceneBoundingRect(), self.scenePos(), self.sceneBoundingRect().size()
        # Centred over its dot, else moved aside as little as keeps it whole, but never off its dot
        least_share_left = 1 - (map_area.right() - dot.x()) / size.width()
        most_share_left = (dot.x() - map_area.left()) / size.width()
        share_left = min(max(0.5, least_share_left), most_share_left, 1.0)
        room_above = dot.y() - map_area.top() >= ABOVE_ITS_DOT * size.height()
        self.setAnchor((max(share_left, 0.0), ABOVE_ITS_DOT if room_above else BELOW_ITS_DOT))


def _clear(points: pg.ScatterPlotItem) -> None:
    """Remove every point of ``points`` from the screen too: pyqtgraph's clear() leaves the item's old area
    unrepainted (the rings of the sign found before stayed on screen beside those of the next sign found)."""
    points.prepareGeometryChange()
    points.clear()
