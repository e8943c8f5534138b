"""Fast checks of the installer tooling (the bundle itself is built and smoke-tested by tools/, not here).

* the app imports nothing that installer.spec leaves out of the bundle (that would only show in the
  built app, as an ImportError on the learner's machine);
* every MediaPipe bundle the app's code names is in models/, where the spec takes it from;
* Qt still collates, maps case and names time zones with the smaller ICU data the spec builds, and the
  libraries only the left-out Qt plugins need go with them (and no others);
* tools/smoke_test_bundle.py really catches what it is meant to catch, run against small stand-in
  executables: a bundle that writes into its own folder, a failing self-test, a report without a body.
"""

from __future__ import annotations

import ast
import importlib.metadata
import importlib.util
import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import REPO

SPEC = REPO / "installer.spec"
APP_PACKAGES = ("desktop_app", "signcore")


def spec_values(*names: str, **provided: object) -> dict:
    """Evaluate the spec's top-level definitions of ``names`` without running PyInstaller (``provided``: what
    PyInstaller would define, such as ``workpath``)."""
    tree = ast.parse(SPEC.read_text(), str(SPEC))
    wanted = [
        node
        for node in tree.body
        if (isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) in names)
        or (isinstance(node, ast.FunctionDef) and node.name in names)
    ]
    namespace = {
        "REPO": REPO,
        "APP_PACKAGES": APP_PACKAGES,
        "Path": Path,
        "re": re,
        "importlib": importlib,
        "sys": sys,
        "shutil": shutil,
        "subprocess": subprocess,
        **provided,
    }
    exec(compile(ast.Module(body=wanted, type_ignores=[]), str(SPEC), "exec"), namespace)
    return {name: namespace[name] for name in names}


