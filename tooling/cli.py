"""`wijk`: run the embedded stack with its demo, run one service, create topics, export the contract."""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from wijk.settings import SERVICES, PlatformSettings

if TYPE_CHECKING:
    from tooling.embedded_stack import EmbeddedStack
    from tooling.simulate_scenario import Municipality


def positive(text: str) -> int:
    """An argparse type: a whole number of at least 1 (households, messages)."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number


def steps(text: str) -> list[int]:
    """An argparse type: whole numbers of at least 1, separated by commas (`--scale 100,1000,5000`)."""
    return [positive(part.strip()) for part in text.split(",") if part.strip()]


def year_number(text: str) -> int:
    """An argparse type: a calendar year the municipality's budgets can cover (2000-2999)."""
    year = positive(text)
    if not 2000 <= year <= 2999:
        raise argparse.ArgumentTypeError(f"a year from 2000 to 2999, got {year}")
    return year


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="wijk", description="The wijkteam platform.")
    commands = parser.add_subparsers(dest="command", required=True)

    up = commands.add_parser(
        "up", help="start PostgreSQL, the broker and every service, then play a small simulated scenario (the demo)"
    )
    up.add_argument(
        "--municipality", default=None,
        help="config/<name>/ or a municipality.json path (default: WIJK_MUNICIPALITY_CONFIG, else almere)",
    )  # fmt: skip
    up.add_argument("--data", type=Path, default=None, help="folder for data and logs (default .wijk/<municipality>)")
    up.add_argument("--households", type=positive, default=12, help="households in the demo scenario (default 12)")
    up.add_argument("--seed", type=int, default=None, help="seed of the demo (default: 2026 + cases so far)")
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
    simulate.add_argument("--households", type=positive, default=20, help="households in the year (default 20)")
    simulate.add_argument("--seed", type=int, default=2026, help="seed of the scenario's randomness")
    simulate.add_argument(
        "--year", type=year_number, default=None, help="the year to play on the simulated calendar (default: this year)"
    )
    simulate.add_argument("--data", type=Path, default=None, help="data folder (default .tooling/simulate/<name>)")
    simulate.add_argument("--output", type=Path, default=None, help="also write the result as JSON here")
    simulate.add_argument(
        "--iwmo-out", type=Path, default=None, help="write every iWmo message of the run here, one .xml file each"
    )

    bench = commands.add_parser("bench", help="raw broker and PostgreSQL limits against the full pipeline")
    bench.add_argument("--households", type=positive, default=60, help="households through the pipeline (default 60)")
    bench.add_argument("--messages", type=positive, default=20000, help="raw produce/consume messages (default 20000)")
    bench.add_argument(
        "--rebuild-facts", type=int, default=100_000, help="facts for the rebuild at scale (default 100000; 0: none)"
    )
    bench.add_argument(
        "--scale", type=steps, default=None, metavar="N,N,...",
        help="CPU per household as the work grows: these households in turn on one stack (e.g. 100,1000,5000)",
    )  # fmt: skip
    bench.add_argument("--out", type=Path, default=Path("bench-results"), help="folder for the results file")

    from tooling.admin_cli import register as register_admin
    from tooling.report_cli import register

    reporting_handlers = register(commands)  # `wijk reporting rebuild`, `wijk report`
    from tooling.backup import register as register_backup

    admin_handlers = register_admin(commands)  # `wijk settings-doc`, `wijk intake rewrap-keys`
    backup_handlers = register_backup(commands)  # `wijk backup`, `wijk restore`
    from tooling.operations_cli import register as register_operations

    operations_handlers = register_operations(commands)  # `wijk status`, `wijk trace`
    from tooling.deadletters import register as register_deadletters

    deadletter_handlers = register_deadletters(commands)  # `wijk deadletters list | show | replay | discard`
    from tooling.kafka_acls import register as register_acls

    acl_handlers = register_acls(commands)  # `wijk kafka-acls`: the broker's ACLs for infra/kafka/acls.sh
    from tooling.pg_roles import register as register_roles

    role_handlers = register_roles(commands)  # `wijk db provision`: a PostgreSQL role per service
    args = parser.parse_args(argv)
    handlers = {
        "up": _up, "service": _service, "topics": _topics, "contracts": _contracts,
        "simulate": _simulate, "bench": _bench, **reporting_handlers, **admin_handlers, **backup_handlers,
        **operations_handlers, **deadletter_handlers, **acl_handlers, **role_handlers,
    }  # fmt: skip
    return handlers[args.command](args)


