"""Schools submit, edit and withdraw applications (one at a time or from a spreadsheet); organisers decide them.

Every rule is checked here, under a lock on the school's row, so that a form, a spreadsheet and a double submit
all meet the same checks; the database constraints stand behind them.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.formats import date_format
from simple_history.utils import bulk_update_with_history

from applications.mail import queue_mail
from applications.models import MAX_CHOICES, Application, ApplicationChoice, ApplicationStatus, HomeGroup, School
from eventsite.models import Event, ServiceArea

CHOICE_FIELDS = tuple(f"choice_{rank}" for rank in range(1, MAX_CHOICES + 1))
DUPLICATE_MESSAGE = "{name} already has an application from your school for this event."
EDITABLE_STATUSES = (ApplicationStatus.SUBMITTED, ApplicationStatus.WAITLISTED)


@dataclass(frozen=True)
class ApplicationData:
    """What a school gives for one student; choices are service areas, best first, without gaps."""

    first_name: str
    surname: str
    year_group: int
    choices: tuple[ServiceArea, ...]
    statement: str
    needs: str
    guardian_name: str
    consent_date: datetime.date
    photo_consent: bool

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.surname}"

    def name_key(self) -> tuple[str, str]:
        return (self.first_name.strip().lower(), self.surname.strip().lower())


class CapacityError(ValidationError):
    """Accepting would pass the event's or a group's capacity."""


def window_error(event: Event, now: datetime.datetime | None = None) -> str | None:
    now = now or timezone.now()
    if now < event.applications_open_at:
        opens = date_format(timezone.localtime(event.applications_open_at), "j F Y, H:i")
        return f"Applications for {event.name} open on {opens}."
    if now >= event.applications_close_at:
        closed = date_format(timezone.localtime(event.applications_close_at), "j F Y, H:i")
        return f"Applications for {event.name} closed on {closed}."
    return None


def year_group_message(event: Event, year: int) -> str:
    years = ", ".join(f"Year {year}" for year in event.eligible_year_groups)
    return f"Year {year} cannot apply to this event; it is open to {years}."


def choice_errors(event: Event, choices: tuple[ServiceArea, ...]) -> dict[str, list[str]]:
    """Ranked choices, best first: at least one, each an area of the event, none repeated."""
    if not choices:
        return {"choice_1": ["Choose at least one service area."]}
    errors: dict[str, list[str]] = {}
    seen: dict[int, int] = {}
    for rank, area in enumerate(choices, start=1):
        if area.event_id != event.pk:
            errors[f"choice_{rank}"] = [f"{area} is not a service area of this event."]
        elif area.pk in seen:
            errors[f"choice_{rank}"] = [f"{area} is already choice {seen[area.pk]}; choose each area once."]
        seen.setdefault(area.pk, rank)
    return errors


def application_errors(
    *, event: Event, school: School, data: ApplicationData, exclude: Application | None = None
) -> dict[str, list[str]]:
    """The rules one student's application breaks, by field; the window and the school's limit are checked apart."""
    errors: dict[str, list[str]] = defaultdict(list)
    if data.year_group not in event.eligible_year_groups:
        errors["year_group"].append(year_group_message(event, data.year_group))
    for field, messages in choice_errors(event, data.choices).items():
        errors[field].extend(messages)
    duplicates = (
        Application.objects.annotate(first=Lower("first_name"), last=Lower("surname"))
        .filter(event=event, school=school, first=data.name_key()[0], last=data.name_key()[1])
        .exclude(status=ApplicationStatus.WITHDRAWN)
    )
    if exclude is not None:
        duplicates = duplicates.exclude(pk=exclude.pk)
    if duplicates.exists():
        errors["first_name"].append(DUPLICATE_MESSAGE.format(name=data.name))
    return dict(errors)


def limit_error(*, event: Event, school: School, adding: int) -> str | None:
    used = school.applications.filter(event=event).exclude(status=ApplicationStatus.WITHDRAWN).count()
    if used + adding > school.application_limit:
        left = max(school.application_limit - used, 0)
        limit = school.application_limit
        return (
            f"Your school may put forward {limit} student{'s' if limit != 1 else ''} for this event and has "
            f"{used} already, so {left} more can be added."
        )
    return None


def _locked_school(school: School) -> School:
    """Lock the school's row: its applications are then counted and checked by one request at a time."""
    return School.objects.select_for_update().get(pk=school.pk)


