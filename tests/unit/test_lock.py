"""requirements/lock.txt is what `make` installs, resolving nothing: every distribution
pyproject names must be pinned there at a version its range allows, and the venv the
tests run in must hold exactly the lock (make syncs it). A pyproject edit without
`make lock` fails here, not as a different version on another machine."""

from __future__ import annotations

import importlib.metadata
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from support.paths import REPO

LOCK = REPO / "requirements" / "lock.txt"


def locked() -> dict[str, Requirement]:
    """The lock's pins by normalised name (each one `name==version`, maybe with markers)."""
    pins: dict[str, Requirement] = {}
    for line in LOCK.read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            pin = Requirement(line)
            assert [s.operator for s in pin.specifier] == ["=="], line
            pins[canonicalize_name(pin.name)] = pin
    return pins


def version(pin: Requirement) -> str:
    return next(iter(pin.specifier)).version


def test_every_requirement_of_pyproject_is_pinned_inside_its_range() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    declared = [*project["dependencies"],
                *(r for extra in project["optional-dependencies"].values() for r in extra)]
    pins = locked()
    for text in declared:
        wanted = Requirement(text)
        name = canonicalize_name(wanted.name)
        assert name in pins, f"{wanted.name} is not in {LOCK.name}: run make lock"
        assert wanted.specifier.contains(version(pins[name]), prereleases=True), \
            f"{LOCK.name} pins {name} {version(pins[name])} outside {text!r}: run make lock"


def test_the_venv_holds_exactly_the_locked_versions() -> None:
    for name, pin in locked().items():
        if pin.marker is not None and not pin.marker.evaluate():
            continue  # another platform's package (colorama on Windows)
        assert importlib.metadata.version(name) == version(pin), name
