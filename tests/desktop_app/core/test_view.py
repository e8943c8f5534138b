"""The one view convention: mirror, left-handed references, head and shoulders (or a guide), framing."""

import numpy as np
import pytest

from desktop_app.core.app.context import AppContext
from desktop_app.core.judging.practice import reference_as_shown
from desktop_app.core.shared.settings import Settings
from desktop_app.core.signing import view
from desktop_app.core.signing.session import signing_frames
from desktop_app.core.signing.view import ViewConvention
from signcore import normalize
from signcore.database import ClipOrigin, SignDatabase
from signcore.formats import load_dgs, load_traduttore
from signcore.layout import (
    LEFT_HAND,
    LEFT_SHOULDER,
    LEFT_WRIST_BODY,
    POSE_POINTS,
    RIGHT_HAND,
    RIGHT_SHOULDER,
    PoseSequence,
)
from signcore.paths import assets_dir
from tests.support import TEST_DATA

RIGHT_ELBOW = POSE_POINTS.index("RIGHT_ELBOW")


@pytest.fixture(scope="module")
def asl():
    """thank-you: a body, the right hand signing."""
    clips = load_traduttore(TEST_DATA / "traduttore" / "traduttore_sample.npz")
    return next(clip.pose for clip in clips if clip.gloss == "thank-you")


@pytest.fixture(scope="module")
def dgs():
    """hallo: hands and one face point, no body."""
    return next(clip.pose for clip in load_dgs(TEST_DATA / "dgs" / "3D_full") if clip.gloss == "hallo")


def test_mirror_view_puts_the_signers_right_hand_on_the_screens_right(asl):
    xy = normalize.body_xy(asl)
    right_wrist_x = xy[asl.mask[:, RIGHT_HAND.start], RIGHT_HAND.start, 0].mean()
    assert right_wrist_x < 0  # a camera sees the signer's right hand on its left
    assert ViewConvention(mirror=True).screen_x(np.array(right_wrist_x)) > 0
    assert ViewConvention(mirror=False).screen_x(np.array(right_wrist_x)) < 0


def test_every_clip_is_shown_signed_with_the_learners_hand(asl):
    """A clip signed with the other hand than the learner's is shown mirrored, one signed with theirs as it
    is. Before, left-handed mode mirrored every clip but the learner's recordings: a left-handed clip imported
    by a left-handed learner was shown right-handed, and an attempt like it told to use the right hand."""
    left_clip = asl.mirrored()
    assert ViewConvention(left_handed=True).reference(asl, "right").equals(left_clip)
    assert ViewConvention(left_handed=True).reference(left_clip, "left") is left_clip
    assert ViewConvention(left_handed=False).reference(asl, "right") is asl
    assert ViewConvention(left_handed=False).reference(left_clip, "left").equals(asl)
    assert ViewConvention(left_handed=False).mirrors("left") and not ViewConvention().mirrors("right")
    assert ViewConvention(left_handed=True).learners_hand == "left"


def test_a_clip_tells_its_hand_clearly_only_when_one_hand_does_the_signing(asl):
    """thank-you (one hand) says its hand, mirrored or not; coffee (two hands raised alike) does not: its
    guess says the right hand for the clip and for its mirror image alike."""
    clips = load_traduttore(TEST_DATA / "traduttore" / "traduttore_sample.npz")
    coffee = [clip.pose for clip in clips if clip.gloss == "coffee"]
    assert (
        normalize.clear_signing_hand(asl) == "right"
        and normalize.clear_signing_hand(asl.mirrored()) == "left"
    )
    for pose in coffee:
        assert (
            normalize.clear_signing_hand(pose) is None
            and normalize.clear_signing_hand(pose.mirrored()) is None
        )
    assert {normalize.signing_hand(coffee[1]), normalize.signing_hand(coffee[1].mirrored())} == {"right"}


