"""Hardened YAML reading and human-friendly YAML writing.

Reading: safe constructors only, libyaml's C parser when present (15-20x faster), every plain scalar
stays the string it was (``no``, ``12:30`` and ``0123`` are not booleans, times or numbers), duplicate
keys, aliases and anchors are rejected, and the size is capped. Writing: keys in the order given,
UTF-8 with æøå as they are, multi-line answers as literal blocks.
"""

from __future__ import annotations

import codecs
from collections.abc import Collection, Sequence

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.representer import BaseRepresenter
from yaml.resolver import BaseResolver

from spredning.core.errors import Message
from spredning.core.textsafe import clean

try:  # libyaml present: the C parser and emitter (yaml itself does not export CParser)
    from yaml import CSafeDumper as _BaseDumper
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]

    WITH_LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)

    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]

    WITH_LIBYAML = False

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 20
MAX_SHOWN = 60
# Line breaks a YAML reader folds or turns into "\n" when written raw: only escapes keep them.
_FRAGILE_BREAKS = ("\x85", "\u2028", "\u2029")
_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
_DEFAULT_TAGS = {ScalarNode: _STR_TAG, SequenceNode: _SEQ_TAG, MappingNode: _MAP_TAG}


class YamlProblem(Exception):
    """The text is not YAML we accept: a catalogue key and parameters, naming no file (callers add it)."""

    def __init__(self, key: str, /, **params: object):
        super().__init__(key, params)
        self.message = Message(key, params)
        # Where in the document: the keys (and list positions) from the top down to the mapping or
        # list the problem is in, as far as the reading got; () at the top or when not known.
        self.within: tuple[str | int, ...] = ()


# libyaml's problems, in English, by a piece of their text: the catalogue says each in words.
_PROBLEMS = (
    ("could not find expected ':'", "colon"),
    ("mapping values are not allowed", "colon-here"),
    ("tab", "tab"),
    ("cannot start any token", "token"),
    ("expected '-' indicator", "list-indent"),
    ("expected key", "indent"),
    ("undefined alias", "alias"),
    ("end of stream", "end"),
    ("escape", "escape"),
    ("tag", "tag"),
    ("node content", "no-value"),
    ("comment or line break", "trailing"),
    ("document", "documents"),
    ("block end", "indent"),
    ("quoted scalar", "end"),
)


def shown(text: str) -> str:
    """A piece of a file (a key, say) as it may appear in a message: visible and short."""
    text = clean(text)
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN] + "…"


class _StrictLoader(_Parser, BaseResolver):
    """Parser + a resolver that knows no implicit types: every plain scalar is text.

    Values are built by ``_build``, not by a PyYAML constructor, so no Python type can be made.
    """

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        BaseResolver.__init__(self)

    # BaseResolver has no implicit types and no path resolvers, so it gives every untagged node
    # its kind's default tag; these say so directly, without its lookups for each node (a fifth
    # of reading a file).
    def resolve(self, kind: type, value: object, implicit: object) -> str:
        return _DEFAULT_TAGS[kind]

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


