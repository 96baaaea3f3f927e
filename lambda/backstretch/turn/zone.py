"""A person's time zone for one turn: remembered, else asked of Alexa, else the locale's."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from backstretch.alexa_api.port import AlexaApi
from backstretch.budget import TurnBudget
from backstretch.progress.model import Profile
from backstretch.progress.summary import remembered_zone
from backstretch.turn.request import TurnRequest


class PersonZone:
    """Asks Alexa's Settings API at most once a turn, and only when the profile has no zone."""

    def __init__(self, request: TurnRequest, api: AlexaApi, budget: TurnBudget) -> None:
        self._request = request
        self._api = api
        self._budget = budget
        self.learned: str | None = None  # a zone the Settings API told us this turn
        self._asked = False

    def remembered(self, profile: Profile) -> ZoneInfo:
        """The remembered zone, else the locale's; never calls Alexa."""
        return remembered_zone(profile, self._request.locale)

    def find(self, profile: Profile) -> ZoneInfo:
        """The remembered zone, else Alexa's setting for the device, else the locale's."""
        if profile.time_zone:
            return self.remembered(profile)
        request = self._request
        if not self._asked and request.device_id and request.api_endpoint:
            self._asked = True
            self.learned = self._api.time_zone(
                request.api_endpoint, request.api_token or "", request.device_id, self._budget
            )
        return ZoneInfo(self.learned) if self.learned else self.remembered(profile)

    def to_remember(self, profile: Profile) -> str | None:
        """A zone learned this turn that the profile does not hold yet."""
        return self.learned if self.learned and profile.time_zone != self.learned else None
