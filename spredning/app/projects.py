"""Use cases for projects: start one, try the example, choose the active one, say which side you are."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from spredning.app import partner_drafts
from spredning.app.dialogue import close_partners, find_partner, org_named, unknown_partner
from spredning.app.workspace import Workspace
from spredning.core import fileio, history, index, local, projectfile, yamlio
from spredning.core.errors import Message, SpredningError, UsageProblem, message
from spredning.core.local import LocalState, slot_key
from spredning.core.model import (
    SHARING,
    Partner,
    Project,
    fold_name,
    free_slug,
    project_slug,
    side_of,
)
from spredning.core.store import OddFile, Store, Summary
from spredning.core.textsafe import line_break_key


class NewProject(NamedTuple):
    """What `start` needs to know; the front end asks for what the options did not give."""

    name: str
    description: str = ""
    sharing_org: str = ""
    reusing_orgs: tuple[str, ...] = ()
    role: str | None = None
    organisation: str | None = None  # our organisation: the sharing one, or which reusing one we are


class Started(NamedTuple):
    """A project just made, where it is, and this computer's side in it."""

    project: Project
    path: Path
    local: LocalState


def letters_problem(name: str) -> Message | None:
    """A project's name must have letters or digits (in any script), and fit the file: one line."""
    if not any(c.isalnum() for c in name):
        return message("start.name-needs-letters")
    return None if fits_a_line(name) else _no_line("start.name-one-line", name)


def fits_a_line(text: str) -> bool:
    """Whether a name fits where the project file keeps it: one line of at most MAX_NAME characters.

    No tab either: a name is shown in lists and on one line, where a tab is blank space of
    varying width (two names would look alike), and a spreadsheet row pasted by mistake is no name.
    """
    text = text.strip()
    return len(text) <= projectfile.MAX_NAME and "\n" not in text and "\t" not in text


def facts_problem(new: NewProject) -> Message | None:
    """What the project file cannot hold of the other facts typed (names, the description), or None."""
    return (
        description_problem(new.description)
        or sharing_line_problem(new.sharing_org)
        or reusing_lines_problem(new.reusing_orgs)
    )


def description_problem(description: str) -> Message | None:
    """A description the project file cannot hold (too long), or None: start's field checks it as typed."""
    if len(description.strip()) > projectfile.MAX_DESCRIPTION:
        return message("start.description-too-long", limit=projectfile.MAX_DESCRIPTION)
    return None


def sharing_line_problem(name: str) -> Message | None:
    """A sharing organisation's name that is no name for one line (see fits_a_line), or None."""
    return None if fits_a_line(name) else _no_line("start.sharing-one-line", name)


def reusing_lines_problem(names: Iterable[str]) -> Message | None:
    """Reusing organisations' names of which one is no name for one line (see fits_a_line), or None."""
    wrong = next((name for name in names if not fits_a_line(name)), None)
    return None if wrong is None else _no_line("start.reusing-one-line", wrong)


def _no_line(key: str, name: str) -> Message:
    """`key`'s words for a name that is no name for one line (fits_a_line), with what it has.

    A line break, a tab, both, or more characters than a name may have.
    """
    breaks = line_break_key(name)
    has = message(breaks) if breaks else message("text.has-characters", n=len(name.strip()))
    return message(key, limit=projectfile.MAX_NAME, what=has)


def name_problem(ws: Workspace, name: str) -> Message | None:
    """What is wrong with a new project's name, or None (the front end asks again in place).

    A name is taken only by a project of the same name (compared folded, see fold_name): another
    name with the same file name ('projekt' and 中文项目, 'Projekt 2' and 日本語) gets the next
    free one (new_slug). A file there that cannot be read may be a project of this name: said.
    """
    if (no_letters := letters_problem(name)) is not None:
        return no_letters
    same = ws.store.named(name)
    if same is not None:
        return message("start.name-taken", existing=ws.store.load(same).name, slug=same)
    slug = project_slug(name)
    if slug in ws.store.slugs():
        try:
            ws.store.load(slug)
        except SpredningError as exc:
            if exc.key in ("project.dangling-link", "project.not-regular"):  # no project to carry on with:
                # say what it is
                return exc.message
            # a file that cannot be read: no project to carry on with ('projekt brug' refuses it)
            return message("start.name-unreadable", slug=slug, path=ws.store.file_name(slug))
    return None


