"""The gate before a decision, as rules the plan applies: client support offered first, a goal with the household's
own strength for a paid arrangement's life domain, and every departed rule recorded as its own deviation."""

from __future__ import annotations

from collections.abc import Container
from datetime import date
from uuid import UUID, uuid5

from kernel.errors import Refused
from services.planning.domain.decision import Decision, check_decision
from services.planning.domain.deviation import Deviation
from services.planning.domain.plan_team import PlanConflict


def deviation_id_for(decision_id: UUID, rule_ref: str) -> UUID:
    return uuid5(decision_id, rule_ref)


class ClientSupportMissing(PlanConflict):
    """No client-support offer is on record for the plan's case(s): no decision yet."""


class OwnStrengthMissing(PlanConflict):
    """A paid arrangement for a life domain without a goal that records the household's own strength."""


class NotEscalated(PlanConflict):
    """Only an escalated decision waits for approval."""


class NothingToReplace(PlanConflict):
    """A decision names one it replaces that no upheld bezwaar revoked (Awb 7:11 lid 2)."""


def check_new(
    decision: Decision, plan_id: UUID, decisions: dict[UUID, Decision], required: Container[UUID] = ()
) -> None:
    """A decision new to the plan; one that replaces another replaces a decision revoked after a bezwaar."""
    check_decision(decision)
    if decision.decision_id in decisions:
        raise Refused(f"decision {decision.decision_id} is already in plan {plan_id}")
    if decision.replaces is not None and decision.replaces not in required:
        raise NothingToReplace(
            f"decision {decision.replaces} was not revoked after a bezwaar in plan {plan_id}: a new decision "
            "replaces only a revoked one (Awb 7:11 lid 2)"
        )


def check_gate(
    plan_id: UUID, case_ids: list[UUID], offers: dict[UUID, date], goals: set[str], life_domain: str
) -> None:
    """Wmo 2015 art. 2.3.2 lid 2 (client support first) and lid 4 (own strength and network first)."""
    if not offers:
        raise ClientSupportMissing(
            f"no client-support offer is on record for plan {plan_id} (cases "
            f"{', '.join(str(c) for c in case_ids)}): intake must point the resident to independent "
            "client support (Wmo 2015 art. 2.3.2 lid 2) before a decision is taken"
        )
    if life_domain not in goals:
        raise OwnStrengthMissing(
            f"plan {plan_id} has no goal for life domain {life_domain!r} recording what the household "
            "and its network will do themselves (eigen kracht): set the goal before paid support"
        )


def deviations_of(decision: Decision, decided_by: str, proposed_by: str, on: date) -> list[Deviation]:
    """Each rule the decision departs from, as the deviation the plan records before the decision itself."""
    return [
        Deviation(
            deviation_id_for(decision.decision_id, rule["rule_ref"]),
            decision.decision_id,
            decision.provision_code,
            rule["rule_ref"],
            rule["limit"],
            rule["value"],
            rule["actual"],
            decision.justification,
            decided_by,
            proposed_by,
            on,
        )
        for rule in decision.deviations
    ]
