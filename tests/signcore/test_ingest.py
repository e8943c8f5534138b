"""Filling the sign database from files and exporting it: clip by clip, progress, cancel, failures named."""

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from signcore import extract
from signcore.database import ClipOrigin, SignDatabase
from signcore.errors import InputError
from signcore.formats import LabeledClip, read_spoter_csv
from signcore.formats.posefile import read_pose, write_pose
from signcore.ingest import (
    Tagged,
    export_sign_folder,
    import_clips,
    import_each,
    import_sign_folder,
    import_spoter_csv,
    read_video,
    safe_folder_name,
    sign_joined,
)
from signcore.layout import PoseSequence
from signcore.signfolder import MAX_KEPT_DESPITE_CHARS, MAX_SIGN_DETAIL_CHARS, MAX_SIGN_TAGS
from tests.db_writer_process import seeded_pose
from tests.support import BAD_INPUTS, TEST_DATA, assert_same_pose


def test_import_commits_clip_by_clip_skips_duplicates_and_reports_failures(db):
    clips = [LabeledClip("TREE", seeded_pose(i), f"/data/tree_{i}.pose", "A", "DGS") for i in range(3)]
    clips.append(LabeledClip("tree", seeded_pose(0), "/data/again.pose"))  # same landmarks, same sign
    clips.append(LabeledClip("HOUSE", PoseSequence.empty(0), "/data/empty.pose"))
    clips.append(LabeledClip("HOUSE", seeded_pose(9), "/data/house.pose", language="ASL"))
    calls = []
    report = import_clips(db, clips, language="DGS", licence="CC0", progress=lambda *a: calls.append(a))
    assert (report.added, report.skipped, report.cancelled) == (4, 1, False)
    assert report.failures == ["/data/empty.pose: no frames"]
    assert report.summary() == "Added 4 clips; 1 was already there; 1 file could not be used."
    assert calls[-1] == (6, 6, "house.pose") and len(calls) == 6
    assert [(s.gloss, s.language, s.clip_count) for s in db.signs()] == [
        ("HOUSE", "ASL", 1),
        ("TREE", "DGS", 3),
    ]
    assert {c.licence for c in db.clips()} == {"CC0"}
    assert_same_pose(db.clip_pose(db.clips()[1].id), seeded_pose(1))


def test_a_new_sign_leads_with_the_hand_its_first_clip_signs_with(db):
    from signcore.formats import load_traduttore

    clips = load_traduttore(TEST_DATA / "traduttore" / "traduttore_sample.npz")
    right = next(c.pose for c in clips if c.gloss == "hello")  # signed with the right hand
    import_clips(db, [LabeledClip("a", right, "right.pose"), LabeledClip("b", right.mirrored(), "left.pose")])
    # was: every imported sign "dominant hand: right", a left-handed signer's too
    assert {s.gloss: s.dominant_hand for s in db.signs()} == {"a": "right", "b": "left"}
    import_clips(db, [LabeledClip("a", right.mirrored(), "left.pose")])  # an existing sign keeps its hand
    assert db.signs()[0].dominant_hand == "right"
    # each clip is named by the hand it is signed with, as the sign is
    assert [clip.handedness for clip in db.clips()] == ["right", "left", "left"]


def test_an_imported_clip_of_two_hands_raised_alike_is_not_named_by_a_guess(db):
    """coffee (ASL): which hand leads is a guess there ("right" for the clip and its mirror image alike), so
    it is stored as unknown and the clip is shown with its sign's hand; named, one sign's clips were shown
    signed with either hand."""
    from signcore.formats import load_traduttore

    coffee = next(c.pose for c in load_traduttore(TEST_DATA / "traduttore" / "traduttore_sample.npz")
                  if c.gloss == "coffee")  # fmt: skip
    import_clips(
        db, [LabeledClip("coffee", coffee, "a.pose"), LabeledClip("coffee", coffee.mirrored(), "b.pose")]
    )
    assert [clip.handedness for clip in db.clips()] == [None, None]


def test_a_clip_without_hands_or_of_one_frame_is_no_reference(db):
    from signcore.layout import LEFT_HAND

    signing = seeded_pose(3)
    hands_out = PoseSequence(signing.points, signing.mask.copy(), signing.timestamps, 540, 720)
    hands_out.mask[:, LEFT_HAND.start :] = False  # the signer in view, the hands out of the picture
    photo = PoseSequence(signing.points[:1], signing.mask[:1], signing.timestamps[:1], 540, 720)
    assert photo.mask[0, LEFT_HAND.start :].any()
    clips = [LabeledClip("a", hands_out, "hands_out.mp4"), LabeledClip("a", photo, "photo.pose")]
    report = import_clips(db, clips)
    assert report.added == 0 and db.signs() == []  # was: both stored, and scored against (about 36)
    assert report.failures == [
        "hands_out.mp4: no hands were found in any frame: the sign must be made with the hands in view",
        "photo.pose: one frame only: a sign needs the whole movement, so import a video of all of it",
    ]


