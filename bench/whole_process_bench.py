"""Time whole `cxacq` processes against the naive python-docx script; run with `make bench`.

Prints medians and ratios; asserts nothing (timings never go in tests). Each section
runs its commands in turn (A B A B …) after one warm-up round, N counted rounds each,
every command in a fresh output folder, and takes each run's wall time, CPU time and
peak resident memory from the operating system's account of the finished process
(``os.wait4``, and ``/usr/bin/time`` for memory where present; a process's figures cover
the worker processes it waited for, and its peak memory is its largest single process).

Sections (``--only`` picks some):

- ``one``: ``cxacq render examples/fema-disaster-assistance.yaml --out DIR`` against
  ``bench/naive_docx.py`` writing the same package (goal: ratio at most 0.5).
- ``batch``: one ``cxacq render`` over 100 answers files (copies of the examples in a
  temporary folder), ``--jobs 1`` against the naive script writing the same 100
  packages in one process (goal at most 0.5), and ``--jobs 2`` against ``--jobs 1``
  (goal at most 0.55).
- ``startup``: ``cxacq --version`` and ``cxacq validate FILE`` against ``python -c pass``
  and ``python -c "import yaml, pydantic"``.

The naive script's input is read from cxacq's own output (the rendered Word documents
and workbook of each package), so both sides write the same words.

Both sides run from compiled bytecode, as installed packages do: cxacq's modules are
compiled before the first run, and the commands run without ``PYTHONDONTWRITEBYTECODE``
(with it set and no ``__pycache__``, every cxacq run would compile its own source again,
while the libraries, installed by pip, have theirs).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONE = ROOT / "examples" / "fema-disaster-assistance.yaml"
REFERENCE = ROOT / "templates" / "reference.docx"
NAIVE = ROOT / "bench" / "naive_docx.py"
PYTHON = sys.executable


def child_env() -> dict[str, str]:
    """Return the timed commands' environment: this one, with bytecode caching allowed."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def compile_cxacq() -> str:
    """Compile the modules of the cxacq the commands import; return where they are."""
    found = subprocess.run(
        [PYTHON, "-c", "import cxacq, os; print(os.path.dirname(cxacq.__file__))"],
        check=True, capture_output=True, text=True, env=child_env(),
    ).stdout.strip()
    compileall.compile_dir(found, quiet=1)
    return found


def cxacq_command() -> list[str]:
    """Return the installed ``cxacq`` script beside this Python, else ``python -m cxacq``."""
    script = Path(PYTHON).parent / "cxacq"
    return [str(script)] if script.exists() else [PYTHON, "-m", "cxacq"]


# --- reading cxacq's output into the naive script's input ---------------------------------


def _docx_blocks(path: Path) -> dict:
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(path))
    blocks: list[list] = []
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            paragraph = docx.text.paragraph.Paragraph(element, document)
            text = paragraph.text
            style = paragraph.style.name if paragraph.style is not None else "Normal"
            page_break = any(br.get(qn("w:type")) == "page" for br in element.iter(qn("w:br")))
            if style.startswith("Heading ") and style[8:].isdigit():
                blocks.append(["heading", int(style[8:]), text])
            elif text or not page_break:
                blocks.append(["paragraph", style, text])
            if page_break:
                blocks.append(["page_break"])
        elif element.tag == qn("w:tbl"):
            table = docx.table.Table(element, document)
            blocks.append(["table", [[cell.text for cell in row.cells] for row in table.rows]])
    properties = document.core_properties
    return {
        "file": path.name, "title": properties.title, "subject": properties.subject,
        "author": properties.author, "blocks": blocks,
    }


def _xlsx_sheets(path: Path) -> dict:
    import openpyxl

    workbook = openpyxl.load_workbook(str(path))
    sheets = [
        {"name": sheet.title,
         "rows": [[cell.value if isinstance(cell.value, int | float | str) else
                   (None if cell.value is None else str(cell.value)) for cell in row]
                  for row in sheet.iter_rows()]}
        for sheet in workbook.worksheets
    ]
    return {"file": path.name, "title": workbook.properties.title or "", "sheets": sheets}


