"""The timetable as an iCalendar feed and as CSV, from sessions fetched with `selectors.with_details`."""

import csv
import datetime
import io
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils.text import slugify

from eventsite.spreadsheets import csv_cell
from timetable.models import Session

LONDON = ZoneInfo("Europe/London")
PRODID = "-//Work Experience Week//Timetable//EN"
CSV_COLUMNS = [
    "date",
    "start",
    "end",
    "title",
    "kind",
    "service area",
    "room",
    "audience",
    "presenters",
    "organisations",
    "state",
    "rotation",
    "featured job profiles",
]


def _local(session: Session, at: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(session.date, at, tzinfo=LONDON)


def calendar(sessions: Iterable[Session], *, name: str, public: bool = False) -> bytes:
    """A VCALENDAR with one VEVENT a session, in Europe/London time. Public feeds name organisations, not staff."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/London")
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    for session in sessions:
        event = icalendar.Event()
        event.add("uid", f"session-{session.pk}@{host}")
        event.add("dtstamp", session.updated_at.astimezone(datetime.UTC))
        event.add("dtstart", _local(session, session.starts_at))
        event.add("dtend", _local(session, session.ends_at))
        event.add("summary", session.title)
        if session.room:
            event.add("location", f"{session.room.name}, {session.event.venue}")
        event.add("description", _describe(session, public=public))
        event.add("categories", [session.get_kind_display()])
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def _describe(session: Session, *, public: bool) -> str:
    people = _organisations(session) if public else _presenter_names(session)
    lines = [session.description, "For: " + ", ".join(session.audience_labels)]
    if people:
        lines.append(("With: " if public else "Presenters: ") + people)
    return "\n".join(line for line in lines if line)


def _presenter_names(session: Session) -> str:
    return ", ".join(f"{p.name} ({p.organisation.name})" for p in session.presenters.all())


def _organisations(session: Session, sep: str = ", ") -> str:
    return sep.join(sorted({p.organisation.name for p in session.presenters.all()}))


def programme_csv(sessions: Iterable[Session]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for s in sessions:
        writer.writerow(
            csv_cell(value)
            for value in [
                s.date.isoformat(),
                f"{s.starts_at:%H:%M}",
                f"{s.ends_at:%H:%M}",
                s.title,
                s.get_kind_display(),
                s.service_area.name,
                s.room.name if s.room else "",
                "; ".join(s.audience_labels),
                "; ".join(p.name for p in s.presenters.all()),
                _organisations(s, "; "),
                s.get_state_display(),
                s.rotation.title if s.rotation else "",
                "; ".join(profile.title for profile in s.featured_profiles.all()),
            ]
        )
    return out.getvalue()


def filename(*parts: str, ext: str) -> str:
    return "-".join(slugify(part) for part in parts) + f".{ext}"
