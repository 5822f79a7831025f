"""The shared core: an event (one edition of the week) and the service areas students choose from."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone


def default_year_groups():
    return [10]


class EventQuerySet(models.QuerySet):
    def current(self, today: datetime.date | None = None):
        """The event running or next to run; failing that, the most recent one."""
        today = today or timezone.localdate()
        upcoming = [e for e in self.order_by("start_date") if e.end_date >= today]
        return upcoming[0] if upcoming else self.order_by("-start_date").first()


class Event(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    venue = models.CharField(max_length=200)
    start_date = models.DateField()
    num_days = models.PositiveSmallIntegerField(
        "number of days", default=5, validators=[MinValueValidator(1), MaxValueValidator(14)]
    )
    capacity = models.PositiveIntegerField(help_text="How many students can attend in all.")
    applications_open_at = models.DateTimeField("applications open")
    applications_close_at = models.DateTimeField("applications close")
    eligible_year_groups = models.JSONField(
        default=default_year_groups, help_text="School years that may apply, e.g. [10]."
    )
    day_starts_at = models.TimeField("daily start", default=datetime.time(9, 0))
    day_ends_at = models.TimeField("daily end", default=datetime.time(16, 0))
    retention_days = models.PositiveSmallIntegerField(
        "keep personal data for (days)",
        default=90,
        help_text="Students' and contacts' personal details are removed this many days after the event ends; "
        "the event's figures stay.",
    )
    personal_data_purged_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(condition=Q(num_days__gte=1) & Q(num_days__lte=14), name="event_num_days_1_to_14"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="event_capacity_positive"),
            models.CheckConstraint(
                condition=Q(applications_close_at__gt=F("applications_open_at")), name="event_window_ordered"
            ),
            models.CheckConstraint(condition=Q(day_ends_at__gt=F("day_starts_at")), name="event_day_ordered"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("home")

    @property
    def end_date(self) -> datetime.date:
        return self.start_date + datetime.timedelta(days=self.num_days - 1)

    @property
    def days(self) -> list[datetime.date]:
        return [self.start_date + datetime.timedelta(days=i) for i in range(self.num_days)]

    @property
    def retention_ends(self) -> datetime.date:
        return self.end_date + datetime.timedelta(days=self.retention_days)

    def applications_open(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.applications_open_at <= now < self.applications_close_at


class ServiceArea(models.Model):
    """A field of care students choose, e.g. Cancer services; it owns job profiles and home groups."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="service_areas")
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=80)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["event", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["event", "slug"], name="service_area_unique_slug"),
            models.UniqueConstraint(fields=["event", "name"], name="service_area_unique_name"),
        ]

    def __str__(self):
        return self.name


class PrivacyAction(models.TextChoices):
    PURGE = "purge", "Retention purge"
    EXPORT = "export", "Subject-access export"
    ERASE = "erase", "Erasure on request"


class PrivacyRecord(models.Model):
    """The log of what was done with personal data: purges, subject-access exports and erasures.

    It names its subject by kind and id only (never by name), so the log itself keeps no personal data about them.
    """

    action = models.CharField(max_length=10, choices=PrivacyAction.choices)
    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    subject_kind = models.CharField(max_length=20, blank=True, help_text="'application' or 'user'; empty for a purge.")
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty: the automatic purge.",
    )
    reason = models.TextField(blank=True)
    counts = models.JSONField(default=dict, help_text="What changed, by app and record kind.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(action="erase") | ~Q(reason=""), name="privacy_record_erasure_has_reason"
            ),
            models.CheckConstraint(
                condition=Q(action="purge") | (~Q(subject_kind="") & Q(subject_id__isnull=False)),
                name="privacy_record_subject_unless_purge",
            ),
        ]

    def __str__(self):
        subject = f"{self.subject_kind} {self.subject_id}" if self.subject_kind else str(self.event)
        return f"{self.get_action_display()}: {subject}"
