"""The home screen's question before 'projekt flet': what would come in, and whether to bring it.

Typed as a command, 'projekt flet' does its work at once ('--tør' shows it first); chosen from a
list in the menu, a line is easily taken for another, so the menu says first what the merge would
bring from which project, that an answer different here becomes a conflict (nothing overwritten)
and when a copy of the project file is kept, and asks. No, Esc and Ctrl+C change nothing.
"""

from __future__ import annotations

from questionary import Choice
from rich.console import Console

from spredning.app.workspace import Workspace
from spredning.cli.commands.commandline import command
from spredning.cli.console import say
from spredning.cli.prompts.simple import select
from spredning.cli.render_text import print_said
from spredning.core.errors import SpredningError
from spredning.core.history import Outcome
from spredning.i18n import t

COUNTS = (  # what the merge does to an answer here, in the words the question uses
    (Outcome.ADDED, "home.merge.new"),
    (Outcome.UPDATED, "home.merge.newer"),
    (Outcome.CONFLICT, "home.merge.conflicts"),
    (Outcome.UNCHANGED, "home.merge.same"),
)


def merge_agreed(console: Console, ws: Workspace, source: str, project: str | None) -> bool:
    """Say what bringing our answers in from `source` would do, and ask; True to go on.

    A merge the command would refuse (or that brings nothing) is not asked about: the command
    then says why, or that nothing is new, and changes nothing either.
    """
    from spredning.app.project_merge import plan_merge
    from spredning.app.views import draft_count

    try:
        merge = plan_merge(ws, source, project)
    except SpredningError:
        return True
    plan = merge.plan
    if plan.brings_nothing():
        return True
    counts = [t(key, n=plan.count(outcome)) for outcome, key in COUNTS if plan.count(outcome)]
    answers = bool(counts)
    follow_up = plan.records_changed()
    if follow_up:  # said after the merge too ('Opfølgningen: ...'): named before it
        counts.append(t("home.merge.follow-up", n=follow_up))
    only_follow_up = follow_up and not answers  # no word of answers where none come
    said = say(
        "home.merge-brings-follow-up" if only_follow_up else "home.merge-brings",
        style="bold",
        source=merge.source_name,
        name=plan.project.name,
        counts=counts,
    )
    console.print(said)
    if only_follow_up:
        if plan.keeps_copy():
            console.print(say("home.merge-copy"))
    else:
        settle = command("konflikter", project=project)
        key = "home.merge-safe-copy" if plan.keeps_copy() else "home.merge-safe"
        print_said(console, say(key, command=settle), settle)
    drafts = draft_count(ws, merge.source)  # said after the merge too, with the commands that open them
    if drafts:
        console.print(say("home.merge-drafts", style="yellow", source=merge.source_name, n=drafts))
    question, yes = _question(plan.project.name, bool(follow_up), bool(only_follow_up))
    return select(question, [Choice(t("home.merge-no"), False), Choice(yes, True)], back=False)


def _question(name: str, follow_up: bool, only_follow_up: bool) -> tuple[str, str]:
    """The question and its yes, after what comes in: the answers, the follow-up, or both."""
    if only_follow_up:
        return t("home.merge-question-follow-up", name=name), t("home.merge-yes-follow-up")
    key = "home.merge-question-both" if follow_up else "home.merge-question"
    return t(key, name=name), t("home.merge-yes")
