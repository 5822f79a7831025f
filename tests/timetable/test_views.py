import csv
import io

import icalendar
import pytest
from django.urls import reverse

from profiles.models import QRLink
from tests.factories.timetable import RoomFactory, SessionFactory
from tests.timetable.conftest import at
from timetable import services
from timetable.models import ChangeRequest, PublicTimetable, Session, SessionState, Unavailability

pytestmark = pytest.mark.django_db


@pytest.fixture
def presenter_client(client, presenter):
    client.force_login(presenter)
    return client


def session_post(area, **fields):
    data = {
        "title": "Diagnostic radiography",
        "description": "What radiographers do.",
        "kind": "talk",
        "service_area": area.pk,
        "day_index": "1",
        "starts_at": "10:00",
        "ends_at": "11:00",
    }
    return {**data, **fields}


# Staff presenters


def test_a_presenter_without_details_is_asked_for_their_organisation(presenter_client, event):
    response = presenter_client.get(reverse("timetable:session_new"))
    assert response.url == reverse("timetable:my_profile")
    response = presenter_client.post(
        reverse("timetable:my_profile"), {"new_organisation": "Macmillan Cancer Support", "job_title": "Adviser"}
    )
    assert response.status_code == 302
    assert presenter_client.get(reverse("timetable:my_week")).content.decode().count("Macmillan Cancer Support") == 1


def test_a_presenter_enters_and_submits_a_session(presenter_client, event, cancer_area, cancer_group, base_room, pat):
    response = presenter_client.post(
        reverse("timetable:session_new"),
        session_post(cancer_area, room=base_room.pk, home_groups=[cancer_group.pk]),
    )
    session = Session.objects.get()
    assert response.url == reverse("timetable:session_detail", args=[session.pk])
    assert (session.state, session.owner.username, [p.name for p in session.presenters.all()]) == (
        "draft",
        "pat.presenter",
        ["Pat Presenter"],
    )
    page = presenter_client.get(response.url).content.decode()
    assert "Diagnostic radiography" in page and "Cancer services group" in page and "Submit to the organisers" in page
    presenter_client.post(reverse("timetable:session_submit", args=[session.pk]))
    session.refresh_from_db()
    assert session.state == "submitted"
    week = presenter_client.get(reverse("timetable:my_week")).content.decode()
    assert "1 session." in week and "Submitted" in week


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"starts_at": "11:00", "ends_at": "10:00"}, "The end (10:00) must be after the start (11:00)."),
        ({"starts_at": "14:00", "ends_at": "16:00"}, "14:00–16:00 is outside the event&#x27;s hours 09:00–15:30."),
        ({"room": "999999"}, "That room is not one of this event&#x27;s rooms; choose one from the list."),
        ({"day_index": "7"}, "Select a valid choice. 7 is not one of the available choices."),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(presenter_client, event, cancer_area, pat, fields, message):
    response = presenter_client.post(reverse("timetable:session_new"), session_post(cancer_area, **fields))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Session.objects.count() == 0


def test_a_presenter_cannot_see_or_change_another_presenters_session(
    presenter_client, event, cancer_area, quinn, other_presenter_user, pat
):
    theirs = SessionFactory(
        event=event, service_area=cancer_area, owner=other_presenter_user, presenters=[quinn], state="draft"
    )
    for name in ("session_detail", "session_edit", "change_request"):
        assert presenter_client.get(reverse(f"timetable:{name}", args=[theirs.pk])).status_code == 403
    for name in ("session_edit", "session_submit", "session_delete", "change_request"):
        response = presenter_client.post(reverse(f"timetable:{name}", args=[theirs.pk]), session_post(cancer_area))
        assert response.status_code == 403
        assert "You can only see and change the sessions you entered or present." in response.content.decode()
    theirs.refresh_from_db()
    assert (theirs.title, theirs.state) == (theirs.title, "draft")
    assert Session.objects.filter(pk=theirs.pk).exists()


