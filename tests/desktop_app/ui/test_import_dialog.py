import shutil
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QProgressDialog, QPushButton

from desktop_app.core.importing.folder_preview import NOTHING_NEW, NOTHING_USABLE
from desktop_app.core.importing.imports import (
    AS_THEY_ARE,
    FOLDER,
    POSE_FILES,
    SPOTER_CSV,
    TURN_UPRIGHT,
    VIDEOS,
    ImportRequest,
    run_import,
)
from desktop_app.core.shared.settings import Settings
from desktop_app.ui.import_dialog import ANSWER_FIRST, ClipReviewDialog, ImportDialog
from desktop_app.ui.panes import FocusFramed
from desktop_app.ui.progress_dialog import run_with_progress
from desktop_app.ui.workers import Worker
from signcore.database import ClipOrigin
from signcore.errors import InputError
from signcore.formats.posefile import read_pose, write_pose
from tests.support import (
    LOADED_MACHINE_MS,
    SIGNING_VIDEO,
    TEST_DATA,
    answering_file_pickers,
    answering_message_boxes,
    moving_clip,
    opened_files,
    wait_for_outcome,
)

TRUNCATED_VIDEO = TEST_DATA.parent / "bad_inputs" / "videos" / "truncated.mp4"  # 17 of 58 frames decode


def truncated_sign(path):
    """The signing video cut after 70 % (33 of its 58 frames decode): a truncated video that still holds a
    sign (truncated.mp4's 17 frames hold a glimpse of one, too short to be imported)."""
    path.write_bytes(SIGNING_VIDEO.read_bytes()[: len(SIGNING_VIDEO.read_bytes()) * 7 // 10])
    return path


def test_worker_reports_progress_and_result(qtbot):
    def job(control):
        for i in range(3):
            control.progress(i + 1, 3, f"item {i}")
        return "done"

    worker = Worker(job)
    seen = []
    worker.progress.connect(lambda done, total, message: seen.append((done, total, message)))
    with qtbot.waitSignal(worker.finished_with, timeout=5000) as result:
        worker.start()
    assert result.args == ["done"]
    qtbot.waitUntil(lambda: len(seen) == 3, timeout=LOADED_MACHINE_MS)
    assert seen[-1] == (3, 3, "item 2")
    worker.wait()


def test_cancel_stops_the_job_at_its_next_report(qtbot):
    started, release = threading.Event(), threading.Event()
    finished_items = []

    def job(control):
        for i in range(100):
            finished_items.append(i)
            started.set()
            release.wait(5)
            control.progress(i + 1, 100)
        return "not cancelled"

    worker = Worker(job)
    with qtbot.waitSignal(worker.cancelled, timeout=5000):
        worker.start()
        started.wait(5)
        worker.cancel()
        release.set()
    worker.wait()
    assert finished_items == [0]


def test_input_errors_become_messages_and_bugs_one_line(qtbot):
    def bad_file(control):
        raise InputError("clip.pose", "not a pose file")

    worker = Worker(bad_file)
    with qtbot.waitSignal(worker.failed, timeout=5000) as failure:
        worker.start()
    assert failure.args == ["clip.pose: not a pose file"]
    worker.wait()

    worker = Worker(lambda control: 1 / 0)
    with qtbot.waitSignal(worker.failed, timeout=5000) as failure:
        worker.start()
    assert failure.args[0].startswith("Something went wrong: ZeroDivisionError")
    assert "Traceback" not in failure.args[0]
    worker.wait()


def test_progress_dialog_cancel_button_cancels(qtbot):
    started, release = threading.Event(), threading.Event()

    def job(control):
        started.set()
        release.wait(5)
        control.progress(1, 2)
        return "finished"

    worker = run_with_progress(None, "Working", job, stopped="nothing is done")
    started.wait(5)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog))
    with qtbot.waitSignal(worker.cancelled, timeout=5000):
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
        release.set()
    worker.wait()


# -- the import job and dialog ---------------------------------------------------------------------------


@pytest.fixture
def messages(monkeypatch):
    shown = []
    for kind in ("warning", "information"):
        monkeypatch.setattr(
            QMessageBox, kind, lambda parent, title, text, kind=kind: shown.append((kind, text))
        )
    return shown


def clip_counts(database):
    return {sign.gloss: sign.clip_count for sign in database.signs()}


def import_videos(dialog: ImportDialog) -> None:
    next(b for b in dialog.kind_buttons.buttons() if b.property("kind") == VIDEOS).setChecked(True)


def said_cannot_be_imported(dialog: ImportDialog) -> list[str]:
    """Why each file chosen cannot be imported, as the dialog says it in red under what was chosen (a message
    box came and went, and a sign folder's files and a table were said only after Import)."""
    if dialog.problems.isHidden():
        return []
    heading, *problems = dialog.problems.text().splitlines()
    assert heading == "Cannot be imported:"
    return problems


def choose_videos(qtbot, dialog: ImportDialog, paths: list) -> None:
    """The learner chooses the video files ``paths``; returns once the dialog has checked them."""
    import_videos(dialog)
    dialog.set_paths([str(path) for path in paths])
    qtbot.waitUntil(lambda: dialog.checking is None, timeout=LOADED_MACHINE_MS)


def test_dialog_imports_a_sign_folder_with_progress(qtbot, context, messages):
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()  # nothing chosen yet
    dialog.set_paths([str(TEST_DATA / "dgs" / "3D_full")])
    assert dialog.chosen_label.text() == "Checking the files in the folder chosen…"
    qtbot.waitUntil(lambda: dialog.checking is None, timeout=LOADED_MACHINE_MS)
    assert dialog.chosen_label.text() == "3D_full", "the folder's whole path where its name was expected"
    assert dialog.chosen_label.toolTip() == str(TEST_DATA / "dgs" / "3D_full")  # where it is, on demand
    dialog.language.setEditText("DGS")
    changed = []
    context.events.database_changed.connect(lambda: changed.append(True))
    worker = dialog.start_import()
    steps = []
    worker.progress.connect(lambda done, total, text: steps.append((done, total)))
    assert wait_for_outcome(qtbot, worker, 30000)[0] == "finished"
    qtbot.waitUntil(lambda: bool(messages), timeout=LOADED_MACHINE_MS)
    assert clip_counts(context.database) == {"Bier": 1, "du": 1, "hallo": 2}
    assert context.database.languages() == ["DGS"]
    assert changed and messages[0] == (
        "information",
        "4 clips imported into Bier (DGS), du (DGS) and hallo (DGS).",
    )
    assert dialog.request().kind == FOLDER


def test_a_folder_chosen_says_what_its_import_will_do_and_follows_the_language_typed(
    qtbot, context, messages, tmp_path
):
    """After Choose… the form showed only the folder's name: which signs, how many clips, which of them the
    library has, the licence, went unsaid until the import ended. A folder that cannot be read is said so."""
    folder = tmp_path / "exp2"
    shutil.copytree(TEST_DATA / "dgs" / "3D_full", folder)
    (folder / "hallo" / "sign.json").write_text('{"licence": "CC BY 4.0"}', encoding="utf-8")
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_paths([str(folder)])
    assert dialog.folder_found.isHidden()  # nothing said before the folder is read
    qtbot.waitUntil(lambda: dialog.checking is None, timeout=LOADED_MACHINE_MS)
    assert dialog.folder_found.isVisible()
    assert dialog.folder_found.text().splitlines()[:4] == [
        "3 signs, 4 clips:",
        "Bier, new: 1 clip",
        "du, new: 1 clip",
        "hallo, new: 2 clips",
    ]
    dialog.language.setEditText("DGS")  # the signs they join follow it, at once
    assert dialog.folder_found.text().splitlines()[1] == "Bier (DGS), new: 1 clip"
    dialog.set_paths([str(tmp_path / "gone")])
    qtbot.waitUntil(lambda: dialog.checking is None, timeout=LOADED_MACHINE_MS)
    assert said_cannot_be_imported(dialog) == [
        f"{tmp_path / 'gone'}: no such folder; expected a sign folder with one subfolder per sign"
    ]
    assert messages == [] and dialog.folder_found.isHidden() and not dialog.import_button.isEnabled()


