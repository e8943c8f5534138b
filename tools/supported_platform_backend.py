"""The project's build backend: setuptools, after a check that this computer can run the app.

pip runs it on the learner's machine for ``pip install -e .`` (and ``pip install .``). The one set-up that
dependency markers cannot turn away with a reason is the Intel Mac: MediaPipe 1.2 publishes no wheels for
it, so pip would stop with "No matching distribution found for mediapipe", which says nothing about why. This
backend stops first, with a sentence a learner can act on. Everything else is setuptools' backend as it is.
"""

from __future__ import annotations

import platform
import sys

from setuptools import build_meta as _setuptools
from setuptools.build_meta import *  # noqa: F403  (the PEP 517 hooks pip calls, all of them setuptools')

INTEL_MAC_MESSAGE = (
    "SignPractice does not run on Intel Macs: MediaPipe, which tracks your hands, has no version for them "
    "(its last one, 0.10.21, lacks what the app uses). On a Mac with Apple silicon (M1 or later), use a "
    "native Python: `python3 -c 'import platform; print(platform.machine())'` must print arm64, not x86_64."
)


def unsupported_reason(system: str = sys.platform, machine: str = platform.machine()) -> str | None:
    """Why the app cannot be installed here, or None when it can."""
    if system == "darwin" and machine == "x86_64":
        return INTEL_MAC_MESSAGE
    return None


def _refuse_unsupported() -> None:
    reason = unsupported_reason()
    if reason is not None:
        raise SystemExit(f"\n{reason}\n")


def get_requires_for_build_wheel(config_settings=None):
    _refuse_unsupported()
    return _setuptools.get_requires_for_build_wheel(config_settings)


def get_requires_for_build_editable(config_settings=None):
    _refuse_unsupported()
    return _setuptools.get_requires_for_build_editable(config_settings)