def decode(data: bytes, limit: int = MAX_BYTES) -> str:
    """Decode file bytes as UTF-8 (with or without BOM); anything else is a YamlProblem.

    `limit` is the most bytes the caller's kind of file may hold (a state file may be larger
    than a project file); the caller reads at most limit + 1, so len(data) is not the file's size.
    """
    if len(data) > limit:
        raise YamlProblem("yaml.too-large", limit=limit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        said = not_utf8(data, exc)
        raise YamlProblem(said.key, **said.params) from None


def not_utf8(data: bytes, exc: UnicodeDecodeError) -> Message:
    """Where bytes stop being UTF-8, as a person finds it in an editor: line and column (from 1)."""
    start = exc.start + (len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0)  # 'utf-8-sig'
    line_start = data.rfind(b"\n", 0, start) + 1
    column = len(data[line_start:start].decode("utf-8-sig", "replace")) + 1
    return Message("yaml.not-utf8", {"line": data.count(b"\n", 0, start) + 1, "column": column})


def _check_events(text: str) -> None:
    """Reject anchors, aliases and deep nesting in one pass over the parser's events.

    Done before any node is built, so a "billion laughs" file or a deeply nested one costs no more
    than reading it once.
    """
    depth = 0
    for event in yaml.parse(text, Loader=_StrictLoader):  # type: ignore[arg-type]  # stubs: own loaders only
        if getattr(event, "anchor", None) is not None:
            mark = event.start_mark
            raise YamlProblem("yaml.anchor", line=mark.line + 1 if mark is not None else 1)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlProblem("yaml.too-deep", depth=MAX_DEPTH)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _not_allowed(node: Node) -> YamlProblem:
    mark = node.start_mark
    return YamlProblem("yaml.type", line=mark.line + 1, column=mark.column + 1, tag=shown(str(node.tag)))


def _build(node: Node, depth: int, seen: set[int]) -> object:
    """Build text, lists and mappings straight from the parsed nodes, checking every rule.

    One walk instead of PyYAML's generic constructor (several times slower): aliases (a node
    reached twice), nesting deeper than MAX_DEPTH, typed tags, non-text or duplicate keys and
    merge keys are all refused here.
    """
    if id(node) in seen:
        line = node.start_mark.line + 1
        raise YamlProblem("yaml.anchor", line=line)
    seen.add(id(node))
    if isinstance(node, ScalarNode):
        if node.tag != _STR_TAG:
            raise _not_allowed(node)
        return str(node.value)
    if depth > MAX_DEPTH:
        raise YamlProblem("yaml.too-deep", depth=MAX_DEPTH)
    if isinstance(node, SequenceNode) and node.tag == _SEQ_TAG:
        return [_inside(number, child, depth, seen) for number, child in enumerate(node.value)]
    if not isinstance(node, MappingNode) or node.tag != _MAP_TAG:
        raise _not_allowed(node)
    result: dict[str, object] = {}
    for key_node, value_node in node.value:
        key = _key(key_node, node, result)
        result[key] = _inside(key, value_node, depth, seen)
    return result


def _inside(where: str | int, node: Node, depth: int, seen: set[int]) -> object:
    """A mapping's value or a list's item, built; a problem in it is told where it is (within)."""
    try:
        return _build(node, depth + 1, seen)
    except YamlProblem as exc:
        exc.within = (where, *exc.within)
        raise


def _key(node: Node, mapping: MappingNode, so_far: dict[str, object]) -> str:
    line = node.start_mark.line + 1
    if not isinstance(node, ScalarNode):
        raise YamlProblem("yaml.key-not-text", line=line)
    if node.tag == "tag:yaml.org,2002:merge" or node.value == "<<":
        raise YamlProblem("yaml.merge-key", line=line)
    if node.tag != _STR_TAG:
        raise _not_allowed(node)
    if node.value in so_far:  # the line where it stands first too: two versions kept in a merge
        first = next(k.start_mark.line + 1 for k, _ in mapping.value if k.value == node.value)
        raise YamlProblem("yaml.duplicate-key", line=line, key=shown(node.value), first=first)
    return str(node.value)


def loads(text: str) -> object:
    """Parse one YAML document with the hardened rules; raise YamlProblem with a Danish reason."""
    try:
        if "&" in text or not WITH_LIBYAML:  # an anchor leaves no trace in the nodes; and the
            _check_events(text)  # pure-Python composer recurses, so check depth first
        loader = _StrictLoader(text)  # type: ignore[no-untyped-call]
        try:
            node = loader.get_single_node()
            value = _build(node, 1, set()) if node is not None else None
        finally:
            loader.dispose()
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as exc:
        if "maximum nesting depth" in str(exc.problem):  # libyaml's own cap (1000) met first
            raise YamlProblem("yaml.too-deep", depth=MAX_DEPTH) from None
        raise _invalid(exc, text) from None
    except yaml.reader.ReaderError as exc:
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise YamlProblem("yaml.control-char", code=f"U+{char:04X}", position=exc.position + 1) from None
    except yaml.YAMLError:
        raise YamlProblem("yaml.invalid") from None
    return value


def path_line(text: str, keys: Sequence[str]) -> int | None:
    """The line (from 1) of the last of `keys`, each a key in the mapping under the one before; or None.

    For a refusal of an answer edited by hand: 'svar', 'dele', the question's id.
    """
    loader = _StrictLoader(text)  # type: ignore[no-untyped-call]
    try:
        node = loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    line = None
    for key in keys:
        if not isinstance(node, MappingNode):
            return None
        found = next(((k, v) for k, v in node.value if isinstance(k, ScalarNode) and k.value == key), None)
        if found is None:
            return None
        line, node = found[0].start_mark.line + 1, found[1]
    return line


def key_line(text: str, key: str, siblings: Collection[str]) -> int | None:
    """The line (from 1) where `key` stands as a key beside `siblings`; None when it cannot be told.

    For a refusal of a key edited by hand, to send the user to that line. A mapping with exactly
    `siblings` as its keys is the one meant (the same key may stand in many places); else the
    first mapping that has `key`. Only the nodes are read (loads() has read the text already).
    """
    loader = _StrictLoader(text)  # type: ignore[no-untyped-call]
    try:
        nodes = [loader.get_single_node()]
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    wanted, first = set(siblings), None
    while nodes:
        node = nodes.pop()
        if isinstance(node, SequenceNode):
            nodes.extend(reversed(node.value))
        if not isinstance(node, MappingNode):
            continue
        keys = [k.value for k, _ in node.value if isinstance(k, ScalarNode)]
        if key in keys:
            line: int = next(k.start_mark.line + 1 for k, _ in node.value if k.value == key)
            if set(keys) == wanted:
                return line
            first = first if first is not None else line
        nodes.extend(reversed([value for _, value in node.value]))
    return first


def refuse_comment_after_text(text: str) -> None:
    """Refuse a plain text value followed by ' # …' on its line, which YAML drops as a comment.

    For a file of answers or a project file edited by hand, where all after a key is meant as
    the value: 'formaal: Video # og tablet' would save 'Video' and lose the rest without a word.
    Quoted text is left alone (its quotes show where the text ends). Call it on text that loads()
    has read.
    """
    if not _maybe_comment_after_text(text):
        return  # the scan below takes time; most files never need it
    after_value = False
    for token in yaml.scan(text, Loader=yaml.CSafeLoader if WITH_LIBYAML else yaml.SafeLoader):
        if isinstance(token, yaml.ScalarToken) and token.plain and after_value:
            rest = text[token.end_mark.index :].split("\n", 1)[0]
            if rest.lstrip().startswith("#"):
                raise YamlProblem("yaml.comment-after-text", line=token.end_mark.line + 1)
        after_value = isinstance(token, yaml.ValueToken | yaml.BlockEntryToken)


def _maybe_comment_after_text(text: str) -> bool:
    """True when a ' #' follows something else on its line: maybe a comment after a text.

    Or a line inside a block of text or quotes: only the scan in refuse_comment_after_text can
    tell. Lines that are only a comment (the files' own '  # Vi vil dele') do not count.
    """
    for mark in (" #", "\t#"):
        at = text.find(mark)
        while at != -1:
            if text[text.rfind("\n", 0, at) + 1 : at].strip():
                return True
            at = text.find(mark, at + len(mark))
    return False


def _invalid(exc: yaml.MarkedYAMLError, source: str = "") -> YamlProblem:
    """Libyaml's English problem as a catalogue key, with the line and column it names.

    A tab where a value should begin is the "character that cannot start any token": said as the
    tab it is (quotes would not help; spaces do).
    """
    text = f"{exc.problem or ''} {exc.context or ''}"
    kind = next((key for piece, key in _PROBLEMS if piece in text), "other")
    if kind == "token" and exc.problem_mark is not None and _char_at(source, exc.problem_mark) == "\t":
        kind = "tab"
    mark = exc.problem_mark or exc.context_mark
    opened = _never_closed(exc, source)
    if opened is not None:  # said where the bracket or quote opens: the line after it has no mistake
        kind, mark = opened, exc.context_mark
    problem = Message(f"yaml.problem.{kind}")
    if mark is None:
        return YamlProblem("yaml.invalid-what", problem=problem)
    return YamlProblem("yaml.invalid-at", line=mark.line + 1, column=mark.column + 1, problem=problem)


_OPENED = (  # libyaml's context, what its problem says when the end was not found, and the kind
    ("flow sequence", "or ']'", "unclosed-list"),
    ("flow mapping", "or '}'", "unclosed-map"),
)


def _never_closed(exc: yaml.MarkedYAMLError, source: str) -> str | None:
    """A '[' or '{' never closed, which libyaml notices a line or more later: its kind, or None.

    A quote never closed runs to the end of the file: said as a file that ends inside a value,
    which is how a file cut short is known (see projectfile), unless the file reads whole with
    the quote closed on its own line (_reads_closed): then it was left open by hand, and is said
    where it opens.

    `navn: [Test` is read on into the next line, where the problem is found; the context mark
    is where it opened, which is what the user must put right. Only when nothing from there to
    the end of the problem's line closes it: a mistake inside a list that is closed is said where it is.
    """
    start, end = exc.context_mark, exc.problem_mark
    if start is None or end is None or end.line <= start.line:
        return None
    context, problem = exc.context or "", exc.problem or ""
    if "quoted scalar" in context and _reads_closed(source, start):
        return "unclosed-quote"
    kind = next((kind for where, what, kind in _OPENED if where in context and what in problem), None)
    if kind is None:
        return None
    after = "\n".join(source.split("\n")[start.line : end.line + 1])[start.column + 1 :]  # to the line's end
    closer = {"unclosed-list": "]", "unclosed-map": "}"}[kind]
    return None if closer in after else kind


def _reads_closed(source: str, start: yaml.Mark) -> bool:
    """True when a quote that runs to the end reads as a whole file closed at the end of its line.

    A quote left open by hand (`hvad: "Ring til Ærø`) with whole lines after it. A file cut inside
    a quoted text that runs over several lines (as the program writes a long text with a control
    character) does not read so: the lines of the text after its first are no YAML of their own.
    A quote on the file's last line is left as a possible cut (see unreadable.at_end).
    """
    lines = source.split("\n")
    if not any(line.strip() for line in lines[start.line + 1 :]):
        return False
    line = lines[start.line]
    lines[start.line] = line.rstrip() + line[start.column : start.column + 1]
    try:
        loads("\n".join(lines))
    except YamlProblem:
        return False
    return True


def _char_at(source: str, mark: yaml.Mark) -> str:
    """The character at a mark's line and column ('' when the mark is beyond the text)."""
    lines = source.split("\n")
    line = lines[mark.line] if mark.line < len(lines) else ""
    return line[mark.column] if mark.column < len(line) else ""


class _Dumper(_BaseDumper):
    """Safe dumper writing multi-line strings as literal blocks."""


def _represent_str(dumper: BaseRepresenter, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value or "\t" in value else None
    if any(brk in value for brk in _FRAGILE_BREAKS):
        style = '"'  # escaped, or a reader gives them back as spaces or "\n"
    return dumper.represent_scalar(_STR_TAG, value, style=style)


def _represent_empty(dumper: BaseRepresenter, value: None) -> yaml.ScalarNode:
    """An empty place (an unanswered question) is the key alone: 'id:'."""
    return dumper.represent_scalar("tag:yaml.org,2002:null", "")


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(type(None), _represent_empty)


class _PythonDumper(yaml.SafeDumper):
    r"""The pure-Python emitter, for text with characters beyond U+FFFF (emoji, say) or tabs.

    libyaml's emitter writes those as escapes ("\U0001f44d", "\t"), which forces the whole answer
    into one double-quoted line; Python's writes them as they are, so the answer stays a readable
    block. A tab pasted from a spreadsheet is as good as a space inside a literal block, and every
    YAML reader takes it back as a tab there, but PyYAML counts it among the characters that rule a
    block out; analyze_scalar (the emitter's public step that decides which styles a text allows)
    is asked again with the tabs as spaces. Two places stay escaped: a tab at the very start (a
    reader would take it for the block's indentation) and one at a line's end (YAML drops
    trailing blanks there, as it does spaces).
    """

    def analyze_scalar(self, scalar: str) -> yaml.emitter.ScalarAnalysis:
        analysis = super().analyze_scalar(scalar)
        if "\t" in scalar and not scalar.startswith("\t"):
            analysis.allow_block = super().analyze_scalar(scalar.replace("\t", " ")).allow_block
        return analysis


_PythonDumper.add_representer(str, _represent_str)
_PythonDumper.add_representer(type(None), _represent_empty)


def _for_python(data: object) -> bool:
    """True when some text in data has a tab or a character beyond U+FFFF (see _PythonDumper)."""
    if isinstance(data, str):  # such a character takes 4 bytes in UTF-16, all others 2; the
        # length of the encoding tells in a C loop, 30 times faster than looking at each character
        if "\t" in data:
            return True
        return not data.isascii() and len(data.encode("utf-16-le", "surrogatepass")) > 2 * len(data)
    if isinstance(data, dict):
        return any(_for_python(key) or _for_python(value) for key, value in data.items())
    if isinstance(data, list | tuple):
        return any(_for_python(item) for item in data)
    return False


def dumps(data: object) -> str:
    """Write data as readable YAML: keys in the given order, unicode as is, literal blocks.

    A value YAML cannot represent (an arbitrary object) is a YamlProblem, not a crash.
    """
    dumper = _PythonDumper if WITH_LIBYAML and _for_python(data) else _Dumper
    try:
        return str(
            yaml.dump(
                data,
                Dumper=dumper,
                allow_unicode=True,
                sort_keys=False,
                default_flow_style=False,
                width=100,
                indent=2,
            )
        )
    except yaml.YAMLError:
        raise YamlProblem("yaml.cannot-write") from None
