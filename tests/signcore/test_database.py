"""The sign database (the store): schema, queries, soft delete with undo, purge and compaction, embeddings,
practice, errors."""

import contextlib
import hashlib
import os
import shutil
import sqlite3
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from signcore.database import (
    DISK_FAILED,
    DISK_FULL,
    MAX_KEPT_DESPITE_CHARS,
    MIGRATIONS,
    ClipOrigin,
    DamagedDatabaseError,
    DatabaseError,
    PassingDatabaseError,
    SignDatabase,
    opened_copy,
    set_aside,
)
from signcore.errors import InputError
from signcore.formats import LabeledClip
from signcore.ingest import export_sign_folder, import_clips
from signcore.layout import VIDEO_DIGEST, PoseSequence
from signcore.paths import assets_dir
from signcore.posecodec import encode_pose, pose_digest
from tests.db_writer_process import seeded_pose
from tests.support import assert_same_pose


def file_digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_configured_and_migrated(db):
    conn = sqlite3.connect(db.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.schema_version() == len(MIGRATIONS)
    assert db._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db._conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.integrity_check() == "ok"


def test_later_migrations_are_applied_in_order_and_keep_the_data(tmp_path, monkeypatch):
    import signcore.database

    path = tmp_path / "signs.db"
    with SignDatabase(path) as database:
        sign = database.add_sign("TREE", "DGS")
        clip = database.add_clip(sign, seeded_pose(1))
    later = (
        ("ALTER TABLE signs ADD COLUMN difficulty INTEGER NOT NULL DEFAULT 0",),
        ("UPDATE signs SET difficulty = difficulty + 2",),
    )
    monkeypatch.setattr(signcore.database, "MIGRATIONS", MIGRATIONS + later)
    with SignDatabase(path) as database:
        assert database.schema_version() == len(MIGRATIONS) + 2
        assert database._conn.execute("SELECT difficulty FROM signs").fetchall() == [(2,)]
        assert_same_pose(database.clip_pose(clip), seeded_pose(1))
    with SignDatabase(path) as database:  # already migrated: nothing runs twice
        assert database._conn.execute("SELECT difficulty FROM signs").fetchall() == [(2,)]


def _first_schema_database(path: Path) -> None:
    """A learner's database as the app's first schema made it (before clips kept despite a warning were
    marked), holding one sign with one clip, built the way that version's migration built it."""
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        for statement in MIGRATIONS[0]:
            conn.execute(statement)
        conn.execute("PRAGMA user_version = 1")
        conn.execute(
            "INSERT INTO signs (id, gloss, gloss_key, language, created_at) "
            "VALUES (1, 'TREE', 'tree', 'DGS', 0)"
        )
        conn.execute(
            "INSERT INTO clips (id, sign_id, landmarks, content_hash, frame_count, source, created_at) "
            "VALUES (1, 1, ?, ?, ?, 'tree.mp4', 0)",
            (encode_pose(seeded_pose(1)), pose_digest(seeded_pose(1)), len(seeded_pose(1))),
        )


def test_the_video_each_clip_was_tracked_from_is_looked_up_in_one_query_also_for_clips_stored_before(
    tmp_path,
):
    """The digest of a clip's video lived only in its landmarks: finding the clips of a video decoded every
    clip. The database keeps it beside them, filled in for the clips stored before it did."""
    path = tmp_path / "signs.db"
    _first_schema_database(path)
    tracked = seeded_pose(2)
    tracked.meta[VIDEO_DIGEST] = "ab" * 32
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        conn.execute(
            "INSERT INTO clips (id, sign_id, landmarks, content_hash, frame_count, source, created_at) "
            "VALUES (2, 1, ?, ?, ?, 'take.mp4 1.0-3.0 s', 0)",
            (encode_pose(tracked), pose_digest(tracked), len(tracked)),
        )
    with SignDatabase(path) as database:
        assert [clip.id for clip in database.clips_of_video("ab" * 32)] == [2]
        tracked.meta[VIDEO_DIGEST] = "cd" * 32
        added = database.add_clip(1, tracked)
        assert [clip.id for clip in database.clips_of_video("cd" * 32)] == [added]
        assert database.clips_of_video("ef" * 32) == []


def test_a_backups_note_comes_in_on_one_line_and_no_longer_than_a_warning(db, tmp_path):
    """A backup's row of why a clip was kept may come from anyone, as a sign folder's note may: one of many
    lines, copied as it was through the clip's origin, stretched the library page past the screen."""
    with SignDatabase(tmp_path / "backup.db") as backup:
        tree = backup.add_sign("TREE", "DGS")
        clip = backup.add_clip(tree, seeded_pose(1))
        with backup.transaction() as conn:
            conn.execute("UPDATE clips SET kept_despite = ? WHERE id = ?", ("Low.\r\n" + "x\n" * 1000, clip))
        copied = db.add_clip(db.add_sign("TREE", "DGS"), seeded_pose(1), backup.clip(clip).origin)
    kept = db.clip(copied).kept_despite
    assert kept is not None and kept.startswith("Low. x x")
    assert len(kept) <= MAX_KEPT_DESPITE_CHARS < 1000
    assert ClipOrigin(kept_despite=" \n ").kept_despite is None  # nothing to say: unmarked


def test_a_clips_warning_is_cleared_and_put_back_in_one_write(db):
    """Only deleting a clip took its mark away; a clip found fine is cleared (and Undo puts the words back,
    as any note comes in: on one line)."""
    tree = db.add_sign("TREE", "DGS")
    kept = db.add_clip(tree, seeded_pose(1), ClipOrigin("tree.mp4", kept_despite="Lower."))
    other = db.add_clip(tree, seeded_pose(2), ClipOrigin("tree2.mp4", kept_despite="Higher."))
    db.set_kept_despite(kept, None)
    assert [clip.kept_despite for clip in db.clips(tree)] == [None, "Higher."]  # that clip only
    db.set_kept_despite(kept, "Lower.\nStill.")
    assert db.clip(kept).kept_despite == "Lower. Still."
    db.delete_clip(other)
    with pytest.raises(DatabaseError, match=f"there is no clip {other}"):
        db.set_kept_despite(other, None)
    db.restore_clip(other)
    assert db.clip(other).kept_despite == "Higher."


def test_the_clips_of_an_unknown_video_are_listed_from_their_index_until_their_digest_is_learnt(db):
    """An import looks among the clips whose video's digest is not known (tracked before it was kept) for
    its video's (desktop_app.core.importing.imports): listed from an index of their own, never from the clips'
    rows (each read past its landmarks), and once learnt, found by the digest as any other clip."""
    sign = db.add_sign("TREE", "DGS")
    old = db.add_clip(sign, seeded_pose(1), ClipOrigin("/videos/tree.mp4"))
    digest = hashlib.sha256(b"a video").hexdigest()
    tracked = seeded_pose(2)
    tracked.meta[VIDEO_DIGEST] = digest
    known = db.add_clip(sign, tracked, ClipOrigin("/videos/copy.mp4"))
    listed = db.clips_of_unknown_video()
    assert [(clip_id, source) for clip_id, source, _created in listed] == [(old, "/videos/tree.mp4")]
    plan = db.query("EXPLAIN QUERY PLAN SELECT id, source, created_at FROM clips WHERE video_sha256 IS NULL")
    assert "COVERING INDEX clips_of_unknown_video" in plan[0][-1]
    db.set_video_digest(old, digest)
    db.set_video_digest(known, "another digest")  # one known is kept
    assert [clip.id for clip in db.clips_of_video(digest)] == [old, known]
    assert db.clips_of_unknown_video() == []


def test_clips_of_an_unknown_video_learn_its_digest_from_the_same_landmarks_tracked_again(db):
    """A clip tracked before digests were kept, from a video moved or written again since, learnt no digest
    from the file its source names: the same video tracked again (the same landmarks) gives it its own."""
    sign = db.add_sign("TREE", "DGS")
    old = db.add_clip(sign, seeded_pose(1), ClipOrigin("/gone/tree.mp4"))
    other = db.add_clip(sign, seeded_pose(2), ClipOrigin("/gone/other.mp4"))
    digest = hashlib.sha256(b"a video").hexdigest()
    tracked_again = seeded_pose(1)
    assert not db.learn_video_digest_by_landmarks(tracked_again)  # no digest kept: nothing to learn
    tracked_again.meta[VIDEO_DIGEST] = digest
    assert db.learn_video_digest_by_landmarks(tracked_again)
    assert [clip.id for clip in db.clips_of_video(digest)] == [old]
    assert [clip_id for clip_id, _source, _created in db.clips_of_unknown_video()] == [other]
    assert not db.learn_video_digest_by_landmarks(tracked_again)  # learnt already


def test_a_first_schema_database_migrates_in_place_its_clips_unmarked_and_new_clips_marked(tmp_path):
    path = tmp_path / "signs.db"
    _first_schema_database(path)
    with SignDatabase(path) as database:
        assert database.schema_version() == len(MIGRATIONS)
        (old,) = database.clips(1)
        assert (old.source, old.kept_despite) == ("tree.mp4", None)  # was kept before clips were marked
        assert_same_pose(database.clip_pose(old.id), seeded_pose(1))
        kept = database.add_clip(1, seeded_pose(2), ClipOrigin("mine", kept_despite="Your hand was lower."))
        assert database.clip(kept).kept_despite == "Your hand was lower."
        assert database.clip(kept).origin.kept_despite == "Your hand was lower."
    with SignDatabase(path) as database:  # opened again: migrated once, the mark kept
        assert [clip.kept_despite for clip in database.clips(1)] == [None, "Your hand was lower."]


def test_a_migration_that_fails_leaves_the_first_schema_database_as_it_was(tmp_path, monkeypatch):
    import signcore.database

    path = tmp_path / "signs.db"
    _first_schema_database(path)
    monkeypatch.setattr(signcore.database, "MIGRATIONS", (*MIGRATIONS, ("SELECT * FROM no_such_table",)))
    with pytest.raises(DatabaseError):
        SignDatabase(path)
    with contextlib.closing(sqlite3.connect(path)) as conn:  # every migration or none: the mark's too
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        columns = {row[1] for row in conn.execute("SELECT * FROM pragma_table_info('clips')")}
        assert "kept_despite" not in columns
        assert conn.execute("SELECT COUNT(*) FROM clips").fetchone()[0] == 1
    monkeypatch.undo()
    with SignDatabase(path) as database:  # the app of this version then opens it as it opens any
        assert database.clip(1).kept_despite is None


def test_database_from_a_newer_app_is_refused_untouched(tmp_path):
    path = tmp_path / "future.db"
    SignDatabase(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = file_digest(path)
    with pytest.raises(DatabaseError, match="newer version"):
        SignDatabase(path)
    assert file_digest(path) == before


def test_signs_search_filter_and_duplicates(db):
    anger = db.add_sign("ÄRGER", "DGS", tags=["feelings", " feelings ", ""])
    db.add_sign("Hello", "ASL", notes="wave", dominant_hand="left")
    db.add_sign("hello", "DGS")
    assert [s.gloss for s in db.signs("ärg")] == ["ÄRGER"]  # case-insensitive beyond ASCII
    assert [(s.gloss, s.language) for s in db.signs("ELL")] == [("Hello", "ASL"), ("hello", "DGS")]
    assert db.signs("el") == []  # two letters find a sign only where a word starts
    assert [s.gloss for s in db.signs(language="DGS")] == ["ÄRGER", "hello"]  # accents aside
    assert db.sign(anger).tags == ("feelings",)
    assert db.languages() == ["ASL", "DGS"]
    with pytest.raises(DatabaseError, match="already a sign “HELLO” in ASL"):
        db.add_sign("HELLO", "ASL")
    with pytest.raises(ValueError, match="^a sign needs a name$"):
        db.add_sign("  ", "ASL")
    with pytest.raises(ValueError, match="hand"):
        db.add_sign("X", "ASL", dominant_hand="both")


def test_signs_are_named_as_the_learner_is_shown_them_told_apart_from_others_of_their_name(db):
    hallo, bare, hallowelt = db.add_sign("hallo", "DGS"), db.add_sign("Hallo", ""), db.add_sign("hallowelt")
    assert db.sign_names() == {hallo: "hallo (DGS)", bare: "Hallo (no language)", hallowelt: "hallowelt"}
    assert [db.sign_name(db.sign(sign)) for sign in (hallo, bare, hallowelt)] == [
        "hallo (DGS)",
        "Hallo (no language)",
        "hallowelt",  # its name only holds the other's
    ]
    db.delete_sign(hallo)
    assert db.sign_name(db.sign(bare)) == "Hallo"  # alone with its name again


def test_a_search_ignores_case_accents_spaces_hyphens_and_underscores(db):
    """Typing "thank you" found nothing: the sign is "thank-you"."""
    db.add_sign("thank-you", "ASL")
    db.add_sign("ÄRGER", "DGS")
    db.add_sign("good_morning", "")
    assert [s.gloss for s in db.signs("thank you")] == ["thank-you"]
    assert [s.gloss for s in db.signs("Thank You")] == ["thank-you"]
    assert [s.gloss for s in db.signs("thankyou")] == ["thank-you"]
    assert [s.gloss for s in db.signs("arger")] == ["ÄRGER"]
    assert [s.gloss for s in db.signs("good morning")] == ["good_morning"]
    assert db.signs("thanks") == []


def test_a_letter_sign_is_found_by_its_letter_and_by_its_name(db):
    letter = db.add_sign("l", "ASL")
    hallo = db.add_sign("hallo", "DGS")
    assert db.sign_name(db.sign(letter)) == "letter L (ASL)"
    assert [s.id for s in db.signs("l")] == [letter]  # not "hallo": a word that starts with it
    assert [s.id for s in db.signs("L")] == [letter]
    assert [s.id for s in db.signs("hal")] == [hallo]
    assert [s.id for s in db.signs("letter L")] == [letter]  # as the lists name it
    assert [s.id for s in db.signs("letter l (asl)")] == [letter]


def test_a_search_finds_the_letter_signs_by_the_name_the_lists_show(db):
    """A walk-through: "letter" found nothing in Practice and the Library, beside 26 signs listed as
    "letter A (ASL)" … "letter Z (ASL)": only their stored glosses "a" … "z" were searched."""
    letters = [db.add_sign(gloss, "ASL") for gloss in "abz"]
    db.add_sign("hallo", "DGS")
    assert [s.id for s in db.signs("letter")] == letters
    assert [s.id for s in db.signs("Letter Z")] == [letters[2]]
    assert [s.id for s in db.signs("letter", language="DGS")] == []


def test_the_shipped_starter_database_is_at_the_current_schema():
    """Every fresh install copies it and opens the copy: one at an older schema was migrated there, once per
    install (a second on the first start), for nothing. Rebuild it (``python -m trainer build-db``) or
    migrate it with a migration added."""
    shipped = assets_dir() / "default_signs.db"
    with contextlib.closing(sqlite3.connect(f"{shipped.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one file, as shipped
        assert conn.execute("PRAGMA freelist_count").fetchone()[0] == 0  # compact: no free page in it


@pytest.fixture
def starter_signs(tmp_path):
    """A copy of the shipped starter database (never the shipped file itself, which is opened read-only)."""
    copy = tmp_path / "signs.db"
    shutil.copyfile(assets_dir() / "default_signs.db", copy)
    with SignDatabase(copy) as database:
        yield database


def names_found(database: SignDatabase, search: str) -> list[str]:
    found = database.signs(search)
    return list(database.sign_names(found).values())


def test_a_one_letter_search_lists_the_signs_that_start_with_it_the_letter_first(starter_signs):
    """A walk-through: "t" in the Library listed every letter sign, "letter" having a "t", and "letter T"
    somewhere among them; a learner looks for the letter T and the signs beginning with "t"."""
    assert names_found(starter_signs, "t") == [
        "letter T (ASL)",  # its name exactly
        "Tag (DGS)",  # names that start with it, in the order the lists name them
        "tea (ASL)",
        "thank-you (ASL)",
        "trinken (DGS)",
    ]
    assert names_found(starter_signs, "w") == ["letter W (ASL)", "water (ASL)", "welt (DGS)", "Wetter (DGS)"]


def test_a_search_lists_the_best_found_first(starter_signs):
    assert names_found(starter_signs, "you") == ["thank-you (ASL)"]  # a later word of its name
    assert names_found(starter_signs, "thank you") == ["thank-you (ASL)"]
    # the name exactly, then a name that starts with it, then one with it inside
    assert names_found(starter_signs, "land") == ["Land (DGS)", "deutschland (DGS)"]
    assert names_found(starter_signs, "letter")[:3] == ["letter A (ASL)", "letter B (ASL)", "letter C (ASL)"]
    assert names_found(starter_signs, "letter") == names_found(starter_signs, "LETT")
    assert names_found(starter_signs, "letter t") == ["letter T (ASL)"]
    assert names_found(starter_signs, "ett") == ["Wetter (DGS)"]  # not inside the word "letter"


def test_update_sign_renames_retags_and_refuses_clashes(db):
    sign = db.add_sign("HOUSE", "DGS", tags=["home"])
    db.add_sign("CAR", "DGS")
    db.update_sign(sign, gloss="HOME", tags=["places", "home"], notes="roof shape")
    updated = db.sign(sign)
    assert (updated.gloss, updated.tags, updated.notes, updated.dominant_hand) == (
        "HOME",
        ("places", "home"),
        "roof shape",
        "right",
    )
    db.update_sign(sign, gloss="home")  # changing only the case of its own gloss is fine
    with pytest.raises(DatabaseError, match="already a sign “car”"):
        db.update_sign(sign, gloss="car")


def test_a_sign_moves_to_another_language_unless_that_language_has_its_name(db):
    """A sign's language could only be given when it was created (and then only by the library's filter)."""
    winken = db.add_sign("winken", tags=["DGS"])
    db.add_sign("hallo", "DGS")
    db.update_sign(winken, language=" DGS ")
    assert (db.sign(winken).language, db.languages()) == ("DGS", ["DGS"])
    hallo = db.add_sign("HALLO")
    with pytest.raises(DatabaseError, match="already a sign “HALLO” in DGS"):
        db.update_sign(hallo, language="DGS")
    db.update_sign(hallo, gloss="hallo!", language="DGS")  # a name of its own there: fine
    db.update_sign(hallo, language="")  # back to no language
    assert [(s.gloss, s.language) for s in db.signs()] == [
        ("hallo", "DGS"),
        ("hallo!", ""),
        ("winken", "DGS"),
    ]


def test_clips_store_list_and_video(db):
    sign = db.add_sign("TREE", "DGS")
    pose = seeded_pose(7)
    clip = db.add_clip(
        sign, pose, ClipOrigin(source="tree.mp4", signer="A", licence="CC-BY", handedness="right")
    )
    assert_same_pose(db.clip_pose(clip), pose)
    (info,) = db.clips(sign)
    assert (info.frame_count, info.source, info.signer, info.licence, info.handedness, info.has_video) == (
        len(pose),
        "tree.mp4",
        "A",
        "CC-BY",
        "right",
        False,
    )
    assert db.clip(clip) == info
    db.set_clip_video(clip, b"\x00video bytes", ".webm")
    assert db.clips(sign)[0].has_video and db.clip(clip).has_video
    assert db.clip_video(clip) == (b"\x00video bytes", ".webm")
    assert db.sign(sign).clip_count == 1
    with pytest.raises(DatabaseError, match="no sign 999"):
        db.add_clip(999, pose)


def test_embedding_cache(db):
    sign_a, sign_b = db.add_sign("A", "DGS"), db.add_sign("B", "DGS")
    clips = [
        db.add_clip(sign_a, seeded_pose(1)),
        db.add_clip(sign_b, seeded_pose(2)),
        db.add_clip(sign_b, seeded_pose(3)),
    ]
    assert db.clips_missing_embedding("m1") == clips
    vectors = np.arange(12, dtype=np.float32).reshape(3, 4)
    db.store_embeddings("m1", clips[:2], vectors[:2])
    db.store_embeddings("m2", clips, vectors + 100)
    assert db.clips_missing_embedding("m1") == clips[2:]
    clip_ids, sign_ids, glosses, matrix = db.embeddings_for("m1")
    assert clip_ids.tolist() == clips[:2] and sign_ids.tolist() == [sign_a, sign_b] and glosses == ["A", "B"]
    np.testing.assert_array_equal(matrix, vectors[:2])
    assert db.sign(sign_ids[1]).gloss == "B" and len(db.clip_pose(clip_ids[0])) == len(seeded_pose(1))

    with db.transaction() as conn:  # new landmarks: the old embeddings no longer describe the clip
        conn.execute("UPDATE clips SET landmarks = ? WHERE id = ?", (encode_pose(seeded_pose(11)), clips[0]))
    assert db.clips_missing_embedding("m1") == [clips[0], clips[2]]
    assert db.clips_missing_embedding("m2") == [clips[0]]
    with pytest.raises(ValueError, match="one vector per clip"):
        db.store_embeddings("m1", clips, vectors[:2])


def test_damaged_cached_embeddings_are_forgotten_and_made_again(db):
    sign = db.add_sign("A", "DGS")
    clips = [db.add_clip(sign, seeded_pose(seed)) for seed in range(4)]
    db.store_embeddings("m1", clips, np.ones((4, 4), np.float32))
    with db.transaction() as conn:  # as a damaged database, or one written elsewhere, may hold them
        conn.execute(
            "UPDATE embeddings SET vector = ? WHERE clip_id = ?",
            (np.float32([1, np.nan, 0, 0]).tobytes(), clips[1]),
        )
        conn.execute(
            "UPDATE embeddings SET vector = ? WHERE clip_id = ?", (np.ones(3, np.float32).tobytes(), clips[2])
        )
        conn.execute("UPDATE embeddings SET vector = 'text' WHERE clip_id = ?", (clips[3],))
    clip_ids, _, _, matrix = db.embeddings_for("m1")  # was: NaN distances, or np.stack failing on sizes
    assert clip_ids.tolist() == clips[:1] and matrix.shape == (1, 4)
    assert db.clips_missing_embedding("m1") == clips[1:]  # to be embedded again


def test_soft_delete_hides_everywhere_and_undo_restores(db):
    sign = db.add_sign("CAT", "ASL")
    other = db.add_sign("DOG", "ASL")
    clip = db.add_clip(sign, seeded_pose(1))
    kept = db.add_clip(other, seeded_pose(2))
    db.store_embeddings("m", [clip, kept], np.ones((2, 3), np.float32))
    db.add_attempt(sign, 50.0)

    db.delete_sign(sign)
    assert [s.gloss for s in db.signs()] == ["DOG"]
    assert [c.id for c in db.clips()] == [kept]
    assert db.embeddings_for("m")[0].tolist() == [kept]
    assert db.attempts() == [] and [p.gloss for p in db.practice_summary()] == ["DOG"]
    assert db.languages() == ["ASL"]
    with pytest.raises(DatabaseError, match="no clip"):
        db.clip_pose(clip)
    with pytest.raises(DatabaseError, match="no clip"):
        db.clip(clip)
    with pytest.raises(DatabaseError, match="no sign"):
        db.sign(sign)
    db.restore_sign(sign)
    assert db.embeddings_for("m")[0].tolist() == [clip, kept] and len(db.attempts(sign)) == 1

    db.delete_clip(kept)
    assert db.clips_missing_embedding("x") == [clip] and db.sign(other).clip_count == 0
    db.restore_clip(kept)
    assert db.clips_missing_embedding("x") == [clip, kept]


def test_restore_refused_when_the_gloss_was_taken_meanwhile(db):
    sign = db.add_sign("CAT", "ASL")
    db.delete_sign(sign)
    db.add_sign("cat", "ASL")
    with pytest.raises(DatabaseError, match="already a sign “CAT”"):
        db.restore_sign(sign)


def test_deletions_are_listed_in_the_order_made_with_their_signs_names_until_restored_or_purged(db):
    cat, dog = db.add_sign("CAT", "ASL"), db.add_sign("Hund", "DGS")
    cat_clip = db.add_clip(cat, seeded_pose(1))
    before = time.time()
    db.delete_clip(cat_clip)
    db.delete_sign(dog)
    db.delete_sign(cat)
    listed = db.deletions(deleted_after=before - 1)
    assert [(d.kind, d.row_id, d.gloss, d.language, d.sign_id, d.sign_deleted) for d in listed] == [
        ("clip", cat_clip, "CAT", "ASL", cat, True),  # its sign deleted after it
        ("sign", dog, "Hund", "DGS", dog, True),
        ("sign", cat, "CAT", "ASL", cat, True),
    ]
    assert all(before <= d.deleted_at <= time.time() for d in listed)
    assert db.deletions(deleted_after=time.time() + 1) == []  # none after that moment
    db.restore_sign(dog)
    assert [d.row_id for d in db.deletions(deleted_after=before - 1)] == [cat_clip, cat]
    db.purge_deleted()
    assert db.deletions(deleted_after=before - 1) == []


def test_a_deleted_clip_is_numbered_as_the_library_numbered_it_when_it_was_deleted(db):
    """Recently deleted said "Clip of “CAT (ASL)”", not which clip."""
    cat = db.add_sign("CAT", "ASL")
    first, second, third = (db.add_clip(cat, seeded_pose(seed)) for seed in (1, 2, 3))
    db.delete_clip(third)  # "Clip 3"
    db.delete_clip(first)  # "Clip 1"
    db.delete_clip(second)  # "Clip 1" then, the first gone
    db.delete_sign(cat)
    numbers = [(d.row_id, d.clip_number) for d in db.deletions(0) if d.kind == "clip"]
    assert numbers == [(third, 3), (first, 1), (second, 1)]


def test_a_deleted_signs_clips_join_the_sign_of_its_name_made_since_but_those_it_has(db):
    """Such a sign was left out of the deletions with its clips, and purged unseen."""
    cat = db.add_sign("CAT", "ASL")
    own = db.add_clip(cat, seeded_pose(1))
    db.add_clip(cat, seeded_pose(2))  # the sign of its name made since has it too
    db.delete_sign(cat)
    new_cat = db.add_sign("cat", "ASL")
    its_own = db.add_clip(new_cat, seeded_pose(2))
    [listed] = db.deletions(0)
    assert (listed.kind, listed.row_id, listed.name_taken) == ("sign", cat, True)
    assert db.bring_into_the_sign_of_its_name(listed) == new_cat
    assert [clip.id for clip in db.clips(new_cat)] == [own, its_own]  # not the clip it had already
    assert db.deletions(0) == []  # what is left of it, the sign of its name has


def test_a_clip_is_restored_with_its_sign_deleted_after_it_in_one_step_or_not_at_all(db):
    """A clip of a sign deleted too, restored on its own, stayed out of sight in its deleted sign."""
    cat = db.add_sign("CAT", "ASL")
    first, second = db.add_clip(cat, seeded_pose(1)), db.add_clip(cat, seeded_pose(2))
    db.delete_clip(first)
    db.delete_sign(cat)
    db.restore_clip(first)
    assert db.clips() == [] and [d.kind for d in db.deletions(0)] == ["sign"]  # still in its deleted sign
    db.delete_clip(first)
    db.add_sign("cat", "ASL")
    with pytest.raises(DatabaseError, match="already a sign “CAT”"):
        db.restore_clip(first, with_its_sign=True)
    assert db.clips() == [] and db._conn.execute(
        "SELECT deleted_at IS NOT NULL FROM clips WHERE id = ?", (first,)
    ).fetchone() == (1,)  # neither came back
    db.delete_sign(db.signs()[0].id)
    db.restore_clip(first, with_its_sign=True)
    assert [c.id for c in db.clips()] == [first, second]  # with the clips deleted with the sign
    assert db.deletions(0) == []  # the other “cat”, deleted, has the name taken now
    db.delete_clip(second)
    db.restore_clip(second, with_its_sign=True)  # its sign was not deleted: the clip alone
    assert [c.id for c in db.clips()] == [first, second]
    with pytest.raises(DatabaseError, match="no clip"):
        db.restore_clip(second + 100)


def test_purge_removes_rows_and_cascades(db):
    sign = db.add_sign("CAT", "ASL")
    clip = db.add_clip(sign, seeded_pose(1))
    db.set_clip_video(clip, b"v")
    db.store_embeddings("m", [clip], np.ones((1, 3), np.float32))
    db.add_attempt(sign, 10.0)
    db.delete_sign(sign)
    assert db.purge_deleted(deleted_before=time.time() - 3600) == 0  # deleted just now: still undoable
    assert db.purge_deleted() == 1
    for table in ("signs", "clips", "clip_videos", "embeddings", "attempts"):
        assert db._conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0, table
    with pytest.raises(DatabaseError, match="no sign"):
        db.restore_sign(sign)
    db.store_embeddings("m", [clip], np.ones((1, 3), np.float32))  # a worker finishing late: ignored
    assert db._conn.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0] == 0


def test_purge_then_compact_removes_deleted_clips_videos_and_attempts_and_shrinks_the_file(db):
    kept_sign, gone_sign = db.add_sign("KEPT", "DGS"), db.add_sign("GONE", "DGS")
    kept = db.add_clip(kept_sign, seeded_pose(1))
    gone_clip = db.add_clip(kept_sign, seeded_pose(2))
    db.set_clip_video(gone_clip, os.urandom(400_000))  # random bytes: no page compresses them away
    gone_sign_clip = db.add_clip(gone_sign, seeded_pose(3))
    db.set_clip_video(gone_sign_clip, os.urandom(400_000))
    for seed in range(20):
        db.add_attempt(gone_sign, 50.0, pose=seeded_pose(seed))
    kept_attempt = db.add_attempt(kept_sign, 70.0, pose=seeded_pose(9))
    assert db.compact() == 0  # nothing removed yet: no rewrite
    db.delete_clip(gone_clip)
    db.delete_sign(gone_sign)
    assert db.purge_deleted() == 2

    def rows(sql: str) -> list:
        return db._conn.execute(sql).fetchall()

    assert rows("SELECT id FROM clips") == [(kept,)]
    assert rows("SELECT id FROM signs") == [(kept_sign,)]
    assert rows("SELECT clip_id FROM clip_videos") == []
    assert rows("SELECT id FROM attempts") == [(kept_attempt,)]

    def on_disk() -> int:  # the file and its write-ahead journal
        journal = db.path.with_name(db.path.name + "-wal")
        return db.path.stat().st_size + (journal.stat().st_size if journal.exists() else 0)

    before = on_disk()
    freed = db.compact()
    assert freed > 800_000 and on_disk() <= before - freed
    assert db.integrity_check() == "ok" and db.compact() == 0
    assert_same_pose(db.clip_pose(kept), seeded_pose(1))
    assert_same_pose(db.attempt_pose(kept_attempt), seeded_pose(9))


def test_attempts_and_practice_summary(db):
    weak, strong, new = db.add_sign("WEAK", "DGS"), db.add_sign("STRONG", "DGS"), db.add_sign("NEW", "DGS")
    for day, score in enumerate([90, 10, 20, 30, 40, 50]):
        db.add_attempt(weak, score, practised_at=1000.0 + day)
    attempt = db.add_attempt(
        strong, 95.5, pose=seeded_pose(3), details={"nearest": ["STRONG"]}, practised_at=5.0
    )
    history = db.attempts(weak)
    assert [a.score for a in history] == [90, 10, 20, 30, 40, 50]
    assert db.attempts(strong)[0].details == {"nearest": ["STRONG"]}
    assert_same_pose(db.attempt_pose(attempt), seeded_pose(3))
    assert db.attempt_pose(history[0].id) is None

    summary = {s.gloss: s for s in db.practice_summary()}
    assert summary["WEAK"].attempts == 6
    assert summary["WEAK"].last_score == 50 and summary["WEAK"].best_score == 90
    assert summary["WEAK"].recent_mean == pytest.approx(30.0)  # the last five: 10..50
    assert summary["WEAK"].last_practised == 1005.0
    assert (summary["NEW"].attempts, summary["NEW"].last_score, summary["NEW"].recent_mean) == (0, None, None)
    assert summary["STRONG"].recent_mean == 95.5
    with pytest.raises(ValueError, match="between 0 and 100"):
        db.add_attempt(new, 101)


def test_not_a_database_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("my precious notes\n" * 100)
    before = file_digest(path)
    with pytest.raises(DatabaseError, match="not a sign database") as error:
        SignDatabase(path)
    assert str(path) in str(error.value)
    assert file_digest(path) == before and not (tmp_path / "notes.db-wal").exists()


def test_corrupt_database_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "signs.db"
    with SignDatabase(path) as database:
        sign = database.add_sign("TREE", "DGS")
        for seed in range(20):
            database.add_clip(sign, seeded_pose(seed))
    data = bytearray(path.read_bytes())
    page_size = 4096
    data[2 * page_size : 4 * page_size] = os.urandom(2 * page_size)  # smash the tables' root pages
    path.write_bytes(bytes(data))
    before = file_digest(path)
    with pytest.raises(DamagedDatabaseError, match="damaged|not a sign database") as error:
        SignDatabase(path)
    assert str(path) in str(error.value)
    assert file_digest(path) == before


def test_a_damaged_database_set_aside_keeps_its_files_and_makes_room_for_a_new_one(tmp_path):
    path = tmp_path / "signs.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    Path(f"{path}-wal").write_bytes(b"journal")
    kept = set_aside(path)
    assert kept.parent == tmp_path and kept.name.startswith("signs.damaged-") and kept.suffix == ".db"
    assert kept.read_bytes().startswith(b"SQLite format 3") and Path(f"{kept}-wal").read_bytes() == b"journal"
    assert not path.exists() and not Path(f"{path}-wal").exists()
    path.write_bytes(b"damaged again, within the same second")
    assert set_aside(path) != kept and kept.exists()  # never over an earlier one
    with SignDatabase(path) as database:
        assert database.signs() == []


def test_damaged_landmarks_in_the_database_are_a_clear_error(db):
    clip = db.add_clip(db.add_sign("TREE", "DGS"), seeded_pose(1))
    with db._write() as conn:
        conn.execute("UPDATE clips SET landmarks = ? WHERE id = ?", (b"garbage", clip))
    with pytest.raises(DatabaseError, match=f"clip {clip}: damaged landmark data") as error:
        db.clip_pose(clip)
    assert str(db.path) in str(error.value)


def test_path_under_a_file_is_a_clear_error(tmp_path):
    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    with pytest.raises(DatabaseError, match="cannot create its folder") as error:
        SignDatabase(blocker / "signs.db")
    assert (
        str(error.value)
        == f"{blocker / 'signs.db'}: cannot create its folder (a file stands where it should be)"
    )


def test_read_only_folder_is_a_clear_error(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as root (or on a file system without permissions): chmod cannot stop writes")
        with pytest.raises(DatabaseError, match="cannot open or create|read-only") as error:
            SignDatabase(folder / "signs.db")
        assert str(folder) in str(error.value)
    finally:
        folder.chmod(0o755)


def test_location_read_only_even_for_root(db):
    procfs = Path("/proc")  # nobody, not even root, can create files there
    if not (procfs / "self").exists():
        pytest.skip("needs Linux /proc as a location where no file can be created")
    with pytest.raises(DatabaseError, match="cannot open or create") as error:
        SignDatabase(procfs / "signs.db")
    assert "/proc/signs.db" in str(error.value)
    db.add_clip(db.add_sign("TREE"), seeded_pose(1))
    with pytest.raises(InputError, match="cannot"):
        export_sign_folder(db, procfs / "export")
    with pytest.raises(InputError, match="cannot"):
        db.write_snapshot(procfs / "snapshot.db")


def test_full_disk_keeps_existing_data_and_recovers(db):
    sign = db.add_sign("TREE", "DGS")
    kept = db.add_clip(sign, seeded_pose(1))
    db.add_sign("HOUSE", "DGS")
    pages = db._conn.execute("PRAGMA page_count").fetchone()[0]
    db._conn.execute(f"PRAGMA max_page_count = {pages}")  # as if the disk were full now
    big = PoseSequence(
        np.random.default_rng(0).uniform(0, 1000, (600, 75, 3)), np.ones((600, 75), bool), np.arange(600) / 30
    )
    with pytest.raises(DatabaseError, match="disk is full") as error:
        db.add_clip(sign, big)
    assert str(db.path) in str(error.value)
    with pytest.raises(DatabaseError, match="disk is full"):
        import_clips(db, [LabeledClip("NEW", big, "big.pose")])
    assert [c.id for c in db.clips()] == [kept] and [s.gloss for s in db.signs()] == ["HOUSE", "TREE"]
    assert_same_pose(db.clip_pose(kept), seeded_pose(1))
    db._conn.execute("PRAGMA max_page_count = 1000000")  # space freed: the same connection works again
    db.add_clip(sign, big)
    assert db.integrity_check() == "ok"


@pytest.mark.parametrize("free", [0, 10**12])
def test_a_failed_disk_write_is_said_full_and_passing_when_the_disk_is_full(db, monkeypatch, free):
    """SQLite says "disk I/O error" when it cannot grow its journal: the disk is looked at, and a full one
    is the cause the app's unsaved attempts name (PassingDatabaseError.cause)."""
    monkeypatch.setattr(shutil, "disk_usage", lambda folder: SimpleNamespace(total=10**12, free=free))
    failed = sqlite3.OperationalError("disk I/O error")
    failed.sqlite_errorname = "SQLITE_IOERR_WRITE"
    with pytest.raises(PassingDatabaseError) as error, db._translated_errors():
        raise failed
    full = free == 0
    assert error.value.cause == (DISK_FULL if full else DISK_FAILED)
    assert str(error.value).startswith(f"{db.path}: the disk is full; nothing was changed") == full


@pytest.mark.parametrize("writable", [False, True])
def test_a_read_only_database_is_said_in_plain_words_without_sqlites(db, monkeypatch, writable):
    """The read-only database dialog ended "(attempt to write a readonly database)": SQLite's words
    go to the log only."""
    monkeypatch.setattr(os, "access", lambda path, mode: writable)
    refused = sqlite3.OperationalError("attempt to write a readonly database")
    refused.sqlite_errorname = "SQLITE_READONLY"
    with pytest.raises(DatabaseError) as error, db._translated_errors():
        raise refused
    assert str(error.value) == f"{db.path}: " + (
        "the database is in a read-only location; the change was not saved"
        if writable
        else "its folder cannot be written to (a read-only drive, or no permission); nothing was changed"
    )


def test_snapshot_is_one_compact_self_contained_file(db, tmp_path):
    sign = db.add_sign("HELLO", "DGS")
    clip = db.add_clip(sign, seeded_pose(4))
    db.add_clip(sign, seeded_pose(5))
    db.delete_clip(clip)
    db.purge_deleted()
    snapshot = tmp_path / "out" / "default_signs.db"
    snapshot.parent.mkdir()
    db.write_snapshot(snapshot)
    assert sorted(p.name for p in snapshot.parent.iterdir()) == ["default_signs.db"]
    assert sqlite3.connect(snapshot).execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    with SignDatabase(snapshot) as copy:
        assert [s.gloss for s in copy.signs()] == ["HELLO"]
        assert_same_pose(copy.clip_pose(copy.clips()[0].id), seeded_pose(5))


def test_open_default_copies_the_shipped_database_once(tmp_path):
    shipped = tmp_path / "assets" / "default_signs.db"
    with SignDatabase(tmp_path / "build.db") as source:
        source.add_sign("HELLO", "DGS")
        source.write_snapshot(shipped)
    shipped_digest = file_digest(shipped)

    with SignDatabase.open_default(shipped) as database:
        assert [s.gloss for s in database.signs()] == ["HELLO"]
        database.add_sign("MINE", "DGS")
    with SignDatabase.open_default(shipped) as database:  # never copied over the learner's own data
        assert [s.gloss for s in database.signs()] == ["HELLO", "MINE"]
    assert file_digest(shipped) == shipped_digest
    assert [p.name for p in database.path.parent.iterdir() if "part" in p.name] == []


def test_an_opened_copy_reads_the_database_leaves_the_file_alone_and_goes_afterwards(tmp_path):
    original = tmp_path / "default_signs.db"
    with SignDatabase(tmp_path / "build.db") as source:
        source.add_sign("HELLO", "DGS")
        source.write_snapshot(original)
    original_digest = file_digest(original)

    with opened_copy(original) as database:
        assert [s.gloss for s in database.signs()] == ["HELLO"]
        database.add_sign("MINE", "DGS")  # a tool may write to its copy (embeddings, attempts)
        folder = database.path.parent
        assert folder != tmp_path and database.path.name == original.name
    assert file_digest(original) == original_digest
    assert not folder.exists()


def test_open_default_without_a_shipped_database_starts_empty(tmp_path):
    with SignDatabase.open_default(tmp_path / "missing.db") as database:
        assert database.signs() == [] and database.path.name == "signs.db"


def test_shared_between_threads(db):
    sign = db.add_sign("TREE", "DGS")
    errors = []

    def add_clips():
        try:
            for seed in range(20):
                db.add_clip(sign, seeded_pose(seed, max_frames=5))
        except Exception as error:  # reported below: an exception in a thread would pass silently
            errors.append(error)

    worker = threading.Thread(target=add_clips)
    worker.start()
    while worker.is_alive():
        db.signs()
        db.clips(sign)
    worker.join()
    assert errors == [] and db.sign(sign).clip_count == 20


def test_first_run_copy_never_replaces_a_database_made_meanwhile(tmp_path):
    from signcore.database import _link_unless_present

    target, late_copy = tmp_path / "signs.db", tmp_path / "late.partial"
    target.write_bytes(b"made by the other app instance")
    late_copy.write_bytes(b"our copy")
    _link_unless_present(str(late_copy), target)
    assert target.read_bytes() == b"made by the other app instance"
