"""The progress table as infra/template.yaml declares it, created on any DynamoDB endpoint.

The embedded DynamoDB of `backstretch serve` and the tests both build their table from the
template's own ``ProgressTable`` declaration, so code and infrastructure cannot drift apart.
The package carries a copy of the template (``data/template.yaml``, kept equal to
infra/template.yaml by scripts/sync_local_data.py), so an installed `backstretch` needs no clone.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient

PACKAGED_TEMPLATE = Path(__file__).resolve().parent / "data" / "template.yaml"


class _CloudFormationLoader(yaml.SafeLoader):
    """SafeLoader that reads CloudFormation short-form tags (!Ref, !GetAtt, !Sub, ...)."""


def _intrinsic(loader: yaml.SafeLoader, tag_suffix: str, node: yaml.Node) -> dict[str, Any]:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    elif isinstance(node, yaml.MappingNode):
        value = loader.construct_mapping(node, deep=True)
    else:
        raise yaml.constructor.ConstructorError(None, None, f"unexpected node {node!r}")
    if tag_suffix in ("Ref", "Condition"):
        return {tag_suffix: value}
    if tag_suffix == "GetAtt" and isinstance(value, str):
        value = value.split(".", 1)
    return {f"Fn::{tag_suffix}": value}


_CloudFormationLoader.add_multi_constructor("!", _intrinsic)


def load_template(path: Path | None = None) -> dict[str, Any]:
    """The template as plain data, intrinsic functions in their long form."""
    with (path or PACKAGED_TEMPLATE).open(encoding="utf-8") as template:
        # A SafeLoader subclass that only adds constructors for CloudFormation short tags.
        loaded: dict[str, Any] = yaml.load(template, Loader=_CloudFormationLoader)  # noqa: S506
    return loaded


# Properties of the template's table that create_table_from_template knows how to reproduce.
# Anything else fails loudly, so a new property cannot be silently left out of the tests.
_HANDLED_PROPERTIES = {
    "TableName",
    "BillingMode",
    "AttributeDefinitions",
    "KeySchema",
    "GlobalSecondaryIndexes",
    "TimeToLiveSpecification",
    "PointInTimeRecoverySpecification",
    "SSESpecification",
    "Tags",
}


def create_table_from_template(client: DynamoDBClient, table_name: str) -> None:
    """Create ``table_name`` as infra/template.yaml declares ProgressTable, TTL included."""
    properties: dict[str, Any] = load_template()["Resources"]["ProgressTable"]["Properties"]
    unknown = set(properties) - _HANDLED_PROPERTIES
    if unknown:
        raise NotImplementedError(f"teach create_table_from_template about {sorted(unknown)}")

    create: dict[str, Any] = {
        "TableName": table_name,
        "BillingMode": properties["BillingMode"],
        "AttributeDefinitions": properties["AttributeDefinitions"],
        "KeySchema": properties["KeySchema"],
    }
    if "GlobalSecondaryIndexes" in properties:
        create["GlobalSecondaryIndexes"] = properties["GlobalSecondaryIndexes"]
    if "SSESpecification" in properties:
        # CloudFormation spells it SSEEnabled; the API spells it Enabled.
        sse = dict(properties["SSESpecification"])
        create["SSESpecification"] = {"Enabled": sse.pop("SSEEnabled"), **sse}
    client.create_table(**create)
    client.get_waiter("table_exists").wait(TableName=table_name)

    if "TimeToLiveSpecification" in properties:
        client.update_time_to_live(
            TableName=table_name, TimeToLiveSpecification=properties["TimeToLiveSpecification"]
        )
    if "PointInTimeRecoverySpecification" in properties:
        client.update_continuous_backups(
            TableName=table_name,
            PointInTimeRecoverySpecification={
                "PointInTimeRecoveryEnabled": properties["PointInTimeRecoverySpecification"][
                    "PointInTimeRecoveryEnabled"
                ]
            },
        )
