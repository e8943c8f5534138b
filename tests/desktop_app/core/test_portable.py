"""Export my data / Import my data: round trips lose nothing and double nothing; bad archives are refused."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zipfile
from pathlib import Path

import numpy as np
import pytest
from fsrs import Rating

from desktop_app.core.app import portable
from desktop_app.core.learning.store import REVIEW_COLUMNS, ExerciseKind, LearningStore
from desktop_app.core.shared.jobs import JobCancelled, JobControl
from desktop_app.core.shared.settings import PORTABLE_SETTINGS, Settings
from signcore.database import MIGRATIONS, ClipOrigin, SignDatabase, pose_digest
from signcore.errors import InputError
from signcore.layout import N_POINTS, PoseSequence

VIDEO = b"\x00\x00\x00\x18ftypmp42 a recording made in the app"
KEPT_DESPITE = "Location: at the start of the sign, your right hand was lower than in the other clips."


def pose(seed: int, frames: int = 6) -> PoseSequence:
    rng = np.random.default_rng(seed)
    mask = rng.random((frames, N_POINTS)) > 0.2
    return PoseSequence(
        rng.random((frames, N_POINTS, 3)) * 500, mask, np.arange(frames) / 30.0, 640, 480, {"seed": seed}
    )


def fill(database: SignDatabase, seed: int, glosses=(("hello", "DGS"), ("thanks", "ASL"))) -> None:
    """Signs with clips (one recorded, with its video), practice attempts and learning records."""
    store = LearningStore(database)
    for number, (gloss, language) in enumerate(glosses):
        sign = database.add_sign(gloss, language, notes=f"note {seed}", tags=["greeting"])
        database.add_clip(sign, pose(seed * 100 + number), ClipOrigin(source="dgs", licence="Apache-2.0"))
        recorded = database.add_clip(  # kept although the record window said it looked unlike the rest
            sign, pose(seed * 100 + 50 + number), ClipOrigin("recorded in the app", kept_despite=KEPT_DESPITE)
        )
        database.set_clip_video(recorded, VIDEO + bytes([seed, number]))
        for attempt in range(2):
            database.add_attempt(
                sign,
                40.0 + attempt + seed,
                pose(seed * 1000 + attempt),
                {"nearest": [gloss]},
                practised_at=1_700_000_000.0 + seed * 1000 + number * 10 + attempt,
            )
        store.introduce(sign, (ExerciseKind.RECOGNITION,))
        store.review(sign, ExerciseKind.RECOGNITION, Rating.Good, duration_ms=1200, correct=True)


def everything(database: SignDatabase) -> dict[str, list]:
    """All of a learner's data, comparable across databases (ids replaced by glosses)."""
    glosses = {sign.id: (sign.gloss, sign.language) for sign in database.signs()}
    clips = []
    for clip in database.clips():
        video = database.clip_video(clip.id)
        clips.append(
            (
                glosses[clip.sign_id],
                pose_digest(database.clip_pose(clip.id)),
                clip.source,
                clip.licence,
                clip.kept_despite,
                video,
            )
        )
    attempts = [
        (
            glosses[a.sign_id],
            a.practised_at,
            a.score,
            json.dumps(a.details),
            pose_digest(database.attempt_pose(a.id)),
        )
        for a in database.attempts()
    ]
    cards = database.query("SELECT sign_id, kind, card, due, introduced_at FROM learning_cards")
    reviews = database.query(f"SELECT {REVIEW_COLUMNS} FROM learning_reviews")
    return {
        "signs": sorted((s.gloss, s.language, s.notes, s.tags, s.dominant_hand) for s in database.signs()),
        "clips": sorted(clips, key=repr),
        "attempts": sorted(attempts),
        "cards": sorted((glosses[row[0]], *row[1:]) for row in cards),
        "reviews": sorted((glosses[row[0]], *row[1:]) for row in reviews),
    }


