"""Imported by the extraction pool's fork server, last of its preloads, and by nothing else.

What the fork server has imported (the extraction stack) is collected once and frozen
(``gc.freeze()``): the objects move to the collector's permanent generation, so the workers'
collections never write to them, and never copy the memory pages the workers share with
the fork server. (Lazily loaded data, such as dateparser's locales and justext's stoplists,
is loaded by each worker on its first pages: preloading it here would share it, less memory
in all, but add it to the fork server's resident size; docs/benchmarks.md, "Memory".)
"""

import gc

gc.collect()
gc.freeze()
