"""Goldens: the Markdown and a structural summary of every document of every example.

They change only on purpose: `make golden` rewrites them, and the diff is reviewed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import example_paths
from helpers import docx_summary, xlsx_summary

GOLDEN = Path(__file__).resolve().parent / "golden"
PLACEHOLDERS = re.compile(
    r"\bTBD\b|\bTBA\b|XXX|\[INSERT|\bTODO\b|lorem ipsum|\{\{|\}\}|\| (?:None|null|) \||: None$",
    re.I | re.M,
)


def _outputs(files: dict[str, bytes]) -> dict[str, str]:
    outputs = {}
    for name, data in sorted(files.items()):
        if name.endswith(".md"):
            outputs[name] = data.decode("utf-8")
        elif name.endswith(".xlsx"):
            outputs[name + ".json"] = (
                json.dumps(xlsx_summary(data), indent=1, ensure_ascii=False) + "\n"
            )
        else:
            outputs[name + ".json"] = (
                json.dumps(docx_summary(data), indent=1, ensure_ascii=False) + "\n"
            )
    return outputs


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_outputs_match_goldens(path: Path, update_goldens: bool, example_package) -> None:
    folder = GOLDEN / path.stem
    outputs = _outputs(example_package(path, formats=("docx", "markdown")))
    if update_goldens:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*"):
            old.unlink()
        for name, text in outputs.items():
            (folder / name).write_text(text, encoding="utf-8")
    assert folder.is_dir(), f"no goldens for {path.name}: run `make golden` and review them"
    assert sorted(p.name for p in folder.iterdir()) == sorted(outputs)
    for name, text in outputs.items():
        assert (folder / name).read_text(encoding="utf-8") == text, (
            f"{path.stem}/{name} changed: run `make golden` and review the diff"
        )


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_no_placeholders_or_empty_sections(path: Path, example_package) -> None:
    for name, data in example_package(path, formats=("docx", "markdown")).items():
        if not name.endswith(".md"):
            continue
        text = data.decode("utf-8")
        hits = PLACEHOLDERS.findall(text)
        assert not hits, (name, hits)
        lines = [line for line in text.splitlines() if line.strip()]
        for here, after in zip(lines, lines[1:] + [""], strict=True):
            if here.startswith("#") and (
                after.startswith("#") and len(after.split()[0]) <= len(here.split()[0])
            ):
                pytest.fail(f"{name}: empty section {here!r}")
