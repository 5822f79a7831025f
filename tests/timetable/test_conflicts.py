from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import date, time
from itertools import combinations
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timetable.conflicts import (
    EVERYONE,
    AudienceKey,
    Clash,
    ClashKind,
    EventBounds,
    Group,
    Presenter,
    Room,
    Session,
    SessionState,
    Severity,
    SubGroup,
    Unavailability,
    check_session,
    find_clashes,
)

MON, TUE, SAT = date(2025, 6, 9), date(2025, 6, 10), date(2025, 6, 14)
BOUNDS = EventBounds(tuple(date(2025, 6, day) for day in range(9, 14)), time(9), time(16))

HOPE = Room(1, "Hope 101", capacity=30)
EDEN = Room(2, "Eden 2", capacity=30)
LISA = Presenter(1, "Lisa Horne")
DANNY = Presenter(2, "Danny Blair")
CANCER = Group(1, "Cancer services")
RADIOGRAPHY = Group(2, "Radiography")  # visits cancer services for "Introduction to cancer"
CANCER_1 = SubGroup(11, "Cancer 1", CANCER)
CANCER_2 = SubGroup(12, "Cancer 2", CANCER)

BLOCKING, WARNING = Severity.BLOCKING, Severity.WARNING


def at(text: str) -> time:
    return time.fromisoformat(text)


def session(
    id: int,
    title: str,
    start: str,
    end: str,
    *,
    day: date = MON,
    room: Room | None = None,
    presenters: tuple[Presenter, ...] = (),
    audience: tuple[AudienceKey, ...] = (),
    size: int = 0,
    state: SessionState = SessionState.SCHEDULED,
) -> Session:
    return Session(id, title, day, at(start), at(end), room, frozenset(presenters), frozenset(audience), size, state)


def clash(kind: ClashKind, severity: Severity, ids: tuple[int, ...], start: str, end: str, reason: str) -> Clash:
    return Clash(kind, severity, ids, MON, at(start), at(end), reason)


# Exact values, one clash kind at a time

MARKETPLACE = session(1, "Marketplace", "10:00", "11:00", room=HOPE, presenters=(LISA,), audience=(CANCER_1,))


def tour(start: str, end: str, **fields: Any) -> Session:
    return session(2, "Campus tour", start, end, **fields)