@pytest.fixture
def mine(tmp_path) -> SignDatabase:
    with SignDatabase(tmp_path / "mine.db") as database:
        fill(database, seed=1)
        yield database


@pytest.fixture
def archive(mine, tmp_path) -> Path:
    path = tmp_path / "export" / portable.default_archive_name()
    portable.export_data(mine, path)
    return path


def test_export_writes_one_archive_with_a_manifest(mine, archive):
    with zipfile.ZipFile(archive) as bundle:
        assert sorted(bundle.namelist()) == ["manifest.json", "settings.json", "signs.db"]
        manifest = json.loads(bundle.read("manifest.json"))
    assert manifest["app"] == "SignPractice" and manifest["format"] == portable.ARCHIVE_FORMAT
    assert manifest["schema_version"] == mine.schema_version() == len(MIGRATIONS)
    assert manifest["contents"] == {
        "signs": 2,
        "clips": 4,
        "recordings": 2,
        "attempts": 4,
        "learning_reviews": 2,
    }
    assert [path.name for path in archive.parent.iterdir()] == [archive.name]  # no temporary file left


def test_what_the_learner_deleted_is_not_in_the_archive(mine, tmp_path):
    """Deleted signs and clips are kept 30 days for Undo, but a learner who deleted a recording of
    themselves and then exports for a teacher must not hand it over: not as rows, not as bytes."""
    thanks = next(sign for sign in mine.signs() if sign.gloss == "thanks")
    hello = next(sign for sign in mine.signs() if sign.gloss == "hello")
    hellos_recording = next(c for c in mine.clips() if c.sign_id == hello.id and c.has_video)
    mine.delete_sign(thanks.id)
    mine.delete_clip(hellos_recording.id)
    archive = tmp_path / "for my teacher.zip"
    portable.export_data(mine, archive)
    with zipfile.ZipFile(archive) as bundle:
        database_bytes = bundle.read("signs.db")
        manifest = json.loads(bundle.read("manifest.json"))
    assert VIDEO not in database_bytes  # neither recording, nor a freed page holding one
    assert manifest["database_sha256"] == hashlib.sha256(database_bytes).hexdigest()  # hashed after
    exported = tmp_path / "exported.db"
    exported.write_bytes(database_bytes)
    with sqlite3.connect(exported) as conn:
        assert conn.execute("PRAGMA freelist_count").fetchone() == (0,)  # no page left with their bytes
        assert conn.execute("SELECT gloss FROM signs").fetchall() == [("hello",)]
        assert conn.execute("SELECT COUNT(*) FROM clips").fetchone() == (1,)
        assert conn.execute("SELECT COUNT(*) FROM clip_videos").fetchone() == (0,)
        for table in ("attempts", "learning_cards", "learning_reviews"):
            assert conn.execute(f"SELECT DISTINCT sign_id FROM {table}").fetchall() == [(hello.id,)]
    assert manifest["contents"]["signs"] == 1


def test_round_trip_into_an_empty_database_loses_nothing(mine, archive, tmp_path):
    with SignDatabase(tmp_path / "new computer.db") as new:
        report = portable.import_data(new, archive)
        assert everything(new) == everything(mine)
    assert (report.signs_added, report.clips_added, report.recordings_added) == (2, 4, 2)
    assert (report.attempts_added, report.reviews_added, report.cards_taken) == (4, 2, 2)
    assert "Added 2 signs" in report.summary()


@pytest.mark.parametrize(
    ("clips", "recordings", "said"),
    [
        (4, 0, "4 clips"),
        (4, 1, "4 clips (1 of them with its video recording)"),
        (4, 2, "4 clips (2 of them with their video recording)"),
        (1, 1, "1 clip (with its video recording)"),
        (3, 3, "3 clips (each with its video recording)"),
    ],
)
def test_the_summary_says_which_clips_came_with_their_video_in_words(clips, recordings, said):
    """A walk-through: "Added 1 sign, 4 clips (0 with video)…", unexplained."""
    report = portable.DataImportReport(
        signs_added=1, clips_added=clips, recordings_added=recordings, attempts_added=2
    )
    assert report.summary() == f"Added 1 sign, {said}, 2 practice attempts and 0 reviews."


