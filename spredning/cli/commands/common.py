"""Option parsing shared by the commands: sides and phases, with Danish errors listing valid ones."""

from __future__ import annotations

from spredning.core.errors import SpredningError, UsageProblem
from spredning.core.model import ROLES, Guide, Phase, fold_name

ROLE_HELP = "Siden: dele (I deler innovationen) eller genbruge (I genbruger den)."


def parse_role(value: str | None) -> str | None:
    """Accept 'dele' or 'genbruge' in any case; None stays None."""
    if value is None:
        return None
    folded = fold_name(value)
    for role in ROLES:
        if folded in (role, f"vi-vil-{role}", f"vi vil {role}"):
            return role
    raise UsageProblem(
        f"Ukendt side: '{value}'. Vælg 'dele' eller 'genbruge'.",
        "Brug --rolle dele, hvis I deler innovationen, og --rolle genbruge, hvis I genbruger den.",
    )


def parse_phase(guide: Guide, value: str) -> Phase:
    """Find a phase by name as the guide writes it, in any case, or in ASCII (hoest for Høst)."""
    phase = guide.find_phase(value)
    if phase is None:
        valid = ", ".join(f"{p.id}" + (f" ({p.name})" if p.name.lower() != p.id else "")
                          for p in guide.phases)
        raise UsageProblem(f"Ukendt fase: '{value}'. Guidens faser er: {valid}.",
                           "Skriv fasens navn, fx 'spredning fase tjek'.")
    return phase


def roles_for(role: str | None) -> tuple[str, ...]:
    """The sides to show: the chosen one, or both."""
    return (role,) if role else ROLES


def open_store(settings):
    """The project store for the chosen folder (--hjem, $SPREDNING_HJEM or the data folder)."""
    from spredning.core.store import Store, home_dir

    return Store(home_dir(settings.home))


def is_interactive() -> bool:
    """True when both stdin and stdout are terminals, so prompts can be shown."""
    import sys

    return sys.stdin is not None and sys.stdin.isatty() and sys.stdout.isatty()


def phase_command(phase: Phase, role: str, project_option: str | None) -> str:
    """The exact command to answer (or resume) a phase, for hints."""
    command = f"spredning fase {phase.id} --rolle {role}"
    return command + (f" --projekt {project_option}" if project_option else "")


def next_step(guide: Guide, project, roles: tuple[str, ...]) -> tuple[Phase, str] | None:
    """The first phase, in guide order, with open questions for one of the given sides."""
    from spredning.core.model import progress

    for phase in guide.phases:
        for role in roles:
            done = progress(project, phase.questions(role))
            if done.total and not done.complete:
                return phase, role
    return None


def read_user_yaml(path, label: str, untouched: str) -> object:
    """Read a YAML file the user hands us (answers, a partner's export) with the hardened rules.

    `label` names the file in messages ("Svarfilen"), `untouched` says what was not changed.
    """
    from spredning.core import fileio, yamlio

    try:
        return yamlio.loads(yamlio.decode(fileio.read_capped(path, yamlio.MAX_BYTES)))
    except OSError as exc:
        raise SpredningError(f"{label} {path} kan ikke læses ({fileio.reason(exc)}).",
                             f"Tjek filnavnet. {untouched}") from None
    except yamlio.YamlProblem as exc:
        raise SpredningError(f"{label} {path} kan ikke læses: {exc}.",
                             f"{untouched} Ret filen, og prøv igen.") from None
