"""The message catalogue: every word the program shows, in Danish (the default) and English.

Texts live in YAML files, one folder per language (``da/``, ``en/``), each file a flat mapping from
a message key to its text. The core never writes prose: it raises errors carrying a key and
parameters, and the front end turns them into words here. Grammar lives in the catalogue, not in
code:

- a count: an entry with ``one`` and ``other`` forms, chosen by the parameter ``n``;
- a list: ``{names:and}`` or ``{names:or}`` joins a list with the language's "og"/"eller",
  ``{counts:and-clauses}`` one of phrases that may end in a relative clause ("1 svar, der …"), the
  clause before "og" closed with a comma,
  ``{names:comma}`` with commas only, ``{problems:lines}`` as bullet lines;
- a date: ``{day:date}`` writes "27. november 2026" or "27 November 2026"; ``{month:month}`` a
  month's name from its number ("april", "April");
- ``{value:?key}`` is the entry `key` (with the value as ``{value}``) when the value is given, else nothing;
- ``{prog}`` is the command as this user can type it (``spredning`` or the path it was started with);
  ``{prog_here}`` is the same with ``--projekt NAME`` when the user named a project with --projekt, for
  a hint whose command must work on that project (not the active one).

Parameters are data: their text is inserted as it is and never read as a template.
"""

from __future__ import annotations

import datetime
import math
import os
import re
import string
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from spredning.core.errors import Message
from spredning.core.shellwords import path_word

LANGUAGES = ("da", "en")
DEFAULT = "da"
LANGUAGE_ENV = "SPREDNING_SPROG"
LOCALE_ENV = ("LC_ALL", "LC_MESSAGES", "LANG")  # the first of them that is set is the locale in force
_FOLDER = Path(__file__).resolve().parent

_state: dict[str, object] = {"language": DEFAULT, "prog": "spredning"}
_catalogues: dict[str, dict[str, object]] = {}


def language_option(args: list[str]) -> str | None:
    """The value of --sprog in a command line, read before the app is built (help texts depend on it)."""
    for position, word in enumerate(args):
        if word == "--sprog" and position + 1 < len(args):
            return args[position + 1]
        if word.startswith("--sprog="):
            return word.split("=", 1)[1]
    return None


def language_from(option: str | None, environ: Mapping[str, str] = os.environ) -> str:
    """Choose the language: --sprog, then $SPREDNING_SPROG, then a locale that says English or Danish.

    Only a locale that names English gives English, so a Danish user on a machine set to "C" or
    "C.UTF-8" still reads Danish. An unknown value is not an error here: see ``is_known``. An
    unknown --sprog is passed over: the command then only says it is unknown, and says so in the
    language the user otherwise reads (an English partner's 'Unknown language', not 'Ukendt sprog').
    """
    if option and not is_known(option):
        option = None
    for value in (option, environ.get(LANGUAGE_ENV)):
        if value:
            return _code(value) or DEFAULT
    for name in LOCALE_ENV:
        value = environ.get(name)
        if value:
            return _code(value) or DEFAULT
    return DEFAULT


def _code(value: str) -> str | None:
    """'en_GB.UTF-8', 'EN', 'english' -> 'en'; 'da_DK' -> 'da'; anything else -> None."""
    head = value.strip().lower().replace("-", "_").split(".")[0].split("_")[0]
    aliases = {"english": "en", "engelsk": "en", "dansk": "da", "danish": "da"}
    head = aliases.get(head, head)
    return head if head in LANGUAGES else None


def is_known(value: str) -> bool:
    """True when a --sprog or $SPREDNING_SPROG value names a language the program has."""
    return _code(value) is not None


def set_language(code: str) -> None:
    """Use this language for every text from now on."""
    _state["language"] = code if code in LANGUAGES else DEFAULT


def language() -> str:
    """The language in use ('da' or 'en')."""
    return str(_state["language"])


def phase_word(phase_id: str, name: str) -> str:
    """A phase as a command in a hint names it: as its name is written, when a user can type that.

    The commands take ids and names alike (Guide.find_phase), so a Danish hint says 'fase høst'
    (not the id 'hoest', which looks misspelt) and an English one 'fase harvest'. The id is kept
    for a name that is not one plain word (it would need quoting), for a Danish name that is not
    its id written with æøå (a guide of one's own), and when the output cannot show the name.
    """
    from spredning.core.model import fold_name

    folded = name.casefold()
    if not folded.isalpha() or not _shown_whole(folded):
        return phase_id
    if language() == "da":
        return folded if fold_name(folded) == fold_name(phase_id) else phase_id
    return folded if folded.isascii() else phase_id


