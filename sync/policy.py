"""Being polite to a provincial server: exponential back-off with jitter, a circuit breaker."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable


def backoff(attempts: int, base: float, cap: float, rng: random.Random) -> float:
    """Delay before the next try after `attempts` failures: base·2^(n-1), capped, and jittered
    into [½, 1]× so counters that went offline together do not come back in lockstep."""
    exponent = min(max(attempts - 1, 0), 30)
    delay = min(cap, base * float(2**exponent))
    return delay * (0.5 + rng.random() / 2)


class CircuitBreaker:
    """After `threshold` consecutive failures the circuit opens for `cooldown` seconds; then one
    trial request is let through (half-open): success closes it, failure opens it again.
    Thread-safe: the in-app loop and the UI's status read it from different threads."""

    def __init__(
        self, threshold: int, cooldown: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.threshold = max(1, threshold)
        self.cooldown = cooldown
        self._clock = clock
        self._failures = 0
        self._open_until = 0.0
        self._trial = False
        self._lock = threading.Lock()

    @property
    def state(self) -> str:
        with self._lock:
            if self._failures < self.threshold:
                return "closed"
            return "open" if self._clock() < self._open_until else "half-open"

    def wait_time(self) -> float:
        """Seconds until a request may go out (0: now)."""
        with self._lock:
            if self._failures < self.threshold:
                return 0.0
            return max(0.0, self._open_until - self._clock())

    def allow(self) -> bool:
        with self._lock:
            if self._failures < self.threshold:
                return True
            if self._clock() < self._open_until or self._trial:
                return False
            self._trial = True  # half-open: exactly one request tests the water
            return True

    def success(self) -> None:
        with self._lock:
            self._failures = 0
            self._trial = False

    def failure(self) -> None:
        with self._lock:
            self._failures += 1
            self._trial = False
            if self._failures >= self.threshold:
                self._open_until = self._clock() + self.cooldown
