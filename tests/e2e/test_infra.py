"""infra/template.yaml, checked offline: cfn-lint, checkov, SAM's own transform, and what the
template grants and restricts.

The tools live in their own virtualenv, .venv-iac (their pins clash with the app's), which
`make test` installs. Without it these tests skip locally and fail in CI.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from backstretch_local.table import load_template

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "infra" / "template.yaml"
IAC_BIN = ROOT / ".venv-iac" / "bin"

# The DynamoDB actions the progress store really makes (progress/dynamodb.py), written out:
# GetItem (load_profile), PutItem (save_profile, and each Put of the TransactWriteItems that
# finishes or stops a routine: IAM authorises a transaction per item), Query (load_progress,
# delete_user) and BatchWriteItem (delete_user). Nothing else: no Scan, no UpdateItem.
STORE_DYNAMODB_ACTIONS = {
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:Query",
    "dynamodb:BatchWriteItem",
}
# The outbox's consumer only reads a profile and makes the turn's conditional writes
# (backstretch.coaching.outbox.make_owed_write): GetItem, and PutItem (TransactWriteItems).
OUTBOX_DYNAMODB_ACTIONS = {"dynamodb:GetItem", "dynamodb:PutItem"}
# What Lambda's SQS event source mapping needs of the consumer's role, and nothing more.
OUTBOX_SQS_ACTIONS = {"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"}
ALEXA_BUDGET_SECONDS = 8

# Runs with .venv-iac's interpreter: SAM's transform as CloudFormation runs it, no AWS call
# (the template names no managed policy, so no policy list is needed).
SAM_TRANSFORM = r"""
import json, sys
from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse

class NoManagedPolicies:
    def load(self):
        return {}

with open(sys.argv[1], encoding="utf-8") as template:
    print(json.dumps(transform(yaml_parse(template.read()), {}, NoManagedPolicies())))
"""


def iac_tool(name: str) -> Path:
    """A tool from .venv-iac: a skip on a developer's machine without it, a failure in CI."""
    path = IAC_BIN / name
    if path.exists():
        return path
    message = (
        f"{path.relative_to(ROOT)} is missing: `make test` installs cfn-lint, checkov and "
        "aws-sam-translator into .venv-iac"
    )
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def run_tool(*command: str | Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "AWS_DEFAULT_REGION": "us-east-1"}
    return subprocess.run(
        [str(part) for part in command],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=ROOT,
        env=environment,
    )


@pytest.fixture(scope="module")
def template() -> dict[str, Any]:
    return load_template(TEMPLATE)


@pytest.fixture(scope="module")
def transformed() -> dict[str, Any]:
    """The template after SAM's transform: what CloudFormation really creates."""
    result = run_tool(iac_tool("python"), "-c", SAM_TRANSFORM, TEMPLATE)
    assert result.returncode == 0, f"SAM transform failed:\n{result.stderr}"
    loaded: dict[str, Any] = json.loads(result.stdout)
    return loaded