def _save_choices(application: Application, choices: tuple[ServiceArea, ...]) -> None:
    application.choices.all().delete()
    ApplicationChoice.objects.bulk_create(
        ApplicationChoice(application=application, rank=rank, service_area=area)
        for rank, area in enumerate(choices, start=1)
    )


def _build(application: Application, data: ApplicationData, keep_needs: bool = False) -> Application:
    for field in ("first_name", "surname", "year_group", "statement", "guardian_name", "consent_date"):
        setattr(application, field, getattr(data, field))
    application.first_name, application.surname = data.first_name.strip(), data.surname.strip()
    application.photo_consent = data.photo_consent
    if not keep_needs:
        application.needs = data.needs
    return application


def _insert(application: Application, data: ApplicationData) -> Application:
    """Save in a savepoint so that a duplicate caught by the database becomes a form error, not a broken transaction."""
    try:
        with transaction.atomic():
            application.save()
            _save_choices(application, data.choices)
    except IntegrityError as exc:
        raise ValidationError({"first_name": DUPLICATE_MESSAGE.format(name=data.name)}) from exc
    return application


@transaction.atomic
def application_create(*, event: Event, school: School, data: ApplicationData, by=None) -> Application:
    """Submit one student's application and e-mail the school a receipt. Raises ValidationError by field."""
    school = _locked_school(school)
    if message := window_error(event):
        raise ValidationError({NON_FIELD_ERRORS: message})
    if message := limit_error(event=event, school=school, adding=1):
        raise ValidationError({NON_FIELD_ERRORS: message})
    if errors := application_errors(event=event, school=school, data=data):
        raise ValidationError(errors)
    application = _build(Application(event=event, school=school), data)
    application._history_user = by
    _insert(application, data)
    _mail_received(event=event, school=school, applications=[application])
    return application


@transaction.atomic
def application_update(
    *, application: Application, data: ApplicationData, keep_needs: bool = False, by=None
) -> Application:
    """Change an application while the window is open; `keep_needs` leaves the (unseen) needs as they were."""
    school = _locked_school(application.school)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if message := window_error(application.event):
        raise ValidationError({NON_FIELD_ERRORS: message})
    if application.status not in EDITABLE_STATUSES:
        raise ValidationError({NON_FIELD_ERRORS: f"This application is {application.get_status_display().lower()}."})
    if errors := application_errors(event=application.event, school=school, data=data, exclude=application):
        raise ValidationError(errors)
    _build(application, data, keep_needs=keep_needs)
    application._history_user = by
    return _insert(application, data)


@transaction.atomic
def application_withdraw(*, application: Application, by=None) -> Application:
    """The school takes a student out while the window is open; a withdrawn student frees their place."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if message := window_error(application.event):
        raise ValidationError(message)
    if application.status == ApplicationStatus.WITHDRAWN:
        raise ValidationError("This application is already withdrawn.")
    application.status, application.home_group = ApplicationStatus.WITHDRAWN, None
    application._history_user = by
    application.save(update_fields=["status", "home_group", "updated_at"])
    return application


class ImportRowsError(ValidationError):
    """Some rows of a spreadsheet break the rules: `row_errors` maps a row's index to its errors by field."""

    def __init__(self, row_errors: dict[int, dict[str, list[str]]], general: list[str]):
        self.row_errors, self.general = row_errors, general
        super().__init__(general or ["Some rows have errors; nothing was saved."])


