"""The session page: recognition answered by keys and rated, production signed to the camera (the signing
video) and shown side by side with its reference, score, rating and correction."""

from types import SimpleNamespace

import numpy as np
import pytest
from fsrs import Rating
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.core.app.context import AppContext
from desktop_app.core.app.models_switch import embed_missing
from desktop_app.core.judging.scoring import GOOD_SCORE
from desktop_app.core.learning.review import shared_learning_path
from desktop_app.core.learning.scheduling import production_rating
from desktop_app.core.learning.store import ExerciseKind, Step, StepKind
from desktop_app.core.shared.settings import Settings
from desktop_app.core.signing.view import sign_only
from desktop_app.ui.home_page import HomePage
from desktop_app.ui.review_page import RESULT_BAR_LEAST_WIDTH
from desktop_app.ui.skeleton.feedback_picture import FEEDBACK_PICTURE_MIN_HEIGHT
from signcore.database import ClipOrigin, DatabaseError, SignDatabase
from signcore.encoder import Encoder
from signcore.formats import load_dgs, load_traduttore
from signcore.ingest import import_clips
from signcore.lessons import lesson_tag
from signcore.paths import models_dir
from tests.desktop_app.core.learning.helpers import add_signs
from tests.desktop_app.ui.tab_order import tab_stops, top_down
from tests.support import (
    SIGNING_VIDEO,
    TEST_DATA,
    CameraWorkerStandIn,
    shown_in_front,
    with_idle_frames,
)

ATTEMPT_TIMEOUT_MS = 120_000  # MediaPipe shares 2 cores with the rest of the suite
VIDEO_SIGN = "VIDEO-SIGN"


def open_home(qtbot, context) -> HomePage:
    context.use_camera(str(SIGNING_VIDEO), True)
    page = HomePage(context)
    shown_in_front(qtbot, page)
    return page


def on_the_first_question(qtbot, context):
    """Home's review started, its new signs met by key: the review page on its first question."""
    page = open_home(qtbot, context)
    page.start_review()
    review = page.review_page
    for _ in range(context.settings.new_signs_per_day):  # meet the new signs
        qtbot.keyClick(review, Qt.Key.Key_Return)
    return review


@pytest.fixture
def recognition_context(tmp_path):
    database = SignDatabase(tmp_path / "signs.db")
    add_signs(database, "DGS", ["hallo", "ich", "du", "unser", "Tag"])
    context = AppContext(Settings(new_signs_per_day=2), database, None, tmp_path / "settings.json")
    yield context
    context.close()


def test_the_session_page_unsubscribes_from_the_context_when_destroyed(qtbot, recognition_context):
    """Its SessionScreen stayed subscribed to settings, model and database changes: with a "sign it" step
    on screen, a setting changed after the page was gone called into the deleted page."""
    import shiboken6

    events = recognition_context.events
    before = {emitter.name: len(emitter) for emitter in events}
    page = HomePage(recognition_context)
    assert page.review_page.model.context is recognition_context  # the session page, built with Home
    shiboken6.delete(page)
    assert {emitter.name: len(emitter) for emitter in events} == before


def test_recognition_is_answered_by_key_rated_and_saved(qtbot, recognition_context):
    recognition_context.settings.new_signs_per_day = (
        3  # a third sign's step goes before the wrong one's again
    )
    review = on_the_first_question(qtbot, recognition_context)
    step = review.session.current
    assert step.kind is StepKind.RECOGNITION
    options = review.question.options
    assert len(options) == 4 and step.sign_id in [sign.id for sign in options]
    assert review.recognition_player._tracks[0].label == ""  # the name is not shown
    right = [sign.id for sign in options].index(step.sign_id)
    with qtbot.waitSignal(review.answered) as answered:
        qtbot.keyClick(review, Qt.Key.Key_1 + right)
    # At once, while the clip plays, but the sign was met a minute ago: Good, said why, and it comes back
    assert answered.args[0] == Rating.Good
    assert review.recognition_result.text().startswith("Right!")
    assert "(the best on the day you meet a sign): " in review.recognition_result.text()
    assert "background" in review.choice_buttons[right].styleSheet()

    qtbot.keyClick(review, Qt.Key.Key_Return)  # next: the other sign's recognition
    assert review.title.isVisible() and not review.notice.isVisible()
    second = review.session.current
    wrong = next(i for i, sign in enumerate(review.question.options) if sign.id != second.sign_id)
    with qtbot.waitSignal(review.answered) as answered:
        review.choice_buttons[wrong].click()
    assert answered.args[0] == Rating.Again
    # Counted at once, beside the rating: the step comes back, so "to go" stays where it was, and says why.
    assert review.progress_text.text().endswith("to go")  # one short phrase, why in its tooltip
    assert review.progress_text.toolTip().startswith("1 step to try again: answered wrong")
    assert review.notice.text() == "1 step more: answered wrong, asked again in this session."
    gloss = recognition_context.database.sign(second.sign_id).gloss
    assert f"this is <b>{gloss} (DGS)</b>" in review.recognition_result.text()  # as the lists name it
    reviews = shared_learning_path(recognition_context.database).store.reviews()
    assert [(r.sign_id, r.kind, r.correct) for r in reviews] == [
        (step.sign_id, ExerciseKind.RECOGNITION, True),
        (second.sign_id, ExerciseKind.RECOGNITION, False),
    ]
    assert review.session.saved.steps[-1] == second  # wrong: it comes back in this session


def test_a_new_sign_and_its_question_play_the_sign_only_signed_with_the_learners_hand(qtbot, tmp_path):
    """They played the whole stored clip, its hand-less frames at the start and the end included, as no other
    player did; and they stayed as they were when left-handed mode was turned on or off meanwhile."""
    thank_you = next(
        clip.pose
        for clip in load_traduttore(TEST_DATA / "traduttore" / "traduttore_sample.npz")
        if clip.gloss == "thank-you"
    )
    untrimmed = with_idle_frames(thank_you, before=6, after=4)  # signed with the right hand
    database = SignDatabase(tmp_path / "signs.db")
    for gloss in ["thank-you", "hello", "please", "sorry", "water"]:
        database.add_clip(database.add_sign(gloss, "ASL"), untrimmed)
    # Two new signs: one met alone is asked to recognise in a later session (its name was just shown)
    context = AppContext(Settings(new_signs_per_day=2), database, None, tmp_path / "settings.json")
    page = open_home(qtbot, context)
    page.start_review()
    review = page.review_page
    assert review.session.current.kind is StepKind.INTRODUCE
    assert review.intro_player.canvas.tracks[0].pose.equals(sign_only(untrimmed))
    context.update_settings(left_handed=True)
    assert review.intro_player.canvas.tracks[0].pose.equals(sign_only(untrimmed.mirrored()))

    for _ in range(2):
        qtbot.keyClick(review, Qt.Key.Key_Return)
    assert review.session.current.kind is StepKind.RECOGNITION
    assert review.recognition_player.canvas.tracks[0].pose.equals(sign_only(untrimmed.mirrored()))
    assert review.recognition_player.canvas.tracks[0].label == ""  # the name is not shown
    # the answer's time counts from the end of the clip as it plays
    assert review.model._clip_seconds == pytest.approx(
        sign_only(untrimmed).duration / review.recognition_player.speed
    )
    context.update_settings(left_handed=False)
    assert review.recognition_player.canvas.tracks[0].pose.equals(sign_only(untrimmed))
    context.close()


def test_what_a_skip_took_off_is_said_until_the_next_answer(qtbot, recognition_context):
    """ "Skipped get (ASL): 2 steps fewer to go…" stayed on screen after later answers."""
    recognition_context.settings.new_signs_per_day = 3  # the sign met last is not recognised right after
    review = on_the_first_question(qtbot, recognition_context)
    review._skip()
    assert review.notice.text().startswith("Skipped") and review.notice.isVisible()
    assert review.session.current.kind is StepKind.RECOGNITION
    with qtbot.waitSignal(review.answered):
        qtbot.keyClick(review, Qt.Key.Key_1)
    assert not review.notice.text().startswith("Skipped"), "the skip's word stayed beside a later answer"
    assert review.notice.text() == review.model.total_change_words()  # the answer's own, if any


def test_what_a_skip_took_off_is_said_without_moving_the_next_step(qtbot, recognition_context):
    """The "Skipped …" line appeared above the next step and pushed it (its sign's name, the
    camera) down ~20 px. It is said in the lesson's name's place until the next answer (which may say what
    it changed there), the name back with the next step."""
    recognition_context.settings.new_signs_per_day = 3
    review = on_the_first_question(qtbot, recognition_context)
    review.window().resize(1000, 520)
    qtbot.waitUntil(lambda: review.stack.height() > 0)
    step_at = review.stack.mapTo(review.window(), review.stack.rect().topLeft())
    review._skip()
    review.layout().activate()
    assert review.notice.isVisible() and review.notice.text().startswith("Skipped")
    assert review.stack.mapTo(review.window(), review.stack.rect().topLeft()) == step_at
    assert review.title.isHidden()
    with qtbot.waitSignal(review.answered):
        qtbot.keyClick(review, Qt.Key.Key_1)
    review.show_current()  # the next step: the lesson's name back, whatever the answer changed
    assert review.title.isVisible() and not review.notice.isVisible()


def answer_right(qtbot, review) -> None:
    right = [sign.id for sign in review.question.options].index(review.session.current.sign_id)
    with qtbot.waitSignal(review.answered):
        qtbot.keyClick(review, Qt.Key.Key_1 + right)


@pytest.mark.parametrize("last_step", ["skipped", "answered"])
def test_the_header_above_the_summary_says_the_session_is_over(qtbot, recognition_context, last_step):
    """A walk-through: a lesson ended by skipping its last step said "17 done · 2 to go (1 to try again)",
    its bar not full, above "Lesson done"."""
    review = on_the_first_question(qtbot, recognition_context)
    options = [sign.id for sign in review.question.options]
    wrong = next(n for n, sign_id in enumerate(options) if sign_id != review.session.current.sign_id)
    with qtbot.waitSignal(review.answered):
        qtbot.keyClick(review, Qt.Key.Key_1 + wrong)  # the step comes back: one to try again
    assert review.progress_text.toolTip().startswith("1 step to try again")
    qtbot.keyClick(review, Qt.Key.Key_Return)
    while len(review.session.saved.steps) > 1:
        answer_right(qtbot, review)
        qtbot.keyClick(review, Qt.Key.Key_Return)
    if last_step == "skipped":
        review._skip()
    else:
        answer_right(qtbot, review)
        qtbot.keyClick(review, Qt.Key.Key_Return)
    assert review.session is None and review.summary_heading.text()
    assert review.progress_text.text().endswith(" done · 0 to go")
    assert review.progress_bar.value() == review.progress_bar.maximum() > 0


