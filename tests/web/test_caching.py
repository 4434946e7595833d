"""What may be cached is cached well; what holds answers never is."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient


def test_knowledge_listings_have_an_etag_and_revalidate(sqlite_client: TestClient) -> None:
    first = sqlite_client.get("/api/questions")
    etag = first.headers["etag"]
    assert "max-age" in first.headers["cache-control"] and "no-store" not in first.headers["cache-control"]
    again = sqlite_client.get("/api/questions", headers={"if-none-match": etag})
    assert again.status_code == 304 and again.content == b""
    assert sqlite_client.get("/api/causes", headers={"if-none-match": etag}).status_code == 200  # another body


def test_static_assets_are_fingerprinted_and_cached_for_a_year(sqlite_client: TestClient) -> None:
    page = sqlite_client.get("/")
    css = re.search(r'href="(/static/app\.[0-9a-f]{10}\.css)"', page.text)
    assert css, "the stylesheet link carries a content hash"
    asset = sqlite_client.get(css.group(1))
    assert asset.status_code == 200 and "max-age=31536000" in asset.headers["cache-control"]
    assert "immutable" in asset.headers["cache-control"]
    assert sqlite_client.get("/static/app.css").content == asset.content
    links = re.findall(r'<(?:link rel="stylesheet"|script)[^>]*>', page.text)
    assert len(links) <= 2  # at most one CSS and one JS request besides the HTML


def test_pages_are_compressed_on_the_wire(sqlite_client: TestClient) -> None:
    response = sqlite_client.get("/check", headers={"accept-encoding": "gzip"})
    assert response.headers.get("content-encoding") == "gzip"
    assert int(response.headers["content-length"]) < len(response.content) / 3
