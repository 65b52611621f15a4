"""Project reports as Markdown, HTML or Word, all three from one outline (see common.py).

The writers return bytes and never touch files or the terminal: the CLI command decides where the
report goes and writes it atomically. python-docx is imported only when a Word report is made, so
importing this package stays cheap.
"""

from __future__ import annotations

import datetime

from spredning.core.errors import UsageProblem
from spredning.core.model import ROLES, Dialogue, Guide, Phase
from spredning.report import html, markdown
from spredning.report.common import build_outline

FORMATS = ("md", "html", "docx")


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise UsageProblem("report.unknown-format", value=fmt, formats=list(FORMATS))


def default_filename(slug: str, fmt: str) -> str:
    """Name a report file after the project, e.g. "aeroe-kommune-rapport.md"."""
    _check_format(fmt)
    return f"{slug}-rapport.{fmt}"


def write_report(
    guide: Guide,
    view: Dialogue,
    fmt: str,
    roles: tuple[str, ...],
    phases: tuple[Phase, ...] | None,
    today: datetime.date,
) -> bytes:
    """Make a report of the project's answers for the chosen sides and phases, as file bytes.

    Markdown and HTML come back UTF-8 encoded; "docx" gives the bytes of a Word document.
    `phases` None means every phase; the report always follows the guide's order.
    """
    _check_format(fmt)
    if not roles or any(role not in ROLES for role in roles):
        raise UsageProblem("report.unknown-sides", sides=list(roles))
    outline = build_outline(guide, view, roles, phases, today)
    if fmt == "md":
        return markdown.render(outline).encode("utf-8")
    if fmt == "html":
        return html.render(outline).encode("utf-8")
    from spredning.report import word

    return word.render(outline)