def test_the_speed_chosen_on_a_step_plays_the_next_steps(qtbot, recognition_context):
    """A walk-through: 0.25x chosen on the first new sign, the next one played at 0.5x again (the saved
    speed, which nothing had changed)."""
    page = open_home(qtbot, recognition_context)
    page.start_review()
    review = page.review_page
    assert review.session.current.kind is StepKind.INTRODUCE
    qtbot.keyClick(review.intro_player.speed_box, Qt.Key.Key_Up)  # 0.5x -> 0.25x, as the learner chooses
    qtbot.keyClick(review, Qt.Key.Key_Return)  # the next new sign
    assert review.session.current.kind is StepKind.INTRODUCE
    assert review.intro_player.speed == 0.25
    qtbot.keyClick(review, Qt.Key.Key_Return)  # its question
    assert review.recognition_player.speed == 0.25
    assert Settings.load(recognition_context.settings_path).playback_speed == 0.25


def test_an_answer_that_cannot_be_saved_is_said_and_the_step_stays(qtbot, recognition_context, monkeypatch):
    page = open_home(qtbot, recognition_context)
    page.start_review()
    review = page.review_page
    store = shared_learning_path(recognition_context.database).store

    def disk_full(*_args, **_kwargs):
        raise DatabaseError(store.database.path, "the disk is full; the change was not saved")

    monkeypatch.setattr(store, "introduce", disk_full)
    step = review.session.current
    qtbot.keyClick(review, Qt.Key.Key_Return)
    assert review.session.current == step and review.session.done == 0
    assert review.problem.isVisible() and "the disk is full" in review.problem.text()
    monkeypatch.undo()
    qtbot.keyClick(review, Qt.Key.Key_Return)  # space was made: it works now
    assert review.session.done == 1 and not review.problem.isVisible()


@pytest.mark.slow
def test_production_is_signed_to_the_camera_and_shown_beside_the_reference(
    qtbot, tmp_path, signing_video_pose
):
    model = models_dir() / "encoder.onnx"
    if not model.exists():
        pytest.skip(f"needs the shipped encoder {model}")
    encoder = Encoder(model)
    database = SignDatabase(tmp_path / "signs.db")
    import_clips(database, load_dgs(TEST_DATA / "dgs" / "3D_full"), language="DGS")
    sign_id = database.add_sign(VIDEO_SIGN, "test", tags=[lesson_tag("From the video")])
    database.add_clip(sign_id, signing_video_pose.frames(slice(10, 46)), ClipOrigin(SIGNING_VIDEO.name))
    embed_missing(database, encoder)
    settings = Settings(auto_start=True)  # the attempt starts as the video's hands come up
    context = AppContext(settings, database, encoder, tmp_path / "settings.json")
    page = open_home(qtbot, context)
    page.start_lesson(0)
    review = page.review_page
    assert review.intro_gloss.text() == f"{VIDEO_SIGN} (test)"  # as the lists name it
    review.intro_button.click()
    # The only sign of its language cannot be asked with four names: production comes next.
    assert review.session.current.kind is StepKind.PRODUCTION
    assert review.production_gloss.text() == f"{VIDEO_SIGN} (test)" and review.worker is not None
    assert review.attempt_button.text() == "Start attempt (Space)"
    while_recording = []
    review.worker.segment_event.connect(  # after the page's own slot: what the learner sees then
        lambda event: event.kind == "started" and while_recording.append(review.attempt_button.text())
    )

    with qtbot.waitSignal(review.answered, timeout=ATTEMPT_TIMEOUT_MS) as answered:
        pass  # the video raises its hands, signs and lowers them: the attempt is found and scored
    # "Next" appears where "Skip this one" was: a click meant for Skip as the attempt ended went on
    assert not review.production_next.isEnabled()
    (saved,) = shared_learning_path(database).store.reviews()
    assert saved.kind is ExerciseKind.PRODUCTION and saved.score is not None
    # at most Good on the day the sign was met (scheduling.on_the_day_met)
    assert answered.args[0] == saved.rating == min(production_rating(saved.score), Rating.Good)
    assert review.score_label.text() == f"{saved.score:.0f}"
    assert review.production_stack.currentIndex() == 1 and review.correction_label.text()
    assert while_recording[:1] == ["Stop attempt (Space)"], "the button said Start while recording"
    tracks = review.result_player._tracks
    assert [track.label for track in tracks] == ["Reference", "You"]
    # as on the practice page and as Help says: the attempt drawn over the faint reference, not beside it
    assert [track.faded for track in tracks] == [True, False]
    qtbot.waitUntil(lambda: len(database.attempts(sign_id)) == 1, timeout=10_000)  # as practice saves it

    qtbot.waitUntil(review.production_next.isEnabled, timeout=5_000)
    assert review.production_next.hasFocus()
    qtbot.keyClick(review, Qt.Key.Key_Return)
    if answered.args[0] == Rating.Again:  # the lesson's one sign, wrong: asked again now (right: tomorrow)
        assert review.session.current == Step(sign_id, StepKind.PRODUCTION)
        qtbot.mouseClick(review.stop_button, Qt.MouseButton.LeftButton)
    else:  # the lesson done: its summary, the camera released, then home
        assert review.summary_heading.text() == "Lesson done: From the video" and review.worker is None
        qtbot.keyClick(review, Qt.Key.Key_Return)
    assert page.stack.currentIndex() == 0 and review.worker is None  # back home, the camera released
    context.close()


@pytest.fixture
def sign_it_context(tmp_path):
    """Three DGS signs with their clips embedded by the shipped model, so review steps can be signed."""
    database = SignDatabase(tmp_path / "signs.db")
    import_clips(database, load_dgs(TEST_DATA / "dgs" / "3D_full"), language="DGS")  # 3 signs
    encoder = Encoder()
    embed_missing(database, encoder)
    settings = Settings(auto_start=True)  # as these tests' headings say; off by default
    context = AppContext(settings, database, encoder, tmp_path / "settings.json")
    yield context
    context.close()


def review_on_a_sign_it_step(qtbot, context):
    """Home's review started, with a stand-in camera worker, on its first "sign it" step."""
    page = HomePage(context)
    qtbot.addWidget(page)
    page.start_review()
    review = page.review_page
    review.start_camera = lambda: None  # no camera in the test: the stand-in takes its place
    review.worker = CameraWorkerStandIn()
    on_to_the_next_sign_it_step(review)
    return review


class CameraWorkerWithSignals(CameraWorkerStandIn):
    """A stand-in camera worker a page can connect to (its signals never fire)."""

    frame_ready = segment_event = attempt_scored = camera_state = failed = SimpleNamespace(
        connect=lambda slot: None
    )


def on_to_the_next_sign_it_step(review) -> None:
    """Meet the new signs and name the signs asked (any name) until a "sign it" step is on screen."""
    while review.session.current.kind is not StepKind.PRODUCTION:
        if review.session.current.kind is StepKind.INTRODUCE:
            review.intro_button.click()
        else:
            review.choice_buttons[0].click()
            review.recognition_next.click()


def test_an_attempt_under_way_is_dropped_when_the_step_is_skipped(qtbot, sign_it_context):
    from desktop_app.core.learning.session_screen import SIGN_IT_PROMPT
    from desktop_app.core.signing.session import SegmentEvent

    review = review_on_a_sign_it_step(qtbot, sign_it_context)
    worker = review.worker
    started = SegmentEvent("started", message="Recording: lower your hands to finish.")  # the segmenter's
    review._on_segment_event(started)  # the learner raised the hands and signs
    assert review.camera_prompt.text() == "● Recording: lower your hands to finish."
    worker.told.clear()
    review.skip_button.click()
    assert worker.told[:1] == ["cancel"], "the skipped step's attempt went on, to be scored for the next"
    assert review.notice.text().startswith("Skipped") and not review.notice.isHidden()  # what it took off
    on_to_the_next_sign_it_step(review)
    review._on_segment_event(SegmentEvent("discarded", message="Attempt cancelled."))
    assert review.camera_prompt.text() == SIGN_IT_PROMPT  # what to do now, not what was dropped
    review.worker = None


def test_show_me_plays_the_forgotten_sign_rated_again_and_goes_on_to_sign_it(qtbot, sign_it_context):
    """A "sign it from memory" step had no way to see a forgotten sign but a failing attempt or a skip.
    "Show me the sign" drops the attempt under way, plays the sign's reference with the rating (Again),
    and Enter goes on; the sign comes back to be signed."""
    from desktop_app.core.signing.session import SegmentEvent

    review = review_on_a_sign_it_step(qtbot, sign_it_context)
    step = review.session.current
    review._on_segment_event(SegmentEvent("started", message="Recording: lower your hands to finish."))
    review.worker.told.clear()
    with qtbot.waitSignal(review.answered) as answered:
        review.show_me_button.click()
    assert answered.args == [Rating.Again] and review.worker.told[:1] == ["cancel"]
    assert review.stack.currentIndex() == 0 and review.intro_player.clip is not None
    assert review.intro_gloss.text().startswith(sign_it_context.database.sign(step.sign_id).gloss)
    assert "Again" in review.intro_note.text() and review.intro_button.text() == "Next (Enter)"
    assert "Watch it" in review.intro_heading.text()
    last = review.session.store.reviews()[-1]
    assert (last.sign_id, last.rating, last.score) == (step.sign_id, Rating.Again, None)
    assert step in review.session.saved.steps, "the sign shown is not asked again to be signed"
    with qtbot.waitSignal(review.step_shown) as shown:
        qtbot.keyClick(review.intro_button, Qt.Key.Key_Return)
    assert shown.args == [review.session.current]
    review.worker = None


def test_show_me_again_plays_the_sign_unrated_and_says_so(qtbot, sign_it_context):
    """Pressed again when the "sign it" step came back, "Show me the sign" rated it Again once more, and
    "missed twice" sent it to another day. Watched again, the sign plays with words saying it does not
    count; no rating is given (the answered signal says none), and the step comes back to be signed."""
    review = review_on_a_sign_it_step(qtbot, sign_it_context)
    step = review.session.current
    review.show_me_button.click()
    while review.session.current != step:  # Next, then the other steps until it comes back
        if review.stack.currentIndex() == 0:
            review.intro_button.click()
        else:
            on_to_the_next_sign_it_step(review)
            if review.session.current != step:
                review.skip_button.click()
    if review.stack.currentIndex() == 0:
        review.intro_button.click()
    reviews = len(review.session.store.reviews())
    with qtbot.assertNotEmitted(review.answered):
        review.show_me_button.click()
    assert review.intro_note.text().startswith("Watching it again does not count against you: ")
    # beside the progress, why the steps grew (it said "1 step more in this session.", without why)
    assert review.notice.text() == "1 step more: watched again, asked again in this session."
    assert "Watch it" in review.intro_heading.text() and review.intro_player.clip is not None
    assert len(review.session.store.reviews()) == reviews and step in review.session.saved.steps
    review.worker = None


