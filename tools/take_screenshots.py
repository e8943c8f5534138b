"""Screenshots of the real app for the README, driven like a learner would use it.

    xvfb-run -a python tools/take_screenshots.py [--out assets/screenshots] [--camera VIDEO]

The app runs on a COPY of the shipped sign database (nothing of the learner's is touched, and the shipped
file stays as it is) with the shipped model, the signing video as the camera (a selfie recording), default
settings in a temporary folder except left-handed mode: the signer in the video signs with her left hand.
It practises a DGS and an ASL sign with real attempts from the video, replays one, and visits the library,
search, the embedding map and the import dialogs; each screen is saved as PNG.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run from anywhere: this checkout's packages


def wait_until(app, condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"gave up waiting for {what}")
        app.processEvents()
        time.sleep(0.02)


def settle(app, seconds: float) -> None:
    """Let the event loop run (players animate, the camera delivers frames)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def select_sign(page, gloss: str) -> None:
    for row in range(page.sign_list.count()):
        if page.sign_list.item(row).text().split("  ·  ")[0] == gloss:
            page.sign_list.setCurrentRow(row)
            return
    raise SystemExit(f"no sign {gloss!r} in the database")


def practise(app, window, gloss: str, out: Path, name: str):
    """Choose ``gloss``, wait for the next scored attempt from the camera video, save the screen."""
    page = window.practice_page
    select_sign(page, gloss)
    wait_until(app, lambda: page.target is not None, 180, f"the references of {gloss}")
    shown = []
    page.attempt_shown.connect(lambda outcome: outcome.score is not None and shown.append(outcome))
    wait_until(app, lambda: bool(shown), 180, f"a scored attempt at {gloss}")
    settle(app, 1.0)
    window.grab().save(str(out / f"{name}.png"))
    return shown[0]


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

    from PySide6.QtWidgets import QApplication

    from desktop_app.core.context import AppContext
    from desktop_app.core.imports import VIDEOS, ImportRequest, PendingClip
    from desktop_app.core.models_switch import load_encoder
    from desktop_app.core.settings import Settings
    from desktop_app.core.video_clips import split_at_pauses
    from desktop_app.ui.import_dialog import ClipReviewDialog, ImportDialog
    from desktop_app.ui.main_window import MainWindow
    from signcore.database import SignDatabase

    app = QApplication(sys.argv[:1])
    app.setApplicationName("Sign Practice")
    settings = Settings(left_handed=True)
    context = AppContext(settings, SignDatabase(database_copy), load_encoder(None), work / "settings.json")
    context.use_camera(str(args.camera), True)
    window = MainWindow(context)
    window.resize(1400, 860)
    window.show()
    window.tabs.setCurrentWidget(window.practice_page)  # the window opens on the home screen
    settle(app, 2.0)

    practise(app, window, "hallo", args.out, "practice")  # DGS: the head-and-shoulders guide
    page = window.practice_page
    page.feedback_picture.parentWidget().grab().save(str(args.out / "feedback.png"))
    page.replay_button.click()
    settle(app, 1.2)
    window.grab().save(str(args.out / "practice_replay.png"))
    outcome = practise(app, window, "thank-you", args.out, "practice_asl")

    window.tabs.setCurrentWidget(window.pages["Library"])
    library = window.pages["Library"]
    library.search.setText("hallo")
    settle(app, 0.3)
    library.sign_table.selectRow(0)
    settle(app, 1.0)
    window.grab().save(str(args.out / "library.png"))

    window.tabs.setCurrentWidget(window.pages["Search by signing"])
    search = window.pages["Search by signing"]
    search.search(outcome.pose)
    settle(app, 1.0)
    window.grab().save(str(args.out / "search.png"))

    window.tabs.setCurrentWidget(window.pages["Sign map"])
    embedding_map = window.pages["Sign map"]
    settle(app, 1.0)
    embedding_map.find_box.setText("hallo")
    embedding_map.choose_row(embedding_map.glosses.index("hallo"))
    settle(app, 1.0)
    window.grab().save(str(args.out / "embedding_map.png"))

    dialog = ImportDialog(context, window)
    next(b for b in dialog.kind_buttons.buttons() if b.property("kind") == VIDEOS).setChecked(True)
    dialog.set_paths([str(args.camera)])
    dialog.show()
    settle(app, 0.5)
    dialog.grab().save(str(args.out / "import_dialog.png"))
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
    review.grab().save(str(args.out / "import_review.png"))
    review.close()

    window.close()
    context.close()
    shutil.rmtree(work, ignore_errors=True)
    print(f"screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
