"""The import job, without a window: unusable files are named and skipped, a cancel keeps what came before."""

import hashlib
import os
import shutil
import time
from dataclasses import replace
from itertools import islice
from pathlib import Path

import pytest

from desktop_app.core.app.context import AppContext
from desktop_app.core.collection.library import Recording
from desktop_app.core.importing.imports import (
    EACH_SIGNS_LANGUAGE,
    FOLDER,
    KINDS,
    LANGUAGE_PLACEHOLDER,
    NOTHING_CHOSEN,
    POSE_FILES,
    SPOTER_CSV,
    TOO_SHORT_CLIP,
    VIDEOS,
    CheckedFiles,
    ImportRequest,
    PendingClip,
    SignNames,
    all_cut,
    already_a_clip_of,
    checking_words,
    describe_paths,
    file_filter,
    import_job,
    import_reviewed,
    language_placeholder,
    name_came_from,
    names_one_sign,
    other_answer_kept,
    paths_in_full,
    review_intro,
    run_import,
    sideways_question,
    sign_name_of_file,
    sign_to_show,
    suggested_name,
    suggested_sign,
    summarise,
    videos_to_import,
    with_review,
    without_unreadable_files,
)
from desktop_app.core.judging.clip_check import UnlikeClip
from desktop_app.core.shared.jobs import run_job
from desktop_app.core.shared.settings import Settings
from desktop_app.core.signing.upright import quarter_turns_to_upright, turned
from desktop_app.core.signing.video_clips import VideoClip
from signcore.database import ClipOrigin, SignDatabase
from signcore.formats import spoter
from signcore.formats.posefile import read_pose, write_pose
from signcore.formats.spoter import read_spoter_csv, write_spoter_csv
from signcore.ingest import ImportReport, Tagged
from signcore.layout import VIDEO_DIGEST
from tests.support import SIGNING_VIDEO, TEST_DATA, assert_same_pose, moving_clip, opened_files

SPOTER = TEST_DATA / "spoter" / "traduttore_spoter.csv"
FACE_ONLY_POSE = TEST_DATA.parent / "bad_inputs" / "pose" / "face_only.pose"  # nothing the layout uses


@pytest.fixture
def context(tmp_path):
    context = AppContext(Settings(), SignDatabase(tmp_path / "signs.db"), None, tmp_path / "settings.json")
    yield context
    context.close()


def clip_counts(database):
    return {sign.gloss: sign.clip_count for sign in database.signs()}


def test_pose_files_import_names_the_unusable_file_and_goes_on(context):
    request = ImportRequest(
        POSE_FILES,
        [str(FACE_ONLY_POSE), str(TEST_DATA / "pose" / "mediapipe.pose")],
        language="ASL",
        gloss="hello",
    )
    report = run_import(context.database, request)
    assert (report.added, report.skipped, report.cancelled) == (1, 0, False)
    assert len(report.failures) == 1 and "face_only.pose" in report.failures[0]
    assert clip_counts(context.database) == {"hello": 1}
    assert context.database.signs()[0].language == "ASL"
    (clip,) = context.database.clips()
    assert clip.source == str(TEST_DATA / "pose" / "mediapipe.pose")
    assert_same_pose(context.database.clip_pose(clip.id), read_pose(TEST_DATA / "pose" / "mediapipe.pose"))
    again = run_import(context.database, request)
    assert (again.added, again.skipped) == (0, 1)  # re-importing the same clip is skipped
    assert summarise(again).startswith("0 clips imported, 1 already in “hello (ASL)” (skipped).")


def test_a_clip_too_short_to_be_a_sign_is_refused_by_the_rule_a_recording_is(context, tmp_path):
    """A 0.2 s .pose file became a sign's reference without a word, where a recording that short was
    refused; the same rule for every kind of import: as a .pose file, in a sign folder."""
    short = TEST_DATA / "pose" / "hand_estimation__6fb01565da31c5500d1ef2cd2906b06b.pose"
    assert Recording(read_pose(short)).too_short  # refused as a recording
    for request in (
        ImportRequest(POSE_FILES, [str(short)], gloss="wave"),
        ImportRequest(FOLDER, [str(sign_folder_holding(short, tmp_path / "folder"))]),
    ):
        report = run_import(context.database, request)
        assert (report.added, len(report.failures)) == (0, 1)
        assert report.failures[0].endswith(f"{short.name}: {TOO_SHORT_CLIP}")
        assert "1 could not be imported:\n• " in summarise(report)
    assert context.database.clips() == []
    assert TOO_SHORT_CLIP.startswith("its signing lasts under 0.3 s, too short to be a sign")


def sign_folder_holding(pose_file, root):
    (root / "wave").mkdir(parents=True)
    (root / "wave" / pose_file.name).write_bytes(pose_file.read_bytes())
    return root


def test_a_video_imported_before_is_said_to_be_there_at_once_without_tracking_it_again(
    context, tmp_path, monkeypatch
):
    """Re-importing a video said "1 already in the database" after tracking it whole (about 18 s)."""
    from desktop_app.core.importing import imports

    video = tmp_path / "wave" / "take.mp4"
    video.parent.mkdir()
    video.write_bytes(b"a video")
    os.utime(video, (1_700_000_000, 1_700_000_000))
    tracked_before = replace(moving_clip(), meta={"source": str(video), "mirrored": False})  # extract_video's
    context.database.add_clip_by_gloss("wave", tracked_before, "ASL", ClipOrigin(source=str(video)))
    tracked = []
    monkeypatch.setattr(
        imports, "read_video", lambda path, **kwargs: tracked.append(path) or moving_clip(seed=1)
    )
    request = ImportRequest(VIDEOS, [str(video)], language="ASL")
    report = run_import(context.database, request)
    assert (report.added, report.skipped, tracked) == (0, 1, [])
    # where it is, in the learner's words: not "1 already in the database"
    assert summarise(report) == "0 clips imported, 1 already in “wave (ASL)” (skipped)."
    # changed since it was imported (a minute on: "now" of the file system's coarser clock can fall a few
    # milliseconds before the clip's time.time()): tracked, its clip compared by its landmarks
    later = time.time() + 60
    os.utime(video, (later, later))
    assert run_import(context.database, request).added == 1 and len(tracked) == 1


def test_a_video_imported_before_as_another_sign_is_said_to_be_that_signs_clip_and_not_added_again(
    context, tmp_path, monkeypatch
):
    """The same video imported under another sign's name went in again, as a clip of that sign too,
    unsaid."""
    from desktop_app.core.importing import imports

    video = tmp_path / "take.mp4"
    video.write_bytes(b"a video")
    os.utime(video, (1_700_000_000, 1_700_000_000))
    meta = {"source": str(video), "mirrored": False, VIDEO_DIGEST: hashlib.sha256(b"a video").hexdigest()}
    tracked_before = replace(moving_clip(), meta=meta)
    context.database.add_clip_by_gloss("wave", tracked_before, "ASL", ClipOrigin(source=str(video)))
    copy = tmp_path / "copy.mp4"  # a copy, known by the digest its clip keeps
    copy.write_bytes(b"another video")
    digest = hashlib.sha256(b"another video").hexdigest()
    tracked_copy = replace(moving_clip(seed=2), meta={"mirrored": False, VIDEO_DIGEST: digest})
    context.database.add_clip_by_gloss("hallo", tracked_copy, "DGS", ClipOrigin(source="elsewhere/hallo.mp4"))
    tracked = []
    monkeypatch.setattr(
        imports, "read_video", lambda path, **kwargs: tracked.append(path) or moving_clip(seed=1)
    )
    report = run_import(
        context.database, ImportRequest(VIDEOS, [str(video)], language="ASL", gloss="goodbye")
    )
    assert (report.added, report.skipped, tracked) == (0, 1, [])
    assert summarise(report) == (
        "0 clips imported, 1 already in “wave (ASL)” (skipped).\n\ntake.mp4 is already a"
        " clip of “wave (ASL)”: it was not added to “goodbye (ASL)” too. To have it as “goodbye (ASL)”"
        " instead, delete that clip first."
    )
    report = run_import(context.database, ImportRequest(VIDEOS, [str(copy)], gloss="Tschüss"))
    assert (report.added, tracked) == (0, [])
    assert "is already a clip of “hallo (DGS)”: it was not added to “Tschüss” too" in report.notes[0]
    assert [sign.gloss for sign in context.database.signs()] == ["hallo", "wave"]


def test_a_copy_of_a_video_imported_before_is_known_by_its_bytes_without_tracking_it_again(
    context, tmp_path, monkeypatch
):
    """A walk-through: the video of a sign folder imported before, chosen again from elsewhere as
    a clip of the same sign, was tracked whole (58 frames, with a progress bar) before "1 already in the
    database (skipped)". Its clip's landmarks keep the video's digest: known at once, whatever its name."""
    from desktop_app.core.importing import imports

    first = tmp_path / "teacher" / "wave" / "take1.mp4"
    first.parent.mkdir(parents=True)
    first.write_bytes(b"a video")
    tracked_before = replace(
        moving_clip(), meta={"mirrored": False, VIDEO_DIGEST: hashlib.sha256(b"a video").hexdigest()}
    )
    context.database.add_clip_by_gloss("wave", tracked_before, "ASL", ClipOrigin(source=str(first)))
    copy = tmp_path / "Downloads" / "wave.mp4"
    copy.parent.mkdir()
    shutil.copy(first, copy)  # written after the clip was stored: its time says nothing
    tracked = []
    monkeypatch.setattr(
        imports, "read_video", lambda path, **kwargs: tracked.append(path) or moving_clip(seed=1)
    )
    report = run_import(context.database, ImportRequest(VIDEOS, [str(copy)], gloss="wave"))
    assert (report.added, report.skipped, tracked) == (0, 1, [])
    other = ImportRequest(VIDEOS, [str(copy)], gloss="wave", selfie_videos=True)  # the other answer's clip
    assert run_import(context.database, other).added == 1 and tracked == [copy]
    copy.write_bytes(b"another video")  # other bytes: tracked, its clip compared by its landmarks
    run_import(context.database, ImportRequest(VIDEOS, [str(copy)], gloss="wave"))
    assert tracked == [copy, copy]


