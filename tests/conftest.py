import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_user_data(tmp_path_factory, monkeypatch):
    """No test may touch the real user's data folder."""
    monkeypatch.setenv("SIGNPRACTICE_DATA_DIR", str(tmp_path_factory.mktemp("userdata")))
