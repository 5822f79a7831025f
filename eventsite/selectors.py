"""Reads of the core that every app's pages share."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from eventsite.models import Event


def event_or_404(slug: str | None = None) -> Event:
    """The event with this slug, or the current one; a 404 when there is none."""
    event = get_object_or_404(Event, slug=slug) if slug else Event.objects.current()
    if event is None:
        raise Http404("No event has been set up yet.")
    return event