def test_head_and_shoulders_from_the_body_or_as_a_guide(asl, dgs):
    body = view.head_and_shoulders(asl)
    assert not body.is_guide
    assert np.nanmean(body.head_centre[:, 1]) < -0.3  # the head is above the shoulders
    assert np.nanmean(np.abs(body.shoulders[:, 0, 0] - body.shoulders[:, 1, 0])) == pytest.approx(
        1.0, abs=0.05
    )

    guide = view.head_and_shoulders(dgs)
    assert guide.is_guide
    xy = normalize.body_xy(dgs)
    seen = dgs.mask[:, 0]
    np.testing.assert_allclose(guide.head_centre[seen], xy[seen, 0])  # the head is at the face point
    np.testing.assert_allclose(guide.shoulders[0], [[0.5, 0.0], [-0.5, 0.0]])


def test_a_body_without_a_face_gets_its_head_as_a_guide_above_the_shoulders(asl):
    """A pose-format MediaPipe file reduced to a few body points and a face mesh: no face point of the layout
    (was: no head drawn at all)."""
    from signcore.formats.posefile import read_pose

    faceless = read_pose(TEST_DATA / "pose" / "mediapipe.pose")
    assert not faceless.mask[:, list(view.FACE_POINTS)].any()
    body = view.head_and_shoulders(faceless)
    assert not body.is_guide and body.head_is_guide
    shown = np.isfinite(body.shoulders).all(axis=(1, 2))
    assert shown.any() and np.isfinite(body.head_centre[shown]).all()
    width = np.linalg.norm(body.shoulders[shown, 0] - body.shoulders[shown, 1], axis=1)
    above = body.shoulders[shown, :, 1].mean(axis=1) - body.head_centre[shown, 1]
    np.testing.assert_allclose(above, normalize.NOSE_TO_SHOULDER_CENTRE * width)
    assert view.guide_caption([body]) == "dashed: not in this clip"  # what is dashed: w31 #15
    seen = view.head_and_shoulders(asl)
    assert not seen.head_is_guide and view.guide_caption([seen]) == ""
    assert view.guide_caption([body, view.head_and_shoulders(asl)]) == view.GUIDE


def test_the_figure_is_framed_from_the_head_to_the_signing_hands_in_every_frame(asl, dgs):
    """The head outline, the shoulders with the upper arms below them and both hands in every frame they sign
    in lie in the frame: the hands were cut at the bottom of the search previews when only the hands, less
    their 1% outliers, and a fixed head box were framed."""
    from signcore.formats.posefile import read_pose

    faceless = read_pose(TEST_DATA / "pose" / "mediapipe.pose")
    for pose in (asl, dgs, faceless):
        xy = normalize.body_xy(pose)
        body = view.head_and_shoulders(pose, xy)
        left, top, right, bottom = view.figure_space(view.figure_extents(pose, xy, body))

        def inside(points: np.ndarray, box=(left, top, right, bottom)) -> bool:
            x, y = points.reshape(-1, 2)[np.isfinite(points.reshape(-1, 2)).all(axis=1)].T
            return bool(((x >= box[0]) & (x <= box[2]) & (y >= box[1]) & (y <= box[3])).all())

        hands = normalize.without_resting_hands(pose.points, pose.mask)
        hands[:, : LEFT_HAND.start] = False
        assert hands.any() and inside(xy[hands]), "a signing hand out of the frame"
        for elbow, body_wrist, hand in view.ARMS_AND_HANDS:
            arm = [elbow, body_wrist]
            raised = hands[:, hand].any(axis=1)[:, None] & pose.mask[:, arm]
            assert inside(xy[:, arm][raised]), "the elbow or forearm of a signing arm out of the frame"
        half_head = np.array(view.HEAD_SIZE) / 2
        assert inside(body.head_centre - half_head) and inside(body.head_centre + half_head)
        assert inside(body.shoulders) and inside(body.shoulders + [0.0, view.GUIDE_UPPER_ARM])