def test_a_scheduled_session_becomes_a_change_request(presenter_client, event, cancer_area, pat, presenter, organiser):
    session = SessionFactory(event=event, service_area=cancer_area, owner=presenter, presenters=[pat], title="Prehab")
    response = presenter_client.get(reverse("timetable:session_edit", args=[session.pk]))
    assert response.url == reverse("timetable:change_request", args=[session.pk])
    presenter_client.post(response.url, {"message": "Please move us to the afternoon."})
    change = ChangeRequest.objects.get()
    assert (change.session, change.message, change.status) == (session, "Please move us to the afternoon.", "open")
    presenter_client.force_login(organiser)
    assert "Please move us to the afternoon." in presenter_client.get(reverse("timetable:grid")).content.decode()
    presenter_client.post(
        reverse("timetable:change_request_resolve", args=[change.pk]), {"status": "done", "response": "Moved to 13:00."}
    )
    change.refresh_from_db()
    assert (change.status, change.response) == ("done", "Moved to 13:00.")


def test_a_presenter_states_when_they_are_unavailable(presenter_client, event, pat):
    presenter_client.post(
        reverse("timetable:unavailability_add"),
        {"day_index": "2", "starts_at": "09:00", "ends_at": "12:00", "note": "Clinic"},
    )
    assert list(Unavailability.objects.values_list("day_index", "starts_at", "note")) == [(2, at("09:00"), "Clinic")]
    response = presenter_client.post(
        reverse("timetable:unavailability_add"),
        {"day_index": "2", "starts_at": "12:00", "ends_at": "09:00"},
        follow=True,
    )
    assert "The end (09:00) must be after the start (12:00)." in response.content.decode()
    assert Unavailability.objects.count() == 1


def test_presenter_pages_need_the_role(client, plain_user, event):
    assert client.get(reverse("timetable:my_week")).status_code == 302
    client.force_login(plain_user)
    assert client.get(reverse("timetable:my_week")).status_code == 403
    assert client.get(reverse("timetable:grid")).status_code == 403
    assert client.get(reverse("timetable:programme_csv")).status_code == 403


# Organisers


def test_the_grid_shows_sessions_and_their_clashes(organiser_client, event, cancer_area, base_room, cancer_group):
    SessionFactory(event=event, service_area=cancer_area, room=base_room, title="Prehab", home_groups=[cancer_group])
    SessionFactory(
        event=event,
        service_area=cancer_area,
        room=base_room,
        title="Research",
        starts_at=at("10:30"),
        ends_at=at("11:30"),
    )
    SessionFactory(event=event, service_area=cancer_area, room=None, title="Waiting talk", state="submitted")
    page = organiser_client.get(reverse("timetable:grid")).content.decode()
    reason = "Room 'Base room' is double-booked: 'Prehab' and 'Research' overlap 10:30–11:00 on Mon 17 Jun"
    assert reason.replace("'", "&#x27;") in page
    assert "<strong>1</strong> blocking" in page
    assert "Waiting talk" in page and "Submitted, waiting to be scheduled (1)" in page
    by_group = organiser_client.get(reverse("timetable:grid") + "?by=group").content.decode()
    assert "Days by home groups" in by_group and "Cancer services group" in by_group


def test_scheduling_a_clash_from_the_grid_is_refused_with_the_reason(organiser_client, event, cancer_area, base_room):
    SessionFactory(event=event, service_area=cancer_area, room=base_room, title="Prehab")
    waiting = SessionFactory(event=event, service_area=cancer_area, room=base_room, title="Research", state="submitted")
    response = organiser_client.post(reverse("timetable:session_schedule", args=[waiting.pk]), follow=True)
    assert (
        "&#x27;Research&#x27; cannot be scheduled: Room &#x27;Base room&#x27; is double-booked"
        in response.content.decode()
    )
    waiting.refresh_from_db()
    assert waiting.state == "submitted"
    organiser_client.post(
        reverse("timetable:session_move", args=[waiting.pk]),
        {"day_index": "0", "starts_at": "11:00", "ends_at": "12:00", "room": base_room.pk},
    )
    response = organiser_client.post(reverse("timetable:session_schedule", args=[waiting.pk]), follow=True)
    assert "&#x27;Research&#x27; is scheduled." in response.content.decode()


