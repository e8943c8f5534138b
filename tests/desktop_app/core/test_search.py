"""What a search looks for, and how its results name it: the learner's signing, a file, a file of signs."""

import numpy as np
import pytest

from desktop_app.core.judging.search import (
    SIGNED_TURNED,
    SearchQuery,
    asks_if_selfie,
    file_query,
    load_query,
    refused_file,
)
from desktop_app.core.shared.jobs import JobCancelled, JobControl
from desktop_app.core.signing.session import longest_signing, no_signing, sign_seconds
from desktop_app.core.signing.upright import turned
from desktop_app.core.signing.video_clips import MAX_SIGN_S, PAUSE_S, needs_splitting
from desktop_app.core.signing.view import sign_only
from signcore.errors import InputError
from signcore.formats.posefile import read_pose
from signcore.layout import LEFT_HAND, RIGHT_HAND
from tests.desktop_app.core.test_video_clips import hands_down, signs, video  # noqa: F401 (signs: a fixture)
from tests.support import SIGNING_VIDEO, TEST_DATA


def test_the_learners_signing_and_a_files_are_named_apart(signs):  # noqa: F811
    """A file's results said "your 3.8 s of signing", as if the learner had just signed it."""
    sign = signs[0]
    assert SearchQuery.signed(sign).heading(10, 62) == (
        f"The 10 nearest of 62 signs to your {sign.duration:.1f} s of signing, most alike first."
    )
    query = file_query(sign, "hallo.mp4")
    assert query.pose is sign and query.note == ""
    assert query.heading(10, 62) == (
        f"The 10 nearest of 62 signs to the {sign.duration:.1f} s of signing in hallo.mp4, most alike first."
    )


@pytest.mark.parametrize("mounted", [1, 2, 3])
def test_signing_in_front_of_a_camera_on_its_side_is_searched_stood_upright_and_says_so(mounted):
    """Searched as filmed, a learner lying in the picture matched none of the upright signs: the signing is
    stood upright first (points only: the hands keep their sides), and the results say why, and how to
    practise; upright signing is searched as it is, without a note."""
    upright = read_pose(TEST_DATA / "pose" / "openpose.pose")
    signing = upright.frames(longest_signing(upright))  # as a recording keeps it
    query = SearchQuery.signed(turned(upright, mounted))
    assert query.pose.equals(signing) and query.note == SIGNED_TURNED and query.signer == "You"
    assert query.heading(10, 62).endswith(SIGNED_TURNED) and "File → Camera…" in SIGNED_TURNED
    as_signed = SearchQuery.signed(upright)
    assert as_signed.pose.equals(signing) and as_signed.note == ""


def test_signing_started_and_stopped_by_space_is_searched_and_replayed_without_the_hands_lowered(
    signs,  # noqa: F811
):
    """A walk-through: the "You" replay of a search by signing was the whole 4.6 s, the hands down for most
    of it; cut as a recording is, to its longest stretch of signing."""
    sign = signs[0]
    query = SearchQuery.signed(video(hands_down(sign, 1.5), sign, hands_down(sign, 2.0)))
    assert 0.3 < query.pose.duration <= sign.duration  # of the 4.7 s recorded
    hands = query.pose.mask[:, LEFT_HAND.start : RIGHT_HAND.stop].any(axis=1)
    assert hands[0] and hands[-1]  # from the first frame with a hand to the last
    assert query.searched == f"your {sign_seconds(query.pose):.1f} s of signing"


def test_a_file_of_several_signs_is_searched_by_its_first_and_says_so(signs):  # noqa: F811
    """An 11.7 s video of four signs was searched as one sign, without a word."""
    pause = hands_down(signs[0], 2.0)
    lesson = video(pause, signs[0], pause, signs[1], pause, signs[2], pause, signs[3], pause)
    assert needs_splitting(lesson)
    query = file_query(lesson, "lesson.mp4")
    assert abs(query.pose.duration - signs[0].duration) < 0.5  # the first sign, with a moment around it
    heading = query.heading(10, 62)
    assert heading.startswith("The 10 nearest of 62 signs to the first sign in lesson.mp4, most alike first.")
    assert "The file holds 4 signs; this one is at 1.8–" in heading
    assert heading.endswith("To search another, cut the file to that sign.")


def test_a_file_too_long_for_one_sign_and_not_cut_is_searched_whole_with_a_warning(signs):  # noqa: F811
    nonstop = video(*(signs * 3))  # signing on and on, the hands never down
    query = file_query(nonstop, "lesson.mp4")
    assert query.pose is nonstop
    heading = query.heading(10, 62)
    assert heading.startswith(
        f"The 10 nearest of 62 signs to the {nonstop.duration:.1f} s of signing in lesson.mp4"
    )
    assert "more than one sign" in heading and "cut the file to one sign" in heading


def test_a_file_of_one_sign_between_long_rests_is_that_sign(signs):  # noqa: F811
    """A twitch of the hands long before the sign makes the file's signing long, but it holds one sign."""
    sign = signs[0]
    twitch = sign.frames(slice(0, 3))  # too short to be a sign
    query = file_query(video(twitch, hands_down(sign, MAX_SIGN_S + PAUSE_S), sign), "hallo.mp4")
    assert abs(query.pose.duration - sign.duration) < 0.5 and query.note == ""
    assert f"the {sign_only(query.pose).duration:.1f} s of signing in hallo.mp4" in query.heading(10, 62)


