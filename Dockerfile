# syntax=docker/dockerfile:1
# Twitchcheck: a slim, non-root image. Build: docker build -t twitchcheck .
# Run:   docker run -p 8000:8000 -e DATABASE_URL=postgresql+psycopg://... twitchcheck
#        (several containers: also -e TWITCHCHECK_RATE_LIMIT_STORAGE=redis://... -e TWITCHCHECK_SECRET_KEY=...)

FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
# The locked runtime dependencies first, in a layer of their own: a change to the code reuses it.
COPY requirements.lock ./
RUN python -m venv /opt/venv \
    && /opt/venv/bin/pip install --no-cache-dir --require-hashes -r requirements.lock
# Then the project itself (for the `twitchcheck` command), without dependencies: all are locked above.
COPY pyproject.toml README.md ./
COPY app ./app
RUN /opt/venv/bin/pip install --no-cache-dir --no-deps .
# The interface's translations: the .po files compiled to the .mo files the app loads (not in git).
COPY locales ./locales
RUN /opt/venv/bin/pybabel compile --directory locales --domain messages

FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app \
    TWITCHCHECK_HOST=0.0.0.0 \
    TWITCHCHECK_PORT=8000 \
    TWITCHCHECK_KB_PATH=/app/data/causes.yaml \
    DATABASE_URL=sqlite:////app/var/twitchcheck.sqlite3
RUN groupadd --system --gid 10001 twitchcheck \
    && useradd --system --uid 10001 --gid twitchcheck --home-dir /app --shell /usr/sbin/nologin twitchcheck
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
# The app runs from /app (PYTHONPATH), next to the data, templates and static files it reads.
COPY app ./app
COPY data ./data
COPY templates ./templates
COPY static ./static
COPY --from=build /src/locales ./locales
# Bytecode compiled at build time: with PYTHONDONTWRITEBYTECODE every start would compile each module.
RUN python -m compileall -q /app/app \
    && mkdir -p /app/var && chown twitchcheck:twitchcheck /app/var
USER 10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"]
CMD ["twitchcheck", "serve"]
