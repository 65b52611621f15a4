"""Reading a project without changing it: what arrived since the user last looked, and marking it seen."""

from __future__ import annotations

from spredning.app.workspace import Workspace
from spredning.core.local import key_slot
from spredning.core.model import SHARING, Partner, Question
from spredning.core.store import Opened


def news_questions(ws: Workspace, opened: Opened, partner: Partner | None) -> list[Question]:
    """The questions whose answers arrived from the partner since the user last looked."""
    questions = {q.id: q for q in ws.guide.questions()}
    found = []
    for sender, keys in opened.local.news.items():
        if partner is not None and sender not in (SHARING, partner.key):
            continue
        for key in keys:
            where, qid = key_slot(key)
            if qid in questions and (where == "" or partner is None or where == partner.key):
                found.append(questions[qid])
    return list(dict.fromkeys(found))


def mark_seen(ws: Workspace, opened: Opened, partner: Partner | None) -> None:
    """The user has looked at a dialogue: what arrived in it is no longer news."""
    if not opened.local.news:
        return
    senders = set(opened.local.news) if partner is None else {SHARING, partner.key}
    ws.store.update_local(
        opened.project.slug,
        lambda state: state._replace(news={k: v for k, v in state.news.items() if k not in senders}),
    )
