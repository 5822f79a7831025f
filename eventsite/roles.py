"""The three roles of the site, as auth groups, and the checks that views use.

The groups are created by a migration; their permissions are synced after every migrate, because
each app's permissions exist only once its models do.
"""

from django.contrib.auth.models import Group, Permission

from eventsite.layers import PROJECT_APPS

ORGANISERS = "Organisers"
PRESENTERS = "Staff presenters"
SCHOOL_CONTACTS = "School contacts"
ROLES = (ORGANISERS, PRESENTERS, SCHOOL_CONTACTS)

# Organisers manage every record of the event's apps through the admin; the other roles work only
# through their own pages, where views scope every query to the user, so they hold no model permissions.
ORGANISER_EXTRA = (("auth", "view_user"), ("auth", "add_user"), ("auth", "change_user"))


def has_role(user, role: str) -> bool:
    """Whether the user holds the role; superusers hold every role."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = user._role_names = frozenset(user.groups.values_list("name", flat=True))
    return role in cached


def is_organiser(user) -> bool:
    return has_role(user, ORGANISERS)


def organiser_permissions():
    by_app = Permission.objects.filter(content_type__app_label__in=PROJECT_APPS)
    extra = Permission.objects.none()
    for app_label, codename in ORGANISER_EXTRA:
        extra = extra | Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return by_app | extra


def sync_role_permissions(sender=None, **kwargs):
    """Make sure the role groups exist and give Organisers every permission of the event's apps (post_migrate,
    which also runs after a test database is flushed)."""
    for role in ROLES:
        Group.objects.get_or_create(name=role)
    Group.objects.get(name=ORGANISERS).permissions.set(organiser_permissions())
