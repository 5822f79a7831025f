"""Job profiles (the careers students read on their phones), the QR links printed to reach them, and scans."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import Resolver404, resolve, reverse
from simple_history.models import HistoricalRecords

from profiles import caching, qr


class PayBand(models.TextChoices):
    """NHS Agenda for Change pay bands (band 1 is closed to new staff)."""

    BAND_2 = "2", "Band 2"
    BAND_3 = "3", "Band 3"
    BAND_4 = "4", "Band 4"
    BAND_5 = "5", "Band 5"
    BAND_6 = "6", "Band 6"
    BAND_7 = "7", "Band 7"
    BAND_8A = "8a", "Band 8a"
    BAND_8B = "8b", "Band 8b"
    BAND_8C = "8c", "Band 8c"
    BAND_8D = "8d", "Band 8d"
    BAND_9 = "9", "Band 9"


class JobProfileQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)


class JobProfile(models.Model):
    title = models.CharField(max_length=120)
    slug = models.SlugField(max_length=80, unique=True, help_text="The page's address: /careers/<slug>/")
    service_area = models.ForeignKey("eventsite.ServiceArea", on_delete=models.CASCADE, related_name="job_profiles")
    summary = models.CharField("one-line summary", max_length=200)
    day_to_day = models.TextField("what the job involves day to day")
    qualifications = models.TextField(blank=True, help_text="GCSEs, A levels, diplomas or degrees needed.")
    experience = models.TextField(blank=True, help_text="Experience that helps, paid or voluntary.")
    route_apprenticeship = models.BooleanField("route in: apprenticeship", default=False)
    route_degree = models.BooleanField("route in: degree", default=False)
    route_on_the_job = models.BooleanField("route in: training on the job", default=False)
    pay_band = models.CharField(
        "Agenda for Change band",
        max_length=2,
        choices=PayBand.choices,
        blank=True,
        help_text="Leave empty for roles paid outside Agenda for Change, and give the range below.",
    )
    salary_min = models.PositiveIntegerField("salary from (£ a year)", null=True, blank=True)
    salary_max = models.PositiveIntegerField("salary to (£ a year)", null=True, blank=True)
    salary_year = models.PositiveSmallIntegerField(
        "pay year starting",
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text="The April the figures apply from: 2024 means the 2024/25 pay scales.",
    )
    skills = models.TextField(blank=True, help_text="One skill a line.")
    related_roles = models.ManyToManyField("self", blank=True)
    photo = models.ImageField(
        upload_to="profiles/photos/", blank=True, width_field="photo_width", height_field="photo_height"
    )
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_alt = models.CharField(
        "photo description", max_length=200, blank=True, help_text="What the photo shows, for screen readers."
    )
    published = models.BooleanField(default=False, help_text="Published profiles are public; preview them first.")
    order = models.PositiveSmallIntegerField("display order", default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["related_roles"])

    objects = JobProfileQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True, salary_max__isnull=True)
                | Q(salary_min__isnull=False, salary_max__isnull=False, salary_max__gte=F("salary_min")),
                name="job_profile_salary_range_ordered",
            ),
            models.CheckConstraint(
                condition=Q(pay_band="") | Q(salary_min__isnull=False),
                name="job_profile_band_has_range",
            ),
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True) | Q(salary_year__isnull=False),
                name="job_profile_salary_has_year",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        transaction.on_commit(caching.invalidate)

    def get_absolute_url(self):
        return reverse("profiles:profile_detail", kwargs={"slug": self.slug})

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        transaction.on_commit(caching.invalidate)
        return result

    def clean(self):
        errors = {}
        if (self.salary_min is None) != (self.salary_max is None):
            errors["salary_max"] = "Give both ends of the salary range, or neither."
        elif self.salary_min is not None and self.salary_max < self.salary_min:
            errors["salary_max"] = "The top of the range must not be below the bottom."
        if self.pay_band and self.salary_min is None:
            errors["salary_min"] = "Give the yearly range of the band."
        if self.salary_min is not None and self.salary_year is None:
            errors["salary_year"] = "Say which year the figures apply to."
        if self.photo and not self.photo_alt:
            errors["photo_alt"] = "Describe the photo for people who cannot see it."
        if errors:
            raise ValidationError(errors)

    @property
    def skill_list(self) -> list[str]:
        return [line.strip() for line in self.skills.splitlines() if line.strip()]

    @property
    def routes(self) -> list[str]:
        named = [
            (self.route_apprenticeship, "Apprenticeship"),
            (self.route_degree, "Degree"),
            (self.route_on_the_job, "Training on the job"),
        ]
        return [label for chosen, label in named if chosen]

    @property
    def salary_range(self) -> str:
        if self.salary_min is None:
            return ""
        if self.salary_min == self.salary_max:
            return f"£{self.salary_min:,}"
        return f"£{self.salary_min:,} to £{self.salary_max:,}"

    @property
    def pay_year_label(self) -> str:
        return f"{self.salary_year}/{(self.salary_year + 1) % 100:02d}" if self.salary_year else ""


def safe_target_condition() -> Q:
    """The database's own guard on targets: empty, or a path that starts with one slash and has no backslash or
    space (the same rule as `qr.is_safe_path`, written so that SQLite and PostgreSQL both check it)."""
    return Q(target_path="") | (
        Q(target_path__regex=r"^/[!-~]*$") & ~Q(target_path__startswith="//") & ~Q(target_path__contains="\\")
    )


class QRLink(models.Model):
    """A short tracked link printed as a QR code at one placement; each scan is counted, then redirected."""

    event = models.ForeignKey("eventsite.Event", on_delete=models.CASCADE, related_name="qr_links")
    code = models.CharField(max_length=qr.CODE_LENGTH, unique=True, editable=False, default=qr.new_code)
    profile = models.ForeignKey(
        JobProfile,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="qr_links",
        help_text="Send people to this job profile…",
    )
    target_path = models.CharField(
        "or to this page",
        max_length=qr.MAX_PATH_LENGTH,
        blank=True,
        help_text="A page of this site, starting with one /, e.g. /careers/ for the list of job profiles.",
    )
    placement = models.CharField(max_length=120, help_text='Where it is shown, e.g. "Marketplace stand".')
    is_active = models.BooleanField("active", default=True, help_text="Inactive codes show a friendly 'not found'.")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "QR link"
        ordering = ["placement", "code"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(profile__isnull=False) & Q(target_path=""))
                | (Q(profile__isnull=True) & ~Q(target_path="")),
                name="qr_link_one_target",
            ),
            models.CheckConstraint(condition=safe_target_condition(), name="qr_link_target_on_this_site"),
            models.CheckConstraint(condition=Q(code__regex=r"^[2-9a-z]{10}$"), name="qr_link_code_format"),
        ]

    def __str__(self):
        return f"{self.code} · {self.placement}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        transaction.on_commit(caching.invalidate)

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        transaction.on_commit(caching.invalidate)
        return result

    def clean(self):
        if self.profile_id and self.target_path:
            raise ValidationError("Choose a job profile or a page, not both.")
        if not self.profile_id and not self.target_path:
            raise ValidationError("Choose a job profile, or give a page of this site.")
        if self.target_path:
            check_target_path(self.target_path)
        if self.profile_id and self.event_id and self.profile.service_area.event_id != self.event_id:
            raise ValidationError({"profile": "Choose a job profile of this event."})

    @property
    def short_path(self) -> str:
        return reverse("profiles:qr_scan", kwargs={"code": self.code})

    @property
    def short_url(self) -> str:
        return settings.SITE_URL.rstrip("/") + self.short_path

    @property
    def target_label(self) -> str:
        if self.profile_id:
            return self.profile.title
        return "All careers" if self.target_path == reverse("profiles:profile_index") else self.target_path

    def target_url(self) -> str:
        """Where a scan leads: the profile's page (the index while it is unpublished), or the stored path."""
        if self.profile_id:
            if self.profile.published:
                return self.profile.get_absolute_url()
            return reverse("profiles:profile_index")
        return self.target_path


