from django.contrib import admin

from eventsite.roles import is_organiser


class OrganiserAdminSite(admin.AdminSite):
    """The Django admin, branded for the week's organisers and open to them alone."""

    site_header = "Work Experience Week — organisers"
    site_title = "Organisers"
    index_title = "Run the event"

    def has_permission(self, request):
        return is_organiser(request.user)
