"""The library's use cases without a window: edits, undo, recording, export, and deleted-means-deleted."""

import signal
import subprocess
import sys
import time
import zipfile
from datetime import date

import numpy as np
import pytest

from desktop_app.core.app import portable
from desktop_app.core.app.context import AppContext
from desktop_app.core.collection.library import (
    ALL_LANGUAGES,
    CHOOSE_A_SIGN_HINT,
    KEEP_DELETED_DAYS,
    NO_SIGN_TITLE,
    NONE_MATCHING_HINT,
    NOTHING_DELETED,
    RECORDED_SOURCE,
    SECONDS_A_DAY,
    Recording,
    brought_back,
    describe_clip,
    describe_sign,
    export_done,
    kept_despite_note,
    kept_in_place,
    neighbour_after_deletion,
    tags_as_text,
    tags_from_text,
)
from desktop_app.core.shared.jobs import run_job
from desktop_app.core.shared.settings import Settings
from desktop_app.core.signing.session import AttemptSegmenter, signing_frames, signing_stretches
from desktop_app.core.signing.upright import quarter_turns_to_upright, turned
from signcore import normalize
from signcore.database import ClipOrigin, DatabaseError, SignDatabase
from signcore.errors import InputError
from signcore.formats import load_dgs, load_traduttore
from signcore.formats.posefile import read_pose
from signcore.layout import LEFT_HAND, RIGHT_HAND
from signcore.lessons import shown_tags
from signcore.signfolder import KEPT_DESPITE_SUFFIX, SIGN_DETAILS_FILE
from tests.support import REPO, TEST_DATA, moving_clip


@pytest.fixture
def context(tmp_path):
    database = SignDatabase(tmp_path / "signs.db")
    hello = database.add_sign("hello", language="ASL")
    for seed in (1, 2):
        database.add_clip(
            hello, moving_clip(n_frames=200, seed=seed), ClipOrigin(source=f"hello_{seed}.pose")
        )
    database.add_sign("thanks", language="ASL")
    context = AppContext(Settings(), database, encoder=None, settings_path=tmp_path / "settings.json")
    yield context
    context.close()


def sign_named(context, gloss):
    return next(sign for sign in context.library.signs() if sign.gloss == gloss)


def test_delete_then_undo_brings_the_sign_back_and_announces_both(context):
    library, changes, undo_changes = context.library, [], []
    context.events.database_changed.connect(lambda: changes.append(1))
    library.events.undo_changed.connect(lambda: undo_changes.append(library.undo_text))
    hello = sign_named(context, "hello")
    context.select_sign(hello.id)

    library.delete_sign(hello)
    assert [sign.gloss for sign in library.signs()] == ["thanks"]
    assert context.selected_sign_id is None  # the sign being practised is gone
    assert library.undo_text == "Deleted sign “hello (ASL)”."
    assert library.undo().row_id == hello.id
    assert [sign.gloss for sign in library.signs()] == ["hello", "thanks"]
    assert len(library.clips(hello.id)) == 2
    assert undo_changes == ["Deleted sign “hello (ASL)”.", ""] and len(changes) == 2
    assert library.undo() is None  # nothing left to undo


def test_deleting_a_clip_is_undone_clip_by_clip(context):
    library = context.library
    hello = sign_named(context, "hello")
    first, second = library.clips(hello.id)
    library.delete_clip(first)
    library.delete_clip(second)
    # the first gone, the other one's number, and its file: another clip listed as Clip 1 was not it
    assert library.clips(hello.id) == []
    assert library.undo_text == "Deleted clip 1 of “hello (ASL)” (from hello_2.pose)."
    library.undo()
    assert [clip.id for clip in library.clips(hello.id)] == [second.id]  # the last deleted comes back first


def test_a_refused_edit_changes_nothing_and_says_why(context):
    library, changes = context.library, []
    context.events.database_changed.connect(lambda: changes.append(1))
    hello = sign_named(context, "hello")
    with pytest.raises(InputError, match="already a sign"):
        library.rename(hello.id, "THANKS", "ASL")
    with pytest.raises(InputError, match="already a sign"):
        library.add_sign("Hello", "ASL")
    with pytest.raises(ValueError, match="^a sign needs a name$"):  # was "a gloss"
        library.rename(hello.id, "  ", "ASL")
    assert [sign.gloss for sign in library.signs()] == ["hello", "thanks"] and changes == []
    library.retag(hello.id, [" greeting ", ""])
    assert sign_named(context, "hello").tags == ("greeting",) and changes == [1]


def test_a_sign_gets_its_language_when_made_and_changes_it_later_spelled_as_the_library_spells_it(context):
    """'New sign…' took the language from the library's filter, unsaid, and nothing could change it: a tag
    "DGS" left it without a language."""
    library = context.library
    winken = library.add_sign("winken", " asl ")
    assert library.sign(winken).language == "ASL"  # not a second language "asl"
    library.rename(winken, "winken", "DGS")
    assert (library.sign(winken).language, library.languages()) == ("DGS", ["ASL", "DGS"])
    with pytest.raises(InputError, match="already a sign “hello” in ASL"):
        library.rename(winken, "hello", "asl")
    library.rename(winken, "wave", "")
    assert describe_sign(library.sign(winken), "right") == "no language"


def test_a_recorded_clip_is_named_by_the_hand_that_leads_in_it(context):
    """Signed with the left hand, left-handed mode on or not: the clip list said 'right-handed' beside a
    close-up of the left hand."""
    library = context.library
    thanks = sign_named(context, "thanks")
    bier = next(clip.pose for clip in load_dgs(TEST_DATA / "dgs" / "3D_full") if clip.gloss == "Bier")
    for signed, left_handed_mode in ((bier.mirrored(), False), (bier.mirrored(), True), (bier, True)):
        context.remember(left_handed=left_handed_mode)
        clip_id = library.add_recorded_clip(thanks.id, Recording.of(signed))
        clip = next(info for info in library.clips(thanks.id) if info.id == clip_id)
        assert (clip.source, clip.handedness) == (RECORDED_SOURCE, "left" if signed is not bier else "right")


