"""A new reference clip judged against its sign's other clips before it is kept (core.judging.clip_check),
with real clips: the starter database's and the signing video's."""

import re
from collections import Counter
from dataclasses import replace

import numpy as np
import pytest

from desktop_app.core.app.context import AppContext
from desktop_app.core.app.models_switch import embed_missing
from desktop_app.core.collection.library import Recording
from desktop_app.core.importing.imports import (
    FOLDER,
    POSE_FILES,
    SPOTER_CSV,
    VIDEOS,
    ImportRequest,
    PendingClip,
    review_intro,
    run_import,
)
from desktop_app.core.judging import clip_check
from desktop_app.core.judging.clip_check import ClipCheck
from desktop_app.core.judging.feedback import PreparedReference
from desktop_app.core.judging.scoring import CONFUSABLE_SCORE
from desktop_app.core.signing.view import ViewConvention, reference_clip, without_tracker_glitches
from signcore.formats.clip import LabeledClip
from signcore.formats.posefile import write_pose
from signcore.formats.spoter import write_spoter_csv
from signcore.ingest import import_clips
from signcore.layout import LEFT_HAND, LEFT_SHOULDER, RIGHT_HAND, RIGHT_SHOULDER, PoseSequence
from tests.support import SIGNING_VIDEO, starter_app

UNLIKE_HELLO = "This clip looks unlike the other clips of “hello (ASL)”."


@pytest.fixture
def context(tmp_path):
    """A right-handed learner's app over a copy of the starter database, with the shipped model."""
    context = starter_app(tmp_path)
    yield context
    context.close()


def sign_id(context: AppContext, gloss: str, language: str = "ASL") -> int:
    return next(
        sign.id for sign in context.database.signs() if (sign.gloss, sign.language) == (gloss, language)
    )


def taken_out(context: AppContext, gloss: str) -> PoseSequence:
    """A clip of the ASL sign ``gloss`` as a new clip: deleted from the database (so that it is not compared
    with itself), as stored."""
    clip = context.database.clips(sign_id(context, gloss))[0]
    pose = context.database.clip_pose(clip.id)
    context.database.delete_clip(clip.id)
    return pose


def lowered(pose: PoseSequence, shoulder_widths: float) -> PoseSequence:
    """``pose`` with both hands ``shoulder_widths`` lower (the body where it was)."""
    points = pose.points.copy()
    shoulders = np.linalg.norm(points[:, LEFT_SHOULDER, :2] - points[:, RIGHT_SHOULDER, :2], axis=1)
    for hand in (LEFT_HAND, RIGHT_HAND):
        points[:, hand, 1] += shoulder_widths * float(np.median(shoulders))
    return PoseSequence(points, pose.mask, pose.timestamps, pose.width, pose.height)


def test_a_real_clip_of_the_sign_looks_like_its_other_clips(context):
    pose = taken_out(context, "hello")
    check = ClipCheck(context)
    hello = sign_id(context, "hello")
    assert check.compares(hello)
    assert check.unlike(hello, pose) is None


def test_a_clip_of_another_sign_looks_unlike_the_signs_clips_with_the_judges_one_correction(context):
    please = taken_out(context, "please")
    unlike = ClipCheck(context).unlike(sign_id(context, "hello"), please)
    assert unlike is not None and unlike.nearest is not None  # the clip the correction compares it with
    assert unlike.words.startswith(UNLIKE_HELLO)
    assert re.search(r"\b(Location|Movement|Handshape|Palm orientation|Both hands):", unlike.words)
    assert not re.search(r"\d", unlike.words), unlike.words  # no score, the moment in words: no figures


MOMENT = "(at the start|in the middle|at the end|all through) (of )?the sign"  # feedback._when's words


def test_a_clip_of_the_sign_a_shoulder_width_lower_is_told_its_hand_was_lower(context):
    hello = taken_out(context, "hello")
    unlike = ClipCheck(context).unlike(sign_id(context, "hello"), lowered(hello, 1.0))
    assert unlike is not None
    # "lower" first; the clip's own place beside the other clips may add a side ("and further to your left")
    assert re.match(f"{re.escape(UNLIKE_HELLO)} Location: {MOMENT}, your right hand was lower", unlike.words)


