"""``python -m tests.replica_that_raises LIST_FILE`` as one of two gloo replicas (RANK, WORLD_SIZE,
MASTER_ADDR and MASTER_PORT set): trains a small DistributedDataParallel model in
``trainer.train._replica_group``, as ``trainer.train.train`` does, and replica 1 raises after one step. The
replica that raised writes the names of its native threads to LIST_FILE.rank1 while it handles the exception
(before the interpreter shuts down), so a test can see whether its process group was torn down by then.
"""

from __future__ import annotations

import sys
from pathlib import Path

import torch

from tests.threads_left_after_trainer import native_thread_names
from trainer.train import _replica_group


def _train(rank: int) -> None:
    network = torch.nn.parallel.DistributedDataParallel(torch.nn.Linear(4, 2))
    network(torch.ones(3, 4)).sum().backward()  # a collective: both replicas in step
    if rank == 1:
        raise RuntimeError("a fault in training")
    network(torch.ones(3, 4)).sum().backward()  # waits for replica 1, which has left


def main(list_file: str) -> int:
    rank = -1
    try:
        with _replica_group() as (rank, _world):
            _train(rank)
    except RuntimeError:
        Path(f"{list_file}.rank{rank}").write_text("\n".join(native_thread_names()) + "\n", encoding="utf-8")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
