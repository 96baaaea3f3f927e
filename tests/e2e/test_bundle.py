"""The Lambda bundle, as Lambda gets it: built by scripts/package_lambda.py, unpacked into an
empty folder, and run by a fresh interpreter that sees only the bundle and the standard library.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path
from typing import Any

from backstretch_local.table import load_template
from scripts.package_lambda import write_zip
from tests.support.bundle import BuiltBundle, function_environment
from tests.support.dynamodb import TABLE_NAME
from tests.support.envelopes import AlexaConversation, speech_of

ROOT = Path(__file__).resolve().parents[2]
LAMBDA = ROOT / "lambda"
DIRECT_UPLOAD_LIMIT = 50 * 1024 * 1024  # Lambda's limit for a zip uploaded directly
UNZIPPED_LIMIT = 250 * 1024 * 1024  # and for the unpacked function

# Runs in the fresh interpreter: `python -I -S` ignores PYTHON* variables, the user's site and
# site-packages; sys.path is then set to the bundle and the standard library alone.
RUNNER = r"""
import importlib, json, os, sys, sysconfig
bundle, envelopes_path, report_path = sys.argv[1:4]
stdlib = sysconfig.get_paths()
sys.path[:] = [bundle, stdlib["stdlib"], stdlib["platstdlib"],
               os.path.join(stdlib["platstdlib"], "lib-dynload")]
import zoneinfo
zoneinfo.reset_tzpath(to=[])  # as on Lambda: no system zone database, only the tzdata package

report = {"sys_path": sys.path, "origins": {}, "importable": [], "responses": []}
import lambda_function
for name in ("lambda_function", "backstretch", "ask_sdk_core", "ask_sdk_model", "boto3",
             "botocore", "requests", "certifi", "tzdata"):
    report["origins"][name] = importlib.import_module(name).__file__
for name in ("yaml", "flask", "moto", "cryptography", "pytest", "mypy_boto3_dynamodb",
             "werkzeug", "backstretch_local"):
    try:
        importlib.import_module(name)
        report["importable"].append(name)
    except ImportError:
        pass

attributes = None
with open(envelopes_path, encoding="utf-8") as envelopes:
    for envelope in json.load(envelopes):
        if attributes is not None and "session" in envelope:
            envelope["session"]["attributes"] = attributes
            envelope["session"]["new"] = False
        response = lambda_function.lambda_handler(envelope, None)
        attributes = response.get("sessionAttributes") or {}
        report["responses"].append(response)

report["backstretch_modules"] = sorted(m for m in sys.modules if m.startswith("backstretch"))
with open(report_path, "w", encoding="utf-8") as out:
    json.dump(report, out)