def new_slug(ws: Workspace, name: str) -> str:
    """The file name a new project gets (project_slug), numbered when another project has it."""
    return free_slug(project_slug(name), ws.store.slugs())


def organisations_problem(role: str | None, names: tuple[str, ...]) -> Message | None:
    """The reusing side must name its own organisation (the sharing side may add partners later)."""
    if role == "genbruge" and not any(n.strip() for n in names):
        return message("start.reusing-needs-organisation")
    return None


def same_organisation(name: str, other: str) -> bool:
    """Whether two names are one organisation: compared folded, as partners are found (fold_name)."""
    return bool(name.strip()) and fold_name(name) == fold_name(other)


def reusing_problem(name: str, sharing_org: str, reusing: Iterable[str], where: str) -> Message | None:
    """Why a name cannot be a (new) reusing organisation: it is the sharing one, or already one.

    The one rule for `start` (where="start") and `projekt genbruger` (where="partner"); the
    existing organisation is named as it was written.
    """
    starting = where == "start"
    if same_organisation(name, sharing_org):
        key = "start.reusing-is-sharing" if starting else "partner.reusing-is-sharing"
        return message(key, name=name.strip(), sharing=sharing_org.strip())
    existing = next((n for n in reusing if same_organisation(name, n)), None)
    if existing is not None:
        key = "start.reusing-exists" if starting else "partner.reusing-exists"
        return message(key, name=name.strip(), existing=existing.strip())
    return None


def reusing_names_problem(sharing_org: str, names: Iterable[str], role: str | None) -> Message | None:
    """The first of the names typed for `start` that is wrong: the sharing organisation, or another again.

    "Again" is the same name or one close to a name before it (a typo?), as `projekt genbruger`
    refuses it (close_partners). On the sharing side a name close to our own (sharing) one is a
    typo of it too; the reusing side types its own name, which it knows.
    """
    seen: list[str] = []
    for name in (n for n in names if n.strip()):
        problem = reusing_problem(name, sharing_org, seen, "start")
        if problem is not None:
            return problem
        if role == "dele" and close_to_sharing(sharing_org, name):
            return message("start.close-sharing", name=name.strip(), sharing=sharing_org.strip())
        close = close_partners((Partner(str(n), seen_name.strip()) for n, seen_name in enumerate(seen)), name)
        if close:  # a typo of a name before it? As `projekt genbruger` refuses it (CloseName)
            return message("start.close-name", name=name.strip(), close=[p.name for p in close])
        seen.append(name)
    return None


def close_to_sharing(sharing_org: str, name: str) -> bool:
    """Whether a reusing organisation's name is close to the sharing one's (a typo of it?), not equal."""
    return bool(sharing_org.strip()) and bool(close_partners((Partner(SHARING, sharing_org.strip()),), name))


def with_organisation(new: NewProject) -> NewProject:
    """`--organisation` is our organisation on either side: the sharing one, or our reusing one.

    On the sharing side it is the same as --deler (two different names are a usage error); on
    the reusing side it is the same as a single --genbruger.
    """
    own = (new.organisation or "").strip()
    if not own or new.role is None:
        return new
    if new.role == "dele":
        if new.sharing_org.strip() and not same_organisation(new.sharing_org, own):
            raise UsageProblem("start.two-sharing-names", deler=new.sharing_org.strip(), organisation=own)
        return new._replace(sharing_org=new.sharing_org.strip() or own, organisation=None)
    if not any(n.strip() for n in new.reusing_orgs):
        return new._replace(reusing_orgs=(own,))
    return new


