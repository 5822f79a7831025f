import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from eventsite.demo import DEMO_SLUG
from eventsite.models import Event, ServiceArea

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_the_write_up_event(capsys):
    call_command("seed_demo", "--seed", "7")
    event = Event.objects.get(slug=DEMO_SLUG)
    assert (event.name, event.capacity, event.num_days, event.start_date.month) == (
        "Experience of the Workplace",
        250,
        5,
        6,
    )
    assert "University" in event.venue
    assert event.service_areas.filter(name="Cancer services").exists()
    out = capsys.readouterr().out
    assert "organiser: demo-" in out


def test_seed_demo_twice_changes_nothing(capsys):
    call_command("seed_demo")
    counts = (Event.objects.count(), ServiceArea.objects.count(), get_user_model().objects.count())
    call_command("seed_demo")
    assert (Event.objects.count(), ServiceArea.objects.count(), get_user_model().objects.count()) == counts
    assert "nothing changed" in capsys.readouterr().out


def test_seed_is_deterministic(capsys):
    call_command("seed_demo", "--seed", "3")
    first = capsys.readouterr().out
    call_command("seed_demo", "--seed", "3", "--reset")
    second = capsys.readouterr().out
    assert first.splitlines()[-6:] == second.splitlines()[-6:]