def test_an_attempt_left_for_another_tab_is_said_not_scored_once_back_on_the_step(qtbot, sign_it_context):
    """Another tab chosen while a "sign it" attempt was being recorded: the camera stopped with the page,
    and the attempt went without a word. Back on the step, the heading says it was not scored."""
    from desktop_app.core.judging.live_attempts import ATTEMPT_LEFT_WITH_THE_PAGE
    from desktop_app.core.signing.session import SegmentEvent

    review = review_on_a_sign_it_step(qtbot, sign_it_context)
    home = review.parentWidget()
    while not isinstance(home, HomePage):
        home = home.parentWidget()
    home.show()
    qtbot.waitExposed(home)
    review._on_segment_event(SegmentEvent("started", message="Recording: lower your hands to finish."))
    home.hide()  # another tab
    assert review.worker is None and not review.attempts.under_way
    home.show()
    assert review.camera_prompt.text() == ATTEMPT_LEFT_WITH_THE_PAGE
    review.worker = None


def test_a_lost_video_cameras_path_is_never_broken_in_two(qtbot, sign_it_context):
    """Wrapped after a slash, "/tmp/w28b/ short.mp4" read as two words (as on Practice)."""
    from desktop_app.ui.panes import WORD_JOINER
    from tests.support import camera_state_reaches

    review = review_on_a_sign_it_step(qtbot, sign_it_context)
    lost = "/tmp/w28b/short.mp4: the video cannot be read again from the start."
    camera_state_reaches(review, review._on_camera_state, lost)
    said = review.camera_prompt.text()
    assert WORD_JOINER.join("/tmp/w28b/short.mp4") in said and said.replace(WORD_JOINER, "").startswith(lost)
    review.worker = None


def test_the_sign_it_prompt_comes_back_with_the_camera(qtbot, sign_it_context):
    from desktop_app.core.learning.session_screen import SIGN_IT_PROMPT
    from tests.support import CAMERA_LOST, camera_state_reaches

    review = review_on_a_sign_it_step(qtbot, sign_it_context)
    camera_state_reaches(review, review._on_camera_state, CAMERA_LOST)
    assert CAMERA_LOST in review.camera_prompt.text()
    assert not review.attempt_button.isEnabled(), "nothing can be recorded (Start stayed enabled)"
    camera_state_reaches(review, review._on_camera_state, "")  # back
    assert review.camera_prompt.text() == SIGN_IT_PROMPT, "the loss stayed on screen"
    assert review.attempt_button.isEnabled()
    review.worker = None


def test_a_missing_camera_is_said_in_the_picture_of_a_sign_it_step(qtbot, sign_it_context):
    sign_it_context.use_camera(9, False)  # no machine running the tests has a tenth camera
    page = HomePage(sign_it_context)
    qtbot.addWidget(page)
    page.show()
    page.start_review()
    review = page.review_page
    on_to_the_next_sign_it_step(review)
    # In the picture's place, the ways to a picture the practice page offers (it said only "Choose another
    # camera in File → Camera…"), and the lesson's way on without one
    qtbot.waitUntil(lambda: review.camera_stack.currentIndex() == 1, timeout=30_000)
    assert "No camera picture" in review.no_camera.message.text() and review.worker is None
    buttons = [
        review.no_camera.use_video_button,
        review.no_camera.retry_button,
        review.no_camera.choose_camera_button,
        review.skip_signing_button,
    ]
    assert all(button.isVisible() for button in buttons)
    # Said once, in the panel, with one way on: the prompt above said it again with "You can skip this one",
    # and a "Skip this one" button beside the panel's skip
    assert review.camera_prompt.text() == "" and not review.skip_button.isVisible()
    assert not review.attempt_button.isEnabled(), "Start stayed enabled with no camera to record"
    # Enter tries the camera again: it skipped the sign (the disabled Start passed its focus to Skip)
    assert review.no_camera.retry_button.isDefault()  # looks like what Enter presses
    steps = review.session.saved.done, review.session.saved.steps
    qtbot.keyClick(review, Qt.Key.Key_Return)
    assert (
        review.session.saved.done,
        review.session.saved.steps,
    ) == steps and review.stack.currentIndex() == 2
    review.skip_signing_button.click()  # once: no "sign it" step is left to skip by hand
    # Said under the next step, or, where only "sign it" steps were left (run to run, as the earlier steps
    # were rated), in the session's summary: the notice is shown only while a session goes on
    if review.session is not None:
        assert review.notice.text().startswith("Skipped the signing for now") and not review.notice.isHidden()
    else:
        assert "You left the signing for later" in review.summary_text.text()
    assert review.session is None or StepKind.PRODUCTION not in {
        step.kind for step in review.session.saved.steps
    }
    assert review.stack.currentIndex() != 2  # not on a "sign it" step
    page.shutdown()


def test_a_sign_it_step_says_what_the_camera_tracks_and_when_tracking_is_slow(qtbot, sign_it_context):
    """The practice page said "✓ Tracking: body, left hand" and "Tracking is slow on this computer…"; the
    lesson's "sign it" step, a beginner's main way, said neither while every attempt was thrown out."""
    from desktop_app.core.signing.session import tracking_speed_note
    from tests.support import camera_failure_reaches, tracked_frame

    review = review_on_a_sign_it_step(qtbot, sign_it_context)
    review.window().show()
    qtbot.waitExposed(review)
    for index in range(10):
        review._show_frame(tracked_frame(index, fps=5.0))
    assert review.tracking_status.label.text() == "✓ Tracking: body, right hand"
    assert review.tracking_status.label.isVisible()
    assert review.tracking_status.speed_note.text() == tracking_speed_note(5.0)
    assert review.tracking_status.speed_note.isVisible()
    # The camera's last tracking goes with it
    camera_failure_reaches(review, review._on_camera_failed, "/tmp/missing.mp4: no such file")
    assert review.tracking_status.label.text() == "" and not review.tracking_status.speed_note.isVisible()
    review.worker = None


def test_a_sign_it_step_recording_says_when_the_hands_leave_the_picture_as_practice_does(
    qtbot, sign_it_context
):
    """ "● Recording: lower your hands to finish." stayed above the picture while the tracking line
    under it warned the hands were gone: read as the opposite of what to do, which Practice says instead
    (HANDS_OUT_OF_VIEW). The lesson's step had Practice's tracking line, not what its heading makes of it."""
    from desktop_app.core.judging.live_attempts import HANDS_OUT_OF_VIEW
    from desktop_app.core.signing.session import Phase, SegmentEvent
    from tests.support import tracked_frame

    review = review_on_a_sign_it_step(qtbot, sign_it_context)
    review._on_segment_event(SegmentEvent("started", message="Recording: lower your hands to finish."))

    def show(index: int, hand_seen: bool) -> None:
        review._show_frame(tracked_frame(index, hand_seen, Phase.RECORDING))

    for index in range(30):
        show(index, True)
    assert review.camera_prompt.text() == "● Recording: lower your hands to finish."
    for index in range(30, 60):  # the hands leave the picture
        show(index, False)
    assert review.camera_prompt.text() == HANDS_OUT_OF_VIEW
    for index in range(60, 90):
        show(index, True)
    assert review.camera_prompt.text() == "● Recording: lower your hands to finish."
    review.worker = None


def test_a_sign_it_steps_camera_shows_its_picture_as_the_mirror_setting_now_says(qtbot, sign_it_context):
    """The mirror setting changed (Settings, the lesson's step on screen behind it) turned the
    practice page's running camera, not the lesson's: its picture stayed as before until its camera
    restarted, the reference and the result beside it already in the new view."""
    review = review_on_a_sign_it_step(qtbot, sign_it_context)
    mirrored = sign_it_context.settings.mirror_display
    review.worker.told.clear()
    sign_it_context.apply_settings(mirror_display=not mirrored)
    assert ("mirror" if not mirrored else "no mirror") in review.worker.told
    review.worker = None


def test_an_attempt_whose_hand_was_not_seen_is_not_rated_and_the_step_waits(qtbot, sign_it_context):
    """Not rated on a number the feedback says it could not judge: the reason is said, wrapped (it is long),
    and the same sign is asked again."""
    from desktop_app.core.judging.attempts import score_pose
    from signcore.layout import LEFT_HAND, RIGHT_HAND, PoseSequence

    review = review_on_a_sign_it_step(qtbot, sign_it_context)
    target = review.model.target
    pose = next(iter(target.references.values()))
    mask = pose.mask.copy()
    mask[:, RIGHT_HAND] = mask[:, LEFT_HAND] = False
    unseen = PoseSequence(pose.points, mask, pose.timestamps, pose.width, pose.height)
    step = review.session.current
    review._on_outcome(score_pose(sign_it_context.encoder, target, unseen, ended_at=0.0))
    assert review.camera_prompt.text().startswith("Not scored. Your right hand was not seen")
    assert review.camera_prompt.wordWrap()
    assert review.model.awaiting_attempt and review.session.current == step
    assert review.production_stack.currentIndex() == 0  # no score, rating or correction page
    reviews = shared_learning_path(sign_it_context.database).store.reviews()
    assert ExerciseKind.PRODUCTION not in {saved.kind for saved in reviews}
    review.worker = None


def test_an_attempt_with_the_other_hand_is_rated_as_practice_scores_it_with_its_explanation(
    qtbot, sign_it_context
):
    """In right-handed mode a left-handed attempt was "not rated: sign it again" in a lesson, in
    three bold lines over the camera, while Practice scored the same attempt with the other-hand explanation.
    It is rated by its score (which treats a sign and its mirror image alike), the explanation the result's
    plain correction, as on the practice page; the heading over the camera says nothing of it."""
    from dataclasses import replace

    from desktop_app.core.judging.attempts import score_pose
    from desktop_app.core.judging.feedback import compare_with_reference
    from tests.desktop_app.ui.stand_in_pipeline import PipelineStandIn

    review = review_on_a_sign_it_step(qtbot, sign_it_context)
    target, step = review.model.target, review.session.current
    outcome = score_pose(
        sign_it_context.encoder, target, next(iter(target.references.values())), ended_at=0.0
    )
    clips = load_traduttore(TEST_DATA / "traduttore" / "traduttore_sample.npz")
    thank_you = next(clip.pose for clip in clips if clip.gloss == "thank-you")  # one-handed: the right hand
    other_hand = compare_with_reference(thank_you.mirrored(), thank_you)
    assert other_hand.mirrored_note.startswith("Compared with the reference mirrored")
    worker = PipelineStandIn(None)  # its attempt reported as the camera's is: rated and saved from there
    review.connect_worker(worker)
    worker.attempt_scored.emit(replace(outcome, score=replace(outcome.score, score=3.0), feedback=other_hand))
    assert review.production_stack.currentIndex() == 1 and review.score_label.text() == "3"  # rated
    assert "<b>Again</b>" in review.rating_label.text()
    assert review.correction_label.text() == other_hand.message  # plain, as Practice says it
    assert review.correction_label.textFormat() == Qt.TextFormat.PlainText
    assert not review.camera_prompt.isVisibleTo(review) and "not rated" not in review.camera_prompt.text()
    assert len(sign_it_context.database.attempts(step.sign_id)) == 1  # in the practice history, as Practice's
    reviews = shared_learning_path(sign_it_context.database).store.reviews()
    assert ExerciseKind.PRODUCTION in {saved.kind for saved in reviews}
    review.worker = None


