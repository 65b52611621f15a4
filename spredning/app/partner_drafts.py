"""A removed reusing organisation's drafts: kept in a file of their own, and taken back when it returns.

`projekt fjern-genbruger` removes an organisation with its dialogue. The answers go into the copy
of the project file kept first; the drafts and the reasons for "not relevant" not saved are this
computer's (its state file), so they are written to HOME/.spredning/SLUG-kladder-KEY.yaml (the
drafts under 'kladder', the reasons under 'begrundelser', question id: text). When the
organisation comes back into the project (`projekt genbruger`, or an import of a file from it),
`returning` takes those texts back into the state, in the dialogue they came from, and the file,
whose texts are then kept there, is removed (`forget`).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from spredning.core import drafts as drafting
from spredning.core import fileio, local, yamlio
from spredning.core.local import LocalState, key_slot, slot_key
from spredning.core.model import Partner, fold_name

DRAFTS = "kladder"  # the file's section of answer drafts
REASONS = "begrundelser"  # the file's section of reasons for "not relevant" not saved


class Returned(NamedTuple):
    """The texts taken back for an organisation that came back, and the files they came from."""

    partner: Partner
    files: tuple[Path, ...]
    drafts: int  # answer drafts taken back
    reasons: int  # reasons for "not relevant" taken back
    slots: tuple[str, ...]  # the slot keys of the texts (for where they stand)


def keep(home: Path, slug: str, partner: Partner, state: LocalState) -> Path | None:
    """Write the drafts and reasons of a dialogue about to go to a new file of their own; None if none."""
    drafts, reasons = texts_of(state, partner.key)
    if not drafts and not reasons:
        return None
    data: dict[str, object] = {"organisation": partner.name or partner.key}
    data.update((k, v) for k, v in ((DRAFTS, drafts), (REASONS, reasons)) if v)
    path = fileio.free_name(local.ensure_folder(home), f"{slug}-kladder-{partner.key}", ".yaml")
    fileio.atomic_write(path, yamlio.dumps(data))
    return path


def texts_of(state: LocalState, key: str) -> tuple[dict[str, str], dict[str, str]]:
    """A dialogue's answer drafts and its reasons not saved (a reason draft, one beside a draft), by id.

    A question with both a reason draft and a reason beside (a file from before they were kept
    apart) has both, a paragraph each: no text is left out.
    """
    drafts: dict[str, str] = {}
    reasons: dict[str, str] = {}
    for slot, text in state.drafts.items():
        where, question_id = key_slot(slot)
        if where == key:
            (reasons if slot in state.reasons else drafts)[question_id] = text
    for slot, text in state.beside.items():
        where, question_id = key_slot(slot)
        if where == key:
            had = reasons.get(question_id)
            reasons[question_id] = drafting.joined_texts(had, text) if had else text
    return drafts, reasons


def returning(
    home: Path, slug: str, state: LocalState, partners: Iterable[Partner]
) -> tuple[LocalState, tuple[Returned, ...]]:
    """The state with the kept drafts of each organisation in `partners` (new in the project) taken back.

    A file is this organisation's when its name has the organisation's key (SLUG-kladder-KEY, or
    -2, -3 ... when it was removed more than once) and the file names the organisation as the
    project now does (a file from the partner may bring it without a name: then only the key's
    own file). A file that cannot be read whole, or holds anything but texts, is left as it is.
    Each text is taken in as a window's drafts are (drafts.adopted): one already here is kept,
    and a different one is joined after it.
    """
    found: list[Returned] = []
    for partner in partners:
        files: list[Path] = []
        answers: set[str] = set()  # slots with an answer draft taken back
        reasons: set[str] = set()  # slots with a reason taken back (a reason draft, or one beside)
        for path in _files_for(home, slug, partner):
            texts = _read(path, partner)
            if texts is None:
                continue
            away = _as_state(partner.key, *texts)
            state = drafting.adopted(state, away)  # a file at a time: two files' texts both kept
            files.append(path)
            answers.update(key for key in away.drafts if key not in away.reasons)
            reasons.update(away.reasons, away.beside)
        if answers or reasons:
            slots = tuple(sorted(answers | reasons))
            found.append(Returned(partner, tuple(files), len(answers), len(reasons), slots))
    return state, tuple(found)


def forget(returned: Iterable[Returned]) -> None:
    """Remove the files whose texts were taken back (and written); one that stays does no harm.

    Taken back once more (the organisation removed and back again), a text already here adds nothing.
    """
    for each in returned:
        for path in each.files:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)


def _files_for(home: Path, slug: str, partner: Partner) -> list[Path]:
    """The kept files named for the organisation's key, first kept first.

    SLUG-kladder-KEY.yaml, or -2, -3 ... when removed more than once; for an organisation without
    a name (a file from the partner may bring it so), only the first: KEY-2 may be another's key.
    """
    folder = local.folder(home)
    if not folder.is_dir():
        return []
    stem = f"{slug}-kladder-{partner.key}"
    pattern = re.compile(re.escape(stem) + (r"(-[0-9]+)?\.yaml" if partner.name else r"\.yaml"))
    return sorted(
        (p for p in folder.glob(f"{fileio.glob_escape(stem)}*.yaml") if pattern.fullmatch(p.name)),
        key=lambda p: (len(p.name), p.name),
    )


def _read(path: Path, partner: Partner) -> tuple[dict[str, str], dict[str, str]] | None:
    """The drafts and reasons of a kept file of this organisation, or None (not its, or not whole)."""
    try:
        data = yamlio.loads(yamlio.decode(fileio.read_regular(path, local.MAX_BYTES), local.MAX_BYTES))
    except (OSError, yamlio.YamlProblem):
        return None
    if not isinstance(data, dict) or set(data) - {"organisation", DRAFTS, REASONS}:
        return None
    named = data.get("organisation")
    if not isinstance(named, str):
        return None
    if partner.name and fold_name(named) not in (fold_name(partner.name), fold_name(partner.key)):
        return None  # another organisation's, whose key was taken when it was added
    drafts, reasons = data.get(DRAFTS) or {}, data.get(REASONS) or {}
    if not (_texts(drafts) and _texts(reasons)):
        return None
    return drafts, reasons


def _texts(value: object) -> bool:
    """True when `value` is a section of texts: question id: text."""
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    )


def _as_state(key: str, drafts: dict[str, str], reasons: dict[str, str]) -> LocalState:
    """A kept file's texts as a window's state would hold them in the dialogue `key`: each its kind."""
    texts, beside, marked = {}, {}, set()
    for question_id, text in drafts.items():
        texts[slot_key((key, question_id))] = text
    for question_id, text in reasons.items():
        slot = slot_key((key, question_id))
        if slot in texts:
            beside[slot] = text  # a reason beside the answer draft
        else:
            texts[slot] = text
            marked.add(slot)
    return LocalState(copy="", drafts=texts, beside=beside, reasons=tuple(sorted(marked)))
