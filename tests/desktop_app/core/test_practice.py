"""Practising a sign without a window: the scoring target, the sign restored at start-up, and settings and
embeddings changed only through the context."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

import numpy as np
import pytest

from desktop_app.core.app.context import AppContext
from desktop_app.core.judging import feedback, practice
from desktop_app.core.judging.attempts import score_pose
from desktop_app.core.judging.feedback import (
    HANDS_USED,
    PreparedReference,
    compare_with_reference,
    hands_signing,
    prepare_references,
)
from desktop_app.core.judging.practice import (
    PlayedClips,
    ScoringTarget,
    initial_sign_id,
    list_filter_showing,
    remember_sign,
    scoring_target,
)
from desktop_app.core.judging.scoring import Gallery, Neighbour
from desktop_app.core.shared.jobs import JobCancelled, JobControl, run_job
from desktop_app.core.shared.settings import Settings
from desktop_app.core.signing.view import without_tracker_glitches
from signcore.database import ClipOrigin, Sign, SignDatabase
from signcore.encoder import Encoder
from signcore.errors import InputError
from signcore.formats import load_dgs
from signcore.layout import LEFT_HAND, PoseSequence
from signcore.paths import assets_dir, models_dir
from tests.support import (
    SIGNING_VIDEO,
    TEST_DATA,
    ClaimsSayingWhenFound,
    embedded_dgs_samples,
    moving_clip,
    starter_app,
)


@pytest.fixture
def encoder():
    path = models_dir() / "encoder.onnx"
    if not path.exists():
        pytest.skip(f"needs the shipped encoder {path}")
    return Encoder(path)


@pytest.fixture
def context(tmp_path, encoder):
    context = AppContext(Settings(), embedded_dgs_samples(tmp_path / "signs.db", encoder), encoder)
    context.settings_path = tmp_path / "settings.json"
    yield context
    context.close()


def test_the_target_holds_the_signs_references_and_a_ready_calibration(context):
    sign = context.database.signs()[0]
    target = scoring_target(context, sign.id, sign.gloss)
    clip_ids = {clip.id for clip in context.database.clips(sign.id)}
    assert target is not None and (target.sign_id, target.gloss) == (sign.id, sign.gloss)
    assert set(target.references) == clip_ids and target.gallery is context.gallery()
    assert sign.id in target.gallery._calibrations  # nothing left to compute when the attempt ends


def test_feedback_compares_with_the_reference_as_shown_without_its_tracker_glitches(context):
    """The sample "Bier" (one-handed) has a left hand for 6 of its 22 frames, a tracker glitch: the reference
    played shows no left hand, and feedback's reference, the same clip, does not see one either (so a
    correction's picture and the player show the same hands)."""
    from desktop_app.core.judging.practice import practice_sign

    sign = context.database.signs()[0]
    (clip,) = [clip for clip in context.database.clips(sign.id)]
    assert sign.gloss == "Bier" and context.database.clip_pose(clip.id).mask[:, LEFT_HAND].any()
    shown = practice_sign(context, sign.id)
    assert shown.target is not None and shown.reference is shown.target.references[clip.id]
    assert not shown.reference.mask[:, LEFT_HAND].any()
    tracks = shown.target.prepared_reference(clip.id).tracks
    assert not tracks["left"].known.any() and tracks["right"].used


def test_the_target_reads_each_clip_of_its_sign_once(context, monkeypatch):
    """The hands its references are shown signed with are read from the clips it read: ClipHands read the
    sign's list of clips again, and every clip without a stored hand (as starter clips are)."""
    database = context.database
    sign = next(sign for sign in database.signs() if sign.gloss == "hallo")
    pose = database.clip_pose(database.clips(sign.id)[0].id)
    for start in (1, 2):  # clips without a stored hand
        database.add_clip(sign.id, pose.frames(slice(start, None)), ClipOrigin(f"more_{start}.npz"))
    run_job(context.missing_embeddings_job())
    poses_read, lists_read = [], []
    read_pose, read_clips = database.clip_pose, database.clips
    monkeypatch.setattr(
        database, "clip_pose", lambda clip_id: poses_read.append(clip_id) or read_pose(clip_id)
    )
    monkeypatch.setattr(database, "clips", lambda sign_id: lists_read.append(sign_id) or read_clips(sign_id))
    target = scoring_target(context, sign.id, sign.gloss)
    assert target is not None and len(target.references) == 4
    assert sorted(poses_read) == sorted(target.references) and lists_read == [sign.id]


def test_practising_a_sign_reads_and_cleans_each_of_its_clips_once(context, monkeypatch):
    """practice_sign listed the sign's clips and scoring_target listed them again; each reference was
    cleaned of its tracker glitches where its hand was read and again where it was mirrored (and each
    player cleaned it once more)."""
    from desktop_app.core.judging.practice import practice_sign
    from desktop_app.core.signing import view

    database = context.database
    sign = next(sign for sign in database.signs() if sign.gloss == "hallo")
    clip_ids = [clip.id for clip in database.clips(sign.id)]
    assert len(clip_ids) > 1
    poses_read, lists_read, cleaned = [], [], []
    read_pose, read_clips, clean = database.clip_pose, database.clips, view.without_tracker_glitches
    monkeypatch.setattr(
        database, "clip_pose", lambda clip_id: poses_read.append(clip_id) or read_pose(clip_id)
    )
    monkeypatch.setattr(database, "clips", lambda sign_id: lists_read.append(sign_id) or read_clips(sign_id))
    monkeypatch.setattr(view, "without_tracker_glitches", lambda pose: cleaned.append(pose) or clean(pose))
    shown = practice_sign(context, sign.id)
    assert shown.target is not None and sorted(shown.target.references) == sorted(clip_ids)
    assert (
        sorted(poses_read) == sorted(clip_ids) and lists_read == [sign.id] and len(cleaned) == len(clip_ids)
    )


