"""What klarhed, godkend and møde share: the side and dialogue a record is for, and hints naming them.

Also the versions of a mark or an approval kept in two places, and a day given with --dato.
"""

from __future__ import annotations

import datetime

from spredning.app import readiness
from spredning.app.dialogue import several_dialogues
from spredning.app.plan import date_problem, parse_due
from spredning.cli.commands.asking import is_interactive
from spredning.cli.commands.commandline import NAMED, command, own_command
from spredning.cli.commands.names import phase_word, tool_word
from spredning.cli.commands.partners import choose_dialogue, choose_partner, hint_partner
from spredning.cli.console import make_console
from spredning.cli.render_project import org_name
from spredning.cli.render_text import print_fitted
from spredning.core.errors import Message, UsageProblem
from spredning.core.followup import typed_day
from spredning.core.model import ROLES, SHARING
from spredning.core.shellwords import shell_word
from spredning.i18n import t


def record_dialogue(opened, option: str | None, general: bool, what: str, role: str | None):
    """The dialogue a mark or approval is for, and whether it is common to all (the sharing side's).

    The reusing side's mark or approval always belongs to one partner's dialogue.
    """
    reusing = (role or opened.local.side) == "genbruge"
    if reusing and general:  # only the sharing side has common ones: said before anything is asked
        raise UsageProblem(
            "readiness.general-only-sharing" if what == "readiness" else "approval.general-only-sharing"
        )
    if reusing:
        chosen = choose_partner(opened.project, opened.local, option, required=True)
        if chosen is None:  # no reusing organisation yet: said before the colour or the name is asked
            hint = Message("fase.no-partner.hint", {"command": command("projekt", "genbruger")})
            key = "readiness.no-partners" if what == "readiness" else "approval.no-partners"
            raise UsageProblem(key, hint=hint)
        return chosen, False
    return choose_dialogue(opened.project, opened.local, option, general, what)


def hint_command(opened, *words: str, partner=None, general: bool = False) -> str:
    """A command for a hint, with the dialogue it needs (--partner, --fælles) when there are several."""
    extra = ("--fælles",) if general else ()
    return command(*words, *extra, partner=hint_partner(opened.project, opened.local, partner))


def own_example(opened, words, named: bool, partner, general: bool) -> str:
    """The user's own command put right, for a refusal's example.

    A --partner they `named` is kept, even where the command could tell the dialogue itself (hint_command
    leaves it out then).
    """
    if named and partner is not None:
        return command(*words, partner=partner)
    return hint_command(opened, *words, partner=partner, general=general)


def settle_command(guide, project, state, found, project_option=NAMED) -> str:
    """The command that settles a mark or approval kept in several versions: klarhed or godkend again.

    Without a colour or a name it asks in a terminal, after showing every version (show_versions).
    It names the side when it is not this computer's, and the dialogue (--partner, --fælles) when
    the command could not tell it itself.
    """
    if found.kind == "klarhed":  # in Danish its own part when no other tool has it: a shorter line
        subject = tool_word(guide, found.subject)
    else:  # a phase, as this user types it ('høst', 'harvest'), not its id
        phase = guide.find_phase(found.subject)
        subject = phase_word(phase) if phase is not None and phase.id == found.subject else found.subject
    words = ["klarhed" if found.kind == "klarhed" else "godkend", subject]
    if found.side != state.side:
        words += ["--rolle", found.side]
    partner = project.partner(found.where) if found.where else None
    if not found.where and found.side == SHARING and len(project.partners) > 1:
        words.append("--fælles")
    return command(*words, partner=hint_partner(project, state, partner), project=project_option)


def show_versions(console, guide, project, state, found, project_option=NAMED, settle: bool = True) -> None:
    """Marks and approvals kept in several versions: what each is, every version and whose it is.

    With `settle`, the command that settles each follows its versions.
    """
    from spredning.cli.versions_shown import print_versions

    def settle_line(item) -> None:
        shown = settle_command(guide, project, state, item, project_option)
        print_fitted(console, t("versions.settle", command=shown), shown, first="    ", rest="    ")

    print_versions(console, guide, project, state, found, settle_line if settle else None)


