"""Any bytes end in a valid package or a clear error: never a traceback or a hang.

Property tests run with a fixed seed and a bounded number of examples so CI stays fast;
each records how many inputs it ran (see the counts printed with -s). Each Hypothesis
example is a small batch of inputs that one ``validate``, one ``check`` and one ``render``
take together (the CLI's own batch path), so a run sees about as many inputs as when each
input had its own three commands, at a third of the start-ups. They carry the ``hostile``
mark: ``CXACQ_HOSTILE_EXAMPLES=200 pytest -m hostile`` runs them longer on purpose.
"""

from __future__ import annotations

import copy
import io
import os
import random
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES
from cxacq.answers.loader import load_answers_file
from cxacq.errors import ExitCode
from helpers import doc_file

ALLOWED = {0, int(ExitCode.INPUT)}
_MORE = int(os.environ.get("CXACQ_HOSTILE_EXAMPLES", "0"))


def _settings(max_examples: int) -> settings:
    return settings(
        max_examples=_MORE or max_examples,
        derandomize=True,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )


COUNTS: dict[str, int] = {}
pytestmark = pytest.mark.hostile


def _run_all(run_cli, paths: list[Path], out: Path, label: str) -> None:
    """Run validate, check and render over a batch of inputs, one process-free run each."""
    COUNTS[label] = COUNTS.get(label, 0) + len(paths)
    for args in (("validate", *paths, "--jobs", "1"), ("check", *paths, "--jobs", "1"),
                 ("render", *paths, "--out", out, "--jobs", "1")):
        result = run_cli(*args)  # run_cli fails the test on any traceback
        assert result.exit_code in ALLOWED, (args, result.exit_code, result.output[-500:])
        assert "internal error" not in result.output
        for path in paths:  # every input was reached and reported, none skipped
            assert path.name in result.output or result.exit_code == 0, (args, path)


def _write(folder: Path, contents: list[bytes]) -> list[Path]:
    paths = []
    for number, data in enumerate(contents):
        path = folder / f"answers-{number}.yaml"
        path.write_bytes(data)
        paths.append(path)
    return paths


@_settings(40)
@given(st.lists(st.binary(max_size=4096), min_size=1, max_size=4))
def test_arbitrary_bytes(run_cli, tmp_path_factory, batch: list[bytes]) -> None:
    folder = tmp_path_factory.mktemp("bytes")
    _run_all(run_cli, _write(folder, batch), folder / "out", "bytes")


_scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=30)
_yaml_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)


@_settings(40)
@given(st.lists(_yaml_values, min_size=1, max_size=4))
def test_arbitrary_yaml_documents(run_cli, tmp_path_factory, values: list[Any]) -> None:
    folder = tmp_path_factory.mktemp("yaml")
    texts = [yaml.safe_dump(v, allow_unicode=True).encode("utf-8") for v in values]
    _run_all(run_cli, _write(folder, texts), folder / "out", "yaml")


BASE = {p.name: load_answers_file(p).data for p in sorted(EXAMPLES.glob("*.yaml"))}


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


def _mutate(data: Any, seed: int) -> Any:
    rng = random.Random(seed)
    data = copy.deepcopy(data)
    for _ in range(rng.randint(1, 3)):
        paths = _paths(data)
        target = rng.choice(paths)
        parent = data
        for part in target[:-1]:
            parent = parent[part]
        key = target[-1]
        action = rng.choice(["misspell", "remove", "wrong_type", "scalar_section", "hostile_text"])
        if action == "misspell" and isinstance(key, str):
            parent[key + "x"] = parent.pop(key)
        elif action == "remove":
            del parent[key]
        elif action == "wrong_type":
            parent[key] = rng.choice([["a", "list"], {"a": "map"}, "not-a-number", "", None, "12"])
        elif action == "scalar_section":
            parent[key] = "just text"
        else:
            parent[key] = rng.choice(["{{ 7*7 }}", "{% for x in y %}", "<script>x</script>",
                                      "| a | b |\n| - | - |", "# Heading", "]]>", "مرحبا 日本 🎉"])
    return data


@pytest.mark.parametrize("name", sorted(BASE))  # one test per example: xdist spreads them
@_settings(6)
@given(seeds=st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=3,
                      unique=True))
def test_mutated_examples(run_cli, tmp_path_factory, name: str, seeds: list[int]) -> None:
    folder = tmp_path_factory.mktemp("mut")
    texts = [yaml.safe_dump(_mutate(BASE[name], seed), allow_unicode=True,
                            sort_keys=False).encode("utf-8") for seed in seeds]
    _run_all(run_cli, _write(folder, texts), folder / "out", "mutated")


def test_counts_are_reported() -> None:
    print("generated inputs run:", COUNTS)


