"""The Typer app, its global options and the one error boundary.

Commands live in spredning/commands/, one module each; they raise SpredningError for anything the
user must hear about, and this module is the only place that prints errors and chooses exit codes.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import importlib
import os
import re
import sys

import typer
import typer.main

from spredning import __version__
from spredning.app.context import Settings
from spredning.cli import typer_compat as dansk
from spredning.cli.typer_compat import ClickException, UsageError
from spredning.core.errors import EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, SpredningError

DEBUG_ENV = "SPREDNING_DEBUG"
GLOBAL_WITH_VALUE = ("--guide", "--hjem", "--projekt")
INTERRUPTED = "Afbrudt. Intet er gået tabt af det, der allerede var gemt."

# Each command and the module in spredning/commands/ that registers it, in the order --help shows.
COMMANDS = {
    "start": "project", "projekter": "project", "fase": "fase", "status": "status", "vis": "status",
    "rapport": "rapport", "eksport": "exchange", "importer": "exchange", "konflikter": "exchange",
    "guide": "guide", "valider": "guide", "projekt": "project",
}


@functools.cache
def _commands_in(module_name: str) -> dict:
    """Build the commands one module registers (Typer inspects every function it builds)."""
    module = importlib.import_module(f"spredning.cli.commands.{module_name}")
    commands = typer.Typer(add_completion=False, rich_markup_mode=None)
    module.register(commands)
    return typer.main.get_group(commands).commands


class SpredningGroup(dansk.DanishGroup):
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
        return _commands_in(module_name).get(name) if module_name else None


app = typer.Typer(
    name="spredning",
    cls=SpredningGroup,
    add_completion=False,
    rich_markup_mode=None,
    no_args_is_help=True,
    help="Spredningsguiden i terminalen: del og genbrug offentlig innovation, fase for fase.",
    epilog="Eksempel: spredning start, derefter spredning fase tjek --rolle genbruge.",
)


def _show_version(value: bool) -> None:
    if value:
        print(f"spredning {__version__}")
        raise typer.Exit()


@app.callback()
def _global_options(
    ctx: typer.Context,
    guide: str | None = typer.Option(
        None, "--guide", metavar="MAPPE",
        help="Brug guideindhold fra denne mappe (ellers $SPREDNING_GUIDE eller den indbyggede).",
    ),
    hjem: str | None = typer.Option(
        None, "--hjem", metavar="MAPPE",
        help="Mappen med projekterne (ellers $SPREDNING_HJEM eller din egen datamappe).",
    ),
    projekt: str | None = typer.Option(
        None, "--projekt", metavar="NAVN", help="Arbejd med dette projekt i stedet for det aktive.",
    ),
    debug: bool = typer.Option(
        False, "--debug", help="Vis tekniske detaljer ved uventede fejl (for udviklere).",
    ),
    version: bool = typer.Option(
        False, "--version", callback=_show_version, is_eager=True,
        help="Vis versionsnummeret og afslut.",
    ),
) -> None:
    ctx.obj = Settings(guide_dir=guide, home=hjem, project=projekt, debug=debug)


def _usage_message(exc) -> str:
    """Turn Typer's English usage errors into Danish."""
    name = type(exc).__name__
    option = getattr(exc, "option_name", None)
    if name == "NoSuchOption":
        return f"Tilvalget {option} findes ikke."
    if name == "BadOptionUsage":
        return f"Tilvalget {option} skal have en værdi."
    if name == "MissingParameter":
        param = getattr(exc, "param", None)
        shown = (getattr(param, "metavar", None) or (getattr(param, "name", "") or "").upper()
                 or "en værdi")
        return f"Der mangler {shown}."
    message = exc.format_message()
    if message in dansk.TRANSLATED or message.startswith("Kommandoen "):
        return message
    extra = re.fullmatch(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", message, re.S)
    if extra:
        return f"Der er for mange argumenter: {extra.group(1)}"
    return f"Kommandoen blev brugt forkert ({message})."


def _print_error(message: str, hint: str | None, label: str = "Fejl: ") -> None:
    from rich.text import Text

    from spredning.cli.render import make_console
    from spredning.core.textsafe import clean

    console = make_console(stderr=True)
    console.print(Text.assemble((label, "bold red"), clean(message)))
    if hint:
        console.print(Text(clean(hint), style="yellow"))


def _output_failed(exc: OSError) -> int:
    """Report a failed read or write of the terminal or a pipe (files are handled by the store)."""
    if exc.errno == errno.EPIPE:  # the reader went away (e.g. '| head'): nothing to say,
        with contextlib.suppress(OSError, ValueError):  # and nothing more to write at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERROR
    reason = "disken er fuld" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
    with contextlib.suppress(OSError):  # stderr may be the full disk too
        _print_error(f"Kunne ikke skrive eller læse ({reason}).",
                     "Dine gemte svar er ikke berørt. Tjek pladsen på disken og prøv igen.")
    return EXIT_ERROR


def _debug_wanted(argv: list[str]) -> bool:
    return "--debug" in argv or os.environ.get(DEBUG_ENV, "") not in ("", "0")


def _usage_failed(exc: UsageError) -> int:
    """A wrong command line: the help when nothing was given, else a Danish message."""
    if type(exc).__name__ == "NoArgsIsHelpError":  # plain 'spredning': show the help
        print(exc.format_message())
        return EXIT_OK
    path = exc.ctx.command_path if exc.ctx is not None else "spredning"
    _print_error(_usage_message(exc), f"Se '{path} --help' for at få hjælp.")
    return EXIT_USAGE


def _unexpected(exc: Exception) -> int:
    with contextlib.suppress(OSError):
        _print_error(f"Der skete en uventet fejl: {type(exc).__name__}.",
                     "Dine gemte svar er ikke berørt. Kør kommandoen igen med --debug for "
                     "detaljer, og send dem gerne til udviklerne.")
    return EXIT_ERROR


def _run(args: list[str]) -> int:
    """Run the app; every failure becomes a Danish message and its exit code."""
    try:
        code = app(args=args, prog_name="spredning", standalone_mode=False)
        if code == EXIT_INTERRUPTED:  # Typer turns Ctrl+C into exit code 130 without a word
            _print_error(INTERRUPTED, None, "")
    except SpredningError as exc:
        _print_error(exc.message, exc.hint, "" if exc.exit_code == EXIT_INTERRUPTED else "Fejl: ")
        code = exc.exit_code
    except (typer.Abort, KeyboardInterrupt):
        _print_error(INTERRUPTED, None, "")
        code = EXIT_INTERRUPTED
    except UsageError as exc:
        code = _usage_failed(exc)
    except ClickException as exc:
        _print_error(exc.format_message(), None)
        code = exc.exit_code
    return code if isinstance(code, int) else EXIT_OK


def globals_first(args: list[str]) -> list[str]:
    """Move --guide, --hjem, --projekt and --debug to the front, so they work after a command too.

    People write 'spredning status --projekt X' as naturally as 'spredning --projekt X status'.
    """
    front: list[str] = []
    rest: list[str] = []
    position = 0
    while position < len(args):
        word = args[position]
        if word == "--":
            rest.extend(args[position:])
            break
        if word == "--debug" or (word.split("=", 1)[0] in GLOBAL_WITH_VALUE and "=" in word):
            front.append(word)
        elif word in GLOBAL_WITH_VALUE and position + 1 < len(args):
            front.extend(args[position:position + 2])
            position += 1
        else:
            rest.append(word)
        position += 1
    return front + rest


def _exit_code(argv: list[str] | None) -> int:
    """Run the command line; the one place that turns failures into messages and exit codes."""
    args = globals_first(list(sys.argv[1:] if argv is None else argv))
    dansk.install()
    try:
        return _run(args)
    except Exception as exc:  # a bug, or a failure while writing the answer or the message
        if _debug_wanted(args):
            raise
        return _output_failed(exc) if isinstance(exc, OSError) else _unexpected(exc)


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
    code = _exit_code(None)
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except OSError as failure:  # the reader went away, or a redirected output's disk is full
            code = _output_failed(failure)
        except ValueError:  # the stream was closed: nothing left to write
            pass
    os._exit(code)
