import pytest
from django.urls import reverse

from tests.factories.timetable import SessionFactory
from timetable.models import Room, SessionState

pytestmark = pytest.mark.django_db


def test_the_session_admin_lists_and_filters(organiser_client, event, cancer_area):
    SessionFactory(event=event, service_area=cancer_area, title="Prehab")
    SessionFactory(event=event, service_area=cancer_area, title="Draft idea", state=SessionState.DRAFT)
    url = reverse("admin:timetable_session_changelist")
    assert "Prehab" in organiser_client.get(url).content.decode()
    filtered = organiser_client.get(url, {"state__exact": "draft"}).content.decode()
    assert "Draft idea" in filtered and "Prehab" not in filtered
    for name in ("room", "organisation", "presenter", "subgroup", "rotation", "unavailability", "changerequest"):
        assert organiser_client.get(reverse(f"admin:timetable_{name}_changelist")).status_code == 200, name
    assert organiser_client.get(reverse("admin:timetable_session_add")).status_code == 200


def test_the_schedule_action_refuses_a_clash_and_names_it(organiser_client, event, cancer_area, base_room):
    SessionFactory(event=event, service_area=cancer_area, room=base_room, title="Prehab")
    waiting = SessionFactory(event=event, service_area=cancer_area, room=base_room, title="Research", state="submitted")
    response = organiser_client.post(
        reverse("admin:timetable_session_changelist"),
        {"action": "schedule", "_selected_action": [waiting.pk]},
        follow=True,
    )
    body = response.content.decode()
    assert "&#x27;Research&#x27; cannot be scheduled: Room &#x27;Base room&#x27; is double-booked" in body
    assert "0 session(s) scheduled." in body
    waiting.refresh_from_db()
    assert waiting.state == "submitted"


def test_the_admin_refuses_times_that_run_backwards(organiser_client, event, cancer_area, base_room):
    response = organiser_client.post(
        reverse("admin:timetable_session_add"),
        {
            "event": event.pk,
            "title": "Backwards",
            "kind": "talk",
            "service_area": cancer_area.pk,
            "room": base_room.pk,
            "day_index": "0",
            "starts_at": "11:00",
            "ends_at": "10:00",
            "state": "draft",
            **{
                f"{prefix}-{field}": value
                for prefix in (
                    "SessionPresenter_session",
                    "SessionHomeGroup_session",
                    "SessionSubGroup_session",
                    "SessionVisit_session",
                )
                for field, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))
            },
        },
    )
    assert response.status_code == 200
    assert "The end (10:00) must be after the start (11:00)." in response.content.decode()


def test_deleting_a_room_in_use_lists_its_sessions(organiser_client, event, cancer_area, base_room):
    SessionFactory(event=event, service_area=cancer_area, room=base_room, title="Prehab")
    page = organiser_client.get(reverse("admin:timetable_room_delete", args=[base_room.pk])).content.decode()
    assert "would require deleting the following protected related objects" in page
    assert "Prehab" in page
    organiser_client.post(reverse("admin:timetable_room_delete", args=[base_room.pk]), {"post": "yes"})
    assert Room.objects.filter(pk=base_room.pk).exists()
