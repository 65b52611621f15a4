"""Command lines for hints: this user's program and project, and the user's own command put right."""

from __future__ import annotations

import contextlib
import enum
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from spredning import i18n
from spredning.core.errors import Message, SpredningError, UsageProblem
from spredning.core.model import Partner
from spredning.core.shellwords import shell_word
from spredning.core.textsafe import clean


def put_right(
    value: str, right: str, options: Sequence[str] = (), also: Sequence[tuple[str, str]] = ()
) -> str | None:
    """The command typed in this run with `right` in place of its last `value` (or --option=`value`).

    With `options` ('--rolle', '-r'), only a value given to one of them is put right, not the same
    word elsewhere (a --hvad that happens to say it). A command's word among them ('ret', 'klarhed')
    stands for its argument, which may also come after options ('plan ret --status færdig ID'):
    then the one word that is the value is put right (none when it is typed twice: which one is
    meant is not known). None when `value` is none of its words. Each word is quoted for the shell,
    as a hint shows it. `also`: other values wrong in the same command, each (value, right), put
    right as its last word too, so one command is right at once (a tool and a colour).
    """
    words = list(i18n.typed_command())
    shown = [shell_word(word) for word in words]
    if not _put_right_in(words, shown, value, right, options):
        return None
    for other, other_right in also:
        _put_right_in(words, shown, other, other_right, ())
    return " ".join([i18n.program_here(), *shown])


def _put_right_in(words: list[str], shown: list[str], value: str, right: str, options: Sequence[str]) -> bool:
    """put_right's change of one value in `shown` (the words quoted); False when none is `value`."""
    for position in reversed(range(len(words))):
        option, equals, given = words[position].partition("=")
        after = words[position - 1] if position else ""
        if words[position] == value and (not options or after in options):
            shown[position] = shell_word(right)
        elif equals and option.startswith("--") and given == value and (not options or option in options):
            shown[position] = f"{option}={shell_word(right)}"  # --status='i gang', not '--status=i gang'
        else:
            continue
        return True
    if any(not word.startswith("-") for word in options) and words.count(value) == 1:
        shown[words.index(value)] = shell_word(right)
        return True
    return False


# Refusals of a value that name the closest right one: (the parameter with the value, the words before it).
# An argument is put right where it follows its command's word ('projekt side del', 'klarhed beskriv').
PUT_RIGHT = {
    "dialogue.unknown-role": ("value", ("--rolle", "-r", "side")),
    "dialogue.unknown-partner": ("name", ("--partner",)),
    "plan.bad-status": ("value", ("--status",)),
    "plan.bad-source": ("value", ("--fase",)),
    "readiness.unknown-tool": ("value", ("klarhed",)),
    "readiness.bad-colour": ("value", ()),  # after the tool as typed: its last word that is the colour
    "report.unknown-format": ("value", ("--format", "-f")),
    "plan.unknown-format": ("value", ("--format", "-f")),
    "plan.unknown-id": ("value", ("ret", "luk")),
}


def each_put_right(refused: SpredningError) -> Message | None:
    """An action's id begun as several begin: the command typed with each one's whole id, under its what.

    None when the id was not given to 'ret' or 'luk' in this run (the hint then says to type more).
    """
    value = str(refused.params.get("value", ""))
    ids, whats = refused.params.get("ids"), refused.params.get("whats")
    if not isinstance(ids, list) or not isinstance(whats, list):
        return None
    lines = []
    for id, what in zip(ids, whats, strict=True):
        again = put_right(value, str(id), ("ret", "luk"))
        if again is None:
            return None
        lines.append(f"• {' '.join(clean(str(what)).split())}\n  {again}")
    return Message("plan.ambiguous-id.commands", {"commands": "\n".join(lines)})


def put_right_hint(refused: SpredningError) -> Message | None:
    """A wrong --rolle, --partner, --status, --fase, --format or tool close to a right one: put right.

    As an unknown phase's refusal gives it ('Fx: spredning fase tjek --rolle genbruge'), under the
    key's own '.command' words. None when the value was not given to that option in this run (a
    name given another way) or nothing is close to it.
    """
    if refused.key == "plan.ambiguous-id":
        return each_put_right(refused)
    wanted = PUT_RIGHT.get(refused.key)
    close = refused.params.get("close")
    if wanted is None or not isinstance(close, list) or not close:
        return None
    parameter, options = wanted
    also = refused.params.get("also")  # another value of the command, wrong too: put right as well
    others = [(str(v), str(r)) for v, r in also] if isinstance(also, list) else []
    example = put_right(str(refused.params.get(parameter, "")), str(close[0]), options, others)
    return Message(f"{refused.key}.command", {**refused.params, "command": example}) if example else None


def without_option(option: str) -> str | None:
    """The command typed in this run without `option` and its value ('--partner X', '--partner=X').

    None when it was not given (the value came another way).
    """
    words = list(i18n.typed_command())
    kept: list[str] = []
    skip = False
    for position, word in enumerate(words):
        if skip:
            skip = False
        elif word == option and position + 1 < len(words):
            skip = True
        elif not word.startswith(option + "="):
            kept.append(word)
    if len(kept) == len(words):
        return None
    return " ".join([i18n.program_here(), *(shell_word(word) for word in kept)])


def in_language(language: str, words: Sequence[str]) -> str:
    """A command in the edition of `language` (--sprog), with this run's other global options.

    `words`: the command's own words, unquoted, as that edition takes them (a phase by its id).
    """
    options = list(i18n.carried_options())
    if "--sprog" in options[:-1]:
        options[options.index("--sprog") + 1] = language
    else:
        options = ["--sprog", language, *options]
    project = i18n.named_project()
    named = ["--projekt", project] if project else []
    return " ".join([i18n.bare_program(), *options, *named, *(shell_word(word) for word in words)])


