"""Make ``python -m spredning`` work like the ``spredning`` command."""

from spredning.cli import main

if __name__ == "__main__":
    main()
