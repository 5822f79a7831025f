"""The organisers' pages: preview and QR codes of a profile, downloads, the printable sheet, the scan report."""

import csv
import datetime
import io

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from profiles.models import QRLink
from tests.factories import JobProfileFactory, QRLinkFactory, ScanFactory
from tests.profiles.test_qr import svg_root

pytestmark = pytest.mark.django_db


def organiser_urls(profile, link):
    return [
        reverse("profiles:profile_preview", args=[profile.slug]),
        reverse("profiles:qrlink_sheet"),
        reverse("profiles:scan_report"),
        reverse("profiles:scan_report_csv"),
        reverse("profiles:qrlink_png", args=[link.code]),
        reverse("profiles:qrlink_svg", args=[link.code]),
    ]


def test_organiser_pages_need_an_organiser(client, profile, link, presenter, school_contact):
    for url in organiser_urls(profile, link):
        assert client.get(url).status_code == 302, url
        assert client.get(url).headers["Location"].startswith("/accounts/login/")
    for user in (presenter, school_contact):
        client.force_login(user)
        for url in organiser_urls(profile, link):
            assert client.get(url).status_code == 403, url
    create = reverse("profiles:profile_qrlink_create", args=[profile.slug])
    assert client.post(create, {"placement": "Stand"}).status_code == 403
    assert QRLink.objects.count() == 1


def test_preview_shows_an_unpublished_profile_and_its_codes(organiser_client, profile, link):
    profile.published = False
    profile.save()
    ScanFactory(link=link)
    body = organiser_client.get(reverse("profiles:profile_preview", args=[profile.slug])).content.decode()
    assert "not published yet" in body
    assert "What you would do" in body
    assert link.code in body and "Marketplace stand" in body
    assert f"/organisers/qr/{link.code}.png?download=1" in body
    assert organiser_client.get(reverse("profiles:profile_preview", args=["nothing"])).status_code == 404


def test_an_organiser_creates_a_qr_code_from_the_profile_page(organiser_client, organiser, profile):
    url = reverse("profiles:profile_qrlink_create", args=[profile.slug])
    response = organiser_client.post(url, {"placement": "Careers info session"}, follow=True)
    link = QRLink.objects.get(profile=profile)
    assert (link.placement, link.event, link.created_by) == (
        "Careers info session",
        profile.service_area.event,
        organiser,
    )
    assert f"New QR code {link.code}" in response.content.decode()
    response = organiser_client.post(url, {"placement": ""}, follow=True)
    assert "Say where the code will be shown." in response.content.decode()
    assert organiser_client.get(url).status_code == 405


def test_png_download_at_a_chosen_size(organiser_client, link):
    response = organiser_client.get(reverse("profiles:qrlink_png", args=[link.code]), {"size": 300, "ec": "H"})
    assert response.headers["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(response.content)).width <= 300
    download = organiser_client.get(reverse("profiles:qrlink_png", args=[link.code]), {"download": 1})
    assert download.headers["Content-Disposition"] == f'attachment; filename="qr-{link.code}-M-600.png"'


def test_svg_encodes_the_short_url_and_is_sized_for_print(organiser_client, link, settings):
    settings.SITE_URL = "https://events.example.org/"
    response = organiser_client.get(reverse("profiles:qrlink_svg", args=[link.code]), {"size": 30})
    assert response.headers["Content-Type"] == "image/svg+xml"
    assert float(svg_root(response.content).get("width").removesuffix("mm")) <= 30
    assert link.short_url == f"https://events.example.org/q/{link.code}"


@pytest.mark.parametrize("query", [{"size": 5000}, {"size": "big"}, {"ec": "Z"}])
def test_bad_download_options_are_refused(organiser_client, link, query):
    response = organiser_client.get(reverse("profiles:qrlink_png", args=[link.code]), query)
    assert response.status_code == 400


def test_the_sheet_has_one_card_per_active_code(organiser_client, event, profile, link, django_assert_max_num_queries):
    QRLinkFactory(event=event, profile=None, target_path="/careers/", placement="Day 1 slides")
    QRLinkFactory(profile=profile, placement="Old stand", is_active=False)
    for n in range(10):
        QRLinkFactory(profile=JobProfileFactory(service_area=profile.service_area, slug=f"job-{n}"))
    with django_assert_max_num_queries(12):
        body = organiser_client.get(reverse("profiles:qrlink_sheet")).content.decode()
    assert body.count('class="qr-card"') == 12
    assert "Old stand" not in body.split('class="qr-sheet')[1]
    assert f"http://localhost:8000/q/{link.code}" in body
    chosen = organiser_client.get(reverse("profiles:qrlink_sheet"), {"code": [link.code], "size": 60, "ec": "H"})
    text = chosen.content.decode()
    assert text.count('class="qr-card"') == 1 and "qr-size-60" in text and "ec=H" in text
    by_place = organiser_client.get(reverse("profiles:qrlink_sheet"), {"placement": "Day 1 slides"})
    assert by_place.content.decode().count('class="qr-card"') == 1


@pytest.fixture
def scanned(event, link):
    tz = timezone.get_default_timezone()
    slides = QRLinkFactory(event=event, profile=None, target_path="/careers/", placement="Day 1 slides")
    for day, target, visitor in [(0, slides, "a"), (0, slides, "a"), (1, link, "b"), (2, link, "c")]:
        ScanFactory(
            link=target, scanned_at=datetime.datetime(2030, 6, 17 + day, 11, tzinfo=tz), visitor_hash=visitor * 32
        )
    return event


def test_the_scan_report(client, organiser, scanned, django_assert_max_num_queries):
    with time_machine.travel(datetime.datetime(2030, 6, 19, 15, 0, tzinfo=datetime.UTC), tick=False):
        client.force_login(organiser)
        with django_assert_max_num_queries(12):
            response = client.get(reverse("profiles:scan_report"))
    body = response.content.decode()
    assert "job profile pages opened <strong>4</strong> times via QR code" in body
    assert '<div class="figure-number">3</div>unique visitors' in body
    assert '<div class="figure-number">1</div>scans today' in body
    assert '<div class="figure-number">1</div>careers showcased' in body
    assert 'data-label="Mon 17 Jun" data-total="2"' in body and 'data-label="Fri 21 Jun" data-total="0"' in body
    assert "chart.umd.min.js" in body and "scan-report.js" in body
    assert "Marketplace stand" in body and "Day 1 slides" in body


def test_the_report_csv(organiser_client, scanned, link):
    link.placement = "=HYPERLINK(evil)"
    link.save()
    response = organiser_client.get(reverse("profiles:scan_report_csv"))
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:7] == ["code", "placement", "target", "short URL", "active", "total scans", "unique visitors"]
    assert rows[0][7:] == ["2030-06-17", "2030-06-18", "2030-06-19", "2030-06-20", "2030-06-21"]
    by_code = {row[0]: row for row in rows[1:]}
    assert by_code[link.code][1:] == [
        "'=HYPERLINK(evil)",
        "Therapeutic radiographer",
        f"http://localhost:8000/q/{link.code}",
        "yes",
        "2",
        "2",
        "0",
        "1",
        "1",
        "0",
        "0",
    ]
    assert len(rows) == 3


def test_reports_without_an_event_are_not_found(organiser_client):
    assert organiser_client.get(reverse("profiles:scan_report")).status_code == 404
