"""Repeated failures lock sign-in (django-axes, in the database), and the public forms are rate-limited per client
address in the shared cache: the answer past the limit is a 429 or the form's own clear message, and nothing is
stored."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from feedback import views_public
from feedback.models import Response
from tests.factories.core import TEST_PASSWORD
from tests.security.conftest import DURING_WEEK

pytestmark = pytest.mark.django_db


def limit_of(rate: str) -> int:
    """The count of a django-ratelimit rate such as "30/m"."""
    return int(rate.split("/")[0])


@pytest.mark.parametrize("url_name", ["login", "admin:login"])
def test_sign_in_locks_after_the_failure_limit_even_for_the_right_password(world, url_name):
    user = world.users["school_a"]
    client = Client()
    url = reverse(url_name)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(url, {"username": user.username, "password": "wrong"}).status_code == 200
    locked = client.post(url, {"username": user.username, "password": "wrong"})
    assert locked.status_code == 429
    assert "Too many sign-in attempts" in locked.content.decode()
    right = client.post(url, {"username": user.username, "password": TEST_PASSWORD})
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_lockout_is_per_account_and_address(world):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": world.users["school_a"].username, "password": "wrong"})
    other = client.post(reverse("login"), {"username": world.users["school_b"].username, "password": TEST_PASSWORD})
    assert other.status_code == 302
    elsewhere = Client(REMOTE_ADDR="192.0.2.7")
    ok = elsewhere.post(reverse("login"), {"username": world.users["school_a"].username, "password": TEST_PASSWORD})
    assert ok.status_code == 302


def test_school_sign_up_is_limited_per_address(world):
    client = Client()
    users = get_user_model().objects.count()
    limit = 10  # applications.views.accounts.signup: 10/h per address
    for i in range(limit):
        response = client.post(
            reverse("applications:signup"),
            {"email": f"careers{i}@new-school.example.org", "password1": "Plenty-long-pw-1", "password2": "x"},
        )
        assert "Too many sign-ups" not in response.content.decode()
    refused = client.post(
        reverse("applications:signup"),
        {"email": "real@new-school.example.org", "password1": "Plenty-long-pw-1", "password2": "Plenty-long-pw-1"},
    )
    assert refused.status_code == 200
    assert "Too many sign-ups from this address. Try again in an hour." in refused.content.decode()
    assert get_user_model().objects.count() == users


def test_survey_posts_are_limited_per_address(world, time_machine):
    time_machine.move_to(DURING_WEEK, tick=False)
    client = Client()
    url = reverse("feedback:start", kwargs={"key": world.survey.key})
    client.get(url)
    for _ in range(limit_of(views_public.PUBLIC_RATE)):
        assert client.post(url, {"code": "WRONG1"}).status_code == 200
    answer = reverse("feedback:answer", kwargs={"key": world.survey.key, "code": world.survey_group.code})
    responses = Response.objects.count()
    refused = client.post(answer, {})
    assert refused.status_code == 429
    assert Response.objects.count() == responses


def test_the_feedback_limit_is_per_address(world, time_machine):
    time_machine.move_to(DURING_WEEK, tick=False)
    url = reverse("feedback:start", kwargs={"key": world.survey.key})
    busy = Client()
    for _ in range(limit_of(views_public.PUBLIC_RATE) + 1):
        busy.post(url, {"code": "WRONG1"})
    assert busy.post(url, {"code": "WRONG1"}).status_code == 429
    assert Client(REMOTE_ADDR="192.0.2.9").post(url, {"code": "WRONG1"}).status_code == 200
