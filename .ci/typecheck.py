"""mypy for package golive as the repository holds it.

pyproject's package-dir maps golive -> app/, golive.widgets -> widgets/, golive.data ->
data/; the editable install finds them through an import hook, which mypy does not follow,
so this script hands mypy every file of those folders under its module name (mypy's build
API) and mypy reports the repository's own paths.

usage: python .ci/typecheck.py [MYPY OPTIONS] -p golive     the package
       python .ci/typecheck.py [MYPY OPTIONS] FOLDER...     other code (tests), golive
                                                            resolved from the folders
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from mypy import build
from mypy.errors import CompileError
from mypy.main import process_options
from mypy.modulefinder import BuildSource

ROOT = Path(__file__).resolve().parents[1]


def golive_sources() -> list[BuildSource]:
    """Every module of the package, named as `import golive...` names it."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    sources = []
    for package, folder in config["tool"]["setuptools"]["package-dir"].items():
        base = ROOT / folder
        for path in sorted(base.rglob("*.py")):
            parts = list(path.relative_to(base).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            sources.append(BuildSource(str(path.relative_to(ROOT)),
                                       ".".join([package, *parts])))
    return sources


def main(argv: list[str]) -> int:
    args = list(argv)
    package = "-p" in args and args[args.index("-p") + 1] == "golive"
    if package:
        del args[args.index("-p"):args.index("-p") + 2]
    others, options = process_options([*args, *([] if any(
        not a.startswith("-") for a in args) else ["-c", "pass"])])
    wanted = [s for s in others if s.text is None]
    sources = golive_sources() + [s for s in wanted if not s.module.startswith("golive")]
    try:
        result = build.build(sources, options, stdout=sys.stdout, stderr=sys.stderr)
    except CompileError as error:
        print("\n".join(error.messages))
        return 2
    if result.errors:
        print("\n".join(result.errors))
    files = len({line.split(":", 1)[0] for line in result.errors if ": error:" in line})
    errors = sum(": error:" in line for line in result.errors)
    print(f"Found {errors} errors in {files} files" if errors else
          f"Success: no issues found in {len(sources)} source files")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
