"""Rich renderables for projects: answers, conflicts, status, the vis summary and the project list.

As in render.py, every text from a user or a file becomes rich Text through ``plain``: never markup.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping, Sequence, Set
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from spredning import i18n
from spredning.cli.render import bullets, hanging, indented, phase_heading, plain, role_title, tool_intro
from spredning.cli.render_narrow import TableOrList, packed, table_width
from spredning.cli.render_text import NARROW, Line, Lines, Paragraph, columns_of, one_line, spaced, wrap
from spredning.core.copies import from_other_project
from spredning.core.errors import Message, SpredningError
from spredning.core.model import (
    SHARING,
    Answer,
    Dialogue,
    Entry,
    Guide,
    Phase,
    Progress,
    Project,
    Question,
    Tool,
    progress,
    writer_settles,
)
from spredning.core.textsafe import clean, clean_name
from spredning.i18n import date, join, render, t

if TYPE_CHECKING:  # only status draws these; vis need not import the status use case
    from spredning.app.status import DialogueStatus
    from spredning.core.interview import OtherAnswers

BAR_WIDTH = 10
SIDE_BY_SIDE_MIN_WIDTH = 110


def org_name(project: Project, key: str) -> str:
    """An organisation's name from its key: 'dele' is the sharing side, '' a version from git."""
    if key == SHARING:
        return clean_name(project.sharing_org) or t("org.sharing")
    partner = project.partner(key) if key else None
    if partner is not None:
        return clean_name(partner.name or partner.key)
    return t("org.unknown")


def theirs(
    project: Project,
    key: str,
    message: str,
    from_git: str,
    me: str | None = None,
    own: str = "conflict.own-sheet-heading",
    answer: Answer | None = None,
) -> str:
    """A message naming another version's organisation in the genitive ("Syds udgave:").

    A version from git has no organisation; its own message names it without a genitive. A version
    of our own (`me`) kept beside ours came home from a worksheet we filled in while we typed
    another text here (app/exchange/import_plan.incoming_source): `own` says so, naming no one else; or, when
    `answer` (that version) was written in no worksheet, from another project here (`projekt flet`).
    """
    if me is not None and key == me:
        return t(own_key(project, me, answer, own))
    if key != SHARING and (not key or project.partner(key) is None):
        return t(from_git)
    return t(message, org=org_name(project, key))


def own_key(project: Project, me: str, answer: Answer | None, own: str) -> str:
    """The words for a version of our own kept beside ours: from our worksheet, or from another project.

    `projekt flet` brings our answers from a project started apart; a version from there that
    differs from ours here is kept beside it as our own too. Its copies are no worksheet's.
    """
    if answer is None or not from_other_project(answer, project.id, me):
        return own
    return f"{own}.merged"


def bar(done: Progress) -> Text:
    """A progress bar that reads without colour: █ for answered, ░ for open."""
    return Text.assemble(*bar_pieces(done))


def bar_pieces(done: Progress) -> list[tuple[str, str]]:
    """The progress bar as (text, style) pieces."""
    filled = round(BAR_WIDTH * done.answered / done.total) if done.total else 0
    style = "green" if done.complete else "yellow" if done.answered else "dim"
    return [("█" * filled, style), ("░" * (BAR_WIDTH - filled), "dim")]


def counted(done: Progress) -> Text:
    """A bar and 'answered/total' for a table cell; '–' when there is nothing to answer."""
    if not done.total:
        return Text("–", style="dim")
    return Text.assemble(bar(done), f" {done.answered:>2}/{done.total:<2}")


