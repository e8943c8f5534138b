"""The progress page: the learning path's progress (:mod:`.learning_progress`), the signing list (the signs to
sign next, weakest first, and why) and a sign's scores by attempt.

The ordering rule lives in :mod:`desktop_app.core.judging.progress`; this page only shows it. The list is
named for what it ranks, signing scores: not "Review next", a second meaning of Home's review (spaced
repetition). Selecting a sign in the list plots its history; double-clicking it (or Enter, or "Practise now")
selects it for practice.
"""

from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.app.context import AppContext
from desktop_app.core.judging.progress import (
    NOT_SIGNED_YET,
    RECENT_AVERAGE,
    RECENT_AVERAGE_EXPLAINED,
    SigningItem,
    practice_count_words,
    score_history,
    weakest_signing_first,
)
from desktop_app.core.learning.review import shared_learning_path
from desktop_app.core.signing.view import colour_key
from desktop_app.ui.charts import chart
from desktop_app.ui.learning_progress import LearningProgressPanel
from desktop_app.ui.panes import (
    ElidedLabel,
    ScrollsAsAWhole,
    WrapsWhole,
    fill_with_panes,
    larger_words,
    rows_wrap_with_a_hanging_indent,
)
from desktop_app.ui.subscriptions import connect_while_alive
from signcore.errors import InputError
from signcore.words import sign_names

SCORE_COLOUR, TREND_COLOUR = "#3a8ee0", "#e0803a"
MIN_ATTEMPTS_SHOWN = 10  # the x axis spans at least this many attempts, so a few do not fill it
# The scores' chart never lower than this: in the window's least height it was 40 px, its score labels
# "80 60 40 20" written over each other and the dots one line; at 120 px a 1000x520 window showed its dots
# in a strip. Lower than this, the page scrolls as a whole.
SCORE_CHART_MIN_HEIGHT = 150
# A page shorter than this (the window a 1000x520 screen opens, 1000x460, has a 413-px page) is compact: the
# score chart a little lower, and no blank margin above and below the panes. At the usual sizes the page
# scrolled 33 px there, the signing list's rows and the chart's foot below "Practise now" a scroll away.
COMPACT_PAGE_HEIGHT = 450
COMPACT_SCORE_CHART_MIN_HEIGHT = 110
SIGNING_ROWS_SHOWN = 4  # the signing list shows at least this many signs (it showed three in 1000x520)
# The learning path's share of the page's height, and the lists' and scores' below it: in a short window the
# learning path gave up less than its fixed 300 px, and the signing list and scores were left 90 and 120 px
PANEL_STRETCH, PANES_STRETCH = 2, 3
# The score chart's title (the sign's name) this much larger than the page's words, bold (it was 16 px, and
# stayed so when the page's font grew)
TITLE_FONT_SCALE = 4 / 3
ITEM_INDEX = Qt.ItemDataRole.UserRole  # a row's index in ProgressPage.items (none: a group's heading)