def test_a_folder_with_no_signs_clips_says_so_and_cannot_be_imported(qtbot, context, tmp_path):
    """An empty folder was imported: "0 clips imported.", and no reason."""
    (tmp_path / "empty").mkdir()
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_paths([str(tmp_path / "empty")])
    qtbot.waitUntil(lambda: dialog.checking is None, timeout=LOADED_MACHINE_MS)
    assert dialog.folder_found.isVisible() and dialog.folder_found.text().startswith("No clips found")
    assert not dialog.import_button.isEnabled()


def test_a_folder_whose_clips_are_all_there_cannot_be_imported_and_says_why(qtbot, context, tmp_path):
    """Import stayed enabled, and pressing it said "0 clips imported, 8 already in the database"."""
    clip = tmp_path / "signs" / "wave" / "clip_1.pose"
    write_pose(moving_clip(seed=1), clip)
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()

    def choose_the_folder():
        dialog.set_paths([str(tmp_path / "signs")])
        qtbot.waitUntil(lambda: dialog.checking is None, timeout=LOADED_MACHINE_MS)

    choose_the_folder()
    assert dialog.import_button.isEnabled()
    context.database.add_clip_by_gloss("wave", read_pose(clip), "", ClipOrigin())
    choose_the_folder()
    assert dialog.folder_found.text().splitlines()[-1] == NOTHING_NEW
    assert not dialog.import_button.isEnabled()


@pytest.mark.slow
def test_a_truncated_video_is_imported_and_its_warning_shown(qtbot, context, messages, tmp_path):
    video = truncated_sign(tmp_path / "wave.mp4")
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    choose_videos(qtbot, dialog, [video])
    assert dialog.gloss.text() == "wave"  # the video's file name, for the learner to check
    dialog.gloss.setText("winken")
    choose_videos(qtbot, dialog, [video])
    assert dialog.gloss.text() == "winken"  # what the learner typed stays
    dialog.gloss.setText("wave")
    assert (
        dialog.selfie_question.first_frame.pixmap() is not None
        and not dialog.selfie_question.first_frame.pixmap().isNull()
    )
    assert not dialog.import_button.isEnabled() and dialog.start_import() is None  # asked, not assumed
    assert (
        not dialog.selfie_question.answer_first.isHidden() and dialog.import_button.toolTip() == ANSWER_FIRST
    )  # says why
    dialog.selfie_question.not_selfie.setChecked(True)
    assert dialog.import_button.isEnabled()
    assert dialog.selfie_question.answer_first.isHidden() and dialog.import_button.toolTip() == ""
    ending, report = wait_for_outcome(qtbot, dialog.start_import(), 60000)
    assert ending == "finished" and (report.added, report.failures) == (1, [])
    (warning,) = report.warnings
    assert warning.startswith(f"{video}: only 33 of the 58 frames")
    qtbot.waitUntil(lambda: bool(messages), timeout=LOADED_MACHINE_MS)
    assert messages[0] == (
        "warning",
        f"1 clip imported into wave.\n\n1 imported with a warning:\n• {warning}",
    )


@pytest.mark.slow
def test_cancel_button_stops_a_video_import_and_keeps_the_finished_video(qtbot, context, messages, tmp_path):
    folder = tmp_path / "hello"
    folder.mkdir()
    videos = [
        truncated_sign(folder / "take1.mp4"),  # quicker to extract: 33 frames
        shutil.copy(SIGNING_VIDEO, folder / "take2.mp4"),  # 58 frames: cancelled while it is extracted
    ]
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    choose_videos(qtbot, dialog, videos)
    dialog.selfie_question.not_selfie.setChecked(True)  # so a hand is seen in the truncated video
    worker = dialog.start_import()
    progress_dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog))

    def cancel_during_second_video(done, total, text):
        if text.startswith("take2.mp4") and done >= 3:
            qtbot.mouseClick(progress_dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)

    worker.progress.connect(cancel_during_second_video)
    ending, report = wait_for_outcome(qtbot, worker, 60000)
    assert ending == "finished"
    assert report.cancelled and report.added == 1
    assert clip_counts(context.database) == {"hello": 1}
    qtbot.waitUntil(lambda: bool(messages), timeout=LOADED_MACHINE_MS)
    assert "Import cancelled. 1 clip imported" in messages[0][1]


@pytest.fixture
def six_sign_lesson(monkeypatch):
    """Every video imported is ~11 s of six signs with the hands down between them."""
    from signcore import extract
    from signcore.formats import load_traduttore
    from tests.desktop_app.core.test_video_clips import hands_down, video

    signs = [c.pose for c in load_traduttore(TEST_DATA / "traduttore" / "traduttore_sample.npz")]
    signs = [pose for pose in signs if pose.mask[:, 54:].any(axis=1).mean() > 0.9][:6]
    pause = hands_down(signs[0], 1.2)
    lesson = video(pause, *[part for sign in signs for part in (sign, pause)])
    monkeypatch.setattr(extract, "extract_video", lambda *args, **kwargs: lesson)
    return signs


def test_a_long_video_is_cut_into_clips_that_the_learner_reviews(qtbot, context, six_sign_lesson, tmp_path):
    from signcore import extract
    from tests.desktop_app.core.test_video_clips import video

    path = tmp_path / "lesson" / "lesson.mp4"
    review = []
    request = ImportRequest(VIDEOS, [str(path)], language="ASL", gloss="lesson")
    report = run_import(context.database, request, review=review)
    assert report.added == 0 and not report.failures and len(review) == 6  # nothing stored before review

    dialog = ClipReviewDialog(context, review, request)
    qtbot.addWidget(dialog)
    # Space ticks the clip the keyboard is on: seen where it is
    assert isinstance(dialog.clip_list.style(), FocusFramed)
    dialog.clip_list.setCurrentRow(2)
    assert dialog.preview.clip is review[2].clip.pose
    dialog.clip_list.item(0).setCheckState(Qt.CheckState.Unchecked)  # not a whole sign: left out
    dialog.accept()
    assert dialog.report.added == 5 and clip_counts(context.database) == {"lesson": 5}

    nonstop = video(*(six_sign_lesson * 3))
    extract.extract_video = lambda *args, **kwargs: nonstop  # undone by the fixture's monkeypatch
    refused = run_import(context.database, request, review=[])
    assert refused.added == 0 and "without the hands going down" in refused.failures[0]


@pytest.mark.parametrize("reviewed", [True, False])
def test_the_review_of_a_long_video_follows_the_import_dialog_closed(
    qtbot, context, messages, six_sign_lesson, monkeypatch, tmp_path, reviewed
):
    """As the library opens it: the dialog is deleted when it closes, before the import ends (it used to
    raise there, and the review never opened). The summary comes after the review, of both."""
    from PySide6.QtWidgets import QWidget

    library = QWidget()
    qtbot.addWidget(library)
    (tmp_path / "lesson").mkdir()
    path = shutil.copy(SIGNING_VIDEO, tmp_path / "lesson" / "lesson.mp4")

    def learner_reviews(review):
        review.clip_list.item(0).setCheckState(Qt.CheckState.Unchecked)
        review.accept() if reviewed else review.reject()

    monkeypatch.setattr(ClipReviewDialog, "exec", learner_reviews)
    dialog = ImportDialog(context, library)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    choose_videos(qtbot, dialog, [path])
    dialog.selfie_question.not_selfie.setChecked(True)
    worker = dialog.start_import()
    assert wait_for_outcome(qtbot, worker, 30000)[0] == "finished"
    qtbot.waitUntil(lambda: bool(messages), timeout=LOADED_MACHINE_MS)
    if reviewed:
        assert messages == [("information", "5 clips imported into lesson.")]
        assert clip_counts(context.database) == {"lesson": 5}
    else:  # what a cancelled review is said to be: test_imports (with_review)
        [(kind, summary)] = messages
        assert kind == "warning" and summary.endswith(": the review was cancelled")
        assert clip_counts(context.database) == {}


