from dataclasses import replace
from types import SimpleNamespace

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication

from desktop_app.core.app import models_switch
from desktop_app.core.app.context import AppContext
from desktop_app.core.collection.projection import NOTHING_CHOSEN
from desktop_app.core.judging.search import SearchQuery
from desktop_app.core.shared.settings import Settings
from desktop_app.core.signing.view import reference_clip
from desktop_app.ui.embedding_map import EmbeddingMapPage
from signcore.database import SignDatabase
from signcore.encoder import Encoder
from signcore.ingest import import_sign_folder, import_spoter_csv
from signcore.layout import LEFT_HAND, RIGHT_HAND
from signcore.words import NO_BREAK_HYPHEN, breakable
from tests.db_writer_process import seeded_pose
from tests.support import (
    LOADED_MACHINE_MS,
    SIGNING_VIDEO,
    TEST_DATA,
    answering_file_pickers,
    answering_message_boxes,
    answering_the_selfie_question,
    shown_in_front,
    shown_on_a_small_screen,
    wait_for_outcome,
)


@pytest.fixture(autouse=True)
def cameras(monkeypatch):
    """The search page's camera runs while the page is shown: stand-ins here, in the order started."""
    from tests.desktop_app.ui.stand_in_pipeline import stand_in_pipelines

    return stand_in_pipelines(monkeypatch)


@pytest.fixture
def context(tmp_path):
    database = SignDatabase(tmp_path / "signs.db")
    import_sign_folder(database, TEST_DATA / "dgs" / "3D_full", language="DGS")  # 4 clips, 3 signs
    import_spoter_csv(
        database, TEST_DATA / "spoter" / "traduttore_spoter.csv", language="ASL"
    )  # 3 clips, 3 signs
    encoder = Encoder()
    models_switch.embed_missing(database, encoder)
    context = AppContext(Settings(), database, encoder, tmp_path / "settings.json")
    yield context
    context.close()


def test_map_shows_every_clip_and_clicking_a_point_previews_it(qtbot, context):
    page = EmbeddingMapPage(context)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    qtbot.waitExposed(page)
    assert len(page.scatter.points()) == 7
    assert len(page.labels) == 6  # one label per sign, named as the lists name it
    assert "hallo (DGS)" in {label.toPlainText() for label in page.labels}
    assert page.status.text().startswith("7 clips of 6 signs")
    assert "PCA" not in page.status.text() and "variance" not in page.status.text()
    colours = {point.brush().color().name() for point in page.scatter.points()}
    assert len(colours) == 2  # coloured by sign language, with a legend
    assert "DGS" in page.legend.text() and "ASL" in page.legend.text()

    page.find_box.setText("HALLO")  # the search box rings that sign's clips, entered
    qtbot.keyClick(page.find_box, Qt.Key.Key_Return)
    hallo_rows = [i for i, gloss in enumerate(page.glosses) if gloss == "hallo"]
    np.testing.assert_allclose(np.stack(page.found.getData(), 1), page.projection.coords[hallo_rows])
    assert page.not_found.text() == ""
    page.find_box.setText("no such sign")
    assert page.not_found.text() == ""  # maybe not typed out yet
    qtbot.keyClick(page.find_box, Qt.Key.Key_Return)
    assert page.not_found.text() == "No sign called “no such sign” in the map."
    assert len(page.found.getData()[0]) == 0  # no sign found: none ringed
    page.find_box.setText("hallo")
    qtbot.keyClick(page.find_box, Qt.Key.Key_Return)

    # A real mouse click on the point drawn for "hallo"'s second clip, ringed by the search (the ring took
    # the click, and nothing was previewed).
    row = [i for i, gloss in enumerate(page.glosses) if gloss == "hallo"][1]
    scene_position = page.plot.plotItem.vb.mapViewToScene(QPointF(*page.projection.coords[row]))
    view_position = page.plot.mapFromScene(scene_position)
    qtbot.mouseClick(page.plot.viewport(), Qt.MouseButton.LeftButton, pos=view_position)
    assert page.chosen_row == row
    page.find_box.clear()
    assert page.not_found.text() == "" and len(page.found.getData()[0]) == 0
    assert "hallo (DGS)" in page.clip_title.text()
    assert page.preview.clip.equals(reference_clip(context.database, int(page.clip_ids[row])))  # as shown
    np.testing.assert_allclose(page.highlight.getData()[0], [page.projection.coords[row][0]])

    chosen = []
    context.events.sign_selected.connect(chosen.append)
    page.practise_button.click()
    assert chosen == [int(page.sign_ids[row])]


def test_map_follows_deletions_and_explains_a_missing_model(qtbot, context):
    page = EmbeddingMapPage(context)
    qtbot.addWidget(page)
    assert page.projection is None  # nothing read until the map is shown
    page.show()
    hallo = context.database.signs(search="hallo")[0].id
    context.database.delete_sign(hallo)
    context.notify_database_changed()
    assert len(page.scatter.points()) == 5 and "hallo" not in page.glosses
    page.hide()
    context.database.restore_sign(hallo)
    context.notify_database_changed()
    assert len(page.scatter.points()) == 5  # hidden: redrawn only when shown again
    page.show()
    assert len(page.scatter.points()) == 7
    context.set_encoder(None)
    assert len(page.scatter.points()) == 0
    assert "No sign model" in page.status.text()


def test_clips_without_embeddings_are_said_to_be_prepared_only_while_they_are(qtbot, context, monkeypatch):
    """ "being prepared" was said of clips no job prepared (damaged ones, a stopped preparation)."""
    import threading

    from desktop_app.ui.background_jobs import start_embedding_missing

    sign_id = context.database.signs(search="Bier")[0].id
    context.database.add_clip(
        sign_id, context.database.clip_pose(context.database.clips(sign_id)[0].id).frames(slice(0, 10))
    )
    checked = threading.Event()  # the job waits until its running is read: on a fast machine it ended first
    prepare = context.missing_embeddings_job()
    assert prepare is not None

    def held_job(control):
        checked.wait(30)
        return prepare(control)

    monkeypatch.setattr(context, "missing_embeddings_job", lambda: held_job)
    page = EmbeddingMapPage(context)
    qtbot.addWidget(page)
    page.show()
    assert len(page.scatter.points()) == 7
    assert (
        "1 more clip is not on the map yet. What is not ready is prepared the next time you open the app"
        in (page.status.text())
    )
    worker = start_embedding_missing(context)
    assert "1 more clip is still being prepared" in page.status.text()
    checked.set()
    qtbot.waitUntil(lambda: worker.isFinished() and len(page.scatter.points()) == 8, timeout=30000)
    assert "more clip" not in page.status.text()


# -- search by signing (same gallery) ---------------------------------------------------------------------


def listed(page) -> list[str]:
    """The search page's results as its table lists them, the most alike first."""
    from desktop_app.ui.search_page import RESULT_INDEX

    cells = page.table.findItems("", Qt.MatchFlag.MatchContains)
    return [cell.text() for cell in sorted(cells, key=lambda cell: cell.data(RESULT_INDEX))]


def test_search_finds_the_sign_a_clip_belongs_to(qtbot, context):
    from desktop_app.ui.search_page import SearchPage

    page = SearchPage(context)
    qtbot.addWidget(page)
    sign_id = context.database.signs(search="coffee")[0].id
    clip = context.database.clip_pose(context.database.clips(sign_id)[0].id)
    results = page.search(SearchQuery.signed(clip))
    assert results[0].gloss == "coffee" and results[0].distance == pytest.approx(0, abs=1e-3)
    # ranked by the encoder and DTW together: the same order as the gallery's hybrid ranking
    gallery = context.gallery()
    hybrid = gallery.hybrid_ranking(context.encoder.embed(clip), clip)
    assert [r.sign_id for r in results] == [n.sign_id for n in hybrid.signs]
    assert len(results) == 6 and len(listed(page)) == 6  # every sign, each once
    assert listed(page)[0] == "1  coffee (ASL)"  # numbered, named as the lists name it
    assert page.table.item(0, 0).text() == "1  coffee (ASL)" and page.table.item(0, 1).text().startswith(
        "4  "
    )
    assert page.status.text().startswith("The 6 nearest of 6 signs")
    assert page.result_preview.clip.equals(clip)  # the first result's reference, beside the query

    chosen = []
    context.events.sign_selected.connect(chosen.append)
    page.practise_button.click()
    assert chosen == [sign_id]

    # A left-handed learner's mirror image finds the same signs, in either mode.
    mirror_image = SearchQuery.signed(clip.mirrored())
    assert [n.sign_id for n in page.search(mirror_image)] == [r.sign_id for r in results]
    context.settings.left_handed = True
    assert [n.sign_id for n in page.search(mirror_image)] == [r.sign_id for r in results]


def test_search_with_a_file_and_with_a_broken_file(qtbot, context, tmp_path):
    from desktop_app.ui.search_page import SearchPage

    page = SearchPage(context)
    qtbot.addWidget(page)
    worker = page.search_file(str(TEST_DATA / "pose" / "mediapipe.pose"), video_is_selfie=False)
    assert not page.sign_button.isEnabled() and not page.file_button.isEnabled()  # one search at a time
    assert wait_for_outcome(qtbot, worker, 20000)[0] == "finished"
    assert len(page.results) == 6 and page.query is not None
    qtbot.waitUntil(lambda: page.sign_button.isEnabled() and page.file_button.isEnabled())

    broken = tmp_path / "broken.pose"
    broken.write_text("not a pose file")
    worker = page.search_file(str(broken), video_is_selfie=False)
    assert wait_for_outcome(qtbot, worker, 20000)[0] == "failed"
    qtbot.waitUntil(lambda: "broken.pose" in words(page.status), timeout=LOADED_MACHINE_MS)
    assert "Traceback" not in page.status.text()


