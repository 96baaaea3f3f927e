"""Command line: `backstretch serve` runs the skill behind a local HTTP endpoint (and, with
--no-verify, a simulator page at /); `backstretch chat` holds the conversation in a terminal."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import replace

from backstretch.local.chat import FAST_TIME_SCALE, Chat, ChatSettings
from backstretch.local.fake_alexa import FakeAlexaApi, LocalAlexaApi
from backstretch.local.simulator import Simulator
from backstretch.local.utterances import InteractionModel, UtteranceResolver
from backstretch.observability import configure_logging
from backstretch.progress.dynamodb import DynamoProgressStore, progress_client
from backstretch.progress.embedded import EmbeddedDynamoDB
from backstretch.progress.table import create_table_from_template
from backstretch.skill.config import SkillConfig
from backstretch.skill.service import BackStretchSkill
from backstretch.web.app import create_app, simulator_answer
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
    return parser.parse_args(argv)


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


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    config = SkillConfig.from_env()
    if args.command == "chat":
        # The conversation is the output here: only warnings go to the log, unless asked.
        configure_logging(os.environ.get("LOG_LEVEL", "WARNING").upper(), as_json=False)
        logging.getLogger("werkzeug").setLevel(logging.WARNING)  # embedded DynamoDB's requests
    else:
        configure_logging(config.log_level, as_json=False)
    config = replace(config, table_name=args.table)
    if args.command == "serve":
        config = replace(config, skill_id=args.skill_id or config.skill_id)
    with ExitStack() as resources:
        endpoint = args.dynamodb_endpoint
        if endpoint is None:
            embedded = EmbeddedDynamoDB(config.table_name, config.region)
            endpoint = resources.enter_context(embedded)
        elif args.create_table:
            client = progress_client(endpoint, config.region)
            create_table_from_template(client, config.table_name)
        config = replace(config, dynamodb_endpoint=endpoint)
        if args.command == "serve":
            serve(config, args, resources)
        else:
            chat(config, args, resources)


def serve(config: SkillConfig, args: argparse.Namespace, resources: ExitStack) -> None:
    verifier = None if args.no_verify else RequestVerifier()
    skill = BackStretchSkill(config)
    simulator = None
    if verifier is None:
        print(NO_VERIFY_WARNING, file=sys.stderr)
        # Only unverified: the page and its fake Alexa API are for one's own machine.
        fake = resources.enter_context(LocalAlexaApi())
        simulator = Simulator(
            simulator_answer(skill),
            fake,
            UtteranceResolver(InteractionModel.load()),
            _store(config),
            skill_id=config.skill_id,
        )
    app = create_app(skill, verifier, simulator)
    logger.info("progress in table %s at %s", config.table_name, config.dynamodb_endpoint)
    logger.info("Back Stretch Coach listening on http://%s:%d/alexa", args.host, args.port)
    if simulator is not None:
        logger.info(
            "simulator page at http://%s:%d/ (local fake Alexa API at %s)",
            args.host,
            args.port,
            simulator.api_endpoint,
        )
    app.run(host=args.host, port=args.port, threaded=True)


def chat(config: SkillConfig, args: argparse.Namespace, resources: ExitStack) -> None:
    fake: FakeAlexaApi = resources.enter_context(LocalAlexaApi())
    skill = BackStretchSkill(config)
    settings = ChatSettings(
        time_scale=FAST_TIME_SCALE if args.fast else 1.0,
        locale=args.locale,
        skill_id=config.skill_id or ChatSettings.skill_id,
        live_countdown=sys.stdout.isatty(),
    )
    resolver = UtteranceResolver(InteractionModel.load(args.locale))
    Chat(skill.handle_payload, fake, resolver, sys.stdout, settings).run(_reader())


def _reader() -> Callable[[str], str]:
    """input(), echoing what was read when it comes from a pipe rather than a person."""
    if sys.stdin.isatty():
        return input

    def read(prompt: str) -> str:
        line = input(prompt)
        print(line)
        return line

    return read


def _store(config: SkillConfig) -> DynamoProgressStore:
    client = progress_client(config.dynamodb_endpoint, config.region)
    return DynamoProgressStore(config.table_name, client)
