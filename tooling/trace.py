"""`wijk trace <household-id>`: the span tree of a household's traces, read from the embedded stack's span files.

Every service process appends its spans to `<data>/traces/<instance>.jsonl` as OTLP JSON lines (OpenTelemetry's
file exporter, `WIJK_OTEL_TRACES_FILE`). A household's traces are those in which some span names it: a fact about
it published by a relay or handled by an inbox (`cloudevents.event_subject`), or an HTTP request about it
(`wijk.household`). Every span of those traces is printed as a tree, with its service, its start after the
trace's first span and its duration. No Docker and no trace backend are needed.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text
from rich.tree import Tree

HOUSEHOLD_KEYS = ("cloudevents.event_subject", "wijk.household")
ERROR = 2


@dataclass(frozen=True)
class Span:
    trace_id: str
    span_id: str
    parent_id: str
    name: str
    service: str
    start_ns: int
    end_ns: int
    attributes: dict[str, str]
    failed: bool

    @property
    def millis(self) -> float:
        return (self.end_ns - self.start_ns) / 1e6


def read_spans(folder: Path) -> Iterator[Span]:
    """Every span in the folder's `*.jsonl` files; a line cut short (a process killed mid-write) is skipped."""
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                try:
                    batch = json.loads(line)
                except json.JSONDecodeError:
                    continue
                yield from _spans_of(batch)


def _spans_of(batch: dict[str, Any]) -> Iterator[Span]:
    for resource_spans in batch.get("resourceSpans", ()):
        service = _attributes(resource_spans.get("resource", {}).get("attributes", ())).get("service.name", "?")
        for scope_spans in resource_spans.get("scopeSpans", ()):
            for raw in scope_spans.get("spans", ()):
                attributes = _attributes(raw.get("attributes", ()))
                yield Span(
                    trace_id=raw["traceId"], span_id=raw["spanId"], parent_id=raw.get("parentSpanId", ""),
                    name=raw.get("name", ""), service=attributes.get("wijk.service", service),
                    start_ns=int(raw["startTimeUnixNano"]), end_ns=int(raw["endTimeUnixNano"]),
                    attributes=attributes, failed=raw.get("status", {}).get("code") == ERROR,
                )  # fmt: skip


def _attributes(pairs: Iterable[dict[str, Any]]) -> dict[str, str]:
    """OTLP JSON key-value pairs as text: `{"key": k, "value": {"stringValue": v}}` (or intValue, boolValue ...)."""
    return {pair["key"]: str(next(iter(pair.get("value", {}).values()), "")) for pair in pairs}


def traces_of(spans: Iterable[Span], household: str) -> dict[str, list[Span]]:
    """The traces in which a span names the household, each with all its spans, oldest trace first."""
    by_trace: dict[str, list[Span]] = defaultdict(list)
    named: set[str] = set()
    for span in spans:
        by_trace[span.trace_id].append(span)
        if any(span.attributes.get(key) == household for key in HOUSEHOLD_KEYS):
            named.add(span.trace_id)
    found = {trace_id: by_trace[trace_id] for trace_id in named}
    return dict(sorted(found.items(), key=lambda item: min(s.start_ns for s in item[1])))


def tree_of(trace_id: str, spans: list[Span]) -> Tree:
    """One trace as a tree: children under their parent, in order of start; spans whose parent is not in the files
    (a caller's span, or one still being written) are roots."""
    began = min(s.start_ns for s in spans)
    ended = max(s.end_ns for s in spans)
    services = sorted({s.service for s in spans})
    moment = datetime.fromtimestamp(began / 1e9, UTC).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    tree = Tree(Text(f"trace {trace_id}  {moment}  {(ended - began) / 1e6:.1f} ms, {len(spans)} spans: "
                     f"{', '.join(services)}", style="bold"))  # fmt: skip
    known = {s.span_id for s in spans}
    children: dict[str, list[Span]] = defaultdict(list)
    for span in sorted(spans, key=lambda s: s.start_ns):
        children[span.parent_id if span.parent_id in known else ""].append(span)

    def grow(branch: Tree, parent: str) -> None:
        for span in children.get(parent, ()):
            grow(branch.add(_line(span, began)), span.span_id)

    grow(tree, "")
    return tree


def _line(span: Span, began: int) -> Text:
    line = Text(f"{span.name}  ", style="red" if span.failed else "")
    line.append(f"{span.service}  ", style="cyan")
    line.append(f"+{(span.start_ns - began) / 1e6:.1f} ms  {span.millis:.1f} ms", style="dim")
    return line


def command(household: str, data: Path, console: Console | None = None) -> int:
    console = console or Console()
    folder = data / "traces"
    if not any(folder.glob("*.jsonl")):
        console.print(f"no span files in {folder}: start the stack with `wijk up` (or pass its --data folder)")
        return 2
    traces = traces_of(read_spans(folder), household)
    if not traces:
        console.print(f"no trace in {folder} names household {household}")
        return 1
    for trace_id, spans in traces.items():
        console.print(tree_of(trace_id, spans))
    touched = sorted({s.service for spans in traces.values() for s in spans})
    console.print(f"{len(traces)} traces of household {household}; services: {', '.join(touched)}")
    return 0