def start(ws: Workspace, new: NewProject) -> Started:
    """Create a project with a new identity, make it active, and remember this user's side."""
    new = with_organisation(new)
    for problem in (
        name_problem(ws, new.name),
        organisations_problem(new.role, new.reusing_orgs),
        facts_problem(new),
        reusing_names_problem(new.sharing_org, new.reusing_orgs, new.role),
    ):
        if problem is not None:
            raise UsageProblem.of(problem)
    partners = partners_from(new.reusing_orgs)
    project = Project(
        id=projectfile.new_id(),
        slug=new_slug(ws, new.name),
        name=new.name.strip(),
        description=new.description.strip(),
        sharing_org=new.sharing_org.strip(),
        partners=partners,
        guide_edition=ws.guide.edition,
    )
    state = local.load(ws.store.home, project.slug)._replace(side=new.role)
    if new.role == "genbruge":
        chosen = _our_partner(project, new.organisation) if new.organisation else None
        if chosen is None and len(partners) > 1:
            raise UsageProblem("start.which-organisation", names=[p.name for p in partners])
        state = state._replace(organisation=(chosen or partners[0]).key)
    path = ws.store.create(project, state._replace(fresh=False))
    ws.store.set_active_after(project.slug)
    return Started(project, path, state)


def _our_partner(project: Project, organisation: str) -> Partner:
    """The reusing organisation --organisation names, among those given with --genbruger."""
    try:
        return find_partner(project, organisation)
    except UsageProblem as exc:
        if exc.key != "dialogue.unknown-partner":
            raise
        names = [p.name for p in project.partners]
        raise UsageProblem("start.organisation-not-reusing", name=organisation.strip(), names=names) from None


def organisation_problem(new: NewProject) -> Message | None:
    """On the reusing side, an --organisation that names none of the --genbruger given (start refuses it).

    Said before start's questions (or right after the side is chosen), not after them all.
    """
    own = (new.organisation or "").strip()
    if new.role != "genbruge" or not own or not any(n.strip() for n in new.reusing_orgs):
        return None
    partners = partners_from(new.reusing_orgs)
    try:
        _our_partner(Project(id="", slug="", name="", partners=partners), own)
    except UsageProblem as exc:
        return exc.message
    return None


def partners_from(names: tuple[str, ...]) -> tuple[Partner, ...]:
    """Partners with unique keys from the names typed (empty and repeated names left out)."""
    partners: list[Partner] = []
    for name in (n.strip() for n in names):
        if name and all(p.name != name for p in partners):
            partners.append(Partner(projectfile.unique_key(name, {p.key for p in partners}), name))
    return tuple(partners)


EXAMPLE_COPY = "eksempel"  # the example's answers were written by its authors, not by any copy of the program


def start_example(ws: Workspace) -> Started:
    """Create the filled-in example project (in the guide's language) and make it active.

    Its answers get a copy id of their own: the placeholder "00000000" marks, in a partner's file, a
    text that no longer matches its checksum, so an export of the example was refused as damaged.
    """
    path = ws.example_file()
    data = yamlio.loads(yamlio.decode(path.read_bytes()))
    assert isinstance(data, dict), path  # the shipped example is a project file
    parsed = projectfile.parse(data, "", path, ws.layout, EXAMPLE_COPY)
    name = parsed.project.name
    project = parsed.project._replace(slug=new_slug(ws, name), guide_edition=ws.guide.edition)
    problem = name_problem(ws, name)
    if problem is not None and problem.key == "start.name-taken":  # no other name to choose: its own
        raise UsageProblem.of(Message("start.example-taken", problem.params))
    if problem is not None:
        raise UsageProblem.of(problem)
    state = local.load(ws.store.home, project.slug)._replace(
        fresh=False, known=_all_exchanged(project), exchanged=(SHARING, *(p.key for p in project.partners))
    )
    created = ws.store.create(project, state)
    ws.store.set_active_after(project.slug)
    return Started(project, created, state)


