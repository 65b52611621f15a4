"""``spredning status``: progress, open conflicts, the follow-up and the next step, without prompts."""

from __future__ import annotations

from typing import Any

import typer

from spredning.app.dialogue import several_dialogues
from spredning.app.projects import OddRow, odd_rows
from spredning.app.status import (
    DialogueStatus,
    PhaseProgress,
    Status,
    Step,
    all_drafts,
    follow_up_summary,
    marks_in_versions,
    next_steps,
    partner_steps,
    project_phases,
    status_of,
)
from spredning.cli import typer_compat
from spredning.cli.commands.commandline import command
from spredning.cli.commands.names import phase_command
from spredning.cli.commands.partners import WRONG_PARTNER, partner_offered
from spredning.cli.commands.workspace import tell_missing_names, tell_odd_files, workspace
from spredning.cli.console import echo, make_console, said, say
from spredning.cli.render_status import print_strays
from spredning.cli.render_text import print_fitted, print_said, print_whole
from spredning.core.errors import UsageProblem
from spredning.core.local import key_slot
from spredning.core.model import ROLES, SHARING, Answer, Guide, Partner, Phase, Project, Question, side_of
from spredning.core.textsafe import clean_name
from spredning.i18n import t


def status_command(
    ctx: typer.Context,
    partner: str | None = typer.Option(
        None, "--partner", metavar=t("metavar.name"), help=t("help.status.partner")
    ),
    som_json: bool = typer.Option(False, "--json", help=t("help.status.json")),
) -> None:
    """Vis projektets fremdrift, åbne konflikter og kladder, og hvad der er næste skridt."""
    ws = workspace(ctx)
    try:
        result = status_of(ws, partner)
    except UsageProblem as refused:  # a --partner naming none of them: in a terminal they are offered
        if som_json or refused.key not in WRONG_PARTNER:  # --json is for a script: refused as it was
            raise
        chosen = partner_offered(refused, ws.open().project)
        result = status_of(ws, chosen.key)
    odd = odd_rows(ws.store)
    if som_json:
        import json  # only --json pays for this import

        # ASCII-only JSON: exact for scripts, and no control or bidi character reaches a terminal
        echo(json.dumps(_json(result, odd), ensure_ascii=True, indent=2))
        return
    console = make_console()
    _show(console, ws.guide, result, ctx.obj.project)
    if odd:  # a project file under another name (a sync copy): said here too, or its answers go unseen
        console.print()
        tell_odd_files(console, odd)


def _show(console, guide: Guide, result: Status, project_option: str | None) -> None:
    from spredning.cli.render_project import open_tools, print_facts, status_table

    local = result.local
    several = several_dialogues(result.project, result.local)
    partner = result.dialogues[0].dialogue.partner if several and not result.portfolio else None
    whose = (partner.name or partner.key) if partner is not None else None
    print_facts(console, result.project, result.path, result.changed, local.side, local.organisation, whose)
    tell_missing_names(console, result.project, local.side)
    console.print()
    if result.portfolio and several:
        _show_portfolio(console, guide, result, project_option)
        return
    item = result.dialogues[0]
    console.print(status_table(item))
    console.print()
    console.print(open_tools(item, local.side))
    _notes(console, guide, result, item.conflicts, item.strays, project_option)
    _notes_of(console, item)
    if item.unsent_unknown and result.local.me is not None:  # else the side is the step: export needs it
        _unknown_to(console, result, item, partner, project_option)
    _follow_up(console, item)
    _meetings(console, result, item)
    _in_versions(console, guide, result, project_option)
    _kept_texts(console, result)
    _next(console, result, several, project_option)