def test_search_explains_when_there_is_no_model(qtbot, context):
    from desktop_app.ui.search_page import SearchPage

    page = SearchPage(context)
    qtbot.addWidget(page)
    context.set_encoder(None)
    assert page.search(SearchQuery.signed(context.database.clip_pose(context.database.clips()[0].id))) == []
    assert "No sign model" in page.status.text() and page.table.rowCount() == 0


def test_search_with_no_hand_seen_gives_no_results_and_says_why(qtbot, context):
    """A video whose hand was never seen (a truncated one) got a confident top 10; practice refused it."""
    from desktop_app.ui.search_page import SearchPage

    page = SearchPage(context)
    qtbot.addWidget(page)
    clip = context.database.clip_pose(context.database.clips()[0].id)
    no_hand = replace(clip, mask=clip.mask.copy())
    no_hand.mask[:, LEFT_HAND.start : RIGHT_HAND.stop] = False
    assert page.search(replace(SearchQuery.signed(clip), pose=no_hand, file_name="truncated.mp4")) == []
    assert page.status.text() == breakable("No signing found in truncated.mp4: no hand is seen in it.")
    assert page.table.rowCount() == 0 and page.query is no_hand  # its figure shows what was seen
    assert len(page.search(SearchQuery.signed(clip))) > 0  # hands seen: searched


def test_search_shows_the_camera_with_the_page_and_takes_a_sign_only_when_asked(qtbot, context, cameras):
    """The walk-through: the camera pane was black until "Sign to search" was pressed, so the framing could
    not be checked, and Space took three presses where the page said two (the first only opened the camera).
    The camera shows with the page and takes no sign by itself; Space (or the button) starts the sign, the
    next stops and searches, and the camera stays on for the next."""
    from desktop_app.core.signing.session import SegmentEvent
    from desktop_app.ui.search_page import SIGN_NOW, UNTIL_ASKED, SearchPage

    page = SearchPage(context)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.live.worker is not None, timeout=5000)
    worker = cameras[-1]
    assert not worker.auto_segmentation and worker.told == []  # raised hands start no search
    assert page.live.status.text() == UNTIL_ASKED[1] and page.sign_button.isEnabled()
    assert not page.live.toggle_button.isVisible(), "a second, greyed 'Start' beside 'Sign to search'"
    page.sign_button.click()  # as Space does
    assert worker.told == ["start"] and page.cancel_button.isVisible()  # the way out (Esc too)
    assert page.status.text() == SIGN_NOW
    assert not page.file_button.isEnabled()  # a file's answer would land under the live sign's figure
    worker.segment_event.emit(SegmentEvent("started", message="Recording: press Space again to stop."))
    assert page.sign_button.text() == "Stop and search (Space)" and page.sign_button.isEnabled()
    page.sign_button.click()
    assert worker.told == ["start", "stop"]
    clip = context.database.clip_pose(context.database.clips()[0].id)
    page.live.attempt_captured.emit(clip)  # the sign is in
    assert page.results and not page.signing and page.sign_button.text() == "Sign to search (Space)"
    assert page.live.worker is worker and not worker.auto_segmentation  # on, taking no sign
    assert page.file_button.isEnabled() and not page.live.toggle_button.isVisible()


def test_search_after_the_camera_failed_can_be_tried_again(qtbot, context, tmp_path, cameras):
    from desktop_app.ui.search_page import NO_CAMERA_WAYS_ON, SearchPage

    broken = tmp_path / "broken.mp4"
    broken.write_text("not a video")
    context.use_camera(str(broken), True)
    page = SearchPage(context)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.live.worker is not None, timeout=5000)
    cameras[-1].failed.emit(f"{broken}: not a video that can be read")
    # only red words said so, and "Sign to search" looked pressable but did nothing; Practice offered
    # its no-camera panel. Searching with a file stays.
    panel = page.no_camera
    assert panel.isVisible() and not page.live.isVisible() and "broken.mp4" in words(panel.message)
    assert all(button.isVisible() for button in (panel.use_video_button, panel.retry_button))
    assert panel.choose_camera_button.isVisible() and panel.video_question.accept == "Use it"
    assert not page.sign_button.isEnabled() and page.file_button.isEnabled()
    assert page.status.text() == NO_CAMERA_WAYS_ON and not page.live.toggle_button.isVisible()
    assert "broken.mp4" in context.known_camera_problem()  # for the pages that have not tried it yet
    panel.retry_button.click()  # tried again
    qtbot.waitUntil(lambda: len(cameras) == 2)
    assert page.live.worker is cameras[-1] and page.live.isVisible() and page.sign_button.isEnabled()
    context.use_camera(str(SIGNING_VIDEO), True)
    assert context.known_camera_problem() == ""


def test_search_says_at_once_when_the_camera_is_known_not_to_start(qtbot, context, tmp_path):
    """A walk-through: with a broken camera the page invited "Press 'Sign to search', then sign",
    and said the camera could not be started only once pressed. A video file that is not there, or a camera
    another page failed to start, is said as the page is shown; another camera chosen, the invitation is
    back."""
    from desktop_app.ui.search_page import HOW_TO_SEARCH, NO_CAMERA_WAYS_ON, SearchPage

    context.use_camera(str(tmp_path / "gone.mp4"), True)
    page = SearchPage(context)
    qtbot.addWidget(page)
    page.show()
    assert page.status.text() == NO_CAMERA_WAYS_ON and not page.sign_button.isEnabled()
    assert page.no_camera.isVisible() and "gone.mp4" in words(page.no_camera.message)
    context.use_camera(str(SIGNING_VIDEO), True)
    assert page.status.text() == HOW_TO_SEARCH and page.live.isVisible() and page.sign_button.isEnabled()
    qtbot.waitUntil(lambda: page.live.worker is not None)  # the camera chosen starts
    page.hide()
    context.camera_failure = "Camera 0 could not be opened"  # as another page's live view was told
    page.show()
    assert page.status.text() == NO_CAMERA_WAYS_ON and "Camera 0 could not" in page.no_camera.message.text()


def test_with_no_camera_space_on_search_does_what_the_page_says_not_what_qt_focused(
    qtbot, context, tmp_path, monkeypatch
):
    """A walk-through: Search by signing opened with no camera, Qt put the keyboard on "Use a video
    file…" (or "Search with a video or .pose file…"), and Space opened its file picker while the page said
    "Sign to search (Space)", greyed. The keyboard starts on the results, and Space does what that button
    does (nothing, greyed, and it names no key now); a button the learner tabbed to, Space presses."""
    from desktop_app.ui.main_window import MainWindow

    opened_at = answering_file_pickers(monkeypatch, "")  # cancelled
    context.use_camera(str(tmp_path / "gone.mp4"), True)
    window = MainWindow(context)
    shown_in_front(qtbot, window)
    page = window.pages["Search by signing"]
    for came_from in ("Library", "Practice"):
        window.tabs.setCurrentWidget(window.pages[came_from])
        window.tabs.setCurrentWidget(page)
        panel = page.no_camera
        assert panel.isVisible() and not page.sign_button.isEnabled()
        assert QApplication.focusWidget() is page.table  # was a button of the page
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
        assert opened_at == [] and not page.signing and page.sign_button.text() == "Sign to search"
    panel.use_video_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert len(opened_at) == 1  # its picker
    window.close()


def test_sign_to_search_greyed_under_the_keyboard_leaves_it_on_the_results(qtbot, context, tmp_path, cameras):
    """The camera failing with the keyboard on "Sign to search", Qt moved it to the next button, "Use a video
    file…", which the next Space pressed."""
    from desktop_app.ui.search_page import SearchPage

    broken = tmp_path / "broken.mp4"
    broken.write_text("not a video")
    context.use_camera(str(broken), True)
    page = SearchPage(context)
    shown_in_front(qtbot, page)
    qtbot.waitUntil(lambda: page.live.worker is not None, timeout=5000)
    page.sign_button.setFocus(Qt.FocusReason.TabFocusReason)
    cameras[-1].failed.emit(f"{broken}: not a video that can be read")
    assert not page.sign_button.isEnabled() and QApplication.focusWidget() is page.table


def test_search_keeps_the_camera_panes_width_while_signing(qtbot, context):
    """The results and the players get most of the page; "Sign to search" widened the camera pane from about
    420 to 760 px, squeezing the results, and the results came back with it narrowed again."""
    from desktop_app.ui.search_page import SearchPage

    page = shown_on_a_small_screen(qtbot, SearchPage(context))
    camera_pane, results_pane = page.panes.widget(0), page.panes.widget(1)
    assert camera_pane.width() < results_pane.width(), "a camera that is off kept most of the page"
    width = camera_pane.width()
    page.sign_button.click()
    qtbot.wait(10)  # the layout settles
    assert camera_pane.width() == width
    page.live.attempt_captured.emit(context.database.clip_pose(context.database.clips()[0].id))
    qtbot.wait(10)
    assert camera_pane.width() == width


def test_the_find_box_says_what_it_is_for_whole(qtbot, context):
    page = shown_on_a_small_screen(qtbot, EmbeddingMapPage(context))
    box = page.find_box
    assert box.width() > box.fontMetrics().horizontalAdvance(box.placeholderText()) + 30, "cut at 'on the…'"


def test_a_failed_file_search_leaves_no_old_results_on_screen(qtbot, context, tmp_path):
    """A file that could not be read said so only in the top line, above the last search's results and its
    "You:" figure, which looked like this search's answer."""
    from desktop_app.ui.search_page import SearchPage

    page = SearchPage(context)
    qtbot.addWidget(page)
    page.search(SearchQuery.signed(context.database.clip_pose(context.database.clips()[0].id)))
    assert page.table.rowCount() > 0 and page.query_preview.clip is not None
    not_a_video = tmp_path / "notvideo.mp4"
    not_a_video.write_text("not a video")
    worker = page.search_file(str(not_a_video), video_is_selfie=False)
    assert page.table.rowCount() == 0, "the last results stood under 'Reading notvideo.mp4…'"
    assert wait_for_outcome(qtbot, worker, 30_000)[0] == "failed"
    assert "notvideo.mp4" in words(page.status) and "color" in page.status.styleSheet()
    assert page.table.rowCount() == 0 and page.results == [] and page.query is None
    assert page.query_preview.clip is None and page.result_preview.clip is None
    assert "could not be read" in page.query_preview.canvas.message
    assert not page.practise_button.isEnabled()


