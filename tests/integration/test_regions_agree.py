"""Three regions, one code: skill.json names a function for each of Alexa's regions (North
America, Europe and India, the Far East), ask-resources.json deploys the template once to
each one's AWS region, and the template can be deployed there, each stack with its own table.

North America is the default endpoint: `ask deploy` writes the endpoint of each region it
deploys ("default", "EU", "FE") into skill.json, so an "NA" entry beside "default" would keep
the placeholder (or go stale) while the default was updated.
"""

from __future__ import annotations

import re
from typing import Any

from tests.integration.test_deployment_agrees import (
    ask_profile,
    function_properties,
    manifest,
    template,
    user_config,
)

# Where Amazon advises hosting each Alexa region's function (the ASK CLI's defaults too).
AWS_REGION_OF = {"NA": "us-east-1", "EU": "eu-west-1", "FE": "us-west-2"}
DEFAULT = "default"  # the ASK CLI's name for the default endpoint: it serves North America
LAMBDA_ARN = re.compile(r"arn:aws:lambda:([a-z0-9-]+):(\d{12}):function:([A-Za-z0-9_-]+)")


def endpoint_of(section: dict[str, Any], code_region: str) -> str:
    """The endpoint skill.json gives one of the ASK CLI's code regions."""
    if code_region == DEFAULT:
        uri: str = section["endpoint"]["uri"]
    else:
        uri = section["regions"][code_region]["endpoint"]["uri"]
    return uri


def alexa_region(code_region: str) -> str:
    return "NA" if code_region == DEFAULT else code_region


def deployed_to(code_region: str) -> str:
    """The AWS region `ask deploy` deploys a code region's stack to, written out (not left to
    the CLI's defaults)."""
    config = user_config()
    if code_region == DEFAULT:
        region: str = config["awsRegion"]
    else:
        region = config["regionalOverrides"][code_region]["awsRegion"]
    return region


def code_regions() -> list[str]:
    return list(ask_profile()["code"])


def test_each_alexa_region_is_deployed_once_with_the_same_code() -> None:
    regions = code_regions()
    assert {alexa_region(r) for r in regions} == set(AWS_REGION_OF)
    assert len(regions) == len(AWS_REGION_OF), "one stack per Alexa region, no more"
    sources = {ask_profile()["code"][r]["src"] for r in regions}
    assert sources == {"./lambda"}, "one source, built once, deployed to each region"


def test_each_stack_goes_to_its_alexa_regions_aws_region() -> None:
    placed = {r: deployed_to(r) for r in code_regions()}
    assert {alexa_region(r): aws for r, aws in placed.items()} == AWS_REGION_OF
    # Two stacks in one AWS region would collide on the function's and the table's names.
    assert len(set(placed.values())) == len(placed)


def test_skill_json_names_the_deployed_function_in_each_region() -> None:
    stage = template()["Parameters"]["Stage"]["AllowedPattern"].strip("^$")
    name = function_properties()["FunctionName"]["Fn::Sub"].replace("${Stage}", stage)
    custom, events = manifest()["apis"]["custom"], manifest()["events"]
    assert set(custom.get("regions", {})) == set(code_regions()) - {DEFAULT}
    accounts = set()
    for code_region in code_regions():
        uri = endpoint_of(custom, code_region)
        # SKILL_DISABLED goes to the region that holds the person's data.
        assert endpoint_of(events, code_region) == uri
        found = LAMBDA_ARN.fullmatch(uri)
        assert found, uri
        aws_region, account, function = found.groups()
        assert aws_region == deployed_to(code_region) == AWS_REGION_OF[alexa_region(code_region)]
        assert re.fullmatch(name, function), (function, name)
        accounts.add(account)
    assert len(accounts) == 1, "one AWS account deploys every region"


def test_no_region_overrides_the_stack_parameters() -> None:
    """The cfn-deployer takes a region's `cfn.parameters` instead of the shared ones, not on
    top of them: a region given its own would silently lose the stage and log level."""
    for region, override in user_config()["regionalOverrides"].items():
        assert set(override) == {"awsRegion"}, region


def test_the_template_names_no_region_account_or_global_name() -> None:
    """Deployable in any region, as often as there are regions: nothing in it names a region
    or an account, and nothing has a name that is global to the account (an IAM role's or a
    bucket's), which the second region's stack would find taken."""
    resources = template()["Resources"]
    text = repr(template())
    assert not re.search(r"\b(us|eu|ap|sa|ca|me|af|il)-[a-z]+-\d\b", text)
    assert not re.search(r"\b\d{12}\b", text)
    for name, resource in resources.items():
        assert "RoleName" not in resource.get("Properties", {}), name
        assert resource["Type"] != "AWS::S3::Bucket", name
    table = resources["ProgressTable"]["Properties"]
    assert table["TableName"] == {"Fn::Sub": "backstretch-${Stage}-progress"}  # one per region
