"""Projects for the interview tests, made with the real application API in a folder under tmp_path.

Each helper that reads or writes as "another run of the program" uses a Workspace of its own on
the same folder, so what the tests see is what is in the files, not what one Store remembers.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import yaml

from spredning.app.answering import Session, save_answers
from spredning.app.projects import NewProject, start
from spredning.app.workspace import Settings, Workspace
from spredning.core.model import Answer, Partner, side_of

SHARING_ORG = "Odense Kommune"
NOT_RELEVANT = "ikke relevant"


def workspace(home: Path) -> Workspace:
    """A workspace on the projects folder `home` with the shipped guide."""
    return Workspace(Settings(home=str(home)))


def new_project(
    ws: Workspace,
    name: str = "Ærø Kommune",
    role: str = "genbruge",
    partners: tuple[str, ...] = ("Ærø Kommune",),
    answers: Mapping[str, str | Answer] | None = None,
) -> str:
    """Start a project as 'spredning start' does (this computer on `role`); return its slug."""
    started = start(
        ws,
        NewProject(
            name=name,
            description="Digital genoptræning",
            sharing_org=SHARING_ORG,
            reusing_orgs=partners,
            role=role,
        ),
    )
    if answers:
        give(ws, started.project.slug, answers)
    return started.project.slug


def partner_of(ws: Workspace, slug: str) -> Partner:
    """The project's first reusing organisation."""
    return ws.store.load(slug).partners[0]


def session(ws: Workspace, slug: str, role: str = "genbruge") -> Session:
    """A fresh session, as a new run of 'spredning fase' opens one: in the first partner's dialogue."""
    fresh = workspace(ws.store.home)
    return Session(fresh, slug, role, partner_of(fresh, slug))


def give(ws: Workspace, slug: str, answers: Mapping[str, str | Answer]) -> None:
    """Save answers as another run would (an answers file): each side through its own session."""
    for role in ("dele", "genbruge"):
        mine = {
            qid: value if isinstance(value, Answer) else Answer(text=value)
            for qid, value in answers.items()
            if side_of(qid) == role
        }
        if mine:
            save_answers(session(ws, slug, role), mine, replace_any=True)


def saved(ws: Workspace, slug: str) -> dict[str, object]:
    """The answers in the first partner's dialogue as the project file holds them now.

    A text answer is its text; a question marked not relevant is (NOT_RELEVANT, reason).
    """
    fresh = workspace(ws.store.home)
    project = fresh.store.load(slug)
    view = project.dialogue(project.partners[0] if project.partners else None)
    result: dict[str, object] = {}
    for question in fresh.guide.questions():
        answer = view.answer(question.id)
        if answer is not None:
            result[question.id] = (NOT_RELEVANT, answer.text) if answer.not_relevant else answer.text
    return result


def project_text(ws: Workspace, slug: str) -> str:
    """The project file's text."""
    return ws.store.path_for(slug).read_text(encoding="utf-8")


def drafts(ws: Workspace, slug: str) -> dict[str, str]:
    """The drafts in this computer's state file (.spredning/SLUG.yaml, 'kladder'), read as plain YAML."""
    path = ws.store.home / ".spredning" / f"{slug}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return data.get("kladder") or {}


def draft_key(ws: Workspace, slug: str, question_id: str) -> str:
    """The key a draft has in the state file: 'PARTNER/QUESTION' in a dialogue, else 'QUESTION'."""
    if side_of(question_id) == "genbruge":
        return f"{partner_of(ws, slug).key}/{question_id}"
    return question_id


def other_windows_lock(ws_or_store, slug: str):
    """The project's lock as another window holds it: a lock of its own, taken here (acquire) and let
    go from any thread (release), as another process's would be."""
    import filelock

    store = getattr(ws_or_store, "store", ws_or_store)
    return filelock.FileLock(str(store.home / ".spredning" / f"{slug}.lock"), thread_local=False)
