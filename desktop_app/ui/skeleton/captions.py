"""Words fitted to their room in a picture: wrapped to a width, a word too long shortened."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics


def wrapped_to_width(text: str, metrics: QFontMetrics, width: float) -> str:
    """``text`` in lines of at most ``width`` pixels, broken at spaces (a no-break space keeps words together,
    e.g. "at 0.7 s"), a word wider than a line cut with an ellipsis: a caption in a skeleton's corner that a
    narrow window would otherwise cut off."""
    lines: list[str] = []
    for word in re.findall(r" *[^ ]+", text):  # each word with the spaces before it
        if lines and metrics.horizontalAdvance(lines[-1] + word) <= width:
            lines[-1] += word
        else:
            lines.append(word.lstrip(" "))
    return "\n".join(
        line
        if metrics.horizontalAdvance(line) <= width
        else metrics.elidedText(line, Qt.TextElideMode.ElideRight, int(width))
        for line in lines
    )


def long_words_shortened(text: str, metrics: QFontMetrics, width: int) -> str:
    """``text`` with each word wider than ``width`` pixels shortened in its middle ("hand_est…adc7.pose…"):
    wrapped and centred, a file's long name was cut at both ends, its first words and its end lost."""
    return re.sub(
        r"\S+", lambda word: metrics.elidedText(word.group(), Qt.TextElideMode.ElideMiddle, width), text
    )
