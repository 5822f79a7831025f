"""Find the clashes in a timetable.

Double bookings (a presenter, a room or an audience in two sessions at once, or a presenter scheduled while
unavailable) come from one sweep over each day: every session claims resource paths such as ``("room", 3)`` or
``("audience", group_id, sub_group_id)``, and two claims clash when their intervals overlap and one path is a
prefix of the other. That single rule gives the audience hierarchy: "everyone" is ``("audience",)`` and so clashes
with every group; a sub-group clashes with its parent group; sibling sub-groups never meet. The sweep takes the
sessions in start order and keeps the running claims in a trie, so a run costs O(n log n) plus the clashes found.

Pure: frozen dataclasses in, sorted ``Clash`` values out; no Django.
"""

from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, time
from enum import StrEnum
from itertools import chain
from operator import attrgetter


class SessionState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


class Severity(StrEnum):
    BLOCKING = "blocking"
    WARNING = "warning"


class ClashKind(StrEnum):
    """Kinds of clash, in the order they are listed for the same time."""

    OUTSIDE_EVENT = "outside_event"
    PRESENTER = "presenter"
    PRESENTER_UNAVAILABLE = "presenter_unavailable"
    ROOM = "room"
    AUDIENCE = "audience"
    OVER_CAPACITY = "over_capacity"

    @property
    def severity(self) -> Severity:
        return Severity.WARNING if self is ClashKind.OVER_CAPACITY else Severity.BLOCKING


@dataclass(frozen=True, slots=True)
class Room:
    id: int
    name: str
    capacity: int


@dataclass(frozen=True, slots=True)
class Presenter:
    id: int
    name: str = field(compare=False)


@dataclass(frozen=True, slots=True)
class Group:
    """A home group; a visiting group is a home group too, so its visit clashes with its own sessions."""

    id: int
    name: str = field(compare=False)


@dataclass(frozen=True, slots=True)
class SubGroup:
    id: int
    name: str = field(compare=False)
    group: Group


@dataclass(frozen=True, slots=True)
class Everyone:
    """Every student at the event."""


EVERYONE = Everyone()

type AudienceKey = Group | SubGroup | Everyone


@dataclass(frozen=True, slots=True)
class Session:
    id: int
    title: str
    day: date
    start: time
    end: time
    room: Room | None = None
    presenters: frozenset[Presenter] = frozenset()
    audience: frozenset[AudienceKey] = frozenset()
    audience_size: int = 0
    state: SessionState = SessionState.SCHEDULED

    def __post_init__(self) -> None:
        if self.start >= self.end:
            raise ValueError(f"Session {self.id} '{self.title}' must end after it starts")


@dataclass(frozen=True, slots=True)
class Unavailability:
    presenter_id: int
    day: date
    start: time
    end: time

    def __post_init__(self) -> None:
        if self.start >= self.end:
            raise ValueError(f"Unavailability of presenter {self.presenter_id} must end after it starts")


@dataclass(frozen=True, slots=True)
class EventBounds:
    days: tuple[date, ...]
    day_start: time
    day_end: time

    def __post_init__(self) -> None:
        if self.day_start >= self.day_end:
            raise ValueError("The event's day must end after it starts")


@dataclass(frozen=True, slots=True)
class Clash:
    kind: ClashKind
    severity: Severity
    session_ids: tuple[int, ...]  # ascending
    day: date
    start: time  # the clashing interval
    end: time
    reason: str


def find_clashes(
    sessions: Iterable[Session], *, bounds: EventBounds, unavailability: Iterable[Unavailability] = ()
) -> list[Clash]:
    """Every clash among the sessions that are not cancelled, sorted by time, kind and sessions."""
    live = _live(sessions)
    clashes = [clash for session in live for clash in _single_session_clashes(session, bounds)]
    clashes += _double_bookings(live, unavailability)
    return sorted(clashes, key=_clash_order)


def check_session(
    candidate: Session,
    others: Iterable[Session],
    *,
    bounds: EventBounds,
    unavailability: Iterable[Unavailability] = (),
) -> list[Clash]:
    """The clashes `candidate` takes part in when placed among `others` (any older version of it is replaced)."""
    nearby = [other for other in others if other.id != candidate.id and _overlap(other, candidate)]
    presenter_ids = {presenter.id for presenter in candidate.presenters}
    busy = [slot for slot in unavailability if slot.presenter_id in presenter_ids and _overlap(slot, candidate)]
    clashes = find_clashes([candidate, *nearby], bounds=bounds, unavailability=busy)
    return [clash for clash in clashes if candidate.id in clash.session_ids]


