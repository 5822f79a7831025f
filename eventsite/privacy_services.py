"""The privacy commands' engine: retention purges, subject-access exports and erasures, across every app.

Each app that holds personal data has a `<app>/privacy.py` with any of these (an app without one holds none):

    purge(event, *, by=None) -> dict of counts
    export_subject(*, application=None, user=None) -> dict | None   (None: nothing held about them)
    erase_subject(*, application=None, user=None, by=None, reason="") -> dict of counts

The core finds them by name, in layer order (eventsite/layers.py), and so imports no higher app. Purges and
erasures run in reverse layer order, so that an app's data goes before the data it points at (feedback finds a
student's named responses by the name that applications is about to clear); exports run in layer order. Each
call runs in one transaction and leaves a PrivacyRecord: what was done, to which subject (kind and id only), by
whom, why, and the counts.
"""

import importlib
from dataclasses import dataclass
from importlib.util import find_spec

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateformat import format as format_date

from eventsite.layers import PROJECT_APPS
from eventsite.models import Event, PrivacyAction, PrivacyRecord
from eventsite.privacy import is_protected_account
from eventsite.roles import is_organiser

ERASE_REASON = "Personal data erased on request"


class PrivacyError(ValidationError):
    """The request cannot be carried out as asked; the message says why."""


def privacy_modules():
    """Each app's `privacy` module, in layer order; imported by name so that the core imports no higher app."""
    for label in PROJECT_APPS:
        if find_spec(f"{label}.privacy"):
            yield label, importlib.import_module(f"{label}.privacy")


def _calls(name: str, *, reverse: bool = False) -> list:
    modules = list(privacy_modules())
    if reverse:
        modules.reverse()
    return [(label, getattr(module, name)) for label, module in modules if hasattr(module, name)]


def _require_organiser(by) -> None:
    if by is None or not is_organiser(by):
        raise PermissionDenied("Only an organiser may export or erase personal data.")


@dataclass(frozen=True)
class PurgeResult:
    event: Event
    counts: dict[str, dict[str, int]]
    first: bool  # whether this purge was the event's first (and stamped it)

    @property
    def changed(self) -> int:
        return sum(n for per_app in self.counts.values() for n in per_app.values())


def retention_error(event: Event, today) -> str | None:
    """Why the event's personal data may not be purged yet, or None once its retention period has ended."""
    if today >= event.retention_ends:
        return None
    return (
        f"The personal data of {event.name} is kept until {format_date(event.retention_ends, 'j F Y')} "
        f"({event.retention_days} days after the event ends)."
    )


@transaction.atomic
def event_purge(*, event: Event, by=None, force: bool = False, now=None) -> PurgeResult:
    """Remove the personal data of an event's students and contacts in every app, keeping its figures.

    Refuses before the retention end unless forced. Idempotent: a second run changes nothing and keeps the first
    run's stamp (it does clear anything added since).
    """
    now = now or timezone.now()
    event = Event.objects.select_for_update().get(pk=event.pk)
    error = retention_error(event, timezone.localdate(now))
    if error and not force:
        raise PrivacyError(error, code="retention")
    counts = {label: purge(event, by=by) for label, purge in _calls("purge", reverse=True)}
    result = PurgeResult(event, counts, first=event.personal_data_purged_at is None)
    if result.first:
        event.personal_data_purged_at = now
        event.save(update_fields=["personal_data_purged_at"])
    if result.first or result.changed:
        PrivacyRecord.objects.create(
            action=PrivacyAction.PURGE,
            event=event,
            actor=by,
            reason="Forced before the end of the retention period" if error else "",
            counts=counts,
            created_at=now,
        )
    return result


def expired_events(today) -> list[Event]:
    """Events whose retention period has ended and whose personal data has not been purged yet."""
    return [e for e in Event.objects.filter(personal_data_purged_at__isnull=True) if today >= e.retention_ends]


def _subject(application, user) -> tuple[str, int, Event | None]:
    if (application is None) == (user is None):
        raise ValueError("Give exactly one subject: an application or a user.")
    if application is not None:
        return "application", application.pk, application.event
    return "user", user.pk, None


def subject_export(*, by, application=None, user=None, now=None) -> dict:
    """Everything held about one student (their application) or one account, from every app, as JSON-ready data.

    The export is recorded (PrivacyRecord); it is for organisers to hand to the person who asked.
    """
    _require_organiser(by)
    kind, subject_id, event = _subject(application, user)
    now = now or timezone.now()
    with transaction.atomic():
        data = {}
        for label, export in _calls("export_subject"):
            section = export(application=application, user=user)
            if section is not None:
                data[label] = section
        record = PrivacyRecord.objects.create(
            action=PrivacyAction.EXPORT, event=event, subject_kind=kind, subject_id=subject_id, actor=by, created_at=now
        )
    return {
        "subject": {"kind": kind, "id": subject_id},
        "exported_at": now.isoformat(),
        "exported_by": by.get_username(),
        "privacy_record": record.pk,
        "data": data,
    }


@transaction.atomic
def subject_erase(*, by, reason: str, application=None, user=None, now=None) -> PrivacyRecord:
    """Erase one student's or school contact's personal data in every app, as a purge would, with the reason."""
    _require_organiser(by)
    kind, subject_id, event = _subject(application, user)
    reason = (reason or "").strip()
    if not reason:
        raise PrivacyError("Give the reason for the erasure: who asked, and when (no names needed).", code="reason")
    if user is not None and is_protected_account(user):
        raise PrivacyError(
            "This account runs the event (organiser, presenter or staff); take its roles away first.", code="protected"
        )
    subject = type(application or user).objects.select_for_update().get(pk=subject_id)
    application, user = (subject, None) if kind == "application" else (None, subject)
    counts = {}
    for label, erase in _calls("erase_subject", reverse=True):
        if changed := erase(application=application, user=user, by=by, reason=ERASE_REASON):
            counts[label] = changed
    return PrivacyRecord.objects.create(
        action=PrivacyAction.ERASE,
        event=event,
        subject_kind=kind,
        subject_id=subject_id,
        actor=by,
        reason=reason,
        counts=counts,
        created_at=now or timezone.now(),
    )
