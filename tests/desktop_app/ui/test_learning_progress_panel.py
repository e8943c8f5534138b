"""The progress page's learning panel: signs known, practice days on the calendar, lessons, CSV export."""

from datetime import date, datetime, time

from fsrs import Rating
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QLabel

from desktop_app.core.app.context import AppContext
from desktop_app.core.learning.review import shared_learning_path
from desktop_app.core.learning.store import CARD_KINDS
from desktop_app.core.shared.settings import Settings
from desktop_app.ui.learning_progress import KNOWN_COLOUR
from desktop_app.ui.panes import FocusFramed
from desktop_app.ui.progress_page import ProgressPage
from signcore.database import SignDatabase
from signcore.lessons import lesson_tag
from tests.desktop_app.core.learning.helpers import add_signs
from tests.support import wrapped_lines


def shown_words(label: QLabel) -> str:
    """What ``label`` says, its no-break spaces as spaces."""
    return label.text().replace("\u00a0", " ")


def test_the_summary_wraps_between_its_parts_never_inside_one(qtbot, tmp_path):
    """At 1000 px wide the first line wrapped inside its last part, leaving "day" alone on a second line
    ("… · practised on 1" / "day"). Whatever the width, it now wraps between two parts."""
    database = SignDatabase(tmp_path / "signs.db")
    (hallo,) = add_signs(database, "DGS", ["hallo"], tags=[lesson_tag("Greetings")])
    page = ProgressPage(AppContext(Settings(), database, None, tmp_path / "settings.json"))
    qtbot.addWidget(page)
    page.show()
    store = shared_learning_path(database).store
    store.introduce(hallo, CARD_KINDS)
    for kind in CARD_KINDS:
        store.review(hallo, kind, Rating.Easy)
    shared_learning_path(database).changed.emit()
    summary = page.learning_panel.summary
    parts = shown_words(summary).split(" · ")
    assert parts == ["1 sign known", "1 of 1 recognised", "1 signed from memory", "practised on 1 day"]
    for width in range(120, 800, 5):
        lines = wrapped_lines(summary.text(), summary.font(), width)
        for line in lines:  # without the space it wraps at and the separator it ends with
            words = line.replace("\u00a0", " ").strip().removesuffix(" ·")
            assert set(words.split(" · ")) <= set(parts), (width, lines)