def test_a_clip_recorded_with_the_camera_on_its_side_is_kept_upright(context):
    """Recorded before the live view said its picture looks turned (it takes seconds to tell), the clip was
    stored on its side, its head beside its shoulders."""
    upright = read_pose(TEST_DATA / "pose" / "openpose.pose")
    sideways = turned(upright, 3)
    assert quarter_turns_to_upright(sideways) == 1
    recording = Recording.of(sideways)
    expected = Recording.of(upright).pose
    assert quarter_turns_to_upright(recording.pose) == 0
    assert (recording.pose.width, recording.pose.height) == (expected.width, expected.height)
    assert np.array_equal(recording.pose.mask, expected.mask)
    assert np.allclose(recording.pose.points[expected.mask], expected.points[expected.mask], atol=1e-3)


def test_a_recorded_clip_of_two_hands_raised_alike_is_named_by_the_learners_hand(context):
    """coffee (ASL): two hands raised alike, so which one leads is a guess that flips between recordings of
    one sign ("right" for the clip and its mirror image alike), and the sign was then shown with either hand.
    A recording is the learner's own, so such a clip takes the learner's hand."""
    coffee = next(c.pose for c in load_traduttore(TEST_DATA / "traduttore" / "traduttore_sample.npz")
                  if c.gloss == "coffee")  # fmt: skip
    assert (
        normalize.clear_signing_hand(coffee) is None
        and normalize.clear_signing_hand(coffee.mirrored()) is None
    )
    library = context.library
    sign_id = library.add_sign("coffee", "ASL")
    for pose, left_handed_mode in ((coffee, True), (coffee.mirrored(), False), (coffee.mirrored(), True)):
        context.remember(left_handed=left_handed_mode)
        clip_id = library.add_recorded_clip(sign_id, Recording.of(pose))
        clip = next(info for info in library.clips(sign_id) if info.id == clip_id)
        assert clip.handedness == ("left" if left_handed_mode else "right")


def test_a_new_sign_takes_the_hand_of_its_first_recorded_clip_and_a_sign_with_clips_keeps_its_own(context):
    """A sign made in the app and recorded with the left hand read 'dominant hand: right' beside its only
    clip, 'left-handed'. A sign that has clips (a starter sign) keeps its hand, whatever is recorded."""
    library = context.library
    bier = next(clip.pose for clip in load_dgs(TEST_DATA / "dgs" / "3D_full") if clip.gloss == "Bier")
    winken = library.add_sign("winken")
    library.add_recorded_clip(winken, Recording.of(bier.mirrored()))  # signed with the left hand
    library.add_recorded_clip(winken, Recording.of(bier))  # a later clip signed with the right: no change
    assert describe_sign(library.sign(winken), "right").startswith("no language · dominant hand: left")
    assert library.sign_panel(library.sign(winken)).clip_names == (
        "Clip 1 · left-handed",
        "Clip 2 · right-handed",
    )
    hello = sign_named(context, "hello")  # two clips already
    library.add_recorded_clip(hello.id, Recording.of(bier.mirrored()))
    assert library.sign(hello.id).dominant_hand == "right"


def test_a_signs_details_say_the_hand_it_is_shown_with_when_that_is_the_other(context):
    """In left-handed mode the Library said "dominant hand: right" above a starter sign shown signed with the
    left hand. Its clips are shown signed with the learner's hand, and its details say so; a sign without
    clips shows nothing."""
    library = context.library
    hello = sign_named(context, "hello")  # two clips, signed with the right hand
    assert library.sign_details(hello) == "ASL · dominant hand: right"
    context.remember(left_handed=True)
    assert library.sign_details(hello) == "ASL · dominant hand: right (shown as your left hand)"
    assert library.sign_panel(hello).details == library.sign_details(hello)
    # No clip, no hand yet: a new sign said "dominant hand: right" (the database's default) to a left-handed
    # learner (a walk-through); its first clip gives it its hand
    assert library.sign_details(sign_named(context, "thanks")) == "ASL"


def test_tags_are_edited_one_a_line_and_a_comma_stays_in_its_tag(context):
    """The tags box's text and back: a tag holding a comma (a lesson's name) was split in two by an edit of
    any other tag, when the box held the tags separated by commas."""
    hello = sign_named(context, "hello")
    tags = ["greeting", "lesson: Food, drink", "week 1"]
    context.library.retag(hello.id, tags)
    text = tags_as_text(sign_named(context, "hello").tags)
    assert text == "greeting\nlesson: Food, drink\nweek 1"
    context.library.retag(hello.id, tags_from_text(text + "\n\n  evening  \ngreeting\n"))
    assert sign_named(context, "hello").tags == (*tags, "evening")  # blank, spaces and a repeat dropped


def test_export_job_writes_one_pose_file_per_clip(context, tmp_path):
    reports = []
    written = run_job(context.library.export_job(tmp_path / "out", None), lambda *args: reports.append(args))
    assert written.clips == 2 and len(list((tmp_path / "out").rglob("*.pose"))) == 2 and reports


def test_what_was_deleted_longer_ago_than_it_is_kept_is_purged_and_the_file_compacted(context):
    database = context.database
    hello, thanks = sign_named(context, "hello"), sign_named(context, "thanks")
    database.delete_sign(hello.id)  # "a run a month ago": its undo is over
    time.sleep(0.01)
    context.library.started_at = time.time() + KEEP_DELETED_DAYS * SECONDS_A_DAY
    context.library.delete_sign(thanks)  # this run: still undoable, must survive the purge
    assert run_job(context.library.purge_job()) == 1
    with pytest.raises(InputError):
        database.restore_sign(hello.id)  # gone for good
    assert context.library.undo().row_id == thanks.id
    assert [sign.gloss for sign in context.library.signs()] == ["thanks"]
    assert context.library.compact() > 0  # two 200-frame clips' pages given back
    assert database.integrity_check() == "ok"
    assert run_job(context.library.purge_job()) == 0
    assert context.library.compact() == 0  # nothing left to give back


