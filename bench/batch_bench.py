"""Print batch and start-up ratios; run with `make bench`. No asserts.

- render --jobs 2 vs --jobs 1 over 100 packages (target: at most 0.55 on two cores)
- cxacq validate start-up vs a bare `python -c pass`
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CXACQ = [sys.executable, "-m", "cxacq"]


def timed(command: list[str], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run(command, check=False, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        answers = Path(tmp) / "answers"
        answers.mkdir()
        sources = sorted((ROOT / "examples").glob("*.yaml"))
        for index in range(100):
            shutil.copy(sources[index % len(sources)], answers / f"package-{index:03}.yaml")
        one = timed([*CXACQ, "render", str(answers), "--out", f"{tmp}/o1", "--jobs", "1"], 2)
        two = timed([*CXACQ, "render", str(answers), "--out", f"{tmp}/o2", "--jobs", "2"], 2)
        print(
            f"render 100 packages: --jobs 1 {one:.2f} s, --jobs 2 {two:.2f} s, "
            f"ratio {two / one:.2f} (target <= 0.55)"
        )
    bare = timed([sys.executable, "-c", "pass"], 10)
    validate = timed([*CXACQ, "validate", str(ROOT / "examples" / "minimal.yaml")], 10)
    print(
        f"start-up: python -c pass {bare * 1000:.0f} ms, "
        f"cxacq validate {validate * 1000:.0f} ms, ratio {validate / bare:.1f}"
    )


if __name__ == "__main__":
    main()
