"""The action plan as a spreadsheet (CSV for Danish Excel) and as calendar entries (iCalendar).

CSV: Danish Excel opens a file by double-click only when it is UTF-8 with a byte order mark,
separated by semicolons (the comma is the decimal mark), with dates as dd-mm-åååå; lines end in
CRLF. In English the dates are ISO (åååå-mm-dd): the program cannot know which country's Excel
opens the file, and ISO is the one form every Excel reads as the same day (12-03-2027 is
3 December in American Excel). The semicolon stays: it is what Excel expects in Denmark and most
of Europe, where the partners are (the README's English section says how to open it elsewhere).
ICS (RFC 5545, as Outlook imports it): one all-day VEVENT per open action with a deadline,
a UID that stays the same for the action (a new import updates it), DTSTAMP in UTC, text escaped,
lines folded at 75 octets and ended by CRLF; its PRODID names the language (//DA, //EN).
Words come from the catalogue.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable

from spredning import i18n
from spredning.core.followup import typed_day
from spredning.core.followup_outline import ActionRow
from spredning.i18n import t

LINE_OCTETS = 75


def sheet_day(day: datetime.date | None) -> str:
    """A date as Excel reads it: dd-mm-åååå in Danish, åååå-mm-dd in English ('' for none)."""
    if day is None:
        return ""
    return typed_day(day) if i18n.language() == "da" else day.isoformat()


def csv_bytes(rows: Iterable[ActionRow], owners: dict[str, str]) -> bytes:
    """The plan as a CSV file for Excel (BOM, semicolons, CRLF, dd-mm-åååå; in English åååå-mm-dd)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([t(f"plan.column.{name}") for name in COLUMNS])
    for row in rows:
        writer.writerow(
            [
                row.id,
                _cell(row.what),
                _cell(row.who),
                sheet_day(row.due),
                t(f"plan.status.{row.status}"),
                t("plan.words.yes") if row.overdue else "",
                _cell(row.phase),
                _cell(row.tool),
                _cell(owners.get(row.owner, "")),
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


COLUMNS = ("id", "what", "who", "due", "status", "overdue", "phase", "tool", "dialogue")


def _cell(text: str) -> str:
    """A cell Excel shows as text: a leading =, +, - or @ would start a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def ics_bytes(
    rows: Iterable[ActionRow],
    *,
    project_id: str,
    project_name: str,
    owners: dict[str, str],
    now: datetime.datetime,
    common: str | None = None,
) -> bytes:
    """Calendar entries for the open actions' deadlines, one all-day event each.

    Each names its dialogue (`owners`: the dialogue's key -> the organisation), or says it is
    shared by them all (`common`, given when there are several dialogues).
    """
    stamp = now.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//spredning//Spredningsguiden//{i18n.language().upper()}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + _escape(t("plan.ics.calendar", project=project_name)),
    ]
    for row in rows:
        if row.due is None or row.status not in ("ikke-startet", "i-gang"):
            continue
        details = [t("plan.ics.project", project=project_name)]
        if row.who:
            details.append(t("plan.ics.who", who=row.who))
        details.append(t("plan.ics.status", status=t(f"plan.status.{row.status}")))
        if row.tool or row.phase:
            details.append(t("plan.ics.from", source=row.tool or row.phase))
        if owners.get(row.owner):
            details.append(t("plan.ics.dialogue", org=owners[row.owner]))
        elif not row.owner and common:
            details.append(common)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{row.id}-{project_id}@spredning",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{_ics_date(row.due)}",
            # the day after; the last day there is has none, and an all-day event may leave it out
            *([f"DTEND;VALUE=DATE:{_ics_date(row.due + ONE_DAY)}"] if row.due < datetime.date.max else []),
            "SUMMARY:" + _escape(t("plan.ics.summary", what=row.what)),
            "DESCRIPTION:" + _escape("\n".join(details)),
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines).encode("utf-8")


def _escape(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks escaped."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return "".join(c for c in text if c >= " " or c == "\t")


ONE_DAY = datetime.timedelta(days=1)


def _ics_date(day: datetime.date) -> str:
    """A date as iCalendar writes it: eight digits, also for a year before 1000 (strftime drops zeros)."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def fold(line: str) -> str:
    """A content line folded at 75 octets (RFC 5545 3.1), never inside a UTF-8 character."""
    parts = []
    current, size = "", 0
    limit = LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size, limit = "", 0, LINE_OCTETS - 1  # continuation lines start with a space
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)
