from django.core.management.base import BaseCommand, CommandError

from eventsite.models import Event
from timetable import selectors
from timetable.conflicts import Severity


class Command(BaseCommand):
    help = "Print every clash of an event's scheduled timetable; exit non-zero while any blocking one remains."

    def add_arguments(self, parser):
        parser.add_argument("event_slug", help="The event's slug, e.g. experience-of-the-workplace-2024.")

    def handle(self, *args, event_slug, **options):
        event = Event.objects.filter(slug=event_slug).first()
        if event is None:
            raise CommandError(f"No event has the slug '{event_slug}'.")
        clashes = selectors.timetable_clashes(event).all
        for clash in clashes:
            style = self.style.ERROR if clash.severity is Severity.BLOCKING else self.style.WARNING
            self.stdout.write(style(f"{clash.severity.value.upper()} {clash.kind.value}: {clash.reason}"))
        blocking = sum(clash.severity is Severity.BLOCKING for clash in clashes)
        summary = f"{event.name}: {blocking} blocking clash(es), {len(clashes) - blocking} warning(s)."
        if blocking:
            raise CommandError(summary, returncode=1)
        self.stdout.write(self.style.SUCCESS(summary))
