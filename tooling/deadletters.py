"""`wijk deadletters list | show | replay | discard`: the parked messages of every service, as an operator's tool.

Each consuming service parks what it cannot take in its own schema's `parked_messages` (`wijk.parked`): the kind,
the reason, where the message was on the bus and its CloudEvents id, source, type and sequence, never its body. A
letter is named `<service>/<id>`. `replay` reads the original message back from its topic (a fact topic keeps it for
good; a partner's signal topic for its retention), marks the letter `replaying` and re-delivers it on the service's
replay topic; the service handles it as at its original position under a dedupe key of its own, so it is applied
exactly once, or parked again with the new reason when its cause is not fixed. `discard` closes a letter for good.
Nothing here prints a body or a message key: a partner's signal carries personal data.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from rich.console import Console
from rich.table import Table

from contracts.topics import replay
from wijk.settings import SERVICES, PlatformSettings

OPEN = ("parked", "replaying")


class LetterError(RuntimeError):
    """A letter that cannot be shown, replayed or discarded; the message says why."""


async def _connect(settings: PlatformSettings) -> asyncpg.Connection:
    return await asyncpg.connect(
        host=settings.pg_host, port=settings.pg_port, user=settings.pg_user, password=settings.pg_password or None,
        database=settings.pg_dbname,
    )  # fmt: skip


async def letters(settings: PlatformSettings, service: str | None = None, every: bool = False) -> list[dict[str, Any]]:
    """The open letters (parked or replaying) of one service or all of them; every letter with `every`."""
    found: list[dict[str, Any]] = []
    conn = await _connect(settings)
    try:
        for name in [service] if service else SERVICES:
            if not await conn.fetchval("SELECT to_regclass($1)", f'"{name}".parked_messages'):
                continue
            where = "" if every else "WHERE status = ANY($1::text[])"
            rows = await conn.fetch(
                f'SELECT * FROM "{name}".parked_messages {where} ORDER BY id', *([] if every else [list(OPEN)])
            )
            found.extend({"service": name, **dict(r)} for r in rows)
    finally:
        await conn.close()
    return found


async def letter(settings: PlatformSettings, name: str) -> dict[str, Any]:
    service, number = _parse(name)
    conn = await _connect(settings)
    try:
        if not await conn.fetchval("SELECT to_regclass($1)", f'"{service}".parked_messages'):
            raise LetterError(f"{service} has parked nothing")
        row = await conn.fetchrow(f'SELECT * FROM "{service}".parked_messages WHERE id = $1', number)
    finally:
        await conn.close()
    if row is None:
        raise LetterError(f"no letter {name}")
    return {"service": service, **dict(row)}


async def replay_letter(settings: PlatformSettings, name: str) -> dict[str, Any]:
    """Re-deliver a letter to its service; returns the letter as it was."""
    found = await letter(settings, name)
    if found["status"] not in OPEN:
        raise LetterError(f"{name} is {found['status']}: only a parked letter can be replayed")
    original = await _read_back(settings, found["topic"], found["partition"], found["offset"])
    if original is None:
        raise LetterError(
            f"{name}: {found['topic']}/{found['partition']}@{found['offset']} is no longer on the bus "
            "(past the topic's retention); it cannot be replayed"
        )
    conn = await _connect(settings)
    try:
        await conn.execute(
            f"UPDATE \"{found['service']}\".parked_messages SET status = 'replaying' WHERE id = $1", found["id"]
        )
    finally:
        await conn.close()
    headers = [
        *((k, v) for k, v in original.headers or () if not k.startswith("x-replay-")),
        ("x-replay-of", str(found["id"]).encode()),
        ("x-replay-group", found["consumer_group"].encode()),
    ]
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all")
    await producer.start()
    try:
        await producer.send_and_wait(replay(found["service"]), original.value, key=original.key, headers=headers)
    finally:
        await producer.stop()
    return found


async def discard_letter(settings: PlatformSettings, name: str) -> dict[str, Any]:
    found = await letter(settings, name)
    if found["status"] not in OPEN:
        raise LetterError(f"{name} is {found['status']} already")
    conn = await _connect(settings)
    try:
        await conn.execute(
            f"UPDATE \"{found['service']}\".parked_messages SET status = 'discarded', settled_at = now() WHERE id = $1",
            found["id"],
        )
    finally:
        await conn.close()
    return found


async def _read_back(settings: PlatformSettings, topic: str, partition: int, offset: int) -> Any:
    """The record at (topic, partition, offset), or None when the broker no longer has it."""
    consumer = AIOKafkaConsumer(bootstrap_servers=settings.kafka_bootstrap, enable_auto_commit=False)
    await consumer.start()
    try:
        where = TopicPartition(topic, partition)
        consumer.assign([where])
        consumer.seek(where, offset)
        for _ in range(20):
            for record in (await consumer.getmany(where, timeout_ms=500)).get(where, []):
                if record.offset == offset:
                    return record
                if record.offset > offset:
                    return None
        return None
    finally:
        await consumer.stop()


def _parse(name: str) -> tuple[str, int]:
    service, _, number = name.partition("/")
    if service not in SERVICES or not number.isdigit():
        raise LetterError(f"a letter is named <service>/<id>, e.g. planning/3; not {name!r}")
    return service, int(number)


def _age(parked_at: datetime) -> str:
    seconds = int((datetime.now(UTC) - parked_at).total_seconds())
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def table(found: list[dict[str, Any]]) -> Table:
    shown = Table(title=f"{len(found)} dead letters", title_justify="left")
    for column in ("letter", "group", "kind", "event type", "original position", "age", "status", "reason"):
        shown.add_column(column, overflow="fold")
    for row in found:
        shown.add_row(
            f"{row['service']}/{row['id']}", row["consumer_group"], row["kind"], row["event_type"] or "-",
            f"{row['topic']}/{row['partition']}@{row['offset']}", _age(row["parked_at"]), row["status"],
            row["reason"][:160],
        )  # fmt: skip
    return shown


def details(row: dict[str, Any]) -> Table:
    shown = Table(show_header=False, title=f"{row['service']}/{row['id']}", title_justify="left")
    shown.add_column("field")
    shown.add_column("value", overflow="fold")
    position = f"{row['topic']} partition {row['partition']} offset {row['offset']}"
    for field, value in (
        ("kind", row["kind"]), ("status", row["status"]), ("consumer group", row["consumer_group"]),
        ("reason", row["reason"]), ("original position", position), ("event type", row["event_type"]),
        ("event id", row["event_id"]), ("source", row["source"]), ("sequence", row["sequence"]),
        ("epoch", row["epoch"]), ("parked at", f"{row['parked_at']:%Y-%m-%d %H:%M:%S} ({_age(row['parked_at'])} ago)"),
        ("settled at", row["settled_at"]),
    ):  # fmt: skip
        shown.add_row(field, "-" if value is None else str(value))
    return shown


def register(commands: Any) -> dict[str, Any]:
    """`wijk deadletters list | show | replay | discard`, against the platform's PostgreSQL and broker."""
    parser = commands.add_parser("deadletters", help="list, show, replay or discard the services' parked messages")
    actions = parser.add_subparsers(dest="action", required=True)
    listed = actions.add_parser("list", help="the open letters (parked or being replayed)")
    listed.add_argument("--service", choices=SERVICES, default=None, help="one service (default: all)")
    listed.add_argument("--all", action="store_true", help="replayed and discarded letters too")
    parsers = [listed]
    for action, text in (("show", "one letter in full (never its body)"), ("replay", "re-deliver it to its service"),
                         ("discard", "close it without replaying")):  # fmt: skip
        one = actions.add_parser(action, help=text)
        one.add_argument("letter", help="<service>/<id>, as `list` shows it")
        parsers.append(one)
    for one in parsers:
        one.add_argument(
            "--data", type=Path, default=None,
            help="the data folder of an embedded stack (`wijk up`'s .wijk/<municipality>); default: the WIJK_PG_* and "
            "WIJK_KAFKA_BOOTSTRAP settings of a deployment",
        )  # fmt: skip
    return {"deadletters": _command}


