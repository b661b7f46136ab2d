"""Reading a plan's roster: `[[people]]` (who may give which sign-off or decision, with
their SSH public key) and `[roster]` (separation of duties, required signatures).

    [roster]
    separation_of_duties = true        # the default: one person, one sign-off
    require_signatures = ["approval.security", "decision"]   # or true: all and the GO

    [[people]]
    name = "Petra Neumann"
    email = "petra.neumann@example.com"
    signoffs = ["approval.product"]
    roles = ["decision"]               # "decision" (GO/NO-GO), "rollback"
    key = "ssh-ed25519 AAAA… petra@laptop"

A sign-off's `owner` is one of its people too. Errors are one line with the file and
line, like every plan error.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from golive.data.plan.model import DECISION_ITEM, Item, Person, Roster
from golive.data.texts.user_text import one_line

if TYPE_CHECKING:
    from golive.data.plan.reader import PlanReader

ROLES = ("decision", "rollback")
MAX_PEOPLE = 500


def same_person(a: str, b: str) -> bool:
    """Names compare without case and extra spaces: 'petra  neumann' is Petra Neumann."""
    return name_key(a) == name_key(b)


def name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def read_roster(r: PlanReader, data: dict[str, Any], signoffs: tuple[Item, ...]) -> Roster:
    rules = data.get("roster", {})
    if not isinstance(rules, dict):
        raise r.fail("roster", "must be a table ([roster])")
    r.table(rules, "roster", set(), {"separation_of_duties", "require_signatures"})
    separate = rules.get("separation_of_duties", True)
    if not isinstance(separate, bool):
        raise r.fail("roster.separation_of_duties", "must be true or false")
    ids = {s.id for s in signoffs}
    required = rules.get("require_signatures", False)
    if isinstance(required, bool):
        require = frozenset(ids | {DECISION_ITEM}) if required else frozenset()
    elif isinstance(required, list) and all(isinstance(v, str) for v in required):
        for value in required:
            if value not in ids | {DECISION_ITEM}:
                raise r.fail("roster.require_signatures", f"{value!r} is not a sign-off id "
                             f"(or {DECISION_ITEM!r})", needle=f'"{value}"')
        require = frozenset(required)
    else:
        raise r.fail("roster.require_signatures",
                      "must be true, false or a list of sign-off ids")
    people = _people(r, data, ids)
    for item in signoffs:  # a sign-off's owner is one of its people
        if item.owner:
            people = _with_signoff(people, item.owner, item.id)
    return Roster(tuple(people), separate, require)


def _people(r: PlanReader, data: dict[str, Any], ids: set[str]) -> list[Person]:
    raw = data.get("people", [])
    if not isinstance(raw, list) or not all(isinstance(v, dict) for v in raw):
        raise r.fail("people", "must be an array of tables ([[people]])")
    if len(raw) > MAX_PEOPLE:
        raise r.fail("people", f"at most {MAX_PEOPLE} people")
    out: list[Person] = []
    keys: dict[str, str] = {}
    for n, entry in enumerate(raw):
        path = f"people[{n}]"
        r.table(entry, path, {"name"}, {"email", "signoffs", "roles", "key"})
        name = one_line(r.string(entry, "name", path))
        if '"' in name:
            raise r.fail(f"{path}.name", "must not contain a double quote")
        from golive.data.rules.people import name_problem

        if (problem := name_problem(name)) is not None:  # the people rule, in the plan too
            raise r.fail(f"{path}.name", f"{name!r} is not a person ({problem})")
        if any(same_person(name, p.name) for p in out):
            raise r.fail(f"{path}.name", f"{name!r} is listed twice", needle=None)
        email = one_line(r.string(entry, "email", path, default="")) or None
        signoffs = r.strings(entry, "signoffs", path)
        for sid in signoffs:
            if sid not in ids:
                raise r.fail(f"{path}.signoffs", f"{sid!r} is not a sign-off id",
                             needle=f'"{sid}"')
        roles = r.strings(entry, "roles", path)
        for role in roles:
            if role not in ROLES:
                raise r.fail(f"{path}.roles", f"must be among {', '.join(ROLES)}, "
                                              f"not {role!r}")
        key = None
        if "key" in entry:
            from golive.data.signing.ssh_sig import SigError, public_key  # a plan with keys only

            try:
                key = public_key(r.string(entry, "key", path)).line
            except SigError as exc:
                raise r.fail(f"{path}.key", exc.text("en")) from None
            if key in keys:
                raise r.fail(f"{path}.key", f"the same key as {keys[key]!r}: one key is one "
                                            "person")
            keys[key] = name
        out.append(Person(name, email, tuple(dict.fromkeys(signoffs)),
                          tuple(dict.fromkeys(roles)), key))
    return out


def _with_signoff(people: list[Person], name: str, item_id: str) -> list[Person]:
    for n, person in enumerate(people):
        if same_person(person.name, name):
            if item_id not in person.signoffs:
                people[n] = Person(person.name, person.email, (*person.signoffs, item_id),
                                   person.roles, person.key)
            return people
    return [*people, Person(one_line(name), signoffs=(item_id,))]
