"""`uvicorn app.main:app`: the app with the default settings (from the environment).

The factory is in app.factory; importing it here runs with the cyclic collector paused, and what
it built is frozen after, since those imports build most of what the process keeps (app.startup
explains the gain).
"""

from app.startup import built_uncollected

with built_uncollected():
    from app.factory import create_app

    app = create_app()

__all__ = ["app", "create_app"]
