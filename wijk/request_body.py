"""The base of every request body: a field the route does not know is refused (422 naming it), never ignored.

A client that still sends a field the platform no longer reads (a self-declared `decided_by`, say) learns so at
once instead of believing it was heard.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class RequestBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
