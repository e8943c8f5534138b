"""The end of an attempt without Qt: why an attempt is not scored, and what saving it tells the learner."""

import re
from collections import Counter
from dataclasses import replace
from types import SimpleNamespace

import numpy as np
import pytest

from desktop_app.core.judging.attempts import AttemptOutcome, AttemptsToSave, score_pose
from desktop_app.core.signing.upright import turned, turned_attempt_words
from signcore.database import DISK_FULL, PassingDatabaseError
from tests.support import moving_clip


class Recording:
    """A database that saves attempts, until its disk is ``full``."""

    def __init__(self):
        self.saved = []
        self.full = False

    def add_attempt(self, sign_id, score, pose, details) -> int:
        if self.full:  # as SignDatabase says SQLite's "database or disk is full"
            raise PassingDatabaseError(
                "/home/x/signs.db", "the disk is full (database or disk is full)", DISK_FULL
            )
        self.saved.append((sign_id, score, details))
        return len(self.saved)


def save_one(context, outcome: AttemptOutcome) -> str:
    """What a page does with one attempt scored."""
    to_save = AttemptsToSave()
    to_save.keep(outcome)
    return to_save.save(context)


def context_with(database):
    announced = []
    context = SimpleNamespace(database=database, notify_attempt_added=lambda *ids: announced.append(ids))
    return context, announced


def attempt_at(sign_id: int, score: float) -> AttemptOutcome:
    outcome = AttemptOutcome(moving_clip(), sign_id=sign_id)
    outcome.score = SimpleNamespace(sign_id=sign_id, score=score, to_json=lambda: {"score": score})
    return outcome


def scored_outcome(score: float) -> AttemptOutcome:
    return attempt_at(7, score)


def test_an_attempt_without_model_or_sign_says_why_it_has_no_score():
    pose = moving_clip()
    assert "No sign model is loaded" in score_pose(None, None, pose, ended_at=1.0).message
    no_sign = score_pose(SimpleNamespace(model_hash="m"), None, pose, ended_at=1.0)
    assert no_sign.message == "Choose a sign to practise first."
    assert no_sign.score is None and no_sign.ended_at == 1.0 and no_sign.scored_at > 0


def test_a_scored_attempt_is_saved_clamped_and_announced_an_unscored_one_is_not():
    database = Recording()
    context, announced = context_with(database)
    assert save_one(context, scored_outcome(104.0)) == ""
    assert database.saved == [(7, 100.0, {"score": 104.0})] and announced == [(7, 1)]
    assert save_one(context, AttemptOutcome(moving_clip(), sign_id=7)) == ""
    assert len(database.saved) == 1 and len(announced) == 1


def test_an_attempt_the_disk_has_no_room_for_is_kept_and_saved_with_the_next_once_there_is_room():
    """A full disk said "This attempt could not be saved" and the attempt was gone, though the app went on
    and room came back a minute later. It is kept instead, said kept in plain words (no path, no SQLite's
    own), and saved before the next one; the app's last try as it closes says it is not saved, not that it
    is kept."""
    database = Recording()
    context, announced = context_with(database)
    to_save = AttemptsToSave()
    said: list[str] = []
    to_save.events.unsaved.connect(said.append)
    database.full = True
    to_save.keep(scored_outcome(80.0))
    message = to_save.save(context)
    assert message == (
        "Your disk is full, so this attempt is not saved yet. Free some space: it will be saved with your"
        " next attempt or when you close the app."
    )
    to_save.keep(scored_outcome(60.0))
    assert to_save.save(context).startswith("Your disk is full, so your last 2 attempts are not saved yet.")
    assert (
        to_save.save(context, closing=True) == "Your disk is full: your last 2 attempts could not be saved."
    )
    assert database.saved == [] and announced == [] and to_save.waiting == []

    for score in (80.0, 60.0):
        to_save.keep(scored_outcome(score))
    database.full = False  # room again
    to_save.keep(scored_outcome(70.0))
    assert to_save.save(context) == ""
    assert [score for _, score, _ in database.saved] == [80.0, 60.0, 70.0]
    assert announced == [(7, 1), (7, 2), (7, 3)] and to_save.waiting == []
    assert said[0] == message and said[-1] == ""  # what the practice page says above the camera, and clears


