"""What a screen shows beside the speech, as APL directives: only for a device that lists
`Alexa.Presentation.APL` with a runtime that runs our documents' version; a speaker (or an
older screen) gets none, and the same response it always got.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_supported_interfaces

from backstretch.routine.content import Routine
from backstretch.screen.choice import PauseCountdown, Show, TurnSeen, screen_for
from backstretch.screen.documents import COUNTDOWN_COMPONENT, PAUSED_FLAG, document, runs
from backstretch.screen.words import screen_words

if TYPE_CHECKING:  # APL's models cost a cold start ~10 ms: only a screen's turn imports them
    from ask_sdk_model import Directive


def has_screen(handler_input: HandlerInput) -> bool:
    """The device shows APL documents of our version. A device that lists no interfaces at
    all (no `supportedInterfaces`: a hand-made request, or a client that leaves it out) is a
    speaker."""
    interfaces = get_supported_interfaces(handler_input)
    apl = interfaces.alexa_presentation_apl if interfaces is not None else None
    runtime = apl.runtime if apl is not None else None
    return runs(runtime.max_version if runtime is not None else None)


def screen_directives(seen: TurnSeen, routine: Routine, locale: str) -> list[Directive]:
    """The directives that show what the turn calls for: a document with its data, or the
    command that stops the countdown on screen; none when the screen stays as it is."""
    update = screen_for(seen, routine, screen_words(locale))
    if update is None:
        return []
    from ask_sdk_model.interfaces.alexa.presentation.apl import (
        ExecuteCommandsDirective,
        RenderDocumentDirective,
        SetValueCommand,
    )

    if isinstance(update, PauseCountdown):
        pause = SetValueCommand(
            component_id=COUNTDOWN_COMPONENT, object_property=PAUSED_FLAG, value="${true}"
        )
        return [ExecuteCommandsDirective(commands=[pause], token=update.token)]
    assert isinstance(update, Show)
    return [
        RenderDocumentDirective(
            token=update.token,
            document=document(update.token),
            datasources={update.datasource: update.data},
        )
    ]


def reminder_said(schedule_token: str | None, locale: str) -> str | None:
    """The reminder on record, as the skill says it ("every weekday at 3 PM")."""
    if schedule_token is None:
        return None
    from backstretch.reminders.lines import reminder_lines  # reminder code only when one is set
    from backstretch.reminders.schedule import ReminderSchedule

    schedule = ReminderSchedule.from_token(schedule_token)
    return reminder_lines(locale).when(schedule) if schedule is not None else None
