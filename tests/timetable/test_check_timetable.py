import io

import pytest
from django.core.management import CommandError, call_command

from tests.factories.timetable import SessionFactory
from tests.timetable.conftest import at

pytestmark = pytest.mark.django_db


def run(slug: str) -> tuple[str, int]:
    out = io.StringIO()
    try:
        call_command("check_timetable", slug, stdout=out, no_color=True)
    except CommandError as error:
        return out.getvalue() + str(error), error.returncode
    return out.getvalue(), 0


def test_a_clean_timetable_passes(event, cancer_area, base_room):
    SessionFactory(event=event, service_area=cancer_area, room=base_room)
    assert run(event.slug) == (f"{event.name}: 0 blocking clash(es), 0 warning(s).\n", 0)


def test_every_clash_is_printed_and_a_blocking_one_fails(event, cancer_area, base_room, cancer_group, pat):
    small = base_room.__class__.objects.create(event=event, name="Small room", capacity=5)
    SessionFactory(event=event, service_area=cancer_area, room=base_room, title="Prehab", presenters=[pat])
    SessionFactory(
        event=event,
        service_area=cancer_area,
        room=small,
        title="Research",
        presenters=[pat],
        home_groups=[cancer_group],
        starts_at=at("10:30"),
        ends_at=at("11:30"),
    )
    SessionFactory(
        event=event, service_area=cancer_area, room=base_room, title="Late", day_index=2, ends_at=at("16:00")
    )
    output, code = run(event.slug)
    assert code == 1
    assert output.splitlines() == [
        "BLOCKING presenter: Presenter 'Pat Presenter' is in two places at once: 'Prehab' and 'Research' overlap "
        "10:30–11:00 on Mon 17 Jun",
        "WARNING over_capacity: 'Research' has an audience of 21 but room 'Small room' seats 5",
        "BLOCKING outside_event: 'Late' runs 10:00–16:00 on Wed 19 Jun, outside the event's hours 09:00–15:30",
        f"{event.name}: 2 blocking clash(es), 1 warning(s).",
    ]


def test_an_unknown_event_is_named(db):
    assert run("no-such-event") == ("No event has the slug 'no-such-event'.", 1)
