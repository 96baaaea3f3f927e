"""Dialog directives: asking Alexa to hear the next answer as one slot of one intent.

The interaction model's dialog section gives the slot its own samples (a bare "{stretch}" or
"{time}" is fine there: it applies only while that slot is asked for), so no intent needs a
catch-all sample to understand the answer to the skill's own question.
"""

from __future__ import annotations

from collections.abc import Mapping

from ask_sdk_model import Intent, IntentConfirmationStatus, Slot, SlotConfirmationStatus
from ask_sdk_model.dialog import ElicitSlotDirective


def elicit_directive(
    intent: str, slot: str, known: Mapping[str, str | None] | None = None
) -> ElicitSlotDirective:
    """Ask for ``slot`` of ``intent``, keeping the slots ``known`` so far.

    >>> directive = elicit_directive("SetReminderIntent", "time", {"days": "weekdays"})
    >>> directive.slot_to_elicit, directive.updated_intent.slots["days"].value
    ('time', 'weekdays')
    """
    values = {**(known or {}), slot: None} if slot not in (known or {}) else dict(known or {})
    slots = {
        name: Slot(name=name, value=value, confirmation_status=SlotConfirmationStatus.NONE)
        for name, value in values.items()
    }
    asked = Intent(name=intent, slots=slots, confirmation_status=IntentConfirmationStatus.NONE)
    return ElicitSlotDirective(updated_intent=asked, slot_to_elicit=slot)
