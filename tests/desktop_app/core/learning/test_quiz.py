"""The quiz: a recognition question offers the sign and the same-language signs the model finds most alike;
answers become ratings by correctness and speed; exercises that cannot be done are not asked."""

import random

import numpy as np
import pytest
from fsrs import Rating

from desktop_app.core.judging.scoring import Gallery
from desktop_app.core.learning.quiz import (
    CHOICES,
    ExerciseAbility,
    clips_of_the_sitting,
    distractors,
    recognition_question,
)
from desktop_app.core.learning.store import ExerciseKind, StepKind
from tests.desktop_app.core.learning.helpers import add_signs, every_exercise, open_path

# One clip per sign, on a line: each sign's nearest signs are its neighbours on the line.
POSITIONS = {"hallo": 0.0, "ich": 1.0, "du": 2.5, "unser": 4.5, "lieben": 7.0, "Tag": 10.0}


@pytest.fixture
def signs(database):
    add_signs(database, "DGS", list(POSITIONS))
    add_signs(database, "ASL", ["hello"])  # as close as can be, but another language
    return {sign.gloss: sign for sign in database.signs()}


@pytest.fixture
def gallery(signs):
    ordered = list(signs.values())
    position = {**POSITIONS, "hello": 0.1}
    embeddings = np.array([[position[sign.gloss], 0.0] for sign in ordered], np.float32)
    ids = np.array([sign.id for sign in ordered])
    return Gallery(ids, ids, [sign.gloss for sign in ordered], embeddings)


def test_the_other_names_are_the_signs_the_model_finds_most_alike_but_none_that_looks_alike(signs, gallery):
    """ "get" was asked with "coffee" among the names: two clips of stacked fists no viewer tells apart. A
    sign as near as the asked sign's nearest neighbour (hallo, for ich: as near as hello) is not offered."""
    question = recognition_question(signs["ich"], list(signs.values()), 11, gallery, random.Random(1))
    assert len(question.options) == CHOICES and question.clip_id == 11
    assert {sign.gloss for sign in question.options} == {"ich", "du", "unser", "lieben"}
    assert question.is_right(signs["ich"].id) and not question.is_right(signs["du"].id)


def test_the_order_of_the_names_is_drawn(signs, gallery):
    orders = {
        tuple(s.gloss for s in recognition_question(signs["ich"], list(signs.values()), 1, gallery,
                                                    random.Random(seed)).options)
        for seed in range(20)
    }  # fmt: skip
    assert len(orders) > 5


def test_without_a_model_the_other_names_are_any_of_the_same_language(signs):
    for seed in range(10):
        question = recognition_question(signs["Tag"], list(signs.values()), 1, None, random.Random(seed))
        assert len(question.options) == CHOICES
        assert all(sign.language == "DGS" for sign in question.options)


def test_distractors_are_ordered_by_the_nearest_clips_without_look_alikes(signs, gallery):
    others = [signs[gloss] for gloss in ("hallo", "lieben", "du", "unser")]
    # lieben is Tag's nearest neighbour: a look-alike; the others, most alike first
    assert [sign.gloss for sign in distractors(signs["Tag"].id, others, gallery)] == ["unser", "du", "hallo"]
    # when every other sign looks alike, the least alike is offered: the question still has a choice
    assert distractors(signs["ich"].id, [signs["hallo"]], gallery) == [signs["hallo"]]


def test_what_cannot_be_asked_is_not_asked(signs, gallery):
    ability = ExerciseAbility(list(signs.values()), gallery)
    assert ability(signs["ich"].id, ExerciseKind.RECOGNITION)
    assert not ability(signs["hello"].id, ExerciseKind.RECOGNITION)  # the only ASL sign: nothing to choose
    assert ability(signs["hello"].id, ExerciseKind.PRODUCTION)
    without_model = ExerciseAbility(list(signs.values()), None)
    assert not without_model(signs["ich"].id, ExerciseKind.PRODUCTION)


def test_a_quiz_answer_is_rated_and_recorded(database, clock, signs):
    path = open_path(database, clock)
    session = path.start_review(2, every_exercise)
    first = session.current.sign_id
    session.introduced()
    session.introduced()
    assert session.current.kind is StepKind.RECOGNITION and session.current.sign_id == first
    assert session.answer_recognition(first, seconds=5.0, clip_seconds=3.0).rating == Rating.Good  # met today
    other = session.current.sign_id
    assert session.answer_recognition(first, seconds=1.0, clip_seconds=3.0).rating == Rating.Again
    (right, wrong) = path.store.reviews()
    assert (right.sign_id, right.correct, right.duration_ms) == (first, True, 5000)
    assert (wrong.sign_id, wrong.correct, wrong.rating) == (other, False, Rating.Again)
    assert session.current.kind is StepKind.PRODUCTION
    with pytest.raises(ValueError, match="not a recognition step"):
        session.answer_recognition(first, seconds=1.0, clip_seconds=1.0)


def test_a_gallery_of_one_clip_still_gives_a_question(signs):
    """While embeddings are prepared the gallery may hold a single clip: its calibration raised, the session
    took that for a step that cannot be asked and left every step of the sign out."""
    ich = signs["ich"]
    alone = Gallery(np.array([ich.id]), np.array([ich.id]), ["ich"], np.zeros((1, 2), np.float32))
    others = [signs[gloss] for gloss in ("hallo", "du", "unser")]
    assert distractors(ich.id, others, alone) == others  # none has an embedding: in the order given
    question = recognition_question(ich, list(signs.values()), 1, alone, random.Random(0))
    assert len(question.options) == CHOICES


