"""One small module per command (or command group); each has a ``register(app)`` function.

A command that changes something (saves answers, writes a file) prints what follows its work
inside ``with after_work(console):`` (cli/console.py), so output that cannot be written does not
fail work that is done; tests/test_output_robustness.py sorts every command into those that do
work and those that only show.
"""
