"""pyproject's `packages` list is what a wheel ships: it must name every folder of app/,
widgets/ and data/ that holds an __init__.py, under its golive name (package-dir), or a
new subpackage works in the checkout and is missing from an installed golive."""

from __future__ import annotations

import tomllib

from support.paths import REPO


def test_every_package_folder_is_listed_under_its_golive_name() -> None:
    setuptools = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    folders = {}
    for package, folder in setuptools["package-dir"].items():
        for init in (REPO / folder).rglob("__init__.py"):
            parts = init.parent.relative_to(REPO / folder).parts
            folders[".".join([package, *parts])] = init.parent
    assert sorted(setuptools["packages"]) == sorted(folders)
