"""The record window compares a recording with the sign's other clips before it is kept
(core.judging.clip_check): the walk-through's "hello" signed at the chest was kept without a word, and then
rated the wrong sign Good."""

import numpy as np
import pytest

from desktop_app.core.judging.clip_check import ClipCheck
from desktop_app.core.shared.settings import Settings
from desktop_app.ui.record_dialog import DISCARD, KEEP, KEEP_ANYWAY, RECORD_AGAIN, YOUR_CLIP, RecordDialog
from desktop_app.ui.workers import stop_running_workers
from tests.desktop_app.ui.stand_in_pipeline import stand_in_pipelines
from tests.support import LOADED_MACHINE_MS, starter_app

UNLIKE_WHY = "Location: in the middle of the sign, your left hand was lower"
UNLIKE = f"This clip looks unlike the other clips of “hello (ASL)”. {UNLIKE_WHY}"


@pytest.fixture
def context(tmp_path):
    """A left-handed learner's app over a copy of the starter database, with the shipped model."""
    context = starter_app(tmp_path, Settings(left_handed=True, signing_hand_asked=True))
    yield context
    stop_running_workers()  # the new clip's embedding, started as it is kept
    context.close()


@pytest.fixture
def hello(context):
    return next(
        sign.id for sign in context.database.signs() if (sign.gloss, sign.language) == ("hello", "ASL")
    )


@pytest.fixture
def dialog(qtbot, context, hello, monkeypatch):
    stand_in_pipelines(monkeypatch)  # no camera: the test hands the dialog its recording
    dialog = RecordDialog(context, hello)
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog
    dialog.done(0)


def compared(qtbot, dialog) -> None:
    qtbot.waitUntil(lambda: dialog.checking is None, timeout=LOADED_MACHINE_MS)


def test_a_recording_unlike_the_signs_clips_is_said_so_and_kept_only_when_the_learner_means_it(
    qtbot, dialog, context, hello, signing_video_pose
):
    clips = len(context.database.clips(hello))
    dialog.show_recording(signing_video_pose)  # her left hand at the chest: hello is made at the forehead
    assert dialog.verdict.text() == "Comparing it with the other clips of “hello (ASL)”…"
    assert not dialog.keep_button.isEnabled()  # not kept before the learner could be warned
    dialog.keep()
    assert len(context.database.clips(hello)) == clips
    compared(qtbot, dialog)
    assert dialog.verdict.text().startswith(UNLIKE), dialog.verdict.text()
    assert dialog.verdict.text().endswith(
        " Keep it only if you sign it this way on purpose (a regional variant, say): your attempts will then"
        " count as right when they match it."
    )
    assert dialog.verdict.isVisible() and dialog.nearest.isVisible()  # the clip it came nearest to, beside it
    assert dialog.nearest.canvas.legend() == "●\u00a0Closest reference clip"
    assert dialog.preview.canvas.legend() == f"●\u00a0{YOUR_CLIP}"
    assert (dialog.keep_button.text(), dialog.discard_button.text()) == (KEEP_ANYWAY, RECORD_AGAIN)
    assert dialog.keep_button.isEnabled() and dialog.discard_button.isDefault()  # Enter records again

    dialog.discard_button.click()  # Record again: back to the camera, nothing kept
    assert dialog.stack.currentIndex() == 0 and len(context.database.clips(hello)) == clips
    assert (dialog.keep_button.text(), dialog.discard_button.text()) == (KEEP, DISCARD)
    assert not dialog.nearest.isVisibleTo(dialog)

    dialog.show_recording(signing_video_pose)  # the same again: a regional variant, say
    compared(qtbot, dialog)
    assert dialog.verdict.text().startswith(UNLIKE)
    dialog.keep_button.click()  # Keep it anyway
    assert len(context.database.clips(hello)) == clips + 1 and dialog.kept_clip_id is not None
    assert dialog.result() == RecordDialog.DialogCode.Accepted
    # Kept with why it was warned against (the library says it): it looked like any other clip
    kept = context.database.clip(dialog.kept_clip_id).kept_despite
    assert kept is not None and kept.startswith(UNLIKE_WHY), kept


