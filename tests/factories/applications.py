import datetime

import factory

from applications.models import Application, ApplicationChoice, GatsbyStatus, GroupVisit, HomeGroup, School
from tests.factories.core import EventFactory, ServiceAreaFactory


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Riverside High {n}")
    urn = factory.Sequence(lambda n: f"{100000 + n:06d}")
    local_authority = "Liverpool"
    postcode = "L1 1AA"
    contact_name = "Casey Contact"
    contact_email = factory.Sequence(lambda n: f"careers{n}@school.example.org")
    gatsby_benchmark_5 = GatsbyStatus.AT
    gatsby_benchmark_6 = GatsbyStatus.AT
    verified_at = factory.LazyFunction(lambda: datetime.datetime(2030, 2, 1, tzinfo=datetime.UTC))

    class Params:
        priority = factory.Trait(gatsby_benchmark_5=GatsbyStatus.BELOW)
        unverified = factory.Trait(verified_at=None)


class HomeGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HomeGroup

    event = factory.SubFactory(EventFactory)
    service_area = factory.SubFactory(ServiceAreaFactory, event=factory.SelfAttribute("..event"))
    name = factory.Sequence(lambda n: f"Home group {n}")
    capacity = 21


class GroupVisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupVisit

    home_group = factory.SubFactory(HomeGroupFactory)
    service_area = factory.SubFactory(ServiceAreaFactory, event=factory.SelfAttribute("..home_group.event"))


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    event = factory.SubFactory(EventFactory)
    school = factory.SubFactory(SchoolFactory)
    first_name = factory.Sequence(lambda n: f"Student{n}")
    surname = "Testperson"
    year_group = 10
    statement = "I would like to learn what radiographers do."
    guardian_name = "Pat Parent"
    consent_date = datetime.date(2030, 3, 2)
    photo_consent = True


class ApplicationChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApplicationChoice

    application = factory.SubFactory(ApplicationFactory)
    rank = 1
    service_area = factory.SubFactory(ServiceAreaFactory, event=factory.SelfAttribute("..application.event"))
