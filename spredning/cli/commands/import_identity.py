"""Who this computer is: the first file addressed to a reusing organisation sets it, asked first.

The sharing organisation exports one file per partner. The first one imported on a computer that
does not know its organisation yet makes it the file's receiver, and every later answer goes back
to the sharer under that name. A file sent to the wrong partner would mix two organisations' work
without a word, so in a terminal the import asks, before anything is saved, whether the file's
receiver is us. "No" changes nothing and says how the sharer makes the file meant for us.

A project removed here that knew this computer as the file's receiver answers it: not asked (said).
Without a terminal (or with --ikke-interaktiv) nobody can answer: the import goes on, and says
afterwards who the computer is now and how to correct it (exchange._identity_taken), as before.
"""

from __future__ import annotations

from spredning.app.exchange.import_plan import ImportPlan
from spredning.cli.commands.asking import interrupted_as
from spredning.cli.commands.commandline import command
from spredning.cli.console import say
from spredning.cli.render_text import print_said
from spredning.core.errors import Message, SpredningError
from spredning.core.model import SHARING, fold_name
from spredning.core.shellwords import path_word, shell_word
from spredning.i18n import t


def addressed_to(plan: ImportPlan) -> str | None:
    """The reusing organisation (its key) the file makes this computer, when the file says it; else None.

    An old file that names no receiver is left out: it addresses nobody, so there is nothing to ask.
    """
    receiver = plan.incoming.receiver
    if plan.becomes is None or plan.becomes[0] != "genbruge" or receiver in (None, SHARING):
        return None
    return receiver


def refuse_other_here(ws, plan: ImportPlan, fil: str) -> None:
    """A sharer's file for one partner, on a computer that is another partner in a project of that name.

    Fanø started 'Velfærd' here as Fanø; the file made for Ærø would become a second 'Velfærd' in
    which this computer is Ærø: Fanø's answers would then go back under Ærø's name. Refused (in the
    dry run too), nothing changed, with how the sharer makes Fanø's file; --nyt-projekt makes the
    project beside it on purpose (one computer working for both).
    """
    key = addressed_to(plan)
    if key is None or not plan.creates or plan.incoming.sender != SHARING:
        return
    for slug in plan.namesakes:
        try:
            opened = ws.store.open(slug)
        except SpredningError:  # unreadable: left to the commands that read it
            continue
        project, me = opened.project, opened.local.me
        sharer = fold_name(project.sharing_org) == fold_name(plan.incoming.project.sharing_org)
        if opened.local.side == "genbruge" and me not in (None, key) and sharer:
            _refused(plan, project, me or "", key, slug, fil)


def _refused(plan: ImportPlan, project, me: str, key: str, slug: str, fil: str) -> None:
    from spredning.cli.render_project import org_name

    own, (receiver, sharing) = org_name(project, me), _names(plan, key)
    again = command("importer", path_word(fil), "--nyt-projekt", project=None)
    hint = Message(
        "exchange.for-other-reuser-here.hint",
        {"own": own, "sharing": sharing, "receiver": receiver, "again": again},
    )
    raise SpredningError(
        "exchange.for-other-reuser-here",
        hint=hint,
        path=plan.incoming.path,
        receiver=receiver,
        own=own,
        name=project.name,
        slug=slug,
    )


def tell_dry(console, ws, plan: ImportPlan) -> None:
    """For 'importer --tør': who this computer would become, and whether the import asks first in a terminal.

    It does not when a removed project here knew this computer as that organisation (_known).
    """
    key = addressed_to(plan)
    if key is None:
        return
    org, _ = _names(plan, key)
    known = _known(ws, org)
    if known is None:
        console.print(say("importer.identity-dry", style="yellow", org=org))
    else:
        console.print(say("importer.identity-dry-known", style="yellow", org=org, name=known.name))


def _known(ws, org: str):
    """The newest removed project here in which this computer was `org` (app.removed_identity), or None."""
    from spredning.app.removed_identity import known_as

    return known_as(ws, org)


def _names(plan: ImportPlan, key: str) -> tuple[str, str]:
    """The file's receiver and the sharing organisation, by name."""
    from spredning.cli.render_import import with_new_partners
    from spredning.cli.render_project import org_name

    everyone = with_new_partners(plan)
    return org_name(everyone, key), org_name(everyone, SHARING)


def ours(console, ws, plan: ImportPlan, asking: bool) -> bool:
    """Whether to import: in a terminal (`asking`), a file that sets who we are asks if its receiver is us.

    Asked before anything is saved; Enter says yes (the usual case: the sharer sent our file). Not
    asked when a project removed here knew this computer as that very organisation: that is said.
    False: the user said no; nothing is done, and what to do is said.
    """
    key = addressed_to(plan)
    if key is None or not asking:
        return True
    from questionary import Choice

    from spredning.cli.prompts.simple import ask_text, select

    org, sharing = _names(plan, key)
    known = _known(ws, org)
    if known is not None:
        console.print(say("importer.identity-known", style="yellow", org=org, name=known.name))
        return True
    with interrupted_as("importer.identity-ask.interrupted"):
        console.print(say("importer.identity-ask.about", style="yellow", org=org, sharing=sharing))
        yes, no = t("importer.identity-ask.yes", org=org), t("importer.identity-ask.no")
        if select(t("importer.identity-ask", org=org), [Choice(yes, True), Choice(no, False)]):
            return True
        help_text = t("importer.identity-ask.name-help", sharing=sharing)
        name = ask_text(t("importer.identity-ask.name"), instruction=help_text, one_line=True)
    _not_ours(console, org, sharing, name.strip())
    return False


def _not_ours(console, org: str, sharing: str, name: str) -> None:
    """Nothing imported: the file is another organisation's; how the sharer makes the one meant for us.

    With our name typed, the sharer's commands are whole, to be passed on as they are; without it
    the words say where the name goes (no placeholder to copy).
    """
    if not name:
        print_said(console, say("importer.identity-ask.not-ours", org=org, sharing=sharing), None)
        return
    export = f"spredning eksport --partner {shell_word(name)}"  # the sharer's program, on their computer
    add = f"spredning projekt genbruger {shell_word(name)}"
    said = say("importer.identity-ask.not-ours-named", org=org, sharing=sharing, command=export, add=add)
    print_said(console, said, [export, add])
