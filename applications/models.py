"""Schools, their students' applications, and the home groups students spend the week in.

Students are minors: an application holds only what running the week needs (no date of birth, no address).
The access and support needs are sensitive and shown to organisers only.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length, Lower
from django.db.models.lookups import LessThanOrEqual
from simple_history.models import HistoricalRecords

URN_VALIDATOR = RegexValidator(r"^\d{6}$", "A URN is the school's 6-digit unique reference number, e.g. 104567.")
STATEMENT_MAX_LENGTH = 1000
MAX_CHOICES = 3


class GatsbyStatus(models.TextChoices):
    BELOW = "below", "Below average"
    AT = "at", "At average"
    ABOVE = "above", "Above average"


class School(models.Model):
    name = models.CharField(max_length=200)
    urn = models.CharField("URN", max_length=6, unique=True, validators=[URN_VALIDATOR])
    local_authority = models.CharField(max_length=120)
    postcode = models.CharField(max_length=10)
    contact_name = models.CharField(max_length=120)
    contact_email = models.EmailField()
    contact_phone = models.CharField(max_length=30, blank=True)
    gatsby_benchmark_5 = models.CharField(
        "Gatsby benchmark 5 (encounters with employers)", max_length=5, choices=GatsbyStatus.choices
    )
    gatsby_benchmark_6 = models.CharField(
        "Gatsby benchmark 6 (experiences of workplaces)", max_length=5, choices=GatsbyStatus.choices
    )
    application_limit = models.PositiveSmallIntegerField(
        default=30, help_text="How many students this school may put forward for one event."
    )
    contacts = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="schools", blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.urn})"

    @property
    def is_priority(self) -> bool:
        """Priority schools fall below average on Gatsby benchmark 5 or 6 (their own self-assessment)."""
        return GatsbyStatus.BELOW in (self.gatsby_benchmark_5, self.gatsby_benchmark_6)

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class HomeGroup(models.Model):
    """The group a student spends the week with, led by one service area (e.g. the cancer-services group of 21)."""

    event = models.ForeignKey("eventsite.Event", on_delete=models.CASCADE, related_name="home_groups")
    service_area = models.ForeignKey("eventsite.ServiceArea", on_delete=models.RESTRICT, related_name="home_groups")
    name = models.CharField(max_length=120)
    capacity = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="led_home_groups"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "service_area__order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["event", "name"], name="home_group_unique_name"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="home_group_capacity_positive"),
        ]

    def __str__(self):
        return self.name


class GroupVisit(models.Model):
    """A home group that comes in as a visiting group for a single session of another service area."""

    home_group = models.ForeignKey(HomeGroup, on_delete=models.CASCADE, related_name="visits")
    service_area = models.ForeignKey("eventsite.ServiceArea", on_delete=models.CASCADE, related_name="visiting_groups")

    class Meta:
        ordering = ["service_area", "home_group"]
        constraints = [
            models.UniqueConstraint(fields=["home_group", "service_area"], name="group_visit_unique"),
        ]

    def __str__(self):
        return f"{self.home_group} visiting {self.service_area}"


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    ACCEPTED = "accepted", "Accepted"
    WAITLISTED = "waitlisted", "Waitlisted"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Application(models.Model):
    """One student put forward by a school for one event."""

    event = models.ForeignKey("eventsite.Event", on_delete=models.CASCADE, related_name="applications")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="applications")
    first_name = models.CharField(max_length=60)
    surname = models.CharField(max_length=60)
    year_group = models.PositiveSmallIntegerField(validators=[MinValueValidator(7), MaxValueValidator(13)])
    statement = models.TextField(
        "statement of interest",
        max_length=STATEMENT_MAX_LENGTH,
        help_text=f"Why the student wants to come, in up to {STATEMENT_MAX_LENGTH} characters.",
    )
    needs = models.TextField(
        "access and support needs",
        blank=True,
        help_text="Sensitive: shown to organisers only.",
    )
    guardian_name = models.CharField("parent or guardian who consented", max_length=120)
    consent_date = models.DateField("date of consent")
    photo_consent = models.BooleanField("consent to photographs", default=False)
    status = models.CharField(max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED)
    home_group = models.ForeignKey(HomeGroup, null=True, blank=True, on_delete=models.RESTRICT, related_name="members")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    decision_published_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["school__name", "surname", "first_name"]
        constraints = [
            # The same student twice within a school (a double submit too) is refused; a withdrawn one may return.
            models.UniqueConstraint(
                "event",
                "school",
                Lower("first_name"),
                Lower("surname"),
                condition=~Q(status="withdrawn"),
                name="application_unique_student",
            ),
            models.CheckConstraint(
                condition=Q(home_group__isnull=True) | Q(status="accepted"), name="application_group_only_if_accepted"
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("statement"), STATEMENT_MAX_LENGTH),
                name="application_statement_length",
            ),
            models.CheckConstraint(
                condition=Q(year_group__gte=7) & Q(year_group__lte=13), name="application_year_group_range"
            ),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return f"{self.first_name} {self.surname}"


class ApplicationChoice(models.Model):
    """A service area an applicant chose, ranked 1 (first choice) to 3."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="choices")
    rank = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(MAX_CHOICES)])
    service_area = models.ForeignKey("eventsite.ServiceArea", on_delete=models.RESTRICT, related_name="+")

    class Meta:
        ordering = ["application", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["application", "rank"], name="choice_unique_rank"),
            models.UniqueConstraint(fields=["application", "service_area"], name="choice_unique_area"),
            models.CheckConstraint(condition=Q(rank__gte=1) & Q(rank__lte=MAX_CHOICES), name="choice_rank_range"),
        ]

    def __str__(self):
        return f"{self.rank}. {self.service_area}"


class AllocationRunState(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class AllocationRun(models.Model):
    """One run of the allocation for an event: its parameters, the instance given to the algorithm and the outcome.

    A run is queued with its parameters, computed by a background task (queued -> running -> ready, or failed with
    a message), and is a preview until an organiser applies it; it is kept either way, for audit.
    """

    event = models.ForeignKey("eventsite.Event", on_delete=models.CASCADE, related_name="allocation_runs")
    parameters = models.JSONField(help_text="event_capacity, group_capacities, school_cap and seed, as given.")
    state = models.CharField(max_length=7, choices=AllocationRunState, default=AllocationRunState.QUEUED)
    error = models.TextField(blank=True, help_text="Why the run failed, for the organiser.")
    instance = models.JSONField(
        default=dict, blank=True, help_text="What the algorithm was given: students, groups and remaining capacities."
    )
    results = models.JSONField(
        default=dict, blank=True, help_text="Placements, unplaced students with reasons, and the summary counts."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(applied_by__isnull=True) | Q(applied_at__isnull=False),
                name="allocation_run_applied_by_only_if_applied",
            ),
            models.CheckConstraint(
                condition=Q(applied_at__isnull=True) | Q(state=AllocationRunState.READY),
                name="allocation_run_applied_only_if_ready",
            ),
            models.CheckConstraint(condition=Q(state__in=AllocationRunState.values), name="allocation_run_state_valid"),
        ]

    def __str__(self):
        return f"Allocation run {self.pk} for {self.event}"

    @property
    def is_applied(self) -> bool:
        return self.applied_at is not None

    @property
    def is_ready(self) -> bool:
        return self.state == AllocationRunState.READY

    @property
    def is_working(self) -> bool:
        return self.state in (AllocationRunState.QUEUED, AllocationRunState.RUNNING)
