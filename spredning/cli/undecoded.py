"""Command-line text with a byte that came as no UTF-8 (a terminal set to Latin-1): refused first.

Refused before a command looks anything up, asks or saves: a name with it matches nothing, and a
hint that repeated it ('K�ge') gave a command to copy that would save the stand-in character.

A file's or folder's name (FIL, MAPPE) is bytes on disk and is left as it is.
"""

from __future__ import annotations

import functools

from spredning.core.errors import SpredningError
from spredning.core.textsafe import undecoded_byte
from spredning.i18n import t

_PATHS = ("metavar.file", "metavar.folder", "metavar.restore")  # the metavars of a path given


def refused_undecoded(name: str, value: object) -> None:
    """Refuse `value` (given as `name`: an option, or an argument's metavar) if it holds such a byte."""
    for text in value if isinstance(value, list | tuple) else (value,):
        byte = undecoded_byte(text) if isinstance(text, str) else None
        if byte is not None:
            raise SpredningError("usage.not-utf8", option=name, byte=byte)


def refusing_undecoded(command) -> None:
    """Make a click command (and a group's every command) refuse such text before it runs."""
    for sub in getattr(command, "commands", {}).values():
        refusing_undecoded(sub)
    callback = command.callback
    if callback is None:
        return
    paths = {t(key) for key in _PATHS}
    texts = [param for param in command.params if param.metavar not in paths]

    @functools.wraps(callback)
    def checked(*args, **kwargs):
        for param in texts:
            name = param.opts[0] if param.param_type_name == "option" else param.human_readable_name
            refused_undecoded(name, kwargs.get(param.name))
        return callback(*args, **kwargs)

    command.callback = checked