def test_a_clip_given_to_a_player_is_read_once_with_its_hand(context, monkeypatch):
    """The library, the map, the search and the lessons read a clip, then read it again for its hand."""
    database = context.database
    sign = next(sign for sign in database.signs() if sign.gloss == "hallo")
    clip = database.clips(sign.id)[0]
    poses_read = []
    read_pose = database.clip_pose
    monkeypatch.setattr(
        database, "clip_pose", lambda clip_id: poses_read.append(clip_id) or read_pose(clip_id)
    )
    pose, hand = context.reference_clip(clip)
    assert poses_read.count(clip.id) == 1 and hand == context.clip_hand(clip)
    assert pose.equals(without_tracker_glitches(read_pose(clip.id)))


def test_a_left_handed_target_is_ready_at_once_and_scores_a_mirrored_attempt_like_the_original(
    tmp_path, encoder
):
    """Left-handed mode needs no embeddings of its own: on a copy of the starter database its target uses the
    one gallery, shows the references mirrored, and a left-hander's attempt (the mirror image) gets the
    score, nearest signs and nearest reference clip of the same attempt signed right-handed."""
    copy = tmp_path / "signs.db"
    copy.write_bytes((assets_dir() / "default_signs.db").read_bytes())
    with SignDatabase(copy) as database:
        right_handed = AppContext(Settings(), database, encoder)
        left_handed = AppContext(Settings(left_handed=True), database, encoder)
        job = left_handed.missing_embeddings_job()  # the starter database may hold another model's
        if job is not None:
            run_job(job)
        signs, scored = database.signs(), 0
        for sign in signs[::15]:
            left = scoring_target(left_handed, sign.id, sign.gloss)
            right = scoring_target(right_handed, sign.id, sign.gloss)
            assert left is not None and right is not None and left.gallery is left_handed.gallery()
            clip = database.clips(sign.id)[-1]
            assert left.references[clip.id].equals(right.references[clip.id].mirrored())  # the other hand
            pose = database.clip_pose(clip.id)
            attempt = pose.frames(slice(2, len(pose) - 1))  # not exactly a reference clip
            as_left = score_pose(encoder, left, attempt.mirrored(), ended_at=0.0).score
            as_right = score_pose(encoder, right, attempt, ended_at=0.0).score
            if as_right is None:  # not scored (Fußball's last clip: a hand seen in under half the sign)
                assert as_left is None  # nor as a left-hander
                continue
            scored += 1
            assert as_left is not None and as_left.score == pytest.approx(as_right.score, abs=1e-3)
            assert as_left.best_clip_id == as_right.best_clip_id
            assert [n.sign_id for n in as_left.nearest] == [n.sign_id for n in as_right.nearest]
        assert scored >= len(signs[::15]) - 1


def test_a_left_handed_clip_is_shown_as_signed_to_a_left_hander_and_an_attempt_like_it_is_not_told_off(
    context, encoder
):
    """The walk-through: a left-handed learner imported a clip signed with the left hand ("dominant hand:
    left"), and practising it with the same signing scored 85-89 "Well done" beside "This sign is made with
    the right hand, and you signed with your left": the reference had been mirrored to the right hand. Now
    it is shown as signed to a left-hander, mirrored to a right-hander, and neither is told to swap hands."""
    from signcore.formats import LabeledClip
    from signcore.ingest import import_clips
    from signcore.normalize import signing_hand

    starter = context.database.signs()[0]
    right_signed = context.database.clip_pose(context.database.clips(starter.id)[0].id)
    left_signed = right_signed.mirrored()
    assert signing_hand(left_signed) == "left"
    import_clips(context.database, [LabeledClip("mine", left_signed, "me.mp4")], language="DGS")
    run_job(context.missing_embeddings_job())
    context.notify_database_changed()
    sign = next(sign for sign in context.database.signs() if sign.gloss == "mine")
    (clip,) = context.database.clips(sign.id)
    assert clip.handedness == "left"

    for left_handed, attempt in ((True, left_signed), (False, right_signed)):
        context.update_settings(left_handed=left_handed)
        target = scoring_target(context, sign.id, sign.gloss)
        shown = without_tracker_glitches(attempt)  # (its other hand is seen in 6 of 22 frames)
        assert target is not None and target.references[clip.id].equals(shown)  # signed with their hand
        outcome = score_pose(encoder, target, attempt.frames(slice(1, len(attempt) - 1)), ended_at=0.0)
        assert outcome.score is not None and outcome.feedback is not None
        assert outcome.feedback.note is None
        assert not [item for item in outcome.feedback.items if "you signed with your" in item.message]


@contextmanager
def on_a_starter_copy(tmp_path, encoder) -> Iterator[tuple[AppContext, dict[tuple[str, str], Sign]]]:
    """A context on a copy of the starter database with its embeddings for ``encoder``, and its signs by
    (gloss, language)."""
    copy = tmp_path / "signs.db"
    copy.write_bytes((assets_dir() / "default_signs.db").read_bytes())
    with SignDatabase(copy) as database:
        context = AppContext(Settings(), database, encoder)
        job = context.missing_embeddings_job()  # the starter database may hold another model's
        if job is not None:
            run_job(job)
        yield context, {(sign.gloss, sign.language): sign for sign in database.signs()}


