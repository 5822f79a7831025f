"""Writes to the timetable. Every write checks what the database cannot: that a session sits inside the event's
days and hours, uses the event's rooms and groups, and, once scheduled, clashes with nothing that blocks."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone

from applications.models import Application, ApplicationStatus, HomeGroup
from eventsite.models import Event
from eventsite.roles import is_organiser
from profiles.models import QRLink
from profiles.services import qrlink_create
from timetable import conflicts, rotations, selectors
from timetable.models import (
    ChangeRequest,
    ChangeRequestStatus,
    Organisation,
    Presenter,
    PublicTimetable,
    Room,
    Rotation,
    Session,
    SessionKind,
    SessionState,
    SubGroup,
    SubGroupMember,
    Unavailability,
)

EDITABLE_BY_PRESENTER = (SessionState.DRAFT, SessionState.SUBMITTED)


def _hhmm(value: datetime.time) -> str:
    return f"{value:%H:%M}"


def validate_placement(
    *, event: Event, day_index: int, starts_at: datetime.time, ends_at: datetime.time, room: Room | None = None
) -> None:
    """Refuse times that run backwards, a day outside the event, hours outside its day, or another event's room."""
    errors: dict[str, str] = {}
    if ends_at <= starts_at:
        errors["ends_at"] = f"The end ({_hhmm(ends_at)}) must be after the start ({_hhmm(starts_at)})."
    if not 0 <= day_index < event.num_days:
        errors["day_index"] = f"The event has {event.num_days} days; choose one of them."
    if starts_at < event.day_starts_at or ends_at > event.day_ends_at:
        errors.setdefault(
            "starts_at",
            f"{_hhmm(starts_at)}–{_hhmm(ends_at)} is outside the event's hours "
            f"{_hhmm(event.day_starts_at)}–{_hhmm(event.day_ends_at)}.",
        )
    if room is not None and room.event_id != event.pk:
        errors["room"] = f"'{room.name}' is not a room of {event.name}."
    if errors:
        raise ValidationError(errors)


def can_edit(session: Session, user) -> bool:
    """Organisers may edit any session; a presenter only one they entered or present."""
    if is_organiser(user):
        return True
    return session.owner_id == user.pk or session.presenters.filter(user=user).exists()


def _require_editor(session: Session, user) -> None:
    if not can_edit(session, user):
        raise PermissionDenied("You can only change the sessions you entered or present.")


def _clashes_if_scheduled(session: Session) -> list[conflicts.Clash]:
    """The clashes the session would take part in among the event's other scheduled sessions."""
    event = session.event
    others = list(selectors.scheduled_sessions(event).exclude(pk=session.pk))
    candidate = selectors.with_details(Session.objects.filter(pk=session.pk)).get()
    everyone = selectors.everyone_size(event)
    return conflicts.check_session(
        selectors.as_conflict_session(candidate, everyone=everyone),
        [selectors.as_conflict_session(other, everyone=everyone) for other in others],
        bounds=selectors.event_bounds(event),
        unavailability=selectors.as_conflict_unavailability(event, Unavailability.objects.filter(event=event)),
    )


def would_clash(session: Session) -> list[conflicts.Clash]:
    """What scheduling this session would clash with (for showing beside a draft or a submitted session)."""
    return _clashes_if_scheduled(session)


def _lock_event(event_id: int) -> None:
    """Serialise scheduling within one event, so that two organisers cannot each place half of a clash."""
    list(Event.objects.select_for_update().filter(pk=event_id).values_list("pk", flat=True))


def _refuse_blocking(session: Session) -> list[conflicts.Clash]:
    clashes = _clashes_if_scheduled(session)
    blocking = [clash.reason for clash in clashes if clash.severity is conflicts.Severity.BLOCKING]
    if blocking:
        raise ValidationError([f"'{session.title}' cannot be scheduled: {reason}" for reason in blocking])
    return clashes


@dataclass(frozen=True)
class SessionDetails:
    """What a presenter or organiser enters for a session."""

    title: str
    kind: str
    service_area_id: int
    day_index: int
    starts_at: datetime.time
    ends_at: datetime.time
    description: str = ""
    room: Room | None = None
    for_everyone: bool = False
    presenters: Sequence[Presenter] = ()
    home_groups: Sequence[HomeGroup] = ()
    sub_groups: Sequence[SubGroup] = ()
    visits: Sequence = ()
    featured_profiles: Sequence = ()


