import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import RestrictedError

from tests.factories.core import UserFactory
from tests.factories.timetable import PresenterFactory, RoomFactory, SessionFactory, SubGroupFactory
from tests.timetable.conftest import at
from timetable import services
from timetable.models import ChangeRequestStatus, Session, SessionKind, SessionState, SubGroupMember, Unavailability

pytestmark = pytest.mark.django_db


def details(area, **fields) -> services.SessionDetails:
    values = {
        "title": "Diagnostic radiography",
        "kind": SessionKind.TALK,
        "service_area_id": area.pk,
        "day_index": 0,
        "starts_at": at("10:00"),
        "ends_at": at("11:00"),
    }
    return services.SessionDetails(**{**values, **fields})


def test_a_presenter_enters_a_draft_and_submits_it(event, cancer_area, cancer_group, base_room, pat, presenter):
    session = services.session_create(
        event=event,
        by=presenter,
        details=details(cancer_area, room=base_room, presenters=[pat], home_groups=[cancer_group]),
    )
    assert (session.state, session.owner, list(session.presenters.all())) == ("draft", presenter, [pat])
    assert session.audience_labels == ["Cancer services group"]
    services.session_submit(session=session, by=presenter)
    session.refresh_from_db()
    assert session.state == SessionState.SUBMITTED


def test_a_presenter_cannot_create_a_scheduled_session(event, cancer_area, presenter):
    with pytest.raises(PermissionDenied):
        services.session_create(event=event, by=presenter, details=details(cancer_area), state=SessionState.SCHEDULED)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"starts_at": at("11:00"), "ends_at": at("10:00")},
            "ends_at",
            "The end (10:00) must be after the start (11:00).",
        ),
        (
            {"starts_at": at("10:00"), "ends_at": at("10:00")},
            "ends_at",
            "The end (10:00) must be after the start (10:00).",
        ),
        ({"day_index": 5}, "day_index", "The event has 5 days; choose one of them."),
        (
            {"starts_at": at("08:00"), "ends_at": at("09:30")},
            "starts_at",
            "08:00–09:30 is outside the event's hours 09:00–15:30.",
        ),
    ],
)
def test_bad_times_are_refused_with_a_reason(event, cancer_area, presenter, fields, field, message):
    with pytest.raises(ValidationError) as refused:
        services.session_create(event=event, by=presenter, details=details(cancer_area, **fields))
    assert refused.value.message_dict[field] == [message]
    assert Session.objects.count() == 0


def test_a_room_of_another_event_is_refused(event, cancer_area, presenter):
    elsewhere = RoomFactory(name="Elsewhere")
    with pytest.raises(ValidationError) as refused:
        services.session_create(event=event, by=presenter, details=details(cancer_area, room=elsewhere))
    assert refused.value.message_dict["room"] == [f"'Elsewhere' is not a room of {event.name}."]