def test_import_cancel_and_interrupt_keep_what_was_committed(db):
    clips = [LabeledClip("TREE", seeded_pose(i), f"tree_{i}.pose") for i in range(6)]
    done = []
    report = import_clips(db, clips, progress=lambda d, t, m: done.append(d), cancel=lambda: len(done) == 2)
    assert report.cancelled and report.added == 2 and len(db.clips()) == 2
    assert report.summary() == "Cancelled after adding 2 clips."

    class Stop(Exception):
        pass

    def stop_after_four(done, total, message):
        if done == 4:
            raise Stop  # what the app's worker does when Cancel is pressed during a progress report

    with pytest.raises(Stop):
        import_clips(db, clips, progress=stop_after_four)
    assert len(db.clips()) == 4  # two skipped as already there, two more added before the stop


def test_importing_files_reports_those_the_loader_refuses_and_goes_on(db):
    real = TEST_DATA / "pose" / "mediapipe.pose"
    face_only = BAD_INPUTS / "pose" / "face_only.pose"

    def load(path):
        return LabeledClip("HELLO", read_pose(path), str(path))

    report = import_each(db, [face_only, real], load, "ASL", "", None, None)
    assert (report.added, report.skipped, len(report.failures)) == (1, 0, 1)
    assert "face_only.pose" in report.failures[0] and "unsupported" in report.failures[0]
    (clip,) = db.clips()
    assert clip.source == str(real) and db.sign(clip.sign_id).gloss == "HELLO"
    assert_same_pose(db.clip_pose(clip.id), read_pose(real))


def make_sign_folder(root):
    (root / "TREE").mkdir(parents=True)
    (root / "HOUSE").mkdir()
    write_pose(seeded_pose(1), root / "TREE" / "one.pose")
    write_pose(seeded_pose(2), root / "TREE" / "two.pose")
    write_pose(read_pose(TEST_DATA / "pose" / "mediapipe.pose"), root / "HOUSE" / "real.pose")
    (root / "HOUSE" / "broken.pose").write_bytes(b"\x00\x01 not a pose file")
    (root / "notes.txt").write_text("not a clip")


def test_an_import_reads_the_sign_of_a_name_back_once_not_once_a_clip(db, monkeypatch):
    """Every clip added read its sign back (its clip, then its sign) to name it in the report."""
    db.add_clip(db.add_sign("Tree", "DGS"), seeded_pose(0))  # the import's first clip is already there
    clips = [LabeledClip("tree", seeded_pose(i), f"/data/tree_{i}.pose") for i in range(20)]
    clips += [LabeledClip("TREE", seeded_pose(i), f"/data/TREE_{i}.pose") for i in range(20, 25)]  # same sign
    clips += [
        LabeledClip("house", seeded_pose(i), f"/data/house_{i}.pose", language="ASL") for i in range(30, 40)
    ]
    read_back = []
    sign = db.sign
    monkeypatch.setattr(db, "sign", lambda sign_id: read_back.append(sign_id) or sign(sign_id))
    report = import_clips(db, clips)
    assert (report.added, report.skipped, report.failures) == (34, 1, [])
    assert report.signs == [("Tree", "DGS"), ("house", "ASL")]  # as the database names them, each once
    # "tree", "TREE" and "house" (was 34), and the skipped clip's, to say where it is
    assert len(read_back) == 4 and report.already_in == ["Tree (DGS)"]


def test_sign_folder_import_and_export_round_trip(db, tmp_path):
    make_sign_folder(tmp_path / "signs")
    calls = []
    report = import_sign_folder(db, tmp_path / "signs", language="DGS", progress=lambda *a: calls.append(a))
    assert (report.added, report.skipped, report.cancelled) == (3, 0, False)
    assert len(report.failures) == 2 and any("broken.pose" in f for f in report.failures)
    # One bar: reading the files fills its first 80 %, storing their clips the rest
    assert calls[0] == (200, 1000, "reading file 1 of 4") and calls[-1][:2] == (1000, 1000)
    assert [(s.gloss, s.clip_count) for s in db.signs(language="DGS")] == [("HOUSE", 1), ("TREE", 2)]

    tree = db.signs("tree")[0]
    assert export_sign_folder(db, tmp_path / "tree_only", [tree.id]).clips == 2
    # Named as the Library lists them (Clip 1, Clip 2), not by the database's ids (2 and 3 here)
    assert sorted(p.name for p in (tmp_path / "tree_only").rglob("*.pose")) == ["clip_1.pose", "clip_2.pose"]
    assert [c.id for c in db.clips(tree.id)] != [1, 2]
    assert export_sign_folder(db, tmp_path / "out").clips == 3
    with SignDatabase(tmp_path / "copy.db") as copy:
        again = import_sign_folder(copy, tmp_path / "out", language="DGS")
        assert (again.added, again.failures) == (3, [])
        for clip in copy.clips():  # named clip_<its number in its sign>.pose by the export
            number = int(Path(clip.source).stem.removeprefix("clip_"))
            gloss = copy.sign(clip.sign_id).gloss
            original = db.clips(db.signs(gloss)[0].id)[number - 1].id
            assert copy.clip_pose(clip.id).equals(db.clip_pose(original), atol=1e-3)  # z: float32 / width


