"""A small event of the write-up's shape: the cancer group of 21, a visiting group, rooms and presenters."""

import datetime

import pytest

from applications.models import ApplicationStatus
from eventsite.roles import PRESENTERS
from tests.conftest import user_with_role
from tests.factories.applications import ApplicationFactory, GroupVisitFactory, HomeGroupFactory
from tests.factories.core import EventFactory, ServiceAreaFactory
from tests.factories.profiles import JobProfileFactory
from tests.factories.timetable import (
    OrganisationFactory,
    PresenterFactory,
    RoomFactory,
    SessionFactory,
    SubGroupFactory,
)


def at(text: str) -> datetime.time:
    return datetime.time.fromisoformat(text)


@pytest.fixture
def event(db):
    return EventFactory(
        slug="eow-test", start_date=datetime.date(2030, 6, 17), day_starts_at=at("09:00"), day_ends_at=at("15:30")
    )


@pytest.fixture
def cancer_area(event):
    return ServiceAreaFactory(event=event, name="Cancer services", slug="cancer-services")


@pytest.fixture
def cancer_group(event, cancer_area):
    group = HomeGroupFactory(event=event, service_area=cancer_area, name="Cancer services group", capacity=21)
    ApplicationFactory.create_batch(21, event=event, status=ApplicationStatus.ACCEPTED, home_group=group)
    return group


@pytest.fixture
def nursing_group(event):
    area = ServiceAreaFactory(event=event, name="Nursing and midwifery", slug="nursing")
    return HomeGroupFactory(event=event, service_area=area, name="Nursing group", capacity=25)


@pytest.fixture
def nursing_visit(nursing_group, cancer_area):
    return GroupVisitFactory(home_group=nursing_group, service_area=cancer_area)


@pytest.fixture
def base_room(event):
    return RoomFactory(event=event, name="Base room", capacity=30)


@pytest.fixture
def hall(event):
    return RoomFactory(event=event, name="Marketplace hall", capacity=250)


@pytest.fixture
def clatterbridge(db):
    return OrganisationFactory(name="The Clatterbridge Cancer Centre NHS Foundation Trust")


@pytest.fixture
def pat(presenter, clatterbridge):
    """The `presenter` user's presenter profile (Pat)."""
    presenter.first_name, presenter.last_name = "Pat", "Presenter"
    presenter.save()
    return PresenterFactory(user=presenter, organisation=clatterbridge)


@pytest.fixture
def other_presenter_user(db):
    return user_with_role(PRESENTERS, username="quinn.other", first_name="Quinn", last_name="Other")


@pytest.fixture
def quinn(other_presenter_user, clatterbridge):
    return PresenterFactory(user=other_presenter_user, organisation=clatterbridge)


@pytest.fixture
def build_programme(event, cancer_area, cancer_group, nursing_visit, clatterbridge):
    """Make n scheduled sessions with every kind of audience, two presenters and a featured job profile each."""

    def build(n: int) -> list:
        rooms = [RoomFactory(event=event, name=f"Room {i}", capacity=40) for i in range(4)]
        subs = [SubGroupFactory(home_group=cancer_group, name=f"Group {i + 1}", order=i) for i in range(3)]
        people = [PresenterFactory(organisation=clatterbridge) for _ in range(4)]
        guest = PresenterFactory(user=None, guest_name="Gina Guest", organisation=clatterbridge)
        profile = JobProfileFactory(service_area=cancer_area, title="Dietitian", slug="dietitian")
        audiences = [
            {"home_groups": [cancer_group]},
            {"sub_groups": [subs[0]]},
            {"visits": [nursing_visit]},
            {"for_everyone": True},
        ]
        sessions = []
        for i in range(n):
            session = SessionFactory(
                event=event,
                service_area=cancer_area,
                title=f"Session {i:03d}",
                room=rooms[i % 4],
                day_index=i % 5,
                starts_at=datetime.time(9 + i % 6, 0),
                ends_at=datetime.time(9 + i % 6, 45),
                presenters=[people[i % 4], guest],
                **audiences[i % 4],
            )
            session.featured_profiles.add(profile)
            sessions.append(session)
        return sessions

    return build
