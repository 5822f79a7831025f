"""The organisers' allocation pages: parameters, a stored preview with tables and charts, apply, download, publish."""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from applications import selectors, services
from applications.forms import AllocationRunForm
from applications.models import AllocationRun, Application, School
from eventsite.models import Event
from eventsite.permissions import organiser_required


@organiser_required
@require_safe
def allocation_current(request):
    event = Event.objects.current()
    if event is None:
        messages.info(request, "Set up an event in the admin first.")
        return redirect("admin:index")
    return redirect("applications:allocation", slug=event.slug)


@organiser_required
@require_http_methods(["GET", "POST"])
def allocation(request, slug: str):
    event = get_object_or_404(Event, slug=slug)
    groups = list(selectors.home_group_fill(event))
    form = AllocationRunForm(request.POST or None, event=event, groups=groups)
    if form.is_valid():
        try:
            run = services.allocation_run_queue(event=event, by=request.user, **form.parameters())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("applications:allocation_run", pk=run.pk)
    context = {
        "event": event,
        "form": form,
        "groups": groups,
        "candidates": selectors.allocation_candidates(event).count(),
        "accepted": selectors.attending_students(event),
        "runs": selectors.allocation_runs(event)[:20],
    }
    return render(request, "applications/allocation.html", context)


def _run_tables(run: AllocationRun) -> dict:
    """Everything the preview shows, from the stored run plus three lookups (groups, schools, unplaced students)."""
    results, instance = run.results, run.instance
    groups = {g.pk: g for g in selectors.home_group_fill(run.event)}
    group_rows = [
        {
            "group": group,
            "capacity": run.parameters["group_capacities"].get(str(group.pk), group.capacity),
            "before": results["filled_before"].get(str(group.pk), 0),
            "placed": results["by_group"].get(str(group.pk), 0),
        }
        for group in groups.values()
    ]
    applicants: dict[int, int] = {}
    for student in instance["students"]:
        applicants[student["school"]] = applicants.get(student["school"], 0) + 1
    schools = School.objects.filter(pk__in=applicants).order_by("name")
    school_rows = [
        {"school": school, "applicants": applicants[school.pk], "placed": results["by_school"].get(str(school.pk), 0)}
        for school in schools
    ]
    unplaced_ids = [int(k) for k in results["unplaced"]]
    unplaced = [
        {"application": application, "reason": services.REASON_LABELS[results["unplaced"][str(application.pk)]]}
        for application in Application.objects.filter(pk__in=unplaced_ids)
        .select_related("school")
        .order_by("school__name", "surname", "first_name")
    ]
    by_rank = results["by_rank"] + [0] * (3 - len(results["by_rank"]))
    chart = {
        "groups": {
            "labels": [row["group"].name for row in group_rows],
            "placed": [row["placed"] + row["before"] for row in group_rows],
            "capacity": [row["capacity"] for row in group_rows],
        },
        "choices": {
            "labels": ["1st choice", "2nd choice", "3rd choice", "Not placed"],
            "counts": [*by_rank[:3], len(unplaced_ids)],
        },
    }
    return {
        "group_rows": group_rows,
        "school_rows": school_rows,
        "unplaced": unplaced,
        "by_rank": by_rank[:3],
        "students": len(instance["students"]),
        "chart": chart,
    }


@organiser_required
@require_safe
def allocation_run(request, pk: int):
    run = get_object_or_404(AllocationRun.objects.select_related("event", "created_by", "applied_by"), pk=pk)
    context = {"run": run, "event": run.event, "results": run.results}
    if run.is_ready:
        context |= _run_tables(run)
    return render(request, "applications/allocation_run.html", context)


@organiser_required
@require_safe
def allocation_run_status(request, pk: int):
    """What the run page polls while the run is queued or running."""
    run = get_object_or_404(AllocationRun.objects.only("state", "error"), pk=pk)
    return JsonResponse({"state": run.state, "working": run.is_working, "error": run.error})


@organiser_required
@require_POST
def allocation_run_apply(request, pk: int):
    run = get_object_or_404(AllocationRun, pk=pk)
    try:
        services.allocation_run_apply(run=run, by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request,
            f"Run {run.pk} applied: {run.results['placed']} students accepted into home groups, "
            f"{len(run.results['unplaced'])} waitlisted.",
        )
    return redirect("applications:allocation_run", pk=run.pk)


@organiser_required
@require_safe
def allocation_run_download(request, pk: int):
    run = get_object_or_404(AllocationRun.objects.select_related("event", "created_by", "applied_by"), pk=pk)
    body = json.dumps(services.allocation_run_export(run), indent=2)
    return HttpResponse(
        body,
        content_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="allocation-run-{run.pk}.json"'},
    )


@organiser_required
@require_POST
def decisions_publish(request, slug: str):
    event = get_object_or_404(Event, slug=slug)
    count = services.decisions_publish(event=event, by=request.user)
    messages.success(request, f"Decisions published: {count} applications; each school has been e-mailed.")
    return redirect("applications:allocation", slug=event.slug)
