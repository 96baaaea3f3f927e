"""What `ask deploy` puts together agrees with itself: ask-resources.json, the skill manifest,
the interaction model, the infrastructure template, the bundle script and the code.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope

import lambda_function
from backstretch.routine.content import content_locale
from backstretch.skill.config import SkillConfig
from backstretch.skill.events import INTENT_EVENTS
from backstretch.skill.handlers import SkillDisabledHandler
from backstretch.skill.reminder_handler import REMINDER_INTENTS
from backstretch_local.table import load_template
from scripts import package_lambda
from tests.support.envelopes import AlexaConversation

ROOT = Path(__file__).resolve().parents[2]
# Parameters the ASK CLI's cfn-deployer fills in itself; ask-resources.json may not set them.
ASK_CLI_PARAMETERS = {
    "SkillId",
    "SkillClientId",
    "SkillClientSecret",
    "LambdaRuntime",
    "LambdaHandler",
    "CodeBucket",
    "CodeKey",
    "CodeVersion",
}
# Skill event subscriptions, and the request type Alexa sends for each.
EVENT_REQUEST_TYPES = {
    "SKILL_ENABLED": "AlexaSkillEvent.SkillEnabled",
    "SKILL_DISABLED": "AlexaSkillEvent.SkillDisabled",
    "SKILL_PERMISSION_ACCEPTED": "AlexaSkillEvent.SkillPermissionAccepted",
    "SKILL_PERMISSION_CHANGED": "AlexaSkillEvent.SkillPermissionChanged",
    "SKILL_ACCOUNT_LINKED": "AlexaSkillEvent.SkillAccountLinked",
}


@cache
def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def ask_profile() -> dict[str, Any]:
    resources = _json(ROOT / "ask-resources.json")
    assert resources["askcliResourcesVersion"] == "2020-03-31"
    profile: dict[str, Any] = resources["profiles"]["default"]
    return profile


def user_config() -> dict[str, Any]:
    infrastructure = ask_profile()["skillInfrastructure"]
    assert infrastructure["type"] == "@ask-cli/cfn-deployer"
    config: dict[str, Any] = infrastructure["userConfig"]
    return config


def skill_package() -> Path:
    return ROOT / ask_profile()["skillMetadata"]["src"]


def manifest() -> dict[str, Any]:
    loaded: dict[str, Any] = _json(skill_package() / "skill.json")["manifest"]
    return loaded


def template() -> dict[str, Any]:
    # The cfn-deployer reads templatePath relative to where `ask deploy` runs: the repo root.
    return load_template(ROOT / user_config()["templatePath"])


def function_properties() -> dict[str, Any]:
    properties: dict[str, Any] = template()["Resources"]["SkillFunction"]["Properties"]
    return properties


def pinned(parameter: str) -> str:
    """The one value a template parameter accepts (and defaults to)."""
    declared = template()["Parameters"][parameter]
    assert declared["AllowedValues"] == [declared["Default"]]
    return str(declared["Default"])


def model_intents(locale: str) -> set[str]:
    model = _json(skill_package() / "interactionModels" / "custom" / f"{locale}.json")
    return {intent["name"] for intent in model["interactionModel"]["languageModel"]["intents"]}


# --- ask-resources.json -----------------------------------------------------------------


def test_ask_resources_point_at_this_repo() -> None:
    profile = ask_profile()
    assert (skill_package() / "skill.json").is_file()
    code = ROOT / profile["code"]["default"]["src"]
    assert (code / "lambda_function.py").is_file()
    assert (code / "requirements.txt").is_file(), "the ASK CLI builds Python from it"
    assert (ROOT / user_config()["templatePath"]).resolve() == ROOT / "infra" / "template.yaml"


def test_cfn_deployer_can_create_this_stack() -> None:
    config = user_config()
    capabilities = set(config["cfn"]["capabilities"])
    assert "CAPABILITY_IAM" in capabilities  # the template creates a role
    if "Transform" in template():
        # The deployer calls CreateStack/UpdateStack directly; a transform needs this.
        assert "CAPABILITY_AUTO_EXPAND" in capabilities
    declared = template()["Parameters"]
    given = config["cfn"]["parameters"]
    assert not set(given) & ASK_CLI_PARAMETERS, "the cfn-deployer refuses these"
    assert set(given) <= set(declared)
    for name, value in given.items():
        rule = declared[name]
        assert value in rule.get("AllowedValues", [value]), (name, value)
        assert re.fullmatch(rule.get("AllowedPattern", ".*"), value), (name, value)
    unset = {name for name, rule in declared.items() if "Default" not in rule}
    assert unset <= ASK_CLI_PARAMETERS | set(given), "every parameter without a default is given"


def test_handler_runtime_and_platform_agree() -> None:
    config = user_config()
    assert config["handler"] == pinned("LambdaHandler")
    assert function_properties()["Handler"] == {"Ref": "LambdaHandler"}
    module, function = config["handler"].split(".")
    assert module == lambda_function.__name__
    assert callable(getattr(lambda_function, function))

    assert config["runtime"] == pinned("LambdaRuntime")
    assert config["runtime"] == f"python{package_lambda.PYTHON_VERSION}"
    (architecture,) = function_properties()["Architectures"]
    assert package_lambda.WHEEL_PLATFORM.endswith(f"_{architecture}")


# --- skill.json -------------------------------------------------------------------------


def test_custom_and_events_endpoints_are_the_function() -> None:
    custom = manifest()["apis"]["custom"]["endpoint"]["uri"]
    events = manifest()["events"]["endpoint"]["uri"]
    assert custom == events
    found = re.fullmatch(r"arn:aws:lambda:([a-z0-9-]+):\d{12}:function:([A-Za-z0-9_-]+)", custom)
    assert found, custom
    region, name = found.groups()
    assert region == user_config()["awsRegion"]
    # The name the template gives the function, for some stage.
    stage = template()["Parameters"]["Stage"]["AllowedPattern"].strip("^$")
    pattern = function_properties()["FunctionName"]["Fn::Sub"].replace("${Stage}", stage)
    assert re.fullmatch(pattern, name), (name, pattern)


def test_every_event_subscription_has_a_handler() -> None:
    subscriptions = [s["eventName"] for s in manifest()["events"]["subscriptions"]]
    assert "SKILL_DISABLED" in subscriptions, "disabling the skill must delete the person's data"
    # `ask deploy` rewrites the subscriptions (and the events endpoint) from ask-resources.json.
    assert user_config()["skillEvents"]["subscriptions"] == subscriptions
    handlers = {"AlexaSkillEvent.SkillDisabled": SkillDisabledHandler(store=None)}  # type: ignore[arg-type]
    for name in subscriptions:
        request_type = EVENT_REQUEST_TYPES[name]
        assert request_type in handlers, f"{name} is subscribed but nothing handles it"
        envelope = AlexaConversation().envelope(
            {"type": request_type, "eventCreationTime": "2026-01-05T10:00:00Z"},
            with_session=False,
        )
        request = DefaultSerializer().deserialize(json.dumps(envelope), RequestEnvelope)
        assert handlers[request_type].can_handle(HandlerInput(request_envelope=request))


def test_published_locales_have_a_model_and_content() -> None:
    published = set(manifest()["publishingInformation"]["locales"])
    models = {p.stem for p in (skill_package() / "interactionModels" / "custom").glob("*.json")}
    assert published == models, "a published locale needs its interaction model, and back"
    assert set(manifest()["privacyAndCompliance"]["locales"]) <= published
    for locale in published:
        assert content_locale(locale) == locale, f"{locale} is published but not written"


def test_the_model_declares_only_intents_the_code_handles_and_every_custom_one() -> None:
    handled = set(INTENT_EVENTS) | set(REMINDER_INTENTS)
    for locale in manifest()["publishingInformation"]["locales"]:
        declared = model_intents(locale)
        assert declared <= handled, f"{locale}: nothing handles {declared - handled}"
        custom = {name for name in handled if not name.startswith("AMAZON.")}
        assert custom <= declared, f"{locale}: the model lacks {custom - declared}"


# --- the function's environment ---------------------------------------------------------


def test_the_template_sets_what_the_code_reads() -> None:
    variables = set(function_properties()["Environment"]["Variables"])
    assert {"PROGRESS_TABLE", "SKILL_ID", "LOG_LEVEL"} <= variables
    default = SkillConfig.from_env({})
    for name in sorted(variables):
        value = "ERROR" if name == "LOG_LEVEL" else f"sentinel-{name.lower()}"
        assert SkillConfig.from_env({name: value}) != default, f"the code never reads {name}"


def test_every_english_model_is_the_en_us_model() -> None:
    """The English locales share one routine and one model; copies must not drift apart."""
    models = ROOT / "skill-package" / "interactionModels" / "custom"
    reference = json.loads((models / "en-US.json").read_text())
    copies = sorted(models.glob("en-*.json"))
    assert len(copies) >= 5
    for copy in copies:
        assert json.loads(copy.read_text()) == reference, copy.name
