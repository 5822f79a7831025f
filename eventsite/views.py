"""Site-wide pages: home, health check and the styled error pages."""

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from eventsite.models import Event


@require_safe
def home(request):
    event = Event.objects.current()
    areas = list(event.service_areas.all()) if event else []
    return render(request, "eventsite/home.html", {"event": event, "service_areas": areas})


@require_safe
def privacy(request):
    return render(
        request,
        "eventsite/privacy.html",
        {"event": Event.objects.current(), "organiser_email": settings.DEFAULT_FROM_EMAIL.split("<")[-1].rstrip(">")},
    )


@require_safe
@never_cache
def healthz(request):
    """Liveness and readiness for load balancers: 200 when the database answers, 503 when not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    reason = str(exception) if exception and str(exception) else ""
    return render(request, "403.html", {"reason": reason}, status=403)


def rate_limited(request, exception=None):
    return render(request, "429.html", status=429)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without context processors: the request or the database may be what failed.
    return HttpResponseServerError(loader.get_template("500.html").render())