def test_an_imported_clip_is_spoken_of_as_its_signers_not_the_learners(context):
    """An imported clip is another signer's: its correction said "your right hand was lower" to a learner
    whose hand it was not. A recording is the learner's own: "your" stays."""
    hello = sign_id(context, "hello")
    clip = lowered(taken_out(context, "hello"), 1.0)
    imported = ClipCheck(context).unlike(hello, clip, reference=True)
    assert imported is not None
    assert re.match(
        f"{re.escape(UNLIKE_HELLO)} Location: {MOMENT}, the signer's right hand was lower", imported.words
    )
    assert not re.search(r"\byour?\b", imported.words, re.IGNORECASE), imported.words
    recorded = ClipCheck(context).unlike(hello, clip)
    assert recorded is not None
    assert re.match(f"{re.escape(UNLIKE_HELLO)} Location: {MOMENT}, your right hand", recorded.words)


def test_hello_at_the_chest_recorded_by_a_left_handed_learner_is_told_unlike_hello(
    context, signing_video_pose
):
    """The walk-through's clip (h24a, finding 1): the signing video's signer, her left hand moving at the
    chest, recorded as "hello (ASL)" (made at the forehead) by a learner who answered "Left hand". It was kept
    without a word; with it, the same movement then scored "Good"."""
    context.settings.left_handed = True
    recording = Recording.of(signing_video_pose).pose
    unlike = ClipCheck(context).unlike(sign_id(context, "hello"), recording)
    assert unlike is not None
    assert unlike.words.startswith(
        f"{UNLIKE_HELLO} Location: in the middle of the sign, your left hand was lower than in the reference."
    )


def test_the_learners_own_recordings_are_not_what_a_new_clip_is_judged_against(context, signing_video_pose):
    """Kept once anyway, the chest "hello" is no standard for the next: it is still told unlike the clips of
    other signers (the score takes the sign's nearest clip, and its own copy was nearest)."""
    context.settings.left_handed = True
    hello = sign_id(context, "hello")
    recording = Recording.of(signing_video_pose)
    context.library.add_recorded_clip(hello, recording)
    embed_missing(context.database, context.encoder)
    context.notify_database_changed()  # the gallery read again, with the recording
    assert ClipCheck(context).unlike(hello, recording.pose) is not None


def test_a_new_sign_or_one_of_the_learners_recordings_only_is_not_checked(context, signing_video_pose):
    recording = Recording.of(signing_video_pose)
    new_sign = context.library.add_sign("wave", "ASL")
    assert not ClipCheck(context).compares(new_sign)
    context.library.add_recorded_clip(new_sign, recording)
    context.library.add_recorded_clip(new_sign, Recording(lowered(recording.pose, 0.5)))
    embed_missing(context.database, context.encoder)
    context.notify_database_changed()
    check = ClipCheck(context)
    assert not check.compares(new_sign)
    assert check.unlike(new_sign, recording.pose) is None


def test_nothing_is_checked_without_a_model(context):
    context.set_encoder(None)
    check = ClipCheck(context)
    hello = sign_id(context, "hello")
    assert not check.compares(hello)
    assert check.unlike(hello, taken_out(context, "please")) is None