def test_left_handed_mode_turned_on_on_a_sign_it_step_rates_the_next_attempt(qtbot, sign_it_context):
    """walk23: told "you signed with your left hand … left-handed mode is off", the learner ticked
    Left-handed in Settings and signed again: told the same, again and again, until the lesson was stopped
    and continued. The step's target was built once, when it was shown, and kept by the camera."""
    from dataclasses import replace

    from desktop_app.core.judging.attempts import score_pose
    from desktop_app.core.learning.session_screen import SIGN_IT_PROMPT

    review = review_on_a_sign_it_step(qtbot, sign_it_context)
    encoder, step = sign_it_context.encoder, review.session.current
    right_handed = review.model.target
    left_hand = next(iter(right_handed.references.values())).mirrored()  # the sign made with the left hand

    def poorly_scored(outcome):  # as a beginner's is: rated below Good
        return replace(outcome, score=replace(outcome.score, score=3.0))

    review.worker.told.clear()
    sign_it_context.update_settings(left_handed=True)  # in File → Settings, the step on screen
    assert review.worker.target is review.model.target and review.worker.target.left_handed
    told = [word for word in review.worker.told if not word.endswith("mirror")]  # the mirror, told as set
    assert told[:2] == ["cancel", "target"]  # an attempt under way was signed for the other
    assert review.camera_prompt.text() == SIGN_IT_PROMPT  # not the advice followed already
    # An attempt scored before the switch (its result on its way) is neither shown nor saved
    review._on_outcome(poorly_scored(score_pose(encoder, right_handed, left_hand, ended_at=0.0)))
    assert (
        review.camera_prompt.text() == SIGN_IT_PROMPT
        and sign_it_context.database.attempts(step.sign_id) == []
    )
    review._on_outcome(poorly_scored(score_pose(encoder, review.worker.target, left_hand, ended_at=0.0)))
    assert review.production_stack.currentIndex() == 1 and review.score_label.text() == "3"  # rated
    assert len(sign_it_context.database.attempts(step.sign_id)) == 1
    review.worker = None


def test_a_sign_it_step_prepares_its_signs_references_in_the_background(qtbot, sign_it_context, monkeypatch):
    """As the practice page does once a sign is chosen: the step's first attempt prepared the due sign's
    references itself, a few tenths of a second more than the practice page's first attempt. So does a
    target built anew on the step (left-handed mode turned on), the one before no longer needed."""
    from desktop_app.core.judging.practice import ScoringTarget

    prefetched = []
    monkeypatch.setattr(ScoringTarget, "prefetch", lambda target, control: prefetched.append(target))
    review = review_on_a_sign_it_step(qtbot, sign_it_context)
    due = review.model.target
    assert due is not None and due.sign_id == review.session.current.sign_id
    qtbot.waitUntil(lambda: prefetched == [due])
    first_job = review._prefetch_job
    sign_it_context.update_settings(left_handed=True)
    assert review.model.target is not due
    qtbot.waitUntil(lambda: prefetched == [due, review.model.target])
    assert first_job is not None and first_job.control.cancel_requested
    review.worker = None


def test_another_model_chosen_on_a_sign_it_step_embeds_the_next_attempt(qtbot, sign_it_context, monkeypatch):
    """The camera's worker kept the model it started with, while the steps' targets were the new model's:
    every later attempt of the session was "not scored: … prepared with another sign model"."""
    from tests.desktop_app.ui.stand_in_pipeline import stand_in_pipelines

    started = stand_in_pipelines(monkeypatch)
    page = open_home(qtbot, sign_it_context)
    page.start_review()
    review = page.review_page
    on_to_the_next_sign_it_step(review)
    assert [worker.encoder for worker in started] == [sign_it_context.encoder]
    other = Encoder()  # in Settings → Model
    sign_it_context.set_encoder(other)
    assert review.worker is started[-1] and review.worker.encoder is other
    assert (
        review.worker.target is review.model.target
        and review.model.target.gallery is sign_it_context.gallery()
    )
    page.shutdown()


def test_a_sign_it_step_starts_by_hand_when_the_learner_said_so(qtbot, sign_it_context):
    """ "Start when my hands come up" off: a "sign it" step waits for Space, from the first step on and
    when the setting changes on the step, and says so; raised hands recorded and rated attempts unasked."""
    from desktop_app.core.learning.session_screen import SIGN_IT_BY_KEY_PROMPT, SIGN_IT_PROMPT

    sign_it_context.update_settings(auto_start=False)
    review = review_on_a_sign_it_step(qtbot, sign_it_context)
    assert "auto on" not in review.worker.told and review.worker.told[-1] == "auto off"
    assert review.camera_prompt.text() == SIGN_IT_BY_KEY_PROMPT

    first = CameraWorkerWithSignals()  # the camera started by the first "sign it" step
    review.connect_worker(first)
    assert first.told[-1] == "auto off"

    sign_it_context.update_settings(auto_start=True)
    assert review.worker.told[-1] == "auto on" and review.camera_prompt.text() == SIGN_IT_PROMPT
    review.worker = None


def test_after_an_attempt_not_scored_the_button_starts_the_next(qtbot, sign_it_context):
    from desktop_app.core.judging.attempts import AttemptOutcome
    from desktop_app.core.signing.session import SegmentEvent

    review = review_on_a_sign_it_step(qtbot, sign_it_context)
    review._on_segment_event(SegmentEvent("started", message="Recording: lower your hands to finish."))
    assert review.attempt_button.text() == "Stop attempt (Space)"
    assert review.camera_prompt.text() == "● Recording: lower your hands to finish."
    pose = next(iter(review.model.target.references.values()))
    review._on_outcome(AttemptOutcome(pose, review.model.target.sign_id, message="Not scored. Why."))
    assert review.camera_prompt.text() == "Not scored. Why."
    assert review.attempt_button.text() == "Start attempt (Space)", "it said Stop with nothing recording"
    assert review.camera_prompt.styleSheet() == ""  # not the recording's red
    review.worker = None


def test_space_on_a_sign_it_step_starts_and_stops_an_attempt_as_it_is_shown(qtbot, sign_it_context):
    """Start/Stop was decided by the button's word, which said Stop from an attempt's start until its result
    came: Space as an attempt ended by itself (its last frame shown, its result on its way) sent a Stop to
    a camera with nothing recording. Decided from the attempt as shown (LiveAttempts), as on the practice
    page: by its events and its frames."""
    from PySide6.QtWidgets import QApplication

    from desktop_app.core.judging.live_attempts import START_ATTEMPT, STOP_ATTEMPT
    from desktop_app.core.signing.session import Phase, SegmentEvent
    from tests.support import frame_report

    review = review_on_a_sign_it_step(qtbot, sign_it_context)
    home = review.window()
    home.show()
    home.activateWindow()  # for the keyboard shortcuts
    qtbot.waitUntil(home.isActiveWindow)
    worker = review.worker

    def space() -> str:  # where the learner's Space goes: the widget with the keyboard focus
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
        return worker.told[-1]

    assert review.attempt_button.text() == START_ATTEMPT and space() == "start"
    review._on_segment_event(SegmentEvent("started", message="Recording: press Space again to stop."))
    review._show_frame(frame_report(Phase.RECORDING))
    assert review.attempt_button.text() == STOP_ATTEMPT and space() == "stop"
    review._show_frame(frame_report(Phase.WAITING))  # stopped: its result is on its way
    assert review.attempt_button.text() == START_ATTEMPT
    review._on_segment_event(SegmentEvent("started", message="Recording: lower your hands to finish."))
    assert review.attempt_button.text() == STOP_ATTEMPT
    review._show_frame(frame_report(Phase.RECORDING))
    review._show_frame(frame_report(Phase.WAITING))  # it ended by itself: its result is on its way
    assert review.attempt_button.text() == START_ATTEMPT and space() == "start"
    review._on_segment_event(SegmentEvent("started", message="Recording: press Space again to stop."))
    review.setFocus()  # on no button: the page's Space shortcut, the same decision
    assert QApplication.focusWidget() is review and space() == "stop"
    review.worker = None


def test_enter_on_a_sign_it_step_starts_no_attempt(qtbot, sign_it_context):
    """The shortcuts list Enter as "go on to the next step" only, but a second Enter after Next pressed the
    attempt button, which has the focus on a "sign it" step, and started recording."""
    from PySide6.QtWidgets import QApplication

    review = review_on_a_sign_it_step(qtbot, sign_it_context)
    home = review.window()
    home.show()
    home.activateWindow()  # for the keyboard shortcuts
    qtbot.waitUntil(home.isActiveWindow)
    assert QApplication.focusWidget() is review.attempt_button
    review.worker.told.clear()
    qtbot.keyClick(review.attempt_button, Qt.Key.Key_Return)
    qtbot.keyClick(review.attempt_button, Qt.Key.Key_Enter)
    assert review.worker.told == [] and not review.attempts.under_way
    review.worker = None


def test_enter_presses_the_button_tabbed_to_and_else_goes_on(qtbot, recognition_context):
    page = open_home(qtbot, recognition_context)
    page.start_review()
    review = page.review_page
    for _ in range(2):
        qtbot.keyClick(review, Qt.Key.Key_Return)  # no button focused but "Got it": the step's own action
    with qtbot.waitSignal(review.answered):
        qtbot.keyClick(review, Qt.Key.Key_1)
    assert review.recognition_next.hasFocus()
    done = review.session.done
    review.stop_button.setFocus()  # the learner tabbed to "Stop for now"
    with qtbot.waitSignal(review.stopped, timeout=1000):
        qtbot.keyClick(review.stop_button, Qt.Key.Key_Return)
    assert page.stack.currentIndex() == 0, "Enter went on to the next step instead"
    assert shared_learning_path(recognition_context.database).resume(5, page.ability()).done == done


