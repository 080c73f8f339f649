# Rasa server and action server image (Python 3.10, rasa 3.6.21). Build from the repository root:
#   docker build -f docker/rasa.Dockerfile -t rasa-genrec/rasa .
# Run as the Rasa server (default CMD) or as the action server:
#   docker run -w /app rasa-genrec/rasa rasa run actions --actions actions
# Runs as the user genrec (uid/gid 10001, no shell; the console's uid, for the handoff spool
# of mode 600). Code and the trained model belong to root and are read only to it; writable:
# /var/lib/handoff (the action server's spool, a volume in docker-compose.yml) and its HOME
# (/home/genrec: Rasa's settings file, nothing that must survive the container).
FROM python:3.10-slim
ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PYTHONPATH=/app
WORKDIR /app
COPY requirements-rasa.txt ./
COPY genrec_core ./genrec_core
RUN pip install -r requirements-rasa.txt psycopg2-binary ./genrec_core
# The PII-redacting tracker store (endpoints.production.yml) is loaded from here (PYTHONPATH).
COPY genrec_rasa ./genrec_rasa
COPY rasa_project ./rasa_project
COPY actions ./actions
# The domain is a folder (rasa_project/domain/); rasa train looks for domain.yml unless told.
RUN cd rasa_project && rasa train --domain domain --out models --fixed-model-name genrec
RUN python -m compileall -q /app/genrec_rasa /app/actions \
 && groupadd --system --gid 10001 genrec \
 && useradd --system --uid 10001 --gid 10001 --home-dir /home/genrec --create-home \
      --shell /usr/sbin/nologin genrec \
 && install -d -o 10001 -g 10001 -m 0750 /var/lib/handoff
WORKDIR /app/rasa_project
EXPOSE 5005 5055
USER 10001:10001
# Rasa's `/` answers without a token. The action server (port 5055, /health) overrides this
# check in docker-compose.yml.
HEALTHCHECK --interval=30s --timeout=5s --start-period=180s --retries=3 \
  CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:5005/', timeout=4)"]
CMD ["rasa", "run", "--enable-api", "--model", "models/genrec.tar.gz", \
     "--endpoints", "endpoints.production.yml", "--credentials", "credentials.yml"]
