from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate


class EventsiteConfig(AppConfig):
    name = "eventsite"
    verbose_name = "Event"

    def ready(self):
        from eventsite.roles import sync_role_permissions

        # Permissions exist only after each app's models are migrated, so roles are re-synced then.
        post_migrate.connect(sync_role_permissions, dispatch_uid="eventsite.sync_role_permissions")


class EventAdminConfig(admin_apps.AdminConfig):
    """The admin, with the organisers' site in place of the default one."""

    default = False
    default_site = "eventsite.admin_site.OrganiserAdminSite"
