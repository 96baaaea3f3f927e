"""A child process serving the skill's Flask endpoint as `backstretch serve` does, but trusting
a local CA instead of Amazon's, so that signed requests can be verified on this machine.

`backstretch serve` has no option for another root or certificate source; this builds the same
app (``create_app``) with ``RequestVerifier(VerifierConfig(trusted_roots_pem=...),
fetch_certificate=...)`` and serves it, verification on or off, with the server and settings
`backstretch serve` uses with verification on (waitress: ``verified_server``), so the two
modes differ by verification alone. It prints ``port N`` once listening, serves until its
standard input closes, then writes how many times the certificate chain was fetched.

    python -m bench.endpoint_server --dynamodb-endpoint URL --table T --skill-id ID \
        --verify --root root.pem --chain chain.pem --cert-url URL --stats stats.json
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from backstretch.observability import configure_logging
from backstretch.skill.config import SkillConfig
from backstretch.skill.service import BackStretchSkill
from backstretch_local.alexa_signing import ChainSource
from backstretch_local.web.app import create_app
from backstretch_local.web.server import ServerSettings, verified_server
from backstretch_local.web.verification import RequestVerifier, VerifierConfig


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.endpoint_server")
    parser.add_argument("--dynamodb-endpoint", required=True)
    parser.add_argument("--table", required=True)
    parser.add_argument("--skill-id", required=True)
    parser.add_argument("--verify", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--root", type=Path, help="PEM of the root CA to trust")
    parser.add_argument("--chain", type=Path, help="PEM chain served at --cert-url")
    parser.add_argument("--cert-url")
    parser.add_argument("--stats", type=Path, required=True)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    config = replace(
        SkillConfig.from_env(),
        skill_id=args.skill_id,
        table_name=args.table,
        dynamodb_endpoint=args.dynamodb_endpoint,
    )
    configure_logging(config.log_level, as_json=False)  # as `backstretch serve` does
    source: ChainSource | None = None
    verifier: RequestVerifier | None = None
    if args.verify:
        source = ChainSource(args.cert_url, args.chain.read_bytes())
        verifier = RequestVerifier(
            VerifierConfig(trusted_roots_pem=args.root.read_bytes()), fetch_certificate=source
        )
    app = create_app(BackStretchSkill(config), verifier)
    server = verified_server(app, "127.0.0.1", 0, ServerSettings())
    serving = threading.Thread(target=server.run, name="endpoint", daemon=True)
    serving.start()
    print(f"port {server.getsockname()[1]}", flush=True)
    sys.stdin.read()  # until the benchmark closes our standard input
    # The server thread is a daemon: it ends with this process, once the stats are written.
    stats = {"certificate_fetches": source.fetches if source else 0}
    args.stats.write_text(json.dumps(stats), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
