"""``spredning start`` and ``projekter`` (the ``projekt`` commands: project_settings)."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import typer
from rich.text import Text

from spredning.app import projects
from spredning.app.dialogue import parse_role  # not names.parse_role: start asks a wrong side in its own turn
from spredning.app.projects import NewProject
from spredning.cli import typer_compat
from spredning.cli.commands.asking import is_interactive, tell_left
from spredning.cli.commands.commandline import command
from spredning.cli.commands.names import phase_word
from spredning.cli.commands.workspace import tell_missing_names, tell_odd_files, workspace
from spredning.cli.console import after_work, make_console, say
from spredning.cli.render_text import print_fitted, print_said, print_whole
from spredning.core.errors import Interrupted, Message, NotATerminal, SpredningError, UsageProblem, message
from spredning.core.shellwords import shell_word
from spredning.core.textsafe import clean_name
from spredning.i18n import render, t


def _problem(message) -> str | None:
    return render(message) if message is not None else None


_Check = Callable[[str], "str | None"]  # a field's check: why its text is refused, or None


class _Typed:
    """What the user has given in start's questions so far and start took, the field being typed in included.

    If they stop before the project is made (Ctrl+C, Ctrl+D, or Esc in a list from the home
    screen), nothing is saved: the command says so and gives a start command with what they typed.
    Only what start accepts goes in it: a value it refused (a name taken, close to another ...)
    would refuse that command, so it is left out, and the command asks for it again.
    """

    def __init__(self, new: NewProject):
        self.new = new
        self.refused: set[str] = set()  # the fields whose text was refused, left out of the command
        self.dropped: dict[str, str] = {}  # a refused field's text, said at a stop to be copied (not lost)
        self.asking: Callable[[str], None] | None = None  # the field asked last: its text counts at a stop
        self.undecided_fields: set[str] = set()  # dropped while a question about them was open

    def given(self, **fields) -> None:
        self.new = self.new._replace(**fields)
        self.refused -= fields.keys()
        self.undecided_fields -= fields.keys()
        for name in fields:
            self.dropped.pop(name, None)

    def field(
        self, name: str, problem: _Check, as_value: Callable[[str], object] = str
    ) -> Callable[[str], None]:
        """For ask_text's `interrupted`: the field's text, as far as it was typed, counts as given.

        Unless `problem` (the field's check when Enter is pressed) refuses it: then the field is empty.
        """

        def stopped(text: str) -> None:
            taken = problem(text) is None
            self.given(**{name: as_value(text if taken else "")})
            if not taken and text.strip():
                self.refused.add(name)
                self.dropped[name] = text

        self.asking = stopped
        return stopped

    def undecided(self, name: str, text: str) -> None:
        """A field's text whose meaning is still being asked: left out of the command, said after it."""
        self.given(**{name: ()})
        self.refused.add(name)
        self.dropped[name] = text
        self.undecided_fields.add(name)

    def dropped_text(self) -> str:
        """The text of the fields refused, left out of the command and said after it, to correct."""
        return " ".join(self.dropped.values())

    def again(self, text: str | None) -> str | None:
        """At a stop from outside: the start command with all typed, `text` in the field asked now."""
        if text is not None and self.asking is not None:  # None: at a list, no field's text
            self.asking(text)
        return _typed_command(self.new)


def _ask_name(ws, typed_so_far: _Typed, given: tuple[str, str] | None = None) -> tuple[str, bool]:
    """The new project's name, or the file name (slug) of the project that has it when the user goes on there.

    A name already used is said after Enter, not in the one-line toolbar under the prompt (too
    narrow for the name and the way out), and the user chooses: another name, or that project.
    `given`: a --navn refused and why: the field holds it, the problem said above it.
    """
    import questionary

    from spredning.cli.prompts.simple import ask_text, select

    typed, refused = given or ("", None)
    while True:
        typed = ask_text(
            t("start.ask-name"),
            lambda text: _problem(projects.letters_problem(text)),
            default=typed,
            interrupted=typed_so_far.field("name", lambda text: _problem(projects.name_problem(ws, text))),
            refused=refused,
        )
        refused = None
        taken = projects.name_problem(ws, typed)
        if taken is None:
            typed_so_far.given(name=typed)
            return typed, False
        typed_so_far.refused.add("name")
        # said by the console, which wraps between words; the prompt's own line would break a word
        make_console().print(Text(render(taken), style="yellow"))
        choice = select(
            t("start.taken-what"),
            [
                questionary.Choice(t("start.taken-other"), "other"),
                questionary.Choice(t("start.taken-use"), "use"),
            ],
        )
        if choice == "use":  # the project of that name, wherever its file (not 'projekt' for 中文项目)
            return ws.store.named(typed) or typed, True


class _Given(NamedTuple):
    """Which of the facts `start` may ask about its options gave (an option given empty is given)."""

    description: bool = False
    sharing_org: bool = False
    reusing_orgs: bool = False


def _something_missing(new: NewProject, given: _Given) -> bool:
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


def _check_given(ws, new: NewProject, named: bool) -> None:
    """What the options gave that start would refuse, said before any question (no answer typed in vain)."""
    if named:
        _check_name(new)
    with_ours = projects.with_organisation(new)
    for problem in (
        projects.name_problem(ws, new.name) if named else None,
        projects.facts_problem(with_ours),
        projects.reusing_names_problem(with_ours.sharing_org, with_ours.reusing_orgs, with_ours.role),
        projects.organisation_problem(with_ours),
    ):
        if problem is not None:
            raise UsageProblem.of(problem)


_Corrections = dict[str, tuple[str, str]]  # a field's name: (the option's text refused, why in words)
_FIELDS = ("name", "description", "sharing_org", "reusing_orgs", "role")  # those start's questions ask


class _Wrong(NamedTuple):
    """An option start cannot take: the option, the field it gives, and what is wrong with it."""

    option: str
    field: str
    problem: Message


def _given_problems(ws, new: NewProject, named: bool, taken: bool, given: _Given = _Given()) -> list[_Wrong]:
    """Every option start would refuse, not only the first: --navn, --beskrivelse, --deler, --genbruger.

    `taken`: a name another project has counts too (after the projects folder is checked).
    --organisation on the sharing side gives the sharing name, on the reusing side our reusing one:
    a problem there is its own. A --deler or --genbruger `given` blank names no one: refused too.
    """
    found = _blank_given(new, given)
    if named:
        wrong = projects.name_problem(ws, new.name) if taken else projects.letters_problem(new.name)
        if wrong is not None:
            found.append(_Wrong("--navn", "name", wrong))
    if (wrong := projects.description_problem(new.description)) is not None:
        found.append(_Wrong("--beskrivelse", "description", wrong))
    try:
        ours = projects.with_organisation(new)
    except UsageProblem as two:  # --deler and --organisation name two sharing organisations
        return [*found, _Wrong("--organisation", "organisation", two.message)]
    if (wrong := projects.sharing_line_problem(ours.sharing_org)) is not None:
        found.append(_Wrong("--deler" if new.sharing_org.strip() else "--organisation", "sharing_org", wrong))
    wrong = projects.reusing_lines_problem(ours.reusing_orgs) or projects.reusing_names_problem(
        ours.sharing_org, ours.reusing_orgs, ours.role
    )
    if wrong is not None:
        option = "--genbruger" if any(n.strip() for n in new.reusing_orgs) else "--organisation"
        found.append(_Wrong(option, "reusing_orgs", wrong))
    if (wrong := projects.organisation_problem(ours)) is not None:
        found.append(_Wrong("--organisation", "organisation", wrong))
    return found


def _blank_given(new: NewProject, given: _Given) -> list[_Wrong]:
    """A --deler or --genbruger given with no name in it (empty, or only spaces): not taken as "none"."""
    found = []
    if given.sharing_org and not new.sharing_org.strip():
        found.append(_Wrong("--deler", "sharing_org", message("start.blank-option", option="--deler")))
    if given.reusing_orgs and not all(name.strip() for name in new.reusing_orgs):
        blank = message("start.blank-option", option="--genbruger")
        found.append(_Wrong("--genbruger", "reusing_orgs", blank))
    return found


def _close_side(wrong: _Wrong) -> str:
    """The side a --rolle refused was close to ('genbrug': genbruge), or '' when none."""
    close = wrong.problem.params.get("close")
    return str(close[0]) if isinstance(close, list) and close else ""


def _given_role(rolle: str | None) -> tuple[str | None, list[_Wrong]]:
    """The side --rolle gives, or (None, [what is wrong]) when it is no side.

    Without a terminal, alone it is refused as it was; with other values wrong, all are said at
    once (_refuse_all). In a terminal the sides are offered, why said above them.
    """
    try:
        return parse_role(rolle), []
    except UsageProblem as wrong:
        return None, [_Wrong("--rolle", "role", wrong.message)]


def _options_wrong(
    ws, new: NewProject, named: bool, interactive: bool, wrong_role: list[_Wrong], given: _Given
) -> list[_Wrong]:
    """What start's options got wrong, before anything is asked: several are refused at once.

    Without a terminal one alone is left to the checks that refuse it with an example; in a
    terminal each opens its field (see _to_correct), also a name another project has.
    """
    problems = [*wrong_role, *_given_problems(ws, new, named=named, taken=False, given=given)]
    _refuse_all(problems, interactive)  # several values wrong: all said at once (a terminal opens fields)
    if wrong_role and not interactive:  # the side alone is wrong: refused as it was
        raise UsageProblem.of(wrong_role[0].problem)
    blank = [wrong for wrong in problems if wrong.problem.key == "start.blank-option"]
    if blank and not interactive:  # no later check refuses it: it would be taken as no name
        raise UsageProblem.of(blank[0].problem)
    if interactive and named and not problems:  # a name taken opens its field too
        ws.home()  # a projects folder that cannot be used is said first
        problems = _given_problems(ws, new, named=True, taken=True, given=given)
    return problems


def _refuse_all(problems: list[_Wrong], interactive: bool) -> None:
    """Several options wrong: refused in one message naming each (exit 2), so one run puts all right.

    In a terminal the fields of those start asks open instead, each holding what was given (see
    _to_correct); only one that has no field (--organisation) is refused there, with the others.
    """
    if len(problems) < 2 or (interactive and all(_correctable(wrong) for wrong in problems)):
        return
    lines = [
        Message("start.option-problem", {"option": w.option, "problem": _said(w.problem)}) for w in problems
    ]
    raise UsageProblem("start.several-problems", n=len(lines), problems=lines)


def _correctable(wrong: _Wrong) -> bool:
    """Whether start's questions have a field for the option's value (--organisation has none).

    An --organisation that is none of the --genbruger names has the choice among them.
    """
    if wrong.field == "organisation":
        return wrong.problem.key in _OUR_NAME_WRONG
    return wrong.field in _FIELDS and wrong.option != "--organisation"


_OUR_NAME_WRONG = ("start.organisation-not-reusing", "dialogue.ambiguous-partner")


def _each_own_field(new: NewProject) -> bool:
    """On the reusing side several --genbruger are a list: each one refused is corrected on its own."""
    return new.role == "genbruge" and len(new.reusing_orgs) > 1


def _to_correct(ws, new: NewProject, given: _Given, named: bool) -> tuple[NewProject, _Given, _Corrections]:
    """In a terminal: the options start would refuse, each left to its field, which holds it to correct.

    One without a field (--organisation) is refused as before (_check_given). The field is asked
    as if the option were not given; the problem is said above it.
    """
    problems = _given_problems(ws, new, named, taken=True, given=given)
    if not all(_correctable(wrong) for wrong in problems):
        _check_given(ws, new, named)
    corrections: _Corrections = {}
    for wrong in problems:
        value = getattr(new, wrong.field)
        if wrong.field == "reusing_orgs" and _each_own_field(new):
            continue  # each name refused opens a field of its own (_names_corrected), the others kept
        text = ", ".join(n for n in value if n.strip()) if wrong.field == "reusing_orgs" else value
        text = text if text.strip() else ""  # given blank: the field opens empty
        corrections[wrong.field] = (text, _said(wrong.problem) or "")
        emptied: dict[str, object] = {wrong.field: () if wrong.field == "reusing_orgs" else ""}
        emptied |= {"organisation": None} if wrong.field == "organisation" else {}
        new = new._replace(**emptied)  # type: ignore[arg-type]  # asked as if not given
    given = given._replace(**{field: False for field in corrections if field in given._fields})
    return new, given, corrections


def _given_text(to_correct: _Corrections):
    """Two lookups for a field: the text it holds to correct ('' for none), and why it was refused."""
    return (
        lambda field: to_correct.get(field, ("", ""))[0],
        lambda field: to_correct[field][1] if field in to_correct else None,
    )


def _check_name(new: NewProject) -> None:
    """A name start cannot take: refused with the user's own command, a name that works in its place."""
    problem = projects.letters_problem(new.name)
    if problem is not None:
        error = UsageProblem.of(problem)
        fixed = _start_command(new)  # every other option kept, a name that works in place of this one
        error.hint = Message("start.name-refused.command", {"command": fixed})
        raise error


def _check_organisation(new: NewProject) -> None:
    """The reusing side names its own organisation: refused without, with the command given as it was."""
    problem = projects.organisations_problem(new.role, projects.with_organisation(new).reusing_orgs)
    if problem is not None:
        error = UsageProblem.of(problem)
        error.hint = Message("start.reusing-needs-organisation.command", {"command": _start_command(new)})
        raise error


def _ask_missing(
    ws, new: NewProject, given: _Given, typed: _Typed, to_correct: _Corrections | None = None
) -> NewProject:
    """Ask for what the options did not give; each answer is checked as it is typed (and noted in `typed`).

    `to_correct`: the fields whose option was refused (see _to_correct), each holding it to correct.
    """
    import questionary

    from spredning.cli.prompts.simple import ask_text, select, stop_help

    to_correct = to_correct or {}
    text_of, why = _given_text(to_correct)
    if "role" in to_correct:  # a --rolle given that is no side: why, above the sides to choose from
        make_console().print(Text(to_correct["role"][1], style="yellow"))
    sides = [
        questionary.Choice(t("start.side-dele"), "dele"),
        questionary.Choice(t("start.side-genbruge"), "genbruge"),
    ]
    close = to_correct.get("role", ("", ""))[0]  # the side the one given was close to: chosen already
    role = new.role or select(
        t("start.ask-side"),
        sides,
        default=next((side for side in sides if side.value == close), None),
        instruction=stop_help() if "role" in to_correct else None,
    )
    typed.given(role=role)
    new = projects.with_organisation(new._replace(role=role))  # --organisation: ours, on either side
    if (wrong := projects.organisation_problem(new)) is not None:  # the side chosen: said before the rest
        if wrong.key not in _OUR_NAME_WRONG:
            raise UsageProblem.of(wrong)
        to_correct = to_correct | {"organisation": (new.organisation or "", "")}
        new = new._replace(organisation=None)  # chosen among the --genbruger names, after them
        typed.given(organisation=None)
        typed.refused.add("organisation")
    description = new.description
    if not given.description:

        def description_problem(text: str) -> str | None:
            return _problem(projects.description_problem(text))

        description = ask_text(
            t("start.ask-description"),
            description_problem,
            default=text_of("description"),
            interrupted=typed.field("description", description_problem),
            refused=why("description"),
        )
        typed.given(description=description)
    sharing = new.sharing_org
    if not (given.sharing_org or sharing.strip()):
        named = [n for n in new.reusing_orgs if n.strip()]  # --organisation or --genbruger given already

        def sharing_problem(text: str) -> str | None:
            clash = next((n for n in named if projects.same_organisation(text, n)), None)
            if clash is not None:
                return t("start.sharing-is-reusing", name=text.strip(), reusing=clash)
            return _problem(projects.sharing_line_problem(text))

        sharing = ask_text(
            t("start.ask-sharing-org"),  # on either side: "Jeres" read as a consultant's own firm
            sharing_problem,
            default=text_of("sharing_org"),
            interrupted=typed.field("sharing_org", sharing_problem),
            refused=why("sharing_org"),
        )
        typed.given(sharing_org=sharing)
    reusing = _reusing_asked(new, given, sharing, typed, to_correct)
    organisation = _our_organisation(NewProject("", "", sharing, reusing, role, new.organisation), to_correct)
    return NewProject(new.name, description, sharing, reusing, role, organisation)


def _reusing_asked(new: NewProject, given: _Given, sharing: str, typed: _Typed, to_correct: _Corrections):
    """The reusing organisations given, each one refused corrected, or asked when none was given."""
    reusing = new.reusing_orgs
    if new.role == "genbruge" and _each_own_field(new):  # a refused one of several: its own field
        return _names_corrected(sharing, reusing, typed)
    if not (given.reusing_orgs or any(n.strip() for n in reusing)):
        reusing = _ask_reusing(new.role or "", sharing, typed, to_correct.get("reusing_orgs"))
        typed.given(reusing_orgs=reusing)
    return reusing


def _our_organisation(new: NewProject, to_correct: _Corrections) -> str | None:
    """Which of the reusing organisations we are: --organisation, or chosen among the names.

    An --organisation none of them (as they are once corrected) is said above the names, the
    one closest to it chosen already.
    """
    import questionary

    from spredning.cli.prompts.simple import select, stop_help

    given = to_correct["organisation"][0] if "organisation" in to_correct else new.organisation
    named = [n for n in new.reusing_orgs if n.strip()]
    wrong = projects.organisation_problem(new._replace(organisation=given))
    if new.role != "genbruge" or (wrong is None and (given is not None or len(named) < 2)):
        return given  # ours given, or the only one
    if wrong is not None and wrong.key not in _OUR_NAME_WRONG:
        raise UsageProblem.of(wrong)
    if wrong is not None:  # why, above the names; the list says how to stop
        make_console().print(Text(_said(wrong) or "", style="yellow"))
    choices = [questionary.Choice(clean_name(n), n) for n in named]
    close = _closest_name(given or "", named)
    return select(
        t("start.which-organisation", names=named),
        choices,
        default=next((c for c in choices if c.value == close), None),
        instruction=stop_help() if wrong is not None else None,
    )


def _closest_name(typed: str, names: list[str]) -> str | None:
    """Of the names, the one closest to what was typed (a typo of it?), or None."""
    from spredning.app.dialogue import close_partners
    from spredning.core.model import Partner

    close = close_partners([Partner(str(i), name) for i, name in enumerate(names)], typed) if typed else []
    return close[0].name if close else None


def _names_corrected(sharing: str, names: tuple[str, ...], typed: _Typed) -> tuple[str, ...]:
    """Several --genbruger on the reusing side: each one refused opens a field of its own, holding it.

    Why it was refused is said above it; the names that are right are kept as they were given.
    A stop keeps those, and the one in the field when it can be taken.
    """
    from spredning.cli.prompts.simple import ask_text

    kept = list(names)
    for i in range(len(kept)):
        blank = message("start.blank-option", option="--genbruger") if not kept[i].strip() else None
        problem = _said(blank) or _name_problem(sharing, kept, i)
        if problem is None:
            continue

        def check(text: str, i: int = i) -> str | None:
            return _name_problem(sharing, [*kept[:i], text, *kept[i + 1 :]], i)

        def stopped(text: str, i: int = i, check=check) -> None:
            taken = check(text) is None
            names = (*kept[:i], text if taken else "", *kept[i + 1 :])
            typed.given(reusing_orgs=tuple(n for n in names if n.strip()))
            if not taken:
                typed.refused.add("reusing_orgs")

        kept[i] = ask_text(
            t("start.ask-reusing-org"),
            check,
            instruction=t("start.ask-reusing-org-help"),
            default=kept[i] if kept[i].strip() else "",
            interrupted=stopped,
            refused=problem,
        ).strip()
    names = tuple(name for name in kept if name)  # one emptied in its field is left out
    typed.given(reusing_orgs=names)
    return names


def _name_problem(sharing: str, names: list[str], i: int) -> str | None:
    """Why the i-th of the reusing organisations' names cannot be taken (the ones before it right)."""
    name = names[i]
    if not name.strip():  # emptied: left out
        return None
    return _said(
        projects.reusing_lines_problem((name,))
        or projects.reusing_names_problem(sharing, [*names[:i], name], "genbruge")
    )


def _ask_reusing(
    role: str, sharing: str, typed: _Typed, given: tuple[str, str] | None = None
) -> tuple[str, ...]:
    """The reusing organisations: our own one on the reusing side, any number on the sharing side.

    `given`: the --genbruger names refused and why: the field holds them, the problem said above it.
    """
    from spredning.cli.prompts.simple import ask_text

    text, refused = given or ("", None)

    def names_problem(names: tuple[str, ...]) -> str | None:
        return _said(
            projects.organisations_problem(role, names)
            or projects.reusing_lines_problem(names)
            or projects.reusing_names_problem(sharing, names, role)
        )

    if role == "genbruge":

        def our_problem(text: str) -> str | None:
            return names_problem((text,))

        field = typed.field("reusing_orgs", our_problem, lambda text: (text,))
        return (
            ask_text(t("start.ask-own-org"), our_problem, default=text, interrupted=field, refused=refused),
        )

    def list_problem(text: str) -> str | None:
        return names_problem(_comma_list(text))

    while True:
        answer = ask_text(
            t("start.ask-reusing-orgs"),
            list_problem,
            instruction=t("start.ask-reusing-orgs-help"),
            default=text,
            interrupted=typed.field("reusing_orgs", list_problem, _comma_list),
            refused=refused,
        )
        names = _comma_list(answer)
        if len(names) < 2:
            return names
        typed.undecided("reusing_orgs", answer)  # a stop at the question: split or whole, not guessed
        text, refused = answer.strip(), None
        meant = _split_meant(names)
        if meant == "several":
            return names
        if meant == "one":
            refused = names_problem((text,))
            if refused is None:
                return (text,)
        else:  # among several, a name with a comma is added once the project is made
            refused = t("start.several-orgs-edit-said")


def _split_meant(names: tuple[str, ...]) -> str:
    """Whether the names split at the commas are organisations ('several'), one name ('one'), or 'edit'.

    The field splits at commas, but a name may have one ('Odense Kommune, Sundhed'); --genbruger
    and 'projekt genbruger' take it whole. Asked, not guessed: each name is a dialogue of its own.
    """
    import questionary

    from spredning.cli.prompts.simple import select

    make_console().print(Text(t("start.several-orgs-said", n=len(names), names=list(names))))
    return select(
        t("start.several-orgs"),
        [
            questionary.Choice(t("start.several-orgs-yes", n=len(names)), "several"),
            questionary.Choice(t("start.several-orgs-one"), "one"),
            questionary.Choice(t("start.several-orgs-edit"), "edit"),
        ],
    )


def _said(message: Message | None) -> str | None:
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


def _comma_list(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _typed_command(new: NewProject) -> str | None:
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


def _not_started(typed: _Typed):
    """The hint when start stops before the project is made: the command with what was typed, if any.

    When a value typed was refused, the hint says the command has what could be used and asks the rest.
    """
    again = _typed_command(typed.new)
    dropped = typed.dropped_text()  # a field's text refused: out of the command, never lost
    if again is None:
        return Message("start.typed-dropped", {"text": dropped}) if dropped.strip() else None
    if dropped.strip():
        asked = typed.dropped.keys() <= typed.undecided_fields  # not refused: the question was open
        return Message(
            "start.typed-again-undecided" if asked else "start.typed-again-dropped",
            {"command": again, "text": dropped},
        )
    return Message("start.typed-again-refused" if typed.refused else "start.typed-again", {"command": again})


def _start_command(new: NewProject) -> str:
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


def start(
    ctx: typer.Context,
    navn: str | None = typer.Option(None, "--navn", metavar=t("metavar.name"), help=t("help.start.navn")),
    beskrivelse: str | None = typer.Option(
        None, "--beskrivelse", metavar=t("metavar.text"), help=t("help.start.beskrivelse")
    ),
    deler: str | None = typer.Option(None, "--deler", metavar=t("metavar.name"), help=t("help.start.deler")),
    genbruger: list[str] | None = typer.Option(
        None, "--genbruger", metavar=t("metavar.name"), help=t("help.start.genbruger")
    ),
    rolle: str | None = typer.Option(
        None, "--rolle", "-r", metavar="dele|genbruge", help=t("help.start.rolle")
    ),
    organisation: str | None = typer.Option(
        None, "--organisation", metavar=t("metavar.name"), help=t("help.start.organisation")
    ),
    eksempel: bool = typer.Option(False, "--eksempel", help=t("help.start.eksempel")),
) -> None:
    """Start et nyt projekt, og gør det aktivt."""
    ws = workspace(ctx, new_home=True)
    console = make_console()
    if eksempel:
        options = {"--navn": navn, "--beskrivelse": beskrivelse, "--deler": deler, "--genbruger": genbruger}
        options |= {"--rolle": rolle, "--organisation": organisation}
        extra = [option for option, value in options.items() if value is not None]
        if extra:  # the example project has its own facts: what was given is refused, never dropped
            raise UsageProblem("start.example-with-options", options=extra)
        started = projects.start_example(ws)
        tried = tuple(
            command(*words, project=None) for words in (["status"], ["vis"], ["rapport", "--format", "html"])
        )
        _tell_started(
            console, started, say("start.try-example", first=tried[0], second=tried[1], third=tried[2]), tried
        )
        return
    interactive, asked = is_interactive(), False
    role, wrong_role = _given_role(rolle)  # in a terminal a wrong side is asked, why said
    new = NewProject(navn or "", beskrivelse or "", deler or "", tuple(genbruger or ()), role, organisation)
    given = _Given(beskrivelse is not None, deler is not None, genbruger is not None)
    problems = _options_wrong(ws, new, navn is not None, interactive, wrong_role, given)
    if navn is None or new.role is None or _something_missing(new, given) or (interactive and problems):
        ws.home()  # a projects folder that cannot be used is said first, before any question
        if not interactive and (navn is None or new.role is None):
            raise NotATerminal("start.no-terminal", command=_start_command(new))
        if interactive:
            # what the options got wrong, before any question: each field opens holding it, to correct
            new, given, to_correct = _to_correct(ws, new, given, named=navn is not None)
            to_correct |= {
                wrong.field: (_close_side(wrong), _said(wrong.problem) or "") for wrong in wrong_role
            }
            answered = _ask(ws, new, given, to_correct)
            if isinstance(answered, str):  # the user goes on with the project that has the name
                project = projects.use(ws, answered)
                with after_work(console):
                    status = command("status", project=None)  # made active
                    print_said(console, say("start.going-on", name=project.name, command=status), status)
                return
            new, asked = answered, True
    _check_name(new)
    _check_organisation(new)
    try:
        started = projects.start(ws, new)
    except UsageProblem as which:  # several reusing organisations, none said to be ours
        if which.key == "start.which-organisation":
            which.hint = Message("start.which-organisation.command", {"command": _start_command(new)})
        elif which.key == "start.name-taken" and asked:  # made in another window while this one asked
            again = _typed_command(new._replace(name=""))  # the name asked again, the rest as typed
            which.hint = Message("start.name-taken-meanwhile", {"command": again, **which.params})
        raise
    role = started.local.side or "genbruge"
    first_phase = command(
        "fase", phase_word(ws.guide.phases[0]), "--rolle", role, project=None
    )  # the new one
    status = command("status", project=None)
    next_step = say("start.next", command=first_phase, status=status)
    _tell_started(console, started, next_step, (first_phase, status))
    tell_missing_names(console, started.project, started.local.side, None)


def _ask(ws, new: NewProject, given: _Given, to_correct: _Corrections | None = None) -> NewProject | str:
    """Ask what the options did not give: the new project, or the name of the existing one to use.

    `to_correct`: the fields whose option was refused, each opened holding it, why said above it.
    A stop before the project is made says that none was, with what was typed (see _Typed).
    """
    from spredning.cli.prompts.keys import BackToMenu
    from spredning.cli.prompts.stops import started_again_with

    typed = _Typed(new)
    to_correct = to_correct or {}
    try:
        with started_again_with(typed.again, typed.dropped_text):  # a closed window keeps what Ctrl+C gives
            if not new.name:
                name, existing = _ask_name(ws, typed, to_correct.get("name"))
                if existing:
                    return name
                new = new._replace(name=name)
            return _ask_missing(ws, new, given, typed, to_correct)
    except (KeyboardInterrupt, EOFError):
        raise Interrupted("start.interrupted", hint=_not_started(typed)) from None
    except BackToMenu:  # Esc in a list: back to the home screen's menu, told what was not made
        tell_left(Message("start.left"), _not_started(typed))
        raise


def _tell_started(console, started, next_step: Text, commands: tuple[str, ...]) -> None:
    """A project made: its name, its file and what to do next, its `commands` whole (see after_work)."""
    with after_work(console):
        console.print(say("start.created", style="bold green", name=started.project.name))
        print_said(console, say("start.file", style="dim", path=str(started.path)), str(started.path))
        print_said(console, next_step, commands)


def projekter(
    ctx: typer.Context,
    ingen_pager: bool = typer.Option(False, "--ingen-pager", help=t("help.pager")),
) -> None:
    """Vis alle projekter med deres fremdrift; det aktive er markeret med ▶."""
    from spredning.cli.pager import paged
    from spredning.cli.render_project import project_list
    from spredning.cli.render_text import commands_whole
    from spredning.core.store import Summary
    from spredning.i18n import bare_program

    ws = workspace(ctx)
    console = make_console()
    rows, active = projects.project_rows(ws)
    odd = projects.odd_rows(ws.store, [(row.slug, row.summary) for row in rows])
    if not rows:
        if odd:  # a project under another name is not "nothing": each file, and what to do with it
            console.print(say("projects.none-but-odd", style="yellow", home=str(ws.store.shown_home)))
            tell_odd_files(console, odd)
            return
        start_command = command("start", project=None)
        print_said(
            console, say("projects.none", home=str(ws.store.shown_home), command=start_command), start_command
        )
        return
    with paged(console, not ingen_pager) as out:
        for block in project_list(rows, active, out.width):
            # crop=False: the list's lines already fit the width (see render_text.Lines)
            out.print(block, crop=False)
        print_whole(out, say("projects.folder", style="dim", home=str(ws.store.shown_home)))
        if any(row.copies for row in rows):  # one project in several files: which one gets the answers
            print_whole(out, say("projects.copies-hint", style="yellow"))
        tell_odd_files(out, odd)
        for row in rows:  # a folder (or a device) under a project file's name, as every command names it
            if isinstance(row.summary, SpredningError) and row.summary.key == "project.not-regular":
                print_fitted(
                    out, t("projects.not-regular-file", path=row.file), row.file, style="yellow", rest=""
                )
        broken = [
            row.slug
            for row in rows
            if isinstance(row.summary, SpredningError) and row.summary.key != "project.not-regular"
        ]
        if broken:  # the list gives a few words: the whole reason and what to do, with this
            _tell_broken(out, broken)
        for row in rows:  # a partner's export saved here: the command to import it, kept whole
            if isinstance(row.summary, Summary) and row.summary.exchange:
                hint = t(
                    "projects.exchange-hint", command=command("importer", shell_word(row.file), project=None)
                )
                shown = commands_whole(
                    Text(hint, style="yellow"), console.width, bare_program(), console.is_terminal
                )
                out.print(shown, soft_wrap=True)


def _tell_broken(out, broken: list[str]) -> None:
    """The command that says what is wrong with each file the list could not read, each file's own."""
    sees = [command("status", project=slug) for slug in broken]  # runs as copied: no placeholder
    if len(sees) == 1:
        print_fitted(out, t("projects.unreadable-hint", command=sees[0]), sees[0], style="yellow", rest="")
        return
    print_fitted(out, t("projects.unreadable-hint-each"), None, style="yellow", rest="")
    for see in sees:
        print_fitted(out, see, see, style="yellow", first="  ", rest="  ")


def register(app: typer.Typer) -> None:
    """Add the project commands to the app."""
    app.command("start", cls=typer_compat.DanishCommand, help=t("help.start"))(start)
    app.command("projekter", cls=typer_compat.DanishCommand, help=t("help.projekter"))(projekter)