def test_a_sign_with_several_clips_is_as_near_as_its_nearest_clip(signs):
    """Tag's nearest clip to ich is nearer than du, its other clip farther than every sign."""
    rows = [("ich", 1.0), ("du", 2.5), ("unser", 4.5), ("Tag", 20.0), ("Tag", 2.0), ("hallo", 8.0)]
    ids = np.array([signs[gloss].id for gloss, _ in rows])
    embeddings = np.array([[x, 0.0] for _, x in rows], np.float32)
    gallery = Gallery(np.arange(len(rows)), ids, [gloss for gloss, _ in rows], embeddings)
    others = [signs[gloss] for gloss in ("hallo", "du", "unser", "Tag")]
    # Tag (1 away) is ich's nearest: the look-alike distance; du (1.5) is beyond 1.25 of it
    assert [sign.gloss for sign in distractors(signs["ich"].id, others, gallery)] == ["du", "unser", "hallo"]


def test_the_other_names_are_of_signs_met_when_there_are_enough(signs, gallery):
    """Names never met gave the answer away: met signs are offered first, most alike first, and the names
    are made up from the others only when too few were met; a look-alike is left out even when met."""
    met = {signs[gloss].id for gloss in ("ich", "hallo", "lieben", "Tag")}
    question = recognition_question(signs["ich"], list(signs.values()), 1, gallery, random.Random(1), met)
    # hallo looks like ich: left out; lieben and Tag met; du the most alike of the others
    assert {sign.gloss for sign in question.options} == {"ich", "lieben", "Tag", "du"}


def test_which_sign_is_this_plays_another_clip_than_the_one_that_showed_the_sign_as_new(signs):
    """ "Which sign is this?" played the very clip just shown as "A new sign": matched by picture,
    not recalled. Another of the sign's clips where it has one, drawn alike for one sitting (after "Stop for
    now" or a restart too); the same clip only when it has one."""
    tag = signs["Tag"]
    for sitting in (f"ASL 1 2026-03-02T09:00:00+00:00 {tag.id}", "review 2026-03-03T18:30:00+00:00 7"):
        shown_new, asked = clips_of_the_sitting(tag, [30, 10, 20], sitting)
        assert shown_new in (10, 20, 30) and asked in (10, 20, 30) and asked != shown_new
        assert clips_of_the_sitting(tag, [10, 20, 30], sitting) == (shown_new, asked)  # in any order given
    drawn = {clips_of_the_sitting(tag, [10, 20, 30], f"review {day} {tag.id}") for day in range(30)}
    assert len({shown_new for shown_new, _asked in drawn}) == 3  # each clip shows a new sign some sitting
    assert clips_of_the_sitting(tag, [10], "any sitting") == (10, 10)
    with pytest.raises(ValueError, match="no reference clip"):
        clips_of_the_sitting(tag, [], "any sitting")


def test_a_sign_is_shown_new_by_a_clip_not_kept_despite_a_warning_while_it_has_one(signs):
    """A lesson introduced a sign by a clip the learner kept despite the clip check's warning ("it looks like
    another sign"): its first sight of the sign. Drawn among the others, each of them some sitting; one
    kept despite a warning only when all are."""
    tag = signs["Tag"]
    sittings = [f"review {day} {tag.id}" for day in range(30)]
    shown_new = {
        clips_of_the_sitting(tag, [10, 20, 30], sitting, kept_despite={20})[0] for sitting in sittings
    }
    assert shown_new == {10, 30}
    assert clips_of_the_sitting(tag, [20], "any sitting", kept_despite={20}) == (20, 20)
    every_kept = {
        clips_of_the_sitting(tag, [10, 20], sitting, kept_despite={10, 20})[0] for sitting in sittings
    }
    assert every_kept == {10, 20}


def test_which_sign_is_this_plays_a_typical_other_clip_by_the_stored_embeddings(signs):
    """Please (ASL) looked the same in "Which sign is this?" as "A new sign": its 8 clips are of one
    signer, most near copies of each other. Then the quiz played the clip least like the one shown new,
    often the sign's worst, one the learner kept despite the clip check's warning, after reading and
    comparing every clip on the GUI thread. It plays the other clip whose distance from the one shown
    new (by the stored embeddings) is nearest the sign's typical distance between its clips, never one kept
    despite a warning while there is another."""
    tag, hallo = signs["Tag"], signs["hallo"]
    # On a line: 20 a near copy of 10, 50 the outlier, 60 kept despite a warning; the median of the
    # distances between 10 to 50 is 1.975, 10 to 40's is 2.0
    place = {10: 0.0, 20: 0.05, 30: 1.0, 40: 2.0, 50: 9.0, 60: 1.975, 70: 1.975}
    gallery = Gallery(
        np.array(list(place)),
        np.array([tag.id] * 6 + [hallo.id]),
        ["Tag"] * 6 + ["hallo"],
        np.array([[x, 0.0] for x in place.values()], np.float32),
    )
    clips = [10, 20, 30, 40, 50, 60]
    shown_by_first = next(
        sitting
        for sitting in (f"review {day} {tag.id}" for day in range(40))
        if clips_of_the_sitting(tag, clips, sitting)[0] == 10
    )
    assert clips_of_the_sitting(tag, clips, shown_by_first, gallery, kept_despite={60}) == (10, 40)
    assert clips_of_the_sitting(tag, clips, shown_by_first, gallery) == (
        10,
        60,
    )  # not kept despite: the median 1.95
    # Only clips kept despite a warning besides the one shown new: one of them all the same
    assert clips_of_the_sitting(tag, [10, 60], shown_by_first, gallery, kept_despite={60})[1] == 60
    # A clip the gallery has no embedding of (not prepared for this model) is played only without another
    assert clips_of_the_sitting(tag, [10, 50, 80], shown_by_first, gallery) == (10, 50)
