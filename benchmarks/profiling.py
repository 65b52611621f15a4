"""Where a command's time goes: the tools behind the profile in issue 16, to check an optimisation.

Run from the repository root with the Python of the environment spredning is installed in::

    .venv/bin/python benchmarks/profiling.py imports -- rapport --format md --ud r.md --overskriv
    .venv/bin/python benchmarks/profiling.py calls spredning.core.store:Store.transact,\
spredning.core.projectfile:serialise -- fase tjek --svar svar.yaml
    .venv/bin/python benchmarks/profiling.py trin            # the interactive step, part by part

Each makes the full project (100 KiB, as in run.py) in a temporary folder and runs the command
there, in the folder that holds ``svar.yaml`` (one new answer for ``fase tjek --svar``, its text
new before every run, so every run saves) and ``fra-partneren.yaml`` (the partner's export).

``imports``: the modules the command imports beyond REF (typer, rich.console, rich.table, yaml),
from ``python -X importtime``, the least of 9 runs for each module, by package and as chains.

``calls TARGETS``: inclusive wall time of the named functions (``module:function`` or
``module:Class.method``, comma-separated), the median of 9 fresh processes; with the time spent
importing their modules and the whole run (probe.py).

``trin``: goes through ``fase tjek --rolle dele`` in a pseudo-terminal as run.py does (changing
each answer) and splits each step, from Esc Enter to the next question drawn, into the prompt
ending, the save and its parts, the next question's prompt being built and drawn; and lists the
collections of Python's oldest garbage generation that fell inside a step.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import bench_data
import bench_pty
from bench_scenes import PYTHON, SPREDNING, Scene, scene
from run import REF_IMPORTS

HERE = Path(__file__).resolve().parent
RUNS = 9
IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")
PROMPT = "questionary.question:Question.unsafe_ask"
REPLY = "spredning.core.interview:Interview.reply"
BUILD = "questionary:text"
SAVE_PARTS = {
    "spredning.core.store:Store._lock": "lock",
    "spredning.core.projectfile:read": "read",
    "spredning.core.projectfile:parse": "parse",
    "spredning.core.projectfile:serialise": "serialise",
    "spredning.core.store:Store._as_written": "check as written",
    "spredning.core.fileio:atomic_write": "write + fsync",
    "spredning.core.local:save": "local state",
}
STEP_TARGETS = [PROMPT, REPLY, BUILD, *SAVE_PARTS, "prompt_toolkit.renderer:Renderer.render"]


def prepare(root: Path) -> tuple[Scene, Path]:
    """The full project in `root`, and the folder to run commands in (with the input files)."""
    full = scene(root / "fuld")
    path = bench_data.fully_answered(full.home, "Digital genoptræning", bench_data.FULL_BYTES)
    work = root / "ud"
    work.mkdir()
    shutil.copy2(bench_data.partner_file(SPREDNING, path, root / "udveksling"), work / "fra-partneren.yaml")
    return full, work


def fresh_answers(work: Path, home: Path, number: int) -> None:
    """A new answers file for 'fase tjek --svar svar.yaml' (a new text every run)."""
    bench_data.answers_file(work / "svar.yaml", bench_data.question_in_middle(home), f"Svar {number}.")


def import_times(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[dict[str, list[int]], list[str]]:
    """Per module: the least self and cumulative microseconds over RUNS runs, and the import order."""
    best: dict[str, list[int]] = {}
    order: list[str] = []
    for _ in range(RUNS):
        result = subprocess.run(
            [str(PYTHON), "-X", "importtime", *argv], env=env, cwd=cwd, capture_output=True, text=True
        )
        for line in result.stderr.splitlines():
            match = IMPORT_LINE.match(line)
            if not match:
                continue
            own, total, depth, name = int(match[1]), int(match[2]), len(match[3]) // 2, match[4]
            if name not in best:
                best[name] = [own, total, depth]
                order.append(name)
            else:
                best[name][0], best[name][1] = min(best[name][0], own), min(best[name][1], total)
    return best, order


def imports(args: argparse.Namespace, full: Scene, work: Path) -> None:
    """Print the imports the command makes beyond REF."""
    fresh_answers(work, full.home, 0)
    reference, _ = import_times(["-c", REF_IMPORTS], full.env, work)
    measured, order = import_times([str(SPREDNING), *args.command], full.env, work)
    extra = {name: value for name, value in measured.items() if name not in reference}
    print(
        f"imports (sum of the least self times): {sum(v[0] for v in measured.values()) / 1000:.1f} ms, "
        f"REF {sum(v[0] for v in reference.values()) / 1000:.1f} ms; beyond REF {len(extra)} modules, "
        f"{sum(v[0] for v in extra.values()) / 1000:.1f} ms"
    )
    packages: collections.Counter[str] = collections.Counter()
    for name, (own, _, _) in extra.items():
        packages[name.split(".")[0]] += own
    print("by package (ms):", ", ".join(f"{name} {us / 1000:.1f}" for name, us in packages.most_common(20)))
    print("chains beyond REF taking more than 2 ms (cumulative, own):")
    for name in order:
        if name in extra and extra[name][1] > 2000:
            own, total, depth = extra[name]
            print(f"  {'  ' * depth}{name}: {total / 1000:.1f} ms, {own / 1000:.1f} ms")


def probe(argv: list[str], targets: list[str], env: dict[str, str], cwd: Path, out: Path) -> dict:
    """One run of the command under probe.py; what it measured."""
    out.unlink(missing_ok=True)
    subprocess.run(
        [str(PYTHON), str(HERE / "probe.py"), str(out), ",".join(targets), *argv],
        env=env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        check=False,
    )
    return json.loads(out.read_text().splitlines()[-1])


def calls(args: argparse.Namespace, full: Scene, work: Path) -> None:
    """Print the median inclusive time of each target."""
    targets = [t for t in args.targets.split(",") if t]
    runs = []
    for number in range(RUNS):
        fresh_answers(work, full.home, number)
        runs.append(probe(args.command, targets, full.env, work, work / "probe.jsonl"))
    print(f"whole run: {statistics.median(r['total'] for r in runs) * 1000:.1f} ms (in the process)")
    print(f"importing the targets' modules: {statistics.median(r['imports'] for r in runs) * 1000:.1f} ms")
    for target in targets:
        seconds = statistics.median(r["calls"].get(target, [0, 0])[0] for r in runs)
        count = max(r["calls"].get(target, [0, 0])[1] for r in runs)
        print(f"{target}: {seconds * 1000:.1f} ms in {count} calls")


def trin(args: argparse.Namespace, full: Scene, work: Path) -> None:
    """Print the interactive step split into its parts (medians), and the long collections."""
    user = work / "terminal"
    shutil.copytree(full.home.parent.parent, user)
    place = scene(user)
    out = work / "trin.jsonl"
    env = {**place.env, "PROBE_EVENTS": "1"}
    argv = [
        str(PYTHON),
        str(HERE / "probe.py"),
        str(out),
        ",".join(STEP_TARGETS),
        "fase",
        "tjek",
        "--rolle",
        "dele",
    ]
    steps = record_steps(bench_pty.Terminal(argv, env))
    events = json.loads(out.read_text().splitlines()[-1])["events"]
    parts: dict[str, list[float]] = collections.defaultdict(list)
    collections_in_steps = []
    for sent, drawn in steps:
        inside = [(at, name) for at, name in events if sent <= at <= drawn + 0.005]
        first = {name: at for at, name in reversed(inside)}
        ended, built = first.get(f"{PROMPT} end", sent), first.get(f"{BUILD} end", drawn)
        parts["old prompt: last drawing, end"].append(ended - sent)
        parts["save (Interview.reply)"].append(_time_in(inside, REPLY))
        for target, label in SAVE_PARTS.items():
            parts[f"  {label}"].append(_time_in(inside, target))
        parts["next step, question text printed"].append(
            first.get(f"{BUILD} start", built) - first.get(f"{REPLY} end", ended)
        )
        parts["build the prompt (questionary.text)"].append(_time_in(inside, BUILD))
        parts["draw it (until drawn)"].append(drawn - built)
        parts["whole step"].append(drawn - sent)
        pauses = _time_in(inside, "gc2")
        if pauses:
            collections_in_steps.append(pauses)
    print(f"{len(steps)} steps (changed answers); medians, ms:")
    for label, values in parts.items():
        print(f"  {label:45s} {statistics.median(values) * 1000:6.1f}   (largest {max(values) * 1000:.1f})")
    print(
        f"full collections (oldest generation) inside a step: {len(collections_in_steps)}, "
        + ", ".join(f"{s * 1000:.0f} ms" for s in collections_in_steps)
    )


def record_steps(terminal: bench_pty.Terminal) -> list[tuple[float, float]]:
    """Go through the phase as run.py does; (keys sent, next question drawn) per step."""
    steps = []
    try:
        drawn = terminal.prompt()
        while True:
            if not drawn.answer_field:
                terminal.send("\r")
                drawn = terminal.prompt()
                continue
            terminal.send(" Rettet.")
            terminal.settle()
            sent, previous = terminal.send("\x1b\r"), drawn.position
            drawn = terminal.prompt()
            if drawn.answer_field and previous is not None and drawn.position == previous + 1:
                steps.append((sent, drawn.at))
    except bench_pty.Ended:
        pass
    finally:
        terminal.close()
    return steps


def _time_in(events: list[tuple[float, str]], name: str) -> float:
    """Seconds between each 'NAME start' and the next 'NAME end' in the events (calls not nested)."""
    total, opened = 0.0, None
    for at, event in events:
        if event == f"{name} start" and opened is None:
            opened = at
        elif event == f"{name} end" and opened is not None:
            total += at - opened
            opened = None
    return total


def main(argv: list[str] | None = None) -> int:
    """Parse the options, make the data, run one tool."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    tools = parser.add_subparsers(dest="tool", required=True)
    tools.add_parser("imports", help="imports beyond REF").add_argument("command", nargs="+")
    measured = tools.add_parser("calls", help="inclusive time of named functions")
    measured.add_argument("targets")
    measured.add_argument("command", nargs="+")
    tools.add_parser("trin", help="the interactive step, part by part")
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="spredning-profile-"))
    try:
        full, work = prepare(root)
        {"imports": imports, "calls": calls, "trin": trin}[args.tool](args, full, work)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
