"""The request's language and region, for everything inside: pages, API texts, error pages.

Chosen, in this order:
- a `?lang=es` / `?region=mx` in the address (a link someone shared, or the switch on every page,
  which works without JavaScript): used, and remembered in a cookie for the next pages;
- the cookie from an earlier choice;
- the `Accept-Language` header: its most preferred language the app speaks, and the region of
  that tag's territory (`es-MX` -> Mexico, `en-GB` -> the UK);
- English, and the neutral region (no country's services named).

The answer says which language it is in (`Content-Language`) and that it varies with the header
and the cookie (`Vary`), so a shared cache never gives one person's language to another.
"""

from __future__ import annotations

from http.cookies import SimpleCookie
from urllib.parse import parse_qs

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.knowledge.regions import Regions, preferred_tags, territory_of
from app.web import i18n

LANGUAGE_COOKIE = "twitchcheck_lang"
REGION_COOKIE = "twitchcheck_region"
_YEAR = 365 * 24 * 3600


def negotiate(header: str | None, regions: Regions) -> i18n.RequestLocale:
    """The language and region an `Accept-Language` header asks for."""
    for tag in preferred_tags(header):
        language = tag.partition("-")[0].lower()
        if language in i18n.LANGUAGES:
            return i18n.RequestLocale(language, regions.for_territory(territory_of(tag)).id)
    return i18n.RequestLocale(i18n.DEFAULT_LANGUAGE, regions.default)


class LocaleMiddleware:
    def __init__(self, app: ASGIApp, regions: Regions) -> None:
        self.app = app
        self.regions = regions
        self.region_ids = tuple(regions.ids())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        cookies = SimpleCookie(headers.get("cookie", ""))
        asked = negotiate(headers.get("accept-language"), self.regions)
        chosen_language = _valid(query.get("lang", []), i18n.LANGUAGES)
        chosen_region = _valid(query.get("region", []), self.region_ids)
        language = chosen_language or _valid(_cookie(cookies, LANGUAGE_COOKIE), i18n.LANGUAGES) or asked.language
        region = chosen_region or _valid(_cookie(cookies, REGION_COOKIE), self.region_ids) or asked.region
        secure = scope.get("scheme") == "https"

        async def send_localized(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                out["content-language"] = language
                out.add_vary_header("Accept-Language, Cookie")
                if chosen_language:
                    out.append("set-cookie", _set_cookie(LANGUAGE_COOKIE, chosen_language, secure))
                if chosen_region:
                    out.append("set-cookie", _set_cookie(REGION_COOKIE, chosen_region, secure))
            await send(message)

        token = i18n.use(i18n.RequestLocale(language, region))
        try:
            await self.app(scope, receive, send_localized)
        finally:
            i18n.reset(token)


def _valid(values: list[str], allowed: tuple[str, ...] | list[str]) -> str | None:
    """The first value if it is one the app knows; an unknown one is ignored, never an error."""
    return values[0] if values and values[0] in allowed else None


def _cookie(cookies: SimpleCookie, name: str) -> list[str]:
    morsel = cookies.get(name)
    return [morsel.value] if morsel is not None else []


def _set_cookie(name: str, value: str, secure: bool) -> str:
    return f"{name}={value}; Max-Age={_YEAR}; Path=/; SameSite=Lax; HttpOnly" + ("; Secure" if secure else "")
