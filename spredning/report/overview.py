"""The words of the overview report: every partner's progress, where they are, and their conflicts.

For the sharing organisation's management; it shows no answers, only how far each dialogue has come.
"""

from __future__ import annotations

import datetime

from spredning.core.model import SHARING, Progress
from spredning.core.outline import Overview, PartnerRow, PhaseCount
from spredning.i18n import t
from spredning.report.compose import Names, count, facts, metadata, phase_title, step_text
from spredning.report.document import Block, Bullets, Contents, Document, Heading, PageBreak, Paragraph, Table


def overview_document(overview: Overview, today: datetime.date) -> Document:
    """The sharing organisation's overview: where each partner is, their progress and conflicts."""
    names = Names(overview.project.names)
    subtitle = t("report.overview-kind")
    blocks: list[Block] = [Paragraph(subtitle, "lead")]
    if overview.project.example:
        blocks.append(Paragraph(t("report.example-note"), "warning"))
    blocks.append(facts(overview, today))
    blocks.append(Heading(2, t("report.overview-partners"), "genbrugere", contents=False))
    blocks.append(
        Table(
            (
                t("report.overview-org"),
                t("report.overview-where"),
                t("report.overview-answers"),
                t("report.overview-conflicts"),
                t("report.overview-next"),
            ),
            tuple(_partner_row(row, names) for row in overview.rows),
        )
    )
    blocks.append(Heading(2, t("report.overview-shared", org=names(SHARING)), "delende", contents=False))
    blocks.append(
        Table(
            (t("report.phase-column"), t("role.dele")),
            tuple((phase_title(p.number, p.name), count(dict(p.sides)["dele"])) for p in overview.shared),
        )
    )
    if overview.shared_drafts:
        blocks.append(Paragraph(t("report.overview-shared-drafts", n=overview.shared_drafts), "note"))
    blocks += [PageBreak(), Contents(t("report.contents"))]
    for row in overview.rows:
        blocks += _partner_section(row, names)
    blocks += [Heading(1, t("report.source-heading"), "kilde")]
    blocks.append(
        Paragraph(
            t(
                "report.source",
                title=overview.guide.title,
                publisher=overview.guide.publisher,
                edition=overview.guide.edition,
            ),
            "quiet",
        )
    )
    return Document(blocks=tuple(blocks), **metadata(overview, subtitle, today))


def _partner_name(row: PartnerRow) -> str:
    return (row.partner.name or row.partner.key) if row.partner else t("role.genbruge")


def _total(row: PartnerRow, role: str) -> Progress:
    done = [dict(p.sides)[role] for p in row.phases]
    return Progress(
        sum(d.answered for d in done), sum(d.total for d in done), sum(d.not_relevant for d in done)
    )


# The steps that concern one partner, as `status` ranks them in its line for the partner: not the
# writer's own next question or unsent draft, which every row would show alike.
_PARTNER_KINDS = ("conflicts", "theirs-send", "news", "overdue", "send", "theirs-wait")


def _partner_row(row: PartnerRow, names: Names) -> tuple[str, ...]:
    step = next((s for s in row.steps if s.kind in _PARTNER_KINDS), None)
    next_words = step_text(step, names) if step else _waiting(row)
    if row.drafts and (step is None or step.kind not in ("conflicts", "theirs-send")):
        next_words = t("report.step.drafts", n=row.drafts)  # its own drafts come first, as in status
    return (
        _partner_name(row),
        row.current or t("report.overview-all-done"),
        count(_total(row, "genbruge")),
        str(len(row.conflicts)),
        next_words,
    )


def _waiting(row: PartnerRow) -> str:
    """Nothing of the writer's waits in the row: the partner's answers, or the first file it is sent."""
    if row.sent_nothing:
        return t("report.overview-first-file")
    return t("report.overview-nothing") if row.current is None else t("report.overview-wait")


def _partner_section(row: PartnerRow, names: Names) -> list[Block]:
    name = _partner_name(row)
    sides = {
        SHARING: t("report.side-title", side=t("role.dele"), org=names(SHARING)),
        "genbruge": t("report.side-title", side=t("role.genbruge"), org=name),
    }
    blocks: list[Block] = [
        PageBreak(),
        Heading(1, name, f"partner-{row.partner.key if row.partner else 'genbruge'}"),
    ]
    where = t("report.overview-in-phase", phase=row.current) if row.current else t("report.overview-all-done")
    blocks.append(Paragraph(where))
    blocks.append(
        Table(
            (t("report.phase-column"), sides[SHARING], sides["genbruge"]),
            tuple(_phase_row(p) for p in row.phases),
        )
    )
    blocks.append(Heading(2, t("report.conflicts-heading"), contents=False))
    if row.conflicts:
        blocks.append(Paragraph(t("report.conflicts-intro", n=len(row.conflicts)), "warning"))
        blocks.append(
            Bullets(
                tuple(
                    t(
                        "report.mark",
                        phase=phase_title(m.phase_number, m.phase),
                        tool=m.tool,
                        side=sides[m.role],
                        number=m.number,
                        question=m.question,
                    )
                    for m in row.conflicts
                )
            )
        )
    else:
        blocks.append(Paragraph(t("report.no-conflicts")))
    if row.drafts:
        blocks.append(Paragraph(t("report.overview-drafts", n=row.drafts), "note"))
    if row.steps:
        blocks.append(Heading(2, t("report.next-heading"), contents=False))
        blocks.append(Bullets(tuple(step_text(s, names) for s in row.steps)))
    return blocks


def _phase_row(phase: PhaseCount) -> tuple[str, ...]:
    sides = dict(phase.sides)
    return (phase_title(phase.number, phase.name), count(sides["dele"]), count(sides["genbruge"]))
