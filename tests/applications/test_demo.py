import pytest
from django.core.management import call_command

from applications import selectors
from applications.models import AllocationRun, School
from eventsite.demo import DEMO_SLUG
from eventsite.models import Event

pytestmark = pytest.mark.django_db


def test_seed_demo_places_250_with_21_in_the_cancer_group(capsys):
    call_command("seed_demo", "--seed", "11")
    event = Event.objects.get(slug=DEMO_SLUG)
    assert selectors.attending_students(event) == 250
    fill = {group.name: (group.members_count, group.capacity) for group in selectors.home_group_fill(event)}
    assert fill["Cancer services home group"] == (21, 21)
    assert sum(members for members, _ in fill.values()) == 250
    assert selectors.visiting_groups_count(event) == 4
    funnel = selectors.application_funnel(event)
    assert funnel["total"] > 250 and funnel["by_status"]["waitlisted"] == funnel["total"] - 250
    assert (funnel["schools"], funnel["priority_schools"]) == (30, 10)
    assert selectors.attending_schools(event)["priority_schools"] == 10
    assert set(School.objects.values_list("local_authority", flat=True)) == {
        "Liverpool", "Knowsley", "Sefton", "St Helens", "Wirral", "Halton"
    }  # fmt: skip
    assert not School.objects.filter(verified_at__isnull=True).exists()
    run = AllocationRun.objects.get()
    assert run.is_applied and run.results["placed"] == 250
    assert "school.contact: demo-" in capsys.readouterr().out
