"""Time the survey report page over 100 and over 100,000 responses to 10 questions, and count its queries.

Run from the repository root: ``python -m bench.feedback_report`` (SQLite in a temporary file), or with
``DATABASE_URL=postgres://...`` for PostgreSQL (a throwaway database named bench_feedback is created and dropped).
Each time is the best of a few renders of the whole page through Django's test client (views, queries, template).
The 100-response render, measured in the same run, is the baseline: the large render's time is shown as a ratio
to it, and both must take the same number of queries (the counting is done by the database, not in Python).
"""

import os
import random
import sys
import tempfile
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eventsite.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

SIZES = (100, 100_000)
REPEATS = 5
TARGET_SECONDS = 1.0
BATCH = 10_000
TEXTS = ("Loved the tour", "The radiotherapy talk", "Meeting the nurses", "Too much sitting", "All of it")


def build_survey(event, groups, responses: int, rng: random.Random):
    """A survey of 10 questions (4 ratings, 2 single choice, 2 yes/no, 1 multiple choice, 1 free text) with the
    given number of responses spread over the groups, written in bulk."""
    from feedback import services
    from feedback.models import Answer, AnswerSelection, Option, Question, QuestionKind, Response, Survey

    survey = Survey.objects.create(
        event=event,
        title=f"Benchmark survey of {responses:,} responses",
        audience_kind="home",
        opens_at=event.applications_open_at,
        closes_at=event.applications_close_at,
    )
    services.survey_set_audience(survey=survey, home_groups=groups)
    services.survey_add_template_questions(survey=survey)
    extra = [
        (QuestionKind.RATING, "How useful was the marketplace?"),
        (QuestionKind.RATING, "How well did the week run?"),
        (QuestionKind.RATING, "How likely are you to recommend it?"),
        (QuestionKind.SINGLE, "Which day was best?"),
        (QuestionKind.YES_NO, "Would you come again?"),
        (QuestionKind.MULTIPLE, "Which activities did you enjoy?"),
        (QuestionKind.TEXT, "What was the best part?"),
    ]
    for order, (kind, text) in enumerate(extra, start=4):
        question = Question.objects.create(survey=survey, order=order, kind=kind, text=text, required=False)
        labels = {
            QuestionKind.SINGLE: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
            QuestionKind.MULTIPLE: ["Tour", "Marketplace", "Careers poster", "Simulation"],
        }.get(kind, [])
        Option.objects.bulk_create(Option(question=question, order=i, label=label) for i, label in enumerate(labels))
        services.question_fill_options(question=question)
    questions = list(survey.questions.prefetch_related("options"))
    assert len(questions) == 10
    for start in range(0, responses, BATCH):
        batch = Response.objects.bulk_create(
            Response(survey=survey, home_group=rng.choice(groups), device_hash=f"{survey.pk}-{start + i}")
            for i in range(min(BATCH, responses - start))
        )
        answers, ticked = [], []
        for response in batch:
            for question in questions:
                answer = Answer(response=response, question=question, home_group_id=response.home_group_id)
                if question.kind == QuestionKind.RATING:
                    answer.rating = rng.randint(question.scale_min, question.scale_max)
                elif question.kind == QuestionKind.TEXT:
                    if rng.random() < 0.3:
                        answer.text = rng.choice(TEXTS)
                    else:
                        continue
                elif question.kind == QuestionKind.MULTIPLE:
                    ticked.append((answer, rng.sample(list(question.options.all()), rng.randint(1, 2))))
                else:
                    answer.option = rng.choice(list(question.options.all()))
                answers.append(answer)
        Answer.objects.bulk_create(answers, batch_size=BATCH)
        AnswerSelection.objects.bulk_create(
            (
                AnswerSelection(answer=answer, option=option, home_group_id=answer.home_group_id)
                for answer, options in ticked
                for option in options
            ),
            batch_size=BATCH,
        )
    return survey


def settle() -> None:
    """Update the planner's statistics (and PostgreSQL's visibility map) after the bulk load, as autovacuum would
    soon after such a load in production."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def render(client: Client, survey) -> tuple[float, int]:
    """Best time of REPEATS renders of the report page, and its query count."""
    url = reverse("feedback:report", args=[survey.pk])
    best = float("inf")
    queries = 0
    for _ in range(REPEATS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - started
        assert response.status_code == 200, response.status_code
        best, queries = min(best, elapsed), len(captured)
    return best, queries


def main() -> int:
    from eventsite.models import Event, ServiceArea
    from eventsite.roles import ORGANISERS
    from tests.factories import EventFactory, HomeGroupFactory
    from tests.factories.core import UserFactory

    setup_test_environment()
    vendor = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    with tempfile.TemporaryDirectory() as scratch:
        test_name = str(Path(scratch) / "bench.sqlite3") if vendor == "sqlite3" else "bench_feedback"
        connection.settings_dict["TEST"]["NAME"] = test_name
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        try:
            rng = random.Random(2024)
            event: Event = EventFactory()
            area = ServiceArea.objects.create(event=event, name="Cancer services", slug="cancer-services")
            groups = [HomeGroupFactory(event=event, service_area=area, name=f"Group {i}") for i in range(12)]
            organiser = UserFactory(username="bench.organiser")
            organiser.groups.add(Group.objects.get(name=ORGANISERS))
            client = Client()
            client.force_login(organiser)
            print(f"Survey report page, {vendor}, 10 questions, best of {REPEATS} renders")
            results = {}
            for size in SIZES:
                started = time.perf_counter()
                survey = build_survey(event, groups, size, rng)
                settle()
                built = time.perf_counter() - started
                client.get(reverse("feedback:report", args=[survey.pk]))  # warm the caches once
                results[size] = render(client, survey)
                seconds, queries = results[size]
                print(
                    f"  {size:>7,} responses: {seconds * 1000:7.1f} ms, {queries} queries (data built in {built:.0f} s)"
                )
            (small, small_q), (large, large_q) = results[SIZES[0]], results[SIZES[-1]]
            ratio = f"{large / small:.1f}x the time, {large_q - small_q:+d} queries"
            print(f"  ratio {SIZES[-1]:,} / {SIZES[0]:,} responses: {ratio}")
            ok = large < TARGET_SECONDS and large_q == small_q
            print(f"  target: under {TARGET_SECONDS:.0f} s with the same queries: {'met' if ok else 'MISSED'}")
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
