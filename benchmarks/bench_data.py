"""The benchmark's data: a fully answered project, a 1 MiB one, a partner's file and many projects.

Everything comes from a fixed seed into folders the caller owns, so runs are comparable. Projects
are made through the application layer (``start`` and ``save_answers``, as the CLI does), so
their files are exactly what spredning writes, with every answer's history. The partner's file
is written by the installed command (``eksport``) from a copy of the project on the reusing side.
A folder of thousands of projects is made from a few dozen such projects by copying their files
with a new identity and name (``id:`` and ``navn:`` are the only lines that differ between them);
writing each through the store would take minutes of set-up that nothing measures.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import uuid
from pathlib import Path

from spredning.app.answering import Session, save_answers
from spredning.app.projects import NewProject, set_side, start
from spredning.app.workspace import Settings, Workspace
from spredning.core.model import Answer

SEED = 20240611
FULL_BYTES = 100 * 1024
LARGE_BYTES = 1024 * 1024
TEMPLATES = 40  # distinct projects behind a folder of many

_WORD_LIST = (
    "kommunen borgerne medarbejderne løsningen genoptræning velfærdsteknologi hjemmeplejen "
    "pårørende sygeplejersker ældreområdet indsatsen erfaringerne gevinsterne økonomien "
    "arbejdsgangene ledelsen tilpasning implementering afprøvning forankring spredning "
    "samarbejdet partnerskabet organisationen udfordringerne løbende tydelig særlig vigtig "
    "første største tryg tryghed færre flere bedre hurtigere også især derfor således "
    "når hvis fordi mens både eller samt uden efter før under gennem mellem blandt hos "
    "vi de har har-ikke skal kan vil måtte bør blev bliver oplever viser giver kræver "
    "bruger deler genbruger tilpasser fjerner høster tester tjekker måler følger op på "
    "træningen videoen tabletten aftalen budgettet tidsplanen styregruppen projektlederen "
    "frontmedarbejderne kvaliteten dokumentationen data evalueringen målingerne resultaterne"
)
WORDS = _WORD_LIST.split()
OPENERS = ("Nej: ", "Ja, ", "Kl. 12:30 ", "I 2023 ", "Vores erfaring er, at ", "Konkret ")


def sentence(rng: random.Random) -> str:
    """One Danish-ish sentence, now and then starting with something YAML would mistype."""
    words = [rng.choice(WORDS).replace("-", " ") for _ in range(rng.randint(8, 18))]
    if rng.random() < 0.15:
        words.insert(rng.randint(3, len(words) - 1), "–")
    text = " ".join(words)
    opener = rng.choice(OPENERS) if rng.random() < 0.2 else ""
    text = opener + text if opener else text[0].upper() + text[1:]
    return text + rng.choice((".", ".", ".", "?", "!"))


def paragraph(rng: random.Random, budget: int) -> str:
    """A paragraph of a few sentences (fewer when the budget runs out), or a short bullet list."""
    bullets = rng.random() < 0.15
    lines: list[str] = []
    while len(lines) < rng.randint(3, 6) and sum(len(x) + 1 for x in lines) < budget:
        lines.append(f"- {sentence(rng)}" if bullets else sentence(rng))
    return ("\n" if bullets else " ").join(lines)


def answer(rng: random.Random, target_chars: int) -> str:
    """A multi-paragraph answer of about target_chars characters."""
    parts: list[str] = []
    size = 0
    while size < target_chars:
        parts.append(paragraph(rng, target_chars - size))
        size += len(parts[-1]) + 2
    return "\n\n".join(parts)


def workspace(home: Path) -> Workspace:
    """The application's workspace on a projects folder, with the shipped guide."""
    return Workspace(Settings(home=str(home)))


def new_project(home: Path, name: str, answers: dict[str, str]) -> Path:
    """Start a project on the sharing side with one partner and save answers as the CLI does.

    Answers to the sharing side's questions go to the shared answers, the reusing side's to the
    partner's dialogue, each side in one transaction.
    """
    ws = workspace(home)
    started = start(
        ws,
        NewProject(
            name=name,
            description="Genoptræning efter hofteoperation med video og tablet",
            sharing_org="Odense Kommune",
            reusing_orgs=("Ærø Kommune",),
            role="dele",
        ),
    )
    slug, partner = started.project.slug, started.project.partners[0]
    for role in ("dele", "genbruge"):
        mine = {q.id: Answer(text=answers[q.id]) for q in ws.guide.questions(role) if q.id in answers}
        if mine:
            save_answers(Session(ws, slug, role, partner), mine)
    return started.path


