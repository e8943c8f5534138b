"""What importing a sign folder will do, said before the import (core.importing.folder_preview): worked out
from the check of the folder chosen as the import itself goes, so that what it says is what the import
does."""

import hashlib
import json
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from desktop_app.core.importing.folder_preview import (
    NO_LICENCE,
    NO_SIGNS,
    NOTHING_NEW,
    NOTHING_USABLE,
    FolderPreview,
    FoundSign,
    folder_preview,
)
from desktop_app.core.importing.imports import (
    FOLDER,
    ImportRequest,
    already_a_clip_of,
    as_the_folder_is_now,
    checking_words,
    run_import,
    same_video_as,
    summarise,
    videos_to_import,
    without_unreadable_files,
)
from desktop_app.core.shared.jobs import JobCancelled, JobControl
from desktop_app.core.signing.upright import quarter_turns_to_upright, turned
from signcore.database import ClipOrigin, SignDatabase
from signcore.errors import InputError
from signcore.formats.clip import SignDetails
from signcore.formats.posefile import read_pose, write_pose
from signcore.layout import VIDEO_DIGEST, VIDEO_MIRRORED
from tests.support import SIGNING_VIDEO, TEST_DATA, moving_clip


@pytest.fixture
def database(tmp_path):
    database = SignDatabase(tmp_path / "signs.db")
    yield database
    database.close()


def teachers_folder(root):
    """An exported folder: winken (DGS, CC BY 4.0, tagged "Week 3") with 3 clips; hallo with 1 clip, a
    damaged sign.json, an empty .pose file and a note that is no clip."""
    for seed in (1, 2, 3):
        write_pose(moving_clip(seed=seed), root / "winken" / f"clip_{seed}.pose")
    details = {"version": 2, "language": "DGS", "licence": "CC BY 4.0", "tags": ["Week 3"]}
    (root / "winken" / "sign.json").write_text(json.dumps(details), encoding="utf-8")
    write_pose(moving_clip(seed=4), root / "hallo" / "clip_4.pose")
    (root / "hallo" / "sign.json").write_text("{", encoding="utf-8")
    (root / "hallo" / "empty.pose").write_bytes(b"")
    (root / "hallo" / "notes.txt").write_text("say it slowly", encoding="utf-8")
    return root


def previewed(database, root, language="", licence=""):
    """The preview of importing ``root`` as the dialog's form says, and the request the import then runs."""
    checked = without_unreadable_files(FOLDER, [str(root)])
    request = ImportRequest.from_form(FOLDER, [str(root)], language, licence, "", False, None, checked)
    found = folder_preview(checked, request, database)
    assert found is not None
    return found.words(), request


def skipped_videos(database, request):
    """The videos of the folder ``request`` imports that its preview says are not tracked."""
    found = folder_preview(request.checked, request, database)
    assert found is not None
    return found.skipped_videos


def test_a_folder_chosen_says_its_signs_clips_those_already_there_licence_tags_and_what_cannot_be_used(
    database, tmp_path
):
    """After Choose… the form showed only the folder's name ("exp2"): the learner imported blind."""
    root = teachers_folder(tmp_path / "exp2")
    kept = read_pose(root / "winken" / "clip_1.pose")  # imported before
    database.add_clip_by_gloss("winken", kept, "DGS", ClipOrigin(source="elsewhere"))
    words, request = previewed(database, root)
    assert words.splitlines() == [
        "2 signs, 4 clips, 1 of them already in your signs (skipped):",
        "hallo, new: 1 clip",
        "winken (DGS): 3 clips, 1 already there",
        "Licence: none noted for hallo; “CC BY 4.0” for winken (DGS).",
        "Tags that come with the clips: “Week 3”.",
        "hallo/sign.json cannot be used: not a sign's details as Export sign writes them (damaged, or another"
        " file). Its sign's clips come in without the language, licence and tags it would give.",
    ]
    notes, empty = request.checked.problems  # said by the dialog, each with why (once only by the summary)
    assert notes.startswith("hallo/notes.txt: not a clip file (expected .pose, .csv")  # by its place in it
    assert (
        empty == "hallo/empty.pose: the file is empty (a .pose file holds the body and hand points of a clip)"
    )
    report = run_import(database, request)  # what it said is what the import does
    assert (report.added, report.skipped, len(report.failures)) == (3, 1, 3)
    assert report.signs == [("hallo", ""), ("winken", "DGS")]
    assert previewed(database, root)[0].splitlines()[:4] == [  # a tag the sign has is not said to come
        "2 signs, 4 clips, 4 of them already in your signs (skipped):",
        "hallo: 1 clip, all already there",
        "winken (DGS): 3 clips, all already there",
        "hallo/sign.json cannot be used: not a sign's details as Export sign writes them (damaged, or another"
        " file). Its sign's clips come in without the language, licence and tags it would give.",
    ]


