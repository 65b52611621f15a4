"""Rich renderables for status and the exchange: the portfolio, conflicts, lines with commands.

Also where an answer is (phase · tool · side) and the answers under ids the guide does not have.

A line that ends in a command (a next step, a partner's line) is wrapped here between words, with
the command kept whole: it goes on the line where it fits, else on a line of its own, longer than
the terminal only when the command itself is. Such lines are printed with ``soft_wrap=True`` so
rich does not wrap them again. As everywhere, user text goes through ``plain``, never markup.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from spredning.cli.render import bullets, plain
from spredning.cli.render_narrow import TableOrList, longest_word, packed, table_width
from spredning.cli.render_project import org_name, own_key, removed_by, writer_settles
from spredning.cli.render_text import answer_pair, one_line, print_fitted
from spredning.core.errors import Message
from spredning.core.model import NOTHING, SHARING, Answer, Guide, Progress, Project, Slot
from spredning.core.textsafe import clean, clean_name
from spredning.i18n import render, t

if TYPE_CHECKING:  # vis draws with these too and need not import the status use case
    from spredning.app.exchange.conflicts import OpenConflict
    from spredning.app.status import FollowUpSummary, Status
    from spredning.app.views import Stray

LISTED = 3  # conflicts and stray answers listed by name; the rest are counted


# -- the portfolio ---------------------------------------------------------------------------------


def portfolio_table(status: Status) -> RenderableType:
    """Every organisation's progress on one screen: a row each, a column per phase.

    The sharing side's own answers come first, counted across every partner as `status --json`'s
    `faser` counts them (the common answers once, those about each partner once per partner, so a
    version for one partner counts in its own dialogue); then each partner's. Cells are
    'answered/total'.
    Phases as columns keep their names whole; long organisation names wrap between words. Where
    the longest word of a name would not fit beside the phases, each organisation is a heading
    with its phases below it (render_narrow), so no name is cut to 'Oden…'.
    """
    from spredning.app.status import project_phases

    first = status.dialogues[0]
    names = [plain(phase.phase.name) for phase in first.phases]
    sharing = clean_name(status.project.sharing_org) or t("role.dele")
    rows = [(Text(sharing), [fraction(p.sides["dele"]) for p in project_phases(status)])]
    for item in status.dialogues:
        partner = item.dialogue.partner
        name = org_name(status.project, partner.key) if partner else t("role.genbruge")
        rows.append((Text(name), [fraction(p.sides["genbruge"]) for p in item.phases]))
    heading = t("status.organisation")
    widest = longest_word(heading, *(org for org, _ in rows))
    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    table.add_column(heading, ratio=1, min_width=widest)
    for phase_name in names:
        table.add_column(phase_name, no_wrap=True, justify="right")
    for org, cells in rows:
        table.add_row(org, *cells)
    columns = [max(cell_len(n.plain), *(cell_len(c[i].plain) for _, c in rows)) for i, n in enumerate(names)]

    def listed(width: int) -> RenderableType:
        lines: list[RenderableType] = []
        for org, cells in rows:
            parts = [Text.assemble(f"{n.plain} ", c) for n, c in zip(names, cells, strict=True)]
            lines += [Text(org.plain, style="bold"), Padding(packed(parts, " · ", width - 2), (0, 0, 0, 2))]
        return Group(*lines)

    return TableOrList(table, listed, table_width([widest, *columns]))


def fraction(done: Progress) -> Text:
    """'answered/total' in a cell, coloured as the bars are; '–' when there is nothing to answer."""
    if not done.total:
        return Text("–", style="dim")
    style = "green" if done.complete else "yellow" if done.answered else "dim"
    return Text(f"{done.answered}/{done.total}", style=style)


def follow_up_words(summary: FollowUpSummary) -> list[str]:
    """One side's follow-up in short words: overdue actions, readiness by colour, approvals."""
    words = []
    if summary.overdue:
        words.append(t("status.short-overdue", n=summary.overdue))
    if summary.colours:
        colours = [t(f"status.short-colour.{colour}", n=n) for colour, n in summary.colours]
        words.append(t("status.short-readiness", colours=colours))
    if summary.approvals:
        phases = [
            t("status.short-changed", phase=clean(phase), n=n) if n else clean(phase)
            for phase, n in summary.approvals
        ]
        words.append(t("status.short-approved", phases=phases))
    return words


# -- conflicts and stray answers -----------------------------------------------------------------


def where(guide: Guide, project: Project, slot: Slot) -> str:
    """Phase · tool · side (and partner) of an answer, for lists and conflict headings."""
    from spredning.app.views import place

    return render(place(guide, project, slot))


