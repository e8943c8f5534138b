"""Page layout shared by the tabs: two panes side by side that the learner can resize, the column of parts a
pane holds, names that never widen the window, text of any length that never moves what is below it, and the
order Tab goes through a page."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, QPointF, QRect, QSignalBlocker, QSize, Qt
from PySide6.QtGui import (
    QFont,
    QFontInfo,
    QFontMetrics,
    QFontMetricsF,
    QPainter,
    QPalette,
    QPen,
    QShowEvent,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QBoxLayout,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QLayout,
    QLineEdit,
    QListView,
    QProxyStyle,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleFactory,
    QStyleOptionButton,
    QStyleOptionViewItem,
    QStylePainter,
    QTabBar,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

Shown = TypeVar("Shown", bound=QWidget)
# A list row's name, when its text says more (a count after it): what it shows when too long for its list
NAME_ROLE = Qt.ItemDataRole.UserRole + 1
Pressed = TypeVar("Pressed", bound=QPushButton)
# What in_a_column stacks: a widget or a layout, or one with the stretch it takes of the height left over.
ColumnPart = QWidget | QLayout | tuple[QWidget | QLayout, int]
WORD_JOINER = "\u2060"  # not seen; a line never wraps at it
# A path in words: a line wrapped inside one, after a slash or a hyphen ("/home/sam/clips/" "short.mp4")
PATH = re.compile(r"(?<!\S)(?:[A-Za-z]:)?[\\/]\S*")
WINDOW_FRAME = 60  # px of the screen's height a window's frame (its title bar) may take
# A page lower than this is short (a 1000 x 520 screen's window): its secondary words take one line each,
# their figures the height (Practice's reference column, the Library's note under a clip)
SHORT_PAGE_HEIGHT = 700
FOCUS_FRAME_WIDTH = 2  # px: the frame around a list, a button, a box… with the keyboard on it (FocusFramed)
BUTTON_TEXT_MARGINS = 16  # px above and below the lines of an ElidedButton, together


def fill_with_panes(page: QWidget, left: QWidget, right: QWidget, stretch: tuple[int, int]) -> QSplitter:
    """Lay ``left`` and ``right`` out in ``page`` behind a splitter, sharing the width as ``stretch``."""
    splitter = QSplitter()
    splitter.addWidget(left)
    splitter.addWidget(right)
    share_width(splitter, stretch)
    QVBoxLayout(page).addWidget(splitter)
    return splitter


def in_a_column(*parts: ColumnPart) -> QWidget:
    """A widget holding ``parts`` one above the other, edge to edge: the pane or page it goes in keeps the
    margins. A part given as ``(part, stretch)`` takes that share of the height left over, e.g.
    ``in_a_column(title, (player, 1), buttons)``."""
    column = QWidget()
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    for part in parts:
        item, stretch = part if isinstance(part, tuple) else (part, 0)
        if isinstance(item, QLayout):
            layout.addLayout(item, stretch)
        else:
            layout.addWidget(item, stretch)
    return column


class FocusFramed(QProxyStyle):
    """The app's style (:func:`shows_the_keyboard_everywhere`), and a frame in the highlight colour where the
    keyboard is, FOCUS_FRAME_WIDTH wide, from the first Tab or click (the style's own showed only once a key
    was pressed): around a list or table (the style draws none there), a button, a check box, a combo box,
    a text or number box (the style's marks were faint outlines a learner could not find), a slider and a
    page tab. Not a style
    sheet's: a widget given one kept its font when the page's grew, its longest words cut."""

    def pixelMetric(self, metric, option=None, widget=None) -> int:
        # Room for a list's whole frame: its rows drew over all of it but its outer pixel
        if metric == QStyle.PixelMetric.PM_DefaultFrameWidth and isinstance(widget, QAbstractItemView):
            return max(FOCUS_FRAME_WIDTH, super().pixelMetric(metric, option, widget))
        return super().pixelMetric(metric, option, widget)

    def drawControl(self, element, option, painter, widget=None) -> None:
        super().drawControl(element, option, painter, widget)
        framed = (
            QStyle.ControlElement.CE_ShapedFrame,
            QStyle.ControlElement.CE_PushButton,  # over its icon
            QStyle.ControlElement.CE_CheckBox,
            QStyle.ControlElement.CE_RadioButton,
            QStyle.ControlElement.CE_TabBarTabLabel,
        )
        if element in framed and option.state & QStyle.StateFlag.State_HasFocus:
            _focus_frame(painter, option)

    def drawComplexControl(self, control, option, painter, widget=None) -> None:
        super().drawComplexControl(control, option, painter, widget)
        framed = (
            QStyle.ComplexControl.CC_Slider,
            QStyle.ComplexControl.CC_ComboBox,
            QStyle.ComplexControl.CC_SpinBox,
        )
        if control in framed and option.state & QStyle.StateFlag.State_HasFocus:
            _focus_frame(painter, option)

    def drawPrimitive(self, element, option, painter, widget=None) -> None:
        # The style's own dotted mark round a check box's words or a tab's, inside the frame: two marks
        if element == QStyle.PrimitiveElement.PE_FrameFocusRect and isinstance(
            widget, (QAbstractButton, QTabBar)
        ):
            return
        super().drawPrimitive(element, option, painter, widget)
        # A text box's own frame (not a combo or spin box's, framed whole above)
        framed_box = isinstance(widget, QLineEdit) and widget.hasFrame()
        if (
            element == QStyle.PrimitiveElement.PE_PanelLineEdit
            and framed_box
            and option.state & QStyle.StateFlag.State_HasFocus
        ):
            _focus_frame(painter, option)


def _focus_frame(painter: QPainter, option) -> None:
    """The frame :class:`FocusFramed` draws round ``option``'s rectangle, inside it."""
    painter.save()
    painter.setPen(QPen(option.palette.color(QPalette.ColorRole.Highlight), FOCUS_FRAME_WIDTH))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    half = FOCUS_FRAME_WIDTH // 2
    painter.drawRect(option.rect.adjusted(half, half, -half, -half))
    painter.restore()


def shows_the_keyboard_everywhere() -> None:
    """The application's style made :class:`FocusFramed` round the style it has (the system's, or one asked
    for with ``-style``): every window's buttons, boxes, lists and tabs show where Tab went, in one place.
    Done once; again, nothing."""
    if not isinstance(QApplication.style(), FocusFramed):
        QApplication.setStyle(FocusFramed(QStyleFactory.create(QApplication.style().name())))


def rows_to_choose_from(headers: list[str]) -> QTableWidget:
    """A read-only table, one thing a row under ``headers``, chosen a whole row at a time."""
    table = QTableWidget(0, len(headers))
    # Its frame as wide as the app's style makes a list's (FocusFramed) from now: made, a table has the
    # style's until it is polished, and a height counted from it now (the search's ten results) cut a row
    table.ensurePolished()
    table.setTabKeyNavigation(False)  # Tab leaves the table (rows are chosen with the arrows)
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    return table


def share_width(splitter: QSplitter, stretch: tuple[int, int]) -> None:
    """Share the splitter's width between its two panes as ``stretch``, now and when the window is resized."""
    for pane, part in enumerate(stretch):
        splitter.setStretchFactor(pane, part)
    # Before the splitter is shown, the sizes are taken as proportions when it is (else it would share by
    # the panes' size hints, and a pane of short rows came out narrower than asked).
    width = splitter.width() if splitter.isVisible() else 1000 * sum(stretch)
    splitter.setSizes([width * part // sum(stretch) for part in stretch])


class RedrawnWhenShown(QWidget):
    """A widget that reads and draws what it shows (:meth:`redraw`, its own) only while it is shown: a
    change while it is hidden (:meth:`reload`) marks it stale, and it is redrawn as it is next shown, first
    drawn as it is first shown. Reading every embedding for the map, or a year of learning history, is
    wasted work while the learner is on another page."""

    _stale = True

    def reload(self, *_args: object) -> None:
        """What it shows changed (an event's arguments are ignored): redraw now if shown, else when shown."""
        if self.isVisible():
            self._stale = False
            self.redraw()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def redraw(self) -> None:
        raise NotImplementedError


def show_choices(box: QComboBox, options: Sequence[tuple[str, object]], shown: int) -> None:
    """Fill ``box`` with ``options`` ((text, data) each), showing the one at ``shown``; unannounced, as the
    choice is the program's, not the learner's."""
    with QSignalBlocker(box):
        box.clear()
        for text, data in options:
            box.addItem(text, data)
        box.setCurrentIndex(shown)


def unbroken_paths(text: str) -> str:
    """``text`` with its paths (a camera's video, a file not read) never wrapped inside: a line broke one
    after a slash, which read as two words."""
    return PATH.sub(lambda path: WORD_JOINER.join(path.group()), text)  # at a hyphen too ("/tmp/my-clips")


def never_widens(widget: Shown) -> Shown:
    """Let ``widget`` take the width its pane gives it: a long sign or lesson name (any learner can type one)
    must not make the window wider than a small laptop's screen. A label wraps at spaces; what still does not
    fit (one very long word, a button's text) is cut, and the full text belongs in its tooltip."""
    if isinstance(widget, QLabel):
        widget.setWordWrap(True)
    policy = widget.sizePolicy()
    policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
    widget.setSizePolicy(policy)
    return widget


def within_the_screen(window: QWidget, size: QSize) -> QSize:
    """``size`` for ``window`` made no larger than the room on the screen it opens on (its parent's), its
    frame counted: a window as large as a big screen allows ran off a small one (1000 x 520) with its
    buttons."""
    parent = window.parentWidget()
    room = (parent if parent is not None else window).screen().availableGeometry().size()
    return size.boundedTo(QSize(room.width(), room.height() - WINDOW_FRAME))


def grow_to_fit_its_words(window: QWidget) -> None:
    """Grow ``window`` as tall as its wrapped words need at its width, and as wide as its least size, within
    the screen (never smaller): a window does not grow by itself for wrapped text, its least size counts it
    at the width a label likes, and adjustSize stops at two thirds of the screen, so notes lost their last
    lines or were squeezed to nothing (walk-throughs at 1000 x 520). A least width set on it keeps its
    layout from widening it, where a scroll bar it then has took its form's right edge."""
    width = max(window.width(), window.minimumSizeHint().width())
    layout = window.layout()
    if layout is not None and layout.hasHeightForWidth():
        height = layout.totalHeightForWidth(width)
    else:
        height = window.sizeHint().height()
    needed = within_the_screen(window, QSize(width, height))
    if needed.width() > window.width() or needed.height() > window.height():
        window.resize(max(needed.width(), window.width()), max(needed.height(), window.height()))


def wide_enough_for(button: Pressed, *texts: str) -> Pressed:
    """``button`` as wide as the widest of ``texts`` needs, saying the last: a button whose words change
    (Start and Stop) changed its width with them, moving what lies beside it."""
    widths = []
    for text in texts:
        button.setText(text)
        widths.append(button.sizeHint().width())
    button.setMinimumWidth(max(widths))
    return button


def keeps_room_when_hidden(widget: Shown) -> Shown:
    """Let ``widget``, hidden, keep its room in the layout: what lies around it does not move as it comes and
    goes (an answer's Next button, a hint)."""
    policy = widget.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    widget.setSizePolicy(policy)
    return widget


class ElidedButton(QPushButton):
    """A button whose text, when wider than the button, is shortened with "…" instead of being cut mid-word
    ("(14 st"); a closing count in brackets is kept whole, the name before it shortened ("Continue where you
    stopped: ASL 2 · Coffee shop: t… (34 steps left)": the steps left are what the learner decides by).
    ``text()`` stays whole, and so does its tooltip. ``lines=2``: a text too long for one line is said on
    two first, broken before its closing count or after its first colon ("Start lesson: ASL 1 · Coffee
    shop: asking" over "(5 of its 6 new signs today, about 25 steps)"): at 1000 px, "Start lesson: ASL 1 ·
    Coffe… (5 of its…" lost the lesson's name. The button is as tall as its lines in the font it has now.
    ``left_aligned``: the text starts at the left, an "M" in from the edge, rather than centred."""

    def __init__(self, text: str = "", lines: int = 1, left_aligned: bool = False):
        super().__init__()
        self.lines = lines
        self.left_aligned = left_aligned
        self.setText(text)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)

    def sizeHint(self) -> QSize:
        return self._tall_enough(super().sizeHint())

    def minimumSizeHint(self) -> QSize:
        return self._tall_enough(super().minimumSizeHint())

    def _tall_enough(self, hint: QSize) -> QSize:
        lines = self.lines * self.fontMetrics().lineSpacing() + BUTTON_TEXT_MARGINS
        return QSize(hint.width(), max(hint.height(), lines))

    def paintEvent(self, event) -> None:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = ""  # drawn here, shortened as the room allows
        painter = QStylePainter(self)
        painter.drawControl(QStyle.ControlElement.CE_PushButton, option)
        area = self.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, self)
        alignment = Qt.AlignmentFlag.AlignHCenter
        if self.left_aligned:
            margin = self.fontMetrics().horizontalAdvance("M")
            area, alignment = area.adjusted(margin, 0, -margin, 0), Qt.AlignmentFlag.AlignLeft
        text = self.shown_text(area.width())
        flags = int(alignment | Qt.AlignmentFlag.AlignVCenter)
        painter.drawItemText(
            area, flags, self.palette(), self.isEnabled(), text, QPalette.ColorRole.ButtonText
        )

    def shown_text(self, room: int) -> str:
        """The text as it is drawn in ``room`` pixels: whole, on two lines, or shortened."""
        text, metrics = self.text(), self.fontMetrics()
        if self.lines < 2 or metrics.horizontalAdvance(text) <= room:
            return self._elided(text, room)
        for line_break in (text.rfind(" ("), text.find(": ") + 1):
            first = text[:line_break]
            if line_break > 0 and metrics.horizontalAdvance(first) <= room:
                return f"{first}\n{self._elided(text[line_break:].strip(), room)}"
        return self._elided(text, room)

    def _elided(self, text: str, room: int) -> str:
        metrics, right = self.fontMetrics(), Qt.TextElideMode.ElideRight
        name, opening, count = text.rpartition(" (")
        if metrics.horizontalAdvance(text) <= room or not (opening and count.endswith(")")):
            return metrics.elidedText(text, right, room)
        room_for_name = room - metrics.horizontalAdvance(opening + count)
        if room_for_name < metrics.horizontalAdvance(name[:4] + "…"):  # too narrow for a name and the count
            return metrics.elidedText(text, right, room)
        return metrics.elidedText(name, right, room_for_name) + opening + count


class ElidedLabel(QLabel):
    """One line of text that ends in "…" when wider than the label (the whole text is its tooltip): it never
    wraps to a second line, which resized what lies above it (the camera picture), nor widens its pane. A
    part of the text may be the one shortened instead (a name, in "“name” — clip 2 of 8"): what follows it
    stays whole, as long as "…" in its place leaves room for it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)  # one line, of its font
        self.shortened = ""  # the part of the text that is shortened to fit ("": the text's end)

    def setText(self, text: str, shortened: str = "") -> None:
        self.shortened = shortened if shortened in text else ""
        super().setText(text)
        self.setToolTip(text)

    def shown_text(self) -> str:
        """The text as it fits the label: whole, or with "…" in place of the end of its shortened part."""
        metrics, width = self.fontMetrics(), self.contentsRect().width()
        text = self.text()
        if self.shortened and metrics.horizontalAdvance(text) > width:
            before, _, after = text.partition(self.shortened)
            room = width - metrics.horizontalAdvance(before + after)
            part = metrics.elidedText(self.shortened, Qt.TextElideMode.ElideRight, room)
            if part:  # else not even "…" fits in its place: the text's end goes
                return before + part + after
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)

    def paintEvent(self, event) -> None:
        _paint_text(self, self.shown_text())


def _paint_text(label: QLabel, text: str, flags: Qt.TextFlag | None = None) -> None:
    """Paint ``text`` in ``label`` as the label paints its own, on one line (or as ``flags`` say)."""
    painter, alignment = QPainter(label), int(label.alignment()) | int(flags or 0)
    role = label.foregroundRole()  # the colour a style sheet gave it
    label.style().drawItemText(
        painter, label.contentsRect(), alignment, label.palette(), label.isEnabled(), text, role
    )


class NoWiderThanTheList(QStyledItemDelegate):
    """Rows no wider than the list they are in, so the list's elide mode ends a long row in "…": a row as
    wide as its text ran past the list's edge and was cut there mid-word. A row with a name (NAME_ROLE)
    too long for the list shows its name alone, shortened in the middle if need be: its start and its end,
    e.g. its language, stay in sight ("Fußba…schaft (DGS)", where the row's end cut it to "Fußballwelt…")."""

    def __init__(self, view: QListView):
        super().__init__(view)
        self.view = view

    def sizeHint(self, option, index) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(min(hint.width(), self.view.viewport().width()), hint.height())

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        name = index.data(NAME_ROLE)
        if name and not option.rect.isEmpty():  # laid out in the list (painted), not only measured
            style = self.view.style()
            text_area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, self.view)
            margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, option, self.view) + 1
            room, metrics = text_area.width() - 2 * margin, option.fontMetrics
            if metrics.horizontalAdvance(option.text) > room:
                option.text = metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, room)


