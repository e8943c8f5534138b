import onnx
import pytest
from onnx import TensorProto, helper
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox, QPushButton

from desktop_app.core.app import models_switch
from desktop_app.core.app.context import AppContext
from desktop_app.core.shared.settings import Settings
from desktop_app.ui.settings_dialog import SettingsDialog
from signcore import contract
from signcore.database import SignDatabase
from signcore.encoder import Encoder, default_model_path
from signcore.errors import ModelError
from tests.support import moving_clip, wait_for_outcome


@pytest.fixture(scope="module")
def shipped_encoder():
    return Encoder()


@pytest.fixture
def context(tmp_path, shipped_encoder):
    database = SignDatabase(tmp_path / "signs.db")
    for gloss, seeds in (("hello", (1, 2)), ("thanks", (3,))):
        sign_id = database.add_sign(gloss)
        for seed in seeds:
            database.add_clip(sign_id, moving_clip(seed=seed))
    context = AppContext(Settings(), database, shipped_encoder, settings_path=tmp_path / "settings.json")
    yield context
    context.close()


@pytest.fixture
def warnings(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    return shown


def wrong_inputs_model(path):
    """A valid ONNX graph that is not an encoder: one input 'x', output 'embedding'."""
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 8])
    y = helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", 8])
    graph = helper.make_graph(
        [helper.make_node("Identity", ["x"], ["embedding"])], "not_an_encoder", [x], [y]
    )
    opset = [helper.make_opsetid("", contract.OPSET)]
    onnx.save(helper.make_model(graph, opset_imports=opset, ir_version=contract.IR_VERSION), path)
    return path


def retagged_copy_of_shipped_model(path):
    """The shipped encoder with one extra metadata entry: valid, but another file (another hash)."""
    model = onnx.load(default_model_path())
    model.metadata_props.append(onnx.StringStringEntryProto(key="note", value="a copy for the tests"))
    onnx.save(model, path)
    return path


def choose_model(qtbot, context, path):
    dialog = SettingsDialog(context)
    qtbot.addWidget(dialog)
    dialog.model_path.edit.setText(str(path))
    dialog.accept()
    return dialog


@pytest.mark.parametrize(
    "make_bad_model, expected",
    [
        (lambda p: p.write_text("this is not a model") and p, "not a usable ONNX model"),
        (wrong_inputs_model, "the model's inputs are ['x']"),
        (lambda p: p.parent, "this is a folder"),
        (lambda p: p, "encoder model not found"),
    ],
    ids=["text file named .onnx", "wrong inputs", "a folder", "missing"],
)
def test_a_broken_model_is_refused_and_the_current_one_stays(
    qtbot, context, tmp_path, warnings, make_bad_model, expected
):
    bad = make_bad_model(tmp_path / "model.onnx")
    current = context.encoder
    dialog = choose_model(qtbot, context, bad)
    assert len(warnings) == 1 and expected in warnings[0] and str(bad) in warnings[0]
    assert context.encoder is current
    assert context.settings.model_path is None
    assert dialog.result() != SettingsDialog.DialogCode.Accepted  # stays open for another choice


def test_a_valid_model_becomes_current_and_the_database_is_re_embedded(qtbot, context, tmp_path, warnings):
    models_switch.embed_missing(context.database, context.encoder)  # the shipped model's cache is complete
    new_path = retagged_copy_of_shipped_model(tmp_path / "other.onnx")
    announced = []
    context.events.model_changed.connect(announced.append)
    dialog = choose_model(qtbot, context, new_path)
    assert dialog.result() == SettingsDialog.DialogCode.Accepted and not warnings
    new_hash = context.encoder.model_hash
    assert announced == [context.encoder] and context.encoder.path == new_path
    assert context.settings.model_path == str(new_path)
    assert Settings.load(tmp_path / "settings.json").model_path == str(new_path)  # persisted
    assert wait_for_outcome(qtbot, dialog.reembed_worker, 30000) == ("finished", 3)
    assert context.database.clips_missing_embedding(new_hash) == []
    clip_ids, _, glosses, matrix = context.database.embeddings_for(new_hash)
    assert sorted(glosses) == ["hello", "hello", "thanks"] and matrix.shape == (3, 64)
    assert context.gallery() is not None and len(context.gallery()) == 3


