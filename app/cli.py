"""The `twitchcheck` command: serve, validate, evaluate, migrate, schema."""

from __future__ import annotations

import argparse
import json
import os
import socket
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="twitchcheck", description="Educational muscle-twitch checker.")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="serve the app (settings from the environment)")
    serve.add_argument("--host", help="listen address (default: TWITCHCHECK_HOST or 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default: TWITCHCHECK_PORT or 8000)")
    serve.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    serve.add_argument(
        "--dev",
        action="store_true",
        help="for a person at a terminal (make run): one line saying where the app runs and how to stop it, "
        "and only warnings and errors logged (unless TWITCHCHECK_LOG_LEVEL says otherwise)",
    )

    validate = commands.add_parser("validate", help="check a knowledge base file; print the problems or 'ok'")
    validate.add_argument("path", nargs="?", type=Path, help="default: the configured knowledge base")

    evaluate = commands.add_parser(
        "evaluate",
        help="score clinical vignette sets: top-1, top-3, triage, per-cause sensitivity, confusion table",
    )
    evaluate.add_argument(
        "vignettes", type=Path, nargs="+", help="YAML lists of cases (id, answers, expect); each file is a set"
    )
    evaluate.add_argument("--kb", type=Path, help="knowledge base file (default: the configured one)")
    evaluate.add_argument(
        "--targets", choices=["public", "unseen", "none"], default="none", help="exit 1 when below these targets"
    )
    evaluate.add_argument(
        "--write",
        type=Path,
        metavar="JSON",
        help="also write each set's headline figures to this file (data/evaluation.json feeds /about/safety)",
    )
    evaluate.add_argument(
        "--interview",
        action="store_true",
        help="simulate the adaptive interview and compare with the full questionnaire",
    )

    commands.add_parser("migrate", help="apply database migrations to DATABASE_URL")
    purge = commands.add_parser("purge", help="delete assessments and unused diaries past their retention periods")
    purge.add_argument("--days", type=int, help="assessments; default: TWITCHCHECK_RETENTION_DAYS (30)")
    purge.add_argument(
        "--diary-days", type=int, help="diaries unchanged this long; default: TWITCHCHECK_DIARY_RETENTION_DAYS (365)"
    )
    translations = commands.add_parser(
        "translations",
        help="write or bring up to date a language's files (data/causes.<lang>.yaml, data/function_check.<lang>.yaml)",
    )
    translations.add_argument("language", help="a language code, e.g. fr")
    translations.add_argument(
        "--to", type=Path, metavar="DIR", help="write the files there instead of beside the English ones"
    )
    schema = commands.add_parser("schema", help="write the knowledge base JSON Schema (data/causes.schema.json)")
    schema.add_argument("--check", action="store_true", help="exit 1 if the committed schema is stale")

    args = parser.parse_args(argv)
    return {
        "serve": _serve,
        "validate": _validate,
        "evaluate": _evaluate,
        "migrate": _migrate,
        "purge": _purge,
        "schema": _schema,
        "translations": _translations,
    }[args.command](args)


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from app.settings import Settings

    if args.dev:  # the app reads it when uvicorn imports app.main, below
        os.environ.setdefault("TWITCHCHECK_LOG_LEVEL", "WARNING")
    settings = Settings()
    host, port = args.host or settings.host, args.port or settings.port
    options: dict[str, Any] = dict(
        host=host,
        port=port,
        workers=args.workers,
        proxy_headers=False,  # the app itself trusts forwarded addresses only from TWITCHCHECK_TRUSTED_PROXIES
        access_log=False,  # the app logs a redacted access line instead (no assessment ids)
        timeout_keep_alive=5,
        timeout_graceful_shutdown=10,
        limit_concurrency=512,
        h11_max_incomplete_event_size=16 * 1024,
        log_config=None,  # JSON logs, configured by the app
    )
    if not args.dev or args.workers > 1:
        uvicorn.run("app.main:app", **options)
        return 0

    class Announcing(uvicorn.Server):
        """Says, once the app has started and listens, where it runs and how to stop it."""

        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets)
            if self.started:
                shown = f"[{host}]" if ":" in host else host
                print(f"Twitchcheck is running at http://{shown}:{port} - press Ctrl+C to stop", flush=True)

    try:
        Announcing(uvicorn.Config("app.main:app", **options)).run()
    except KeyboardInterrupt:  # Ctrl+C: uvicorn has shut the app down already
        pass
    print("Twitchcheck stopped.", flush=True)
    return 0


def _validate(args: argparse.Namespace) -> int:
    from app.core.knowledge.loader import KnowledgeBaseError, load
    from app.settings import Settings

    path = Path(args.path or Settings().kb_path)
    try:
        load(path)
    except KnowledgeBaseError as exc:
        for problem in exc.problems:
            print(problem)
        print(f"{len(exc.problems)} problem(s) in {path}", file=sys.stderr)
        return 1
    problems = _language_problems(path)
    for text in problems:
        print(text)
    if problems:
        print(f"{len(problems)} problem(s) in the language files beside {path}", file=sys.stderr)
        return 1
    print("ok")
    return 0


