"""Reads of the applications app, each a fixed number of queries whatever the data's size.

The organiser dashboard and the impact report (in higher apps) call `application_funnel`, `home_group_fill`,
`attending_students`, `attending_schools` and `visiting_groups_count`.
"""

from django.db.models import Count, Prefetch, Q, QuerySet

from applications.models import (
    AllocationRun,
    Application,
    ApplicationChoice,
    ApplicationStatus,
    GatsbyStatus,
    GroupVisit,
    HomeGroup,
    School,
)
from eventsite.models import Event

PRIORITY_SCHOOL = Q(gatsby_benchmark_5=GatsbyStatus.BELOW) | Q(gatsby_benchmark_6=GatsbyStatus.BELOW)
ACCEPTED = Q(status=ApplicationStatus.ACCEPTED)


def _ranked_choices() -> Prefetch:
    return Prefetch("choices", ApplicationChoice.objects.select_related("service_area").order_by("rank"))


def school_for_user(user) -> School | None:
    """The school a contact belongs to (a contact belongs to one school)."""
    if not user.is_authenticated:
        return None
    return user.schools.order_by("pk").first()


def school_applications(school: School) -> QuerySet[Application]:
    """Every application of one school: all that a school may ever read, so views scope every lookup by it."""
    return (
        Application.objects.filter(school=school)
        .select_related("event", "home_group")
        .prefetch_related(_ranked_choices())
        .order_by("surname", "first_name", "pk")
    )


def allocation_candidates(event: Event) -> QuerySet[Application]:
    """Who takes part in an allocation run: verified schools' submitted or waitlisted applications."""
    return (
        Application.objects.filter(
            event=event,
            status__in=[ApplicationStatus.SUBMITTED, ApplicationStatus.WAITLISTED],
            school__verified_at__isnull=False,
        )
        .select_related("school")
        .prefetch_related(Prefetch("choices", ApplicationChoice.objects.order_by("rank")))
        .order_by("pk")
    )


def home_group_fill(event: Event) -> QuerySet[HomeGroup]:
    """The event's home groups with `members_count` (accepted students), in one query."""
    return (
        HomeGroup.objects.filter(event=event)
        .select_related("service_area", "leader")
        .annotate(members_count=Count("members", filter=Q(members__status=ApplicationStatus.ACCEPTED)))
        .order_by("service_area__order", "service_area__name", "name")
    )


def attending_students(event: Event) -> int:
    """How many students are accepted for the event."""
    return Application.objects.filter(event=event, status=ApplicationStatus.ACCEPTED).count()


def attending_schools(event: Event) -> dict[str, int]:
    """How many schools have an accepted student, and how many of those are priority schools (one query)."""
    attending = School.objects.filter(applications__event=event, applications__status=ApplicationStatus.ACCEPTED)
    return School.objects.filter(pk__in=attending.values("pk")).aggregate(
        schools=Count("pk"), priority_schools=Count("pk", filter=PRIORITY_SCHOOL)
    )


def visiting_groups_count(event: Event) -> int:
    """How many home-group visits to another area's sessions are recorded for the event."""
    return GroupVisit.objects.filter(home_group__event=event).count()


def application_funnel(event: Event) -> dict:
    """Applications by status, in all and per school, and how many come from priority schools (two queries).

    Returns {"total", "by_status": {status: n}, "priority": n, "schools": n, "priority_schools": n,
    "per_school": [School with total, submitted, accepted, waitlisted, rejected, withdrawn]}.
    """
    statuses = [status.value for status in ApplicationStatus]
    counts = {status: Count("pk", filter=Q(status=status)) for status in statuses}
    totals = Application.objects.filter(event=event).aggregate(
        total=Count("pk"),
        priority=Count("pk", filter=Q(school__in=School.objects.filter(PRIORITY_SCHOOL))),
        **counts,
    )
    per_school = list(
        School.objects.filter(applications__event=event)
        .annotate(
            total=Count("applications"),
            **{status: Count("applications", filter=Q(applications__status=status)) for status in statuses},
        )
        .order_by("name")
    )
    return {
        "total": totals["total"],
        "by_status": {status: totals[status] for status in statuses},
        "priority": totals["priority"],
        "schools": len(per_school),
        "priority_schools": sum(school.is_priority for school in per_school),
        "per_school": per_school,
    }


def allocation_runs(event: Event) -> QuerySet[AllocationRun]:
    return AllocationRun.objects.filter(event=event).select_related("created_by", "applied_by")