def test_signs_whose_names_share_a_folder_are_each_exported_into_their_own_and_imported_back(db, tmp_path):
    """ "hallo" in DGS and in ASL, "a/b" beside "a_b", "Tree" beside "tree" (one folder on Windows and
    macOS): the second sign's clip_1.pose overwrote the first's, and the export counted both."""
    signs = [
        ("hallo", "DGS"),
        ("hallo", "ASL"),
        ("a/b", "DGS"),
        ("a_b", "DGS"),
        ("Tree", "DGS"),
        ("tree", "ASL"),
    ]
    for number, (gloss, language) in enumerate(signs, start=1):
        db.add_clip(db.add_sign(gloss, language), seeded_pose(number))
    assert export_sign_folder(db, tmp_path / "out").clips == len(signs)
    folders = [path.parent.name for path in (tmp_path / "out").rglob("*.pose")]
    assert len(folders) == len(signs) and len({name.casefold() for name in folders}) == len(signs)
    assert {"hallo (DGS)", "hallo (ASL)"} <= set(folders)
    with SignDatabase(tmp_path / "copy.db") as copy:
        again = import_sign_folder(copy, tmp_path / "out")
        assert (again.added, again.failures) == (len(signs), [])
        assert sorted((sign.gloss, sign.language) for sign in copy.signs()) == sorted(signs)


def test_an_exported_sign_keeps_why_a_clip_was_kept_despite_a_warning(db, tmp_path):
    """A clip kept despite the app's warning says why in the library; exported as a sign folder (a .pose
    file holds landmarks only) and imported again, it looked like any other clip."""
    why = "Location: in the middle of the sign, your right hand was lower than in the reference."
    tree = db.add_sign("TREE", "DGS")
    plain = db.add_clip(tree, seeded_pose(1))
    kept = db.add_clip(tree, seeded_pose(2), ClipOrigin("recorded in the app", kept_despite=why))
    assert export_sign_folder(db, tmp_path / "out", [tree]).clips == 2
    assert (plain, kept) == (1, 2)  # the clips' ids, which are their numbers in the sign here
    assert sorted(path.name for path in (tmp_path / "out" / "TREE").iterdir()) == [
        "clip_1.pose",
        "clip_2.kept-despite.txt",  # beside its clip, read by any text editor
        "clip_2.pose",
        "sign.json",  # the sign's language
    ]
    with SignDatabase(tmp_path / "copy.db") as copy:
        again = import_sign_folder(copy, tmp_path / "out", language="DGS")
        assert (again.added, again.failures) == (2, [])  # the note is no clip file "that could not be used"
        marks = {Path(clip.source).name: clip.kept_despite for clip in copy.clips()}
        assert marks == {"clip_1.pose": None, "clip_2.pose": why}


def test_a_sign_exported_again_into_its_folder_leaves_no_note_beside_a_clip_kept_without_a_warning(
    db, tmp_path
):
    """clip_<n>.pose is written over by each export, but the note beside it stayed: another database's
    clip of that number, kept without a warning, came back from the folder marked."""
    tree = db.add_sign("TREE", "DGS")
    db.add_clip(tree, seeded_pose(1))
    stale = tmp_path / "out" / "TREE" / "clip_1.kept-despite.txt"
    stale.parent.mkdir(parents=True)
    stale.write_text("Your right hand was lower than in the reference.", encoding="utf-8")
    assert export_sign_folder(db, tmp_path / "out", [tree]).clips == 1
    assert sorted(path.name for path in stale.parent.iterdir()) == ["clip_1.pose", "sign.json"]


def test_a_note_from_a_shared_sign_folder_comes_in_on_one_line_and_no_longer_than_a_warning(db, tmp_path):
    """The note beside a clip may come from anyone: one of 1000 lines was stored as it was and, shown whole
    under the clip in the Library, made the page 14,000 px tall. A text editor's BOM is no part of it."""
    (tmp_path / "signs" / "TREE").mkdir(parents=True)
    write_pose(seeded_pose(1), tmp_path / "signs" / "TREE" / "clip_1.pose")
    note = "\ufeffYour hand\twas low.\r\n" + "x\n" * 1000
    (tmp_path / "signs" / "TREE" / "clip_1.kept-despite.txt").write_text(note, encoding="utf-8")
    assert import_sign_folder(db, tmp_path / "signs", language="DGS").added == 1
    (kept,) = [clip.kept_despite for clip in db.clips()]
    assert kept is not None and kept.startswith("Your hand was low. x x x")
    assert kept == " ".join(kept.split()) and len(kept) <= MAX_KEPT_DESPITE_CHARS < 1000


def test_a_note_that_is_a_link_is_not_followed(db, tmp_path):
    """An export never writes a link; a shared folder's note linked to a private file of the learner's would
    have copied its first lines into the database (and any export of it)."""
    (tmp_path / "signs" / "TREE").mkdir(parents=True)
    write_pose(seeded_pose(1), tmp_path / "signs" / "TREE" / "clip_1.pose")
    (tmp_path / "private.txt").write_text("my bank PIN", encoding="utf-8")
    (tmp_path / "signs" / "TREE" / "clip_1.kept-despite.txt").symlink_to(tmp_path / "private.txt")
    assert import_sign_folder(db, tmp_path / "signs", language="DGS").added == 1
    assert [clip.kept_despite for clip in db.clips()] == [None]