def test_closing_after_a_recording_unlike_the_signs_clips_discards_it_by_default(
    qtbot, dialog, context, hello, signing_video_pose, monkeypatch
):
    """A walk-through: Close after the warned clip asked "You have not kept the clip you just recorded." with
    Keep it anyway the default button: Esc, then Enter, kept the clip the window had just warned about."""
    from PySide6.QtWidgets import QMessageBox

    asked = []

    def enter(box):
        asked.append(box.text())
        box.defaultButton().click()

    monkeypatch.setattr(QMessageBox, "exec", enter)
    clips = len(context.database.clips(hello))
    dialog.show_recording(signing_video_pose)  # her left hand at the chest: hello is made at the forehead
    compared(qtbot, dialog)
    dialog.reject()  # Esc
    assert len(context.database.clips(hello)) == clips, "Enter kept the clip warned about"
    assert asked == [
        "You have not kept the clip you just recorded. It looks unlike the other clips of “hello (ASL)”: keep"
        " it only if you mean it."
    ]
    assert dialog.result() == RecordDialog.DialogCode.Rejected and not dialog.isVisible()


def recorded_a_real_hello(qtbot, context, hello, monkeypatch) -> RecordDialog:
    """The record window of "hello" showing a recording that is one of its clips, taken out of the sign (so
    not compared with itself), once compared."""
    clip = context.database.clips(hello)[0]
    recording = context.database.clip_pose(clip.id)
    context.database.delete_clip(clip.id)
    context.notify_database_changed()
    stand_in_pipelines(monkeypatch)
    dialog = RecordDialog(context, hello)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_recording(recording)
    compared(qtbot, dialog)
    return dialog


def test_a_recording_like_the_signs_clips_is_said_so_and_kept_as_before(qtbot, context, hello, monkeypatch):
    dialog = recorded_a_real_hello(qtbot, context, hello, monkeypatch)
    assert dialog.verdict.text() == "It looks like the other clips of “hello (ASL)”."
    assert not dialog.nearest.isVisibleTo(dialog)
    assert dialog.keep_button.text() == KEEP and dialog.keep_button.isDefault()
    dialog.keep_button.click()
    assert dialog.kept_clip_id in {clip.id for clip in context.database.clips(hello)}
    assert context.database.clip(dialog.kept_clip_id).kept_despite is None  # nothing was said against it


def test_a_recording_of_a_new_sign_is_kept_without_a_comparison(
    qtbot, context, monkeypatch, signing_video_pose
):
    wave = context.library.add_sign("wave", "ASL")
    stand_in_pipelines(monkeypatch)
    dialog = RecordDialog(context, wave)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_recording(signing_video_pose)
    assert dialog.checking is None and not dialog.verdict.isVisibleTo(dialog)
    dialog.keep_button.click()
    assert len(context.database.clips(wave)) == 1


def test_a_recording_the_full_disk_cannot_take_is_said_and_stays_to_keep_once_there_is_room(
    qtbot, context, hello, monkeypatch
):
    """A clip the learner keeps on a full disk: said in plain words, the window and the recording stay (not
    half-saved), and Keep saves it once there is room."""
    from PySide6.QtWidgets import QMessageBox

    dialog = recorded_a_real_hello(qtbot, context, hello, monkeypatch)
    clips_before = context.database.clips(hello)
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append((title, text)))
    database = context.database
    database.query("VACUUM")  # no free page inside the file either: a write fitting in one needs no disk
    database.query(f"PRAGMA max_page_count = {database.query('PRAGMA page_count')[0][0]}")  # the disk is full
    dialog.keep_button.click()
    ((title, text),) = said
    assert title == "The clip could not be saved" and "disk is full" in text and str(database.path) in text
    assert dialog.isVisible() and dialog.recorded is not None and dialog.kept_clip_id is None
    assert context.database.clips(hello) == clips_before and database.integrity_check() == "ok"
    database.query("PRAGMA max_page_count = 1073741823")  # room again
    dialog.keep_button.click()
    assert dialog.kept_clip_id in {clip.id for clip in context.database.clips(hello)}
    assert not dialog.isVisible()


def test_the_signs_clips_are_compared_with_each_other_while_the_learner_records(
    qtbot, dialog, signing_video_pose, monkeypatch
):
    """A recording scoring low is held against what the sign's own clips tolerate: each of them judged
    against the rest. That waited for the recording, and Keep waited for it too (~5 s for DGS "lieben");
    it is done while the learner records, and the recording's comparison judges the recording alone."""
    qtbot.waitUntil(lambda: getattr(dialog, "preparing", None) is None, timeout=LOADED_MACHINE_MS)
    judged = []
    judge = ClipCheck._judged
    monkeypatch.setattr(
        ClipCheck,
        "_judged",
        lambda check, *args, **kwargs: judged.append(args) or judge(check, *args, **kwargs),
    )
    dialog.show_recording(signing_video_pose)  # her left hand at the chest: it scores low against hello
    compared(qtbot, dialog)
    assert dialog.verdict.text().startswith(UNLIKE) and len(judged) == 1
    dialog.discard()  # closed without a question