def answer_text(
    answer: Answer | None, indent: int, drafted: bool = False, removed_by: object = None
) -> RenderableType:
    """An answer, wrapped and indented: open (a draft said), "not relevant" (with its reason), or its text.

    `removed_by`: the organisation whose file emptied an open answer (`vis --nye` says who removed it).
    """
    if (answer is None or answer.empty) and removed_by is not None:
        return indented(Text(t("answer.removed-by", org=removed_by), style="dim italic"), indent)
    if answer is None or answer.empty:
        key = "answer.unanswered-drafted" if drafted else "answer.unanswered"
        return indented(Text(t(key), style="dim italic"), indent)
    if answer.not_relevant:
        reason = (
            t("answer.not-relevant-because", reason=spaced(clean(answer.text)))
            if answer.text
            else t("answer.not-relevant")
        )
        shown: RenderableType = indented(Text(reason, style="italic"), indent)
    else:
        shown = Paragraph(clean(answer.text), indent)
    if not drafted:
        return shown
    # a draft beside what is saved: newer text typed here, not saved (status names it too)
    return Group(shown, indented(Text(t("answer.saved-drafted"), style="dim italic"), indent))


def question_with_answer(
    number: int,
    question: Question,
    answer: Answer | None,
    indent: int = 2,
    drafted: bool = False,
    removed_by: object = None,
) -> RenderableType:
    """A question's text and its answer beneath it (`drafted`: it has a draft on this computer).

    `removed_by`: who emptied the answer, when that is news (see answer_text).
    """
    parts: list[RenderableType] = []
    if question.group:
        parts.append(indented(plain(question.group + ":", "bold underline"), indent))
    parts.append(hanging(f"{number}.", question.text, indent, "bold"))
    parts.append(answer_text(answer, indent + len(str(number)) + 2, drafted, removed_by))
    return Group(*parts)


def other_versions(
    project: Project,
    others: tuple[Answer, ...],
    indent: int,
    me: str | None = None,
    news: Mapping[str, object] | None = None,
) -> RenderableType:
    """The versions kept beside an answer, each under its organisation's name (ours: from a worksheet).

    `news`: the organisations (by key) whose version is news, each said beneath it ('nyt fra').
    """
    parts: list[RenderableType] = []
    for other in others:
        parts.append(
            indented(
                Text(
                    theirs(
                        project,
                        other.source,
                        "conflict.their-version-open",
                        "conflict.git-version-open",
                        me,
                        "conflict.own-sheet-open",
                        other,
                    ),
                    style="bold yellow",
                ),
                indent,
            )
        )
        parts.append(answer_text(other, indent + 2))
        if news and other.source in news:
            parts.append(news_from([news[other.source]], indent + 2))
    return Group(*parts)


def tool_answers(
    tool: Tool, role: str, view: Dialogue, owner: str | None = None, drafted: Set[str] = frozenset()
) -> RenderableType:
    """The review after a tool: its questions for one side with the answers given.

    `owner`: the organisation whose answers they are, when not this computer's side ("Odense
    Kommunes svar i"); None for this side's own ("Dine svar i"). `drafted`: the questions with
    a draft here, said under their answer.
    """
    questions = tool.questions(role)
    done = progress(view, questions)
    title = Text.assemble(
        (t("review.title") if owner is None else t("review.title-of", org=owner), "bold"),
        plain(tool.title, "bold cyan"),
        (t("review.count", answered=done.answered, total=done.total), "dim"),
    )
    rows = [
        question_with_answer(n, q, view.answer(q.id), drafted=q.id in drafted)
        for n, q in enumerate(questions, 1)
    ]
    return Group(title, *rows)


def partner_answers(view: Dialogue, others: Sequence[OtherAnswers], expanded: bool) -> RenderableType:
    """The other side's answers to this tool, per organisation: one line each, or in full when expanded."""
    parts: list[RenderableType] = []
    for other in others:
        name = org_name(view.project, other.org)
        parts.append(Text(t("interview.partner-answered", org=name, n=len(other.answers)), style="bold"))
        for question, answer in other.answers:
            if expanded:
                parts.append(hanging("•", question.text, 2, "italic"))
                parts.append(answer_text(answer, 4))
            else:
                parts.append(_summary_line(question, answer))
    return Group(*parts)


