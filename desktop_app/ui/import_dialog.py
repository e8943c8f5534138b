"""Importing signs: a sign folder, .pose files, videos or a SPOTER CSV, in the background with a progress
dialog that can be cancelled.

Every clip is committed on its own as it is imported, so Cancel stops at the next clip (or inside a video's
landmark extraction) and everything imported before it stays. Files that cannot be used are listed by name
with the reason when the import ends; the others are imported anyway. Clips that were imported but may be
incomplete (a truncated video) are listed with their warning.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
)

from desktop_app.core.context import AppContext
from desktop_app.ui.settings_dialog import start_embedding_missing
from desktop_app.ui.workers import JobControl, run_with_progress
from signcore.database import DatabaseError, SignDatabase
from signcore.datasets import VIDEO_SUFFIXES, LabeledClip
from signcore.errors import InputError
from signcore.ingest import (
    ImportReport,
    import_clips,
    import_pose_files,
    import_sign_folder,
    import_spoter_csv,
)

FOLDER, POSE_FILES, VIDEOS, SPOTER_CSV = "folder", "pose", "video", "spoter"
KINDS = (
    (FOLDER, "A sign folder: one subfolder per sign, holding .pose, CSV or video files"),
    (POSE_FILES, ".pose files"),
    (VIDEOS, "Videos (landmarks are extracted with MediaPipe)"),
    (SPOTER_CSV, "A SPOTER data set CSV"),
)
MAX_FAILURES_SHOWN = 12


@dataclass
class ImportRequest:
    """What the learner asked to import. ``gloss`` (pose files and videos): None = each file's folder name."""

    kind: str
    paths: list[str]
    language: str = ""
    licence: str = ""
    gloss: str | None = None
    selfie_videos: bool = False


