"""In-process measurements: reading files, saving one answer, and interview steps.

The references are built here from PyYAML and the standard library only, independent of the code
they judge: libyaml's CSafeLoader and CSafeDumper (the pure-Python ones when libyaml is absent)
and a plain temp-file-fsync-rename write.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import yaml
from bench_data import _generator_dumper
from rich.console import Console

from spredning.cli import render
from spredning.cli.prompter import ScriptedPrompter
from spredning.core.interview import Interview, ProjectSession, Resume, Review
from spredning.core.model import Guide
from spredning.core.store import Store

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DUMPER = _generator_dumper()


def reference_load(path: Path) -> object:
    """Read a file once with libyaml: bytes, decode, CSafeLoader."""
    return yaml.load(path.read_bytes().decode("utf-8-sig"), Loader=LOADER)


def read_reference(paths: list[Path], repeats: int = 3) -> float:
    """Mean time to read one of these files once with libyaml (best of a few passes)."""
    passes = []
    for _ in range(repeats):
        start = time.perf_counter()
        for path in paths:
            reference_load(path)
        passes.append((time.perf_counter() - start) / len(paths))
    return min(passes)


def atomic_write(path: Path, text: str) -> None:
    """Temp file in the same folder, fsync, rename, fsync the folder: what a safe save needs."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "wb") as handle:
        handle.write(text.encode("utf-8"))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def reference_rewrite(source: Path, target: Path) -> None:
    """One libyaml load, one libyaml dump and one atomic write of the file."""
    data = reference_load(source)
    text = yaml.dump(
        data,
        Dumper=DUMPER,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
        indent=2,
    )
    atomic_write(target, text)


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def save_vs_reference(home: Path, slug: str, guide: Guide, repeats: int, work: Path) -> tuple[float, float]:
    """Median time of Store.save_answers changing one answer, and of the reference, interleaved."""
    shutil.copytree(home, work)
    store = Store(work)
    order = guide.question_ids()
    qid = order[len(order) // 2]
    current = store.load(slug).answer(qid)
    original = current
    path = store.path_for(slug)
    saves, references = [], []
    for number in range(repeats):
        new = original + (" Tilføjet efter mødet." if number % 2 == 0 else "")
        if new == current:
            new += " Igen."
        saves.append(_timed(lambda n=new, c=current: store.save_answers(slug, {qid: n}, {qid: c}, order)))
        current = new
        references.append(_timed(lambda: reference_rewrite(path, work / "reference.yaml")))
    return statistics.median(saves), statistics.median(references)


class TimingPrompter(ScriptedPrompter):
    """The scripted prompter, timing each submitted answer until the next question is asked.

    `logic` is the time until the next ask() is reached (the interview's work, including the
    save); `drawn` adds rendering that question with rich, as the real prompter does first.
    """

    def __init__(self, script):
        super().__init__(script)
        self.console = Console(
            file=io.StringIO(), width=100, markup=False, emoji=False, highlight=False, color_system=None
        )
        self.submitted: float | None = None
        self.logic: list[float] = []
        self.drawn: list[float] = []

    def ask(self, step, current, first):
        """Record the times since the previous answer, then answer from the script."""
        reached = time.perf_counter()
        self.console.print(render.question_block(step.position, step.question, indent=0, total=step.total))
        drawn = time.perf_counter()
        if self.submitted is not None:
            self.logic.append(reached - self.submitted)
            self.drawn.append(drawn - self.submitted)
        reply = super().ask(step, current, first)
        self.submitted = time.perf_counter()
        return reply

    def phase_done(self, phase, role, project):
        """End of an interview: the next ask() belongs to another one."""
        super().phase_done(phase, role, project)
        self.submitted = None


def _script(phase, role: str, project) -> list[object]:
    """Review every question of the phase from the start, changing each answer (so each saves)."""
    script: list[object] = [Resume.REVIEW_ALL]
    for tool in phase.tools:
        questions = tool.questions(role)
        for question in questions:
            script.append((project.answer(question.id) or "") + " Rettet i interviewet.")
        if questions:
            script.append(Review.NEXT)
    return script


def interview_steps(home: Path, slug: str, guide: Guide, work: Path) -> dict[str, float]:
    """Run every phase for both sides on a copy of the full project; median and p95 step times."""
    shutil.copytree(home, work)
    store = Store(work)
    prompter = TimingPrompter([])
    for phase in guide.phases:
        for role in ("dele", "genbruge"):
            session = ProjectSession(store, slug, guide.question_ids())
            prompter.script = _script(phase, role, session.project)
            with contextlib.redirect_stdout(io.StringIO()):
                Interview(guide, phase, role, session, prompter).run()
    return {
        "answer -> next ask(), median": statistics.median(prompter.logic),
        "answer -> question drawn, median": statistics.median(prompter.drawn),
        "answer -> question drawn, 95th pct": _p95(prompter.drawn),
    }


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]