def versions_before(ws, opened, kind: str, subject: str, role: str | None, dialogue: tuple) -> None:
    """A mark or approval changed in two places: every version and whose it is, before asking.

    The user then writes the one that settles it, as 'plan ret' shows an action's versions first.
    """
    from spredning.cli.versions_shown import kept_where, print_versions_before

    partner, general = dialogue
    side = role or opened.local.side
    key = f"{subject}.{side}"
    where = kept_where(opened.project, kind, key, partner, general)
    print_versions_before(make_console(), ws.guide, opened.project, opened.local, kind, key, where)


def side_first(opened, role: str | None, refused: UsageProblem, general: bool) -> str | None:
    """The side a mark or an approval is for, known before anything is asked.

    Once it was found after the colour, the reason or the name had been typed, and refused then:
    what was typed was lost. --rolle, else the side this computer is on (None: the app finds it),
    else the sharing side for --fælles (only it has common ones: 'genbruge' was offered, then
    refused), else in a terminal the two sides offered, why said above them; without one,
    `refused` (exit 2).
    """
    if role is not None or opened.local.side in ROLES:
        return role
    if general:
        return SHARING
    if not is_interactive():
        raise refused
    from spredning.cli.offered import offered_role

    return offered_role(refused)


def sideless(ctx, key: str, *, hint: str, also: tuple[str, ...] = ()) -> UsageProblem:
    """Refusal `key` on a copy with no side here, without a terminal: the user's command with --rolle dele.

    `hint`'s words say to write genbruge instead for the reusing side (klarhed, godkend), and what
    else the command lacks without a terminal; `also`: words for that, put in the command too.
    """
    return UsageProblem(key, hint=Message(hint, {"command": own_command(ctx, *also, "--rolle", "dele")}))


def refuse_blank_date(words: tuple[str, ...], partner: str | None, general: bool) -> None:
    """--dato given with nothing in it: refused, with the user's own command and today's date in it.

    Left out, --dato means today; given blank, it may be a date that a script failed to fill in.
    """
    today = typed_day(datetime.date.today())
    named = ("--partner", shell_word(partner)) if partner is not None else ()
    fixed = command(*words, "--dato", today, *named, *(("--fælles",) if general else ()))
    raise UsageProblem("plan.date-blank", hint=Message("plan.date-blank.hint", {"command": fixed}))


def role_words(role: str | None) -> tuple[str, ...]:
    """--rolle and the side for a hint's command, when a side was chosen."""
    return ("--rolle", role) if role else ()


def for_dialogue(opened, partner, general: bool) -> str:
    """Which dialogue a record was saved for, in words, when this computer sees several; else ''."""
    from spredning.cli.render_project import org_name

    if not several_dialogues(opened.project, opened.local):
        return ""
    if general or partner is None:
        return t("plan.words.common")
    return t("plan.words.dialogue", org=org_name(opened.project, partner.key))


def given_day(dato: str | None, future: str, withdraw: bool = False) -> tuple[datetime.date, bool]:
    """The day --dato gives (today without it); refused in a terminal: (today, True), its field to open.

    Without a terminal a day the field would refuse (not a date, or still to come) is refused
    (exit 2), before anything is asked or saved.
    """
    today = datetime.date.today()
    try:
        day = parse_due(dato, ahead=False) if dato else today
        if day is None:
            raise date_problem(dato or "", ahead=False)
        readiness.not_in_future(future, day, today)
    except UsageProblem:
        if withdraw or not is_interactive():  # a withdrawal takes no date: that is said
            raise
        return today, True
    return day, False


def whose_side(opened, role, partner) -> str | None:
    """The other side's organisation when this computer records for it (--rolle); None for our own side.

    A computer that does not know its side (the example project, a fresh copy) marks as its own.
    """
    side = opened.local.side
    if side is None or role is None or side == role:
        return None
    if role == SHARING:
        return org_name(opened.project, SHARING)
    return org_name(opened.project, partner.key) if partner is not None else t("org.reusing")
