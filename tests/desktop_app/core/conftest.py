import pytest

from tests.support import looping_camera


@pytest.fixture(scope="session")
def looping_video():
    """Two and a half loops of the signing video as the camera (tests.support.looping_camera)."""
    return looping_camera(150)
