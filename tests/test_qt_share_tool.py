"""tools/qt_share.py: which files count as importing Qt, and the share it reports."""

from tests.test_platform_support import load_tool


def test_any_import_of_qt_counts_lazy_ones_included_and_nothing_else():
    qt_share = load_tool("qt_share")
    assert qt_share.imports_qt("import PySide6.QtCore\n")
    assert qt_share.imports_qt("def draw():\n    import pyqtgraph as pg\n")
    assert qt_share.imports_qt("if TYPE_CHECKING:\n    from PySide6.QtWidgets import QWidget\n")
    assert not qt_share.imports_qt("from .PySide6 import x\nimport numpy\n# import PySide6\n")
    assert not qt_share.imports_qt("text = 'from PySide6 import QtCore'\nimport PySide6_helpers\n")


def test_the_share_is_counted_over_every_line_of_every_file(tmp_path):
    qt_share = load_tool("qt_share")
    (tmp_path / "ui").mkdir()
    (tmp_path / "model.py").write_text("a = 1\n\nb = 2\n")
    (tmp_path / "ui" / "view.py").write_text("from PySide6 import QtCore\n")
    counts = qt_share.line_counts(tmp_path)
    assert counts == {tmp_path / "model.py": (3, False), tmp_path / "ui" / "view.py": (1, True)}