def test_a_file_that_is_no_video_is_refused_when_chosen_not_asked_about(qtbot, context, messages, tmp_path):
    """A text file named .mp4 was asked the selfie question, and reported only once imported."""
    not_a_video = tmp_path / "notes.mp4"
    not_a_video.write_text("not a video")
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    choose_videos(qtbot, dialog, [not_a_video, SIGNING_VIDEO])
    refused = f"{not_a_video}: not a video that can be read (unknown format, or the file is damaged)"
    assert said_cannot_be_imported(dialog) == [refused] and messages == []
    assert dialog.paths == [str(SIGNING_VIDEO)] and dialog.selfie_question.isEnabled()
    dialog.selfie_question.not_selfie.setChecked(True)
    assert dialog.import_button.isEnabled()  # one can be imported
    choose_videos(qtbot, dialog, [not_a_video])
    assert dialog.paths == [] and not dialog.selfie_question.isEnabled()
    assert said_cannot_be_imported(dialog) == [refused] and not dialog.import_button.isEnabled()
    # not "Nothing chosen yet" above why the file chosen cannot be imported
    assert dialog.chosen_label.text() == "1 file chosen: it cannot be imported"
    choose_videos(qtbot, dialog, [SIGNING_VIDEO])
    assert said_cannot_be_imported(dialog) == []  # said of the files chosen now only


def test_the_selfie_question_asks_of_one_video_in_the_singular(qtbot, context, tmp_path):
    """With one video chosen it asked "Are these selfie recordings?"."""
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    choose_videos(qtbot, dialog, [SIGNING_VIDEO])
    question = dialog.selfie_question
    assert question.question.text().startswith("Is this video a selfie recording?")
    assert question.selfie.text() == "Yes, a selfie recording (mirrored)"
    other = tmp_path / "other.mp4"
    other.write_bytes(SIGNING_VIDEO.read_bytes())
    choose_videos(qtbot, dialog, [SIGNING_VIDEO, other])
    assert question.question.text().startswith("Are these selfie recordings?")
    assert question.selfie.text() == "Yes, selfie recordings (mirrored)"


def test_an_unreadable_pose_file_is_refused_when_chosen_as_a_video_is(qtbot, context, messages, tmp_path):
    """An empty .pose file was taken when chosen and refused only after Import was pressed, where a video
    that cannot be read is refused as soon as it is chosen."""
    empty = tmp_path / "empty.pose"
    empty.write_bytes(b"")
    readable = TEST_DATA / "pose" / "mediapipe.pose"
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    next(b for b in dialog.kind_buttons.buttons() if b.property("kind") == POSE_FILES).setChecked(True)
    dialog.set_paths([str(empty), str(readable)])
    qtbot.waitUntil(lambda: dialog.checking is None, timeout=LOADED_MACHINE_MS)
    assert said_cannot_be_imported(dialog) == [
        f"{empty}: the file is empty (a .pose file holds the body and hand points of a clip)"
    ]
    assert messages == [] and dialog.paths == [str(readable)] and dialog.import_button.isEnabled()
    dialog.set_paths([str(empty)])
    qtbot.waitUntil(lambda: dialog.checking is None, timeout=LOADED_MACHINE_MS)
    assert dialog.paths == [] and not dialog.import_button.isEnabled()


def test_a_file_of_another_kind_chosen_says_what_it_is_and_what_to_choose(qtbot, context, messages, tmp_path):
    """Videos chosen while ".pose files" was selected (the dialog opens on the kind imported last) were "not a
    valid .pose file (truncated or corrupt)"; each file whose name says another kind says which, and what to
    choose to import it."""
    video, table = tmp_path / "wave.mp4", tmp_path / "clips.csv"
    shutil.copy(SIGNING_VIDEO, video)
    table.write_text("hello,world\n", encoding="utf-8")
    pose_file = tmp_path / "hallo.pose"
    shutil.copy(TEST_DATA / "pose" / "mediapipe.pose", pose_file)
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    for kind, chosen, said in (
        (
            POSE_FILES,
            [video, table],
            [
                f"{video}: a video, not a .pose file: choose “Videos” above to import it",
                f"{table}: a table of clips, not a .pose file: choose “A table of clips” above to import it",
            ],
        ),
        (
            VIDEOS,
            [pose_file],
            [f"{pose_file}: a .pose file, not a video: choose “.pose files” above to import it"],
        ),
    ):
        next(b for b in dialog.kind_buttons.buttons() if b.property("kind") == kind).setChecked(True)
        dialog.set_paths([str(path) for path in chosen])
        qtbot.waitUntil(lambda: dialog.checking is None, timeout=LOADED_MACHINE_MS)
        assert said_cannot_be_imported(dialog) == said
        assert dialog.paths == [] and not dialog.import_button.isEnabled() and messages == []


def test_tables_that_cannot_be_read_are_said_when_chosen_and_import_waits_for_one_that_can(
    qtbot, context, messages, tmp_path
):
    """A walk-through: a text file named .csv and an empty one, chosen as tables of clips, left Import
    pressable and nothing said; why came only after Import. Each is said at once, with why, and Import
    waits while nothing chosen can be imported."""
    text, empty = tmp_path / "bad.csv", tmp_path / "empty.csv"
    text.write_text("hello,world\n", encoding="utf-8")
    empty.write_bytes(b"")
    table = TEST_DATA / "spoter" / "traduttore_spoter.csv"
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    next(b for b in dialog.kind_buttons.buttons() if b.property("kind") == SPOTER_CSV).setChecked(True)
    dialog.set_paths([str(text), str(empty)])
    qtbot.waitUntil(lambda: dialog.checking is None, timeout=LOADED_MACHINE_MS)
    said = said_cannot_be_imported(dialog)
    assert [problem.split(": ")[0] for problem in said] == [str(text), str(empty)]
    assert "not a table of clips in the SPOTER format" in said[0] and "the file is empty" in said[1]
    assert dialog.paths == [] and not dialog.import_button.isEnabled() and messages == []
    dialog.set_paths([str(text), str(table)])
    qtbot.waitUntil(lambda: dialog.checking is None, timeout=LOADED_MACHINE_MS)
    assert said_cannot_be_imported(dialog) == said[:1]
    assert dialog.paths == [str(table)] and dialog.import_button.isEnabled()


def test_a_folder_none_of_whose_files_can_be_imported_says_each_why_and_import_waits(
    qtbot, context, messages, tmp_path
):
    """A walk-through: a sign folder of a text file named .mp4 and an empty .pose file said only "The summary
    at the end says why", and Import could be pressed for "0 clips imported"."""
    root = tmp_path / "teacher"
    (root / "hallo").mkdir(parents=True)
    (root / "hallo" / "notes.mp4").write_text("not a video", encoding="utf-8")
    (root / "hallo" / "empty.pose").write_bytes(b"")
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.set_paths([str(root)])  # a sign folder: the first kind
    qtbot.waitUntil(lambda: dialog.checking is None, timeout=LOADED_MACHINE_MS)
    said = said_cannot_be_imported(dialog)
    assert sorted(problem.split(": ")[0] for problem in said) == ["hallo/empty.pose", "hallo/notes.mp4"]
    assert dialog.folder_found.text().splitlines() == [
        "hallo: none of its files can be imported",
        NOTHING_USABLE,
    ]
    assert not dialog.import_button.isEnabled() and messages == []
    shutil.copy(TEST_DATA / "pose" / "mediapipe.pose", root / "hallo" / "take1.pose")
    dialog.set_paths([str(root)])  # one that can be imported: Import may start, the others still said
    qtbot.waitUntil(lambda: dialog.checking is None, timeout=LOADED_MACHINE_MS)
    assert said_cannot_be_imported(dialog) == said and dialog.import_button.isEnabled()


def test_the_first_frame_of_the_videos_chosen_is_read_off_the_gui_thread(qtbot, context, monkeypatch):
    """The selfie question's first frame was read on the GUI thread once the videos were checked."""
    from desktop_app.ui import import_dialog

    read_on: list[int] = []
    read = import_dialog.first_frame

    def first_frame(video):
        read_on.append(threading.get_ident())
        return read(video)

    monkeypatch.setattr(import_dialog, "first_frame", first_frame)
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    choose_videos(qtbot, dialog, [SIGNING_VIDEO])
    assert len(read_on) == 1 and read_on[0] != threading.get_ident()
    assert not dialog.selfie_question.first_frame.pixmap().isNull()


