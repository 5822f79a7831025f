"""Reads: the public careers pages, QR links, and scan figures aggregated in the database.

`scan_totals(event)` and `careers_showcased(event)` are the figures other apps (the organiser dashboard, the
impact report) show.
"""

import datetime
import weakref
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone

from eventsite.models import Event, ServiceArea
from profiles.models import JobProfile, QRLink, Scan

SEARCH_MAX_LENGTH = 100


@dataclass(frozen=True)
class DayCount:
    day: datetime.date
    total: int
    unique: int


@dataclass(frozen=True)
class ScanTotals:
    """Scans of an event's QR links. `unique` counts visitors per day (their hash changes every day);
    `profile_pages` counts the scans that opened a job profile or the careers list."""

    total: int
    unique: int
    today: int
    profile_pages: int
    by_day: list[DayCount]


@dataclass(frozen=True)
class ScanRow:
    label: str
    total: int
    unique: int
    slug: str = ""


# Public pages


@dataclass(frozen=True)
class PublicProfile:
    profile: JobProfile  # with its service area's name; only the fields the public page shows
    related_roles: list[JobProfile]  # published ones, with title, slug and summary


# The public page is what a hall full of phones opens, so it is read with one plain SQL query (the profile, its
# area's name and its published related roles, joined) instead of the ORM's two compiled queries: compiling them
# cost more than the database took to answer. Columns are listed in the models' field order, as `from_db` wants.
_PAGE_FIELDS = (
    "id", "title", "slug", "service_area_id", "summary", "day_to_day", "qualifications", "experience",
    "route_apprenticeship", "route_degree", "route_on_the_job", "pay_band", "salary_min", "salary_max", "salary_year",
    "skills", "photo", "photo_width", "photo_height", "photo_alt",
)  # fmt: skip
_ROLE_FIELDS = ("id", "title", "slug", "summary")
_PUBLIC_PROFILE_SQL = """
    SELECT p."id", p."title", p."slug", p."service_area_id", p."summary", p."day_to_day", p."qualifications",
        p."experience", p."route_apprenticeship", p."route_degree", p."route_on_the_job", p."pay_band",
        p."salary_min", p."salary_max", p."salary_year", p."skills", p."photo", p."photo_width", p."photo_height",
        p."photo_alt", area."name", role."id", role."title", role."slug", role."summary"
    FROM "profiles_jobprofile" p
    INNER JOIN "eventsite_servicearea" area ON area."id" = p."service_area_id"
    LEFT JOIN "profiles_jobprofile_related_roles" link ON link."from_jobprofile_id" = p."id"
    LEFT JOIN "profiles_jobprofile" role ON role."id" = link."to_jobprofile_id" AND role."published"
    WHERE p."slug" = %s AND p."published"
    ORDER BY role."order", role."title"
"""
# PostgreSQL plans a statement each time it is sent, and planning this one takes longer than running it, so each
# database connection prepares it once (a plan, not data: every request still reads the rows). Prepared statements
# belong to the connection and outlive a rolled-back transaction.
_PUBLIC_PROFILE_STATEMENT = "profiles_public_profile"
_prepared_on = weakref.WeakSet()  # the DB-API connections the statement is prepared on


def _public_profile_rows(slug: str) -> list[tuple]:
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute(_PUBLIC_PROFILE_SQL, [slug])
            return cursor.fetchall()
        if connection.connection not in _prepared_on:
            cursor.execute(f"PREPARE {_PUBLIC_PROFILE_STATEMENT} (text) AS {_PUBLIC_PROFILE_SQL.replace('%s', '$1')}")
            _prepared_on.add(connection.connection)
        cursor.execute(f"EXECUTE {_PUBLIC_PROFILE_STATEMENT} (%s)", [slug])
        return cursor.fetchall()


def published_profile(slug: str) -> PublicProfile | None:
    """A published profile with its area's name and its published related roles (by order and title): one query
    (and on PostgreSQL, once per database connection, the statement that prepares it)."""
    rows = _public_profile_rows(slug)
    if not rows:
        return None
    first = rows[0]
    width = len(_PAGE_FIELDS)
    profile = JobProfile.from_db(connection.alias, _PAGE_FIELDS, first[:width])
    profile.service_area = ServiceArea.from_db(
        connection.alias, ["id", "name"], (profile.service_area_id, first[width])
    )
    roles = [
        JobProfile.from_db(connection.alias, _ROLE_FIELDS, row[width + 1 :])
        for row in rows
        if row[width + 1] is not None  # no related role, or an unpublished one
    ]
    return PublicProfile(profile, roles)


def profile_for_preview(slug: str) -> JobProfile | None:
    """Any profile, published or not, as organisers preview it, with its QR links and their scan counts."""
    related = Prefetch("related_roles", queryset=JobProfile.objects.only("title", "slug", "summary"))
    links = Prefetch("qr_links", queryset=qrlinks_with_counts(QRLink.objects.all()))
    return (
        JobProfile.objects.select_related("service_area__event")
        .prefetch_related(related, links)
        .filter(slug=slug)
        .first()
    )


