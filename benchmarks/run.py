"""Benchmark of issue 16: every row of its table measured side by side in one run, one table printed.

Run from the repository root with the Python of the environment spredning is installed in::

    .venv/bin/python benchmarks/run.py --hurtig   # under 2 minutes on 2 cores (the first run: +2 min)
    .venv/bin/python benchmarks/run.py            # the full run, about 5 minutes
    .venv/bin/python benchmarks/run.py --hurtig --kun rapport --kun vis   # only rows naming these

It is a report, not a test: it always exits 0, and nothing in tests/ times anything.

What it does
  1. Makes the data in a temporary folder through the application layer (``bench_data.py``): a
     project with every question of both sides answered (the sharing side's answers and one
     partner's dialogue), about 100 KiB, on this computer's sharing side; the same with long
     answers, about 1 MiB; a project just started; and the partner's export with ten of its
     answers changed. Folders of 1,000, 3,000 and 10,000 projects are made once and kept, with
     their warm index, in ``~/.cache/spredning-bench`` (``--ny-data`` makes them again; the first
     time this takes a few minutes, most of it the first ``projekter`` building the index).
  2. Runs each command as a user would: the installed ``spredning`` next to this Python, in a
     fresh process, finding its projects folder in the default place (``$XDG_DATA_HOME``), output
     to /dev/null (``vis``, ``guide`` and ``projekter`` then write everything, no pager), width
     100, no colour. Every command and its reference run one after the other (A B, then B A in the
     next round), the pairs of all rows follow each other in a rotating order, after one warm-up
     round; so every row and its reference see the same machine, and drift hits all rows alike.
     Each run is reaped with ``os.wait4``: wall time, CPU time and peak memory of that process.
  3. Drives the interactive command, ``spredning fase FASE --rolle dele`` on the full project,
     in a pseudo-terminal of 100x40 with colours that answers cursor position requests as a terminal does
     (``bench_pty.py``): it chooses to review every question, then saves each pre-filled answer
     with Esc Enter, once typing a few words first (a changed answer: saved to the file) and once
     as it is (unchanged: nothing written). A step is the time from sending Esc Enter to the next
     question's prompt drawn (its last output that shows something); beside it, the CPU time the
     program used for the step (Linux: /proc/PID/task/*/schedstat, from the keys until it is quiet
     again, so work done after drawing counts too). The sessions run between the rounds.

How to read the table
  ``median`` and ``range`` (least-most) are wall times over the rounds; ``ratio`` is the median of
  the ratios A/B of each round's pair, with their range; ``cpu`` is the same ratio of CPU time
  (user + system), steadier than wall time on a busy machine; ``MiB`` is the largest peak resident
  memory of the command's runs. Targets are those of issue 16; PASS/FAIL compares the median
  ratio (or time, or MiB) with the target. On a machine that is busy with other work the ranges
  widen: compare ratios, not times, and run again when a verdict sits on the edge. The interactive
  rows are absolute times, so they suffer most from a busy machine; their CPU time per step is
  the steadier figure (it still grows when the other core is busy). How projekter grows is judged
  on CPU time per project between the sizes.

References
  REF is ``python -c "import typer, rich.console, rich.table, yaml"``; the launch of ``fase`` is
  compared with ``python -c "import questionary"`` run in the same kind of terminal until it ends;
  ``fase --svar`` also with ``libyaml_rewrite.py`` (load the project file with libyaml, dump it,
  write it to a temp file, fsync, rename, fsync the folder: what a safe save needs at least).

To measure another checkout (a proposed change), install it into its own environment and run that
environment's Python on this script; the data cache is shared.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import NamedTuple

import bench_data
import bench_pty
from bench_proc import Pair, Sample, command, interleaved
from bench_pty import Steps
from bench_scenes import PYTHON, SPREDNING, Data, prepare, scene
from bench_table import Table, interactive_rows, pair_rows, scale_rows

HERE = Path(__file__).resolve().parent
REF_IMPORTS = "import typer, rich.console, rich.table, yaml"
QUESTIONARY = "import questionary"
FULL_MIB = 35.0  # peak memory target for any command on the full project
PROJECTS_MIB = 60.0  # ... and for projekter with 10,000 projects


class Mode(NamedTuple):
    """How much to measure."""

    rounds: int
    phases: tuple[str, ...]  # interactive sessions: phases gone through, each changed and unchanged
    repeats: int  # how many times each of those
    sizes: tuple[int, ...]


FULL = Mode(rounds=15, phases=("tjek", "test", "fjern"), repeats=2, sizes=(1000, 3000, 10000))
QUICK = Mode(rounds=4, phases=("tjek",), repeats=1, sizes=(1000, 3000, 10000))


# -- what is measured --------------------------------------------------------------------------------


def python_c(code: str, env: dict[str, str]):
    """A reference: this Python running a line."""
    return command([[PYTHON, "-c", code]], env)


def pty_launch(argv: list[str], env: dict[str, str]):
    """A runner: start a command in a terminal, until its first prompt is drawn."""
    return lambda: bench_pty.launch_until_prompt([str(a) for a in argv], env)


def pty_run(argv: list[str], env: dict[str, str]):
    """A runner: a command in a terminal, until it ends."""
    return lambda: bench_pty.run_until_end([str(a) for a in argv], env)


def pair(name, run, references=None, targets=None, memory=None) -> Pair:
    """A row: what is measured, against what, with which targets."""
    return Pair(name, run, references or {}, targets=targets or {}, memory_limit=memory)


def command_pairs(data: Data, root: Path) -> list[Pair]:
    """Every command row of the issue's table, each with its references."""
    exe, full = SPREDNING, data.full
    out = root / "ud"
    out.mkdir()
    env = full.env

    def ref():
        return {"REF": python_c(REF_IMPORTS, env)}

    def run(*args):
        return command([[exe, *args]], env, cwd=str(out))

    first = bench_data.question_in_middle(full.home)
    answers = [
        bench_data.answers_file(out / f"svar-{n}.yaml", first, f"Svar nummer {n} fra en fil.") for n in (1, 2)
    ]
    rewrite = [PYTHON, HERE / "libyaml_rewrite.py", data.full_file, out / "kopi.yaml"]
    pairs = [
        pair(
            "launch fase -> first question drawn (new project)",
            pty_launch([exe, "fase", "tjek", "--rolle", "dele"], data.new.env),
            {"import questionary": pty_run([PYTHON, "-c", QUESTIONARY], env)},
            {"import questionary": 1.3},
            FULL_MIB,
        ),
        pair(
            "launch fase -> first prompt drawn (full project)",
            pty_launch([exe, "fase", "tjek", "--rolle", "dele"], env),
            {"import questionary": pty_run([PYTHON, "-c", QUESTIONARY], env)},
            {"import questionary": 1.3},
            FULL_MIB,
        ),
    ]
    for fmt, target in (("md", 1.0), ("html", 1.0), ("docx", 1.5), ("pdf", 1.5)):
        args = ("rapport", "--format", fmt, "--ud", str(out / f"rapport.{fmt}"), "--overskriv")
        pairs.append(pair(f"rapport --format {fmt}", run(*args), ref(), {"REF": target}, FULL_MIB))
    pairs += [
        pair(
            "eksport",
            run("eksport", "--ud", str(out / "til-partneren.yaml"), "--overskriv"),
            ref(),
            {"REF": 1.0},
            FULL_MIB,
        ),
        pair("importer --tør", run("importer", "--tør", str(data.incoming)), ref(), {"REF": 1.0}, FULL_MIB),
        pair(
            "fase tjek --svar (one answer)",  # replacing a saved one: --erstat, so a copy is kept first
            command(
                [[exe, "fase", "tjek", "--svar", path, "--erstat"] for path in answers], env, cwd=str(out)
            ),
            {**ref(), "libyaml load+dump+fsync": command([rewrite], env)},
            {"REF": 1.0, "libyaml load+dump+fsync": 2.5},
            FULL_MIB,
        ),
        pair("vis (full project, 100 KiB)", run("vis"), ref(), {"REF": 1.2}, FULL_MIB),
        pair("vis (1 MiB project)", command([[exe, "vis"]], data.large.env), ref(), {"REF": 2.5}),
        pair("guide", run("guide"), ref(), {"REF": 1.0}, FULL_MIB),
        pair("status (full project)", run("status"), ref(), {"REF": 0.8}, FULL_MIB),
    ]
    return pairs


