import gc
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_collection_finish(session):
    """What is alive once every test module is imported (torch, mediapipe, Qt, numpy: some 300,000 objects)
    lives to the end, so no collection needs to look at it again: each Qt test ends with a full collection
    (below), about a tenth of a second a test without this."""
    gc.collect()
    gc.freeze()


_module_started: list[str] = []  # the test module whose tests run now


def pytest_runtest_setup(item):
    """The same at the start of each test module, once the module before has let go of its fixtures: what
    its tests imported on the way (torch's ONNX exporter alone is some 300,000 more objects) stays too."""
    if _module_started[-1:] != [item.nodeid.split("::")[0]]:
        _module_started[:] = [item.nodeid.split("::")[0]]
        gc.collect()
        gc.freeze()


@pytest.fixture(autouse=True)
def _qt_garbage_collected_on_the_gui_thread(request):
    """As in the app (desktop_app.ui.garbage): in a Qt test no worker thread may collect Qt objects."""
    if "qtbot" not in request.fixturenames and "qapp" not in request.fixturenames:
        yield
        return
    from desktop_app.ui.garbage import garbage_collected_on_this_thread

    request.getfixturevalue("qapp")  # the timer needs the application
    with garbage_collected_on_this_thread():
        yield


@pytest.fixture(autouse=True)
def _isolated_user_data(tmp_path_factory, monkeypatch):
    """No test may touch the real user's data folder."""
    monkeypatch.setenv("SIGNPRACTICE_DATA_DIR", str(tmp_path_factory.mktemp("userdata")))


@pytest.fixture(scope="session")
def signing_video_pose():
    """``extract_video(SIGNING_VIDEO, mirrored=True)``: the signing video through MediaPipe as a selfie, made
    once for the tests that read it (seconds each time). Its arrays are read-only: no test can change it
    for the next."""
    from signcore.extract import extract_video
    from tests.support import SIGNING_VIDEO

    pose = extract_video(SIGNING_VIDEO, mirrored=True)
    for array in (pose.points, pose.mask, pose.timestamps):
        array.flags.writeable = False
    return pose


@pytest.fixture(scope="session")
def qapp(qapp):
    """pytest-qt's application, in the app's style (as run_app sets it): every widget shows the keyboard on
    it as the learner sees it."""
    from desktop_app.ui.panes import shows_the_keyboard_everywhere

    shows_the_keyboard_everywhere()
    return qapp