def test_embed_missing_is_cancellable_and_keeps_finished_batches(context, monkeypatch):
    monkeypatch.setattr(models_switch, "EMBED_BATCH", 2)
    calls = []
    cancel_after_first_batch = lambda: len(calls) >= 1
    done = models_switch.embed_missing(
        context.database,
        context.encoder,
        progress=lambda *a: calls.append(a),
        cancel=cancel_after_first_batch,
    )
    assert done == 2
    assert len(context.database.clips_missing_embedding(context.encoder.model_hash)) == 1


def test_describe_and_load_errors(shipped_encoder, tmp_path):
    text = models_switch.describe(shipped_encoder)
    # was "encoder.onnx, a sign…", then "…, dated 05 December 2026": the day the file was copied
    assert text.startswith("the sign model that comes with the app. It learnt")
    # was: "Trained on 16 … signs (845 clips), 3,012 further DGS signs … the right sign first for 97%"
    assert text.endswith(
        ". It learnt from clips of German Sign Language (DGS) and American Sign Language (ASL)."
        " Tried on signs it had not learnt, it recognised nearly all of them."
    )
    assert models_switch.current_model(shipped_encoder) == f"In use: {text}"
    assert models_switch.current_model(None).startswith("No usable model is loaded")
    with pytest.raises(ModelError):
        models_switch.load_encoder(tmp_path)


def test_other_settings_are_saved(qtbot, context, tmp_path):
    dialog = SettingsDialog(context)
    qtbot.addWidget(dialog)
    dialog.left_handed.setChecked(True)
    dialog.mirror_display.setChecked(False)
    dialog.playback_speed.setCurrentIndex(dialog.playback_speed.findData(0.25))
    dialog.accept()
    saved = Settings.load(tmp_path / "settings.json")
    assert (saved.left_handed, saved.mirror_display, saved.playback_speed) == (True, False, 0.25)
    assert dialog.reembed_worker is None  # nothing to re-embed without a model or database change


def test_browsing_for_a_database_opens_an_existing_one_without_asking_to_replace_it(
    qtbot, context, tmp_path, monkeypatch
):
    """Browse… asked "garbage.db already exists. Do you want to replace it?" of a file it then opened, left
    as it was: a learner opening a backup was scared off. It says it opens one, or starts one."""
    backup = tmp_path / "backup.db"
    SignDatabase(backup).close()
    shown = []

    def learner_picks_the_backup(picker: QFileDialog) -> int:
        shown.append(picker)
        picker.setOption(
            QFileDialog.Option.DontUseNativeDialog
        )  # the dialog Qt draws: this test can answer it
        picker.selectFile(str(backup))
        picker.accept()  # what its button does; a replace question would stop here
        return picker.result()

    monkeypatch.setattr(QFileDialog, "exec", learner_picks_the_backup)
    dialog = SettingsDialog(context)
    qtbot.addWidget(dialog)
    browse = next(b for b in dialog.database_path.findChildren(QPushButton) if b.text() == "Browse…")
    browse.click()
    [picker] = shown
    assert picker.windowTitle() == "Open a sign database, or type a new name to start one"
    assert picker.testOption(QFileDialog.Option.DontConfirmOverwrite)
    assert picker.labelText(QFileDialog.DialogLabel.Accept) == "Open"
    assert dialog.database_path.value() == str(backup)


def test_switching_the_database_file(qtbot, context, tmp_path, warnings):
    not_a_database = tmp_path / "notes.db"
    not_a_database.write_text("my shopping list")
    dialog = SettingsDialog(context)
    qtbot.addWidget(dialog)
    dialog.database_path.edit.setText(str(not_a_database))
    old = context.database
    dialog.accept()
    assert "not a sign database" in warnings[0] and context.database is old
    assert "SQLite" not in warnings[0]  # a developer's word
    assert not_a_database.read_text() == "my shopping list"  # left as it was

    assert dialog.database_note.text() == ""  # the file is there: it is opened, or refused on OK
    new_path = tmp_path / "other" / "signs.db"
    dialog.database_path.edit.setText(str(new_path))
    # Said before it happens: typed, a new name made an empty database without a word
    assert dialog.database_note.text().startswith(
        "No file has this name yet: OK starts a new, empty sign database there, without the starter signs."
    )
    dialog.accept()
    assert context.database.path == new_path and context.database.signs() == []
    assert context.settings.database_path == str(new_path)
    assert dialog.reembed_worker is None  # an empty database has nothing to embed


