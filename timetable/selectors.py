"""Reads of the timetable, each a fixed number of queries however many sessions there are.

`sessions_for_event` fetches sessions with everything a grid, list or feed shows (one query for the sessions
and one per related set); the clash checks adapt those rows into the dataclasses of `timetable.conflicts`.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from applications.models import GroupVisit, HomeGroup
from eventsite.models import Event
from profiles.models import JobProfile, QRLink
from timetable import conflicts
from timetable.models import (
    Organisation,
    Presenter,
    PublicTimetable,
    Room,
    Rotation,
    Session,
    SessionState,
    SubGroup,
    Unavailability,
)

# Group sizes for the room-capacity check: the group's members once allocated, its capacity until then.
_GROUP_SIZE = Count("members", distinct=True)


def sessions_for_event(event: Event, *, states: tuple[str, ...] | None = None) -> QuerySet[Session]:
    """The event's sessions in time order, with rooms, presenters, audiences and job profiles (six queries)."""
    sessions = Session.objects.filter(event=event)
    if states is not None:
        sessions = sessions.filter(state__in=states)
    return with_details(sessions)


def with_details(sessions: QuerySet[Session]) -> QuerySet[Session]:
    return sessions.select_related("event", "room", "service_area", "rotation", "owner").prefetch_related(
        Prefetch("presenters", queryset=Presenter.objects.select_related("user", "organisation")),
        Prefetch("home_groups", queryset=HomeGroup.objects.annotate(size=_GROUP_SIZE)),
        Prefetch("sub_groups", queryset=SubGroup.objects.select_related("home_group").annotate(size=_GROUP_SIZE)),
        Prefetch(
            "visits",
            queryset=GroupVisit.objects.select_related("home_group").annotate(
                size=Count("home_group__members", distinct=True)
            ),
        ),
        Prefetch("featured_profiles", queryset=JobProfile.objects.order_by("title")),
    )


def scheduled_sessions(event: Event) -> QuerySet[Session]:
    return sessions_for_event(event, states=(SessionState.SCHEDULED,))


def sessions_for_presenter(event: Event, user) -> QuerySet[Session]:
    """The sessions a staff user entered or presents."""
    mine = Q(owner=user) | Q(presenters__user=user)
    ids = Session.objects.filter(mine, event=event).values("pk")
    return with_details(Session.objects.filter(pk__in=ids))


def sessions_for_home_group(home_group: HomeGroup) -> QuerySet[Session]:
    """A home group's scheduled week: its own sessions, its sub-groups', its visits and sessions for everyone."""
    attends = (
        Q(home_groups=home_group)
        | Q(sub_groups__home_group=home_group)
        | Q(visits__home_group=home_group)
        | Q(for_everyone=True)
    )
    ids = Session.objects.filter(attends, event_id=home_group.event_id, state=SessionState.SCHEDULED).values("pk")
    return with_details(Session.objects.filter(pk__in=ids))


def sessions_in_room(room: Room) -> QuerySet[Session]:
    return with_details(Session.objects.filter(room=room, state=SessionState.SCHEDULED))


def sessions_of_presenter(presenter: Presenter) -> QuerySet[Session]:
    return with_details(presenter.sessions.filter(state=SessionState.SCHEDULED))


def rooms_for_event(event: Event) -> QuerySet[Room]:
    return Room.objects.filter(event=event)


def home_groups_for_event(event: Event) -> QuerySet[HomeGroup]:
    return HomeGroup.objects.filter(event=event).select_related("service_area")


def public_timetable(token: str) -> PublicTimetable:
    return PublicTimetable.objects.select_related("home_group__event", "home_group__service_area").get(token=token)


def public_qr_links(event: Event) -> dict[str, QRLink]:
    """The event's QR links that lead to a group's public week, by path (one query)."""
    links = QRLink.objects.filter(event=event, target_path__startswith=PublicTimetable.PATH_PREFIX)
    return {link.target_path: link for link in links}


# Clash checks: the ORM rows adapted to the pure module's dataclasses


@dataclass(frozen=True)
class Clashes:
    """The clashes of the scheduled timetable, and each session's for quick lookup in a grid."""

    all: list[conflicts.Clash]
    by_session: dict[int, list[conflicts.Clash]]

    @property
    def blocking(self) -> list[conflicts.Clash]:
        return [clash for clash in self.all if clash.severity is conflicts.Severity.BLOCKING]


def event_bounds(event: Event) -> conflicts.EventBounds:
    return conflicts.EventBounds(tuple(event.days), event.day_starts_at, event.day_ends_at)


def everyone_size(event: Event) -> int:
    return HomeGroup.objects.filter(event=event).aggregate(n=Count("members"))["n"]


