"""``python -m newscrawl.outputs.room serve DB ...``: Datasette's own command, with the reading room.

Registers the plugin (:mod:`newscrawl.outputs.room`) with Datasette's plugin manager, then
hands the command line to Datasette's CLI unchanged.
"""

from __future__ import annotations

import sys

import newscrawl.outputs.room as room
from newscrawl.outputs.room.views import PLUGIN


def main() -> None:
    from datasette.cli import cli
    from datasette.plugins import pm

    if not pm.is_registered(room):
        pm.register(room, name=PLUGIN)
    cli.main(args=sys.argv[1:], prog_name="datasette")


if __name__ == "__main__":
    main()
