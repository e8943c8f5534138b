"""Sign folders: every format in ``<gloss>/`` subfolders, failures named, cancel, the video landmark cache."""

from pathlib import Path

import pytest

from signcore import signfolder
from signcore.errors import InputError
from signcore.formats import traduttore
from tests.support import BAD_INPUTS, TEST_DATA

DGS_SAMPLES = TEST_DATA / "dgs" / "3D_full"
TRADUTTORE_SAMPLE = TEST_DATA / "traduttore" / "traduttore_sample.npz"
SPOTER_SAMPLE = TEST_DATA / "spoter" / "traduttore_spoter.csv"


def _sign_folder(tmp_path) -> Path:
    from signcore.formats.posefile import write_pose

    root = tmp_path / "signs"
    (root / "hello").mkdir(parents=True)
    (root / "du").mkdir()
    write_pose(traduttore.load_traduttore(TRADUTTORE_SAMPLE)[2].pose, root / "hello" / "take1.pose")
    (root / "hello" / "table.csv").write_bytes(SPOTER_SAMPLE.read_bytes())  # three rows = three clips
    (root / "hello" / "notes.txt").write_text("practise slowly")
    (root / "hello" / "broken.pose").write_bytes(b"\x00\x01garbage")
    dgs = next(DGS_SAMPLES.glob("du/*.csv"))
    (root / "du" / dgs.name).write_bytes(b"\xef\xbb\xbf" + dgs.read_bytes())  # with a spreadsheet's BOM
    (root / "stray.pose").write_bytes(b"")
    return root


def test_sign_folder_loads_every_format_and_reports_failures(tmp_path):
    root = _sign_folder(tmp_path)
    calls = []
    folder = signfolder.load_sign_folder(root, progress=lambda done, total: calls.append((done, total)))
    assert sorted(clip.gloss for clip in folder.clips) == ["du"] + ["hello"] * 4
    failed = {Path(path).name: message for path, message in folder.failures}
    assert set(failed) == {"broken.pose", "notes.txt", "stray.pose"}
    assert "not a valid .pose file" in failed["broken.pose"]
    assert calls == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert not folder.cancelled


def test_sign_folder_reads_clips_in_subfolders_of_a_sign(tmp_path):
    from signcore.formats.posefile import write_pose

    root = tmp_path / "signs"
    poses = [clip.pose for clip in traduttore.load_traduttore(TRADUTTORE_SAMPLE)[:3]]
    for signer, pose in zip(("signer1", "signer2/session1", ".hidden"), poses, strict=True):
        (root / "hello" / signer).mkdir(parents=True)
        write_pose(pose, root / "hello" / signer / "take.pose")
    (root / "hello" / "signer1" / "notes.txt").write_text("practise slowly")
    folder = signfolder.load_sign_folder(root)
    assert [clip.gloss for clip in folder.clips] == ["hello", "hello"]  # the gloss is the top folder's name
    assert [Path(clip.source).parent.name for clip in folder.clips] == ["signer1", "session1"]
    assert [Path(path).name for path, _ in folder.failures] == ["notes.txt"]


def test_sign_folder_reads_a_folder_reached_again_through_a_link_once(tmp_path):
    """Links to a parent or to the folder itself (a loop) must neither repeat clips nor multiply them."""
    from signcore.formats.posefile import write_pose

    root = tmp_path / "signs"
    for gloss, clip in zip(("du", "hello"), traduttore.load_traduttore(TRADUTTORE_SAMPLE)[:2], strict=True):
        (root / gloss).mkdir(parents=True)
        write_pose(clip.pose, root / gloss / "take.pose")
    (root / "du" / "up").symlink_to(root, target_is_directory=True)
    (root / "hello" / "again").symlink_to(root / "hello", target_is_directory=True)
    folder = signfolder.load_sign_folder(root)
    assert sorted(clip.gloss for clip in folder.clips) == ["du", "hello"] and folder.failures == []


def test_sign_folder_cancel_stops_early(tmp_path):
    folder = signfolder.load_sign_folder(_sign_folder(tmp_path), cancel=lambda: True)
    assert folder.cancelled and folder.clips == []


