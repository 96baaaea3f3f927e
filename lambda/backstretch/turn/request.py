"""The facts of one Alexa request that a turn needs: who, where, when, and how to reach Alexa."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from backstretch.turn.session import SessionAttributes

DEFAULT_LOCALE = "en-US"


@dataclass(frozen=True)
class TurnRequest:
    """Who is asking, from where, when, and how Alexa can be reached during the turn.

    >>> from datetime import UTC
    >>> TurnRequest(request_id="r1", now=datetime(2026, 1, 1, tzinfo=UTC)).can_speak_early
    False
    """

    request_id: str
    now: datetime  # the request's timestamp, UTC
    locale: str = DEFAULT_LOCALE
    user_id: str | None = None
    device_id: str | None = None
    session_id: str | None = None
    starts_session: bool = True  # a new session, or none at all
    in_session: bool = False  # the request carries a session (its attributes go back)
    attributes: SessionAttributes = field(default_factory=SessionAttributes)  # as carried
    api_endpoint: str | None = None
    api_token: str | None = None
    # Progressive responses are allowed only for launch and intent requests.
    progressive_allowed: bool = False
    session_ended: bool = False  # a SessionEndedRequest: Alexa takes no speech back
    permissions: frozenset[str] = frozenset()  # the permission scopes the person granted
    # Seconds the invocation had left when the request was read (Lambda's deadline); None
    # where nothing gives one (the local endpoint).
    time_left: float | None = None

    @property
    def can_speak_early(self) -> bool:
        """Whether the hold may be carried by progressive responses in this turn."""
        return bool(self.progressive_allowed and self.api_endpoint and self.api_token)
