"""The Typer app, its global options and the one error boundary.

Commands live in spredning/cli/commands/, one module each, built only when used. They raise
SpredningError (a catalogue key and parameters) for anything the user must hear about, and this
module is the only place that turns errors into words and exit codes. The language is chosen
before any command is built, so help texts, prompts and messages all come from one catalogue.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import importlib
import os
import shutil
import sys
from pathlib import Path

import typer
import typer.main

from spredning import __version__, i18n
from spredning.app.workspace import Settings
from spredning.cli import typer_compat
from spredning.cli.typer_compat import ClickException, UsageError
from spredning.core.errors import (
    EXIT_BROKEN,
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    Message,
    SpredningError,
    UsageProblem,
)
from spredning.core.textsafe import clean
from spredning.i18n import t
from spredning.i18n.shipped import CatalogueBroken

DEBUG_ENV = "SPREDNING_DEBUG"
GLOBAL_WITH_VALUE = ("--guide", "--hjem", "--projekt", "--sprog")
GLOBAL_SWITCHES = ("--debug", "--version")

# Each command and the module in spredning/cli/commands/ that registers it, in the order --help shows.
COMMANDS = {
    "start": "project",
    "projekter": "projects_list",
    "fase": "fase",
    "status": "status",
    "vis": "vis",
    "rapport": "rapport",
    "eksport": "exchange",
    "arbejdsark": "worksheet",  # a Word worksheet for a partner without the program (issue 14)
    "importer": "exchange",
    "konflikter": "conflicts",
    # the follow-up (issue 15): the action plan, readiness, approvals, meetings and the agenda
    "plan": "plan",
    "klarhed": "marks",
    "godkend": "approvals",
    "møde": "meetings",
    "dagsorden": "meetings",
    "guide": "guide",
    "valider": "guide",
    "projekt": "project_settings",
}


@functools.cache
def _commands_in(module_name: str, language: str) -> dict:
    """Build the commands one module registers, with help texts in one language.

    Typer inspects every function it builds, so each is built once per language and process. The
    options' help texts are read when the module is first imported, so only a process that changes
    language (tests running several commands in-process) sees them in the first language used.
    """
    module = importlib.import_module(f"spredning.cli.commands.{module_name}")
    commands = typer.Typer(add_completion=False, rich_markup_mode=None)
    module.register(commands)
    built = dict(typer.main.get_group(commands).commands)
    from spredning.cli.undecoded import refusing_undecoded

    for command in built.values():
        refusing_undecoded(command)
    return built


class SpredningGroup(typer_compat.DanishGroup):
    """The top-level group; a command's module is imported and built only when it is used.

    'spredning status' thus pays neither for importing the other commands' modules nor for
    Typer turning their functions into commands; '--help' builds them all to list them.
    """

    def list_commands(self, ctx) -> list[str]:
        """Every command's name, in help order, without importing any of them."""
        return list(COMMANDS)

    def get_command(self, ctx, name: str):
        """The command called `name`, built from its module on first use; None if unknown."""
        module_name = COMMANDS.get(name)
        return _commands_in(module_name, i18n.language()).get(name) if module_name else None


def _show_version(value: bool) -> None:
    if value:
        from spredning.cli.console import echo

        echo(f"spredning {__version__}")
        raise typer.Exit()


def build_app() -> typer.Typer:
    """The Typer app, with help texts in the chosen language."""
    return _build_app(i18n.language())


