import hashlib
import json

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from eventsite.layers import PROJECT_APPS


def model_fingerprint(model) -> dict:
    """Row count and a digest of every row's field values in primary-key order."""
    fields = [f.attname for f in model._meta.concrete_fields]
    digest = hashlib.sha256()
    count = 0
    for row in model._default_manager.order_by("pk").values_list(*fields).iterator(chunk_size=2000):
        digest.update(repr(row).encode())
        count += 1
    return {"rows": count, "sha256": digest.hexdigest()}


class Command(BaseCommand):
    help = "Print a JSON fingerprint (row counts and digests) of every model of the project, to compare databases."

    def handle(self, *args, **options):
        models = [get_user_model()] + [m for label in PROJECT_APPS for m in apps.get_app_config(label).get_models()]
        fingerprint = {m._meta.label: model_fingerprint(m) for m in models}
        self.stdout.write(json.dumps(fingerprint, indent=1, sort_keys=True))
