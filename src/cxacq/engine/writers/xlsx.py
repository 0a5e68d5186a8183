"""The cost estimate workbook: inputs as values, every total as a spreadsheet formula.

A workbook is not a document tree, so this writer reads the cost estimate section of
the answers (never YAML or Jinja) plus the same :class:`~cxacq.documents.doctree.DocMeta` the
Word writer gets. Every total is a formula over input cells, so the contracting
officer can change a rate, a head count or an amount and see the totals move.
:func:`cxacq.answers.model.cost.estimate_totals` computes the same formulas in Python.

Accessibility: title, subject and description in the workbook properties; each sheet
is named for what it holds and starts with a header row marked as a table header,
bold, frozen and repeated on print; totals rows say "All …" in words, so nothing
relies on color. The same input gives the same bytes: the core properties take the
document timestamp and the zip is re-packed with fixed dates and order.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from cxacq.answers.model.acquisition import FundingPeriod, IterationSchedule
from cxacq.answers.model.cost import CostEstimate
from cxacq.documents.doctree import DocMeta
from cxacq.engine.writers.docx_package import write_member

if TYPE_CHECKING:  # openpyxl is imported where a workbook is built, to keep start-up quick
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "ITERATION_SHEET", "SHEETS", "WorkbookLayout", "period_labels", "sheet_names",
    "write_cost_workbook",
]

SHEETS = ("Summary", "Labor", "Rates", "Other direct costs", "Assumptions", "Approvals")
ITERATION_SHEET = "Price by iteration"
"""The sheet after the Summary when the price is fixed per iteration: one row per period."""
MONEY = '"$"#,##0.00'
HOURS = "#,##0"
PERCENT = "0.00%"
TABLE_STYLE = "TableStyleMedium2"
FONT = "Calibri"  # openpyxl's default body font; bold cells name it too, or viewers substitute
LINE_HEIGHT = 15  # points per line of 11-point text

METHOD = (
    "Rates are fully burdened hourly rates from the rate card on the Rates sheet, each with "
    "its source beside it. cxacq never supplies a rate; every rate comes from the answers.",
    "Each rate escalates by the escalation per year on the Summary sheet, compounded once for "
    "each full year between the start of the first period and the start of the period, and "
    "is rounded to cents.",
    "The cost of a role in a period is people times hours per person times that period's "
    "rate, rounded to cents.",
    "Totals are sums of those amounts. The Difference column on the Summary sheet compares "
    "each period with the funding table and must be zero.",
)
ITERATION_METHOD = (
    "The price is fixed per {name}. On the Price by iteration sheet, each period's total from "
    "the Summary sheet divided by the number of {plural} in the period is the Government "
    "estimate of the price per {name}. The period total is the number of {plural} times "
    "that price, so it equals the Summary."
)

_APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>cxacq</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    "<Company>{company}</Company><LinksUpToDate>false</LinksUpToDate>"
    "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
    "<AppVersion>1.0000</AppVersion></Properties>"
)


def _col(index: int) -> str:
    """Return the column letter of a 1-based column index."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def period_labels(periods: Sequence[FundingPeriod]) -> list[str]:
    """Return a distinct label per period for column headers (table headers must differ)."""
    names = [p.name for p in periods]
    return [n if names.count(n) == 1 else f"{n} ({i + 1})" for i, n in enumerate(names)]


def _ref(sheet: str, cell: str) -> str:
    return f"'{sheet}'!{cell}"