def test_an_arm_hanging_at_the_side_does_not_shrink_the_figure(asl):
    """thank-you is signed with the right hand; the left arm hangs at the side, its wrist two shoulder widths
    below the shoulders. Framed down to it, the ASL figures were drawn a third smaller than their signing
    needs (the starter ASL clips: 3.4 shoulder widths high, 2.4 without the hanging arms): the arm now
    leaves the view at the bottom, as a webcam cuts a signer at the chest. The signing arm is framed down
    to its elbow (1.2 shoulder widths below the shoulders): cut there, the replay's forearm ran off the
    bottom of a lesson's wide, low panel."""
    clip = asl
    xy = normalize.body_xy(clip)
    left, top, right, bottom = view.figure_space(
        view.figure_extents(clip, xy, view.head_and_shoulders(clip, xy))
    )
    left_wrist = xy[clip.mask[:, LEFT_WRIST_BODY], LEFT_WRIST_BODY, 1]
    right_elbow = xy[clip.mask[:, RIGHT_ELBOW], RIGHT_ELBOW, 1]
    assert left_wrist.max() > 2.0 and bottom == pytest.approx(right_elbow.max() + view.FRAME_MARGIN)


def test_a_glitch_of_one_frame_does_not_shrink_the_figure(asl):
    """A hand tracked far off in one frame (as in one in eight of the starter clips) is left out of the
    framing; held for two frames it is where the hand was, and framed."""
    clip = asl
    xy = normalize.body_xy(clip)
    body = view.head_and_shoulders(clip, xy)
    framed = view.figure_space(view.figure_extents(clip, xy, body))
    glitch = xy.copy()
    glitch[8, RIGHT_HAND, 1] += 3.0
    assert view.figure_space(view.figure_extents(clip, glitch, body)) == framed
    glitch[9, RIGHT_HAND, 1] += 3.0
    assert view.figure_space(view.figure_extents(clip, glitch, body))[3] >= glitch[8:10, RIGHT_HAND, 1].max()


def test_a_lone_glitch_frame_is_drawn_as_its_nearest_frame(asl):
    """The framing left a lone glitch frame out, the player drew it: thank-you as recorded starts with the
    figure elsewhere for one frame (taken 2 s before the rest; the reader leaves it out). The player draws
    the nearest sound frame in its place; the clip keeps it (scoring and feedback read the clip as stored)."""
    recorded = next(
        clip.pose
        for clip in load_traduttore(
            TEST_DATA / "traduttore" / "traduttore_sample.npz", with_stale_first_frame=True
        )
        if clip.gloss == "thank-you"
    )
    xy = normalize.body_xy(recorded)
    drawn = view.drawn_frames(view.figure_extents(recorded, xy, view.head_and_shoulders(recorded, xy)))
    assert drawn.tolist() == [1, *range(1, len(recorded))]
    clip = asl
    xy = normalize.body_xy(clip)
    body = view.head_and_shoulders(clip, xy)
    assert view.drawn_frames(view.figure_extents(clip, xy, body)).tolist() == list(range(len(clip)))
    glitch = xy.copy()
    glitch[8, RIGHT_HAND, 1] += 3.0
    assert view.drawn_frames(view.figure_extents(clip, glitch, body))[7:10].tolist() == [7, 7, 9]
    glitch[9, RIGHT_HAND, 1] += 3.0  # held for two frames: where the hand was, drawn
    assert view.drawn_frames(view.figure_extents(clip, glitch, body)).tolist() == list(range(len(clip)))


def test_short_clips_are_interpolated_between_frames(asl):
    xy = normalize.body_xy(asl)
    halfway, mask = view.frame_at(asl, xy, asl.mask, (5, 6), 0.5)
    both = asl.mask[5] & asl.mask[6]
    np.testing.assert_allclose(halfway[both], (xy[5, both] + xy[6, both]) / 2)
    assert mask[both].all()


