"""The packages show the pipeline, and imports between them run one way.

Layers, lowest first; a module imports only modules of its own layer or of a lower one:

    root       cxacq, cxacq.errors, cxacq.citations, cxacq.resources (the shared foundation)
    answers    one answers file: loader, model, validation, schema, scaffold, fields, facts
    documents  what the package says: catalog, context, Jinja environment, document tree
    guidance   the rules run over the answers
    engine     from Markdown to files, and the per-file pipeline
    cli        the commands, reporters, console and interview
    __main__   ``python -m cxacq``: the only importer of cli

Imports of the project's own modules sit at the module top. One inside a function is
allowed only when it is listed in LAZY with its reason: a heavy library that the light
commands (tests/test_startup.py) must not load, or an import cycle.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "src" / "cxacq"
LAYERS = ("root", "answers", "documents", "guidance", "engine", "cli", "__main__")
ROOT_MODULES = {"cxacq", "cxacq.errors", "cxacq.citations", "cxacq.resources"}

# Imports against the direction, each with the reason it is still there. The test fails when
# one disappears, so the list only shrinks.
UPWARD: dict[tuple[str, str], str] = {
    ("cxacq.answers.model", "cxacq.documents.catalog"):
        "cross_check refuses approvals that name no signed document, so it reads DOCUMENTS",
    ("cxacq.answers.scaffold", "cxacq.engine.atomic"):
        "init writes the answers file with the same atomic write as the package output",
    ("cxacq.documents.catalog", "cxacq.engine.writers.xlsx"):
        "the cost-estimate kind names the workbook writer as its builder",
}

# Imports of the project's own modules left inside a function, and why.
_STARTUP = ("start-up: `cxacq --version` and `--help` import only what every command needs;"
            " each command imports its core when it runs")
_HEAVY = "heavy: keeps {lib} out of `validate`, `check` and `schema` (tests/test_startup.py)"
LAZY: dict[tuple[str, str], str] = {
    ("cxacq.cli.commands", "cxacq.answers.scaffold"): _STARTUP,
    ("cxacq.cli.commands", "cxacq.answers.schema"): _STARTUP,
    ("cxacq.cli.commands", "cxacq.cli.console"): _STARTUP + " (rich)",
    ("cxacq.cli.commands", "cxacq.cli.interview"): _STARTUP,
    ("cxacq.cli.commands", "cxacq.engine.completeness"): _STARTUP,
    ("cxacq.cli.commands", "cxacq.engine.pipeline"): _STARTUP,
    ("cxacq.cli.commands", "cxacq.guidance"): _STARTUP,
    ("cxacq.cli.interview", "cxacq.cli.interview.engine"):
        "cycle: the engine imports the interview package's quick and script modules",
    ("cxacq.cli.interview", "cxacq.documents.context"): _HEAVY.format(lib="jinja2"),
    ("cxacq.cli.interview.engine", "cxacq.documents.context"): _HEAVY.format(lib="jinja2"),
    ("cxacq.cli.reporter", "cxacq.cli.console"):
        "start-up: the JSON reporter never loads rich",
    ("cxacq.documents.catalog", "cxacq.documents.context"):
        "cycle: the context reads the DOCUMENTS registry at import",
    ("cxacq.documents.discriminators", "cxacq.documents.render"): _HEAVY.format(lib="jinja2"),
    ("cxacq.engine.pipeline", "cxacq.documents.context"): _HEAVY.format(lib="jinja2"),
    ("cxacq.engine.pipeline", "cxacq.documents.render"): _HEAVY.format(lib="jinja2"),
    ("cxacq.engine.pipeline", "cxacq.engine.accessibility"): _HEAVY.format(lib="lxml"),
    ("cxacq.engine.pipeline", "cxacq.engine.plain"): _HEAVY.format(lib="jinja2, markdown-it"),
    ("cxacq.engine.pipeline", "cxacq.engine.reader"): _HEAVY.format(lib="markdown-it"),
    ("cxacq.engine.pipeline", "cxacq.documents.doctree"):
        "start-up: `validate` loads none of cxacq's rendering modules (tests/test_startup.py)",
    ("cxacq.engine.pipeline", "cxacq.engine.writers"): _HEAVY.format(lib="python-docx, lxml"),
    ("cxacq.engine.pipeline", "cxacq.engine.writers.xlsx"): _HEAVY.format(lib="openpyxl"),
    ("cxacq.engine.pipeline", "cxacq.engine.pdf"):
        "start-up: only `render --pdf` converts with LibreOffice",
    ("cxacq.engine.pipeline", "cxacq.engine.reference"): _HEAVY.format(lib="python-docx, lxml"),
    ("cxacq.documents.catalog", "cxacq.engine.writers.xlsx"):
        "heavy: openpyxl only when a workbook is built (and an upward import: see UPWARD)",
    ("cxacq.engine.writers", "cxacq.engine.writers.docx"):
        "cycle: the DOCX writer imports the Writer protocol from this package",
}


@dataclass(frozen=True)
class Import:
    module: str  # the importing module
    target: str  # the project module imported
    line: int
    function: str | None  # the function it sits in, or None at the module top

    def where(self) -> str:
        path = PACKAGE.parent.joinpath(*self.module.split("."))
        rel = (path / "__init__.py" if path.is_dir() else path.with_suffix(".py"))
        return f"{rel.relative_to(ROOT).as_posix()}:{self.line}"


def _module_name(path: Path, package: Path) -> str:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules(package: Path = PACKAGE) -> dict[str, Path]:
    return {_module_name(p, package): p for p in sorted(package.rglob("*.py"))
            if "__pycache__" not in p.parts}


def _imports(module: str, path: Path, known: set[str]) -> list[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[Import] = []

    def add(node: ast.Import | ast.ImportFrom, function: str | None) -> None:
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = module.split(".") if path.name == "__init__.py" else \
                    module.split(".")[:-1]
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join(parts + ([node.module] if node.module else []))
            if base.split(".")[0] != "cxacq":
                return
            subs = [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in known]
            targets = subs if subs and len(subs) == len(node.names) else [base]
        else:
            targets = [a.name for a in node.names if a.name.split(".")[0] == "cxacq"]
        for target in targets:
            found.append(Import(module, target, node.lineno, function))

    def visit(node: ast.AST, function: str | None) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                add(child, function)
            inner = child.name if isinstance(child, (ast.FunctionDef,
                                                     ast.AsyncFunctionDef)) else None
            visit(child, function or inner)

    visit(tree, None)
    return found


def all_imports(package: Path = PACKAGE) -> list[Import]:
    modules = _modules(package)
    return [i for name, path in modules.items() for i in _imports(name, path, set(modules))]


def layer_of(module: str) -> str:
    if module in ROOT_MODULES:
        return "root"
    if module == "cxacq.__main__":
        return "__main__"
    return module.split(".")[1]


def upward_imports(imports: list[Import]) -> list[Import]:
    return [i for i in imports
            if LAYERS.index(layer_of(i.target)) > LAYERS.index(layer_of(i.module))]


def test_every_module_is_in_a_layer() -> None:
    modules = _modules()
    stray = [m for m in modules
             if m not in ROOT_MODULES and m != "cxacq.__main__"
             and (layer_of(m) not in LAYERS or modules[m].parent == PACKAGE)]
    assert not stray, (
        f"{stray} sit in no layer: move each into answers/, documents/, guidance/, engine/ or"
        " cli/ (see this file's docstring), or add a foundation module to ROOT_MODULES")


def test_imports_run_one_way() -> None:
    found = upward_imports(all_imports())
    new = [f"{i.where()}: {i.module} ({layer_of(i.module)}) imports {i.target} "
           f"({layer_of(i.target)}), a higher layer" for i in found
           if (i.module, i.target) not in UPWARD]
    assert not new, ("imports against the layers (lowest first: " + " < ".join(LAYERS) + "):\n"
                     + "\n".join(new))
    stale = sorted(set(UPWARD) - {(i.module, i.target) for i in found})
    assert not stale, f"no longer imported: remove from UPWARD: {stale}"


def test_nothing_but_main_imports_the_cli() -> None:
    found = [f"{i.where()}: {i.module} imports {i.target}" for i in all_imports()
             if layer_of(i.target) == "cli" and layer_of(i.module) not in ("cli", "__main__")]
    assert not found, "\n".join(found)


def test_project_imports_sit_at_the_module_top() -> None:
    inner = [i for i in all_imports() if i.function is not None]
    new = [f"{i.where()}: {i.module} imports {i.target} inside {i.function}(); move it to the"
           " module top, or add it to LAZY with the reason (a heavy library or a cycle)"
           for i in inner if (i.module, i.target) not in LAZY]
    assert not new, "\n".join(new)
    stale = sorted(set(LAZY) - {(i.module, i.target) for i in inner})
    assert not stale, f"no longer imported inside a function: remove from LAZY: {stale}"


def test_every_exception_has_a_reason() -> None:
    for table in (UPWARD, LAZY):
        for pair, reason in table.items():
            assert reason.strip(), pair
            assert all(p in _modules() for p in pair), f"{pair}: no such module"


@pytest.mark.parametrize("source, expected", [
    ("from cxacq.cli.commands import run\n", ["cxacq.cli.commands"]),
    ("def f():\n    from cxacq.engine import pipeline\n", ["cxacq.engine.pipeline"]),
])
def test_the_check_finds_an_upward_import(tmp_path: Path, source: str,
                                          expected: list[str]) -> None:
    package = tmp_path / "cxacq"
    for folder in ("answers", "engine", "cli"):
        (package / folder).mkdir(parents=True)
        (package / folder / "__init__.py").write_text("", encoding="utf-8")
    (package / "__init__.py").write_text("", encoding="utf-8")
    for name in ("engine/pipeline.py", "cli/commands.py"):
        (package / name).write_text("", encoding="utf-8")
    (package / "answers" / "loader.py").write_text(source, encoding="utf-8")
    found = upward_imports(all_imports(package))
    assert [i.target for i in found] == expected
    assert found[0].module == "cxacq.answers.loader"
    assert found[0].function == (None if "def" not in source else "f")