def in_other_home(refused: Path) -> str | None:
    """The command typed in this run, in a projects folder this user may write in instead of `refused`.

    The per-user data folder (the one used when none is chosen), else a folder 'spredning' in the
    user's home folder: the first that is not `refused` and is writable, or can be made ('start'
    makes the last level). None when neither is.
    """
    from spredning.core.store.home import default_home

    for folder in _candidate_homes(default_home):
        if _writable(folder) and not _same_folder(folder, refused):
            options = list(i18n.carried_options())
            if "--hjem" in options[:-1]:
                options[options.index("--hjem") + 1] = shell_word(str(folder))
            else:
                options = ["--hjem", shell_word(str(folder)), *options]
            project = i18n.named_project()
            named = ["--projekt", project] if project else []
            typed = [shell_word(word) for word in i18n.typed_command()]
            return " ".join([i18n.bare_program(), *options, *named, *typed])
    return None


def _candidate_homes(default_home) -> list[Path]:
    found = []
    for make in (default_home, lambda: Path.home() / "spredning"):
        with contextlib.suppress(RuntimeError, OSError):  # no home folder known
            found.append(make())
    return found


def _writable(folder: Path) -> bool:
    """A folder there that this user may write in, or one that can be made in such a folder."""
    try:
        if folder.is_dir():
            return os.access(folder, os.W_OK | os.X_OK)
        return not os.path.lexists(folder) and folder.parent.is_dir() and os.access(folder.parent, os.W_OK)
    except OSError:
        return False


def _same_folder(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve()
    except OSError:
        return True  # cannot be told apart: not offered


class NamedProject(enum.Enum):
    """A project hints name by default: the one this run's --projekt named (see command)."""

    PROJECT = "the project named with --projekt"


NAMED = NamedProject.PROJECT  # command()'s default project: the one this run's --projekt named, if any


def command(*words: str, partner: Partner | None = None, project: str | NamedProject | None = NAMED) -> str:
    """A command line for a hint, written the way this user can run it.

    It works on the project this command works on: with --projekt NAME when the user named one,
    so the hint does not act on the active project instead. A hint about another project passes
    it (or None: the active one, e.g. a project just made active).
    """
    parts = [i18n.program(), *words]
    if partner is not None and partner.key:
        parts += ["--partner", partner.key]
    word = i18n.named_project() if project is NAMED else shell_word(project) if project else None
    if word:
        parts += ["--projekt", word]
    return " ".join(parts)


def given_words(ctx, kind: str = "option", without: Iterable[str] = ()) -> list[str]:
    """What the user gave `ctx`'s command, written again as words: its options (or arguments).

    Options in the order given, each by its long name ('-f html' as '--format html'); a value a
    shell would split is in double quotes, as the catalogue's {x:shell} writes it, so it reads
    whole inside a hint's single quotes. `without`: the names of options left out (given anew).
    """
    params = {param.name: param for param in ctx.command.params if param.name not in without}
    words: list[str] = []
    for name, value in ctx.params.items():  # in the order given on the command line
        param = params.get(name)
        if param is None or param.param_type_name != kind or value is None or value == param.default:
            continue
        option = (
            [] if kind != "option" else [next((o for o in param.opts if o.startswith("--")), param.opts[0])]
        )
        if getattr(param, "is_flag", False):
            words += option if value else []
            continue
        for one in value if isinstance(value, (list, tuple)) else (value,):
            word = shell_word(str(one))
            if word != str(one) and not any(c in str(one) for c in '"$`\\!') and str(one).isprintable():
                word = f'"{one}"'  # inside the message's single quotes
            words += [*option, word]
    return words


def own_command(ctx, *added: str, without: Iterable[str] = ()) -> str:
    """The user's own command again, as given (arguments, options, --projekt), with `added` at its end.

    A refusal whose way on is the very same command with one more option ('--overskriv') gives
    it whole, to copy and run. `without`: options given anew in `added` (a partner picked from a list).
    """
    root = ctx.find_root().command_path
    words = ctx.command_path[len(root) :].split()
    return command(*words, *given_words(ctx, "argument"), *given_words(ctx, without=without), *added)


def settle_marked(params: Mapping[str, object]) -> str:
    """The 'konflikter' command that repairs a project file git left its markers in.

    It names the project (--projekt SLUG) unless a command without --projekt works on that very
    file (it is the active or the only project, and no other was named): in a folder of several
    projects the marked one need not be the active one (picked with 'projekt brug', or the
    home screen's list of projects), and a bare 'konflikter' would then work on another project.
    `params` are the error's (see Store.open); without a slug the project this command works on.
    """
    slug = params.get("slug")
    if not isinstance(slug, str):
        return command("konflikter")
    if i18n.named_project() is None and params.get("default"):
        return command("konflikter", project=None)
    return command("konflikter", project=slug)


def date_shown(text: str | None, ahead: bool = True) -> str:
    """A date option for a refusal's example: as given, or the date to write when it would be refused too."""
    from spredning.app.plan import parse_due

    try:
        parse_due(text or "", ahead)
    except UsageProblem as refused:
        return str(refused.params.get("example", text))
    return text or ""


def typed_words(*options: tuple[str, str]) -> list[str]:
    """Options for a hint's command from text a user typed that was not saved: those with a value.

    Each value is quoted for the shell; its runs of blank space (a line break pasted in) become
    one space, so the command stays one line to copy.
    """
    words: list[str] = []
    for option, value in options:
        value = " ".join(value.split())
        if value:
            words += [option, shell_word(value)]
    return words
