from urllib.parse import urlencode

from django.contrib import admin, messages
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from profiles import services
from profiles.forms import JobProfileAdminForm, QRLinkAdminForm
from profiles.models import JobProfile, QRLink, Scan


@admin.register(JobProfile)
class JobProfileAdmin(SimpleHistoryAdmin):
    form = JobProfileAdminForm
    list_display = ["title", "service_area", "pay_band", "published", "order", "qr_scans", "preview_link"]
    list_editable = ["order"]
    list_filter = ["service_area__event", "service_area", "published", "pay_band"]
    search_fields = ["title", "summary", "skills"]
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ["related_roles"]
    list_select_related = ["service_area"]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "service_area", "summary", "day_to_day", "published", "order"]}),
        (
            "Entry requirements",
            {"fields": ["qualifications", "experience", "route_apprenticeship", "route_degree", "route_on_the_job"]},
        ),
        (
            "Salary",
            {
                "fields": ["pay_band", "salary_min", "salary_max", "salary_year"],
                "description": "An Agenda for Change band with its yearly range, or only a range for other roles.",
            },
        ),
        ("Skills, related roles and photo", {"fields": ["skills", "related_roles", "photo", "photo_alt"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(scan_count=Count("qr_links__scans"))

    @admin.display(description="QR scans", ordering="scan_count")
    def qr_scans(self, profile):
        return profile.scan_count

    @admin.display(description="Preview and QR codes")
    def preview_link(self, profile):
        return format_html('<a href="{}">Preview</a>', reverse("profiles:profile_preview", args=[profile.slug]))

    @admin.action(description="Publish the selected profiles")
    def publish(self, request, queryset):
        changed = services.jobprofile_set_published(profiles=queryset, published=True)
        self.message_user(request, f"Published {changed} profile(s).", messages.SUCCESS)

    @admin.action(description="Unpublish the selected profiles")
    def unpublish(self, request, queryset):
        changed = services.jobprofile_set_published(profiles=queryset, published=False)
        self.message_user(request, f"Unpublished {changed} profile(s).", messages.SUCCESS)


@admin.register(QRLink)
class QRLinkAdmin(SimpleHistoryAdmin):
    form = QRLinkAdminForm
    list_display = ["code", "placement", "target", "is_active", "total_scans", "unique_scans", "downloads"]
    list_filter = ["event", "placement", "is_active"]
    search_fields = ["code", "placement", "profile__title", "target_path"]
    autocomplete_fields = ["profile"]
    readonly_fields = ["code", "short_url", "created_by", "created_at"]
    list_select_related = ["profile"]
    actions = ["print_sheet", "deactivate", "activate"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(total_scans=Count("scans"), unique_scans=Count("scans__visitor_hash", distinct=True))
        )

    def get_fields(self, request, obj=None):
        fields = ["event", "profile", "target_path", "placement", "is_active"]
        return [*fields, "code", "short_url", "created_by", "created_at"] if obj else fields

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="Target")
    def target(self, link):
        return link.target_label

    @admin.display(description="Scans", ordering="total_scans")
    def total_scans(self, link):
        return link.total_scans

    @admin.display(description="Unique visitors", ordering="unique_scans")
    def unique_scans(self, link):
        return link.unique_scans

    @admin.display(description="QR code")
    def downloads(self, link):
        return format_html(
            '<a href="{}?download=1">PNG</a> · <a href="{}?download=1">SVG</a>',
            reverse("profiles:qrlink_png", args=[link.code]),
            reverse("profiles:qrlink_svg", args=[link.code]),
        )

    @admin.action(description="Print QR codes for the selected links")
    def print_sheet(self, request, queryset):
        query = urlencode([("code", code) for code in queryset.values_list("code", flat=True)])
        return HttpResponseRedirect(f"{reverse('profiles:qrlink_sheet')}?{query}")

    @admin.action(description="Deactivate the selected links (scans show a friendly 'not found')")
    def deactivate(self, request, queryset):
        changed = services.qrlink_set_active(links=queryset, active=False)
        self.message_user(request, f"Deactivated {changed} link(s).", messages.SUCCESS)

    @admin.action(description="Activate the selected links")
    def activate(self, request, queryset):
        changed = services.qrlink_set_active(links=queryset, active=True)
        self.message_user(request, f"Activated {changed} link(s).", messages.SUCCESS)


@admin.register(Scan)
class ScanAdmin(admin.ModelAdmin):
    """Scans are facts: organisers read and filter them here, and never edit them."""

    list_display = ["scanned_at", "link", "placement"]
    list_filter = ["link__event", "link__placement"]
    date_hierarchy = "scanned_at"
    list_select_related = ["link"]
    search_fields = ["link__code", "link__placement"]

    @admin.display(description="Placement", ordering="link__placement")
    def placement(self, scan):
        return scan.link.placement

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