@contextlib.contextmanager
def _settings(data: Path | None) -> Iterator[PlatformSettings]:
    """A deployment's settings, or those of the embedded stack in `data` (its PostgreSQL attached, or started for
    the command and stopped after; its broker on `wijk up`'s fixed port)."""
    if data is None:
        yield PlatformSettings()
        return
    from tooling.embedded_postgres import EmbeddedPostgres
    from tooling.embedded_stack import EMBEDDED_BROKER_PORT, settings_of

    if not (data / "postgres").is_dir():
        raise LetterError(f"{data} holds no embedded stack (no postgres folder): give `wijk up`'s --data folder")
    postgres = EmbeddedPostgres(data / "postgres")
    pg = postgres.start()
    try:
        yield settings_of(pg, f"127.0.0.1:{EMBEDDED_BROKER_PORT}")
    finally:
        postgres.stop()


def _command(args: Any) -> int:
    console = Console()
    try:
        with _settings(args.data) as settings:
            return _act(args, settings, console)
    except (LetterError, OSError, asyncpg.PostgresError) as exc:
        print(f"wijk deadletters {args.action}: {exc}", file=sys.stderr)
        return 1


def _act(args: Any, settings: PlatformSettings, console: Console) -> int:
    if args.action == "list":
        console.print(table(asyncio.run(letters(settings, args.service, args.all))))
    elif args.action == "show":
        console.print(details(asyncio.run(letter(settings, args.letter))))
    elif args.action == "replay":
        done = asyncio.run(replay_letter(settings, args.letter))
        print(f"{args.letter} re-delivered to {done['service']} ({done['consumer_group']}); "
              f"`wijk deadletters show {args.letter}` tells whether it was applied")  # fmt: skip
    else:
        asyncio.run(discard_letter(settings, args.letter))
        print(f"{args.letter} discarded")
    return 0