def _live(sessions: Iterable[Session]) -> list[Session]:
    seen: set[int] = set()
    live = []
    for session in sessions:
        if session.id in seen:
            raise ValueError(f"Session id {session.id} appears more than once")
        seen.add(session.id)
        if session.state is not SessionState.CANCELLED:
            live.append(session)
    return live


def _overlap(a: Session | Unavailability, b: Session | Unavailability) -> bool:
    return a.day == b.day and a.start < b.end and b.start < a.end


# Clashes of one session on its own


def _single_session_clashes(session: Session, bounds: EventBounds) -> Iterator[Clash]:
    title, day = session.title, session.day
    if day not in bounds.days:
        yield _clash(ClashKind.OUTSIDE_EVENT, session, f"'{title}' is on {_day(day)}, which is not an event day")
    elif session.start < bounds.day_start or session.end > bounds.day_end:
        times, hours = _times(session.start, session.end), _times(bounds.day_start, bounds.day_end)
        reason = f"'{title}' runs {times} on {_day(day)}, outside the event's hours {hours}"
        yield _clash(ClashKind.OUTSIDE_EVENT, session, reason)
    room = session.room
    if room is not None and session.audience_size > room.capacity:
        reason = f"'{title}' has an audience of {session.audience_size} but room '{room.name}' seats {room.capacity}"
        yield _clash(ClashKind.OVER_CAPACITY, session, reason)


def _clash(kind: ClashKind, session: Session, reason: str) -> Clash:
    return Clash(kind, kind.severity, (session.id,), session.day, session.start, session.end, reason)


# Double bookings, found by sweeping each day's claims on resources

type _Path = tuple[Hashable, ...]
type _Owner = Session | Unavailability
type _Claim = tuple[_Owner, _Path]  # a session's (or an unavailability's) hold on one resource


def _double_bookings(live: list[Session], unavailability: Iterable[Unavailability]) -> list[Clash]:
    days: dict[date, list[_Owner]] = defaultdict(list)
    for owner in chain(live, unavailability):
        days[owner.day].append(owner)
    found: dict[tuple[Clash, _Path], Clash] = {}
    for a, b in _overlapping_claims(days):
        clash = _pair_clash(a, b)
        if clash is not None:
            contested = max(a[1], b[1], key=len)  # e.g. the sub-group when it meets its parent group
            found.setdefault((clash, contested), clash)
    return list(found.values())


def _overlapping_claims(days: dict[date, list[_Owner]]) -> Iterator[tuple[_Claim, _Claim]]:
    """Each pair of overlapping claims on related paths, once, by a sweep of each day in start order."""
    running = _RunningClaims(())  # shared by the days, which keeps its nodes
    found: list[_Claim] = []  # reused: most claims meet nothing
    for owners in days.values():
        for owner in sorted(owners, key=attrgetter("start")):
            for path in _paths(owner):
                running.meet(path, owner, found)
                for other in found:
                    yield other, (owner, path)
                found.clear()


def _paths(owner: _Owner) -> list[_Path]:
    if isinstance(owner, Unavailability):
        return [("presenter", owner.presenter_id)]
    paths: list[_Path] = [("presenter", presenter.id) for presenter in owner.presenters]
    if owner.room is not None:
        paths.append(("room", owner.room.id))
    paths += map(_audience_path, owner.audience)
    return paths


def _audience_path(key: AudienceKey) -> _Path:
    match key:
        case Everyone():
            return ("audience",)
        case Group():
            return ("audience", key.id)
        case SubGroup():
            return ("audience", key.group.id, key.id)
    raise TypeError(f"Not an audience key: {key!r}")