@functools.cache
def _build_app(language: str) -> typer.Typer:
    """The Typer app with help texts in `language` (built once per language and process)."""
    app = typer.Typer(
        name="spredning",
        cls=SpredningGroup,
        add_completion=False,
        rich_markup_mode=None,
        no_args_is_help=False,  # 'spredning' alone: the home screen in a terminal, else the help
        help=t("help.app"),
        epilog=t("help.app-epilog"),
    )

    @app.callback(invoke_without_command=True)
    def _global_options(
        ctx: typer.Context,
        guide: str | None = typer.Option(
            None, "--guide", metavar=t("metavar.folder"), help=t("help.option.guide")
        ),
        hjem: str | None = typer.Option(
            None, "--hjem", metavar=t("metavar.folder"), help=t("help.option.hjem")
        ),
        projekt: str | None = typer.Option(
            None, "--projekt", metavar=t("metavar.name"), help=t("help.option.projekt")
        ),
        sprog: str | None = typer.Option(None, "--sprog", metavar="da|en", help=t("help.option.sprog")),
        debug: bool = typer.Option(False, "--debug", help=t("help.option.debug")),
        version: bool = typer.Option(
            False, "--version", callback=_show_version, is_eager=True, help=t("help.option.version")
        ),
    ) -> None:
        if projekt is not None and not projekt.strip():  # the hint names a real project, when there is one
            name = typer_compat.project_word(Settings(guide_dir=guide, home=hjem))
            hint = Message("usage.empty-project.hint-named", {"name": name}) if name is not None else None
            raise UsageProblem("usage.empty-project", hint=hint)
        if projekt is not None:  # a name with a byte that came as no UTF-8 matches none
            from spredning.cli.undecoded import refused_undecoded

            refused_undecoded("--projekt", projekt)
        for option, value in (("--hjem", hjem), ("--guide", guide)):  # "$DIR" of an unset variable
            if value is not None and not value.strip():
                raise UsageProblem("usage.empty-folder", option=option)
        ctx.obj = Settings(guide_dir=guide, home=hjem, project=projekt, debug=debug, language=i18n.language())
        i18n.set_named_project(_shell_word(projekt) if projekt is not None else None)  # hints repeat it
        if ctx.invoked_subcommand is None:
            raise typer.Exit(_no_command(ctx))

    return app


def _no_command(ctx) -> int:
    """'spredning' alone: the home screen in a terminal; the help page for scripts and pipes.

    Without a terminal, global options and no command stay the usage error they were, so a script
    that forgot its command still fails.
    """
    from spredning.cli.commands import asking

    if not asking.is_interactive():
        if any(ctx.params.values()):
            raise UsageProblem(
                "usage.missing-command",
                hint=Message("usage.see-help", {"command": typer_compat.help_path(ctx)}),
            )
        from spredning.cli.console import echo

        echo(ctx.get_help())
        return EXIT_OK
    from spredning.cli.home import run_home

    return run_home(ctx.obj)


def print_error(message: Message, hint: Message | None, label: bool = True, console=None) -> None:
    """Write an error and its hint in the user's language: to stderr, or to a given console."""
    from spredning.cli.console import make_console, said, say
    from spredning.cli.render_text import commands_whole

    console = console or make_console(stderr=True)
    text = said(message)
    if label:
        text = say("error.label", style="bold red").append_text(text)
    texts = [text] if hint is None else [text, say(hint.key, style="yellow", **hint.params)]
    for shown in texts:  # a command in a message stays whole on one line, to be typed as shown
        whole = commands_whole(shown, console.width, i18n.bare_program(), console.is_terminal)
        console.print(whole, soft_wrap=True)


SETTLE_MARKED = ("project.git-conflict.hint", "store.same-project-marked.hint")  # hints naming 'konflikter'
PHASE_NAMED = ("project.kept-twice.hint",)  # hints whose command names a phase the core gave by its id
# hints of a projects folder this user cannot write in: the command in another one, when there is one
HOME_ELSEWHERE = ("store.cannot-lock.hint", "store.home-read-only.hint", "store.home-not-made.hint")


def error_hint(exc: SpredningError) -> Message | None:
    """The hint for an error: its own, or the catalogue's "KEY.hint" when there is one.

    A file or folder this user may not read or write (its reason is 'ingen adgang' or 'ingen
    tilladelse') gets "KEY.hint.access" when the catalogue has it: who to ask, or where a copy
    can be read, not "check the file name" for a name that is right. One on a read-only drive
    ('drevet er skrivebeskyttet') gets "KEY.hint.read-only" so: the drive, not the free space.
    """
    from spredning.cli.commands.commandline import put_right_hint

    put_right = put_right_hint(exc) or _project_put_right(exc) or _sharing_put_right(exc)
    if put_right is not None:  # the command put right
        return put_right
    if isinstance(exc.hint, Message):
        return exc.hint
    key = exc.hint or f"{exc.key}.hint"
    from spredning.core.errors import no_access, read_only_drive

    reason = exc.params.get("reason")
    if no_access(reason) and i18n.has(f"{key}.access"):
        key = f"{key}.access"
    elif read_only_drive(reason) and i18n.has(f"{key}.read-only"):
        key = f"{key}.read-only"
    if not i18n.has(key):
        return None
    if key in PHASE_NAMED:  # the core names the phase by its id: a hint's command in English names it so
        from spredning.cli.commands.names import named_phase

        return Message(key, {**exc.params, "phase": named_phase(str(exc.params.get("phase", "")))})
    home = exc.params.get("home")
    if key in HOME_ELSEWHERE and isinstance(home, Path):  # the command in another projects folder
        from spredning.cli.commands.commandline import in_other_home

        example = in_other_home(home)
        if example is not None:
            return Message(f"{key}.elsewhere", {**exc.params, "command": example})
    if key in SETTLE_MARKED:  # its command repairs a file git left its markers in: that project's
        from spredning.cli.commands.commandline import settle_marked

        return Message(key, {**exc.params, "command": settle_marked(exc.params)})
    return Message(key, exc.params)


