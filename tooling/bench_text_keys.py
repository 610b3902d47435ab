"""What a household's text key costs a service per call (ADR 0006): `python -m tooling.bench_text_keys`.

Starts an embedded PostgreSQL in a temporary folder (or uses `--dsn`), makes the keys of `--households` households,
then calls `PostgresTextKeys.key` `--calls` times round-robin over them, as a service does on every seal, unseal and
aggregate load, and prints the wall time, this process's CPU time and PostgreSQL's CPU time per call, with the load
average. `--cache-size 0` measures the calls without the key cache (every call reads PostgreSQL).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path
from uuid import uuid4

from tooling.bench_cpu import cpu_seconds, postmaster_pid
from wijk.household_keys import PostgresTextKeys, seal, unseal
from wijk.key_wrapping import local_kek, new_kek


def measure(keys: PostgresTextKeys, households: int, calls: int, postgres: int | None) -> None:
    ids = [uuid4() for _ in range(households)]
    for household in ids:  # first use: the key is made and stored
        keys.key(household)
    sealed = seal(keys, ids[0], "schulden bij de woningcorporatie")
    for label, job in (
        ("key", lambda n: keys.key(ids[n % households])),
        ("unseal", lambda n: unseal(keys, ids[0], sealed)),
    ):
        server = cpu_seconds({"postgres": postgres}) if postgres else {}
        wall, cpu = time.perf_counter(), time.process_time()
        for n in range(calls):
            job(n)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        pg = (cpu_seconds({"postgres": postgres})["postgres"] - server["postgres"]) / calls * 1e6 if postgres else 0
        print(
            f"{label}: {wall / calls * 1e6:.1f} us wall, {cpu / calls * 1e6:.1f} us CPU here and {pg:.1f} us CPU in "
            f"PostgreSQL per call ({calls} calls, {keys.reads} key reads from PostgreSQL so far)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dsn", help="a PostgreSQL to use instead of an embedded one")
    parser.add_argument("--households", type=int, default=200)
    parser.add_argument("--calls", type=int, default=5000)
    parser.add_argument("--cache-size", type=int, default=4096, help="0: no cache, every call reads PostgreSQL")
    args = parser.parse_args()
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    with tempfile.TemporaryDirectory(prefix="bench-text-keys-") as folder:
        postmaster = None
        if args.dsn:
            dsn = args.dsn
        else:
            from tooling.embedded_postgres import EmbeddedPostgres

            postgres = EmbeddedPostgres(Path(folder) / "pg", dbname="bench_text_keys")
            dsn = postgres.start().dsn()
            postmaster = postmaster_pid(postgres.data_dir)
        keys = PostgresTextKeys(dsn, local_kek(new_kek()), cache_size=args.cache_size)
        try:
            measure(keys, args.households, args.calls, postmaster)
        finally:
            keys.close()
            if not args.dsn:
                postgres.stop()
    print("load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
