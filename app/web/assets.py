"""Fingerprinted static files: `/static/app.<hash>.css` is cached for a year; a changed file gets a
new name, so browsers never keep a stale copy. The plain name still works (revalidated)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

YEAR = 365 * 24 * 3600


class FingerprintedStatic(StaticFiles):
    def __init__(self, directory: Path) -> None:
        super().__init__(directory=directory)
        self.names: dict[str, str] = {}  # plain name -> fingerprinted name
        self.plain: dict[str, str] = {}  # fingerprinted name -> plain name
        for path in sorted(Path(directory).iterdir()):
            if path.is_file():
                digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
                hashed = f"{path.stem}.{digest}{path.suffix}"
                self.names[path.name] = hashed
                self.plain[hashed] = path.name

    def url(self, name: str) -> str:
        return f"/static/{self.names.get(name, name)}"

    async def get_response(self, path: str, scope: Scope) -> Response:
        plain = self.plain.get(path)
        response = await super().get_response(plain or path, scope)
        if response.status_code == 200:
            response.headers["cache-control"] = f"public, max-age={YEAR}, immutable" if plain else "no-cache"
        return response