def areas_with_profiles(event: Event) -> QuerySet[ServiceArea]:
    return ServiceArea.objects.filter(event=event, job_profiles__published=True).distinct().order_by("order", "name")


def profile_list(event: Event, *, area_slug: str = "", search: str = "") -> QuerySet[JobProfile]:
    """The event's published profiles, optionally in one service area and matching a search."""
    profiles = JobProfile.objects.published().filter(service_area__event=event).select_related("service_area")
    if area_slug:
        profiles = profiles.filter(service_area__slug=area_slug)
    search = search.strip()[:SEARCH_MAX_LENGTH]
    if search:
        profiles = profiles.filter(
            Q(title__icontains=search)
            | Q(summary__icontains=search)
            | Q(day_to_day__icontains=search)
            | Q(skills__icontains=search)
        )
    return profiles.order_by("service_area__order", "order", "title")


# QR links


@dataclass(frozen=True)
class ScanTarget:
    link_id: int
    url: str


def scan_target(code: str) -> ScanTarget | None:
    """Where the active link with this code leads: one query."""
    found = (
        QRLink.objects.filter(code=code, is_active=True)
        .select_related("profile")
        .only("id", "target_path", "profile__slug", "profile__published")
    )
    link = next(iter(found), None)
    return ScanTarget(link.pk, link.target_url()) if link else None


def qrlinks_with_counts(links: QuerySet[QRLink]) -> QuerySet[QRLink]:
    return links.annotate(total_scans=Count("scans"), unique_scans=Count("scans__visitor_hash", distinct=True))


def event_qrlinks(event: Event, *, codes: list[str] | None = None, placement: str = "") -> QuerySet[QRLink]:
    links = QRLink.objects.filter(event=event, is_active=True).select_related("profile")
    if codes:
        links = links.filter(code__in=codes)
    if placement:
        links = links.filter(placement=placement)
    return links.order_by("placement", "profile__order", "profile__title", "target_path")


def placements(event: Event) -> list[str]:
    return list(QRLink.objects.filter(event=event).values_list("placement", flat=True).distinct().order_by("placement"))


# Scan figures


def _profile_pages() -> Q:
    return Q(link__profile__isnull=False) | Q(link__target_path__startswith=reverse("profiles:profile_index"))


def event_scans(event: Event) -> QuerySet[Scan]:
    return Scan.objects.filter(link__event=event)


def scan_totals(event: Event, today: datetime.date | None = None) -> ScanTotals:
    """Totals, today's count and one row per day of the event (and any other day with scans): two queries."""
    today = today or timezone.localdate()
    scans = event_scans(event)
    totals = scans.aggregate(
        total=Count("id"),
        unique=Count("visitor_hash", distinct=True),
        today=Count("id", filter=Q(scanned_at__date=today)),
        profile_pages=Count("id", filter=_profile_pages()),
    )
    per_day = {
        row["day"]: DayCount(row["day"], row["total"], row["unique"])
        for row in scans.annotate(day=TruncDate("scanned_at"))
        .values("day")
        .annotate(total=Count("id"), unique=Count("visitor_hash", distinct=True))
        .order_by("day")
    }
    days = sorted(set(event.days) | set(per_day))
    return ScanTotals(
        total=totals["total"],
        unique=totals["unique"],
        today=totals["today"],
        profile_pages=totals["profile_pages"],
        by_day=[per_day.get(day, DayCount(day, 0, 0)) for day in days],
    )


def scans_by_profile(event: Event) -> list[ScanRow]:
    """Scans per job profile; links to other pages are listed by their path (the careers list by name)."""
    index = reverse("profiles:profile_index")
    rows = (
        event_scans(event)
        .values("link__profile__title", "link__profile__slug", "link__target_path")
        .annotate(total=Count("id"), unique=Count("visitor_hash", distinct=True))
        .order_by()
    )
    found = [
        ScanRow(
            row["link__profile__title"]
            or ("All careers" if row["link__target_path"] == index else row["link__target_path"]),
            row["total"],
            row["unique"],
            row["link__profile__slug"] or "",
        )
        for row in rows
    ]
    return sorted(found, key=lambda row: (-row.total, row.label))


def scans_by_placement(event: Event) -> list[ScanRow]:
    rows = (
        event_scans(event)
        .values("link__placement")
        .annotate(total=Count("id"), unique=Count("visitor_hash", distinct=True))
        .order_by("-total", "link__placement")
    )
    return [ScanRow(row["link__placement"], row["total"], row["unique"]) for row in rows]


def scans_by_link_and_day(event: Event) -> dict[tuple[int, datetime.date], int]:
    rows = (
        event_scans(event)
        .annotate(day=TruncDate("scanned_at"))
        .values("link_id", "day")
        .annotate(total=Count("id"))
        .order_by()
    )
    return {(row["link_id"], row["day"]): row["total"] for row in rows}


def careers_showcased(event: Event) -> int:
    """How many careers the event showcases: its published job profiles."""
    return JobProfile.objects.published().filter(service_area__event=event).count()