def test_an_attempt_at_a_sign_deleted_while_it_waits_is_let_go_and_the_others_are_saved(tmp_path):
    """Review 25: the oldest attempt waiting was tried first and every error held the queue, so one at a
    sign the learner deleted (perhaps to make room) could never be saved and every later attempt, of any
    sign, waited behind it until all were dropped at close. Each is tried on its own; one that can never be
    saved is let go, said once in plain words."""
    from signcore.database import SignDatabase

    with SignDatabase(tmp_path / "signs.db") as database:
        deleted, kept = (database.add_sign(gloss, "DGS") for gloss in ("hallo", "du"))
        context, announced = context_with(database)
        to_save = AttemptsToSave()
        size = database.query("PRAGMA page_count")[0][0]
        database.query(f"PRAGMA max_page_count = {size}")  # the file may not grow by a single page
        to_save.keep(attempt_at(deleted, 80.0))
        assert to_save.save(context).startswith("Your disk is full, so this attempt is not saved yet.")

        database.query("PRAGMA max_page_count = 1000000")  # room again, and the sign deleted meanwhile
        database.delete_sign(deleted)
        to_save.keep(attempt_at(kept, 60.0))
        to_save.keep(attempt_at(kept, 70.0))
        assert to_save.save(context) == "An attempt at a sign you have deleted could not be saved."
        assert [(attempt.sign_id, attempt.score) for attempt in database.attempts()] == [
            (kept, 60.0),
            (kept, 70.0),
        ]
        assert [sign for sign, _ in announced] == [kept, kept] and to_save.waiting == []
        to_save.keep(attempt_at(kept, 50.0))
        assert to_save.save(context) == ""  # said once


def test_scoring_with_shared_and_prepared_work_gives_exactly_what_the_plain_steps_give(tmp_path):
    """score_pose computes the attempt's DTW features once for the ranking and the feedback and takes the
    references prepared in advance; on real clips of the starter database its score, nearest signs and
    feedback are exactly those of the plain steps, each computing everything itself."""
    from desktop_app.core.app.models_switch import embed_missing
    from desktop_app.core.judging.feedback import (
        LookAlike,
        compare_with_reference,
        hands_signing,
        prepare_references,
    )
    from desktop_app.core.judging.practice import ScoringTarget
    from desktop_app.core.judging.scoring import Gallery, score_attempt
    from desktop_app.core.shared.jobs import run_job
    from signcore.database import SignDatabase
    from signcore.encoder import Encoder
    from signcore.paths import assets_dir, models_dir

    copy = tmp_path / "signs.db"
    copy.write_bytes((assets_dir() / "default_signs.db").read_bytes())
    encoder = Encoder(models_dir() / "encoder.onnx")
    with SignDatabase(copy) as database:
        embed_missing(database, encoder)  # the starter database may hold another model's embeddings
        signs = database.signs()
        for number, sign in enumerate(signs[::12]):
            gallery = Gallery.from_database(database, encoder.model_hash)
            references = {clip.id: database.clip_pose(clip.id) for clip in database.clips(sign.id)}
            target = ScoringTarget(sign.id, sign.gloss, gallery, references)
            run_job(target.prefetch)
            # an attempt at the sign (one of its clips, cut) and one at another sign
            other = signs[(7 * number + 3) % len(signs)]
            for clip in (database.clips(sign.id)[-1], database.clips(other.id)[0]):
                pose = database.clip_pose(clip.id)
                attempt = pose.frames(slice(2, len(pose) - 1))
                outcome = score_pose(encoder, target, attempt, ended_at=0.0)

                plain_gallery = Gallery.from_database(database, encoder.model_hash)
                score = score_attempt(plain_gallery, sign.id, encoder.embed(attempt), attempt)
                prepared = prepare_references(references)  # each with its leeway, from the others
                hands = hands_signing(list(prepared.values()))
                # the sign it looked more like named (this target reads no other sign's clips)
                looked_like = None if score.looked_like is None else LookAlike(score.looked_like)
                feedback = compare_with_reference(
                    attempt,
                    prepared[score.best_clip_id],
                    score=score.score,
                    sign_hands=hands,
                    looked_like=looked_like,
                )
                assert outcome.score == feedback.given(score)
                assert outcome.feedback is not None and outcome.feedback.to_json() == feedback.to_json()
                assert outcome.feedback.message == feedback.message
                for steps in ("attempt_times", "reference_times", "attempt_frames", "reference_frames"):
                    np.testing.assert_array_equal(getattr(outcome.feedback, steps), getattr(feedback, steps))
                assert set(outcome.stages_ms) == {"wait", "embed", "rank", "feedback"}