def _summary_line(question: Question, answer: Answer) -> Text:
    """One answer on one line: the question and the start of the answer, cut with '…' at the edge.

    An answer of several lines is shown with its lines joined, so a later line is never dropped
    without a mark: what does not fit ends in '…'.
    """
    first = " ".join(one_line(line).strip() for line in answer.text.splitlines() if line.strip())
    if answer.not_relevant:
        first = t("answer.not-relevant-because", reason=first) if first else t("answer.not-relevant")
    return Text.assemble(
        "  ",
        ("• ", "dim"),
        plain(question.text, "italic"),
        " ",
        plain(first, "dim"),
        no_wrap=True,
        overflow="ellipsis",
    )


def saved_meanwhile(question: Question, mine: Answer | None, theirs: Answer | None) -> RenderableType:
    """Two versions of one answer, when someone else saved meanwhile."""
    return Group(
        Text(t("interview.changed-meanwhile"), style="bold yellow"),
        hanging("•", question.text, 2, "bold"),
        Text(t("interview.your-answer"), style="bold"),
        answer_text(mine, 2),
        Text(t("interview.answer-now"), style="bold"),
        answer_text(theirs, 2),
    )


def conflict_view(
    project: Project,
    where: str,
    question: Question | None,
    question_id: str,
    entry: Entry,
    me: str | None,
    position: tuple[int, int] | None = None,
    writer: str | None = None,
    apart: bool = True,
    importing: bool = False,
) -> RenderableType:
    """A conflict: where it is, our answer and the other version(s), with the organisations' names.

    `importing`: shown while a file is imported, whose text may stand here after it (see ours_heading).

    `apart`: a blank line first, to set it off from what was printed before (not when it is the
    first thing its command prints: the home screen's 'Samme som' line has its blank line already).

    `writer` is the partner whose file brought our version (app/exchange/noting.writer), when known: the
    text is then theirs, or they emptied it, and that is said instead of naming us. A partner's
    version kept beside it is that partner's writing on the sharing side, so an empty one is said
    to be emptied by it; elsewhere nothing is said of who emptied it.
    """
    heading = (
        t("conflict.heading", where=where)
        if position is None
        else t("conflict.heading-counted", where=where, number=position[0], total=position[1])
    )
    parts: list[RenderableType] = [
        *([Text()] if apart else []),
        Text(heading, style="bold yellow"),
        hanging("•", question.text if question else question_id, 0, "bold"),
        Text(ours_heading(project, entry, me, writer, importing), style="bold"),
        answer_text(entry.answer, 2, removed_by=removed_by(project, entry.answer, writer)),
    ]
    for other in entry.others:
        parts.append(
            Text(
                theirs(
                    project,
                    other.source,
                    "conflict.theirs",
                    "conflict.git-version",
                    me,
                    "conflict.own-sheet",
                    other,
                ),
                style="bold",
            )
        )
        by = other.source if me == SHARING and other.source not in ("", SHARING) else None
        parts.append(answer_text(other, 2, removed_by=removed_by(project, other, by)))
    if writer is not None and writer_settles(entry, writer):
        parts.append(Text(t("conflict.writer-settles", org=org_name(project, writer)), style="italic"))
    return Group(*parts)


def ours_heading(
    project: Project, entry: Entry, me: str | None, writer: str | None, importing: bool = False
) -> str:
    """Our version's heading in a conflict: ours, or (its writer known) the partner's text we have now.

    When every version is that partner's (writer_settles), ours is named as theirs alone. While a
    file is imported (`importing`) that text is the one standing here after the import (a
    worksheet's stands whichever came first), which may not be the one here before it: said so.
    """
    if writer is None:
        return t("conflict.ours", org=org_name(project, me)) if me else t("conflict.ours-plain")
    if entry.answer.empty:
        return t("conflict.ours-plain")
    if writer_settles(entry, writer):
        key = "conflict.ours-writers-import" if importing else "conflict.ours-writers"
        return t(key, org=org_name(project, writer))
    return t("conflict.ours-now", org=org_name(project, writer))


