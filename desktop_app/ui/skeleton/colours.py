"""The skeletons' colours (the hands', the guide's, the background) and their bones grouped by colour."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor

from desktop_app.core.signing import view
from desktop_app.core.signing.view import ViewConvention
from signcore.layout import BONES, LEFT_HAND, POSE, RIGHT_HAND

LEFT_COLOUR = QColor(view.LEFT_HAND_COLOUR)
RIGHT_COLOUR = QColor(view.RIGHT_HAND_COLOUR)
BODY_COLOUR = QColor(view.BODY_COLOUR)
GUIDE_COLOUR = QColor(150, 156, 170)
BACKGROUND = QColor(30, 30, 34)


# Bones grouped by colour once, so drawing is three batched passes.
BONES_BY_GROUP: dict[str, np.ndarray] = {
    "left": np.array([bone for bone in BONES if LEFT_HAND.start <= bone[0] < LEFT_HAND.stop]),
    "right": np.array([bone for bone in BONES if RIGHT_HAND.start <= bone[0] < RIGHT_HAND.stop]),
    "body": np.array([bone for bone in BONES if POSE.start <= bone[0] < POSE.stop]),
}
GROUP_COLOURS = {"left": LEFT_COLOUR, "right": RIGHT_COLOUR, "body": BODY_COLOUR}


def legend_html(convention: ViewConvention | None = None) -> str:
    """The colour legend (and, given the convention, how the picture is oriented) as rich text."""
    text = view.colour_key(
        ((view.RIGHT_HAND_COLOUR, "●", "right hand"), (view.LEFT_HAND_COLOUR, "●", "left hand"))
    )
    return text + (f" &nbsp;·&nbsp; {convention.legend()}" if convention is not None else "")
