"""`wijk`: run the embedded stack with its demo, run one service, create topics, export the contract."""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
import threading
from pathlib import Path

from wijk.settings import SERVICES, PlatformSettings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="wijk", description="The wijkteam platform.")
    commands = parser.add_subparsers(dest="command", required=True)

    up = commands.add_parser("up", help="start PostgreSQL, the broker and every service, then run the demo")
    up.add_argument("--data", type=Path, default=Path(".wijk"), help="folder for data and logs (default .wijk)")
    up.add_argument("--households", type=int, default=5, help="households the demo pushes through (default 5)")
    up.add_argument("--no-demo", action="store_true", help="start the stack without running the demo")
    up.add_argument("--exit-after-demo", action="store_true", help="stop again once the demo has finished")

    service = commands.add_parser("service", help="run one service in this process (how compose runs them)")
    service.add_argument("name", choices=SERVICES)

    topics = commands.add_parser("topics", help="Kafka topics")
    topics.add_argument("action", choices=["create"])

    contracts = commands.add_parser("contracts", help="the AsyncAPI document and JSON Schemas")
    contracts.add_argument("action", choices=["export", "check"])

    simulate = commands.add_parser("simulate", help="play a municipality's year through the real APIs and bus")
    simulate.add_argument("--municipality", default="almere", help="config/<name>/ or a municipality.json path")
    simulate.add_argument("--households", type=int, default=20, help="households in the year (default 20)")
    simulate.add_argument("--seed", type=int, default=2026, help="seed of the scenario's randomness")
    simulate.add_argument("--data", type=Path, default=None, help="data folder (default .wijk/simulate/<name>)")
    simulate.add_argument("--output", type=Path, default=None, help="also write the result as JSON here")

    bench = commands.add_parser("bench", help="raw broker and PostgreSQL limits against the full pipeline")
    bench.add_argument("--households", type=int, default=60, help="households through the pipeline (default 60)")
    bench.add_argument("--messages", type=int, default=20000, help="raw produce/consume messages (default 20000)")
    bench.add_argument("--out", type=Path, default=Path("bench-results"), help="folder for the results file")

    from wijk.report_cli import register

    reporting_handlers = register(commands)  # `wijk reporting rebuild`, `wijk report`
    args = parser.parse_args(argv)
    handlers = {
        "up": _up, "service": _service, "topics": _topics, "contracts": _contracts,
        "simulate": _simulate, "bench": _bench, **reporting_handlers,
    }  # fmt: skip
    return handlers[args.command](args)


def _simulate(args: argparse.Namespace) -> int:
    from wijk.simulate_run import command

    return command(args.municipality, args.households, args.seed, args.data, args.output)


def _bench(args: argparse.Namespace) -> int:
    from wijk.bench import command

    return command(args.households, args.messages, args.out)


def _service(args: argparse.Namespace) -> int:
    from wijk.catalog import definition
    from wijk.service import serve

    asyncio.run(serve(definition(args.name)))
    return 0


def _topics(args: argparse.Namespace) -> int:
    from wijk.topics import all_topics, ensure_topics

    settings = PlatformSettings()
    names = all_topics(consumers=SERVICES)
    asyncio.run(ensure_topics(settings.kafka_bootstrap, names, settings.topic_partitions))
    print(f"{len(names)} topics present on {settings.kafka_bootstrap}")
    return 0


def _contracts(args: argparse.Namespace) -> int:
    from contracts import export

    if args.action == "export":
        for path in export.write():
            print(path)
        return 0
    drift = export.drift()
    for relative in drift:
        print(f"out of date: contracts/schemas/{relative}", file=sys.stderr)
    if drift:
        print("run `wijk contracts export` and commit the result", file=sys.stderr)
    return 1 if drift else 0


def _up(args: argparse.Namespace) -> int:
    from wijk.demo import DemoError, run_demo, run_signal
    from wijk.embedded_stack import EmbeddedStack, StackError

    stack = EmbeddedStack(args.data)
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    try:
        stack.start()
        if not args.no_demo:
            print(f"\ndemo: {args.households} households through intake, planning, budget, backoffice, care, debt")
            urls = {name: stack.url(name) for name in SERVICES}
            run_signal(urls, stack.broker.bootstrap)
            result = run_demo(urls, households=args.households)
            _print_result(result)
        _print_where_to_look(stack)
        if not args.exit_after_demo:
            print("\nrunning; press Ctrl-C to stop everything")
            stopping.wait()
    except KeyboardInterrupt:
        pass
    except (StackError, DemoError, RuntimeError) as exc:
        print(f"\nwijk up failed: {exc}", file=sys.stderr)
        return 1
    finally:
        print("stopping services, broker and PostgreSQL ...")
        stack.stop()
        print("stopped; data kept in", args.data.resolve())
    return 0


def _print_result(result: dict) -> None:  # type: ignore[type-arg]
    print("\nreporting, per team (replayed from the facts):")
    print(f"  {'team':<18}{'cases':>6}{'decisions':>10}{'reserved EUR':>15}{'care started':>14}{'debt refs':>10}")
    for team in result["teams"]:
        print(
            f"  {team['team_id']:<18}{team['cases_opened']:>6}{team['decisions']:>10}"
            f"{team['funds_reserved_cents'] / 100:>15,.2f}{team['care_started']:>14}{team['debt_referrals']:>10}"
        )


def _print_where_to_look(stack: object) -> None:
    from wijk.embedded_stack import EmbeddedStack

    assert isinstance(stack, EmbeddedStack)
    print("\nwhere to look:")
    print(f"  council dashboard     {stack.url('reporting')}/dashboard")
    print(f"  yearly report (HTML)  {stack.url('reporting')}/report.html")
    print(f"  reporting API         {stack.url('reporting')}/docs")
    print(f"  intake API (melding)  {stack.url('intake')}/docs")
    print(f"  planning API          {stack.url('planning')}/docs")
    print(f"  Kafka bootstrap       {stack.broker.bootstrap}")
    print(f"  logs                  {stack.data_dir / 'logs'}")


if __name__ == "__main__":
    sys.exit(main())
