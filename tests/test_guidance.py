"""Every guidance rule: documented, triggered by a case, silent on the clean examples."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import EXAMPLES, ROOT
from cxacq.answers.loader import load_answers_file, load_answers_text
from cxacq.answers.scaffold import starter_data
from cxacq.answers.validate import validate_loaded
from cxacq.errors import ExitCode
from cxacq.guidance import RULES, readiness, readiness_areas, run_rules
from test_protest_lint import CASES as PROTEST_CASES

USCIS = EXAMPLES / "uscis-work-authorization.yaml"
TM = {  # the findings a time-and-materials or labor-hour contract type needs
    "why_not_fixed_price": "The hours cannot be estimated when the order is placed.",
    "ceiling_price": "1000000",
    "cost_surveillance": "The COR reviews a monthly burn report against the ceiling.",
}
CLEAN = [p for p in sorted(EXAMPLES.glob("*.yaml")) if p.name != "minimal.yaml"]


def _data() -> dict[str, Any]:
    return load_answers_file(USCIS).data


def _codes(data: dict[str, Any]) -> set[str]:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    loaded = load_answers_text(text, "case.yaml")
    return {d.code for d in run_rules(validate_loaded(loaded), loaded)}


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        if value is _DELETE:
            del node[last]
        else:
            node[int(last) if last.isdigit() else last] = value
    return mutate


_DELETE = object()
ORAL = "oral_presentation"

CASES: dict[str, Callable[[dict[str, Any]], None]] = {
    "SEED-C02": _set("customer_need.evidence", []),
    "SEED-C03": _set("vision.one_year_target", _DELETE),
    "SEED-C05": _set("capacity.success_measures.0.baseline", _DELETE),
    "SEED-C06": _set("needs.3.rank", "7"),
    "SEED-C08": _set("discovery.status", "not_started"),
    "SEED-C09": _set("market_research.methods", []),
    "SEED-C11": _set("people.executive_sponsor.commitment", "Supports it."),
    "SEED-C12": _set("people.participants", []),
    "SEED-C13": _set("capacity_building", []),
    "SEED-C14": _set("research_sharing.leadership_briefings", _DELETE),
    "SEED-C15": lambda d: [
        f.__setitem__("discriminators", ["staffing_realism"]) for f in d["evaluation"]["factors"]
    ],
    "SEED-C16": lambda d: [
        f.__setitem__("discriminators", ["customer_centred"]) for f in d["evaluation"]["factors"]
    ],
    "SEED-C17": lambda d: [
        e.__setitem__("cx_expertise", "false") for e in d["evaluation"]["evaluators"]
    ],
    "SEED-C18": _set(f"{ORAL}.scenario.need_rank", "3"),
    "SEED-C19": _set("research_sharing.customer_updates", _DELETE),
    "SEED-C20": _set("capacity.challenges.0", "Data silos."),
    "SEED-C21": _set("capacity.great_cx", "Happy customers."),
    "FAR-C01": lambda d: d["acquisition"].__setitem__("requirement", {"document": "sow"}),
    "FAR-C02": lambda d: d["acquisition"].update(contract_type="labor_hour", time_and_materials=TM),
    "FAR-C03": _set("compliance.accessibility_notes", _DELETE),
    "FAR-C04": _set("market_research.small_business", _DELETE),
    "FAR-C05": _set("evaluation.basis_for_award", "lowest_price_technically_acceptable"),
    "FAR-C06": lambda d: d["evaluation"]["factors"][3].__setitem__("kind", "technical"),
    "FAR-C07": _set("acquisition.ordering_procedure", "negotiated"),
    "FAR-C09": lambda d: d["evaluation"]["factors"].extend(
        [dict(d["evaluation"]["factors"][2], id=f"extra-{i}") for i in range(2)]),
    "FAR-C10": _set(f"{ORAL}.required_presenters", []),
    "FAR-C15": lambda d: d["evaluation"]["evaluators"][4].update(government="false", voting="true"),
    "FAR-C17": _set("acquisition.milestones", []),
    "FAR-C18": _set("market_research.impact", _DELETE),
    "FAR-C19": lambda d: d["evaluation"].__setitem__(
        "evaluators",
        [
            e
            for e in d["evaluation"]["evaluators"]
            if e["role"] != "source_selection_authority"
        ],
    ),
    "FAR-C20": _set("compliance.privacy_plan", _DELETE),
    "FAR-C21": lambda d: None,
    "A11-C01": _set("compliance.pra_plan", _DELETE),
    "DHS-C01": lambda d: d["acquisition"].update(
        contract_type="time_and_materials", time_and_materials=TM),
    "ORAL-C01": lambda d: (d["acquisition"].__setitem__("incumbent", "Acme Design LLC"),
                           d[ORAL]["scenario"].__setitem__("fictionalized", "false")),
    "ORAL-C02": lambda d: (_set(f"{ORAL}.discussions_permitted", "true")(d),
                           _set("acquisition.ordering_procedure", "negotiated")(d)),
    "ORAL-C03": _set(f"{ORAL}.max_attendees", _DELETE),
    "ORAL-C20": lambda d: d["evaluation"]["factors"][1]["discriminators"].append("whole_journey"),
    "ORAL-C21": _set(f"{ORAL}.scenario.prompt_criteria.0", "staffing_realism"),
    "ORAL-C22": _set(f"{ORAL}.scenario.context", "USCIS renews work permits."),
    "ORAL-C23": _set(f"{ORAL}.questions_disclosed", "false"),
    "ORAL-C24": _set(f"{ORAL}.dates", []),
    "RFO-C01": _set("market_research.impact", "Relative importance follows FAR 15.304(e)."),
    "RFO-C02": _set("acquisition.requirement.rationale", "A PWS under FAR subpart 37.6."),
    "RFO-C03": _set("acquisition.ordering_procedure", "far_8_4"),
    "BPA-C01": lambda d: (d["acquisition"].update(ordering_procedure="schedule_bpa",
                                                  bpa_award="single"),
                          _set("evaluation.relative_importance",
                               "Award goes to the highest technically rated quotation.")(d)),
    "BPA-C02": lambda d: (d["acquisition"].update(ordering_procedure="schedule_bpa",
                                                  bpa_award="single"),
                          _set("funding.periods.0.months", "18")(d)),
    "HYG-C01": lambda d: d.__setitem__("customer_need", starter_data()["customer_need"]),
    "HYG-C02": _set("accepted_findings", [{"code": "FAR-C6", "reason": "typo"}]),
    "COST-C01": _set("funding.periods.1.amount", 1510001),
    "COST-C02": _set("cost_estimate", _DELETE),
    "QASP-C01": _set("acquisition.deliverables.0.due", _DELETE),
    "QASP-C02": _set("acquisition.deliverables.2.surveillance.measure", "status-calls"),
    "QASP-C03": _set("acquisition.deliverables.0.description", "The status website's code."),
    "PKG-C01": lambda d: (_set("accepted_findings", [])(d), _set(
        "acquisition.contract_type_rationale",
        "The work is priced per fixed-length iteration of a stable team.")(d)),
    "PKG-C02": _set("accepted_findings", []),  # USCIS is silent on data rights
    # USCIS's sponsor is its selection authority and one of three voters has CX expertise;
    # the example accepts both findings, so the case withdraws the acceptance.
    "PKG-C03": _set("accepted_findings", []),
    "PKG-C04": _set("accepted_findings", []),
    "PKG-C05": _set("acquisition.milestones.0.date", "2026-12-25"),
    "PKG-C06": _set("evaluation.factors.0.discriminators", [
        "customer_centred", "needs_to_products", "integrated_design", "iteration"]),
    # Every deliverable serves needs 1 and 2 only; the capacity standards serve need 3; so
    # need 4 is left to the standards that apply to all of the work.
    "TRACE-C01": lambda d: [
        x.setdefault("surveillance", {}).__setitem__("needs", [1, 2])
        for x in d["acquisition"]["deliverables"]
    ],
    "TRACE-C02": lambda d: d["acquisition"]["deliverables"].pop(0),  # research plans
    "TRACE-C03": _set("evaluation.factors.0.needs", []),
    "TRACE-C04": lambda d: [need.pop("measures", None) for need in d["needs"]],
    # On a multiple-award BPA, where the basis is allowed, with no reason given for it.
    "FAR-C22": lambda d: (
        d["acquisition"].update(ordering_procedure="schedule_bpa", bpa_award="multiple"),
        d["evaluation"].update(basis_for_award="highest_technically_rated"),
    ),
    "PKG-C07": lambda d: d[ORAL]["required_presenters"].append("Product or delivery lead"),
    # USCIS evaluates in two phases: case-study, then oral-scenario, staffing and price.
    "PHASE-C01": _set("evaluation.phases.1.factors", ["oral-scenario", "price"]),
    "PHASE-C02": _set("evaluation.phases.1.submission_due", "2027-02-22"),
    "PHASE-C03": _set("evaluation.phases.1.gate", "mandatory"),
}
CASES.update(PROTEST_CASES)  # PKG-C20 to C27 and PRT-C01 to C05: tests/test_protest_lint.py


def test_registry_is_well_formed() -> None:
    assert len(RULES) >= 30
    for code, item in RULES.items():
        assert re.fullmatch(r"[A-Z0-9]+-C\d\d", code), code
        assert item.code == code and item.summary and item.citation


def test_every_rule_has_a_case() -> None:
    # A file rule reads comments, which a data case cannot hold: HYG-C03 has its own test
    # in test_interview.py.
    assert set(CASES) <= set(RULES)
    assert sorted(c for c in CASES if not RULES[c].check_file) == sorted(
        code for code, item in RULES.items() if not item.check_file
    )


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_fires_on_its_case(code: str) -> None:
    data = _data()
    CASES[code](data)
    assert code in _codes(data)


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.stem)
def test_clean_examples_have_no_errors_or_warnings(path: Path, run_cli) -> None:
    result = run_cli("check", path, "--strict")
    assert result.exit_code == 0, result.stdout


def test_minimal_example_gets_findings_and_readiness(run_cli) -> None:
    result = run_cli("check", EXAMPLES / "minimal.yaml")
    assert result.exit_code == ExitCode.INPUT  # SEED-C09: market research missing
    assert "SEED-C09" in result.stdout and "Readiness of " in result.stdout
    # The table's first line says what blocks the package, area by area.
    assert "minimal.yaml: Not ready: 1 error — Market research 1\n" in result.stdout
    assert "basis: " in result.stdout


def test_accepted_findings_and_ignore(tmp_path: Path, run_cli) -> None:
    data = _data()
    data["discovery"]["status"] = "not_started"
    path = tmp_path / "a.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    # A copy of the starter example still holds init's values: HYG-C01 is ignored here.
    assert run_cli("check", path, "--strict", "--ignore", "HYG-C01").exit_code == ExitCode.INPUT
    assert (
        run_cli("check", path, "--strict", "--ignore", "HYG-C01", "--ignore", "SEED-C08").exit_code
        == 0
    )
    data["accepted_findings"] = [
        {"code": "SEED-C08", "reason": "Discovery is the first task order."},
        {"code": "NOPE-C99", "reason": "typo"},
    ]
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    result = run_cli("check", path, "--format", "json")
    codes = [d["code"] for d in json.loads(result.stdout)["files"][0]["diagnostics"]]
    assert "SEED-C08" not in codes and "HYG-C02" in codes


def test_findings_carry_line_and_citation() -> None:
    data = _data()
    del data[ORAL]["max_attendees"]
    data[ORAL]["discussions_permitted"] = "true"
    data["acquisition"]["ordering_procedure"] = "negotiated"
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    loaded = load_answers_text(text, "case.yaml")
    found = {d.code: d for d in run_rules(validate_loaded(loaded), loaded)}
    line = next(
        i
        for i, row in enumerate(text.splitlines(), 1)
        if row.strip().startswith("discussions_permitted")
    )
    # Under the overhaul the old 15.102(g) has no successor, so only its replacements are cited.
    assert found["ORAL-C02"].line == line
    assert found["ORAL-C02"].citation == "FAR 15.202(a)(2); FAR 15.204-2"
    data["document"]["far_edition"] = "legacy"
    loaded = load_answers_text(yaml.safe_dump(data, sort_keys=False), "case.yaml")
    found = {d.code: d for d in run_rules(validate_loaded(loaded), loaded)}
    assert found["ORAL-C02"].citation == "FAR 15.102(g); FAR 15.306(a); FAR 15.306(d)"


def test_orals_discussions_rule_is_silent_outside_part_15() -> None:
    data = _data()
    data[ORAL]["discussions_permitted"] = "true"
    assert "ORAL-C02" not in _codes(data)


def test_legacy_numbers_in_answers_warn_with_the_new_number_under_rfo() -> None:
    data = _data()
    data["market_research"]["impact"] = "We state relative importance as FAR 15.304(e) asks."
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    loaded = load_answers_text(text, "case.yaml")
    found = [d for d in run_rules(validate_loaded(loaded), loaded) if d.code == "RFO-C01"]
    assert len(found) == 1 and found[0].severity.value == "warning"
    assert "cite FAR 15.104(d)" in found[0].message
    assert found[0].field == "market_research.impact"
    data["document"]["far_edition"] = "legacy"
    assert "RFO-C01" not in _codes(data)


def test_a_number_with_no_successor_is_named_as_such() -> None:
    data = _data()
    data["market_research"]["impact"] = "Orals follow FAR 15.102(d)(4)."
    loaded = load_answers_text(yaml.safe_dump(data, sort_keys=False), "case.yaml")
    found = [d for d in run_rules(validate_loaded(loaded), loaded) if d.code == "RFO-C01"]
    assert found and "has no successor" in found[0].message


def test_reused_numbers_are_errors_only_in_their_old_meaning() -> None:
    data = _data()
    data["market_research"]["impact"] = "We use the advisory down-select of FAR 15.202."
    loaded = load_answers_text(yaml.safe_dump(data, sort_keys=False), "case.yaml")
    found = [d for d in run_rules(validate_loaded(loaded), loaded) if d.code == "RFO-C02"]
    assert len(found) == 1 and found[0].severity.value == "error"
    assert "FAR 15.101(e)" in (found[0].hint or "")
    data["market_research"]["impact"] = "Proposals are evaluated as FAR 15.202 says."
    assert not {"RFO-C01", "RFO-C02"} & _codes(data)


def test_old_path_values_are_accepted_with_a_warning_naming_the_new_value(run_cli) -> None:
    data = _data()
    data["acquisition"]["ordering_procedure"] = "far_8_4"
    loaded = load_answers_text(yaml.safe_dump(data, sort_keys=False), "case.yaml")
    answers = validate_loaded(loaded)
    assert answers.acquisition.ordering_procedure == "schedule_order"
    found = [d for d in run_rules(answers, loaded) if d.code == "RFO-C03"]
    assert len(found) == 1 and "write ordering_procedure: schedule_order" in (found[0].hint or "")
    for old, new in (("far_16_505", "task_order"), ("far_15", "negotiated"),
                     ("far_13", "simplified_commercial")):
        data["acquisition"]["ordering_procedure"] = old
        data["acquisition"]["competition"] = "small_business_set_aside"
        data["funding"]["periods"] = data["funding"]["periods"][:1]
        data.pop("cost_estimate", None)  # its periods follow the funding table's
        loaded = load_answers_text(yaml.safe_dump(data, sort_keys=False), "case.yaml")
        assert validate_loaded(loaded).acquisition.ordering_procedure == new


def test_unreplaced_init_values_are_flagged(tmp_path: Path, run_cli) -> None:
    target = tmp_path / "new.yaml"
    run_cli("init", target)
    result = run_cli("check", target, "--format", "json")
    codes = [d["code"] for d in json.loads(result.stdout)["files"][0]["diagnostics"]]
    assert codes.count("HYG-C01") > 20


def test_every_distinctive_starter_text_passes_the_quick_look() -> None:
    # HYG-C01 reads the starter's text before parsing it; a value it holds must never be
    # ruled out there, or the finding would be lost.
    from cxacq.guidance import _distinctive, _may_share_starter_text

    leaves: list[tuple[tuple[str | int, ...], str]] = []

    def walk(value: object, loc: tuple[str | int, ...]) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, (*loc, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*loc, index))
        elif isinstance(value, str) and _distinctive(loc, value):
            leaves.append((loc, value))

    walk(starter_data(), ())
    assert len(leaves) > 20
    assert all(_may_share_starter_text(text, loc) for loc, text in leaves)


def test_a_file_sharing_no_starter_text_is_checked_without_parsing_the_starter(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import cxacq.guidance

    def refuse() -> None:
        raise AssertionError("the starter was parsed")

    monkeypatch.setattr(cxacq.guidance, "starter_data", refuse)
    loaded = load_answers_file(EXAMPLES / "fema-disaster-assistance.yaml")
    codes = {d.code for d in run_rules(validate_loaded(loaded), loaded)}
    assert "HYG-C01" not in codes


def test_readiness_states() -> None:
    loaded = load_answers_file(EXAMPLES / "minimal.yaml")
    diagnostics = run_rules(validate_loaded(loaded), loaded)
    rows = readiness(diagnostics)
    labels = [label for label, _, _ in rows]
    assert len(rows) == len(readiness_areas()) > 7
    for area in ("Market research", "Acquisition", "Evaluation", "Oral presentation"):
        assert area in labels
    # Every finding lands on a row: the counts add up to the findings.
    assert sum(sum(counts.values()) for _, _, counts in rows) == len(diagnostics)
    assert dict((label, state) for label, state, _ in rows)["Market research"] == "missing"
    assert (
        dict((label, state) for label, state, _ in rows)["Roadmap 2: inspiring vision"]
        == "partial"
    )


def test_render_shows_findings_as_warnings_and_strict_refuses(tmp_path: Path, run_cli) -> None:
    minimal = EXAMPLES / "minimal.yaml"
    result = run_cli("render", minimal, "--out", tmp_path)
    # Guidance errors keep their severity; the documents are written anyway.
    assert result.exit_code == 0 and "error SEED-C09" in result.stdout
    assert "1 error(s) (1 guidance error(s); documents rendered anyway; --strict refuses)" in (
        result.stdout.splitlines()[-1]
    )
    assert json.loads(run_cli("render", minimal, "--out", tmp_path, "--format", "json").stdout)[
        "summary"]["errors"] == 1
    strict = run_cli("render", minimal, "--out", tmp_path / "s", "--strict")
    assert strict.exit_code == ExitCode.INPUT and not (tmp_path / "s").exists()


def test_rules_command_and_readme_table_match(run_cli) -> None:
    listed = run_cli("rules").stdout.strip().splitlines()
    assert listed[0].split("\t") == ["Code", "Severity", "Rule", "Basis"]
    assert len(listed) == len(RULES) + 1
    assert {"HYG-C01", "HYG-C02"} <= {line.split("\t")[0] for line in listed}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for item in RULES.values():
        assert (
            f"| {item.code} | {item.severity.value} | {item.summary} | {item.citation} |"
            in readme
        )


def _trace_findings(data: dict[str, Any]) -> list[tuple[str, str | None, str]]:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    loaded = load_answers_text(text, "case.yaml")
    return [
        (d.code, d.field, d.message)
        for d in run_rules(validate_loaded(loaded), loaded)
        if d.code.startswith("TRACE-")
    ]


def test_trace_rules_are_silent_on_every_shipped_example() -> None:
    # minimal.yaml too: it is allowed other findings, not these.
    for path in sorted(EXAMPLES.glob("*.yaml")):
        loaded = load_answers_file(path)
        found = [d.code for d in run_rules(validate_loaded(loaded), loaded)]
        assert not [c for c in found if c.startswith("TRACE-")], path.name


def test_an_objective_served_only_by_standards_across_the_work_is_reported_at_its_need() -> None:
    data = _data()
    CASES["TRACE-C01"](data)
    found = _trace_findings(data)
    # Fields are shown counting from 1: needs[4] is the need of rank 4 in USCIS.
    assert [(code, field) for code, field, _ in found] == [("TRACE-C01", "needs[4]")]
    assert "objective OBJ-4" in found[0][2] and "(the research cadence)" in found[0][2]
    # One deliverable left serving every need is enough.
    del data["acquisition"]["deliverables"][0]["surveillance"]
    assert _trace_findings(data) == []


def test_a_standard_with_no_deliverable_is_reported_for_each_family() -> None:
    data = _data()
    CASES["TRACE-C02"](data)
    found = _trace_findings(data)
    assert [(code, field) for code, field, _ in found] == [
        ("TRACE-C02", "acquisition.deliverables")]
    assert "research cadence" in found[0][2]
    # The research can be named in another deliverable's description instead.
    data["acquisition"]["deliverables"][0]["description"] += " Each round has a research plan."
    assert _trace_findings(data) == []
    data = _data()
    data["acquisition"]["deliverables"] = [
        x for x in data["acquisition"]["deliverables"]
        if x["name"] not in ("Capacity-building package", "Tested prototypes and content")
    ]
    found = {field: message for _, field, message in _trace_findings(data)}
    assert "usability testing" in found.pop("acquisition.deliverables")
    items = len(data["capacity_building"])
    assert sorted(found) == sorted(f"capacity_building[{i}]" for i in range(1, items + 1))
    assert all("no deliverable asks for capacity building" in m for m in found.values())


def test_a_non_price_factor_with_no_need_is_reported_at_its_needs() -> None:
    data = _data()
    CASES["TRACE-C03"](data)
    found = _trace_findings(data)
    assert [(code, field) for code, field, _ in found] == [
        ("TRACE-C03", "evaluation.factors[1].needs")]
    name = data["evaluation"]["factors"][0]["name"]
    assert f"the factor '{name}' tests no objective" in found[0][2]
    # Price tests no objective and is not asked to.
    price = next(f for f in data["evaluation"]["factors"] if f["kind"] == "price")
    assert not price.get("needs")
    # A missing key is the same as an empty list, and the finding still lands on the factor.
    del data["evaluation"]["factors"][0]["needs"]
    assert [field for _, field, _ in _trace_findings(data)] == ["evaluation.factors[1].needs"]


def test_a_success_measure_no_need_moves_is_reported_at_the_measure() -> None:
    data = _data()
    ids = [m["id"] for m in data["capacity"]["success_measures"]]
    CASES["TRACE-C04"](data)
    found = _trace_findings(data)
    assert [(code, field) for code, field, _ in found] == [
        ("TRACE-C04", f"capacity.success_measures[{n}]") for n in range(1, len(ids) + 1)]
    assert f"no need lists '{ids[0]}' in its measures" in found[0][2]
    # One need that lists the measure is enough.
    data["needs"][-1]["measures"] = [ids[0]]
    assert [field for _, field, _ in _trace_findings(data)] == [
        f"capacity.success_measures[{n}]" for n in range(2, len(ids) + 1)]
