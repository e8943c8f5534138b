"""The player follows the view convention everywhere it is used, and the feedback picture shows a moment."""

import dataclasses
import re

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QListWidget, QWidget

from desktop_app.core.app.context import AppContext
from desktop_app.core.judging.feedback import Moment
from desktop_app.core.shared.settings import Settings
from desktop_app.core.signing import view
from desktop_app.core.signing.view import ViewConvention, sign_only
from desktop_app.ui.skeleton.camera_frame import bgr_to_qimage
from desktop_app.ui.skeleton.canvas import Track
from desktop_app.ui.skeleton.feedback_picture import FeedbackPicture
from desktop_app.ui.skeleton.hand_picture import raised_hand_on_screen
from desktop_app.ui.skeleton.player import CONTROLS_SPACING, SkeletonPlayer
from signcore.database import SignDatabase
from signcore.formats import load_traduttore
from signcore.layout import LEFT_SHOULDER, RIGHT_HAND, RIGHT_SHOULDER
from tests.support import TEST_DATA, paints_every_pixel, shown_in_front


@pytest.fixture
def clip():
    clips = load_traduttore(TEST_DATA / "traduttore" / "traduttore_sample.npz")
    return next(c.pose for c in clips if c.gloss == "thank-you")


@pytest.fixture
def context(tmp_path):
    context = AppContext(Settings(), SignDatabase(tmp_path / "signs.db"), None, tmp_path / "settings.json")
    yield context
    context.database.close()


def right_wrist_on_screen(player: SkeletonPlayer) -> tuple[float, str]:
    """The x of the wrist of the right hand (else the left) on screen, from the shoulders' midpoint's."""
    canvas = player.canvas
    transform, _ = canvas._to_screen(canvas._areas()[0])
    xy, mask, _ = canvas._moment[0]
    hand = "right" if mask[RIGHT_HAND.start] else "left"
    wrist, middle = transform(np.stack([xy[RIGHT_HAND.start if hand == "right" else 33], np.zeros(2)]))
    return float(wrist[0] - middle[0]), hand


def test_references_follow_mirror_and_left_handed_mode(qtbot, context, clip):
    player = SkeletonPlayer()
    qtbot.addWidget(player)
    player.resize(500, 400)
    player.follow_settings(context, references=True)
    player.set_clip(clip)
    frame = int(np.flatnonzero(clip.mask[:, RIGHT_HAND.start])[0])
    player.canvas.show_moment([(frame, frame)], 0.0)
    x, hand = right_wrist_on_screen(player)
    assert hand == "right" and x > 0  # mirror view: on the right
    assert "as in a mirror" in player.legend.text() and "right hand" in player.legend.text()

    context.update_settings(mirror_display=False)
    player.canvas.show_moment([(frame, frame)], 0.0)
    assert right_wrist_on_screen(player)[0] < 0

    context.update_settings(left_handed=True)  # the reference is shown as its left-handed form, its sign
    assert player.canvas.tracks[0].pose.equals(sign_only(clip.mirrored()))
    assert player.clip is clip
    assert player.speed == context.settings.playback_speed


def test_a_reference_shown_unmirrored_is_framed_as_one_shown_so_from_the_start(qtbot, context, clip):
    """Mirror view turned off while a reference played: its figure stayed framed as mirrored, off-centre,
    and its area's edge cut off the arm reaching out (the Library's belly (ASL), cut at the close-up's
    edge). It is drawn as a player opened with Mirror view off draws it."""

    def player_showing_a_moment() -> SkeletonPlayer:
        player = SkeletonPlayer()
        qtbot.addWidget(player)
        player.resize(560, 420)
        player.show()  # laid out: grabbed hidden, its canvas grew under the paint
        qtbot.waitExposed(player)
        player.follow_settings(context, references=True)
        player.set_clip(clip)
        player.pause()
        player.canvas.show_moment([(12, 12)], 0.0)
        return player

    turned_off = player_showing_a_moment()
    context.update_settings(mirror_display=False)
    turned_off.canvas.show_moment([(12, 12)], 0.0)
    off_from_the_start = player_showing_a_moment()
    assert turned_off.canvas.grab().toImage() == off_from_the_start.canvas.grab().toImage()


def test_the_learners_own_clips_are_never_mirrored_by_left_handed_mode(qtbot, context, clip):
    context.update_settings(left_handed=True)
    player = SkeletonPlayer()
    qtbot.addWidget(player)
    player.follow_settings(context, references=False)
    player.set_clip(clip)
    assert player.canvas.tracks[0].pose.equals(sign_only(clip))  # its sign, as every clip is played


def test_a_clip_not_of_the_database_plays_its_sign_only_too(qtbot):
    """A video being imported played its hands-down start and end, where every reference plays its sign."""
    clip = next(  # hello's first clip: no hand before its ninth frame
        c.pose
        for c in load_traduttore(TEST_DATA / "traduttore" / "traduttore_sample.npz")
        if c.gloss == "hello"
    )
    player = SkeletonPlayer()
    qtbot.addWidget(player)
    assert len(sign_only(clip)) < len(clip)  # it has frames before or after its sign
    player.set_clip(clip)
    assert player.canvas.tracks[0].pose.equals(sign_only(clip))


def test_previews_show_every_clip_signed_with_the_learners_hand(qtbot, context, clip):
    """The Library's, the map's and the search's previews: a clip signed with the learner's hand as it is,
    also when left-handed mode is switched on for a left-handed clip; one signed with the other hand
    mirrored."""
    player = SkeletonPlayer()
    qtbot.addWidget(player)
    player.follow_settings(context, references=True)
    left_clip = clip.mirrored()
    player.set_clip(left_clip, signed_with="left")
    assert player.canvas.tracks[0].pose.equals(sign_only(clip))  # a right-hander: mirrored to the right hand
    context.update_settings(left_handed=True)
    assert player.canvas.tracks[0].pose.equals(sign_only(left_clip))
    player.set_clip(clip)  # one being imported: the hand it is seen signing with
    assert player.canvas.tracks[0].pose.equals(sign_only(clip.mirrored()))


def test_short_clips_play_smoothly_and_count_seconds(qtbot, clip):
    player = SkeletonPlayer()
    qtbot.addWidget(player)
    player.set_speed(0.25)
    player.set_clip(clip)
    player.show()
    shown = set()
    qtbot.waitUntil(lambda: shown.add(player._shown) or len(shown) > 2 * 3, timeout=3000)
    assert any(0 < fraction < 1 for _step, fraction in shown)  # between frames: interpolated
    assert player.time_label.text().endswith(f"of {sign_only(clip).duration:.2f} s")


def test_the_feedback_picture_shows_both_at_the_moment(qtbot, clip):
    picture = FeedbackPicture()
    qtbot.addWidget(picture)
    picture.show_moment(clip, clip.mirrored(), Moment(3, 5), "right", ViewConvention())
    # Named only: the correction beside them says when, in words ("Reference at 0.4 s" was a figure)
    assert [picture.reference.tracks[0].label, picture.attempt.tracks[0].label] == ["Reference", "You"]
    assert picture.attempt.closeup_hand == "right" and picture.attempt.highlight_hand == "right"
    picture.grab()  # paints without error


def test_a_correction_whose_hand_is_never_seen_in_both_is_said_in_words_not_pictured(qtbot, clip):
    """Where the hand a correction names is seen at no moment in both the attempt and the reference, the
    picture says so instead of showing figures without that hand; the next correction is pictured again."""
    from dataclasses import replace

    from desktop_app.core.judging.attempts import AttemptOutcome
    from desktop_app.core.judging.feedback import compare_with_reference

    attempt = clip.frames(slice(None))
    shoulders = attempt.points[:, [LEFT_SHOULDER, RIGHT_SHOULDER], :2]
    width = np.linalg.norm(shoulders[:, 0] - shoulders[:, 1], axis=1).mean()
    attempt.points[:, RIGHT_HAND, 1] += 0.6 * width  # clearly lower (0.5 is about where location starts)
    feedback = compare_with_reference(attempt, clip)
    assert feedback.main is not None and feedback.main.hand == "right"
    never = replace(
        feedback, pictured={hand: np.zeros_like(seen) for hand, seen in feedback.pictured.items()}
    )
    picture = FeedbackPicture()
    qtbot.addWidget(picture)
    picture.show_correction(AttemptOutcome(attempt, None, feedback=never, reference=clip), ViewConvention())
    assert picture.isVisible() and picture.unseen.isVisible()
    assert not picture.reference.isVisible() and not picture.attempt.isVisible()
    assert picture.unseen.text() == (
        "No picture to compare: your right hand was not seen at any moment the reference's was."
    )
    outcome = AttemptOutcome(attempt, None, feedback=feedback, reference=clip)
    picture.show_correction(outcome, ViewConvention())
    assert picture.reference.isVisible() and picture.attempt.isVisible() and not picture.unseen.isVisible()
    assert picture.attempt.tracks[0].label.startswith("You at ")  # the moment, as the replay reads it


