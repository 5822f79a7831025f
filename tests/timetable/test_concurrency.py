"""Two organisers scheduling the two halves of a clash at the same moment: only one of them succeeds."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from tests.factories.timetable import SessionFactory
from timetable import services
from timetable.models import Session, SessionState

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def test_concurrent_scheduling_cannot_place_both_halves_of_a_clash(
    event, cancer_area, base_room, organiser, monkeypatch
):
    check = services._clashes_if_scheduled

    def slow_check(session):
        found = check(session)
        time.sleep(0.5)  # hold the gap between checking and saving open, as a busy server might
        return found

    monkeypatch.setattr(services, "_clashes_if_scheduled", slow_check)
    first, second = (
        SessionFactory(event=event, service_area=cancer_area, room=base_room, title=title, state=SessionState.SUBMITTED)
        for title in ("Prehab", "Research")
    )
    barrier, outcomes = threading.Barrier(2), []

    def schedule(session):
        try:
            barrier.wait()
            services.session_schedule(session=session, by=organiser)
            outcomes.append("scheduled")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=schedule, args=(session,)) for session in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "scheduled"]
    assert Session.objects.filter(state=SessionState.SCHEDULED).count() == 1
