"""The words of the agenda: core/agenda.py's points become a Document for the report writers.

The same Markdown, HTML and Word writers as the reports turn it into a file (report/__init__.py),
so an agenda looks like the project's reports. Every word comes from the catalogue (``agenda.*``).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence

from spredning.core.agenda import Agenda, InVersions
from spredning.core.followup_outline import ActionRow, MarkRow
from spredning.core.model import SHARING
from spredning.core.outline import Mark, State
from spredning.i18n import date, t
from spredning.report.compose import PROGRAM, Names, facts, metadata, phase_title
from spredning.report.document import Block, Bullets, Document, Facts, Heading, Paragraph

EXCERPT = 240  # characters of an answer shown in a bullet
PARAGRAPHS = re.compile(r"\n[ \t]*\n")  # a blank line between two paragraphs of an answer


def agenda_document(agenda: Agenda, today: datetime.date, partner_key: str | None = None) -> Document:
    """The agenda of one dialogue as a Document.

    `partner_key` is given when the project has several dialogues: the commands the agenda
    names then need it (--partner) to be run as written.
    """
    names = Names(agenda.project.names)
    dialogue = f" --partner {partner_key}" if partner_key else ""
    words = _Words(agenda, names, dialogue)
    subtitle = t("agenda.kind")
    blocks: list[Block] = [Paragraph(subtitle, "lead")]
    if agenda.project.example:
        blocks.append(Paragraph(t("report.example-note"), "warning"))
    last = date(agenda.last_meeting) if agenda.last_meeting else t("agenda.no-meeting-yet")
    blocks.append(Facts((*facts(agenda, today).rows, (t("agenda.last-meeting"), last))))
    blocks.append(Paragraph(t("agenda.intro"), "note"))
    points: list[tuple[str, Sequence[Block]]] = [
        words.conflicts(),
        words.received(),
        words.open_pairs(),
        words.to_know(),
        words.readiness(),
        words.overdue(),
        (t("agenda.point.other"), [Paragraph(t("agenda.other", command=f"{PROGRAM} møde{dialogue}"))]),
    ]
    for number, (title, body) in enumerate(points, start=1):
        blocks.append(Heading(1, t("agenda.point", number=number, title=title), f"punkt-{number}"))
        blocks += body
    return Document(blocks=tuple(blocks), **metadata(agenda, subtitle, today))


class _Words:
    def __init__(self, agenda: Agenda, names: Names, dialogue: str):
        self.agenda = agenda
        self.names = names
        self.dialogue = dialogue  # ' --partner KEY' for commands, when there are several dialogues
        partner = agenda.project.partners[0] if agenda.project.partners else None
        self.sides = {
            SHARING: t("report.side-title", side=t("role.dele"), org=names(SHARING)),
            "genbruge": t("report.side-title", side=t("role.genbruge"), org=partner.name or partner.key)
            if partner
            else t("role.genbruge"),
        }
        # who the answers came from, by name: "Nye svar fra Ærø Kommune"
        self.orgs = {
            SHARING: names(SHARING),
            "genbruge": names(partner.key) if partner else t("role.genbruge"),
        }

    def where(self, mark: Mark) -> str:
        return t(
            "report.mark",
            phase=phase_title(mark.phase_number, mark.phase),
            tool=mark.tool,
            side=self.sides[mark.role],
            number=mark.number,
            question=mark.question,
        )

    def conflicts(self) -> tuple[str, list[Block]]:
        """Answers in two versions, then actions, readiness marks and approvals kept in several."""
        agenda = self.agenda
        answers = [self.where(m) for m in agenda.conflicts]
        body: list[Block] = []
        if answers:
            command = f"{PROGRAM} konflikter{self.dialogue}"
            body += [Bullets(tuple(answers)), Paragraph(t("agenda.conflicts-how", command=command), "note")]
        actions = [
            t("agenda.action-versions", what=a.what, command=f"{PROGRAM} plan ret {a.id}{self.dialogue}")
            for a in agenda.disputed
        ]
        records = [self.record(r) for r in agenda.records]
        if actions or records:
            body.append(Bullets(tuple(actions + records)))
        if records:
            body.append(
                Paragraph(t("agenda.records-how", command=f"{PROGRAM} status{self.dialogue}"), "note")
            )
        n = len(answers) + len(actions) + len(records)
        return t("agenda.point.conflicts", n=n), body or [Paragraph(t("agenda.none"))]

    def record(self, found: InVersions) -> str:
        phase = phase_title(found.phase_number, found.phase)
        side = self.sides[found.role]
        if found.kind == "klarhed":
            return t("agenda.mark-versions", tool=found.tool, phase=phase, side=side, n=found.n)
        return t("agenda.approval-versions", phase=phase, side=side, n=found.n)

    def received(self) -> tuple[str, list[Block]]:
        agenda = self.agenda
        sides = [self.orgs[role] for role in agenda.partner_sides]
        since = t("agenda.since", day=agenda.last_meeting) if agenda.last_meeting else t("agenda.since-start")
        title = t("agenda.point.received", sides=sides, since=since)
        items = [self._with_excerpt(m) for m in agenda.received]
        blocks: list[Block] = [Bullets(tuple(items))] if items else []
        if agenda.rewritten:  # the partner wrote in our own questions: as much news to discuss
            sides = [self.orgs[role] for role in agenda.partner_sides]
            blocks.append(Paragraph(t("agenda.rewritten", orgs=sides, n=len(agenda.rewritten))))
            blocks.append(Bullets(tuple(self._with_excerpt(m) for m in agenda.rewritten)))
        return title, blocks or [Paragraph(t("agenda.none"))]

    def _with_excerpt(self, mark: Mark) -> str:
        answer = mark.answer
        # an answer of several paragraphs (two versions kept one after the other) keeps them apart
        # in the one line of its bullet: run together, two texts read as one sentence
        whole = answer.versions[0].text if answer.versions else answer.text
        paragraphs = (" ".join(part.split()) for part in PARAGRAPHS.split(whole))
        text = t("agenda.paragraph-break").join(part for part in paragraphs if part)
        if len(text) > EXCERPT:
            text = text[: EXCERPT - 1].rstrip() + "…"
        # a question that ends in a colon ("Hvordan passer innovationen med:") takes no second one,
        # nor does one that ends in a question mark ("Hvad er formålet? »…«", not "formålet?: »…«")
        where = self.where(mark).removesuffix(":")
        colon = "" if where.endswith("?") else ":"
        if answer.state is State.NOT_RELEVANT:
            return t("agenda.excerpt-not-relevant", mark=where, text=text, colon=colon)
        return t("agenda.excerpt", mark=where, text=text, colon=colon) if text else self.where(mark)

    def open_pairs(self) -> tuple[str, list[Block]]:
        items = [
            t("agenda.pair", answered=self.where(p.answered), open=self.where(p.open))
            for p in self.agenda.open_pairs
        ]
        body: list[Block] = (
            [Paragraph(t("agenda.pairs-intro"), "note"), Bullets(tuple(items))]
            if items
            else [Paragraph(t("agenda.none"))]
        )
        return t("agenda.point.pairs"), body

    def to_know(self) -> tuple[str, list[Block]]:
        body: list[Block] = []
        for mark in self.agenda.to_know:
            body.append(Paragraph(self.where(mark), "note"))
            body.append(Paragraph(mark.answer.text))
        return t("agenda.point.to-know"), body or [Paragraph(t("agenda.none"))]

    def readiness(self) -> tuple[str, list[Block]]:
        items = [self.mark(m) for m in self.agenda.readiness]
        body: list[Block] = (
            [Paragraph(t("agenda.readiness-intro"), "note"), Bullets(tuple(items))]
            if items
            else [Paragraph(t("agenda.none"))]
        )
        return t("agenda.point.readiness"), body

    def mark(self, mark: MarkRow) -> str:
        text = t(
            "agenda.mark",
            colour=t(f"plan.colour.{mark.colour}"),
            phase=phase_title(mark.phase_number, mark.phase),
            tool=mark.tool,
            side=self.sides[mark.role],
        )
        text = t("agenda.mark-reason", mark=text, reason=mark.reason) if mark.reason else text
        return t("report.record-disputed", text=text) if mark.disputed else text  # to agree on at the meeting

    def overdue(self) -> tuple[str, list[Block]]:
        items = [  # one kept in several versions: said, as in point 1 (the versions' deadlines differ)
            t("agenda.overdue-in-versions", text=action_text(a, self.names))
            if a.disputed
            else action_text(a, self.names)
            for a in self.agenda.overdue
        ]
        return t("agenda.point.overdue"), [Bullets(tuple(items))] if items else [Paragraph(t("agenda.none"))]


def action_text(action: ActionRow, names: Names) -> str:
    """One action in a line: what, who, the deadline, status and where it came from."""
    parts = [action.what]
    if action.who:
        parts.append(t("plan.words.who", who=action.who))
    if action.due:
        parts.append(t("plan.words.due", day=action.due))
    parts.append(t(f"plan.status.{action.status}"))
    if action.tool or action.phase:
        parts.append(t("plan.words.from", source=action.tool or action.phase))
    return t("list.separator").join(parts)
