"""The write-up's feedback: 91 responses from the cancer-services home group and the four visiting groups that came
to "Introduction to cancer", stored through the same service students use. The report code then finds the
write-up's figures in the stored rows: 96% rated the sessions 3+ out of 5 for interest (87 of 91), 98% would
consider a career in cancer services, yes or maybe (89 of 91), and 100% of the visiting groups learnt something
new (70 of 70).

Reads ctx.objects["cancer_group"] (a HomeGroup) and ctx.objects["visiting_groups"] (HomeGroups), left by the
applications seed, ctx.objects["organiser"], and ctx.objects["cancer_sessions"] when the timetable seed left it (the
home group's survey is then for the "Review of the week" session). Leaves ctx.objects["surveys"] (the write-up's two
surveys, then a practice survey open for PRACTICE_DAYS days, kept out of the headline figures) and
ctx.objects["survey_qr_link"] (the profiles QR link to the practice survey's questions).
"""

import datetime

from django.utils import timezone

from feedback import services
from feedback.models import CODE_ALPHABET, CODE_LENGTH, AudienceKind, Question, QuestionKind, Survey
from timetable.models import SessionKind

HOME_GROUP_RESPONSES = 21
VISITING_RESPONSES = 70
LOW_INTEREST = 4  # of 91 rated the sessions 1 or 2: 87 of 91 rated 3 or more -> 96%
CAREER_NO = 2  # of 91 said no: 89 of 91 said yes or maybe -> 98%
PRACTICE_DAYS = 60

BEST_PART = (
    "Seeing how radiotherapy is planned.",
    "Meeting the Macmillan team and hearing how they help families.",
    "The campus tour and the marketplace stands.",
    "Learning that there are jobs in cancer care that are not doctors or nurses.",
    "Trying the speech and language therapy activities.",
    "Making our careers poster with next steps.",
)


def seed(ctx) -> None:
    cancer_group = ctx.objects.get("cancer_group")
    visiting_groups = list(ctx.objects.get("visiting_groups", []))
    if cancer_group is None or not visiting_groups:
        ctx.out.write("feedback: no cancer-services home group or visiting groups to survey; skipped the surveys.\n")
        return
    tz = timezone.get_default_timezone()
    start = ctx.event.start_date
    review = next((s for s in ctx.objects.get("cancer_sessions", []) if s.kind == SessionKind.REVIEW), None)
    home = _survey(
        ctx,
        "Cancer services week: your feedback",
        AudienceKind.SESSION if review else AudienceKind.HOME_GROUPS,
        [cancer_group],
        session=review,
        opens=datetime.datetime.combine(start + datetime.timedelta(days=4), datetime.time(13, 0), tz),
        closes=datetime.datetime.combine(start + datetime.timedelta(days=4), datetime.time(18, 0), tz),
        keys=("interest", "career"),
    )
    visiting = _survey(
        ctx,
        "Introduction to cancer: your feedback",
        AudienceKind.VISITING_GROUPS,
        visiting_groups,
        opens=datetime.datetime.combine(start, datetime.time(9, 0), tz),
        closes=datetime.datetime.combine(start + datetime.timedelta(days=4), datetime.time(18, 0), tz),
        keys=("interest", "career", "learnt"),
    )
    total = HOME_GROUP_RESPONSES + VISITING_RESPONSES
    interest = [ctx.rng.choice((1, 2)) for _ in range(LOW_INTEREST)]
    interest += [ctx.rng.choice((3, 4, 4, 5, 5, 5)) for _ in range(total - LOW_INTEREST)]
    career = ["No"] * CAREER_NO + [ctx.rng.choice(("Yes", "Yes", "Maybe")) for _ in range(total - CAREER_NO)]
    ctx.rng.shuffle(interest)
    ctx.rng.shuffle(career)
    students = [(home, cancer_group)] * HOME_GROUP_RESPONSES + [
        (visiting, visiting_groups[i % len(visiting_groups)]) for i in range(VISITING_RESPONSES)
    ]
    forms = {survey.pk: _form(survey) for survey in (home, visiting)}
    for index, (survey, group) in enumerate(students):
        _answer(ctx, survey, forms[survey.pk], group, interest[index], career[index])
    practice = _survey(
        ctx,
        "Practice survey: try answering on your phone",
        AudienceKind.HOME_GROUPS,
        [cancer_group],
        opens=timezone.now() - datetime.timedelta(hours=1),
        closes=timezone.now() + datetime.timedelta(days=PRACTICE_DAYS),
        keys=("interest", "career", "learnt"),
    )
    practice.questions.update(key="")  # answers to try-outs stay out of the event's headline figures
    link = services.survey_group_qr_link(survey=practice, group=practice.groups.get(), by=ctx.objects.get("organiser"))
    ctx.objects["surveys"] = [home, visiting, practice]
    ctx.objects["survey_qr_link"] = link
    ctx.out.write(f"Feedback: {total} responses to the write-up's surveys; try one on a phone at {link.short_path}\n")


def _survey(ctx, title, audience_kind, groups, *, opens, closes, keys, session=None) -> Survey:
    survey = Survey.objects.create(
        event=ctx.event,
        key=_code(ctx, 8).lower(),
        title=title,
        intro="Three quick questions about your week. There are no right answers, and we do not ask your name.",
        audience_kind=audience_kind,
        session=session,
        opens_at=opens,
        closes_at=closes,
        thank_you="Thank you! Your answers help us plan next year's week.",
    )
    services.survey_set_audience(survey=survey, home_groups=groups, new_code=lambda: _code(ctx, CODE_LENGTH))
    services.survey_add_template_questions(survey=survey, keys=keys)
    Question.objects.create(
        survey=survey,
        order=len(keys) + 1,
        kind=QuestionKind.TEXT,
        text="What was the best part of your week?",
        required=False,
        max_length=300,
    )
    return survey


def _code(ctx, length: int) -> str:
    return "".join(ctx.rng.choice(CODE_ALPHABET) for _ in range(length))


def _form(survey: Survey):
    """The survey's questions by key (the free-text one by its kind), option ids by (key, label), and room codes."""
    questions = {q.key or q.kind: q for q in survey.questions.prefetch_related("options")}
    options = {(q.key, o.label): o.pk for q in questions.values() for o in q.options.all()}
    codes = dict(survey.groups.values_list("home_group_id", "code"))
    return questions, options, codes


def _answer(ctx, survey: Survey, form, group, interest: int, career: str) -> None:
    questions, options, codes = form
    answers = {questions["interest"].pk: interest, questions["career"].pk: options[("career", career)]}
    if "learnt" in questions:
        answers[questions["learnt"].pk] = options[("learnt", "Yes")]
    if ctx.rng.random() < 0.3:
        answers[questions[QuestionKind.TEXT].pk] = ctx.rng.choice(BEST_PART)
    window = int((survey.closes_at - survey.opens_at).total_seconds())
    services.response_submit(
        survey=survey,
        code=codes[group.pk],
        device_token=f"demo-{ctx.rng.getrandbits(64):016x}",
        submission_token=f"demo-{ctx.rng.getrandbits(64):016x}",
        answers=answers,
        now=survey.opens_at + datetime.timedelta(seconds=ctx.rng.randrange(window)),
    )