def test_a_sign_deleted_just_after_the_run_began_survives_the_purge_on_a_slow_clock(context, monkeypatch):
    """The purge turned "deleted before this run" into an age and the database turned it back into a moment
    with a later clock reading: on a busy machine the cut moved past a sign deleted just after the start,
    which was purged for good and its undo lost. Each clock reading here is a second after the last."""
    clock = iter(range(1_000_000, 2_000_000))
    monkeypatch.setattr(time, "time", lambda: float(next(clock)))
    context.library.started_at = time.time() + KEEP_DELETED_DAYS * SECONDS_A_DAY
    thanks = sign_named(context, "thanks")
    context.library.delete_sign(thanks)  # a second after the oldest moment still kept
    assert run_job(context.library.purge_job()) == 0
    assert context.library.undo().row_id == thanks.id


def test_deletions_can_be_undone_after_a_restart_in_the_order_they_were_made(context, tmp_path):
    """A starter sign deleted by mistake was gone for good once the app was closed: the undo history lived
    in memory, and the next run purged what it could not undo. The database holds it."""
    hello, thanks = sign_named(context, "hello"), sign_named(context, "thanks")
    context.library.delete_clip(context.database.clips(hello.id)[1])
    context.library.delete_sign(hello)
    context.library.delete_sign(thanks)
    context.close()
    database = SignDatabase(tmp_path / "signs.db")
    restarted = AppContext(Settings(), database, encoder=None, settings_path=tmp_path / "settings.json")
    try:
        library = restarted.library
        # when, too: after a restart "Deleted sign “thanks (ASL)”." said nothing of a minute or a month ago
        assert library.undo_text == "Deleted sign “thanks (ASL)” just now."
        assert run_job(library.purge_job()) == 0  # nothing older than it is kept
        assert library.undo().row_id == thanks.id
        assert library.undo_text == "Deleted sign “hello (ASL)” just now."
        library.undo()
        assert library.undo_text == "Deleted clip 2 of “hello (ASL)” (from hello_2.pose) just now."
        library.undo()
        assert library.undo_stack == [] and sign_named(restarted, "hello").clip_count == 2
        assert [sign.gloss for sign in library.signs()] == ["hello", "thanks"]
    finally:
        restarted.close()


def test_recently_deleted_lists_every_deletion_the_last_first_and_restores_any_one_leaving_the_rest(context):
    """Undo takes back the last deletion first: a learner who deleted sign A then sign B could not get A
    back without B. "Recently deleted" brings back the one chosen; Undo goes on with the others."""
    library, undo_changes, changes = context.library, [], []
    library.events.undo_changed.connect(lambda: undo_changes.append(library.undo_text))
    context.events.database_changed.connect(lambda: changes.append(1))
    hello, thanks = sign_named(context, "hello"), sign_named(context, "thanks")
    library.delete_clip(library.clips(hello.id)[0])
    library.delete_sign(hello)
    library.delete_sign(thanks)
    listing = library.recently_deleted()
    assert listing.cells() == [
        ("Sign “thanks (ASL)”", "just now"),
        ("Sign “hello (ASL)”", "just now"),
        ("Clip 1 of “hello (ASL)”, from hello_1.pose (its sign is deleted too)", "just now"),
    ]
    assert listing.empty_text == ""
    undo_changes.clear(), changes.clear()

    hello_deleted = listing.deletions[1]
    library.restore(hello_deleted)
    assert brought_back(hello_deleted) == "Brought back sign “hello (ASL)”."
    assert [sign.gloss for sign in library.signs()] == ["hello"] and len(library.clips(hello.id)) == 1
    assert (undo_changes, len(changes)) == (["Deleted sign “thanks (ASL)”."], 1)
    assert library.recently_deleted().cells() == [
        ("Sign “thanks (ASL)”", "just now"),
        ("Clip 1 of “hello (ASL)”, from hello_1.pose", "just now"),  # its sign is back, the clip its first
    ]
    assert library.undo().row_id == thanks.id  # Undo goes on, the last first, without the one restored
    assert library.undo().kind == "clip" and library.undo() is None
    assert library.recently_deleted().empty_text == NOTHING_DELETED


def test_a_clip_restored_from_a_sign_deleted_too_brings_its_sign_back_with_it(context):
    """Restored alone, it would stay out of sight in its deleted sign: the learner expects to see it."""
    library, hello = context.library, sign_named(context, "hello")
    first, second = library.clips(hello.id)
    library.delete_clip(first)
    library.delete_sign(hello)
    clip_deleted = library.recently_deleted().deletions[1]
    assert (clip_deleted.kind, clip_deleted.sign_deleted) == ("clip", True)
    library.restore(clip_deleted)
    assert brought_back(clip_deleted) == (
        "Brought back clip 1 of “hello (ASL)” with its sign: a clip is seen only in its sign."
    )
    assert [clip.id for clip in library.clips(hello.id)] == [first.id, second.id]
    assert library.undo_stack == [] and library.recently_deleted().deletions == ()


def test_a_sign_restored_when_one_of_its_name_was_made_since_is_refused_in_plain_words(context):
    library = context.library
    hello = sign_named(context, "hello")
    library.delete_clip(library.clips(hello.id)[0])
    library.delete_sign(hello)
    deletions = library.recently_deleted().deletions
    library.add_sign("Hello", "ASL")  # made while the list was open
    with pytest.raises(InputError) as refused:
        library.restore(deletions[1])
    assert (
        str(refused.value) == "“hello (ASL)” cannot be brought back: the library has a sign of that name now."
    )
    assert library.undo_stack == []
    assert [deletion.name_taken for deletion in library.recently_deleted().deletions] == [True, True]


