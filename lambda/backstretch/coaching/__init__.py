"""The coaching turn: recall, respond, deliver, remember, answer."""