def read_package(folder: Path) -> list[dict]:
    """Return the naive script's description of one rendered package folder."""
    documents = []
    for path in sorted(folder.iterdir()):
        if path.suffix == ".docx":
            documents.append(_docx_blocks(path))
        elif path.suffix == ".xlsx":
            documents.append(_xlsx_sheets(path))
    return documents


# --- running and timing -------------------------------------------------------------------


@dataclass
class Samples:
    """The counted runs of one command."""

    label: str
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.wall)


# A child started straight from this (large) process starts its peak-memory account at
# this process's size, so where /usr/bin/time exists it starts each command and reports
# the command's own peak; its cost (a small C program) falls on every command alike.
TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run_once(argv: Sequence[str], scratch: Path) -> tuple[float, float, float]:
    """Run ``argv`` to the end; return wall seconds, CPU seconds and peak RSS in MB."""
    report = scratch / "time.txt"
    full = [TIME, "-f", "%M", "-o", str(report), *argv] if TIME else list(argv)
    start = time.perf_counter()
    proc = subprocess.Popen(full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=child_env())
    assert proc.stderr is not None
    errors = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # 1: guidance findings are not a failure here
        raise SystemExit(f"{' '.join(argv)} failed ({code}):\n{errors.decode()}")
    peak_kb = int(report.read_text().split()[-1]) if TIME else usage.ru_maxrss
    return wall, usage.ru_utime + usage.ru_stime, peak_kb / 1024


def alternate(
    commands: dict[str, Callable[[Path], list[str]]], runs: int, scratch: Path, warmup: int = 1
) -> dict[str, Samples]:
    """Run each command in turn, ``warmup`` uncounted rounds then ``runs`` counted ones.

    Each command gets a fresh, empty folder (its argument) every run.
    """
    samples = {label: Samples(label) for label in commands}
    for round_index in range(warmup + runs):
        for label, make in commands.items():
            out = scratch / "out"
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir()
            wall, cpu, rss = run_once(make(out), scratch)
            if round_index >= warmup:
                samples[label].wall.append(wall)
                samples[label].cpu.append(cpu)
                samples[label].rss_mb.append(rss)
    shutil.rmtree(scratch / "out", ignore_errors=True)
    return samples


def show(samples: dict[str, Samples]) -> None:
    for item in samples.values():
        print(
            f"  {item.label:44s} wall {item.median:7.3f} s (min {min(item.wall):.3f}, "
            f"max {max(item.wall):.3f})  cpu {statistics.median(item.cpu):7.3f} s  "
            f"peak RSS {statistics.median(item.rss_mb):6.1f} MB"
        )


def ratio(samples: dict[str, Samples], a: str, b: str, goal: float | None = None) -> None:
    """Print median(a) / median(b) for wall and CPU time, and the round-by-round range.

    On a shared machine the wall time also counts waiting for the CPU; the CPU time
    (user + system, the workers' included) is the steadier figure of the work done.
    """
    pairs = [x / y for x, y in zip(samples[a].wall, samples[b].wall, strict=True)]
    cpu = statistics.median(samples[a].cpu) / statistics.median(samples[b].cpu)
    text = (f"  ratio {a} / {b}: wall {samples[a].median / samples[b].median:.2f} "
            f"(round by round {min(pairs):.2f}–{max(pairs):.2f}), cpu {cpu:.2f}")
    if goal is not None:
        text += f"  goal <= {goal:.2f}"
    print(text)


# --- sections -----------------------------------------------------------------------------


def render_into(inputs: Path, out: Path, scratch_name: str = "rendered") -> Path:
    """Render ``inputs`` once (untimed) and return the output folder."""
    target = out / scratch_name
    subprocess.run([*cxacq_command(), "render", str(inputs), "--out", str(target)],
                   check=False, capture_output=True, env=child_env())
    return target