def test_the_result_pictures_the_correction_and_follows_left_handed_mode(qtbot, sign_it_context):
    """The correction's close-up as on the practice page (each figure its own, labelled), not two hands over
    each other in one colour; and the reference mirrored when left-handed mode is turned on meanwhile."""
    import numpy as np

    from desktop_app.core.judging.attempts import score_pose

    review = review_on_a_sign_it_step(qtbot, sign_it_context)
    target = review.model.target
    other = next(sign for sign in sign_it_context.database.signs() if sign.id != target.sign_id)
    clip = sign_it_context.database.clips(other.id)[0]
    attempt = sign_it_context.database.clip_pose(clip.id)  # another sign: something to correct
    outcome = score_pose(sign_it_context.encoder, target, attempt, ended_at=0.0)
    assert outcome.feedback is not None and outcome.feedback.main is not None
    review._on_outcome(outcome)
    assert review.production_stack.currentIndex() == 1
    # the rating names the sign it looked more like: "Again" alone did not say another sign was signed; not
    # beside a praised score, as Practice's verdict ("Well done" and another sign named, no Compare)
    score = outcome.score
    assert score is not None and score.closer_signs  # the other sign ranked before it
    named = f"looked more like <b>{score.closer_signs[0].name}</b>" in review.rating_label.text()
    assert named == (score.score < GOOD_SCORE)
    # the replay as on the practice page: the attempt over the faint reference
    assert [track.faded for track in review.result_player._tracks] == [True, False]
    picture = review.correction_picture
    assert not picture.isHidden()
    assert [canvas.tracks[0].label.split(" at")[0] for canvas in (picture.reference, picture.attempt)] == [
        "Reference",
        "You",
    ]
    shown = review.result_player._tracks[0].pose
    assert shown is outcome.reference

    sign_it_context.update_settings(left_handed=True)
    mirrored = review.result_player._tracks[0].pose
    assert np.allclose(mirrored.points, shown.mirrored().points, equal_nan=True), "the old view stayed"
    assert np.allclose(picture.reference.tracks[0].pose.points, mirrored.points, equal_nan=True)
    assert picture.reference.convention.left_handed
    review.worker = None


def test_every_step_is_whole_in_the_smallest_window(qtbot, recognition_context):
    """A session made the window 50 px taller than the home page's least height; squeezed to that (a window
    manager may), the players' legend and Pause/Speed row were drawn over the question's and the result's
    figures. Each step scrolls instead, its players at their least height, nothing over anything."""
    from desktop_app.core.judging.feedback import Moment
    from desktop_app.core.signing.view import ViewConvention
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.reference_played import over_the_reference

    window = MainWindow(recognition_context)
    qtbot.addWidget(window)
    window.show()
    least = window.minimumSizeHint()
    window.resize(least)
    page = window.home_page
    page.start_review()
    review = page.review_page
    for _ in range(2):  # meet the two new signs
        review._introduced()
    review._choose(0)  # answered: the verdict and "Next" below the choices
    qtbot.wait(100)  # the layout settles
    assert window.minimumSizeHint().height() <= least.height(), "the session needs a taller window"

    def top(widget) -> int:
        return widget.mapTo(window, widget.rect().topLeft()).y()

    def bottom(widget) -> int:
        return top(widget) + widget.height()

    def whole(player, above: int) -> None:
        """``player``'s figure, legend and Pause/Speed row one under the other, all above ``above``."""
        assert player.height() >= player.minimumSizeHint().height()
        canvas, legend, pause = player.canvas, player.legend, player.play_button
        assert bottom(canvas) <= top(legend) and bottom(legend) <= top(pause) and bottom(pause) <= above

    whole(review.recognition_player, top(review.choice_buttons[0]))
    assert bottom(review.answer_box) <= top(review.recognition_player)  # beside the question, above it

    clip = next(
        c.pose
        for c in load_traduttore(TEST_DATA / "traduttore" / "traduttore_sample.npz")
        if c.gloss == "thank-you"
    )
    review.stack.setCurrentIndex(2)  # a sign-it result with its correction pictured
    review.production_stack.setCurrentIndex(1)
    in_step = np.repeat(np.arange(len(clip))[:, None], 2, axis=1)
    review.result_player.play(over_the_reference(clip, clip), clip.timestamps, in_step)
    review.correction_picture.show_moment(clip, clip, Moment(10, 12), "right", ViewConvention())
    review.correction_picture.show()
    review.rating_label.setText(  # its longest: naming the sign the attempt looked more like
        "Your sign looked more like <b>deutschland (DGS)</b>. Again: you'll be asked to sign it again in a"
        " few minutes."
    )
    review.correction_label.setText(
        "Location: in the middle of the sign, your left hand was lower than in the reference."
    )
    qtbot.wait(100)
    assert window.minimumSizeHint().height() <= least.height()
    replay, picture = review.result_player, review.correction_picture
    whole(replay, bottom(review.replay_and_picture))  # beside the pictures in a window this short
    assert not replay.geometry().intersects(picture.geometry())
    assert picture.height() >= picture.minimumHeight()
    assert bottom(review.correction_label) <= top(replay)  # the score and its words first
    window.close()


def test_a_sign_deleted_meanwhile_is_skipped_by_the_name_it_was_shown_with(qtbot, sign_it_context):
    """Skip saved the skip, then read the deleted sign's name back: a traceback, the page on the step."""
    review = review_on_a_sign_it_step(qtbot, sign_it_context)
    shown_as = review.model.name_on_screen
    sign_it_context.database.delete_sign(review.model.target.sign_id)
    review._skip()
    assert review.notice.text().startswith(f"Skipped this exercise of “{shown_as}”")
    review.worker = None


def test_a_setting_changed_after_the_results_clip_was_deleted_leaves_the_result_as_shown(
    qtbot, sign_it_context
):
    """The result re-read its reference clip for the new view: deleted in the Library, the error escaped the
    settings' event, and the pages listening after the review page never heard of the change."""
    from desktop_app.core.judging.attempts import score_pose

    review = review_on_a_sign_it_step(qtbot, sign_it_context)
    target, database = review.model.target, sign_it_context.database
    other = next(sign for sign in database.signs() if sign.id != target.sign_id)
    attempt = database.clip_pose(database.clips(other.id)[0].id)
    outcome = score_pose(sign_it_context.encoder, target, attempt, ended_at=0.0)
    review._on_outcome(outcome)
    assert review.production_stack.currentIndex() == 1
    database.delete_clip(outcome.score.best_clip_id)  # in the Library
    heard = []
    sign_it_context.events.settings_changed.connect(heard.append)
    sign_it_context.update_settings(mirror_display=False)
    assert heard and review.production_stack.currentIndex() == 1
    review.worker = None


@pytest.mark.parametrize("elsewhere", [False, True])
def test_space_after_the_camera_dropped_shows_nothing_and_rates_nothing(qtbot, sign_it_context, elsewhere):
    """A walk-through: the camera lost on a sign-it step, the attempt button was disabled with the
    focus, Qt gave it to "Show me the sign", and the Space the heading asks for showed the sign and rated it
    Again, untried. The focus stays off the other buttons, and is the attempt's again with the camera; also
    when it dropped while the learner was in another app's window (a review: the app had no focus widget)."""
    review = review_on_a_sign_it_step(qtbot, sign_it_context)
    window = review.window()
    window.show()
    qtbot.waitUntil(review.attempt_button.hasFocus)
    done = review.session.done
    for lost in ("The camera stopped sending pictures.", ""):
        if elsewhere:
            shown_in_front(qtbot, QWidget())
        review._camera_lost_or_back(lost)
        review._on_camera_state(lost)
        if elsewhere:
            window.activateWindow()
            qtbot.waitUntil(window.isActiveWindow)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
        assert review.session.done == done and review.stack.currentIndex() == 2, "Space answered the step"
    assert review.attempt_button.hasFocus()
    review.worker = None


def test_a_setting_changed_while_the_camera_is_lost_keeps_saying_so(qtbot, sign_it_context):
    """A changed setting put "Raise your hands and sign it" over "the camera stopped…" on a sign-it step."""
    review = review_on_a_sign_it_step(qtbot, sign_it_context)
    review._on_camera_state("The camera stopped sending pictures.")
    lost = review.camera_prompt.text()
    sign_it_context.update_settings(playback_speed=0.25)
    assert review.camera_prompt.text() == lost
    review._on_camera_state("")  # back
    assert review.camera_prompt.text() != lost
    review.worker = None


def test_the_heading_stops_saying_recording_when_the_attempt_is_no_longer_under_way(qtbot, sign_it_context):
    """A walk-through: an attempt started by itself, the learner went to Practice (the camera stopped, the
    attempt with it), unticked "Start when my hands come up" and came back: the heading still said
    "● Recording: lower your hands to finish." over "Start attempt (Space)" until Space was pressed."""
    from desktop_app.core.judging.live_attempts import START_ATTEMPT
    from desktop_app.core.learning.session_screen import SIGN_IT_BY_KEY_PROMPT
    from desktop_app.core.signing.session import Phase, SegmentEvent
    from tests.support import frame_report

    review = review_on_a_sign_it_step(qtbot, sign_it_context)
    review._on_segment_event(SegmentEvent("started", message="Recording: lower your hands to finish."))
    review._show_frame(frame_report(Phase.RECORDING))
    review.stop_camera()  # the page hidden: the attempt under way goes with the camera, without an event
    sign_it_context.update_settings(auto_start=False)  # on the practice page
    review.worker = CameraWorkerStandIn()  # back: a new camera, nothing recording
    review._show_frame(frame_report(Phase.WAITING))
    assert review.attempt_button.text() == START_ATTEMPT
    assert review.camera_prompt.text() == SIGN_IT_BY_KEY_PROMPT, "it still said it was recording"
    assert review.camera_prompt.styleSheet() == ""  # not the recording's red

    review._on_segment_event(SegmentEvent("started", message="Recording: press Space again to stop."))
    review._on_segment_event(SegmentEvent("finished", message="Stopped at the time limit."))  # by itself
    assert review.attempt_button.text() == START_ATTEMPT
    assert review.camera_prompt.text() == "Stopped at the time limit.", "it said Recording till its result"
    review._on_segment_event(SegmentEvent("started", message="Recording: press Space again to stop."))
    review.connect_worker(CameraWorkerWithSignals())  # another camera: nothing recording on it yet
    assert review.camera_prompt.text() == SIGN_IT_BY_KEY_PROMPT
    review.worker = None


