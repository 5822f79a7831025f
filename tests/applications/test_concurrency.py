"""Real concurrency on PostgreSQL: threads race to accept, to apply allocation runs and to submit the same student.

Row locks on the event, the groups and the school serialise the writers, and each re-counts under its lock, so
nothing overfills and nothing is saved twice.
"""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from applications import services
from applications.models import Application, ApplicationStatus
from tests.applications.conftest import make_application
from tests.applications.test_services import data
from tests.factories import HomeGroupFactory, SchoolFactory

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def slow_capacity_check(monkeypatch):
    """Widen the window between counting and writing, so that racing writers overlap there for certain."""
    check = services.applications.check_capacity

    def slow(**kwargs):
        check(**kwargs)
        time.sleep(0.3)

    monkeypatch.setattr(services.applications, "check_capacity", slow)
    monkeypatch.setattr(services.allocation, "check_capacity", slow)


def race(*calls):
    """Run each call in its own thread and connection, started together; return what each returned or raised."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def worker(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as exc:  # the outcome under test: kept and compared by the caller
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def outcomes(results):
    return sorted(type(r).__name__ if isinstance(r, Exception) else "ok" for r in results)


def test_concurrent_accepts_never_overfill_the_event(event, areas, school, organiser):
    event.capacity = 1
    event.save()
    apps = [make_application(event, SchoolFactory(), areas, first_name=f"S{i}") for i in range(4)]
    results = race(
        *[lambda a=a: services.applications_accept(event=event, application_ids=[a.pk], by=organiser) for a in apps]
    )
    assert outcomes(results) == ["CapacityError", "CapacityError", "CapacityError", "ok"]
    assert Application.objects.filter(status=ApplicationStatus.ACCEPTED).count() == 1


def test_concurrent_accepts_never_overfill_a_group(event, areas, school, organiser):
    group = HomeGroupFactory(event=event, service_area=areas[0], capacity=2)
    apps = [make_application(event, SchoolFactory(), areas, first_name=f"S{i}") for i in range(5)]
    results = race(
        *[
            lambda a=a: services.applications_accept(
                event=event, application_ids=[a.pk], by=organiser, home_group=group
            )
            for a in apps
        ]
    )
    assert outcomes(results) == ["CapacityError"] * 3 + ["ok"] * 2
    assert group.members.filter(status=ApplicationStatus.ACCEPTED).count() == 2


def test_concurrent_applies_apply_one_run_only(event, areas, school, organiser):
    HomeGroupFactory(event=event, service_area=areas[0], capacity=3)
    HomeGroupFactory(event=event, service_area=areas[1], capacity=3)
    for i in range(10):
        make_application(event, school, areas, ranks=(i % 2, 1 - i % 2), first_name=f"S{i}")
    runs = [services.allocation_run_create(event=event, by=organiser, seed=seed) for seed in (1, 2, 3)]
    same_run = runs[0]
    results = race(
        *[lambda r=r: services.allocation_run_apply(run=r, by=organiser) for r in runs],
        lambda: services.allocation_run_apply(run=same_run, by=organiser),
    )
    assert outcomes(results) == ["AllocationError"] * 3 + ["ok"]
    assert Application.objects.filter(status=ApplicationStatus.ACCEPTED).count() == 6
    assert Application.objects.filter(status=ApplicationStatus.WAITLISTED).count() == 4


def test_an_accept_racing_an_apply_never_overfills(event, areas, school, organiser):
    event.capacity = 3
    event.save()
    HomeGroupFactory(event=event, service_area=areas[0], capacity=3)
    apps = [make_application(event, school, areas, ranks=(0,), first_name=f"S{i}") for i in range(4)]
    run = services.allocation_run_create(event=event, by=organiser, seed=1)
    unplaced = next(a for a in apps if str(a.pk) in run.results["unplaced"])
    race(
        lambda: services.allocation_run_apply(run=run, by=organiser),
        lambda: services.applications_accept(event=event, application_ids=[unplaced.pk], by=organiser),
    )
    assert Application.objects.filter(status=ApplicationStatus.ACCEPTED).count() <= 3


def test_a_double_submit_saves_one_application(event, areas, school, open_window):
    results = race(
        lambda: services.application_create(event=event, school=school, data=data(areas)),
        lambda: services.application_create(event=event, school=school, data=data(areas)),
    )
    assert outcomes(results) == ["ValidationError", "ok"]
    assert isinstance(next(r for r in results if isinstance(r, Exception)), ValidationError)
    assert Application.objects.count() == 1
