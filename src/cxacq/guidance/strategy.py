"""Rules on the acquisition strategy: market research, funding, PBA, type, compliance."""

from __future__ import annotations

from collections.abc import Iterator

from cxacq.guidance import Finding, rule
from cxacq.model import Answers

G = "DHS CX acquisition guidance"


@rule("SEED-C09", "error", "Market research is documented", f"{G}; FAR 10.001")
def _market(a: Answers) -> Iterator[Finding]:
    if not a.market_research.methods or not a.market_research.findings:
        yield (("market_research",), "market research methods and findings are not documented",
               "record what you did (RFI, sources sought, vehicle review) and what you learned")


@rule(
    "FAR-C18",
    "warning",
    "Market research states its impact on the strategy",
    "FAR 7.105(b)(1)(v)",
)
def _impact(a: Answers) -> Iterator[Finding]:
    if a.market_research.methods and not a.market_research.impact:
        yield (("market_research",), "the findings' impact on this strategy is not stated", None)


@rule(
    "FAR-C04",
    "warning",
    "Small business consideration is documented",
    "FAR 7.105(b)(1)(iii); FAR Part 19",
)
def _small_business(a: Answers) -> Iterator[Finding]:
    if a.market_research.small_business is None:
        yield (("market_research",), "no small business analysis is recorded", None)


@rule("FAR-C01", "error", "A performance-based approach, or the reason for not using one",
      "FAR 7.105 introduction; FAR 37.102(a); FAR subpart 37.6")
def _pba(a: Answers) -> Iterator[Finding]:
    req = a.acquisition.requirement
    if req.document == "sow" and not req.rationale:
        yield (
            ("acquisition", "requirement", "document"),
            (
                "a statement of work is not performance-based; "
                "give the reason in requirement.rationale"
            ),
            (
                "the guidance recommends a flexible, goals-and-objectives approach "
                "(a statement of objectives)"
            ),
        )


@rule("FAR-C02", "warning", "Other than firm-fixed-price needs extra findings and approval",
      "FAR 16.601(d); FAR 7.103(j)")
def _type(a: Answers) -> Iterator[Finding]:
    if a.acquisition.contract_type != "firm_fixed_price":
        yield (
            ("acquisition", "contract_type"),
            (
                "this contract type needs a determination and findings and plan approval "
                "above the contracting officer"
            ),
            "record the plan to move to firm-fixed-price once the work is understood",
        )


@rule(
    "FAR-C03",
    "info",
    "ICT deliverables say how accessibility is tested",
    "FAR subpart 39.2; FAR 7.103(q)",
)
def _ict(a: Answers) -> Iterator[Finding]:
    if any(d.ict for d in a.acquisition.deliverables) and not a.compliance.accessibility_notes:
        yield (
            ("compliance",),
            "ICT deliverables are listed but not how accessibility will be tested and accepted",
            None,
        )


@rule("FAR-C17", "warning", "Milestones from approval to award are listed", "FAR 7.105(b)(21)")
def _milestones(a: Answers) -> Iterator[Finding]:
    if not a.acquisition.milestones:
        yield (("acquisition",), "no milestones are listed", None)


@rule("FAR-C20", "warning", "Research that handles personal information has a privacy plan",
      "FAR 7.105(b)(18); Privacy Act of 1974")
def _privacy(a: Answers) -> Iterator[Finding]:
    if a.compliance.handles_pii and not a.compliance.privacy_plan:
        yield (
            ("compliance", "handles_pii"),
            "research handles personal information but no privacy plan is given",
            None,
        )


@rule(
    "FAR-C21",
    "info",
    "Data rights for research artifacts are stated",
    "FAR 7.105(b)(14)(iii); FAR Part 27",
)
def _data(a: Answers) -> Iterator[Finding]:
    if not a.acquisition.data_rights:
        yield (
            ("acquisition",),
            (
                "data rights are not stated; the documents say the Government owns all "
                "research data with unlimited rights"
            ),
            None,
        )


@rule("A11-C01", "warning", "Surveys of the public have a Paperwork Reduction Act plan",
      "OMB Circular A-11, section 280; Paperwork Reduction Act")
def _pra(a: Answers) -> Iterator[Finding]:
    if a.compliance.surveys_public and not a.compliance.pra_plan:
        yield (
            ("compliance", "surveys_public"),
            "the public will be surveyed but there is no PRA clearance plan",
            "name the generic clearance or the time allowed for a new collection",
        )


@rule("DHS-C01", "info", "Confirm DHS planning thresholds and FAR overhaul status with the CO",
      "HSAM chapter 3007; FAR overhaul class deviations")
def _dhs(a: Answers) -> Iterator[Finding]:
    if a.acquisition.contract_type != "firm_fixed_price":
        yield (
            ("acquisition", "contract_type"),
            (
                "confirm the HSAM written-plan approval level for this contract type "
                "with the contracting officer"
            ),
            None,
        )