def as_conflict_session(session: Session, *, everyone: int = 0) -> conflicts.Session:
    """The session as `timetable.conflicts` sees it; needs `with_details` (and `everyone` for sessions for all)."""
    audience: set[conflicts.AudienceKey] = set()
    size = everyone if session.for_everyone else 0
    if session.for_everyone:
        audience.add(conflicts.EVERYONE)
    for group in session.home_groups.all():
        audience.add(conflicts.Group(group.pk, group.name))
        size += group.size or group.capacity
    for sub in session.sub_groups.all():
        audience.add(conflicts.SubGroup(sub.pk, sub.name, conflicts.Group(sub.home_group_id, sub.home_group.name)))
        size += sub.size
    for visit in session.visits.all():
        audience.add(conflicts.Group(visit.home_group_id, visit.home_group.name))
        size += visit.size or visit.home_group.capacity
    room = session.room
    return conflicts.Session(
        id=session.pk,
        title=session.title,
        day=session.date,
        start=session.starts_at,
        end=session.ends_at,
        room=conflicts.Room(room.pk, room.name, room.capacity) if room else None,
        presenters=frozenset(conflicts.Presenter(p.pk, p.name) for p in session.presenters.all()),
        audience=frozenset(audience),
        audience_size=size,
        state=conflicts.SessionState(session.state),
    )


def as_conflict_unavailability(event: Event, slots) -> list[conflicts.Unavailability]:
    return [
        conflicts.Unavailability(
            slot.presenter_id, event.start_date + datetime.timedelta(days=slot.day_index), slot.starts_at, slot.ends_at
        )
        for slot in slots
    ]


def timetable_clashes(event: Event, sessions: list[Session] | None = None) -> Clashes:
    """Every clash among the event's scheduled sessions (pass them if already fetched with `with_details`)."""
    if sessions is None:
        sessions = list(scheduled_sessions(event))
    scheduled = [s for s in sessions if s.state == SessionState.SCHEDULED]
    everyone = everyone_size(event) if any(s.for_everyone for s in scheduled) else 0
    found = conflicts.find_clashes(
        [as_conflict_session(s, everyone=everyone) for s in scheduled],
        bounds=event_bounds(event),
        unavailability=as_conflict_unavailability(event, Unavailability.objects.filter(event=event)),
    )
    by_session: dict[int, list[conflicts.Clash]] = defaultdict(list)
    for clash in found:
        for session_id in clash.session_ids:
            by_session[session_id].append(clash)
    return Clashes(found, dict(by_session))


def open_clashes_count(event: Event) -> dict[str, int]:
    """How many clashes the scheduled timetable has, by severity."""
    clashes = timetable_clashes(event).all
    return {severity.value: sum(c.severity is severity for c in clashes) for severity in conflicts.Severity}


# Figures for reports (later issues)


def sessions_per_home_group(event: Event) -> QuerySet[HomeGroup]:
    """Home groups with `session_count`: the scheduled sessions of their week, one query.

    A rotation counts once however many activities and slots it has (the write-up's "students split into 3
    groups" is one of the cancer group's seven sessions); every other session the group, one of its sub-groups,
    or its visit attends counts once, as does each session for everyone.
    """
    single = (
        Session.objects.filter(event=OuterRef("event"), state=SessionState.SCHEDULED, rotation__isnull=True)
        .filter(
            Q(home_groups=OuterRef("pk"))
            | Q(sub_groups__home_group=OuterRef("pk"))
            | Q(visits__home_group=OuterRef("pk"))
            | Q(for_everyone=True)
        )
        .values("event")
        .annotate(n=Count("pk", distinct=True))
        .values("n")
    )
    rotations = (
        Rotation.objects.filter(home_group=OuterRef("pk"), sessions__state=SessionState.SCHEDULED)
        .values("home_group")
        .annotate(n=Count("pk", distinct=True))
        .values("n")
    )
    zero = Value(0, output_field=IntegerField())
    return home_groups_for_event(event).annotate(
        session_count=Coalesce(Subquery(single, output_field=IntegerField()), zero)
        + Coalesce(Subquery(rotations, output_field=IntegerField()), zero)
    )


def visiting_groups_served(event: Event, service_area=None) -> QuerySet[GroupVisit]:
    """The visits that have a scheduled session (optionally of one service area's), one query."""
    visits = GroupVisit.objects.filter(
        service_area__event=event, sessions__state=SessionState.SCHEDULED
    ).select_related("home_group", "service_area")
    if service_area is not None:
        visits = visits.filter(service_area=service_area)
    return visits.distinct().order_by("service_area__order", "home_group__name")


def staff_involved(event: Event) -> QuerySet[Presenter]:
    """The distinct presenters (staff users and named guests) of the event's scheduled sessions, one query."""
    ids = Session.objects.filter(event=event, state=SessionState.SCHEDULED).values("presenters")
    return Presenter.objects.filter(pk__in=ids).select_related("user", "organisation")


def partner_organisations(event: Event) -> QuerySet[Organisation]:
    """The organisations whose staff present scheduled sessions, with `presenter_count`, one query."""
    ids = Session.objects.filter(event=event, state=SessionState.SCHEDULED).values("presenters")
    return (
        Organisation.objects.filter(presenters__in=ids)
        .annotate(presenter_count=Count("presenters", filter=Q(presenters__in=ids), distinct=True))
        .order_by("name")
    )


def sessions_by_day(event: Event) -> list[tuple[datetime.date, list[Session]]]:
    """Every event day with its scheduled sessions in time order (days without sessions too)."""
    by_day: dict[int, list[Session]] = defaultdict(list)
    for session in scheduled_sessions(event):
        by_day[session.day_index].append(session)
    return [(day, by_day.get(index, [])) for index, day in enumerate(event.days)]
