"""Use cases for the dialogue between organisations: export, import, conflicts, and git's markers.

Nothing is remembered as "common ground" at export time: the histories alone decide, so files can
be sent again, lost, or imported late and in any order.

- exporting.py: the file for a partner (export), and what it would bring them that they lack (unsent).
- recognise.py: what a file is, from a quick look: one of ours, whom an export is from and to, or an
  answers file for 'fase --svar'.
- incoming.py: a partner's file read and validated (Incoming), or refused in words that fit it.
- import_plan.py: what an import would do, answer by answer, before anything is written (ImportPlan).
- planning.py: the project a file belongs to (or a new one), and the plan for bringing it in.
- importable.py: which of the files offered to import here would import (for 'importer' without one).
- applying.py: an import written as planned (apply_import).
- noting.py: what this computer notes of the exchange: what each partner has, the news, the files
  imported, whose file brought an answer.
- conflicts.py: the conflicts an import leaves, and settling them.
- git_markers.py: a project file git marked in a merge, made one file again.

The commands eksport, importer and konflikter (cli/commands/exchange.py) are its front end.
"""