def hanging_lines(text: str, font: QFont, width: float) -> tuple[list[QTextLayout], float]:
    """``text`` laid out in ``width`` px as a row with a hanging indent: its first line at the left edge,
    every other line, its own or wrapped, as far in as the second line's leading spaces say (a name, then
    "    details"); the layouts and their height."""
    first, *others = text.splitlines() or [""]  # a row's "\n" is a line separator in the style's option
    leading_spaces = others[0][: len(others[0]) - len(others[0].lstrip())] if others else ""
    indent = QFontMetricsF(font).horizontalAdvance(leading_spaces)
    wrapping = QTextOption()
    wrapping.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # a long word broken, not cut
    layouts: list[QTextLayout] = []
    height = 0.0
    for paragraph in (first, *(line.strip() for line in others)):
        layout = QTextLayout(paragraph, font)
        layout.setTextOption(wrapping)
        layout.beginLayout()
        while (line := layout.createLine()).isValid():
            left = 0.0 if not layouts and line.lineNumber() == 0 else indent
            line.setLineWidth(max(1.0, width - left))
            line.setPosition(QPointF(left, height))
            height += line.height()
        layout.endLayout()
        layouts.append(layout)
    return layouts, height


class HangingIndentRows(NoWiderThanTheList):
    """Rows of a name and a line under it (:func:`hanging_lines`) that wrap with a hanging indent: a wrapped
    row went on at the list's left edge, where the names are, and its end ("with 24 steps left") read as
    another row."""

    def sizeHint(self, option, index) -> QSize:
        hint = super().sizeHint(option, index)
        shown = QStyleOptionViewItem(option)
        self.initStyleOption(shown, index)
        _layouts, height = hanging_lines(
            shown.text, shown.font, self.view.viewport().width() - 2 * self._margin()
        )
        return QSize(hint.width(), max(hint.height(), math.ceil(height)))

    def paint(self, painter, option, index) -> None:
        shown = QStyleOptionViewItem(option)
        self.initStyleOption(shown, index)
        text, shown.text = shown.text, ""
        style = self.view.style()
        style.drawControl(
            QStyle.ControlElement.CE_ItemViewItem, shown, painter, self.view
        )  # all but the text
        area = shown.rect.adjusted(self._margin(), 0, -self._margin(), 0)
        layouts, height = hanging_lines(text, shown.font, area.width())
        enabled = bool(shown.state & QStyle.StateFlag.State_Enabled)
        active = bool(shown.state & QStyle.StateFlag.State_Active)
        group = QPalette.ColorGroup.Active if active else QPalette.ColorGroup.Inactive
        selected = bool(shown.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setPen(shown.palette.color(group if enabled else QPalette.ColorGroup.Disabled, role))
        top = area.top() + (area.height() - height) / 2  # centred, as the style places a row's text
        for layout in layouts:
            layout.draw(painter, QPointF(area.left(), top))
        painter.restore()

    def _margin(self) -> int:
        """The px the style leaves between a row's edge and its text."""
        return self.view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.view) + 1


