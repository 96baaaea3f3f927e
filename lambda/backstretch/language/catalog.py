"""A locale's content as one JSON object: its language's file, with the locale's overlay on top.

`<language>.json` holds every line; `<locale>.json`, where there is one, holds only what
differs there (en-GB's spelling, es-MX's words). An overlay's objects merge into the
language's key by key; a list of stretches takes an object keyed by stretch id; any other
value replaces the language's.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from backstretch.language.locales import Locale


def read_catalog(package: str, locale: Locale) -> dict[str, Any]:
    """`package`'s `content/<language>.json` with `content/<locale>.json` over it, if any."""
    folder = resources.files(package).joinpath("content")
    data: dict[str, Any] = json.loads(folder.joinpath(f"{locale.language}.json").read_text())
    overlay = folder.joinpath(f"{locale.tag}.json")
    if overlay.is_file():
        data = overlaid(data, json.loads(overlay.read_text()))
    return data


def overlaid(base: Any, overlay: Any) -> Any:
    """`base` with `overlay` merged in.

    >>> overlaid({"a": "x", "b": {"c": 1, "d": 2}}, {"b": {"d": 3}})
    {'a': 'x', 'b': {'c': 1, 'd': 3}}
    >>> overlaid([{"id": "lat", "name": "lat"}], {"lat": {"name": "lats"}})
    [{'id': 'lat', 'name': 'lats'}]
    """
    if isinstance(base, dict) and isinstance(overlay, dict):
        merged = dict(base)
        for key, value in overlay.items():
            merged[key] = overlaid(base[key], value) if key in base else value
        return merged
    if isinstance(base, list) and isinstance(overlay, dict):
        unknown = set(overlay) - {item.get("id") for item in base if isinstance(item, dict)}
        if unknown:
            raise KeyError(f"an overlay names items the language has not: {sorted(unknown)}")
        return [
            overlaid(item, overlay[item["id"]])
            if isinstance(item, dict) and item.get("id") in overlay
            else item
            for item in base
        ]
    return overlay
