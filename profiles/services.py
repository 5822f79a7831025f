"""Writes: job profiles, QR links (for any page of the site) and scans."""

import datetime
import secrets

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from profiles import qr
from profiles.models import DailySalt, JobProfile, QRLink, Scan


@transaction.atomic
def jobprofile_create(*, service_area, title: str, slug: str, summary: str, day_to_day: str, **details) -> JobProfile:
    """A job profile; `details` are the profile's other fields (entry requirements, salary, skills, ...)."""
    related = details.pop("related_roles", [])
    profile = JobProfile(
        service_area=service_area, title=title, slug=slug, summary=summary, day_to_day=day_to_day, **details
    )
    profile.full_clean()
    profile.save()
    profile.related_roles.set(related)
    return profile


@transaction.atomic
def jobprofile_set_published(*, profiles, published: bool) -> int:
    """Publish or unpublish profiles one by one, so each change lands in their history."""
    changed = 0
    for profile in profiles:
        if profile.published != published:
            profile.published = published
            profile.save(update_fields=["published", "updated_at"])
            changed += 1
    return changed


@transaction.atomic
def qrlink_create(
    *, event, placement: str, target_path: str = "", profile: JobProfile | None = None, created_by=None
) -> QRLink:
    """A QR link to a job profile or to any page of this site (`target_path`, e.g. a group's timetable).

    Other apps use this for their own printed codes. A target off this site is refused with ValidationError.
    """
    link = QRLink(
        event=event,
        placement=placement.strip(),
        profile=profile,
        target_path=target_path.strip(),
        created_by=created_by,
        code=qr.new_code(),
    )
    link.full_clean(exclude=["code"])
    while QRLink.objects.filter(code=link.code).exists():
        link.code = qr.new_code()  # taken (about one chance in 10**14): draw another
    link.save()
    return link


@transaction.atomic
def qrlink_set_active(*, links, active: bool) -> int:
    changed = 0
    for link in links:
        if link.is_active != active:
            link.is_active = active
            link.save(update_fields=["is_active"])
            changed += 1
    return changed


def daily_salt(day: datetime.date) -> str:
    """The day's random salt for visitor hashes. Creating a day's salt deletes every earlier one, so that no
    hash of a past day can be linked to anyone again."""
    key = f"profiles:salt:{day.isoformat()}"
    salt = cache.get(key)
    if salt is None:
        with transaction.atomic():
            row, created = DailySalt.objects.get_or_create(day=day, defaults={"value": secrets.token_hex(32)})
            if created:
                DailySalt.objects.filter(day__lt=day).delete()
        salt = row.value
        cache.set(key, salt, 60 * 60 * 26)
    return salt


# One statement on PostgreSQL: its own transaction when nothing is open, whose commit does not wait for the disk.
_SCAN_INSERT_SQL = """
    INSERT INTO "profiles_scan" ("link_id", "scanned_at", "visitor_hash")
    SELECT %s, %s, %s FROM (SELECT set_config('synchronous_commit', 'off', true)) AS async_commit
    RETURNING "id"
"""


def scan_record(*, link_id: int, address: str, user_agent: str, at: datetime.datetime | None = None) -> Scan:
    """Record one scan. On PostgreSQL the commit does not wait for the disk (synchronous_commit off, for this
    transaction only): a crash could lose the last moment's scans, never corrupt anything, and a hall-full burst
    of phones does not queue behind the disk. There it is one round trip: setting that and inserting the scan are
    one statement, which needs no BEGIN or COMMIT of its own (the ORM's insert took four round trips)."""
    at = at or timezone.now()
    salt = daily_salt(timezone.localdate(at))
    visitor = qr.visitor_hash(salt, address, user_agent)
    if connection.vendor != "postgresql":
        return Scan.objects.create(link_id=link_id, scanned_at=at, visitor_hash=visitor)
    with connection.cursor() as cursor:
        cursor.execute(_SCAN_INSERT_SQL, [link_id, at, visitor])
        (scan_id,) = cursor.fetchone()
    return Scan.from_db(
        connection.alias, ["id", "link_id", "scanned_at", "visitor_hash"], (scan_id, link_id, at, visitor)
    )
