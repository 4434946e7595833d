"""CSRF protection for the HTML forms (double-submit cookie, signed; works without JavaScript).

The signing secret is TWITCHCHECK_SECRET_KEY or the one kept in the data directory
(`app.secretfile`): a restart does not invalidate the forms people have open. `signing_secret`
is the one place the app reads it, for these forms and for the questionnaire's progress cookie
(app.web.pages.progress) alike; it is read once per data directory, not at every request.

fastapi-csrf-protect keeps its configuration on the class, so each app gets its own subclass:
two apps in one process (as in the tests) never share a secret.

A token is good for MAX_AGE; the cookie that holds it is kept longer (COOKIE_MAX_AGE), so a form
left open past its token's age is told apart from a browser that sends no cookie at all: the
first is "this form has expired", the second is about cookies (see `failure_reason`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from fastapi import Request, Response
from fastapi_csrf_protect import CsrfProtect
from fastapi_csrf_protect.exceptions import CsrfProtectError
from itsdangerous import BadData, URLSafeTimedSerializer

from app.secretfile import FILE_NAME, load_or_create
from app.settings import Settings

TOKEN_FIELD = "csrf_token"
MAX_AGE = 4 * 3600  # long enough to finish the questionnaire at a slow pace
COOKIE_MAX_AGE = 7 * 86400  # the cookie outlives its token, so an old form says "expired"
SALT = "fastapi-csrf-token"  # the library's

__all__ = ["CsrfGuard", "CsrfProtectError", "TOKEN_FIELD", "signing_secret"]


def signing_secret(settings: Settings) -> str:
    """The app's secret: TWITCHCHECK_SECRET_KEY, else the one kept in the data directory."""
    configured = settings.secret_key.get_secret_value() if settings.secret_key is not None else ""
    return read_secret(configured, settings.data_dir)


@lru_cache(maxsize=16)
def read_secret(configured: str, data_dir: Path) -> str:
    """Keyed by what decides the secret (Settings itself is not hashable); `cache_clear` forgets
    it, as a new process would."""
    return configured or load_or_create(data_dir / FILE_NAME)


class CsrfGuard:
    """Makes, sets and checks the forms' CSRF tokens, for one app (its settings' secret and cookie)."""

    def __init__(self, settings: Settings) -> None:
        self._secret = signing_secret(settings)
        secure = settings.cookie_secure
        self._protect = type("AppCsrfProtect", (CsrfProtect,), {})()
        config = [
            ("secret_key", self._secret),
            ("token_location", "body"),
            ("token_key", TOKEN_FIELD),
            ("cookie_key", "__Host-csrf" if secure else "twitchcheck-csrf"),
            ("cookie_samesite", "strict"),
            ("cookie_secure", secure),
            ("max_age", COOKIE_MAX_AGE),  # the cookie's lifetime; tokens are checked against MAX_AGE
        ]
        type(self._protect).load_config(lambda: config)

    def token_for(self, request: Request) -> tuple[str, str | None]:
        """The form token, and a new signed cookie to set (None when the visitor's cookie still holds)."""
        cookie = request.cookies.get(type(self._protect)._cookie_key)
        if cookie:
            try:
                token = URLSafeTimedSerializer(self._secret, salt=SALT).loads(cookie, max_age=MAX_AGE)
                return str(token), None
            except BadData:
                pass
        token, signed = self._protect.generate_csrf_tokens(self._secret)
        return token, signed

    def set_cookie(self, signed: str | None, response: Response) -> None:
        if signed is not None:
            self._protect.set_csrf_cookie(signed, response)

    async def validate(self, request: Request) -> None:
        """Raise CsrfProtectError unless the form's token matches the signed cookie."""
        await request.form()  # parse first, so the library reads the parsed field, not the raw body
        await self._protect.validate_csrf(request, secret_key=self._secret, time_limit=MAX_AGE)

    async def is_valid(self, request: Request) -> bool:
        try:
            await self.validate(request)
        except CsrfProtectError:
            return False
        return True

    def failure_reason(self, request: Request) -> str:
        """Why a form was refused, in the person's terms: "no_cookie" when the browser sent no
        security cookie (blocked or cleared cookies, or a form older than the cookie), else
        "expired": a token past MAX_AGE, or one the cookie no longer matches because the page
        was reloaded in another window since, or signed before the secret changed."""
        return "expired" if request.cookies.get(type(self._protect)._cookie_key) else "no_cookie"
