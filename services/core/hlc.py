"""Hybrid logical clock stamps: the revision every synchronised row carries.

A stamp is (wall milliseconds, counter, office id), encoded so that string order is
stamp order. The last stamp is persisted so a restart never goes back in time, and
a remote stamp too far in the future is refused instead of dragging every office's
clock forward (DESIGN §4).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from models.errors import EduDeskError

MAX_SKEW_MS = 24 * 3600 * 1000
MAX_DRIFT_MS = 5 * 60 * 1000  # how far past wall time a remote stamp may move this clock
_WALL_DIGITS, _COUNTER_DIGITS = 15, 6
_MAX_COUNTER = 10**_COUNTER_DIGITS - 1


class ClockSkewError(EduDeskError):
    pass


@dataclass(frozen=True, order=True)
class Stamp:
    wall_ms: int
    counter: int
    office: str

    def encode(self) -> str:
        return f"{self.wall_ms:0{_WALL_DIGITS}d}-{self.counter:0{_COUNTER_DIGITS}d}-{self.office}"

    @classmethod
    def decode(cls, text: str) -> Stamp:
        try:
            wall, counter, office = text.split("-", 2)
            if len(wall) != _WALL_DIGITS or len(counter) != _COUNTER_DIGITS or not office:
                raise ValueError(text)
            return cls(int(wall), int(counter), office)
        except ValueError as exc:
            raise EduDeskError(
                f"Dấu thời gian không hợp lệ: {text!r}", f"Invalid revision stamp: {text!r}"
            ) from exc


def _stamp(wall_ms: int, counter: int, office: str) -> Stamp:
    """A full counter moves to the next millisecond, so a stamp always keeps 6 digits."""
    if counter > _MAX_COUNTER:
        return Stamp(wall_ms + 1, 0, office)
    return Stamp(wall_ms, counter, office)


def wall_clock_ms() -> int:
    return time.time_ns() // 1_000_000


class HybridClock:
    def __init__(
        self, office: str, last: Stamp | None = None, now: Callable[[], int] = wall_clock_ms
    ) -> None:
        self.office = office
        self.last = last or Stamp(0, 0, office)
        self._now = now

    def tick(self) -> Stamp:
        """A stamp for a local change, larger than every stamp seen so far."""
        wall = self._now()
        if wall > self.last.wall_ms:
            self.last = Stamp(wall, 0, self.office)
        else:
            self.last = _stamp(self.last.wall_ms, self.last.counter + 1, self.office)
        return self.last

    def observe(self, remote: Stamp) -> Stamp:
        """Merge a received stamp; the next local stamp will be larger than it."""
        wall = self._now()
        if remote.wall_ms > wall + MAX_SKEW_MS:
            raise ClockSkewError(
                "Dữ liệu nhận được mang thời điểm quá xa trong tương lai; hãy kiểm tra đồng hồ máy gửi.",
                "The received data is stamped too far in the future; check the sender's clock.",
            )
        # a fast PC elsewhere orders its rows, it does not set everyone's time (DESIGN §4 Clocks)
        if remote.wall_ms > wall + MAX_DRIFT_MS:
            remote = Stamp(wall + MAX_DRIFT_MS, 0, remote.office)
        top = max(wall, self.last.wall_ms, remote.wall_ms)
        if top == self.last.wall_ms == remote.wall_ms:
            counter = max(self.last.counter, remote.counter) + 1
        elif top == self.last.wall_ms:
            counter = self.last.counter + 1
        elif top == remote.wall_ms:
            counter = remote.counter + 1
        else:
            counter = 0
        self.last = _stamp(top, counter, self.office)
        return self.last
