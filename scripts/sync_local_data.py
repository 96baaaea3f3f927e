"""Copy the interaction models and infra/template.yaml into the local package, as data.

    python scripts/sync_local_data.py          # or: make sync-data

`backstretch` must run from any folder once installed, with nothing from the clone, so the
local package carries copies of what it reads: the interaction models (to resolve phrases),
the phrase corpus (to measure that) and the template (to build the progress table).
skill-package/, corpus/ and infra/ stay the one source of truth; tests/e2e/test_packaging.py
fails, naming this script, when a copy is stale.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "local" / "backstretch_local" / "data"
MODELS = ROOT / "skill-package" / "interactionModels" / "custom"
TEMPLATE = ROOT / "infra" / "template.yaml"
CORPUS = ROOT / "corpus"


def copies() -> dict[Path, Path]:
    """Each source in the repository, and where its packaged copy lives."""
    pairs = {TEMPLATE: DATA / "template.yaml"}
    for model in sorted(MODELS.glob("*.json")):
        pairs[model] = DATA / "interactionModels" / model.name
    for phrases in sorted(CORPUS.glob("*.txt")):
        pairs[phrases] = DATA / "corpus" / phrases.name
    return pairs


def stale() -> list[Path]:
    """Packaged copies that differ from their source, are missing, or have no source left."""
    pairs = copies()
    wrong = [copy for source, copy in pairs.items() if _bytes(copy) != source.read_bytes()]
    orphans = [p for p in DATA.rglob("*") if p.is_file() and p not in pairs.values()]
    return sorted(wrong + orphans)


def sync() -> list[Path]:
    """Make every copy equal its source, remove orphans; return what changed."""
    changed = stale()
    if DATA.exists():
        for path in DATA.rglob("*"):
            if path.is_file() and path not in copies().values():
                path.unlink()
    for source, copy in copies().items():
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, copy)
    return changed


def _bytes(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


if __name__ == "__main__":
    for path in sync():
        print(f"updated {path.relative_to(ROOT)}")
    sys.exit(0)
