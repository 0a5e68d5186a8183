"""Generate docs/citations.md: the citation catalogue as a crosswalk a contracting officer audits.

Run `python scripts/make_citations_doc.py` (or `make docs`) after changing
`src/cxacq/citations.py`; `--check` exits 1 when the committed file is stale.
tests/test_regulation.py fails while the document and the catalogue disagree.
"""

from __future__ import annotations

import sys
from pathlib import Path

from cxacq.citations import CATALOGUE_DATE, CITATIONS, REUSED

sys.path.insert(0, str(Path(__file__).resolve().parent))  # _generated.py sits beside this script
from _generated import GeneratedFile  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "citations.md"
COMMAND = "python scripts/make_citations_doc.py"


def _cell(text: str | None) -> str:
    return (text or "—").replace("|", "\\|")


def render() -> str:
    """Return the Markdown of docs/citations.md."""
    lines = [
        "# Citations: the FAR editions cxacq cites",
        "",
        f"This file is generated from `src/cxacq/citations.py` by `{COMMAND}`; do not edit",
        "it by hand. `tests/test_regulation.py` fails while it disagrees with the catalogue.",
        "",
        f"The catalogue was last checked on {CATALOGUE_DATE:%B} {CATALOGUE_DATE.day}, "
        f"{CATALOGUE_DATE.year}.",
        "",
        "- **Overhaul** is the Revolutionary FAR Overhaul model deviation text that agencies,",
        "  DHS included, adopted by class deviation. It is the default edition (`rfo`).",
        "- **Legacy** is the FAR as codified in 48 CFR chapter 1 before the overhaul (`legacy`).",
        "- `dual` cites the overhaul number with the legacy number in parentheses.",
        "- A dash under **Overhaul** means the concept has no successor: documents do not cite it",
        "  under `rfo` or `dual`, and say something else instead (see the note).",
        "- **Verified** says what was searched in the overhaul text or the FAR Companion.",
        "  Legacy numbers come from the project's old-to-new map; 48 CFR itself was not searched.",
        "- Agency deviations and supplements govern where they differ. The contracting officer",
        "  confirms the agency's deviation status for each part of the FAR.",
        "",
        "Choose the edition with `document.far_edition` in the answers file, or with",
        "`--far-edition rfo|legacy|dual` on `cxacq render` and `cxacq check`.",
        "",
        "| Concept | Key | Legacy | Overhaul | Statute | Note | Verified |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for entry in CITATIONS.values():
        lines.append(
            f"| {_cell(entry.concept)} | `{entry.key}` | {_cell(entry.legacy)} | "
            f"{_cell(entry.rfo)} | {_cell(entry.statute)} | {_cell(entry.note)} | "
            f"{_cell(entry.verified)} |"
        )
    lines += [
        "",
        "## Numbers the overhaul reused",
        "",
        "Under `rfo` and `dual`, `cxacq check` reports these legacy numbers as errors (RFO-C02)",
        "when an answers file uses them in their old meaning.",
        "",
        "| Legacy number | Old meaning | Now means | Cite instead |",
        "| --- | --- | --- | --- |",
    ]
    for number, (key, meaning, _words) in REUSED.items():
        entry = CITATIONS[key]
        lines.append(f"| {number} | {_cell(entry.concept)} | {meaning} | {_cell(entry.rfo)} |")
    return "\n".join(lines) + "\n"


_FILE = GeneratedFile(TARGET, ROOT, render, "the catalogue", COMMAND)
is_current = _FILE.is_current
write = _FILE.write
main = _FILE.main


if __name__ == "__main__":
    sys.exit(main())
