"""Time `find_clashes` on realistic random timetables of 1,000, 10,000 and 100,000 sessions.

Run from the repository root: ``python -m bench.conflicts``. Each time is the best of a few runs and is shown
beside a baseline from the same run, the time to sort the same sessions by (day, start), so the figures compare
across machines as ratios. Growth is the time's ratio to the previous size, set against n log n growth.
"""

import heapq
import math
import random
import time as clock
from collections import Counter
from collections.abc import Callable
from datetime import date, time, timedelta

from timetable.conflicts import (
    Clash,
    EventBounds,
    Group,
    Presenter,
    Room,
    Session,
    SessionState,
    SubGroup,
    Unavailability,
    find_clashes,
)

DAYS = tuple(date(2025, 6, 9) + timedelta(days=offset) for offset in range(5))
BOUNDS = EventBounds(DAYS, time(9), time(16))
SIZES = (1_000, 10_000, 100_000)
REPEATS = 5
TARGET_N, TARGET_SECONDS = 10_000, 1.0
MISTAKE = 0.005  # chance that a room, presenter, audience or time is picked carelessly, making a clash
STATES = (SessionState.SCHEDULED, SessionState.DRAFT, SessionState.SUBMITTED, SessionState.CANCELLED)
STATE_WEIGHTS = (90, 5, 3, 2)

type Slot = tuple[Group, int, int, int, bool]  # group, day index, start and end in minutes, rotation or not


def group_days(rng: random.Random, n: int) -> list[Slot]:
    """Home groups' days from 09:00 to 16:00: sessions of 30 to 90 minutes with short breaks, some as rotations."""
    slots: list[Slot] = []
    while len(slots) < n:
        group = Group(len(slots), f"Group {len(slots)}")
        for day in range(len(DAYS)):
            start = 9 * 60
            while (end := start + rng.choice((30, 45, 60, 90))) <= 16 * 60 + (30 if rng.random() < MISTAKE else 0):
                slots.append((group, day, start, end, rng.random() < 0.15))
                start = end + rng.choice((0, 0, 15, 30))
    return slots


class Pool[T]:
    """Hands out the resource that has been free longest, or now and then a random one (a mistake)."""

    def __init__(self, rng: random.Random, items: list[T]) -> None:
        self._rng = rng
        self._items = items
        self._free = [((0, 0), index) for index in range(len(items))]

    def take(self, day: int, start: int, end: int) -> T:
        if self._rng.random() < MISTAKE:
            return self._rng.choice(self._items)
        free_at, index = self._free[0]
        if free_at <= (day, start):  # otherwise everything is busy: double-book the first to come free
            heapq.heapreplace(self._free, ((day, end), index))
        return self._items[index]


def timetable(n: int, seed: int = 0) -> tuple[list[Session], list[Unavailability]]:
    """About 30 sessions a week per home group, in many rooms run by many presenters, with sparse clashes."""
    rng = random.Random(seed)
    plan = sorted(group_days(rng, n), key=lambda slot: (slot[1], slot[2]))
    groups = len({slot[0] for slot in plan})
    rooms = Pool(rng, [Room(i, f"Room {i}", rng.choice((30, 40, 60))) for i in range(groups * 2)])
    presenters = Pool(rng, [Presenter(i, f"Presenter {i}") for i in range(groups * 3)])
    sessions: list[Session] = []
    for group, day, start, end, rotation in plan:
        audiences = (
            [SubGroup(group.id * 3 + i, f"{group.name}{'abc'[i]}", group) for i in range(3)] if rotation else [group]
        )
        for audience in audiences:
            keys = {audience, Group(rng.randrange(groups), "Stray")} if rng.random() < MISTAKE else {audience}
            size = rng.randint(15, 30) if audience is group else rng.randint(5, 10)
            sessions.append(
                Session(
                    id=len(sessions) + 1,
                    title=f"Session {len(sessions) + 1}",
                    day=DAYS[day],
                    start=time(start // 60, start % 60),
                    end=time(end // 60, end % 60),
                    room=rooms.take(day, start, end),
                    presenters=frozenset(presenters.take(day, start, end) for _ in range(rng.choice((1, 1, 1, 2)))),
                    audience=frozenset(keys),
                    audience_size=size + (40 if rng.random() < MISTAKE else 0),
                    state=rng.choices(STATES, STATE_WEIGHTS)[0],
                )
            )
    sessions = sessions[:n]
    rng.shuffle(sessions)
    away = [
        Unavailability(rng.randrange(groups * 3), rng.choice(DAYS), time(hour), time(hour + rng.randint(1, 3)))
        for hour in (rng.randint(9, 13) for _ in range(n // 100))
    ]
    return sessions, away


def best_times(*runs: Callable[[], object]) -> list[float]:
    """The best time of each run over a few rounds, interleaved so that a busy machine slows them alike."""
    best = [math.inf] * len(runs)
    for _ in range(REPEATS):
        for index, run in enumerate(runs):
            started = clock.perf_counter()
            run()
            best[index] = min(best[index], clock.perf_counter() - started)
    return best


def measure(n: int) -> tuple[list[Clash], float, float]:
    """The clashes in a timetable of n sessions, the time to find them, and the time to sort the sessions."""
    sessions, away = timetable(n)

    def run() -> list[Clash]:
        return find_clashes(sessions, bounds=BOUNDS, unavailability=away)

    elapsed, baseline = best_times(run, lambda: sorted(sessions, key=lambda session: (session.day, session.start)))
    return run(), elapsed, baseline


HEADINGS = ("sessions", "clashes", "time", "baseline", "ratio", "growth", "baseline", "n log n", "growth/nlogn")


def row(cells: tuple[str, ...]) -> str:
    return " ".join(f"{cell:>{max(len(heading), 9)}}" for cell, heading in zip(cells, HEADINGS, strict=True))


def main() -> None:
    print(f"find_clashes, best of {REPEATS} interleaved runs; baseline: sorting the same sessions by (day, start)")
    print("ratio: time / baseline; growth: ratio to the previous size, for the time, the baseline and n log n\n")
    print(row(HEADINGS))
    previous: tuple[int, float, float] | None = None
    timings: dict[int, float] = {}
    for n in SIZES:
        clashes, elapsed, baseline = measure(n)
        cells = (f"{n:,}", f"{len(clashes):,}", f"{elapsed:.3f} s", f"{baseline:.4f} s", f"{elapsed / baseline:.0f}x")
        growth = ("", "", "", "")
        if previous is not None:
            was_n, was_elapsed, was_baseline = previous
            rate, nlogn = elapsed / was_elapsed, n * math.log(n) / (was_n * math.log(was_n))
            growth = (f"{rate:.1f}x", f"{baseline / was_baseline:.1f}x", f"{nlogn:.1f}x", f"{rate / nlogn:.2f}")
        print(row(cells + growth).rstrip())
        kinds = Counter(clash.kind.value for clash in clashes)
        print(f"{'':>9} by kind: {', '.join(f'{kind} {count:,}' for kind, count in sorted(kinds.items()))}")
        timings[n] = elapsed
        previous = (n, elapsed, baseline)
    verdict = "met" if timings[TARGET_N] <= TARGET_SECONDS else "MISSED"
    print(f"\ntarget: {TARGET_N:,} sessions in at most {TARGET_SECONDS:.0f} s: {verdict} ({timings[TARGET_N]:.3f} s)")


if __name__ == "__main__":
    main()
