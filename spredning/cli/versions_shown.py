"""The versions of a mark or an approval kept in two places: each one, and whose it is.

Shown by 'status' and 'klarhed' (with the command that settles each), and before a mark or an
approval kept in versions is given again: by 'klarhed' and 'godkend', and by the interview ('fase')
when it asks how ready a side is after a tool.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from rich.console import Console
from rich.padding import Padding

from spredning.cli.console import say
from spredning.cli.render import bullets
from spredning.cli.render_plan import version_labels, version_lines, version_of, versions_heading
from spredning.cli.render_project import org_name
from spredning.core import followup
from spredning.i18n import t


def kept_where(project, kind: str, key: str, partner, general: bool = False) -> str:
    """Where the mark or approval `key` ('FASE.VÆRKTØJ.SIDE') that applies in a dialogue is kept.

    The dialogue's own, else (the sharing side's) the general one: on a reusing computer the
    sharing side's mark is the general one, though the command names the dialogue (a re-trial saw
    no versions there, and "the versions shown above" said all the same).
    """
    side = key.rpartition(".")[2]
    found = followup.applies_where(project, None if general else partner, kind, key, side)
    if found is not None:
        return found
    return "" if general or partner is None else partner.key


def print_versions(
    console: Console, guide, project, state, found, after: Callable[[followup.Versions], None] | None = None
) -> None:
    """Each record kept in versions: what it is, then every version and whose; `after` each, if given."""
    from spredning.app.exchange.noting import writer

    whose = functools.partial(version_of, functools.partial(org_name, project), state.me)
    for item in found:
        org = org_name(project, item.where) if item.where else ""
        heading = say("versions.item", style="bold", what=versions_heading(guide, item, org))
        console.print(Padding(heading, (0, 0, 0, 2)))
        slot = (item.where, f"{item.kind}:{item.key}")
        lines = version_lines(item, whose, writer(state, slot, item.versions[0]), state.me, project.id)
        console.print(bullets(lines, 4))
        if after is not None:
            after(item)


def mark_labels(project, state, key: str, where: str) -> dict[tuple[str, str], str]:
    """Whose each version of a readiness mark kept in versions is, by its (colour, reason).

    `key`: 'tjek.beskriv-innovationen.genbruge'. The labels are those print_versions shows.
    """
    from spredning.app.exchange.noting import writer

    found = next(
        (
            v
            for v in followup.in_versions(project, None, places=(where,))
            if v.kind == "klarhed" and v.key == key
        ),
        None,
    )
    if found is None:
        return {}
    whose = functools.partial(version_of, functools.partial(org_name, project), state.me)
    slot = (where, f"klarhed:{key}")
    labels = version_labels(found, whose, writer(state, slot, found.versions[0]), state.me, project.id)
    marked: dict[tuple[str, str], str] = {}
    for label, version in zip(labels, found.versions, strict=True):
        values = dict(version.fields or ())
        marked.setdefault((values.get("farve", ""), values.get("begrundelse", "")), label)
    return marked


def print_versions_before(console: Console, guide, project, state, kind: str, key: str, where: str) -> bool:
    """A mark or approval in versions, before it is given again: every version and whose it is.

    `kind`, `key`: 'klarhed', 'tjek.beskriv-innovationen.genbruge'. They are shown under the words
    that the one saved now is the one that applies. False when it is not kept in versions (nothing is shown).
    """
    found = [
        item
        for item in followup.in_versions(project, None, places=(where,))
        if item.kind == kind and item.key == key
    ]
    if not found:
        return False
    intro = "versions.intro-mark" if kind == "klarhed" else "versions.intro-approval"
    console.print(say(intro, style="bold yellow", n=len(found[0].versions)))
    print_versions(console, guide, project, state, found)
    return True


def earlier_reason(mark: followup.Mark, labels: dict[tuple[str, str], str] | None = None):
    """The reason of a mark that a new one goes without, said above its reason's field, to write again.

    A version waiting for a decision is not an earlier mark: it is called by whose version it is
    (`labels`, see mark_labels), else by its colour.
    """
    colour = t(f"plan.colour.{mark.colour}")
    label = (labels or {}).get((mark.colour, mark.reason))
    if mark.disputed and label:
        return say("plan.rate-whose-reason", style="dim", version=label, colour=colour, reason=mark.reason)
    if mark.disputed:
        return say("plan.rate-version-reason", style="dim", colour=colour, reason=mark.reason)
    return say("plan.rate-earlier-reason", style="dim", colour=colour, reason=mark.reason)


def reason_left(mark: followup.Mark, labels: dict[tuple[str, str], str] | None = None):
    """The reason of a mark saved without it ('klarhed' with a colour alone): said, to give again."""
    colour = t(f"plan.colour.{mark.colour}")
    label = (labels or {}).get((mark.colour, mark.reason))
    if mark.disputed and label:
        return say("readiness.reason-left-whose", version=label, colour=colour, reason=mark.reason)
    key = "readiness.reason-left-version" if mark.disputed else "readiness.reason-left"
    return say(key, colour=colour, reason=mark.reason)
