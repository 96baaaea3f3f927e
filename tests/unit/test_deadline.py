"""The deadline's workers: calls given up on never hold the capacity new calls need."""

from __future__ import annotations

import threading

import pytest

from backstretch.deadline import CallRunner, DeadlinePassed, NoWorkerFree


def test_calls_left_behind_leave_the_workers_to_new_calls():
    runner = CallRunner(workers=2, stragglers=4)
    peer_recovers = threading.Event()
    try:
        for _ in range(3):  # a slow spell: more calls given up on than there are workers
            with pytest.raises(DeadlinePassed):
                runner.call(0.01, lambda: peer_recovers.wait(10))
        assert runner.stragglers == 3

        assert runner.call(1.0, lambda: "answered") == "answered"  # the peer is back

        with pytest.raises(DeadlinePassed):
            runner.call(0.01, lambda: peer_recovers.wait(10))
        with pytest.raises(NoWorkerFree):  # but stragglers stay bounded
            runner.call(1.0, lambda: "not started")
    finally:
        peer_recovers.set()