def test_a_deleted_sign_whose_name_a_sign_has_now_is_listed_and_its_clips_can_join_that_sign(context):
    """Deleted, then a sign of its name imported, it was left out of "Recently deleted" without a word,
    with all its clips (a learner's recordings), and purged unseen after 30 days. Listed with why, Restore
    adds its clips to the sign of its name, but those whose landmarks that sign has already; a clip deleted
    on its own before joins it on its own."""
    library, hello = context.library, sign_named(context, "hello")
    first, second = library.clips(hello.id)
    second_pose = context.database.clip_pose(second.id)
    library.delete_clip(first)
    library.delete_sign(hello)
    new_hello = library.add_sign("Hello", "ASL")  # imported with one of its clips
    context.database.add_clip(new_hello, second_pose)
    listing = library.recently_deleted()
    assert listing.cells() == [
        (
            "Clip 1 of “hello (ASL)”, from hello_1.pose: the library has a new sign of that name;"
            " Restore adds the clip to it",
            "just now",
        )
    ]  # the sign itself is not: the sign of its name has the clip it holds
    library.restore(listing.deletions[0])
    assert brought_back(listing.deletions[0]) == (
        "Added the clip of the deleted “hello (ASL)” to the sign of that name in the library."
    )
    assert len(library.clips(new_hello)) == 2 and library.recently_deleted().deletions == ()
    assert library.undo_text == ""  # neither the clip nor its sign: the sign cannot come back


@pytest.mark.parametrize(
    "minutes_ago, said",
    [(0.2, "just now"), (5, "5 minutes ago"), (24 * 60, "yesterday"), (6 * 24 * 60, "on Monday")],
)
def test_recently_deleted_says_when_each_was_deleted_as_undo_does(context, minutes_ago, said):
    """Deleted seconds before, a sign was listed as deleted "earlier today"."""
    from datetime import datetime, timedelta

    now = datetime(2026, 12, 6, 9, 30)  # a Sunday
    deleted = now - timedelta(minutes=minutes_ago)
    context.library.started_at = deleted.timestamp()  # kept since a month before it
    context.database.delete_sign(sign_named(context, "thanks").id)
    context.database._conn.execute(
        "UPDATE signs SET deleted_at = ? WHERE deleted_at IS NOT NULL", (deleted.timestamp(),)
    )
    assert context.library.recently_deleted(now).cells() == [("Sign “thanks (ASL)”", said)]


def test_undo_tells_when_a_deletion_was_made_as_it_is_read_not_as_the_history_was(context):
    """Read once at start-up, Undo said "Deleted sign “hello (ASL)” just now." hours later."""
    from datetime import datetime, timedelta

    deleted = datetime(2026, 12, 6, 9, 30)
    context.library.started_at = deleted.timestamp()
    context.database.delete_sign(sign_named(context, "hello").id)
    context.database._conn.execute(
        "UPDATE signs SET deleted_at = ? WHERE deleted_at IS NOT NULL", (deleted.timestamp(),)
    )
    context.library.read_undo_history()
    library = context.library
    assert library.undo_text_at(deleted + timedelta(seconds=20)) == "Deleted sign “hello (ASL)” just now."
    assert library.undo_text_at(deleted + timedelta(minutes=5)) == "Deleted sign “hello (ASL)” 5 minutes ago."
    assert library.undo_text_at(deleted + timedelta(hours=3)) == "Deleted sign “hello (ASL)” earlier today."


def test_clips_deleted_in_turn_as_clip_1_are_told_apart_in_recently_deleted(context):
    """Deleting "clip 1" twice (the second was clip 2 before) listed two rows "Clip 1 of “hello
    (ASL)”", which did not say which clip each was."""
    from datetime import datetime

    library, hello = context.library, sign_named(context, "hello")
    recorded = library.add_recorded_clip(hello.id, Recording.of(moving_clip(seed=5)))
    made = datetime.fromtimestamp(context.database.clip(recorded).created_at)
    for _ in range(3):
        library.delete_clip(library.clips(hello.id)[0])
    assert [thing for thing, _ in library.recently_deleted().cells()] == [
        f"Clip 1 of “hello (ASL)”, recorded {made.day} {made:%b} at {made:%H:%M}",
        "Clip 1 of “hello (ASL)”, from hello_2.pose",
        "Clip 1 of “hello (ASL)”, from hello_1.pose",
    ]


def test_a_clip_deleted_already_in_a_list_not_reloaded_is_refused_in_words(context):
    """Deleting a clip still selected in a stale list raised ValueError, a traceback."""
    library = context.library
    clip = library.clips(sign_named(context, "hello").id)[0]
    library.delete_clip(clip)
    with pytest.raises(InputError, match="no longer in the library: it was deleted already"):
        library.delete_clip(clip)


def test_recently_deleted_says_why_when_the_database_cannot_be_read(context, monkeypatch):
    def locked(deleted_after):
        raise InputError("signs.db", "the database is locked")

    monkeypatch.setattr(context.database, "deletions", locked)
    listing = context.library.recently_deleted()
    assert listing.deletions == () and listing.empty_text == "signs.db: the database is locked"


def restarted_library(context, tmp_path):
    """The library of the next run on the same database (the context given is closed)."""
    context.close()
    return AppContext(
        Settings(), SignDatabase(tmp_path / "signs.db"), encoder=None, settings_path=tmp_path / "s.json"
    )


def test_an_undo_refused_for_a_sign_of_that_name_made_since_is_final(context, tmp_path):
    """Deleted, then re-imported: Undo cannot bring the old one back, and said "choose another name", which
    Undo cannot do; after a restart it was offered again, and refused again, for 30 days."""
    hello = sign_named(context, "hello")
    context.library.delete_clip(context.database.clips(hello.id)[1])
    context.library.delete_sign(hello)
    context.library.add_sign("Hello", "ASL")  # re-imported
    with pytest.raises(InputError) as refused:
        context.library.undo()
    assert (
        str(refused.value) == "“hello (ASL)” cannot be brought back: the library has a sign of that name now."
    )
    assert context.library.undo_text == ""  # nor its clip deleted before it: it would go into a deleted sign
    restarted = restarted_library(context, tmp_path)
    try:
        assert restarted.library.undo_text == ""  # neither it nor its clip
    finally:
        restarted.close()