@pytest.mark.slow
def test_a_copy_of_a_video_imported_before_is_skipped_by_a_sign_folder_import_before_it_is_tracked(
    context, tmp_path, monkeypatch
):
    """A sign folder's video that is a copy of one imported before (the same bytes, read with the same
    selfie answer, into the same sign) was tracked whole before "1 already in the database (skipped)": its
    clip is known by the video's digest before it is tracked. With the other selfie answer it is another
    clip, tracked and imported."""
    from signcore import extract

    first = ImportRequest(VIDEOS, [str(SIGNING_VIDEO)], language="ASL", gloss="wave")
    assert run_import(context.database, first).added == 1  # tracked for real: its clip keeps the digest
    root = tmp_path / "teacher"
    (root / "wave").mkdir(parents=True)
    shutil.copy(SIGNING_VIDEO, root / "wave" / "take1.mp4")
    tracked = []
    track = extract.extract_video
    monkeypatch.setattr(
        extract, "extract_video", lambda path, **kwargs: tracked.append(path) or track(path, **kwargs)
    )

    def folder_imported(selfie):
        checked = without_unreadable_files(FOLDER, [str(root)])
        request = ImportRequest.from_form(FOLDER, [str(root)], "ASL", "", "", selfie, {}, checked)
        return run_import(context.database, request)

    report = folder_imported(selfie=False)
    assert (report.added, report.skipped, report.failures, tracked) == (0, 1, [], [])
    assert summarise(report) == "0 clips imported, 1 already in “wave (ASL)” (skipped)."
    monkeypatch.setattr(
        extract, "extract_video", lambda path, **kwargs: tracked.append(path) or moving_clip()
    )
    other = folder_imported(selfie=True)  # the other answer's clip: a stand-in for its tracking
    assert (other.added, other.skipped, tracked) == (1, 0, [root / "wave" / "take1.mp4"])


def test_a_video_tracked_before_digests_were_kept_is_found_under_another_sign_while_unchanged(
    context, tmp_path, monkeypatch
):
    """A clip tracked before its landmarks kept its video's digest could not be found by it: the video,
    or a copy, imported under another sign's name went in again, unsaid. Its digest is learnt from the file
    its source names, while that is there unchanged since, and of the same size as the video imported (no
    other file is read)."""
    from desktop_app.core.importing import imports

    def tracked_before_digests(gloss, source, seed):  # as extract_video's landmarks were then
        clip = replace(moving_clip(seed=seed), meta={"source": source, "mirrored": False})
        return context.database.add_clip_by_gloss(gloss, clip, "ASL", ClipOrigin(source=source))

    videos = tmp_path / "videos"
    videos.mkdir()
    for name, content in [("take.mp4", b"a video"), ("long.mp4", b"b video"), ("other.mp4", b"other bytes")]:
        (videos / name).write_bytes(content)
        os.utime(videos / name, (1_700_000_000, 1_700_000_000))
    wave = tracked_before_digests("wave", str(videos / "take.mp4"), 1)
    thanks = tracked_before_digests("thanks", f"{videos / 'long.mp4'} 1.0-3.0 s", 2)  # a piece of it
    hello = tracked_before_digests("hello", str(videos / "other.mp4"), 3)  # another size: never read
    tracked_before_digests("yes", "yes.pose", 4)  # no video
    hashed = []
    hash_file = imports.sha256_of_file_as_it_is
    monkeypatch.setattr(
        imports, "sha256_of_file_as_it_is", lambda path: hashed.append(path) or hash_file(path)
    )
    tracked = []
    monkeypatch.setattr(
        imports, "read_video", lambda path, **kwargs: tracked.append(path) or moving_clip(seed=9)
    )
    copy = tmp_path / "Downloads" / "wave.mp4"
    copy.parent.mkdir()
    shutil.copy(videos / "take.mp4", copy)
    report = run_import(context.database, ImportRequest(VIDEOS, [str(copy)], language="ASL", gloss="goodbye"))
    assert (report.added, report.skipped, tracked) == (0, 1, [])
    assert report.notes == [already_a_clip_of(copy, "wave (ASL)", "goodbye (ASL)")]
    assert other_bytes_not_read(hashed, videos / "other.mp4")
    digest = hashlib.sha256(b"a video").hexdigest()
    assert [clip.id for clip in context.database.clips_of_video(digest)] == [wave]
    report = run_import(context.database, ImportRequest(VIDEOS, [str(videos / "long.mp4")], gloss="please"))
    assert report.notes == [already_a_clip_of(videos / "long.mp4", "thanks (ASL)", "please", pieces=True)]
    assert [clip.id for clip in context.database.clips_of_video(hashlib.sha256(b"b video").hexdigest())] == [
        thanks
    ]
    assert other_bytes_not_read(hashed, videos / "other.mp4") and tracked == []
    # Written again since its clip was stored (the same size): what the clip was tracked from is not known
    (videos / "other.mp4").write_bytes(b"other bytez")
    report = run_import(context.database, ImportRequest(VIDEOS, [str(videos / "other.mp4")], gloss="goodbye"))
    assert (report.added, report.notes, tracked) == (1, [], [videos / "other.mp4"])
    assert hello in [clip_id for clip_id, _source, _created in context.database.clips_of_unknown_video()]


def test_a_video_tracked_before_digests_were_kept_and_moved_since_is_found_by_its_landmarks_once_tracked(
    context, tmp_path, monkeypatch
):
    """A clip tracked before digests were kept, its video moved since (or written again), never learnt the
    digest (it is learnt from the file its source names): the same video imported as another sign went in
    again, unsaid, and into its own sign it was tracked whole every time, to find the clip there. Tracked
    once more, its landmarks are the clip's: the clip learns the digest, the video is said to be that
    clip's, and is known before it is tracked from then on, under any name."""
    from desktop_app.core.importing import imports

    tracked_before = replace(moving_clip(seed=1), meta={"source": "/gone/wave.mp4", "mirrored": False})
    wave = context.database.add_clip_by_gloss("wave", tracked_before, "ASL", ClipOrigin("/gone/wave.mp4"))
    video = tmp_path / "Downloads" / "wave.mp4"
    video.parent.mkdir()
    video.write_bytes(b"a video")
    digest = hashlib.sha256(b"a video").hexdigest()
    tracked = []

    def tracking(path, **kwargs):  # as extract_video tracks it: the same landmarks, keeping the digest
        tracked.append(path)
        return replace(moving_clip(seed=1), meta={"mirrored": kwargs["mirrored"], VIDEO_DIGEST: digest})

    monkeypatch.setattr(imports, "read_video", tracking)
    report = run_import(
        context.database, ImportRequest(VIDEOS, [str(video)], language="ASL", gloss="goodbye")
    )
    assert (report.added, report.skipped, tracked) == (0, 1, [video])
    assert report.notes == [already_a_clip_of(video, "wave (ASL)", "goodbye (ASL)")]
    assert [clip.id for clip in context.database.clips_of_video(digest)] == [wave]
    for gloss in ("goodbye", "wave"):  # known before it is tracked, in another sign or its own
        report = run_import(
            context.database, ImportRequest(VIDEOS, [str(video)], language="ASL", gloss=gloss)
        )
        assert (report.added, report.skipped, tracked) == (0, 1, [video])
    assert [sign.gloss for sign in context.database.signs()] == ["wave"]


def test_a_sign_folders_video_tracked_before_digests_were_kept_and_moved_since_is_found_by_its_landmarks(
    context, tmp_path, monkeypatch
):
    """As one by one (above): a sign folder's video whose clip in another sign was tracked before digests
    were kept, from where the video lay then, went in again as this sign's clip, unsaid."""
    from signcore import signfolder

    tracked_before = replace(moving_clip(seed=1), meta={"source": "/gone/wave.mp4", "mirrored": False})
    context.database.add_clip_by_gloss("wave", tracked_before, "ASL", ClipOrigin("/gone/wave.mp4"))
    root = folder_with_a_video(tmp_path / "teacher", "goodbye", b"a video")
    tracked = []
    monkeypatch.setattr(
        signfolder, "_video_pose", lambda path, *args: tracked.append(path) or moving_clip(seed=1)
    )
    report = run_import(context.database, ImportRequest(FOLDER, [str(root)], language="ASL"))
    assert (report.added, report.skipped, report.failures, tracked) == (
        0,
        1,
        [],
        [root / "goodbye" / "take.mp4"],
    )
    assert summarise(report) == (
        "0 clips imported, 1 already in “wave (ASL)” (skipped).\n\n"
        + already_a_clip_of(root / "goodbye" / "take.mp4", "wave (ASL)", "goodbye (ASL)")
    )
    again = run_import(context.database, ImportRequest(FOLDER, [str(root)], language="ASL"))
    assert (again.added, again.skipped, len(tracked)) == (0, 1, 1)  # not tracked again
    assert [sign.gloss for sign in context.database.signs()] == ["wave"]


def other_bytes_not_read(hashed: list, path: Path) -> bool:
    return all(Path(each) != path for each in hashed)


def folder_with_a_video(root: Path, sign: str, video: bytes) -> Path:
    """A sign folder ``root`` whose one sign ``sign`` has one video, take.mp4, of the bytes ``video``."""
    (root / sign).mkdir(parents=True)
    (root / sign / "take.mp4").write_bytes(video)
    return root