class HeldCheck:
    """A file named .mp4 that is no video (``not_a_video``), whose check waits, once ``held`` is set, until
    ``release`` is; ``threads``: the thread each video was checked on."""

    def __init__(self, folder: Path, monkeypatch):
        from desktop_app.core.importing import imports

        self.not_a_video = folder / "notes.mp4"
        self.not_a_video.write_text("not a video")
        self.held, self.release = threading.Event(), threading.Event()
        self.threads: list[int] = []
        checked = imports.video_problem

        def video_problem(path):
            self.threads.append(threading.get_ident())
            if path == str(self.not_a_video):
                self.held.set()
                self.release.wait(LOADED_MACHINE_MS / 1000)
            return checked(path)

        monkeypatch.setattr(imports, "video_problem", video_problem)

    def choose_with_a_video(self, dialog: ImportDialog):
        """Choose the file that is no video and the signing video; returns the check, held at the first."""
        self.held.clear()
        self.release.clear()
        import_videos(dialog)
        dialog.set_paths([str(self.not_a_video), str(SIGNING_VIDEO)])  # returns with the check held
        assert self.held.wait(LOADED_MACHINE_MS / 1000)
        return dialog.checking


def test_the_videos_chosen_are_checked_off_the_gui_thread_with_the_dialog_usable(
    qtbot, context, messages, monkeypatch, tmp_path
):
    """Each video chosen was opened on the GUI thread (about 9 ms a file): a folder of hundreds froze the
    window. Now they are checked in the background; the dialog says so and stays usable, Import waits, and
    the outcome is as before (one that is no video refused with why)."""
    check = HeldCheck(tmp_path, monkeypatch)
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    check.choose_with_a_video(dialog)
    assert threading.get_ident() not in check.threads  # not the GUI thread
    assert dialog.chosen_label.text() == "Checking the videos chosen: 0 of 2…"
    assert not dialog.import_button.isEnabled() and dialog.start_import() is None and messages == []
    dialog.gloss.setText("hallo")  # the dialog is the learner's meanwhile
    check.release.set()
    qtbot.waitUntil(lambda: dialog.checking is None, timeout=LOADED_MACHINE_MS)
    assert said_cannot_be_imported(dialog) == [
        f"{check.not_a_video}: not a video that can be read (unknown format, or the file is damaged)"
    ]
    assert dialog.paths == [str(SIGNING_VIDEO)] and dialog.chosen_label.text() == SIGNING_VIDEO.name
    assert dialog.selfie_question.isEnabled() and dialog.gloss.text() == "hallo"
    assert threading.get_ident() not in check.threads


def test_a_check_of_videos_chosen_before_is_dropped(qtbot, context, messages, monkeypatch, tmp_path):
    """Chosen again, or closed, while the videos are checked: the earlier choice's outcome is not used (nor
    its refusals said), and the check stops at its next video."""
    check = HeldCheck(tmp_path, monkeypatch)
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    first = check.choose_with_a_video(dialog)
    choose_videos(qtbot, dialog, [SIGNING_VIDEO])  # chosen again while the first choice is checked
    check.release.set()
    assert wait_for_outcome(qtbot, first, LOADED_MACHINE_MS)[0] == "cancelled"  # stopped at the next video
    assert dialog.paths == [str(SIGNING_VIDEO)] and said_cannot_be_imported(dialog) == []

    closed_over = check.choose_with_a_video(dialog)
    dialog.reject()
    check.release.set()
    assert wait_for_outcome(qtbot, closed_over, LOADED_MACHINE_MS)[0] == "cancelled" and messages == []


def test_the_selfie_question_is_whole_when_it_waits_for_an_answer(qtbot, context, tmp_path):
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()  # as the learner sees it: shown first, then videos chosen
    qtbot.waitExposed(dialog)
    choose_videos(qtbot, dialog, [SIGNING_VIDEO])
    qtbot.wait(50)  # the layout settles
    question = dialog.selfie_question.question
    assert question.height() >= question.heightForWidth(question.width()), "its last line was cut"


def test_answering_the_selfie_question_moves_nothing_and_no_row_stands_empty(qtbot, context):
    """Answered, the bold question turned plain and the hint under it went: Import moved down under the
    pointer. And an empty row stood under "Sign's name" when no file names were said there."""
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.names_hint.text() == "" and not dialog.names_hint.isVisible()
    choose_videos(qtbot, dialog, [SIGNING_VIDEO])
    qtbot.wait(50)  # the layout settles

    def place(widget):
        return widget.mapTo(dialog, widget.rect().topLeft()), widget.size()

    before = place(dialog.import_button), place(dialog.selfie_question.not_selfie), dialog.height()
    dialog.selfie_question.selfie.setChecked(True)
    qtbot.wait(50)
    assert dialog.import_button.isEnabled()
    assert (place(dialog.import_button), place(dialog.selfie_question.not_selfie), dialog.height()) == before
    dialog.set_paths([str(SIGNING_VIDEO), str(TRUNCATED_VIDEO)])  # two files: each one's sign is said
    qtbot.waitUntil(lambda: dialog.checking is None, timeout=LOADED_MACHINE_MS)
    assert dialog.names_hint.text() and dialog.names_hint.isVisible()


def test_the_language_box_offers_no_language(qtbot, context):
    """A clip for the sign without a language, whose name another sign shares, could not be imported: the
    box offered only the languages and "" (not known: the sign of its name)."""
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    offered = [dialog.language.itemText(row) for row in range(dialog.language.count())]
    assert offered[0] == "" and offered[-1] == "no language"


def choose_pose_files(qtbot, dialog, paths):
    next(b for b in dialog.kind_buttons.buttons() if b.property("kind") == POSE_FILES).setChecked(True)
    dialog.set_paths([str(path) for path in paths])
    qtbot.waitUntil(lambda: dialog.checking is None, timeout=LOADED_MACHINE_MS)


def test_one_file_imported_from_import_is_named_by_its_folder_not_the_sign_selected(
    qtbot, context, messages, tmp_path
):
    """A walk-through: with "Winken" selected in the Library, Import… of an exported
    Bier/clip_497.pose filled in "Winken", and a teacher added a Bier clip to Winken unnoticed. Import…
    names the file's own sign and says where the name came from; the selected sign's name only from its
    "Import clips…"."""
    clip = tmp_path / "Bier" / "clip_497.pose"
    write_pose(moving_clip(seed=1), clip)
    (clip.parent / "sign.json").write_text('{"version": 2, "language": "DGS"}', encoding="utf-8")
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    choose_pose_files(qtbot, dialog, [clip])
    assert dialog.gloss.text() == "Bier"
    assert dialog.names_hint.text() == "The file becomes a clip of “Bier” (its folder's name)."
    video = tmp_path / "Downloads" / "winken 2.mp4"
    video.parent.mkdir()
    shutil.copy(SIGNING_VIDEO, video)
    choose_videos(qtbot, dialog, [video])
    assert dialog.names_hint.text() == "The file becomes a clip of “winken” (the file's name)."
    winken = context.database.sign(context.database.add_sign("Winken"))
    into_winken = ImportDialog(context, selected=winken)
    qtbot.addWidget(into_winken)
    choose_pose_files(qtbot, into_winken, [clip])
    assert into_winken.gloss.text() == "Winken" and into_winken.windowTitle() == "Import clips of Winken"
    assert (
        into_winken.names_hint.text()
        == "The file becomes a clip of “Winken” (the sign you are adding clips to)."
    )
    into_winken.gloss.setText("Prost")  # typed: where it comes from goes unsaid
    assert into_winken.names_hint.text() == "The file becomes a clip of “Prost”."
    assert messages == []


def test_the_empty_language_of_pose_files_chosen_says_their_folder_notes_it(
    qtbot, context, messages, tmp_path
):
    """A walk-through: for a new sign the empty language said "the language of the sign of that name", none
    being there; it then came from the folder's sign.json. Said as the files are chosen and the name typed."""
    from signcore.formats.posefile import write_pose

    clip = tmp_path / "wave" / "clip_1.pose"
    write_pose(moving_clip(seed=1), clip)
    (clip.parent / "sign.json").write_text('{"version": 2, "language": "ASL"}', encoding="utf-8")
    context.database.add_sign("hallo", "DGS")
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    choose_pose_files(qtbot, dialog, [clip])
    assert dialog.language.lineEdit().placeholderText() == "empty: ASL, as the sign's folder notes"
    (clip.parent / "sign.json").unlink()
    choose_pose_files(qtbot, dialog, [clip])  # chosen again: read again
    assert dialog.language.lineEdit().placeholderText() == "empty: no language, as “wave” is a new sign"
    dialog.gloss.setText("hallo")
    assert dialog.language.lineEdit().placeholderText() == "empty: DGS, the language of “hallo”"


