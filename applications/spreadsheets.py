"""Read a school's spreadsheet of applications (CSV or XLSX) into rows of text, and write the blank template.

Only reading and writing files happens here; the rows are checked by the forms and the services. Bad files raise
SpreadsheetError with a message for the person who uploaded them.
"""

import csv
import datetime
import io
import zipfile

from openpyxl import Workbook, load_workbook

COLUMNS = (
    "first_name",
    "surname",
    "year_group",
    "choice_1",
    "choice_2",
    "choice_3",
    "statement",
    "needs",
    "guardian_name",
    "consent_date",
    "photo_consent",
)
REQUIRED_COLUMNS = ("first_name", "surname", "year_group", "choice_1", "statement", "guardian_name", "consent_date")
MAX_UPLOAD_BYTES = 1024 * 1024
MAX_ROWS = 500
MAX_XLSX_UNPACKED_BYTES = 20 * 1024 * 1024  # a small .xlsx that unpacks to more than this is refused
CSV_TYPE = "text/csv"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SpreadsheetError(ValueError):
    """The file cannot be read as a spreadsheet of applications; the message says why."""


def read_rows(name: str, content: bytes) -> list[dict[str, str]]:
    """The file's data rows as {column: text}, blank rows skipped. Raises SpreadsheetError."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise SpreadsheetError(f"The file is larger than {MAX_UPLOAD_BYTES // 1024} KB. Split it into smaller files.")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension == "csv":
        table = _csv_table(content)
    elif extension == "xlsx":
        table = _xlsx_table(content)
    else:
        raise SpreadsheetError("Upload a .csv or .xlsx file (you can download a template below).")
    return _rows(table)


def _csv_table(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpreadsheetError("The .csv file is not UTF-8 text. Save it as 'CSV UTF-8' and upload it again.") from exc
    if "\x00" in text:
        raise SpreadsheetError("The .csv file is not text. Save it as 'CSV UTF-8' and upload it again.")
    try:
        return list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        raise SpreadsheetError(f"The .csv file could not be read ({exc}).") from exc


def _xlsx_table(content: bytes) -> list[list[str]]:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_XLSX_UNPACKED_BYTES:
                raise SpreadsheetError("The .xlsx file unpacks to too much data. Copy the rows into the template.")
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except SpreadsheetError:
        raise
    except Exception as exc:  # openpyxl raises many kinds of error for a file that is not a workbook
        raise SpreadsheetError(
            "The .xlsx file could not be read. Save it again from your spreadsheet program."
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        return [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _heading(text: str) -> str:
    return "_".join(text.strip().lower().replace("-", " ").split())


def _rows(table: list[list[str]]) -> list[dict[str, str]]:
    table = [row for row in table if any(cell.strip() for cell in row)]
    if not table:
        raise SpreadsheetError("The file is empty. Use the template: a heading row, then one row per student.")
    headings = [_heading(cell) for cell in table[0]]
    if missing := [column for column in REQUIRED_COLUMNS if column not in headings]:
        raise SpreadsheetError(
            f"The heading row lacks the column{'s' if len(missing) > 1 else ''} {', '.join(missing)}. "
            "Use the template's first row."
        )
    if len(table) - 1 > MAX_ROWS:
        raise SpreadsheetError(f"The file has more than {MAX_ROWS} students. Split it into smaller files.")
    if len(table) == 1:
        raise SpreadsheetError("The file has a heading row but no students.")
    index = {column: headings.index(column) for column in COLUMNS if column in headings}
    return [
        {column: (row[i].strip() if i < len(row) else "") for column, i in index.items()} | _absent(index)
        for row in table[1:]
    ]


def _absent(index: dict[str, int]) -> dict[str, str]:
    return {column: "" for column in COLUMNS if column not in index}


def template_csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    return out.getvalue().encode("utf-8-sig")


def template_xlsx(area_names: list[str]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Applications"
    sheet.append(COLUMNS)
    areas = workbook.create_sheet("Service areas")
    areas.append(["Service areas to use in choice_1, choice_2 and choice_3"])
    for name in area_names:
        areas.append([name])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