def test_the_preview_follows_the_language_and_licence_typed(database, tmp_path):
    """A language typed comes before the one the folder notes, and decides which sign the clips join and so
    which of them are there already; a licence typed is every clip's (one already there keeps its own)."""
    root = tmp_path / "exp2"
    write_pose(moving_clip(seed=1), root / "winken" / "clip_1.pose")
    (root / "winken" / "sign.json").write_text('{"language": "DGS"}', encoding="utf-8")
    database.add_clip_by_gloss("winken", read_pose(root / "winken" / "clip_1.pose"), "ASL", ClipOrigin())
    assert previewed(database, root)[0].splitlines() == ["winken (DGS), new: 1 clip", NO_LICENCE]
    # all there already: no clip takes a licence
    assert previewed(database, root, "ASL", "own recording")[0].splitlines() == [
        "winken (ASL): 1 clip, all already there",
        NOTHING_NEW,
    ]
    assert previewed(database, root, "", "own recording")[0].splitlines() == [
        "winken (DGS), new: 1 clip",
        "Licence: “own recording”, as typed above, for every clip.",
    ]


def test_a_folder_whose_clips_are_all_there_is_not_worth_importing_unless_it_gives_a_tag(database, tmp_path):
    """Its import only said "0 clips imported, 8 already in the database (skipped)."."""
    root = tmp_path / "exp2"
    write_pose(moving_clip(seed=1), root / "winken" / "clip_1.pose")
    (root / "winken" / "sign.json").write_text('{"language": "DGS", "tags": ["Week 3"]}', encoding="utf-8")
    database.add_clip_by_gloss("winken", read_pose(root / "winken" / "clip_1.pose"), "DGS", ClipOrigin())

    def found():
        checked = without_unreadable_files(FOLDER, [str(root)])
        request = ImportRequest.from_form(FOLDER, [str(root)], "", "", "", False, None, checked)
        return folder_preview(checked, request, database)

    assert found().worth_importing  # the sign is given the folder's tag
    assert NOTHING_NEW not in found().words()
    database.update_sign(database.sign_for_clip("winken", "DGS"), tags=["Week 3"])
    assert not found().worth_importing
    assert found().words().splitlines() == ["winken (DGS): 1 clip, all already there", NOTHING_NEW]


def test_a_name_several_signs_share_is_said_to_need_a_language(database, tmp_path):
    root = tmp_path / "signs"
    write_pose(moving_clip(seed=1), root / "hallo" / "clip_1.pose")
    for language in ("DGS", "ASL"):
        database.add_clip_by_gloss("hallo", moving_clip(seed=2), language, ClipOrigin())
    assert previewed(database, root)[0].splitlines()[0] == (
        "hallo: several signs have this name. Choose the language above: its clips are not imported without"
        " one."
    )
    assert previewed(database, root, "DGS")[0].splitlines()[0] == "hallo (DGS): 1 clip"
    write_pose(moving_clip(seed=3), root / "winken" / "clip_1.pose")
    assert previewed(database, root)[0].splitlines()[:2] == [  # hallo's clip is not imported: not counted
        "1 sign, 1 clip:",
        "hallo: several signs have this name. Choose the language above: its clips are not imported without"
        " one.",
    ]