def test_each_files_sign_is_named_before_the_import_and_a_nameless_one_waits_for_a_name(
    qtbot, context, messages, tmp_path
):
    """The hint said "empty: the name of each file's folder", and a file in a folder "pose" became a sign
    "pose"."""
    from signcore.formats.posefile import write_pose
    from tests.support import moving_clip

    named, nameless = tmp_path / "pose" / "hallo.pose", tmp_path / "files" / "001.pose"
    for path in (named, nameless):
        path.parent.mkdir()
        write_pose(moving_clip(seed=1), path)
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    choose_pose_files(qtbot, dialog, [named])
    assert dialog.names_hint.text() == "The file becomes a clip of “hallo” (the file's name)."
    dialog.gloss.clear()
    assert dialog.names_hint.text() == "Left empty: hallo.pose → “hallo”."
    assert dialog.import_button.isEnabled()
    choose_pose_files(qtbot, dialog, [nameless])
    assert dialog.names_hint.text().startswith("Left empty: 001.pose → no name. Neither the file's name")
    assert not dialog.import_button.isEnabled() and dialog.start_import() is None
    dialog.gloss.setText("danke")
    assert dialog.names_hint.text() == "The file becomes a clip of “danke”."
    assert dialog.import_button.isEnabled() and messages == []


def test_the_sign_selected_in_the_library_is_the_one_named_for_videos_and_pose_files(
    qtbot, context, messages, tmp_path
):
    """A walk-through: with "wave" selected, importing a video named the sign after the file, and a
    .pose file left the name empty: a teacher adding clips to their sign retyped its name every time. The
    language comes too (the one without: "no language"); a folder names its own signs."""
    wave = context.database.sign(context.database.add_sign("wave", "ASL"))
    context.database.add_clip(wave.id, moving_clip(), ClipOrigin(source="teacher", licence="CC BY 4.0"))
    dialog = ImportDialog(context, selected=wave)
    qtbot.addWidget(dialog)

    def filled_in():
        return dialog.gloss.text(), dialog.language.currentText(), dialog.licence.text()

    choose_videos(qtbot, dialog, [SIGNING_VIDEO])
    assert filled_in() == ("wave", "ASL", "CC BY 4.0")  # the licence was left empty
    choose_pose_files(qtbot, dialog, [])
    assert filled_in() == ("wave", "ASL", "CC BY 4.0")
    next(b for b in dialog.kind_buttons.buttons() if b.property("kind") == FOLDER).setChecked(True)
    assert filled_in() == ("", "", "")
    # Left empty, a folder's sign takes the language its folder notes: it said "the language of the sign of
    # that name" for a new sign
    assert "folder notes" in dialog.language.lineEdit().placeholderText()
    nameless = context.database.sign(context.database.add_sign("cup"))
    typed = ImportDialog(context, selected=nameless)
    qtbot.addWidget(typed)
    import_videos(typed)
    assert (typed.gloss.text(), typed.language.currentText()) == ("cup", "no language")
    typed.gloss.setText("mug")  # typed by the learner: kept whatever is chosen
    typed.licence.setText("own recording")
    choose_videos(qtbot, typed, [SIGNING_VIDEO])
    assert (typed.gloss.text(), typed.licence.text()) == ("mug", "own recording") and messages == []


def test_a_new_name_typed_clears_the_selected_signs_language_and_licence(qtbot, context, messages):
    """A walk-through: "Bier (DGS)" selected, a video of one's own named "my wave" was imported as a
    DGS sign under the DGS data set's licence, filled in from Bier and kept after the new name was typed.
    What the learner typed in those fields stays theirs."""
    bier = context.database.sign(context.database.add_sign("Bier", "DGS"))
    context.database.add_clip(bier.id, moving_clip(), ClipOrigin(source="dgs", licence="Apache-2.0"))
    dialog = ImportDialog(context, selected=bier)
    qtbot.addWidget(dialog)
    choose_videos(qtbot, dialog, [SIGNING_VIDEO])
    assert (dialog.language.currentText(), dialog.licence.text()) == ("DGS", "Apache-2.0")
    dialog.gloss.selectAll()
    qtbot.keyClicks(dialog.gloss, "my wave")
    assert (dialog.gloss.text(), dialog.language.currentText(), dialog.licence.text()) == ("my wave", "", "")
    dialog.licence.setText("own recording")
    dialog.gloss.selectAll()
    qtbot.keyClicks(dialog.gloss, "Bier")  # Bier's again: its language back, the licence typed kept
    assert (dialog.language.currentText(), dialog.licence.text()) == ("DGS", "own recording")
    assert messages == []


def test_the_dialog_opens_on_the_kind_imported_last(qtbot, context, messages, tmp_path):
    """A walk-through: the dialog forgot the kind chosen, and a learner importing .pose files chose it again
    every time."""
    from signcore.formats.posefile import write_pose
    from tests.support import moving_clip

    path = tmp_path / "pose" / "hallo.pose"
    path.parent.mkdir()
    write_pose(moving_clip(seed=1), path)
    first = ImportDialog(context)
    qtbot.addWidget(first)
    assert first.kind == FOLDER  # nothing imported yet: the first kind
    choose_pose_files(qtbot, first, [path])
    assert wait_for_outcome(qtbot, first.start_import(), 30000)[0] == "finished"
    again = ImportDialog(context)
    qtbot.addWidget(again)
    assert again.kind == POSE_FILES
    assert Settings.load(context.settings_path).import_kind == POSE_FILES  # also after a restart


@pytest.mark.parametrize(("imported_last", "opens_on"), [(FOLDER, VIDEOS), (POSE_FILES, POSE_FILES)])
def test_a_signs_import_clips_opens_on_its_clips_named(qtbot, context, messages, imported_last, opens_on):
    """A walk-through: a sign's "Import clips…" opened on "A sign folder" (the kind imported last), the
    sign's name empty; it was named only once "Videos" was chosen. It opens on videos (or .pose files,
    imported last), named."""
    context.remember(import_kind=imported_last)
    abdomen = context.database.sign(context.database.add_sign("abdomen", "ASL"))
    dialog = ImportDialog(context, selected=abdomen)
    qtbot.addWidget(dialog)
    assert dialog.kind == opens_on
    assert (dialog.gloss.text(), dialog.language.currentText()) == ("abdomen", "ASL")
    assert dialog.gloss.isEnabled()
    of_no_sign = ImportDialog(context)  # the Library's Import…
    qtbot.addWidget(of_no_sign)
    assert of_no_sign.kind == imported_last


@pytest.mark.parametrize("answer", [TURN_UPRIGHT, AS_THEY_ARE])
def test_a_pose_file_filmed_on_its_side_is_asked_about_when_chosen(
    qtbot, context, messages, tmp_path, monkeypatch, answer
):
    """A .pose file of a phone video on its side (3264x1836) was drawn with the head beside the arm,
    unsaid."""
    from desktop_app.core.signing.upright import turned
    from signcore.formats.posefile import read_pose, write_pose

    path = tmp_path / "hallo.pose"
    write_pose(turned(read_pose(TEST_DATA / "pose" / "openpose.pose"), 1), path)
    asked = answering_message_boxes(monkeypatch, answer)
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    choose_pose_files(qtbot, dialog, [path])
    assert len(asked) == 1 and asked[0].startswith("“hallo.pose” looks filmed on its side")
    expected = {str(path): 3} if answer == TURN_UPRIGHT else {}
    assert dialog.request().turns == expected and dialog.import_button.isEnabled()


