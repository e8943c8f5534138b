"""The learning path's progress, on the progress page: signs known and recognised over time, practice days
(their colours' key beside the calendar), the lessons.

A thin view over :func:`~desktop_app.core.learning.overview.progress_overview`; it reloads when it is shown
after a session step, a practice attempt or a change of the database. The whole history can be exported as
CSV.
"""

from __future__ import annotations

import math
from datetime import date, datetime, time

import pyqtgraph as pg
from PySide6.QtCore import QDate, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.app.context import AppContext
from desktop_app.core.learning.history import export_history
from desktop_app.core.learning.overview import (
    KNOWN_CURVE_NOTE,
    KNOWN_LINE,
    LEARNT_MEANING,
    NOTHING_TO_EXPORT,
    NOTHING_TO_EXPORT_WHY,
    RECOGNISED_LINE,
    TO_REVIEW,
    LessonRow,
    exercise_ability,
    progress_overview,
)
from desktop_app.core.learning.review import shared_learning_path
from desktop_app.core.shared.file_places import EXPORTS
from desktop_app.core.shared.palette import GREEN
from desktop_app.core.signing.view import colour_key
from desktop_app.ui.charts import chart
from desktop_app.ui.file_pickers import save_file
from desktop_app.ui.panes import RedrawnWhenShown, larger_words, never_widens
from desktop_app.ui.subscriptions import connect_while_alive
from signcore.errors import InputError
from signcore.words import wraps_between_parts

KNOWN_COLOUR = GREEN
RECOGNISED_COLOUR = "#3a8ee0"
PRACTISED_COLOURS = ("#cfe8d5", "#8fcb9d", "#4fa765")  # a little, some, a lot of practice that day
PRACTICE_AMOUNTS = ("a little", "some", "a lot")  # the calendar's colours in words
# A lesson's bar: its signs known, met but not known yet, not met yet (the calendar's greens, then grey).
LESSON_BAR_COLOURS = (KNOWN_COLOUR, "#a9d8b4", "#d9dce1")
PANEL_HEIGHT = 300
# The first line's counts this much larger than the page's words (they were 15 px, and stayed so when the
# page's font grew)
SUMMARY_FONT_SCALE = 7 / 6
KNOWN_CHART_MIN_HEIGHT = 130  # lower, the progress page scrolls (panes.ScrollsAsAWhole)
SHOWN_DAYS, DAY_SECONDS = 7, 86_400  # the chart shows at least a week
FEWEST_SIGNS_SHOWN = 4  # the chart's y axis counts at least this many signs, whole ones


def calendar_legend() -> str:
    """The calendar's colours in words (rich text), beside it: nothing said what its shaded days meant."""
    amounts = zip(PRACTISED_COLOURS, PRACTICE_AMOUNTS, strict=True)
    return "Calendar: " + colour_key((colour, "■", amount) for colour, amount in amounts) + " of practice"


def lesson_bar_legend() -> str:
    """The bars' colours in words (rich text), under the lessons."""
    names = ("known", "met", "not met yet")
    return colour_key((colour, "■", name) for colour, name in zip(LESSON_BAR_COLOURS, names, strict=True))


class LessonBar(QWidget):
    """One lesson at a glance: a bar of its signs known, met but not known yet, and not met yet."""

    def __init__(self, row: LessonRow, parent=None):
        super().__init__(parent)
        self.row = row
        self.setToolTip(row.progress_words())
        self.setAccessibleName(row.progress_words())
        self.setMinimumWidth(60)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        bar = QRectF(self.rect()).adjusted(4, 7, -4, -7)
        left = bar.left()
        for share, colour in zip(self.row.shares(), LESSON_BAR_COLOURS, strict=True):
            painter.fillRect(QRectF(left, bar.top(), bar.width() * share, bar.height()), QColor(colour))
            left += bar.width() * share