def _show_portfolio(console, guide: Guide, result: Status, project_option: str | None) -> None:
    """The sharing side with several partners: everyone's progress, then ours, then each partner's."""
    from spredning.cli.render_project import open_tools
    from spredning.cli.render_status import follow_up_words, portfolio_table

    console.print(portfolio_table(result))
    console.print()
    own = result.dialogues[0]
    console.print(open_tools(own, result.local.side))
    conflicts = {c.slot: c for item in result.dialogues for c in item.conflicts}  # a shared one once
    strays = {s.slot: s for item in result.dialogues for s in item.strays}
    _notes(console, guide, result, tuple(conflicts.values()), tuple(strays.values()), project_option)
    _notes_of(
        console, own._replace(drafts=all_drafts(result)), ("drafts",), result.project
    )  # every dialogue's
    _in_versions(console, guide, result, project_option)
    _kept_texts(console, result)
    if result.common is not None:
        words = follow_up_words(follow_up_summary(result.common, "", "dele"))
        if words:
            console.print(say("status.own-follow-up", parts=t("status.follow-separator").join(words)))
    _next(console, result, True, project_option)  # as home offers them
    console.print()
    console.print(say("status.partners", style="bold"))
    for item in result.dialogues:
        _partner_line(console, result, item, project_option)
    # a real partner's key (the first listed), so the line runs as copied
    first = next((item.dialogue.partner for item in result.dialogues if item.dialogue.partner), None)
    pointer = command("status", partner=first, project=project_option)
    print_fitted(console, t("status.one-partner", command=pointer), pointer, style="dim")


def _follow_up(console, item: DialogueStatus) -> None:
    """The plan's overdue and next actions, the readiness picture and the approvals (issue 15)."""
    if item.follow_up is not None:
        from spredning.cli.render_plan import follow_up_status

        for part in follow_up_status(item.follow_up):
            console.print(part)


def _meetings(console, result: Status, item: DialogueStatus) -> None:
    """The meetings held in the dialogue, ours and the partner's (its file brought them), each named."""
    from spredning.cli.render_plan import meetings_line

    line = meetings_line(result.project, item.follow_up.meetings if item.follow_up else ())
    if line is not None:
        console.print(line)


def _in_versions(console, guide: Guide, result: Status, project_option: str | None) -> None:
    """The readiness marks and approvals kept in several versions, with the command that settles each.

    Every version is shown with whose it is; a common one once, however many dialogues read it.
    """
    found = marks_in_versions(result)
    if not found:
        return
    from spredning.cli.commands.dialogue import show_versions

    console.print(say("status.record-versions", style="bold yellow", n=len(found)))
    show_versions(console, guide, result.project, result.local, found, project_option)


def _kept_texts(console, result: Status) -> None:
    """The files of the user's own text left for the project (app/kept_files.py), each path whole."""
    left = [path for path in result.editor_files if path not in result.editor_copies]
    if left:
        console.print(say("status.editor-files", style="yellow", n=len(left)))
        _paths(console, left)
    if (
        result.editor_copies
    ):  # already in a draft or answer: said to be not taken in, it would be pasted twice
        console.print(say("status.editor-copies", style="yellow", n=len(result.editor_copies)))
        _paths(console, result.editor_copies)
    if result.set_aside:
        console.print(say("status.set-aside-files", style="yellow", n=len(result.set_aside)))
        _paths(console, result.set_aside)


def _paths(console, paths) -> None:
    """Each path on a line of its own, indented, whole (the terminal folds one longer than a line)."""
    for path in paths:
        print_fitted(console, str(path), str(path), first="  ", rest="  ")


def _next(console, result: Status, several: bool, project_option: str | None) -> None:
    """The next steps; for a file too large to save in, how much shorter it must be instead."""
    if result.too_large is not None:  # every step would save or export, and be refused
        print_whole(console, said(result.too_large, "yellow"))  # its bullets hang
        print_fitted(console, t("status.next", command=t("status.too-large.next")), None, "bold")
        return
    _steps(console, list(next_steps(result)), several, project_option, result.project)


