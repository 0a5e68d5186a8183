from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import CASES, EXAMPLES, example_paths
from cxacq.answers.validate import load_and_validate
from cxacq.documents.catalog import documents_for
from cxacq.engine.batch import parse_shard, run_batch, select_shard
from cxacq.errors import ExitCode, FileResult, OptionError

# These compare packages rendered in different ways: none may come from a shared cache.
pytestmark = pytest.mark.renders


def test_parallel_results_equal_sequential(run_cli, tmp_path: Path, example_package) -> None:
    inputs = [EXAMPLES, CASES / "invalid" / "bad-choice.yaml", CASES / "invalid" / "bad-date.yaml"]
    one = run_cli("check", *inputs, "--format", "json", "--jobs", "1")
    two = run_cli("check", *inputs, "--format", "json", "--jobs", "2")
    assert one.exit_code == two.exit_code == ExitCode.INPUT
    strip = lambda r: {k: v for k, v in json.loads(r.stdout).items() if k != "seconds"}  # noqa: E731
    assert strip(one) == strip(two)
    b = run_cli("render", EXAMPLES, "--out", tmp_path / "b", "--jobs", "2")
    assert b.exit_code == 0
    # Sequential: each package rendered in this process (once per test run, shared).
    files_a = {Path(path.stem) / name: data for path in example_paths()
               for name, data in example_package(path).items()}
    files_b = {
        p.relative_to(tmp_path / "b"): p.read_bytes()
        for p in (tmp_path / "b").rglob("*") if p.suffix in (".docx", ".xlsx")
    }
    expected = sum(len(documents_for(load_and_validate(p))) for p in example_paths())
    assert files_a == files_b and len(files_a) == expected


def test_shards_partition_the_inputs() -> None:
    paths = [Path(f"pkg/{i:03}.yaml") for i in range(40)]
    shares = [select_shard(paths, (i, 4)) for i in range(1, 5)]
    assert sorted(p for share in shares for p in share) == sorted(paths)
    assert all(share for share in shares)
    assert select_shard(paths, (2, 4)) == select_shard(list(reversed(paths)), (2, 4))[::-1]


def test_four_files_split_two_and_two() -> None:
    paths = [Path(f"answers/{name}.yaml") for name in ("uscis", "fema", "cbp", "tsa")]
    shares = [select_shard(paths, (i, 2)) for i in (1, 2)]
    assert [len(share) for share in shares] == [2, 2]
    assert sorted(shares[0] + shares[1]) == sorted(paths)
    for count in range(1, 30):
        many = [Path(f"a/{i}.yaml") for i in range(count)]
        sizes = [len(select_shard(many, (i, 4))) for i in range(1, 5)]
        assert sum(sizes) == count and max(sizes) - min(sizes) <= 1


def test_jobs_beyond_the_cpus_are_capped_with_a_warning(run_cli, monkeypatch) -> None:
    import cxacq.engine.batch

    monkeypatch.setattr(cxacq.engine.batch, "cpu_count", lambda: 2)
    assert cxacq.engine.batch.limit_jobs(None) == (2, None)
    assert cxacq.engine.batch.limit_jobs(2) == (2, None)
    used, why = cxacq.engine.batch.limit_jobs(64)
    assert used == 2 and why and "--jobs 64" in why
    seen: list[int] = []
    real = cxacq.engine.batch.run_batch

    def spy(fn, paths, jobs, *args, **kwargs):
        seen.append(jobs)
        return real(fn, paths, jobs, *args, **kwargs)

    monkeypatch.setattr("cxacq.engine.pipeline.run_batch", spy)
    result = run_cli("validate", EXAMPLES, "--jobs", "64")
    assert result.exit_code == 0
    assert seen == [2]
    assert "warning: --jobs 64 is more than the 2 CPU(s)" in result.stderr


@pytest.mark.parametrize("text", ["0/2", "3/2", "a/b", "2"])
def test_bad_shard_is_a_usage_error(text: str, run_cli) -> None:
    with pytest.raises(OptionError):
        parse_shard(text)
    assert run_cli("validate", EXAMPLES, "--shard", text).exit_code == ExitCode.USAGE


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_ticks_once_per_package(jobs: int, tmp_path: Path) -> None:
    import shutil

    from cxacq.engine.pipeline import render_files

    folder = tmp_path / "answers"  # the three smallest examples: more would only cost time
    folder.mkdir()
    for path in sorted(example_paths(), key=lambda p: p.stat().st_size)[:3]:
        shutil.copy(path, folder / path.name)
    ticks: list[int] = []
    results = render_files(
        [str(folder)],
        tmp_path / "out",
        jobs=jobs,
        on_start=lambda total: (ticks.append(total), lambda: ticks.append(-1))[1],
    )
    count = 3
    assert ticks[0] == len(results) == count and ticks.count(-1) == count


def test_progress_bar_is_silent_off_a_terminal() -> None:
    import contextlib

    from cxacq.cli.console import progress_bar

    bar, tick = progress_bar(100, "x")
    assert isinstance(bar, contextlib.nullcontext)
    tick()


class _Cycle:
    """An object that refers to itself, so only the cyclic collector frees it."""

    def __init__(self) -> None:
        self.me = self


def _leave_a_cycle(path: Path) -> FileResult:
    """Count the cycles earlier files left alive, then leave one more (runs in workers too)."""
    import gc

    alive = sum(isinstance(o, _Cycle) for o in gc.get_objects())
    _Cycle()
    return FileResult(path=str(path), notes=[str(alive)])


@pytest.mark.parametrize("jobs", [1, 2])
def test_with_the_collector_off_each_files_cycles_are_freed_before_the_next(jobs: int) -> None:
    # The command line runs with the collector off (cxacq.cli.commands.main); without a
    # collection between files a batch would keep every package's garbage to the end.
    import gc

    paths = [Path(f"{i}.yaml") for i in range(6)]  # two workers: one takes three or more
    gc.collect()
    gc.disable()
    try:
        results = run_batch(_leave_a_cycle, paths, jobs)
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert [r.notes for r in results] == [["0"]] * len(paths)


class _SignalsInFinalizer:
    """Sends this process SIGINT from ``__del__``, where Python ignores what the handler raises."""

    def __del__(self) -> None:
        import os
        import signal

        os.kill(os.getpid(), signal.SIGINT)


def _swallow_a_stop_on_the_first(path: Path) -> FileResult:
    if path.name == "0.yaml":
        _SignalsInFinalizer()  # freed at once: the handler's exception is printed and ignored
    return FileResult(path=str(path))


def test_a_stop_that_a_finalizer_swallows_still_stops_the_batch(monkeypatch) -> None:
    # Seen in tests/test_signals.py once the command line ran with the collector off: Ctrl-C
    # landed in a finalizer that the collection between files ran, "Exception ignored" was
    # printed, and the batch wrote every package and exited 0.
    import sys

    ignored: list[BaseException | None] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda info: ignored.append(info.exc_value))
    paths = [Path(f"{i}.yaml") for i in range(4)]
    results = run_batch(_swallow_a_stop_on_the_first, paths, 1)
    assert [type(e).__name__ for e in ignored] == ["_Stop"]  # the swallowing really happened
    assert [r.exit_code for r in results] == [0, 130, 130, 130]
