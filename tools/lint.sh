#!/usr/bin/env bash
# The static checks CI runs before the tests: style, formatting, the import contracts (the architecture in
# pyproject.toml's [tool.importlinter]) and types. Run from anywhere, with the dev environment's tools:
#
#   tools/lint.sh            # uses .venv/bin, or PYTHON=path/to/python
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-.venv/bin/python}"

echo "== ruff check"; "$python" -m ruff check .
echo "== ruff format --check"; "$python" -m ruff format --check .
echo "== import contracts"; "$(dirname "$python")/lint-imports" --no-cache
echo "== mypy"; "$python" -m mypy