def rows_end_in_ellipsis(view: QListView) -> None:
    """A row of ``view`` too long for it ends in "…" (its tooltip should say it whole), after a resize too,
    and never scrolls sideways (its row cut mid-word)."""
    _rows_no_wider_than_the_list(view, NoWiderThanTheList(view))


def rows_wrap_with_a_hanging_indent(view: QListView) -> None:
    """A row of ``view`` too long for it wraps under its first line's text (:class:`HangingIndentRows`), after
    a resize too, and never scrolls sideways."""
    view.setWordWrap(True)
    _rows_no_wider_than_the_list(view, HangingIndentRows(view))


def _rows_no_wider_than_the_list(view: QListView, rows: NoWiderThanTheList) -> None:
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setItemDelegate(rows)
    view.setResizeMode(QListView.ResizeMode.Adjust)  # rows laid out again at the new width


class AtLeastLines(QLabel):
    """A wrapping label at least ``lines`` lines high in the font it has now: a least height set from the
    font the label had when it was built cut the lines of a larger font chosen later."""

    def __init__(self, lines: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.lines = lines

    def least_height(self) -> int:
        """``lines`` lines, measured as the label measures its wrapped text."""
        lines = "\n".join("X" * self.lines)
        text = self.lines_metrics().boundingRect(QRect(0, 0, 1000, 1000), Qt.TextFlag.TextWordWrap, lines)
        margins = self.contentsMargins()
        return text.height() + margins.top() + margins.bottom() + 2 * self.margin()

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(hint.width(), max(hint.height(), self.least_height()))

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), max(hint.height(), self.least_height()))

    def heightForWidth(self, width: int) -> int:  # what a layout asks of a label that wraps
        return max(super().heightForWidth(width), self.least_height())

    def lines_metrics(self) -> QFontMetrics:
        """The metrics its lines are measured in: its font's."""
        return self.fontMetrics()