def test_moving_with_bad_input_keeps_the_session(organiser_client, event, cancer_area, base_room):
    session = SessionFactory(event=event, service_area=cancer_area, room=base_room, title="Prehab")
    response = organiser_client.post(
        reverse("timetable:session_move", args=[session.pk]),
        {"day_index": "0", "starts_at": "12:00", "ends_at": "11:00", "room": "424242"},
        follow=True,
    )
    body = response.content.decode()
    assert "That room is not one of this event&#x27;s rooms" in body
    session.refresh_from_db()
    assert (session.starts_at, session.room) == (at("10:00"), base_room)


def test_cancel_from_the_grid(organiser_client, event, cancer_area):
    session = SessionFactory(event=event, service_area=cancer_area)
    organiser_client.post(reverse("timetable:session_cancel", args=[session.pk]))
    session.refresh_from_db()
    assert session.state == SessionState.CANCELLED


def test_the_rotation_form_builds_the_rotation(organiser_client, event, cancer_area, cancer_group, base_room, hall):
    RoomFactory(event=event, name="Tour point")
    response = organiser_client.post(
        reverse("timetable:rotation_new"),
        {
            "home_group": cancer_group.pk,
            "title": "Marketplace, campus tour and careers info",
            "service_area": cancer_area.pk,
            "day_index": "4",
            "first_start": "09:30",
            "slot_minutes": "45",
            "activities": "Marketplace | Marketplace hall\nCampus tour | Tour point\nCareers info | base ROOM",
        },
    )
    assert response.status_code == 302
    assert Session.objects.filter(rotation__isnull=False, state="scheduled").count() == 9
    form = {
        "home_group": cancer_group.pk,
        "title": "Again",
        "service_area": cancer_area.pk,
        "day_index": "3",
        "first_start": "09:30",
        "slot_minutes": "45",
    }
    for activities, message in [
        (
            "Marketplace | Atrium\nTour | Tour point",
            "Line 1: there is no room called &#x27;Atrium&#x27; at this event.",
        ),
        ("Marketplace | Marketplace hall\nTour |", "Line 2: give the activity&#x27;s room after a |."),
        ("Marketplace | Marketplace hall", "Give at least two activities, one a line."),
    ]:
        bad = organiser_client.post(reverse("timetable:rotation_new"), {**form, "activities": activities})
        assert message in bad.content.decode()
    assert Session.objects.count() == 9


def test_publishing_a_group_week_makes_a_qr_link(organiser_client, event, cancer_group):
    organiser_client.post(reverse("timetable:group_public_link", args=[cancer_group.pk]))
    link = PublicTimetable.objects.get(home_group=cancer_group)
    qr = QRLink.objects.get()
    assert (qr.target_path, qr.placement) == (f"/week/{link.token}/", "Timetable of Cancer services group")
    page = organiser_client.get(reverse("timetable:group_list")).content.decode()
    assert reverse("profiles:qrlink_png", args=[qr.code]) in page
    organiser_client.post(reverse("timetable:group_public_link", args=[cancer_group.pk]))
    assert QRLink.objects.count() == 1


def test_the_programme_csv(organiser_client, event, cancer_area, cancer_group, base_room, pat):
    SessionFactory(
        event=event,
        service_area=cancer_area,
        room=base_room,
        title="=Prehab",
        home_groups=[cancer_group],
        presenters=[pat],
    )
    response = organiser_client.get(reverse("timetable:programme_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        [
            "date", "start", "end", "title", "kind", "service area", "room", "audience", "presenters",
            "organisations", "state", "rotation", "featured job profiles",
        ],
        [
            "2030-06-17", "10:00", "11:00", "'=Prehab", "Talk", "Cancer services", "Base room", "Cancer services group",
            "Pat Presenter", "The Clatterbridge Cancer Centre NHS Foundation Trust", "Scheduled", "", "",
        ],
    ]  # fmt: skip


def parse_events(content: bytes) -> list:
    calendar = icalendar.Calendar.from_ical(content)
    return list(calendar.walk("VEVENT"))


