"""Realistic data for the benchmark: a fully answered project and folders of many projects.

Everything is generated from a fixed seed into a folder the caller owns (a temporary one), so runs
are comparable. The full project is written through spredning's own Store; the many-project
folders are written with libyaml's emitter (when present) in the same layout, because writing
thousands of files is set-up, not what is measured.
"""

from __future__ import annotations

import os
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from spredning.core.model import Guide, Project
from spredning.core.projectfile import data_from_project
from spredning.core.store import Store

FULL_SLUG = "fuldt-besvaret"
FULL_TARGET_BYTES = 100 * 1024
SEED = 20240611

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


def project(slug: str, guide: Guide, answers: dict[str, str], number: int = 0) -> Project:
    """A project with the given answers and plausible facts."""
    return Project(
        slug=slug,
        name=f"Projekt {number:04d} – genoptræning på Ærø",
        description="Genoptræning efter hofteoperation med video og tablet",
        sharing_org="Eksempel Kommune Nord",
        reusing_orgs=("Eksempel Kommune Syd", "Ærø Kommune"),
        role=("dele", "genbruge")[number % 2],
        guide_edition=guide.edition,
        answers=answers,
    )


def write_full_project(home: Path, guide: Guide) -> Path:
    """Write the fully answered project (every question, ~100 KiB) through Store and activate it."""
    rng = random.Random(SEED)
    ids = guide.question_ids()
    per_answer = FULL_TARGET_BYTES // len(ids) - 165  # key, indentation and æøå take the rest
    answers = {qid: answer(rng, per_answer) for qid in ids}
    store = Store(home)
    path = store.create(project(FULL_SLUG, guide, answers), ids)
    store.set_active(FULL_SLUG)
    return path


def _generator_dumper() -> type:
    """A dumper like spredning's (literal blocks for multi-line text), on libyaml when present."""
    base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    class Dumper(base):  # type: ignore[misc, valid-type]
        pass

    def literal(dumper, value: str):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)

    Dumper.add_representer(str, literal)
    return Dumper


def write_many_projects(folder: Path, guide: Guide, count: int) -> list[Path]:
    """Write `count` projects: each answers a random share of the questions, 1-4 paragraphs each."""
    rng = random.Random(SEED + 1)
    ids = guide.question_ids()
    dumper = _generator_dumper()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        share = rng.random()
        answers = {qid: answer(rng, rng.randint(150, 1200)) for qid in ids if rng.random() < share}
        slug = f"projekt-{number:04d}"
        data = data_from_project(project(slug, guide, answers, number), ids)
        text = yaml.dump(
            data,
            Dumper=dumper,
            allow_unicode=True,
            sort_keys=False,
            default_flow_style=False,
            width=100,
            indent=2,
        )
        path = folder / f"{slug}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def link_subset(paths: list[Path], folder: Path) -> None:
    """Make a folder holding the first projects of a bigger set (hard links, else copies).

    Linked files share their modification time, so only ever touch the separate copy.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for path in paths:
        target = folder / path.name
        try:
            os.link(path, target)
        except OSError:
            target.write_bytes(path.read_bytes())


@dataclass(frozen=True)
class Data:
    """Where the generated data is: one home per scenario."""

    full_home: Path
    full_file: Path
    many_homes: dict[int, Path]
    many_files: list[Path]
    changed_home: Path  # a copy of the biggest folder, for runs after every file changed
    changed_files: list[Path]


def generate(root: Path, guide: Guide, sizes: tuple[int, ...] = (100, 300, 1000)) -> Data:
    """Generate every scenario under root."""
    full_home = root / "fuld"
    full_file = write_full_project(full_home, guide)
    biggest = max(sizes)
    files = write_many_projects(root / f"mange-{biggest}", guide, biggest)
    homes = {biggest: root / f"mange-{biggest}"}
    for size in sorted(sizes):
        if size != biggest:
            homes[size] = root / f"mange-{size}"
            link_subset(files[:size], homes[size])
    changed = root / f"mange-{biggest}-aendret"
    shutil.copytree(homes[biggest], changed)
    for home in [*homes.values(), changed]:
        Store(home).set_active("projekt-0000")
    return Data(full_home, full_file, homes, files, changed, sorted(changed.glob("projekt-*.yaml")))
