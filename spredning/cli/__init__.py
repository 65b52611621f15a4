"""The command line: Typer commands, prompts, rich rendering and the words users read."""