def test_calendar_feeds_parse_back(organiser_client, event, cancer_area, cancer_group, base_room, pat, presenter):
    session = SessionFactory(
        event=event,
        service_area=cancer_area,
        room=base_room,
        title="Prehab",
        home_groups=[cancer_group],
        presenters=[pat],
    )
    link = services.public_timetable_get_or_create(home_group=cancer_group)
    feeds = {
        "room": organiser_client.get(reverse("timetable:room_calendar", args=[base_room.pk])),
        "presenter": organiser_client.get(reverse("timetable:presenter_calendar", args=[pat.pk])),
        "group": organiser_client.get(reverse("timetable:public_calendar", args=[link.token])),
    }
    organiser_client.force_login(presenter)
    feeds["mine"] = organiser_client.get(reverse("timetable:my_calendar"))
    for name, response in feeds.items():
        assert response["Content-Type"] == "text/calendar; charset=utf-8", name
        (vevent,) = parse_events(response.content)
        assert str(vevent["UID"]) == f"session-{session.pk}@localhost"
        assert str(vevent["SUMMARY"]) == "Prehab"
        assert str(vevent["LOCATION"]) == f"Base room, {event.venue}"
        assert vevent["DTSTART"].params["TZID"] == "Europe/London"
        assert vevent.decoded("DTSTART").isoformat() == "2030-06-17T10:00:00+01:00"
        assert vevent.decoded("DTEND").isoformat() == "2030-06-17T11:00:00+01:00"
    assert b"BEGIN:VTIMEZONE" in feeds["group"].content
    assert "Pat Presenter" not in feeds["group"].content.decode()  # public: organisations, not staff names
    assert "Pat Presenter" in feeds["room"].content.decode()


# The public group week


def test_the_public_week_has_no_student_names(client, event, cancer_area, cancer_group, base_room, pat):
    SessionFactory(
        event=event,
        service_area=cancer_area,
        room=base_room,
        title="Prehab",
        home_groups=[cancer_group],
        presenters=[pat],
    )
    SessionFactory(
        event=event,
        service_area=cancer_area,
        room=base_room,
        title="Draft idea",
        home_groups=[cancer_group],
        state="draft",
        day_index=1,
    )
    link = services.public_timetable_get_or_create(home_group=cancer_group)
    response = client.get(reverse("timetable:public_week", args=[link.token]))
    body = response.content.decode()
    assert "Cancer services group: our week" in body
    assert "Prehab" in body and "Draft idea" not in body
    assert "With The Clatterbridge Cancer Centre NHS Foundation Trust" in body
    assert "Testperson" not in body and "Pat Presenter" not in body
    assert "timetable/timetable.css" in body
    assert body.count('class="public-day"') == 5
    assert client.get(reverse("timetable:public_week", args=["not-a-token"])).status_code == 404
    assert len(link.token) >= 20


# Each grid, list and feed takes a fixed number of queries however many sessions there are


@pytest.mark.parametrize("n", [10, 200])
def test_pages_and_feeds_take_a_fixed_number_of_queries(
    n, client, organiser, presenter, pat, event, cancer_group, build_programme, django_assert_num_queries
):
    sessions = build_programme(n)
    Session.objects.filter(pk__in=[s.pk for s in sessions[:3]]).update(owner=presenter)
    sessions[0].presenters.add(pat)
    room, presenter_profile = sessions[0].room, sessions[0].presenters.first()
    link = services.public_timetable_get_or_create(home_group=cancer_group)
    client.force_login(organiser)
    organiser_pages = {
        reverse("timetable:grid"): 15,
        reverse("timetable:grid") + "?by=group": 15,
        reverse("timetable:programme_csv"): 10,
        reverse("timetable:room_calendar", args=[room.pk]): 10,
        reverse("timetable:presenter_calendar", args=[presenter_profile.pk]): 10,
        reverse("timetable:group_list"): 8,
    }
    for url, queries in organiser_pages.items():
        with django_assert_num_queries(queries, info=url):
            assert client.get(url).status_code == 200
    client.force_login(presenter)
    for url, queries in {reverse("timetable:my_week"): 14, reverse("timetable:my_calendar"): 12}.items():
        with django_assert_num_queries(queries, info=url):
            assert client.get(url).status_code == 200
    client.logout()
    for url in (
        reverse("timetable:public_week", args=[link.token]),
        reverse("timetable:public_calendar", args=[link.token]),
    ):
        with django_assert_num_queries(7, info=url):
            assert client.get(url).status_code == 200