def _all_exchanged(project: Project) -> dict[str, dict[str, str]]:
    """What each side of the example has: everything, as if the two had sent each other their files.

    The example shows a dialogue well under way; without this, choosing a side in it was met by
    "send your 100 new changes" to an organisation that does not exist. As files have gone both
    ways, both sides' programs take them (LocalState.exchanged, set beside this): a worksheet made
    in the example does not count as what the other side's program has.
    """
    versions = {
        slot_key(slot): history.written(entry.answer)
        for slot, entry in (*project.entries(), *project.record_entries())
        if entry.answer.version
    }
    return {key: versions for key in (SHARING, *(partner.key for partner in project.partners))}


def use(ws: Workspace, name: str) -> Project:
    """Make a project the active one."""
    slug = ws.store.find(name)
    project = ws.store.load(slug)
    ws.store.set_active(slug)
    return project


def has_namesake(ws: Workspace, project: Project) -> bool:
    """True when another project here has the same name: the file name tells them apart."""
    return any(slug != project.slug for slug in ws.store.namesakes(project.name))


class CloseName(UsageProblem):
    """A new organisation's name is close to one the project has (a typo?): not added without a yes.

    A terminal asks which was meant; a script is refused and told how to add the name on purpose
    (`new=True`, the option --ny).
    """

    def __init__(self, key: str, name: str, close: list[Partner]):
        super().__init__(key, name=name.strip(), close=[p.name or p.key for p in close])
        self.name = name.strip()
        self.close = close


class SideSet(NamedTuple):
    """The side this computer is on now, and what `projekt side` wrote into the project for it."""

    project: Project
    state: LocalState
    named: bool = False  # the sharing organisation's name was written now (the project had none)
    added: bool = False  # our reusing organisation was added to the project now
    left: Partner | None = None  # the reusing organisation this computer was until now, if another
    left_holds: Content | None = None  # what the dialogue of `left` holds (it stays with it)


class SideSwitch(UsageProblem):
    """A computer that has been one side's organisation set to the other side: only with a yes.

    From then on it exports as the other organisation (a sharing computer set to a reusing
    organisation by mistake sends the sharing side's answers as that organisation's). `was` and
    `now` name the two organisations; `n` is how many of `was`'s answers were written here.
    """

    def __init__(self, was: str | Message, side: str, now: str | Message, n: int, key: str | None):
        super().__init__("side.switch", was=was, side=side, now=now, n=n)
        self.now_key = key  # how --organisation names `now` again: its key (None: new to the project)


def set_side(
    ws: Workspace, role: str, organisation: str | None, new: bool = False, switch: bool = False
) -> SideSet:
    """Remember on this computer which side (and which organisation) the user is.

    On the sharing side, --organisation names the sharing organisation: written into a project that
    has no name for it, refused when the project has another (that is `projekt deler`, on purpose:
    the name travels to the partners). On a reusing computer, our organisation is added to the
    project when the project does not have it yet (a project made from another organisation's file),
    unless its name is close to one the project has (CloseName): then only with `new`. A computer
    that has been the other side's organisation changes side only with `switch` (SideSwitch).
    """

    def change(project: Project, state: LocalState):
        if role == "dele":
            named = _name_sharing(project, organisation)
            if not switch:
                _check_switch(project, state, role, SHARING, None)
            project = project._replace(sharing_org=named or project.sharing_org)
            state = state._replace(side=role, organisation=None)
            return project, state, SideSet(project, state, named=named is not None)
        partner, added = _our_reusing(project, state, organisation, new)
        if not switch:
            everyone = project._replace(partners=(*project.partners, partner)) if added else project
            _check_switch(everyone, state, role, partner.key, None if added else partner.key)
        if added:
            project = project._replace(partners=(*project.partners, partner))
        before = project.partner(state.organisation or "") if state.side == "genbruge" else None
        left = before if before is not None and before.key != partner.key else None
        holds = _content(project, state, left.key) if left is not None else None
        state = state._replace(side=role, organisation=partner.key)
        return project, state, SideSet(project, state, added=added, left=left, left_holds=holds)

    return ws.store.transact(ws.slug(), change, state_is_work=True)


