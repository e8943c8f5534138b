"""Screenshots of the real app for the README, driven like a learner would use it.

    xvfb-run -a python tools/take_screenshots.py [--out assets/screenshots] [--camera VIDEO]

The app runs on a COPY of the shipped sign database (nothing of the learner's is touched, and the shipped
file stays as it is) with the shipped model, the signing video as the camera (a selfie recording), default
settings in a temporary folder except left-handed mode (the signer in the video signs with her left hand)
and attempts started by the hands coming up (the video cannot press Space).
Before the app opens, the copy is given the past days of a simulated learner (tools/simulate_learner.py:
the app's own review sessions on a manual clock, answered as FSRS predicts, today's left half-way), so Home
and Progress have something to show; those days follow the time of day the tool runs, so they differ from
run to run. Then, today: Home; today's review continued from Home, its first "Which sign is this?" question
(answered right) and its first "sign it from memory" step signed by the video (the others skipped);
"hallo" (DGS) practised a few times, one attempt replayed, "thank-you" (ASL) practised; the library, search
by signing, the sign map, the progress page, the import dialogs, and a camera that does not exist. Each
screen is saved as PNG.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run from anywhere: this checkout's packages

PAST_DAYS = 9  # of simulated learning before today: a week's curve and calendar on the progress page
LEARNER_SEED = 7
HALLO_ATTEMPTS = 4  # practice attempts at "hallo", so its score history is more than one dot
MISSING_CAMERA = 9  # a camera index no machine taking screenshots has
SIGN_IT_SECONDS = 60  # for a rated attempt at a "sign it" step (the looping video signs about every 3 s)


def wait_until(app, condition: Callable[[], bool], seconds: float, what: str) -> None:
    if not came_true(app, condition, seconds):
        raise SystemExit(f"gave up waiting for {what}")


def came_true(app, condition: Callable[[], bool], seconds: float) -> bool:
    """Whether ``condition`` came true within ``seconds``, the event loop running meanwhile."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        app.processEvents()
        time.sleep(0.02)
    return True


def settle(app, seconds: float) -> None:
    """Let the event loop run (players animate, the camera delivers frames)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def save(widget, out: Path, name: str) -> None:
    widget.grab().save(str(out / f"{name}.png"))


def show_tab(app, window, title: str):
    page = window.home_page if title == "Home" else window.pages[title]
    window.tabs.setCurrentWidget(page)
    settle(app, 1.0)
    return page


def sign_id_of(context, gloss: str) -> int:
    matches = [sign.id for sign in context.database.signs() if sign.gloss == gloss]
    if not matches:
        raise SystemExit(f"no sign {gloss!r} in the database")
    return matches[0]


def select_sign(page, gloss: str) -> None:
    """Choose the sign ``gloss`` in the practice page's list (its rows hold their sign's id)."""
    from PySide6.QtCore import Qt

    sign_id = sign_id_of(page.context, gloss)
    for row in range(page.sign_list.count()):
        if page.sign_list.item(row).data(Qt.ItemDataRole.UserRole) == sign_id:
            page.sign_list.setCurrentRow(row)
            return
    raise SystemExit(f"no sign {gloss!r} in the practice list")


def practise(app, window, gloss: str, out: Path, name: str, attempts: int = 1):
    """Choose ``gloss``, wait for ``attempts`` scored attempts from the camera video, save the screen after
    the last; returns that attempt's outcome."""
    page = window.practice_page
    page.auto_box.setChecked(True)
    select_sign(page, gloss)
    wait_until(app, lambda: page.target is not None, 180, f"the references of {gloss}")
    shown = []

    def on_shown(outcome) -> None:
        if outcome.score is not None:
            shown.append(outcome)
        if len(shown) == attempts:
            # The looping video raises its hands again at once, and a new attempt clears the result:
            # stop starting attempts, as a learner who stops to read the correction.
            page.auto_box.setChecked(False)

    page.attempt_shown.connect(on_shown)
    wait_until(app, lambda: len(shown) >= attempts, 60 + 60 * attempts, f"scored attempts at {gloss}")
    page.attempt_shown.disconnect(on_shown)
    settle(app, 1.0)
    save(window, out, name)
    return shown[-1]


def home(app, window, out: Path) -> None:
    """Today's numbers, the session left half-way, the lessons with their progress."""
    show_tab(app, window, "Home")
    save(window, out, "home")


