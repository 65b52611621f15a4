"""The project file format: reading, validating and writing one project's YAML.

Terminal-free and free of locking and atomic writes (store.py does those). A project file holds a
format number, the guide's edition, the project's facts, partner versions kept as conflicts, and
the answers keyed by question id in guide order, each side's under a heading line of its own.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from pathlib import Path

from spredning.core import fileio, yamlio
from spredning.core.errors import ProjectFileError, SpredningError
from spredning.core.model import ROLES, Project

FORMAT_VERSION = 1
TOP_KEYS = ("format", "guideudgave", "projekt", "konflikter", "fælles", "svar")
SECTION_TITLES = {"dele": "Vi vil dele", "genbruge": "Vi vil genbruge",
                  None: "Andre svar (fra en anden udgave af guiden)"}
FACT_KEYS = ("navn", "beskrivelse", "deler", "genbrugere", "rolle", "eksempel")


def _is_text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def ordered(answers: Mapping[str, str], order: Sequence[str]) -> dict[str, str]:
    """Answers in guide order; ids the guide does not know (newer or custom guide) keep theirs, last."""
    known = set(order)
    result = {qid: answers[qid] for qid in order if qid in answers}
    result.update((qid, text) for qid, text in answers.items() if qid not in known)
    return result


def rewritten(data: dict, answers: dict[str, str], kept: dict[str, str]) -> dict:
    """The file's data with new answers, in the current format and key order."""
    result: dict[str, object] = {"format": FORMAT_VERSION}
    result.update((key, value) for key, value in data.items()
                  if key not in ("format", "konflikter", "svar"))
    if kept:
        result["konflikter"] = kept
    result["svar"] = answers
    return result


def read(path: Path) -> tuple[bytes, dict]:
    """Read a project file: its bytes as on disk and its data; errors name the file."""
    try:
        raw = fileio.read_regular(path, yamlio.MAX_BYTES)
    except FileNotFoundError:
        raise SpredningError(f"Projektfilen {path} findes ikke.",
                             "Se 'spredning projekter' for projekterne i mappen.") from None
    except IsADirectoryError:
        raise ProjectFileError(f"Projektfilen {path} er ikke en almindelig fil (fx en mappe).",
                               "Flyt den væk, eller vælg et andet projekt.") from None
    except OSError as exc:
        raise ProjectFileError(f"Projektfilen {path} kan ikke læses ({fileio.reason(exc)}).") from None
    try:
        data = yamlio.loads(yamlio.decode(raw))
    except yamlio.YamlProblem as exc:
        raise ProjectFileError(f"Projektfilen {path} kan ikke læses: {exc}.",
                               "Filen er ikke ændret. Ret den i en teksteditor, eller gendan en "
                               "sikkerhedskopi.") from None
    if not isinstance(data, dict):
        raise ProjectFileError(f"Projektfilen {path} har ikke den rigtige form "
                               "(den skal være en samling af nøgler).", "Filen er ikke ændret.")
    return raw, data


def _file_error(path: Path, message: str) -> ProjectFileError:
    return ProjectFileError(f"Projektfilen {path}: {message}.",
                            "Filen er ikke ændret. Ret den i en teksteditor, og prøv igen.")


def _check_format(data: dict, path: Path) -> None:
    """Check the top level: known keys, a format number this version can read."""
    unknown = [yamlio.shown(k) for k in data if k not in TOP_KEYS]
    if unknown:
        raise _file_error(path, f"ukendt nøgle '{unknown[0]}' (kendte: {', '.join(TOP_KEYS)})")
    version = data.get("format")
    if not isinstance(version, str) or not version.isascii() or not version.isdigit():
        raise _file_error(path, "mangler et gyldigt formatnummer ('format: 1')")
    if not isinstance(data.get("guideudgave", ""), str):
        raise _file_error(path, "'guideudgave' skal være en tekst")
    if int(version) < 1:
        raise _file_error(path, f"har et ukendt formatnummer ({version})")
    if int(version) > FORMAT_VERSION:
        raise ProjectFileError(
            f"Projektfilen {path} er skrevet af en nyere udgave af spredning "
            f"(format {version}; denne udgave kender format {FORMAT_VERSION}).",
            "Opdatér spredning for at åbne den. Filen er ikke ændret.")


def _facts(data: dict, path: Path) -> dict:
    facts = data.get("projekt")
    if not isinstance(facts, dict):
        raise _file_error(path, "'projekt' skal være en samling af nøgler")
    unknown = [yamlio.shown(k) for k in facts if k not in FACT_KEYS]
    if unknown:
        raise _file_error(path, f"ukendt nøgle 'projekt.{unknown[0]}'")
    if not _is_text(facts.get("navn")):
        raise _file_error(path, "'projekt.navn' mangler eller er tom")
    for key in ("beskrivelse", "deler", "rolle", "eksempel"):
        if key in facts and not isinstance(facts[key], str):
            raise _file_error(path, f"'projekt.{key}' skal være en tekst")
    reusers = facts.get("genbrugere", [])
    if not isinstance(reusers, list) or not all(isinstance(r, str) for r in reusers):
        raise _file_error(path, "'projekt.genbrugere' skal være en liste af tekster")
    if facts.get("rolle") not in (None, *ROLES):
        raise _file_error(path, "'projekt.rolle' skal være 'dele' eller 'genbruge'")
    return facts


