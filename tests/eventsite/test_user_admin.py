import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_organiser_cannot_make_anyone_a_superuser(organiser_client, organiser, plain_user):
    url = reverse("admin:auth_user_change", args=[plain_user.pk])
    form = organiser_client.get(url).content.decode()
    assert 'name="is_superuser"' not in form and 'name="user_permissions"' not in form
    organiser_client.post(
        url,
        {
            "username": plain_user.username,
            "is_active": "on",
            "is_superuser": "on",
            "date_joined_0": "2030-01-01",
            "date_joined_1": "09:00:00",
        },
    )
    plain_user.refresh_from_db()
    assert not plain_user.is_superuser


def test_a_superuser_still_can(admin_client, plain_user):
    form = admin_client.get(reverse("admin:auth_user_change", args=[plain_user.pk])).content.decode()
    assert 'name="is_superuser"' in form