def test_a_low_score_with_every_part_close_shows_no_correction_picture(qtbot, clip):
    """A low score whose parts are all close to the reference is told of the sign as a whole: no part is
    named, so no close-up suggests a difference (the picture, shown for the previous correction, hides)."""
    from desktop_app.core.judging.attempts import AttemptOutcome
    from desktop_app.core.judging.feedback import LookAlike, compare_with_reference

    lower = clip.frames(slice(None))
    shoulders = lower.points[:, [LEFT_SHOULDER, RIGHT_SHOULDER], :2]
    lower.points[:, RIGHT_HAND, 1] += 0.6 * np.linalg.norm(shoulders[:, 0] - shoulders[:, 1], axis=1).mean()
    picture = FeedbackPicture()
    qtbot.addWidget(picture)
    picture.show_correction(
        AttemptOutcome(lower, None, feedback=compare_with_reference(lower, clip), reference=clip),
        ViewConvention(),
    )
    assert picture.isVisible()
    same = clip.frames(slice(None))
    close = compare_with_reference(same, clip, score=30.0, looked_like=LookAlike("please (ASL)"))
    assert close.main is None and close.overall is not None and close.message == close.overall
    picture.show_correction(AttemptOutcome(same, None, feedback=close, reference=clip), ViewConvention())
    assert picture.isHidden()


def test_a_camera_frame_becomes_a_picture_with_its_own_pixels_in_the_right_colours_and_place(qapp):
    frame = np.zeros((40, 63, 3), np.uint8)  # an odd width: rows of the picture are not the frame's
    frame[10, 5] = (10, 20, 200)  # B, G, R: a red pixel near the left edge
    picture = bgr_to_qimage(frame, flip=False)
    assert picture.format() == QImage.Format.Format_RGB32 and (picture.width(), picture.height()) == (63, 40)
    assert picture.pixelColor(5, 10) == QColor(200, 20, 10)
    frame[10, 5] = 0  # the picture owns its pixels: the frame may change or go
    assert picture.pixelColor(5, 10) == QColor(200, 20, 10)
    frame[10, 5] = (10, 20, 200)
    assert bgr_to_qimage(frame, flip=True).pixelColor(57, 10) == QColor(200, 20, 10)
    frame[:20, :32] = (255, 0, 0)  # the top-left quarter blue
    shrunk = bgr_to_qimage(frame, flip=False, fit=(32, 32))
    assert (shrunk.width(), shrunk.height()) == (32, 20)
    assert shrunk.pixelColor(4, 4) == QColor(0, 0, 255) and shrunk.pixelColor(28, 16) == QColor(0, 0, 0)


def test_a_camera_picture_grows_to_fill_a_big_screen(qapp):
    """A 540 x 720 video stayed that size in the middle of the practice page's dark 1370 x 1240 camera pane
    on a 2560 x 1440 screen."""
    frame = np.zeros((720, 540, 3), np.uint8)
    frame[:360, :270] = (255, 0, 0)  # the top-left quarter blue
    grown = bgr_to_qimage(frame, flip=False, fit=(1370, 1240))
    assert (grown.width(), grown.height()) == (930, 1240)  # as tall as the pane, the same shape
    assert grown.pixelColor(400, 560) == QColor(0, 0, 255) and grown.pixelColor(520, 700) == QColor(0, 0, 0)


def test_the_closeup_shows_the_hand_that_signs_in_the_clip_shown(qtbot, context, clip):
    player = SkeletonPlayer()
    qtbot.addWidget(player)
    player.follow_settings(context, references=True)
    player.set_clip(clip)
    assert player.canvas.main_track.dominant_hand == "right"
    context.update_settings(left_handed=True)  # the reference now shown mirrored signs with its left hand
    assert player.canvas.main_track.dominant_hand == "left"


def test_the_closeup_of_a_two_handed_reference_is_the_learners_hand(qtbot, context):
    """coffee (ASL): two hands raised alike, the clip and its mirror image both guessed right-handed. Shown
    mirrored to a left-handed learner, its close-up showed the right hand; it is the learner's hand, as the
    reference is shown signed with it."""
    clips = load_traduttore(TEST_DATA / "traduttore" / "traduttore_sample.npz")
    two_handed = [clip.pose for clip in clips if clip.gloss == "coffee"][1]
    context.update_settings(left_handed=True)
    player = SkeletonPlayer()
    qtbot.addWidget(player)
    player.follow_settings(context, references=True)
    player.set_clip(two_handed, signed_with="right")
    assert player.canvas.tracks[0].pose.equals(sign_only(two_handed.mirrored()))
    assert player.canvas.main_track.dominant_hand == "left"
    context.update_settings(left_handed=False)
    assert player.canvas.main_track.dominant_hand == "right"


def test_the_closeup_caption_shortens_to_fit_a_narrow_box(qapp):
    from PySide6.QtGui import QFont, QFontMetrics

    from desktop_app.ui.skeleton.closeup import closeup_label

    metrics = QFontMetrics(QFont())
    wide = metrics.horizontalAdvance("right hand")
    assert closeup_label("right", metrics, wide) == "right hand"
    assert closeup_label("right", metrics, wide - 1) == "right"  # not "right han"
    narrow = closeup_label("right", metrics, metrics.horizontalAdvance("righ"))
    assert narrow != "right" and narrow.endswith("…")


def test_a_corner_caption_wraps_between_words_to_fit_a_narrow_picture(qapp):
    from PySide6.QtGui import QFont, QFontMetrics

    from desktop_app.ui.skeleton.captions import wrapped_to_width

    metrics = QFontMetrics(QFont())
    caption = "●\u00a0Closest reference clip"  # as the player of the clip a correction names captions it
    whole = metrics.horizontalAdvance(caption)
    assert wrapped_to_width(caption, metrics, whole) == caption
    assert wrapped_to_width(caption, metrics, whole - 1) == "●\u00a0Closest reference\nclip"
    overlaid = "●\u00a0Reference   ●\u00a0You"
    assert wrapped_to_width(overlaid, metrics, whole) == overlaid
    assert wrapped_to_width(overlaid, metrics, metrics.horizontalAdvance("●\u00a0Reference")) == (
        "●\u00a0Reference\n●\u00a0You"
    )
    width = metrics.horizontalAdvance("●\u00a0Refer")
    narrow = wrapped_to_width(caption, metrics, width).split("\n")
    assert narrow[0].endswith("…") and all(metrics.horizontalAdvance(line) <= width for line in narrow)
    assert wrapped_to_width("", metrics, 100) == ""


def test_a_long_file_name_in_a_message_is_shortened_in_its_middle(qtbot):
    """ "Reading hand_estimation__0ff215ef4f1f111e217e2cefee0adc77.pose…", wrapped and centred in a narrow
    player, read "Reading imation__0ff2…adc7": the name cut at both ends."""
    player = SkeletonPlayer()
    qtbot.addWidget(player)
    player.resize(280, 240)
    message = "Reading hand_estimation__0ff215ef4f1f111e217e2cefee0adc77.pose…"
    player.set_message(message)
    room = player.canvas.message_room()
    shown = player.canvas.shown_message()
    metrics = player.canvas.fontMetrics()
    assert metrics.horizontalAdvance(message.split()[1]) > room.width()  # too long for a line
    assert shown.startswith("Reading hand_est") and shown.endswith("adc77.pose…") and "…" in shown[:-1]
    assert all(metrics.horizontalAdvance(word) <= room.width() for word in shown.split())
    player.set_message("Nothing was detected in this clip")
    assert player.canvas.shown_message() == "Nothing was detected in this clip"  # short words as they are


def test_figures_over_each_other_are_named_in_the_corner(qtbot, clip):
    from desktop_app.ui.skeleton.canvas import SkeletonCanvas, Track

    canvas = SkeletonCanvas()
    qtbot.addWidget(canvas)
    canvas.set_tracks([Track(clip, "Reference"), Track(clip, "You", faded=True)])
    assert canvas.legend() == "●\u00a0Reference   ●\u00a0You"


def test_the_faded_figure_is_named_as_faint_as_it_is_drawn(qtbot, clip):
    """The replay's legend showed '◌ Reference', a dashed circle, where the reference is drawn in faint solid
    lines (and dashes mean a guide): its name is now painted as faint as its figure, the learner's solid."""
    from desktop_app.ui.skeleton.canvas import SkeletonCanvas, Track

    canvas = SkeletonCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(600, 400)
    canvas.set_tracks([Track(clip, "Reference", faded=True), Track(clip, "You")])
    canvas.show_moment([(5, 5), (5, 5)], 0.0)
    image = canvas.grab().toImage()
    metrics = canvas.fontMetrics()
    reference_end = 6 + metrics.horizontalAdvance("●\u00a0Reference")
    you_start = 6 + metrics.horizontalAdvance("●\u00a0Reference   ")

    def brightest(left: int, right: int) -> int:
        return max(
            image.pixelColor(x, y).lightness()
            for x in range(left, right)
            for y in range(4, 4 + metrics.height())
        )

    faint, solid = (
        brightest(6, reference_end),
        brightest(you_start, you_start + metrics.horizontalAdvance("●")),
    )
    assert solid > 180 and faint < solid - 50, (faint, solid)