def section_one(scratch: Path, runs: int, warmup: int) -> None:
    rendered = render_into(ONE, scratch)
    package = rendered / ONE.stem
    spec = scratch / "one.json"
    spec.write_text(json.dumps({"packages": [
        {"name": ONE.stem, "documents": read_package(package)}]}))
    files = sorted(p.name for p in package.iterdir())
    print(f"one package: {ONE.relative_to(ROOT)} → {len(files)} files ({', '.join(files)})")
    cxacq = cxacq_command()
    samples = alternate({
        "cxacq render (one package)": lambda out: [*cxacq, "render", str(ONE), "--out", str(out)],
        "naive python-docx (one package)": lambda out: [
            PYTHON, str(NAIVE), str(spec), str(out), "--reference", str(REFERENCE)],
    }, runs, scratch, warmup)
    show(samples)
    ratio(samples, "cxacq render (one package)", "naive python-docx (one package)", 0.5)


def section_batch(scratch: Path, runs: int, warmup: int, packages: int) -> None:
    answers = scratch / "answers"
    answers.mkdir()
    sources = sorted((ROOT / "examples").glob("*.yaml"))
    for index in range(packages):
        source = sources[index % len(sources)]
        shutil.copy(source, answers / f"{index:03}-{source.stem}.yaml")
    rendered = render_into(ONE.parent, scratch, "examples")
    by_example = {source.stem: read_package(rendered / source.stem) for source in sources}
    spec = scratch / "batch.json"
    spec.write_text(json.dumps({"packages": [
        {"name": path.stem, "documents": by_example[path.stem.split("-", 1)[1]]}
        for path in sorted(answers.iterdir())]}))
    print(f"batch: {packages} answers files (copies of {len(sources)} examples); "
          f"{runs} counted run(s) after {warmup} warm-up round(s)")
    cxacq = cxacq_command()
    one, two, naive = "cxacq render --jobs 1", "cxacq render --jobs 2", "naive python-docx"
    samples = alternate({
        one: lambda out: [*cxacq, "render", str(answers), "--out", str(out), "--jobs", "1"],
        two: lambda out: [*cxacq, "render", str(answers), "--out", str(out), "--jobs", "2"],
        naive: lambda out: [PYTHON, str(NAIVE), str(spec), str(out), "--reference",
                            str(REFERENCE)],
    }, runs, scratch, warmup)
    show(samples)
    ratio(samples, one, naive, 0.5)
    ratio(samples, two, naive)
    ratio(samples, two, one, 0.55)


def section_startup(scratch: Path, runs: int, warmup: int) -> None:
    print(f"start-up: cxacq --version and cxacq validate {ONE.relative_to(ROOT)}")
    cxacq = cxacq_command()
    bare, imports = "python -c pass", 'python -c "import yaml, pydantic"'
    version, validate = "cxacq --version", "cxacq validate FILE"
    samples = alternate({
        bare: lambda out: [PYTHON, "-c", "pass"],
        imports: lambda out: [PYTHON, "-c", "import yaml, pydantic"],
        version: lambda out: [*cxacq, "--version"],
        validate: lambda out: [*cxacq, "validate", str(ONE)],
    }, runs, scratch, warmup)
    show(samples)
    for command in (version, validate):
        ratio(samples, command, bare)
        ratio(samples, command, imports)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="counted runs of each command")
    parser.add_argument("--batch-runs", type=int, default=None,
                        help="counted runs in the batch section (default: --runs)")
    parser.add_argument("--warmup", type=int, default=1, help="uncounted rounds first")
    parser.add_argument("--packages", type=int, default=100, help="answers files in the batch")
    parser.add_argument("--only", default="one,batch,startup",
                        help="comma-separated sections: one, batch, startup")
    args = parser.parse_args(argv)
    sections = set(args.only.split(","))
    print(f"python {sys.version.split()[0]} on {os.cpu_count()} CPU(s); "
          f"{args.runs} counted runs after {args.warmup} warm-up round(s); medians")
    print(f"bytecode: compiled {compile_cxacq()} before the runs")
    if TIME is None:
        print("note: /usr/bin/time is missing; peak RSS includes this script's own size")
    with tempfile.TemporaryDirectory(prefix="cxacq-bench-") as tmp:
        scratch = Path(tmp)
        if "one" in sections:
            section_one(scratch, args.runs, args.warmup)
        if "batch" in sections:
            section_batch(scratch, args.batch_runs or args.runs, args.warmup, args.packages)
        if "startup" in sections:
            section_startup(scratch, args.runs, args.warmup)


if __name__ == "__main__":
    main()