@pytest.mark.slow
def test_sign_folder_extracts_videos_once_then_uses_the_cache(tmp_path, monkeypatch, signing_video_pose):
    from signcore import extract
    from tests.support import SIGNING_VIDEO

    root = tmp_path / "signs"
    (root / "wave").mkdir(parents=True)
    (root / "wave" / "clip.mp4").write_bytes(SIGNING_VIDEO.read_bytes())
    cache = tmp_path / "cache"
    extracted = []

    def extraction(path, mirrored, cancel=None):  # MediaPipe's landmarks of that video, made once a session
        extracted.append((path.name, mirrored))
        return signing_video_pose

    monkeypatch.setattr(extract, "extract_video", extraction)
    first = signfolder.load_sign_folder(root, cache_dir=cache, mirrored_videos=True)
    assert first.failures == [] and len(first.clips) == 1 and extracted == [("clip.mp4", True)]
    pose = first.clips[0].pose
    assert pose.equals(signing_video_pose)
    assert len(list(cache.glob("*.pose"))) == 1

    def no_extraction(*args, **kwargs):
        raise AssertionError("the cached landmarks should have been used")

    monkeypatch.setattr(extract, "extract_video", no_extraction)
    second = signfolder.load_sign_folder(root, cache_dir=cache, mirrored_videos=True)
    assert second.clips[0].pose.equals(pose)


@pytest.mark.slow
def test_sign_folder_reads_the_video_formats_dictionaries_and_old_phones_publish(tmp_path):
    """Animated GIFs (sign dictionaries), Flash and Windows Media video, 3GP: read like any video."""
    import cv2

    image_module = pytest.importorskip("PIL.Image", reason="Pillow writes the animated GIF")

    from signcore.extract import iter_video_frames
    from tests.support import SIGNING_VIDEO

    frames = [frame.image for frame in list(iter_video_frames(SIGNING_VIDEO))[10:22]]
    root = tmp_path / "signs"
    (root / "wave").mkdir(parents=True)
    size = (frames[0].shape[1], frames[0].shape[0])
    for suffix, codec in ((".flv", "FLV1"), (".wmv", "WMV2"), (".3gp", "mp4v")):
        path = str(root / "wave" / f"clip{suffix}")
        writer = cv2.VideoWriter(path, cv2.VideoWriter_fourcc(*codec), 30, size)
        for frame in frames:
            writer.write(frame)
        writer.release()
    pictures = [image_module.fromarray(cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)) for frame in frames]
    pictures[0].save(root / "wave" / "clip.gif", save_all=True, append_images=pictures[1:], duration=40)
    folder = signfolder.load_sign_folder(root, cache_dir=tmp_path / "cache", mirrored_videos=True)
    assert folder.failures == []
    assert sorted(Path(clip.source).suffix for clip in folder.clips) == [".3gp", ".flv", ".gif", ".wmv"]
    for clip in folder.clips:
        assert len(clip.pose) == 12 and clip.pose.present("POSE_LANDMARKS").mean() > 0.9
    gif = next(clip.pose for clip in folder.clips if clip.source.endswith(".gif"))
    assert gif.timestamps[-1] == pytest.approx(11 * 0.040)  # the GIF's own frame times


def test_sign_folder_reports_an_unreadable_video(tmp_path):
    root = tmp_path / "signs"
    (root / "wave").mkdir(parents=True)
    (root / "wave" / "clip.mp4").write_bytes(b"not a video at all")
    folder = signfolder.load_sign_folder(root, cache_dir=tmp_path / "cache")
    assert folder.clips == [] and len(folder.failures) == 1
    assert folder.failures[0][0].endswith("clip.mp4")


def test_sign_folder_cache_is_keyed_by_the_extractor_version(tmp_path, monkeypatch):
    from signcore import extract

    root = tmp_path / "signs"
    (root / "wave").mkdir(parents=True)
    (root / "wave" / "clip.mp4").write_bytes(b"the video's bytes: the extraction is replaced below")
    old, new = (clip.pose for clip in traduttore.load_traduttore(TRADUTTORE_SAMPLE)[:2])
    cache = tmp_path / "cache"

    monkeypatch.setattr(extract, "extract_video", lambda *args, **kwargs: old)
    assert signfolder.load_sign_folder(root, cache_dir=cache).clips[0].pose.equals(old)
    (entry,) = cache.glob("*.pose")
    assert f"-{extract.extractor_identity()}" in entry.name  # the version and the MediaPipe bundle

    monkeypatch.setattr(extract, "EXTRACTOR_VERSION", extract.EXTRACTOR_VERSION + 1)
    monkeypatch.setattr(extract, "extract_video", lambda *args, **kwargs: new)
    assert signfolder.load_sign_folder(root, cache_dir=cache).clips[0].pose.equals(new)  # not the stale one


def test_a_video_is_hashed_once_until_the_file_changes(tmp_path, monkeypatch):
    from signcore import extract, files

    root = tmp_path / "signs"
    (root / "wave").mkdir(parents=True)
    video = root / "wave" / "clip.mp4"
    video.write_bytes(b"the video's bytes: the extraction is replaced below")
    pose = traduttore.load_traduttore(TRADUTTORE_SAMPLE)[0].pose
    monkeypatch.setattr(extract, "extract_video", lambda *args, **kwargs: pose)
    hashed = []
    monkeypatch.setattr(files, "sha256_of_file", lambda path: hashed.append(path) or f"hash{len(hashed)}")
    files._sha256_remembered.cache_clear()
    for _ in range(2):
        assert signfolder.load_sign_folder(root, cache_dir=tmp_path / "cache").clips[0].pose.equals(pose)
    assert len(hashed) == 1
    video.write_bytes(b"other bytes: the file was rewritten")
    signfolder.load_sign_folder(root, cache_dir=tmp_path / "cache")
    assert len(hashed) == 2


@pytest.mark.slow
def test_sign_folder_keeps_the_warning_of_a_truncated_video_and_does_not_cache_it(tmp_path):
    truncated = BAD_INPUTS / "videos" / "truncated.mp4"
    root = tmp_path / "signs"
    (root / "wave").mkdir(parents=True)
    (root / "wave" / "clip.mp4").write_bytes(truncated.read_bytes())
    folder = signfolder.load_sign_folder(root, cache_dir=tmp_path / "cache", mirrored_videos=True)
    assert folder.failures == []
    (warning,) = folder.clips[0].pose.meta["warnings"]
    assert warning.startswith(f"{root / 'wave' / 'clip.mp4'}: only 17 of the 58 frames")
    assert not list((tmp_path / "cache").glob("*.pose"))  # so the warning comes back on the next load


def test_a_sign_folders_video_clip_keeps_the_videos_digest_and_selfie_answer_from_the_cache_too(
    tmp_path, monkeypatch
):
    """An import knows a video imported before by its bytes and the selfie answer its clip was read with
    ; a .pose file keeps no meta, so a clip read from the cache lost both."""
    import hashlib

    from signcore import extract
    from signcore.layout import VIDEO_DIGEST, VIDEO_MIRRORED
    from tests.support import moving_clip

    root = tmp_path / "signs"
    (root / "wave").mkdir(parents=True)
    (root / "wave" / "clip.mp4").write_bytes(b"a video")
    monkeypatch.setattr(extract, "extract_video", lambda path, mirrored, cancel=None: moving_clip())
    for _tracked_then_cached in range(2):
        (clip,) = signfolder.load_sign_folder(root, cache_dir=tmp_path / "cache", mirrored_videos=True).clips
        assert clip.pose.meta[VIDEO_DIGEST] == hashlib.sha256(b"a video").hexdigest()
        assert clip.pose.meta[VIDEO_MIRRORED] is True


def test_an_empty_table_in_a_sign_folder_is_said_to_be_empty(tmp_path):
    """An empty .csv was said to be "neither a DGS landmark table … nor a table of clips in the SPOTER
    format", as if it held another table."""
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match=r"empty\.csv: the file is empty \(a table of a clip"):
        signfolder.table_kind(empty)