def test_an_exported_sign_comes_back_in_its_language_with_its_licence_unless_the_import_gives_them(
    db, tmp_path
):
    """A .pose file holds landmarks only: "wave (ASL)" exported and imported elsewhere with the language left
    empty came in as "wave · no language". Its folder now notes the language, and the licence its clips
    share; what the learner types in the import still wins."""
    wave = db.add_sign("wave", "ASL")
    for seed in (1, 2):
        db.add_clip(wave, seeded_pose(seed), ClipOrigin("recorded in the app", licence="CC BY 4.0"))
    mixed = db.add_sign("tree", "DGS")
    db.add_clip(mixed, seeded_pose(3), ClipOrigin(licence="CC0"))
    db.add_clip(mixed, seeded_pose(4), ClipOrigin(licence="CC BY 4.0"))
    assert export_sign_folder(db, tmp_path / "out").clips == 4
    with SignDatabase(tmp_path / "empty.db") as elsewhere:
        report = import_sign_folder(elsewhere, tmp_path / "out")
        assert (report.added, report.failures) == (4, [])
        assert sorted((s.gloss, s.language) for s in elsewhere.signs()) == [("tree", "DGS"), ("wave", "ASL")]
        licences = {(elsewhere.sign(c.sign_id).gloss, c.licence) for c in elsewhere.clips()}
        # one licence is never claimed for all: each clip's is noted by its file ("licence": "")
        assert licences == {("wave", "CC BY 4.0"), ("tree", "CC0"), ("tree", "CC BY 4.0")}
    noted = json.loads((tmp_path / "out" / "tree" / "sign.json").read_text(encoding="utf-8"))
    assert "licence" not in noted and noted["clip_licences"] == {
        "clip_1.pose": "CC0",
        "clip_2.pose": "CC BY 4.0",
    }
    with SignDatabase(tmp_path / "typed.db") as typed:
        import_sign_folder(typed, tmp_path / "out", language="LSF", licence="mine")
        assert {(s.gloss, s.language) for s in typed.signs()} == {("wave", "LSF"), ("tree", "LSF")}
        assert {c.licence for c in typed.clips()} == {"mine"}


def test_an_export_says_which_details_it_noted_of_its_signs(db, tmp_path):
    """ "with the sign's language, licence and tags" was said of a sign that had none: the export says
    which its signs' folders note."""
    bare = db.add_sign("wave", "")
    db.add_clip(bare, seeded_pose(1), ClipOrigin())
    assert export_sign_folder(db, tmp_path / "bare", [bare]).noted == frozenset()
    tree = db.add_sign("tree", "DGS")
    db.add_clip(tree, seeded_pose(2), ClipOrigin(licence="CC0"))
    db.add_clip(tree, seeded_pose(3), ClipOrigin(licence="CC BY 4.0"))  # each clip's licence noted
    assert export_sign_folder(db, tmp_path / "tree", [tree]).noted == {"language", "licence"}
    assert export_sign_folder(db, tmp_path / "both").noted == {"language", "licence"}


def test_an_exported_sign_brings_its_tags_to_a_new_sign_and_adds_them_to_one_already_there(db, tmp_path):
    """A .pose file holds no tags: "hallo" exported with its tags (its language, a teacher's lesson) came in
    elsewhere without them. Its folder now notes them (not the starter signs' mark, which would make it a
    starter sign there): a new sign gets them; a learner's sign of that name keeps its own and gets those it
    lacks (a teacher's lesson arrives, nothing of the learner's is taken away); said in the report."""
    hallo = db.add_sign("hallo", "DGS", tags=["DGS", "default", "lesson: Week 3"])
    db.add_clip(hallo, seeded_pose(1))
    assert export_sign_folder(db, tmp_path / "out").clips == 1
    noted = json.loads((tmp_path / "out" / "hallo" / "sign.json").read_text(encoding="utf-8"))
    # No licence known: none written, where "licence": "" read as if it were one
    assert noted == {"version": 2, "language": "DGS", "tags": ["DGS", "lesson: Week 3"]}
    with SignDatabase(tmp_path / "new.db") as elsewhere:
        report = import_sign_folder(elsewhere, tmp_path / "out")
        assert [(s.gloss, s.language, s.tags) for s in elsewhere.signs()] == [
            ("hallo", "DGS", ("DGS", "lesson: Week 3"))
        ]
        assert report.tagged == [Tagged("hallo", "DGS", ("DGS", "lesson: Week 3"), False)]
    with SignDatabase(tmp_path / "learners.db") as learners:
        own = learners.add_sign("hallo", "DGS", tags=["dgs", "my favourites"])
        report = import_sign_folder(learners, tmp_path / "out")
        assert learners.sign(own).tags == ("dgs", "my favourites", "lesson: Week 3")
        assert report.tagged == [Tagged("hallo", "DGS", ("lesson: Week 3",), True)]
        again = import_sign_folder(learners, tmp_path / "out")  # the clip already there: tags, nothing new
        assert (again.skipped, again.tagged) == (1, [])


def test_an_export_notes_only_the_details_an_import_reads_back(db, tmp_path):
    """A tag too long, or one past the most a sign.json holds, was exported as it was, and the import then
    refused the whole file: the sign came in without its language too."""
    tags = ["x" * (MAX_SIGN_DETAIL_CHARS + 1), *(f"tag {n}" for n in range(MAX_SIGN_TAGS + 5))]
    wave = db.add_sign("wave", "ASL", tags=tags)
    db.add_clip(wave, seeded_pose(1))
    assert export_sign_folder(db, tmp_path / "out").clips == 1
    with SignDatabase(tmp_path / "elsewhere.db") as elsewhere:
        report = import_sign_folder(elsewhere, tmp_path / "out")
        assert (report.added, report.failures) == (1, [])
        (sign,) = elsewhere.signs()
        assert sign.language == "ASL" and sign.tags == tuple(f"tag {n}" for n in range(MAX_SIGN_TAGS))