def _answers(data: dict, path: Path, key: str = "svar") -> dict[str, str]:
    answers = data.get(key) or {}
    if not isinstance(answers, dict):
        raise _file_error(path, f"'{key}' skal være en samling af spørgsmål-id'er og svar")
    for qid, text in answers.items():
        if not isinstance(text, str):
            raise _file_error(path, f"svaret på '{yamlio.shown(qid)}' skal være en tekst")
    return {qid: text for qid, text in answers.items() if text.strip()}


def project_from_data(data: dict, slug: str, path: Path) -> Project:
    """Validate a project file's data and build the Project; errors name the file."""
    _check_format(data, path)
    facts = _facts(data, path)
    return Project(
        slug=slug, name=facts["navn"], description=facts.get("beskrivelse", ""),
        sharing_org=facts.get("deler", ""), reusing_orgs=tuple(facts.get("genbrugere", [])),
        role=facts.get("rolle"), example=facts.get("eksempel") == "ja",
        guide_edition=str(data.get("guideudgave", "")), answers=_answers(data, path),
        conflicts=_answers(data, path, "konflikter"))


def shared_base(data: dict, path: Path) -> dict[str, str]:
    """An exchange file's 'fælles': what its sender last received from us, answer by answer."""
    return _answers(data, path, "fælles")


def data_from_project(project: Project, order: Sequence[str] = ()) -> dict:
    """The file contents for a project: only what the user entered or chose, in a fixed order."""
    facts: dict[str, object] = {"navn": project.name}
    if project.description:
        facts["beskrivelse"] = project.description
    if project.sharing_org:
        facts["deler"] = project.sharing_org
    if project.reusing_orgs:
        facts["genbrugere"] = list(project.reusing_orgs)
    if project.role:
        facts["rolle"] = project.role
    if project.example:
        facts["eksempel"] = "ja"
    data: dict[str, object] = {"format": FORMAT_VERSION, "guideudgave": project.guide_edition,
                               "projekt": facts}
    if project.conflicts:
        data["konflikter"] = ordered(project.conflicts, order)
    if project.answers:
        data["svar"] = ordered(project.answers, order)
    return data


def _side_of(question_id: str) -> str | None:
    parts = question_id.split(".")
    return parts[2] if len(parts) == 4 and parts[2] in ROLES else None


def project_text(data: dict) -> str:
    """The file's text: facts first, then the answers side by side in fixed sections.

    Each side's answers stand under a comment line of their own that never changes, so when the
    two organisations add answers on their own branches (git, a shared folder), the additions sit
    in different places of the file and merge without conflicts.
    """
    head = {key: value for key, value in data.items() if key != "svar"}
    answers = data.get("svar") or {}
    parts = [_without_end_marker(yamlio.dumps(head)), "svar:\n"]
    for role in (*ROLES, None):
        section = {qid: text for qid, text in answers.items() if _side_of(qid) == role}
        if role is None and not section:
            continue
        parts.append(f"  # {SECTION_TITLES[role]}\n")
        if section:
            parts.append(textwrap.indent(_without_end_marker(yamlio.dumps(section)), "  "))
    return "".join(parts)


def _without_end_marker(text: str) -> str:
    """Drop the '...' document end that follows a kept-newlines block; the next line ends it.

    Left in, it would end the YAML document before 'svar:' (or the next side's answers).
    """
    return text[:-4] if text.endswith("\n...\n") else text


def serialise(data: dict, path: Path) -> bytes:
    """The file's new bytes; text that cannot be written (a lone surrogate) is an error, not a crash."""
    try:
        return project_text(data).encode("utf-8")
    except UnicodeEncodeError as exc:
        code = ord(exc.object[exc.start])
        raise SpredningError(f"Kunne ikke gemme {path}: teksten indeholder tegnet U+{code:04X}, "
                             "som ikke kan gemmes.", "Filen er ikke ændret. Skriv teksten "
                             "igen uden tegnet.") from None
    except yamlio.YamlProblem as exc:
        raise SpredningError(f"Kunne ikke gemme {path}: {exc}.", "Filen er ikke ændret.") from None


def is_as_written(raw: bytes, data: dict) -> bool:
    """True when the file is exactly what spredning writes for its data.

    Otherwise (a BOM, CRLF, comments, other quoting, an older format) a rewrite would change
    more than the answers, so the old file is kept as a backup first.
    """
    if data.get("format") != str(FORMAT_VERSION):
        return False
    try:
        return raw == project_text({**data, "format": FORMAT_VERSION}).encode("utf-8")
    except (UnicodeEncodeError, yamlio.YamlProblem):
        return False
