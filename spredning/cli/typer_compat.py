"""Danish help and usage text for Typer's plain (non-rich) help.

Typer writes a few fixed English words in help pages ("Usage:", "Options", "Show this message and
exit."). Our users read Danish only, so the commands use these classes, which write the usage line
and the help option in Danish, and ``install`` points Typer's message lookup at a Danish table.
Plain help is chosen over Typer's rich help on purpose: it is readable when piped and ~65 ms faster.
"""

from __future__ import annotations

import difflib
import re

import typer.core

try:  # Typer 0.29 and newer carry their own copy of click (cli.py takes these from here too)
    from typer._click.exceptions import ClickException, UsageError
except ImportError:  # pragma: no cover - older Typer uses click itself
    from click.exceptions import ClickException, UsageError

__all__ = ["ClickException", "DanishCommand", "DanishGroup", "UsageError", "install"]

try:  # Typer 0.29+ converts parameters with pydantic TypeAdapters, built when first used
    from typer._coercion import PassThroughRuntimeParam
except ImportError:  # pragma: no cover - older Typer converts with click types, no pydantic
    PassThroughRuntimeParam = None

HELP_TEXT = "Vis denne hjælp og afslut."
_REQUIRED = r"^\{(.+)\}(?=(\.\.\.)?$)"  # a required argument in Typer's usage line: {FASE}
USAGE_PREFIX = "Anvendelse: "

_DANISH = {
    "Options": "Tilvalg",
    "Arguments": "Argumenter",
    "Commands": "Kommandoer",
    "required": "skal angives",
    "default: {default}": "standard: {default}",
    "env var: {var}": "miljøvariabel: {var}",
    "Missing command.": "Der mangler en kommando.",
    "No such command {name!r}.": "Kommandoen {name!r} findes ikke.",
    "Aborted!": "Afbrudt.",
    "(dynamic)": "(beregnes)",
}


TRANSLATED = frozenset(_DANISH.values())


def _translate(message: str) -> str:
    return _DANISH.get(message, message)


def install() -> None:
    """Make Typer's help pages use the Danish words above."""
    typer.core._ = _translate


def _plain_params(params) -> None:
    """Let plain text and flag options skip pydantic, which Typer 0.29 imports (~100 ms) for them.

    Typer converts each option through a pydantic TypeAdapter built on first use, even when the
    option is absent (the help option included). A plain ``str`` or ``bool`` option needs no
    conversion, so it gets Typer's own pass-through converter; other types (Path, lists) keep
    Typer's.
    """
    if PassThroughRuntimeParam is None:
        return
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if (descriptor is None or getattr(param, "_runtime_param", False) is not None
                or descriptor.annotation not in (str, bool) or descriptor.parameter_info.parser
                or param.multiple or param.nargs != 1):
            continue
        param._runtime_param = PassThroughRuntimeParam(
            parameter_info=descriptor.parameter_info, annotation=descriptor.annotation)


def _no_type(ctx=None) -> None:
    return None


class _DanishHelpMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _plain_params(self.params)
        for param in self.params:  # arguments are named by their Danish metavar, not "<str>"
            if getattr(param, "param_type_name", "") == "argument":
                param.display_type_rich = _no_type
        self.options_metavar = "[TILVALG]"
        if hasattr(self, "subcommand_metavar"):
            self.subcommand_metavar = "KOMMANDO [ARGUMENTER]..."

    def format_usage(self, ctx, formatter) -> None:
        # Typer writes a required argument as {FASE}; people read the plain FASE (and an optional
        # one as [FASE], as before) more easily.
        pieces = [re.sub(_REQUIRED, r"\1", piece) for piece in self.collect_usage_pieces(ctx)]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=USAGE_PREFIX)

    def parse_args(self, ctx, args):
        """As Typer's, but a usage error always names this command (for the hint to its help).

        Typer's parser raises "option needs a value" without a context, which read as the
        top-level command's fault.
        """
        try:
            return super().parse_args(ctx, args)
        except UsageError as exc:
            if exc.ctx is None:
                exc.ctx = ctx
            raise

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_TEXT
            _plain_params([option])
        return option


def _either(names: list[str]) -> str:
    """'a', 'b' eller 'c'."""
    quoted = [f"'{name}'" for name in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " eller " + quoted[-1]


class DanishGroup(_DanishHelpMixin, typer.core.TyperGroup):
    """A command group whose help page and "no such command" message are in Danish."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.suggest_commands = False  # Typer's suggestion is in English; ours is below

    def resolve_command(self, ctx, args):
        """As Typer's, but a mistyped command gets a Danish suggestion of the closest ones."""
        try:
            return super().resolve_command(ctx, args)
        except UsageError as exc:
            typed = args[0] if args else ""
            close = difflib.get_close_matches(typed, self.list_commands(ctx))
            if close and not typed.startswith("-"):
                exc.message = f"{exc.message} Mente du {_either(close)}?"
            raise


class DanishCommand(_DanishHelpMixin, typer.core.TyperCommand):
    """A command whose help page is in Danish."""
