"""Do the app's dependencies resolve, from wheels only, on every platform a learner may have?

    python3 tools/check_platform_resolution.py [--platform NAME ...] [--python 3.12 ...] [--json OUT]

For each supported platform and Python version it asks pip what it WOULD install for pyproject.toml's
app dependencies (and the installer extra), without installing anything:

    pip install --dry-run --only-binary=:all: --platform TAG ... --python-version X.Y --report ...

and prints, per platform, every wheel chosen and the platform tag that made it fit, with the newest glibc or
macOS version any of them needs. On Linux x86-64 with Python 3.11 it also resolves the app with the test and
installer extras under requirements/lock.txt, so a pin that no longer exists shows up here first. torch (the
train extra) is left out: learners without a GPU get it from PyTorch's CPU index (see the README), and the
default PyPI build pulls in 2.5 GiB of CUDA wheels that a resolution check should not fetch.

Standard library and pip only; it needs the package index and nothing else (``--isolated``: a local pip
configuration, wheel folder or constraint file does not count). Exit status 0 = all resolved, 1 = at least
one did not (pip's reason is printed), 2 = bad arguments.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import tomllib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON_VERSIONS = ("3.11", "3.12", "3.13")
LOCK_FILE = REPO / "requirements" / "lock.txt"
LOCK_PLATFORM, LOCK_PYTHON = "linux-x86_64", "3.11"  # what the lock was frozen on (see its header)
CHECKED_EXTRAS = ("installer",)  # PyInstaller builds the Windows and macOS apps on those systems
PARALLEL_RESOLUTIONS = 6  # waiting on the index, not on the CPU
PIP_TIMEOUT_SECONDS = 600


def manylinux_tags(arch: str, newest_glibc_minor: int) -> tuple[str, ...]:
    """Every manylinux tag a system with glibc 2.<newest_glibc_minor> accepts (pip does not expand
    ``manylinux_2_x`` tags by itself, only the older aliases)."""
    tags = [f"manylinux_2_{minor}_{arch}" for minor in range(newest_glibc_minor, 16, -1)]
    return (*tags, f"manylinux2014_{arch}")


@dataclass(frozen=True)
class Platform:
    name: str
    tags: tuple[str, ...]  # pip expands a macOS tag to the older macOS versions by itself
    system: str  # in words, for the report


# The newest glibc / macOS accepted is the oldest system we support: a wheel that needs more fails here.
# Linux x86-64: PySide6 6.11 needs glibc 2.34 (with 2.28 pip falls back to PySide6 6.9 and the lock's 6.11
# does not resolve). aarch64: Qt for Python's aarch64 wheels need glibc 2.39 (Ubuntu 24.04, Debian 13).
PLATFORMS = {
    platform.name: platform
    for platform in (
        Platform("linux-x86_64", manylinux_tags("x86_64", 35), "Linux x86-64, glibc 2.35 or newer"),
        Platform("linux-aarch64", manylinux_tags("aarch64", 39), "Linux aarch64, glibc 2.39 or newer"),
        Platform("windows-x86_64", ("win_amd64",), "Windows 10/11 x86-64"),
        Platform("macos-arm64", ("macosx_14_0_arm64",), "macOS 14 or newer on Apple silicon"),
    )
}


@dataclass(frozen=True)
class Check:
    platform: Platform
    python: str
    requirements: tuple[str, ...]
    constraints: Path | None = None

    @property
    def label(self) -> str:
        lock = f" with {self.constraints.relative_to(REPO)}" if self.constraints else ""
        return f"{self.platform.name} Python {self.python}{lock}"


@dataclass
class Outcome:
    check: Check
    wheels: list[str]  # file names of the wheels pip chose
    error: str | None = None


def project_requirements(extras: tuple[str, ...]) -> tuple[str, ...]:
    """pyproject.toml's dependencies plus those of ``extras``, as pip requirement strings."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    optional = project.get("optional-dependencies", {})
    unknown = [extra for extra in extras if extra not in optional]
    if unknown:
        raise SystemExit(f"pyproject.toml has no extra {', '.join(unknown)}")
    return tuple(project["dependencies"]) + tuple(req for extra in extras for req in optional[extra])


def pip_command(check: Check, report: Path, target: Path) -> list[str]:
    command = [sys.executable, "-m", "pip", "install", "--isolated", "--quiet", "--dry-run"]
    # --target: pip (before 24) refuses platform options without it; --dry-run writes nothing there.
    command += ["--ignore-installed", "--target", str(target), "--only-binary=:all:"]
    command += ["--python-version", check.python, "--implementation", "cp", "--report", str(report)]
    for tag in check.platform.tags:
        command += ["--platform", tag]
    if check.constraints is not None:
        command += ["--constraint", str(check.constraints)]
    return command + list(check.requirements)


