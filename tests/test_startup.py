"""Commands that write no documents must not import the heavy libraries."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import EXAMPLES

HEAVY = ("docx", "jinja2", "markdown_it", "lxml", "openpyxl")
# cxacq's own rendering modules: the writers (the workbook writer imports openpyxl), the
# document tree, the Markdown reader, the template renderer and the reference document
RENDERING = (
    "cxacq.engine.writers", "cxacq.documents.doctree", "cxacq.engine.reader",
    "cxacq.documents.render", "cxacq.engine.reference",
)
PROBE = (
    "import sys, json\n"
    "from cxacq.cli.commands import run\n"
    "code = run(sys.argv[1:])\n"
    "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
)


@pytest.mark.parametrize(
    "args",
    [["--version"], ["--help"], ["validate", str(EXAMPLES / "minimal.yaml")], ["schema"],
     ["documents", str(EXAMPLES / "minimal.yaml")]],
    ids=lambda a: a[0],
)
def test_light_commands_do_not_import_renderers(args: list[str]) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        check=False,
    )
    modules = set(json.loads(proc.stderr.strip().splitlines()[-1]))
    packages = {name.split(".")[0] for name in modules}
    assert not packages & set(HEAVY), packages & set(HEAVY)
    if args[0] == "validate":  # validation needs the answers model, never the writers
        own = {name for name in modules if name.startswith(RENDERING)}
        assert not own, own


MAIN_PROBE = (
    "import gc, json, os, sys\n"
    "from cxacq.cli.commands import main\n"
    "try:\n"
    "    main()\n"
    "except SystemExit:\n"
    "    pass\n"
    "from pydantic.plugin import _loader\n"
    "print(json.dumps([os.environ.get('PYDANTIC_DISABLE_PLUGINS'), gc.isenabled(),\n"
    "                  _loader._plugins is not None]), file=sys.stderr)\n"
)


@pytest.mark.parametrize("preset", [None, "logfire"])
def test_the_command_line_skips_pydantic_plugin_lookup_unless_told(preset: str | None) -> None:
    # Looking for plugins reads every installed package's entry points; cxacq uses none.
    # A value the user set (here: disable only a plugin named logfire) is kept.
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if preset is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = preset
    proc = subprocess.run(
        [sys.executable, "-c", MAIN_PROBE, "validate", str(EXAMPLES / "minimal.yaml")],
        capture_output=True, text=True, check=False, env=env,
    )
    value, collecting, looked = json.loads(proc.stderr.strip().splitlines()[-1])
    assert value == (preset or "1")
    assert not collecting  # main() runs its one command with the collector off
    assert looked == (preset is not None)  # pydantic caches what it found when it looks


def test_render_loads_no_rich_tables(tmp_path) -> None:
    # Only the reports that print a table (readiness, documents, the interview) need them.
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, "render", str(EXAMPLES / "minimal.yaml"),
         "--out", str(tmp_path)],
        capture_output=True, text=True, check=False,
    )
    modules = set(json.loads(proc.stderr.strip().splitlines()[-1]))
    assert "cxacq.engine.pipeline" in modules  # it rendered
    assert not modules & {"rich.table", "rich.padding"}