def _steps(console, steps: list[Step], several: bool, project_option: str | None, project: Project) -> None:
    lines: list[tuple[str, str | tuple[str, ...] | None]] = [
        _wait_line(step, project) if step.kind == "wait" else _step_line(step, several, project_option)
        for step in steps
    ]
    lines = lines or [(t("step.nothing"), None)]
    for number, (words, shown) in enumerate(lines[:3]):
        key, style = ("status.next", "bold") if number == 0 else ("status.then", "dim")
        each = _each_command(steps[number], several, project_option) if steps else ()
        if each:  # one command per partner (or phase), each on its line: every one runs as written
            print_fitted(console, t(key, command=words), None, style)
            for line in each:
                print_fitted(console, line, line, style, first="    ", rest="    ")
            continue
        print_fitted(console, t(key, command=words), shown, style)


def _each_command(step: Step, several: bool, project_option: str | None) -> tuple[str, ...]:
    """The commands of a step that concerns several partners, one per partner (none: one command).

    Reading news and sending answers are done per partner (eksport writes one partner's file), so
    the project-level advice names each partner's command rather than one that would ask which (a
    script is refused) or do only one of the partners it counts. Drafts in several phases (or
    dialogues) get a command for each phase: a phase opens at its own first draft only.
    """
    if step.kind == "drafts":
        commands = _draft_commands(step, several, project_option)
        return commands if len(commands) > 1 else ()
    if not several or step.partner is not None or step.kind not in ("news", "send"):
        return ()
    if step.kind == "news":
        return tuple(command("vis", "--nye", partner=p, project=project_option) for p, _ in step.each)
    # a partner that has had only worksheets from here gets one (Step.sheets), the others a file
    return tuple(
        command("arbejdsark" if p.key in step.sheets else "eksport", partner=p, project=project_option)
        for p, _ in step.each
    )


def _named_drafts(drafts, phases: dict[str, str], most: int = 3) -> list:
    """The drafts status names, in their order: three, and always the first in each phase.

    A command follows for each phase, side and dialogue the drafts are in, so each has a draft
    named (drafts in four phases: four named, not three and "bl.a.").
    """
    places = {(phases[key], side_of(q.id), key_slot(key)[0]): key for key, q in reversed(drafts)}
    chosen = set(places.values())
    for key, _ in drafts:
        if len(chosen) >= most:
            break
        chosen.add(key)
    return [(key, question) for key, question in drafts if key in chosen]


def _phase_name(item: DialogueStatus, question: Question) -> str:
    """The name of the phase a question is in."""
    return next((p.phase.name for p in item.phases if question.id.startswith(p.phase.id + ".")), "")


def _draft_commands(step: Step, several: bool, project_option: str | None) -> tuple[str, ...]:
    """The command that opens each phase the drafts are in (in its dialogue), each once, in order."""
    commands = [
        phase_command(phase, role, dialogue, project_option, several) for phase, role, dialogue in step.places
    ]
    return tuple(dict.fromkeys(commands))


def _partner_line(console, result: Status, item: DialogueStatus, project_option) -> None:
    """One partner's dialogue in the portfolio: where they are, what waits, and the next step."""
    from spredning.cli.render_status import follow_up_words

    partner = item.dialogue.partner
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
    ranked = partner_steps(item)
    waiting = [
        t(key, n=n)
        for key, n in (
            ("status.short-conflicts", len(item.conflicts)),
            ("status.short-drafts", next((s.n for s in ranked if s.kind == "drafts"), 0)),
            ("status.short-news", len(item.news)),
            ("status.short-unsent-unknown" if item.unsent_unknown else "status.short-unsent", item.unsent),
        )
        if n
    ]
    follow, late, ours = [], 0, []
    if item.follow_up is not None and partner is not None:
        summary = follow_up_summary(item.follow_up, partner.key, "genbruge")
        follow, late = follow_up_words(summary), summary.overdue
        # our marks and approvals in this dialogue only (its actions are counted in the line above)
        ours = follow_up_words(follow_up_summary(item.follow_up, partner.key, "dele")._replace(overdue=0))
    # the general actions past their deadline are ours, said once above; here only the partner's
    steps = [s._replace(n=late) if s.kind == "overdue" else s for s in ranked if s.kind != "overdue" or late]
    each: tuple[str, ...] = ()
    if steps:
        step, shown = _step_line(steps[0], True, project_option)
        each = _each_command(steps[0], True, project_option)  # drafts in several phases: one for each
    else:
        step, shown = _partner_waits(result, item, where is None, project_option)
    text = t(
        "status.partner-line",
        name=_partner_name(result, partner),
        state=state,
        waiting=t("list.separator").join(waiting),
        follow=t("status.follow-separator").join(follow),
    )
    print_fitted(console, text, None, first="  • ", rest="    ")
    if ours:
        own = t("status.own-follow-up-dialogue", parts=t("status.follow-separator").join(ours))
        print_fitted(console, own, None, first="    ", rest="    ")
    if item.follow_up is not None and item.follow_up.meetings:
        from spredning.cli.render_plan import meeting_words

        last = meeting_words(result.project, item.follow_up.meetings[-1])
        print_fitted(console, t("status.meeting-last", meeting=last), None, first="    ", rest="    ")
    print_fitted(console, t("status.partner-next", step=step), shown, first="    ", rest="      ")
    for line in each:
        print_fitted(console, line, line, first="      ", rest="      ")