@pytest.mark.slow
def test_importing_twice_doubles_nothing(mine, archive, tmp_path):
    with SignDatabase(tmp_path / "new.db") as new:
        portable.import_data(new, archive)
        again = portable.import_data(new, archive)
        assert everything(new) == everything(mine)
    assert (again.signs_added, again.clips_added, again.attempts_added, again.reviews_added) == (0, 0, 0, 0)
    assert (again.clips_already_there, again.attempts_already_there, again.reviews_already_there) == (4, 4, 2)
    assert "Already here, not added again: 4 clips, 4 practice attempts and 2 reviews." in again.summary()


def test_a_sign_renamed_in_the_archive_renames_the_sign_here_with_its_clips(mine, tmp_path):
    # A starter sign renamed and tagged, exported, imported into a new profile (which has the starter signs
    # again): one sign with the learner's name and tags, not the starter sign beside a copy of it.
    with SignDatabase(tmp_path / "new profile.db") as fresh:
        fill(fresh, seed=1)  # the same clips under the old names
        hello = next(sign.id for sign in mine.signs() if sign.gloss == "hello")
        mine.update_sign(hello, gloss="hello (greeting)", tags=["greeting", "favourite"])
        path = tmp_path / "export" / portable.default_archive_name()
        portable.export_data(mine, path)
        clips_before = len(fresh.clips())
        report = portable.import_data(fresh, path)
        signs = {(sign.gloss, sign.language): sign for sign in fresh.signs()}
        assert set(signs) == {("hello (greeting)", "DGS"), ("thanks", "ASL")}
        assert signs["hello (greeting)", "DGS"].tags == ("greeting", "favourite")
        assert (report.signs_added, report.signs_renamed, report.clips_added) == (0, 1, 0)
        assert len(fresh.clips()) == clips_before
        assert "1 sign here took the name you gave it there" in report.summary()


@pytest.mark.slow
def test_merging_into_a_database_with_its_own_data_keeps_both(mine, archive, tmp_path):
    with SignDatabase(tmp_path / "other.db") as other:
        fill(other, seed=2, glosses=(("Hello", "DGS"), ("coffee", "ASL")))  # "Hello" is the same sign
        before = everything(other)
        portable.import_data(other, archive)
        after = everything(other)
        theirs = everything(mine)
    assert {(gloss, language) for gloss, language, *_ in after["signs"]} == {
        ("coffee", "ASL"),
        ("Hello", "DGS"),
        ("thanks", "ASL"),
    }
    assert len(after["clips"]) == len(before["clips"]) + len(theirs["clips"])  # different landmarks
    assert len(after["attempts"]) == len(before["attempts"]) + len(theirs["attempts"])
    assert len(after["reviews"]) == len(before["reviews"]) + len(theirs["reviews"])
    assert len(after["cards"]) == 3  # one card per sign and kind, the most recently reviewed one


def test_a_cancelled_import_is_completed_by_importing_again(mine, archive, tmp_path):
    def cancel_after_the_first_clip(done: int, total: int, message: str) -> None:
        if message.startswith("Adding clips"):
            control.cancel()

    control = JobControl(cancel_after_the_first_clip)
    with SignDatabase(tmp_path / "new.db") as new:
        with pytest.raises(JobCancelled):
            portable.import_data(new, archive, control)
        assert len(new.clips()) == 1
        portable.import_data(new, archive)
        assert everything(new) == everything(mine)


# A left-handed learner's settings on their computer: their own choices, and this computer's camera and files
THEIR_SETTINGS = Settings(
    left_handed=True,
    signing_hand_asked=True,
    mirror_display=False,
    playback_speed=0.75,
    camera_index=2,
    camera_turns={"camera 2": 1},
    video_path="/home/them/signing.mp4",
    database_path="/media/stick/signs.db",
    model_path="/home/them/my-model.onnx",
)


