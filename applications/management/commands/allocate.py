import json

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from applications import services
from eventsite.models import Event


class Command(BaseCommand):
    help = (
        "Run the allocation for an event and print its summary; --apply accepts and waitlists as it says, "
        "--json prints the run (instance and assignment) for audit. Every run is stored."
    )

    def add_arguments(self, parser):
        parser.add_argument("event_slug")
        parser.add_argument("--seed", type=int, default=0, help="Random seed for ties (default 0).")
        parser.add_argument("--capacity", type=int, help="Event capacity (default: the event's own).")
        parser.add_argument("--school-cap", type=int, help="Most students placed from one school (default: none).")
        parser.add_argument("--apply", action="store_true", help="Apply the run: placed accepted, others waitlisted.")
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="Print the run as JSON instead of the summary."
        )
        parser.add_argument("--user", help="Username recorded as the run's author (default: none).")

    def handle(self, *args, event_slug, seed, capacity, school_cap, apply, as_json, user, **options):
        event = Event.objects.filter(slug=event_slug).first()
        if event is None:
            raise CommandError(f"No event has the slug '{event_slug}'.")
        by = None
        if user:
            by = get_user_model().objects.filter(username=user).first()
            if by is None:
                raise CommandError(f"No user is called '{user}'.")
        try:
            run = services.allocation_run_create(
                event=event, by=by, seed=seed, event_capacity=capacity, school_cap=school_cap
            )
            if apply:
                run = services.allocation_run_apply(run=run, by=by)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if as_json:
            self.stdout.write(json.dumps(services.allocation_run_export(run), indent=2))
            return
        results = run.results
        first, second, third = ([*results["by_rank"], 0, 0, 0])[:3]
        self.stdout.write(
            f"Run {run.pk} for {event.slug}: {len(run.instance['students'])} taking part, {results['placed']} placed "
            f"({results['priority_placed']} from priority schools); choices 1st {first}, 2nd {second}, 3rd {third}; "
            f"{len(results['unplaced'])} not placed."
        )
        reasons: dict[str, int] = {}
        for reason in results["unplaced"].values():
            reasons[reason] = reasons.get(reason, 0) + 1
        for reason, count in sorted(reasons.items()):
            self.stdout.write(f"  not placed, {services.REASON_LABELS[reason].lower()}: {count}")
        if run.is_applied:
            self.stdout.write(self.style.SUCCESS(f"Applied: {results['placed']} accepted, the rest waitlisted."))
        else:
            self.stdout.write("Preview only; run again with --apply to accept and waitlist.")
