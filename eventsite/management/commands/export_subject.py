import json

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from eventsite.privacy_services import subject_export


def subject_arguments(parser):
    """--application ID | --user ID, and the organiser acting."""
    subject = parser.add_mutually_exclusive_group(required=True)
    subject.add_argument("--application", type=int, metavar="ID", help="A student: their application's id.")
    subject.add_argument("--user", type=int, metavar="ID", help="A school contact: their account's id.")
    parser.add_argument("--by", required=True, metavar="USERNAME", help="The organiser doing this (recorded).")


def resolve_subject(application: int | None, user: int | None, by: str) -> dict:
    """The subject and actor named on the command line (the core finds the Application model by its label, never
    by import), or a CommandError saying which is missing."""
    User = get_user_model()
    actor = User.objects.filter(username=by).first()
    if actor is None:
        raise CommandError(f"There is no user '{by}'.")
    if application is not None:
        found = apps.get_model("applications", "Application").objects.filter(pk=application).first()
        if found is None:
            raise CommandError(f"There is no application {application}.")
        return {"by": actor, "application": found}
    found = User.objects.filter(pk=user).first()
    if found is None:
        raise CommandError(f"There is no user {user}.")
    return {"by": actor, "user": found}


class Command(BaseCommand):
    help = "Print, as JSON, everything held about one student or one school contact (a subject-access request)."

    def add_arguments(self, parser):
        subject_arguments(parser)
        parser.add_argument("--output", metavar="FILE", help="Write the JSON to this file instead of printing it.")

    def handle(self, *args, application, user, by, output, **options):
        try:
            data = subject_export(**resolve_subject(application, user, by))
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        text = json.dumps(data, indent=2, ensure_ascii=False)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
            self.stdout.write(f"Wrote the export to {output} (privacy record {data['privacy_record']}).")
        else:
            self.stdout.write(text)