def test_the_seconds_of_signing_said_are_those_its_player_shows(signs):  # noqa: F811
    """ "1.9 s of signing" stood above players showing 0.8 s: the recording's length, not its sign's."""
    sign = signs[0]
    rested = video(hands_down(sign, 0.6), sign, hands_down(sign, 0.6))
    shown = f"{sign_only(rested).duration:.1f} s of signing"  # as the player plays it (SkeletonPlayer)
    assert f"{rested.duration:.1f} s" not in shown
    assert f"your {shown}," in SearchQuery.signed(rested).heading(10, 62)
    query = file_query(rested, "hallo.mp4")
    assert f"the {sign_only(query.pose).duration:.1f} s of signing in hallo.mp4" in query.heading(10, 62)


def test_a_file_that_is_neither_a_video_nor_a_pose_file_is_refused(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("hallo")
    with pytest.raises(InputError, match=r"this is neither a video \(\.mp4, .*\) nor a \.pose file"):
        load_query(notes, video_is_selfie=False)
    query = load_query(TEST_DATA / "pose" / "mediapipe.pose", video_is_selfie=False)
    assert query.searched.endswith("s of signing in mediapipe.pose")


def test_a_video_is_read_as_the_learner_said_and_asked_about_only_if_it_is_one(tmp_path, monkeypatch):
    """Whether a video to search with is mirrored is the learner's answer (asked as an import asks it)."""
    from signcore import extract

    told = []
    recorded = load_query(TEST_DATA / "pose" / "mediapipe.pose", video_is_selfie=False).pose

    def extract_video(path, mirrored, progress, cancel):
        told.append(mirrored)
        progress(1, 2)
        return recorded

    monkeypatch.setattr(extract, "extract_video", extract_video)
    video = tmp_path / "hallo.mp4"
    video.write_bytes(b"a video")
    reports = []
    control = JobControl(lambda done, total, message: reports.append(message))
    for answer in (True, False):
        load_query(video, video_is_selfie=answer, control=control)
    assert told == [True, False]
    assert reports[0] == "hallo.mp4: finding the signer in frame 1 of 2"  # named, as an import says it
    control.cancel()
    with pytest.raises(JobCancelled):  # at the next frame: it read the whole video, the window waiting
        load_query(video, video_is_selfie=False, control=control)

    assert asks_if_selfie(video) and not asks_if_selfie(TEST_DATA / "pose" / "mediapipe.pose")
    assert not asks_if_selfie(tmp_path / "missing.mp4")  # nothing to show: the reading says what is wrong


def test_a_file_named_like_a_video_that_is_none_is_refused_when_chosen(tmp_path):
    """A text file named .mp4 was asked the selfie question (with no picture to show) and refused only after
    the answer; now it is refused when chosen, in the words an import and File → Camera… use."""
    from desktop_app.core.signing.capture import video_problem

    not_a_video = tmp_path / "notes.mp4"
    not_a_video.write_text("hallo")
    assert refused_file(not_a_video) == video_problem(not_a_video)
    assert "notes.mp4: not a video that can be read" in refused_file(not_a_video)
    assert refused_file(SIGNING_VIDEO) == ""
    assert refused_file(TEST_DATA / "pose" / "mediapipe.pose") == ""  # landmarks: the reading checks them
    assert refused_file(tmp_path / "missing.mp4") == ""  # the reading names what is no file


def test_signing_with_no_hand_seen_is_refused_by_the_rule_practice_refuses_an_attempt_by(signs):  # noqa: F811
    """A video whose hand was never seen got "The 10 nearest of 62 signs to the 0.2 s of signing in
    truncated.mp4" where practice threw the same signing out."""
    sign = signs[0]
    assert file_query(sign, "hallo.mp4").refused() == "" and SearchQuery.signed(sign).refused() == ""
    no_hand = hands_down(sign, 2.0)
    assert file_query(no_hand, "truncated.mp4").refused() == (
        "No signing found in truncated.mp4: no hand is seen in it."
    )
    assert (
        SearchQuery.signed(no_hand).refused() == "No signing found in your recording: no hand is seen in it."
    )
    # as a damaged video's reading notes it (signcore.extract.cut_short_words): the likelier cause said
    no_hand.meta["cut_short"] = (
        "this video is damaged or cut short: only the first 0.2 s of its 1.9 s can be read"
    )
    assert file_query(no_hand, "truncated.mp4").refused() == (
        "No signing found in truncated.mp4: no hand is seen in it. This video is damaged or cut short: only"
        " the first 0.2 s of its 1.9 s can be read."
    )
    every_third = video(sign)
    every_third.mask[np.arange(len(sign)) % 3 != 0, LEFT_HAND.start : RIGHT_HAND.stop] = False
    assert no_signing(every_third) == "its hands are hardly seen"  # as practice throws it out
    glimpse = video(
        hands_down(sign, 1.0), sign.frames(slice(len(sign) // 2, len(sign) // 2 + 4)), hands_down(sign, 1.0)
    )
    assert no_signing(glimpse) == "its signing is too short to be a sign"