def _project_put_right(exc: SpredningError) -> Message | None:
    """A project's name mistyped, close to one in the folder: the command as typed with that one.

    A name given with --projekt (a global option, before the command's own words) or as an
    argument ('projekt brug hjemmeplej'); None when neither, or nothing in the folder is close.
    """
    close = exc.params.get("close")
    if exc.key != "store.not-found" or not isinstance(close, list) or not close:
        return None
    from spredning.cli.commands.commandline import put_right
    from spredning.core.shellwords import shell_word

    typed, right = str(exc.params.get("typed", "")), str(close[0])
    if i18n.named_project() == shell_word(typed):
        words = (shell_word(word) for word in i18n.typed_command())
        example: str | None = " ".join([i18n.program(), "--projekt", shell_word(right), *words])
    else:
        example = put_right(typed, right)
    return Message("store.not-found.command", {**exc.params, "command": example}) if example else None


def _sharing_put_right(exc: SpredningError) -> Message | None:
    """--partner naming the sharing organisation: the command as typed without --partner."""
    if exc.key != "dialogue.partner-is-sharing":
        return None
    from spredning.cli.commands.commandline import without_option

    alone = without_option("--partner")
    return Message("dialogue.partner-is-sharing.command", {"command": alone}) if alone else None


def _output_failed(exc: OSError) -> int:
    """Report a failed read or write of the terminal or a pipe (files are handled by the store).

    A reader that stops early ('| head') is no error of ours: nothing is said, and the exit code
    is 0 (the safe stream lets every command finish its work then; this is what is left, e.g.
    a help text). A closed output fails like a full disk, with its own words.
    """
    if exc.errno == errno.EPIPE:  # nothing more to write at exit either
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    from spredning.core.fileio import reason

    if exc.errno == errno.EBADF:
        message, hint = Message("error.output-closed"), Message("error.output-closed.hint")
    elif exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):  # only a write fills a disk: the output's
        message, hint = (
            Message("error.output-full", {"reason": reason(exc)}),
            Message("error.output-full.hint"),
        )
    else:
        message, hint = Message("error.output", {"reason": reason(exc)}), Message("error.output.hint")
    with contextlib.suppress(OSError):  # stderr may be the full disk too, or closed
        print_error(message, hint)
    return EXIT_ERROR


def _debug_wanted(argv: list[str]) -> bool:
    return "--debug" in argv or os.environ.get(DEBUG_ENV, "") not in ("", "0")


def _usage_failed(exc: UsageError) -> int:
    """A wrong command line: the help when nothing was given, else a Danish message."""
    if isinstance(exc, typer_compat.NoArgsIsHelpError):  # plain 'spredning' or 'spredning projekt'
        from spredning.cli.console import echo

        echo(exc.format_message())
        return EXIT_OK
    message = typer_compat.usage_message(exc)
    if exc.ctx is None:
        hint = Message("usage.see-help", {"command": i18n.program()})
    else:  # an option close to one alone: the command put right as well
        close = message.params.get("close") if message.key == "usage.no-option" else None
        typed = str(getattr(exc, "option_name", "") or "")
        hint = typer_compat.see_help(exc.ctx, typed, close if isinstance(close, list) else None)
    _say_error(message, hint)
    return EXIT_USAGE


def _unexpected(exc: Exception) -> int:
    with contextlib.suppress(OSError):
        print_error(
            Message("error.unexpected", {"kind": type(exc).__name__}), Message("error.unexpected.hint")
        )
    return EXIT_ERROR


def _run(args: list[str]) -> int:
    """Run the app; every failure becomes a message in the user's language and its exit code."""
    try:
        code = build_app()(args=args, prog_name=i18n.bare_program(), standalone_mode=False)
        if code == EXIT_INTERRUPTED:  # Typer turns Ctrl+C into exit code 130 without a word
            _say_error(Message("error.interrupted"), None, label=False)
    except SpredningError as exc:
        _say_error(exc.message, error_hint(exc), label=exc.exit_code != EXIT_INTERRUPTED)
        code = exc.exit_code
    except (typer.Abort, KeyboardInterrupt, EOFError):
        _say_error(Message("error.interrupted"), None, label=False)
        code = EXIT_INTERRUPTED
    except UsageError as exc:
        code = _usage_failed(exc)
    except ClickException as exc:
        _say_error(typer_compat.usage_message(exc), None)
        code = exc.exit_code
    return code if isinstance(code, int) else EXIT_OK


