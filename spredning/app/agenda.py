"""The agenda use case: the next meeting's agenda for one dialogue, as file bytes.

Written by this computer's organisation: the partner's answers since the last meeting are the
other side's. Any report format will do (Markdown, HTML, Word, PDF); the words are in
report/agenda.py.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

from spredning import report
from spredning.app.dialogue import partner_for, several_dialogues
from spredning.app.exchange.noting import writer
from spredning.app.workspace import Workspace
from spredning.core.agenda import Agenda, build_agenda
from spredning.core.local import LocalState
from spredning.core.model import Partner, Project


class MadeAgenda(NamedTuple):
    """An agenda made: its points, the file's bytes and the name it gets by default."""

    agenda: Agenda
    content: bytes
    default_name: str


def make_agenda(ws: Workspace, *, fmt: str, partner: Partner | None, today: datetime.date) -> MadeAgenda:
    """The agenda of one dialogue (this organisation's own, the only one, or the one named)."""
    from spredning.report.agenda import agenda_document

    fmt = report.check_format(fmt, "dagsorden")
    opened = ws.open()
    chosen = partner or partner_for(opened.project, opened.local, None)
    theirs_here = _written_by(opened.project, opened.local, chosen)
    agenda = build_agenda(
        ws.guide, opened.project, chosen, writer=opened.local.me, today=today, theirs_here=theirs_here
    )
    several = several_dialogues(opened.project, opened.local) and chosen is not None
    content = report.render(agenda_document(agenda, today, chosen.key if several and chosen else None), fmt)
    name = (
        "-".join([opened.project.slug, "dagsorden", *([chosen.key] if several and chosen else [])])
        + f".{fmt}"
    )
    return MadeAgenda(agenda, content, name)


def _written_by(project: Project, state: LocalState, partner: Partner | None) -> frozenset[str]:
    """The sharing side's own questions whose answer here is `partner`'s text (its worksheet or file).

    Only the sharing side knows who wrote a text (exchange.noting.writer); elsewhere: none.
    """
    if partner is None:
        return frozenset()
    view = project.dialogue(partner)
    return frozenset(
        qid
        for qid, entry in project.shared.items()
        if writer(state, ("", qid), entry.answer) == partner.key and view.answer(qid) is not None
    )
