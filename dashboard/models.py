"""The organisers' own words for an event's impact report: a summary, quotes, and the edition it compares with."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse


class ImpactNarrative(models.Model):
    event = models.OneToOneField("eventsite.Event", on_delete=models.CASCADE, related_name="impact_narrative")
    summary = models.TextField(
        blank=True, help_text="A few paragraphs in the organisers' words; blank lines part them."
    )
    previous_edition = models.ForeignKey(
        "eventsite.Event",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The edition to compare with. Leave empty to compare with the latest event that started earlier.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "impact report text"
        verbose_name_plural = "impact report texts"
        constraints = [
            models.CheckConstraint(
                condition=~Q(previous_edition=F("event")), name="impact_narrative_previous_is_another_event"
            ),
        ]

    def __str__(self):
        return f"Impact report text for {self.event}"

    def get_absolute_url(self):
        return reverse("dashboard:impact", kwargs={"slug": self.event.slug})


class ImpactQuote(models.Model):
    narrative = models.ForeignKey(ImpactNarrative, on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField()
    attribution = models.CharField(
        max_length=200,
        help_text="Who said it, e.g. 'Head of Clinical Education'. Never a student's name: "
        "say 'A student' or 'The cancer services home group'.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["narrative", "order", "id"]

    def __str__(self):
        return f"“{self.text[:60]}” — {self.attribution}"
