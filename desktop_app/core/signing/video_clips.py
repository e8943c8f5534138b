"""Cutting an imported video that is longer than one sign into clips, at the pauses between signs.

A reference clip is one sign: a video of a whole lesson imported as one clip would be compared with every
attempt as if it were a sign. Videos whose signing lasts longer than ``MAX_SIGN_S`` are therefore cut where
the signer lowers the hands (the "hands up" test of live practice,
:func:`desktop_app.core.signing.session.hands_up`) for at least ``PAUSE_S``; the pieces are offered to the
learner for review before anything is stored. A video that cannot be cut that way (no pause, or one stretch of
signing still too long) is refused with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from desktop_app.core.signing.session import hands_up_frames, stretches_between_pauses
from desktop_app.core.signing.view import sign_only
from signcore.errors import InputError
from signcore.layout import PoseSequence

MAX_SIGN_S = 8.0  # longer signing than this is more than one sign
# Hands down at least this long between two signs (session.stretches_between_pauses): longer than the pause
# that ends an attempt (SegmenterConfig.stop_hold_s), so that a sign's own short rest does not cut it in two
PAUSE_S = 0.5
MIN_CLIP_S = 0.4  # shorter stretches of raised hands are not signs (a scratch, a wave of the hand)
MARGIN_S = 0.2  # kept before and after each stretch: the hands coming up and going down


@dataclass(frozen=True)
class VideoClip:
    """One piece of a long video: its landmarks, and where it was in the video (seconds)."""

    pose: PoseSequence
    start_s: float
    end_s: float


def needs_splitting(pose: PoseSequence) -> bool:
    """Does the signing in ``pose`` (its sign: view.sign_only) last too long?"""
    return bool(sign_only(pose).duration > MAX_SIGN_S)


def split_at_pauses(pose: PoseSequence, source: str) -> list[VideoClip]:
    """The stretches of signing between pauses (see the module docstring); InputError naming ``source``
    and the reason when the video cannot be cut into signs."""
    # hands_up's signing space, not the rest line of session.signing_frames: between two signs the hands
    # rest in the lap, which may be above the rest line
    up = hands_up_frames(pose.points, pose.mask)
    times = pose.timestamps
    stretches = stretches_between_pauses(times, up, PAUSE_S)
    signs = [(first, last) for first, last in stretches if times[last] - times[first] >= MIN_CLIP_S]
    if not signs:
        raise InputError(source, "no signing was found in it (the hands are never raised for long)")
    longest = max(times[last] - times[first] for first, last in signs)
    if longest > MAX_SIGN_S:
        raise InputError(
            source,
            f"it has {longest:.0f} s of signing without the hands going down, longer than one sign "
            f"(at most {MAX_SIGN_S:.0f} s): cut it into one video per sign, or pause with the hands down "
            "between signs",
        )
    clips = []
    for first, last in signs:
        start = int(np.searchsorted(times, times[first] - MARGIN_S))
        stop = int(np.searchsorted(times, times[last] + MARGIN_S, side="right"))
        clips.append(VideoClip(pose.frames(slice(start, stop)), float(times[start]), float(times[stop - 1])))
    return clips
