from django.contrib.auth.forms import PasswordResetForm
from django.template import loader

from eventsite.tasks import send_email


class QueuedPasswordResetForm(PasswordResetForm):
    """Password reset whose e-mail is sent by the task worker, not inside the request."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        send_email.enqueue(to=[to_email], subject=subject, body=body)