def test_a_sign_folders_video_already_a_clip_of_another_sign_is_said_so_and_not_tracked(
    context, tmp_path, monkeypatch
):
    """A sign folder's video was looked for only among the clips of the sign it joins: the same video
    already a clip of another sign was tracked whole and went in again as this one's too, unsaid (one by
    one, it is said and skipped)."""
    from signcore import signfolder

    meta = {"mirrored": False, VIDEO_DIGEST: hashlib.sha256(b"a video").hexdigest()}
    context.database.add_clip_by_gloss(
        "wave", replace(moving_clip(), meta=meta), "ASL", ClipOrigin(source="elsewhere/wave.mp4")
    )
    tracked = []
    monkeypatch.setattr(signfolder, "_clips_of_file", lambda gloss, path, *args: tracked.append(path) or [])
    for sign in ("goodbye", "Tschüss"):  # a sign the library has, and one it does not
        if sign == "goodbye":
            context.database.add_clip_by_gloss("goodbye", moving_clip(seed=3), "ASL")
        root = folder_with_a_video(tmp_path / sign, sign, b"a video")
        report = run_import(context.database, ImportRequest(FOLDER, [str(root)], language="ASL"))
        assert (report.added, report.skipped, report.failures, tracked) == (0, 1, [], [])
        assert summarise(report) == (
            "0 clips imported, 1 already in “wave (ASL)” (skipped).\n\n"
            + already_a_clip_of(root / sign / "take.mp4", "wave (ASL)", f"{sign} (ASL)")
        )
    assert [sign.gloss for sign in context.database.signs()] == ["goodbye", "wave"]
    other = folder_with_a_video(tmp_path / "other", "goodbye", b"another video")  # other bytes: tracked
    run_import(context.database, ImportRequest(FOLDER, [str(other)], language="ASL"))
    assert tracked == [other / "goodbye" / "take.mp4"]


def test_a_sign_folder_imported_again_names_the_sign_its_videos_clips_are_in(context, tmp_path, monkeypatch):
    """A sign folder imported again said its videos were "already in your signs", naming none."""
    from signcore import signfolder

    root = folder_with_a_video(tmp_path / "teacher", "wave", b"a video")
    meta = {"mirrored": False, VIDEO_DIGEST: hashlib.sha256(b"a video").hexdigest()}
    context.database.add_clip_by_gloss(
        "wave", replace(moving_clip(), meta=meta), "ASL", ClipOrigin(source=str(root / "wave" / "take.mp4"))
    )
    monkeypatch.setattr(signfolder, "_clips_of_file", lambda *args: pytest.fail("tracked again"))
    report = run_import(context.database, ImportRequest(FOLDER, [str(root)]))
    assert (report.added, report.skipped, report.notes) == (0, 1, [])
    assert summarise(report) == "0 clips imported, 1 already in “wave (ASL)” (skipped)."


@pytest.fixture
def wave_imported_as_a_selfie(context, tmp_path, monkeypatch):
    """wave.mp4, unchanged since its clip in "wave (ASL)" was tracked as a selfie recording; tracked again,
    it gives another clip, read as the selfie answer says."""
    from desktop_app.core.importing import imports

    video = tmp_path / "wave.mp4"
    video.write_bytes(b"a video")
    os.utime(video, (1_700_000_000, 1_700_000_000))
    digest = hashlib.sha256(b"a video").hexdigest()
    as_selfie = replace(
        moving_clip(), meta={"source": str(video), "mirrored": True, VIDEO_DIGEST: digest}
    )  # extract_video's
    context.database.add_clip_by_gloss("wave", as_selfie, "ASL", ClipOrigin(source=str(video)))
    monkeypatch.setattr(
        imports,
        "read_video",
        lambda path, **kwargs: replace(moving_clip(seed=1), meta={"mirrored": kwargs["mirrored"]}),
    )
    return video


def test_a_long_video_cut_into_pieces_under_another_sign_is_said_to_be_its_clips_and_not_tracked_again(
    context, tmp_path, monkeypatch
):
    """A piece's source is "<video> 1.0-3.0 s", so the pieces of a long video under "thanks" were not
    found, and the video imported as "please" was tracked whole and its pieces went in again, unsaid."""
    from desktop_app.core.importing import imports

    video = tmp_path / "long.mp4"
    video.write_bytes(b"a long video")
    meta = {"mirrored": False, VIDEO_DIGEST: hashlib.sha256(b"a long video").hexdigest()}
    for seed, where in enumerate(["1.0-3.0 s", "4.0-6.0 s"]):
        piece = replace(moving_clip(seed=seed), meta=meta)
        context.database.add_clip_by_gloss("thanks", piece, "ASL", ClipOrigin(source=f"{video} {where}"))
    tracked = []
    monkeypatch.setattr(imports, "read_video", lambda path, **kwargs: tracked.append(path))
    report = run_import(context.database, ImportRequest(VIDEOS, [str(video)], language="ASL", gloss="please"))
    assert (report.added, report.skipped, tracked) == (0, 1, [])
    assert report.notes == [already_a_clip_of(video, "thanks (ASL)", "please (ASL)", pieces=True)]
    assert "Pieces of long.mp4 are already clips of “thanks (ASL)”" in summarise(report)


def test_the_video_a_clip_was_tracked_from_is_found_without_decoding_any_clip(context, tmp_path, monkeypatch):
    """Each video imported decoded every video clip of the database (about 4 ms a clip) to read the
    digest its landmarks keep; the database keeps it beside them."""
    from desktop_app.core.importing import imports

    video = tmp_path / "take.mp4"
    video.write_bytes(b"a video")
    meta = {"mirrored": False, VIDEO_DIGEST: hashlib.sha256(b"a video").hexdigest()}
    for gloss in ["wave", "thanks", "please"]:
        clip = replace(moving_clip(seed=len(gloss)), meta=meta if gloss == "please" else {"mirrored": False})
        context.database.add_clip_by_gloss(
            gloss, clip, "ASL", ClipOrigin(source=str(tmp_path / f"{gloss}.mp4"))
        )
    decoded = []
    monkeypatch.setattr(context.database, "clip_pose", lambda clip_id: decoded.append(clip_id))
    assert imports._sign_holding_this_video(context.database, None, video) == ("please (ASL)", False)
    assert decoded == []


def test_a_video_imported_again_with_the_other_selfie_answer_says_its_first_clip_is_still_there(
    context, wave_imported_as_a_selfie
):
    """Imported again with the other selfie answer (to put a wrong one right), a video makes a second clip,
    the hands swapped; the summary said only "1 clip imported", and the wrong one stayed unsaid."""
    video = wave_imported_as_a_selfie
    report = run_import(context.database, ImportRequest(VIDEOS, [str(video)], language="ASL", gloss="wave"))
    assert report.added == 1
    assert summarise(report) == (
        "1 clip imported into wave (ASL).\n\nwave.mp4 was imported into wave (ASL) before, read as a selfie"
        " recording (mirrored): that clip is still there, beside the new one, which has the signer's hands"
        " the other way round and is the last of the sign's clips. Delete the one that is wrong in the"
        " Library: choose it among the sign's clips, then Delete clip."
    )
    # Into another sign: that it is a clip of this one, not the other answer's note
    elsewhere = ImportRequest(VIDEOS, [str(video)], language="ASL", gloss="goodbye")
    assert run_import(context.database, elsewhere).notes == [
        already_a_clip_of(video, "wave (ASL)", "goodbye (ASL)")
    ]


class SeesEveryClipUnlike:
    """A stand-in for the clip check: every clip looks unlike its sign's other clips."""

    def unlike(self, sign_id, pose, reference=False):
        return UnlikeClip("wave (ASL)", "Its hands are lower.", pose, None, "right")


def test_a_video_held_back_with_the_other_selfie_answer_says_its_first_clip_is_there_once_kept(
    context, wave_imported_as_a_selfie
):
    """The note that the video's clip of the other selfie answer is still there was given only when the new
    clip went in at once: held back for the review (it looks unlike the sign's other clips), it went in
    unsaid once ticked. It is said when the learner keeps it, not when they leave it out."""
    video = wave_imported_as_a_selfie
    request = ImportRequest(VIDEOS, [str(video)], language="ASL", gloss="wave")
    review: list[PendingClip] = []
    found = run_import(context.database, request, review=review, check=SeesEveryClipUnlike())
    assert (found.added, found.notes, [held.whole for held in review]) == (0, [], [True])
    note = other_answer_kept(video, ("wave", "ASL"), selfie=False)
    assert summarise(with_review(found, import_reviewed(context.database, [], request), review)) == (
        "0 clips imported."  # left out: beside nothing
    )
    kept = with_review(found, import_reviewed(context.database, review, request), review)
    assert summarise(kept) == f"1 clip imported into wave (ASL).\n\n{note}"
    again = import_reviewed(context.database, review, request)  # already there: beside nothing new
    assert (again.skipped, again.notes) == (1, [])


def test_a_long_video_imported_again_with_the_other_selfie_answer_says_its_first_pieces_are_there(
    context, lesson_with_a_twitch, monkeypatch
):
    """A long video's pieces imported with one selfie answer, then again with the other (to put it right):
    the first pieces stayed, unsaid (only a clip of the whole video was looked for). Said once, whether the
    new pieces go in at once or after the review, and only when one of them does."""
    from desktop_app.core.importing import imports

    path, _ = lesson_with_a_twitch
    cut = imports.read_video

    def read_video(video, **kwargs):  # read as a selfie recording: the signer's left and right swapped
        pose = cut(video, **kwargs)
        points = pose.points.copy()
        if kwargs["mirrored"]:
            points[..., 0] = pose.width - points[..., 0]
        return replace(pose, points=points, meta={"mirrored": kwargs["mirrored"]})

    monkeypatch.setattr(imports, "read_video", read_video)

    def request(selfie):
        return ImportRequest(VIDEOS, [str(path)], language="ASL", gloss="lesson", selfie_videos=selfie)

    assert run_import(context.database, request(selfie=True)).notes == []  # nothing there before
    note = other_answer_kept(path, ("lesson", "ASL"), selfie=False, pieces=True)
    assert note.startswith(
        "Clips of lesson.mp4 were imported into lesson (ASL) before, read as a selfie recording (mirrored):"
        " they are still there, beside the new ones,"
    )
    review: list[PendingClip] = []
    found = run_import(context.database, request(selfie=False), review=review)
    assert found.notes == [] and len(review) == 6 and {piece.note for piece in review} == {note}
    assert import_reviewed(context.database, [], request(selfie=False)).notes == []
    assert import_reviewed(context.database, review[:2], request(selfie=False)).notes == [note]  # once
    at_once = run_import(context.database, replace(request(selfie=False), gloss="lesson"))
    assert (at_once.added, at_once.skipped, at_once.notes) == (4, 2, [note])