def without_hands(pose, *hands):
    """``pose`` with the given hands never seen (out of the picture, or in the dark)."""
    from signcore.layout import PoseSequence

    mask = pose.mask.copy()
    for hand in hands:
        mask[:, hand] = False
    return PoseSequence(pose.points, mask, pose.timestamps, pose.width, pose.height)


def test_an_attempt_the_feedback_cannot_judge_gets_no_score_and_is_not_saved(tmp_path):
    """A number beside "your right hand was not seen, so it cannot be judged" would read as a judgement, and
    it would count in the progress charts: such an attempt has no score, only the reason, and is not saved.
    A one-handed sign made with the other hand is still scored (the score treats mirror images alike)."""
    from signcore.encoder import Encoder
    from signcore.layout import LEFT_HAND, RIGHT_HAND
    from tests.support import embedded_dgs_samples, scoring_target

    encoder = Encoder()
    with embedded_dgs_samples(tmp_path / "signs.db", encoder) as database:
        target = scoring_target(database, encoder, "hallo")
        pose = database.clip_pose(next(iter(target.references)))
        database_saved = Recording()
        context, announced = context_with(database_saved)

        unseen = score_pose(encoder, target, without_hands(pose, RIGHT_HAND, LEFT_HAND), ended_at=0.0)
        assert unseen.score is None
        assert unseen.message == (
            "Not scored. Your right hand was not seen, so it cannot be judged: keep it inside the picture and"
            " in the light."
        )
        assert unseen.feedback is not None and not unseen.feedback.judged and unseen.reference is not None
        assert save_one(context, unseen) == ""
        assert database_saved.saved == [] and announced == []

        for judged in (pose, pose.mirrored()):  # signed as the reference, and with the other hand
            outcome = score_pose(encoder, target, judged, ended_at=0.0)
            assert outcome.score is not None and outcome.feedback.judged and outcome.message == ""


def test_a_two_handed_sign_signed_with_one_hand_is_scored_at_most_half_and_saved(tmp_path, monkeypatch):
    """A one-handed sign at "coffee" (ASL, made with both hands): a real attempt, not a tracking failure. It
    was "Not scored. Your left hand was not seen" and never saved, so a lesson's step asked for it again
    and again; now it is scored, at most ONE_HAND_OF_TWO_SCORE however close the encoder finds it (half the
    sign's hands are missing), its correction the hand left out, and saved like any scored attempt."""
    from desktop_app.core.app.models_switch import embed_missing
    from desktop_app.core.judging import attempts
    from desktop_app.core.judging.feedback import BOTH_HANDS, ONE_HAND_OF_TWO_SCORE
    from signcore.database import SignDatabase
    from signcore.encoder import Encoder
    from signcore.formats import load_traduttore
    from signcore.ingest import import_clips
    from tests.support import TEST_DATA, scoring_target

    encoder = Encoder()
    clips = load_traduttore(TEST_DATA / "traduttore" / "traduttore_sample.npz")
    one_handed = next(clip.pose for clip in clips if clip.gloss == "no")
    with SignDatabase(tmp_path / "signs.db") as database:
        import_clips(database, clips, language="ASL")
        embed_missing(database, encoder)
        target = scoring_target(database, encoder, "coffee")
        outcome = score_pose(encoder, target, one_handed, ended_at=0.0)
        assert outcome.score is not None and outcome.message == ""
        assert outcome.score.score <= ONE_HAND_OF_TWO_SCORE
        assert (outcome.feedback.main.parameter, outcome.feedback.main.hand) == (BOTH_HANDS, "left")

        scored = attempts.score_attempt
        monkeypatch.setattr(
            attempts, "score_attempt", lambda *args: replace(scored(*args), score=90.0, recognised=True)
        )
        close = score_pose(encoder, target, one_handed, ended_at=0.0)
        # Nor "Recognised as coffee (ASL)" beside a correction saying half the sign is missing
        assert close.score.score == ONE_HAND_OF_TWO_SCORE and not close.score.recognised

    database_saved = Recording()
    context, announced = context_with(database_saved)
    assert save_one(context, close) == ""
    assert [score for _, score, _ in database_saved.saved] == [ONE_HAND_OF_TWO_SCORE] and announced


