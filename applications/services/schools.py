"""School contacts sign up and confirm their address; they register their school; organisers verify it."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from applications.mail import queue_mail
from applications.models import School
from eventsite.roles import SCHOOL_CONTACTS

CONFIRM_SALT = "applications.confirm-email"
CONFIRM_MAX_AGE = 3 * 24 * 3600  # seconds: a confirmation link works for three days


def confirmation_token(user) -> str:
    return signing.dumps({"user": user.pk, "email": user.email}, salt=CONFIRM_SALT)


@transaction.atomic
def school_contact_signup(*, email: str, password: str):
    """Make an inactive school-contact account and e-mail it a signed, expiring confirmation link.

    Signing up again with an address that was never confirmed sends a fresh link (and takes the new password).
    """
    User = get_user_model()
    email = email.strip().lower()
    user = User.objects.filter(username__iexact=email).first() or User.objects.filter(email__iexact=email).first()
    if user is not None and (user.is_active or user.last_login is not None):
        raise ValidationError({"email": "An account already uses this address. Sign in, or reset your password."})
    if user is None:
        user = User(username=email, email=email, is_active=False)
    user.set_password(password)
    user.save()
    user.groups.add(Group.objects.get(name=SCHOOL_CONTACTS))
    link = reverse("applications:confirm_email", kwargs={"token": confirmation_token(user)})
    queue_mail(to=[email], template="confirm_email", context={"link": link, "days": CONFIRM_MAX_AGE // 86400})
    return user


@transaction.atomic
def school_contact_confirm(*, token: str):
    """Activate the account the token names. Raises ValidationError for a bad, expired or already used link."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise ValidationError("This confirmation link has expired. Sign up again to get a new one.") from exc
    except signing.BadSignature as exc:
        raise ValidationError("This confirmation link is not valid. Check it was copied in full.") from exc
    user = get_user_model().objects.select_for_update().filter(pk=data.get("user"), email=data.get("email")).first()
    if user is None:
        raise ValidationError("This confirmation link is not valid. Check it was copied in full.")
    if user.is_active:
        raise ValidationError("This address is already confirmed. Sign in to continue.")
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user


@transaction.atomic
def school_register(*, user, data: dict) -> School:
    """Register a school with the signed-in (confirmed) contact as its first contact."""
    if not user.is_active:
        raise ValidationError("Confirm your e-mail address before registering a school.")
    if user.schools.exists():
        raise ValidationError("Your account already belongs to a school.")
    school = School(**data)
    school.full_clean()
    school.save()
    school.contacts.add(user)
    return school


@transaction.atomic
def schools_verify(*, schools: QuerySet[School], by) -> int:
    """Mark schools as checked by an organiser; their applications then take part. Returns how many changed."""
    now = timezone.now()
    changed = 0
    for school in schools.select_for_update().filter(verified_at__isnull=True):
        school.verified_at, school.verified_by = now, by
        school._history_user = by
        school.save(update_fields=["verified_at", "verified_by"])
        changed += 1
    return changed
