from PySide6.QtCore import Qt

from desktop_app.core.judging.clip_check import AS_A_VARIANT, UnlikeClip
from desktop_app.core.shared.palette import PROBLEM_COLOUR
from desktop_app.ui.closest_clip import say_unlike, verdict_label
from signcore.layout import PoseSequence


def test_a_clip_unlike_its_signs_clips_is_said_so_with_the_windows_advice_in_the_warnings_colour(qtbot):
    label = verdict_label()
    qtbot.addWidget(label)
    label.show()
    unlike = UnlikeClip("<b>hello</b>", "It is signed lower.", PoseSequence.empty(4), None, "right")
    say_unlike(label, unlike, "Keep it only if you mean it")
    said = "This clip looks unlike the other clips of “<b>hello</b>”. It is signed lower."
    assert label.text() == f"{said} Keep it only if you mean it {AS_A_VARIANT}"
    assert label.isVisible() and PROBLEM_COLOUR in label.styleSheet()
    assert label.textFormat() == Qt.TextFormat.PlainText and label.wordWrap()  # a name, never markup

    say_unlike(label, None, "Keep it only if you mean it", otherwise="It looks like the other clips.")
    assert label.text() == "It looks like the other clips." and label.isVisible()
    assert label.styleSheet() == ""  # said plainly
    say_unlike(label, None, "Keep it only if you mean it")  # nothing to say: hidden
    assert not label.isVisible()