class LearningProgressPanel(RedrawnWhenShown):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.path = shared_learning_path(context.database)
        self.setMaximumHeight(PANEL_HEIGHT)

        self.summary = never_widens(QLabel())  # wraps rather than widen the window
        larger_words(self, SUMMARY_FONT_SCALE, self.summary)
        self.summary.setToolTip(LEARNT_MEANING)  # its words are Home's (overview.learnt_words)
        self.export_button = QPushButton("Export history as CSV…")
        self.export_button.clicked.connect(self.choose_export_file)
        self.export_note = QLabel()
        self.export_note.setStyleSheet("color: palette(placeholder-text);")
        header = QHBoxLayout()
        header.addWidget(QLabel("<b>Your learning path</b>"))
        header.addWidget(self.summary, 1)
        header.addWidget(self.export_note)
        header.addWidget(self.export_button)

        self.plot = chart(axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
        self.plot.setLabel("left", "signs")
        # The lines' key in the chart's top left corner, which a count that grows leaves empty (the y range
        # keeps room over the lines): above it, a line of the page's height was a scroll at 1000x460
        # on the page's colour, a little see-through: a line running under it leaves the words readable
        under_the_key = QColor(self.palette().window().color())
        under_the_key.setAlpha(220)
        self.key = self.plot.addLegend(
            offset=(4, 1), labelTextColor=self.palette().text().color(), brush=under_the_key
        )
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.showGrid(y=True, alpha=0.2)
        self.plot.setMinimumHeight(KNOWN_CHART_MIN_HEIGHT)
        self.known_curve = self.plot.plot(  # a dot per day: the first day alone is a point, not a line
            [],
            [],
            pen=pg.mkPen(KNOWN_COLOUR, width=2),
            fillLevel=0,
            brush=QColor(46, 157, 79, 50),
            symbol="o",
            symbolSize=6,
            symbolPen=None,
            symbolBrush=KNOWN_COLOUR,
        )
        recognised_line = {  # dashed: told apart from the known line without its colour
            "pen": pg.mkPen(RECOGNISED_COLOUR, width=2, style=Qt.PenStyle.DashLine),
            "symbol": "o",
            "symbolSize": 6,
            "symbolPen": None,
            "symbolBrush": RECOGNISED_COLOUR,
        }
        self.recognised_curve = self.plot.plot([], [], **recognised_line)
        # Each line's look without the known line's shading, which the key drew as a stray triangle
        known_line = {**recognised_line, "pen": pg.mkPen(KNOWN_COLOUR, width=2), "symbolBrush": KNOWN_COLOUR}
        self.key.addItem(pg.PlotDataItem(**known_line), KNOWN_LINE)
        self.key.addItem(pg.PlotDataItem(**recognised_line), RECOGNISED_LINE)
        self.known_note = QLabel(KNOWN_CURVE_NOTE)  # why the curve may dip: shown once there is a curve
        self.known_note.setWordWrap(True)
        self.known_note.setStyleSheet("color: palette(placeholder-text);")
        self.known_note.hide()
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(False)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setSelectionMode(QCalendarWidget.SelectionMode.NoSelection)
        self.calendar.setMaximumWidth(320)
        # Beside the calendar, under the lessons' key: under the calendar, its line made the page scroll at
        # 1000x460 (the calendar is the panel's tallest part)
        self.calendar_legend = never_widens(QLabel(calendar_legend()))  # wraps rather than widen the column
        self.calendar_legend.setStyleSheet("color: palette(placeholder-text);")
        self.lessons = QTableWidget(0, 3)
        self.lessons.setTabKeyNavigation(False)  # Tab leaves the table (rows are chosen with the arrows)
        # A name too long for its column ends in "…" (its tooltip says it whole): wrapped, "ASL 3 ·
        # Fingerspelling A–H" was cut into "A–" and "H" in a row of two lines' height
        self.lessons.setWordWrap(False)
        self.lessons.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.lessons.setHorizontalHeaderLabels(["Lesson", "Signs", TO_REVIEW.capitalize()])
        self.lessons.verticalHeader().setVisible(False)
        self.lessons.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.lessons.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        lesson_columns = self.lessons.horizontalHeader()
        lesson_columns.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        lesson_columns.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        lesson_columns.resizeSection(1, 90)
        lesson_columns.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.lesson_legend = QLabel(lesson_bar_legend())
        self.lesson_legend.setStyleSheet("color: palette(placeholder-text);")

        chart_column = QVBoxLayout()
        chart_column.addWidget(self.plot, 1)
        chart_column.addWidget(self.known_note)
        row = QHBoxLayout()
        # The lessons as wide as the chart: at 1000 px their names were cut to "ASL 1 · Coffee shop: a…"
        row.addLayout(chart_column, 1)
        row.addWidget(self.calendar, 0)
        lessons = QVBoxLayout()
        lessons.addWidget(self.lessons, 1)
        lessons.addWidget(self.lesson_legend)
        lessons.addWidget(self.calendar_legend)
        row.addLayout(lessons, 1)
        layout = QVBoxLayout(self)
        side = self._margin = self.style().pixelMetric(QStyle.PixelMetric.PM_LayoutLeftMargin)  # as below
        layout.setContentsMargins(side, side, side, 6)
        layout.addLayout(header)
        layout.addLayout(row, 1)

        connect_while_alive(self, self.path.changed, self.reload)
        connect_while_alive(self, context.events.attempt_added, self.reload)
        connect_while_alive(self, context.events.database_changed, self._database_changed)
        self.reload()

    def compact(self, compact: bool) -> None:
        """In a short page (the progress page's compact one), no blank above the first line: at 1000 px the
        line naming every count (signs known, recognised, due, days practised, days in a row) wraps to two,
        and the page scrolled by 8 px in the 1000x460 window."""
        layout = self.layout()
        assert layout is not None  # made in __init__
        margins = layout.contentsMargins()
        margins.setTop(0 if compact else self._margin)
        layout.setContentsMargins(margins)

    def _database_changed(self) -> None:
        if self.path.database is not self.context.database:  # another database was opened
            self.path = shared_learning_path(self.context.database)
            connect_while_alive(self, self.path.changed, self.reload)
        self.reload()

    def redraw(self) -> None:
        """Show the history as it is now (only while shown: a session step each few seconds must not
        recompute a year of history for a page nobody looks at)."""
        try:
            self._reload()
        except InputError as error:
            self.summary.setText(str(error))

    def _reload(self) -> None:
        overview = progress_overview(self.path, exercise_ability(self.context))
        days = list(overview.known_times)
        self.known_curve.setData(days, list(overview.known))
        self.recognised_curve.setData(days, list(overview.recognised))
        self.known_note.setVisible(bool(days))
        # At least the week up to the last day (today before any review): the axis then counts days, not
        # the hours of one day (nor, with no curve, fractions of a second), and whole signs.
        last = days[-1] if days else datetime.combine(overview.today, time()).timestamp()
        first = min(days[0] if days else last, last - (SHOWN_DAYS - 1) * DAY_SECONDS)
        self.plot.setXRange(first - DAY_SECONDS / 2, last + DAY_SECONDS / 2, padding=0.02)
        highest = max((*overview.known, *overview.recognised), default=0)
        # The key's height above the lines, in pixels: a share of the chart's (a third) was less than the
        # key's two lines in a short chart, which at 1000x520 covered the lines' last weeks
        key_height = math.ceil(self.key.boundingRect().height())
        self.plot.show_y_span(0, max(highest, FEWEST_SIGNS_SHOWN), room_above=key_height)
        self.summary.setText(wraps_between_parts(overview.summary))  # at 1000 px: "…practised on 1" / "day"
        has_history = bool(overview.practice_days)  # every answer and attempt is on a day practised
        self.export_button.setEnabled(has_history)
        self.export_button.setToolTip("" if has_history else NOTHING_TO_EXPORT_WHY)
        if not has_history or self.export_note.text() == NOTHING_TO_EXPORT:  # "Exported to …" stays
            self.export_note.setText("" if has_history else NOTHING_TO_EXPORT)
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())  # clears every day's format
        for practised in overview.practice_days:
            day_format = QTextCharFormat()
            day_format.setBackground(QColor(PRACTISED_COLOURS[practised.level]))
            day_format.setToolTip(practised.tooltip)
            day = practised.day
            self.calendar.setDateTextFormat(QDate(day.year, day.month, day.day), day_format)
        # Nothing selected (a selection would hide today's colour): the selection goes to the first date the
        # calendar knows, and the page shown stays this month.
        self.calendar.setSelectedDate(self.calendar.minimumDate())
        self.calendar.setCurrentPage(overview.today.year, overview.today.month)
        self.lessons.setRowCount(len(overview.lesson_rows))
        for row, lesson in enumerate(overview.lesson_rows):
            name, due = lesson.cells()
            name_item = QTableWidgetItem(name)
            name_item.setToolTip(name)
            self.lessons.setItem(row, 0, name_item)
            self.lessons.setCellWidget(row, 1, LessonBar(lesson))
            due_item = QTableWidgetItem(due)
            due_item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.lessons.setItem(row, 2, due_item)

    def choose_export_file(self) -> None:
        suggested = f"signpractice-history-{date.today().isoformat()}.csv"
        path = save_file(
            self, self.context, "Export your history", "CSV files (*.csv)", suggested, place=EXPORTS
        )
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        try:
            export_history(self.path.store, path)
        except InputError as error:
            self.export_note.setText(f"Not exported: {error}")
            return
        self.export_note.setText(f"Exported to {path}")