def test_the_sign_it_heading_says_the_attempts_as_the_practice_page_does(qtbot, sign_it_context, monkeypatch):
    """The "sign it" step wrote its heading itself: a countdown was not said, and how an attempt ended stayed
    on screen where the practice page says it for a moment. Both say it through LiveAttempts.heading."""
    from desktop_app.core.learning.session_screen import SIGN_IT_PROMPT
    from desktop_app.core.signing.session import Phase, SegmentEvent
    from desktop_app.ui import live_camera
    from tests.support import frame_report

    monkeypatch.setattr(live_camera, "NOTICE_MS", 20)
    review = review_on_a_sign_it_step(qtbot, sign_it_context)
    prompt = review.camera_prompt
    review._on_segment_event(SegmentEvent("countdown", seconds_left=3))
    assert prompt.text() == "Get ready… 3"
    assert prompt.styleSheet() == f"color: {live_camera.HEADING_COLOURS['countdown']};"
    review._on_segment_event(SegmentEvent("started", message="Go!"))
    review._show_frame(frame_report(Phase.RECORDING))
    assert prompt.text() == "● Go!"
    assert prompt.styleSheet() == f"color: {live_camera.HEADING_COLOURS['recording']};"
    review._on_segment_event(SegmentEvent("finished", message="Stopped at the time limit."))
    assert prompt.text() == "Stopped at the time limit." and prompt.styleSheet() == ""
    qtbot.waitUntil(lambda: prompt.text() == SIGN_IT_PROMPT, timeout=2000)  # said for a moment
    review.worker = None


def review_in_a_small_window(qtbot, context, width: int = 1000, height: int = 520):
    """The main window (1000x520: small) with Home's review started, a stand-in camera worker in its page."""
    from desktop_app.ui.main_window import MainWindow

    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    page = window.home_page
    page.start_review()
    review = page.review_page
    review.start_camera = lambda: None  # no camera in the test: the stand-in takes its place
    review.worker = CameraWorkerStandIn()
    return window, review


def assert_in_view(box, *widgets) -> None:
    """Each of ``widgets`` whole in the scroll ``box``'s view as it is scrolled now."""
    shown = box.viewport().rect()
    for widget in widgets:
        place = widget.mapTo(box.viewport(), widget.rect().topLeft())
        assert shown.contains(place) and shown.bottom() >= place.y() + widget.height() - 1, widget


def test_a_sign_it_step_shows_its_name_and_buttons_in_a_small_window(qtbot, sign_it_context):
    """In a 1000x520 window the step stayed scrolled down, the sign's name out of view; scrolled up, Start and
    Skip were below the fold. The camera picture gives way: the name and the buttons are always in view."""
    window, review = review_in_a_small_window(qtbot, sign_it_context)
    for _ in range(2):  # two sign-it steps: the second after the first was scrolled down
        on_to_the_next_sign_it_step(review)
        qtbot.wait(50)  # the layout settles
        box = review.stack.currentWidget()
        assert box.verticalScrollBar().maximum() == 0, "the step scrolls: the camera picture did not give way"
        assert_in_view(box, review.production_gloss, review.attempt_button, review.skip_button)
        box.verticalScrollBar().setValue(box.verticalScrollBar().maximum())
        review._skip()
    review.worker = None
    window.close()


def test_a_sign_it_steps_camera_picture_has_most_of_a_small_window(qtbot, sign_it_context):
    """In a 1000x520 window the live picture was 254 px of the page's 473, under "Sign it from memory" and
    the sign's name, each a line of its own, and over the rating rules' line: the name follows the words on
    their line, the rules sit between Start and Skip, and the step keeps the figure's narrow margins."""
    window, review = review_in_a_small_window(qtbot, sign_it_context)
    on_to_the_next_sign_it_step(review)
    qtbot.wait(50)  # the layout settles
    assert window.height() == 520
    picture = review.video_label
    assert picture.height() >= 0.6 * review.height(), f"{picture.height()} of {review.height()} px"
    box = review.stack.currentWidget()
    assert box.verticalScrollBar().maximum() == 0
    assert_in_view(box, review.production_gloss, review.attempt_button, review.skip_button)
    review.worker = None
    window.close()


def wrong_choice(review):
    """A choice button of the question shown that is not its answer (the choices' order is random)."""
    question = review.model.question
    return next(
        button
        for button, option in zip(review.choice_buttons, question.options, strict=False)
        if option.id != question.sign_id
    )


def first_question_in_a_small_window(qtbot, recognition_context):
    """The main window at 1000 x 520, today's review started and its two new signs met: its first question
    on screen. Returns the window and its review page."""
    from desktop_app.ui.main_window import MainWindow

    window = MainWindow(recognition_context)
    qtbot.addWidget(window)
    window.resize(1000, 520)
    window.show()
    qtbot.waitExposed(window)
    page = window.home_page
    page.start_review()
    review = page.review_page
    for _ in range(2):  # meet the two new signs, by "Got it"
        review.intro_button.click()
    return window, review


def test_a_question_shows_its_heading_and_the_rating_hint_in_a_small_window(qtbot, recognition_context):
    """In a 1000x520 window "Which sign is this?" opened scrolled down, its heading cut at the top (the focus
    leaving the button hidden scrolled to the next); at the top, the rating hint was cut at the bottom."""
    window, review = first_question_in_a_small_window(qtbot, recognition_context)
    for _ in range(2):  # two questions: the second after the first was answered and "Next" pressed
        qtbot.wait(50)  # the layout settles
        assert review.session.current.kind is StepKind.RECOGNITION
        box = review.stack.currentWidget()
        assert_in_view(box, review.recognition_prompt, review.rating_hint, *review.choice_buttons)
        wrong_choice(review).click()  # a wrong answer brings the sign back: the questions go on
        review.recognition_next.click()
    window.resize(1000, 440)  # shorter still: a small laptop's
    qtbot.wait(50)
    for _ in range(2):
        assert review.session.current.kind is StepKind.RECOGNITION
        assert box.verticalScrollBar().value() == 0
        wrong_choice(review).click()  # a wrong answer brings the sign back: the questions go on
        review.recognition_next.setFocus()  # pressed by key: the focus on it, hidden by the next question
        qtbot.keyClick(review.recognition_next, Qt.Key.Key_Return)
        qtbot.wait(50)
    window.close()


def test_a_question_and_its_answer_fit_a_small_laptops_window(qtbot, recognition_context):
    """A walk-through at 1000 x 440: the question's figure was 107 px high, the step scrolled, and the
    answer's two lines scrolled "Which sign is this?" out of view. The four answers take one row where their
    names fit, the figure the height gained; the verdict has its own two lines (scrolled in its box where it
    needs more), so the step does not scroll as it comes: the heading, the figure, the answers, the verdict
    and Next all in view."""
    window, review = first_question_in_a_small_window(qtbot, recognition_context)
    window.resize(1000, 440)
    qtbot.wait(50)  # the layout settles
    box = review.stack.currentWidget()
    player, buttons = review.recognition_player, review.choice_buttons
    in_view = (review.recognition_prompt, player, *buttons)
    assert_in_view(box, *in_view, review.rating_hint)
    assert player.canvas.height() >= 140, "the figure no larger"
    assert len({button.y() for button in buttons}) == 1, "the answers not in one row"
    height = player.canvas.height()
    wrong_choice(review).click()
    qtbot.wait(50)
    assert box.verticalScrollBar().maximum() == 0, "the answer made the step scroll"
    assert_in_view(box, *in_view, review.answer_box, review.recognition_next)  # in the rating hint's place
    assert player.canvas.height() == height
    result = review.recognition_result
    result.setText(result.text() + " And more words," * 30)  # more than its lines: scrolled in its box
    qtbot.wait(50)
    assert box.verticalScrollBar().maximum() == 0 and player.canvas.height() == height
    window.close()


def test_answers_with_long_names_take_two_rows(qtbot, recognition_context):
    """A name too long for a quarter of the row keeps its half: in one row it would end in "…"."""
    window, review = first_question_in_a_small_window(qtbot, recognition_context)
    qtbot.wait(50)
    buttons = review.choice_buttons
    assert len({button.y() for button in buttons}) == 1
    buttons[0].setText("1.  Entschuldigung, ich habe mich verspätet (DGS)")
    review._place_answers()  # as a question with that name is shown
    qtbot.wait(50)
    assert len({button.y() for button in buttons}) == 2
    assert buttons[0].width() > window.width() // 3  # half the row
    window.close()


def test_an_answer_is_said_whole_in_a_small_window(qtbot, recognition_context):
    """In a 1000x520 window the answer's verdict ("Not quite: this is … Again: you'll be asked to recognise it
    again in a few minutes.") took two lines, the second cut at the bottom of the step, below the fold. The
    step scrolls to the answer: its words and Next whole in view."""
    window, review = first_question_in_a_small_window(qtbot, recognition_context)
    qtbot.wait(50)  # the layout settles
    box = review.stack.currentWidget()
    wrong_choice(review).click()
    result = review.recognition_result
    assert result.heightForWidth(result.width()) > result.fontMetrics().lineSpacing() + 4, (
        "a verdict of 2 lines"
    )
    qtbot.waitUntil(lambda: result.height() >= result.heightForWidth(result.width()))  # laid out
    qtbot.wait(50)
    assert_in_view(box, result, review.recognition_next)
    window.close()


def another_signs_clip_scored(context, target):
    """Another sign's first clip scored as an attempt at ``target``: of the other signs, the one whose clip
    scores lowest, a clear miss whatever the model's weights (with three signs of one or two clips, the
    first other sign's clip scored 69-71 as "Bier", at the line between a result that names the sign it
    looked like and one that praises)."""
    from desktop_app.core.judging.attempts import score_pose

    database = context.database
    others = [sign for sign in database.signs() if sign.id != target.sign_id]
    outcomes = [
        score_pose(context.encoder, target, database.clip_pose(database.clips(sign.id)[0].id), ended_at=0.0)
        for sign in others
    ]
    return min(outcomes, key=lambda outcome: outcome.score.score)


def signed_as_another_sign(review, context) -> None:
    """The "sign it" step on screen answered by another sign's clip, scored: a result with a correction."""
    review._on_outcome(another_signs_clip_scored(context, review.model.target))


# The longest correction a lesson gives (three lines in a 1000-px window): the least room for its pictures
BOTH_HANDS_CORRECTION = (
    "Both hands: this sign uses both hands, and you signed with your left hand only. Bring your right hand "
    "up too: all through the sign, hold it at belly height, below and to the side of your left hand, as in "
    "the reference."
)