class RoomForWords(QLabel):
    """Plain text wrapped at the label's width, the label as tall as the tallest of the texts it may say
    (:meth:`keep_room_for`) whatever it says now, nothing ("") too: what lies below it stays where it is as
    its words come, go and change. A hint that went from three lines to one as the learner typed moved the
    field below it under the pointer; a note that came and went left a blank band. Say
    nothing with "", not by hiding it: hidden, a form gave it less room than shown."""

    def __init__(self, *room_for: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)  # under what it is about
        self.room_for = room_for

    def keep_room_for(self, *texts: str) -> None:
        if texts != self.room_for:
            self.room_for = texts
            self.updateGeometry()

    def room_needed(self, width: int) -> int:
        """The height of the tallest of its texts (those it keeps room for, and the one it says), wrapped at
        ``width`` as the label wraps them."""
        margins, margin = self.contentsMargins(), self.margin()
        inner = max(1, width - margins.left() - margins.right() - 2 * margin)
        flags, metrics = int(Qt.TextFlag.TextWordWrap), self.fontMetrics()
        texts = (*self.room_for, self.text())
        heights = [metrics.boundingRect(QRect(0, 0, inner, 100_000), flags, text).height() for text in texts]
        return max(heights) + margins.top() + margins.bottom() + 2 * margin

    def heightForWidth(self, width: int) -> int:
        return self.room_needed(width)

    # Its hints measure the same texts, whichever it says: QLabel's own, for a text of under four lines,
    # are those of half the width, twice the lines (a 100 px row for a three-line hint, 50 for one line)
    def sizeHint(self) -> QSize:
        width = self._liked_width()
        return QSize(width, self.room_needed(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self.sizeHint().height())

    def _liked_width(self) -> int:
        """The width it likes: its longest text on one line, up to 80 characters (QLabel's own limit)."""
        metrics = self.fontMetrics()
        # Measured as room_needed wraps: at a text's advance (rounded down) its last word wrapped, the hint
        # two lines tall for the text said when a name was emptied, one for the longer one said before it
        on_one_line = QRect(0, 0, 100_000, 100_000)
        texts = (*self.room_for, self.text())
        longest = max(metrics.boundingRect(on_one_line, 0, text).width() for text in texts)
        margins = self.contentsMargins()
        room = min(longest, 80 * metrics.averageCharWidth())
        return room + margins.left() + margins.right() + 2 * self.margin()


class KeepsItsLines(AtLeastLines):
    """Plain text on ``lines`` wrapped lines: a text that needs more at the label's width is set smaller (down
    to ``smallest_point_size``, more lines beyond it), the label as tall as the lines of its own font. A
    camera's problem above the picture wrapped to a third line and pushed the picture down ~23 px."""

    def __init__(self, lines: int, font: QFont, smallest_point_size: float, parent: QWidget | None = None):
        super().__init__(lines, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.smallest_point_size = smallest_point_size
        self.own_font = font  # the font its lines are measured in, and the text set in when it fits
        self.setFont(font)

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def lines_metrics(self) -> QFontMetrics:
        return QFontMetrics(self.own_font)

    def _fit(self) -> None:
        """The text in the largest size, down to the smallest, whose wrapped lines keep to the label's."""
        font, size = QFont(self.own_font), self.own_font.pointSizeF()
        while True:
            font.setPointSizeF(size)
            if font != self.font():
                self.setFont(font)
            # measured as the label wraps its text (not yet laid out: fitted once it is)
            fits = self.width() <= 0 or QLabel.heightForWidth(self, self.width()) <= self.least_height()
            if fits or size <= self.smallest_point_size:
                return
            size = max(size - 1, self.smallest_point_size)


class WrapsWhole(QLabel):
    """A wrapping label as tall as all its lines at the width it is given, no taller: a splitter lays its
    panes out by their least sizes, where a wrapping label counts one line, so the lines a narrow pane
    wrapped it to were squeezed out of sight (or, one line only allowed, cut with "…"). Its height is
    measured when asked, at its width then: a least height set at an older, narrower width stayed, a blank
    band around the lines that took the list below it half its rows."""

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)  # under what it is about
        # Room left over goes to what is below it, not to a blank band around its lines
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def lines_height(self) -> int:
        return self.heightForWidth(self.width())

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.lines_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self.lines_height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.height() != self.lines_height():
            self.updateGeometry()  # its lines, and so its height, change with its width


class WrapsOrShortens(AtLeastLines):
    """Plain text wrapped on at least ``lines`` lines, or, where the room is short (:meth:`shorten`), on
    ``lines`` lines only, ending in "…" where it goes on, the whole text its tooltip: secondary words that
    give their height to what matters more in a small window. Shortened, it keeps whole sentences where one
    fits, else whole words: a line cut mid-word ("so that y…") was not read whole even where it began."""

    def __init__(self, lines: int, parent: QWidget | None = None):
        super().__init__(lines, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # painted as it is, when shortened
        self.shortened = False

    def shorten(self, shortened: bool) -> None:
        if shortened != self.shortened:
            self.shortened = shortened
            self.setToolTip(self.text() if shortened else "")
            self.updateGeometry()
            self.update()

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text if self.shortened else "")

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self.least_height()) if self.shortened else hint

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(hint.width(), self.least_height()) if self.shortened else hint

    def heightForWidth(self, width: int) -> int:
        return self.least_height() if self.shortened else super().heightForWidth(width)

    def shown_text(self) -> str:
        """The text as it is painted: whole, or, shortened, as much of it as its lines hold."""
        text = " ".join(self.text().split())
        if not self.shortened or self._fits(text):
            return text
        sentences = re.split(r"(?<=[.!?])\s+", text)
        words = text.split()
        for parts in (sentences, words):  # the most whole sentences that fit, else the most whole words
            for count in range(len(parts) - 1, 0, -1):
                shown = " ".join(parts[:count]) + " …"
                if self._fits(shown):
                    return shown
        width = self.contentsRect().width()  # not even its first word: its start, on one line
        return self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, width)

    def _fits(self, text: str) -> bool:
        room = self.contentsRect()
        flags = int(Qt.TextFlag.TextWordWrap)
        needed = self.fontMetrics().boundingRect(QRect(0, 0, room.width(), 10_000), flags, text)
        return needed.width() <= room.width() and needed.height() <= room.height()

    def paintEvent(self, event) -> None:
        if not self.shortened:
            super().paintEvent(event)
            return
        _paint_text(self, self.shown_text(), Qt.TextFlag.TextWordWrap)


