"""Counts, dates and decimals in each language: the message catalogue's phrases, Babel's formats."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from app.core.diary.patterns import PatternKey
from app.core.knowledge.message import Message
from app.web import i18n, messages, templating
from app.web.i18n import RequestLocale


@pytest.fixture
def spanish() -> Iterator[None]:
    """Spanish in Spain: a decimal comma (Mexico writes 1.5, as its own locale says)."""
    token = i18n.use(RequestLocale("es", "es"))
    yield
    i18n.reset(token)


@pytest.fixture
def mexico() -> Iterator[None]:
    token = i18n.use(RequestLocale("es", "mx"))
    yield
    i18n.reset(token)


def test_counts_take_their_plural_in_english() -> None:
    assert messages.episodes(1) == "1 episode" and messages.episodes(2) == "2 episodes"
    assert messages.days(1) == "1 day" and messages.days(2) == "2 days"


def test_counts_take_their_plural_in_spanish(spanish: None) -> None:
    assert messages.episodes(1) == "1 episodio" and messages.episodes(2) == "2 episodios"
    assert messages.days(1) == "1 día" and messages.days(2) == "2 días"
    assert messages.share(3, 8) == "3 de 8 episodios" and messages.share(1, 1) == "el único episodio"
    assert messages.per_day(2, 2) == "1 episodio al día" and messages.per_day(3, 2) == "1,5 episodios al día"


def test_a_core_message_in_spanish(spanish: None) -> None:
    said = messages.say(Message.of(PatternKey.MOST_OFTEN_TIED, places=("Pantorrilla", "Párpado"), share=(3, 8)))
    assert said == "Con más frecuencia: Pantorrilla y Párpado, 3 de 8 episodios cada uno."
    assert messages.reason_text("safety") == "Comprobamos esto para no pasar por alto ninguna señal de alarma."
    assert messages.error_text("not_found.page")["title"] == "Página no encontrada"


def test_dates_and_decimals_the_spanish_way(spanish: None) -> None:
    day = date(2026, 12, 1)
    assert messages.date_text(day, "long") == "1 de diciembre de 2026"
    assert messages.date_text(day) == "1 dic 2026" and messages.date_text(day, "weekday") == "mar, 1 dic 2026"
    at = datetime(2026, 12, 1, 18, 5, tzinfo=ZoneInfo("America/Mexico_City"))
    assert messages.datetime_text(at) == "1 dic 2026, 18:05"  # in its own zone, never converted
    assert messages.decimal_text(5.5) == "5,5" and messages.decimal_text(2.0) == "2"


def test_dates_and_decimals_in_english_as_the_pages_always_wrote_them() -> None:
    day = date(2026, 12, 1)
    assert messages.date_text(day, "long") == "1 December 2026" and messages.date_text(day) == "1 Dec 2026"
    assert messages.date_text(day, "weekday") == "Tue 1 Dec 2026" and messages.decimal_text(5.5) == "5.5"


def test_mexico_writes_a_decimal_point(mexico: None) -> None:
    assert messages.decimal_text(5.5) == "5.5"
    assert messages.date_text(date(2026, 12, 1), "long") == "1 de diciembre de 2026"


def test_the_region_of_a_page(mexico: None) -> None:
    region = templating.page_region()
    assert (region.id, region.emergency_number, region.emergency) == ("mx", "911", "911")
    assert region.doctor == "su médico familiar" and region.emergency_link == '<a href="tel:911" class="tel">911</a>'
    assert ("mx", "México") in templating.region_choices("es")
    assert ("uk", "United Kingdom") in templating.region_choices("en")
    unknown = templating.page_region(RequestLocale("es", "atlantis"))  # an unknown region: the default's words
    assert unknown.id == "neutral" and unknown.emergency_link == "el número de emergencias de su país"