def test_the_learners_own_settings_travel_and_this_computers_stay_behind(mine, tmp_path):
    """Left-handed mode and mirror view were left out: a moved profile showed every sign right-handed."""
    path = tmp_path / "export" / portable.default_archive_name()
    portable.export_data(mine, path, settings=THEIR_SETTINGS)
    with zipfile.ZipFile(path) as bundle:
        carried = json.loads(bundle.read("settings.json"))
    assert set(carried) == set(PORTABLE_SETTINGS)  # no camera, turn, video, database or model
    here = Settings(camera_index=0, database_path=None)
    with SignDatabase(tmp_path / "new computer.db") as new:
        report = portable.import_data(new, path, settings=here)
    assert report.settings_changed == {
        "left_handed": True,
        "signing_hand_asked": True,
        "mirror_display": False,
        "playback_speed": 0.75,
    }
    assert report.summary().endswith(
        " Your settings came with it: left-handed, mirror view off and reference speed 0.75× "
        "(Settings changes them)."
    )
    with SignDatabase(tmp_path / "same again.db") as same:  # nothing to say where nothing changes
        again = portable.import_data(same, path, settings=THEIR_SETTINGS)
    assert again.settings_changed == {} and "settings" not in again.summary()


def test_an_archive_made_before_settings_were_carried_imports_and_changes_no_setting(archive, tmp_path):
    older = rewrite(archive, tmp_path / "older.zip")  # its manifest and database only
    with SignDatabase(tmp_path / "target.db") as target:
        report = portable.import_data(target, older, settings=Settings())
        assert report.clips_added == 4 and report.settings_changed == {}


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"{not json", "its settings are not readable"),
        (json.dumps(["left_handed"]), "its settings cannot be used .*not a JSON object"),
        (json.dumps({"left_handed": "yes"}), r"its settings cannot be used .*'left_handed'"),
        (json.dumps({"new_signs_per_day": 1.5}), "its settings cannot be used"),
        # more digits than Python turns into an int: a ValueError that json.loads does not call a JSON error
        (b'{"new_signs_per_day": ' + b"9" * 5000 + b"}", "its settings are not readable"),
        (b" " * (portable.MAX_SETTINGS_BYTES + 1), "not a readable zip archive"),
    ],
)
def test_settings_that_cannot_be_used_refuse_the_archive_before_anything_is_merged(
    archive, tmp_path, content, reason
):
    bad = rewrite(archive, tmp_path / "bad.zip", extra=[("settings.json", content)])
    with SignDatabase(tmp_path / "target.db") as target:
        with pytest.raises(InputError, match=reason) as caught:
            portable.import_data(target, bad, settings=Settings())
        assert str(caught.value).startswith(f"{bad}: cannot import this archive")
        assert target.signs() == []


def test_only_the_portable_settings_are_taken_from_an_archive(archive, tmp_path):
    carried = {"left_handed": True, "database_path": "/elsewhere/signs.db", "model_path": "/evil.onnx"}
    altered = rewrite(archive, tmp_path / "altered.zip", extra=[("settings.json", json.dumps(carried))])
    with SignDatabase(tmp_path / "target.db") as target:
        report = portable.import_data(target, altered, settings=Settings(signing_hand_asked=True))
    assert report.settings_changed == {"left_handed": True}  # a question answered here stays answered


def test_a_playback_speed_too_large_for_a_float_is_taken_as_the_fastest(archive, tmp_path):
    """It went up as an OverflowError while the archive's settings were checked."""
    altered = rewrite(
        archive, tmp_path / "altered.zip", extra=[("settings.json", '{"playback_speed": 1' + "0" * 400 + "}")]
    )
    with SignDatabase(tmp_path / "target.db") as target:
        report = portable.import_data(target, altered, settings=Settings())
    assert report.settings_changed == {"playback_speed": 1.0}