def _say_error(message: Message, hint: Message | None, label: bool = True) -> None:
    """Print an error where stderr may be closed or full: the exit code says it all the same."""
    with contextlib.suppress(OSError):
        print_error(message, hint, label=label)


def globals_first(args: list[str]) -> list[str]:
    """Move the global options to the front, so they work after a command too.

    People write 'spredning status --projekt X' as naturally as 'spredning --projekt X status',
    and 'spredning status --version' to see which spredning answers.
    """
    front: list[str] = []
    rest: list[str] = []
    position = 0
    while position < len(args):
        word = args[position]
        if word == "--":
            rest.extend(args[position:])
            break
        if word in GLOBAL_SWITCHES or (word.split("=", 1)[0] in GLOBAL_WITH_VALUE and "=" in word):
            front.append(word)
        elif word in GLOBAL_WITH_VALUE and position + 1 < len(args):
            front.extend(args[position : position + 2])
            position += 1
        else:
            rest.append(word)
        position += 1
    return front + rest


CARRIED = ("--hjem", "--guide", "--sprog")  # what a hint's command needs to reach the same place


def _carried_options(args: list[str]) -> tuple[list[str], list[str]]:
    """The global options (at the front, see globals_first) that every hint's command repeats; the rest.

    'spredning --hjem /tmp/fanoe importer F' then says 'spredning --hjem /tmp/fanoe status', which
    opens the same projects; --projekt is not carried by every hint (see i18n.set_named_project).
    The rest is the command as typed after the global options ('importer F').
    """
    from spredning.core.shellwords import shell_word

    words: list[str] = []
    position = 0
    while position < len(args):
        word = args[position]
        name, equals, value = word.partition("=")
        if word in GLOBAL_SWITCHES:
            position += 1
        elif name in GLOBAL_WITH_VALUE and equals:
            words += [name, shell_word(value)] if name in CARRIED else []
            position += 1
        elif word in GLOBAL_WITH_VALUE and position + 1 < len(args):
            words += [word, shell_word(args[position + 1])] if word in CARRIED else []
            position += 2
        else:
            break  # the command: globals_first put every global option before it
    return words, args[position:]


def _shell_word(word: str) -> str:
    from spredning.core.shellwords import shell_word

    return shell_word(word)


def program_name(argv0: str) -> str:
    """The command as this user can type it: 'spredning' when that runs this program, else its path.

    Started by a path (.venv/bin/spredning, /abs/bin/spredning), hints name that path, relative to
    the current folder when it is inside it; 'python -m spredning' names the interpreter the same
    way. A path with spaces is quoted, so every hint can be copied as it is.
    """
    if not argv0 or argv0 == "-c" or os.path.basename(argv0) in ("__main__.py", "__main__"):
        return f"{_typable(sys.executable, ('python', 'python3'), links=False)} -m spredning"
    return _typable(argv0, ("spredning",), links=True)


def _typable(path: str, names: tuple[str, ...], links: bool) -> str:
    """A program as typed: its plain name when the PATH finds this very program, else its path.

    A link to the console script runs the same program; a link to a venv's python does not (the
    venv is found from the link's own path), so `links` says whether following links is right.
    """
    for name in names:
        found = shutil.which(name)
        if found and _same_program(found, path, links):
            return name
    if os.sep not in path and (os.altsep is None or os.altsep not in path):
        return path  # a bare name (a shell function, an alias): typed the same way again
    relative = os.path.relpath(path)
    shown = path if relative.startswith("..") else relative
    if os.sep not in shown:
        shown = os.path.join(os.curdir, shown)  # 'spredning' in its own folder is './spredning'
    from spredning.core.shellwords import shell_word

    return shell_word(shown)


def _same_program(found: str, path: str, links: bool) -> bool:
    if os.path.abspath(found) == os.path.abspath(path):
        return True
    if not links:
        return False
    for candidate in (path, path + ".exe"):  # Windows drops the .exe from argv[0]
        with contextlib.suppress(OSError):
            if os.path.samefile(found, candidate):
                return True
    return False


