"""Timing whole processes side by side: wall and CPU time and peak memory of each run, A B A B rounds.

Each run is one process, started by the small spawn.py and reaped there with ``os.wait4``, which
gives that child's own resource use (``ru_maxrss``: its peak resident memory; ``ru_utime`` and
``ru_stime``: its CPU time); spawn.py says why it is not started from here. (Nor would
``resource.getrusage(RUSAGE_CHILDREN)`` do: it reports the largest of all children so far.) Output
goes to /dev/null; a run that fails is run once more with its output kept, to say why.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

SPAWN = Path(__file__).resolve().parent / "spawn.py"


class Sample(NamedTuple):
    """One run: wall seconds, CPU seconds (user + system) and peak resident memory in KiB."""

    wall: float
    cpu: float
    rss_kib: int


class Failed(Exception):
    """A measured command ended with an error."""


class Launch:
    """One run of a command through spawn.py, which writes down what the run cost."""

    def __init__(self, argv: Sequence[object], cwd: str | None, quiet: bool):
        handle, name = tempfile.mkstemp(prefix="spredning-bench-", suffix=".run")
        os.close(handle)
        self.result = Path(name)
        self.argv = [str(a) for a in argv]
        self.spawn = [
            sys.executable,
            "-I",
            "-S",
            str(SPAWN),
            name,
            cwd or "-",
            "1" if quiet else "0",
            *self.argv,
        ]

    def lines(self) -> list[str]:
        """What spawn.py wrote; the file is removed once the run has ended."""
        text = self.result.read_text()
        if text.count("\n") >= 2:
            self.result.unlink()
        return text.split("\n")

    def started(self) -> float:
        """The monotonic clock when the command was started."""
        return float(self.lines()[0].split()[0])

    def pid(self) -> int:
        """The command's process id."""
        return int(self.lines()[0].split()[1])

    def sample(self) -> tuple[Sample, int, float]:
        """The run's sample, exit code and start (after it has ended)."""
        lines = self.lines()
        ended, cpu, rss, code = lines[1].split()
        started = float(lines[0].split()[0])
        return Sample(float(ended) - started, float(cpu), int(rss)), int(code), started


Runner = Callable[[], Sample]


def command(argvs: Sequence[Sequence[object]], env: dict[str, str], cwd: str | None = None) -> Runner:
    """A runner for a command; with several argument lists, each run takes the next in turn.

    (Alternating between two answers files makes every `fase --svar` run a real change.)
    """
    turn = [0]

    def run() -> Sample:
        launch = Launch(argvs[turn[0] % len(argvs)], cwd, quiet=True)
        turn[0] += 1
        subprocess.run(launch.spawn, env=env, stdin=subprocess.DEVNULL, check=True)
        sample, code, _ = launch.sample()
        if code != 0:
            again = subprocess.run(launch.argv, env=env, cwd=cwd, capture_output=True, text=True, check=False)
            raise Failed(f"{' '.join(launch.argv)} -> {code}\n{again.stdout[-1500:]}{again.stderr[-1500:]}")
        return sample

    return run


@dataclass
class Pair:
    """A measured runner and its references (none, one or more), with every run's sample."""

    name: str
    run: Runner
    references: dict[str, Runner] = field(default_factory=dict)
    targets: dict[str, float | None] = field(default_factory=dict)  # reference -> largest ratio
    memory_limit: float | None = None  # MiB
    samples: list[Sample] = field(default_factory=list)
    reference_samples: dict[str, list[Sample]] = field(default_factory=dict)
    error: str | None = None

    def once(self, references_first: bool) -> None:
        """One run of each (the order alternates between rounds); an error stops this pair."""
        if self.error is not None:
            return
        try:
            results: dict[str, Sample] = {}
            order = [*self.references, ""] if references_first else ["", *self.references]
            for name in order:
                results[name] = self.references[name]() if name else self.run()
        except Exception as exc:  # a report, not a test: the other rows go on
            self.error = str(exc) or type(exc).__name__
            return
        self.samples.append(results[""])
        for name in self.references:
            self.reference_samples.setdefault(name, []).append(results[name])

    def clear(self) -> None:
        """Forget the samples (after a warm-up)."""
        self.samples.clear()
        self.reference_samples.clear()

    def ratios(self, reference: str, attribute: str = "wall") -> list[float]:
        """A/B for each pair of runs of the same round."""
        return [
            getattr(a, attribute) / getattr(b, attribute)
            for a, b in zip(self.samples, self.reference_samples.get(reference, []), strict=False)
            if getattr(b, attribute) > 0
        ]


def interleaved(
    pairs: Sequence[Pair], rounds: int, warmup: int = 1, between: Callable[[int], None] | None = None
) -> None:
    """Warm up, then run every pair once per round, rotating which pair goes first.

    Warm-up runs (every runner once: byte-code compiled, files in the page cache, an index
    built) are not counted. Within a round the pairs follow each other, so each row and its
    reference see the same machine, and all rows see the whole run's drift alike. `between` is
    called after each round with its number (for measurements that are not pairs).
    """
    for number in range(warmup):
        for pair in pairs:
            _progress(f"warm-up {number + 1}/{warmup}: {pair.name}")
            pair.once(references_first=False)
            pair.clear()
    for number in range(rounds):
        shift = number % max(1, len(pairs))
        for pair in [*pairs[shift:], *pairs[:shift]]:
            _progress(f"round {number + 1}/{rounds}: {pair.name}")
            pair.once(references_first=number % 2 == 1)
        if between is not None:
            _progress(f"round {number + 1}/{rounds}: interactive sessions")
            between(number)
    _progress("")


def _progress(text: str) -> None:
    if sys.stderr.isatty():
        print(f"\r\x1b[K{text[:100]}", end="", file=sys.stderr, flush=True)
    elif text:
        print(text, file=sys.stderr, flush=True)


class Spread(NamedTuple):
    """The median of some values, and their least and largest."""

    median: float
    low: float
    high: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread | None:
        """The spread of values (None when there are none)."""
        return cls(statistics.median(values), min(values), max(values)) if values else None


def p95(values: Sequence[float]) -> float:
    """The 95th percentile (interpolated between the nearest values)."""
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=20, method="inclusive")[-1]
