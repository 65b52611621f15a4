"""``spredning status`` and ``spredning vis``: progress, the next step and the answers, without prompts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from spredning.cli import typer_compat
from spredning.cli.commands.common import (
    choose_partner,
    command,
    parse_phase,
    parse_role,
    phase_command,
    roles_for,
    workspace,
)
from spredning.cli.console import make_console, say
from spredning.core.model import ROLES, Partner, Phase
from spredning.i18n import t

if TYPE_CHECKING:  # vis does not need the status use case and what it imports
    from spredning.app.status import DialogueStatus, Status, Step


def status_command(
    ctx: typer.Context,
    partner: str | None = typer.Option(
        None, "--partner", metavar=t("metavar.name"), help=t("help.status.partner")
    ),
    som_json: bool = typer.Option(False, "--json", help=t("help.status.json")),
) -> None:
    """Vis projektets fremdrift, åbne konflikter og kladder, og hvad der er næste skridt."""
    from spredning.app.status import status_of

    result = status_of(workspace(ctx), partner)
    if som_json:
        import json  # only --json pays for this import

        # ASCII-only JSON: exact for scripts, and no control or bidi character reaches a terminal
        print(json.dumps(_json(result), ensure_ascii=True, indent=2))
        return
    _show(make_console(), result, ctx.obj.project)


def _show(console, result: Status, project_option: str | None) -> None:
    from spredning.cli.render_project import open_tools, portfolio_table, project_facts, status_table

    local = result.local
    console.print(project_facts(result.project, result.path, result.changed, local.side, local.organisation))
    console.print()
    several = len(result.project.partners) > 1
    if result.portfolio and several:
        console.print(portfolio_table(result))
        console.print()
        own = result.dialogues[0]
        console.print(open_tools(own))
        _notes(console, own, kinds=("drafts",))
        _next(
            console, [s for s in own.steps if s.kind in ("side", "drafts", "answer")], several, project_option
        )
        console.print()
        console.print(say("status.partners", style="bold"))
        for item in result.dialogues:
            _partner_line(console, result, item, several, project_option)
        return
    item = result.dialogues[0]
    console.print(status_table(item))
    console.print()
    console.print(open_tools(item))
    _notes(console, item)
    _follow_up(console, item)
    _next(console, list(item.steps), several, project_option)


def _follow_up(console, item: DialogueStatus) -> None:
    """The plan's overdue and next actions, the readiness picture and the approvals (issue 15)."""
    if item.follow_up is not None:
        from spredning.cli.render_plan import follow_up_status

        for part in follow_up_status(item.follow_up):
            console.print(part)


def _next(console, steps: list[Step], several: bool, project_option: str | None) -> None:
    lines = [_step_line(step, several, project_option) for step in steps] or [t("step.nothing")]
    console.print(say("status.next", style="bold", command=lines[0]), soft_wrap=True)
    for extra in lines[1:3]:
        console.print(say("status.then", style="dim", command=extra), soft_wrap=True)


def _partner_line(console, result: Status, item: DialogueStatus, several: bool, project_option) -> None:
    """One partner's dialogue in the portfolio: where they are, what waits, and the next step."""
    name = _partner_name(result, item.dialogue.partner)
    where = next(
        (
            (p.phase, p.sides["genbruge"])
            for p in item.phases
            if p.sides["genbruge"].total and not p.sides["genbruge"].complete
        ),
        None,
    )
    state = (
        t("status.partner-in-phase", phase=where[0].name, answered=where[1].answered, total=where[1].total)
        if where
        else t("status.partner-done")
    )
    waiting = [
        t(key, n=n)
        for key, n in (
            ("status.short-conflicts", len(item.conflicts)),
            ("status.short-news", len(item.news)),
            ("status.short-unsent", item.unsent),
        )
        if n
    ]
    steps = [s for s in item.steps if s.kind in ("conflicts", "news", "overdue", "send")]
    step = _step_line(steps[0], several, project_option) if steps else t("step.wait")
    console.print(
        say(
            "status.partner-line",
            name=name,
            state=state,
            waiting=t("list.separator").join(waiting),
            step=step,
        ),
        soft_wrap=True,
    )


def _partner_name(result: Status, partner: Partner | None) -> str:
    from spredning.cli.render_project import org_name

    return org_name(result.project, partner.key) if partner else t("role.genbruge")


def _notes(console, item: DialogueStatus, kinds=("conflicts", "drafts", "news", "unsent")) -> None:
    if item.conflicts and "conflicts" in kinds:
        console.print(say("status.conflicts", style="bold yellow", n=len(item.conflicts)))
    if item.drafts and "drafts" in kinds:
        console.print(
            say(
                "status.drafts",
                style="yellow",
                n=len(item.drafts),
                questions=[q.text for _, q in item.drafts[:3]],
            )
        )
    if item.news and "news" in kinds:
        console.print(say("status.news", n=len(item.news)))
    if item.unsent and "unsent" in kinds:
        console.print(say("status.unsent", n=item.unsent))