def import_errors(*, event: Event, school: School, rows: list[ApplicationData]) -> tuple[dict, list[str]]:
    """Every row's errors, including students repeated within the file, and the errors of the file as a whole."""
    general = [window_error(event), limit_error(event=event, school=school, adding=len(rows))]
    row_errors: dict[int, dict[str, list[str]]] = {}
    first_row: dict[tuple[str, str], int] = {}
    for index, data in enumerate(rows):
        errors = application_errors(event=event, school=school, data=data)
        if (earlier := first_row.setdefault(data.name_key(), index)) != index:
            errors.setdefault("first_name", []).append(f"{data.name} is also on row {earlier + 2} of this file.")
        if errors:
            row_errors[index] = errors
    return row_errors, [message for message in general if message]


@transaction.atomic
def applications_import(*, event: Event, school: School, rows: list[ApplicationData], by=None) -> list[Application]:
    """Save every row or none: the checks run again here, under the school's lock, before anything is written."""
    school = _locked_school(school)
    if not rows:
        raise ImportRowsError({}, ["The file has no students in it."])
    row_errors, general = import_errors(event=event, school=school, rows=rows)
    if row_errors or general:
        raise ImportRowsError(row_errors, general)
    created = []
    for data in rows:
        application = _build(Application(event=event, school=school), data)
        application._history_user = by
        created.append(_insert(application, data))
    _mail_received(event=event, school=school, applications=created)
    return created


def _mail_received(*, event: Event, school: School, applications: list[Application]) -> None:
    queue_mail(
        to=[school.contact_email],
        template="applications_received",
        context={"event": event, "school": school, "applications": applications},
    )


# -- Organisers' decisions -------------------------------------------------------------------------------------------


def check_capacity(*, event: Event, adding: int, groups: dict[int, int]) -> None:
    """Raise CapacityError if `adding` more accepted students, `groups[id]` of them in each group, would not fit.

    Call with the event's row locked (and the groups' rows): the counts are then final until the transaction ends.
    """
    accepted = Application.objects.filter(event=event, status=ApplicationStatus.ACCEPTED).count()
    if accepted + adding > event.capacity:
        raise CapacityError(
            f"{event.name} has {event.capacity} places and {accepted} are taken, so {adding} more cannot be accepted."
        )
    if not groups:
        return
    list(HomeGroup.objects.select_for_update().filter(pk__in=groups).values_list("pk", flat=True))
    filled = HomeGroup.objects.filter(pk__in=groups).annotate(
        filled=Count("members", filter=Q(members__status=ApplicationStatus.ACCEPTED))
    )
    for group in filled:
        if group.filled + groups[group.pk] > group.capacity:
            raise CapacityError(
                f"{group.name} has {group.capacity} places and {group.filled} are taken, "
                f"so {groups[group.pk]} more cannot join it."
            )


@transaction.atomic
def applications_accept(*, event: Event, application_ids: list[int], by, home_group: HomeGroup | None = None) -> int:
    """Accept applications (optionally into a home group) without passing the event's or the group's capacity."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    applications = list(
        Application.objects.select_for_update(of=("self",))
        .order_by("pk")
        .filter(event=event, pk__in=application_ids)
        .exclude(status__in=[ApplicationStatus.ACCEPTED, ApplicationStatus.WITHDRAWN])
    )
    if home_group is not None and home_group.event_id != event.pk:
        raise ValidationError(f"{home_group} is not a home group of {event}.")
    check_capacity(
        event=event, adding=len(applications), groups={home_group.pk: len(applications)} if home_group else {}
    )
    for application in applications:
        application.status, application.home_group = ApplicationStatus.ACCEPTED, home_group
    bulk_update_with_history(applications, Application, ["status", "home_group"], default_user=by)
    return len(applications)


@transaction.atomic
def applications_set_status(*, applications, status: str, by) -> int:
    """Waitlist or reject: the student leaves any home group. Withdrawn applications stay withdrawn."""
    if status not in (ApplicationStatus.WAITLISTED, ApplicationStatus.REJECTED):
        raise ValueError(f"use applications_accept to accept; {status!r} is not a decision")
    rows = list(applications.select_for_update(of=("self",)).exclude(status__in=[status, ApplicationStatus.WITHDRAWN]))
    for application in rows:
        application.status, application.home_group = status, None
    bulk_update_with_history(rows, Application, ["status", "home_group"], default_user=by)
    return len(rows)