@pytest.mark.parametrize("height", [440, 520])
def test_a_scored_attempt_opens_at_its_score_next_and_pictures_in_a_small_window(
    qtbot, sign_it_context, height
):
    """In a 1000x520 window the result opened on the replay and the correction's picture, its score, rating,
    correction and "Next (Enter)" below the fold. Then, those at the top, the two pictures the correction is
    about ("Reference at 0.6 s", "You at 0.6 s") were below the replay, and the fold: the learner scrolled to
    see them (also at a small laptop's 440). Beside the replay there, all of it is in view at once, the
    replay's figure, legend and Pause/Speed row whole and over nothing."""
    window, review = review_in_a_small_window(qtbot, sign_it_context, 1000, height)
    on_to_the_next_sign_it_step(review)
    signed_as_another_sign(review, sign_it_context)
    assert review.production_stack.currentIndex() == 1 and review.correction_label.text()
    picture, player = review.correction_picture, review.result_player
    assert not picture.isHidden() and not picture.reference.isHidden(), "a correction pictured"
    qtbot.waitUntil(review.production_next.isEnabled, timeout=5_000)
    for correction in (review.correction_label.text(), BOTH_HANDS_CORRECTION):
        review.correction_label.setText(correction)
        # The layout settles: the words' new height takes a few passes, fewer than 50 ms gave under load
        qtbot.waitUntil(lambda: player.height() >= player.minimumSizeHint().height(), timeout=2_000)
        assert_in_view(
            review.stack.currentWidget(),
            review.production_gloss,
            review.score_label,
            review.rating_label,
            review.correction_label,
            review.production_next,
            picture.reference,
            picture.attempt,
            player,
        )
        assert picture.reference.height() >= FEEDBACK_PICTURE_MIN_HEIGHT
        assert player.height() >= player.minimumSizeHint().height()  # its legend and buttons under its figure
        assert not player.geometry().intersects(picture.geometry())
        # its position bar long enough to drag (beside the pictures it was squeezed to ~25 px)
        assert player.position.width() >= RESULT_BAR_LEAST_WIDTH
        assert picture.attempt.width() >= FEEDBACK_PICTURE_MIN_HEIGHT
    review.worker = None
    window.close()


def test_a_scored_attempt_in_a_large_window_gives_its_replays_figure_the_room(qtbot, sign_it_context):
    """A walk-through: at 1400x900 the replay above the pictures was a ~1230 x 225 strip, its figure
    ~120 px high in its middle. Beside the pictures, the replay's figure and theirs are drawn larger."""
    window, review = review_in_a_small_window(qtbot, sign_it_context, 1400, 900)
    on_to_the_next_sign_it_step(review)
    signed_as_another_sign(review, sign_it_context)
    qtbot.wait(50)  # the layout settles
    replay, picture = review.result_player.canvas, review.correction_picture.reference
    assert review.replay_and_picture.beside
    assert review.result_player.geometry().right() < review.correction_picture.geometry().left()
    beside = replay.drawn_scale(), picture.drawn_scale()
    review.replay_and_picture._place(False)  # as it was: above
    qtbot.wait(50)
    above = replay.drawn_scale(), picture.drawn_scale()
    assert beside[0] > 1.25 * above[0] and beside[1] > above[1], (beside, above)
    review.worker = None
    window.close()


def test_tab_goes_through_each_step_as_it_reads(qtbot, sign_it_context):
    """A walk-through: on a result Tab began at the replay's player at the bottom, then the page tab,
    Stop for now, and Compare; a new sign's "Got it" and a question's Next came after the player under
    them. Each step now top to bottom."""
    window, review = review_in_a_small_window(qtbot, sign_it_context, 1400, 900)
    shown_in_front(qtbot, window)
    introduce = review.session.current
    assert introduce.kind is StepKind.INTRODUCE
    stops = tab_stops(qtbot, review.stop_button)
    page_tabs = window.tabs.tabBar()  # then round to the window's page tabs, and Stop for now after them
    assert stops == [review.stop_button, review.intro_button, *review.intro_player.controls, page_tabs]
    assert top_down(stops[:-1], review)
    while review.session.current.kind is StepKind.INTRODUCE:
        review.intro_button.click()
    assert review.session.current.kind is StepKind.RECOGNITION
    review.choice_buttons[0].click()  # answered: Next beside the question, over the player and the answers
    qtbot.waitUntil(review.recognition_next.isVisible)
    stops = tab_stops(qtbot, review.stop_button)
    player, answers = review.recognition_player.controls, [b for b in review.choice_buttons if b.isEnabled()]
    assert stops == [review.stop_button, review.recognition_next, *player, *answers, page_tabs]
    assert top_down(stops[:-1], review)
    on_to_the_next_sign_it_step(review)
    signed_as_another_sign(review, sign_it_context)
    qtbot.waitUntil(review.production_next.isEnabled, timeout=5_000)
    assert review.compare_button.isVisible()
    stops = tab_stops(qtbot, review.stop_button)
    result = [review.stop_button, review.compare_button, review.production_next]
    assert stops == [*result, *review.result_player.controls, page_tabs]
    assert top_down(stops[:-1], review)
    review.worker = None
    window.close()


def test_the_question_picture_keeps_its_size_once_answered(qtbot, recognition_context):
    """The answer's row (its verdict and Next) appearing took ~21 px from the picture at once."""
    window, review = review_in_a_small_window(qtbot, recognition_context, 1400, 900)  # the walk-through's
    for _ in range(2):  # meet the two new signs
        review.intro_button.click()
    qtbot.wait(50)  # the layout settles
    before = review.recognition_player.height()
    review.choice_buttons[0].click()
    assert review.recognition_next.isVisible()
    qtbot.wait(50)
    assert review.recognition_player.height() == before
    review.worker = None
    window.close()


def test_a_two_handed_sign_signed_with_one_hand_is_rated_with_the_hand_left_out_as_its_correction(
    qtbot, tmp_path
):
    """The lesson's "sign it" step of "coffee" (ASL, both hands) signed with the right hand only, the body
    and that hand well seen: it was "Not scored. Your left hand was not seen…" again and again, Skip the
    only way on. Now it is rated and saved as any attempt, its score at most half, its one correction the
    hand left out, pictured at a moment the reference shows it."""
    from desktop_app.core.judging.attempts import score_pose
    from desktop_app.core.judging.feedback import ONE_HAND_OF_TWO_SCORE

    clips = load_traduttore(TEST_DATA / "traduttore" / "traduttore_sample.npz")
    database = SignDatabase(tmp_path / "signs.db")
    import_clips(database, [clip for clip in clips if clip.gloss == "coffee"], language="ASL")
    encoder = Encoder()
    embed_missing(database, encoder)
    context = AppContext(Settings(auto_start=True), database, encoder, tmp_path / "settings.json")
    review = review_on_a_sign_it_step(qtbot, context)
    step = review.session.current
    one_handed = next(clip.pose for clip in clips if clip.gloss == "no")  # the left hand down, out of view
    review._on_outcome(score_pose(encoder, review.model.target, one_handed, ended_at=0.0))

    assert review.production_stack.currentIndex() == 1  # the score, rating and correction
    assert review.correction_label.text().startswith("Both hands: this sign uses both hands")
    (saved,) = shared_learning_path(database).store.reviews()
    assert saved.kind is ExerciseKind.PRODUCTION and saved.sign_id == step.sign_id
    assert saved.score <= ONE_HAND_OF_TWO_SCORE and saved.rating == production_rating(saved.score)
    assert [attempt.score for attempt in database.attempts(step.sign_id)] == [pytest.approx(saved.score)]
    picture = review.correction_picture
    assert not picture.isHidden() and not picture.reference.isHidden() and picture.unseen.isHidden()
    assert picture.reference.highlight_hand == picture.attempt.highlight_hand == "left"
    # the replay's close-up on that hand too: it showed the hand signed with, away from the correction
    assert review.result_player.canvas.closeup_hand == "left"
    review.worker = None
    context.close()


@pytest.mark.parametrize("leaving", ["the window closes", "Stop for now"])
def test_an_attempt_still_being_scored_as_the_session_is_left_answers_its_step_and_is_saved(
    qtbot, sign_it_context, leaving
):
    """Leaving a "sign it" step while its attempt was scored: the session was left first and the result,
    coming afterwards through the event loop, answered no step and was never saved, though the learner had
    signed it (closing the window: the event loop ended; "Stop for now": it was dropped without a word)."""
    import threading

    from PySide6.QtCore import QCoreApplication

    from desktop_app.core.judging.attempts import score_pose
    from tests.desktop_app.ui.stand_in_pipeline import PipelineStandIn

    review = review_on_a_sign_it_step(qtbot, sign_it_context)
    home = review.parentWidget().parentWidget()
    target, step = review.model.target, review.session.current
    outcome = score_pose(sign_it_context.encoder, target, target.references[min(target.references)], 0.0)
    worker = PipelineStandIn(None)
    review.connect_worker(worker)
    review.worker = worker

    def scored_as_the_thread_ends():  # as PipelineWorker.stop: its scoring thread emits, then it ends
        scoring = threading.Thread(target=worker.attempt_scored.emit, args=(outcome,))
        scoring.start()
        scoring.join()

    worker.stop = scored_as_the_thread_ends
    if leaving == "the window closes":
        home.shutdown()
    else:
        qtbot.mouseClick(review.stop_button, Qt.MouseButton.LeftButton)
        QCoreApplication.processEvents()  # the event loop goes on: the result came this way, too late
        assert home.stack.currentIndex() == 0  # home, as the learner asked
    assert [a.score for a in sign_it_context.database.attempts(step.sign_id)] == [outcome.score.score]
    reviews = shared_learning_path(sign_it_context.database).store.reviews()
    assert [(r.sign_id, r.kind) for r in reviews if r.kind is ExerciseKind.PRODUCTION] == [
        (step.sign_id, ExerciseKind.PRODUCTION)
    ]


def test_the_result_says_the_scores_scale_its_rules_and_the_moment_its_stills_show(qtbot, sign_it_context):
    """A big red "21" said nothing of out of what; and the correction's two pictures were stills beside the
    playing replay with nothing saying so."""
    from desktop_app.core.judging.attempts import score_pose
    from desktop_app.ui.review_page import ATTEMPTS_RATING_RULES, SCORE_SCALE

    review = review_on_a_sign_it_step(qtbot, sign_it_context)
    review.window().show()
    qtbot.waitExposed(review)
    target = review.model.target
    other = next(sign for sign in sign_it_context.database.signs() if sign.id != target.sign_id)
    attempt = sign_it_context.database.clip_pose(sign_it_context.database.clips(other.id)[0].id)
    outcome = score_pose(sign_it_context.encoder, target, attempt, ended_at=0.0)
    review._on_outcome(outcome)
    assert review.score_scale.isVisible() and review.score_scale.text() == SCORE_SCALE == "out of 100"
    assert (
        review.score_scale.toolTip() == ATTEMPTS_RATING_RULES
    )  # what it takes to be good, under the pointer
    picture, moment = review.correction_picture, outcome.feedback.moment()
    at = f" at {moment.replay_s:.1f} s"  # one moment, as the replay's clock reads it
    labels = [canvas.tracks[0].label for canvas in (picture.reference, picture.attempt)]
    assert picture.isVisible() and labels == ["Reference" + at, "You" + at]
    review.worker = None


