import datetime

import pytest

from tests.factories.timetable import PresenterFactory, RoomFactory, SessionFactory, SubGroupFactory
from tests.timetable.conftest import at
from timetable import selectors
from timetable.models import Rotation, SessionState

pytestmark = pytest.mark.django_db


def test_a_rotation_counts_once_in_a_groups_week(event, cancer_area, cancer_group, nursing_visit, nursing_group):
    for day in range(5):
        SessionFactory(event=event, service_area=cancer_area, home_groups=[cancer_group], day_index=day)
    SessionFactory(
        event=event,
        service_area=cancer_area,
        home_groups=[cancer_group],
        day_index=4,
        starts_at=at("13:00"),
        ends_at=at("14:00"),
    )
    rotation = Rotation.objects.create(event=event, home_group=cancer_group, title="Marketplace, tour, careers")
    subs = [SubGroupFactory(home_group=cancer_group, order=i) for i in range(3)]
    for slot in range(3):
        for sub in subs:
            SessionFactory(
                event=event,
                service_area=cancer_area,
                sub_groups=[sub],
                rotation=rotation,
                day_index=3,
                starts_at=datetime.time(10 + slot),
                ends_at=datetime.time(10 + slot, 45),
            )
    SessionFactory(event=event, service_area=cancer_area, visits=[nursing_visit], title="Introduction to cancer")
    SessionFactory(event=event, service_area=cancer_area, home_groups=[cancer_group], state=SessionState.CANCELLED)
    SessionFactory(event=event, service_area=cancer_area, home_groups=[cancer_group], state=SessionState.SUBMITTED)
    counts = {group.name: group.session_count for group in selectors.sessions_per_home_group(event)}
    assert counts == {"Cancer services group": 7, "Nursing group": 1}
    assert [visit.home_group.name for visit in selectors.visiting_groups_served(event)] == ["Nursing group"]
    assert [visit.home_group.name for visit in selectors.visiting_groups_served(event, cancer_area)] == [
        "Nursing group"
    ]


def test_sessions_for_everyone_count_for_every_group(event, cancer_area, cancer_group, nursing_group):
    SessionFactory(event=event, service_area=cancer_area, for_everyone=True)
    counts = {group.name: group.session_count for group in selectors.sessions_per_home_group(event)}
    assert counts == {"Cancer services group": 1, "Nursing group": 1}


def test_staff_and_organisations_involved_count_distinct_people(event, cancer_area, clatterbridge):
    from tests.factories.timetable import OrganisationFactory

    macmillan = OrganisationFactory(name="Macmillan Cancer Support")
    staff = PresenterFactory(organisation=clatterbridge)
    guest = PresenterFactory(user=None, guest_name="Gina Guest", organisation=macmillan)
    idle = PresenterFactory(organisation=macmillan)
    SessionFactory(event=event, service_area=cancer_area, presenters=[staff, guest])
    SessionFactory(event=event, service_area=cancer_area, presenters=[staff], day_index=1)
    SessionFactory(event=event, service_area=cancer_area, presenters=[idle], state=SessionState.DRAFT)
    assert set(selectors.staff_involved(event)) == {staff, guest}
    assert [(o.name, o.presenter_count) for o in selectors.partner_organisations(event)] == [
        ("Macmillan Cancer Support", 1),
        ("The Clatterbridge Cancer Centre NHS Foundation Trust", 1),
    ]


def test_sessions_by_day_lists_every_day(event, cancer_area):
    tuesday = SessionFactory(event=event, service_area=cancer_area, day_index=1, title="Tuesday talk")
    assert [(day.isoformat(), [s.title for s in sessions]) for day, sessions in selectors.sessions_by_day(event)] == [
        ("2030-06-17", []),
        ("2030-06-18", [tuesday.title]),
        ("2030-06-19", []),
        ("2030-06-20", []),
        ("2030-06-21", []),
    ]


def test_open_clashes_count_by_severity(event, cancer_area, cancer_group):
    room = RoomFactory(event=event, name="Tiny", capacity=5)
    SessionFactory(event=event, service_area=cancer_area, room=room, home_groups=[cancer_group], title="A")
    SessionFactory(
        event=event, service_area=cancer_area, room=room, title="B", starts_at=at("10:30"), ends_at=at("11:30")
    )
    assert selectors.open_clashes_count(event) == {"blocking": 1, "warning": 1}


@pytest.mark.parametrize("n", [10, 200])
def test_report_selectors_take_a_fixed_number_of_queries(n, event, build_programme, django_assert_num_queries):
    build_programme(n)
    with django_assert_num_queries(1):
        counts = {g.name: g.session_count for g in selectors.sessions_per_home_group(event)}
    # The programme cycles through the audiences: the cancer group, its sub-group, the nursing visit, everyone.
    expected = {
        "Cancer services group": sum(i % 4 != 2 for i in range(n)),
        "Nursing group": sum(i % 4 in (2, 3) for i in range(n)),
    }
    assert counts == expected
    with django_assert_num_queries(1):
        assert len(list(selectors.visiting_groups_served(event))) == 1
    with django_assert_num_queries(1):
        assert len(list(selectors.staff_involved(event))) == 5
    with django_assert_num_queries(1):
        assert [o.presenter_count for o in selectors.partner_organisations(event)] == [5]
    with django_assert_num_queries(6):  # the sessions, then presenters, groups, sub-groups, visits, job profiles
        assert sum(len(sessions) for _, sessions in selectors.sessions_by_day(event)) == n
    with django_assert_num_queries(8):  # the same six, the size of "everyone", and unavailability
        selectors.open_clashes_count(event)
