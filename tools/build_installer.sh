#!/usr/bin/env bash
# Build the SignPractice one-folder app: dist/SignPractice/SignPractice (see docs/INSTALLER.md).
#
#   tools/build_installer.sh            # from the repository root or anywhere; Linux, Python 3.11+
#
# It uses its own virtual environment (build/installer-venv, or $SIGNPRACTICE_BUILD_VENV) so the bundle
# holds exactly the app's dependencies, never a developer's torch or test tools.
set -euo pipefail
cd "$(dirname "$0")/.."

# The tools installer.spec runs on Linux, checked before the minutes of creating the environment: strip
# (symbol tables), readelf, as and ld (binutils), and icupkg (icu-devtools) to rebuild Qt's ICU data with only
# what Qt uses. Debian installs icupkg in /usr/sbin.
export PATH="$PATH:/usr/sbin"
missing=""
for tool in strip readelf as ld icupkg; do
    command -v "$tool" >/dev/null || missing="$missing $tool"
done
if [ -n "$missing" ]; then
    echo "the installer build needs:$missing (Debian and Ubuntu: apt install binutils icu-devtools)" >&2
    exit 1
fi

venv="${SIGNPRACTICE_BUILD_VENV:-build/installer-venv}"
python="${PYTHON:-python3}"
started=$(date +%s)

if [ ! -x "$venv/bin/python" ]; then
    echo "creating the build environment in $venv"
    "$python" -m venv "$venv"
fi
# exact versions (requirements/lock.txt), so that the bundle does not change with upstream releases
"$venv/bin/python" -m pip install -q -c requirements/lock.txt -e ".[installer]"

# mediapipe depends on the full opencv-contrib-python, which carries its own Qt 5 (about 30 MB) and points
# Qt's plugin path at it when imported. The app needs only OpenCV's core, imgproc and video reading, so the
# bundle gets the headless build of the same OpenCV version instead.
opencv_version=$("$venv/bin/python" -c "import importlib.metadata as m; print(m.version('opencv-contrib-python'))" \
    2>/dev/null || true)
if [ -n "$opencv_version" ]; then
    "$venv/bin/python" -m pip uninstall -q -y opencv-contrib-python
    # --force-reinstall: uninstalling contrib also removed the files of a headless build installed before it
    "$venv/bin/python" -m pip install -q --no-deps --force-reinstall -c requirements/lock.txt \
        "opencv-python-headless==$opencv_version"
fi

"$venv/bin/python" -m PyInstaller --noconfirm --log-level WARN installer.spec

finished=$(date +%s)
echo "built dist/SignPractice in $((finished - started)) s"
echo "bundle size: $(du -sh dist/SignPractice | cut -f1); the largest parts (MiB):"
# sed, not head: head stops reading after 8 lines, sort then dies of SIGPIPE, and pipefail fails the build
du -sm dist/SignPractice/_internal/* | sort -rn | sed -n '1,8p'

# what a learner downloads: the folder packed
tar -C dist -czf dist/SignPractice-linux-x86_64.tar.gz SignPractice
echo "download (dist/SignPractice-linux-x86_64.tar.gz): $(du -m dist/SignPractice-linux-x86_64.tar.gz | cut -f1) MiB"
