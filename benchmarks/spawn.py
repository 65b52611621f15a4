"""Run one command and write down its wall time, CPU time and peak memory (for bench_proc and bench_pty).

``python -I -S spawn.py RESULT CWD QUIET COMMAND...``: forks, runs COMMAND (in CWD unless it is
'-', its input and output to /dev/null when QUIET is 1), waits for it with ``os.wait4`` and writes
two lines to RESULT: the monotonic clock when it started and its process id (at once), then the
clock when it ended, its CPU seconds, its peak resident memory in KiB and its exit code.

Why a process of its own: Linux keeps a process's peak memory across ``exec``, and a child made by
``fork`` (or ``vfork``, as subprocess does) starts with its parent's peak. Started from the
benchmark, which holds spredning and the data in memory, every command would seem to use at least
as much as the benchmark. Started from this small process, the floor is this process's own few MiB,
below anything measured. The clock is the system's monotonic one, shared by all processes, so the
benchmark can time a run from its start to something it sees on a terminal.
"""

import os
import sys
import time


def main() -> None:
    """Run the command; the result file tells how it went."""
    result, cwd, quiet = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
    argv = sys.argv[4:]
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            if cwd != "-":
                os.chdir(cwd)
            if quiet:
                null = os.open(os.devnull, os.O_RDWR)
                for fd in (0, 1, 2):
                    os.dup2(null, fd)
            os.execv(argv[0], argv)
        finally:
            os._exit(127)
    with open(result, "w") as handle:
        handle.write(f"{started!r} {pid}\n")
    _, status, usage = os.wait4(pid, 0)
    ended = time.monotonic()
    code = os.waitstatus_to_exitcode(status)
    with open(result, "a") as handle:
        handle.write(f"{ended!r} {usage.ru_utime + usage.ru_stime!r} {usage.ru_maxrss} {code}\n")


if __name__ == "__main__":
    main()