def removed_by(project: Project, answer: Answer, writer: str | None) -> str | None:
    """The organisation that emptied an answer, when it is empty and its writer known; else None."""
    return org_name(project, writer) if writer is not None and answer.empty and answer.version else None


FACTS_GAP = 2  # cells between a fact's label and its value


def print_facts(
    console: Console,
    project: Project,
    path: str,
    changed: datetime.datetime | None,
    side: str | None = None,
    organisation: str | None = None,
    dialogue: str | None = None,
) -> None:
    """The project's name, innovation, organisations, this user's side and file.

    `dialogue`: the partner whose dialogue alone is shown, where there are several to tell apart.
    A file's path too long for its cell is not folded there (a line break in it, and it is no
    longer copied whole): it gets the table's last label and a line of its own below it, which
    only the terminal folds.
    """
    rows: list[tuple[str, Text]] = []
    name = clean_name(project.name) + (t("facts.example-mark") if project.example else "")
    rows.append((t("facts.project"), Text(name)))
    if project.description:
        rows.append((t("facts.innovation"), plain(project.description)))
    if project.sharing_org:
        rows.append((t("facts.sharing"), Text(clean_name(project.sharing_org))))
    if project.partners:
        label = t("facts.reusing", n=len(project.partners))
        names = [clean_name(p.name or p.key) for p in project.partners]
        apart = "\n" if any("," in name for name in names) else ", "  # 'Fyn, ApS' is one name: a line each
        rows.append((label, Text(apart.join(names))))
    if dialogue:
        rows.append((t("facts.dialogue"), Text(clean_name(dialogue))))
    if side:
        who = role_title(side) + (f" ({org_name(project, organisation)})" if organisation else "")
        rows.append((t("facts.your-side"), Text(who)))
    file = (t("facts.file"), plain(path))
    if changed:
        # the time as every message writes one: 'kl. 16.46' / 'at 16:46' (the catalogue's, as restore.when)
        day = t("facts.changed-at", day=date(changed.date()), hour=f"{changed:%H}", minute=f"{changed:%M}")
        rows.append((t("facts.changed"), Text(day)))
    labels = max(cell_len(label) for label, _ in (*rows, file))
    below = cell_len(file[1].plain) > console.width - labels - FACTS_GAP
    rows.insert(len(rows) if below or not changed else -1, (file[0], Text() if below else file[1]))
    grid = Table.grid(padding=(0, FACTS_GAP))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in rows:
        grid.add_row(label, value)
    console.print(grid)
    if below:
        console.print(file[1], soft_wrap=True)


def status_table(item: DialogueStatus) -> RenderableType:
    """The six phases by side for one dialogue: answered/total and a bar.

    In a terminal too narrow for the table, each phase is a heading with its sides below it, so
    no phase's name is cut to 'T…' (render_narrow).
    """
    roles = ("dele", "genbruge")
    rows = [
        (plain(f"{phase.phase.number}. {phase.phase.name}"), [counted(phase.sides[r]) for r in roles])
        for phase in item.phases
    ]
    headings = [t("status.phase"), *(role_title(role) for role in roles)]
    table = Table(title=None, show_edge=False, pad_edge=False, header_style="bold")
    widest = max(cell_len(headings[0]), *(cell_len(name.plain) for name, _ in rows))  # a phase on one line
    table.add_column(headings[0], no_wrap=True)
    for role in roles:
        table.add_column(role_title(role), no_wrap=True)
    for name, cells in rows:
        table.add_row(name, *cells)
    sides = [max(cell_len(headings[1 + n]), *(cell_len(c[n].plain) for _, c in rows)) for n in range(2)]

    def listed(width: int) -> RenderableType:
        lines: list[RenderableType] = []
        for name, cells in rows:
            parts = [
                Text.assemble(f"{side} ", _trimmed(cell))
                for side, cell in zip(headings[1:], cells, strict=True)
            ]
            lines += [Text(name.plain, style="bold"), Padding(packed(parts, " · ", width - 2), (0, 0, 0, 2))]
        return Group(*lines)

    return TableOrList(table, listed, table_width([widest, *sides]))


