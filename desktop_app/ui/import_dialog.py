"""The import dialog: choose what to import; the import itself (:mod:`desktop_app.core.importing.imports`)
then runs in the background with a progress dialog that can be cancelled, and its summary is shown when it
ends.

Videos and .pose files, and a sign folder's .pose files: the files chosen are checked in the background (each
is opened: a folder of hundreds took seconds, the window frozen), the dialog usable meanwhile; one chosen that
cannot be read (no video, an empty .pose file, a text file named .csv), or a sign folder's, is said then,
with why, in the dialog, and Import waits for a file that can be imported. For videos the dialog asks
whether the others are selfie recordings (a sign folder's: about its first video the import adds, as the
form says, none when it adds none), showing the first frame (read by the check too:
:mod:`desktop_app.ui.selfie_question`, asked as search with a video asks it), and imports nothing until it
is answered (a wrong guess swaps the signer's hands). The pieces a long video was cut into are shown for
review (:class:`ClipReviewDialog`) before any is stored.
Below the sign's name, the name each file will be imported under; a .pose file filmed on its side, chosen or
in the sign folder chosen, is asked about when chosen (turned upright, or imported as filmed)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.app.context import AppContext
from desktop_app.core.importing.folder_preview import folder_preview
from desktop_app.core.importing.imports import (
    AS_THEY_ARE,
    FOLDER,
    KINDS,
    LANGUAGE_TIP,
    NOTHING_CHOSEN,
    UNNAMED_SIGN,
    VIDEOS,
    CheckedFiles,
    ImportRequest,
    PendingClip,
    SignNames,
    SuggestedSign,
    all_cut,
    cannot_be_imported,
    checks_files,
    describe_paths,
    file_filter,
    import_job,
    import_reviewed,
    language_placeholder,
    names_one_sign,
    paths_in_full,
    review_intro,
    suggested_sign,
    summarise,
    videos_to_import,
    with_review,
    without_unreadable_files,
    words_as_checking_starts,
)
from desktop_app.core.judging.clip_check import ClipCheck
from desktop_app.core.shared.jobs import JobControl
from desktop_app.core.shared.palette import PROBLEM_COLOUR
from desktop_app.core.signing.view import as_a_reference
from desktop_app.ui.background_jobs import start_embedding_missing
from desktop_app.ui.closest_clip import ClosestClipPlayer, say_unlike, verdict_label
from desktop_app.ui.file_pickers import choose_folder, open_files
from desktop_app.ui.panes import (
    RoomForWords,
    ScrollsWhenShort,
    grow_to_fit_its_words,
    never_widens,
    rows_end_in_ellipsis,
    within_the_screen,
)
from desktop_app.ui.progress_dialog import run_with_progress
from desktop_app.ui.selfie_question import SelfieQuestion, first_frame
from desktop_app.ui.skeleton.player import SkeletonPlayer
from desktop_app.ui.upright_question import ask_to_turn_upright
from desktop_app.ui.workers import Worker
from signcore.database import Sign
from signcore.errors import InputError
from signcore.ingest import ImportReport
from signcore.words import NO_LANGUAGE

ANSWER_FIRST = "Answer this question before importing."  # one video or several
# The review's clip list takes at most this share of its width: the players beside it need the rest
CLIP_LIST_MOST = 0.4
FORM_LEAST_LINES = 6  # the import form's least height in lines of text, scrolled on a short screen
NOTHING_TICKED = "Tick the clips to import."
THIS_CLIP = "This clip"  # a clip held back for review, named beside the closest reference clip


class CheckedChoice(NamedTuple):
    """The files chosen as their check found them, and the first frame of the video the selfie question is
    first asked by, by that video (none: none to ask about)."""

    checked: CheckedFiles
    first_frames: dict[Path, QImage | None]


def checked_choice(kind: str, chosen: list[str], control: JobControl) -> CheckedChoice:
    """The check of the files ``chosen`` for an import of ``kind`` (a background job: each file is opened),
    and the first frame of the video the selfie question then shows."""
    checked = without_unreadable_files(kind, chosen, control)
    videos = videos_to_import(kind, checked)
    return CheckedChoice(checked, {videos[0]: first_frame(videos[0])} if videos else {})


class ImportDialog(QDialog):
    """Choose what to import; OK starts the import with a progress dialog (see the module docstring).
    ``on_imported``: called with the import's report once it ended, before its summary is shown."""

    def __init__(
        self,
        context: AppContext,
        parent=None,
        on_imported: Callable[[ImportReport], None] | None = None,
        selected: Sign | None = None,
    ):
        super().__init__(parent)
        self.context = context
        self.on_imported = on_imported
        # The sign whose clips the import was started from (the Library's "Import clips…"): the one named
        # (imports.suggested_sign); None from Import…, each file's own then
        self.selected = selected
        self.setWindowTitle("Import signs" if selected is None else f"Import clips of {selected.gloss}")
        self.setMinimumWidth(600)
        # The files chosen that can be imported, and the .pose files' clips read when they were checked
        self.checked = CheckedFiles([])
        # The library's clip digests, read once a folder chosen (the preview counts the clips it has already)
        self._library_digests: dict[int, frozenset[str]] | None = None
        self.turns: dict[str, int] = {}  # the .pose files to turn upright, as the learner chose
        self.checking: Worker | None = None  # the check of the files chosen, while it runs
        # The videos the selfie question asks about (None: not asked yet for the files chosen), and the first
        # frames read, by video: which video that is follows the form (a sign folder's video that its import
        # skips is not asked about), and a frame is read in the background once a video is asked about
        self.asked_about: list[Path] | None = None
        self.first_frames: dict[Path, QImage | None] = {}

        self.kind_buttons = QButtonGroup(self)
        kinds = QVBoxLayout()
        for kind, text in KINDS:
            button = QRadioButton(text)
            button.setProperty("kind", kind)
            self.kind_buttons.addButton(button)
            kinds.addWidget(button)
        # The kind imported last: a learner importing videos one by one chose "Videos" again every time. A
        # sign's own clips are videos or .pose files: from its "Import clips…", the dialog opened on a sign
        # folder, which names its own signs, the sign's name empty.
        opening_kind = context.settings.import_kind
        if selected is not None and not names_one_sign(opening_kind or ""):
            opening_kind = VIDEOS
        last = [b for b in self.kind_buttons.buttons() if b.property("kind") == opening_kind]
        (last or self.kind_buttons.buttons())[0].setChecked(True)
        self.kind_buttons.buttonToggled.connect(self._kind_changed)

        self.choose_button = QPushButton("Choose…")
        self.choose_button.clicked.connect(self.choose_paths)
        self.chosen_label = never_widens(QLabel(NOTHING_CHOSEN))  # file names, whatever their length
        chosen_row = QHBoxLayout()
        chosen_row.addWidget(self.choose_button)
        chosen_row.addWidget(self.chosen_label, 1)
        # What a sign folder chosen holds and its import will do: its name alone left the learner blind
        self.folder_found = never_widens(QLabel())
        self.folder_found.setTextFormat(Qt.TextFormat.PlainText)  # sign and file names, whatever they hold
        # Why each file chosen, or in the folder chosen, cannot be imported: said in a message box that went,
        # or (a folder's files, a table's) only after Import, in its summary
        self.problems = never_widens(QLabel())
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.problems.setStyleSheet(f"color: {PROBLEM_COLOUR};")

        self.gloss = QLineEdit()
        self.gloss.textChanged.connect(self._show_names)
        self.gloss.textEdited.connect(self._follow_suggested_sign)  # another sign named: not the selected's
        # The name each file will get, before the import: left empty, a .pose file in a folder "pose" became
        # a sign "pose", unsaid. As tall as what it says with the name left empty, whatever is typed
        # (_show_paths): the fields below stay under the pointer.
        self.names_hint = never_widens(RoomForWords())  # plain text: file names, whatever they hold
        # The name, language and licence last filled in for the files chosen (imports.suggested_sign)
        self._suggested = SuggestedSign("", "", "")
        self.language = QComboBox()
        self.language.setEditable(True)
        self.language.addItems(
            ["", *context.library.languages(), NO_LANGUAGE]
        )  # the last: for a sign without
        self.language.setToolTip(LANGUAGE_TIP)
        self.licence = QLineEdit()
        self.licence.setPlaceholderText("e.g. CC BY 4.0, own recording (optional)")
        # Which signs a folder's clips join, and with which licence, follow the language and licence typed
        self.language.currentTextChanged.connect(self._show_names)
        self.licence.textChanged.connect(self._show_names)
        # Asked, never assumed: a wrong answer swaps the signer's hands in every imported clip.
        self.selfie_question = SelfieQuestion(ANSWER_FIRST)
        self.selfie_question.answer_changed.connect(self._show_names)

        form = self.form = QFormLayout()
        form.addRow("Import", kinds)
        form.addRow("From", chosen_row)
        form.addRow("", self.folder_found)
        form.addRow("", self.problems)
        form.addRow("Sign's name", self.gloss)
        form.addRow("", self.names_hint)
        form.addRow("Language", self.language)
        form.addRow("Licence", self.licence)
        form.addRow("Videos", self.selfie_question)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)
        fields = QWidget()
        fields.setLayout(form)
        # The form scrolls on a short screen, Import and Cancel below it in view: with a video's question
        # and first frame, the dialog ran past the bottom of a 440 px screen with its buttons.
        self.fields = ScrollsWhenShort(fields, lambda: FORM_LEAST_LINES * self.fontMetrics().lineSpacing())
        layout = QVBoxLayout(self)
        layout.addWidget(self.fields, 1)
        layout.addWidget(self.buttons)
        self._kind_changed()

    @property
    def paths(self) -> list[str]:
        return self.checked.paths

    @property
    def kind(self) -> str:
        checked = self.kind_buttons.checkedButton()  # one always is: the first starts checked
        return str(checked.property("kind")) if checked is not None else FOLDER

    def _kind_changed(self, *_args) -> None:
        self.set_paths([])
        self.gloss.setEnabled(names_one_sign(self.kind))
        self.gloss.setPlaceholderText(UNNAMED_SIGN.get(self.kind, ""))

    def _selfie_unanswered(self) -> bool:
        return bool(self.asked_about) and not self.selfie_question.answered

    def _sign_names(self) -> SignNames:
        return SignNames.of(self.kind, self.paths, self.gloss.text(), self.selected)

    def _ready(self, names: SignNames) -> bool:
        """Whether Import may start: files chosen, the selfie question answered, every file's sign named."""
        return bool(self.paths) and not self._selfie_unanswered() and not names.unnamed()

    def _show_paths(self) -> None:
        self.chosen_label.setText(describe_paths(self.paths, len(self.checked.problems)))
        self.chosen_label.setToolTip(paths_in_full(self.paths))
        # The longer of what the hint says: each file's own name, once per choice (not at each letter typed)
        self.names_hint.keep_room_for(SignNames.of(self.kind, self.paths, "", self.selected).preview())
        self._show_names()

    def _show_names(self) -> None:
        """Which sign each file becomes a clip of, and whether Import may start: at each key typed in the
        sign's name too (the files chosen are said as they were)."""
        names = self._sign_names()
        self.names_hint.setText(names.preview())
        if self._library_digests is None and self.checked.folder is not None:
            self._library_digests = self.context.database.clip_digests()  # once a folder: not at each letter
        found = folder_preview(self.checked, self.request(), self.context.database, self._library_digests)
        self.folder_found.setText("" if found is None else found.words())
        videos = videos_to_import(
            self.kind, self.checked, frozenset() if found is None else found.skipped_videos
        )
        if videos != self.asked_about:
            self._ask_about(videos)
        self.form.setRowVisible(self.folder_found, bool(self.folder_found.text()))
        language_edit = self.language.lineEdit()  # exists: the box is editable
        if language_edit is not None:  # where the empty language comes from: the files' signs' names say
            words = language_placeholder(names, self.context.database, self.checked.noted)
            language_edit.setPlaceholderText(words)
        self.form.setRowVisible(self.names_hint, bool(self.names_hint.text()))  # no empty row when none
        unanswered = self._selfie_unanswered()
        # a folder with no sign's clips in it, or only clips already there: its import would only say
        # "0 clips imported"
        self.import_button.setEnabled(self._ready(names) and (found is None or found.worth_importing))
        # Why Import waits: the one question left is the selfie one, so it says so where the learner looks.
        self.selfie_question.wait_for_answer(unanswered, self.import_button)
        # The names said may take more lines than before: measured once the new texts are laid out (measured
        # at once, the dialog stayed short and grew under the pointer when the question was answered)
        QTimer.singleShot(0, self, lambda: grow_to_fit_its_words(self))

    def choose_paths(self) -> None:
        if self.kind == FOLDER:
            folder = choose_folder(self, self.context, "Choose a sign folder")
            chosen = [folder] if folder else []
        else:
            chosen = open_files(self, self.context, "Choose files", file_filter(self.kind))
        if chosen:
            self.set_paths(chosen)

    def set_paths(self, paths: list[str]) -> None:
        """Import from ``paths``; video and .pose files, and a sign folder, once they were checked in the
        background (a check still running for an earlier choice is dropped)."""
        self._stop_checking()
        kind, chosen = self.kind, [str(path) for path in paths]
        if not checks_files(kind, chosen):
            self._use_paths(CheckedFiles(chosen))
            return
        self._use_paths(CheckedFiles([]))  # nothing to import until the files were checked
        self.chosen_label.setText(words_as_checking_starts(kind, chosen))
        self.chosen_label.setToolTip(paths_in_full(chosen))
        worker = Worker(lambda control: checked_choice(kind, chosen, control))
        worker.progress.connect(self._show_checking)
        worker.finished_with.connect(self._checked)
        worker.failed.connect(self._check_failed)
        self.checking = worker
        worker.start()

    def _from_this_check(self) -> bool:
        """Whether the signal being handled comes from the check running now (not one dropped since)."""
        return self.checking is not None and self.sender() is self.checking

    def _show_checking(self, _done: int, _total: int, words: str) -> None:
        if self._from_this_check():
            self.chosen_label.setText(words)

    def _checked(self, found: CheckedChoice) -> None:
        if self._from_this_check():
            self.checking = None
            self._use_paths(*found)

    def _check_failed(self, message: str) -> None:
        if self._from_this_check():
            self.checking = None
            self._use_paths(CheckedFiles([], [message]))

    def _stop_checking(self) -> None:
        if self.checking is not None:
            self.checking.cancel()
            self.checking = None

    def _use_paths(
        self, checked: CheckedFiles, first_frames: dict[Path, QImage | None] | None = None
    ) -> None:
        """Import from the files ``checked``, saying why those left out cannot be imported, having asked
        whether those filmed on their side are to be turned upright; ``first_frames``: of the videos, read
        by the check."""
        self.checked = checked
        # asked about as the form, filled in below, says (each field filled in asks again)
        self.asked_about, self.first_frames = None, dict(first_frames or {})
        self._library_digests = None  # read again for a new choice
        self.problems.setText(cannot_be_imported(checked.problems))
        self.form.setRowVisible(self.problems, bool(checked.problems))
        turn = bool(checked.sideways) and ask_to_turn_upright(self, checked.sideways, AS_THEY_ARE)
        self.turns = dict(checked.sideways) if turn else {}
        self._follow_suggested_sign()
        self._show_paths()

    def _ask_about(self, videos: list[Path]) -> None:
        """Ask the selfie question about ``videos`` (all alike: shown by the first), its first frame read in
        the background unless read already."""
        self.asked_about = videos
        shown = videos[0] if videos else None
        frame = None if shown is None else self.first_frames.get(shown)
        self.selfie_question.ask_about(shown, frame, several=len(videos) > 1)
        if shown is not None and shown not in self.first_frames:
            self._read_first_frame(shown)
        # Answered already where the learner gave one answer for them all (an import, a search, the camera)
        known = {self.context.selfie_answers.answer(video) for video in videos}
        answer = known.pop() if len(known) == 1 else None
        if answer is not None:
            self.selfie_question.give_answer(answer)

    def _read_first_frame(self, video: Path) -> None:
        reading = Worker(lambda _control: (video, first_frame(video)))
        reading.finished_with.connect(self._show_first_frame)  # a method: not called once the dialog is gone
        reading.start()

    def _show_first_frame(self, read: tuple[Path, QImage | None]) -> None:
        """A video's first frame, read in the background: shown while that video is the one asked about."""
        video, frame = read
        self.first_frames[video] = frame
        videos = self.asked_about or []
        if videos[:1] == [video]:
            self.selfie_question.ask_about(video, frame, several=len(videos) > 1)

    def done(self, result: int) -> None:
        self._stop_checking()  # closed while the files were checked: nobody waits for the answer
        super().done(result)

    def _follow_suggested_sign(self) -> None:
        """The sign's name, language and licence suggested for the kind and files chosen now, each unless the
        learner typed one."""
        typed = self.gloss.text() if self.gloss.text() != self._suggested.name else ""  # the learner's own
        suggested = suggested_sign(self.kind, self.paths, self.selected, self.context.database, typed)
        fields = (
            (self.gloss.text, self.gloss.setText),
            (self.language.currentText, self.language.setCurrentText),
            (self.licence.text, self._show_licence),
        )
        self._suggested = SuggestedSign(
            *(
                _followed(shown(), last, new, show)
                for (shown, show), last, new in zip(fields, self._suggested, suggested, strict=True)
            )
        )

    def _show_licence(self, licence: str) -> None:
        self.licence.setText(licence)
        self.licence.setCursorPosition(0)  # a long one from its start, not its end

    def request(self) -> ImportRequest:
        return ImportRequest.from_form(
            self.kind,
            self.paths,
            self.language.currentText(),
            self.licence.text(),
            self.gloss.text(),
            self.selfie_question.is_selfie,
            self.turns,
            self.checked,
        )

    def start_import(self):
        """Start importing in the background; the dialog closes and a progress dialog takes over. What comes
        after (the review of long videos' pieces, the summary) belongs to the parent: this dialog may be
        deleted when it closes."""
        if not self._ready(self._sign_names()):
            return None
        context, request, parent = self.context, self.request(), self.parentWidget()
        for video in self.asked_about or []:  # searched with next, they are not asked about again
            context.selfie_answers.remember(video, self.selfie_question.is_selfie)
        context.settings.import_kind = self.kind
        context.save_settings()
        imported = self.on_imported
        pending: list[PendingClip] = []
        # A clip that looks unlike the other clips of the sign it joins is held back for the review
        job = import_job(context.database, request, pending, ClipCheck(context))
        worker = run_with_progress(
            parent, "Importing signs", job, stopped="the clips imported so far are kept"
        )
        worker.finished_with.connect(
            lambda report: _finish_import(context, request, pending, report, parent, imported)
        )
        worker.failed.connect(lambda message: _import_failed(context, message, parent))
        self.accept()
        return worker


