import datetime

import factory
from django.utils import timezone

from profiles.models import JobProfile, QRLink, Scan
from tests.factories.core import EventFactory, ServiceAreaFactory


class JobProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobProfile
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Therapeutic radiographer {n}")
    slug = factory.Sequence(lambda n: f"therapeutic-radiographer-{n}")
    service_area = factory.SubFactory(ServiceAreaFactory)
    summary = "Plans and gives radiotherapy to treat cancer."
    day_to_day = "You set up the machine and position each patient."
    qualifications = "A degree in therapeutic radiography."
    experience = "Volunteering with people."
    route_degree = True
    pay_band = "5"
    salary_min = 29_970
    salary_max = 36_483
    salary_year = 2024
    skills = "Teamwork\nAttention to detail"
    published = True


class QRLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QRLink

    event = factory.LazyAttribute(lambda link: link.profile.service_area.event if link.profile else EventFactory())
    profile = factory.SubFactory(JobProfileFactory)
    target_path = ""
    placement = "Marketplace stand"


class ScanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scan

    link = factory.SubFactory(QRLinkFactory)
    scanned_at = factory.LazyFunction(
        lambda: datetime.datetime(2030, 6, 17, 10, 0, tzinfo=timezone.get_default_timezone())
    )
    visitor_hash = factory.Sequence(lambda n: f"{n:032x}")