@pytest.mark.parametrize("answer", [TURN_UPRIGHT, AS_THEY_ARE])
def test_a_pose_file_on_its_side_in_a_sign_folder_is_asked_about_as_a_pose_file_chosen_is(
    qtbot, context, messages, tmp_path, monkeypatch, answer
):
    """A .pose file on its side inside a sign folder was imported lying on its side, never asked about: only
    .pose files chosen as such were. The same question, and the clip imported as answered."""
    from desktop_app.core.signing.upright import quarter_turns_to_upright, turned
    from signcore.formats.posefile import read_pose, write_pose

    path = tmp_path / "signs" / "hallo" / "take_1.pose"
    path.parent.mkdir(parents=True)
    write_pose(turned(read_pose(TEST_DATA / "pose" / "openpose.pose"), 1), path)
    asked = answering_message_boxes(monkeypatch, answer)
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.set_paths([str(path.parent.parent)])  # a sign folder: the kind first offered
    qtbot.waitUntil(lambda: dialog.checking is None, timeout=LOADED_MACHINE_MS)
    assert len(asked) == 1 and asked[0].startswith("“take_1.pose” looks filmed on its side")
    assert dialog.paths == [str(path.parent.parent)] and dialog.chosen_label.text() == "signs"
    ending, report = wait_for_outcome(qtbot, dialog.start_import(), LOADED_MACHINE_MS)
    assert ending == "finished" and report.added == 1 and clip_counts(context.database) == {"hallo": 1}
    stored = context.database.clip_pose(context.database.clips()[0].id)
    assert quarter_turns_to_upright(stored) == (0 if answer == TURN_UPRIGHT else 3)


def test_each_pose_file_is_read_once_from_its_choice_to_its_import(
    qtbot, context, messages, tmp_path, monkeypatch
):
    """The check of the files chosen read each .pose file whole, and the import read it again."""
    from signcore.formats.posefile import write_pose
    from tests.support import moving_clip

    paths = [tmp_path / "hallo" / f"{take}.pose" for take in range(2)]
    paths[0].parent.mkdir()
    for seed, path in enumerate(paths):
        write_pose(moving_clip(seed=seed), path)
    opened = opened_files(monkeypatch)
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    choose_pose_files(qtbot, dialog, paths)
    ending, report = wait_for_outcome(qtbot, dialog.start_import(), LOADED_MACHINE_MS)
    assert ending == "finished" and report.added == 2 and clip_counts(context.database) == {"hallo": 2}
    # the .pose files once each (the settings saved beside them remember the kind imported)
    assert sorted(path for path in opened if path.endswith(".pose")) == sorted(map(str, paths))


def test_a_key_typed_in_the_signs_name_names_each_file_once_and_leaves_the_files_chosen_be(
    qtbot, context, tmp_path, monkeypatch
):
    """Every key typed said the files chosen again (their names, their paths) and named each file twice."""
    from desktop_app.core.importing import imports
    from desktop_app.ui import import_dialog
    from signcore.formats.posefile import write_pose
    from tests.support import moving_clip

    paths = [tmp_path / "hallo" / f"{take}.pose" for take in range(4)]
    paths[0].parent.mkdir()
    for path in paths:
        write_pose(moving_clip(seed=1), path)
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    choose_pose_files(qtbot, dialog, paths)
    named, described = [], []
    sign_name_of_file, describe_paths = imports.sign_name_of_file, import_dialog.describe_paths
    monkeypatch.setattr(
        imports, "sign_name_of_file", lambda path: named.append(path) or sign_name_of_file(path)
    )
    monkeypatch.setattr(
        import_dialog, "describe_paths", lambda *args: described.append(args) or describe_paths(*args)
    )
    dialog.gloss.setText("d")
    assert dialog.names_hint.text() == "Each file becomes a clip of “d”."
    dialog.gloss.setText("")
    assert dialog.names_hint.text() == (
        "Left empty: 0.pose → “hallo”, 1.pose → “hallo”, 2.pose → “hallo” and 1 more file (1 sign in all)."
    )
    assert dialog.import_button.isEnabled()
    assert sorted(named) == sorted(map(str, paths)) and described == []


@pytest.mark.slow
def test_a_video_just_imported_is_not_asked_about_again_when_searched_with(
    qtbot, context, messages, monkeypatch, tmp_path
):
    """Search with a file asked the selfie question again of the video the learner had just imported with
    "Yes"; a video changed since is asked about afresh."""
    import os

    from desktop_app.ui import search_page
    from desktop_app.ui.selfie_question import SelfieDialog
    from tests.support import answering_the_selfie_question

    video = shutil.copy(TRUNCATED_VIDEO, tmp_path / "wave.mp4")
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    choose_videos(qtbot, dialog, [video])
    dialog.selfie_question.selfie.setChecked(True)
    wait_for_outcome(qtbot, dialog.start_import(), 60000)

    page = search_page.SearchPage(context)
    qtbot.addWidget(page)
    searched = []
    monkeypatch.setattr(
        page, "search_file", lambda path, video_is_selfie: searched.append((path, video_is_selfie))
    )
    answering_file_pickers(monkeypatch, str(video))
    monkeypatch.setattr(SelfieDialog, "exec", lambda dialog: pytest.fail("asked again"))
    wait_for_outcome(qtbot, page.choose_file(), LOADED_MACHINE_MS)
    assert searched == [(str(video), True)]

    stat = os.stat(video)
    os.utime(video, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # another video by that name
    asked: list[str] = []
    monkeypatch.setattr(
        SelfieDialog,
        "exec",
        answering_the_selfie_question("not a selfie", search_page.ANSWER_FIRST, "Search", asked),
    )
    wait_for_outcome(qtbot, page.choose_file(), LOADED_MACHINE_MS)
    assert asked == ["Search with wave.mp4"] and searched[-1] == (str(video), False)
    wait_for_outcome(qtbot, page.choose_file(), LOADED_MACHINE_MS)  # that answer is kept in turn
    assert len(asked) == 1 and searched[-1] == (str(video), False)


def test_the_review_of_a_long_video_fits_a_small_screen(
    qtbot, context, six_sign_lesson, tmp_path, monkeypatch
):
    """On a 1000 x 520 screen the review of a long video's clips opened 480 px high: with its title bar it
    filled the screen to the edge, its Import and Cancel buttons at the bottom. It opens within the screen's
    room, its frame counted, as every window does."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QScreen
    from PySide6.QtWidgets import QDialogButtonBox

    from desktop_app.ui.panes import WINDOW_FRAME

    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 1000, 520))
    request = ImportRequest(VIDEOS, [str(tmp_path / "lesson" / "lesson.mp4")], language="ASL", gloss="lesson")
    review = []
    run_import(context.database, request, review=review)
    dialog = ClipReviewDialog(context, review, request)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.height() <= 520 - WINDOW_FRAME
    buttons = dialog.findChild(QDialogButtonBox)
    assert dialog.rect().contains(buttons.mapTo(dialog, buttons.rect().bottomRight()))


@pytest.mark.parametrize("height", [440, 520])
def test_the_import_dialog_stays_within_a_small_screen_once_a_video_is_chosen(
    qtbot, context, monkeypatch, height
):
    """A walk-through at 1000 x 440: with a video chosen, the selfie question and its first frame made the
    dialog 600 x 498, Import and Cancel below the screen's edge. It stays within the screen's room, its
    form scrolling, its buttons in view. Then (at 1000 x 520 too) the scroll bar took the form's right edge:
    ".pose files: … as “Export sign…” writes the" cut mid-word, the language box's arrow and the first frame
    cut. The dialog is as wide as the form beside the bar."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QScreen

    from desktop_app.ui.panes import WINDOW_FRAME

    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 1000, height))
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    choose_videos(qtbot, dialog, [SIGNING_VIDEO])
    qtbot.wait(50)  # the layout settles, the dialog grown to fit
    assert dialog.height() <= height - WINDOW_FRAME
    button = dialog.import_button
    assert dialog.rect().contains(button.mapTo(dialog, button.rect().bottomRight()))
    box = dialog.fields
    assert box.verticalScrollBar().isVisible(), "the form scrolls: the case the walk-through saw"
    width, room = box.widget().width(), box.viewport().width()
    assert width <= room, f"the form {width} px wide in {room} px"


def test_the_review_imports_only_once_a_clip_is_ticked(qtbot, context, six_sign_lesson, tmp_path):
    """With the one clip held back left unticked, "Import the ticked clips" said only "0 clips imported."."""
    request = ImportRequest(VIDEOS, [str(tmp_path / "lesson" / "lesson.mp4")], language="ASL", gloss="lesson")
    review = []
    run_import(context.database, request, review=review)
    dialog = ClipReviewDialog(context, review, request)
    qtbot.addWidget(dialog)
    assert dialog.import_button.isEnabled()  # the pieces of a long video start ticked
    items = [dialog.clip_list.item(row) for row in range(dialog.clip_list.count())]
    for item in items:
        item.setCheckState(Qt.CheckState.Unchecked)
    assert not dialog.import_button.isEnabled() and dialog.import_button.toolTip()
    items[0].setCheckState(Qt.CheckState.Checked)
    assert dialog.import_button.isEnabled()