def test_a_recording_shorter_than_a_practice_attempt_is_refused_in_practices_words(
    qtbot, dialog, context, hello, signing_video_pose
):
    """A walk-through: "0.2 s of signing" was offered to keep (Keep it anyway), where a 0.4 s practice
    attempt was turned away as "That was very short - try again."."""
    from desktop_app.core.collection.library import Recording
    from desktop_app.core.signing.session import TOO_SHORT

    signing = Recording.of(signing_video_pose).pose
    times = signing.timestamps
    start = int(np.searchsorted(times, times[0] + 0.5))
    twitch = signing.frames(slice(start, int(np.searchsorted(times, times[start] + 0.2))))
    clips = len(context.database.clips(hello))
    dialog.show_recording(twitch)
    assert dialog.stack.currentIndex() == 0 and dialog.recorded is None  # nothing to keep: record again
    assert dialog.live.status.text() == TOO_SHORT
    dialog.keep()
    assert len(context.database.clips(hello)) == clips


def test_the_record_window_fits_a_small_screen_with_its_warning_and_buttons(
    qtbot, dialog, signing_video_pose
):
    """A walk-through: with a warning under the recording, the window was about 620 px high, taller than a
    1000 x 520 screen, its buttons off the bottom. And its button said "Start attempt (Space)", practice's
    words, where a clip is being recorded."""
    from desktop_app.ui.panes import WINDOW_FRAME

    assert dialog.live.toggle_button.text() == "Start recording (Space)"
    dialog.show_recording(signing_video_pose)
    compared(qtbot, dialog)
    assert dialog.verdict.isVisible()
    assert dialog.minimumSizeHint().height() <= 520 - WINDOW_FRAME, dialog.minimumSizeHint()
    assert dialog.minimumSizeHint().width() <= 1000
    dialog.discard()  # closed with a clip not kept, the window would ask


def test_the_record_window_shows_the_tracking_line_practice_shows_before_recording(qtbot, dialog):
    """The walk-through: Practice said "✓ Tracking: body, left hand" under its picture, the record window
    nothing until the hands left the picture while recording."""
    from desktop_app.core.judging.live_attempts import HANDS_OUT_OF_VIEW
    from desktop_app.core.signing.session import BODY_WITHOUT_HANDS, Phase, SegmentEvent
    from tests.support import tracked_frame

    live = dialog.live
    for index in range(20):
        live._show_frame(tracked_frame(index, hand_seen=True))
    assert live.tracking_status.label.isVisible()
    assert live.tracking_status.label.text() == "✓ Tracking: body, right hand"
    assert live.status.text() == live.signing_hint()  # the heading still says how to sign
    live._segment_event(SegmentEvent("started", message="Recording"))
    for index in range(20, 50):  # the hands leave the picture while recording
        live._show_frame(tracked_frame(index, hand_seen=False, phase=Phase.RECORDING))
    assert live.tracking_status.label.text() == BODY_WITHOUT_HANDS
    assert live.status.text() == HANDS_OUT_OF_VIEW


def test_a_recording_signed_with_the_other_hand_than_the_signs_clips_is_said_so_under_it(
    qtbot, dialog, context, signing_video_pose
):
    """The signing video's signer signs with her left hand: to a right-handed learner, the window said
    nothing of it; the Library called the clip "left-handed" only once kept."""
    context.update_settings(left_handed=False)
    dialog.show_recording(signing_video_pose)
    assert dialog.summary.text().splitlines()[1:] == [
        "You signed it with your left hand; the sign's other clips are signed with the right hand."
    ]
    compared(qtbot, dialog)
    dialog.discard()
    context.update_settings(left_handed=True)
    dialog.show_recording(signing_video_pose)
    assert len(dialog.summary.text().splitlines()) == 1  # her hand is the learner's
    compared(qtbot, dialog)
    dialog.discard()


def test_the_first_clip_of_a_new_sign_is_not_compared_with_other_clips_it_has_none_of(
    qtbot, context, signing_video_pose, monkeypatch
):
    """Recorded with the left hand by a right-handed learner, a new sign's first clip was told "the other
    clips are signed with your right": it has none, and a new sign takes the hand of its first clip."""
    stand_in_pipelines(monkeypatch)
    context.update_settings(left_handed=False)
    dialog = RecordDialog(context, context.library.add_sign("brandnew", "ASL"))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_recording(signing_video_pose)
    assert len(dialog.summary.text().splitlines()) == 1
