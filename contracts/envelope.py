"""The CloudEvents 1.0 envelope in Kafka binary mode, following the NL GOV profile for CloudEvents.

The body is the event's JSON; the attributes travel as `ce_*` headers. `subject` is the household's
pseudonymous id (never a BSN). `source` names the municipality's own OIN (from `municipality.json`) and the
publishing system. `sequence` (a CloudEvents extension) is the publisher's outbox position: it lets a consumer
recognise a republished fact. `epoch` (an extension) is the publisher's store generation in which that position
was written: a store restored from an older backup writes its new facts in a new epoch, so that consumers do not
take them for facts they already applied (docs/adr/0005-sequence-epochs.md).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from contracts.bounds import Moment

SPEC_VERSION = "1.0"
CONTENT_TYPE = "application/json"
EVENT_ID_NAMESPACE = uuid.UUID("6f0d5a8e-2b7c-4c1e-9a43-8d2f3b9e7a10")


class EnvelopeError(ValueError):
    """A message whose headers are not a valid CloudEvent."""


def source_urn(system: str, oin: str) -> str:
    """`urn:nld:oin:<OIN>:systeem:<system>`, the NL GOV profile's source notation; `oin` is the municipality's."""
    return f"urn:nld:oin:{oin}:systeem:{system}"


def event_id(source: str, sequence: int, epoch: str | None = None) -> str:
    """A deterministic event id: the same outbox entry always yields the same id, however often it is sent; a
    position of another epoch (a restored store's new facts) is another fact, with another id."""
    position = f"{sequence}" if epoch is None else f"{epoch}#{sequence}"
    return str(uuid.uuid5(EVENT_ID_NAMESPACE, f"{source}#{position}"))


class CloudEventHeaders(BaseModel):
    """The context attributes of one event, as carried in Kafka headers."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(min_length=1, max_length=200)
    source: str = Field(min_length=1, max_length=200, description="urn:nld:oin:<OIN>:systeem:<system>.")
    type: str = Field(min_length=1, max_length=100)
    specversion: str = Field(SPEC_VERSION, max_length=10)
    time: Moment
    subject: str = Field(min_length=1, max_length=200, description="The household's pseudonymous id.")
    datacontenttype: str = Field(CONTENT_TYPE, max_length=100)
    sequence: int | None = Field(None, ge=0, le=2**63 - 1, description="The publisher's outbox position (extension).")
    epoch: str | None = Field(
        None,
        max_length=40,
        pattern=r"^[a-z0-9-]{1,40}$",
        description="The publisher's store generation of `sequence` (extension); absent in the first generation.",
    )
    traceparent: str | None = Field(None, max_length=100)

    def to_kafka_headers(self) -> dict[str, str]:
        headers = {
            "ce_id": self.id,
            "ce_source": self.source,
            "ce_type": self.type,
            "ce_specversion": self.specversion,
            "ce_time": self.time.isoformat(),
            "ce_subject": self.subject,
            "content-type": self.datacontenttype,
        }
        if self.sequence is not None:
            headers["ce_sequence"] = str(self.sequence)
        if self.epoch is not None:
            headers["ce_epoch"] = self.epoch
        return headers

    @classmethod
    def from_kafka_headers(cls, headers: dict[str, str]) -> CloudEventHeaders:
        missing = [h for h in ("ce_id", "ce_source", "ce_type", "ce_time", "ce_subject") if not headers.get(h)]
        if missing:
            raise EnvelopeError(f"missing CloudEvents headers: {', '.join(missing)}")
        if headers.get("ce_specversion", SPEC_VERSION) != SPEC_VERSION:
            raise EnvelopeError(f"unsupported ce_specversion {headers.get('ce_specversion')!r}")
        try:
            return cls(
                id=headers["ce_id"],
                source=headers["ce_source"],
                type=headers["ce_type"],
                time=headers["ce_time"],  # type: ignore[arg-type]
                subject=headers["ce_subject"],
                sequence=headers.get("ce_sequence"),  # type: ignore[arg-type]
                epoch=headers.get("ce_epoch"),
                traceparent=headers.get("traceparent"),
            )
        except ValidationError as exc:
            error = exc.errors()[0]
            field = "ce_" + ".".join(str(part) for part in error["loc"])
            raise EnvelopeError(f"invalid CloudEvents headers: {field}: {error['msg']}") from exc


def now() -> datetime:
    return datetime.now(UTC)
