"""Long imported videos are cut at the pauses between signs, or refused with the reason."""

import numpy as np
import pytest

from desktop_app.core.signing.session import signing_frames
from desktop_app.core.signing.video_clips import MAX_SIGN_S, PAUSE_S, needs_splitting, split_at_pauses
from signcore.errors import InputError
from signcore.formats import load_traduttore
from signcore.layout import LEFT_HAND, RIGHT_HAND, PoseSequence
from tests.support import TEST_DATA

FPS = 30.0


@pytest.fixture(scope="module")
def signs() -> list[PoseSequence]:
    """Real one-sign clips with a body and raised hands."""
    clips = load_traduttore(TEST_DATA / "traduttore" / "traduttore_sample.npz")
    return [c.pose for c in clips if c.pose.mask[:, RIGHT_HAND].any(axis=1).mean() > 0.9]


def hands_down(like: PoseSequence, seconds: float) -> PoseSequence:
    """The signer standing with the hands out of the picture."""
    frames = round(seconds * FPS)
    mask = np.repeat(like.mask[:1], frames, axis=0)
    mask[:, LEFT_HAND] = mask[:, RIGHT_HAND] = False
    points = np.repeat(like.points[:1], frames, axis=0)
    return PoseSequence(points, mask, np.arange(frames) / FPS, like.width, like.height)


def video(*parts: PoseSequence) -> PoseSequence:
    """The parts one after another, as one recording at FPS."""
    points = np.concatenate([p.points for p in parts])
    mask = np.concatenate([p.mask for p in parts])
    return PoseSequence(points, mask, np.arange(len(points)) / FPS, parts[0].width, parts[0].height)


def test_a_long_video_is_cut_at_the_pauses(signs):
    pause = hands_down(signs[0], 1.0)
    parts = [pause]
    for sign in signs[:8]:
        parts += [sign, pause]
    long_video = video(*parts)
    assert long_video.duration > MAX_SIGN_S and needs_splitting(long_video)
    clips = split_at_pauses(long_video, "lesson.mp4")
    assert len(clips) == 8
    for clip, sign in zip(clips, signs[:8], strict=True):
        assert abs(clip.pose.duration - sign.duration) < 0.5  # the sign, with a moment before and after
        assert clip.pose.mask[:, RIGHT_HAND].any()
    starts = [clip.start_s for clip in clips]
    assert starts == sorted(starts) and clips[0].start_s == pytest.approx(1.0 - 0.2, abs=2 / FPS)


def test_one_sign_needs_no_cutting(signs):
    assert not needs_splitting(video(hands_down(signs[0], 5.0), signs[0], hands_down(signs[0], 5.0)))


def test_signing_without_pauses_or_without_signing_is_refused_with_the_reason(signs):
    nonstop = video(*(signs * 3))
    assert nonstop.duration > MAX_SIGN_S
    with pytest.raises(InputError, match="without the hands going down") as error:
        split_at_pauses(nonstop, "lesson.mp4")
    assert "lesson.mp4" in str(error.value)
    with pytest.raises(InputError, match="no signing was found"):
        split_at_pauses(hands_down(signs[0], 10.0), "empty.mp4")


@pytest.mark.parametrize("pause_s", [0.4, 0.45, 0.5, 0.55])
def test_a_video_is_cut_at_the_pauses_signing_frames_finds(signs, pause_s):
    """One rule of a pause in signing (session.stretches_between_pauses): with the hands out of view, a long
    video is cut where signing_frames finds a pause of PAUSE_S. They measured the time the hands were down
    two frames apart, and disagreed about a pause of about PAUSE_S."""
    parts = [hands_down(signs[0], 1.0)]
    for sign in signs[:10]:
        parts += [sign, hands_down(signs[0], pause_s)]
    long_video = video(*parts)
    assert long_video.duration - 1.0 - pause_s > MAX_SIGN_S  # without a pause, too long for one sign
    signing = signing_frames(long_video, PAUSE_S).astype(int)
    stretches = np.flatnonzero(np.diff(signing) == 1)
    if len(stretches) == 1:
        with pytest.raises(InputError, match="without the hands going down"):
            split_at_pauses(long_video, "lesson.mp4")
    else:
        assert len(split_at_pauses(long_video, "lesson.mp4")) == len(stretches)