def review_session(app, window, out: Path) -> None:
    """Continue today's review from Home and answer it as a learner: meet new signs, name the right sign
    (the first question is saved), sign the first "sign it" step with the video (its result is saved),
    skip signing any others (the video signs one sign only); then stop for now."""
    from desktop_app.core.learning.store import StepKind

    page = show_tab(app, window, "Home")
    page.continue_button.click()
    review = page.review_page
    recognition_saved = production_saved = False
    while not (recognition_saved and production_saved):
        step = review.session.current if review.session is not None else None
        if step is None:
            raise SystemExit("today's review ended before a question and a 'sign it' step")
        settle(app, 0.5)
        if step.kind is StepKind.INTRODUCE:
            review.intro_button.click()
        elif step.kind is StepKind.RECOGNITION:
            if not recognition_saved:
                which_sign(app, window, out)
                recognition_saved = True
            question = review.question
            right = next(i for i, sign in enumerate(question.options) if question.is_right(sign.id))
            review.choice_buttons[right].click()
            review.recognition_next.click()
        elif production_saved or not sign_from_memory(app, window, out):
            review.skip_button.click()
        else:
            production_saved = True
            review.production_next.click()
    review.stop_button.click()


def which_sign(app, window, out: Path) -> None:
    """The session's "Which sign is this?" question on screen, saved mid-clip (the sign under way, not
    its end)."""
    review = window.home_page.review_page
    player = review.recognition_player
    middle = len(window.context.database.clip_pose(review.question.clip_id)) // 2
    wait_until(app, lambda: player.frame >= middle, 10, "the question's clip to play")
    save(window, out, "recognition")


def sign_from_memory(app, window, out: Path) -> bool:
    """The session's "sign it" step on screen: the video signs, the result is saved. False when no
    attempt was rated in time (an attempt not judged, e.g. a hand the tracking lost): the step is then
    skipped. A two-handed sign's step is rated too: the video signs with one hand, told "Both hands"."""
    review = window.home_page.review_page
    answered = []
    review.answered.connect(answered.append)
    if not came_true(app, lambda: bool(answered), SIGN_IT_SECONDS):
        review.answered.disconnect(answered.append)
        return False
    settle(app, 1.5)  # the attempt beside the reference, playing
    save(window, out, "production_result")
    return True


def practice(app, window, out: Path):
    """A DGS sign practised a few times (its result, its correction, a replay) and an ASL sign; returns the
    ASL attempt's outcome."""
    show_tab(app, window, "Practice")
    practise(app, window, "hallo", out, "practice", HALLO_ATTEMPTS)  # DGS: the head-and-shoulders guide
    page = window.practice_page
    save(page.feedback_picture.parentWidget(), out, "feedback")
    page.replay_button.click()
    settle(app, 1.2)
    save(window, out, "practice_replay")
    return practise(app, window, "thank-you", out, "practice_asl")


def library(app, window, out: Path) -> None:
    page = show_tab(app, window, "Library")
    page.search.setText("hallo")
    settle(app, 0.3)
    page.sign_table.selectRow(0)
    settle(app, 1.0)
    save(window, out, "library")


def search(app, window, attempt, out: Path) -> None:
    """The signs most like an attempt (as if signed on the search page)."""
    from desktop_app.core.judging.search import SearchQuery

    page = show_tab(app, window, "Search by signing")
    page.search(SearchQuery.signed(attempt))
    settle(app, 1.0)
    save(window, out, "search")


def sign_map(app, window, out: Path) -> None:
    page = show_tab(app, window, "Sign map")
    page.find_box.setText("hallo")
    page.choose_row(page.glosses.index("hallo"))
    settle(app, 1.0)
    save(window, out, "embedding_map")


def progress(app, window, gloss: str, out: Path) -> None:
    """The learning path's panel alone, then the whole page with ``gloss``'s scores."""
    page = show_tab(app, window, "Progress")
    save(page.learning_panel, out, "learning_progress")
    sign_id = sign_id_of(window.context, gloss)
    page.reload(keep=sign_id)  # its row, wherever the group heading puts it
    settle(app, 0.5)
    save(window, out, "progress")