def test_a_signs_details_written_before_tags_are_read_as_they_were(db, tmp_path):
    write_pose(seeded_pose(1), tmp_path / "signs" / "wave" / "clip_1.pose")
    (tmp_path / "signs" / "wave" / "sign.json").write_text(
        '{\n "language": "ASL",\n "licence": "CC0"\n}\n', encoding="utf-8"
    )
    report = import_sign_folder(db, tmp_path / "signs")
    assert (report.added, report.failures, report.tagged) == (1, [], [])
    assert [(s.gloss, s.language, s.tags) for s in db.signs()] == [("wave", "ASL", ())]
    assert [clip.licence for clip in db.clips()] == ["CC0"]


@pytest.mark.parametrize(
    "written",
    [
        b"{not json",
        b'["ASL"]',
        b'{"language": 7}',
        b'{"language": "ASL\\nDGS"}',
        b'{"language": "' + b"x" * 300 + b'"}',
        b'{"language": "ASL", "padding": "' + b" " * 70000 + b'"}',
        b"[" * 2000 + b"]" * 2000,
        b"\xff\xfe\x00",
        b'{"language": "ASL", "tags": "DGS"}',
        b'{"language": "ASL", "tags": ["DGS", 7]}',
        b'{"language": "ASL", "tags": ["' + b"x" * 300 + b'"]}',
        b'{"language": "ASL", "tags": [' + b",".join(b'"t%d"' % n for n in range(51)) + b"]}",
        b'{"version": 3, "language": "ASL"}',
        b'{"version": "2", "language": "ASL"}',
    ],
    ids=[
        "not JSON",
        "a list",
        "a number",
        "two lines",
        "a long line",
        "too large",
        "deep",
        "not UTF-8",
        "tags not a list",
        "a tag not text",
        "a long tag",
        "too many tags",
        "a newer version",
        "a version not a number",
    ],
)
def test_a_signs_details_that_cannot_be_used_are_said_so_and_its_clips_come_in_without_them(
    db, tmp_path, written
):
    """The folder may come from anyone: details that are damaged, too large or not a line of text are named
    with why, and the clips are imported as they were before details were written."""
    write_pose(seeded_pose(1), tmp_path / "signs" / "wave" / "clip_1.pose")
    (tmp_path / "signs" / "wave" / "sign.json").write_bytes(written)
    report = import_sign_folder(db, tmp_path / "signs")
    assert report.added == 1 and [(s.gloss, s.language) for s in db.signs("wave")] == [("wave", "")]
    (failure,) = report.failures
    assert failure.startswith(str(tmp_path / "signs" / "wave" / "sign.json") + ": ")
    assert failure.endswith("; its clips were imported without them")
    assert db.signs()[0].tags == ()


def test_a_signs_details_that_are_a_link_are_not_followed(db, tmp_path):
    write_pose(seeded_pose(1), tmp_path / "signs" / "wave" / "clip_1.pose")
    (tmp_path / "elsewhere.json").write_text('{"language": "ASL"}', encoding="utf-8")
    (tmp_path / "signs" / "wave" / "sign.json").symlink_to(tmp_path / "elsewhere.json")
    assert import_sign_folder(db, tmp_path / "signs").failures == []
    assert [s.language for s in db.signs("wave")] == [""]


def test_a_sign_folder_imported_without_a_language_joins_the_sign_of_each_name(db, tmp_path):
    """With the language left blank, 'hallo/', 'du/' and 'Bier/' made new signs without a language beside the
    starter DGS ones of those names: 'hallo' twice in every list. Now each joins the one sign of its name;
    a name several signs have is the learner's to settle, and a new name makes a sign without a language."""
    for gloss in ("hallo", "Bier", "DGS_and_ASL", "neu"):
        (tmp_path / "signs" / gloss).mkdir(parents=True)
        write_pose(seeded_pose(len(gloss)), tmp_path / "signs" / gloss / "clip.pose")
    hallo, bier = db.add_sign("hallo", "DGS"), db.add_sign("BIER", "DGS")
    db.add_sign("dgs_and_asl", "DGS")
    db.add_sign("dgs_and_asl", "ASL")
    report = import_sign_folder(db, tmp_path / "signs")
    assert report.added == 3
    assert [failure.split(": ", 1)[1] for failure in report.failures] == [
        "there are signs “DGS_and_ASL” in ASL and in DGS: choose its language when you import it"
    ]
    assert [(s.gloss, s.language, s.clip_count) for s in db.signs()] == [
        ("BIER", "DGS", 1),
        ("dgs_and_asl", "ASL", 0),
        ("dgs_and_asl", "DGS", 0),
        ("hallo", "DGS", 1),
        ("neu", "", 1),
    ]
    assert {db.clip(c.id).sign_id for c in db.clips()} >= {hallo, bier}
    named = import_sign_folder(db, tmp_path / "signs", language="ASL")  # a language said is that language
    assert (named.added, named.failures) == (4, [])
    assert [(s.gloss, s.language) for s in db.signs(language="ASL")] == [
        ("Bier", "ASL"),
        ("dgs_and_asl", "ASL"),
        ("hallo", "ASL"),
        ("neu", "ASL"),
    ]


