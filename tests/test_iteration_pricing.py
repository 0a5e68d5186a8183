"""A firm-fixed price per iteration: the schedule the answers give, the documents and checks.

The workbook's "Price by iteration" sheet is tested with the other workbook tests in
``tests/test_cost.py``; the rule PKG-C26 with the planted inconsistencies in
``tests/test_protest_lint.py``.
"""

from __future__ import annotations

import pytest

from conftest import EXAMPLES
from cxacq.answers.fields import answer_fields
from cxacq.answers.model.acquisition import FundingPeriod, Iterations
from cxacq.answers.validate import load_and_validate
from helpers import doc_file

USCIS = EXAMPLES / "uscis-work-authorization.yaml"
USCG = EXAMPLES / "uscg-mariner-credentials.yaml"
FEMA = EXAMPLES / "fema-disaster-assistance.yaml"
MINIMAL = EXAMPLES / "minimal.yaml"


def _period(months: int) -> FundingPeriod:
    return FundingPeriod(name="Period", kind="base", months=months, amount=1)


def test_counts_are_given_or_follow_from_the_length() -> None:
    year, half = _period(12), _period(6)
    assert Iterations(weeks=13).counts([year, year]) == (4, 4)
    assert Iterations(weeks=2).counts([year, half]) == (26, 13)
    # Six-week iterations do not fill 52 weeks; without counts there is no schedule.
    assert Iterations(weeks=6).counts([year]) is None
    assert Iterations(weeks=6, per_period=[8, 8]).counts([year, year]) == (8, 8)
    assert Iterations().counts([year]) is None
    assert Iterations(name="research round").plural == "research rounds"


def test_the_field_is_asked_in_words() -> None:
    specs = {spec.path: spec for spec in answer_fields()}
    assert specs["acquisition.iterations"].question
    assert specs["acquisition.iterations.weeks"].question == (
        "How many weeks does one iteration last?"
    )
    assert specs["acquisition.iterations.per_period"].question


def _markdown(example_package, path, key: str) -> str:
    return example_package(path, ("markdown",))[doc_file(key, "md")].decode("utf-8")


def test_instructions_ask_for_a_fixed_price_per_iteration_for_each_period(
    example_package,
) -> None:
    # USCIS says each fixed-length iteration is priced at a fixed amount: offerors are told
    # the unit and the schedule, and evaluators price the same unit.
    instructions = _markdown(example_package, USCIS, "instructions-and-evaluation-criteria")
    assert (
        "- **Price per iteration:** Quoters give one fixed price per iteration for each period "
        "in the schedule below. Each iteration lasts 6 weeks. A period's price is its number of "
        "iterations times its price per iteration, and the total price is the sum of the periods."
    ) in instructions
    assert (
        "| Period | Months | Number of iterations |\n| --- | --- | --- |\n"
        "| Base period | 12 | 8 |\n| Option period 1 | 12 | 8 |\n| Option period 2 | 12 | 8 |\n"
        "| All periods | 36 | 24 |"
    ) in instructions
    assert "The Government compares each period's price per iteration with its own estimate." in (
        instructions
    )
    plan = _markdown(example_package, USCIS, "evaluation-plan")
    assert "Quoters give one fixed price per iteration for each period" in plan
    assert "compares each quoter's price per iteration, period by period" in plan
    assert "labor mix and hours match" not in plan


def test_the_schedule_uses_the_answers_name_for_an_iteration(example_package) -> None:
    instructions = _markdown(example_package, USCG, "instructions-and-evaluation-criteria")
    assert "Quoters give one fixed price per research round for each period" in instructions
    assert "| Period | Months | Number of research rounds |" in instructions


@pytest.mark.parametrize("path", [FEMA, MINIMAL], ids=lambda p: p.stem)
def test_other_pricing_says_nothing_of_iterations(path, example_package) -> None:
    answers = load_and_validate(path)
    assert answers.acquisition.iteration_schedule(answers.funding.periods) is None
    package = example_package(path, ("markdown",))
    for key in ("instructions-and-evaluation-criteria", "evaluation-plan"):
        text = package.get(doc_file(key, "md"), b"").decode("utf-8")
        assert "price per iteration" not in text and "Number of iterations" not in text


def _minimal_package(**acquisition: object) -> dict[str, str]:
    import yaml

    from cxacq.answers.loader import load_answers_file, load_answers_text
    from cxacq.answers.validate import validate_loaded
    from cxacq.engine.pipeline import build_package

    data = load_answers_file(MINIMAL).data
    data["acquisition"].update(acquisition)
    loaded = load_answers_text(yaml.safe_dump(data, sort_keys=False), "minimal.yaml")
    files = build_package(validate_loaded(loaded), formats=("markdown",))
    return {name: blob.decode("utf-8") for name, blob in files.items() if name.endswith(".md")}


def test_a_price_per_deliverable_lists_the_deliverables_to_price() -> None:
    package = _minimal_package(price_per_deliverable=True)
    answers = load_and_validate(MINIMAL)
    names = [d.name for d in answers.acquisition.deliverables]
    for key in ("instructions-and-evaluation-criteria", "evaluation-plan"):
        flat = " ".join(package[doc_file(key, "md")].split())
        assert "give one fixed price for each deliverable in the schedule below" in flat, key
        assert "accepted against its standard in the quality assurance surveillance plan" in flat
        assert "The deliverables to price: | Deliverable | Due |" in flat, key
        for name in names:
            assert f"| {name} |" in flat, (key, name)
        assert "per iteration" not in flat, key
    # Without the answer, the same package has no schedule of deliverables.
    plain = " ".join(_minimal_package()[doc_file("instructions-and-evaluation-criteria",
                                                 "md")].split())
    assert "The deliverables to price" not in plain
    assert "fixed price for each deliverable" not in plain
