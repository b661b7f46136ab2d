"""app/ and widgets/ use Textual's public API only (issue 23): a Textual release may change
anything private without notice, and golive pins a range, not one version.

Private here: a name or module part starting with `_`, Textual's CSS engine
(`textual.css.*`, e.g. `RulesMap`: not in Textual's API reference) and `Visual.to_strips`
(the helper Textual's own widgets draw with, which needs the widget's private style
getter). The check reads the source, so it also sees imports inside functions.
"""

from __future__ import annotations

import ast
from pathlib import Path

from support.paths import REPO

ROOT = REPO
PRIVATE_MODULES = ("textual.css",)
PRIVATE_ATTRIBUTES = {"to_strips"}


def private_uses(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        where = f"{path.name}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.ImportFrom) and node.module and (
                node.module == "textual" or node.module.startswith("textual.")):
            parts = node.module.split(".")
            names = [alias.name for alias in node.names]
            if (any(p.startswith("_") for p in parts)
                    or node.module.startswith(PRIVATE_MODULES)
                    or any(n.startswith("_") for n in names)):
                found.append(f"{where} from {node.module} import {', '.join(names)}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("textual.") and (
                        any(p.startswith("_") for p in alias.name.split("."))
                        or alias.name.startswith(PRIVATE_MODULES)):
                    found.append(f"{where} import {alias.name}")
        elif isinstance(node, ast.Attribute) and node.attr in PRIVATE_ATTRIBUTES:
            found.append(f"{where} .{node.attr}")
    return found


def test_app_and_widgets_import_no_private_textual_name() -> None:
    found = [f"{folder}/{use}" for folder in ("app", "widgets")
             for path in sorted((ROOT / folder).rglob("*.py")) for use in private_uses(path)]
    assert not found, "private Textual API in use:\n" + "\n".join(found)


def test_the_check_sees_a_private_import(tmp_path: Path) -> None:
    """The check itself: each kind of private use is caught (a check that finds nothing
    on any input would pass forever)."""
    sample = tmp_path / "probe.py"
    sample.write_text("from textual._compositor import Compositor\n"
                      "from textual.widget import _Styled\n"
                      "from textual.css.styles import RulesMap\n"
                      "import textual._xterm_parser\n"
                      "Visual.to_strips(a, b, 1, None, c)\n", "utf-8")
    assert len(private_uses(sample)) == 5