def full_answers(rng: random.Random, question_ids: list[str], chars: int) -> dict[str, str]:
    """An answer of about `chars` characters to every question."""
    return {qid: answer(rng, chars) for qid in question_ids}


def fully_answered(home: Path, name: str, target_bytes: int) -> Path:
    """A project with every question of both sides answered, its file about target_bytes long.

    Made twice: the first file's size shows how long the answers must be.
    """
    ids = [q.id for q in workspace(home).guide.questions()]
    trial = home.parent / f".{home.name}-prøve"
    chars = target_bytes // len(ids)
    answers = full_answers(random.Random(SEED), ids, chars)
    size = new_project(trial, name, answers).stat().st_size
    shutil.rmtree(trial)
    written = sum(len(a.encode()) for a in answers.values())
    overhead = size - written  # keys, versions, indentation: the same whatever the answers' length
    chars = max(50, int(chars * (target_bytes - overhead) / written))
    return new_project(home, name, full_answers(random.Random(SEED), ids, chars))


def installed(exe: Path, home: Path, *args: str) -> None:
    """Run the installed command on a folder; a failure stops the benchmark with its output."""
    env = {**os.environ, "SPREDNING_HJEM": str(home), "NO_COLOR": "1", "SPREDNING_SPROG": "da"}
    result = subprocess.run([str(exe), *args], env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"spredning {' '.join(args)}: {result.returncode}\n{result.stdout}{result.stderr}")


def partner_file(exe: Path, project: Path, work: Path, changed: int = 10) -> Path:
    """The reusing partner's export after it changed `changed` of its answers (for 'importer')."""
    home = work / "partner"
    home.mkdir(parents=True)
    shutil.copy2(project, home / project.name)
    ws = workspace(home)
    set_side(ws, "genbruge", None)
    slug = ws.slug()
    view = ws.store.load(slug)
    partner = view.partners[0]
    dialogue = view.dialogue(partner)
    reusing = [q.id for q in ws.guide.questions("genbruge")]
    edits = {
        qid: Answer(text=dialogue.text(qid) + " Opdateret efter mødet med styregruppen.")
        for qid in reusing[:changed]
    }
    # replace_any, as --erstat: the partner means to change its saved answers
    save_answers(Session(ws, slug, "genbruge", partner), edits, replace_any=True)
    target = work / "fra-partneren.yaml"
    installed(exe, home, "eksport", "--ud", str(target))
    return target


def question_in_middle(home: Path, phase_id: str = "tjek", role: str = "dele") -> str:
    """The id of the middle question of a phase for one side."""
    guide = workspace(home).guide
    questions = next(p for p in guide.phases if p.id == phase_id).questions(role)
    return questions[len(questions) // 2].id


def answers_file(path: Path, question_id: str, text: str) -> Path:
    """An answers file for 'fase --svar': one question's new text."""
    import yaml

    path.write_text(yaml.safe_dump({question_id: text}, allow_unicode=True), encoding="utf-8")
    return path


# -- many projects ---------------------------------------------------------------------------------

_ID_LINE = re.compile(r"^id: .*$", re.MULTILINE)
_NAME_LINE = re.compile(r"^  navn: .*$", re.MULTILINE)


def templates(folder: Path, count: int) -> list[str]:
    """Texts of `count` projects, each answering a random share of the questions (100-800 chars)."""
    rng = random.Random(SEED + 1)
    ids = [q.id for q in workspace(folder).guide.questions()]
    texts = []
    for number in range(count):
        share = rng.random()
        answers = {qid: answer(rng, rng.randint(100, 800)) for qid in ids if rng.random() < share}
        path = new_project(folder, f"Skabelon {number:03d}", answers)
        texts.append(path.read_text(encoding="utf-8"))
    return texts


def many_projects(folder: Path, count: int, scratch: Path) -> list[Path]:
    """A folder of `count` projects (copies of a few made by the store, each its own id and name)."""
    rng = random.Random(SEED + 2)
    texts = templates(scratch, TEMPLATES)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        project_id = uuid.UUID(int=rng.getrandbits(128), version=4)
        text = _ID_LINE.sub(f"id: {project_id}", texts[number % len(texts)], count=1)
        text = _NAME_LINE.sub(f"  navn: Projekt {number:05d} – genoptræning på Ærø", text, count=1)
        path = folder / f"projekt-{number:05d}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    workspace(folder).store.set_active("projekt-00000")
    return paths


def link_subset(paths: list[Path], folder: Path) -> None:
    """A folder holding the first of a bigger set of projects (hard links, else copies)."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in paths:
        try:
            os.link(path, folder / path.name)
        except OSError:
            shutil.copy2(path, folder / path.name)
    workspace(folder).store.set_active(paths[0].stem)