def test_a_one_handed_sign_does_not_ask_for_the_other_hand_a_two_handed_one_does(tmp_path, encoder):
    """Three of the eight starter clips of "hallo (DGS)", a one-handed sign, show the other hand raised in
    view: a one-handed attempt (another clip of it) compared with one of them was not judged ("Your left
    hand was not seen") and got no score. The hands a sign needs are those most of its references use:
    "can (ASL)" is made with both, and an attempt without its left hand still cannot be judged."""
    with on_a_starter_copy(tmp_path, encoder) as (context, signs):
        hallo = signs["hallo", "DGS"]
        target = scoring_target(context, hallo.id, hallo.gloss)
        assert target is not None and target.sign_hands() == ("right",)
        hands = {
            clip_id: tuple(
                hand for hand in ("left", "right") if target.prepared_reference(clip_id).tracks[hand].used
            )
            for clip_id in target.references
        }
        one_handed = [clip_id for clip_id, used in hands.items() if used == ("right",)]
        two_handed = [clip_id for clip_id, used in hands.items() if used == ("left", "right")]
        assert len(one_handed) >= 4 and len(two_handed) >= 2
        asked_for_it = 0  # by the reference alone, as the attempts were judged
        for attempt in one_handed[:2]:
            for reference in two_handed:
                alone = compare_with_reference(
                    target.references[attempt], target.prepared_reference(reference)
                )
                asked_for_it += not alone.judged and "left hand" in alone.message
                feedback = target.feedback(target.references[attempt], reference)
                assert feedback.judged, feedback.message
                assert "left hand" not in feedback.message
        assert asked_for_it >= len(two_handed)

        can = signs["can", "ASL"]
        target = scoring_target(context, can.id, can.gloss)
        assert target is not None and target.sign_hands() == ("left", "right")
        first, second = list(target.references)[:2]
        attempt = target.references[first]
        attempt = PoseSequence(
            attempt.points, attempt.mask.copy(), attempt.timestamps, attempt.width, attempt.height
        )
        attempt.mask[:, LEFT_HAND] = False
        feedback = target.feedback(attempt, second)
        assert not feedback.judged and "left hand was not seen" in feedback.message


def test_a_two_handed_sign_told_from_hallo_by_a_clip_showing_its_free_hand_is_told_the_hands_used(
    tmp_path, encoder
):
    """What tells "can (ASL)" (both hands) from "hallo (DGS)" (one) was judged by the hallo clip nearest the
    attempt alone: one showing the free hand raised made hallo two-handed, and the two were told apart by
    some part of a hand. Hallo's hands are those most of its clips use, as the sign practised's are."""
    with on_a_starter_copy(tmp_path, encoder) as (context, signs):
        hallo, can = signs["hallo", "DGS"], signs["can", "ASL"]
        hallo_target = scoring_target(context, hallo.id, hallo.gloss)
        assert hallo_target is not None
        raised = next(
            clip_id
            for clip_id in hallo_target.references
            if hallo_target.prepared_reference(clip_id).tracks["left"].used
        )
        target = scoring_target(context, can.id, can.gloss)
        assert target is not None and target.sign_hands() == ("left", "right")
        first = next(iter(target.references))
        outcome = score_pose(encoder, target, target.references[first], ended_at=0.0)
        assert outcome.score is not None
        like_hallo = replace(
            outcome.score,
            score=10.0,
            closer_signs=[Neighbour(hallo.id, hallo.gloss, "hallo (DGS)", 0.0)],
            looked_like_clip_id=raised,
        )
        said = target.feedback(target.references[first], first, score=like_hallo)
        assert said.look_alike is not None and said.look_alike.sign_hands == ("right",)
        assert said.contrast is not None and said.contrast.parameter == HANDS_USED
        assert "this sign is made with both hands, “hallo (DGS)” with one" in said.contrast.message
        read = []
        target.read_look_alike = lambda clip_id: read.append(clip_id) or hallo_target.references[clip_id]
        target.feedback(target.references[first], first, score=like_hallo)
        assert read == []  # hallo's hands known and its clip shown prepared: nothing is read again


def sample_target() -> ScoringTarget:
    """A target whose references are the committed DGS samples (four clips) and whose gallery reads no
    clip (nothing for the prefetch to read but the references)."""
    clips = load_dgs(TEST_DATA / "dgs" / "3D_full")
    references = {clip_id: clip.pose for clip_id, clip in enumerate(clips, start=1)}
    gallery = Gallery(np.array(list(references)), np.ones(len(references), int), ["hallo"] * 4, np.eye(4))
    return ScoringTarget(1, "hallo", gallery, references)


def same_preparation(prepared: PreparedReference, expected: PreparedReference) -> None:
    assert prepared.leeway.keys() == expected.leeway.keys()
    for hand, by_parameter in expected.leeway.items():
        assert by_parameter.keys() == prepared.leeway[hand].keys()
        for parameter, leeway in by_parameter.items():
            np.testing.assert_array_equal(prepared.leeway[hand][parameter], leeway)
    for hand, track in expected.tracks.items():
        assert prepared.tracks[hand].used == track.used


class LockSayingWhenWaitedFor:
    """A lock that sets ``waited_for`` when a thread finds it held: how a test sees that thread wait."""

    def __init__(self, waited_for: threading.Event):
        self._lock = threading.Lock()
        self._waited_for = waited_for

    def acquire(self, blocking: bool = True) -> bool:
        if self._lock.acquire(blocking=False):
            return True
        if blocking:
            self._waited_for.set()
        return self._lock.acquire(blocking)

    def release(self) -> None:
        self._lock.release()

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exception) -> None:
        self.release()