def test_the_settings_say_nothing_of_a_new_database_for_the_default_or_one_that_exists(
    qtbot, context, tmp_path
):
    dialog = SettingsDialog(context)
    qtbot.addWidget(dialog)
    assert dialog.database_note.text() == ""  # the learner's default database
    dialog.database_path.edit.setText(str(tmp_path / "signs.db"))  # the one in use
    assert dialog.database_note.text() == ""
    dialog.database_path.edit.setText(str(tmp_path / "new.db"))
    assert dialog.database_note.text() == models_switch.NEW_DATABASE_NOTE
    dialog.database_path.edit.clear()
    assert dialog.database_note.text() == ""


def test_the_note_on_a_new_database_is_shown_whole_in_the_open_settings(qtbot, context, tmp_path):
    """At 1000 x 520 the window does not grow by itself for wrapped words (adjustSize stops at two thirds
    of the screen): the note, or the words above it, came squeezed between the name and OK."""
    dialog = SettingsDialog(context)
    qtbot.addWidget(dialog)
    dialog.camera_note.setText("A long note on the camera. " * 40)  # the window as tall as it opens
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.database_path.edit.setText(str(tmp_path / "new.db"))
    # Every wrapped line of it and of the rest has its room: none was squeezed to make room for the note
    qtbot.waitUntil(lambda: dialog.height() >= dialog.layout().totalHeightForWidth(dialog.width()))
    assert dialog.database_note.text() == models_switch.NEW_DATABASE_NOTE


def test_a_database_switched_from_while_its_clips_are_embedded_is_closed_once_that_has_stopped(
    qtbot, context, tmp_path, warnings, monkeypatch
):
    """OK in the settings twice quickly, another database each time: the first one's embedding met its
    database closed ("the database is closed"). Stopped first, what it embedded is kept."""
    import threading
    import time

    started = threading.Event()

    def embedding(database, encoder, progress=None, cancel=None):
        started.set()
        batches = 0
        while not cancel():
            database.clips()  # a batch read and stored
            batches += 1
            time.sleep(0.01)
        return batches

    monkeypatch.setattr(models_switch, "embed_missing", embedding)
    first = tmp_path / "first.db"
    with SignDatabase(first) as database:
        database.add_clip(database.add_sign("wave"), moving_clip(seed=4))
    for path in (first, tmp_path / "second.db"):
        dialog = SettingsDialog(context)
        qtbot.addWidget(dialog)
        dialog.database_path.edit.setText(str(path))
        dialog.accept()
        if path == first:
            worker = dialog.reembed_worker
            assert started.wait(10)
    assert worker.outcome is not None and worker.outcome[0] == "finished"  # ended before its database closed
    qtbot.wait(50)  # a failure would be said now
    assert warnings == [] and context.database.path == tmp_path / "second.db"


def test_ok_stays_where_it_was_as_the_note_on_a_new_database_comes_and_goes(qtbot, context, tmp_path):
    """A walk-through: a path typed named no file for a moment (the note came, the window grew),
    then a file (the note went): a blank band was left and OK sat ~47 px lower, where a click missed it."""
    existing = tmp_path / "corrupt.db"
    existing.write_bytes(b"not a database")
    dialog = SettingsDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    ok = dialog.findChild(QDialogButtonBox)

    def ok_place() -> tuple[int, int]:
        QApplication.processEvents()
        return ok.mapTo(dialog, ok.rect().topLeft()).y(), dialog.height()

    first = ok_place()
    for path in (tmp_path / "corr", existing, tmp_path / "half", ""):
        dialog.database_path.edit.setText(str(path))
        assert ok_place() == first, path