@pytest.mark.parametrize("mirror", [True, False])
@pytest.mark.parametrize("size", [(566, 620), (900, 400), (380, 700), (1340, 235)])
def test_the_figure_never_runs_under_the_closeup(qtbot, clip, size, mirror):
    """The library's player (a nearly square canvas, a wide one, a tall one) and a lesson's replay (wide and
    low): the arms ran down under the close-up box, and the close-up covered the arm hanging at the figure's
    side (hello (ASL) in the Library). The signing hands and the elbows (across) lie in the figure's area,
    the signing arm's elbow and forearm wholly (the replay cut them at its bottom); the arm hanging at
    thank-you's side, left out of the framing, is not drawn under the close-up."""
    from desktop_app.ui.skeleton.canvas import SkeletonCanvas, Track
    from desktop_app.ui.skeleton.colours import BODY_COLOUR
    from signcore import normalize
    from signcore.layout import LEFT_HAND, LEFT_WRIST_BODY, POSE_POINTS, RIGHT_WRIST_BODY

    clip = clip.frames(slice(1, None))  # without its first frame, a tracking glitch (see test_view)
    canvas = SkeletonCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(*size)
    canvas.convention = ViewConvention(mirror=mirror)
    canvas.set_tracks([Track(clip, "")])
    figure_area, closeup_area = canvas.framed_area(), canvas._areas()[1]
    assert figure_area.intersected(closeup_area).isEmpty()
    transform, _ = canvas._to_screen(figure_area)
    track = canvas.tracks[0]
    hands = normalize.without_resting_hands(clip.points, clip.mask)
    hands[:, : LEFT_HAND.start] = False
    x, y = transform(track.xy[hands]).T
    assert (x >= figure_area.left()).all() and (x <= figure_area.right()).all()
    assert (y >= figure_area.top()).all() and (y <= figure_area.bottom()).all()
    elbows = list(view.ARM_POINTS[:2])
    x = transform(track.xy[:, elbows][clip.mask[:, elbows]])[:, 0]
    assert (x >= figure_area.left()).all() and (x <= figure_area.right()).all(), "an elbow off the edge"
    signing_arm = [POSE_POINTS.index("RIGHT_ELBOW"), RIGHT_WRIST_BODY]  # thank-you's
    y = transform(track.xy[:, signing_arm][clip.mask[:, signing_arm]])[:, 1]
    assert (y <= figure_area.bottom()).all(), "the signing arm's elbow cut at the bottom"

    seen = np.flatnonzero(clip.mask[:, LEFT_WRIST_BODY])
    lowest = int(seen[np.argmax(track.xy[seen, LEFT_WRIST_BODY, 1])])
    assert transform(track.xy[lowest, LEFT_WRIST_BODY])[1] > figure_area.bottom()  # the arm reaches beyond
    canvas.show_moment([(lowest, lowest)], 0.0)
    image = canvas.grab().toImage()
    body_pixels = [
        (px, py)
        for px in range(int(closeup_area.left()), int(closeup_area.right()))
        for py in range(int(closeup_area.top()), int(closeup_area.bottom()))
        if image.pixelColor(px, py) == BODY_COLOUR
    ]
    assert body_pixels == [], "the arm was drawn under the close-up"


def test_the_correction_picture_draws_each_closeup_hand_filling_its_box(qtbot):
    """The reference's close-up hand was 20-30 px high while the learner's filled its box: a hand was drawn
    at two hand sizes to the box, and a DGS hand is often shorter; the box was a fifth of the picture's
    height."""
    from desktop_app.core.signing import view
    from desktop_app.ui.skeleton.closeup import closeup_hand_area
    from signcore.formats import load_dgs
    from signcore.formats.posefile import read_pose

    reference = [c.pose for c in load_dgs(TEST_DATA / "dgs" / "3D_full") if c.gloss == "hallo"][1]
    attempt = read_pose(TEST_DATA / "pose" / "mediapipe.pose")
    picture = FeedbackPicture()
    qtbot.addWidget(picture)
    picture.resize(900, 480)
    picture.show()
    qtbot.waitExposed(picture)
    picture.show_moment(
        reference, attempt, Moment(80, 15), "right", ViewConvention()
    )  # hallo's hand 1.5 long
    colour = QColor(view.RIGHT_HAND_COLOUR)
    for canvas in (picture.reference, picture.attempt):
        closeup = canvas._areas()[1]
        assert closeup.height() >= 200, "a close-up nearly as large as the figure"
        image = canvas.grab().toImage()
        inner = closeup.adjusted(6, 6, -6, -6)
        box = closeup_hand_area(inner, inner.top() + 4 + canvas.fontMetrics().lineSpacing())  # as drawn
        drawn = np.array(
            [
                (x, y)
                for x in range(int(box.left()), int(box.right()), 2)
                for y in range(int(box.top()), int(box.bottom()), 2)
                if image.pixelColor(x, y) == colour
            ]
        )
        extent = drawn.max(axis=0) - drawn.min(axis=0)
        assert (extent / [box.width(), box.height()]).max() > 0.9, "the hand fills its box one way"


def test_the_player_draws_a_lone_glitch_frame_as_its_nearest_frame(qtbot):
    """thank-you's first frame as recorded (2 s before the rest; the reader leaves it out) puts the figure
    elsewhere, as a tracker's glitch does: the replays, which play the clip as stored, drew it."""
    clip = next(
        c.pose
        for c in load_traduttore(
            TEST_DATA / "traduttore" / "traduttore_sample.npz", with_stale_first_frame=True
        )
        if c.gloss == "thank-you"
    )
    player = SkeletonPlayer()
    qtbot.addWidget(player)
    player.play_clip(clip, "")  # as stored, as the replays play it
    player.canvas.show_moment([(0, 0)], 0.0)
    xy, _mask, frame = player.canvas._moment[0]
    assert frame == 1 and np.array_equal(xy, player.canvas.tracks[0].xy[1])
    assert player.canvas.tracks[0].pose is clip  # the clip as given


@pytest.mark.parametrize(("size", "lines"), [((450, 170), 1), ((900, 300), 1)])  # named only: one line
def test_the_correction_pictures_captions_have_their_own_strips(qtbot, size, lines):
    """The reference's hand was drawn over its wrapped caption "Reference / at 0.6 s" and over "dashed: a
    guide" in the correction's picture: the figure stands between the two strips, at every moment."""
    from desktop_app.ui.skeleton.captions import wrapped_to_width
    from desktop_app.ui.skeleton.colours import BODY_COLOUR, LEFT_COLOUR, RIGHT_COLOUR
    from signcore.formats import load_dgs

    reference = [c.pose for c in load_dgs(TEST_DATA / "dgs" / "3D_full") if c.gloss == "hallo"][1]  # a guide
    picture = FeedbackPicture()
    qtbot.addWidget(picture)
    picture.resize(*size)
    picture.show()
    qtbot.waitExposed(picture)
    canvas = picture.reference
    main = canvas._areas()[0]
    metrics = canvas.fontMetrics()
    drawn = {colour.rgb() for colour in (BODY_COLOUR, LEFT_COLOUR, RIGHT_COLOUR)}
    for frame in range(0, len(reference), 3):
        picture.show_moment(reference, reference, Moment(frame, frame), "right", ViewConvention())
        caption = wrapped_to_width(canvas.legend(), metrics, main.width() - 12)
        assert caption.count("\n") + 1 == lines
        strips = [
            (main.top(), main.top() + 4 + lines * metrics.lineSpacing()),
            (main.bottom() - 4 - metrics.lineSpacing(), main.bottom()),  # the guide's caption
        ]
        image = canvas.grab().toImage()
        for top, bottom in strips:
            over = [
                (x, y)
                for x in range(int(main.left()), int(main.right()), 2)
                for y in range(int(top), int(bottom))
                if image.pixel(x, y) in drawn
            ]
            assert over == [], f"frame {frame}: the figure drawn over a caption"


@pytest.mark.parametrize("width", [160, 300, 400, 900, 1400])
def test_the_guides_caption_is_whole_and_the_same_in_every_width(qtbot, width):
    """ "dashed: a guide" was cut at the edge of a narrow correction picture ("dashed: a gu"): the caption was
    chosen by a fixed width, not by what fits. Then a player too narrow for the caption with its reason said
    only "dashed: a guide", nothing of what it was a guide to (the record window's). Each of its
    lines fits, and together they say the same words in every width."""
    from signcore.formats import load_dgs

    reference = [c.pose for c in load_dgs(TEST_DATA / "dgs" / "3D_full") if c.gloss == "hallo"][1]  # a guide
    picture = FeedbackPicture()
    qtbot.addWidget(picture)
    picture.resize(width, 170)
    picture.show()
    qtbot.waitExposed(picture)
    picture.show_moment(reference, reference, Moment(10, 10), "right", ViewConvention())
    canvas = picture.reference
    main, closeup = canvas._areas()
    lines = canvas._guide_caption(main).split("\n")
    metrics = canvas.fontMetrics()
    assert all(metrics.horizontalAdvance(line) <= main.width() - 12 for line in lines), lines
    assert " ".join(lines) == view.guide_caption([canvas.tracks[0].body]) == view.GUIDE
    area = canvas.figure_area(main, canvas._legend_lines(main, closeup), "\n".join(lines), closeup)
    assert area.bottom() <= main.bottom() - len(lines) * metrics.lineSpacing()  # its strip holds every line


