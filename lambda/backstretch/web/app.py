"""The local HTTP endpoint: Flask serving the skill at POST /alexa."""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException

from backstretch.skill.envelope import MalformedRequest, parse_envelope
from backstretch.skill.handlers import EventNotProcessed
from backstretch.skill.service import BackStretchSkill, WrongSkill
from backstretch.web.verification import RequestVerifier, VerificationError

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 256 * 1024


def create_app(skill: BackStretchSkill, verifier: RequestVerifier | None) -> Flask:
    """A Flask app for the skill; `verifier=None` turns request verification off."""
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES

    @app.post("/alexa")
    def alexa() -> Response | tuple[Response, int]:
        body = request.get_data(cache=False)
        if verifier is not None:
            try:
                verifier.verify(dict(request.headers), body)
            except VerificationError as exc:
                return _refuse(400, f"request verification failed: {exc}")
        try:
            envelope = parse_envelope(body)
            skill.check_skill_id(envelope)
        except MalformedRequest as exc:
            return _refuse(400, str(exc))
        except WrongSkill as exc:
            return _refuse(400, str(exc))
        try:
            return jsonify(skill.handle(envelope))
        except EventNotProcessed:
            response, status = _refuse(503, "event not processed; please deliver it again")
            response.headers["Retry-After"] = "30"
            return response, status

    @app.get("/health")
    def health() -> Response:
        return jsonify(status="ok", verification=verifier is not None)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> tuple[Response, int]:
        status = exc.code or 500
        response, status = _refuse(status, exc.description or exc.name)
        for name, value in exc.get_headers():  # e.g. Allow on a 405, which HTTP requires
            if name.lower() != "content-type":
                response.headers[name] = value
        return response, status

    return app


def _refuse(status: int, reason: str) -> tuple[Response, int]:
    logger.warning("answered %d: %s", status, reason)
    return jsonify(error=reason), status