def _shown_whole(word: str) -> bool:
    """Whether stdout and stderr can write `word` as it is (not 'h?st' under an ASCII encoding)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            word.encode(getattr(stream, "encoding", None) or "utf-8")
        except (UnicodeEncodeError, LookupError):
            return False
    return True


def set_program(name: str, options: Sequence[str] = (), typed: Sequence[str] = ()) -> None:
    """How hints write the command: 'spredning' when it is on the PATH, else its path.

    `options` are the global options the user gave that a command typed next needs too (--hjem,
    --guide, --sprog), each word already written as a shell takes it. `typed`: the words of the
    command itself as the user gave them (unquoted), for a hint that repeats it with a value put right.
    """
    _state["prog"] = name
    _state["options"] = " ".join(options)
    _state["option_words"] = tuple(options)
    _state["typed"] = tuple(typed)
    _state["project"] = None  # until the global options are read (set_named_project)


def set_named_project(word: str | None) -> None:
    """The project the user named with --projekt (None: the active one), for hints to repeat.

    `word` is written as a shell takes it, as set_program's options are. It is not one of the
    options every hint repeats: a hint about another project (a new one, the one a file belongs
    to) must not name it; see {prog_here} and command() in cli/commands/commandline.py.
    """
    _state["project"] = word


def typed_command() -> tuple[str, ...]:
    """The words of this run's command after its global options, as the user gave them (set_program)."""
    typed = _state.get("typed", ())
    return tuple(str(word) for word in typed) if isinstance(typed, tuple) else ()


def carried_options() -> tuple[str, ...]:
    """The global options of this run that every hint repeats, as words ('--hjem', 'X' ...; set_program)."""
    words = _state.get("option_words", ())
    return tuple(str(word) for word in words) if isinstance(words, tuple) else ()


def named_project() -> str | None:
    """The project the user named with --projekt in this run, as a shell word; None when none was."""
    project = _state.get("project")
    return str(project) if project else None


def program() -> str:
    """The command as the user can type it, with the global options this run was given."""
    return " ".join(word for word in (bare_program(), str(_state.get("options", ""))) if word)


def program_here() -> str:
    """The command with this run's global options and, when the user named one, --projekt NAME."""
    project = named_project()
    return f"{program()} --projekt {project}" if project else program()


def bare_program() -> str:
    """The command's name alone (for help pages, which show their own options)."""
    return str(_state["prog"])


def catalogue(code: str) -> dict[str, object]:
    """Every entry of one language's catalogue, read once from its folder."""
    if code not in _catalogues:
        from spredning.i18n.shipped import read_catalogue

        _catalogues[code] = read_catalogue(_FOLDER / code)  # a broken one: CatalogueBroken, every time
    return _catalogues[code]


def has(key: str) -> bool:
    """True when the catalogue has an entry for key."""
    return key in catalogue(language()) or key in catalogue(DEFAULT)


def _entry(key: str) -> object:
    current = catalogue(language())
    if key in current:
        return current[key]
    return catalogue(DEFAULT).get(key, key)  # a missing key shows itself; a test keeps this empty