def resolve(check: Check) -> Outcome:
    with tempfile.TemporaryDirectory(prefix="resolution-") as temp:
        report = Path(temp, "report.json")
        try:
            result = subprocess.run(
                pip_command(check, report, Path(temp, "target")),
                capture_output=True,
                text=True,
                timeout=PIP_TIMEOUT_SECONDS,
            )
        except subprocess.TimeoutExpired:
            return Outcome(check, [], f"pip gave no answer within {PIP_TIMEOUT_SECONDS} s")
        if result.returncode != 0 or not report.exists():
            reasons = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
            return Outcome(check, [], "\n".join(reasons) or result.stderr[-2000:] or "pip failed")
        installs = json.loads(report.read_text(encoding="utf-8"))["install"]
    return Outcome(check, sorted(item["download_info"]["url"].rsplit("/", 1)[-1] for item in installs))


def wheel_platform_tags(wheel: str) -> list[str]:
    """The platform tags of a wheel file name (the last of its dash-separated fields)."""
    return wheel.removesuffix(".whl").split("-")[-1].split(".")


def fitting_tag(wheel: str, platform: Platform) -> str:
    """The wheel's platform tag that this platform accepts (``any`` for pure-Python wheels)."""
    tags = wheel_platform_tags(wheel)
    if tags == ["any"]:
        return "any"
    accepted = [tag for tag in tags if tag in platform.tags or _fits_apple_silicon(tag, platform)]
    return accepted[0] if accepted else ".".join(tags)


def _fits_apple_silicon(tag: str, platform: Platform) -> bool:
    """pip expands our one macOS tag to older macOS versions and to universal builds."""
    is_mac = platform.tags[0].startswith("macosx_")
    return is_mac and tag.startswith("macosx_") and tag.endswith(("_arm64", "_universal2"))


def newest_system_needed(wheels: list[str], platform: Platform) -> str | None:
    """ "glibc 2.28" / "macOS 14.0": the newest system any chosen wheel asks for."""
    versions = []
    for wheel in wheels:
        tag = fitting_tag(wheel, platform)
        if match := re.match(r"manylinux_(\d+)_(\d+)_", tag):
            versions.append(("glibc", (int(match[1]), int(match[2]))))
        elif tag.startswith("manylinux2014"):
            versions.append(("glibc", (2, 17)))
        elif match := re.match(r"macosx_(\d+)_(\d+)_", tag):
            versions.append(("macOS", (int(match[1]), int(match[2]))))
    if not versions:
        return None
    system, newest = max(versions, key=lambda item: item[1])
    return f"{system} {newest[0]}.{newest[1]}"


def checks(platforms: list[str], pythons: list[str]) -> list[Check]:
    app = project_requirements(CHECKED_EXTRAS)
    planned = [Check(PLATFORMS[name], python, app) for name in platforms for python in pythons]
    if LOCK_PLATFORM in platforms and LOCK_PYTHON in pythons:
        everything = project_requirements(("test", "installer"))
        planned.append(Check(PLATFORMS[LOCK_PLATFORM], LOCK_PYTHON, everything, LOCK_FILE))
    return planned


def describe(outcome: Outcome) -> str:
    check = outcome.check
    if outcome.error:
        return f"FAILED {check.label}\n    {outcome.error.replace(chr(10), chr(10) + '    ')}"
    native = [wheel for wheel in outcome.wheels if fitting_tag(wheel, check.platform) != "any"]
    needs = newest_system_needed(outcome.wheels, check.platform)
    lines = [f"ok     {check.label}: {len(outcome.wheels)} wheels, needs {needs or 'nothing special'}"]
    lines += [f"    {fitting_tag(wheel, check.platform):<28} {wheel}" for wheel in native]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--platform", action="append", choices=sorted(PLATFORMS), help="default: all")
    parser.add_argument("--python", action="append", choices=PYTHON_VERSIONS, help="default: all")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the wheels chosen as JSON")
    args = parser.parse_args(argv)
    planned = checks(args.platform or list(PLATFORMS), args.python or list(PYTHON_VERSIONS))
    with ThreadPoolExecutor(PARALLEL_RESOLUTIONS) as pool:
        outcomes = list(pool.map(resolve, planned))
    for outcome in outcomes:
        print(describe(outcome))
    if args.json:
        summary = [
            {"check": outcome.check.label, "wheels": outcome.wheels, "error": outcome.error}
            for outcome in outcomes
        ]
        args.json.write_text(json.dumps(summary, indent=2), encoding="utf-8")
    failed = [outcome.check.label for outcome in outcomes if outcome.error]
    if failed:
        print(f"{len(failed)} of {len(outcomes)} resolutions failed: {', '.join(failed)}")
        return 1
    print(f"all {len(outcomes)} resolutions passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
