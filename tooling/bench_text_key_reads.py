"""How often the platform reads a household's text key from PostgreSQL per household, and what each part of the
stack spends: `python -m tooling.bench_text_key_reads [--households 40]`.

Runs `wijk bench`'s pipeline (households through intake, planning, budget, the backoffice and care, 8 at a time)
on a fresh embedded stack, then counts the index scans of `text_keys.household_key` in PostgreSQL's statistics:
one per key read (the bench erases no household). Run it with `WIJK_TEXT_KEY_CACHE_SIZE=0` for the reads without
the key cache.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from pathlib import Path

import psycopg

from tooling.bench import pipeline, postmaster_pid
from wijk.settings import SERVICES

COUNT_SQL = (
    "SELECT coalesce(idx_scan, 0) + seq_scan FROM pg_stat_user_tables WHERE relid = 'text_keys.household_key'::regclass"
)


def key_reads(dsn: str) -> int:
    with psycopg.connect(dsn) as conn:
        row = conn.execute(COUNT_SQL).fetchone()
    return int(row[0]) if row else 0


async def run(stack: object, households: int) -> None:
    urls = {name: stack.url(name) for name in SERVICES}  # type: ignore[attr-defined]
    parts = {**stack.supervisor.pids(), "postgres": postmaster_pid(stack.postgres.data_dir)}  # type: ignore[attr-defined]
    dsn = stack.postgres.endpoint.dsn()  # type: ignore[attr-defined]
    before = key_reads(dsn)
    load = os.getloadavg()
    figures, cpu = await pipeline(urls, stack.broker.bootstrap, households, parts, stack.auth())  # type: ignore[attr-defined]
    time.sleep(12)  # an idle backend flushes its statistics within 10 s
    reads = key_reads(dsn) - before
    size = os.environ.get("WIJK_TEXT_KEY_CACHE_SIZE", "default")
    print(f"cache size {size}, load at the start {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    each = reads / (households + 10)
    print(f"text-key reads from PostgreSQL: {reads} for {households} + 10 households ({each:.1f} each)")
    print(f"{figures['households_per_s']} households/s; CPU ms per household: {cpu}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=40)
    args = parser.parse_args()
    from tooling.simulate_run import start_stack

    with tempfile.TemporaryDirectory(prefix="wijk-key-reads-") as data:
        stack = start_stack(Path(data), None, say=lambda *_: None)
        try:
            asyncio.run(run(stack, args.households))
        finally:
            stack.stop()


if __name__ == "__main__":
    main()
