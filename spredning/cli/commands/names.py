"""Phases, sides and tools as the user names them: parsed, offered in a terminal, named in hints."""

from __future__ import annotations

import contextvars
from collections.abc import Iterable

from spredning import i18n
from spredning.app.dialogue import parse_role as _parse_role
from spredning.cli.commands.asking import is_interactive
from spredning.cli.commands.commandline import NAMED, NamedProject, command, put_right
from spredning.core.errors import Message, SpredningError, UsageProblem
from spredning.core.model import Guide, Partner, Phase, fold_name, meant_text
from spredning.core.shellwords import shell_word

# the guide folder of the workspace this run works in: a phase an error names by its id is named
# from it as this user's hints name phases (named_phase), after the command has ended in the error
_GUIDE_DIR: contextvars.ContextVar[tuple[str | None]] = contextvars.ContextVar("guide_dir", default=(None,))


def remember_guide(guide_dir: str | None) -> None:
    """The guide folder of the workspace this run works in, for named_phase (see workspace)."""
    _GUIDE_DIR.set((guide_dir,))


def parse_role(value: str | None) -> str | None:
    """Accept 'dele' or 'genbruge' in any case; None stays None.

    One that is no side is refused (exit 2); in a terminal the sides are offered, why said above them.
    """
    try:
        return _parse_role(value)
    except UsageProblem as refused:
        if not is_interactive():
            raise
        from spredning.cli.offered import offered_role

        return offered_role(refused)


def parse_phase(guide: Guide, value: str) -> Phase:
    """Find a phase by name as the guide writes it, in any case, or in ASCII (hoest for Høst).

    An empty value (a script's empty variable) is a usage error naming the phases, not all phases;
    so is one that names no phase. In a terminal the phases are offered instead, why said above
    them, the closest chosen already (cli/offered.py).
    """
    try:
        return _named_phase(guide, value)
    except UsageProblem as refused:
        if not is_interactive():
            close = refused.params.get("close")
            example = put_right(value, close[0]) if isinstance(close, list) and close else None
            if example is not None:  # the user's own command with the closest phase, to copy
                refused.hint = Message("usage.unknown-phase.command", {"command": example})
            raise
        from spredning.cli.offered import offered_phase

        return offered_phase(refused, guide)


def _named_phase(guide: Guide, value: str) -> Phase:
    if not value.strip():
        raise UsageProblem("usage.empty-phase", phases=phase_words(guide))
    phase = guide.find_phase(value)
    if phase is None:
        close = close_phases(guide, value)
        raise UsageProblem("usage.unknown-phase", value=value, close=close, phases=phase_words(guide))
    return phase


def phase_word(phase: Phase) -> str:
    """The phase as a hint's command names it and a user types it: 'høst', 'harvest' (i18n.phase_word)."""
    return i18n.phase_word(phase.id, phase.name)


def named_phase(phase_id: str) -> str:
    """A phase an error from the core names by its id ('hoest'), as a hint's command names it here.

    As phase_word names it ('høst'; in English 'harvest'), from the guide of the workspace this
    run worked in. An id the guide does not have (or a guide that cannot load) stays.
    """
    from spredning.core.content import load_guide

    try:
        found = load_guide(_GUIDE_DIR.get()[0], i18n.language()).find_phase(phase_id)
    except (SpredningError, OSError):
        return phase_id
    return phase_word(found) if found is not None and found.id == phase_id else phase_id


def tool_word(guide: Guide, tool_id: str) -> str:
    """A tool (by its id, whole or its own part) as a hint's command names it, quoted for the shell.

    In Danish its id ('beskriv-innovationen', its own part when no other tool has it); in another
    language its title ('Describe the innovation'), as phases are named by their English names
    there: the ids are Danish. klarhed and plan --fase take both.
    """
    return shell_word(tool_typed(guide, tool_id))


def tool_typed(guide: Guide, tool_id: str) -> str:
    """A tool as a user types it (tool_word), one word of a command line, not quoted for a shell."""
    from spredning.app.readiness import short_tool_id

    tools = (tool for phase in guide.phases for tool in phase.tools)
    found = next((tool for tool in tools if tool_id in (tool.id, tool.id.partition(".")[2])), None)
    if found is None:
        return tool_id
    if i18n.language() == "da":
        return short_tool_id(guide, found.id)
    return found.title


def phase_words(guide: Guide) -> list[str]:
    """The guide's phases as a command takes them, each with its name when that differs.

    'høst' as the guide writes it (its name when that is its id in æøå); in English the names an
    English user types ('check', 'harvest'); a phase whose name is no word to type, 'id (Name)'.
    """
    return [phase_word(p) + (f" ({p.name})" if p.name.lower() != phase_word(p) else "") for p in guide.phases]


def close_phases(guide: Guide, value: str) -> list[str]:
    """The phases whose name or id is close to what was typed ('tjk' -> 'tjek'), one form each.

    Each as the user types it (phase_word): 'høst' as the guide writes it, not 'hoest'; in English
    'check', also for a Danish id misspelt. A name from the guide's other edition is close too
    ('harvest' in Danish is 'høst'). Markup in front ('[red]tjk') is no part of the match.
    """
    import difflib

    forms: dict[str, tuple[str, str]] = {}  # folded form -> (the phase's id, the form as shown)
    for phase in guide.phases:
        forms.setdefault(fold_name(phase.name), (phase.id, phase_word(phase)))
        forms.setdefault(fold_name(phase.id), (phase.id, phase_word(phase)))
    shown = {phase.id: phase_word(phase) for phase in guide.phases}
    for phase_id, name in _other_names(guide):  # 'check' in Danish: Mente du 'tjek'?
        if phase_id in shown:
            forms.setdefault(fold_name(name), (phase_id, shown[phase_id]))
    chosen: dict[str, str] = {}  # one form per phase: the closest
    for folded in difflib.get_close_matches(fold_name(meant_text(value)), list(forms), n=3, cutoff=0.7):
        chosen.setdefault(*forms[folded])
    return list(chosen.values())


def _other_names(guide: Guide) -> list[tuple[str, str]]:
    """(id, name) of the phases in the other editions of the guide this run works in.

    Only a refusal asks, so a command that knows its phase never reads them. An edition the
    guide folder has no translation for (a guide of one's own), or that cannot load, has none.
    """
    from spredning.core.content import load_guide

    names: list[tuple[str, str]] = []
    for code in i18n.LANGUAGES:
        if code == guide.language:
            continue
        try:
            edition = load_guide(_GUIDE_DIR.get()[0], code)
        except (SpredningError, OSError):
            continue
        if edition.language == code:
            names += [(phase.id, phase.name) for phase in edition.phases]
    return names


def parse_phases(guide: Guide, values: Iterable[str] | None) -> tuple[Phase, ...] | None:
    """Several --fase values, in the guide's order; None when none was given."""
    if not values:
        return None
    chosen = {parse_phase(guide, value).id for value in values}
    return tuple(p for p in guide.phases if p.id in chosen)


def roles_for(role: str | None) -> tuple[str, ...]:
    """The sides to show: the chosen one, or both."""
    return (role,) if role else ("dele", "genbruge")


def phase_command(
    phase: Phase,
    role: str,
    partner: Partner | None = None,
    project: str | NamedProject | None = NAMED,
    several: bool = False,
) -> str:
    """The exact command to answer (or resume) a phase, for hints."""
    words = ("fase", phase_word(phase), "--rolle", role)
    return command(*words, partner=partner if several else None, project=project)
