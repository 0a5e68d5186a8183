"""Commands that write no documents must not import the heavy libraries."""

from __future__ import annotations

import json
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