@pytest.mark.parametrize("quarter_turns", [1, 2, 3])
def test_an_attempt_signed_on_its_side_gets_no_score_no_correction_and_is_not_saved(tmp_path, quarter_turns):
    """A camera on its side (its note put off, or not said yet): the attempt's own frames show the learner
    lying down, and a score of 7 with a correction and a sideways picture was saved into the sign's history.
    It ends with why and how to fix it instead; the same signing upright is scored."""
    from signcore.encoder import Encoder
    from signcore.formats.posefile import read_pose
    from tests.support import TEST_DATA, embedded_dgs_samples, scoring_target

    encoder = Encoder()
    pose = read_pose(TEST_DATA / "pose" / "openpose.pose")  # a real signer, head and shoulders seen
    with embedded_dgs_samples(tmp_path / "signs.db", encoder) as database:
        target = scoring_target(database, encoder, "hallo")
        database_saved = Recording()
        context, announced = context_with(database_saved)

        sideways = score_pose(encoder, target, turned(pose, quarter_turns), ended_at=0.0)
        assert sideways.score is None and sideways.feedback is None and sideways.reference is None
        assert sideways.message == turned_attempt_words(4 - quarter_turns)
        looks = "upside down" if quarter_turns == 2 else "turned on its side"
        assert f"looks {looks}" in sideways.message and "File → Camera…" in sideways.message
        assert save_one(context, sideways) == ""
        assert database_saved.saved == [] and announced == []

        assert score_pose(encoder, target, pose, ended_at=0.0).score is not None


@pytest.mark.parametrize("room_again", [True, False])
def test_attempts_waiting_when_the_learner_switches_database_are_saved_into_the_one_they_were_made_in(
    tmp_path, room_again
):
    """An attempt kept through a full disk waited in the one queue of every page while the learner chose
    another database in the Settings, and was saved with the next attempt into THAT database: under the
    sign with its id there, another sign or none. Choosing another database closes the one it was made in:
    it gets its last try there, as closing the app gives it; one that still cannot be saved is said plainly,
    never put into the other database."""
    from desktop_app.core.app.context import AppContext
    from desktop_app.core.shared.settings import Settings
    from signcore.database import SignDatabase

    with SignDatabase(tmp_path / "other.db") as other:  # the other database has a sign with that id too
        other.add_sign("danke", "DGS")
    made_in = SignDatabase(tmp_path / "signs.db")
    sign = made_in.add_sign("hallo", "DGS")
    context = AppContext(Settings(), made_in, None, tmp_path / "settings.json")
    said: list[str] = []
    context.attempts_to_save.events.unsaved.connect(said.append)
    made_in.query(f"PRAGMA max_page_count = {made_in.query('PRAGMA page_count')[0][0]}")  # the disk full
    context.attempts_to_save.keep(attempt_at(sign, 80.0))
    assert context.attempts_to_save.save(context).startswith(
        "Your disk is full, so this attempt is not saved"
    )
    if room_again:
        made_in.query("PRAGMA max_page_count = 1000000")

    context.apply_settings(database_path=str(tmp_path / "other.db"))
    context.attempts_to_save.save(context)  # the next attempt's save, in the other database
    context.close()
    with SignDatabase(tmp_path / "signs.db") as reopened:
        assert [a.score for a in reopened.attempts()] == ([80.0] if room_again else [])
    with SignDatabase(tmp_path / "other.db") as other:
        assert other.attempts() == []
    if not room_again:  # said over the camera as every unsaved attempt is, until the next is saved
        assert said[-2] == "Your disk is full: your last attempt could not be saved."


