"""The progress table as infra/template.yaml declares it, and as the tests build it."""

from __future__ import annotations

from typing import Any

import pytest

from backstretch_local import table as progress_table
from backstretch_local.table import create_table_from_template, load_template
from tests.support.dynamodb import TABLE_NAME


def test_template_declares_a_retained_progress_table() -> None:
    template = load_template()
    table = template["Resources"]["ProgressTable"]

    assert template["AWSTemplateFormatVersion"] == "2010-09-09"
    assert template["Transform"] == "AWS::Serverless-2016-10-31"
    assert template["Parameters"]["Stage"]["Type"] == "String"
    assert template["Outputs"]["ProgressTableName"]["Value"] == {"Ref": "ProgressTable"}
    assert table["Type"] == "AWS::DynamoDB::Table"
    assert table["DeletionPolicy"] == "Retain"
    assert table["UpdateReplacePolicy"] == "Retain"
    assert table["Properties"]["TableName"] == {"Fn::Sub": "backstretch-${Stage}-progress"}


def test_table_built_from_the_template_matches_what_the_store_needs(
    progress_store: Any, dynamodb_client: Any
) -> None:
    table = dynamodb_client.describe_table(TableName=TABLE_NAME)["Table"]
    ttl = dynamodb_client.describe_time_to_live(TableName=TABLE_NAME)["TimeToLiveDescription"]
    backups = dynamodb_client.describe_continuous_backups(TableName=TABLE_NAME)[
        "ContinuousBackupsDescription"
    ]

    assert table["KeySchema"] == [
        {"AttributeName": "pk", "KeyType": "HASH"},
        {"AttributeName": "sk", "KeyType": "RANGE"},
    ]
    assert table["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    assert table["SSEDescription"]["Status"] == "ENABLED"
    assert ttl == {"TimeToLiveStatus": "ENABLED", "AttributeName": "expires_at"}
    assert backups["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"] == "ENABLED"


def test_an_unfamiliar_table_property_fails_loudly(
    dynamodb_client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = load_template()
    template["Resources"]["ProgressTable"]["Properties"]["StreamSpecification"] = {
        "StreamViewType": "NEW_IMAGE"
    }
    monkeypatch.setattr(progress_table, "load_template", lambda: template)

    with pytest.raises(NotImplementedError, match="StreamSpecification"):
        create_table_from_template(dynamodb_client, "another-table")


def test_short_form_intrinsics_load_as_their_long_form(tmp_path: Any) -> None:
    path = tmp_path / "template.yaml"
    path.write_text(
        "A: !Ref Stage\n"
        "B: !GetAtt ProgressTable.Arn\n"
        "C: !Sub 'x-${Stage}'\n"
        "D: !Join ['-', [a, !Ref Stage]]\n"
        "E: !If [IsProd, !Ref AWS::NoValue, 1]\n"
        "F: !And [!Condition IsProd, !Equals [!Ref Stage, prod]]\n",
        encoding="utf-8",
    )

    assert load_template(path) == {
        "A": {"Ref": "Stage"},
        "B": {"Fn::GetAtt": ["ProgressTable", "Arn"]},
        "C": {"Fn::Sub": "x-${Stage}"},
        "D": {"Fn::Join": ["-", ["a", {"Ref": "Stage"}]]},
        "E": {"Fn::If": ["IsProd", {"Ref": "AWS::NoValue"}, 1]},
        "F": {"Fn::And": [{"Condition": "IsProd"}, {"Fn::Equals": [{"Ref": "Stage"}, "prod"]}]},
    }
