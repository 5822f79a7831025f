import pytest
from django.core.cache import cache

from tests.factories import JobProfileFactory, QRLinkFactory


@pytest.fixture(autouse=True)
def fresh_cache_and_media(settings, tmp_path):
    """Each test starts with an empty page cache and its own media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def profile(service_area):
    return JobProfileFactory(
        service_area=service_area, title="Therapeutic radiographer", slug="therapeutic-radiographer"
    )


@pytest.fixture
def link(profile):
    return QRLinkFactory(profile=profile, placement="Marketplace stand")
