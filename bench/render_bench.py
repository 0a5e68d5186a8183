"""Print timing ratios for the DOCX writer; run with `make bench`. No asserts.

ratio = our DocxWriter.write time / a straightforward python-docx public-API build
of the same document tree (add_heading, add_paragraph(style=...), add_table,
cell.text, save). Target: at most 0.5. Best of several rounds, same process.
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from cxacq.answers.validate import load_and_validate  # noqa: E402
from cxacq.documents.catalog import DOCUMENTS  # noqa: E402
from cxacq.documents.context import build_context  # noqa: E402
from cxacq.documents.doctree import (  # noqa: E402
    BulletList,
    DocMeta,
    Heading,
    Notice,
    OrderedList,
    PageBreak,
    Paragraph,
    Table,
    plain_text,
)
from cxacq.documents.render import make_environment, render_markdown  # noqa: E402
from cxacq.engine.clock import document_timestamp  # noqa: E402
from cxacq.engine.reader import read_markdown  # noqa: E402
from cxacq.engine.writers.docx import DocxWriter  # noqa: E402
from cxacq.resources import reference_docx_path, templates_dir  # noqa: E402


def naive(doc, meta) -> bytes:
    document = docx.Document(str(reference_docx_path()))
    document.add_paragraph(meta.title, style="Title")

    def blocks(items, depth):
        for block in items:
            if isinstance(block, Heading):
                document.add_heading(plain_text(block.inlines), level=block.level)
            elif isinstance(block, Paragraph):
                document.add_paragraph(plain_text(block.inlines), style="Body Text")
            elif isinstance(block, BulletList | OrderedList):
                base = "List Number" if isinstance(block, OrderedList) else "List Bullet"
                style = base if depth == 0 else f"{base} {min(depth, 2) + 1}"
                for item in block.items:
                    for inner in item.blocks:
                        if isinstance(inner, Paragraph):
                            document.add_paragraph(plain_text(inner.inlines), style=style)
                        else:
                            blocks([inner], depth + 1)
            elif isinstance(block, Table):
                table = document.add_table(rows=1 + len(block.rows), cols=len(block.header))
                table.style = "Table Grid"
                for r, row in enumerate((block.header, *block.rows)):
                    for c, cell in enumerate(row):
                        table.cell(r, c).text = plain_text(cell)
            elif isinstance(block, Notice):
                for inner in block.blocks:
                    document.add_paragraph(plain_text(inner.inlines), style="Intense Quote")
            elif isinstance(block, PageBreak):
                document.add_page_break()

    blocks(doc.blocks, 0)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def best(fn, rounds: int = 7) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    answers = load_and_validate(ROOT / "examples" / "uscis-work-authorization.yaml")
    env = make_environment([templates_dir()], sandboxed=False)
    ours_total = naive_total = 0.0
    for kind in DOCUMENTS.values():
        text = render_markdown(env, kind.template, build_context(answers, kind=kind.key))
        doc = read_markdown(text, source=kind.template)
        meta = DocMeta(
            title=kind.title,
            subtitle=answers.program.name,
            program=answers.program.name,
            office=answers.program.office,
            version="1",
            date=answers.document.date,
            timestamp=document_timestamp(answers.document.date),
            author="bench",
            subject=kind.subject,
            marking=kind.marking(answers),
        )
        writer = DocxWriter()
        # best() calls each closure before the loop moves on, so late binding is harmless.
        ours = best(lambda: writer.write(doc, meta))  # noqa: B023 - called in this iteration
        floor = best(lambda: naive(doc, meta))  # noqa: B023 - called in this iteration
        ours_total += ours
        naive_total += floor
        print(
            f"{kind.key:28s} ours {ours * 1000:7.1f} ms  naive {floor * 1000:7.1f} ms  "
            f"ratio {ours / floor:.2f}"
        )
    print(
        f"{'package (3 documents)':28s} ours {ours_total * 1000:7.1f} ms  "
        f"naive {naive_total * 1000:7.1f} ms  ratio {ours_total / naive_total:.2f}  "
        "(target <= 0.50)"
    )


if __name__ == "__main__":
    main()