class ProgressPage(QWidget):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.items: list[SigningItem] = []
        self.names: list[str] = []  # each item's sign as lists name it (signcore.words.sign_names)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.signing_list = QListWidget()
        self.signing_list.setAlternatingRowColors(True)
        # A reason too long for the list wraps under its own start: at the left edge, where the names are, its
        # end read as another sign
        rows_wrap_with_a_hanging_indent(self.signing_list)
        self.signing_list.setMinimumWidth(320)
        rows = self.signing_list.fontMetrics().lineSpacing() * 2 + 4  # a row: the sign, then its reason
        self.signing_list.setMinimumHeight(SIGNING_ROWS_SHOWN * rows + 2 * self.signing_list.frameWidth())
        self.signing_list.currentRowChanged.connect(self._show_history)
        self.signing_list.itemActivated.connect(lambda _item: self.practise_current())
        self.practise_button = QPushButton("Practise now")
        self.practise_button.clicked.connect(self.practise_current)
        # Named only (the chart's key says what it is). All its lines kept: cut to one in the window of a
        # 1000x520 screen, it ended "…then few …", whole only in its tooltip; the learning path above gives
        # up the height (when its lines were not counted, the list's last row was drawn over the line below).
        # Where the signs not signed yet go, the list's heading over them says ("Not signed yet (62)"): said
        # here too, its third line made the page scroll there.
        self.rule = rule = WrapsWhole(
            f"Weakest first: a low {RECENT_AVERAGE} counts most, then few attempts, then a long time "
            "since you last practised the sign."
        )
        rule.setStyleSheet("color: palette(placeholder-text);")

        # Attempt by attempt rather than on a clock: a session's attempts come minutes apart and days
        # separate sessions, so on a time axis each session would be one vertical smear.
        self.plot = chart()
        self.plot.setLabel("left", "score")
        self.plot.setLabel("bottom", "attempt")
        self.plot.show_y_span(0, 100)
        self.plot.setMouseEnabled(x=True, y=False)
        self.plot.showGrid(y=True, alpha=0.2)
        self.plot.setMinimumHeight(SCORE_CHART_MIN_HEIGHT)
        self.scores = self.plot.plot([], [], pen=None, symbol="o", symbolSize=8, symbolBrush=SCORE_COLOUR)
        self.trend = self.plot.plot([], [], pen=pg.mkPen(TREND_COLOUR, width=2))
        # Above the chart, not in it: a good learner's scores run through the chart's top corner.
        self.legend = QLabel(
            colour_key(((SCORE_COLOUR, "●", "attempt"), (TREND_COLOUR, "━", RECENT_AVERAGE_EXPLAINED)))
        )
        self.legend.setStyleSheet("color: palette(placeholder-text);")
        self.plot_title = ElidedLabel()  # a long sign name ends in "…", whole in its tooltip
        larger_words(self, TITLE_FONT_SCALE, self.plot_title, bold=True)
        self.plot_title.setTextFormat(Qt.TextFormat.PlainText)  # a sign's name, whatever it holds
        self.plot_note = QLabel()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        # Practise now and the count beside the heading, above the list: below it, they were the first cut
        # off where the page scrolls (a window on a 1000x520 screen), half of the button below the edge
        heading = QHBoxLayout()
        heading.addWidget(QLabel("<b>Sign next</b>"))
        heading.addWidget(self.summary, 1)
        heading.addWidget(self.practise_button)
        left_layout.addLayout(heading)
        left_layout.addWidget(rule)
        left_layout.addWidget(self.signing_list, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.plot_title)
        right_layout.addWidget(self.plot_note)
        right_layout.addWidget(self.legend)
        right_layout.addWidget(self.plot, 1)
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        self.learning_panel = LearningProgressPanel(context, content)
        content_layout.addWidget(self.learning_panel, PANEL_STRETCH)  # the learning path, on top
        panes = QWidget(content)
        fill_with_panes(panes, left, right, stretch=(2, 3))
        panes_layout = panes.layout()
        assert panes_layout is not None  # fill_with_panes's
        self._panes_layout = panes_layout
        self._panes_margins = self._panes_layout.contentsMargins()  # the style's, for a page not compact
        content_layout.addWidget(panes, PANES_STRETCH)
        self.scroll_box = ScrollsAsAWhole(content)
        page_layout = QVBoxLayout(self)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(self.scroll_box)

        connect_while_alive(self, context.events.database_changed, self.reload)
        connect_while_alive(self, context.events.attempt_added, self._attempt_added)
        self.reload()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.reload()  # the signs met in a lesson since it was last shown are on the list

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._compact(event.size().height() < COMPACT_PAGE_HEIGHT)

    def _compact(self, compact: bool) -> None:
        """A short page gives up what the learner can do without: some of the score chart's height and the
        blank above the learning path and above and below the panes; nothing else changes
        (COMPACT_PAGE_HEIGHT)."""
        self.learning_panel.compact(compact)
        self.plot.setMinimumHeight(COMPACT_SCORE_CHART_MIN_HEIGHT if compact else SCORE_CHART_MIN_HEIGHT)
        margins = self._panes_margins
        top, bottom = (0, 0) if compact else (margins.top(), margins.bottom())
        self._panes_layout.setContentsMargins(margins.left(), top, margins.right(), bottom)

    def _attempt_added(self, sign_id: int, _attempt_id: int) -> None:
        self.reload(keep=sign_id)  # the learner will look here for the sign they just practised

    @property
    def current_item(self) -> SigningItem | None:
        index = self._item_index(self.signing_list.currentRow())
        return self.items[index] if index is not None else None

    def _item_index(self, row: int) -> int | None:
        """The index in ``items`` of the sign on ``row`` of the list; None for a group's heading or no row."""
        entry = self.signing_list.item(row)
        index = entry.data(ITEM_INDEX) if entry is not None else None
        return index if isinstance(index, int) else None

    def reload(self, keep: int | None = None) -> None:
        """Recompute the signing list, highlighting sign ``keep``, else the one highlighted before."""
        if keep is None:
            keep = self.current_item.sign_id if self.current_item else self.context.selected_sign_id
        try:
            met = shared_learning_path(self.context.database).met_signs()
            self.items = weakest_signing_first(self.context.database.practice_summary(), met)
        except InputError as error:
            self.items = []
            self.summary.setText(str(error))
        self.signing_list.blockSignals(True)
        self.signing_list.clear()
        self.names = sign_names([(item.summary.gloss, item.summary.language) for item in self.items])
        practised = [item for item in self.items if item.practised]
        rows = []  # each item's row
        for index, (item, name) in enumerate(zip(self.items, self.names, strict=True)):
            if index == len(practised):  # the signs met, not signed yet: a group of their own, said so
                self.signing_list.addItem(
                    _group_heading(f"{NOT_SIGNED_YET.capitalize()} ({len(self.items) - index})")
                )
            entry = QListWidgetItem(f"{name}\n    {item.reason}")
            entry.setData(ITEM_INDEX, index)
            self.signing_list.addItem(entry)
            rows.append(self.signing_list.count() - 1)
        self.signing_list.blockSignals(False)
        self.summary.setText(practice_count_words(self.items))
        ids = [item.sign_id for item in self.items]
        self.signing_list.setCurrentRow(rows[ids.index(keep)] if keep in ids else (rows[0] if rows else -1))
        self._show_history()

    def _show_history(self, *_args) -> None:
        item = self.current_item
        self.practise_button.setEnabled(item is not None)
        if item is None:
            self.plot_title.setText("No signs yet")
            self.plot_note.setText("Import or record signs in the Library, then practise them.")
            self.scores.setData([], [])
            self.trend.setData([], [])
            return
        self.plot_title.setText(self.names[self.items.index(item)])
        try:
            history = score_history(self.context.database.attempts(item.sign_id))
        except InputError as error:
            self.plot_note.setText(str(error))
            return
        count = len(history.scores)
        if count == 0:
            self.plot_note.setText(f"{NOT_SIGNED_YET.capitalize()}: its scores will appear here.")
        else:
            since = time.strftime("%d %b %Y", time.localtime(history.times[0]))
            best = item.summary.best_score
            self.plot_note.setText(f"Since {since} · best {best:.0f} · {item.reason}")
        numbers = np.arange(1, count + 1)
        self.scores.setData(numbers, history.scores)
        self.trend.setData(numbers, history.trend)
        self.plot.setXRange(0.5, max(count, MIN_ATTEMPTS_SHOWN) + 0.5, padding=0.02)

    def practise_current(self) -> None:
        if self.current_item is not None:
            self.context.select_sign(self.current_item.sign_id)


def _group_heading(text: str) -> QListWidgetItem:
    """A row naming the group of signs below it: bold, and not a sign, so it cannot be chosen."""
    heading = QListWidgetItem(text)
    heading.setFlags(Qt.ItemFlag.NoItemFlags)
    font = heading.font()
    font.setBold(True)
    heading.setFont(font)
    return heading