def test_videos_are_counted_not_tracked_and_a_folder_without_signs_says_what_one_holds(database, tmp_path):
    root = tmp_path / "signs"
    (root / "wave").mkdir(parents=True)
    shutil.copy(SIGNING_VIDEO, root / "wave" / "take.mp4")  # opened, not tracked before the import
    assert (
        previewed(database, root)[0].splitlines()[0]
        == "wave, new: 1 clip (a video, tracked as it is imported)"
    )
    empty = tmp_path / "empty"
    empty.mkdir()
    assert previewed(database, empty)[0] == NO_SIGNS


def test_a_folder_that_cannot_be_read_is_refused_with_why(tmp_path):
    with pytest.raises(InputError, match="no such folder; expected a sign folder"):
        without_unreadable_files(FOLDER, [str(tmp_path / "gone")])


def test_a_folder_of_landmark_tables_imported_before_is_said_to_be_there_already(database, tmp_path):
    """One-clip tables (DGS) are read and compared as .pose files are; a table of one clip a row (SPOTER) is
    counted as a table, its clips as they are imported."""
    dgs = TEST_DATA / "dgs" / "3D_full"
    words, request = previewed(database, dgs, "DGS")
    assert words.splitlines()[:2] == ["3 signs, 4 clips:", "Bier (DGS), new: 1 clip"]
    assert run_import(database, request).added == 4
    assert previewed(database, dgs, "DGS")[0].splitlines()[:2] == [
        "3 signs, 4 clips, 4 of them already in your signs (skipped):",
        "Bier (DGS): 1 clip, all already there",
    ]
    spoter = tmp_path / "signs" / "hallo"
    spoter.mkdir(parents=True)
    shutil.copy(TEST_DATA / "spoter" / "traduttore_spoter.csv", spoter)
    assert previewed(database, spoter.parent)[0].splitlines()[0] == "hallo (DGS): 1 table of clips"


def test_the_check_of_a_folder_counts_its_tables_too_and_stops_when_cancelled(tmp_path):
    """Its one-clip tables are read as its .pose files are: counted in the check's progress, and a check
    dropped for another folder stops at the next one."""
    seen = []
    control = JobControl(lambda done, total, words: seen.append(words))
    without_unreadable_files(FOLDER, [str(TEST_DATA / "dgs" / "3D_full")], control)
    assert seen[-1] == "Checking the files in the folder chosen: 3 of 4…"
    control.cancel()
    with pytest.raises(JobCancelled):
        without_unreadable_files(FOLDER, [str(TEST_DATA / "dgs" / "3D_full")], control)


def test_a_clip_turned_upright_is_compared_as_the_import_turns_it(database, tmp_path):
    """A .pose file filmed on its side is imported turned upright when the learner says so: its clip is the
    turned one, which the library may have already."""
    on_its_side = turned(read_pose(TEST_DATA / "pose" / "openpose.pose"), 1)
    path = tmp_path / "signs" / "wave" / "clip_1.pose"
    write_pose(on_its_side, path)
    checked = without_unreadable_files(FOLDER, [str(tmp_path / "signs")])
    turns = checked.sideways[str(path)]
    database.add_clip_by_gloss("wave", turned(read_pose(path), turns), "", ClipOrigin())

    def preview(turns):
        request = ImportRequest.from_form(
            FOLDER, [str(tmp_path / "signs")], "", "", "", False, turns, checked
        )
        return folder_preview(checked, request, database).words().splitlines()[0]

    assert preview({}) == "wave: 1 clip"
    assert preview({str(path): turns}) == "wave: 1 clip, all already there"


