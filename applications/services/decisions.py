"""Publishing decisions: each school is e-mailed its students' outcomes and the applications are stamped."""

from collections import defaultdict

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from applications.mail import queue_mail
from applications.models import Application, ApplicationStatus
from eventsite.models import Event

DECIDED = (ApplicationStatus.ACCEPTED, ApplicationStatus.WAITLISTED, ApplicationStatus.REJECTED)


@transaction.atomic
def decisions_publish(*, event: Event, by, application_ids: list[int] | None = None, notify: bool = True) -> int:
    """Stamp decision_published_at on the event's decided applications (or the given ones) and e-mail each school
    the outcomes of its students. Returns how many applications were published."""
    decided = (
        Application.objects.select_for_update(of=("self",))
        .filter(event=event, status__in=DECIDED)
        .select_related("school", "home_group")
        .order_by("school__name", "surname", "first_name")
    )
    if application_ids is not None:
        decided = decided.filter(pk__in=application_ids)
    applications = list(decided)
    now = timezone.now()
    for application in applications:
        application.decision_published_at = now
    bulk_update_with_history(applications, Application, ["decision_published_at"], default_user=by)
    if notify:
        by_school = defaultdict(list)
        for application in applications:
            by_school[application.school].append(application)
        for school, students in by_school.items():
            queue_mail(
                to=[school.contact_email],
                template="decisions_published",
                context={"event": event, "school": school, "applications": students},
            )
    return len(applications)