def test_a_file_chosen_after_a_failed_one_takes_the_failed_ones_words_away(
    qtbot, context, tmp_path, monkeypatch
):
    """A walk-through: after a .pose file that could not be read, the video chosen next was being opened
    ("Opening …" at the top, then its selfie question) while the "You" pane still said "Nothing to search
    with: the file could not be read (see above)". It says the file is being opened; the question cancelled,
    it asks for signing again."""
    from desktop_app.ui import search_page
    from desktop_app.ui.selfie_question import SelfieDialog

    page = search_page.SearchPage(context)
    qtbot.addWidget(page)
    broken = tmp_path / "text.pose"
    broken.write_text("not a pose file")
    assert (
        wait_for_outcome(qtbot, page.search_file(str(broken), video_is_selfie=False), 30_000)[0] == "failed"
    )
    assert "could not be read" in page.query_preview.canvas.message
    answering_file_pickers(monkeypatch, str(SIGNING_VIDEO))
    under_the_question = []
    cancels = answering_the_selfie_question("cancelled", search_page.ANSWER_FIRST, "Search", [])

    def learner_cancels(dialog):
        under_the_question.append((page.query_title.text(), page.query_preview.canvas.message))
        return cancels(dialog)

    monkeypatch.setattr(SelfieDialog, "exec", learner_cancels)
    wait_for_outcome(qtbot, page.choose_file(), LOADED_MACHINE_MS)
    opening = f"Opening {SIGNING_VIDEO.name}…"
    assert under_the_question == [(f"{SIGNING_VIDEO.name}:", opening)]
    assert "text.pose" in words(page.status) and "color" in page.status.styleSheet()  # said again at the top
    assert page.query_preview.canvas.message == search_page.QUERY_PROMPT


def test_a_files_results_name_the_file(qtbot, context):
    from desktop_app.ui.search_page import SearchPage

    page = SearchPage(context)
    qtbot.addWidget(page)
    worker = page.search_file(str(TEST_DATA / "pose" / "mediapipe.pose"), video_is_selfie=False)
    assert wait_for_outcome(qtbot, worker, 20000)[0] == "finished"
    assert "s of signing in mediapipe.pose, most alike first" in page.status.text()
    assert "your" not in page.status.text(), "a file's results said 'your 3.8 s of signing'"
    assert page.status.styleSheet() == ""


def test_a_file_search_after_a_signed_one_takes_its_got_it_away(qtbot, context):
    """ "Got it." stayed under the camera through a later search with a file: it says how to sign again."""

    from desktop_app.ui.search_page import UNTIL_ASKED, SearchPage

    page = shown_on_a_small_screen(qtbot, SearchPage(context))
    live = page.live
    page.sign_button.click()
    live._attempt_finished(SimpleNamespace(pose=context.database.clip_pose(context.database.clips()[0].id)))
    live._show_heading()  # as the end of the attempt's notice says it again
    assert live.status.text() == "Got it."
    worker = page.search_file(str(TEST_DATA / "pose" / "mediapipe.pose"), video_is_selfie=False)
    assert live.status.text() == UNTIL_ASKED[1]
    assert wait_for_outcome(qtbot, worker, 20000)[0] == "finished"
    assert live.status.text() == UNTIL_ASKED[1]


def test_a_file_with_a_long_unbroken_name_does_not_widen_the_search_page(qtbot, context, tmp_path):
    """Searching with hand_estimation__7bd6dd48722def3cf84258b96371cb1e.pose: its name above its figure
    squeezed the chosen sign's panel, cutting its legend and speed box."""
    import shutil

    from desktop_app.ui.search_page import SearchPage

    page = shown_on_a_small_screen(qtbot, SearchPage(context))
    least_width = page.minimumSizeHint().width()
    long_name = tmp_path / "hand_estimation__7bd6dd48722def3cf84258b96371cb1e_takes.pose"
    assert len(long_name.name) == 60
    shutil.copy(TEST_DATA / "pose" / "mediapipe.pose", long_name)
    worker = page.search_file(str(long_name), video_is_selfie=False)
    assert wait_for_outcome(qtbot, worker, 20000)[0] == "finished"
    qtbot.wait(50)  # the layout settles
    assert page.query_title.toolTip().startswith(long_name.name)  # whole where it is cut short
    assert page.minimumSizeHint().width() <= least_width


def test_the_camera_stays_live_after_a_search_and_its_picture_says_when_it_is_off(qtbot, context):
    """After a search the camera's last picture stayed, looking live: the camera is on (for the next sign)
    until the page is left, and then its last picture is greyed."""
    from PySide6.QtGui import QColor, QImage

    from desktop_app.ui.search_page import SearchPage

    page = shown_on_a_small_screen(qtbot, SearchPage(context))
    live = page.live
    qtbot.waitUntil(lambda: live.worker is not None, timeout=5000)
    page.sign_button.click()
    picture = QImage(320, 240, QImage.Format.Format_RGB32)
    picture.fill(QColor(200, 40, 30))
    live.show_picture(picture)
    assert live.video_label.pixmap().toImage().pixelColor(2, 2) == QColor(200, 40, 30)  # live: as it is
    live.attempt_captured.emit(context.database.clip_pose(context.database.clips()[0].id))  # one sign
    assert live.worker is not None  # on, for the next
    live.stop_camera()  # as leaving the page stops it

    def corner() -> QColor:
        shown = live.video_label.pixmap()
        assert not shown.isNull(), "the camera's last picture is kept"
        return shown.toImage().pixelColor(2, 2)

    live.show_picture(picture)  # still on its way from the camera when it stopped (it came in colour)
    assert corner().red() == corner().green() == corner().blue() < 100, "greyed and dimmed"