@pytest.mark.slow
def test_a_video_imported_again_with_the_other_selfie_answer_is_imported_as_the_clip_it_makes(
    context, monkeypatch
):
    """The selfie answer is part of what a video's clip is (the signer's hands swapped or not): the video
    imported again unchanged with the other answer, to put a wrong one right, was said to be "already in the
    database" at once, and nothing else was imported. With the same answer it is still said so at once,
    without tracking it again."""
    from desktop_app.core.importing import imports

    tracked = []

    def read_video(path, **kwargs):
        tracked.append(kwargs["mirrored"])
        return signcore_read_video(path, **kwargs)

    signcore_read_video = imports.read_video
    monkeypatch.setattr(imports, "read_video", read_video)

    def imported(selfie):
        request = ImportRequest(
            VIDEOS, [str(SIGNING_VIDEO)], language="ASL", gloss="hello", selfie_videos=selfie
        )
        return run_import(context.database, request)

    assert imported(selfie=True).added == 1
    again = imported(selfie=True)
    assert (again.added, again.skipped, tracked) == (0, 1, [True])
    other = imported(selfie=False)
    assert (other.added, other.skipped, tracked) == (1, 0, [True, False])
    assert summarise(other) == "1 clip imported into hello (ASL).\n\n" + other_answer_kept(
        SIGNING_VIDEO, ("hello", "ASL"), selfie=False
    )
    first, second = context.database.clips()
    assert [first.handedness, second.handedness] == ["left", "right"]  # the same signer, hands swapped
    # and each answer is then already there, said at once
    assert [imported(selfie).skipped for selfie in (False, True)] == [1, 1] and len(tracked) == 2


@pytest.fixture
def lesson_with_a_twitch(monkeypatch, tmp_path):
    """A video of six signs with the hands down between them, then a twitch: the hands up for 0.1 s, down
    for 0.4 s (too short to cut at), up for 0.1 s. Cut, it makes a 7th piece with 0.1 s of signing."""
    from desktop_app.core.importing import imports
    from signcore.formats import load_traduttore
    from tests.desktop_app.core.test_video_clips import hands_down, video

    clips = [c.pose for c in load_traduttore(TEST_DATA / "traduttore" / "traduttore_sample.npz")]
    signs = [pose for pose in clips if pose.mask[:, 54:].any(axis=1).mean() > 0.9][:6]
    pause = hands_down(signs[0], 1.2)
    twitch = signs[0].frames(slice(8, 11))  # 3 frames of the hands in the signing space
    parts = [pause, *[part for sign in signs for part in (sign, pause)], twitch, hands_down(signs[0], 0.4)]
    lesson = video(*parts, twitch, pause)
    tracked = []
    monkeypatch.setattr(imports, "read_video", lambda path, **kwargs: tracked.append(path) or lesson)
    path = tmp_path / "lesson" / "lesson.mp4"
    path.parent.mkdir()
    path.write_bytes(b"a video")
    os.utime(path, (1_700_000_000, 1_700_000_000))
    return path, tracked


def test_a_piece_of_a_video_too_short_to_be_a_sign_is_refused_by_the_rule_of_every_import(
    context, lesson_with_a_twitch
):
    """Pieces went in (or to the review) without the rule of every other import: a piece is cut where the
    hands are up for 0.4 s, which can hold under 0.3 s of signing (the rule a recording is refused by)."""
    path, _ = lesson_with_a_twitch
    request = ImportRequest(VIDEOS, [str(path)], language="ASL", gloss="lesson")
    review: list[PendingClip] = []
    held = run_import(context.database, request, review=review)
    assert len(review) == 6  # not offered for the review
    [refused] = held.failures
    assert refused.startswith(f"{path} 12.0-13.0 s: ") and refused.endswith(TOO_SHORT_CLIP)
    at_once = run_import(context.database, request)  # without a review: imported at once
    assert (at_once.added, at_once.failures) == (6, [refused])
    assert clip_counts(context.database) == {"lesson": 6}


def test_a_piece_kept_of_a_video_does_not_make_its_import_again_skipped(context, lesson_with_a_twitch):
    """A learner who kept only some pieces of a video imports it again to get the others: a stored piece is
    not the whole file (its source says where in the file it was), so the video is tracked and cut again."""
    path, tracked = lesson_with_a_twitch
    request = ImportRequest(VIDEOS, [str(path)], language="ASL", gloss="lesson")
    review: list[PendingClip] = []
    run_import(context.database, request, review=review)
    from signcore.ingest import import_clips

    kept = import_clips(context.database, [piece.labelled() for piece in review[:2]], language="ASL")
    assert kept.added == 2 and all(clip.source != str(path) for clip in context.database.clips())
    again: list[PendingClip] = []
    report = run_import(context.database, request, review=again)
    assert (report.skipped, len(again), len(tracked)) == (0, len(review), 2)


def test_several_pose_files_fill_one_progress_bar(context, tmp_path):
    """Each file was its own import, so the bar went from empty to full once a file ('1 of 1')."""
    from signcore.formats.posefile import write_pose

    paths = [str(tmp_path / f"{number}.pose") for number in range(3)]
    for number, path in enumerate(paths):
        write_pose(moving_clip(seed=number), path)
    seen: list[tuple[int, int, str]] = []
    request = ImportRequest(POSE_FILES, paths, language="ASL", gloss="hello")
    report = run_import(
        context.database, request, lambda done, count, message: seen.append((done, count, message))
    )
    assert report.added == 3
    # after the files' check (the bar's first tenth)
    shares = [(round(done / count, 2), message) for done, count, message in seen]
    assert shares == [(0.4, "0.pose"), (0.7, "1.pose"), (1.0, "2.pose")]


def test_an_imports_progress_bar_never_goes_back(context, tmp_path):
    """Importing a sign folder, the bar went "Checking the files… 2 of 3" (66 %), then back to "reading file
    1 of 3" (33 %): the check, the reading and the storing each counted from 0 on the bar they share. Each
    has its share of the bar now, as each of several folders has."""
    folders = []
    for number, name in enumerate(("teacher", "friend")):
        root = tmp_path / name
        for seed, gloss in enumerate(("wave", "hello", "thanks"), start=10 * number):
            (root / gloss).mkdir(parents=True)
            write_pose(moving_clip(seed=seed), root / gloss / f"{name}.pose")
        folders.append(str(root))
    checked = without_unreadable_files(FOLDER, folders[:1])  # as the import dialog checks a folder chosen
    seen: list[tuple[int, int, str]] = []
    for request, added, steps in (
        (
            ImportRequest(FOLDER, folders[:1], language="ASL", checked=checked),
            3,
            ("Checking", "reading file"),
        ),
        (ImportRequest(FOLDER, folders, language="ASL"), 3, ("(1 of 2): reading", "(2 of 2): reading")),
    ):
        seen.clear()
        assert run_import(context.database, request, lambda *args: seen.append(args)).added == added
        shares = [done / count for done, count, _message in seen]
        assert shares == sorted(shares) and shares[-1] == 1, seen
        said = " ".join(message for _done, _count, message in seen)
        assert all(step in said for step in steps)  # each step still says what it is doing


def test_an_exported_pose_file_chosen_alone_keeps_why_it_was_kept_despite_a_warning(context, tmp_path):
    """An exported sign's clip_<id>.pose chosen as a file (not its folder) comes with its note too; a note
    that is empty is none."""
    why = "Both hands: your left hand was not seen; this sign is made with both hands."
    write_pose(moving_clip(seed=1), tmp_path / "clip_7.pose")
    (tmp_path / "clip_7.kept-despite.txt").write_text(f"{why}\n", encoding="utf-8")
    write_pose(moving_clip(seed=2), tmp_path / "clip_8.pose")
    (tmp_path / "clip_8.kept-despite.txt").write_text("  \n", encoding="utf-8")
    paths = [str(tmp_path / "clip_7.pose"), str(tmp_path / "clip_8.pose")]
    report = run_import(context.database, ImportRequest(POSE_FILES, paths, language="ASL", gloss="hello"))
    assert (report.added, report.failures) == (2, [])
    assert [clip.kept_despite for clip in context.database.clips()] == [why, None]


def test_an_exported_pose_file_chosen_alone_comes_in_its_signs_language(context, tmp_path):
    """The .pose files of an exported sign's folder chosen one by one (not the folder) read its details."""
    write_pose(moving_clip(seed=1), tmp_path / "wave" / "clip_7.pose")
    (tmp_path / "wave" / "sign.json").write_text('{"language": "ASL"}', encoding="utf-8")
    paths = [str(tmp_path / "wave" / "clip_7.pose")]
    report = run_import(context.database, ImportRequest(POSE_FILES, paths, gloss="wave"))
    assert (report.added, report.failures) == (1, [])
    assert [(s.gloss, s.language) for s in context.database.signs("wave")] == [("wave", "ASL")]


@pytest.mark.parametrize("kind", [POSE_FILES, FOLDER])
def test_a_signs_details_are_read_once_and_said_unusable_once_whether_its_folder_or_its_files_are_chosen(
    context, tmp_path, monkeypatch, kind
):
    """N .pose files chosen from one sign's folder read its sign.json N times, and damaged, it refused each
    file, where the folder imported kept the clips and said once that the details were unreadable. One rule
    now: read once a folder, said once, the clips imported without them."""
    from signcore import signfolder

    for seed in (1, 2, 3):
        write_pose(moving_clip(seed=seed), tmp_path / "signs" / "wave" / f"clip_{seed}.pose")
    details = tmp_path / "signs" / "wave" / "sign.json"
    details.write_text('{"language": ["ASL"]}', encoding="utf-8")
    read = []
    real_sign_details_in = signfolder.sign_details_in
    monkeypatch.setattr(
        signfolder, "sign_details_in", lambda folder: read.append(folder) or real_sign_details_in(folder)
    )
    if kind == FOLDER:
        request = ImportRequest(FOLDER, [str(tmp_path / "signs")])
    else:
        request = ImportRequest(POSE_FILES, sorted(str(path) for path in details.parent.glob("*.pose")))
    report = run_import(context.database, request)
    assert (report.added, len(read)) == (3, 1)
    unusable = "the sign's language in it is not a short line of text; its clips were imported without them"
    assert report.failures == [f"{details}: {unusable}"]
    assert [(s.gloss, s.language) for s in context.database.signs("wave")] == [("wave", "")]


