"""Background work of the applications app (its e-mails go through eventsite.tasks.send_email), through Django's
tasks framework: a worker does it in production
(TASKS in settings, `manage.py db_worker`) while development and tests do it at once."""

from django.tasks import task


@task
def allocation_run_compute(*, run_id: int) -> str:
    """Compute a queued allocation run; returns the state it ends in ("ready" or "failed")."""
    # Imported here: the services enqueue this task, so the module cannot import them at load time.
    from applications.services import allocation_run_compute as compute

    return compute(run_id=run_id).state
