"""What ``spredning start``'s options gave, checked before anything is asked, and the commands it prints.

Several wrong options are refused at once (without a terminal) or each opens its field to correct
(in one); a stop prints a start command with what was typed (typed_command), an example one
what works (start_command).
"""

from __future__ import annotations

from typing import NamedTuple

from spredning.app import projects
from spredning.app.dialogue import parse_role  # not names.parse_role: start asks a wrong side in its own turn
from spredning.app.projects import NewProject
from spredning.cli.commands.commandline import command
from spredning.core.errors import Message, UsageProblem, message
from spredning.core.shellwords import shell_word
from spredning.i18n import render, t


class Given(NamedTuple):
    """Which of the facts `start` may ask about its options gave (an option given empty is given)."""

    description: bool = False
    sharing_org: bool = False
    reusing_orgs: bool = False


def something_missing(new: NewProject, given: Given) -> bool:
    """Whether a terminal has a question left once the name and the side are given.

    --organisation gives the sharing organisation on the sharing side and our reusing one on
    the reusing side; several reusing organisations without it leave which one we are.
    """
    with_ours = projects.with_organisation(new)
    reusing = [n for n in with_ours.reusing_orgs if n.strip()]
    return (
        not given.description
        or not (given.sharing_org or with_ours.sharing_org.strip())
        or not (given.reusing_orgs or reusing)
        or (new.role == "genbruge" and not new.organisation and len(reusing) > 1)
    )


def check_given(ws, new: NewProject, named: bool) -> None:
    """What the options gave that start would refuse, said before any question (no answer typed in vain)."""
    if named:
        check_name(new)
    with_ours = projects.with_organisation(new)
    for problem in (
        projects.name_problem(ws, new.name) if named else None,
        projects.facts_problem(with_ours),
        projects.reusing_names_problem(with_ours.sharing_org, with_ours.reusing_orgs, with_ours.role),
        projects.organisation_problem(with_ours),
    ):
        if problem is not None:
            raise UsageProblem.of(problem)


Corrections = dict[str, tuple[str, str]]  # a field's name: (the option's text refused, why in words)
_FIELDS = ("name", "description", "sharing_org", "reusing_orgs", "role")  # those start's questions ask


class Wrong(NamedTuple):
    """An option start cannot take: the option, the field it gives, and what is wrong with it."""

    option: str
    field: str
    problem: Message


def given_problems(ws, new: NewProject, named: bool, taken: bool, given: Given = Given()) -> list[Wrong]:
    """Every option start would refuse, not only the first: --navn, --beskrivelse, --deler, --genbruger.

    `taken`: a name another project has counts too (after the projects folder is checked).
    --organisation on the sharing side gives the sharing name, on the reusing side our reusing one:
    a problem there is its own. A --deler or --genbruger `given` blank names no one: refused too.
    """
    found = _blank_given(new, given)
    if named:
        wrong = projects.name_problem(ws, new.name) if taken else projects.letters_problem(new.name)
        if wrong is not None:
            found.append(Wrong("--navn", "name", wrong))
    if (wrong := projects.description_problem(new.description)) is not None:
        found.append(Wrong("--beskrivelse", "description", wrong))
    try:
        ours = projects.with_organisation(new)
    except UsageProblem as two:  # --deler and --organisation name two sharing organisations
        return [*found, Wrong("--organisation", "organisation", two.message)]
    if (wrong := projects.sharing_line_problem(ours.sharing_org)) is not None:
        found.append(Wrong("--deler" if new.sharing_org.strip() else "--organisation", "sharing_org", wrong))
    wrong = projects.reusing_lines_problem(ours.reusing_orgs) or projects.reusing_names_problem(
        ours.sharing_org, ours.reusing_orgs, ours.role
    )
    if wrong is not None:
        option = "--genbruger" if any(n.strip() for n in new.reusing_orgs) else "--organisation"
        found.append(Wrong(option, "reusing_orgs", wrong))
    if (wrong := projects.organisation_problem(ours)) is not None:
        found.append(Wrong("--organisation", "organisation", wrong))
    return found