def test_the_summary_says_which_signs_the_clips_went_to(context, tmp_path):
    """Imported with no language, clips join the sign of their name, in whatever language it is: the summary
    says where they went (it said only '4 clips imported')."""
    from signcore.formats.posefile import write_pose

    for gloss, count in (("hallo", 2), ("du", 1), ("Bier", 1), ("neu", 1)):
        (tmp_path / "signs" / gloss).mkdir(parents=True)
        for number in range(count):
            write_pose(
                moving_clip(seed=len(gloss) * 10 + number), tmp_path / "signs" / gloss / f"{number}.pose"
            )
    for gloss in ("hallo", "du", "Bier"):
        context.database.add_sign(gloss, "DGS")
    report = run_import(context.database, ImportRequest(FOLDER, [str(tmp_path / "signs")]))
    assert summarise(report) == "5 clips imported into Bier (DGS), du (DGS), hallo (DGS) and 1 more sign."
    (tmp_path / "signs" / "neu" / "0.pose").unlink()
    write_pose(moving_clip(seed=99), tmp_path / "signs" / "neu" / "1.pose")
    again = run_import(context.database, ImportRequest(FOLDER, [str(tmp_path / "signs")]))
    assert summarise(again) == (
        "1 clip imported into neu, 4 already in “Bier (DGS)”, “du (DGS)” and “hallo (DGS)” (skipped)."
    )


def test_the_summary_says_which_tags_the_signs_were_given_and_that_their_own_are_kept(context, tmp_path):
    """A teacher's folder notes its signs' tags (sign.json): the summary says which each sign was given, and
    that a learner's sign of that name kept its own (else the learner found a lesson they never made)."""
    for gloss in ("hallo", "du", "neu"):
        write_pose(moving_clip(seed=len(gloss)), tmp_path / "signs" / gloss / "0.pose")
        (tmp_path / "signs" / gloss / "sign.json").write_text(
            '{"version": 2, "language": "DGS", "tags": ["DGS", "lesson: Week 3"]}', encoding="utf-8"
        )
    context.database.add_sign("hallo", "DGS", tags=["DGS", "mine"])
    context.database.add_sign("du", "DGS", tags=["lesson: week 3"])  # the same tag, another case
    report = run_import(context.database, ImportRequest(FOLDER, [str(tmp_path / "signs")]))
    assert summarise(report).splitlines() == [
        "3 clips imported into du (DGS), hallo (DGS) and neu (DGS).",
        "",
        "Tags that came with the clips: du (DGS) now has “DGS” besides its own; hallo (DGS) now has"
        " “lesson: Week 3” besides its own; neu (DGS) now has “DGS” and “lesson: Week 3”.",
    ]
    reviewed = ImportReport(added=1, tagged=[Tagged("neu", "DGS", ("DGS",), False)])
    assert with_review(report, reviewed, []).tagged == [*report.tagged, *reviewed.tagged]


def test_cancel_keeps_what_was_imported_before_it(context):
    calls = []
    report = run_import(
        context.database,
        ImportRequest(SPOTER_CSV, [str(SPOTER)]),
        progress=lambda *args: calls.append(args),
        cancel=lambda: len(calls) >= 2,
    )
    assert report.cancelled and report.added == 2
    assert sum(clip_counts(context.database).values()) == 2
    assert summarise(report).startswith("Import cancelled. 2 clips imported")


def test_the_import_job_reports_progress_and_stops_when_cancelled(context):
    reports = []
    job = import_job(context.database, ImportRequest(SPOTER_CSV, [str(SPOTER)]))
    report = run_job(job, lambda *args: reports.append(args))
    assert not report.cancelled and report.added == sum(clip_counts(context.database).values()) > 2
    assert reports and all(len(args) == 3 for args in reports)
    said = [message for _done, _count, message in reports if message]
    assert said and all(message.startswith("traduttore_spoter.csv: ") for message in said)  # which file


def test_the_form_becomes_a_request_with_a_gloss_only_where_the_kind_names_one_sign():
    request = ImportRequest.from_form(VIDEOS, ["/v/a.mp4"], " DGS ", " CC0 ", " HALLO ", True)
    assert request == ImportRequest(VIDEOS, ["/v/a.mp4"], "DGS", "CC0", "HALLO", True)
    assert ImportRequest.from_form(POSE_FILES, ["/p/a.pose"], "", "", "  ", False).gloss is None  # blank
    assert ImportRequest.from_form(FOLDER, ["/signs"], "", "", "HALLO", False).gloss is None  # folder names
    assert [names_one_sign(kind) for kind in (FOLDER, POSE_FILES, VIDEOS, SPOTER_CSV)] == [0, 1, 1, 0]


def test_the_chosen_files_are_described_and_filtered_by_kind():
    assert describe_paths([]) == NOTHING_CHOSEN
    assert describe_paths(["/signs/HALLO/a.pose"]) == "a.pose"
    assert describe_paths(["/signs/HALLO/a.pose", "/signs/HALLO/b.pose"]) == "a.pose and b.pose"
    four = [f"/v/{name}.mp4" for name in "abcd"]
    assert describe_paths(four[:3]) == "a.mp4, b.mp4 and c.mp4"
    assert describe_paths(four) == "a.mp4, b.mp4, c.mp4 and 1 more"
    assert describe_paths([*four, "/v/e.mp4"]) == "a.mp4, b.mp4, c.mp4 and 2 more"
    assert describe_paths(["/home/me/signs"]) == "signs" and describe_paths(["/"]) == "/"
    assert paths_in_full(four[:2]) == "/v/a.mp4\n/v/b.mp4"
    assert file_filter(POSE_FILES) == "Pose files (*.pose);;All files (*)"
    # SPOTER named only where the file type must be, with what it is
    assert file_filter(SPOTER_CSV).startswith("Tables of clips in the SPOTER format: one clip a row (*.csv)")
    assert [text for _kind, text in KINDS if "SPOTER" in text or "pose-format" in text] == []
    assert "*.mp4" in file_filter(VIDEOS) and "*.webm" in file_filter(VIDEOS)
    with pytest.raises(KeyError):
        file_filter(FOLDER)  # a sign folder is chosen as a folder, not as files


def test_files_chosen_that_cannot_be_imported_are_not_said_to_be_nothing_chosen():
    """ "Nothing chosen yet" stood above why each of the two videos chosen cannot be imported."""
    assert describe_paths([], refused=2) == "2 files chosen: none can be imported"
    assert describe_paths([], refused=1) == "1 file chosen: it cannot be imported"
    assert describe_paths(["/v/a.mp4"], refused=1) == "a.mp4"  # why the other cannot: said below


def test_one_video_suggests_its_file_name_as_the_signs_name():
    # Left empty, a video from the Downloads folder became a sign "Downloads".
    assert suggested_name(VIDEOS, ["/home/me/Downloads/hallo.mp4"]) == "hallo"
    assert suggested_name(VIDEOS, ["/v/hallo/take1.mp4", "/v/hallo/take2.mp4"]) == ""  # each folder's name
    assert suggested_name(FOLDER, ["/signs"]) == ""


def test_one_pose_file_suggests_its_folders_name_else_its_own_else_none():
    """A walk-through: one .pose file's sign's name came from the sign selected in the Library."""
    assert suggested_name(POSE_FILES, ["/export/Bier/clip_497.pose"]) == "Bier"
    assert suggested_name(POSE_FILES, ["/home/me/pose/hallo_2.pose"]) == "hallo"  # "pose" names no sign
    assert suggested_name(POSE_FILES, ["/tmp/files/clip_497.pose"]) == ""  # typed by the learner
    assert suggested_name(POSE_FILES, ["/v/hallo/1.pose", "/v/du/1.pose"]) == ""  # each its folder's
    assert name_came_from(POSE_FILES, ["/export/Bier/clip_497.pose"], "bier") == "its folder's name"
    assert name_came_from(POSE_FILES, ["/home/me/pose/hallo_2.pose"], "hallo") == "the file's name"
    assert name_came_from(VIDEOS, ["/home/me/Downloads/hallo.mp4"], "hallo") == "the file's name"
    assert name_came_from(POSE_FILES, ["/export/Bier/clip_497.pose"], "Prost") == ""  # typed


def test_the_sign_selected_in_the_library_is_suggested_where_the_import_names_one_sign(context):
    wave = context.database.sign(context.database.add_sign("wave", "ASL"))
    cup = context.database.sign(context.database.add_sign("cup"))
    database = context.database
    assert suggested_sign(VIDEOS, ["/home/me/Downloads/hallo.mp4"], wave, database) == ("wave", "ASL", "")
    assert suggested_sign(POSE_FILES, [], cup, database) == ("cup", "no language", "")
    assert suggested_sign(FOLDER, ["/signs"], wave, database) == ("", "", "")  # each folder names its sign
    assert suggested_sign(VIDEOS, ["/home/me/Downloads/hallo.mp4"], None, database) == ("hallo", "", "")


def test_a_name_typed_for_another_sign_takes_nothing_of_the_selected_signs(context):
    """A walk-through: a video of one's own, named "my wave" with "Bier (DGS)" selected, was imported
    as DGS under the DGS data set's licence."""
    database = context.database
    bier = database.sign(database.add_sign("Bier", "DGS"))
    database.add_clip(bier.id, moving_clip(), origin=ClipOrigin(source="dgs", licence="Apache-2.0"))
    video = ["/home/me/wave.mp4"]
    assert suggested_sign(VIDEOS, video, bier, database, typed_name="my wave") == ("Bier", "", "")
    assert suggested_sign(VIDEOS, video, bier, database, typed_name="bier ") == ("Bier", "DGS", "Apache-2.0")
    assert suggested_sign(VIDEOS, video, bier, database, typed_name="") == ("Bier", "DGS", "Apache-2.0")


