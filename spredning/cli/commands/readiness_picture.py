"""The readiness picture ``spredning klarhed`` shows without a tool: each dialogue's marks by side."""

from __future__ import annotations

import datetime

from spredning.app import readiness
from spredning.cli.commands.dialogue import hint_command, show_versions
from spredning.cli.commands.names import tool_word
from spredning.cli.console import say
from spredning.cli.render_text import print_said
from spredning.core.model import SHARING


def show_picture(ws, opened, console, partner, general: bool) -> None:
    """The readiness picture of one dialogue, with the organisations named in the headings.

    The sharing side with several partners and none named sees each partner's dialogue in turn
    (one table of two columns each: it fits 80 columns whatever the number of partners); --fælles
    shows the sharing side's common marks alone.
    """
    from spredning.app.status import follow_up_status

    project = opened.project
    every = partner is None and not general and len(project.partners) > 1
    today = datetime.date.today()
    shown = [
        (p, follow_up_status(ws.guide, project, p, today).outline)
        for p in (project.partners if every else (partner,))
    ]
    if not any(outline.readiness for _, outline in shown):
        # a real tool (the first this side answered), the colour after it: no 'VÆRKTØJ grøn|gul|rød' to copy
        tool = readiness.tool_to_mark(ws.guide, project, opened.local.side)
        rate = hint_command(
            opened, "klarhed", tool_word(ws.guide, tool), partner=partner, general=general
        )  # --fælles kept
        print_said(console, say("readiness.none", command=rate), rate)
        _marks_in_versions(ws, opened, console, [dialogue for dialogue, _ in shown])  # one removed here
        return
    for number, (dialogue, outline) in enumerate(shown):
        sides = _side_names(project, dialogue, general)
        if every:
            if number:
                console.print()
            console.print(say("readiness.dialogue", style="bold", org=sides["genbruge"]))
        _dialogue_picture(console, outline, sides)
    if any(outline.act_first for _, outline in shown):
        console.print(say("readiness.discussion-aid", style="dim"))
    _marks_in_versions(ws, opened, console, [dialogue for dialogue, _ in shown])


def _marks_in_versions(ws, opened, console, dialogues) -> None:
    """Under the picture: the marks kept in several versions, each version, whose, and how to settle."""
    from spredning.core import followup

    found = {
        (item.where, item.key): item
        for dialogue in dialogues
        for item in followup.in_versions(opened.project, dialogue)
        if item.kind == "klarhed"
    }
    if found:
        console.print()
        console.print(say("readiness.in-versions", style="bold yellow", n=len(found)))
        show_versions(console, ws.guide, opened.project, opened.local, list(found.values()))


def _dialogue_picture(console, outline, sides: dict[str, str]) -> None:
    """One dialogue's marks as a table, then where to act first."""
    from spredning.cli.render import bullets
    from spredning.cli.render_plan import mark_line, readiness_table

    if not outline.readiness:
        console.print(say("readiness.none-yet", style="dim"))
    else:
        console.print(readiness_table(outline.readiness, sides))
    if outline.act_first:
        console.print()
        console.print(say("readiness.act-first", style="bold"))
        # as in status: a mark's later lines under its text, not at the margin like a new mark
        console.print(bullets([mark_line(mark, sides) for mark in outline.act_first], 2))


def _side_names(project, partner, general: bool) -> dict[str, str]:
    """Each column's heading: the organisation on that side (its side's title when it has no name)."""
    from spredning.cli.render import role_title
    from spredning.cli.render_project import org_name

    sharing = org_name(project, SHARING) if project.sharing_org else role_title("dele")
    if general:
        return {"dele": sharing}
    return {
        "dele": sharing,
        "genbruge": org_name(project, partner.key) if partner else role_title("genbruge"),
    }
