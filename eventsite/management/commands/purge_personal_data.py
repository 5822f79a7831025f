from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from eventsite.models import Event
from eventsite.privacy_services import PrivacyError, PurgeResult, event_purge


def describe(result: PurgeResult) -> list[str]:
    """What a purge changed, one line per app and record kind that changed."""
    lines = [
        f"  {label}: {kind.replace('_', ' ')} {n}"
        for label, counts in result.counts.items()
        for kind, n in counts.items()
        if n
    ]
    when = timezone.localtime(result.event.personal_data_purged_at).strftime("%Y-%m-%d %H:%M %Z")
    if result.first:
        return [f"Removed the personal data of {result.event.slug} (stamped {when}):", *lines]
    if lines:
        return [f"{result.event.slug} was purged on {when}; cleared what was added since:", *lines]
    return [f"{result.event.slug} was purged on {when}; nothing left to remove."]


class Command(BaseCommand):
    help = (
        "Remove an event's students' and school contacts' personal data (its figures stay). Refuses before the "
        "event's retention period ends unless --force. Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The event's slug, e.g. experience-of-the-workplace-2024.")
        parser.add_argument("--force", action="store_true", help="Purge now, before the retention period ends.")

    def handle(self, *args, slug, force, **options):
        event = Event.objects.filter(slug=slug).first()
        if event is None:
            raise CommandError(f"There is no event with the slug '{slug}'.")
        try:
            result = event_purge(event=event, force=force)
        except PrivacyError as exc:
            raise CommandError(f"{exc.messages[0]} Nothing was removed; run with --force to remove it now.") from exc
        self.stdout.write("\n".join(describe(result)))