def test_the_correction_its_picture_and_the_replay_read_the_reference_players_clock(qtbot, context, clip):
    """hello (ASL): the player played the sign only, "0.3 s of 0.3 s"; the correction said "at 0.7-0.9 s", its
    picture "Reference at 0.6 s", and the replay's clock ran over the attempt's 1.9 s. One timeline now: the
    reference's sign, as its player counts it, the picture at a moment of the correction's stretch of it
    (which its words name as the part of the sign it falls in)."""
    from desktop_app.core.judging.attempts import AttemptOutcome
    from desktop_app.core.judging.feedback import compare_with_reference
    from desktop_app.core.judging.practice import PracticeSign
    from desktop_app.ui.practice_page import PracticePage
    from tests.support import with_idle_frames

    reference = with_idle_frames(clip, 9, 0)  # as hello (ASL)'s first clip: no hand in its first 0.3 s
    attempt = with_idle_frames(clip, 4, 6)
    shoulders = attempt.points[:, [LEFT_SHOULDER, RIGHT_SHOULDER], :2]
    attempt.points[:, RIGHT_HAND, 1] += 0.6 * np.linalg.norm(shoulders[:, 0] - shoulders[:, 1], axis=1).mean()
    feedback = compare_with_reference(attempt, reference)
    assert feedback.main is not None and feedback.main.parameter == "location"
    page = PracticePage(context)
    qtbot.addWidget(page)
    page.player.resize(500, 400)
    outcome = AttemptOutcome(attempt, None, feedback=feedback, reference=reference)
    page.attempts.scored(outcome)

    page.practising = PracticeSign("hello", "", reference)  # the clip the outcome compares with
    page.show_reference()
    reference_clock = page.player.time_label.text().split(" of ")[1]
    assert reference_clock == f"{sign_only(reference).duration:.2f} s"
    page.replay_attempt()
    replayed = page.player.canvas
    assert [track.label for track in replayed.tracks] == ["Reference", "You"], "the replay plays"
    # as Help's "How to practise" says: the attempt drawn over the faint reference, not beside it
    assert [track.faded for track in replayed.tracks] == [True, False]
    assert page.player.time_label.text().split(" of ")[1] == reference_clock, (
        "the replay reads the same clock"
    )

    page.feedback_picture.show_correction(outcome, ViewConvention())
    pictured = page.feedback_picture.reference._moment[0][2]  # the reference's frame drawn
    seconds = reference.timestamps[pictured] - view.sign_start(reference)
    assert feedback.main.start_s <= seconds <= feedback.main.end_s <= sign_only(reference).duration + 0.05
    assert not re.search(r"\d", feedback.main.message), "the correction says its moment in words"
    page.shutdown()


@pytest.mark.parametrize("gloss", ["no", "hello"])
def test_a_references_forearm_reaches_its_hand(qtbot, tmp_path, gloss):
    """no (ASL): the body tracker's wrist lies 0.1-0.2 shoulder widths from the hand's, so the forearm stopped
    short and the hand floated beside it; hello (ASL): the wrist is not seen in frames the hand is, and the
    forearm was missing. Drawn, each forearm runs from its elbow to its hand's own wrist."""
    from signcore.layout import LEFT_HAND, LEFT_WRIST_BODY, RIGHT_WRIST_BODY
    from signcore.paths import assets_dir

    copy = tmp_path / "signs.db"
    copy.write_bytes((assets_dir() / "default_signs.db").read_bytes())
    with SignDatabase(copy) as database:
        sign = next(s for s in database.signs() if (s.gloss, s.language) == (gloss, "ASL"))
        poses = [database.clip_pose(clip.id) for clip in database.clips(sign.id)]
    player = SkeletonPlayer()
    qtbot.addWidget(player)
    arms = [(13, LEFT_WRIST_BODY, LEFT_HAND.start), (14, RIGHT_WRIST_BODY, RIGHT_HAND.start)]
    short_or_missing = 0
    for pose in poses:
        player.set_clip(pose)
        track = player.canvas.tracks[0]  # the clip's sign, as played
        for frame in range(len(track.pose)):
            player.canvas.show_moment([(frame, frame)], 0.0)
            xy, mask, drawn = player.canvas._moment[0]
            for elbow, body_wrist, hand_wrist in arms:
                if not (mask[elbow] and mask[hand_wrist]):
                    continue
                stored = track.xy[drawn, body_wrist]
                apart = np.linalg.norm(stored - track.xy[drawn, hand_wrist])
                short_or_missing += bool(not track.pose.mask[drawn, body_wrist] or apart > 0.1)
                assert mask[body_wrist] and np.array_equal(xy[body_wrist], xy[hand_wrist])
    assert short_or_missing > 0  # what was drawn short or not at all


def test_the_correction_pictures_figures_are_whole_and_drawn_at_one_scale(qtbot):
    """ "Reference at 0.5 s" was a small figure, framed over its whole clip, beside a large "You" framed over
    the attempt, its arm hanging at that moment cut off at the picture's bottom and side."""
    from desktop_app.ui.skeleton.colours import BODY_COLOUR, GUIDE_COLOUR
    from signcore.formats import load_dgs
    from signcore.formats.posefile import read_pose

    reference = [c.pose for c in load_dgs(TEST_DATA / "dgs" / "3D_full") if c.gloss == "hallo"][1]  # a guide
    attempt = read_pose(TEST_DATA / "pose" / "mediapipe.pose")  # its left arm hanging down
    picture = FeedbackPicture()
    qtbot.addWidget(picture)
    picture.resize(400, 170)
    picture.show()
    qtbot.waitExposed(picture)
    picture.show_moment(reference, attempt, Moment(80, 15), "right", ViewConvention())
    for canvas in (picture.reference, picture.attempt):
        area = canvas.framed_area()
        image = canvas.grab().toImage()  # drawn clipped to its area: a figure cut off reaches its border
        rows, columns = range(int(area.left()), int(area.right())), range(int(area.top()), int(area.bottom()))
        border = [(x, y) for x in rows for y in (columns[0], columns[-1])]
        border += [(x, y) for x in (rows[0], rows[-1]) for y in columns]
        cut = [(x, y) for x, y in border if image.pixelColor(x, y) in (BODY_COLOUR, GUIDE_COLOUR)]
        assert cut == [], "a figure cut off at the picture's edge"
        transform, scale = canvas._to_screen(area, canvas.drawn_scale())
        xy, mask, _frame = canvas._moment[0]
        x, y = transform(xy[view.upper_body_mask(mask)]).T
        assert area.left() <= x.min() and x.max() <= area.right()
        assert area.top() <= y.min() and y.max() <= area.bottom()
    assert picture.reference.drawn_scale() == pytest.approx(picture.attempt.drawn_scale())


def test_a_narrow_correction_pictures_closeup_is_large_enough_to_read_a_handshape(qtbot):
    """In a 1000 x 520 window each figure of the correction's picture is ~159 px wide and its hand close-up
    was min(height, 0.45 x width), ~71 px: too small to read a handshape. There it takes 0.6 of the width,
    between the captions (each whole on one line above and below), beside the figure, covering none of it;
    at a 1400-px window's width (~218 px a figure) the picture is as it was."""
    from PySide6.QtCore import QRectF

    from desktop_app.ui.skeleton.canvas import CLOSEUP_NEARLY_AS_LARGE_AS_THE_FIGURE
    from signcore.formats import load_dgs
    from signcore.formats.posefile import read_pose

    reference = [c.pose for c in load_dgs(TEST_DATA / "dgs" / "3D_full") if c.gloss == "hallo"][1]  # a guide
    attempt = read_pose(TEST_DATA / "pose" / "mediapipe.pose")
    picture = FeedbackPicture()
    qtbot.addWidget(picture)
    for width, height in ((324, 140), (442, 194)):
        picture.resize(width, height)
        picture.show()
        qtbot.waitExposed(picture)
        picture.show_moment(reference, attempt, Moment(80, 15), "right", ViewConvention())
        picture.layout().activate()  # its figures at the new size now
        for canvas in (picture.reference, picture.attempt):
            main, closeup = canvas._areas()
            legend, caption = canvas._legend_lines(main, closeup), canvas._guide_caption(main)
            figure = canvas.figure_area(main, legend, caption, closeup)
            assert figure.intersected(closeup).isEmpty(), "the close-up covers the figure"
            transform, _scale = canvas._to_screen(figure, canvas.drawn_scale())
            xy, mask, _frame = canvas._moment[0]
            x, y = transform(xy[view.upper_body_mask(mask)]).T
            assert figure.left() <= x.min() and x.max() <= figure.right()
            assert figure.top() <= y.min() and y.max() <= figure.bottom()
            if canvas.width() < 200:  # a 1000-px window's
                assert closeup.width() >= 0.55 * canvas.width(), "too small to read a handshape"
                assert "\n" not in legend and "\n" not in caption
            else:  # a 1400-px window's, as it was: at the top right, nearly as large as the figure
                of_short, of_long = CLOSEUP_NEARLY_AS_LARGE_AS_THE_FIGURE
                side = min(canvas.height() * of_short, canvas.width() * of_long)
                assert closeup == QRectF(canvas.width() - side, 0, side, side)