def test_the_selected_signs_licence_is_suggested_where_its_clips_share_one(context):
    """Import with a sign selected filled in its name and language but not its licence."""
    database = context.database
    wave = database.sign(database.add_sign("wave", "ASL"))
    for source in ("a", "b"):
        database.add_clip(wave.id, moving_clip(), origin=ClipOrigin(source=source, licence="CC BY 4.0"))
    assert suggested_sign(POSE_FILES, [], wave, database).licence == "CC BY 4.0"
    assert suggested_sign(FOLDER, ["/signs"], wave, database).licence == ""
    database.add_clip(wave.id, moving_clip(), origin=ClipOrigin(source="c", licence="own recording"))
    assert suggested_sign(POSE_FILES, [], wave, database).licence == ""  # one given would claim it for all


def test_the_empty_language_says_where_the_language_of_the_files_chosen_will_really_come_from(
    context, tmp_path
):
    """A walk-through: .pose files of a NEW sign chosen, the empty language said "the language of the sign of
    that name", but no sign of that name was: the language came from the folder's sign.json. It now says
    where it will come from, as the import then takes it."""
    database = context.database

    def said(kind, paths, gloss="", noted=None):
        return language_placeholder(SignNames.of(kind, [str(path) for path in paths], gloss), database, noted)

    assert "folder notes" in said(FOLDER, [tmp_path])  # its signs are not known before the import
    assert said(VIDEOS, []) == said(POSE_FILES, []) == said(SPOTER_CSV, [SPOTER]) == LANGUAGE_PLACEHOLDER
    clip = tmp_path / "wave" / "clip_1.pose"
    write_pose(moving_clip(seed=1), clip)
    (clip.parent / "sign.json").write_text('{"version": 2, "language": "ASL"}', encoding="utf-8")
    checked = without_unreadable_files(POSE_FILES, [str(clip)])
    assert said(POSE_FILES, [clip], noted=checked.noted) == "empty: ASL, as the sign's folder notes"
    assert said(VIDEOS, [tmp_path / "wave" / "take.mp4"]) == "empty: no language, as “wave” is a new sign"
    assert (
        said(VIDEOS, [tmp_path / "files" / "a.mp4", tmp_path / "files" / "b.mp4"])
        == "empty: no language, as the signs are new"
    )
    database.add_sign("wave", "DGS")
    assert said(VIDEOS, [tmp_path / "take.mp4"], "WAVE") == "empty: DGS, the language of “WAVE”"
    assert said(POSE_FILES, [clip], noted=checked.noted) == "empty: ASL, as the sign's folder notes"  # first
    database.add_sign("wave", "LSF")
    assert said(VIDEOS, [tmp_path / "take.mp4"], "wave") == (
        "empty: signs in several languages are named “wave”: choose one"
    )
    database.add_sign("cup")
    assert said(VIDEOS, [tmp_path / "files" / "cup.mp4"]) == "empty: no language, as “cup” has none"
    assert (
        said(VIDEOS, [tmp_path / "files" / "cup.mp4", tmp_path / "files" / "new.mp4"]) == EACH_SIGNS_LANGUAGE
    )
    # and the import takes the one said
    request = ImportRequest(POSE_FILES, [str(clip)], gloss="hello", checked=checked)
    assert run_import(database, request).added == 1
    assert [(s.gloss, s.language) for s in database.signs("hello")] == [("hello", "ASL")]


def test_the_videos_to_ask_about_are_those_chosen_or_the_first_in_a_sign_folder(tmp_path):
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    for name in ("a.mp4", "b.MOV"):
        (chosen / name).write_bytes(b"")
    paths = [str(chosen / name) for name in ("a.mp4", "b.MOV", "gone.mp4")]
    assert videos_to_import(VIDEOS, CheckedFiles(paths)) == [chosen / "a.mp4", chosen / "b.MOV"]  # files only
    signs = tmp_path / "signs"

    def in_the_folder():
        """The first video of the sign folder as its check listed it (the folder is not walked again)."""
        return videos_to_import(FOLDER, without_unreadable_files(FOLDER, [str(signs)]))

    (signs / "HALLO").mkdir(parents=True)
    (signs / "HALLO" / "a.pose").write_bytes(b"")
    assert in_the_folder() == []  # no video inside: nothing to ask
    if hasattr(os, "mkfifo"):  # a pipe named like a video: reading its first frame waited for ever
        os.mkfifo(signs / "HALLO" / "a pipe.mp4")
        assert in_the_folder() == []
    (signs / "HALLO" / "empty.mp4").write_bytes(b"")  # cannot be read: named by the preview, not asked about
    assert in_the_folder() == []
    shutil.copy(SIGNING_VIDEO, signs / "HALLO" / "take.MP4")
    assert in_the_folder() == [signs / "HALLO" / "take.MP4"]
    assert videos_to_import(POSE_FILES, CheckedFiles(["/p/a.pose"])) == []
    assert videos_to_import(FOLDER, CheckedFiles([])) == []


def test_pieces_of_a_long_video_are_described_for_their_review():
    piece = PendingClip("HALLO", VideoClip(moving_clip(), 12.04, 13.5), "/videos/lesson.mp4")
    assert piece.describe() == "HALLO · lesson.mp4 at 12.0-13.5 s"
    assert piece.labelled().source == "/videos/lesson.mp4 12.0-13.5 s"
    assert review_intro([piece]) == (
        "1 clip was cut where the hands went down. Untick the ones that are not a whole sign. Then import the"
        " ticked clips."
    )
    assert review_intro([piece] * 3).startswith("3 clips were cut where the hands went down.")


def test_a_cancelled_review_says_which_clips_it_held_back_pieces_cut_or_whole_files():
    piece = PendingClip("HALLO", VideoClip(moving_clip(), 12.0, 13.5), "/videos/lesson.mp4")
    whole = PendingClip("HALLO", VideoClip(moving_clip(), 0.0, 1.5), "/clips/hallo.pose", whole=True)
    found = ImportReport(added=2, failures=["/clips/broken.pose: not a .pose file"])
    assert all_cut([piece, piece]) and not all_cut([piece, whole])
    cut = with_review(found, None, [piece, piece])
    assert cut.added == 2
    assert cut.failures == [*found.failures, "the 2 clips cut from long videos: the review was cancelled"]
    held = with_review(found, None, [piece, whole])
    assert held.failures[-1] == "the 2 clips held back for your review: the review was cancelled"
    both = with_review(found, ImportReport(added=1, signs=[("HALLO", "")]), [piece, whole])
    assert (both.added, both.failures, both.signs) == (3, found.failures, [("HALLO", "")])


def test_the_sign_shown_after_an_import_is_the_first_of_those_it_added_to_in_the_lists_order(context):
    database = context.database
    request = ImportRequest(FOLDER, [str(TEST_DATA / "dgs" / "3D_full")], "DGS")  # hallo, du, Bier
    report = run_job(import_job(database, request, []))
    shown = sign_to_show(database, report)
    assert shown is not None and database.sign(shown).gloss == "Bier"
    again = run_job(import_job(database, request, []))  # every clip is already there: none was added
    assert again.added == 0 and sign_to_show(database, again) is None


def test_a_loose_file_is_named_by_itself_and_only_an_exports_by_its_folder(tmp_path):
    """A walk-through: one .pose file, in/sample.pose, filled in the sign's name "in", and
    ~/signs/hello.pose would have made a sign "signs": a loose file names its sign by its own name, as a
    video does; its folder's only where it lies as an export lays out a sign's clips."""
    assert suggested_name(POSE_FILES, ["/tmp/w31/in/sample.pose"]) == "sample"
    assert suggested_name(POSE_FILES, ["/home/me/signs/hello.pose"]) == "hello"
    assert (
        suggested_name(VIDEOS, ["/v/hallo/3.mp4"])
        == suggested_name(VIDEOS, ["/v/hallo/take1.mp4"])
        == "hallo"
    )
    assert sign_name_of_file("/export/Bier/clip12.pose") == "Bier"  # a word for a clip, a number after it
    exported = tmp_path / "Haus" / "morgens.pose"  # an exported sign's folder notes its details beside
    exported.parent.mkdir()
    assert sign_name_of_file(str(exported)) == "morgens"
    (exported.parent / "sign.json").write_text('{"version": 2, "language": "DGS"}', encoding="utf-8")
    assert sign_name_of_file(str(exported)) == "Haus"
    assert name_came_from(POSE_FILES, [str(exported)], "Haus") == "its folder's name"
    assert name_came_from(POSE_FILES, ["/tmp/w31/in/sample.pose"], "sample") == "the file's name"
    assert name_came_from(VIDEOS, ["/v/hallo/3.mp4"], "hallo") == "its folder's name"


def test_a_file_in_a_folder_that_names_no_sign_is_named_by_itself():
    """Left empty, a .pose file in a folder "pose" became a sign "pose"; its feedback then read "It looks
    closer to pose than to hallo (DGS)"."""
    assert sign_name_of_file("/walk/tests/data/pose/hallo.pose") == "hallo"  # the file type's name
    assert sign_name_of_file("/signs/Haus/clip_12.pose") == "Haus"  # a sign folder, as an export writes
    assert sign_name_of_file("/home/me/Videos/danke.mp4") == "danke"  # a generic word, in any case
    assert sign_name_of_file("/home/me/mp4/danke.mp4") == "danke"
    assert sign_name_of_file("/tmp/tmpk2j3h4/essen.mp4") == "essen"  # a temporary folder
    assert sign_name_of_file("/data/0042/essen.pose") == "essen"  # no letter: no name
    assert sign_name_of_file("/files/001_001_001.mp4") == ""  # neither: the learner types one
    assert sign_name_of_file("/files/pose.pose") == ""


def test_a_files_own_name_names_its_sign_without_the_takes_number(context, tmp_path):
    """ "hallo_2.pose" in a folder "pose" became a sign "hallo_2" beside "hallo": a take's number after the
    name is no part of the sign's, in the preview, the name suggested for a video and the import alike."""
    takes = ["hallo_2", "hallo-02", "hallo (3)", "hallo 2", "hallo"]
    assert [sign_name_of_file(f"/x/pose/{take}.pose") for take in takes] == ["hallo"] * len(takes)
    assert sign_name_of_file("/x/pose/Tag2.pose") == "Tag2"  # no separator: a name's own digit
    assert sign_name_of_file("/x/pose/pose_2.pose") == sign_name_of_file("/x/files/_2.pose") == ""
    assert suggested_name(VIDEOS, ["/home/me/Downloads/danke-3.mp4"]) == "danke"
    assert (
        SignNames.of(POSE_FILES, ["/x/pose/hallo_2.pose"], "").preview()
        == "Left empty: hallo_2.pose → “hallo”."
    )
    folder = tmp_path / "pose"
    folder.mkdir()
    paths = [str(folder / "hallo_1.pose"), str(folder / "hallo_2.pose")]
    for seed, path in enumerate(paths):
        write_pose(moving_clip(seed=seed), path)
    run_import(context.database, ImportRequest(POSE_FILES, paths))
    assert clip_counts(context.database) == {"hallo": 2}