def _trimmed(text: Text) -> Text:
    """A cell's text without the blanks that align it in a column."""
    copy = text.copy()
    copy.rstrip()
    return copy


def open_tools(item: DialogueStatus, side: str | None) -> RenderableType:
    """The tools of the current phase not yet complete, and the later phases summed up.

    They are this side's (`side`; both sides' while it is not said): all answered is said so,
    not as if the other side, whose progress the table shows, were done too.
    """
    if not item.open_tools:
        return Text(t("status.all-tools-done" if side is None else "status.own-tools-done"), style="green")
    lines = [
        t(
            "status.open-tool",
            tool=clean(o.tool.title),
            side=role_title(o.role),
            answered=o.done.answered,
            total=o.done.total,
        )
        for o in item.open_tools
    ]
    parts: list[RenderableType] = [
        Text(t("status.open-tools", phase=clean(item.open_tools[0].phase.name)), style="bold"),
        bullets(lines, 2),
    ]
    if item.later_phases:
        parts.append(
            Text(
                t(
                    "status.later-phases",
                    n=len(item.later_phases),
                    names=[clean(p.name) for p in item.later_phases],
                ),
                style="dim",
            )
        )
    return Group(*parts)


def _beneath(
    view: Dialogue, question_id: str, senders: Mapping[str, Sequence[tuple[str, object]]], me: str | None
) -> list[RenderableType]:
    """Beneath an answer in vis: who sent it (news from several partners), the versions kept beside it.

    A sender whose version is kept beside the answer (a conflict) sent that version, not the
    answer: the news is said beneath their version.
    """
    parts: list[RenderableType] = []
    waiting = view.waiting(question_id)
    versions = {other.source for other in waiting}
    sent = senders.get(question_id, ())
    if names := [name for key, name in sent if key not in versions]:
        parts.append(news_from(names, 5))
    if waiting:
        news = {key: name for key, name in sent if key in versions}
        parts.append(other_versions(view.project, waiting, 5, me, news))
    return parts


def news_from(names: Sequence[object], indent: int) -> RenderableType:
    """'(nyt fra Ærø Kommune og Fanø Kommune)': who sent what is shown above."""
    orgs = join(render(n) if isinstance(n, Message) else str(n) for n in names)
    return indented(Text(t("vis.news-from", orgs=orgs), style="dim italic"), indent)