def test_the_camera_picture_left_once_the_camera_is_off_grows_with_the_window(qtbot, context):
    """Signed in a small window, the camera's last picture stayed that small as the window grew to 1400 x 900,
    a dark pane around it; while the camera is on, each new picture is made for the label's size."""
    from PySide6.QtGui import QImage

    from desktop_app.ui.search_page import SearchPage

    page = shown_on_a_small_screen(qtbot, SearchPage(context))
    live = page.live
    qtbot.waitUntil(lambda: live.worker is not None, timeout=5000)
    label = live.video_label
    small = QImage(label.width(), label.width() * 3 // 4, QImage.Format.Format_RGB32)  # made for this label
    small.fill(0)
    live.show_picture(small)
    live.stop_camera()
    page.resize(1400, 860)
    qtbot.wait(50)  # the layout settles
    assert label.width() > small.width() + 50, "the camera's pane grew with the window"
    shown = label.pixmap().size()
    assert shown == small.size().scaled(label.size(), Qt.AspectRatioMode.KeepAspectRatio), "it fills the pane"


def test_the_search_figures_get_the_height_the_results_do_not_need(qtbot, context):
    """The results' table took two thirds of the height, mostly empty, and the figures below were a strip
    (193 px high in a 1400 x 860 window), their arms and hands cut."""
    from desktop_app.ui.search_page import RESULT_ROWS, SearchPage

    page = SearchPage(context)
    qtbot.addWidget(page)
    page.resize(1400, 860)
    page.show()
    qtbot.waitExposed(page)
    qtbot.wait(50)  # the layout settles
    rows = RESULT_ROWS * page.table.verticalHeader().defaultSectionSize()
    assert rows <= page.table.height() <= rows + 2 * page.table.frameWidth(), "room for the ten results only"
    assert page.query_preview.canvas.height() >= page.table.height()


@pytest.mark.parametrize(
    ("size", "file_name"),
    [((996, 473), ""), ((996, 473), "a_recording_from_the_course_with_a_long_name.mp4"), ((1396, 853), "")],
)
def test_the_ten_results_are_seen_whole_beside_the_figures_in_a_small_window(qtbot, context, size, file_name):
    """In a 1000 x 520 window the results' table showed 4½ of its ten rows (30 px each, under the figures'
    least height). All ten are in sight at once, with the figures, their controls whole, and "Practise
    this sign"; a file's long name, the line above them in two lines, too."""
    from desktop_app.ui.search_page import RESULT_COUNT, SearchPage

    page = SearchPage(context)
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    qtbot.waitExposed(page)
    clip = context.database.clip_pose(context.database.clips(context.database.signs()[0].id)[0].id)
    query = SearchQuery.signed(clip)
    if file_name:  # its name in the line above the results, two lines long
        query = replace(query, searched=f"the 0.8 s of signing in {file_name}", file_name=file_name)
    page.search(query)
    page.results = (page.results * 2)[:RESULT_COUNT]  # ten results (the database holds six signs)
    page._show_results()
    qtbot.wait(50)  # the layout settles
    table = page.table
    assert len(listed(page)) == RESULT_COUNT
    for cell in table.findItems("", Qt.MatchFlag.MatchContains):
        assert table.viewport().rect().contains(table.visualItemRect(cell)), cell.text()
    for player in (page.query_preview, page.result_preview):
        assert player.height() >= player.minimumSizeHint().height(), "its controls squeezed"
        assert player.canvas.height() >= 110, "the figure a sketch"
    button = page.practise_button
    assert button.isVisible() and button.visibleRegion().boundingRect() == button.rect()


@pytest.mark.parametrize("height", [460, 520])
def test_the_search_figures_have_the_room_the_ten_results_leave_in_a_small_window(qtbot, context, height):
    """A walk-through at 1000 x 520 (the window 460 px high in that screen): the You and chosen-sign figures
    were 110 px high under the ten results in one column under a header. The results take two columns of
    five, all in sight, and the figures the height that leaves."""
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.search_page import RESULT_COUNT

    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(1000, height)
    window.show()
    qtbot.waitExposed(window)
    page = window.pages["Search by signing"]
    window.tabs.setCurrentWidget(page)
    clip = context.database.clip_pose(context.database.clips(context.database.signs()[0].id)[0].id)
    page.search(SearchQuery.signed(clip))
    page.results = (page.results * 2)[:RESULT_COUNT]  # ten results (the database holds six signs)
    page._show_results()
    qtbot.wait(50)  # the layout settles
    table = page.table
    cells = table.findItems("", Qt.MatchFlag.MatchContains)
    assert len(cells) == RESULT_COUNT
    for cell in cells:
        assert table.viewport().rect().contains(table.visualItemRect(cell)), cell.text()
    for player in (page.query_preview, page.result_preview):
        assert player.height() >= player.minimumSizeHint().height(), "its controls squeezed"
        assert player.canvas.height() >= 0.4 * page.height(), f"{player.canvas.height()} of {page.height()}"
    window.close()


def test_the_search_and_sign_map_players_position_bars_span_them_in_a_small_window(qtbot, context):
    """A walk-through at 1000 x 520: the position bar under the search page's figures and the sign map's
    preview was 30-60 px long beside the player's buttons, speed and clock (most of the recognition page's
    player's width there). In a narrow player it has a row of its own, the player's width."""
    from desktop_app.ui.main_window import MainWindow

    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(1000, 520)
    window.show()
    qtbot.waitExposed(window)
    search, sign_map = window.pages["Search by signing"], window.pages["Sign map"]
    window.tabs.setCurrentWidget(search)
    clip = context.database.clip_pose(context.database.clips(context.database.signs()[0].id)[0].id)
    search.search(SearchQuery.signed(clip))
    window.tabs.setCurrentWidget(sign_map)
    sign_map.choose_row(0)
    qtbot.wait(50)  # the layout settles
    for page, player in (
        (search, search.query_preview),
        (search, search.result_preview),
        (sign_map, sign_map.preview),
    ):
        window.tabs.setCurrentWidget(page)
        qtbot.wait(20)
        assert player.position.width() >= 0.8 * player.width(), (
            f"{player.position.width()} of {player.width()}"
        )
        controls = (player.play_button, player.back_button, player.forward_button, player.speed_box)
        for control in (*controls, player.time_label):
            assert player.rect().contains(control.geometry()), "a control pushed out of the player"
    window.close()


def test_practise_this_sign_waits_for_a_result_chosen_not_the_empty_cell(qtbot, context):
    """Five results in two columns leave a cell empty; chosen, it left "Practise this sign" enabled, doing
    nothing."""
    from desktop_app.ui.search_page import SearchPage

    page = SearchPage(context)
    qtbot.addWidget(page)
    clip = context.database.clip_pose(context.database.clips(context.database.signs()[0].id)[0].id)
    page.search(SearchQuery.signed(clip))
    page.results = page.results[:3]
    page._show_results()
    assert page.practise_button.isEnabled()
    page.table.setCurrentCell(1, 1)  # the empty cell
    assert page.chosen() is None and not page.practise_button.isEnabled()
    page.table.setCurrentCell(0, 1)
    assert page.chosen() is not None and page.practise_button.isEnabled()


@pytest.mark.parametrize("answer", ["not a selfie", "a selfie", "cancelled"])
def test_search_with_a_video_asks_whether_it_is_a_selfie_as_an_import_does(
    qtbot, context, monkeypatch, answer
):
    """Search read a video by the camera's setting (a selfie unless changed in File → Camera…), so a video
    filmed by a camera facing the signer was searched with the signer's hands swapped. An import asks."""

    from desktop_app.ui.search_page import ANSWER_FIRST, SearchPage
    from desktop_app.ui.selfie_question import SelfieDialog

    context.use_camera(str(SIGNING_VIDEO), answer != "a selfie")  # the camera says the opposite
    page = SearchPage(context)
    qtbot.addWidget(page)
    searched = []
    monkeypatch.setattr(
        page, "search_file", lambda path, video_is_selfie: searched.append((path, video_is_selfie))
    )
    answering_file_pickers(monkeypatch, str(SIGNING_VIDEO))
    asked: list[str] = []
    learner_answers = answering_the_selfie_question(answer, ANSWER_FIRST, "Search", asked)
    monkeypatch.setattr(SelfieDialog, "exec", learner_answers)
    wait_for_outcome(qtbot, page.choose_file(), LOADED_MACHINE_MS)
    expected = {"not a selfie": [(str(SIGNING_VIDEO), False)], "a selfie": [(str(SIGNING_VIDEO), True)]}
    assert searched == expected.get(answer, []) and asked == [f"Search with {SIGNING_VIDEO.name}"]

    pose_file = str(TEST_DATA / "pose" / "mediapipe.pose")  # landmarks: nothing to ask
    answering_file_pickers(monkeypatch, pose_file)
    monkeypatch.setattr(SelfieDialog, "exec", lambda dialog: pytest.fail("asked about a .pose file"))
    wait_for_outcome(qtbot, page.choose_file(), LOADED_MACHINE_MS)
    assert searched[-1] == (pose_file, False)


def test_the_map_shows_no_plotting_tool_button_and_has_its_own_way_back_to_the_whole_map(qtbot, context):
    """pyqtgraph's "A" auto-range button sat in the map's corner."""
    page = shown_on_a_small_screen(qtbot, EmbeddingMapPage(context))
    item = page.plot.getPlotItem()
    assert not item.autoBtn.isVisible() and not item.menuEnabled()
    whole = page.plot.viewRange()
    page.plot.getViewBox().scaleBy((0.2, 0.2))  # zoomed in on a corner
    assert page.plot.viewRange()[0][1] - page.plot.viewRange()[0][0] < whole[0][1] - whole[0][0]
    page.whole_map_button.click()
    np.testing.assert_allclose(page.plot.viewRange(), whole, atol=1e-3)


def words(label) -> str:
    """A label's words as the learner reads them: without the places a long word may break, its hyphens
    plain ones (breakable)."""
    return label.text().replace("\u200b", "").replace(NO_BREAK_HYPHEN, "-")


def test_a_file_that_cannot_be_read_is_said_one_way_whether_a_video_or_a_pose_file(
    qtbot, context, monkeypatch, tmp_path
):
    """A text file named .mp4 was asked the selfie question first (with no picture), then refused after
    Search. Refused when chosen, it got a pop-up dialog, where an empty .pose file got a red line above the
    results: both now get the red line, the results and "You:" cleared."""
    from PySide6.QtWidgets import QMessageBox

    from desktop_app.core.shared.palette import PROBLEM_COLOUR
    from desktop_app.ui.search_page import SearchPage
    from desktop_app.ui.selfie_question import SelfieDialog

    page = SearchPage(context)
    qtbot.addWidget(page)
    monkeypatch.setattr(
        SelfieDialog, "exec", lambda dialog: pytest.fail("asked about a file that is no video")
    )
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: pytest.fail("a pop-up dialog"))
    not_a_video, empty_pose = tmp_path / "notvideo.mp4", tmp_path / "empty.pose"
    not_a_video.write_text("not a video")
    empty_pose.write_bytes(b"")
    said = []
    for path, problem in (
        (not_a_video, "not a video that can be read (unknown format, or the file is damaged)"),
        (empty_pose, "the file is empty (a .pose file holds the body and hand points of a clip)"),
    ):
        page.search(SearchQuery.signed(context.database.clip_pose(context.database.clips()[0].id)))
        assert page.results
        answering_file_pickers(monkeypatch, str(path))
        page.choose_file()
        qtbot.waitUntil(lambda path=path: words(page.status).startswith(str(path)), timeout=LOADED_MACHINE_MS)
        assert words(page.status) == f"{path}: {problem}"
        assert page.results == [] and page.table.rowCount() == 0 and page.query_preview.clip is None
        said.append((page.status.styleSheet(), page.query_preview.canvas.message))
    assert said[0] == said[1] and PROBLEM_COLOUR in said[0][0]


def search_page_in_front(qtbot, context):
    """The search page shown as the active window (key presses go to it), its camera a stand-in; and the
    list of the presses of its Space (start or stop), which fills as they come."""
    from desktop_app.ui.search_page import SearchPage

    page = SearchPage(context)
    shown_in_front(qtbot, page)
    qtbot.waitUntil(lambda: page.live.worker is not None, timeout=5000)
    pressed = []
    page.live.start_or_stop_attempt = lambda: pressed.append("space")
    return page, pressed


def test_space_signs_to_search_and_presses_cancel_tabbed_to(qtbot, context):
    """Space is "Sign to search": the first starts the sign (it only opened the camera, and the sign took a
    second), the next stops it; it presses Cancel when the learner tabbed to it."""
    page, pressed = search_page_in_front(qtbot, context)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Space)
    assert page.signing and pressed == ["space"]
    qtbot.keyClick(page.table, Qt.Key.Key_Space)
    assert pressed == ["space", "space"]
    page.cancel_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(page.cancel_button, Qt.Key.Key_Space)
    assert not page.signing and pressed == ["space", "space"]


def test_space_stops_the_sign_being_recorded_with_the_keyboard_on_cancel(qtbot, context):
    """Tab had moved the keyboard onto Cancel, and the Space meant to stop the sign being recorded
    pressed Cancel instead, the sign thrown away. While one is recorded, Space stops it wherever the focus is;
    before, it presses the button tabbed to, as everywhere."""
    from desktop_app.core.signing.session import SegmentEvent

    page, pressed = search_page_in_front(qtbot, context)
    page.start_signing()
    page.live.attempts.event(SegmentEvent("started", message="Recording"))  # as the camera's worker says it
    pressed.clear()
    page.cancel_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(page.cancel_button, Qt.Key.Key_Space)
    assert page.signing and pressed == ["space"], "Space pressed Cancel instead of stopping the sign"


