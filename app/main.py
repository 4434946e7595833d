"""`uvicorn app.main:app`: the app with the default settings (from the environment).

Building it is cheap: the knowledge base and the database are opened in the lifespan
(app.factory), so importing this module reads no file and opens no connection.
"""

from app.factory import create_app

app = create_app()

__all__ = ["app", "create_app"]
