"""Words of a command a hint shows, quoted as a shell reads them: a name, a path, a text typed.

In the core, so that the catalogue's texts quote a name as the front end's commands do
({name:shell}, see i18n) and every layer writes one kind of quoting.
"""

from __future__ import annotations

from spredning.core.textsafe import undecoded_byte


def shell_word(word: str) -> str:
    """A word a user typed (a project's name), quoted when a shell would split it.

    A hint whose command has a word quoted in it puts the command in quotes not in it (see
    i18n.quoted_command): “spredning --hjem '/tmp/Mine projekter' status”.

    A word with control characters (a path with an escape code or a line break in it) is written
    with the shell's $'...' quoting, its characters escaped: the hint can be copied, and nothing
    in it reaches the terminal raw (hints are part of the message's text, not its cleaned values).
    """
    import os
    import shlex

    if word and all(c.isalnum() or c in "-_./,:+@" for c in word):
        return word
    if not word.isprintable():
        return "$'" + "".join(_ansi_c(c) for c in word) + "'"
    if os.name == "nt" or ("'" in word and not any(c in word for c in '"$`\\!')):
        return f'"{word}"'  # an apostrophe reads better in double quotes than as '"'"'
    return shlex.quote(word)


def path_word(path: str) -> str:
    """A file's path as one shell word, in double quotes where a shell allows it.

    A hint puts a command in single quotes; a path in double quotes inside them reads (and copies)
    whole, and a name a sync service made ('projekt (1).yaml') needs them anyway.
    """
    word = shell_word(path)
    if path.isprintable() and not any(c in path for c in '"$`\\!'):
        return f'"{path}"'
    return word


def _ansi_c(character: str) -> str:
    """One character inside $'...': backslash escapes for quotes, backslashes and control characters."""
    if character in "\\'":
        return "\\" + character
    if character.isprintable():
        return character
    if character == "\n":
        return "\\n"
    if character == "\t":
        return "\\t"
    byte = undecoded_byte(character)
    if byte:  # a byte of a name that is no UTF-8 (Latin-1): that byte, as bash reads it
        return f"\\x{byte.lower()}"
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x80 else (f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
