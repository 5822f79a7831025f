"""The organisers' admin for schools, applications, home groups and allocation runs, with history on each change."""

from collections import defaultdict

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils.html import format_html
from import_export import fields, resources
from import_export.admin import ExportMixin
from import_export.formats.base_formats import CSV, XLSX
from simple_history.admin import SimpleHistoryAdmin

from applications import selectors, services
from applications.models import (
    AllocationRun,
    Application,
    ApplicationChoice,
    ApplicationStatus,
    GroupVisit,
    HomeGroup,
    School,
)
from eventsite import privacy_admin
from eventsite.models import ServiceArea


class PriorityFilter(admin.SimpleListFilter):
    title = "priority school"
    parameter_name = "priority"

    def lookups(self, request, model_admin):
        return [("yes", "Priority"), ("no", "Not priority")]

    def _condition(self, queryset) -> Q:
        if queryset.model is School:
            return selectors.PRIORITY_SCHOOL
        return Q(school__in=School.objects.filter(selectors.PRIORITY_SCHOOL))

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(self._condition(queryset))
        if self.value() == "no":
            return queryset.exclude(self._condition(queryset))
        return queryset


class VerifiedFilter(admin.SimpleListFilter):
    title = "verified"
    parameter_name = "verified"

    def lookups(self, request, model_admin):
        return [("yes", "Verified"), ("no", "Awaiting verification")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(verified_at__isnull=self.value() == "no")
        return queryset


class FirstChoiceFilter(admin.SimpleListFilter):
    title = "first choice"
    parameter_name = "first_choice"

    def lookups(self, request, model_admin):
        return [(area.pk, f"{area.name} ({area.event.name})") for area in ServiceArea.objects.select_related("event")]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(choices__rank=1, choices__service_area_id=self.value())
        return queryset


@admin.register(School)
class SchoolAdmin(SimpleHistoryAdmin):
    list_display = ["name", "urn", "local_authority", "priority", "verified", "application_limit"]
    list_filter = [PriorityFilter, VerifiedFilter, "local_authority"]
    search_fields = ["name", "urn", "postcode", "contact_name", "contact_email"]
    readonly_fields = ["verified_at", "verified_by"]
    filter_horizontal = ["contacts"]
    actions = ["verify"]

    @admin.display(boolean=True, description="priority")
    def priority(self, school):
        return school.is_priority

    @admin.display(boolean=True, description="verified", ordering="verified_at")
    def verified(self, school):
        return school.is_verified

    @admin.action(description="Verify the selected schools")
    def verify(self, request, queryset):
        count = services.schools_verify(schools=queryset, by=request.user)
        self.message_user(request, f"{count} school{'s' if count != 1 else ''} verified.", messages.SUCCESS)


class ApplicationResource(resources.ModelResource):
    """The export of applications, for organisers (it includes the sensitive needs)."""

    event = fields.Field(attribute="event__name", column_name="event")
    school = fields.Field(attribute="school__name", column_name="school")
    urn = fields.Field(attribute="school__urn", column_name="urn")
    priority = fields.Field(column_name="priority_school")
    choice_1 = fields.Field(column_name="choice_1")
    choice_2 = fields.Field(column_name="choice_2")
    choice_3 = fields.Field(column_name="choice_3")
    home_group = fields.Field(attribute="home_group__name", column_name="home_group")

    class Meta:
        model = Application
        fields = [
            "id",
            "event",
            "school",
            "urn",
            "priority",
            "first_name",
            "surname",
            "year_group",
            "choice_1",
            "choice_2",
            "choice_3",
            "statement",
            "needs",
            "guardian_name",
            "consent_date",
            "photo_consent",
            "status",
            "home_group",
            "created_at",
            "decision_published_at",
        ]
        export_order = fields

    def dehydrate_priority(self, application):
        return "yes" if application.school.is_priority else "no"

    def _choice(self, application, rank):
        return next((c.service_area.name for c in application.choices.all() if c.rank == rank), "")

    def dehydrate_choice_1(self, application):
        return self._choice(application, 1)

    def dehydrate_choice_2(self, application):
        return self._choice(application, 2)

    def dehydrate_choice_3(self, application):
        return self._choice(application, 3)


class ApplicationChoiceInline(admin.TabularInline):
    model = ApplicationChoice
    extra = 0
    max_num = 3


@admin.register(Application)
class ApplicationAdmin(ExportMixin, SimpleHistoryAdmin):
    resource_classes = [ApplicationResource]
    formats = [CSV, XLSX]
    list_display = ["__str__", "school", "priority", "year_group", "first_choice", "status", "home_group", "published"]
    list_filter = [
        "status",
        PriorityFilter,
        FirstChoiceFilter,
        ("school", admin.RelatedOnlyFieldListFilter),
        ("home_group", admin.RelatedOnlyFieldListFilter),
        "event",
    ]
    list_select_related = ["school", "home_group", "event"]
    search_fields = ["first_name", "surname", "school__name", "school__urn"]
    readonly_fields = ["status", "home_group", "created_at", "updated_at", "decision_published_at"]
    inlines = [ApplicationChoiceInline]
    actions = [
        "accept",
        "waitlist",
        "reject",
        "publish_decisions",
        privacy_admin.export_personal_data,
        privacy_admin.erase_personal_data,
    ]

    def get_queryset(self, request):
        choices = ApplicationChoice.objects.select_related("service_area").order_by("rank")
        return (
            super()
            .get_queryset(request)
            .select_related("school", "home_group", "event")
            .prefetch_related(Prefetch("choices", choices))
        )

    @admin.display(boolean=True, description="priority")
    def priority(self, application):
        return application.school.is_priority

    @admin.display(description="first choice")
    def first_choice(self, application):
        return next((c.service_area.name for c in application.choices.all() if c.rank == 1), "—")

    @admin.display(boolean=True, description="published", ordering="decision_published_at")
    def published(self, application):
        return application.decision_published_at is not None

    def _by_event(self, queryset):
        by_event = defaultdict(list)
        for application in queryset.select_related("event").order_by():
            by_event[application.event].append(application.pk)
        return by_event

    @admin.action(description="Accept the selected applications")
    def accept(self, request, queryset):
        total = 0
        for event, ids in self._by_event(queryset).items():
            try:
                total += services.applications_accept(event=event, application_ids=ids, by=request.user)
            except ValidationError as exc:
                self.message_user(request, exc.messages[0], messages.ERROR)
        self.message_user(request, f"{total} application{'s' if total != 1 else ''} accepted.", messages.SUCCESS)

    def _set_status(self, request, queryset, status):
        count = services.applications_set_status(applications=queryset, status=status, by=request.user)
        label = ApplicationStatus(status).label.lower()
        self.message_user(request, f"{count} application{'s' if count != 1 else ''} {label}.", messages.SUCCESS)

    @admin.action(description="Put the selected applications on the waiting list")
    def waitlist(self, request, queryset):
        self._set_status(request, queryset, ApplicationStatus.WAITLISTED)

    @admin.action(description="Reject the selected applications")
    def reject(self, request, queryset):
        self._set_status(request, queryset, ApplicationStatus.REJECTED)

    @admin.action(description="Publish the selected decisions (e-mails the schools)")
    def publish_decisions(self, request, queryset):
        total = 0
        for event, ids in self._by_event(queryset).items():
            total += services.decisions_publish(event=event, by=request.user, application_ids=ids)
        self.message_user(request, f"{total} decision{'s' if total != 1 else ''} published.", messages.SUCCESS)


class GroupVisitInline(admin.TabularInline):
    model = GroupVisit
    extra = 0
    verbose_name = "visit to another area's session"
    verbose_name_plural = "visits to other areas' sessions"


@admin.register(HomeGroup)
class HomeGroupAdmin(SimpleHistoryAdmin):
    list_display = ["name", "service_area", "event", "capacity", "members", "leader"]
    list_filter = ["event", "service_area"]
    list_select_related = ["service_area", "event", "leader"]
    search_fields = ["name", "service_area__name"]
    raw_id_fields = ["leader"]
    inlines = [GroupVisitInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(members_count=Count("members", filter=Q(members__status=ApplicationStatus.ACCEPTED)))
        )

    @admin.display(description="members", ordering="members_count")
    def members(self, group):
        return group.members_count


@admin.register(AllocationRun)
class AllocationRunAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at", "created_by", "state", "placed", "applied_at", "applied_by", "preview"]
    list_filter = ["event", "state", ("applied_at", admin.EmptyFieldListFilter)]
    list_select_related = ["event", "created_by", "applied_by"]
    readonly_fields = [f.name for f in AllocationRun._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="placed")
    def placed(self, run):
        return run.results.get("placed")

    @admin.display(description="")
    def preview(self, run):
        return format_html('<a href="{}">Open the preview</a>', reverse("applications:allocation_run", args=[run.pk]))
