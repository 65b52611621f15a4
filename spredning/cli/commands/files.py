"""The files a command reads and writes: names checked, endings, where written, and replacing one."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

import typer

from spredning.app.workspace import Workspace
from spredning.cli.commands.asking import is_interactive
from spredning.cli.commands.commandline import own_command
from spredning.core.errors import Interrupted, Message, SpredningError, UsageProblem
from spredning.core.shellwords import path_word, shell_word
from spredning.i18n import t

T = TypeVar("T")


def out_path(ud: str | None) -> Path | None:
    """The file or folder --ud names; None without --ud. An empty name is a usage error.

    A folder named gets the file under its default name (files.place). A name ending in a slash
    is a folder too: one that is not there is refused, where the slash used to be dropped and a
    file of the folder's name written, with no ending to open it by.
    """
    if ud is None:
        return None
    if not ud.strip():
        raise UsageProblem("usage.empty-file-name")
    if ud.strip() == "-":  # many programs' "the screen": here a file named "-" would be made instead
        raise UsageProblem("usage.dash-file-name")
    if ud.endswith(_SLASHES) and not os.path.isdir(ud):
        folder = Path(ud)
        key = "files.ud-not-a-folder" if os.path.lexists(folder) else "files.ud-no-such-folder"
        raise SpredningError(key, folder=folder)
    return Path(ud)


_SLASHES = tuple(sep for sep in (os.sep, os.altsep) if sep)


def in_path(name: str, option: str) -> Path:
    """The file a command reads (`importer FIL`, `--svar FIL`): an empty name is a usage error.

    Else it was read as the current folder ("Filen . kan ikke læses (det er en mappe)") or a
    file with no name at all: a script's empty variable, said as a folder problem. A lone "-" is
    refused as not reading standard input (a file named - is ./-): the answers are asked for on
    standard input in a terminal, and a piped file would be read without the checks a file gets.
    """
    if not name.strip():
        raise UsageProblem("usage.empty-read-file", option=option)
    if name.strip() == "-":  # many programs' "standard input": here it was looked for as a file named -
        raise UsageProblem("usage.dash-read-file", option=option)
    return Path(name)


# What a file name's ending says the file holds, for the commands that write one (--ud). A file that
# holds something else would not open in the program its name sends it to (Word, a PDF reader).
_ENDINGS = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".doc": "doc",
    ".odt": "odt",
    ".rtf": "rtf",
    ".pdf": "pdf",
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".ics": "ics",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".txt": "txt",
}


_PLAIN_TEXT = {"md", "csv", "yaml"}  # opened as text, as a .txt file is: that name is fine for them


def named_format(ud: str | None) -> str | None:
    """The kind of file --ud's ending names (md, pdf, csv, ...); None without --ud or a known ending."""
    return _ENDINGS.get(Path(ud).suffix.lower()) if ud else None


def chosen_format(option: str | None, ud: str | None, formats: Iterable[str], default: str) -> str:
    """--format as given; else the format --ud's ending names, when the command writes it; else default."""
    if option is not None:
        return option
    named = named_format(ud)
    return named if named is not None and named in formats else default


def check_ending(ws: Workspace, ud: str | None, written: str, formats: Iterable[str] = ()) -> None:
    """Refuse a --ud whose ending names another kind of file than the one `written` (md, docx, ...).

    `formats` are the ones the command can write with --format: the hint offers the one named. A
    name in the projects folder, or that folder named, is refused first, as the writer would
    refuse it, before anything is asked (a partner to choose, say): the command given after the
    question would be refused for it. A folder named gets the file under its own name, with the
    right ending, so its name's ending says nothing. Any projects folder's own file is left to
    the writer, which refuses it for that, the graver reason.
    """
    if ud is not None and ud.strip():
        _refused_place(ws, Path(ud))
    named = named_format(ud)
    if ud is None or named is None or named == written or _in_folder(Path(ud), ws.store.home):
        return
    if os.path.isdir(ud) or ud.endswith(_SLASHES):
        return
    if named == "txt" and written in _PLAIN_TEXT:
        return
    from spredning.core import ownfiles

    try:
        ownfiles.check_target(Path(ud))  # another projects folder's own file: refused for that
    except SpredningError:
        return
    ending = Path(ud).suffix
    suggestion = path_word(str(Path(ud).with_suffix(f".{written}")))
    hint = "files.wrong-ending.format-hint" if named in formats else "files.wrong-ending.hint"
    raise UsageProblem(
        "files.wrong-ending",
        path=ud,
        ending=ending,
        kind=f".{written}",
        hint=Message(hint, {"suggestion": suggestion, "named": named, "ending": ending}),
    )