def projekter_pairs(data: Data) -> dict[int, Pair]:
    """projekter at each size, with a warm index; the targets are those of the biggest."""
    biggest = max(data.many)
    return {
        size: pair(
            f"projekter ({size:,} projects, index warm)",
            command([[SPREDNING, "projekter"]], place.env),
            {"REF": python_c(REF_IMPORTS, data.full.env)},
            {"REF": 5.0 if size == biggest else None},
            PROJECTS_MIB if size == biggest else None,
        )
        for size, place in sorted(data.many.items())
    }


class Sessions:
    """The interactive sessions, run one at a time between the rounds."""

    def __init__(self, data: Data, root: Path, mode: Mode):
        self.data, self.root = data, root
        self.plan = [
            (phase, change) for _ in range(mode.repeats) for phase in mode.phases for change in (True, False)
        ]
        self.done = 0
        self.steps: dict[bool, Steps] = {True: Steps([], [], None), False: Steps([], [], None)}
        self.usage: list[Sample] = []
        self.error: str | None = None

    def run_share(self, round_number: int, rounds: int) -> None:
        """Run the sessions due after this round (spread evenly over the rounds)."""
        due = round(len(self.plan) * (round_number + 1) / rounds)
        while self.done < due:
            self._session(*self.plan[self.done])
            self.done += 1

    def _session(self, phase: str, change: bool) -> None:
        if self.error is not None:
            return
        user = self.root / f"terminal-{self.done}"
        shutil.copytree(self.data.full.home.parent.parent, user)  # a fresh copy of the full project
        place = scene(user)
        try:
            steps = bench_pty.answer_steps(
                [str(SPREDNING), "fase", phase, "--rolle", "dele"], place.env, change, limit=200
            )
        except Exception as exc:
            self.error = f"{type(exc).__name__}: {exc}"
            return
        self.steps[change].times.extend(steps.times)
        self.steps[change].cpu.extend(steps.cpu)
        if steps.usage is not None:
            self.usage.append(steps.usage)


