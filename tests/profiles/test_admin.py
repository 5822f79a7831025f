"""Organisers edit profiles and QR links in the admin: uploads checked, targets kept on the site."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import RestrictedError
from django.urls import reverse
from PIL import Image

from profiles import images
from profiles.models import JobProfile, QRLink
from tests.factories import JobProfileFactory, QRLinkFactory, ScanFactory
from tests.profiles.photos import jpeg_with_location, picture, png_bomb

pytestmark = pytest.mark.django_db


def profile_form(profile, **changes):
    data = {
        "title": profile.title,
        "slug": profile.slug,
        "service_area": profile.service_area_id,
        "summary": profile.summary,
        "day_to_day": profile.day_to_day,
        "published": "on",
        "order": 0,
        "pay_band": "5",
        "salary_min": 29970,
        "salary_max": 36483,
        "salary_year": 2024,
        "photo_alt": "A radiographer at a treatment machine",
    }
    data.update(changes)
    return data


def upload(client, profile, name, content):
    url = reverse("admin:profiles_jobprofile_change", args=[profile.pk])
    return client.post(url, profile_form(profile, photo=SimpleUploadedFile(name, content)))


def test_admin_lists_render_with_counts(organiser_client, link, django_assert_max_num_queries):
    ScanFactory(link=link)
    for n in range(5):
        ScanFactory(link=QRLinkFactory(profile=JobProfileFactory(service_area=link.profile.service_area, slug=f"j{n}")))
    for name in ["profiles_jobprofile", "profiles_qrlink", "profiles_scan"]:
        with django_assert_max_num_queries(20):
            response = organiser_client.get(reverse(f"admin:{name}_changelist"))
        assert response.status_code == 200, name
    body = organiser_client.get(reverse("admin:profiles_qrlink_changelist")).content.decode()
    assert link.code in body and f"/organisers/qr/{link.code}.svg?download=1" in body


def test_a_photo_is_stored_resized_under_our_own_name(organiser_client, profile):
    response = upload(organiser_client, profile, "IMG_0001 my holiday.jpg", jpeg_with_location())
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.photo.name.startswith("profiles/photos/") and profile.photo.name.endswith(".jpg")
    assert "holiday" not in profile.photo.name
    with Image.open(profile.photo.path) as stored:
        assert stored.size == (960, 720) == (profile.photo_width, profile.photo_height)
        assert not stored.getexif()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.png", b"MZ\x90\x00 this is a program renamed to .png", "not a JPEG or PNG"),
        ("photo.png", picture("GIF", mode="P"), "not a JPEG or PNG"),
        ("bomb.png", png_bomb(), "too many pixels"),
        ("huge.jpg", b"\xff\xd8\xff" + b"\x00" * (images.MAX_BYTES + 1), "too large"),
    ],
    ids=["renamed", "gif", "bomb", "too-large"],
)
def test_upload_attacks_are_refused_with_a_clear_message(organiser_client, profile, name, content, message):
    response = upload(organiser_client, profile, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    profile.refresh_from_db()
    assert not profile.photo


def test_a_photo_needs_a_description(organiser_client, profile):
    url = reverse("admin:profiles_jobprofile_change", args=[profile.pk])
    data = profile_form(profile, photo_alt="", photo=SimpleUploadedFile("p.png", picture("PNG", size=(50, 50))))
    assert "Describe the photo" in organiser_client.post(url, data).content.decode()


@pytest.mark.parametrize("target", ["//evil.com", "https://evil.com", "javascript:alert(1)"])
def test_the_admin_refuses_a_qr_target_off_the_site(organiser_client, event, target):
    data = {"event": event.pk, "target_path": target, "placement": "Stand", "is_active": "on"}
    response = organiser_client.post(reverse("admin:profiles_qrlink_add"), data)
    assert response.status_code == 200
    assert "starting with a single /" in response.content.decode()
    assert not QRLink.objects.exists()


def test_an_organiser_adds_a_qr_link_in_the_admin(organiser_client, organiser, event):
    data = {"event": event.pk, "target_path": "/careers/", "placement": "Day 1 slides", "is_active": "on"}
    assert organiser_client.post(reverse("admin:profiles_qrlink_add"), data).status_code == 302
    link = QRLink.objects.get()
    assert (link.placement, link.created_by, len(link.code)) == ("Day 1 slides", organiser, 10)


def test_admin_actions(organiser_client, profile, link):
    changelist = reverse("admin:profiles_qrlink_changelist")
    response = organiser_client.post(changelist, {"action": "print_sheet", "_selected_action": [link.pk]})
    assert response.headers["Location"] == f"/organisers/qr/sheet/?code={link.code}"
    organiser_client.post(changelist, {"action": "deactivate", "_selected_action": [link.pk]})
    assert not QRLink.objects.get().is_active
    profiles = reverse("admin:profiles_jobprofile_changelist")
    organiser_client.post(profiles, {"action": "unpublish", "_selected_action": [profile.pk]})
    assert not JobProfile.objects.get().published


def test_a_profile_with_qr_links_cannot_be_deleted_by_accident(profile, link):
    with pytest.raises(RestrictedError):
        profile.delete()
    profile.service_area.event.delete()  # deleting the whole event takes everything with it
    assert not QRLink.objects.exists() and not JobProfile.objects.exists()


def test_scans_are_read_only_in_the_admin(organiser_client, link):
    scan = ScanFactory(link=link)
    assert organiser_client.get(reverse("admin:profiles_scan_add")).status_code == 403
    page = organiser_client.get(reverse("admin:profiles_scan_change", args=[scan.pk]))
    assert page.status_code == 200 and b'type="submit" value="Save"' not in page.content