def vis_phase(
    phase: Phase,
    view: Dialogue,
    roles: Sequence[str],
    only_answered: bool,
    only: set[str] | None = None,
    drafted: Set[str] = frozenset(),
    removed: Mapping[str, object] | None = None,
    seen: set[str] | None = None,
    me: str | None = None,
    senders: Mapping[str, Sequence[tuple[str, object]]] | None = None,
) -> RenderableType:
    """One phase's answers: per tool and side, each question with its answer and open conflicts.

    `drafted`: the questions with a draft on this computer (an open one says so); `removed`: the
    questions whose answer a partner's file emptied, with who (`vis --nye` names the removal);
    `seen` gets the ids of the questions shown (vis marks only their news as read); `senders`:
    who sent each new answer, said beneath it (news from several partners at once).
    """
    removed = removed or {}
    seen = set() if seen is None else seen
    parts: list[RenderableType] = [phase_heading(phase)]
    left_out = 0
    for tool in phase.tools:
        blocks: list[RenderableType] = []
        for role in (r for r in roles if tool.questions(r)):
            rows: list[RenderableType] = []
            for number, question in enumerate(tool.questions(role), 1):
                if only is not None and question.id not in only:
                    continue
                waiting = view.waiting(question.id)
                if only_answered and view.answer(question.id) is None and not waiting:
                    left_out += 1
                    continue
                answer = view.answer(question.id)
                seen.add(question.id)
                rows.append(
                    question_with_answer(
                        number,
                        question,
                        answer,
                        drafted=question.id in drafted,
                        removed_by=removed.get(question.id),
                    )
                )
                rows.extend(_beneath(view, question.id, senders or {}, me))
            if rows:
                done = progress(view, tool.questions(role))
                blocks.append(
                    Text.assemble(
                        (role_title(role), "bold magenta"), (f"  {done.answered}/{done.total}", "dim")
                    )
                )
                blocks.extend(rows)
        if blocks:
            parts.extend([Text(), tool_intro(tool), *blocks])
    if only_answered and left_out:
        shown = len(parts) > 1  # more than the heading
        parts.append(Text(t("vis.left-out" if shown else "vis.none-answered", n=left_out), style="dim"))
    parts.append(Text())
    return Group(*parts)


def _side_cell(
    tool: Tool,
    role: str,
    view: Dialogue,
    seen: set[str] | None,
    me: str | None = None,
    drafted: Set[str] = frozenset(),
) -> RenderableType:
    questions = tool.questions(role)
    if not questions:
        return Text(t("guide.no-questions"), style="dim")
    rows: list[RenderableType] = []
    for n, q in enumerate(questions, 1):
        if seen is not None:
            seen.add(q.id)
        rows.append(question_with_answer(n, q, view.answer(q.id), indent=0, drafted=q.id in drafted))
        waiting = view.waiting(q.id)
        if waiting:
            rows.append(other_versions(view.project, waiting, 3, me))
    return Group(*rows)


def vis_phase_side_by_side(
    phase: Phase,
    view: Dialogue,
    seen: set[str] | None = None,
    me: str | None = None,
    drafted: Set[str] = frozenset(),
) -> RenderableType:
    """One phase with each tool's two sides next to each other (for wide terminals).

    `seen` gets the ids of the questions shown (all of the phase's), as in vis_phase; `drafted`
    the questions with a draft on this computer, said under their answer.
    """
    parts: list[RenderableType] = [phase_heading(phase)]
    for tool in phase.tools:
        parts.extend([Text(), tool_intro(tool)])
        table = Table(
            show_edge=False, pad_edge=False, expand=True, show_lines=False, header_style="bold magenta"
        )
        for role in ("dele", "genbruge"):
            done = progress(view, tool.questions(role))
            title = role_title(role) + (f"  {done.answered}/{done.total}" if done.total else "")
            table.add_column(title, ratio=1, overflow="fold")
        table.add_row(*(_side_cell(tool, role, view, seen, me, drafted) for role in ("dele", "genbruge")))
        parts.append(table)
    parts.append(Text())
    return Group(*parts)


BLOCK = 500  # projects drawn (and written) at a time


