"""`make screenshots`: the README's pictures, from the same app factory and scenarios as the
snapshot tests. Usage: PYTHONPATH=tests python -m support.screenshots DIR (make screenshots)"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

from golive.cockpit import make_app

from support.scenarios import SCENARIOS, build

SIZES = {"120x40": (120, 40), "80x24": (80, 24)}


async def shoot(name: str, size: tuple[int, int], out: Path) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        cwd = os.getcwd()
        os.chdir(tmp)  # the header shows the relative path "golive.sqlite"
        try:
            store = build(name, Path("golive.sqlite"))
            app = make_app(store, "rm", bell_on_checkpoint=False)
            async with app.run_test(size=size) as pilot:
                await pilot.pause()
                target = out / f"{name}-{size[0]}x{size[1]}.svg"
                app.save_screenshot(str(target.name), path=str(out))
            store.close()
        finally:
            os.chdir(cwd)
    return target


def main(argv: list[str]) -> int:
    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
    out = Path(argv[0] if argv else "screenshots").resolve()
    out.mkdir(parents=True, exist_ok=True)
    for name in SCENARIOS:
        for size in SIZES.values():
            print(asyncio.run(shoot(name, size, out)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
