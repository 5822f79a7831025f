"""The pure QR-link helpers: codes, safe targets, what counts as a scan, and rendering."""

import io
import xml.etree.ElementTree as ET

import pytest
from django.utils.http import url_has_allowed_host_and_scheme
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from profiles import qr

URL = "https://events.example.org/q/abcdefghjk"


def svg_root(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 -- our own SVG, made in the test


def test_codes_are_short_and_from_the_readable_alphabet():
    codes = {qr.new_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(code) == 10 and qr.is_code(code) for code in codes)
    assert not set("01ilo") & set("".join(codes))


@pytest.mark.parametrize("text", ["", "abc", "ABCDEFGHJK", "abcdefghj1", "abcdefghjkm", "abcdefghj/"])
def test_is_code_refuses_anything_else(text):
    assert not qr.is_code(text)


@pytest.mark.parametrize("path", ["/", "/careers/", "/careers/?area=cancer-services&q=nurse", "/timetable/g/7/#today"])
def test_site_paths_are_safe(path):
    assert qr.is_safe_path(path)


@pytest.mark.parametrize(
    "path",
    [
        "",
        "//evil.com",
        "///evil.com",
        "/\\evil.com",
        "\\\\evil.com",
        "https://evil.com",
        "http:/evil.com",
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,hi",
        "evil.com/careers/",
        " /careers/",
        "/\t/evil.com",
        "/\n/evil.com",
        "/careers/\x00",
        "/carrières/",
        "/" + "a" * 500,
    ],
)
def test_anything_that_could_leave_the_site_is_refused(path):
    assert not qr.is_safe_path(path)


@given(st.text(max_size=40))
def test_a_safe_path_never_names_another_host(path):
    if qr.is_safe_path(path):
        assert path.startswith("/") and not path.startswith("//")
        assert url_has_allowed_host_and_scheme(path, allowed_hosts={"events.example.org"})


CHROME = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36"


@pytest.mark.parametrize(
    ("method", "agent", "headers", "counted"),
    [
        ("GET", CHROME, {}, True),
        ("HEAD", CHROME, {}, False),
        ("GET", "", {}, False),
        ("GET", "WhatsApp/2.23.20.0", {}, False),
        ("GET", "facebookexternalhit/1.1 Facebot Twitterbot/1.0", {}, False),
        ("GET", "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", {}, False),
        ("GET", "Mozilla/5.0 (compatible; Googlebot/2.1)", {}, False),
        ("GET", CHROME, {"Sec-Purpose": "prefetch;prerender"}, False),
        ("GET", CHROME, {"Purpose": "prefetch"}, False),
        ("GET", CHROME, {"X-Moz": "prefetch"}, False),
        ("GET", CHROME, {"X-Purpose": "preview"}, False),
    ],
)
def test_only_a_person_opening_the_link_counts(method, agent, headers, counted):
    assert qr.counts_as_scan(method, agent, headers) is counted


def test_visitor_hash_is_stable_within_a_day_and_changes_with_the_salt():
    first = qr.visitor_hash("salt-monday", "203.0.113.5", CHROME)
    assert first == qr.visitor_hash("salt-monday", "203.0.113.5", CHROME)
    assert len(first) == 32
    assert first != qr.visitor_hash("salt-tuesday", "203.0.113.5", CHROME)
    assert first != qr.visitor_hash("salt-monday", "203.0.113.6", CHROME)
    assert "203.0.113.5" not in first


@pytest.mark.parametrize(("size", "ec"), [(100, "L"), (600, "M"), (1000, "H")])
def test_png_fits_the_chosen_size(size, ec):
    image = qr.render_png(URL, size=size, error_correction=ec)
    assert image.content_type == "image/png"
    picture = Image.open(io.BytesIO(image.content))
    assert picture.format == "PNG"
    assert picture.width == picture.height
    assert size / 2 < picture.width <= size  # whole pixels a module, as large as fits


def test_higher_error_correction_needs_more_modules():
    low = qr.render_svg(URL, size=45, error_correction="L")
    high = qr.render_svg(URL, size=45, error_correction="H")
    dark_modules = [svg_root(image.content)[0].get("d").count("M") for image in (low, high)]
    assert dark_modules[0] < dark_modules[1]


def test_svg_is_sized_in_millimetres_for_print():
    image = qr.render_svg(URL, size=45)
    root = svg_root(image.content)
    assert root.tag.endswith("svg")
    width = float(root.get("width").removesuffix("mm"))
    assert 40 <= width <= 45
    assert root.get("width") == root.get("height")
