"""Option parsing shared by the commands: sides and phases, with Danish errors listing valid ones."""

from __future__ import annotations

from spredning.errors import UsageProblem
from spredning.model import ROLES, Guide, Phase, fold_name

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
