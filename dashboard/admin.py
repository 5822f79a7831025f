from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html

from dashboard.models import ImpactNarrative, ImpactQuote


class ImpactQuoteInline(admin.StackedInline):
    model = ImpactQuote
    extra = 1
    fields = ["text", "attribution", "order"]


@admin.register(ImpactNarrative)
class ImpactNarrativeAdmin(admin.ModelAdmin):
    list_display = ["event", "previous_edition", "quotes", "updated_at", "report"]
    list_select_related = ["event", "previous_edition"]
    search_fields = ["event__name", "event__slug", "summary"]
    fields = ["event", "summary", "previous_edition"]
    inlines = [ImpactQuoteInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(quote_count=Count("quotes"))

    @admin.display(description="quotes", ordering="quote_count")
    def quotes(self, narrative):
        return narrative.quote_count

    @admin.display(description="impact report")
    def report(self, narrative):
        return format_html('<a href="{}">Open the report</a>', narrative.get_absolute_url())
