"""The progress page: the signing list and the score history of the sign chosen in it."""

import time

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QLabel

from desktop_app.core.app.context import AppContext
from desktop_app.core.learning.review import shared_learning_path
from desktop_app.core.learning.store import CARD_KINDS
from desktop_app.core.shared.settings import Settings
from desktop_app.ui.progress_page import ProgressPage
from signcore.database import SignDatabase
from tests.desktop_app.core.test_progress import DAY, NOW, practise


def progress_in_a_window(qtbot, context, size: tuple[int, int]):
    """The main window at ``size`` on its Progress page, laid out as shown: the window and the page."""
    from desktop_app.ui.main_window import MainWindow

    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    page = window.pages["Progress"]
    window.tabs.setCurrentWidget(page)
    qtbot.waitExposed(window)
    laid_out()
    return window, page


def laid_out() -> None:
    """The layouts' requests handled, and those they make in turn (a page turning compact as it is sized:
    its parts' least heights change), as the event loop handles them before the window is painted."""
    for _ in range(4):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


def met_in_a_lesson(database, *sign_ids: int) -> None:
    """The learner has met the signs in a lesson (the signing list holds them, not signed yet)."""
    for sign_id in sign_ids:
        shared_learning_path(database).store.introduce(sign_id, CARD_KINDS)


@pytest.fixture
def database(tmp_path):
    with SignDatabase(tmp_path / "signs.db") as db:
        yield db


def test_progress_page_lists_the_weakest_signing_first_and_plots_the_history(qtbot, database, tmp_path):
    now_days_ago = (NOW - time.time()) / DAY  # attempts that end now
    practise(database, "good", [90, 95], days_ago=now_days_ago)
    weak = practise(database, "weak", [20, 10, 30], days_ago=now_days_ago)
    context = AppContext(Settings(), database, None, tmp_path / "settings.json")
    page = ProgressPage(context)
    qtbot.addWidget(page)
    assert page.signing_list.item(0).text().startswith("weak (DGS)\n    recent average 20, 3 attempts")
    assert [item.summary.gloss for item in page.items] == ["weak", "good"]
    assert page.plot_title.text() == "weak (DGS)"  # as the list names it (was "weak")
    assert page.scores.getData()[0].tolist() == [1, 2, 3]  # attempt numbers
    assert page.scores.getData()[1].tolist() == [20, 10, 30]
    assert page.trend.getData()[1].tolist() == [20, 15, 20]
    assert page.summary.text() == "5 attempts on 2 of 2 signs"
    assert page.plot_note.text().startswith("Since ") and "3 attempts" in page.plot_note.text()

    # One plain name for the recent mean, in the list, its rule and the chart's key, which says what it is
    # ("mean of the last 5" was a statistician's words)
    said = [label.text() for label in page.findChildren(QLabel)] + [page.signing_list.item(0).text()]
    assert not any("mean" in text for text in said), said
    assert "recent average (of your last 5 attempts)" in page.legend.text()
    assert any(text.startswith("Weakest first: a low recent average counts most") for text in said)

    chosen = []
    context.events.sign_selected.connect(chosen.append)
    page.signing_list.itemActivated.emit(page.signing_list.item(0))
    assert chosen == [weak]

    page.signing_list.setCurrentRow(1)
    assert page.scores.getData()[1].tolist() == [90, 95]
    good = page.current_item.sign_id
    for _ in range(5):  # five failures make "good" the weaker sign; the page follows the new attempts
        context.notify_attempt_added(good, database.add_attempt(good, 0))
    assert [item.summary.gloss for item in page.items] == ["good", "weak"]
    assert page.plot_title.text() == "good (DGS)" and len(page.scores.getData()[1]) == 7

    # An attempt at another sign (on the practice page) brings that sign's history up.
    context.notify_attempt_added(weak, database.add_attempt(weak, 50))
    assert page.plot_title.text() == "weak (DGS)" and page.scores.getData()[1].tolist() == [20, 10, 30, 50]


def test_two_signs_of_one_name_are_told_apart_in_the_signing_list(qtbot, database, tmp_path):
    """The list named 'Bier' and 'Bier (DGS)' (an import without a language beside the starter sign)."""
    practise(database, "Bier", [40], days_ago=0)
    met_in_a_lesson(database, database.add_sign("bier"), database.add_sign("Wasser"))
    context = AppContext(Settings(), database, None, tmp_path / "settings.json")
    page = ProgressPage(context)
    qtbot.addWidget(page)
    names = sorted(
        page.signing_list.item(row).text().split("\n")[0]
        for row in range(page.signing_list.count())
        if page.signing_list.item(row).flags() & Qt.ItemFlag.ItemIsSelectable  # a sign, not a heading
    )
    assert names == ["Bier (DGS)", "Wasser", "bier (no language)"]


