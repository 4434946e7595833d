"""Configuration from the environment (and an optional `.env` file), with safe defaults.

Every setting has a default that works on a developer's laptop: SQLite under `var/`, the
knowledge base shipped in `data/`, the server on 127.0.0.1:8000. Defaults are the safe choice:
every client is rate limited (no address exempt, not even this machine, since a reverse proxy on
the same host makes every client look local; only in-process test clients, `IN_PROCESS_CLIENT`),
and the CSRF secret, when none is given, is made once
and kept in the data directory, so restarts and other processes on the host sign alike.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from app.core.knowledge.loader import DEFAULT_PATH

PROJECT_ROOT = Path(__file__).resolve().parents[1]

#: Rate-limit storage URLs: in-process memory, or Redis (TCP, TLS, unix socket) shared by processes.
MEMORY_SCHEMES = frozenset({"memory"})
REDIS_SCHEMES = frozenset({"redis", "rediss", "redis+unix"})
#: The client name Starlette's in-process TestClient gives every request. No network connection
#: has it (servers report addresses), so exempting it exempts no one outside this process; in-process
#: checks such as the shared contract check send dozens of writes a minute.
IN_PROCESS_CLIENT = "testclient"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TWITCHCHECK_", env_file=".env", extra="ignore")

    @field_validator("trusted_proxies", "rate_limit_exempt", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        return [part.strip() for part in value.split(",") if part.strip()] if isinstance(value, str) else value

    @field_validator("rate_limit_storage")
    @classmethod
    def _storage(cls, value: str) -> str:
        scheme = urlsplit(value).scheme
        if scheme not in MEMORY_SCHEMES | REDIS_SCHEMES:
            raise ValueError(f"must be memory:// or a Redis URL (redis://host:6379/0), not {scheme or value}")
        return value

    # data_dir comes first: database_url's default is read from it
    data_dir: Path = Field(
        default=PROJECT_ROOT / "var",
        description="Where the app keeps its own files: the SQLite database (by default) and the CSRF secret "
        "(`secret_key`, made on first start when TWITCHCHECK_SECRET_KEY is unset).",
    )
    database_url: str = Field(
        default_factory=lambda data: f"sqlite:///{Path(data['data_dir']) / 'twitchcheck.sqlite3'}",
        validation_alias=AliasChoices("DATABASE_URL", "TWITCHCHECK_DATABASE_URL"),
        description="SQLAlchemy URL: sqlite:///path (default, created on first run) or postgresql+psycopg://...",
    )
    kb_path: Path = Field(default=DEFAULT_PATH, description="The knowledge base YAML file.")
    host: str = Field(default="127.0.0.1", description="Address `twitchcheck serve` listens on.")
    port: int = Field(default=8000, ge=1, le=65535, description="Port `twitchcheck serve` listens on.")
    auto_migrate: bool = Field(default=True, description="Apply database migrations at start-up.")
    db_pool_size: int = Field(default=5, ge=1, description="PostgreSQL connections per app process.")
    max_body_bytes: int = Field(default=64 * 1024, ge=1024, description="Larger request bodies get 413.")
    secret_key: SecretStr | None = Field(
        default=None,
        description="Signs CSRF tokens. When unset, one is made once and kept in DATA_DIR/secret_key (mode 0600), "
        "so restarts and every process on this host agree; set it when processes run on several hosts.",
    )
    rate_limit: str = Field(
        default="30/minute",
        description="Per-client limit on what costs: storing an assessment (the questionnaire's last step, "
        "POST /api/assessments), diary writes, and every POST, PUT, PATCH and DELETE of the API "
        "(limits syntax, e.g. '30/minute'; 'off' disables).",
    )
    rate_limit_steps: str = Field(
        default="300/minute",
        description="Per-client limit on the questionnaire's page steps (POST /check and /check/full: Next "
        "and Back), counted apart from the writes ('off' disables).",
    )
    rate_limit_storage: str = Field(
        default="memory://",
        description="Where the rate-limit counters live: memory:// (each process its own) or a Redis URL "
        "(redis://host:6379/0; every process shares them; needs the `redis` extra).",
    )
    rate_limit_exempt: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: [IN_PROCESS_CLIENT],
        description="Clients never rate limited (comma-separated addresses or networks). No address by default, "
        "not even this machine, since behind a proxy on the same host every client looks local: only "
        f"'{IN_PROCESS_CLIENT}', the name in-process test clients go by, which no connection has.",
    )
    trusted_proxies: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Proxy addresses whose X-Forwarded-For is believed (comma-separated); none by default.",
    )
    retention_days: int = Field(default=30, ge=1, description="Stored assessments older than this are deleted.")
    diary_retention_days: int = Field(
        default=365, ge=1, description="Diaries nobody has changed for this many days are deleted with their entries."
    )
    purge_interval_minutes: int = Field(default=60, ge=0, description="How often the app purges; 0 turns it off.")
    log_level: str = Field(default="INFO", description="Log level of the JSON logs.")
    cookie_secure: bool = Field(
        default=True, description="Mark cookies Secure (browsers still accept them on http://localhost)."
    )
