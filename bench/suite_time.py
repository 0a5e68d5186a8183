"""Time the whole test suite as `make test` runs it and print the ratio to 120 s. No asserts.

Prints the wall time, the processor time of pytest and everything it started (user + system),
their ratio (how many cores the run kept busy) and wall / 120 s, the budget for `make test` on
a two-core machine. On a shared, busy machine the wall time grows while the processor time
stays about the same: compare processor times between runs, and read the wall time as the
time on a quiet machine only when the cores ratio is close to the number of cores.

    python bench/suite_time.py            # pytest -n auto, as make test
    python bench/suite_time.py -- -n 2 -m "not slow"   # other pytest arguments
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 120.0


def main(argv: list[str]) -> int:
    extra = argv[argv.index("--") + 1:] if "--" in argv else ["-n", "auto"]
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *extra]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(f"suite: {' '.join(command[1:])}")
    print(f"  wall {wall:.1f} s, processor {cpu:.1f} s (user + system), "
          f"cores kept busy {cpu / wall:.2f}")
    print(f"  wall / {BUDGET:.0f} s budget: {wall / BUDGET:.2f}; "
          f"processor / (2 cores x {BUDGET:.0f} s): {cpu / (2 * BUDGET):.2f}")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
