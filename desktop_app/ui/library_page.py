"""The library page: browse the sign database, preview clips, rename / retag / delete and clear a clip's
warning (with undo), record, import and export.

The page holds no state of its own beyond what is on screen: the database is the truth, and the page reloads
from it whenever ``database_changed`` is announced (by itself or by any other part of the app).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.app.context import AppContext
from desktop_app.core.collection.library import (
    CLEAR_WARNING,
    DELETE_SIGN_COMFORT,
    LANGUAGE_HINT,
    NO_CLIPS,
    NO_LANGUAGE_PLACEHOLDER,
    RECENTLY_DELETED,
    TAGS_PROMPT,
    delete_sign_question,
    export_done,
    kept_despite_note,
    kept_in_place,
    tags_as_text,
    tags_from_text,
)
from desktop_app.core.importing.imports import sign_to_show
from desktop_app.core.shared.file_places import EXPORTS, SIGNING_FILES
from desktop_app.core.shared.palette import PROBLEM_COLOUR
from desktop_app.ui.file_pickers import choose_folder
from desktop_app.ui.panes import (
    ElidedLabel,
    KeepsItsLines,
    fill_with_panes,
    in_a_column,
    in_a_steady_box,
    keeps_room_when_hidden,
    never_widens,
    ok_and_cancel,
    rows_to_choose_from,
    show_choices,
)
from desktop_app.ui.progress_dialog import run_with_progress
from desktop_app.ui.recently_deleted import RecentlyDeletedDialog
from desktop_app.ui.shortcuts import DELETE_CLIP, DELETE_SIGN, UNDO, bind_the_sign_search
from desktop_app.ui.skeleton.player import SkeletonPlayer
from desktop_app.ui.subscriptions import connect_while_alive
from desktop_app.ui.workers import Worker
from signcore.database import ClipInfo, DatabaseError, Deletion, Sign
from signcore.errors import InputError
from signcore.ingest import ImportReport
from signcore.lessons import shown_tags
from signcore.words import breakable, search_rank

UNDO_SMALLEST_POINT_SIZE = 8  # what Undo takes back, kept to its two lines beside it, no smaller
UNDO_WORDS_EVERY_MS = 60_000  # Undo's "5 minutes ago" stays true while the page is open
DETAILS_LINES_SHOWN = 3  # a starter sign's language, hand, tags and notes on a small laptop's screen
TAGS_LINES_SHOWN = 8
TAG_CHARS_SHOWN = 32  # "lesson: DGS 3 · Food and drink" whole
# The clip preview's least height: at a player's usual 180 px the page needed a window 432 px high, more than
# a small laptop leaves a window under its title bar and panel. A larger window gives the figure its room.
PREVIEW_LEAST_HEIGHT = 120
# Makes a sign's name and language (name, language) what the learner gave; what stopped it ("" when done)
Saving = Callable[[str, str], str]


class TagsDialog(QDialog):
    """A sign's tags in a box of several lines, one tag a line
    (:func:`~desktop_app.core.collection.library.tags_as_text`): a one-line box showed two or three tags of a
    starter sign at a time."""

    @staticmethod
    def ask(sign: Sign, name: str, parent: QWidget) -> list[str] | None:
        """The tags the learner gave ``sign`` (``name``: as the lists name it); None when they cancelled."""
        dialog = TagsDialog(sign, name, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        return tags_from_text(dialog.editor.toPlainText()) if accepted else None

    def __init__(self, sign: Sign, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Tags of “{name}”")
        prompt = QLabel(TAGS_PROMPT)
        prompt.setWordWrap(True)
        self.editor = QPlainTextEdit(tags_as_text(shown_tags(sign.tags)))
        self.editor.setTabChangesFocus(True)  # Tab goes on to OK: a tag holds no tab
        font = self.editor.fontMetrics()
        self.editor.setMinimumSize(
            TAG_CHARS_SHOWN * font.averageCharWidth(), TAGS_LINES_SHOWN * font.lineSpacing()
        )
        buttons = ok_and_cancel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(self.editor, 1)
        layout.addWidget(buttons)


class SignDialog(QDialog):
    """A sign's name and language, asked together for a new sign and to change them later (a new sign's
    language came from the library's language filter, unsaid, and could never be changed)."""

    @staticmethod
    def ask(
        parent: QWidget, title: str, gloss: str, language: str, languages: list[str], save: Saving
    ) -> None:
        """Ask for a name and language, starting from ``gloss`` and ``language`` with the library's
        ``languages`` to choose from, until ``save`` takes them or the learner cancels."""
        dialog = SignDialog(title, gloss, language, languages, save, parent)
        dialog.exec()
        dialog.deleteLater()

    def __init__(
        self, title: str, gloss: str, language: str, languages: list[str], save: Saving, parent=None
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.save = save
        self.name = QLineEdit(gloss)
        self.language = QComboBox()
        self.language.setEditable(True)  # a language not in the library yet is typed
        self.language.addItems(["", *languages])
        self.language.setCurrentText(language)
        language_edit = self.language.lineEdit()  # exists: the box is editable
        if language_edit is not None:
            language_edit.setPlaceholderText(NO_LANGUAGE_PLACEHOLDER)
        hint = QLabel(LANGUAGE_HINT)
        hint.setWordWrap(True)
        # Why the name and language were refused (a name taken), said here, the dialog open with what the
        # learner typed: a message box after which the dialog had closed lost it
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)  # it quotes the name as typed
        self.problem.setStyleSheet(f"color: {PROBLEM_COLOUR};")
        self.problem.hide()
        self.buttons = ok_and_cancel(self)
        self.name.textChanged.connect(self._name_changed)
        self.language.currentTextChanged.connect(self.problem.hide)  # another language may take the name
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Language", self.language)
        form.addRow("", hint)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self._name_changed()

    def accept(self) -> None:
        """Closes once the name and language are saved; else says why, for the learner to change them."""
        problem = self.save(self.name.text(), self.language.currentText())
        if not problem:
            super().accept()
            return
        self.problem.setText(problem)
        self.problem.show()
        # room for it, as wide as the learner left the dialog: kept at its height, it squeezed the help above
        self.resize(self.width(), max(self.height(), self.heightForWidth(self.width())))
        self.name.setFocus()
        self.name.selectAll()  # typing replaces the name refused

    def _name_changed(self) -> None:
        self.problem.hide()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setEnabled(bool(self.name.text().strip()))  # a sign needs a name