def _followed(shown: str, last: str, suggested: str, show: Callable[[str], None]) -> str:
    """THE rule of a field the dialog fills in: one that still holds the ``last`` suggestion (the learner
    typed nothing there) shows the one ``suggested`` now; returns the suggestion the field now follows
    (``last`` where the learner's own text stays)."""
    if shown != last:
        return last
    show(suggested)
    return suggested


def _finish_import(
    context: AppContext,
    request: ImportRequest,
    pending: list[PendingClip],
    found: ImportReport,
    parent,
    imported: Callable[[ImportReport], None] | None,
) -> None:
    """After the files were read: the clips held back (pieces of long videos, clips that look unlike their
    sign's other clips) reviewed first, then ``imported`` told, then one summary of it all."""
    context.notify_database_changed()
    report = found
    if pending:
        review = ClipReviewDialog(context, pending, request, parent)
        review.exec()
        report = with_review(found, review.report, pending)
    if imported is not None:
        imported(report)
    show = QMessageBox.warning if report.failures or report.warnings else QMessageBox.information
    show(parent, "Import", summarise(report))
    start_embedding_missing(context, parent)  # so the new signs can be scored and searched at once


def _import_failed(context: AppContext, message: str, parent) -> None:
    context.notify_database_changed()  # what was imported before the failure is in the database
    QMessageBox.warning(parent, "Import failed", message)