def test_an_imported_pose_file_unlike_its_signs_clips_is_held_back_for_the_learners_review(context, tmp_path):
    """Imported into a sign that has clips of other signers, a .pose file is compared with them as a recording
    is: one that looks unlike them waits for the learner's review, one like them is imported at once, and one
    of a new sign is not compared."""
    please, hello = taken_out(context, "please"), taken_out(context, "hello")
    unlike_file, like_file = tmp_path / "please.pose", tmp_path / "hello_2.pose"
    write_pose(please, unlike_file)
    write_pose(hello, like_file)
    review = []
    request = ImportRequest(POSE_FILES, [str(unlike_file), str(like_file)], "ASL", gloss="hello")
    report = run_import(context.database, request, review=review, check=ClipCheck(context))
    assert report.added == 1 and not report.failures  # the real hello
    assert [(piece.source, piece.whole) for piece in review] == [(str(unlike_file), True)]
    held = review[0]
    assert held.unlike is not None and held.unlike.words.startswith(UNLIKE_HELLO)
    assert held.describe() == "⚠ hello · please.pose · looks unlike its sign's other clips"
    assert held.labelled().source == str(unlike_file)  # as it would have been imported
    assert held.labelled().kept_despite == held.unlike.why  # ticked all the same: the library says why
    assert review_intro(review) == (
        "1 clip looks unlike the other clips of its sign, so it is not ticked: tick one only if the sign is"
        " made that way on purpose. Then import the ticked clips."
    )

    review = []
    request = ImportRequest(POSE_FILES, [str(unlike_file)], "ASL", gloss="wave")
    assert run_import(context.database, request, review=review, check=ClipCheck(context)).added == 1
    assert review == []


@pytest.mark.parametrize("kind", [FOLDER, SPOTER_CSV])
def test_a_sign_folders_or_a_csvs_clip_unlike_its_signs_clips_is_held_back_too(context, tmp_path, kind):
    """A sign folder and a SPOTER CSV add clips to signs as .pose files do; their clips went in unchecked.
    Their clips of "hello": the one of another sign waits for the review, the real one is imported; a clip
    of a new sign is not compared."""
    please, hello, another = (
        taken_out(context, "please"),
        taken_out(context, "hello"),
        taken_out(context, "please"),
    )
    clips = [
        LabeledClip("hello", please, "please"),
        LabeledClip("hello", hello, "hello"),
        LabeledClip("wave", another, "wave"),
    ]
    if kind == FOLDER:
        for clip in clips:
            (tmp_path / "signs" / clip.gloss).mkdir(parents=True, exist_ok=True)
            write_pose(clip.pose, tmp_path / "signs" / clip.gloss / f"{clip.source}.pose")
        path = str(tmp_path / "signs")
    else:
        path = str(tmp_path / "clips.csv")
        write_spoter_csv(clips, path)
    review = []
    request = ImportRequest(kind, [path], "ASL")
    report = run_import(context.database, request, review=review, check=ClipCheck(context))
    assert report.added == 2 and not report.failures
    assert [(piece.gloss, piece.whole) for piece in review] == [("hello", True)]
    held = review[0]
    assert held.unlike is not None and held.unlike.words.startswith(UNLIKE_HELLO)
    assert held.source.endswith("please.pose" if kind == FOLDER else "clips.csv#clip0")


def test_a_clip_held_back_is_imported_as_it_would_have_been_with_its_signer_and_language(context):
    """A DGS sign folder's CSV clip names its language: imported after the review without it, it joined the
    sign of its name in whatever language (or none, when several have it)."""
    clip = LabeledClip("hello", taken_out(context, "please"), "hello/1.csv", signer="Ann", language="DGS")
    unlike = ClipCheck(context).unlike(sign_id(context, "hello"), clip.pose, reference=True)
    assert unlike is not None
    labelled = PendingClip.held_back(clip, unlike).labelled()
    assert (labelled.gloss, labelled.source, labelled.signer, labelled.language) == (
        "hello",
        "hello/1.csv",
        "Ann",
        "DGS",
    )
    assert labelled.pose is clip.pose
    report = import_clips(context.database, [labelled])
    assert report.added == 1  # imported with why it looked unlike, the mark the library shows
    (added,) = (found for found in context.database.clips() if found.source == "hello/1.csv")
    assert (added.signer, added.kept_despite) == ("Ann", unlike.why)


def test_an_imported_video_unlike_its_signs_clips_is_held_back(context, signing_video_pose, monkeypatch):
    from signcore import extract

    monkeypatch.setattr(extract, "extract_video", lambda *args, **kwargs: signing_video_pose)
    review = []
    request = ImportRequest(VIDEOS, [str(SIGNING_VIDEO)], "ASL", gloss="hello", selfie_videos=True)
    report = run_import(context.database, request, review=review, check=ClipCheck(context))
    assert report.added == 0 and not report.failures
    assert [(piece.whole, piece.unlike is not None) for piece in review] == [(True, True)]


