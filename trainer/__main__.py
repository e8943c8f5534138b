"""``python -m trainer COMMAND``: one entry point, one module per command.

Each command module defines ``configure(parser)`` and ``run(args) -> int``. Modules are imported only when
their command runs, so ``extract`` and ``evaluate`` work without paying for (or needing) torch.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from types import ModuleType

from signcore.errors import ends_plainly
from signcore.native_logs import native_logs_quieted

COMMANDS = {
    "extract": ("trainer.extract", "extract MediaPipe landmarks from videos into .pose files"),
    "train": ("trainer.train", "train the pose encoder"),
    "evaluate": ("trainer.evaluate", "retrieval accuracy of an encoder (or DTW) on a sign folder"),
    "export": ("trainer.export", "export a checkpoint to ONNX"),
    "benchmark": ("trainer.benchmark", "the DGS protocol and encoder speed, side by side, as a table"),
    "build-db": ("trainer.build_db", "build the default sign database shipped in assets/"),
}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="python -m trainer", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (_, help_text) in COMMANDS.items():
        sub.add_parser(name, help=help_text, add_help=False)
    if not argv or argv[0] not in COMMANDS:
        parser.parse_args(argv)  # prints usage or the error for an unknown command
        return 2
    module = importlib.import_module(COMMANDS[argv[0]][0])
    command_parser = argparse.ArgumentParser(
        prog=f"python -m trainer {argv[0]}", description=COMMANDS[argv[0]][1]
    )
    module.configure(command_parser)
    return run_command(module, command_parser.parse_args(argv[1:]))


@ends_plainly
def run_command(module: ModuleType, args: argparse.Namespace) -> int:
    # a command with a --verbose option keeps the native libraries' log lines off the terminal without it
    with native_logs_quieted(getattr(args, "verbose", True)):
        result: int = module.run(args)
        return result


if __name__ == "__main__":
    sys.exit(main())