@pytest.mark.parametrize("size", [(1000, 520), (1400, 900)])
def test_a_result_that_looked_like_another_sign_plays_that_signs_clip_and_back_as_practice_does(
    qtbot, sign_it_context, size
):
    """The rating said "Your sign looked more like X" with no way to see X but leaving the lesson (Practice
    has "Compare with “X”"). Under the replay, the same button plays X's clip in its place under Practice's
    caption, marked and said when kept despite the clip check's warning; in the same place, one click back
    to the sign's own reference (the replay over it), marked too when it was kept so; and Practice's key."""
    from PySide6.QtGui import QKeySequence

    from desktop_app.core.judging.practice import LOOK_ALIKE_CAPTION, PLAYED_KEPT_DESPITE, REFERENCE_CAPTION
    from desktop_app.ui.reference_played import BACK_TO_THE_ATTEMPT
    from desktop_app.ui.shortcuts import COMPARE_IN_A_LESSON

    window, review = review_in_a_small_window(qtbot, sign_it_context, *size)
    on_to_the_next_sign_it_step(review)
    target, database = review.model.target, sign_it_context.database
    outcome = another_signs_clip_scored(sign_it_context, target)
    look_alike = outcome.feedback.look_alike
    assert look_alike is not None and look_alike.reference is not None
    database.set_kept_despite(look_alike.clip_id, "Your right hand was lower than in the reference.")
    review._on_outcome(outcome)
    qtbot.wait(50)  # the layout settles
    button, player, note = review.compare_button, review.result_player, review.played_note
    assert button.isVisible() and look_alike.name in button.text() and look_alike.name in button.toolTip()
    assert_in_view(review.stack.currentWidget(), button, player.canvas)
    assert [track.label for track in player._tracks] == [REFERENCE_CAPTION, "You"]
    assert not note.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert [track.label for track in player._tracks] == [
        f"⚠ {LOOK_ALIKE_CAPTION.format(name=look_alike.name)}"
    ]
    assert note.isVisible() and note.text() == PLAYED_KEPT_DESPITE
    # Whole, on its lines, beside the pictures too, where it was one line ending in "…" (the rest only in
    # its tooltip); the replay and the button still in view
    qtbot.wait(50)  # the layout settles
    assert note.toolTip() == "" and note.shown_text() == PLAYED_KEPT_DESPITE
    assert note.height() >= note.heightForWidth(note.width())
    assert_in_view(review.stack.currentWidget(), button, player.canvas, note)
    assert button.text() == BACK_TO_THE_ATTEMPT
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # one click back
    assert [track.label for track in player._tracks] == [REFERENCE_CAPTION, "You"]
    assert not note.isVisible() and look_alike.name in button.text()
    keys = QKeySequence(COMPARE_IN_A_LESSON.keys[0])[0]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(review, keys.key(), keys.keyboardModifiers())
    assert player._tracks[0].label.endswith(LOOK_ALIKE_CAPTION.format(name=look_alike.name))
    qtbot.keyClick(review, keys.key(), keys.keyboardModifiers())  # and back, as the button
    assert [track.label for track in player._tracks] == [REFERENCE_CAPTION, "You"]

    database.set_kept_despite(outcome.reference_clip_id, "Your left hand was higher than in the reference.")
    review._show_result_pictures(outcome)  # shown again, as a setting changed would
    assert [track.label for track in player._tracks] == [f"⚠ {REFERENCE_CAPTION}", "You"]
    assert note.isVisible() and note.text() == PLAYED_KEPT_DESPITE
    review.worker = None
    window.close()


@pytest.mark.parametrize("size", [(1000, 460), (1000, 520), (1400, 900)])
def test_the_questions_figure_takes_the_room_below_it_and_its_answer_comes_beside_the_question(
    qtbot, recognition_context, size
):
    """In a 1000 x 520 screen's window "Which sign is this?" drew its figure ~125 px tall (in a 1000 x 460
    window; 225 in 1000 x 520) above ~55 px of nothing: the room of the answer's row, kept blank below the
    answers while the question played. The answer comes in the rating hint's place beside the question, Next
    beside it; the figure has that room, the answers at the step's foot, and keeps its size once answered."""
    window, review = first_question_in_a_small_window(qtbot, recognition_context)
    window.resize(*size)
    qtbot.wait(50)  # the layout settles
    box, player, buttons = review.stack.currentWidget(), review.recognition_player, review.choice_buttons
    assert box.verticalScrollBar().maximum() == 0
    foot = box.viewport().height() - max(
        button.mapTo(box.viewport(), button.rect().bottomLeft()).y() for button in buttons
    )
    assert foot <= 8, f"{foot} px left blank under the answers"
    height = player.canvas.height()
    assert height >= 0.38 * window.height(), f"a figure {height} px high"
    wrong_choice(review).click()
    qtbot.wait(50)
    assert review.recognition_result.isVisible() and review.recognition_next.isVisible()
    assert not review.rating_hint.isVisible()  # the answer in its place
    assert_in_view(box, review.recognition_prompt, review.answer_box, review.recognition_next)
    assert player.canvas.height() == height and box.verticalScrollBar().maximum() == 0
    review.recognition_next.click()  # the next question: the hint again
    assert review.rating_hint.isVisible() and not review.recognition_next.isVisible()
    window.close()


@pytest.mark.parametrize("height", [460, 520])
def test_a_sign_it_steps_prompt_and_tracking_line_leave_the_picture_the_height(
    qtbot, sign_it_context, height
):
    """A walk-through at 1000 x 520 (the window 460 px high in that screen): the learner's own picture was
    226 px high, over a 954 px wide band, under the prompt on a line of its own and over the tracking line on
    another. The prompt follows the sign's name on its line, the tracking line is over the rating rules
    between Start and Skip: the picture has the two lines' height."""
    window, review = review_in_a_small_window(qtbot, sign_it_context, height=height)
    on_to_the_next_sign_it_step(review)
    qtbot.wait(50)  # the layout settles
    picture, prompt, gloss = review.video_label, review.camera_prompt, review.production_gloss
    tracking, start = review.tracking_status.label, review.attempt_button

    def top(widget) -> int:
        return widget.mapTo(window, widget.rect().topLeft()).y()

    assert top(prompt) < top(gloss) + gloss.height() and top(prompt) + prompt.height() > top(gloss)
    assert top(tracking) < top(start) + start.height(), "the tracking line under the buttons' row"
    assert picture.height() >= 0.62 * review.height(), f"{picture.height()} of {review.height()} px"
    assert_in_view(review.stack.currentWidget(), gloss, prompt, picture, tracking, start, review.skip_button)
    signed_as_another_sign(review, sign_it_context)  # the result: "Compare with" in the prompt's place
    qtbot.wait(50)
    compare = review.compare_button
    assert compare.isVisible() and not prompt.isVisible()
    assert compare.width() <= compare.sizeHint().width(), "the button stretched over the line"
    assert top(compare) < top(gloss) + gloss.height() and compare.x() > gloss.x() + gloss.width()
    review.worker = None
    window.close()


@pytest.mark.parametrize("height", [460, 520])
def test_a_new_signs_figure_has_the_height_its_name_and_words_left(qtbot, recognition_context, height):
    """A walk-through at 1000 x 520 (the window 460 px high in that screen): a new sign's figure was 169 px
    high and its hand close-up 101 px, under "A new sign", the name and "Got it" each on a line of their own
    (and an empty note's). The name, the words and the button share a line over the figure."""
    window, review = review_in_a_small_window(qtbot, recognition_context, height=height)
    qtbot.wait(50)  # the layout settles
    assert review.session.current.kind is StepKind.INTRODUCE
    gloss, words, button = review.intro_gloss, review.intro_heading, review.intro_button
    canvas = review.intro_player.canvas

    def top(widget) -> int:
        return widget.mapTo(window, widget.rect().topLeft()).y()

    for beside in (words, button):
        assert top(beside) < top(gloss) + gloss.height() and top(beside) + beside.height() > top(gloss)
    assert canvas.height() >= 0.55 * review.height(), f"{canvas.height()} of {review.height()} px"
    assert_in_view(review.stack.currentWidget(), gloss, words, button, review.intro_player)
    window.close()


def test_stop_skip_and_show_me_have_keys_of_their_own_listed_with_the_apps_shortcuts(qtbot, sign_it_context):
    """By keyboard alone "Stop for now" took 7 Tabs, "Skip this one" and "Show me the sign" had no
    key, and Esc did nothing. Their keys are Practice's (Esc cancels an attempt under way, Alt+S shows the
    sign) and Alt+K skips; each button's tooltip names its key and Help → Keyboard shortcuts lists them."""
    import html

    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QMenuBar

    from desktop_app.core.signing.session import SegmentEvent
    from desktop_app.ui.shortcuts import SHOW_ME_THE_SIGN, SKIP_THIS_ONE, STOP_FOR_NOW, shortcuts_html

    page = HomePage(sign_it_context)
    qtbot.addWidget(page)
    page.start_review()
    review = page.review_page
    review.start_camera = lambda: None  # no camera in the test: the stand-in takes its place
    review.worker = CameraWorkerStandIn()
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)

    def press(shortcut) -> None:
        keys = QKeySequence(shortcut.keys[0])[0]
        qtbot.keyClick(QApplication.focusWidget() or review, keys.key(), keys.keyboardModifiers())

    for shortcut, button in (
        (STOP_FOR_NOW, review.stop_button),
        (SKIP_THIS_ONE, review.skip_button),
        (SHOW_ME_THE_SIGN, review.show_me_button),
    ):
        assert f"({shortcut.key_names()})" in button.toolTip()
        listed = shortcuts_html(QMenuBar())
        assert html.escape(shortcut.key_names()) in listed and html.escape(shortcut.does) in listed
    on_to_the_next_sign_it_step(review)
    with qtbot.waitSignal(review.answered) as answered:
        press(SHOW_ME_THE_SIGN)
    assert answered.args == [Rating.Again] and review.stack.currentIndex() == 0
    qtbot.keyClick(review, Qt.Key.Key_Return)
    on_to_the_next_sign_it_step(review)
    review._on_segment_event(SegmentEvent("started", message="Recording: lower your hands to finish."))
    review.worker.told.clear()
    press(STOP_FOR_NOW)  # first the attempt under way
    assert review.worker.told == ["cancel"] and review.isVisible() and review.stack.currentIndex() == 2
    review._on_segment_event(SegmentEvent("discarded", message="Attempt cancelled."))
    step = review.session.current
    press(SKIP_THIS_ONE)
    assert review.notice.text().startswith("Skipped") and step not in review.session.saved.steps
    with qtbot.waitSignal(review.stopped):
        press(STOP_FOR_NOW)  # then the session, saved
    assert not review.isVisible()
    review.worker = None