def _partner_waits(
    result: Status, item: DialogueStatus, answered: bool, project_option: str | None
) -> tuple[str, str | tuple[str, ...]]:
    """Nothing of ours waits in a partner's dialogue: its answers do, in the words of status --partner.

    Our own next step (answering our side) is said once above; a partner that has `answered`
    every phase is waited for by nobody; one this computer has sent no file yet, nor had one from,
    is not waited for either: it is sent one first (the project's facts, and our answers so far).
    """
    wait = next((s for s in item.steps if s.kind == "wait"), None)
    if wait is not None:  # we have answered and sent everything: how far they have come
        return _wait_line(wait, result.project)
    if item.sent_nothing:
        shown = command("eksport", partner=item.dialogue.partner, project=project_option)
        return t("step.first-file", org=_partner_name(result, item.dialogue.partner), command=shown), shown
    if answered:
        return t("step.nothing"), ()
    return t("step.wait", org=_partner_name(result, item.dialogue.partner)), ()


def _partner_name(result: Status, partner: Partner | None) -> str:
    from spredning.cli.render_project import org_name

    return org_name(result.project, partner.key) if partner else t("role.genbruge")


def _notes(console, guide: Guide, result: Status, conflicts, strays, project_option) -> None:
    """The open conflicts, listed with both versions, and the answers the guide has no place for."""
    from spredning.app.exchange.conflicts import partners_own
    from spredning.app.exchange.noting import writer
    from spredning.cli.render_status import conflict_list

    several = several_dialogues(result.project, result.local)
    if conflicts:
        console.print(say("status.conflicts", style="bold yellow", n=len(conflicts)))
        writers = {
            item.slot: by
            for item in conflicts
            if (by := writer(result.local, item.slot, item.entry.answer)) is not None
        }
        listed = conflict_list(guide, result.project, conflicts, result.local.me, writers, console.width)
        console.print(listed)
        partner = result.dialogues[0].dialogue.partner if several and not result.portfolio else None
        settle = command("konflikter", partner=partner, project=project_option)
        theirs = all(partners_own(result.local, item) for item in conflicts)  # none ours to settle
        key = "status.conflicts-see" if theirs else "status.conflicts-settle"
        print_fitted(console, t(key, n=len(conflicts), command=settle), settle)
    if strays:
        print_strays(console, result.project, strays, result.path, command("guide", "--ider"))