def test_the_closeup_says_when_its_hand_is_not_seen(qtbot, clip):
    """The replay's close-up stayed an empty box for most of it where the learner's hand was not tracked: it
    says so."""
    from dataclasses import replace

    from desktop_app.ui.skeleton.canvas import SkeletonCanvas, Track

    canvas = SkeletonCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(500, 400)
    canvas.closeup_hand = "right"
    frame = int(np.flatnonzero(clip.mask[:, RIGHT_HAND.start])[0])

    def marks_in_the_closeup(pose) -> int:
        """Pixels under the close-up's caption that are neither its box nor its border."""
        canvas.set_tracks([Track(pose, "You")])
        canvas.show_moment([(frame, frame)], 0.0)
        image = canvas.grab().toImage()
        box = canvas._areas()[1].adjusted(14, 30, -14, -14)
        plain = {QColor(38, 38, 44).rgb(), QColor(70, 70, 78).rgb()}
        return sum(
            image.pixelColor(x, y).rgb() not in plain
            for x in range(int(box.left()), int(box.right()))
            for y in range(int(box.top()), int(box.bottom()))
        )

    assert marks_in_the_closeup(clip) > 0  # the hand
    unseen = clip.mask.copy()
    unseen[:, RIGHT_HAND] = False
    assert marks_in_the_closeup(replace(clip, mask=unseen)) > 0, "an empty box"


@pytest.mark.parametrize("size", [(305, 110), (357, 103), (500, 400)])
def test_a_small_closeups_words_stay_in_its_box_and_its_tooltip_says_them_whole(qtbot, clip, size):
    """At 1000 x 440 a lesson's replay (305 x 110) had a close-up about 50 px wide: its "hand not seen" ran
    out of the box in four lines ("left / hand / not / seen…"), and Practice's reference read only "left".
    The words fit the box, shorter where they must; hovering the close-up says them whole."""
    from dataclasses import replace

    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    from desktop_app.ui.skeleton.canvas import SkeletonCanvas, Track
    from desktop_app.ui.skeleton.closeup import (
        closeup_box,
        closeup_caption_area,
        closeup_label,
        closeup_note_room,
    )

    canvas = SkeletonCanvas()
    qtbot.addWidget(canvas)
    canvas.setMinimumHeight(size[1])  # as the views set their players' least heights
    canvas.resize(*size)
    canvas.show()
    qtbot.waitExposed(canvas)
    canvas.closeup_hand = "right"
    unseen = clip.mask.copy()
    unseen[:, RIGHT_HAND] = False
    canvas.set_tracks([Track(replace(clip, mask=unseen), "You")])
    canvas.show_moment([(5, 5)], 0.0)
    image = canvas.grab().toImage()
    inner = closeup_box(canvas._areas()[1])
    metrics = canvas.fontMetrics()
    caption_bottom = closeup_caption_area(inner).top() + metrics.lineSpacing()
    room = closeup_note_room(inner, caption_bottom)
    note = canvas.unseen_note(room)
    lines = note.split("\n")
    assert len(lines) * metrics.lineSpacing() <= room.height() + 1, note
    assert all(metrics.horizontalAdvance(line) <= room.width() for line in lines), note

    def written(top: float, bottom: float) -> int:
        """Pixels of the hand's colour (the words) in the box's rows from ``top`` to ``bottom``."""
        return sum(
            image.pixelColor(x, y).blue() > 120
            for x in range(int(inner.left()) + 2, int(inner.right()) - 2)
            for y in range(int(top), int(bottom))
        )

    assert written(caption_bottom, inner.bottom() - 2) > 0, "nothing said under the caption"
    assert written(inner.bottom() - 4, inner.bottom() - 1) == 0, "words cut at the box's bottom"

    if size[0] > 2.5 * size[1]:  # a wide, low player: room beside the figure for a readable close-up
        assert closeup_label("right", metrics, closeup_caption_area(inner).width()) == "right hand"
        rect = QRectF(canvas.rect())
        with_its_share = rect.adjusted(0, 0, -canvas._closeup_side(rect, beside=True), 0)
        assert canvas._to_screen(canvas._beside_and_above()[0])[1] == pytest.approx(
            canvas._to_screen(with_its_share)[1]
        ), "the figure made smaller"

    def tooltip_at(point: QPoint) -> str:
        """The tooltip shown for a hover at ``point``; "" where the canvas shows none."""
        hover = QHelpEvent(QEvent.Type.ToolTip, point, canvas.mapToGlobal(point))
        QApplication.sendEvent(canvas, hover)
        return QToolTip.text() if hover.isAccepted() else ""

    assert tooltip_at(inner.center().toPoint()) == "right hand: not seen now"
    assert tooltip_at(QPoint(3, canvas.height() - 3)) == ""  # the figure's corner: no tooltip
    canvas.set_tracks([Track(clip, "You")])
    canvas.show_moment([(int(np.flatnonzero(clip.mask[:, RIGHT_HAND.start])[0]),) * 2], 0.0)
    assert tooltip_at(inner.center().toPoint()) == "right hand"


def test_a_replay_whose_learner_hand_is_not_seen_over_a_seen_reference_paints(qtbot, clip):
    """The replay draws the learner over the faded reference: at a moment only the reference's hand was
    seen, painting the close-up raised (tracks compared with ==, whose arrays have different lengths)."""
    from dataclasses import replace

    from desktop_app.ui.skeleton.canvas import SkeletonCanvas, Track

    canvas = SkeletonCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(500, 400)
    canvas.closeup_hand = "right"
    frame = int(np.flatnonzero(clip.mask[:, RIGHT_HAND.start])[0])
    unseen = clip.mask.copy()
    unseen[:, RIGHT_HAND] = False
    shorter = replace(clip, mask=unseen).frames(slice(0, len(clip) - 3))
    canvas.set_tracks([Track(clip, "Reference", faded=True), Track(shorter, "You")])
    canvas.show_moment([(frame, frame), (frame, frame)], 0.0)
    assert not canvas.grab().isNull()


@pytest.mark.parametrize(
    ("size", "said"), [((900, 280), "your right hand: not seen"), ((305, 110), "yours: not seen")]
)
def test_a_replays_closeup_says_it_is_the_learners_hand_that_is_not_seen(qtbot, clip, size, said):
    """A walk-through: in a replay's close-up, "not seen" stood over the reference's faint hand, and did not
    say whose hand it meant. The learner's is named as every correction names it ("your right hand"), and
    shorter in a small close-up, never a bare "not seen"; hovering says it whole. A lone clip's close-up,
    under its caption "right hand", says "not seen"."""
    from dataclasses import replace

    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    from desktop_app.ui.reference_played import over_the_reference
    from desktop_app.ui.skeleton.canvas import SkeletonCanvas, Track
    from desktop_app.ui.skeleton.closeup import closeup_box, closeup_caption_area, closeup_note_room

    canvas = SkeletonCanvas()
    qtbot.addWidget(canvas)
    canvas.setMinimumHeight(size[1])
    canvas.resize(*size)
    canvas.show()
    qtbot.waitExposed(canvas)
    canvas.closeup_hand = "right"
    frame = int(np.flatnonzero(clip.mask[:, RIGHT_HAND.start])[0])
    unseen = clip.mask.copy()
    unseen[:, RIGHT_HAND] = False
    canvas.set_tracks(over_the_reference(clip, replace(clip, mask=unseen)))
    canvas.show_moment([(frame, frame), (frame, frame)], 0.0)
    inner = closeup_box(canvas._areas()[1])
    room = closeup_note_room(inner, closeup_caption_area(inner).top() + canvas.fontMetrics().lineSpacing())

    def written(note: str) -> str:  # as read: its lines' breaks and its no-break spaces as spaces
        return note.replace("\n", " ").replace("\u00a0", " ")

    assert written(canvas.unseen_note(room)) == said
    hover = QHelpEvent(
        QEvent.Type.ToolTip, inner.center().toPoint(), canvas.mapToGlobal(inner.center().toPoint())
    )
    QApplication.sendEvent(canvas, hover)
    assert QToolTip.text() == "your right hand: not seen now"
    canvas.set_tracks([Track(replace(clip, mask=unseen), "")])  # a clip of its own, no learner in it
    canvas.show_moment([(frame, frame)], 0.0)
    assert written(canvas.unseen_note(room)) == "not seen"


def assert_the_closeup_keeps_a_margin(canvas) -> tuple[QRectF, float]:
    """Every pixel painted in ``canvas``'s close-up under its caption (the hand) lies a margin (a share of the
    box's side) inside the close-up's rounded box and below the caption. Returns the room inside that
    margin, and the margin."""
    from desktop_app.ui.skeleton.closeup import closeup_box, closeup_caption_area

    inner = closeup_box(canvas._areas()[1])
    caption_bottom = closeup_caption_area(inner).top() + canvas.fontMetrics().lineSpacing()
    image = canvas.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
    rgb = pixels[:, : image.width(), 2::-1].astype(int)  # B, G, R, A in memory
    painted = np.abs(rgb - [38, 38, 44]).sum(axis=-1) > 40  # not the box's background
    inside = inner.adjusted(3, 3, -3, -3)  # the box's border and its rounded corners left out
    ys, xs = np.mgrid[0 : image.height(), 0 : image.width()]
    within = (xs >= inside.left()) & (xs < inside.right()) & (ys >= caption_bottom) & (ys < inside.bottom())
    marks = np.stack([xs[painted & within], ys[painted & within]], -1)
    assert len(marks), "no hand drawn"
    margin = max(5.0, 0.06 * min(inner.width(), inner.height()))
    room = QRectF(inner.left(), caption_bottom, inner.width(), inner.bottom() - caption_bottom)
    room = room.adjusted(margin, margin, -margin, -margin)
    (left, top), (right, bottom) = marks.min(axis=0), marks.max(axis=0) + 1  # a pixel's far edge
    assert room.left() <= left and right <= room.right(), f"{left}-{right} px across, not inside {room}"
    assert room.top() <= top and bottom <= room.bottom(), f"{top}-{bottom} px down, not inside {room}"
    return room, margin