@pytest.mark.parametrize(
    ("other", "expected"),
    [
        pytest.param(
            tour("09:30", "10:30", room=HOPE),
            [
                clash(
                    ClashKind.ROOM,
                    BLOCKING,
                    (1, 2),
                    "10:00",
                    "10:30",
                    "Room 'Hope 101' is double-booked: 'Campus tour' and 'Marketplace' overlap "
                    "10:00–10:30 on Mon 9 Jun",
                )
            ],
            id="room",
        ),
        pytest.param(
            tour("10:30", "12:00", presenters=(LISA, DANNY), room=EDEN),
            [
                clash(
                    ClashKind.PRESENTER,
                    BLOCKING,
                    (1, 2),
                    "10:30",
                    "11:00",
                    "Presenter 'Lisa Horne' is in two places at once: 'Marketplace' and 'Campus tour' overlap "
                    "10:30–11:00 on Mon 9 Jun",
                )
            ],
            id="presenter",
        ),
        pytest.param(
            tour("10:15", "10:45", audience=(CANCER_1,)),
            [
                clash(
                    ClashKind.AUDIENCE,
                    BLOCKING,
                    (1, 2),
                    "10:15",
                    "10:45",
                    "Sub-group 'Cancer 1' of 'Cancer services' is double-booked: 'Marketplace' and 'Campus tour' "
                    "overlap 10:15–10:45 on Mon 9 Jun",
                )
            ],
            id="same-sub-group",
        ),
        pytest.param(
            tour("09:00", "12:00", audience=(CANCER,)),
            [
                clash(
                    ClashKind.AUDIENCE,
                    BLOCKING,
                    (1, 2),
                    "10:00",
                    "11:00",
                    "Sub-group 'Cancer 1' of 'Cancer services' is double-booked: 'Campus tour' and 'Marketplace' "
                    "overlap 10:00–11:00 on Mon 9 Jun",
                )
            ],
            id="sub-group-and-its-home-group",
        ),
        pytest.param(
            tour("10:00", "11:00", audience=(EVERYONE,)),
            [
                clash(
                    ClashKind.AUDIENCE,
                    BLOCKING,
                    (1, 2),
                    "10:00",
                    "11:00",
                    "Sub-group 'Cancer 1' of 'Cancer services' is double-booked: 'Marketplace' and 'Campus tour' "
                    "overlap 10:00–11:00 on Mon 9 Jun",
                )
            ],
            id="everyone",
        ),
        pytest.param(tour("10:00", "11:00", room=EDEN, presenters=(DANNY,), audience=(CANCER_2,)), [], id="siblings"),
        pytest.param(tour("10:00", "11:00", audience=(RADIOGRAPHY,)), [], id="other-group"),
        pytest.param(
            tour("11:00", "12:00", room=HOPE, presenters=(LISA,), audience=(CANCER,)), [], id="touching-after"
        ),
        pytest.param(
            tour("09:00", "10:00", room=HOPE, presenters=(LISA,), audience=(CANCER,)), [], id="touching-before"
        ),
        pytest.param(tour("10:00", "11:00", room=HOPE, day=TUE), [], id="another-day"),
        pytest.param(
            tour("10:00", "11:00", room=HOPE, presenters=(LISA,), audience=(EVERYONE,), state=SessionState.CANCELLED),
            [],
            id="cancelled",
        ),
    ],
)
def test_each_double_booking_is_found_with_its_reason(other: Session, expected: list[Clash]) -> None:
    assert find_clashes([MARKETPLACE, other], bounds=BOUNDS) == expected
    assert find_clashes([other, MARKETPLACE], bounds=BOUNDS) == expected


@pytest.mark.parametrize("state", [SessionState.DRAFT, SessionState.SUBMITTED, SessionState.SCHEDULED])
def test_drafts_and_submitted_sessions_are_checked_too(state: SessionState) -> None:
    other = tour("10:00", "11:00", room=HOPE, state=state)
    assert [clash.kind for clash in find_clashes([MARKETPLACE, other], bounds=BOUNDS)] == [ClashKind.ROOM]


@pytest.mark.parametrize(
    ("first", "second", "reasons"),
    [
        pytest.param(
            (EVERYONE,),
            (EVERYONE,),
            ["Everyone is double-booked: 'Welcome' and 'Intro' overlap 09:30–10:00 on Mon 9 Jun"],
            id="everyone-twice",
        ),
        pytest.param(
            (EVERYONE,),
            (CANCER, RADIOGRAPHY),
            [
                "Group 'Cancer services' is double-booked: 'Welcome' and 'Intro' overlap 09:30–10:00 on Mon 9 Jun",
                "Group 'Radiography' is double-booked: 'Welcome' and 'Intro' overlap 09:30–10:00 on Mon 9 Jun",
            ],
            id="everyone-and-two-groups",
        ),
        pytest.param(
            (RADIOGRAPHY,),
            (CANCER, RADIOGRAPHY),
            ["Group 'Radiography' is double-booked: 'Welcome' and 'Intro' overlap 09:30–10:00 on Mon 9 Jun"],
            id="visiting-group-during-its-own-session",
        ),
        pytest.param(
            (CANCER, CANCER_1),
            (CANCER_1,),
            [
                "Sub-group 'Cancer 1' of 'Cancer services' is double-booked: 'Welcome' and 'Intro' overlap "
                "09:30–10:00 on Mon 9 Jun"
            ],
            id="one-clash-per-contested-audience",
        ),
        pytest.param((EVERYONE,), (), [], id="session-without-audience"),
        pytest.param((CANCER_1,), (CANCER_2,), [], id="sibling-sub-groups"),
    ],
)
def test_audience_clashes(first: tuple[AudienceKey, ...], second: tuple[AudienceKey, ...], reasons: list[str]) -> None:
    welcome = session(1, "Welcome", "09:00", "10:00", audience=first)
    intro = session(2, "Intro", "09:30", "11:00", audience=second)
    clashes = find_clashes([intro, welcome], bounds=BOUNDS)
    assert [clash.reason for clash in clashes] == reasons
    assert all(clash.kind is ClashKind.AUDIENCE and clash.session_ids == (1, 2) for clash in clashes)


