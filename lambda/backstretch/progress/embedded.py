"""An embedded DynamoDB for local use: moto's server in-process, with the progress table."""

from __future__ import annotations

import logging
import os
from types import TracebackType

from moto.moto_server.threaded_moto_server import ThreadedMotoServer

from backstretch.progress.dynamodb import progress_client
from backstretch.progress.table import create_table_from_template

logger = logging.getLogger(__name__)


class EmbeddedDynamoDB:
    """moto's DynamoDB on a free loopback port, its table made from infra/template.yaml.

    Everything it holds lives in memory and is gone when the process ends.

    >>> with EmbeddedDynamoDB("backstretch-progress", "us-east-1") as endpoint:
    ...     serve_with(endpoint)
    """

    def __init__(self, table_name: str, region: str) -> None:
        self._table_name = table_name
        self._region = region
        self._server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)

    def __enter__(self) -> str:
        # moto accepts any credentials; these keep real ones, if any, out of the picture.
        os.environ["AWS_ACCESS_KEY_ID"] = "embedded"
        os.environ["AWS_SECRET_ACCESS_KEY"] = "embedded"  # noqa: S105 - not a secret
        os.environ.pop("AWS_SESSION_TOKEN", None)
        self._server.start()
        host, port = self._server.get_host_and_port()
        endpoint = f"http://{host}:{port}"
        create_table_from_template(progress_client(endpoint, self._region), self._table_name)
        logger.info("embedded DynamoDB at %s with table %s", endpoint, self._table_name)
        return endpoint

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._server.stop()
