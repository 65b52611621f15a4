"""Who this user is in a project, and which partner's dialogue a command is about.

The sharing organisation has one dialogue per reusing organisation. On a reusing organisation's
own computer the project knows which one it is (local state), so no option is needed; on the
sharing side a command about one partner takes ``--partner`` (or the front end asks), and with a
single partner there is nothing to choose.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spredning import i18n
from spredning.core.errors import Message, UsageProblem, message
from spredning.core.local import LocalState
from spredning.core.model import ROLES, SHARING, Partner, Project, fold_name, meant_text
from spredning.core.shellwords import shell_word


class PartnerChoice(UsageProblem):
    """Several partners and none chosen: a terminal can ask, a script must name one."""

    def __init__(self, project: Project):
        chosen = commands_with(*partner_options(project.partners))
        super().__init__(
            "dialogue.choose-partner",
            hint=Message("dialogue.choose-partner.commands", {"commands": chosen}) if chosen else None,
            names=[p.name or p.key for p in project.partners],
            keys=[p.key for p in project.partners],
            commands=chosen,
        )
        self.partners = project.partners


def partner_options(partners: Iterable[Partner]) -> list[str]:
    """'--partner KEY' for each partner, as a hint's command adds it."""
    return [f"--partner {shell_word(partner.key)}" for partner in partners]


def commands_with(*options: str) -> list[str]:
    """The command of this run as typed, once with each of `options` added, for a hint to copy from.

    A refusal that a choice is missing names the ways out as commands that run, not as
    '--partner NAVN'. Empty when the run's words are not known (the command was not typed).
    """
    typed = i18n.typed_command()
    if not typed:
        return []
    command = " ".join([i18n.program_here(), *(shell_word(word) for word in typed)])
    return [f"{command} {option}" for option in options]


def find_partner(project: Project, wanted: str) -> Partner:
    """A partner named by its key or its name (in any case, with or without æøå).

    The first word(s) of a name do too, when only one partner's name begins so ('Fanø' for
    'Fanø Kommune'); when several do, the user is asked to write the whole name.
    """
    return _named(project.partners, wanted)


def _named(partners: tuple[Partner, ...], wanted: str) -> Partner:
    folded = fold_name(wanted)
    for partner in partners:
        if folded in (partner.key, fold_name(partner.name)):
            return partner
    words = _name_words(wanted)
    begins = [p for p in partners if words and _words(p)[: len(words)] == words]
    if len(begins) == 1:
        return begins[0]
    if begins:
        raise UsageProblem("dialogue.ambiguous-partner", name=wanted, names=[p.name or p.key for p in begins])
    raise unknown_partner(partners, wanted)


def unknown_partner(partners: Iterable[Partner], wanted: str, hint: Message | None = None) -> UsageProblem:
    """A name no partner has: the known names, and the close ones first (a typo of one?).

    The advice to add the name as a new organisation is given only when no name is close to it:
    a typo must not be invited into the project (`hint` replaces that advice).
    """
    partners = tuple(partners)
    close = [p.name or p.key for p in (*close_partners(partners, wanted), *_naming_within(partners, wanted))]
    if close and hint is None:
        hint = message("dialogue.unknown-partner-close.hint")
    return UsageProblem(
        "dialogue.unknown-partner",
        hint=hint,
        name=wanted,
        known=[p.name or p.key for p in partners],
        close=close,
    )


def _naming_within(partners: tuple[Partner, ...], wanted: str) -> list[Partner]:
    """The partners whose name has the words of `wanted` in a row after its first word ('Fyn ApS').

    Not taken as that partner (the first words are: find_partner), but not a new organisation
    either: the refusal names it rather than inviting a second partner by part of its name.
    """
    words = _name_words(wanted)
    found = []
    for partner in partners:
        names = _words(partner)
        runs = (names[i : i + len(words)] for i in range(1, len(names) - len(words) + 1))
        if words and words in runs and partner not in close_partners((partner,), wanted):
            found.append(partner)
    return found


def close_partners(partners: Iterable[Partner], name: str) -> list[Partner]:
    """The partners whose name is close to `name` (a typo of it?), closest first; none when equal.

    Loosely compared, so a new name is not a typo's partner: case, accents and æøå written any way
    (Fanø, Fanoe, Fano), punctuation and the word 'kommune' (even misspelt) do not count; what is
    left may differ by one letter (two when both are longer than 8, none in names of 3 letters or
    fewer), a swap of two letters counting one.
    """
    typed = _loose(meant_text(name))  # '[red]Fanø Kommne' is close to Fanø Kommune
    scored = []
    for i, partner in enumerate(partners):
        known = _loose(partner.name or partner.key)
        edits = _edits(typed, known)
        if edits <= _allowed(min(len(typed), len(known))):
            scored.append((edits, i, partner))
    return [partner for *_, partner in sorted(scored, key=lambda row: row[:2])]


