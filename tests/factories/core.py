import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from eventsite.models import Event, ServiceArea

TEST_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: u.username if "@" in u.username else f"{u.username}@example.org")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person{n}")
    password = factory.django.Password(TEST_PASSWORD)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    name = factory.Sequence(lambda n: f"Experience of the Workplace {2030 + n}")
    slug = factory.Sequence(lambda n: f"eow-{2030 + n}")
    venue = "Hope Park campus"
    start_date = datetime.date(2030, 6, 17)
    num_days = 5
    capacity = 250
    applications_open_at = factory.LazyFunction(
        lambda: datetime.datetime(2030, 3, 1, 9, 0, tzinfo=timezone.get_default_timezone())
    )
    applications_close_at = factory.LazyFunction(
        lambda: datetime.datetime(2030, 4, 26, 17, 0, tzinfo=timezone.get_default_timezone())
    )
    eligible_year_groups = factory.LazyFunction(lambda: [10])


class ServiceAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceArea

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Service area {n}")
    slug = factory.Sequence(lambda n: f"service-area-{n}")
    order = factory.Sequence(int)
