"""Use cases for projects: start one, try the example, choose the active one, say which side you are."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from spredning.app.dialogue import find_partner
from spredning.app.workspace import Workspace
from spredning.core import local, projectfile, yamlio
from spredning.core.errors import Message, SpredningError, UsageProblem, message
from spredning.core.local import LocalState
from spredning.core.model import Partner, Project, side_of, slugify
from spredning.core.store import Summary


class NewProject(NamedTuple):
    """What `start` needs to know; the front end asks for what the options did not give."""

    name: str
    description: str = ""
    sharing_org: str = ""
    reusing_orgs: tuple[str, ...] = ()
    role: str | None = None
    organisation: str | None = None  # for the reusing side: which of the reusing organisations we are


class Started(NamedTuple):
    """A project just made, where it is, and this computer's side in it."""

    project: Project
    path: Path
    local: LocalState


def letters_problem(name: str) -> Message | None:
    """A project's name must give a file name (letters or digits), and fit the file: one line."""
    if not slugify(name):
        return message("start.name-needs-letters")
    return None if fits_a_line(name) else message("start.name-one-line", limit=projectfile.MAX_NAME)


def fits_a_line(text: str) -> bool:
    """Whether a name fits where the project file keeps it: one line of at most MAX_NAME characters."""
    text = text.strip()
    return len(text) <= projectfile.MAX_NAME and "\n" not in text


def facts_problem(new: NewProject) -> Message | None:
    """What the project file cannot hold of the other facts typed (names, the description), or None."""
    if len(new.description.strip()) > projectfile.MAX_DESCRIPTION:
        return message("start.description-too-long", limit=projectfile.MAX_DESCRIPTION)
    if not fits_a_line(new.sharing_org):
        return message("start.sharing-one-line", limit=projectfile.MAX_NAME)
    if not all(fits_a_line(name) for name in new.reusing_orgs):
        return message("start.reusing-one-line", limit=projectfile.MAX_NAME)
    return None


def name_problem(ws: Workspace, name: str) -> Message | None:
    """What is wrong with a new project's name, or None (the front end asks again in place)."""
    if (no_letters := letters_problem(name)) is not None:
        return no_letters
    slug = slugify(name)
    if slug in ws.store.slugs():
        try:
            existing = ws.store.load(slug).name
        except SpredningError as exc:
            if exc.key == "project.dangling-link":  # not a project to carry on with: say what it is
                return exc.message
            existing = slug
        return message("start.name-taken", existing=existing, slug=slug)
    return None


def organisations_problem(role: str | None, names: tuple[str, ...]) -> Message | None:
    """The reusing side must name its own organisation (the sharing side may add partners later)."""
    if role == "genbruge" and not any(n.strip() for n in names):
        return message("start.reusing-needs-organisation")
    return None


def start(ws: Workspace, new: NewProject) -> Started:
    """Create a project with a new identity, make it active, and remember this user's side."""
    for problem in (
        name_problem(ws, new.name),
        organisations_problem(new.role, new.reusing_orgs),
        facts_problem(new),
    ):
        if problem is not None:
            raise UsageProblem.of(problem)
    partners = partners_from(new.reusing_orgs)
    project = Project(
        id=projectfile.new_id(),
        slug=slugify(new.name),
        name=new.name.strip(),
        description=new.description.strip(),
        sharing_org=new.sharing_org.strip(),
        partners=partners,
        guide_edition=ws.guide.edition,
    )
    state = local.load(ws.store.home, project.slug)._replace(side=new.role)
    if new.role == "genbruge":
        chosen = find_partner(project, new.organisation) if new.organisation else None
        if chosen is None and len(partners) > 1:
            raise UsageProblem("start.which-organisation", names=[p.name for p in partners])
        state = state._replace(organisation=(chosen or partners[0]).key)
    path = ws.store.create(project, state._replace(fresh=False))
    ws.store.set_active(project.slug)
    return Started(project, path, state)


def partners_from(names: tuple[str, ...]) -> tuple[Partner, ...]:
    """Partners with unique keys from the names typed (empty and repeated names left out)."""
    partners: list[Partner] = []
    for name in (n.strip() for n in names):
        if name and all(p.name != name for p in partners):
            partners.append(Partner(projectfile.unique_key(name, {p.key for p in partners}), name))
    return tuple(partners)


def start_example(ws: Workspace) -> Started:
    """Create the filled-in example project (in the guide's language) and make it active."""
    path = ws.example_file()
    data = yamlio.loads(yamlio.decode(path.read_bytes()))
    assert isinstance(data, dict), path  # the shipped example is a project file
    parsed = projectfile.parse(data, "", path, ws.layout, "00000000")
    name = parsed.project.name
    project = parsed.project._replace(slug=slugify(name), guide_edition=ws.guide.edition)
    problem = name_problem(ws, name)
    if problem is not None:
        raise UsageProblem.of(problem)
    state = local.load(ws.store.home, project.slug)
    created = ws.store.create(project, state._replace(fresh=False))
    ws.store.set_active(project.slug)
    return Started(project, created, state)


def use(ws: Workspace, name: str) -> Project:
    """Make a project the active one."""
    slug = ws.store.find(name)
    project = ws.store.load(slug)
    ws.store.set_active(slug)
    return project


def set_side(ws: Workspace, role: str, organisation: str | None) -> tuple[Project, LocalState]:
    """Remember on this computer which side (and which reusing organisation) the user is."""
    opened = ws.open()
    partner = None
    if role == "genbruge":
        if organisation is not None:
            partner = find_partner(opened.project, organisation)
        elif len(opened.project.partners) == 1:
            partner = opened.project.partners[0]
        elif opened.project.partners:
            raise UsageProblem("side.which-organisation", names=[p.name for p in opened.project.partners])
        else:
            raise UsageProblem("side.no-partners")
    state = ws.store.update_local(
        opened.project.slug, lambda s: s._replace(side=role, organisation=partner.key if partner else None)
    )
    return opened.project, state


def add_partner(ws: Workspace, name: str) -> Partner:
    """Add a reusing organisation to the project (the sharing side does this for each new partner)."""
    if not name.strip():
        raise UsageProblem("partner.empty-name")
    if not fits_a_line(name):
        raise UsageProblem("start.reusing-one-line", limit=projectfile.MAX_NAME)

    def add(project: Project, state: LocalState):
        if any(p.name.casefold() == name.strip().casefold() for p in project.partners):
            raise SpredningError("partner.exists", name=name.strip())
        partner = partners_from((name,))[0]
        partner = partner._replace(key=projectfile.unique_key(name, {p.key for p in project.partners}))
        return project._replace(partners=(*project.partners, partner)), state, partner

    return ws.store.transact(ws.slug(), add)


class ProjectRow(NamedTuple):
    """One line of the project list."""

    slug: str
    summary: Summary | SpredningError
    total: int
    file: str = ""  # the file's full path (an exchange file is named by it, to import)


def project_rows(ws: Workspace) -> tuple[list[ProjectRow], str | None]:
    """Every project in the folder with its progress, and the active one's slug."""
    reusing = sum(1 for qid in ws.layout.dialogue if side_of(qid) == "genbruge")
    rows = []
    for slug, summary in ws.store.summaries(ws.store.slugs()):
        partners = summary.partners if isinstance(summary, Summary) else 0
        total = len(ws.layout.shared) + reusing * max(1, partners)
        rows.append(ProjectRow(slug, summary, total, str(ws.store.path_for(slug))))
    return rows, ws.store.active()
