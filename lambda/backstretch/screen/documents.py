"""The APL documents a screen is sent, read once per process and never changed.

Each document is a JSON file beside this module, validated offline by apl-suggester in the
tests (tests/e2e/test_screen_documents.py). A document is sent to a device only when the APL
version it declares is within what the device says it runs.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

STEP_TOKEN = "step"  # noqa: S105 - the name of a screen, not a secret
WEEK_TOKEN = "week"  # noqa: S105
TOKENS = (STEP_TOKEN, WEEK_TOKEN)
DOCUMENT_VERSION = "2024.2"
# The step document's countdown, as ExecuteCommands reaches it: the component and its flag.
COUNTDOWN_COMPONENT = "screen"
PAUSED_FLAG = "paused"


def document(token: str) -> dict[str, Any]:
    """The document a token names, loaded once; callers must not change it.

    >>> document(STEP_TOKEN)["version"] == DOCUMENT_VERSION
    True
    """
    if token not in TOKENS:
        raise KeyError(f"no screen document named {token!r}")
    loaded: dict[str, Any] = packaged_json("documents", token)
    return loaded


@cache
def packaged_json(folder: str, name: str) -> Any:
    """A JSON file of this package (``folder/name.json``), read once per process."""
    return json.loads(
        resources.files("backstretch.screen").joinpath(folder, f"{name}.json").read_text()
    )


def runs(max_version: str | None, needed: str = DOCUMENT_VERSION) -> bool:
    """Whether a device whose APL runtime goes up to `max_version` can show a document of
    version `needed` ("1.9" < "2022.1" < "2024.2"); an unreadable version is not trusted.

    >>> runs("2024.2"), runs("2023.3"), runs("2024.10"), runs(None), runs("latest")
    (True, False, True, False, False)
    """
    have, want = _version(max_version), _version(needed)
    return have is not None and want is not None and have >= want


def _version(text: str | None) -> tuple[int, ...] | None:
    try:
        return tuple(int(part) for part in (text or "").split("."))
    except ValueError:
        return None