def test_the_hand_closeup_is_the_shape_alone(asl):
    xy = normalize.body_xy(asl)
    frame = int(np.flatnonzero(asl.mask[:, RIGHT_HAND].all(axis=1))[0])
    points, seen = view.hand_closeup(xy[frame], asl.mask[frame], "right")
    assert seen.all()
    np.testing.assert_allclose(points[0], 0.0)
    assert np.linalg.norm(points[[5, 9, 13, 17]], axis=1).mean() == pytest.approx(1.0)
    moved = xy[frame].copy()
    moved[RIGHT_HAND] += 3.0  # the same hand elsewhere looks the same in the close-up
    np.testing.assert_allclose(view.hand_closeup(moved, asl.mask[frame], "right")[0], points, atol=1e-9)


def test_the_closeup_hand_of_a_clip_signed_low_is_the_hand_seen():
    """Bier (DGS): its signing hand stays below the guide's shoulders; the other is seen in 6 of 22 frames.
    The close-up showed the right hand for both the clip and its mirror image: an empty box, for the
    mirrored one, labelled 'right hand' beside a left hand signing."""
    bier = next(clip.pose for clip in load_dgs(TEST_DATA / "dgs" / "3D_full") if clip.gloss == "Bier")
    assert normalize.signing_hand(bier) == "right" and normalize.signing_hand(bier.mirrored()) == "left"


def test_a_reference_is_played_as_its_sign_without_the_handless_frames_around_it(asl):
    """hello (ASL)'s first clip showed no hand for its first 0.3 s: the player now starts at the sign, the
    frames the scoring compares."""
    from tests.support import with_idle_frames

    untrimmed = with_idle_frames(asl, before=6, after=4)
    played = view.sign_only(untrimmed)
    span = normalize.signing_span(untrimmed.points, untrimmed.mask)
    assert len(played) == span.stop - span.start < len(untrimmed)
    assert played.timestamps[0] == 0.0
    hands = played.mask[:, list(range(33, 75))].any(axis=1)
    assert hands[0] and hands[-1]


@pytest.fixture(scope="module")
def starter(tmp_path_factory):
    """A copy of the starter database (the shipped file is never opened for writing)."""
    copy = tmp_path_factory.mktemp("starter") / "signs.db"
    copy.write_bytes((assets_dir() / "default_signs.db").read_bytes())
    with SignDatabase(copy) as database:
        yield database


def test_every_clip_of_a_starter_sign_is_shown_signed_with_the_learners_hand(starter):
    """A clip that shows its hand clearly is mirrored when that is the other hand; the clips of two hands
    raised alike follow their sign, all mirrored or none. Before, each followed its own guess: "can (ASL)"
    was mirrored in three clips of eight for a right-handed learner, and in the other five for a left-handed
    one (the same sign signed with either hand from clip to clip); so were 14 other starter signs."""
    can = next(sign for sign in starter.signs() if (sign.gloss, sign.language) == ("can", "ASL"))
    guesses = {normalize.signing_hand(starter.clip_pose(clip.id)) for clip in starter.clips(can.id)}
    assert guesses == {"left", "right"}  # what flipped before
    for left_handed in (False, True):
        context = AppContext(Settings(left_handed=left_handed), starter, None)
        learners_hand = "left" if left_handed else "right"
        for sign in starter.signs():
            unclear = set()
            for clip in starter.clips(sign.id):
                pose = view.reference_clip(starter, clip.id)
                shown = reference_as_shown(context, clip)
                mirrored = not shown.equals(pose)
                assert shown.equals(pose.mirrored() if mirrored else pose)
                clear = normalize.clear_signing_hand(pose)
                if clear is None:
                    unclear.add(mirrored)
                else:
                    assert mirrored == (clear != learners_hand), (sign.gloss, clip.id)
            assert len(unclear) <= 1, sign.gloss


