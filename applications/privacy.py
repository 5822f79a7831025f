"""Personal data held by the applications app: students' applications, schools' contact details, contact accounts.

Called by the core's privacy commands (eventsite.privacy_services), inside their transaction.

- A student's application is anonymised, never deleted, so every figure (students, schools, groups, choices)
  stays the same: the name becomes "Student" and the application's id (unique, so the one-student-per-school
  constraint holds), the statement, needs and guardian's name are cleared and the consent date is set to
  1 January 1970 (the column is required; that date says "removed"). Status, year group, choices, home group,
  sub-group and photo consent stay. The history rows of the application get the same values, so no old name
  or need survives in the audit trail; who changed what and when stays.
- A school keeps its name, URN, area and Gatsby status (organisation data, used by the figures); its contact
  name, e-mail and phone are cleared when the event is purged, unless the school has applications in another
  event whose personal data has not been purged yet. Its history rows are cleared the same way.
- A contact account is anonymised (eventsite.privacy.anonymise_users) once every school it is a contact of has
  been cleared; organisers', presenters' and staff accounts never are.
- Sent e-mails' records in the task queue (addresses, students' names in decision e-mails) are deleted.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django_tasks_db.models import DBTaskResult
from simple_history.utils import bulk_update_with_history

from applications.models import Application, School
from eventsite import privacy as core_privacy

ANONYMOUS_FIRST_NAME = "Student"
ERASED_DATE = datetime.date(1970, 1, 1)
STUDENT_FIELDS = ("first_name", "surname", "statement", "needs", "guardian_name", "consent_date")
CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")
EMAIL_TASK = "eventsite.tasks.send_email"
PURGE_REASON = "Personal data removed: the event's retention period ended"
HISTORY_CHANGES = {"+": "created", "~": "changed", "-": "deleted"}


def anonymous_values(application_id: int) -> dict:
    return {
        "first_name": ANONYMOUS_FIRST_NAME,
        "surname": str(application_id),
        "statement": "",
        "needs": "",
        "guardian_name": "",
        "consent_date": ERASED_DATE,
    }


def _anonymise_applications(applications, *, by, reason: str) -> dict:
    applications = list(applications)
    changed = []
    for application in applications:
        values = anonymous_values(application.pk)
        if any(getattr(application, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(application, name, value)
            changed.append(application)
    bulk_update_with_history(
        changed, Application, list(STUDENT_FIELDS), default_user=by, default_change_reason=reason, batch_size=500
    )
    still_personal = (
        ~Q(first_name=ANONYMOUS_FIRST_NAME)
        | ~Q(surname=Cast("id", output_field=CharField()))
        | ~Q(statement="")
        | ~Q(needs="")
        | ~Q(guardian_name="")
        | ~Q(consent_date=ERASED_DATE)
    )
    history = Application.history.filter(id__in=[a.pk for a in applications]).filter(still_personal)
    scrubbed = history.update(
        first_name=ANONYMOUS_FIRST_NAME,
        surname=Cast("id", output_field=CharField()),
        statement="",
        needs="",
        guardian_name="",
        consent_date=ERASED_DATE,
    )
    return {"applications": len(changed), "application_history": scrubbed}


def _clear_contacts(schools, *, by, reason: str, history_filter: Q) -> dict:
    changed = [school for school in schools if any(getattr(school, name) for name in CONTACT_FIELDS)]
    for school in changed:
        school.contact_name = school.contact_email = school.contact_phone = ""
    bulk_update_with_history(changed, School, list(CONTACT_FIELDS), default_user=by, default_change_reason=reason)
    has_contact = ~Q(contact_name="") | ~Q(contact_email="") | ~Q(contact_phone="")
    scrubbed = (
        School.history.filter(id__in=[s.pk for s in schools])
        .filter(history_filter & has_contact)
        .update(contact_name="", contact_email="", contact_phone="")
    )
    return {"school_contacts": len(changed), "school_history": scrubbed}


def purge(event, *, by=None) -> dict:
    counts = _anonymise_applications(Application.objects.filter(event=event), by=by, reason=PURGE_REASON)
    schools = School.objects.filter(applications__event=event).distinct()
    # A school with applications in another event not purged yet keeps its contact details for now.
    still_needed = Application.objects.filter(event__personal_data_purged_at__isnull=True).exclude(event=event)
    cleared = list(schools.exclude(pk__in=still_needed.values("school_id")))
    counts |= _clear_contacts(cleared, by=by, reason=PURGE_REASON, history_filter=Q())
    kept_schools = School.objects.exclude(pk__in=[s.pk for s in cleared])
    contacts = (
        get_user_model().objects.filter(schools__in=cleared).exclude(schools__in=kept_schools).distinct().order_by("pk")
    )
    counts["contact_accounts"] = core_privacy.anonymise_users(contacts)
    sent, _ = (
        DBTaskResult.objects.filter(task_path=EMAIL_TASK, finished_at__date__lte=event.retention_ends)
        .finished()
        .delete()
    )
    counts["sent_email_records"] = sent
    return counts


def _application_data(application: Application) -> dict:
    return {
        "id": application.pk,
        "event": application.event.slug,
        "school": application.school.name,
        "first_name": application.first_name,
        "surname": application.surname,
        "year_group": application.year_group,
        "statement": application.statement,
        "needs": application.needs,
        "guardian_name": application.guardian_name,
        "consent_date": application.consent_date.isoformat(),
        "photo_consent": application.photo_consent,
        "status": application.status,
        "home_group": application.home_group.name if application.home_group else None,
        "choices": [
            {"rank": choice.rank, "service_area": choice.service_area.name}
            for choice in application.choices.select_related("service_area").order_by("rank")
        ],
        "created_at": application.created_at.isoformat(),
        "decision_published_at": (
            application.decision_published_at.isoformat() if application.decision_published_at else None
        ),
    }


def _history(application: Application) -> list[dict]:
    """When the record changed and to what status; who changed it (organisers) is left out."""
    return [
        {
            "date": row.history_date.isoformat(),
            "change": HISTORY_CHANGES[row.history_type],
            "status": row.status,
            "reason": row.history_change_reason or "",
        }
        for row in application.history.order_by("history_date", "history_id")
    ]


def _submitted_by(user) -> list[dict]:
    created = Application.history.filter(history_type="+", history_user=user).values("id")
    return [
        {
            "id": application.pk,
            "event": application.event.slug,
            "school": application.school.name,
            "first_name": application.first_name,
            "surname": application.surname,
            "submitted_at": application.created_at.isoformat(),
        }
        for application in Application.objects.filter(pk__in=created).select_related("event", "school").order_by("pk")
    ]


def export_subject(*, application=None, user=None) -> dict | None:
    if application is not None:
        return {"application": _application_data(application), "application_history": _history(application)}
    return {
        "schools": [
            {
                "name": school.name,
                "urn": school.urn,
                "contact_name": school.contact_name,
                "contact_email": school.contact_email,
                "contact_phone": school.contact_phone,
            }
            for school in user.schools.order_by("name")
        ],
        # The contact's own details with each application; the students' needs and statements are not theirs.
        "applications_submitted": _submitted_by(user),
    }


def erase_subject(*, application=None, user=None, by=None, reason: str = "") -> dict:
    if application is not None:
        return _anonymise_applications([application], by=by, reason=reason)
    # The school's contact details are this person's where they carry the person's e-mail address.
    schools = list(user.schools.all())
    theirs = [s for s in schools if user.email and s.contact_email.lower() == user.email.lower()]
    counts = _clear_contacts(theirs, by=by, reason=reason, history_filter=Q(contact_email__iexact=user.email))
    user.schools.clear()
    counts["school_links"] = len(schools)
    return counts
