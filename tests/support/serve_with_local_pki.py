"""`backstretch serve`, whole, trusting a local Alexa PKI instead of Amazon's: for tests that
send signed requests to a real serve process without leaving the machine.

`backstretch serve` has no option for another root or certificate source (on purpose); this
runs the same command line (`backstretch_local.cli.main`) with its `RequestVerifier` made to
trust ``ROOT`` and to find the chain ``CHAIN`` at ``CERT_URL``, as the benchmark's endpoint
server does. Everything else (the server, its settings, the log) is `backstretch serve`'s.

    python -m tests.support.serve_with_local_pki ROOT CHAIN CERT_URL serve --port 8080 --skill-id ID
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from functools import partial
from pathlib import Path

import pytest

from backstretch_local import commands
from backstretch_local.alexa_signing import ChainSource
from backstretch_local.cli import main as backstretch
from backstretch_local.web.verification import RequestVerifier, VerifierConfig


def main(argv: Sequence[str]) -> None:
    root, chain, cert_url, *command = argv
    config = VerifierConfig(trusted_roots_pem=Path(root).read_bytes())
    source = ChainSource(cert_url, Path(chain).read_bytes())
    trusting = partial(RequestVerifier, config, fetch_certificate=source)
    pytest.MonkeyPatch().setattr(commands, "RequestVerifier", trusting)
    backstretch(command)


if __name__ == "__main__":
    main(sys.argv[1:])