def _loose(name: str) -> str:
    """A name as close_partners compares it: folded, æøå as a/o, letters and digits, no 'kommune'."""
    import difflib

    text = fold_name(name).replace("ae", "a").replace("oe", "o").replace("aa", "a")
    words = "".join(c if c.isalnum() else " " for c in text).split()
    kept = [w for w in words if difflib.SequenceMatcher(None, w, "kommune").ratio() < 0.8]
    return "".join(kept or words)


def _allowed(length: int) -> int:
    return 0 if length <= 3 else 1 if length <= 8 else 2


def _edits(a: str, b: str) -> int:
    """How many letters to add, drop, change or swap to turn a into b (optimal string alignment)."""
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        earlier, before, row = before, row, [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(before[j] + 1, row[j - 1] + 1, before[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], earlier[j - 2] + 1)
    return row[-1]


def org_named(key: str, sharing_orgs: Iterable[str], partners: Iterable[Partner]) -> str | Message:
    """An organisation for a message: its name (the first one given), never its key.

    'dele' is the sharing organisation ("den delende organisation" when no name is known); a
    partner nobody names is shown by its key, the only thing known about it.
    """
    if key == SHARING:
        return next((name for name in sharing_orgs if name), None) or message("org.sharing")
    return next((p.name for p in partners if p.key == key and p.name), key)


def _words(partner: Partner) -> list[str]:
    return _name_words(partner.name or partner.key)


def _name_words(name: str) -> list[str]:
    """A name's words, folded, no signs between them ('Hjemmehjælp Fyn, ApS': hjemmehjaelp, fyn, aps)."""
    return re.findall(r"\w+", fold_name(name))


def partner_for(
    project: Project, state: LocalState, option: str | None, required: bool = True
) -> Partner | None:
    """The dialogue a command is about: the option, this organisation, or the only partner.

    With several partners and none chosen, `required` raises PartnerChoice; otherwise None means
    "the whole project" (the portfolio on the sharing side).
    """
    mine = own_partner(project, state)
    if option is not None and not option.strip():  # a script's empty variable: never "the whole project"
        raise UsageProblem("dialogue.empty-partner", known=[p.name or p.key for p in project.partners])
    if option is not None:
        try:
            return find_partner(project, option) if mine is None else _only_mine(mine, option)
        except UsageProblem as exc:
            if exc.key in ("dialogue.unknown-partner", "dialogue.not-ours") and _is_sharing(project, option):
                raise UsageProblem("dialogue.partner-is-sharing", name=project.sharing_org.strip()) from None
            raise
    if mine is not None:
        return mine
    if len(project.partners) == 1:
        return project.partners[0]
    if not project.partners or not required:
        return None
    raise PartnerChoice(project)


def _is_sharing(project: Project, option: str) -> bool:
    """Whether --partner names the sharing organisation, by the rule that finds a partner by name."""
    if not (option.strip() and project.sharing_org.strip()):
        return False
    try:
        _named((Partner("", project.sharing_org),), option)
    except UsageProblem:
        return False
    return True


def own_partner(project: Project, state: LocalState) -> Partner | None:
    """The reusing organisation this computer is, when it is on the reusing side and knows which."""
    if state.side == "genbruge" and state.organisation:
        return project.partner(state.organisation)
    return None


def several_dialogues(project: Project, state: LocalState) -> bool:
    """True when this computer sees several dialogues, so a command or hint must say which one.

    That is with several partners, and not on the reusing side that knows which organisation it
    is: its only dialogue is its own, however many partners its file lists.
    """
    return len(project.partners) > 1 and own_partner(project, state) is None


def _only_mine(mine: Partner, option: str) -> Partner:
    """On the reusing side --partner may only name this organisation: its only dialogue.

    Another name is refused rather than ignored or looked up: the other partners' dialogues are
    the sharing side's, and this computer usually does not know their names.
    """
    try:
        return _named((mine,), option)
    except UsageProblem:
        raise UsageProblem("dialogue.not-ours", name=option, own=mine.name or mine.key) from None


def role_for(state: LocalState, option: str | None) -> str | None:
    """The side a command answers for: the option, else this computer's side (None: unknown)."""
    return option or state.side


# The English edition names the sides 'We want to share' and 'We want to reuse'; the option takes the
# Danish words, so the English ones are suggested (and the command put right), not taken silently.
ENGLISH_SIDES = {"share": "dele", "sharing": "dele", "reuse": "genbruge", "reusing": "genbruge"}


def parse_role(value: str | None) -> str | None:
    """Accept 'dele' or 'genbruge' in any case (and 'vi vil dele'); None stays None."""
    if value is None:
        return None
    folded = fold_name(value)
    for role in ROLES:
        if folded in (role, f"vi-vil-{role}", f"vi vil {role}"):
            return role
    import difflib

    meant = fold_name(meant_text(value))  # '[red]genbrug' is close too
    close = difflib.get_close_matches(meant, ROLES, n=1, cutoff=0.65)  # 'genbrug' -> 'genbruge'
    last = meant.replace("-", " ").split()[-1:]  # 'we want to share': the English edition's words
    if not close and last and last[0] in ENGLISH_SIDES:
        close = [ENGLISH_SIDES[last[0]]]
    raise UsageProblem("dialogue.unknown-role", value=value, close=close)
