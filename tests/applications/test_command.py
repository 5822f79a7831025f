import json

import pytest
from django.core.management import CommandError, call_command

from applications.models import AllocationRun, Application, ApplicationStatus
from tests.applications.conftest import make_application
from tests.factories import HomeGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready(event, areas, school):
    HomeGroupFactory(event=event, service_area=areas[0], name="Cancer group", capacity=1)
    for name in ("Ada", "Bo"):
        make_application(event, school, areas, ranks=(0,), first_name=name)
    make_application(event, school, areas, ranks=(2,), first_name="Cy")


def test_allocate_previews_by_default(event, ready, capsys):
    call_command("allocate", event.slug, "--seed", "3")
    out = capsys.readouterr().out.splitlines()
    run = AllocationRun.objects.get()
    assert out == [
        f"Run {run.pk} for {event.slug}: 3 taking part, 1 placed (0 from priority schools); "
        "choices 1st 1, 2nd 0, 3rd 0; 2 not placed.",
        "  not placed, every area chosen is full: 1",
        "  not placed, none of the areas chosen has a home group: 1",
        "Preview only; run again with --apply to accept and waitlist.",
    ]
    assert not Application.objects.filter(status=ApplicationStatus.ACCEPTED).exists()


def test_allocate_applies_and_prints_json(event, ready, organiser, capsys):
    call_command("allocate", event.slug, "--apply", "--json", "--user", organiser.username)
    data = json.loads(capsys.readouterr().out)
    assert (data["applied_by"], data["assignment"]["placed"], data["parameters"]["seed"]) == ("olivia.organiser", 1, 0)
    assert sorted(Application.objects.values_list("status", flat=True)) == ["accepted", "waitlisted", "waitlisted"]


def test_allocate_explains_bad_input(event, ready):
    with pytest.raises(CommandError, match="No event has the slug 'nope'"):
        call_command("allocate", "nope")
    with pytest.raises(CommandError, match="Give between 0 and 250"):
        call_command("allocate", event.slug, "--capacity", "999")
