"""What `backstretch serve` and `backstretch chat` do, once the command line is read
(`backstretch_local.cli`): the skill, its storage and the fake Alexa API, wired for local use."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from contextlib import ExitStack, suppress
from dataclasses import replace
from types import FrameType

from backstretch.observability import configure_logging
from backstretch.progress.dynamodb import DynamoProgressStore, progress_client
from backstretch.progress.outbox_sqs import outbox_client
from backstretch.skill.config import SkillConfig
from backstretch.skill.outbox_consumer import OutboxConsumer
from backstretch.skill.service import BackStretchSkill
from backstretch_local.chat import Chat, ChatSettings
from backstretch_local.cli import FAST_TIME_SCALE
from backstretch_local.device import Device, DeviceSettings
from backstretch_local.dynamodb import EmbeddedDynamoDB, local_aws_environment
from backstretch_local.fake_alexa import FakeAlexa
from backstretch_local.fake_alexa_https import trusted_fake_alexa
from backstretch_local.keyboard import TerminalKeyboard
from backstretch_local.outbox import OutboxPoller, create_outbox_from_template
from backstretch_local.simulator import Simulator
from backstretch_local.table import create_table_from_template
from backstretch_local.utterances import InteractionModel, UtteranceResolver
from backstretch_local.web.app import create_app
from backstretch_local.web.server import ServerSettings, serve_skill
from backstretch_local.web.verification import RequestVerifier

logger = logging.getLogger("backstretch")
DATA_FILE_NAME = "progress.json"  # in --data-dir: the embedded DynamoDB's items
OUTBOX_QUEUE_NAME = "backstretch-outbox"  # on the embedded moto, beside the table

NO_VERIFY_WARNING = """
  *** REQUEST VERIFICATION IS OFF ***
  Anyone who can reach this port can talk to the skill as any user.
  Use --no-verify only on your own machine, never behind a public tunnel.
"""


def run(args: argparse.Namespace) -> None:
    """Run `serve` or `chat` as parsed by `backstretch_local.cli`."""
    config = SkillConfig.from_env()
    if args.command == "chat":
        # The conversation is the output here: only warnings go to the log, unless asked.
        configure_logging(os.environ.get("LOG_LEVEL", "WARNING").upper(), as_json=False)
    else:
        configure_logging(config.log_level, as_json=False)
    config = replace(config, table_name=args.table)
    if args.command == "serve":
        config = replace(config, skill_id=args.skill_id or config.skill_id)
    # A `kill` (SIGTERM) leaves like Ctrl-C does, so the embedded DynamoDB still saves.
    signal.signal(signal.SIGTERM, _leave)
    with ExitStack() as resources:
        endpoint = args.dynamodb_endpoint
        if endpoint is None:
            os.environ.update(local_aws_environment(config.region))
            data_file = args.data_dir / DATA_FILE_NAME if args.data_dir else None
            embedded = EmbeddedDynamoDB(
                config.region, tables=[config.table_name], data_file=data_file
            )
            endpoint = resources.enter_context(embedded)
            if data_file is not None:
                logger.info("progress kept in %s between runs", data_file)
            if args.command == "serve":  # moto answers SQS too: the outbox, as deployed
                sqs = outbox_client(endpoint, config.region)
                queue_url = create_outbox_from_template(sqs, OUTBOX_QUEUE_NAME)
                config = replace(config, outbox_queue_url=queue_url, sqs_endpoint=endpoint)
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
    if config.outbox_queue_url:
        # Lambda's SQS trigger, played by a background thread: writes left in the outbox are
        # made as soon as the table takes them.
        consumer = OutboxConsumer.from_config(config)
        poller = OutboxPoller.on(
            config.sqs_endpoint, config.region, config.outbox_queue_url, consumer
        )
        poller.start()
        resources.callback(poller.stop)
    simulator = None
    if verifier is None:
        print(NO_VERIFY_WARNING, file=sys.stderr)
        # Only unverified: the page and its fake Alexa API are for one's own machine.
        fake = resources.enter_context(trusted_fake_alexa())
        simulator = Simulator(
            skill,
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
    # The same server either way: werkzeug's development server (what `--no-verify` ran
    # before) waits for a half-sent request for ever, and even one's own machine may be
    # reached by others when --host is not loopback.
    settings = ServerSettings(request_timeout_seconds=args.request_timeout)
    with suppress(KeyboardInterrupt):  # Ctrl-C before the server had begun
        serve_skill(app, args.host, args.port, settings)  # returns on SIGINT or SIGTERM
    logger.info("stopped")


def chat(config: SkillConfig, args: argparse.Namespace, resources: ExitStack) -> None:
    if args.fast:  # in process: no certificate to make, no socket between skill and fake
        fake = FakeAlexa()
        skill = BackStretchSkill(config, api=fake.in_process())
    else:  # over HTTPS: the skill's own client, as it reaches Alexa
        fake = resources.enter_context(trusted_fake_alexa())
        skill = BackStretchSkill(config)
    user = DeviceSettings(args.locale, skill_id=config.skill_id or DeviceSettings.skill_id)
    resolver = UtteranceResolver(InteractionModel.load(args.locale))
    terminal = sys.stdin.isatty()  # a person typing can cut in; lines from a pipe wait
    settings = ChatSettings(
        FAST_TIME_SCALE if args.fast else 1.0,
        live_countdown=sys.stdout.isatty(),
        cut_in=terminal and not args.fast,
    )
    Chat(Device(skill, fake, resolver, user), sys.stdout, settings, TerminalKeyboard()).run()


def _leave(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _store(config: SkillConfig) -> DynamoProgressStore:
    client = progress_client(config.dynamodb_endpoint, config.region)
    return DynamoProgressStore(config.table_name, client)
