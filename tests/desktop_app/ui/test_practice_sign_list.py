"""The practice page's list of signs: its search finds signs as typed and says when none match."""

from PySide6.QtCore import Qt

from desktop_app.core.app.context import AppContext
from desktop_app.core.shared.settings import Settings
from desktop_app.ui.panes import FocusFramed
from desktop_app.ui.practice_page import ALL_LANGUAGES, CHOOSE_A_SIGN_PROMPT, NO_SIGNS_PROMPT, PracticePage
from signcore.database import SignDatabase
from tests.support import SIGNING_VIDEO, shown_on_a_small_screen


def practice_page(qtbot, database: SignDatabase, tmp_path) -> PracticePage:
    """The practice page over ``database``, the signing video as its camera."""
    context = AppContext(Settings(), database, None, settings_path=tmp_path / "settings.json")
    context.use_camera(str(SIGNING_VIDEO), True)
    page = PracticePage(context)
    qtbot.addWidget(page)
    return page


def test_the_search_finds_a_sign_typed_with_spaces_and_says_when_nothing_matches(qtbot, tmp_path):
    """Typing "thank you" found nothing ("thank-you") and the list stood empty without a word."""
    with SignDatabase(tmp_path / "signs.db") as database:
        database.add_sign("thank-you", "ASL")
        database.add_sign("hallo", "DGS")
        page = practice_page(qtbot, database, tmp_path)
        page.search_box.setText("thank you")
        assert [page.sign_list.item(row).text() for row in range(page.sign_list.count())] == [
            "thank-you (ASL)"
        ]
        assert page.no_match_label.isHidden()
        page.search_box.setText("thanks a lot")
        assert page.sign_list.count() == 0 and not page.no_match_label.isHidden()
        assert page.no_match_label.text() == "No sign matches “thanks a lot”."
        page.language_box.setCurrentText("DGS")
        page.search_box.setText("thank")
        assert page.no_match_label.text() == "No sign in DGS matches “thank”: try All languages."
        page.search_box.clear()
        assert page.no_match_label.isHidden()
        page.shutdown()


def test_with_no_sign_chosen_the_prompt_says_what_the_list_shows(qtbot, tmp_path):
    """A search emptying the list while no sign was loaded said "No signs to practise yet" (there were)."""
    with SignDatabase(tmp_path / "signs.db") as database:
        database.add_sign("thank-you", "ASL")
        page = practice_page(qtbot, database, tmp_path)
        context = page.context
        context.select_sign(None)
        assert page.prompt_label.text() == CHOOSE_A_SIGN_PROMPT  # not "cannot be scored": none is chosen
        page.search_box.setText("coffee")
        assert page.prompt_label.text() == "No sign matches “coffee”."
        page.search_box.clear()
        assert page.prompt_label.text() == CHOOSE_A_SIGN_PROMPT
        database.delete_sign(database.signs()[0].id)
        context.notify_database_changed()
        assert page.prompt_label.text() == NO_SIGNS_PROMPT
        page.shutdown()


def test_the_list_is_in_the_order_of_the_names_it_shows(qtbot, tmp_path):
    """Sorted by the stored names, "letter L (ASL)" (stored "l") stood between "large" and "lernen"."""
    with SignDatabase(tmp_path / "signs.db") as database:
        for gloss, language in (("large", "ASL"), ("l", "ASL"), ("lernen", "DGS"), ("a", "ASL")):
            database.add_sign(gloss, language)
        page = practice_page(qtbot, database, tmp_path)
        shown = [page.sign_list.item(row).text().split(" · ")[0] for row in range(page.sign_list.count())]
        assert shown == ["large (ASL)", "lernen (DGS)", "letter A (ASL)", "letter L (ASL)"]
        page.shutdown()


def test_a_sign_chosen_elsewhere_is_shown_and_highlighted_in_the_list(qtbot, tmp_path):
    """Mainz chosen after searching "mainz", then hallo from the library: the page practised hallo while the
    list still showed "mainz" with Mainz highlighted, and clicking Mainz did nothing."""
    with SignDatabase(tmp_path / "signs.db") as database:
        mainz, hallo = database.add_sign("Mainz", "DGS"), database.add_sign("hallo", "DGS")
        hello = database.add_sign("hello", "ASL")
        page = practice_page(qtbot, database, tmp_path)
        context = page.context

        def highlighted():
            return [item.data(Qt.ItemDataRole.UserRole) for item in page.sign_list.selectedItems()]

        page.language_box.setCurrentText("DGS")
        page.search_box.setText("mainz")
        page.sign_list.setCurrentRow(0)
        assert context.selected_sign_id == mainz and highlighted() == [mainz]
        context.select_sign(hallo)  # "Practise this sign" in the library
        assert page.search_box.text() == "" and page.language_box.currentText() == "DGS"
        assert highlighted() == [hallo] and page.reference_title.text() == "hallo (DGS)"
        context.select_sign(hello)  # another language: the language filter goes too
        assert page.language_box.currentText() == ALL_LANGUAGES and highlighted() == [hello]
        names = [page.sign_list.item(row).text() for row in range(page.sign_list.count())]
        row = next(row for row, name in enumerate(names) if name.startswith("Mainz"))
        page.sign_list.setCurrentRow(row)
        page.load_sign(hallo)  # whatever put the list out of step: a click on the highlighted sign opens it
        page.sign_list.itemClicked.emit(page.sign_list.item(row))
        assert context.selected_sign_id == mainz and page.reference_title.text() == "Mainz (DGS)"
        page.shutdown()


