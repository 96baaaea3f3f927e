"""Command line: `backstretch serve` runs the skill behind a local HTTP endpoint (and, with
--no-verify, a simulator page at /); `backstretch chat` holds the conversation in a terminal."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from importlib.util import find_spec
from pathlib import Path

from backstretch.skill.config import SkillConfig

# What the local tools import beyond the skill's runtime: the `local` extra.
LOCAL_EXTRA_MODULES = ("flask", "moto", "yaml", "cryptography", "certifi", "hypercorn", "a2wsgi")
FAST_TIME_SCALE = 1 / 20  # `chat --fast`: every break a twentieth of its length
REQUEST_TIMEOUT_SECONDS = 10  # `serve`: a request's head, then its body, each within half


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    missing = [name for name in LOCAL_EXTRA_MODULES if find_spec(name) is None]
    if missing:
        sys.exit(
            f"backstretch: the local tools need more than the skill: "
            f"pip install 'backstretch[local]' (missing: {', '.join(missing)})"
        )
    from backstretch_local.commands import run  # only now: it imports the extra

    run(args)


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
        "--request-timeout",
        type=_positive_seconds,
        default=REQUEST_TIMEOUT_SECONDS,
        metavar="SECONDS",
        help="read a whole request within this: its head within half of it (also how long a "
        "connection may sit idle), its body within the other half, or the connection is "
        "closed (default: %(default)s)",
    )
    _add_progress_options(serve)
    chat = commands.add_parser(
        "chat",
        help="talk to the skill in the terminal: type what you'd say, read what Alexa says",
        description="Type what you would say to Alexa; see what she would say, progressive "
        "responses as they arrive and every break played out. Ctrl-D or Ctrl-C to leave.",
    )
    chat.add_argument(
        "--fast",
        action="store_true",
        help=f"play breaks at 1/{round(1 / FAST_TIME_SCALE)} of their length",
    )
    chat.add_argument("--locale", default="en-US", help="interaction model and content locale")
    _add_progress_options(chat)
    args = parser.parse_args(argv)
    if args.data_dir is not None and args.dynamodb_endpoint is not None:
        parser.error(
            "--data-dir keeps the embedded DynamoDB's progress; with --dynamodb-endpoint "
            "(or DYNAMODB_ENDPOINT) progress is kept in that DynamoDB already"
        )
    return args


def _positive_seconds(value: str) -> int:
    seconds = int(value)
    if seconds < 1:
        raise argparse.ArgumentTypeError("must be a whole number of seconds, 1 or more")
    return seconds


def _add_progress_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--dynamodb-endpoint",
        default=os.environ.get("DYNAMODB_ENDPOINT"),
        help="DynamoDB to keep progress in (DynamoDB Local, LocalStack, AWS); "
        "default: an embedded one, in memory",
    )
    command.add_argument(
        "--table",
        default=os.environ.get("PROGRESS_TABLE", SkillConfig.table_name),
        help="progress table name (default: %(default)s)",
    )
    command.add_argument(
        "--create-table",
        action="store_true",
        help="create the table from infra/template.yaml on --dynamodb-endpoint first",
    )
    command.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="keep the embedded DynamoDB's progress in this folder between runs "
        "(loaded at start, saved on exit); default: nothing kept",
    )
