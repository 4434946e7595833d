"""The Jinja2 environment of the pages: templates under `templates/`, autoescaped, with the few
globals they call (fingerprinted asset URLs, core messages in words, the function check's chart)
and gettext's `_`/`ngettext`, English until a catalogue is installed."""

from __future__ import annotations

from fastapi.templating import Jinja2Templates

from app.settings import PROJECT_ROOT
from app.web import messages
from app.web.assets import FingerprintedStatic
from app.web.views.function_chart import chart_of


def templates(static: FingerprintedStatic) -> Jinja2Templates:
    built = Jinja2Templates(directory=PROJECT_ROOT / "templates")  # autoescape on
    env = built.env
    env.globals["asset"] = static.url
    env.globals["say"] = messages.say  # a core message (key, params) in words
    env.globals["function_chart"] = chart_of  # a diary's function checks as a chart
    env.add_extension("jinja2.ext.i18n")
    env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    return built