@dataclass(frozen=True)
class WorkbookLayout:
    """Where each input and total sits; the writer and the tests read the same layout."""

    periods: int
    rates: int
    labor: int
    other: int  # data rows on the other direct costs sheet (at least one)
    summary_total_row: int = field(init=False)
    escalation_cell: str = field(init=False)
    labor_total_row: int = field(init=False)
    other_total_row: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "summary_total_row", self.periods + 2)
        object.__setattr__(self, "escalation_cell", f"$B${self.periods + 5}")
        object.__setattr__(self, "labor_total_row", self.labor + 2)
        object.__setattr__(self, "other_total_row", self.other + 2)

    def rate_column(self, period: int) -> str:
        """Return the Rates sheet column of the escalated rate for a 0-based period."""
        return _col(6 + period)

    def hours_column(self, period: int) -> str:
        """Return the Labor sheet column of hours per person in a 0-based period."""
        return _col(4 + period)

    def labor_cost_column(self, period: int) -> str:
        """Return the Labor sheet column of the cost in a 0-based period."""
        return _col(4 + self.periods + period)

    def other_column(self, period: int) -> str:
        """Return the other direct costs sheet column of a 0-based period."""
        return _col(2 + period)


def sheet_names(iterations: IterationSchedule | None) -> tuple[str, ...]:
    """Return the workbook's sheets in order: the price by iteration follows the Summary."""
    if iterations is None:
        return SHEETS
    return (SHEETS[0], ITERATION_SHEET, *SHEETS[1:])


def write_cost_workbook(
    estimate: CostEstimate,
    periods: Sequence[FundingPeriod],
    meta: DocMeta,
    signatures: Sequence[tuple[str, str]] = (),
    iterations: IterationSchedule | None = None,
) -> bytes:
    """Return the cost estimate workbook as .xlsx bytes.

    Args:
        estimate: The cost estimate; its lines have one value per funding period
            (the model's cross-field check guarantees it).
        periods: The funding table's periods, in order.
        meta: Title, subject, author, marking and timestamp, as for the documents.
        signatures: The approval sheet's rows: ("Prepared by: Program manager", the name
            and title, or "" for a name written in by hand).
        iterations: The schedule of a fixed price per iteration, one count per period in
            the order of ``periods``; it adds the Price by iteration sheet. None for any
            other pricing.
    """
    from openpyxl import Workbook

    layout = WorkbookLayout(
        periods=len(periods),
        rates=len(estimate.rates),
        labor=len(estimate.labor),
        other=max(1, len(estimate.other_direct_costs)),
    )
    names = sheet_names(iterations)
    book = Workbook()
    summary = cast("Worksheet", book.active)  # a new workbook's one sheet, a worksheet
    summary.title = names[0]
    sheets = {name: summary if name == names[0] else book.create_sheet(name) for name in names}
    _summary(sheets["Summary"], estimate, periods, layout)
    if iterations is not None:
        _iterations(sheets[ITERATION_SHEET], iterations, layout)
    _labor(sheets["Labor"], estimate, periods, layout)
    _rates(sheets["Rates"], estimate, periods, layout)
    _other(sheets["Other direct costs"], estimate, periods, layout)
    _assumptions(sheets["Assumptions"], estimate, iterations)
    _approvals(sheets["Approvals"], signatures)
    for sheet in sheets.values():
        _print_setup(sheet, meta)
        _fit_rows(sheet)
    _properties(book, meta, names)
    return _normalize(_members(book), book, meta)


def _members(book: Any) -> dict[str, bytes]:
    """Return the members ``book.save`` would zip, by name, in the order it writes them.

    It is openpyxl's own ``ExcelWriter`` writing into a dict, so :func:`_normalize`
    zips each member once instead of reading back a zip made only to be re-packed.
    """
    from openpyxl.writer.excel import ExcelWriter

    members: dict[str, bytes] = {}

    class _Collect:
        def writestr(self, name: Any, data: str | bytes) -> None:
            members[str(name)] = data.encode("utf-8") if isinstance(data, str) else data

        def write(self, filename: str, arcname: str) -> None:
            with open(filename, "rb") as file:
                members[arcname] = file.read()

        def namelist(self) -> list[str]:
            return list(members)

        def close(self) -> None:
            pass

    ExcelWriter(book, cast(Any, _Collect())).save()  # writes only what a ZipFile takes
    return members


