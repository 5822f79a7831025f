"""Background work of the whole site: e-mail goes out through Django's tasks framework, so that a worker sends it
in production (TASKS in settings) while development and tests send it at once."""

from django.core.mail import EmailMessage
from django.tasks import task


@task
def send_email(*, to: list[str], subject: str, body: str) -> int:
    return EmailMessage(subject=subject, body=body, to=to).send(using="default")
