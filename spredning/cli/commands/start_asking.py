"""``spredning start``'s questions: what its options did not give, each checked as it is typed.

A stop before the project is made says that none was, with what was typed (_Typed).
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text

from spredning.app import projects
from spredning.app.projects import NewProject
from spredning.cli.commands.asking import tell_left
from spredning.cli.commands.start_options import (
    OUR_NAME_WRONG,
    Corrections,
    Given,
    each_own_field,
    given_text,
    said,
    typed_command,
)
from spredning.cli.console import make_console
from spredning.core.errors import Interrupted, Message, UsageProblem, message
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
        return typed_command(self.new)


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
        if taken.key != "start.name-taken":  # a file that cannot be read: no project to carry on with
            continue
        choice = select(
            t("start.taken-what"),
            [
                questionary.Choice(t("start.taken-other"), "other"),
                questionary.Choice(t("start.taken-use"), "use"),
            ],
        )
        if choice == "use":  # the project of that name, wherever its file (not 'projekt' for 中文项目)
            return ws.store.named(typed) or typed, True


def _ask_missing(
    ws, new: NewProject, given: Given, typed: _Typed, to_correct: Corrections | None = None
) -> NewProject:
    """Ask for what the options did not give; each answer is checked as it is typed (and noted in `typed`).

    `to_correct`: the fields whose option was refused (see fields_to_correct), each holding it to correct.
    """
    import questionary

    from spredning.cli.prompts.simple import ask_text, select, stop_help

    to_correct = to_correct or {}
    text_of, why = given_text(to_correct)
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
        if wrong.key not in OUR_NAME_WRONG:
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


def _reusing_asked(new: NewProject, given: Given, sharing: str, typed: _Typed, to_correct: Corrections):
    """The reusing organisations given, each one refused corrected, or asked when none was given."""
    reusing = new.reusing_orgs
    if new.role == "genbruge" and each_own_field(new):  # a refused one of several: its own field
        return _names_corrected(sharing, reusing, typed)
    if not (given.reusing_orgs or any(n.strip() for n in reusing)):
        reusing = _ask_reusing(new.role or "", sharing, typed, to_correct.get("reusing_orgs"))
        typed.given(reusing_orgs=reusing)
    return reusing


def _our_organisation(new: NewProject, to_correct: Corrections) -> str | None:
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
    if wrong is not None and wrong.key not in OUR_NAME_WRONG:
        raise UsageProblem.of(wrong)
    if wrong is not None:  # why, above the names; the list says how to stop
        make_console().print(Text(said(wrong) or "", style="yellow"))
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
        problem = said(blank) or _name_problem(sharing, kept, i)
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
    return said(
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
        return said(
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


def _comma_list(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _not_started(typed: _Typed):
    """The hint when start stops before the project is made: the command with what was typed, if any.

    When a value typed was refused, the hint says the command has what could be used and asks the rest.
    """
    again = typed_command(typed.new)
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


def ask(ws, new: NewProject, given: Given, to_correct: Corrections | None = None) -> NewProject | str:
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