def test_the_review_says_a_kept_clips_note_once(qtbot, context, six_sign_lesson, tmp_path):
    """A clip held back with a note (the video's clips of the other selfie answer are still there) went in
    unsaid once ticked: the review imported the ticked clips without their notes."""
    request = ImportRequest(VIDEOS, [str(tmp_path / "lesson" / "lesson.mp4")], language="ASL", gloss="lesson")
    review = []
    run_import(context.database, request, review=review)
    noted = [replace(piece, note="The first clips are still there.") for piece in review]
    dialog = ClipReviewDialog(context, noted, request)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.report is not None and dialog.report.added == 6
    assert dialog.report.notes == ["The first clips are still there."]


@pytest.fixture
def starter(tmp_path):
    """An app over a copy of the starter database, with the shipped model: new clips are compared with the
    clips of other signers of their sign."""
    from desktop_app.ui.workers import stop_running_workers
    from tests.support import starter_app

    context = starter_app(tmp_path)
    yield context
    stop_running_workers()  # the new clips' embedding
    context.close()


@pytest.mark.parametrize(("kind", "ticked"), [(POSE_FILES, True), (POSE_FILES, False), (FOLDER, False)])
def test_a_pose_file_unlike_its_signs_clips_waits_unticked_with_why_and_the_closest_clip_beside_it(
    qtbot, starter, messages, monkeypatch, tmp_path, kind, ticked
):
    """Imported as "hello (ASL)", a clip of "please" would have become a reference of hello without a word
    (as the walk-through's recording did): it is held back for the review, unticked, said why, and imported
    only when the learner ticks it. In a sign folder's "hello" too (it went in unchecked)."""
    from signcore.formats.posefile import write_pose

    database = starter.database
    please = next(sign for sign in database.signs() if (sign.gloss, sign.language) == ("please", "ASL"))
    path = tmp_path / "signs" / "hello" / "take.pose"
    path.parent.mkdir(parents=True)
    write_pose(database.clip_pose(database.clips(please.id)[0].id), path)
    reviewed = {}

    def learner_reviews(review):
        item = review.clip_list.item(0)
        reviewed.update(
            ticked=item.checkState() == Qt.CheckState.Checked,
            why=review.unlike.text() if review.unlike.isVisibleTo(review) else "",
            beside=review.nearest.isVisibleTo(review),
            named=item.text(),
        )
        item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        review.accept()

    monkeypatch.setattr(ClipReviewDialog, "exec", learner_reviews)
    dialog = ImportDialog(starter)
    qtbot.addWidget(dialog)
    if kind == FOLDER:
        next(b for b in dialog.kind_buttons.buttons() if b.property("kind") == FOLDER).setChecked(True)
        dialog.set_paths([str(tmp_path / "signs")])
        qtbot.waitUntil(lambda: dialog.checking is None, timeout=LOADED_MACHINE_MS)
    else:
        choose_pose_files(qtbot, dialog, [path])
        dialog.gloss.setText("hello")
    dialog.language.setCurrentText("ASL")
    worker = dialog.start_import()
    assert wait_for_outcome(qtbot, worker, LOADED_MACHINE_MS)[0] == "finished"
    qtbot.waitUntil(lambda: bool(messages), timeout=LOADED_MACHINE_MS)
    assert not reviewed["ticked"] and reviewed["beside"]
    assert reviewed["named"] == "⚠ hello · take.pose · looks unlike its sign's other clips"
    assert reviewed["why"].startswith("This clip looks unlike the other clips of “hello (ASL)”.")
    assert reviewed["why"].endswith(
        " Tick it only if the sign is made this way on purpose (a regional variant, say): your attempts will"
        " then count as right when they match it."
    )
    hello = next(sign for sign in database.signs() if (sign.gloss, sign.language) == ("hello", "ASL"))
    assert hello.clip_count == (9 if ticked else 8)
    kept = [clip.kept_despite for clip in database.clips(hello.id) if clip.kept_despite is not None]
    assert len(kept) == ticked and all(why in reviewed["why"] for why in kept)  # the mark: what it was told
    summary = "1 clip imported into hello (ASL)." if ticked else "0 clips imported."
    assert messages == [("information", summary)]


@pytest.mark.parametrize("screen", [(1400, 900), (1000, 520)])
def test_the_reviews_clip_list_shows_the_file_names_and_can_be_widened(qtbot, context, monkeypatch, screen):
    """A walk-through: the review's clip list was ~130 px of its 760-px window, its one row "⚠ hello ·
    pose_form…" under a sideways scroll bar, beside free room. It opens as wide as its rows need (at most a
    share of the window: the players need the rest), the files' names whole, the ⚠ first where a row's end
    is cut, never scrolled sideways; and a splitter lets the learner widen it."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QScreen
    from PySide6.QtWidgets import QSplitter

    from desktop_app.core.importing.imports import PendingClip
    from desktop_app.core.judging.clip_check import UnlikeClip
    from desktop_app.core.signing.video_clips import VideoClip
    from signcore.formats import load_traduttore

    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, *screen))
    pose = next(c.pose for c in load_traduttore(TEST_DATA / "traduttore" / "traduttore_sample.npz"))
    span = VideoClip(pose, float(pose.timestamps[0]), float(pose.timestamps[-1]))
    source = "/home/learner/videos/pose_format_test_mediapipe.pose"
    unlike = UnlikeClip("hello (ASL)", "Its hand moves differently.", pose, pose, "right")
    pending = [PendingClip("hello", span, source, unlike, whole=True), PendingClip("hello", span, source)]
    dialog = ClipReviewDialog(context, pending, ImportRequest(POSE_FILES, [source], language="ASL"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    listed = dialog.clip_list
    assert listed.item(0).text().startswith("⚠ hello · pose_format_test_mediapipe.pose")
    assert not listed.horizontalScrollBar().isVisible()
    for row in range(listed.count()):
        name = listed.item(row).text().split(" · looks unlike")[0]  # the mark's words may end in "…"
        assert listed.visualItemRect(listed.item(row)).right() <= listed.viewport().width()
        needed = listed.fontMetrics().horizontalAdvance(name)
        assert needed < listed.visualItemRect(listed.item(row)).width() - 20, f"{name!r} cut"  # tick box
    assert dialog.preview.width() >= 0.25 * dialog.width(), "the players squeezed"
    splitter = listed.parentWidget()
    assert isinstance(splitter, QSplitter) and splitter.indexOf(listed) == 0
    before = listed.width()
    splitter.moveSplitter(before - 100, 1)  # (at 1000 px the players are at their least width already)
    assert listed.width() < before
    splitter.moveSplitter(before, 1)
    assert listed.width() == before, "the list cannot be widened"


def test_the_folder_preview_reads_the_librarys_clips_once_a_folder_not_at_each_letter(
    qtbot, context, monkeypatch, tmp_path
):
    """Each letter typed in the language read every clip's digest on the GUI thread."""
    folder = tmp_path / "exp2"
    shutil.copytree(TEST_DATA / "dgs" / "3D_full", folder)
    reads = []
    real = context.database.clip_digests
    monkeypatch.setattr(context.database, "clip_digests", lambda: reads.append(1) or real())
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_paths([str(folder)])
    qtbot.waitUntil(lambda: dialog.checking is None, timeout=LOADED_MACHINE_MS)
    for typed in ("D", "DG", "DGS"):
        dialog.language.setEditText(typed)
    assert dialog.folder_found.text().splitlines()[1] == "Bier (DGS), new: 1 clip" and len(reads) == 1


