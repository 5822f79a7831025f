import datetime

import pytest
from django.db import IntegrityError

from eventsite.models import Event
from tests.factories import EventFactory, ServiceAreaFactory

pytestmark = pytest.mark.django_db


def test_event_days_run_from_the_start_for_num_days():
    event = EventFactory(start_date=datetime.date(2030, 6, 17), num_days=5)
    assert event.end_date == datetime.date(2030, 6, 21)
    assert event.days[0] == datetime.date(2030, 6, 17) and len(event.days) == 5


def test_application_window(event):
    assert event.applications_open(event.applications_open_at)
    assert not event.applications_open(event.applications_close_at)


def test_current_event_is_the_next_to_run_then_the_latest():
    past = EventFactory(start_date=datetime.date(2024, 6, 17))
    later = EventFactory(start_date=datetime.date(2031, 6, 16))
    soon = EventFactory(start_date=datetime.date(2030, 6, 17))
    assert Event.objects.current(today=datetime.date(2029, 1, 1)) == soon
    assert Event.objects.current(today=datetime.date(2030, 6, 19)) == soon
    assert Event.objects.current(today=datetime.date(2032, 1, 1)) == later
    assert Event.objects.current(today=datetime.date(2024, 1, 1)) == past


@pytest.mark.parametrize(
    "bad",
    [
        {"num_days": 0},
        {"capacity": 0},
        {"applications_close_at": datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)},
        {"day_starts_at": datetime.time(17, 0)},
    ],
)
def test_database_constraints_keep_events_sane(bad):
    with pytest.raises(IntegrityError):
        EventFactory(**bad)


def test_service_area_names_are_unique_within_an_event(event):
    ServiceAreaFactory(event=event, name="Cancer services", slug="cancer")
    with pytest.raises(IntegrityError):
        ServiceAreaFactory(event=event, name="Cancer services", slug="cancer-2")
