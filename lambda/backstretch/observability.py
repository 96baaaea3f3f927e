"""What an operator sees: one structured log line per turn, and CloudWatch metrics (EMF).

No raw user ids and no speech bodies ever reach a log line or a metric.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from dataclasses import asdict, dataclass
from typing import IO, Any

logger = logging.getLogger("backstretch.turn")

METRICS_NAMESPACE = "BackStretchCoach"
SERVICE_NAME = "back-stretch-coach"


@dataclass
class TurnRecord:
    """What one request did; handlers fill it in as the turn goes."""

    request_id: str | None = None
    request_type: str | None = None
    intent: str | None = None
    outcome: str = "silent"
    progressive_sent: int = 0
    progressive_planned: int = 0
    progressive_failures: int = 0  # 1 when a call to the directive API failed this turn
    holds_counted: int = 0
    routines_started: int = 0
    routines_completed: int = 0
    storage_errors: int = 0
    latency_ms: float = 0.0

    def fields(self) -> dict[str, Any]:
        """The record as log fields."""
        data = asdict(self)
        data["latency_ms"] = round(self.latency_ms, 1)
        return data


# Metric name -> the record's field; all are counts per turn.
METRICS = {
    "RoutinesStarted": "routines_started",
    "RoutinesCompleted": "routines_completed",
    "HoldsCounted": "holds_counted",
    "ProgressiveResponseFailures": "progressive_failures",
    "DynamoDBErrors": "storage_errors",
}


def metrics_document(record: TurnRecord, namespace: str, service: str) -> dict[str, Any]:
    """An Embedded Metric Format document: CloudWatch turns it into metrics from the log.

    >>> metrics_document(TurnRecord(holds_counted=1), "NS", "svc")["HoldsCounted"]
    1
    """
    values = {name: int(getattr(record, field)) for name, field in METRICS.items()}
    return {
        "_aws": {
            "Timestamp": int(time.time() * 1000),
            "CloudWatchMetrics": [
                {
                    "Namespace": namespace,
                    "Dimensions": [["service"]],
                    "Metrics": [
                        *({"Name": name, "Unit": "Count"} for name in METRICS),
                        {"Name": "TurnLatency", "Unit": "Milliseconds"},
                    ],
                }
            ],
        },
        "service": service,
        **values,
        "TurnLatency": round(record.latency_ms, 1),
        "outcome": record.outcome,
    }


class TurnObserver:
    """Logs each turn and, where asked (on Lambda), writes its metrics to stdout as EMF."""

    def __init__(
        self,
        *,
        emit_metrics: bool,
        namespace: str = METRICS_NAMESPACE,
        service: str = SERVICE_NAME,
        stream: IO[str] | None = None,
    ) -> None:
        self._emit_metrics = emit_metrics
        self._namespace = namespace
        self._service = service
        self._stream = stream

    def observe(self, record: TurnRecord) -> None:
        logger.info("turn", extra={"turn": record.fields()})
        if self._emit_metrics:
            document = metrics_document(record, self._namespace, self._service)
            stream = self._stream or sys.stdout
            stream.write(json.dumps(document, separators=(",", ":")) + "\n")
            stream.flush()


class JsonLogFormatter(logging.Formatter):
    """One JSON object per log line, with the turn's fields when there are some."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        turn = getattr(record, "turn", None)
        if isinstance(turn, dict):
            line.update(turn)
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


class TextLogFormatter(logging.Formatter):
    """Readable lines for a terminal, turn fields as key=value."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        turn = getattr(record, "turn", None)
        if isinstance(turn, dict):
            text += " " + " ".join(f"{k}={v}" for k, v in turn.items() if v not in (None, 0))
        return text


class _SkillLogHandler(logging.StreamHandler[IO[str]]):
    """The handler configure_logging installs (so it can find and replace it)."""


def configure_logging(level: str, *, as_json: bool, stream: IO[str] | None = None) -> None:
    """Give the skill's loggers ("backstretch.*") their own handler, in one format.

    They stop propagating to the root logger, whose handlers (the Lambda runtime's, a test
    runner's) keep their own formats for everything else. Calling it again replaces the
    handler it installed before.
    """
    app_logger = logging.getLogger("backstretch")
    for existing in list(app_logger.handlers):
        if isinstance(existing, _SkillLogHandler):
            app_logger.removeHandler(existing)
    handler = _SkillLogHandler(stream or sys.stderr)
    handler.setFormatter(JsonLogFormatter() if as_json else TextLogFormatter())
    app_logger.addHandler(handler)
    app_logger.setLevel(level)
    app_logger.propagate = False