def test_the_name_each_file_will_get_is_said_before_the_import():
    files = ["/x/pose/hallo.pose", "/x/katze/1.pose", "/x/files/001.pose"]

    def preview(kind, paths, gloss):
        return SignNames.of(kind, paths, gloss).preview()

    assert preview(POSE_FILES, files[:2], "") == "Left empty: hallo.pose → “hallo” and 1.pose → “katze”."
    assert preview(POSE_FILES, [*files, "/x/katze/2.pose"], "") == (
        "Left empty: hallo.pose → “hallo”, 1.pose → “katze”, 001.pose → no name and 1 more file"
        " (2 signs in all). For 1 file, neither the file's name nor its folder's names a sign:"
        " type the sign's name above."
    )
    assert preview(VIDEOS, ["/x/videos/001_001_001.mp4"], "") == (
        "Left empty: 001_001_001.mp4 → no name. Neither the file's name nor its folder's names a sign:"
        " type the sign's name above."
    )
    assert preview(POSE_FILES, files, " hallo ") == "Each file becomes a clip of “hallo”."
    assert preview(FOLDER, ["/signs"], "") == ""  # a sign folder's subfolders name its signs
    assert SignNames.of(POSE_FILES, files, "").unnamed() == ["/x/files/001.pose"]
    assert (
        SignNames.of(POSE_FILES, files, "hallo").unnamed()
        == SignNames.of(FOLDER, ["/files"], "").unnamed()
        == []
    )


def sideways_pose_file(folder, quarter_turns=1):
    """A real clip (OpenPose, 1000x1000) turned on its side, saved as ``folder``/pose/hallo.pose."""
    upright = read_pose(TEST_DATA / "pose" / "openpose.pose")
    path = folder / "pose" / "hallo.pose"
    path.parent.mkdir()
    write_pose(turned(upright, quarter_turns), path)
    return str(path), upright


def test_a_pose_file_filmed_on_its_side_is_found_when_chosen_and_turned_upright_if_asked(context, tmp_path):
    path, upright = sideways_pose_file(tmp_path)
    checked = without_unreadable_files(POSE_FILES, [path, str(TEST_DATA / "pose" / "mediapipe.pose")])
    assert checked.paths == [path, str(TEST_DATA / "pose" / "mediapipe.pose")] and checked.problems == []
    assert checked.sideways == {path: 3}
    assert sideways_question(checked.sideways) == (
        "“hallo.pose” looks filmed on its side or upside down: in most frames the head is beside or below the"
        " shoulders. Turn the points so that the head is up?"
    )
    report = run_import(context.database, ImportRequest(POSE_FILES, [path], turns=checked.sideways))
    assert report.added == 1 and report.signs == [("hallo", "")]  # named by the file: its folder is "pose"
    stored = context.database.clip_pose(context.database.clips()[0].id)
    assert quarter_turns_to_upright(stored) == 0 and stored.equals(upright)


def test_a_pose_file_filmed_on_its_side_is_imported_as_it_is_when_the_learner_says_so(context, tmp_path):
    path, _ = sideways_pose_file(tmp_path, quarter_turns=2)
    run_import(context.database, ImportRequest(POSE_FILES, [path]))
    assert quarter_turns_to_upright(context.database.clip_pose(context.database.clips()[0].id)) == 2


@pytest.mark.parametrize("answer", ["turn upright", "as filmed"])
def test_pose_files_written_again_after_they_were_chosen_are_imported_as_they_are_now_and_said(
    context, tmp_path, answer
):
    """The folder import checks its files again at Import; .pose files chosen one by one were not: one
    written upright after it was chosen on its side was still turned (onto its side), one written on its
    side came in as filmed, unsaid. Now each changed file is read again, turned as the learner answered for
    those on their side, and the summary says which changed."""
    first, second = moving_clip(seed=0), moving_clip(seed=1)  # both upright
    lying, standing = tmp_path / "pose" / "lying.pose", tmp_path / "pose" / "standing.pose"
    write_pose(turned(first, 1), lying)
    write_pose(second, standing)
    paths = [str(lying), str(standing)]
    checked = without_unreadable_files(POSE_FILES, paths)
    assert checked.sideways == {str(lying): 3}
    turns = checked.sideways if answer == "turn upright" else {}
    request = ImportRequest.from_form(POSE_FILES, paths, "", "", "", False, turns, checked)
    write_pose(first, lying)  # stood up
    write_pose(turned(second, 1), standing)  # laid down
    report = run_import(context.database, request)
    stored = {
        Path(clip.source).name: context.database.clip_pose(clip.id) for clip in context.database.clips()
    }
    turned_by = {name: quarter_turns_to_upright(pose) for name, pose in stored.items()}
    assert (report.added, report.failures) == (2, [])
    assert turned_by == {"lying.pose": 0, "standing.pose": 0 if answer == "turn upright" else 3}
    assert report.notes == [
        "lying.pose and standing.pose changed after you chose them, so they were imported as they are now."
    ]


def test_a_pose_file_written_on_its_side_where_none_was_asked_about_is_said_to_come_in_as_filmed(
    context, tmp_path
):
    upright = read_pose(TEST_DATA / "pose" / "openpose.pose")
    path = tmp_path / "pose" / "hallo.pose"
    write_pose(upright, path)
    checked = without_unreadable_files(POSE_FILES, [str(path)])
    request = ImportRequest.from_form(POSE_FILES, [str(path)], "", "", "", False, {}, checked)
    write_pose(turned(upright, 1), path)
    report = run_import(context.database, request)
    assert report.added == 1 and summarise(report) == (
        "1 clip imported into hallo.\n\nhallo.pose changed after you chose it, so it was imported as it is"
        " now. hallo.pose looks filmed on its side, and came in as filmed: you were not asked about it."
    )
    assert quarter_turns_to_upright(context.database.clip_pose(context.database.clips()[0].id)) == 3


def test_pose_files_chosen_come_in_with_their_signs_details_as_they_are_at_import(context, tmp_path):
    """An exported sign's sign.json edited between choosing its .pose files and Import went unseen (the
    folder import reads it again)."""
    write_pose(moving_clip(seed=1), tmp_path / "wave" / "clip_7.pose")
    details = tmp_path / "wave" / "sign.json"
    details.write_text('{"language": "ASL"}', encoding="utf-8")
    paths = [str(tmp_path / "wave" / "clip_7.pose")]
    checked = without_unreadable_files(POSE_FILES, paths)
    request = ImportRequest.from_form(POSE_FILES, paths, "", "", "", False, {}, checked)
    details.write_text('{"language": "DGS"}', encoding="utf-8")
    report = run_import(context.database, request)
    assert [(s.gloss, s.language) for s in context.database.signs("wave")] == [("wave", "DGS")]
    assert report.notes == [
        "The sign's details in wave/sign.json changed after you chose the files: the clips came in with them"
        " as they are now."
    ]


def test_a_pose_file_written_again_with_the_same_clip_or_unchanged_is_not_said_to_have_changed(
    context, tmp_path, monkeypatch
):
    path = tmp_path / "pose" / "hallo.pose"
    write_pose(moving_clip(seed=1), path)
    checked = without_unreadable_files(POSE_FILES, [str(path)])
    request = ImportRequest.from_form(POSE_FILES, [str(path)], "", "", "", False, {}, checked)
    write_pose(moving_clip(seed=1), path)
    os.utime(path, ns=(0, 10**9))
    assert run_import(context.database, request).notes == []
    unchanged = without_unreadable_files(POSE_FILES, [str(path)])
    again = ImportRequest.from_form(POSE_FILES, [str(path)], "", "", "", False, {}, unchanged)
    opened = opened_files(monkeypatch)
    assert (run_import(context.database, again).notes, opened) == ([], [])  # not read again


def test_the_check_of_the_files_again_at_import_is_shown_and_stops_at_cancel(context, tmp_path):
    """As a sign folder's: the files chosen are checked again as the import starts, shown as their check at
    Choose… is, and a cancel then stops the import before anything is imported."""
    path = tmp_path / "pose" / "hallo.pose"
    write_pose(moving_clip(seed=1), path)
    checked = without_unreadable_files(POSE_FILES, [str(path)])
    request = ImportRequest.from_form(POSE_FILES, [str(path)], "", "", "", False, {}, checked)
    write_pose(moving_clip(seed=3), path)
    messages: list[str] = []
    report = run_import(
        context.database,
        request,
        progress=lambda _done, _total, message: messages.append(message),
        cancel=lambda: bool(messages),  # the learner cancels at the first thing shown
    )
    assert messages[0] == checking_words(POSE_FILES, 0, 1)
    assert report.cancelled and context.database.clips() == []


def test_a_video_written_again_after_it_was_chosen_is_said_to_have_changed(context, tmp_path, monkeypatch):
    from desktop_app.core.importing import imports

    monkeypatch.setattr(imports, "read_video", lambda path, **kwargs: moving_clip(seed=1))
    video = tmp_path / "wave.mp4"
    shutil.copy(SIGNING_VIDEO, video)
    checked = without_unreadable_files(VIDEOS, [str(video)])
    request = ImportRequest.from_form(VIDEOS, [str(video)], "", "", "", False, {}, checked)
    shutil.copy(TEST_DATA / "signing_one_frame.mp4", video)
    report = run_import(context.database, request)
    assert report.notes == ["wave.mp4 changed after you chose it, so it was imported as it is now."]


