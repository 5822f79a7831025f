import csv
import json

from django.core.management.base import BaseCommand, CommandError

from dashboard import figures, impact
from eventsite.models import Event


class Command(BaseCommand):
    help = "Print an event's impact figures (the same as its impact report) as JSON, CSV or text."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The event's slug, e.g. experience-of-the-workplace-2024.")
        parser.add_argument("--format", choices=["json", "csv", "text"], default="text")

    def handle(self, *args, slug, format, **options):
        event = Event.objects.filter(slug=slug).first()
        if event is None:
            raise CommandError(f"There is no event with the slug '{slug}'.")
        report = impact.impact_report(event)
        if format == "json":
            self.stdout.write(json.dumps(figures.as_json(report.figures, report.previous), indent=2))
        elif format == "csv":
            rows = figures.csv_rows(report.rows, with_previous=report.previous is not None)
            csv.writer(self.stdout, lineterminator="\n").writerows(rows)
        else:
            previous = report.previous_event.name if report.previous_event else ""
            self.stdout.write("\n".join(figures.text_lines(report.figures, report.rows, previous_name=previous)))