def _simulate(args: argparse.Namespace) -> int:
    from kernel.clock import today
    from tooling.simulate_run import command

    year = args.year or today().year
    return command(args.municipality, args.households, args.seed, year, args.data, args.output, args.iwmo_out)


def _bench(args: argparse.Namespace) -> int:
    from tooling.bench import command

    return command(args.households, args.messages, args.out, args.rebuild_facts, args.scale)


def _service(args: argparse.Namespace) -> int:
    from tooling.catalog import definition
    from wijk.service import serve
    from wijk.settings import SettingsError

    try:
        asyncio.run(serve(definition(args.name)))
    except SettingsError as exc:
        print(f"wijk service {args.name}: not started: {exc}", file=sys.stderr)
        return 2
    return 0


def _topics(args: argparse.Namespace) -> int:
    from kernel.municipality import config_dir
    from services.intake.partners_config import load_partners
    from wijk.topics import all_topics, ensure_topics

    settings = PlatformSettings()
    registry = load_partners(settings.partners_config or config_dir(settings.municipality_config) / "partners.json")
    names = all_topics(consumers=SERVICES, partners=[p.id for p in registry.partners])
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
    from tooling.embedded_stack import EmbeddedStack, StackError
    from tooling.simulate_run import load_scenario

    scenario = load_scenario(args.municipality or PlatformSettings().municipality_config or "almere")
    if scenario is None:
        return 2
    os.environ["WIJK_MUNICIPALITY_CONFIG"] = scenario.setting  # the services inherit it
    data = args.data or Path(".wijk") / scenario.name
    # a stable issuer across restarts of `wijk up`; care speaks iWmo XML for the providers marked so (docs/iwmo.md)
    stack = EmbeddedStack(data, identity_port=8100, care_speaks_iwmo=True)
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    try:
        stack.start()
        if not args.no_demo:
            _demo(stack, scenario, args.households, args.seed)
        _print_where_to_look(stack)
        if not args.exit_after_demo:
            print("\nrunning; press Ctrl-C to stop everything")
            stopping.wait()
    except KeyboardInterrupt:
        pass
    except (StackError, RuntimeError) as exc:
        print(f"\nwijk up failed: {exc}", file=sys.stderr)
        return 1
    finally:
        print("stopping services, broker and PostgreSQL ...")
        stack.stop()
        print("stopped; data kept in", data.resolve())
    return 0


def _demo(stack: EmbeddedStack, scenario: Municipality, households: int, seed: int | None) -> None:
    """A small simulated scenario through the real APIs and bus: the simulator's year, in miniature."""
    import httpx

    from tooling.simulate import run
    from tooling.simulate_report import print_report

    urls = {name: stack.url(name) for name in SERVICES}
    auth = stack.auth()  # tokens from the stack's provider, fetched as real clients do
    if seed is None:  # another seed on every start, so a second demo on the same data adds new households
        summary = httpx.get(f"{urls['reporting']}/summary", timeout=10, auth=auth)
        seed = 2026 + int(summary.json().get("cases_opened", 0))
    name = scenario.config["municipality"]
    print(f"\ndemo: {name}, {households} households of a simulated year (seed {seed}) through every service")
    print_report(run(urls, stack.broker.bootstrap, scenario, households, seed, auth))


def _print_where_to_look(stack: EmbeddedStack) -> None:
    print("\nwhere to look:")
    print(f"  council dashboard     {stack.url('reporting')}/dashboard")
    print(f"  yearly report (HTML)  {stack.url('reporting')}/report.html")
    print(f"  reporting API         {stack.url('reporting')}/docs")
    print(f"  intake API (melding)  {stack.url('intake')}/docs")
    print(f"  planning API          {stack.url('planning')}/docs")
    print(f"  Kafka bootstrap       {stack.broker.bootstrap}")
    print(f"  identity provider     {stack.identity.issuer}/.well-known/openid-configuration")
    credentials = stack.identity.credentials()
    example = "raadslid" if "raadslid" in credentials.users else sorted(credentials.users)[0]
    print(f"  log in as             {example} (or any user), password in {credentials.path}")
    print(f"  users                 {', '.join(sorted(credentials.users))}")
    print(f"  organisations         {', '.join(sorted(credentials.clients))} (client credentials, same file)")
    print("  every API needs a bearer token of this provider (docs/identity.md); the dashboard asks you to log in")
    print(f"  logs                  {stack.data_dir / 'logs'}")


if __name__ == "__main__":
    sys.exit(main())
