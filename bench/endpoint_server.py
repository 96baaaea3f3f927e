"""A child process serving the skill's Flask endpoint as `backstretch serve` does, but trusting
a local CA instead of Amazon's, so that signed requests can be verified on this machine.

`backstretch serve` has no option for another root or certificate source; this builds the same
app (``create_app``) with a ``RequestVerifier`` trusting the job's root and serves it,
verification on or off, with the server and settings `backstretch serve` uses with
verification on (Hypercorn: ``SkillServer``), so the two modes differ by verification
alone. It prints ``port N`` once listening, serves until its standard input closes, then
writes how many times the certificate chain was fetched.

    python -m bench.endpoint_server JOB.json STATS.json
"""

from __future__ import annotations

import sys
import threading
from dataclasses import replace
from typing import Any

from backstretch.observability import configure_logging
from backstretch.skill.config import SkillConfig
from backstretch.skill.service import BackStretchSkill
from backstretch_local.alexa_signing import ChainSource
from backstretch_local.web.app import create_app
from backstretch_local.web.server import ServerSettings, SkillServer
from backstretch_local.web.verification import RequestVerifier, VerifierConfig
from bench.child import child_main


def serve(job: dict[str, Any]) -> dict[str, Any]:
    config = replace(
        SkillConfig.from_env(),
        skill_id=job["skill_id"],
        table_name=job["table"],
        dynamodb_endpoint=job["dynamodb_endpoint"],
    )
    configure_logging(config.log_level, as_json=False)  # as `backstretch serve` does
    source = ChainSource(job["cert_url"], job["chain"].encode()) if job["verify"] else None
    verifier = None
    if source:
        roots = VerifierConfig(trusted_roots_pem=job["root"].encode())
        verifier = RequestVerifier(roots, fetch_certificate=source)
    server = SkillServer(
        create_app(BackStretchSkill(config), verifier), "127.0.0.1", 0, ServerSettings()
    )
    threading.Thread(target=server.run, name="endpoint", daemon=True).start()
    print(f"port {server.port}", flush=True)
    sys.stdin.read()  # until the benchmark closes our standard input
    # The server thread is a daemon: it ends with this process, once the stats are written.
    return {"certificate_fetches": source.fetches if source else 0}


if __name__ == "__main__":
    raise SystemExit(child_main(serve))
