"""The message catalogue in both languages, the keys the code uses, and the English edition on request.

Three kinds of test: the two catalogues match (same files, keys, plural forms and placeholders, and
every entry renders); the source code and the catalogue match (every key the code asks for exists,
and no entry is left that nothing asks for); and a user who asks for English gets it (help, status,
errors, the guide, the example project and a worksheet), while the choice of language follows
--sprog, then $SPREDNING_SPROG, then the locale.
"""

from __future__ import annotations

import ast
import datetime
import functools
import os
import re
import string
import subprocess
from pathlib import Path

import pexpect
import pytest
import yaml
from terminal import ANSI, COMMAND, CTRL_C, ESC_ENTER, TIMEOUT

from spredning import i18n
from spredning.app import home as app_home
from spredning.app import plan
from spredning.cli.commands import plan as plan_command
from spredning.cli.commands.commandline import PUT_RIGHT
from spredning.cli.main import HOME_ELSEWHERE
from spredning.core import fileio, followup, yamlio
from spredning.core.salvage import NOTES
from spredning.report import planfile

LANGUAGES = ("da", "en")
FOLDER = Path(i18n.__file__).resolve().parent
SOURCE = FOLDER.parent
FORMS = {"one", "other"}

# --- The two catalogues match ------------------------------------------------------------------------


@functools.cache
def _files(language: str) -> dict[str, dict[str, object]]:
    """Each YAML file of one language, by file name, read with the catalogue's own (strict) loader."""
    return {
        path.name: yamlio.loads(path.read_text(encoding="utf-8"))
        for path in sorted((FOLDER / language).glob("*.yaml"))
    }


@functools.cache
def _entries(language: str) -> dict[str, object]:
    return {key: value for data in _files(language).values() for key, value in data.items()}


def _texts(entry: object) -> dict[str, str]:
    """An entry's texts by form: {'': text} for a plain entry, {'one': ..., 'other': ...} for a count."""
    return dict(entry) if isinstance(entry, dict) else {"": entry}


def _fields(text: str) -> list[tuple[str, str, str | None]]:
    """The placeholders of a text: name (with any index, as keys[0]), format spec and conversion."""
    return sorted(
        (name, spec or "", conversion)
        for _, name, spec, conversion in string.Formatter().parse(text)
        if name is not None
    )


def _all_entries() -> list[tuple[str, str]]:
    return [(language, key) for language in LANGUAGES for key in _entries(language)]


def test_each_language_has_the_same_files_with_the_same_keys():
    da, en = _files("da"), _files("en")
    assert sorted(en) == sorted(da)
    for name in da:
        only_da = sorted(set(da[name]) - set(en[name]))
        only_en = sorted(set(en[name]) - set(da[name]))
        assert (only_da, only_en) == ([], []), f"{name}: only in Danish {only_da}, only in English {only_en}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_key_is_written_twice_in_a_language(language):
    """A second entry under a key would replace the first without a word, in its file or another.

    Read as YAML nodes, which keep both; the program refuses such a catalogue (i18n.shipped), so
    none may ship.
    """
    where: dict[str, list[str]] = {}
    for path in sorted((FOLDER / language).glob("*.yaml")):
        top = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        for key, _ in top.value if top is not None else ():
            where.setdefault(key.value, []).append(f"{path.name}:{key.start_mark.line + 1}")
    assert {key: places for key, places in where.items() if len(places) > 1} == {}


@pytest.mark.parametrize(
    ("files", "named"),
    [
        ({"a.yaml": "one: En\ntwo: To\none: Igen\n"}, "a.yaml: one (2 x: linje/line 1, 3)"),
        ({"a.yaml": "one: En\n", "b.yaml": "two: To\none: Igen\n"}, "b.yaml: one (også/also in a.yaml)"),
    ],
)
def test_a_catalogue_with_a_key_twice_is_refused_naming_the_file_and_key(tmp_path, files, named):
    from spredning.i18n.shipped import CatalogueBroken, read_catalogue

    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")

    with pytest.raises(CatalogueBroken) as refused:
        read_catalogue(tmp_path)

    assert refused.value.text.splitlines()[-1] == f"{tmp_path}/{named}"


def test_every_entry_is_a_text_or_a_count_with_one_and_other():
    wrong = [
        f"{language}: {key}"
        for language, key in _all_entries()
        if not all(isinstance(text, str) for text in _texts(_entries(language)[key]).values())
        or (isinstance(_entries(language)[key], dict) and set(_entries(language)[key]) != FORMS)
    ]
    assert wrong == []


def test_plural_entries_have_the_same_forms_in_both_languages():
    da, en = _entries("da"), _entries("en")
    different = [key for key in da if key in en and set(_texts(da[key])) != set(_texts(en[key]))]
    assert different == []


def test_every_entry_has_the_same_placeholders_in_both_languages():
    da, en = _entries("da"), _entries("en")
    different = [
        f"{key}{'.' + form if form else ''}: {_fields(text)} != {_fields(_texts(en[key])[form])}"
        for key in da
        if key in en
        for form, text in _texts(da[key]).items()
        if form in _texts(en[key]) and _fields(text) != _fields(_texts(en[key])[form])
    ]
    assert different == []