def _step_line(step: Step, several: bool, project_option: str | None) -> str:
    """One next step as its words and the exact command."""
    partner = step.partner if several else None
    answering_for = step.partner if several and step.role == "genbruge" else None
    if step.kind == "conflicts":
        return t(
            "step.conflicts",
            n=step.n,
            command=command("konflikter", partner=partner, project=project_option),
        )
    if step.kind == "drafts":
        return t(
            "step.drafts",
            n=step.n,
            command=phase_command(*_opens(step), answering_for, project_option, several),
        )
    if step.kind == "news":
        return t(
            "step.news",
            n=step.n,
            command=command("vis", "--nye", partner=partner, project=project_option),
        )
    if step.kind == "overdue":
        return t("step.overdue", n=step.n, command=command("plan", partner=partner, project=project_option))
    if step.kind == "answer":
        return t(
            "step.answer",
            phase=_opens(step)[0].name,
            question=step.question.text if step.question else "",
            command=phase_command(*_opens(step), answering_for, project_option, several),
        )
    if step.kind == "send":
        return t("step.send", n=step.n, command=command("eksport", partner=partner, project=project_option))
    if step.kind == "side":
        return t("step.side", command=command("projekt", "side", "dele|genbruge"))
    return t("step.done", command=command("rapport", "--format", "docx", partner=partner))


def _opens(step: Step) -> tuple[Phase, str]:
    """The phase and side a step opens (drafts and answering always name both)."""
    assert step.phase is not None and step.role is not None
    return step.phase, step.role


def _json(result: Status) -> dict[str, Any]:
    first = result.dialogues[0]
    data: dict[str, Any] = {
        "projekt": result.project.name,
        "id": result.project.id,
        "fil": result.path,
        "sidst_ændret": result.changed.isoformat(timespec="seconds") if result.changed else None,
        "rolle": result.local.side,
        "organisation": result.local.organisation,
        "faser": [
            {
                "id": p.phase.id,
                "navn": p.phase.name,
                "sider": {
                    r: {
                        "besvaret": p.sides[r].answered,
                        "i_alt": p.sides[r].total,
                        "ikke_relevant": p.sides[r].not_relevant,
                    }
                    for r in ROLES
                },
            }
            for p in first.phases
        ],
        "dialoger": [_dialogue_json(item) for item in result.dialogues],
    }
    data["ikke_færdige_værktøjer"] = data["dialoger"][0]["ikke_færdige_værktøjer"]
    data["konflikter"] = sorted({c for d in data["dialoger"] for c in d["konflikter"]})
    return data


def _dialogue_json(item: DialogueStatus) -> dict:
    partner = item.dialogue.partner
    return {
        "partner": partner.key if partner else None,
        "navn": partner.name if partner else None,
        "faser": [
            {"id": p.phase.id, "genbruge": p.sides["genbruge"].answered, "dele": p.sides["dele"].answered}
            for p in item.phases
        ],
        "ikke_færdige_værktøjer": [
            {
                "fase": o.phase.id,
                "værktøj": o.tool.id,
                "side": o.role,
                "besvaret": o.done.answered,
                "i_alt": o.done.total,
            }
            for o in item.open_tools
        ],
        "konflikter": [c.slot[1] for c in item.conflicts],
        "kladder": [q.id for _, q in item.drafts],
        "nye": [q.id for q in item.news],
        "ikke_sendt": item.unsent,
        "overskredne_handlinger": [i.id for i in item.follow_up.overdue] if item.follow_up else [],
        "næste": [s.kind for s in item.steps],
    }


def vis(
    ctx: typer.Context,
    fase: str | None = typer.Argument(None, metavar=t("metavar.phase"), help=t("help.vis.fase")),
    rolle: str | None = typer.Option(
        None, "--rolle", "-r", metavar="dele|genbruge", help=t("help.vis.rolle")
    ),
    partner: str | None = typer.Option(
        None, "--partner", metavar=t("metavar.name"), help=t("help.vis.partner")
    ),
    begge: bool = typer.Option(False, "--begge", help=t("help.vis.begge")),
    kun_besvarede: bool = typer.Option(False, "--kun-besvarede", help=t("help.vis.kun-besvarede")),
    nye: bool = typer.Option(False, "--nye", help=t("help.vis.nye")),
    ingen_pager: bool = typer.Option(False, "--ingen-pager", help=t("help.pager")),
) -> None:
    """Vis svarene fase for fase og værktøj for værktøj."""
    from spredning.app.views import mark_seen, news_questions
    from spredning.cli.pager import paged
    from spredning.cli.render_project import (
        SIDE_BY_SIDE_MIN_WIDTH,
        project_facts,
        vis_phase,
        vis_phase_side_by_side,
    )

    ws = workspace(ctx)
    role = None if begge else parse_role(rolle)
    phases = (parse_phase(ws.guide, fase),) if fase else ws.guide.phases
    opened = ws.open()
    chosen = choose_partner(opened.project, opened.local, partner)
    view = opened.project.dialogue(chosen)
    console = make_console()
    with paged(console, not ingen_pager) as out:
        out.print(
            project_facts(
                opened.project, str(opened.path), None, opened.local.side, opened.local.organisation
            )
        )
        only = None
        if nye:
            only = {q.id for q in news_questions(ws, opened, chosen)}
            if not only:
                out.print(say("vis.no-news"))
            phases = tuple(p for p in phases if any(qid.startswith(p.id + ".") for qid in only))
        side_by_side = role is None and out.width >= SIDE_BY_SIDE_MIN_WIDTH and not (kun_besvarede or nye)
        for phase in phases:
            if side_by_side:
                out.print(vis_phase_side_by_side(phase, view))
            else:
                out.print(vis_phase(phase, view, roles_for(role), kun_besvarede, only))
    mark_seen(ws, opened, chosen)


def register(app: typer.Typer) -> None:
    """Add status and vis to the app."""
    app.command("status", cls=typer_compat.DanishCommand, help=t("help.status"))(status_command)
    app.command("vis", cls=typer_compat.DanishCommand, help=t("help.vis"))(vis)