def test_the_signs_never_practised_come_after_the_weakest_under_a_heading(qtbot, database, tmp_path):
    """The walk-through: "Bier" (mean 45) listed at the very bottom, below 58 signs never practised, with
    nothing saying where the practised signs end."""
    for gloss in ("Auto", "Bus", "Zug"):
        met_in_a_lesson(database, database.add_sign(gloss, language="DGS"))
    database.add_sign("computer", language="DGS")  # neither met nor signed: not listed
    practise(database, "Bier", [45] * 31, days_ago=0)
    practise(database, "danke", [40] * 5, days_ago=0)
    context = AppContext(Settings(), database, None, tmp_path / "settings.json")
    page = ProgressPage(context)
    qtbot.addWidget(page)
    rows = [page.signing_list.item(row) for row in range(page.signing_list.count())]
    assert [row.text().split("\n")[0] for row in rows] == [
        "danke (DGS)",
        "Bier (DGS)",
        "Not signed yet (3)",
        "Auto (DGS)",
        "Bus (DGS)",
        "Zug (DGS)",
    ]
    assert rows[2].flags() == Qt.ItemFlag.NoItemFlags  # a heading: it cannot be chosen
    assert page.current_item.summary.gloss == "danke"
    page.signing_list.setCurrentRow(3)
    assert page.current_item.summary.gloss == "Auto" and page.plot_title.text() == "Auto (DGS)"
    auto = page.current_item.sign_id
    context.notify_attempt_added(auto, database.add_attempt(auto, 20))
    assert page.current_item.sign_id == auto and page.signing_list.currentRow() == 0  # now the weakest


def test_a_wrapped_sign_next_row_goes_on_under_its_reasons_start(qtbot, database, tmp_path):
    """h32c's Home rows, on Progress: a reason too long for the "Sign next" list went on at its left edge,
    where the signs' names are, and its end read as another sign. Every line of a row after its first is
    under the reason's indented start, the group heading's row too as it was."""
    practise(database, "Bier", [45, 40, 30], days_ago=0)
    met_in_a_lesson(database, database.add_sign("Auto", language="DGS"))
    context = AppContext(Settings(), database, None, tmp_path / "settings.json")
    page = ProgressPage(context)
    qtbot.addWidget(page)
    signs = page.signing_list
    page.show()
    qtbot.waitExposed(page)
    signs.setFixedWidth(200)
    qtbot.waitUntil(lambda: signs.viewport().width() < 200)
    qtbot.wait(20)  # laid out again at that width
    weakest = signs.item(0)
    line = signs.fontMetrics().lineSpacing()
    assert signs.fontMetrics().horizontalAdvance(weakest.text().split("\n")[1]) > signs.viewport().width()
    row = signs.visualItemRect(weakest)
    assert row.height() >= 3 * line  # its reason wrapped
    picture = signs.viewport().grab().toImage()
    indent = signs.fontMetrics().horizontalAdvance("    ")  # the reason's leading spaces
    for y in range(row.top() + line + 1, row.bottom()):  # under the name, at the left: nothing written
        background = picture.pixel(row.left() + 2, y)
        assert all(picture.pixel(x, y) == background for x in range(row.left() + 2, row.left() + indent)), y
    heading = signs.item(1)
    assert heading.text() == "Not signed yet (1)" and signs.visualItemRect(heading).height() < 2 * line


def test_one_attempt_is_counted_in_the_singular(qtbot, database, tmp_path):
    practise(database, "hallo", [40], days_ago=0)
    context = AppContext(Settings(), database, None, tmp_path / "settings.json")
    page = ProgressPage(context)
    qtbot.addWidget(page)
    assert page.summary.text() == "1 attempt on 1 of 1 sign"


def test_no_chart_shows_pyqtgraphs_own_button_or_menu(qtbot, database, tmp_path):
    """Its "A" (auto-range) button and right-click menu (View All, Mouse Mode, Export...) spoke a plotting
    tool's language on the learning chart and the score chart; the sign map had hidden them already."""
    import pyqtgraph as pg

    from desktop_app.ui.embedding_map import EmbeddingMapPage

    context = AppContext(Settings(), database, None, tmp_path / "settings.json")
    pages = [ProgressPage(context), EmbeddingMapPage(context)]
    charts = [chart for page in pages for chart in page.findChildren(pg.PlotWidget)]
    assert len(charts) == 3
    for chart in charts:
        assert chart.getPlotItem().buttonsHidden and not chart.getPlotItem().menuEnabled()


