import io
import random

import pytest
from django.core.management import call_command
from django.utils import timezone

from eventsite import demo as core_demo
from eventsite.models import Event
from profiles import demo, selectors
from profiles.models import Scan

pytestmark = pytest.mark.django_db


def test_seed_demo_gives_the_write_up_figures(capsys):
    call_command("seed_demo")
    event = Event.objects.get(slug=core_demo.DEMO_SLUG)
    assert selectors.scan_totals(event).profile_pages == 81
    assert selectors.careers_showcased(event) == 22


def test_the_profiles_seed():
    ctx = core_demo.DemoContext(event=core_demo.create_event(), rng=random.Random(1), out=io.StringIO())
    core_demo.seed(ctx)
    demo.seed(ctx)
    profiles = ctx.objects["job_profiles"]
    assert len(profiles) == 22 == len({p.slug for p in profiles})
    assert {p.service_area.name for p in profiles} == {"Cancer services"}
    bands = {p.title: p.pay_band for p in profiles}
    assert (bands["Therapeutic radiographer"], bands["Clinical nurse specialist"], bands["Cancer support worker"]) == (
        "5",
        "7",
        "3",
    )
    oncologist = next(p for p in profiles if p.title == "Medical oncologist")
    assert (oncologist.pay_band, oncologist.salary_min) == ("", 105_504)
    assert all(p.related_roles.exists() for p in profiles)

    totals = selectors.scan_totals(ctx.event)
    assert (totals.total, totals.profile_pages) == (81, 81)
    assert [day.day for day in totals.by_day] == ctx.event.days
    assert [day.total for day in totals.by_day] == [14, 15, 16, 16, 20]
    assert 0 < totals.unique < 81
    placements = {row.label for row in selectors.scans_by_placement(ctx.event)}
    assert placements == {
        "Marketplace stand",
        "Day 1 slides",
        "Introduction to cancer slides",
        "Careers info session",
        "Review of the week",
    }
    for scan in Scan.objects.all():
        local = timezone.localtime(scan.scanned_at)
        assert local.date() in ctx.event.days
        assert ctx.event.day_starts_at <= local.time() <= ctx.event.day_ends_at
