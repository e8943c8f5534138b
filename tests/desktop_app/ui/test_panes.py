import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSlider,
    QSpinBox,
    QTabBar,
    QTableWidgetItem,
    QWidget,
)

from desktop_app.ui.panes import (
    FOCUS_FRAME_WIDTH,
    AboveOrBeside,
    FocusFramed,
    KeepsItsLines,
    WrapsOrShortens,
    WrapsWhole,
    in_a_column,
    rows_to_choose_from,
    shows_the_keyboard_everywhere,
    unbroken_paths,
)
from signcore.words import breakable
from tests.support import wrapped_lines


def test_a_column_holds_its_parts_in_order_edge_to_edge_and_stretches_those_given_a_stretch(qtbot):
    title, player, button = QLabel("title"), QLabel("player"), QPushButton("Practise")
    buttons = QHBoxLayout()
    buttons.addWidget(button)
    column = in_a_column(title, (player, 1), buttons)
    qtbot.addWidget(column)
    layout = column.layout()
    assert layout.contentsMargins().isNull()  # the pane around it keeps the margins
    assert [layout.itemAt(i).widget() or layout.itemAt(i).layout() for i in range(layout.count())] == [
        title,
        player,
        buttons,
    ]
    assert [layout.stretch(i) for i in range(layout.count())] == [0, 1, 0]
    assert button.parent() is column
    column.resize(200, 600)
    column.show()
    qtbot.waitExposed(column)
    assert player.height() > 400 > title.height()  # the stretched part takes the height left over


def test_words_kept_whole_take_the_height_of_their_lines_at_each_width_and_no_more(qtbot):
    """The rule above the Progress page's signing list sat in a blank band ~120 px tall, text centred in it,
    the list given 2½ of its 5 rows: the label grew into room that was not its lines'."""
    words = WrapsWhole(
        "Weakest first: a low recent average counts most, then few attempts, then a long time."
    )
    below = QWidget()
    below.setFixedHeight(40)
    column = in_a_column(words, below)
    qtbot.addWidget(column)
    column.show()
    heights = {}
    for width in (500, 120, 500):  # wide, narrow (more lines), wide again (as few as before)
        column.resize(width, 400)
        for _ in range(4):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        lines = QLabel.heightForWidth(words, words.width())
        assert words.height() == lines, (width, words.height(), lines)
        heights.setdefault(width, []).append(lines)
    assert heights[120][0] > heights[500][0] == heights[500][1]
    assert words.alignment() & Qt.AlignmentFlag.AlignTop


def test_a_table_of_rows_to_choose_from_is_read_only_chosen_by_whole_rows_and_left_with_tab(qtbot):
    table = rows_to_choose_from(["Sign", "Language"])
    qtbot.addWidget(table)
    table.setRowCount(2)
    for row in range(2):
        for column in range(2):
            table.setItem(row, column, QTableWidgetItem(f"{row}{column}"))
    assert [table.horizontalHeaderItem(column).text() for column in range(2)] == ["Sign", "Language"]
    table.setCurrentCell(1, 1)
    assert [index.row() for index in table.selectionModel().selectedRows()] == [1]  # the whole row
    assert table.selectionMode() == QAbstractItemView.SelectionMode.SingleSelection
    assert table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert not table.tabKeyNavigation()  # Tab goes on to the next control, not the next cell


def test_two_parts_are_one_above_the_other_when_tall_enough_else_side_by_side(qtbot):
    first, second = QWidget(), QWidget()
    for part in (first, second):
        part.setMinimumHeight(100)
    both = AboveOrBeside(first, second, needed_above=300, beside_stretch=(1, 2))
    tall_enough = 300 + both.layout().spacing()
    qtbot.addWidget(both)
    both.resize(400, 400)
    both.show()
    qtbot.waitExposed(both)
    qtbot.waitUntil(lambda: second.y() >= first.y() + first.height())  # one above the other
    assert not both.beside and first.width() == second.width() == 400
    both.resize(400, tall_enough - 1)  # side by side, the second twice as wide
    qtbot.waitUntil(lambda: second.x() >= first.x() + first.width())
    assert both.beside and first.height() == second.height() == tall_enough - 1
    assert abs(second.width() - 2 * first.width()) <= 2 * both.layout().spacing()
    both.resize(400, tall_enough)
    qtbot.waitUntil(lambda: second.y() >= first.y() + first.height())
    assert not both.beside


