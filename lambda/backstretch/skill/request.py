"""The facts of one Alexa request that a turn needs, read once from the envelope."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ask_sdk_model import (
    IntentRequest,
    LaunchRequest,
    PermissionStatus,
    RequestEnvelope,
    SessionEndedRequest,
    User,
)

DEFAULT_LOCALE = "en-US"
PLAUSIBLE_YEARS = (2000, 2200)
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TurnRequest:
    """Who is asking, from where, when, and how Alexa can be reached during the turn.

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
    attributes: dict[str, Any] | None = None  # the session's attributes as Alexa sent them
    api_endpoint: str | None = None
    api_token: str | None = None
    # Progressive responses are allowed only for launch and intent requests.
    progressive_allowed: bool = False
    session_ended: bool = False  # a SessionEndedRequest: Alexa takes no speech back
    permissions: frozenset[str] = frozenset()  # the permission scopes the person granted

    @property
    def can_speak_early(self) -> bool:
        """Whether the hold may be carried by progressive responses in this turn."""
        return bool(self.progressive_allowed and self.api_endpoint and self.api_token)


def read_request(envelope: RequestEnvelope) -> TurnRequest:
    """Every fact a turn uses, from one envelope; missing parts become None or defaults."""
    request = envelope.request
    session = envelope.session
    system = envelope.context.system if envelope.context else None
    user = (system.user if system else None) or (session.user if session else None)
    device = system.device if system else None
    stamp = request.timestamp if request is not None else None
    return TurnRequest(
        request_id=(request.request_id if request is not None else None) or "",
        now=_request_time(stamp),
        locale=getattr(request, "locale", None) or DEFAULT_LOCALE,
        user_id=user.user_id if user else None,
        device_id=device.device_id if device else None,
        session_id=session.session_id if session else None,
        starts_session=session is None or bool(session.new),
        in_session=session is not None,
        attributes=session.attributes if session else None,
        api_endpoint=system.api_endpoint if system else None,
        api_token=system.api_access_token if system else None,
        progressive_allowed=isinstance(request, LaunchRequest | IntentRequest),
        session_ended=isinstance(request, SessionEndedRequest),
        permissions=_granted_scopes(user),
    )


def _request_time(stamp: datetime | None) -> datetime:
    """The request's timestamp in UTC; the server's clock when it has none, or one no
    device could send (year 1, year 9999), which date arithmetic would overflow on."""
    if stamp is None or stamp.tzinfo is None:
        return datetime.now(UTC)
    if not PLAUSIBLE_YEARS[0] <= stamp.year <= PLAUSIBLE_YEARS[1]:
        logger.warning("implausible request timestamp (year %d): using the clock", stamp.year)
        return datetime.now(UTC)
    return stamp.astimezone(UTC)


def _granted_scopes(user: User | None) -> frozenset[str]:
    scopes = user.permissions.scopes if user is not None and user.permissions else None
    return frozenset(
        name
        for name, scope in (scopes or {}).items()
        if scope is not None and scope.status == PermissionStatus.GRANTED
    )