def _refused_place(ws: Workspace, target: Path) -> None:
    """check_ending's first step: a --ud the writer will refuse for where it is (see there)."""
    try:
        is_folder = target.is_dir()
    except OSError:  # a name too long, a folder not to be read: the writer says which
        return
    home = Path(os.path.abspath(ws.store.home))
    if is_folder and _same_folder(target, home):  # named in full: '. ligger i projektmappen' reads badly
        raise SpredningError("files.is-projects-folder", path=home)
    if _in_folder(target / "fil" if is_folder else target, home):
        raise SpredningError("files.in-projects-folder", path=str(target), folder=home)


def _same_folder(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve()
    except OSError:
        return False


def _in_folder(path: Path, folder: Path) -> bool:
    try:
        where, home = path.absolute().parent.resolve(), folder.resolve()
    except OSError:
        return False
    return where == home or home in where.parents


def written_path(path) -> str:
    """Where a file was written, in full: the user finds it from there to attach it to a mail."""
    import os

    return os.path.abspath(path)


def tell_written(key: str, path, console, **params) -> None:
    """Say that a file was written: its full path kept whole on a line, the words around it wrapped.

    A path longer than the line still is one piece (the terminal folds it; copying takes it whole).
    """
    from spredning.cli.console import tell
    from spredning.cli.render_text import fitted_text

    shown = written_path(path)
    text = t(key, path=shown, **params)
    tell(console, fitted_text(text, shown, console.width, "bold green", rest=""), soft_wrap=True)


def tell_beside(beside: bool, console) -> None:
    """Say, under the written path, why a file went beside the projects folder (app/files.py place)."""
    if beside:
        from spredning.cli.console import say

        console.print(say("files.beside-projects-folder"))


def here_word(path: Path) -> str:
    """A file as a command run here names it: its name in the working folder, else where it is from here."""
    import os

    try:
        if os.path.dirname(os.path.abspath(path)) == os.getcwd():
            return shell_word(path.name)
        return shell_word(os.path.relpath(path))
    except (ValueError, OSError):  # another drive (Windows), or no working folder: as it was given
        return shell_word(str(path))


def file_word(path: Path, beside: bool) -> str:
    """The file as a hint's command names it: its name, or where it is from here when put beside."""
    if not beside:
        return shell_word(path.name)
    import os

    try:
        return shell_word(os.path.relpath(path))
    except ValueError:  # another drive (Windows): only the whole path reaches it
        return shell_word(str(path))


REFUSED = ("files.exists", "files.changed")  # another file there (fileio.write_output): asked, or refused


def replacing(ctx, write: Callable[[bool], T], path, overwrite: bool, kind: str = "files", **params) -> T:
    """Write with `write(overwrite)`, asking in a terminal before another file is replaced.

    The program's own earlier file, unchanged since, is replaced without asking (see app/files.py);
    any other file that is there already is replaced after a yes, or (without a terminal) with
    --overskriv only, and a copy of it is kept first (told by tell_copy). The question and the
    refusal say whether the file was written here and changed since, or is not known here.
    `kind`: the catalogue's words for what is refused and asked ('arbejdsark': a worksheet that
    may hold a partner's answers, `params` giving the command that imports it first). The refusal
    gives the user's own command (`ctx`'s) with --overskriv, to run when the file is to go.
    `path`: None when only the write knows it (an export's): the refusal's then.
    """
    try:
        return write(overwrite)
    except SpredningError as exc:
        if exc.key == "files.cannot-save" and (elsewhere := _elsewhere(ctx, exc)) is not None:
            exc.hint = elsewhere
        if exc.key not in REFUSED or overwrite:
            raise
        which = exc.key.removeprefix("files.")
        if not is_interactive():
            again = own_command(ctx, "--overskriv")
            raise SpredningError(f"{kind}.{which}", **{**exc.params, **params, "again": again}) from None
        path = path if path is not None else exc.params["path"]
    question = t(f"{kind}.replace-question.{which}", path=written_path(path), **params)
    if not _replace_agreed(question, written_path(path), kind, params):
        from spredning.cli.console import make_console, say
        from spredning.cli.render_text import print_said

        console = make_console()
        print_said(console, say("files.kept", path=written_path(path)), written_path(path))  # whole
        if kind != "files":  # the command that brings in what the file may hold, again under the question
            print_said(console, say(f"{kind}.bring-in", **params), params["command"])
        raise typer.Exit(0)
    return write(True)


def _replace_agreed(question: str, path: str, kind: str, params: dict) -> bool:
    """Yes or no to replacing the file; a stop (Ctrl+C, or Esc) there says what no says: nothing written.

    The file is unchanged, and a worksheet's words give the command that imports it (`kind`'s
    bring-in), as after no; Esc from the home screen says it without 'Stoppet.' (tell_left).
    """
    from questionary import Choice

    from spredning.cli.commands.asking import tell_left
    from spredning.cli.prompts.keys import BackToMenu
    from spredning.cli.prompts.simple import select

    choices = [Choice(t("files.replace-yes"), True), Choice(t("files.replace-no"), False)]
    bring_in = Message(f"{kind}.bring-in", params) if kind != "files" else None
    try:
        return bool(select(question, choices, default=choices[1]))
    except (KeyboardInterrupt, EOFError):
        raise Interrupted("files.kept-stopped", hint=bring_in, path=path) from None
    except BackToMenu:
        tell_left(Message("files.kept", {"path": path}), bring_in)
        raise


def _elsewhere(ctx, refused: SpredningError) -> Message | None:
    """A file this user may not write where it was to go: their own command with --ud in their home folder.

    So for a folder on a read-only drive (EROFS), with words of the drive, not of whom to ask.

    As a wrong value's refusal gives the command put right (commandline.py): the same file name,
    in the user's home folder, when they may write there and it is not where the file was refused.
    None for another reason (a full disk), or no such folder: the hint stays the catalogue's.
    """
    import os

    from spredning.core.errors import no_access, read_only_drive
    from spredning.core.store.home import home_dir

    path = Path(str(refused.params.get("path", "")))
    drive = read_only_drive(refused.params.get("reason"))
    if not (drive or no_access(refused.params.get("reason"))):
        return None
    try:
        home = Path.home().resolve()
        projects = home_dir(getattr(ctx.obj, "home", None)).resolve()  # files are refused in there
        if (
            not home.is_dir()
            or not os.access(home, os.W_OK)
            or path.absolute().parent.resolve() == home
            or projects == home
            or projects in home.parents
        ):
            return None
    except (SpredningError, RuntimeError, OSError):  # no home folder known, or it cannot be looked at
        return None
    again = own_command(ctx, "--ud", shell_word(str(home / path.name)), without=("ud",))
    new = refused.hint == "files.cannot-save.hint.new"  # no earlier file there to be left as it was
    return Message(_ELSEWHERE[new, drive], {"command": again})


_ELSEWHERE = {  # _elsewhere's hint: (a new file, on a read-only drive) -> its words
    (False, False): "files.cannot-save.hint.elsewhere",
    (True, False): "files.cannot-save.hint.new.elsewhere",
    (False, True): "files.cannot-save.hint.read-only.elsewhere",
    (True, True): "files.cannot-save.hint.new.read-only.elsewhere",
}


def tell_copy(copy, console) -> None:
    """Say where the file a write replaced is kept (fileio.keep_copy), when one was kept."""
    if copy is not None:
        tell_written("files.copy-kept", copy, console)


def read_user_yaml(path: str, problem_key: str) -> object:
    """Read a YAML file the user hands us (answers) with the hardened rules."""
    from spredning.core import fileio, yamlio

    try:
        text = yamlio.decode(fileio.read_capped(Path(path), yamlio.MAX_BYTES))
        data = yamlio.loads(text)
        yamlio.refuse_comment_after_text(text)  # every value is an answer: none may lose its end
        return data
    except fileio.SpecialFile as exc:  # a folder, a device, a pipe no program writes to: not a file to read
        kind = Message(f"files.kind.{exc.kind}")
        raise UsageProblem(f"{problem_key}.not-a-file", path=path, kind=kind) from None
    except OSError as exc:
        raise SpredningError(f"{problem_key}.unreadable", path=path, reason=fileio.reason(exc)) from None
    except yamlio.YamlProblem as exc:
        raise SpredningError(f"{problem_key}.invalid", path=path, problem=exc.message) from None