def test_the_panel_shows_what_was_learnt_and_exports_it(qtbot, tmp_path):
    database = SignDatabase(tmp_path / "signs.db")
    hallo, ich = add_signs(database, "DGS", ["hallo", "ich"], tags=[lesson_tag("Greetings")])
    context = AppContext(Settings(), database, None, tmp_path / "settings.json")
    page = ProgressPage(context)
    qtbot.addWidget(page)
    page.show()
    panel = page.learning_panel
    assert panel.summary.text().startswith("Nothing learnt yet: start a lesson or today's review")
    # nothing to export yet: the export greyed, saying so (enabled, it wrote a CSV of headings)
    assert not panel.export_button.isEnabled() and panel.export_note.text() == "Nothing to export yet"
    assert panel.known_note.isHidden()  # no curve, nothing to explain
    # Before any sign is known the axis already shows the days of this week, not the seconds of 1970.
    shown_from, shown_to = panel.plot.viewRange()[0]
    noon = datetime.combine(date.today(), time(12)).timestamp()
    assert shown_to - shown_from >= 7 * 86_400 and shown_from < noon < shown_to
    assert panel.plot.viewRange()[1][1] >= 5  # whole signs, not fractions of one

    store = shared_learning_path(database).store
    store.introduce(hallo, CARD_KINDS)
    for kind in CARD_KINDS:  # easy at once: learnt for days
        store.review(hallo, kind, Rating.Easy)
    shared_learning_path(database).changed.emit()  # as a session step does

    assert shown_words(panel.summary).startswith(
        "1 sign known · 1 of 1 recognised · 1 signed from memory · practised on 1 day"
    )
    assert panel.export_button.isEnabled() and panel.export_note.text() == ""
    assert list(panel.known_curve.getData()[1]) == [1]
    # Why the curve may dip (signs due for review), in plain words under it.
    assert panel.known_note.isVisible() and "due for review" in panel.known_note.text()
    assert "%" not in panel.known_note.text() and "FSRS" not in panel.known_note.text() + panel.plot.toolTip()
    # One day of history is one point: a line through it alone would draw nothing at all.
    assert panel.known_curve.scatter.isVisible() and len(panel.known_curve.scatter.data) == 1
    shown_from, shown_to = panel.plot.viewRange()[0]
    assert shown_to - shown_from >= 7 * 86_400  # a week of days on the axis, not one day's hours
    today = date.today()
    assert (
        panel.calendar.dateTextFormat(QDate(today.year, today.month, today.day))
        .background()
        .color()
        .isValid()
    )
    assert [panel.lessons.item(0, column).text() for column in (0, 2)] == ["Greetings", ""]
    bar = panel.lessons.cellWidget(0, 1)  # the lesson as a picture: half of its signs known
    assert bar.toolTip() == "1 of 2 signs known · 1 met"
    picture = bar.grab().toImage()
    middle = picture.height() // 2
    known, not_met = (
        picture.pixelColor(picture.width() // 4, middle),
        picture.pixelColor(picture.width() * 3 // 4, middle),
    )
    assert known.name() == KNOWN_COLOUR and not_met.name() != KNOWN_COLOUR

    target = tmp_path / "history.csv"
    panel.export_to(str(target))
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("time,sign,language,exercise") and len(lines) == 3
    assert "Exported to" in panel.export_note.text()
    panel.export_to(str(tmp_path))  # a folder: cannot be written
    assert panel.export_note.text().startswith("Not exported:")
    context.close()


def test_the_lesson_table_says_signs_to_review_as_home_does_and_shows_the_keyboard_on_it(qtbot, tmp_path):
    """Home's "5 due" of signs just met read as a debt: "to review", the table's column too; and the
    table, a Tab stop, showed no frame with the keyboard on it."""
    database = SignDatabase(tmp_path / "signs.db")
    add_signs(database, "DGS", ["hallo", "ich"], tags=[lesson_tag("Greetings")])
    page = ProgressPage(AppContext(Settings(), database, None, tmp_path / "settings.json"))
    qtbot.addWidget(page)
    lessons = page.learning_panel.lessons
    assert lessons.horizontalHeaderItem(2).text() == "To review"
    assert isinstance(lessons.style(), FocusFramed)


def test_the_chart_shows_the_signs_recognised_its_dots_on_the_days_ticks_and_the_calendar_has_a_key(
    qtbot, tmp_path
):
    """w32b 2 and 10: a learner who recognised every sign but could not sign them saw a flat line at 0; each
    dot sat half-way between two days' ticks; the calendar's greens had no key. The chart draws the signs
    recognised beside the signs known, each named in its key; its dots sit on the days' ticks; a key says
    what the calendar's colours mean."""
    from desktop_app.core.learning.store import ExerciseKind
    from desktop_app.ui.learning_progress import PRACTISED_COLOURS

    database = SignDatabase(tmp_path / "signs.db")
    signs = add_signs(database, "DGS", ["hallo", "ich", "du"], tags=[lesson_tag("Greetings")])
    context = AppContext(Settings(), database, None, tmp_path / "settings.json")
    page = ProgressPage(context)
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    store = shared_learning_path(database).store
    for sign_id in signs:
        store.introduce(sign_id, CARD_KINDS)
        store.review(sign_id, ExerciseKind.RECOGNITION, Rating.Easy)
        store.review(sign_id, ExerciseKind.PRODUCTION, Rating.Again, score=10.0)
    shared_learning_path(database).changed.emit()
    panel = page.learning_panel
    assert list(panel.known_curve.getData()[1]) == [0] and list(panel.recognised_curve.getData()[1]) == [3]
    assert shown_words(panel.summary).startswith("3 of 3 signs recognised")
    key = [label.text for _sample, label in panel.key.items]
    assert key == [
        "signs known (signed from memory, well learnt)",
        "signs you recognise (Which sign is this?)",
    ]
    axis = panel.plot.getAxis("bottom")
    panel.plot.grab()  # drawn: the date axis chooses its ticks by its font, once drawn
    shown_from, shown_to = panel.plot.viewRange()[0]
    ticks = {
        value for _spacing, values in axis.tickValues(shown_from, shown_to, axis.width()) for value in values
    }
    (today,) = panel.known_curve.getData()[0]
    assert today in ticks, "the day's dot is not on a tick"
    calendar_key = panel.calendar_legend.text()
    assert panel.calendar_legend.isVisible() and all(colour in calendar_key for colour in PRACTISED_COLOURS)
    assert "a little" in calendar_key and "a lot of practice" in calendar_key
    context.close()
