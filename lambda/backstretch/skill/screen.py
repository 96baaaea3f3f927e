"""What a screen shows beside the speech: for now, the week the summary told, as the data of
an APL document (only for a device that lists `Alexa.Presentation.APL`; a speaker gets none).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_supported_interfaces

from backstretch.progress.model import WeeklySummary

if TYPE_CHECKING:  # APL's models cost a cold start ~10 ms: only a screen's turn imports them
    from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective

WEEK_DOCUMENT_TOKEN = "week"  # noqa: S105 - the name of a screen, not a secret
# One line a day, and the totals: the datasource is what matters, a screen draws it its way.
_WEEK_DOCUMENT: dict[str, Any] = {
    "type": "APL",
    "version": "2024.2",
    "mainTemplate": {
        "parameters": ["week"],
        "items": [
            {
                "type": "Sequence",
                "data": "${week.days}",
                "items": [{"type": "Text", "text": "${data.name}${data.stretched ? ' ✓' : ''}"}],
            }
        ],
    },
}


def has_screen(handler_input: HandlerInput) -> bool:
    return get_supported_interfaces(handler_input).alexa_presentation_apl is not None


def week_directive(
    summary: WeeklySummary, today: date, weekdays: tuple[str, ...]
) -> RenderDocumentDirective:
    """The week, Monday to Sunday in the person's zone, as an APL document and its data.

    >>> week = WeeklySummary((date(2026, 11, 23),), 1, 150, 1, 0, 0)
    >>> data = week_directive(week, date(2026, 11, 25), tuple("MTWTFSS")).datasources["week"]
    >>> [d["stretched"] for d in data["days"]][:3], data["secondsHeld"]
    ([True, False, False], 150)
    """
    from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective

    monday = today - timedelta(days=today.weekday())
    days = [monday + timedelta(days=offset) for offset in range(7)]
    week = {
        "days": [
            {
                "date": day.isoformat(),
                "name": name,
                "stretched": day in summary.days_stretched,
                "today": day == today,
                "future": day > today,
            }
            for day, name in zip(days, weekdays, strict=True)
        ],
        "daysStretched": len(summary.days_stretched),
        "routinesCompleted": summary.routines_completed,
        "secondsHeld": summary.seconds_held,
        "streakDays": summary.streak_days,
        "lastWeekDays": summary.last_week_days,
    }
    return RenderDocumentDirective(
        token=WEEK_DOCUMENT_TOKEN, document=_WEEK_DOCUMENT, datasources={"week": week}
    )