def test_a_sign_stopped_unsearched_says_why_under_the_camera_and_how_to_sign_again_above(qtbot, context):
    """A sign under way as a window opened over Search is stopped (test_live_camera); the line under the
    camera said why, while the top line still said "Sign now, then press Space again to search", Space now
    starting a new sign. It says how to sign the next, as the button does."""
    from desktop_app.core.judging.live_attempts import ATTEMPT_STOPPED_BY_A_WINDOW
    from desktop_app.core.signing.session import SegmentEvent
    from desktop_app.ui.live_attempt_view import SIGNING_BY_BUTTON_HINT
    from desktop_app.ui.search_page import SIGN_NOW, START_SIGNING

    page, _pressed = search_page_in_front(qtbot, context)
    page.start_signing()  # signs started by Space: this press starts it
    assert words(page.status) == SIGN_NOW
    page.live._segment_event(SegmentEvent("started", message="Recording"))  # as the camera's worker says
    page.live._segment_event(SegmentEvent("discarded", message=ATTEMPT_STOPPED_BY_A_WINDOW))
    assert page.live.status.text() == ATTEMPT_STOPPED_BY_A_WINDOW
    assert page.signing and page.sign_button.text() == START_SIGNING
    assert words(page.status) == SIGNING_BY_BUTTON_HINT


@pytest.mark.parametrize("how", ["clicked", "tabbed to"])
def test_space_starts_and_stops_the_sign_however_sign_to_search_was_pressed(qtbot, context, how):
    """Clicked, "Sign to search" turned into "Cancel" and kept the focus: the Space the screen then asks for
    ("Press Space, sign, then press Space again.") pressed Cancel. Clicked, it takes no focus; pressed with
    Space, it keeps it, and Space on it starts and stops the sign as it says."""
    page, pressed = search_page_in_front(qtbot, context)
    if how == "clicked":
        qtbot.mouseClick(page.sign_button, Qt.MouseButton.LeftButton)
    else:
        page.sign_button.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.keyClick(page.sign_button, Qt.Key.Key_Space)
    assert page.signing and pressed == ["space"]  # the sign started
    qtbot.keyClick(QApplication.focusWidget() or page, Qt.Key.Key_Space)
    assert page.signing and pressed == ["space", "space"], "Space cancelled instead of stopping"
    page._searched_by_signing(context.database.clip_pose(context.database.clips()[0].id))  # the sign is in
    if how == "tabbed to":
        assert QApplication.focusWidget() is page.sign_button


def test_the_search_page_says_how_to_sign_once_under_the_camera(qtbot, context):
    """The top line said 'Press “Sign to search” and sign', the line under the camera "press Space, sign,
    and press Space again": two instructions on one page."""
    from PySide6.QtWidgets import QLabel

    from desktop_app.ui.search_page import UNTIL_ASKED, SearchPage

    page = SearchPage(context)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.live.worker is not None, timeout=5000)
    shown = [label.text() for label in page.findChildren(QLabel) if label.isVisible()]
    assert [text for text in shown if "press" in text.lower()] == [UNTIL_ASKED[1]]


@pytest.mark.parametrize("auto_start", [True, False])
def test_the_top_line_says_how_to_sign_as_set_and_goes_when_the_page_is_left(qtbot, context, auto_start):
    """With "Start when my hands come up" off, the top line said "Raise your hands…" while the line under the
    camera said "Press Start, sign, then press Stop.", and it stayed after leaving the page and coming back.
    Started by the press that asked to sign, the sign is said under way, not to be started."""
    from desktop_app.ui.search_page import SIGN_NOW, UNTIL_ASKED, SearchPage

    context.update_settings(auto_start=auto_start)
    page = SearchPage(context)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.live.worker is not None, timeout=5000)
    assert page.live.status.text() == UNTIL_ASKED[0 if auto_start else 1]
    page.search(SearchQuery.signed(context.database.clip_pose(context.database.clips()[0].id)))
    heading = page.status.text()
    page.sign_button.click()
    hint = page.live.signing_hint()
    assert ("Raise your hands" in hint) == auto_start
    assert page.status.text() == (hint if auto_start else SIGN_NOW) and page.live.status.text() == hint
    page.hide()  # another tab
    page.show()
    assert page.status.text() == heading, "the signing words stayed"
    assert page.sign_button.text() == "Sign to search (Space)" and page.file_button.isEnabled()
    assert page.live.status.text() == UNTIL_ASKED[0 if auto_start else 1]


def test_waiting_for_a_sign_is_cancelled_by_the_button_or_escape_and_the_last_results_come_back(
    qtbot, context
):
    """After "Sign to search" both buttons were disabled and Escape did nothing: only another tab got out.
    While the camera waits for the sign, the last results and figures are not on screen: under "Press Start,
    sign, then press Stop." they read as this sign's."""
    from PySide6.QtWidgets import QApplication

    from desktop_app.ui.search_page import QUERY_PROMPT, RESULT_PROMPT, SearchPage

    page = SearchPage(context)
    shown_in_front(qtbot, page)
    clips = context.database.clips()
    page.search(SearchQuery.signed(context.database.clip_pose(clips[0].id)))
    results, heading, query = list(page.results), page.status.text(), page.query
    for cancel in (
        page.cancel_button.click,
        lambda: qtbot.keyClick(QApplication.focusWidget() or page, Qt.Key.Key_Escape),
    ):
        page.sign_button.click()
        assert page.cancel_button.isVisible() and page.cancel_button.isEnabled()
        assert not page.file_button.isEnabled()  # one search at a time
        assert page.table.rowCount() == 0 and page.query is None
        assert page.query_preview.canvas.message == QUERY_PROMPT and not page.query_preview.canvas.tracks
        assert page.result_preview.canvas.message == RESULT_PROMPT and not page.result_preview.canvas.tracks
        cancel()
        assert not page.live.takes_attempts, "the camera still waited for a sign"
        assert page.sign_button.text() == "Sign to search (Space)" and page.file_button.isEnabled()
        assert not page.live.toggle_button.isVisible() and not page.cancel_button.isVisible()
        assert page.query_preview.canvas.tracks and page.result_preview.canvas.tracks
        assert page.results == results and len(listed(page)) == len(results)
        assert page.status.text() == heading and page.query is query
    page.live.attempt_captured.emit(context.database.clip_pose(clips[1].id))  # on its way as it was cancelled
    assert page.results == results and page.query is query, "a sign came in after Cancel and was searched"


def test_finding_a_sign_chooses_it_and_rings_its_clips_unlike_the_chosen_one(qtbot, context):
    """Found with "Find a sign on the map…", a sign's dots were ringed as the chosen dot is, and the sign
    chosen before stayed ringed and in the preview: it looked found too."""
    page = shown_on_a_small_screen(qtbot, EmbeddingMapPage(context))
    hallo_rows = [row for row, gloss in enumerate(page.glosses) if gloss == "hallo"]
    before = next(row for row, gloss in enumerate(page.glosses) if gloss != "hallo")
    page.choose_row(before)
    page.find_box.setText("hallo")
    qtbot.keyClick(page.find_box, Qt.Key.Key_Return)
    assert page.chosen_row == hallo_rows[0] and "hallo (DGS)" in page.clip_title.text()
    assert page.preview.clip.equals(reference_clip(context.database, int(page.clip_ids[hallo_rows[0]])))
    np.testing.assert_allclose(np.stack(page.highlight.getData(), 1), page.projection.coords[hallo_rows[:1]])
    assert page.found.opts["pen"].color() != page.highlight.opts["pen"].color()
    page.choose_row(hallo_rows[1])  # another clip of the sign found: the learner's choice stays
    page.find_box.setText("Hallo")
    qtbot.keyClick(page.find_box, Qt.Key.Key_Return)
    assert page.chosen_row == hallo_rows[1]


def test_typing_finds_nothing_and_the_sign_found_before_is_unringed(qtbot, context):
    """A walk-through: typing "W" previewed and ringed the letter W while the completer offered water, welt
    and Wetter; Wetter then found, the letter W's rings stayed on screen beside Wetter's."""
    page = shown_on_a_small_screen(qtbot, EmbeddingMapPage(context))
    first, second = page.glosses[0], next(gloss for gloss in page.glosses if gloss != page.glosses[0])
    page.find_box.setText(first)  # a whole name typed, not entered
    assert page.chosen_row is None and len(page.found.getData()[0]) == 0, "it was found while typing"
    qtbot.keyClick(page.find_box, Qt.Key.Key_Return)
    first_rows = page.content.rows_named(first)
    assert page.chosen_row == first_rows[0] and len(page.found.getData()[0]) == len(first_rows)
    page.find_box.setText(second)
    page.find_box.completer().activated.emit(second)  # chosen in its list
    second_rows = page.content.rows_named(second)
    assert page.chosen_row == second_rows[0] and len(page.found.getData()[0]) == len(second_rows)
    qtbot.wait(50)  # painted
    old_rings = page.found.mapRectToScene(page.found.boundingRect())
    repainted = []
    page.plot.scene().changed.connect(repainted.extend)
    page.find_box.clear()
    qtbot.waitUntil(lambda: bool(repainted))
    assert any(rect.contains(old_rings) for rect in repainted), "the rings were left on screen"
    assert len(page.found.getData()[0]) == 0  # an emptied box rings no sign