def test_a_stored_hand_is_kept_and_has_no_say_over_the_starter_clips(starter, tmp_path):
    """A clip recorded in the app is shown by the hand stored with it (what the Library labels it with); its
    sign's starter clips keep theirs. A clip added since a sign was read is read with it."""
    copy = tmp_path / "signs.db"
    copy.write_bytes(starter.path.read_bytes())
    with SignDatabase(copy) as database:
        context = AppContext(Settings(), database, None)
        can = next(sign for sign in database.signs() if (sign.gloss, sign.language) == ("can", "ASL"))
        first = database.clips(can.id)[0]
        assert context.clip_hand(first) == "right"  # the sign read once: its unclear clips' hand
        pose = database.clip_pose(first.id)
        recorded = database.add_clip(can.id, pose.frames(slice(1, None)), ClipOrigin("me", handedness="left"))
        added = database.add_clip(can.id, pose.frames(slice(2, None)), ClipOrigin("more.npz"))
        assert context.clip_hand(database.clip(recorded)) == "left"
        assert context.clip_hand(database.clip(added)) == "right"  # no KeyError: the sign read again
        assert {context.clip_hand(clip) for clip in database.clips(can.id) if clip.id != recorded} == {
            "right"
        }


def _hand_frames(pose):
    """(left, right): the frames each hand is seen in."""
    return tuple(np.flatnonzero(pose.mask[:, hand].any(axis=1)).tolist() for hand in (LEFT_HAND, RIGHT_HAND))


def test_a_reference_is_shown_without_the_hands_its_tracker_made_up(starter):
    """Every starter clip of "Bier (DGS)", a one-handed sign, shows a second hand for a few frames, drawn as
    an orange hand flickering beside the signing one; in clip 6 the signing right hand is reported as a left
    in the last 11 frames. The clip is shown (and compared with, from the same ScoringTarget.references)
    with its right hand throughout and no left hand; the clip as stored keeps what the tracker said."""
    context = AppContext(Settings(), starter, None)
    bier = next(sign for sign in starter.signs() if (sign.gloss, sign.language) == ("Bier", "DGS"))
    clips = starter.clips(bier.id)
    sixth = starter.clip_pose(clips[5].id)
    left, right = _hand_frames(sixth)
    assert left == list(range(30, 41)) and right == list(range(30))  # relabelled at the end
    shown = reference_as_shown(context, clips[5])
    assert _hand_frames(shown) == ([], list(range(41)))
    assert np.array_equal(shown.points[30:, RIGHT_HAND], sixth.points[30:, LEFT_HAND])  # moved back
    for clip in clips:
        assert _hand_frames(starter.clip_pose(clip.id))[0]  # stored with a brief left hand
        assert not reference_as_shown(context, clip).mask[:, LEFT_HAND].any(), clip.id


def test_a_second_hand_on_top_of_the_other_is_removed_and_two_hands_signing_are_kept(starter, dgs):
    """A left hand reported on top of the right (the one hand twice, as the tracker does for a frame or
    two) goes, in however many frames; the hands of two-handed starter signs stay, each in all but at most
    two of the frames it was seen in (a frame of hands lowered together can be such a copy)."""
    points, mask = dgs.points.copy(), dgs.mask.copy()
    frames = np.flatnonzero(mask[:, RIGHT_HAND].any(axis=1))[2:14]  # 12 of 28: not brief
    size = normalize.hand_sizes(points, mask, dims=2)[0][frames, 1]
    points[frames, LEFT_HAND] = points[frames, RIGHT_HAND] + [0.2, 0.0, 0.0] * size[:, None, None]
    mask[frames, LEFT_HAND] = mask[frames, RIGHT_HAND]
    copied = PoseSequence(points, mask, dgs.timestamps)
    assert _hand_frames(copied)[0] == frames.tolist()
    assert _hand_frames(view.without_tracker_glitches(copied)) == _hand_frames(dgs)
    for gloss, language in (("Fußball", "DGS"), ("Software", "DGS"), ("Haus", "DGS"), ("can", "ASL")):
        sign = next(sign for sign in starter.signs() if (sign.gloss, sign.language) == (gloss, language))
        for clip in starter.clips(sign.id):
            stored = starter.clip_pose(clip.id)
            shown = view.without_tracker_glitches(stored)
            for before, after in zip(_hand_frames(stored), _hand_frames(shown), strict=True):
                assert len(after) >= len(before) - 2, (gloss, clip.id)


