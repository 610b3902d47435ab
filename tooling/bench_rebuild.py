"""The reporting rebuild at scale: `wijk bench --rebuild-facts N` publishes N contract-valid facts straight onto
the fact topics (`tooling.bench_facts`) and times `services.reporting.rebuild` over all of them.

The services are taken off the bus first (after the pipeline and the raw figures): planning, budget and the rest
would act on the facts and publish their own, and reporting's live inbox, recording 100,000 facts one message at
a time, would take minutes, where a rebuild replaces what the live side holds anyway. So the history is brought
in as an operator would after a migration: a first rebuild imports it (kept, as it differs from the live state:
it has the new facts), and a second rebuild, the one timed as the target, replays the same topics and must come
out equal to what the first left, fact for fact. The pipeline's own rebuild (`reporting_rebuild`) is the one
against a live inbox that recorded every fact itself.
"""

from __future__ import annotations

import io
import time
from typing import Any

from tooling.bench_facts import FACTS_PER_HOUSEHOLD, publish_facts
from tooling.bench_raw import rate
from wijk.settings import PlatformSettings

YEAR = 2024
"""A past year of its own: the pipeline's households are in this year."""


async def rebuild_at_scale(stack: Any, facts: int) -> dict[str, Any]:
    """Publish about `facts` facts, import them with one rebuild, then time a second rebuild over everything."""
    from services.reporting.rebuild import rebuild

    for service in stack.supervisor.pids():  # off the bus: the services would act on the facts, and record them
        stack.supervisor.stop_child(service)
    settings: PlatformSettings = stack.settings()
    published = await publish_facts(settings.kafka_bootstrap, round(facts / FACTS_PER_HOUSEHOLD), YEAR)
    started = time.perf_counter()
    imported = await rebuild(settings, io.StringIO(), catch_up_seconds=0, keep_if_different=True)
    import_seconds = time.perf_counter() - started
    started = time.perf_counter()
    outcome = await rebuild(settings, io.StringIO(), catch_up_seconds=0)
    seconds = time.perf_counter() - started
    return {
        "published": published.facts,
        "publish_facts_per_s": rate(published.facts, published.seconds),
        "import_facts_per_s": rate(imported.facts, import_seconds),
        "facts": outcome.facts,
        "messages": outcome.messages,
        "seconds": round(seconds, 2),
        "facts_per_s": rate(outcome.facts, seconds),
        "equal_to_live": outcome.equal and outcome.kept,
        **{f"{stage}_s": round(spent, 2) for stage, spent in outcome.seconds.items()},
    }