@pytest.mark.parametrize("size", [(357, 173), (461, 324), (600, 300)])
def test_the_players_closeup_hand_keeps_a_margin_inside_its_box(qtbot, clip, size):
    """The close-up's hand was scaled to reach the box's edges less 8 px, whatever the box's size: in a
    200-px box its fingertips touched the edge, and its top met the caption "left hand". The hand, the
    round ends of its lines included, keeps a margin of a share of the box inside it, and below the
    caption, as the drawing computes it (closeup_hand_area, closeup_on_screen)."""
    from desktop_app.ui.skeleton.canvas import SkeletonCanvas, Track
    from desktop_app.ui.skeleton.closeup import CLOSEUP_PEN, closeup_box, closeup_hand_area

    canvas = SkeletonCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(*size)
    canvas.closeup_hand = "right"
    canvas.set_tracks([Track(clip, "")])
    frames = np.flatnonzero(clip.mask[:, RIGHT_HAND.start])[::3]
    assert len(frames) >= 5
    for frame in frames:
        canvas.show_moment([(frame, frame)], 0.0)
        room, margin = assert_the_closeup_keeps_a_margin(canvas)
        area = canvas._areas()[1]
        hand_area = closeup_hand_area(closeup_box(area), room.top() - margin)
        ends = CLOSEUP_PEN / 2  # of the lines, round
        assert room.contains(hand_area.adjusted(-ends, -ends, ends, ends))
        ((_track, screen, seen),) = canvas.closeup_on_screen("right", hand_area)
        (left, top), (right, bottom) = screen[seen].min(axis=0), screen[seen].max(axis=0)
        assert hand_area.adjusted(-1e-6, -1e-6, 1e-6, 1e-6).contains(
            QRectF(left, top, right - left, bottom - top)
        )


@pytest.mark.parametrize("size", [(324, 140), (442, 223)])
def test_the_correction_pictures_closeup_hands_keep_a_margin_inside_their_boxes(qtbot, size):
    """In the correction's picture (a 1000-px window's, a 1400-px window's) the hand's top met the caption
    "left hand" in its close-up: each hand keeps a margin inside its box."""
    from signcore.formats import load_dgs
    from signcore.formats.posefile import read_pose

    reference = [c.pose for c in load_dgs(TEST_DATA / "dgs" / "3D_full") if c.gloss == "hallo"][1]
    attempt = read_pose(TEST_DATA / "pose" / "mediapipe.pose")
    picture = FeedbackPicture()
    qtbot.addWidget(picture)
    picture.resize(*size)
    picture.show()
    qtbot.waitExposed(picture)
    picture.show_moment(reference, attempt, Moment(80, 15), "right", ViewConvention())
    picture.layout().activate()  # its figures at their size now
    for canvas in (picture.reference, picture.attempt):
        assert_the_closeup_keeps_a_margin(canvas)


@pytest.mark.parametrize("mirror", [True, False])
def test_the_hand_questions_pictures_show_each_hand_as_the_learner_sees_their_own(mirror):
    """Home's "Which hand do you sign with?": each answer's hand held up, palm to the camera, drawn as every
    skeleton is. In mirror view the right hand's thumb points to the screen's left, as the learner sees it in
    the live picture (and sees the back of their own right hand held up); as a camera sees it, to the right.
    The hand fills its picture."""
    box = QRectF(0, 0, 100, 100)
    convention = ViewConvention(mirror=mirror)
    right, left = (raised_hand_on_screen(hand, convention, box) for hand in ("right", "left"))
    thumb_tip, little_fingertip = 4, 20
    assert bool(right[thumb_tip, 0] < right[little_fingertip, 0]) is mirror
    assert bool(left[thumb_tip, 0] > left[little_fingertip, 0]) is mirror
    for hand in (right, left):
        assert hand.min() >= -1e-6 and hand.max() <= 100 + 1e-6
        assert np.ptp(hand, axis=0).max() == pytest.approx(100)


def test_the_speed_the_learner_chooses_is_every_players_and_saved(qtbot, context, clip):
    """Chosen on a lesson's player it was back to the saved speed on the next step: only Practice saved it.
    Chosen on any player that follows the settings, it is the speed of every player, and of the next run."""
    chosen_on, elsewhere = SkeletonPlayer(), SkeletonPlayer()
    for player in (chosen_on, elsewhere):
        qtbot.addWidget(player)
        player.follow_settings(context, references=True)
        player.set_clip(clip)
    assert chosen_on.speed == 0.5
    qtbot.keyClick(chosen_on.speed_box, Qt.Key.Key_Up)  # as the learner chooses: 0.25x
    assert context.settings.playback_speed == 0.25 and elsewhere.speed == 0.25
    assert Settings.load(context.settings_path).playback_speed == 0.25


def test_a_speed_set_by_the_app_is_not_saved(qtbot, context, clip):
    player = SkeletonPlayer()
    qtbot.addWidget(player)
    player.follow_settings(context, references=True)
    player.set_speed(1.0)  # e.g. a view's own choice, not the learner's
    assert context.settings.playback_speed == 0.5 and not context.settings_path.exists()


def test_figures_side_by_side_put_their_closeups_in_one_place(qtbot, clip):
    """Search's "You" had its close-up at the bottom right beside "The chosen sign"'s at the top right: each
    canvas put it where its own figure was larger. Both are at the top right now, but beside a figure or
    above it, one size or another: side by side, they choose one place together, the one that leaves the
    smaller of the two figures the larger."""
    from desktop_app.ui.skeleton.canvas import SkeletonCanvas, Track, side_by_side

    wide, tall = SkeletonCanvas(), SkeletonCanvas()
    for canvas, framing in ((wide, (-2.0, -1.3, 2.0, 0.5)), (tall, (-0.6, -1.3, 0.6, 1.5))):
        qtbot.addWidget(canvas)
        canvas.resize(560, 560)
        canvas.framing = framing  # arms spread wide; a figure framed down to its hips
        canvas.set_tracks([Track(clip, "")])
    alone = [canvas._areas()[1] for canvas in (wide, tall)]
    assert alone[0].width() < alone[1].width()  # each on its own: above the wide figure, beside the tall one
    side_by_side(wide, tall)
    wide_closeup, tall_closeup = (canvas._areas()[1] for canvas in (wide, tall))
    assert wide_closeup == tall_closeup  # the same size of canvas: the same place
    smaller_figure = min(canvas.figure_scale() for canvas in (wide, tall))
    beside = SkeletonCanvas._closeup_goes_beside([wide, tall])
    other_place = min(
        canvas._to_screen(canvas._beside_and_above()[int(beside)])[1] for canvas in (wide, tall)
    )
    assert smaller_figure >= other_place
    tall.set_tracks([])  # the chosen sign not shown yet: "You" alone decides
    assert wide._areas()[1] == alone[0]


@pytest.mark.parametrize("size", [(566, 560), (560, 560), (380, 700), (900, 400), (1340, 235)])
@pytest.mark.parametrize("framing", [(-2.0, -1.3, 2.0, 0.5), (-0.6, -1.3, 0.6, 1.5), None])
def test_every_players_closeup_is_at_its_top_right(qtbot, clip, size, framing):
    """The close-up moved from player to player and from clip to clip: at the top right beside most figures,
    below a figure wide for its canvas in the bottom corner away from a hanging arm (the Library's Bier at
    the bottom right, a record dialog's two at the bottom left). It is at the top right in every one, above
    a wide figure (its legend left of it), beside the others, and covers neither figure nor legend."""
    from desktop_app.ui.skeleton.canvas import SkeletonCanvas, Track

    canvas = SkeletonCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(*size)
    canvas.framing = framing
    canvas.set_tracks([Track(clip, "Reference"), Track(clip, "You")])
    main, closeup = canvas._areas()
    assert (closeup.top(), closeup.right()) == (0, size[0])
    assert canvas.framed_area().intersected(closeup).isEmpty()
    legend = canvas._legend_lines(main, closeup)
    legend_width = max(canvas.fontMetrics().horizontalAdvance(line) for line in legend.split("\n"))
    assert main.left() + 6 + legend_width <= closeup.left() or main.right() <= closeup.left()


