"""The report use case: one dialogue's report, or the overview of every partner, as file bytes.

The report is written by this computer's organisation (its side in local state): the sharing
organisation, or the reusing organisation whose copy this is. The summary page's next steps are
the ones `status` ranks, for the same dialogue.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

from spredning import i18n, report
from spredning.app.dialogue import partner_for, several_dialogues
from spredning.app.exchange import noting
from spredning.app.status import Step, dialogue_status
from spredning.app.views import held_meetings
from spredning.app.workspace import Workspace
from spredning.core import followup_outline
from spredning.core.errors import UsageProblem
from spredning.core.followup_outline import MeetingRow
from spredning.core.local import key_slot
from spredning.core.model import ROLES, Partner, Phase
from spredning.core.outline import NextStep, Scope, build_outline, build_overview
from spredning.core.store import Opened
from spredning.report import compose
from spredning.report import overview as overview_words


class Report(NamedTuple):
    """A report made: the file's bytes, the name it gets by default, and what it shows."""

    content: bytes
    default_name: str
    scope: Scope | None  # None for the overview
    partner: Partner | None


def make_report(
    ws: Workspace,
    *,
    fmt: str = "md",
    partner: Partner | None = None,
    roles: tuple[str, ...] = ROLES,
    phases: tuple[Phase, ...] | None = None,
    only_answered: bool = False,
    overview: bool = False,
    today: datetime.date,
) -> Report:
    """Make a report of one dialogue (or, with `overview`, of every partner) in a format.

    Without `partner`, the dialogue is this organisation's own, or the only partner's; with several
    partners on the sharing side that is a PartnerChoice (a front end may ask which).
    """
    fmt = report.check_format(fmt)
    if not roles or any(role not in ROLES for role in roles):
        raise UsageProblem("report.unknown-sides", sides=list(roles))
    opened = ws.open()
    if overview:
        return _overview(ws, opened, fmt, today)
    chosen = partner or partner_for(opened.project, opened.local, None)
    wanted = {p.id for p in phases} if phases is not None else None
    scope = Scope(
        roles=tuple(r for r in ROLES if r in roles),
        phases=tuple(p.id for p in ws.guide.phases if p.id in wanted) if wanted is not None else None,
        only_answered=only_answered,
    )
    key = chosen.key if chosen else ""
    drafts = {key_slot(d)[1] for d in opened.local.drafts if key_slot(d)[0] in ("", key)}
    view = opened.project.dialogue(chosen)
    written = {  # a partner's text kept here in a conflict: named as theirs, not the writer's own
        slot[1]: by
        for slot, entry in view.conflicts()
        if not entry.answer.empty and (by := noting.writer(opened.local, slot, entry.answer))
    }
    outline = build_outline(ws.guide, view, scope, writer=opened.local.me, drafts=drafts, written=written)
    steps = dialogue_status(ws, opened, chosen, today).steps
    several = several_dialogues(opened.project, opened.local)
    follow_up = followup_outline.build(
        ws.guide, opened.project, chosen, today, phases=scope.phases, roles=scope.roles
    )
    held = held_meetings(opened.project, opened.local, chosen)  # whose note: as status says it
    follow_up = follow_up._replace(
        meetings=tuple(MeetingRow(m.day, m.by or "") for m in held),
        common=len(opened.project.partners) > 1,  # as 'spredning plan' says which actions are common
    )
    outline = outline._replace(steps=tuple(next_step(s, several) for s in steps), follow_up=follow_up)
    content = report.render(compose.dialogue_document(outline, today), fmt)
    return Report(
        content, default_name(opened.project.slug, fmt, scope, chosen if several else None), scope, chosen
    )


def _overview(ws: Workspace, opened: Opened, fmt: str, today: datetime.date) -> Report:
    if opened.local.side == "genbruge":
        raise UsageProblem("report.overview-not-here")
    project = opened.project
    overview = build_overview(ws.guide, project, writer=opened.local.me, drafts=tuple(opened.local.drafts))
    several = len(project.partners) > 1
    found = [dialogue_status(ws, opened, p) for p in project.partners or (None,)]
    rows = tuple(
        row._replace(steps=tuple(next_step(s, several) for s in d.steps), sent_nothing=d.sent_nothing)
        for row, d in zip(overview.rows, found, strict=True)
    )
    content = report.render(overview_words.overview_document(overview._replace(rows=rows), today), fmt)
    return Report(content, f"{project.slug}-oversigt.{fmt}", None, None)


def next_step(step: Step, several: bool) -> NextStep:
    """A status step as the outline carries it (the partner named only when there are several)."""
    return NextStep(
        kind=step.kind,
        n=step.n,
        phase=i18n.phase_word(step.phase.id, step.phase.name) if step.phase else None,  # as 'fase' takes it
        phase_name=step.phase.name if step.phase else None,
        role=step.role,
        question=step.question.text if step.question else None,
        partner=step.partner.key if step.partner and several else None,
        sheet=step.sheet,
    )


def default_name(slug: str, fmt: str, scope: Scope, partner: Partner | None) -> str:
    """The report's file name: the project, the partner when there are several, and the scope.

    "aeroe-rapport.md", "aeroe-rapport-fanoe-kommune.pdf", "aeroe-rapport-tjek-hoest-dele-besvarede.docx".
    """
    parts = [slug, "rapport"]
    if partner is not None:
        parts.append(partner.key)
    if scope.phases is not None:
        parts += list(scope.phases)
    if len(scope.roles) == 1:
        parts.append(scope.roles[0])
    if scope.only_answered:
        parts.append("besvarede")
    return "-".join(parts) + f".{fmt}"
