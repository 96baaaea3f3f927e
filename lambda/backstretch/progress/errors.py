"""What can go wrong when reading or writing a person's progress."""

from __future__ import annotations


class ProgressUnavailable(Exception):
    """Progress storage could not answer in time: throttled, timed out, unreachable or refused.

    The conversation should carry on without stored progress rather than fail.
    """


class ProfileConflict(ProgressUnavailable):
    """Someone else saved the profile first: the version this save was based on is stale.

    Reload the profile, reapply the change and save again (see ``retry_on_conflict``); if that
    loses too, treat progress as unavailable for this request.
    """


class SaveOutcomeUnknown(ProgressUnavailable):
    """A write got no answer in time: it may have been stored or not.

    Every write the skill makes is safe to repeat (a finished routine is final, a stopped one
    is overwritten, a profile's version check refuses a stale copy), so the answer is to
    write it again later, and never to tell the person it was lost.
    """
