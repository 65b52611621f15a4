"""The one family of user-facing errors: a message key, its parameters and an exit code.

The core writes no prose. Every problem the user must hear about is raised as a SpredningError
carrying a key into the message catalogue (spredning/i18n) and the parameters the text needs; a
front end turns it into words. ``Message`` is the same pair as a value, for reasons nested in a
message ("Projektfilen X kan ikke læses: {problem}") and for lists of problems.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_BROKEN = 70  # the program's own files are broken (sysexits' EX_SOFTWARE): no fault of the user's
NO_ACCESS = ("reason.access", "reason.permission")  # the reasons of EACCES and EPERM: who to ask, not a typo
READ_ONLY = "reason.read-only"  # the reason of EROFS: the drive, not the folder's owner or its free space


class Message(NamedTuple):
    """A catalogue key and its parameters: words to be, in whatever language is chosen."""

    key: str
    params: Mapping[str, object] = MappingProxyType({})


def message(key: str, /, **params: object) -> Message:
    """A Message with keyword parameters."""
    return Message(key, params)


class SpredningError(Exception):
    """A problem for the user: a catalogue key, its parameters, an optional hint and an exit code.

    The hint is another key; without one, the front end shows ``KEY.hint`` when the catalogue has it.
    """

    exit_code = EXIT_ERROR

    def __init__(
        self,
        key: str,
        /,
        *,
        hint: str | Message | None = None,
        exit_code: int | None = None,
        **params: object,
    ):
        super().__init__(key, params)
        self.key = key
        self.params = params
        self.hint = hint
        if exit_code is not None:
            self.exit_code = exit_code

    @property
    def message(self) -> Message:
        """The error as a Message value."""
        return Message(self.key, self.params)

    @classmethod
    def of(cls, said: Message, **more: object) -> SpredningError:
        """The error that says a Message (with more parameters)."""
        error = cls(said.key)
        error.params = {**said.params, **more}
        return error


class UsageProblem(SpredningError):
    """The command was called wrongly: an unknown phase, side or option value."""

    exit_code = EXIT_USAGE


class ContentError(SpredningError):
    """The guide content is broken; carries every problem found (Messages), not only the first."""

    SHOWN = 30  # a broken file can hold thousands of problems: the first ones are shown, all counted

    def __init__(self, problems: list[Message], hint: str | Message | None = None):
        if hint in (None, "content.errors.hint") and any(_no_access(problem) for problem in problems):
            hint = "content.errors.hint.access"  # who to ask, before 'correct the files'
        super().__init__(
            "content.errors",
            hint=hint,
            n=len(problems),
            problems=problems[: self.SHOWN],
            more=max(0, len(problems) - self.SHOWN),
        )
        self.problems = problems


def _no_access(problem: Message) -> bool:
    """True for a guide file that could not be read for want of access (content.unreadable)."""
    inner = problem.params.get("problem")
    return no_access(inner.params.get("reason") if isinstance(inner, Message) else None)


def no_access(reason: object) -> bool:
    """True for an error's reason that is a want of access (EACCES, EPERM): who to ask, not a typo."""
    return isinstance(reason, Message) and reason.key in NO_ACCESS


def read_only_drive(reason: object) -> bool:
    """True for an error's reason that is a drive mounted read-only (EROFS): no one's access, no full disk."""
    return isinstance(reason, Message) and reason.key == READ_ONLY


class ProjectFileError(SpredningError):
    """A project or answer file cannot be read or has the wrong shape; it is left untouched."""


class Interrupted(SpredningError):
    """The user pressed Ctrl-C or Ctrl-D; what was saved stays saved."""

    exit_code = EXIT_INTERRUPTED


class NotATerminal(SpredningError):
    """An interactive command was run without a terminal."""

    exit_code = EXIT_USAGE