"""


def run_in_bundle(bundle: BuiltBundle, envelopes: list[dict[str, Any]], tmp_path: Path) -> Any:
    """Play ``envelopes`` through the bundle's lambda_handler in a fresh interpreter, in the
    function's environment (`function_environment`)."""
    envelopes_path = tmp_path / "envelopes.json"
    envelopes_path.write_text(json.dumps(envelopes), encoding="utf-8")
    report_path = tmp_path / "report.json"
    environment = function_environment(tmp_path)
    arguments = [str(bundle.unpacked), str(envelopes_path), str(report_path)]
    result = subprocess.run(
        [sys.executable, "-I", "-S", "-c", RUNNER, *arguments],
        env=environment,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"the bundle failed:\n{result.stdout}\n{result.stderr}"
    return json.loads(report_path.read_text(encoding="utf-8"))


def test_the_bundle_is_built_for_the_template_runtime_on_this_interpreter() -> None:
    runtime = load_template()["Parameters"]["LambdaRuntime"]["Default"]
    here = f"python{sys.version_info.major}.{sys.version_info.minor}"
    assert here == runtime, f"tests run {here}, the function {runtime}: the bundle test would lie"


def test_bundle_fits_lambda_and_holds_no_junk(bundle: BuiltBundle) -> None:
    size = bundle.zip_path.stat().st_size
    with zipfile.ZipFile(bundle.zip_path) as archive:
        entries = archive.infolist()
    names = [entry.filename for entry in entries]
    unzipped = sum(entry.file_size for entry in entries)
    print(
        f"\nbundle: {size / 1_000_000:.1f} MB zipped, {unzipped / 1_000_000:.1f} MB unzipped, "
        f"{len(names)} files, built in {bundle.build_seconds:.1f} s"
    )

    assert size < DIRECT_UPLOAD_LIMIT
    assert unzipped < UNZIPPED_LIMIT
    assert "lambda_function.py" in names
    assert "backstretch/routine/content/en.json" in names
    assert "backstretch/routine/content/de.json" in names
    assert names == sorted(names), "entries in a fixed order"
    sources = {n for n in names if n.endswith(".py")}
    compiled_for = {
        n.replace("__pycache__/", "").replace(".cpython-311.pyc", ".py")
        for n in names
        if n.endswith(".pyc")
    }
    assert compiled_for == sources, "every module ships its bytecode, and only that"
    assert not [n for n in names if n.endswith(".pyc") and ".cpython-311." not in n]
    assert not [n for n in names if n.startswith("bin/") or ".egg-info/" in n]
    assert {entry.date_time for entry in entries} == {(1980, 1, 1, 0, 0, 0)}
    assert {(entry.external_attr >> 16) & 0o777 for entry in entries} == {0o644}
    # built for Lambda's platform, not this machine's: compiled parts are x86_64 CPython 3.11
    compiled = [n for n in names if n.endswith(".so")]
    assert all("cpython-311-x86_64-linux-gnu" in n or "abi3" in n for n in compiled), compiled


def test_the_bundle_is_the_runtime_package_whole_and_nothing_local(bundle: BuiltBundle) -> None:
    shipped = {p.relative_to(bundle.unpacked).as_posix() for p in bundle.unpacked.rglob("*.py")}
    sources = {
        p.relative_to(LAMBDA).as_posix()
        for p in LAMBDA.rglob("*.py")
        if "__pycache__" not in p.parts
    }
    assert sources <= shipped, "everything under lambda/ ships: nothing is traced or left out"
    top_level = {p.name for p in bundle.unpacked.iterdir()}
    assert "backstretch_local" not in top_level
    for local_only in ("flask", "moto", "yaml", "cryptography", "werkzeug", "hypercorn", "a2wsgi"):
        assert local_only not in top_level, f"{local_only} is a local tool's, not the runtime's"


def test_the_bundle_keeps_aws_data_for_dynamodb_and_sqs_alone(bundle: BuiltBundle) -> None:
    """What a cold start would otherwise list and decode (the launch test shows it suffices:
    its skill makes the outbox's SQS client too)."""
    data = bundle.unpacked / "botocore" / "data"
    assert sorted(p.name for p in data.iterdir() if p.is_dir()) == ["dynamodb", "sqs"]
    endpoints = json.loads((data / "endpoints.json").read_text(encoding="utf-8"))
    services = {name for p in endpoints["partitions"] for name in p["services"]}
    assert services == {"dynamodb", "sqs"}
    assert "aws" in {p["partition"] for p in endpoints["partitions"]}


def test_the_runtime_imports_nothing_local() -> None:
    """lambda/ never imports the local package nor a local tool's dependency."""
    local_only = {
        "backstretch_local",
        "flask",
        "werkzeug",
        "hypercorn",
        "a2wsgi",
        "moto",
        "yaml",
        "cryptography",
    }
    for path in LAMBDA.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] not in local_only, f"{path} imports {name}"


def test_the_runtime_dependencies_are_one_list() -> None:
    """pyproject.toml's dependencies are lambda/requirements.txt (what the ASK CLI builds)."""
    with (ROOT / "pyproject.toml").open("rb") as project:
        declared = tomllib.load(project)["project"]["dependencies"]
    lines = (LAMBDA / "requirements.txt").read_text(encoding="utf-8").splitlines()
    required = [line for line in lines if line.strip() and not line.startswith("#")]
    assert sorted(required) == sorted(declared)


def test_zipping_the_same_files_twice_gives_the_same_bytes(
    bundle: BuiltBundle, tmp_path: Path
) -> None:
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    write_zip(bundle.unpacked, first)
    write_zip(bundle.unpacked, second)
    assert first.read_bytes() == second.read_bytes()


def test_a_launch_request_runs_in_a_fresh_interpreter_that_sees_only_the_bundle(
    bundle: BuiltBundle, progress_store: Any, dynamodb_client: Any, tmp_path: Path
) -> None:
    alexa = AlexaConversation(api_access_token=None)  # no directive API: speech in the response
    report = run_in_bundle(bundle, [alexa.launch(), alexa.intent("AMAZON.StopIntent")], tmp_path)

    root = str(bundle.unpacked)
    assert not [p for p in report["sys_path"] if "site-packages" in p]
    for name, origin in report["origins"].items():
        assert origin.startswith(root + os.sep), f"{name} came from {origin}, not the bundle"
    assert report["importable"] == [], "only the bundle's packages may be importable"
    assert not [m for m in report["backstretch_modules"] if m.startswith("backstretch_local")]
    # The reminder code is imported only when a reminder turn needs it.
    assert not [m for m in report["backstretch_modules"] if m.startswith("backstretch.reminders")]

    launch, stop = report["responses"]
    assert "hip flexor" in speech_of(launch)
    assert launch["response"]["shouldEndSession"] is False
    assert stop["response"]["shouldEndSession"] is True
    # The bundled boto3 reached DynamoDB (moto here): stopping midway saved where to resume.
    items = dynamodb_client.scan(TableName=TABLE_NAME)["Items"]
    assert items, "nothing was written to the progress table"
    assert all(item["pk"]["S"].startswith("USER#") for item in items)
