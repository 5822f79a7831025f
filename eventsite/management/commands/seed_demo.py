import importlib
import random
from importlib.util import find_spec

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from eventsite import demo
from eventsite.layers import PROJECT_APPS
from eventsite.models import Event


def demo_modules():
    """Each app's `demo` module, in layer order; imported by name so that the core imports no higher app."""
    return [importlib.import_module(f"{label}.demo") for label in PROJECT_APPS if find_spec(f"{label}.demo")]


class Command(BaseCommand):
    help = "Create the demo event from the write-up. Running it again changes nothing (use --reset to rebuild)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2024, help="Random seed; the same seed gives the same data.")
        parser.add_argument("--reset", action="store_true", help="Delete the demo event and its accounts first.")

    def handle(self, *args, seed, reset, **options):
        if reset:
            self.reset()
        if Event.objects.filter(slug=demo.DEMO_SLUG).exists():
            self.stdout.write(f"The demo event '{demo.DEMO_SLUG}' is already there; nothing changed.")
            return
        with transaction.atomic():
            ctx = demo.DemoContext(event=demo.create_event(), rng=random.Random(seed), out=self.stdout)
            for module in demo_modules():
                module.seed(ctx)
        self.stdout.write(self.style.SUCCESS(f"Created the demo event '{ctx.event.name}' ({ctx.event.slug})."))
        self.stdout.write("Demo accounts (username: password) — for trying the site, never for real use:")
        for username, password in ctx.accounts.items():
            self.stdout.write(f"  {username}: {password}")

    def reset(self):
        with transaction.atomic():
            # Apps remove the demo rows that outlive an event (such as schools), top layer first.
            for module in reversed(demo_modules()):
                if hasattr(module, "reset"):
                    module.reset()
            Event.objects.filter(slug=demo.DEMO_SLUG).delete()
            get_user_model().objects.filter(email__endswith=f"@{demo.DEMO_EMAIL_DOMAIN}").delete()
        self.stdout.write("Removed the demo event and its accounts.")