def conflict_list(
    guide: Guide,
    project: Project,
    conflicts: Sequence[OpenConflict],
    me: str | None,
    writers: Mapping[Slot, str] = NOTHING,
    width: int = 80,
) -> RenderableType:
    """The first few conflicts, each where it is, its question and every version's first line.

    Each line is cut to the terminal with '…': enough to recognise the answer; `konflikter`
    shows them whole. `writers`: the partner whose file brought our version, where known (see
    render_project.conflict_view): named as the writer, not us.
    """
    questions = {q.id: q for q in guide.questions()}
    ours = org_name(project, me) if me else t("status.conflict-yours")
    lines: list[Text] = []
    for item in conflicts[:LISTED]:
        question = questions.get(item.slot[1])
        lines.append(_cut(("  • ", "dim"), plain(where(guide, project, item.slot), "bold")))
        lines.append(_cut("    ", plain(question.text if question else item.slot[1], "italic")))
        writer = writers.get(item.slot)
        mine = item.entry.answer
        label = (
            ours
            if writer is None or mine.empty
            else t("status.conflict-ours-writers", by=org_name(project, writer))
            if writer_settles(item.entry, writer)
            else t("status.conflict-ours-now", org=ours, by=org_name(project, writer))
        )
        versions = [(label, mine, removed_by(project, mine, writer))]
        for other in item.entry.others:
            by = other.source if me == SHARING and other.source not in ("", SHARING) else None
            own = me is not None and other.source == me
            name = t(own_key(project, me, other, "conflict.own-sheet-heading")) if own and me else None
            versions.append((name or org_name(project, other.source), other, removed_by(project, other, by)))
        for (org, _, _), shown in zip(versions, _told_apart(versions, width), strict=True):
            lines.append(_cut("    ", plain(f"{org}: ", "bold"), plain(shown)))
        if writer is not None and writer_settles(item.entry, writer):
            settles = t("status.conflict-writer-settles", org=org_name(project, writer))
            lines.append(_cut("    ", plain(settles, "italic")))
    if len(conflicts) > LISTED:
        lines.append(Text(t("status.more", n=len(conflicts) - LISTED), style="dim"))
    return Group(*lines)


def _told_apart(versions: Sequence[tuple[str, Answer, str | None]], width: int) -> list[str]:
    """Each version's first line; where it reads as ours does, both on one line around where they differ.

    Versions alike in their first line (a line added under the same answer on both sides) would
    otherwise be listed as the same text: then the whole text is flattened (line breaks as ¶) and
    cut around the first difference to fit `width` columns after the names, as the lists of
    replaced answers do (answer_pair).
    """
    shown = [first_line(answer, emptied) for _, answer, emptied in versions]
    (name, mine, _), ours = versions[0], shown[0]
    for at, (org, other, _) in enumerate(versions[1:], 1):
        if shown[at] == ours and not (mine.empty or other.empty) and other != mine:
            room = width - len("    : ") - max(cell_len(name), cell_len(org))
            pair = answer_pair(mine, other, max(room, 10))
            shown[0] = shown[0] if shown[0] != ours else _said(pair[0])
            shown[at] = _said(pair[1])
    return shown


def _said(line: str | Message) -> str:
    return line if isinstance(line, str) else render(line)


def first_line(answer: Answer, removed_by: str | None = None) -> str:
    """The first line of an answer, ' …' when more follow; 'not relevant' and deletions in words.

    `removed_by`: the organisation that emptied it, when known.
    """
    if answer.empty:
        return t("answer.removed-by", org=removed_by) if removed_by else t("answer.unanswered")
    lines = [one_line(text).strip() for text in answer.text.splitlines() if text.strip()]
    first = (lines[0] if lines else "") + (" …" if len(lines) > 1 else "")
    if answer.not_relevant:
        return t("answer.not-relevant-because", reason=first) if first else t("answer.not-relevant")
    return first


def _cut(*parts) -> Text:
    text = Text.assemble(*parts)
    text.no_wrap, text.overflow = True, "ellipsis"
    return text


def stray_list(project: Project, strays: Sequence[Stray]) -> RenderableType:
    """The answers under ids the guide does not have: each id, and the closest id it does have."""
    items = [
        t(
            "status.stray",
            id=clean(stray.slot[1]),
            org=org_name(project, stray.slot[0]) if stray.slot[0] else "",
            close=list(stray.close),
        )
        for stray in strays[:LISTED]
    ]
    parts: list[RenderableType] = [bullets(items, 2)]
    if len(strays) > LISTED:
        parts.append(Text(t("status.more", n=len(strays) - LISTED), style="dim"))
    return Group(*parts)


def print_strays(console, project: Project, strays: Sequence[Stray], path: str, ids: str) -> None:
    """The answers under ids the guide does not have, and how to show them again.

    `ids` is the command that lists the guide's ids.
    """
    console.print(Text(t("status.strays", n=len(strays)), style="bold yellow"))
    console.print(stray_list(project, strays))
    print_fitted(console, t("status.strays-fix", n=len(strays), path=clean_name(path), command=ids), ids)