def project_list(rows, active: str | None, columns: int = 80) -> Iterator[RenderableType]:
    """All projects, two lines each: marker, name and progress, then the slug (for --projekt).

    In blocks of a few hundred projects, each printed on its own: a list of ten thousand is then
    written while it is drawn instead of held in memory as a whole. The name's column leaves room
    for the progress in a terminal `columns` wide; a name too long for it goes on under it.
    """
    from spredning.core.store import Summary

    names = {row.slug: clean_name(row.summary.name) for row in rows if isinstance(row.summary, Summary)}
    cells = {slug: columns_of(name) for slug, name in names.items()}  # columns: 中 takes two
    counts = [len(f" {row.total}/{row.total}") for row in rows if isinstance(row.summary, Summary)]
    room = columns - len("▶ ") - len("  ") - BAR_WIDTH - max(counts, default=0)
    width = max(12, min(60, max([28, *cells.values()]), room))
    for first in range(0, len(rows), BLOCK):
        lines: list[Line] = []
        if first == 0:  # the heading broken in its column as a name is, its later lines under it
            heading, *more = _name_lines(t("projects.heading"), width, cell_len(t("projects.heading")))
            lines.append([("  " + _padded(heading, width) + "  " + t("projects.answered"), "bold")])
            lines += [[(f"  {line}", "bold")] for line in more]
        for row in rows[first : first + BLOCK]:
            marker = ("▶ " if row.slug == active else "  ", "bold green")
            if not isinstance(row.summary, Summary):
                # a folder under a project file's name is said to be one (projects.not-regular-file below)
                lines.append(
                    [marker, (row.slug.ljust(width) + "  ", ""), (unreadable_reason(row.summary), "red")]
                )
                continue
            if row.summary.exchange:  # a partner's export saved here: not a project of its own
                lines.append(
                    [
                        marker,
                        (_padded(names[row.slug], width, cells[row.slug]) + "  ", ""),
                        (t("projects.exchange"), "yellow"),
                    ]
                )
                lines.append([(f"  {row.slug}", "dim")])  # how to import it is said below the list
                continue
            done = Progress(min(row.summary.answered, row.total), row.total)
            count = f" {done.answered}/{done.total}"
            name, *more = _name_lines(names[row.slug], width, cells[row.slug])
            padded = _padded(name, width, None if more else cells[row.slug])  # whole: its width is known
            lines.append([marker, (padded + "  ", ""), *bar_pieces(done), (count, "")])
            lines += [[(f"  {line}", "")] for line in more]
            lines += _slug_lines(row.slug, row.copies, columns)
        yield Lines(lines)


def _slug_lines(slug: str, copies, columns: int) -> list[Line]:
    """A project's file name (for --projekt) and, for a copy, which files hold the same project.

    The note goes on the file name's line when both fit, else under it, indented (not at the edge).
    """
    if not copies:  # whole on its line, to be copied: without its indent when only that makes it fit
        return [[(f"  {slug}" if len(slug) + 2 <= columns else slug, "dim")]]
    note = t("projects.copy", others=list(copies))
    if len(slug) + cell_len(note) + 4 <= columns:
        return [[(f"  {slug}", "dim"), (f"  {note}", "yellow")]]
    under = [[(f"    {part}", "yellow")] for part in wrap(note, max(20, columns - 4))]
    return [[(f"  {slug}", "dim")], *under]


def _name_lines(name: str, width: int, cells: int) -> list[str]:
    """A project's name in its column: as it is when it fits, else broken between words (narrow ones)."""
    if cells <= width or not NARROW.issuperset(name):
        return [name]  # a wide letter's name is drawn whole, as the terminal breaks it
    return [line.rstrip() for line in wrap(name, width)]


def unreadable_reason(problem: SpredningError) -> str:
    """Why a project file cannot be read, in a few words for the list (status --projekt says it all)."""
    if problem.key == "project.unreadable":
        return t("projects.why.project.unreadable", reason=problem.params.get("reason", ""))
    if getattr(problem.params.get("problem"), "key", None) == "yaml.not-utf8":  # binary, or another encoding
        return t("projects.why.not-utf8")
    key = f"projects.why.{problem.key}"
    return t(key) if i18n.has(key) else t("projects.unreadable")


def _padded(text: str, width: int, cells: int | None = None) -> str:
    """Text and blanks to fill `width` terminal columns (a wide character fills two; `cells`: known)."""
    return text + " " * max(0, width - (cell_len(text) if cells is None else cells))


def guide_questions(guide: Guide) -> dict[str, Question]:
    """Every question of a guide by id."""
    return {q.id: q for q in guide.questions()}