def measure(args: argparse.Namespace, root: Path, table: Table) -> None:
    """Make the data, run the rounds and the sessions, and fill the table."""
    mode = QUICK if args.hurtig else FULL
    data = prepare(root, mode.sizes, args.ny_data)
    table.notes += data.notes
    projekter = {n: p for n, p in projekter_pairs(data).items() if _chosen(p.name, args.kun)}
    pairs = [p for p in command_pairs(data, root) if _chosen(p.name, args.kun)] + list(projekter.values())
    sessions = Sessions(data, root, mode) if _chosen("answer -> next question drawn", args.kun) else None
    rounds = args.runder or mode.rounds
    table.notes.append(
        f"{rounds} rounds after 1 warm-up; interactive: {len(sessions.plan) if sessions else 0} sessions "
        f"({', '.join(mode.phases)}, --rolle dele, each changed and unchanged)."
    )

    def between(number: int) -> None:
        if sessions is not None:
            sessions.run_share(number, rounds)

    interleaved(pairs, rounds, warmup=1, between=between)
    if sessions is not None:
        table.rows += interactive_rows(
            {"changed answer, saved": sessions.steps[True], "unchanged answer": sessions.steps[False]},
            sessions.usage,
            FULL_MIB,
        )
        if sessions.error:
            table.notes.append(f"The interactive sessions stopped early: {sessions.error}")
    for measured in pairs:
        table.rows += pair_rows(measured)
        if measured.error:
            table.notes.append(f"{measured.name}: {measured.error}")
    if len(projekter) >= 3:
        table.rows += scale_rows(projekter)


def _chosen(name: str, wanted: list[str] | None) -> bool:
    return not wanted or any(word.lower() in name.lower() for word in wanted)


def _progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def describe() -> str:
    """One line about the machine and the libraries."""
    import typer
    import yaml

    load = "load average {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())
    return (
        f"Python {platform.python_version()} on {platform.system()}, {os.cpu_count()} CPUs, {load}; typer "
        f"{getattr(typer, '__version__', '?')}, PyYAML {yaml.__version__} "
        f"(libyaml {'present' if yaml.__with_libyaml__ else 'absent'})"
    )


def main(argv: list[str] | None = None) -> int:
    """Parse options, measure in a temporary folder, print the table; always return 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hurtig", action="store_true", help="the quick run (about 2 minutes)")
    parser.add_argument("--runder", type=int, help="rounds (default: 15, or 4 with --hurtig)")
    parser.add_argument("--kun", action="append", help="only rows whose name contains this (repeatable)")
    parser.add_argument("--ny-data", action="store_true", help="make the cached many-project folders again")
    parser.add_argument("--behold", action="store_true", help="keep the temporary folder (the data)")
    args = parser.parse_args(argv)
    if not SPREDNING.exists():
        print(f"no spredning command next to {PYTHON}; install the package first", file=sys.stderr)
        return 0
    started = time.perf_counter()
    table = Table()
    table.notes.append(describe() + " (at the start)")
    root = Path(tempfile.mkdtemp(prefix="spredning-bench-"))
    try:
        measure(args, root, table)
    except Exception:  # a report, not a test: show what was measured, and why it stopped
        traceback.print_exc()
        table.notes.append("The run stopped early (see above); the table is incomplete.")
    finally:
        if args.behold:
            table.notes.append(f"The data is kept in {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    load = "load average {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())
    table.notes.append(f"{load} at the end; the whole run took {time.perf_counter() - started:.0f} s.")
    print()
    table.print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