def test_enter_on_a_name_begun_finds_the_sign_completed_and_the_not_found_line_keeps_the_map_in_place(
    qtbot, context
):
    """ "Wett" + Enter said "No sign called “Wett” in the map." beside its one completion "Wetter (DGS)",
    and the line said so while typing, pushing the map down."""
    page = shown_on_a_small_screen(qtbot, EmbeddingMapPage(context))
    page.find_box.setText("HAL")
    assert page.not_found.text() == "" and page.chosen_row is None
    qtbot.keyClick(page.find_box, Qt.Key.Key_Return)
    assert page.find_box.text() == "hallo (DGS)"
    assert page.chosen_row == next(row for row, gloss in enumerate(page.glosses) if gloss == "hallo")
    qtbot.wait(10)  # the layout settles
    map_top = page.plot.geometry().top()
    page.find_box.setText("Hallo (DGS) nowhere")
    qtbot.keyClick(page.find_box, Qt.Key.Key_Return)
    assert page.not_found.text() == "No sign called “Hallo (DGS) nowhere” in the map."
    qtbot.wait(10)  # the layout settles
    assert page.plot.geometry().top() == map_top, "the message pushed the map down"


@pytest.mark.parametrize("left_handed", [False, True])
def test_the_chosen_sign_is_shown_with_the_learners_hand_whoever_searched(qtbot, context, left_handed):
    """Left-handed, the chosen sign was drawn right-handed beside a file's right-handed signer and left-handed
    after a search by signing: two rules. It is signed with the learner's hand, as every reference is, and so
    is a file's signer (titled with the file's name, not "You"); the learner's own signing is shown as it
    is."""
    from desktop_app.core.signing.view import sign_only
    from desktop_app.ui.search_page import SearchPage
    from signcore.normalize import clear_signing_hand

    sign_id = context.database.signs(search="coffee")[0].id
    info = context.database.clips(sign_id)[0]
    clip = context.database.clip_pose(info.id)
    assert clear_signing_hand(clip) == "right"  # the clip leaves no doubt which hand signs it
    context.update_settings(left_handed=left_handed)
    learners_hand = "left" if left_handed else "right"
    page = SearchPage(context)
    qtbot.addWidget(page)
    for searched in (
        SearchQuery.signed(clip),
        SearchQuery(clip, "the signing in coffee.pose", file_name="coffee.pose"),
    ):
        assert page.search(searched)[0].sign_id == sign_id
        [chosen] = page.result_preview.canvas.tracks
        as_signed = clip if context.clip_hand(info) == learners_hand else clip.mirrored()
        assert chosen.signed_with == learners_hand and chosen.pose.equals(sign_only(as_signed))
        [figure] = page.query_preview.canvas.tracks
        if searched.file_name:  # someone else's signing: with the learner's hand too
            assert page.query_title.text() == "coffee.pose:"
            assert figure.pose.equals(sign_only(clip if learners_hand == "right" else clip.mirrored()))
        else:  # the learner's own: as it is
            assert page.query_title.text() == "You:" and figure.pose.equals(sign_only(clip))


def test_choosing_a_point_leaves_the_map_and_its_legend_where_they_are(qtbot, context):
    """A point clicked in a small window: the preview's clock ("0.5 s of 0.6 s") widened the side pane, the
    legend above the map wrapped to two lines and the map shrank (walk-through s93 against s94)."""
    page = shown_on_a_small_screen(qtbot, EmbeddingMapPage(context))
    legend, plot = page.legend.geometry(), page.plot.geometry()
    page.choose_row(0)
    qtbot.wait(10)
    assert page.preview.time_label.text()  # the clock shows
    assert page.legend.geometry() == legend and page.plot.geometry() == plot


def test_the_signing_searched_with_plays_from_its_sign_beside_the_chosen_sign(qtbot, context):
    """The "You" figure played the whole capture, the frames before the hands came up first: it stood still
    beside the chosen sign, which started at its sign, as if it had not started."""
    from desktop_app.core.signing.view import sign_only
    from desktop_app.ui.search_page import SearchPage
    from signcore.layout import LEFT_HAND
    from tests.support import with_idle_frames

    clip = context.database.clip_pose(context.database.clips()[0].id)
    page = SearchPage(context)
    qtbot.addWidget(page)
    page.search(SearchQuery.signed(with_idle_frames(clip, 15, 10)))  # half a second before the hands come up
    for preview in (page.query_preview, page.result_preview):
        [track] = preview.canvas.tracks
        assert track.pose.mask[0, LEFT_HAND.start :].any(), "the first frame played has no hand"
        assert preview.time_label.text().startswith("0.00 s of")
    assert page.query_preview.seconds == pytest.approx(sign_only(clip).duration)


@pytest.mark.parametrize("answer", ["Turn upright", "Search as filmed"])
def test_a_pose_file_filmed_on_its_side_is_asked_about_as_an_import_asks_and_searched_upright_if_so(
    qtbot, context, tmp_path, monkeypatch, answer
):
    """Search with a .pose file on its side never asked (import did): drawn on its side, it found nothing
    near the top, even a clip imported upright from the same file."""

    from desktop_app.core.signing.upright import quarter_turns_to_upright, turned
    from desktop_app.ui.search_page import SearchPage
    from signcore.formats.posefile import read_pose, write_pose

    upright_path = TEST_DATA / "pose" / "openpose.pose"
    sideways_path = tmp_path / "hallo.pose"
    write_pose(turned(read_pose(upright_path), 1), sideways_path)
    asked = answering_message_boxes(monkeypatch, answer)
    page = SearchPage(context)
    qtbot.addWidget(page)
    worker = page.search_file(str(upright_path), video_is_selfie=False)
    assert wait_for_outcome(qtbot, worker, 20000)[0] == "finished"
    upright_results = [neighbour.sign_id for neighbour in page.results]
    assert asked == []  # an upright file is searched as it is
    worker = page.search_file(str(sideways_path), video_is_selfie=False)
    assert wait_for_outcome(qtbot, worker, 20000)[0] == "finished"
    qtbot.waitUntil(lambda: page.query is not None, timeout=LOADED_MACHINE_MS)
    assert len(asked) == 1 and asked[0].startswith("“hallo.pose” looks filmed on its side")
    assert page.query is not None
    if answer == "Turn upright":
        assert quarter_turns_to_upright(page.query) == 0
        assert [neighbour.sign_id for neighbour in page.results] == upright_results
    else:
        assert quarter_turns_to_upright(page.query) == 3


def test_at_a_small_window_the_search_players_clocks_are_whole(qtbot, context):
    """At 1000 px the query's clock read "0.2 s of 2.4" (its last " s" cut): the players' least size of
    200 px hid their controls' least width, so the page's least width fitted the window while the players
    were squeezed below what their controls need."""
    from desktop_app.ui.search_page import SearchPage

    page = shown_on_a_small_screen(qtbot, SearchPage(context))
    page.resize(980, 700)  # as wide as the page is in a 1000-pixel window's tabs
    worker = page.search_file(str(TEST_DATA / "pose" / "mediapipe.pose"), video_is_selfie=False)
    assert wait_for_outcome(qtbot, worker, 20000)[0] == "finished"
    qtbot.wait(50)  # the layout settles
    assert page.minimumSizeHint().width() <= 980
    for player in (page.query_preview, page.result_preview):
        clock = player.time_label
        assert clock.text() and clock.width() >= clock.fontMetrics().horizontalAdvance(clock.text())
        assert player.width() >= player.minimumSizeHint().width()


def test_a_long_sign_name_above_the_maps_preview_ends_in_an_ellipsis_and_the_clip_count_stays(qtbot, context):
    """ "“hand_estimation__0ff215ef4f1f1" was cut mid-word above the preview, its end and the clip count on a
    second line; the title is one line ending in "…", whole in its tooltip. Then the "…" took the clip count
    too: only the name is shortened, so "clip 2 of 8" is always read."""
    long_name = "hand_estimation__0ff215ef4f1f111e217e2cefee0adc77_1b2c3d4e5f"
    assert len(long_name) == 60
    database = context.database
    sign = database.signs()[0]
    database.update_sign(sign.id, gloss=long_name)
    pose = database.clip_pose(database.clips(sign.id)[0].id)
    while len(database.clips(sign.id)) < 8:
        database.add_clip(sign.id, pose)
    models_switch.embed_missing(database, context.encoder)
    context.notify_database_changed()
    page = shown_on_a_small_screen(qtbot, EmbeddingMapPage(context))
    title = page.clip_title
    assert title.fontMetrics().horizontalAdvance(NOTHING_CHOSEN) <= title.contentsRect().width()  # whole
    rows = [row for row, sign_id in enumerate(page.sign_ids) if sign_id == sign.id]
    page.choose_row(rows[1])
    qtbot.wait(10)
    assert title.toolTip() == title.text() and long_name in title.text()
    assert title.height() < 2 * title.fontMetrics().lineSpacing()  # one line
    shown = title.shown_text()
    assert title.fontMetrics().horizontalAdvance(shown) <= title.contentsRect().width()
    assert long_name not in shown and "…" in shown, "the name is shortened to fit"
    assert shown.endswith("” — clip 2 of 8"), f"the clip count is cut: {shown!r}"


def test_a_long_sign_name_on_the_map_stays_inside_it_shortened_whole_in_its_tooltip(qtbot, context):
    """ "hand_estimation__0ff215ef4f1f111e217e2c…" next to its dot ran off the map's right edge: a label ends
    in "…" when long (whole in its tooltip), and one near an edge of the map moves aside, still at its dot."""
    long_name = "hand_estimation__0ff215ef4f1f111e217e2cefee0adc77_1b2c3d4e5f"
    page = shown_on_a_small_screen(qtbot, EmbeddingMapPage(context))
    rightmost = max(page.labels, key=lambda label: label.pos().x())
    [sign_id] = {int(page.sign_ids[row]) for row in page.content.rows_named(rightmost.toPlainText())}
    context.database.update_sign(sign_id, gloss=long_name)
    context.notify_database_changed()
    qtbot.wait(50)  # painted
    plot_area = page.plot.plotItem.vb.sceneBoundingRect()
    [label] = [label for label in page.labels if long_name in label.toolTip()]
    assert "…" in label.toPlainText() and long_name not in label.toPlainText()
    for label in page.labels:
        shown = label.sceneBoundingRect()
        assert plot_area.contains(shown), f"{label.toPlainText()!r} runs off the map"
        dot = label.scenePos()  # where the sign's clips are centred
        assert shown.left() <= dot.x() <= shown.right(), f"{label.toPlainText()!r} left its dot"


