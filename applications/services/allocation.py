"""Allocation runs: build the instance from the database, call the pure algorithm, keep the run, apply it.

An organiser's run is queued and computed by a background task (`applications.tasks.allocation_run_compute`), so a
large event never holds a web request while the algorithm works; the `allocate` command computes at once. A run
places the verified schools' submitted and waitlisted students into what is left of the home groups and of
the event (students accepted before keep their places). Applying it re-checks, with the event's and the groups'
rows locked, that the applications have not changed since the preview and that nothing overfills.
"""

import logging
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from applications import selectors, tasks
from applications.allocation import Group, Instance, Outcome, Reason, Student, allocate
from applications.models import AllocationRun, AllocationRunState, Application, ApplicationStatus, HomeGroup
from applications.services.applications import check_capacity
from eventsite.models import Event

REASON_LABELS = {
    Reason.NO_CHOICES: "None of the areas chosen has a home group",
    Reason.SCHOOL_CAP: "Their school reached the per-school cap",
    Reason.AREAS_FULL: "Every area chosen is full",
    Reason.EVENT_FULL: "The event is full",
}


logger = logging.getLogger(__name__)

UNEXPECTED_FAILURE = "The allocation stopped on an unexpected error (it is in the worker's log). Run it again."


class AllocationError(ValidationError):
    """A run cannot be made or applied as asked; the message says why and what to do."""


def _students(event: Event, grouped_areas: set[int]) -> list[dict]:
    """The students taking part, as plain values, in a stable order; choices of areas without groups are dropped."""
    return [
        {
            "id": application.pk,
            "school": application.school_id,
            "priority": application.school.is_priority,
            "choices": [c.service_area_id for c in application.choices.all() if c.service_area_id in grouped_areas],
        }
        for application in selectors.allocation_candidates(event)
    ]


def _parameters(event: Event, groups: list[HomeGroup], params: dict) -> dict:
    event_capacity = params.get("event_capacity")
    event_capacity = event.capacity if event_capacity is None else int(event_capacity)
    if not 0 <= event_capacity <= event.capacity:
        raise AllocationError(
            {"event_capacity": f"Give between 0 and {event.capacity} (the event's capacity, set in the admin)."}
        )
    given = {int(k): int(v) for k, v in (params.get("group_capacities") or {}).items()}
    if unknown := set(given) - {g.pk for g in groups}:
        raise AllocationError(f"Groups {sorted(unknown)} are not home groups of {event}.")
    if any(capacity < 1 for capacity in given.values()):
        raise AllocationError("Every group needs a capacity of at least 1.")
    school_cap = params.get("school_cap")
    if school_cap is not None and int(school_cap) < 1:
        raise AllocationError({"school_cap": "Give a cap of at least 1, or leave it empty for no cap."})
    return {
        "event_capacity": event_capacity,
        "group_capacities": {str(g.pk): given.get(g.pk, g.capacity) for g in groups},
        "school_cap": None if school_cap is None else int(school_cap),
        "seed": int(params.get("seed") or 0),
    }


def _as_instance(data: dict) -> Instance:
    return Instance(
        students=tuple(Student(s["id"], s["school"], s["priority"], tuple(s["choices"])) for s in data["students"]),
        groups=tuple(Group(g["id"], g["area"], g["capacity"]) for g in data["groups"]),
        event_capacity=data["event_capacity"],
        school_cap=data["school_cap"],
        seed=data["seed"],
    )


def _results(outcome: Outcome, accepted: int, filled: dict[int, int]) -> dict:
    return {
        "placements": {str(k): v for k, v in sorted(outcome.placements.items())},
        "unplaced": {str(k): str(v) for k, v in sorted(outcome.unplaced.items())},
        "placed": outcome.placed,
        "priority_placed": outcome.priority_placed,
        "by_rank": list(outcome.by_rank),
        "by_school": {str(k): v for k, v in outcome.by_school.items()},
        "by_group": {str(k): v for k, v in outcome.by_group.items()},
        "accepted_before": accepted,
        "filled_before": {str(k): v for k, v in filled.items()},
    }


def _compute(run: AllocationRun, groups: list[HomeGroup]) -> None:
    """Fill in the run's instance and results from the database as it is now, and mark it ready (unsaved)."""
    parameters, event = run.parameters, run.event
    accepted = selectors.attending_students(event)
    filled = {g.pk: g.members_count for g in groups}
    run.instance = {
        "students": _students(event, {g.service_area_id for g in groups}),
        "groups": [
            {
                "id": g.pk,
                "area": g.service_area_id,
                "capacity": max(0, parameters["group_capacities"][str(g.pk)] - filled[g.pk]),
            }
            for g in groups
        ],
        "event_capacity": max(0, parameters["event_capacity"] - accepted),
        "school_cap": parameters["school_cap"],
        "seed": parameters["seed"],
    }
    run.results = _results(allocate(_as_instance(run.instance)), accepted, filled)
    run.state, run.error = AllocationRunState.READY, ""


@transaction.atomic
def allocation_run_create(*, event: Event, by, **params) -> AllocationRun:
    """Run the allocation as a preview at once and keep it (the `allocate` command, the demo). Parameters:
    event_capacity, group_capacities ({group id: capacity}), school_cap (None for none) and seed; missing ones take
    the event's and the groups' own values."""
    groups = list(selectors.home_group_fill(event))
    run = AllocationRun(event=event, parameters=_parameters(event, groups, params), created_by=by)
    _compute(run, groups)
    run.save()
    return run


