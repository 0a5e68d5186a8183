"""Run one function over many answers files: sharding, parallel processes, signals.

Results come back in input order whatever ``jobs`` is, so output and exit codes
are the same as a sequential run.

The work (``fn``) may run in worker processes; the ``commit`` step (writing a
package) always runs in this process, one at a time, with SIGINT and SIGTERM
held off while it runs. So on Ctrl-C or SIGTERM a package being written is
finished as a unit, no package is written after the signal, the workers are
stopped and reaped before :func:`run_batch` returns, and every path that was not
finished comes back as a result saying so, with exit code 130 or 143.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import FrameType
from typing import Any

from cxacq.errors import Diagnostic, ExitCode, FileResult, OptionError

__all__ = [
    "collect_between_files",
    "cpu_count",
    "default_jobs",
    "limit_jobs",
    "parse_shard",
    "run_batch",
    "select_shard",
]

_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_EXIT: dict[int, ExitCode] = {
    signal.SIGINT: ExitCode.INTERRUPTED, signal.SIGTERM: ExitCode.TERMINATED,
}


def cpu_count() -> int:
    """Return the number of CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


default_jobs = cpu_count


def limit_jobs(requested: int | None) -> tuple[int, str | None]:
    """Return the processes to use for ``--jobs`` and, when it was capped, why.

    More processes than CPUs only add memory and switching, so a larger
    request is capped at the CPU count.
    """
    cpus = cpu_count()
    if requested is None:
        return cpus, None
    if requested > cpus:
        return cpus, (f"--jobs {requested} is more than the {cpus} CPU(s) this process may use; "
                      f"using {cpus}")
    return requested, None


def collect_between_files() -> None:
    """Free what the last file left in reference cycles, when the collector is off.

    The command line turns Python's cyclic garbage collector off for its one command
    (see :func:`cxacq.cli.commands.main`): a file's objects mostly live until the file
    is done, and collecting while the libraries are imported and a package is built
    walked the same objects again and again. A batch still must not keep every
    package's garbage, so between files this collects once and then freezes what
    survives (the libraries, the run's renderer), so that the next collection walks
    only the next file's objects. With the collector on (Python's default, and the
    tests), Python collects as usual and this does nothing.
    """
    if not gc.isenabled():
        gc.collect()
        gc.freeze()


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
    """Keep share I of N of ``paths``: dealt in turn in path order, so balanced and stable.

    The same set of paths gives the same shares in any order; share sizes
    differ by at most one.
    """
    if shard is None:
        return list(paths)
    index, total = shard
    ordered = sorted({p.as_posix() for p in paths})
    mine = {name for position, name in enumerate(ordered) if position % total == index - 1}
    return [p for p in paths if p.as_posix() in mine]


class _Stop(BaseException):
    """A stop signal arrived (raised in the main thread by the handler)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class _Signals:
    """Turn the first SIGINT/SIGTERM into :class:`_Stop`; later ones are only noted."""

    def __init__(self) -> None:
        self.signum: int | None = None
        self._previous: dict[int, Any] = {}

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.signum is None:
            self.signum = signum
            raise _Stop(signum)

    def raise_if_swallowed(self) -> None:
        """Raise :class:`_Stop` for a signal whose exception something swallowed.

        The handler raises where the main thread is; inside a finalizer or a ``__del__``
        Python prints "Exception ignored" and goes on, and later signals are only noted.
        """
        if self.signum is not None:
            raise _Stop(self.signum)

    def __enter__(self) -> _Signals:
        with contextlib.suppress(ValueError):  # not the main thread: leave signals alone
            for signum in _SIGNALS:
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Hold SIGINT and SIGTERM off while a package is written; deliver them after."""
        if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
            yield
            return
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
        try:
            yield
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)


# --- worker side -------------------------------------------------------------------------


class _WorkerStop(BaseException):
    """SIGTERM from the parent during a job: unwind it (closing LibreOffice), then exit."""


def _worker_stop(signum: int, frame: FrameType | None) -> None:
    raise _WorkerStop


