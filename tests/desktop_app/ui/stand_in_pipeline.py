"""A live view's camera worker without a camera, for the tests of the views that start one."""

from PySide6.QtCore import QObject, Signal

from tests.support import CameraWorkerStandIn


class PipelineStandIn(QObject, CameraWorkerStandIn):
    """A live view's camera worker (desktop_app.ui.pipeline.PipelineWorker) without a camera: the test emits
    what it would report, and reads what it was told."""

    frame_ready = Signal(object)
    segment_event = Signal(object)
    attempt_scored = Signal(object)
    camera_state = Signal(str)
    failed = Signal(str)

    def __init__(self, source, encoder=None, mirror_display=True, turns=0):
        QObject.__init__(self)
        CameraWorkerStandIn.__init__(self, turns)
        self.source = source
        self.encoder = encoder
        self.auto_segmentation = True

    def set_auto_segmentation(self, enabled):
        self.auto_segmentation = enabled

    def start(self):
        pass


def stand_in_pipelines(monkeypatch) -> list[PipelineStandIn]:
    """The stand-in workers the live views start from now on, in order."""
    started: list[PipelineStandIn] = []

    def start(*args, **kwargs):
        started.append(PipelineStandIn(*args, **kwargs))
        return started[-1]

    monkeypatch.setattr("desktop_app.ui.live_camera.PipelineWorker", start)
    return started
