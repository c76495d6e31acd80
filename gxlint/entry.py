"""The `gxlint` command's entry point (`gxlint` and `python -m gxlint`).

Start-up allocates hundreds of thousands of long-lived objects (modules, classes, the rules'
regexes) and no garbage; the collector would walk them again and again as they are made (8% of
the instructions of a 1,000-file batch's serial start). So it is paused while the CLI imports,
and what the imports made is then frozen (`gc.freeze`): later collections, in this process and
in the workers forked from it, skip it. Only the command line does this: `import gxlint.cli`
in a program of the user's leaves its collector alone.
"""

from __future__ import annotations

import gc


def main() -> None:
    """Import the CLI with the collector paused, freeze what was imported, run."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        from gxlint.cli import main as run
    finally:
        if was_enabled:
            gc.enable()
        gc.freeze()
    run()
