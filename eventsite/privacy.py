"""The core's part of the privacy commands: user accounts.

An account is anonymised rather than deleted, so that the records that point at it (who verified a school, who ran
an allocation) stay whole: its username becomes `erased-user-<id>`, its names and e-mail address are cleared, it
can no longer sign in, it loses its roles, and django-axes' log of its sign-ins (username, IP address, browser) is
deleted. Organisers', presenters' and staff accounts are never anonymised here: they run the event (see
`is_protected_account`).
"""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog

from eventsite.roles import ORGANISERS, PRESENTERS


def erased_username(user) -> str:
    return f"erased-user-{user.pk}"


def is_protected_account(user) -> bool:
    """Accounts that run the event: an organiser, a staff presenter, admin staff or a superuser."""
    return user.is_staff or user.is_superuser or user.groups.filter(name__in=[ORGANISERS, PRESENTERS]).exists()


def is_anonymised(user) -> bool:
    return user.username == erased_username(user)


def anonymise_users(users) -> int:
    """Anonymise the accounts given (protected ones are skipped); returns how many changed."""
    changed = 0
    for user in users:
        if is_anonymised(user) or is_protected_account(user):
            continue
        old_usernames = {user.username, user.email} - {""}
        AccessAttempt.objects.filter(username__in=old_usernames).delete()
        AccessFailureLog.objects.filter(username__in=old_usernames).delete()
        AccessLog.objects.filter(username__in=old_usernames).delete()
        user.username = erased_username(user)
        user.first_name = user.last_name = user.email = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
        user.groups.clear()
        user.user_permissions.clear()
        changed += 1
    return changed


def export_subject(*, application=None, user=None) -> dict | None:
    """The account itself: what a user's own record holds."""
    if user is None:
        return None
    return {
        "account": {
            "id": user.pk,
            "username": user.get_username(),
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "is_active": user.is_active,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "roles": sorted(user.groups.values_list("name", flat=True)),
        }
    }


def erase_subject(*, application=None, user=None, by=None, reason: str = "") -> dict:
    if user is None:
        return {}
    return {"accounts": anonymise_users([user])}