class ClipReviewDialog(QDialog):
    """The clips an import held back: the pieces a long video was cut into, and clips that look unlike the
    other clips of their sign (unticked, said why, the clip they came nearest to played beside them); each
    previewed in the player, ticked ones imported on OK."""

    def __init__(self, context: AppContext, pending: list[PendingClip], request: ImportRequest, parent=None):
        super().__init__(parent)
        self.context, self.pending, self.request = context, pending, request
        self.report: ImportReport | None = None
        cut = all_cut(pending)
        self.setWindowTitle("Review the clips cut from long videos" if cut else "Review the clips to import")
        self.resize(within_the_screen(self, QSize(1100, 560)))
        intro = QLabel(review_intro(pending))
        intro.setWordWrap(True)
        self.clip_list = QListWidget()
        for piece in pending:
            item = QListWidgetItem(piece.describe())
            item.setToolTip(piece.describe())  # whole, where the list is narrow
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            # One that looks unlike its sign's clips is imported only when the learner means it
            item.setCheckState(Qt.CheckState.Checked if piece.unlike is None else Qt.CheckState.Unchecked)
            self.clip_list.addItem(item)
        self.preview = SkeletonPlayer()
        self.preview.follow_settings(context, references=True)
        self.nearest = ClosestClipPlayer(context, beside=self.preview)
        self.unlike = verdict_label()  # why the clip shown looks unlike its sign's other clips
        self.clip_list.currentRowChanged.connect(self._preview)
        self.clip_list.itemChanged.connect(self._follow_ticks)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton(
            "Import the ticked clips", QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        players = QWidget()
        row = QHBoxLayout(players)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.preview)
        row.addWidget(self.nearest)
        self.panes = self._list_beside(players)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.panes, 1)
        layout.addWidget(self.unlike)
        layout.addWidget(buttons)
        self.clip_list.setCurrentRow(0)
        self._follow_ticks()

    def _list_beside(self, players: QWidget) -> QSplitter:
        """The clip list beside the players, behind a splitter the learner can drag, the list as wide as its
        longest row where that leaves the players most of the dialog: a fixed 2/8 of it, ~130 px, read
        "⚠ hello · pose_form…" under a sideways scroll bar beside free room. A row still too long ends in
        "…" (its tooltip whole), its ⚠ first; a wider window widens the players."""
        rows = self.clip_list.sizeHintForColumn(0)  # the longest row, tick box and all, as the list draws it
        rows += 2 * self.clip_list.frameWidth() + self.clip_list.verticalScrollBar().sizeHint().width()
        rows_end_in_ellipsis(self.clip_list)
        panes = QSplitter()
        panes.addWidget(self.clip_list)
        panes.addWidget(players)
        panes.setCollapsible(0, False)
        panes.setStretchFactor(1, 1)
        width = self.width()
        listed = min(rows, int(width * CLIP_LIST_MOST))
        panes.setSizes([listed, width - listed])  # before it is shown: as shares of the width it gets
        return panes

    def _follow_ticks(self) -> None:
        """Import waits for a ticked clip: with none, it said only "0 clips imported." (Cancel: none)."""
        nothing = not self.ticked()
        self.import_button.setEnabled(not nothing)
        self.import_button.setToolTip(NOTHING_TICKED if nothing else "")

    def _preview(self, row: int) -> None:
        """The clip as the library will show it once imported (view.as_a_reference); one that looks
        unlike its sign's clips as it was compared, beside the clip it came nearest to, and why."""
        piece = self.pending[row] if 0 <= row < len(self.pending) else None
        unlike = None if piece is None else piece.unlike
        self.preview.set_clip(None if piece is None else as_a_reference(piece.clip.pose))
        self.nearest.show_for(unlike, THIS_CLIP)
        say_unlike(self.unlike, unlike, "Tick it only if the sign is made this way on purpose")

    def ticked(self) -> list[PendingClip]:
        return [
            piece
            for row, piece in enumerate(self.pending)
            if self.clip_list.item(row).checkState() == Qt.CheckState.Checked
        ]

    def accept(self) -> None:
        try:
            self.report = import_reviewed(self.context.database, self.ticked(), self.request)
        except InputError as error:
            QMessageBox.warning(self, "The clips could not be imported", str(error))
            return
        self.context.notify_database_changed()
        super().accept()
