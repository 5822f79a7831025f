"""Surveys of an event's students, their questions, and the responses students give on their phones.

Students answer with no account. A response belongs to one home group (proved by the group's short code) and to
one device (a signed cookie, stored here only as a per-survey HMAC so that one device's answers to different
surveys cannot be linked). An anonymous survey stores no name.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils import timezone

# Unambiguous capitals and digits (no 0/O, 1/I/L) for codes read off a slide or a printed card.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
SCALE_LIMIT = 10  # the widest rating scale, 0 to 10
TEXT_LIMIT = 2000  # the longest free-text answer any question may allow
NAME_LIMIT = 60


def new_survey_key() -> str:
    return secrets.token_urlsafe(6)


def new_group_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class AudienceKind(models.TextChoices):
    HOME_GROUPS = "home", "Home groups"
    VISITING_GROUPS = "visiting", "Visiting groups"
    SESSION = "session", "One session"


class SurveyQuerySet(models.QuerySet):
    def open_at(self, when):
        return self.filter(opens_at__lte=when, closes_at__gt=when)


class Survey(models.Model):
    event = models.ForeignKey("eventsite.Event", on_delete=models.CASCADE, related_name="surveys")
    title = models.CharField(max_length=200)
    intro = models.TextField(blank=True, help_text="Shown to students above the questions.")
    key = models.CharField(
        max_length=16, unique=True, default=new_survey_key, editable=False, help_text="The survey's public address."
    )
    audience_kind = models.CharField("audience", max_length=10, choices=AudienceKind.choices)
    session = models.ForeignKey(
        "timetable.Session",
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="surveys",
        help_text="For an audience of one session: its groups become the survey's audience.",
    )
    audience_groups = models.ManyToManyField(
        "applications.HomeGroup", through="SurveyGroup", related_name="surveys", blank=True
    )
    opens_at = models.DateTimeField("opens")
    closes_at = models.DateTimeField("closes")
    anonymous = models.BooleanField(default=True, help_text="Anonymous surveys never ask for or store a name.")
    allow_edits = models.BooleanField(
        default=True, help_text="A student may change their answers on the same phone until the survey closes."
    )
    thank_you = models.TextField("thank-you message", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["event", "opens_at", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="survey_window_ordered"),
            models.CheckConstraint(
                condition=(Q(audience_kind=AudienceKind.SESSION) & Q(session__isnull=False))
                | (~Q(audience_kind=AudienceKind.SESSION) & Q(session__isnull=True)),
                name="survey_session_only_for_session_audience",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("feedback:start", args=[self.key])

    def clean(self):
        if self.audience_kind == AudienceKind.SESSION and not self.session_id:
            raise ValidationError({"session": "Choose the session whose audience this survey is for."})
        if self.audience_kind != AudienceKind.SESSION and self.session_id:
            raise ValidationError(
                {"session": "Only a survey of one session has a session; clear it or change the audience."}
            )
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": "A survey closes after it opens."})

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at


class SurveyGroup(models.Model):
    """A home group in a survey's audience, with the short code shown in its room to prove membership."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="groups")
    home_group = models.ForeignKey("applications.HomeGroup", on_delete=models.CASCADE, related_name="survey_groups")
    code = models.CharField(max_length=CODE_LENGTH, default=new_group_code)

    class Meta:
        ordering = ["survey", "home_group__name"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "home_group"], name="survey_group_unique"),
            models.UniqueConstraint(fields=["survey", "code"], name="survey_group_unique_code"),
        ]

    def __str__(self):
        return f"{self.home_group} ({self.code})"

    def get_absolute_url(self):
        return reverse("feedback:answer", args=[self.survey.key, self.code])


class QuestionKind(models.TextChoices):
    RATING = "rating", "Rating scale"
    SINGLE = "single", "Single choice"
    YES_NO = "yes_no", "Yes / no"
    MULTIPLE = "multiple", "Multiple choice"
    TEXT = "text", "Free text"


CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.YES_NO, QuestionKind.MULTIPLE)


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=10, choices=QuestionKind.choices)
    text = models.CharField(max_length=300)
    help_text = models.CharField(max_length=300, blank=True)
    required = models.BooleanField(default=True)
    key = models.SlugField(
        "headline key",
        max_length=40,
        blank=True,
        help_text="Questions with the same key across an event's surveys are added up in its headline figures, "
        "e.g. 'interest'.",
    )
    scale_min = models.PositiveSmallIntegerField(default=1)
    scale_max = models.PositiveSmallIntegerField(default=5)
    min_label = models.CharField("label of the lowest rating", max_length=60, blank=True)
    max_label = models.CharField("label of the highest rating", max_length=60, blank=True)
    top_box_min = models.PositiveSmallIntegerField(
        "headline rating", default=3, help_text="The headline figure is the share rating this or more."
    )
    max_length = models.PositiveSmallIntegerField("longest answer (characters)", default=500)

    class Meta:
        ordering = ["survey", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_min__lt=F("scale_max")) & Q(scale_max__lte=SCALE_LIMIT), name="question_scale_range"
            ),
            models.CheckConstraint(
                condition=Q(top_box_min__gte=F("scale_min")) & Q(top_box_min__lte=F("scale_max")),
                name="question_top_box_in_scale",
            ),
            models.CheckConstraint(
                condition=Q(max_length__gte=1) & Q(max_length__lte=TEXT_LIMIT), name="question_max_length_range"
            ),
            models.UniqueConstraint(fields=["survey", "key"], condition=~Q(key=""), name="question_unique_key"),
        ]

    def __str__(self):
        return self.text

    @property
    def has_options(self) -> bool:
        return self.kind in CHOICE_KINDS


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    order = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(max_length=80)
    positive = models.BooleanField(
        default=False, help_text="Counts toward the question's headline figure (e.g. 'yes' and 'maybe')."
    )

    class Meta:
        ordering = ["question", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["question", "label"], name="option_unique_label")]

    def __str__(self):
        return self.label


class Response(models.Model):
    """One student's answers to one survey: one per device, kept (and replaced on an edit) until it closes."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    home_group = models.ForeignKey("applications.HomeGroup", on_delete=models.RESTRICT, related_name="+")
    respondent_name = models.CharField(max_length=NAME_LIMIT, blank=True)
    device_hash = models.CharField(max_length=64, editable=False)
    submitted_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    edits = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["survey", "submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "device_hash"], name="response_one_per_device"),
        ]
        indexes = [models.Index(fields=["survey", "home_group"])]

    def __str__(self):
        return f"Response {self.pk} to {self.survey_id}"


class Submission(models.Model):
    """A form submission's one-time token: a double tap or a replayed post finds it taken and stores nothing."""

    token = models.CharField(max_length=64, unique=True)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="submissions")
    received_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.token


class Answer(models.Model):
    """One answer of a response. The response's home group is copied here (answers are rewritten whenever the
    response is), so that the report's GROUP BY reads one covering index instead of joining 100,000s of rows."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.RESTRICT, related_name="answers")
    home_group = models.ForeignKey(
        "applications.HomeGroup", on_delete=models.RESTRICT, related_name="+", db_index=False, editable=False
    )
    option = models.ForeignKey(Option, null=True, blank=True, on_delete=models.RESTRICT, related_name="answers")
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)
    selections = models.ManyToManyField(Option, through="AnswerSelection", related_name="+", blank=True)
    hidden = models.BooleanField(default=False, help_text="Hidden by an organiser: left out of lists and exports.")
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["response", "question"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_one_per_question"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__lte=SCALE_LIMIT), name="answer_rating_range"
            ),
            models.CheckConstraint(condition=LessThanOrEqual(Length("text"), TEXT_LIMIT), name="answer_text_length"),
            models.CheckConstraint(
                condition=(Q(option__isnull=True) | (Q(rating__isnull=True) & Q(text="")))
                & (Q(rating__isnull=True) | Q(text="")),
                name="answer_one_kind_of_value",
            ),
        ]
        indexes = [
            models.Index(fields=["question", "home_group", "option", "rating"], name="answer_report_idx"),
            models.Index(fields=["question", "id"], condition=~Q(text=""), name="answer_text_idx"),
        ]

    def __str__(self):
        return f"Answer to {self.question_id}"


class AnswerSelection(models.Model):
    """An option ticked in a multiple-choice answer."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="ticks")
    option = models.ForeignKey(Option, on_delete=models.RESTRICT, related_name="ticks", db_index=False)
    home_group = models.ForeignKey(
        "applications.HomeGroup", on_delete=models.RESTRICT, related_name="+", db_index=False, editable=False
    )  # the answer's, copied for the report's GROUP BY

    class Meta:
        constraints = [models.UniqueConstraint(fields=["answer", "option"], name="selection_unique")]
        indexes = [models.Index(fields=["option", "home_group"], name="selection_report_idx")]

    def __str__(self):
        return str(self.option_id)