def _apply(session: Session, details: SessionDetails) -> None:
    validate_placement(
        event=session.event,
        day_index=details.day_index,
        starts_at=details.starts_at,
        ends_at=details.ends_at,
        room=details.room,
    )
    for name in ("title", "kind", "description", "service_area_id", "day_index", "starts_at", "ends_at", "room"):
        setattr(session, name, getattr(details, name))
    session.for_everyone = details.for_everyone
    session.save()
    session.presenters.set(details.presenters)
    session.home_groups.set(details.home_groups)
    session.sub_groups.set(details.sub_groups)
    session.visits.set(details.visits)
    session.featured_profiles.set(details.featured_profiles)


@transaction.atomic
def session_create(*, event: Event, by, details: SessionDetails, state: str = SessionState.DRAFT) -> Session:
    """A new session entered by `by`, who owns it (a draft unless an organiser gives another state)."""
    if state != SessionState.DRAFT and not is_organiser(by):
        raise PermissionDenied("Presenters start with a draft.")
    session = Session(event=event, owner=by, state=SessionState.DRAFT)
    _apply(session, details)
    if state == SessionState.SCHEDULED:
        session_schedule(session=session, by=by)
    elif state != SessionState.DRAFT:
        session.state = state
        session.save(update_fields=["state"])
    return session


@transaction.atomic
def session_update(*, session: Session, by, details: SessionDetails) -> Session:
    """Change a session. A presenter may change only their own, and only before it is scheduled."""
    session = Session.objects.select_for_update().select_related("event").get(pk=session.pk)
    _require_editor(session, by)
    if not is_organiser(by) and session.state not in EDITABLE_BY_PRESENTER:
        raise PermissionDenied(
            f"'{session.title}' is {session.get_state_display().lower()} and locked; ask the organisers for a change."
        )
    _apply(session, details)
    if session.state == SessionState.SCHEDULED:
        _refuse_blocking(session)  # rolls the change back
    return session


@transaction.atomic
def session_submit(*, session: Session, by) -> Session:
    """A presenter hands a draft to the organisers."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    _require_editor(session, by)
    if session.state != SessionState.DRAFT:
        raise ValidationError(f"'{session.title}' is already {session.get_state_display().lower()}.")
    session.state = SessionState.SUBMITTED
    session.save(update_fields=["state", "updated_at"])
    return session


@transaction.atomic
def session_schedule(*, session: Session, by) -> list[conflicts.Clash]:
    """Put a session on the timetable; refused with the reasons while it has a blocking clash.

    Returns the warnings it still has (e.g. an audience larger than the room).
    """
    session = Session.objects.select_for_update().select_related("event").get(pk=session.pk)
    if not is_organiser(by):
        raise PermissionDenied("Only organisers schedule sessions.")
    if session.state == SessionState.CANCELLED:
        raise ValidationError(f"'{session.title}' is cancelled; it cannot be scheduled.")
    if session.room_id is None:
        raise ValidationError(f"'{session.title}' has no room yet; choose one before scheduling it.")
    _lock_event(session.event_id)
    warnings = _refuse_blocking(session)
    session.state = SessionState.SCHEDULED
    session.save(update_fields=["state", "updated_at"])
    return warnings


@transaction.atomic
def session_move(
    *, session: Session, by, day_index: int, starts_at: datetime.time, ends_at: datetime.time, room: Room | None
) -> list[conflicts.Clash]:
    """An organiser moves a session; a scheduled one may not move into a blocking clash (nothing changes then)."""
    if not is_organiser(by):
        raise PermissionDenied("Only organisers move sessions on the grid.")
    session = Session.objects.select_for_update().select_related("event").get(pk=session.pk)
    validate_placement(event=session.event, day_index=day_index, starts_at=starts_at, ends_at=ends_at, room=room)
    if session.state == SessionState.SCHEDULED:
        _lock_event(session.event_id)
    session.day_index, session.starts_at, session.ends_at, session.room = day_index, starts_at, ends_at, room
    session.save(update_fields=["day_index", "starts_at", "ends_at", "room", "updated_at"])
    if session.state == SessionState.SCHEDULED:
        return _refuse_blocking(session)
    return _clashes_if_scheduled(session)


@transaction.atomic
def session_cancel(*, session: Session, by) -> Session:
    if not is_organiser(by):
        raise PermissionDenied("Only organisers cancel sessions.")
    session.state = SessionState.CANCELLED
    session.save(update_fields=["state", "updated_at"])
    return session


@transaction.atomic
def session_delete(*, session: Session, by) -> None:
    """A presenter may delete a draft of their own; anything later is the organisers' to cancel."""
    _require_editor(session, by)
    session = Session.objects.select_for_update().get(pk=session.pk)  # its state as it is now, not as it was read
    if session.state != SessionState.DRAFT and not is_organiser(by):
        raise PermissionDenied(f"'{session.title}' has been submitted; ask the organisers to cancel it.")
    session.delete()


