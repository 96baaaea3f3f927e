"""Talking to the skill without a device: utterances, envelopes, a fake Alexa API, chat, page."""
