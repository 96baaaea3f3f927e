"""The reference skill: built the way Amazon's Python samples build one, for the benchmark.

A launch handler and one intent ("next" counts a stretch) that read the person's persistent
attributes, change them and save them through ask-sdk's DynamoDB persistence adapter, which
keeps one ``attributes`` blob per user under the key ``id``. Like the samples, it creates its
boto3 resource at import and hands ``sb.lambda_handler()`` to Lambda.
"""

import logging
import os
from decimal import Decimal
from typing import Any

import boto3
from ask_sdk_core.dispatch_components import (
    AbstractExceptionHandler,
    AbstractRequestHandler,
    AbstractRequestInterceptor,
    AbstractResponseInterceptor,
)
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.skill_builder import CustomSkillBuilder
from ask_sdk_core.utils import is_intent_name, is_request_type
from ask_sdk_dynamodb.adapter import DynamoDbAdapter
from ask_sdk_model import Response

logger = logging.getLogger(__name__)
logger.setLevel(logging.INFO)

# The Alexa-hosted skill template's names; DYNAMODB_ENDPOINT points it at a local DynamoDB.
ddb_region = os.environ.get("DYNAMODB_PERSISTENCE_REGION")
ddb_table_name = os.environ.get("DYNAMODB_PERSISTENCE_TABLE_NAME", "reference-attributes")
ddb_resource = boto3.resource(
    "dynamodb", region_name=ddb_region, endpoint_url=os.environ.get("DYNAMODB_ENDPOINT")
)

sb = CustomSkillBuilder(
    persistence_adapter=DynamoDbAdapter(
        table_name=ddb_table_name, create_table=False, dynamodb_resource=ddb_resource
    )
)


def _count(attr: dict[str, Any], name: str) -> int:
    # The resource hands numbers back as Decimal.
    value = attr.get(name, 0)
    return int(value) if isinstance(value, int | Decimal) else 0


class LaunchRequestHandler(AbstractRequestHandler):
    """Welcome the person, counting their visits."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_request_type("LaunchRequest")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        attributes_manager = handler_input.attributes_manager
        attr = attributes_manager.persistent_attributes
        visits = _count(attr, "visits") + 1
        attr["visits"] = visits
        attr.setdefault("stretches", 0)
        attributes_manager.persistent_attributes = attr
        attributes_manager.save_persistent_attributes()

        if visits == 1:
            speech = "Welcome to the stretch counter. Say next after each stretch."
        else:
            speech = f"Welcome back. This is visit {visits}. Say next after each stretch."
        handler_input.response_builder.speak(speech).ask("Say next when you're done.")
        return handler_input.response_builder.response


class CountIntentHandler(AbstractRequestHandler):
    """AMAZON.NextIntent: one more stretch done."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_intent_name("AMAZON.NextIntent")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        attributes_manager = handler_input.attributes_manager
        attr = attributes_manager.persistent_attributes
        stretches = _count(attr, "stretches") + 1
        attr["stretches"] = stretches
        attr["last_stretch"] = str(getattr(handler_input.request_envelope.request, "timestamp", ""))
        attributes_manager.persistent_attributes = attr
        attributes_manager.save_persistent_attributes()

        speech = f"Nice work. That's {stretches} stretches so far. Say next for another."
        handler_input.response_builder.speak(speech).ask("Say next when you're done.")
        return handler_input.response_builder.response


class SessionEndedRequestHandler(AbstractRequestHandler):
    """The session ended: nothing to say."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_request_type("SessionEndedRequest")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        return handler_input.response_builder.response


class CatchAllExceptionHandler(AbstractExceptionHandler):
    """Anything unexpected: apologise and keep the session open."""

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        logger.error(exception, exc_info=True)
        speech = "Sorry, I had trouble doing what you asked. Please try again."
        handler_input.response_builder.speak(speech).ask(speech)
        return handler_input.response_builder.response


class RequestLogger(AbstractRequestInterceptor):
    """Log the request envelope (debug)."""

    def process(self, handler_input: HandlerInput) -> None:
        logger.debug("Alexa Request: %s", handler_input.request_envelope.request)


class ResponseLogger(AbstractResponseInterceptor):
    """Log the response (debug)."""

    def process(self, handler_input: HandlerInput, response: Response) -> None:
        logger.debug("Alexa Response: %s", response)


sb.add_request_handler(LaunchRequestHandler())
sb.add_request_handler(CountIntentHandler())
sb.add_request_handler(SessionEndedRequestHandler())
sb.add_exception_handler(CatchAllExceptionHandler())
sb.add_global_request_interceptor(RequestLogger())
sb.add_global_response_interceptor(ResponseLogger())

lambda_handler = sb.lambda_handler()
