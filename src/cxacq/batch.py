"""Run one function over many answers files: sharding and parallel processes.

Results come back in input order whatever ``jobs`` is, so output and exit codes
are the same as a sequential run.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import TypeVar

from cxacq.errors import OptionError

__all__ = ["default_jobs", "parse_shard", "run_batch", "select_shard"]

T = TypeVar("T")


def default_jobs() -> int:
    """Return the number of CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def parse_shard(text: str | None) -> tuple[int, int] | None:
    """Parse ``I/N`` (1 ≤ I ≤ N).

    Raises:
        OptionError: The text is not of that form.
    """
    if not text:
        return None
    try:
        index, total = (int(part) for part in text.split("/"))
    except ValueError:
        index, total = 0, 0
    if not 1 <= index <= total:
        raise OptionError(
            f"--shard must be I/N with 1 ≤ I ≤ N, e.g. 2/4; got {text!r}",
            path="--shard",
        )
    return index, total


def select_shard(paths: Sequence[Path], shard: tuple[int, int] | None) -> list[Path]:
    """Keep the stable share of ``paths`` for shard I of N (by a hash of each path)."""
    if shard is None:
        return list(paths)
    index, total = shard
    return [p for p in paths if zlib.crc32(p.as_posix().encode()) % total == index - 1]


def run_batch(
    fn: Callable[[Path], T],
    paths: Sequence[Path],
    jobs: int,
    progress: Callable[[], None] | None = None,
) -> list[T]:
    """Apply ``fn`` to every path, in ``jobs`` processes when there is work for them.

    ``progress`` is called once per finished path (for a progress bar).
    """
    tick = progress or (lambda: None)
    if jobs <= 1 or len(paths) <= 1:
        results = []
        for path in paths:
            results.append(fn(path))
            tick()
        return results
    with ProcessPoolExecutor(max_workers=min(jobs, len(paths))) as pool:
        futures = [pool.submit(fn, path) for path in paths]
        for future in as_completed(futures):
            future.result()
            tick()
        return [future.result() for future in futures]
