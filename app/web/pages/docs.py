"""OpenAPI documentation at /docs, served entirely from this app.

FastAPI's default page loads Swagger UI from a CDN and starts it with an inline script; both are
blocked by the strict Content-Security-Policy (and the CDN is another origin). Here the assets
come from the swagger-ui-bundle package and the page's inline script is allowed by its SHA-256
hash only, so /docs works without weakening the policy anywhere else. The assets are the
Swagger UI 5 files that the fastapi-offline package ships (they read OpenAPI 3.1).
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from app.web.middleware.headers import CSP_VALUE


def install(app: FastAPI) -> None:
    assets = Path(fastapi_offline.__file__).resolve().parent / "static"
    app.mount("/docs-assets", StaticFiles(directory=assets), name="docs-assets")
    page = get_swagger_ui_html(
        openapi_url="/openapi.json",
        title=f"{app.title} API",
        swagger_js_url="/docs-assets/swagger-ui-bundle.js",
        swagger_css_url="/docs-assets/swagger-ui.css",
        swagger_favicon_url="/static/favicon.svg",
    )
    body = bytes(page.body)
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(script).digest()).decode() + "'"
        for script in re.findall(rb"<script>(.*?)</script>", body, flags=re.DOTALL)
    ]
    csp = CSP_VALUE.replace("script-src 'self'", "script-src 'self' " + " ".join(hashes))

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(body, headers={"content-security-policy": csp})