def test_the_import_takes_the_folder_as_it_is_at_import_and_says_what_changed_since_it_was_chosen(
    database, tmp_path
):
    """The import used the folder's files and .pose files as its check read them at Choose…: a file added
    before Import was not imported, an edited one came in as it was, an edited sign.json went unseen, and
    none of it was said. Now it imports the folder as it is, and says what is not as the preview said."""
    root = tmp_path / "exp2"
    for seed in (0, 1):  # clips the check finds upright (seeds 2, 4, 5 lie on their side)
        write_pose(moving_clip(seed=seed), root / "winken" / f"clip_{seed + 1}.pose")
    write_pose(moving_clip(seed=3), root / "hallo" / "clip_3.pose")
    words, request = previewed(database, root)
    assert words.splitlines()[0] == "2 signs, 3 clips:"
    write_pose(moving_clip(seed=14), root / "winken" / "clip_4.pose")
    write_pose(moving_clip(seed=19), root / "winken" / "clip_2.pose")
    write_pose(moving_clip(seed=0), root / "winken" / "clip_1.pose")  # the same clip again: not said
    os.utime(root / "winken" / "clip_1.pose", ns=(0, 10**9))
    (root / "hallo" / "clip_3.pose").unlink()
    (root / "winken" / "sign.json").write_text('{"language": "DGS"}', encoding="utf-8")
    report = run_import(database, request)
    assert (report.added, report.failures, report.signs) == (3, [], [("winken", "DGS")])
    stored = {Path(clip.source).name: database.clip_pose(clip.id) for clip in database.clips()}
    assert stored["clip_2.pose"].equals(moving_clip(seed=19))  # as it is now
    changed = (
        "The folder changed after you chose it, so it was imported as it is now: 1 file added"
        " (winken/clip_4.pose); 1 file changed (winken/clip_2.pose); 1 file removed (hallo/clip_3.pose); the"
        " sign's details in winken/sign.json changed."
    )
    assert report.notes == [changed] and changed in summarise(report)
    database.delete_sign(database.sign_for_clip("winken", "DGS"))
    _words, unchanged = previewed(database, root, "DGS")
    assert run_import(database, unchanged).notes == []  # nothing said where nothing changed


@pytest.mark.parametrize("answer", ["turn upright", "as filmed", "not asked"])
def test_a_pose_file_on_its_side_added_after_the_folder_was_chosen_is_imported_as_answered_or_said(
    database, tmp_path, answer
):
    """The learner's answer for the files on their side shown holds for one added before Import; one added
    to a folder where none was asked about came in as filmed, which is said."""
    upright = read_pose(TEST_DATA / "pose" / "openpose.pose")
    root = tmp_path / "signs"
    write_pose(upright if answer == "not asked" else turned(upright, 1), root / "wave" / "clip_1.pose")
    checked = without_unreadable_files(FOLDER, [str(root)])
    turns = checked.sideways if answer == "turn upright" else {}
    request = ImportRequest.from_form(FOLDER, [str(root)], "", "", "", False, turns, checked)
    write_pose(turned(upright, 3), root / "wave" / "clip_2.pose")  # on its other side
    report = run_import(database, request)
    stored = [quarter_turns_to_upright(database.clip_pose(clip.id)) for clip in database.clips()]
    assert (report.added, report.skipped, stored) == {
        "turn upright": (1, 1, [0]),  # both turned upright: the same clip, once
        "as filmed": (2, 0, [3, 1]),
        "not asked": (2, 0, [0, 1]),
    }[answer]
    came_in_as_filmed = "wave/clip_2.pose looks filmed on its side, and came in as filmed"
    assert (came_in_as_filmed in report.notes[0]) == (answer == "not asked")