def test_a_low_score_comes_with_something_to_work_on_true_to_the_picture_not_all_matched_well(tmp_path):
    """Starter clips of "a (ASL)" signed at "e (ASL)" and "s (ASL)": scored low (below GOOD_SCORE; the attempt
    looks closer to a), while each part, compared with the nearest clip, was within its tolerance for some of
    them: those
    were told "Handshape, location, movement and palm orientation all matched the reference well" beside a
    score of 12 or 19, nothing to fix; then the part scoring lowest, however close, beside a close-up showing
    no difference. A part that differs visibly (below VISIBLE_SCORE; a's handshape at e) is told with its
    moment and pictured there; with every part close (a's at s, the thumb's place the difference), the
    learner is told the sign as a whole looked more like a, and no part."""
    from desktop_app.core.judging.feedback import (
        ALL_MATCHED_WELL,
        CORRECTION_SCORE,
        LOOKED_MORE_LIKE,
        VISIBLE_SCORE,
    )
    from desktop_app.core.judging.scoring import GOOD_SCORE
    from signcore.database import SignDatabase
    from signcore.encoder import Encoder
    from signcore.paths import assets_dir
    from tests.support import scoring_target

    copy = tmp_path / "signs.db"
    copy.write_bytes((assets_dir() / "default_signs.db").read_bytes())  # the original is never opened
    encoder = Encoder()
    told: Counter[str] = Counter()
    with SignDatabase(copy) as database:
        a = next(sign for sign in database.signs() if (sign.gloss, sign.language) == ("a", "ASL"))
        targets = [scoring_target(database, encoder, gloss) for gloss in ("e", "s")]
        for target, clip in ((target, clip) for target in targets for clip in database.clips(a.id)):
            outcome = score_pose(encoder, target, database.clip_pose(clip.id), ended_at=0.0)
            assert outcome.score is not None and outcome.score.score < GOOD_SCORE
            assert [sign.gloss for sign in outcome.score.closer_signs[:1]] == ["a"]
            feedback, main = outcome.feedback, outcome.feedback.main
            assert feedback.message != ALL_MATCHED_WELL
            lowest = min(item.score for item in feedback.items if item.score is not None)
            if lowest < CORRECTION_SCORE:
                assert main is not None  # a correction anyway (the hand clearly elsewhere may come first)
                continue
            if lowest >= VISIBLE_SCORE:
                told["the sign as a whole"] += 1
                assert main is None
                assert feedback.message == LOOKED_MORE_LIKE.format(
                    sign="your sign", other=outcome.score.closer_signs[0].name
                )
                continue
            told["a part close enough to see"] += 1
            assert main is not None and main.score == lowest and feedback.message == main.message
            assert re.match(
                r"[A-Z][a-z ]+: (at the start|in the middle|at the end|all through)", main.message
            )
            moment = feedback.moment()
            step = next(
                k
                for k, frames in enumerate(
                    zip(feedback.attempt_frames, feedback.reference_frames, strict=True)
                )
                if frames == (moment.attempt_frame, moment.reference_frame)
            )
            assert main.start_s <= feedback.reference_times[step] <= main.end_s
    assert told["the sign as a whole"] >= 2 and told["a part close enough to see"] >= 2, told


def test_the_corrected_hand_is_the_main_corrections_unless_it_is_about_the_tracking():
    def outcome(feedback):
        return AttemptOutcome(moving_clip(seed=1), 1, feedback=feedback)

    assert (
        outcome(SimpleNamespace(main=SimpleNamespace(parameter="handshape", hand="left"))).corrected_hand
        == "left"
    )
    assert (
        outcome(SimpleNamespace(main=SimpleNamespace(parameter="tracking", hand="right"))).corrected_hand
        is None
    )
    assert outcome(SimpleNamespace(main=None)).corrected_hand is None  # nothing to correct
    assert outcome(None).corrected_hand is None  # not judged
