"""``python -m tests.threads_left_after_trainer LIST_FILE COMMAND ARGS...``: ``python -m trainer COMMAND
ARGS``, then the names of the native threads still running in this process written to LIST_FILE (one a line;
under torchrun each replica writes LIST_FILE.rank<RANK>), before the interpreter starts shutting down.

So a test can see threads a command leaves behind (gloo's, a process group never torn down) that are only
stopped, or crash, while the interpreter shuts down. Linux: the names are read from /proc/self/task.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from trainer import __main__ as trainer_main


def native_thread_names() -> list[str]:
    tasks = Path("/proc/self/task")
    return sorted((task / "comm").read_text(encoding="utf-8").strip() for task in tasks.iterdir())


def main(list_file: str, trainer_args: list[str]) -> int:
    status = trainer_main.main(trainer_args)
    rank = os.environ.get("RANK")
    target = Path(f"{list_file}.rank{rank}" if rank is not None else list_file)
    target.write_text("\n".join(native_thread_names()) + "\n", encoding="utf-8")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