def check_target_path(path: str) -> None:
    """Refuse anything but a page of this site: no scheme, no host, and not a QR link (no redirect loops)."""
    if not qr.is_safe_path(path):
        raise ValidationError(
            {"target_path": "Give a page of this site, starting with a single / (no web address, no spaces)."}
        )
    try:
        match = resolve(path.split("?", 1)[0].split("#", 1)[0])
    except Resolver404 as exc:
        raise ValidationError({"target_path": "There is no page at this address on this site."}) from exc
    if match.view_name == "profiles:qr_scan":
        raise ValidationError({"target_path": "A QR link cannot lead to another QR link."})


class DailySalt(models.Model):
    """The random salt of one day's visitor hashes; each is deleted once its day is over."""

    day = models.DateField(unique=True)
    value = models.CharField(max_length=64)

    def __str__(self):
        return self.day.isoformat()


class Scan(models.Model):
    """One person opening a QR link: when, which link, and a visitor hash that is unique per visitor per day."""

    link = models.ForeignKey(QRLink, on_delete=models.CASCADE, related_name="scans")
    scanned_at = models.DateTimeField(db_index=True)
    visitor_hash = models.CharField(max_length=32)

    class Meta:
        ordering = ["-scanned_at"]
        indexes = [models.Index(fields=["link", "scanned_at"], name="scan_link_time")]

    def __str__(self):
        return f"{self.link.code} at {self.scanned_at:%Y-%m-%d %H:%M}"