def one_after_another(*parts: PoseSequence, pause_s: float = 1.0) -> PoseSequence:
    """A long video of ``parts`` at their own pace, the hands out of the picture for ``pause_s`` between them
    (and before and after)."""
    step = float(np.median(np.diff(parts[0].timestamps)))
    pause = int(round(pause_s / step))
    points, masks = [], []
    for part in parts:
        still = np.repeat(part.mask[:1], pause, axis=0)
        still[:, LEFT_HAND] = still[:, RIGHT_HAND] = False
        points += [np.repeat(part.points[:1], pause, axis=0), part.points]
        masks += [still, part.mask]
    points.append(points[-2][:pause])
    masks.append(masks[-2][:pause])
    frames = sum(len(p) for p in points)
    first = parts[0]
    return PoseSequence(
        np.concatenate(points), np.concatenate(masks), np.arange(frames) * step, first.width, first.height
    )


def test_the_pieces_of_a_long_video_that_look_unlike_their_sign_are_marked_for_the_review(
    context, monkeypatch
):
    """A long video named "hello", cut at its pauses: the pieces that are another sign are marked."""
    from signcore import extract

    signs = [taken_out(context, gloss) for gloss in ("hello", "please", "hello", "please", "hello")]
    monkeypatch.setattr(extract, "extract_video", lambda *args, **kwargs: one_after_another(*signs))
    review = []
    request = ImportRequest(VIDEOS, [str(SIGNING_VIDEO)], "ASL", gloss="hello")
    report = run_import(context.database, request, review=review, check=ClipCheck(context))
    assert report.added == 0 and len(review) == 5 and not any(piece.whole for piece in review)
    assert [piece.unlike is not None for piece in review] == [False, True, False, True, False]


@pytest.mark.parametrize("clip_id", [17, 18, 42])
def test_a_hands_place_is_not_held_against_clips_without_a_body(context, clip_id):
    """The DGS starter clips show no shoulders: a hand's place is measured from a guide placed by the face and
    the hand's size, and these real clips (of "Fußball" and "Hose", each left out of its sign) were told
    unlike their own sign's other clips, their hand in another place."""
    clip = context.database.clip(clip_id)
    pose = context.database.clip_pose(clip_id)
    context.database.delete_clip(clip_id)
    assert ClipCheck(context).unlike(clip.sign_id, pose) is None


@pytest.mark.parametrize("clip_id", [26, 49])
def test_a_clip_without_a_body_is_judged_with_its_hands_and_its_signs_on_the_sides_their_shapes_say(
    context, clip_id
):
    """The check judges a new clip and its sign's clips as they are shown and compared with once kept
    (view.as_a_reference), their hands on the sides their shapes say where the DGS reader could only guess
    them (view.sided_by_shape). These real clips ("Haben", "Hunger"), each left out of its sign as
    tools/measure_clip_check.py leaves it out, were told unlike their own sign's other clips when the check
    read the clips as stored ("your right hand was hardly seen", "palm orientation"). Read as stored, the
    check caught 7 more of 240 clips of another DGS sign, and told 1 more of the 240 unlike its own sign;
    no mix of the two readings caught more without more such alarms (models/MODEL_CARD.md, "The clip check
    with the sides by shape, weighed"): kept as shown."""
    clip = context.database.clip(clip_id)
    check = ClipCheck(context, context.gallery().without_clips([clip_id]))
    assert check.unlike(clip.sign_id, context.database.clip_pose(clip_id)) is None


