"""One project seen from both sides, built through the application layer, for the report tests.

The sharing organisation (in ``dele/``) has two partners; Fanø Kommune (in ``fanoe/``) has its own
copy, made by importing the sharing side's export. Both sides answer, both change two of the same
answers after an exchange, and the sharing side imports Fanø's file: two open conflicts, one on each
side. There are "ikke relevant" marks (with and without a reason), a draft, a partner-specific
variant, and answers full of Markdown, HTML and control characters, long ones and lists.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import NamedTuple

from spredning.app import projects
from spredning.app.answering import Session
from spredning.app.exchange.applying import apply_import
from spredning.app.exchange.exporting import export
from spredning.app.exchange.incoming import read_incoming
from spredning.app.exchange.planning import plan_import
from spredning.app.workspace import Settings, Workspace
from spredning.core.model import Answer, Partner, Project

TODAY = datetime.date(2026, 11, 27)
SHARING_ORG = "Ærø Kommune"
FANOE = "Fanø Kommune"
OEST = "Øst_Kommune & Co <A/S>"

HOSTILE = (
    "# overskrift\r\n"
    "*fed* og _kursiv_ og `kode` og **mere**\r\n"
    "[link](http://x) ![billede](http://x/y.png) <http://x>\n"
    "<script>alert(1)</script>\n"
    "&amp; &lt; \\ slut\\\n"
    "[bold]x[/]\n"
    "\x1b[31mrød\x07 \u202eomvendt\n"
    "\n"
    "Ærø, æøå ÆØÅ – “citat” ‘enkelt’ • prik\n"
    "- punkt\n"
    "* stjernepunkt\n"
    "1. punkt\n"
    "    indrykket\n"
    "> citat\n"
    "---\n"
    "===\n"
    "| a | b |\n"
    "|---|---|\n"
    "~~streg~~ og 2 * 3 = 6"
)
PLAIN_SPECIAL = (
    "Nord & Co <A/S> samarbejder med Øst_Kommune om 2 * 3 ting.\n"
    "Se https://example.dk/side?id=1&x=2_y og https://example.dk/_a_b_.\n"
    "Prisen er 5 % lavere <3 og a < b > c."
)
LIST_ANSWER = (
    "Formålet var at:\n- få borgerne hurtigere i gang\n- gøre det fleksibelt\n  og billigt\n* spare kørsel\n"
    "\nDet lykkedes."
)
LONG_ANSWER = "\n\n".join(
    f"Afsnit {n}: " + " ".join(["Borgerne træner hjemme med videoøvelser og en ugentlig samtale."] * 6)
    for n in range(1, 16)
)
LONG_WORD = "Et-meget-langt-ord-" * 12 + "slut og https://example.dk/" + "sti/" * 30


class Fixture(NamedTuple):
    """The two copies and what was typed where."""

    sharing: Workspace
    fanoe: Workspace
    slug: str
    answers: dict[tuple[str, str], Answer]  # (partner key or "", question id) -> answer saved
    conflicts: dict[tuple[str, str], tuple[str, str]]  # slot -> (text at Ærø, text from Fanø)
    draft: str  # the question id with a draft (sharing side)
    variant: str  # the question id with Fanø's variant
    fanoe_key: str
    oest_key: str

    def project(self) -> Project:
        return self.sharing.store.load(self.slug)


def workspace(folder: Path) -> Workspace:
    return Workspace(Settings(home=str(folder)))


def _save(
    ws: Workspace,
    slug: str,
    role: str,
    partner: Partner | None,
    qid: str,
    content: Answer,
    variants: bool = False,
) -> None:
    session = Session(ws, slug, role, partner, variants=variants)
    question = next(q for q in ws.guide.questions() if q.id == qid)
    assert session.record(question, content, session.entry(question)) is None


def _exchange(source: Workspace, target: Workspace, out: Path, partner: str | None) -> None:
    export(source, role=None, partner_option=partner, include_all=False, out=out, overwrite=True, today=TODAY)
    incoming = read_incoming(target, out)
    apply_import(target, plan_import(target, incoming, None), {})


def build(folder: Path) -> Fixture:
    """Build the project in `folder` (two homes and the exchange files)."""
    sharing, fanoe = workspace(folder / "dele"), workspace(folder / "fanoe")
    started = projects.start(
        sharing,
        projects.NewProject(
            name="Affaldssortering <på> Ærø & Co",
            description="En app til\nvagtplaner – “nemt” & <hurtigt>",
            sharing_org=SHARING_ORG,
            reusing_orgs=(FANOE, OEST),
            role="dele",
        ),
    )
    slug = started.project.slug
    fan, oest = started.project.partners
    guide = sharing.guide
    tjek = guide.find_phase("tjek")
    dele = [q.id for q in guide.questions("dele")]
    genbruge = [q.id for q in tjek.questions("genbruge")]
    answers: dict[tuple[str, str], Answer] = {}

    def save(ws, role, partner, qid, content, variants=False):
        _save(ws, slug, role, partner, qid, content, variants)
        where = partner.key if (role == "genbruge" or variants) and partner else ""
        answers[(where, qid)] = content

    save(sharing, "dele", None, dele[0], Answer(HOSTILE))
    save(sharing, "dele", None, dele[1], Answer(PLAIN_SPECIAL))
    save(sharing, "dele", None, dele[2], Answer(LIST_ANSWER))
    save(sharing, "dele", None, dele[3], Answer(LONG_ANSWER))
    save(sharing, "dele", None, dele[4], Answer("Ikke for os, fordi vi *ikke* har data.", not_relevant=True))
    save(sharing, "dele", None, dele[5], Answer("", not_relevant=True))
    save(sharing, "dele", None, dele[6], Answer(LONG_WORD))
    save(sharing, "dele", None, dele[7], Answer("Første udgave fra Ærø."))
    for qid in dele[8:14]:
        save(sharing, "dele", None, qid, Answer(f"Kort svar til {qid}."))
    # a sharing-side answer in a later phase, so Høst has something answered
    hoest = guide.find_phase("hoest").questions("dele")[0].id
    save(sharing, "dele", None, hoest, Answer("Vi deler på netværksmødet i Innovationspraktik."))
    variant = next(q.id for q in guide.questions("dele") if q.per_partner)
    save(sharing, "dele", fan, variant, Answer(f"Kun til {FANOE}: de bruger den på tablets."), variants=True)
    save(sharing, "genbruge", oest, genbruge[0], Answer("Øst svarer: ja, meget interessant."))
    Session(sharing, slug, "dele", None).keep_draft(
        next(q for q in guide.questions("dele") if q.id == dele[20]), "En kladde, der ikke er gemt."
    )

    # round 1: Ærø -> Fanø, Fanø answers its own questions, Fanø -> Ærø
    _exchange(sharing, fanoe, folder / "til-fanoe-1.yaml", fan.key)
    save(fanoe, "genbruge", fan, genbruge[0], Answer(HOSTILE))
    save(fanoe, "genbruge", fan, genbruge[1], Answer("Fanøs første svar."))
    save(fanoe, "genbruge", fan, genbruge[2], Answer("Ikke relevant på en ø.", not_relevant=True))
    _exchange(fanoe, sharing, folder / "fra-fanoe-1.yaml", None)

    # both change the same two answers: one of the sharing side's, one of Fanø's
    text_here = {dele[7]: "Ærøs nye udgave:\n- kortere ventetid", genbruge[1]: "Ærø foreslår: *samme* behov."}
    text_there = {
        dele[7]: "Fanøs rettelse af Ærøs svar & <A/S>.",
        genbruge[1]: "Fanø mener: delvist.\n\n# ikke en overskrift",
    }
    save(sharing, "dele", None, dele[7], Answer(text_here[dele[7]]))
    save(sharing, "genbruge", fan, genbruge[1], Answer(text_here[genbruge[1]]))
    save(fanoe, "dele", None, dele[7], Answer(text_there[dele[7]]))
    save(fanoe, "genbruge", fan, genbruge[1], Answer(text_there[genbruge[1]]))
    _exchange(fanoe, sharing, folder / "fra-fanoe-2.yaml", None)
    conflicts = {
        ("", dele[7]): (text_here[dele[7]], text_there[dele[7]]),
        (fan.key, genbruge[1]): (text_here[genbruge[1]], text_there[genbruge[1]]),
    }
    for slot, (ours, _) in conflicts.items():
        answers[slot] = Answer(ours)
    return Fixture(sharing, fanoe, slug, answers, conflicts, dele[20], variant, fan.key, oest.key)