def _notes_of(
    console, item: DialogueStatus, kinds=("drafts", "news", "unsent"), project: Project | None = None
) -> None:
    """The dialogue's drafts, news and changes not sent.

    With `project` (every dialogue's drafts in one list), a draft in a partner's dialogue is named
    with the partner: the same question may be in several. Drafts in several phases are each
    named with their phase (the next step gives a command for each).
    """
    if item.drafts and "drafts" in kinds:
        names = {p.key: clean_name(p.name) or p.key for p in project.partners} if project else {}
        phases = {key: _phase_name(item, question) for key, question in item.drafts}
        several = len(set(phases.values())) > 1
        questions = []
        for key, question in _named_drafts(item.drafts, phases):
            where = key_slot(key)[0]
            phase = phases[key] if several else ""
            if where in names and phase:
                said = t(
                    "status.draft-of-partner-in-phase", question=question.text, org=names[where], phase=phase
                )
            elif where in names:
                said = t("status.draft-of-partner", question=question.text, org=names[where])
            elif phase:
                said = t("status.draft-in-phase", question=question.text, phase=phase)
            else:
                said = t("status.draft-question", question=question.text)
            questions.append(said)
        n = len(item.drafts)
        if n > len(questions):  # some named ("bl.a."), not all
            console.print(say("status.drafts", style="yellow", n=n, questions=questions))
        else:
            console.print(say("status.drafts-all", style="yellow", n=n, questions=questions))
    if item.news and "news" in kinds:
        console.print(say("status.news", n=len(item.news)))
    if item.unsent and "unsent" in kinds and not item.unsent_unknown:
        console.print(say("status.unsent", n=item.unsent))


def _unknown_to(console, result: Status, item: DialogueStatus, partner, project_option: str | None) -> None:
    """Say that this computer cannot tell what the other side has had (exporting.unsent_unknown).

    Not "not had": the other side may have had every change from another computer (a colleague's,
    or the project file itself through git); the export that sends them from here is named.
    """
    from spredning.cli.render_project import org_name

    mine = result.local.me == SHARING
    other = item.dialogue.partner
    org = org_name(result.project, other.key if mine and other is not None else SHARING)
    shown = command("eksport", partner=partner, project=project_option)
    print_said(console, say("status.unsent-unknown", org=org, command=shown), shown)


def _step_line(step: Step, several: bool, project_option: str | None) -> tuple[str, str | tuple[str, ...]]:
    """One next step: its words with the exact command, and the command alone."""
    if step.kind == "versions":  # the one action by its id: changing it settles which version applies
        words = ("plan", "ret", step.record) if step.record else ("plan",)
        partner = step.partner if several and not step.record else None
        shown = command(*words, partner=partner, project=project_option)
        return t("step.versions", n=step.n, command=shown), shown
    if step.kind == "marks":  # listed above with every version and the command that settles each
        return t("step.marks", n=step.n), ()
    if step.kind.startswith("theirs-"):
        return _theirs_step_line(step, step.partner if several else None, project_option)
    return _other_step_line(step, several, project_option)


def _wait_line(step: Step, project: Project) -> tuple[str, tuple[str, ...]]:
    """Waiting for the other side's answers: whose, and how far they have come (no command to run)."""
    from spredning.cli.render_project import org_name

    if step.done is None:  # several partners still answering
        key = "step.wait-several-unsure" if step.unsure else "step.wait-several"
        return t(key, orgs=[org_name(project, p.key) for p, _ in step.each]), ()
    org = org_name(project, SHARING if step.role == "dele" else step.partner.key if step.partner else "")
    key = "step.wait-for-unsure" if step.unsure else "step.wait-for"  # not known to have had it all
    return t(key, org=org, answered=step.done.answered, total=step.done.total), ()


def _theirs_step_line(
    step: Step, partner: Partner | None, project_option: str | None
) -> tuple[str, str | tuple[str, ...]]:
    """A partner's own conflicts (every version its text): send it our file, or wait for its answer."""
    org = clean_name(step.partner.name or step.partner.key) if step.partner else ""
    if step.kind == "theirs-wait":
        return t("step.theirs-wait", n=step.n, org=org), ()
    shown = command("eksport", partner=partner, project=project_option)
    return t("step.theirs-send", n=step.n, org=org, command=shown), shown