def _language_problems(path: Path) -> list[str]:
    """Every language's texts against the English (missing, extra, stale, broken placeholders),
    for the knowledge base and the function check, and the regions' words."""
    from pydantic import ValidationError

    from app.core.diary import function_check
    from app.core.knowledge import regions, translations
    from app.core.knowledge.localized import language_problems, languages_of
    from app.web.i18n import LANGUAGES

    problems: list[str] = []
    try:
        offered = regions.load()
    except ValidationError as exc:
        problems.append(f"{regions.DEFAULT_PATH}: {exc}")
    else:
        missing = [language for language in LANGUAGES if language not in offered.languages()]
        problems += [f"{regions.DEFAULT_PATH}: no words for '{language}'" for language in missing]
    for language in sorted(set(LANGUAGES[1:]) | set(languages_of(path)[1:])):  # offered, or with a file
        problems += language_problems(path, language)
        problems += language_problems(
            function_check.DEFAULT_PATH,
            language,
            translations.FUNCTION_CHECK_FIELDS,
            translations.FUNCTION_CHECK_PLACEHOLDERS,
        )
    return problems


def _translations(args: argparse.Namespace) -> int:
    """Add every new English text with an empty translation and drop texts the base no longer has;
    translations already there are kept as they are (`validate` then lists what is left to do:
    the empty ones, and those whose English changed)."""
    import yaml

    from app.core.diary import function_check
    from app.core.knowledge import translations
    from app.core.knowledge.localized import language_file, read_texts
    from app.settings import Settings

    language = args.language
    for base, fields in (
        (Path(Settings().kb_path), translations.TEXT_FIELDS),
        (function_check.DEFAULT_PATH, translations.FUNCTION_CHECK_FIELDS),
    ):
        english, entries = read_texts(base, language, fields)
        updated = {key: entries.get(key) or {"en": text, language: ""} for key, text in english.items()}
        path = language_file(args.to / base.name if args.to else base, language)
        header = (
            "# yaml-language-server: $schema=translation.schema.json\n"
            f"# The texts of {base.name} in '{language}': each key with the English it translates and the\n"
            "# translation. `twitchcheck validate` lists what is missing or out of date.\n\n"
        )
        path.write_text(
            header + yaml.safe_dump(updated, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8"
        )
        todo = sum(
            1
            for entry in updated.values()
            if not entry[language] or entry["en"] != english.get(entry["en"], entry["en"])
        )
        print(f"{path}: {len(updated)} texts, {todo} to translate")
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from app.core.engine import compile_knowledge
    from app.core.engine.evaluation import PUBLIC_TARGETS, UNSEEN_TARGETS, evaluate
    from app.core.knowledge.loader import load, read_yaml
    from app.settings import Settings

    knowledge = compile_knowledge(load(args.kb or Settings().kb_path))
    targets = {"public": PUBLIC_TARGETS, "unseen": UNSEEN_TARGETS}.get(args.targets)
    failed = False
    written = []
    for path in args.vignettes:
        cases = read_yaml(path.read_text(encoding="utf-8"))
        print(f"== {path}")
        if args.interview:
            from app.core.engine import interview_eval

            full, interviewed, counts = interview_eval.compare(knowledge, cases)
            print(interview_eval.render(full, interviewed, counts))
            continue
        report = evaluate(knowledge, cases)
        print(report.render())
        print(report.render_detail())
        written.append({"set": path.stem, **report.figures()})
        for failure in report.failures(targets) if targets else []:
            print(f"BELOW TARGET: {failure}")
            failed = True
    if args.write:
        summary = {"kb_version": knowledge.kb.version, "sets": written}
        args.write.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.write}")
    return 1 if failed else 0


def _migrate(args: argparse.Namespace) -> int:
    from app.settings import Settings
    from app.storage import migrate
    from app.storage.db import make_engine

    migrate.upgrade(make_engine(Settings().database_url))
    print("database is at the latest migration")
    return 0


def _purge(args: argparse.Namespace) -> int:
    from app.settings import Settings
    from app.storage import retention
    from app.storage.db import make_engine

    settings = Settings()
    days = args.days or settings.retention_days
    diary_days = args.diary_days or settings.diary_retention_days
    engine = make_engine(settings.database_url)
    count = retention.purge(engine, days)
    print(f"deleted {count} assessment(s) older than {days} days")
    count = retention.purge_diaries(engine, diary_days)
    print(f"deleted {count} diary(ies) unchanged for {diary_days} days")
    return 0


def _schema(args: argparse.Namespace) -> int:
    from app.core.knowledge import schema

    if args.check:
        current = schema.SCHEMA_PATH.read_text(encoding="utf-8") if schema.SCHEMA_PATH.exists() else ""
        if current != schema.render():
            print(f"{schema.SCHEMA_PATH} is stale: run `twitchcheck schema`")
            return 1
        print("ok")
        return 0
    print(f"wrote {schema.write()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