def test_sign_folder_import_cancelled_while_reading_stores_nothing(db, tmp_path):
    make_sign_folder(tmp_path / "signs")
    report = import_sign_folder(db, tmp_path / "signs", cancel=lambda: True)
    assert report.cancelled and report.added == 0 and db.clips() == []


@pytest.mark.slow
def test_sign_folder_with_a_real_video_goes_through_mediapipe(db, tmp_path):
    """The first 17 frames of the signing video (truncated): its warning is kept, and a rerun finds the same
    landmarks in the extraction cache, so the clip is not doubled."""
    video = tmp_path / "signs" / "HELLO" / "take1.mp4"
    video.parent.mkdir(parents=True)
    shutil.copy(BAD_INPUTS / "videos" / "truncated.mp4", video)
    report = import_sign_folder(db, tmp_path / "signs", language="ASL")  # a hand is seen in a frame of it
    assert (report.added, report.failures) == (1, [])
    (warning,) = report.warnings
    assert warning.startswith(f"{video}: only 17 of the 58 frames")
    assert report.summary() == "Added 1 clip; 1 warning."
    (clip,) = db.clips()
    pose = db.clip_pose(clip.id)
    assert pose.meta["warnings"] == [warning]  # kept with the clip
    assert len(pose) == clip.frame_count == 17 and pose.detection_counts()["body"] == 17
    again = import_sign_folder(db, tmp_path / "signs", language="ASL")
    assert (again.added, again.skipped) == (0, 1)


def test_import_spoter_csv(db):
    path = TEST_DATA / "spoter" / "traduttore_spoter.csv"
    clips = read_spoter_csv(path)
    report = import_spoter_csv(db, path, language="ASL", licence="MIT")
    assert report.added + report.skipped == len(clips) and report.added > 0 and report.failures == []
    assert sorted(s.gloss for s in db.signs()) == sorted({c.gloss for c in clips})
    assert_same_pose(db.clip_pose(db.clips()[0].id), clips[0].pose)


def test_safe_folder_name():
    assert safe_folder_name("A/B:C?") == "A_B_C_"
    assert safe_folder_name("..") == "_"
    assert safe_folder_name("ÄRGER") == "ÄRGER"


def test_a_video_is_read_with_extraction_progress_and_its_mirroring(tmp_path, monkeypatch):
    asked = []

    def extraction(path, mirrored, progress, cancel):
        asked.append((path, mirrored))
        progress(3, 4)
        return seeded_pose(3)

    monkeypatch.setattr(extract, "extract_video", extraction)
    calls = []
    pose = read_video(str(tmp_path / "take1.mp4"), mirrored=True, progress=lambda *a: calls.append(a))
    assert pose.equals(seeded_pose(3)) and asked == [(tmp_path / "take1.mp4", True)]
    assert calls == [(3, 4, "finding the signer in frame 3 of 4")]


def test_a_cancelled_video_reads_as_nothing_and_a_broken_one_is_named(tmp_path, monkeypatch):
    def cancelled(*args, **kwargs):
        raise extract.ExtractionCancelled()

    monkeypatch.setattr(extract, "extract_video", cancelled)
    assert read_video(tmp_path / "a.mp4") is None
    monkeypatch.undo()
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"not a video")
    with pytest.raises(InputError, match="broken.mp4"):
        read_video(broken)


def test_a_clip_is_imported_into_the_sign_without_a_language_when_the_learner_says_no_language(db):
    """With "hallo" in DGS and "hallo" without a language, the import asked for the language and offered no
    way to name the one without: only recording in the Library reached it."""
    db.add_sign("hallo", "DGS")
    without = db.add_sign("hallo", "")
    clip = LabeledClip("hallo", seeded_pose(3), "hallo.pose")
    unknown = import_clips(db, [clip])
    assert [failure.split(": ", 1)[1] for failure in unknown.failures] == [
        "there are signs “hallo” without a language and in DGS: choose its language when you import it"
        " (“no language” for the one without)"
    ]
    said = import_clips(db, [clip], language="no language")
    assert said.added == 1 and [c.sign_id for c in db.clips()] == [without]


def test_a_clip_that_would_join_a_sign_the_database_has_may_be_held_back_by_the_caller(db):
    """The app holds back a clip that looks unlike the other clips of the sign it joins, for the learner to
    decide: ``hold`` is asked of each clip joining a sign that exists (with its id, as add_clip_by_gloss would
    find it), not of one making a new sign, and a clip it holds is not imported."""
    hallo = db.add_sign("hallo", language="DGS")
    db.add_clip(hallo, seeded_pose(1))
    asked = []

    def hold(sign_id, clip):
        asked.append((sign_id, clip.source))
        return clip.source == "/held.pose"

    clips = [
        LabeledClip("HALLO", seeded_pose(2), "/held.pose"),
        LabeledClip("hallo", seeded_pose(3), "/kept.pose"),
        LabeledClip("tschüss", seeded_pose(4), "/new.pose"),
    ]
    report = import_clips(db, clips, hold=hold)
    assert asked == [(hallo, "/held.pose"), (hallo, "/kept.pose")]
    assert report.added == 2 and not report.failures
    assert [(s.gloss, s.clip_count) for s in db.signs()] == [("hallo", 2), ("tschüss", 1)]
    assert db.sign_for_clip("Hallo", None) == db.sign_for_clip("hallo", "DGS") == hallo
    assert db.sign_for_clip("hallo", "ASL") is None and db.sign_for_clip("tschüss", "") is not None


