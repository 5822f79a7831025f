"""The demo event from the write-up: the core (event, service areas, accounts).

Each app adds its own part in `<app>/demo.py`, a `seed(ctx: DemoContext)` function; `seed_demo` calls
them in layer order inside one transaction.
"""

import datetime
import random
import string
from dataclasses import dataclass, field
from typing import Any, TextIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from eventsite.models import Event, ServiceArea
from eventsite.roles import ORGANISERS, PRESENTERS

DEMO_SLUG = "experience-of-the-workplace-2024"
DEMO_EMAIL_DOMAIN = "example.org"  # reserved for documentation: no real mailbox is ever written to

SERVICE_AREAS = [
    ("Cancer services", "Supportive and clinical roles along the cancer pathway, from diagnosis to treatment."),
    ("Nursing and midwifery", "Caring for patients on wards, in the community and through pregnancy and birth."),
    ("Allied health professions", "Physiotherapists, paramedics, radiographers, dietitians and more."),
    ("Mental health", "Supporting people's mental health in hospital, at home and in schools."),
    ("Emergency and urgent care", "What happens from the 999 call to the emergency department."),
    ("Healthcare science", "Laboratories, genomics and the science behind diagnosis."),
    ("Wider healthcare team", "Estates, digital, finance, admin and the roles that keep the NHS running."),
]

# (username, first name, last name): fictional names for the demo's accounts.
ORGANISER = ("organiser", "Olivia", "Organiser")
STAFF = [
    ("staff.radiography", "Rhys", "Radley"),
    ("staff.supportive", "Sunita", "Supporter"),
    ("staff.treatments", "Tomas", "Treadwell"),
    ("staff.macmillan", "Maya", "Millbrook"),
]


@dataclass
class DemoContext:
    """What the seeding steps share: the event, one seeded random source, the console and created objects."""

    event: Event
    rng: random.Random
    out: TextIO
    accounts: dict[str, str] = field(default_factory=dict)  # username -> demo password, printed at the end
    objects: dict[str, Any] = field(default_factory=dict)  # what one app's seed leaves for a later one

    def password(self) -> str:
        alphabet = string.ascii_letters + string.digits
        return "demo-" + "".join(self.rng.choice(alphabet) for _ in range(12))

    def make_user(self, username: str, first_name: str, last_name: str, role: str | None = None):
        password = self.password()
        user = get_user_model().objects.create_user(
            username=username,
            email=f"{username}@{DEMO_EMAIL_DOMAIN}",
            password=password,
            first_name=first_name,
            last_name=last_name,
        )
        if role:
            user.groups.add(Group.objects.get(name=role))
        self.accounts[username] = password
        return user


def create_event() -> Event:
    tz = timezone.get_default_timezone()
    return Event.objects.create(
        name="Experience of the Workplace",
        slug=DEMO_SLUG,
        venue="Liverpool Hope University, Hope Park campus",
        start_date=datetime.date(2024, 6, 17),
        num_days=5,
        capacity=250,
        applications_open_at=datetime.datetime(2024, 3, 1, 9, 0, tzinfo=tz),
        applications_close_at=datetime.datetime(2024, 4, 26, 17, 0, tzinfo=tz),
        eligible_year_groups=[10],
        day_starts_at=datetime.time(9, 0),
        day_ends_at=datetime.time(15, 30),
    )


def seed(ctx: DemoContext) -> None:
    for order, (name, description) in enumerate(SERVICE_AREAS):
        ServiceArea.objects.create(
            event=ctx.event,
            name=name,
            slug=name.lower().replace(" ", "-"),
            description=description,
            order=order,
        )
    ctx.objects["organiser"] = ctx.make_user(*ORGANISER, role=ORGANISERS)
    ctx.objects["staff"] = [ctx.make_user(*person, role=PRESENTERS) for person in STAFF]