def run_command(args: list[str]) -> int:
    """Run one command line in this process, as if typed (the home screen's actions).

    Every failure becomes a message and an exit code; an interrupt ends the command, not the caller.
    """
    try:
        return _run(args)
    except SpredningError as exc:
        print_error(exc.message, error_hint(exc))
        return exc.exit_code
    except CatalogueBroken:  # nothing can be said in its words: _exit_code says it plainly
        raise
    except Exception as exc:  # a bug, or a failure while writing the answer or the message
        if _debug_wanted(args):
            raise
        return _output_failed(exc) if isinstance(exc, OSError) else _unexpected(exc)


def _exit_code(argv: list[str] | None) -> int:
    """Run the command line; the one place that turns failures into messages and exit codes.

    A broken catalogue cannot word its own error (the error handler reads it too): its plain
    text in both languages is written as it is.
    """
    try:
        return _exit_code_of(argv)
    except CatalogueBroken as exc:
        with contextlib.suppress(OSError, ValueError):  # stderr closed or full: the code says it
            sys.stderr.write(clean(exc.text) + "\n")
        return EXIT_BROKEN


def _exit_code_of(argv: list[str] | None) -> int:
    args = globals_first(list(sys.argv[1:] if argv is None else argv))
    chosen = i18n.language_option(args)
    i18n.set_language(i18n.language_from(chosen))
    try:
        _check_working_folder()
        carried, typed = _carried_options(args)
        i18n.set_program(program_name(sys.argv[0]) if argv is None else "spredning", carried, typed)
        typer_compat.install()
        if chosen is not None and not i18n.is_known(chosen):
            raise UsageProblem("usage.unknown-language", value=chosen, known=list(i18n.LANGUAGES))
        _warn_unknown_language_env(chosen)
        if args and args[-1] in GLOBAL_WITH_VALUE:  # 'spredning status --projekt': the value is missing
            see = Message("usage.see-help", {"command": i18n.bare_program()})
            raise UsageProblem("usage.option-needs-value", hint=see, option=args[-1])
    except SpredningError as exc:
        _say_error(exc.message, error_hint(exc))
        return exc.exit_code
    return run_command(args)


def _warn_unknown_language_env(chosen: str | None) -> None:
    """Say so, without stopping, when $SPREDNING_SPROG names no language the program has.

    Not an error, as --sprog's is: the variable may be set for every program on the machine, and
    every command would fail. Without the warning the user would not know why the texts are Danish.
    It is said in the system's language (an English partner who wrote 'SPREDNING_SPROG=eng' on an
    English system reads why), the texts after it in Danish as promised.
    """
    value = os.environ.get(i18n.LANGUAGE_ENV, "")
    if chosen is None and value and not i18n.is_known(value):
        warning = Message(
            "usage.unknown-language-env",
            {"name": i18n.LANGUAGE_ENV, "value": value, "known": list(i18n.LANGUAGES)},
        )
        texts = i18n.language()
        i18n.set_language(i18n.language_from(None, {**os.environ, i18n.LANGUAGE_ENV: ""}))
        try:
            _say_error(warning, None, label=False)
        finally:
            i18n.set_language(texts)


def _check_working_folder() -> None:
    """The folder the user stands in must still exist: files are read and written relative to it."""
    try:
        os.getcwd()
    except OSError:  # deleted (or made unreadable) while the terminal stood in it
        raise SpredningError("usage.no-working-folder") from None


def main(argv: list[str] | None = None) -> None:
    """Run the command line and exit with its code (tests and embedders call this)."""
    sys.exit(_exit_code(argv))


def run() -> None:
    """The installed command: run, flush the output, then end without tearing Python down.

    Freeing every module and object at exit takes Python about 40 ms once typer and rich are
    imported, longer than most of our commands' own work (issue 6). Everything spredning writes is
    written, closed and its lock released before the command returns, so once the terminal's
    buffers are flushed the process can end at once, as mypy's command does.
    """
    _fill_closed_descriptors()
    code = _exit_code(None)
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except OSError as failure:  # the reader went away (the command's code stands), or a full disk
            code = _output_failed(failure) or code
        except ValueError:  # the stream was closed: nothing left to write
            pass
    os._exit(code)


def _fill_closed_descriptors() -> None:
    """Open the null device on a standard descriptor the program was started without (``>&-``).

    Else the next file opened (a project, a report) gets that number, and a program started from
    here (git, the pager) would write its output into it. Python already set sys.stdout (or
    sys.stderr) to None, so spredning still knows the output is closed and says so.
    """
    for descriptor in (0, 1, 2):
        try:
            os.fstat(descriptor)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != descriptor:  # a lower one was closed too and took this one's place first
                os.dup2(null, descriptor)
                os.close(null)