def _scroll_box(widget: QWidget, box: QScrollArea) -> QScrollArea:
    """``box`` made a plain box of the page that holds ``widget`` at its own width and scrolls it up and down
    when it is taller."""
    box.setWidget(widget)
    box.setWidgetResizable(True)  # the widget takes the box's width, its labels wrapping in it
    for plain in (widget, box.viewport()):
        plain.setAutoFillBackground(False)  # the page's own background, as a label has it
    box.setFrameShape(QFrame.Shape.NoFrame)
    box.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return box


class ScrollsAsAWhole(QScrollArea):
    """``content`` given the page's whole room, and scrolled up and down when the window is shorter than its
    least height: its charts and lists keep a readable size rather than being squeezed (the progress page's
    score chart was 120 px and its signing list three rows in the smallest window). Not QScrollArea's own
    resizing: it gives content with wrapped text the height it prefers at its width (the progress page was
    as tall as its charts' preferred sizes, and scrolled even in a large window)."""

    def __init__(self, content: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        _scroll_box(content, self)
        self.setWidgetResizable(False)
        # Not a stop of its own on the Tab key's way, where nothing shows the keyboard is there: the
        # content's buttons and lists take it, and the box scrolls to show the one that has it
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.content = content

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_content()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # the content's least height changed
            self.fit_content()
        return super().event(event)

    def fit_content(self) -> None:
        room = self.viewport().size()
        self.content.resize(room.width(), max(room.height(), self._least_height(room.width())))

    def _least_height(self, width: int) -> int:
        """The content's least height at ``width``, its wrapped words on the lines they take there: its least
        size hint counts them at the width a label likes, fewer lines, and what lay beside them was squeezed
        (Home's hand question, its buttons cut at the bottom)."""
        least = self.content.minimumSizeHint().height()
        layout = self.content.layout()
        if layout is not None and layout.hasHeightForWidth():
            return max(least, layout.totalMinimumHeightForWidth(width))
        return least


def in_a_steady_box(label: QLabel, lines: int) -> QScrollArea:
    """``label`` in a box ``lines`` lines high whatever its text, which scrolls when it is longer: a label
    that grows with its text moves everything below it (the library's buttons jumped from sign to sign)."""
    never_widens(label)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return _SteadyBox(label, lines)


class _SteadyBox(QScrollArea):
    """:func:`in_a_steady_box`'s box: ``lines`` lines of its label high in the font it has now (set from the
    font at build time, a larger font chosen later cut its lines)."""

    def __init__(self, label: QLabel, lines: int):
        super().__init__()
        _scroll_box(label, self)
        self.label, self.lines = label, lines
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        # Words to read, not a stop on the Tab key's way where nothing showed the keyboard was there (a
        # question's answer came between Stop for now and Next); the wheel still scrolls it
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def _height(self) -> int:
        return self.lines * self.label.fontMetrics().lineSpacing() + 2 * self.label.margin()

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._height())

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self._height())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()