def test_a_long_sign_name_ends_in_an_ellipsis_within_the_list(qtbot, tmp_path):
    """ "hand_estimation__0ff215ef4f1f111e217e2cefee0adc77" ran past the list's edge, cut mid-word with no "…"
    (a row as wide as its text is cut by the list, not shortened by it)."""
    with SignDatabase(tmp_path / "signs.db") as database:
        database.add_sign("hand_estimation__0ff215ef4f1f111e217e2cefee0adc77", "")
        page = shown_on_a_small_screen(qtbot, practice_page(qtbot, database, tmp_path))
        row = page.sign_list.item(0)
        assert page.sign_list.fontMetrics().horizontalAdvance(row.text()) > page.sign_list.viewport().width()
        assert page.sign_list.visualItemRect(row).right() < page.sign_list.viewport().width()
        assert page.sign_list.textElideMode() == Qt.TextElideMode.ElideRight
        assert row.toolTip().startswith("hand_estimation__0ff215ef4f1f111e217e2cefee0adc77")
        page.shutdown()


def test_the_list_widens_with_a_larger_font_chosen_after_it_was_filled(qtbot, tmp_path):
    """The longest name was measured as the list was filled: in a larger font chosen afterwards (or on a
    screen of another resolution) "Weltmeisterschaft (DGS)" was cut though the window had the room, until
    the list happened to be filled again."""
    with SignDatabase(tmp_path / "signs.db") as database:
        # as long as a row with its clip count was: a shorter name fits the list's least width either way
        database.add_sign("Weltmeisterschaftsqualifikation", "DGS")
        database.add_sign("hallo", "DGS")
        page = practice_page(qtbot, database, tmp_path)
        page.resize(1200, 800)  # the camera has width to spare
        page.show()
        qtbot.waitExposed(page)
        names = page.sign_list

        def whole() -> bool:
            texts = [names.item(row).text() for row in range(names.count())]
            return max(map(names.fontMetrics().horizontalAdvance, texts)) < names.viewport().width() - 4

        qtbot.waitUntil(whole)
        larger = page.font()
        larger.setPointSizeF(1.2 * larger.pointSizeF())  # the longest name within the list's most width
        page.setFont(larger)
        assert not whole(), "the larger font should need a wider list"
        qtbot.waitUntil(whole)
        page.shutdown()


def shown_text(names, row: int) -> str:
    """The text the list paints in its ``row``, as its delegate gives it to the style."""
    from PySide6.QtWidgets import QStyleOptionViewItem

    item = names.item(row)
    option = QStyleOptionViewItem()
    option.initFrom(names)
    option.rect = names.visualItemRect(item)
    names.itemDelegate().initStyleOption(option, names.indexFromItem(item))
    return option.text


def test_a_row_names_its_sign_whole_or_ends_in_an_ellipsis_keeping_its_language(qtbot, tmp_path):
    """A walk-through: at 1000 x 520 "deutschland (DGS) · 8 clips" was cut to "deutschland (DGS)"
    without a "…", and every row repeated "· 8 clips", which tells a learner practising nothing. A row is
    the sign's name: whole where it fits, else shortened in the middle with "…" (its start and its
    language in sight); its tooltip says it whole."""
    with SignDatabase(tmp_path / "signs.db") as database:
        for gloss in ("Fußballweltmeisterschaftsendspiel", "deutschland", "du"):
            database.add_sign(gloss, "DGS")
        page = shown_on_a_small_screen(qtbot, practice_page(qtbot, database, tmp_path))
        page.resize(1000, 520)
        qtbot.wait(50)  # the layout settles
        names = page.sign_list
        metrics, room = names.fontMetrics(), names.viewport().width()
        shown = {names.item(row).text(): shown_text(names, row) for row in range(names.count())}
        long = "Fußballweltmeisterschaftsendspiel (DGS)"
        assert sorted(shown) == sorted([long, "deutschland (DGS)", "du (DGS)"])  # no clip counted
        assert metrics.horizontalAdvance(long) > room
        assert shown[long].startswith("Fuß") and shown[long].endswith("(DGS)") and "…" in shown[long]
        assert metrics.horizontalAdvance(shown[long]) < room
        assert shown["deutschland (DGS)"] == "deutschland (DGS)" and shown["du (DGS)"] == "du (DGS)"
        tips = {names.item(row).text(): names.item(row).toolTip() for row in range(names.count())}
        assert tips[long] == long
        page.shutdown()


def test_the_list_shows_where_the_keyboard_is_as_the_other_lists_do(qtbot, tmp_path):
    """Practice's list, where Space starts an attempt, showed no frame with the keyboard on it."""
    with SignDatabase(tmp_path / "signs.db") as database:
        page = practice_page(qtbot, database, tmp_path)
    assert isinstance(page.sign_list.style(), FocusFramed)
