"""Make ``python -m spredning`` work like the ``spredning`` command."""

from spredning.cli.launch import run

if __name__ == "__main__":
    run()
