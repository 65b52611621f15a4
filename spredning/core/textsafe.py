"""Make user-supplied text safe to show: no control characters or bidi overrides reach a terminal.

Terminal-free on purpose, so renderers and report writers share one rule: line breaks and tabs stay,
every other control character is shown visibly (ESC becomes ␛), and invisible direction overrides
are shown as their code point, so a pasted answer can neither move the cursor nor reorder text.
"""

from __future__ import annotations

import difflib
import re

_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Lone surrogates (from undecodable input) cannot be written to a UTF-8 terminal at all.
_UNSAFE = f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}\ud800-\udfff]"  # compiled on first use


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture", e.g. ␛ for ESC
    if code == 0x7F:
        return "␡"
    if 0xD800 <= code <= 0xDFFF:
        return "\ufffd"  # the usual stand-in for text that could not be decoded
    return f"<U+{code:04X}>"


_UNWRITABLE = re.compile("[\ud800-\udfff]")  # lone surrogates: undecodable input, unsavable as UTF-8


def writable(text: str) -> str:
    """`text` as UTF-8 can write it: a lone surrogate becomes the usual stand-in, "\ufffd".

    A byte typed or pasted that was not UTF-8 is kept by the terminal's input as U+DC80-U+DCFF.
    """
    return _UNWRITABLE.sub("\ufffd", text)


def undecoded_byte(text: str) -> str | None:
    """The first byte in `text` that did not come as UTF-8 (a terminal set to Latin-1), as hex ('F8').

    Python keeps such a byte of a command line as a lone surrogate, U+DC80-U+DCFF; None: none.
    """
    if text.isprintable():  # the usual case, checked in C: a lone surrogate is unprintable
        return None
    return next((f"{ord(char) - 0xDC00:02X}" for char in text if "\udc80" <= char <= "\udcff"), None)


def clean(text: str) -> str:
    """Return text with control characters and direction overrides made visible.

    Carriage returns are folded into line breaks first, so CRLF answers render as lines.
    """
    if text.isprintable():  # the usual case, checked in C: every unsafe character is unprintable
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(_UNSAFE, _visible, text)


# what breaks a line (as str.splitlines sees it) and the tab: none belongs in a one-line field
_NOT_ONE_LINE = "\n\r\t\v\f\x1c\x1d\x1e\x85\u2028\u2029"


def breaks_a_line(text: str) -> bool:
    """Whether a one-line text has a line break or a tab inside it (blank space around it is no matter).

    Saved, such a text would be one line with spaces where the breaks were: not what was given.
    """
    return any(character in _NOT_ONE_LINE for character in text.strip())


# what one-line texts have inside them (what_breaks_a_line), as the catalogue's keys: one text, several
BREAKS_IN_ONE = {"line": "text.has-line-break", "tab": "text.has-tab", "both": "text.has-line-break-and-tab"}
BREAKS_IN_SEVERAL = {
    "line": "text.have-line-breaks",
    "tab": "text.have-tabs",
    "both": "text.have-line-breaks-and-tabs",
}


def line_break_key(*texts: str) -> str | None:
    """The catalogue's key for what the one-line texts have inside them (None when nothing)."""
    what = what_breaks_a_line(*texts)
    if not what:
        return None
    if len(texts) == 1:
        return BREAKS_IN_ONE[what]
    return BREAKS_IN_SEVERAL[what]


def what_breaks_a_line(*texts: str) -> str:
    """What the one-line texts have inside them: "line" (a line break), "tab", "both", or "" (neither)."""
    inside = {character for text in texts for character in text.strip() if character in _NOT_ONE_LINE}
    tab, line = "\t" in inside, bool(inside - {"\t"})
    return "both" if tab and line else "tab" if tab else "line" if line else ""


def has_unsafe(text: str) -> bool:
    """Return True when text holds characters that clean() would change (besides CR)."""
    return not text.isprintable() and bool(re.search(_UNSAFE, text.replace("\r", "")))


_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"  # zero-width and soft-hyphen characters


def clean_name(text: str) -> str:
    """Clean a name people compare by eye (a project, an organisation, a file): also show invisibles.

    A zero-width space or joiner in a name would make two different names look alike; a name (or
    a path) is one line, so a line break in it is shown as a symbol, not followed.
    """
    cleaned = clean(text).replace("\n", "\u240a")
    if not any(char in cleaned for char in _INVISIBLE):
        return cleaned
    return "".join(f"<U+{ord(char):04X}>" if char in _INVISIBLE else char for char in cleaned)


# Characters XML 1.0 cannot hold (a Word document is XML); shown as their control pictures (␛ for ESC).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    return chr(0x2400 + code) if code < 0x20 else "\ufffd"


def xml_safe(text: str) -> str:
    """A text Word can hold: line endings as line breaks, impossible characters made visible."""
    return _NOT_XML.sub(_xml_picture, text.replace("\r\n", "\n").replace("\r", "\n"))


def restore_pictures(text: str, original: str) -> str:
    """Put back the characters xml_safe showed as pictures, where `text` still has them as it showed them.

    A field made from `original` shows ␇ for BEL; text read back from it (perhaps edited) has the
    picture. Where that picture stands in a stretch of the exported text left as it was, the
    original character is put back, so an untouched part of an answer stays exactly as it was;
    a picture typed or pasted anywhere else stays a picture.
    """
    folded = original.replace("\r\n", "\n").replace("\r", "\n")
    shown = xml_safe(folded)  # one character for one, once line endings are folded
    if shown == folded or not any(_is_picture(char) for char in text):
        return text
    result = list(text)
    matcher = difflib.SequenceMatcher(None, shown, text, autojunk=False)
    for start, at, size in matcher.get_matching_blocks():
        for offset in range(size):
            char = folded[start + offset]
            if shown[start + offset] != char and not "\ud800" <= char <= "\udfff":  # never a lone surrogate
                result[at + offset] = char
    return "".join(result)


def _is_picture(char: str) -> bool:
    return "\u2400" <= char <= "\u241f" or char == "\ufffd"
