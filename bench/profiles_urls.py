"""The site's URLs plus the baseline of `bench.profiles`: the smallest Django view, behind the same middleware."""

from django.http import HttpResponse
from django.urls import include, path

from eventsite.urls import handler400, handler403, handler404, handler500

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def minimal(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/minimal", minimal),
    path("", include("eventsite.urls")),
]
