"""CONTRIBUTING.md cannot rot: its make targets, paths and registries all exist."""

from __future__ import annotations

import importlib
import re

import pytest

from conftest import ROOT

TEXT = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
PROSE = FENCE.sub("", TEXT)
SPANS = re.findall(r"`([^`\n]+)`", PROSE)
CODE_LINES = [line for block in FENCE.findall(TEXT) for line in block.splitlines()]
PATH_SUFFIXES = (".py", ".j2", ".md", ".yaml", ".toml")
REGISTRIES = ("DOCUMENTS", "RULES", "WRITERS")


def _make_targets() -> set[str]:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z][\w.-]*)\s*:(?!=)", makefile, flags=re.MULTILINE))


def _named_targets() -> list[str]:
    """Every `make <target>` in inline code or a code block (VAR=value arguments skipped)."""
    pattern = re.compile(r"\bmake\s+(?:[A-Za-z_]\w*=\S*\s+)*([A-Za-z][\w.-]*)")
    return [m for chunk in SPANS + CODE_LINES for m in pattern.findall(chunk)]


def _generated_prefixes() -> tuple[str, ...]:
    """Folders in .gitignore (.venv/, out/ ...): made by make, absent from a fresh clone."""
    lines = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip().endswith("/"))


def _paths() -> list[str]:
    """Inline code spans that look like a repository path."""
    found = []
    for span in SPANS:
        if any(ch.isspace() for ch in span) or span.startswith(("-", "$", "cxacq.")):
            continue
        path = span.split("::")[0]
        if "/" in path or path.endswith(PATH_SUFFIXES):
            found.append(span)
    return found


def _dotted_names() -> list[str]:
    return sorted({s for s in SPANS if re.fullmatch(r"cxacq(\.\w+)+", s)})


def _resolve(dotted: str) -> object:
    """Import the longest module prefix of ``dotted`` and get the rest as attributes."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target: object = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attr in parts[cut:]:
            target = getattr(target, attr)
        return target
    raise ModuleNotFoundError(dotted)


def test_every_make_target_named_exists() -> None:
    named = _named_targets()
    assert {"demo", "test", "lint", "golden"} <= set(named)
    missing = sorted(set(named) - _make_targets())
    assert not missing, f"CONTRIBUTING.md names make targets the Makefile lacks: {missing}"


@pytest.mark.parametrize("span", sorted(set(_paths())))
def test_every_path_named_exists(span: str) -> None:
    path, _, test_name = span.partition("::")
    if path.startswith(_generated_prefixes()):
        return
    if "<" in path:  # a pattern such as templates/<name>.md.j2: its folder must exist
        folder = path[: path.index("<")].rpartition("/")[0]
        assert (ROOT / folder).is_dir(), span
        return
    assert (ROOT / path).exists(), f"CONTRIBUTING.md names {path}, which does not exist"
    if test_name:
        source = (ROOT / path).read_text(encoding="utf-8")
        assert re.search(rf"^def {re.escape(test_name)}\(", source, flags=re.MULTILINE), span


def test_paths_were_found() -> None:
    assert len(_paths()) > 30


def test_every_registry_is_named_with_its_module_and_importable() -> None:
    dotted = _dotted_names()
    for registry in REGISTRIES:
        if re.search(rf"\b{registry}\b", TEXT):
            named = [d for d in dotted if d.endswith("." + registry)]
            assert named, f"name {registry} as `cxacq.<module>.{registry}` in CONTRIBUTING.md"
            for name in named:
                value = _resolve(name)
                assert isinstance(value, dict) and value, name


@pytest.mark.parametrize("dotted", _dotted_names())
def test_every_dotted_name_resolves(dotted: str) -> None:
    _resolve(dotted)