def _blank_given(new: NewProject, given: Given) -> list[Wrong]:
    """A --deler or --genbruger given with no name in it (empty, or only spaces): not taken as "none"."""
    found = []
    if given.sharing_org and not new.sharing_org.strip():
        found.append(Wrong("--deler", "sharing_org", message("start.blank-option", option="--deler")))
    if given.reusing_orgs and not all(name.strip() for name in new.reusing_orgs):
        blank = message("start.blank-option", option="--genbruger")
        found.append(Wrong("--genbruger", "reusing_orgs", blank))
    return found


def close_side(wrong: Wrong) -> str:
    """The side a --rolle refused was close to ('genbrug': genbruge), or '' when none."""
    close = wrong.problem.params.get("close")
    return str(close[0]) if isinstance(close, list) and close else ""


def given_role(rolle: str | None) -> tuple[str | None, list[Wrong]]:
    """The side --rolle gives, or (None, [what is wrong]) when it is no side.

    Without a terminal, alone it is refused as it was; with other values wrong, all are said at
    once (_refuse_all). In a terminal the sides are offered, why said above them.
    """
    try:
        return parse_role(rolle), []
    except UsageProblem as wrong:
        return None, [Wrong("--rolle", "role", wrong.message)]


def options_wrong(
    ws, new: NewProject, named: bool, interactive: bool, wrong_role: list[Wrong], given: Given
) -> list[Wrong]:
    """What start's options got wrong, before anything is asked: several are refused at once.

    Without a terminal one alone is left to the checks that refuse it with an example; in a
    terminal each opens its field (see fields_to_correct), also a name another project has.
    """
    problems = [*wrong_role, *given_problems(ws, new, named=named, taken=False, given=given)]
    _refuse_all(problems, interactive)  # several values wrong: all said at once (a terminal opens fields)
    if wrong_role and not interactive:  # the side alone is wrong: refused as it was
        raise UsageProblem.of(wrong_role[0].problem)
    blank = [wrong for wrong in problems if wrong.problem.key == "start.blank-option"]
    if blank and not interactive:  # no later check refuses it: it would be taken as no name
        raise UsageProblem.of(blank[0].problem)
    if interactive and named and not problems:  # a name taken opens its field too
        ws.home()  # a projects folder that cannot be used is said first
        problems = given_problems(ws, new, named=True, taken=True, given=given)
    return problems


def _refuse_all(problems: list[Wrong], interactive: bool) -> None:
    """Several options wrong: refused in one message naming each (exit 2), so one run puts all right.

    In a terminal the fields of those start asks open instead, each holding what was given (see
    fields_to_correct); only one that has no field (--organisation) is refused there, with the others.
    """
    if len(problems) < 2 or (interactive and all(_correctable(wrong) for wrong in problems)):
        return
    lines = [
        Message("start.option-problem", {"option": w.option, "problem": said(w.problem)}) for w in problems
    ]
    raise UsageProblem("start.several-problems", n=len(lines), problems=lines)


def _correctable(wrong: Wrong) -> bool:
    """Whether start's questions have a field for the option's value (--organisation has none).

    An --organisation that is none of the --genbruger names has the choice among them.
    """
    if wrong.field == "organisation":
        return wrong.problem.key in OUR_NAME_WRONG
    return wrong.field in _FIELDS and wrong.option != "--organisation"


OUR_NAME_WRONG = ("start.organisation-not-reusing", "dialogue.ambiguous-partner")


def each_own_field(new: NewProject) -> bool:
    """On the reusing side several --genbruger are a list: each one refused is corrected on its own."""
    return new.role == "genbruge" and len(new.reusing_orgs) > 1