@pytest.mark.parametrize(
    ("candidate", "expected"),
    [
        pytest.param(
            session(1, "Careers info", "10:00", "11:00", room=HOPE, size=31),
            [
                clash(
                    ClashKind.OVER_CAPACITY,
                    WARNING,
                    (1,),
                    "10:00",
                    "11:00",
                    "'Careers info' has an audience of 31 but room 'Hope 101' seats 30",
                )
            ],
            id="over-capacity",
        ),
        pytest.param(session(1, "Careers info", "10:00", "11:00", room=HOPE, size=30), [], id="full-room"),
        pytest.param(session(1, "Careers info", "10:00", "11:00", size=300), [], id="no-room-yet"),
        pytest.param(
            session(1, "Careers info", "08:30", "09:30"),
            [
                clash(
                    ClashKind.OUTSIDE_EVENT,
                    BLOCKING,
                    (1,),
                    "08:30",
                    "09:30",
                    "'Careers info' runs 08:30–09:30 on Mon 9 Jun, outside the event's hours 09:00–16:00",
                )
            ],
            id="before-hours",
        ),
        pytest.param(
            session(1, "Careers info", "15:30", "16:30"),
            [
                clash(
                    ClashKind.OUTSIDE_EVENT,
                    BLOCKING,
                    (1,),
                    "15:30",
                    "16:30",
                    "'Careers info' runs 15:30–16:30 on Mon 9 Jun, outside the event's hours 09:00–16:00",
                )
            ],
            id="after-hours",
        ),
        pytest.param(session(1, "Careers info", "09:00", "16:00"), [], id="whole-day"),
        pytest.param(
            session(1, "Careers info", "10:00", "11:00", day=SAT),
            [
                Clash(
                    ClashKind.OUTSIDE_EVENT,
                    BLOCKING,
                    (1,),
                    SAT,
                    at("10:00"),
                    at("11:00"),
                    "'Careers info' is on Sat 14 Jun, which is not an event day",
                )
            ],
            id="not-an-event-day",
        ),
        pytest.param(
            session(1, "Careers info", "10:00", "11:00", size=31, room=HOPE, state=SessionState.CANCELLED),
            [],
            id="cancelled",
        ),
    ],
)
def test_single_session_clashes(candidate: Session, expected: list[Clash]) -> None:
    assert find_clashes([candidate], bounds=BOUNDS) == expected


@pytest.mark.parametrize(
    ("busy", "expected"),
    [
        pytest.param(
            Unavailability(LISA.id, MON, at("09:00"), at("10:30")),
            [
                clash(
                    ClashKind.PRESENTER_UNAVAILABLE,
                    BLOCKING,
                    (1,),
                    "10:00",
                    "10:30",
                    "Presenter 'Lisa Horne' is unavailable 09:00–10:30 on Mon 9 Jun but presents 'Marketplace' "
                    "10:00–11:00",
                )
            ],
            id="unavailable",
        ),
        pytest.param(Unavailability(LISA.id, MON, at("09:00"), at("10:00")), [], id="touching"),
        pytest.param(Unavailability(LISA.id, TUE, at("09:00"), at("16:00")), [], id="another-day"),
        pytest.param(Unavailability(DANNY.id, MON, at("09:00"), at("16:00")), [], id="another-presenter"),
    ],
)
def test_presenter_unavailability(busy: Unavailability, expected: list[Clash]) -> None:
    assert find_clashes([MARKETPLACE], bounds=BOUNDS, unavailability=[busy, busy]) == expected