def test_a_video_in_the_folder_that_cannot_be_read_is_named_before_the_import(database, tmp_path):
    """A walk-through: a text file named .mp4 was counted "Kaputt, new: 1 clip (a video…)" and
    refused only after the import, while a video chosen by itself is refused as it is chosen. The folder's
    check opens each video as a chosen one is opened (its header and first frame, not tracked); the selfie
    question is asked about a video that can be read."""
    root = tmp_path / "teacher"
    (root / "Kaputt").mkdir(parents=True)
    (root / "Kaputt" / "notavideo.mp4").write_text("not a video", encoding="utf-8")
    (root / "Winken").mkdir()
    shutil.copy(SIGNING_VIDEO, root / "Winken" / "take1.mp4")
    words, request = previewed(database, root)
    assert words.splitlines() == [
        "1 sign, 1 clip:",  # Kaputt is not made ("2 signs")
        "Kaputt: none of its files can be imported",
        "Winken, new: 1 clip (a video, tracked as it is imported)",
        NO_LICENCE,
    ]
    assert videos_to_import(FOLDER, request.checked) == [root / "Winken" / "take1.mp4"]
    assert "notavideo.mp4" in request.checked.unreadable_videos[str(root / "Kaputt" / "notavideo.mp4")]
    assert request.checked.problems == [
        "Kaputt/notavideo.mp4: not a video that can be read (unknown format, or the file is damaged)"
    ]


def test_a_video_already_another_signs_clip_is_said_before_the_import_as_the_import_says_it_after(
    database, tmp_path
):
    """The import skips a sign folder's video already a clip of another sign, and says so after it; the
    preview said "1 clip (a video, tracked as it is imported)", so the learner could not choose first which
    sign should have it (delete that clip, or leave the video out). Said ahead in the summary's words."""
    digest = hashlib.sha256(SIGNING_VIDEO.read_bytes()).hexdigest()
    tracked_before = replace(moving_clip(), meta={VIDEO_MIRRORED: False, VIDEO_DIGEST: digest})
    database.add_clip_by_gloss("wave", tracked_before, "ASL", ClipOrigin(source="/old/wave.mp4"))
    root = tmp_path / "teacher"
    for sign in ("goodbye", "hello"):
        (root / sign).mkdir(parents=True)
    shutil.copy(SIGNING_VIDEO, root / "goodbye" / "take1.mp4")
    write_pose(moving_clip(seed=2), root / "hello" / "clip_1.pose")
    words, request = previewed(database, root, "ASL")
    ahead = already_a_clip_of(root / "goodbye" / "take1.mp4", "wave (ASL)", "goodbye (ASL)", ahead=True)
    assert ahead.startswith("take1.mp4 is already a clip of “wave (ASL)”: it will not be added to")
    assert words.splitlines()[:4] == [
        "2 signs, 2 clips, 1 of them already in your signs (skipped):",
        "goodbye (ASL): nothing to import; 1 already another sign's (see below)",
        "hello (ASL), new: 1 clip",
        ahead,
    ]
    report = run_import(database, request)
    assert (report.added, report.skipped) == (1, 1)
    assert report.notes == [already_a_clip_of(root / "goodbye" / "take1.mp4", "wave (ASL)", "goodbye (ASL)")]
    (root / "hello" / "clip_1.pose").unlink()  # the video alone: nothing to import
    assert previewed(database, root, "ASL")[0].splitlines()[-1] == NOTHING_NEW


def test_one_video_in_two_signs_folders_is_kept_once_in_the_first_sign_and_said_before_and_after(
    database, tmp_path
):
    """A walk-through (w33b F5): one video copied into two signs' folders (one/take.mp4, two/take.mp4) was a
    clip of both signs, unsaid ("2 clips imported into one and two"): the two then had the same reference.
    Kept once, in the first sign, and the other said as a video already another sign's clip is."""
    root = tmp_path / "signs"
    for sign in ("one", "two"):
        (root / sign).mkdir(parents=True)
        shutil.copy(SIGNING_VIDEO, root / sign / "take.mp4")
    words, request = previewed(database, root, "ASL")
    first, copy = root / "one" / "take.mp4", root / "two" / "take.mp4"
    ahead = same_video_as(copy, first, "one (ASL)", "two (ASL)", ahead=True)
    assert ahead.startswith(
        "two/take.mp4 is the same video as one/take.mp4, which goes to “one (ASL)”: it will"
    )
    assert words.splitlines()[:4] == [
        "2 signs, 2 clips, 1 of them the same video as another here (skipped):",
        "one (ASL), new: 1 clip (a video, tracked as it is imported)",
        "two (ASL): nothing to import; 1 already another sign's (see below)",
        ahead,
    ]
    assert videos_to_import(FOLDER, request.checked, skipped_videos(database, request)) == [
        first
    ]  # the selfie question is about the one imported only
    report = run_import(database, request)
    assert (report.added, report.skipped, report.already_in) == (1, 1, ["one (ASL)"])
    assert report.notes == [same_video_as(copy, first, "one (ASL)", "two (ASL)")]
    assert [database.sign_name(sign) for sign in database.signs()] == ["one (ASL)"]
    # Imported, the library has it: the folder again says the copy as any video already another sign's
    again = previewed(database, root, "ASL")[0].splitlines()
    assert again[3] == already_a_clip_of(copy, "one (ASL)", "two (ASL)", ahead=True)


