"""Project reports as Markdown, HTML, Word or PDF, all four from one Document (document.py).

compose.py puts the catalogue's words on an outline (core/outline.py); each writer turns the
resulting Document into file bytes and never touches files or the terminal. python-docx and fpdf2
are imported only when a Word or PDF report is made, so importing this package stays cheap.
"""

from __future__ import annotations

from spredning.core.errors import UsageProblem
from spredning.report.document import Document

FORMATS = ("md", "html", "docx", "pdf")


def check_format(fmt: str, command: str = "rapport", named: str | None = None) -> str:
    """The format as the writers name it ("PDF", ".md" and "md" are fine); else a usage error.

    The error's example is the command the user ran (`rapport` or `dagsorden`), put right with
    `named`, the format --ud's ending names, when it is one: another would be refused for that file.
    """
    name = fmt.strip().lower().lstrip(".")
    if name not in FORMATS:
        import difflib  # only when a format is wrong

        # the closest format ('dox': docx), else pdf, the hint's example: the typed command put right with it
        close = difflib.get_close_matches(_NAMED.get(name, name), FORMATS, n=1, cutoff=0.6) or ["pdf"]
        close = [named] if named in FORMATS else close
        known = list(FORMATS)
        raise UsageProblem("report.unknown-format", value=fmt, formats=known, command=command, close=close)
    return name


_NAMED = {"word": "docx", "markdown": "md", "htm": "html"}  # what a format is called, not its ending


def render(document: Document, fmt: str) -> bytes:
    """A document as the bytes of a file in one format."""
    name = check_format(fmt)
    if name == "md":
        from spredning.report import markdown

        return markdown.render(document).encode("utf-8")
    if name == "html":
        from spredning.report import html

        return html.render(document).encode("utf-8")
    if name == "docx":
        from spredning.report import word

        return word.render(document)
    from spredning.report import pdf

    return pdf.render(document)