def _worker_init() -> None:
    """Leave SIGINT to the parent; die on SIGTERM or when the parent dies (Linux).

    SIGTERM keeps its default action (the kernel ends the process whatever it is
    waiting for) except while a job runs, when it unwinds the job first.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if not gc.isenabled():  # what the parent built stays out of the worker's collections
        gc.freeze()
    with contextlib.suppress(OSError, AttributeError, TypeError):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def _call(job: tuple[Callable[[Path], Any], int, Path]) -> tuple[int, Any]:
    fn, index, path = job
    try:
        signal.signal(signal.SIGTERM, _worker_stop)
        try:
            value = fn(path)
        finally:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
    except _WorkerStop:
        os._exit(128 + signal.SIGTERM)
    collect_between_files()
    return index, value


# --- parent side -------------------------------------------------------------------------


def _unfinished(path: Path, signum: int) -> FileResult:
    name = signal.Signals(signum).name
    return FileResult(
        path=str(path),
        exit_code=_EXIT.get(signum, ExitCode.INTERRUPTED),
        diagnostics=[Diagnostic(
            path=str(path), code="CX006",
            message=f"not finished: the run was stopped by {name} before this file was done; "
                    "nothing was written for it",
        )],
    )


def run_batch(
    fn: Callable[[Path], Any],
    paths: Sequence[Path],
    jobs: int,
    progress: Callable[[], None] | None = None,
    commit: Callable[[Path, Any], FileResult] | None = None,
) -> list[FileResult]:
    """Apply ``fn`` to every path, in ``jobs`` processes when there is work for them.

    Args:
        fn: The work for one path; runs in a worker process when ``jobs`` > 1, so
            it and its result must pickle.
        paths: The inputs.
        jobs: Processes to use.
        progress: Called once per finished path (for a progress bar).
        commit: Turns ``fn``'s result into the path's :class:`FileResult` in this
            process (writing the package); ``fn`` returns the result itself if
            not given.

    Returns:
        One result per path, in input order. After SIGINT or SIGTERM the paths
        not finished carry exit code 130 or 143.
    """
    tick = progress or (lambda: None)
    finish = commit or (lambda path, value: value)
    results: list[FileResult | None] = [None] * len(paths)
    with _Signals() as signals:
        try:
            if jobs <= 1 or len(paths) <= 1:
                for index, path in enumerate(paths):
                    if index:
                        # Held: a signal that lands in a finalizer the collection runs would
                        # be printed and ignored there, and the batch would go on.
                        with signals.held():
                            collect_between_files()
                    signals.raise_if_swallowed()
                    value = fn(path)
                    with signals.held():
                        results[index] = finish(path, value)
                    tick()
            else:
                _run_pool(fn, paths, jobs, results, finish, tick, signals)
        except (_Stop, KeyboardInterrupt) as exc:
            signum = exc.signum if isinstance(exc, _Stop) else signal.SIGINT
            return [r if r is not None else _unfinished(p, signum)
                    for r, p in zip(results, paths, strict=True)]
    return [r for r in results if r is not None]


def _run_pool(
    fn: Callable[[Path], Any],
    paths: Sequence[Path],
    jobs: int,
    results: list[FileResult | None],
    finish: Callable[[Path, Any], FileResult],
    tick: Callable[[], None],
    signals: _Signals,
) -> None:
    import multiprocessing

    pool = multiprocessing.Pool(min(jobs, len(paths)), initializer=_worker_init)
    finished = False
    try:
        jobs_iter = ((fn, index, path) for index, path in enumerate(paths))
        for index, value in pool.imap_unordered(_call, jobs_iter):
            with signals.held():
                results[index] = finish(paths[index], value)
            tick()
            signals.raise_if_swallowed()
        finished = True
    finally:
        with signals.held():  # stop and reap every worker, even on a second signal
            if finished:
                pool.close()  # idle workers read their end-of-work marker and exit
            else:
                pool.terminate()  # SIGTERM to every worker
            pool.join()
