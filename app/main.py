"""`uvicorn app.main:app`: the app with the default settings (from the environment).

The factory is in app.factory; importing it here runs with the cyclic collector paused, since
those imports build most of what the process keeps (app.startup explains the gain).
"""

from app.startup import collector_paused

with collector_paused():
    from app.factory import create_app

    app = create_app()

__all__ = ["app", "create_app"]