@transaction.atomic
def allocation_run_queue(*, event: Event, by, **params) -> AllocationRun:
    """Keep a run with its checked parameters (as for `allocation_run_create`) and hand it to the task worker once
    this transaction commits; the run page shows it working until the task has computed it."""
    groups = list(selectors.home_group_fill(event))
    run = AllocationRun.objects.create(
        event=event, parameters=_parameters(event, groups, params), created_by=by, state=AllocationRunState.QUEUED
    )
    transaction.on_commit(partial(tasks.allocation_run_compute.enqueue, run_id=run.pk))
    return run


def allocation_run_compute(*, run_id: int) -> AllocationRun:
    """Compute a queued run: running, then ready with its results, or failed with a message for the organiser.

    Only the worker that moves the run from queued to running computes it, so a task delivered twice does nothing
    the second time. The parameters are checked again, since groups or the event's capacity may have changed
    while the run waited.
    """
    queued = AllocationRun.objects.filter(pk=run_id, state=AllocationRunState.QUEUED)
    if queued.update(state=AllocationRunState.RUNNING):
        try:
            with transaction.atomic():
                run = AllocationRun.objects.select_related("event").get(pk=run_id)
                groups = list(selectors.home_group_fill(run.event))
                run.parameters = _parameters(run.event, groups, run.parameters)
                _compute(run, groups)
                run.save(update_fields=["parameters", "instance", "results", "state", "error"])
        except AllocationError as exc:
            _fail(run_id, " ".join(exc.messages) + " Run the allocation again.")
        except Exception:
            logger.exception("Allocation run %s failed", run_id)
            _fail(run_id, UNEXPECTED_FAILURE)
            raise
    return AllocationRun.objects.get(pk=run_id)


def _fail(run_id: int, message: str) -> None:
    AllocationRun.objects.filter(pk=run_id).update(state=AllocationRunState.FAILED, error=message)


@transaction.atomic
def allocation_run_apply(*, run: AllocationRun, by) -> AllocationRun:
    """Accept the placed students into their groups and waitlist the rest, all or nothing.

    Locks the event, the run and the groups, then refuses if the run was applied already, if the applications
    taking part have changed since the preview, or if anything would pass its capacity.
    """
    event = Event.objects.select_for_update().get(pk=run.event_id)
    run = AllocationRun.objects.select_for_update().get(pk=run.pk)
    if run.is_applied:
        raise AllocationError("This run has been applied already.")
    if run.state == AllocationRunState.FAILED:
        raise AllocationError("This run failed, so there is nothing to apply. Run the allocation again.")
    if not run.is_ready:
        raise AllocationError("This run is still being worked out. Apply it once its preview shows.")
    groups = {g.pk: g for g in HomeGroup.objects.select_for_update().filter(event=event)}
    if _students(event, {g.service_area_id for g in groups.values()}) != run.instance["students"]:
        raise AllocationError("Applications have changed since this preview was made. Run the allocation again.")
    if set(map(int, run.parameters["group_capacities"])) != set(groups):
        raise AllocationError("Home groups have changed since this preview was made. Run the allocation again.")
    placements = {int(k): v for k, v in run.results["placements"].items()}
    if run.parameters["event_capacity"] > event.capacity:
        raise AllocationError(f"The event's capacity is now {event.capacity}. Run the allocation again.")
    changed_groups = []
    for key, capacity in run.parameters["group_capacities"].items():
        group = groups[int(key)]
        if group.capacity != capacity:
            group.capacity, group._history_user = capacity, by
            changed_groups.append(group)
    bulk_update_with_history(changed_groups, HomeGroup, ["capacity"], default_user=by)
    per_group: dict[int, int] = {}
    for group_id in placements.values():
        per_group[group_id] = per_group.get(group_id, 0) + 1
    try:
        check_capacity(event=event, adding=len(placements), groups=per_group)
    except ValidationError as exc:
        raise AllocationError(exc.messages[0] + " Run the allocation again.") from exc
    if len(placements) + selectors.attending_students(event) > run.parameters["event_capacity"]:
        raise AllocationError("The run would pass the event capacity it was given. Run the allocation again.")
    applications = list(
        Application.objects.select_for_update(of=("self",))
        .order_by("pk")
        .filter(pk__in=[s["id"] for s in run.instance["students"]])
    )
    for application in applications:
        group_id = placements.get(application.pk)
        application.home_group_id = group_id
        application.status = ApplicationStatus.ACCEPTED if group_id else ApplicationStatus.WAITLISTED
    bulk_update_with_history(applications, Application, ["status", "home_group"], default_user=by)
    run.applied_at, run.applied_by = timezone.now(), by
    run.save(update_fields=["applied_at", "applied_by"])
    return run


def allocation_run_export(run: AllocationRun) -> dict:
    """The run as plain data for audit: parameters, the instance the algorithm saw, and the assignment."""
    return {
        "run": run.pk,
        "event": run.event.slug,
        "created_at": run.created_at.isoformat(),
        "created_by": run.created_by.get_username() if run.created_by else None,
        "applied_at": run.applied_at.isoformat() if run.applied_at else None,
        "applied_by": run.applied_by.get_username() if run.applied_by else None,
        "parameters": run.parameters,
        "instance": run.instance,
        "assignment": run.results,
    }
