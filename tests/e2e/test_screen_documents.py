"""Every APL document the skill sends passes apl-suggester (npm), Amazon's offline validator,
through tests/e2e/apl_validate.js. Needs node and `npm ci`; skipped without them, except under
CI, where that is a failure."""

from __future__ import annotations

import json
from pathlib import Path

from backstretch.screen.documents import TOKENS, document
from tests.e2e.test_e2e import REPO, node_or_skip, run_node

VALIDATE_SCRIPT = REPO / "tests/e2e/apl_validate.js"
DOCUMENTS = REPO / "lambda/backstretch/screen/documents"


def test_every_document_passes_apl_suggester() -> None:
    node = node_or_skip("apl-suggester")
    files = sorted(DOCUMENTS.glob("*.json"))
    assert [f.stem for f in files] == sorted(TOKENS)

    code, report, stderr = run_node(node, VALIDATE_SCRIPT, *map(str, files))

    assert report == {str(f): [] for f in files}, stderr
    assert code == 0


def test_the_validator_finds_what_is_wrong(tmp_path: Path) -> None:
    """The check above can fail: a step document with a wrong value is refused."""
    node = node_or_skip("apl-suggester")
    broken = json.loads(json.dumps(document("step")))
    broken["mainTemplate"]["item"]["items"][0]["textAlign"] = "middle"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken))

    code, report, _ = run_node(node, VALIDATE_SCRIPT, str(path))

    assert code == 1
    assert [f["path"] for f in report[str(path)]] == ["/mainTemplate/item/items/0/textAlign"]
