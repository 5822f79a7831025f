"""Organisers' pages: the live dashboard (and the fragment it refreshes itself with) and the impact report."""

import csv

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from applications.models import ApplicationStatus
from dashboard import charts, figures, impact, overview
from eventsite.models import Event
from eventsite.permissions import organiser_required
from eventsite.selectors import event_or_404
from feedback.reports import ROUNDING_RULE

REFRESH_SECONDS = 45
# The report's sections that show a detail table beside their figures.
SECTION_DETAILS = {figures.GROUPS: "groups", figures.STAFF: "organisations", figures.CAREERS: "scans"}


def _admin(model: str, **filters) -> str:
    url = reverse(f"admin:{model}_changelist")
    return f"{url}?{urlencode(filters)}" if filters else url


def _links(event: Event) -> dict:
    """Where each figure's list lives: the admin's lists filtered to the event, or the apps' organiser pages."""
    is_current = Event.objects.current() == event
    return {
        "applications": _admin("applications_application", event__id__exact=event.pk),
        "accepted": _admin("applications_application", event__id__exact=event.pk, status__exact="accepted"),
        "priority_applications": _admin("applications_application", event__id__exact=event.pk, priority="yes"),
        "home_groups": _admin("applications_homegroup", event__id__exact=event.pk),
        "allocation": reverse("applications:allocation", kwargs={"slug": event.slug}),
        "timetable": reverse("timetable:grid")
        if is_current
        else _admin("timetable_session", event__id__exact=event.pk),
        "sessions": _admin("timetable_session", event__id__exact=event.pk, state__exact="scheduled"),
        "scans": reverse("profiles:scan_report")
        if is_current
        else _admin("profiles_scan", link__event__id__exact=event.pk),
        "surveys": f"{reverse('feedback:survey_list')}?{urlencode({'event': event.slug})}",
        "responses": _admin("feedback_response", survey__event__id__exact=event.pk),
    }


def _dashboard_context(request) -> dict:
    event = event_or_404(request.GET.get("event"))
    board = overview.dashboard(event, timezone.localdate())
    return {
        "event": event,
        "board": board,
        "links": _links(event),
        "funnel_rows": [
            {
                "label": label,
                "all": board.funnel.by_status[status],
                "priority": board.priority_funnel.by_status[status],
                "link": _admin("applications_application", event__id__exact=event.pk, status__exact=status),
            }
            for status, label in ApplicationStatus.choices
        ],
        "charts": charts.dashboard_charts(board),
        "updated_at": timezone.localtime(),
        "live_url": f"{reverse('dashboard:live')}?{urlencode({'event': event.slug})}",
        "refresh_seconds": REFRESH_SECONDS,
    }


@require_safe
@organiser_required
def dashboard(request):
    context = _dashboard_context(request)
    context["events"] = Event.objects.order_by("-start_date")
    return render(request, "dashboard/dashboard.html", context)


@require_safe
@organiser_required
def live(request):
    """The dashboard's figures alone, which the page fetches every so often to swap in."""
    return render(request, "dashboard/_live.html", _dashboard_context(request))


@require_safe
@organiser_required
def impact_current(request):
    return redirect("dashboard:impact", slug=event_or_404(request.GET.get("event")).slug)


@require_safe
@organiser_required
def impact_report(request, slug: str):
    event = get_object_or_404(Event, slug=slug)
    report = impact.impact_report(event)
    context = {
        "report": report,
        "event": event,
        "glance": figures.glance(report.figures),
        "sections": [
            {
                "title": title,
                "rows": rows,
                "chart_id": charts.SECTION_CHARTS[title][0],
                "chart_label": charts.SECTION_CHARTS[title][1],
                "detail": SECTION_DETAILS.get(title, ""),
            }
            for title, rows in figures.sections(report.rows)
        ],
        "rounding_rule": ROUNDING_RULE,
        "charts": charts.impact_charts(report.figures),
        "events": Event.objects.order_by("-start_date"),
    }
    return render(request, "dashboard/impact_report.html", context)


@require_safe
@organiser_required
def impact_download(request, slug: str, extension: str):
    event = get_object_or_404(Event, slug=slug)
    report = impact.impact_report(event)
    filename = f"impact-{event.slug}.{extension}"
    if extension == "json":
        response = JsonResponse(figures.as_json(report.figures, report.previous), json_dumps_params={"indent": 2})
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        csv.writer(response).writerows(figures.csv_rows(report.rows, with_previous=report.previous is not None))
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
