"""Practising one sign: what its attempts are scored against, and which sign to start with. Qt-free.

The practice page asks :func:`scoring_target` when a sign is chosen and hands the result to the capture
worker; the worker scores every attempt against it. Left-handed mode compares attempts with MIRRORED
references everywhere (the score, its calibration and the nearest signs), so the target then comes from the
mirrored gallery.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop_app.core.feedback import PreparedReference
from signcore.layout import PoseSequence

if TYPE_CHECKING:
    from desktop_app.core.context import AppContext
    from desktop_app.core.scoring import Gallery
    from signcore.database import Sign


@dataclass
class ScoringTarget:
    """What an attempt is scored against (built on the GUI thread when a sign is chosen)."""

    sign_id: int
    gloss: str
    gallery: Gallery
    references: dict[int, PoseSequence]  # clip id -> the reference as shown (mirrored for left-handers)
    # clip id -> the reference prepared for feedback, filled by prefetch() or by the first attempt needing it
    _prepared: dict[int, PreparedReference] = field(default_factory=dict, repr=False)

    def prepared_reference(self, clip_id: int) -> PreparedReference:
        """The reference clip ``clip_id`` prepared for feedback (computed once; the dict update is atomic,
        so the background prefetch and the scoring thread may both call this)."""
        prepared = self._prepared.get(clip_id)
        if prepared is None:
            prepared = self._prepared[clip_id] = PreparedReference.of(self.references[clip_id])
        return prepared

    def prefetch(self, cancelled: Callable[[], bool] = lambda: False) -> None:
        """What the end of an attempt would otherwise compute, done in the background when the sign is
        chosen: the DTW features of the references its nearest signs are ranked with, and its own
        references prepared for feedback. Stops early once ``cancelled()``."""
        self.gallery.prefetch_motion(self.sign_id, cancelled)
        for clip_id in self.references:
            if cancelled():
                return
            self.prepared_reference(clip_id)


def reference_as_shown(context: AppContext, pose: PoseSequence) -> PoseSequence:
    """A reference clip as the learner sees it: mirrored in left-handed mode."""
    return pose.mirrored() if context.settings.left_handed else pose


def scoring_target(context: AppContext, sign_id: int, gloss: str) -> ScoringTarget | None:
    """The target for practising ``sign_id``, or None when it cannot be scored: no model, the sign's
    reference clips have no embedding for this model yet (they are being prepared), or the database holds
    too few clips to calibrate a score. Everything the end of an attempt needs is computed now."""
    gallery = context.gallery(context.settings.left_handed)
    if gallery is None or not gallery.has_sign(sign_id):
        return None
    clip_ids = [int(clip_id) for clip_id in gallery.clip_ids[gallery.sign_rows(sign_id)]]
    try:
        gallery.calibration(sign_id)
    except ValueError:  # a database with a single reference clip: nothing to calibrate against
        return None
    references = {
        clip_id: reference_as_shown(context, context.database.clip_pose(clip_id)) for clip_id in clip_ids
    }
    return ScoringTarget(sign_id, gloss, gallery, references)


def initial_sign_id(context: AppContext) -> int | None:
    """The sign to show at start-up: the one practised last, found by its name in the language the list
    shows (a name, unlike a row id, survives a rebuilt database); None if it is not there any more."""
    last = context.settings.last_sign
    if last is None:
        return None
    for sign in context.database.signs(language=context.settings.language):
        if sign.gloss == last:
            return sign.id
    return None


def remember_sign(context: AppContext, sign: Sign) -> None:
    """Note ``sign`` as the one practised last, for the next start."""
    context.remember(last_sign=sign.gloss)