class _RunningClaims:
    """A trie, by resource path, of the claims running at the sweep's current instant.

    Claims that have ended (or belong to a day already swept) are dropped lazily, when their node is next visited.
    Each is dropped once, so beyond sorting the sweep costs O(claims + clashes). Emptied nodes are pruned when a
    walk of their subtree finds them.
    """

    __slots__ = ("children", "owners", "path")

    def __init__(self, path: _Path) -> None:
        self.path = path
        self.owners: list[_Owner] = []
        self.children: dict[Hashable, _RunningClaims] = {}

    def meet(self, path: _Path, owner: _Owner, found: list[_Claim]) -> None:
        """Add to `found` the running claims on `path`, on a prefix of it or below it; then `owner` holds `path` too."""
        node = self
        for part in path:
            node._collect_here(owner, found)  # e.g. "everyone", or the parent group of a sub-group
            child = node.children.get(part)
            if child is None:
                child = node.children[part] = _RunningClaims((*node.path, part))
            node = child
        node._collect_below(owner, found)  # the same resource, or e.g. the sub-groups of a group
        node.owners.append(owner)

    def _collect_here(self, newcomer: _Owner, found: list[_Claim]) -> None:
        """Drop the claims here that end by the newcomer's start (touching intervals do not clash); add the rest."""
        if self.owners:
            day, now = newcomer.day, newcomer.start
            self.owners = [owner for owner in self.owners if owner.end > now and owner.day == day]
            found += [(owner, self.path) for owner in self.owners]

    def _collect_below(self, newcomer: _Owner, found: list[_Claim]) -> bool:
        """Collect the running claims of this subtree, pruning emptied nodes; whether any claims remain."""
        self._collect_here(newcomer, found)
        if self.children:
            for part, child in list(self.children.items()):
                if not child._collect_below(newcomer, found):
                    del self.children[part]
        return bool(self.owners or self.children)


def _pair_clash(a: _Claim, b: _Claim) -> Clash | None:
    match a[0], b[0]:
        case Session() as one, Session() as other if one is not other:
            return _double_booking((one, a[1]), (other, b[1]))
        case Session() as session, Unavailability() as busy:
            return _unavailable(session, a[1], busy)
        case Unavailability() as busy, Session() as session:
            return _unavailable(session, b[1], busy)
    return None  # a session with itself, or two unavailabilities


def _double_booking(a: tuple[Session, _Path], b: tuple[Session, _Path]) -> Clash:
    (one, _), (other, _) = held = sorted((a, b), key=lambda claim: (claim[0].start, claim[0].end, claim[0].id))
    kind = _PATH_KINDS[a[1][0]]
    # Name the more specific resource: the sub-group rather than its parent group, the group rather than everyone.
    label = _label(*max(held, key=lambda claim: len(claim[1])))
    start, end = max(one.start, other.start), min(one.end, other.end)
    verb = "is in two places at once" if kind is ClashKind.PRESENTER else "is double-booked"
    reason = f"{label} {verb}: '{one.title}' and '{other.title}' overlap {_times(start, end)} on {_day(one.day)}"
    return Clash(kind, kind.severity, tuple(sorted((one.id, other.id))), one.day, start, end, reason)


_PATH_KINDS = {"room": ClashKind.ROOM, "presenter": ClashKind.PRESENTER, "audience": ClashKind.AUDIENCE}


def _unavailable(session: Session, path: _Path, busy: Unavailability) -> Clash:
    kind = ClashKind.PRESENTER_UNAVAILABLE
    reason = (
        f"{_label(session, path)} is unavailable {_times(busy.start, busy.end)} on {_day(busy.day)} "
        f"but presents '{session.title}' {_times(session.start, session.end)}"
    )
    start, end = max(session.start, busy.start), min(session.end, busy.end)
    return Clash(kind, kind.severity, (session.id,), session.day, start, end, reason)


# Formatting and ordering


def _label(session: Session, path: _Path) -> str:
    """Name the resource that `session` holds at `path`."""
    if path[0] == "room" and session.room is not None:
        return f"Room '{session.room.name}'"
    if path[0] == "presenter":
        return next(f"Presenter '{person.name}'" for person in session.presenters if person.id == path[1])
    match next(key for key in session.audience if _audience_path(key) == path):
        case Group() as group:
            return f"Group '{group.name}'"
        case SubGroup() as subgroup:
            return f"Sub-group '{subgroup.name}' of '{subgroup.group.name}'"
    return "Everyone"


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def _times(start: time, end: time) -> str:
    return f"{start:%H:%M}–{end:%H:%M}"


_KIND_ORDER = {kind: index for index, kind in enumerate(ClashKind)}


def _clash_order(clash: Clash) -> tuple[date, time, time, int, tuple[int, ...], str]:
    return clash.day, clash.start, clash.end, _KIND_ORDER[clash.kind], clash.session_ids, clash.reason