def test_a_paint_works_out_where_its_closeup_goes_once_and_its_partners_once(qtbot, clip, monkeypatch):
    """Each paint placed the close-up three times (the paint, the legend's width, the figure's area), each
    weighing beside against above for the canvas and its partners; and each partner's twice."""
    from desktop_app.ui.skeleton.canvas import SkeletonCanvas, Track, side_by_side

    you, reference = SkeletonCanvas(), SkeletonCanvas()
    for canvas, label in ((you, "You"), (reference, "Reference")):
        qtbot.addWidget(canvas)
        canvas.resize(600, 400)
        canvas.set_tracks([Track(clip, label)])
        canvas.show_moment([(5, 5)], 0.0)
    side_by_side(you, reference)  # one place for their close-ups
    you.scale_partners, reference.scale_partners = [reference], [you]  # drawn at one scale (as a replay)
    placed = []
    areas = SkeletonCanvas._areas
    monkeypatch.setattr(SkeletonCanvas, "_areas", lambda canvas: placed.append(canvas) or areas(canvas))
    you.grab()
    assert placed.count(you) == 1 and placed.count(reference) == 1


def test_the_canvas_paints_every_pixel_of_itself_so_what_lies_under_it_is_not_painted(qtbot, clip):
    """Told opaque, Qt paints nothing under it: a pixel it left unpainted would show garbage."""
    player = SkeletonPlayer()
    qtbot.addWidget(player)
    player.resize(420, 360)
    player.show()
    canvas = player.canvas
    assert canvas.testAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
    for shown in (None, clip):  # the message written instead of a clip, and a clip's figure
        player.set_clip(shown, message="Select a clip to preview it")
        assert paints_every_pixel(canvas)


def playing(qtbot, clip, speed: float | None = None) -> SkeletonPlayer:
    """A player shown playing ``clip`` (at ``speed``, if given)."""
    player = SkeletonPlayer()
    qtbot.addWidget(player)
    if speed is not None:
        player.set_speed(speed)
    player.set_clip(clip)
    player.show()
    return player


def paused_on(player: SkeletonPlayer, step: int) -> bool:
    """Whether ``player`` stands still on ``step`` of its timeline, its position and clock there."""
    return (
        not player._timer.isActive()
        and player.play_button.text() == "Play"
        and player.step_shown == step
        and player._shown == (step, 0.0)
        and player.position.value() == step
    )


def test_the_learner_steps_through_a_clip_frame_by_frame_and_it_pauses_there(qtbot, clip):
    """The reference could only be slowed and paused, never stopped on the moment a handshape changes."""
    player = playing(qtbot, clip)
    sign = sign_only(clip)
    assert player._timer.isActive()
    player.forward_button.click()
    assert paused_on(player, 1) and player.frame == 1
    assert (
        player.time_label.text()
        == f"{sign.timestamps[1] - sign.timestamps[0]:.2f} s of {sign.duration:.2f} s"
    )
    clocks = [player.time_label.text()]
    for _ in range(3):  # each step is seen on the clock: it read "0.5 s of 2.0 s" through them
        player.forward_button.click()
        clocks.append(player.time_label.text())
    assert len(set(clocks)) == 4, clocks
    for _ in range(3):
        player.back_button.click()
    assert paused_on(player, 1)
    for _ in range(3):
        player.back_button.click()
    assert paused_on(player, 0)  # the first frame stays: no jump to the end
    player.play_button.click()  # plays on from there
    assert player._timer.isActive() and player.play_button.text() == "Pause"


def test_a_long_clip_paused_between_two_frames_is_on_the_step_of_the_frame_it_draws(qtbot, clip):
    """A long clip (not interpolated) paused most of the way to its next frame drew that frame while its
    bar said the one before, and the first step forward showed the same frame again."""
    long = dataclasses.replace(clip, timestamps=clip.timestamps * 2)  # slowed: over SHORT_CLIP_S
    player = playing(qtbot, long)
    player.pause()
    times = player._times
    player._show(times[3] + 0.7 * (times[4] - times[3]))
    assert player.step_shown == 4 and player.position.value() == 4 and player.frame == 4
    player.forward_button.click()
    assert paused_on(player, 5)
    player._show(times[3] + 0.3 * (times[4] - times[3]))
    assert player.step_shown == 3 and player.position.value() == 3


def test_the_arrows_and_comma_full_stop_step_once_the_player_has_the_keyboard(qtbot, clip):
    player = playing(qtbot, clip)
    player.activateWindow()
    qtbot.waitUntil(player.isActiveWindow)
    qtbot.mouseClick(player.canvas, Qt.MouseButton.LeftButton)  # the figure clicked: the player has the keys
    qtbot.keyClick(player.canvas, Qt.Key.Key_Right)
    qtbot.keyClick(player.canvas, Qt.Key.Key_Period)
    assert paused_on(player, 2)
    qtbot.keyClick(player.canvas, Qt.Key.Key_Comma)
    assert paused_on(player, 1)
    player.position.setFocus()  # on its position, the slider's own keys step too
    qtbot.keyClick(player.position, Qt.Key.Key_Left)
    assert paused_on(player, 0)
    qtbot.keyClick(player.position, Qt.Key.Key_End)
    assert paused_on(player, len(sign_only(clip)) - 1)


def player_beside_a_list_and_a_search_box(
    qtbot, clip
) -> tuple[SkeletonPlayer, QListWidget, QLineEdit, QWidget]:
    """A player in a window beside a list and a text box, as on Practice, the window (kept) active."""
    window = QWidget()
    signs, search, player = QListWidget(), QLineEdit(), SkeletonPlayer()
    signs.addItems(["hello", "please"])
    layout = QHBoxLayout(window)
    for part in (signs, search, player):
        layout.addWidget(part)
    player.set_clip(clip)
    shown_in_front(qtbot, window)
    return player, signs, search, window