def _header(sheet: Any, names: Sequence[str], widths: Sequence[int]) -> None:
    from openpyxl.styles import Alignment, Font

    for index, (name, width) in enumerate(zip(names, widths, strict=True), start=1):
        cell = sheet.cell(row=1, column=index, value=name)
        cell.font = Font(name=FONT, size=11, bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[_col(index)].width = width


def _table(sheet: Any, name: str, ref: str) -> None:
    from openpyxl.worksheet.table import Table, TableStyleInfo

    table = Table(displayName=name, ref=ref, headerRowCount=1)
    table.tableStyleInfo = TableStyleInfo(name=TABLE_STYLE, showRowStripes=True)
    sheet.add_table(table)


def _bold_row(sheet: Any, row: int, columns: int) -> None:
    from openpyxl.styles import Font

    for column in range(1, columns + 1):
        sheet.cell(row=row, column=column).font = Font(name=FONT, size=11, bold=True)


def _wrap(sheet: Any, column: int, first: int, last: int) -> None:
    from openpyxl.styles import Alignment

    for row in range(first, last + 1):
        sheet.cell(row=row, column=column).alignment = Alignment(wrap_text=True, vertical="top")


def _summary(
    sheet: Any, estimate: CostEstimate, periods: Sequence[FundingPeriod], layout: WorkbookLayout
) -> None:
    names = ["Period", "Months", "Years of escalation", "Labor", "Other direct costs",
             "Total", "Funding table", "Difference"]
    _header(sheet, names, [26, 10, 14, 18, 18, 18, 18, 16])
    last = layout.periods + 1
    for index, period in enumerate(periods):
        row = index + 2
        sheet[f"A{row}"] = period.name
        sheet[f"B{row}"] = period.months
        sheet[f"C{row}"] = 0 if index == 0 else f"=INT(SUM(B$2:B{row - 1})/12)"
        sheet[f"D{row}"] = "=" + _ref(
            "Labor", f"{layout.labor_cost_column(index)}{layout.labor_total_row}"
        )
        sheet[f"E{row}"] = "=" + _ref(
            "Other direct costs", f"{layout.other_column(index)}{layout.other_total_row}"
        )
        sheet[f"F{row}"] = f"=D{row}+E{row}"
        sheet[f"G{row}"] = period.amount
        sheet[f"H{row}"] = f"=F{row}-G{row}"
    total = layout.summary_total_row
    sheet[f"A{total}"] = "All periods"
    sheet[f"B{total}"] = f"=SUM(B2:B{last})"
    for column in "DEFGH":
        sheet[f"{column}{total}"] = f"=SUM({column}2:{column}{last})"
    for row in range(2, total + 1):
        for column in "DEFGH":
            sheet[f"{column}{row}"].number_format = MONEY
    _bold_row(sheet, total, len(names))
    _table(sheet, "Periods", f"A1:H{total}")
    # The one input that is not per line: escalation, in its own small table.
    # How it is applied is on the Assumptions sheet, with the rest of the method.
    head = total + 2
    for column, text in zip("AB", ("Input", "Value"), strict=True):
        sheet[f"{column}{head}"] = text
    _bold_row(sheet, head, 2)
    sheet[f"A{head + 1}"] = "Escalation per year"
    sheet[f"B{head + 1}"] = Decimal(str(estimate.escalation_percent)) / 100
    sheet[f"B{head + 1}"].number_format = PERCENT
    _table(sheet, "Inputs", f"A{head}:B{head + 1}")
    sheet.freeze_panes = "A2"


def _iterations(sheet: Any, schedule: IterationSchedule, layout: WorkbookLayout) -> None:
    """One row per period: iterations (input), price per iteration and period total (formulas).

    The price per iteration is the Summary's period total over the iterations, so a change
    to a rate or a count moves it; the period total multiplies back and equals the Summary.
    """
    name = schedule.name
    names = ["Period", f"Number of {schedule.plural}", f"Price per {name}", "Period total"]
    _header(sheet, names, [26, 16, 20, 18])
    for index, (period, _months, count) in enumerate(schedule.periods):
        row = index + 2
        sheet[f"A{row}"] = period
        sheet[f"B{row}"] = count
        sheet[f"C{row}"] = "=" + _ref("Summary", f"F{row}") + f"/B{row}"
        sheet[f"D{row}"] = f"=B{row}*C{row}"
    total = layout.summary_total_row
    sheet[f"A{total}"] = "All periods"
    sheet[f"B{total}"] = f"=SUM(B2:B{total - 1})"
    sheet[f"D{total}"] = f"=SUM(D2:D{total - 1})"
    for row in range(2, total + 1):
        sheet[f"B{row}"].number_format = HOURS
        for column in "CD":
            sheet[f"{column}{row}"].number_format = MONEY
    _wrap(sheet, 1, 2, total)
    _bold_row(sheet, total, len(names))
    _table(sheet, "IterationPrices", f"A1:D{total}")
    if schedule.weeks is not None:
        head = total + 2
        for column, text in zip("AB", ("Input", "Value"), strict=True):
            sheet[f"{column}{head}"] = text
        _bold_row(sheet, head, 2)
        sheet[f"A{head + 1}"] = f"Weeks per {name}"
        sheet[f"B{head + 1}"] = schedule.weeks
        _table(sheet, "IterationLength", f"A{head}:B{head + 1}")
    sheet.freeze_panes = "A2"


def _labor(
    sheet: Any, estimate: CostEstimate, periods: Sequence[FundingPeriod], layout: WorkbookLayout
) -> None:
    names = ["Role", "Rate id", "People"]
    names += [f"Hours per person, {p}" for p in period_labels(periods)]
    names += [f"Cost, {p}" for p in period_labels(periods)]
    names.append("Cost, all periods")
    widths = [30, 26, 9] + [14] * len(periods) + [18] * len(periods) + [18]
    _header(sheet, names, widths)
    rate_rows = f"$2:${layout.rates + 1}"
    ids = "'Rates'!$A" + rate_rows.replace(":", ":$A")
    for index, line in enumerate(estimate.labor):
        row = index + 2
        sheet[f"A{row}"] = line.name
        sheet[f"B{row}"] = line.rate
        sheet[f"C{row}"] = line.count
        for p in range(layout.periods):
            hours = layout.hours_column(p)
            sheet[f"{hours}{row}"] = line.hours[p]
            sheet[f"{hours}{row}"].number_format = HOURS
            rate_col = layout.rate_column(p)
            rates = f"'Rates'!${rate_col}" + rate_rows.replace(":", f":${rate_col}")
            cost = layout.labor_cost_column(p)
            sheet[f"{cost}{row}"] = (
                f"=ROUND($C{row}*{hours}{row}*INDEX({rates},MATCH($B{row},{ids},0)),2)"
            )
        first, last_cost = layout.labor_cost_column(0), layout.labor_cost_column(layout.periods - 1)
        sheet[f"{_col(len(names))}{row}"] = f"=SUM({first}{row}:{last_cost}{row})"
    total = layout.labor_total_row
    sheet[f"A{total}"] = "All roles"
    sheet[f"C{total}"] = f"=SUM(C2:C{total - 1})"
    for p in range(layout.periods + 1):
        column = _col(4 + layout.periods + p)
        sheet[f"{column}{total}"] = f"=SUM({column}2:{column}{total - 1})"
    for row in range(2, total + 1):
        for p in range(layout.periods + 1):
            sheet[f"{_col(4 + layout.periods + p)}{row}"].number_format = MONEY
    _wrap(sheet, 1, 2, total)
    _bold_row(sheet, total, len(names))
    _table(sheet, "LaborLines", f"A1:{_col(len(names))}{total}")
    sheet.freeze_panes = "B2"


def _rates(
    sheet: Any, estimate: CostEstimate, periods: Sequence[FundingPeriod], layout: WorkbookLayout
) -> None:
    names = ["Rate id", "Labor category", "Hourly rate, first year", "Source type", "Source"]
    names += [f"Rate, {p}" for p in period_labels(periods)]
    _header(sheet, names, [26, 30, 14, 18, 48] + [14] * len(periods))
    escalation = _ref("Summary", layout.escalation_cell)
    for index, rate in enumerate(estimate.rates):
        row = index + 2
        sheet[f"A{row}"] = rate.id
        sheet[f"B{row}"] = rate.labor_category
        sheet[f"C{row}"] = rate.hourly_rate
        sheet[f"D{row}"] = rate.source_type.replace("_", " ")
        sheet[f"E{row}"] = rate.source
        sheet[f"C{row}"].number_format = MONEY
        for p in range(layout.periods):
            years = _ref("Summary", f"$C${p + 2}")
            cell = sheet[f"{layout.rate_column(p)}{row}"]
            cell.value = f"=ROUND($C{row}*(1+{escalation})^{years},2)"
            cell.number_format = MONEY
    _wrap(sheet, 2, 2, layout.rates + 1)
    _wrap(sheet, 5, 2, layout.rates + 1)
    _table(sheet, "RateCard", f"A1:{_col(len(names))}{layout.rates + 1}")
    sheet.freeze_panes = "B2"


def _other(
    sheet: Any, estimate: CostEstimate, periods: Sequence[FundingPeriod], layout: WorkbookLayout
) -> None:
    names = ["Description", *(f"Amount, {p}" for p in period_labels(periods))]
    names.append("Amount, all periods")
    _header(sheet, names, [48] + [16] * (len(periods) + 1))
    lines: list[tuple[str, Sequence[Decimal]]] = [
        (odc.description, odc.amounts) for odc in estimate.other_direct_costs
    ] or [("No other direct costs are estimated", [Decimal(0)] * len(periods))]
    end = _col(len(periods) + 1)
    for index, (description, amounts) in enumerate(lines):
        row = index + 2
        sheet[f"A{row}"] = description
        for p, amount in enumerate(amounts):
            sheet[f"{layout.other_column(p)}{row}"] = amount
        sheet[f"{_col(len(names))}{row}"] = f"=SUM(B{row}:{end}{row})"
    total = layout.other_total_row
    sheet[f"A{total}"] = "All other direct costs"
    for p in range(layout.periods + 1):
        column = _col(2 + p)
        sheet[f"{column}{total}"] = f"=SUM({column}2:{column}{total - 1})"
    for row in range(2, total + 1):
        for p in range(layout.periods + 1):
            sheet[f"{_col(2 + p)}{row}"].number_format = MONEY
    _wrap(sheet, 1, 2, total)
    _bold_row(sheet, total, len(names))
    _table(sheet, "OtherDirectCosts", f"A1:{_col(len(names))}{total}")
    sheet.freeze_panes = "B2"


def _assumptions(
    sheet: Any, estimate: CostEstimate, iterations: IterationSchedule | None
) -> None:
    _header(sheet, ["Kind", "Statement"], [14, 100])
    rows = [("Assumption", text) for text in estimate.assumptions]
    rows += [("Method", text) for text in METHOD]
    if iterations is not None:
        rows.append(("Method", ITERATION_METHOD.format(
            name=iterations.name, plural=iterations.plural
        )))
    for index, (kind, text) in enumerate(rows):
        sheet[f"A{index + 2}"] = kind
        sheet[f"B{index + 2}"] = text
    _wrap(sheet, 2, 2, len(rows) + 1)
    _table(sheet, "AssumptionList", f"A1:B{len(rows) + 1}")
    sheet.freeze_panes = "A2"


def _approvals(sheet: Any, signatures: Sequence[tuple[str, str]]) -> None:
    """The estimate's signature block: who prepared, reviewed and approved it, with room to sign."""
    _header(sheet, ["Step and role", "Name and title", "Signature", "Date"], [34, 40, 30, 14])
    for index, (step, name) in enumerate(signatures, start=2):
        sheet[f"A{index}"] = step
        sheet[f"B{index}"] = name or None
    last = len(signatures) + 1
    _wrap(sheet, 1, 2, last)
    _wrap(sheet, 2, 2, last)
    for row in range(2, last + 1):
        sheet.row_dimensions[row].height = 36  # room to sign by hand
    _table(sheet, "Signatures", f"A1:D{max(last, 2)}")
    sheet.freeze_panes = "A2"


def _fit_rows(sheet: Any) -> None:
    """Give rows with wrapped text the height their text needs.

    Spreadsheet applications do not all grow a row for wrapped text when they open a
    file, and a clipped header or source is unreadable; widths are in characters.
    """
    from openpyxl.styles import Alignment

    for row in sheet.iter_rows():
        lines = 1
        for cell in row:
            if cell.value is not None and cell.alignment.vertical is None:
                cell.alignment = Alignment(wrap_text=cell.alignment.wrap_text, vertical="top")
            if not (isinstance(cell.value, str) and cell.alignment.wrap_text):
                continue
            width = sheet.column_dimensions[cell.column_letter].width or 10
            per_line = max(1, int(width) - 2)
            needed = sum(-(-len(part) // per_line) or 1 for part in cell.value.split("\n"))
            lines = max(lines, needed)
        if lines > 1:
            sheet.row_dimensions[row[0].row].height = lines * LINE_HEIGHT


def _print_setup(sheet: Any, meta: DocMeta) -> None:
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if meta.marking:
        sheet.oddHeader.center.text = meta.marking.replace("&", "&&")
        sheet.oddFooter.center.text = meta.marking.replace("&", "&&")
    sheet.oddFooter.right.text = "Page &P of &N"


def _description(meta: DocMeta, names: Sequence[str]) -> str:
    marking = f" {meta.marking}." if meta.marking else ""
    return (
        f"{meta.subject} for {meta.program}, version {meta.version}. Sheets: "
        + ", ".join(names)
        + ". Totals are formulas over the inputs on the Labor, Rates and Other direct costs "
        "sheets." + marking
    )


def _properties(book: Any, meta: DocMeta, names: Sequence[str]) -> None:
    props = book.properties
    stamp = _stamp(meta)
    props.title = f"{meta.title}: {meta.program}"
    props.subject = meta.subject
    props.description = _description(meta, names)
    props.creator = meta.author
    props.lastModifiedBy = meta.author
    props.keywords = ", ".join(meta.keywords)
    props.category = "Acquisition"
    props.contentStatus = "Draft"
    props.language = meta.language
    props.version = meta.version
    props.revision = "1"
    props.created = stamp
    props.modified = stamp
    props.lastPrinted = None


def _stamp(meta: DocMeta) -> dt.datetime:
    return meta.timestamp.astimezone(dt.UTC).replace(tzinfo=None)


def _normalize(members: dict[str, bytes], book: Any, meta: DocMeta) -> bytes:
    """Zip ``members`` with fixed core properties, app.xml, member order and timestamps."""
    from openpyxl.xml.functions import tostring

    # openpyxl stamps ``modified`` with the wall clock when it saves: write it again.
    book.properties.modified = _stamp(meta)
    core = tostring(book.properties.to_tree())
    app = _APP_XML.format(company=_escape(meta.author)).encode("utf-8")
    stamp = max(meta.timestamp.astimezone(dt.UTC), dt.datetime(1980, 1, 1, tzinfo=dt.UTC))
    date_time = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    names = sorted(members, key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for name in names:
            content = members[name]
            if name == "docProps/core.xml":
                content = core
            elif name == "docProps/app.xml":
                content = app
            write_member(target, name, content, date_time)
    return out.getvalue()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
