import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from tests.dashboard.test_figures import JSON_KEYS

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("event_report", *args, stdout=out)
    return out.getvalue()


def test_json_gives_the_documented_keys_and_the_figures(small_event):
    document = json.loads(run(small_event.slug, "--format", "json"))
    assert list(document) == JSON_KEYS
    assert (document["students_attending"], document["staff_involved"], document["feedback_responses"]) == (6, 5, 4)
    assert document["home_groups"][0] == {
        "name": "Group 1",
        "service_area": "Cancer services",
        "students": 4,
        "capacity": 6,
        "sessions": 3,
    }
    assert document["survey_headlines"]["learnt"] == {
        "question": "Did you learn something new?",
        "label": "Yes",
        "count": 4,
        "answered": 4,
        "percent": 100,
    }
    assert document["previous_edition"] is None


def test_csv_gives_one_line_per_figure(small_event):
    lines = list(csv.reader(io.StringIO(run(small_event.slug, "--format", "csv"))))
    assert lines[0] == ["section", "key", "figure", "value", "unit", "detail"]
    by_key = {line[1]: line for line in lines[1:]}
    assert by_key["students_attending"][3] == "6"
    assert by_key["home_group:Group 2:sessions"][3] == "2"
    assert by_key["survey:interest"][3:] == ["50", "percent", "2 of 4"]


def test_text_is_the_default(small_event):
    text = run(small_event.slug)
    assert text.startswith(f"{small_event.name}, Hope Park campus\n17 June 2030 to 21 June 2030\n")
    assert "Students attending           6\n" in text
    assert "Did you learn something new? (yes)                              100% (4 of 4)" in text


def test_an_unknown_event_is_an_error(db):
    with pytest.raises(CommandError, match="no event with the slug 'nope'"):
        run("nope")