@pytest.mark.parametrize(("gloss", "source"), [("lieben", "04103aa8")])
def test_a_clip_of_a_sign_whose_own_clips_differ_is_tolerated_as_they_tolerate_each_other(
    context, gloss, source
):
    """DGS "lieben": several of its starter clips score under 40 against the rest, and a fixed 40 told this
    real clip, left out of its sign, unlike its sign's other clips. Found by its sign and file, and shown to
    score under CONFUSABLE_SCORE first (what the fixed rule held against it): a starter database built again
    cannot make this pass for a clip that simply looks like its sign. ("trinken" 1a51bc6d was a second case
    until the encoder of 2026-12-06: trinken's other clips now score 33, 59 and 90-93 against the rest, so
    the sign tolerates no clip under 40, and that clip, at 38, is told unlike: models/MODEL_CARD.md.)"""
    database = context.database
    sign_id = next(sign.id for sign in database.signs() if (sign.gloss, sign.language) == (gloss, "DGS"))
    clip = next(clip for clip in database.clips(sign_id) if f"/{gloss}/{source}" in clip.source)
    pose = database.clip_pose(clip.id)
    database.delete_clip(clip.id)
    check = ClipCheck(context)
    judged = check._judged(sign_id, without_tracker_glitches(pose), reference=False)
    assert judged is not None and judged[0].score is not None and judged[0].score.score < CONFUSABLE_SCORE
    assert check.unlike(sign_id, pose) is None


def test_a_clip_of_another_sign_is_still_unlike_a_sign_whose_own_clips_differ(context):
    """Tolerated as "lieben"'s own clips tolerate each other, a clip of another DGS sign is not."""
    lieben = sign_id(context, "lieben", "DGS")
    pose = context.database.clip_pose(context.database.clips(sign_id(context, "hallo", "DGS"))[0].id)
    unlike = ClipCheck(context).unlike(lieben, pose)
    assert unlike is not None and unlike.words.startswith(
        "This clip looks unlike the other clips of “lieben (DGS)”."
    )


def test_what_a_sign_tolerates_is_judged_from_its_clips_read_and_prepared_once(context, monkeypatch):
    """Each of "lieben"'s 8 clips is judged against the rest to know what the sign tolerates: a check of the
    gallery without the clip built for each read and prepared the sign's clips again each time (~5 s under
    load, the window's Keep waiting for it); then each clip judged was read again, though its target had."""
    lieben = sign_id(context, "lieben", "DGS")
    pose = context.database.clip_pose(context.database.clips(sign_id(context, "hallo", "DGS"))[0].id)
    built, prepared_alone = [], []
    scoring_target = clip_check.scoring_target
    prepare_alone = PreparedReference.of
    monkeypatch.setattr(
        clip_check,
        "scoring_target",
        lambda *args, **kwargs: built.append(args) or scoring_target(*args, **kwargs),
    )
    monkeypatch.setattr(
        PreparedReference, "of", lambda pose: prepared_alone.append(pose) or prepare_alone(pose)
    )
    read = []
    clip_pose = context.database.clip_pose
    monkeypatch.setattr(
        context.database, "clip_pose", lambda clip_id: read.append(clip_id) or clip_pose(clip_id)
    )
    scores: dict[int, float | None] = {}
    assert ClipCheck(context, clip_scores=scores).unlike(lieben, pose) is not None  # scored under 40
    assert len(scores) == 8  # the sign's clips judged against the rest
    # Its target for the learner's hand, its 8 clips, and one clip mirrored: a clip judged led by the other
    # hand than the sign's is compared with it mirrored (feedback._mirrored), prepared for that comparison
    assert len(built) == 1 and len(prepared_alone) == 8 + 1
    # Each read once by its target and once for the ranking's motion (Gallery.prefetch_motion), not again
    assert Counter(clip_id for clip_id in read if clip_id in scores) == dict.fromkeys(scores, 2)


@pytest.mark.parametrize("clip_id", [186, 187, 191])
def test_each_clip_of_a_sign_is_scored_as_a_check_of_the_gallery_without_it_scores_it(context, clip_id):
    """What a sign tolerates (ClipCheck._tolerated) takes each clip's score against the rest from the sign's
    target without the clip: the very score that a check of the gallery without the clip gives it."""
    lieben = sign_id(context, "lieben", "DGS")
    scores: dict[int, float | None] = {}
    ClipCheck(context, clip_scores=scores)._tolerated(lieben)
    alone = ClipCheck(context, context.gallery().without_clips([clip_id]))
    judged = alone._judged(lieben, reference_clip(context.database, clip_id), reference=True)
    assert judged is not None and judged[0].score is not None
    assert scores[clip_id] == judged[0].score.score


