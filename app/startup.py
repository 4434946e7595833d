"""Start-up with CPython's cyclic garbage collector paused.

Importing FastAPI, SQLAlchemy and Pydantic, building the routes and compiling the knowledge base
create about 170,000 objects that live as long as the process, and little garbage. With the
collector on, CPython runs several full collections while they pile up, each walking every object
made so far: about a quarter of the time to a healthy /healthz on the bench machine (see the
README's performance section). So the imports (app.main) and the lifespan's start run with the
collector paused, and the lifespan then freezes what start-up built (`gc.freeze`): collections
during requests never walk it again. The few cycles start-up leaves behind stay frozen too; that
costs well under 1 MB of resident memory.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block without cyclic collections; afterwards the collector is as it was (a caller
    that had it off, such as a test measuring memory, keeps it off)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
