import io
import random

import pytest
from django.core.management import call_command

from eventsite import demo as core_demo
from eventsite.management.commands.seed_demo import demo_modules
from timetable import selectors
from timetable.models import Session

pytestmark = pytest.mark.django_db


def test_the_demo_builds_the_write_ups_week_without_a_blocking_clash():
    ctx = core_demo.DemoContext(event=core_demo.create_event(), rng=random.Random(2024), out=io.StringIO())
    for module in demo_modules():
        module.seed(ctx)
    event, cancer_group = ctx.event, ctx.objects["cancer_group"]

    counts = {group.name: group.session_count for group in selectors.sessions_per_home_group(event)}
    assert counts[cancer_group.name] == 7
    assert {counts[group.name] for group in ctx.objects["visiting_groups"]} == {1}
    assert len(ctx.objects["cancer_sessions"]) == 6 + 9  # six whole-group sessions and the rotation's nine
    assert len(ctx.objects["sessions"]) == 6 + 9 + 4
    assert Session.objects.filter(event=event, state="scheduled").count() == 19
    assert [s.members.count() for s in cancer_group.sub_groups.all()] == [7, 7, 7]

    assert selectors.staff_involved(event).count() == 32
    assert [(o.name, o.presenter_count) for o in selectors.partner_organisations(event)] == [
        ("Cheshire and Merseyside Cancer Alliance", 2),
        ("Macmillan Cancer Support", 3),
        ("NHS England", 4),
        ("The Clatterbridge Cancer Centre NHS Foundation Trust", 18),
        ("Wirral Community Health and Care (CIC)", 5),
    ]
    intro = "Introduction to cancer and overview of roles within cancer services"
    intros = Session.objects.filter(event=event, title=intro).order_by("day_index", "starts_at")
    assert [(s.day_index, f"{s.starts_at:%H:%M}") for s in intros] == [
        (0, "13:00"),
        (1, "13:30"),
        (2, "13:00"),
        (3, "13:30"),
    ]
    assert selectors.visiting_groups_served(event).count() == 4
    assert [(day.day, len(sessions)) for day, sessions in selectors.sessions_by_day(event)] == [
        (17, 2),
        (18, 2),
        (19, 2),
        (20, 3),
        (21, 10),
    ]
    assert set(ctx.objects["rooms"]) >= {"Cancer services base room", "Marketplace hall"}
    assert Session.objects.get(event=event, title="Marketplace", starts_at="09:30").featured_profiles.count() == 22

    out = io.StringIO()
    call_command("check_timetable", event.slug, stdout=out, no_color=True)
    assert out.getvalue() == "Experience of the Workplace: 0 blocking clash(es), 0 warning(s).\n"