def long_lesson(database):
    """A recording of six ASL signs with pauses between them, from the database's own clips."""
    import numpy as np

    from signcore.layout import LEFT_HAND, RIGHT_HAND, PoseSequence

    clips = []
    for sign in database.signs(language="ASL")[:6]:
        clips.append(database.clip_pose(database.clips(sign.id)[0].id))
    pause_mask = np.repeat(clips[0].mask[:1], 36, axis=0)
    pause_mask[:, LEFT_HAND] = pause_mask[:, RIGHT_HAND] = False
    pause = PoseSequence(np.repeat(clips[0].points[:1], 36, axis=0), pause_mask, np.arange(36) / 30.0)
    parts = [pause]
    for clip in clips:
        parts += [clip, pause]
    points = np.concatenate([p.points for p in parts])
    mask = np.concatenate([p.mask for p in parts])
    return PoseSequence(points, mask, np.arange(len(points)) / 30.0, clips[0].width, clips[0].height)


def import_dialogs(app, window, video: Path, out: Path) -> None:
    """Importing a video (is it a selfie recording?), and reviewing the clips cut from a long recording."""
    from desktop_app.core.importing.imports import VIDEOS, ImportRequest, PendingClip
    from desktop_app.core.signing.video_clips import split_at_pauses
    from desktop_app.ui.import_dialog import ClipReviewDialog, ImportDialog

    context = window.context
    dialog = ImportDialog(context, window)
    next(b for b in dialog.kind_buttons.buttons() if b.property("kind") == VIDEOS).setChecked(True)
    dialog.set_paths([str(video)])
    wait_until(app, lambda: dialog.checking is None, 30, "the video chosen to be checked")
    dialog.show()
    settle(app, 0.5)
    save(dialog, out, "import_dialog")
    dialog.close()
    request = ImportRequest(VIDEOS, ["lesson.mp4"], gloss="lesson")
    pieces = [
        PendingClip("lesson", clip, "lesson.mp4")
        for clip in split_at_pauses(long_lesson(context.database), "lesson.mp4")
    ]
    review = ClipReviewDialog(context, pieces, request, window)
    review.clip_list.setCurrentRow(1)
    review.show()
    settle(app, 1.0)
    save(review, out, "import_review")
    review.close()


def no_camera(app, window, out: Path) -> None:
    """The practice page when the camera chosen is not there (last: the video camera is gone after it), on
    a sign chosen afterwards, so no attempt's result from the video is left on screen."""
    page = show_tab(app, window, "Practice")
    window.context.use_camera(MISSING_CAMERA, False)
    wait_until(app, lambda: page.camera_stack.currentIndex() == 1, 60, "the missing camera to be noticed")
    select_sign(page, "hallo")
    settle(app, 1.0)
    save(window, out, "no_camera")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "assets" / "screenshots")
    parser.add_argument("--camera", type=Path, default=REPO / "tests" / "data" / "pose_format_test_video.mp4")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="screenshots-"))
    os.environ["SIGNPRACTICE_DATA_DIR"] = str(work / "userdata")
    database_copy = work / "signs.db"
    shutil.copy(REPO / "assets" / "default_signs.db", database_copy)

    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QApplication
    from simulate_learner import simulate  # tools/, next to this script

    from desktop_app.core.app.context import AppContext
    from desktop_app.core.app.models_switch import load_encoder
    from desktop_app.core.shared.settings import Settings
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.panes import shows_the_keyboard_everywhere
    from signcore.database import SignDatabase
    from signcore.paths import APP_NAME

    with SignDatabase(database_copy) as database:
        simulate(database, PAST_DAYS, random.Random(LEARNER_SEED))

    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    shows_the_keyboard_everywhere()  # as the app does
    settings = Settings(left_handed=True, auto_start=True)
    context = AppContext(settings, SignDatabase(database_copy), load_encoder(None), work / "settings.json")
    context.use_camera(str(args.camera), True)
    window = MainWindow(context)
    # On a smaller screen (xvfb-run -s "-screen 0 1000x520x24"), the window as large as the screen, as the
    # app opens there: the small window's screens
    window.resize(QSize(1400, 860).boundedTo(window.screen().availableGeometry().size()))
    window.show()
    settle(app, 2.0)

    home(app, window, args.out)  # first: what the learner sees on opening the app
    review_session(app, window, args.out)
    attempt = practice(app, window, args.out)
    library(app, window, args.out)
    search(app, window, attempt.pose, args.out)
    sign_map(app, window, args.out)
    progress(app, window, "hallo", args.out)
    import_dialogs(app, window, args.camera, args.out)
    no_camera(app, window, args.out)

    window.close()
    context.close()
    shutil.rmtree(work, ignore_errors=True)
    print(f"screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