def test_clashes_are_sorted_by_time_then_kind() -> None:
    early = session(3, "Welcome", "08:00", "09:15", room=HOPE, audience=(EVERYONE,), size=40)
    late = tour("10:30", "11:30", room=HOPE, presenters=(LISA,))
    clashes = find_clashes([late, MARKETPLACE, early], bounds=BOUNDS)
    assert [(clash.start, clash.kind) for clash in clashes] == [
        (at("08:00"), ClashKind.OUTSIDE_EVENT),
        (at("08:00"), ClashKind.OVER_CAPACITY),
        (at("10:30"), ClashKind.PRESENTER),
        (at("10:30"), ClashKind.ROOM),
    ]


# Checking one candidate, as when an organiser schedules or moves a session


def test_moving_a_session_into_a_busy_room_reports_the_clash() -> None:
    stored = tour("11:00", "12:00", room=HOPE)
    timetable = [MARKETPLACE, stored]
    assert check_session(stored, timetable, bounds=BOUNDS) == []
    moved = replace(stored, start=at("10:30"), end=at("11:30"))
    assert check_session(moved, timetable, bounds=BOUNDS) == [
        clash(
            ClashKind.ROOM,
            BLOCKING,
            (1, 2),
            "10:30",
            "11:00",
            "Room 'Hope 101' is double-booked: 'Marketplace' and 'Campus tour' overlap 10:30–11:00 on Mon 9 Jun",
        )
    ]


def test_checking_a_candidate_ignores_clashes_between_the_others() -> None:
    rival = tour("10:00", "11:00", room=HOPE)
    candidate = session(3, "Careers info", "10:00", "11:00", room=EDEN, presenters=(DANNY,))
    busy = Unavailability(LISA.id, MON, at("09:00"), at("16:00"))
    assert check_session(candidate, [MARKETPLACE, rival], bounds=BOUNDS, unavailability=[busy]) == []


# Invalid input


@pytest.mark.parametrize(
    "build",
    [
        pytest.param(lambda: session(1, "Backwards", "11:00", "10:00"), id="session-ends-before-it-starts"),
        pytest.param(lambda: session(1, "Empty", "10:00", "10:00"), id="session-without-length"),
        pytest.param(lambda: Unavailability(1, MON, at("11:00"), at("11:00")), id="unavailability-without-length"),
        pytest.param(lambda: EventBounds((MON,), at("16:00"), at("09:00")), id="event-day-backwards"),
        pytest.param(lambda: find_clashes([MARKETPLACE, MARKETPLACE], bounds=BOUNDS), id="duplicate-session-id"),
    ],
)
def test_invalid_input_is_refused(build: Callable[[], object]) -> None:
    with pytest.raises(ValueError, match=r"must end after it starts|appears more than once"):
        build()


# Properties on random small timetables

DAYS = (MON, TUE)
ROOMS = (Room(1, "A", 10), Room(2, "B", 20))
PRESENTERS = tuple(Presenter(id, f"P{id}") for id in (1, 2, 3))
GROUP_1, GROUP_2 = Group(1, "G1"), Group(2, "G2")
AUDIENCE = (EVERYONE, GROUP_1, GROUP_2, SubGroup(11, "G1a", GROUP_1), SubGroup(12, "G1b", GROUP_1))
PAIR_KINDS = {ClashKind.ROOM, ClashKind.PRESENTER, ClashKind.AUDIENCE, ClashKind.PRESENTER_UNAVAILABLE}


