"""The kinds of error a service raises on purpose, and what each one means to whoever asked.

Every domain and application error derives from exactly one kind. The edges map the kind, never the class or a
built-in exception type: the HTTP layer answers NotFound 404, Conflict 409, Refused 422 and Forbidden 403
(`wijk.http`). Anything else is a bug or an outage: HTTP 500 with a correlation id, or a retry in the inbox.
A `KeyError` from a bug therefore never passes for a missing resource, nor a library's `ValueError` for bad input.
"""

from __future__ import annotations


class DomainError(Exception):
    """What the four kinds share; raise one of the kinds, never this."""


class NotFound(DomainError):
    """What the request names does not exist (HTTP 404)."""


class Conflict(DomainError):
    """The request does not fit the current state: already done, not yet possible, or changed meanwhile (409)."""


class Refused(DomainError):
    """The request breaks a rule, whatever the state: invalid input or a value the law or policy does not allow
    (HTTP 422)."""


class Forbidden(DomainError):
    """Whoever asks may not do this: no mandate, not their assignment, not an approving role (HTTP 403)."""


KINDS: tuple[type[DomainError], ...] = (NotFound, Conflict, Refused, Forbidden)