def test_words_that_wrap_or_shorten_keep_to_their_lines_when_shortened_and_say_it_whole_in_their_tooltip(
    qtbot,
):
    note = WrapsOrShortens(1)
    qtbot.addWidget(note)
    note.setText("8 reference clips. The reference is shown with its hands swapped, so that you sign it")
    note.resize(200, 100)
    line = note.fontMetrics().lineSpacing()
    assert note.heightForWidth(200) >= 2 * line and note.toolTip() == ""
    note.shorten(True)
    assert note.heightForWidth(200) < 2 * line and note.sizeHint().height() < 2 * line
    assert note.toolTip() == note.text()
    note.setText("2 reference clips.")
    assert note.toolTip() == "2 reference clips."
    note.shorten(False)
    assert note.toolTip() == "" and note.minimumSizeHint().height() >= line


MIRRORED_NOTE = "The reference is shown with its hands swapped, so that you sign it with your left hand."


@pytest.mark.parametrize(
    "text",
    [
        f"{MIRRORED_NOTE} 8 reference clips. No sign model is loaded: attempts cannot be scored.",
        f"{MIRRORED_NOTE[:-1]}, however long the sentence goes on and on and on.",  # no sentence fits
    ],
    ids=["sentences", "words"],
)
def test_words_shortened_keep_whole_sentences_or_words_on_their_lines_never_a_cut_one(qtbot, text):
    """Practice's note in a small window: "The reference is shown with its hands swapped, so that y…", its
    one line cut mid-word. Shortened, a note keeps to its lines whole sentences, else whole words, then "…".
    """
    note = WrapsOrShortens(2)
    qtbot.addWidget(note)
    note.setText(text)
    note.shorten(True)
    metrics = note.fontMetrics()
    # two lines that hold the mirrored note: as wide as the longer of its halves
    words = MIRRORED_NOTE.split()
    halves = (" ".join(words[: len(words) // 2]), " ".join(words[len(words) // 2 :]))
    note.resize(max(metrics.horizontalAdvance(half) for half in halves) + 2, note.sizeHint().height())
    assert metrics.lineSpacing() < note.height() < 3 * metrics.lineSpacing()
    shown = note.shown_text()
    assert shown.endswith(" …") and text.startswith(shown[:-2]) and text[len(shown) - 2] == " ", shown
    if text.startswith(MIRRORED_NOTE):
        assert shown == f"{MIRRORED_NOTE} …"  # the sentence that fits, none cut
    room = note.contentsRect()
    needed = metrics.boundingRect(QRect(0, 0, room.width(), 10_000), int(Qt.TextFlag.TextWordWrap), shown)
    assert needed.height() <= room.height() and needed.width() <= room.width()


def test_a_hyphenated_name_wraps_whole_not_at_its_hyphen(qtbot):
    """At 1400 wide, Practice's "Nearest signs" wrapped after "thank-", its "you (ASL)" on the next line."""
    label = QLabel()
    qtbot.addWidget(label)
    document = QTextDocument()
    document.setDefaultFont(label.font())
    document.setDocumentMargin(0)
    document.setPlainText(breakable("1. thank-you (ASL)"))
    document.setTextWidth(QFontMetrics(label.font()).horizontalAdvance("1. thank-yo"))  # "you" won't fit
    document.size()  # laid out
    block = document.firstBlock()  # held: its layout goes with it
    layout = block.layout()
    lines = [layout.lineAt(index) for index in range(layout.lineCount())]
    shown = [block.text()[line.textStart() : line.textStart() + line.textLength()].strip() for line in lines]
    assert shown == ["1.", "thank\u2011you", "(ASL)"]
    assert breakable("- a") == "- a"  # a dash between words stays one


def test_a_path_in_words_is_never_wrapped_inside(qapp):
    """A lost camera's message broke its video's path after a slash ("/tmp/w28b/" "short.mp4"),
    which read as two words."""
    path = "/tmp/h29c-yihyyp7e/short.mp4"
    said = unbroken_paths(f"Lost: {path}: the video cannot be read. C:\\Videos\\a.mp4 too, and 1/2 of them.")
    assert (
        said.replace("\u2060", "")
        == f"Lost: {path}: the video cannot be read. C:\\Videos\\a.mp4 too, and 1/2 of them."
    )
    assert "1/2" in said  # not a path: a fraction, as it was
    font = QFont()
    font.setPointSize(14)
    metrics = QFontMetrics(font)
    for width in range(
        metrics.horizontalAdvance("Lost: /tmp/"), metrics.horizontalAdvance("Lost: " + path), 4
    ):
        lines = [line.replace("\u2060", "").strip() for line in wrapped_lines(said, font, width)]
        assert any(path in line for line in lines), lines


def test_a_long_text_keeps_to_its_lines_in_smaller_letters(qtbot):
    """A heading two lines high: a longer text is set smaller, not on a third line that moves what is under
    it; a short one in its own size; too long for the smallest, it has the lines it needs."""
    font = QFont()
    font.setPointSize(14)
    label = KeepsItsLines(2, font, smallest_point_size=9)
    qtbot.addWidget(label)
    label.resize(300, label.least_height())
    label.show()
    two_lines = label.least_height()
    label.setText("Press Space to start")
    assert label.font().pointSizeF() == 14 and label.heightForWidth(300) == two_lines
    label.setText("Your attempt was lost: the camera stopped. The video cannot be read again from the start.")
    assert label.font().pointSizeF() < 14 and label.heightForWidth(300) == two_lines
    label.setText("word " * 200)
    assert label.font().pointSizeF() == 9 and label.heightForWidth(300) > two_lines
    label.setText("Press Space to start")
    assert label.font().pointSizeF() == 14


def edge_colour(view: QAbstractItemView, column: int = 0) -> int:
    """The colour drawn ``column`` px in from ``view``'s left edge, halfway down, as it looks now."""
    picture = view.grab().toImage()
    return picture.pixel(column, picture.height() // 2)


def test_a_list_shown_with_its_focus_frames_itself_in_the_highlight_while_the_keyboard_is_on_it(qtbot):
    """The keyboard on Practice's sign list could not be seen (the style draws no frame there). The app's
    style (shows_the_keyboard_everywhere, in the tests' application too) frames every list so."""
    window = QWidget()
    qtbot.addWidget(window)
    layout = QHBoxLayout(window)
    framed, plain = QListWidget(), QListWidget()
    for view in (framed, plain):
        view.addItems(["Bier", "can"])
        layout.addWidget(view)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    highlight = framed.palette().color(QPalette.ColorRole.Highlight).rgb()
    plain.setFocus()
    qtbot.waitUntil(plain.hasFocus)
    assert edge_colour(framed) != highlight == edge_colour(plain)  # no focus shown where it is not
    framed.setFocus()
    qtbot.waitUntil(framed.hasFocus)
    # as wide as FOCUS_FRAME_WIDTH: the list's rows covered all of it but its outer pixel
    assert [edge_colour(framed, column) for column in range(FOCUS_FRAME_WIDTH)] == [
        highlight
    ] * FOCUS_FRAME_WIDTH
    assert FOCUS_FRAME_WIDTH == 2
    # and it follows the page's font as every list does (one framed by a style sheet kept its own)
    larger = window.font()
    larger.setPointSizeF(1.2 * larger.pointSizeF())
    window.setFont(larger)
    assert framed.font().pointSizeF() == plain.font().pointSizeF() == larger.pointSizeF()


def highlight_pixels(widget: QWidget) -> int:
    """How many of ``widget``'s pixels are in its highlight colour, as it looks now."""
    picture, highlight = widget.grab().toImage(), widget.palette().color(QPalette.ColorRole.Highlight).rgb()
    return sum(
        picture.pixel(x, y) == highlight for x in range(picture.width()) for y in range(picture.height())
    )


def test_every_kind_of_control_with_the_keyboard_on_it_is_framed_in_the_highlight(qtbot):
    """The style's mark of the keyboard on a page tab and on a slider was a faint outline; on a check box,
    a combo box and a text box too, and on a button it showed only once a key was pressed: a keyboard
    learner could not see where Tab went. The app's style frames each, from the first Tab or click."""
    window = QWidget()
    qtbot.addWidget(window)
    layout = QHBoxLayout(window)
    tabs, slider, elsewhere = QTabBar(), QSlider(Qt.Orientation.Horizontal), QPushButton("elsewhere")
    for tab in ("Home", "Practice"):
        tabs.addTab(tab)
    check_box, combo_box, button = QCheckBox("Start when my hands come up"), QComboBox(), QPushButton("Start")
    combo_box.addItems(["Normal speed", "Slow"])
    text_box, number_box = QLineEdit("Bier"), QSpinBox()
    controls = (tabs, slider, check_box, combo_box, button, text_box, number_box)
    for widget in (*controls, elsewhere):
        layout.addWidget(widget)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    elsewhere.setFocus()
    qtbot.waitUntil(elsewhere.hasFocus)
    assert [highlight_pixels(widget) for widget in controls] == [0] * len(controls)
    for widget, framed in ((tabs, tabs.tabRect(0)), *((widget, widget.rect()) for widget in controls[1:])):
        widget.setFocus()
        qtbot.waitUntil(widget.hasFocus)
        inside = framed.adjusted(4, 4, -4, -4)  # a frame FOCUS_FRAME_WIDTH wide round (most of) it
        assert highlight_pixels(widget) >= FOCUS_FRAME_WIDTH * 2 * (inside.width() + inside.height()), widget


def test_the_keyboard_is_shown_everywhere_by_the_applications_style_set_once(qapp):
    """The app's style (shows_the_keyboard_everywhere, run_app's) frames where the keyboard is round the style
    the application had; asked again, it stays (not a frame in a frame)."""
    style = qapp.style()
    assert isinstance(style, FocusFramed) and not isinstance(style.baseStyle(), FocusFramed)
    shows_the_keyboard_everywhere()
    assert qapp.style() is style


def test_the_page_tabs_and_every_players_position_show_the_keyboard_on_them(qtbot, context):
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.skeleton.player import SkeletonPlayer

    window = MainWindow(context)
    qtbot.addWidget(window)
    player = SkeletonPlayer()
    qtbot.addWidget(player)
    assert isinstance(window.tabs.tabBar().style(), FocusFramed)
    assert isinstance(player.position.style(), FocusFramed)


def test_two_parts_go_side_by_side_where_the_first_has_a_larger_square_there(qtbot):
    """Above, a lesson's replay was a 1230 x 225 strip at 1400 x 900, its figure ~120 px high."""
    first, second = QWidget(), QWidget()
    both = AboveOrBeside(first, second, needed_above=300, beside_stretch=(1, 2))
    qtbot.addWidget(both)
    both.resize(1230, 560)  # tall enough above, but wide: a third of the width is more than half the height
    both.show()
    qtbot.waitUntil(lambda: second.x() >= first.x() + first.width())
    assert both.beside and min(first.width(), first.height()) > 560 // 2
    both.resize(830, 800)  # tall: above, the first has the larger square
    qtbot.waitUntil(lambda: second.y() >= first.y() + first.height())
    assert not both.beside


def test_a_widget_redrawn_when_shown_draws_only_while_shown_and_once_for_changes_made_while_hidden(qtbot):
    from desktop_app.ui.panes import RedrawnWhenShown

    class Counted(RedrawnWhenShown):
        redrawn = 0

        def redraw(self) -> None:
            self.redrawn += 1

    widget = Counted()
    qtbot.addWidget(widget)
    widget.reload()
    widget.reload("an event's argument")
    assert widget.redrawn == 0  # hidden: nothing read yet
    widget.show()
    assert widget.redrawn == 1  # first shown, once for both changes
    widget.reload()
    assert widget.redrawn == 2  # shown: at once
    widget.hide()
    widget.show()
    assert widget.redrawn == 2  # nothing changed while hidden


def test_a_check_box_or_tab_framed_has_no_second_mark_of_the_keyboard_inside_its_frame(qapp):
    """Once a key was pressed the style drew its own dotted mark round a check box's words, inside the
    frame: two marks of one thing. Not there now; a list's row keeps its mark (which row is current)."""
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtWidgets import QStyle, QStyleOptionFocusRect

    def marked(widget: QWidget) -> bool:
        picture = QImage(60, 20, QImage.Format.Format_ARGB32)
        picture.fill(QColor("white"))
        option = QStyleOptionFocusRect()
        option.initFrom(widget)
        option.rect = picture.rect().adjusted(2, 2, -2, -2)
        option.state |= QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_KeyboardFocusChange
        painter = QPainter(picture)
        qapp.style().drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, option, painter, widget)
        painter.end()
        return any(
            picture.pixelColor(x, y) != QColor("white") for x in range(picture.width()) for y in range(20)
        )

    assert not marked(QCheckBox("Mirror view")) and not marked(QTabBar())
    assert marked(QListWidget())


def test_a_table_to_choose_from_has_the_apps_frame_from_the_start(qapp):
    """Made, a table had the style's 1-px frame until shown, then FocusFramed's 2 px: the search's results,
    as high as their rows and that frame, had their last row cut by 2 px."""
    assert rows_to_choose_from(["Lesson"]).frameWidth() == FOCUS_FRAME_WIDTH