class _Formatter(string.Formatter):
    """str.format with list, date and size specs; parameters are never formatted as templates."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec.endswith("genitive"):  # {org:genitive}, {orgs:and+genitive}: 'Ærøs', 'ApS''
            return genitive(self.format_field(value, format_spec.removesuffix("genitive").removesuffix("+")))
        if format_spec in ("and", "or", "and-clauses"):  # and-clauses: '… en konflikt, og 1 svar, der …'
            return join(value, format_spec.removesuffix("-clauses"), clauses=format_spec == "and-clauses")
        if format_spec in ("date", "shell"):  # shell: a name in a hint's command, one shell word
            return date(value) if format_spec == "date" else path_word(str(value))
        if format_spec == "month":  # a month's name from its number: {month:month} for 4 is "april"
            return t("date.months").split()[int(value) - 1]
        if format_spec.startswith("?"):  # a fragment only when there is a value: {phase:?in-phase}
            return t(format_spec[1:], value=value) if value else ""
        if format_spec == "suggest":  # " Mente du 'a' eller 'b'?" for close matches, or nothing
            names = [f"'{name}'" for name in value]
            if not names:
                return ""
            return t("suggest.one", name=value[0]) if len(names) == 1 else t("suggest.many", names=names)
        if format_spec in ("comma", "lines"):  # 'a, b' or each on a line of its own
            return _listed(value, format_spec)
        if format_spec == "mib":  # rounded up: a size just over a limit never reads as the limit
            return decimal(math.ceil(value / (1024 * 1024) * 10) / 10, 1)
        return str(super().format_field(value, format_spec))


_FORMATTER = _Formatter()


def t(key: str, /, **params: object) -> str:
    """The text for key in the current language, with parameters filled in.

    An entry with 'one' and 'other' forms is chosen by the parameter n.
    """
    entry = _entry(key)
    if isinstance(entry, dict):
        count = params.get("n", 0)
        entry = entry.get("one" if count == 1 else "other", key)
    if not isinstance(entry, str):
        return key
    if "{" not in entry:
        return entry
    values = {name: _words(value) for name, value in params.items()}
    return _filled(entry, {"prog": program(), "prog_here": program_here(), **values})


# The quotes a hint's command is put in: the catalogue's own '...', or the first pair that is not in
# the command itself ('spredning importer "Ærø's svar.yaml"' would end at the apostrophe).
COMMAND_QUOTES = (("'", "'"), ("\u201c", "\u201d"), ("\u00ab", "\u00bb"), ("\u2039", "\u203a"))
_QUOTED_FIELD = re.compile(r"'(\{[^'{}]*\}[^']*)'")  # '{command}', '{prog} status', '{name}'


def _filled(entry: str, values: Mapping[str, object]) -> str:
    """The entry with its parameters filled in, each command it quotes in quotes not inside it."""
    pieces: list[str] = []
    last = 0
    for found in _QUOTED_FIELD.finditer(entry):
        pieces.append(_FORMATTER.vformat(entry[last : found.start()], (), values))
        pieces.append(quoted_command(_FORMATTER.vformat(found.group(1), (), values)))
        last = found.end()
    pieces.append(_FORMATTER.vformat(entry[last:], (), values))
    return "".join(pieces)


def quoted_command(text: str) -> str:
    """`text` in the catalogue's '...', or in other quotes when it has an apostrophe in it.

    A hint's command is copied from between its quotes: a path it names may hold an apostrophe
    (a file "Ærø's svar.yaml", a folder shell_word put in single quotes), and the hint's own
    quote must then be one that is not in it, or the copied command would end there:
    “spredning --hjem '/tmp/Mine projekter' status”. A name in prose reads whole the same way.
    """
    if "'" not in text:
        return f"'{text}'"
    for first, last in COMMAND_QUOTES[1:]:
        if first not in text and last not in text:
            return f"{first}{text}{last}"
    return f"'{text}'"  # every pair is in it: as the catalogue writes it


def render(message: Message) -> str:
    """A Message (key and parameters) in words."""
    return t(message.key, **message.params)


def _words(value: object) -> object:
    """Parameters that are Messages (a nested reason, a list of problems) become their words."""
    if isinstance(value, Message):
        return render(value)
    if isinstance(value, list | tuple) and any(isinstance(item, Message) for item in value):
        return [_words(item) for item in value]
    return value


def join(items: Iterable[object], kind: str = "and", clauses: bool = False) -> str:
    """'a, b og c' or 'a, b eller c' in the current language ('a, b; c og d' when a name holds a comma).

    `clauses`: the items are phrases that may end in a relative clause ('1 svar, der står her'); one
    before "og" is closed with a comma ('…, der bliver en konflikt, og 1 svar'). Not for names: in
    'Hjemmehjælp Fyn, ApS og Vejle' the comma is part of the name.
    """
    words = [str(item) for item in items]
    if len(words) < 2:
        return "".join(words)
    first = _separator(words).join(words[:-1])
    if clauses and "," in words[-2]:
        return t("list.and-after-clause", first=first, last=words[-1])
    return t("list.and" if kind == "and" else "list.or", first=first, last=words[-1])


def _separator(words: list[str]) -> str:
    """', ' between a list's items, or '; ' when one holds a comma ('Hjemmehjælp Fyn, ApS' is one name)."""
    return t("list.separator-strong") if any("," in word for word in words) else t("list.separator")


def _listed(items: Iterable[object], spec: str) -> str:
    if spec == "comma":
        words = [str(item) for item in items]
        return _separator(words).join(words)
    return "\n".join(f"  • {item}" for item in items)


def genitive(name: str) -> str:
    """A name in the genitive, by the catalogue's grammar: 'Ærø Kommunes', but 'Hjemmehjælp Fyn ApS''.

    Danish adds an s, or only an apostrophe after s, x or z; English "'s" after any name.
    """
    after_s = name.rstrip()[-1:].lower() in ("s", "x", "z")
    return t("genitive.after-s" if after_s else "genitive.other", name=name)


def date(day: datetime.date) -> str:
    """A date as people write it: '27. november 2026' / '27 November 2026'."""
    months = t("date.months").split()
    return t("date.format", day=day.day, month=months[day.month - 1], year=day.year)


def decimal(value: float, digits: int) -> str:
    """A number with the language's decimal mark: '9,4' in Danish, '9.4' in English."""
    return f"{value:.{digits}f}".replace(".", t("number.decimal-mark"))
