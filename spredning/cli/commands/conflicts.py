"""``spredning konflikter``: the answers with two versions or more, shown, and settled in a terminal."""

from __future__ import annotations

import typer

from spredning.app.exchange import exporting, noting
from spredning.app.exchange.conflicts import decision_receivers, open_conflicts, partners_own
from spredning.app.exchange.conflicts import settle as settle_conflicts  # a local `settle` there
from spredning.app.exchange.git_markers import repair_git_markers
from spredning.cli import typer_compat
from spredning.cli.commands.asking import is_interactive
from spredning.cli.commands.commandline import command
from spredning.cli.commands.conflict_choice import chooser, chosen_backup
from spredning.cli.commands.partners import choose_partner
from spredning.cli.commands.workspace import workspace
from spredning.cli.console import after_work, make_console, say
from spredning.cli.merging import Merging, tell_editor_files, tidy_kept
from spredning.cli.render_text import answer_pair, print_fitted, print_said
from spredning.core.errors import Message, SpredningError
from spredning.core.model import SHARING, Entry, Slot
from spredning.core.textsafe import clean_name
from spredning.i18n import t


def _theirs_to_settle(console, opened, pending) -> bool:
    """Say to send a partner our file or wait for its answer when every conflict is its own.

    All versions its text: it settles them. False when some are ours to settle.
    """
    owners = [partners_own(opened.local, item) for item in pending]
    if None in owners:
        return False
    for key in dict.fromkeys(o for o in owners if o is not None):
        partner = opened.project.partner(key)
        org, n = clean_name(partner.name if partner and partner.name else key), owners.count(key)
        if exporting.unsent(opened.project, opened.local, partner):
            shown = command("eksport", partner=partner)
            words = t("step.theirs-send", n=n, org=org, command=shown)
        else:
            shown, words = None, t("step.theirs-wait", n=n, org=org)
        print_fitted(console, t("status.next", command=words), shown)
    return True


def konflikter(
    ctx: typer.Context,
    partner: str | None = typer.Option(
        None, "--partner", metavar=t("metavar.name"), help=t("help.konflikter.partner")
    ),
) -> None:
    """Vis og afgør svar, hvor der findes to udgaver (også efter en flettekonflikt i git)."""
    from spredning.cli.render_project import conflict_view
    from spredning.cli.render_status import where

    ws = workspace(ctx)
    slug = ws.slug()
    console = make_console()
    repaired = repair_git_markers(ws, slug)
    if repaired is not None:  # the project file is whole again, whatever happens to the output now
        with after_work(console):
            console.print(
                say(
                    "konflikter.git-repaired" if repaired.conflicts else "konflikter.git-repaired-clean",
                    style="bold",
                    path=str(repaired.path),
                    backup=str(repaired.backup),
                    n=repaired.conflicts,
                )
            )
    opened = ws.store.open(slug)
    chosen = choose_partner(opened.project, opened.local, partner, required=False)
    merging = Merging(console, ws.store.home, slug)
    tidy_kept(console, merging, ws.guide, opened.project, [c.slot for c in open_conflicts(opened.project)])
    tell_editor_files(console, ws.store.home, slug, opened.project, opened.local)
    pending = open_conflicts(opened.project, chosen)
    shared = _shared_elsewhere(opened.project, chosen, pending)
    if not pending:
        console.print(say("konflikter.none-here" if shared else "konflikter.none", style="green"))
        _tell_shared_elsewhere(console, ws.guide, opened.project, shared)
        return
    me = opened.local.me
    questions = {q.id: q for q in ws.guide.questions()}
    if not is_interactive():
        for number, item in enumerate(pending, 1):
            console.print(
                conflict_view(
                    opened.project,
                    where(ws.guide, opened.project, item.slot),
                    questions.get(item.slot[1]),
                    item.slot[1],
                    item.entry,
                    me,
                    (number, len(pending)),
                    noting.writer(opened.local, item.slot, item.entry.answer),
                    apart=number > 1 or repaired is not None,  # the first thing said: no blank line first
                )
            )
        if not _theirs_to_settle(console, opened, pending):
            settle = command("konflikter")
            print_said(console, say("konflikter.in-terminal", command=settle, n=len(pending)), settle)
        _tell_shared_elsewhere(console, ws.guide, opened.project, shared)
        return
    from spredning.cli.prompts.stops import written_kept_in

    choose = chooser(
        console,
        ws.guide,
        opened.project,
        opened.local,
        importing=False,
        merging=merging,
        apart=repaired is not None,
    )
    decisions = {}
    with written_kept_in(lambda: merging.path):
        for number, item in enumerate(pending, 1):
            content = choose(item.slot, item.entry, (number, len(pending)))
            if content is not None:
                decisions[item.slot] = (item.entry, content)
    done = _settle(ws, slug, decisions, merging)
    merging.done(done.decided)  # the texts written are saved in the project now; those not used stay
    with after_work(console):
        left = len(pending) - done.settled - len(done.elsewhere)
        _settled(console, ws.guide, opened, decisions, done, left, ctx.obj.project)
        _tell_shared_elsewhere(console, ws.guide, opened.project, shared)