def fields_to_correct(
    ws, new: NewProject, given: Given, named: bool
) -> tuple[NewProject, Given, Corrections]:
    """In a terminal: the options start would refuse, each left to its field, which holds it to correct.

    One without a field (--organisation) is refused as before (check_given). The field is asked
    as if the option were not given; the problem is said above it.
    """
    problems = given_problems(ws, new, named, taken=True, given=given)
    if not all(_correctable(wrong) for wrong in problems):
        check_given(ws, new, named)
    corrections: Corrections = {}
    for wrong in problems:
        value = getattr(new, wrong.field)
        if wrong.field == "reusing_orgs" and each_own_field(new):
            continue  # each name refused opens a field of its own (_names_corrected), the others kept
        text = ", ".join(n for n in value if n.strip()) if wrong.field == "reusing_orgs" else value
        text = text if text.strip() else ""  # given blank: the field opens empty
        corrections[wrong.field] = (text, said(wrong.problem) or "")
        emptied: dict[str, object] = {wrong.field: () if wrong.field == "reusing_orgs" else ""}
        emptied |= {"organisation": None} if wrong.field == "organisation" else {}
        new = new._replace(**emptied)  # type: ignore[arg-type]  # asked as if not given
    given = given._replace(**{field: False for field in corrections if field in given._fields})
    return new, given, corrections


def given_text(to_correct: Corrections):
    """Two lookups for a field: the text it holds to correct ('' for none), and why it was refused."""
    return (
        lambda field: to_correct.get(field, ("", ""))[0],
        lambda field: to_correct[field][1] if field in to_correct else None,
    )


def check_name(new: NewProject) -> None:
    """A name start cannot take: refused with the user's own command, a name that works in its place."""
    problem = projects.letters_problem(new.name)
    if problem is not None:
        error = UsageProblem.of(problem)
        fixed = start_command(new)  # every other option kept, a name that works in place of this one
        error.hint = Message("start.name-refused.command", {"command": fixed})
        raise error


def check_organisation(new: NewProject) -> None:
    """The reusing side names its own organisation: refused without, with the command given as it was."""
    problem = projects.organisations_problem(new.role, projects.with_organisation(new).reusing_orgs)
    if problem is not None:
        error = UsageProblem.of(problem)
        error.hint = Message("start.reusing-needs-organisation.command", {"command": start_command(new)})
        raise error


def said(message: Message | None) -> str | None:
    """A problem as a field says it under the text, and for a name close to another what to do.

    That is said in the field's words: the error's ".hint" speaks of options.
    """
    if message is None:
        return None
    if message.key == "start.close-name":
        return f"{render(message)} {t('start.close-name.field', **message.params)}"
    if message.key == "start.close-sharing":
        return f"{render(message)} {t('start.close-sharing.field', **message.params)}"
    return render(message)


def typed_command(new: NewProject) -> str | None:
    """A start command with what was typed before a stop, to run again; None when nothing was typed.

    Only what was given: the command asks for the rest, as this one did.
    """
    words = ["start"]
    options = (("--navn", new.name), ("--rolle", new.role or ""), ("--beskrivelse", new.description))
    for option, value in (*options, ("--deler", new.sharing_org)):
        if value.strip():
            words += [option, shell_word(value.strip())]
    for name in new.reusing_orgs:
        if name.strip():
            words += ["--genbruger", shell_word(name.strip())]
    if new.organisation:
        words += ["--organisation", shell_word(new.organisation)]
    return command(*words, project=None) if len(words) > 1 else None


def start_command(new: NewProject) -> str:
    """A start command that works as typed: the options given, and examples for what is missing."""
    role = new.role or "genbruge"
    reusing = [n for n in new.reusing_orgs if n.strip()]
    name = new.name.strip()
    if not name or projects.letters_problem(name) is not None:  # a name start would refuse: the example's
        name = t("start.example-name")
    words = ["start", "--navn", shell_word(name), "--rolle", role]
    for option, value in (("--beskrivelse", new.description), ("--deler", new.sharing_org)):
        if value.strip():
            words += [option, shell_word(value)]
    for name in reusing:
        words += ["--genbruger", shell_word(name)]
    given = new.organisation if new.organisation and new.organisation.strip() else None  # blank: refused
    organisation = given or (reusing[0] if role == "genbruge" and len(reusing) > 1 else None)
    if role == "genbruge" and not reusing and not organisation:  # the reusing side names itself
        organisation = t("start.example-org")
    if organisation:
        words += ["--organisation", shell_word(organisation)]
    return command(*words, project=None)  # a new project: made active