def test_the_sign_a_clip_joins_is_none_where_the_import_makes_one_or_refuses_the_clip(db):
    hallo = db.add_sign("hallo", language="DGS")
    db.add_sign("hallo", language="LSF")
    tschuess = db.add_sign("tschüss", language="DGS")
    assert sign_joined(db, "Tschüss", None) == tschuess  # its one sign, whatever its language
    assert sign_joined(db, "hallo", "DGS") == hallo
    assert sign_joined(db, "hallo", "ASL") is None  # a new sign
    assert sign_joined(db, "hallo", None) is None  # which "hallo": refused, said why
    assert sign_joined(db, " ", None) is None  # no name: refused, said why


def test_a_clip_already_stored_is_skipped_without_asking_hold(db):
    """Judging a clip takes the app a second or more: a sign folder imported again asked it of every clip
    already in the database (each then skipped), for minutes."""
    hallo = db.add_sign("hallo", language="DGS")
    db.add_clip(hallo, seeded_pose(1))
    asked = []
    report = import_clips(
        db, [LabeledClip("hallo", seeded_pose(1), "/again.pose")], hold=lambda *a: asked.append(a)
    )
    assert asked == [] and report.skipped == 1


def test_a_sign_exported_by_an_older_version_is_imported_as_before(db, tmp_path):
    """Exports before clips were named by their number in the sign, and before a licence unknown was left
    out: clip_<database id>.pose beside "licence": "" (and version 1 without tags)."""
    for folder, noted in (
        ("wave", {"version": 2, "language": "ASL", "licence": "", "tags": ["lesson: Week 1"]}),
        ("tree", {"language": "DGS", "licence": "CC0"}),
    ):
        (tmp_path / "old" / folder).mkdir(parents=True)
        (tmp_path / "old" / folder / "sign.json").write_text(json.dumps(noted), encoding="utf-8")
    write_pose(seeded_pose(1), tmp_path / "old" / "wave" / "clip_497.pose")
    write_pose(seeded_pose(2), tmp_path / "old" / "wave" / "clip_3.pose")
    write_pose(seeded_pose(3), tmp_path / "old" / "tree" / "clip_12.pose")
    report = import_sign_folder(db, tmp_path / "old")
    assert (report.added, report.failures) == (3, [])
    signs = {(sign.gloss, sign.language, sign.tags, sign.clip_count) for sign in db.signs()}
    assert signs == {("wave", "ASL", ("lesson: Week 1",), 2), ("tree", "DGS", (), 1)}
    assert sorted(clip.licence for clip in db.clips()) == ["", "", "CC0"]


def test_a_starter_sign_with_a_recording_of_the_learners_is_exported_with_each_clips_licence(tmp_path):
    """ "Bier (DGS)", 8 starter clips under Apache-2.0 and one recorded in the app, was exported as
    clip_1 … clip_8 beside clip_497 ("Clip 9" in the Library) with "licence": ""."""
    from signcore.paths import assets_dir

    copy = tmp_path / "starter.db"
    copy.write_bytes((assets_dir() / "default_signs.db").read_bytes())
    with SignDatabase(copy) as starter:
        bier = starter.signs("Bier")[0].id
        recorded = starter.add_clip(
            bier, seeded_pose(1), ClipOrigin("recorded in the app", licence="own recording")
        )
        assert recorded > 9
        assert export_sign_folder(starter, tmp_path / "out", [bier]).clips == 9
    folder = tmp_path / "out" / "Bier"
    assert sorted(path.name for path in folder.glob("*.pose")) == sorted(
        f"clip_{n}.pose" for n in range(1, 10)
    )
    noted = json.loads((folder / "sign.json").read_text(encoding="utf-8"))
    assert "licence" not in noted
    assert noted["clip_licences"]["clip_9.pose"] == "own recording"
    assert all(noted["clip_licences"][f"clip_{n}.pose"].startswith("Apache-2.0") for n in range(1, 9))


def test_an_export_writes_the_licence_texts_its_licences_name_beside_the_clips(db, tmp_path):
    """Sign.json named "licenses/traduttore-MIT.txt", a file the export did not write."""
    from signcore.paths import install_root

    named = "MIT, traduttore project (licenses/traduttore-MIT.txt)"
    hello = db.add_sign("hello", "ASL")
    db.add_clip(hello, seeded_pose(1), ClipOrigin("a.pose", licence=named))
    db.add_clip(hello, seeded_pose(2), ClipOrigin("b.pose", licence="CC0 (licenses/none-such.txt)"))
    export_sign_folder(db, tmp_path / "out")
    folder = tmp_path / "out" / "hello"
    shipped = install_root() / "licenses" / "traduttore-MIT.txt"
    assert [path.name for path in (folder / "licenses").iterdir()] == [
        "traduttore-MIT.txt"
    ]  # what the app has
    assert (folder / "licenses" / "traduttore-MIT.txt").read_bytes() == shipped.read_bytes()
    assert (
        json.loads((folder / "sign.json").read_text(encoding="utf-8"))["clip_licences"]["clip_1.pose"]
        == named
    )
    with SignDatabase(tmp_path / "copy.db") as copy:
        again = import_sign_folder(copy, tmp_path / "out")
        assert (again.added, again.failures) == (
            2,
            [],
        )  # the licence text is no clip "that could not be used"
        assert sorted(clip.licence for clip in copy.clips()) == sorted(
            [named, "CC0 (licenses/none-such.txt)"]
        )