@pytest.mark.parametrize("part", ["forward_button", "canvas"])
def test_after_a_click_on_a_step_or_the_figure_the_arrows_step_that_player_where_the_keyboard_is(
    qtbot, clip, part
):
    """A click on the figure or the bar gave the player its keys, one on ◀ ▶ did not (a → after it moved
    something else); and the click on the figure took the keyboard off Practice's sign list. Every click on
    the player gives it its keys, the keyboard staying where it was, until the learner does something else."""
    player, signs, search, _window = player_beside_a_list_and_a_search_box(qtbot, clip)
    signs.setFocus()
    qtbot.waitUntil(signs.hasFocus)
    player.show_step(0)
    qtbot.mouseClick(getattr(player, part), Qt.MouseButton.LeftButton)
    clicked = player.step_shown  # 1 after ▶, 0 after the figure
    assert signs.hasFocus()
    qtbot.keyClick(signs, Qt.Key.Key_Right)
    qtbot.keyClick(signs, Qt.Key.Key_Period)
    assert paused_on(player, clicked + 2)
    qtbot.keyClick(signs, Qt.Key.Key_Left)
    assert paused_on(player, clicked + 1)
    assert signs.hasFocus()
    shown_in_front(qtbot, QWidget())  # another window and back (the click on ◀ may have made it active)
    signs.window().activateWindow()
    qtbot.waitUntil(signs.hasFocus)
    qtbot.keyClick(signs, Qt.Key.Key_Right)
    assert paused_on(player, clicked + 2)
    qtbot.keyClick(signs, Qt.Key.Key_Down)  # another key: the list's again, and its arrows with it
    assert signs.currentRow() == 1
    stepped = player.step_shown
    qtbot.keyClick(signs, Qt.Key.Key_Left)
    assert player.step_shown == stepped

    search.setFocus()
    qtbot.waitUntil(search.hasFocus)
    search.setText("hel")
    qtbot.mouseClick(player.back_button, Qt.MouseButton.LeftButton)
    assert paused_on(player, stepped - 1) and search.hasFocus()
    qtbot.keyClick(search, Qt.Key.Key_Comma)  # typed in a text box, not a step
    assert search.text() == "hel," and paused_on(player, stepped - 1)
    cursor = search.cursorPosition()
    qtbot.keyClick(search, Qt.Key.Key_Left)  # typing done: the box's arrows again
    assert search.cursorPosition() == cursor - 1 and paused_on(player, stepped - 1)

    qtbot.mouseClick(player.forward_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(search, Qt.MouseButton.LeftButton)  # a click elsewhere: the keys go with it
    search.setCursorPosition(0)
    qtbot.keyClick(search, Qt.Key.Key_Right)
    assert paused_on(player, stepped) and search.cursorPosition() == 1


def test_the_position_follows_the_playing_and_dragged_shows_that_moment_paused(qtbot, clip):
    player = playing(qtbot, clip, speed=1.0)
    last = len(sign_only(clip)) - 1
    assert (player.position.minimum(), player.position.maximum()) == (0, last)
    qtbot.waitUntil(lambda: player.position.value() >= 2, timeout=3000)  # it moves as the clip plays
    assert player._timer.isActive()  # and its following does not pause it
    player.position.setValue(last // 2)  # as a drag moves it
    assert paused_on(player, last // 2)
    # A click on the groove goes to the moment there, not a page toward it (Qt's own: ten steps)
    for end, step in ((player.position.width() - 3, last), (3, 0)):
        qtbot.mouseClick(
            player.position, Qt.MouseButton.LeftButton, pos=QPoint(end, player.position.height() // 2)
        )
        assert paused_on(player, step)


def test_an_emptied_player_shows_its_position_at_the_start(qtbot, clip):
    """A player emptied (the search's figures cleared, a message in the clip's place) kept its
    position's handle part-way along, as if a moment of nothing were shown."""
    player = playing(qtbot, clip, speed=1.0)
    player.position.setValue(len(sign_only(clip)) // 2)
    player.set_message("Your signing appears here")
    assert player.position.value() == 0 and player.position.maximum() == 0


def test_a_replay_steps_along_its_timeline_every_track_at_its_frame_there(qtbot, clip):
    """The replay's timeline is the alignment of the learner's frames with the reference's: a step is one
    step of it, both figures moving as they were matched, the clock reading the reference's moment."""
    player = SkeletonPlayer()
    qtbot.addWidget(player)
    reference, attempt = clip, clip
    frame_indices = np.array([[0, 0], [0, 1], [1, 2], [2, 2], [3, 3]])  # the learner slower at first
    times = np.array([0.0, 0.1, 0.2, 0.3, 0.4])
    clock = np.array([0.0, 0.0, 0.5, 1.0, 1.5])
    player.play(
        [Track(reference, "Reference", faded=True), Track(attempt, "You")], times, frame_indices, clock
    )
    player.show()
    drawn = []
    # each track's frame shown (the first of the two it is between, 0 of the way to the next)
    player.canvas.show_moment = lambda frames, fraction: drawn.append(
        ([int(a) for a, _b in frames], fraction)
    )
    player.step(2)
    assert paused_on(player, 2) and drawn[-1] == ([1, 2], 0.0)
    assert player.time_label.text() == "0.50 s of 1.50 s"
    player.step(1)
    assert drawn[-1] == ([2, 2], 0.0) and player.time_label.text() == "1.00 s of 1.50 s"
    player.step(5)
    assert paused_on(player, 4)


def test_nothing_to_play_leaves_nothing_to_step_or_drag(qtbot, clip):
    player = SkeletonPlayer()
    qtbot.addWidget(player)
    controls = (player.play_button, player.back_button, player.position, player.forward_button)
    assert not any(control.isEnabled() for control in controls)
    player.set_clip(clip)
    assert all(control.isEnabled() for control in controls)
    player.set_clip(None, "Choose a sign")
    assert not any(control.isEnabled() for control in controls)


def test_the_players_new_controls_are_named_and_their_keys_listed_in_help(qtbot):
    from PySide6.QtWidgets import QMenuBar

    from desktop_app.ui.shortcuts import shortcuts_html

    player = SkeletonPlayer()
    qtbot.addWidget(player)
    assert player.back_button.accessibleName() == "Step back"
    assert player.forward_button.accessibleName() == "Step forward"
    assert player.position.accessibleName() and player.speed_box.accessibleName() == "Playback speed"
    assert "," in player.back_button.toolTip() and "." in player.forward_button.toolTip()
    listed = shortcuts_html(QMenuBar())
    assert "step back a moment" in listed and "step forward a moment" in listed


@pytest.mark.parametrize("size", [(455, 470), (460, 300)])  # search's and Practice's at 1400 x 900
def test_a_figure_without_a_body_has_a_closeup_large_enough_to_read_its_hand(qtbot, clip, size):
    """Search's chosen "du (DGS)" was a 30-px hand inside its dashed guide, its close-up a
    third of the preview. A clip without a body (hands and a face point) is drawn in a guide, its hands where
    they are below it: its close-up, where the handshape is read, is as large as the correction picture's,
    and the learner's figure beside it has one of the same size (side by side, one place and size)."""
    from desktop_app.ui.skeleton.canvas import SkeletonCanvas, side_by_side
    from signcore.formats import load_dgs

    dgs = [c.pose for c in load_dgs(TEST_DATA / "dgs" / "3D_full") if c.gloss == "hallo"][1]
    yours, chosen = SkeletonCanvas(), SkeletonCanvas()
    side_by_side(yours, chosen)
    for canvas, track in ((yours, Track(clip, "")), (chosen, Track(dgs, ""))):
        qtbot.addWidget(canvas)
        canvas.resize(*size)
        canvas.set_tracks([track])
    assert chosen.main_track.body.is_guide and not yours.main_track.body.is_guide
    closeups = [canvas._areas()[1] for canvas in (yours, chosen)]
    assert closeups[0].size() == closeups[1].size() and closeups[1].height() >= 200
    chosen.set_tracks([])  # the learner's figure alone, with its body: the player's usual close-up
    assert yours._areas()[1].height() < closeups[0].height()


@pytest.mark.parametrize("mirror", [False, True])
def test_the_live_pictures_forearm_reaches_the_hand_trackers_wrist(qapp, mirror):
    """In the live picture the body tracker's wrist often lags below the hand, and the arm ended far
    from the drawn hand. As in the players (view.arms_reaching_hands), the forearm runs from the elbow to
    the hand's own wrist where the hand tracker sees it, on either side of the mirror; the points given
    (those the scoring reads) are left as they are."""
    from desktop_app.ui.skeleton.camera_frame import draw_skeleton
    from signcore.layout import LEFT_ELBOW, LEFT_HAND, LEFT_WRIST_BODY, N_POINTS, WRIST

    points, mask = np.zeros((N_POINTS, 3)), np.zeros(N_POINTS, bool)
    seen = {LEFT_SHOULDER: (60, 20), LEFT_ELBOW: (60, 120), LEFT_WRIST_BODY: (60, 190)}
    seen[LEFT_HAND.start + WRIST] = (140, 80)  # the hand's wrist, up and to the side of the body's
    for index, xy in seen.items():
        points[index, :2], mask[index] = xy, True
    given = points.copy(), mask.copy()
    image = QImage(240, 200, QImage.Format.Format_ARGB32)
    image.fill(QColor("black"))
    draw_skeleton(image, points, mask, mirror)

    def drawn_at(x: int, y: int) -> bool:
        return image.pixelColor(240 - x if mirror else x, y) != QColor("black")

    assert drawn_at(100, 100)  # halfway from the elbow to the hand's wrist
    assert not drawn_at(60, 155)  # nor down to the body tracker's wrist
    assert drawn_at(60, 70)  # the upper arm as ever
    assert np.array_equal(points, given[0]) and np.array_equal(mask, given[1])


def test_the_body_trackers_finger_dots_are_left_out_beside_a_tracked_hand(qapp):
    """The body tracker's own pinky, index and thumb points lag with its wrist: beside a tracked hand they
    were stray dots. They are drawn only where the hand tracker does not see that hand (the only hint of it
    then); the points given are left as they are."""
    from desktop_app.ui.skeleton.camera_frame import draw_skeleton
    from signcore.layout import LEFT_HAND, N_POINTS, POSE_POINTS, RIGHT_HAND, WRIST

    points, mask = np.zeros((N_POINTS, 3)), np.zeros(N_POINTS, bool)
    seen = {POSE_POINTS.index("LEFT_PINKY"): (40, 150), POSE_POINTS.index("RIGHT_PINKY"): (200, 150)}
    seen[LEFT_HAND.start + WRIST] = (40, 40)  # the left hand tracked, far from its body finger point
    for index, xy in seen.items():
        points[index, :2], mask[index] = xy, True
    given = points.copy(), mask.copy()
    image = QImage(240, 200, QImage.Format.Format_ARGB32)
    image.fill(QColor("black"))
    draw_skeleton(image, points, mask, mirror=False)

    assert image.pixelColor(40, 40) != QColor("black")  # the hand's wrist
    assert image.pixelColor(40, 150) == QColor("black")  # its arm's body finger point left out
    assert not mask[RIGHT_HAND.start + WRIST] and image.pixelColor(200, 150) != QColor("black")
    assert np.array_equal(points, given[0]) and np.array_equal(mask, given[1])


@pytest.mark.parametrize("width", [322, 420, 560])  # search previews at 1000 px; a record window's; Library's
def test_a_narrow_players_bar_has_its_own_row_and_its_steps_stay_side_by_side(qtbot, clip, width):
    """Narrower than the controls' row leaves the bar half the width, the bar has a row of its own, as wide as
    the player, which still fits a 1000-px window's search page. w31 #4: the room left in the bar's place
    stood between ◀ and ▶, far apart: the steps stay together, the speed and the clock at the row's end."""
    player = SkeletonPlayer()
    qtbot.addWidget(player)
    player.set_clip(clip)
    player.resize(width, 400)
    player.show()
    qtbot.waitExposed(player)
    player.layout().activate()  # the bar's move laid out
    assert player.minimumSizeHint().width() <= 314  # the page fits a 1000-px window (test_embedding_map)
    assert player.position.geometry().bottom() < player.play_button.geometry().top()  # its own row
    assert player.position.width() == width
    gap = player.forward_button.geometry().left() - player.back_button.geometry().right()
    assert gap <= 2 * CONTROLS_SPACING
    assert width - player.time_label.geometry().right() <= 2 * CONTROLS_SPACING
    player.resize(1000, 400)  # wide: the bar back between the steps, nothing left of the room
    player.layout().activate()
    assert player.back_button.geometry().right() < player.position.geometry().left()
    assert player.position.geometry().right() < player.forward_button.geometry().left()
    assert player._controls_row.count() == 6