def test_undo_names_a_sign_after_a_restart_as_it_did_before(context, tmp_path):
    """A sign without a language beside a sign of its name is "hallo (no language)" in the lists and Undo;
    after a restart Undo called it "hallo"."""
    context.library.add_sign("hallo", "DGS")
    hallo = context.database.sign(context.library.add_sign("hallo"))
    context.library.delete_sign(hallo)
    before = context.library.undo_text
    restarted = restarted_library(context, tmp_path)
    try:
        assert before == "Deleted sign “hallo (no language)”."
        assert restarted.library.undo_text == "Deleted sign “hallo (no language)” just now."
    finally:
        restarted.close()


def test_a_deletion_is_undone_for_a_month_then_purged(context, monkeypatch):
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now - (KEEP_DELETED_DAYS - 1) * SECONDS_A_DAY)
    context.database.delete_sign(sign_named(context, "hello").id)
    monkeypatch.setattr(time, "time", lambda: now - (KEEP_DELETED_DAYS + 1) * SECONDS_A_DAY)
    context.database.delete_sign(sign_named(context, "thanks").id)
    monkeypatch.setattr(time, "time", lambda: now)
    context.library.started_at = now  # a run today
    context.library.read_undo_history()
    month_ago = date.fromtimestamp(now - (KEEP_DELETED_DAYS - 1) * SECONDS_A_DAY)
    day = f"{month_ago.day} {month_ago.strftime('%b')}"
    assert context.library.undo_text == f"Deleted sign “hello (ASL)” on {day}."
    assert len(context.library.undo_stack) == 1
    assert run_job(context.library.purge_job()) == 1  # thanks, deleted 31 days ago
    context.library.undo()
    assert [sign.gloss for sign in context.library.signs()] == ["hello"]


def test_a_sign_deleted_survives_the_app_being_killed_and_can_be_undone(tmp_path):
    """Kill -9 just after the delete: the deletion is one SQLite transaction, and the undo history is read
    from the database, so nothing of it was only in memory."""
    path = tmp_path / "signs.db"
    with SignDatabase(path) as database:
        hello = database.add_sign("hello", language="ASL")
        database.add_clip(hello, moving_clip(seed=1))
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_AFTER_DELETING, str(path)], cwd=REPO, capture_output=True, timeout=120
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()
    with SignDatabase(path) as database:
        context = AppContext(Settings(), database, encoder=None, settings_path=tmp_path / "settings.json")
        assert database.signs() == [] and context.library.undo_text.startswith("Deleted sign “hello (ASL)”")
        context.library.undo()
        assert [(sign.gloss, sign.clip_count) for sign in database.signs()] == [("hello", 1)]


