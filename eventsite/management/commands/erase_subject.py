from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from eventsite.management.commands.export_subject import resolve_subject, subject_arguments
from eventsite.privacy_services import PrivacyError, subject_erase


class Command(BaseCommand):
    help = "Erase one student's or school contact's personal data in every app, on request (recorded with the reason)."

    def add_arguments(self, parser):
        subject_arguments(parser)
        parser.add_argument("--reason", required=True, help="Why: who asked, and when (no names needed).")

    def handle(self, *args, application, user, by, reason, **options):
        try:
            record = subject_erase(reason=reason, **resolve_subject(application, user, by))
        except (PermissionDenied, PrivacyError) as exc:
            message = exc.messages[0] if isinstance(exc, PrivacyError) else str(exc)
            raise CommandError(message) from exc
        changed = ", ".join(
            f"{label}: {kind.replace('_', ' ')} {n}"
            for label, counts in record.counts.items()
            for kind, n in counts.items()
        )
        self.stdout.write(f"Erased {record.subject_kind} {record.subject_id} (privacy record {record.pk}). {changed}")
