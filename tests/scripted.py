"""A Prompter that answers from a script, for fast tests of the interview's flow (a test double)."""

from __future__ import annotations

from collections.abc import Sequence


class ScriptedPrompter:
    """Answers from a script, for tests of the interview flow; records what it was asked.

    The script is a list of replies consumed in order: a str (or Nav) for ask(), a bool for
    confirm_delete(), a Review, Resume or Keep for those choices, and a question or tool text
    (matched by title or question text) or None for the pickers.
    """

    def __init__(self, script: Sequence[object]):
        self.script = list(script)
        self.log: list[tuple[str, object]] = []

    def _next(self, kind: str, about: object):
        self.log.append((kind, about))
        if not self.script:
            raise AssertionError(f"the script ran out at {kind}: {about}")
        return self.script.pop(0)

    def phase_intro(self, phase, role):
        self.log.append(("phase", phase.id))

    def tool_intro(self, tool, role, partner):
        self.log.append(("tool", (tool.id, tuple(q.id for q, _ in partner))))

    def tool_without_questions(self, tool, role):
        self.log.append(("no-questions", tool.id))

    def ask(self, step, current, first):
        return self._next("ask", (step.question.id, current))

    def confirm_delete(self, question):
        return self._next("confirm-delete", question.id)

    def review(self, tool, role, project, first):
        return self._next("review", tool.id)

    def pick_question(self, tool, role, project):
        wanted = self._next("pick-question", tool.id)
        return next((q for q in tool.questions(role) if q.text == wanted or q.id == wanted), None)

    def resume(self, phase, role, project):
        return self._next("resume", phase.id)

    def pick_tool(self, phase, role, project):
        wanted = self._next("pick-tool", phase.id)
        return next((t for t in phase.tools if wanted in (t.title, t.id)), None)

    def resolve_conflict(self, question, mine, theirs):
        return self._next("conflict", (question.id, mine, theirs))

    def phase_done(self, phase, role, project):
        self.log.append(("done", phase.id))
