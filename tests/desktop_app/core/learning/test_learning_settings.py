"""The daily cap of new signs is a setting: saved, read back, kept within bounds from a hand-edited file."""

import json

import pytest

from desktop_app.core.shared.settings import MAX_NEW_SIGNS_PER_DAY, Settings
from signcore.errors import InputError


def test_new_signs_per_day_is_saved_and_read_back(tmp_path):
    path = tmp_path / "settings.json"
    Settings(new_signs_per_day=12).save(path)
    assert Settings.load(path).new_signs_per_day == 12
    assert Settings().new_signs_per_day == 5


@pytest.mark.parametrize(("written", "read"), [(-3, 0), (10_000, MAX_NEW_SIGNS_PER_DAY)])
def test_a_cap_out_of_bounds_is_brought_within_them(tmp_path, written, read):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"new_signs_per_day": written}))
    assert Settings.load(path).new_signs_per_day == read


def test_a_cap_that_is_not_a_number_is_refused_with_the_files_name(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"new_signs_per_day": "many"}))
    with pytest.raises(InputError, match="new_signs_per_day"):
        Settings.load(path)
