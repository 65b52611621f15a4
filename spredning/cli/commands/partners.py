"""Which partner or dialogue a command is about: named with --partner, or asked in a terminal."""

from __future__ import annotations

from spredning import i18n
from spredning.app.dialogue import PartnerChoice, partner_for, several_dialogues
from spredning.cli.commands.asking import is_interactive
from spredning.core.errors import UsageProblem
from spredning.core.local import LocalState
from spredning.core.model import Partner, Project


def choose_partner(
    project: Project, state: LocalState, option: str | None, required: bool = True
) -> Partner | None:
    """The partner a command is about; with several and none named, a terminal asks.

    So it does when --partner names none of them (or several): why is said above the partners.
    """
    return partner_picked(project, state, option, required)[0]


def partner_picked(
    project: Project, state: LocalState, option: str | None, required: bool = True
) -> tuple[Partner | None, bool]:
    """choose_partner's partner, and whether the user picked it from a list in this run."""
    try:
        return partner_for(project, state, option, required), False
    except PartnerChoice as choice:
        if not is_interactive():
            raise
        from spredning.cli.prompts.questions import ask_partner

        return ask_partner(choice.partners), True
    except UsageProblem as refused:
        return partner_offered(refused, project), True


WRONG_PARTNER = ("dialogue.unknown-partner", "dialogue.ambiguous-partner")  # a --partner a list may put right


def partner_offered(refused: UsageProblem, project: Project) -> Partner:
    """--partner that names no partner (or several), in a terminal: the partners offered, else refused.

    Why is said above them, the one closest to the name given chosen already.
    """
    if not (refused.key in WRONG_PARTNER and project.partners and is_interactive()):
        raise refused
    from spredning.cli.offered import offered_partner

    return offered_partner(refused, project.partners)


# What choose_dialogue says for each kind of record: the problem without a terminal, the question.
DIALOGUE_WORDS = {
    "plan": ("plan.which-dialogue", "plan.ask-dialogue"),
    "readiness": ("readiness.which-dialogue", "readiness.ask-dialogue"),
    "approval": ("approval.which-dialogue", "approval.ask-dialogue"),
}


def choose_dialogue(
    project: Project, state: LocalState, option: str | None, general: bool, what: str = "plan"
) -> tuple[Partner | None, bool]:
    """The dialogue a new action, mark or approval (`what`) belongs to, and whether it is common.

    With several partners and neither --partner nor --fælles, a terminal asks (each partner, or
    common to all); a script is told to give one of the two.
    """
    from spredning.app.plan import DialogueChoice, dialogue_for

    problem, question = DIALOGUE_WORDS[what]
    try:
        return dialogue_for(project, state, option, general, problem)
    except PartnerChoice as choice:  # a reusing organisation that has not said which it is
        if not is_interactive():
            raise
        from spredning.cli.prompts.questions import ask_partner

        return ask_partner(choice.partners), False
    except DialogueChoice as choice:
        if not is_interactive():
            raise
        from spredning.cli.prompts.questions import ask_dialogue

        picked = ask_dialogue(choice.partners, i18n.t(question))
        return picked, picked is None
    except UsageProblem as refused:  # a --partner naming none of them: offered in a terminal
        return partner_offered(refused, project), False


def hint_partner(project: Project, state: LocalState, partner: Partner | None) -> Partner | None:
    """The partner a hint names with --partner: only when the command cannot tell the dialogue itself.

    That is with several partners, and not on the reusing side that knows which organisation it
    is: its only dialogue is its own, however many partners its file lists.
    """
    return partner if several_dialogues(project, state) else None


def tell_drafts_returned(console, ws, slug: str, returned, project=None, dry: bool = False) -> None:
    """The drafts and reasons taken back for an organisation that came back, and how to go on with them.

    They were kept in a file of their own when it was removed (projekt fjern-genbruger); the
    command opens the phase of the first of them, in the guide's order (a phase opens at its drafts);
    `project` is the project it names (names.phase_command's; by default the one --projekt named).
    `dry`: what an import would take back ('importer --tør'), said without a command.
    """
    if not returned:
        return
    from spredning.cli.commands.names import phase_command
    from spredning.cli.console import say
    from spredning.cli.render_text import print_said
    from spredning.core.local import key_slot
    from spredning.core.model import side_of
    from spredning.core.textsafe import clean_name

    opened = ws.store.open(slug)
    named = {} if project is None else {"project": project}
    order = {q.id: n for n, q in enumerate(ws.guide.questions())}
    for each in returned:
        name = clean_name(each.partner.name or each.partner.key)
        what = [
            i18n.t(key, n=count)
            for key, count in (
                ("partner.returned.drafts", each.drafts),
                ("partner.returned.reasons", each.reasons),
            )
            if count
        ]
        n = each.drafts + each.reasons
        if dry:
            console.print(say("partner.drafts-would-return", style="yellow", what=what, name=name))
            continue
        first = min((key_slot(k)[1] for k in each.slots), key=lambda q: order.get(q, len(order)))
        phase, side = ws.guide.find_phase(first.split(".")[0]), side_of(first)
        if phase is None or side is None or first not in order:  # a question this guide has no more
            console.print(say("partner.drafts-returned-unplaced", style="green", n=n, what=what, name=name))
            continue
        several = several_dialogues(opened.project, opened.local)
        shown = phase_command(phase, side, each.partner, several=several, **named)
        said = say("partner.drafts-returned", style="green", n=n, what=what, name=name, command=shown)
        print_said(console, said, shown)
        _answered_since(console, opened.project, each)


def _answered_since(console, project, each) -> None:
    """Questions whose draft came back that have a saved answer now (the file brought it): to read first.

    Saving the draft would replace that answer, which the field says too, but only once it is open.
    """
    from spredning.cli.console import say
    from spredning.core.local import key_slot

    entries = (project.entry(key_slot(key)) for key in each.slots)
    answered = sum(1 for entry in entries if entry is not None and not entry.answer.empty)
    if answered:
        console.print(say("partner.drafts-returned-answered", style="yellow", n=answered))
