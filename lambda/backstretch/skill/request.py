"""Reading an Alexa request envelope, once, into the `TurnRequest` a turn runs on."""

from __future__ import annotations

import logging
import math
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

from backstretch.turn.request import DEFAULT_LOCALE, TurnRequest
from backstretch.turn.session import SessionAttributes

PLAUSIBLE_YEARS = (2000, 2200)
logger = logging.getLogger(__name__)


def read_request(envelope: RequestEnvelope, lambda_context: Any = None) -> TurnRequest:
    """Every fact a turn uses, from one envelope (and the time Lambda's context says the
    invocation has left); missing parts become None or defaults."""
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
        attributes=SessionAttributes.read(session.attributes if session else None),
        api_endpoint=system.api_endpoint if system else None,
        api_token=system.api_access_token if system else None,
        progressive_allowed=isinstance(request, LaunchRequest | IntentRequest),
        session_ended=isinstance(request, SessionEndedRequest),
        permissions=_granted_scopes(user),
        time_left=time_left(lambda_context),
    )


def time_left(lambda_context: Any) -> float | None:
    """Seconds before Lambda ends the invocation (`get_remaining_time_in_millis`, from the
    runtime's `Lambda-Runtime-Deadline-Ms`), or None where nothing gives a deadline.

    >>> class Invocation:
    ...     def get_remaining_time_in_millis(self) -> int:
    ...         return 2500
    >>> time_left(Invocation()), time_left(None)
    (2.5, None)
    """
    remaining = getattr(lambda_context, "get_remaining_time_in_millis", None)
    if not callable(remaining):
        return None
    try:
        millis = float(remaining())
    except (TypeError, ValueError):
        return None
    return max(0.0, millis / 1000) if math.isfinite(millis) else None


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