def rewrite(archive: Path, target: Path, manifest_changes=None, database: bytes | None = None, extra=()):
    """A copy of ``archive`` with its manifest changed, its database replaced or entries added."""
    with zipfile.ZipFile(archive) as bundle:
        manifest = json.loads(bundle.read("manifest.json"))
        data = bundle.read("signs.db") if database is None else database
    manifest.update(manifest_changes or {})
    with zipfile.ZipFile(target, "w") as bundle:
        bundle.writestr("manifest.json", json.dumps(manifest))
        bundle.writestr("signs.db", data)
        for name, content in extra:
            bundle.writestr(name, content)
    return target


def database_of_version(archive: Path, tmp_path: Path, version: int) -> bytes:
    copy = tmp_path / "newer.db"
    with zipfile.ZipFile(archive) as bundle:
        copy.write_bytes(bundle.read("signs.db"))
    with sqlite3.connect(copy) as conn:
        conn.execute(f"PRAGMA user_version = {version}")
    return copy.read_bytes()


def test_an_archive_made_before_clips_were_marked_imports_its_clips_unmarked(archive, tmp_path):
    copy = tmp_path / "first schema.db"
    with zipfile.ZipFile(archive) as bundle:
        copy.write_bytes(bundle.read("signs.db"))
    with sqlite3.connect(copy) as conn:  # as the app's first schema wrote it: no mark on clips
        conn.execute("DROP INDEX clips_of_unknown_video")
        conn.execute("DROP INDEX clips_by_video")  # nor the digest of their videos beside them
        conn.execute("ALTER TABLE clips DROP COLUMN video_sha256")
        conn.execute("ALTER TABLE clips DROP COLUMN kept_despite")
        conn.execute("PRAGMA user_version = 1")
    conn.close()
    data = copy.read_bytes()
    changes = {"schema_version": 1, "database_sha256": hashlib.sha256(data).hexdigest()}
    older = rewrite(archive, tmp_path / "older.zip", changes, data)
    with SignDatabase(tmp_path / "target.db") as target:
        report = portable.import_data(target, older)
        assert (report.clips_added, report.recordings_added) == (4, 2)
        assert [clip.kept_despite for clip in target.clips()] == [None] * 4


def test_an_archive_from_a_newer_version_is_refused_with_the_reason(archive, tmp_path):
    newer_version = len(MIGRATIONS) + 1
    data = database_of_version(archive, tmp_path, newer_version)
    newer = rewrite(
        archive,
        tmp_path / "newer.zip",
        {
            "schema_version": newer_version,
            "app_version": "9.0",
            "database_sha256": hashlib.sha256(data).hexdigest(),
        },
        data,
    )
    with SignDatabase(tmp_path / "target.db") as target:
        with pytest.raises(InputError, match=r"newer version of SignPractice \(9.0\).*update SignPractice"):
            portable.import_data(target, newer)
        assert target.signs() == [] and target.attempts() == []
    newer_format = rewrite(archive, tmp_path / "format.zip", {"format": portable.ARCHIVE_FORMAT + 1})
    with SignDatabase(tmp_path / "target.db") as target, pytest.raises(InputError, match="newer version"):
        portable.import_data(target, newer_format)


def test_an_entry_that_climbs_out_of_the_folder_is_refused(archive, tmp_path):
    bad = rewrite(archive, tmp_path / "bad.zip", extra=[("../../escaped.txt", "gotcha")])
    with SignDatabase(tmp_path / "target.db") as target:
        with pytest.raises(InputError, match="points outside its folder"):
            portable.import_data(target, bad)
        assert target.signs() == []
    assert not list(tmp_path.parent.rglob("escaped.txt"))
    absolute = rewrite(archive, tmp_path / "absolute.zip", extra=[("/etc/escaped", "x")])
    with SignDatabase(tmp_path / "target.db") as target, pytest.raises(InputError, match="outside"):
        portable.import_data(target, absolute)