def test_a_file_added_to_the_folder_after_it_was_chosen_is_imported_and_said(
    qtbot, context, messages, tmp_path
):
    """The import took the folder's files as they were at Choose…: a clip added before Import was left out,
    unsaid. It is imported, and the summary says the folder changed since the learner saw it."""
    folder = tmp_path / "exp2"
    write_pose(moving_clip(seed=0), folder / "wave" / "clip_1.pose")
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.set_paths([str(folder)])
    qtbot.waitUntil(lambda: dialog.checking is None, timeout=LOADED_MACHINE_MS)
    assert dialog.folder_found.text() == "wave, new: 1 clip\nNo licence noted: type one above if you know it."
    write_pose(moving_clip(seed=1), folder / "wave" / "clip_2.pose")
    ending, report = wait_for_outcome(qtbot, dialog.start_import(), LOADED_MACHINE_MS)
    assert ending == "finished" and clip_counts(context.database) == {"wave": 2}
    qtbot.waitUntil(lambda: bool(messages), timeout=LOADED_MACHINE_MS)
    assert messages == [
        (
            "information",
            "2 clips imported into wave.\n\nThe folder changed after you chose it, so it was imported as it"
            " is now: 1 file added (wave/clip_2.pose).",
        )
    ]


def test_a_letter_typed_reads_hashes_and_lists_no_file_of_the_folder_chosen(
    qtbot, context, monkeypatch, tmp_path
):
    """The preview is worked out again at each letter typed, on the GUI thread: each .pose file turned
    upright was turned and hashed again every time, and the folder walked again for its first video. What
    depends only on the files is worked out once, when the folder is checked (off the GUI thread)."""
    import hashlib
    import os

    from desktop_app.core.signing.upright import turned

    on_its_side = tmp_path / "exp2" / "wave" / "clip_1.pose"
    write_pose(turned(read_pose(TEST_DATA / "pose" / "openpose.pose"), 1), on_its_side)
    folder = on_its_side.parent.parent
    # the library has it, as the import turns it upright
    context.database.add_clip_by_gloss("wave", turned(read_pose(on_its_side), 3), "", ClipOrigin())
    answering_message_boxes(monkeypatch, TURN_UPRIGHT)
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.set_paths([str(folder)])
    qtbot.waitUntil(lambda: dialog.checking is None, timeout=LOADED_MACHINE_MS)
    opened, hashed, listed = opened_files(monkeypatch), [], []
    sha256, scandir = hashlib.sha256, os.scandir
    monkeypatch.setattr(hashlib, "sha256", lambda *data: hashed.append(1) or sha256(*data))
    monkeypatch.setattr(os, "scandir", lambda *path: listed.append(path) or scandir(*path))
    for typed in ("C", "CC", "CC0"):
        dialog.licence.setText(typed)
    assert dialog.folder_found.text().splitlines()[0] == "wave: 1 clip, all already there"  # turned upright
    assert (opened, hashed, listed) == ([], [], [])


def test_videos_answered_for_before_come_with_their_answer_chosen(qtbot, context, tmp_path):
    """The selfie answer given for a video anywhere (a search with it, the camera) is the import's answer
    too, there to change; videos answered differently, or one never answered, are asked about."""
    wave, hello = (shutil.copy(SIGNING_VIDEO, tmp_path / name) for name in ("wave.mp4", "hello.mp4"))
    context.selfie_answers.remember(wave, False)  # searched with as "not a selfie"
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    choose_videos(qtbot, dialog, [wave])
    assert dialog.selfie_question.answered and not dialog.selfie_question.is_selfie
    assert dialog.import_button.isEnabled()
    other = ImportDialog(context)
    qtbot.addWidget(other)
    choose_videos(qtbot, other, [wave, hello])
    assert not other.selfie_question.answered


def test_the_fields_below_the_sign_name_stay_put_as_a_name_is_typed(qtbot, context, tmp_path):
    """A walk-through: the hint under the sign's name said each file's name on three lines, then,
    a letter typed, one line: Language moved up ~55 px under the pointer, and "ASL" went into the name."""
    paths = [tmp_path / f"a_rather_long_file_name_of_take_{take}.pose" for take in range(3)]
    for path in paths:
        write_pose(moving_clip(seed=1), path)
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    choose_pose_files(qtbot, dialog, paths)

    def language_y() -> int:
        QApplication.processEvents()
        return dialog.language.mapTo(dialog, dialog.language.rect().topLeft()).y()

    before = language_y()
    assert dialog.names_hint.text().startswith("Left empty:")
    for typed in ("a", "abdomen", ""):
        dialog.gloss.setText(typed)
        assert language_y() == before, typed
    # the hint's words have their room: none cut
    hint = dialog.names_hint
    assert hint.height() >= QLabel.heightForWidth(hint, hint.width())


def test_emptying_a_video_s_filled_in_name_moves_no_row_and_scrolls_nothing(qtbot, context, tmp_path):
    """A walk-through: a video chosen, its folder's name filled in, the name emptied: the shorter "Left
    empty: …" hint asked for two lines where the longer one before it had one, a scroll bar came into the
    dialog and Language moved down ~14 px."""
    video = tmp_path / "wlasl-abdomen" / "00335.mp4"
    video.parent.mkdir()
    shutil.copy(SIGNING_VIDEO, video)
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    choose_videos(qtbot, dialog, [video])
    assert dialog.gloss.text() == "wlasl-abdomen"

    def rows() -> tuple[int, int, bool]:
        qtbot.wait(20)  # the dialog grows to fit its words after the hint changed
        language_y = dialog.language.mapTo(dialog, dialog.language.rect().topLeft()).y()
        return language_y, dialog.height(), dialog.fields.verticalScrollBar().isVisible()

    before = rows()
    for typed in ("", "a", ""):
        dialog.gloss.setText(typed)
        assert rows() == before, typed
    assert dialog.names_hint.text().startswith("Left empty:")


def test_a_folders_selfie_question_is_about_a_video_it_imports_chosen_again_as_the_form_changes(
    qtbot, context, tmp_path
):
    """A walk-through (h33d): the preview said a folder's video was already another sign's clip and would
    not be added, yet the selfie question asked about that very video, and Import waited for its answer.
    The question is about the first video the import adds, chosen again as the language typed changes
    which sign each joins (its first frame read then, in the background), and not asked when none is."""
    import hashlib

    from desktop_app.ui.selfie_question import first_frame
    from signcore.layout import VIDEO_DIGEST, VIDEO_MIRRORED

    digest = hashlib.sha256(SIGNING_VIDEO.read_bytes()).hexdigest()
    tracked = replace(moving_clip(), meta={VIDEO_MIRRORED: False, VIDEO_DIGEST: digest})
    context.database.add_clip_by_gloss("goodbye", tracked, "ASL", ClipOrigin(source="/old/goodbye.mp4"))
    root = tmp_path / "teacher"
    for sign in ("goodbye", "hello"):
        (root / sign).mkdir(parents=True)
    take1 = root / "goodbye" / "take1.mp4"
    shutil.copy(SIGNING_VIDEO, take1)  # goodbye (ASL)'s clip already
    write_pose(moving_clip(seed=1), root / "hello" / "clip_1.pose")
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    question = dialog.selfie_question

    def choose_the_folder():
        dialog.set_paths([str(root)])
        qtbot.waitUntil(lambda: dialog.checking is None, timeout=LOADED_MACHINE_MS)

    choose_the_folder()  # no language: "goodbye" is goodbye (ASL), which has the video's clip
    assert question.isEnabled() and not dialog.import_button.isEnabled() and dialog.asked_about == [take1]
    dialog.language.setEditText("DGS")  # a new sign goodbye (DGS): the video is another sign's clip
    assert "take1.mp4 is already a clip of “goodbye (ASL)”" in dialog.folder_found.text()
    assert dialog.import_button.isEnabled() and question.answer_first.isHidden()  # hello's clip is imported
    assert not question.isEnabled() and dialog.asked_about == []
    dialog.language.setEditText("")
    assert not dialog.import_button.isEnabled() and dialog.asked_about == [take1]

    take2 = root / "thanks" / "take2.mp4"  # a video of its own, after the other
    take2.parent.mkdir()
    shutil.copy(TEST_DATA / "signing_one_frame.mp4", take2)
    choose_the_folder()  # asked about take1, whose first frame the check read
    dialog.language.setEditText("DGS")
    assert question.isEnabled() and not dialog.import_button.isEnabled()
    expected = first_frame(take2)
    assert expected is not None and expected != first_frame(take1)
    qtbot.waitUntil(lambda: question.first_frame.pixmap().toImage() == expected, timeout=LOADED_MACHINE_MS)
    assert dialog.asked_about == [take2]
    question.not_selfie.setChecked(True)
    assert dialog.import_button.isEnabled()