def _other_step_line(
    step: Step, several: bool, project_option: str | None
) -> tuple[str, str | tuple[str, ...]]:
    """_step_line of every other kind of step."""
    partner = step.partner if several else None
    answering_for = step.partner if several and step.role == "genbruge" else None
    if step.kind == "conflicts":
        shown = command("konflikter", partner=partner, project=project_option)
        return t("step.conflicts", n=step.n, command=shown), shown
    if step.kind == "drafts":
        return _drafts_line(step, several, project_option)
    if step.kind == "news":
        shown = command("vis", "--nye", partner=partner, project=project_option)
        if several and step.partner is None:  # news from several partners: a command for each (_each_command)
            return t("step.news-several", n=step.n), _each_command(step, several, project_option)
        if partner is not None:  # one of several: which
            org = clean_name(partner.name or partner.key)
            return t("step.news-from", n=step.n, org=org, command=shown), shown
        return t("step.news", n=step.n, command=shown), shown
    if step.kind == "overdue":
        shown = command("plan", partner=partner, project=project_option)
        return t("step.overdue", n=step.n, command=shown), shown
    if step.kind == "answer":
        shown = phase_command(*_opens(step), answering_for, project_option, several)
        question = step.question.text if step.question else ""
        return t("step.answer", phase=_opens(step)[0].name, question=question, command=shown), shown
    if step.kind == "send":
        return _send_line(step, several, project_option)
    if step.kind == "side":
        sharing, reusing = command("projekt", "side", "dele"), command("projekt", "side", "genbruge")
        return t("step.side", sharing=sharing, reusing=reusing), (sharing, reusing)
    shown = command("rapport", "--format", "docx", partner=partner)
    return t("step.done", command=shown), shown


def _drafts_line(step: Step, several: bool, project_option: str | None) -> tuple[str, str | tuple[str, ...]]:
    """Finish the drafts: the command that opens the first, or in several phases one for each."""
    each = _each_command(step, several, project_option)
    if each:
        return t("step.drafts-places", n=step.n), each
    # a draft in a partner's dialogue opens there only with --partner, either side
    shown = phase_command(*_opens(step), step.partner if several else None, project_option, several)
    return t("step.drafts", n=step.n, command=shown), shown


def _send_line(step: Step, several: bool, project_option: str | None) -> tuple[str, str | tuple[str, ...]]:
    """Send our changes: to the partner, to one of several (named), or a file for each of several."""
    partner = step.partner if several else None
    if several and step.partner is None:  # n partners wait: a file (or a worksheet) for each (_each_command)
        key = "step.send-several-sheets" if step.sheets else "step.send-several"
        return t(key, n=step.n), _each_command(step, several, project_option)
    # a receiver that has had only worksheets from here gets one: it has no program to open a file
    shown = command("arbejdsark" if step.sheet else "eksport", partner=partner, project=project_option)
    if partner is not None:  # one of several: which
        org = clean_name(partner.name or partner.key)
        key = "step.send-to-sheet" if step.sheet else "step.send-to"
        return t(key, n=step.n, org=org, command=shown), shown
    return t("step.send-sheet" if step.sheet else "step.send", n=step.n, command=shown), shown


def _opens(step: Step) -> tuple[Phase, str]:
    """The phase and side a step opens (drafts and answering always name both)."""
    assert step.phase is not None and step.role is not None
    return step.phase, step.role


