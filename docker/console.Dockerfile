# Agent console image (Python 3.11, aiohttp + psycopg 3 only: no models, no torch). Build from
# the repository root:
#   docker build -f docker/console.Dockerfile -t rasa-genrec/console .
# Runs as the user genrec (uid/gid 10001, no shell); the code belongs to root and is read only
# to it. The action server (docker/rasa.Dockerfile, the same uid) writes the handoff spool
# with mode 600. Writable: /var/lib/console (token file, dead letters) and /var/lib/handoff,
# both volumes in docker-compose.yml.
FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    CONSOLE_HOST=0.0.0.0 CONSOLE_PORT=8001 CONSOLE_STATE_DIR=/var/lib/console
WORKDIR /app
COPY genrec_core ./genrec_core
RUN pip install "aiohttp==3.14.5" "psycopg[binary]==3.3.9" ./genrec_core \
 && groupadd --system --gid 10001 genrec \
 && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/console --no-create-home \
      --shell /usr/sbin/nologin genrec \
 && install -d -o 10001 -g 10001 -m 0750 /var/lib/console /var/lib/handoff
COPY console ./console
RUN python -m compileall -q /app/console
EXPOSE 8001
USER 10001:10001
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8001/health', timeout=4)"]
CMD ["python", "-m", "console"]