class ScrollsWhenShort(QScrollArea):
    """A widget in a box as tall as it needs at the box's width (its labels wrapped) while the window has the
    room, shorter when it has not (down to ``least_height``), the widget then scrolling up and down. Laid out
    directly, wrapped text that needed more lines than the window's least height allowed was drawn over
    what lay below it and cut (the practice page's correction in its smallest window). The box grows with
    the window when its widget does (an expanding picture in it). ``least_height`` and ``steady_height``:
    a height, or what measures it in the fonts the page has now."""

    def __init__(
        self,
        widget: QWidget,
        least_height: int | Callable[[], int],
        parent: QWidget | None = None,
        steady_height: int | Callable[[], int] = 0,
    ):
        super().__init__(parent)
        _scroll_box(widget, self)
        self.held = widget
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a Tab stop of its own: its widget's controls are
        self.least_height = _measured(least_height)
        # Asked for while the window has room even when the widget needs less: what lies above the box
        # stays where it is as the widget's text comes and goes
        self.steady_height = _measured(steady_height)
        self._follow_the_widgets_growth()

    def sizeHint(self) -> QSize:
        widget, frame = self.held, 2 * self.frameWidth()
        # The height the widget needs at its width with the scroll bar beside it: given only what it needs
        # without one, a scroll bar shown once (the window narrower a moment before) stayed, the text
        # wrapped around it needing a line more than the box had (QScrollArea keeps a bar whose width
        # the content then needs).
        width = self.contentsRect().width() - self.verticalScrollBar().sizeHint().width()
        needed = widget.heightForWidth(width) if widget.hasHeightForWidth() else -1
        height = max(needed, widget.minimumSizeHint().height(), self.steady_height())
        return QSize(widget.sizeHint().width() + frame, height + frame)

    def minimumSizeHint(self) -> QSize:
        frame = 2 * self.frameWidth()
        scroll_bar = self.verticalScrollBar().sizeHint().width()  # the widget's least width beside it
        return QSize(self.held.minimumSizeHint().width() + scroll_bar + frame, self.least_height() + frame)

    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.FontChange):  # its content, or the font
            self._follow_the_widgets_growth()
            self.updateGeometry()
        return super().event(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():  # wrapped text needs another height
            self.updateGeometry()

    def _follow_the_widgets_growth(self) -> None:
        layout = self.held.layout()
        grows = layout is not None and bool(layout.expandingDirections() & Qt.Orientation.Vertical)
        policy = QSizePolicy.Policy.Expanding if grows else QSizePolicy.Policy.Preferred
        if self.sizePolicy().verticalPolicy() != policy:
            self.setSizePolicy(QSizePolicy.Policy.Preferred, policy)


class AboveOrBeside(QWidget):
    """``first`` above ``second`` while this widget has the room for both at the heights ``needed_above``
    says (the two together), each taking half the height, and is not so wide that ``first`` (a figure, about
    as wide as tall) has a larger square beside; else side by side, sharing the width as ``beside_stretch``:
    a short window keeps both in view at a useful size rather than one of them below the fold, and a wide
    one gives a figure its room (above, a lesson's replay was a 1230 x 225 strip at 1400 x 900, its figure
    ~120 px high in the middle of it). ``needed_above``: a height, or what measures it in the fonts
    the page has now; more than the two least heights together, so that the widget's height is the room its
    page gives it either way, and the choice stays as it is made."""

    def __init__(
        self,
        first: QWidget,
        second: QWidget,
        needed_above: int | Callable[[], int],
        beside_stretch: tuple[int, int] = (1, 1),
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.needed_above = _measured(needed_above)
        self.beside_stretch = beside_stretch
        self._layout = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(first, 1)
        self._layout.addWidget(second, 1)

    @property
    def beside(self) -> bool:
        return self._layout.direction() == QBoxLayout.Direction.LeftToRight

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        size = event.size()
        short = size.height() < self.needed_above() + self._layout.spacing()
        self._place(short or self._first_larger_beside(size))

    def _first_larger_beside(self, size: QSize) -> bool:
        """Whether ``first``'s largest square is larger beside ``second`` than above it, in ``size``."""
        first, second = self.beside_stretch
        beside = min(size.width() * first // (first + second), size.height())
        return beside > min(size.width(), size.height() // 2)

    def _place(self, beside: bool) -> None:
        if beside == self.beside:
            return
        direction = QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
        self._layout.setDirection(direction)
        for index, stretch in enumerate(self.beside_stretch if beside else (1, 1)):
            self._layout.setStretch(index, stretch)


class _Watcher(QObject):
    def __init__(self, watched: QWidget, kinds: tuple[QEvent.Type, ...], then: Callable[[], None]):
        super().__init__(watched)  # goes with the widget
        self.kinds, self.then = kinds, then
        watched.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() in self.kinds:
            self.then()
        return False  # the widget gets it as usual


def on_events(widget: QWidget, kinds: tuple[QEvent.Type, ...], then: Callable[[], None]) -> None:
    """Call ``then`` as ``widget`` gets an event of one of ``kinds`` (its new size or font already set), e.g.
    to fit its text to its width again."""
    _Watcher(widget, kinds, then)


def _measured(height: int | Callable[[], int]) -> Callable[[], int]:
    return height if callable(height) else lambda: height


def in_tab_order(*widgets: QWidget) -> None:
    """Tab goes through ``widgets`` in the order given: the learner's way through the page. Qt's own order is
    the order the widgets were laid out in, which need not be (a row built first may sit below the controls
    the learner needs first)."""
    for first, second in pairwise(widgets):
        QWidget.setTabOrder(first, second)


def ok_and_cancel(dialog: QDialog) -> QDialogButtonBox:
    """OK and Cancel for ``dialog``, which they accept and reject."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class _LargerWords(QObject):
    """:func:`larger_words`' watch on its page's font."""

    def __init__(self, page: QWidget, scale: float, bold: bool, words: tuple[QWidget, ...]):
        super().__init__(page)
        self._page, self._scale, self._bold, self._words = page, scale, bold, words
        self.size_them()
        page.installEventFilter(self)

    def size_them(self) -> None:
        font = QFont(self._page.font())
        font.setPointSizeF(QFontInfo(self._page.font()).pointSizeF() * self._scale)
        font.setBold(self._bold or font.bold())
        for widget in self._words:
            widget.setFont(font)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._page and event.type() == QEvent.Type.FontChange:
            self.size_them()
        return False


def larger_words(page: QWidget, scale: float, *words: QWidget, bold: bool = False) -> None:
    """``words`` (labels, buttons) in ``page``'s font ``scale`` times as large (and ``bold``), now and
    whenever the page's font changes: a size in a style sheet ("font-size: 15px") stayed as it was when the
    page's font grew."""
    _LargerWords(page, scale, bold, words)
