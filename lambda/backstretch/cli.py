"""Command line: `backstretch serve` runs the skill behind a local HTTP endpoint."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import replace

from backstretch.observability import configure_logging
from backstretch.progress.dynamodb import progress_client
from backstretch.progress.embedded import EmbeddedDynamoDB
from backstretch.progress.table import create_table_from_template
from backstretch.skill.config import SkillConfig
from backstretch.skill.service import BackStretchSkill
from backstretch.web.app import create_app
from backstretch.web.verification import RequestVerifier

logger = logging.getLogger("backstretch")

NO_VERIFY_WARNING = """
  *** REQUEST VERIFICATION IS OFF ***
  Anyone who can reach this port can talk to the skill as any user.
  Use --no-verify only on your own machine, never behind a public tunnel.
"""


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="backstretch",
        description=__doc__,
        epilog="To try it locally with unsigned requests: backstretch serve --no-verify "
        "(never behind a public tunnel). See backstretch serve --help for every option.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the skill at POST /alexa")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument(
        "--no-verify",
        action="store_true",
        help="skip Alexa request signature checks (local testing only)",
    )
    serve.add_argument("--skill-id", help="only answer requests for this skill id")
    serve.add_argument(
        "--dynamodb-endpoint",
        default=os.environ.get("DYNAMODB_ENDPOINT"),
        help="DynamoDB to keep progress in (DynamoDB Local, LocalStack, AWS); "
        "default: an embedded one, in memory",
    )
    serve.add_argument(
        "--table",
        default=os.environ.get("PROGRESS_TABLE", SkillConfig.table_name),
        help="progress table name (default: %(default)s)",
    )
    serve.add_argument(
        "--create-table",
        action="store_true",
        help="create the table from infra/template.yaml on --dynamodb-endpoint first",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    config = SkillConfig.from_env()
    configure_logging(config.log_level, as_json=False)
    if args.command == "serve":
        config = replace(config, skill_id=args.skill_id or config.skill_id, table_name=args.table)
        with ExitStack() as resources:
            endpoint = args.dynamodb_endpoint
            if endpoint is None:
                embedded = EmbeddedDynamoDB(config.table_name, config.region)
                endpoint = resources.enter_context(embedded)
            elif args.create_table:
                client = progress_client(endpoint, config.region)
                create_table_from_template(client, config.table_name)
            serve(replace(config, dynamodb_endpoint=endpoint), args)


def serve(config: SkillConfig, args: argparse.Namespace) -> None:
    verifier = None if args.no_verify else RequestVerifier()
    if verifier is None:
        print(NO_VERIFY_WARNING, file=sys.stderr)
    app = create_app(BackStretchSkill(config), verifier)
    logger.info("progress in table %s at %s", config.table_name, config.dynamodb_endpoint)
    logger.info("Back Stretch Coach listening on http://%s:%d/alexa", args.host, args.port)
    app.run(host=args.host, port=args.port, threaded=True)
