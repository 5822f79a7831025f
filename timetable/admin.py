from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from timetable import services
from timetable.models import (
    ChangeRequest,
    Organisation,
    Presenter,
    PublicTimetable,
    Room,
    Rotation,
    Session,
    SessionState,
    SubGroup,
    Unavailability,
)

# Deleting a room, group, sub-group or presenter that sessions use is refused by RESTRICT; the admin's delete
# page then lists the sessions by name and time (see the __str__ of the session link models).


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name", "event", "capacity", "accessibility_notes"]
    list_filter = ["event"]
    search_fields = ["name", "accessibility_notes"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]


@admin.register(Presenter)
class PresenterAdmin(admin.ModelAdmin):
    list_display = ["__str__", "organisation", "job_title", "is_guest"]
    list_filter = ["organisation", ("user", admin.EmptyFieldListFilter)]
    search_fields = ["guest_name", "user__first_name", "user__last_name", "organisation__name", "job_title"]
    list_select_related = ["user", "organisation"]
    autocomplete_fields = ["user"]

    @admin.display(boolean=True, description="guest")
    def is_guest(self, obj):
        return obj.is_guest


class SessionPresenterInline(admin.TabularInline):
    model = Session.presenters.through
    extra = 0
    autocomplete_fields = ["presenter"]


class SessionHomeGroupInline(admin.TabularInline):
    model = Session.home_groups.through
    extra = 0
    verbose_name = "home group"


class SessionSubGroupInline(admin.TabularInline):
    model = Session.sub_groups.through
    extra = 0
    verbose_name = "sub-group"


class SessionVisitInline(admin.TabularInline):
    model = Session.visits.through
    extra = 0
    verbose_name = "visiting group"


class SessionAdminForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = [
            "event",
            "title",
            "description",
            "kind",
            "service_area",
            "for_everyone",
            "room",
            "day_index",
            "starts_at",
            "ends_at",
            "state",
            "rotation",
            "owner",
        ]

    def clean(self):
        data = super().clean()
        if all(data.get(name) is not None for name in ("event", "day_index", "starts_at", "ends_at")):
            services.validate_placement(
                event=data["event"],
                day_index=data["day_index"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                room=data.get("room"),
            )
        return data


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    form = SessionAdminForm
    list_display = ["title", "event", "day_index", "starts_at", "ends_at", "room", "kind", "state", "rotation"]
    list_filter = ["event", "state", "kind", "day_index", "room", "service_area"]
    search_fields = ["title", "description"]
    list_select_related = ["event", "room", "rotation"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [SessionPresenterInline, SessionHomeGroupInline, SessionSubGroupInline, SessionVisitInline]
    actions = ["schedule", "cancel"]

    def get_readonly_fields(self, request, obj=None):
        # The state moves only through the actions, so that scheduling always runs the clash check.
        return [*self.readonly_fields, "state"] if obj else self.readonly_fields

    @admin.action(description="Schedule the selected sessions (refused where they clash)")
    def schedule(self, request, queryset):
        done = 0
        for session in queryset.exclude(state=SessionState.SCHEDULED):
            try:
                for clash in services.session_schedule(session=session, by=request.user):
                    self.message_user(request, clash.reason, messages.WARNING)
            except ValidationError as error:
                for message in error.messages:
                    self.message_user(request, message, messages.ERROR)
            else:
                done += 1
        self.message_user(request, f"{done} session(s) scheduled.", messages.SUCCESS)

    @admin.action(description="Cancel the selected sessions")
    def cancel(self, request, queryset):
        for session in queryset:
            services.session_cancel(session=session, by=request.user)
        self.message_user(request, f"{len(queryset)} session(s) cancelled.", messages.SUCCESS)


class SubGroupMemberInline(admin.TabularInline):
    model = SubGroup.members.through
    extra = 0
    raw_id_fields = ["application"]


@admin.register(SubGroup)
class SubGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "home_group", "order"]
    list_filter = ["home_group__event", "home_group"]
    inlines = [SubGroupMemberInline]


@admin.register(Rotation)
class RotationAdmin(admin.ModelAdmin):
    list_display = ["title", "home_group", "event"]
    list_filter = ["event"]


@admin.register(Unavailability)
class UnavailabilityAdmin(admin.ModelAdmin):
    list_display = ["presenter", "event", "day_index", "starts_at", "ends_at", "note"]
    list_filter = ["event", "day_index"]


@admin.register(ChangeRequest)
class ChangeRequestAdmin(admin.ModelAdmin):
    list_display = ["session", "requested_by", "status", "created_at", "resolved_at"]
    list_filter = ["status", "session__event"]
    search_fields = ["session__title", "message"]
    readonly_fields = ["created_at", "resolved_at", "resolved_by"]


@admin.register(PublicTimetable)
class PublicTimetableAdmin(admin.ModelAdmin):
    list_display = ["home_group", "token"]
    readonly_fields = ["token"]