def test_hostile_text_in_answers_comes_out_literally(tmp_path: Path, run_cli) -> None:
    data = copy.deepcopy(BASE["uscis-work-authorization.yaml"])
    hostile = "{{ 7*7 }} {% for x in y %} <script>alert(1)</script> | a | # H ]]> مرحبا 日本語 🎉"
    data["program"]["name"] = hostile
    data["customer_need"]["pain_point"] = "Line one\x07 with a bell."
    path = tmp_path / "h.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    result = run_cli("render", path, "--out", tmp_path / "out")
    # The control character is refused with its line; nothing is written.
    assert result.exit_code == ExitCode.INPUT and "control character" in result.stdout
    data["customer_need"]["pain_point"] = "Applicants wait."
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    assert run_cli("render", path, "--out", tmp_path / "out").exit_code == 0
    document = docx.Document(
        io.BytesIO((tmp_path / "out" / "h" / doc_file("acquisition-strategy")).read_bytes())
    )
    texts = [p.text for p in document.paragraphs]
    assert f"Program: {hostile} (EAX)" in texts  # the cover carries the program name, literally
    assert "49" not in " ".join(texts[:8])


def test_ctrl_c_in_the_middle_of_a_batch(tmp_path: Path, run_cli, monkeypatch) -> None:
    out = tmp_path / "out"
    # Three packages: one finished, one interrupted while written, one never started.
    examples = sorted(sorted(EXAMPLES.glob("*.yaml"), key=lambda p: p.stat().st_size)[:3])
    assert run_cli("render", *examples, "--out", out).exit_code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    import cxacq.engine.output

    real = cxacq.engine.output.write_package
    calls = {"n": 0}

    def interrupted(files, target, **options):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return real(files, target, **options)

    monkeypatch.setattr("cxacq.engine.output.write_package", interrupted)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # every output would change
    result = run_cli("render", *examples, "--out", out, "--jobs", "1")
    assert result.exit_code == ExitCode.INTERRUPTED
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert set(after) == set(before)
    changed = [p for p in after if after[p] != before[p]]
    assert all(p.parent.name == examples[0].stem for p in changed)  # only the finished package
    assert not list(out.rglob(".cxacq-*"))


@pytest.mark.parametrize(
    ("option", "value", "fragment"),
    [("--reference-docx", "missing.docx", "does not exist"),
     ("--templates", "no-such-folder", "template directory does not exist")],
)
def test_bad_environment_is_one_line_and_exit_3(
    tmp_path: Path, run_cli, option, value, fragment
) -> None:
    result = run_cli(
        "render",
        EXAMPLES / "minimal.yaml",
        "--out",
        tmp_path / "out",
        option,
        tmp_path / value,
    )
    assert result.exit_code == ExitCode.TEMPLATE
    assert fragment in result.stderr and str(tmp_path / value) in result.stderr
    assert not (tmp_path / "out").exists()


_ADDRESS_LIMITED = """
import resource, sys
limit = 1 << 30  # 1 GiB of address space: the expansion would need several
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from cxacq.cli.commands import run
sys.exit(run(sys.argv[1:]))
"""


@pytest.mark.parametrize("command", ["validate", "render"])
def test_aliases_are_bounded_by_expanded_size(tmp_path: Path, command: str) -> None:
    """One 100,000-character string repeated by 10,000 aliases fails fast and cleanly."""
    import resource
    import subprocess
    import sys

    bomb = tmp_path / "bomb.yaml"
    aliases = "\n".join("  - *big" for _ in range(10_000))
    bomb.write_text(f"schema_version: 1\nbig: &big {'x' * 100_000}\nmore:\n{aliases}\n")
    assert bomb.stat().st_size < 250_000
    extra = ["--out", str(tmp_path / "out")] if command == "render" else []
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    completed = subprocess.run(
        [sys.executable, "-c", _ADDRESS_LIMITED, command, str(bomb), *extra],
        capture_output=True, text=True, timeout=60, check=False,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # Processor time, not wall time: "fails fast" must hold on a loaded machine too.
    elapsed = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    output = completed.stdout + completed.stderr
    assert completed.returncode == ExitCode.INPUT, output
    assert "Traceback" not in output and "internal error" not in output
    assert f"{bomb}:4:" in output
    assert "expands to more than 4,194,304 characters once its aliases" in output
    assert elapsed < 10, elapsed
    assert not (tmp_path / "out").exists()


def test_a_parser_failure_is_a_clean_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from cxacq.answers import loader
    from cxacq.errors import InputError

    def exhausted(self):  # what PyYAML does when memory runs out mid-parse
        raise MemoryError

    for cls in {loader._PyLoader, getattr(loader, "_CLoader", loader._PyLoader)}:
        monkeypatch.setattr(cls, "get_single_node", exhausted)
    with pytest.raises(InputError, match="too large to read"):
        loader.load_answers_text("a: b\n", "f.yaml")