def test_a_signs_line_counts_the_clips_it_imports_beside_its_videos_already_other_signs():
    """A walk-through (w33b F4): "belly, new: 2 clips, 1 already another sign's (see below) (1 of them video,
    tracked as imported)" for one new clip, and "new: 1 clip, all already another sign's" for none."""
    said = ("00336.mp4 is already a clip of “abdomen (ASL)”: …",)
    belly = FoundSign("belly", True, False, 2, 0, 2, 0, SignDetails(), elsewhere=said)
    tummy = FoundSign("tummy", True, False, 1, 0, 1, 0, SignDetails(), elsewhere=said)
    assert FolderPreview([belly], [], "").words().splitlines()[0] == (
        "belly, new: 1 clip to import (a video, tracked as it is imported);"
        " 1 already another sign's (see below)"
    )
    assert FolderPreview([tummy], [], "").words().splitlines()[:2] == [
        "tummy: nothing to import; 1 already another sign's (see below)",
        *said,
    ]


def test_videos_already_other_signs_clips_are_said_each_up_to_a_few_then_counted():
    said = [f"take{number}.mp4 is already a clip of “wave”: …" for number in range(5)]
    signs = [
        FoundSign("goodbye", True, False, 3, 0, 3, 0, SignDetails(), elsewhere=tuple(said[:3])),
        FoundSign("thanks", False, False, 3, 1, 2, 0, SignDetails(), elsewhere=tuple(said[3:])),
    ]
    assert FolderPreview(signs, [], "CC0").words().splitlines() == [
        "2 signs, 6 clips, 6 of them already in your signs (skipped):",
        "goodbye: nothing to import; 3 already another sign's (see below)",
        "thanks: nothing to import; 1 already there, 2 already another sign's (see below)",
        *said[:3],
        "and 2 more videos already other signs' clips, not added again.",
        NOTHING_NEW,
    ]


def test_a_folder_none_of_whose_files_can_be_imported_is_not_worth_importing_and_says_each_why(
    database, tmp_path
):
    """A walk-through: a folder of a text file named .mp4, an empty .pose file and a text file named .csv
    left Import pressable, saying only "The summary at the end says why"; the import then said "0 clips
    imported" and why. Import now waits, and each file's why is said as the folder is chosen."""
    root = tmp_path / "teacher"
    (root / "hallo").mkdir(parents=True)
    (root / "hallo" / "notes.mp4").write_text("not a video", encoding="utf-8")
    (root / "hallo" / "empty.pose").write_bytes(b"")
    (root / "hallo" / "bad.csv").write_text("hello,world\n", encoding="utf-8")
    checked = without_unreadable_files(FOLDER, [str(root)])
    request = ImportRequest.from_form(FOLDER, [str(root)], "", "", "", False, None, checked)
    found = folder_preview(checked, request, database)
    assert found is not None and not found.worth_importing
    assert found.words().splitlines() == ["hallo: none of its files can be imported", NOTHING_USABLE]
    assert sorted(problem.split(": ")[0] for problem in checked.problems) == [
        "hallo/bad.csv",
        "hallo/empty.pose",
        "hallo/notes.mp4",
    ]
    assert "bad.csv: this table is not one of a clip's body and hand points" in " ".join(checked.problems)