class LibraryPage(QWidget):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.library = context.library
        self._signs: list[Sign] = []
        self._clips: list[ClipInfo] = []

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search signs…")
        self.search.setClearButtonEnabled(True)
        # Not reload(text): the text typed was taken for the sign to select, and the first row was selected
        self.search.textChanged.connect(lambda _text: self.reload())
        self.language = QComboBox()
        self.language.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)  # never cut
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.sign_table = rows_to_choose_from(["Sign", "Language", "Clips", "Tags"])
        self.sign_table.verticalHeader().hide()
        header = self.sign_table.horizontalHeader()
        # The names and the tags share what the language and clip count leave, each cut when long (the cell's
        # tooltip has it whole): tags sized to their contents squeezed the names to "…", names sized to theirs
        # pushed the other columns out of sight.
        share, fit = QHeaderView.ResizeMode.Stretch, QHeaderView.ResizeMode.ResizeToContents
        for column, mode in enumerate((share, fit, fit, share)):
            header.setSectionResizeMode(column, mode)
        self.sign_table.itemSelectionChanged.connect(self._sign_chosen)
        self.sign_table.itemDoubleClicked.connect(lambda _item: self.practise_selected())
        self.count_label = QLabel()

        self.sign_title = ElidedLabel()  # one line: a long name ends in "…", whole in its tooltip
        self.sign_title.setStyleSheet("font-size: 18px; font-weight: 600;")
        self.sign_title.setTextFormat(Qt.TextFormat.PlainText)  # a sign's name, whatever it holds
        self.sign_details = QLabel()
        self.sign_details.setTextFormat(Qt.TextFormat.PlainText)  # tags and notes as the learner typed them
        # The same height for every sign, so that the buttons and clips below stay where they are
        self.sign_details_box = in_a_steady_box(self.sign_details, DETAILS_LINES_SHOWN)
        self.clip_list = QListWidget()
        self.clip_list.currentRowChanged.connect(self._clip_chosen)
        self.clip_list.setMaximumWidth(280)
        self.preview = SkeletonPlayer()  # the practice player, in the app's one view convention
        self.preview.canvas.setMinimumHeight(PREVIEW_LEAST_HEIGHT)
        self.preview.follow_settings(context, references=True)
        self.mirrored_note = QLabel()  # whether the clip shown is mirrored, in Practice's words
        self.mirrored_note.setWordWrap(True)
        # Two lines: at 1000 px one held a third of the note, in a box scrolling it. Steady: the preview
        # stays where it is.
        self.mirrored_note_box = in_a_steady_box(self.mirrored_note, 2)
        # Why the clip shown was kept although the app warned against it
        # (core.collection.library.kept_despite_note), under the clip list and the preview, in the colour the
        # warning had; nothing for any other clip. Whole, wrapped across the width of both: under the preview
        # alone, a short page (1000 x 520) had room for one line of its five, "⚠ Kept although … other clips.
        # …"
        self.kept_note = never_widens(QLabel())
        self.kept_note.setTextFormat(Qt.TextFormat.PlainText)  # the words of the check, which name signs
        self.kept_note.setStyleSheet(f"color: {PROBLEM_COLOUR};")
        self.kept_note.hide()
        # The clip is fine after all: the mark goes (Undo brings it back); deleting it was the only way out.
        # With the clip's other buttons; its room kept while hidden, so the preview beside stays as wide.
        self.clear_warning_button = keeps_room_when_hidden(QPushButton(CLEAR_WARNING))
        self.clear_warning_button.clicked.connect(self.clear_selected_warning)
        self.clear_warning_button.hide()

        self.practise_button = QPushButton("Practise this sign")
        self.practise_button.clicked.connect(self.practise_selected)
        self.rename_button = QPushButton("Name and language…")
        self.rename_button.clicked.connect(self.rename_selected)
        self.tags_button = QPushButton("Tags…")
        self.tags_button.clicked.connect(self.retag_selected)
        self.delete_sign_button = QPushButton("Delete sign")
        self.delete_sign_button.clicked.connect(self.delete_selected_sign)
        self.record_button = QPushButton("Record a clip…")
        self.record_button.clicked.connect(self.record_clip)
        # Import… names no sign: with "Winken" selected, it filled in Winken and a Bier clip went there
        self.import_clips_button = QPushButton("Import clips…")
        self.import_clips_button.setToolTip("Import .pose files or videos as clips of this sign")
        self.import_clips_button.clicked.connect(lambda: self.open_import_dialog(self.selected_sign))
        self.delete_clip_button = QPushButton("Delete clip")
        self.delete_clip_button.clicked.connect(self.delete_selected_clip)
        self.export_sign_button = QPushButton("Export sign…")
        self.export_sign_button.clicked.connect(lambda: self.export(selected_only=True))

        self.new_sign_button = QPushButton("New sign…")
        self.new_sign_button.setToolTip("Add a sign of your own, then record clips of it")
        self.new_sign_button.clicked.connect(self.new_sign_dialog)
        self.import_button = QPushButton("Import…")
        self.import_button.clicked.connect(lambda: self.open_import_dialog())
        self.export_all_button = QPushButton("Export all…")
        self.export_all_button.clicked.connect(lambda: self.export(selected_only=False))
        # "Deleted sign “<its name>” earlier today." on two lines, plain text: on one, ending in "…", a
        # 1000-px window cut it mid-word ("earlier tod…")
        self.undo_label = never_widens(KeepsItsLines(2, QFont(), UNDO_SMALLEST_POINT_SIZE))
        self.undo_button = QPushButton("Undo")
        self.undo_button.clicked.connect(self.undo)
        UNDO.bind(self, self.undo)
        # Any deletion of the last 30 days brought back on its own: Undo takes back the last first only
        self.recently_deleted_button = QPushButton(f"{RECENTLY_DELETED}…")
        self.recently_deleted_button.clicked.connect(self.open_recently_deleted)
        bind_the_sign_search(self, self.search)
        # Only while the list has the keyboard: in the search box Delete deletes a letter
        within = Qt.ShortcutContext.WidgetWithChildrenShortcut
        DELETE_SIGN.bind(self.sign_table, self.delete_selected_sign, within)
        DELETE_CLIP.bind(self.clip_list, self.delete_selected_clip, within)

        self._build_layout()
        # Held while Undo or Restore brings something back: the reload that selects it is the one
        self._reloads_held = False
        self._reload_missed = False
        connect_while_alive(self, context.events.database_changed, self._database_changed)
        connect_while_alive(self, context.events.settings_changed, self._follow_the_learners_hand)
        connect_while_alive(self, self.library.events.undo_changed, self._update_undo)
        # Undo's "5 minutes ago" is told again each minute the page is seen, and when it is shown again
        self._undo_words_timer = QTimer(self, interval=UNDO_WORDS_EVERY_MS)
        self._undo_words_timer.timeout.connect(self._update_undo_while_seen)
        self._undo_words_timer.start()
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._update_undo()

    def _update_undo_while_seen(self) -> None:
        if self.isVisible():
            self._update_undo()

    def _build_layout(self) -> None:
        # Two rows: in one, on a 1024-pixel screen the search box was squeezed to "S…" and the language
        # box cut to "All language".
        library_buttons = QHBoxLayout()
        for button in (self.new_sign_button, self.import_button, self.export_all_button):
            library_buttons.addWidget(button)
        library_buttons.addStretch(1)
        # Not beside Undo: at 1000 px it left the words naming what Undo takes back "Deleted sign “ge…"
        library_buttons.addWidget(self.recently_deleted_button)
        find = QHBoxLayout()
        find.addWidget(self.search, 1)
        find.addWidget(self.language)
        # The words naming what was deleted take the room the count leaves: without a share of it (the count
        # had it all) they had no width, and deleting said nothing
        self.undo_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        undo_row = QHBoxLayout()
        undo_row.addWidget(self.count_label)
        undo_row.addWidget(self.undo_label, 1)
        undo_row.addWidget(self.undo_button)
        left = in_a_column(library_buttons, find, (self.sign_table, 1), undo_row)

        sign_buttons = QHBoxLayout()
        for button in (self.practise_button, self.rename_button, self.tags_button, self.export_sign_button):
            sign_buttons.addWidget(button)
        sign_buttons.addStretch(1)
        sign_buttons.addWidget(self.delete_sign_button)
        clip_buttons = QHBoxLayout()
        clip_buttons.addWidget(self.record_button)
        clip_buttons.addStretch(1)
        clip_buttons.addWidget(self.delete_clip_button)
        import_row = QHBoxLayout()  # a row of its own: beside the others it pushed the page past 1000 px
        import_row.addWidget(self.import_clips_button)
        import_row.addStretch(1)
        clear_warning_row = QHBoxLayout()
        clear_warning_row.addWidget(self.clear_warning_button)
        clear_warning_row.addStretch(1)
        clip_column = QVBoxLayout()
        clip_column.addWidget(QLabel("Reference clips"))
        clip_column.addWidget(self.clip_list, 1)
        clip_column.addLayout(clip_buttons)
        clip_column.addLayout(import_row)
        clip_column.addLayout(clear_warning_row)
        preview_column = QVBoxLayout()
        preview_column.addWidget(self.mirrored_note_box)
        preview_column.addWidget(self.preview, 1)
        clips_and_preview = QHBoxLayout()
        clips_and_preview.addLayout(clip_column, 1)
        clips_and_preview.addLayout(preview_column, 3)
        right = in_a_column(
            self.sign_title, self.sign_details_box, sign_buttons, (clips_and_preview, 1), self.kept_note
        )

        fill_with_panes(self, left, right, stretch=(2, 3))

    # -- showing the database ---------------------------------------------------------------------------

    @property
    def selected_sign(self) -> Sign | None:
        rows = self.sign_table.selectionModel().selectedRows()
        return self._signs[rows[0].row()] if rows else None

    @property
    def selected_clip(self) -> ClipInfo | None:
        row = self.clip_list.currentRow()
        return self._clips[row] if 0 <= row < len(self._clips) else None

    def _database_changed(self) -> None:
        if self._reloads_held:
            self._reload_missed = True
        else:
            self.reload()

    @contextmanager
    def _reloading_once(self) -> Iterator[None]:
        """Bring something back reloading the page once, by the reload that selects it: the database's
        change reloaded it first, for nothing. Reloaded at the end if nothing did."""
        self._reloads_held, self._reload_missed = True, False
        try:
            yield
        finally:
            self._reloads_held = False
            if self._reload_missed:
                self.reload()

    def reload(self, select: int | None = None) -> None:
        """Re-read the signs from the database, selecting sign ``select`` or keeping the selection."""
        self._reload_missed = False
        kept = select or (self.selected_sign.id if self.selected_sign else self.context.selected_sign_id)
        self._fill_languages()
        listed_before = [sign.id for sign in self._signs]
        listing = self.library.listing(self.search.text(), self.language.currentData(), kept, listed_before)
        self._signs = list(listing.signs)
        self.sign_table.blockSignals(True)
        self.sign_table.setRowCount(len(self._signs))
        for row, cells in enumerate(listing.cells()):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.sign_table.setItem(row, column, item)
        self.sign_table.clearSelection()
        self.sign_table.blockSignals(False)
        self.count_label.setText(listing.status)
        if listing.selected_row is not None:
            self.sign_table.selectRow(listing.selected_row)
        else:
            self._sign_chosen()
        self._update_undo()

    def _fill_languages(self) -> None:
        show_choices(self.language, *self.library.language_options(self.language.currentData()))

    def _language_chosen(self) -> None:
        self.context.update_settings(language=self.language.currentData())
        self.reload()

    def _sign_chosen(self) -> None:
        sign = self.selected_sign
        for button in (
            self.practise_button,
            self.rename_button,
            self.tags_button,
            self.delete_sign_button,
            self.record_button,
            self.import_clips_button,
            self.export_sign_button,
        ):
            button.setEnabled(sign is not None)
        self.practise_button.setEnabled(sign is not None and sign.clip_count > 0)  # nothing to practise with
        panel = self.library.sign_panel(sign, len(self._signs))
        self.sign_title.setText(panel.title, shortened=sign.gloss if sign is not None else "")
        self.sign_details.setText(panel.details)
        if panel.problem:
            QMessageBox.warning(self, "Cannot list the clips", panel.problem)
        # The same sign listed again (any change to the database reloads the page, e.g. the embedding that
        # follows a kept recording): its clip stays selected; it went back to the first.
        # A clip deleted: the one that took its place (kept_in_place), as a sign deleted is followed.
        shown = self.selected_clip
        same_sign = shown is not None and sign is not None and shown.sign_id == sign.id
        listed_before = [clip.id for clip in self._clips] if same_sign else []
        keep = kept_in_place(
            [clip.id for clip in panel.clips], listed_before, shown.id if shown is not None else None
        )
        self._clips = list(panel.clips)
        self.clip_list.blockSignals(True)
        self.clip_list.clear()
        for name, source, note in zip(panel.clip_names, panel.clip_sources, panel.clip_notes, strict=True):
            item = QListWidgetItem(name)
            item.setToolTip(f"{source}\n{note}" if note else source)
            self.clip_list.addItem(item)
        self.clip_list.blockSignals(False)
        if self._clips:
            self.clip_list.setCurrentRow(self._clip_row(keep) or 0)
        else:
            self._clip_chosen()

    def _clip_chosen(self) -> None:
        clip = self.selected_clip
        self.delete_clip_button.setEnabled(clip is not None)
        self._show_mirrored_note()
        note = kept_despite_note(clip) if clip is not None else ""
        self.kept_note.setText(note)
        self.kept_note.setVisible(bool(note))
        self.clear_warning_button.setVisible(bool(note))
        if clip is None:
            self.preview.set_clip(None, NO_CLIPS if self.selected_sign else "")
            return
        try:
            pose, hand = self.context.reference_clip(clip)
            self.preview.set_clip(pose, signed_with=hand)
        except InputError as error:
            self.preview.set_clip(None, str(error))

    def _show_mirrored_note(self) -> None:
        """Say whether the clip shown is mirrored, as Practice says it."""
        clip = self.selected_clip
        self.mirrored_note.setText(self.library.mirrored_note(clip) if clip is not None else "")

    def _follow_the_learners_hand(self, *_settings) -> None:
        """Left-handed mode changed, or another setting: it mirrors other clips, and a sign's details say the
        hand it is shown with."""
        self._show_mirrored_note()
        sign = self.selected_sign
        if sign is not None:
            self.sign_details.setText(self.library.sign_details(sign))

    # -- editing ----------------------------------------------------------------------------------------

    def _show_error(self, title: str, error: Exception) -> None:
        QMessageBox.warning(self, title, self._in_words(error))

    def _in_words(self, error: Exception) -> str:
        """What stopped an edit, as a sentence of its own."""
        text = str(error)
        if isinstance(error, InputError) and error.source == str(self.context.database.path):
            text = error.problem  # the learner's own database: its path before "there is already…" is noise
        return text[:1].upper() + text[1:]

    def _languages(self) -> list[str]:
        try:
            return self.library.languages()
        except InputError:  # the edit itself then says what is wrong with the database
            return []

    def new_sign_dialog(self) -> None:
        """Ask for the new sign's name and language (it starts in the language the filter shows)."""
        language = self.language.currentData() or ""
        SignDialog.ask(self, "New sign", "", language, self._languages(), save=self.add_sign)

    def add_sign(self, gloss: str, language: str) -> str:
        """Create a sign and select it, ready for recording; what stopped it ("" when added)."""
        try:
            sign_id = self.library.add_sign(gloss, language=language)
        except (InputError, ValueError) as error:
            return self._in_words(error)
        self._show_sign(sign_id)
        return ""

    def _show_sign(self, sign_id: int) -> None:
        """Select the sign, in one reload, keeping the search and language filter the learner chose while
        they list it (a restore emptied the search typed), else clearing the one that would hide it."""
        sign = self.library.sign(sign_id)
        if search_rank(self.search.text(), sign.gloss, sign.language) is None:
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
        shown = self.language.currentData()
        if shown is not None and shown != sign.language:
            self.language.blockSignals(True)  # its own reload would be a second
            self.language.setCurrentIndex(0)  # all languages
            self.language.blockSignals(False)
            self.context.update_settings(language=None)
        self.reload(select=sign_id)

    def practise_selected(self) -> None:
        if self.selected_sign is not None:
            self.context.select_sign(self.selected_sign.id)

    def rename_selected(self) -> None:
        sign = self.selected_sign
        if sign is None:
            return
        title = f"Name and language of “{self.sign_title.text()}”"  # the sign as its panel names it

        def save(gloss: str, language: str) -> str:
            unchanged = (gloss.strip(), language.strip()) == (sign.gloss, sign.language)
            return "" if unchanged else self.rename(sign.id, gloss, language)

        SignDialog.ask(self, title, sign.gloss, sign.language, self._languages(), save)

    def rename(self, sign_id: int, gloss: str, language: str) -> str:
        """Change the sign's name and language (it stays selected, in sight); what stopped it ("" when
        changed)."""
        try:
            self.library.rename(sign_id, gloss, language)
        except (InputError, ValueError) as error:
            return self._in_words(error)
        self._show_sign(sign_id)
        return ""

    def retag_selected(self) -> None:
        sign = self.selected_sign
        if sign is None:
            return
        tags = TagsDialog.ask(sign, self.sign_title.text(), self)
        if tags is not None:
            self.retag(sign.id, tags)

    def retag(self, sign_id: int, tags: list[str]) -> bool:
        try:
            self.library.retag(sign_id, tags)
        except (InputError, ValueError) as error:
            self._show_error("Cannot change the tags", error)
            return False
        return True

    def delete_selected_sign(self) -> None:
        """Delete it, once the learner agrees to lose its clips (a sign without any goes at once); Undo brings
        it back."""
        sign = self.selected_sign
        if sign is None or not (sign.clip_count == 0 or self._learner_agrees_to_delete(sign)):
            return
        # The reload on the change selects the sign that takes its place, the list kept where it was
        self._try("Cannot delete", lambda: self.library.delete_sign(sign))

    def _learner_agrees_to_delete(self, sign: Sign) -> bool:
        """Whether the learner wants ``sign`` deleted with its clips, told what goes and how it comes back."""
        question = delete_sign_question(self.sign_title.text(), sign.clip_count)  # named as its panel does
        box = QMessageBox(QMessageBox.Icon.Question, "Delete sign", question, parent=self)
        box.setInformativeText(DELETE_SIGN_COMFORT)
        delete = box.addButton("Delete sign", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))  # Enter after Delete: kept
        box.exec()
        return box.clickedButton() is delete

    def delete_selected_clip(self) -> None:
        clip = self.selected_clip
        if clip is None:
            return
        self._try("Cannot delete", lambda: self.library.delete_clip(clip))  # its neighbour then selected

    def clear_selected_warning(self) -> None:
        """The clip shown, kept despite a warning, is fine: no longer marked (Undo marks it again)."""
        clip = self.selected_clip
        if clip is not None:
            self._try("Cannot clear the warning", lambda: self.library.clear_warning(clip))

    def undo(self) -> None:
        """Take back the last edit (a sign or clip deleted, a warning cleared) and select what it brought
        back, in sight: it came back silently, another clip selected."""
        with self._reloading_once():
            try:
                edit = self.library.undo()
            except InputError as error:
                self._show_error("Cannot undo", error)
                return
            if edit is not None:
                self._show_brought_back(edit.kind, edit.row_id)

    def open_recently_deleted(self) -> None:
        """The signs and clips deleted in the last 30 days, any one brought back on its own."""
        dialog = RecentlyDeletedDialog(self.library, self.restore_deleted, self)
        dialog.exec()
        dialog.deleteLater()

    def restore_deleted(self, deletion: Deletion) -> str:
        """Bring back one deletion ("Recently deleted") and select it, in sight; what stopped it ("" when it
        came back)."""
        with self._reloading_once():
            try:
                shown_in = self.library.restore(deletion)
            except InputError as error:
                return self._in_words(error)
            # A sign whose name a sign has now: its clips came into that one
            self._show_brought_back(deletion.kind, shown_in if deletion.kind == "sign" else deletion.row_id)
        return ""

    def _show_brought_back(self, kind: str, row_id: int) -> None:
        """Select the sign (``kind`` "sign") or clip (a clip deleted, or its warning cleared) that came back,
        in sight: it came back silently, another clip selected."""
        if kind == "sign":
            self._show_sign(row_id)
            return
        try:  # the one clip (every clip of the database was read to find it)
            shown = self.context.database.clip(row_id)
        except DatabaseError:  # a clip of a sign still deleted: not listed anywhere
            return
        self._show_sign(shown.sign_id)
        self._select_clip(shown.id)

    def _try(self, title: str, edit) -> bool:
        """Whether ``edit`` was done; when not, the learner is told why."""
        try:
            edit()
        except InputError as error:
            self._show_error(title, error)
            return False
        return True

    def _update_undo(self) -> None:
        self.undo_button.setEnabled(bool(self.library.undo_stack))
        self.undo_label.setText(breakable(self.library.undo_text))  # a long name wraps too
        self.undo_label.setToolTip(self.library.undo_text)

    # -- record, import, export -------------------------------------------------------------------------

    def record_clip(self) -> None:
        from desktop_app.ui.record_dialog import RecordDialog

        sign = self.selected_sign
        if sign is not None:
            dialog = RecordDialog(self.context, sign.id, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.exec()  # closed by Keep, or by Close after "Keep and record another"
            if dialog.kept_clip_id is not None:
                self._select_clip(dialog.kept_clip_id)  # the list came back with its first clip selected

    def _select_clip(self, clip_id: int) -> None:
        row = self._clip_row(clip_id)
        if row is not None:
            self.clip_list.setCurrentRow(row)

    def _clip_row(self, clip_id: int | None) -> int | None:
        """The row of the clip listed with id ``clip_id``; None when it is not listed."""
        return next((row for row, clip in enumerate(self._clips) if clip.id == clip_id), None)

    def open_import_dialog(self, into: Sign | None = None) -> None:
        """The import dialog; ``into``: the sign whose clips it imports, named for its files (else none)."""
        from desktop_app.ui.import_dialog import ImportDialog

        dialog = ImportDialog(self.context, self, on_imported=self.show_imported, selected=into)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # the import itself goes on in its worker
        dialog.exec()

    def show_imported(self, report: ImportReport) -> None:
        """Select what an import just added clips to, in sight (:func:`sign_to_show`)."""
        sign_id = sign_to_show(self.context.database, report)
        if sign_id is not None:
            self._show_sign(sign_id)

    def export(self, selected_only: bool) -> None:
        sign = self.selected_sign
        if selected_only and sign is None:
            return
        # Signing written out: until an export has a folder, where signing was read in
        caption = "Export as .pose files into this folder"
        folder = choose_folder(self, self.context, caption, EXPORTS, otherwise=SIGNING_FILES)
        if folder:
            self.start_export(folder, [sign.id] if sign is not None and selected_only else None)

    def start_export(self, folder: str, sign_ids: list[int] | None) -> Worker:
        """Write ``folder/<gloss>/clip_<n>.pose`` in the background; returns the worker."""
        worker = run_with_progress(
            self,
            "Exporting",
            self.library.export_job(folder, sign_ids),
            stopped="the files written so far are kept, each one whole",
        )
        database = self.context.database
        sign_name = (
            database.sign_name(database.sign(sign_ids[0])) if sign_ids and len(sign_ids) == 1 else None
        )
        worker.finished_with.connect(
            lambda exported: QMessageBox.information(self, "Export", export_done(exported, sign_name))
        )
        worker.failed.connect(lambda message: QMessageBox.warning(self, "Export failed", message))
        return worker
