"""Time loading the shipped templates in fresh processes, three ways; run with `make bench`.

Prints medians of CPU time; asserts nothing. Each way runs in its own new process
(as a `cxacq render` would), in turn, after one warm-up round:

- ``source``: no cache, every template compiled from its source;
- ``bytecode``: Jinja's bytecode cache in a folder (what `cxacq render` uses, in the
  user's cache folder), warmed by the first round;
- ``modules``: templates compiled ahead of time to Python modules
  (``Environment.compile_templates``), loaded with ``jinja2.ModuleLoader``, as a wheel
  could ship them.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

WAYS = ("source", "bytecode", "modules")


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".j2"))


def load(way: str, scratch: Path) -> float:
    """Load every shipped template ``way`` in this process; return the CPU seconds taken."""
    start = time.process_time()
    import jinja2

    from cxacq.documents.render import _fingerprint, _TemplateCache, make_environment
    from cxacq.resources import templates_dir

    folder = templates_dir()
    env = make_environment([folder], sandboxed=False, cache=False)
    if way == "bytecode":
        env.bytecode_cache = _TemplateCache(scratch / "bytecode", _fingerprint(env))
    elif way == "modules":
        env.loader = jinja2.ModuleLoader(str(scratch / "modules"))
    for name in _names(folder):
        env.get_template(name)
    return time.process_time() - start


def prepare(scratch: Path) -> None:
    """Compile the templates to modules, and make the bytecode cache's folder."""
    from cxacq.documents.render import make_environment
    from cxacq.resources import templates_dir

    folder = templates_dir()
    env = make_environment([folder], sandboxed=False, cache=False)
    names = _names(folder)
    env.loader.list_templates = lambda: names  # type: ignore[union-attr,method-assign]  # the
    # confined loader does not list its templates: give compile_templates the shipped ones
    env.compile_templates(str(scratch / "modules"), zip=None, ignore_errors=False)
    (scratch / "bytecode").mkdir(mode=0o700)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="counted processes for each way")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(load(args.child[0], Path(args.child[1])))
        return
    with tempfile.TemporaryDirectory(prefix="cxacq-templates-") as tmp:
        scratch = Path(tmp)
        prepare(scratch)
        times: dict[str, list[float]] = {way: [] for way in WAYS}
        for round_index in range(args.runs + 1):  # the first round warms the cache
            for way in WAYS:
                out = subprocess.run([sys.executable, __file__, "--child", way, str(scratch)],
                                     capture_output=True, text=True, check=True)
                if round_index:
                    times[way].append(float(out.stdout.split()[-1]))
    from cxacq.resources import templates_dir

    count = len(_names(templates_dir()))
    print(f"templates: loading the {count} shipped templates in a fresh process, "
          f"{args.runs} processes each "
          "(CPU, including importing jinja2 and cxacq.documents.render)")
    for way, values in times.items():
        print(f"  {way:9s} median {statistics.median(values) * 1000:7.1f} ms "
              f"(min {min(values) * 1000:.1f}, max {max(values) * 1000:.1f})")


if __name__ == "__main__":
    main()