@pytest.mark.parametrize("asked", [True, False])
def test_a_video_added_after_the_folder_was_chosen_where_none_was_asked_about_is_said(tmp_path, asked):
    """Review r30 #4: a video added before Import to a folder whose check found none came in as not a
    selfie recording, the learner never asked, and the summary said only "1 file added". It says so, as
    for a file on its side; where the learner was asked, their answer holds, unsaid."""
    root = tmp_path / "signs"
    write_pose(moving_clip(seed=3), root / "hallo" / "clip_1.pose")
    if asked:
        shutil.copy(SIGNING_VIDEO, root / "hallo" / "take1.mp4")
    checked = without_unreadable_files(FOLDER, [str(root)])
    request = ImportRequest.from_form(FOLDER, [str(root)], "DGS", "", "", asked, {}, checked)
    shutil.copy(SIGNING_VIDEO, root / "hallo" / "selfie.mp4")  # added before Import
    now, changed = as_the_folder_is_now(request, str(root))
    unasked = "hallo/selfie.mp4 came in as filmed by a camera facing the signer (not a selfie recording)"
    assert now.selfie_videos == asked and "1 file added (hallo/selfie.mp4)" in changed
    assert (unasked in changed) == (not asked)


def test_the_check_of_the_folder_again_at_import_is_shown_and_stops_at_cancel(database, tmp_path):
    """Review r30 #6: the files changed since Choose… are read again as the import starts, with nothing
    shown and Cancel waiting until the import itself. That check is shown as the check at Choose… is, and
    a cancel while it runs stops the import before anything is imported."""
    root = tmp_path / "signs"
    write_pose(moving_clip(seed=3), root / "hallo" / "clip_1.pose")
    checked = without_unreadable_files(FOLDER, [str(root)])
    request = ImportRequest.from_form(FOLDER, [str(root)], "DGS", "", "", False, {}, checked)
    write_pose(moving_clip(seed=4), root / "hallo" / "clip_1.pose")  # written again before Import
    messages: list[str] = []
    report = run_import(
        database,
        request,
        progress=lambda _done, _total, message: messages.append(message),
        cancel=lambda: bool(messages),  # the learner cancels at the first thing shown
    )
    assert messages[0] == f"signs: {checking_words(FOLDER, 0, 1)}"
    assert report.cancelled and database.clips() == []


def test_the_videos_its_import_skips_are_said_and_not_asked_about(database, tmp_path):
    """A sign folder's video already another sign's clip, or of a sign whose name several signs share (no
    language given), is not imported: the import dialog asked the selfie question about it all the same.
    Which videos are skipped follows the language typed."""
    digest = hashlib.sha256(SIGNING_VIDEO.read_bytes()).hexdigest()
    tracked_before = replace(moving_clip(), meta={VIDEO_MIRRORED: False, VIDEO_DIGEST: digest})
    database.add_clip_by_gloss("wave", tracked_before, "ASL", ClipOrigin(source="/old/wave.mp4"))
    for language in ("DGS", "ASL"):
        database.add_clip_by_gloss("hallo", moving_clip(seed=2), language, ClipOrigin())
    root = tmp_path / "teacher"
    take1, take2 = root / "goodbye" / "take1.mp4", root / "hallo" / "take2.mp4"
    for video, source in ((take1, SIGNING_VIDEO), (take2, TEST_DATA / "signing_one_frame.mp4")):
        video.parent.mkdir(parents=True)
        shutil.copy(source, video)
    checked = without_unreadable_files(FOLDER, [str(root)])

    def skipped(language):
        request = ImportRequest.from_form(FOLDER, [str(root)], language, "", "", False, None, checked)
        found = folder_preview(checked, request, database)
        assert found is not None
        return found.skipped_videos

    assert videos_to_import(FOLDER, checked) == [take1]  # the first, before the form is known
    assert skipped("") == {take1, take2} and videos_to_import(FOLDER, checked, skipped("")) == []
    assert skipped("DGS") == {take1}  # hallo (DGS) takes take2
    assert videos_to_import(FOLDER, checked, skipped("DGS")) == [take2]
