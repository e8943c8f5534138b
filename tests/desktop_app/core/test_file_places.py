"""Where the file pickers open: beside the file a field names, else the last folder picked, else home."""

from pathlib import Path

from desktop_app.core.shared.file_places import picker_start


def test_a_picker_opens_at_home_at_first_never_in_the_working_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # an installed app's working folder is its installation
    assert picker_start(None) == str(Path.home())
    assert picker_start(None, name="history.csv") == str(Path.home() / "history.csv")
    relative = "models/encoder.onnx"  # a field's relative path is the working folder's
    assert picker_start(None, current=relative) == str(Path.home())


def test_then_where_the_learner_last_picked_something_while_it_is_there(tmp_path):
    videos = tmp_path / "videos"
    videos.mkdir()
    assert picker_start(str(videos)) == str(videos)
    assert picker_start(str(videos), name="my data.zip") == str(videos / "my data.zip")
    assert picker_start(str(tmp_path / "unplugged stick")) == str(Path.home())


def test_beside_the_file_a_field_names_already(tmp_path):
    models = tmp_path / "models"
    models.mkdir()
    assert picker_start(str(tmp_path), current=str(models / "encoder.onnx")) == str(models)
    assert picker_start(str(tmp_path), current=str(tmp_path / "gone" / "encoder.onnx")) == str(tmp_path)