def test_a_hand_resting_below_the_rest_line_does_not_count_as_taking_part(asl):
    """The share of a hand seen in the sign was counted twice, two ways: feedback over the sign without the
    hands resting below the rest line, the view over every hand seen. A second hand resting at the belly,
    raised for two frames, took part in the reference as shown (and flickered up there) but not in the
    feedback compared with it. Both count it as feedback does (view.hand_shares)."""
    from desktop_app.core.judging.feedback import PreparedReference

    points, mask = asl.points.copy(), asl.mask.copy()
    shoulders = points[:, [LEFT_SHOULDER, RIGHT_SHOULDER], :2]
    width = np.linalg.norm(shoulders[:, 0] - shoulders[:, 1], axis=1)[:, None]
    signing = np.flatnonzero(mask[:, RIGHT_HAND].any(axis=1))
    points[signing, LEFT_HAND] = points[signing, RIGHT_HAND]
    points[signing, LEFT_HAND, 1] += 2.5 * width[signing]  # resting, well below the rest line
    raised = signing[5:7]
    points[raised, LEFT_HAND, :2] = points[raised, RIGHT_HAND, :2]
    points[raised, LEFT_HAND, 0] += width[raised]  # up beside the signing hand, not on top of it
    mask[signing, LEFT_HAND] = mask[signing, RIGHT_HAND]
    clip = PoseSequence(points, mask, asl.timestamps, asl.width, asl.height)
    kept = normalize.signing_part(clip.points, clip.mask)[1]
    shares = view.hand_shares(kept, signing_frames(clip, kept=kept))
    assert shares[0] < view.BRIEF_HAND_SHARE <= shares[1]
    assert not PreparedReference.of(clip).tracks["left"].used
    assert not view.without_tracker_glitches(clip).mask[:, LEFT_HAND].any()


def test_a_hanging_arm_out_of_view_now_and_then_is_drawn_where_it_was_seen_nearest(asl):
    """A webcam cutting the learner at the chest saw their elbows in half the frames: the correction's "You"
    at a moment without them was a head on the shoulders' line, beside a reference with its arms."""
    from signcore.layout import LEFT_WRIST_BODY, POSE_POINTS, RIGHT_WRIST_BODY, WRIST

    left_elbow, right_elbow = POSE_POINTS.index("LEFT_ELBOW"), POSE_POINTS.index("RIGHT_ELBOW")
    seen = slice(6, None)  # the frames with both elbows seen
    mask = asl.mask[seen].copy()
    mask[:, [LEFT_WRIST_BODY, *range(LEFT_HAND.start, LEFT_HAND.stop)]] = False  # the left arm hangs
    assert mask[:, [left_elbow, right_elbow, LEFT_SHOULDER]].all()
    assert mask[10:12, RIGHT_HAND.start + WRIST].all()
    mask[3:9, left_elbow] = False  # out of view below
    mask[10:12, right_elbow] = False  # the signing arm: its hand is seen, so its elbow is not guessed
    mask[10:12, RIGHT_WRIST_BODY] = False
    clip = PoseSequence(asl.points[seen], mask, asl.timestamps[seen], asl.width, asl.height)
    xy = normalize.body_xy(clip)
    drawn, shown = view.hanging_arms_held(clip, xy)
    assert shown[:, left_elbow].all() and not shown[10:12, right_elbow].any()
    nearest = [2, 2, 2, 9, 9, 9]  # frame 5: 3 frames after 2, 4 before 9
    np.testing.assert_allclose(drawn[3:9, left_elbow], xy[nearest, left_elbow])
    unchanged = np.ones(mask.shape, bool)
    unchanged[3:9, left_elbow] = False
    np.testing.assert_array_equal(drawn[unchanged], xy[unchanged])
    assert (shown == mask)[unchanged].all()