KILLED_AFTER_DELETING = """
import os, signal, sys
from desktop_app.core.app.context import AppContext
from desktop_app.core.shared.settings import Settings
from signcore.database import SignDatabase
context = AppContext(Settings(), SignDatabase(sys.argv[1]), encoder=None, settings_path=os.devnull)
context.library.delete_sign(context.database.signs()[0])
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_the_starter_signs_mark_is_not_shown_and_outlives_an_edit_of_the_tags(context):
    """Every starter sign showed the tag "default", a word that told the learner nothing."""
    library = context.library
    hello = sign_named(context, "hello")
    library.retag(hello.id, ["ASL", "default", "lesson: ASL 1 · Coffee shop: asking"])  # as build-db tags
    listed = library.listing(search="hello")
    assert listed.cells()[0][3] == "ASL, lesson: ASL 1 · Coffee shop: asking"
    assert "default" not in describe_sign(library.sign(hello.id), "right")
    assert tags_as_text(shown_tags(library.sign(hello.id).tags)) == "ASL\nlesson: ASL 1 · Coffee shop: asking"
    library.retag(hello.id, ["greeting"])  # the tags box had no "default" to keep
    assert library.sign(hello.id).tags == ("greeting", "default")  # still a starter sign for the app


def test_signs_and_clips_are_described_in_plain_words(context):
    hello = sign_named(context, "hello")
    context.library.retag(hello.id, ["greeting", "week 1"])
    assert describe_sign(sign_named(context, "hello"), "right") == (
        "ASL · dominant hand: right · tags: greeting, week 1"
    )
    clip = context.library.add_recorded_clip(hello.id, Recording.of(moving_clip(seed=9)))
    recorded = next(info for info in context.library.clips(hello.id) if info.id == clip)
    assert describe_clip(3, "right", recorded) == "Clip 3 · right-handed"
    assert kept_despite_note(recorded) == ""


def test_a_clip_kept_despite_the_warning_is_marked_and_says_why_in_plain_words(context):
    """Kept with "Keep it anyway" (or ticked in the import's review), a clip looked like any other in the
    library: a sign that then judged oddly gave no hint which clip may be why."""
    library = context.library
    hello = sign_named(context, "hello")
    why = "Location: in the middle of the sign, your right hand was lower than in the reference."
    kept = library.add_recorded_clip(hello.id, Recording.of(moving_clip(seed=9)), kept_despite=why)
    panel = library.sign_panel(sign_named(context, "hello"))
    assert [clip.id for clip in panel.clips][-1] == kept
    assert [name.startswith("⚠ Clip ") for name in panel.clip_names] == [False, False, True]
    assert panel.clip_notes == (
        "",
        "",
        "⚠ Kept although it looked unlike this sign's other clips. Location: in the middle of the sign, your"
        " right hand was lower than in the reference. If this sign judges your signing oddly, this clip may"
        " be why: delete it. If it is fine, clear its warning.",
    )
    library.delete_clip(panel.clips[-1])  # the library's own Delete clip removes it
    assert library.sign_panel(sign_named(context, "hello")).clip_notes == ("", "")


def test_a_clip_found_fine_has_its_warning_cleared_in_the_database_and_undo_marks_it_again(context, tmp_path):
    """A clip kept despite the clip check's warning stayed marked until it was deleted, though the learner,
    having looked at it, meant to keep it: the mark said in the library and Practice that it may judge oddly,
    and every export and backup carried it on."""
    library, database, changes = context.library, context.database, []
    context.events.database_changed.connect(lambda: changes.append(1))
    hello = sign_named(context, "hello")
    why = "Location: in the middle of the sign, your right hand was lower than in the reference."
    kept = database.add_clip(hello.id, moving_clip(seed=9), ClipOrigin("take.pose", kept_despite=why))

    library.clear_warning(database.clip(kept))
    assert database.clip(kept).kept_despite is None and changes == [1]
    panel = library.sign_panel(sign_named(context, "hello"))
    assert panel.clip_notes == ("", "", "") and not panel.clip_names[-1].startswith("⚠")
    assert library.undo_text == "Cleared a warning on “hello (ASL)”."
    # neither a sign folder exported nor a backup ("Export my data") carries the note any more
    assert run_job(library.export_job(tmp_path / "out", [hello.id])).clips == 3
    exported = sorted(path.name for path in (tmp_path / "out" / "hello").iterdir())
    assert [name for name in exported if not name.endswith(".pose")] == [SIGN_DETAILS_FILE]  # no note
    portable.export_data(database, tmp_path / "backup.zip")
    with zipfile.ZipFile(tmp_path / "backup.zip") as bundle:
        bundle.extract(portable.DATABASE_NAME, tmp_path / "unpacked")
    with SignDatabase(tmp_path / "unpacked" / portable.DATABASE_NAME) as backup:
        assert [clip.kept_despite for clip in backup.clips()] == [None, None, None]

    assert library.undo().kind == "warning"  # marked again, in its own words
    assert database.clip(kept).kept_despite == why and changes == [1, 1] and library.undo_text == ""
    run_job(library.export_job(tmp_path / "out", [hello.id]))
    assert (tmp_path / "out" / "hello" / f"clip_{kept}{KEPT_DESPITE_SUFFIX}").read_text().strip() == why
    library.clear_warning(database.clips(hello.id)[0])  # one never marked: nothing to undo, no change
    assert library.undo_stack == [] and changes == [1, 1]


def test_a_warning_is_not_cleared_of_a_clip_deleted_meanwhile(context):
    library, database = context.library, context.database
    hello = sign_named(context, "hello")
    kept = database.add_clip(hello.id, moving_clip(seed=9), ClipOrigin("take.pose", kept_despite="Lower."))
    shown = database.clip(kept)
    database.delete_clip(kept)  # e.g. in the other window of a second copy
    with pytest.raises(DatabaseError, match=f"there is no clip {kept}"):
        library.clear_warning(shown)
    assert library.undo_stack == []
    database.restore_clip(kept)
    assert database.clip(kept).kept_despite == "Lower."


def test_the_listing_filters_keeps_the_selection_and_words_the_count(context):
    library = context.library
    haus = context.database.add_sign("Haus", language="DGS")
    listing = library.listing()
    assert [sign.gloss for sign in listing.signs] == ["Haus", "hello", "thanks"]
    assert listing.status == "3 signs" and listing.selected_row == 0  # nothing kept: the first
    assert listing.cells()[1] == ("hello", "ASL", "2", "")
    assert library.listing(search="HA", keep=haus).selected_row == 0
    thanks, hello = sign_named(context, "thanks").id, sign_named(context, "hello").id
    assert library.listing(search="h", keep=hello).selected_row == 1
    only = library.listing(language="DGS", keep=thanks)
    assert [sign.gloss for sign in only.signs] == ["Haus"] and only.status == "1 sign"
    assert only.selected_row == 0  # the kept sign is filtered out: the first is selected
    none = library.listing(search="nothing")
    assert none.signs == () and none.selected_row is None and none.status == "0 signs"


def test_the_listing_says_why_the_signs_cannot_be_read(context, monkeypatch):
    def locked(**_filters):
        raise DatabaseError(context.database.path, "the database is locked by another program")

    monkeypatch.setattr(context.database, "signs", locked)
    listing = context.library.listing()
    assert listing.signs == () and listing.selected_row is None and "locked" in listing.status


def test_language_options_offer_every_language_and_show_the_remembered_one(context):
    library = context.library
    context.database.add_sign("Haus", language="DGS")
    options, shown = library.language_options(None)
    assert options == [(ALL_LANGUAGES, None), ("ASL", "ASL"), ("DGS", "DGS")] and shown == 0
    context.update_settings(language="DGS")
    assert library.language_options(None)[1] == 2
    assert library.language_options("ASL")[1] == 1  # the filter shown wins over the settings
    assert library.language_options("LSF")[1] == 0  # a language no sign has any more: all


def test_the_sign_panel_names_the_clips_and_where_they_came_from(context):
    library = context.library
    hello = sign_named(context, "hello")
    library.add_recorded_clip(hello.id, Recording.of(moving_clip(n_frames=30, seed=3)))
    panel = library.sign_panel(sign_named(context, "hello"))
    assert (panel.title, panel.details, panel.problem) == ("hello (ASL)", describe_sign(hello, "right"), "")
    assert panel.clip_names[0].startswith("Clip 1 · ") and len(panel.clips) == 3  # and its hand
    assert panel.clip_sources == ("hello_1.pose", "hello_2.pose", RECORDED_SOURCE)
    empty = library.sign_panel(sign_named(context, "thanks"))
    assert empty.clips == () and empty.clip_names == () and empty.title == "thanks (ASL)"
    nothing = library.sign_panel(None, listed=2)
    assert (nothing.title, nothing.details, nothing.clips) == (NO_SIGN_TITLE, CHOOSE_A_SIGN_HINT, ())
    assert library.sign_panel(None, listed=0).details == NONE_MATCHING_HINT  # a search hides them all


def test_a_recording_is_described_by_its_length_and_what_was_found():
    """Over the frames in which the learner signs, as the recording was judged: the first ten frames, before
    a hand comes into the picture, are not (the walk-through's Start, sign, Stop: '3.7 s of signing: your
    body was seen most of the time', of a sign well seen in the 1.8 s it took)."""
    pose = moving_clip(n_frames=31)
    pose.mask[:10, :] = False  # nothing found in the first ten frames
    all_seen = "your body, your left hand and your right hand were seen most of the time."
    assert Recording(pose).describe() == f"0.7 s of signing in a 1.0 s clip: {all_seen}"
    pose.mask[:20, :] = False  # now found in 11 of the 31 frames, and no hand at all
    pose.mask[:, LEFT_HAND] = pose.mask[:, RIGHT_HAND] = False
    assert (
        Recording(pose).describe()
        == "1.0 s of signing: neither your body nor your hands were seen most of the time."
    )
    pose.mask[:, LEFT_HAND] = True
    assert Recording(pose).describe() == "1.0 s of signing: your left hand was seen most of the time."


def test_a_recordings_signing_is_found_once_for_its_length_check_and_its_description(monkeypatch):
    from desktop_app.core.collection import library

    found = []
    monkeypatch.setattr(library, "signing_frames", lambda pose: found.append(pose) or signing_frames(pose))
    recording = Recording(moving_clip(n_frames=31))
    assert not recording.too_short
    assert recording.describe().startswith("1.0 s of signing: ")
    assert found == [recording.pose]


def test_a_sign_without_a_language_is_said_to_have_no_language_in_the_list_and_its_details(context):
    """The library's list wrote such a sign's language "—", its details "language not set", the sign map's
    key "other" and a name shared with another sign "(no language)": one wording now, from one place."""
    library = context.library
    winken = library.add_sign("winken", "")
    assert library.listing(search="winken").cells() == [("winken", "no language", "0", "")]
    assert describe_sign(library.sign(winken), "right") == "no language"


def test_a_letter_sign_is_listed_as_its_panel_names_it(context):
    """The table said "l" while the panel above it said "letter L (ASL)"."""
    library = context.library
    library.add_sign("l", "ASL")
    assert library.listing(search="letter L").cells() == [("letter L", "ASL", "0", "")]


def test_a_sign_given_no_language_in_the_lists_words_has_none(context):
    """Typed as the lists write it, "no language" became a language of that name."""
    library = context.library
    sign_id = library.add_sign("winken", "No language")
    assert context.database.sign(sign_id).language == ""


def test_the_listing_is_in_the_order_of_the_names_shown(context):
    """ "letter V (ASL)" among the "l"s, as the practice list has it; it sat at its stored name "v", among
    the "u"s."""
    for gloss in ("v", "umbrella", "large", "lernen", "zebra"):
        context.database.add_sign(gloss, language="ASL")
    names = [name for name, *_ in context.library.listing().cells()]
    assert names == ["hello", "large", "lernen", "letter V", "thanks", "umbrella", "zebra"]


def test_a_recorded_clip_is_kept_cut_to_its_signing(context, looping_video):
    """The Record dialog said "1.3 s of signing" of a clip stored and played as 3.6 s, two of them without a
    hand; then "0.7 s of signing in a 1.8 s clip" of one kept with the second between two goes, the hand
    "not seen" in it. A recording of the looping video, started by hand before the hand comes up and
    stopped as it comes up again, is stored as its longest stretch of signing, all of it signing, and
    described as stored: the seconds of signing the preview says are the clip's."""
    frames, (width, height) = looping_video
    recorded = AttemptSegmenter(width, height)
    recorded.auto_enabled = False
    recorded.start_manual()
    ended = [recorded.feed(frame) for frame in frames[:80]]
    recorded.stop()
    ended.append(recorded.feed(frames[80]))
    pose = next(event.pose for event in ended if event is not None and event.kind == "finished")
    stretches = signing_stretches(pose)
    assert len(stretches) == 2, "the recording holds a go, a pause and the start of the next go"
    first, last = max(stretches, key=lambda stretch: stretch[1] - stretch[0])

    clip_id = context.library.add_recorded_clip(sign_named(context, "thanks").id, Recording.of(pose))
    stored = context.database.clip_pose(clip_id)
    assert stored.duration == pytest.approx(pose.timestamps[last] - pose.timestamps[first])
    assert len(stored) == last - first + 1 and stored.duration < pose.duration - 0.3
    assert signing_frames(stored).all()  # no pause kept
    said = Recording.of(pose).describe()  # as the dialog says it, of the clip kept
    assert said.startswith(f"{stored.duration:.1f} s of signing: ") and " clip" not in said, said


def test_every_clip_is_labelled_by_its_hand_and_one_shown_mirrored_says_so_as_practice_does(context):
    """The Library labelled recorded clips "Clip 2 · left-handed" and starter clips just "Clip 1", and showed
    a left-handed learner every clip with the left hand under "dominant hand: right", unexplained."""
    from desktop_app.core.judging.practice import practice_sign

    library = context.library
    bier = next(clip.pose for clip in load_dgs(TEST_DATA / "dgs" / "3D_full") if clip.gloss == "Bier")
    sign = context.database.add_sign("Bier", language="DGS")
    context.database.add_clip(sign, bier, ClipOrigin(source="bier.pose"))  # as a starter clip: no hand stored
    library.add_recorded_clip(sign, Recording.of(bier.mirrored()))  # signed with the left hand
    panel = library.sign_panel(library.sign(sign))
    assert panel.clip_names == ("Clip 1 · right-handed", "Clip 2 · left-handed")
    starter, recorded = panel.clips

    assert library.mirrored_note(starter) == ""  # a right-handed learner sees it as it is
    assert library.mirrored_note(recorded) == (
        "The reference is shown with its hands swapped, so that you sign it with your right hand."
    )
    context.update_settings(left_handed=True)
    assert library.mirrored_note(recorded) == ""
    mirrored = library.mirrored_note(starter)
    # not "shown mirrored": the mirror view's legend says "as a camera sees the signer" when it is off
    assert (
        mirrored == "The reference is shown with its hands swapped, so that you sign it with your left hand."
    )
    assert mirrored in practice_sign(context, sign).note  # Practice's words for its first clip


def test_after_a_deletion_the_next_listed_is_selected_else_the_one_before():
    """The library list jumped to its first row after a deletion, away from where the learner
    was working."""
    assert neighbour_after_deletion([4, 7, 9], 7) == 9
    assert neighbour_after_deletion([4, 7, 9], 9) == 7
    assert neighbour_after_deletion([4], 4) is None
    assert neighbour_after_deletion([4, 7], 5) is None  # not listed: nothing to be beside


def test_a_reload_keeps_the_selection_or_after_a_deletion_takes_the_one_in_its_place():
    """One reload selects the neighbour of the sign deleted: the list was reloaded twice, first selecting its
    top row. A search or a filter that hides the sign selected is no deletion: the first row, as before."""
    assert kept_in_place([4, 7, 9], [4, 7, 9], 7) == 7
    assert kept_in_place([4, 9], [4, 7, 9], 7) == 9
    assert kept_in_place([4], [4, 7], 7) == 4  # the last: the one before it
    assert kept_in_place([], [7], 7) is None
    assert kept_in_place([4], [4, 7, 9], 7) is None  # more went than it: a search
    assert kept_in_place([4, 9], [], 7) is None  # nothing listed before
    assert kept_in_place([4, 9], [4, 9], None) is None


def test_an_export_says_what_it_wrote_in_the_libraries_words():
    """ "Wrote 8 .pose files…" named the file format, not the clips the learner knows; it named the
    folder chosen, not the folders written in it."""
    from dataclasses import replace
    from pathlib import Path

    from signcore.ingest import SignFolderExport

    out = Path("/out")
    every_detail = frozenset({"tags", "licence", "language"})
    one = SignFolderExport(1, (out / "hello",), noted=every_detail)
    assert export_done(one, "hello (ASL)") == (
        "Wrote the clip of “hello (ASL)” into /out/hello with the sign's language, licence and tags."
    )
    again = SignFolderExport(2, (out / "hello",), frozenset({out / "hello"}), noted=every_detail)
    assert export_done(again, "hello (ASL)") == (
        "Wrote the 2 clips of “hello (ASL)” into /out/hello, the folder an earlier export made for it, with"
        " the sign's language, licence and tags."
    )
    many = SignFolderExport(
        8, tuple(out / name for name in "abcde"), frozenset({out / "b"}), noted=every_detail
    )
    assert export_done(many, None) == (
        "Wrote 8 clips into /out, a folder for each sign with its language, licence and tags: a, b, c and 2"
        " more. An earlier export made b: written into it again."
    )
    # Only what was noted (all three were said of a sign that had none)
    assert (
        export_done(SignFolderExport(1, (out / "hello",)), "hello")
        == "Wrote the clip of “hello” into /out/hello."
    )
    some = SignFolderExport(1, (out / "hello",), noted=frozenset({"tags", "language"}))
    assert export_done(some, "hello (ASL)").endswith(" into /out/hello with the sign's language and tags.")
    assert export_done(replace(many, noted=frozenset()), None).startswith(
        "Wrote 8 clips into /out, a folder for each sign: a,"
    )
    assert (
        export_done(SignFolderExport(), "Haus (DGS)") == "“Haus (DGS)” has no clips yet: nothing was written."
    )
    left = SignFolderExport(1, (out / "hello",), frozenset({out / "hello"}), (out / "hello" / "clip_2.pose",))
    assert export_done(left, "hello (ASL)").endswith(
        " Left as an earlier export wrote it, of clips not exported now: hello/clip_2.pose. Delete it, or"
        " importing the folder brings it back."
    )


def test_a_deletion_read_back_says_when_it_was_made():
    from datetime import datetime, timedelta

    from desktop_app.core.collection.library import UndoableEdit
    from signcore.database import Deletion

    now = datetime(2026, 12, 6, 9, 30)
    deletion = Deletion("sign", 1, "heute", "DGS", (now - timedelta(hours=2)).timestamp(), False, 1, True)
    assert UndoableEdit.undoing(deletion).said_at(now) == "Deleted sign “heute (DGS)” earlier today."


def test_a_starter_signs_dominant_hand_is_the_one_its_clips_are_labelled_with(tmp_path):
    """A walk-through: "Haben (DGS)" read "dominant hand: right" above seven clips labelled
    "left-handed" (their hand stored on the wrong side: now shown as their shapes say), and the two-handed
    DGS signs ("Foto", "Haus") "dominant hand: right", the database's default, above eight "left-handed".
    The header names the hand most of the sign's clips are labelled with, in either hand's mode."""
    from signcore.paths import assets_dir

    copy = tmp_path / "signs.db"
    copy.write_bytes((assets_dir() / "default_signs.db").read_bytes())
    with SignDatabase(copy) as database:
        for left_handed in (False, True):
            context = AppContext(Settings(left_handed=left_handed), database, None)
            for sign in database.signs():
                panel = context.library.sign_panel(sign)
                labels = [name.split(" · ")[-1].removesuffix("-handed") for name in panel.clip_names]
                most = max(("left", "right"), key=labels.count)
                if labels.count(most) > len(labels) / 2:
                    assert f"dominant hand: {most}" in panel.details, (sign.gloss, labels, panel.details)
            haben = next(sign for sign in database.signs() if sign.gloss == "Haben")
            assert context.library.sign_panel(haben).clip_names[0] == "Clip 1 · right-handed"
            assert context.library.sign_panel(haben).details.startswith("DGS · dominant hand: right")


def test_the_language_filter_shown_as_all_languages_stays_so_whatever_is_remembered(context):
    """Practice asks by the text its box shows: "All languages" is no language, so all stay shown."""
    context.database.add_sign("Haus", language="DGS")
    context.update_settings(language="DGS")
    assert context.library.language_options(ALL_LANGUAGES)[1] == 0
