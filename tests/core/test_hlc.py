"""Hybrid logical clock: monotonic under a clock going backwards, encoded in order."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.errors import EduDeskError
from services.core.hlc import MAX_DRIFT_MS, MAX_SKEW_MS, ClockSkewError, HybridClock, Stamp

# No Hypothesis deadlines (settings(deadline=None)): a busy machine must not turn a
# slow example into a failure.

OFFICE = "6f1c2d3e-0000-4000-8000-000000000001"


class FakeWall:
    """A wall clock the test moves by hand, backwards too."""

    def __init__(self, ms: int) -> None:
        self.ms = ms

    def __call__(self) -> int:
        return self.ms


def test_tick_follows_the_wall_clock() -> None:
    wall = FakeWall(1_700_000_000_000)
    clock = HybridClock(OFFICE, now=wall)
    first = clock.tick()
    wall.ms += 5
    second = clock.tick()
    assert first == Stamp(1_700_000_000_000, 0, OFFICE)
    assert second == Stamp(1_700_000_000_005, 0, OFFICE)


def test_same_millisecond_counts_up() -> None:
    clock = HybridClock(OFFICE, now=FakeWall(1000))
    stamps = [clock.tick() for _ in range(3)]
    assert [s.counter for s in stamps] == [0, 1, 2]
    assert {s.wall_ms for s in stamps} == {1000}


def test_clock_going_backwards_never_goes_back() -> None:
    wall = FakeWall(1_700_000_000_000)
    clock = HybridClock(OFFICE, now=wall)
    before = clock.tick()
    wall.ms -= 3_600_000  # someone set the PC clock back an hour
    after = clock.tick()
    assert after > before
    assert after.encode() > before.encode()
    assert after.wall_ms == before.wall_ms


def test_restart_from_persisted_stamp_stays_ahead() -> None:
    """The last stamp is saved; a new clock started from it never repeats a stamp."""
    last = Stamp(2_000_000_000_000, 7, OFFICE)
    clock = HybridClock(OFFICE, last=Stamp.decode(last.encode()), now=FakeWall(1_000))
    assert clock.tick() > last


@settings(deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10**13), min_size=1, max_size=50))
def test_ticks_strictly_increase_whatever_the_wall_clock(walls: list[int]) -> None:
    wall = FakeWall(walls[0])
    clock = HybridClock(OFFICE, now=wall)
    previous = ""
    for ms in walls:
        wall.ms = ms
        encoded = clock.tick().encode()
        assert encoded > previous
        previous = encoded


stamps = st.builds(
    Stamp,
    st.integers(min_value=0, max_value=10**15 - 1),
    st.integers(min_value=0, max_value=10**6 - 1),
    st.sampled_from([OFFICE, "00000000-0000-4000-8000-000000000002", "local", "ffff-x"]),
)


@settings(deadline=None)
@given(stamps)
def test_encode_decode_round_trip(stamp: Stamp) -> None:
    assert Stamp.decode(stamp.encode()) == stamp


@settings(deadline=None)
@given(stamps, stamps)
def test_string_order_is_stamp_order(a: Stamp, b: Stamp) -> None:
    """Revisions are compared as plain strings in SQL: that must be the clock order."""
    assert (a.encode() < b.encode()) == (a < b)
    assert (a.encode() == b.encode()) == (a == b)


def test_order_is_time_then_counter_then_office() -> None:
    assert Stamp(1, 9, "b") < Stamp(2, 0, "a")
    assert Stamp(2, 0, "b") < Stamp(2, 1, "a")
    assert Stamp(2, 1, "a") < Stamp(2, 1, "b")


@pytest.mark.parametrize(
    "text",
    ["", "abc", "1-2-x", "000000000000001-000001-", "00000000000000x-000001-o", "000000000000001000001o"],
)
def test_decode_refuses_garbage_in_vietnamese(text: str) -> None:
    with pytest.raises(EduDeskError) as info:
        Stamp.decode(text)
    assert "Dấu thời gian không hợp lệ" in info.value.message


def test_observe_moves_past_a_remote_stamp() -> None:
    clock = HybridClock(OFFICE, now=FakeWall(1_000))
    remote = Stamp(5_000, 3, "other")
    merged = clock.observe(remote)
    assert merged > remote
    assert merged.office == OFFICE
    assert clock.tick() > merged


def test_observe_an_older_remote_keeps_local_time() -> None:
    wall = FakeWall(10_000)
    clock = HybridClock(OFFICE, now=wall)
    local = clock.tick()
    merged = clock.observe(Stamp(5_000, 99, "other"))
    assert merged > local
    assert merged.wall_ms == 10_000


@settings(deadline=None)
@given(stamps.filter(lambda s: s.wall_ms <= 10**13), st.integers(min_value=0, max_value=10**13))
def test_observe_then_tick_is_later_than_both(remote: Stamp, wall_ms: int) -> None:
    clock = HybridClock(OFFICE, last=Stamp(wall_ms // 2, 0, OFFICE), now=FakeWall(wall_ms))
    if remote.wall_ms > wall_ms + MAX_SKEW_MS:
        with pytest.raises(ClockSkewError):
            clock.observe(remote)
        return
    before = clock.last
    merged = clock.observe(remote)
    assert merged > before and clock.tick() > merged
    if remote.wall_ms <= wall_ms + MAX_DRIFT_MS:
        assert merged > remote
    else:  # a fast PC elsewhere orders its rows but moves this clock only a few minutes past wall time
        assert merged.wall_ms <= max(wall_ms + MAX_DRIFT_MS, before.wall_ms)


def test_remote_far_in_the_future_is_refused() -> None:
    wall = FakeWall(1_700_000_000_000)
    clock = HybridClock(OFFICE, now=wall)
    last = clock.tick()
    with pytest.raises(ClockSkewError) as info:
        clock.observe(Stamp(wall.ms + MAX_SKEW_MS + 1, 0, "other"))
    assert "tương lai" in info.value.message
    assert clock.last == last  # the refused stamp did not drag the clock forward


def test_full_counter_moves_to_the_next_millisecond() -> None:
    """A million writes in one frozen millisecond must not grow the counter past 6 digits
    (a 7-digit counter sorts before a 6-digit one and cannot be decoded)."""
    clock = HybridClock(OFFICE, last=Stamp(5_000, 999_999, OFFICE), now=FakeWall(1_000))
    stamp = clock.tick()
    assert stamp > Stamp(5_000, 999_999, OFFICE)
    assert stamp.encode() > Stamp(5_000, 999_999, OFFICE).encode()
    assert Stamp.decode(stamp.encode()) == stamp


def test_observe_a_remote_with_a_full_counter() -> None:
    remote = Stamp(5_000, 999_999, "other")
    clock = HybridClock(OFFICE, now=FakeWall(1_000))
    merged = clock.observe(remote)
    assert merged.encode() > remote.encode()
    assert Stamp.decode(merged.encode()) == merged
