"""The prompts every command asks through, and the pieces the interview's answer field is built from.

Imported only by interactive commands, so status, vis and --help never pay for prompt_toolkit.

- stops.py: a stop from outside (SIGHUP, SIGTERM) while a prompt waits: the terminal given back,
  the typed text shown and kept in a file of its own, the program ended with a line in words.
- keys.py: the key bindings the prompts share, and Esc's way back to the home screen's menu.
- layout.py: the prompts' style, and their text laid out to the terminal's width.
- simple.py: select (a menu) and ask_text (a one-line text field); every prompt goes through them
  or the answer field.
- questions.py: the questions commands ask with them (partner, dialogue, action, deadline, day, status).
- answer_field.py: the interview's multi-line answer field and the keys that leave it.

The interview's prompter, which keeps the field's text as a draft, is spredning/cli/prompter.py.
"""