@transaction.atomic
def change_request_create(*, session: Session, by, message: str) -> ChangeRequest:
    _require_editor(session, by)
    if not message.strip():
        raise ValidationError({"message": "Say what should change."})
    return ChangeRequest.objects.create(session=session, requested_by=by, message=message.strip())


@transaction.atomic
def change_request_resolve(*, change_request: ChangeRequest, by, status: str, response: str = "") -> ChangeRequest:
    if not is_organiser(by):
        raise PermissionDenied("Only organisers resolve change requests.")
    if status not in (ChangeRequestStatus.DONE, ChangeRequestStatus.DECLINED):
        raise ValidationError({"status": "Mark the request done or declined."})
    change_request = ChangeRequest.objects.select_for_update().get(pk=change_request.pk)
    if change_request.status != ChangeRequestStatus.OPEN:
        raise ValidationError({"status": "This request has already been resolved."})
    change_request.status = status
    change_request.response = response
    change_request.resolved_by = by
    change_request.resolved_at = timezone.now()
    change_request.save()
    return change_request


# Presenters and their availability


@transaction.atomic
def presenter_profile_save(*, user, organisation: Organisation, job_title: str = "") -> Presenter:
    presenter, _ = Presenter.objects.update_or_create(
        user=user, defaults={"organisation": organisation, "job_title": job_title}
    )
    return presenter


@transaction.atomic
def guest_presenter_create(*, name: str, organisation: Organisation, job_title: str = "") -> Presenter:
    name = name.strip()
    if not name:
        raise ValidationError({"guest_name": "Give the guest's name."})
    return Presenter.objects.create(guest_name=name, organisation=organisation, job_title=job_title)


@transaction.atomic
def unavailability_add(
    *, presenter: Presenter, event: Event, day_index: int, starts_at: datetime.time, ends_at: datetime.time, note=""
) -> Unavailability:
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": f"The end ({_hhmm(ends_at)}) must be after the start ({_hhmm(starts_at)})."})
    if not 0 <= day_index < event.num_days:
        raise ValidationError({"day_index": f"The event has {event.num_days} days; choose one of them."})
    return Unavailability.objects.create(
        presenter=presenter, event=event, day_index=day_index, starts_at=starts_at, ends_at=ends_at, note=note
    )


@transaction.atomic
def unavailability_delete(*, user, pk: int) -> None:
    """A presenter removes one of their own unavailable times; anyone else's is not found."""
    deleted, _ = Unavailability.objects.filter(pk=pk, presenter__user=user).delete()
    if not deleted:
        raise Unavailability.DoesNotExist


# Rooms: deleting one that sessions use is refused with the sessions named


def protected_message(thing: str, error: ProtectedError | RestrictedError) -> str:
    """Name the sessions that hold on to what was to be deleted, with their day and time."""
    held = error.protected_objects if isinstance(error, ProtectedError) else error.restricted_objects
    sessions = {getattr(obj, "session", obj) for obj in held}
    named = sorted(f"'{s.title}' ({s.when})" for s in sessions if isinstance(s, Session))
    return f"{thing} is used by {len(named)} session(s) and was not deleted: " + "; ".join(named)


@transaction.atomic
def room_delete(*, room: Room) -> None:
    try:
        room.delete()
    except (ProtectedError, RestrictedError) as error:
        raise ValidationError(protected_message(f"Room '{room.name}'", error)) from error


# Rotations


@dataclass(frozen=True)
class Activity:
    title: str
    kind: str = SessionKind.WORKSHOP
    room: Room | None = None
    presenters: Sequence[Presenter] = ()
    description: str = ""
    featured_profiles: Sequence = ()


