from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from eventsite.management.commands.purge_personal_data import describe
from eventsite.privacy_services import event_purge, expired_events


class Command(BaseCommand):
    help = (
        "Purge every event whose retention period has ended and that has not been purged yet. Run it daily "
        "(cron or a systemd timer); a missed day is caught up by the next run."
    )

    def handle(self, *args, **options):
        events = expired_events(timezone.localdate())
        failed = []
        for event in events:
            try:
                result = event_purge(event=event)
            except Exception as exc:  # one event's failure must not keep the others' data
                failed.append(event.slug)
                self.stderr.write(f"Could not purge {event.slug}: {exc!r}")
            else:
                self.stdout.write("\n".join(describe(result)))
        if failed:
            raise CommandError(f"{len(failed)} event(s) not purged: {', '.join(failed)}.")
        if not events:
            self.stdout.write("No event's retention period has ended without a purge; nothing to do.")
