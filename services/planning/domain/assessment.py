"""Assessing a decision request against the catalogue and the mandate register, before the plan records it.

Inside the mandate the decision is taken at once (Awb 10:2: it counts as the college's decision); outside it,
it is escalated and waits for someone who holds the mandate. A departure from a catalogue rule must be named and
justified (else refused) and needs a deviation mandate (else escalated).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from kernel.errors import Refused
from services.planning.domain.catalogue import LIFE_DOMAINS, Breach, Catalogue, Provision
from services.planning.domain.decision import REFUSAL, Decision, DecisionRequest, InvalidDecision, check_decision
from services.planning.domain.deviation import check_deviation
from services.planning.domain.grounds import check_partial, motivation
from services.planning.domain.mandates import Mandate, MandateRegister, NotMandated


class LifeDomainRequired(Refused):
    """The provision serves any life domain (maatwerk), so the decision must name one."""


@dataclass(frozen=True)
class Assessment:
    provision: Provision
    life_domain: str
    breaches: list[Breach]
    mandate: Mandate | None
    escalation_reason: str = ""

    @property
    def escalated(self) -> bool:
        return self.provision.paid and self.mandate is None


def assess(catalogue: Catalogue, register: MandateRegister, request: DecisionRequest) -> Assessment:
    check_decision(request)
    check_partial(request.kind, request.amount_cents, request.requested_amount_cents)
    if request.client_age is not None and not 0 <= request.client_age <= 130:
        raise Refused(f"client_age must be between 0 and 130, got {request.client_age}")
    provision = catalogue.provision(request.provision_code)
    domain = life_domain_of(provision, request.life_domain)
    breaches = provision.breaches(request.amount_cents, request.period_start, request.period_end, request.client_age)
    check_deviation(breaches, request.deviation)
    professional = register.professional(request.decided_by)
    if not provision.paid:
        return Assessment(provision, domain, breaches, None)
    deviating = bool(breaches)
    mandate = register.mandate_for(professional.id, provision, request.amount_cents, deviating)
    if mandate is not None:
        return Assessment(provision, domain, breaches, mandate)
    what = "a deviation on " if deviating else ""
    holders = ", ".join(register.holders(provision, request.amount_cents, deviating)) or "nobody in the register"
    reason = (
        f"{professional.id} ({professional.role}) holds no mandate for {what}{provision.code} "
        f"of {request.amount_cents} cents; may decide: {holders}"
    )
    return Assessment(provision, domain, breaches, None, reason)


def assess_refusal(catalogue: Catalogue, register: MandateRegister, request: DecisionRequest) -> Assessment:
    """Only a mandate holder refuses: one whose mandate covers the provision at the amount requested. A refusal
    is never escalated; whoever holds no mandate is told who does (HTTP 403)."""
    check_decision(request)
    provision = catalogue.provision(request.provision_code)
    if not provision.paid:
        raise InvalidDecision(f"{provision.code} is an informal arrangement: it is recorded or not, never refused")
    domain = life_domain_of(provision, request.life_domain)
    asked = request.requested_amount_cents or request.amount_cents
    mandate = register.mandate_for(register.professional(request.decided_by).id, provision, asked, False)
    if mandate is None:
        holders = ", ".join(register.holders(provision, asked, False)) or "nobody in the register"
        raise NotMandated(f"{request.decided_by} holds no mandate to refuse {provision.code}; may refuse: {holders}")
    return Assessment(provision, domain, [], mandate)


def life_domain_of(provision: Provision, named: str | None) -> str:
    if named is not None and named not in LIFE_DOMAINS:
        raise Refused(f"life_domain {named!r} is not one of {', '.join(LIFE_DOMAINS)}")
    domain = named or provision.life_domain
    if domain is None:
        raise LifeDomainRequired(f"{provision.code} serves any life domain: name the life_domain it is for")
    return domain


def decision_of(
    decision_id: UUID, request: DecisionRequest, assessment: Assessment, mandate_giver: str, today: date
) -> Decision:
    """The decision as the plan records it, with its mandate, each rule it departs from, and its motivation."""
    provision, mandate = assessment.provision, assessment.mandate
    deviation = request.deviation
    why = motivation(request.kind, provision.budget_line or "", request.legal_ground, request.reasons)
    refusal = request.kind == REFUSAL
    return Decision(
        decision_id,
        provision.code,
        provision.budget_line or "",
        0 if refusal else request.amount_cents,
        request.period_start,
        request.period_end,
        request.decided_by,
        today,
        life_domain=assessment.life_domain,
        paid=provision.paid,
        mandate_ref=mandate.ref if mandate else "",
        on_behalf_of=mandate_giver if mandate else "",
        deviations=[
            {"rule_ref": b.rule.ref, "limit": b.rule.limit, "value": b.rule.value, "actual": b.actual}
            for b in assessment.breaches
        ],
        justification=deviation.justification.strip() if deviation else "",
        kind=request.kind,
        requested_amount_cents=(request.requested_amount_cents or request.amount_cents)
        if refusal
        else request.requested_amount_cents,
        legal_ground=why.ground,
        legal_basis=why.basis,
        reasons=why.reasons,
        replaces=request.replaces,
    )