@pytest.mark.parametrize("auto_start", [False, True])
def test_sign_to_search_starts_and_ends_the_sign_by_button_and_by_space(qtbot, context, cameras, auto_start):
    """A walk-through: "Sign to search" turned into Cancel in its place, and a second click there, meant as
    "stop", threw the sign away. Then it read "Stop and search", greyed until a sign was under way: with
    "Start when my hands come up" off, only Space or a second, smaller "Start attempt" beside the camera
    started one. It does what the page says, as Space does: with raised hands starting a sign, it waits for
    one ("Start signing (Space)" starts it by key); else it starts the sign at once (a second press did).
    Then "Stop and search (Space)" ends it; Cancel is beside it."""
    from PySide6.QtWidgets import QApplication

    from desktop_app.core.signing.session import SegmentEvent
    from desktop_app.ui.search_page import SIGN_TO_SEARCH, START_SIGNING, STOP_AND_SEARCH, SearchPage

    context.use_camera(9, False)
    context.update_settings(auto_start=auto_start)
    page = SearchPage(context)
    shown_in_front(qtbot, page)  # for Space
    qtbot.waitUntil(lambda: page.live.worker is not None, timeout=5000)
    worker = cameras[-1]
    clip = context.database.clip_pose(context.database.clips()[0].id)
    for press in ("button", "Space"):
        worker.told.clear()

        def pressed(press: str = press) -> None:
            if press == "button":
                page.sign_button.click()
            else:
                qtbot.keyClick(QApplication.focusWidget() or page, Qt.Key.Key_Space)

        pressed()  # sign to search
        assert worker.auto_segmentation == auto_start and page.signing
        assert page.cancel_button.isVisible() and not page.live.toggle_button.isVisible()
        if auto_start:  # waits for raised hands, or a press
            assert worker.told == [] and page.sign_button.text() == START_SIGNING
            pressed()
        assert worker.told == ["start"]
        worker.segment_event.emit(SegmentEvent("started", message="Recording"))
        assert page.sign_button.text() == STOP_AND_SEARCH and page.sign_button.isEnabled()
        pressed()
        assert worker.told == ["start", "stop"] and page.signing  # the sign comes in, and is searched
        worker.segment_event.emit(SegmentEvent("finished", message="Got it."))
        page.live.attempt_captured.emit(clip)
        assert not page.signing and page.results and page.sign_button.text() == SIGN_TO_SEARCH
        assert page.live.worker is worker and not worker.auto_segmentation  # on, for the next
    context.update_settings(auto_start=True)
    page.sign_button.click()
    assert page.sign_button.text() == START_SIGNING
    worker.camera_state.emit("The camera stopped sending pictures.")  # lost: nothing to start
    assert not page.sign_button.isEnabled() and page.cancel_button.isEnabled()


def offered(page) -> list[str]:
    """The names the find box's completer lists, as its popup shows them."""
    model = page.find_box.completer().completionModel()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_the_find_box_offers_what_the_lists_search_finds_best_first(qtbot, context):
    """The completer offered only names starting with the text as typed: "you" offered nothing, beside the
    sign "thank-you" that the Practice and Library lists find."""
    page = shown_on_a_small_screen(qtbot, EmbeddingMapPage(context))
    page.find_box.setFocus()
    qtbot.keyClicks(page.find_box, "h")
    assert offered(page) == ["hallo (DGS)", "hello (ASL)"]
    page.find_box.clear()
    qtbot.keyClicks(page.find_box, "you")
    assert offered(page) == ["thank-you (ASL)"]
    qtbot.keyClick(page.find_box.completer().popup(), Qt.Key.Key_Return)
    assert page.find_box.text() == "thank-you (ASL)"
    assert page.content.names[page.chosen_row] == "thank-you (ASL)"


def test_the_camera_rests_while_a_file_is_read_for_a_search(qtbot, context, cameras):
    """The file's tracking and the page's live camera shared a small laptop's two cores, also once
    the learner went to another tab and back while it was read."""
    page, _pressed = search_page_in_front(qtbot, context)
    worker = page.search_file(str(SIGNING_VIDEO), video_is_selfie=True)  # seconds of tracking
    assert page.live.worker is None
    page.live.hide()
    page.live.show()
    QApplication.processEvents()  # where a view shown starts its camera
    assert page.live.worker is None and not worker.isFinished()
    assert wait_for_outcome(qtbot, worker, 60000)[0] == "finished"
    qtbot.waitUntil(lambda: page.live.worker is not None, timeout=5000)  # back once it is read
    assert page.results


def test_search_results_are_cleared_and_said_so_once_the_hand_or_the_signs_change(qtbot, context, tmp_path):
    """After left-handed mode was turned on and signs imported, "The 10 nearest of 62 signs" of the
    right-handed search stayed, the chosen sign now drawn left-handed. Practice clears its result when the
    hand changes; so does the search, saying why where its results were; Cancel does not bring them back."""
    from desktop_app.core.judging.search import NO_SIGNS_TO_SEARCH
    from desktop_app.ui.search_page import QUERY_PROMPT, SearchPage

    page = SearchPage(context)
    qtbot.addWidget(page)
    clip = context.database.clip_pose(
        context.database.clips(context.database.signs(search="coffee")[0].id)[0].id
    )

    def cleared() -> bool:
        return not page.results and page.query is None and page.table.currentItem() is None

    page.search(SearchQuery.signed(clip))
    context.update_settings(auto_start=True)  # not the hand: the results stay
    assert page.results and page.query is not None
    context.update_settings(left_handed=True)
    assert cleared() and page.query_preview.canvas.message == QUERY_PROMPT
    assert page.status.text() == breakable(
        "The last results were cleared, as you turned left-handed mode on: sign again as said under the "
        "camera, or search with a file."
    )

    page.search(SearchQuery.signed(clip))
    hallo = context.database.signs(search="hallo")[0]
    context.library.rename(hallo.id, "Hallo", hallo.language)  # a sign ranked: its name in the results
    assert cleared() and page.status.text().startswith(
        breakable("The last results were cleared, as signs were")
    )

    page.search(SearchQuery.signed(clip))
    page.start_signing()  # the results hidden while the learner signs, back on Cancel: not once out of date
    context.update_settings(left_handed=False)
    page.cancel_signing()
    assert cleared()

    page.search(SearchQuery.signed(clip))
    context.set_database(SignDatabase(tmp_path / "new.db"))  # File → Settings: a new, empty database
    # Said why nothing can be searched; a switch to one with signs is said so in the next test
    assert cleared() and words(page.status) == NO_SIGNS_TO_SEARCH


def test_search_is_offered_only_with_signs_to_search_among_and_a_switch_is_said_so(qtbot, context, tmp_path):
    """Right after a switch to an empty database the page said the last results were cleared "as more
    clips are now ready to search among" (said before the switch, of the other database, and kept), and a
    sign was taken, then "No sign is prepared for this sign model yet: try again in a moment." Now "Sign to
    search" and the file are greyed, and the words say why in the learner's terms, as the signs come."""
    from desktop_app.core.judging.search import CLIPS_NOT_READY, NO_CLIPS_TO_SEARCH, NO_SIGNS_TO_SEARCH
    from desktop_app.ui.search_page import HOW_TO_SEARCH, NOTHING_TO_SIGN_FOR, UNTIL_ASKED, SearchPage

    page = SearchPage(context)
    qtbot.addWidget(page)
    clip = context.database.clip_pose(
        context.database.clips(context.database.signs(search="coffee")[0].id)[0].id
    )
    page.search(SearchQuery.signed(clip))
    hallo = context.database.signs(search="hallo")[0]
    context.library.rename(hallo.id, "Hallo", hallo.language)
    assert words(page.status).startswith("The last results were cleared, as signs were")
    other = SignDatabase(tmp_path / "other.db")
    import_sign_folder(other, TEST_DATA / "dgs" / "3D_full", language="DGS")
    models_switch.embed_missing(other, context.encoder)
    context.set_database(other)  # no results on screen: the words of their clearing are the other database's
    assert words(page.status).startswith(
        "The last results were cleared, as another sign database was opened:"
    )
    assert page.sign_button.isEnabled() and page.file_button.isEnabled()

    context.set_database(SignDatabase(tmp_path / "empty.db"))
    assert words(page.status) == NO_SIGNS_TO_SEARCH
    assert not page.sign_button.isEnabled() and not page.file_button.isEnabled()
    # nor does the line under the camera invite Space, which does nothing now (it said "press Space and sign")
    under_the_camera = page.live.status.text()
    assert under_the_camera in NOTHING_TO_SIGN_FOR and "Space" not in under_the_camera
    assert page.sign_button.text() == "Sign to search"  # nor the greyed button
    page.search(SearchQuery.signed(clip))  # a file chosen before the switch, read after it
    assert words(page.status) == NO_SIGNS_TO_SEARCH and not page.results
    wave = context.database.add_sign("wave")
    context.notify_database_changed()
    assert words(page.status) == NO_CLIPS_TO_SEARCH and not page.file_button.isEnabled()
    context.database.add_clip(wave, clip)
    context.notify_database_changed()
    assert words(page.status) == CLIPS_NOT_READY  # no job makes it ready now
    assert "sign model" not in CLIPS_NOT_READY
    models_switch.embed_missing(context.database, context.encoder)
    context.notify_database_changed()
    assert words(page.status) == HOW_TO_SEARCH
    assert page.sign_button.isEnabled() and page.file_button.isEnabled()
    assert page.live.status.text() in UNTIL_ASKED  # how to sign, again
    assert page.sign_button.text() == "Sign to search (Space)"


