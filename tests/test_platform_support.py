"""The platform tooling, without the network: how tools/check_platform_resolution.py reads wheel names and
builds pip's command, and the build backend's refusal on Intel Macs (the resolution itself runs in CI)."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from tests.support import REPO


def load_tool(name: str):
    spec = importlib.util.spec_from_file_location(name, REPO / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def resolution():
    return load_tool("check_platform_resolution")


def test_manylinux_tags_cover_every_older_glibc(resolution):
    tags = resolution.manylinux_tags("aarch64", 39)
    assert tags[0] == "manylinux_2_39_aarch64"
    assert "manylinux_2_28_aarch64" in tags and "manylinux_2_17_aarch64" in tags
    assert tags[-1] == "manylinux2014_aarch64"
    assert "manylinux_2_40_aarch64" not in tags


def test_the_tag_that_fits_and_the_newest_system_needed(resolution):
    linux = resolution.PLATFORMS["linux-x86_64"]
    mac = resolution.PLATFORMS["macos-arm64"]
    numpy = "numpy-2.4.6-cp311-cp311-manylinux_2_27_x86_64.manylinux_2_28_x86_64.whl"
    qt = "pyside6_essentials-6.11.3-cp310-abi3-manylinux_2_34_x86_64.whl"
    assert resolution.fitting_tag(numpy, linux) == "manylinux_2_27_x86_64"
    assert resolution.fitting_tag("tqdm-4.70.1-py3-none-any.whl", linux) == "any"
    assert resolution.newest_system_needed([numpy, qt, "tqdm-4.70.1-py3-none-any.whl"], linux) == "glibc 2.34"
    sounddevice = "sounddevice-0.5.6-py3-none-macosx_10_6_x86_64.macosx_10_6_universal2.whl"
    assert resolution.fitting_tag(sounddevice, mac) == "macosx_10_6_universal2"  # never the Intel build
    onnxruntime = "onnxruntime-1.32.0-cp313-cp313-macosx_14_0_arm64.whl"
    assert resolution.newest_system_needed([sounddevice, onnxruntime], mac) == "macOS 14.0"
    assert (
        resolution.newest_system_needed(
            ["x-1-cp311-cp311-win_amd64.whl"], resolution.PLATFORMS["windows-x86_64"]
        )
        is None
    )


def test_pip_is_asked_for_wheels_of_that_platform_only(resolution, tmp_path):
    check = resolution.Check(
        resolution.PLATFORMS["linux-aarch64"], "3.12", ("numpy<3",), resolution.LOCK_FILE
    )
    command = resolution.pip_command(check, tmp_path / "report.json", tmp_path / "target")
    assert command[command.index("--python-version") + 1] == "3.12"
    assert "--dry-run" in command and "--only-binary=:all:" in command and "--isolated" in command
    platforms = [command[i + 1] for i, word in enumerate(command) if word == "--platform"]
    assert platforms == list(resolution.PLATFORMS["linux-aarch64"].tags)
    assert command[command.index("--constraint") + 1] == str(resolution.LOCK_FILE)
    assert command[-1] == "numpy<3"


def test_every_supported_platform_and_python_is_checked_and_the_lock_once(resolution):
    planned = resolution.checks(list(resolution.PLATFORMS), list(resolution.PYTHON_VERSIONS))
    assert len(planned) == len(resolution.PLATFORMS) * 3 + 1
    locked = [check for check in planned if check.constraints is not None]
    assert [(c.platform.name, c.python) for c in locked] == [("linux-x86_64", "3.11")]
    app = resolution.project_requirements(())
    assert any(requirement.startswith("mediapipe") for requirement in app)
    assert not any(requirement.startswith("torch") for requirement in locked[0].requirements)


def test_the_build_backend_refuses_an_intel_mac_with_a_plain_reason(monkeypatch):
    backend = load_tool("supported_platform_backend")
    assert backend.unsupported_reason("linux", "x86_64") is None
    assert backend.unsupported_reason("darwin", "arm64") is None
    assert backend.unsupported_reason("win32", "AMD64") is None
    assert "Intel Macs" in backend.unsupported_reason("darwin", "x86_64")
    monkeypatch.setattr(backend, "unsupported_reason", lambda: backend.INTEL_MAC_MESSAGE)
    with pytest.raises(SystemExit, match="does not run on Intel Macs"):
        backend.get_requires_for_build_editable()
    with pytest.raises(SystemExit, match="Apple silicon"):
        backend.get_requires_for_build_wheel()