@transaction.atomic
def sub_groups_split(*, home_group: HomeGroup, k: int, seed: int = 0) -> list[SubGroup]:
    """Split a home group's members into k balanced sub-groups, kept all week.

    An existing split of the same size is reused; a different one is replaced only while no session uses it.
    """
    existing = list(home_group.sub_groups.all())
    if len(existing) == k:
        return existing
    if existing:
        try:
            home_group.sub_groups.all().delete()
        except (ProtectedError, RestrictedError) as error:
            raise ValidationError(protected_message(f"The sub-groups of '{home_group.name}'", error)) from error
    members = list(
        Application.objects.filter(home_group=home_group, status=ApplicationStatus.ACCEPTED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if len(members) < k:
        raise ValidationError(f"'{home_group.name}' has {len(members)} students; it cannot be split into {k}.")
    groups = []
    for order, part in enumerate(rotations.split_into_subgroups(members, k, seed=seed)):
        sub = SubGroup.objects.create(home_group=home_group, name=f"Group {order + 1}", order=order)
        SubGroupMember.objects.bulk_create(SubGroupMember(sub_group=sub, application_id=pk) for pk in part)
        groups.append(sub)
    return groups


@transaction.atomic
def rotation_create(
    *,
    home_group: HomeGroup,
    title: str,
    service_area_id: int,
    activities: Sequence[Activity],
    day_index: int,
    first_start: datetime.time,
    slot_minutes: int,
    by,
    seed: int = 0,
    state: str = SessionState.SCHEDULED,
) -> Rotation:
    """k sub-groups take k activities in k back-to-back slots (a Latin square): one session per sub-group a slot.

    The sessions are scheduled at once unless `state` says otherwise; a blocking clash refuses the whole rotation.
    """
    k = len(activities)
    if k < 2:
        raise ValidationError("A rotation needs at least two activities.")
    event = home_group.event
    start = datetime.datetime.combine(event.start_date, first_start)
    bounds = [start + datetime.timedelta(minutes=slot_minutes * j) for j in range(k + 1)]
    if slot_minutes < 1 or bounds[-1].date() != event.start_date:
        raise ValidationError("The rotation's slots must be at least a minute long and end on the same day.")
    slots = [(bounds[j].time(), bounds[j + 1].time()) for j in range(k)]
    for slot_start, slot_end in slots:
        validate_placement(event=event, day_index=day_index, starts_at=slot_start, ends_at=slot_end)
    sub_groups = sub_groups_split(home_group=home_group, k=k, seed=seed)
    # The students are already split; the plan gives the Latin square of sub-group x slot -> activity.
    plan = rotations.plan_rotation(list(range(k)), k, list(range(k)), slots, seed=seed)
    rotation = Rotation.objects.create(event=event, home_group=home_group, title=title)
    for visit in plan.visits:
        activity = activities[visit.activity]
        session = session_create(
            event=event,
            by=by,
            details=SessionDetails(
                title=activity.title,
                kind=activity.kind,
                description=activity.description,
                service_area_id=service_area_id,
                day_index=day_index,
                starts_at=visit.slot[0],
                ends_at=visit.slot[1],
                room=activity.room,
                presenters=activity.presenters,
                featured_profiles=activity.featured_profiles,
                sub_groups=[sub_groups[visit.subgroup]],
            ),
        )
        session.rotation = rotation
        session.save(update_fields=["rotation"])
    for session in rotation.sessions.all():
        if state == SessionState.SCHEDULED:
            session_schedule(session=session, by=by)
        elif state != SessionState.DRAFT:
            session.state = state
            session.save(update_fields=["state"])
    return rotation


# Public group pages


@transaction.atomic
def public_timetable_get_or_create(*, home_group: HomeGroup) -> PublicTimetable:
    link, _ = PublicTimetable.objects.get_or_create(home_group=home_group)
    return link


@transaction.atomic
def public_timetable_publish(*, home_group: HomeGroup, by=None) -> PublicTimetable:
    """The group's public week and a tracked QR link to it (one per group), for printing at the venue."""
    link = public_timetable_get_or_create(home_group=home_group)
    if not QRLink.objects.filter(event=home_group.event, target_path=link.path).exists():
        qrlink_create(
            event=home_group.event, placement=f"Timetable of {home_group.name}", target_path=link.path, created_by=by
        )
    return link