def test_search_results_stay_after_a_change_to_nothing_they_were_ranked_on(qtbot, context):
    """A tag edit, a new sign without clips, the background job embedding new clips: each cleared the
    results "as signs were added, changed or deleted". They stay where nothing ranked changed; clips newly
    embedded are said so in their own words."""
    from desktop_app.core.judging.search import MORE_CLIPS
    from desktop_app.ui.search_page import SearchPage

    page = SearchPage(context)
    qtbot.addWidget(page)
    coffee = context.database.signs(search="coffee")[0]
    clip = context.database.clip_pose(context.database.clips(coffee.id)[0].id)
    page.search(SearchQuery.signed(clip))
    results = list(page.results)
    context.library.retag(coffee.id, ["drinks"])
    context.library.add_sign("wave", "ASL")
    context.notify_database_changed()  # the embedding job ending with nothing new embedded
    assert page.results == results and page.query is not None

    context.database.add_clip(coffee.id, seeded_pose(7))
    context.notify_database_changed()  # recorded: not embedded yet, so nothing ranked changed
    assert page.results == results
    models_switch.embed_missing(context.database, context.encoder)
    context.notify_database_changed()
    assert not page.results and words(page.status).startswith(
        f"The last results were cleared, as {MORE_CLIPS}"
    )


def test_a_file_chosen_to_search_with_is_opened_off_the_gui_thread(qtbot, context, monkeypatch):
    """The video chosen was opened, and its first frame read for the selfie question, on the GUI thread: a
    big video on a slow disk froze the window. Both are read on a worker thread now; meanwhile the page
    says so and takes no other search, and the question shows the frame read there."""
    import threading

    from desktop_app.ui import search_page
    from desktop_app.ui.selfie_question import SelfieDialog

    page = search_page.SearchPage(context)
    qtbot.addWidget(page)
    held, release = threading.Event(), threading.Event()
    read_on: list[int] = []
    opened, framed = search_page.refused_file, search_page.first_frame

    def slow_check(path):
        read_on.append(threading.get_ident())
        held.set()
        release.wait(LOADED_MACHINE_MS / 1000)
        return opened(path)

    def first_frame(video):
        read_on.append(threading.get_ident())
        return framed(video)

    monkeypatch.setattr(search_page, "refused_file", slow_check)
    monkeypatch.setattr(search_page, "first_frame", first_frame)
    answering_file_pickers(monkeypatch, str(SIGNING_VIDEO))
    searched, asked = [], []
    monkeypatch.setattr(page, "search_file", lambda path, video_is_selfie: searched.append(video_is_selfie))
    learner_answers = answering_the_selfie_question("a selfie", search_page.ANSWER_FIRST, "Search", asked)
    monkeypatch.setattr(SelfieDialog, "exec", learner_answers)

    worker = page.choose_file()  # returns while the file is being opened
    assert held.wait(LOADED_MACHINE_MS / 1000) and worker is not None and worker.isRunning()
    assert words(page.status) == f"Opening {SIGNING_VIDEO.name}…"
    assert not page.file_button.isEnabled() and not page.sign_button.isEnabled()
    assert asked == [] and searched == []
    release.set()
    wait_for_outcome(qtbot, worker, LOADED_MACHINE_MS)
    assert len(read_on) == 2 and threading.get_ident() not in read_on  # the check and the first frame
    assert asked == [f"Search with {SIGNING_VIDEO.name}"] and searched == [True]  # the frame was shown
    assert page.file_button.isEnabled() and page.sign_button.isEnabled()


def search_beside_another_tab(qtbot, context):
    """A Search page shown in a tab widget, with another tab to go to while a file is opened."""
    from PySide6.QtWidgets import QLabel, QTabWidget

    from desktop_app.ui import search_page

    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    page = search_page.SearchPage(context)
    tabs.addTab(page, "Search")
    tabs.addTab(QLabel("Practice"), "Practice")
    tabs.show()
    qtbot.waitExposed(tabs)
    return tabs, page


def test_a_files_question_waits_while_another_tab_is_shown_and_is_asked_once_back(
    qtbot, context, monkeypatch
):
    """The video chosen was being opened as the learner went to another tab, and Search's selfie
    question popped up over that tab. It waits, the page still "Opening" the file, and is asked once Search
    is shown again: the learner asked for this search, and expects it to go on once back."""
    import threading

    from desktop_app.ui import search_page
    from desktop_app.ui.selfie_question import SelfieDialog

    tabs, page = search_beside_another_tab(qtbot, context)
    held, release = threading.Event(), threading.Event()
    opened = search_page.refused_file

    def slow_check(path):
        held.set()
        release.wait(LOADED_MACHINE_MS / 1000)
        return opened(path)

    monkeypatch.setattr(search_page, "refused_file", slow_check)
    answering_file_pickers(monkeypatch, str(SIGNING_VIDEO))
    searched, asked, asked_over_search = [], [], []
    monkeypatch.setattr(page, "search_file", lambda path, video_is_selfie: searched.append(video_is_selfie))
    learner_answers = answering_the_selfie_question("a selfie", search_page.ANSWER_FIRST, "Search", asked)

    def answers_where_asked(dialog):
        asked_over_search.append(page.isVisible())
        return learner_answers(dialog)

    monkeypatch.setattr(SelfieDialog, "exec", answers_where_asked)
    worker = page.choose_file()
    assert held.wait(LOADED_MACHINE_MS / 1000)
    tabs.setCurrentIndex(1)  # another tab, while the file is being opened
    release.set()
    wait_for_outcome(qtbot, worker, LOADED_MACHINE_MS)
    qtbot.wait(50)
    assert asked == [] and searched == [], "asked over another tab"
    assert words(page.status) == f"Opening {SIGNING_VIDEO.name}…"
    tabs.setCurrentIndex(0)  # back on Search
    qtbot.waitUntil(lambda: searched == [True], timeout=5000)
    assert asked == [f"Search with {SIGNING_VIDEO.name}"] and asked_over_search == [True]


def test_a_sideways_files_question_waits_while_another_tab_is_shown_and_is_asked_once_back(
    qtbot, context, tmp_path, monkeypatch
):
    """The other question a file asks, whether its signer lying on their side is to be turned upright, came
    once the file was read, over whatever tab the learner had gone to meanwhile. It waits as the selfie
    question does (one mechanism), the page still "Reading" the file, and is asked once Search is back."""
    import threading

    from PySide6.QtWidgets import QMessageBox

    from desktop_app.core.signing.upright import quarter_turns_to_upright, turned
    from desktop_app.ui import search_page
    from signcore.formats.posefile import read_pose, write_pose

    sideways_path = tmp_path / "hallo.pose"
    write_pose(turned(read_pose(TEST_DATA / "pose" / "openpose.pose"), 1), sideways_path)
    tabs, page = search_beside_another_tab(qtbot, context)
    held, release = threading.Event(), threading.Event()
    read = search_page.load_query

    def slow_read(*args):
        held.set()
        release.wait(LOADED_MACHINE_MS / 1000)
        return read(*args)

    monkeypatch.setattr(search_page, "load_query", slow_read)
    asked = answering_message_boxes(monkeypatch, "Turn upright")
    learner_answers = QMessageBox.exec
    asked_over_search = []

    def answers_where_asked(box):
        asked_over_search.append(page.isVisible())
        return learner_answers(box)

    monkeypatch.setattr(QMessageBox, "exec", answers_where_asked)
    worker = page.search_file(str(sideways_path), video_is_selfie=False)
    assert held.wait(LOADED_MACHINE_MS / 1000)
    tabs.setCurrentIndex(1)  # another tab, while the file is being read
    release.set()
    assert wait_for_outcome(qtbot, worker, LOADED_MACHINE_MS)[0] == "finished"
    qtbot.wait(50)
    assert asked == [] and page.query is None, "asked over another tab"
    assert words(page.status) == "Reading hallo.pose…"
    tabs.setCurrentIndex(0)  # back on Search
    qtbot.waitUntil(lambda: page.query is not None, timeout=5000)
    assert len(asked) == 1 and asked[0].startswith("“hallo.pose” looks filmed on its side")
    assert asked_over_search == [True] and quarter_turns_to_upright(page.query) == 0


def test_a_cancelled_question_leaves_the_page_as_it_was(qtbot, context, monkeypatch):

    from desktop_app.ui import search_page
    from desktop_app.ui.selfie_question import SelfieDialog

    page = search_page.SearchPage(context)
    qtbot.addWidget(page)
    answering_file_pickers(monkeypatch, str(SIGNING_VIDEO))
    monkeypatch.setattr(page, "search_file", lambda *args: pytest.fail("searched once cancelled"))
    learner_cancels = answering_the_selfie_question("cancelled", search_page.ANSWER_FIRST, "Search", [])
    monkeypatch.setattr(SelfieDialog, "exec", learner_cancels)
    before = page.status.text()
    wait_for_outcome(qtbot, page.choose_file(), LOADED_MACHINE_MS)
    assert page.status.text() == before and page.file_button.isEnabled()


def test_results_cleared_take_the_got_it_of_the_sign_searched_with_away(qtbot, context):
    """A walk-through: with the results cleared (the hand changed), "Got it." stayed under the camera, all
    that was left of the last search."""
    from desktop_app.ui.search_page import UNTIL_ASKED, SearchPage

    page = shown_on_a_small_screen(qtbot, SearchPage(context))
    live = page.live
    page.sign_button.click()
    live._attempt_finished(SimpleNamespace(pose=context.database.clip_pose(context.database.clips()[0].id)))
    live._show_heading()
    assert live.status.text() == "Got it." and page.results
    context.update_settings(left_handed=not context.settings.left_handed)
    assert not page.results and live.status.text() == UNTIL_ASKED[1]