@pytest.mark.parametrize("size", [(1000, 520), (1400, 900)])
def test_the_page_reads_well_in_a_small_window_and_a_large_one(qtbot, database, tmp_path, size):
    """At 1000x520 the signing list showed three rows under the learning path, the score chart was a strip
    of 120 px, and the lessons' names were cut into two lines ("ASL 3 · Fingerspelling A–", "H"). The
    learning path gives up some of its height, the first line says the signs known and due, the list and
    the charts keep a readable size, every label is whole; shorter still, the page scrolls as a whole."""
    from PySide6.QtWidgets import QLabel

    from desktop_app.ui.learning_progress import KNOWN_CHART_MIN_HEIGHT
    from desktop_app.ui.progress_page import (
        COMPACT_SCORE_CHART_MIN_HEIGHT,
        SCORE_CHART_MIN_HEIGHT,
        SIGNING_ROWS_SHOWN,
    )
    from signcore.lessons import lesson_tag

    practise(database, "hallo", [40, 60, 70], days_ago=0)
    for gloss in ("Auto", "Bus", "Zug", "Rad", "Boot"):
        tags = [lesson_tag("ASL 3 · Fingerspelling A–H and more")]
        met_in_a_lesson(database, database.add_sign(gloss, language="DGS", tags=tags))
    context = AppContext(Settings(), database, None, tmp_path / "settings.json")
    window, page = progress_in_a_window(qtbot, context, size)
    assert page.scroll_box.verticalScrollBar().maximum() == 0  # all of it in view
    panel = page.learning_panel
    assert panel.summary.isVisible() and panel.summary.text().replace("\u00a0", " ").startswith(
        "5 signs met · "
    )
    assert page.plot.height() >= SCORE_CHART_MIN_HEIGHT and panel.plot.height() >= KNOWN_CHART_MIN_HEIGHT
    assert page.signing_list.viewport().height() >= SIGNING_ROWS_SHOWN * page.signing_list.sizeHintForRow(1)
    for label in page.findChildren(QLabel):
        if label.isVisible() and label.wordWrap():
            assert label.heightForWidth(label.width()) <= label.height(), label.text()
        elif label.isVisible():
            assert label.sizeHint().width() <= label.width(), label.text()
    name = panel.lessons.item(0, 0)  # one line, ending in "…" when too long, and whole in its tooltip
    assert not panel.lessons.wordWrap() and name.toolTip() == name.text()

    # Far shorter than its content needs (a window 400 px high stopped at its minimum, 7 px short of it):
    # the page scrolls, its charts keep their (compact) size
    needed = page.scroll_box.widget().minimumSizeHint().height()
    page.setFixedHeight(needed // 2)
    laid_out()
    assert page.scroll_box.verticalScrollBar().maximum() >= needed // 3
    least = COMPACT_SCORE_CHART_MIN_HEIGHT  # a page this short is compact (its chart a little lower)
    assert page.plot.height() >= least and panel.plot.height() >= KNOWN_CHART_MIN_HEIGHT
    window.close()
    context.close()


def test_on_a_1000x520_screen_practise_now_is_in_view_and_the_lessons_names_whole(qtbot, database, tmp_path):
    """The window opens 1000x460 on such a screen (its frame counted): the page scrolled, the attempts line
    and Practise now half below its edge, and the lessons' names were cut ("ASL 1 · Coffee shop: a…")."""
    from desktop_app.ui.main_window import MainWindow
    from signcore.lessons import lesson_tag

    for gloss in ("Auto", "Bus"):
        database.add_sign(gloss, language="ASL", tags=[lesson_tag("ASL 1 · Coffee shop: asking")])
    context = AppContext(Settings(), database, None, tmp_path / "settings.json")
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(1000, 460)
    window.show()
    page = window.pages["Progress"]
    window.tabs.setCurrentWidget(page)
    qtbot.waitExposed(window)
    laid_out()
    viewport = page.scroll_box.viewport()
    for shown in (page.practise_button, page.summary):
        corners = (
            shown.mapTo(viewport, shown.rect().topLeft()),
            shown.mapTo(viewport, shown.rect().bottomRight()),
        )
        assert all(viewport.rect().contains(corner) for corner in corners), "cut by the page's edge"
    lessons = page.learning_panel.lessons
    name = lessons.item(0, 0).text()
    assert name == "ASL 1 · Coffee shop: asking"
    assert lessons.fontMetrics().horizontalAdvance(name) + 12 <= lessons.columnWidth(0), "cut with '…'"
    window.close()


@pytest.mark.parametrize("size", [(1000, 460), (1000, 520), (1400, 900)])
def test_the_window_a_1000x520_screen_opens_shows_the_whole_page_without_a_scroll(
    qtbot, database, tmp_path, size
):
    """In the 1000x460 window such a screen opens, the page scrolled (33 px under its fonts there): the
    signing list's rows and the score chart's foot below "Practise now" were a scroll away. A page that short
    is compact: the score chart a little lower, no blank above and below the panes; every part still there.
    The rule under the list's heading is read whole there too: cut to one line, it ended "…then few …".
    A taller page is as it was."""
    from desktop_app.ui.progress_page import (
        COMPACT_SCORE_CHART_MIN_HEIGHT,
        SCORE_CHART_MIN_HEIGHT,
        SIGNING_ROWS_SHOWN,
    )

    practise(database, "hallo", [40, 60, 70], days_ago=0)
    for gloss in ("Auto", "Bus", "Zug", "Rad", "Boot"):
        met_in_a_lesson(database, database.add_sign(gloss, language="DGS"))
    context = AppContext(Settings(), database, None, tmp_path / "settings.json")
    window, page = progress_in_a_window(qtbot, context, size)
    assert page.scroll_box.verticalScrollBar().maximum() == 0, "the page scrolls"
    compact = size == (1000, 460)
    rule = page.rule
    assert rule.isVisible() and rule.height() >= QLabel.heightForWidth(rule, rule.width())  # all its lines
    least = COMPACT_SCORE_CHART_MIN_HEIGHT if compact else SCORE_CHART_MIN_HEIGHT
    assert page.plot.height() >= least and page.learning_panel.plot.isVisible()
    assert page.signing_list.viewport().height() >= SIGNING_ROWS_SHOWN * page.signing_list.sizeHintForRow(1)
    for shown in (page.practise_button, page.summary, page.legend, page.plot_note):
        assert shown.isVisible()
    window.close()
    context.close()


def test_a_sign_met_in_a_lesson_is_on_the_signing_list_once_the_page_is_shown(qtbot, database, tmp_path):
    """The list holds the signs met: met in a lesson on Home after the page was made, the list said
    "no signs signed or met yet" when the learner went to Progress."""
    context = AppContext(Settings(), database, None, tmp_path / "settings.json")
    page = ProgressPage(context)
    qtbot.addWidget(page)
    assert page.items == []
    met_in_a_lesson(database, database.add_sign("hallo", language="DGS"))
    page.show()
    assert [item.summary.gloss for item in page.items] == ["hallo"]
    assert page.summary.text() == "1 sign, none signed yet"


@pytest.mark.parametrize("size", [(1000, 460), (1000, 520)])
def test_a_first_line_naming_every_count_keeps_the_page_whole_at_1000_px(
    qtbot, database, tmp_path, monkeypatch, size
):
    """A learner with every count (signs known, recognised, due, days practised, days in a row) and weeks of
    history: at 1000 px the learning path's first line wraps to two, and in the 1000x460 window the page
    scrolled by 8 px. Every line is whole and in view."""
    from dataclasses import replace

    from desktop_app.ui import learning_progress

    every_count = (
        "62 signs known · 62 of 62 recognised · 3 due today · practised on 33 days · 9 days in a row"
    )
    days = tuple(NOW - DAY * (40 - day) for day in range(40))

    def with_every_count(*args):
        counts = tuple(range(40))
        return replace(
            real_overview(*args), summary=every_count, known_times=days, known=counts, recognised=counts
        )

    real_overview = learning_progress.progress_overview
    monkeypatch.setattr(learning_progress, "progress_overview", with_every_count)
    practise(database, "hallo", [40, 60, 70], days_ago=0)
    for gloss in ("Auto", "Bus", "Zug", "Rad", "Boot"):
        met_in_a_lesson(database, database.add_sign(gloss, language="DGS"))
    context = AppContext(Settings(), database, None, tmp_path / "settings.json")
    window, page = progress_in_a_window(qtbot, context, size)
    panel = page.learning_panel
    summary = panel.summary
    assert summary.text().replace("\u00a0", " ") == every_count  # no-break spaces inside its parts
    assert panel.known_note.isVisible()  # under the history's chart
    assert summary.height() > summary.fontMetrics().lineSpacing()  # on two lines at 1000 px
    assert summary.height() >= summary.heightForWidth(summary.width()), "its second line cut"
    assert page.scroll_box.verticalScrollBar().maximum() == 0, "the page scrolls"
    window.close()
    context.close()


def axis_labels(plot, side: str) -> list[str]:
    """The tick labels ``plot``'s axis on ``side`` draws as it is laid out now."""
    from PySide6.QtGui import QPainter, QPixmap

    pixmap = QPixmap(8, 8)
    painter = QPainter(pixmap)
    try:
        specs = plot.getPlotItem().getAxis(side).generateDrawSpecs(painter)
    finally:
        painter.end()
    return [text for _rect, _flags, text in specs[2]] if specs else []


@pytest.mark.parametrize("size", [(1000, 460), (1000, 520), (1400, 900)])
def test_the_score_chart_labels_its_0_and_100_at_every_size(qtbot, database, tmp_path, size):
    """At 1000x520 the score chart's axis said "20 40 60 80": the y range's margin was a share of the chart's
    height (2 %, 2 px), and pyqtgraph leaves out an end's label reaching past its gridded axis; a dot at 100
    was cut in half there too. The ends have room for half a label now, in pixels, at any height."""
    practise(database, "hallo", [0, 60, 100], days_ago=0)
    context = AppContext(Settings(), database, None, tmp_path / "settings.json")
    window, page = progress_in_a_window(qtbot, context, size)
    labels = axis_labels(page.plot, "left")  # every 20 or, in the shortest chart, every 50
    assert labels[0] == "0" and labels[-1] == "100" and len(labels) >= 3, labels
    low, high = page.plot.getViewBox().viewRange()[1]
    dot_radius = 4  # its symbolSize's half
    units_per_pixel = (high - low) / page.plot.getViewBox().height()
    assert low <= -dot_radius * units_per_pixel and high >= 100 + dot_radius * units_per_pixel
    window.close()
    context.close()


@pytest.mark.parametrize("size", [(1000, 460), (1000, 520), (1400, 900)])
def test_the_learning_paths_key_is_above_its_lines_at_every_size(
    qtbot, database, tmp_path, monkeypatch, size
):
    """The y range kept a third of the chart over the highest count for the key: at 1000x520 that third was
    less than the key's two lines, which covered the lines' last weeks. The key has its height in pixels."""
    from dataclasses import replace

    from PySide6.QtCore import QPointF

    from desktop_app.ui import learning_progress

    days = tuple(NOW - DAY * (40 - day) for day in range(40))

    def a_growing_history(*args):
        counts = tuple(range(40))
        return replace(real_overview(*args), known_times=days, known=counts, recognised=counts)

    real_overview = learning_progress.progress_overview
    monkeypatch.setattr(learning_progress, "progress_overview", a_growing_history)
    practise(database, "hallo", [40, 60, 70], days_ago=0)
    context = AppContext(Settings(), database, None, tmp_path / "settings.json")
    window, page = progress_in_a_window(qtbot, context, size)
    panel = page.learning_panel
    highest_point = panel.plot.getViewBox().mapViewToScene(QPointF(days[-1], 39))
    key_bottom = panel.key.sceneBoundingRect().bottom()
    assert highest_point.y() > key_bottom, "the key covers the lines"
    window.close()
    context.close()


def test_the_summary_and_the_charts_title_follow_the_pages_font(qtbot, database, tmp_path):
    """The learning path's first line was 15 px and the score chart's title 16 px, set by style sheets:
    they stayed so when the page's font grew. They follow it now, a little larger than its other words."""
    from PySide6.QtGui import QFont, QFontInfo

    from desktop_app.ui.learning_progress import SUMMARY_FONT_SCALE
    from desktop_app.ui.progress_page import TITLE_FONT_SCALE

    practise(database, "hallo", [40, 60, 70], days_ago=0)
    context = AppContext(Settings(), database, None, tmp_path / "settings.json")
    page = ProgressPage(context)
    qtbot.addWidget(page)
    summary, title = page.learning_panel.summary, page.plot_title
    assert "font-size" not in summary.styleSheet() + title.styleSheet()
    for grown in (1, 1.5):
        larger = QFont(page.font())
        larger.setPointSizeF(grown * QFontInfo(page.font()).pointSizeF())
        page.setFont(larger)
        for label, scale in ((summary, SUMMARY_FONT_SCALE), (title, TITLE_FONT_SCALE)):
            size = QFontInfo(label.font()).pointSizeF()
            assert abs(size - scale * larger.pointSizeF()) < 0.5, label.text()
        assert title.font().bold()
    context.close()