def _check_switch(project: Project, state: LocalState, role: str, now: str, key: str | None) -> None:
    """Refuse (SideSwitch) to set a computer that has been one side's organisation to the other side.

    It has been an organisation when it wrote answers as that organisation (written_here: what it
    wrote while it was it, wherever the answer is), or was set to it and wrote none as the one it is
    set to now:
    going back to the organisation whose answers it wrote, after a wrong switch, needs no yes.
    Moving from one reusing organisation to another is this only when the computer wrote answers as
    the first (set to a wrong one by a first import, it wrote none). Looking at the example from
    either side is not (nobody exports as its organisations for real).
    """
    if project.example:
        return
    written = written_here(project, state)
    was: str | None
    if role == "genbruge":
        if state.side == "genbruge":
            # from one reusing organisation to another: asked only when this computer wrote answers
            # as the one it is (set to a wrong one by a first import, it wrote none and moves freely)
            current = state.organisation
            if current is None or current == now or not written.get(current):
                return
            if project.partner(current) is None:
                return
            was, set_to = current, True
        else:
            was, set_to = SHARING, state.side == "dele"
    else:
        if state.side == "dele":
            return
        ours = [key for key in written if key != SHARING]
        was = (state.organisation if state.side == "genbruge" else None) or max(
            ours, key=lambda key: written[key], default=None
        )
        if was is None or project.partner(was) is None:
            return
        set_to = state.side == "genbruge"
    if not written.get(was) and not (set_to and not written.get(now)):
        return
    names = (project.sharing_org,), project.partners
    raise SideSwitch(
        org_named(was, *names),
        "dele" if was == SHARING else "genbruge",
        org_named(now, *names),
        written.get(was, 0),
        key,
    )


def written_here(project: Project, state: LocalState) -> dict[str, int]:
    """How many answers this computer wrote, by the organisation it was when it wrote them.

    'dele' counts what it wrote as the sharing organisation, a partner's key what it wrote as that
    partner, wherever the answer is: the sharing computer filling in a partner's answer at a
    workshop wrote it as 'dele'. An answer written before the computer remembered that (local.wrote)
    counts by where it is: the sharing side's answers for 'dele', a dialogue's reusing answers for
    that partner.
    """
    written_as: dict[str, list[str]] = {}
    for org, keys in state.wrote.items():
        for key in keys:
            written_as.setdefault(key, []).append(org)
    counts: dict[str, int] = {}
    for slot, entry in project.entries():
        where, question_id = slot
        if entry.answer.empty:
            continue
        mine = any(dict(a.version).get(state.copy) for a in (entry.answer, *entry.others))
        if mine or local.given_count(state, slot):
            here = SHARING if side_of(question_id) == "dele" else where
            for who in written_as.get(slot_key(slot)) or [here]:
                counts[who] = counts.get(who, 0) + 1
    return counts


def _name_sharing(project: Project, organisation: str | None) -> str | None:
    """The sharing organisation's name to write now (None: nothing to write), or why not."""
    name = (organisation or "").strip()
    if not name or same_organisation(name, project.sharing_org):
        return None
    if project.sharing_org.strip():
        raise UsageProblem("side.other-sharing", name=name, existing=project.sharing_org.strip())
    return _sharing_name(project, name)


def _sharing_name(project: Project, name: str) -> str:
    """A name the project can take for the sharing organisation: one line, not a reusing one's."""
    if not fits_a_line(name):
        raise UsageProblem.of(_no_line("start.sharing-one-line", name))
    reusing = next((p.name for p in project.partners if same_organisation(name, p.name)), None)
    if reusing is not None:
        raise UsageProblem("side.sharing-is-reusing", existing=reusing)
    return name


