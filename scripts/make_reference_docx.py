"""Build templates/reference.docx (run via `make reference`); the output is reproducible."""

from __future__ import annotations

import sys
from pathlib import Path

from cxacq.engine.reference import build_reference

if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "templates/reference.docx")
    target.write_bytes(build_reference())
    print(f"wrote {target}")