def test_a_fragment_named_in_an_entry_exists():
    """{value:?key} shows the entry `key` when there is a value: that entry must exist."""
    missing = [
        f"{language}: {key} names {spec[1:]}"
        for language, key in _all_entries()
        for text in _texts(_entries(language)[key]).values()
        for _, spec, _ in _fields(text)
        if spec.startswith("?") and spec[1:] not in _entries(language)
    ]
    assert missing == []


def _value_for(name: str, spec: str) -> object:
    """A parameter value that suits a placeholder's format spec."""
    if spec in ("and", "or", "comma", "lines", "suggest") or "[" in name:
        return ["første", "anden"]
    if spec == "date":
        return datetime.date(2026, 11, 27)
    if spec == "mib":
        return 5 * 1024 * 1024
    if spec == "month":
        return 4
    return "værdi"


def _rendered(key: str) -> list[str]:
    """An entry in the current language, for one and for several, with a value for every placeholder."""
    params: dict[str, object] = {}
    for text in _texts(i18n.catalogue(i18n.language())[key]).values():
        for name, spec, _ in _fields(text):
            params[re.split(r"[.\[]", name)[0]] = _value_for(name, spec)
    params.pop("prog", None)
    params.pop("prog_here", None)
    return [i18n.t(key, **{**params, "n": n}) for n in (1, 2)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_renders(language):
    i18n.set_language(language)
    broken = [
        (key, words) for key in _entries(language) for words in _rendered(key) if key == words or "{" in words
    ]
    assert broken == []


def test_lists_dates_and_numbers_are_written_the_english_way():
    i18n.set_language("en")
    assert i18n.join(["a", "b", "c"]) == "a, b and c"
    assert i18n.join(["a", "b", "c"], "or") == "a, b or c"
    assert i18n.date(datetime.date(2026, 11, 27)) == "27 November 2026"
    assert i18n.t("plan.date-past-month-end", value="31-04", month=4, days=30).endswith(
        "April has only 30 days."
    )
    assert i18n.decimal(9.44, 1) == "9.4"
    i18n.set_language("da")
    assert i18n.join(["a", "b", "c"]) == "a, b og c"
    assert i18n.date(datetime.date(2026, 11, 27)) == "27. november 2026"
    assert i18n.decimal(9.44, 1) == "9,4"


def test_english_quotes_a_name_in_english_quotation_marks():
    """Found in a trial: an English hint said 'If »Director of Health …« approves again' (Danish marks)."""
    i18n.set_language("en")
    danish_marks = [
        (key, words) for key in _entries("en") for words in _rendered(key) if {"»", "«"} & set(words)
    ]
    assert danish_marks == []


def test_the_home_screens_english_actions_are_cut_at_60_columns_no_more_than_the_danish():
    """Found in a trial: at 60 columns the English menu read 'Resolve the conflict (an answer exists
    in more than o…' and 'Follow up on the 2 actions that are past their deadli…', the Danish whole."""
    from spredning.cli.prompts.simple import CHOICE_INDENT

    room = 60 - CHOICE_INDENT
    english = _entries("en")
    fixed = [  # the actions whose length the catalogue decides (not a partner's name, a phase's, a question)
        key
        for key in english
        if key.startswith("home.action.")
        and {name for text in _texts(english[key]).values() for name, _, _ in _fields(text)} <= {"n"}
    ]
    assert len(fixed) > 10
    longer = []
    for key in fixed:
        i18n.set_language("da")
        danish = max(len(words) for words in _rendered(key))
        i18n.set_language("en")
        longer += [words for words in _rendered(key) if len(words) > max(room, danish)]
    assert longer == []


# --- The source code and the catalogue match ---------------------------------------------------------

# Calls whose first argument is a catalogue key; the error classes are found in the source below.
KEY_CALLS = {"t", "say", "message", "Message", "not_in_future", "tell_written", "interrupted_as"}
ERROR_ROOTS = {"SpredningError", "YamlProblem"}
# Helpers that take a file's path (or a place in it) and a key: every argument shaped like a key is one.
# (content._ids takes the key of the problem to report last; followup_file._Reader.bad a record's;
# render_project.theirs a message and its form for a version from git; projectfile.content_problem
# a project file's problem, from the modules that read one.)
PROBLEM_HELPERS = {"_problem", "problem", "content_problem", "_ids", "bad", "theirs", "_no_line"}
# Functions that return a key for their caller to show: (module, function). What they return is a key.
KEY_RETURNERS = {("spredning/core/followup.py", "problem"), ("spredning/core/textsafe.py", "line_break_key")}
KEY_SHAPE = re.compile(r"^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$")

# Keys the code builds with an f-string, each pattern with every key it can become. A new f-string
# key fails test_every_key_built_from_parts_is_listed until it is added here.
BUILT_KEYS = {
    "role.{}": ["role.dele", "role.genbruge"],
    "where.record.{}-gone": ["where.record.plan-gone", "where.record.moede-gone"],  # views._record_words
    "plan.several-problems.{}": [
        f"plan.several-problems.{key}{example}"
        for key in ("again", "left-out")
        for example in ("", "-example")
    ],
    "{}.unreadable": ["answers.unreadable"],  # read_user_yaml(path, "answers") for 'fase --svar'
    "{}.invalid": ["answers.invalid"],
    "{}.not-a-file": ["answers.not-a-file"],  # read_user_yaml: a folder, a device, a pipe nobody writes to
    "files.kind.{}": [
        f"files.kind.{kind}" for kind in ("folder", "fifo", "socket", "device", "link", "other")
    ],
    # files.replacing: another file there, refused (without a terminal) or asked about, for each kind
    "{}.{}": [f"{kind}.{which}" for kind in ("files", "arbejdsark") for which in ("exists", "changed")],
    "{}.bring-in": ["arbejdsark.bring-in"],
    "{}.replace-question.{}": [
        f"{kind}.replace-question.{which}"
        for kind in ("files", "arbejdsark")
        for which in ("exists", "changed")
    ],
    "{}-not-relevant": [
        "report.version-here-not-relevant",
        "report.version-from-not-relevant",
        "report.version-own-sheet-not-relevant",
        "report.version-own-project-not-relevant",
        "report.version-here-by-not-relevant",
    ],
    "exchange.why.{}": [
        f"exchange.why.{k}" for k in ("empty", "not-mapping", "too-large", "newer-format", "cut-off")
    ],
    "projects.why.{}": [  # cli/render_project.unreadable_reason: why a project file cannot be read
        f"projects.why.project.{k}"
        for k in (
            "not-regular",
            "dangling-link",
            "unreadable",
            "invalid-yaml",
            "problem",
            "empty",
            "not-mapping",
            "too-large",
            "newer-format",
            "git-conflict",
            "kept-twice",
            "cut-off",
        )
    ],
    "worksheet.left-out.{}": [f"worksheet.left-out.{k}" for k in ("table", "image", "note", "formula")],
    "content.kind.{}": [f"content.kind.{k}" for k in ("mapping", "list", "text", "empty")],
    "reason.{}": sorted({f"reason.{k}" for k in fileio._REASONS.values()}),
    "yaml.problem.{}": sorted(
        {f"yaml.problem.{k}" for _, k in yamlio._PROBLEMS}
        | {f"yaml.problem.{k}" for _, _, k in yamlio._OPENED}
        | {"yaml.problem.other", "yaml.problem.unclosed-quote"}
    ),
    # The home screen's menu lines (cli/render_home.title): key = f"home.action.{kind}" for every kind
    # that reaches t(key) -- the menu's, and those of the lists without words of their own.
    "home.action.{}": sorted(
        {
            f"home.action.{kind}"
            for kind in (*app_home.RANK, *app_home.ALWAYS, *app_home.FIRST_RUN, *app_home.WITHOUT_PROJECT)
        }
        | {
            f"home.action.{kind}"
            for kind in (
                *app_home.EXCHANGE,
                *app_home.FOLLOWUP,
                "worksheet-all",
                "guide-overview",
                "guide-all",
                "remove",
                "merge",
            )
        }
    ),
    # t(f"{key}-several") with that key, for the sharing side with several partners.
    "{}-several": [f"home.action.{kind}-several" for kind in ("news", "send", "exchange")],
    "home.format.{}": [f"home.format.{fmt}" for fmt in app_home.REPORT_FORMATS],
    # The follow-up (issue 15): an action's status and a readiness colour are worded from the value
    # kept in the file, as is the interview's choice of colour; the plan's columns are the CSV file's
    # (report/planfile.COLUMNS; the report's table uses four of them).
    "plan.status.{}": [f"plan.status.{status}" for status in followup.STATUSES],
    "plan.status-also.{}": [f"plan.status-also.{status}" for status in followup.STATUSES],
    "plan.days.{}": [f"plan.days.{name}" for name in plan.DAYS_IN_WORDS],
    "plan.colour.{}": [f"plan.colour.{colour}" for colour in followup.COLOURS],
    # the portfolio's short line per organisation counts readiness marks by colour
    "status.short-colour.{}": [f"status.short-colour.{colour}" for colour in followup.COLOURS],
    "plan.rate.{}": [f"plan.rate.{colour}" for colour in followup.COLOURS],
    "readiness.colour-word.{}": [f"readiness.colour-word.{colour}" for colour in followup.COLOURS],
    "plan.column.{}": [f"plan.column.{name}" for name in planfile.COLUMNS],
    # 'plan --format csv|ics' says what it wrote (the text format writes no file).
    "plan.written-{}": [f"plan.written-{fmt}" for fmt in plan_command.FORMATS if fmt != "tekst"],
    "plan.replaced-{}": [f"plan.replaced-{fmt}" for fmt in plan_command.FORMATS if fmt != "tekst"],
    # app/project_removal._without: a failed removal said without the fjernede/ folder it took back
    "{}.no-folder": [f"{key}.no-folder" for key in ("store.cannot-remove", "remove.cannot-keep")],
    # cli/main.error_hint: an error whose reason is 'no access' gets KEY.hint.access where there is one
    "{}.access": [
        f"{key}.hint.access"
        for key in (
            "exchange.unreadable",
            "answers.unreadable",
            "project.unreadable",
            "local.unreadable",
            "store.cannot-save",
            "store.home-unreadable",
            "files.cannot-save",
            "files.cannot-create-folder",
            "files.cannot-keep",
        )
    ]
    + ["files.cannot-save.hint.new.access"],  # fileio._write_error: a new file's own hint
    # ... and one whose reason is a read-only drive (EROFS) KEY.hint.read-only
    "{}.read-only": ["files.cannot-save.hint.read-only", "files.cannot-save.hint.new.read-only"],
    # followup.problem returns f"followup.bad-{name}" for the field whose value is wrong: any field.
    "followup.bad-{}": sorted(
        {f"followup.bad-{name}" for kind in followup.KINDS.values() for name in kind.fields}
    ),
}


def command_paths() -> list[list[str]]:
    """Every command of the app as its words: ["fase"], ["projekt", "brug"] ... (groups included)."""
    import typer.main

    from spredning.cli.main import build_app

    paths: list[list[str]] = []

    def walk(group, ctx, words):
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            paths.append([*words, name])
            if hasattr(command, "list_commands"):
                walk(command, typer.Context(command, parent=ctx, info_name=name), [*words, name])

    root = typer.main.get_group(build_app())
    walk(root, typer.Context(root, info_name="spredning"), [])
    return paths


# A damaged project file's hint (fileio.restore_hint): naming the newest backup, the line, or neither.
# project.problem: a content refusal (projectfile._with_way_out), whose line is known for an answer.
_RESTORABLE = (
    "project.invalid-yaml",
    "project.empty",
    "project.not-mapping",
    "project.cut-off",
    "project.problem",
)
_LINED = ("project.invalid-yaml", "project.problem")
BUILT_KEYS["{}.hint"] = [f"{key}.hint" for key in _RESTORABLE]
BUILT_KEYS["{}.hint.backup"] = [f"{key}.hint.backup" for key in _RESTORABLE]
BUILT_KEYS["{}.hint.line"] = [f"{key}.hint.line" for key in _LINED]
# ... or, when there are backups and none of them can be read, says so ("{}.hint{}" + ".bad-backups").
BUILT_KEYS["{}.hint{}"] = [*BUILT_KEYS["{}.hint"], *(f"{key}.hint.bad-backups" for key in _RESTORABLE)]
BUILT_KEYS["{}.hint.line.backup"] = [f"{key}.hint.line.backup" for key in _LINED]
BUILT_KEYS["{}.hint.line{}"] = [
    *(f"{key}.hint.line" for key in _LINED),
    *(f"{key}.hint.line.bad-backups" for key in _LINED),
]

# A wrong --rolle, --partner, --status, --fase, --format or tool close to a right value: the command put
# right (commandline.PUT_RIGHT: each refusal there has its '.command' words).
BUILT_KEYS["{}.command"] = [f"{key}.command" for key in PUT_RIGHT]
# A projects folder this user may not write in: the hint with the command run in another (main.error_hint).
BUILT_KEYS["{}.elsewhere"] = [f"{key}.elsewhere" for key in HOME_ELSEWHERE]
# A damaged state file read back (views.salvaged_texts): each text's kind and what to know of it.
BUILT_KEYS["local.salvaged.{}"] = ["local.salvaged.draft", "local.salvaged.reason"]
BUILT_KEYS["local.salvaged.note.{}"] = [
    f"local.salvaged.note.{note}" for note in ("cut", "unreadable", "line-by-line", "twice")
]
# What losing lines of the program's own notes means (salvage.NOTES's values): every one has a message.
BUILT_KEYS["local.salvaged.consequence.{}"] = [
    f"local.salvaged.consequence.{key}" for key in dict.fromkeys(NOTES.values())
]

# A version of our own kept beside ours from another project (projekt flet): render_project.own_key.
BUILT_KEYS["{}.merged"] = [
    f"conflict.{key}.merged" for key in ("own-sheet", "own-sheet-open", "own-sheet-heading", "keep-own-sheet")
] + ["interview.conflict-own-sheet.merged"]

# The command list's short help: typer_compat.DanishGroup.format_commands builds help.PATH.short.
BUILT_KEYS["{}.{}.short"] = [".".join(["help", *words, "short"]) for words in command_paths()]

# Keys that no call names but that are shown all the same: KEY.hint under the error KEY (the error
# boundary in cli/main.py shows it when it exists), and fragments named as {value:?key} in entries.
HINT = ".hint"


class _Module:
    def __init__(self, path: Path):
        self.path = path
        self.tree = ast.parse(path.read_text(encoding="utf-8"))
        self.parents: dict[ast.AST, ast.AST] = {}
        for node in ast.walk(self.tree):
            for child in ast.iter_child_nodes(node):
                self.parents[child] = node
        self.top = {  # module-level tables, annotated (TABLE: dict[...] = {...}) or not
            target.id: node.value
            for node in self.tree.body
            if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None
            for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
            if isinstance(target, ast.Name)
        }

    @property
    def name(self) -> str:
        """The module's path from the project's root, as spredning/core/followup.py."""
        return self.path.relative_to(SOURCE.parent).as_posix()

    def where(self, node: ast.AST) -> str:
        return f"{self.name}:{node.lineno}"

    def function_of(self, node: ast.AST) -> ast.AST:
        while node in self.parents and not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            node = self.parents[node]
        return node

    def bound(self, name: str, node: ast.AST) -> list[ast.AST]:
        """What a local name is bound to in the function around node: assignments and loops."""
        found: list[ast.AST] = []
        for item in ast.walk(self.function_of(node)):
            if isinstance(item, ast.Assign) and any(_names(t, name) for t in item.targets):
                found.append(item.value)
            elif isinstance(item, ast.For | ast.comprehension) and _names(item.target, name):
                found.append(item.iter)
        return found


def _names(target: ast.AST, name: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(target))


def _modules() -> list[_Module]:
    return [_Module(path) for path in sorted(SOURCE.rglob("*.py"))]


def _error_classes(modules: list[_Module]) -> set[str]:
    """SpredningError, YamlProblem and every class in the source that derives from one of them."""
    classes = set(ERROR_ROOTS)
    bases = {
        node.name: {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}
        for module in modules
        for node in ast.walk(module.tree)
        if isinstance(node, ast.ClassDef)
    }
    while new := {name for name, parents in bases.items() if parents & classes} - classes:
        classes |= new
    return classes


def _call_name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _template(joined: ast.JoinedStr) -> str:
    return "".join(part.value if isinstance(part, ast.Constant) else "{}" for part in joined.values)


class Usage:
    """The keys the source asks for (with where), and the f-string patterns it builds keys from."""

    def __init__(self):
        self.keys: dict[str, list[str]] = {}
        self.patterns: dict[str, list[str]] = {}

    def add(self, key: str, where: str) -> None:
        self.keys.setdefault(key, []).append(where)

    def argument(self, module: _Module, node: ast.AST) -> None:
        """A key argument: a text, either branch of `a if c else b`, an f-string, a local name, or
        an entry of a table at module level (TABLE[kind])."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            self.add(node.value, module.where(node))
        elif isinstance(node, ast.IfExp):
            self.argument(module, node.body)
            self.argument(module, node.orelse)
        elif isinstance(node, ast.JoinedStr):
            self.patterns.setdefault(_template(node), []).append(module.where(node))
        elif isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
            if node.value.id in module.top:
                for constant in _key_shaped(module.top[node.value.id]):
                    self.add(constant.value, module.where(constant))
        elif isinstance(node, ast.Name):
            self.local(module, node)

    def local(self, module: _Module, node: ast.Name) -> None:
        """key = "a" if c else "b"; key = f"a.{b}"; for key, n in (("a", 1), ...); a table at module level."""
        for value in module.bound(node.id, node):
            if isinstance(value, ast.JoinedStr):
                self.patterns.setdefault(_template(value), []).append(module.where(value))
            tables = [
                module.top[n.id] for n in ast.walk(value) if isinstance(n, ast.Name) and n.id in module.top
            ]
            for item in (value, *tables):
                for constant in _key_shaped(item):
                    self.add(constant.value, module.where(constant))


def _key_shaped(tree: ast.AST) -> list[ast.Constant]:
    """The texts in a piece of code that look like catalogue keys (a.b-c)."""
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and KEY_SHAPE.match(node.value)
    ]


def _returned_keys(module: _Module, usage: Usage) -> None:
    """The keys a function in KEY_RETURNERS returns (texts and f-strings) are used."""
    for function in ast.walk(module.tree):
        if isinstance(function, ast.FunctionDef) and (module.name, function.name) in KEY_RETURNERS:
            for node in ast.walk(function):
                if isinstance(node, ast.Return) and node.value is not None:
                    usage.argument(module, node.value)


def _usage() -> Usage:
    modules = _modules()
    first_argument = KEY_CALLS | _error_classes(modules)
    usage = Usage()
    for module in modules:
        _returned_keys(module, usage)
        for call in (n for n in ast.walk(module.tree) if isinstance(n, ast.Call)):
            name = _call_name(call)
            is_super_init = (
                name == "__init__"
                and isinstance(call.func, ast.Attribute)
                and isinstance(call.func.value, ast.Call)
                and _call_name(call.func.value) == "super"
            )
            if (name in first_argument or is_super_init) and call.args:
                usage.argument(module, call.args[0])
            if name in PROBLEM_HELPERS:
                for arg in call.args:
                    if isinstance(arg, ast.Constant) and arg in _key_shaped(arg):
                        usage.add(arg.value, module.where(arg))
            for keyword in call.keywords:
                if keyword.arg == "hint":
                    usage.argument(module, keyword.value)
    return usage


@pytest.fixture(scope="module")
def usage() -> Usage:
    return _usage()


def test_the_scan_finds_the_keys_it_should(usage):
    """A guard for the scan itself: keys from each kind of use are found."""
    for key in (
        "error.label",  # say("error.label", ...)
        "store.no-project",  # UsageProblem / SpredningError("...")
        "dialogue.choose-partner",  # super().__init__("...") in PartnerChoice
        "content.problem-at",  # message("a" if path else "b", ...)
        "content.no-goals",  # check.problem(path, "content.no-goals")
        "content.no-folder.hint",  # hint="..."
        "eksport.replaced",  # key = "a" if ... else "b"; say(key, ...)
        "status.short-news",  # t(key, n=n) for key, n in (("...", ...), ...)
        "typer.options",  # key = _WORDS.get(message), a table at module level
        "yaml.too-deep",  # YamlProblem("...")
        "home.which-phase",  # t(LISTS[action.kind]), a table at module level
        "content.unknown-tool",  # _ids(check, data, "handlinger", tools, "content.unknown-tool")
        "followup.bad-others",  # self.bad(where, "followup.bad-others")
        "followup.missing-field",  # return "followup.missing-field" in followup.problem
    ):
        assert key in usage.keys, key
    assert "role.{}" in usage.patterns
    assert "home.action.{}" in usage.patterns  # key = f"home.action.{kind}"; t(key)
    assert "followup.bad-{}" in usage.patterns  # return f"followup.bad-{name}" in followup.problem


def test_every_key_built_from_parts_is_listed(usage):
    unlisted = {pattern: where for pattern, where in usage.patterns.items() if pattern not in BUILT_KEYS}
    assert unlisted == {}, "list the keys these f-strings can become in BUILT_KEYS"


def test_every_key_the_code_uses_exists_in_both_languages(usage):
    used = {key: where for key, where in usage.keys.items()}
    for pattern in usage.patterns:
        for key in BUILT_KEYS.get(pattern, []):
            used.setdefault(key, [pattern])
    for language in LANGUAGES:
        entries = _entries(language)
        missing = {key: where for key, where in used.items() if key not in entries}
        assert missing == {}, f"missing in {language}/"


def test_no_catalogue_entry_is_left_unused(usage):
    entries = _entries("da")
    used = set(usage.keys) | {key for keys in BUILT_KEYS.values() for key in keys}
    used |= {key + HINT for key in used}
    used |= {
        spec[1:]
        for entry in entries.values()
        for text in _texts(entry).values()
        for _, spec, _ in _fields(text)
        if spec.startswith("?")
    }
    assert sorted(set(entries) - used) == []


# --- English on request ------------------------------------------------------------------------------


def test_help_is_english_with_spredning_sprog_en_and_danish_again_without(run_cli, monkeypatch):
    monkeypatch.setenv("SPREDNING_SPROG", "en")
    code, out, err = run_cli("--help")
    assert (code, err) == (0, "")
    assert out.startswith("Usage: spredning [OPTIONS] COMMAND [ARGS]...")
    assert "\nOptions:\n" in out and "\nCommands:\n" in out
    assert "Start a new project and make it active." in out
    assert "Show this help and exit." in out
    assert "Anvendelse" not in out and "Tilvalg" not in out

    monkeypatch.delenv("SPREDNING_SPROG")
    code, out, _ = run_cli("--help")
    assert code == 0
    assert out.startswith("Anvendelse: spredning [TILVALG] KOMMANDO [ARGUMENTER]...")
    assert "Start et nyt projekt, og gør det aktivt." in out


def _person(tmp_path, **environ: str) -> dict[str, str]:
    """The environment of a person with spredning on the PATH and their projects in tmp_path."""
    return {
        "PATH": f"{COMMAND.parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "TERM": "xterm",
        "COLUMNS": "80",
        "LINES": "40",
        "SPREDNING_HJEM": str(tmp_path / "hjem"),
        "PROMPT_TOOLKIT_NO_CPR": "1",  # pexpect never answers prompt_toolkit's cursor position request
        **environ,
    }


def _installed(tmp_path, *args: str, **environ: str) -> subprocess.CompletedProcess:
    """Run the installed command in a fresh process."""
    return subprocess.run(
        [str(COMMAND), *args],
        env=_person(tmp_path, **environ),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


@pytest.mark.e2e
def test_a_command_help_page_is_english_from_the_locale(tmp_path):
    """A command's options are read once per process, so their help is checked in a fresh one."""
    done = _installed(tmp_path, "fase", "--help", LANG="en_GB.UTF-8")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("Usage: spredning fase [OPTIONS] PHASE\n")
    phases = "The phase, e.g. check, test, adapt, remove, implement or harvest."  # as typed in English
    assert f"\nArguments:\n  PHASE  {phases}" in done.stdout
    assert "  --svar FILE " in done.stdout and "Save answers from a YAML file" in done.stdout
    assert "[required]" in done.stdout and "Show this help and exit." in done.stdout


@pytest.mark.e2e
def test_the_interview_in_english(tmp_path):
    started = _installed(tmp_path, "start", "--navn", "Rehab", "--rolle", "dele", "--genbruger", "South")
    assert started.returncode == 0, started.stderr
    env = _person(tmp_path, SPREDNING_SPROG="en")
    child = pexpect.spawn(
        str(COMMAND), ["fase", "tjek"], env=env, encoding="utf-8", dimensions=(40, 80), timeout=TIMEOUT
    )
    child.expect_exact("What is the purpose?")
    child.expect_exact("Alt+Enter or Ctrl+S saves")
    child.send("To start sooner" + ESC_ENTER)
    child.expect_exact("What does the solution involve?")
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    said = " ".join(ANSI.sub("", child.before).split())
    assert "Stopped. Your answers are saved: 1 of 20 questions in the Check phase are answered (" in said
    assert "Continue later with: spredning fase check --rolle dele" in said
    child.close()
    assert child.exitstatus == 130


def test_status_of_the_english_example_project_is_english(run_cli, tmp_path):
    code, out, err = run_cli("--sprog", "en", "start", "--eksempel")
    assert (code, err) == (0, "")
    assert "The project has been created: Example – Digital rehabilitation programme" in out
    created = tmp_path / "hjem" / "example-digital-rehabilitation-programme.yaml"
    assert "Example Municipality North" in created.read_text(encoding="utf-8")

    code, out, err = run_cli("--sprog", "en", "status")
    assert (code, err) == (0, "")
    assert "Project       Example – Digital rehabilitation programme  (example)" in out
    assert "Shared by     Example Municipality North" in out
    assert "We want to share" in out and "We want to reuse" in out
    assert "1. Check" in out and "6. Harvest" in out
    assert "All tools are answered." in out
    # two commands, one for each side, each whole on one line, with the --sprog given
    assert "Next step: say which side you are on, on this computer:" in out
    lines = out.splitlines()
    assert any("'spredning --sprog en projekt side dele' if you share" in line for line in lines), out
    assert any("'spredning --sprog en projekt side genbruge' if you reuse" in line for line in lines), out


def test_the_danish_example_project_stays_danish(run_cli, tmp_path):
    code, out, _ = run_cli("start", "--eksempel")
    assert code == 0
    assert "Projektet er oprettet: Eksempel – Digitalt genoptræningsforløb" in out


def test_an_error_and_its_hint_are_english(run_cli, monkeypatch):
    monkeypatch.setenv("SPREDNING_SPROG", "en")
    code, out, err = run_cli("status")
    assert (code, out) == (1, "")
    assert " ".join(err.split()) == (
        "Error: There is no project in the folder yet. "
        "Start a project with 'spredning start', or bring one in from a partner with "
        "'spredning importer' and the file's name after it."
    )


def test_a_usage_error_in_english_names_the_phases_in_english(run_cli):
    code, _, err = run_cli("--sprog", "en", "guide", "xyz")
    assert code == 2
    assert " ".join(err.split()).startswith(
        "Error: Unknown phase: 'xyz'. The guide's phases are: check, test, adapt, remove, implement, harvest."
    )
    assert " fase " not in err  # no other command than the one typed (guide)


def test_a_missing_terminal_gives_an_english_example_command(run_cli):
    code, _, err = run_cli("--sprog", "en", "start")
    assert code == 2
    assert "Error: Some information is missing, and there is no terminal to ask in." in err
    example = (
        "spredning --sprog en start --navn 'Rehabilitation at home' --rolle genbruge"
        " --organisation 'Example Municipality'"
    )
    assert example in " ".join(err.split())


def test_the_guide_in_english(run_cli):
    code, out, err = run_cli("--sprog", "en", "guide", "tjek", "--ingen-pager")
    assert (code, err) == (0, "")
    assert out.startswith("Phase 1: Check")
    assert "We want to share – goals:" in out
    assert "Tool: Describe the innovation" in out
    assert "1. What is the purpose?" in out
    assert "Fase" not in out and "Værktøj" not in out and "Vi vil" not in out


def test_an_english_phase_name_is_accepted_in_english(run_cli):
    code, out, _ = run_cli("--sprog", "en", "guide", "harvest", "--ingen-pager")
    assert code == 0
    assert out.startswith("Phase 6: Harvest")


def test_a_report_in_english_is_marked_english(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SPREDNING_SPROG", "en")
    assert run_cli("start", "--eksempel")[0] == 0
    code, out, err = run_cli("rapport", "--format", "html", "--ud", "r.html")
    assert (code, err) == (0, "")
    assert " ".join(out.split()) == f"The report has been written: {tmp_path / 'r.html'}"  # in full
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html
    assert "Report from Spreading Innovation" in html and "Phase 1: Check" in html


# --- Choosing the language ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "environ", "expected"),
    [
        (None, {}, "da"),
        ("en", {}, "en"),
        ("EN", {}, "en"),
        ("english", {}, "en"),
        ("da", {"SPREDNING_SPROG": "en", "LANG": "en_GB.UTF-8"}, "da"),  # --sprog beats the rest
        ("en", {"SPREDNING_SPROG": "da"}, "en"),
        ("fransk", {"SPREDNING_SPROG": "en"}, "en"),  # refused: in the language the user otherwise reads
        ("fransk", {"LANG": "en_GB.UTF-8"}, "en"),
        ("fransk", {}, "da"),
        (None, {"SPREDNING_SPROG": "en", "LC_ALL": "da_DK.UTF-8"}, "en"),  # $SPREDNING_SPROG beats locale
        (None, {"SPREDNING_SPROG": "da", "LANG": "en_US.UTF-8"}, "da"),
        (None, {"SPREDNING_SPROG": "", "LANG": "en_GB.UTF-8"}, "en"),  # empty means not set
        (None, {"LANG": "en_GB.UTF-8"}, "en"),
        (None, {"LC_MESSAGES": "en_US", "LANG": "da_DK.UTF-8"}, "en"),  # LC_MESSAGES beats LANG
        (None, {"LC_ALL": "da_DK.UTF-8", "LC_MESSAGES": "en_US"}, "da"),  # LC_ALL beats LC_MESSAGES
        (None, {"LC_ALL": "en_IE.UTF-8", "LANG": "da_DK.UTF-8"}, "en"),
        (None, {"LANG": "da_DK.UTF-8"}, "da"),
        (None, {"LANG": "C.UTF-8"}, "da"),  # a machine set to C still speaks Danish
        (None, {"LANG": "C"}, "da"),
        (None, {"LANG": "POSIX"}, "da"),
        (None, {"LC_ALL": "C.UTF-8", "LANG": "en_GB.UTF-8"}, "da"),  # LC_ALL=C is the locale in force
        (None, {"LANG": "fr_FR.UTF-8"}, "da"),  # only English or Danish counts
        (None, {"LANG": "de_DE"}, "da"),
    ],
)
def test_language_from_option_then_environment_then_locale(option, environ, expected):
    assert i18n.language_from(option, environ) == expected


def test_an_unknown_sprog_is_a_usage_error_in_danish(run_cli):
    code, out, err = run_cli("--sprog", "fransk", "status")
    assert (code, out) == (2, "")
    assert err == "Fejl: Ukendt sprog: 'fransk'. Vælg da eller en.\n"


@pytest.mark.parametrize("environ", [{"SPREDNING_SPROG": "en"}, {"LANG": "en_GB.UTF-8"}])
def test_an_unknown_sprog_is_refused_in_the_language_the_user_otherwise_reads(run_cli, monkeypatch, environ):
    """Found in a trial: a partner with SPREDNING_SPROG=en who mistyped --sprog was refused in Danish."""
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    code, out, err = run_cli("--sprog", "fransk", "status")
    assert (code, out) == (2, "")
    assert err == "Error: Unknown language: 'fransk'. Choose da or en.\n"


def test_an_unknown_spredning_sprog_falls_back_to_danish_with_a_warning(run_cli, monkeypatch):
    monkeypatch.setenv("SPREDNING_SPROG", "klingon")
    monkeypatch.setenv("LANG", "da_DK.UTF-8")
    code, out, err = run_cli("--help")
    assert code == 0
    assert out.startswith("Anvendelse: spredning")
    assert " ".join(err.split()) == (
        "Advarsel: SPREDNING_SPROG=klingon er ikke et sprog, programmet har (da eller en), så teksterne er "
        "på dansk."
    )


def test_an_unknown_spredning_sprog_on_an_english_system_is_warned_of_in_english(run_cli, monkeypatch):
    """Found in a trial: a partner who wrote SPREDNING_SPROG=eng was told why in Danish only."""
    monkeypatch.setenv("SPREDNING_SPROG", "eng")
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    code, out, err = run_cli("--help")
    assert code == 0
    assert out.startswith("Anvendelse: spredning")  # the texts: Danish, as the warning says
    assert " ".join(err.split()) == (
        "Warning: SPREDNING_SPROG=eng is not a language the program has (da or en), so the texts are "
        "in Danish."
    )


def test_sprog_given_leaves_spredning_sprog_unread_and_unwarned(run_cli, monkeypatch):
    monkeypatch.setenv("SPREDNING_SPROG", "de")
    code, out, err = run_cli("--sprog", "en", "--help")
    assert (code, err) == (0, "")
    assert out.startswith("Usage: spredning")


def test_an_english_locale_gives_english(run_cli, monkeypatch):
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    code, out, _ = run_cli("--help")
    assert code == 0
    assert out.startswith("Usage: spredning")


def test_a_worksheet_in_english_is_english_and_reads_english_back(run_cli, tmp_path, monkeypatch):
    import docx

    from spredning.worksheet import answers

    monkeypatch.chdir(tmp_path)
    assert run_cli("--sprog", "en", "start", "--eksempel")[0] == 0
    assert run_cli("--sprog", "en", "projekt", "side", "dele")[0] == 0
    code, out, err = run_cli("--sprog", "en", "arbejdsark", "--ud", "sheet.docx")
    assert (code, err) == (0, "")
    assert " ".join(out.split()).startswith(f"Worksheet written: {tmp_path / 'sheet.docx'} ")
    assert "Send it to Example Municipality South" in out

    document = docx.Document(str(tmp_path / "sheet.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Worksheet for Example Municipality South" in text
    assert "How to fill in the worksheet" in text
    assert "write “Not relevant:” and a short reason in the box" in text
    assert "Phase 1: Check" in text and "1. What is the purpose?" in text
    assert "Arbejdsark" not in text and "Fase" not in text and "Svar" not in text
    assert document.core_properties.language == "en-GB"

    i18n.set_language("en")
    marked = answers.to_answer("Not relevant: we have it already")
    assert (marked.not_relevant, marked.text) == (True, "we have it already")
    assert not answers.to_answer("Not relevant for us, because we have it").not_relevant


# --- Commands for the partner --------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_file_the_partner_makes_is_named_by_the_partners_plain_command(language):
    """'lavet med '{prog} eksport'' would name our path and options ('.venv/bin/spredning --sprog en'):
    what the partner runs is their program, written plainly as 'spredning eksport'."""
    ours = re.compile(r"(lavet med|made with|fra|from) '\{prog")
    found = {
        key: text
        for key, entry in _entries(language).items()
        for text in _texts(entry).values()
        if isinstance(text, str) and ours.search(text)
    }
    assert found == {}


def test_a_name_that_is_no_text_is_said_to_need_text_in_english(run_cli, make_project, store):
    """trial42: "'projekt.navn' must be a text": text is a mass noun in English ("must be text")."""
    slug = make_project(role="genbruge")
    path = store.path_for(slug)
    path.write_text(re.sub(r"(?m)^  navn: .*$", "  navn: [1]", path.read_text(encoding="utf-8")), "utf-8")

    code, _, err = run_cli("--sprog", "en", "status", "--projekt", slug)

    assert code == 1
    assert "'projekt.navn' must be text." in " ".join(err.split())