def _our_reusing(
    project: Project, state: LocalState, organisation: str | None, new: bool
) -> tuple[Partner, bool]:
    """The reusing organisation this computer is, and whether it is new to the project."""
    partners = project.partners
    if organisation is None:
        if len(partners) == 1:
            return partners[0], False
        if partners:
            raise UsageProblem("side.which-organisation", names=[p.name for p in partners])
        raise UsageProblem("side.no-partners")
    try:
        return find_partner(project, organisation), False
    except UsageProblem as exc:
        # the sharing computer adds partners with `projekt genbruger`; a typo must not add one here
        if exc.key != "dialogue.unknown-partner" or state.side == "dele" or not organisation.strip():
            raise
    partner = _new_partner(project, organisation)  # the name's own problems first (the sharing one's)
    if not new and (close := close_partners(project.partners, organisation)):
        raise CloseName("side.close-name", organisation, close)
    return partner, True


def set_sharing_name(ws: Workspace, name: str) -> tuple[Project, str]:
    """Write or correct the sharing organisation's name; return the project and the name before."""
    if not name.strip():
        raise UsageProblem("partner.empty-name")

    def change(project: Project, state: LocalState):
        before = project.sharing_org
        if name.strip() != before:
            project = project._replace(sharing_org=_sharing_name(project, name.strip()))
        return project, state, (project, before)

    return ws.store.transact(ws.slug(), change)


class Added(NamedTuple):
    """A reusing organisation added to the project, and its drafts taken back (it had been removed)."""

    partner: Partner
    returned: tuple[partner_drafts.Returned, ...] = ()


def add_partner(ws: Workspace, name: str, new: bool = False) -> Added:
    """Add a reusing organisation to the project (the sharing side does this for each new partner).

    A name close to a reusing organisation the project has is refused with CloseName, unless `new`.
    One removed before (`projekt fjern-genbruger`) gets the drafts and reasons kept then back.
    """
    if not name.strip():
        raise UsageProblem("partner.empty-name")
    if not fits_a_line(name):
        raise UsageProblem.of(_no_line("start.reusing-one-line", name))

    def add(project: Project, state: LocalState):
        partner = _new_partner(project, name)
        if not new and (close := close_partners(project.partners, name)):
            raise CloseName("partner.close-name", name, close)
        if not new and close_to_sharing(project.sharing_org, name):
            raise CloseName("partner.close-sharing", name, [Partner(SHARING, project.sharing_org.strip())])
        state, returned = partner_drafts.returning(ws.store.home, project.slug, state, [partner])
        return project._replace(partners=(*project.partners, partner)), state, Added(partner, returned)

    added = ws.store.transact(ws.slug(), add)
    if not ws.store.not_remembered:  # the texts are in the state file now: their own file can go
        partner_drafts.forget(added.returned)
    return added


def _new_partner(project: Project, name: str) -> Partner:
    """A new reusing organisation for the project, or why the name cannot be one (the one rule)."""
    names = (p.name or p.key for p in project.partners)
    problem = reusing_problem(name, project.sharing_org, names, "partner")
    if problem is None and not fits_a_line(name):
        problem = _no_line("start.reusing-one-line", name)
    if problem is not None:
        existing = next((p for p in project.partners if same_organisation(name, p.name or p.key)), None)
        raise UsageProblem.of(problem, key=existing.key if existing else "")
    return Partner(projectfile.unique_key(name, {p.key for p in project.partners}), name.strip())


class Content(NamedTuple):
    """What a reusing organisation's dialogue holds: what removing the organisation would remove."""

    answers: int = 0  # answers and "not relevant" marks, either side's, counted as 'vis' counts them
    conflicts: int = 0  # answers with another version waiting to be settled (that version goes too)
    records: int = 0  # follow-up: plan items, readiness marks, approvals, meetings
    drafts: int = 0  # answer drafts kept on this computer
    reasons: int = 0  # reasons for "not relevant" kept on this computer, not saved (a draft or beside one)

    @property
    def empty(self) -> bool:
        """True when the dialogue holds nothing at all."""
        return not (self.answers or self.conflicts or self.records or self.drafts or self.reasons)


