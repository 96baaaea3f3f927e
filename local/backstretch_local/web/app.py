"""The local HTTP endpoint: Flask serving the skill at POST /alexa, and the local simulator page.

The simulator (``GET /`` and ``/simulator/*``) talks to the skill unverified, so it exists only
in an app created with verification off.
"""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask, Response, jsonify, request, send_from_directory
from werkzeug.exceptions import HTTPException

from backstretch.skill.service import BackStretchSkill, Outcome
from backstretch_local.device import SkillRefused
from backstretch_local.simulator import Simulator, SimulatorInputError
from backstretch_local.web.verification import RequestVerifier, VerificationError

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 256 * 1024
# What POST /alexa answers when the skill did not: a refusal, or "deliver it again".
_REFUSED = {
    Outcome.MALFORMED: (400, "{reason}"),
    Outcome.WRONG_SKILL: (400, "{reason}"),
    Outcome.NOT_PROCESSED: (503, "event not processed; please deliver it again"),
}
RETRY_AFTER_SECONDS = "30"
STATIC_DIRECTORY = Path(__file__).resolve().parent / "static"
SIMULATOR_ONLY_UNVERIFIED = (
    "the simulator page runs only with request verification off: backstretch serve --no-verify"
)


def create_app(
    skill: BackStretchSkill,
    verifier: RequestVerifier | None,
    simulator: Simulator | None = None,
) -> Flask:
    """A Flask app for the skill; `verifier=None` turns request verification off.

    A `simulator` (the local page) is only accepted with verification off: it sends the
    skill unsigned requests.
    """
    if simulator is not None and verifier is not None:
        raise ValueError(SIMULATOR_ONLY_UNVERIFIED)
    app = Flask(__name__, static_folder=None)
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES

    @app.post("/alexa")
    def alexa() -> Response | tuple[Response, int]:
        body = request.get_data(cache=False)
        if verifier is not None:
            try:
                verifier.verify(dict(request.headers), body)
            except VerificationError as exc:
                return _refuse(400, f"request verification failed: {exc}")
        answer = skill.answer(body)
        if answer.outcome is Outcome.ANSWERED:
            return jsonify(answer.body), 200
        status, reason = _REFUSED[answer.outcome]
        response, status = _refuse(status, reason.format(reason=answer.reason))
        if status == 503:
            response.headers["Retry-After"] = RETRY_AFTER_SECONDS
        return response, status

    @app.get("/health")
    def health() -> Response:
        return jsonify(status="ok", verification=verifier is not None)

    if simulator is None:

        @app.get("/")
        def no_simulator() -> tuple[Response, int]:
            return _refuse(404, SIMULATOR_ONLY_UNVERIFIED)

    else:
        _add_simulator(app, simulator)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> tuple[Response, int]:
        status = exc.code or 500
        response, status = _refuse(status, exc.description or exc.name)
        for name, value in exc.get_headers():  # e.g. Allow on a 405, which HTTP requires
            if name.lower() != "content-type":
                response.headers[name] = value
        return response, status

    return app


def _add_simulator(app: Flask, simulator: Simulator) -> None:
    @app.get("/")
    def simulator_page() -> Response:
        return send_from_directory(STATIC_DIRECTORY, "simulator.html", max_age=0)

    @app.get("/static/<path:name>")
    def simulator_static(name: str) -> Response:
        return send_from_directory(STATIC_DIRECTORY, name, max_age=0)

    @app.post("/simulator/say")
    def simulator_say() -> Response | tuple[Response, int]:
        payload = request.get_json(silent=True)
        if not isinstance(payload, dict):
            return _refuse(400, "send a JSON object: {text, session}")
        try:
            said = simulator.say(
                payload.get("text"),
                payload.get("session"),
                payload.get("device"),
                payload.get("touch"),
                payload.get("locale"),
            )
            return jsonify(said)
        except SimulatorInputError as exc:
            return _refuse(400, str(exc))
        except SkillRefused as exc:
            return _refuse(502, str(exc))

    @app.get("/simulator/locales")
    def simulator_locales() -> Response:
        """The locales the page can pick: the skill speaks them and has a model for them."""
        return jsonify(locales=simulator.locales)

    @app.get("/simulator/phrases")
    def simulator_phrases() -> Response | tuple[Response, int]:
        """Phrases to offer as buttons in a locale (`?locale=de-DE`), in its own language."""
        try:
            return jsonify(phrases=simulator.phrases(request.args.get("locale")))
        except SimulatorInputError as exc:
            return _refuse(400, str(exc))

    @app.get("/simulator/alexa-api")
    def simulator_alexa_api() -> Response:
        """Where the local fake Alexa API listens, for clients that build their own envelopes."""
        return jsonify(apiEndpoint=simulator.api_endpoint)

    @app.get("/simulator/directives")
    def simulator_directives() -> Response:
        """Progressive responses the skill posted to the local fake Alexa API, as SSML."""
        return jsonify(speech=simulator.directives(request.args.get("requestId")))


def _refuse(status: int, reason: str) -> tuple[Response, int]:
    logger.warning("answered %d: %s", status, reason)
    return jsonify(error=reason), status