def quarter_hours(first: int, last: int) -> st.SearchStrategy[tuple[time, time]]:
    """Intervals on a coarse grid, so that overlaps and touching ends are common."""

    def interval(start: int, length: int) -> tuple[time, time]:
        end = start + length
        return time(start // 4, start % 4 * 15), time(end // 4, end % 4 * 15)

    return st.builds(interval, st.integers(first, last), st.integers(1, 8))


@st.composite
def timetables(draw: st.DrawFn) -> list[Session]:
    rows = draw(st.lists(st.tuples(st.sampled_from(DAYS), quarter_hours(32, 64)), max_size=12))
    return [
        Session(
            id=id,
            title=f"S{id}",
            day=day,
            start=start,
            end=end,
            room=draw(st.none() | st.sampled_from(ROOMS)),
            presenters=draw(st.frozensets(st.sampled_from(PRESENTERS), max_size=2)),
            audience=draw(st.frozensets(st.sampled_from(AUDIENCE), max_size=2)),
            audience_size=draw(st.integers(0, 25)),
            state=draw(st.sampled_from(SessionState)),
        )
        for id, (day, (start, end)) in enumerate(rows, start=1)
    ]


unavailabilities = st.lists(
    st.builds(
        lambda presenter, day, interval: Unavailability(presenter.id, day, *interval),
        st.sampled_from(PRESENTERS),
        st.sampled_from(DAYS),
        quarter_hours(32, 64),
    ),
    max_size=3,
)


def contested(a: AudienceKey, b: AudienceKey) -> AudienceKey | None:
    """The audience two sessions both claim, stated directly from the rules."""
    if a == b or b == EVERYONE or (isinstance(a, SubGroup) and a.group == b):
        return a
    if a == EVERYONE or (isinstance(b, SubGroup) and b.group == a):
        return b
    return None


def brute_force(sessions: list[Session], unavailability: list[Unavailability]) -> Counter[tuple[object, ...]]:
    """Double bookings by comparing every pair: the O(n^2) reference for the sweep."""
    live = [session for session in sessions if session.state is not SessionState.CANCELLED]
    found: set[tuple[object, ...]] = set()
    for a, b in combinations(live, 2):
        if a.day != b.day or a.end <= b.start or b.end <= a.start:
            continue
        pair = (tuple(sorted((a.id, b.id))), a.day, max(a.start, b.start), min(a.end, b.end))
        if a.room is not None and b.room is not None and a.room.id == b.room.id:
            found.add((ClashKind.ROOM, *pair, a.room))
        found.update((ClashKind.PRESENTER, *pair, presenter) for presenter in a.presenters & b.presenters)
        shared = {contested(x, y) for x in a.audience for y in b.audience} - {None}
        found.update((ClashKind.AUDIENCE, *pair, key) for key in shared)
    for session in live:
        for busy in unavailability:
            if (
                busy.presenter_id in {presenter.id for presenter in session.presenters}
                and busy.day == session.day
                and busy.start < session.end
                and session.start < busy.end
            ):
                window = (session.day, max(session.start, busy.start), min(session.end, busy.end))
                found.add((ClashKind.PRESENTER_UNAVAILABLE, (session.id,), *window, busy))
    return Counter(entry[:5] for entry in found)


@given(timetables(), unavailabilities)
def test_sweep_finds_the_same_double_bookings_as_comparing_every_pair(
    sessions: list[Session], unavailability: list[Unavailability]
) -> None:
    clashes = find_clashes(sessions, bounds=BOUNDS, unavailability=unavailability)
    swept = Counter(
        (clash.kind, clash.session_ids, clash.day, clash.start, clash.end)
        for clash in clashes
        if clash.kind in PAIR_KINDS
    )
    assert swept == brute_force(sessions, unavailability)
    assert all(clash.severity is clash.kind.severity for clash in clashes)


@given(timetables(), unavailabilities, st.data())
def test_results_do_not_depend_on_input_order(
    sessions: list[Session], unavailability: list[Unavailability], data: st.DataObject
) -> None:
    shuffled = data.draw(st.permutations(sessions))
    unavailability_shuffled = data.draw(st.permutations(unavailability))
    assert find_clashes(shuffled, bounds=BOUNDS, unavailability=unavailability_shuffled) == find_clashes(
        sessions, bounds=BOUNDS, unavailability=unavailability
    )


@given(timetables(), unavailabilities, st.data())
def test_checking_one_session_agrees_with_checking_the_whole_timetable(
    sessions: list[Session], unavailability: list[Unavailability], data: st.DataObject
) -> None:
    candidate = data.draw(st.sampled_from(sessions)) if sessions else session(1, "Alone", "10:00", "11:00")
    everything = find_clashes(sessions, bounds=BOUNDS, unavailability=unavailability)
    involving = [clash for clash in everything if candidate.id in clash.session_ids]
    assert check_session(candidate, sessions, bounds=BOUNDS, unavailability=unavailability) == involving