class Removal(NamedTuple):
    """A reusing organisation `projekt fjern-genbruger` names, and what its dialogue holds."""

    partner: Partner
    content: Content


class Removed(NamedTuple):
    """A reusing organisation removed from the project, and the copy of the file kept first."""

    partner: Partner
    content: Content
    backup: Path | None  # the project file as it was (kept when the dialogue held anything)
    drafts: Path | None = None  # the dialogue's drafts and reasons not saved, kept in a file of their own


def removal(ws: Workspace, name: str) -> Removal:
    """The reusing organisation a removal names, and what its dialogue holds; refused for our own."""
    opened = ws.store.open(ws.slug())
    partner = _removable(opened.project, opened.local, name)
    return Removal(partner, _content(opened.project, opened.local, partner.key))


def remove_partner(ws: Workspace, name: str, confirmed: Content) -> Removed:
    """Remove a reusing organisation and its dialogue from the project (on this computer).

    `confirmed` is what the user agreed to remove (removal() tells it). A dialogue holding more or
    other than that is refused, so nothing goes that the user did not see; and when it holds
    anything, the project file is kept as a backup first, so no answer is lost without a copy. What
    this computer knew of the organisation (what it has, news from it, its drafts and reasons not
    saved) goes with it; the drafts and reasons are written to a file of their own first. That
    files went between us stays (LocalState.exchanged): back, it is not told it has had none.
    """

    def change(project: Project, state: LocalState):
        partner = _removable(project, state, name)
        content = _content(project, state, partner.key)
        if not content.empty and content != confirmed:
            raise UsageProblem("partner.remove-changed", name=partner.name or partner.key)
        project = project._replace(
            partners=tuple(p for p in project.partners if p.key != partner.key),
            dialogues={k: v for k, v in project.dialogues.items() if k != partner.key},
            records={k: v for k, v in project.records.items() if k != partner.key},
        )
        state = state._replace(
            known={k: v for k, v in state.known.items() if k != partner.key},
            news={k: v for k, v in state.news.items() if k != partner.key},
            drafts={k: v for k, v in state.drafts.items() if local.key_slot(k)[0] != partner.key},
            beside={k: v for k, v in state.beside.items() if local.key_slot(k)[0] != partner.key},
        )
        return project, state, Removed(partner, content, None)

    kept = _keep_drafts(ws, name) if confirmed.drafts or confirmed.reasons else None
    asked = not confirmed.empty
    removed = ws.store.transact(ws.slug(), change, keep_backup=asked)
    # only the backup asked for is this command's to tell; one of a file edited by hand the store
    # keeps in its backups, which every command tells when it ends
    return removed._replace(backup=ws.store.last_backup if asked else None, drafts=kept)


def _keep_drafts(ws: Workspace, name: str) -> Path | None:
    """The drafts and reasons of the dialogue about to go, first written to a file of their own.

    The copy of the project file holds the answers, not drafts (they are this computer's, in its
    state file): partner_drafts.keep writes them, and takes them back if the organisation returns.
    """
    opened = ws.store.open(ws.slug())
    partner = _removable(opened.project, opened.local, name)
    return partner_drafts.keep(ws.store.home, opened.project.slug, partner, opened.local)


def _removable(project: Project, state: LocalState, name: str) -> Partner:
    """The reusing organisation a removal names; the hints say how to name it for this command."""
    if not name.strip():
        raise UsageProblem("partner.empty-name")
    if same_organisation(name, project.sharing_org):
        raise UsageProblem("partner.remove-sharing", name=project.sharing_org.strip())
    try:
        partner = find_partner(project, name)
    except UsageProblem as exc:
        if exc.key == "dialogue.ambiguous-partner":
            alike = [p for p in project.partners if p.name in exc.params["names"]]  # type: ignore[operator]
            hint = message("partner.remove-ambiguous.hint", key=alike[0].key)
            raise UsageProblem(exc.key, hint=hint, name=name, names=[p.name for p in alike]) from None
        raise unknown_partner(project.partners, name, message("partner.remove-unknown.hint")) from None
    if state.side == "genbruge" and state.organisation == partner.key:
        raise UsageProblem("partner.remove-ourselves", name=partner.name or partner.key)
    return partner


