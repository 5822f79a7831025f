"""The allocation service: runs built from the database, stored, applied all or nothing, refused when stale."""

import pytest

from applications import services
from applications.models import AllocationRun, Application, ApplicationStatus, HomeGroup
from tests.applications.conftest import make_application
from tests.factories import HomeGroupFactory, SchoolFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(event, areas, school, other_school):
    """Cancer group (1 seat), nursing group (2 seats), no group for Healthcare science. Oakwood is a priority school.
    ada: cancer, nursing; bo (priority): cancer, nursing; cy: science only; di: nursing; an unverified school's ed."""
    type(other_school).objects.filter(pk=other_school.pk).update(gatsby_benchmark_5="below")
    cancer = HomeGroupFactory(event=event, service_area=areas[0], name="Cancer group", capacity=1)
    nursing = HomeGroupFactory(event=event, service_area=areas[1], name="Nursing group", capacity=2)
    apps = {
        "ada": make_application(event, school, areas, ranks=(0, 1), first_name="Ada"),
        "bo": make_application(event, other_school, areas, ranks=(0, 1), first_name="Bo"),
        "cy": make_application(event, school, areas, ranks=(2,), first_name="Cy"),
        "di": make_application(event, school, areas, ranks=(1,), first_name="Di"),
        "ed": make_application(event, SchoolFactory(unverified=True), areas, ranks=(0,), first_name="Ed"),
    }
    return {"cancer": cancer, "nursing": nursing, **apps}


def test_a_run_is_stored_with_its_instance_and_results(event, setup, organiser):
    run = services.allocation_run_create(event=event, by=organiser, seed=7)
    s = setup
    assert run.parameters == {
        "event_capacity": 250,
        "group_capacities": {str(s["cancer"].pk): 1, str(s["nursing"].pk): 2},
        "school_cap": None,
        "seed": 7,
    }
    assert run.instance["students"] == [
        {
            "id": s["ada"].pk,
            "school": s["ada"].school_id,
            "priority": False,
            "choices": [s["cancer"].service_area_id, s["nursing"].service_area_id],
        },
        {
            "id": s["bo"].pk,
            "school": s["bo"].school_id,
            "priority": True,
            "choices": [s["cancer"].service_area_id, s["nursing"].service_area_id],
        },
        {"id": s["cy"].pk, "school": s["cy"].school_id, "priority": False, "choices": []},
        {"id": s["di"].pk, "school": s["di"].school_id, "priority": False, "choices": [s["nursing"].service_area_id]},
    ]
    results = run.results
    assert (results["placed"], results["priority_placed"], results["by_rank"]) == (3, 1, [2, 1])
    assert results["unplaced"] == {str(s["cy"].pk): "no_choices"}
    assert set(results["placements"]) == {str(s["ada"].pk), str(s["bo"].pk), str(s["di"].pk)}
    assert results["placements"][str(s["di"].pk)] == s["nursing"].pk
    assert results["by_group"] == {str(s["cancer"].pk): 1, str(s["nursing"].pk): 2}
    assert (run.created_by, run.applied_at) == (organiser, None)
    assert Application.objects.filter(status=ApplicationStatus.SUBMITTED).count() == 5  # a preview changes nothing


def test_the_same_seed_gives_the_same_run(event, setup, organiser):
    first = services.allocation_run_create(event=event, by=organiser, seed=3)
    second = services.allocation_run_create(event=event, by=organiser, seed=3)
    assert first.results == second.results and first.pk != second.pk


def test_applying_accepts_into_groups_and_waitlists_the_rest(event, setup, organiser):
    run = services.allocation_run_create(event=event, by=organiser, seed=1, group_capacities={setup["nursing"].pk: 3})
    services.allocation_run_apply(run=run, by=organiser)
    run.refresh_from_db()
    assert run.applied_by == organiser and run.applied_at is not None
    statuses = dict(Application.objects.values_list("first_name", "status"))
    assert statuses == {"Ada": "accepted", "Bo": "accepted", "Cy": "waitlisted", "Di": "accepted", "Ed": "submitted"}
    assert Application.objects.get(first_name="Bo").home_group is not None
    assert HomeGroup.objects.get(pk=setup["nursing"].pk).capacity == 3
    assert Application.history.filter(history_user=organiser).count() == 4
    with pytest.raises(services.AllocationError, match="applied already"):
        services.allocation_run_apply(run=run, by=organiser)


def test_a_later_run_fills_what_is_left_and_keeps_those_accepted(event, setup, organiser):
    services.applications_accept(
        event=event, application_ids=[setup["di"].pk], by=organiser, home_group=setup["nursing"]
    )
    run = services.allocation_run_create(event=event, by=organiser, seed=2, event_capacity=2)
    assert run.instance["event_capacity"] == 1
    assert {g["id"]: g["capacity"] for g in run.instance["groups"]} == {setup["cancer"].pk: 1, setup["nursing"].pk: 1}
    assert (run.results["placed"], run.results["priority_placed"], run.results["accepted_before"]) == (1, 1, 1)
    assert run.results["placements"] == {str(setup["bo"].pk): setup["cancer"].pk}
    assert run.results["unplaced"] == {str(setup["ada"].pk): "event_full", str(setup["cy"].pk): "no_choices"}


def test_a_stale_run_is_refused(event, areas, school, setup, organiser):
    run = services.allocation_run_create(event=event, by=organiser)
    make_application(event, school, areas, first_name="Late")
    with pytest.raises(services.AllocationError, match="Applications have changed since this preview"):
        services.allocation_run_apply(run=run, by=organiser)
    assert not AllocationRun.objects.filter(applied_at__isnull=False).exists()


def test_apply_rechecks_capacity(event, setup, organiser):
    run = services.allocation_run_create(event=event, by=organiser, seed=1)
    event.capacity = 2
    event.save()
    with pytest.raises(services.AllocationError, match="capacity is now 2"):
        services.allocation_run_apply(run=run, by=organiser)
    assert Application.objects.filter(status=ApplicationStatus.ACCEPTED).count() == 0


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"event_capacity": 251}, "Give between 0 and 250"),
        ({"school_cap": 0}, "cap of at least 1"),
        ({"group_capacities": {999999: 3}}, "are not home groups"),
    ],
)
def test_bad_parameters_are_refused(event, setup, organiser, params, message):
    with pytest.raises(services.AllocationError, match=message):
        services.allocation_run_create(event=event, by=organiser, **params)
    assert not AllocationRun.objects.exists()


def test_school_cap_limits_each_school(event, setup, organiser):
    run = services.allocation_run_create(event=event, by=organiser, school_cap=1, seed=4)
    assert run.results["placed"] == 2
    unplaced = run.results["unplaced"]
    assert unplaced[str(setup["cy"].pk)] == "no_choices"
    assert sorted(unplaced.values()) == ["no_choices", "school_cap"]


def test_export_holds_parameters_instance_and_assignment(event, setup, organiser):
    run = services.allocation_run_create(event=event, by=organiser, seed=5)
    data = services.allocation_run_export(run)
    assert set(data) == {
        "run",
        "event",
        "created_at",
        "created_by",
        "applied_at",
        "applied_by",
        "parameters",
        "instance",
        "assignment",
    }
    assert (data["event"], data["created_by"], data["applied_at"]) == (event.slug, "olivia.organiser", None)
    assert data["assignment"]["placed"] == 3 and len(data["instance"]["students"]) == 4