def test_a_free_hand_held_still_is_shown_not_taken_for_a_tracker_glitch(asl):
    """A hand the encoder leaves out as resting (normalize.still_free_hands) is still a hand in view: the
    players showed none, as if the tracker had made it up."""
    from dataclasses import replace

    from trainer.augment import with_hanging_hand

    held = with_hanging_hand(replace(asl, height=3 * asl.height))
    shoulders = held.points[:, [LEFT_SHOULDER, RIGHT_SHOULDER], :2]
    held.points[:, LEFT_HAND, 1] -= 0.4 * np.linalg.norm(shoulders[:, 0] - shoulders[:, 1], axis=1)[:, None]
    held.mask[:3, LEFT_HAND] = False  # seen a little less than the signing hand: the second hand
    assert normalize.without_resting_hands(held.points, held.mask)[:, LEFT_HAND].sum() == 0  # the encoder's
    shown = view.without_tracker_glitches(held)
    np.testing.assert_array_equal(shown.mask[:, LEFT_HAND], held.mask[:, LEFT_HAND])


def test_the_raised_hand_is_a_right_hand_palm_to_the_camera_and_its_mirror_image_the_left():
    """The hand question's pictures (Home): a right palm facing the camera has its thumb towards the signer's
    left, the camera picture's right, and the fingers up."""
    right, left = view.raised_hand("right"), view.raised_hand("left")
    thumb_tip, little_fingertip, fingertips, knuckles = 4, 20, [8, 12, 16, 20], [5, 9, 13, 17]
    assert right[thumb_tip, 0] > right[little_fingertip, 0]
    assert (right[fingertips, 1] < right[knuckles, 1]).all()
    np.testing.assert_array_equal(left, right * [-1.0, 1.0])


def test_a_clip_without_a_body_shows_its_hands_on_the_sides_their_shapes_say(starter):
    """A walk-through: "Haben (DGS)" is signed with the right hand on the chest, at the body's
    middle, where the DGS reader's side of the face tells no side: 7 of its 8 clips stored that hand as the
    left, and the Library labelled them "left-handed" under "dominant hand: right". Each clip is shown with
    its hands on the sides their 3-D shapes say; one whose body tells them apart is shown as stored."""
    haben = next(sign for sign in starter.signs() if (sign.gloss, sign.language) == ("Haben", "DGS"))
    clips = starter.clips(haben.id)
    stored = [normalize.signing_hand(starter.clip_pose(clip.id)) for clip in clips]
    assert stored.count("left") == 7  # as the reader put them
    hands = view.ClipHands(starter)
    assert [hands.of(clip, clips) for clip in clips] == ["right"] * len(clips)
    pose = view.without_tracker_glitches(starter.clip_pose(clips[0].id))
    shown = view.reference_clip(starter, clips[0].id)
    assert shown.equals(pose.hands_swapped()) and not shown.mask[:, LEFT_HAND].any()
    assert view.sided_by_shape(shown) is shown  # its shapes agree now: nothing to swap back
    flat = shown.hands_swapped()  # its depth dropped: no shape to read, the sides as stored
    flat.points[..., 2] = 0
    assert view.sided_by_shape(flat) is flat
    asl = next(sign for sign in starter.signs() if sign.language == "ASL")
    with_a_body = starter.clip_pose(starter.clips(asl.id)[0].id).hands_swapped()  # shapes against sides
    assert view.sided_by_shape(with_a_body) is with_a_body
    without_its_body = with_a_body.hands_swapped()
    without_its_body.mask[:, [LEFT_SHOULDER, RIGHT_SHOULDER]] = False
    without_its_body = without_its_body.hands_swapped()  # the shapes against the sides, no body to say
    assert view.sided_by_shape(without_its_body).equals(without_its_body.hands_swapped())
