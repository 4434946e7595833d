"""Regions: the emergency number and the names of the services a person is told to use.

The knowledge base's texts name services through placeholders (`{emergency}`, `{doctor}`...,
see `translations.PLACEHOLDERS`); a region gives its words for them in every language
(`data/regions.yaml`). A request's region is chosen on the page, or derived from the territory
of its language (en-GB -> uk), else the neutral default.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from app.core.knowledge.loader import read_yaml
from app.core.knowledge.translations import PLACEHOLDERS

DEFAULT_PATH = Path(__file__).resolve().parents[3] / "data" / "regions.yaml"


class RegionWords(BaseModel):
    """A region's words in one language: its name and a phrase for each placeholder."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    emergency: str
    emergency_department: str
    urgent_help: str
    doctor: str

    def placeholders(self) -> dict[str, str]:
        return {key: getattr(self, key) for key in PLACEHOLDERS}


class Region(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z_]+$")
    territories: list[str] = Field(description="ISO 3166 codes whose language tags (en-GB) mean this region.")
    emergency_number: str | None = Field(description="Dialled as is (tap to call); none for the neutral region.")
    words: dict[str, RegionWords] = Field(description="Language -> the region's words.")


class Regions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    default: str
    regions: list[Region] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Regions:
        ids = [r.id for r in self.regions]
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate region ids")
        if self.default not in ids:
            raise ValueError(f"default region '{self.default}' is not listed")
        languages = {language for r in self.regions for language in r.words}
        for region in self.regions:
            missing = languages - region.words.keys()
            if missing:
                raise ValueError(f"region '{region.id}' has no words for {sorted(missing)}")
        return self

    def get(self, region_id: str) -> Region:
        return next((r for r in self.regions if r.id == region_id), self.by_id(self.default))

    def by_id(self, region_id: str) -> Region:
        return next(r for r in self.regions if r.id == region_id)

    def languages(self) -> set[str]:
        """The languages every region has words for (the model checks they all have the same)."""
        return set(self.regions[0].words)

    def ids(self) -> list[str]:
        return [r.id for r in self.regions]

    def for_territory(self, territory: str | None) -> Region:
        """The region of a language tag's territory ('GB' -> uk), else the default."""
        if territory:
            for region in self.regions:
                if territory.upper() in region.territories:
                    return region
        return self.by_id(self.default)


#: More language tags than anyone sends: a longer header is read only this far.
MAX_TAGS = 20


def preferred_tags(header: str | None) -> list[str]:
    """The language tags of an `Accept-Language` header, most preferred first (RFC 9110 q-values;
    a tag with q=0 is refused, and a malformed q counts as 0)."""
    weighted: list[tuple[float, int, str]] = []
    for position, part in enumerate((header or "").split(",")[:MAX_TAGS]):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag.strip() and quality > 0:
            weighted.append((-quality, position, tag.strip().replace("_", "-")))
    return [tag for _, _, tag in sorted(weighted)]


def territory_of(tag: str) -> str | None:
    """A language tag's country ('zh-Hant-TW' -> 'TW', 'en' -> None; 'es-419' names a region of
    the world, not a country)."""
    return next((part.upper() for part in tag.split("-")[1:] if len(part) == 2 and part.isalpha()), None)


@cache
def load(path: Path = DEFAULT_PATH) -> Regions:
    return Regions.model_validate(read_yaml(path.read_text(encoding="utf-8")))
