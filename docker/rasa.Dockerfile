# Rasa server and action server image (Python 3.10, rasa 3.6.21). Build from the repository root:
#   docker build -f docker/rasa.Dockerfile -t rasa-genrec/rasa .
# Run as the Rasa server (default CMD) or as the action server:
#   docker run -w /app rasa-genrec/rasa rasa run actions --actions actions
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
WORKDIR /app/rasa_project
EXPOSE 5005 5055
CMD ["rasa", "run", "--enable-api", "--model", "models/genrec.tar.gz", \
     "--endpoints", "endpoints.production.yml", "--credentials", "credentials.yml"]
