"""The cost estimate: its answers, the formula workbook, and the check against funding."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from conftest import EXAMPLES, example_paths, render_example
from cxacq.answers.fields import answer_fields
from cxacq.answers.loader import load_answers_file, load_answers_text
from cxacq.answers.model.cost import escalated_rate, escalation_years, estimate_totals
from cxacq.answers.scaffold import scaffold_text
from cxacq.answers.validate import load_and_validate, validate_loaded
from cxacq.documents.catalog import DOCUMENTS, documents_for
from cxacq.engine.pipeline import build_package
from cxacq.engine.writers.xlsx import ITERATION_SHEET, SHEETS, WorkbookLayout
from cxacq.errors import AnswersInvalid, ExitCode
from helpers import doc_file

USCIS = EXAMPLES / "uscis-work-authorization.yaml"
FEMA = EXAMPLES / "fema-disaster-assistance.yaml"
MINIMAL = EXAMPLES / "minimal.yaml"
WORKBOOK = doc_file("cost-estimate")


def _workbook(path: Path) -> tuple[Any, bytes]:
    answers = load_and_validate(path)
    data = build_package(answers)[WORKBOOK]
    return answers, data


@pytest.fixture(scope="session")
def workbooks(example_package) -> Callable[[Path], tuple[Any, bytes]]:
    """``workbooks(path)``: the answers and the shared, once-rendered workbook of an example."""
    return lambda path: (load_and_validate(path), example_package(path)[WORKBOOK])


def _mutated(tmp_path: Path, mutate) -> Path:
    data = load_answers_file(USCIS).data
    mutate(data)
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


# -- the answers -------------------------------------------------------------


def _problems(mutate) -> list[tuple[str, int | None, str]]:
    data = load_answers_file(USCIS).data
    mutate(data)
    loaded = load_answers_text(yaml.safe_dump(data, sort_keys=False), "case.yaml")
    with pytest.raises(AnswersInvalid) as caught:
        validate_loaded(loaded)
    return [(d.field, d.line, d.message) for d in caught.value.to_diagnostics()]


def test_unknown_rate_is_reported_at_the_labor_line() -> None:
    def mutate(d):
        d["cost_estimate"]["labor"][1]["rate"] = "no-such-rate"

    [(field, line, message)] = _problems(mutate)
    assert field == "cost_estimate.labor[2].rate"
    assert line is not None and "no rate on the rate card has the id 'no-such-rate'" in message


def test_hours_for_the_wrong_number_of_periods_are_reported() -> None:
    def mutate(d):
        d["cost_estimate"]["labor"][0]["hours"] = [1880, 1880]
        d["cost_estimate"]["other_direct_costs"][0]["amounts"] = [1, 2, 3, 4]

    found = _problems(mutate)
    assert [f for f, _, _ in found] == [
        "cost_estimate.labor[1].hours", "cost_estimate.other_direct_costs[1].amounts",
    ]
    assert "hours for 2 period(s), but the funding table has 3: Base period" in found[0][2]
    assert "amounts for 4 period(s)" in found[1][2]


def test_a_rate_id_used_twice_is_reported() -> None:
    def mutate(d):
        d["cost_estimate"]["rates"][1]["id"] = d["cost_estimate"]["rates"][0]["id"]

    fields = [f for f, _, _ in _problems(mutate)]
    assert "cost_estimate.rates[2].id" in fields


@pytest.mark.parametrize(
    ("key", "value"),
    [("escalation_percent", -1), ("rates", []), ("labor", [])],
)
def test_the_section_rejects_bad_values(key: str, value: Any) -> None:
    def mutate(d):
        d["cost_estimate"][key] = value

    assert any(f.startswith(f"cost_estimate.{key}") for f, _, _ in _problems(mutate))


def test_a_rate_without_its_source_is_invalid() -> None:
    def mutate(d):
        del d["cost_estimate"]["rates"][0]["source"]

    assert [f for f, _, _ in _problems(mutate)] == ["cost_estimate.rates[1].source"]


def test_files_without_the_section_stay_valid_and_have_no_workbook() -> None:
    data = load_answers_file(USCIS).data
    del data["cost_estimate"]
    answers = validate_loaded(load_answers_text(yaml.safe_dump(data, sort_keys=False), "a.yaml"))
    assert answers.cost_estimate is None
    assert "cost-estimate" not in [k.key for k in documents_for(answers)]
    files = build_package(answers, formats=("docx", "markdown"))
    assert WORKBOOK not in files
    strategy = files[doc_file("acquisition-strategy", "md")].decode("utf-8")
    assert doc_file("cost-estimate") not in strategy


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_every_example_has_an_estimate_that_equals_its_funding(path: Path) -> None:
    answers = load_and_validate(path)
    assert answers.cost_estimate is not None
    totals = estimate_totals(answers.cost_estimate, answers.funding.periods)
    assert list(totals.periods) == [p.amount for p in answers.funding.periods]
    assert "cost-estimate" in [k.key for k in documents_for(answers)]
    for rate in answers.cost_estimate.rates:
        assert "example figure" in rate.source


def test_escalation_compounds_once_per_full_year() -> None:
    answers = load_and_validate(FEMA)
    assert escalation_years(answers.funding.periods) == [0, 1, 2]
    assert escalated_rate(Decimal("158.00"), 3, 1) == Decimal("162.74")
    assert escalated_rate(Decimal("158.00"), 3, 2) == Decimal("167.62")  # 167.6222
    assert escalated_rate(Decimal("152.00"), 2.5, 1) == Decimal("155.80")


def test_the_registry_kind_is_a_government_only_workbook() -> None:
    kind = DOCUMENTS["cost-estimate"]
    assert kind.extension == "xlsx" and kind.template is None and kind.build is not None
    answers = load_and_validate(USCIS)
    assert kind.marking(answers).startswith("Source Selection Information")
    with pytest.raises(ValueError, match="a template or a build"):
        type(kind)(
            key="x", template=None, filename="x", title="X", subject="X",
            marking=lambda a: None, applies=lambda a: True,
        )


# -- the workbook -------------------------------------------------------------


def _book(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data))


def test_every_formula_cell_and_its_inputs(workbooks) -> None:
    answers, data = workbooks(FEMA)
    est, periods = answers.cost_estimate, answers.funding.periods
    book = _book(data)
    assert book.sheetnames == list(SHEETS)
    lay = WorkbookLayout(periods=3, rates=len(est.rates), labor=len(est.labor),
                         other=len(est.other_direct_costs))
    summary, labor, rates, other = (book[n] for n in SHEETS[:4])
    # Summary: inputs, then one formula per total.
    assert Decimal(str(summary[lay.escalation_cell.replace("$", "")].value)) == Decimal("0.03")
    for i, period in enumerate(periods):
        r = i + 2
        assert summary[f"A{r}"].value == period.name and summary[f"B{r}"].value == period.months
        assert summary[f"C{r}"].value == (0 if i == 0 else f"=INT(SUM(B$2:B{r - 1})/12)")
        assert summary[f"D{r}"].value == f"='Labor'!{lay.labor_cost_column(i)}{lay.labor_total_row}"
        assert summary[f"E{r}"].value == (
            f"='Other direct costs'!{lay.other_column(i)}{lay.other_total_row}"
        )
        assert summary[f"F{r}"].value == f"=D{r}+E{r}"
        assert summary[f"G{r}"].value == period.amount
        assert summary[f"H{r}"].value == f"=F{r}-G{r}"
    assert summary["A5"].value == "All periods"
    assert [summary[f"{c}5"].value for c in "BDEFGH"] == [f"=SUM({c}2:{c}4)" for c in "BDEFGH"]
    # Rates: the rate card as given, each source beside its rate, escalated by formula.
    for j, rate in enumerate(est.rates):
        r = j + 2
        assert [rates[f"{c}{r}"].value for c in "ABCE"] == [
            rate.id, rate.labor_category, rate.hourly_rate, rate.source,
        ]
        for i in range(3):
            assert rates[f"{lay.rate_column(i)}{r}"].value == (
                f"=ROUND($C{r}*(1+'Summary'!$B$8)^'Summary'!$C${i + 2},2)"
            )
    # Labor: people and hours as inputs; cost looks its rate up by id.
    n = len(est.rates) + 1
    for k, line in enumerate(est.labor):
        r = k + 2
        assert [labor[f"{c}{r}"].value for c in "ABC"] == [line.name, line.rate, line.count]
        for i in range(3):
            assert labor[f"{lay.hours_column(i)}{r}"].value == line.hours[i]
            col = lay.rate_column(i)
            assert labor[f"{lay.labor_cost_column(i)}{r}"].value == (
                f"=ROUND($C{r}*{lay.hours_column(i)}{r}*INDEX('Rates'!${col}$2:${col}${n},"
                f"MATCH($B{r},'Rates'!$A$2:$A${n},0)),2)"
            )
        assert labor[f"J{r}"].value == f"=SUM(G{r}:I{r})"
    t = lay.labor_total_row
    assert labor[f"A{t}"].value == "All roles"
    assert [labor[f"{c}{t}"].value for c in "GHIJ"] == [f"=SUM({c}2:{c}{t - 1})" for c in "GHIJ"]
    # Other direct costs: amounts as inputs, totals by formula.
    for k, odc in enumerate(est.other_direct_costs):
        r = k + 2
        assert other[f"A{r}"].value == odc.description
        assert [Decimal(str(other[f"{c}{r}"].value)) for c in "BCD"] == list(odc.amounts)
        assert other[f"E{r}"].value == f"=SUM(B{r}:D{r})"
    t = lay.other_total_row
    assert [other[f"{c}{t}"].value for c in "BCDE"] == [f"=SUM({c}2:{c}{t - 1})" for c in "BCDE"]


def test_no_total_is_a_precomputed_constant(workbooks) -> None:
    answers, data = workbooks(USCIS)
    book = _book(data)
    amounts = {p.amount for p in answers.funding.periods} | {answers.funding.total}
    totals = estimate_totals(answers.cost_estimate, answers.funding.periods)
    computed = {*totals.labor, *totals.other, totals.total, sum(totals.labor)}
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, int | float | Decimal):
                    if sheet.title == "Summary" and cell.column_letter == "G":
                        assert cell.value in amounts  # the funding table, for comparison
                    else:
                        assert Decimal(str(cell.value)) not in computed - amounts, cell


# A small evaluator for exactly the formulas the writer uses, in Decimal, so the
# formulas are shown to compute the same totals on every machine (LibreOffice below
# checks the same against a real spreadsheet engine where it is installed).
_REF = r"(?:'(?P<s{n}>[^']+)'!)?\$?(?P<c{n}>[A-Z]+)\$?(?P<r{n}>\d+)"


def _evaluate(
    book: Any, extra: tuple[tuple[str, str], ...] = ()
) -> dict[tuple[str, str], Decimal]:
    cache: dict[tuple[str, str], Any] = {}

    def value(sheet: str, ref: str) -> Any:
        key = (sheet, ref)
        if key not in cache:
            raw = book[sheet][ref].value
            cache[key] = compute(sheet, raw[1:]) if isinstance(raw, str) and raw.startswith(
                "=") else (Decimal(str(raw)) if isinstance(raw, int | float | Decimal) else raw)
        return cache[key]

    def cells(sheet: str, a: str, b: str) -> list[Any]:
        (c1, r1), (c2, r2) = (re.match(r"([A-Z]+)(\d+)", x).groups() for x in (a, b))
        index = openpyxl.utils.column_index_from_string
        cols = [openpyxl.utils.get_column_letter(i) for i in range(index(c1), index(c2) + 1)]
        return [value(sheet, f"{c}{r}") for r in range(int(r1), int(r2) + 1) for c in cols]

    def compute(sheet: str, formula: str) -> Any:
        second = _REF.format(n=2).replace("(?:'(?P<s2>[^']+)'!)?", "")
        rng = re.compile(_REF.format(n=1) + ":" + second)
        env = {"SUM": lambda xs: sum((x for x in xs if isinstance(x, Decimal)), Decimal(0)),
               "ROUND": lambda x, n: x.quantize(Decimal(1).scaleb(-int(n)), ROUND_HALF_UP),
               "INT": lambda x: Decimal(int(x // 1)),
               "INDEX": lambda xs, i: xs[int(i) - 1],
               "MATCH": lambda v, xs, _t: Decimal(xs.index(v) + 1)}
        ranges: list[list[Any]] = []

        def keep_range(m: re.Match[str]) -> str:
            ranges.append(cells(m["s1"] or sheet, m["c1"] + m["r1"], m["c2"] + m["r2"]))
            return f"_R[{len(ranges) - 1}]"

        text = rng.sub(keep_range, formula)
        singles: list[Any] = []

        def keep_cell(m: re.Match[str]) -> str:
            singles.append(value(m["s1"] or sheet, m["c1"] + m["r1"]))
            return f"_C[{len(singles) - 1}]"

        text = re.sub(_REF.format(n=1), keep_cell, text)
        text = re.sub(r"(?<![\w\[])(\d+(?:\.\d+)?)", r"_D('\1')", text).replace("^", "**")
        return eval(text, {**env, "_R": ranges, "_C": singles, "_D": Decimal})  # noqa: S307

    wanted = [("Summary", f"{c}{r}") for c in "DEFH" for r in range(2, 2 + 4)] + list(extra)
    return {(s, ref): value(s, ref) for s, ref in wanted}


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_the_formulas_compute_the_python_totals(path: Path, workbooks) -> None:
    answers, data = workbooks(path)
    periods = answers.funding.periods
    totals = estimate_totals(answers.cost_estimate, periods)
    book = _book(data)
    values = _evaluate(book)
    for i in range(len(periods)):
        r = i + 2
        assert values[("Summary", f"D{r}")] == totals.labor[i]
        assert values[("Summary", f"E{r}")] == totals.other[i]
        assert values[("Summary", f"F{r}")] == totals.periods[i] == periods[i].amount
        assert values[("Summary", f"H{r}")] == 0
    r = len(periods) + 2
    assert values[("Summary", f"F{r}")] == totals.total == answers.funding.total


def test_changing_an_input_moves_the_totals(workbooks) -> None:
    _, data = workbooks(FEMA)
    book = _book(data)
    book["Labor"]["C2"] = 3  # one more user researcher
    values = _evaluate(book)
    assert values[("Summary", "D2")] == Decimal("4008160") + 1880 * Decimal("158.00")
    assert values[("Summary", "H2")] == 1880 * Decimal("158.00")
    book = _book(data)
    book["Summary"]["B8"] = Decimal("0")  # no escalation
    assert _evaluate(book)[("Summary", "D4")] == Decimal("4008160")


# -- a fixed price per iteration ----------------------------------------------


def _iteration_cells(periods: int) -> tuple[tuple[str, str], ...]:
    rows = range(2, periods + 3)  # each period, then "All periods"
    return tuple((ITERATION_SHEET, f"{c}{r}") for r in rows for c in "BCD" if (c, r) != (
        "C", periods + 2))


def test_a_price_per_iteration_has_its_schedule_after_the_summary(workbooks) -> None:
    # USCIS sets a fixed price per six-week iteration, eight in each period: the workbook
    # prices that schedule, and each period's total is the Summary's.
    answers, data = workbooks(USCIS)
    book = _book(data)
    assert book.sheetnames == ["Summary", ITERATION_SHEET, *SHEETS[1:]]
    sheet = book[ITERATION_SHEET]
    assert [c.value for c in sheet[1]] == [
        "Period", "Number of iterations", "Price per iteration", "Period total",
    ]
    periods = answers.funding.periods
    for i, period in enumerate(periods):
        r = i + 2
        assert [sheet[f"{c}{r}"].value for c in "ABCD"] == [
            period.name, 8, f"='Summary'!F{r}/B{r}", f"=B{r}*C{r}",
        ]
    assert [sheet[f"{c}5"].value for c in "ABD"] == ["All periods", "=SUM(B2:B4)", "=SUM(D2:D4)"]
    assert [sheet["A8"].value, sheet["B8"].value] == ["Weeks per iteration", 6]
    values = _evaluate(book, _iteration_cells(3))
    assert [values[(ITERATION_SHEET, f"C{r}")] for r in (2, 3, 4)] == [
        Decimal("185000"), Decimal("188750"), Decimal("192500"),
    ]
    for r in (2, 3, 4):
        assert values[(ITERATION_SHEET, f"D{r}")] == values[("Summary", f"F{r}")]
    assert values[(ITERATION_SHEET, "B5")] == 24
    assert values[(ITERATION_SHEET, "D5")] == answers.funding.total
    method = [row[1] for row in book["Assumptions"].iter_rows(values_only=True)]
    assert any("price is fixed per iteration" in str(text) for text in method)
    assert ITERATION_SHEET in book.properties.description


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_price_by_iteration_totals_agree_with_the_period_totals(path: Path, workbooks) -> None:
    answers, data = workbooks(path)
    periods = answers.funding.periods
    schedule = answers.acquisition.iteration_schedule(periods)
    book = _book(data)
    if schedule is None:
        assert ITERATION_SHEET not in book.sheetnames
        return
    values = _evaluate(book, _iteration_cells(len(periods)))
    for i, (period, (name, _months, count)) in enumerate(
        zip(periods, schedule.periods, strict=True)
    ):
        r = i + 2
        assert book[ITERATION_SHEET][f"A{r}"].value == name == period.name
        assert values[(ITERATION_SHEET, f"B{r}")] == count
        assert values[(ITERATION_SHEET, f"C{r}")] * count == period.amount
        assert values[(ITERATION_SHEET, f"D{r}")] == values[("Summary", f"F{r}")] == period.amount
    total = len(periods) + 2
    assert values[(ITERATION_SHEET, f"D{total}")] == answers.funding.total
    assert values[(ITERATION_SHEET, f"B{total}")] == schedule.total


@pytest.mark.parametrize("path", [FEMA, MINIMAL], ids=lambda p: p.stem)
def test_a_package_not_priced_per_iteration_has_no_such_sheet(path: Path, workbooks) -> None:
    # FEMA's is time-and-materials; minimal's is firm-fixed-price with no iterations.
    answers, data = workbooks(path)
    assert answers.acquisition.iterations is None
    book = _book(data)
    assert book.sheetnames == list(SHEETS)
    method = [str(row[1]) for row in book["Assumptions"].iter_rows(values_only=True)]
    assert not any("per iteration" in text for text in method)


def test_changing_the_iterations_moves_the_price_not_the_total(workbooks) -> None:
    _, data = workbooks(USCIS)
    book = _book(data)
    book[ITERATION_SHEET]["B2"] = 10  # ten shorter iterations in the base period
    values = _evaluate(book, _iteration_cells(3))
    assert values[(ITERATION_SHEET, "C2")] == Decimal("148000")
    assert values[(ITERATION_SHEET, "D2")] == Decimal("1480000")
    assert values[(ITERATION_SHEET, "B5")] == 26


def test_workbook_is_byte_identical_and_dated_from_the_answers(monkeypatch) -> None:
    answers, first = _workbook(USCIS)
    _, second = _workbook(USCIS)
    assert first == second
    archive = zipfile.ZipFile(io.BytesIO(first))
    assert archive.namelist()[0] == "[Content_Types].xml"
    date = answers.document.date
    assert {i.date_time[:3] for i in archive.infolist()} == {(date.year, date.month, date.day)}
    core = archive.read("docProps/core.xml").decode()
    assert f"{date.isoformat()}T00:00:00Z" in core
    assert dt.date.today().isoformat() not in core or date == dt.date.today()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    _, third = _workbook(USCIS)
    assert third != first
    assert "2023-11-14T22:13:20Z" in zipfile.ZipFile(io.BytesIO(third)).read(
        "docProps/core.xml").decode()


def test_workbook_accessibility(workbooks) -> None:
    answers, data = workbooks(USCIS)
    book = _book(data)
    props = book.properties
    assert props.title == f"Independent Government Cost Estimate: {answers.program.name}"
    assert props.description and "Summary, Price by iteration, Labor, Rates" in props.description
    assert props.language == "en-US" and props.subject and props.creator
    assert book.sheetnames == ["Summary", "Price by iteration", "Labor", "Rates",
                               "Other direct costs", "Assumptions", "Approvals"]
    for sheet in book.worksheets:
        tables = sorted(sheet.tables.values(), key=lambda t: t.ref)
        assert tables and tables[0].ref.startswith("A1:"), sheet.title
        for table in tables:
            assert table.headerRowCount == 1
            first = openpyxl.utils.cell.range_boundaries(table.ref)
            header = [sheet.cell(first[1], c) for c in range(first[0], first[2] + 1)]
            assert all(isinstance(c.value, str) and c.font.b for c in header), sheet.title
            assert len({c.value for c in header}) == len(header), "header names are unique"
        assert sheet.freeze_panes in ("A2", "B2")
        assert sheet.print_title_rows == "$1:$1"
        assert "Source Selection Information" in sheet.oddHeader.center.text
        for row in sheet.iter_rows():
            for cell in row:  # nothing relies on colour: no cell is filled or coloured
                assert cell.fill.fill_type is None, cell
                color = cell.font.color  # None, or the theme's default text colour
                assert color is None or (color.type == "theme" and color.theme == 1), cell
    # Wrapped text gets the row height it needs, so no header or source is clipped on opening.
    assert book["Rates"].row_dimensions[2].height >= 30  # a source of two lines or more
    assert book["Labor"].row_dimensions[1].height >= 30  # "Hours per person, Option period 1"
    assert book["Rates"]["C2"].alignment.vertical == "top"
    # Total rows say what they are in words.
    assert book["Summary"]["A5"].value == "All periods"
    assert book["Labor"]["A7"].value == "All roles"


@pytest.mark.slow
def test_workbook_opens_in_libreoffice_and_computes_the_funding_table(
    tmp_path: Path, workbooks
) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    books = {path.stem: workbooks(path) for path in example_paths()}
    for stem, (_, data) in books.items():
        (tmp_path / f"{stem}.xlsx").write_bytes(data)
    # One LibreOffice run for every example. Sheet -1 writes every sheet to its own CSV
    # (<workbook>-<sheet>.csv), values as computed, not as shown.
    options = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    done = subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
         "--convert-to", options, "--outdir", str(tmp_path / "csv"),
         *(str(tmp_path / f"{stem}.xlsx") for stem in books)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    for stem, (answers, _) in books.items():
        summary = tmp_path / "csv" / f"{stem}-Summary.csv"
        assert summary.is_file(), done.stdout + done.stderr
        rows = list(csv.reader(summary.read_text(encoding="utf-8").splitlines()))
        assert rows[0][:8] == ["Period", "Months", "Years of escalation", "Labor",
                               "Other direct costs", "Total", "Funding table", "Difference"]
        periods = answers.funding.periods
        for i, period in enumerate(periods):
            row = rows[i + 1]
            assert row[0] == period.name
            assert Decimal(row[5]) == period.amount, (stem, row)
            assert Decimal(row[7]) == 0
        assert rows[len(periods) + 1][0] == "All periods"
        assert Decimal(rows[len(periods) + 1][5]) == answers.funding.total
        # A fixed price per iteration: LibreOffice computes the same period totals.
        by_iteration = tmp_path / "csv" / f"{stem}-{ITERATION_SHEET}.csv"
        schedule = answers.acquisition.iteration_schedule(periods)
        assert by_iteration.is_file() is (schedule is not None), stem
        if schedule is None:
            continue
        rows = list(csv.reader(by_iteration.read_text(encoding="utf-8").splitlines()))
        for i, (period, (_, _, count)) in enumerate(zip(periods, schedule.periods, strict=True)):
            row = rows[i + 1]
            assert row[0] == period.name and int(row[1]) == count
            assert Decimal(row[2]) * count == period.amount, (stem, row)
            assert Decimal(row[3]) == period.amount, (stem, row)
        assert Decimal(rows[len(periods) + 1][3]) == answers.funding.total


# -- check, the strategy, init ------------------------------------------------


def test_check_reports_a_mismatch_at_the_funding_amount(run_cli, tmp_path: Path) -> None:
    path = _mutated(tmp_path, lambda d: d["funding"]["periods"][1].__setitem__("amount", 1500000))
    line = next(
        n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "amount: 1500000" in text
    )
    result = run_cli("check", path, "--format", "json")
    assert result.exit_code == ExitCode.INPUT
    found = [d for f in json.loads(result.stdout)["files"] for d in f["diagnostics"]
             if d["code"] == "COST-C01"]
    assert len(found) == 1
    assert found[0]["field"] == "funding.periods[2].amount" and found[0]["line"] == line
    assert "$1,510,000.00 for Option period 1" in found[0]["message"]
    assert "$1,500,000.00" in found[0]["message"] and "$10,000.00" in found[0]["message"]


def test_check_is_clean_when_totals_agree(run_cli) -> None:
    result = run_cli("check", USCIS, "--format", "json")
    codes = {d["code"] for f in json.loads(result.stdout)["files"] for d in f["diagnostics"]}
    assert not codes & {"COST-C01", "COST-C02"}


def test_strategy_summarises_and_names_the_workbook() -> None:
    files = render_example(USCIS, formats=("markdown",))  # the example as shipped
    text = files[doc_file("acquisition-strategy", "md")].decode()
    workbook = DOCUMENTS["cost-estimate"]
    paragraph = next(p for p in text.split("\n\n") if workbook.file_name in p)
    assert f'"{workbook.title}" ({workbook.file_name})' in paragraph
    assert "5 people in 5 roles for 28,200 hours" in paragraph
    assert "schedule contracts and a market survey" in paragraph
    assert "escalate 2 percent a year" in paragraph
    assert "$4,530,000 in all, the same as the funding table" in paragraph


def test_init_and_the_field_catalogue_ask_for_the_estimate() -> None:
    paths = {spec.path for spec in answer_fields()}
    assert {"cost_estimate", "cost_estimate.escalation_percent", "cost_estimate.rates[].source",
            "cost_estimate.labor[].hours", "cost_estimate.other_direct_costs[].amounts",
            "cost_estimate.assumptions"} <= paths
    text = scaffold_text()
    assert "\ncost_estimate:\n" in text and "source_type: schedule_contract" in text
    assert text.index("\nfunding:") < text.index("\ncost_estimate:") < text.index(
        "\nmarket_research:")
