"""Start-up with CPython's cyclic garbage collector paused, and what it built frozen.

Importing FastAPI, SQLAlchemy and Pydantic, building the routes and compiling the knowledge base
create about 170,000 objects that live as long as the process, and little garbage. With the
collector on, CPython runs several collections while they pile up, each walking every object
made so far. Merely pausing it is not enough: the first collection after the pause walks
everything the pause let through, and the next older generations walk it again. So both stretches
of start-up (importing app.main, and the lifespan's start) run inside `built_uncollected`, which
freezes what exists at the end (`gc.freeze`): no later collection, during requests either, walks
it again. Together that was about a fifth of the time to a healthy /healthz on the bench machine
(see the README's performance section). The few cycles start-up leaves behind stay frozen too;
that costs well under 1 MB of resident memory.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def built_uncollected() -> Iterator[None]:
    """Run the block without cyclic collections; when it succeeds, freeze every object then alive
    (the app's shutdown unfreezes them). Afterwards the collector is as it was: a caller that had
    it off, such as a test measuring memory, keeps it off."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        gc.freeze()
    finally:
        if enabled:
            gc.enable()