def test_each_pose_file_chosen_is_opened_once_when_checked(tmp_path, monkeypatch):
    """The check opened each .pose file twice: once for its header, again to find a signer on their side."""
    path, _ = sideways_pose_file(tmp_path)
    empty = tmp_path / "empty.pose"
    empty.write_bytes(b"")
    opened = opened_files(monkeypatch)
    checked = without_unreadable_files(POSE_FILES, [path, str(empty)])
    assert checked.paths == [path] and checked.sideways == {path: 3}
    assert checked.problems == [
        f"{empty}: the file is empty (a .pose file holds the body and hand points of a clip)"
    ]
    assert sorted(opened) == sorted([path, str(empty)])


def sign_folder_with_a_pose_file_on_its_side(root):
    """``root``/hallo/ holding a clip on its side (``sideways``) and one upright, ``root``/du/ an empty .pose
    file; and the clip on its side as filmed, upright."""
    upright = read_pose(TEST_DATA / "pose" / "openpose.pose")
    sideways, beside, empty = (
        root / "hallo" / "take_1.pose",
        root / "hallo" / "take_2.pose",
        root / "du" / "0.pose",
    )
    for folder in (sideways.parent, empty.parent):
        folder.mkdir(parents=True)
    write_pose(turned(upright, 1), sideways)
    write_pose(read_pose(TEST_DATA / "pose" / "mediapipe.pose"), beside)
    empty.write_bytes(b"")
    return str(sideways), str(beside), str(empty), upright


@pytest.mark.parametrize("turn", [True, False])
def test_a_pose_file_on_its_side_in_a_sign_folder_is_found_when_chosen_as_a_pose_file_is(
    context, tmp_path, monkeypatch, turn
):
    """Only .pose files chosen as such were looked at for a signer on their side: one inside a sign folder
    was imported lying on its side, unasked. Each is read once, from the check to the import; one that
    cannot be read, the import tries again and names among the folder's other files that cannot be used."""
    root = tmp_path / "signs"
    sideways, beside, empty, upright = sign_folder_with_a_pose_file_on_its_side(root)
    opened = opened_files(monkeypatch)
    checked = without_unreadable_files(FOLDER, [str(root)])
    assert checked.paths == [
        str(root)
    ] and checked.problems == [  # said as the folder is chosen, by its place
        "du/0.pose: the file is empty (a .pose file holds the body and hand points of a clip)"
    ]
    assert checked.sideways == {sideways: 3} and sorted(checked.poses) == sorted([sideways, beside])
    turns = checked.sideways if turn else {}
    report = run_import(context.database, ImportRequest(FOLDER, [str(root)], turns=turns, checked=checked))
    assert report.added == 2 and clip_counts(context.database) == {"hallo": 2}
    assert len(report.failures) == 1 and report.failures[0].startswith(empty)
    stored = {info.source: context.database.clip_pose(info.id) for info in context.database.clips()}
    assert quarter_turns_to_upright(stored[sideways]) == (0 if turn else 3)
    if turn:
        assert stored[sideways].equals(upright)
    assert sorted(opened) == sorted([sideways, beside, empty, empty])  # the import tries that one again


@pytest.mark.slow
def test_a_video_filmed_on_its_side_is_imported_and_searched_with_upright(context, tmp_path):
    """A video lying on its side with no rotation tag (a phone's, or a camera mounted sideways) needs no
    question, unlike a .pose file: its landmarks are tracked in the picture turned upright
    (signcore.extract.upright_turn), where the hands are found, so the clip stored and the signing searched
    stand upright. Eight frames: MediaPipe is slow."""
    import cv2

    from desktop_app.core.judging.search import load_query
    from signcore.extract import iter_video_frames
    from tests.support import SIGNING_VIDEO

    frames = [frame.image for frame in islice(iter_video_frames(SIGNING_VIDEO), 16, 24)]
    sideways = [cv2.rotate(frame, cv2.ROTATE_90_CLOCKWISE) for frame in frames]
    path = tmp_path / "hallo.mp4"
    height, width = sideways[0].shape[:2]
    # Signing in all but the last, 10 a second: at 30 its 0.2 s would be too short to be a sign
    # (imports.too_short_clip)
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"mp4v"), 10.0, (width, height))
    for frame in sideways:
        writer.write(frame)
    writer.release()

    report = run_import(context.database, ImportRequest(VIDEOS, [str(path)], gloss="hallo"), review=[])
    assert report.added == 1 and not report.failures
    stored = context.database.clip_pose(context.database.clips()[0].id)
    assert (stored.width, stored.height) == (540, 720) and stored.meta["turned_degrees"] == 270
    assert quarter_turns_to_upright(stored) == 0  # the question .pose files are asked has nothing to ask
    searched = load_query(path, video_is_selfie=False)
    assert searched.turns_to_upright == 0 and searched.pose.meta["turned_degrees"] == 270


def test_a_pose_file_chosen_and_changed_before_import_is_imported_as_it_is_then(context, tmp_path):
    """The import took what the check read of each .pose file chosen at Choose…: one written again before
    Import came in as it had been. Read again when changed (its size or time modified); one removed is
    named among the files that could not be imported, as any file gone."""
    paths = [tmp_path / "hallo" / f"take_{take}.pose" for take in range(2)]
    for seed, path in enumerate(paths):
        write_pose(moving_clip(seed=seed), path)
    checked = without_unreadable_files(POSE_FILES, [str(path) for path in paths])
    write_pose(moving_clip(seed=3), paths[0])
    os.utime(paths[0], ns=(0, 10**9))  # written again within the time modified's resolution
    now = read_pose(paths[0])
    paths[1].unlink()
    request = ImportRequest(POSE_FILES, checked.paths, gloss="hallo", checked=checked)
    report = run_import(context.database, request)
    assert report.added == 1 and len(report.failures) == 1 and report.failures[0].startswith(str(paths[1]))
    assert_same_pose(context.database.clip_pose(context.database.clips()[0].id), now)


def test_a_table_of_clips_chosen_is_read_once_and_imported_as_its_check_read_it(
    context, tmp_path, monkeypatch
):
    """A table of clips was read when chosen (to say whether it can be imported), and again at Import; now
    once: the import takes the clips its check read."""
    table = tmp_path / "table.csv"
    shutil.copy(SPOTER, table)
    reads = []
    real = spoter._read_csv_records
    monkeypatch.setattr(spoter, "_read_csv_records", lambda path: reads.append(str(path)) or real(path))
    checked = without_unreadable_files(SPOTER_CSV, [str(table)])
    request = ImportRequest.from_form(SPOTER_CSV, [str(table)], "", "", "", False, {}, checked)
    report = run_import(context.database, request)
    assert reads == [str(table)]
    assert (report.added, report.failures, report.notes) == (len(read_spoter_csv(SPOTER)), [], [])


def test_a_sign_folders_one_clip_tables_are_read_once_from_its_check_to_its_import(
    context, tmp_path, monkeypatch
):
    """The check of a sign folder read each of its one-clip (DGS) tables, to say which of their clips the
    library has, and the import read each again (the DGS data's 1,755: 9 s of CPU); now the import takes
    what the check read. One written again since is read again, by the import's own check."""
    from signcore.formats import dgs

    root = tmp_path / "teacher"
    shutil.copytree(TEST_DATA / "dgs" / "3D_full", root)
    tables = sorted(root.glob("*/*.csv"))
    reads = []
    real = dgs._read_dgs_rows
    monkeypatch.setattr(dgs, "_read_dgs_rows", lambda path: reads.append(Path(path)) or real(path))
    checked = without_unreadable_files(FOLDER, [str(root)])
    assert sorted(reads) == tables
    reads.clear()
    os.utime(tables[0], ns=(0, 10**9))  # written again, alike
    request = ImportRequest.from_form(FOLDER, [str(root)], "DGS", "", "", False, {}, checked)
    report = run_import(context.database, request)
    assert (report.added, report.failures, reads) == (len(tables), [], [tables[0]])


@pytest.mark.parametrize("written_again", ["with a clip less", "as it was"])
def test_a_table_of_clips_written_again_after_it_was_chosen_is_imported_as_it_is_then(
    context, tmp_path, written_again
):
    """Its clips as read when chosen are imported only while the file is as it was then: one written again
    before Import is read again, imported as it is then, and said to have changed (unless written alike),
    as a .pose file is; so too one written again after the import's own check."""
    table = tmp_path / "table.csv"
    clips = read_spoter_csv(SPOTER)
    write_spoter_csv(clips, table)
    checked = without_unreadable_files(SPOTER_CSV, [str(table)])
    request = ImportRequest.from_form(SPOTER_CSV, [str(table)], "", "", "", False, {}, checked)
    now = clips[:-1] if written_again == "with a clip less" else clips
    write_spoter_csv(now, table)
    os.utime(table, ns=(0, 10**9))  # seen to be written again whatever the resolution of its time modified
    assert len(request.table_clips(str(table))) == len(now)
    report = run_import(context.database, request)
    assert (report.added, report.failures) == (len(now), [])
    changed = ["table.csv changed after you chose it, so it was imported as it is now."]
    assert report.notes == (changed if written_again == "with a clip less" else [])


def test_pose_files_chosen_in_an_exported_folder_named_apart_are_clips_of_the_sign_it_notes(
    context, tmp_path
):
    """An export names the folder of "hallo" in ASL "hallo (ASL)" beside "hallo (DGS)": its .pose files
    chosen with no name typed are clips of "hallo" in ASL, not of a new sign "hallo (ASL)"; a name typed
    still names them."""
    from signcore.database import SignDatabase
    from signcore.ingest import export_sign_folder

    with SignDatabase(tmp_path / "other.db") as other:
        for seed, language in enumerate(("DGS", "ASL"), start=1):
            other.add_clip(other.add_sign("hallo", language), moving_clip(seed=seed))
        export_sign_folder(other, tmp_path / "out")
    paths = [str(tmp_path / "out" / "hallo (ASL)" / "clip_1.pose")]
    run_import(context.database, ImportRequest(POSE_FILES, paths))
    run_import(context.database, ImportRequest(POSE_FILES, paths, gloss="wave", language="DGS"))
    signs = {(sign.gloss, sign.language) for sign in context.database.signs() if sign.clip_count}
    assert {("hallo", "ASL"), ("wave", "DGS")} <= signs and ("hallo (ASL)", "ASL") not in signs
