# Agent console image (Python 3.11, aiohttp + psycopg 3 only: no models, no torch). Build from
# the repository root:
#   docker build -f docker/console.Dockerfile -t rasa-genrec/console .
# Runs as nobody (uid 65534). The action server writes the handoff spool with mode 600, so
# docker-compose.yml runs it as the same uid; state (token file, dead letter) in /var/lib/console.
FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    CONSOLE_HOST=0.0.0.0 CONSOLE_PORT=8001 CONSOLE_STATE_DIR=/var/lib/console
WORKDIR /app
COPY genrec_core ./genrec_core
RUN pip install "aiohttp==3.14.5" "psycopg[binary]==3.3.9" ./genrec_core \
 && mkdir -p /var/lib/console /var/lib/handoff \
 && chown 65534:65534 /var/lib/console /var/lib/handoff
COPY console ./console
EXPOSE 8001
USER 65534:65534
HEALTHCHECK --interval=30s --timeout=5s \
  CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8001/health', timeout=4)"]
CMD ["python", "-m", "console"]
