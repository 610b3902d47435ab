"""What a fact's transaction costs, one per fact or one per run of facts: `python -m tooling.bench_fact_batch`.

Starts an embedded PostgreSQL in a temporary folder, then applies `--facts` facts as an eventsourcing inbox handler
does (tracking check, a new aggregate's event, `record_processed`), first each in its own transaction, then in runs
of `--run` facts in one transaction (`ServiceApplication.fact_batch`, as the inbox applies a poll's batch), and
prints the wall time, this process's CPU time and PostgreSQL's CPU time per fact, with the load average.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from eventsourcing.domain import Aggregate, event
from eventsourcing.persistence import Tracking

from tooling.bench_cpu import cpu_seconds, postmaster_pid
from wijk.eventstore import ServiceApplication
from wijk.settings import PlatformSettings


class Referral(Aggregate):
    """A stand-in for a service's aggregate: created by a fact, one event of about a fact's size."""

    @event("Received")
    def __init__(self, note: str) -> None:
        self.note = note


class Probe(ServiceApplication):
    name = "bench_fact_batch"
    batches_facts = True


def apply(app: Probe, position: int) -> None:
    tracking = Tracking("urn:bench|facts|0", position)
    if not app.already_processed(tracking):
        app.record_processed(tracking, Referral("x" * 400))


def measure(label: str, app: Probe, facts: int, run: int, first: int, postgres: int) -> None:
    batch: Callable[[], contextlib.AbstractContextManager[object]] = (
        app.fact_batch if run > 1 else contextlib.nullcontext
    )
    server = cpu_seconds({"postgres": postgres})["postgres"]
    wall, cpu = time.perf_counter(), time.process_time()
    for start in range(first, first + facts, run):
        with batch():
            for position in range(start, min(start + run, first + facts)):
                apply(app, position)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    pg = cpu_seconds({"postgres": postgres})["postgres"] - server
    print(
        f"{label}: {wall / facts * 1e6:.0f} us wall, {cpu / facts * 1e6:.0f} us CPU here and "
        f"{pg / facts * 1e6:.0f} us CPU in PostgreSQL per fact ({facts} facts)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--facts", type=int, default=3000)
    parser.add_argument("--run", type=int, default=20, help="facts per transaction in the batched measure")
    args = parser.parse_args()
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    from tooling.embedded_postgres import EmbeddedPostgres

    with tempfile.TemporaryDirectory(prefix="bench-fact-batch-") as folder:
        postgres = EmbeddedPostgres(Path(folder) / "pg", dbname="bench_fact_batch")
        endpoint = postgres.start()
        settings = PlatformSettings(pg_host=endpoint.host, pg_port=endpoint.port, pg_user=endpoint.user,
                                    pg_password=endpoint.password, pg_dbname=endpoint.dbname)  # fmt: skip
        postmaster = postmaster_pid(postgres.data_dir)
        assert postmaster is not None
        app = Probe(settings)
        try:
            apply(app, 1)  # warm: tables made, statements prepared
            first = 2
            for rounds in range(2):
                for label, run in (
                    ("one transaction per fact", 1),
                    (f"one transaction per {args.run} facts", args.run),
                ):
                    measure(f"{label} (round {rounds + 1})", app, args.facts, run, first, postmaster)
                    first += args.facts
        finally:
            app.close()
            postgres.stop()
    print("load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
