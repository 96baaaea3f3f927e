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
