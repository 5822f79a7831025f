from django.contrib import admin

from eventsite import privacy_admin  # noqa: F401  (registers the privacy log and the accounts' privacy actions)
from eventsite.models import Event, ServiceArea


class ServiceAreaInline(admin.TabularInline):
    model = ServiceArea
    extra = 0
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "venue",
        "start_date",
        "num_days",
        "capacity",
        "applications_open_at",
        "applications_close_at",
    ]
    list_filter = ["start_date"]
    search_fields = ["name", "venue", "slug"]
    prepopulated_fields = {"slug": ("name",)}
    date_hierarchy = "start_date"
    inlines = [ServiceAreaInline]


@admin.register(ServiceArea)
class ServiceAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "event", "order"]
    list_filter = ["event"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ("name",)}