def with_entry_bits(archive: Path, target: Path, flag: int = 0, method: int | None = None) -> Path:
    """A copy of ``archive`` whose entries claim the general-purpose ``flag`` bits and compression
    ``method`` in their local and central headers (as another zip tool would write them)."""
    data = bytearray(archive.read_bytes())
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.find(signature)
        while start != -1:
            data[start + flag_at] |= flag
            if method is not None:
                data[start + flag_at + 2 : start + flag_at + 4] = method.to_bytes(2, "little")
            start = data.find(signature, start + 4)
    target.write_bytes(bytes(data))
    return target


def test_archives_zipfile_cannot_unpack_and_blank_names_are_refused_by_name(archive, tmp_path):
    encrypted = with_entry_bits(archive, tmp_path / "encrypted.zip", flag=0x1)
    deflate64 = with_entry_bits(archive, tmp_path / "deflate64.zip", method=9)
    copy = tmp_path / "blank.db"
    with zipfile.ZipFile(archive) as bundle:
        copy.write_bytes(bundle.read("signs.db"))
    with sqlite3.connect(copy) as conn:  # the table's check lets a name of spaces through
        # an ideographic space: listed after "hello", which must not be added before the refusal
        conn.execute("UPDATE signs SET gloss = '\u3000' WHERE gloss = 'thanks'")
    conn.close()
    blank = rewrite(
        archive,
        tmp_path / "blank.zip",
        {"database_sha256": hashlib.sha256(copy.read_bytes()).hexdigest()},
        copy.read_bytes(),
    )
    with SignDatabase(tmp_path / "target.db") as target:
        # was: zipfile's RuntimeError / NotImplementedError and add_sign's ValueError, none naming the file
        for bad, reason in (
            (encrypted, "protected by a password"),
            (deflate64, "packed in a way this app cannot unpack"),
            (blank, "damaged .*a sign has no name"),
        ):
            with pytest.raises(InputError, match=reason) as caught:
                portable.import_data(target, bad)
            assert str(caught.value).startswith(f"{bad}: cannot import this archive")
        assert target.signs() == []


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda archive, tmp: tmp.joinpath("text.zip").write_text("not a zip") and tmp / "text.zip", "zip"),
        (
            lambda archive, tmp: rewrite(archive, tmp / "altered.zip", database=b"SQLite format 3\x00" * 64),
            "match",
        ),
        (
            lambda archive, tmp: rewrite(
                archive,
                tmp / "garbage.zip",
                {"database_sha256": hashlib.sha256(b"garbage" * 100).hexdigest()},
                b"garbage" * 100,
            ),
            "not a sign database",
        ),
        (
            lambda archive, tmp: rewrite(archive, tmp / "foreign.zip", {"app": "SomethingElse"}),
            "not an export",
        ),
    ],
)
@pytest.mark.slow
def test_archives_that_are_not_ours_or_damaged_are_refused(archive, tmp_path, make, reason):
    bad = make(archive, tmp_path)
    with SignDatabase(tmp_path / "target.db") as target:
        with pytest.raises(InputError, match=reason):
            portable.import_data(target, bad)
        assert target.signs() == []


def test_what_was_already_here_is_said_as_what_it_was():
    """A walk-through: "497 items were already here, not added again", right after counting signs, clips,
    attempts and reviews one by one: which were they?"""
    report = portable.DataImportReport(
        clips_already_there=40, attempts_already_there=1, reviews_already_there=456
    )
    assert report.summary().endswith(
        " Already here, not added again: 40 clips, 1 practice attempt and 456 reviews."
    )
    only_clips = portable.DataImportReport(clips_added=1, clips_already_there=3)
    assert only_clips.summary().endswith(" Already here, not added again: 3 clips.")
    assert "already" not in portable.DataImportReport(signs_added=1).summary().lower()
