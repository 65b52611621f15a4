"""Make ``python -m spredning`` work like the ``spredning`` command."""

from spredning.cli.main import run

if __name__ == "__main__":
    run()