def test_a_sign_exported_again_goes_into_the_folder_an_earlier_export_wrote_for_it(db, tmp_path):
    """Exported as "hallo/", then again once a "hallo" of another language came: "hallo (DGS)/" was written
    beside the first export's "hallo/", two folders of one sign."""
    out = tmp_path / "out"
    dgs = db.add_sign("hallo", "DGS")
    db.add_clip(dgs, seeded_pose(1))
    first = export_sign_folder(db, out)
    assert (first.folders, first.earlier) == ((out / "hallo",), frozenset())
    asl = db.add_sign("hallo", "ASL")
    db.add_clip(asl, seeded_pose(2))
    again = export_sign_folder(db, out)
    assert sorted(path.name for path in out.iterdir()) == ["hallo", "hallo (ASL)"]
    assert (set(again.folders), again.earlier) == ({out / "hallo", out / "hallo (ASL)"}, {out / "hallo"})
    with SignDatabase(tmp_path / "copy.db") as copy:
        assert import_sign_folder(copy, out).failures == []
        assert sorted((sign.gloss, sign.language) for sign in copy.signs()) == [
            ("hallo", "ASL"),
            ("hallo", "DGS"),
        ]


def test_export_all_writes_into_a_folder_of_its_own_among_other_files_letters_named_as_shown(db, tmp_path):
    """Every sign's folder went straight into the folder chosen, mixed with what was there; the letters
    came out as "a", "b"; the progress said "/tmp/w31/out/h/clip_7.pose". The folder chosen is written into
    while it is empty or an earlier export's; a single sign goes where it is asked to."""
    out = tmp_path / "out"
    (out / "holiday photos").mkdir(parents=True)
    letter = db.add_sign("a", "ASL")
    for seed in (1, 2):
        db.add_clip(letter, seeded_pose(seed))
    said = []
    exported = export_sign_folder(db, out, progress=lambda _done, _total, text: said.append(text))
    own = out / f"SignPractice signs {date.today().isoformat()}"
    assert exported.folders == (own / "letter A",)
    assert said == ["letter A (ASL): clip 1 of 2", "letter A (ASL): clip 2 of 2"]
    assert export_sign_folder(db, own).folders == (own / "letter A",)  # an earlier export's: again
    assert export_sign_folder(db, out).folders == (out / f"{own.name} 2" / "letter A",)
    assert export_sign_folder(db, out, [letter]).folders == (out / "letter A",)
    assert export_sign_folder(db, tmp_path / "empty").folders == (tmp_path / "empty" / "letter A",)
    with SignDatabase(tmp_path / "copy.db") as copy:
        assert import_sign_folder(copy, own).failures == []
        assert [(sign.gloss, sign.language) for sign in copy.signs()] == [("a", "ASL")]


def test_export_all_writes_the_signs_in_the_order_of_their_names(db, tmp_path):
    """The summary named "Bier, Foto, Fußball and 59 more": signs in the order their clips came."""
    for gloss in ("zwei", "Foto", "Ärger", "can"):
        db.add_clip(db.add_sign(gloss, "DGS"), seeded_pose(len(gloss)))
    exported = export_sign_folder(db, tmp_path / "out")
    assert [folder.name for folder in exported.folders] == ["Ärger", "can", "Foto", "zwei"]


def test_a_sign_is_not_exported_into_the_folder_an_earlier_export_wrote_for_another(db, tmp_path):
    """A new sign of the name went into the earlier one's folder, among its clips."""
    out = tmp_path / "out"
    dgs = db.add_sign("hallo", "DGS")
    db.add_clip(dgs, seeded_pose(1))
    export_sign_folder(db, out)
    db.delete_sign(dgs)
    asl = db.add_sign("hallo", "ASL")
    db.add_clip(asl, seeded_pose(2))
    assert export_sign_folder(db, out).folders == (out / "hallo (ASL)",)


def test_an_earlier_exports_clips_a_sign_no_longer_has_are_left_and_named(db, tmp_path):
    """Exported again after a clip was deleted, the folder kept the earlier export's last clip file unsaid,
    and importing it brought the deleted clip back."""
    out = tmp_path / "out"
    tree = db.add_sign("TREE", "DGS")
    clips = [db.add_clip(tree, seeded_pose(seed)) for seed in range(1, 12)]
    export_sign_folder(db, out)
    for clip in clips[:2]:
        db.delete_clip(clip)
    again = export_sign_folder(db, out)
    assert [path.name for path in again.left_over] == ["clip_10.pose", "clip_11.pose"]  # by number
    assert all(path.exists() for path in again.left_over)  # the learner's files: left