def test_a_fragment_too_short_to_judge_is_not_told_it_looks_like_the_signs_clips(context, signing_video_pose):
    """The walk-through's clip (w30, finding 7): 0.4 s of the signing video, which is not DGS "Bier" (its
    clips last 1.1-1.5 s), recorded for "Bier" was told "It looks like the other clips"."""
    fragment = Recording.of(Recording.of(signing_video_pose).pose.frames(slice(0, 13)))
    assert not fragment.too_short  # kept as a recording: long enough to be a practice attempt
    unlike = ClipCheck(context).unlike(sign_id(context, "Bier", "DGS"), fragment.pose)
    assert unlike is not None
    assert unlike.why == (
        "It is too short to be compared with them: 0.4 s of signing, where they last about 1.3 s."
    )


def test_a_clip_whose_hands_are_hardly_seen_is_not_told_it_looks_like_the_signs_clips(context, monkeypatch):
    """Whatever the judge makes of a clip that a search would refuse as holding no signing
    (session.no_signing), it is not told that it looks like its sign's clips."""
    monkeypatch.setattr(
        clip_check, "unlike_reason", lambda outcome, far, signer: None
    )  # the judge: like them
    hello = taken_out(context, "hello")
    mask = hello.mask.copy()
    hardly = np.arange(len(mask)) % 3 != 0  # the hands seen in a third of the frames
    mask[hardly, LEFT_HAND] = mask[hardly, RIGHT_HAND] = False
    unlike = ClipCheck(context).unlike(sign_id(context, "hello"), replace(hello, mask=mask))
    assert unlike is not None and unlike.why == "It cannot be compared with them: its hands are hardly seen."


def test_a_fragment_too_short_to_judge_against_one_clip_speaks_of_that_clip(context, signing_video_pose):
    """With one other clip, the record window said "where they last about 6.0 s"."""
    fragment = Recording.of(Recording.of(signing_video_pose).pose.frames(slice(0, 13)))
    bier = sign_id(context, "Bier", "DGS")
    clips = [clip.id for clip in context.database.clips(bier)]
    longest = max(clips, key=lambda clip_id: len(reference_clip(context.database, clip_id).timestamps))
    others = [clip_id for clip_id in clips if clip_id != longest]
    unlike = ClipCheck(context, context.gallery().without_clips(others)).unlike(bier, fragment.pose)
    assert unlike is not None
    assert re.fullmatch(
        r"It is too short to be compared with the sign's other clip: 0\.4 s of signing, where it lasts about "
        r"\d(\.\d)? s\.",
        unlike.why,
    )


@pytest.mark.parametrize(
    ("duration", "words"), [(0.84, "0.8 s"), (6.02, "6 s"), (12.0, "12 s"), (1.25, "1.2 s")]
)
def test_seconds_are_said_without_a_decimal_that_says_nothing(duration, words):
    assert clip_check.seconds(duration) == words


OTHER_HAND = "You signed it with your left hand; the sign's other clips are signed with the right hand."
ONE_OTHER = "You signed it with your left hand; the sign's other clip is signed with the right hand."


@pytest.mark.parametrize(
    ("left_handed", "others", "words"),
    [(False, 3, OTHER_HAND), (False, 1, ONE_OTHER), (False, 0, ""), (True, 3, "")],
)
def test_a_recording_signed_with_the_other_hand_than_the_signs_clips_is_said_so(
    signing_video_pose, left_handed, others, words
):
    """The signing video's signer signs with her left hand: a right-handed learner's sign's clips are shown
    and compared signed with the right, which the record window did not say. They were called "your
    right" though another signer's; a new sign's first clip has no others to be unlike."""
    recording = Recording.of(signing_video_pose).pose
    convention = ViewConvention(left_handed=left_handed)
    assert clip_check.other_hand_words(recording, convention, others) == words