def imported_modules(package: str) -> set[str]:
    """Every module named by an import statement anywhere in the package (function-level ones too)."""
    modules = set()
    for path in (REPO / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                modules.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules.add(node.module)
                modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


@pytest.mark.slow
def test_the_app_imports_nothing_the_bundle_leaves_out():
    values = spec_values("EXCLUDED_PACKAGES", "EXCLUDED_QT_MODULES")
    assert (
        "torch" in values["EXCLUDED_PACKAGES"] and "PySide6.QtWebEngineCore" in values["EXCLUDED_QT_MODULES"]
    )
    excluded = set(values["EXCLUDED_PACKAGES"]) | set(values["EXCLUDED_QT_MODULES"])
    for package in APP_PACKAGES:
        clashes = sorted(
            module
            for module in imported_modules(package)
            if any(module == name or module.startswith(name + ".") for name in excluded)
        )
        assert not clashes, f"{package} imports {clashes}, which installer.spec excludes from the bundle"


def test_every_mediapipe_bundle_the_app_names_is_in_models():
    bundles = spec_values("task_bundles_named_by_the_app")["task_bundles_named_by_the_app"]()
    assert bundles, "the app's code names no models/*.task file, so the bundle would have no tracker"
    for path in bundles:
        assert path.is_file(), f"the app uses {path.name}, which is not in models/"


@pytest.mark.slow
def test_libraries_auditwheel_rewrote_are_not_stripped():
    values = spec_values("IS_LINUX", "files_rewritten_by_auditwheel", "should_strip")
    rewritten = values["files_rewritten_by_auditwheel"]()
    numpy_libraries = sorted(
        Path(importlib.util.find_spec("numpy").origin).parent.parent.glob("numpy.libs/*")
    )
    assert numpy_libraries, "this test needs numpy's wheel, which auditwheel repaired"
    for library in numpy_libraries:
        assert str(library.resolve()) in rewritten
        assert not values["should_strip"](str(library), rewritten)
    mediapipe_library = Path(importlib.util.find_spec("mediapipe").origin).parent / "tasks/c/libmediapipe.so"
    assert values["should_strip"](str(mediapipe_library), rewritten)
    assert values["should_strip"]("/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0", rewritten)


def test_the_icon_converts_to_the_windows_and_macos_formats(tmp_path):
    icon_tools = pytest.importorskip(
        "PyInstaller.building.icon", reason="needs PyInstaller (the installer extra)"
    )
    pytest.importorskip("PIL", reason="PyInstaller converts icons with Pillow")
    icon = spec_values("ICON")["ICON"]
    for kind in ("ico", "icns"):
        converted = Path(icon_tools.normalize_icon_type(str(icon), (kind,), kind, str(tmp_path)))
        assert converted.suffix == f".{kind}" and converted.stat().st_size > 1000


def test_the_desktop_qt_platforms_stay_and_embedded_ones_go():
    unused = spec_values("UNUSED_QT_PLUGINS")["UNUSED_QT_PLUGINS"]
    for kept in ("xcb", "wayland", "offscreen"):
        assert not unused.match(f"PySide6/Qt/plugins/platforms/libq{kept}.so")
    assert not unused.match("PySide6/Qt/lib/libQt6XcbQpa.so.6")
    assert unused.match("PySide6/Qt/plugins/platforms/libqvnc.so")
    assert unused.match("PySide6/Qt/lib/libQt6Network.so.6")


def needs_build_tools(*tools: str) -> None:
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (binutils, icu-devtools), as the installer build does")


# Run with the rebuilt libicudata first on the loader's path: what Qt does with it, as JSON.
ICU_CHECK = """
import json
from PySide6.QtCore import QCollator, QLocale, QTimeZone
words = ["z", "å", "a", "ö", "o", "file10", "file9"]
def collated(locale):
    collator = QCollator(QLocale(locale))
    collator.setNumericMode(True)
    return sorted(words, key=collator.sortKey)
berlin = QTimeZone(b"Europe/Berlin")
standard, long_name = QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName
print(json.dumps({
    "loaded": [line.split()[-1] for line in open("/proc/self/maps") if "libicudata" in line][0],
    "sv": collated("sv_SE"), "de": collated("de_DE"),
    "zone": berlin.displayName(standard, long_name, QLocale("en_US")),
    "upper": QLocale("tr_TR").toUpper("i"),
}))
"""


@pytest.mark.slow
def test_qt_collates_and_names_time_zones_with_the_smaller_icu_data(tmp_path):
    needs_build_tools("readelf", "icupkg", "as", "ld")
    full = next(
        (Path(importlib.util.find_spec("PySide6").origin).parent / "Qt" / "lib").glob("libicudata.so.*"), None
    )
    if full is None:
        pytest.skip("this PySide6 brings no ICU of its own")
    build = spec_values(
        "ICU_DATA_KEPT",
        "ICU_DATA_ASSEMBLY",
        "build_tool_output",
        "icu_data_of",
        "reduced_icu_data",
        workpath=str(tmp_path),
    )
    reduced = Path(build["reduced_icu_data"](str(full), full.name))
    assert reduced.name == full.name and reduced.stat().st_size < full.stat().st_size / 2
    run = subprocess.run(
        [sys.executable, "-c", ICU_CHECK],
        env={**os.environ, "LD_LIBRARY_PATH": str(reduced.parent), "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    qt = json.loads(run.stdout)
    assert qt["loaded"] == str(reduced)
    assert qt["sv"] == ["a", "file9", "file10", "o", "z", "å", "ö"]  # Swedish: å and ö after z
    assert qt["de"] == ["a", "å", "file9", "file10", "o", "ö", "z"]
    assert qt["zone"] == "Central European Standard Time" and qt["upper"] == "İ"


def tiny_library(folder: Path, name: str, *needs: str) -> Path:
    """An empty shared library ``name`` that asks the loader for ``needs`` (its DT_NEEDED entries)."""
    (folder / "empty.s").write_text("")
    subprocess.run(["as", "-o", str(folder / "empty.o"), str(folder / "empty.s")], check=True)
    libraries = [f"-l:{library}" for library in needs]
    command = ["ld", "-shared", "-soname", name, "-o", str(folder / name), str(folder / "empty.o")]
    subprocess.run([*command, "-L", str(folder), *libraries], check=True)
    return folder / name


def test_libraries_only_the_left_out_plugins_need_go_with_them(tmp_path):
    needs_build_tools("readelf", "as", "ld")
    glib = tiny_library(tmp_path, "libglib.so.0")
    harfbuzz = tiny_library(tmp_path, "libharfbuzz.so.0", "libglib.so.0")
    pango = tiny_library(tmp_path, "libpango.so.0", "libglib.so.0", "libharfbuzz.so.0")
    gtk = tiny_library(tmp_path, "libgtk.so.0", "libpango.so.0")
    qt_gui = tiny_library(tmp_path, "libQt6Gui.so.6", "libglib.so.0", "libharfbuzz.so.0")
    qt_extra = tiny_library(tmp_path, "libQt6Extra.so.6")
    theme = tiny_library(tmp_path, "libqtheme.so", "libgtk.so.0", "libQt6Gui.so.6", "libQt6Extra.so.6")
    kept = [
        ("libglib.so.0", str(glib), "BINARY"),
        ("libharfbuzz.so.0", str(harfbuzz), "BINARY"),
        ("libpango.so.0", str(pango), "BINARY"),
        ("libgtk.so.0", str(gtk), "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", str(qt_gui), "BINARY"),
        ("PySide6/Qt/lib/libQt6Extra.so.6", str(qt_extra), "BINARY"),  # not a system library: stays
    ]
    left_out = [("PySide6/Qt/plugins/platformthemes/libqtheme.so", str(theme), "BINARY")]
    prune = spec_values("build_tool_output", "needed_libraries", "loaded_by", "needed_by_left_out_parts_only")
    assert prune["needed_by_left_out_parts_only"](kept, left_out) == {"libgtk.so.0", "libpango.so.0"}


# -- the smoke test, against stand-in executables ----------------------------------------------------------


def load_smoke_tool():
    spec = importlib.util.spec_from_file_location(
        "smoke_test_bundle", REPO / "tools" / "smoke_test_bundle.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


smoke = load_smoke_tool()

# A stand-in for the built app. As the window (no --selftest) it runs WINDOW, by default: stay up. As the
# self-test it records where it ran and with which environment variables, writes a database to the data
# folder, runs EXTRA and prints a report.
STAND_IN = """#!/bin/sh
if [ "$3" != "--selftest" ]; then {window}; fi
printf '%s\\n%s\\n' "$(cd "$(dirname "$0")" && pwd)" "$(env | cut -d= -f1 | sort | tr '\\n' ' ')" > "{record}"
printf 'sqlite' > "$SIGNPRACTICE_DATA_DIR/signs.db"
{extra}
echo 'INFO desktop_app: a log line on stderr' >&2
cat <<EOF
{{"frames": 3, "frames_with_body": {body}, "top5": [{{"gloss": "hello"}}],
 "database": "$SIGNPRACTICE_DATA_DIR/signs.db", "fps": 30.0}}
EOF
"""


def make_bundle(
    tmp_path: Path, extra: str = "", body: int = 3, window: str = "exec sleep 60"
) -> tuple[Path, Path]:
    bundle = tmp_path / "dist" / "SignPractice"
    (bundle / "_internal").mkdir(parents=True)
    record = tmp_path / "record.txt"
    executable = bundle / smoke.EXECUTABLE_NAME
    executable.write_text(STAND_IN.format(record=record, extra=extra, body=body, window=window))
    executable.chmod(executable.stat().st_mode | stat.S_IXUSR)
    return bundle, record


def run_smoke(bundle: Path) -> dict:
    video = REPO / "tests" / "data" / "pose_format_test_video.mp4"
    return smoke.smoke_test(
        bundle, video, REPO / "tests" / "data" / "signing_one_frame.mp4", window_seconds=1
    )


@pytest.mark.slow
def test_smoke_test_runs_the_moved_bundle_in_a_clean_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("VIRTUAL_ENV", "/work/venv")
    bundle, record = make_bundle(tmp_path)
    summary = run_smoke(bundle)
    ran_from, variables = record.read_text().splitlines()
    assert Path(ran_from) != bundle and "moved here" in ran_from
    assert "VIRTUAL_ENV" not in variables.split() and "PYTHONPATH" not in variables.split()
    assert summary["frames"] == 3 and summary["user_data_files"] == ["signs.db"]
    assert summary["bundle_unchanged"] and (bundle / smoke.EXECUTABLE_NAME).is_file()  # moved back


@pytest.mark.slow
def test_smoke_test_catches_a_bundle_that_writes_into_its_own_folder(tmp_path):
    bundle, _ = make_bundle(tmp_path, extra='touch "$(dirname "$0")/_internal/settings.json"')
    with pytest.raises(
        smoke.SmokeTestFailed, match=r"wrote into its own folder: added _internal/settings\.json"
    ):
        run_smoke(bundle)
    assert (bundle / smoke.EXECUTABLE_NAME).is_file()


def test_smoke_test_reports_a_failing_selftest_with_its_output(tmp_path):
    bundle, _ = make_bundle(tmp_path, extra="echo 'self-test failed: no camera' >&2; exit 1")
    with pytest.raises(smoke.SmokeTestFailed, match="(?s)exited with status 1.*no camera"):
        run_smoke(bundle)
    assert (bundle / smoke.EXECUTABLE_NAME).is_file()


def test_smoke_test_catches_a_window_that_crashes_at_start(tmp_path):
    crash = "echo 'Traceback (most recent call last):' >&2; echo 'ImportError: QtSvg' >&2; exit 1"
    bundle, _ = make_bundle(tmp_path, window=crash)
    with pytest.raises(smoke.SmokeTestFailed, match="(?s)exited with status 1 within 1 s.*QtSvg"):
        run_smoke(bundle)


@pytest.mark.slow
def test_smoke_test_catches_a_traceback_in_a_running_window(tmp_path):
    bundle, _ = make_bundle(tmp_path, window="echo 'Traceback (most recent call last):' >&2; exec sleep 60")
    with pytest.raises(smoke.SmokeTestFailed, match="raised while running"):
        run_smoke(bundle)


def test_smoke_test_refuses_a_bundle_holding_torch_or_qt_webengine(tmp_path):
    bundle, _ = make_bundle(tmp_path)
    (bundle / "_internal" / "torch").mkdir()
    (bundle / "_internal" / "libQt6WebEngineCore.so.6").write_bytes(b"")
    with pytest.raises(smoke.SmokeTestFailed, match="_internal/libQt6WebEngineCore.so.6, _internal/torch"):
        run_smoke(bundle)


def test_smoke_test_refuses_a_bundle_grown_past_its_size_budget(tmp_path):
    bundle, _ = make_bundle(tmp_path)
    with open(bundle / "_internal" / "libunstripped.so", "wb") as library:
        library.truncate((smoke.MAX_BUNDLE_MIB + 1) * 2**20)  # sparse: takes no disk space
    with pytest.raises(smoke.SmokeTestFailed, match="MiB, more than"):
        run_smoke(bundle)


def test_smoke_test_fails_when_no_body_was_found(tmp_path):
    bundle, _ = make_bundle(tmp_path, body=0)
    with pytest.raises(smoke.SmokeTestFailed, match="no body found"):
        run_smoke(bundle)


def test_smoke_test_names_a_missing_bundle(tmp_path, capsys):
    assert smoke.main(["--bundle", str(tmp_path / "nowhere")]) == 2
    assert "nowhere/SignPractice: not found" in capsys.readouterr().err


def test_parse_report_reads_the_indented_json_the_selftest_prints():
    report = {"frames": 2, "top5": [{"gloss": "ja"}]}
    assert smoke.parse_report(json.dumps(report, indent=2)) == report
    assert smoke.parse_report("Traceback (most recent call last):") is None


@pytest.mark.slow
def test_mediapipe_imports_without_matplotlib_as_in_the_bundle():
    """The bundle leaves matplotlib out; signcore.mediapipe_import must still import MediaPipe's tasks."""
    script = """
import importlib.abc, sys

class HideMatplotlib(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "matplotlib" or name.startswith("matplotlib."):
            raise ModuleNotFoundError(name)
        return None

sys.meta_path.insert(0, HideMatplotlib())
from signcore.mediapipe_import import vision
assert hasattr(vision, "HolisticLandmarker")
import matplotlib.pyplot as plt
try:
    plt.figure()
except ImportError as error:
    print("stand-in:", error)
"""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "stand-in: matplotlib.figure: matplotlib is not installed" in result.stdout