def resources_of_type(template: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    return {name: r for name, r in template["Resources"].items() if r["Type"] == kind}


def statements(role: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        statement
        for policy in role["Properties"]["Policies"]
        for statement in policy["PolicyDocument"]["Statement"]
    ]


def as_list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else value


# --- the tools --------------------------------------------------------------------------


def deployed_regions() -> list[str]:
    """The AWS regions `ask deploy` deploys the template to (ask-resources.json)."""
    resources = json.loads((ROOT / "ask-resources.json").read_text(encoding="utf-8"))
    config = resources["profiles"]["default"]["skillInfrastructure"]["userConfig"]
    overrides = config.get("regionalOverrides", {})
    return [config["awsRegion"], *(override["awsRegion"] for override in overrides.values())]


def test_cfn_lint_is_clean_in_every_region_the_skill_is_deployed_to() -> None:
    regions = deployed_regions()
    assert sorted(regions) == ["eu-west-1", "us-east-1", "us-west-2"]
    result = run_tool(iac_tool("cfn-lint"), "--regions", *regions, "--", TEMPLATE)
    assert result.returncode == 0, f"cfn-lint:\n{result.stdout}{result.stderr}"


def test_checkov_is_clean_and_every_skip_is_one_the_template_justifies(
    template: dict[str, Any],
) -> None:
    result = run_tool(
        iac_tool("checkov"),
        "--skip-download",  # otherwise it calls out to an outside service
        "--framework",
        "cloudformation",
        "--output",
        "json",
        "--file",
        TEMPLATE,
    )
    report = json.loads(result.stdout)
    summary = report["summary"]
    failed = [(c["check_id"], c["resource"]) for c in report["results"]["failed_checks"]]
    assert result.returncode == 0 and summary["failed"] == 0, f"checkov failed: {failed}"
    assert summary["parsing_errors"] == 0
    assert summary["passed"] >= 10, "checkov ran its checks"

    skipped = {
        (c["check_id"], c["resource"].split(".")[-1]) for c in report["results"]["skipped_checks"]
    }
    declared = {
        (skip["id"], name)
        for name, resource in template["Resources"].items()
        for skip in resource.get("Metadata", {}).get("checkov", {}).get("skip", [])
    }
    assert skipped == declared, "every suppression is used, and used where it is declared"


def test_every_checkov_suppression_says_why(template: dict[str, Any]) -> None:
    skips = [
        (name, skip)
        for name, resource in template["Resources"].items()
        for skip in resource.get("Metadata", {}).get("checkov", {}).get("skip", [])
    ]
    assert skips
    for name, skip in skips:
        assert re.fullmatch(r"CKV_AWS_\d+", skip["id"]), (name, skip)
        assert len(skip.get("comment", "").split()) >= 12, f"{name} {skip['id']}: say why"


def test_sam_transform_gives_the_restricted_alexa_trigger(transformed: dict[str, Any]) -> None:
    permissions = resources_of_type(transformed, "AWS::Lambda::Permission")
    assert len(permissions) == 1, permissions
    (permission,) = permissions.values()
    assert permission["Properties"] == {
        "Action": "lambda:InvokeFunction",
        "FunctionName": {"Ref": "SkillFunction"},
        "Principal": "alexa-appkit.amazon.com",
        "EventSourceToken": {"Ref": "SkillId"},
    }


def test_sam_transform_keeps_one_role_and_a_versioned_code_location(
    transformed: dict[str, Any],
) -> None:
    # SAM adds a role of its own (with a managed policy writing to every log group) unless the
    # function names one: only ours may exist.
    roles = set(resources_of_type(transformed, "AWS::IAM::Role"))
    assert roles == {"SkillFunctionRole", "OutboxFunctionRole"}
    function = transformed["Resources"]["SkillFunction"]
    assert function["Type"] == "AWS::Lambda::Function"
    assert function["Properties"]["Code"] == {
        "S3Bucket": {"Ref": "CodeBucket"},
        "S3Key": {"Ref": "CodeKey"},
        "S3ObjectVersion": {"Ref": "CodeVersion"},
    }
    assert "ManagedPolicyArns" not in transformed["Resources"]["SkillFunctionRole"]["Properties"]


def test_sam_transform_rejects_a_misspelled_event_type(tmp_path: Path) -> None:
    """cfn-lint lets this through; the transform is the check that catches it."""
    broken = tmp_path / "template.yaml"
    broken.write_text(
        TEMPLATE.read_text(encoding="utf-8").replace("Type: AlexaSkill", "Type: AlexaSkil"),
        encoding="utf-8",
    )
    result = run_tool(iac_tool("python"), "-c", SAM_TRANSFORM, broken)
    assert result.returncode != 0
    assert "AlexaSkil" in result.stderr


# --- what the template grants -----------------------------------------------------------


def test_the_function_may_use_only_the_table_actions_the_code_calls(
    template: dict[str, Any],
) -> None:
    role = template["Resources"]["SkillFunctionRole"]
    dynamodb = [s for s in statements(role) if any("dynamodb:" in a for a in as_list(s["Action"]))]
    assert len(dynamodb) == 1
    (statement,) = dynamodb
    assert statement["Effect"] == "Allow"
    assert set(as_list(statement["Action"])) == STORE_DYNAMODB_ACTIONS, "exactly what it calls"
    assert statement["Resource"] == {"Fn::GetAtt": ["ProgressTable", "Arn"]}
    assert "Condition" not in statement


def test_nothing_grants_wildcards_or_scans(template: dict[str, Any]) -> None:
    declared = json.dumps(template)  # the template's data, its comments left aside
    assert "dynamodb:*" not in declared
    assert "Scan" not in declared
    assert "DynamoDBCrudPolicy" not in declared
    for statement in statements(template["Resources"]["SkillFunctionRole"]):
        assert statement["Resource"] != "*"
        assert all("*" not in action for action in as_list(statement["Action"]))
    assert "Policies" not in template["Resources"]["SkillFunction"]["Properties"]


def test_logs_go_only_to_the_functions_own_group_with_retention(template: dict[str, Any]) -> None:
    group = template["Resources"]["SkillLogGroup"]
    function = template["Resources"]["SkillFunction"]["Properties"]
    assert group["Type"] == "AWS::Logs::LogGroup"
    assert group["Properties"]["RetentionInDays"] in (7, 14, 30, 60, 90)
    function_name = function["FunctionName"]["Fn::Sub"]
    assert group["Properties"]["LogGroupName"] == {"Fn::Sub": f"/aws/lambda/{function_name}"}

    role = template["Resources"]["SkillFunctionRole"]
    logs = [s for s in statements(role) if any("logs:" in a for a in as_list(s["Action"]))]
    assert len(logs) == 1
    assert set(as_list(logs[0]["Action"])) == {"logs:CreateLogStream", "logs:PutLogEvents"}
    assert logs[0]["Resource"] == {"Fn::GetAtt": ["SkillLogGroup", "Arn"]}
    assert function["Role"] == {"Fn::GetAtt": ["SkillFunctionRole", "Arn"]}


def test_only_the_configured_skill_can_invoke_the_function(template: dict[str, Any]) -> None:
    events = template["Resources"]["SkillFunction"]["Properties"]["Events"]
    assert events == {
        "AlexaSkill": {"Type": "AlexaSkill", "Properties": {"SkillId": {"Ref": "SkillId"}}}
    }
    skill_id = template["Parameters"]["SkillId"]
    assert "Default" not in skill_id, "the skill id must be given, never left open"
    pattern = re.compile(skill_id["AllowedPattern"])
    assert pattern.fullmatch("amzn1.ask.skill.0d1c2b3a-1234-4a5b-9c8d-001122334455")
    assert not pattern.fullmatch("")
    assert not pattern.fullmatch("*")


def test_the_function_fits_alexas_budget_on_the_bundles_platform(template: dict[str, Any]) -> None:
    function = template["Resources"]["SkillFunction"]["Properties"]
    parameters = template["Parameters"]
    assert function["Timeout"] <= ALEXA_BUDGET_SECONDS
    assert function["MemorySize"] == 512
    assert function["Architectures"] == ["x86_64"]
    assert function["Runtime"] == {"Ref": "LambdaRuntime"}
    assert parameters["LambdaRuntime"]["AllowedValues"] == ["python3.11"]
    assert function["Handler"] == {"Ref": "LambdaHandler"}
    assert parameters["LambdaHandler"]["AllowedValues"] == ["lambda_function.lambda_handler"]
    assert function["CodeUri"] == {
        "Bucket": {"Ref": "CodeBucket"},
        "Key": {"Ref": "CodeKey"},
        "Version": {"Ref": "CodeVersion"},
    }


def test_parameters_and_outputs(template: dict[str, Any]) -> None:
    parameters = template["Parameters"]
    ask_cli = {"SkillId", "LambdaRuntime", "LambdaHandler", "CodeBucket", "CodeKey", "CodeVersion"}
    assert ask_cli | {"Stage", "LogLevel"} == set(parameters)
    assert parameters["LogLevel"]["AllowedValues"] == ["DEBUG", "INFO", "WARNING", "ERROR"]
    variables = template["Resources"]["SkillFunction"]["Properties"]["Environment"]["Variables"]
    assert variables["PROGRESS_TABLE"] == {"Ref": "ProgressTable"}
    assert variables["SKILL_ID"] == {"Ref": "SkillId"}
    assert variables["LOG_LEVEL"] == {"Ref": "LogLevel"}

    outputs = template["Outputs"]
    function_arn = {"Fn::GetAtt": ["SkillFunction", "Arn"]}
    assert outputs["SkillFunctionArn"]["Value"] == function_arn
    assert outputs["SkillEndpoint"]["Value"] == function_arn  # the ASK CLI reads this one
    assert outputs["ProgressTableName"]["Value"] == {"Ref": "ProgressTable"}


# --- the outbox ---------------------------------------------------------------------------


def actions_on(role: dict[str, Any], service: str) -> list[dict[str, Any]]:
    return [s for s in statements(role) if any(f"{service}:" in a for a in as_list(s["Action"]))]


def test_the_outbox_is_encrypted_and_sets_aside_what_keeps_failing(
    template: dict[str, Any],
) -> None:
    resources = template["Resources"]
    queue = resources["OutboxQueue"]["Properties"]
    dead = resources["OutboxDeadLetterQueue"]["Properties"]
    assert queue["SqsManagedSseEnabled"] is True and dead["SqsManagedSseEnabled"] is True
    redrive = queue["RedrivePolicy"]
    assert redrive["deadLetterTargetArn"] == {"Fn::GetAtt": ["OutboxDeadLetterQueue", "Arn"]}
    assert redrive["maxReceiveCount"] * queue["VisibilityTimeout"] >= 3 * 3600, "hours of tries"
    assert dead["MessageRetentionPeriod"] > queue["MessageRetentionPeriod"]
    consumer = resources["OutboxFunction"]["Properties"]
    # Lambda refuses an SQS trigger whose visibility timeout is shorter than the function's.
    assert queue["VisibilityTimeout"] >= 6 * consumer["Timeout"]


def test_the_skill_may_only_send_to_the_outbox(template: dict[str, Any]) -> None:
    role = template["Resources"]["SkillFunctionRole"]
    (statement,) = actions_on(role, "sqs")
    assert as_list(statement["Action"]) == ["sqs:SendMessage"]
    assert statement["Resource"] == {"Fn::GetAtt": ["OutboxQueue", "Arn"]}
    variables = template["Resources"]["SkillFunction"]["Properties"]["Environment"]["Variables"]
    assert variables["OUTBOX_QUEUE_URL"] == {"Ref": "OutboxQueue"}


def test_the_consumer_may_only_take_from_the_outbox_and_write_the_table(
    template: dict[str, Any],
) -> None:
    role = template["Resources"]["OutboxFunctionRole"]
    (sqs,) = actions_on(role, "sqs")
    assert set(as_list(sqs["Action"])) == OUTBOX_SQS_ACTIONS
    assert sqs["Resource"] == {"Fn::GetAtt": ["OutboxQueue", "Arn"]}
    (dynamodb,) = actions_on(role, "dynamodb")
    assert set(as_list(dynamodb["Action"])) == OUTBOX_DYNAMODB_ACTIONS
    assert dynamodb["Resource"] == {"Fn::GetAtt": ["ProgressTable", "Arn"]}
    (logs,) = actions_on(role, "logs")
    assert logs["Resource"] == {"Fn::GetAtt": ["OutboxLogGroup", "Arn"]}
    for statement in statements(role):
        assert statement["Effect"] == "Allow" and statement["Resource"] != "*"
        assert all("*" not in action for action in as_list(statement["Action"]))
    assert "Policies" not in template["Resources"]["OutboxFunction"]["Properties"]


def test_the_consumer_is_the_same_bundles_second_handler_fed_by_the_queue(
    transformed: dict[str, Any],
) -> None:
    resources = transformed["Resources"]
    consumer = resources["OutboxFunction"]["Properties"]
    assert consumer["Handler"] == "lambda_function.outbox_handler"
    assert consumer["Code"] == resources["SkillFunction"]["Properties"]["Code"]
    (mapping,) = resources_of_type(transformed, "AWS::Lambda::EventSourceMapping").values()
    properties = mapping["Properties"]
    assert properties["EventSourceArn"] == {"Fn::GetAtt": ["OutboxQueue", "Arn"]}
    assert properties["FunctionName"] == {"Ref": "OutboxFunction"}
    # Without it, one write the table refuses would send the whole batch back.
    assert properties["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert properties["ScalingConfig"]["MaximumConcurrency"] >= 2
