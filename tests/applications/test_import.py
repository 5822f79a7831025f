"""Spreadsheet upload: preview with every row's errors, nothing saved while any row is wrong, bad files refused."""

import csv
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from applications import spreadsheets
from applications.models import Application

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("open_window")]

UPLOAD = reverse("applications:application_upload")
CONFIRM = reverse("applications:application_upload_confirm")
GOOD_ROWS = [
    ["Ada", "Applewhistle", "10", "Cancer services", "nursing", "", "I like it.", "", "Jo Apple", "2030-03-01", "yes"],
    ["Bo", "Brambleby", "10", "Nursing", "", "", "I want to be a midwife.", "Asthma", "Al Bramble", "02/03/2030", "no"],
]


def csv_bytes(rows, header=spreadsheets.COLUMNS) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def xlsx_bytes(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(spreadsheets.COLUMNS)
    for row in rows:
        sheet.append([int(cell) if cell.isdigit() else cell for cell in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(client, name, content):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, content)})


@pytest.mark.parametrize(("name", "build"), [("students.csv", csv_bytes), ("students.xlsx", xlsx_bytes)])
def test_a_good_file_is_previewed_then_saved_on_confirm(
    contact_client, areas, school, name, build, mailoutbox, django_capture_on_commit_callbacks
):
    body = upload(contact_client, name, build(GOOD_ROWS)).content.decode()
    assert "All 2 rows are ready. Nothing is saved until you confirm." in body
    assert "Asthma" not in body
    assert not Application.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = contact_client.post(CONFIRM)
    assert response.url == reverse("applications:school")
    saved = [
        (
            a.first_name,
            a.surname,
            [c.service_area.name for c in a.choices.all()],
            a.consent_date.isoformat(),
            a.photo_consent,
            a.needs,
        )
        for a in Application.objects.order_by("first_name")
    ]
    assert saved == [
        ("Ada", "Applewhistle", ["Cancer services", "Nursing"], "2030-03-01", True, ""),
        ("Bo", "Brambleby", ["Nursing"], "2030-03-02", False, "Asthma"),
    ]
    assert len(mailoutbox) == 1 and mailoutbox[0].subject.endswith("2 applications received")
    assert contact_client.post(CONFIRM).url == UPLOAD  # the preview is used up


def test_bad_rows_each_show_their_errors_and_nothing_can_be_saved(contact_client, event, areas, school):
    rows = [
        GOOD_ROWS[0],
        ["Cy", "", "9", "Cancer services", "Nursing", "Nursing", "x", "", "", "not a date", "maybe"],
        ["ada", "applewhistle", "10", "Nursing", "", "", "Hi", "", "Jo", "2030-03-01", "y"],
        ["Di", "Dappleford", "10", "Nursing", "", "Cancer services", "Hi", "", "Jo", "2030-03-01", "y"],
        ["Ed", "Elderby", "10", "Cardiology", "", "", "Hi", "", "Jo", "2030-03-01", "y"],
    ]
    body = upload(contact_client, "students.csv", csv_bytes(rows)).content.decode().replace("&#x27;", "'")
    assert "Some rows have errors, so nothing can be saved." in body
    for message in [
        "<strong>surname</strong>: This field is required.",
        "<strong>year_group</strong>: Ensure this value is greater than or equal to 7."
        if False
        else "<strong>year_group</strong>: Year 9 cannot apply",
        "'Cardiology' is not a service area of this event. Use one of: Cancer services, Nursing, Healthcare science.",
        "<strong>consent_date</strong>: Enter a valid date.",
        "<strong>photo_consent</strong>: Write yes or no.",
        "<strong>guardian_name</strong>: This field is required.",
        "<strong>choice_3</strong>: Give a second choice before a third.",
        "<strong>choice_3</strong>: Nursing is already choice 2; choose each area once.",
        "<strong>first_name</strong>: ada applewhistle is also on row 2 of this file.",
    ]:
        assert message in body, message
    assert "Save these" not in body
    assert contact_client.post(CONFIRM).status_code == 200
    assert not Application.objects.exists()


def test_confirm_checks_again_and_saves_nothing_if_a_row_broke_meanwhile(contact_client, event, areas, school):
    upload(contact_client, "students.csv", csv_bytes(GOOD_ROWS))
    school.application_limit = 1
    school.save()
    body = contact_client.post(CONFIRM).content.decode()
    assert "Your school may put forward 1 student for this event and has 0 already, so 1 more can be added." in body
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("students.pdf", b"%PDF-1.4", "Upload a .csv or .xlsx file"),
        ("students", b"a,b", "Upload a .csv or .xlsx file"),
        ("students.csv", b"x" * (spreadsheets.MAX_UPLOAD_BYTES + 1), "The file is larger than 1024 KB."),
        ("students.csv", "first_name\nZoë".encode("latin-1"), "The .csv file is not UTF-8 text."),
        ("students.csv", b"first_name,surname\x00\n", "The .csv file is not text."),
        ("students.csv", b'first_name,"surname\n', "The .csv file could not be read"),
        ("students.csv", b"", "The submitted file is empty."),
        ("students.csv", b"\n,,\n", "The file is empty."),
        ("students.csv", b"first_name,surname\nAda,Apple\n", "The heading row lacks the columns year_group, choice_1"),
        ("students.csv", csv_bytes([]), "The file has a heading row but no students."),
        ("students.xlsx", b"PK\x03\x04 not really a zip", "The .xlsx file could not be read."),
        ("students.xlsx", b"just text", "The .xlsx file could not be read."),
    ],
)
def test_bad_files_get_a_clear_message(contact_client, areas, name, content, message):
    response = upload(contact_client, name, content)
    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not Application.objects.exists()


def test_too_many_rows_and_zip_bombs_are_refused(contact_client, areas):
    body = upload(contact_client, "s.csv", csv_bytes([GOOD_ROWS[0]] * (spreadsheets.MAX_ROWS + 1))).content.decode()
    assert "The file has more than 500 students." in body
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/big.xml", b"0" * (spreadsheets.MAX_XLSX_UNPACKED_BYTES + 1))
    body = upload(contact_client, "s.xlsx", bomb.getvalue()).content.decode()
    assert "The .xlsx file unpacks to too much data." in body


def test_templates_download(contact_client, areas):
    response = contact_client.get(reverse("applications:upload_template", args=["csv"]))
    assert response["Content-Type"] == "text/csv"
    assert response.content.decode("utf-8-sig").strip() == ",".join(spreadsheets.COLUMNS)
    response = contact_client.get(reverse("applications:upload_template", args=["xlsx"]))
    assert response["Content-Disposition"] == 'attachment; filename="applications-template.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in workbook["Applications"][1]] == list(spreadsheets.COLUMNS)
    assert [r[0].value for r in workbook["Service areas"].iter_rows(min_row=2)] == [a.name for a in areas]
