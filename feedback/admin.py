"""Organisers build surveys here: audience groups (with their room codes), questions and options, the write-up's
template questions, and copies of a survey for another event."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from applications.models import HomeGroup
from eventsite.models import Event
from feedback import services
from feedback.models import Answer, Option, Question, QuestionKind, Response, Survey, SurveyGroup


class SurveyGroupInline(admin.TabularInline):
    model = SurveyGroup
    extra = 0
    fields = ["home_group", "code"]
    readonly_fields = ["code"]
    verbose_name = "audience group"
    verbose_name_plural = "audience groups (each gets a room code when saved)"

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None:
            formset.form.base_fields["home_group"].queryset = HomeGroup.objects.filter(event=obj.event_id)
        return formset


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["order", "kind", "text", "required", "key", "options_link"]
    readonly_fields = ["options_link"]
    show_change_link = True

    @admin.display(description="options and scale")
    def options_link(self, question):
        if not question.pk:
            return "Save first"
        return format_html(
            '<a href="{}">Edit the options, scale and limits</a>',
            reverse("admin:feedback_question_change", args=[question.pk]),
        )


class CopyToEventForm(forms.Form):
    event = forms.ModelChoiceField(queryset=Event.objects.order_by("-start_date"), label="Copy to event")


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "event",
        "audience_kind",
        "opens_at",
        "closes_at",
        "anonymous",
        "allow_edits",
        "response_count",
        "pages",
    ]
    list_filter = ["event", "audience_kind", "anonymous"]
    search_fields = ["title", "intro"]
    date_hierarchy = "opens_at"
    fieldsets = [
        (None, {"fields": ["event", "title", "intro", "audience_kind", "session"]}),
        ("When and how", {"fields": ["opens_at", "closes_at", "anonymous", "allow_edits", "thank_you"]}),
    ]
    inlines = [SurveyGroupInline, QuestionInline]
    actions = ["add_template_questions", "copy_to_event"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("event").annotate(_responses=Count("responses"))

    @admin.display(description="responses", ordering="_responses")
    def response_count(self, survey):
        return survey._responses

    @admin.display(description="pages")
    def pages(self, survey):
        return format_html(
            '<a href="{}">Report</a> · <a href="{}">Share</a> · <a href="{}">Open</a>',
            reverse("feedback:report", args=[survey.pk]),
            reverse("feedback:share", args=[survey.pk]),
            survey.get_absolute_url(),
        )

    autocomplete_fields = ["session"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        survey = form.instance
        if survey.session_id and not survey.groups.exists():
            services.survey_audience_from_session(survey=survey)
            self.message_user(request, "The session's groups are the survey's audience.", messages.INFO)
        for question in survey.questions.filter(kind=QuestionKind.YES_NO):
            services.question_fill_options(question=question)

    @admin.action(description="Add the write-up's three questions (interest, career, learnt something new)")
    def add_template_questions(self, request, queryset):
        added = sum(len(services.survey_add_template_questions(survey=survey)) for survey in queryset)
        self.message_user(request, f"Added {added} questions from the template.", messages.SUCCESS)

    @admin.action(description="Copy to another event, with questions and options")
    def copy_to_event(self, request, queryset):
        form = CopyToEventForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            event = form.cleaned_data["event"]
            copies = [services.survey_copy(survey=survey, event=event) for survey in queryset]
            self.message_user(
                request,
                f"Copied {len(copies)} survey(s) to {event}. Choose each copy's audience groups before sharing it.",
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Copy surveys to another event",
            "surveys": queryset,
            "form": form,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "feedback/admin/copy_to_event.html", context)


class OptionInline(admin.TabularInline):
    model = Option
    extra = 0
    fields = ["order", "label", "positive"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "survey", "kind", "order", "required", "key"]
    list_filter = ["kind", "survey__event", "survey"]
    search_fields = ["text", "survey__title"]
    list_select_related = ["survey"]
    fieldsets = [
        (None, {"fields": ["survey", "order", "kind", "text", "help_text", "required", "key"]}),
        ("Rating scale", {"fields": ["scale_min", "scale_max", "min_label", "max_label", "top_box_min"]}),
        ("Free text", {"fields": ["max_length"]}),
    ]
    inlines = [OptionInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.question_fill_options(question=form.instance)


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    fields = ["question", "option", "rating", "text", "hidden"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    """Responses as they arrive, read-only: they come from students, never from the admin."""

    list_display = ["pk", "survey", "home_group", "submitted_at", "updated_at", "edits"]
    list_filter = ["survey__event", "survey", "home_group"]
    list_select_related = ["survey", "home_group"]
    date_hierarchy = "submitted_at"
    fields = ["survey", "home_group", "respondent_name", "submitted_at", "updated_at", "edits"]
    readonly_fields = fields
    inlines = [AnswerInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
