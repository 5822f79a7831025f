"""Render an e-mail from templates/applications/email/ and queue it once the current transaction commits."""

from functools import partial

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string

from eventsite.tasks import send_email


def queue_mail(*, to: list[str], template: str, context: dict) -> None:
    """`<template>_subject.txt` gives the subject line and `<template>.txt` the body; nothing is sent on rollback."""
    context = {"site_url": settings.SITE_URL.rstrip("/"), **context}
    subject = " ".join(render_to_string(f"applications/email/{template}_subject.txt", context).split())
    body = render_to_string(f"applications/email/{template}.txt", context)
    transaction.on_commit(partial(send_email.enqueue, to=list(to), subject=subject, body=body))
