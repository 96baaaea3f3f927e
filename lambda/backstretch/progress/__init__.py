"""A person's progress: the store interface, its DynamoDB implementation, the weekly maths.

The DynamoDB implementation lives in ``backstretch.progress.dynamodb`` and is not imported
here, so importing the values and the maths never loads boto3.
"""

from backstretch.progress.errors import ProfileConflict, ProgressUnavailable
from backstretch.progress.model import (
    Profile,
    ResumePoint,
    RoutineRecord,
    StoredProgress,
    StretchReminder,
    WeeklySummary,
)
from backstretch.progress.store import ProgressStore, retry_on_conflict
from backstretch.progress.summary import (
    apply_completed_routine,
    current_streak,
    read_window,
    remembered_zone,
    summary_window,
    week_start,
    weekly_summary,
)

__all__ = [
    "Profile",
    "ProfileConflict",
    "ProgressStore",
    "ProgressUnavailable",
    "ResumePoint",
    "RoutineRecord",
    "StoredProgress",
    "StretchReminder",
    "WeeklySummary",
    "apply_completed_routine",
    "current_streak",
    "read_window",
    "remembered_zone",
    "retry_on_conflict",
    "summary_window",
    "week_start",
    "weekly_summary",
]