def test_two_threads_asking_at_once_prepare_the_signs_references_once(monkeypatch):
    """The prefetch and the first attempt's scoring may both ask for the references prepared (DTW, half a
    second for a sign of 50 clips): the one asking second waits for the first one's result."""
    target = sample_target()
    second_asks = threading.Event()
    target._preparing = LockSayingWhenWaitedFor(second_asks)
    calls = []

    def prepare_counted(poses, *args):
        calls.append(threading.current_thread().name)
        if len(calls) == 1:
            assert second_asks.wait(timeout=60)  # the first holds on until the second asks too
        else:
            second_asks.set()
        return prepare_references(poses, *args)

    monkeypatch.setattr(practice, "prepare_references", prepare_counted)
    clip_id = next(iter(target.references))
    prepared = {}
    threads = [
        threading.Thread(
            target=lambda: prepared.update(
                {threading.current_thread().name: target.prepared_reference(clip_id)}
            ),
            name=name,
        )
        for name in ("prefetch", "scoring")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(calls) == 1
    assert prepared.keys() == {"prefetch", "scoring"} and prepared["prefetch"] is prepared["scoring"]


def test_a_prefetch_cancelled_while_preparing_stops_there_and_leaves_nothing_half_prepared():
    """Another sign chosen while the prefetch prepares this one's references: it stops at its next step, and
    the attempt that asks next prepares them all, as if the prefetch had never begun."""
    target = sample_target()
    steps = []

    def report(done, total, message):
        steps.append((done, total))
        if done == 2:
            control.cancel()  # another sign chosen

    control = JobControl(report)
    with pytest.raises(JobCancelled):
        target.prefetch(control)
    assert steps == [(1, 8), (2, 8)]  # two steps per clip: alone, then with its leeway
    expected = prepare_references(target.references)
    for clip_id, reference in expected.items():
        same_preparation(target.prepared_reference(clip_id), reference)
    assert target.sign_hands() == hands_signing(list(expected.values()))


def test_the_prefetch_leaves_the_references_to_an_attempt_already_preparing_them(monkeypatch):
    """An attempt that ends before the prefetch gets to the references prepares them itself; the prefetch,
    coming second, neither prepares them again nor waits (which would hold up a cancel)."""
    target = sample_target()
    preparing, prefetch_done = threading.Event(), threading.Event()
    calls = []

    def prepare_counted(poses, *args):
        calls.append(threading.current_thread().name)
        preparing.set()
        assert prefetch_done.wait(timeout=60)
        return prepare_references(poses, *args)

    monkeypatch.setattr(practice, "prepare_references", prepare_counted)
    clip_id = next(iter(target.references))
    scoring = threading.Thread(target=target.prepared_reference, args=(clip_id,), name="scoring")
    scoring.start()
    assert preparing.wait(timeout=60)
    run_job(target.prefetch)
    prefetch_done.set()
    scoring.join(timeout=60)
    assert calls == ["scoring"]
    same_preparation(target.prepared_reference(clip_id), prepare_references(target.references)[clip_id])


def test_the_prefetch_prepares_the_references_before_it_reads_the_nearest_signs_motion(monkeypatch):
    """An attempt ending while the prefetch read the nearest signs' motion (a second or more) found its
    sign's references not prepared yet, and spent a few tenths of a second preparing them itself."""
    target = sample_target()
    preparations = []

    def prepare_counted(poses, *args):
        preparations.append(threading.current_thread().name)
        return prepare_references(poses, *args)

    monkeypatch.setattr(practice, "prepare_references", prepare_counted)
    clip_id = next(iter(target.references))
    feedback = []

    def reading_motion(sign_id, cancelled):  # an attempt ends meanwhile, on the scoring thread
        scoring = threading.Thread(
            target=lambda: feedback.append(target.feedback(target.references[clip_id], clip_id)),
            name="scoring",
        )
        scoring.start()
        scoring.join(timeout=60)

    monkeypatch.setattr(target.gallery, "prefetch_motion", reading_motion)
    prefetch = threading.Thread(target=run_job, args=(target.prefetch,), name="prefetch")
    prefetch.start()
    prefetch.join(timeout=60)
    assert preparations == ["prefetch"] and len(feedback) == 1


def test_the_prefetch_measures_the_signs_motion_typical_before_it_prepares_the_references(monkeypatch):
    """An attempt ending half a second after its sign was chosen waited in its ranking for the sign's motion
    typical, which the prefetch measured only once it had prepared the references (tools/
    measure_first_attempt.py, "signed after 0.5 s": 315 -> 646 ms, medians of 5). Measured first, an
    attempt's ranking finds it ready; the references an attempt needs meanwhile it prepares itself."""
    target = sample_target()
    steps = []

    def prepare_counted(poses, *args):
        steps.append("prepare")
        return prepare_references(poses, *args)

    monkeypatch.setattr(practice, "prepare_references", prepare_counted)
    monkeypatch.setattr(target.gallery, "motion_typical", lambda sign_id: steps.append("motion typical"))
    run_job(target.prefetch)
    assert steps == ["motion typical", "prepare"]


def same_outcome(outcome, expected) -> None:
    assert outcome.score is not None and expected.score is not None and outcome.feedback is not None
    assert outcome.score.to_json() == expected.score.to_json()  # the score, the nearest signs
    assert outcome.feedback.to_json() == expected.feedback.to_json()  # the correction and its moment
    assert outcome.reference_clip_id == expected.reference_clip_id


def test_an_attempt_is_scored_alike_during_the_prefetch_and_after_it_with_nothing_left_to_do(
    context, encoder, monkeypatch
):
    """The prefetch and the attempt's scoring share what they read and prepare: an attempt ending while it
    runs gets the result of one scored without it, and once it is done, an attempt reads no reference
    clip and prepares no reference (it only aligns itself with them)."""
    sign = context.database.signs()[0]
    attempt = context.database.clip_pose(context.database.clips(sign.id)[-1].id)
    before = scoring_target(context, sign.id, sign.gloss)
    expected = score_pose(encoder, before, attempt, 0.0)
    context.notify_database_changed()  # a gallery anew: nothing read yet
    target = scoring_target(context, sign.id, sign.gloss)
    assert target is not None and target.gallery is not before.gallery and not target.gallery._motion
    prefetch_reading, scoring_asks = threading.Event(), threading.Event()
    target.gallery._reading = ClaimsSayingWhenFound(scoring_asks)
    read_stored = target.gallery.read_pose
    held_until_asked = []

    def read_slowly(clip_id):  # the prefetch's first read holds on until the scoring asks for a clip too
        if threading.current_thread() is prefetch and not prefetch_reading.is_set():
            prefetch_reading.set()
            held_until_asked.append(scoring_asks.wait(timeout=60))
        elif threading.current_thread() is not prefetch:
            scoring_asks.set()
        return read_stored(clip_id)

    monkeypatch.setattr(target.gallery, "read_pose", read_slowly)
    prefetch = threading.Thread(target=run_job, args=(target.prefetch,))
    prefetch.start()
    assert prefetch_reading.wait(timeout=60)  # references prepared, reading the nearest signs' motion
    same_outcome(score_pose(encoder, target, attempt, 0.0), expected)
    prefetch.join(timeout=60)
    assert held_until_asked == [True]  # the attempt was scored while the prefetch ran

    reads, preparations = [], []
    read_pose = target.gallery.read_pose
    monkeypatch.setattr(
        target.gallery, "read_pose", lambda clip_id: reads.append(clip_id) or read_pose(clip_id)
    )
    monkeypatch.setattr(practice, "prepare_references", lambda *args: preparations.append(args))
    same_outcome(score_pose(encoder, target, attempt, 0.0), expected)
    assert reads == [] and preparations == []


def test_a_sign_with_clips_but_no_embedding_yet_cannot_be_scored(context):
    sign_id = context.database.add_sign("NEW", "DGS")
    context.database.add_clip(sign_id, moving_clip())
    context.notify_database_changed()
    assert scoring_target(context, sign_id, "NEW") is None
    assert run_job(context.missing_embeddings_job()) == 1
    context.notify_database_changed()
    assert scoring_target(context, sign_id, "NEW") is not None


def test_a_result_holds_only_while_the_sign_is_as_scorable_as_when_it_came(context):
    """A result of the sign before it could be scored ("cannot be scored yet") went on being shown once it
    could; one scored goes, unsaid (the note says why), once it cannot be."""
    from desktop_app.core.judging.practice import RESULT_BEFORE_SCORING, practice_sign

    sign_id = context.database.add_sign("NEW", "DGS")
    context.database.add_clip(sign_id, moving_clip())
    context.notify_database_changed()
    unscorable = practice_sign(context, sign_id)
    assert unscorable.target is None and unscorable.result_after(practice_sign(context, sign_id)) is None
    run_job(context.missing_embeddings_job())
    context.notify_database_changed()
    scorable = practice_sign(context, sign_id)
    assert scorable.target is not None
    assert unscorable.result_after(scorable) == RESULT_BEFORE_SCORING
    assert scorable.result_after(unscorable) == ""


def test_the_last_sign_comes_back_itself_not_another_of_its_name(tmp_path):
    """Remembered by its name alone, the first sign of that name came back after a restart: 'hallo' without
    a language (an import) instead of the starter 'hallo' in DGS that was practised."""
    database = SignDatabase(tmp_path / "signs.db")
    imported = database.add_sign("hallo")  # listed first
    starter = database.add_sign("hallo", "DGS")
    context = AppContext(Settings(), database, None, tmp_path / "settings.json")
    assert initial_sign_id(context) is None  # first start: nothing practised yet
    remember_sign(context, database.sign(starter))
    context.close()  # saves the settings, closes the database
    database = SignDatabase(tmp_path / "signs.db")
    path = tmp_path / "settings.json"
    restarted = AppContext(Settings.load(path), database, None, path)
    assert initial_sign_id(restarted) == starter
    restarted.remember(language="ASL")  # the list shows another language now: still that sign, no other
    assert initial_sign_id(restarted) == starter

    database.delete_sign(starter)  # deleted, and made anew: the sign of its name and language
    anew = database.add_sign("hallo", "DGS")
    assert initial_sign_id(restarted) == anew
    database.delete_sign(anew)
    assert initial_sign_id(restarted) is None  # not the other "hallo"
    remember_sign(restarted, database.sign(imported))
    database.update_sign(imported, gloss="winken")  # a sign of another name under that id is not it
    assert initial_sign_id(restarted) is None
    restarted.close()


def test_settings_of_an_older_version_bring_back_the_sign_of_that_name_practised_last(tmp_path):
    database = SignDatabase(tmp_path / "signs.db")
    database.add_sign("hallo")
    starter = database.add_sign("hallo", "DGS")
    database.add_attempt(starter, 60.0)
    path = tmp_path / "settings.json"
    path.write_text('{"last_sign": "hallo", "language": null}')  # the name alone
    context = AppContext(Settings.load(path), database, None, path)
    assert initial_sign_id(context) == starter
    context.close()


def test_an_unusable_model_or_database_changes_no_setting(context, tmp_path):
    broken = tmp_path / "broken.onnx"
    broken.write_text("not a model")
    encoder, database = context.encoder, context.database
    with pytest.raises(InputError, match="broken.onnx"):
        context.apply_settings(model_path=str(broken), mirror_display=False)
    with pytest.raises(InputError):
        context.apply_settings(database_path=str(tmp_path), mirror_display=False)  # a folder
    assert context.settings == Settings() and (context.encoder, context.database) == (encoder, database)


def test_another_database_is_opened_by_the_context_with_its_own_undo_history(context, tmp_path):
    old = context.database
    old_path, deleted = old.path, old.signs()[0]
    context.library.delete_sign(deleted)
    switched = []
    context.events.database_changed.connect(lambda: switched.append(context.database))
    assert context.apply_settings(database_path=str(tmp_path / "other.db"), playback_speed=0.25)
    assert switched == [context.database] and context.database is not old
    assert context.database.signs() == [] and context.library.undo_stack == []
    assert Settings.load(tmp_path / "settings.json").playback_speed == 0.25
    assert not context.apply_settings(playback_speed=0.5)  # nothing to switch
    assert context.apply_settings(database_path=str(old_path))  # back: its deletion can still be undone
    assert context.library.undo().row_id == deleted.id


def test_a_chosen_sign_is_shown_with_its_reference_a_plain_note_and_remembered(context):
    from desktop_app.core.judging.practice import PracticeSign, practice_sign

    sign = context.database.signs()[0]
    shown = practice_sign(context, sign.id)
    assert shown.title.startswith(sign.gloss) and shown.target is not None
    assert shown.reference is shown.target.references[next(iter(shown.target.references))]
    assert len(context.database.clips(sign.id)) == 1 and shown.note.startswith("1 reference clip.")
    assert context.settings.last_sign == sign.gloss

    assert practice_sign(context, None) == PracticeSign("Choose a sign", "")
    gone = practice_sign(context, 10_000)  # e.g. deleted in another window
    assert gone.target is None and gone.reference is None and gone.note
    context.set_encoder(None)
    unscored = practice_sign(context, sign.id)
    assert unscored.target is None and unscored.reference is not None
    assert "No sign model" in unscored.note


def test_the_reference_played_is_the_clip_the_result_compares_with(context):
    """hello (ASL) after a recorded clip of it: the player looped the sign's first clip (0.3 s) while the
    correction named "2.9-3.6 s" of the nearest clip, a 3.6 s one. While a result compares the attempt with
    another clip of the sign, that clip is played, captioned as the closest one; the sign's own reference
    again with no result, or a result nearest to it."""
    from desktop_app.core.judging.practice import CLOSEST_CLIP_CAPTION, REFERENCE_CAPTION, practice_sign

    sign = next(sign for sign in context.database.signs() if sign.gloss == "hallo")
    shown = practice_sign(context, sign.id)
    assert shown.target is not None and shown.reference is not None
    first, second = (clip.id for clip in context.database.clips(sign.id))
    assert shown.clip_id == first and shown.reference is shown.target.references[first]
    played = shown.reference_played(None)
    assert played is not None and (played.clip_id, played.caption) == (first, REFERENCE_CAPTION)

    other = shown.target.references[second]
    near_the_second = score_pose(context.encoder, shown.target, other.frames(slice(0, len(other) - 1)), 0.0)
    assert near_the_second.reference_clip_id == second and near_the_second.reference is other
    played = shown.reference_played(near_the_second)
    assert played is not None and (played.clip_id, played.caption) == (second, CLOSEST_CLIP_CAPTION)
    assert played.pose is other  # as shown: by the view convention, as the sign's reference is

    own = shown.reference
    near_the_first = score_pose(context.encoder, shown.target, own.frames(slice(1, len(own) - 1)), 0.0)
    assert near_the_first.reference_clip_id == first
    assert shown.reference_played(near_the_first) == shown.reference_played(None)


def test_the_closest_clip_played_says_when_it_is_the_learners_own_recording(context):
    """A recording the learner kept anyway, unlike the sign's other clips, became the practice page's
    "Closest reference clip" with nothing saying it was their own: the caption says so."""
    from desktop_app.core.app.models_switch import embed_missing
    from desktop_app.core.collection.library import RECORDED_SOURCE
    from desktop_app.core.judging.practice import (
        CLOSEST_CLIP_CAPTION,
        OWN_CLOSEST_CLIP_CAPTION,
        practice_sign,
    )

    sign = next(sign for sign in context.database.signs() if sign.gloss == "hallo")
    first, second = (clip.id for clip in context.database.clips(sign.id))
    kept = context.database.clip_pose(second)
    recording = context.database.add_clip(
        sign.id, kept.frames(slice(0, len(kept) - 1)), ClipOrigin(RECORDED_SOURCE)
    )
    context.database.delete_clip(second)  # the recording is the clip an attempt like it is nearest to
    embed_missing(context.database, context.encoder)
    context.notify_database_changed()
    shown = practice_sign(context, sign.id)
    assert shown.target is not None and shown.clip_id == first
    own = shown.target.references[recording]
    near_the_recording = score_pose(context.encoder, shown.target, own.frames(slice(0, len(own) - 1)), 0.0)
    assert near_the_recording.reference_clip_id == recording
    played = shown.reference_played(near_the_recording)
    assert played is not None and (played.clip_id, played.caption) == (recording, OWN_CLOSEST_CLIP_CAPTION)
    assert OWN_CLOSEST_CLIP_CAPTION.startswith(CLOSEST_CLIP_CAPTION)


def test_a_clip_played_that_was_kept_despite_the_warning_is_marked_and_said_until_its_warning_is_cleared(
    context,
):
    """A recording kept "anyway", unlike the sign's other clips, was marked in the Library only: in Practice,
    where an attempt nearest to it was judged against it, the learner judged oddly had no hint why."""
    from desktop_app.core.app.models_switch import embed_missing
    from desktop_app.core.collection.library import RECORDED_SOURCE
    from desktop_app.core.judging.practice import OWN_CLOSEST_CLIP_CAPTION, PLAYED_KEPT_DESPITE, practice_sign

    sign = next(sign for sign in context.database.signs() if sign.gloss == "hallo")
    first, second = (clip.id for clip in context.database.clips(sign.id))
    kept = context.database.clip_pose(second)
    why = "Movement: your right hand moved less than in the reference."
    recording = context.database.add_clip(
        sign.id, kept.frames(slice(0, len(kept) - 1)), ClipOrigin(RECORDED_SOURCE, kept_despite=why)
    )
    context.database.delete_clip(second)  # the recording is the clip an attempt like it is nearest to
    embed_missing(context.database, context.encoder)
    shown = practice_sign(context, sign.id)
    assert shown.target is not None
    own = shown.target.references[recording]
    near_the_recording = score_pose(context.encoder, shown.target, own.frames(slice(0, len(own) - 1)), 0.0)
    assert near_the_recording.reference_clip_id == recording
    played = shown.reference_played(near_the_recording)
    assert played is not None and played.caption == f"⚠ {OWN_CLOSEST_CLIP_CAPTION}"
    assert (
        played.note
        == PLAYED_KEPT_DESPITE
        == (
            "⚠ Kept although it looked unlike this sign's other clips. If you are judged oddly, it may be"
            " why: in the Library, delete it or clear its warning."
        )
    )
    unmarked = shown.reference_played(None)  # the sign's reference, kept unwarned
    assert unmarked is not None and (unmarked.clip_id, unmarked.note) == (first, "")

    context.library.clear_warning(context.database.clip(recording))
    cleared = practice_sign(context, sign.id).reference_played(near_the_recording)
    assert cleared is not None and (cleared.caption, cleared.note) == (OWN_CLOSEST_CLIP_CAPTION, "")


def test_left_handed_mode_shows_the_learners_own_recording_as_signed_and_feedback_names_their_hand(context):
    """A left-hander's own recording (signed with the left hand) is the reference as recorded, not mirrored
    into a right-handed one, while the imported clips of the sign are mirrored; an attempt like the recording
    is judged hand by hand against it, not told it was signed with the wrong hand."""
    from desktop_app.core.collection.library import Library, Recording
    from desktop_app.core.judging.feedback import compare_with_reference
    from signcore.normalize import signing_hand

    context.update_settings(left_handed=True)
    sign = context.database.signs()[0]
    imported = context.database.clips(sign.id)[0]
    recorded = context.database.clip_pose(imported.id).mirrored()  # the learner signs with the left hand
    own_id = Library(context).add_recorded_clip(sign.id, Recording.of(recorded))
    run_job(context.missing_embeddings_job())
    target = scoring_target(context, sign.id, sign.gloss)
    # Both without their tracker's glitches (the other hand, seen in 6 of 22 frames)
    assert target is not None and target.references[own_id].equals(without_tracker_glitches(recorded))
    imported_pose = without_tracker_glitches(context.database.clip_pose(imported.id))
    assert target.references[imported.id].equals(imported_pose.mirrored())

    attempt = recorded.frames(slice(2, len(recorded) - 1))
    feedback = compare_with_reference(attempt, target.references[own_id])
    assert signing_hand(attempt) == "left"
    assert not [item.message for item in feedback.items if "you signed with your" in item.message]
    assert "left" in {item.hand for item in feedback.items if item.score is not None}


def test_the_list_filter_is_cleared_only_as_far_as_it_hides_the_sign_chosen(tmp_path):
    with SignDatabase(tmp_path / "signs.db") as database:
        mainz, hallo = database.add_sign("Mainz", "DGS"), database.add_sign("hallo", "DGS")
        hello = database.add_sign("hello", "ASL")
        assert list_filter_showing(database, mainz, "mainz", "DGS") == ("mainz", "DGS")  # it lists it
        assert list_filter_showing(database, hallo, "mainz", "DGS") == ("", "DGS")
        assert list_filter_showing(database, hallo, "hal", "ASL") == ("", None)
        assert list_filter_showing(database, hello, "", "DGS") == ("", None)
        assert list_filter_showing(database, None, "mainz", "DGS") == ("mainz", "DGS")


@pytest.mark.slow
def test_a_sign_imported_from_a_selfie_video_is_noted_in_the_learners_hands(
    context, encoder, signing_video_pose
):
    """The walk-through: the signing video imported as a new sign (the selfie question answered yes: the
    signer's left hand), then practised with the same video as the camera (a selfie): "Well done" beside
    "Note: you signed with your left hand, the reference with its right hand", although the learner had
    recorded it with their left. Left-handed mode off, the attempt is compared with the reference mirrored
    to the hand it was signed with (shown so beside the correction), and the note says so and names the
    setting; a left-hander is told nothing."""
    from desktop_app.core.importing.imports import VIDEOS, ImportRequest, run_import

    request = ImportRequest(VIDEOS, [str(SIGNING_VIDEO)], language="DGS", gloss="mine", selfie_videos=True)
    run_import(context.database, request, lambda *_args, **_kwargs: None, lambda: False, [])
    run_job(context.missing_embeddings_job())
    context.notify_database_changed()
    sign = next(sign for sign in context.database.signs() if sign.gloss == "mine")
    assert [clip.handedness for clip in context.database.clips(sign.id)] == ["left"]
    attempt = signing_video_pose  # the camera: the same video, a selfie (read_signing's extraction of it)

    target = scoring_target(context, sign.id, sign.gloss)  # a right-handed learner: shown mirrored
    outcome = score_pose(encoder, target, attempt, ended_at=0.0)
    assert outcome.feedback is not None and outcome.feedback.mirrored_note is not None
    assert outcome.feedback.mirrored_note.startswith(
        "Compared with the reference mirrored, as you signed with your left hand."
    )
    assert outcome.feedback.message.endswith(outcome.feedback.mirrored_note)
    assert {item.hand for item in outcome.feedback.items} == {"left"}
    shown = target.references[outcome.reference_clip_id]
    assert outcome.reference is outcome.feedback.mirrored_reference
    assert np.array_equal(outcome.reference.points, shown.mirrored().points)
    # The player plays it as the setting shows it, its close-up on the setting's hand
    played = PlayedClips().compared_with(outcome, "Closest reference clip")
    assert played is not None and np.allclose(played.pose.points, shown.points)
    context.update_settings(left_handed=True)  # shown as recorded: signed as the learner signs
    target = scoring_target(context, sign.id, sign.gloss)
    outcome = score_pose(encoder, target, attempt, ended_at=0.0)
    assert outcome.feedback is not None and outcome.feedback.mirrored_note is None
    assert outcome.reference is target.references[outcome.reference_clip_id]
    assert not [item for item in outcome.feedback.items if "you signed with your" in item.message]


def test_a_target_without_a_clip_scores_as_one_built_without_it_and_prepares_nothing_again(
    tmp_path, monkeypatch
):
    """The clip check judges each of a sign's clips against the rest (clip_check): a target built anew for
    each read and prepared the sign's clips again each time (1.0 s for DGS "lieben"'s 8, 5 s under load).
    Made from the sign's target, prepared for its own attempts, one scores an attempt as the one built anew
    does, and neither prepares a clip of the sign alone again nor aligns a pair of them again (the clip of
    another sign an attempt looked more like is read and prepared for what tells the two apart)."""
    context = starter_app(tmp_path)
    lieben = next(
        sign for sign in context.database.signs() if (sign.gloss, sign.language) == ("lieben", "DGS")
    )
    target = scoring_target(context, lieben.id, lieben.gloss)
    assert target is not None and context.encoder is not None
    target.sign_hands()  # prepared, as for an attempt
    prepared_alone, aligned = [], []
    prepare = PreparedReference.of
    for left_out in list(target.references)[:3]:
        attempt = context.database.clip_pose(left_out)
        gallery = target.gallery.without_clips([left_out])
        anew = scoring_target(context, lieben.id, lieben.gloss, gallery=gallery)
        expected = score_pose(context.encoder, anew, attempt, 0.0)
        with monkeypatch.context() as spying:
            spying.setattr(PreparedReference, "of", lambda pose: prepared_alone.append(pose) or prepare(pose))
            spying.setattr(feedback, "_frame_costs", lambda *pair: aligned.append(pair))
            smaller = target.without(gallery)
            assert smaller is not None and set(smaller.references) == set(target.references) - {left_out}
            same_outcome(score_pose(context.encoder, smaller, attempt, 0.0), expected)
    assert aligned == []
    assert not [pose for pose in prepared_alone if any(pose is shown for shown in target.references.values())]
    context.close()


def test_the_other_signs_clip_kept_despite_the_warning_is_marked_and_said_when_played(tmp_path):
    """ "Compare with “letter A”" played A's clip kept despite the clip check's warning under "Yours looked
    like: letter A (ASL)", unmarked and unsaid: the ⚠ came only with a clip of the sign practised, though the
    learner is told what tells E from A by that flagged clip. Any clip played is marked and said alike."""
    from desktop_app.core.judging.practice import LOOK_ALIKE_CAPTION, PLAYED_KEPT_DESPITE, practice_sign

    context = starter_app(tmp_path)
    database = context.database
    signs = {(sign.gloss, sign.language): sign for sign in database.signs()}
    e, a = signs["e", "ASL"], signs["a", "ASL"]
    a_clips = database.clips(a.id)
    for clip in a_clips:
        database.set_kept_despite(clip.id, "Your right hand was lower than in the reference.")
    shown = practice_sign(context, e.id)
    assert shown.target is not None
    outcome = score_pose(context.encoder, shown.target, database.clip_pose(a_clips[0].id), 0.0)
    played = shown.clips_played.look_alike(outcome)
    assert played is not None and played.clip_id in {clip.id for clip in a_clips}
    assert played.caption == f"⚠ {LOOK_ALIKE_CAPTION.format(name='letter A (ASL)')}"
    assert played.note == PLAYED_KEPT_DESPITE
    database.set_kept_despite(played.clip_id, None)  # "This clip is fine" in the Library
    cleared = practice_sign(context, e.id).clips_played.look_alike(outcome)  # the page loads the sign again
    assert cleared is not None and cleared.clip_id == played.clip_id
    assert (cleared.caption, cleared.note) == (LOOK_ALIKE_CAPTION.format(name="letter A (ASL)"), "")
    context.close()


def test_an_attempt_like_another_sign_is_told_how_the_two_differ_and_offered_that_signs_clip(tmp_path):
    """Clips of the letter A (starter database) as attempts at E: they look more like A, and were told to
    "compare the two signs" with no way to see A nor word of how it differs. Now A's clip nearest the
    attempt is read as shown (as its own page would play it), what tells E from A is said, and the page is
    given that clip to play. A target told not to read other signs (the clip check's) only names A."""
    from desktop_app.core.judging.practice import LOOK_ALIKE_CAPTION, practice_sign, reference_as_shown

    context = starter_app(tmp_path)
    database = context.database
    signs = {(sign.gloss, sign.language): sign for sign in database.signs()}
    e, a = signs["e", "ASL"], signs["a", "ASL"]
    shown = practice_sign(context, e.id)
    assert shown.target is not None
    told = 0
    for clip in database.clips(a.id)[:3]:
        outcome = score_pose(context.encoder, shown.target, database.clip_pose(clip.id), 0.0)
        score, said = outcome.score, outcome.feedback
        assert score is not None and said is not None and score.looked_like == "letter A (ASL)"
        assert score.looked_like_clip_id in {clip.id for clip in database.clips(a.id)}
        look_alike = said.look_alike
        assert look_alike is not None and look_alike.clip_id == score.looked_like_clip_id
        as_shown = reference_as_shown(context, database.clip(look_alike.clip_id))
        assert np.array_equal(look_alike.reference.pose.points, as_shown.points)
        assert said.contrast is not None and "“letter A (ASL)”" in said.message
        told += said.contrast.message in said.message
        played = shown.clips_played.look_alike(outcome)
        assert played is not None and played.clip_id == look_alike.clip_id
        assert played.pose is look_alike.reference.pose
        assert played.caption == LOOK_ALIKE_CAPTION.format(name="letter A (ASL)")
    assert told  # replacing the correction of an attempt without a clear mistake
    naming_only = practice.scoring_target(context, e.id, e.gloss, look_alikes=False)
    outcome = score_pose(context.encoder, naming_only, database.clip_pose(database.clips(a.id)[0].id), 0.0)
    assert outcome.feedback.look_alike == feedback.LookAlike("letter A (ASL)")
    assert outcome.feedback.contrast is None and shown.clips_played.look_alike(outcome) is None
    context.close()


def test_a_praised_result_says_well_done_without_naming_a_closer_sign():
    """ "Well done: that looks like the reference. It looks closer to letter W (ASL) than to please
    (ASL)." came with no Compare: praise and a sign it looked more like in one breath, and no way to see it.
    Below GOOD_SCORE the closer sign is named (and offered to compare); praised, the ranking shows it."""
    from desktop_app.core.judging.practice import result_words
    from desktop_app.core.judging.scoring import GOOD_SCORE, AttemptScore, Calibration, Neighbour

    letter_w, please = Neighbour(2, "w", "letter W (ASL)", 0.1), Neighbour(1, "please", "please (ASL)", 0.2)
    for score, named in ((GOOD_SCORE + 5.0, False), (GOOD_SCORE - 5.0, True)):
        attempt = AttemptScore(
            1, "please", "please (ASL)", score, 0.2, [letter_w, please], [letter_w], Calibration(0.1, 0.3), 7
        )
        verdict, nearest = result_words(attempt, {})
        assert ("closer to <b>letter W (ASL)</b>" in verdict) == named, verdict
        assert "letter\u00a0W" in nearest  # ranked first either way


def test_a_scores_verdict_and_colour_follow_the_same_bands():
    """Good from GOOD_SCORE, close from FAIR_SCORE, else not yet: the words and the colour agree."""
    from desktop_app.core.judging.practice import FAIR_SCORE, score_colour, verdict
    from desktop_app.core.judging.scoring import GOOD_SCORE

    bands = {
        GOOD_SCORE: "Well done",
        GOOD_SCORE - 0.5: "Close",
        FAIR_SCORE: "Close",
        FAIR_SCORE - 0.5: "Not quite yet",
    }
    for score, said in bands.items():
        assert verdict(score).startswith(said), score
    assert len({score_colour(GOOD_SCORE), score_colour(FAIR_SCORE), score_colour(FAIR_SCORE - 0.5)}) == 3
    assert score_colour(GOOD_SCORE - 0.5) == score_colour(FAIR_SCORE)
