"""How much of desktop_app lives in files that never import Qt (issue 15's "Done when" figure).

    python tools/qt_share.py            # the share, then the Qt files, largest first
    python tools/qt_share.py --quiet    # the share only

A file "imports Qt" when any import statement in it names PySide6 or pyqtgraph, wherever the statement
sits (module top, inside a function, under TYPE_CHECKING). Lines are physical lines, blank and comment
lines included, so the figure cannot be moved by reformatting.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

QT_PACKAGES = ("PySide6", "pyqtgraph")
PACKAGE = Path(__file__).resolve().parent.parent / "desktop_app"


def imports_qt(source: str) -> bool:
    """Whether any import statement anywhere in ``source`` names a Qt package."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        if any(name.split(".")[0] in QT_PACKAGES for name in names):
            return True
    return False


def line_counts(package: Path) -> dict[Path, tuple[int, bool]]:
    """Each .py file under ``package``: (its line count, whether it imports Qt)."""
    counts = {}
    for path in sorted(package.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        counts[path] = (len(source.splitlines()), imports_qt(source))
    return counts


def main(argv: list[str]) -> int:
    counts = line_counts(PACKAGE)
    total = sum(lines for lines, _ in counts.values())
    qt_free = sum(lines for lines, qt in counts.values() if not qt)
    share = 100 * qt_free / total
    print(f"desktop_app: {qt_free} of {total} lines ({share:.1f}%) are in files that never import Qt")
    if "--quiet" not in argv:
        qt_files = sorted(((lines, path) for path, (lines, qt) in counts.items() if qt), reverse=True)
        for lines, path in qt_files:
            print(f"  {lines:5d}  {path.relative_to(PACKAGE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