def run_import(
    database: SignDatabase,
    request: ImportRequest,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> ImportReport:
    """Import ``request`` into ``database`` (Qt-free: runs in a worker thread); one report for all paths."""
    total = ImportReport()
    for number, path in enumerate(request.paths, start=1):
        if cancel is not None and cancel():
            total.cancelled = True
            break
        prefix = f"{Path(path).name} ({number} of {len(request.paths)}): " if len(request.paths) > 1 else ""

        def report(done: int, count: int, message: str, prefix=prefix) -> None:
            if progress is not None:
                progress(done, count, prefix + message)

        try:
            part = _import_one_path(database, request, path, report, cancel)
        except DatabaseError:  # the database itself failed (disk full, ...): stop; what is in stays
            raise
        except InputError as error:  # this path is unusable: say so and go on with the others
            total.failures.append(str(error))
            continue
        total.added += part.added
        total.skipped += part.skipped
        total.failures += part.failures
        total.warnings += part.warnings
        if part.cancelled:
            total.cancelled = True
            break
    return total


def _import_one_path(database, request, path, report, cancel) -> ImportReport:
    options = {"language": request.language, "licence": request.licence, "progress": report, "cancel": cancel}
    if request.kind == FOLDER:
        return import_sign_folder(database, path, mirrored_videos=request.selfie_videos, **options)
    if request.kind == SPOTER_CSV:
        return import_spoter_csv(database, path, **options)
    if request.kind == POSE_FILES:
        return import_pose_files(database, [path], gloss=request.gloss, **options)
    if request.kind == VIDEOS:
        return _import_video(database, request, Path(path), report, cancel)
    raise ValueError(f"unknown import kind {request.kind!r}")


def _import_video(database, request, path: Path, report, cancel) -> ImportReport:
    from signcore.extract import ExtractionCancelled, extract_video  # MediaPipe loads only when needed

    def extracting(done: int, frames: int) -> None:
        report(done, frames, f"finding the signer in frame {done} of {frames}")

    try:
        pose = extract_video(path, mirrored=request.selfie_videos, progress=extracting, cancel=cancel)
    except ExtractionCancelled:
        return ImportReport(cancelled=True)
    except (RuntimeError, ValueError, OSError) as error:  # what OpenCV / MediaPipe raise on a bad video
        raise InputError(path, f"landmark extraction failed: {error}") from error
    clip = LabeledClip(request.gloss or path.parent.name, pose, str(path))
    return import_clips(database, [clip], language=request.language, licence=request.licence)


def summarise(report: ImportReport) -> str:
    """The end of an import in words, with every unusable file named (up to a limit)."""
    lines = [
        ("Import cancelled. " if report.cancelled else "")
        + f"{report.added} clip{'' if report.added == 1 else 's'} imported"
        + (f", {report.skipped} already in the database (skipped)" if report.skipped else "")
        + ("; everything imported before the cancel is kept." if report.cancelled else ".")
    ]
    if report.warnings:
        lines.append(f"\n{len(report.warnings)} imported with a warning:")
        lines += _listed(report.warnings)
    if report.failures:
        lines.append(f"\n{len(report.failures)} could not be imported:")
        lines += _listed(report.failures)
    return "\n".join(lines)


def _listed(messages: list[str]) -> list[str]:
    """One bullet per message, up to MAX_FAILURES_SHOWN of them."""
    lines = [f"• {message}" for message in messages[:MAX_FAILURES_SHOWN]]
    if len(messages) > MAX_FAILURES_SHOWN:
        lines.append(f"… and {len(messages) - MAX_FAILURES_SHOWN} more.")
    return lines


class ImportDialog(QDialog):
    """Choose what to import; OK starts the import with a progress dialog (see the module docstring)."""

    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Import signs")
        self.setMinimumWidth(600)
        self.paths: list[str] = []
        self.worker = None
        self.last_report: ImportReport | None = None

        self.kind_buttons = QButtonGroup(self)
        kinds = QVBoxLayout()
        for kind, text in KINDS:
            button = QRadioButton(text)
            button.setProperty("kind", kind)
            self.kind_buttons.addButton(button)
            kinds.addWidget(button)
        self.kind_buttons.buttons()[0].setChecked(True)
        self.kind_buttons.buttonToggled.connect(self._kind_changed)

        self.choose_button = QPushButton("Choose…")
        self.choose_button.clicked.connect(self.choose_paths)
        self.chosen_label = QLabel("Nothing chosen yet")
        self.chosen_label.setWordWrap(True)
        chosen_row = QHBoxLayout()
        chosen_row.addWidget(self.choose_button)
        chosen_row.addWidget(self.chosen_label, 1)

        self.gloss = QLineEdit()
        self.gloss.setPlaceholderText("empty: the name of each file's folder")
        self.language = QComboBox()
        self.language.setEditable(True)
        self.language.addItems([""] + context.database.languages())
        self.language.lineEdit().setPlaceholderText("e.g. DGS, ASL (optional)")
        self.licence = QLineEdit()
        self.licence.setPlaceholderText("e.g. CC BY 4.0, own recording (optional)")
        self.selfie = QCheckBox("The videos are selfie recordings (mirrored)")

        form = QFormLayout()
        form.addRow("Import", kinds)
        form.addRow("From", chosen_row)
        form.addRow("Sign (gloss)", self.gloss)
        form.addRow("Language", self.language)
        form.addRow("Licence", self.licence)
        form.addRow("", self.selfie)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._kind_changed()

    @property
    def kind(self) -> str:
        return self.kind_buttons.checkedButton().property("kind")

    def _kind_changed(self, *_args) -> None:
        self.paths = []
        self._show_paths()
        self.gloss.setEnabled(self.kind in (POSE_FILES, VIDEOS))
        self.selfie.setEnabled(self.kind in (FOLDER, VIDEOS))

    def _show_paths(self) -> None:
        if not self.paths:
            self.chosen_label.setText("Nothing chosen yet")
        elif len(self.paths) == 1:
            self.chosen_label.setText(self.paths[0])
        else:
            self.chosen_label.setText(f"{len(self.paths)} files in {Path(self.paths[0]).parent}")
        self.import_button.setEnabled(bool(self.paths))

    def choose_paths(self) -> None:
        if self.kind == FOLDER:
            folder = QFileDialog.getExistingDirectory(self, "Choose a sign folder")
            chosen = [folder] if folder else []
        else:
            filters = {
                POSE_FILES: "Pose files (*.pose)",
                VIDEOS: "Videos (" + " ".join(f"*{suffix}" for suffix in VIDEO_SUFFIXES) + ")",
                SPOTER_CSV: "SPOTER CSV (*.csv)",
            }
            chosen, _ = QFileDialog.getOpenFileNames(
                self, "Choose files", "", filters[self.kind] + ";;All files (*)"
            )
        if chosen:
            self.set_paths(chosen)

    def set_paths(self, paths: list[str]) -> None:
        self.paths = [str(path) for path in paths]
        self._show_paths()

    def request(self) -> ImportRequest:
        return ImportRequest(
            kind=self.kind,
            paths=list(self.paths),
            language=self.language.currentText().strip(),
            licence=self.licence.text().strip(),
            gloss=(self.gloss.text().strip() or None) if self.gloss.isEnabled() else None,
            selfie_videos=self.selfie.isChecked(),
        )

    def start_import(self):
        """Start importing in the background; the dialog closes and a progress dialog takes over."""
        if not self.paths:
            return None
        database, request = self.context.database, self.request()

        def job(control: JobControl) -> ImportReport:
            return run_import(
                database, request, progress=control.report, cancel=lambda: control.cancel_requested
            )

        parent = self.parentWidget()
        self.worker = run_with_progress(parent, "Importing signs", job)
        self.worker.finished_with.connect(lambda report: self._finished(report, parent))
        self.worker.failed.connect(lambda message: self._failed(message, parent))
        self.accept()
        return self.worker

    def _finished(self, report: ImportReport, parent) -> None:
        self.last_report = report
        self.context.notify_database_changed()
        show = QMessageBox.warning if report.failures or report.warnings else QMessageBox.information
        show(parent, "Import", summarise(report))
        start_embedding_missing(self.context, parent)  # so the new signs can be scored and searched at once

    def _failed(self, message: str, parent) -> None:
        self.context.notify_database_changed()  # what was imported before the failure is in the database
        QMessageBox.warning(parent, "Import failed", message)
