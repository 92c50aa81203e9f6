"""The data that ships with newscrawl, installed as ``newscrawl.data``: the default outlets
(``sources.toml``), the default topic (``topics/``) and the demo web (``demo-web/``, served by
``newscrawl demo``). ``newscrawl init`` copies the outlets and topics into a project folder.

Nothing is written here: databases live in a project folder or the user data folder
(:mod:`newscrawl.project`).
"""

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent
