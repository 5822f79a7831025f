"""The week's timetable: rooms, presenters and their organisations, sessions, sub-groups and rotations.

Where a session sits in the week: `day_index` counts from the event's first day (0 = Monday of a week starting
on a Monday). The database keeps the times ordered and the index within 0..13 (the largest event); that the
index is below this event's `num_days` and the times inside its daily hours are checked by the services on every
write, and again by the clash check (`check_timetable`), which reports a session left outside when an organiser
shortens the event later.

Everything a session uses (its room, service area, groups, sub-groups, visits, presenters) is held with RESTRICT:
deleting one of them while a session uses it is refused (the admin and the services name the sessions), while
deleting a whole event still takes its sessions with it (RESTRICT, unlike PROTECT, allows a deletion that also
removes the sessions by cascade).
"""

import datetime
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.functional import cached_property

MAX_EVENT_DAYS = 14  # as Event.num_days


class Room(models.Model):
    event = models.ForeignKey("eventsite.Event", on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(max_length=120)
    capacity = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    accessibility_notes = models.TextField(
        blank=True, help_text="Step-free access, hearing loop, nearest accessible toilet…"
    )

    class Meta:
        ordering = ["event", "name"]
        constraints = [
            models.UniqueConstraint(fields=["event", "name"], name="room_unique_name"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="room_capacity_positive"),
        ]

    def __str__(self):
        return self.name


class Organisation(models.Model):
    """A partner organisation whose staff present, e.g. Macmillan Cancer Support."""

    name = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Presenter(models.Model):
    """Someone who presents: a staff user (with a login), or a named guest from a partner organisation."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="presenter"
    )
    guest_name = models.CharField(max_length=120, blank=True, help_text="Only for guests without an account.")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="presenters")
    job_title = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["organisation__name", "guest_name", "user__last_name", "user__first_name"]
        constraints = [
            # Staff take their name from their account; a guest has a name and no account.
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(guest_name="")) | (Q(user__isnull=True) & ~Q(guest_name="")),
                name="presenter_user_xor_guest_name",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        if self.user_id is None:
            return self.guest_name
        return self.user.get_full_name() or self.user.get_username()

    @property
    def is_guest(self) -> bool:
        return self.user_id is None


class SessionKind(models.TextChoices):
    TALK = "talk", "Talk"
    WORKSHOP = "workshop", "Workshop"
    MARKETPLACE = "marketplace", "Marketplace"
    TOUR = "tour", "Tour"
    CAREERS_INFO = "careers_info", "Careers info"
    ICE_BREAKER = "ice_breaker", "Ice-breaker"
    REVIEW = "review", "Review"


class SessionState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"


class SubGroup(models.Model):
    """A part of a home group that rotates through activities; the same students all week."""

    home_group = models.ForeignKey("applications.HomeGroup", on_delete=models.CASCADE, related_name="sub_groups")
    name = models.CharField(max_length=120)
    order = models.PositiveSmallIntegerField(default=0)
    members = models.ManyToManyField("applications.Application", through="SubGroupMember", related_name="+")

    class Meta:
        ordering = ["home_group", "order"]
        constraints = [
            models.UniqueConstraint(fields=["home_group", "name"], name="sub_group_unique_name"),
            models.UniqueConstraint(fields=["home_group", "order"], name="sub_group_unique_order"),
        ]

    def __str__(self):
        return self.name


class SubGroupMember(models.Model):
    sub_group = models.ForeignKey(SubGroup, on_delete=models.CASCADE)
    # A student is in one sub-group at most: one split of their home group for the whole week.
    application = models.OneToOneField("applications.Application", on_delete=models.CASCADE, related_name="+")

    def __str__(self):
        return f"{self.application_id} in {self.sub_group}"


class Rotation(models.Model):
    """A block of a home group's week in which its sub-groups take k activities over k consecutive slots.

    It counts as one session of the group's week (the write-up's "students split into 3 groups"); its k×k
    activities are sessions for one sub-group each, linked here and deleted with it.
    """

    event = models.ForeignKey("eventsite.Event", on_delete=models.CASCADE, related_name="rotations")
    home_group = models.ForeignKey("applications.HomeGroup", on_delete=models.RESTRICT, related_name="rotations")
    title = models.CharField(max_length=200)

    class Meta:
        ordering = ["event", "home_group", "title"]

    def __str__(self):
        return self.title


class Session(models.Model):
    event = models.ForeignKey("eventsite.Event", on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=SessionKind.choices, default=SessionKind.TALK)
    service_area = models.ForeignKey("eventsite.ServiceArea", on_delete=models.RESTRICT, related_name="sessions")
    presenters = models.ManyToManyField(Presenter, through="SessionPresenter", related_name="sessions", blank=True)
    home_groups = models.ManyToManyField(
        "applications.HomeGroup", through="SessionHomeGroup", related_name="sessions", blank=True
    )
    sub_groups = models.ManyToManyField(SubGroup, through="SessionSubGroup", related_name="sessions", blank=True)
    visits = models.ManyToManyField(
        "applications.GroupVisit",
        through="SessionVisit",
        related_name="sessions",
        blank=True,
        verbose_name="visiting groups",
    )
    for_everyone = models.BooleanField("for everyone", default=False)
    featured_profiles = models.ManyToManyField(
        "profiles.JobProfile", blank=True, related_name="sessions", verbose_name="featured job profiles"
    )
    room = models.ForeignKey(Room, null=True, blank=True, on_delete=models.RESTRICT, related_name="sessions")
    day_index = models.PositiveSmallIntegerField(
        "day", validators=[MaxValueValidator(MAX_EVENT_DAYS - 1)], help_text="0 is the event's first day."
    )
    starts_at = models.TimeField("start")
    ends_at = models.TimeField("end")
    state = models.CharField(max_length=10, choices=SessionState.choices, default=SessionState.DRAFT)
    rotation = models.ForeignKey(Rotation, null=True, blank=True, on_delete=models.CASCADE, related_name="sessions")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_sessions",
        help_text="The presenter who entered it; only they (and organisers) may edit it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["event", "day_index", "starts_at", "ends_at", "title", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"),
            models.CheckConstraint(
                condition=Q(day_index__gte=0) & Q(day_index__lt=MAX_EVENT_DAYS), name="session_day_in_range"
            ),
        ]
        indexes = [models.Index(fields=["event", "state", "day_index"])]

    def __str__(self):
        return self.title

    @cached_property
    def date(self) -> datetime.date:
        return self.event.start_date + datetime.timedelta(days=self.day_index)

    @property
    def when(self) -> str:
        return f"{self.date:%a} {self.date.day} {self.date:%b} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"

    @property
    def is_scheduled(self) -> bool:
        return self.state == SessionState.SCHEDULED

    @property
    def published_profiles(self) -> list:
        """The featured job profiles students may open (needs them prefetched)."""
        return [profile for profile in self.featured_profiles.all() if profile.published]

    @property
    def audience_labels(self) -> list[str]:
        """Who comes, by group name (never a student's name); needs the audience prefetched."""
        labels = ["Everyone"] if self.for_everyone else []
        labels += [group.name for group in self.home_groups.all()]
        labels += [f"{sub.home_group.name}: {sub.name}" for sub in self.sub_groups.all()]
        labels += [f"{visit.home_group.name} (visiting)" for visit in self.visits.all()]
        return labels


class _SessionLink(models.Model):
    """A row linking a session to what it uses; named after the session, e.g. in a refused deletion."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE)

    class Meta:
        abstract = True

    def __str__(self):
        return f"'{self.session.title}' ({self.session.when})"


class SessionPresenter(_SessionLink):
    presenter = models.ForeignKey(Presenter, on_delete=models.RESTRICT)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "presenter"], name="session_presenter_unique")]


class SessionHomeGroup(_SessionLink):
    home_group = models.ForeignKey("applications.HomeGroup", on_delete=models.RESTRICT)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "home_group"], name="session_home_group_unique")]


class SessionSubGroup(_SessionLink):
    sub_group = models.ForeignKey(SubGroup, on_delete=models.RESTRICT)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "sub_group"], name="session_sub_group_unique")]


class SessionVisit(_SessionLink):
    visit = models.ForeignKey("applications.GroupVisit", on_delete=models.RESTRICT)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "visit"], name="session_visit_unique")]


class Unavailability(models.Model):
    """A time a presenter cannot present, stated by them."""

    presenter = models.ForeignKey(Presenter, on_delete=models.CASCADE, related_name="unavailability")
    event = models.ForeignKey("eventsite.Event", on_delete=models.CASCADE, related_name="unavailability")
    day_index = models.PositiveSmallIntegerField("day", validators=[MaxValueValidator(MAX_EVENT_DAYS - 1)])
    starts_at = models.TimeField("from")
    ends_at = models.TimeField("until")
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["presenter", "day_index", "starts_at"]
        verbose_name_plural = "unavailability"
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="unavailability_ends_after_start"),
            models.CheckConstraint(
                condition=Q(day_index__gte=0) & Q(day_index__lt=MAX_EVENT_DAYS), name="unavailability_day_in_range"
            ),
        ]

    def __str__(self):
        return f"{self.presenter} unavailable day {self.day_index + 1} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"


class ChangeRequestStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    DECLINED = "declined", "Declined"


class ChangeRequest(models.Model):
    """A presenter's request to change a scheduled session, which only an organiser may change."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="change_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    message = models.TextField(help_text="What should change, and why.")
    status = models.CharField(max_length=10, choices=ChangeRequestStatus.choices, default=ChangeRequestStatus.OPEN)
    response = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["status", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open", resolved_at__isnull=True)
                | (~Q(status="open") & Q(resolved_at__isnull=False)),
                name="change_request_resolved_when_closed",
            ),
        ]

    def __str__(self):
        return f"Change to '{self.session}' ({self.get_status_display()})"


def new_public_token() -> str:
    return secrets.token_urlsafe(16)


class PublicTimetable(models.Model):
    """The unguessable public address of one home group's week, printed as a QR code for students and schools."""

    home_group = models.OneToOneField(
        "applications.HomeGroup", on_delete=models.CASCADE, related_name="public_timetable"
    )
    token = models.CharField(max_length=32, unique=True, default=new_public_token, editable=False)

    PATH_PREFIX = "/week/"

    def __str__(self):
        return f"Public timetable of {self.home_group}"

    @property
    def path(self) -> str:
        return reverse("timetable:public_week", kwargs={"token": self.token})
