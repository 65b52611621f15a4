"""One small module per command (or command group); each has a ``register(app)`` function.

What the commands share is in modules with no command of their own: workspace (the workspace and
what it tells on stderr), names (phases, sides, tools as typed), partners (which partner or
dialogue), commandline (commands for hints), asking (a terminal or not; nothing typed lost),
files (files read and written), and dialogue (what klarhed, godkend and møde share).

A command that changes something (saves answers, writes a file) prints what follows its work
inside ``with after_work(console):`` (cli/console.py), so output that cannot be written does not
fail work that is done; tests/test_output_robustness.py sorts every command into those that do
work and those that only show.
"""