def test_the_database_keeps_end_after_start_and_the_day_in_range(event, cancer_area):
    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.create(
            event=event, title="x", service_area=cancer_area, day_index=0, starts_at=at("11:00"), ends_at=at("10:00")
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.create(
            event=event, title="x", service_area=cancer_area, day_index=14, starts_at=at("10:00"), ends_at=at("11:00")
        )


def test_a_presenter_cannot_change_someone_elses_session(event, cancer_area, presenter, quinn, other_presenter_user):
    theirs = services.session_create(
        event=event, by=other_presenter_user, details=details(cancer_area, presenters=[quinn])
    )
    with pytest.raises(PermissionDenied):
        services.session_update(session=theirs, by=presenter, details=details(cancer_area, title="Mine now"))
    with pytest.raises(PermissionDenied):
        services.session_submit(session=theirs, by=presenter)
    with pytest.raises(PermissionDenied):
        services.session_delete(session=theirs, by=presenter)
    theirs.refresh_from_db()
    assert (theirs.title, theirs.state) == ("Diagnostic radiography", "draft")


def test_a_co_presenter_may_edit_the_session(event, cancer_area, presenter, pat, other_presenter_user, quinn):
    shared = services.session_create(
        event=event, by=other_presenter_user, details=details(cancer_area, presenters=[quinn, pat])
    )
    services.session_update(
        session=shared, by=presenter, details=details(cancer_area, title="Radiography", presenters=[quinn, pat])
    )
    shared.refresh_from_db()
    assert shared.title == "Radiography"


def test_a_scheduled_session_is_locked_to_its_presenter(event, cancer_area, presenter, pat, organiser, base_room):
    session = services.session_create(
        event=event, by=presenter, details=details(cancer_area, presenters=[pat], room=base_room)
    )
    services.session_schedule(session=session, by=organiser)
    with pytest.raises(PermissionDenied, match="is scheduled and locked; ask the organisers for a change"):
        services.session_update(session=session, by=presenter, details=details(cancer_area, title="Changed"))
    request = services.change_request_create(session=session, by=presenter, message="Could we start at 10:30?")
    assert (request.status, request.requested_by) == (ChangeRequestStatus.OPEN, presenter)
    services.change_request_resolve(change_request=request, by=organiser, status="done", response="Moved.")
    request.refresh_from_db()
    assert (request.status, request.resolved_by, request.resolved_at is not None) == ("done", organiser, True)


def test_scheduling_with_a_blocking_clash_is_refused_with_the_reason(event, cancer_area, organiser, pat, base_room):
    SessionFactory(event=event, service_area=cancer_area, title="Prehabilitation", room=base_room, presenters=[pat])
    candidate = SessionFactory(
        event=event,
        service_area=cancer_area,
        title="Clinical research",
        room=base_room,
        state=SessionState.SUBMITTED,
        starts_at=at("10:30"),
        ends_at=at("11:30"),
    )
    with pytest.raises(ValidationError) as refused:
        services.session_schedule(session=candidate, by=organiser)
    assert refused.value.messages == [
        "'Clinical research' cannot be scheduled: Room 'Base room' is double-booked: 'Prehabilitation' and "
        "'Clinical research' overlap 10:30–11:00 on Mon 17 Jun"
    ]
    candidate.refresh_from_db()
    assert candidate.state == SessionState.SUBMITTED


def test_a_presenter_unavailable_then_blocks_scheduling(event, cancer_area, organiser, pat, base_room):
    services.unavailability_add(presenter=pat, event=event, day_index=0, starts_at=at("09:00"), ends_at=at("12:00"))
    session = SessionFactory(event=event, service_area=cancer_area, room=base_room, presenters=[pat], state="submitted")
    with pytest.raises(ValidationError, match="Presenter 'Pat Presenter' is unavailable 09:00–12:00"):
        services.session_schedule(session=session, by=organiser)


def test_an_audience_larger_than_the_room_is_a_warning_only(event, cancer_area, cancer_group, organiser):
    small = RoomFactory(event=event, name="Small room", capacity=10)
    session = SessionFactory(
        event=event, service_area=cancer_area, room=small, home_groups=[cancer_group], state="submitted"
    )
    warnings = services.session_schedule(session=session, by=organiser)
    assert [w.reason for w in warnings] == [f"'{session.title}' has an audience of 21 but room 'Small room' seats 10"]
    session.refresh_from_db()
    assert session.state == SessionState.SCHEDULED


def test_a_session_without_a_room_cannot_be_scheduled(event, cancer_area, organiser):
    session = SessionFactory(event=event, service_area=cancer_area, room=None, state="submitted")
    with pytest.raises(ValidationError, match="has no room yet"):
        services.session_schedule(session=session, by=organiser)


def test_moving_a_scheduled_session_into_a_clash_changes_nothing(event, cancer_area, organiser, base_room, hall):
    SessionFactory(event=event, service_area=cancer_area, title="Marketplace", room=hall)
    moving = SessionFactory(event=event, service_area=cancer_area, title="Talk", room=base_room, day_index=1)
    with pytest.raises(ValidationError, match="Room 'Marketplace hall' is double-booked"):
        services.session_move(
            session=moving, by=organiser, day_index=0, starts_at=at("10:30"), ends_at=at("11:30"), room=hall
        )
    moving.refresh_from_db()
    assert (moving.day_index, moving.starts_at, moving.room) == (1, at("10:00"), base_room)
    services.session_move(
        session=moving, by=organiser, day_index=0, starts_at=at("11:00"), ends_at=at("12:00"), room=hall
    )
    moving.refresh_from_db()
    assert (moving.day_index, moving.starts_at, moving.room) == (0, at("11:00"), hall)


def test_only_organisers_schedule_move_and_cancel(event, cancer_area, presenter, base_room):
    session = SessionFactory(event=event, service_area=cancer_area, state="submitted", owner=presenter)
    with pytest.raises(PermissionDenied):
        services.session_schedule(session=session, by=presenter)
    with pytest.raises(PermissionDenied):
        services.session_move(
            session=session, by=presenter, day_index=0, starts_at=at("10:00"), ends_at=at("11:00"), room=base_room
        )
    with pytest.raises(PermissionDenied):
        services.session_cancel(session=session, by=presenter)


def test_deleting_a_room_in_use_is_refused_with_the_sessions_named(event, cancer_area, base_room):
    SessionFactory(event=event, service_area=cancer_area, title="Prehabilitation", room=base_room)
    with pytest.raises(ValidationError) as refused:
        services.room_delete(room=base_room)
    assert refused.value.messages == [
        "Room 'Base room' is used by 1 session(s) and was not deleted: 'Prehabilitation' (Mon 17 Jun 10:00–11:00)"
    ]
    assert base_room.__class__.objects.filter(pk=base_room.pk).exists()


def test_deleting_a_home_group_in_use_is_refused(event, cancer_area, nursing_group, nursing_visit):
    SessionFactory(event=event, service_area=cancer_area, title="Ice breaker", home_groups=[nursing_group])
    SessionFactory(event=event, service_area=cancer_area, title="Intro to cancer", visits=[nursing_visit], day_index=1)
    with pytest.raises(RestrictedError) as refused:
        nursing_group.delete()
    assert services.protected_message("Nursing group", refused.value) == (
        "Nursing group is used by 2 session(s) and was not deleted: 'Ice breaker' (Mon 17 Jun 10:00–11:00); "
        "'Intro to cancer' (Tue 18 Jun 10:00–11:00)"
    )


def test_deleting_the_event_takes_its_timetable_with_it(event, cancer_area, nursing_group, base_room, pat):
    SessionFactory(event=event, service_area=cancer_area, room=base_room, home_groups=[nursing_group], presenters=[pat])
    event.delete()
    assert Session.objects.count() == 0


def test_rotation_splits_the_group_and_gives_every_sub_group_every_activity(
    event, cancer_area, cancer_group, organiser, hall, base_room
):
    tour_point = RoomFactory(event=event, name="Tour meeting point", capacity=40)
    activities = [
        services.Activity("Marketplace", SessionKind.MARKETPLACE, hall),
        services.Activity("Campus tour", SessionKind.TOUR, tour_point),
        services.Activity("Creating careers info", SessionKind.CAREERS_INFO, base_room),
    ]
    rotation = services.rotation_create(
        home_group=cancer_group,
        title="Marketplace, campus tour and careers info",
        service_area_id=cancer_area.pk,
        activities=activities,
        day_index=4,
        first_start=at("09:30"),
        slot_minutes=45,
        by=organiser,
    )
    subs = list(cancer_group.sub_groups.all())
    assert [(s.name, s.members.count()) for s in subs] == [("Group 1", 7), ("Group 2", 7), ("Group 3", 7)]
    assert SubGroupMember.objects.filter(sub_group__home_group=cancer_group).count() == 21
    sessions = list(rotation.sessions.prefetch_related("sub_groups").order_by("starts_at", "title"))
    assert len(sessions) == 9 and {s.state for s in sessions} == {"scheduled"}
    grid = {(s.starts_at, s.sub_groups.get().name): s.title for s in sessions}
    slots = [at("09:30"), at("10:15"), at("11:00")]
    for sub in subs:
        assert sorted(grid[slot, sub.name] for slot in slots) == ["Campus tour", "Creating careers info", "Marketplace"]
    for slot in slots:
        assert sorted(grid[slot, sub.name] for sub in subs) == ["Campus tour", "Creating careers info", "Marketplace"]
    assert sessions[-1].ends_at == at("11:45")


def test_a_rotation_with_a_clash_is_refused_whole(event, cancer_area, cancer_group, organiser, hall):
    activities = [services.Activity("Marketplace", room=hall), services.Activity("Tour", room=hall)]
    with pytest.raises(ValidationError, match="Room 'Marketplace hall' is double-booked"):
        services.rotation_create(
            home_group=cancer_group,
            title="Rotation",
            service_area_id=cancer_area.pk,
            activities=activities,
            day_index=0,
            first_start=at("10:00"),
            slot_minutes=30,
            by=organiser,
        )
    assert Session.objects.count() == 0 and cancer_group.sub_groups.count() == 0


def test_a_split_in_use_is_not_replaced(event, cancer_area, cancer_group):
    sub = SubGroupFactory(home_group=cancer_group, name="Group 1", order=0)
    SessionFactory(event=event, service_area=cancer_area, title="Tour", sub_groups=[sub])
    with pytest.raises(ValidationError, match="is used by 1 session"):
        services.sub_groups_split(home_group=cancer_group, k=3)


def test_unavailability_must_run_forwards(event, pat):
    with pytest.raises(ValidationError):
        services.unavailability_add(presenter=pat, event=event, day_index=0, starts_at=at("12:00"), ends_at=at("09:00"))


def test_a_presenter_removes_only_their_own_unavailable_time(event, pat, quinn):
    slot = services.unavailability_add(
        presenter=pat, event=event, day_index=0, starts_at=at("09:00"), ends_at=at("12:00")
    )
    with pytest.raises(Unavailability.DoesNotExist):
        services.unavailability_delete(user=quinn.user, pk=slot.pk)
    assert Unavailability.objects.filter(pk=slot.pk).exists()
    services.unavailability_delete(user=pat.user, pk=slot.pk)
    assert not Unavailability.objects.filter(pk=slot.pk).exists()


def test_a_guest_has_a_name_and_no_account(clatterbridge):
    guest = services.guest_presenter_create(name="  Gina Guest ", organisation=clatterbridge)
    assert (guest.name, guest.is_guest) == ("Gina Guest", True)
    with pytest.raises(IntegrityError), transaction.atomic():
        PresenterFactory(user=UserFactory(), guest_name="Both", organisation=clatterbridge)