def _shared_elsewhere(project, chosen, pending) -> list:
    """With --partner: the answers for every dialogue in conflict that this dialogue does not show.

    A shared answer's version from another partner waits in that partner's dialogue (Dialogue.waiting),
    but the answer is in every file: settled there, the one this partner gets may change.
    """
    if chosen is None:
        return []
    shown = {item.slot for item in pending}
    return [
        ("", qid) for qid, entry in project.shared.items() if entry.in_conflict and ("", qid) not in shown
    ]


def _tell_shared_elsewhere(console, guide, project, slots: list) -> None:
    """The shared answers in conflict with another partner's version, each named, and what shows them."""
    if slots:
        from spredning.app.views import slot_place
        from spredning.cli.render_text import print_whole

        every = command("konflikter")
        places = [slot_place(guide, project, slot) for slot in slots]
        print_whole(console, say("konflikter.shared-elsewhere", n=len(slots), command=every, places=places))


def _settle(ws, slug: str, decisions, merging: Merging):
    """Save the choices; refused (a project file grown too large, say), the texts written are named.

    A combined text written in the editor stays in its file when nothing is saved, and is offered
    again at the next 'konflikter': the refusal says so after its own way on.
    """
    try:
        return settle_conflicts(ws, slug, decisions)
    except SpredningError as refused:
        if merging.path is None:
            raise
        from spredning.cli.main import error_hint

        hint = error_hint(refused)
        kept = {"path": str(merging.path), "hint": hint if hint is not None else ""}
        refused.hint = Message("konflikter.refused-texts-kept", kept)
        raise


def _settled(console, guide, opened, decisions, done, left: int, project_option) -> None:
    """What settling did: how many are settled and left, the copy, whom to send to, what changed meanwhile.

    The copy holding the texts a choice left behind, and the answers changed meanwhile, are named
    before the next step, not under it.
    """
    settled, meanwhile = done.settled, done.meanwhile
    if settled:
        console.print(say("konflikter.settled", style="green", n=settled, left=left))
        chosen_backup(console, done.chosen_over, done.backup)
    elif left:  # none left, when another window settled them all: nothing waits
        settle = command("konflikter")
        print_said(console, say("konflikter.none-settled", style="yellow", n=left, command=settle), settle)
    if done.elsewhere:
        _settled_elsewhere(console, guide, opened.project, decisions, done.elsewhere)
    if meanwhile:  # what is not settled is said before the next step (sending what is), not after it
        from spredning.app.views import slot_place

        ids = [slot_place(guide, opened.project, slot) for slot in meanwhile]
        console.print(say("konflikter.meanwhile", style="yellow", n=len(ids), ids=ids))
    if settled:
        shown = [(slot, entry) for slot, (entry, _) in decisions.items() if slot in done.decided]
        _send_decisions(console, opened, shown, settled, project_option)


def _settled_elsewhere(console, guide, project, decisions, elsewhere) -> None:
    """Conflicts another window settled while the user chose: each choice not used, and the answer now."""
    from spredning.app.views import slot_place

    items = []
    for slot, now in elsewhere:
        chosen, saved = answer_pair(decisions[slot][1], now)
        where = slot_place(guide, project, slot)
        said = {"where": where, "chosen": chosen, "now": saved}
        items.append(Message("konflikter.settled-elsewhere-item", said))
    console.print(say("konflikter.settled-elsewhere", style="yellow", n=len(items), ids=items))


def _send_decisions(console, opened, settled: list[tuple[Slot, Entry]], n: int, project_option) -> None:
    """The next step after settling: send the decisions, as status would say it, to each who needs them.

    `project_option` is the --projekt given, so the command reaches the same project.
    """
    from spredning.cli.render_project import org_name
    from spredning.core.local import sheets_only

    project, me = opened.project, opened.local.me
    several = me == SHARING and len(project.partners) > 1
    receivers = decision_receivers(project, me, settled)
    # a partner that has had only worksheets from here gets one (as status says), not a file it cannot open
    sheets = [receiver is not None and sheets_only(opened.local, receiver.key) for receiver in receivers]
    shown = tuple(
        command(
            "arbejdsark" if sheet else "eksport",
            partner=receiver if several else None,
            project=project_option,
        )
        for receiver, sheet in zip(receivers, sheets, strict=True)
    )
    orgs = [org_name(project, receiver.key if receiver else SHARING) for receiver in receivers]
    if len(receivers) == 1:
        key = "konflikter.send-sheet" if sheets[0] else "konflikter.send"
        print_fitted(console, t(key, n=n, org=orgs[0], command=shown[0]), shown[0])
    elif receivers:  # one next step: a file for each of them, each command on its own line (as status)
        print_fitted(console, t("konflikter.send-each", n=n, orgs=orgs), None)
        for line in shown:
            print_fitted(console, line, line, first="    ", rest="    ")


def register(app: typer.Typer) -> None:
    """Add konflikter to the app."""
    app.command("konflikter", cls=typer_compat.DanishCommand, help=t("help.konflikter"))(konflikter)
