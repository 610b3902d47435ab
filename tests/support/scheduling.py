"""How `make test` spreads the tests over its pytest-xdist workers (`-n 3 --dist loadscope`).

Every worker has its own PostgreSQL, broker, identity provider and shared stack (session fixtures are per
process), so a test that shares a costly fixture with others should run in the worker that already started it:
- the tests sharing a session or package stack run in one worker (`SHARED_FIXTURE_GROUPS`);
- every other infrastructure test stays with the rest of its module (its module fixtures start once);
- the process tests of `ONE_BY_ONE` share nothing but a minute each of their own processes, and spread one by one;
- domain, contract and application tests spread one by one.

The units are taken longest first (`first_to_last`): the process tests, then the fault tier, then the other
infrastructure tests, then the fast tiers, which fill the gaps at the end.

pytest-xdist's own `--dist loadgroup` would read `xdist_group` marks, but it passes a group by appending it to the
test's node id, which pytest 9.2's structured node ids no longer allow: the groups are silently ignored
(pytest-xdist#1386). The units here come from the test's path instead, through xdist's scheduler hook.
"""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest
from xdist.remote import Producer
from xdist.scheduler import LoadScopeScheduling

SHARED_FIXTURE_GROUPS = {
    "fault": "fault",  # `clean_run`, once per session
    "integration/reporting": "reporting",  # `reporting_stack`, once per session
    "integration/lawcycle": "lawcycle",  # `cycle`, a package's stack on a simulated calendar
    "integration/iwmo": "iwmo",  # `gateway`, a package's stack
}
ONE_BY_ONE = {"e2e/test_commands.py"}
INFRASTRUCTURE = ("e2e", "fault", "integration")
LONGEST = ("e2e/test_scale_out.py",)
"""The one test that takes longest (two stacks, one of ten processes): first, so that it does not end the run."""


def _parts(nodeid: str) -> tuple[str, ...]:
    """The path of a node id below `tests/`: `tests/fault/test_x.py::test_y` -> ("fault", "test_x.py")."""
    return PurePosixPath(nodeid.split("::", 1)[0]).parts[1:]


def unit_of(nodeid: str) -> str:
    """The unit of work a test belongs to: tests of one unit run in one worker, one after another."""
    parts = _parts(nodeid)
    if not parts or parts[0] not in INFRASTRUCTURE:
        return nodeid
    where = "/".join(parts[:2])
    if where in ONE_BY_ONE:
        return nodeid
    return SHARED_FIXTURE_GROUPS.get(parts[0]) or SHARED_FIXTURE_GROUPS.get(where) or "/".join(parts)


def first_to_last(nodeid: str) -> int:
    """Where a test's unit comes in the queue: the longest kinds of unit first."""
    parts = _parts(nodeid)
    where = "/".join(parts[:2])
    if where in LONGEST:
        return 0
    kind = parts[0] if parts else ""
    return {"e2e": 1, "fault": 2, "integration": 3}.get(kind, 4)


def order(items: list[pytest.Item]) -> None:
    """Sort the collected tests longest kind first, keeping the order within a kind (modules stay together)."""
    items.sort(key=lambda item: first_to_last(item.nodeid))


class SharedStackScheduling(LoadScopeScheduling):
    """xdist's scope scheduling with our units (`unit_of`) in place of modules and classes."""

    def __init__(self, config: pytest.Config, log: Producer | None = None) -> None:
        super().__init__(config, log)
        config.option.loadscopereorder = False  # the queue keeps `order`'s order, not xdist's count of tests

    def _split_scope(self, nodeid: str) -> str:
        return unit_of(nodeid)