def _content(project: Project, state: LocalState, key: str) -> Content:
    entries = project.dialogues.get(key, {}).values()
    drafts, reasons = partner_drafts.texts_of(state, key)
    return Content(
        answers=sum(1 for e in entries if not e.answer.empty),
        conflicts=sum(1 for e in entries if e.in_conflict),
        records=sum(1 for e in project.records.get(key, {}).values() if not e.answer.empty or e.others),
        drafts=len(drafts),
        reasons=len(reasons),
    )


class ProjectRow(NamedTuple):
    """One line of the project list."""

    slug: str
    summary: Summary | SpredningError
    total: int
    file: str = ""  # the file's full path (an exchange file is named by it, to import)
    copies: tuple[str, ...] = ()  # the other files holding the same project (one copied as a backup)


def project_rows(ws: Workspace) -> tuple[list[ProjectRow], str | None]:
    """Every project in the folder with its progress, and the active one's slug.

    A file under a project's name that is clearly no project file (notes, another program's YAML:
    Store.foreign) is left out, as the README promises of other YAML files in the folder.
    """
    rows = []
    summaries = [
        (slug, summary)
        for slug, summary in ws.store.summaries(ws.store.slugs())
        if not (isinstance(summary, SpredningError) and ws.store.foreign(slug))
    ]
    holding: dict[str, list[str]] = {}  # project id -> the files holding that project
    for slug, summary in summaries:
        if isinstance(summary, Summary) and not summary.exchange:
            holding.setdefault(summary.id, []).append(slug)
    totals: dict[int, int] = {}  # questions counted by the number of partners: counted once each
    for slug, summary in summaries:
        partners = summary.partners if isinstance(summary, Summary) else 0
        if partners not in totals:
            totals[partners] = index.questions(ws.layout, partners)
        same = holding.get(summary.id, []) if isinstance(summary, Summary) and not summary.exchange else []
        copies = tuple(other for other in same if other != slug)
        rows.append(ProjectRow(slug, summary, totals[partners], ws.store.file_name(slug), copies))
    return rows, ws.store.active()


class OddRow(NamedTuple):
    """A project file under a name the program does not use (see Store.odd_files), and what it is."""

    path: str
    same: Summary | None  # the project here it is a copy of (same identity); None: no such project here
    problem: SpredningError | None = None  # why 'importer' cannot bring it in (None: it can)


def odd_rows(
    store: Store, summaries: list[tuple[str, Summary | SpredningError]] | None = None
) -> list[OddRow]:
    """Each odd project file in the folder, with the project here it is a copy of, if any.

    The projects' summaries are read only when there is an odd file (usually there is none).
    """
    odd: list[OddFile] = store.odd_files()
    if not odd:
        return []
    known = store.summaries(store.slugs()) if summaries is None else summaries
    return [
        OddRow(file.path, store.same_project(file, known), _import_problem(store, file.path)) for file in odd
    ]


def _import_problem(store: Store, name: str) -> SpredningError | None:
    """Why 'importer' would refuse a project file under another name (None: it reads).

    Read as the import reads it, to the same limit: a file larger than that is told so from its
    size, not read. Such files are few (a sync service's conflict copy), so reading them is cheap.
    """
    path = Path(name)
    try:
        raw = fileio.read_capped(path, yamlio.MAX_BYTES)
        if len(raw) > yamlio.MAX_BYTES:
            return SpredningError("projects.odd-too-large", path=path, limit=yamlio.MAX_BYTES)
        data = projectfile.loads(raw, path)
        projectfile.parse(data, "kopi", path, store.layout, "00000000", raw)
    except OSError as exc:
        return SpredningError("project.unreadable", path=path, reason=fileio.reason(exc))
    except SpredningError as exc:
        return exc
    return None