def _json(result: Status, odd: list[OddRow]) -> dict[str, Any]:
    """What status shows, for scripts; the README's "status --json" lists the fields."""
    data: dict[str, Any] = {
        "projekt": result.project.name,
        "id": result.project.id,
        "fil": result.path,
        "sidst_ændret": result.changed.isoformat(timespec="seconds") if result.changed else None,
        "rolle": result.local.side,
        "organisation": result.local.organisation,
        "egen_organisation": _own_json(result),
        # across every partner on the sharing side with several: the common answers once
        "faser": [
            {"id": p.phase.id, "navn": p.phase.name, "sider": _sides_json(p)} for p in project_phases(result)
        ],
        "dialoger": [_dialogue_json(item) for item in result.dialogues],
    }
    data["ikke_færdige_værktøjer"] = data["dialoger"][0]["ikke_færdige_værktøjer"]
    data["konflikter"] = sorted({c for d in data["dialoger"] for c in d["konflikter"]})
    # the project files the text names after the status (sync copies, renamed files): always there
    data["projektfiler_med_andre_navne"] = [
        {"fil": row.path, "kopi_af": row.same.slug if row.same else None} for row in odd
    ]
    # the user's own text left in files in .spredning/, in the order made (app/kept_files.py)
    data["tekst_fra_editoren"] = [str(path) for path in result.editor_files]
    data["samlede_tekster_uden_konflikt"] = [str(path) for path in result.set_aside]
    # of tekst_fra_editoren, the files whose text is already in a draft or answer: copies (taken_in)
    data["tekst_fra_editoren_hentet_ind"] = [str(path) for path in result.editor_copies]
    return data


def _sides_json(phase: PhaseProgress) -> dict[str, dict[str, int]]:
    return {
        r: {
            "besvaret": phase.sides[r].answered,
            "i_alt": phase.sides[r].total,
            "ikke_relevant": phase.sides[r].not_relevant,
        }
        for r in ROLES
    }


def _own_json(result: Status) -> dict[str, str | None]:
    """The organisation using this computer: its side, name and (for a reusing one) key."""
    side, key = result.local.side, result.local.organisation
    if side == "dele":
        return {"side": side, "navn": result.project.sharing_org or None, "partner": None}
    partner = result.project.partner(key) if side == "genbruge" and key else None
    if partner is None:
        return {"side": side, "navn": None, "partner": None}
    return {"side": side, "navn": partner.name or None, "partner": partner.key}


def _dialogue_json(item: DialogueStatus) -> dict:
    partner = item.dialogue.partner
    return {
        "partner": partner.key if partner else None,
        "navn": partner.name if partner else None,
        "faser": [
            {
                "id": p.phase.id,
                "genbruge": p.sides["genbruge"].answered,
                "dele": p.sides["dele"].answered,
                "sider": _sides_json(p),
            }
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
        "ikke_relevante": _not_relevant_json(item),
        "møder": [
            {"dato": m.day.isoformat(), "noteret_af": m.by}
            for m in (item.follow_up.meetings if item.follow_up else ())
        ],
        "ukendte_svar": [s.slot[1] for s in item.strays],
        "kladder": [q.id for _, q in item.drafts],
        "nye": [q.id for q in item.news],
        # what the partner has not had; None where this computer cannot tell (exporting.unsent_unknown):
        # a number there would be what this computer has not sent, not what the partner lacks
        "ikke_sendt": None if item.unsent_unknown else item.unsent,
        "ikke_sendt_ukendt": item.unsent_unknown,
        "overskredne_handlinger": [i.id for i in item.follow_up.overdue] if item.follow_up else [],
        "næste": [s.kind for s in item.steps],
    }


def _not_relevant_json(item: DialogueStatus) -> list[dict[str, str | None]]:
    """Every 'not relevant' mark in a dialogue, both sides', with its reason (None when none given).

    The mark that applies has `udgave_fra` None; a partner's version kept beside ours in a conflict
    (also marked) has the organisation whose file brought it ('dele' or a partner's key).
    """
    found: list[dict[str, str | None]] = []
    view = item.dialogue
    for phase in item.phases:
        for role in ROLES:
            for question in phase.phase.questions(role):
                answer = view.answer(question.id)
                versions: list[tuple[str | None, Answer]] = [(None, answer)] if answer is not None else []
                versions += [(o.source or None, o) for o in view.waiting(question.id)]
                found += [
                    {"id": question.id, "side": role, "begrundelse": a.text or None, "udgave_fra": by}
                    for by, a in versions
                    if a.not_relevant
                ]
    return found


def register(app: typer.Typer) -> None:
    """Add status to the app."""
    app.command("status", cls=typer_compat.DanishCommand, help=t("help.status"))(status_command)
