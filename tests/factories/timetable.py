import datetime

import factory

from tests.factories.applications import HomeGroupFactory
from tests.factories.core import EventFactory, ServiceAreaFactory, UserFactory
from timetable.models import Organisation, Presenter, Room, Session, SessionKind, SessionState, SubGroup


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Room {n}")
    capacity = 30


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Partner Trust {n}")


class PresenterFactory(factory.django.DjangoModelFactory):
    """A staff presenter with an account; pass `user=None, guest_name=...` for a guest."""

    class Meta:
        model = Presenter

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    job_title = "Radiographer"


class SubGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubGroup

    home_group = factory.SubFactory(HomeGroupFactory)
    name = factory.Sequence(lambda n: f"Group {n}")
    order = factory.Sequence(int)


class SessionFactory(factory.django.DjangoModelFactory):
    """A scheduled session on the event's first day, 10:00–11:00, in a room of the event."""

    class Meta:
        model = Session
        skip_postgeneration_save = True

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    kind = SessionKind.TALK
    service_area = factory.SubFactory(ServiceAreaFactory, event=factory.SelfAttribute("..event"))
    room = factory.SubFactory(RoomFactory, event=factory.SelfAttribute("..event"))
    day_index = 0
    starts_at = datetime.time(10, 0)
    ends_at = datetime.time(11, 0)
    state = SessionState.SCHEDULED

    @factory.post_generation
    def presenters(self, create, extracted, **kwargs):
        if create and extracted:
            self.presenters.set(extracted)

    @factory.post_generation
    def home_groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.home_groups.set(extracted)

    @factory.post_generation
    def sub_groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.sub_groups.set(extracted)

    @factory.post_generation
    def visits(self, create, extracted, **kwargs):
        if create and extracted:
            self.visits.set(extracted)
