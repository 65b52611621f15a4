"""The one family of user-facing errors.

Every problem the user must hear about is raised as a SpredningError carrying a Danish message, an
optional hint saying what to do, and the exit code. Only the CLI boundary prints them.
"""

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class SpredningError(Exception):
    """A problem with a Danish message for the user, a hint and an exit code."""

    exit_code = EXIT_ERROR

    def __init__(self, message: str, hint: str | None = None, exit_code: int | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        if exit_code is not None:
            self.exit_code = exit_code


class UsageProblem(SpredningError):
    """The command was called wrongly: an unknown phase, side or option value."""

    exit_code = EXIT_USAGE


class ContentError(SpredningError):
    """The guide content is broken; carries every problem found, not only the first."""

    def __init__(self, problems: list[str], hint: str | None = None):
        message = f"Guidens indhold har {len(problems)} fejl:\n" + "\n".join(
            f"  • {p}" for p in problems
        )
        super().__init__(message, hint)
        self.problems = problems


class ProjectFileError(SpredningError):
    """A project or answer file cannot be read or has the wrong shape; it is left untouched."""


class Interrupted(SpredningError):
    """The user pressed Ctrl-C or Ctrl-D; what was saved stays saved."""

    exit_code = EXIT_INTERRUPTED


class NotATerminal(SpredningError):
    """An interactive command was run without a terminal."""

    exit_code = EXIT_USAGE
